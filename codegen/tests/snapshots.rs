//! Whole-file snapshots of what the pipeline makes of the small fixture pages in
//! `tests/fixtures/`: the YAML schema of each page, every generated Rust file, and the warnings.
//! Review a changed snapshot line by line (`cargo insta review`) before accepting it.

use std::path::Path;

use antom_codegen::generate::{self, Generated, Options};
use antom_codegen::inputs::Policy;
use antom_codegen::page::parse_page;
use antom_codegen::spec::PageSpec;

/// The pages of `tests/fixtures/<case>/`, each as (path for diagnostics, text), in name order.
fn pages(case: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| antom_codegen::page::is_api_page(p))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = format!("{case}/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

/// Parses the pages, then generates the SDK; the warnings of both, one per line.
fn run(pages: &[(String, String)]) -> (Vec<PageSpec>, Generated, String) {
    let options = Options {
        client_methods: true,
        ..Options::default()
    };
    run_with(pages, &options)
}

/// [`run`] with `options`.
fn run_with(pages: &[(String, String)], options: &Options) -> (Vec<PageSpec>, Generated, String) {
    let mut warnings = Vec::new();
    let specs: Vec<PageSpec> = pages
        .iter()
        .map(|(name, text)| {
            let parsed = parse_page(text, name, policy()).unwrap_or_else(|d| {
                let list: Vec<String> = d.iter().map(ToString::to_string).collect();
                panic!("{name} does not parse:\n{}", list.join("\n"))
            });
            warnings.extend(parsed.warnings);
            PageSpec {
                file: name.clone(),
                spec: parsed.spec,
            }
        })
        .collect();
    let generated = generate::generate(&specs, options).unwrap_or_else(|e| panic!("{e}"));
    warnings.extend(generated.warnings.iter().cloned());
    let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    (specs, generated, warnings.join("\n"))
}

fn file<'g>(generated: &'g Generated, name: &str) -> &'g str {
    generated
        .files
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.text.as_str())
        .unwrap_or_else(|| panic!("no {name}"))
}

/// A request page and a notification page that share `Amount` and `Result`, describe `Amount`
/// differently, and give `mode` the same values: every construct of the schema and of the
/// generated code.
#[test]
fn shared() {
    let (specs, generated, warnings) = run(&pages("shared"));
    for page in &specs {
        insta::assert_snapshot!(format!("{}.yaml", page.file), page.spec.to_yaml());
    }
    for file in &generated.files {
        insta::assert_snapshot!(format!("shared/{}", file.name), file.text);
    }
    insta::assert_snapshot!("shared/warnings", warnings);
}

/// `spec/policy.yaml` pins which description of a model keeps its name: by default the
/// notification's `Amount` (one required field) does, as the first of equally many; pinned to the
/// request's (two required fields), the request's is `Amount` and the notification's its own. A
/// pin that no description matches any more is reported.
#[test]
fn a_pinned_description_keeps_the_models_name() {
    let pinned = |required: &[&str]| Options {
        client_methods: true,
        models: vec![antom_codegen::inputs::ModelPin {
            name: "Amount".into(),
            required: required.iter().map(ToString::to_string).collect(),
            one_type: false,
            reason: "a test".into(),
        }],
    };
    let (_, generated, warnings) = run(&pages("shared"));
    assert!(file(&generated, "models.rs").contains("pub struct CreateVaultingSessionAmount"));
    assert!(
        warnings.contains("pin that in spec/policy.yaml"),
        "{warnings}"
    );

    let (_, generated, warnings) = run_with(&pages("shared"), &pinned(&["value", "currency"]));
    let models = file(&generated, "models.rs");
    assert!(
        models.contains("pub struct NotifyVaultingAmount"),
        "{models}"
    );
    assert!(!models.contains("CreateVaultingSessionAmount"), "{models}");
    assert!(!warnings.contains("pin that"), "{warnings}");

    let (_, _, warnings) = run_with(&pages("shared"), &pinned(&["cents"]));
    assert!(
        warnings.contains(
            "pins the description of `Amount` that requires [cents], which no page gives any more"
        ),
        "{warnings}"
    );
}

/// Fields of one name with different value sets share one enum that has every value, so that
/// no page can rename another's enum; each page's request accepts only its own values.
#[test]
fn value_sets_that_differ() {
    let mut pages = pages("shared");
    let notify = &mut pages[0].1;
    assert!(notify.contains("`ENABLED` or `DISABLED`"));
    *notify = notify.replace("`ENABLED` or `DISABLED`", "`ENABLED`, `DISABLED` or `AUTO`");
    let (_, generated, _) = run(&pages);
    insta::assert_snapshot!(
        "value_sets_that_differ/models.rs",
        file(&generated, "models.rs")
    );
    insta::assert_snapshot!(
        "value_sets_that_differ/create_vaulting_session.rs",
        file(&generated, "vaults_create_vaulting_session.rs")
    );
}

