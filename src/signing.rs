//! Keys, and Antom's message signatures.
//!
//! Every message between a merchant and Antom is signed with RSA-SHA256 (PKCS#1 v1.5 padding)
//! over the *content to sign*:
//!
//! ```text
//! <METHOD> <path>
//! <client-id>.<time>.<body>
//! ```
//!
//! where `<path>` is the request path (`/ams/api/v1/payments/pay`), `<client-id>` the merchant's
//! client ID, `<time>` the `Request-Time` header of a request or notification or the
//! `Response-Time` header of a response, and `<body>` the exact bytes of the body.
//!
//! The time is signed verbatim, as the header spells it, and never parsed to verify a
//! signature. Its two spellings both occur: Antom writes ISO 8601 with an offset in a
//! response's `Response-Time` (`2019-05-28T12:12:14+08:00`, Antom's "Digital signature" page)
//! and in a notification's `Request-Time`; a merchant's `Request-Time` is milliseconds since the
//! epoch (`1685599933871`, Antom's API overview). Antom's own SDKs do the same: the Java SDK
//! reads `response-time` as a raw string (`DefaultHttpRPC`) and signs it unchanged
//! (`SignatureTool.genSignContent`), and sends `System.currentTimeMillis()` as `request-time`.
//! This crate sends milliseconds in requests and ISO 8601 in acknowledgements, like Antom's
//! responses; the mock answers as Antom does. The signature is base64-encoded, then
//! URL-encoded, and travels in the `Signature` header:
//! `algorithm=RSA256,keyVersion=1,signature=<value>`.
//!
//! | Message                  | Signed with               | Verified with             | Time header     |
//! |--------------------------|---------------------------|---------------------------|-----------------|
//! | merchant → Antom request | merchant's private key    | merchant's public key     | `Request-Time`  |
//! | Antom → merchant response| Antom's private key       | Antom's public key        | `Response-Time` |
//! | Antom → merchant notification | Antom's private key  | Antom's public key        | `Request-Time`  |
//! | merchant → Antom acknowledgement | merchant's private key | merchant's public key | `Response-Time` |
//!
//! [`PrivateKey::signed_headers`] and [`PublicKey::verify_headers`] cover all four: pick the
//! [`Direction`] (which time header) and the key.
//!
//! RSA is done by [aws-lc-rs](https://docs.rs/aws-lc-rs), whose private-key operations are
//! constant-time (the `rsa` crate's are not: RUSTSEC-2023-0071).
//!
//! ```
//! use antom::signing::{ContentToSign, PrivateKey};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let key = PrivateKey::parse(include_str!("../tests/data/merchant_private_key.pem"))?;
//! let body = br#"{"vaultingRequestId":"1"}"#;
//! let content = ContentToSign {
//!     method: "POST",
//!     path: "/ams/api/v1/vaults/createVaultingSession",
//!     client_id: "SANDBOX_5YEZ0000000000000",
//!     time: "1700000000000",
//!     body,
//! };
//! let header = key.signature_header(&content, 1)?;
//! assert!(header.starts_with("algorithm=RSA256,keyVersion=1,signature="));
//! key.public_key().verify(&content, &header.parse()?)?;
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::str::FromStr;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, ParsedPublicKey, RsaKeyPair};
use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use http::{HeaderMap, HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

/// The `Client-Id` header: the merchant's client ID.
pub const CLIENT_ID: HeaderName = HeaderName::from_static("client-id");
/// The `Request-Time` header of requests (milliseconds since the epoch) and notifications (ISO
/// 8601, as Antom writes it).
pub const REQUEST_TIME: HeaderName = HeaderName::from_static("request-time");
/// The `Response-Time` header of responses and acknowledgements: ISO 8601 with an offset,
/// `2019-05-28T12:12:14+08:00`.
pub const RESPONSE_TIME: HeaderName = HeaderName::from_static("response-time");
/// The `Signature` header.
pub const SIGNATURE: HeaderName = HeaderName::from_static("signature");
/// The `Content-Type` Antom's messages carry.
pub const CONTENT_TYPE_JSON: &str = "application/json; charset=UTF-8";
/// The only signature algorithm Antom uses: RSA-SHA256 with PKCS#1 v1.5 padding.
pub const ALGORITHM: &str = "RSA256";

/// Smallest accepted RSA modulus, in bits.
const MIN_BITS: usize = 2048;
/// Largest accepted RSA modulus, in bits.
const MAX_BITS: usize = 8192;

/// Base64 decoding that accepts padding or its absence (keys pasted from a dashboard, signatures
/// from either direction); encoding always pads, as Antom does.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// What URL-encoding escapes: everything but letters, digits and `-._*` (as `URLEncoder` does);
/// of the base64 alphabet, only `+`, `/` and `=` change.
const URL_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'*');

