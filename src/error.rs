//! What a call can end in, other than success.
//!
//! [`Error`] is generic over the API's result codes, so that a failed call carries the page's
//! typed code: `Error<CreateVaultingSessionResultCode>` for `createVaultingSession`. Code that
//! handles several APIs alike can erase the type with [`Error::into_any`], which keeps the code's
//! wire spelling in an [`AnyResultCode`]; `antom::Error` with no parameter is that erased form.
//!
//! The one question every error answers is whether the call may have taken effect at Antom:
//! [`Error::is_outcome_unknown`]. When it is `true`, inquire (for instance with `inquiryPayment`)
//! before deciding anything; never treat it as a failure.

use std::fmt;

use serde::de::DeserializeOwned;

use crate::api::{ResultCode, ResultStatus};
use crate::signing::SignatureError;
use crate::validate::ValidationError;

/// A boxed transport error (connection refused, reset, TLS failure).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A call that did not give its typed response. `C` is the API's result code type; the default,
/// [`AnyResultCode`], is the erased form (see [`Error::into_any`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<C = AnyResultCode> {
    /// The request breaks its page's rules. Nothing was sent.
    #[error("{api}: {source}; nothing was sent")]
    InvalidRequest {
        /// The API's name: `createVaultingSession`.
        api: &'static str,
        /// Every broken rule.
        source: ValidationError,
    },
    /// The request could not be serialized to JSON. Nothing was sent.
    #[error("{api}: the request cannot be serialized to JSON: {source}; nothing was sent")]
    Serialize {
        /// The API's name.
        api: &'static str,
        /// What serde_json reported.
        source: serde_json::Error,
    },
    /// Antom answered with result status `F`: the call failed, and did not take effect.
    #[error("{api} failed: {code}: {message}")]
    Failed {
        /// The API's name.
        api: &'static str,
        /// The page's result code.
        code: C,
        /// Antom's result message.
        message: String,
        /// The whole (verified) response body; some failures carry more than `result`.
        body: ResponseBody,
    },
    /// The call may or may not have taken effect, and resending the identical request (same
    /// request ID) did not settle it within the retry policy. Inquire before doing anything else.
    #[error(
        "{api}: the outcome is unknown after {attempts} attempt(s) ({reason}); the request may \
         have taken effect: inquire its status before retrying with a new request ID"
    )]
    OutcomeUnknown {
        /// The API's name.
        api: &'static str,
        /// How many times the request was sent.
        attempts: u32,
        /// Why the last attempt left the outcome unknown.
        reason: Uncertainty<C>,
    },
    /// A response arrived whose signature is missing or wrong: it is not trusted, so the outcome
    /// is unknown. Usually Antom's public key is not the right one, or something between the
    /// merchant and Antom altered the response.
    #[error(
        "{api}: the response (HTTP {status}) is not trusted: {source}; the outcome is unknown: \
         check Antom's public key, then inquire"
    )]
    ResponseSignature {
        /// The API's name.
        api: &'static str,
        /// The HTTP status of the response.
        status: u16,
        /// What is wrong with the signature.
        source: SignatureError,
    },
    /// A correctly signed response whose body is not what the page describes: the outcome is
    /// unknown.
    #[error(
        "{api}: the signed response (HTTP {status}) cannot be read: {source}; the outcome is \
         unknown: inquire"
    )]
    InvalidResponse {
        /// The API's name.
        api: &'static str,
        /// The HTTP status of the response.
        status: u16,
        /// What is wrong with the body.
        source: DecodeError,
        /// The body received.
        body: ResponseBody,
    },
    /// Antom answered that the call succeeded (result status `S`, correctly signed), but the body
    /// lacks a field its page marks REQUIRED, or has one of another shape: the call took effect,
    /// so this is never a failure, and the verified body is kept to read what it does carry.
    #[error(
        "{api} succeeded, but the signed response does not have what its page describes: \
         {source}; the verified body is kept"
    )]
    IncompleteSuccess {
        /// The API's name.
        api: &'static str,
        /// The missing or malformed field.
        source: DecodeError,
        /// The body received.
        body: ResponseBody,
    },
    /// The response came from another URL than the one requested: a redirect, which only an
    /// HTTP client given with [`crate::ClientBuilder::http_client`] follows. Antom does not
    /// redirect, so the answer is not Antom's and is not trusted; the outcome is unknown.
    #[error(
        "{api}: the response came from `{url}` after a redirect and is not trusted; the outcome \
         is unknown: inquire"
    )]
    Redirected {
        /// The API's name.
        api: &'static str,
        /// Where the answer came from.
        url: String,
    },
    /// The response body is larger than the client reads
    /// ([`crate::ClientBuilder::max_response_bytes`]): it was not read, so the outcome is unknown.
    #[error(
        "{api}: the response (HTTP {status}) is larger than {limit} bytes and was not read; the \
         outcome is unknown: inquire"
    )]
    ResponseTooLarge {
        /// The API's name.
        api: &'static str,
        /// The HTTP status of the response.
        status: u16,
        /// The limit.
        limit: usize,
    },
    /// Antom could not be reached on any attempt (connection refused, DNS, TLS): nothing was
    /// delivered, so the call did not take effect.
    #[error("{api}: Antom could not be reached after {attempts} attempt(s): {source}")]
    Connect {
        /// The API's name.
        api: &'static str,
        /// How many connections were tried.
        attempts: u32,
        /// The last connection error.
        source: BoxError,
    },
    /// The request could not be signed (a client ID that is not a valid header value).
    #[error("{api}: the request cannot be signed: {source}; nothing was sent")]
    Sign {
        /// The API's name.
        api: &'static str,
        /// What went wrong.
        source: SignatureError,
    },
}

