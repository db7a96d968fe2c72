//! `spec/*.yaml` and the checked-in `generated/` must be what the pages give today (in the style
//! of rust-analyzer's sourcegen tests): change a page or the generator, and this test names the
//! stale files and the command that refreshes them.

use std::path::Path;

use antom_codegen::pipeline::{Layout, check_command};

#[test]
fn schemas_and_generated_code_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let report = check_command(&Layout::new(&root)).unwrap_or_else(|e| panic!("{e}"));
    let stale: Vec<String> = report
        .files
        .iter()
        .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
        .collect();
    assert!(
        stale.is_empty(),
        "stale files:\n  {}\nrefresh them with:\n  cargo run -p antom-codegen -- regen",
        stale.join("\n  ")
    );
}

#[test]
fn generating_twice_gives_the_same_bytes() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let first = antom_codegen::pipeline::load_pages(&spec).unwrap();
    let second = antom_codegen::pipeline::load_pages(&spec).unwrap();
    let first = antom_codegen::pipeline::generate(&first).unwrap();
    let second = antom_codegen::pipeline::generate(&second).unwrap();
    assert!(first.files.len() > 2);
    assert_eq!(first, second);
}
