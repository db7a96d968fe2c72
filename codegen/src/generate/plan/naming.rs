//! Every naming decision of the plan: the Rust names of pages, models, fields, enums, variants
//! and result codes, each checked against the names already taken (see the policy in
//! [`super`]). The word rules (`is3DSAuthentication` → `is_3ds_authentication`) are in
//! [`names`](super::super::names).

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::spec::{ApiKind, ApiSpec, EnumValue, PageSpec, ResultCode};

use super::super::names::{self, model_type, snake, upper_camel};
use super::Field;
use super::params::Param;

/// Who holds each Rust type name so far, for messages about clashes.
pub(super) type Taken = BTreeMap<String, String>;

/// A page with the names it will be generated under.
pub(super) struct Identity<'a> {
    pub file: &'a str,
    pub spec: &'a ApiSpec,
    /// The module of the API's resource: `payments` for `/v1/payments/cancel`, `notifications`
    /// for a notification.
    pub resource: String,
    /// `Cancel`: the API's unit struct, unique within its resource.
    pub ident: String,
    /// `cancel`: the method of the resource's handle (`client.payments().cancel(..)`).
    pub method: String,
    /// `payments_cancel.rs`.
    pub file_name: String,
    /// The product the page documents its endpoint for, as the variant of the API's request
    /// (`TokenizedPayment` for `pay (Tokenized Payment)`); `None` for a page of no product.
    pub product: Option<String>,
    /// What the page's own types are named after: `{ident}{product}` for a product's page
    /// (`PayTokenizedPayment`), otherwise `ident`.
    pub prefix: String,
}

/// The types each page defines: `{Api}` and these suffixed names.
pub(super) const SUFFIXES: [&str; 4] = ["", "Request", "Response", "ResultCode"];

/// The module that holds the notifications.
pub(super) const NOTIFICATIONS: &str = "notifications";

/// The resource and the name of an API, from its path: `/v1/payments/cancel` is `payments` and
/// `cancel`, `/v1/merchants/settlementInfo/update` is `merchants` and `settlementInfo_update`.
/// A version segment (`v1`) is skipped; a path of one segment names the resource only, and the
/// page's title gives the name. A notification is in `notifications`, named by its title.
fn resource_and_name(spec: &ApiSpec) -> (String, String) {
    let Some(endpoint) = &spec.endpoint else {
        return (NOTIFICATIONS.to_owned(), spec.api.clone());
    };
    let mut segments: Vec<&str> = endpoint.path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.first().is_some_and(|s| {
        s.len() > 1 && s.starts_with('v') && s[1..].bytes().all(|b| b.is_ascii_digit())
    }) {
        segments.remove(0);
    }
    match segments.split_first() {
        Some((resource, rest)) if !rest.is_empty() => (snake(resource), rest.join("_")),
        Some((resource, _)) => (snake(resource), spec.api.clone()),
        None => ("api".to_owned(), spec.api.clone()),
    }
}

/// The pages that can be generated, in resource, name and file order, so that the pages of one
/// API (its products, or the pages of one notification) are next to each other; the others are
/// errors (pages of one endpoint that do not each name a product of their own, a name the
/// runtime uses, a name with no letter or digit, a request without endpoint).
pub(super) fn pages<'a>(specs: &'a [PageSpec], errors: &mut Vec<Diagnostic>) -> Vec<Identity<'a>> {
    let mut by_api: BTreeMap<(String, String), Vec<Identity<'a>>> = BTreeMap::new();
    let mut sorted: Vec<&PageSpec> = specs.iter().collect();
    sorted.sort_by(|a, b| a.file.cmp(&b.file));
    for PageSpec { file, spec } in sorted {
        if let Some(page) = identity(file, spec, errors) {
            by_api
                .entry((page.resource.clone(), page.ident.clone()))
                .or_default()
                .push(page);
        }
    }
    let mut pages = Vec::with_capacity(specs.len());
    for group in by_api.into_values() {
        pages.extend(products(group, errors));
    }
    pages
}

