//! The mock over real HTTP on 127.0.0.1, with hand-written stand-ins for generated APIs.

mod common;

use std::time::Duration;

use antom::ResultStatus;
use antom_mock::{Fault, MockAntom, MockServer, StartError, keys};
use common::{CLIENT_ID, CreateVaultingSession, Pay, post_signed, send, signed_headers};
use serde_json::json;

const VAULT_PATH: &str = "/ams/api/v1/vaults/createVaultingSession";
const SANDBOX_VAULT_PATH: &str = "/ams/sandbox/api/v1/vaults/createVaultingSession";
const PAY_PATH: &str = "/ams/api/v1/payments/pay";

async fn mock() -> MockServer {
    MockAntom::new()
        .api::<CreateVaultingSession>()
        .api::<Pay>()
        .start()
        .await
        .expect("the mock starts")
}

fn vaulting_body(request_id: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "paymentMethodType": "CARD",
        "vaultingRequestId": request_id,
        "vaultingNotificationUrl": "https://merchant.example/notify",
    }))
    .unwrap()
}

#[tokio::test]
async fn answers_the_example_with_the_request_ids_echoed_and_signs_it() {
    let server = mock().await;
    for path in [VAULT_PATH, SANDBOX_VAULT_PATH] {
        let body = vaulting_body("mine-42");
        let received = post_signed(server.addr(), path, &body).await;
        assert_eq!(received.status, 200);
        let json = received.json();
        assert_eq!(json["result"]["resultStatus"], "S");
        assert_eq!(json["result"]["resultCode"], "SUCCESS");
        // The merchant's ID comes back; the one Antom assigns keeps the page's example value.
        assert_eq!(json["vaultingRequestId"], "mine-42");
        assert_eq!(json["vaultingSessionId"], "example-session-id");
        assert_eq!(json["vaultingSessionData"], "session-data");
        assert_eq!(received.header("client-id"), Some(CLIENT_ID));
        assert_eq!(
            received.header("content-type"),
            Some("application/json; charset=UTF-8")
        );
        assert!(
            received
                .header("signature")
                .unwrap()
                .starts_with("algorithm=RSA256,keyVersion=1,signature=")
        );
        assert!(received.signature_verifies(path, CLIENT_ID));
        // The signature covers the path: it does not verify for another one.
        assert!(!received.signature_verifies("/ams/api/v1/other", CLIENT_ID));
    }

    let recorded = server.requests_for::<CreateVaultingSession>();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].path, VAULT_PATH);
    assert_eq!(recorded[1].path, SANDBOX_VAULT_PATH);
    assert_eq!(recorded[0].method, "POST");
    assert_eq!(recorded[0].body, vaulting_body("mine-42"));
    assert_eq!(recorded[0].header("Client-Id"), Some(CLIENT_ID));
    assert_eq!(
        recorded[0].header("request-time"),
        Some(common::REQUEST_TIME)
    );
    let answer = recorded[0].answer.as_ref().unwrap();
    assert_eq!(answer.result_status, ResultStatus::Success);
    assert_eq!(answer.result_code, "SUCCESS");
    assert_eq!(answer.fault, None);
    // The answer's body is recorded byte for byte.
    let last = post_signed(server.addr(), VAULT_PATH, &vaulting_body("mine-43")).await;
    let recorded = server.requests();
    assert_eq!(
        recorded.last().unwrap().answer.as_ref().unwrap().body,
        last.body
    );
    assert!(server.requests_for::<Pay>().is_empty());
    server.clear_requests();
    assert!(server.requests().is_empty());
    // IDs go on counting after a clear.
    post_signed(server.addr(), VAULT_PATH, &vaulting_body("after")).await;
    assert_eq!(server.requests()[0].id, 3);
}

#[tokio::test]
async fn nested_ids_are_echoed_at_their_path() {
    let server = mock().await;
    let body = serde_json::to_vec(&json!({
        "paymentRequestId": "pay-1",
        "order": {"referenceOrderId": "order-7", "goods": [{"goodsName": "tea"}]},
    }))
    .unwrap();
    let json = post_signed(server.addr(), PAY_PATH, &body).await.json();
    assert_eq!(json["paymentRequestId"], "pay-1");
    assert_eq!(json["order"]["referenceOrderId"], "order-7");
    assert_eq!(json["paymentId"], "antom-payment-id");
}