/// A key that could not be read. The message never contains key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The text is empty.
    #[error("the {kind} key is empty")]
    Empty {
        /// `private` or `public`.
        kind: &'static str,
    },
    /// A PEM block is not closed, or its label is not one this key accepts.
    #[error("the {kind} key is not valid PEM: {reason}")]
    Pem {
        /// `private` or `public`.
        kind: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The key is encrypted with a passphrase; Antom keys are not.
    #[error(
        "the {kind} key is encrypted with a passphrase; decrypt it first \
         (`openssl pkcs8 -in key.pem -nocrypt -topk8`)"
    )]
    Encrypted {
        /// `private` or `public`.
        kind: &'static str,
    },
    /// Neither PEM nor base64.
    #[error(
        "the {kind} key is neither PEM nor base64: invalid base64 at character {offset} \
         (expected `-----BEGIN ...-----` PEM or the bare base64 from Antom Dashboard)"
    )]
    Base64 {
        /// `private` or `public`.
        kind: &'static str,
        /// Where the base64 goes wrong, in characters after removing whitespace.
        offset: usize,
    },
    /// A public key was given where a private key was expected, or the other way round.
    #[error("expected a {expected} key, but this is a {found} key")]
    WrongKind {
        /// What was expected: `private` or `public`.
        expected: &'static str,
        /// What was found.
        found: &'static str,
    },
    /// The DER is not an RSA key of the expected structure.
    #[error("the {kind} key is not an RSA key in {expected}: {reason}")]
    Rejected {
        /// `private` or `public`.
        kind: &'static str,
        /// The structures accepted.
        expected: &'static str,
        /// Why the cryptography library rejected it.
        reason: &'static str,
    },
    /// The RSA modulus is too small or too large.
    #[error("the {kind} key is {bits} bits long; Antom keys are {MIN_BITS} to {MAX_BITS} bits")]
    Size {
        /// `private` or `public`.
        kind: &'static str,
        /// The modulus size.
        bits: usize,
    },
}

/// The merchant's (or, in a mock, Antom's) RSA private key, for signing.
///
/// `Debug` prints the key size only, never key material.
pub struct PrivateKey {
    pair: RsaKeyPair,
}

/// An RSA public key, for verifying signatures: Antom's public key in the merchant's client, the
/// merchant's in a mock Antom.
///
/// `Debug` prints the key size only.
#[derive(Clone)]
pub struct PublicKey {
    key: ParsedPublicKey,
    bits: usize,
}

/// A key's text after PEM or base64 decoding.
struct Der {
    /// The PEM label (`PRIVATE KEY`), or `None` for bare base64.
    label: Option<String>,
    bytes: Vec<u8>,
}

impl Drop for Der {
    fn drop(&mut self) {
        // Best effort: do not leave decoded private keys lying around in freed memory.
        self.bytes.iter_mut().for_each(|b| *b = 0);
        std::hint::black_box(&self.bytes);
    }
}

