//! The pages the generator benchmarks run over: the real pages of `spec/`, and synthetic corpora
//! made from them.
//!
//! A synthetic corpus of `n` pages holds `n / 10` copies of the real pages (rounded up, then cut
//! to `n`). The first copy keeps its names; every other copy `k` renames its API (title and
//! endpoint: `refund` → `refundX2`, `POST /v1/payments/refundX2`) and every model its headings
//! name (`(Amount, REQUIRED)` → `(AmountX2, REQUIRED)`, `(Array<Goods>)` → `(Array<GoodsX2>)`),
//! so that each copy is a distinct API with its own models, as a larger real API reference would
//! be, instead of collapsing into the models of the first copy. Field names, examples and result
//! codes are left as they are.

use std::fs;
use std::path::{Path, PathBuf};

use antom_codegen::page::is_api_page;
use antom_codegen::pipeline::files_with_extension;

/// A page: its path (for diagnostics and the schema's `source`) and its Markdown.
pub type Page = (String, String);

/// The scalar types of a page's parameter headings; every other type names a model.
const SCALARS: &[&str] = &["String", "Integer", "Decimal", "Boolean", "Datetime", "URL"];

/// The workspace's `spec/` directory.
pub fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")
}

/// The real pages of `spec/`, in file name order.
pub fn real_pages() -> Vec<Page> {
    let dir = spec_dir();
    let files = files_with_extension(&dir, "md").expect("spec/ can be listed");
    let pages: Vec<Page> = files
        .into_iter()
        .filter(|p| is_api_page(p))
        .map(|p| {
            let text = fs::read_to_string(&p).expect("a page of spec/ can be read");
            let name = format!("spec/{}", p.file_name().unwrap().to_string_lossy());
            (name, text)
        })
        .collect();
    assert!(!pages.is_empty(), "spec/ has no pages");
    pages
}

/// `n` pages made from `pages`: copies of them, every copy after the first with its API and
/// models renamed (see the module documentation).
pub fn synthesize(pages: &[Page], n: usize) -> Vec<Page> {
    let mut out = Vec::with_capacity(n);
    for copy in 1.. {
        for (name, text) in pages {
            if out.len() == n {
                return out;
            }
            if copy == 1 {
                out.push((name.clone(), text.clone()));
            } else {
                let suffix = format!("X{copy}");
                let stem = name.strip_suffix(".md").unwrap_or(name);
                out.push((format!("{stem}_x{copy}.md"), rename_page(text, &suffix)));
            }
        }
    }
    unreachable!("the loop returns once n pages are made")
}

/// Renames the API and the models of one page by appending `suffix`.
fn rename_page(text: &str, suffix: &str) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut titled = false;
    let mut fenced = false;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if fenced {
            out.push_str(line);
        } else if !titled && line.starts_with("# ") {
            // `# refund` or `# pay (One-time Payments)`: the name is the first word.
            titled = true;
            let rest = &line[2..];
            let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
            out.push_str("# ");
            out.push_str(&rest[..end]);
            out.push_str(suffix);
            out.push_str(&rest[end..]);
        } else if line.starts_with("`POST /") || line.starts_with("`GET /") {
            // `POST /v1/payments/refund`: the endpoint, whose last segment is the API's name.
            let close = line.rfind('`').filter(|&i| i > 0).unwrap_or(line.len());
            out.push_str(&line[..close]);
            out.push_str(suffix);
            out.push_str(&line[close..]);
        } else if line.starts_with("##") && line.contains('(') {
            out.push_str(&rename_models(line, suffix));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Renames the model types in the parentheses of a parameter heading:
/// `#### refundAmount (Amount, REQUIRED)`, `#### goods (Array<Goods>)`.
fn rename_models(line: &str, suffix: &str) -> String {
    let Some(open) = line.rfind('(') else {
        return line.to_owned();
    };
    let (head, types) = line.split_at(open);
    let mut out = String::with_capacity(line.len() + suffix.len());
    out.push_str(head);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            out.push_str(word);
            let is_model = word.starts_with(|c: char| c.is_ascii_uppercase())
                && word != "REQUIRED"
                && word != "Array"
                && word != "Map"
                && !SCALARS.contains(&word.as_str());
            if is_model {
                out.push_str(suffix);
            }
            word.clear();
        }
    };
    for c in types.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}
