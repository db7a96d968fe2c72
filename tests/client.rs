//! The client over real HTTP against a scripted Antom on 127.0.0.1, with the APIs generated from
//! `spec/`.

mod support;

use std::time::Duration;

use antom::signing::SignatureError;
use antom::{
    Error, RetryPolicy, Uncertainty, payments::Pay, payments::PayOneTimePaymentsRequest,
    payments::PayResponse, payments::PayResultCode, vaults::CreateVaultingSession,
    vaults::CreateVaultingSessionResponse, vaults::CreateVaultingSessionResultCode,
};
use axum::http::StatusCode;
use support::*;

type Code = CreateVaultingSessionResultCode;

#[tokio::test]
async fn success_sends_a_signed_request_and_returns_the_verified_response() {
    let antom = ScriptedAntom::start(vec![Reply::example::<CreateVaultingSession>()]).await;
    let client = antom.client();
    let request = vaulting_request("vaulting-1");

    let session = client
        .vaults()
        .create_vaulting_session(&request)
        .await
        .unwrap();

    let expected: CreateVaultingSessionResponse =
        serde_json::from_value(example_response::<CreateVaultingSession>()).unwrap();
    assert_eq!(session, expected);
    let received = antom.received();
    assert_eq!(received.len(), 1);
    let sent = &received[0];
    assert_eq!(sent.method, "POST");
    // A SANDBOX_ client ID calls the sandbox prefix, then the page's path.
    assert_eq!(
        sent.path,
        "/ams/sandbox/api/v1/vaults/createVaultingSession"
    );
    assert_eq!(sent.header("client-id"), CLIENT_ID);
    assert_eq!(
        sent.header("content-type"),
        "application/json; charset=UTF-8"
    );
    assert!(sent.header("request-time").parse::<u64>().is_ok());
    assert!(
        sent.header("signature")
            .starts_with("algorithm=RSA256,keyVersion=1,signature=")
    );
    assert!(sent.signature_ok, "the merchant's signature must verify");
    assert_eq!(&sent.body[..], serde_json::to_vec(&request).unwrap());
    assert_eq!(sent.json()["vaultingRequestId"], "vaulting-1");
    assert_eq!(sent.json()["paymentMethodType"], "CARD");
}

#[tokio::test]
async fn key_version_and_production_prefix() {
    let antom = ScriptedAntom::start(vec![Reply::example::<CreateVaultingSession>()]).await;
    let client = antom::Client::builder(
        antom.base_url(),
        "5YEZ0000000000000",
        antom::PrivateKey::parse(MERCHANT_PRIVATE_KEY).unwrap(),
        antom::PublicKey::parse(ANTOM_PUBLIC_KEY).unwrap(),
    )
    .key_version(7)
    .build()
    .unwrap();
    client
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-live"))
        .await
        .unwrap();
    let sent = &antom.received()[0];
    assert_eq!(sent.path, "/ams/api/v1/vaults/createVaultingSession");
    assert!(sent.header("signature").contains("keyVersion=7,"));
    assert!(sent.signature_ok);
}

#[tokio::test]
async fn failure_carries_the_typed_result_code_and_is_not_retried() {
    let antom = ScriptedAntom::start(vec![Reply::result(
        "PROCESS_FAIL",
        "F",
        "A general business failure.",
    )])
    .await;
    let error = antom
        .client()
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-f"))
        .await
        .unwrap_err();
    match &error {
        Error::Failed {
            api, code, message, ..
        } => {
            assert_eq!(*api, "createVaultingSession");
            assert_eq!(*code, Code::ProcessFail);
            assert_eq!(message, "A general business failure.");
        }
        other => panic!("expected Failed, got {other:?}"),
    }
    assert!(!error.is_outcome_unknown());
    assert_eq!(error.result_code(), Some(&Code::ProcessFail));
    assert_eq!(
        error.to_string(),
        "createVaultingSession failed: PROCESS_FAIL: A general business failure."
    );
    assert_eq!(antom.received().len(), 1);
    // Erased, the code keeps its spelling and what the page says about it.
    let any = error.into_any();
    let code = any.result_code().unwrap();
    assert_eq!(code.to_string(), "PROCESS_FAIL");
    assert_eq!(
        antom::ResultCode::status(code),
        Some(antom::ResultStatus::Failure)
    );
}

