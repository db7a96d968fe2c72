//! Every page in `spec/` parses without errors, and the checked-in `spec/<page>.yaml` is exactly
//! what the parser makes of it today.

use std::path::{Path, PathBuf};

use antom_codegen::inputs::{Overrides, Policy};
use antom_codegen::page::{Parsed, parse_corrected_page};
use antom_codegen::pipeline;
use antom_codegen::spec::ApiSpec;

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(spec_dir())
        .expect("spec/ exists")
        .map(|e| e.expect("readable spec/ entry").path())
        .filter(|p| antom_codegen::page::is_api_page(p))
        .collect();
    pages.sort();
    assert!(
        pages.len() >= 10,
        "expected the Antom pages in spec/, found {pages:?}"
    );
    pages
}

/// Parses `spec/<name>.md` and asserts that `spec/<name>.yaml` is byte-identical to the result:
/// the checked-in YAML is the page's snapshot, reviewed line by line against the page.
fn assert_snapshot(name: &str) {
    let page = spec_dir().join(format!("{name}.md"));
    let text = std::fs::read_to_string(&page).unwrap();
    let file = format!("spec/{name}.md");
    let parsed = parse(&text, &file).unwrap_or_else(|diagnostics| {
        let list: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        panic!("{file} does not parse:\n{}", list.join("\n"))
    });
    let yaml = parsed.spec.to_yaml();
    let stored_path = page.with_extension("yaml");
    let stored = std::fs::read_to_string(&stored_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `cargo run -p antom-codegen -- parse spec/*.md --out spec`",
            stored_path.display()
        )
    });
    if yaml != stored {
        let first = yaml
            .lines()
            .zip(stored.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| yaml.lines().count().min(stored.lines().count()));
        panic!(
            "spec/{name}.yaml is stale (first difference at line {}): run `cargo run -p antom-codegen -- parse spec/*.md --out spec` and review the diff",
            first + 1
        );
    }
}

#[test]
fn every_page_has_its_reviewed_schema() {
    for page in pages() {
        let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
        assert_snapshot(&stem);
    }
}

/// The documentation bugs of the pages that no override corrects (see spec/overrides.yaml),
/// and nothing else, for the pages named here: a page added to spec/ is not named, so that it
/// keeps the suite green whatever its warnings (`antom-codegen check` prints them).
const KNOWN_WARNINGS: &[(&str, &[&str])] = &[
    (
        "change_sub.md",
        &[
            "spec/change_sub.md:5: warning: the summary says Antom sends this to the merchant, as a notification's does, but the page has the endpoint `POST /v1/subscriptions/change` and a response other than the fixed acknowledgement: read as a request",
        ],
    ),
    (
        "inquire_balance.md",
        &[
            "spec/inquire_balance.md:71: warning: `accountBalances` is an object (Array<AccountBalance>) but has a maximum length; the length is ignored",
        ],
    ),
    (
        "notify_sub.md",
        &[
            "spec/notify_sub.md:54: warning: `subscriptionNotificationType` lists values with no `Valid values are:` before them; they are kept as description, not as a closed set",
        ],
    ),
    (
        "notify_vaulting.md",
        &[
            "spec/notify_vaulting.md:62: warning: `paymentMethodDetail` is an object (PaymentMethodDetail) but has a maximum length; the length is ignored",
        ],
    ),
    (
        "register.md",
        &[
            "spec/register.md:558: warning: `paymentMethods` is an object (Array<PaymentMethod>) but has a maximum length; the length is ignored",
        ],
    ),
    (
        "settle.md",
        &[
            "spec/settle.md:50: warning: `settlementDetails` is an object (Array<SettlementDetail>) but has a maximum length; the length is ignored",
        ],
    ),
];

#[test]
fn warnings_of_the_real_pages() {
    let mut named = 0;
    for page in pages() {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&page).unwrap();
        let file = format!("spec/{name}");
        let warnings: Vec<String> = parse(&text, &file)
            .unwrap()
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect();
        let known = KNOWN_WARNINGS.iter().find(|(page, _)| *page == name);
        match known {
            Some((_, expected)) => {
                named += 1;
                assert_eq!(warnings, *expected, "{file}");
            }
            // Every page that was in spec/ when this list was written, but those named, has no
            // warning: only pages added since may have unlisted ones.
            None if ORIGINAL_PAGES.contains(&name.as_str()) => {
                assert_eq!(warnings, Vec::<String>::new(), "{file}");
            }
            None => {}
        }
    }
    assert_eq!(named, KNOWN_WARNINGS.len(), "a page named here left spec/");
}