impl<C> Error<C> {
    /// The name of the API called.
    pub fn api(&self) -> &'static str {
        match self {
            Error::InvalidRequest { api, .. }
            | Error::Serialize { api, .. }
            | Error::Failed { api, .. }
            | Error::OutcomeUnknown { api, .. }
            | Error::ResponseSignature { api, .. }
            | Error::InvalidResponse { api, .. }
            | Error::IncompleteSuccess { api, .. }
            | Error::Redirected { api, .. }
            | Error::ResponseTooLarge { api, .. }
            | Error::Connect { api, .. }
            | Error::Sign { api, .. } => api,
        }
    }

    /// Whether the call may have taken effect at Antom without the merchant knowing its result.
    /// When `true`, inquire before anything else: never report it as a failure to the buyer,
    /// and never retry with a new request ID before the inquiry says the first did not succeed.
    pub fn is_outcome_unknown(&self) -> bool {
        matches!(
            self,
            Error::OutcomeUnknown { .. }
                | Error::ResponseSignature { .. }
                | Error::InvalidResponse { .. }
                | Error::Redirected { .. }
                | Error::ResponseTooLarge { .. }
        )
    }

    /// The result status Antom answered with: `S` for a success whose body is incomplete, `F`
    /// for a failure, `U` for an unknown outcome Antom reported; `None` when no signed answer
    /// says.
    pub fn result_status(&self) -> Option<ResultStatus> {
        match self {
            Error::Failed { .. } => Some(ResultStatus::Failure),
            Error::IncompleteSuccess { .. } => Some(ResultStatus::Success),
            Error::OutcomeUnknown {
                reason: Uncertainty::Status { .. },
                ..
            } => Some(ResultStatus::Unknown),
            _ => None,
        }
    }

    /// The result code Antom answered with, for `F` and `U` answers.
    pub fn result_code(&self) -> Option<&C> {
        match self {
            Error::Failed { code, .. } => Some(code),
            Error::OutcomeUnknown {
                reason: Uncertainty::Status { code, .. },
                ..
            } => Some(code),
            _ => None,
        }
    }

    /// The verified body of Antom's last answer, when there was one: for instance the
    /// `normalUrl` of a payment that is `PAYMENT_IN_PROCESS`, or what a successful answer that
    /// lacks a required field does carry.
    pub fn response_body(&self) -> Option<&ResponseBody> {
        match self {
            Error::Failed { body, .. }
            | Error::InvalidResponse { body, .. }
            | Error::IncompleteSuccess { body, .. }
            | Error::OutcomeUnknown {
                reason: Uncertainty::Status { body, .. },
                ..
            } => Some(body),
            _ => None,
        }
    }
}

