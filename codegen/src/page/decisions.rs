//! The decisions taken once a page is read: sensitive parameters, retryable result codes, how
//! a notification is told apart from the others, which inquiry settles a request.
//!
//! Which names are sensitive comes from `spec/policy.yaml`; whether a result code may be
//! retried comes from the page's own words, recorded beside the decision.

use crate::inputs::Policy;
use crate::spec::{
    ApiKind, ApiSpec, Dispatch, FinalStatus, Parameter, ResultCode, ResultStatus, Type, Values,
};

/// The inquiry that settles an unknown outcome of a request API: the first API name starting
/// with `inquir` (`inquiryPayment`, `inquireVaulting`) that the page's result process logic
/// gives for status `U`, else for `S`, else for `F`; never the page's own API.
pub(super) fn decide_inquiry(spec: &mut ApiSpec) {
    if spec.kind != ApiKind::Request {
        return;
    }
    let named = |status: ResultStatus| {
        spec.result_process
            .iter()
            .filter(|p| p.status == status)
            .flat_map(|p| words(&p.action))
            .find(|word| {
                word.starts_with("inquir")
                    && word.chars().any(|c| c.is_ascii_uppercase())
                    && *word != spec.api
            })
            .map(str::to_owned)
    };
    spec.inquiry = named(ResultStatus::U)
        .or_else(|| named(ResultStatus::S))
        .or_else(|| named(ResultStatus::F));
    // `... cancel the payment through cancel.`: the API named after `through`, for status `U`.
    spec.cancel = spec
        .result_process
        .iter()
        .filter(|p| p.status == ResultStatus::U)
        .find_map(|p| {
            let words: Vec<&str> = words(&p.action).collect();
            words
                .windows(2)
                .find(|w| w[0] == "through" && w[1].starts_with("cancel"))
                .map(|w| w[1].to_owned())
        });
}

/// The words of a piece of advice: its runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// For an inquiry API (its name starts with `inquir`): the top-level response field named
/// `...Status` (not `resultStatus`) with a closed set of values; a value is pending when the
/// page describes it as still going on (`still`, `not yet`, `awaited`), final otherwise. And the
/// code that says the inquired request does not exist: status `F`, a message saying it does not
/// exist or cannot be found, an action naming one of the inquiry's request parameters (so not
/// `KEY_NOT_FOUND`, whose action is about keys).
pub(super) fn decide_final_status(spec: &mut ApiSpec) {
    if spec.kind != ApiKind::Request || !spec.api.starts_with("inquir") {
        return;
    }
    let field = spec.response.iter().find_map(|p| match &p.values {
        Some(Values::Closed(values))
            if p.name.ends_with("Status") && p.name != "resultStatus" && p.ty == Type::String =>
        {
            Some((p, values))
        }
        _ => None,
    });
    let Some((p, values)) = field else {
        return;
    };
    let going_on = |description: &str| {
        let d = description.to_lowercase();
        ["still", "not yet", "awaited"]
            .iter()
            .any(|w| d.contains(w))
    };
    let (pending, done): (Vec<_>, Vec<_>) = values.iter().partition(|v| going_on(&v.description));
    let missing = |message: &str| {
        let m = message.to_lowercase();
        ["does not exist", "cannot be found", "not found"]
            .iter()
            .any(|w| m.contains(w))
    };
    let names_the_request = |action: &str| spec.request.iter().any(|r| action.contains(&r.name));
    let not_found = spec
        .result_codes
        .iter()
        .flat_map(|table| &table.codes)
        .find(|c| {
            c.status == Some(ResultStatus::F) && missing(&c.message) && names_the_request(&c.action)
        })
        .map(|c| c.code.clone());
    spec.final_status = Some(FinalStatus {
        field: p.name.clone(),
        values: done.into_iter().map(|v| v.value.clone()).collect(),
        pending: pending.into_iter().map(|v| v.value.clone()).collect(),
        not_found,
    });
}

/// How a notification is told from the others (see [`Dispatch`]): by its body's type field, a
/// top-level required string named `notifyType` or `...NotificationType`, by the values the page
/// lists or fixes for it (by its presence when the page lists none); without one, by the route
/// the merchant registered for it. Requests get none.
pub(super) fn decide_dispatch(spec: &mut ApiSpec) {
    if spec.kind != ApiKind::Notification {
        return;
    }
    let is_type_field = |p: &&Parameter| {
        p.required
            && p.ty == Type::String
            && (p.name == "notifyType" || p.name.ends_with("NotificationType"))
    };
    let field = spec.request.iter().find(is_type_field).map(|p| {
        let values = match &p.values {
            Some(Values::Closed(values)) => values.iter().map(|v| v.value.clone()).collect(),
            Some(Values::Fixed(value)) => vec![value.clone()],
            Some(Values::Open(_)) | None => Vec::new(),
        };
        Dispatch::Field {
            name: p.name.clone(),
            values,
        }
    });
    spec.dispatch = Some(field.unwrap_or(Dispatch::Route));
}

/// Marks the parameters the policy names sensitive, and everything under them.
pub(super) fn mark_sensitive(params: &mut [Parameter], inherited: bool, policy: &Policy) {
    for p in params {
        p.sensitive = inherited || policy.is_sensitive(&p.name);
        mark_sensitive(&mut p.children, p.sensitive, policy);
    }
}

/// Decides, for every result code of the page, whether the identical request may be sent
/// again, and records the page's words that decided it (see [`retry`]).
pub(super) fn decide_retries(spec: &mut ApiSpec) {
    let u_logic: Vec<&str> = spec
        .result_process
        .iter()
        .filter(|p| p.status == ResultStatus::U)
        .map(|p| p.action.as_str())
        .collect();
    for table in &mut spec.result_codes {
        for row in &mut table.codes {
            let (retryable, rule) = retry(row, &u_logic);
            row.retryable = retryable;
            row.retry_rule = rule;
        }
    }
}

/// Phrases of a further action that ask for anything but the identical request again.
const NO_RETRY_PHRASES: &[&str] = &["with a new", "do not retry"];

/// Whether a code's request may be sent again unchanged, and why: only `U` codes are, unless
/// the result process logic for `U` names the code (`When result.resultCode is
/// PAYMENT_IN_PROCESS, wait for the notification`) or its further action asks for a new request
/// ID or says not to retry.
fn retry(row: &ResultCode, u_logic: &[&str]) -> (bool, String) {
    match row.status {
        Some(ResultStatus::S) => return (false, "status S: the call succeeded".to_owned()),
        Some(ResultStatus::F) => {
            return (
                false,
                "status F: the call failed, and the same request fails again".to_owned(),
            );
        }
        None => {
            return (
                false,
                "no status on the page: what the code means for the call is unknown".to_owned(),
            );
        }
        Some(ResultStatus::U) => {}
    }
    let names_the_code = |sentence: &&str| {
        sentence
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|word| word == row.code)
    };
    if let Some(sentence) = u_logic
        .iter()
        .flat_map(|logic| logic.split_inclusive(". "))
        .find(names_the_code)
    {
        return (
            false,
            format!(
                "the result process logic for U names it: \"{}\"",
                sentence.trim()
            ),
        );
    }
    let action = row.action.to_ascii_lowercase();
    if let Some(phrase) = NO_RETRY_PHRASES.iter().find(|p| action.contains(*p)) {
        return (
            false,
            format!("its further action says `{phrase}`: \"{}\"", row.action),
        );
    }
    (
        true,
        "status U, not named by the result process logic, and its further action asks for no new request".to_owned(),
    )
}
