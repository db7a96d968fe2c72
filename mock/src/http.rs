//! HTTP handling: each request's journey through the mock, stage by stage.
//!
//! 1. **receive**: read the request whole, find the API its path names, record it;
//! 2. **route**: only `POST` to a registered API goes on (else `METHOD_NOT_SUPPORTED` or
//!    `NO_INTERFACE_DEF`); a routed request takes its fault, if any;
//! 3. **gateway**: a gateway in front of Antom passes the request on, or with a fault answers
//!    in Antom's stead, unsigned ([`Fault::GatewayError`], [`Fault::Redirect`]), or closes the
//!    connection ([`Fault::DropBeforeProcessing`]);
//! 4. **verify**: the body's size and the request's signature (`PARAM_ILLEGAL`,
//!    `INVALID_SIGNATURE`);
//! 5. **process**: the body's checks, then the [ledger](crate::ledger) processes the request;
//!    [`Fault::Unknown`] and [`Fault::Fail`] answer without processing it;
//! 6. **answer**: the answer is settled ([`Fault::Body`] replaces its body) and recorded;
//! 7. **deliver**: the answer is signed and sent; [`Fault::DropAfterProcessing`] closes the
//!    connection instead, [`Fault::Delay`] sends it late, [`Fault::OmitSignature`],
//!    [`Fault::WrongKey`], [`Fault::CorruptSignature`] and [`Fault::TamperedBody`] spoil its
//!    signature.
//!
//! Each fault applies at one stage, the one [`Fault::stage`] names: a stage sees no other.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use antom::ResultStatus;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use crate::answer::Answer;
use crate::fault::{Fault, Faults, Stage};
use crate::ledger::Ledger;
use crate::recording::Recording;
use crate::routes::Route;
use crate::signature::{
    SignatureHeader, SigningKey, VerifyingKey, antom_time_now, format_signature_header,
    signed_content,
};
use crate::{LIVE_PREFIX, SANDBOX_PREFIX};

/// The largest request body the mock reads.
const MAX_BODY: usize = 1 << 20;

/// What the running mock's connections share: its routes, its keys, its state.
pub(crate) struct Shared {
    /// The APIs served, by path below the prefix.
    pub(crate) routes: HashMap<&'static str, Route>,
    /// The key requests must verify with.
    pub(crate) merchant_key: VerifyingKey,
    /// The key responses are signed with.
    pub(crate) signing_key: SigningKey,
    /// A key that is not the mock's, for [`Fault::WrongKey`].
    pub(crate) other_key: SigningKey,
    /// The `keyVersion` of response signatures.
    pub(crate) key_version: u32,
    /// Whether to write a line per request to standard error.
    pub(crate) log: bool,
    /// The faults waiting to be taken.
    pub(crate) faults: Mutex<Faults>,
    /// The requests received.
    pub(crate) recording: Recording,
    /// What was processed.
    pub(crate) ledger: Ledger,
}

impl Shared {
    /// The faults waiting to be taken, locked.
    pub(crate) fn faults(&self) -> MutexGuard<'_, Faults> {
        crate::lock(&self.faults)
    }
}

/// Accepts connections on `listener` and serves each, until the task is aborted.
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
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

/// A request read whole and recorded.
struct Received<'s> {
    /// Its ID in the recording.
    id: u64,
    method: Method,
    /// The path with its query string, if any: signatures cover both (Antom's APIs have no
    /// query string).
    path: String,
    /// The API its path names (by the path alone), if any.
    route: Option<&'s Route>,
    headers: HeaderMap,
    body: Bytes,
    /// Whether the body is larger than [`MAX_BODY`] (and so left unread).
    too_large: bool,
}

/// An answer on its way to the client.
struct Reply {
    answer: Answer,
    /// Whether it is Antom's, to be signed, rather than a gateway's.
    signed: bool,
    /// Where a gateway redirects the client: the `Location` header.
    location: Option<String>,
}

impl Reply {
    /// Antom's answer.
    fn antom(answer: Answer) -> Self {
        Reply {
            answer,
            signed: true,
            location: None,
        }
    }

    /// A gateway's answer, unsigned.
    fn gateway(answer: Answer, location: Option<String>) -> Self {
        Reply {
            answer,
            signed: false,
            location,
        }
    }
}

/// What the gateway stage does with a request.
enum Gate {
    /// Passes it on to Antom.
    Pass,
    /// Answers it in Antom's stead.
    Answer(Reply),
    /// Closes the connection.
    Close,
}

/// The request's `fault` if it applies at `stage`: each stage applies its own faults only.
fn at(stage: Stage, fault: Option<&Fault>) -> Option<&Fault> {
    fault.filter(|f| f.stage() == Some(stage))
}

