//! Antom's phrasing: recognising its English sentences and its heading, range and endpoint syntax.
//!
//! A new way Antom words a value set, a fixed value, a note or a limit is taught here; the
//! modules that read sections call these functions and report what does not read.

use super::blocks::{self, Block, Inline, Item, Kind};
use crate::spec::{EnumValue, Type, ValueRange};

/// Parses `name (Type)` or `name (Type, REQUIRED)`; the error says what was expected.
pub(super) fn parse_heading(text: &str) -> Result<(String, Type, bool), String> {
    const EXPECTED: &str = "expected `name (Type)` or `name (Type, REQUIRED)`";
    let text = text.trim();
    let (Some(open), true) = (text.find('('), text.ends_with(')')) else {
        return Err(EXPECTED.to_owned());
    };
    let name = text[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("{EXPECTED} with a name made of letters and digits"));
    }
    let inner = &text[open + 1..text.len() - 1];
    // The type may hold commas of its own (`Map<String, T>`): the flags follow the last `>`.
    let flags_at = inner.rfind('>').map_or(0, |i| i + 1);
    let (ty, flags) = match inner[flags_at..].find(',') {
        Some(comma) => inner.split_at(flags_at + comma),
        None => (inner, ""),
    };
    let ty: Type = ty
        .parse()
        .map_err(|e: crate::spec::TypeError| e.to_string())?;
    let mut required = false;
    for flag in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
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

