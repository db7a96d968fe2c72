//! The request of an API documented for products as Rust: an enum of the products' requests,
//! made from each with `From`, sent as the product's body, read back by the values that select
//! a product, and validated by the product's own page.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::docs;
use super::super::plan::Product;
use super::ident;

/// The enum `{api}Request` over `products`.
pub(super) fn request_enum(
    name: &str,
    docs: &[String],
    unmatched: &str,
    products: &[Product],
) -> TokenStream {
    let name = format_ident!("{name}");
    let docs = docs::attrs(docs);
    let variants: Vec<_> = products.iter().map(|p| ident(&p.variant)).collect();
    let requests: Vec<_> = products.iter().map(|p| ident(&p.request.name)).collect();
    let variant_docs = products.iter().map(|p| docs::attrs(&p.docs));
    let selectors = products.iter().map(|p| {
        let (names, values): (Vec<&String>, Vec<&String>) =
            p.selector.iter().map(|(n, v)| (n, v)).unzip();
        quote!(&[#((#names, #values)),*])
    });
    let indices = (0..products.len()).map(proc_macro2::Literal::usize_unsuffixed);
    quote! {
        #docs
        // Products' requests differ in size; a request is built once and passed by reference,
        // so boxing the larger ones would only cost an allocation.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants(#requests),)*
        }

        #(
            impl From<#requests> for #name {
                fn from(request: #requests) -> Self {
                    #name::#variants(request)
                }
            }
        )*

        /// Sent as the product's own body.
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#name::#variants(request) => request.serialize(serializer),)*
                }
            }
        }

        /// Read as the product whose page fixes the values the body has (the most of them).
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error as _;
                let body = serde_json::Value::deserialize(deserializer)?;
                let read = match wire::product(&body, &[#(#selectors),*]) {
                    #(Some(#indices) => serde_json::from_value(body).map(#name::#variants),)*
                    _ => return Err(D::Error::custom(#unmatched)),
                };
                read.map_err(D::Error::custom)
            }
        }

        /// Validated by the product's own page.
        impl Validate for #name {
            fn validate_at(&self, path: &Path<'_>, violations: &mut Vec<Violation>) {
                match self {
                    #(#name::#variants(request) => request.validate_at(path, violations),)*
                }
            }
        }
    }
}
