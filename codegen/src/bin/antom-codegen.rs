//! `antom-codegen`: the command line of the antom-rs code generator.
//!
//! `antom-codegen parse <page.md>... --out <dir>` turns Antom API pages into YAML schemas;
//! `generate`, `regen` and `check` make and check the SDK in `generated/`; `openapi` writes the
//! OpenAPI 3.1 document of the same APIs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use antom_codegen::diagnostic::Diagnostic;
use antom_codegen::inputs::{Overrides, Policy};
use antom_codegen::page::{is_api_page, parse_corrected_page};
use antom_codegen::pipeline;
use antom_codegen::spec::{ApiKind, ApiSpec, Parameter};
use clap::{Parser, Subcommand};

/// The generator allocates for nearly every token it parses and formats: mimalloc takes a fifth
/// off its instructions against glibc's malloc (benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns Antom's Markdown API reference pages into a YAML schema and a typed Rust SDK.
///
/// Exit status: 0 on success, 1 when a page has errors (or warnings under --strict),
/// 2 on usage errors.
#[derive(Debug, Parser)]
#[command(name = "antom-codegen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse Antom API pages into YAML schemas, one `<page>.yaml` per page.
    ///
    /// Prints one summary line per page on standard output and every warning and error on
    /// standard error, as `file:line: warning|error: message`.
    Parse(ParseArgs),
    /// Generate the Rust SDK in `generated/` from the schemas in `spec/*.yaml`.
    Generate(RootArgs),
    /// Refresh everything from the pages: `spec/*.md` → `spec/*.yaml` → `generated/`.
    ///
    /// Prints what the pages' changes since `spec/*.yaml` mean for users: each public type,
    /// field, constructor, value and result code added, removed or changed, and whether it
    /// breaks code written against the SDK before.
    Regen(RootArgs),
    /// Exit with status 1, listing them, when `spec/*.yaml` or `generated/` differ from what
    /// the pages give; print, as `regen` does, what the pages' changes mean for users.
    Check(RootArgs),
    /// Write the OpenAPI 3.1 document (YAML) of the APIs and notifications of `spec/*.yaml`,
    /// as `regen` writes it to `generated/openapi.yaml`.
    Openapi(OpenapiArgs),
    /// Download Antom pages into `spec/`, recording where and when each came from, and its
    /// content hash, in `spec/sources.yaml`. Nothing is written unless every page downloads.
    Pull(PullArgs),
}

#[derive(Debug, clap::Args)]
struct PullArgs {
    #[command(flatten)]
    root: RootArgs,
    /// Pages to download: slugs (`vaulting_session`, read from `<base>/<slug>.md`) or URLs of
    /// `.md` pages.
    #[arg(value_name = "SLUG|URL")]
    targets: Vec<String>,
    /// Refresh every page that `spec/sources.yaml` records, from its recorded URL.
    #[arg(long, conflicts_with = "targets")]
    all: bool,
    /// Write nothing: list the recorded pages whose upstream content changed, and exit with
    /// status 1 if any did.
    #[arg(long, conflicts_with_all = ["targets", "all"])]
    check: bool,
    /// Where slugs are read from.
    #[arg(long, value_name = "URL", default_value = antom_codegen::pull::DEFAULT_BASE_URL)]
    base_url: String,
}

#[derive(Debug, clap::Args)]
struct OpenapiArgs {
    #[command(flatten)]
    root: RootArgs,
    /// The file to write (atomically); standard output when absent.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct RootArgs {
    /// The workspace root, holding `spec/` and `generated/` (default: the nearest directory
    /// from here up that has `spec/` and a `Cargo.toml`).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct ParseArgs {
    /// The Markdown pages to parse, such as `spec/*.md` (a `README.md` among them is skipped).
    #[arg(required = true, value_name = "PAGE.md")]
    pages: Vec<PathBuf>,
    /// The directory the YAML schemas are written to (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Treat warnings as errors: a page with warnings gets no schema and the exit status is 1.
    #[arg(long)]
    strict: bool,
    /// The parser's policies (default: `policy.yaml` in the directory of the first page, else
    /// the workspace's `spec/policy.yaml`).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => parse(&args),
        Command::Generate(args) => sdk(&args, SdkCommand::Generate),
        Command::Regen(args) => sdk(&args, SdkCommand::Regen),
        Command::Check(args) => sdk(&args, SdkCommand::Check),
        Command::Openapi(args) => openapi(&args),
        Command::Pull(args) => pull(&args),
    }
}

