//! `spec/overrides.yaml`: a maintainer's corrections of a page, applied as it is parsed and
//! recorded in its schema; one that no longer changes anything warns, one that targets no
//! parameter (or no page) is an error at its own line, and nothing is written then.

mod common;

use std::fs;

use antom_codegen::pipeline::{self, Layout};
use common::{copy_policy, run, text};

const PAGE: &str = "# createThing\n\n> The summary.\n\n`POST /v1/things/createThing`\n\n## Request parameters\n\n#### id (String, REQUIRED)\n\nThe ID. Maximum length: 64 characters.\n\n#### kind (String)\n\nThe kind.\n\n#### quote (Object)\n\nThe quotes, one per currency.\n\n##### rate (String)\n\nThe rate.\n\n## Response parameters\n\n#### result (Result, REQUIRED)\n\nThe result.\n\n##### resultCode (String)\n\nThe code.\n\n## Result/Error codes\n\n| Code | Value | Message | Further action |\n| --- | --- | --- | --- |\n| SUCCESS | S | Success | None. |\n";

fn workspace(overrides: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Cargo.toml"), "").unwrap();
    let spec = dir.path().join("spec");
    fs::create_dir(&spec).unwrap();
    copy_policy(&spec);
    fs::write(spec.join("test.md"), PAGE).unwrap();
    fs::write(spec.join("overrides.yaml"), overrides).unwrap();
    dir
}

#[test]
fn overrides_are_applied_and_recorded_in_the_schema() {
    let dir = workspace(
        "overrides:\n\
         - page: test.md\n  parameter: request.quote\n  type: Array<Object>\n  reason: One per currency.\n\
         - page: test.md\n  parameter: request.kind\n  required: true\n  max_length: 8\n  values: [A, B]\n  reason: The API refuses it without.\n\
         - page: test.md\n  parameter: request.quote.rate\n  max_length: 32\n  reason: Rates are short.\n",
    );
    let specs = pipeline::load_pages(&dir.path().join("spec")).unwrap();
    assert!(specs.warnings.is_empty(), "{:?}", specs.warnings);
    let yaml = specs.specs[0].spec.to_yaml();
    assert!(
        yaml.contains(
            "- name: quote\n  type: Array<Object>\n  line: 17\n  description: The quotes, one per currency.\n  overridden:\n  - what: type\n    page_says: Object\n    reason: One per currency.\n    line: 2\n"
        ),
        "{yaml}"
    );
    for (what, says, line) in [
        ("required", "'false'", 6),
        ("max_length", "none", 6),
        ("values", "none", 6),
        ("max_length", "none", 12),
    ] {
        let recorded = format!("- what: {what}\n    page_says: {says}\n");
        assert!(yaml.contains(&recorded), "{recorded} in {yaml}");
        assert!(yaml.contains(&format!("line: {line}\n")), "{yaml}");
    }
    let kind = &specs.specs[0].spec.request[1];
    assert!(kind.required && kind.max_length == Some(8));
    // And the Rust code follows: `kind` is required, `quote` an array.
    let generated = pipeline::generate(&specs).unwrap();
    let file = generated
        .files
        .iter()
        .find(|f| f.name.ends_with("create_thing.rs"))
        .unwrap();
    assert!(file.text.contains("pub kind: Kind,"), "{}", file.text);
    // An `Object` the page describes is a type of its own, named after its API and field.
    assert!(
        file.text
            .contains("pub quote: Option<Vec<CreateThingQuote>>,"),
        "{}",
        file.text
    );
}

#[test]
fn an_override_that_changes_nothing_warns_at_its_line() {
    let dir = workspace(
        "overrides:\n- page: test.md\n  parameter: request.id\n  required: true\n  reason: Was optional.\n",
    );
    let specs = pipeline::load_pages(&dir.path().join("spec")).unwrap();
    let warnings: Vec<String> = specs.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].ends_with(
            "overrides.yaml:2: warning: the override of `request.id` on test.md changes nothing: \
             the page says so itself now (fixed upstream?); remove it"
        ),
        "{warnings:?}"
    );
    assert!(specs.specs[0].spec.request[0].overridden.is_empty());
}

#[test]
fn an_override_of_no_parameter_or_no_page_is_an_error_at_its_line_and_nothing_is_written() {
    let dir = workspace(
        "overrides:\n- page: test.md\n  parameter: request.quote.nope\n  required: true\n  reason: x\n\
         - page: gone.md\n  parameter: request.id\n  required: true\n  reason: y\n\
         - page: test.md\n  parameter: id\n  required: true\n  reason: z\n",
    );
    let out = run(&["regen"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    for expected in [
        "overrides.yaml:2: error: `request.quote.nope` is not a parameter of test.md",
        "overrides.yaml:6: error: `gone.md` is not a page of",
        "overrides.yaml:10: error: `id` is not a parameter of test.md",
    ] {
        assert!(stderr.contains(expected), "`{expected}` not in:\n{stderr}");
    }
    assert!(!dir.path().join("spec/test.yaml").exists());
    assert!(!dir.path().join("generated").exists());
    // A malformed file is an error naming it, and its line.
    fs::write(
        dir.path().join("spec/overrides.yaml"),
        "overrides:\n- page: test.md\n  parameter: request.id\n  colour: red\n  reason: x\n",
    )
    .unwrap();
    let error = pipeline::regen_command(&Layout::new(dir.path())).unwrap_err();
    let error = error.to_string();
    assert!(
        error.contains("overrides.yaml:") && error.contains("colour"),
        "{error}"
    );
}

#[test]
fn overridden_values_keep_the_explanations_the_page_lists() {
    let dir = workspace(
        "overrides:\n\
         - page: test.md\n  parameter: request.kind\n  values: [SMALL, LARGE, HUGE]\n  reason: The list is the closed set.\n",
    );
    let page = PAGE.replace(
        "The kind.\n",
        "The kind.\n\n-   `SMALL`: a small thing.\n-   `LARGE`: a large thing.\n-   `LARGEST`: not a value of the set.\n",
    );
    fs::write(dir.path().join("spec/test.md"), page).unwrap();
    let specs = pipeline::load_pages(&dir.path().join("spec")).unwrap();
    let kind = &specs.specs[0].spec.request[1];
    let Some(antom_codegen::spec::Values::Closed(values)) = &kind.values else {
        panic!("{:?}", kind.values);
    };
    let described: Vec<(&str, &str)> = values
        .iter()
        .map(|v| (v.value.as_str(), v.description.as_str()))
        .collect();
    assert_eq!(
        described,
        [
            ("SMALL", "a small thing."),
            ("LARGE", "a large thing."),
            ("HUGE", "")
        ]
    );
}
