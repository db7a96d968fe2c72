//! Rust SDK for [Antom](https://docs.antom.com), Ant International's payment API.
//!
//! Every request, response, model and result code is generated from Antom's own API reference
//! pages (see `spec/`); this crate adds the runtime: validation, signing ([`signing`]), the
//! signed HTTP [`Client`], and [`notification`] verification.
#![deny(missing_docs)]

pub mod api;
pub mod client;
pub mod error;
pub mod notification;
pub mod retry;
pub mod signing;
pub mod validate;

pub use api::{
    Api, ApiVisitor, CallResult, Notification, Outcome, ResultCode, ResultStatus, decode_response,
};
pub use client::{BuildError, Client, ClientBuilder, gateway};
pub use error::{AnyResultCode, Error, ResponseBody, Uncertainty};
pub use retry::RetryPolicy;
pub use signing::{KeyError, PrivateKey, PublicKey};
pub use validate::{Validate, ValidationError, Violation};

/// The `http` crate, whose `HeaderMap` the notification and signing functions take.
pub use http;