/// The workspace root from `--root` or the current directory, or the usage error.
fn workspace(args: &RootArgs) -> Result<PathBuf, ExitCode> {
    let start = match &args.root {
        Some(root) => root.clone(),
        None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    };
    pipeline::Layout::find(&start).ok_or_else(|| {
        eprintln!(
            "{}: error: no `spec/` directory with a `Cargo.toml` beside it here or above; pass --root",
            start.display()
        );
        ExitCode::from(2)
    })
}

/// `pull`: pages into `spec/` with their provenance, or `--check` for upstream drift.
fn pull(args: &PullArgs) -> ExitCode {
    use antom_codegen::pull;
    let root = match workspace(&args.root) {
        Ok(root) => root,
        Err(code) => return code,
    };
    let spec = pipeline::Layout::new(&root).spec;
    if args.check {
        return match pull::check(&spec) {
            Ok(changed) if changed.is_empty() => {
                println!("every pulled page is as upstream");
                ExitCode::SUCCESS
            }
            Ok(changed) => {
                for page in &changed {
                    println!("changed upstream: spec/{page}");
                }
                eprintln!(
                    "error: {} page(s) changed upstream; run `antom-codegen pull --all`, then `regen`",
                    changed.len()
                );
                ExitCode::from(1)
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(1)
            }
        };
    }
    if !args.all && args.targets.is_empty() {
        eprintln!("error: name the pages to pull (slugs or URLs), or pass --all or --check");
        return ExitCode::from(2);
    }
    let today = pull::today();
    let result = if args.all {
        pull::pull_all(&spec, &today)
    } else {
        pull::pull(&spec, &args.targets, &args.base_url, &today)
    };
    match result {
        Ok(pulled) => {
            for p in &pulled {
                let what = if p.changed { "wrote" } else { "unchanged" };
                println!("{what} spec/{}", p.page);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

/// `openapi`: the document of the schemas in `spec/`, to `--out` or standard output.
fn openapi(args: &OpenapiArgs) -> ExitCode {
    // Relative to where the command runs, before `root` is looked up.
    let out = args.out.as_ref().map(|out| {
        std::env::current_dir()
            .map(|dir| dir.join(out))
            .unwrap_or_else(|_| out.clone())
    });
    let root = match workspace(&args.root) {
        Ok(root) => root,
        Err(code) => return code,
    };
    let layout = pipeline::Layout::new(&root);
    let document = pipeline::load_schemas(&layout.spec).and_then(|specs| pipeline::openapi(&specs));
    let document = match document {
        Ok((document, warnings)) => {
            for warning in warnings {
                eprintln!("{warning}");
            }
            document
        }
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    match out {
        None => {
            print!("{document}");
            ExitCode::SUCCESS
        }
        Some(out) => match pipeline::write_if_changed(&out, &document) {
            Ok(_) => {
                println!("wrote {}", out.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: error: {e}", out.display());
                ExitCode::from(1)
            }
        },
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SdkCommand {
    Generate,
    Regen,
    Check,
}

/// `generate`, `regen` and `check`: paths are printed relative to the workspace root.
fn sdk(args: &RootArgs, command: SdkCommand) -> ExitCode {
    let root = match workspace(args) {
        Ok(root) => root,
        Err(code) => return code,
    };
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("{}: error: {e}", root.display());
        return ExitCode::from(2);
    }
    let layout = pipeline::Layout::new(Path::new(""));
    let result = match command {
        SdkCommand::Generate => pipeline::generate_command(&layout),
        SdkCommand::Regen => pipeline::regen_command(&layout),
        SdkCommand::Check => pipeline::check_command(&layout),
    };
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    print_impact(&report);
    if command == SdkCommand::Check {
        if report.files.is_empty() {
            println!("spec/*.yaml and generated/ are up to date");
            return ExitCode::SUCCESS;
        }
        for file in &report.files {
            println!("stale: {}", file.display());
        }
        eprintln!(
            "error: {} file(s) are stale; run `cargo run -p antom-codegen -- regen`",
            report.files.len()
        );
        return ExitCode::from(1);
    }
    for file in &report.files {
        println!("wrote {}", file.display());
    }
    for file in &report.removed {
        println!("removed {}", file.display());
    }
    if report.files.is_empty() && report.removed.is_empty() {
        println!("up to date; nothing written");
    }
    ExitCode::SUCCESS
}

/// What the pages' changes since `spec/*.yaml` mean for users, when there are any.
fn print_impact(report: &pipeline::Report) {
    match &report.impact {
        Some(Ok(impact)) if !impact.changes.is_empty() => {
            println!("what the pages' changes since spec/*.yaml mean for users:");
            for line in impact.to_string().lines() {
                println!("  {line}");
            }
        }
        Some(Err(e)) => {
            eprintln!("{e}");
            eprintln!(
                "warning: spec/*.yaml give no SDK to compare the pages with; what the change means for users is unknown"
            );
        }
        _ => {}
    }
}

fn parse(args: &ParseArgs) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!(
            "{}: error: cannot create the output directory: {e}",
            args.out.display()
        );
        return ExitCode::from(1);
    }
    let policy_file = match policy_file(args) {
        Ok(file) => file,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(1);
        }
    };
    let inputs = pipeline::read_policy(&policy_file)
        .and_then(|policy| Ok((policy, pipeline::read_overrides(&policy_file)?)));
    let (policy, overrides) = match inputs {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let mut failed = false;
    let mut targets: HashMap<PathBuf, &Path> = HashMap::new();
    for page in &args.pages {
        if !is_api_page(page) {
            eprintln!("{}: skipped: not an API page", page.display());
            continue;
        }
        let target = schema_path(page, &args.out);
        if let Some(first) = targets.get(&target) {
            eprintln!(
                "{}: error: its schema {} would overwrite the schema of {}; give the pages different names",
                page.display(),
                target.display(),
                first.display()
            );
            failed = true;
            continue;
        }
        targets.insert(target.clone(), page);
        if !parse_one(page, &target, &args.out, args.strict, (&policy, &overrides)) {
            failed = true;
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The parser's policies for `parse`: `--policy`, else `policy.yaml` beside the first page, else
/// the workspace's `spec/policy.yaml` (found from the first page's directory, then from the
/// current one), so that a page can be tried before it is added to `spec/`. Says which file it
/// took when it is not beside the pages; the error names every place looked at.
fn policy_file(args: &ParseArgs) -> Result<PathBuf, String> {
    if let Some(file) = &args.policy {
        return Ok(file.clone());
    }
    let beside = args.pages[0].with_file_name(pipeline::POLICY_FILE);
    if beside.is_file() {
        return Ok(beside);
    }
    let page_dir = args.pages[0]
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let starts = [Some(page_dir), std::env::current_dir().ok()];
    let workspace = starts
        .into_iter()
        .flatten()
        .filter_map(|start| pipeline::Layout::find(&start))
        .map(|root| {
            pipeline::Layout::new(&root)
                .spec
                .join(pipeline::POLICY_FILE)
        })
        .find(|file| file.is_file());
    match workspace {
        Some(file) => {
            eprintln!(
                "{}: note: no {} beside the pages; using the workspace's policies, {}",
                args.pages[0].display(),
                pipeline::POLICY_FILE,
                file.display()
            );
            Ok(file)
        }
        None => Err(format!(
            "{}: error: cannot find the parser's policies: no {} beside the page and no workspace (a `spec/` with a `Cargo.toml` beside it) here or above holding spec/{}; pass --policy FILE",
            beside.display(),
            pipeline::POLICY_FILE,
            pipeline::POLICY_FILE
        )),
    }
}

/// `<out>/<page name>.yaml`.
fn schema_path(page: &Path, out: &Path) -> PathBuf {
    let stem = page
        .file_stem()
        .map_or_else(|| "page".into(), |s| s.to_string_lossy().into_owned());
    out.join(format!("{stem}.yaml"))
}

/// Parses one page and writes its schema to `target`; returns whether it succeeded.
fn parse_one(
    page: &Path,
    target: &Path,
    out: &Path,
    strict: bool,
    (policy, overrides): (&Policy, &Overrides),
) -> bool {
    let file = page.display().to_string();
    let text = match std::fs::read_to_string(page) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{file}: error: cannot read the page: {e}");
            return false;
        }
    };
    let parsed = match parse_corrected_page(&text, &file, policy, overrides) {
        Ok(parsed) => parsed,
        Err(diagnostics) => {
            report(&diagnostics, strict);
            let errors = diagnostics
                .iter()
                .filter(|d| d.is_error() || strict)
                .count();
            eprintln!("{file}: {errors} error(s); no schema written");
            return false;
        }
    };
    report(&parsed.warnings, strict);
    if strict && !parsed.warnings.is_empty() {
        eprintln!(
            "{file}: {} warning(s) treated as errors (--strict); no schema written",
            parsed.warnings.len()
        );
        return false;
    }
    let mut spec = parsed.spec;
    spec.source = relative_source(page, out);
    if let Err(e) = write_atomically(target, spec.to_yaml().as_bytes()) {
        eprintln!("{}: error: cannot write the schema: {e}", target.display());
        return false;
    }
    println!("{}", summary(&file, &spec, parsed.warnings.len(), target));
    true
}

fn report(diagnostics: &[Diagnostic], strict: bool) {
    for d in diagnostics {
        let d = if strict {
            d.clone().into_error()
        } else {
            d.clone()
        };
        eprintln!("{d}");
    }
}

/// `spec/cancel.md: cancel (POST /v1/payments/cancel): 3 request + 7 response parameters, ...`
fn summary(file: &str, spec: &ApiSpec, warnings: usize, target: &Path) -> String {
    let what = match (&spec.kind, &spec.endpoint) {
        (ApiKind::Request, Some(e)) => format!("{} {}", e.method, e.path),
        _ => "notification".to_owned(),
    };
    let codes: usize = spec.result_codes.iter().map(|t| t.codes.len()).sum();
    format!(
        "{file}: {} ({what}): {} request + {}, {}, {}, {} -> {}",
        spec.api,
        count(&spec.request),
        plural(count(&spec.response), "response parameter"),
        plural(codes, "result code"),
        plural(spec.examples.len(), "example"),
        plural(warnings, "warning"),
        target.display()
    )
}

/// `1 warning`, `2 warnings`.
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("{n} {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn count(params: &[Parameter]) -> usize {
    params.iter().map(|p| 1 + count(&p.children)).sum()
}

/// The page's path relative to the directory of the schema, `/`-separated.
fn relative_source(page: &Path, out: &Path) -> String {
    let name = page
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (Ok(page_dir), Ok(out)) = (
        page.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .canonicalize(),
        out.canonicalize(),
    ) else {
        return name;
    };
    let common = page_dir
        .components()
        .zip(out.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = out
        .components()
        .skip(common)
        .map(|_| "..".to_owned())
        .collect();
    parts.extend(
        page_dir
            .components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.push(name);
    parts.join("/")
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so a
/// reader never sees a half-written schema.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
