//! Antom's API reference pages in, a typed Rust SDK out.
//!
//! The pipeline has one module per stage and one intermediate representation between them:
//!
//! 1. [`page`] parses an Antom Markdown page into a [`spec::ApiSpec`], with [`diagnostic`]s
//!    pointing at the page's `file:line`;
//! 2. [`spec`] is that schema, stored as YAML in `spec/` (through [`yaml`], the one module that
//!    reads and writes YAML); [`inputs`] are the other files there (`policy.yaml`,
//!    `overrides.yaml`, `sources.yaml`);
//! 3. [`generate`] turns the schemas into Rust source (and an OpenAPI document).
//!
//! [`pipeline`] runs them over `spec/`; `pull` (with the command line) brings Antom's pages
//! into `spec/` with their provenance.

pub mod diagnostic;
pub mod generate;
pub mod inputs;
pub mod page;
pub mod pipeline;
#[cfg(feature = "cli")]
pub mod pull;
pub mod spec;
mod yaml;
