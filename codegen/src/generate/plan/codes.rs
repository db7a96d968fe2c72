//! An API's result codes: one variant per code of its pages' tables, with the retry decision the
//! schema records.

use crate::diagnostic::Diagnostic;
use crate::spec::ApiSpec;

use super::{Code, naming, prose};

/// The result codes of an API's pages (one, or each of its products', in file order),
/// deduplicated by code: the first row wins, a later row giving the same code another status is
/// reported, and a code is retryable only if every row of it is. A code with no ASCII letter or
/// digit is an error.
pub(super) fn plan(
    pages: &[(&str, &ApiSpec)],
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Code> {
    let mut codes: Vec<Code> = Vec::new();
    let rows = pages.iter().flat_map(|(file, spec)| {
        let rows = spec.result_codes.iter().flat_map(|table| &table.codes);
        rows.map(move |row| (*file, row))
    });
    for (file, row) in rows {
        if let Some(known) = codes.iter_mut().find(|c| c.code == row.code) {
            known.retryable &= row.retryable;
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
