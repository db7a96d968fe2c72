//! End-to-end tests of `antom-codegen regen`, `generate` and `check` on a workspace of its own.

mod common;

use common::{copy_policy, run, text};
use std::fs;
use std::path::Path;

/// A workspace with two of the real pages.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Cargo.toml"), "").unwrap();
    let spec = dir.path().join("spec");
    fs::create_dir(&spec).unwrap();
    copy_policy(&spec);
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    for page in ["vaulting_session.md", "notify_vaulting.md"] {
        fs::copy(pages.join(page), spec.join(page)).unwrap();
    }
    dir
}

#[test]
fn regen_writes_schemas_and_code_then_nothing_and_check_finds_stale_files() {
    let dir = workspace();
    let root = dir.path();
    let out = run(&["regen"], root);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for file in [
        "spec/vaulting_session.yaml",
        "spec/notify_vaulting.yaml",
        "generated/mod.rs",
        "generated/models.rs",
        "generated/vaults_create_vaulting_session.rs",
        "generated/notifications_notify_vaulting.rs",
        "generated/openapi.yaml",
    ] {
        assert!(
            stdout.contains(&format!("wrote {file}")),
            "{file} not in\n{stdout}"
        );
        assert!(root.join(file).is_file(), "{file}");
    }

    // Unchanged files are not rewritten, and the check passes, from a subdirectory too.
    let out = run(&["regen"], root);
    assert_eq!(text(&out.stdout), "up to date; nothing written\n");
    let out = run(&["check"], &root.join("spec"));
    assert!(out.status.success(), "{}", text(&out.stderr));

    // A hand edit, a removed file and a leftover file are all stale.
    fs::write(root.join("generated/models.rs"), "// edited\n").unwrap();
    fs::remove_file(root.join("spec/notify_vaulting.yaml")).unwrap();
    fs::write(root.join("generated/old_api.rs"), "").unwrap();
    fs::write(root.join("generated/openapi.yaml"), "openapi: 3.1.0\n").unwrap();
    let out = run(&["check"], root);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let stale: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("stale: "))
        .collect();
    assert_eq!(
        stale,
        [
            "stale: spec/notify_vaulting.yaml",
            "stale: generated/models.rs",
            "stale: generated/old_api.rs",
            "stale: generated/openapi.yaml"
        ]
    );
    // Against the schemas, the page without one is new.
    assert!(
        stdout.contains(
            "  spec/notify_vaulting.md: not breaking\n    added API notifications::NotifyVaulting\n"
        ),
        "{stdout}"
    );
    assert!(
        text(&out.stderr).contains("run `cargo run -p antom-codegen -- regen`"),
        "{}",
        text(&out.stderr)
    );

    // `generate` reads the schemas alone: without notifyVaulting's, its code goes.
    let out = run(&["generate"], root);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "wrote generated/mod.rs\nwrote generated/models.rs\n\
         removed generated/notifications_notify_vaulting.rs\nremoved generated/old_api.rs\n"
    );
}

#[test]
fn openapi_writes_the_document_regen_checks_in() {
    let dir = workspace();
    let root = dir.path();
    assert!(run(&["regen"], root).status.success());
    let checked_in = fs::read_to_string(root.join("generated/openapi.yaml")).unwrap();
    assert!(checked_in.starts_with("openapi: 3.1.0\n"), "{checked_in}");
    assert!(checked_in.contains("/v1/vaults/createVaultingSession:"));
    assert!(checked_in.contains("webhooks:\n  notifyVaulting:"));

    // `--out` is relative to where the command runs.
    let out = run(&["openapi", "--out", "../api.yaml"], &root.join("spec"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        fs::read_to_string(root.join("api.yaml")).unwrap(),
        checked_in
    );
    let out = run(&["openapi"], root);
    assert_eq!(text(&out.stdout), checked_in);
}

#[test]
fn a_broken_page_fails_with_file_and_line_and_writes_nothing() {
    let dir = workspace();
    let root = dir.path();
    fs::write(
        root.join("spec/broken.md"),
        "# broken\n\n> Summary.\n\n`POST /v1/broken`\n\n## Request parameters\n\n#### id (String, REQUIRED)\n\nThe ID.\n",
    )
    .unwrap();
    let out = run(&["regen"], root);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("spec/broken.md:1: error:"), "{stderr}");
    assert!(!root.join("generated").exists());
}

#[test]
fn no_workspace_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("pass --root"),
        "{}",
        text(&out.stderr)
    );
}
