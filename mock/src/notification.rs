//! Signed notifications, as Antom sends them to a merchant's notification URL, for merchants'
//! tests of their notification handlers.

use std::fmt;
use std::time::Duration;

use antom::Notification;
use http_body_util::{BodyExt, Full, Limited};
use hyper::Uri;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::keys;
use crate::signature::{KeyError, SigningKey, antom_time_now, signature_header, signed_content};

/// Signs notifications with the mock's ("Antom's") private key.
pub struct Notifier {
    client_id: String,
    key: SigningKey,
    key_version: u32,
}

impl fmt::Debug for Notifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Notifier")
            .field("client_id", &self.client_id)
            .field("key_version", &self.key_version)
            .finish_non_exhaustive()
    }
}

/// A notification ready to deliver: POST `body` to `path` with `headers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedNotification {
    /// The path it is signed for: the path of the merchant's notification URL, with its query
    /// string if it has one.
    pub path: String,
    /// `Content-Type`, `Client-Id`, `Request-Time` and `Signature`.
    pub headers: Vec<(String, String)>,
    /// The body, byte for byte as signed.
    pub body: Vec<u8>,
}

impl SignedNotification {
    /// The headers as an [`http::HeaderMap`](hyper::HeaderMap), as a web framework hands them to
    /// a notification handler. A header whose value is not a valid HTTP header value (a client ID
    /// with control characters) is left out.
    pub fn header_map(&self) -> hyper::HeaderMap {
        self.headers
            .iter()
            .filter_map(|(name, value)| {
                Some((
                    hyper::header::HeaderName::from_bytes(name.as_bytes()).ok()?,
                    hyper::header::HeaderValue::from_str(value).ok()?,
                ))
            })
            .collect()
    }

    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A notification page without an example to send.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("notification {0} has no example body on its page")]
pub struct NoExample(pub &'static str);

impl Notifier {
    /// Signs for merchant `client_id` with the TEST-ONLY key [`keys::ANTOM_PRIVATE_KEY`]
    /// (key version 1): the SDK verifies with [`keys::ANTOM_PUBLIC_KEY`].
    pub fn new(client_id: impl Into<String>) -> Self {
        Notifier {
            client_id: client_id.into(),
            key: SigningKey::from_text(keys::ANTOM_PRIVATE_KEY)
                .expect("the bundled mock private key parses"),
            key_version: 1,
        }
    }

    /// Signs with this private key (PKCS#8, PEM or bare base64) instead.
    pub fn signing_key(mut self, key: &str) -> Result<Self, KeyError> {
        self.key = SigningKey::from_text(key)?;
        Ok(self)
    }

    /// The `keyVersion` put in signatures (default 1).
    pub fn key_version(mut self, version: u32) -> Self {
        self.key_version = version;
        self
    }

    /// The first example body of notification `N`'s page, signed for `path`.
    pub fn example<N: Notification>(&self, path: &str) -> Result<SignedNotification, NoExample> {
        let body = N::EXAMPLE_REQUESTS.first().ok_or(NoExample(N::NAME))?;
        Ok(self.sign(path, body.as_bytes()))
    }

    /// Signs `body` for `path`, with the current time as `Request-Time`.
    pub fn sign(&self, path: &str, body: impl Into<Vec<u8>>) -> SignedNotification {
        self.sign_at(path, &antom_time_now(), body)
    }

    /// Signs `body` for `path` with a given `Request-Time`: reproducible, for fixed vectors.
    pub fn sign_at(
        &self,
        path: &str,
        request_time: &str,
        body: impl Into<Vec<u8>>,
    ) -> SignedNotification {
        let body = body.into();
        let content = signed_content(path, &self.client_id, request_time, &body);
        let signature = signature_header(&self.key, self.key_version, &content);
        SignedNotification {
            path: path.to_owned(),
            headers: vec![
                (
                    "content-type".into(),
                    "application/json; charset=UTF-8".into(),
                ),
                ("client-id".into(), self.client_id.clone()),
                ("request-time".into(), request_time.to_owned()),
                ("signature".into(), signature),
            ],
            body,
        }
    }
}

/// How long [`Notifier::send`] waits for the merchant, connection and answer together.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest acknowledgement [`Notifier::send`] reads.
const MAX_ACK: usize = 1 << 20;

/// A notification delivered, and the merchant's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// What was sent.
    pub notification: SignedNotification,
    /// The HTTP status the merchant answered with.
    pub status: u16,
    /// The body the merchant answered with.
    pub body: Vec<u8>,
}

