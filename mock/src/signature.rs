//! Antom's message signatures, written independently of the SDK's own signing code so that the
//! mock cross-checks the SDK rather than agreeing with it by construction.
//!
//! Antom signs `<METHOD> <path>\n<client-id>.<time>.<body>` with RSA-SHA256 (PKCS#1 v1.5
//! padding), base64-encodes the signature, URL-encodes it, and sends it in the header
//! `Signature: algorithm=RSA256,keyVersion=<v>,signature=<value>`. Requests carry the time in
//! `Request-Time`, responses in `Response-Time`; notifications are signed like requests.

use std::fmt;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{
    ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaKeyPair,
};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// A key that could not be read: the SDK's own error, as the mock reads keys with the SDK's
/// reader ([`antom::signing::key_der`]) and signs and verifies with its own code.
pub use antom::KeyError;

/// An RSA private key that signs messages the way Antom does. Its `Debug` shows no key
/// material.
pub struct SigningKey {
    pair: RsaKeyPair,
    rng: SystemRandom,
}

impl SigningKey {
    /// Reads a PKCS#8 RSA private key, as PEM or bare base64.
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        let der = antom::signing::key_der(text, "private")?;
        let pair = RsaKeyPair::from_pkcs8(&der)
            .or_else(|_| RsaKeyPair::from_der(&der))
            .map_err(|e| KeyError::Rejected {
                kind: "private",
                expected: "PKCS#8 or PKCS#1 DER of an RSA private key",
                reason: e.description_(),
            })?;
        Ok(SigningKey {
            pair,
            rng: SystemRandom::new(),
        })
    }

    /// Signs `message` with RSA-SHA256, PKCS#1 v1.5 padding; returns the raw signature.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let mut signature = vec![0; self.pair.public_modulus_len()];
        // PKCS#1 v1.5 signing with a key that parsed cannot fail except on an internal error
        // of the library, which would be a bug worth stopping the mock for.
        self.pair
            .sign(&RSA_PKCS1_SHA256, &self.rng, message, &mut signature)
            .expect("RSA PKCS#1 v1.5 signing with a parsed key");
        signature
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("bits", &(self.pair.public_modulus_len() * 8))
            .finish_non_exhaustive()
    }
}

/// An RSA public key that verifies Antom signatures.
#[derive(Clone)]
pub struct VerifyingKey {
    key: ParsedPublicKey,
}

impl VerifyingKey {
    /// Reads an X.509 SubjectPublicKeyInfo RSA public key, as PEM or bare base64.
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        let der = antom::signing::key_der(text, "public")?;
        let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der).map_err(|_| {
            KeyError::Rejected {
                kind: "public",
                expected: "an RSA public key (SubjectPublicKeyInfo) of 2048 to 8192 bits",
                reason: "the cryptography library rejected it",
            }
        })?;
        Ok(VerifyingKey { key })
    }

    /// Whether `signature` is a valid RSA-SHA256 PKCS#1 v1.5 signature of `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        self.key.verify_sig(message, signature).is_ok()
    }
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey").finish_non_exhaustive()
    }
}

/// The bytes Antom signs: `POST <path>\n<client-id>.<time>.<body>`.
pub fn signed_content(path: &str, client_id: &str, time: &str, body: &[u8]) -> Vec<u8> {
    let mut content =
        Vec::with_capacity(6 + path.len() + client_id.len() + time.len() + body.len() + 3);
    content.extend_from_slice(b"POST ");
    content.extend_from_slice(path.as_bytes());
    content.push(b'\n');
    content.extend_from_slice(client_id.as_bytes());
    content.push(b'.');
    content.extend_from_slice(time.as_bytes());
    content.push(b'.');
    content.extend_from_slice(body);
    content
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

/// Signs `content` and renders the `Signature` header value:
/// `algorithm=RSA256,keyVersion=<v>,signature=<url-encoded base64>`.
pub fn signature_header(key: &SigningKey, key_version: u32, content: &[u8]) -> String {
    format_signature_header(key_version, &key.sign(content))
}

/// Renders the `Signature` header value for raw signature bytes.
pub fn format_signature_header(key_version: u32, signature: &[u8]) -> String {
    let encoded = url_encode(&STANDARD.encode(signature));
    format!("algorithm=RSA256,keyVersion={key_version},signature={encoded}")
}

/// A parsed `Signature` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeader {
    /// The `algorithm` value: `RSA256`.
    pub algorithm: String,
    /// The `keyVersion` value, if given.
    pub key_version: Option<String>,
    /// The signature bytes, URL-decoded and base64-decoded.
    pub signature: Vec<u8>,
}

