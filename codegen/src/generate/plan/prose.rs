//! The documentation of every generated item, in paragraphs: the page's own words, with the few
//! sentences the generator adds to say what an item is.

use crate::spec::{ApiKind, ApiSpec, Constraints, EnumValue, ResultCode, ResultStatus, Values};

use super::params::Param;
use super::{Field, Fixed, Product};

/// A model: the text of the fields that hold it when they all say the same, otherwise a
/// pointer to those fields, which say what it holds there.
pub(super) fn model(name: &str, description: &str) -> String {
    if description.is_empty() {
        format!(
            "The `{name}` object, used by several fields; each of them says what it holds there."
        )
    } else {
        description.to_owned()
    }
}

/// A page's request struct.
pub(super) fn request(spec: &ApiSpec) -> String {
    match spec.kind {
        ApiKind::Request => format!("The request body of `{}`.", spec.api),
        ApiKind::Notification => format!(
            "The body of `{}`: what Antom sends to the merchant.",
            spec.api
        ),
    }
}

/// A product's request struct: `The request body of `pay` for Tokenized Payment.`
pub(super) fn product_request(spec: &ApiSpec) -> String {
    match &spec.product {
        Some(product) => format!("The request body of `{}` for {product}.", spec.api),
        None => request(spec),
    }
}

/// The request enum of an API documented for products.
pub(super) fn products(spec: &ApiSpec, products: &[Product]) -> Vec<String> {
    let list: Vec<String> = products
        .iter()
        .map(|p| format!("`{}` ({})", p.request.name, p.title))
        .collect();
    vec![
        format!(
            "The request body of `{}`, for one of the products its pages document: build the \
             product's request ({}) and turn it into this with `.into()`.",
            spec.api,
            list.join(", ")
        ),
        "Each product's request is validated by its own page, and sends the values its page \
         fixes."
            .to_owned(),
    ]
}

/// What a body of none of an API's products is told: the values that select each.
pub(super) fn no_product(api: &str, products: &[Product]) -> String {
    let list: Vec<String> = products
        .iter()
        .map(|p| {
            let values: Vec<String> = p
                .selector
                .iter()
                .map(|(name, value)| format!("`{name}` `{value}`"))
                .collect();
            match values.is_empty() {
                true => p.title.clone(),
                false => format!("{} ({})", values.join(" and "), p.title),
            }
        })
        .collect();
    format!(
        "the body is of none of the products of `{api}`: expected {}",
        list.join(" or ")
    )
}

/// A page's response struct.
pub(super) fn response(spec: &ApiSpec) -> String {
    match spec.kind {
        ApiKind::Request => format!("The response body of `{}`.", spec.api),
        ApiKind::Notification => format!(
            "The merchant's acknowledgement of `{}`: what the merchant answers Antom.",
            spec.api
        ),
    }
}

/// A field: its description and notes, its possible values, then the facts the schema holds.
pub(super) fn field(p: &Param<'_>) -> Vec<String> {
    let mut docs = Vec::new();
    if !p.description.is_empty() {
        docs.push(p.description.to_owned());
    }
    docs.extend(p.notes.iter().cloned());
    // Closed sets and fixed values are the type's (an enum, a constant): documented there.
    let Constraints {
        max_length,
        max_items,
        range,
        values,
        default,
    } = &p.constraints;
    if let Some(Values::Open(values)) = values {
        if !values.is_empty() {
            let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            let sentence = format!("Some possible values: {}.", list.join(", "));
            if !docs.iter().any(|d| d.contains("possible values")) {
                docs.push(sentence);
            }
        }
    }
    let mut facts = Vec::new();
    if p.idempotency_key {
        facts.push("An API idempotency field.".to_owned());
    }
    if let Some(max) = max_length {
        facts.push(format!("Maximum length: {max} characters."));
    }
    if let Some(max) = max_items {
        facts.push(format!("Maximum size: {max} elements."));
    }
    if let Some(default) = default {
        facts.push(format!("Default: `{default}`."));
    }
    if let Some(range) = range {
        facts.push(match range.max {
            Some(max) => format!("Value range: {} - {max}.", range.min),
            None => format!("Value range: {} - unlimited.", range.min),
        });
    }
    if p.required {
        facts.push("Required.".to_owned());
    }
    if !facts.is_empty() {
        docs.push(facts.join(" "));
    }
    if docs.is_empty() {
        docs.push(format!("The `{}` field.", p.name));
    }
    docs
}

/// The sentence a struct with fixed fields adds: what it always sends instead of asking.
pub(super) fn fixed_fields(fields: &[Field]) -> Option<String> {
    let list: Vec<String> = fields
        .iter()
        .filter_map(|f| match f.fixed.as_ref()? {
            Fixed::Value(value) => Some(format!("`{}` to `{value}`", f.wire)),
            Fixed::Object(fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(name, value)| format!("\"{name}\": \"{value}\""))
                    .collect();
                Some(format!("`{}` to `{{{}}}`", f.wire, fields.join(", ")))
            }
        })
        .collect();
    (!list.is_empty()).then(|| {
        format!(
            "The page fixes {}: always sent, so not a field here.",
            list.join(" and ")
        )
    })
}

/// The enum of field `field`'s closed set.
/// `description` is the field's text when every page words it the same, else empty.
pub(super) fn enumeration(field: &str, description: &str) -> Vec<String> {
    let mut docs = Vec::new();
    if !description.is_empty() {
        docs.push(description.to_owned());
    }
    let pages = if description.is_empty() {
        " The pages word the field differently: each field says what it holds there."
    } else {
        ""
    };
    docs.push(format!(
        "The valid values of `{field}` on every page that lists them, with a fallback for values the pages do not list. Each request accepts only the values of its own page.{pages}"
    ));
    docs
}