/// Takes `request` through the stages, in order.
async fn handle(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let Some(request) = receive(&shared, request).await else {
        // The connection broke while the body was read: nobody to answer.
        return Ok(Response::new(Full::new(Bytes::new())));
    };
    let (reply, fault) = match route(&request) {
        Err(refusal) => (Reply::antom(refusal), None),
        Ok(route) => {
            // `AsUsual` holds a place in the queue and applies at no stage: it is no fault.
            let fault = shared
                .faults()
                .take(route.name)
                .filter(|f| f.stage().is_some());
            let reply = match gateway(fault.as_ref()) {
                Gate::Pass => Reply::antom(match verify(&shared, &request) {
                    Ok(()) => process(&shared, route, &request.body, fault.as_ref()),
                    Err(rejection) => rejection,
                }),
                Gate::Answer(reply) => reply,
                Gate::Close => {
                    shared.recording.answered(request.id, None, fault.as_ref());
                    return Err(Dropped);
                }
            };
            (reply, fault)
        }
    };
    let reply = answer(&shared, &request, reply, fault.as_ref());
    deliver(&shared, &request, reply, fault.as_ref()).await
}

/// Stage 1, receive: reads `request` whole, finds the API its path names, and records it.
/// `None` if the connection broke while the body was read.
async fn receive(shared: &Shared, request: Request<Incoming>) -> Option<Received<'_>> {
    let (parts, body) = request.into_parts();
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
        Err(error) if error.is::<LengthLimitError>() => (Bytes::new(), true),
        Err(_) => return None,
    };
    let id = shared.recording.received(
        &parts.method,
        &path,
        route.map(|r| r.name),
        &parts.headers,
        &body,
    );
    Some(Received {
        id,
        method: parts.method,
        path,
        route,
        headers: parts.headers,
        body,
        too_large,
    })
}

/// Stage 2, route: a `POST` to a registered API's path goes on to that API; anything else is
/// refused, as Antom refuses it.
fn route<'s>(request: &Received<'s>) -> Result<&'s Route, Answer> {
    if request.method != Method::POST {
        return Err(Answer::result(
            StatusCode::METHOD_NOT_ALLOWED,
            ResultStatus::Failure,
            "METHOD_NOT_SUPPORTED",
            "Antom APIs accept POST only.",
        ));
    }
    request.route.ok_or_else(|| {
        Answer::result(
            StatusCode::NOT_FOUND,
            ResultStatus::Failure,
            "NO_INTERFACE_DEF",
            &format!("No API is defined at {}.", request.path),
        )
    })
}

/// Stage 3, gateway: the gateway in front of Antom passes the request on, unless a fault makes
/// it answer in Antom's stead or close the connection.
fn gateway(fault: Option<&Fault>) -> Gate {
    match at(Stage::Gateway, fault) {
        Some(Fault::DropBeforeProcessing) => Gate::Close,
        Some(Fault::GatewayError(status)) => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::BAD_GATEWAY);
            Gate::Answer(Reply::gateway(
                Answer {
                    http_status: status,
                    status: ResultStatus::Unknown,
                    code: String::new(),
                    body: format!("<html><body>{status}</body></html>").into_bytes(),
                },
                None,
            ))
        }
        Some(Fault::Redirect(location)) => Gate::Answer(Reply::gateway(
            Answer {
                http_status: StatusCode::TEMPORARY_REDIRECT,
                status: ResultStatus::Unknown,
                code: String::new(),
                body: Vec::new(),
            },
            Some(location.clone()),
        )),
        _ => Gate::Pass,
    }
}

/// Stage 4, verify: the body's size, then the request's signature headers; `Err` is the answer
/// to a request that fails.
fn verify(shared: &Shared, request: &Received<'_>) -> Result<(), Answer> {
    if request.too_large {
        return Err(Answer::result(
            StatusCode::PAYLOAD_TOO_LARGE,
            ResultStatus::Failure,
            "PARAM_ILLEGAL",
            &format!("illegal parameters: the body is larger than {MAX_BODY} bytes"),
        ));
    }
    verify_signature(shared, &request.path, &request.headers, &request.body).map_err(|problem| {
        match problem {
            SignatureProblem::MissingHeader(name) => Answer::result(
                StatusCode::OK,
                ResultStatus::Failure,
                "PARAM_ILLEGAL",
                &format!("illegal parameters: the header {name} is missing"),
            ),
            SignatureProblem::Invalid(why) => Answer::result(
                StatusCode::OK,
                ResultStatus::Failure,
                "INVALID_SIGNATURE",
                &format!("The signature is invalid: {why}."),
            ),
        }
    })
}

/// Stage 5, process: a body that passes `route`'s checks is processed by the ledger, unless a
/// fault answers without processing it.
fn process(shared: &Shared, route: &Route, body: &[u8], fault: Option<&Fault>) -> Answer {
    match at(Stage::Process, fault) {
        Some(Fault::Unknown) => Answer::result(
            StatusCode::OK,
            ResultStatus::Unknown,
            "UNKNOWN_EXCEPTION",
            &route.page_message(
                "UNKNOWN_EXCEPTION",
                "An API call has failed, which is caused by unknown reasons.",
            ),
        ),
        Some(Fault::Fail(code)) => Answer::result(
            StatusCode::OK,
            ResultStatus::Failure,
            code,
            &route.page_message(code, "The call failed (a fault set in the mock)."),
        ),
        _ => match (route.check)(body) {
            Ok(()) => shared.ledger.process(route, body),
            Err(problem) => Answer::result(
                StatusCode::OK,
                ResultStatus::Failure,
                "PARAM_ILLEGAL",
                &format!("illegal parameters: {problem}"),
            ),
        },
    }
}

