//! Pins Antom's signature algorithm to vectors computed independently with the `openssl` command
//! line (see `tests/data/make_vectors.sh` for the exact commands): a committed, test-only key
//! pair, a fixed body, path, client ID and time, and the expected signature.

use antom::signing::{
    ContentToSign, Direction, PrivateKey, PublicKey, SignatureError, SignatureHeader,
    decode_signature,
};

const PRIVATE_PEM: &str = include_str!("data/merchant_private_key.pem");
const PRIVATE_B64: &str = include_str!("data/merchant_private_key.b64");
const PUBLIC_PEM: &str = include_str!("data/merchant_public_key.pem");
const PUBLIC_B64: &str = include_str!("data/merchant_public_key.b64");
const BODY: &[u8] = include_bytes!("data/vector_body.json");
const CONTENT: &[u8] = include_bytes!("data/vector_content.bin");
const EXPECTED_SIGNATURE: &str = include_str!("data/vector_signature.txt");

// The same values as in make_vectors.sh.
const METHOD: &str = "POST";
const PATH: &str = "/ams/api/v1/vaults/createVaultingSession";
const CLIENT_ID: &str = "SANDBOX_5YEZ0000000000000";
const REQUEST_TIME: &str = "1700000000000";

fn content() -> ContentToSign<'static> {
    ContentToSign {
        method: METHOD,
        path: PATH,
        client_id: CLIENT_ID,
        time: REQUEST_TIME,
        body: BODY,
    }
}

#[test]
fn content_to_sign_matches_openssl_input_byte_for_byte() {
    assert_eq!(content().to_bytes(), CONTENT);
}

#[test]
fn signature_matches_openssl_byte_for_byte() {
    let expected = EXPECTED_SIGNATURE.trim_end();
    // Both the PEM and the dashboard's bare base64 give the same key, hence the same
    // (deterministic, PKCS#1 v1.5) signature.
    for text in [PRIVATE_PEM, PRIVATE_B64] {
        let key = PrivateKey::parse(text).unwrap();
        assert_eq!(key.sign(&content()).unwrap(), expected);
        assert_eq!(
            key.signature_header(&content(), 1).unwrap(),
            format!("algorithm=RSA256,keyVersion=1,signature={expected}")
        );
    }
}

#[test]
fn openssl_signature_verifies_and_tampering_is_detected() {
    let header = SignatureHeader::parse(&format!(
        "algorithm=RSA256,keyVersion=1,signature={}",
        EXPECTED_SIGNATURE.trim_end()
    ))
    .unwrap();
    assert_eq!(
        header.signature,
        decode_signature(EXPECTED_SIGNATURE.trim_end()).unwrap()
    );
    for text in [PUBLIC_PEM, PUBLIC_B64] {
        let public = PublicKey::parse(text).unwrap();
        public.verify(&content(), &header).unwrap();

        let mut body = BODY.to_vec();
        body[10] ^= 1;
        let tampered = [
            ContentToSign {
                body: &body,
                ..content()
            },
            ContentToSign {
                path: "/ams/api/v1/payments/pay",
                ..content()
            },
            ContentToSign {
                client_id: "SANDBOX_OTHER",
                ..content()
            },
            ContentToSign {
                time: "1700000000001",
                ..content()
            },
        ];
        for content in tampered {
            assert_eq!(
                public.verify(&content, &header),
                Err(SignatureError::Mismatch)
            );
        }
    }
}

#[test]
fn signed_headers_verify_in_both_directions() {
    let key = PrivateKey::parse(PRIVATE_PEM).unwrap();
    let public = key.public_key();
    for direction in [Direction::Request, Direction::Response] {
        let headers = key.signed_headers(direction, &content(), 1).unwrap();
        assert_eq!(headers[direction.time_header()], REQUEST_TIME);
        assert_eq!(headers["client-id"], CLIENT_ID);
        assert_eq!(headers["content-type"], "application/json; charset=UTF-8");
        let verified = public
            .verify_headers(direction, METHOD, PATH, None, &headers, BODY)
            .unwrap();
        assert_eq!(
            (verified.client_id, verified.time),
            (CLIENT_ID, REQUEST_TIME)
        );
        // The other direction's time header is absent.
        let other = match direction {
            Direction::Request => Direction::Response,
            Direction::Response => Direction::Request,
        };
        assert!(matches!(
            public.verify_headers(other, METHOD, PATH, None, &headers, BODY),
            Err(SignatureError::MissingHeader(_))
        ));
        // A caller-supplied client ID other than the signed one fails.
        assert_eq!(
            public
                .verify_headers(
                    direction,
                    METHOD,
                    PATH,
                    Some("SANDBOX_OTHER"),
                    &headers,
                    BODY
                )
                .unwrap_err(),
            SignatureError::Mismatch
        );
    }
}
