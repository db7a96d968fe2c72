//! Tests of the policies: sensitive parameters, retryable result codes, inquiries, cancels and
//! final statuses.

use super::*;
use crate::spec::{ResultStatus, Type};

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
        sensitive: vec![crate::inputs::SensitiveName {
            name: "nickname".into(),
            reason: "a test".into(),
        }],
        ..Policy::default()
    };
    let spec = parse_page(&text, FILE, &strict).unwrap().spec;
    assert!(param(&spec.request, "nickname").sensitive);
    assert!(!param(&spec.request, "cardNo").sensitive);
}

/// A request page's parsed schema with this result process advice, for the rules below.
fn with_advice(advice: &[(ResultStatus, &str)]) -> crate::spec::ApiSpec {
    let mut spec = parse_ok(&page("#### id (String)", RESULT, "")).spec;
    spec.result_process = advice
        .iter()
        .map(|(status, action)| crate::spec::ResultProcess {
            status: *status,
            action: (*action).to_owned(),
        })
        .collect();
    spec
}

#[test]
fn the_inquiry_and_the_cancel_are_the_apis_the_advice_names() {
    use ResultStatus::{F, S, U};
    let mut spec = with_advice(&[
        (S, "the payment succeeded; see inquiryPayment for details."),
        (
            U,
            "call the API again, or query the result through inquiryRefund. If the result is still unknown, cancel the refund through cancelRefund.",
        ),
    ]);
    super::super::decisions::decide_inquiry(&mut spec);
    assert_eq!(
        spec.inquiry.as_deref(),
        Some("inquiryRefund"),
        "U's advice first"
    );
    assert_eq!(spec.cancel.as_deref(), Some("cancelRefund"));

    // Then S, then F; the word "inquiry" alone, and the page's own API, are no inquiry.
    let mut spec = with_advice(&[(U, "retry the inquiry later."), (F, "see inquireThing.")]);
    super::super::decisions::decide_inquiry(&mut spec);
    assert_eq!(spec.inquiry.as_deref(), Some("inquireThing"));
    assert_eq!(spec.cancel, None);
    let mut spec = with_advice(&[(U, "call test again, or inquiryTest.")]);
    spec.api = "inquiryTest".into();
    super::super::decisions::decide_inquiry(&mut spec);
    assert_eq!(spec.inquiry, None);
}

#[test]
fn an_inquirys_final_values_are_those_its_page_does_not_call_still_going_on() {
    use crate::spec::{EnumValue, Values};
    let mut spec = with_advice(&[]);
    spec.api = "inquiryThing".into();
    let mut status = crate::spec::Parameter::new("thingStatus".into(), Type::String, false, 1);
    let value = |v: &str, d: &str| EnumValue {
        value: v.into(),
        description: d.into(),
    };
    status.values = Some(Values::Closed(vec![
        value("DONE", "the thing is done."),
        value("WORKING", "the thing is still being worked on."),
        value("QUEUED", "the final result is awaited."),
        value("NEW", "the thing has not yet started."),
        value("GONE", "the thing was cancelled."),
    ]));
    spec.response.push(status);
    super::super::decisions::decide_final_status(&mut spec);
    let status = spec.final_status.clone().expect("a final status");
    assert_eq!(status.field, "thingStatus");
    assert_eq!(status.values, ["DONE", "GONE"]);
    assert_eq!(status.pending, ["WORKING", "QUEUED", "NEW"]);
    assert_eq!(status.not_found, None, "the page lists no such code");

    // The code for no such request: F, "does not exist" or "cannot be found", and an action
    // naming one of the inquiry's request parameters (not the keys of KEY_NOT_FOUND).
    let code = |code: &str, status, message: &str, action: &str| crate::spec::ResultCode {
        code: code.into(),
        status: Some(status),
        message: message.into(),
        action: action.into(),
        retryable: false,
        retry_rule: String::new(),
        line: 1,
    };
    spec.request.push(crate::spec::Parameter::new(
        "thingRequestId".into(),
        Type::String,
        true,
        1,
    ));
    spec.result_codes = vec![crate::spec::ResultCodeTable {
        title: String::new(),
        line: 1,
        codes: vec![
            code(
                "KEY_NOT_FOUND",
                ResultStatus::F,
                "The key cannot be found.",
                "Make sure the keys exist.",
            ),
            code(
                "THING_GONE",
                ResultStatus::U,
                "The thing does not exist.",
                "Check thingRequestId.",
            ),
            code(
                "THING_NOT_EXIST",
                ResultStatus::F,
                "The thing to be queried does not exist.",
                "Check whether thingRequestId is correct.",
            ),
        ],
    }];
    super::super::decisions::decide_final_status(&mut spec);
    let status = spec.final_status.clone().expect("a final status");
    assert_eq!(status.not_found.as_deref(), Some("THING_NOT_EXIST"));

    // Not an inquiry: no final status, whatever its fields.
    let mut other = with_advice(&[]);
    other.response = spec.response.clone();
    super::super::decisions::decide_final_status(&mut other);
    assert_eq!(other.final_status, None);
}