/// The pages in spec/ when [`KNOWN_WARNINGS`] was written.
const ORIGINAL_PAGES: &[&str] = &[
    "accept.md",
    "accesstokenapp.md",
    "authorization_consult.md",
    "authrevocation.md",
    "cancel.md",
    "cancel_sub.md",
    "capture.md",
    "change_sub.md",
    "consult.md",
    "create_sub.md",
    "createpaymentsession_easypay.md",
    "declare.md",
    "delete_token.md",
    "download.md",
    "inquire_balance.md",
    "inquire_exchange_rate.md",
    "inquire_token.md",
    "inquire_vaulting.md",
    "inquiry_payment.md",
    "inquiry_refund.md",
    "notify_capture.md",
    "notify_dispute.md",
    "notify_payment.md",
    "notify_refund.md",
    "notify_sub.md",
    "notify_subpayment.md",
    "notify_vaulting.md",
    "payment_agreement.md",
    "payment_cashier.md",
    "payout.md",
    "refund.md",
    "register.md",
    "retrieve_payment_session.md",
    "session_autodebit.md",
    "session_cashier.md",
    "settle.md",
    "settlement_info_update.md",
    "supply_evidence.md",
    "update_amount.md",
    "vault_method.md",
    "vaulting_session.md",
];

#[test]
fn schemas_round_trip_byte_identically() {
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let file = page.display().to_string();
        let first = parse(&text, &file).unwrap().spec;
        let second = parse(&text, &file).unwrap().spec;
        assert_eq!(first, second, "{file}: parsing twice differs");
        let yaml = first.to_yaml();
        let read_back = ApiSpec::from_yaml(&yaml, &file).unwrap();
        assert_eq!(
            read_back, first,
            "{file}: reading the YAML back changes the schema"
        );
        assert_eq!(
            read_back.to_yaml(),
            yaml,
            "{file}: writing again is not byte-identical"
        );
        assert_eq!(
            second.to_yaml(),
            yaml,
            "{file}: parsing twice is not byte-identical"
        );
    }
}

#[test]
fn every_recorded_line_points_at_what_it_records() {
    fn check_params(params: &[antom_codegen::spec::Parameter], lines: &[&str], file: &str) {
        for p in params {
            let line = lines[p.line - 1];
            assert!(
                line.starts_with('#') && line.contains(&format!(" {} (", p.name)),
                "{file}:{}: `{line}` is not the heading of `{}`",
                p.line,
                p.name
            );
            check_params(&p.children, lines, file);
        }
    }
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let file = page.display().to_string();
        let lines: Vec<&str> = text.lines().collect();
        let spec = parse(&text, &file).unwrap().spec;
        check_params(&spec.request, &lines, &file);
        check_params(&spec.response, &lines, &file);
        if let Some(endpoint) = &spec.endpoint {
            assert!(lines[endpoint.line - 1].contains(&endpoint.path));
        }
        for table in &spec.result_codes {
            assert_eq!(lines[table.line - 1], format!("## {}", table.title));
            for code in &table.codes {
                assert!(
                    lines[code.line - 1].starts_with(&format!("| {} |", code.code)),
                    "{file}:{}",
                    code.line
                );
            }
        }
        for example in &spec.examples {
            assert_eq!(
                lines[example.line - 1],
                "```json",
                "{file}:{}",
                example.line
            );
        }
    }
}

/// The policies of `spec/policy.yaml`, read once.
/// Parses a page of spec/ as the pipeline does: with spec/policy.yaml and the corrections of
/// spec/overrides.yaml.
fn parse(text: &str, file: &str) -> Result<Parsed, Vec<antom_codegen::diagnostic::Diagnostic>> {
    static INPUTS: std::sync::OnceLock<(Policy, Overrides)> = std::sync::OnceLock::new();
    let (policy, overrides) = INPUTS.get_or_init(|| {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let policy = pipeline::load_policy(&spec).unwrap_or_else(|e| panic!("{e}"));
        let overrides = pipeline::read_overrides(&spec.join(pipeline::POLICY_FILE))
            .unwrap_or_else(|e| panic!("{e}"));
        (policy, overrides)
    });
    parse_corrected_page(text, file, policy, overrides)
}
