//! A doc change that adds to a page breaks no merchant's code: the SDK is regenerated from
//! `spec/` with `vaulting_session.md` gaining an optional request field, a response field and a
//! result code, and `inquire_vaulting.md` a vaulting status, and code written against today's
//! pages (below, `OLD_USER`) still compiles against it. The control: with a field removed from
//! the page, the same code no longer compiles, naming the field, so the check can fail.
//!
//! The crate is compiled (`cargo check`, checked-in style: no code generator) from a copy of its
//! `src/` with the regenerated `generated/`, in `target/doc-change/` with its own target
//! directory, so that it never waits for the lock of the build running this test.

use std::fs;
use std::path::Path;
use std::process::Command;

use antom_codegen::pipeline;

mod crate_copy;
use crate_copy::{copy_dir, dependencies, root};

/// Code a merchant wrote against today's pages: constructors, setters, fields read, a match on
/// result codes and on a value enum.
const OLD_USER: &str = r#"
use antom::vaults::{
    CreateVaultingSessionRequest, CreateVaultingSessionResponse, CreateVaultingSessionResultCode,
};

fn request() -> CreateVaultingSessionRequest {
    CreateVaultingSessionRequest::new("vaulting-1", "https://shop.example/notify")
        .redirect_url("https://shop.example/cards")
        .merchant_region("SG")
        .is_3ds_authentication(true)
}

fn read(response: &CreateVaultingSessionResponse) -> (&str, &str, Option<&String>) {
    (
        &response.vaulting_session_data,
        &response.vaulting_session_id,
        response.normal_url.as_ref(),
    )
}

fn code(code: &CreateVaultingSessionResultCode) -> &'static str {
    match code {
        CreateVaultingSessionResultCode::ParamIllegal => "check the request",
        CreateVaultingSessionResultCode::Unknown(_) => "unknown",
        _ => "other",
    }
}

fn status(status: &antom::VaultingStatus) -> bool {
    match status {
        antom::VaultingStatus::Success => true,
        antom::VaultingStatus::Fail | antom::VaultingStatus::Processing => false,
        _ => false,
    }
}

fn main() {
    let request = request();
    let _ = (read, code, status, request.vaulting_request_id.len());
}
"#;

/// `text` with `insert` put before the first line that starts with `before`.
fn insert_before(text: &str, before: &str, insert: &str) -> String {
    let at = text
        .find(&format!("\n{before}"))
        .unwrap_or_else(|| panic!("no line starting with {before:?}"));
    format!("{}\n{insert}{}", &text[..at], &text[at + 1..])
}

/// `text` with `insert` put after the line that starts with `after`.
fn insert_after(text: &str, after: &str, insert: &str) -> String {
    let start = text
        .find(&format!("\n{after}"))
        .unwrap_or_else(|| panic!("no line starting with {after:?}"))
        + 1;
    let end = start + text[start..].find('\n').unwrap_or(text.len() - start) + 1;
    format!("{}{insert}{}", &text[..end], &text[end..])
}

/// Today's pages, changed by `edit` (page file name, text → new text).
fn edited_spec(dir: &Path, edit: impl Fn(&str, String) -> String) {
    fs::create_dir_all(dir).unwrap();
    for entry in fs::read_dir(root().join("spec")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".md") || name == pipeline::POLICY_FILE {
            let text = fs::read_to_string(&path).unwrap();
            fs::write(dir.join(&name), edit(&name, text)).unwrap();
        }
    }
}

/// The additions: an optional request field, a response field, a result code, a value.
fn added(name: &str, text: String) -> String {
    match name {
        "vaulting_session.md" => {
            let text = insert_before(
                &text,
                "## Response parameters",
                "#### merchantNote (String)\n\nA note that the merchant keeps with the session.\n\n",
            );
            let text = insert_before(
                &text,
                "Result process logic",
                "#### sessionLanguage (String)\n\nThe language of the vaulting page.\n\n",
            );
            insert_after(
                &text,
                "| PARAM_ILLEGAL",
                "| SESSION_LIMIT_EXCEEDED | F | Too many open sessions. | Close a session and try again. |\n",
            )
        }
        "inquire_vaulting.md" => insert_after(
            &text,
            "-   `PROCESSING`",
            "-   `EXPIRED`: indicates that the buyer did not finish in time.\n",
        ),
        _ => text,
    }
}

/// A copy of the crate that compiles `generated` instead of `spec/`, with `OLD_USER` as a binary.
fn user_crate(dir: &Path, generated: &Path) {
    let dependencies = dependencies();
    fs::create_dir_all(dir).unwrap();
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"antom\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
             [features]\ncodegen = []\n\n{dependencies}\n\
             [[bin]]\nname = \"old_user\"\npath = \"old_user.rs\"\n\n[workspace]\n"
        ),
    )
    .unwrap();
    fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    copy_dir(&root().join("src"), &dir.join("src"));
    let _ = fs::remove_dir_all(dir.join("generated"));
    fs::rename(generated, dir.join("generated")).unwrap();
    fs::write(dir.join("old_user.rs"), OLD_USER).unwrap();
}

/// Generates the SDK from `spec` into `out`.
fn generate(spec: &Path, out: &Path) {
    let specs = pipeline::load_pages(spec).unwrap_or_else(|e| panic!("{e}"));
    let generated = pipeline::generate(&specs).unwrap_or_else(|e| panic!("{e}"));
    let files = pipeline::rust_files(&generated, out);
    pipeline::write_files(&files).unwrap_or_else(|e| panic!("{e}"));
}

/// `cargo check` of the user's binary in the crate at `dir`: success, and what cargo said.
fn check(dir: &Path) -> (bool, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["check", "--quiet", "--offline", "--bin", "old_user"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root().join("target/doc-change/target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let said = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.success(), said)
}

#[test]
fn code_written_against_todays_pages_compiles_after_additions_and_not_after_a_removal() {
    // One fixed place, so that cargo's record of what it compiled (paths inside the package)
    // always describes this copy.
    let work = root().join("target/doc-change/work");
    let _ = fs::remove_dir_all(&work);

    // Additions: the old code still compiles.
    edited_spec(&work.join("spec-added"), added);
    generate(&work.join("spec-added"), &work.join("generated"));
    let added_rs = fs::read_to_string(work.join("generated/vaults_create_vaulting_session.rs"));
    let added_rs = added_rs.unwrap();
    for new in ["merchant_note", "session_language", "SessionLimitExceeded"] {
        assert!(added_rs.contains(new), "the regenerated SDK has no {new}");
    }
    user_crate(&work.join("crate"), &work.join("generated"));
    let (compiled, said) = check(&work.join("crate"));
    assert!(
        compiled,
        "code written against today's pages no longer compiles:\n{said}"
    );

    // The control: a removed field breaks the same code, naming it.
    edited_spec(&work.join("spec-removed"), |name, text| match name {
        "vaulting_session.md" => {
            text.replace("#### redirectUrl (String)", "#### returnUrl (String)")
        }
        _ => text,
    });
    generate(&work.join("spec-removed"), &work.join("generated"));
    user_crate(&work.join("crate"), &work.join("generated"));
    let (compiled, said) = check(&work.join("crate"));
    assert!(!compiled, "removing a field should break code that sets it");
    assert!(said.contains("redirect_url"), "{said}");
}
