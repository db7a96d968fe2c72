//! Notifications over real HTTP: "Antom" (this test) POSTs signed notifications to a merchant
//! server on 127.0.0.1 that verifies them with `antom::Client::verify_notification` and answers
//! with `acknowledge_notification`.

mod support;

use std::sync::{Arc, Mutex};

use antom::notification::{self, ACKNOWLEDGEMENT_BODY, NotificationError};
use antom::signing::{ContentToSign, Direction, PrivateKey, PublicKey, SignatureError};
use antom::{
    Client, Notification, http::HeaderMap, notifications::NotifyVaulting,
    notifications::NotifyVaultingRequest,
};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use support::*;

const NOTIFY_PATH: &str = "/antom/notify?shop=1";

struct Merchant {
    client: Client,
    /// What the handler verified, or why it refused.
    outcomes: Mutex<Vec<Result<NotifyVaultingRequest, String>>>,
}

async fn handle(
    State(merchant): State<Arc<Merchant>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    match merchant.client.verify_notification::<NotifyVaulting>(
        method.as_str(),
        path,
        &headers,
        &body,
    ) {
        Ok(notice) => {
            merchant.outcomes.lock().unwrap().push(Ok(notice));
            let ack = merchant
                .client
                .acknowledge_notification(method.as_str(), path)
                .unwrap();
            (StatusCode::OK, ack.headers, ack.body).into_response()
        }
        Err(error) => {
            merchant
                .outcomes
                .lock()
                .unwrap()
                .push(Err(error.to_string()));
            (StatusCode::UNAUTHORIZED, error.to_string()).into_response()
        }
    }
}

async fn start_merchant() -> (String, Arc<Merchant>) {
    let merchant = Arc::new(Merchant {
        client: client_builder("http://127.0.0.1:9").build().unwrap(),
        outcomes: Mutex::new(Vec::new()),
    });
    let app = axum::Router::new()
        .fallback(handle)
        .with_state(merchant.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, merchant)
}

/// The page's example notification, verbatim.
const NOTICE: &str = <NotifyVaulting as Notification>::EXAMPLE_REQUESTS[0];

/// Signs `body` as Antom signs a notification, with `key`, now (ISO 8601, as Antom writes it).
fn antom_headers(key: &PrivateKey, client_id: &str, body: &[u8]) -> HeaderMap {
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    antom_headers_at(key, client_id, &now, body)
}

/// Signs `body` as Antom signs a notification, with `key`, at `time`.
fn antom_headers_at(key: &PrivateKey, client_id: &str, time: &str, body: &[u8]) -> HeaderMap {
    key.signed_headers(
        Direction::Request,
        &ContentToSign {
            method: "POST",
            path: NOTIFY_PATH,
            client_id,
            time,
            body,
        },
        1,
    )
    .unwrap()
}

