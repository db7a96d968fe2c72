//! The wire rules, validation rules and result codes of the generated types, on real pages.

use antom::{
    Amount, Api, Outcome, PaymentStatus, ProductCode, ResultCode, ResultStatus, Rule, Validate,
    VaultPaymentMethodCard, Violation, decode_response, payments::Pay,
    payments::PayOneTimePaymentsRequest, payments::PayResultCode, vaults::CreateVaultingSession,
    vaults::CreateVaultingSessionRequest, vaults::CreateVaultingSessionResponse,
    vaults::CreateVaultingSessionResultCode, visit_apis,
};
use serde_json::{Value, json};

fn vaulting_request() -> CreateVaultingSessionRequest {
    CreateVaultingSessionRequest::new("vaulting_001", "https://merchant.example/notify")
}

/// The One-time Payments page's example request of `pay`.
fn cashier_example() -> &'static str {
    Pay::EXAMPLE_REQUESTS
        .iter()
        .find(|e| e.contains("CASHIER_PAYMENT"))
        .expect("the One-time Payments page has an example")
}

fn pay_request() -> PayOneTimePaymentsRequest {
    serde_json::from_str(cashier_example()).expect("the example is a One-time Payments request")
}

fn violations(request: &impl Validate) -> Vec<(String, Rule)> {
    match request.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e
            .violations
            .into_iter()
            .map(|Violation { path, rule }| (path, rule))
            .collect(),
    }
}

#[test]
fn required_fields_are_plain_optional_ones_are_left_out_and_fixed_ones_are_sent() {
    // The struct literal above needs no `paymentMethodType`: the page fixes it to CARD.
    let body = serde_json::to_value(vaulting_request()).unwrap();
    assert_eq!(
        body,
        json!({
            "paymentMethodType": "CARD",
            "vaultingRequestId": "vaulting_001",
            "vaultingNotificationUrl": "https://merchant.example/notify"
        })
    );
}

#[test]
fn open_possible_values_stay_strings() {
    // `merchantRegion` lists "some possible values": any text is accepted.
    let request = vaulting_request().merchant_region("ZZ");
    assert_eq!(violations(&request), []);
    assert_eq!(
        serde_json::to_value(&request).unwrap()["merchantRegion"],
        json!("ZZ")
    );
}

#[test]
fn scalars_are_sent_as_strings_and_read_as_strings_or_native_json() {
    let request = vaulting_request().is_3ds_authentication(true);
    let body = serde_json::to_value(&request).unwrap();
    assert_eq!(body["is3DSAuthentication"], json!("true"));

    let amount = Amount::new("USD", 20);
    assert_eq!(
        serde_json::to_value(&amount).unwrap(),
        json!({"currency": "USD", "value": "20"})
    );
    let native: Amount = serde_json::from_value(json!({"currency": "USD", "value": 20})).unwrap();
    let string: Amount = serde_json::from_value(json!({"currency": "USD", "value": "20"})).unwrap();
    assert_eq!(native, amount);
    assert_eq!(string, amount);
    let back: CreateVaultingSessionRequest = serde_json::from_value(json!({
        "vaultingRequestId": "v", "vaultingNotificationUrl": "u", "is3DSAuthentication": false
    }))
    .unwrap();
    assert_eq!(back.is_3ds_authentication, Some(false));
}

#[test]
fn datetimes_keep_the_offset_they_carry() {
    let example: Value = serde_json::from_str(cashier_example()).unwrap();
    let request = pay_request();
    let expiry = request
        .payment_expiry_time
        .expect("the example has paymentExpiryTime");
    assert_eq!(expiry.offset().whole_hours(), 8);
    assert_eq!(
        serde_json::to_value(&request).unwrap()["paymentExpiryTime"],
        example["paymentExpiryTime"]
    );
    // `Z` is read too, and written back in the pages' `+00:00` form.
    let mut utc = example.clone();
    utc["paymentExpiryTime"] = json!("2025-06-11T04:14:01Z");
    let request: PayOneTimePaymentsRequest = serde_json::from_value(utc).unwrap();
    assert_eq!(request.payment_expiry_time, Some(expiry));
    assert_eq!(
        serde_json::to_value(&request).unwrap()["paymentExpiryTime"],
        json!("2025-06-11T04:14:01+00:00")
    );
}

