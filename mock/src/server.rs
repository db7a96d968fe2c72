//! The HTTP server: routes, request checks, answers, recording.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{self, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use antom::resolve::{Inquirable, Settles};
use antom::{Api, ApiVisitor, Notification, ResultCode, ResultStatus, Validate};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use crate::echo::echo_ids;
use crate::fault::{Fault, Faults, RandomFaults};
use crate::signature::{
    KeyError, SignatureHeader, SigningKey, VerifyingKey, format_signature_header, signed_content,
};
use crate::{LIVE_PREFIX, SANDBOX_PREFIX, keys};

/// The largest request body the mock reads.
const MAX_BODY: usize = 1 << 20;

/// Builds a mock Antom server: which APIs it serves and with which keys.
///
/// [`MockAntom`] implements [`ApiVisitor`], so `antom::visit_apis(&mut mock)` registers every
/// API generated from `spec/`.
pub struct MockAntom {
    routes: Vec<Route>,
    problems: Vec<StartError>,
    merchant_key: VerifyingKey,
    signing_key: SigningKey,
    /// A key that is not Antom's, for [`Fault::WrongKey`].
    other_key: SigningKey,
    key_version: u32,
    log: bool,
}

impl fmt::Debug for MockAntom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockAntom")
            .field(
                "apis",
                &self.routes.iter().map(|r| r.name).collect::<Vec<_>>(),
            )
            .field("key_version", &self.key_version)
            .finish_non_exhaustive()
    }
}

impl Default for MockAntom {
    fn default() -> Self {
        Self::new()
    }
}

impl MockAntom {
    /// A mock serving no API yet, with the TEST-ONLY keys of [`keys`]: it verifies requests
    /// with [`keys::MERCHANT_PUBLIC_KEY`] and signs responses with [`keys::ANTOM_PRIVATE_KEY`]
    /// (key version 1).
    pub fn new() -> Self {
        MockAntom {
            routes: Vec::new(),
            problems: Vec::new(),
            merchant_key: VerifyingKey::from_text(keys::MERCHANT_PUBLIC_KEY)
                .expect("the bundled merchant public key parses"),
            signing_key: SigningKey::from_text(keys::ANTOM_PRIVATE_KEY)
                .expect("the bundled mock private key parses"),
            // The merchant's key: certainly not the one a client trusts as Antom's.
            other_key: SigningKey::from_text(keys::MERCHANT_PRIVATE_KEY)
                .expect("the bundled merchant private key parses"),
            key_version: 1,
            log: false,
        }
    }

    /// Verifies requests with this merchant public key (PEM or bare base64) instead.
    pub fn merchant_public_key(mut self, key: &str) -> Result<Self, KeyError> {
        self.merchant_key = VerifyingKey::from_text(key)?;
        Ok(self)
    }

    /// Signs responses with this private key (PKCS#8, PEM or bare base64) instead.
    pub fn signing_key(mut self, key: &str) -> Result<Self, KeyError> {
        self.signing_key = SigningKey::from_text(key)?;
        Ok(self)
    }

    /// The `keyVersion` the mock puts in its response signatures (default 1).
    pub fn key_version(mut self, version: u32) -> Self {
        self.key_version = version;
        self
    }

    /// Writes one line per request to standard error: method, path, answer and fault.
    pub fn log_requests(mut self, log: bool) -> Self {
        self.log = log;
        self
    }

