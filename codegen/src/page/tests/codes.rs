//! Tests of result codes: the code tables and the `Result process logic` list.

use super::*;
use crate::spec::{ResultCode, ResultStatus};

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
                "indicates success. Read status:\n\n- A: done.\n- B: wait."
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
    // What the section says beyond the advice per status and its introduction is kept, as a
    // note of the page.
    assert_eq!(spec.notes, ["- Something that is no status."]);
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
            status: Some(ResultStatus::F),
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
    assert_eq!(second.codes[0].status, Some(ResultStatus::U));
    assert_eq!(second.codes[0].action, "");
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
fn a_result_code_without_status_is_unknown_and_never_retried() {
    let codes = "## Result/Error codes\n\n| Code | Value | Message | Further action |\n| --- | --- | --- | --- |\n| SUCCESS | S | Success | None. |\n| RISK_REJECT |  | Rejected for risk. | Call again. |\n";
    let text = page("#### id (String)", RESULT, codes);
    let parsed = parse_ok(&text);
    let row = &parsed.spec.result_codes[0].codes[1];
    assert_eq!(row.status, None);
    assert!(!row.retryable);
    assert_eq!(
        row.retry_rule,
        "no status on the page: what the code means for the call is unknown"
    );
    assert_one(
        &parsed.warnings,
        Severity::Warning,
        line_of(&text, "| RISK_REJECT"),
        "result code `RISK_REJECT` has no result status: it is recorded as unknown (null), which is not `U`, and never retried",
    );
    assert!(
        parsed
            .spec
            .to_yaml()
            .contains("  - code: RISK_REJECT\n    status: null\n")
    );
}
