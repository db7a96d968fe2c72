//! The notifications as one enum: `AnyNotification`, with each notification's dispatch rules
//! from its pages' schemas, and `Webhook::receive` returning it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::spec::{ApiKind, Dispatch};

use super::super::docs;
use super::super::plan::{Page, Plan, Resource};
use super::ident;

/// `AnyNotification` over the notification pages of `resource`; nothing if it has none.
pub(super) fn any_notification(plan: &Plan<'_>, resource: &Resource) -> TokenStream {
    let pages: Vec<&Page<'_>> = resource
        .pages
        .iter()
        .map(|&i| &plan.pages[i])
        .filter(|p| p.spec.kind == ApiKind::Notification)
        .collect();
    if pages.is_empty() {
        return TokenStream::new();
    }
    let variants = pages.iter().map(|page| {
        let variant = ident(&page.ident);
        let request = format_ident!("{}Request", page.ident);
        let docs = docs::attrs(&[format!("`{}`: {}", page.spec.api, page.spec.summary)]);
        quote! { #docs #variant(#request), }
    });
    let kinds = pages.iter().map(|page| {
        let name = &page.spec.api;
        let rules = page.specs.iter().map(|(_, spec)| match &spec.dispatch {
            Some(Dispatch::Field { name, values }) => quote! {
                crate::webhook::Dispatch::Field { name: #name, values: &[#(#values),*] }
            },
            Some(Dispatch::Route) | None => quote!(crate::webhook::Dispatch::Route),
        });
        quote! {
            crate::webhook::NotificationKind { name: #name, dispatch: &[#(#rules),*] },
        }
    });
    let decodes = pages.iter().map(|page| {
        let name = &page.spec.api;
        let variant = ident(&page.ident);
        quote! { #name => serde_json::from_slice(body).map(AnyNotification::#variant), }
    });
    quote! {
        /// Any notification the pages describe, as [`Webhook::receive`](crate::Webhook::receive)
        /// tells them apart: by the body's type field where the page defines one, otherwise by
        /// the route registered for it (see [`crate::webhook`]).
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum AnyNotification {
            #(#variants)*
            /// A verified notification that no page's rule names, kept as received.
            Unknown(crate::UnknownNotification),
        }

        impl crate::webhook::NotificationSet for AnyNotification {
            const KINDS: &'static [crate::webhook::NotificationKind] = &[#(#kinds)*];

            fn decode(name: &str, body: &[u8]) -> Option<Result<Self, serde_json::Error>> {
                Some(match name {
                    #(#decodes)*
                    _ => return None,
                })
            }

            fn unknown(notification: crate::UnknownNotification) -> Self {
                AnyNotification::Unknown(notification)
            }
        }

        impl crate::Webhook {
            /// Verifies, checks and decodes a notification received at `method` `path` (with its
            /// query string) with these `headers` and this raw `body`: see
            /// [`Webhook::receive_as`](crate::Webhook::receive_as).
            pub fn receive(
                &self,
                method: &str,
                path: &str,
                headers: &crate::http::HeaderMap,
                body: &[u8],
            ) -> Result<AnyNotification, crate::notification::NotificationError> {
                self.receive_as(method, path, headers, body)
            }
        }
    }
}
