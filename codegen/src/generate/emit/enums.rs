//! Enums as Rust: the enum of a closed value set, and a page's result-code enum, each with a
//! fallback variant for values the pages do not list; the traits that follow from the wire value
//! are the runtime's `text_enum` macros.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::spec::ResultStatus;

use super::super::docs;
use super::super::plan::{Code, Enum, Page};
use super::ident;

/// The enum of a closed value set.
pub(super) fn value_enum(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let docs = docs::attrs(&e.docs);
    let variants = e.variants.iter().map(|v| {
        let id = ident(&v.ident);
        let docs = docs::attrs(&[&v.docs]);
        quote!(#docs #id,)
    });
    let wires: Vec<&String> = e.variants.iter().map(|v| &v.wire).collect();
    let ids: Vec<Ident> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    quote! {
        #docs
        #[derive(Debug, Clone)]
        #[non_exhaustive]
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

        text_enum::value_set!(#name);
    }
}

fn status_path(status: ResultStatus) -> TokenStream {
    match status {
        ResultStatus::S => quote!(ResultStatus::Success),
        ResultStatus::F => quote!(ResultStatus::Failure),
        ResultStatus::U => quote!(ResultStatus::Unknown),
    }
}

/// A page's result-code enum and its `ResultCode` impl.
pub(super) fn result_codes(page: &Page<'_>) -> TokenStream {
    let name = format_ident!("{}", page.codes_name);
    let docs = docs::attrs(&page.codes_docs);
    let variants = page.codes.iter().map(|c| {
        let docs = docs::attrs(&c.docs);
        let id = ident(&c.ident);
        quote!(#docs #id,)
    });
    let trait_body = if page.codes.is_empty() {
        unknown_codes_only()
    } else {
        listed_codes(&page.codes)
    };
    quote! {
        #docs
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A code the page does not list, kept as received.
            Unknown(String),
        }

        impl ResultCode for #name {
            #trait_body
        }

        text_enum::by_wire_value!(#name, code);
    }
}

/// The `ResultCode` methods of a page that lists no codes: every code is unknown.
fn unknown_codes_only() -> TokenStream {
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
}

/// The `ResultCode` methods of a page's listed codes.
fn listed_codes(codes: &[Code]) -> TokenStream {
    let ids: Vec<Ident> = codes.iter().map(|c| ident(&c.ident)).collect();
    let wires: Vec<&String> = codes.iter().map(|c| &c.code).collect();
    let messages: Vec<&String> = codes.iter().map(|c| &c.message).collect();
    let of = |keep: &dyn Fn(&Code) -> bool| -> Vec<Ident> {
        codes
            .iter()
            .filter(|c| keep(c))
            .map(|c| ident(&c.ident))
            .collect()
    };
    let mut status_arms = Vec::new();
    for status in [ResultStatus::S, ResultStatus::F, ResultStatus::U] {
        let with_status = of(&|c| c.status == Some(status));
        if !with_status.is_empty() {
            let value = status_path(status);
            status_arms.push(quote!(#(Self::#with_status)|* => Some(#value),));
        }
    }
    let without_status = of(&|c| c.status.is_none());
    if !without_status.is_empty() {
        status_arms.push(quote!(#(Self::#without_status)|* => None,));
    }
    let retryable = of(&|c| c.retryable);
    let is_retryable = if retryable.is_empty() {
        quote!(false)
    } else {
        quote!(matches!(self, #(Self::#retryable)|*))
    };
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
}
