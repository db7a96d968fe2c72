//! Every page in `spec/` parses without errors, and the checked-in `spec/<page>.yaml` is exactly
//! what the parser makes of it today.

use std::path::{Path, PathBuf};

use antom_codegen::page::parse_page;
use antom_codegen::spec::ApiSpec;

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(spec_dir())
        .expect("spec/ exists")
        .map(|e| e.expect("readable spec/ entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    pages.sort();
    assert!(
        pages.len() >= 10,
        "expected the Antom pages in spec/, found {pages:?}"
    );
    pages
}

#[test]
fn every_page_matches_its_checked_in_schema() {
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let file = format!("spec/{}", page.file_name().unwrap().to_string_lossy());
        let parsed = parse_page(&text, &file).unwrap_or_else(|diagnostics| {
            let list: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            panic!("{file} does not parse:\n{}", list.join("\n"))
        });
        let yaml = parsed.spec.to_yaml();
        let stored_path = page.with_extension("yaml");
        let stored = std::fs::read_to_string(&stored_path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run `antom-codegen parse spec/*.md --out spec`",
                stored_path.display()
            )
        });
        assert!(
            yaml == stored,
            "{} is stale: run `cargo run -p antom-codegen -- parse spec/*.md --out spec` and review the diff",
            stored_path.display()
        );
    }
}

#[test]
fn schemas_round_trip_byte_identically() {
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let file = page.display().to_string();
        let first = parse_page(&text, &file).unwrap().spec;
        let second = parse_page(&text, &file).unwrap().spec;
        assert_eq!(first, second, "{file}: parsing twice differs");
        let yaml = first.to_yaml();
        let read_back = ApiSpec::from_yaml(&yaml, &file).unwrap();
        assert_eq!(
            read_back, first,
            "{file}: reading the YAML back changes the schema"
        );
        assert_eq!(
            read_back.to_yaml(),
            yaml,
            "{file}: writing again is not byte-identical"
        );
        assert_eq!(
            second.to_yaml(),
            yaml,
            "{file}: parsing twice is not byte-identical"
        );
    }
}
