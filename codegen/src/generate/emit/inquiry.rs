//! Inquiries as Rust: `Settles` for an inquiry whose response says what is final (the schema's
//! `final_status`), in the inquiry's file; `Inquirable` for an API whose page names the inquiry
//! that settles an unknown outcome (the schema's `inquiry`), in the entry file, since it ties
//! two pages together (removing either page changes no other page's file).

use proc_macro2::TokenStream;
use quote::quote;

use super::super::plan::{Page, Plan};
use super::ident;

/// `Settles` for `page`: nothing when its schema records no final status.
pub(super) fn settles(page: &Page<'_>) -> TokenStream {
    let name = ident(&page.ident);
    let Some(status) = &page.spec.final_status else {
        return TokenStream::new();
    };
    let field = &status.field;
    let values = &status.values;
    let not_found = status
        .not_found
        .as_ref()
        .map(|code| quote!(const NOT_FOUND: Option<&'static str> = Some(#code);));
    quote! {
        impl crate::resolve::Settles for #name {
            const STATUS_FIELD: &'static str = #field;
            const FINAL: &'static [&'static str] = &[#(#values),*];
            #not_found
        }
    }
}

/// The inquiry the plan has for `page`'s API, whose schema records a final status: `None` when
/// its schema names none.
pub(super) fn inquiry<'p, 'a>(plan: &'p Plan<'a>, page: &Page<'_>) -> Option<&'p Page<'a>> {
    let inquiry = page.spec.inquiry.as_ref()?;
    plan.pages
        .iter()
        .find(|p| p.spec.api == *inquiry && p.spec.final_status.is_some())
}

/// `Inquirable` for every API whose schema names an inquiry that the plan has, and
/// `Cancellable` for those whose schema also names a cancel API of their resource.
pub(super) fn inquirables(plan: &Plan<'_>) -> TokenStream {
    let impls = plan.pages.iter().filter_map(|page| {
        let inquiry = inquiry(plan, page)?;
        // The fields of another API's request that this API's requests have too.
        let shared_fields = |other: &Page<'_>| -> Vec<String> {
            other
                .spec
                .request
                .iter()
                .map(|p| p.name.clone())
                .filter(|wire| {
                    page.specs
                        .iter()
                        .any(|(_, spec)| spec.request.iter().any(|p| p.name == *wire))
                })
                .collect()
        };
        let carried = shared_fields(inquiry);
        let (resource, name) = (ident(&page.resource), ident(&page.ident));
        let (inquiry_resource, inquiry) = (ident(&inquiry.resource), ident(&inquiry.ident));
        // The cancel API the page names, in the page's own resource (`payments::Cancel`, not
        // `subscriptions::Cancel`).
        let cancel = page
            .specs
            .iter()
            .find_map(|(_, s)| s.cancel.as_ref())
            .and_then(|cancel| {
                plan.pages.iter().find(|p| {
                    p.spec.api == *cancel
                        && p.resource == page.resource
                        && p.spec.endpoint.is_some()
                })
            });
        let cancellable = cancel.map(|cancel| {
            let carried = shared_fields(cancel);
            let cancel = ident(&cancel.ident);
            quote! {
                impl crate::resolve::Cancellable for #resource::#name {
                    type Cancel = #resource::#cancel;
                    const CANCEL_CARRIED: &'static [&'static str] = &[#(#carried),*];
                }
            }
        });
        Some(quote! {
            impl crate::resolve::Inquirable for #resource::#name {
                type Inquiry = #inquiry_resource::#inquiry;
                const CARRIED: &'static [&'static str] = &[#(#carried),*];
            }
            #cancellable
        })
    });
    quote! { #(#impls)* }
}