/// One value of a closed set: the value, then what the page says it means.
pub(super) fn variant(value: &EnumValue) -> String {
    let mut text = format!("`{}`", value.value);
    if !value.description.is_empty() {
        text.push_str(": ");
        text.push_str(&value.description);
    }
    text
}

/// An API's unit struct: its title and summary (once, when the description repeats it), its
/// description, the page's notes and its endpoint.
pub(super) fn api(spec: &ApiSpec) -> Vec<String> {
    let api = &spec.api;
    let heading = match &spec.product {
        Some(product) => format!("`{api}` ({product})"),
        None => format!("`{api}`"),
    };
    let mut doc = match spec.description.as_str() {
        "" => vec![format!("{heading}: {}", spec.summary)],
        more if more.starts_with(&spec.summary) => vec![format!("{heading}: {more}")],
        other => vec![format!("{heading}: {}", spec.summary), other.to_owned()],
    };
    doc.extend(spec.notes.iter().cloned());
    if let Some(endpoint) = &spec.endpoint {
        doc.push(format!("`{} {}`", endpoint.method, endpoint.path));
    }
    doc
}

/// An API's unit struct from its pages: one page's documentation ([`api`]), or, for several,
/// each page's title and summary, then the endpoint.
pub(super) fn api_of(pages: &[(&str, &ApiSpec)]) -> Vec<String> {
    match pages {
        [] => Vec::new(),
        [(_, spec)] => api(spec),
        [(_, first), ..] => {
            let mut doc = vec![match first.product {
                Some(_) => format!(
                    "`{}`, which its pages document for {} products:",
                    first.api,
                    pages.len()
                ),
                None => format!(
                    "`{}`, which {} pages describe, each for its own case:",
                    first.api,
                    pages.len()
                ),
            }];
            for (_, spec) in pages {
                doc.push(match &spec.product {
                    Some(product) => format!("- {product}: {}", spec.summary),
                    None => format!("- {}", spec.summary),
                });
            }
            if let Some(endpoint) = &first.endpoint {
                doc.push(format!("`{} {}`", endpoint.method, endpoint.path));
            }
            doc
        }
    }
}

/// A resource module: the APIs under its path, or the notifications.
pub(super) fn resource(first: &ApiSpec, name: &str) -> Vec<String> {
    match &first.endpoint {
        Some(endpoint) => {
            let prefix = endpoint
                .path
                .find(&format!("/{name}"))
                .map_or(endpoint.path.as_str(), |at| &endpoint.path[..at]);
            vec![format!(
                "The APIs under `{prefix}/{name}/`, called through `client.{name}()`."
            )]
        }
        None => vec![
            "The notifications Antom sends to the merchant: verify one with \
             `Client::verify_notification` and answer with `Client::acknowledge_notification`."
                .to_owned(),
        ],
    }
}

/// The handle of a resource's APIs.
pub(super) fn handle(name: &str) -> Vec<String> {
    vec![format!(
        "The `{name}` APIs of a `Client`, from `client.{name}()`: each method validates, signs and \
         sends its request and verifies the answer."
    )]
}

/// The client's accessor of a resource's handle.
pub(super) fn accessor(name: &str) -> Vec<String> {
    vec![format!("The APIs under `{name}`: see [`crate::{name}`].")]
}

/// An API's client method.
pub(super) fn method(spec: &ApiSpec, ident: &str) -> Vec<String> {
    match spec.product {
        Some(_) => vec![
            format!(
                "Calls `{}` for one of its products: pass the product's request with `.into()` \
                 (see [`{ident}Request`]).",
                spec.api
            ),
            format!("See [`{ident}`]."),
        ],
        None => vec![
            format!("Calls `{}`: {}", spec.api, spec.summary),
            format!("See [`{ident}`]."),
        ],
    }
}

/// An API's result-code enum, with each page's result process logic.
pub(super) fn result_codes(pages: &[(&str, &ApiSpec)]) -> Vec<String> {
    let Some((_, first)) = pages.first() else {
        return Vec::new();
    };
    let mut doc = vec![match pages.len() {
        1 => format!(
            "The result codes of `{}`, as its page lists them.",
            first.api
        ),
        _ => format!(
            "The result codes of `{}`, as its pages list them: a code is retryable only where \
             every page that lists it says so.",
            first.api
        ),
    }];
    for (_, spec) in pages {
        if spec.result_process.is_empty() {
            continue;
        }
        doc.push(match (&spec.product, pages.len()) {
            (Some(product), 2..) => format!("The result process logic for {product}:"),
            _ => "The page's result process logic:".to_owned(),
        });
        doc.extend(
            spec.result_process
                .iter()
                .map(|p| format!("`{}`: {}", p.status.letter(), p.action)),
        );
    }
    doc
}

/// One result code: code, status and message, then the further action.
pub(super) fn code(row: &ResultCode) -> Vec<String> {
    let status = match row.status {
        Some(status) => format!("status `{}`", status.letter()),
        None => "no status on the page".to_owned(),
    };
    let mut paragraphs = vec![format!("`{}` ({status}): {}", row.code, row.message)];
    if !row.action.is_empty() {
        paragraphs.push(format!("Further action: {}", row.action));
    }
    paragraphs
}

/// A result status as the pages write it, or `none` when the page gives none.
pub(super) fn status(status: Option<ResultStatus>) -> &'static str {
    status.map_or("none", ResultStatus::letter)
}
