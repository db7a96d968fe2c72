//! The pages of Antom's reference that are not in `spec/` yet (`tests/fixtures/corpus/`, copied
//! byte for byte from the corpus): each parses, its YAML is a reviewed snapshot, and its
//! warnings are the documentation bugs it has, each read against the page.

use std::path::Path;

use antom_codegen::page::{is_api_page, parse_page};
use antom_codegen::spec::Policy;

fn pages() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| is_api_page(p))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 30,
        "expected the corpus pages, found {paths:?}"
    );
    paths
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

fn policy() -> Policy {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    antom_codegen::pipeline::load_policy(&spec).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_corpus_page_parses_to_its_reviewed_schema() {
    let policy = policy();
    let mut warnings = Vec::new();
    for (name, text) in pages() {
        let parsed = parse_page(&text, &name, &policy).unwrap_or_else(|d| {
            let list: Vec<String> = d.iter().map(ToString::to_string).collect();
            panic!("{name} does not parse:\n{}", list.join("\n"))
        });
        let yaml = parsed.spec.to_yaml();
        insta::assert_snapshot!(format!("corpus/{name}.yaml"), yaml);
        warnings.extend(parsed.warnings.iter().map(ToString::to_string));
    }
    insta::assert_snapshot!("corpus/warnings", warnings.join("\n"));
}
