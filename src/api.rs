//! What every generated API has in common: the contract between the generated types and the
//! hand-written runtime (client, mock server, notifications).

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::validate::Validate;

/// An API the merchant calls: one is generated per request page in `spec/`.
pub trait Api {
    /// The API's name as on its page: `createVaultingSession`.
    const NAME: &'static str;
    /// The path below the gateway prefix (`/ams/api` or `/ams/sandbox/api`):
    /// `/v1/vaults/createVaultingSession`.
    const PATH: &'static str;
    /// The page's examples of request bodies, verbatim: for the mock and the tests, not part
    /// of the API.
    #[doc(hidden)]
    const EXAMPLE_REQUESTS: &'static [&'static str] = &[];
    /// The page's examples of response bodies, verbatim: for the mock and the tests, not part
    /// of the API.
    #[doc(hidden)]
    const EXAMPLE_RESPONSES: &'static [&'static str] = &[];
    /// The request body.
    type Request: Serialize + DeserializeOwned + Validate + fmt::Debug + Send + Sync;
    /// The body of a successful response.
    type Response: Serialize + DeserializeOwned + fmt::Debug + Send + Sync;
    /// The page's result codes.
    type ResultCode: ResultCode;

    /// The value of the request's idempotency field (`paymentRequestId`, `refundRequestId`...),
    /// which the page documents as telling a resend from a new request; `None` when it has none.
    fn idempotency_key(request: &Self::Request) -> Option<&str> {
        let _ = request;
        None
    }
}

/// A notification Antom sends to the merchant: one is generated per notification page.
pub trait Notification {
    /// The notification's name as on its page: `notifyVaulting`.
    const NAME: &'static str;
    /// The page's examples of notification bodies, verbatim: for the mock and the tests, not
    /// part of the API.
    #[doc(hidden)]
    const EXAMPLE_REQUESTS: &'static [&'static str] = &[];
    /// The page's examples of acknowledgements, verbatim: for the mock and the tests, not part
    /// of the API.
    #[doc(hidden)]
    const EXAMPLE_RESPONSES: &'static [&'static str] = &[];
    /// The body Antom sends.
    type Request: Serialize + DeserializeOwned + Validate + fmt::Debug + Send + Sync;
    /// The acknowledgement the merchant answers with.
    type Response: Serialize + DeserializeOwned + fmt::Debug + Send + Sync;
    /// The page's result codes.
    type ResultCode: ResultCode;
}

/// A page's result codes as a type: one enum per page, with a fallback for codes the page does
/// not list.
pub trait ResultCode:
    fmt::Debug + fmt::Display + Clone + PartialEq + Send + Sync + 'static
{
    /// The code for its wire spelling; an unknown code is kept as it is.
    fn from_code(code: &str) -> Self;
    /// The wire spelling: `PARAM_ILLEGAL`.
    fn code(&self) -> &str;
    /// The result status the page gives this code, or `None` for an unknown code.
    fn status(&self) -> Option<ResultStatus>;
    /// The page's message for this code, or `None` for an unknown code.
    fn message(&self) -> Option<&'static str>;
    /// Whether sending the identical request again may succeed, following the page's result
    /// process logic (status `U` codes are retried with the same request ID).
    fn is_retryable(&self) -> bool;
}

/// The result status of a call: the `resultStatus` of the `result` every response carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResultStatus {
    /// `S`: the call succeeded.
    #[serde(rename = "S")]
    Success,
    /// `F`: the call failed; the result code says why.
    #[serde(rename = "F")]
    Failure,
    /// `U`: the outcome is unknown; resend the same request (same request ID) or inquire.
    #[serde(rename = "U")]
    Unknown,
}

impl ResultStatus {
    /// The status for its wire letter: `S`, `F` or `U`.
    pub fn from_letter(letter: &str) -> Option<Self> {
        match letter {
            "S" => Some(ResultStatus::Success),
            "F" => Some(ResultStatus::Failure),
            "U" => Some(ResultStatus::Unknown),
            _ => None,
        }
    }

    /// The wire letter: `S`, `F` or `U`.
    pub fn as_str(self) -> &'static str {
        match self {
            ResultStatus::Success => "S",
            ResultStatus::Failure => "F",
            ResultStatus::Unknown => "U",
        }
    }
}

impl fmt::Display for ResultStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `result` object that every Antom response (failed ones included) carries.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResultEnvelopeInner {
    result_code: String,
    result_status: ResultStatus,
    #[serde(default)]
    result_message: String,
}

#[derive(Deserialize)]
struct ResultEnvelope {
    result: ResultEnvelopeInner,
}

