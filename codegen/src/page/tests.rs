//! Focused tests: one per construct of the page format, and one per diagnostic, asserting its
//! message and its line.

use super::*;
use crate::diagnostic::Severity;

const FILE: &str = "spec/test.md";

/// The policies of `spec/policy.yaml`, as the pipeline reads them.
fn policy() -> Policy {
    let text = include_str!("../../../spec/policy.yaml");
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

#[test]
fn title_summary_endpoint_and_description() {
    let text = page("#### a (String)\n\nA.", RESULT, "");
    let spec = parse_ok(&text).spec;
    assert_eq!(spec.api, "test");
    assert_eq!(spec.title, None);
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
    assert_eq!(spec.title.as_deref(), Some("pay (One-time Payments)"));
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
fn the_structure_section_is_skipped() {
    let text = page("", RESULT, "").replace(
        "## Request parameters",
        "# Structure\n\nA message consists of a header and body.\n\n- [Request header](https://x)\n\n## Request parameters",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(spec.description, "The description.");
}

// ---- parameters ----

#[test]
fn parameters_nest_one_heading_level_per_step() {
    let text = page(
        "#### order (Order, REQUIRED)\n\nThe order.\n\n##### goods (Array<Goods>)\n\nThe goods.\n\n###### price (Amount)\n\nThe price.\n\n####### value (Integer, REQUIRED)\n\nThe value.\n\n####### extra (Extra)\n\n######## deepest (String)\n\nEight deep.\n\n###### name (String)\n\nThe name.\n\n#### tags (Array<String>)\n\nThe tags.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(spec.request.len(), 2);
    let order = param(&spec.request, "order");
    assert!(order.required);
    assert_eq!(order.ty, Type::Model("Order".into()));
    let goods = param(&spec.request, "order.goods");
    assert_eq!(goods.ty.to_string(), "Array<Goods>");
    assert_eq!(
        goods
            .children
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["price", "name"]
    );
    let value = param(&spec.request, "order.goods.price.value");
    assert_eq!(value.ty, Type::Integer);
    assert!(value.required);
    assert_eq!(value.line, line_of(&text, "####### value"));
    assert_eq!(value.description, "The value.");
    let deepest = param(&spec.request, "order.goods.price.extra.deepest");
    assert_eq!(deepest.line, line_of(&text, "######## deepest"));
    assert_eq!(deepest.description, "Eight deep.");
    assert_eq!(
        param(&spec.request, "tags").ty,
        Type::Array(Box::new(Type::String))
    );
}

#[test]
fn a_deep_heading_followed_directly_by_text_keeps_both() {
    let text = page(
        "#### a (A)\n\nA.\n\n##### b (B)\n\nB.\n\n###### c (C)\n\nC.\n\n####### d (String)\nThe text right under it.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let d = param(&spec.request, "a.b.c.d");
    assert_eq!(d.description, "The text right under it.");
}

#[test]
fn every_scalar_type_is_understood() {
    let text = page(
        "#### s (String)\n\n#### i (Integer)\n\n#### d (Decimal)\n\n#### b (Boolean)\n\n#### t (Datetime)\n\n#### u (URL)",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let types: Vec<Type> = spec.request.iter().map(|p| p.ty.clone()).collect();
    assert_eq!(
        types,
        [
            Type::String,
            Type::Integer,
            Type::Decimal,
            Type::Boolean,
            Type::Datetime,
            Type::Url
        ]
    );
}

#[test]
fn maximum_length_value_range_and_idempotency() {
    let text = page(
        "#### id (String, REQUIRED)\n\nThe ID.\n\nMore information:\n\n- This field is an API idempotency field. Repeats get the same result.\n- Maximum length: 64 characters\n\n#### amount (Integer)\n\nMore information about this field\n\n- Value range: 1 - unlimited\n\n#### offset (Integer)\n\nMore information:\n\n- Value range: -720 - 720\n- The value is in minutes.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let id = param(&spec.request, "id");
    assert_eq!(id.max_length, Some(64));
    assert!(id.idempotency_key);
    assert!(id.notes.is_empty(), "{:?}", id.notes);
    assert_eq!(
        param(&spec.request, "amount").range,
        Some(ValueRange { min: 1, max: None })
    );
    let offset = param(&spec.request, "offset");
    assert_eq!(
        offset.range,
        Some(ValueRange {
            min: -720,
            max: Some(720)
        })
    );
    assert_eq!(offset.notes, ["The value is in minutes."]);
    assert!(!param(&spec.request, "amount").idempotency_key);
}

#[test]
fn valid_values_are_a_closed_set_with_explanations() {
    let text = page(
        "#### status (String)\n\nThe status. Valid values are:\n\n-   `S`: indicates success.\n-   `F`: indicates **failure**, see [docs](https://x).\n\n> **Note**: Never `U`.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let status = param(&spec.request, "status");
    assert_eq!(status.description, "The status.");
    assert_eq!(
        status.values,
        Some(Values::Closed(vec![
            EnumValue {
                value: "S".into(),
                description: "indicates success.".into()
            },
            EnumValue {
                value: "F".into(),
                description: "indicates failure, see docs.".into()
            },
        ]))
    );
    assert_eq!(status.notes, ["Never U."]);
}

#[test]
fn some_possible_values_are_open_examples() {
    let text = page(
        "#### region (String)\n\nThe region.\n\nSome possible values are `US`, `SG`, and `MY`.\n\n#### code (String)\n\nSome possible values when _status_ is `FAIL` are `A`, `B`, or `C`. More may appear.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let region = param(&spec.request, "region");
    assert_eq!(
        region.values,
        Some(Values::Open(vec!["US".into(), "SG".into(), "MY".into()]))
    );
    assert_eq!(
        region.description,
        "The region.\n\nSome possible values are US, SG, and MY."
    );
    assert_eq!(
        param(&spec.request, "code").values,
        Some(Values::Open(vec!["A".into(), "B".into(), "C".into()]))
    );
}

#[test]
fn fixed_values_in_each_phrasing() {
    let text = page(
        "#### a (String)\n\nThe type. The value of this parameter is fixed to `CARD`.\n\n#### b (String)\n\nAlways set this parameter to `CARD`.\n\n#### c (String)\n\nThe code. Always set the value to `SUCCESS`.\n\n#### d (String)\n\nThe status. The value is always `S`.\n\n#### e (String)\n\nThe kind. The value is `CARD`.\n\n#### f (String)\n\nFor `SUCCESS` the value is \"success.\".",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let fixed = |name: &str| param(&spec.request, name).values.clone();
    assert_eq!(fixed("a"), Some(Values::Fixed("CARD".into())));
    assert_eq!(fixed("b"), Some(Values::Fixed("CARD".into())));
    assert_eq!(fixed("c"), Some(Values::Fixed("SUCCESS".into())));
    assert_eq!(fixed("d"), Some(Values::Fixed("S".into())));
    assert_eq!(fixed("e"), Some(Values::Fixed("CARD".into())));
    assert_eq!(fixed("f"), None);
}

#[test]
fn the_value_is_one_of_is_a_closed_set() {
    let text = page(
        "#### depth (String)\n\nThe depth. The value is one of `1`, `4`, or `8`; for instance, `4` means 4 bits.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let values: Vec<String> = match &param(&spec.request, "depth").values {
        Some(Values::Closed(v)) => v.iter().map(|v| v.value.clone()).collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(values, ["1", "4", "8"]);
}

#[test]
fn descriptions_are_clean_text() {
    let text = page(
        "#### a (String)\n\nSee the [**refund**](https://docs.antom.com/refund.md) API, _paymentId_ and `CODE`.\nSecond line.\n\nUses it in two ways:\n\n-   First *way*.\n-   Second way.\n\n> **Note**: Specify this parameter when\n> the value is `CARD`.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let a = param(&spec.request, "a");
    assert_eq!(
        a.description,
        "See the refund API, paymentId and CODE. Second line.\n\nUses it in two ways:\n\n- First way.\n- Second way."
    );
    assert_eq!(a.notes, ["Specify this parameter when the value is CARD."]);
}

#[test]
fn a_note_made_of_a_list_gives_one_note_per_item() {
    let text = page(
        "#### url (URL)\n\nThe URL.\n\n> **Note**: \n>\n> -   When _a_ is `X`, this.\n> -   When _b_ is `Y`, that.\n\n> Plain note without label.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(
        param(&spec.request, "url").notes,
        [
            "When a is X, this.",
            "When b is Y, that.",
            "Plain note without label."
        ]
    );
}

#[test]
fn card_data_is_sensitive_down_to_every_child() {
    let text = page(
        "#### card (Card)\n\n##### cardNo (String)\n\n##### cvv (String)\n\n##### expiryYear (String)\n\n##### expiryMonth (String)\n\n##### cardholderName (UserName)\n\n###### firstName (String)\n\n##### brand (String)\n\n##### maskedCardNo (String)",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    for path in [
        "card.cardNo",
        "card.cvv",
        "card.expiryYear",
        "card.expiryMonth",
        "card.cardholderName",
        "card.cardholderName.firstName",
    ] {
        assert!(param(&spec.request, path).sensitive, "{path}");
    }
    for path in ["card", "card.brand", "card.maskedCardNo"] {
        assert!(!param(&spec.request, path).sensitive, "{path}");
    }
}

// ---- result process, codes, examples ----

#[test]
fn result_process_logic_after_the_response_parameters() {
    let text = page(
        "",
        RESULT,
        "",
    )
    .replace(
        "The code.",
        "The code.\n\nResult process logic \n\nHandle _result.resultStatus_ as follows:\n\n-   `S`: indicates success. Read _status_:\n    -   `A`: done.\n    -   `B`: wait.\n-   `F`: indicates failure.\n-   `U`: unknown. Retry.\n\n-   Something that is no status.",
    );
    let spec = parse_ok(&text).spec;
    let statuses: Vec<(ResultStatus, &str)> = spec
        .result_process
        .iter()
        .map(|r| (r.status, r.action.as_str()))
        .collect();
    assert_eq!(
        statuses,
        [
            (
                ResultStatus::S,
                "indicates success. Read status:\n- A: done.\n- B: wait."
            ),
            (ResultStatus::F, "indicates failure."),
            (ResultStatus::U, "unknown. Retry."),
        ]
    );
    // The paragraph ends the parameters: nothing after it became a parameter or a description.
    assert_eq!(
        param(&spec.response, "result.resultCode").description,
        "The code."
    );
}

#[test]
fn result_process_logic_as_a_heading() {
    for heading in ["### Result process logic", "## Result process logic"] {
        let text = page("", RESULT, "").replace(
            "The code.",
            &format!("The code.\n\n{heading}\n\n-   `S`: fine.\n-   `U`: retry."),
        );
        let spec = parse_ok(&text).spec;
        assert_eq!(spec.result_process.len(), 2, "{heading}");
        assert_eq!(spec.result_process[1].action, "retry.");
    }
}

const CODES: &str = "## Result/Error codes\n\n| Code | Value | Message | Further action | Since |\n| --- | --- | --- | --- | --- |\n| SUCCESS | S | Success | Nothing to do. | 1.0 |\n| PARAM_ILLEGAL | F | Illegal [parameters](https://x). | Check _a_. | 1.0 |\n\n## Payment result codes\n\n| Value | Code | Message |\n| --- | --- | --- |\n| U | PAYMENT_IN_PROCESS | In process. |\n";

#[test]
fn result_code_tables_tolerate_extra_and_reordered_columns() {
    let text = page("", RESULT, CODES);
    let spec = parse_ok(&text).spec;
    assert_eq!(spec.result_codes.len(), 2);
    let first = &spec.result_codes[0];
    assert_eq!(first.title, "Result/Error codes");
    assert_eq!(first.line, line_of(&text, "## Result/Error codes"));
    assert_eq!(
        first.codes[1],
        ResultCode {
            code: "PARAM_ILLEGAL".into(),
            status: ResultStatus::F,
            message: "Illegal parameters.".into(),
            action: "Check a.".into(),
            retryable: false,
            retry_rule: "status F: the call failed, and the same request fails again".into(),
            line: line_of(&text, "| PARAM_ILLEGAL"),
        }
    );
    let second = &spec.result_codes[1];
    assert_eq!(second.title, "Payment result codes");
    assert_eq!(second.codes[0].code, "PAYMENT_IN_PROCESS");
    assert_eq!(second.codes[0].status, ResultStatus::U);
    assert_eq!(second.codes[0].action, "");
}

const EXAMPLES: &str = "## Request\n\n```json\n{\n  \"a\": \"1\"\n}\n```\n\n## Response\n\n```json\n{\n  \"result\": {\"resultCode\": \"SUCCESS\"}\n}\n```\n\nThe following example shows a failure:\n\n```json\n{\"result\": {\"resultCode\": \"PROCESS_FAIL\"}}\n```\n";

#[test]
fn examples_are_kept_verbatim_including_a_second_response() {
    let text = page("#### a (String)", RESULT, EXAMPLES);
    let spec = parse_ok(&text).spec;
    let summary: Vec<(ExampleBody, &str, usize)> = spec
        .examples
        .iter()
        .map(|e| (e.body, e.title.as_str(), e.line))
        .collect();
    assert_eq!(
        summary,
        [
            (
                ExampleBody::Request,
                "Request",
                line_of(&text, "```json\n{\n  \"a\"")
            ),
            (
                ExampleBody::Response,
                "Response",
                line_of(&text, "```json\n{\n  \"result\"")
            ),
            (
                ExampleBody::Response,
                "Response",
                line_of(&text, "```json\n{\"result\"")
            ),
        ]
    );
    assert_eq!(spec.examples[0].json, "{\n  \"a\": \"1\"\n}\n");
    assert_eq!(
        spec.examples[2].json,
        "{\"result\": {\"resultCode\": \"PROCESS_FAIL\"}}\n"
    );
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_accepted() {
    let text = page("#### a (String)\n\nA.", RESULT, EXAMPLES);
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let spec = parse_ok(&crlf).spec;
    assert_eq!(spec.request[0].line, line_of(&text, "#### a"));
    assert_eq!(spec.examples.len(), 3);
}

// ---- warnings ----

#[test]
fn warns_about_a_maximum_length_on_an_object() {
    let text = page(
        "#### detail (PaymentMethodDetail, REQUIRED)\n\nThe detail.\n\nMore information:\n\n- Maximum length: 64 characters\n\n##### type (String)",
        RESULT,
        "",
    );
    assert_warning(
        &text,
        "- Maximum length: 64",
        "`detail` is an object (PaymentMethodDetail) but has a maximum length; the length is ignored",
    );
    assert_eq!(
        param(&parse_ok(&text).spec.request, "detail").max_length,
        None
    );
}

#[test]
fn warns_about_a_parameter_documented_twice_under_one_parent() {
    let text = page(
        "#### a (A)\n\n##### b (String)\n\nFirst.\n\n##### c (String)\n\n##### b (Integer)\n\nSecond.",
        RESULT,
        "",
    );
    assert_warning(
        &text,
        "##### b (Integer)",
        &format!(
            "parameter `b` is documented twice under `a` (first at line {}); this one is ignored",
            line_of(&text, "##### b (String)")
        ),
    );
    let spec = parse_ok(&text).spec;
    let a = param(&spec.request, "a");
    assert_eq!(a.children.len(), 2);
    assert_eq!(a.children[0].description, "First.");
}

#[test]
fn warns_about_a_top_level_parameter_documented_twice() {
    let text = page("#### a (String)\n\n#### a (String)", RESULT, "");
    let second = line_of(&text, "#### a (String)\n\n#### a") + 2;
    let parsed = parse_ok(&text);
    assert_one(
        &parsed.warnings,
        Severity::Warning,
        second,
        &format!(
            "parameter `a` is documented twice at the top level (first at line {}); this one is ignored",
            second - 2
        ),
    );
}

#[test]
fn the_same_name_under_different_parents_is_fine() {
    let text = page(
        "#### a (Amount)\n\n##### value (String)\n\n#### b (Amount)\n\n##### value (String)",
        RESULT,
        "",
    );
    assert!(parse_ok(&text).warnings.is_empty());
}

#[test]
fn warns_about_an_example_field_no_parameter_documents() {
    let text = page(
        "#### order (Order)\n\n##### id (String)",
        RESULT,
        "## Request\n\n```json\n{\n  \"order\": {\n    \"id\": \"1\",\n    \"extra\": \"2\"\n  }\n}\n```\n",
    );
    assert_warning(
        &text,
        "\"extra\"",
        "field `order.extra` of the `Request` example is not documented as a request parameter",
    );
}

#[test]
fn example_fields_inside_arrays_are_checked_against_the_element_fields() {
    let text = page(
        "#### goods (Array<Goods>)\n\n##### id (String)",
        RESULT,
        "## Request\n\n```json\n{\"goods\": [{\"id\": \"1\"}, {\"id\": \"2\", \"name\": \"x\"}]}\n```\n",
    );
    assert_warning(
        &text,
        "{\"goods\"",
        "field `goods.name` of the `Request` example is not documented as a request parameter",
    );
}

#[test]
fn the_line_of_an_undocumented_field_follows_its_path() {
    // `extra` appears twice; the warning is about the one inside `b`.
    let text = page(
        "#### a (A)\n\n##### extra (String)\n\n#### b (B)\n\n##### id (String)",
        RESULT,
        "## Request\n\n```json\n{\n  \"a\": {\"extra\": \"1\"},\n  \"b\": {\n    \"extra\": \"2\"\n  }\n}\n```\n",
    );
    assert_warning(
        &text,
        "    \"extra\"",
        "field `b.extra` of the `Request` example is not documented as a request parameter",
    );
}

#[test]
fn warns_about_an_example_value_outside_a_closed_set() {
    let text = page(
        "#### terminalType (String)\n\nValid values are:\n\n-   `WEB`: a website.\n-   `APP`: an app.",
        RESULT,
        "## Request\n\n```json\n{\n  \"terminalType\": \"PHONE\"\n}\n```\n",
    );
    assert_warning(
        &text,
        "  \"terminalType\"",
        "`terminalType` is `PHONE` in the `Request` example, which is not a documented value: expected `WEB`, `APP`",
    );
}

#[test]
fn warns_about_an_example_value_other_than_the_fixed_one() {
    let text = page(
        "",
        "#### result (Result, REQUIRED)\n\n##### resultCode (String)\n\nAlways set the value to `SUCCESS`.",
        "## Response\n\n```json\n{\"result\": {\"resultCode\": \"OK\"}}\n```\n",
    );
    assert_warning(
        &text,
        "{\"result\"",
        "`result.resultCode` is `OK` in the `Response` example, which is not a documented value: expected `SUCCESS`",
    );
    // Open sets are examples only: any value is fine.
    let text = page(
        "#### region (String)\n\nSome possible values are `US` and `SG`.",
        RESULT,
        "## Request\n\n```json\n{\"region\": \"BR\"}\n```\n",
    );
    assert!(parse_ok(&text).warnings.is_empty());
}

#[test]
fn warns_about_a_child_heading_with_no_parent() {
    let text = page(
        "#### a (A)\n\n##### b (String)\n\n###### c (String)\n\n#### d (D)\n\n###### e (String)",
        RESULT,
        "",
    );
    // `c` under the String `b` is an error of its own; use an object for the jump test.
    let text = text.replace(
        "##### b (String)\n\n###### c (String)\n\n",
        "##### b (String)\n\n",
    );
    assert_warning(
        &text,
        "###### e",
        "parameter `e` (heading level 6) has no parent heading of level 5; it is attached to `d`",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(param(&spec.request, "d.e").line, line_of(&text, "###### e"));
}

#[test]
fn warns_about_a_first_heading_that_is_too_deep() {
    let text = page("##### a (String)", RESULT, "");
    assert_warning(
        &text,
        "##### a",
        "parameter `a` (heading level 5) has no parent heading of level 4; it is kept as a top-level parameter",
    );
}

#[test]
fn warns_about_an_object_without_fields() {
    let text = page("#### info (AcquirerInfo)\n\nThe info.", RESULT, "");
    assert_warning(
        &text,
        "#### info",
        "`info` is an object (AcquirerInfo) but documents no fields",
    );
}

#[test]
fn warns_about_text_before_the_first_parameter() {
    let text = page("Some introduction.\n\n#### a (String)", RESULT, "");
    assert_warning(
        &text,
        "Some introduction.",
        "found paragraph `Some introduction.` before the first parameter of the section; it is ignored",
    );
}

#[test]
fn warns_about_a_code_block_that_is_not_json() {
    let text = page("", RESULT, "## Request\n\n```xml\n<a/>\n```\n");
    assert_warning(
        &text,
        "```xml",
        "found a `xml` code block under `Request`: only JSON examples are kept; it is ignored",
    );
}

#[test]
fn warns_about_an_example_section_without_json() {
    let text = page("", RESULT, "## Response\n\nNothing here.\n");
    assert_warning(
        &text,
        "## Response\n\nNothing",
        "section `Response` has no JSON example",
    );
}

// ---- errors ----

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
        "found title `The test API`: expected an API name such as `pay` or `createVaultingSession`",
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
fn error_on_a_missing_parameters_section() {
    let text = page("", RESULT, "").replace("## Request parameters", "");
    assert_error(
        &text,
        "# test",
        "the page has no `## Request parameters` section: expected one after `# Structure`",
    );
    let text = page("", RESULT, "").replace("## Response parameters", "");
    // Without its heading, the response tree joins the request section.
    assert_error(
        &text,
        "# test",
        "the page has no `## Response parameters` section: expected one after the request parameters",
    );
}

#[test]
fn error_on_a_section_given_twice() {
    let text = page("", RESULT, "## Request parameters\n\n#### x (String)\n");
    assert_error(
        &text,
        "## Request parameters\n\n#### x",
        "found a second `Request parameters` section: expected it once per page",
    );
}

#[test]
fn error_on_an_unknown_section() {
    let text = page("", RESULT, "## Changelog\n\nNothing.\n");
    assert_error(
        &text,
        "## Changelog",
        "found section `## Changelog`: expected one of `Structure`, `Request parameters`, `Response parameters`, `Result process logic`, `... codes`, `Request`, `Response`",
    );
}

#[test]
fn error_on_a_heading_that_is_no_parameter() {
    let text = page("#### the amount", RESULT, "");
    assert_error(
        &text,
        "#### the amount",
        "found parameter heading `#### the amount`: expected `name (Type)` or `name (Type, REQUIRED)`",
    );
    let text = page("#### the amount (String)", RESULT, "");
    assert_error(
        &text,
        "#### the amount",
        "found parameter heading `#### the amount (String)`: expected `name (Type)` or `name (Type, REQUIRED)` with a name made of letters and digits",
    );
}

#[test]
fn an_unreadable_heading_takes_its_children_along_without_follow_up_diagnostics() {
    // Without the placeholder, `currency` would land under the String `id` (an error) or get a
    // "no parent" warning.
    let text = page(
        "#### id (String)\n\n#### amount (Amount, MANDATORY)\n\n##### currency (String)\n\n#### note (String)",
        RESULT,
        "",
    );
    match parse_page(&text, FILE, &policy()) {
        Ok(_) => panic!("expected an error"),
        Err(all) => {
            assert_eq!(all.len(), 1, "{all:#?}");
            assert_eq!(all[0].line, line_of(&text, "#### amount"));
        }
    }
}

#[test]
fn error_on_an_unknown_type() {
    let text = page("#### amount (array of goods)", RESULT, "");
    assert_error(
        &text,
        "#### amount",
        "found parameter heading `#### amount (array of goods)`: expected `array of goods` is not a type: expected String, Integer, Decimal, Boolean, Datetime, URL, a model name such as Amount, or Array<T>",
    );
}

#[test]
fn error_on_an_unknown_flag() {
    let text = page("#### amount (String, OPTIONAL)", RESULT, "");
    assert_error(
        &text,
        "#### amount",
        "found parameter heading `#### amount (String, OPTIONAL)`: expected `name (Type)` or `name (Type, REQUIRED)`; `OPTIONAL` is not `REQUIRED`",
    );
}

#[test]
fn error_on_a_parameter_heading_that_is_too_shallow() {
    let text = page("### amount (String)", RESULT, "");
    assert_error(
        &text,
        "### amount",
        "found `### amount (String)`: expected a parameter heading of level 4 or deeper, such as `#### name (String, REQUIRED)`",
    );
}

#[test]
fn error_on_children_of_a_scalar() {
    let text = page("#### a (String)\n\n##### b (String)", RESULT, "");
    assert_error(
        &text,
        "##### b",
        "found child parameters under `a`, whose type String has no fields: expected an object type such as `Amount` or `Array<Goods>`",
    );
}

#[test]
fn error_on_valid_values_without_a_list() {
    let text = page(
        "#### s (String)\n\nThe status. Valid values are:\n\nNone.",
        RESULT,
        "",
    );
    assert_error(
        &text,
        "The status.",
        "found `Valid values are:` for `s` with no list after it: expected a list of `` `VALUE`: meaning `` items",
    );
}

#[test]
fn error_on_a_valid_value_without_code() {
    let text = page(
        "#### s (String)\n\nValid values are:\n\n-   `S`: success.\n-   F: failure.",
        RESULT,
        "",
    );
    assert_error(
        &text,
        "-   F:",
        "found value `F: failure.`: expected `` `VALUE`: meaning ``",
    );
}

#[test]
fn error_on_a_bad_maximum_length() {
    let text = page(
        "#### s (String)\n\nMore information:\n\n- Maximum length: sixty-four characters",
        RESULT,
        "",
    );
    assert_error(
        &text,
        "- Maximum",
        "found `Maximum length: sixty-four characters`: expected `Maximum length: N characters` with a whole number N",
    );
}

#[test]
fn error_on_a_bad_value_range() {
    for range in ["1 to 5", "5 - 1", "a - b", "1 -"] {
        let text = page(
            &format!("#### n (Integer)\n\nMore information:\n\n- Value range: {range}"),
            RESULT,
            "",
        );
        assert_error(
            &text,
            "- Value range",
            &format!(
                "found `Value range: {range}`: expected `Value range: MIN - MAX` with whole numbers, MAX possibly `unlimited`"
            ),
        );
    }
}

#[test]
fn error_on_a_code_block_in_a_parameter_description() {
    let text = page("#### s (String)\n\nLike this:\n\n```\nx\n```", RESULT, "");
    assert_error(
        &text,
        "```\nx",
        "found a code block in the description of `s`: expected text, lists and `> ` notes",
    );
}

#[test]
fn error_on_invalid_json_names_the_line_inside_the_example() {
    let text = page(
        "",
        RESULT,
        "## Request\n\n```json\n{\n  \"a\": \"1\",\n  \"b\": oops\n}\n```\n",
    );
    let all = errors(&text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].line, line_of(&text, "\"b\": oops"));
    assert!(
        all[0].message.starts_with(
            "found invalid JSON in the `Request` example: expected value at line 3 column"
        ),
        "{}",
        all[0].message
    );
    assert!(all[0].message.ends_with("; expected a valid JSON body"));
}

#[test]
fn error_on_a_json_example_that_is_not_an_object() {
    let text = page("", RESULT, "## Response\n\n```json\n[1, 2]\n```\n");
    assert_error(
        &text,
        "```json",
        "found a JSON example under `Response` that is not an object: expected a `{ ... }` body",
    );
}

#[test]
fn error_on_a_code_table_without_its_columns() {
    let text = page(
        "",
        RESULT,
        "## Result/Error codes\n\n| Name | Meaning |\n| --- | --- |\n| A | B |\n",
    );
    assert_error(
        &text,
        "| Name",
        "found table columns `name | meaning`: expected at least Code, Value and Message (and usually Further action)",
    );
}

#[test]
fn error_on_a_bad_result_status_and_an_empty_code() {
    let text = page(
        "",
        RESULT,
        "## Result/Error codes\n\n| Code | Value | Message |\n| --- | --- | --- |\n| A | X | B |\n|  | S | C |\n",
    );
    let all = errors(&text);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[0].line, line_of(&text, "| A | X"));
    assert_eq!(
        all[0].message,
        "found result status `X` for `A`: expected S, F or U"
    );
    assert_eq!(all[1].line, line_of(&text, "|  | S"));
    assert_eq!(
        all[1].message,
        "found an empty result code: expected a code such as `SUCCESS`"
    );
}

#[test]
fn error_on_a_code_section_without_a_table() {
    let text = page("", RESULT, "## Result/Error codes\n\nSee elsewhere.\n");
    assert_error(
        &text,
        "## Result/Error codes",
        "found no table under `Result/Error codes`: expected a table with columns Code, Value, Message, Further action",
    );
}

#[test]
fn error_on_a_second_table_in_a_code_section() {
    let table = "| Code | Value | Message |\n| --- | --- | --- |\n| A | S | B |\n";
    let text = page(
        "",
        RESULT,
        &format!("## Result/Error codes\n\n{table}\nMore:\n\n{table}"),
    );
    assert_one(
        &errors(&text),
        Severity::Error,
        line_of(&text, "More:") + 2,
        "found a second table under `Result/Error codes`: expected one table per section",
    );
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

// ---- helpers ----

#[test]
fn ranges_parse_with_unlimited_and_negative_bounds() {
    assert_eq!(
        parse_range(" 1 - unlimited"),
        Some(ValueRange { min: 1, max: None })
    );
    assert_eq!(
        parse_range("-720 - 720"),
        Some(ValueRange {
            min: -720,
            max: Some(720)
        })
    );
    assert_eq!(
        parse_range("0 – 10"),
        Some(ValueRange {
            min: 0,
            max: Some(10)
        })
    );
    assert_eq!(parse_range("10 - 1"), None);
    assert_eq!(parse_range("x"), None);
}

#[test]
fn file_name_is_the_last_path_component() {
    assert_eq!(file_name("spec/cancel.md"), "cancel.md");
    assert_eq!(file_name("C:\\pages\\cancel.md"), "cancel.md");
    assert_eq!(file_name("cancel.md"), "cancel.md");
}

#[test]
fn key_lines_follow_paths_through_objects_and_arrays() {
    let json = "{\n  \"a\": {\"b\": \"x\\\"y\"},\n  \"list\": [\n    {\"b\": 1},\n    {\"c\": [2, {\"d\": 3}]}\n  ],\n  \"b\": \"{[,\"\n}\n";
    let lines = key_lines(json);
    assert_eq!(lines.get("a"), Some(&1));
    assert_eq!(lines.get("a.b"), Some(&1));
    assert_eq!(lines.get("list"), Some(&2));
    assert_eq!(lines.get("list.b"), Some(&3));
    assert_eq!(lines.get("list.c"), Some(&4));
    assert_eq!(lines.get("list.c.d"), Some(&4));
    assert_eq!(lines.get("b"), Some(&6));
    assert_eq!(lines.len(), 7, "{lines:?}");
}

#[test]
fn retries_are_decided_per_code_with_the_words_that_decided() {
    let codes = "## Result/Error codes\n\n| Code | Value | Message | Further action |\n| --- | --- | --- | --- |\n\
        | SUCCESS | S | Success | None. |\n\
        | PARAM_ILLEGAL | F | Illegal. | Send it again. |\n\
        | UNKNOWN_EXCEPTION | U | Unknown. | Call the API again. |\n\
        | PAYMENT_IN_PROCESS | U | In process. | Wait. |\n\
        | REPEAT | U | Repeated. | Call this API again with a new paymentRequestId. |\n\
        | HALT | U | Halted. | Do not retry. |\n";
    let logic = "Result process logic\n\n-   `U`: When result.resultCode is PAYMENT_IN_PROCESS, wait for the notification. For any other result code, call this API again with the same paymentRequestId.\n\n";
    let text = page("#### id (String)", RESULT, &format!("{logic}{codes}"));
    let spec = parse_ok(&text).spec;
    let decided: Vec<(&str, bool, &str)> = spec.result_codes[0]
        .codes
        .iter()
        .map(|c| (c.code.as_str(), c.retryable, c.retry_rule.as_str()))
        .collect();
    assert_eq!(
        decided,
        [
            ("SUCCESS", false, "status S: the call succeeded"),
            (
                "PARAM_ILLEGAL",
                false,
                "status F: the call failed, and the same request fails again"
            ),
            (
                "UNKNOWN_EXCEPTION",
                true,
                "status U, not named by the result process logic, and its further action asks for no new request"
            ),
            (
                "PAYMENT_IN_PROCESS",
                false,
                "the result process logic for U names it: \"When result.resultCode is PAYMENT_IN_PROCESS, wait for the notification.\""
            ),
            (
                "REPEAT",
                false,
                "its further action says `with a new`: \"Call this API again with a new paymentRequestId.\""
            ),
            (
                "HALT",
                false,
                "its further action says `do not retry`: \"Do not retry.\""
            ),
        ]
    );
}

#[test]
fn sensitive_names_come_from_the_policy() {
    let text = page("#### nickname (String)\n\n#### cardNo (String)", RESULT, "");
    let strict = Policy {
        sensitive: vec![crate::spec::SensitiveName {
            name: "nickname".into(),
            reason: "a test".into(),
        }],
    };
    let spec = parse_page(&text, FILE, &strict).unwrap().spec;
    assert!(param(&spec.request, "nickname").sensitive);
    assert!(!param(&spec.request, "cardNo").sensitive);
}
