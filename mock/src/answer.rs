//! What the mock answers a request, before the answer is signed and sent.

use antom::ResultStatus;
use hyper::StatusCode;
use serde_json::json;

/// What the mock answers, before signing.
#[derive(Clone)]
pub(crate) struct Answer {
    /// The HTTP status.
    pub(crate) http_status: StatusCode,
    /// The result status in the body.
    pub(crate) status: ResultStatus,
    /// The result code in the body.
    pub(crate) code: String,
    /// The body.
    pub(crate) body: Vec<u8>,
}

impl Answer {
    /// An answer whose body is nothing but its `result`.
    pub(crate) fn result(
        http_status: StatusCode,
        status: ResultStatus,
        code: &str,
        message: &str,
    ) -> Self {
        let body = json!({
            "result": {
                "resultCode": code,
                "resultStatus": status.as_str(),
                "resultMessage": message,
            }
        });
        Answer {
            http_status,
            status,
            code: code.to_owned(),
            body: serde_json::to_vec(&body).expect("a JSON value serializes"),
        }
    }
}
