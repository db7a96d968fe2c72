//! One notification URL for every notification: verified, checked for replay, told apart, and
//! decoded.
//!
//! Antom can send every notification (`notifyPayment`, `notifyRefund`, `notifyVaulting`...) to
//! one URL. A [`Webhook`] verifies each one with Antom's public key before reading a byte of it,
//! refuses one whose signed `Request-Time` is outside the replay window, then tells which
//! notification it is by the rule its page allows, recorded in the schema (`dispatch:` in
//! `spec/notify_*.yaml`):
//!
//! - by the body's own type field where the page defines one (`notifyType` is
//!   `PAYMENT_RESULT`: `notifyPayment`; `disputeNotificationType` is there: `notifyDispute`);
//! - otherwise by the route the merchant registered for it ([`Webhook::route`]): the
//!   `notifyVaulting` page gives its body no type field, so a vaulting notification is known by
//!   the URL it was sent to (the `vaultingNotificationUrl` of the request).
//!
//! What no rule names is kept, verified, as [`UnknownNotification`], so that a notification
//! Antom adds before this SDK knows it is neither lost nor trusted unverified.
//!
//! ```no_run
//! # fn handle(client: &antom::Client, headers: &http::HeaderMap, body: &[u8])
//! #     -> Result<(), Box<dyn std::error::Error>> {
//! use antom::notifications::{AnyNotification, NotifyVaulting};
//!
//! let webhook = client.webhook().route::<NotifyVaulting>("/antom/vaulting");
//! // In the handler of `POST /antom/notify` (and `/antom/vaulting`), with the raw body:
//! match webhook.receive("POST", "/antom/notify", headers, body)? {
//!     AnyNotification::NotifyPayment(payment) => { /* update the order, idempotently */ }
//!     AnyNotification::Unknown(other) => { /* log other.body(), keep it */ }
//!     _ => {}
//! }
//! let ack = webhook.acknowledge("POST", "/antom/notify")?;
//! // Answer with HTTP 200, `ack.headers` and `ack.body`.
//! # Ok(()) }
//! ```

use std::fmt;
use std::time::{Duration, SystemTime};

use http::HeaderMap;

use crate::client::Client;
use crate::error::DecodeError;
use crate::notification::{Acknowledgement, NotificationError};
use crate::signing::{REQUEST_TIME, SignatureError};
use crate::{Notification, wire};

/// How a notification is told from the others: the rule of one of its pages. Generated code's
/// data, not part of the API.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dispatch {
    /// The body's type field `name` has one of `values`; when `values` is empty, the field is
    /// there at all (its page lists no values, and no other notification has it).
    Field {
        /// The field's wire name: `notifyType`.
        name: &'static str,
        /// The values its page gives it.
        values: &'static [&'static str],
    },
    /// The route the merchant registered for it with [`Webhook::route`].
    Route,
}

/// One notification of a [`NotificationSet`]: its name and its pages' rules. Generated code's
/// data, not part of the API.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotificationKind {
    /// The notification's name: `notifyPayment`.
    pub name: &'static str,
    /// The rules of its pages: any one of them names it.
    pub dispatch: &'static [Dispatch],
}

/// A set of notifications one URL receives: generated as
/// [`AnyNotification`](crate::notifications::AnyNotification), one variant per notification.
/// Its items are the generated code's, not part of the API.
pub trait NotificationSet: Sized {
    /// Every notification of the set, with its rules.
    #[doc(hidden)]
    const KINDS: &'static [NotificationKind];
    /// Decodes a verified body as the notification `name` (one of [`Self::KINDS`]); `None` for
    /// a name the set does not have.
    #[doc(hidden)]
    fn decode(name: &str, body: &[u8]) -> Option<Result<Self, serde_json::Error>>;
    /// A verified notification that no rule names.
    #[doc(hidden)]
    fn unknown(notification: UnknownNotification) -> Self;
}

/// A verified notification that no rule of the pages names: a type value no page lists, or a
/// route no notification is registered for. Its body is kept as received.
///
/// `Debug` shows the path and the body's size only, as bodies may carry personal data.
#[derive(Clone, PartialEq, Eq)]
pub struct UnknownNotification {
    path: String,
    body: Vec<u8>,
}

impl UnknownNotification {
    /// The path it was received at, with its query string.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The verified body, as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Decodes the body, for instance into a notification type this SDK has.
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> Result<T, DecodeError> {
        serde_json::from_slice(&self.body).map_err(DecodeError::new)
    }
}

impl fmt::Debug for UnknownNotification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "UnknownNotification {{ path: {:?}, body: {} bytes }}",
            self.path,
            self.body.len()
        )
    }
}

/// The default replay window: Antom resends an unacknowledged notification for up to 24 hours,
/// and its pages do not say whether a resend is signed anew, so a shorter window could refuse
/// a genuine resend; an hour more covers clocks that disagree.
pub const DEFAULT_REPLAY_WINDOW: Duration = Duration::from_secs(25 * 60 * 60);

