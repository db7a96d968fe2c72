//! Page text as rustdoc: one `#[doc]` per line, Markdown-safe.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for paragraphs, separated by blank doc lines.
pub fn attrs<S: AsRef<str>>(paragraphs: &[S]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs {
        let paragraph = paragraph.as_ref().trim();
        if paragraph.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        for line in paragraph.lines() {
            let line = line.trim();
            lines.push(if line.is_empty() {
                String::new()
            } else {
                format!(" {}", escape(line))
            });
        }
    }
    // No run of blank lines, no blank line at the end.
    lines.dedup_by(|a, b| a.is_empty() && b.is_empty());
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    quote! { #( #[doc = #lines] )* }
}

/// Escapes what rustdoc would misread in page text: brackets (intra-doc links), angle brackets
/// (HTML), headings and quotes at a line's start, and bare URLs (wrapped as autolinks). Text
/// between backticks is left as it is.
pub fn escape(text: &str) -> String {
    let spans: Vec<&str> = text.split('`').collect();
    let balanced = spans.len() % 2 == 1;
    let mut out = String::with_capacity(text.len() + 8);
    for (i, span) in spans.iter().enumerate() {
        if i > 0 {
            out.push_str(if balanced { "`" } else { "\\`" });
        }
        if balanced && i % 2 == 1 {
            out.push_str(span);
        } else {
            escape_prose(span, &mut out);
        }
    }
    if out.starts_with(['#', '>', '+', '=']) {
        out.insert(0, '\\');
    }
    out
}

fn escape_prose(text: &str, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        let url_at = ["https://", "http://"]
            .iter()
            .filter_map(|scheme| rest.find(scheme))
            .min();
        let (prose, url) = match url_at {
            Some(at) => (&rest[..at], Some(&rest[at..])),
            None => (rest, None),
        };
        for c in prose.chars() {
            match c {
                '[' | ']' | '<' | '>' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        rest = match url {
            Some(url) => {
                let end = url
                    .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
                    .unwrap_or(url.len());
                let mut link = &url[..end];
                while link.ends_with(['.', ',', ';', ':', ')', ']']) {
                    link = &link[..link.len() - 1];
                }
                out.push('<');
                out.push_str(link);
                out.push('>');
                &url[link.len()..]
            }
            None => "",
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(escape("see [here] <b>"), "see \\[here\\] \\<b\\>");
        assert_eq!(escape("`Array<Goods>` or <x>"), "`Array<Goods>` or \\<x\\>");
        assert_eq!(
            escape("Go to https://docs.antom.com/x.md. Then"),
            "Go to <https://docs.antom.com/x.md>. Then"
        );
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("a ` b"), "a \\` b");
    }

    #[test]
    fn paragraphs_become_doc_lines() {
        let tokens = attrs(&["One.\n   Two.", "", "Three."]).to_string();
        assert_eq!(
            tokens,
            quote! {
                #[doc = " One."] #[doc = " Two."] #[doc = ""] #[doc = " Three."]
            }
            .to_string()
        );
    }
}
