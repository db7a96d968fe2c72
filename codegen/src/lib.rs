//! Antom's API reference pages in, a typed Rust SDK out.
//!
//! The pipeline has one module per stage and one intermediate representation between them:
//!
//! 1. [`page`] parses an Antom Markdown page into a [`spec::ApiSpec`], with [`diagnostic`]s
//!    pointing at the page's `file:line`;
//! 2. [`spec`] is that schema, stored as YAML in `spec/`;
//! 3. [`generate`] turns the schemas into Rust source.

pub mod diagnostic;
pub mod generate;
pub mod page;
pub mod pipeline;
pub mod spec;