/// How far ahead of this machine's clock a `Request-Time` may be.
pub const ALLOWED_CLOCK_SKEW: Duration = Duration::from_secs(5 * 60);

/// One notification URL for every notification; see the [module documentation](self).
/// Made by [`Client::webhook`], with the client's keys and client ID.
#[derive(Debug, Clone)]
pub struct Webhook {
    client: Client,
    /// (path without query, notification name).
    routes: Vec<(String, &'static str)>,
    replay_window: Duration,
}

impl Client {
    /// A [`Webhook`] verifying with this client's Antom public key, for its client ID, and
    /// acknowledging with its private key.
    pub fn webhook(&self) -> Webhook {
        Webhook {
            client: self.clone(),
            routes: Vec::new(),
            replay_window: DEFAULT_REPLAY_WINDOW,
        }
    }
}

impl Webhook {
    /// Notification `N` arrives at `path` (the path of the URL registered for it, without query
    /// string): how a notification whose page gives its body no type field is known. A path
    /// registered twice keeps the last notification.
    pub fn route<N: Notification>(mut self, path: &str) -> Self {
        let path = without_query(path).to_owned();
        self.routes.retain(|(p, _)| *p != path);
        self.routes.push((path, N::NAME));
        self
    }

    /// How old a notification's signed `Request-Time` may be (default
    /// [`DEFAULT_REPLAY_WINDOW`]); one from more than [`ALLOWED_CLOCK_SKEW`] ahead is refused
    /// too. A captured notification replayed later than this is refused: act on notifications
    /// idempotently anyway, since Antom may deliver one more than once within it.
    pub fn replay_window(mut self, window: Duration) -> Self {
        self.replay_window = window;
        self
    }

