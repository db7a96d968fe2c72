//! The route registry: one route per API the mock serves, made from the API's page, with the
//! checks of its request bodies.

use antom::resolve::{Inquirable, Settles};
use antom::{Api, ResultCode, ResultStatus, Validate};
use serde_json::Value;

/// One API the mock serves, with its page's data, type-erased.
pub(crate) struct Route {
    /// The API's name: `pay`.
    pub(crate) name: &'static str,
    /// The API's path below the prefix: `/v1/payments/pay`.
    pub(crate) path: &'static str,
    /// Deserializes and validates a body; `Err` carries what is wrong, naming fields.
    pub(crate) check: fn(&[u8]) -> Result<(), String>,
    /// The value of the body's idempotency field (the schema's `idempotency_key`), if any.
    pub(crate) key: fn(&[u8]) -> Option<String>,
    /// The page's message for a result code, if the page lists it.
    message: fn(&str) -> Option<&'static str>,
    /// The page's (first successful) example response.
    pub(crate) example: Value,
    /// For an inquiry: the fields by which it names the request it inquires, those it carries
    /// from the requests of the APIs it settles (`paymentRequestId`).
    pub(crate) names: Vec<&'static str>,
    /// For an inquiry: the code its page gives a request that does not exist
    /// (`ORDER_NOT_EXIST`).
    pub(crate) not_found: Option<&'static str>,
    /// For an API that inquiries settle: each inquiry, with the fields of this API's request
    /// that it carries (`inquiryPayment`, `["paymentRequestId"]` for `pay`).
    pub(crate) found_by: Vec<(&'static str, &'static [&'static str])>,
}

impl Route {
    /// The route of API `A`; `Err` says why its page cannot be served.
    pub(crate) fn new<A: Api + 'static>() -> Result<Route, String> {
        // The page's first example with result status S; failing that, its first example with
        // any status (the cashier `pay` page shows only `U` `PAYMENT_IN_PROCESS`, which is what
        // Antom answers to a successful cashier payment request).
        let mut first_error = None;
        let mut first_other = None;
        let mut success = None;
        for (index, text) in A::EXAMPLE_RESPONSES.iter().enumerate() {
            let value = match serde_json::from_str::<Value>(text) {
                Ok(value) => value,
                Err(e) => {
                    first_error.get_or_insert(format!("example response {index} is not JSON: {e}"));
                    continue;
                }
            };
            let status = value["result"]["resultStatus"]
                .as_str()
                .and_then(ResultStatus::from_letter);
            let code = value["result"]["resultCode"].as_str();
            match (status, code) {
                (Some(ResultStatus::Success), Some(_)) => {
                    success = Some(value);
                    break;
                }
                (Some(_), Some(_)) => {
                    first_other.get_or_insert(value);
                }
                _ => {
                    first_error.get_or_insert(format!(
                        "example response {index} has no result.resultStatus (S, F or U) and \
                         result.resultCode"
                    ));
                }
            }
        }
        let example = success.or(first_other).ok_or_else(|| {
            first_error.unwrap_or_else(|| "the page has no example response".to_owned())
        })?;
        if !A::PATH.starts_with('/') {
            return Err(format!("the path `{}` does not start with `/`", A::PATH));
        }
        Ok(Route {
            name: A::NAME,
            path: A::PATH,
            check: check_body::<A>,
            key: |body| {
                let request: A::Request = serde_json::from_slice(body).ok()?;
                A::idempotency_key(&request).map(str::to_owned)
            },
            message: |code| A::ResultCode::from_code(code).message(),
            example,
            names: Vec::new(),
            not_found: None,
            found_by: Vec::new(),
        })
    }

    /// The page's message for result code `code`, or `fallback` if the page does not list it.
    pub(crate) fn page_message(&self, code: &str, fallback: &str) -> String {
        (self.message)(code).unwrap_or(fallback).to_owned()
    }
}

/// Links API `A` and the inquiry that settles it, among `routes`: the inquiry names requests
/// by the fields it carries from `A`'s, and answers its page's not-found code for a request
/// never processed; `A` tells the inquiry what it processed.
pub(crate) fn link_inquiry<A: Inquirable + 'static>(routes: &mut [Route]) {
    let inquiry = <A::Inquiry as Api>::NAME;
    if let Some(route) = routes.iter_mut().find(|r| r.name == inquiry) {
        for field in A::CARRIED {
            if !route.names.contains(field) {
                route.names.push(field);
            }
        }
        route.not_found = <A::Inquiry as Settles>::NOT_FOUND;
    }
    if let Some(route) = routes.iter_mut().find(|r| r.name == A::NAME) {
        route.found_by.push((inquiry, A::CARRIED));
    }
}

/// Deserializes `body` into `A::Request` and validates it.
fn check_body<A: Api>(body: &[u8]) -> Result<(), String> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let request: A::Request = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| describe_deserialize_error(&e))?;
    deserializer
        .end()
        .map_err(|e| format!("the body is not valid JSON: {e}"))?;
    request.validate().map_err(|e| {
        e.violations
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// Says what is wrong with a body that does not deserialize, naming the field by its JSON path.
fn describe_deserialize_error(error: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let inner = error.inner();
    if inner.is_syntax() || inner.is_eof() {
        return format!("the body is not valid JSON: {inner}");
    }
    let path = error.path().to_string();
    let path = if path == "." { "" } else { path.as_str() };
    // serde_json appends the position; the path says more.
    let text = inner.to_string();
    let text = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => &text,
    };
    if let Some(field) = text
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return if path.is_empty() {
            format!("{field} is required")
        } else {
            format!("{path}.{field} is required")
        };
    }
    if path.is_empty() {
        text.to_owned()
    } else {
        format!("{path}: {text}")
    }
}