impl<C: ResultCode> Error<C> {
    /// The same error with the result code type erased to [`AnyResultCode`], so that errors from
    /// different APIs share one type.
    pub fn into_any(self) -> Error {
        self.map_code(|code| AnyResultCode::of(&code))
    }
}

impl<C> Error<C> {
    /// The same error with its result code (if it carries one) turned into another type.
    pub fn map_code<D>(self, f: impl FnOnce(C) -> D) -> Error<D> {
        use Error as E;
        match self {
            E::Failed {
                api,
                code,
                message,
                body,
            } => E::Failed {
                api,
                code: f(code),
                message,
                body,
            },
            E::OutcomeUnknown {
                api,
                attempts,
                reason,
            } => E::OutcomeUnknown {
                api,
                attempts,
                reason: reason.map_code(f),
            },
            // The variants without a code move across as they are.
            E::InvalidRequest { api, source } => E::InvalidRequest { api, source },
            E::Serialize { api, source } => E::Serialize { api, source },
            E::ResponseSignature {
                api,
                status,
                source,
            } => E::ResponseSignature {
                api,
                status,
                source,
            },
            E::InvalidResponse {
                api,
                status,
                source,
                body,
            } => E::InvalidResponse {
                api,
                status,
                source,
                body,
            },
            E::IncompleteSuccess { api, source, body } => {
                E::IncompleteSuccess { api, source, body }
            }
            E::Redirected { api, url } => E::Redirected { api, url },
            E::ResponseTooLarge { api, status, limit } => {
                E::ResponseTooLarge { api, status, limit }
            }
            E::Connect {
                api,
                attempts,
                source,
            } => E::Connect {
                api,
                attempts,
                source,
            },
            E::Sign { api, source } => E::Sign { api, source },
        }
    }
}

/// Why an outcome is unknown.
#[derive(Debug)]
#[non_exhaustive]
pub enum Uncertainty<C> {
    /// Antom answered with result status `U`.
    Status {
        /// The page's result code.
        code: C,
        /// Antom's result message.
        message: String,
        /// The whole (verified) response body.
        body: ResponseBody,
    },
    /// No complete response arrived within the timeout.
    Timeout,
    /// The connection failed after the request may have been delivered.
    Transport(BoxError),
    /// An unsigned HTTP error from the gateway (502, 503, 504...).
    HttpStatus(u16),
}

impl<C> Uncertainty<C> {
    /// The same reason with its result code (if it carries one) turned into another type.
    pub fn map_code<D>(self, f: impl FnOnce(C) -> D) -> Uncertainty<D> {
        match self {
            Uncertainty::Status {
                code,
                message,
                body,
            } => Uncertainty::Status {
                code: f(code),
                message,
                body,
            },
            Uncertainty::Timeout => Uncertainty::Timeout,
            Uncertainty::Transport(e) => Uncertainty::Transport(e),
            Uncertainty::HttpStatus(s) => Uncertainty::HttpStatus(s),
        }
    }
}

impl<C: fmt::Display> fmt::Display for Uncertainty<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Uncertainty::Status { code, message, .. } => {
                write!(f, "result status U, {code}: {message}")
            }
            Uncertainty::Timeout => f.write_str("no response within the timeout"),
            Uncertainty::Transport(e) => write!(f, "connection failed: {e}"),
            Uncertainty::HttpStatus(status) => write!(f, "unsigned HTTP {status} answer"),
        }
    }
}