/// Stage 6, answer: settles the reply (a fault may replace its body) and records it with the
/// request's fault.
fn answer(shared: &Shared, request: &Received<'_>, reply: Reply, fault: Option<&Fault>) -> Reply {
    let reply = match at(Stage::Answer, fault) {
        Some(Fault::Body(bytes)) => Reply {
            answer: Answer {
                body: bytes.clone(),
                ..reply.answer
            },
            ..reply
        },
        _ => reply,
    };
    shared
        .recording
        .answered(request.id, Some(&reply.answer), fault);
    reply
}

/// How the deliver stage signs a reply.
struct Seal<'k> {
    /// The key it signs with; `None`: it does not sign.
    key: Option<&'k SigningKey>,
    /// Whether it flips a bit of the signature.
    corrupt: bool,
    /// Whether it alters the body once signed.
    tamper: bool,
}

/// Stage 7, deliver: logs the request (with its `fault`, of whichever stage), then signs the
/// reply (if Antom's) and sends it, unless a fault closes the connection, delays the reply or
/// spoils its signature.
async fn deliver(
    shared: &Shared,
    request: &Received<'_>,
    reply: Reply,
    fault: Option<&Fault>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let mut seal = Seal {
        key: reply.signed.then_some(&shared.signing_key),
        corrupt: false,
        tamper: false,
    };
    let mut delay = None;
    match at(Stage::Deliver, fault) {
        Some(Fault::DropAfterProcessing) => return Err(Dropped),
        Some(Fault::Delay(wait)) => delay = Some(*wait),
        Some(Fault::OmitSignature) => seal.key = None,
        Some(Fault::WrongKey) => seal.key = Some(&shared.other_key),
        Some(Fault::CorruptSignature) => seal.corrupt = true,
        Some(Fault::TamperedBody) => seal.tamper = true,
        _ => {}
    }
    if shared.log {
        log(request, &reply.answer, fault);
    }
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    Ok(respond(shared, request, reply, &seal))
}

/// Writes a line to standard error: method, path, answer and fault.
fn log(request: &Received<'_>, answer: &Answer, fault: Option<&Fault>) {
    let fault = fault.map(|f| format!(" (fault {f})")).unwrap_or_default();
    // A closed standard error is no reason to stop serving.
    let _ = writeln!(
        io::stderr(),
        "{} {} -> {} {} {}{fault}",
        request.method,
        request.path,
        answer.http_status.as_u16(),
        answer.status,
        answer.code
    );
}

/// Makes the HTTP response of `reply`, signed as `seal` says.
fn respond(
    shared: &Shared,
    request: &Received<'_>,
    reply: Reply,
    seal: &Seal<'_>,
) -> Response<Full<Bytes>> {
    let client_id = header(&request.headers, "client-id").unwrap_or("");
    let response_time = antom_time_now();
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = reply.answer.http_status;
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
    if let Some(location) = &reply.location {
        if let Ok(value) = HeaderValue::from_str(location) {
            headers.insert("location", value);
        }
    }
    let mut body = reply.answer.body;
    if let Some(key) = seal.key {
        let content = signed_content(&request.path, client_id, &response_time, &body);
        let mut raw = key.sign(&content);
        if seal.corrupt {
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
    if seal.tamper {
        // After signing: the body is no longer what was signed.
        if let Some(byte) = body.iter_mut().rev().find(|b| b.is_ascii_alphanumeric()) {
            *byte = if *byte == b'0' { b'1' } else { b'0' };
        }
    }
    *response.body_mut() = Full::new(Bytes::from(body));
    response
}

/// Why a request's signature does not verify.
enum SignatureProblem {
    /// A header the signature needs is missing.
    MissingHeader(&'static str),
    /// The signature is missing, malformed or wrong: why.
    Invalid(String),
}

/// Checks a request's signature headers against the merchant's public key.
fn verify_signature(
    shared: &Shared,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), SignatureProblem> {
    let client_id =
        header(headers, "client-id").ok_or(SignatureProblem::MissingHeader("Client-Id"))?;
    let time =
        header(headers, "request-time").ok_or(SignatureProblem::MissingHeader("Request-Time"))?;
    let value = header(headers, "signature")
        .ok_or_else(|| SignatureProblem::Invalid("the Signature header is missing".into()))?;
    let parsed =
        SignatureHeader::parse(value).map_err(|e| SignatureProblem::Invalid(e.to_string()))?;
    let content = signed_content(path, client_id, time, body);
    if shared.merchant_key.verify(&content, &parsed.signature) {
        Ok(())
    } else {
        Err(SignatureProblem::Invalid(format!(
            "it does not verify with the merchant's public key over `POST {path}\\n{client_id}.{time}.<body of {} bytes>`",
            body.len()
        )))
    }
}

/// A header's value, if present and text.
fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}
