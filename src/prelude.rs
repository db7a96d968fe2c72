//! What generated code uses, imported by the generated entry file with one glob, so that the
//! generator never chooses imports by what a page happens to need.
//!
//! Every name here is reserved for the generator (`RESERVED_TYPES` in
//! `codegen/src/generate/names.rs`): a generated type of the same name would shadow it.

// Which of these the generated code uses depends on the pages in `spec/` (no page may have a
// map, say): the list is fixed so that the generator never has to choose.
#![allow(unused_imports)]

pub(crate) use std::collections::BTreeMap;
pub(crate) use std::fmt;

pub(crate) use serde::{Deserialize, Serialize};
pub(crate) use time::OffsetDateTime;

pub(crate) use crate::text_enum;
pub(crate) use crate::validate::{self, Path, Rule, Validate, Violation};
pub(crate) use crate::{
    Api, ApiVisitor, Client, Decimal, Error, Notification, ResultCode, ResultStatus, wire,
};
