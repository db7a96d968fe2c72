//! The plan as Rust tokens: one file for the shared models and enums, one per page, and an entry
//! file with the one fixed import they share, their inclusion and `visit_apis`.
//!
//! Each item kind has its room: [`structs`](self::structs) (structs with their `Debug` and
//! `Serialize`), [`validate`](self::validate) (a page's rules as `Validate`),
//! [`enums`](self::enums) (value enums and result-code enums), [`api`](self::api) (an API's
//! unit struct and client method) and [`notifications`](self::notifications) (the enum of every
//! notification).

mod api;
mod enums;
mod inquiry;
mod notifications;
mod products;
mod structs;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::spec::ApiKind;

use super::plan::{FieldType, Page, Plan, Request};

/// A Rust identifier; `r#type` becomes a raw identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The shared models and field enums, in name order.
pub fn models(plan: &Plan<'_>) -> TokenStream {
    let enums = plan.enums_by_name().into_iter().map(enums::value_enum);
    let structs = plan
        .models_by_name()
        .into_iter()
        .map(|s| structs::structure(plan, s, None));
    quote! { #(#enums)* #(#structs)* }
}

/// Everything one page defines, in its resource's module.
pub fn page(plan: &Plan<'_>, page: &Page<'_>, client: bool) -> TokenStream {
    let api = api::unit_struct(page);
    let inquiry = inquiry::settles(page);
    let request = match &page.request {
        Request::Body(body) => structs::structure(plan, &body.body, Some(&body.checks)),
        Request::Products {
            docs,
            unmatched,
            products,
        } => {
            let name = format!("{}Request", page.ident);
            let each = products.iter().map(|p| {
                structs::structure(plan, &p.request, Some(std::slice::from_ref(&p.checks)))
            });
            let all = products::request_enum(&name, docs, unmatched, products);
            quote! { #all #(#each)* }
        }
    };
    let response = &page.response;
    let response = structs::structure(plan, &response.body, Some(&response.checks));
    let codes = enums::result_codes(page);
    let handle = plan
        .resources
        .iter()
        .find(|r| r.name == page.resource)
        .and_then(|r| r.handle.as_deref());
    let method = match handle {
        Some(handle) if client && page.spec.kind == ApiKind::Request => {
            api::client_method(page, handle)
        }
        _ => TokenStream::new(),
    };
    quote! { #api #inquiry #method #request #response #codes }
}

/// The resource modules, each including its pages' files, and the client's accessors of their
/// handles.
pub fn resources(plan: &Plan<'_>, client: bool) -> TokenStream {
    let modules = plan.resources.iter().map(|r| {
        let files: Vec<&str> = r
            .pages
            .iter()
            .map(|&i| plan.pages[i].file_name.as_str())
            .collect();
        api::resource(r, &files, client, notifications::any_notification(plan, r))
    });
    let accessors = if client {
        api::accessors(&plan.resources)
    } else {
        TokenStream::new()
    };
    quote! { #(#modules)* #accessors }
}

/// The one import of the entry file, which every other file is included into: the runtime's
/// fixed prelude of what generated code uses (`src/prelude.rs`), so that no import depends on
/// what a page happens to need.
pub fn imports() -> TokenStream {
    quote! {
        use crate::prelude::*;
    }
}

/// Which API's unknown outcome which inquiry settles: `Inquirable`.
pub fn inquirables(plan: &Plan<'_>) -> TokenStream {
    inquiry::inquirables(plan)
}

/// `visit_apis`.
pub fn visit_apis(plan: &Plan<'_>) -> TokenStream {
    let calls = plan.pages.iter().map(|p| {
        let (module, ty) = (ident(&p.resource), ident(&p.ident));
        let ty = quote!(#module::#ty);
        match p.spec.kind {
            ApiKind::Request => quote! { visitor.visit::<#ty>(); },
            ApiKind::Notification => quote! { visitor.visit_notification::<#ty>(); },
        }
    });
    let inquirables = plan
        .pages
        .iter()
        .filter(|p| inquiry::inquiry(plan, p).is_some());
    let inquirables = inquirables.map(|p| {
        let (module, ty) = (ident(&p.resource), ident(&p.ident));
        quote! { visitor.visit_inquirable::<#module::#ty>(); }
    });
    quote! {
        /// Calls `visitor` once for every API and notification generated from `spec/`, in name
        /// order, then once for every API that an inquiry settles: generic code (tests, the mock
        /// server) covers every page without naming one.
        pub fn visit_apis(visitor: &mut impl ApiVisitor) {
            #(#calls)*
            #(#inquirables)*
        }
    }
}

/// The Rust type of a field, without the `Option` of an optional one.
pub(super) fn rust_type(plan: &Plan<'_>, ty: &FieldType) -> TokenStream {
    match ty {
        FieldType::String => quote!(String),
        FieldType::Integer => quote!(i64),
        FieldType::Decimal => quote!(Decimal),
        FieldType::Boolean => quote!(bool),
        FieldType::Datetime => quote!(OffsetDateTime),
        FieldType::Enum(id) => {
            let name = ident(&plan.enumeration(*id).name);
            quote!(#name)
        }
        FieldType::Model(id) => {
            let name = ident(&plan.model(*id).name);
            quote!(#name)
        }
        FieldType::ResultStatus => quote!(ResultStatus),
        FieldType::Json => quote!(serde_json::Value),
        FieldType::Array(inner) => {
            let inner = rust_type(plan, inner);
            quote!(Vec<#inner>)
        }
        FieldType::Map(inner) => {
            let inner = rust_type(plan, inner);
            quote!(BTreeMap<String, #inner>)
        }
    }
}