    /// Serves API `A` as well.
    pub fn api<A: Api + 'static>(mut self) -> Self {
        self.register::<A>();
        self
    }

    /// Serves API `A` as well (the form [`ApiVisitor`] needs).
    pub fn register<A: Api + 'static>(&mut self) {
        match Route::new::<A>() {
            Ok(route) => self.routes.push(route),
            Err(reason) => self.problems.push(StartError::Api {
                api: A::NAME,
                reason,
            }),
        }
    }

    /// Serves every API generated from `spec/` (through [`antom::visit_apis`]).
    pub fn all_apis(mut self) -> Self {
        antom::visit_apis(&mut self);
        self
    }

    /// The APIs registered so far, as (name, path below the prefix), in registration order.
    pub fn apis(&self) -> Vec<(&'static str, &'static str)> {
        self.routes.iter().map(|r| (r.name, r.path)).collect()
    }

    /// Starts serving on `127.0.0.1` on a free port.
    pub async fn start(self) -> Result<MockServer, StartError> {
        self.start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .await
    }

    /// Starts serving on `127.0.0.1` on a free port, on a runtime of its own, for tests that are
    /// not async. Call it outside any async runtime (it blocks while binding).
    pub fn start_blocking(self) -> Result<MockServer, StartError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("antom-mock")
            .enable_all()
            .build()
            .map_err(StartError::Runtime)?;
        let mut server = runtime.block_on(self.start())?;
        server.runtime = Some(runtime);
        Ok(server)
    }

    /// Starts serving on `addr`.
    ///
    /// Fails if an API could not be registered (its page has no usable example response), if
    /// two APIs share a path, or if `addr` cannot be bound.
    pub async fn start_on(self, addr: SocketAddr) -> Result<MockServer, StartError> {
        if let Some(problem) = self.problems.into_iter().next() {
            return Err(problem);
        }
        let mut routes: HashMap<&'static str, Route> = HashMap::with_capacity(self.routes.len());
        for route in self.routes {
            if let Some(existing) = routes.get(route.path) {
                return Err(StartError::DuplicatePath {
                    path: route.path,
                    first: existing.name,
                    second: route.name,
                });
            }
            routes.insert(route.path, route);
        }
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| StartError::Bind { addr, source })?;
        let shared = Arc::new(Shared {
            routes,
            merchant_key: self.merchant_key,
            signing_key: self.signing_key,
            other_key: self.other_key,
            key_version: self.key_version,
            log: self.log,
            state: Mutex::default(),
        });
        let task = tokio::spawn(serve(listener, Arc::clone(&shared)));
        Ok(MockServer {
            shared,
            addr,
            task,
            runtime: None,
        })
    }
}

impl ApiVisitor for MockAntom {
    fn visit<A: Api + 'static>(&mut self) {
        self.register::<A>();
    }

    fn visit_notification<N: Notification + 'static>(&mut self) {
        // Notifications go from Antom to the merchant: the mock builds them with
        // [`crate::Notifier`] rather than serving them.
    }

    fn visit_inquirable<A: Inquirable + 'static>(&mut self) {
        let inquiry = <A::Inquiry as Api>::NAME;
        if let Some(route) = self.routes.iter_mut().find(|r| r.name == inquiry) {
            for field in A::CARRIED {
                if !route.names.contains(field) {
                    route.names.push(field);
                }
            }
            route.not_found = <A::Inquiry as Settles>::NOT_FOUND;
        }
        if let Some(route) = self.routes.iter_mut().find(|r| r.name == A::NAME) {
            route.found_by.push((inquiry, A::CARRIED));
        }
    }
}

/// Why the mock could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// An API cannot be served.
    #[error("cannot serve API {api}: {reason}")]
    Api {
        /// The API's name.
        api: &'static str,
        /// Why.
        reason: String,
    },
    /// Two APIs have the same path.
    #[error("APIs {first} and {second} both have the path {path}")]
    DuplicatePath {
        /// The path.
        path: &'static str,
        /// The API registered first.
        first: &'static str,
        /// The API registered second.
        second: &'static str,
    },
    /// The runtime of [`MockAntom::start_blocking`] cannot be made.
    #[error("cannot start a runtime for the mock: {0}")]
    Runtime(io::Error),
    /// The address cannot be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The operating system's error.
        source: io::Error,
    },
}

