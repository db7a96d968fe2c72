//! `examples/notification_server.rs` end to end: the mock Antom's notifier delivers each page's
//! example notification to the example's axum server, which verifies, dispatches, acts and
//! acknowledges; forged and replayed deliveries are refused and never acted on.

#[path = "../examples/notification_server.rs"]
mod example;

use std::sync::Arc;

use antom::notifications::{
    NotifyCapture, NotifyDispute, NotifyPayment, NotifyRefund, NotifySubscription, NotifyVaulting,
};
use antom::{Client, Notification};
use antom_mock::{Notifier, keys};

fn client() -> Client {
    Client::builder(
        "http://127.0.0.1:9",
        example::CLIENT_ID,
        keys::MERCHANT_PRIVATE_KEY.parse().unwrap(),
        keys::ANTOM_PUBLIC_KEY.parse().unwrap(),
    )
    .build()
    .unwrap()
}

#[tokio::test]
async fn the_example_server_verifies_dispatches_and_acknowledges_every_notification() {
    let shop = Arc::new(example::Shop::new(&client()));
    let base = example::serve(shop.clone()).await.unwrap();
    let antom = Notifier::new(example::CLIENT_ID);
    let notify = format!("{base}/antom/notify");

    let mut deliveries = vec![
        antom.send_example::<NotifyPayment>(&notify).await.unwrap(),
        antom.send_example::<NotifyCapture>(&notify).await.unwrap(),
        antom.send_example::<NotifyRefund>(&notify).await.unwrap(),
        antom.send_example::<NotifyDispute>(&notify).await.unwrap(),
        antom
            .send_example::<NotifySubscription>(&notify)
            .await
            .unwrap(),
        antom
            .send_example::<NotifyVaulting>(&format!("{base}/antom/vaulting"))
            .await
            .unwrap(),
        // A notification type no page lists: kept, and acknowledged.
        antom
            .send(&notify, br#"{"notifyType":"SOMETHING_NEW"}"#.to_vec())
            .await
            .unwrap(),
    ];
    for delivery in &deliveries {
        assert!(delivery.is_acknowledged(), "{delivery:?}");
    }

    // Forged (another key), and a genuine one replayed from last year: refused.
    let forger = Notifier::new(example::CLIENT_ID)
        .signing_key(keys::MERCHANT_PRIVATE_KEY)
        .unwrap();
    deliveries.push(forger.send_example::<NotifyPayment>(&notify).await.unwrap());
    let old = antom.sign_at(
        "/antom/notify",
        "2025-06-01T00:00:00+08:00",
        NotifyRefund::EXAMPLE_REQUESTS[0].as_bytes(),
    );
    let replayed = antom_mock::Delivery {
        status: antom::reqwest::Client::new()
            .post(&notify)
            .headers(old.header_map())
            .body(old.body.clone())
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        notification: old,
        body: Vec::new(),
    };
    for refused in [&deliveries[7], &replayed] {
        assert_eq!(refused.status, 401, "{refused:?}");
    }

    let events = shop.events();
    assert_eq!(events.len(), 7, "{events:#?}");
    assert!(events[0].starts_with("payment "), "{events:#?}");
    assert!(events[1].starts_with("capture "), "{events:#?}");
    assert!(events[2].starts_with("refund "), "{events:#?}");
    assert!(events[3].starts_with("NotifyDispute("), "{events:#?}");
    assert!(events[4].starts_with("NotifySubscription("), "{events:#?}");
    assert!(events[5].starts_with("vaulting "), "{events:#?}");
    assert!(
        events[6].starts_with("kept an unknown notification"),
        "{events:#?}"
    );
}