#[tokio::test]
async fn a_bad_signature_is_answered_invalid_signature() {
    let server = mock().await;
    let body = vaulting_body("v-1");

    // Signed, then the body changed on the way.
    let headers = signed_headers(VAULT_PATH, &body);
    let tampered = vaulting_body("v-2");
    let received = send(server.addr(), "POST", VAULT_PATH, &headers, &tampered).await;
    assert_eq!(received.result_status(), "F");
    assert_eq!(received.result_code(), "INVALID_SIGNATURE");
    // Even a rejection is signed.
    assert!(received.signature_verifies(VAULT_PATH, CLIENT_ID));

    // Signed for the live path, sent to the sandbox one.
    let received = send(server.addr(), "POST", SANDBOX_VAULT_PATH, &headers, &body).await;
    assert_eq!(received.result_code(), "INVALID_SIGNATURE");

    // Signed with a key that is not the merchant's.
    let key = antom_mock::SigningKey::from_text(keys::ANTOM_PRIVATE_KEY).unwrap();
    let content =
        antom_mock::signature::signed_content(VAULT_PATH, CLIENT_ID, common::REQUEST_TIME, &body);
    let mut headers = signed_headers(VAULT_PATH, &body);
    headers[3].1 = antom_mock::signature::signature_header(&key, 1, &content);
    let received = send(server.addr(), "POST", VAULT_PATH, &headers, &body).await;
    assert_eq!(received.result_code(), "INVALID_SIGNATURE");

    // No signature at all, or a malformed one.
    let mut headers = signed_headers(VAULT_PATH, &body);
    headers.truncate(3);
    let received = send(server.addr(), "POST", VAULT_PATH, &headers, &body).await;
    assert_eq!(received.result_code(), "INVALID_SIGNATURE");
    assert!(
        received.result_message().contains("missing"),
        "{}",
        received.result_message()
    );
    headers.push((
        "signature",
        "algorithm=RSA256,keyVersion=1,signature=%%".into(),
    ));
    let received = send(server.addr(), "POST", VAULT_PATH, &headers, &body).await;
    assert_eq!(received.result_code(), "INVALID_SIGNATURE");

    // No Client-Id: a header parameter is missing.
    let headers: Vec<_> = signed_headers(VAULT_PATH, &body)
        .into_iter()
        .filter(|(name, _)| *name != "client-id")
        .collect();
    let received = send(server.addr(), "POST", VAULT_PATH, &headers, &body).await;
    assert_eq!(received.result_code(), "PARAM_ILLEGAL");
    assert!(
        received.result_message().contains("Client-Id"),
        "{}",
        received.result_message()
    );

    // Every rejected request was recorded, with its answer.
    let recorded = server.requests();
    assert_eq!(recorded.len(), 6);
    assert!(recorded.iter().all(|r| {
        r.answer
            .as_ref()
            .is_some_and(|a| a.result_status == ResultStatus::Failure)
    }));
}

#[tokio::test]
async fn an_invalid_body_is_answered_param_illegal_naming_the_fields() {
    let server = mock().await;
    let cases: &[(&str, serde_json::Value, &[&str])] = &[
        (
            VAULT_PATH,
            json!({"paymentMethodType": "CARD", "vaultingNotificationUrl": "https://x"}),
            &["vaultingRequestId is required"],
        ),
        (
            VAULT_PATH,
            json!({
                "paymentMethodType": "",
                "vaultingRequestId": "x".repeat(65),
                "vaultingNotificationUrl": "https://x",
            }),
            &[
                "paymentMethodType is required",
                "vaultingRequestId is 65 characters long, more than the maximum of 64",
            ],
        ),
        (
            VAULT_PATH,
            json!({
                "paymentMethodType": "CARD",
                "vaultingRequestId": "v",
                "vaultingNotificationUrl": "https://x",
                "redirectUrl": 5,
            }),
            &["redirectUrl: invalid type: integer `5`, expected a string"],
        ),
        (
            PAY_PATH,
            json!({"paymentRequestId": "p", "order": {"goods": []}}),
            &["order.referenceOrderId is required"],
        ),
        (
            PAY_PATH,
            json!({
                "paymentRequestId": "p",
                "order": {"referenceOrderId": "o", "goods": [{"goodsName": "tea"}, {"goodsName": "biscuits"}]},
            }),
            &["order.goods[1].goodsName is 8 characters long, more than the maximum of 5"],
        ),
        (
            PAY_PATH,
            json!({
                "paymentRequestId": "p",
                "order": {"referenceOrderId": "o", "goods": [{"goodsName": 1}]},
            }),
            &["order.goods[0].goodsName: invalid type"],
        ),
    ];
    for (path, body, expected) in cases {
        let body = serde_json::to_vec(body).unwrap();
        let received = post_signed(server.addr(), path, &body).await;
        assert_eq!(received.result_status(), "F", "{body:?}");
        assert_eq!(received.result_code(), "PARAM_ILLEGAL");
        let message = received.result_message();
        for part in *expected {
            assert!(
                message.contains(part),
                "`{message}` should contain `{part}`"
            );
        }
        assert!(received.signature_verifies(path, CLIENT_ID));
    }

    let received = post_signed(server.addr(), VAULT_PATH, b"{\"paymentMethodType\": ").await;
    assert_eq!(received.result_code(), "PARAM_ILLEGAL");
    assert!(received.result_message().contains("not valid JSON"));
    let received = post_signed(server.addr(), VAULT_PATH, b"{} {}").await;
    assert_eq!(received.result_code(), "PARAM_ILLEGAL");
}

