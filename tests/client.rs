//! The client over real HTTP against a scripted Antom on 127.0.0.1.

mod support;

use std::time::Duration;

use antom::signing::SignatureError;
use antom::{Error, RetryPolicy, Uncertainty};
use axum::http::StatusCode;
use support::*;

#[tokio::test]
async fn success_sends_a_signed_request_and_returns_the_verified_response() {
    let antom = ScriptedAntom::start(vec![Reply::success()]).await;
    let client = antom.client();
    let request = thing_request("req-1");

    let response = client.call::<CreateThing>(&request).await.unwrap();

    assert_eq!(response.thing_id, "thing-req-1");
    assert_eq!(response.thing_request_id, "req-1");
    let received = antom.received();
    assert_eq!(received.len(), 1);
    let sent = &received[0];
    assert_eq!(sent.method, "POST");
    // A SANDBOX_ client ID calls the sandbox prefix.
    assert_eq!(sent.path, "/ams/sandbox/api/v1/things/createThing");
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
}

#[tokio::test]
async fn key_version_and_production_prefix() {
    let antom = ScriptedAntom::start(vec![Reply::success()]).await;
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
        .call::<CreateThing>(&thing_request("req-live"))
        .await
        .unwrap();
    let sent = &antom.received()[0];
    assert_eq!(sent.path, "/ams/api/v1/things/createThing");
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
        .call::<CreateThing>(&thing_request("req-f"))
        .await
        .unwrap_err();
    match &error {
        Error::Failed {
            api, code, message, ..
        } => {
            assert_eq!(*api, "createThing");
            assert_eq!(*code, ThingCode::ProcessFail);
            assert_eq!(message, "A general business failure.");
        }
        other => panic!("expected Failed, got {other:?}"),
    }
    assert!(!error.is_outcome_unknown());
    assert_eq!(error.result_code(), Some(&ThingCode::ProcessFail));
    assert_eq!(
        error.to_string(),
        "createThing failed: PROCESS_FAIL: A general business failure."
    );
    assert_eq!(antom.received().len(), 1);
    // Erased, the code keeps its spelling.
    let any = error.into_any();
    assert_eq!(any.result_code().unwrap().to_string(), "PROCESS_FAIL");
}

#[tokio::test]
async fn unknown_then_success_resends_the_identical_body() {
    let antom = ScriptedAntom::start(vec![
        Reply::result("UNKNOWN_EXCEPTION", "U", "Unknown."),
        Reply::success(),
    ])
    .await;

    let response = antom
        .client()
        .call::<CreateThing>(&thing_request("req-u-s"))
        .await
        .unwrap();

    assert_eq!(response.thing_request_id, "req-u-s");
    let received = antom.received();
    assert_eq!(received.len(), 2);
    // The server sees the same request ID, in byte-identical bodies, both correctly signed.
    assert_eq!(received[0].body, received[1].body);
    assert_eq!(received[0].json()["thingRequestId"], "req-u-s");
    assert_eq!(received[1].json()["thingRequestId"], "req-u-s");
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
        .call::<CreateThing>(&thing_request("req-u"))
        .await
        .unwrap_err();

    match &error {
        Error::OutcomeUnknown {
            api,
            attempts,
            reason: Uncertainty::Status { code, .. },
        } => {
            assert_eq!(*api, "createThing");
            assert_eq!(*attempts, 4);
            assert_eq!(*code, ThingCode::UnknownException);
        }
        other => panic!("expected OutcomeUnknown, got {other:?}"),
    }
    assert!(error.is_outcome_unknown());
    let message = error.to_string();
    assert!(message.contains("createThing"), "{message}");
    assert!(message.contains("outcome is unknown"), "{message}");
    assert!(message.contains("inquire"), "{message}");
    let received = antom.received();
    assert_eq!(received.len(), 4, "exactly max_attempts sends");
    assert!(received.iter().all(|r| r.body == received[0].body));
}

