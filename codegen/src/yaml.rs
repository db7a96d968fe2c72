//! YAML in and out: the one place that uses serde_yaml (deprecated upstream, so that it can be
//! replaced here alone), with one mapping of its errors to `file:line`.
//!
//! What is written is plain YAML that any loader reads the same ([`plain`]).

mod plain;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A YAML file (a schema, `spec/policy.yaml`, `spec/overrides.yaml`, `spec/sources.yaml`) that
/// could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct SchemaError {
    /// The file.
    pub file: String,
    /// The line in the file, when known.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
}

/// Reads `text`, the file `file`, as a `T`.
pub(crate) fn read<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, SchemaError> {
    serde_yaml::from_str(text).map_err(|e| SchemaError {
        file: file.to_owned(),
        line: e.location().map(|l| l.line()),
        message: e.to_string(),
    })
}

/// Writes plain data with string keys (a schema, `spec/sources.yaml`), which cannot fail.
/// Deterministic: the same value always gives the same bytes.
pub(crate) fn write(value: &impl Serialize) -> String {
    try_write(value).expect("plain data with string keys serializes to YAML")
}

/// Writes any document with string keys (the OpenAPI document). Deterministic.
pub(crate) fn try_write(value: &impl Serialize) -> Result<String, String> {
    serde_yaml::to_string(value)
        .map(plain::quote_for_yaml_1_1)
        .map_err(|e| e.to_string())
}