/// Decodes PEM (one block; a label is returned) or bare base64 (whitespace ignored). Also
/// accepts PEM whose line breaks were flattened to literal `\n`, as happens in environment
/// variables.
fn decode_key_text(text: &str, kind: &'static str) -> Result<Der, KeyError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(KeyError::Empty { kind });
    }
    let unescaped;
    let text = if text.contains("\\n") {
        unescaped = text.replace("\\r", "").replace("\\n", "\n");
        unescaped.as_str()
    } else {
        text
    };
    let pem_error = |reason: String| KeyError::Pem { kind, reason };
    let (label, body) = if let Some(rest) = text.strip_prefix("-----BEGIN ") {
        let (label, rest) = rest
            .split_once("-----")
            .ok_or_else(|| pem_error("the `-----BEGIN` line is not closed by `-----`".into()))?;
        let end = format!("-----END {label}-----");
        let (body, _after) = rest
            .split_once(&end)
            .ok_or_else(|| pem_error(format!("no `{end}` line")))?;
        if label.contains("ENCRYPTED") || body.contains("Proc-Type:") {
            return Err(KeyError::Encrypted { kind });
        }
        (Some(label.to_owned()), body)
    } else {
        (None, text)
    };
    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = BASE64.decode(compact.as_bytes()).map_err(|e| {
        let offset = match e {
            base64::DecodeError::InvalidByte(offset, _)
            | base64::DecodeError::InvalidLastSymbol { offset, .. } => offset,
            base64::DecodeError::InvalidLength(len) => len,
            _ => compact.len(),
        };
        KeyError::Base64 { kind, offset }
    })?;
    Ok(Der { label, bytes })
}

/// The DER of a key given as PEM or bare base64, read exactly as [`PrivateKey::parse`] and
/// [`PublicKey::parse`] read it (`kind`: `private` or `public`, for errors): for a mock Antom
/// that signs with its own code but reads keys as the SDK does. Not part of the stable API.
#[doc(hidden)]
pub fn key_der(text: &str, kind: &'static str) -> Result<Vec<u8>, KeyError> {
    Ok(decode_key_text(text, kind)?.bytes.clone())
}

fn reason(rejected: aws_lc_rs::error::KeyRejected) -> &'static str {
    rejected.description_()
}

