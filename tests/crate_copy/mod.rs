//! What the tests that compile a copy of this crate share (`doc_change.rs`, `new_pages.rs`):
//! copying its directories, and its `[dependencies]` for the copy's manifest.

use std::fs;
use std::path::{Path, PathBuf};

/// The crate's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the directory `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// The `[dependencies]` section of the crate's manifest, as written there.
pub fn dependencies() -> String {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let start = manifest
        .find("\n[dependencies]\n")
        .expect("a [dependencies] section")
        + 1;
    let end = start
        + 1
        + manifest[start + 1..]
            .find("\n[")
            .unwrap_or(manifest.len() - start - 1);
    manifest[start..end].to_owned()
}
