//! A merchant's notification endpoint with axum: one URL for every notification Antom sends,
//! each verified before it is read, told apart, acted on, and acknowledged.
//!
//! ```sh
//! cargo run --example notification_server
//! ```
//!
//! It serves `POST /antom/notify` (every notification whose body names its type) and
//! `POST /antom/vaulting` (the `vaultingNotificationUrl` of vaulting requests: `notifyVaulting`
//! has no type field, so its route tells it) on 127.0.0.1, then stands in for Antom with the
//! mock's notifier, which signs each page's example notification as Antom does (TEST-ONLY
//! keys, no credentials), delivers it, and prints what the shop did.

use std::error::Error;
use std::sync::{Arc, Mutex};

use antom::notification::NotificationError;
use antom::notifications::{
    AnyNotification, NotifyCapture, NotifyPayment, NotifyRefund, NotifyVaulting,
};
use antom::{Client, Webhook};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

/// The shop: its webhook, and what it did with each notification.
pub struct Shop {
    webhook: Webhook,
    events: Mutex<Vec<String>>,
}

impl Shop {
    /// A shop receiving notifications for `client`'s merchant.
    pub fn new(client: &Client) -> Self {
        Shop {
            webhook: client.webhook().route::<NotifyVaulting>("/antom/vaulting"),
            events: Mutex::new(Vec::new()),
        }
    }

    /// What the shop did, in order.
    pub fn events(&self) -> Vec<String> {
        self.events.lock().unwrap().clone()
    }

    /// Acts on a verified notification. Antom may deliver one more than once: act on it by its
    /// IDs, idempotently.
    fn act(&self, notification: AnyNotification) {
        let event = match notification {
            AnyNotification::NotifyPayment(payment) => {
                format!(
                    "payment {}: {}",
                    payment.payment_id, payment.result.result_status
                )
            }
            AnyNotification::NotifyCapture(capture) => {
                format!(
                    "capture {}: {}",
                    capture.capture_id, capture.result.result_status
                )
            }
            AnyNotification::NotifyRefund(refund) => {
                format!(
                    "refund {}: {}",
                    refund.refund_id, refund.result.result_status
                )
            }
            AnyNotification::NotifyVaulting(vaulting) => format!(
                "vaulting {}: {}",
                vaulting.vaulting_request_id, vaulting.result.result_status
            ),
            // A notification this SDK does not know yet: keep it (verified) for later.
            AnyNotification::Unknown(unknown) => {
                format!(
                    "kept an unknown notification of {} bytes",
                    unknown.body().len()
                )
            }
            other => format!("{other:?}"),
        };
        self.events.lock().unwrap().push(event);
    }
}

/// The routes of the shop's notification endpoint.
pub fn app(shop: Arc<Shop>) -> axum::Router {
    axum::Router::new()
        .route("/antom/notify", post(receive))
        .route("/antom/vaulting", post(receive))
        .with_state(shop)
}

/// One handler for every notification: the raw body, as received, is what was signed.
async fn receive(
    State(shop): State<Arc<Shop>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    match shop.webhook.receive(method.as_str(), path, &headers, &body) {
        Ok(notification) => shop.act(notification),
        // Not from Antom, altered, or replayed: never act on it.
        Err(
            error @ (NotificationError::Signature { .. }
            | NotificationError::ClientId { .. }
            | NotificationError::Expired { .. }
            | NotificationError::RequestTime { .. }),
        ) => {
            eprintln!("refused: {error}");
            return StatusCode::UNAUTHORIZED.into_response();
        }
        // Antom's, but unreadable: answer an error so that Antom sends it again.
        Err(error) => {
            eprintln!("cannot read: {error}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    match shop.webhook.acknowledge(method.as_str(), path) {
        Ok(ack) => antom::http::Response::from(ack).map(axum::body::Body::from),
        Err(error) => {
            eprintln!("cannot sign the acknowledgement: {error}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Serves `shop` on 127.0.0.1 on a free port; returns its base URL.
pub async fn serve(shop: Arc<Shop>) -> std::io::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app(shop)).await });
    Ok(base)
}

/// The client ID of the example merchant.
pub const CLIENT_ID: &str = "SANDBOX_5YEZ0000000000000";

#[tokio::main]
#[allow(dead_code)] // `tests/notification_server.rs` includes this file without its `main`.
async fn main() -> Result<(), Box<dyn Error>> {
    use antom_mock::{Notifier, keys};
    let client = Client::builder(
        antom::gateway::ASIA,
        CLIENT_ID,
        keys::MERCHANT_PRIVATE_KEY.parse()?,
        keys::ANTOM_PUBLIC_KEY.parse()?,
    )
    .build()?;
    let shop = Arc::new(Shop::new(&client));
    let base = serve(shop.clone()).await?;
    println!("serving notifications at {base}/antom/notify and {base}/antom/vaulting");

    let antom = Notifier::new(CLIENT_ID);
    let notify = format!("{base}/antom/notify");
    for delivery in [
        antom.send_example::<NotifyPayment>(&notify).await?,
        antom.send_example::<NotifyCapture>(&notify).await?,
        antom.send_example::<NotifyRefund>(&notify).await?,
        antom
            .send_example::<NotifyVaulting>(&format!("{base}/antom/vaulting"))
            .await?,
    ] {
        println!(
            "{} -> HTTP {}, acknowledged: {}",
            delivery.notification.path,
            delivery.status,
            delivery.is_acknowledged()
        );
    }
    for event in shop.events() {
        println!("shop: {event}");
    }
    Ok(())
}
