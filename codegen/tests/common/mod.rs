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
