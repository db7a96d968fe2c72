//! Antom's phrasing: recognising its English sentences and its heading, range and endpoint syntax.
//!
//! A new way Antom words a value set, a fixed value, a note or a limit is taught here; the
//! modules that read sections call these functions and report what does not read.

use super::blocks::{self, Block, Inline, Item, Kind};
use crate::spec::{EnumValue, Type, ValueRange};

/// Parses `name (Type)` or `name (Type, REQUIRED)`.
pub(super) fn parse_heading(text: &str) -> Result<(String, Type, bool), String> {
    const EXPECTED: &str = "`name (Type)` or `name (Type, REQUIRED)`";
    let text = text.trim();
    let (Some(open), true) = (text.find('('), text.ends_with(')')) else {
        return Err(EXPECTED.to_owned());
    };
    let name = text[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("{EXPECTED} with a name made of letters and digits"));
    }
    let inner = &text[open + 1..text.len() - 1];
    let mut parts = inner.split(',').map(str::trim);
    let ty = parts.next().unwrap_or_default();
    let ty: Type = ty
        .parse()
        .map_err(|e: crate::spec::TypeError| e.to_string())?;
    let mut required = false;
    for flag in parts {
        if flag.eq_ignore_ascii_case("required") {
            required = true;
        } else {
            return Err(format!("{EXPECTED}; `{flag}` is not `REQUIRED`"));
        }
    }
    Ok((name.to_owned(), ty, required))
}

/// Parses `MIN - MAX` of `Value range: MIN - MAX`.
pub(super) fn parse_range(text: &str) -> Option<ValueRange> {
    let text = text.trim().trim_end_matches('.');
    // Split at the dash between two numbers; MIN itself may start with a minus sign.
    let (min, max) = text
        .split_once(" - ")
        .or_else(|| text.split_once(" – "))
        .or_else(|| text.split_once('–'))?;
    let min = min.trim().parse().ok()?;
    let max = max.trim();
    let max = if max.eq_ignore_ascii_case("unlimited") {
        None
    } else {
        Some(max.parse().ok()?)
    };
    if max.is_some_and(|m| m < min) {
        return None;
    }
    Some(ValueRange { min, max })
}

/// `POST /v1/...` as method and path.
pub(super) fn parse_endpoint(code: &str) -> Option<(String, String)> {
    let mut words = code.split_whitespace();
    let (method, path) = (words.next()?, words.next()?);
    if words.next().is_some()
        || !HTTP_METHODS.contains(&method)
        || !path.starts_with('/')
        || path.contains(char::is_control)
    {
        return None;
    }
    Some((method.to_owned(), path.to_owned()))
}

const HTTP_METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Whether a code line starts like an endpoint, with an HTTP method, so that a malformed one is
/// an error rather than description.
pub(super) fn looks_like_endpoint(code: &str) -> bool {
    let first = code.split_whitespace().next().unwrap_or_default();
    HTTP_METHODS.contains(&first.to_ascii_uppercase().as_str())
}

/// `Result process logic`, as a paragraph or a heading, which ends a parameter section.
pub(super) fn is_result_process_marker(block: &Block) -> bool {
    match &block.kind {
        Kind::Para(inlines) | Kind::Heading(_, inlines) => {
            let t = blocks::text(inlines);
            t.trim_end_matches(':')
                .trim()
                .eq_ignore_ascii_case("result process logic")
        }
        _ => false,
    }
}

/// `More information:` or `More information about this field`, the label of a list of limits
/// and notes.
pub(super) fn is_more_information(text: &str) -> bool {
    let t = text.trim_end_matches(':').trim();
    t.eq_ignore_ascii_case("more information")
        || t.eq_ignore_ascii_case("more information about this field")
}

/// What one item of a `More information:` list says.
pub(super) enum Information {
    /// `Maximum length: 64 characters`; `None` when the length is no whole number.
    MaximumLength(Option<u32>),
    /// `Value range: 1 - unlimited`; `None` when the range does not read.
    ValueRange(Option<ValueRange>),
    /// `This field is an API idempotency field.`
    IdempotencyField,
    /// Anything else, which is a note.
    Other,
}

/// Recognises the text of one item of a `More information:` list.
pub(super) fn information(text: &str) -> Information {
    if let Some(rest) = text.strip_prefix("Maximum length:") {
        let number = rest
            .trim()
            .trim_end_matches('.')
            .trim_end_matches(" characters")
            .trim_end_matches(" character");
        Information::MaximumLength(number.parse::<u32>().ok())
    } else if let Some(rest) = text.strip_prefix("Value range:") {
        Information::ValueRange(parse_range(rest))
    } else if is_idempotency_field(text) {
        Information::IdempotencyField
    } else {
        Information::Other
    }
}

