//! The plan as Rust tokens: one file for the shared models and enums, one per page, and an entry
//! file that imports what they use, includes them and lists every API for `visit_apis`.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::spec::{ApiKind, ExampleBody, ResultStatus};

use super::docs;
use super::plan::{Code, Enum, Field, FieldType, Fixed, Page, Plan, Struct};

/// A Rust identifier; `r#type` becomes a raw identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The shared models and field enums.
pub fn models(plan: &Plan<'_>) -> TokenStream {
    let enums = plan.enums.iter().map(value_enum);
    let structs = plan.models.iter().map(structure);
    quote! { #(#enums)* #(#structs)* }
}

/// Everything one page defines.
pub fn page(page: &Page<'_>, client: bool) -> TokenStream {
    let api = api(page);
    let request = structure(&page.request);
    let response = structure(&page.response);
    let codes = result_codes(page);
    let method = if client && page.spec.kind == ApiKind::Request {
        client_method(page)
    } else {
        TokenStream::new()
    };
    quote! { #api #method #request #response #codes }
}

/// `visit_apis`.
pub fn visit_apis(plan: &Plan<'_>) -> TokenStream {
    let calls = plan.pages.iter().map(|p| {
        let ty = ident(&p.ident);
        match p.spec.kind {
            ApiKind::Request => quote! { visitor.visit::<#ty>(); },
            ApiKind::Notification => quote! { visitor.visit_notification::<#ty>(); },
        }
    });
    quote! {
        /// Calls `visitor` once for every API and notification generated from `spec/`, in name
        /// order: generic code (tests, the mock server) covers every page without naming one.
        pub fn visit_apis(visitor: &mut impl ApiVisitor) {
            #(#calls)*
        }
    }
}

fn rust_type(ty: &FieldType) -> TokenStream {
    match ty {
        FieldType::String => quote!(String),
        FieldType::Integer => quote!(i64),
        FieldType::Decimal => quote!(Decimal),
        FieldType::Boolean => quote!(bool),
        FieldType::Datetime => quote!(OffsetDateTime),
        FieldType::Enum(name) | FieldType::Model(name) => {
            let name = ident(name);
            quote!(#name)
        }
        FieldType::ResultStatus => quote!(ResultStatus),
        FieldType::Json => quote!(serde_json::Value),
        FieldType::Array(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
    }
}

/// The `wire` module a field is (de)serialized with, for scalars JSON carries as strings.
fn wire_module(field: &Field) -> Option<String> {
    let base = match &field.ty {
        FieldType::Integer | FieldType::Boolean | FieldType::Datetime => "scalar",
        FieldType::Array(inner) => match **inner {
            FieldType::Integer | FieldType::Boolean | FieldType::Datetime => "vec_scalar",
            _ => return None,
        },
        _ => return None,
    };
    Some(if field.required {
        format!("wire::{base}")
    } else {
        format!("wire::option_{base}")
    })
}

fn structure(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let mut docs_text = s.docs.clone();
    let fixed: Vec<&Field> = s.fields.iter().filter(|f| f.fixed.is_some()).collect();
    if !fixed.is_empty() {
        let list: Vec<String> = fixed
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
        docs_text.push(format!(
            "The page fixes {}: always sent, so not a field here.",
            list.join(" and ")
        ));
    }
    let docs = docs::attrs(&docs_text);
    let fields: Vec<&Field> = s.fields.iter().filter(|f| f.fixed.is_none()).collect();
    let field_defs = fields.iter().map(|f| {
        let docs = docs::attrs(&f.docs);
        let id = ident(&f.ident);
        let inner = rust_type(&f.ty);
        let ty = if f.required {
            inner
        } else {
            quote!(Option<#inner>)
        };
        let mut serde = Vec::new();
        if super::names::serde_camel(&f.ident) != f.wire {
            let wire = &f.wire;
            serde.push(quote!(rename = #wire));
        }
        if !f.required {
            serde.push(quote!(default, skip_serializing_if = "Option::is_none"));
        }
        if let Some(module) = wire_module(f) {
            serde.push(quote!(with = #module));
        }
        let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
        quote! { #docs #serde pub #id: #ty, }
    });
    let sensitive = fields.iter().any(|f| f.sensitive);
    // `Debug` is written out when it must mask fields, `Serialize` when it must send fixed
    // ones; `Default` when there is nothing to ask of the caller (`..Default::default()`).
    let mut derives = Vec::new();
    if !sensitive {
        derives.push(quote!(Debug));
    }
    derives.push(quote!(Clone));
    if fields.iter().all(|f| !f.required) {
        derives.push(quote!(Default));
    }
    derives.extend([quote!(PartialEq), quote!(Deserialize)]);
    if fixed.is_empty() {
        derives.push(quote!(Serialize));
    }
    let debug = sensitive.then(|| debug_impl(s, &fields));
    let serialize = (!fixed.is_empty()).then(|| serialize_impl(s));
    let validate = validate_impl(s, &fields);
    quote! {
        #docs
        #[derive(#(#derives),*)]
        #[serde(rename_all = "camelCase")]
        pub struct #name {
            #(#field_defs)*
        }
        #debug
        #serialize
        #validate
    }
}

fn debug_impl(s: &Struct, fields: &[&Field]) -> TokenStream {
    let name = ident(&s.name);
    let name_str = &s.name;
    let entries = fields.iter().map(|f| {
        let id = ident(&f.ident);
        let label = f.ident.trim_start_matches("r#");
        match (f.sensitive, f.required) {
            (false, _) => quote!(.field(#label, &self.#id)),
            (true, true) => quote!(.field(#label, &"***")),
            (true, false) => quote!(.field(#label, &self.#id.as_ref().map(|_| "***"))),
        }
    });
    quote! {
        /// Prints sensitive fields as `***`.
        impl fmt::Debug for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(#name_str)
                    #(#entries)*
                    .finish()
            }
        }
    }
}

fn serialize_impl(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let name_str = &s.name;
    let count = Literal::usize_unsuffixed(s.fields.len());
    let entries = s.fields.iter().map(|f| {
        let wire = &f.wire;
        match &f.fixed {
            Some(Fixed::Value(value)) => return quote!(state.serialize_field(#wire, #value)?;),
            Some(Fixed::Object(fields)) => {
                let (names, values): (Vec<&String>, Vec<&String>) =
                    fields.iter().map(|(n, v)| (n, v)).unzip();
                return quote! {
                    state.serialize_field(#wire, &wire::FixedObject(&[#((#names, #values)),*]))?;
                };
            }
            None => {}
        }
        let id = ident(&f.ident);
        let value = |v: TokenStream| match &f.ty {
            FieldType::Integer | FieldType::Boolean | FieldType::Datetime => {
                quote!(&wire::Scalar(#v))
            }
            _ => v,
        };
        if f.required {
            let v = value(quote!(&self.#id));
            quote!(state.serialize_field(#wire, #v)?;)
        } else {
            let v = value(quote!(value));
            quote! {
                match &self.#id {
                    Some(value) => state.serialize_field(#wire, #v)?,
                    None => state.skip_field(#wire)?,
                }
            }
        }
    });
    quote! {
        /// Written out rather than derived, to send the fields the page fixes.
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let mut state = serializer.serialize_struct(#name_str, #count)?;
                #(#entries)*
                state.end()
            }
        }
    }
}

fn validate_impl(s: &Struct, fields: &[&Field]) -> TokenStream {
    let name = ident(&s.name);
    let checks: Vec<TokenStream> = fields.iter().filter_map(|f| field_checks(f)).collect();
    let (path, violations) = if checks.is_empty() {
        (quote!(_path), quote!(_violations))
    } else {
        (quote!(path), quote!(violations))
    };
    quote! {
        impl Validate for #name {
            fn validate_at(&self, #path: &Path<'_>, #violations: &mut Vec<Violation>) {
                #(#checks)*
            }
        }
    }
}

/// How generated code reaches a value: by reference, as the receiver of a method call, and by
/// copy (for `i64`).
struct Access {
    by_ref: TokenStream,
    receiver: TokenStream,
    by_copy: TokenStream,
}

impl Access {
    /// A field of `self`.
    fn field(id: &Ident) -> Self {
        Access {
            by_ref: quote!(&self.#id),
            receiver: quote!(self.#id),
            by_copy: quote!(self.#id),
        }
    }

    /// A variable holding a reference.
    fn reference(name: &str) -> Self {
        let id = ident(name);
        Access {
            by_ref: quote!(#id),
            receiver: quote!(#id),
            by_copy: quote!(*#id),
        }
    }
}

/// The checks of one value of field `f` of type `ty`, found at `path`.
fn value_checks(
    f: &Field,
    ty: &FieldType,
    value: &Access,
    path: TokenStream,
    required: bool,
) -> TokenStream {
    let mut checks = Vec::new();
    match ty {
        FieldType::String | FieldType::Decimal => {
            let text = &value.by_ref;
            if required && *ty == FieldType::String {
                checks.push(quote!(validate::required(#text, #path, violations);));
            }
            if let Some(max) = f.max_length {
                let max = Literal::u32_unsuffixed(max);
                checks.push(quote!(validate::max_length(#text, #max, #path, violations);));
            }
        }
        FieldType::Integer => {
            if let Some(range) = &f.range {
                let min = Literal::i64_unsuffixed(range.min);
                let max = match range.max {
                    Some(max) => {
                        let max = Literal::i64_unsuffixed(max);
                        quote!(Some(#max))
                    }
                    None => quote!(None),
                };
                let copy = &value.by_copy;
                checks.push(quote!(validate::range(#copy, #min, #max, #path, violations);));
            }
        }
        FieldType::Enum(_) | FieldType::Model(_) => {
            let receiver = &value.receiver;
            checks.push(quote!(#receiver.validate_at(#path, violations);));
        }
        FieldType::Array(inner) => {
            let item = value_checks(
                f,
                inner,
                &Access::reference("item"),
                quote!(&Path::Index(#path, index)),
                false,
            );
            if !item.is_empty() {
                let receiver = &value.receiver;
                checks.push(quote! {
                    for (index, item) in #receiver.iter().enumerate() {
                        #item
                    }
                });
            }
        }
        FieldType::Boolean | FieldType::Datetime | FieldType::ResultStatus | FieldType::Json => {}
    }
    quote!(#(#checks)*)
}

/// The checks of field `f`. An optional field is checked in place (the runtime's checks, and
/// `Validate` for `Option`, pass an absent value), except arrays, whose items need a loop.
fn field_checks(f: &Field) -> Option<TokenStream> {
    let id = ident(&f.ident);
    let wire = &f.wire;
    let path = quote!(&path.field(#wire));
    if f.required || !matches!(f.ty, FieldType::Array(_)) {
        let checks = value_checks(f, &f.ty, &Access::field(&id), path, f.required);
        (!checks.is_empty()).then_some(checks)
    } else {
        let checks = value_checks(f, &f.ty, &Access::reference("value"), path, false);
        (!checks.is_empty()).then(|| {
            quote! {
                if let Some(value) = &self.#id {
                    #checks
                }
            }
        })
    }
}

fn value_enum(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let docs = docs::attrs(&e.docs);
    let variants = e.variants.iter().map(|v| {
        let id = ident(&v.ident);
        let mut text = format!("`{}`", v.wire);
        if !v.docs.is_empty() {
            text.push_str(": ");
            text.push_str(&v.docs);
        }
        let docs = docs::attrs(&[text]);
        quote!(#docs #id,)
    });
    let wires: Vec<&String> = e.variants.iter().map(|v| &v.wire).collect();
    let ids: Vec<Ident> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value the pages do not document, kept as received: Antom adds values over time.
            /// In a request it is a validation error; build documented values from their variant
            /// or with `From<&str>`.
            Unknown(String),
        }

        impl #name {
            /// The documented values, as sent on the wire.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#ids => #wires,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#wires => Self::#ids,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                wire::deserialize_enum(deserializer)
            }
        }

        impl Validate for #name {
            fn validate_at(&self, path: &Path<'_>, violations: &mut Vec<Violation>) {
                if let Self::Unknown(value) = self {
                    violations.push(Violation::new(
                        path,
                        Rule::OneOf { allowed: Self::VALUES, actual: value.clone() },
                    ));
                }
            }
        }
    }
}

fn status_path(status: ResultStatus) -> TokenStream {
    match status {
        ResultStatus::S => quote!(ResultStatus::Success),
        ResultStatus::F => quote!(ResultStatus::Failure),
        ResultStatus::U => quote!(ResultStatus::Unknown),
    }
}

fn code_docs(c: &Code) -> TokenStream {
    let status = c.status.letter();
    let mut paragraphs = vec![format!("`{}` (status `{status}`): {}", c.code, c.message)];
    if !c.action.is_empty() {
        paragraphs.push(format!("Further action: {}", c.action));
    }
    docs::attrs(&paragraphs)
}

fn result_codes(page: &Page<'_>) -> TokenStream {
    let name = format_ident!("{}ResultCode", page.ident);
    let api = &page.spec.api;
    let mut doc = vec![format!(
        "The result codes of `{api}`, as its page lists them."
    )];
    if !page.spec.result_process.is_empty() {
        doc.push("The page's result process logic:".to_owned());
        doc.extend(
            page.spec
                .result_process
                .iter()
                .map(|p| format!("`{:?}`: {}", p.status, p.action)),
        );
    }
    let docs = docs::attrs(&doc);
    let codes = &page.codes;
    let variants = codes.iter().map(|c| {
        let docs = code_docs(c);
        let id = ident(&c.ident);
        quote!(#docs #id,)
    });
    let ids: Vec<Ident> = codes.iter().map(|c| ident(&c.ident)).collect();
    let wires: Vec<&String> = codes.iter().map(|c| &c.code).collect();
    let messages: Vec<&String> = codes.iter().map(|c| &c.message).collect();
    let mut status_arms = Vec::new();
    for status in [ResultStatus::S, ResultStatus::F, ResultStatus::U] {
        let of: Vec<Ident> = codes
            .iter()
            .filter(|c| c.status == status)
            .map(|c| ident(&c.ident))
            .collect();
        if !of.is_empty() {
            let value = status_path(status);
            status_arms.push(quote!(#(Self::#of)|* => Some(#value),));
        }
    }
    let retryable: Vec<Ident> = codes
        .iter()
        .filter(|c| c.retryable)
        .map(|c| ident(&c.ident))
        .collect();
    let is_retryable = if retryable.is_empty() {
        quote!(false)
    } else {
        quote!(matches!(self, #(Self::#retryable)|*))
    };
    let trait_body = if codes.is_empty() {
        // The page lists no codes: every code is unknown.
        quote! {
            fn from_code(code: &str) -> Self {
                Self::Unknown(code.to_owned())
            }

            fn code(&self) -> &str {
                let Self::Unknown(code) = self;
                code
            }

            fn status(&self) -> Option<ResultStatus> {
                None
            }

            fn message(&self) -> Option<&'static str> {
                None
            }

            fn is_retryable(&self) -> bool {
                false
            }
        }
    } else {
        quote! {
            fn from_code(code: &str) -> Self {
                match code {
                    #(#wires => Self::#ids,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }

            fn code(&self) -> &str {
                match self {
                    #(Self::#ids => #wires,)*
                    Self::Unknown(code) => code,
                }
            }

            fn status(&self) -> Option<ResultStatus> {
                match self {
                    #(#status_arms)*
                    Self::Unknown(_) => None,
                }
            }

            fn message(&self) -> Option<&'static str> {
                match self {
                    #(Self::#ids => Some(#messages),)*
                    Self::Unknown(_) => None,
                }
            }

            fn is_retryable(&self) -> bool {
                #is_retryable
            }
        }
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A code the page does not list, kept as received.
            Unknown(String),
        }

        impl ResultCode for #name {
            #trait_body
        }

        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    }
}

/// A raw string literal holding `text` verbatim, with as many `#` as it needs.
fn raw_string(text: &str) -> TokenStream {
    let mut hashes = String::new();
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let literal: Literal = format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text));
    quote!(#literal)
}

fn api(page: &Page<'_>) -> TokenStream {
    let spec = page.spec;
    let name = ident(&page.ident);
    let request = format_ident!("{}Request", page.ident);
    let response = format_ident!("{}Response", page.ident);
    let codes = format_ident!("{}ResultCode", page.ident);
    let api = &spec.api;
    let heading = match &spec.title {
        Some(title) if title.contains(api.as_str()) => {
            title.replacen(api.as_str(), &format!("`{api}`"), 1)
        }
        Some(title) => format!("`{api}` ({title})"),
        None => format!("`{api}`"),
    };
    // The description often repeats the summary and goes on: then it is said once.
    let mut doc = match spec.description.as_str() {
        "" => vec![format!("{heading}: {}", spec.summary)],
        more if more.starts_with(&spec.summary) => vec![format!("{heading}: {more}")],
        other => vec![format!("{heading}: {}", spec.summary), other.to_owned()],
    };
    if let Some(endpoint) = &spec.endpoint {
        doc.push(format!("`{} {}`", endpoint.method, endpoint.path));
    }
    let docs = docs::attrs(&doc);
    let examples = |body: ExampleBody| {
        let texts = spec
            .examples
            .iter()
            .filter(|e| e.body == body)
            .map(|e| raw_string(&e.json));
        quote!(&[#(#texts),*])
    };
    let requests = examples(ExampleBody::Request);
    let responses = examples(ExampleBody::Response);
    let (trait_name, path) = match (&spec.kind, &spec.endpoint) {
        (ApiKind::Request, Some(endpoint)) => {
            let path = &endpoint.path;
            (quote!(Api), quote!(const PATH: &'static str = #path;))
        }
        _ => (quote!(Notification), TokenStream::new()),
    };
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct #name;

        impl #trait_name for #name {
            const NAME: &'static str = #api;
            #path
            const EXAMPLE_REQUESTS: &'static [&'static str] = #requests;
            const EXAMPLE_RESPONSES: &'static [&'static str] = #responses;
            type Request = #request;
            type Response = #response;
            type ResultCode = #codes;
        }
    }
}

fn client_method(page: &Page<'_>) -> TokenStream {
    let method = ident(&page.snake);
    let name = ident(&page.ident);
    let request = format_ident!("{}Request", page.ident);
    let response = format_ident!("{}Response", page.ident);
    let codes = format_ident!("{}ResultCode", page.ident);
    let summary = format!("Calls `{}`: {}", page.spec.api, page.spec.summary);
    let docs = docs::attrs(&[summary, format!("See [`{}`].", page.ident)]);
    quote! {
        impl Client {
            #docs
            pub async fn #method(&self, request: &#request) -> Result<#response, Error<#codes>> {
                self.call::<#name>(request).await
            }
        }
    }
}