impl PrivateKey {
    /// Reads a private key from PEM (`-----BEGIN PRIVATE KEY-----`, PKCS#8, or
    /// `-----BEGIN RSA PRIVATE KEY-----`, PKCS#1) or from the bare base64 of PKCS#8 (or PKCS#1)
    /// DER, as Antom Dashboard shows it.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let der = decode_key_text(text, "private")?;
        match der.label.as_deref() {
            Some("PRIVATE KEY") => Self::from_pkcs8_der(&der.bytes),
            Some("RSA PRIVATE KEY") => Self::from_pkcs1_der(&der.bytes),
            Some(label) if label.contains("PUBLIC KEY") => Err(KeyError::WrongKind {
                expected: "private",
                found: "public",
            }),
            Some(label) => Err(KeyError::Pem {
                kind: "private",
                reason: format!(
                    "the label is `{label}`, expected `PRIVATE KEY` or `RSA PRIVATE KEY`"
                ),
            }),
            None => Self::from_pkcs8_der(&der.bytes)
                .or_else(|pkcs8| Self::from_pkcs1_der(&der.bytes).map_err(|_| pkcs8))
                .map_err(|e| {
                    if PublicKey::from_der(&der.bytes).is_ok() {
                        KeyError::WrongKind {
                            expected: "private",
                            found: "public",
                        }
                    } else {
                        e
                    }
                }),
        }
    }

    /// Reads an unencrypted PKCS#8 `PrivateKeyInfo` DER.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        let pair = RsaKeyPair::from_pkcs8(der).map_err(|e| KeyError::Rejected {
            kind: "private",
            expected: "PKCS#8 DER",
            reason: reason(e),
        })?;
        Self::checked(pair)
    }

    /// Reads a PKCS#1 `RSAPrivateKey` DER.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        let pair = RsaKeyPair::from_der(der).map_err(|e| KeyError::Rejected {
            kind: "private",
            expected: "PKCS#8 or PKCS#1 DER",
            reason: reason(e),
        })?;
        Self::checked(pair)
    }

    fn checked(pair: RsaKeyPair) -> Result<Self, KeyError> {
        let bits = pair.public_modulus_len() * 8;
        if !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return Err(KeyError::Size {
                kind: "private",
                bits,
            });
        }
        Ok(PrivateKey { pair })
    }

    /// The size of the RSA modulus, in bits.
    pub fn bits(&self) -> usize {
        self.pair.public_modulus_len() * 8
    }

    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        use aws_lc_rs::signature::KeyPair as _;
        // A key pair's own public key always parses; the fallible path is never taken.
        PublicKey::from_der(self.pair.public_key().as_ref())
            .expect("the public half of a valid RSA key pair is a valid public key")
    }

    /// Signs `content` and returns the signature as it goes into the `Signature` header:
    /// base64, then URL-encoded.
    pub fn sign(&self, content: &ContentToSign<'_>) -> Result<String, SignatureError> {
        let raw = self.sign_raw(&content.to_bytes())?;
        Ok(encode_signature(&raw))
    }

    /// Signs arbitrary bytes with RSA-SHA256 (PKCS#1 v1.5) and returns the raw signature.
    pub fn sign_raw(&self, message: &[u8]) -> Result<Vec<u8>, SignatureError> {
        let mut signature = vec![0; self.pair.public_modulus_len()];
        self.pair
            .sign(
                &signature::RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| SignatureError::SigningFailed)?;
        Ok(signature)
    }

    /// Signs `content` and returns the whole `Signature` header value:
    /// `algorithm=RSA256,keyVersion=<key_version>,signature=<value>`.
    pub fn signature_header(
        &self,
        content: &ContentToSign<'_>,
        key_version: u32,
    ) -> Result<String, SignatureError> {
        Ok(SignatureHeader {
            algorithm: ALGORITHM.to_owned(),
            key_version: Some(key_version.to_string()),
            signature: self.sign_raw(&content.to_bytes())?,
        }
        .to_string())
    }

    /// Signs `content` and returns the headers to send with it: `Client-Id`, the time header of
    /// `direction` (`Request-Time` or `Response-Time`), `Signature`, and `Content-Type`.
    pub fn signed_headers(
        &self,
        direction: Direction,
        content: &ContentToSign<'_>,
        key_version: u32,
    ) -> Result<HeaderMap, SignatureError> {
        let value = |header: &HeaderName, text: &str| {
            HeaderValue::from_str(text).map_err(|_| SignatureError::InvalidHeader {
                header: header_display_name(header),
                reason: "contains characters not allowed in an HTTP header".into(),
            })
        };
        let time_header = direction.time_header();
        let mut headers = HeaderMap::with_capacity(4);
        headers.insert(CLIENT_ID, value(&CLIENT_ID, content.client_id)?);
        let time = value(&time_header, content.time)?;
        headers.insert(time_header, time);
        headers.insert(
            SIGNATURE,
            HeaderValue::try_from(self.signature_header(content, key_version)?)
                .map_err(|_| SignatureError::SigningFailed)?,
        );
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static(CONTENT_TYPE_JSON),
        );
        Ok(headers)
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("algorithm", &"RSA")
            .field("bits", &self.bits())
            .finish_non_exhaustive()
    }
}

impl FromStr for PrivateKey {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<Self, KeyError> {
        PrivateKey::parse(text)
    }
}