/// The identity of one page, or `None` (and an error) when it cannot have one.
fn identity<'a>(
    file: &'a str,
    spec: &'a ApiSpec,
    errors: &mut Vec<Diagnostic>,
) -> Option<Identity<'a>> {
    let mut error = |message: String| {
        errors.push(Diagnostic::error(file, 1, message));
        None
    };
    let (resource, name) = resource_and_name(spec);
    let ident = upper_camel(&name);
    let method = snake(&name);
    let api = &spec.api;
    if ident.is_empty() || resource.is_empty() || resource.starts_with("r#") {
        return error(format!(
            "API `{api}` has no ASCII letter or digit in its name or resource to make a Rust name of: expected a path such as `/v1/payments/pay`"
        ));
    }
    let product = match (&spec.kind, &spec.product) {
        (ApiKind::Request, Some(product)) => match upper_camel(product) {
            variant if variant.is_empty() => {
                return error(format!(
                    "API `{api}` names the product `{product}`, which has no ASCII letter or digit to make a Rust name of"
                ));
            }
            variant => Some(variant),
        },
        _ => None,
    };
    let prefix = format!("{ident}{}", product.as_deref().unwrap_or(""));
    if let Some(reserved) = SUFFIXES
        .iter()
        .map(|suffix| format!("{ident}{suffix}"))
        .chain(product.as_ref().map(|_| format!("{prefix}Request")))
        .find(|name| {
            names::RESERVED_TYPES.contains(&name.as_str()) || *name == upper_camel(&resource)
        })
    {
        return error(format!(
            "API `{api}` would define the type `{reserved}`, which the runtime, Rust or its resource's handle already uses"
        ));
    }
    if names::RESERVED_MODULES.contains(&resource.as_str())
        || names::RESERVED_METHODS.contains(&resource.as_str())
    {
        return error(format!(
            "API `{api}` would be in the module `{resource}`, whose name the runtime already uses"
        ));
    }
    if spec.kind == ApiKind::Request && spec.endpoint.is_none() {
        errors.push(Diagnostic::error(
            file,
            1,
            format!("request API `{api}` has no endpoint"),
        ));
    }
    let file_name = names::page_file(&format!("{resource}_{}", method.trim_start_matches("r#")));
    Some(Identity {
        file,
        spec,
        resource,
        ident,
        method,
        file_name,
        product,
        prefix,
    })
}

/// The pages of one API that can be generated together: the pages of one notification; the
/// pages of one endpoint when each names a product of its own (`pay (Tokenized Payment)`), in
/// file order; or one page of no product. Any other page is an error naming the one it clashes
/// with.
fn products<'a>(group: Vec<Identity<'a>>, errors: &mut Vec<Diagnostic>) -> Vec<Identity<'a>> {
    let mut kept: Vec<Identity<'a>> = Vec::with_capacity(group.len());
    for page in group {
        let clash = kept.iter().find(|other| {
            page.spec.kind != other.spec.kind
                || (page.spec.kind == ApiKind::Request
                    && (page.product.is_none()
                        || other.product.is_none()
                        || page.product == other.product))
        });
        match clash {
            Some(other) => errors.push(Diagnostic::error(
                page.file,
                1,
                format!(
                    "API `{}` is also described by {}: pages of one endpoint must each name a different product in their titles, as `pay (One-time Payments)` and `pay (Tokenized Payment)` do",
                    page.spec.api, other.file
                ),
            )),
            None => kept.push(page),
        }
    }
    kept
}

