//! Turns on `antom`'s `codegen` feature for the builds of this repository, and nothing else.
//!
//! It is a default member of the workspace, and cargo unifies the features of the packages one
//! build compiles: `cargo build`, `cargo test` and `cargo test --workspace` here build `antom`
//! with `codegen`, so `build.rs` regenerates the SDK from `spec/` when a page changes. A crate
//! that depends on `antom` never compiles this package, so it gets the default features: the
//! checked-in `generated/`, with no code generator built and no page parsed.
//!
//! `cargo build -p antom` selects `antom` alone and compiles `generated/` too; a test fails
//! while that copy is stale (`antom-codegen check`).
