//! The identity of each page: its Rust names, client method and file, checked against the
//! runtime's names and the other pages.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::spec::{ApiKind, ApiSpec, PageSpec};

use super::super::names::{self, snake, upper_camel};
use super::Taken;

/// A page with the names it will be generated under.
pub(super) struct Identity<'a> {
    pub file: &'a str,
    pub spec: &'a ApiSpec,
    /// `CreateVaultingSession`.
    pub ident: String,
    /// `create_vaulting_session`.
    pub method: String,
    /// `create_vaulting_session.rs`.
    pub file_name: String,
}

/// The types each page defines: `{Api}` and these suffixed names.
const SUFFIXES: [&str; 4] = ["", "Request", "Response", "ResultCode"];

/// The pages that can be generated, in name order; the others are errors (two pages of one
/// API, a name the runtime uses, a name with no letter or digit, a request without endpoint).
pub(super) fn identify<'a>(
    specs: &'a [PageSpec],
    errors: &mut Vec<Diagnostic>,
) -> Vec<Identity<'a>> {
    let mut by_ident: BTreeMap<String, Identity<'a>> = BTreeMap::new();
    let mut sorted: Vec<&PageSpec> = specs.iter().collect();
    sorted.sort_by(|a, b| a.file.cmp(&b.file));
    for PageSpec { file, spec } in sorted {
        let error = |message: String| Diagnostic::error(file, 1, message);
        let ident = upper_camel(&spec.api);
        let method = snake(&spec.api);
        let api = &spec.api;
        if ident.is_empty() {
            errors.push(error(format!(
                "API `{api}` has no ASCII letter or digit to make a Rust name of: expected a name such as `pay`"
            )));
            continue;
        }
        if let Some(reserved) = SUFFIXES
            .iter()
            .map(|suffix| format!("{ident}{suffix}"))
            .find(|name| names::RESERVED_TYPES.contains(&name.as_str()))
        {
            errors.push(error(format!(
                "API `{api}` would define the type `{reserved}`, which the runtime or Rust already uses"
            )));
            continue;
        }
        if spec.kind == ApiKind::Request && names::RESERVED_METHODS.contains(&method.as_str()) {
            errors.push(error(format!(
                "API `{api}` would be the method `Client::{method}`, which the runtime already defines"
            )));
            continue;
        }
        if let Some(other) = by_ident.get(&ident) {
            errors.push(error(format!(
                "API `{api}` is also described by {}",
                other.file
            )));
            continue;
        }
        if spec.kind == ApiKind::Request && spec.endpoint.is_none() {
            errors.push(error(format!("request API `{api}` has no endpoint")));
        }
        let file_name = names::page_file(&method);
        by_ident.insert(
            ident.clone(),
            Identity {
                file,
                spec,
                ident,
                method,
                file_name,
            },
        );
    }
    by_ident.into_values().collect()
}

/// The type names taken before any model or enum is named: the runtime's and the pages'.
pub(super) fn taken_names(pages: &[Identity<'_>]) -> Taken {
    let mut taken = Taken::new();
    for r in names::RESERVED_TYPES {
        taken.insert((*r).to_owned(), "the runtime".to_owned());
    }
    for page in pages {
        for suffix in SUFFIXES {
            taken.insert(format!("{}{suffix}", page.ident), page.file.to_owned());
        }
    }
    taken
}