#[tokio::test]
async fn unknown_paths_and_methods_are_refused() {
    let server = mock().await;
    let received = post_signed(server.addr(), "/ams/api/v1/nothing/here", b"{}").await;
    assert_eq!(received.status, 404);
    assert_eq!(received.result_code(), "NO_INTERFACE_DEF");
    assert!(received.signature_verifies("/ams/api/v1/nothing/here", CLIENT_ID));
    let received = post_signed(server.addr(), "/v1/vaults/createVaultingSession", b"{}").await;
    assert_eq!(received.result_code(), "NO_INTERFACE_DEF");
    let received = send(server.addr(), "GET", VAULT_PATH, &[], b"").await;
    assert_eq!(received.status, 405);
    assert_eq!(received.result_code(), "METHOD_NOT_SUPPORTED");
    assert_eq!(server.requests()[0].api, None);
    assert_eq!(server.requests()[2].api, Some("createVaultingSession"));
}

#[tokio::test]
async fn fault_unknown_answers_u_once_then_the_same_request_succeeds() {
    let server = mock().await;
    server.push_fault(Fault::Unknown);
    let body = vaulting_body("retry-me");
    let first = post_signed(server.addr(), VAULT_PATH, &body).await;
    assert_eq!(first.result_status(), "U");
    assert_eq!(first.result_code(), "UNKNOWN_EXCEPTION");
    // The page's message for the code.
    assert_eq!(
        first.result_message(),
        "An API call has failed, which is caused by unknown reasons."
    );
    assert!(first.signature_verifies(VAULT_PATH, CLIENT_ID));
    let second = post_signed(server.addr(), VAULT_PATH, &body).await;
    assert_eq!(second.result_status(), "S");
    assert_eq!(second.json()["vaultingRequestId"], "retry-me");

    let recorded = server.requests();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].body, recorded[1].body);
    assert_eq!(
        recorded[0].answer.as_ref().unwrap().fault,
        Some(Fault::Unknown)
    );
    assert_eq!(recorded[1].answer.as_ref().unwrap().fault, None);
}

#[tokio::test]
async fn fault_fail_answers_f_with_the_chosen_code() {
    let server = mock().await;
    server.push_fault(Fault::fail("PROCESS_FAIL"));
    server.push_fault(Fault::fail("CARD_EXPIRED"));
    let body = vaulting_body("v");
    let received = post_signed(server.addr(), VAULT_PATH, &body).await;
    assert_eq!(received.result_status(), "F");
    assert_eq!(received.result_code(), "PROCESS_FAIL");
    assert_eq!(
        received.result_message(),
        "A general business failure occurred."
    );
    // A code the page does not list still comes back, with a generic message.
    let received = post_signed(server.addr(), VAULT_PATH, &body).await;
    assert_eq!(received.result_status(), "F");
    assert_eq!(received.result_code(), "CARD_EXPIRED");
    assert!(!received.result_message().is_empty());
    assert_eq!(
        received.json().as_object().unwrap().len(),
        1,
        "only `result`"
    );
}