/// A response body as received (and, where the error says so, verified). `Debug` shows its
/// size only, as bodies may carry personal data.
#[derive(Clone, PartialEq, Eq)]
pub struct ResponseBody(Vec<u8>);

impl ResponseBody {
    pub(crate) fn new(bytes: Vec<u8>) -> Self {
        ResponseBody(bytes)
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Decodes the body, for instance into the API's response type to read the fields a `U`
    /// answer carries.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.0)
    }
}

impl fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResponseBody({} bytes)", self.0.len())
    }
}

/// A body that does not have the structure its page describes: serde_json's report, with the
/// offending value left out.
///
/// serde_json quotes the value it could not read (`invalid type: string "4111…", expected
/// u32`), and a body may carry card data or personal data: `Display` and `Debug` name the kind of
/// value, the field and the position, never the value. [`DecodeError::serde`] gives serde_json's
/// error itself.
pub struct DecodeError(serde_json::Error);

impl DecodeError {
    pub(crate) fn new(error: serde_json::Error) -> Self {
        DecodeError(error)
    }

    /// serde_json's error, whose message may quote the offending value.
    pub fn serde(&self) -> &serde_json::Error {
        &self.0
    }

    /// The line of the body where reading stopped (1-based).
    pub fn line(&self) -> usize {
        self.0.line()
    }

    /// The column of that line where reading stopped (1-based).
    pub fn column(&self) -> usize {
        self.0.column()
    }
}

impl From<serde_json::Error> for DecodeError {
    fn from(error: serde_json::Error) -> Self {
        DecodeError(error)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(&self.0.to_string()))
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DecodeError({:?})", redact(&self.0.to_string()))
    }
}

impl std::error::Error for DecodeError {}

