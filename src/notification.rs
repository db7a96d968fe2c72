//! Notifications Antom sends to the merchant: verifying them, and acknowledging them.
//!
//! Antom POSTs a notification (`notifyVaulting`, `notifyPayment`...) to the URL the merchant
//! gave, signed with Antom's private key over
//! `POST <path>\n<client-id>.<request-time>.<body>`. The merchant verifies it with Antom's public
//! key *before* trusting a byte of it, then answers with the fixed acknowledgement, else Antom
//! sends it again (up to eight times over 24 hours).
//!
//! ```no_run
//! # use antom::{Client, Notification};
//! # fn handle<N: Notification>(client: &Client, headers: &http::HeaderMap, body: &[u8])
//! #     -> Result<(), Box<dyn std::error::Error>> {
//! // In the HTTP handler of `POST /antom/notify`, with the raw body bytes:
//! let notification = client.verify_notification::<N>("POST", "/antom/notify", headers, body)?;
//! // ... act on `notification`, idempotently: Antom may deliver it more than once ...
//! let ack = client.acknowledge_notification("POST", "/antom/notify")?;
//! // Answer with HTTP 200, `ack.headers` and `ack.body`.
//! # Ok(()) }
//! ```

use http::HeaderMap;

use crate::api::Notification;
use crate::error::DecodeError;
use crate::signing::{CLIENT_ID, ContentToSign, Direction, PrivateKey, PublicKey, SignatureError};

/// The acknowledgement body every notification page asks for.
pub const ACKNOWLEDGEMENT_BODY: &str =
    r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;

/// A notification that is not trusted or cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NotificationError {
    /// The signature is missing or wrong: the notification did not come from Antom unaltered.
    /// Answer with an error status and do not act on it.
    #[error("{notification}: rejected: {source}")]
    Signature {
        /// The notification's name: `notifyVaulting`.
        notification: &'static str,
        /// What is wrong with the signature.
        source: SignatureError,
    },
    /// The notification is signed for another client ID.
    #[error("{notification}: addressed to client ID `{found}`, not `{expected}`")]
    ClientId {
        /// The notification's name.
        notification: &'static str,
        /// This merchant's client ID.
        expected: String,
        /// The `Client-Id` header received.
        found: String,
    },
    /// The signed `Request-Time` is neither ISO 8601 nor milliseconds since the epoch.
    #[error("the notification's `Request-Time` `{value}` is not a time")]
    RequestTime {
        /// The header as received.
        value: String,
    },
    /// The signed `Request-Time` is older than the replay window allows (or too far ahead of
    /// this machine's clock): an authentic notification replayed, or a clock far off.
    #[error(
        "the notification was signed at {request_time}, outside the replay window of {window:?}: \
         refused as a replay"
    )]
    Expired {
        /// The `Request-Time` header as received.
        request_time: String,
        /// The window it is outside of.
        window: std::time::Duration,
    },
    /// The notification is authentic but its body does not match the page's structure.
    #[error("{notification}: the signed body cannot be read: {source}")]
    Decode {
        /// The notification's name.
        notification: &'static str,
        /// What is wrong with the body (the offending value left out).
        source: DecodeError,
    },
}