#[test]
fn unknown_enum_values_are_kept_in_responses_and_rejected_in_requests() {
    let body = json!({
        "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
        "paymentStatus": "REVERSED_BY_NEW_RULE"
    });
    let response: antom::payments::InquiryPaymentResponse =
        serde_json::from_value(body.clone()).unwrap();
    assert_eq!(
        response.payment_status,
        Some(PaymentStatus::Unknown("REVERSED_BY_NEW_RULE".into()))
    );
    assert_eq!(
        serde_json::to_value(&response).unwrap()["paymentStatus"],
        body["paymentStatus"]
    );
    assert_eq!(PaymentStatus::from("SUCCESS"), PaymentStatus::Success);
    assert_eq!(PaymentStatus::Success.to_string(), "SUCCESS");

    let mut request = pay_request();
    request.product_code = ProductCode::from("AUTO_DEBIT");
    assert_eq!(
        violations(&request),
        [(
            "productCode".to_owned(),
            Rule::OneOf {
                allowed: &["CASHIER_PAYMENT"],
                actual: "AUTO_DEBIT".into()
            }
        )]
    );
}

#[test]
fn validation_reports_every_violation_with_its_json_path() {
    let mut request = pay_request();
    assert_eq!(violations(&request), []);
    request.payment_request_id = String::new();
    let goods = request.order.goods.as_mut().expect("the example has goods");
    // 64 characters of Chinese are within a 64-character maximum; 65 ASCII ones are not.
    goods[0].reference_goods_id = "支".repeat(64);
    goods[1].reference_goods_id = "a".repeat(65);
    goods[1].goods_quantity = Some(0);
    request.order.order_amount.value = -5;
    assert_eq!(
        violations(&request),
        [
            ("paymentRequestId".to_owned(), Rule::Required),
            (
                "order.orderAmount.value".to_owned(),
                Rule::Range {
                    min: 1,
                    max: None,
                    actual: -5
                }
            ),
            (
                "order.goods[1].referenceGoodsId".to_owned(),
                Rule::MaxLength {
                    max: 64,
                    actual: 65
                }
            ),
            (
                "order.goods[1].goodsQuantity".to_owned(),
                Rule::Range {
                    min: 1,
                    max: None,
                    actual: 0
                }
            ),
        ]
    );
    let message = request.validate().unwrap_err().to_string();
    assert!(
        message.contains(
            "order.goods[1].referenceGoodsId is 65 characters long, more than the maximum of 64"
        ),
        "{message}"
    );
}

#[test]
fn a_failed_calls_body_with_only_result_gives_the_typed_result_code() {
    let body = br#"{"result":{"resultCode":"PARAM_ILLEGAL","resultStatus":"F","resultMessage":"illegal"}}"#;
    // The page marks `vaultingSessionData` and others REQUIRED, so the body is no response...
    assert!(serde_json::from_slice::<CreateVaultingSessionResponse>(body).is_err());
    // ...but it decodes to the page's result code.
    match decode_response::<CreateVaultingSession>(body).unwrap() {
        Outcome::NotSuccess(result) => {
            assert_eq!(result.code, CreateVaultingSessionResultCode::ParamIllegal);
            assert_eq!(result.status, ResultStatus::Failure);
            assert_eq!(result.message, "illegal");
        }
        Outcome::Success(response) => panic!("decoded as success: {response:?}"),
    }
}

#[test]
fn result_codes_follow_their_table_and_keep_unknown_codes() {
    let code = PayResultCode::from_code("PARAM_ILLEGAL");
    assert_eq!(code, PayResultCode::ParamIllegal);
    assert_eq!(code.code(), "PARAM_ILLEGAL");
    assert_eq!(code.status(), Some(ResultStatus::Failure));
    assert!(
        code.message()
            .is_some_and(|m| m.starts_with("Required parameters are missing"))
    );
    assert_eq!(code.to_string(), "PARAM_ILLEGAL");
    assert!(!code.is_retryable());
    // U codes are resent with the same request ID...
    assert!(PayResultCode::UnknownException.is_retryable());
    // ...except PAYMENT_IN_PROCESS, for which the page says to open the cashier page instead.
    assert_eq!(
        PayResultCode::PaymentInProcess.status(),
        Some(ResultStatus::Unknown)
    );
    assert!(!PayResultCode::PaymentInProcess.is_retryable());

    let unknown = PayResultCode::from_code("BRAND_NEW_CODE");
    assert_eq!(unknown, PayResultCode::Unknown("BRAND_NEW_CODE".into()));
    assert_eq!((unknown.status(), unknown.message()), (None, None));
    assert!(!unknown.is_retryable());
    assert_eq!(unknown.to_string(), "BRAND_NEW_CODE");
}