/// Whether `path` is an Antom API path: a version segment and at least one more, each of
/// letters, digits, `_` or `-` (`/v1/payments/pay`, `/v1/billing/invoice/create`). A
/// placeholder such as `/undefined` is not.
pub(super) fn is_antom_path(path: &str) -> bool {
    let mut segments = path.split('/');
    let version = |s: &str| {
        s.strip_prefix('v')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let name = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    segments.next() == Some("") && segments.next().is_some_and(version) && {
        let rest: Vec<&str> = segments.collect();
        !rest.is_empty() && rest.iter().all(|s| name(s))
    }
}

/// Whether the first sentence of `summary` says that Antom sends the page's message to the
/// merchant, as a notification's does: `Antom sends this notification ...`, `Antom calls this
/// API to tell the merchant ...`, `Antom calls your notification URL ...`, `Antom uses this API
/// to send you ...`, `This API is used by Antom to send ... to the merchant`.
pub(super) fn says_antom_sends(summary: &str) -> bool {
    let first = summary
        .split_once(". ")
        .map_or(summary, |(first, _)| first)
        .to_ascii_lowercase();
    let by_antom = [
        "antom sends ",
        "antom calls ",
        "antom uses this api to send",
        "antom notifies ",
    ]
    .iter()
    .any(|opening| first.starts_with(opening))
        || first.contains("used by antom to send")
        || first.contains("used by antom to notify");
    let to_the_merchant = [
        "notification",
        "this api",
        "this message",
        " you",
        "merchant",
    ]
    .iter()
    .any(|word| first.contains(word));
    by_antom && to_the_merchant
}

/// Whether a code line starts like an endpoint, with an HTTP method, so that a malformed one is
/// an error rather than description.
pub(super) fn looks_like_endpoint(code: &str) -> bool {
    let first = code.split_whitespace().next().unwrap_or_default();
    HTTP_METHODS.contains(&first.to_ascii_uppercase().as_str())
}

/// `Result process logic` or `Result processing logic`, as a paragraph or a heading, which
/// ends a parameter section.
pub(super) fn is_result_process_marker(block: &Block) -> bool {
    match &block.kind {
        Kind::Para(inlines) | Kind::Heading(_, inlines) => {
            let t = blocks::text(inlines);
            let t = t.trim_end_matches(':').trim();
            t.eq_ignore_ascii_case("result process logic")
                || t.eq_ignore_ascii_case("result processing logic")
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
    /// `Maximum size: 10 elements`; `None` when the size is no whole number.
    MaximumSize(Option<u32>),
    /// `Value range: 1 - unlimited`; `None` when the range does not read.
    ValueRange(Option<ValueRange>),
    /// `This field is an API idempotency field.`, with what the item says beyond that sentence
    /// (how Antom answers a repeated request), if anything.
    IdempotencyField(Option<String>),
    /// Anything else, which is a note.
    Other,
}

/// Recognises the text of one item of a `More information:` list.
pub(super) fn information(text: &str) -> Information {
    if let Some(rest) = text.strip_prefix("Maximum length:") {
        Information::MaximumLength(count(rest, "character"))
    } else if let Some(rest) = text.strip_prefix("Maximum size:") {
        Information::MaximumSize(count(rest, "element"))
    } else if let Some(rest) = text.strip_prefix("Value range:") {
        Information::ValueRange(parse_range(rest))
    } else if is_idempotency_field(text) {
        Information::IdempotencyField(without_idempotency(text))
    } else {
        Information::Other
    }
}

/// The whole number of `N characters` (or `N character`, or `N`) with `unit` `character`.
fn count(text: &str, unit: &str) -> Option<u32> {
    let text = text.trim().trim_end_matches('.').trim();
    let text = text.strip_suffix('s').unwrap_or(text);
    text.strip_suffix(unit).unwrap_or(text).trim().parse().ok()
}

/// Whether the text says its parameter is the idempotency key: `... is an API idempotency
/// field ...` (or `parameter`).
pub(super) fn is_idempotency_field(text: &str) -> bool {
    text.contains("API idempotency field") || text.contains("API idempotency parameter")
}

/// For a paragraph that ends by announcing a list of valid values (`... Valid values are:`,
/// `The valid value is:`, `Valid values include:`, `Valid values:`), the text before that
/// sentence.
pub(super) fn strip_valid_values(text: &str) -> Option<&str> {
    let body = text.trim_end().strip_suffix(':')?;
    let start = body.rfind(". ").map_or(0, |i| i + 2);
    let sentence = body[start..].trim().to_ascii_lowercase();
    let sentence = sentence.strip_prefix("the ").unwrap_or(&sentence);
    let rest = sentence
        .strip_prefix("valid values")
        .or_else(|| sentence.strip_prefix("valid value"))?;
    matches!(rest, "" | " are" | " is" | " include" | " includes").then(|| body[..start].trim_end())
}

/// `Some possible values are `A`, `B`, and `C`.`, opening the paragraph or any of its
/// sentences: the codes after its ` are `.
pub(super) fn open_values(inlines: &[Inline]) -> Option<Vec<String>> {
    let start = inlines.iter().position(|i| {
        matches!(i, Inline::Text(t) if t.starts_with("Some possible values")
            || t.contains(". Some possible values"))
    })?;
    let mut values = Vec::new();
    let mut started = false;
    for inline in &inlines[start..] {
        match inline {
            Inline::Text(t) if !started => {
                let from = t.find("Some possible values").unwrap_or(0);
                started = t[from..].contains(" are ") || t.ends_with(" are");
            }
            Inline::Code(c) if started => values.push(c.trim().to_owned()),
            Inline::Text(t) if started && is_list_separator(t) => {}
            _ if started => break,
            _ => {}
        }
    }
    (!values.is_empty()).then_some(values)
}

/// `... such as `VISA`, `MASTERCARD`, and `JCB`.`: two or more codes given as examples, an open
/// set.
pub(super) fn such_as_values(inlines: &[Inline]) -> Option<Vec<String>> {
    let start = inlines
        .iter()
        .position(|i| matches!(i, Inline::Text(t) if t.ends_with("such as ")))?;
    let mut values = Vec::new();
    for inline in &inlines[start + 1..] {
        match inline {
            Inline::Code(c) => values.push(c.trim().to_owned()),
            Inline::Text(t) if is_list_separator(t) => {}
            _ => break,
        }
    }
    (values.len() >= 2).then_some(values)
}

/// `The default value is `false`.`: the value the page says applies when the field is left out.
pub(super) fn default_value(inlines: &[Inline]) -> Option<String> {
    inlines.windows(3).find_map(|window| match window {
        [
            Inline::Text(before),
            Inline::Code(value),
            Inline::Text(after),
        ] if before.ends_with("The default value is ")
            && (after.starts_with('.') || after.trim().is_empty()) =>
        {
            Some(value.trim().to_owned())
        }
        _ => None,
    })
}

/// `Only `US`, `JP`, and `SG` are supported.`: a closed set without explanations.
pub(super) fn only_supported_values(inlines: &[Inline]) -> Option<Vec<EnumValue>> {
    let start = inlines
        .iter()
        .position(|i| matches!(i, Inline::Text(t) if t == "Only " || t.ends_with(". Only ")))?;
    let mut values = Vec::new();
    for inline in &inlines[start + 1..] {
        match inline {
            Inline::Code(c) => values.push(EnumValue {
                value: c.trim().to_owned(),
                description: String::new(),
            }),
            Inline::Text(t) if is_list_separator(t) => {}
            Inline::Text(t)
                if t.starts_with(" are supported") || t.starts_with(" is supported") =>
            {
                return (!values.is_empty()).then_some(values);
            }
            _ => return None,
        }
    }
    None
}

/// A lower bound or a range said in a sentence: `The value is `1` or greater.` (or `or more`),
/// `The value ranges from `2` to `12`.`
pub(super) fn range_in_words(inlines: &[Inline]) -> Option<ValueRange> {
    for window in inlines.windows(3) {
        if let [Inline::Text(before), Inline::Code(n), Inline::Text(after)] = window
            && before.ends_with("The value is ")
            && (after.starts_with(" or greater") || after.starts_with(" or more"))
        {
            return Some(ValueRange {
                min: n.trim().parse().ok()?,
                max: None,
            });
        }
    }
    for window in inlines.windows(4) {
        if let [
            Inline::Text(before),
            Inline::Code(a),
            Inline::Text(to),
            Inline::Code(b),
        ] = window
            && before.ends_with("The value ranges from ")
            && to == " to "
        {
            let (min, max) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            return (max >= min).then_some(ValueRange {
                min,
                max: Some(max),
            });
        }
    }
    None
}

/// `Up to 100 pairs can be specified in one request.`: the most elements of an array, said in a
/// sentence of its own.
pub(super) fn size_in_words(text: &str) -> Option<u32> {
    text.split(". ").find_map(|sentence| {
        let rest = sentence.trim().strip_prefix("Up to ")?;
        let (number, rest) = rest.split_once(' ')?;
        rest.contains(" can be ").then_some(())?;
        number.parse().ok()
    })
}

/// `, `, `, and `, ` or ` between listed values.
fn is_list_separator(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix(',').unwrap_or(t).trim();
    t.is_empty() || t == "and" || t == "or"
}

/// The phrasings Antom uses for a parameter with exactly one value, each followed by the value
/// in code: `The value of this parameter is fixed to `CARD`.` The words `fixed` and `always`
/// make the value fixed even after a condition (`For this notification, the value is always
/// `CAPTURE_RESULT`.`); a plain `The value is `X`.` must open its sentence.
const FIXED_PHRASES: &[&str] = &[
    "fixed to ",
    "fixed as ",
    "Always set this parameter to ",
    "Always set the value to ",
    "The value is always ",
    "the value is always ",
    "The value is ",
];

/// Whether the text after a fixed value ends its sentence: `.`, the paragraph's end, or a
/// clause about the value (`, which means ...`).
fn ends_fixed_value(after: &str) -> bool {
    after.starts_with('.')
        || after.trim().is_empty()
        || [", which ", ", that ", ", meaning "]
            .iter()
            .any(|clause| after.starts_with(clause))
}

/// The value after one of the [`FIXED_PHRASES`], ending the sentence or the paragraph.
pub(super) fn fixed_value(inlines: &[Inline]) -> Option<String> {
    for pair in inlines.windows(3) {
        if let [
            Inline::Text(before),
            Inline::Code(value),
            Inline::Text(after),
        ] = pair
            && FIXED_PHRASES.iter().any(|p| before.ends_with(p))
            && ends_fixed_value(after)
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

/// Whether every item of a list opens with a value in code followed by its meaning: a list of
/// values, which the page ought to announce (`Valid values are:`).
pub(super) fn looks_like_values(items: &[Item]) -> bool {
    !items.is_empty()
        && items.iter().all(|item| {
            matches!(item.blocks.first(), Some(Block { kind: Kind::Para(inlines), .. })
                if matches!(inlines.as_slice(), [Inline::Code(_), Inline::Text(t), ..] if t.starts_with(':')))
        })
}

/// For a list item that opens with a value in code, the value and its meaning (with any nested
/// list): `` `VALUE`: meaning ``, `` `VALUE` `` alone, `` `VALUE` (for Auto Debit only): meaning ``
/// (the parenthetical is kept in the meaning), or `` `VALUE` - meaning ``.
pub(super) fn lead_code(item: &Item) -> Option<(String, String)> {
    let (first, rest) = item.blocks.split_first()?;
    let Kind::Para(inlines) = &first.kind else {
        return None;
    };
    let (Inline::Code(value), remaining) = inlines.split_first()? else {
        return None;
    };
    let text = blocks::text(remaining);
    let (aside, text) = match text.strip_prefix('(').and_then(|t| t.split_once(')')) {
        Some((aside, after)) => (Some(aside.trim()), after.trim_start()),
        None => (None, text.as_str()),
    };
    let meaning = [":", "：", "- ", "– ", "— "]
        .iter()
        .find_map(|sep| text.strip_prefix(sep))
        .unwrap_or(text)
        .trim();
    let mut description = match aside {
        Some(aside) if meaning.is_empty() => format!("({aside})"),
        Some(aside) => format!("({aside}) {meaning}"),
        None => meaning.to_owned(),
    };
    let nested = blocks::render(rest);
    if !nested.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
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

/// A note without the sentence that calls its parameter an idempotency field, which the schema
/// says with `idempotency_key`; `None` when nothing else is left.
pub(super) fn without_idempotency(note: &str) -> Option<String> {
    let Some(at) = note.find("API idempotency") else {
        return Some(note.to_owned());
    };
    let start = note[..at].rfind(". ").map_or(0, |i| i + 2);
    let end = note[at..].find('.').map_or(note.len(), |i| at + i + 1);
    let rest = format!("{} {}", note[..start].trim(), note[end..].trim());
    let rest = rest.trim();
    (!rest.is_empty()).then(|| rest.to_owned())
}

/// A paragraph outside a `> ` block that is a note: `**Note**: text` (the text), or a bare
/// `Note:` or `Notes:` label for the list after it (an empty text).
pub(super) fn note_paragraph(text: &str) -> Option<&str> {
    let t = text.trim();
    ["Notes:", "Note:", "Notes：", "Note："]
        .iter()
        .find_map(|label| t.strip_prefix(label))
        .map(str::trim)
}

/// `Note: text` as `text`.
fn strip_note(text: &str) -> String {
    let t = text.trim();
    note_paragraph(t).unwrap_or(t).to_owned()
}

/// The phrasings that give an object the fields of another parameter instead of listing them,
/// each followed by that parameter's name or path: `Its child parameters are the same as those
/// of _merchantInfo.company_.`
const SAME_FIELDS_PHRASES: &[&str] = &[
    "child parameters are the same as those of ",
    "fields are the same as those of ",
];

/// The parameter whose fields the text says its parameter has, by name or dotted path.
pub(super) fn same_fields_as(text: &str) -> Option<String> {
    let rest = SAME_FIELDS_PHRASES
        .iter()
        .find_map(|phrase| text.split_once(phrase).map(|(_, rest)| rest))?;
    let target = rest.split_whitespace().next()?;
    let target = target.trim_end_matches(['.', ',', ';', ':']);
    (!target.is_empty()).then(|| target.to_owned())
}
