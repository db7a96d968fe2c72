//! The signed HTTP client.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::HeaderMap;
use tracing::Instrument;

use crate::api::{
    Api, Notification, Outcome, ResultCode, ResultStatus, decode_response, peek_status,
};
use crate::error::{BoxError, DecodeError, Error, ResponseBody, Uncertainty};
use crate::notification::{self, Acknowledgement, NotificationError};
use crate::retry::{RetryPolicy, random_u64};
use crate::signing::{ContentToSign, Direction, PrivateKey, PublicKey, SignatureError};
use crate::validate::Validate;

/// Antom's gateways. Pick the one for your region, as Antom's API overview
/// (<https://docs.antom.com/ac/ams/api_fund>) recommends; any other base URL (a proxy, a mock)
/// works too.
pub mod gateway {
    /// Asia, served from Singapore.
    pub const ASIA: &str = "https://open-sea-global.alipay.com";
    /// North America.
    pub const NORTH_AMERICA: &str = "https://open-na-global.alipay.com";
    /// Europe.
    pub const EUROPE: &str = "https://open-de-global.alipay.com";
}

/// The path prefix of production APIs.
pub const API_PREFIX: &str = "/ams/api";
/// The path prefix of sandbox APIs, used for client IDs starting with `SANDBOX_`.
pub const SANDBOX_API_PREFIX: &str = "/ams/sandbox/api";

/// A client for Antom's APIs: signs each request with the merchant's private key, verifies each
/// response with Antom's public key, and resends requests whose outcome is unknown.
///
/// Cheap to clone (the clones share one connection pool); build one and reuse it.
///
/// Each call is a `tracing` span, `antom.call`, with the API's name, the request's idempotency
/// key (its `paymentRequestId`, for instance), the number of attempts, the HTTP status, the
/// result status and code, and the latency; resends and rejected signatures are events in it.
/// Nothing else of a request or response is recorded: no body, no card data, no key, no
/// signature.
///
/// `Debug` shows no key material.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// What [`Client::with_options`] set for this handle's calls.
    options: Option<Arc<CallOptions>>,
}

struct Inner {
    http: reqwest::Client,
    /// Whether `http` was given by the caller (its TLS, proxy and redirect settings are theirs).
    own_http: bool,
    /// The base URL without a trailing `/`: `https://open-na-global.alipay.com`.
    base_url: String,
    /// The base URL's path without a trailing `/`: usually empty.
    base_path: String,
    /// [`API_PREFIX`] or [`SANDBOX_API_PREFIX`].
    prefix: &'static str,
    client_id: String,
    private_key: PrivateKey,
    antom_public_key: PublicKey,
    key_version: u32,
    retry: RetryPolicy,
    connect_timeout: Duration,
    timeout: Duration,
    max_response_bytes: usize,
}

/// Builds a [`Client`]; see [`Client::builder`].
pub struct ClientBuilder {
    gateway: String,
    client_id: String,
    private_key: PrivateKey,
    antom_public_key: PublicKey,
    key_version: u32,
    retry: RetryPolicy,
    connect_timeout: Duration,
    timeout: Duration,
    http: Option<reqwest::Client>,
    max_response_bytes: usize,
}

/// A client that cannot be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The gateway is not an `http` or `https` URL without query or fragment.
    #[error("the gateway `{url}` is not a valid base URL: {reason}")]
    Gateway {
        /// The URL given.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// The client ID is empty or not a valid HTTP header value.
    #[error("the client ID `{0}` is empty or contains characters not allowed in a header")]
    ClientId(String),
    /// The HTTP stack could not be set up (TLS roots, for instance).
    #[error("the HTTP client cannot be built: {0}")]
    Http(#[source] BoxError),
}

/// Options for some calls, without a second client: a timeout and extra headers (an ISV's
/// `agent-token`). Set them on a handle with [`Client::with_options`].
///
/// `Debug` shows header names, not their values (an `agent-token` is a credential).
#[derive(Clone, Default)]
pub struct CallOptions {
    timeout: Option<Duration>,
    headers: HeaderMap,
}

/// A header [`CallOptions::header`] refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderError {
    /// The client sets this header itself: it is part of what is signed, or of the body's
    /// framing.
    #[error("the `{0}` header is set by the client and cannot be overridden")]
    Reserved(String),
    /// The name or the value is not a valid HTTP header.
    #[error("`{0}` is not a valid HTTP header name or value")]
    Invalid(String),
}

