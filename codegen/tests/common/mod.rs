//! Helpers shared by the command-line tests.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `antom-codegen` with `args` in `dir`.
pub fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_antom-codegen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// Captured output as text, for assertion messages.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Copies the workspace's `spec/policy.yaml` into `dir`, as the pages of a `spec/` expect.
pub fn copy_policy(dir: &Path) {
    let policy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/policy.yaml");
    std::fs::copy(policy, dir.join("policy.yaml")).expect("spec/policy.yaml can be copied");
}
