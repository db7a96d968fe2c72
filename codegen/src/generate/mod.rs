//! Schemas in, Rust source out.
//!
//! [`generate`] takes every page's schema ([`PageSpec`]) and returns the files of the SDK:
//!
//! - `mod.rs`: the one fixed import of the runtime's prelude, an `include!` of every other
//!   file, and `visit_apis`;
//! - `models.rs`: the models shared by the pages (`Amount`, `ApiResult`, ...) and the enums of
//!   their closed value sets;
//! - `<api>.rs`, one per page: the API's unit struct and its `Api` or `Notification` impl,
//!   `{Api}Request`, `{Api}Response`, `{Api}ResultCode`, and the client method.
//!
//! Naming, merging, deduplicating and the documentation's wording are decided in `plan` (see its
//! documentation for the policies), emission in `emit`, rustdoc rendering in `docs`, Rust names
//! in `names`; the output depends only on the input (maps are ordered), so two runs give the same
//! bytes.

mod docs;
mod emit;
mod names;
mod openapi;
mod plan;
mod surface;

use std::fmt;

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostic::Diagnostic;
use crate::spec::PageSpec;

pub use names::{RESERVED_METHODS, RESERVED_MODULES, RESERVED_TYPES, snake, upper_camel};
pub use surface::{Change, Impact, Surface};

/// Generation failed: every error found, each with its `file:line`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct GenerateError {
    /// The errors.
    pub errors: Vec<Diagnostic>,
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Options of [`generate`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Generate one `Client` method per request API (needs the runtime's `Client::call`).
    pub client_methods: bool,
    /// Which description of each model keeps the model's name (`spec/policy.yaml`).
    pub models: Vec<crate::inputs::ModelPin>,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The file name: `mod.rs`, `models.rs`, `create_vaulting_session.rs`.
    pub name: String,
    /// The formatted Rust source.
    pub text: String,
}

/// The generated SDK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The files, in name order.
    pub files: Vec<GeneratedFile>,
    /// What the generator noticed but could handle.
    pub warnings: Vec<Diagnostic>,
}

/// One generated file before formatting.
#[derive(Debug, Clone)]
pub struct EmittedFile {
    /// The file name.
    pub name: String,
    /// The `// @generated` comment that opens it.
    pub header: String,
    /// Its items.
    pub tokens: TokenStream,
}

/// The generated SDK before formatting: each file's tokens (see [`emit()`] and [`format()`]).
#[derive(Debug, Clone)]
pub struct Emitted {
    /// The files; `mod.rs` last.
    pub files: Vec<EmittedFile>,
    /// What the generator noticed but could handle.
    pub warnings: Vec<Diagnostic>,
}

/// The SDK planned from the schemas, once: every naming, merging and deduplicating decision
/// taken, then asked for its Rust code ([`Plan::rust`]), its OpenAPI document
/// ([`Plan::openapi`]) and its public surface ([`Plan::surface`]), which all follow the same
/// decisions. Planning's warnings are returned once, by [`Plan::new`].
pub struct Plan<'a> {
    plan: plan::Plan<'a>,
    client_methods: bool,
}

impl<'a> Plan<'a> {
    /// Plans the SDK of the schemas `pages`: the plan and the warnings of planning, or every
    /// error found.
    pub fn new(
        pages: &'a [PageSpec],
        options: &Options,
    ) -> Result<(Plan<'a>, Vec<Diagnostic>), GenerateError> {
        let mut warnings = Vec::new();
        let plan = plan::plan(pages, &options.models, &mut warnings)
            .map_err(|errors| GenerateError { errors })?;
        let plan = Plan {
            plan,
            client_methods: options.client_methods,
        };
        Ok((plan, warnings))
    }

    /// The Rust files: [`Plan::emit`], then [`format()`].
    pub fn rust(&self) -> Result<Vec<GeneratedFile>, GenerateError> {
        Ok(format(&self.emit(Vec::new()))?.files)
    }

    /// The OpenAPI 3.1 document (YAML), made from the same plan as the Rust code.
    pub fn openapi(&self) -> Result<String, GenerateError> {
        let document = openapi::document(&self.plan);
        crate::yaml::try_write(&document).map_err(|message| GenerateError {
            errors: vec![Diagnostic::error("openapi.yaml", 0, message)],
        })
    }

    /// The public items of the SDK, to compare with another version's ([`Impact::between`]).
    pub fn surface(&self) -> Surface {
        Surface::of(&self.plan)
    }

