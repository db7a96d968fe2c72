//! Whatever the bytes, the whole pipeline (parse → YAML → plan → emit → prettyplease) never
//! panics: it reports errors at `file:line`, or writes YAML that reads back to the same schema
//! and Rust that `syn` parses, with no two items, fields or variants of one name.
//!
//! Inputs are arbitrary text, pages assembled from pieces of the page format, and the real pages
//! of `spec/` mutated the way documentation goes wrong: renamed parameters (`_`, keywords,
//! digits, non-ASCII, empty, case twins), odd types, heading depths, deleted, duplicated and
//! swapped blocks, CRLF line endings, broken JSON, garbled lengths and ranges. Inputs that once
//! failed are kept in `regressions`, below.

use std::collections::BTreeSet;
use std::path::Path;

use antom_codegen::generate::{self, GeneratedFile, Options};
use antom_codegen::inputs::Policy;
use antom_codegen::page::parse_page;
use antom_codegen::spec::{ApiSpec, PageSpec};
use proptest::prelude::*;

const FILE: &str = "fuzz.md";

fn real_pages() -> &'static [String] {
    static PAGES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PAGES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let mut pages: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| antom_codegen::page::is_api_page(p))
            .collect();
        pages.sort();
        pages
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    })
}

/// How far an input got through the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// The parser reported errors.
    PageErrors,
    /// The page parsed; generation reported errors.
    GenerateErrors,
    /// Rust came out.
    Generated,
}

/// Runs the pipeline over `text` and checks what must hold for any input.
fn check(text: &str) -> Outcome {
    let lines = text.lines().count().max(1) + 1;
    let in_page = |file: &str, line: usize| file == FILE && (1..=lines).contains(&line);
    let parsed = match parse_page(text, FILE, policy()) {
        Ok(parsed) => parsed,
        Err(diagnostics) => {
            assert!(diagnostics.iter().any(|d| d.is_error()));
            for d in &diagnostics {
                assert!(in_page(&d.file, d.line), "{d} beyond the page");
            }
            return Outcome::PageErrors;
        }
    };
    for w in &parsed.warnings {
        assert!(!w.is_error());
        assert!(in_page(&w.file, w.line), "{w} beyond the page");
    }
    let yaml = parsed.spec.to_yaml();
    let back = ApiSpec::from_yaml(&yaml, "fuzz.yaml").expect("written YAML reads back");
    assert_eq!(back, parsed.spec);
    assert_eq!(back.to_yaml(), yaml);

    let options = Options {
        client_methods: true,
        ..Options::default()
    };
    let page = PageSpec {
        file: FILE.to_owned(),
        spec: back,
    };
    match generate::generate(&[page], &options) {
        Ok(generated) => {
            for w in &generated.warnings {
                assert!(in_page(&w.file, w.line), "{w} beyond the page");
            }
            check_rust(&generated.files);
            Outcome::Generated
        }
        Err(e) => {
            for d in &e.errors {
                assert!(in_page(&d.file, d.line), "{d} beyond the page");
                assert!(!d.message.contains("a bug in antom-codegen"), "{d}");
            }
            Outcome::GenerateErrors
        }
    }
}

/// Every file parses as Rust, and no name is defined twice where Rust forbids it: items of the
/// one module the files are included into, fields of a struct, variants of an enum, methods of
/// `Client`.
fn check_rust(files: &[GeneratedFile]) {
    let mut items = BTreeSet::new();
    let mut methods = BTreeSet::new();
    for GeneratedFile { name, text } in files {
        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
        for item in &file.items {
            let defined = match item {
                syn::Item::Struct(s) => {
                    let mut fields = BTreeSet::new();
                    for f in &s.fields {
                        let id = f.ident.as_ref().map(ToString::to_string);
                        assert!(fields.insert(id.clone()), "{name}: field {id:?} twice");
                    }
                    Some(s.ident.to_string())
                }
                syn::Item::Enum(e) => {
                    let mut variants = BTreeSet::new();
                    for v in &e.variants {
                        let id = v.ident.to_string();
                        assert!(variants.insert(id.clone()), "{name}: variant {id} twice");
                    }
                    Some(e.ident.to_string())
                }
                syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
                syn::Item::Impl(i) if i.trait_.is_none() && is_client(&i.self_ty) => {
                    for item in &i.items {
                        if let syn::ImplItem::Fn(f) = item {
                            let id = f.sig.ident.to_string();
                            assert!(methods.insert(id.clone()), "{name}: method {id} twice");
                        }
                    }
                    None
                }
                _ => None,
            };
            if let Some(id) = defined {
                assert!(items.insert(id.clone()), "{name}: item {id} defined twice");
            }
        }
    }
    let mut names = BTreeSet::new();
    for GeneratedFile { name, .. } in files {
        assert!(
            name.ends_with(".rs") && !name.contains(['#', '/', '\\']),
            "bad file name {name}"
        );
        assert!(names.insert(name), "file {name} twice");
    }
}