#[tokio::test]
async fn a_code_the_page_does_not_list_is_kept() {
    let antom = ScriptedAntom::start(vec![Reply::result("NEW_CODE", "F", "New.")]).await;
    let error = antom
        .client()
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-new"))
        .await
        .unwrap_err();
    assert_eq!(error.result_code(), Some(&Code::Unknown("NEW_CODE".into())));
}

#[tokio::test]
async fn unknown_then_success_resends_the_identical_body() {
    let antom = ScriptedAntom::start(vec![
        Reply::result("UNKNOWN_EXCEPTION", "U", "Unknown."),
        Reply::example::<CreateVaultingSession>(),
    ])
    .await;

    antom
        .client()
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-u-s"))
        .await
        .unwrap();

    let received = antom.received();
    assert_eq!(received.len(), 2);
    // The server sees the same request ID, in byte-identical bodies, both correctly signed.
    assert_eq!(received[0].body, received[1].body);
    assert_eq!(received[0].json()["vaultingRequestId"], "vaulting-u-s");
    assert_eq!(received[1].json()["vaultingRequestId"], "vaulting-u-s");
    assert!(received.iter().all(|r| r.signature_ok));
}

#[tokio::test]
async fn unknown_every_time_ends_in_the_unknown_outcome_error_within_the_bound() {
    let antom =
        ScriptedAntom::start(vec![Reply::result("UNKNOWN_EXCEPTION", "U", "Unknown.")]).await;
    let client = antom
        .client_builder()
        .retry(RetryPolicy::new(
            4,
            Duration::from_millis(1),
            Duration::from_millis(10),
        ))
        .build()
        .unwrap();

    let error = client
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-u"))
        .await
        .unwrap_err();

    match &error {
        Error::OutcomeUnknown {
            api,
            attempts,
            reason: Uncertainty::Status { code, .. },
        } => {
            assert_eq!(*api, "createVaultingSession");
            assert_eq!(*attempts, 4);
            assert_eq!(*code, Code::UnknownException);
        }
        other => panic!("expected OutcomeUnknown, got {other:?}"),
    }
    assert!(error.is_outcome_unknown());
    let message = error.to_string();
    assert!(message.contains("createVaultingSession"), "{message}");
    assert!(message.contains("outcome is unknown"), "{message}");
    assert!(message.contains("inquire"), "{message}");
    let received = antom.received();
    assert_eq!(received.len(), 4, "exactly max_attempts sends");
    assert!(received.iter().all(|r| r.body == received[0].body));
}