#[tokio::test]
async fn unknown_code_that_needs_an_inquiry_is_not_resent_and_keeps_the_body() {
    let antom =
        ScriptedAntom::start(vec![Reply::result("THING_IN_PROCESS", "U", "In process.")]).await;
    let error = antom
        .client()
        .call::<CreateThing>(&thing_request("req-p"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::OutcomeUnknown { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(error.result_code(), Some(&ThingCode::ThingInProcess));
    let body: support::ThingResponse = error.response_body().unwrap().decode().unwrap();
    assert_eq!(body.thing_id, "thing-req-p");
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
        let antom = ScriptedAntom::start(vec![Reply::success().signing(signing)]).await;
        let error = antom
            .client()
            .call::<CreateThing>(&thing_request("req-sig"))
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
        Reply::success()
            .http_status(StatusCode::SERVICE_UNAVAILABLE)
            .signing(Signing::Missing),
        Reply::success(),
    ])
    .await;
    antom
        .client()
        .call::<CreateThing>(&thing_request("req-503"))
        .await
        .unwrap();
    assert_eq!(antom.received().len(), 2);
}

#[tokio::test]
async fn a_timeout_leaves_the_outcome_unknown_after_resending() {
    let antom = ScriptedAntom::start(vec![Reply::success().delay(Duration::from_secs(30))]).await;
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
        .call::<CreateThing>(&thing_request("req-slow"))
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
        Reply::success().delay(Duration::from_secs(30)),
        Reply::success(),
    ])
    .await;
    // Generous enough that the quick second answer never times out on a loaded machine.
    let client = antom
        .client_builder()
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let response = client
        .call::<CreateThing>(&thing_request("req-slow-ok"))
        .await
        .unwrap();
    assert_eq!(response.thing_request_id, "req-slow-ok");
    assert_eq!(antom.received().len(), 2);
}

#[tokio::test]
async fn an_invalid_request_is_never_sent() {
    let antom = ScriptedAntom::start(vec![Reply::success()]).await;
    let error = antom
        .client()
        .call::<CreateThing>(&thing_request(""))
        .await
        .unwrap_err();
    match &error {
        Error::InvalidRequest { api, source } => {
            assert_eq!(*api, "createThing");
            assert_eq!(source.violations[0].path, "thingRequestId");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(!error.is_outcome_unknown());
    assert_eq!(
        error.to_string(),
        "createThing: invalid request: thingRequestId is required; nothing was sent"
    );
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
        .call::<CreateThing>(&thing_request("req-down"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Connect { attempts: 3, .. }),
        "{error:?}"
    );
    assert!(!error.is_outcome_unknown());
}

#[tokio::test]
async fn a_clone_shares_the_client_and_debug_hides_keys() {
    let antom = ScriptedAntom::start(vec![Reply::success()]).await;
    let client = antom.client();
    let clone = client.clone();
    clone
        .call::<CreateThing>(&thing_request("req-c"))
        .await
        .unwrap();
    let debug = format!("{client:?}");
    assert!(
        debug.contains("client_id: \"SANDBOX_5YEZ0000000000000\""),
        "{debug}"
    );
    assert!(!debug.contains("MII"), "{debug}");
}

#[tokio::test]
async fn calls_are_send_and_errors_convert_into_boxed_errors() {
    fn assert_send<T: Send>(value: T) -> T {
        value
    }
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error<ThingCode>>();
    assert_error::<Error>();

    let antom = ScriptedAntom::start(vec![Reply::success()]).await;
    let client = antom.client();
    let request = thing_request("req-spawn");
    // A call can run on another task, as in a web handler.
    let response =
        tokio::spawn(async move { assert_send(client.call::<CreateThing>(&request)).await })
            .await
            .unwrap()
            .unwrap();
    assert_eq!(response.thing_request_id, "req-spawn");

    async fn boxed(client: &antom::Client) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        client.call::<CreateThing>(&thing_request("")).await?;
        Ok(())
    }
    assert!(boxed(&antom.client()).await.is_err());
}
