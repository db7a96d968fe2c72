//! A page's result codes: one variant per code of its tables, with the retry decision the schema
//! records.

use crate::diagnostic::Diagnostic;
use crate::spec::ApiSpec;

use super::{Code, naming, prose};

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
                        "result code `{}` is listed again with status {}; keeping {}",
                        row.code,
                        prose::status(row.status),
                        prose::status(known.status)
                    ),
                ));
            }
            continue;
        }
        let earlier: Vec<&str> = codes.iter().map(|c| c.ident.as_str()).collect();
        let Some(ident) = naming::code(file, row, &earlier, errors) else {
            continue;
        };
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
