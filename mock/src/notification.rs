//! Signed notifications, as Antom sends them to a merchant's notification URL, for merchants'
//! tests of their notification handlers.

use std::fmt;

use antom::Notification;

use crate::keys;
use crate::signature::{KeyError, SigningKey, signature_header, signed_content};

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
    /// The path it is signed for: the path of the merchant's notification URL.
    pub path: String,
    /// `Content-Type`, `Client-Id`, `Request-Time` and `Signature`.
    pub headers: Vec<(String, String)>,
    /// The body, byte for byte as signed.
    pub body: Vec<u8>,
}

impl SignedNotification {
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
        self.sign_at(path, &crate::server::antom_time_now(), body)
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
