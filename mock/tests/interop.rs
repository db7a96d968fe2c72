//! The mock and the SDK's own signing code (`antom::signing`), two independent implementations
//! of Antom's signatures, agree both ways over real HTTP.

mod common;

use antom::signing::{ContentToSign, Direction, PrivateKey, PublicKey};
use antom_mock::{MockAntom, Notifier, keys};
use common::{CreateVaultingSession, send};

#[tokio::test]
async fn a_request_signed_by_the_sdk_is_accepted_and_the_answer_verifies_with_the_sdk() {
    let server = MockAntom::new()
        .api::<CreateVaultingSession>()
        .start()
        .await
        .unwrap();
    let merchant_key: PrivateKey = keys::MERCHANT_PRIVATE_KEY.parse().unwrap();
    let antom_key: PublicKey = keys::ANTOM_PUBLIC_KEY.parse().unwrap();
    let path = "/ams/sandbox/api/v1/vaults/createVaultingSession";
    let body = br#"{"paymentMethodType":"CARD","vaultingRequestId":"interop-1","vaultingNotificationUrl":"https://m.example/n"}"#;
    let content = ContentToSign {
        method: "POST",
        path,
        client_id: "SANDBOX_INTEROP",
        time: "1700000000123",
        body,
    };
    let headers = merchant_key
        .signed_headers(Direction::Request, &content, 1)
        .unwrap();
    let headers: Vec<(&str, String)> = headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap().to_owned()))
        .collect();
    let received = send(server.addr(), "POST", path, &headers, body).await;
    assert_eq!(
        received.result_status(),
        "S",
        "{}",
        received.result_message()
    );
    assert_eq!(received.json()["vaultingRequestId"], "interop-1");

    let verified = antom_key
        .verify_headers(
            Direction::Response,
            "POST",
            path,
            Some("SANDBOX_INTEROP"),
            &received.headers,
            &received.body,
        )
        .expect("the SDK verifies the mock's response");
    assert_eq!(verified.client_id, "SANDBOX_INTEROP");
    // …and rejects it for another body.
    assert!(
        antom_key
            .verify_headers(
                Direction::Response,
                "POST",
                path,
                Some("SANDBOX_INTEROP"),
                &received.headers,
                b"{}",
            )
            .is_err()
    );
}

#[test]
fn a_notification_signed_by_the_mock_verifies_with_the_sdk() {
    let antom_key: PublicKey = keys::ANTOM_PUBLIC_KEY.parse().unwrap();
    let notification = Notifier::new("SANDBOX_INTEROP").sign("/notify?x=1", &b"{\"a\":1}"[..]);
    let headers = notification.header_map();
    assert_eq!(headers.len(), 4);
    antom_key
        .verify_headers(
            Direction::Request,
            "POST",
            "/notify?x=1",
            None,
            &headers,
            &notification.body,
        )
        .expect("the SDK verifies the mock's notification");
}
