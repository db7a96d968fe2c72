//! A page dropped into `spec/` keeps the suite green, and a merged model never changes what a
//! page sends.
//!
//! A copy of the crate gets today's pages plus two synthetic ones (`tests/data/new_pages/`) that
//! describe one model, `TransferMethod`, with the same fields and required flags but fix
//! `paymentMethodType` to different values (`SETTLEMENT_CARD`, `BALANCE_ACCOUNT`), and one
//! model, `TransferSchedule`, with different closed sets for `frequency`. The copy is
//! regenerated with the maintainers' commands (`regen`, then `check`: clean, with the warning
//! naming both places), then compiled with the tests that count what `spec/` holds
//! (`generated_types.rs`, `examples.rs`, copied unchanged) and `SYNTHETIC` below:
//!
//! - the two `TransferMethod` descriptions are two types, each page's request serialized with
//!   its own fixed value (the regression: one type sent `SETTLEMENT_CARD` for both);
//! - `TransferSchedule` is one type, and each page's request is rejected before sending when it
//!   uses a frequency only the other page allows.
//!
//! The copy lives at one fixed place, `target/new-pages/`, and builds in the workspace's target
//! directory, whose dependencies the test build has compiled already: only the copy's own crate
//! and test binaries are compiled.

use std::fs;
use std::path::Path;
use std::process::Command;

use antom_codegen::pipeline::{self, Layout};

mod crate_copy;
use crate_copy::{copy_dir, dependencies, root};

/// What only the synthetic pages can show, compiled inside the copy.
const SYNTHETIC: &str = r#"
use antom::synthetic::{TransferToBalanceAccountRequest, TransferToSettlementCardRequest};
use antom::{Frequency, Rule, TransferSchedule, Validate};
use serde_json::{Value, json};

fn card() -> TransferToSettlementCardRequest {
    TransferToSettlementCardRequest::new(
        "transfer-1",
        antom::TransferToSettlementCardTransferToMethod::new("card-1"),
    )
}

fn balance() -> TransferToBalanceAccountRequest {
    TransferToBalanceAccountRequest::new("transfer-2", antom::TransferMethod::new("balance-1"))
}

#[test]
fn fixed_values_of_two_pages_are_two_types_each_sending_its_own() {
    let card: Value = serde_json::to_value(card()).unwrap();
    assert_eq!(
        card["transferToMethod"],
        json!({"paymentMethodType": "SETTLEMENT_CARD", "paymentMethodId": "card-1"})
    );
    let balance: Value = serde_json::to_value(balance()).unwrap();
    assert_eq!(
        balance["transferToMethod"],
        json!({"paymentMethodType": "BALANCE_ACCOUNT", "paymentMethodId": "balance-1"})
    );
}

#[test]
fn each_page_accepts_only_its_own_values_in_a_shared_model() {
    let schedule = |frequency| Some(TransferSchedule::new(frequency));
    let mut card = card();
    card.schedule = schedule(Frequency::Weekly);
    card.validate().unwrap();
    card.schedule = schedule(Frequency::Monthly);
    let error = card.validate().unwrap_err();
    let violation = &error.violations[0];
    assert_eq!(violation.path, "schedule.frequency");
    assert!(
        matches!(&violation.rule, Rule::OneOf { allowed, actual } if *allowed == ["DAILY", "WEEKLY"] && actual == "MONTHLY"),
        "{error}"
    );

    let mut balance = balance();
    balance.schedule = schedule(Frequency::Monthly);
    balance.validate().unwrap();
    balance.schedule = schedule(Frequency::Weekly);
    assert!(balance.validate().is_err());
    balance.schedule = schedule(Frequency::Daily);
    balance.validate().unwrap();
}
"#;

/// The copy: the crate's `src/`, `spec/` with the synthetic pages, the tests that count, and a
/// manifest that compiles the checked-in style `generated/` (no code generator at build time).
fn copy(dir: &Path) {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir.join("tests")).unwrap();
    copy_dir(&root().join("src"), &dir.join("src"));
    copy_dir(&root().join("spec"), &dir.join("spec"));
    for entry in fs::read_dir(root().join("tests/data/new_pages")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join("spec").join(path.file_name().unwrap())).unwrap();
    }
    for test in ["generated_types.rs", "examples.rs"] {
        fs::copy(
            root().join("tests").join(test),
            dir.join("tests").join(test),
        )
        .unwrap();
    }
    fs::write(dir.join("tests/synthetic.rs"), SYNTHETIC).unwrap();
    let codegen = root().join("codegen").display().to_string();
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"antom\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
             [features]\ncodegen = []\n\n{}\n\
             [dev-dependencies]\nantom-codegen = {{ path = {codegen:?}, default-features = false }}\n\n\
             [workspace]\n",
            dependencies()
        ),
    )
    .unwrap();
    fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

#[test]
fn a_page_dropped_into_spec_keeps_the_tests_green_and_merges_never_change_the_wire() {
    let dir = root().join("target/new-pages");
    copy(&dir);

    // The maintainers' loop: regen, then check finds nothing stale.
    let layout = Layout::new(&dir);
    let report = pipeline::regen_command(&layout).unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let split = warnings
        .iter()
        .find(|w| w.contains("describes `TransferMethod` differently"))
        .unwrap_or_else(|| panic!("no warning about the split: {warnings:#?}"));
    for place in [
        "spec/synthetic_settlement_card.md:",
        "spec/synthetic_balance_account.md:",
        "`paymentMethodType` is fixed to `SETTLEMENT_CARD` here and fixed to `BALANCE_ACCOUNT` there",
    ] {
        assert!(split.contains(place), "{place} not in {split}");
    }
    let check = pipeline::check_command(&layout).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        check.files.is_empty(),
        "stale after regen: {:?}",
        check.files
    );

    // The tests that count what spec/ holds, and the synthetic pages' own.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["test", "--offline"])
        .args([
            "--test",
            "generated_types",
            "--test",
            "examples",
            "--test",
            "synthetic",
        ])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", root().join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let said = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{said}");
    for test in [
        "visit_apis_lists_every_page_once ... ok",
        "every_page_example_round_trips_through_the_generated_types ... ok",
        "fixed_values_of_two_pages_are_two_types_each_sending_its_own ... ok",
        "each_page_accepts_only_its_own_values_in_a_shared_model ... ok",
    ] {
        assert!(said.contains(test), "{test} did not run:\n{said}");
    }
}
