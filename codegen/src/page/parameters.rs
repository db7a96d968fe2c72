//! Parameter sections: the headings, and each parameter's description, notes, values and limits.

use super::Page;
use super::blocks::{self, Block, Inline, Item, Kind};
use super::phrases::{self, Information};
use super::tree::{PARAMETER_LEVEL, Tree};
use crate::spec::{EnumValue, Parameter, Type, Values};

/// What the body of a parameter adds up to while it is read.
#[derive(Default)]
struct Body {
    /// The paragraphs and lists of the description.
    description: Vec<String>,
    /// The line of `Maximum length`, if any.
    max_length_line: Option<usize>,
}

impl Page<'_> {
    /// A `Request parameters` or `Response parameters` section. Returns the parameters and,
    /// when the section goes on with a `Result process logic` paragraph, the blocks after it.
    pub(super) fn parameters<'b>(
        &mut self,
        blocks: &'b [Block],
    ) -> (Vec<Parameter>, Option<&'b [Block]>) {
        let mut tree = Tree::default();
        let mut after = None;
        let mut i = 0;
        let mut warned_stray = false;
        while i < blocks.len() {
            let block = &blocks[i];
            match &block.kind {
                _ if phrases::is_result_process_marker(block) => {
                    after = Some(&blocks[i + 1..]);
                    break;
                }
                Kind::Heading(level, inlines) => {
                    let end = blocks[i + 1..]
                        .iter()
                        .position(|b| {
                            matches!(b.kind, Kind::Heading(..))
                                || phrases::is_result_process_marker(b)
                        })
                        .map_or(blocks.len(), |p| i + 1 + p);
                    let body = &blocks[i + 1..end];
                    i = end;
                    let text = blocks::text(inlines);
                    self.parameter(&mut tree, block.line, *level, &text, body);
                }
                _ => {
                    if !warned_stray && !matches!(block.kind, Kind::Other(_)) {
                        warned_stray = true;
                        self.warn(
                            block.line,
                            format!(
                                "found {} before the first parameter of the section; it is ignored",
                                block.kind.describe()
                            ),
                        );
                    }
                    i += 1;
                }
            }
        }
        let mut params = tree.finish(self);
        self.resolve_same_fields(&mut params);
        (params, after)
    }

    /// The parameter heading `text` of `level` at `line` and the blocks under it, added to
    /// `tree`.
    fn parameter(
        &mut self,
        tree: &mut Tree,
        line: usize,
        level: usize,
        text: &str,
        body: &[Block],
    ) {
        if level < PARAMETER_LEVEL {
            self.error(
                line,
                format!(
                    "found `{} {text}`: expected a parameter heading of level {PARAMETER_LEVEL} or deeper, such as `#### name (String, REQUIRED)`",
                    "#".repeat(level)
                ),
            );
            return;
        }
        match phrases::parse_heading(text) {
            Ok((name, ty, required)) => {
                let mut param = Parameter::new(name, ty, required, line);
                let max_length_line = self.parameter_body(&mut param, body);
                tree.push(self, level, param, max_length_line);
            }
            Err(expected) => {
                self.error(
                    line,
                    format!(
                        "found parameter heading `{} {text}`: {expected}",
                        "#".repeat(level)
                    ),
                );
                tree.push_unreadable(self, level, line);
            }
        }
    }

    /// The blocks under a parameter heading. Returns the line of `Maximum length`, if any.
    fn parameter_body(&mut self, param: &mut Parameter, blocks: &[Block]) -> Option<usize> {
        let mut body = Body::default();
        let mut i = 0;
        while i < blocks.len() {
            let block = &blocks[i];
            i += 1;
            match &block.kind {
                Kind::Para(inlines) => {
                    let list = match blocks.get(i) {
                        Some(Block {
                            kind: Kind::List(items),
                            ..
                        }) => Some(items.as_slice()),
                        _ => None,
                    };
                    if self.paragraph(param, block.line, inlines, list, &mut body) {
                        i += 1;
                    }
                }
                Kind::Quote(inner) => {
                    for note in phrases::notes(inner) {
                        if phrases::is_idempotency_field(&note) {
                            param.idempotency_key = true;
                        }
                        param.notes.extend(phrases::without_idempotency(&note));
                    }
                }
                Kind::List(items) if phrases::looks_like_values(items) => {
                    self.warn(
                        block.line,
                        format!(
                            "`{}` lists values with no `Valid values are:` before them; they are kept as description, not as a closed set",
                            param.name
                        ),
                    );
                    body.description.push(blocks::render(std::slice::from_ref(block)));
                }
                // Lists and tables are kept as Markdown, which rustdoc renders.
                Kind::List(_) | Kind::Table(_) => body
                    .description
                    .push(blocks::render(std::slice::from_ref(block))),
                Kind::Code(..) | Kind::Heading(..) => self.error(
                    block.line,
                    format!(
                        "found {} in the description of `{}`: expected text, lists, tables and notes",
                        block.kind.describe(),
                        param.name
                    ),
                ),
                Kind::Other(_) => {}
            }
        }
        param.description = body.description.join("\n\n");
        body.max_length_line
    }

    /// A paragraph at `line` of a parameter's body; `list` is the list right after it, if any.
    /// Returns whether the paragraph took that list (`More information:`, `Valid values are:`).
    fn paragraph(
        &mut self,
        param: &mut Parameter,
        line: usize,
        inlines: &[Inline],
        list: Option<&[Item]>,
        body: &mut Body,
    ) -> bool {
        let text = blocks::text(inlines);
        if phrases::is_more_information(&text) {
            for item in list.unwrap_or_default() {
                if let Some(line) = self.more_information(param, item) {
                    body.max_length_line = Some(line);
                }
            }
            return list.is_some();
        }
        if let Some(note) = phrases::note_paragraph(&text) {
            match list {
                Some(items) if note.is_empty() => {
                    param.notes.extend(
                        items
                            .iter()
                            .map(|item| blocks::render(&item.blocks))
                            .filter(|n| !n.is_empty()),
                    );
                    return true;
                }
                _ if !note.is_empty() => param.notes.push(note.to_owned()),
                _ => {}
            }
            return false;
        }
        if phrases::is_idempotency_field(&text) {
            param.idempotency_key = true;
        }
        if let Some(before) = phrases::strip_valid_values(&text) {
            if !before.is_empty() {
                body.description.push(before.to_owned());
            }
            match list {
                Some(items) => {
                    let values = self.closed_values(items);
                    set_values(param, Values::Closed(values));
                }
                None => self.error(
                    line,
                    format!(
                        "found `{text}` for `{}` with no list after it: expected a list of `` `VALUE`: meaning `` items",
                        param.name
                    ),
                ),
            }
            return list.is_some();
        }
        if let Some(values) = phrases::open_values(inlines) {
            set_values(param, Values::Open(values));
        } else if let Some(value) = phrases::fixed_value(inlines) {
            set_values(param, Values::Fixed(value));
        } else if let Some(values) = phrases::one_of_values(inlines) {
            set_values(param, Values::Closed(values));
        } else if let Some(values) = phrases::only_supported_values(inlines) {
            set_values(param, Values::Closed(values));
        } else if let Some(values) = phrases::such_as_values(inlines) {
            set_values(param, Values::Open(values));
        }
        if param.default.is_none() {
            param.default = phrases::default_value(inlines);
        }
        if param.range.is_none() {
            param.range = phrases::range_in_words(inlines);
        }
        if param.same_as.is_none() {
            param.same_as = phrases::same_fields_as(&text);
        }
        if param.max_items.is_none() && matches!(param.ty, Type::Array(_)) {
            param.max_items = phrases::size_in_words(&text);
        }
        body.description.push(text);
        false
    }

    /// One item of a `More information:` list. Returns the line when it is a maximum length.
    fn more_information(&mut self, param: &mut Parameter, item: &Item) -> Option<usize> {
        let text = blocks::render(&item.blocks);
        match phrases::information(&text) {
            Information::MaximumLength(Some(n)) => {
                param.max_length = Some(n);
                return Some(item.line);
            }
            Information::MaximumLength(None) => self.error(
                item.line,
                format!("found `{text}`: expected `Maximum length: N characters` with a whole number N"),
            ),
            Information::MaximumSize(Some(n)) => param.max_items = Some(n),
            Information::MaximumSize(None) => self.error(
                item.line,
                format!("found `{text}`: expected `Maximum size: N elements` with a whole number N"),
            ),
            Information::ValueRange(Some(range)) => param.range = Some(range),
            Information::ValueRange(None) => self.error(
                item.line,
                format!("found `{text}`: expected `Value range: MIN - MAX` with whole numbers, MAX possibly `unlimited`"),
            ),
            Information::IdempotencyField(rest) => {
                param.idempotency_key = true;
                param.notes.extend(rest);
            }
            Information::Other if !text.is_empty() => param.notes.push(text),
            Information::Other => {}
        }
        None
    }

    /// The list after `Valid values are:`.
    fn closed_values(&mut self, items: &[Item]) -> Vec<EnumValue> {
        let mut values = Vec::with_capacity(items.len());
        for item in items {
            match phrases::lead_code(item) {
                Some((value, rest)) => values.push(EnumValue {
                    value,
                    description: rest,
                }),
                None => self.error(
                    item.line,
                    format!(
                        "found value `{}`: expected `` `VALUE`: meaning `` or `` `VALUE` ``",
                        blocks::render(&item.blocks)
                    ),
                ),
            }
        }
        values
    }
}

/// Sets the values of `param` unless an earlier paragraph already did.
fn set_values(param: &mut Parameter, values: Values) {
    if param.values.is_none() {
        param.values = Some(values);
    }
}
