//! Names and types never shift because another page was added or removed: generating the SDK
//! without any one page of `spec/` leaves the generated file of every other API byte-identical
//! (an API documented by several pages, for several products, may change with one of them).

use std::collections::BTreeMap;
use std::path::Path;

use antom_codegen::generate::{Generated, GeneratedFile};
use antom_codegen::pipeline::{self, Specs};

fn generate(specs: &Specs) -> Generated {
    pipeline::generate(specs).unwrap_or_else(|e| panic!("{e}"))
}

/// The pages of `all` but the one at `index`, and that one.
fn without(all: &Specs, index: usize) -> (Specs, antom_codegen::spec::PageSpec) {
    let mut specs = all.specs.clone();
    let removed = specs.remove(index);
    let rest = Specs {
        specs,
        policy: all.policy.clone(),
        ..Specs::default()
    };
    (rest, removed)
}

/// The file name of a page: `consult.md`.
fn page(removed: &antom_codegen::spec::PageSpec) -> String {
    let name = Path::new(&removed.file).file_name().unwrap_or_default();
    name.to_string_lossy().into_owned()
}

/// The first line of a generated file, which names the pages it comes from.
fn header(file: &GeneratedFile) -> &str {
    file.text.lines().next().unwrap_or_default()
}

fn page_files(generated: &Generated) -> Vec<&GeneratedFile> {
    generated
        .files
        .iter()
        .filter(|f| f.name != "mod.rs" && f.name != "models.rs")
        .collect()
}

/// The fields of every struct and the variants of every enum of a file: `Type.field` with its
/// type, `Enum::Variant` with nothing.
fn shapes(text: &str) -> BTreeMap<String, String> {
    let file = syn::parse_file(text).expect("generated Rust parses");
    let mut out = BTreeMap::new();
    for item in file.items {
        match item {
            syn::Item::Struct(s) => {
                for f in &s.fields {
                    let ty = &f.ty;
                    let name = f
                        .ident
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    out.insert(
                        format!("{}.{name}", s.ident),
                        quote::quote!(#ty).to_string(),
                    );
                }
            }
            syn::Item::Enum(e) => {
                for v in &e.variants {
                    out.insert(format!("{}::{}", e.ident, v.ident), String::new());
                }
            }
            _ => {}
        }
    }
    out
}

/// The files of every other API, and every shared model item, are as they were with each page
/// left out in turn (one generation per page serves both checks).
#[test]
fn removing_any_page_leaves_every_other_api_and_the_shared_models_unchanged() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let all = pipeline::load_pages(&spec).unwrap_or_else(|e| panic!("{e}"));
    let full = generate(&all);
    let models = |g: &Generated| {
        let file = g.files.iter().find(|f| f.name == "models.rs");
        shapes(&file.expect("models.rs").text)
    };
    let full_models = models(&full);
    let (mut files_shifted, mut models_shifted) = (Vec::new(), Vec::new());
    for left_out in 0..all.specs.len() {
        let (rest, removed) = without(&all, left_out);
        let without = generate(&rest);
        // The removed page's own API (one of its products, say) may change; no other may.
        let source = format!("spec/{}", page(&removed));
        for file in page_files(&without) {
            let before = full.files.iter().find(|f| f.name == file.name);
            if before.is_some_and(|f| header(f).contains(&source)) {
                continue;
            }
            if before.map(|f| &f.text) != Some(&file.text) {
                files_shifted.push(format!("{} changes without {}", file.name, page(&removed)));
            }
        }
        // A model, field or value only the removed page has goes with it; everything that
        // stays must be as it was, and nothing may appear.
        for (key, ty) in models(&without) {
            match full_models.get(&key) {
                Some(was) if *was == ty => {}
                Some(was) => {
                    models_shifted.push(format!("{key}: {was} -> {ty} without {}", page(&removed)))
                }
                None => models_shifted.push(format!("{key} appears without {}", page(&removed))),
            }
        }
    }
    assert!(files_shifted.is_empty(), "{}", files_shifted.join("\n"));
    assert!(models_shifted.is_empty(), "{}", models_shifted.join("\n"));
}

/// A page that reuses `Result` for another object (no `resultCode`) gets a type of its own and
/// changes nothing of the other pages: their files are byte-identical, and every shared model
/// item is as it was.
#[test]
fn a_page_reusing_result_for_another_object_changes_no_other_page() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let all = pipeline::load_pages(&spec).unwrap_or_else(|e| panic!("{e}"));
    let before = generate(&all);
    let text = "# oddResult\n\n> Uses `Result` for something else.\n\n`POST /v1/odd/oddResult`\n\n## Request parameters\n\n#### id (String)\n\nThe ID.\n\n## Response parameters\n\n#### result (Result, REQUIRED)\n\nThe outcome of the odd job.\n\n##### code (Integer, REQUIRED)\n\nThe code.\n\n##### note (String)\n\nA note.\n";
    let policy = pipeline::load_policy(&spec).unwrap_or_else(|e| panic!("{e}"));
    let odd = antom_codegen::page::parse_page(text, "spec/odd.md", &policy).unwrap();
    let mut more = all.specs.clone();
    more.push(antom_codegen::spec::PageSpec {
        file: "spec/odd.md".into(),
        spec: odd.spec,
    });
    let after = generate(&Specs {
        specs: more,
        policy: all.policy.clone(),
        ..Specs::default()
    });
    for file in page_files(&before) {
        let now = after.files.iter().find(|f| f.name == file.name);
        assert_eq!(
            now.map(|f| &f.text),
            Some(&file.text),
            "{} changed",
            file.name
        );
    }
    let models = |g: &Generated| {
        let file = g.files.iter().find(|f| f.name == "models.rs");
        shapes(&file.expect("models.rs").text)
    };
    let (old, new) = (models(&before), models(&after));
    for (key, ty) in &old {
        assert_eq!(new.get(key), Some(ty), "{key}");
    }
    assert!(
        after
            .warnings
            .iter()
            .any(|w| w.message.contains("its own type `OddResultResult`"))
    );
}
