//! Settling unknown outcomes: after a call whose outcome is unknown
//! ([`Error::is_outcome_unknown`]), ask the inquiry its page names (`pay` → `inquiryPayment`,
//! `refund` → `inquiryRefund`, `createVaultingSession` → `inquireVaulting`) until the answer
//! is final, with a bounded backoff. Each inquiry is signed, verified and resent like any call.
//!
//! The pairings and what counts as final are data, derived from the pages and reviewed in the
//! schema: `inquiry:` in the calling page's YAML (the inquiry its result process logic names),
//! `final_status:` in the inquiry's (its status field, and the values its page does not
//! describe as still going on).
//!
//! ```no_run
//! # async fn f(client: &antom::Client, request: &antom::payments::PayRequest)
//! #     -> Result<(), Box<dyn std::error::Error>> {
//! use antom::payments::Pay;
//! use antom::resolve::{Backoff, Settled};
//!
//! match client.payments().pay(request).await {
//!     Ok(answer) => { /* ... */ }
//!     Err(e) if e.is_outcome_unknown() => match client
//!         .settle::<Pay>(request, &Backoff::default())
//!         .await?
//!     {
//!         Settled::Final(inquiry) => println!("the payment is {:?}", inquiry.payment_status),
//!         _ => { /* still unknown: keep the order pending; inquire later or cancel */ }
//!     },
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok(()) }
//! ```

use std::time::Duration;

use serde_json::Value;

use crate::api::Api;
use crate::client::Client;
use crate::error::Error;

/// An API whose page names the inquiry that settles an unknown outcome (generated from the
/// schema's `inquiry`). Its constants are the generated code's, not part of the API.
pub trait Inquirable: Api {
    /// The inquiry: `InquiryPayment` for `Pay`.
    type Inquiry: Settles;
    /// The fields of the inquiry's request taken from this API's request, by wire name
    /// (`paymentRequestId`).
    #[doc(hidden)]
    const CARRIED: &'static [&'static str];
}

/// An inquiry whose response says whether what it inquires is final (generated from the
/// schema's `final_status`).
pub trait Settles: Api {
    /// The response field: `paymentStatus`.
    #[doc(hidden)]
    const STATUS_FIELD: &'static str;
    /// Its final values: `SUCCESS`, `FAIL`, `CANCELLED`.
    #[doc(hidden)]
    const FINAL: &'static [&'static str];
    /// The result code saying that the inquired request does not exist: `ORDER_NOT_EXIST`.
    #[doc(hidden)]
    const NOT_FOUND: Option<&'static str> = None;
}

/// An API whose page says to cancel a call whose outcome stays unknown (`pay`: "cancel the
/// payment through cancel"; generated from the schema's `cancel`).
pub trait Cancellable: Inquirable {
    /// The cancel API: `payments::Cancel` for `Pay`.
    type Cancel: Api;
    /// The fields of the cancel request taken from this API's request, by wire name.
    #[doc(hidden)]
    const CANCEL_CARRIED: &'static [&'static str];
}

/// How [`Client::settle_or_cancel`] ended.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SettledOrCancelled<R, C> {
    /// An inquiry said the outcome is final: its answer. Nothing was cancelled.
    Final(R),
    /// No inquiry said it is final, so it was cancelled: the cancel's verified answer.
    Cancelled(C),
}

/// When to inquire: one inquiry after each delay, then stop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backoff {
    delays: Vec<Duration>,
}

impl Backoff {
    /// One inquiry after each of `delays`.
    pub fn new(delays: Vec<Duration>) -> Self {
        Backoff { delays }
    }

    /// The delays.
    pub fn delays(&self) -> &[Duration] {
        &self.delays
    }
}

impl Default for Backoff {
    /// 2, 3, 3, 5, 5, 10 and 10 seconds: seven inquiries over 38 seconds, as Antom's own
    /// earlier SDK spaced them.
    fn default() -> Self {
        Backoff::new([2, 3, 3, 5, 5, 10, 10].map(Duration::from_secs).into())
    }
}

