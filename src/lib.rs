//! Rust SDK for [Antom](https://docs.antom.com), Ant International's payment API.
//!
//! Every request, response, model and result code is generated from Antom's own API reference
//! pages (see `spec/`); this crate adds the runtime: validation, signing, and the client.
#![deny(missing_docs)]

pub mod api;
pub mod signing;
pub mod validate;

pub use api::{
    Api, ApiVisitor, CallResult, Notification, Outcome, ResultCode, ResultStatus, decode_response,
};
pub use signing::{PrivateKey, PublicKey};
pub use validate::{Validate, ValidationError, Violation};