fn is_client(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.is_ident("Client"))
}

/// Pieces of the page format, so that random pages get past the first checks.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# api\n\n".to_owned()),
        Just("> Summary.\n\n".to_owned()),
        Just("`POST /v1/x`\n\n".to_owned()),
        Just("## Request parameters\n\n".to_owned()),
        Just("## Response parameters\n\n".to_owned()),
        Just("## Result/Error codes\n\n".to_owned()),
        Just("## Request\n\n".to_owned()),
        Just("## Response\n\n".to_owned()),
        Just("Result process logic\n\n".to_owned()),
        (4usize..10, name(), type_name())
            .prop_map(|(level, name, ty)| format!("{} {name} ({ty})\n\n", "#".repeat(level))),
        Just("More information:\n\n- Maximum length: 64 characters\n- Value range: 1 - unlimited\n\n".to_owned()),
        Just("Valid values are:\n\n-   `S`: success.\n-   `F`: failure.\n\n".to_owned()),
        (value(), value()).prop_map(|(a, b)| format!("Valid values are:\n\n-   `{a}`: one.\n-   `{b}`: two.\n\n")),
        Just("Some possible values are `A`, `B`, and `C`.\n\n".to_owned()),
        Just("The value is fixed to `X`.\n\n".to_owned()),
        Just("> **Note**: a [link](https://x) and _emphasis_.\n\n".to_owned()),
        Just("| Code | Value | Message | Further action |\n| --- | --- | --- | --- |\n| SUCCESS | S | Success | None. |\n\n".to_owned()),
        (value(), prop_oneof![Just("S"), Just("F"), Just("U"), Just("")]).prop_map(|(code, status)| format!("| {code} | {status} | Message | Retry. |\n")),
        Just("```json\n{\"a\": {\"b\": [1, {\"c\": 2}]}}\n```\n\n".to_owned()),
        Just("```json\n{\"a\": \n```\n\n".to_owned()),
        Just("-   `S`: done.\n    -   `A`: nested.\n".to_owned()),
        "\\PC{0,40}",
        "[#>`|*_\\[\\]()<>!\\- \n]{0,20}",
    ]
}

/// Names as documentation gets them wrong.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z][a-zA-Z0-9]{0,8}",
        Just(String::new()),
        Just("_".to_owned()),
        Just("__".to_owned()),
        Just("_a".to_owned()),
        Just("a_".to_owned()),
        Just("9lives".to_owned()),
        Just("3DS".to_owned()),
        Just("123".to_owned()),
        Just("type".to_owned()),
        Just("self".to_owned()),
        Just("Self".to_owned()),
        Just("super".to_owned()),
        Just("crate".to_owned()),
        Just("fn".to_owned()),
        Just("match".to_owned()),
        Just("result".to_owned()),
        Just("Result".to_owned()),
        Just("a_b".to_owned()),
        Just("aB".to_owned()),
        Just("AB".to_owned()),
        Just("mod".to_owned()),
        Just("models".to_owned()),
        Just("call".to_owned()),
        Just("builder".to_owned()),
        Just("montant_é".to_owned()),
        Just("名前".to_owned()),
        Just("a-b".to_owned()),
        Just("a b".to_owned()),
    ]
}

