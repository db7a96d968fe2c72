//! Validation as Rust: a page's own rules over its request or response, nested objects, arrays
//! and maps included, as one `Validate` impl that builds each JSON path on the stack.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::super::plan::{Check, FieldType, Plan};
use super::ident;

/// `impl Validate` for the body struct `name` with the rules of each page that describes it:
/// one page's rules inline, several pages' as one function each, of which one must hold.
pub(super) fn validate_impl(plan: &Plan<'_>, name: &str, pages: &[Vec<Check>]) -> TokenStream {
    if let [checks] = pages {
        return one_page(plan, name, checks);
    }
    let name = ident(name);
    let pages = pages.iter().map(|checks| {
        let body: Vec<TokenStream> = checks
            .iter()
            .map(|c| field(plan, c, &quote!(this)))
            .collect();
        if body.iter().all(TokenStream::is_empty) {
            quote!(|_, _, _| {})
        } else {
            quote!(|this: &Self, path: &Path<'_>, violations: &mut Vec<Violation>| { #(#body)* })
        }
    });
    quote! {
        /// Valid when the body satisfies the rules of one of the pages that describe it.
        impl Validate for #name {
            fn validate_at(&self, path: &Path<'_>, violations: &mut Vec<Violation>) {
                validate::any_of(self, path, violations, &[#(#pages),*]);
            }
        }
    }
}

/// `impl Validate` for the page struct `name` with the page's `checks`.
fn one_page(plan: &Plan<'_>, name: &str, checks: &[Check]) -> TokenStream {
    let name = ident(name);
    let body: Vec<TokenStream> = checks
        .iter()
        .map(|c| field(plan, c, &quote!(self)))
        .collect();
    let empty = body.iter().all(TokenStream::is_empty);
    let (path, violations) = if empty {
        (quote!(_path), quote!(_violations))
    } else {
        (quote!(path), quote!(violations))
    };
    quote! {
        impl Validate for #name {
            fn validate_at(&self, #path: &Path<'_>, #violations: &mut Vec<Violation>) {
                #(#body)*
            }
        }
    }
}

/// The checks of field `c` of the object `owner` (`self`, or a reference variable) found at
/// `path`: its presence, its size, then its value.
fn field(plan: &Plan<'_>, c: &Check, owner: &TokenStream) -> TokenStream {
    if c.is_empty() {
        return TokenStream::new();
    }
    let id = ident(&c.ident);
    let wire = &c.wire;
    let here = quote!(&path.field(#wire));
    let place = quote!(&#owner.#id);
    // A REQUIRED text with a `Maximum length` (and no set of values) is one check of both.
    if let (true, FieldType::String, Some(max), None) = (c.required, &c.ty, c.max_length, &c.one_of)
    {
        let max = Literal::u32_unsuffixed(max);
        return quote!(validate::required_max_length(#place, #max, #here, violations););
    }
    let mut out = Vec::new();
    if c.required {
        match (&c.ty, c.optional) {
            (FieldType::String, _) => {
                out.push(quote!(validate::required(#place, #here, violations);))
            }
            (_, true) => out.push(quote!(validate::present(#place, #here, violations);)),
            _ => {}
        }
    }
    if let (Some(max), FieldType::Array(_)) = (c.max_items, &c.ty) {
        let max = Literal::u32_unsuffixed(max);
        out.push(quote!(validate::max_items(#place, #max, #here, violations);));
    }
    match &c.ty {
        FieldType::Model(_) | FieldType::Array(_) | FieldType::Map(_) => {
            let inner = nested(plan, c, &c.ty);
            if !inner.is_empty() {
                out.push(if c.optional {
                    quote! {
                        if let Some(value) = #place {
                            let path = &path.field(#wire);
                            #inner
                        }
                    }
                } else {
                    quote! {
                        {
                            let value = #place;
                            let path = &path.field(#wire);
                            #inner
                        }
                    }
                });
            }
        }
        ty => {
            let value = Value {
                by_ref: place.clone(),
                by_value: quote!(#owner.#id),
            };
            out.extend(scalar(c, ty, &value, c.optional, &here));
        }
    }
    quote!(#(#out)*)
}

/// The checks inside a value of object, array or map type `ty`, bound to the reference
/// `value` at `path`. An object's checks are a function of their own, local to the block, so
/// that no function grows with the depth of the page (the borrow checker's time grows faster
/// than a function's size).
fn nested(plan: &Plan<'_>, c: &Check, ty: &FieldType) -> TokenStream {
    match ty {
        FieldType::Model(id) => {
            let fields: Vec<TokenStream> = c
                .fields
                .iter()
                .map(|f| field(plan, f, &quote!(value)))
                .collect();
            if fields.iter().all(TokenStream::is_empty) {
                return TokenStream::new();
            }
            let model = ident(&plan.model(*id).name);
            quote! {
                fn check(value: &#model, path: &Path<'_>, violations: &mut Vec<Violation>) {
                    #(#fields)*
                }
                check(value, path, violations);
            }
        }
        FieldType::Array(inner) | FieldType::Map(inner) => {
            let body = match &**inner {
                FieldType::Model(_) | FieldType::Array(_) | FieldType::Map(_) => {
                    nested(plan, c, inner)
                }
                scalar_ty => {
                    let value = Value {
                        by_ref: quote!(value),
                        by_value: quote!((*value)),
                    };
                    let checks = scalar(c, scalar_ty, &value, false, &quote!(path));
                    quote!(#(#checks)*)
                }
            };
            if body.is_empty() {
                return body;
            }
            if matches!(ty, FieldType::Array(_)) {
                quote! {
                    for (index, value) in value.iter().enumerate() {
                        let path = &Path::Index(path, index);
                        #body
                    }
                }
            } else {
                quote! {
                    for (key, value) in value.iter() {
                        let path = &Path::Key(path, key);
                        #body
                    }
                }
            }
        }
        _ => TokenStream::new(),
    }
}

/// A scalar as generated code reaches it: by reference (`&self.x`, `value`) and as the place
/// itself (`self.x`, `(*value)`).
struct Value {
    by_ref: TokenStream,
    by_value: TokenStream,
}

/// The checks of a scalar of type `ty`, reached through `value`, of type `T`, or `Option<T>`
/// when `optional`.
fn scalar(
    c: &Check,
    ty: &FieldType,
    value: &Value,
    optional: bool,
    path: &TokenStream,
) -> Vec<TokenStream> {
    let mut out = Vec::new();
    match ty {
        FieldType::String | FieldType::Decimal => {
            if let Some(max) = c.max_length {
                let max = Literal::u32_unsuffixed(max);
                let text = &value.by_ref;
                out.push(quote!(validate::max_length(#text, #max, #path, violations);));
            }
            if let Some(values) = &c.one_of {
                let place = &value.by_value;
                let text = if optional {
                    quote!(#place.as_deref())
                } else {
                    quote!(Some(#place.as_str()))
                };
                out.push(quote!(validate::one_of(#text, &[#(#values),*], #path, violations);));
            }
        }
        FieldType::Integer => {
            if let Some(range) = &c.range {
                let min = Literal::i64_unsuffixed(range.min);
                let max = match range.max {
                    Some(max) => {
                        let max = Literal::i64_unsuffixed(max);
                        quote!(Some(#max))
                    }
                    None => quote!(None),
                };
                let number = &value.by_value;
                out.push(quote!(validate::range(#number, #min, #max, #path, violations);));
            }
        }
        FieldType::Enum(_) => {
            if let Some(values) = &c.one_of {
                let place = &value.by_value;
                let text = if optional {
                    quote!(#place.as_ref().map(|v| v.as_str()))
                } else {
                    quote!(Some(#place.as_str()))
                };
                out.push(quote!(validate::one_of(#text, &[#(#values),*], #path, violations);));
            }
        }
        _ => {}
    }
    out
}