/// A response body read as far as its `result`: enough to tell success from failure, for any
/// API, even when a failed call's body carries nothing but `result`.
#[derive(Debug, Clone, PartialEq)]
pub struct CallResult<C> {
    /// The typed result code.
    pub code: C,
    /// The result status.
    pub status: ResultStatus,
    /// Antom's result message.
    pub message: String,
}

impl<C: ResultCode> CallResult<C> {
    /// Reads the `result` of a response body, ignoring every other field.
    pub fn from_slice(body: &[u8]) -> Result<Self, serde_json::Error> {
        let ResultEnvelope { result } = serde_json::from_slice(body)?;
        Ok(CallResult {
            code: C::from_code(&result.result_code),
            status: result.result_status,
            message: result.result_message,
        })
    }
}

/// A response body, decoded: the typed response when the call succeeded, otherwise its result.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<R, C> {
    /// Result status `S`: the full response.
    Success(R),
    /// Result status `F` or `U`: the typed result code and message.
    NotSuccess(CallResult<C>),
}

/// Decodes a response body of API `A`: its `result` first, then, if it says `S`, the whole body.
///
/// A successful body is read once, after a look at its `result` that stops there (Antom puts
/// `result` first); any other body is read for its `result` alone, as [`CallResult::from_slice`].
pub fn decode_response<A: Api>(
    body: &[u8],
) -> Result<Outcome<A::Response, A::ResultCode>, serde_json::Error> {
    if peek_status(body) == Some(ResultStatus::Success) {
        return serde_json::from_slice(body).map(Outcome::Success);
    }
    let result = CallResult::<A::ResultCode>::from_slice(body)?;
    if result.status == ResultStatus::Success {
        serde_json::from_slice(body).map(Outcome::Success)
    } else {
        Ok(Outcome::NotSuccess(result))
    }
}

/// The `resultStatus` of a body's top-level `result`, read without going past it: `None` when
/// the body has none before something unreadable.
pub(crate) fn peek_status(body: &[u8]) -> Option<ResultStatus> {
    use serde::Deserializer as _;
    use serde::de::{IgnoredAny, MapAccess, Visitor};

    #[derive(Deserialize)]
    #[serde(field_identifier, rename_all = "camelCase")]
    enum Key {
        Result,
        #[serde(other)]
        Other,
    }

    struct Peek<'a>(&'a mut Option<ResultStatus>);

    impl<'de> Visitor<'de> for Peek<'_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
            while let Some(key) = map.next_key::<Key>()? {
                match key {
                    Key::Result => {
                        let result: ResultEnvelopeInner = map.next_value()?;
                        *self.0 = Some(result.result_status);
                        // Stop here: the deserializer then reports the unread rest, ignored.
                        return Ok(());
                    }
                    Key::Other => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(())
        }
    }

    let mut status = None;
    let _ = serde_json::Deserializer::from_slice(body).deserialize_map(Peek(&mut status));
    status
}

/// Visits every generated API type; the generated `visit_apis` function calls
/// [`ApiVisitor::visit`] once per request page and [`ApiVisitor::visit_notification`] once per
/// notification page, so that generic code (the mock server, the examples tests) covers every
/// page in `spec/` without naming one.
pub trait ApiVisitor {
    /// Called once per request API.
    fn visit<A: Api + 'static>(&mut self);
    /// Called once per notification.
    fn visit_notification<N: Notification + 'static>(&mut self);
    /// Called, after every API and notification, once per API whose page names the inquiry
    /// that settles an unknown outcome ([`crate::resolve::Inquirable`]).
    fn visit_inquirable<A: crate::resolve::Inquirable + 'static>(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_status_letters_round_trip() {
        for status in [
            ResultStatus::Success,
            ResultStatus::Failure,
            ResultStatus::Unknown,
        ] {
            assert_eq!(ResultStatus::from_letter(status.as_str()), Some(status));
        }
        assert_eq!(ResultStatus::from_letter("s"), None);
    }

    #[test]
    fn peek_finds_the_status_wherever_result_stands() {
        let first = br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":""},"x":[1,{"y":2}]}"#;
        let last = br#"{"x":[1,{"y":2}],"result":{"resultCode":"X","resultStatus":"F"}}"#;
        assert_eq!(peek_status(first), Some(ResultStatus::Success));
        assert_eq!(peek_status(last), Some(ResultStatus::Failure));
        assert_eq!(peek_status(br#"{"x":1}"#), None);
        assert_eq!(peek_status(b"not json"), None);
        assert_eq!(peek_status(br#"{"result":{"resultStatus":"Q"}}"#), None);
    }
}
