//! The stages chained over directories, for `build.rs` and the `antom-codegen` command.
//!
//! `spec/` holds Antom's pages (`*.md`) and their schemas (`*.yaml`). The pages are the source of
//! truth: [`load_pages`] parses every page, and adds the schemas that have no page (written by
//! hand). [`load_schemas`] reads the schemas alone. Files are only rewritten when their contents
//! change, and always atomically (a temporary file renamed over the old one).

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::generate::{self, GenerateError, Generated, Impact, Options, Plan, Surface};
use crate::inputs::{Overrides, Policy};
use crate::page::{is_api_page, parse_corrected_page};
use crate::spec::{ApiSpec, PageSpec};

/// The file of `spec/` that holds the parser's policies ([`Policy`]); every other `*.yaml` of
/// `spec/` is a schema.
pub const POLICY_FILE: &str = "policy.yaml";

/// Why the pipeline stopped.
#[derive(Debug)]
pub enum PipelineError {
    /// A file could not be read or written.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the system said.
        error: std::io::Error,
    },
    /// Pages or schemas have errors (every one found, with warnings found on the way).
    Diagnostics(Vec<Diagnostic>),
}

impl fmt::Display for PipelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PipelineError::Io { path, error } => write!(f, "{}: error: {error}", path.display()),
            PipelineError::Diagnostics(diagnostics) => {
                for (i, d) in diagnostics.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{d}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for PipelineError {}

impl From<GenerateError> for PipelineError {
    fn from(e: GenerateError) -> Self {
        PipelineError::Diagnostics(e.errors)
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PipelineError + '_ {
    move |error| PipelineError::Io {
        path: path.to_owned(),
        error,
    }
}

/// The schemas of a `spec/` directory, with the warnings found while reading them.
#[derive(Debug, Default)]
pub struct Specs {
    /// Each page's schema, in file name order.
    pub specs: Vec<PageSpec>,
    /// Warnings about the pages.
    pub warnings: Vec<Diagnostic>,
    /// The policies of `spec/policy.yaml`.
    pub policy: Policy,
}

/// The files of `dir` with extension `ext`, in name order.
pub fn files_with_extension(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, PipelineError> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        if path.extension().is_some_and(|e| e == ext) && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads the parser's policies, `dir/policy.yaml`.
pub fn load_policy(dir: &Path) -> Result<Policy, PipelineError> {
    read_policy(&dir.join(POLICY_FILE))
}

/// Reads the parser's policies from `path`.
pub fn read_policy(path: &Path) -> Result<Policy, PipelineError> {
    let shown = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|error| {
        PipelineError::Diagnostics(vec![Diagnostic::error(
            &shown,
            1,
            format!("cannot read the parser's policies ({error}): expected the file beside the pages, as documented in spec/README.md"),
        )])
    })?;
    Policy::from_yaml(&text, &shown).map_err(schema_error)
}

/// Reads the maintainers' corrections of pages, `spec/overrides.yaml` beside the policies at
/// `policy`, when there is such a file (none otherwise).
pub fn read_overrides(policy: &Path) -> Result<Overrides, PipelineError> {
    let path = policy.with_file_name(OVERRIDES_FILE);
    if !path.is_file() {
        return Ok(Overrides::default());
    }
    let text = fs::read_to_string(&path).map_err(io(&path))?;
    Overrides::from_yaml(&text, &path.display().to_string()).map_err(schema_error)
}

/// A YAML file that could not be read, as a diagnostic at its line.
fn schema_error(e: crate::spec::SchemaError) -> PipelineError {
    PipelineError::Diagnostics(vec![Diagnostic::error(
        &e.file,
        e.line.unwrap_or(1),
        e.message,
    )])
}

/// The maintainers' corrections of pages, beside the pages: `spec/overrides.yaml`.
pub const OVERRIDES_FILE: &str = "overrides.yaml";

/// Where each page was pulled from, beside the pages: `spec/sources.yaml`.
pub const SOURCES_FILE: &str = "sources.yaml";

/// Reads every schema (`*.yaml`) of `dir`, each named in diagnostics by the page it came from.
pub fn load_schemas(dir: &Path) -> Result<Specs, PipelineError> {
    read_schemas(dir, |_| false)
}

/// Reads the schemas of `dir`, except those for which `skip` is true (not even parsed).
fn read_schemas(dir: &Path, skip: impl Fn(&Path) -> bool) -> Result<Specs, PipelineError> {
    let mut specs = Specs {
        policy: if dir.join(POLICY_FILE).is_file() {
            load_policy(dir)?
        } else {
            Policy::default()
        },
        ..Specs::default()
    };
    let mut errors = Vec::new();
    for path in files_with_extension(dir, "yaml")? {
        if skip(&path)
            || path
                .file_name()
                .is_some_and(|n| n == POLICY_FILE || n == OVERRIDES_FILE || n == SOURCES_FILE)
        {
            continue;
        }
        let text = fs::read_to_string(&path).map_err(io(&path))?;
        let shown = path.display().to_string();
        match ApiSpec::from_yaml(&text, &shown) {
            Ok(spec) => {
                let page = path.with_file_name(&spec.source).display().to_string();
                specs.specs.push(PageSpec { file: page, spec });
            }
            Err(e) => errors.push(Diagnostic::error(shown, e.line.unwrap_or(1), e.message)),
        }
    }
    if errors.is_empty() {
        Ok(specs)
    } else {
        Err(PipelineError::Diagnostics(errors))
    }
}

/// Parses every page (`*.md`, not `README.md`) of `dir` with the policies of
/// `dir/policy.yaml`, and reads the schemas that have no page. Fails with every error of every page.
pub fn load_pages(dir: &Path) -> Result<Specs, PipelineError> {
    let policy = load_policy(dir)?;
    let overrides = read_overrides(&dir.join(POLICY_FILE))?;
    let mut specs = Specs {
        policy: policy.clone(),
        ..Specs::default()
    };
    let mut errors = Vec::new();
    let pages: Vec<PathBuf> = files_with_extension(dir, "md")?
        .into_iter()
        .filter(|p| is_api_page(p))
        .collect();
    for o in &overrides.overrides {
        if !pages
            .iter()
            .any(|p| p.file_name().is_some_and(|n| *n == *o.page))
        {
            errors.push(Diagnostic::error(
                &overrides.file,
                o.line,
                format!("`{}` is not a page of {}", o.page, dir.display()),
            ));
        }
    }
    for page in &pages {
        let text = fs::read_to_string(page).map_err(io(page))?;
        let file = page.display().to_string();
        match parse_corrected_page(&text, &file, &policy, &overrides) {
            Ok(parsed) => {
                specs.warnings.extend(parsed.warnings);
                specs.specs.push(PageSpec {
                    file,
                    spec: parsed.spec,
                });
            }
            Err(diagnostics) => errors.extend(diagnostics),
        }
    }
    // A schema beside its page (`refund.yaml` next to `refund.md`) was made from it and is
    // replaced by the page just parsed: it is not even read.
    let hand_written = read_schemas(dir, |yaml| pages.contains(&yaml.with_extension("md")))?;
    for page in hand_written.specs {
        if !pages.iter().any(|p| p.display().to_string() == page.file) {
            specs.specs.push(page);
        }
    }
    if errors.is_empty() {
        Ok(specs)
    } else {
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Err(PipelineError::Diagnostics(errors))
    }
}

/// Writes `contents` to `path` unless it already holds exactly that; the write is atomic.
/// Returns whether the file was written.
pub fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<bool> {
    if fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(false);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
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

/// The files a run would write: path and contents.
pub type Files = Vec<(PathBuf, String)>;

/// The generated Rust files, placed in `out`.
pub fn rust_files(generated: &Generated, out: &Path) -> Files {
    generated
        .files
        .iter()
        .map(|file| (out.join(&file.name), file.text.clone()))
        .collect()
}

/// The schema of every page, placed beside its page (`spec/refund.md` → `spec/refund.yaml`).
pub fn schema_files(specs: &Specs) -> Files {
    specs
        .specs
        .iter()
        .filter(|page| page.file.ends_with(".md"))
        .map(|page| {
            let path = Path::new(&page.file).with_extension("yaml");
            (path, page.spec.to_yaml())
        })
        .collect()
}

/// Writes `files`, skipping those already up to date; returns those written.
pub fn write_files(files: &Files) -> Result<Vec<PathBuf>, PipelineError> {
    let mut written = Vec::new();
    for (path, text) in files {
        if write_if_changed(path, text).map_err(io(path))? {
            written.push(path.clone());
        }
    }
    Ok(written)
}

/// Removes the `.rs` files of `out` that `files` does not contain (a page was removed);
/// returns them.
pub fn remove_leftovers(files: &Files, out: &Path) -> Result<Vec<PathBuf>, PipelineError> {
    let mut removed = Vec::new();
    if !out.is_dir() {
        return Ok(removed);
    }
    for path in files_with_extension(out, "rs")? {
        if !files.iter().any(|(p, _)| *p == path) {
            fs::remove_file(&path).map_err(io(&path))?;
            removed.push(path);
        }
    }
    Ok(removed)
}

/// The files that differ from `files` on disk (changed or missing), and the `.rs` files of
/// `out` that `files` does not contain.
pub fn stale_files(files: &Files, out: Option<&Path>) -> Vec<PathBuf> {
    let mut stale: Vec<PathBuf> = files
        .iter()
        .filter(|(path, text)| !fs::read(path).is_ok_and(|old| old == text.as_bytes()))
        .map(|(path, _)| path.clone())
        .collect();
    if let Some(Ok(existing)) = out.map(|out| files_with_extension(out, "rs")) {
        stale.extend(
            existing
                .into_iter()
                .filter(|path| !files.iter().any(|(p, _)| p == path)),
        );
    }
    stale
}

/// The options the `antom` crate is generated with: client methods, and the policy's model
/// pins.
fn options(specs: &Specs) -> Options {
    Options {
        client_methods: true,
        models: specs.policy.models.clone(),
    }
}

/// Generates the SDK with the options the `antom` crate is built with.
pub fn generate(specs: &Specs) -> Result<Generated, PipelineError> {
    Ok(generate::generate(&specs.specs, &options(specs))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_what_changed_and_atomically() {
        let dir = std::env::temp_dir().join(format!("antom-pipeline-{}", std::process::id()));
        let path = dir.join("a.rs");
        assert!(write_if_changed(&path, "one").unwrap());
        assert!(!write_if_changed(&path, "one").unwrap());
        assert!(write_if_changed(&path, "two").unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.rs"]);

        let files: Files = vec![(path.clone(), "two".into()), (dir.join("b.rs"), "b".into())];
        fs::write(dir.join("old.rs"), "").unwrap();
        assert_eq!(
            stale_files(&files, Some(&dir)),
            [dir.join("b.rs"), dir.join("old.rs")]
        );
        assert_eq!(
            remove_leftovers(&files, &dir).unwrap(),
            [dir.join("old.rs")]
        );
        write_files(&files).unwrap();
        assert!(stale_files(&files, Some(&dir)).is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }
}

/// A workspace laid out as antom-rs is: `spec/` with the pages and schemas, `generated/` with
/// the checked-in SDK.
#[derive(Debug, Clone)]
pub struct Layout {
    /// `spec/`.
    pub spec: PathBuf,
    /// `generated/`.
    pub generated: PathBuf,
}

impl Layout {
    /// The layout under `root`, as relative paths when `root` is `.`.
    pub fn new(root: &Path) -> Self {
        Layout {
            spec: root.join("spec"),
            generated: root.join("generated"),
        }
    }

    /// Finds the workspace root: `start` or the nearest ancestor with a `spec/` directory and
    /// a `Cargo.toml`.
    pub fn find(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .find(|dir| dir.join("spec").is_dir() && dir.join("Cargo.toml").is_file())
            .map(Path::to_path_buf)
    }
}

/// What a command did or found.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written (or, for [`check_command`], stale).
    pub files: Vec<PathBuf>,
    /// Files removed (for [`check_command`], none: leftovers are among the stale files).
    pub removed: Vec<PathBuf>,
    /// Warnings about the pages.
    pub warnings: Vec<Diagnostic>,
    /// For [`regen_command`] and [`check_command`]: what the pages' changes since the schemas
    /// (`spec/*.yaml`) mean for the SDK's users; `Err` with the reason when the schemas give no
    /// SDK to compare with.
    pub impact: Option<Result<Impact, PipelineError>>,
}

/// `antom-codegen generate`: the schemas (`spec/*.yaml`) to Rust in `generated/`.
pub fn generate_command(layout: &Layout) -> Result<Report, PipelineError> {
    let specs = load_schemas(&layout.spec)?;
    let generated = generate(&specs)?;
    let files = rust_files(&generated, &layout.generated);
    Ok(Report {
        files: write_files(&files)?,
        removed: remove_leftovers(&files, &layout.generated)?,
        warnings: generated.warnings,
        impact: None,
    })
}

/// The OpenAPI document of the SDK's schemas, from the same plan as its Rust code, with the
/// warnings of planning.
pub fn openapi(specs: &Specs) -> Result<(String, Vec<Diagnostic>), PipelineError> {
    let (plan, warnings) = Plan::new(&specs.specs, &options(specs))?;
    Ok((plan.openapi()?, warnings))
}

/// The checked-in OpenAPI document: `generated/openapi.yaml`.
pub const OPENAPI_FILE: &str = "openapi.yaml";

/// What the pages give today: the schemas, the Rust files, and the OpenAPI document.
struct Expected {
    schemas: Files,
    rust: Files,
    openapi: Files,
    warnings: Vec<Diagnostic>,
    impact: Result<Impact, PipelineError>,
}

fn expected(layout: &Layout) -> Result<Expected, PipelineError> {
    // The schemas as they are, before anything is written: the SDK the pages are compared with.
    let before = load_schemas(&layout.spec);
    let specs = load_pages(&layout.spec)?;
    // Planned once: the Rust code, the OpenAPI document and the surface follow one plan, and
    // its warnings are reported once.
    let (plan, planning) = Plan::new(&specs.specs, &options(&specs))?;
    let rust: Files = plan
        .rust()?
        .into_iter()
        .map(|file| (layout.generated.join(file.name), file.text))
        .collect();
    let mut warnings = specs.warnings.clone();
    warnings.extend(planning);
    Ok(Expected {
        schemas: schema_files(&specs),
        rust,
        openapi: vec![(layout.generated.join(OPENAPI_FILE), plan.openapi()?)],
        warnings,
        impact: before.and_then(|before| impact(&before, &plan.surface())),
    })
}

/// What going from the schemas `before` to the SDK whose surface is `after` means for its
/// users: every public type, field, constructor, value and result code added, removed or
/// changed, and whether it breaks.
pub fn impact(before: &Specs, after: &Surface) -> Result<Impact, PipelineError> {
    let (old, _) = Plan::new(&before.specs, &options(before))?;
    Ok(Impact::between(&old.surface(), after))
}

/// The public surface of the SDK that `specs` give.
pub fn surface(specs: &Specs) -> Result<Surface, PipelineError> {
    let (plan, _) = Plan::new(&specs.specs, &options(specs))?;
    Ok(plan.surface())
}

/// `antom-codegen regen`: the pages to schemas (`spec/*.yaml`) to Rust and the OpenAPI
/// document (`generated/`).
pub fn regen_command(layout: &Layout) -> Result<Report, PipelineError> {
    let expected = expected(layout)?;
    let mut files = write_files(&expected.schemas)?;
    files.extend(write_files(&expected.rust)?);
    files.extend(write_files(&expected.openapi)?);
    Ok(Report {
        files,
        removed: remove_leftovers(&expected.rust, &layout.generated)?,
        warnings: expected.warnings,
        impact: Some(expected.impact),
    })
}

/// `antom-codegen check`: the schemas, Rust files and OpenAPI document that differ from what
/// the pages give.
pub fn check_command(layout: &Layout) -> Result<Report, PipelineError> {
    let Expected {
        schemas,
        rust,
        openapi,
        warnings,
        impact,
    } = expected(layout)?;
    let mut files = stale_files(&schemas, None);
    files.extend(stale_files(&rust, Some(&layout.generated)));
    files.extend(stale_files(&openapi, None));
    Ok(Report {
        files,
        removed: Vec::new(),
        warnings,
        impact: Some(impact),
    })
}