    /// Verifies, checks and decodes a notification received at `method` `path` (with its query
    /// string, as signed) with these `headers` and this raw `body`, into
    /// [`AnyNotification`](crate::notifications::AnyNotification) or any other
    /// [`NotificationSet`]. Nothing of the body is read before its signature verifies.
    pub fn receive_as<S: NotificationSet>(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<S, NotificationError> {
        self.client
            .authenticate_notification("notification", method, path, headers, body)?;
        check_time(headers, self.replay_window, SystemTime::now())?;
        // No rule names it, or the set has no such notification: kept, verified.
        let unknown = || {
            S::unknown(UnknownNotification {
                path: path.to_owned(),
                body: body.to_vec(),
            })
        };
        match self
            .name::<S>(path, body)?
            .map(|name| (name, S::decode(name, body)))
        {
            Some((_, Some(Ok(notification)))) => Ok(notification),
            Some((name, Some(Err(source)))) => Err(NotificationError::Decode {
                notification: name,
                source: DecodeError::new(source),
            }),
            Some((_, None)) | None => Ok(unknown()),
        }
    }

    /// The signed acknowledgement to answer a notification with.
    pub fn acknowledge(&self, method: &str, path: &str) -> Result<Acknowledgement, SignatureError> {
        self.client.acknowledge_notification(method, path)
    }

    /// Which notification of `S` a verified body is: a type value first, then a type field's
    /// presence, then the route.
    fn name<S: NotificationSet>(
        &self,
        path: &str,
        body: &[u8],
    ) -> Result<Option<&'static str>, NotificationError> {
        let fields: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(body)
            .map_err(|source| NotificationError::Decode {
                notification: "notification",
                source: DecodeError::new(source),
            })?;
        let rules = || {
            S::KINDS
                .iter()
                .flat_map(|kind| kind.dispatch.iter().map(move |rule| (kind.name, rule)))
        };
        let by_value = rules().find(|(_, rule)| match rule {
            Dispatch::Field { name, values } => fields
                .get(*name)
                .and_then(|v| v.as_str())
                .is_some_and(|v| values.contains(&v)),
            Dispatch::Route => false,
        });
        let by_presence = || {
            rules().find(|(_, rule)| {
                matches!(rule, Dispatch::Field { name, values } if values.is_empty() && fields.contains_key(*name))
            })
        };
        let by_route = || {
            let path = without_query(path);
            let (_, name) = self.routes.iter().find(|(p, _)| p == path)?;
            rules().find(|(kind, rule)| kind == name && **rule == Dispatch::Route)
        };
        Ok(by_value
            .or_else(by_presence)
            .or_else(by_route)
            .map(|(name, _)| name))
    }
}

fn without_query(path: &str) -> &str {
    path.split_once('?').map_or(path, |(path, _)| path)
}

/// Refuses a notification whose signed `Request-Time` (ISO 8601 as Antom writes it, or
/// milliseconds since the epoch) is older than `window` or too far ahead of `now`.
pub(crate) fn check_time(
    headers: &HeaderMap,
    window: Duration,
    now: SystemTime,
) -> Result<(), NotificationError> {
    let text = headers
        .get(REQUEST_TIME)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let sent = parse_time(text).ok_or_else(|| NotificationError::RequestTime {
        value: text.to_owned(),
    })?;
    let too_old = now.duration_since(sent).is_ok_and(|age| age > window);
    let too_new = sent
        .duration_since(now)
        .is_ok_and(|ahead| ahead > ALLOWED_CLOCK_SKEW);
    if too_old || too_new {
        return Err(NotificationError::Expired {
            request_time: text.to_owned(),
            window,
        });
    }
    Ok(())
}

fn parse_time(text: &str) -> Option<SystemTime> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let millis: u64 = text.parse().ok()?;
        return SystemTime::UNIX_EPOCH.checked_add(Duration::from_millis(millis));
    }
    let time = wire::parse_datetime(text).ok()?;
    let nanos = u64::try_from(time.unix_timestamp_nanos()).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_nanos(nanos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn at(time: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_TIME, HeaderValue::from_str(time).unwrap());
        headers
    }

    /// Three notifications, one per rule: a type value, a type field's presence, a route.
    #[derive(Debug)]
    struct Rules;

    impl NotificationSet for Rules {
        const KINDS: &'static [NotificationKind] = &[
            NotificationKind {
                name: "byValue",
                dispatch: &[Dispatch::Field {
                    name: "notifyType",
                    values: &["CAPTURE"],
                }],
            },
            NotificationKind {
                name: "byPresence",
                dispatch: &[Dispatch::Field {
                    name: "eventType",
                    values: &[],
                }],
            },
            NotificationKind {
                name: "byRoute",
                dispatch: &[Dispatch::Route],
            },
        ];
        fn decode(_: &str, _: &[u8]) -> Option<Result<Self, serde_json::Error>> {
            Some(Ok(Rules))
        }
        fn unknown(_: UnknownNotification) -> Self {
            Rules
        }
    }

    struct ByRoute;
    impl Notification for ByRoute {
        const NAME: &'static str = "byRoute";
        type Request = crate::notifications::NotifyVaultingRequest;
        type Response = crate::notifications::NotifyVaultingResponse;
        type ResultCode = crate::notifications::NotifyVaultingResultCode;
    }

    #[test]
    fn a_value_comes_before_a_presence_which_comes_before_the_route() {
        let key = crate::PrivateKey::parse(include_str!("../tests/data/merchant_private_key.pem"))
            .unwrap();
        let antom =
            crate::PublicKey::parse(include_str!("../tests/data/antom_public_key.pem")).unwrap();
        let client = Client::builder("http://127.0.0.1:9", "SANDBOX_1", key, antom)
            .build()
            .unwrap();
        let webhook = client.webhook().route::<ByRoute>("/notify/route");
        let name = |path: &str, body: &str| webhook.name::<Rules>(path, body.as_bytes()).unwrap();
        assert_eq!(name("/n", r#"{"notifyType":"CAPTURE"}"#), Some("byValue"));
        // A value no rule lists does not name a notification; a field that is there does.
        assert_eq!(name("/n", r#"{"notifyType":"REFUND"}"#), None);
        assert_eq!(name("/n", r#"{"eventType":"ANY"}"#), Some("byPresence"));
        assert_eq!(
            name(
                "/notify/route",
                r#"{"notifyType":"CAPTURE","eventType":"X"}"#
            ),
            Some("byValue")
        );
        assert_eq!(
            name("/notify/route", r#"{"eventType":"X"}"#),
            Some("byPresence")
        );
        assert_eq!(name("/notify/route?shop=1", "{}"), Some("byRoute"));
        assert_eq!(name("/other", "{}"), None);
    }

    #[test]
    fn request_times_in_either_spelling_are_checked_against_the_window() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let hour = Duration::from_secs(3600);
        // 2023-11-14T22:13:20Z is `now`.
        for fresh in [
            "2023-11-14T22:13:20Z",
            "2023-11-15T06:13:20+08:00",
            "1700000000000",
        ] {
            check_time(&at(fresh), hour, now).unwrap();
        }
        check_time(&at("2023-11-14T21:14:00Z"), hour, now).unwrap();
        for stale in ["2023-11-14T21:13:19Z", "1699996399999"] {
            assert!(matches!(
                check_time(&at(stale), hour, now),
                Err(NotificationError::Expired { .. })
            ));
        }
        // Ahead of this clock by more than the skew allowed.
        assert!(matches!(
            check_time(&at("2023-11-14T22:19:21Z"), hour, now),
            Err(NotificationError::Expired { .. })
        ));
        for bad in ["", "yesterday", "2023-11-14"] {
            assert!(matches!(
                check_time(&at(bad), hour, now),
                Err(NotificationError::RequestTime { .. })
            ));
        }
    }
}
