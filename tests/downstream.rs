//! Both users served by one feature: a crate that depends on `antom` with the default features
//! builds no code generator (so parses no page), while this workspace's own builds have
//! `codegen` on, through its default member `antom-regenerate`, and regenerate from `spec/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The generator and what only it needs.
const GENERATOR: &[&str] = &[
    "antom-codegen",
    "pulldown-cmark",
    "serde_yaml",
    "prettyplease",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `cargo tree` in `dir` with `args`, offline (every crate is in the cache once this builds).
fn tree(dir: &Path, args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--prefix",
            "none",
            "-e",
            "normal,build",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("cargo runs");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo tree {args:?}: {said}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_dependent_with_default_features_builds_no_generator() {
    let dir = root().join("target/downstream");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"dependent\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [dependencies]\nantom = {{ path = {:?} }}\n\n[workspace]\n",
        root().display().to_string()
    );
    fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    fs::write(dir.join("src/main.rs"), "fn main() {}\n").unwrap();
    fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let deps = tree(&dir, &[]);
    assert!(deps.contains("antom v0.1.0"), "{deps}");
    assert!(deps.contains("reqwest v"), "{deps}");
    for crate_name in GENERATOR {
        assert!(
            !deps
                .lines()
                .any(|l| l.starts_with(&format!("{crate_name} v"))),
            "{crate_name} in a dependent's build:\n{deps}"
        );
    }
}

#[test]
fn this_workspace_builds_antom_with_its_generator() {
    // What `cargo build` selects here: the default members, `antom-regenerate` among them.
    let features = tree(&root(), &["-e", "features", "-i", "antom-codegen"]);
    assert!(
        features.contains("antom feature \"codegen\""),
        "the workspace's build has no codegen:\n{features}"
    );
    // And `antom` selected alone has it not: the feature is the member's, never antom's default.
    let alone = tree(&root(), &["-p", "antom"]);
    assert!(
        !alone.lines().any(|l| l.starts_with("antom-codegen v")),
        "{alone}"
    );
}