impl PublicKey {
    /// Reads a public key from PEM (`-----BEGIN PUBLIC KEY-----`, SubjectPublicKeyInfo, or
    /// `-----BEGIN RSA PUBLIC KEY-----`, PKCS#1) or from the bare base64 of its DER, as Antom
    /// Dashboard shows Antom's public key.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let der = decode_key_text(text, "public")?;
        match der.label.as_deref() {
            None | Some("PUBLIC KEY") | Some("RSA PUBLIC KEY") => Self::from_der(&der.bytes)
                .map_err(|e| {
                    let private = PrivateKey::from_pkcs8_der(&der.bytes)
                        .or_else(|_| PrivateKey::from_pkcs1_der(&der.bytes));
                    if private.is_ok() {
                        KeyError::WrongKind {
                            expected: "public",
                            found: "private",
                        }
                    } else {
                        e
                    }
                }),
            Some(label) if label.contains("PRIVATE KEY") => Err(KeyError::WrongKind {
                expected: "public",
                found: "private",
            }),
            Some(label) => Err(KeyError::Pem {
                kind: "public",
                reason: format!("the label is `{label}`, expected `PUBLIC KEY`"),
            }),
        }
    }

    /// Reads a SubjectPublicKeyInfo DER, or a PKCS#1 `RSAPublicKey` DER.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        let rejected = |e| KeyError::Rejected {
            kind: "public",
            expected: "SubjectPublicKeyInfo or PKCS#1 DER",
            reason: reason(e),
        };
        let rsa = aws_lc_rs::rsa::PublicKey::from_der(der).map_err(rejected)?;
        let bits = rsa.modulus_len() * 8;
        if !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return Err(KeyError::Size {
                kind: "public",
                bits,
            });
        }
        let key =
            ParsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, der).map_err(rejected)?;
        Ok(PublicKey { key, bits })
    }

    /// The size of the RSA modulus, in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// Checks that `signature` (a parsed `Signature` header) signs `content`.
    pub fn verify(
        &self,
        content: &ContentToSign<'_>,
        signature: &SignatureHeader,
    ) -> Result<(), SignatureError> {
        if !signature.algorithm.eq_ignore_ascii_case(ALGORITHM) {
            return Err(SignatureError::UnsupportedAlgorithm(
                signature.algorithm.clone(),
            ));
        }
        self.verify_raw(&content.to_bytes(), &signature.signature)
    }

    /// Checks a raw RSA-SHA256 (PKCS#1 v1.5) signature of arbitrary bytes.
    pub fn verify_raw(&self, message: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        self.key
            .verify_sig(message, signature)
            .map_err(|_| SignatureError::Mismatch)
    }

    /// Verifies a signed message from its headers: reads the time header of `direction`
    /// (`Request-Time` or `Response-Time`) and `Signature` from `headers`, and checks the
    /// signature over `<method> <path>\n<client-id>.<time>.<body>`.
    ///
    /// `client_id` is the client ID the message must be signed for; `None` takes it from the
    /// `Client-Id` header (as a server verifying a request does). Returns the client ID and time
    /// that were verified.
    pub fn verify_headers<'h>(
        &self,
        direction: Direction,
        method: &str,
        path: &str,
        client_id: Option<&'h str>,
        headers: &'h HeaderMap,
        body: &[u8],
    ) -> Result<Verified<'h>, SignatureError> {
        let client_id = match client_id {
            Some(id) => id,
            None => header_str(headers, &CLIENT_ID)?,
        };
        let time_header = direction.time_header();
        let time = header_str(headers, &time_header)?;
        let signature: SignatureHeader = header_str(headers, &SIGNATURE)?.parse()?;
        let content = ContentToSign {
            method,
            path,
            client_id,
            time,
            body,
        };
        self.verify(&content, &signature)?;
        Ok(Verified { client_id, time })
    }
}

fn header_str<'h>(headers: &'h HeaderMap, name: &HeaderName) -> Result<&'h str, SignatureError> {
    let value = headers
        .get(name)
        .ok_or(SignatureError::MissingHeader(header_display_name(name)))?;
    value.to_str().map_err(|_| SignatureError::InvalidHeader {
        header: header_display_name(name),
        reason: "is not visible ASCII".into(),
    })
}

/// The spelling of a header in Antom's documentation, for messages.
fn header_display_name(name: &HeaderName) -> &'static str {
    match name.as_str() {
        "client-id" => "Client-Id",
        "request-time" => "Request-Time",
        "response-time" => "Response-Time",
        "signature" => "Signature",
        _ => "header",
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("algorithm", &"RSA")
            .field("bits", &self.bits)
            .finish_non_exhaustive()
    }
}

impl FromStr for PublicKey {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<Self, KeyError> {
        PublicKey::parse(text)
    }
}

