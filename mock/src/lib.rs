//! A mock Antom server for tests, driven by the same spec as the SDK (as stripe-mock is for
//! Stripe).
//!
//! Every API generated from `spec/` implements [`antom::Api`]; the mock registers each one
//! through [`antom::ApiVisitor`] (so a new page in `spec/` is a new route with no code here) and
//! then behaves like Antom on the wire:
//!
//! - it answers `POST /ams/api<PATH>` and `POST /ams/sandbox/api<PATH>` on 127.0.0.1;
//! - it verifies each request's `Signature` with the merchant's public key and answers
//!   `INVALID_SIGNATURE` (status `F`) if it does not verify;
//! - it deserializes the body into the API's request type and runs its [`antom::Validate`]
//!   rules, answering `PARAM_ILLEGAL` (status `F`) with a message naming every offending field
//!   by its JSON path;
//! - otherwise it answers the page's example response, with the request's IDs echoed (see
//!   [`echo`] for the rule);
//! - it signs every response with its own key (headers `Client-Id`, `Response-Time`,
//!   `Signature`);
//! - it records every request it receives, and can be told to misbehave ([`Fault`]).
//!
//! ```no_run
//! use antom_mock::{Fault, MockAntom, keys};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! // Every API in `spec/`, on 127.0.0.1, on a free port.
//! let server = MockAntom::new().all_apis().start().await?;
//! let client = antom::Client::builder(
//!     server.base_url(),
//!     "SANDBOX_MY_TEST",
//!     keys::MERCHANT_PRIVATE_KEY.parse()?,
//!     keys::ANTOM_PUBLIC_KEY.parse()?,
//! )
//! .build()?;
//! server.push_fault(Fault::Unknown); // the next call is answered `U`
//! // … call the client: it resends, the mock answers the page's example …
//! let sent = server.requests(); // what the client sent, headers and raw body
//! assert_eq!(sent[0].body, sent[1].body);
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod answer;
mod builder;
pub mod echo;
mod fault;
mod http;
pub mod keys;
mod ledger;
pub mod notification;
mod recording;
mod routes;
mod server;
pub mod signature;

use std::sync::{Mutex, MutexGuard};

pub use builder::{MockAntom, StartError};
pub use fault::{Fault, ParseFaultError};
pub use ledger::LedgerEntry;
pub use notification::{Delivery, NoExample, Notifier, SendError, SignedNotification};
pub use recording::{RecordedAnswer, RecordedRequest};
pub use server::MockServer;
pub use signature::{KeyError, SigningKey, VerifyingKey};

/// The README's snippets, compiled (and the runnable one run) as doctests so that they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The path prefix of Antom's production gateway.
pub const LIVE_PREFIX: &str = "/ams/api";
/// The path prefix of Antom's sandbox (client IDs starting with `SANDBOX_`).
pub const SANDBOX_PREFIX: &str = "/ams/sandbox/api";

/// Locks one of the mock's mutexes, even if poisoned: a panic while holding the lock leaves the
/// state consistent (every update is a single push or assignment), so it is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
