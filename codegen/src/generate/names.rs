//! Rust names for wire names: `is3DSAuthentication` → `is_3ds_authentication`,
//! `PARAM_ILLEGAL` → `ParamIllegal`, `type` → `r#type`.

/// Splits a wire name into lower-case words.
///
/// A word ends at a lower-case letter or digit followed by an upper-case letter (`vaultingRequest`),
/// at a letter followed by a digit (`is3`), before the last capital of a run of capitals followed
/// by a lower-case letter (`DSAuthentication` → `DS`, `Authentication`), and at anything that is
/// not a letter or digit (`PARAM_ILLEGAL`, `en-US`). Digits followed by capitals stay together
/// (`3DS`), so that `is3DSAuthentication` gives `is`, `3ds`, `authentication`, unless the capital
/// starts a capitalized word (`ISO3166Code` → `iso`, `3166`, `code`).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).map(|p| &chars[p]) {
            let next = chars.get(i + 1).copied();
            let boundary = (c.is_ascii_uppercase() && (prev.is_ascii_lowercase()))
                || (c.is_ascii_digit() && prev.is_ascii_alphabetic())
                || (c.is_ascii_uppercase()
                    && prev.is_ascii_digit()
                    && next.is_some_and(|n| n.is_ascii_lowercase()))
                || (c.is_ascii_uppercase()
                    && prev.is_ascii_uppercase()
                    && next.is_some_and(|n| n.is_ascii_lowercase()));
            if boundary && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `UpperCamelCase` for a type or variant; `N` is put before a leading digit.
pub fn upper_camel(name: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'N');
    }
    out
}

/// `snake_case` for a field or function; keywords become raw identifiers (`r#type`), the few
/// that cannot be raw get a trailing `_`, and `n_` is put before a leading digit.
pub fn snake(name: &str) -> String {
    let mut out = words(name).join("_");
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "n_");
    }
    if matches!(out.as_str(), "self" | "super" | "crate" | "extern" | "_") {
        out.push('_');
    } else if is_keyword(&out) {
        out.insert_str(0, "r#");
    }
    out
}

/// What serde's `rename_all = "camelCase"` makes of a snake_case field name: when it equals the
/// wire name, the field needs no `#[serde(rename)]`.
pub fn serde_camel(field: &str) -> String {
    let field = field.strip_prefix("r#").unwrap_or(field);
    let mut out = String::with_capacity(field.len());
    let mut capitalize = false;
    for c in field.chars() {
        if c == '_' {
            capitalize = true;
        } else if capitalize {
            out.push(c.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "dyn"
            | "else"
            | "enum"
            | "false"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "try"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
    )
}

/// Type names the runtime defines at the crate root or imports into generated code: no
/// generated type may take them (the crate root's explicit re-exports would silently hide a
/// generated item of the same name, and a generated item would shadow the prelude's).
/// `codegen/tests/reserved_names.rs` checks that every name `src/lib.rs` re-exports and every
/// name `src/prelude.rs` imports is here.
pub const RESERVED_TYPES: &[&str] = &[
    "AnyResultCode",
    "Api",
    "ApiVisitor",
    "BoxError",
    "BuildError",
    "CallOptions",
    "CallResult",
    "Client",
    "ClientBuilder",
    "Decimal",
    "DecimalError",
    "DecodeError",
    "Error",
    "HeaderError",
    "KeyError",
    "Notification",
    "Outcome",
    "Path",
    "PrivateKey",
    "PublicKey",
    "ResponseBody",
    "Result",
    "ResultCode",
    "ResultStatus",
    "RetryPolicy",
    "Rule",
    "Uncertainty",
    "UnknownNotification",
    "Validate",
    "ValidationError",
    "Violation",
    "Webhook",
    // The runtime's prelude of generated code (`src/prelude.rs`), beside the runtime's own.
    "BTreeMap",
    "Deserialize",
    "OffsetDateTime",
    "Serialize",
    // Rust's prelude.
    "Box",
    "Option",
    "Self",
    "String",
    "Vec",
];

/// The methods of the runtime's `Client`, private ones included: no API's method may take them.
/// `codegen/tests/reserved_names.rs` checks that every method of `Client` is here.
pub const RESERVED_METHODS: &[&str] = &[
    "acknowledge_notification",
    "authenticate_notification",
    "builder",
    "call",
    "client_id",
    "is_sandbox",
    "path",
    "read_response",
    "send",
    "settle",
    "settle_or_cancel",
    "validated_send",
    "verify_notification",
    "webhook",
    "with_options",
];

/// The modules the runtime defines at the crate root, and the other lowercase names it exports
/// there: no resource module may take them (the crate root's own item would hide it).
/// `codegen/tests/reserved_names.rs` checks them against `src/lib.rs`.
pub const RESERVED_MODULES: &[&str] = &[
    "api",
    "client",
    "decode_response",
    "error",
    "gateway",
    "generated",
    "http",
    "money",
    "notification",
    "prelude",
    "reqwest",
    "resolve",
    "retry",
    "signing",
    "text_enum",
    "validate",
    "visit_apis",
    "webhook",
    "wire",
];

/// The file a page's code is written to: its snake_case name (without `r#`), with `_api` after
/// it when that would be the name of one of the generator's own files (`mod.rs`, `models.rs`).
pub fn page_file(snake: &str) -> String {
    let stem = snake.strip_prefix("r#").unwrap_or(snake);
    if matches!(stem, "mod" | "models") {
        format!("{stem}_api.rs")
    } else {
        format!("{stem}.rs")
    }
}

/// The Rust name of a model: its documented name, or, when that is taken by the runtime or the
/// standard prelude (`Result`), the name with `Api` in front (`ApiResult`).
pub fn model_type(name: &str) -> String {
    let camel = upper_camel(name);
    if RESERVED_TYPES.contains(&camel.as_str()) {
        format!("Api{camel}")
    } else {
        camel
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        for (wire, rust) in [
            ("is3DSAuthentication", "is_3ds_authentication"),
            ("vaultingRequestId", "vaulting_request_id"),
            ("paymentMethodType", "payment_method_type"),
            ("type", "r#type"),
            ("self", "self_"),
            ("3dsResult", "n_3ds_result"),
            ("cardNo", "card_no"),
            ("ISO3166Code", "iso_3166_code"),
            ("eci", "eci"),
            ("threeDSResult", "three_ds_result"),
            ("SKU", "sku"),
        ] {
            assert_eq!(snake(wire), rust, "{wire}");
        }
    }

    #[test]
    fn type_and_variant_names() {
        for (wire, rust) in [
            ("createVaultingSession", "CreateVaultingSession"),
            ("PARAM_ILLEGAL", "ParamIllegal"),
            ("CARD", "Card"),
            ("S", "S"),
            ("en-US", "EnUs"),
            ("3D", "N3d"),
            ("GooglePay", "GooglePay"),
            ("ALIPAY_CN", "AlipayCn"),
        ] {
            assert_eq!(upper_camel(wire), rust, "{wire}");
        }
        assert_eq!(model_type("Result"), "ApiResult");
        assert_eq!(model_type("Amount"), "Amount");
        assert_eq!(model_type("Error"), "ApiError");
    }

    #[test]
    fn serde_camel_case_tells_which_fields_need_a_rename() {
        assert_eq!(serde_camel("vaulting_request_id"), "vaultingRequestId");
        assert_eq!(serde_camel("is_3ds_authentication"), "is3dsAuthentication");
        assert_eq!(serde_camel("r#type"), "type");
    }
}
