//! The parser's focused tests, one file per module of `page`, and the helpers they share.
//!
//! One test per construct of the page format, and one per diagnostic, asserting its message
//! and its line.

mod codes;
mod decisions;
mod examples;
mod front;
mod parameters;
mod phrases;
mod sections;
mod tree;

use super::{Parsed, file_name, parse_page};
use crate::diagnostic::{Diagnostic, Severity};
use crate::inputs::Policy;
use crate::spec::Parameter;

const FILE: &str = "spec/test.md";

/// The policies of `spec/policy.yaml`, as the pipeline reads them.
fn policy() -> Policy {
    let text = include_str!("../../../../spec/policy.yaml");
    Policy::from_yaml(text, "spec/policy.yaml").expect("spec/policy.yaml reads")
}

/// A request page with the given request-parameter and response-parameter sections and tail.
fn page(request: &str, response: &str, tail: &str) -> String {
    format!(
        "# test\n\n> The summary.\n\n`POST /v1/test/do`\n\nThe description.\n\n## Request parameters\n\n{request}\n\n## Response parameters\n\n{response}\n\n{tail}"
    )
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the page"));
    text[..at].matches('\n').count() + 1
}

fn parse_ok(text: &str) -> Parsed {
    parse_page(text, FILE, &policy()).unwrap_or_else(|d| {
        let list: Vec<String> = d.iter().map(ToString::to_string).collect();
        panic!("expected the page to parse:\n{}", list.join("\n"))
    })
}

fn errors(text: &str) -> Vec<Diagnostic> {
    match parse_page(text, FILE, &policy()) {
        Ok(_) => panic!("expected errors"),
        Err(d) => d.into_iter().filter(Diagnostic::is_error).collect(),
    }
}

/// Asserts that `diagnostics` holds exactly one finding, of `severity`, at `line`, and that
/// its message is `message`.
#[track_caller]
fn assert_one(diagnostics: &[Diagnostic], severity: Severity, line: usize, message: &str) {
    assert_eq!(
        diagnostics.len(),
        1,
        "expected one diagnostic, got {diagnostics:#?}"
    );
    let d = &diagnostics[0];
    assert_eq!(d.severity, severity, "{d}");
    assert_eq!(d.line, line, "{d}");
    assert_eq!(d.message, message, "{d}");
    assert_eq!(d.file, FILE);
}

#[track_caller]
fn assert_error(text: &str, needle: &str, message: &str) {
    assert_one(
        &errors(text),
        Severity::Error,
        line_of(text, needle),
        message,
    );
}

#[track_caller]
fn assert_warning(text: &str, needle: &str, message: &str) {
    let parsed = parse_ok(text);
    assert_one(
        &parsed.warnings,
        Severity::Warning,
        line_of(text, needle),
        message,
    );
}

const RESULT: &str = "#### result (Result, REQUIRED)\n\nThe result.\n\n##### resultCode (String, REQUIRED)\n\nThe code.";

fn param<'a>(params: &'a [Parameter], path: &str) -> &'a Parameter {
    let mut list = params;
    let mut found = None;
    for name in path.split('.') {
        let p = list
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no parameter `{name}` in `{path}`"));
        list = &p.children;
        found = Some(p);
    }
    found.expect("a non-empty path")
}

// ---- the page as a whole ----

const EXAMPLES: &str = "## Request\n\n```json\n{\n  \"a\": \"1\"\n}\n```\n\n## Response\n\n```json\n{\n  \"result\": {\"resultCode\": \"SUCCESS\"}\n}\n```\n\nThe following example shows a failure:\n\n```json\n{\"result\": {\"resultCode\": \"PROCESS_FAIL\"}}\n```\n";

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_accepted() {
    let text = page("#### a (String)\n\nA.", RESULT, EXAMPLES);
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let spec = parse_ok(&crlf).spec;
    assert_eq!(spec.request[0].line, line_of(&text, "#### a"));
    assert_eq!(spec.examples.len(), 3);
}

#[test]
fn every_error_of_a_page_is_reported_in_line_order() {
    let text = page(
        "#### a (Strin g)\n\n#### b (String)\n\nMore information:\n\n- Maximum length: many",
        RESULT,
        "## Changelog\n",
    );
    let all = errors(&text);
    let lines: Vec<usize> = all.iter().map(|d| d.line).collect();
    assert_eq!(
        lines,
        [
            line_of(&text, "#### a"),
            line_of(&text, "- Maximum"),
            line_of(&text, "## Changelog")
        ]
    );
}

#[test]
fn file_name_is_the_last_path_component() {
    assert_eq!(file_name("spec/cancel.md"), "cancel.md");
    assert_eq!(file_name("C:\\pages\\cancel.md"), "cancel.md");
    assert_eq!(file_name("cancel.md"), "cancel.md");
}
