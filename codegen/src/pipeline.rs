//! The stages chained over directories, for `build.rs` and the `antom-codegen` command.
//!
//! `spec/` holds Antom's pages (`*.md`) and their schemas (`*.yaml`). The pages are the source of
//! truth: [`load_pages`] parses every page, and adds the schemas that have no page (written by
//! hand). [`load_schemas`] reads the schemas alone. Files are only rewritten when their contents
//! change, and always atomically (a temporary file renamed over the old one).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::generate::{self, Diagnostic, GenerateError, Generated, Options};
use crate::spec::ApiSpec;

/// The schema file of a page: `spec/vaulting_session.md` → `spec/vaulting_session.yaml`.
pub fn schema_path(page: &Path) -> PathBuf {
    page.with_extension("yaml")
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> GenerateError {
    GenerateError {
        errors: vec![Diagnostic::new(
            &path.display().to_string(),
            None,
            e.to_string(),
        )],
    }
}

/// The files of `dir` with extension `ext`, in name order.
pub fn files_with_extension(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, GenerateError> {
    let entries = fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        if path.extension().is_some_and(|e| e == ext) && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads every schema (`*.yaml`) of `dir`, each named in diagnostics by the page it came from.
pub fn load_schemas(dir: &Path) -> Result<Vec<(String, ApiSpec)>, GenerateError> {
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    for path in files_with_extension(dir, "yaml")? {
        let text = fs::read_to_string(&path).map_err(|e| io_error(&path, e))?;
        let shown = path.display().to_string();
        match ApiSpec::from_yaml(&text, &shown) {
            Ok(spec) => {
                let page = path.with_file_name(&spec.source).display().to_string();
                specs.push((page, spec));
            }
            Err(e) => errors.push(Diagnostic::new(&shown, e.line, e.message)),
        }
    }
    if errors.is_empty() {
        Ok(specs)
    } else {
        Err(GenerateError { errors })
    }
}

/// Writes `contents` to `path` unless it already holds exactly that; the write is atomic.
/// Returns whether the file was written.
pub fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<bool> {
    if fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(false);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map(|()| true)
}

/// What [`write_generated`] did.
#[derive(Debug, Default)]
pub struct Written {
    /// Files written because they were new or changed.
    pub written: Vec<PathBuf>,
    /// Generated files removed because no page gives them any more.
    pub removed: Vec<PathBuf>,
}

/// Writes the generated files into `out`, removing `.rs` files no page gives any more.
pub fn write_generated(generated: &Generated, out: &Path) -> Result<Written, GenerateError> {
    let mut done = Written::default();
    for (name, text) in &generated.files {
        let path = out.join(name);
        if write_if_changed(&path, text).map_err(|e| io_error(&path, e))? {
            done.written.push(path);
        }
    }
    for path in files_with_extension(out, "rs")? {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !generated.files.iter().any(|(n, _)| n == name) {
            fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
            done.removed.push(path);
        }
    }
    Ok(done)
}

/// The files in `out` that differ from `generated` (changed, missing, or left over).
pub fn stale_generated(generated: &Generated, out: &Path) -> Vec<PathBuf> {
    let mut stale = Vec::new();
    for (name, text) in &generated.files {
        let path = out.join(name);
        if !fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            stale.push(path);
        }
    }
    if let Ok(files) = files_with_extension(out, "rs") {
        for path in files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !generated.files.iter().any(|(n, _)| n == name) {
                stale.push(path);
            }
        }
    }
    stale
}

/// Generates the SDK from `specs` with the options the crate is built with.
pub fn generate(specs: &[(String, ApiSpec)]) -> Result<Generated, GenerateError> {
    generate::generate(specs, &Options::default())
}

/// Reads the schemas of `dir`: every page's, and those written by hand.
///
/// Pages (`*.md`) are parsed by the parser stage once it is wired in; until then the schemas
/// (`*.yaml`) are read.
pub fn load_pages(dir: &Path) -> Result<Vec<(String, ApiSpec)>, GenerateError> {
    load_schemas(dir)
}
