//! Structs as Rust: the struct with its serde attributes, a `Debug` that masks sensitive
//! fields, a `Serialize` that sends fixed fields, and `Validate` with each field's checks.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::super::docs;
use super::super::names::serde_camel;
use super::super::plan::{Field, FieldType, Fixed, Plan, Struct};
use super::{ident, rust_type};

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

/// A struct with its impls.
pub(super) fn structure(plan: &Plan<'_>, s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let has_fixed = s.fields.iter().any(|f| f.fixed.is_some());
    let docs = docs::attrs(&s.docs);
    let fields: Vec<&Field> = s.fields.iter().filter(|f| f.fixed.is_none()).collect();
    let field_defs = fields.iter().map(|f| {
        let docs = docs::attrs(&f.docs);
        let id = ident(&f.ident);
        let inner = rust_type(plan, &f.ty);
        let ty = if f.required {
            inner
        } else {
            quote!(Option<#inner>)
        };
        let mut serde = Vec::new();
        if serde_camel(&f.ident) != f.wire {
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
    if !has_fixed {
        derives.push(quote!(Serialize));
    }
    let debug = sensitive.then(|| debug_impl(s, &fields));
    let serialize = has_fixed.then(|| serialize_impl(s));
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
        FieldType::Map(inner) => {
            let item = value_checks(
                f,
                inner,
                &Access::reference("item"),
                quote!(&Path::Key(#path, key)),
                false,
            );
            if !item.is_empty() {
                let receiver = &value.receiver;
                checks.push(quote! {
                    for (key, item) in #receiver.iter() {
                        #item
                    }
                });
            }
        }
        FieldType::Boolean | FieldType::Datetime | FieldType::ResultStatus | FieldType::Json => {}
    }
    quote!(#(#checks)*)
}

/// The checks of field `f`: its size, then its values. An optional field is checked in place
/// (the runtime's checks, and `Validate` for `Option`, pass an absent value), except arrays and
/// maps, whose values need a loop.
fn field_checks(f: &Field) -> Option<TokenStream> {
    let id = ident(&f.ident);
    let wire = &f.wire;
    let path = quote!(&path.field(#wire));
    let size = match (f.max_items, &f.ty) {
        (Some(max), FieldType::Array(_)) => {
            let max = Literal::u32_unsuffixed(max);
            quote!(validate::max_items(&self.#id, #max, #path, violations);)
        }
        _ => TokenStream::new(),
    };
    let values = if f.required || !matches!(f.ty, FieldType::Array(_) | FieldType::Map(_)) {
        value_checks(f, &f.ty, &Access::field(&id), path, f.required)
    } else {
        let checks = value_checks(f, &f.ty, &Access::reference("value"), path, false);
        if checks.is_empty() {
            checks
        } else {
            quote! {
                if let Some(value) = &self.#id {
                    #checks
                }
            }
        }
    };
    (!size.is_empty() || !values.is_empty()).then(|| quote!(#size #values))
}
