//! End-to-end tests of `antom-codegen parse`: output files, summary lines, exit status.

mod common;

use common::{copy_policy, run, text};

const PAGE: &str = "# test\n\n> The summary.\n\n`POST /v1/test`\n\n## Request parameters\n\n#### id (String, REQUIRED)\n\nThe ID.\n\n## Response parameters\n\n#### result (Result, REQUIRED)\n\nThe result.\n\n##### resultCode (String)\n\nThe code.\n\n## Result/Error codes\n\n| Code | Value | Message | Further action |\n| --- | --- | --- | --- |\n| SUCCESS | S | Success | None. |\n";

#[test]
fn parse_writes_one_schema_per_page_and_a_summary_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_policy(dir.path());
    std::fs::write(dir.path().join("test.md"), PAGE).unwrap();
    let out = run(&["parse", "test.md", "--out", "schemas"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "test.md: test (POST /v1/test): 1 request + 2 response parameters, 1 result code, 0 examples, 0 warnings -> schemas/test.yaml\n"
    );
    let yaml = std::fs::read_to_string(dir.path().join("schemas/test.yaml")).unwrap();
    assert!(
        yaml.starts_with("api: test\nsource: ../test.md\nkind: request\n"),
        "{yaml}"
    );
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("schemas"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["test.yaml"]);
}

#[test]
fn warnings_are_printed_and_strict_makes_them_errors() {
    let dir = tempfile::tempdir().unwrap();
    copy_policy(dir.path());
    let page = PAGE.replace(
        "#### id (String, REQUIRED)",
        "#### id (String, REQUIRED)\n\n#### id (String)",
    );
    std::fs::write(dir.path().join("test.md"), page).unwrap();
    let out = run(&["parse", "test.md", "--out", "."], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains(", 1 warning ->"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("test.md:11: warning: parameter `id` is documented twice"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("test.yaml"))
            .unwrap()
            .lines()
            .nth(1),
        Some("source: test.md")
    );

    std::fs::remove_file(dir.path().join("test.yaml")).unwrap();
    let out = run(&["parse", "--strict", "test.md", "--out", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("test.md:11: error: parameter `id` is documented twice"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        !dir.path().join("test.yaml").exists(),
        "no schema under --strict"
    );
}

#[test]
fn page_errors_exit_1_and_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_policy(dir.path());
    std::fs::write(dir.path().join("good.md"), PAGE).unwrap();
    std::fs::write(
        dir.path().join("bad.md"),
        PAGE.replace("(String, REQUIRED)", "(Strin g)"),
    )
    .unwrap();
    let out = run(
        &["parse", "bad.md", "good.md", "missing.md", "--out", "."],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("bad.md:9: error: found parameter heading `#### id (Strin g)`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.md: error: cannot read the page"),
        "{stderr}"
    );
    // The good page is still written.
    assert!(dir.path().join("good.yaml").exists());
    assert!(!dir.path().join("bad.yaml").exists());
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    copy_policy(dir.path());
    assert_eq!(
        run(&["parse", "x.md"], dir.path()).status.code(),
        Some(2),
        "--out is required"
    );
    assert_eq!(
        run(&["parse", "--out", "."], dir.path()).status.code(),
        Some(2),
        "a page is required"
    );
    assert_eq!(run(&["frobnicate"], dir.path()).status.code(), Some(2));
    assert_eq!(run(&[], dir.path()).status.code(), Some(2));
}

#[test]
fn help_documents_every_flag() {
    let dir = tempfile::tempdir().unwrap();
    copy_policy(dir.path());
    let out = run(&["parse", "--help"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for flag in ["--out <DIR>", "--strict", "<PAGE.md>..."] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}

#[test]
fn a_readme_among_the_pages_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    copy_policy(dir.path());
    std::fs::write(dir.path().join("test.md"), PAGE).unwrap();
    std::fs::write(dir.path().join("README.md"), "# About these pages\n").unwrap();
    let out = run(&["parse", "README.md", "test.md", "--out", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "README.md: skipped: not an API page\n");
    assert!(!dir.path().join("README.yaml").exists());
}

#[test]
fn two_pages_with_one_schema_name_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    copy_policy(dir.path());
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::fs::create_dir(dir.path().join("b")).unwrap();
    std::fs::write(dir.path().join("a/test.md"), PAGE).unwrap();
    std::fs::write(
        dir.path().join("b/test.md"),
        PAGE.replace("The ID.", "Another ID."),
    )
    .unwrap();
    let out = run(
        &[
            "parse",
            "a/test.md",
            "b/test.md",
            "--out",
            ".",
            "--policy",
            "policy.yaml",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "b/test.md: error: its schema ./test.yaml would overwrite the schema of a/test.md; give the pages different names\n"
    );
    let yaml = std::fs::read_to_string(dir.path().join("test.yaml")).unwrap();
    assert!(yaml.contains("source: a/test.md"), "{yaml}");
}

#[test]
fn parse_without_policies_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("test.md"), PAGE).unwrap();
    let out = run(&["parse", "test.md", "--out", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with(
            "policy.yaml: error: cannot find the parser's policies: no policy.yaml beside the page and no workspace"
        ),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("test.yaml").exists());

    std::fs::write(dir.path().join("rules.yaml"), "sensitive:\n  - name: x\n").unwrap();
    let out = run(
        &["parse", "test.md", "--out", ".", "--policy", "rules.yaml"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("rules.yaml:2: error: sensitive[0]: missing field `reason`"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn parse_of_a_page_outside_spec_uses_the_workspace_policies_and_says_so() {
    // A page tried before it is added: nothing beside it, the workspace's spec/policy.yaml above.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Cargo.toml"), "[workspace]\n").unwrap();
    std::fs::create_dir_all(dir.path().join("spec")).unwrap();
    copy_policy(&dir.path().join("spec"));
    std::fs::create_dir_all(dir.path().join("drafts")).unwrap();
    std::fs::write(dir.path().join("drafts/test.md"), PAGE).unwrap();
    let out = run(&["parse", "drafts/test.md", "--out", "out"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        "drafts/test.md: note: no policy.yaml beside the pages; using the workspace's policies, spec/policy.yaml\n"
    );
    assert!(dir.path().join("out/test.yaml").is_file());

    // From anywhere inside the workspace, for a page anywhere else.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("test.md"), PAGE).unwrap();
    let page = elsewhere.path().join("test.md");
    let out_dir = elsewhere.path().join("out");
    let out = run(
        &[
            "parse",
            page.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
        ],
        &dir.path().join("drafts"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("using the workspace's policies"));
    assert!(out_dir.join("test.yaml").is_file());
}