/// serde's report without the value it quotes: in `invalid type: string "4111", expected ...`
/// (and `invalid value: ...`), the unexpected value's kind is kept and its text dropped.
fn redact(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = ["invalid type: ", "invalid value: "]
        .iter()
        .filter_map(|marker| rest.find(marker).map(|at| at + marker.len()))
        .min()
    {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(", expected").unwrap_or(rest.len());
        let quoted = rest[..end].find(['"', '`']).unwrap_or(end);
        out.push_str(rest[..quoted].trim_end());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A result code of any API, kept by its wire spelling: the result code type of the erased
/// [`Error`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AnyResultCode {
    code: String,
    status: Option<ResultStatus>,
    message: Option<&'static str>,
    retryable: bool,
}

impl AnyResultCode {
    /// Keeps what a typed code knows.
    pub fn of<C: ResultCode>(code: &C) -> Self {
        AnyResultCode {
            code: code.code().to_owned(),
            status: code.status(),
            message: code.message(),
            retryable: code.is_retryable(),
        }
    }
}

impl fmt::Display for AnyResultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

impl ResultCode for AnyResultCode {
    fn from_code(code: &str) -> Self {
        AnyResultCode {
            code: code.to_owned(),
            status: None,
            message: None,
            retryable: false,
        }
    }

    fn code(&self) -> &str {
        &self.code
    }

    fn status(&self) -> Option<ResultStatus> {
        self.status
    }

    fn message(&self) -> Option<&'static str> {
        self.message
    }

    fn is_retryable(&self) -> bool {
        self.retryable
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{Rule, Violation};

    const CARD: &str = "4054695723100768";
    const PEM: &str = include_str!("../tests/data/merchant_private_key.pem");

    /// A body carrying card data, and serde_json's error reading its card number as a number.
    fn body_and_error() -> (ResponseBody, DecodeError) {
        let body = format!(r#"{{"card":{{"cardNo":{CARD},"cvv":"123"}}}}"#);
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Card {
            #[serde(rename = "cardNo")]
            card_no: String,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Body {
            card: Card,
        }
        let error = serde_json::from_str::<Body>(&body).unwrap_err();
        assert!(
            error.to_string().contains(CARD),
            "serde_json quotes it: {error}"
        );
        (
            ResponseBody::new(body.into_bytes()),
            DecodeError::new(error),
        )
    }

    /// Every variant of `Error`, as the client makes them from a call carrying card data.
    fn every_error() -> Vec<Error> {
        let (body, decode) = body_and_error();
        let (_, decode2) = body_and_error();
        let code = || AnyResultCode::from_code("PROCESS_FAIL");
        let key = crate::PrivateKey::parse(&PEM.replace("MII", "XX")).unwrap_err();
        vec![
            Error::InvalidRequest {
                api: "pay",
                source: ValidationError {
                    violations: vec![Violation {
                        path: "paymentMethod.card.cardNo".into(),
                        rule: Rule::MaxLength { max: 4, actual: 16 },
                    }],
                },
            },
            Error::Serialize {
                api: "pay",
                source: serde_json::from_str::<u8>("x").unwrap_err(),
            },
            Error::Failed {
                api: "pay",
                code: code(),
                message: "failed".into(),
                body: body.clone(),
            },
            Error::OutcomeUnknown {
                api: "pay",
                attempts: 3,
                reason: Uncertainty::Status {
                    code: code(),
                    message: "unknown".into(),
                    body: body.clone(),
                },
            },
            Error::ResponseSignature {
                api: "pay",
                status: 200,
                source: SignatureError::Mismatch,
            },
            Error::InvalidResponse {
                api: "pay",
                status: 200,
                source: decode,
                body: body.clone(),
            },
            Error::IncompleteSuccess {
                api: "pay",
                source: decode2,
                body,
            },
            Error::Redirected {
                api: "pay",
                url: "https://elsewhere.example/".into(),
            },
            Error::ResponseTooLarge {
                api: "pay",
                status: 200,
                limit: 1 << 20,
            },
            Error::Connect {
                api: "pay",
                attempts: 1,
                source: Box::new(key),
            },
            Error::Sign {
                api: "pay",
                source: SignatureError::SigningFailed,
            },
        ]
    }

    #[test]
    fn no_error_prints_card_data_or_key_material() {
        let mut covered = std::collections::BTreeSet::new();
        for error in every_error() {
            // Exhaustive: a new variant does not compile until it is listed above.
            covered.insert(match &error {
                Error::InvalidRequest { .. } => "InvalidRequest",
                Error::Serialize { .. } => "Serialize",
                Error::Failed { .. } => "Failed",
                Error::OutcomeUnknown { .. } => "OutcomeUnknown",
                Error::ResponseSignature { .. } => "ResponseSignature",
                Error::InvalidResponse { .. } => "InvalidResponse",
                Error::IncompleteSuccess { .. } => "IncompleteSuccess",
                Error::Redirected { .. } => "Redirected",
                Error::ResponseTooLarge { .. } => "ResponseTooLarge",
                Error::Connect { .. } => "Connect",
                Error::Sign { .. } => "Sign",
            });
            for text in [
                format!("{error}"),
                format!("{error:?}"),
                format!("{error:#?}"),
            ] {
                assert!(!text.contains(CARD), "card number in: {text}");
                assert!(!text.contains("\"123\""), "CVV in: {text}");
                for line in PEM.lines().filter(|l| l.len() > 20) {
                    assert!(!text.contains(&line[4..20]), "key material in: {text}");
                }
            }
        }
        assert_eq!(
            covered.len(),
            11,
            "every variant is listed once: {covered:?}"
        );
    }

    #[test]
    fn decode_errors_keep_the_kind_field_and_position_without_the_value() {
        let (_, error) = body_and_error();
        let text = error.to_string();
        assert!(
            text.starts_with("invalid type: integer, expected a string"),
            "{text}"
        );
        assert!(text.contains("line 1"), "{text}");
        assert!(error.serde().to_string().contains(CARD));
        assert_eq!(
            redact(r#"invalid value: string "4111", expected 16 digits at line 1 column 9"#),
            "invalid value: string, expected 16 digits at line 1 column 9"
        );
        assert_eq!(
            redact("missing field `paymentId`"),
            "missing field `paymentId`"
        );
    }
}
