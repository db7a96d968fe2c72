//! Page text as rustdoc: one `#[doc]` per line, Markdown-safe.

use proc_macro2::{Literal, TokenStream};
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
            if line.is_empty() {
                lines.push(String::new());
            } else if line.starts_with('|') {
                // A table row: Markdown reads a table only when each row is one line.
                lines.push(format!(" {}", escape(line)));
            } else {
                lines.extend(
                    wrap(&escape(line), WIDTH)
                        .into_iter()
                        .map(|l| format!(" {l}")),
                );
            }
        }
    }
    // No run of blank lines, no blank line at the end.
    lines.dedup_by(|a, b| a.is_empty() && b.is_empty());
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let lines = lines.iter().map(|line| raw_string(line));
    quote! { #( #[doc = #lines] )* }
}

/// Page text (a doc line, an example's JSON) as a string literal holding it verbatim: raw
/// (`r"…"`, with as many `#` as it needs) wherever a raw string can hold it. The formatter reads
/// a raw string back as it is, where a quoted one is escaped here and unescaped there character
/// by character; a doc line comes out as the same `///` line either way.
pub fn raw_string(text: &str) -> Literal {
    // A raw string cannot hold a carriage return; the page's lines never end in one, but a
    // stray one inside a line stays representable.
    if text.contains('\r') {
        return Literal::string(text);
    }
    // One `#` more than the longest run of them after a quote, so that none closes it early.
    let mut hashes = 0;
    let mut run = None;
    for b in text.bytes() {
        run = match (b, run) {
            (b'"', _) => Some(1),
            (b'#', Some(n)) => Some(n + 1),
            _ => None,
        };
        hashes = hashes.max(run.unwrap_or(0));
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

/// The longest doc line, not counting `/// ` and the indentation.
const WIDTH: usize = 88;

/// Breaks a Markdown line at spaces into lines of at most `width` characters where possible:
/// never inside a code span, never before a word that would start a list item, heading or quote,
/// and with list items' continuation lines indented.
pub fn wrap(line: &str, width: usize) -> Vec<String> {
    let indent = if line.starts_with("- ") || line.starts_with("* ") {
        "  ".to_owned()
    } else if let Some((number, _)) = line.split_once(". ") {
        if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            " ".repeat(number.len() + 2)
        } else {
            String::new()
        }
    } else {
        String::new()
    };
    let mut lines = Vec::new();
    let mut current = String::new();
    // `current`'s length in characters.
    let mut length = 0;
    let mut in_code = false;
    for word in line.split(' ') {
        let risky_start = word.starts_with(['-', '#', '>', '+', '=', '*', '|'])
            || word
                .strip_suffix('.')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let word_length = word.chars().count();
        let fits = length + 1 + word_length <= width;
        if !current.is_empty()
            && !fits
            && !in_code
            && !risky_start
            && current.trim() != indent.trim()
        {
            lines.push(std::mem::take(&mut current));
            current.push_str(&indent);
            length = indent.len();
        } else if !current.is_empty() {
            current.push(' ');
            length += 1;
        }
        current.push_str(word);
        length += word_length;
        if word.bytes().filter(|&b| b == b'`').count() % 2 == 1 {
            in_code = !in_code;
        }
    }
    lines.push(current);
    lines
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
        let (prose, url) = match url_start(rest) {
            Some(at) => (&rest[..at], Some(&rest[at..])),
            None => (rest, None),
        };
        // What rustdoc would misread is ASCII: the text is copied in runs between such bytes.
        let mut run = 0;
        for (i, b) in prose.bytes().enumerate() {
            // `[` before and `]` after a code span: an intra-doc link the generator wrote.
            let link = (b == b'[' && i + 1 == prose.len()) || (b == b']' && i == 0);
            if matches!(b, b'[' | b']' | b'<' | b'>' | b'\\') && !link {
                out.push_str(&prose[run..i]);
                out.push('\\');
                run = i;
            }
        }
        out.push_str(&prose[run..]);
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

/// Where the first bare URL (`https://`, `http://`) of `text` starts.
fn url_start(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find("http") {
        let at = from + at;
        let scheme = &text[at + 4..];
        if scheme.starts_with("://") || scheme.starts_with("s://") {
            return Some(at);
        }
        from = at + 4;
    }
    None
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
        assert_eq!(escape("See [`Pay`]."), "See [`Pay`].");
        assert_eq!(escape("[a] é<b>é]"), "\\[a\\] é\\<b\\>é\\]");
        assert_eq!(
            escape("httpx http://a.b/c, https://d.e/[f]"),
            "httpx <http://a.b/c>, <https://d.e/[f>]"
        );
    }

    #[test]
    fn long_lines_wrap_outside_code_and_lists_keep_their_indent() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("a `b c d` e", 3), ["a", "`b c d`", "e"]);
        assert_eq!(wrap("- item one two", 8), ["- item", "  one", "  two"]);
        // A line never starts with something Markdown would read as a list item.
        assert_eq!(wrap("from 1 - 10", 6), ["from 1 -", "10"]);
    }

    #[test]
    fn page_text_is_a_raw_string_that_reads_back_as_written() {
        for text in [
            " plain",
            " a \"quote\"",
            " \"#tag\"## and \"#",
            "",
            " back\\slash",
            " cr\rhere",
        ] {
            let raw = raw_string(text);
            let read: syn::LitStr = syn::parse2(quote!(#raw)).expect("a string literal");
            assert_eq!(read.value(), text);
            assert_eq!(
                raw.to_string().starts_with('r'),
                !text.contains('\r'),
                "{raw}"
            );
        }
    }

    #[test]
    fn paragraphs_become_doc_lines() {
        let tokens = attrs(&["One.\n   Two.", "", "Three."]).to_string();
        assert_eq!(
            tokens,
            r##"# [doc = r" One."] # [doc = r" Two."] # [doc = r""] # [doc = r" Three."]"##
        );
    }
}
