//! What a doc change means for users, as `check` and `regen` print it: the pages are compared
//! with the schemas of `spec/*.yaml` (the SDK as it was last generated), item by item, with a
//! verdict per page and for the whole change.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_policy, run, text};

const PAGE: &str = "# createThing\n\n> The summary.\n\n`POST /v1/things/createThing`\n\n## Request parameters\n\n#### id (String, REQUIRED)\n\nThe ID.\n\n#### kind (String)\n\nThe kind. Valid values are:\n\n-   `SMALL`: small.\n-   `LARGE`: large.\n\n## Response parameters\n\n#### result (Result, REQUIRED)\n\nThe result.\n\n##### resultCode (String, REQUIRED)\n\nThe code.\n\n##### resultStatus (String, REQUIRED)\n\nThe status.\n\n##### resultMessage (String, REQUIRED)\n\nThe message.\n\n## Result/Error codes\n\n| Code | Value | Message | Further action |\n| --- | --- | --- | --- |\n| SUCCESS | S | Success | None. |\n";

/// A workspace whose `spec/*.yaml` and `generated/` are those of `PAGE`, then with the page
/// changed by `edit`; what `check` says of it.
fn check_after(edit: impl Fn(&str) -> String) -> (bool, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Cargo.toml"), "").unwrap();
    let spec = dir.path().join("spec");
    fs::create_dir(&spec).unwrap();
    copy_policy(&spec);
    fs::write(spec.join("thing.md"), PAGE).unwrap();
    let regen = run(&["regen"], dir.path());
    assert!(regen.status.success(), "{}", text(&regen.stderr));
    // The page is new: all of it is added.
    let said = text(&regen.stdout);
    for line in [
        "  spec/thing.md: not breaking\n    added API things::CreateThing\n",
        "    added struct things::CreateThingRequest\n",
        "    added enum Kind\n",
    ] {
        assert!(said.contains(line), "{line:?} in:\n{said}");
    }
    fs::write(spec.join("thing.md"), edit(PAGE)).unwrap();
    let check = run(&["check"], dir.path());
    (check.status.success(), text(&check.stdout), dir)
}

#[test]
fn additions_are_not_breaking() {
    let (ok, said, _dir) = check_after(|page| {
        page.replace(
            "## Response parameters",
            "#### note (String)\n\nA note.\n\n## Response parameters",
        )
        .replace(
            "-   `LARGE`: large.\n",
            "-   `LARGE`: large.\n-   `HUGE`: huge.\n",
        )
        .replace(
            "| SUCCESS | S | Success | None. |\n",
            "| SUCCESS | S | Success | None. |\n| THING_BUSY | U | Busy. | Try again. |\n",
        )
    });
    assert!(!ok, "the schemas are stale: {said}");
    for line in [
        "what the pages' changes since spec/*.yaml mean for users:\n  spec/thing.md: not breaking\n",
        "    added field things::CreateThingRequest.note: Option<String> (`note`)\n",
        "    added variant things::CreateThingResultCode::ThingBusy: `THING_BUSY`\n",
        "  models and enums at the crate root: not breaking\n    added variant Kind::Huge: `HUGE`\n",
        "  for users: not breaking: additions only (a minor version)\n",
        "stale: spec/thing.yaml\n",
    ] {
        assert!(said.contains(line), "{line:?} in:\n{said}");
    }
}

#[test]
fn a_field_made_required_or_removed_and_a_value_removed_are_breaking() {
    let (_, said, _dir) =
        check_after(|page| page.replace("#### kind (String)", "#### kind (String, REQUIRED)"));
    for line in [
        "  spec/thing.md: breaking\n",
        "    changed constructor things::CreateThingRequest::new(id: impl Into<String>) to new(id: impl Into<String>, kind: Kind) (breaking)\n",
        "    changed field things::CreateThingRequest.kind: Option<Kind> (`kind`) to Kind (`kind`) (breaking)\n",
        "  for users: breaking: code written against the old SDK may not compile (a major version)\n",
    ] {
        assert!(said.contains(line), "{line:?} in:\n{said}");
    }

    let (_, said, _dir) = check_after(|page| {
        page.replace("-   `LARGE`: large.\n", "")
            .replace("#### id (String, REQUIRED)\n\nThe ID.\n\n", "")
    });
    for line in [
        "    removed field things::CreateThingRequest.id: String (`id`) (breaking)\n",
        "    changed constructor things::CreateThingRequest::new(id: impl Into<String>) to new() (breaking)\n",
        "    removed variant Kind::Large: `LARGE` (breaking)\n",
    ] {
        assert!(said.contains(line), "{line:?} in:\n{said}");
    }
}

#[test]
fn an_unchanged_page_says_nothing_and_broken_schemas_say_why() {
    let (ok, said, dir) = check_after(str::to_owned);
    assert!(ok, "{said}");
    assert!(!said.contains("mean for users"), "{said}");

    // Schemas that do not load: the check still runs, and says what it cannot tell.
    let schema = dir.path().join("spec/thing.yaml");
    fs::write(&schema, "api: [not, a, schema").unwrap();
    let check = run(&["check"], dir.path());
    let (out, err) = (text(&check.stdout), text(&check.stderr));
    assert!(out.contains("stale: spec/thing.yaml"), "{out}");
    assert!(err.contains("spec/thing.yaml"), "{err}");
    assert!(
        err.contains("what the change means for users is unknown"),
        "{err}"
    );
    assert!(Path::new(&schema).exists());
}