/// One API the mock serves, with its page's data, type-erased.
struct Route {
    name: &'static str,
    path: &'static str,
    /// Deserializes and validates a body; `Err` carries what is wrong, naming fields.
    check: fn(&[u8]) -> Result<(), String>,
    /// The value of the body's idempotency field (the schema's `idempotency_key`), if any.
    key: fn(&[u8]) -> Option<String>,
    /// The page's message for a result code, if the page lists it.
    message: fn(&str) -> Option<&'static str>,
    /// The page's (first successful) example response.
    example: Value,
    /// For an inquiry: the fields by which it names the request it inquires, those it carries
    /// from the requests of the APIs it settles (`paymentRequestId`).
    names: Vec<&'static str>,
    /// For an inquiry: the code its page gives a request that does not exist
    /// (`ORDER_NOT_EXIST`).
    not_found: Option<&'static str>,
    /// For an API that inquiries settle: each inquiry, with the fields of this API's request
    /// that it carries (`inquiryPayment`, `["paymentRequestId"]` for `pay`).
    found_by: Vec<(&'static str, &'static [&'static str])>,
}

impl Route {
    fn new<A: Api + 'static>() -> Result<Route, String> {
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

/// A request the mock received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The number of the request in order of arrival, from 0; never reused, not even after
    /// [`MockServer::clear_requests`].
    pub id: u64,
    /// The HTTP method.
    pub method: String,
    /// The request path, with its prefix (and query string, if any):
    /// `/ams/sandbox/api/v1/vaults/createVaultingSession`.
    pub path: String,
    /// The name of the API the path belongs to, if any.
    pub api: Option<&'static str>,
    /// The headers, names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
    /// How the mock answered, once it has decided.
    pub answer: Option<RecordedAnswer>,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// How the mock answered a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedAnswer {
    /// The HTTP status.
    pub http_status: u16,
    /// The result status in the body.
    pub result_status: ResultStatus,
    /// The result code in the body.
    pub result_code: String,
    /// The fault the request took, if any.
    pub fault: Option<Fault>,
    /// The body answered (signed as it is, unless the fault says otherwise).
    pub body: Vec<u8>,
}

/// A running mock; it stops when dropped.
pub struct MockServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    task: JoinHandle<()>,
    /// The runtime of [`MockAntom::start_blocking`], if the mock runs on one of its own.
    runtime: Option<tokio::runtime::Runtime>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
        if let Some(runtime) = self.runtime.take() {
            // Without waiting: the drop may happen inside another runtime.
            runtime.shutdown_background();
        }
    }
}