#[tokio::test]
async fn faults_for_one_api_leave_the_others_alone() {
    let server = mock().await;
    server.push_fault_for::<Pay>(Fault::Unknown);
    let received = post_signed(server.addr(), VAULT_PATH, &vaulting_body("v")).await;
    assert_eq!(received.result_status(), "S");
    let pay =
        serde_json::to_vec(&json!({"paymentRequestId": "p", "order": {"referenceOrderId": "o"}}))
            .unwrap();
    let received = post_signed(server.addr(), PAY_PATH, &pay).await;
    assert_eq!(received.result_status(), "U");
    let received = post_signed(server.addr(), PAY_PATH, &pay).await;
    assert_eq!(received.result_status(), "S");
}

#[tokio::test]
async fn a_standing_fault_applies_until_cleared() {
    let server = mock().await;
    server.set_fault(Some(Fault::Unknown));
    let body = vaulting_body("v");
    for _ in 0..3 {
        let received = post_signed(server.addr(), VAULT_PATH, &body).await;
        assert_eq!(received.result_status(), "U");
    }
    server.set_fault(None);
    let received = post_signed(server.addr(), VAULT_PATH, &body).await;
    assert_eq!(received.result_status(), "S");
    // Queued faults go before the standing one.
    server.set_fault(Some(Fault::Unknown));
    server.push_fault(Fault::fail("PROCESS_FAIL"));
    assert_eq!(
        post_signed(server.addr(), VAULT_PATH, &body)
            .await
            .result_code(),
        "PROCESS_FAIL"
    );
    assert_eq!(
        post_signed(server.addr(), VAULT_PATH, &body)
            .await
            .result_code(),
        "UNKNOWN_EXCEPTION"
    );
    server.clear_faults();
    assert_eq!(
        post_signed(server.addr(), VAULT_PATH, &body)
            .await
            .result_code(),
        "SUCCESS"
    );
}

#[tokio::test]
async fn a_fault_never_makes_a_badly_signed_request_look_processed() {
    let server = mock().await;
    server.push_fault(Fault::Unknown);
    let body = vaulting_body("v");
    let headers = signed_headers(VAULT_PATH, b"{}");
    let received = send(server.addr(), "POST", VAULT_PATH, &headers, &body).await;
    assert_eq!(received.result_code(), "INVALID_SIGNATURE");
    // The fault was used up by that request.
    let received = post_signed(server.addr(), VAULT_PATH, &body).await;
    assert_eq!(received.result_status(), "S");
}

#[tokio::test]
async fn fault_corrupt_signature_sends_a_signature_that_does_not_verify() {
    let server = mock().await;
    server.push_fault(Fault::CorruptSignature);
    let received = post_signed(server.addr(), VAULT_PATH, &vaulting_body("v")).await;
    assert_eq!(received.result_status(), "S");
    assert!(received.header("signature").is_some());
    assert!(!received.signature_verifies(VAULT_PATH, CLIENT_ID));
    // The next response is signed properly again.
    let received = post_signed(server.addr(), VAULT_PATH, &vaulting_body("v")).await;
    assert!(received.signature_verifies(VAULT_PATH, CLIENT_ID));
}

#[tokio::test]
async fn fault_omit_signature_sends_no_signature_header() {
    let server = mock().await;
    server.push_fault(Fault::OmitSignature);
    let received = post_signed(server.addr(), VAULT_PATH, &vaulting_body("v")).await;
    assert_eq!(received.result_status(), "S");
    assert_eq!(received.header("signature"), None);
    assert!(received.header("response-time").is_some());
}

#[tokio::test]
async fn fault_delay_holds_the_answer_back() {
    let server = mock().await;
    // Held far longer than the caller waits: the caller gives up first.
    server.push_fault(Fault::Delay(Duration::from_secs(600)));
    let body = vaulting_body("slow");
    let waited = tokio::time::timeout(
        Duration::from_millis(200),
        post_signed(server.addr(), VAULT_PATH, &body),
    )
    .await;
    assert!(
        waited.is_err(),
        "the delayed answer should not have come yet"
    );
    // The request arrived and was recorded before the answer was held back.
    let recorded = server.requests();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].body, body);
    assert_eq!(
        recorded[0].answer.as_ref().unwrap().fault,
        Some(Fault::Delay(Duration::from_secs(600)))
    );

    // A short delay still ends in the usual answer.
    server.push_fault(Fault::delay_ms(50));
    let received = post_signed(server.addr(), VAULT_PATH, &body).await;
    assert_eq!(received.result_status(), "S");
    assert!(received.signature_verifies(VAULT_PATH, CLIENT_ID));
}