/// Why a `Signature` header could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureHeaderError {
    /// A required key is absent.
    #[error("the Signature header has no `{0}`")]
    Missing(&'static str),
    /// The algorithm is not `RSA256`.
    #[error("the Signature header names algorithm `{0}`; only RSA256 is supported")]
    Algorithm(String),
    /// The signature value is not URL-encoded base64.
    #[error("the Signature header's signature is not URL-encoded base64")]
    Encoding,
}

impl SignatureHeader {
    /// Parses `algorithm=RSA256,keyVersion=1,signature=<value>`; pairs are separated by commas,
    /// optionally followed by spaces, as in Antom's documentation.
    pub fn parse(value: &str) -> Result<Self, SignatureHeaderError> {
        let mut algorithm = None;
        let mut key_version = None;
        let mut signature = None;
        for pair in value.split(',') {
            let Some((key, val)) = pair.trim().split_once('=') else {
                continue;
            };
            match key.trim() {
                "algorithm" => algorithm = Some(val.trim()),
                "keyVersion" => key_version = Some(val.trim()),
                "signature" => signature = Some(val.trim()),
                _ => {}
            }
        }
        let algorithm = algorithm.ok_or(SignatureHeaderError::Missing("algorithm"))?;
        if algorithm != "RSA256" {
            return Err(SignatureHeaderError::Algorithm(algorithm.to_owned()));
        }
        let signature = signature.ok_or(SignatureHeaderError::Missing("signature"))?;
        let decoded = url_decode(signature).ok_or(SignatureHeaderError::Encoding)?;
        let signature = STANDARD
            .decode(decoded.as_bytes())
            .map_err(|_| SignatureHeaderError::Encoding)?;
        Ok(SignatureHeader {
            algorithm: algorithm.to_owned(),
            key_version: key_version.map(str::to_owned),
            signature,
        })
    }
}

/// URL-encodes like Java's `URLEncoder` (which Antom uses): unreserved characters
/// `A-Z a-z 0-9 - _ . *` stay, everything else is `%XX`.
pub fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'*') {
            out.push(byte as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0xF)] as char);
        }
    }
    out
}