/// What a signature covers: `<method> <path>\n<client_id>.<time>.<body>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentToSign<'a> {
    /// The HTTP method: `POST`.
    pub method: &'a str,
    /// The request path, with the query string if there is one:
    /// `/ams/api/v1/payments/pay`. A response is signed over its request's path.
    pub path: &'a str,
    /// The merchant's client ID.
    pub client_id: &'a str,
    /// The `Request-Time` or `Response-Time` header, as sent.
    pub time: &'a str,
    /// The body, byte for byte as sent.
    pub body: &'a [u8],
}

impl ContentToSign<'_> {
    /// The bytes that are signed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            self.method.len()
                + self.path.len()
                + self.client_id.len()
                + self.time.len()
                + self.body.len()
                + 4,
        );
        out.extend_from_slice(self.method.as_bytes());
        out.push(b' ');
        out.extend_from_slice(self.path.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(self.client_id.as_bytes());
        out.push(b'.');
        out.extend_from_slice(self.time.as_bytes());
        out.push(b'.');
        out.extend_from_slice(self.body);
        out
    }
}

/// Which way a message goes, which decides the header that carries its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A request (merchant → Antom) or a notification (Antom → merchant): `Request-Time`.
    Request,
    /// A response (Antom → merchant) or an acknowledgement (merchant → Antom): `Response-Time`.
    Response,
}

impl Direction {
    /// `Request-Time` or `Response-Time`.
    pub fn time_header(self) -> HeaderName {
        match self {
            Direction::Request => REQUEST_TIME,
            Direction::Response => RESPONSE_TIME,
        }
    }
}

/// What [`PublicKey::verify_headers`] verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified<'h> {
    /// The client ID the message is signed for.
    pub client_id: &'h str,
    /// The signed time header's value.
    pub time: &'h str,
}

/// A `Signature` header: `algorithm=RSA256,keyVersion=1,signature=<base64, URL-encoded>`.
#[derive(Clone, PartialEq, Eq)]
pub struct SignatureHeader {
    /// The algorithm: always `RSA256` from Antom.
    pub algorithm: String,
    /// The key version, if given.
    pub key_version: Option<String>,
    /// The raw signature (after URL-decoding and base64-decoding).
    pub signature: Vec<u8>,
}

impl SignatureHeader {
    /// Parses a `Signature` header value. Parameters may come in any order, names are matched
    /// without regard to case, unknown parameters are ignored, and the signature may be
    /// URL-encoded or not.
    pub fn parse(value: &str) -> Result<Self, SignatureError> {
        let mut algorithm = None;
        let mut key_version = None;
        let mut signature = None;
        for part in value.split(',') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (name, value) =
                part.split_once('=')
                    .ok_or_else(|| SignatureError::InvalidHeader {
                        header: "Signature",
                        reason: format!("`{}` is not a `name=value` parameter", truncate(part)),
                    })?;
            let value = value.trim();
            match name.trim() {
                n if n.eq_ignore_ascii_case("algorithm") => algorithm = Some(value.to_owned()),
                n if n.eq_ignore_ascii_case("keyVersion") => key_version = Some(value.to_owned()),
                n if n.eq_ignore_ascii_case("signature") => signature = Some(value),
                _ => {}
            }
        }
        let missing = |param: &str| SignatureError::InvalidHeader {
            header: "Signature",
            reason: format!("has no `{param}` parameter"),
        };
        let algorithm = algorithm.ok_or_else(|| missing("algorithm"))?;
        let signature = decode_signature(signature.ok_or_else(|| missing("signature"))?)?;
        Ok(SignatureHeader {
            algorithm,
            key_version,
            signature,
        })
    }
}

fn truncate(text: &str) -> &str {
    match text.char_indices().nth(32) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

impl FromStr for SignatureHeader {
    type Err = SignatureError;

    fn from_str(value: &str) -> Result<Self, SignatureError> {
        SignatureHeader::parse(value)
    }
}

impl fmt::Display for SignatureHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "algorithm={}", self.algorithm)?;
        if let Some(version) = &self.key_version {
            write!(f, ",keyVersion={version}")?;
        }
        write!(f, ",signature={}", encode_signature(&self.signature))
    }
}