#[tokio::test]
async fn a_page_without_a_usable_example_cannot_be_served() {
    struct NoExample;
    impl antom::Api for NoExample {
        const NAME: &'static str = "noExample";
        const PATH: &'static str = "/v1/none";
        const EXAMPLE_REQUESTS: &'static [&'static str] = &[];
        const EXAMPLE_RESPONSES: &'static [&'static str] = &["{ not json"];
        type Request = common::VaultingRequest;
        type Response = serde_json::Value;
        type ResultCode = common::Code;
    }
    let error = MockAntom::new()
        .api::<NoExample>()
        .start()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            StartError::Api {
                api: "noExample",
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("not JSON"), "{error}");

    let error = MockAntom::new()
        .api::<CreateVaultingSession>()
        .api::<CreateVaultingSession>()
        .start()
        .await
        .unwrap_err();
    assert!(matches!(error, StartError::DuplicatePath { .. }), "{error}");
}

#[tokio::test]
async fn other_keys_can_be_configured() {
    // The mock verifies with the public key it is given and signs with the private key given.
    let server = MockAntom::new()
        .merchant_public_key(keys::ANTOM_PUBLIC_KEY)
        .unwrap()
        .signing_key(keys::MERCHANT_PRIVATE_KEY)
        .unwrap()
        .key_version(3)
        .api::<CreateVaultingSession>()
        .start()
        .await
        .unwrap();
    // Signed with the merchant key, which this mock does not accept.
    let received = post_signed(server.addr(), VAULT_PATH, &vaulting_body("v")).await;
    assert_eq!(received.result_code(), "INVALID_SIGNATURE");
    assert!(
        received
            .header("signature")
            .unwrap()
            .contains("keyVersion=3")
    );
    assert!(MockAntom::new().merchant_public_key("garbage!").is_err());
}

#[test]
fn a_blocking_test_can_run_the_mock_on_its_own_runtime() {
    use std::io::{Read, Write};

    let server = MockAntom::new()
        .api::<CreateVaultingSession>()
        .start_blocking()
        .unwrap();
    let body = vaulting_body("blocking-1");
    let mut stream = std::net::TcpStream::connect(server.addr()).unwrap();
    let mut request = format!("POST {VAULT_PATH} HTTP/1.1\r\nhost: {}\r\n", server.addr());
    for (name, value) in signed_headers(VAULT_PATH, &body) {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(request.as_bytes()).unwrap();
    stream.write_all(&body).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains(r#""resultStatus":"S""#), "{response}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_page_whose_only_example_is_not_s_is_answered_with_it() {
    // Like the cashier `pay` page, whose only example is `U` `PAYMENT_IN_PROCESS`.
    struct InProcess;
    impl antom::Api for InProcess {
        const NAME: &'static str = "inProcess";
        const PATH: &'static str = "/v1/in/process";
        const EXAMPLE_REQUESTS: &'static [&'static str] = &[];
        const EXAMPLE_RESPONSES: &'static [&'static str] = &[
            r#"{"result": {"resultStatus": "U", "resultCode": "PAYMENT_IN_PROCESS", "resultMessage": "in process"},
                "vaultingRequestId": "example", "normalUrl": "https://pay.example"}"#,
        ];
        type Request = common::VaultingRequest;
        type Response = serde_json::Value;
        type ResultCode = common::Code;
    }
    let server = MockAntom::new().api::<InProcess>().start().await.unwrap();
    let path = "/ams/api/v1/in/process";
    let received = post_signed(server.addr(), path, &vaulting_body("mine")).await;
    assert_eq!(received.result_status(), "U");
    assert_eq!(received.result_code(), "PAYMENT_IN_PROCESS");
    assert_eq!(received.json()["vaultingRequestId"], "mine");
    let answer = server.requests()[0].answer.clone().unwrap();
    assert_eq!(answer.result_status, ResultStatus::Unknown);
    assert_eq!(answer.result_code, "PAYMENT_IN_PROCESS");
}
