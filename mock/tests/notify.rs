//! Delivering signed notifications to a merchant's handler over real HTTP on 127.0.0.1.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use antom_mock::signature::{SignatureHeader, VerifyingKey, signed_content};
use antom_mock::{Notifier, SendError, keys};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// What the merchant's handler saw: path, headers, body.
type Seen = Arc<Mutex<Vec<(String, hyper::HeaderMap, Vec<u8>)>>>;

/// A merchant notification handler that records what it gets and answers `answer`.
async fn merchant(status: u16, answer: &'static str) -> (std::net::SocketAddr, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen: Seen = Arc::default();
    let record = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let record = Arc::clone(&record);
            tokio::spawn(async move {
                let service = service_fn(move |request: Request<Incoming>| {
                    let record = Arc::clone(&record);
                    async move {
                        let path = request.uri().path_and_query().unwrap().as_str().to_owned();
                        let headers = request.headers().clone();
                        let body = request.into_body().collect().await.unwrap().to_bytes();
                        record.lock().unwrap().push((path, headers, body.to_vec()));
                        let mut response =
                            Response::new(Full::new(Bytes::from_static(answer.as_bytes())));
                        *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap();
                        Ok::<_, Infallible>(response)
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (addr, seen)
}

const ACK: &str =
    r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;

#[tokio::test]
async fn a_delivered_notification_verifies_with_the_mock_public_key() {
    let (addr, seen) = merchant(200, ACK).await;
    let notifier = Notifier::new("SANDBOX_MERCHANT");
    let body = br#"{"notifyType":"VAULTING_RESULT","vaultingRequestId":"v-1"}"#;
    let delivery = notifier
        .send(&format!("http://{addr}/antom/notify?shop=1"), &body[..])
        .await
        .unwrap();
    assert!(delivery.is_acknowledged());
    assert_eq!(delivery.status, 200);

    let seen = seen.lock().unwrap();
    let (path, headers, received) = &seen[0];
    // Signed over the path with its query string, as the SDK verifies it.
    assert_eq!(path, "/antom/notify?shop=1");
    assert_eq!(received, body);
    let header = |name: &str| headers.get(name).unwrap().to_str().unwrap();
    assert_eq!(header("client-id"), "SANDBOX_MERCHANT");
    let signature = SignatureHeader::parse(header("signature")).unwrap();
    let key = VerifyingKey::from_text(keys::ANTOM_PUBLIC_KEY).unwrap();
    let content = signed_content(path, header("client-id"), header("request-time"), received);
    assert!(key.verify(&content, &signature.signature));
    // A tampered body does not verify.
    let mut tampered = received.clone();
    tampered[2] ^= 0x20;
    let content = signed_content(path, header("client-id"), header("request-time"), &tampered);
    assert!(!key.verify(&content, &signature.signature));
}

#[tokio::test]
async fn a_merchant_that_does_not_acknowledge_is_reported() {
    let (addr, _) = merchant(500, "oops").await;
    let delivery = Notifier::new("C")
        .send(&format!("http://{addr}/n"), &b"{}"[..])
        .await
        .unwrap();
    assert_eq!(delivery.status, 500);
    assert!(!delivery.is_acknowledged());
    let (addr, _) = merchant(
        200,
        r#"{"result":{"resultCode":"PROCESS_FAIL","resultStatus":"F"}}"#,
    )
    .await;
    let delivery = Notifier::new("C")
        .send(&format!("http://{addr}/n"), &b"{}"[..])
        .await
        .unwrap();
    assert!(!delivery.is_acknowledged());
}

#[tokio::test]
async fn bad_urls_and_unreachable_merchants_are_errors() {
    let notifier = Notifier::new("C");
    for url in ["https://example.com/n", "/just/a/path", "not a url"] {
        assert!(
            matches!(notifier.send(url, &b"{}"[..]).await, Err(SendError::Url(_))),
            "{url}"
        );
    }
    // A port nobody listens on: bind one, then free it.
    let addr = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    let result = notifier.send(&format!("http://{addr}/n"), &b"{}"[..]).await;
    assert!(
        matches!(result, Err(SendError::Connect { .. })),
        "{result:?}"
    );
}
