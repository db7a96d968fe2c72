//! Parsing an Antom Markdown API page into an [`ApiSpec`]: the entry point and the walk.
//!
//! The entry point is [`parse_page`]. Parsing happens in two passes:
//!
//! 1. `blocks` turns the CommonMark events of pulldown-cmark into a small tree of
//!    blocks (headings, paragraphs, lists, notes, code blocks, tables), each with its line.
//!    Headings deeper than six levels, which Antom writes as `#######` and CommonMark reads as
//!    paragraphs, become headings again here.
//! 2. This module walks those blocks in page order: the title, the summary and endpoint, then
//!    one section per `#`/`##` heading (`Request parameters`, `Response parameters`,
//!    `Result/Error codes` and other code tables, `Request`/`Response` examples).
//!
//! Each job of the walk has its own module:
//!
//! - `front`: the title and the part before the first section (summary, endpoint,
//!   description);
//! - `kind`: whether the page is a request or a notification, from what it says of itself;
//! - `sections`: recognising the `#`/`##` sections and handing each to its reader;
//! - `parameters`: a parameter section's headings and each parameter's body (description,
//!   notes, values, `More information`);
//! - `tree`: nesting the parameters by heading level, and parameters documented twice;
//! - `phrases`: Antom's English phrasing (`fixed to`, `Valid values are:`, `Some possible
//!   values are`, `The value is one of`, `Note:`, `More information`, `Maximum length:`,
//!   `Value range:`) and the syntax of parameter headings and endpoints: a new phrasing is
//!   taught here;
//! - `codes`: result-code tables and the `Result process logic` list;
//! - `decisions`: what is decided once the page is read: which parameters are sensitive (from
//!   `spec/policy.yaml`), which result codes may be retried, dispatch, inquiries;
//! - `overrides`: the corrections of `spec/overrides.yaml`;
//! - `examples`: the JSON examples, each parsed once and checked against the parameters.
//!
//! Documentation bugs the parser can work around are warnings; anything it cannot understand is
//! an error naming the line, what it found and what it expected. Every error of a page is
//! reported, not only the first, and no input makes the parser panic.

mod blocks;
mod codes;
mod decisions;
mod examples;
mod front;
mod kind;
mod overrides;
mod parameters;
mod phrases;
mod sections;
mod tree;

use crate::diagnostic::Diagnostic;
use crate::inputs::{Overrides, Policy};
use crate::spec::{ApiSpec, Example};
use blocks::Block;

/// Whether `path` names an API page: a `.md` file other than a `README.md`.
///
/// `spec/` holds the pages and a `README.md` that documents the schema, so that
/// `antom-codegen parse spec/*.md` (and whatever else globs `spec/*.md`) uses this to skip the
/// README.
pub fn is_api_page(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        && !path
            .file_name()
            .is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
}

/// A page parsed without errors: its schema and the warnings about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The schema of the page's API.
    pub spec: ApiSpec,
    /// Documentation bugs the parser worked around, in line order.
    pub warnings: Vec<Diagnostic>,
}

/// Parses the Antom API page `text`; `file` names the page in diagnostics; `policy` is
/// `spec/policy.yaml`.
///
/// On success, returns the schema and the warnings. On failure, returns every diagnostic of the
/// page (errors and warnings, in line order; at least one is an error). `spec.source` is the
/// file name part of `file`.
pub fn parse_page(text: &str, file: &str, policy: &Policy) -> Result<Parsed, Vec<Diagnostic>> {
    parse_corrected_page(text, file, policy, &Overrides::default())
}

/// [`parse_page`], with the corrections of `spec/overrides.yaml` that name this page applied
/// (see [`Overrides`]).
pub fn parse_corrected_page(
    text: &str,
    file: &str,
    policy: &Policy,
    overrides: &Overrides,
) -> Result<Parsed, Vec<Diagnostic>> {
    let mut page = Page {
        file,
        policy,
        overrides,
        diagnostics: Vec::new(),
    };
    let blocks = blocks::read(text);
    let spec = page.parse(&blocks);
    let mut diagnostics = page.diagnostics;
    diagnostics.sort_by_key(|d| d.line);
    match spec {
        Some(spec) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Parsed {
            spec,
            warnings: diagnostics,
        }),
        _ => Err(diagnostics),
    }
}

/// The state of parsing one page: where diagnostics go.
struct Page<'f> {
    file: &'f str,
    policy: &'f Policy,
    overrides: &'f Overrides,
    diagnostics: Vec<Diagnostic>,
}

impl Page<'_> {
    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(self.file, line, message));
    }

    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(self.file, line, message));
    }

    /// The whole page: the title, the part before the first section, each section; then the
    /// policies, and the examples checked against the parameters last.
    fn parse(&mut self, blocks: &[Block]) -> Option<ApiSpec> {
        let (title, rest) = self.title(blocks)?;

        // Split the rest of the page at its `#` and `##` headings.
        let first_section = rest
            .iter()
            .position(sections::opens_section)
            .unwrap_or(rest.len());
        let front = self.front(&rest[..first_section], title.line);
        let found = self.sections(&rest[first_section..]);

        let request = found.request.unwrap_or_else(|| {
            self.error(
                title.line,
                "the page has no `## Request parameters` section: expected one after `# Structure`",
            );
            Vec::new()
        });
        let response = found.response.unwrap_or_else(|| {
            self.error(
                title.line,
                "the page has no `## Response parameters` section: expected one after the request parameters",
            );
            Vec::new()
        });
        let (examples, bodies): (Vec<Example>, Vec<serde_json::Value>) =
            found.examples.into_iter().unzip();

        let (kind, endpoint) = self.kind(&front, &response);
        let mut spec = ApiSpec {
            api: title.api,
            product: title.product,
            source: file_name(self.file).to_owned(),
            kind,
            endpoint,
            dispatch: None,
            inquiry: None,
            cancel: None,
            final_status: None,
            summary: front.summary,
            description: front.description,
            notes: front.notes.into_iter().chain(found.notes).collect(),
            request,
            response,
            result_process: found.result_process,
            result_codes: found.result_codes,
            examples,
        };
        self.apply_overrides(&mut spec);
        decisions::mark_sensitive(&mut spec.request, false, self.policy);
        decisions::mark_sensitive(&mut spec.response, false, self.policy);
        decisions::decide_retries(&mut spec);
        decisions::decide_dispatch(&mut spec);
        decisions::decide_inquiry(&mut spec);
        decisions::decide_final_status(&mut spec);
        self.check_examples(&spec, &bodies);
        Some(spec)
    }
}

/// The file name part of a path, for `ApiSpec::source`.
fn file_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod page_file_tests {
    use super::is_api_page;
    use std::path::Path;

    #[test]
    fn readme_is_not_an_api_page() {
        assert!(is_api_page(Path::new("spec/cancel.md")));
        assert!(!is_api_page(Path::new("spec/README.md")));
        assert!(!is_api_page(Path::new("spec/readme.MD")));
        assert!(!is_api_page(Path::new("spec/cancel.yaml")));
    }
}
