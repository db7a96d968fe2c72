//! An API as Rust: its unit struct implementing `Api` or `Notification`, with the page's
//! examples, and its `Client` method.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::spec::{ApiKind, ExampleBody};

use super::super::docs;
use super::super::plan::{FieldType, Page, Request, Resource, Struct};
use super::ident;

/// An API's unit struct and its `Api` or `Notification` impl.
pub(super) fn unit_struct(page: &Page<'_>) -> TokenStream {
    let spec = page.spec;
    let name = ident(&page.ident);
    let request = format_ident!("{}Request", page.ident);
    let response = format_ident!("{}Response", page.ident);
    let codes = format_ident!("{}", page.codes_name);
    let api = &spec.api;
    let docs = docs::attrs(&page.docs);
    let examples = |body: ExampleBody| {
        let texts = page
            .specs
            .iter()
            .flat_map(|(_, spec)| &spec.examples)
            .filter(|e| e.body == body)
            .map(|e| docs::raw_string(&e.json));
        quote!(&[#(#texts),*])
    };
    let requests = examples(ExampleBody::Request);
    let responses = examples(ExampleBody::Response);
    let (trait_name, path, key) = match (&spec.kind, &spec.endpoint) {
        (ApiKind::Request, Some(endpoint)) => {
            let path = &endpoint.path;
            (
                quote!(Api),
                quote!(const PATH: &'static str = #path;),
                idempotency_key(page, &request),
            )
        }
        _ => (quote!(Notification), TokenStream::new(), TokenStream::new()),
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
            #key
        }
    }
}

/// `Api::idempotency_key` for a request with an idempotency field (for each product that has
/// one); nothing (the trait's `None`) when it has none.
fn idempotency_key(page: &Page<'_>, request: &proc_macro2::Ident) -> TokenStream {
    let read = |body: &Struct, value: TokenStream| {
        let field = body
            .fields
            .iter()
            .find(|f| f.idempotency_key && f.ty == FieldType::String && f.fixed.is_none())?;
        let ident = ident(&field.ident);
        Some(if field.required {
            quote!(Some(&#value.#ident))
        } else {
            quote!(#value.#ident.as_deref())
        })
    };
    let body = match &page.request {
        Request::Body(body) => read(&body.body, quote!(request)),
        Request::Products { products, .. } => {
            let arms: Vec<TokenStream> = products
                .iter()
                .map(|product| {
                    let variant = ident(&product.variant);
                    match read(&product.request, quote!(product)) {
                        Some(key) => quote!(#request::#variant(product) => #key,),
                        None => quote!(#request::#variant(_) => None,),
                    }
                })
                .collect();
            products
                .iter()
                .any(|p| read(&p.request, TokenStream::new()).is_some())
                .then(|| quote!(match request { #(#arms)* }))
        }
    };
    match body {
        Some(body) => quote! {
            fn idempotency_key(request: &Self::Request) -> Option<&str> {
                #body
            }
        },
        None => TokenStream::new(),
    }
}

/// An API's method on its resource's handle: `client.payments().cancel(&request)`.
pub(super) fn client_method(page: &Page<'_>, handle: &str) -> TokenStream {
    let method = ident(&page.method);
    let handle = ident(handle);
    let name = ident(&page.ident);
    let request = format_ident!("{}Request", page.ident);
    let response = format_ident!("{}Response", page.ident);
    let codes = format_ident!("{}", page.codes_name);
    let docs = docs::attrs(&page.method_docs);
    quote! {
        impl #handle<'_> {
            #docs
            pub async fn #method(&self, request: &#request) -> Result<#response, Error<#codes>> {
                self.client.call::<#name>(request).await
            }
        }
    }
}

/// A resource's module: its documentation, the inclusion of its pages' files, the handle its
/// methods are on, and `items` of its own.
pub(super) fn resource(
    resource: &Resource,
    files: &[&str],
    client: bool,
    items: TokenStream,
) -> TokenStream {
    let name = ident(&resource.name);
    let docs = docs::attrs(&resource.docs);
    let handle = match (&resource.handle, client) {
        (Some(handle), true) => {
            let handle = ident(handle);
            let handle_docs = docs::attrs(&resource.handle_docs);
            quote! {
                #handle_docs
                #[derive(Debug, Clone, Copy)]
                pub struct #handle<'c> {
                    pub(super) client: &'c Client,
                }
            }
        }
        _ => TokenStream::new(),
    };
    quote! {
        #docs
        pub mod #name {
            use super::*;

            #(include!(#files);)*
            #handle
            #items
        }
    }
}

/// The client's accessors of the resources' handles: `client.payments()`.
pub(super) fn accessors(resources: &[Resource]) -> TokenStream {
    let accessors: Vec<TokenStream> = resources
        .iter()
        .filter_map(|r| {
            let handle = ident(r.handle.as_ref()?);
            let name = ident(&r.name);
            let docs = docs::attrs(&r.accessor_docs);
            Some(quote! {
                #docs
                pub fn #name(&self) -> #name::#handle<'_> {
                    #name::#handle { client: self }
                }
            })
        })
        .collect();
    if accessors.is_empty() {
        return TokenStream::new();
    }
    quote! {
        impl Client {
            #(#accessors)*
        }
    }
}