/// A model no page describes is kept as JSON, with a warning.
#[test]
fn a_model_no_page_describes() {
    let mut pages = pages("shared");
    let vaulting = &mut pages[1].1;
    *vaulting = vaulting.replace(
        "#### merchantRegion (String)",
        "#### riskData (RiskData)\n\nThe risk data.\n\n#### merchantRegion (String)",
    );
    let (_, generated, warnings) = run(&pages);
    insta::assert_snapshot!("a_model_no_page_describes/warnings", warnings);
    insta::assert_snapshot!(
        "a_model_no_page_describes/vaulting.rs",
        file(&generated, "vaults_create_vaulting_session.rs")
    );
}

/// The output depends on the pages only, not on the order they are given in.
#[test]
fn generation_is_deterministic() {
    let pages = pages("shared");
    let (mut specs, first, _) = run(&pages);
    specs.reverse();
    let options = Options {
        client_methods: true,
        ..Options::default()
    };
    let second = generate::generate(&specs, &options).unwrap();
    assert_eq!(first, second);
    let names: Vec<&str> = first.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "mod.rs",
            "models.rs",
            "notifications_notify_vaulting.rs",
            "vaults_create_vaulting_session.rs"
        ]
    );
}

/// Two pages of one API are an error naming both.
#[test]
fn clashing_apis_are_errors_with_file_and_line() {
    let mut pages = pages("shared");
    let twin = (String::from("shared/twin.md"), pages[1].1.clone());
    pages.push(twin);
    let specs: Vec<PageSpec> = pages
        .iter()
        .map(|(name, text)| PageSpec {
            file: name.clone(),
            spec: parse_page(text, name, policy()).unwrap().spec,
        })
        .collect();
    let err = generate::generate(&specs, &Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "shared/vaulting.md:1: error: API `createVaultingSession` is also described by shared/twin.md: pages of one endpoint must each name a different product in their titles, as `pay (One-time Payments)` and `pay (Tokenized Payment)` do"
    );
}

/// The policies of `spec/policy.yaml`, read once.
fn policy() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        antom_codegen::pipeline::load_policy(&spec).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// Each page is validated by its own rules, whatever another page says about a model they
/// share: the notification's `Amount.value` maximum length of 64 does not loosen the request's
/// 16, and `currency`, optional on the notification, stays required on the request.
#[test]
fn each_page_validates_by_its_own_rules() {
    let mut pages = pages("shared");
    let notify = 0;
    pages[notify].1 = pages[notify].1.replace(
        "##### value (String, REQUIRED)\n\nThe value.",
        "##### value (String, REQUIRED)\n\nThe value.\n\nMore information:\n\n- Maximum length: 64 characters",
    );
    let (_, generated, _) = run(&pages);
    insta::assert_snapshot!(
        "own_rules/create_vaulting_session.rs",
        file(&generated, "vaults_create_vaulting_session.rs")
    );
    insta::assert_snapshot!(
        "own_rules/notify_vaulting.rs",
        file(&generated, "notifications_notify_vaulting.rs")
    );
}

/// `Object` names no model: the page that describes its fields gets a type of its own, named
/// after its API and field; the page that describes none gets free-form JSON, never the other
/// page's type.
#[test]
fn an_object_type_word_is_never_another_pages_model() {
    let mut pages = pages("shared");
    let (notify, vaulting) = (0, 1);
    pages[notify].1 = pages[notify].1.replace(
        "#### mode (String, REQUIRED)",
        "#### data (Object)\n\nThe original body, as a JSON object.\n\n#### mode (String, REQUIRED)",
    );
    pages[vaulting].1 = pages[vaulting].1.replace(
        "## Response parameters",
        "#### quotes (Array<Object>)\n\nThe quotes.\n\n##### quoteId (String)\n\nThe quote's ID.\n\n## Response parameters",
    );
    let (_, generated, _) = run(&pages);
    let models = file(&generated, "models.rs");
    assert!(
        models.contains("pub struct CreateVaultingSessionQuotes {"),
        "{models}"
    );
    assert!(!models.contains("pub struct Object"), "{models}");
    let vaulting = file(&generated, "vaults_create_vaulting_session.rs");
    assert!(
        vaulting.contains("pub quotes: Option<Vec<CreateVaultingSessionQuotes>>,"),
        "{vaulting}"
    );
    let notify = file(&generated, "notifications_notify_vaulting.rs");
    assert!(
        notify.contains("pub data: Option<serde_json::Value>,"),
        "{notify}"
    );
}