/// Types as documentation gets them wrong.
fn type_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("String".to_owned()),
        Just("String, REQUIRED".to_owned()),
        Just("Integer, REQUIRED".to_owned()),
        Just("Boolean".to_owned()),
        Just("Datetime".to_owned()),
        Just("Amount".to_owned()),
        Just("Amount, REQUIRED".to_owned()),
        Just("Array<Goods>".to_owned()),
        Just("Array<String>".to_owned()),
        Just("Array<Array<Integer>>".to_owned()),
        Just("Array <Goods>".to_owned()),
        Just("array<string>".to_owned()),
        Just("Map<String, Amount>".to_owned()),
        Just("Map<String, Integer>".to_owned()),
        Just("Map<String, Array<Goods>>, REQUIRED".to_owned()),
        Just("Map<Integer, Amount>".to_owned()),
        Just("Object".to_owned()),
        Just("Result".to_owned()),
        Just("Self".to_owned()),
        Just("Option".to_owned()),
        Just("Client".to_owned()),
        Just("string".to_owned()),
        Just("bad type".to_owned()),
        Just("Array<>".to_owned()),
        Just("".to_owned()),
        Just("String, OPTIONAL".to_owned()),
        "[A-Z][a-zA-Z0-9]{0,6}",
    ]
}

/// Enum values and result codes as documentation gets them wrong.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z_]{1,8}",
        Just("_".to_owned()),
        Just("Self".to_owned()),
        Just("self".to_owned()),
        Just("Unknown".to_owned()),
        Just("UNKNOWN".to_owned()),
        Just("9".to_owned()),
        Just("é".to_owned()),
        Just("中".to_owned()),
        Just("a-b".to_owned()),
        Just("A_B".to_owned()),
        Just("AB".to_owned()),
    ]
}