/// The type names taken before any model or enum is named: the runtime's, and every page's in
/// any module (a shared model of the same name would be shadowed in that page's module).
pub(super) fn taken(pages: &[Identity<'_>]) -> Taken {
    let mut taken = Taken::new();
    for r in names::RESERVED_TYPES {
        taken.insert((*r).to_owned(), "the runtime".to_owned());
    }
    for page in pages {
        taken
            .entry(upper_camel(&page.resource))
            .or_insert_with(|| format!("the handle of `{}`", page.resource));
        for suffix in SUFFIXES {
            taken
                .entry(format!("{}{suffix}", page.ident))
                .or_insert_with(|| page.file.to_owned());
        }
        if page.product.is_some() {
            taken
                .entry(format!("{}Request", page.prefix))
                .or_insert_with(|| page.file.to_owned());
        }
    }
    taken
}

/// The Rust name of model `name` (referenced first at `file:line`), unless it is taken.
pub(super) fn model(
    name: &str,
    (file, line): (&str, usize),
    taken: &mut Taken,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let rust = model_type(name);
    if let Some(owner) = taken.get(&rust) {
        errors.push(Diagnostic::error(
            file,
            line,
            format!("model `{name}` would be named `{rust}`, which {owner} already uses"),
        ));
        return None;
    }
    taken.insert(rust.clone(), format!("model `{name}`"));
    Some(rust)
}

/// The name of a model description that cannot be merged with the model's others: what its
/// page's types are named after and the field that holds it (`SupplyDefenseDocument` +
/// `result`), with `Value` after it until free.
pub(super) fn split_model(owner: &str, field: &str, taken: &mut Taken) -> String {
    let mut name = format!("{owner}{}", upper_camel(field));
    while taken.contains_key(&name) {
        name.push_str("Value");
    }
    taken.insert(name.clone(), format!("the `{field}` object of `{owner}`"));
    name
}

/// The Rust name of `p` in struct `owner`, unless it has none or an earlier field has it.
pub(super) fn field(
    owner: &str,
    p: &Param<'_>,
    earlier: &[Field],
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let ident = snake(p.name);
    let message = if ident.is_empty() {
        format!(
            "parameter `{}` has no ASCII letter or digit to make a Rust field name of: expected a name such as `paymentId`",
            p.name
        )
    } else if let Some(twin) = earlier.iter().find(|f| f.ident == ident) {
        format!(
            "parameters `{}` and `{}` of `{owner}` would both be the Rust field `{ident}`: expected names that differ in more than case and underscores",
            twin.wire, p.name
        )
    } else {
        return Some(ident);
    };
    errors.push(Diagnostic::error(p.file, p.line, message));
    None
}

/// The methods every generated struct has, from itself or a trait generated code calls by
/// method syntax: a setter of one of these names would shadow it.
const STRUCT_METHODS: &[&str] = &[
    "new",
    "validate",
    "validate_at",
    "clone",
    "clone_from",
    "fmt",
    "eq",
    "ne",
    "serialize",
    "deserialize",
    "default",
    "into",
    "from",
    "try_into",
    "to_owned",
    "borrow",
];

/// The setter of the optional field `ident`: its own name, or `set_{ident}` when that is a
/// method the struct already has.
pub(super) fn setter(ident: &str) -> String {
    if STRUCT_METHODS.contains(&ident) {
        format!("set_{ident}")
    } else {
        ident.to_owned()
    }
}

/// The name of the enum of field `field`: the field's own, with `Value` after it while a model
/// or another enum has it.
pub(super) fn enumeration(field: &str, taken: &mut Taken) -> String {
    let mut name = upper_camel(field);
    while taken.contains_key(&name) {
        name.push_str("Value");
    }
    taken.insert(name.clone(), format!("the enum of `{field}`"));
    name
}

/// The variants of a value set: each value's UpperCamelCase name, made unique, never `Unknown`
/// (the fallback variant) or `Self`; a value with no ASCII letter or digit is `Empty`.
pub(super) fn variants(values: &[EnumValue]) -> Vec<String> {
    let mut idents: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        let mut ident = upper_camel(&v.value);
        if ident.is_empty() {
            ident = "Empty".to_owned();
        }
        while matches!(ident.as_str(), "Unknown" | "Self") || idents.contains(&ident) {
            ident.push_str("Value");
        }
        idents.push(ident);
    }
    idents
}

/// The variant of result code `row`, unique among `earlier`, never `Unknown` or `Self`; a code
/// with no ASCII letter or digit is an error.
pub(super) fn code(
    file: &str,
    row: &ResultCode,
    earlier: &[&str],
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let mut ident = upper_camel(&row.code);
    if ident.is_empty() {
        errors.push(Diagnostic::error(
            file,
            row.line,
            format!(
                "result code `{}` has no ASCII letter or digit to make a Rust name of: expected a code such as `PARAM_ILLEGAL`",
                row.code
            ),
        ));
        return None;
    }
    while matches!(ident.as_str(), "Unknown" | "Self") || earlier.contains(&ident.as_str()) {
        ident.push_str("Code");
    }
    Some(ident)
}
