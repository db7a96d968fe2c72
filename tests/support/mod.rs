//! A tiny scripted "Antom" on 127.0.0.1 for the client's integration tests. It answers the
//! replies a test queues (signed, unsigned, corrupted, late), and records what it received.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use antom::signing::{ContentToSign, Direction, PrivateKey, PublicKey};
use antom::{Api, Client, RetryPolicy, vaults::CreateVaultingSessionRequest};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

pub const MERCHANT_PRIVATE_KEY: &str = include_str!("../data/merchant_private_key.pem");
pub const MERCHANT_PUBLIC_KEY: &str = include_str!("../data/merchant_public_key.pem");
pub const ANTOM_PRIVATE_KEY: &str = include_str!("../data/antom_private_key.pem");
pub const ANTOM_PUBLIC_KEY: &str = include_str!("../data/antom_public_key.pem");
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

// ---------------------------------------------------------------------------------------------
// The scripted server.

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

/// One scripted answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub signing: Signing,
    pub delay: Option<Duration>,
    pub headers: Vec<(&'static str, &'static str)>,
}

impl Reply {
    /// The page's example response of `A` (result status `S` for most pages).
    pub fn example<A: Api>() -> Self {
        Reply::body(example_response::<A>())
    }
    /// A body with only a `result`, as Antom answers `F` and most `U`.
    pub fn result(code: &str, status: &str, message: &str) -> Self {
        Reply::body(
            json!({"result": {"resultCode": code, "resultStatus": status,
            "resultMessage": message}}),
        )
    }
    /// Any body.
    pub fn body(body: Value) -> Self {
        Reply {
            status: StatusCode::OK,
            body,
            signing: Signing::Good,
            delay: None,
            headers: Vec::new(),
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
    pub fn header(mut self, name: &'static str, value: &'static str) -> Self {
        self.headers.push((name, value));
        self
    }
    pub fn http_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }
}

/// A request the server received.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: Method,
    pub path: String,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// Whether its signature verified with the merchant's public key.
    pub signature_ok: bool,
}

impl Received {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).unwrap().to_str().unwrap()
    }
}

struct Shared {
    replies: Mutex<VecDeque<Reply>>,
    received: Mutex<Vec<Received>>,
    antom_key: PrivateKey,
    other_key: PrivateKey,
    merchant_public: PublicKey,
}

/// A scripted Antom: answers the queued replies in order (the last one repeats).
pub struct ScriptedAntom {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl ScriptedAntom {
    pub async fn start(replies: Vec<Reply>) -> Self {
        let shared = Arc::new(Shared {
            replies: Mutex::new(replies.into()),
            received: Mutex::new(Vec::new()),
            antom_key: PrivateKey::parse(ANTOM_PRIVATE_KEY).unwrap(),
            other_key: PrivateKey::parse(MERCHANT_PRIVATE_KEY).unwrap(),
            merchant_public: PublicKey::parse(MERCHANT_PUBLIC_KEY).unwrap(),
        });
        let app = axum::Router::new()
            .fallback(answer)
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        ScriptedAntom { addr, shared }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
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
        PrivateKey::parse(MERCHANT_PRIVATE_KEY).unwrap(),
        PublicKey::parse(ANTOM_PUBLIC_KEY).unwrap(),
    )
    .retry(RetryPolicy::new(
        3,
        Duration::from_millis(5),
        Duration::from_millis(20),
    ))
    .timeout(Duration::from_secs(10))
}

async fn answer(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    let signature_ok = shared
        .merchant_public
        .verify_headers(
            Direction::Request,
            method.as_str(),
            &path,
            None,
            &headers,
            &body,
        )
        .is_ok();
    shared.received.lock().unwrap().push(Received {
        method: method.clone(),
        path: path.clone(),
        headers: headers.clone(),
        body: body.clone(),
        signature_ok,
    });
    let reply = {
        let mut replies = shared.replies.lock().unwrap();
        if replies.len() > 1 {
            replies.pop_front().unwrap()
        } else {
            replies.front().cloned().expect("no reply scripted")
        }
    };
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    let mut bytes = serde_json::to_vec(&reply.body).unwrap();
    let client_id = headers
        .get("client-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let time = "1700000000123";
    let key = match reply.signing {
        Signing::WrongKey => &shared.other_key,
        _ => &shared.antom_key,
    };
    let content = ContentToSign {
        method: method.as_str(),
        path: &path,
        client_id: &client_id,
        time,
        body: &bytes,
    };
    let mut signed = key
        .signed_headers(Direction::Response, &content, 1)
        .unwrap();
    match reply.signing {
        Signing::Missing => {
            signed.remove("signature");
        }
        Signing::Corrupt => {
            let header = signed["signature"].to_str().unwrap().to_owned();
            let mut parsed: antom::signing::SignatureHeader = header.parse().unwrap();
            parsed.signature[7] ^= 0x01;
            signed.insert(
                "signature",
                HeaderValue::from_str(&parsed.to_string()).unwrap(),
            );
        }
        Signing::TamperedBody => {
            let mut forged = reply.body.clone();
            forged["forged"] = json!(true);
            bytes = serde_json::to_vec(&forged).unwrap();
        }
        Signing::Good | Signing::WrongKey => {}
    }
    for (name, value) in &reply.headers {
        signed.insert(*name, HeaderValue::from_static(value));
    }
    (reply.status, signed, bytes).into_response()
}
