//! Tests of Antom's phrasing: parameter headings, value sets, fixed values, notes, ranges.

use super::*;
use crate::page::phrases::parse_range;
use crate::spec::{EnumValue, Type, ValueRange, Values};

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
fn error_on_an_unknown_type() {
    let text = page("#### amount (array of goods)", RESULT, "");
    assert_error(
        &text,
        "#### amount",
        "found parameter heading `#### amount (array of goods)`: `array of goods` is not a type: expected String, Integer, Decimal, Boolean, Datetime, URL, a model name such as Amount, Array<T> or Map<String, T>",
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
fn types_in_any_case_with_spaces_maps_and_nested_arrays() {
    let text = page(
        "#### a (string, REQUIRED)\n\n#### b (Array <Goods>)\n\n##### name (String)\n\n#### c (Map<String, AmountLimitInfo>)\n\n##### maxAmount (Amount)\n\n###### value (String)\n\n#### d (Array<Array<String>>)",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let types: Vec<String> = spec.request.iter().map(|p| p.ty.to_string()).collect();
    assert_eq!(
        types,
        [
            "String",
            "Array<Goods>",
            "Map<String, AmountLimitInfo>",
            "Array<Array<String>>"
        ]
    );
    assert!(param(&spec.request, "a").required);
    assert_eq!(
        param(&spec.request, "c.maxAmount.value").line,
        line_of(&text, "###### value")
    );
}

#[test]
fn every_phrasing_of_a_list_of_valid_values() {
    for lead in [
        "Valid values are:",
        "The valid value is:",
        "Valid values include:",
        "The valid values include:",
        "valid values:",
    ] {
        let text = page(
            &format!(
                "#### kind (String)\n\nThe kind. {lead}\n\n-   `A`: the first.\n-   `B`: the second."
            ),
            RESULT,
            "",
        );
        let spec = parse_ok(&text).spec;
        let kind = param(&spec.request, "kind");
        let values: Vec<&str> = match &kind.values {
            Some(Values::Closed(values)) => values.iter().map(|v| v.value.as_str()).collect(),
            other => panic!("{lead}: {other:?}"),
        };
        assert_eq!(values, ["A", "B"], "{lead}");
        assert!(
            kind.description.starts_with("The kind."),
            "{lead}: {}",
            kind.description
        );
    }
}

#[test]
fn value_items_without_explanation_or_with_a_parenthetical() {
    let text = page(
        "#### kind (String)\n\nValid values are:\n\n-   `REJECT_FOR_RISK`\n-   `AUTHCODE_CREATED` (for Auto Debit only): the code was created.\n-   `TOKEN_CREATED` - the token was created.\n-   `CANCELLED`:indicates cancellation.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(
        param(&spec.request, "kind").values,
        Some(Values::Closed(vec![
            EnumValue {
                value: "REJECT_FOR_RISK".into(),
                description: String::new()
            },
            EnumValue {
                value: "AUTHCODE_CREATED".into(),
                description: "(for Auto Debit only) the code was created.".into()
            },
            EnumValue {
                value: "TOKEN_CREATED".into(),
                description: "the token was created.".into()
            },
            EnumValue {
                value: "CANCELLED".into(),
                description: "indicates cancellation.".into()
            },
        ]))
    );
}

#[test]
fn fixed_values_after_a_condition_or_before_a_which_clause() {
    for (sentence, fixed) in [
        (
            "The result code. The value is fixed as `SUCCESS`.",
            Some("SUCCESS"),
        ),
        (
            "For this notification, the value is always `CAPTURE_RESULT`.",
            Some("CAPTURE_RESULT"),
        ),
        (
            "The value of this parameter is fixed to `EASY_PAY`, which indicates EasySafePay.",
            Some("EASY_PAY"),
        ),
        // Conditions and examples are not fixed values.
        ("For a browser in UTC+2, the value is `-120`.", None),
        ("The value is `1` or greater.", None),
        ("The default value is `false`.", None),
        (
            "For a trial that ends with the third period, set the value to `3`.",
            None,
        ),
    ] {
        let text = page(&format!("#### v (String)\n\n{sentence}"), RESULT, "");
        let spec = parse_ok(&text).spec;
        let values = &param(&spec.request, "v").values;
        assert_eq!(
            values,
            &fixed.map(|f| Values::Fixed(f.to_owned())),
            "{sentence}"
        );
    }
}

#[test]
fn note_paragraphs_outside_a_quote_are_notes() {
    let text = page(
        "#### id (String)\n\nThe ID.\n\n**Note**: keep it short.\n\n#### other (String)\n\nOther.\n\nNotes:\n\n-   First.\n-   Second.\n\nMore information:\n\n- Maximum length: 8 characters",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let id = param(&spec.request, "id");
    assert_eq!(id.description, "The ID.");
    assert_eq!(id.notes, ["keep it short."]);
    let other = param(&spec.request, "other");
    assert_eq!(other.description, "Other.");
    assert_eq!(other.notes, ["First.", "Second."]);
    assert_eq!(other.max_length, Some(8));
}

#[test]
fn maximum_size_of_an_array_and_a_length_of_one_character() {
    let text = page(
        "#### ids (Array<String>)\n\nThe IDs.\n\nMore information:\n\n- Maximum length: 1 character\n- Maximum size: 10 elements",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let ids = param(&spec.request, "ids");
    assert_eq!(ids.max_length, Some(1));
    assert_eq!(ids.max_items, Some(10));
}

#[test]
fn warns_about_a_maximum_size_on_what_is_no_array() {
    let text = page(
        "#### id (String)\n\nMore information:\n\n- Maximum size: 10 elements",
        RESULT,
        "",
    );
    assert_warning(
        &text,
        "#### id",
        "`id` is not an array (String) but has a maximum size; the size is ignored",
    );
}

#[test]
fn error_on_a_maximum_size_that_is_no_number() {
    let text = page(
        "#### ids (Array<String>)\n\nMore information:\n\n- Maximum size: ten elements",
        RESULT,
        "",
    );
    assert_error(
        &text,
        "- Maximum size",
        "found `Maximum size: ten elements`: expected `Maximum size: N elements` with a whole number N",
    );
}

#[test]
fn such_as_examples_and_default_values() {
    let text = page(
        "#### brand (String)\n\nThe brand, such as `VISA`, `MASTERCARD`, and `JCB`.\n\n#### one (String)\n\nA code, such as `X`.\n\n#### retry (Boolean)\n\nWhether to retry. The default value is `false`.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(
        param(&spec.request, "brand").values,
        Some(Values::Open(vec![
            "VISA".into(),
            "MASTERCARD".into(),
            "JCB".into()
        ]))
    );
    assert_eq!(param(&spec.request, "one").values, None);
    let retry = param(&spec.request, "retry");
    assert_eq!(retry.default.as_deref(), Some("false"));
    assert_eq!(retry.values, None);
}

#[test]
fn antom_paths_have_a_version_and_named_segments() {
    use crate::page::phrases::is_antom_path;
    for path in [
        "/v1/payments/pay",
        "/v1/billing/invoice/create",
        "/v2/risk/payments/decide",
        "/v1/merchants/settlementInfo/update",
    ] {
        assert!(is_antom_path(path), "{path}");
    }
    for path in [
        "/undefined",
        "/payments/pay",
        "/v1",
        "/v1/",
        "/v1//pay",
        "/vx/pay",
        "v1/pay",
        "/v1/pay{id}",
    ] {
        assert!(!is_antom_path(path), "{path}");
    }
}

#[test]
fn a_notification_summary_says_antom_sends_it_to_the_merchant() {
    use crate::page::phrases::says_antom_sends;
    for summary in [
        "Antom sends this notification to tell you the vaulting result.",
        "Antom calls this API to tell the merchant the result of a payment. The merchant then continues.",
        "Antom calls your notification URL with this message once a refund has reached a final status.",
        "Antom uses this API to send you the subscription result.",
        "This API is used by Antom to send the dispute information to the merchant.",
    ] {
        assert!(says_antom_sends(summary), "{summary}");
    }
    for summary in [
        "Call this API to start verifying a user's identity. Antom sends the OTP to the user.",
        "Use this API to tell Antom the result of a card payment.",
        "Antom calculates the tax.",
        "The summary.",
    ] {
        assert!(!says_antom_sends(summary), "{summary}");
    }
}
