//! The SDK's `antom::Client` and generated `createVaultingSession` against the mock serving
//! every generated API, over real HTTP on 127.0.0.1: the two sides of the wire protocol, written
//! independently, agree, and every fault mode reaches the client as the error it should.

use std::time::Duration;

use antom::{
    Client, Error, PrivateKey, PublicKey, RetryPolicy, vaults::CreateVaultingSessionRequest,
    vaults::CreateVaultingSessionResultCode as Code,
};
use antom_mock::{Fault, MockAntom, MockServer, keys};

/// The session ID in the page's example response.
const EXAMPLE_SESSION_ID: &str = "JXaKw9OzwqMCX0Q9Cd/WVZqjsvPV9xjG06ipXSvLyU5/XHyXwQfKASEnfLUMCkzc";

async fn mock() -> MockServer {
    MockAntom::new().all_apis().start().await.unwrap()
}

fn client(server: &MockServer, retry: RetryPolicy) -> Client {
    let private: PrivateKey = keys::MERCHANT_PRIVATE_KEY.parse().unwrap();
    let antom: PublicKey = keys::ANTOM_PUBLIC_KEY.parse().unwrap();
    Client::builder(server.base_url(), "SANDBOX_E2E", private, antom)
        .retry(retry)
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap()
}

fn quick_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::new(attempts, Duration::from_millis(1), Duration::from_millis(2))
}

fn request(id: &str) -> CreateVaultingSessionRequest {
    CreateVaultingSessionRequest::new(id, "https://merchant.example/notify")
        .is_3ds_authentication(true)
}

#[tokio::test]
async fn success() {
    let server = mock().await;
    let client = client(&server, RetryPolicy::none());
    let response = client
        .vaults()
        .create_vaulting_session(&request("e2e-1"))
        .await
        .unwrap();
    assert_eq!(response.vaulting_session_id, EXAMPLE_SESSION_ID);
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].path,
        "/ams/sandbox/api/v1/vaults/createVaultingSession"
    );
    let body = sent[0].json().unwrap();
    assert_eq!(body["vaultingRequestId"], "e2e-1");
    // The fixed value and the string-typed boolean, as the page demands.
    assert_eq!(body["paymentMethodType"], "CARD");
    assert_eq!(body["is3DSAuthentication"], "true");
}

#[tokio::test]
async fn failure_with_its_typed_code() {
    let server = mock().await;
    server.push_fault(Fault::fail("PROCESS_FAIL"));
    let error = client(&server, quick_retries(3))
        .vaults()
        .create_vaulting_session(&request("e2e-2"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            Error::Failed {
                code: Code::ProcessFail,
                ..
            }
        ),
        "{error}"
    );
    // F is final: not resent.
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn unknown_then_success_resends_the_identical_body() {
    let server = mock().await;
    server.push_fault(Fault::Unknown);
    let response = client(&server, quick_retries(3))
        .vaults()
        .create_vaulting_session(&request("e2e-3"))
        .await
        .unwrap();
    assert_eq!(response.vaulting_session_id, EXAMPLE_SESSION_ID);
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].body, sent[1].body);
    assert_eq!(sent[0].answer.as_ref().unwrap().fault, Some(Fault::Unknown));
}

#[tokio::test]
async fn unknown_every_time_ends_in_outcome_unknown() {
    let server = mock().await;
    server.set_fault(Some(Fault::Unknown));
    let error = client(&server, quick_retries(3))
        .vaults()
        .create_vaulting_session(&request("e2e-4"))
        .await
        .unwrap_err();
    assert!(error.is_outcome_unknown(), "{error}");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_corrupt_or_missing_response_signature_is_not_trusted() {
    for fault in [Fault::CorruptSignature, Fault::OmitSignature] {
        let server = mock().await;
        server.push_fault(fault.clone());
        let error = client(&server, RetryPolicy::none())
            .vaults()
            .create_vaulting_session(&request("e2e-5"))
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::ResponseSignature { .. }),
            "{fault}: {error}"
        );
    }
}

#[tokio::test]
async fn a_slow_answer_times_out_and_the_resend_succeeds() {
    let server = mock().await;
    server.push_fault(Fault::Delay(Duration::from_secs(600)));
    let response = client(&server, quick_retries(2))
        .vaults()
        .create_vaulting_session(&request("e2e-6"))
        .await
        .unwrap();
    assert_eq!(response.vaulting_session_id, EXAMPLE_SESSION_ID);
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].body, sent[1].body);
}

#[tokio::test]
async fn an_invalid_request_is_never_sent() {
    let server = mock().await;
    let error = client(&server, RetryPolicy::none())
        .vaults()
        .create_vaulting_session(&request(""))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_client_with_the_wrong_key_gets_invalid_signature() {
    let server = mock().await;
    let wrong: PrivateKey = keys::ANTOM_PRIVATE_KEY.parse().unwrap();
    let antom: PublicKey = keys::ANTOM_PUBLIC_KEY.parse().unwrap();
    let client = Client::builder(server.base_url(), "SANDBOX_E2E", wrong, antom)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client
        .vaults()
        .create_vaulting_session(&request("e2e-7"))
        .await
        .unwrap_err();
    match error {
        Error::Failed { code, .. } => assert_eq!(code, Code::Unknown("INVALID_SIGNATURE".into())),
        other => panic!("expected INVALID_SIGNATURE, got {other}"),
    }
}

/// A merchant's notification endpoint: the client verifies what the mock's [`Notifier`] signs
/// from the page's example, and refuses it once tampered with.
#[test]
fn a_notification_from_the_mock_is_verified_and_a_tampered_one_rejected() {
    use antom::notifications::NotifyVaulting;
    use antom_mock::Notifier;

    let private: PrivateKey = keys::MERCHANT_PRIVATE_KEY.parse().unwrap();
    let antom: PublicKey = keys::ANTOM_PUBLIC_KEY.parse().unwrap();
    let client = Client::builder("http://127.0.0.1:9", "SANDBOX_E2E", private, antom)
        .build()
        .unwrap();
    let notification = Notifier::new("SANDBOX_E2E")
        .example::<NotifyVaulting>("/antom/notify")
        .unwrap();
    let headers = notification.header_map();
    let verified = client.verify_notification::<NotifyVaulting>(
        "POST",
        "/antom/notify",
        &headers,
        &notification.body,
    );
    assert!(verified.is_ok(), "{verified:?}");

    let mut tampered = notification.body.clone();
    let at = tampered.iter().position(|&b| b == b'"').unwrap() + 1;
    tampered[at] ^= 0x20;
    let rejected =
        client.verify_notification::<NotifyVaulting>("POST", "/antom/notify", &headers, &tampered);
    assert!(rejected.is_err());
    // Signed for another merchant: refused too.
    let other = Notifier::new("SANDBOX_OTHER")
        .example::<NotifyVaulting>("/antom/notify")
        .unwrap();
    let headers = other.header_map();
    assert!(
        client
            .verify_notification::<NotifyVaulting>("POST", "/antom/notify", &headers, &other.body)
            .is_err()
    );
}
