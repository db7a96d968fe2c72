//! One notification URL for every notification (`antom::Webhook`): each page's example, signed
//! by the mock Antom, is told apart by its page's rule from the schema, decoded into its variant
//! of `AnyNotification`; what no rule names is kept verified as `Unknown`; nothing is read
//! before the signature verifies, and replays are refused.

mod support;

use std::time::Duration;

use antom::notification::NotificationError;
use antom::notifications::{
    AnyNotification, NotifyCapture, NotifyDispute, NotifyPayment, NotifyRefund, NotifySubscription,
    NotifyVaulting,
};
use antom::{Notification, Webhook};
use antom_mock::{Notifier, SignedNotification};
use support::*;

fn webhook() -> Webhook {
    client_builder("http://127.0.0.1:9")
        .build()
        .unwrap()
        .webhook()
        .route::<NotifyVaulting>("/antom/vaulting")
        .route::<NotifyPayment>("/antom/subscription-payments")
}

fn receive(
    webhook: &Webhook,
    n: &SignedNotification,
) -> Result<AnyNotification, NotificationError> {
    webhook.receive("POST", &n.path, &n.header_map(), &n.body)
}

/// The first example of `N`'s page (or the example `index`), signed now for `path`.
fn example<N: Notification>(index: usize, path: &str) -> SignedNotification {
    Notifier::new(CLIENT_ID).sign(path, N::EXAMPLE_REQUESTS[index].as_bytes())
}

#[test]
fn each_notification_is_told_apart_by_its_pages_rule() {
    let webhook = webhook();
    let at = "/antom/notify?from=antom";
    // By the body's type field.
    assert!(matches!(
        receive(&webhook, &example::<NotifyCapture>(0, at)),
        Ok(AnyNotification::NotifyCapture(_))
    ));
    assert!(matches!(
        receive(&webhook, &example::<NotifyRefund>(0, at)),
        Ok(AnyNotification::NotifyRefund(_))
    ));
    assert!(matches!(
        receive(&webhook, &example::<NotifyDispute>(0, at)),
        Ok(AnyNotification::NotifyDispute(_))
    ));
    assert!(matches!(
        receive(&webhook, &example::<NotifyPayment>(0, at)),
        Ok(AnyNotification::NotifyPayment(_))
    ));
    // By the type field's values: the page's list, through `spec/overrides.yaml`.
    assert!(matches!(
        receive(&webhook, &example::<NotifySubscription>(0, at)),
        Ok(AnyNotification::NotifySubscription(_))
    ));
    // By the route: these pages give their bodies no type field.
    let vaulting = example::<NotifyVaulting>(0, "/antom/vaulting?shop=1");
    match receive(&webhook, &vaulting) {
        Ok(AnyNotification::NotifyVaulting(n)) => {
            assert_eq!(n, serde_json::from_slice(&vaulting.body).unwrap())
        }
        other => panic!("{other:?}"),
    }
    let subscription_payment = NotifyPayment::EXAMPLE_REQUESTS
        .iter()
        .position(|e| !e.contains("notifyType"))
        .expect("the subscription payment page's example has no notifyType");
    assert!(matches!(
        receive(
            &webhook,
            &example::<NotifyPayment>(subscription_payment, "/antom/subscription-payments")
        ),
        Ok(AnyNotification::NotifyPayment(_))
    ));
}

#[test]
fn what_no_rule_names_is_kept_verified_as_unknown() {
    let webhook = webhook();
    // A type value no page lists.
    let body = br#"{"notifyType":"UPDATE_AMOUNT_RESULT","paymentId":"2026..."}"#;
    let n = Notifier::new(CLIENT_ID).sign("/antom/notify", body.to_vec());
    match receive(&webhook, &n) {
        Ok(AnyNotification::Unknown(unknown)) => {
            assert_eq!(unknown.body(), body);
            assert_eq!(unknown.path(), "/antom/notify");
            assert!(!format!("{unknown:?}").contains("paymentId"));
        }
        other => panic!("{other:?}"),
    }
    // No type field, at a route registered for nothing.
    let vaulting = example::<NotifyVaulting>(0, "/antom/notify");
    assert!(matches!(
        receive(&webhook, &vaulting),
        Ok(AnyNotification::Unknown(_))
    ));
}

#[test]
fn nothing_is_read_before_the_signature_verifies_and_replays_are_refused() {
    let webhook = webhook();
    // Not even JSON, but unsigned: a signature error, not a decoding one.
    let mut n = Notifier::new(CLIENT_ID).sign("/antom/notify", b"not json".to_vec());
    n.body = b"still not json".to_vec();
    assert!(matches!(
        receive(&webhook, &n),
        Err(NotificationError::Signature { .. })
    ));
    // Signed by another key.
    let forged = Notifier::new(CLIENT_ID)
        .signing_key(MERCHANT_PRIVATE_KEY)
        .unwrap()
        .sign(
            "/antom/notify",
            NotifyRefund::EXAMPLE_REQUESTS[0].as_bytes(),
        );
    assert!(matches!(
        receive(&webhook, &forged),
        Err(NotificationError::Signature { .. })
    ));
    // Authentic, decoded by its type, but not what its page describes.
    let odd = Notifier::new(CLIENT_ID).sign(
        "/antom/notify",
        br#"{"notifyType":"REFUND_RESULT","refundAmount":[]}"#.to_vec(),
    );
    assert!(matches!(
        receive(&webhook, &odd),
        Err(NotificationError::Decode {
            notification: "notifyRefund",
            ..
        })
    ));
    // Authentic, but signed two hours ago: within the default window, outside a one-hour one.
    let two_hours_ago = time::OffsetDateTime::now_utc() - time::Duration::hours(2);
    let old = Notifier::new(CLIENT_ID).sign_at(
        "/antom/notify",
        &two_hours_ago
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap(),
        NotifyRefund::EXAMPLE_REQUESTS[0].as_bytes(),
    );
    assert!(matches!(
        receive(&webhook, &old),
        Ok(AnyNotification::NotifyRefund(_))
    ));
    let strict = webhook.replay_window(Duration::from_secs(3600));
    let error = receive(&strict, &old).unwrap_err();
    assert!(
        matches!(error, NotificationError::Expired { .. }),
        "{error:?}"
    );
}
