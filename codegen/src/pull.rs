//! `antom-codegen pull`: Antom's pages downloaded into `spec/` with their provenance (URL, day,
//! content hash) in `spec/sources.yaml`, and upstream drift found without writing anything.
//!
//! Every page is downloaded and checked (HTTP 200, Markdown with a `# ` title, not an HTML
//! page) before anything is written; each file is then replaced atomically.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::inputs::{Source, Sources};
use crate::pipeline::{SOURCES_FILE, write_if_changed};

/// Where a slug's page is: `https://docs.antom.com/ac/ams/<slug>.md`.
pub const DEFAULT_BASE_URL: &str = "https://docs.antom.com/ac/ams/";

/// A pull that could not be done; nothing was written.
#[derive(Debug)]
#[non_exhaustive]
pub enum PullError {
    /// The target is neither a slug (`vaulting_session`) nor the URL of a `.md` page.
    Target(String),
    /// The page could not be downloaded: no connection, a timeout, a cut-off body.
    Network {
        /// The URL.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The server answered with another status than 200.
    Status {
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The answer is not an Antom Markdown page.
    NotMarkdown {
        /// The URL.
        url: String,
        /// Why not.
        why: String,
    },
    /// `spec/sources.yaml` cannot be read.
    Sources {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A file cannot be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        error: std::io::Error,
    },
}

impl fmt::Display for PullError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PullError::Target(target) => write!(
                f,
                "error: `{target}` is not a page: expected a slug such as `vaulting_session`, or \
                 the URL of a `.md` page"
            ),
            PullError::Network { url, message } => {
                write!(f, "{url}: error: the page cannot be downloaded: {message}")
            }
            PullError::Status { url, status } => write!(
                f,
                "{url}: error: HTTP {status}: expected 200 and the page's Markdown"
            ),
            PullError::NotMarkdown { url, why } => write!(
                f,
                "{url}: error: the answer is not an Antom Markdown page: {why}"
            ),
            PullError::Sources { file, message } => write!(f, "{file}: error: {message}"),
            PullError::Io { path, error } => write!(f, "{}: error: {error}", path.display()),
        }
    }
}

impl std::error::Error for PullError {}

/// A page downloaded, checked, not yet written.
#[derive(Debug, Clone)]
pub struct Download {
    /// Its file name in `spec/`: `vaulting_session.md`.
    pub page: String,
    /// Where it came from.
    pub url: String,
    /// Its text.
    pub text: String,
}

/// What a pull did to one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulled {
    /// The page: `vaulting_session.md`.
    pub page: String,
    /// Whether its file changed (or is new).
    pub changed: bool,
}

/// The page file and URL of a target: a slug (`vaulting_session`, `vaulting_session.md`) under
/// `base`, or a URL ending in `.md`.
pub fn locate(target: &str, base: &str) -> Result<(String, String), PullError> {
    let bad = || PullError::Target(target.to_owned());
    if target.starts_with("http://") || target.starts_with("https://") {
        let path = target.split(['?', '#']).next().unwrap_or(target);
        let page = path.rsplit('/').next().unwrap_or("");
        if !page.ends_with(".md") || page.len() <= 3 || !is_file_name(page) {
            return Err(bad());
        }
        return Ok((page.to_owned(), target.to_owned()));
    }
    let slug = target.strip_suffix(".md").unwrap_or(target);
    if slug.is_empty() || !is_file_name(slug) {
        return Err(bad());
    }
    let base = base.trim_end_matches('/');
    Ok((format!("{slug}.md"), format!("{base}/{slug}.md")))
}

fn is_file_name(name: &str) -> bool {
    name.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && !name.starts_with('.')
}

/// The HTTP client of a pull: 30 s per page, no redirect to another host unnoticed (reqwest
/// follows up to 10, and the final URL is what is checked).
pub fn client() -> Result<reqwest::blocking::Client, PullError> {
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(30))
        .user_agent(concat!("antom-codegen/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| PullError::Network {
            url: String::new(),
            message: e.to_string(),
        })
}

/// Downloads the page at `url` and checks that it is Markdown.
pub fn download(
    client: &reqwest::blocking::Client,
    page: &str,
    url: &str,
) -> Result<Download, PullError> {
    let network = |e: reqwest::Error| PullError::Network {
        url: url.to_owned(),
        message: error_chain(&e),
    };
    let response = client.get(url).send().map_err(network)?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(PullError::Status {
            url: url.to_owned(),
            status,
        });
    }
    let not_markdown = |why: &str| PullError::NotMarkdown {
        url: url.to_owned(),
        why: why.to_owned(),
    };
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.contains("html") {
        return Err(not_markdown(&format!(
            "its content type is `{content_type}`"
        )));
    }
    let bytes = response.bytes().map_err(network)?;
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| not_markdown("it is not UTF-8"))?;
    let start = text.trim_start();
    if start.starts_with('<') {
        return Err(not_markdown("it is an HTML page"));
    }
    if !text.lines().any(|l| l.starts_with("# ")) {
        return Err(not_markdown("it has no `# ` title"));
    }
    Ok(Download {
        page: page.to_owned(),
        url: url.to_owned(),
        text,
    })
}