/// What the inquiries found.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Settled<R> {
    /// The inquiry says the outcome is final: its verified answer.
    Final(R),
    /// No inquiry of the backoff said it is final: the last answer, if any inquiry answered.
    /// The outcome is still unknown: inquire later, or cancel where the API allows.
    StillUnknown {
        /// The last answer received.
        last: Option<R>,
        /// How many inquiries were made.
        inquiries: u32,
    },
}

/// The request of another API made of `request`'s `carried` fields, by wire name.
fn carried<T: serde::de::DeserializeOwned>(
    request: &impl serde::Serialize,
    carried: &[&str],
) -> Result<T, serde_json::Error> {
    let original = serde_json::to_value(request)?;
    let mut fields = serde_json::Map::new();
    for field in carried {
        if let Some(value) = original.get(*field) {
            fields.insert((*field).to_owned(), value.clone());
        }
    }
    serde_json::from_value(Value::Object(fields))
}

/// Whether an inquiry's answer is final.
fn is_final<I: Settles>(answer: &I::Response) -> bool {
    serde_json::to_value(answer)
        .ok()
        .and_then(|v| v.get(I::STATUS_FIELD)?.as_str().map(str::to_owned))
        .is_some_and(|status| I::FINAL.contains(&status.as_str()))
}

impl Client {
    /// Settles the outcome of `request` to API `A` by its inquiry: one inquiry after each delay
    /// of `backoff`, until one answers a final status. An inquiry whose own outcome is unknown
    /// is tried again at the next delay; one that fails (`F`, such as `ORDER_NOT_EXIST`) ends
    /// it with that error, which says what Antom knows. See the [module docs](crate::resolve).
    pub async fn settle<A: Inquirable>(
        &self,
        request: &A::Request,
        backoff: &Backoff,
    ) -> Result<Settled<<A::Inquiry as Api>::Response>, Error> {
        let inquiry: <A::Inquiry as Api>::Request =
            carried(request, A::CARRIED).map_err(|source| Error::Serialize {
                api: <A::Inquiry as Api>::NAME,
                source,
            })?;
        let mut last = None;
        let mut inquiries = 0;
        for delay in backoff.delays() {
            tokio::time::sleep(*delay).await;
            inquiries += 1;
            match self.call::<A::Inquiry>(&inquiry).await {
                Ok(answer) if is_final::<A::Inquiry>(&answer) => {
                    tracing::info!(api = A::NAME, inquiries, "the outcome is settled");
                    return Ok(Settled::Final(answer));
                }
                Ok(answer) => last = Some(answer),
                Err(e) if e.is_outcome_unknown() => {}
                Err(e) => return Err(e.into_any()),
            }
        }
        tracing::warn!(api = A::NAME, inquiries, "the outcome is still unknown");
        Ok(Settled::StillUnknown { last, inquiries })
    }

    /// [`Client::settle`], then, only if no inquiry said the outcome is final, the cancel the
    /// page advises (`pay` → `cancel`, with the same `paymentRequestId`): opt-in, since a
    /// cancelled payment does not go through. Never after an inquiry answered a final status,
    /// success included. A cancel that fails or whose outcome is unknown is the error.
    pub async fn settle_or_cancel<A: Cancellable>(
        &self,
        request: &A::Request,
        backoff: &Backoff,
    ) -> Result<
        SettledOrCancelled<<A::Inquiry as Api>::Response, <A::Cancel as Api>::Response>,
        Error,
    > {
        if let Settled::Final(answer) = self.settle::<A>(request, backoff).await? {
            return Ok(SettledOrCancelled::Final(answer));
        }
        let cancel: <A::Cancel as Api>::Request =
            carried(request, A::CANCEL_CARRIED).map_err(|source| Error::Serialize {
                api: <A::Cancel as Api>::NAME,
                source,
            })?;
        tracing::warn!(api = A::NAME, "cancelling: the outcome stayed unknown");
        let cancelled = self
            .call::<A::Cancel>(&cancel)
            .await
            .map_err(Error::into_any)?;
        Ok(SettledOrCancelled::Cancelled(cancelled))
    }
}
