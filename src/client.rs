//! The signed HTTP client.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::HeaderMap;

use crate::api::{
    Api, Notification, Outcome, ResultCode, ResultStatus, decode_response, peek_status,
};
use crate::error::{BoxError, Error, ResponseBody, Uncertainty};
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
/// `Debug` shows no key material.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
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
        let path = self.path::<A>();
        let url = format!("{}{}{}", inner.base_url, inner.prefix, A::PATH);
        let max_attempts = inner.retry.max_attempts();
        // Whether any attempt may have reached Antom; if none did, the call did not take effect.
        let mut maybe_delivered = false;
        let mut last_uncertainty: Option<Uncertainty<A::ResultCode>> = None;
        let mut last_connect_error: Option<BoxError> = None;
        let mut attempts = 0;
        while attempts < max_attempts {
            if attempts > 0 {
                tokio::time::sleep(inner.retry.backoff(attempts, random_u64())).await;
            }
            attempts += 1;
            let time = now_millis().to_string();
            let content = ContentToSign {
                method: "POST",
                path: &path,
                client_id: &inner.client_id,
                time: &time,
                body: &body,
            };
            let headers = match inner.private_key.signed_headers(
                Direction::Request,
                &content,
                inner.key_version,
            ) {
                Ok(headers) => headers,
                // Only the first attempt can fail to sign (later ones differ by the time only);
                // if an earlier one may have been delivered, the outcome stays unknown.
                Err(_) if maybe_delivered => {
                    attempts -= 1;
                    break;
                }
                Err(source) => {
                    return Err(Error::Sign {
                        api: A::NAME,
                        source,
                    });
                }
            };
            let sent = inner
                .http
                .post(&url)
                .headers(headers)
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
            // Taken, not cloned: reading the body consumes the response.
            let response_headers = std::mem::take(response.headers_mut());
            let received = match response.bytes().await {
                Ok(bytes) => bytes,
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
                return Read::Uncertain(Uncertainty::HttpStatus(status.as_u16()), true);
            }
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
                    source,
                    body: ResponseBody::new(body.to_vec()),
                }))
            }
            Err(source) => Read::Done(Err(Error::InvalidResponse {
                api: A::NAME,
                status: status.as_u16(),
                source,
                body: ResponseBody::new(body.to_vec()),
            })),
        }
    }

    /// Verifies a notification Antom sent to this merchant (see [`notification::verify`]), and
    /// also checks that it is addressed to this client ID.
    pub fn verify_notification<N: Notification>(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<N::Request, NotificationError> {
        notification::verify_for_client::<N>(
            &self.inner.antom_public_key,
            Some(&self.inner.client_id),
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
        let mut http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .user_agent(concat!("antom-rs/", env!("CARGO_PKG_VERSION")))
            // Antom does not redirect; following one would resend (or drop) a signed body to
            // another path. A redirect is an unsigned answer like any other.
            .redirect(reqwest::redirect::Policy::none());
        if is_loopback(&url) {
            // A proxy from the environment (`HTTPS_PROXY`) cannot reach a local mock.
            http = http.no_proxy();
        }
        let http = http.build().map_err(|e| BuildError::Http(Box::new(e)))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
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
