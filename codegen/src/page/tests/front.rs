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

/// The fixed acknowledgement a notification's merchant answers with.
const ACKNOWLEDGEMENT: &str = "#### result (Result, REQUIRED)\n\nThe acknowledgement.\n\n##### resultCode (String, REQUIRED)\n\nThe value is fixed as `SUCCESS`.\n\n##### resultStatus (String, REQUIRED)\n\nThe value is fixed as `S`.";

/// A notification's summary.
const SENT_BY_ANTOM: &str = "> Antom sends this notification to tell you the outcome of a capture.";

#[test]
fn a_path_line_that_is_no_antom_path_is_ignored_on_a_page_that_says_it_is_a_notification() {
    // Antom's notifyCapture page of payment orchestration prints `POST /undefined`.
    for (summary, response) in [
        (SENT_BY_ANTOM, ACKNOWLEDGEMENT),
        (SENT_BY_ANTOM, RESULT),
        ("> The summary.", ACKNOWLEDGEMENT),
    ] {
        let text = page("#### notifyType (String)\n\nThe type.", response, "")
            .replace("`POST /v1/test/do`", "`POST /undefined`")
            .replace("> The summary.", summary);
        let parsed = parse_ok(&text);
        assert_eq!(parsed.spec.kind, ApiKind::Notification, "{summary}");
        assert_eq!(parsed.spec.endpoint, None);
        assert_one(
            &parsed.warnings,
            Severity::Warning,
            line_of(&text, "`POST /undefined`"),
            "`POST /undefined` is no Antom path (expected an HTTP method and a path such as `/v1/payments/pay`: a version, then the API's segments, without spaces); it is not taken as the page's endpoint",
        );
    }
}

#[test]
fn a_path_line_that_is_no_antom_path_on_a_page_with_no_sign_of_a_notification_is_an_error() {
    for path in [
        "/undefined",
        "v1/test/do",
        "/v1/test do",
        "/payments/pay",
        "/v1/",
    ] {
        let text = page("", RESULT, "").replace("/v1/test/do", path);
        let all = parse_page(&text, FILE, &policy()).unwrap_err();
        let line = line_of(&text, "`POST ");
        assert!(
            all.iter().any(|d| d.severity == Severity::Warning
                && d.line == line
                && d.message.contains("is no Antom path")),
            "{path}: {all:#?}"
        );
        assert!(
            all.iter().any(|d| d.is_error()
                && d.line == line
                && d.message.starts_with("the page's path line is no Antom path, and nothing else says whether the page is a request or a notification")),
            "{path}: {all:#?}"
        );
    }
}

#[test]
fn a_page_whose_response_is_the_fixed_acknowledgement_is_a_notification_whatever_its_path_line() {
    let text = page("#### notifyType (String)\n\nThe type.", ACKNOWLEDGEMENT, "")
        .replace("> The summary.", SENT_BY_ANTOM);
    let parsed = parse_ok(&text);
    assert_eq!(parsed.spec.kind, ApiKind::Notification);
    assert_eq!(parsed.spec.endpoint, None);
    assert_warning(
        &text,
        "`POST /v1/test/do`",
        "the page is a notification (its summary says Antom sends it, and its response is only the fixed acknowledgement): its path line `POST /v1/test/do` is ignored",
    );
}

#[test]
fn a_request_page_whose_summary_reads_like_a_notification_stays_a_request_with_a_warning() {
    // change_sub.md's summary was copied from a notification's.
    let text = page("#### a (String)\n\nA.", RESULT, "").replace(
        "> The summary.",
        "> Antom uses this API to send you the payment result of each subscription period.",
    );
    assert_eq!(parse_ok(&text).spec.kind, ApiKind::Request);
    assert_warning(
        &text,
        "`POST /v1/test/do`",
        "the summary says Antom sends this to the merchant, as a notification's does, but the page has the endpoint `POST /v1/test/do` and a response other than the fixed acknowledgement: read as a request",
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