#[test]
fn debug_masks_sensitive_fields() {
    // The card that vaultPaymentMethod sends, whose number and expiry date its page requires.
    let card: VaultPaymentMethodCard = serde_json::from_value(json!({
        "cardNo": "4111111111111111",
        "cvv": "123",
        "expiryYear": "29",
        "expiryMonth": "12",
        "brand": "VISA"
    }))
    .unwrap();
    let debug = format!("{card:?}");
    for secret in ["4111111111111111", "123", "\"29\"", "\"12\""] {
        assert!(!debug.contains(secret), "{secret} leaks in {debug}");
    }
    assert!(debug.contains("card_no: \"***\""), "{debug}");
    assert!(debug.contains("VISA"), "{debug}");
}

#[test]
fn visit_apis_lists_every_page_once() {
    #[derive(Default)]
    struct Names(Vec<&'static str>, Vec<&'static str>);
    impl antom::ApiVisitor for Names {
        fn visit<A: Api + 'static>(&mut self) {
            assert!(A::PATH.starts_with("/v1/"), "{}: {}", A::NAME, A::PATH);
            self.0.push(A::PATH);
        }
        fn visit_notification<N: antom::Notification + 'static>(&mut self) {
            self.1.push(N::NAME);
        }
    }
    let mut names = Names::default();
    visit_apis(&mut names);
    assert!(names.0.contains(&CreateVaultingSession::PATH));
    assert!(names.0.contains(&"/v1/payments/pay"));
    assert!(names.0.contains(&"/v1/payments/cancel"));
    assert!(names.0.contains(&"/v1/subscriptions/cancel"));
    assert!(names.1.contains(&"notifyVaulting"));
    let mut all = [names.0.clone(), names.1.clone()].concat();
    let count = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(
        all.len(),
        count,
        "an endpoint or notification is visited twice"
    );
    // Every endpoint and notification of the schemas in spec/, and nothing else (pages of one
    // endpoint, or of one notification, are one API): counted from spec/ itself, so that a
    // page dropped in keeps this green.
    let (paths, notifications) = apis_of_the_schemas();
    let mut visited = (names.0.clone(), names.1.clone());
    visited.0.sort_unstable();
    visited.1.sort_unstable();
    assert_eq!(visited.0, paths);
    assert_eq!(visited.1, notifications);
}

/// The endpoints' paths and the notifications' names that `spec/*.yaml` describe, each once,
/// in order.
fn apis_of_the_schemas() -> (Vec<String>, Vec<String>) {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let schemas = antom_codegen::pipeline::load_schemas(&spec).unwrap_or_else(|e| panic!("{e}"));
    let mut paths = std::collections::BTreeSet::new();
    let mut notifications = std::collections::BTreeSet::new();
    for page in &schemas.specs {
        match &page.spec.endpoint {
            Some(endpoint) => paths.insert(endpoint.path.clone()),
            None => notifications.insert(page.spec.api.clone()),
        };
    }
    assert!(!paths.is_empty() && !notifications.is_empty());
    (
        paths.into_iter().collect(),
        notifications.into_iter().collect(),
    )
}

#[test]
fn an_acknowledgement_whose_fields_the_page_fixes_needs_no_input() {
    let ack = antom::notifications::NotifyVaultingResponse::default();
    assert_eq!(
        serde_json::to_value(ack).unwrap(),
        json!({"result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}})
    );
    // Structs with only optional fields are built from `new()` (or `default()`).
    let buyer = antom::Buyer::new().buyer_email("wei.tan@example.com");
    assert_eq!(
        serde_json::to_value(buyer).unwrap(),
        json!({"buyerEmail": "wei.tan@example.com"})
    );
}

/// A value or code read before its page documented it is `Unknown`; once the page lists it, the
/// same text reads as its variant. The two are equal, hash alike, and print alike, so that a
/// value added to a page changes no comparison in merchants' code.
#[test]
fn a_value_read_as_unknown_equals_its_variant() {
    use std::collections::HashSet;
    let known = PayResultCode::ParamIllegal;
    let unknown = PayResultCode::Unknown("PARAM_ILLEGAL".into());
    assert_eq!(known, unknown);
    assert_ne!(known, PayResultCode::Unknown("PARAM_ILLEGAL ".into()));
    assert_eq!(HashSet::from([known.clone(), unknown.clone()]).len(), 1);
    assert_eq!(known.to_string(), unknown.to_string());

    let known = antom::TerminalType::from("WEB");
    let unknown = antom::TerminalType::Unknown("WEB".into());
    assert!(!matches!(known, antom::TerminalType::Unknown(_)));
    assert_eq!(known, unknown);
    assert_eq!(HashSet::from([known, unknown]).len(), 1);
}
