//! Tests of parameter sections and bodies: descriptions, limits, stray text and their errors.

use super::*;
use crate::spec::{ValueRange, Values};

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
    // What the item says beyond the idempotency sentence is a note.
    assert_eq!(id.notes, ["Repeats get the same result."]);
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
fn warns_about_text_before_the_first_parameter() {
    let text = page("Some introduction.\n\n#### a (String)", RESULT, "");
    assert_warning(
        &text,
        "Some introduction.",
        "found paragraph `Some introduction.` before the first parameter of the section; it is ignored",
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
fn error_on_valid_values_without_a_list() {
    let text = page(
        "#### s (String)\n\nThe status. Valid values are:\n\nNone.",
        RESULT,
        "",
    );
    assert_error(
        &text,
        "The status.",
        "found `The status. Valid values are:` for `s` with no list after it: expected a list of `` `VALUE`: meaning `` items",
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
        "found value `F: failure.`: expected `` `VALUE`: meaning `` or `` `VALUE` ``",
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
        "found a code block in the description of `s`: expected text, lists, tables and notes",
    );
}

#[test]
fn a_table_in_a_description_is_kept_as_markdown() {
    let text = page(
        "#### code (String)\n\nThe code, one of:\n\n| Code | Meaning |\n| --- | --- |\n| `A` | The first \\| only. |\n| B | The second. |\n\nPick one.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(
        param(&spec.request, "code").description,
        "The code, one of:\n\n| Code | Meaning |\n| --- | --- |\n| A | The first \\| only. |\n| B | The second. |\n\nPick one."
    );
}

#[test]
fn ordered_lists_keep_their_numbers() {
    let text = page(
        "#### steps (String)\n\nDo this:\n\n1. First.\n2. Second,\n   on two lines.\n3. Third.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(
        param(&spec.request, "steps").description,
        "Do this:\n\n1. First.\n2. Second, on two lines.\n3. Third."
    );
}

#[test]
fn an_idempotency_note_marks_the_key_and_the_rest_of_its_item_is_kept() {
    let text = page(
        "#### updateRequestId (String)\n\nThe ID.\n\n> **Note**: This parameter is an API idempotency parameter. Antom uses it to find repeats.\n\n#### transferRequestId (String)\n\nMore information:\n\n- This field is an API idempotency field. A repeated request gets the same result back.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let update = param(&spec.request, "updateRequestId");
    assert!(update.idempotency_key);
    assert_eq!(update.notes, ["Antom uses it to find repeats."]);
    let transfer = param(&spec.request, "transferRequestId");
    assert!(transfer.idempotency_key);
    assert_eq!(
        transfer.notes,
        ["A repeated request gets the same result back."]
    );
}

#[test]
fn values_ranges_and_sizes_said_in_sentences() {
    let text = page(
        "#### region (String)\n\nThe region. Only `US`, `JP`, and `SG` are supported now.\n\n#### width (Integer)\n\nThe width. The value is `1` or greater.\n\n#### count (String)\n\nThe count. The value ranges from `2` to `12`.\n\n#### pairs (Array<String>)\n\nThe pairs. Up to 100 pairs can be specified in one request.\n\n#### brands (String)\n\nThe brands. Some possible values are `VISA` and `MASTERCARD`.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let region: Vec<&str> = match &param(&spec.request, "region").values {
        Some(Values::Closed(values)) => values.iter().map(|v| v.value.as_str()).collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(region, ["US", "JP", "SG"]);
    assert_eq!(
        param(&spec.request, "width").range,
        Some(ValueRange { min: 1, max: None })
    );
    assert_eq!(
        param(&spec.request, "count").range,
        Some(ValueRange {
            min: 2,
            max: Some(12)
        })
    );
    assert_eq!(param(&spec.request, "pairs").max_items, Some(100));
    assert_eq!(
        param(&spec.request, "brands").values,
        Some(Values::Open(vec!["VISA".into(), "MASTERCARD".into()]))
    );
}

#[test]
fn warns_about_a_list_of_values_nothing_announces() {
    let text = page(
        "#### kind (String)\n\nThe kind.\n\n-   `CREATE`: created.\n-   `UPDATE`: updated.",
        RESULT,
        "",
    );
    assert_warning(
        &text,
        "-   `CREATE`",
        "`kind` lists values with no `Valid values are:` before them; they are kept as description, not as a closed set",
    );
}