impl CallOptions {
    /// The headers the client sets on every request, which options cannot change: the signed
    /// ones and the body's framing.
    pub const RESERVED_HEADERS: &'static [&'static str] = &[
        "client-id",
        "signature",
        "request-time",
        "content-type",
        "content-length",
        "host",
    ];

    /// No options: the client's own settings.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// How long each attempt may take, instead of the client's [`ClientBuilder::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the header `name: value` with each request (`agent-token`). A name set twice keeps
    /// the last value. The headers of [`CallOptions::RESERVED_HEADERS`] are refused.
    pub fn header(mut self, name: &str, value: &str) -> Result<Self, HeaderError> {
        let header = http::HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| HeaderError::Invalid(name.to_owned()))?;
        if Self::RESERVED_HEADERS.contains(&header.as_str()) {
            return Err(HeaderError::Reserved(header.as_str().to_owned()));
        }
        let value = http::HeaderValue::from_str(value)
            .map_err(|_| HeaderError::Invalid(name.to_owned()))?;
        self.headers.insert(header, value);
        Ok(self)
    }
}

impl fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallOptions")
            .field("timeout", &self.timeout)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Client {
    /// Starts building a client for `gateway` (one of [`gateway`]'s constants, or any base URL),
    /// the merchant's `client_id`, the merchant's private key, and Antom's public key.
    ///
    /// Client IDs starting with `SANDBOX_` call the sandbox (`/ams/sandbox/api`), others
    /// production (`/ams/api`).
    pub fn builder(
        gateway: impl Into<String>,
        client_id: impl Into<String>,
        private_key: PrivateKey,
        antom_public_key: PublicKey,
    ) -> ClientBuilder {
        ClientBuilder {
            gateway: gateway.into(),
            client_id: client_id.into(),
            private_key,
            antom_public_key,
            key_version: 1,
            retry: RetryPolicy::default(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            http: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// A handle on the same client (same connection pool and keys) whose calls use `options`:
    ///
    /// ```no_run
    /// # async fn f(client: &antom::Client, request: &antom::vaults::CreateVaultingSessionRequest)
    /// #     -> Result<(), Box<dyn std::error::Error>> {
    /// use std::time::Duration;
    /// let options = antom::CallOptions::new()
    ///     .timeout(Duration::from_secs(5))
    ///     .header("agent-token", "the ISV's token")?;
    /// let session = client
    ///     .with_options(options)
    ///     .vaults()
    ///     .create_vaulting_session(request)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn with_options(&self, options: CallOptions) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            options: Some(Arc::new(options)),
        }
    }

    /// The merchant's client ID.
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// Whether this client calls the sandbox.
    pub fn is_sandbox(&self) -> bool {
        self.inner.prefix == SANDBOX_API_PREFIX
    }

    /// The path of API `A` as signed and sent: `/ams/api/v1/vaults/createVaultingSession`.
    pub fn path<A: Api>(&self) -> String {
        format!("{}{}{}", self.inner.base_path, self.inner.prefix, A::PATH)
    }

    /// Calls API `A`: validates the request (nothing is sent if it is invalid), serializes it
    /// once, signs exactly those bytes, sends them, verifies the response's signature before
    /// reading it, and decodes it.
    ///
    /// - Result status `S`: `Ok` with the response.
    /// - `F`: [`Error::Failed`] with the page's result code.
    /// - `U`, a timeout, a dropped connection, or an unsigned gateway error: the identical body
    ///   (same request ID) is sent again, re-signed, after a jittered exponential backoff (see
    ///   [`RetryPolicy`]); if the outcome is still unknown, [`Error::OutcomeUnknown`]: inquire.
    ///
    /// The generated methods (`client.vaults().create_vaulting_session(&request)`) call this.
    pub async fn call<A: Api>(
        &self,
        request: &A::Request,
    ) -> Result<A::Response, Error<A::ResultCode>> {
        let span = tracing::info_span!(
            "antom.call",
            api = A::NAME,
            idempotency_key = A::idempotency_key(request),
            attempts = tracing::field::Empty,
            http_status = tracing::field::Empty,
            result_status = tracing::field::Empty,
            result_code = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self
            .validated_send::<A>(request)
            .instrument(span.clone())
            .await;
        span.record("latency_ms", started.elapsed().as_millis() as u64);
        match &result {
            Ok(_) => {
                span.record("result_status", "S");
            }
            Err(error) => {
                if let Some(code) = error.result_code() {
                    span.record("result_code", code.code());
                }
                if let Some(status) = error.result_status() {
                    span.record("result_status", status.as_str());
                }
            }
        }
        result
    }

    async fn validated_send<A: Api>(
        &self,
        request: &A::Request,
    ) -> Result<A::Response, Error<A::ResultCode>> {
        request.validate().map_err(|source| Error::InvalidRequest {
            api: A::NAME,
            source,
        })?;
        let body = serde_json::to_vec(request).map_err(|source| Error::Serialize {
            api: A::NAME,
            source,
        })?;
        self.send::<A>(Bytes::from(body)).await
    }

    /// Sends a serialized body, with the retries described at [`Client::call`].
    async fn send<A: Api>(&self, body: Bytes) -> Result<A::Response, Error<A::ResultCode>> {
        let inner = &*self.inner;
        let span = tracing::Span::current();
        let path = self.path::<A>();
        let url = format!("{}{}{}", inner.base_url, inner.prefix, A::PATH);
        let timeout = self
            .options
            .as_ref()
            .and_then(|o| o.timeout)
            .unwrap_or(inner.timeout);
        // Whether any attempt may have reached Antom; if none did, the call did not take effect.
        let mut maybe_delivered = false;
        let mut last_uncertainty: Option<Uncertainty<A::ResultCode>> = None;
        let mut last_connect_error: Option<BoxError> = None;
        // The attempts actually sent.
        let mut attempts = 0;
        for attempt in 1..=inner.retry.max_attempts() {
            if attempt > 1 {
                let delay = inner.retry.backoff(attempt - 1, random_u64());
                tracing::info!(
                    attempt,
                    delay_ms = delay.as_millis() as u64,
                    reason = retry_reason(last_uncertainty.as_ref()),
                    "resending the identical request"
                );
                tokio::time::sleep(delay).await;
            }
            let time = now_millis().to_string();
            let content = ContentToSign {
                method: "POST",
                path: &path,
                client_id: &inner.client_id,
                time: &time,
                body: &body,
            };
            let signed =
                inner
                    .private_key
                    .signed_headers(Direction::Request, &content, inner.key_version);
            let mut headers = match signed {
                Ok(headers) => headers,
                // Attempts differ by their time only, so only the first can fail to sign; if an
                // earlier one may have been delivered, the outcome stays unknown.
                Err(_) if maybe_delivered => break,
                Err(source) => {
                    return Err(Error::Sign {
                        api: A::NAME,
                        source,
                    });
                }
            };
            if let Some(options) = &self.options {
                // Reserved names were refused when the options were made.
                headers.extend(options.headers.clone());
            }
            attempts = attempt;
            span.record("attempts", attempts);
            let sent = inner
                .http
                .post(&url)
                .headers(headers)
                .timeout(timeout)
                .body(body.clone())
                .send()
                .await;
            let mut response = match sent {
                Ok(response) => response,
                Err(e) if e.is_connect() => {
                    last_connect_error = Some(Box::new(e));
                    continue;
                }
                Err(e) => {
                    maybe_delivered = true;
                    last_uncertainty = Some(transport_uncertainty(e));
                    continue;
                }
            };
            maybe_delivered = true;
            let status = response.status();
            span.record("http_status", status.as_u16());
            if response.url().as_str() != url {
                // Only a client the caller gave follows redirects. What answered is not Antom at
                // this path, whatever it signs.
                tracing::warn!(
                    http_status = status.as_u16(),
                    "the response comes from a redirect: rejected as unsigned"
                );
                return Err(Error::Redirected {
                    api: A::NAME,
                    url: response.url().to_string(),
                });
            }
            // Taken, not cloned: reading the body consumes the response.
            let response_headers = std::mem::take(response.headers_mut());
            let received = match read_body(&mut response, inner.max_response_bytes).await {
                Ok(Some(bytes)) => bytes,
                Ok(None) => {
                    tracing::warn!(
                        http_status = status.as_u16(),
                        limit = inner.max_response_bytes,
                        "the response is too large to read"
                    );
                    return Err(Error::ResponseTooLarge {
                        api: A::NAME,
                        status: status.as_u16(),
                        limit: inner.max_response_bytes,
                    });
                }
                Err(e) => {
                    last_uncertainty = Some(transport_uncertainty(e));
                    continue;
                }
            };
            match self.read_response::<A>(status, &path, &response_headers, &received) {
                Read::Done(result) => return result,
                Read::Uncertain(uncertainty, retryable) => {
                    last_uncertainty = Some(uncertainty);
                    if !retryable {
                        break;
                    }
                }
            }
        }
        match (maybe_delivered, last_uncertainty, last_connect_error) {
            (true, reason, _) => Err(Error::OutcomeUnknown {
                api: A::NAME,
                attempts,
                reason: reason.unwrap_or(Uncertainty::Timeout),
            }),
            (false, _, source) => Err(Error::Connect {
                api: A::NAME,
                attempts,
                source: source.unwrap_or_else(|| "no attempt was made".into()),
            }),
        }
    }

    /// Verifies and decodes one response.
    fn read_response<A: Api>(
        &self,
        status: http::StatusCode,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Read<A> {
        let inner = &*self.inner;
        if let Err(source) = inner.antom_public_key.verify_headers(
            Direction::Response,
            "POST",
            path,
            Some(&inner.client_id),
            headers,
            body,
        ) {
            // A gateway in front of Antom answers transient errors unsigned: the request may or
            // may not have been processed, and resending it is safe.
            if is_transient(status) {
                tracing::info!(
                    http_status = status.as_u16(),
                    "an unsigned gateway error: the outcome is unknown"
                );
                return Read::Uncertain(Uncertainty::HttpStatus(status.as_u16()), true);
            }
            tracing::warn!(
                http_status = status.as_u16(),
                error = %source,
                "the response's signature is rejected"
            );
            return Read::Done(Err(Error::ResponseSignature {
                api: A::NAME,
                status: status.as_u16(),
                source,
            }));
        }
        match decode_response::<A>(body) {
            Ok(Outcome::Success(response)) => Read::Done(Ok(response)),
            Ok(Outcome::NotSuccess(result)) => {
                let body = ResponseBody::new(body.to_vec());
                match result.status {
                    ResultStatus::Failure => Read::Done(Err(Error::Failed {
                        api: A::NAME,
                        code: result.code,
                        message: result.message,
                        body,
                    })),
                    // `U` (and, defensively, anything that is not `F`): never reported as a
                    // success or a failure.
                    ResultStatus::Unknown | ResultStatus::Success => {
                        let retryable = result.code.is_retryable();
                        Read::Uncertain(
                            Uncertainty::Status {
                                code: result.code,
                                message: result.message,
                                body,
                            },
                            retryable,
                        )
                    }
                }
            }
            // Antom said `S`: the call took effect, whatever the body lacks.
            Err(source) if peek_status(body) == Some(ResultStatus::Success) => {
                Read::Done(Err(Error::IncompleteSuccess {
                    api: A::NAME,
                    source: DecodeError::new(source),
                    body: ResponseBody::new(body.to_vec()),
                }))
            }
            Err(source) => Read::Done(Err(Error::InvalidResponse {
                api: A::NAME,
                status: status.as_u16(),
                source: DecodeError::new(source),
                body: ResponseBody::new(body.to_vec()),
            })),
        }
    }

    /// Verifies a notification Antom sent to this merchant (see [`notification::verify`]), checks
    /// that it is addressed to this client ID and that its signed `Request-Time` is within
    /// [`webhook::DEFAULT_REPLAY_WINDOW`](crate::webhook::DEFAULT_REPLAY_WINDOW), and decodes it
    /// as `N`. To receive every notification at one URL, see [`Client::webhook`].
    pub fn verify_notification<N: Notification>(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<N::Request, NotificationError> {
        self.authenticate_notification(N::NAME, method, path, headers, body)?;
        crate::webhook::check_time(
            headers,
            crate::webhook::DEFAULT_REPLAY_WINDOW,
            SystemTime::now(),
        )?;
        notification::decode::<N>(body)
    }

    /// Checks that a notification is addressed to this client ID and signed by Antom.
    pub(crate) fn authenticate_notification(
        &self,
        name: &'static str,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), NotificationError> {
        notification::authenticate(
            &self.inner.antom_public_key,
            Some(&self.inner.client_id),
            name,
            method,
            path,
            headers,
            body,
        )
    }

    /// The signed acknowledgement to answer a notification with (see
    /// [`notification::acknowledge`]).
    pub fn acknowledge_notification(
        &self,
        method: &str,
        path: &str,
    ) -> Result<Acknowledgement, SignatureError> {
        notification::acknowledge(
            &self.inner.private_key,
            self.inner.key_version,
            &self.inner.client_id,
            method,
            path,
        )
    }
}

/// The body of `response`, or `None` once it is longer than `limit` bytes (the rest is not
/// read).
async fn read_body(
    response: &mut reqwest::Response,
    limit: usize,
) -> Result<Option<Bytes>, reqwest::Error> {
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Ok(None);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(Bytes::from(body)))
}

/// The default largest response body read: Antom's answers are kilobytes; a larger one is not
/// Antom's, and reading it whole would only cost memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 1 << 20;

/// Why a request is resent, for the resend's event: no message or body, which may carry
/// personal data.
fn retry_reason<C: ResultCode>(uncertainty: Option<&Uncertainty<C>>) -> String {
    match uncertainty {
        Some(Uncertainty::Status { code, .. }) => format!("result status U: {}", code.code()),
        Some(Uncertainty::Timeout) => "timeout".to_owned(),
        Some(Uncertainty::Transport(_)) => "connection lost".to_owned(),
        Some(Uncertainty::HttpStatus(status)) => format!("HTTP {status}"),
        None => "connection refused".to_owned(),
    }
}

/// What one response means for the retry loop.
enum Read<A: Api> {
    /// A final answer.
    Done(Result<A::Response, Error<A::ResultCode>>),
    /// Outcome unknown; the flag says whether resending may settle it.
    Uncertain(Uncertainty<A::ResultCode>, bool),
}

fn transport_uncertainty<C>(error: reqwest::Error) -> Uncertainty<C> {
    if error.is_timeout() {
        Uncertainty::Timeout
    } else {
        Uncertainty::Transport(Box::new(error))
    }
}

/// HTTP statuses that gateways and load balancers answer with when a request may not have been
/// processed yet: resending is the remedy.
fn is_transient(status: http::StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let host = url.host_str().unwrap_or("");
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn now_millis() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
}

impl ClientBuilder {
    /// The version of the merchant's key registered with Antom (default 1).
    pub fn key_version(mut self, key_version: u32) -> Self {
        self.key_version = key_version;
        self
    }

    /// How long to wait for a connection (default 10 s). A connection that cannot be made means
    /// the request was not delivered.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take, from connecting to the last byte of the response
    /// (default 30 s). A timeout leaves the outcome unknown, and the request is resent.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sends through this `reqwest::Client` (its proxy, connection pool, TLS roots and
    /// settings) instead of one the builder makes.
    ///
    /// Its TLS and connection settings are then the caller's: [`ClientBuilder::connect_timeout`]
    /// does not apply, while [`ClientBuilder::timeout`] still bounds each attempt. Its redirect
    /// policy cannot be read, so a response that arrives from any URL other than the one
    /// requested is rejected as unsigned ([`Error::Redirected`]); the client the builder makes
    /// follows no redirect.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The largest response body read (default [`DEFAULT_MAX_RESPONSE_BYTES`], 1 MiB); a larger
    /// one is [`Error::ResponseTooLarge`], and its outcome unknown.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// How requests whose outcome is unknown are resent (default [`RetryPolicy::default`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, BuildError> {
        let gateway_error = |reason: &str| BuildError::Gateway {
            url: self.gateway.clone(),
            reason: reason.to_owned(),
        };
        let url =
            reqwest::Url::parse(self.gateway.trim()).map_err(|e| gateway_error(&e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(gateway_error(
                "the scheme must be `https` (or `http` for a local mock)",
            ));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(gateway_error("there is no host"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(gateway_error("a base URL has no query or fragment"));
        }
        if self.client_id.is_empty()
            || http::HeaderValue::from_str(&self.client_id).is_err()
            || self.client_id.trim() != self.client_id
        {
            return Err(BuildError::ClientId(self.client_id));
        }
        let base_url = url.as_str().trim_end_matches('/').to_owned();
        let base_path = url.path().trim_end_matches('/').to_owned();
        let prefix = if self.client_id.starts_with("SANDBOX_") {
            SANDBOX_API_PREFIX
        } else {
            API_PREFIX
        };
        let own_http = self.http.is_some();
        let http = match self.http {
            Some(http) => http,
            None => {
                let mut http = reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    .user_agent(concat!("antom-rs/", env!("CARGO_PKG_VERSION")))
                    // Antom does not redirect; following one would resend (or drop) a signed
                    // body to another path. A redirect is an unsigned answer like any other.
                    .redirect(reqwest::redirect::Policy::none());
                if is_loopback(&url) {
                    // A proxy from the environment (`HTTPS_PROXY`) cannot reach a local mock.
                    http = http.no_proxy();
                }
                http.build().map_err(|e| BuildError::Http(Box::new(e)))?
            }
        };
        Ok(Client {
            options: None,
            inner: Arc::new(Inner {
                http,
                own_http,
                base_url,
                base_path,
                prefix,
                client_id: self.client_id,
                private_key: self.private_key,
                antom_public_key: self.antom_public_key,
                key_version: self.key_version,
                retry: self.retry,
                connect_timeout: self.connect_timeout,
                timeout: self.timeout,
                max_response_bytes: self.max_response_bytes,
            }),
        })
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Client")
            .field("base_url", &inner.base_url)
            .field("prefix", &inner.prefix)
            .field("client_id", &inner.client_id)
            .field("key_version", &inner.key_version)
            .field("private_key", &inner.private_key)
            .field("antom_public_key", &inner.antom_public_key)
            .field("retry", &inner.retry)
            .field("connect_timeout", &inner.connect_timeout)
            .field("timeout", &inner.timeout)
            .field("own_http", &inner.own_http)
            .field("options", &self.options)
            .finish()
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("gateway", &self.gateway)
            .field("client_id", &self.client_id)
            .field("key_version", &self.key_version)
            .field("private_key", &self.private_key)
            .field("antom_public_key", &self.antom_public_key)
            .field("retry", &self.retry)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("http", &self.http.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder(gateway: &str, client_id: &str) -> ClientBuilder {
        let key =
            PrivateKey::parse(include_str!("../tests/data/merchant_private_key.pem")).unwrap();
        let antom = PublicKey::parse(include_str!("../tests/data/antom_public_key.pem")).unwrap();
        Client::builder(gateway, client_id, key, antom)
    }

    struct Probe;
    impl Api for Probe {
        const NAME: &'static str = "probe";
        const PATH: &'static str = "/v1/probe";
        const EXAMPLE_REQUESTS: &'static [&'static str] = &[];
        const EXAMPLE_RESPONSES: &'static [&'static str] = &[];
        type Request = Empty;
        type Response = Empty;
        type ResultCode = crate::error::AnyResultCode;
    }

    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    struct Empty {}

    impl Validate for Empty {
        fn validate_at(
            &self,
            _: &crate::validate::Path<'_>,
            _: &mut Vec<crate::validate::Violation>,
        ) {
        }
    }

    #[test]
    fn sandbox_client_ids_use_the_sandbox_prefix() {
        let sandbox = builder(gateway::NORTH_AMERICA, "SANDBOX_5Y0000")
            .build()
            .unwrap();
        assert!(sandbox.is_sandbox());
        assert_eq!(sandbox.path::<Probe>(), "/ams/sandbox/api/v1/probe");
        let live = builder(gateway::EUROPE, "5Y0000").build().unwrap();
        assert!(!live.is_sandbox());
        assert_eq!(live.path::<Probe>(), "/ams/api/v1/probe");
        // A base URL with a path keeps it, with or without a trailing slash.
        let proxied = builder("http://127.0.0.1:9/antom/", "5Y0000")
            .build()
            .unwrap();
        assert_eq!(proxied.path::<Probe>(), "/antom/ams/api/v1/probe");
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        for (url, loopback) in [
            ("http://127.0.0.1:8080", true),
            ("http://localhost", true),
            ("http://[::1]:9", true),
            (gateway::ASIA, false),
            ("http://10.0.0.1", false),
        ] {
            assert_eq!(
                is_loopback(&reqwest::Url::parse(url).unwrap()),
                loopback,
                "{url}"
            );
        }
    }

    #[test]
    fn bad_gateways_and_client_ids_are_refused() {
        for gateway in [
            "",
            "open-na-global.alipay.com",
            "ftp://x",
            "https://x/?a=1",
            "https://x/#f",
        ] {
            assert!(
                matches!(
                    builder(gateway, "ID").build(),
                    Err(BuildError::Gateway { .. })
                ),
                "{gateway}"
            );
        }
        for id in ["", " ID", "ID\n"] {
            assert!(matches!(
                builder(gateway::ASIA, id).build(),
                Err(BuildError::ClientId(_))
            ));
        }
    }

    #[test]
    fn call_options_refuse_the_headers_the_client_sets() {
        for name in [
            "Client-Id",
            "signature",
            "REQUEST-TIME",
            "content-type",
            "Host",
        ] {
            assert!(
                matches!(
                    CallOptions::new().header(name, "x"),
                    Err(HeaderError::Reserved(_))
                ),
                "{name}"
            );
        }
        for (name, value) in [("agent token", "x"), ("agent-token", "a\nb")] {
            assert!(matches!(
                CallOptions::new().header(name, value),
                Err(HeaderError::Invalid(_))
            ));
        }
        let options = CallOptions::new()
            .header("agent-token", "secret-token")
            .unwrap()
            .header("Agent-Token", "secret-token-2")
            .unwrap();
        assert_eq!(
            options.headers.len(),
            1,
            "a name set twice keeps the last value"
        );
        let debug = format!("{options:?}");
        assert!(
            debug.contains("agent-token") && !debug.contains("secret"),
            "{debug}"
        );
    }

    #[test]
    fn debug_shows_no_key_material() {
        let client = builder(gateway::ASIA, "SANDBOX_5Y0000").build().unwrap();
        let debug = format!("{client:?}");
        assert!(
            debug.contains("PrivateKey { algorithm: \"RSA\", bits: 2048, .. }"),
            "{debug}"
        );
        for pem in [
            include_str!("../tests/data/merchant_private_key.pem"),
            include_str!("../tests/data/antom_public_key.pem"),
        ] {
            for line in pem
                .lines()
                .filter(|l| !l.starts_with("-----") && l.len() >= 20)
            {
                assert!(!debug.contains(&line[..20]), "{debug}");
            }
        }
    }
}