/// One mutation of a page's lines.
#[derive(Debug, Clone)]
enum Mutation {
    /// Deletes up to eight lines.
    Delete(usize, usize),
    /// Copies a line elsewhere.
    Duplicate(usize, usize),
    /// Swaps two lines.
    Swap(usize, usize),
    /// Inserts a piece of the page format.
    Insert(usize, String),
    /// Cuts a line at a character.
    Cut(usize, usize),
    /// Renames the n-th parameter heading.
    Rename(usize, String),
    /// Changes the type of the n-th parameter heading.
    Retype(usize, String),
    /// Makes the n-th parameter heading one level deeper or shallower.
    Depth(usize, bool),
    /// Replaces the number of the n-th `Maximum length` or `Value range` line.
    Garble(usize, String),
    /// Replaces an enum value or result code in the n-th line holding one.
    Revalue(usize, String),
    /// Damages the n-th line of JSON.
    BreakJson(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let n = any::<usize>;
    prop_oneof![
        (n(), n()).prop_map(|(a, b)| Mutation::Delete(a, b)),
        (n(), n()).prop_map(|(a, b)| Mutation::Duplicate(a, b)),
        (n(), n()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (n(), fragment()).prop_map(|(a, f)| Mutation::Insert(a, f)),
        (n(), n()).prop_map(|(a, b)| Mutation::Cut(a, b)),
        (n(), name()).prop_map(|(a, s)| Mutation::Rename(a, s)),
        (n(), type_name()).prop_map(|(a, s)| Mutation::Retype(a, s)),
        (n(), any::<bool>()).prop_map(|(a, d)| Mutation::Depth(a, d)),
        (
            n(),
            prop_oneof![
                Just("-1".to_owned()),
                Just("0".to_owned()),
                Just("99999999999999999999".to_owned()),
                Just("10 - 1".to_owned()),
                Just("-5 - -1".to_owned()),
                Just("a - b".to_owned()),
                Just("".to_owned()),
                "[0-9 \\-.]{0,8}",
            ]
        )
            .prop_map(|(a, s)| Mutation::Garble(a, s)),
        (n(), value()).prop_map(|(a, s)| Mutation::Revalue(a, s)),
        (n(), n()).prop_map(|(a, b)| Mutation::BreakJson(a, b)),
    ]
}

/// The indices of the lines for which `matches` holds.
fn lines_where(lines: &[String], matches: impl Fn(&str) -> bool) -> Vec<usize> {
    (0..lines.len()).filter(|&i| matches(&lines[i])).collect()
}

/// The `n`-th (modulo) line for which `matches` holds.
fn pick(lines: &[String], n: usize, matches: impl Fn(&str) -> bool) -> Option<usize> {
    let found = lines_where(lines, matches);
    (!found.is_empty()).then(|| found[n % found.len()])
}

fn is_parameter_heading(line: &str) -> bool {
    line.starts_with("####") && line.contains(" (")
}

/// Applies one mutation to the lines of a page.
fn mutate(lines: &mut Vec<String>, mutation: Mutation) {
    if lines.is_empty() {
        lines.push(String::new());
    }
    let len = lines.len();
    match mutation {
        Mutation::Delete(a, b) => {
            let i = a % len;
            lines.drain(i..(i + 1 + b % 8).min(len));
        }
        Mutation::Duplicate(a, b) => {
            let line = lines[a % len].clone();
            lines.insert(b % len, line);
        }
        Mutation::Swap(a, b) => lines.swap(a % len, b % len),
        Mutation::Insert(a, fragment) => lines.insert(a % len, fragment),
        Mutation::Cut(a, b) => {
            let line = &mut lines[a % len];
            let cut = line
                .char_indices()
                .map(|(k, _)| k)
                .nth(b % (line.chars().count() + 1))
                .unwrap_or(line.len());
            line.truncate(cut);
        }
        Mutation::Rename(n, name) => {
            if let Some(i) = pick(lines, n, is_parameter_heading) {
                let line = &lines[i];
                let hashes = line.bytes().take_while(|&b| b == b'#').count();
                let rest = &line[line.find(" (").unwrap_or(line.len())..];
                lines[i] = format!("{} {name}{rest}", "#".repeat(hashes));
            }
        }
        Mutation::Retype(n, ty) => {
            if let Some(i) = pick(lines, n, is_parameter_heading) {
                let line = &lines[i];
                let head = &line[..line.find(" (").unwrap_or(line.len())];
                lines[i] = format!("{head} ({ty})");
            }
        }
        Mutation::Depth(n, deeper) => {
            if let Some(i) = pick(lines, n, is_parameter_heading) {
                if deeper {
                    lines[i].insert(0, '#');
                } else {
                    lines[i].remove(0);
                }
            }
        }
        Mutation::Garble(n, number) => {
            let limit = |l: &str| l.contains("Maximum length:") || l.contains("Value range:");
            if let Some(i) = pick(lines, n, limit) {
                let line = &lines[i];
                let colon = line.find(':').map_or(line.len(), |c| c + 1);
                lines[i] = format!("{} {number}", &line[..colon]);
            }
        }
        Mutation::Revalue(n, value) => {
            let holds_value = |l: &str| {
                l.trim_start().starts_with("- ") && l.contains('`')
                    || l.starts_with("| ") && !l.starts_with("| Code") && !l.starts_with("| ---")
            };
            if let Some(i) = pick(lines, n, holds_value) {
                let line = &lines[i];
                lines[i] = if let Some(open) = line.find('`') {
                    let close = line[open + 1..]
                        .find('`')
                        .map_or(line.len(), |c| open + 1 + c);
                    format!(
                        "{}`{value}{}",
                        &line[..open],
                        &line[close.min(line.len())..]
                    )
                } else {
                    let rest = line[2..].find(" |").map_or("", |c| &line[2 + c..]);
                    format!("| {value}{rest}")
                };
            }
        }
        Mutation::BreakJson(n, how) => {
            let json =
                |l: &str| l.trim_start().starts_with('"') || l.trim() == "{" || l.trim() == "}";
            if let Some(i) = pick(lines, n, json) {
                let line = &mut lines[i];
                match how % 4 {
                    0 => line.push(','),
                    1 => line.push('{'),
                    2 => *line = line.replacen('"', "", 1),
                    _ => *line = line.replacen(':', "", 1),
                }
            }
        }
    }
}

/// `cases` cases from a fixed seed, so that CI runs the same inputs each time (a failure found
/// once is a regression test below, not a flaky run); `PROPTEST_RNG_SEED=<n>` explores others.
fn fuzz_config(cases: u32) -> ProptestConfig {
    let explore = std::env::var_os("PROPTEST_RNG_SEED").is_some();
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed: if explore {
            ProptestConfig::default().rng_seed
        } else {
            proptest::test_runner::RngSeed::Fixed(0x0061_6e74_6f6d)
        },
        ..ProptestConfig::default()
    }
}

/// Joins mutated lines, with CRLF endings when asked.
fn join(lines: &[String], crlf: bool) -> String {
    lines.join(if crlf { "\r\n" } else { "\n" })
}

proptest! {
    #![proptest_config(fuzz_config(64))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn pages_made_of_format_pieces_never_panic(pieces in proptest::collection::vec(fragment(), 0..40)) {
        check(&pieces.concat());
    }
}

