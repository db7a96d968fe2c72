//! Structs as Rust: the struct with its serde attributes, a `Debug` that masks sensitive
//! fields, a `Serialize` that sends fixed fields, and for a page's body its `Validate`.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::super::docs;
use super::super::names::serde_camel;
use super::super::plan::{Check, Field, FieldType, Fixed, Plan, Struct};
use super::{ident, rust_type, validate};

/// A field whose value JSON carries as strings: one scalar (`Integer`, `Boolean`, `Datetime`:
/// `"12"`, `"true"`), or an array of them.
#[derive(Clone, Copy)]
enum Text {
    One,
    Array,
}

/// Whether, and how, JSON carries a value of type `ty` as strings.
fn text(ty: &FieldType) -> Option<Text> {
    let scalar = |ty: &FieldType| {
        matches!(
            ty,
            FieldType::Integer | FieldType::Boolean | FieldType::Datetime
        )
    };
    match ty {
        ty if scalar(ty) => Some(Text::One),
        FieldType::Array(inner) if scalar(inner) => Some(Text::Array),
        _ => None,
    }
}

/// The `wire` function a field is serialized with, for scalars JSON carries as strings.
fn wire_serializer(field: &Field) -> Option<String> {
    let base = match text(&field.ty)? {
        Text::One => "scalar",
        Text::Array => "vec_scalar",
    };
    Some(if field.required {
        format!("wire::{base}::serialize")
    } else {
        format!("wire::option_{base}::serialize")
    })
}

/// A struct with its impls; `checks`, for a body, are the rules of each page that describes it
/// (a model is validated by the rules of the page that holds it).
pub(super) fn structure(plan: &Plan<'_>, s: &Struct, checks: Option<&[Vec<Check>]>) -> TokenStream {
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
            serde.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        if let Some(function) = wire_serializer(f) {
            serde.push(quote!(serialize_with = #function));
        }
        // For the derived `Serialize`; a written-out one needs none.
        let serde = (!serde.is_empty() && !has_fixed).then(|| quote!(#[serde(#(#serde),*)]));
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
    derives.push(quote!(PartialEq));
    if !has_fixed {
        derives.push(quote!(Serialize));
    }
    let container = (!has_fixed).then(|| quote!(#[serde(rename_all = "camelCase")]));
    let constructors = constructors(plan, s, &fields);
    let deserialize = deserialize_impl(s, &fields);
    let debug = sensitive.then(|| debug_impl(s, &fields));
    let serialize = has_fixed.then(|| serialize_impl(s));
    let validate = checks.map(|checks| validate::validate_impl(plan, &s.name, checks));
    quote! {
        #docs
        #[derive(#(#derives),*)]
        #container
        #[non_exhaustive]
        pub struct #name {
            #(#field_defs)*
        }
        #constructors
        #deserialize
        #debug
        #serialize
        #validate
    }
}

/// `new` with the required fields, in page order, and a setter per optional field: the struct
/// is `#[non_exhaustive]`, so that a field a page adds later breaks no caller.
fn constructors(plan: &Plan<'_>, s: &Struct, fields: &[&Field]) -> TokenStream {
    let name = ident(&s.name);
    let param = |f: &Field| {
        let id = ident(&f.ident);
        match f.ty {
            FieldType::String => (quote!(#id: impl Into<String>), quote!(#id.into())),
            _ => {
                let ty = rust_type(plan, &f.ty);
                (quote!(#id: #ty), quote!(#id))
            }
        }
    };
    let params: Vec<TokenStream> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| param(f).0)
        .collect();
    let inits = fields.iter().map(|f| {
        let id = ident(&f.ident);
        match (f.required, &f.ty) {
            (true, FieldType::String) => quote!(#id: #id.into()),
            (true, _) => quote!(#id),
            (false, _) => quote!(#id: None),
        }
    });
    let many = (params.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let setters = fields.iter().filter(|f| !f.required).map(|f| {
        let id = ident(&f.ident);
        let setter = ident(&f.setter);
        let (param, value) = param(f);
        let docs = docs::raw_string(&format!(
            " Sets [`{0}`](Self::{0}).",
            f.ident.trim_start_matches("r#")
        ));
        quote! {
            #[doc = #docs]
            pub fn #setter(mut self, #param) -> Self {
                self.#id = Some(#value);
                self
            }
        }
    });
    let docs = docs::attrs(&[format!(
        "Builds `{}` from its required fields; set each optional field with the method of its \
         name.",
        s.name
    )]);
    quote! {
        impl #name {
            #docs
            #many
            pub fn new(#(#params),*) -> Self {
                #name { #(#inits),* }
            }
            #(#setters)*
        }
    }
}

/// `Deserialize`, written out: serde's struct protocol is `wire::object`'s, and the type's
/// `wire::Object` is a loop over the body's fields that reads each into its slot (`wire::field`
/// and its kin), skips the others, and asks for the required ones. The same as serde's derive
/// would read, in a fraction of the code to compile.
fn deserialize_impl(s: &Struct, fields: &[&Field]) -> TokenStream {
    let name = ident(&s.name);
    let name_str = &s.name;
    // The loop's own variables, named apart from the fields' slots.
    let free = |base: &str| {
        let mut name = base.to_owned();
        while fields.iter().any(|f| f.ident == name) {
            name.push('_');
        }
        ident(&name)
    };
    let (map, key) = (free("map"), free("key"));
    let ids: Vec<Ident> = fields.iter().map(|f| ident(&f.ident)).collect();
    let wires: Vec<&String> = fields.iter().map(|f| &f.wire).collect();
    let reads = fields.iter().zip(&ids).map(|(f, id)| {
        let wire = &f.wire;
        let read = match (text(&f.ty), f.required) {
            (Some(Text::One), _) => quote!(wire::scalar_field),
            (Some(Text::Array), _) => quote!(wire::scalars_field),
            (None, true) => quote!(wire::field),
            (None, false) => quote!(wire::optional_field),
        };
        quote!(#wire => #read(&mut #map, &mut #id, #wire)?,)
    });
    let values = fields.iter().zip(&ids).map(|(f, id)| {
        let wire = &f.wire;
        if f.required {
            quote!(#id: wire::required(#id, #wire)?)
        } else {
            quote!(#id)
        }
    });
    let (map_param, body) = if fields.is_empty() {
        (quote!(#map), quote!(wire::skip_all(#map)?;))
    } else {
        let body = quote! {
            #(let mut #ids = None;)*
            while let Some(#key) = #map.next_key::<wire::Key<'de>>()? {
                match #key.as_str() {
                    #(#reads)*
                    _ => wire::skip(&mut #map)?,
                }
            }
        };
        (quote!(mut #map), body)
    };
    quote! {
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                wire::object(deserializer)
            }
        }

        impl wire::Object for #name {
            const NAME: &'static str = #name_str;
            const FIELDS: &'static [&'static str] = &[#(#wires),*];
            fn read<'de, M: serde::de::MapAccess<'de>>(#map_param: M) -> Result<Self, M::Error> {
                #body
                Ok(#name { #(#values),* })
            }
        }
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
        let value = |v: TokenStream| match text(&f.ty) {
            Some(Text::One) => quote!(&wire::Scalar(#v)),
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