impl MockServer {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its base URL, without a path prefix: `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far, in order of arrival.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.state().requests.clone()
    }

    /// The requests received so far for API `A`.
    pub fn requests_for<A: Api>(&self) -> Vec<RecordedRequest> {
        self.shared
            .state()
            .requests
            .iter()
            .filter(|r| r.api == Some(A::NAME))
            .cloned()
            .collect()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.shared.state().requests.clear();
    }

    /// Queues `fault` for the next request to any API (after those queued for that API).
    pub fn push_fault(&self, fault: Fault) {
        self.shared.state().faults.push(None, fault);
    }

    /// Queues `fault` for the next request to API `A`.
    pub fn push_fault_for<A: Api>(&self, fault: Fault) {
        self.shared.state().faults.push(Some(A::NAME), fault);
    }

    /// Applies `fault` to every request that finds no queued fault, until set to `None`.
    pub fn set_fault(&self, fault: Option<Fault>) {
        self.shared.state().faults.set_always(fault);
    }

    /// Draws a fault at random for `percent` % of the requests that find no queued fault,
    /// equally among `kinds`, reproducibly from `seed`; `percent` 0 stops it.
    pub fn set_random_faults(&self, seed: u64, percent: u8, kinds: Vec<Fault>) {
        let random = (percent > 0).then(|| RandomFaults::new(seed, percent, kinds));
        self.shared.state().faults.set_random(random);
    }

    /// What the mock processed, one entry per (API, idempotency key), in API then key order.
    ///
    /// Like Antom, the mock processes a request once per idempotency key (the request ID the
    /// schema marks `idempotency_key`): the identical request again gets the same answer
    /// (a replay); another body under the same key gets `REPEAT_REQ_INCONSISTENT`. Answers
    /// `U` (`Fault::Unknown`) and requests dropped before processing process nothing.
    pub fn ledger(&self) -> Vec<LedgerEntry> {
        let state = self.shared.state();
        let mut entries: Vec<LedgerEntry> = state
            .ledger
            .iter()
            .map(|((api, key), p)| LedgerEntry {
                api,
                key: key.clone(),
                result_code: p.answer.code.clone(),
                replays: p.replays,
                inconsistent: p.inconsistent,
            })
            .collect();
        entries.sort_by(|a, b| (a.api, &a.key).cmp(&(b.api, &b.key)));
        entries
    }

    /// Drops every queued and standing fault.
    pub fn clear_faults(&self) {
        self.shared.state().faults.clear();
    }

    /// Stops the server (as dropping it does).
    pub fn shutdown(self) {}
}

struct Shared {
    routes: HashMap<&'static str, Route>,
    merchant_key: VerifyingKey,
    signing_key: SigningKey,
    /// A key that is not the mock's, for [`Fault::WrongKey`].
    other_key: SigningKey,
    key_version: u32,
    log: bool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    requests: Vec<RecordedRequest>,
    next_id: u64,
    faults: Faults,
    /// What was processed, per (API, idempotency key): Antom's idempotency.
    ledger: HashMap<(&'static str, String), Processed>,
    /// What the inquiries find, as (inquiry, field, value): the values that processed requests
    /// gave the fields the inquiry carries from them.
    findable: HashSet<(&'static str, &'static str, String)>,
}

/// A request processed under an idempotency key, and what became of the key since.
struct Processed {
    body: Vec<u8>,
    answer: Answer,
    replays: u32,
    inconsistent: u32,
}

/// What the mock processed under one idempotency key: see [`MockServer::ledger`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LedgerEntry {
    /// The API: `pay`.
    pub api: &'static str,
    /// The idempotency key: the request's `paymentRequestId`, for instance.
    pub key: String,
    /// The result code the processing gave.
    pub result_code: String,
    /// How many times the identical request came again and got the same answer.
    pub replays: u32,
    /// How many times another body came under the same key (answered `REPEAT_REQ_INCONSISTENT`).
    pub inconsistent: u32,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves the state consistent (every update is a single
        // push or assignment), so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let shared = Arc::clone(&shared);
                    connections.spawn(async move {
                        let service = service_fn(move |request| {
                            handle(Arc::clone(&shared), request)
                        });
                        // A connection error concerns that connection only.
                        let _ = http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
                // Out of file descriptors and the like: wait rather than spin.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// What the mock answers, before signing.
#[derive(Clone)]
struct Answer {
    http_status: StatusCode,
    status: ResultStatus,
    code: String,
    body: Vec<u8>,
}

impl Answer {
    /// An answer whose body is nothing but its `result`.
    fn result(http_status: StatusCode, status: ResultStatus, code: &str, message: &str) -> Self {
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

/// The connection closes without an answer ([`Fault::DropBeforeProcessing`] and
/// [`Fault::DropAfterProcessing`]).
#[derive(Debug)]
struct Dropped;

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the connection is dropped (a fault set in the mock)")
    }
}

impl std::error::Error for Dropped {}

async fn handle(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let (parts, body) = request.into_parts();
    // Signatures cover the path with its query string, if any (Antom's APIs have none);
    // routing looks at the path alone.
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path(), |p| p.as_str())
        .to_owned();
    let route = [LIVE_PREFIX, SANDBOX_PREFIX]
        .iter()
        .find_map(|prefix| parts.uri.path().strip_prefix(prefix))
        .and_then(|rest| shared.routes.get(rest));
    let (body, too_large) = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => (collected.to_bytes(), false),
        Err(error) => {
            if error.is::<http_body_util::LengthLimitError>() {
                (Bytes::new(), true)
            } else {
                // The connection broke while the body was read: nobody to answer.
                return Ok(Response::new(Full::new(Bytes::new())));
            }
        }
    };
    let headers = &parts.headers;
    let client_id = header(headers, "client-id");

    let id = {
        let mut state = shared.state();
        let id = state.next_id;
        state.next_id += 1;
        state.requests.push(RecordedRequest {
            id,
            method: parts.method.to_string(),
            path: path.clone(),
            api: route.map(|r| r.name),
            headers: headers
                .iter()
                .map(|(name, value)| {
                    (
                        name.as_str().to_owned(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: body.to_vec(),
            answer: None,
        });
        id
    };

    let (answer, fault) = if parts.method != Method::POST {
        let answer = Answer::result(
            StatusCode::METHOD_NOT_ALLOWED,
            ResultStatus::Failure,
            "METHOD_NOT_SUPPORTED",
            "Antom APIs accept POST only.",
        );
        (answer, None)
    } else if let Some(route) = route {
        // `AsUsual` holds a place in the queue and is no fault.
        let fault = shared
            .state()
            .faults
            .take(route.name)
            .filter(|f| *f != Fault::AsUsual);
        let answer = if fault == Some(Fault::DropBeforeProcessing) {
            record_answer(&shared, id, None, &fault);
            return Err(Dropped);
        } else if let Some(Fault::Redirect(_)) = &fault {
            Answer {
                http_status: StatusCode::TEMPORARY_REDIRECT,
                status: ResultStatus::Unknown,
                code: String::new(),
                body: Vec::new(),
            }
        } else if let Some(Fault::GatewayError(status)) = fault {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
            Answer {
                http_status: status,
                status: ResultStatus::Unknown,
                code: String::new(),
                body: format!("<html><body>{status}</body></html>").into_bytes(),
            }
        } else if too_large {
            Answer::result(
                StatusCode::PAYLOAD_TOO_LARGE,
                ResultStatus::Failure,
                "PARAM_ILLEGAL",
                &format!("illegal parameters: the body is larger than {MAX_BODY} bytes"),
            )
        } else {
            answer(&shared, route, &path, headers, &body, fault.as_ref())
        };
        (answer, fault)
    } else {
        let answer = Answer::result(
            StatusCode::NOT_FOUND,
            ResultStatus::Failure,
            "NO_INTERFACE_DEF",
            &format!("No API is defined at {path}."),
        );
        (answer, None)
    };

    let answer = match &fault {
        Some(Fault::Body(bytes)) => Answer {
            body: bytes.clone(),
            ..answer
        },
        _ => answer,
    };
    record_answer(&shared, id, Some(&answer), &fault);
    if fault == Some(Fault::DropAfterProcessing) {
        return Err(Dropped);
    }
    if shared.log {
        let fault = fault
            .as_ref()
            .map(|f| format!(" (fault {f})"))
            .unwrap_or_default();
        // A closed standard error is no reason to stop serving.
        let _ = writeln!(
            std::io::stderr(),
            "{} {path} -> {} {} {}{fault}",
            parts.method,
            answer.http_status.as_u16(),
            answer.status,
            answer.code
        );
    }
    if let Some(Fault::Delay(delay)) = fault {
        tokio::time::sleep(delay).await;
    }
    Ok(respond(
        &shared,
        &path,
        client_id.unwrap_or(""),
        answer,
        fault.as_ref(),
    ))
}

/// Records how request `id` was answered (`None`: not at all). Found by ID: the test may have
/// cleared the requests meanwhile.
fn record_answer(shared: &Shared, id: u64, answer: Option<&Answer>, fault: &Option<Fault>) {
    let mut state = shared.state();
    let Some(record) = state.requests.iter_mut().rev().find(|r| r.id == id) else {
        return;
    };
    record.answer = Some(match answer {
        Some(answer) => RecordedAnswer {
            http_status: answer.http_status.as_u16(),
            result_status: answer.status,
            result_code: answer.code.clone(),
            fault: fault.clone(),
            body: answer.body.clone(),
        },
        None => RecordedAnswer {
            http_status: 0,
            result_status: ResultStatus::Unknown,
            result_code: String::new(),
            fault: fault.clone(),
            body: Vec::new(),
        },
    });
}

/// The answer to a request for a known API.
fn answer(
    shared: &Shared,
    route: &Route,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
    fault: Option<&Fault>,
) -> Answer {
    let page_message =
        |code: &str, fallback: &str| (route.message)(code).unwrap_or(fallback).to_owned();
    if let Err(problem) = verify_request(shared, path, headers, body) {
        return match problem {
            RequestProblem::MissingHeader(name) => Answer::result(
                StatusCode::OK,
                ResultStatus::Failure,
                "PARAM_ILLEGAL",
                &format!("illegal parameters: the header {name} is missing"),
            ),
            RequestProblem::Signature(why) => Answer::result(
                StatusCode::OK,
                ResultStatus::Failure,
                "INVALID_SIGNATURE",
                &format!("The signature is invalid: {why}."),
            ),
        };
    }
    match fault {
        Some(Fault::Unknown) => {
            return Answer::result(
                StatusCode::OK,
                ResultStatus::Unknown,
                "UNKNOWN_EXCEPTION",
                &page_message(
                    "UNKNOWN_EXCEPTION",
                    "An API call has failed, which is caused by unknown reasons.",
                ),
            );
        }
        Some(Fault::Fail(code)) => {
            return Answer::result(
                StatusCode::OK,
                ResultStatus::Failure,
                code,
                &page_message(code, "The call failed (a fault set in the mock)."),
            );
        }
        _ => {}
    }
    if let Err(problem) = (route.check)(body) {
        return Answer::result(
            StatusCode::OK,
            ResultStatus::Failure,
            "PARAM_ILLEGAL",
            &format!("illegal parameters: {problem}"),
        );
    }
    let key = (route.key)(body);
    if let Some(key) = &key {
        let mut state = shared.state();
        if let Some(processed) = state.ledger.get_mut(&(route.name, key.clone())) {
            if processed.body == body {
                processed.replays += 1;
                return processed.answer.clone();
            }
            processed.inconsistent += 1;
            return Answer::result(
                StatusCode::OK,
                ResultStatus::Failure,
                "REPEAT_REQ_INCONSISTENT",
                &page_message(
                    "REPEAT_REQ_INCONSISTENT",
                    "The request ID was used before for a different request.",
                ),
            );
        }
    }
    if let Some(code) = never_processed(shared, route, body) {
        return Answer::result(
            StatusCode::OK,
            ResultStatus::Failure,
            code,
            &page_message(code, "The inquired request does not exist."),
        );
    }
    let processed = process(route, body);
    // With an idempotency key or without (a product's page may name none).
    findable(shared, route, body);
    if let Some(key) = key {
        shared.state().ledger.insert(
            (route.name, key),
            Processed {
                body: body.to_vec(),
                answer: processed.clone(),
                replays: 0,
                inconsistent: 0,
            },
        );
    }
    processed
}

/// Records what the inquiries that settle `route`'s API will find of this processed request:
/// the values of the fields they carry from it.
fn findable(shared: &Shared, route: &Route, body: &[u8]) {
    let Ok(request) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    let mut state = shared.state();
    for (inquiry, fields) in &route.found_by {
        for field in *fields {
            if let Some(value) = request.get(*field).and_then(Value::as_str) {
                state.findable.insert((inquiry, field, value.to_owned()));
            }
        }
    }
}

/// For an inquiry of a request that the mock never processed, its page's code for a request
/// that does not exist. The inquiry names the request by the fields it carries from it
/// (`paymentRequestId`); the request exists when a processed request of an API the inquiry
/// settles gave one of those fields the same value (a `pay` or a `capture` of that payment).
/// `None` for an inquiry that names no request so (by `paymentId` alone, say), and for every
/// other API.
fn never_processed(shared: &Shared, route: &Route, body: &[u8]) -> Option<&'static str> {
    let code = route.not_found?;
    let request: Value = serde_json::from_slice(body).ok()?;
    let named: Vec<(&'static str, &str)> = route
        .names
        .iter()
        .filter_map(|field| Some((*field, request.get(*field)?.as_str()?)))
        .collect();
    if named.is_empty() {
        return None;
    }
    let state = shared.state();
    let found = named.iter().any(|(field, value)| {
        state
            .findable
            .contains(&(route.name, *field, (*value).to_owned()))
    });
    (!found).then_some(code)
}

/// What processing a valid request answers: the page's example, with the request's IDs.
fn process(route: &Route, body: &[u8]) -> Answer {
    let mut response = route.example.clone();
    if let Ok(request) = serde_json::from_slice::<Value>(body) {
        echo_ids(&mut response, &request);
    }
    Answer {
        http_status: StatusCode::OK,
        // Checked when the route was made.
        status: response["result"]["resultStatus"]
            .as_str()
            .and_then(ResultStatus::from_letter)
            .unwrap_or(ResultStatus::Success),
        code: response["result"]["resultCode"]
            .as_str()
            .unwrap_or("SUCCESS")
            .to_owned(),
        body: serde_json::to_vec(&response).expect("a JSON value serializes"),
    }
}

enum RequestProblem {
    MissingHeader(&'static str),
    Signature(String),
}

/// Checks a request's signature headers against the merchant's public key.
fn verify_request(
    shared: &Shared,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), RequestProblem> {
    let client_id =
        header(headers, "client-id").ok_or(RequestProblem::MissingHeader("Client-Id"))?;
    let time =
        header(headers, "request-time").ok_or(RequestProblem::MissingHeader("Request-Time"))?;
    let value = header(headers, "signature")
        .ok_or_else(|| RequestProblem::Signature("the Signature header is missing".into()))?;
    let parsed =
        SignatureHeader::parse(value).map_err(|e| RequestProblem::Signature(e.to_string()))?;
    let content = signed_content(path, client_id, time, body);
    if shared.merchant_key.verify(&content, &parsed.signature) {
        Ok(())
    } else {
        Err(RequestProblem::Signature(format!(
            "it does not verify with the merchant's public key over `POST {path}\\n{client_id}.{time}.<body of {} bytes>`",
            body.len()
        )))
    }
}

/// A header's value, if present and text.
fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The current time as Antom writes it in `Response-Time` (and in a notification's
/// `Request-Time`): `2026-01-02T03:04:05.678+00:00`.
pub(crate) fn antom_time_now() -> String {
    const FORMAT: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]+00:00"
    );
    time::OffsetDateTime::now_utc()
        .format(FORMAT)
        .unwrap_or_default()
}

/// Signs `answer` (unless a fault says otherwise) and makes the HTTP response.
fn respond(
    shared: &Shared,
    path: &str,
    client_id: &str,
    answer: Answer,
    fault: Option<&Fault>,
) -> Response<Full<Bytes>> {
    let response_time = antom_time_now();
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = answer.http_status;
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    if let Ok(value) = HeaderValue::from_str(client_id) {
        headers.insert("client-id", value);
    }
    if let Ok(value) = HeaderValue::from_str(&response_time) {
        headers.insert("response-time", value);
    }
    if let Some(Fault::Redirect(location)) = fault {
        if let Ok(value) = HeaderValue::from_str(location) {
            headers.insert("location", value);
        }
    }
    let unsigned = matches!(
        fault,
        Some(Fault::OmitSignature | Fault::GatewayError(_) | Fault::Redirect(_))
    );
    let mut body = answer.body;
    if !unsigned {
        let content = signed_content(path, client_id, &response_time, &body);
        let key = match fault {
            Some(Fault::WrongKey) => &shared.other_key,
            _ => &shared.signing_key,
        };
        let mut raw = key.sign(&content);
        if fault == Some(&Fault::CorruptSignature) {
            // Flip one bit: a well-formed header whose signature does not verify.
            let middle = raw.len() / 2;
            if let Some(byte) = raw.get_mut(middle) {
                *byte ^= 0x01;
            }
        }
        let value = format_signature_header(shared.key_version, &raw);
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert("signature", value);
        }
    }
    if fault == Some(&Fault::TamperedBody) {
        // After signing: the body is no longer what was signed.
        if let Some(byte) = body.iter_mut().rev().find(|b| b.is_ascii_alphanumeric()) {
            *byte = if *byte == b'0' { b'1' } else { b'0' };
        }
    }
    *response.body_mut() = Full::new(Bytes::from(body));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_time_is_iso_8601_with_milliseconds() {
        let t = antom_time_now();
        assert_eq!(t.len(), "2026-01-02T03:04:05.678+00:00".len(), "{t}");
        assert!(t.ends_with("+00:00"), "{t}");
    }
}