    /// The first half of [`Plan::rust`]: each file's tokens, with `warnings` carried along.
    pub fn emit(&self, warnings: Vec<Diagnostic>) -> Emitted {
        let plan = &self.plan;
        let header = |what: &str| {
            format!(
                "// @generated by antom-codegen from {what}; do not edit.\n\
                 // Refresh with `cargo run -p antom-codegen -- regen`.\n\n"
            )
        };
        let mut files = vec![EmittedFile {
            name: "models.rs".to_owned(),
            header: header("the models shared by the pages in spec/"),
            tokens: emit::models(plan),
        }];
        for page in &plan.pages {
            files.push(EmittedFile {
                name: page.file_name.clone(),
                header: header(&sources(page)),
                tokens: emit::page(plan, page, self.client_methods),
            });
        }
        // The entry file: the shared imports, the models, the resource modules with their
        // pages' files, the client's accessors, which inquiry settles which API, `visit_apis`.
        let imports = emit::imports();
        let resources = emit::resources(plan, self.client_methods);
        let visit = emit::visit_apis(plan);
        let inquirables = emit::inquirables(plan);
        files.push(EmittedFile {
            name: "mod.rs".to_owned(),
            header: header("the pages in spec/"),
            tokens: quote! { #imports include!("models.rs"); #resources #inquirables #visit },
        });
        Emitted { files, warnings }
    }
}

/// Generates the SDK for the schemas of `pages`, planned once: its files, with the warnings of
/// planning.
pub fn generate(pages: &[PageSpec], options: &Options) -> Result<Generated, GenerateError> {
    format(&emit(pages, options)?)
}

/// The first half of [`generate`]: plans the items of `pages` and emits each file's tokens.
pub fn emit(pages: &[PageSpec], options: &Options) -> Result<Emitted, GenerateError> {
    let (plan, warnings) = Plan::new(pages, options)?;
    Ok(plan.emit(warnings))
}

/// The pages an API's file is generated from: `spec/pay_cashier.md and spec/pay_agreement.md`.
fn sources(page: &plan::Page<'_>) -> String {
    let files: Vec<String> = page
        .specs
        .iter()
        .map(|(_, spec)| format!("spec/{}", spec.source))
        .collect();
    files.join(" and ")
}

/// The second half of [`generate`]: formats each file's tokens with prettyplease.
pub fn format(emitted: &Emitted) -> Result<Generated, GenerateError> {
    let mut files = Vec::with_capacity(emitted.files.len());
    for file in &emitted.files {
        let text = render(file.tokens.clone(), &file.name)?;
        files.push(GeneratedFile {
            name: file.name.clone(),
            text: format!("{}{text}", file.header),
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Generated {
        files,
        warnings: emitted.warnings.clone(),
    })
}

/// Formats tokens as a Rust file.
fn render(tokens: TokenStream, name: &str) -> Result<String, GenerateError> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| GenerateError {
        errors: vec![Diagnostic::error(
            name,
            1,
            format!("the generator produced invalid Rust (a bug in antom-codegen): {e}"),
        )],
    })?;
    Ok(space_items(&prettyplease::unparse(&file)))
}

/// Puts a blank line between items, as a person would: prettyplease leaves none. A blank line
/// goes before an item or associated item (at indentation 0 or 4) that follows the end of
/// another, unless both are one-line declarations of the same kind (`use`, `const`, a macro's
/// item such as `include!`).
fn space_items(text: &str) -> String {
    const STARTS: &[&str] = &[
        "///", "#[", "pub ", "impl", "fn ", "const ", "type ", "struct ", "enum ", "use ", "mod ",
    ];
    // Each line's indentation, item kind and ending, worked out once.
    struct Line<'a> {
        text: &'a str,
        indent: usize,
        kind: Option<&'static str>,
    }
    fn read(text: &str) -> Line<'_> {
        let trimmed = text.trim_start();
        let indent = text.len() - trimmed.len();
        let kind = (indent == 0 || indent == 4)
            .then(|| {
                let bare = trimmed.strip_prefix("pub ").unwrap_or(trimmed);
                STARTS
                    .iter()
                    .copied()
                    .find(|s| bare.starts_with(s))
                    .or_else(|| {
                        // An item made by a macro: `include!("models.rs");`,
                        // `text_enum::value_set!(Name);`.
                        let (path, _) = bare.split_once("!(")?;
                        path.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':')
                            .then_some("macro!")
                    })
            })
            .flatten();
        Line { text, indent, kind }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut prev: Option<Line<'_>> = None;
    for text in text.lines() {
        let line = read(text);
        if let Some(p) = &prev {
            let end = p.text.trim_end();
            let ends_item = end.ends_with(['}', ';']);
            let same_one_liners = p.kind.is_some() && p.kind == line.kind && end.ends_with(';');
            if (line.indent == 0 || line.indent == 4)
                && p.indent == line.indent
                && ends_item
                && line.kind.is_some()
                && !same_one_liners
            {
                out.push('\n');
            }
        }
        out.push_str(text);
        out.push('\n');
        prev = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::space_items;

    #[test]
    fn items_are_spaced_apart_and_one_liners_of_a_kind_kept_together() {
        let formatted = "include!(\"a.rs\");\ninclude!(\"b.rs\");\nuse a;\nuse b;\nstruct A;\nimpl A {\n    fn a() {}\n    fn b() {}\n}\n\
                         text_enum::value_set!(A);\nconst X: u8 = 1;\nconst Y: u8 = 2;\n";
        assert_eq!(
            space_items(formatted),
            "include!(\"a.rs\");\ninclude!(\"b.rs\");\n\nuse a;\nuse b;\n\nstruct A;\n\nimpl A {\n    fn a() {}\n\n    fn b() {}\n}\n\n\
             text_enum::value_set!(A);\n\nconst X: u8 = 1;\nconst Y: u8 = 2;\n"
        );
    }
}