impl fmt::Debug for SignatureHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignatureHeader")
            .field("algorithm", &self.algorithm)
            .field("key_version", &self.key_version)
            .field("signature", &encode_signature(&self.signature))
            .finish()
    }
}

/// Base64, then URL-encoding: the form of a signature in the `Signature` header.
pub fn encode_signature(raw: &[u8]) -> String {
    percent_encoding::utf8_percent_encode(&BASE64.encode(raw), URL_ENCODE).to_string()
}

/// URL-decoding (if encoded), then base64: the raw bytes of a `Signature` header's signature.
pub fn decode_signature(value: &str) -> Result<Vec<u8>, SignatureError> {
    let decoded: Vec<u8> = percent_encoding::percent_decode_str(value).collect();
    BASE64
        .decode(&decoded)
        .map_err(|_| SignatureError::InvalidHeader {
            header: "Signature",
            reason: "its `signature` is not base64 (URL-encoded or not)".into(),
        })
}

/// A signature that could not be made or does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// A header the signature needs is absent.
    #[error("the `{0}` header is missing")]
    MissingHeader(&'static str),
    /// A header is malformed.
    #[error("the `{header}` header {reason}")]
    InvalidHeader {
        /// The header's name.
        header: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The `Signature` header names an algorithm other than `RSA256`.
    #[error("the signature algorithm is `{0}`, but only RSA256 is supported")]
    UnsupportedAlgorithm(String),
    /// The signature is well-formed but does not match.
    #[error(
        "the signature does not match: the body, path, client ID or time differs from what was \
         signed, or another key signed it"
    )]
    Mismatch,
    /// The cryptography library failed to sign.
    #[error("signing failed")]
    SigningFailed,
}

#[cfg(test)]
mod tests {
    use super::*;

    const MERCHANT_PRIVATE_PEM: &str = include_str!("../tests/data/merchant_private_key.pem");
    const MERCHANT_PUBLIC_PEM: &str = include_str!("../tests/data/merchant_public_key.pem");
    const ANTOM_PUBLIC_PEM: &str = include_str!("../tests/data/antom_public_key.pem");

