//! What the client's integration tests share: the TEST-ONLY keys of `antom_mock::keys`, a
//! valid request, and `ScriptedAntom`, a script of answers played by the mock Antom
//! (`antom-mock`): there is one mock, and this only turns each scripted answer into the
//! mock's fault for that request.

#![allow(dead_code)]

use std::time::Duration;

use antom::{Api, Client, RetryPolicy, vaults::CreateVaultingSessionRequest};
use antom_mock::{Fault, MockAntom, MockServer, RecordedRequest};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{Value, json};

#[allow(unused_imports)] // each test uses some of them
pub use antom_mock::keys::{
    ANTOM_PRIVATE_KEY, ANTOM_PUBLIC_KEY, MERCHANT_PRIVATE_KEY, MERCHANT_PUBLIC_KEY,
};
pub const CLIENT_ID: &str = "SANDBOX_5YEZ0000000000000";

/// A valid `createVaultingSession` request.
pub fn vaulting_request(id: &str) -> CreateVaultingSessionRequest {
    CreateVaultingSessionRequest::new(id, "https://shop.example/antom/notify?é=1")
        .redirect_url("https://shop.example/cards")
        .merchant_region("SG")
        .is_3ds_authentication(true)
}

/// The first example response of API `A`'s page.
pub fn example_response<A: Api>() -> Value {
    serde_json::from_str(A::EXAMPLE_RESPONSES[0]).unwrap()
}

/// How a scripted answer is signed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Signing {
    /// With Antom's key, correctly.
    Good,
    /// No `Signature` header.
    Missing,
    /// A valid signature with one bit flipped.
    Corrupt,
    /// Signed with a key that is not Antom's.
    WrongKey,
    /// Signed correctly, then the body is altered.
    TamperedBody,
}

/// One scripted answer: the mock's own answer, or one it is told to give.
#[derive(Debug, Clone)]
pub struct Reply {
    body: Option<Value>,
    status: StatusCode,
    signing: Signing,
    delay: Option<Duration>,
    location: Option<&'static str>,
}

impl Reply {
    /// The mock's answer: the page's example response of `A`, with the request's IDs.
    pub fn example<A: Api>() -> Self {
        assert!(
            !A::EXAMPLE_RESPONSES.is_empty(),
            "{} has an example",
            A::NAME
        );
        Reply {
            body: None,
            status: StatusCode::OK,
            signing: Signing::Good,
            delay: None,
            location: None,
        }
    }
    /// A body with only a `result`, as Antom answers `F` and most `U`.
    pub fn result(code: &str, status: &str, message: &str) -> Self {
        Reply::body(
            json!({"result": {"resultCode": code, "resultStatus": status,
            "resultMessage": message}}),
        )
    }
    /// Any body, signed.
    pub fn body(body: Value) -> Self {
        Reply {
            body: Some(body),
            ..Reply::example::<antom::vaults::CreateVaultingSession>()
        }
    }
    pub fn signing(mut self, signing: Signing) -> Self {
        self.signing = signing;
        self
    }
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }
    /// A `307` to `location` (with [`Reply::http_status`]).
    pub fn header(mut self, name: &'static str, value: &'static str) -> Self {
        assert_eq!(name, "location", "the mock scripts redirects only");
        self.location = Some(value);
        self
    }
    pub fn http_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// The mock's fault that gives this answer.
    fn fault(&self) -> Fault {
        if let Some(location) = self.location {
            return Fault::Redirect(location.to_owned());
        }
        if self.status != StatusCode::OK {
            return Fault::GatewayError(self.status.as_u16());
        }
        if let Some(delay) = self.delay {
            return Fault::Delay(delay);
        }
        match (self.signing, &self.body) {
            (Signing::Missing, _) => Fault::OmitSignature,
            (Signing::Corrupt, _) => Fault::CorruptSignature,
            (Signing::WrongKey, _) => Fault::WrongKey,
            (Signing::TamperedBody, _) => Fault::TamperedBody,
            (Signing::Good, Some(body)) => Fault::Body(serde_json::to_vec(body).unwrap()),
            (Signing::Good, None) => Fault::AsUsual,
        }
    }
}

/// A request the mock received.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// Whether the mock verified its signature with the merchant's public key.
    pub signature_ok: bool,
}

impl Received {
    fn from(r: RecordedRequest) -> Self {
        let mut headers = HeaderMap::new();
        for (name, value) in &r.headers {
            headers.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        let signature_ok = r
            .answer
            .as_ref()
            .is_none_or(|a| a.result_code != "INVALID_SIGNATURE");
        Received {
            method: r.method,
            path: r.path,
            headers,
            body: r.body,
            signature_ok,
        }
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).unwrap().to_str().unwrap()
    }
}

/// The mock Antom playing `replies` in order (the last one repeats; none: its own answers).
pub struct ScriptedAntom {
    pub mock: MockServer,
}

impl ScriptedAntom {
    pub async fn start(replies: Vec<Reply>) -> Self {
        let mock = MockAntom::new().all_apis().start().await.unwrap();
        if let Some((last, first)) = replies.split_last() {
            for reply in first {
                mock.push_fault(reply.fault());
            }
            mock.set_fault(Some(last.fault()));
        }
        ScriptedAntom { mock }
    }

    pub fn base_url(&self) -> String {
        self.mock.base_url()
    }

    pub fn received(&self) -> Vec<Received> {
        self.mock
            .requests()
            .into_iter()
            .map(Received::from)
            .collect()
    }

    /// A client for this server, with quick retries.
    pub fn client(&self) -> Client {
        self.client_builder().build().unwrap()
    }

    pub fn client_builder(&self) -> antom::ClientBuilder {
        client_builder(&self.base_url())
    }
}

pub fn client_builder(base_url: &str) -> antom::ClientBuilder {
    Client::builder(
        base_url,
        CLIENT_ID,
        MERCHANT_PRIVATE_KEY.parse().unwrap(),
        ANTOM_PUBLIC_KEY.parse().unwrap(),
    )
    .retry(RetryPolicy::new(
        3,
        Duration::from_millis(5),
        Duration::from_millis(20),
    ))
    .timeout(Duration::from_secs(10))
}