async fn deliver(base: &str, headers: HeaderMap, body: &'static str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{base}{NOTIFY_PATH}"))
        .headers(headers)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_signed_notification_is_verified_decoded_and_acknowledged() {
    let (base, merchant) = start_merchant().await;
    let antom_key = PrivateKey::parse(ANTOM_PRIVATE_KEY).unwrap();

    let response = deliver(
        &base,
        antom_headers(&antom_key, CLIENT_ID, NOTICE.as_bytes()),
        NOTICE,
    )
    .await;

    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let body = response.bytes().await.unwrap();
    assert_eq!(&body[..], ACKNOWLEDGEMENT_BODY.as_bytes());
    // The acknowledgement is signed with the merchant's key, like a response.
    PublicKey::parse(MERCHANT_PUBLIC_KEY)
        .unwrap()
        .verify_headers(
            Direction::Response,
            "POST",
            NOTIFY_PATH,
            Some(CLIENT_ID),
            &headers,
            &body,
        )
        .unwrap();
    let outcomes = merchant.outcomes.lock().unwrap();
    let expected: NotifyVaultingRequest = serde_json::from_str(NOTICE).unwrap();
    assert_eq!(outcomes.as_slice(), [Ok(expected)]);
}

#[tokio::test]
async fn tampered_or_forged_notifications_are_rejected() {
    let (base, merchant) = start_merchant().await;
    let antom_key = PrivateKey::parse(ANTOM_PRIVATE_KEY).unwrap();
    let forger_key = PrivateKey::parse(MERCHANT_PRIVATE_KEY).unwrap();

    // The body changed after Antom signed it: a failed vaulting turned into a success.
    let failed = NOTICE.replacen("\"S\"", "\"F\"", 1);
    assert_ne!(failed, NOTICE);
    let headers = antom_headers(&antom_key, CLIENT_ID, failed.as_bytes());
    assert_eq!(deliver(&base, headers, NOTICE).await.status(), 401);

    // A corrupted signature.
    let mut headers = antom_headers(&antom_key, CLIENT_ID, NOTICE.as_bytes());
    let mut signature: antom::signing::SignatureHeader =
        headers["signature"].to_str().unwrap().parse().unwrap();
    signature.signature[0] ^= 0x80;
    headers.insert("signature", signature.to_string().parse().unwrap());
    assert_eq!(deliver(&base, headers, NOTICE).await.status(), 401);

    // Signed by someone else's key.
    let headers = antom_headers(&forger_key, CLIENT_ID, NOTICE.as_bytes());
    assert_eq!(deliver(&base, headers, NOTICE).await.status(), 401);

    // No signature at all.
    let mut headers = antom_headers(&antom_key, CLIENT_ID, NOTICE.as_bytes());
    headers.remove("signature");
    assert_eq!(deliver(&base, headers, NOTICE).await.status(), 401);

    // Correctly signed, but for another merchant.
    let headers = antom_headers(&antom_key, "SANDBOX_SOMEONE_ELSE", NOTICE.as_bytes());
    assert_eq!(deliver(&base, headers, NOTICE).await.status(), 401);

    // Authentic, but signed a year ago: a replay, outside the window.
    let headers = antom_headers_at(
        &antom_key,
        CLIENT_ID,
        "2025-01-01T00:00:00+08:00",
        NOTICE.as_bytes(),
    );
    assert_eq!(deliver(&base, headers, NOTICE).await.status(), 401);

    let outcomes = merchant.outcomes.lock().unwrap();
    assert_eq!(outcomes.len(), 6);
    assert!(
        outcomes[5]
            .as_ref()
            .unwrap_err()
            .contains("refused as a replay")
    );
    assert!(outcomes.iter().all(Result::is_err), "{outcomes:?}");
    assert!(outcomes[0].as_ref().unwrap_err().contains("does not match"));
    assert!(
        outcomes[3]
            .as_ref()
            .unwrap_err()
            .contains("`Signature` header is missing")
    );
    assert!(
        outcomes[4]
            .as_ref()
            .unwrap_err()
            .contains("SANDBOX_SOMEONE_ELSE")
    );
}

#[test]
fn the_free_function_verifies_with_any_public_key_and_reports_decoding_errors() {
    let antom_key = PrivateKey::parse(ANTOM_PRIVATE_KEY).unwrap();
    let antom_public = PublicKey::parse(ANTOM_PUBLIC_KEY).unwrap();
    let headers = antom_headers(&antom_key, CLIENT_ID, NOTICE.as_bytes());
    let notice = notification::verify::<NotifyVaulting>(
        &antom_public,
        "POST",
        NOTIFY_PATH,
        &headers,
        NOTICE.as_bytes(),
    )
    .unwrap();
    assert_eq!(notice, serde_json::from_str(NOTICE).unwrap());

    // The path is signed too.
    let moved = notification::verify::<NotifyVaulting>(
        &antom_public,
        "POST",
        "/elsewhere",
        &headers,
        NOTICE.as_bytes(),
    );
    assert!(matches!(
        moved,
        Err(NotificationError::Signature {
            source: SignatureError::Mismatch,
            ..
        })
    ));

    // Authentic but not the page's structure: a decoding error, not a signature error.
    let odd = br#"{"vaultingRequestId":1}"#;
    let headers = antom_headers(&antom_key, CLIENT_ID, odd);
    let error =
        notification::verify::<NotifyVaulting>(&antom_public, "POST", NOTIFY_PATH, &headers, odd)
            .unwrap_err();
    assert!(
        matches!(
            error,
            NotificationError::Decode {
                notification: "notifyVaulting",
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn notifications_from_the_mock_antom_are_verified_and_it_accepts_the_acknowledgement() {
    // antom-mock signs with its own, independently written signing code: a cross-check of both.
    let (base, merchant) = start_merchant().await;
    let notifier = antom_mock::Notifier::new(CLIENT_ID);

    let delivery = notifier
        .send_example::<NotifyVaulting>(&format!("{base}{NOTIFY_PATH}"))
        .await
        .unwrap();

    assert!(delivery.is_acknowledged(), "{delivery:?}");
    let outcomes = merchant.outcomes.lock().unwrap();
    let expected: NotifyVaultingRequest = serde_json::from_str(NOTICE).unwrap();
    assert_eq!(outcomes.as_slice(), [Ok(expected)]);
}

#[test]
fn the_acknowledgement_is_what_every_notification_page_shows() {
    struct Pages(Vec<(&'static str, serde_json::Value)>);
    impl antom::ApiVisitor for Pages {
        fn visit<A: antom::Api + 'static>(&mut self) {}
        fn visit_notification<N: Notification + 'static>(&mut self) {
            for example in N::EXAMPLE_RESPONSES {
                self.0
                    .push((N::NAME, serde_json::from_str(example).unwrap()));
            }
        }
    }
    let mut pages = Pages(Vec::new());
    antom::visit_apis(&mut pages);
    assert!(pages.0.len() >= 2, "{:?}", pages.0);
    let ours: serde_json::Value = serde_json::from_str(ACKNOWLEDGEMENT_BODY).unwrap();
    for (name, example) in pages.0 {
        assert_eq!(example, ours, "{name}");
    }
}
