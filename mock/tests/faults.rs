//! The mock as Antom's idempotency and its failures: one processing per idempotency key (the
//! identical request replayed, another body under the key refused), and each fault reaching
//! the client as the error it should: dropped connections before and after processing, gateway
//! errors, and bodies that are empty, not JSON or too large.

use std::time::Duration;

use antom::notification::NotificationError;
use antom::notifications::NotifyVaulting;
use antom::signing::SignatureError;
use antom::{
    Client, Error, Notification, PrivateKey, PublicKey, RetryPolicy,
    vaults::CreateVaultingSessionRequest,
};
use antom_mock::{Fault, MockAntom, MockServer, Notifier, keys};

async fn mock() -> MockServer {
    MockAntom::new().all_apis().start().await.unwrap()
}

fn client(server: &MockServer, attempts: u32) -> Client {
    let private: PrivateKey = keys::MERCHANT_PRIVATE_KEY.parse().unwrap();
    let antom: PublicKey = keys::ANTOM_PUBLIC_KEY.parse().unwrap();
    Client::builder(server.base_url(), "SANDBOX_FAULTS", private, antom)
        .retry(RetryPolicy::new(
            attempts,
            Duration::from_millis(1),
            Duration::from_millis(2),
        ))
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap()
}

fn request(id: &str) -> CreateVaultingSessionRequest {
    CreateVaultingSessionRequest::new(id, "https://merchant.example/notify")
}

#[tokio::test]
async fn one_processing_per_idempotency_key() {
    let server = mock().await;
    let client = client(&server, 1);
    let first = client
        .vaults()
        .create_vaulting_session(&request("idem-1"))
        .await
        .unwrap();
    // The identical request again: the same answer, not a second session.
    let again = client
        .vaults()
        .create_vaulting_session(&request("idem-1"))
        .await
        .unwrap();
    assert_eq!(first, again);
    // Another body under the same key: Antom's repeated-request error.
    let error = client
        .vaults()
        .create_vaulting_session(&request("idem-1").redirect_url("https://elsewhere.example/"))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Failed { code, .. } if code.to_string() == "REPEAT_REQ_INCONSISTENT"),
        "{error:?}"
    );
    let ledger = server.ledger();
    assert_eq!(ledger.len(), 1);
    assert_eq!(
        (
            ledger[0].key.as_str(),
            ledger[0].replays,
            ledger[0].inconsistent
        ),
        ("idem-1", 1, 1)
    );
}

#[tokio::test]
async fn dropped_connections_and_gateway_errors_are_resent_and_settle() {
    let server = mock().await;
    let client = client(&server, 3);
    // Dropped after processing: the resend is a replay of the same processing.
    server.push_fault(Fault::DropAfterProcessing);
    client
        .vaults()
        .create_vaulting_session(&request("drop-after"))
        .await
        .expect("the resend gets the processed answer");
    // Dropped before processing, then a gateway's unsigned 502: resent until processed.
    server.push_fault(Fault::DropBeforeProcessing);
    server.push_fault(Fault::GatewayError(502));
    client
        .vaults()
        .create_vaulting_session(&request("drop-before"))
        .await
        .expect("the third attempt is processed");
    let ledger = server.ledger();
    assert_eq!(ledger.len(), 2);
    assert_eq!(
        (ledger[0].key.as_str(), ledger[0].replays),
        ("drop-after", 1)
    );
    assert_eq!(
        (ledger[1].key.as_str(), ledger[1].replays),
        ("drop-before", 0)
    );
    assert_eq!(server.requests().len(), 5);

    // Dropped after processing every time: the merchant is told the outcome is unknown.
    server.set_fault(Some(Fault::DropAfterProcessing));
    let error = client
        .vaults()
        .create_vaulting_session(&request("drop-always"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::OutcomeUnknown { attempts: 3, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn bad_bodies_are_typed_errors_with_the_outcome_unknown() {
    let server = mock().await;
    let client = client(&server, 1);
    let mut huge =
        br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"x"},"pad":""#
            .to_vec();
    huge.resize(2 << 20, b'a');
    huge.extend_from_slice(b"\"}");
    for (case, body) in [
        ("empty", Vec::new()),
        ("not JSON", b"<html>oops</html>".to_vec()),
        ("2 MB", huge),
    ] {
        server.push_fault(Fault::Body(body));
        let error = client
            .vaults()
            .create_vaulting_session(&request(&format!("body-{case}")))
            .await
            .unwrap_err();
        assert!(error.is_outcome_unknown(), "{case}: {error:?}");
        match case {
            "2 MB" => assert!(
                matches!(error, Error::ResponseTooLarge { limit: 1048576, .. }),
                "{error:?}"
            ),
            _ => assert!(
                matches!(error, Error::InvalidResponse { .. }),
                "{case}: {error:?}"
            ),
        }
        let text = error.to_string();
        assert!(!text.contains("oops") && text.len() < 400, "{case}: {text}");
    }
}

#[test]
fn a_header_that_is_not_utf8_is_a_signature_error() {
    let private: PrivateKey = keys::MERCHANT_PRIVATE_KEY.parse().unwrap();
    let antom: PublicKey = keys::ANTOM_PUBLIC_KEY.parse().unwrap();
    let client = Client::builder("http://127.0.0.1:9", "SANDBOX_FAULTS", private, antom)
        .build()
        .unwrap();
    let notification = Notifier::new("SANDBOX_FAULTS")
        .sign("/notify", NotifyVaulting::EXAMPLE_REQUESTS[0].as_bytes());
    let mut headers = notification.header_map();
    headers.insert(
        "signature",
        antom::http::HeaderValue::from_bytes(b"algorithm=RSA256,keyVersion=1,signature=\xff\xfe")
            .unwrap(),
    );
    let error = client
        .verify_notification::<NotifyVaulting>("POST", "/notify", &headers, &notification.body)
        .unwrap_err();
    assert!(
        matches!(
            error,
            NotificationError::Signature {
                source: SignatureError::InvalidHeader { .. },
                ..
            }
        ),
        "{error:?}"
    );
}
