//! Tests of the policies: sensitive parameters and retryable result codes.

use super::*;

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
        sensitive: vec![crate::spec::SensitiveName {
            name: "nickname".into(),
            reason: "a test".into(),
        }],
        ..Policy::default()
    };
    let spec = parse_page(&text, FILE, &strict).unwrap().spec;
    assert!(param(&spec.request, "nickname").sensitive);
    assert!(!param(&spec.request, "cardNo").sensitive);
}