/// Whether the text says its parameter is the idempotency key: `... is an API idempotency
/// field ...`.
pub(super) fn is_idempotency_field(text: &str) -> bool {
    text.contains("API idempotency field")
}

/// For `... Valid values are:`, the text before the phrase.
pub(super) fn strip_valid_values(text: &str) -> Option<&str> {
    let t = text.trim_end();
    let stem = t.strip_suffix("Valid values are:")?;
    Some(stem.trim_end())
}

/// `Some possible values are `A`, `B`, and `C`.`: the codes after the first ` are `.
pub(super) fn open_values(text: &str, inlines: &[Inline]) -> Option<Vec<String>> {
    if !text.starts_with("Some possible values") {
        return None;
    }
    let mut values = Vec::new();
    let mut started = false;
    for inline in inlines {
        match inline {
            Inline::Text(t) if !started => started = t.contains(" are ") || t.ends_with(" are"),
            Inline::Code(c) if started => values.push(c.trim().to_owned()),
            Inline::Text(t) if started && is_list_separator(t) => {}
            _ if started => break,
            _ => {}
        }
    }
    (!values.is_empty()).then_some(values)
}

/// `, `, `, and `, ` or ` between listed values.
fn is_list_separator(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix(',').unwrap_or(t).trim();
    t.is_empty() || t == "and" || t == "or"
}

/// The phrasings Antom uses for a parameter with exactly one value, each followed by the value
/// in code: `The value of this parameter is fixed to `CARD`.`
const FIXED_PHRASES: &[&str] = &[
    "fixed to ",
    "Always set this parameter to ",
    "Always set the value to ",
    "The value is always ",
    "The value is ",
];

/// The value after one of the [`FIXED_PHRASES`], ending the sentence or the paragraph.
pub(super) fn fixed_value(inlines: &[Inline]) -> Option<String> {
    for pair in inlines.windows(3) {
        if let [
            Inline::Text(before),
            Inline::Code(value),
            Inline::Text(after),
        ] = pair
            && FIXED_PHRASES.iter().any(|p| before.ends_with(p))
            && (after.starts_with('.') || after.trim().is_empty())
        {
            return Some(value.trim().to_owned());
        }
    }
    if let [.., Inline::Text(before), Inline::Code(value)] = inlines
        && FIXED_PHRASES.iter().any(|p| before.ends_with(p))
    {
        return Some(value.trim().to_owned());
    }
    None
}

/// `The value is one of `1`, `4`, or `8``: a closed set without explanations.
pub(super) fn one_of_values(inlines: &[Inline]) -> Option<Vec<EnumValue>> {
    let start = inlines
        .iter()
        .position(|i| matches!(i, Inline::Text(t) if t.ends_with("The value is one of ")))?;
    let mut values = Vec::new();
    for inline in &inlines[start + 1..] {
        match inline {
            Inline::Code(c) => values.push(EnumValue {
                value: c.trim().to_owned(),
                description: String::new(),
            }),
            Inline::Text(t) if is_list_separator(t) => {}
            _ => break,
        }
    }
    (!values.is_empty()).then_some(values)
}

/// For a list item `` `VALUE`: meaning ``, the value and the meaning (with any nested list).
pub(super) fn lead_code(item: &Item) -> Option<(String, String)> {
    let (first, rest) = item.blocks.split_first()?;
    let Kind::Para(inlines) = &first.kind else {
        return None;
    };
    let mut iter = inlines.iter();
    let Some(Inline::Code(value)) = iter.next() else {
        return None;
    };
    let remaining: Vec<Inline> = iter.cloned().collect();
    let text = blocks::text(&remaining);
    let text = text.strip_prefix(':')?.trim();
    let mut description = text.to_owned();
    let nested = blocks::render(rest);
    if !nested.is_empty() {
        if !description.is_empty() {
            description.push('\n');
        }
        description.push_str(&nested);
    }
    Some((value.trim().to_owned(), description))
}

/// The notes of a `> ` block: its text without the `Note:` label, or, for a bare `Note:`
/// followed by a list, one note per item.
pub(super) fn notes(inner: &[Block]) -> Vec<String> {
    if let [
        first,
        Block {
            kind: Kind::List(items),
            ..
        },
    ] = inner
        && let Kind::Para(inlines) = &first.kind
        && strip_note(&blocks::text(inlines)).is_empty()
    {
        return items
            .iter()
            .map(|item| blocks::render(&item.blocks))
            .filter(|n| !n.is_empty())
            .collect();
    }
    let note = strip_note(&blocks::render(inner));
    if note.is_empty() {
        Vec::new()
    } else {
        vec![note]
    }
}

/// `Note: text` as `text`.
fn strip_note(text: &str) -> String {
    let t = text.trim();
    t.strip_prefix("Note:")
        .or_else(|| t.strip_prefix("Note："))
        .unwrap_or(t)
        .trim()
        .to_owned()
}
