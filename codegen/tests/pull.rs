//! `antom-codegen pull` against a local server standing in for docs.antom.com (no test touches
//! the internet): pages and their provenance written, upstream drift found without writing,
//! and every failure (404, HTML, a cut-off download) a clear error with nothing written. Then
//! the maintainers' whole loop: pull, regen, check, drift, pull --all, override, regen.

mod common;

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use common::{copy_policy, run, text};

/// One answer of the server.
#[derive(Clone)]
struct Answer {
    status: u16,
    content_type: &'static str,
    body: String,
    /// Announce the whole body but send only this many bytes, then hang up.
    cut_at: Option<usize>,
}

fn page(body: &str) -> Answer {
    Answer {
        status: 200,
        content_type: "text/markdown; charset=utf-8",
        body: body.to_owned(),
        cut_at: None,
    }
}

type Routes = Arc<Mutex<HashMap<String, Answer>>>;

/// An HTTP/1.1 server on 127.0.0.1 answering each path from `routes` (404 otherwise), one
/// connection at a time.
fn serve() -> (String, Routes) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/ac/ams/", listener.local_addr().unwrap());
    let routes: Routes = Arc::default();
    let shared = routes.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            // Skip the headers.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request_line.split(' ').nth(1).unwrap_or("/").to_owned();
            let answer = shared
                .lock()
                .unwrap()
                .get(&path)
                .cloned()
                .unwrap_or(Answer {
                    status: 404,
                    content_type: "text/plain",
                    body: "not found".into(),
                    cut_at: None,
                });
            let body = answer.body.as_bytes();
            let head = format!(
                "HTTP/1.1 {} X\r\ncontent-type: {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                answer.status,
                answer.content_type,
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body[..answer.cut_at.unwrap_or(body.len())]);
            let _ = stream.flush();
            if answer.cut_at.is_some() {
                // The connection drops mid-body.
                let _ = stream.shutdown(std::net::Shutdown::Both);
            } else {
                // Until the client has read it all and hangs up.
                let _ = reader.read(&mut [0; 1]);
            }
        }
    });
    (base, routes)
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Cargo.toml"), "").unwrap();
    fs::create_dir(dir.path().join("spec")).unwrap();
    copy_policy(&dir.path().join("spec"));
    dir
}

fn real_page(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../spec")
            .join(name),
    )
    .unwrap()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn pages_are_pulled_with_their_provenance_and_drift_is_found_without_writing() {
    let (base, routes) = serve();
    let vaulting = real_page("vaulting_session.md");
    routes
        .lock()
        .unwrap()
        .insert("/ac/ams/vaulting_session.md".into(), page(&vaulting));
    let dir = workspace();
    let root = dir.path();

    let out = run(&["pull", "vaulting_session", "--base-url", &base], root);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "wrote spec/vaulting_session.md\n");
    assert_eq!(
        fs::read_to_string(root.join("spec/vaulting_session.md")).unwrap(),
        vaulting
    );
    let sources = fs::read_to_string(root.join("spec/sources.yaml")).unwrap();
    assert!(
        sources.starts_with(&format!(
            "sources:\n- page: vaulting_session.md\n  url: {base}vaulting_session.md\n  retrieved: "
        )),
        "{sources}"
    );
    assert!(sources.contains("sha256: "), "{sources}");

    // Upstream unchanged: the check passes; changed: it lists the page, and writes nothing.
    let out = run(&["pull", "--check"], root);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let changed = vaulting.replace("Maximum length: 64", "Maximum length: 128");
    assert_ne!(changed, vaulting);
    routes
        .lock()
        .unwrap()
        .insert("/ac/ams/vaulting_session.md".into(), page(&changed));
    let out = run(&["pull", "--check"], root);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "changed upstream: spec/vaulting_session.md\n"
    );
    assert_eq!(
        fs::read_to_string(root.join("spec/vaulting_session.md")).unwrap(),
        vaulting
    );
    assert_eq!(
        fs::read_to_string(root.join("spec/sources.yaml")).unwrap(),
        sources
    );

    // `--all` refreshes it from its recorded URL.
    let out = run(&["pull", "--all"], root);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        fs::read_to_string(root.join("spec/vaulting_session.md")).unwrap(),
        changed
    );
    assert_ne!(
        fs::read_to_string(root.join("spec/sources.yaml")).unwrap(),
        sources
    );
    assert!(run(&["pull", "--check"], root).status.success());
}

