//! The SDK's `antom::Client` against the mock over real HTTP on 127.0.0.1: the two sides of the
//! wire protocol, written independently, agree, and every fault mode reaches the client as the
//! error it should.

mod common;

use std::time::Duration;

use antom::client::Client;
use antom::error::Error;
use antom::retry::RetryPolicy;
use antom::{PrivateKey, PublicKey};
use antom_mock::{Fault, MockAntom, MockServer, keys};
use common::{Code, CreateVaultingSession, VaultingRequest};

async fn mock() -> MockServer {
    MockAntom::new()
        .api::<CreateVaultingSession>()
        .start()
        .await
        .unwrap()
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

fn request(id: &str) -> VaultingRequest {
    VaultingRequest {
        payment_method_type: "CARD".into(),
        vaulting_request_id: id.into(),
        vaulting_notification_url: "https://merchant.example/notify".into(),
        redirect_url: None,
    }
}

#[tokio::test]
async fn success() {
    let server = mock().await;
    let client = client(&server, RetryPolicy::none());
    let response = client
        .call::<CreateVaultingSession>(&request("e2e-1"))
        .await
        .unwrap();
    assert_eq!(response.vaulting_session_id, "example-session-id");
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].path,
        "/ams/sandbox/api/v1/vaults/createVaultingSession"
    );
    assert_eq!(sent[0].json().unwrap()["vaultingRequestId"], "e2e-1");
}

#[tokio::test]
async fn failure_with_its_typed_code() {
    let server = mock().await;
    server.push_fault(Fault::fail("PROCESS_FAIL"));
    let error = client(&server, quick_retries(3))
        .call::<CreateVaultingSession>(&request("e2e-2"))
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
        .call::<CreateVaultingSession>(&request("e2e-3"))
        .await
        .unwrap();
    assert_eq!(response.vaulting_session_id, "example-session-id");
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
        .call::<CreateVaultingSession>(&request("e2e-4"))
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
            .call::<CreateVaultingSession>(&request("e2e-5"))
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
        .call::<CreateVaultingSession>(&request("e2e-6"))
        .await
        .unwrap();
    assert_eq!(response.vaulting_session_id, "example-session-id");
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].body, sent[1].body);
}

#[tokio::test]
async fn an_invalid_request_is_never_sent() {
    let server = mock().await;
    let error = client(&server, RetryPolicy::none())
        .call::<CreateVaultingSession>(&request(""))
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
        .call::<CreateVaultingSession>(&request("e2e-7"))
        .await
        .unwrap_err();
    match error {
        Error::Failed { code, .. } => assert_eq!(code, Code::Other("INVALID_SIGNATURE".into())),
        other => panic!("expected INVALID_SIGNATURE, got {other}"),
    }
}
