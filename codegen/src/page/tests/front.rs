//! Tests of a page's front: title, summary, endpoint and description, and their errors.

use super::*;
use crate::spec::ApiKind;

#[test]
fn title_summary_endpoint_and_description() {
    let text = page("#### a (String)\n\nA.", RESULT, "");
    let spec = parse_ok(&text).spec;
    assert_eq!(spec.api, "test");
    assert_eq!(spec.product, None);
    assert_eq!(spec.source, "test.md");
    assert_eq!(spec.kind, ApiKind::Request);
    let endpoint = spec.endpoint.unwrap();
    assert_eq!(
        (endpoint.method.as_str(), endpoint.path.as_str()),
        ("POST", "/v1/test/do")
    );
    assert_eq!(endpoint.line, 5);
    assert_eq!(spec.summary, "The summary.");
    assert_eq!(spec.description, "The description.");
}

#[test]
fn a_title_with_more_than_the_name_is_kept() {
    let text = page("", RESULT, "").replace("# test", "# pay (One-time Payments)");
    let spec = parse_ok(&text).spec;
    assert_eq!(spec.api, "pay");
    assert_eq!(spec.product.as_deref(), Some("One-time Payments"));
}

#[test]
fn a_description_equal_to_the_summary_is_left_out() {
    let text = page("", RESULT, "").replace("The description.", "The summary.");
    assert_eq!(parse_ok(&text).spec.description, "");
}

#[test]
fn a_page_without_endpoint_is_a_notification() {
    let text = page("#### notifyType (String)\n\nThe type.", RESULT, "")
        .replace("`POST /v1/test/do`\n\n", "");
    let spec = parse_ok(&text).spec;
    assert_eq!(spec.kind, ApiKind::Notification);
    assert_eq!(spec.endpoint, None);
    assert_eq!(spec.request[0].name, "notifyType");
}

#[test]
fn error_on_an_empty_page() {
    assert_one(
        &errors(""),
        Severity::Error,
        1,
        "the page is empty: expected the API name as a `# name` heading",
    );
}

#[test]
fn error_when_the_page_does_not_start_with_a_title() {
    let text = format!("Intro.\n\n{}", page("", RESULT, ""));
    let all = errors(&text);
    assert_eq!(all[0].line, 1);
    assert_eq!(
        all[0].message,
        "found paragraph `Intro.`: expected the API name as a `# name` heading"
    );
}

#[test]
fn error_on_a_title_that_is_no_api_name() {
    let text = page("", RESULT, "").replace("# test", "# The test API");
    assert_error(
        &text,
        "# The test API",
        "found title `The test API`: expected an API name such as `pay` or `createVaultingSession`, possibly followed by its product in parentheses, such as `pay (One-time Payments)`",
    );
}

#[test]
fn error_on_a_page_without_summary() {
    let text = "# test\n\n## Request parameters\n\n## Response parameters\n";
    assert_error(
        text,
        "# test",
        "the page has no summary: expected a `> ` paragraph under the title",
    );
}

#[test]
fn error_on_a_malformed_endpoint() {
    let text = page("", RESULT, "").replace("`POST /v1/test/do`", "`POST v1/test/do`");
    assert_error(
        &text,
        "`POST v1",
        "found endpoint `POST v1/test/do`: expected an HTTP method and a path starting with `/`, such as `POST /v1/payments/pay`",
    );
}

#[test]
fn error_on_a_second_endpoint() {
    let text = page("", RESULT, "").replace("The description.", "`POST /v1/other`");
    assert_error(
        &text,
        "`POST /v1/other`",
        "found a second endpoint `POST /v1/other`: expected one `POST /v1/...` line per page",
    );
}

#[test]
fn a_page_without_a_summary_quote_takes_its_first_paragraph() {
    let text = page("", RESULT, "").replace("> The summary.\n\n", "");
    let spec = parse_ok(&text).spec;
    assert_eq!(spec.summary, "The description.");
    assert_eq!(spec.description, "");
}

#[test]
fn error_on_a_title_with_an_empty_product() {
    let text = page("", RESULT, "").replace("# test", "# pay ()");
    assert_error(
        &text,
        "# pay",
        "found title `pay ()`: expected an API name such as `pay` or `createVaultingSession`, possibly followed by its product in parentheses, such as `pay (One-time Payments)`",
    );
}

#[test]
fn notes_after_the_summary_are_the_pages_notes() {
    let text = page("", RESULT, "").replace(
        "The description.",
        "The description.\n\n> **Note**: Only a full cancellation is possible.\n\n**Note**: Check the period.",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(spec.description, "The description.");
    assert_eq!(
        spec.notes,
        ["Only a full cancellation is possible.", "Check the period."]
    );
}