/// Verifies a notification with Antom's public key and decodes its body.
///
/// `method` and `path` are those of the incoming HTTP request (`POST`, and the path of the
/// notification URL, with its query string if it has one); `headers` its headers (`Client-Id`,
/// `Request-Time` and `Signature` are read); `body` its raw bytes, exactly as received: do not
/// parse and re-serialize JSON before verifying.
///
/// Once authentic, the body is decoded but not checked against the page's request rules
/// ([`crate::Validate`]): Antom's word is final, and refusing it would only make Antom send it
/// again. The signature does not expire: Antom may deliver the same notification several times,
/// so act on it idempotently (by its request ID).
pub fn verify<N: Notification>(
    antom_public_key: &PublicKey,
    method: &str,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<N::Request, NotificationError> {
    verify_for_client::<N>(antom_public_key, None, method, path, headers, body)
}

/// [`verify`], also checking the client ID when `client_id` is given.
pub(crate) fn verify_for_client<N: Notification>(
    antom_public_key: &PublicKey,
    client_id: Option<&str>,
    method: &str,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<N::Request, NotificationError> {
    authenticate(
        antom_public_key,
        client_id,
        N::NAME,
        method,
        path,
        headers,
        body,
    )?;
    decode::<N>(body)
}

/// Checks that a notification (named `notification` in errors) is addressed to `client_id`
/// when given, and that Antom signed it.
pub(crate) fn authenticate(
    antom_public_key: &PublicKey,
    client_id: Option<&str>,
    notification: &'static str,
    method: &str,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), NotificationError> {
    if let (Some(expected), Some(found)) = (client_id, headers.get(CLIENT_ID)) {
        if found.as_bytes() != expected.as_bytes() {
            tracing::warn!(
                notification,
                "a notification for another client ID is rejected"
            );
            return Err(NotificationError::ClientId {
                notification,
                expected: expected.to_owned(),
                found: String::from_utf8_lossy(found.as_bytes()).into_owned(),
            });
        }
    }
    antom_public_key
        .verify_headers(Direction::Request, method, path, client_id, headers, body)
        .map_err(|source| {
            tracing::warn!(notification, error = %source, "a notification's signature is rejected");
            NotificationError::Signature {
                notification,
                source,
            }
        })?;
    Ok(())
}

/// Decodes an authentic notification body.
pub(crate) fn decode<N: Notification>(body: &[u8]) -> Result<N::Request, NotificationError> {
    serde_json::from_slice(body).map_err(|source| NotificationError::Decode {
        notification: N::NAME,
        source: DecodeError::new(source),
    })
}

/// The answer to a notification: HTTP 200 with these headers and this body.
#[derive(Debug, Clone)]
pub struct Acknowledgement {
    /// `Client-Id`, `Response-Time`, `Signature` and `Content-Type`.
    pub headers: HeaderMap,
    /// [`ACKNOWLEDGEMENT_BODY`].
    pub body: Vec<u8>,
}

impl From<Acknowledgement> for http::Response<Vec<u8>> {
    fn from(ack: Acknowledgement) -> Self {
        let mut response = http::Response::new(ack.body);
        *response.headers_mut() = ack.headers;
        response
    }
}

/// Builds the acknowledgement Antom expects for a notification received at `method` `path`,
/// signed with the merchant's private key like a response (`Response-Time`). Antom does not
/// require the signature; it costs nothing and lets Antom authenticate the answer.
pub fn acknowledge(
    merchant_private_key: &PrivateKey,
    key_version: u32,
    client_id: &str,
    method: &str,
    path: &str,
) -> Result<Acknowledgement, SignatureError> {
    // ISO 8601, as Antom writes its own `Response-Time` (see `crate::signing`).
    let now = time::OffsetDateTime::now_utc();
    let time =
        crate::wire::format_datetime(&now.replace_millisecond(now.millisecond()).unwrap_or(now))
            .map_err(|_| SignatureError::SigningFailed)?;
    let body = ACKNOWLEDGEMENT_BODY.as_bytes();
    let headers = merchant_private_key.signed_headers(
        Direction::Response,
        &ContentToSign {
            method,
            path,
            client_id,
            time: &time,
            body,
        },
        key_version,
    )?;
    Ok(Acknowledgement {
        headers,
        body: body.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acknowledgement_is_the_pages_fixed_body_and_is_signed() {
        let key =
            PrivateKey::parse(include_str!("../tests/data/merchant_private_key.pem")).unwrap();
        let ack = acknowledge(&key, 1, "SANDBOX_5Y", "POST", "/notify").unwrap();
        let value: serde_json::Value = serde_json::from_slice(&ack.body).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"result": {"resultCode": "SUCCESS", "resultStatus": "S",
                "resultMessage": "success"}})
        );
        key.public_key()
            .verify_headers(
                Direction::Response,
                "POST",
                "/notify",
                Some("SANDBOX_5Y"),
                &ack.headers,
                &ack.body,
            )
            .unwrap();
        // Response-Time as Antom writes its own: ISO 8601 with an offset.
        let time = ack.headers["response-time"].to_str().unwrap();
        assert!(crate::wire::parse_datetime(time).is_ok(), "{time}");
        assert!(time.ends_with("+00:00"), "{time}");
        let response: http::Response<Vec<u8>> = ack.into();
        assert_eq!(response.status(), 200);
    }
}