/// The message of `error` and of each error under it (reqwest's own says little alone).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        message.push_str(": ");
        message.push_str(&e.to_string());
        source = e.source();
    }
    message
}

/// The hex SHA-256 of `text`.
pub fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads `spec/sources.yaml` (none yet: no sources).
pub fn read_sources(spec: &Path) -> Result<Sources, PullError> {
    let path = spec.join(SOURCES_FILE);
    match fs::read_to_string(&path) {
        Ok(text) => {
            Sources::from_yaml(&text, &path.display().to_string()).map_err(|e| PullError::Sources {
                file: match e.line {
                    Some(line) => format!("{}:{line}", e.file),
                    None => e.file,
                },
                message: e.message,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Sources::default()),
        Err(error) => Err(PullError::Io { path, error }),
    }
}

/// Downloads every target (slug or URL, see [`locate`]) under `base`, then writes each page
/// into `spec` and records its provenance, retrieved on `today` (`2026-12-02`). Nothing is
/// written unless every page downloads.
pub fn pull(
    spec: &Path,
    targets: &[String],
    base: &str,
    today: &str,
) -> Result<Vec<Pulled>, PullError> {
    let mut sources = read_sources(spec)?;
    let client = client()?;
    let mut downloads = Vec::new();
    for target in targets {
        let (page, url) = locate(target, base)?;
        downloads.push(download(&client, &page, &url)?);
    }
    let mut pulled = Vec::new();
    for d in &downloads {
        let path = spec.join(&d.page);
        let changed = write_if_changed(&path, &d.text).map_err(|error| PullError::Io {
            path: path.clone(),
            error,
        })?;
        let source = Source {
            page: d.page.clone(),
            url: d.url.clone(),
            retrieved: today.to_owned(),
            sha256: sha256(&d.text),
        };
        match sources.sources.iter_mut().find(|s| s.page == d.page) {
            // Unchanged and from the same URL: the day it was last found different stays.
            Some(old) if old.sha256 == source.sha256 && old.url == source.url => {}
            Some(old) => *old = source,
            None => sources.sources.push(source),
        }
        pulled.push(Pulled {
            page: d.page.clone(),
            changed,
        });
    }
    sources.sources.sort_by(|a, b| a.page.cmp(&b.page));
    let path = spec.join(SOURCES_FILE);
    write_if_changed(&path, &sources.to_yaml()).map_err(|error| PullError::Io { path, error })?;
    Ok(pulled)
}

/// [`pull`] of every page `spec/sources.yaml` records, from its recorded URL.
pub fn pull_all(spec: &Path, today: &str) -> Result<Vec<Pulled>, PullError> {
    let urls: Vec<String> = read_sources(spec)?
        .sources
        .into_iter()
        .map(|s| s.url)
        .collect();
    pull(spec, &urls, DEFAULT_BASE_URL, today)
}

/// The pages whose upstream content differs from what `spec/sources.yaml` records; nothing is
/// written.
pub fn check(spec: &Path) -> Result<Vec<String>, PullError> {
    let client = client()?;
    let mut changed = Vec::new();
    for source in read_sources(spec)?.sources {
        let d = download(&client, &source.page, &source.url)?;
        if sha256(&d.text) != source.sha256 {
            changed.push(source.page);
        }
    }
    Ok(changed)
}

/// Today's date in UTC, `2026-12-02`, for [`pull`].
pub fn today() -> String {
    // `Date`'s `Display` is ISO 8601's calendar date.
    time::OffsetDateTime::now_utc().date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_slugs_or_page_urls() {
        let base = "https://docs.antom.com/ac/ams/";
        assert_eq!(
            locate("vaulting_session", base).unwrap(),
            (
                "vaulting_session.md".into(),
                "https://docs.antom.com/ac/ams/vaulting_session.md".into()
            )
        );
        assert_eq!(
            locate("pay.md", "http://127.0.0.1:9/x").unwrap().1,
            "http://127.0.0.1:9/x/pay.md"
        );
        assert_eq!(
            locate("https://docs.antom.com/ac/ams/refund.md?v=2", base)
                .unwrap()
                .0,
            "refund.md"
        );
        for bad in [
            "",
            "../etc/passwd",
            "https://docs.antom.com/ac/ams/",
            "https://x/a.html",
            ".md",
        ] {
            assert!(
                matches!(locate(bad, base), Err(PullError::Target(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn hashes_are_sha256_in_hex() {
        assert_eq!(
            sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(today().len(), 10);
    }
}
