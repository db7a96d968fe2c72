//! Rust SDK for [Antom](https://docs.antom.com), Ant International's payment API.
//!
//! Every request, response, model and result code is generated from Antom's own API reference
//! pages (see `spec/`); this crate adds the runtime: validation, signing ([`signing`]), the
//! signed HTTP [`Client`], and [`notification`] verification, with one URL for every notification
//! ([`webhook`]).
//!
//! The APIs are grouped by the resource of their path, one module each: `/v1/payments/cancel` is
//! `payments::Cancel` (implementing [`Api`]) with `payments::CancelRequest`,
//! `payments::CancelResponse` and `payments::CancelResultCode`, called as
//! `client.payments().cancel(&request)`; `/v1/subscriptions/cancel` is `subscriptions::Cancel`.
//! Notifications are in `notifications`. Models shared by several pages (`Amount`, `ApiResult`,
//! ...) and the enums of closed value sets are generated once, at the crate root.
#![deny(missing_docs)]

mod api;
mod client;
mod error;
pub mod money;
pub mod notification;
mod prelude;
pub mod resolve;
mod retry;
pub mod signing;
mod text_enum;
pub mod validate;
pub mod webhook;
mod wire;

/// The code generated from `spec/`: by `build.rs` with feature `codegen`, otherwise the
/// checked-in copy in `generated/`.
mod generated {
    #[cfg(feature = "codegen")]
    include!(concat!(env!("OUT_DIR"), "/generated/mod.rs"));
    #[cfg(not(feature = "codegen"))]
    include!("../generated/mod.rs");
}

pub use api::{
    Api, ApiVisitor, CallResult, Notification, Outcome, ResultCode, ResultStatus, decode_response,
};
pub use client::{
    API_PREFIX, BuildError, CallOptions, Client, ClientBuilder, DEFAULT_MAX_RESPONSE_BYTES,
    HeaderError, SANDBOX_API_PREFIX, gateway,
};
pub use error::{AnyResultCode, BoxError, DecodeError, Error, ResponseBody, Uncertainty};
pub use generated::*;
pub use retry::RetryPolicy;
pub use signing::{KeyError, PrivateKey, PublicKey};
pub use validate::{Path, Rule, Validate, ValidationError, Violation};
pub use webhook::{UnknownNotification, Webhook};
pub use wire::{Decimal, DecimalError};

/// The `http` crate, whose `HeaderMap` the notification and signing functions take.
pub use http;
/// The HTTP client crate of [`ClientBuilder::http_client`], at the version this crate uses.
pub use reqwest;

/// The README's Rust snippets, compiled as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