#[tokio::test]
async fn payment_in_process_is_not_resent_and_keeps_the_verified_body() {
    // The One-time Payments page's own example: `pay` answers U / PAYMENT_IN_PROCESS with the
    // cashier URLs, and says to send the buyer there, not to call again.
    let cashier = |examples: &[&'static str]| {
        let example = examples
            .iter()
            .find(|e| e.contains("CASHIER_PAYMENT") || e.contains("normalUrl"));
        serde_json::from_str::<serde_json::Value>(example.unwrap()).unwrap()
    };
    let antom = ScriptedAntom::start(vec![Reply::body(cashier(
        <Pay as antom::Api>::EXAMPLE_RESPONSES,
    ))])
    .await;
    let request: PayOneTimePaymentsRequest =
        serde_json::from_value(cashier(<Pay as antom::Api>::EXAMPLE_REQUESTS)).unwrap();

    let error = antom
        .client()
        .payments()
        .pay(&request.into())
        .await
        .unwrap_err();

    assert!(
        matches!(error, Error::OutcomeUnknown { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(error.result_code(), Some(&PayResultCode::PaymentInProcess));
    let payment: PayResponse = error.response_body().unwrap().decode().unwrap();
    assert!(payment.normal_url.is_some());
    assert_eq!(antom.received().len(), 1);
}

#[tokio::test]
async fn responses_with_a_bad_or_missing_signature_are_rejected() {
    let cases = [
        (Signing::Missing, SignatureError::MissingHeader("Signature")),
        (Signing::Corrupt, SignatureError::Mismatch),
        (Signing::WrongKey, SignatureError::Mismatch),
        (Signing::TamperedBody, SignatureError::Mismatch),
    ];
    for (signing, expected) in cases {
        let antom = ScriptedAntom::start(vec![
            Reply::example::<CreateVaultingSession>().signing(signing),
        ])
        .await;
        let error = antom
            .client()
            .vaults()
            .create_vaulting_session(&vaulting_request("vaulting-sig"))
            .await
            .unwrap_err();
        match &error {
            Error::ResponseSignature { source, status, .. } => {
                assert_eq!(*source, expected, "{signing:?}");
                assert_eq!(*status, 200);
            }
            other => panic!("{signing:?}: expected ResponseSignature, got {other:?}"),
        }
        // An untrusted answer is never a success or a failure.
        assert!(error.is_outcome_unknown());
        assert!(error.result_code().is_none());
    }
}

#[tokio::test]
async fn unsigned_gateway_errors_are_resent() {
    let antom = ScriptedAntom::start(vec![
        Reply::result("", "", "")
            .http_status(StatusCode::SERVICE_UNAVAILABLE)
            .signing(Signing::Missing),
        Reply::example::<CreateVaultingSession>(),
    ])
    .await;
    antom
        .client()
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-503"))
        .await
        .unwrap();
    assert_eq!(antom.received().len(), 2);
}

#[tokio::test]
async fn a_timeout_leaves_the_outcome_unknown_after_resending() {
    let antom = ScriptedAntom::start(vec![
        Reply::example::<CreateVaultingSession>().delay(Duration::from_secs(30)),
    ])
    .await;
    let client = antom
        .client_builder()
        .timeout(Duration::from_millis(200))
        .retry(RetryPolicy::new(
            2,
            Duration::from_millis(1),
            Duration::from_millis(5),
        ))
        .build()
        .unwrap();

    let error = client
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-slow"))
        .await
        .unwrap_err();

    assert!(
        matches!(
            error,
            Error::OutcomeUnknown {
                attempts: 2,
                reason: Uncertainty::Timeout,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_outcome_unknown());
    let received = antom.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].body, received[1].body);
}

#[tokio::test]
async fn a_timeout_then_success_succeeds() {
    let antom = ScriptedAntom::start(vec![
        Reply::example::<CreateVaultingSession>().delay(Duration::from_secs(30)),
        Reply::example::<CreateVaultingSession>(),
    ])
    .await;
    // Generous enough that the quick second answer never times out on a loaded machine.
    let client = antom
        .client_builder()
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    client
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-slow-ok"))
        .await
        .unwrap();
    assert_eq!(antom.received().len(), 2);
}

#[tokio::test]
async fn an_invalid_request_is_never_sent() {
    let antom = ScriptedAntom::start(vec![Reply::example::<CreateVaultingSession>()]).await;
    let mut request = vaulting_request("");
    request.merchant_region = Some("SGP".into());
    let error = antom
        .client()
        .vaults()
        .create_vaulting_session(&request)
        .await
        .unwrap_err();
    match &error {
        Error::InvalidRequest { api, source } => {
            assert_eq!(*api, "createVaultingSession");
            let paths: Vec<_> = source.violations.iter().map(|v| v.path.as_str()).collect();
            assert_eq!(paths, ["vaultingRequestId", "merchantRegion"]);
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(!error.is_outcome_unknown());
    let message = error.to_string();
    assert!(
        message.starts_with("createVaultingSession: invalid request: "),
        "{message}"
    );
    assert!(message.ends_with("; nothing was sent"), "{message}");
    assert!(antom.received().is_empty());
}

#[tokio::test]
async fn an_unreachable_gateway_is_a_connect_error_not_an_unknown_outcome() {
    // A port that was just free: nothing listens there.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = client_builder(&format!("http://{addr}")).build().unwrap();
    let error = client
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-down"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Connect { attempts: 3, .. }),
        "{error:?}"
    );
    assert!(!error.is_outcome_unknown());
}

#[tokio::test]
async fn calls_are_send_and_errors_convert_into_boxed_errors() {
    fn assert_send<T: Send>(value: T) -> T {
        value
    }
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error<Code>>();
    assert_error::<Error>();

    let antom = ScriptedAntom::start(vec![Reply::example::<CreateVaultingSession>()]).await;
    let client = antom.client();
    let request = vaulting_request("vaulting-spawn");
    // A call can run on another task, as in a web handler; clones share the client.
    let clone = client.clone();
    tokio::spawn(
        async move { assert_send(clone.vaults().create_vaulting_session(&request)).await },
    )
    .await
    .unwrap()
    .unwrap();

    async fn boxed(client: &antom::Client) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        client
            .vaults()
            .create_vaulting_session(&vaulting_request(""))
            .await?;
        Ok(())
    }
    assert!(boxed(&client).await.is_err());

    let debug = format!("{client:?}");
    assert!(
        debug.contains("client_id: \"SANDBOX_5YEZ0000000000000\""),
        "{debug}"
    );
    assert!(!debug.contains("MII"), "{debug}");
}

#[tokio::test]
async fn redirects_are_not_followed() {
    // A 307 would make an HTTP client resend the signed body to another path.
    let antom = ScriptedAntom::start(vec![
        Reply::result("", "", "")
            .http_status(StatusCode::TEMPORARY_REDIRECT)
            .signing(Signing::Missing)
            .header("location", "/elsewhere"),
        Reply::example::<CreateVaultingSession>(),
    ])
    .await;
    let error = antom
        .client()
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-307"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseSignature {
                status: 307,
                source: SignatureError::MissingHeader("Signature"),
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(antom.received().len(), 1);
}

/// Each product of `pay` is validated by its own page before anything is sent: the Tokenized
/// page requires `paymentMethod.paymentMethodId` (the access token), which the One-time page
/// leaves optional, and the One-time page `paymentRedirectUrl`, which the Tokenized page leaves
/// optional. Each product's type already asks for them, so here they are sent empty.
#[tokio::test]
async fn each_product_of_pay_is_validated_by_its_own_page_before_sending() {
    use antom::payments::{PayRequest, PayTokenizedPaymentRequest};
    let example = |product: &str| -> serde_json::Value {
        let text = <Pay as antom::Api>::EXAMPLE_REQUESTS
            .iter()
            .find(|e| e.contains(product))
            .unwrap();
        serde_json::from_str(text).unwrap()
    };
    let mut tokenized = example("AGREEMENT_PAYMENT");
    tokenized["paymentMethod"]["paymentMethodId"] = serde_json::json!("");
    let tokenized: PayTokenizedPaymentRequest = serde_json::from_value(tokenized).unwrap();
    let mut one_time = example("CASHIER_PAYMENT");
    one_time["paymentRedirectUrl"] = serde_json::json!("");
    let one_time: PayOneTimePaymentsRequest = serde_json::from_value(one_time).unwrap();
    assert!(tokenized.payment_redirect_url.is_none());

    let antom = ScriptedAntom::start(vec![]).await;
    for (request, missing) in [
        (PayRequest::from(tokenized), "paymentMethod.paymentMethodId"),
        (PayRequest::from(one_time), "paymentRedirectUrl"),
    ] {
        // The body reads back as the same product.
        let body = serde_json::to_value(&request).unwrap();
        assert_eq!(serde_json::from_value::<PayRequest>(body).unwrap(), request);
        match antom.client().payments().pay(&request).await.unwrap_err() {
            Error::InvalidRequest { api, source } => {
                assert_eq!(api, "pay");
                let paths: Vec<_> = source.violations.iter().map(|v| v.path.as_str()).collect();
                assert_eq!(paths, [missing]);
            }
            other => panic!("expected InvalidRequest, got {other:?}"),
        }
    }
    assert!(antom.received().is_empty(), "an invalid request was sent");
}

/// A successful answer that lacks a field its page marks REQUIRED is not a failure and not an
/// unknown outcome: the call took effect. The error says so and keeps the verified body.
#[tokio::test]
async fn a_successful_answer_missing_a_required_field_is_a_success_that_keeps_its_body() {
    let antom = ScriptedAntom::start(vec![Reply::body(serde_json::json!({
        "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
        "vaultingSessionId": "session-1"
    }))])
    .await;
    let error = antom
        .client()
        .vaults()
        .create_vaulting_session(&vaulting_request("incomplete-1"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::IncompleteSuccess { .. }),
        "{error:?}"
    );
    assert!(!error.is_outcome_unknown());
    assert_eq!(error.result_code(), None);
    let body: serde_json::Value = error.response_body().unwrap().decode().unwrap();
    assert_eq!(body["vaultingSessionId"], "session-1");
    assert!(error.to_string().contains("succeeded"), "{error}");
    assert_eq!(antom.received().len(), 1, "a success is never resent");
}

#[tokio::test]
async fn a_callers_http_client_is_used_and_an_answer_from_a_redirect_is_rejected() {
    let antom = ScriptedAntom::start(vec![
        Reply::example::<CreateVaultingSession>(),
        Reply::result("", "", "")
            .http_status(StatusCode::TEMPORARY_REDIRECT)
            .signing(Signing::Missing)
            .header("location", "/elsewhere"),
        Reply::example::<CreateVaultingSession>(),
    ])
    .await;
    // reqwest's own default follows redirects; the SDK cannot read that policy.
    let http = antom::reqwest::Client::builder()
        .user_agent("merchant-app/1.0")
        .build()
        .unwrap();
    let client = antom.client_builder().http_client(http).build().unwrap();

    client
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-own-http"))
        .await
        .expect("a signed answer from the URL requested is read as usual");
    let error = client
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-redirected"))
        .await
        .unwrap_err();

    assert!(
        matches!(&error, Error::Redirected { url, .. } if url.ends_with("/elsewhere")),
        "{error:?}"
    );
    assert!(error.is_outcome_unknown());
    let received = antom.received();
    assert_eq!(
        received.len(),
        3,
        "the caller's client followed the redirect"
    );
    assert_eq!(received[0].header("user-agent"), "merchant-app/1.0");
    assert_eq!(received[2].path, "/elsewhere");
}

#[tokio::test]
async fn call_options_apply_to_their_handle_only() {
    let antom = ScriptedAntom::start(vec![
        Reply::example::<CreateVaultingSession>(),
        Reply::example::<CreateVaultingSession>().delay(Duration::from_secs(30)),
        Reply::example::<CreateVaultingSession>(),
    ])
    .await;
    let client = antom
        .client_builder()
        .retry(RetryPolicy::new(
            1,
            Duration::from_millis(1),
            Duration::from_millis(1),
        ))
        .build()
        .unwrap();
    let options = antom::CallOptions::new()
        .header("agent-token", "ISV-TOKEN-1")
        .unwrap();

    client
        .with_options(options.clone())
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-agent"))
        .await
        .unwrap();
    let error = client
        .with_options(options.timeout(Duration::from_millis(200)))
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-quick"))
        .await
        .unwrap_err();
    client
        .vaults()
        .create_vaulting_session(&vaulting_request("vaulting-plain"))
        .await
        .expect("the client's own 10 s timeout is unchanged");

    assert!(
        matches!(
            error,
            Error::OutcomeUnknown {
                attempts: 1,
                reason: Uncertainty::Timeout,
                ..
            }
        ),
        "{error:?}"
    );
    let received = antom.received();
    assert_eq!(received.len(), 3);
    assert_eq!(received[0].header("agent-token"), "ISV-TOKEN-1");
    assert!(received[0].signature_ok);
    assert_eq!(received[1].header("agent-token"), "ISV-TOKEN-1");
    assert!(received[2].headers.get("agent-token").is_none());
}