#[test]
fn failed_downloads_are_clear_errors_and_write_nothing() {
    let (base, routes) = serve();
    let good = real_page("refund.md");
    {
        let mut routes = routes.lock().unwrap();
        routes.insert("/ac/ams/refund.md".into(), page(&good));
        routes.insert(
            "/ac/ams/html.md".into(),
            Answer {
                content_type: "text/html",
                ..page("<!DOCTYPE html><html><body>Sign in</body></html>")
            },
        );
        routes.insert(
            "/ac/ams/disguised.md".into(),
            page("<!DOCTYPE html><html><body>Sign in</body></html>"),
        );
        routes.insert("/ac/ams/plain.md".into(), page("no title here\n"));
        routes.insert(
            "/ac/ams/cut.md".into(),
            Answer {
                cut_at: Some(100),
                ..page(&good)
            },
        );
    }
    let dir = workspace();
    let root = dir.path();
    let before = files(&root.join("spec"));
    for (slug, expected) in [
        ("missing", "HTTP 404"),
        (
            "html",
            "not an Antom Markdown page: its content type is `text/html`",
        ),
        (
            "disguised",
            "not an Antom Markdown page: it is an HTML page",
        ),
        ("plain", "not an Antom Markdown page: it has no `# ` title"),
        ("cut", "the page cannot be downloaded"),
        ("../up", "is not a page"),
    ] {
        // The good page first: it is not written either when a later one fails.
        let out = run(&["pull", "refund", slug, "--base-url", &base], root);
        assert_eq!(out.status.code(), Some(1), "{slug}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(expected),
            "{slug}: `{expected}` not in {stderr}"
        );
        assert_eq!(
            files(&root.join("spec")),
            before,
            "{slug}: something was written"
        );
    }
    // No server at all.
    let out = run(
        &["pull", "refund", "--base-url", "http://127.0.0.1:9/"],
        root,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cannot be downloaded"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_maintainers_loop_pull_regen_review_override_commit() {
    let (base, routes) = serve();
    let page_text = real_page("inquire_exchange_rate.md");
    routes
        .lock()
        .unwrap()
        .insert("/ac/ams/inquire_exchange_rate.md".into(), page(&page_text));
    let dir = workspace();
    let root = dir.path();

    // Pull, regen: the page's doc bug shows as a warning at its line.
    assert!(
        run(
            &["pull", "inquire_exchange_rate", "--base-url", &base],
            root
        )
        .status
        .success()
    );
    let out = run(&["regen"], root);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains(
            "`paymentQuotes` is documented as Object but the `Response` example gives an array"
        ),
        "{}",
        text(&out.stderr)
    );
    let rust = root.join("generated/payments_inquire_exchange_rate.rs");
    assert!(
        fs::read_to_string(&rust)
            .unwrap()
            .contains("pub payment_quotes: InquireExchangeRatePaymentQuotes,")
    );

    // Override the page where it is wrong; regen records it, and the warning goes.
    fs::write(
        root.join("spec/overrides.yaml"),
        "overrides:\n- page: inquire_exchange_rate.md\n  parameter: response.paymentQuotes\n  type: Array<Object>\n  reason: Its example gives an array.\n",
    )
    .unwrap();
    let out = run(&["regen"], root);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("paymentQuotes"),
        "{}",
        text(&out.stderr)
    );
    let yaml = fs::read_to_string(root.join("spec/inquire_exchange_rate.yaml")).unwrap();
    assert!(
        yaml.contains("  overridden:\n  - what: type\n    page_says: Object\n"),
        "{yaml}"
    );
    assert!(
        fs::read_to_string(&rust)
            .unwrap()
            .contains("pub payment_quotes: Vec<InquireExchangeRatePaymentQuotes>,")
    );
    assert!(run(&["check"], root).status.success());

    // Antom fixes the page: drift is found, pulled, and the override warns that it is stale.
    let fixed = page_text.replace("paymentQuotes** (Object", "paymentQuotes** (Array<Object>");
    let fixed = if fixed == page_text {
        page_text.replacen(
            "#### paymentQuotes (Object",
            "#### paymentQuotes (Array<Object>",
            1,
        )
    } else {
        fixed
    };
    assert_ne!(fixed, page_text, "the test's fix of the page applies");
    routes
        .lock()
        .unwrap()
        .insert("/ac/ams/inquire_exchange_rate.md".into(), page(&fixed));
    assert_eq!(run(&["pull", "--check"], root).status.code(), Some(1));
    assert!(run(&["pull", "--all"], root).status.success());
    let out = run(&["regen"], root);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("overrides.yaml:2: warning: the override of `response.paymentQuotes` on inquire_exchange_rate.md changes nothing"),
        "{}",
        text(&out.stderr)
    );
}