/// Reverses [`url_encode`] (and accepts lower-case hex); `None` for a malformed escape or
/// a result that is not UTF-8. A `+` is kept as it is: base64 signatures sent unescaped keep
/// their meaning.
pub fn url_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys;

    #[test]
    fn response_time_is_iso_8601_with_milliseconds() {
        let t = antom_time_now();
        assert_eq!(t.len(), "2026-01-02T03:04:05.678+00:00".len(), "{t}");
        assert!(t.ends_with("+00:00"), "{t}");
    }

    #[test]
    fn content_is_method_path_newline_client_time_body() {
        let content = signed_content("/ams/api/v1/x", "SANDBOX_1", "1700000000000", b"{}");
        assert_eq!(content, b"POST /ams/api/v1/x\nSANDBOX_1.1700000000000.{}");
    }

    #[test]
    fn url_encoding_matches_java_url_encoder() {
        assert_eq!(url_encode("ab+/c=="), "ab%2B%2Fc%3D%3D");
        assert_eq!(url_encode("a-_.*~ "), "a-_.*%7E%20");
        assert_eq!(url_decode("ab%2B%2fc%3D%3D").as_deref(), Some("ab+/c=="));
        assert_eq!(url_decode("ab+c").as_deref(), Some("ab+c"));
        assert_eq!(url_decode("ab%2"), None);
        assert_eq!(url_decode("ab%zz"), None);
    }

    #[test]
    fn header_round_trips_and_verifies() {
        let signer = SigningKey::from_text(keys::MERCHANT_PRIVATE_KEY).unwrap();
        let verifier = VerifyingKey::from_text(keys::MERCHANT_PUBLIC_KEY).unwrap();
        let content = signed_content("/ams/api/v1/x", "C", "1", b"{\"a\":1}");
        let header = signature_header(&signer, 1, &content);
        assert!(header.starts_with("algorithm=RSA256,keyVersion=1,signature="));
        let parsed = SignatureHeader::parse(&header).unwrap();
        assert_eq!(parsed.key_version.as_deref(), Some("1"));
        assert!(verifier.verify(&content, &parsed.signature));
        assert!(!verifier.verify(b"other", &parsed.signature));
        // Antom's documentation shows spaces after the commas.
        let spaced = header.replace(',', ", ");
        assert_eq!(SignatureHeader::parse(&spaced).unwrap(), parsed);
    }

    /// The workspace's fixed vector (`tests/data/make_vectors.sh`): content and signature
    /// computed with the `openssl` command line, independently of any Rust code.
    #[test]
    fn signing_matches_the_openssl_vector() {
        let content = include_bytes!("../../tests/data/vector_content.bin");
        let expected = include_str!("../../tests/data/vector_signature.txt").trim();
        let body = include_bytes!("../../tests/data/vector_body.json");
        assert_eq!(
            signed_content(
                "/ams/api/v1/vaults/createVaultingSession",
                "SANDBOX_5YEZ0000000000000",
                "1700000000000",
                body
            ),
            content
        );
        let signer = SigningKey::from_text(keys::MERCHANT_PRIVATE_KEY).unwrap();
        let header = signature_header(&signer, 1, content);
        assert_eq!(
            header,
            format!("algorithm=RSA256,keyVersion=1,signature={expected}")
        );
        let verifier = VerifyingKey::from_text(keys::MERCHANT_PUBLIC_KEY).unwrap();
        let parsed = SignatureHeader::parse(&header).unwrap();
        assert!(verifier.verify(content, &parsed.signature));
        // The dashboard's bare base64 form of the same keys.
        let bare = include_str!("../../tests/data/merchant_private_key.b64");
        assert_eq!(
            signature_header(&SigningKey::from_text(bare).unwrap(), 1, content),
            header
        );
    }

    #[test]
    fn keys_accept_pem_and_bare_base64_and_reject_garbage() {
        let bare: String = keys::MERCHANT_PUBLIC_KEY
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        assert!(VerifyingKey::from_text(&bare).is_ok());
        assert!(matches!(
            VerifyingKey::from_text("not a key!"),
            Err(KeyError::Base64 { .. })
        ));
        assert!(matches!(
            VerifyingKey::from_text("aGVsbG8="),
            Err(KeyError::Rejected { .. })
        ));
        assert!(matches!(
            SigningKey::from_text(keys::MERCHANT_PUBLIC_KEY),
            Err(KeyError::Rejected { .. })
        ));
        let debug = format!(
            "{:?}",
            SigningKey::from_text(keys::MERCHANT_PRIVATE_KEY).unwrap()
        );
        assert_eq!(debug, "SigningKey { bits: 2048, .. }");
    }

    #[test]
    fn malformed_headers_are_errors() {
        assert_eq!(
            SignatureHeader::parse("keyVersion=1,signature=AA%3D%3D"),
            Err(SignatureHeaderError::Missing("algorithm"))
        );
        assert_eq!(
            SignatureHeader::parse("algorithm=RSA512,signature=AA%3D%3D"),
            Err(SignatureHeaderError::Algorithm("RSA512".into()))
        );
        assert_eq!(
            SignatureHeader::parse("algorithm=RSA256,keyVersion=1"),
            Err(SignatureHeaderError::Missing("signature"))
        );
        assert_eq!(
            SignatureHeader::parse("algorithm=RSA256,signature=%%%"),
            Err(SignatureHeaderError::Encoding)
        );
    }
}
