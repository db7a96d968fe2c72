//! Hand-built schemas for the generator's tests: a request page and a notification page that
//! share models and describe one of them differently.

use crate::spec::*;

fn param(name: &str, ty: &str, required: bool, line: usize) -> Parameter {
    Parameter {
        description: format!("The {name}."),
        ..Parameter::new(
            name.into(),
            ty.parse().expect("fixture type"),
            required,
            line,
        )
    }
}

fn result(line: usize) -> Parameter {
    Parameter {
        children: vec![
            Parameter {
                max_length: Some(64),
                ..param("resultCode", "String", true, line + 1)
            },
            Parameter {
                values: Some(Values::Closed(vec![
                    EnumValue {
                        value: "S".into(),
                        description: "Success.".into(),
                    },
                    EnumValue {
                        value: "F".into(),
                        description: "Failure.".into(),
                    },
                    EnumValue {
                        value: "U".into(),
                        description: "Unknown.".into(),
                    },
                ])),
                ..param("resultStatus", "String", true, line + 2)
            },
            param("resultMessage", "String", false, line + 3),
        ],
        ..param("result", "Result", true, line)
    }
}

fn amount(line: usize, value_max: Option<u32>, currency_required: bool) -> Parameter {
    Parameter {
        children: vec![
            Parameter {
                max_length: Some(3),
                ..param("currency", "String", currency_required, line + 1)
            },
            Parameter {
                max_length: value_max,
                ..param("value", "String", true, line + 2)
            },
        ],
        ..param("amount", "Amount", true, line)
    }
}

/// `createVaultingSession`-like request page.
pub fn request_page() -> ApiSpec {
    ApiSpec {
        api: "createVaultingSession".into(),
        title: None,
        source: "vaulting_session.md".into(),
        kind: ApiKind::Request,
        endpoint: Some(Endpoint {
            method: "POST".into(),
            path: "/v1/vaults/createVaultingSession".into(),
            line: 5,
        }),
        summary: "Creates a vaulting session.".into(),
        description: String::new(),
        request: vec![
            Parameter {
                values: Some(Values::Fixed("CARD".into())),
                max_length: Some(64),
                ..param("paymentMethodType", "String", true, 10)
            },
            Parameter {
                max_length: Some(64),
                idempotency_key: true,
                notes: vec!["Note: keep it unique [per merchant].".into()],
                ..param("vaultingRequestId", "String", true, 20)
            },
            param("is3DSAuthentication", "Boolean", false, 30),
            Parameter {
                range: Some(ValueRange { min: 1, max: Some(10) }),
                ..param("count", "Integer", false, 35)
            },
            Parameter {
                values: Some(Values::Closed(vec![
                    EnumValue { value: "ENABLED".into(), description: "On.".into() },
                    EnumValue { value: "DISABLED".into(), description: "Off.".into() },
                ])),
                ..param("mode", "String", false, 38)
            },
            amount(40, Some(16), true),
            Parameter {
                children: vec![
                    Parameter {
                        max_length: Some(8),
                        ..param("goodsName", "String", true, 51)
                    },
                    Parameter {
                        sensitive: true,
                        ..param("cardNo", "String", false, 52)
                    },
                ],
                ..param("goods", "Array<Goods>", false, 50)
            },
            Parameter {
                values: Some(Values::Open(vec!["US".into(), "SG".into()])),
                ..param("merchantRegion", "String", false, 60)
            },
        ],
        response: vec![
            result(70),
            param("vaultingSessionExpiryTime", "Datetime", true, 80),
            param("quotePrice", "Decimal", false, 85),
        ],
        result_process: vec![ResultProcess {
            status: ResultStatus::U,
            action: "If result.resultCode is VERIFICATION_IN_PROCESS, wait. For any other code, call again with the same ID.".into(),
        }],
        result_codes: vec![ResultCodeTable {
            title: "Result/Error codes".into(),
            line: 90,
            codes: vec![
                ResultCode { code: "SUCCESS".into(), status: ResultStatus::S, message: "Success".into(), action: "No further action.".into(), line: 92 },
                ResultCode { code: "PARAM_ILLEGAL".into(), status: ResultStatus::F, message: "Illegal parameters.".into(), action: "Check the request.".into(), line: 93 },
                ResultCode { code: "UNKNOWN_EXCEPTION".into(), status: ResultStatus::U, message: "Unknown.".into(), action: "Call the API again.".into(), line: 94 },
                ResultCode { code: "VERIFICATION_IN_PROCESS".into(), status: ResultStatus::U, message: "Verifying.".into(), action: "Wait.".into(), line: 95 },
            ],
        }],
        examples: vec![
            Example {
                body: ExampleBody::Request,
                title: "Request".into(),
                line: 100,
                json: "{\n  \"paymentMethodType\": \"CARD\",\n  \"vaultingRequestId\": \"r1\",\n  \"is3DSAuthentication\": \"false\",\n  \"amount\": {\"currency\": \"USD\", \"value\": \"100\"},\n  \"extra\": \"x\"\n}".into(),
            },
            Example {
                body: ExampleBody::Response,
                title: "Response".into(),
                line: 110,
                json: "{\"result\": {\"resultCode\": \"SUCCESS\", \"resultStatus\": \"S\", \"resultMessage\": \"success.\"}, \"vaultingSessionExpiryTime\": \"2025-04-24T18:17:16+08:00\"}".into(),
            },
        ],
    }
}

/// `notifyVaulting`-like notification page: `Amount` with another maximum and `currency` optional.
pub fn notification_page() -> ApiSpec {
    ApiSpec {
        api: "notifyVaulting".into(),
        title: None,
        source: "notify_vaulting.md".into(),
        kind: ApiKind::Notification,
        endpoint: None,
        summary: "Antom tells the merchant the vaulting result.".into(),
        description: String::new(),
        request: vec![
            amount(10, None, false),
            Parameter {
                values: Some(Values::Closed(vec![
                    EnumValue {
                        value: "ENABLED".into(),
                        description: String::new(),
                    },
                    EnumValue {
                        value: "DISABLED".into(),
                        description: String::new(),
                    },
                ])),
                ..param("mode", "String", true, 20)
            },
            Parameter {
                values: Some(Values::Closed(vec![EnumValue {
                    value: "A".into(),
                    description: String::new(),
                }])),
                ..param("type", "String", true, 25)
            },
        ],
        response: vec![result(30)],
        result_process: Vec::new(),
        result_codes: Vec::new(),
        examples: Vec::new(),
    }
}

/// Both pages, as (page path, schema).
pub fn pages() -> Vec<(String, ApiSpec)> {
    vec![
        ("spec/vaulting_session.md".into(), request_page()),
        ("spec/notify_vaulting.md".into(), notification_page()),
    ]
}