    fn content(body: &[u8]) -> ContentToSign<'_> {
        ContentToSign {
            method: "POST",
            path: "/ams/api/v1/payments/pay",
            client_id: "SANDBOX_5YEZ0000000000000",
            time: "1700000000000",
            body,
        }
    }

    #[test]
    fn content_to_sign_layout() {
        assert_eq!(
            content(b"{\"a\":1}").to_bytes(),
            b"POST /ams/api/v1/payments/pay\nSANDBOX_5YEZ0000000000000.1700000000000.{\"a\":1}"
        );
    }

    #[test]
    fn sign_then_verify_round_trip_and_tamper() {
        let key = PrivateKey::parse(MERCHANT_PRIVATE_PEM).unwrap();
        let public = PublicKey::parse(MERCHANT_PUBLIC_PEM).unwrap();
        let header: SignatureHeader = key
            .signature_header(&content(b"{}"), 3)
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(header.key_version.as_deref(), Some("3"));
        public.verify(&content(b"{}"), &header).unwrap();
        assert_eq!(
            public.verify(&content(b"{ }"), &header),
            Err(SignatureError::Mismatch)
        );
        let other = PublicKey::parse(ANTOM_PUBLIC_PEM).unwrap();
        assert_eq!(
            other.verify(&content(b"{}"), &header),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn signature_header_parsing() {
        let h =
            SignatureHeader::parse(" signature=AQID , keyVersion=2,algorithm=RSA256,x=y").unwrap();
        assert_eq!(h.signature, vec![1, 2, 3]);
        assert_eq!(h.key_version.as_deref(), Some("2"));
        assert_eq!(
            h.to_string(),
            "algorithm=RSA256,keyVersion=2,signature=AQID"
        );
        // URL-encoded and raw base64 both decode.
        let enc = SignatureHeader::parse("algorithm=RSA256,signature=%2B%2F8%3D").unwrap();
        let raw = SignatureHeader::parse("algorithm=RSA256,signature=+/8=").unwrap();
        assert_eq!(enc.signature, vec![0xfb, 0xff]);
        assert_eq!(enc.signature, raw.signature);
        assert!(matches!(
            SignatureHeader::parse("algorithm=RSA256"),
            Err(SignatureError::InvalidHeader { .. })
        ));
        assert!(matches!(
            SignatureHeader::parse("algorithm=RSA256,signature=not base64!"),
            Err(SignatureError::InvalidHeader { .. })
        ));
        assert!(matches!(
            SignatureHeader::parse("garbage"),
            Err(SignatureError::InvalidHeader { .. })
        ));
    }

    #[test]
    fn other_algorithms_are_refused() {
        let public = PublicKey::parse(MERCHANT_PUBLIC_PEM).unwrap();
        let header = SignatureHeader::parse("algorithm=RSA,signature=AQID").unwrap();
        assert_eq!(
            public.verify(&content(b""), &header),
            Err(SignatureError::UnsupportedAlgorithm("RSA".into()))
        );
    }

    #[test]
    fn url_encoding_escapes_only_plus_slash_equals_of_base64() {
        assert_eq!(encode_signature(&[0xfb, 0xff]), "%2B%2F8%3D");
        assert_eq!(decode_signature("%2B%2F8%3D").unwrap(), vec![0xfb, 0xff]);
    }

    #[test]
    fn malformed_keys_are_clear_errors() {
        assert_eq!(
            PrivateKey::parse("  \n").unwrap_err(),
            KeyError::Empty { kind: "private" }
        );
        assert!(matches!(
            PrivateKey::parse("not a key!"),
            Err(KeyError::Base64 { offset: 7, .. })
        ));
        assert!(matches!(
            PrivateKey::parse("AAAA"),
            Err(KeyError::Rejected { .. })
        ));
        assert!(matches!(
            PrivateKey::parse("-----BEGIN PRIVATE KEY-----\nAAAA\n"),
            Err(KeyError::Pem { .. })
        ));
        assert_eq!(
            PrivateKey::parse(MERCHANT_PUBLIC_PEM).unwrap_err(),
            KeyError::WrongKind {
                expected: "private",
                found: "public"
            }
        );
        assert_eq!(
            PublicKey::parse(MERCHANT_PRIVATE_PEM).unwrap_err(),
            KeyError::WrongKind {
                expected: "public",
                found: "private"
            }
        );
        assert!(matches!(
            PrivateKey::parse(
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"
            ),
            Err(KeyError::Encrypted { .. })
        ));
        assert!(matches!(
            PublicKey::parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"),
            Err(KeyError::Pem { .. })
        ));
    }

    #[test]
    fn key_errors_and_debug_carry_no_key_material() {
        let key = PrivateKey::parse(MERCHANT_PRIVATE_PEM).unwrap();
        assert_eq!(
            format!("{key:?}"),
            "PrivateKey { algorithm: \"RSA\", bits: 2048, .. }"
        );
        let public = key.public_key();
        assert_eq!(
            format!("{public:?}"),
            "PublicKey { algorithm: \"RSA\", bits: 2048, .. }"
        );
        // A truncated key: the error names the problem, not the bytes.
        let body: String = MERCHANT_PRIVATE_PEM
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let error = PrivateKey::parse(&body[..400]).unwrap_err().to_string();
        assert!(!error.contains(&body[..16]), "{error}");
    }

    #[test]
    fn pem_flattened_into_one_line_with_escaped_newlines() {
        let flat = MERCHANT_PRIVATE_PEM.replace('\n', "\\n");
        PrivateKey::parse(&flat).unwrap();
    }

    // Bare base64 forms, the PKCS#1 form, and the signing vector are pinned in
    // tests/signing_vectors.rs against the `openssl` command line.
}