proptest! {
    #![proptest_config(fuzz_config(512))]

    #[test]
    fn mutated_real_pages_never_panic(
        page in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..6),
        crlf in any::<bool>(),
    ) {
        let pages = real_pages();
        let text = &pages[page % pages.len()];
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for m in mutations {
            mutate(&mut lines, m);
        }
        check(&join(&lines, crlf));
    }
}

/// The mutations reach the generator: most mutated pages still parse, so that the property is
/// about generation as much as about parsing.
#[test]
fn most_mutated_pages_reach_the_generator() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (any::<usize>(), proptest::collection::vec(mutation(), 1..4));
    let mut reached = 0;
    const CASES: usize = 200;
    for _ in 0..CASES {
        let (page, mutations) = strategy.new_tree(&mut runner).unwrap().current();
        let pages = real_pages();
        let mut lines: Vec<String> = pages[page % pages.len()]
            .lines()
            .map(str::to_owned)
            .collect();
        for m in mutations {
            mutate(&mut lines, m);
        }
        if check(&join(&lines, false)) != Outcome::PageErrors {
            reached += 1;
        }
    }
    assert!(
        reached * 3 > CASES,
        "only {reached} of {CASES} mutated pages parsed"
    );
}

/// Inputs that once broke the pipeline, kept as they were found.
mod regressions {
    use super::*;

    /// A deletion that leaves a parameter "the same as" the object it is in: its copy used to
    /// copy itself round after round, until the schema nested too deep to be read back.
    #[test]
    fn an_object_with_the_fields_of_its_own_parent_stays_readable() {
        let pages = real_pages();
        let page = 14146246201499375709_usize % pages.len();
        let mut lines: Vec<String> = pages[page].lines().map(str::to_owned).collect();
        mutate(
            &mut lines,
            Mutation::Delete(17286805742313227593, 10594484560659930548),
        );
        check(&join(&lines, false));
    }

    /// The heading of `page`'s first parameter renamed to `name`.
    fn renamed_first_parameter(name: &str) -> String {
        let mut lines: Vec<String> = real_pages()[0].lines().map(str::to_owned).collect();
        mutate(&mut lines, Mutation::Rename(0, name.to_owned()));
        join(&lines, false)
    }

    #[test]
    fn parameter_names_without_letters_or_digits_are_errors() {
        for name in ["_", "__"] {
            assert_eq!(
                check(&renamed_first_parameter(name)),
                Outcome::GenerateErrors,
                "{name}"
            );
        }
    }

    #[test]
    fn keywords_digits_and_underscores_get_a_rust_name() {
        for name in [
            "a_", "_a", "9lives", "123", "Self", "self", "type", "mod", "crate",
        ] {
            assert_eq!(
                check(&renamed_first_parameter(name)),
                Outcome::Generated,
                "{name}"
            );
        }
    }

    #[test]
    fn case_twins_are_an_error() {
        let page =
            real_pages()[0].replacen("#### ", "#### a_b (String)\n\n#### aB (String)\n\n#### ", 1);
        assert_eq!(check(&page), Outcome::GenerateErrors);
    }

    /// The page of `/v1/payments/cancel`.
    fn cancel_page() -> &'static str {
        real_pages()
            .iter()
            .find(|p| p.contains("`POST /v1/payments/cancel`"))
            .expect("spec/ has the cancel page")
    }

    #[test]
    fn apis_named_after_the_runtime_are_errors() {
        for to in [
            "`POST /v1/payments/result`",
            "`POST /v1/call/cancel`",
            "`POST /v1/wire/cancel`",
            "`POST /v1/payments/self`",
            "`POST /v1/payments/payments`",
        ] {
            let page = cancel_page().replacen("`POST /v1/payments/cancel`", to, 1);
            assert_eq!(check(&page), Outcome::GenerateErrors, "{to}");
        }
        for to in ["`POST /v1/payments/mod`", "`POST /v1/payments/a/b`"] {
            let page = cancel_page().replacen("`POST /v1/payments/cancel`", to, 1);
            assert_eq!(check(&page), Outcome::Generated, "{to}");
        }
    }
}

/// The policies of `spec/policy.yaml`, read once.
fn policy() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        antom_codegen::pipeline::load_policy(&spec).unwrap_or_else(|e| panic!("{e}"))
    })
}
