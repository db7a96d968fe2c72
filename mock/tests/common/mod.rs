//! Hand-written stand-ins for generated APIs, and a minimal signing HTTP client.
#![allow(dead_code)]

use std::fmt;

use antom::validate::{Path, Rule, Violation};
use antom::{Api, ResultCode, ResultStatus, Validate};
use antom_mock::keys;
use antom_mock::signature::{
    SignatureHeader, SigningKey, VerifyingKey, signature_header, signed_content,
};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use serde::{Deserialize, Serialize};
use tokio::net::TcpStream;

/// A result-code enum shaped like the generated ones.
#[derive(Debug, Clone, PartialEq)]
pub enum Code {
    Success,
    ParamIllegal,
    ProcessFail,
    UnknownException,
    Other(String),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl ResultCode for Code {
    fn from_code(code: &str) -> Self {
        match code {
            "SUCCESS" => Code::Success,
            "PARAM_ILLEGAL" => Code::ParamIllegal,
            "PROCESS_FAIL" => Code::ProcessFail,
            "UNKNOWN_EXCEPTION" => Code::UnknownException,
            other => Code::Other(other.to_owned()),
        }
    }
    fn code(&self) -> &str {
        match self {
            Code::Success => "SUCCESS",
            Code::ParamIllegal => "PARAM_ILLEGAL",
            Code::ProcessFail => "PROCESS_FAIL",
            Code::UnknownException => "UNKNOWN_EXCEPTION",
            Code::Other(code) => code,
        }
    }
    fn status(&self) -> Option<ResultStatus> {
        match self {
            Code::Success => Some(ResultStatus::Success),
            Code::ParamIllegal | Code::ProcessFail => Some(ResultStatus::Failure),
            Code::UnknownException => Some(ResultStatus::Unknown),
            Code::Other(_) => None,
        }
    }
    fn message(&self) -> Option<&'static str> {
        match self {
            Code::Success => Some("Success"),
            Code::ParamIllegal => Some("Illegal parameters exist."),
            Code::ProcessFail => Some("A general business failure occurred."),
            Code::UnknownException => {
                Some("An API call has failed, which is caused by unknown reasons.")
            }
            Code::Other(_) => None,
        }
    }
    fn is_retryable(&self) -> bool {
        matches!(self, Code::UnknownException)
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultingRequest {
    pub payment_method_type: String,
    pub vaulting_request_id: String,
    pub vaulting_notification_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
}

/// A REQUIRED text field, as a page's rule: present and not empty.
fn required(value: &str, path: &Path<'_>, violations: &mut Vec<Violation>) {
    if value.is_empty() {
        violations.push(Violation::new(path, Rule::Required));
    }
}

/// A `Maximum length`, in characters.
fn max_length(value: &str, max: u32, path: &Path<'_>, violations: &mut Vec<Violation>) {
    let actual = value.chars().count();
    if actual > max as usize {
        violations.push(Violation::new(path, Rule::MaxLength { max, actual }));
    }
}

impl Validate for VaultingRequest {
    fn validate_at(&self, path: &Path<'_>, violations: &mut Vec<Violation>) {
        let p = path.field("paymentMethodType");
        required(&self.payment_method_type, &p, violations);
        max_length(&self.payment_method_type, 64, &p, violations);
        let p = path.field("vaultingRequestId");
        required(&self.vaulting_request_id, &p, violations);
        max_length(&self.vaulting_request_id, 64, &p, violations);
        let p = path.field("vaultingNotificationUrl");
        required(&self.vaulting_notification_url, &p, violations);
        max_length(&self.vaulting_notification_url, 2048, &p, violations);
        if let Some(url) = &self.redirect_url {
            max_length(url, 2048, &path.field("redirectUrl"), violations);
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultingResponse {
    pub vaulting_session_data: String,
    pub vaulting_session_id: String,
}

/// Stands in for the generated `createVaultingSession`.
pub struct CreateVaultingSession;

impl Api for CreateVaultingSession {
    const NAME: &'static str = "createVaultingSession";
    const PATH: &'static str = "/v1/vaults/createVaultingSession";
    const EXAMPLE_REQUESTS: &'static [&'static str] = &[r#"{
  "paymentMethodType": "CARD",
  "vaultingRequestId": "vaultingRequestId_001",
  "vaultingNotificationUrl": "https://www.example.com/notify"
}"#];
    const EXAMPLE_RESPONSES: &'static [&'static str] = &[
        r#"{"result": {"resultStatus": "F", "resultCode": "PROCESS_FAIL", "resultMessage": "fail"}}"#,
        r#"{
  "result": {"resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success."},
  "vaultingRequestId": "vaultingRequestId_001",
  "vaultingSessionData": "session-data",
  "vaultingSessionId": "example-session-id",
  "vaultingSessionExpiryTime": "2025-04-24T18:17:16+08:00"
}"#,
    ];
    type Request = VaultingRequest;
    type Response = VaultingResponse;
    type ResultCode = Code;
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Goods {
    pub goods_name: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub reference_order_id: String,
    #[serde(default)]
    pub goods: Vec<Goods>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayRequest {
    pub payment_request_id: String,
    pub order: Order,
}

impl Validate for PayRequest {
    fn validate_at(&self, path: &Path<'_>, violations: &mut Vec<Violation>) {
        let p = path.field("paymentRequestId");
        required(&self.payment_request_id, &p, violations);
        max_length(&self.payment_request_id, 64, &p, violations);
        let order = path.field("order");
        required(
            &self.order.reference_order_id,
            &order.field("referenceOrderId"),
            violations,
        );
        let goods = order.field("goods");
        for (i, g) in self.order.goods.iter().enumerate() {
            let item = Path::Index(&goods, i);
            max_length(&g.goods_name, 5, &item.field("goodsName"), violations);
        }
    }
}

/// Stands in for a generated API with nested objects and arrays.
pub struct Pay;

impl Api for Pay {
    const NAME: &'static str = "pay";
    const PATH: &'static str = "/v1/payments/pay";
    const EXAMPLE_REQUESTS: &'static [&'static str] = &[];
    const EXAMPLE_RESPONSES: &'static [&'static str] = &[r#"{
  "result": {"resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success."},
  "paymentRequestId": "example-request",
  "paymentId": "antom-payment-id",
  "order": {"referenceOrderId": "example-order"}
}"#];
    type Request = PayRequest;
    type Response = serde_json::Value;
    type ResultCode = Code;
}

/// A response as received.
#[derive(Debug)]
pub struct Received {
    pub status: u16,
    pub headers: hyper::HeaderMap,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }

    pub fn result_code(&self) -> String {
        self.json()["result"]["resultCode"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn result_status(&self) -> String {
        self.json()["result"]["resultStatus"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn result_message(&self) -> String {
        self.json()["result"]["resultMessage"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Whether the response's signature verifies with the mock's public key, for the request
    /// path and client ID.
    pub fn signature_verifies(&self, path: &str, client_id: &str) -> bool {
        let Some(value) = self.header("signature") else {
            return false;
        };
        let Ok(parsed) = SignatureHeader::parse(value) else {
            return false;
        };
        let time = self.header("response-time").unwrap_or_default();
        let key = VerifyingKey::from_text(keys::ANTOM_PUBLIC_KEY).unwrap();
        key.verify(
            &signed_content(path, client_id, time, &self.body),
            &parsed.signature,
        )
    }
}

pub const CLIENT_ID: &str = "SANDBOX_TEST_CLIENT";
pub const REQUEST_TIME: &str = "1700000000000";

/// Signs `body` for `path` with the test merchant key and the given headers.
pub fn signed_headers(path: &str, body: &[u8]) -> Vec<(&'static str, String)> {
    let key = SigningKey::from_text(keys::MERCHANT_PRIVATE_KEY).unwrap();
    let content = signed_content(path, CLIENT_ID, REQUEST_TIME, body);
    vec![
        ("content-type", "application/json; charset=UTF-8".to_owned()),
        ("client-id", CLIENT_ID.to_owned()),
        ("request-time", REQUEST_TIME.to_owned()),
        ("signature", signature_header(&key, 1, &content)),
    ]
}

/// Sends one HTTP/1.1 request to `addr`.
pub async fn send(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> Received {
    let stream = TcpStream::connect(addr).await.expect("connect to the mock");
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .expect("HTTP handshake");
    tokio::spawn(connection);
    let mut request = hyper::Request::builder()
        .method(method)
        .uri(path)
        .header("host", addr.to_string());
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let request = request
        .body(Full::new(Bytes::copy_from_slice(body)))
        .unwrap();
    let response = sender.send_request(request).await.expect("a response");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Received {
        status,
        headers,
        body,
    }
}

/// Sends `body`, correctly signed, to `path`.
pub async fn post_signed(addr: std::net::SocketAddr, path: &str, body: &[u8]) -> Received {
    send(addr, "POST", path, &signed_headers(path, body), body).await
}
