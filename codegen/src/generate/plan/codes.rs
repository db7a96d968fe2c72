//! A page's result codes: one variant per code of its tables, with the retry decision the schema
//! records.

use crate::diagnostic::Diagnostic;
use crate::spec::ApiSpec;

use super::super::names::upper_camel;
use super::{Code, prose};

/// The page's result codes, deduplicated by code (the first row wins; a later row giving the
/// same code another status is reported). A code with no ASCII letter or digit is an error.
pub(super) fn plan(
    file: &str,
    spec: &ApiSpec,
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Code> {
    let mut codes: Vec<Code> = Vec::new();
    for row in spec.result_codes.iter().flat_map(|table| &table.codes) {
        if let Some(known) = codes.iter().find(|c| c.code == row.code) {
            if known.status != row.status {
                warnings.push(Diagnostic::warning(
                    file,
                    row.line,
                    format!(
                        "result code `{}` is listed again with status {:?}; keeping {:?}",
                        row.code, row.status, known.status
                    ),
                ));
            }
            continue;
        }
        let mut ident = upper_camel(&row.code);
        if ident.is_empty() {
            errors.push(Diagnostic::error(
                file,
                row.line,
                format!(
                    "result code `{}` has no ASCII letter or digit to make a Rust name of: expected a code such as `PARAM_ILLEGAL`",
                    row.code
                ),
            ));
            continue;
        }
        while matches!(ident.as_str(), "Unknown" | "Self") || codes.iter().any(|c| c.ident == ident)
        {
            ident.push_str("Code");
        }
        codes.push(Code {
            code: row.code.clone(),
            ident,
            status: row.status,
            message: row.message.clone(),
            docs: prose::code(row),
            retryable: row.retryable,
        });
    }
    codes
}