impl Delivery {
    /// Whether the merchant acknowledged the notification as Antom expects: HTTP 200 and a body
    /// whose `result` has `resultCode` `SUCCESS` and `resultStatus` `S` (Antom resends the
    /// notification otherwise).
    pub fn is_acknowledged(&self) -> bool {
        let Ok(body) = serde_json::from_slice::<serde_json::Value>(&self.body) else {
            return false;
        };
        self.status == 200
            && body["result"]["resultCode"] == "SUCCESS"
            && body["result"]["resultStatus"] == "S"
    }
}

/// A notification that could not be delivered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// The URL is not `http://host[:port]/path` (the mock speaks plain HTTP only).
    #[error("the notification URL `{0}` is not an http:// URL with a host")]
    Url(String),
    /// The page has no example body.
    #[error(transparent)]
    NoExample(#[from] NoExample),
    /// The merchant could not be reached.
    #[error("cannot connect to {authority}: {source}")]
    Connect {
        /// `host:port`.
        authority: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The HTTP exchange failed.
    #[error("the HTTP exchange with the merchant failed: {0}")]
    Http(String),
    /// The merchant did not answer within 30 seconds.
    #[error("the merchant did not answer within {0:?}")]
    Timeout(Duration),
}

impl Notifier {
    /// Signs the first example body of notification `N`'s page and POSTs it to `url`.
    pub async fn send_example<N: Notification>(&self, url: &str) -> Result<Delivery, SendError> {
        let body = N::EXAMPLE_REQUESTS.first().ok_or(NoExample(N::NAME))?;
        self.send(url, body.as_bytes()).await
    }

    /// Signs `body` for the path of `url` (with its query string, if any) and POSTs it there, as
    /// Antom delivers notifications.
    pub async fn send(&self, url: &str, body: impl Into<Vec<u8>>) -> Result<Delivery, SendError> {
        let uri: Uri = url.parse().map_err(|_| SendError::Url(url.to_owned()))?;
        let (Some("http"), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
            return Err(SendError::Url(url.to_owned()));
        };
        let authority = authority.as_str().to_owned();
        let target = uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
        let notification = self.sign(&target, body);
        let exchange = async {
            let address = if uri.port().is_some() {
                authority.clone()
            } else {
                format!("{authority}:80")
            };
            let stream =
                TcpStream::connect(&address)
                    .await
                    .map_err(|source| SendError::Connect {
                        authority: authority.clone(),
                        source,
                    })?;
            let http = |e: hyper::Error| SendError::Http(e.to_string());
            let (mut sender, connection) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream))
                    .await
                    .map_err(http)?;
            tokio::spawn(connection);
            let mut request = hyper::Request::post(&target).header("host", &authority);
            for (name, value) in &notification.headers {
                request = request.header(name, value);
            }
            let request = request
                .body(Full::new(Bytes::copy_from_slice(&notification.body)))
                .map_err(|e| SendError::Http(e.to_string()))?;
            let response = sender.send_request(request).await.map_err(http)?;
            let status = response.status().as_u16();
            let body = Limited::new(response.into_body(), MAX_ACK)
                .collect()
                .await
                .map_err(|e| SendError::Http(e.to_string()))?
                .to_bytes()
                .to_vec();
            Ok::<_, SendError>((status, body))
        };
        let (status, body) = tokio::time::timeout(SEND_TIMEOUT, exchange)
            .await
            .map_err(|_| SendError::Timeout(SEND_TIMEOUT))??;
        Ok(Delivery {
            notification,
            status,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::{SignatureHeader, VerifyingKey};

    #[test]
    fn signed_notification_verifies_with_the_mock_public_key() {
        let notifier = Notifier::new("SANDBOX_1");
        let n = notifier.sign_at(
            "/notify",
            "2026-01-01T00:00:00.000+00:00",
            &b"{\"a\":1}"[..],
        );
        assert_eq!(n.header("Client-Id"), Some("SANDBOX_1"));
        let parsed = SignatureHeader::parse(n.header("signature").unwrap()).unwrap();
        let key = VerifyingKey::from_text(keys::ANTOM_PUBLIC_KEY).unwrap();
        let content = signed_content(
            "/notify",
            "SANDBOX_1",
            "2026-01-01T00:00:00.000+00:00",
            &n.body,
        );
        assert!(key.verify(&content, &parsed.signature));
        let mut tampered = content.clone();
        *tampered.last_mut().unwrap() = b']';
        assert!(!key.verify(&tampered, &parsed.signature));
        assert!(!format!("{notifier:?}").contains("BEGIN"));
    }
}
