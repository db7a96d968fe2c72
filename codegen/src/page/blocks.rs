//! The first pass: CommonMark events into a small tree of blocks, each with its line.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// A run of inline content, reduced to what the schema keeps: text and code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Inline {
    /// Text, with emphasis and link markup already dropped (link text is kept).
    Text(String),
    /// The content of a code span, without the backticks.
    Code(String),
    /// A soft line break (a space when rendered).
    Soft,
    /// A hard line break.
    Hard,
}

/// A block and the 1-based line where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    pub line: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// A heading of any level, including `#######` and deeper, which CommonMark reads as a
    /// paragraph.
    Heading(usize, Vec<Inline>),
    Para(Vec<Inline>),
    List(Vec<Item>),
    /// A blockquote (`> **Note**: ...`).
    Quote(Vec<Block>),
    /// A code block: info string and content.
    Code(String, String),
    /// A table; the first row is the header.
    Table(Vec<Row>),
    /// HTML blocks and rules, which carry nothing the schema keeps.
    Other(&'static str),
}

impl Kind {
    /// A short description for diagnostics: "a paragraph `The ...`".
    pub fn describe(&self) -> String {
        match self {
            Kind::Heading(level, inlines) => format!(
                "heading `{} {}`",
                "#".repeat(*level),
                excerpt(&text(inlines))
            ),
            Kind::Para(inlines) => format!("paragraph `{}`", excerpt(&text(inlines))),
            Kind::List(_) => "a list".to_owned(),
            Kind::Quote(_) => "a `> ` note".to_owned(),
            Kind::Code(..) => "a code block".to_owned(),
            Kind::Table(_) => "a table".to_owned(),
            Kind::Other(what) => (*what).to_owned(),
        }
    }
}

/// The first 60 characters of `text`, for messages.
fn excerpt(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}...")
    } else {
        head
    }
}

/// A list item and the line of its marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Item {
    pub line: usize,
    /// The item's number in an ordered list (`1.`), `None` in a bullet list.
    pub number: Option<u64>,
    pub blocks: Vec<Block>,
}

/// A table row and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Row {
    pub line: usize,
    pub cells: Vec<Vec<Inline>>,
}

/// Reads `text` into blocks.
pub(super) fn read(text: &str) -> Vec<Block> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(text, Options::ENABLE_TABLES)
        .into_offset_iter()
        .collect();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut reader = Reader {
        events,
        pos: 0,
        line_starts,
    };
    let mut blocks = Vec::new();
    // A stray end event at the top level (not expected) must not stop the reading.
    while reader.pos < reader.events.len() {
        blocks.extend(reader.blocks());
        reader.pos += 1;
    }
    blocks
}

struct Reader<'a> {
    events: Vec<(Event<'a>, Range<usize>)>,
    pos: usize,
    line_starts: Vec<usize>,
}

fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

impl Reader<'_> {
    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    fn line_at(&self, pos: usize) -> usize {
        self.events
            .get(pos)
            .map_or_else(|| self.line_starts.len(), |(_, r)| self.line(r.start))
    }

    /// Reads blocks until the end event of the enclosing container, which it consumes
    /// (or until the events run out).
    fn blocks(&mut self) -> Vec<Block> {
        let mut out = Vec::new();
        // Inline content outside a paragraph (the text of a tight list item).
        let mut loose: Vec<Inline> = Vec::new();
        let mut loose_line = 0;
        while self.pos < self.events.len() {
            let line = self.line_at(self.pos);
            let event = self.events[self.pos].0.clone();
            match event {
                Event::Start(tag) if is_inline_tag(&tag) => self.pos += 1,
                Event::End(tag) if is_inline_end(&tag) => self.pos += 1,
                Event::End(_) => {
                    self.pos += 1;
                    break;
                }
                Event::Start(tag) => {
                    flush(&mut loose, loose_line, &mut out);
                    self.pos += 1;
                    self.block(tag, line, &mut out);
                }
                Event::Rule => {
                    flush(&mut loose, loose_line, &mut out);
                    self.pos += 1;
                    out.push(Block {
                        line,
                        kind: Kind::Other("a rule"),
                    });
                }
                other => {
                    self.pos += 1;
                    if let Some(inline) = inline(other) {
                        if loose.is_empty() {
                            loose_line = line;
                        }
                        loose.push(inline);
                    }
                }
            }
        }
        flush(&mut loose, loose_line, &mut out);
        out
    }

    /// Reads the block that `tag` (already consumed) starts.
    fn block(&mut self, tag: Tag<'_>, line: usize, out: &mut Vec<Block>) {
        match tag {
            Tag::Paragraph => {
                let inlines = self.inlines();
                push_paragraph(inlines, line, out);
            }
            Tag::Heading { level, .. } => {
                let inlines = self.inlines();
                out.push(Block {
                    line,
                    kind: Kind::Heading(level as usize, inlines),
                });
            }
            Tag::BlockQuote(_) => {
                let inner = self.blocks();
                out.push(Block {
                    line,
                    kind: Kind::Quote(inner),
                });
            }
            Tag::CodeBlock(kind) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let content = self.code();
                out.push(Block {
                    line,
                    kind: Kind::Code(info, content),
                });
            }
            Tag::List(start) => {
                let items = self.items(start);
                out.push(Block {
                    line,
                    kind: Kind::List(items),
                });
            }
            Tag::Table(_) => {
                let rows = self.rows();
                out.push(Block {
                    line,
                    kind: Kind::Table(rows),
                });
            }
            Tag::HtmlBlock => {
                self.skip_to_end();
                out.push(Block {
                    line,
                    kind: Kind::Other("an HTML block"),
                });
            }
            // Containers whose content is kept as ordinary blocks.
            _ => out.extend(self.blocks()),
        }
    }

    /// Reads the text of a code block up to its end, which it consumes.
    fn code(&mut self) -> String {
        let mut content = String::new();
        while let Some((event, _)) = self.events.get(self.pos) {
            self.pos += 1;
            match event {
                Event::Text(t) => content.push_str(t),
                Event::End(_) => break,
                _ => {}
            }
        }
        content
    }

    /// Reads the items of a list up to its end, which it consumes.
    fn items(&mut self, start: Option<u64>) -> Vec<Item> {
        let mut items = Vec::new();
        while let Some((event, _)) = self.events.get(self.pos) {
            match event {
                Event::Start(Tag::Item) => {
                    let item_line = self.line_at(self.pos);
                    self.pos += 1;
                    let blocks = self.blocks();
                    let number = start.map(|n| n + items.len() as u64);
                    items.push(Item {
                        line: item_line,
                        number,
                        blocks,
                    });
                }
                Event::End(_) => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        items
    }

    /// Reads the rows of a table, the header row first, up to its end, which it consumes.
    fn rows(&mut self) -> Vec<Row> {
        let mut rows = Vec::new();
        while let Some((event, _)) = self.events.get(self.pos) {
            match event {
                Event::Start(Tag::TableHead | Tag::TableRow) => {
                    let row_line = self.line_at(self.pos);
                    self.pos += 1;
                    let cells = self.cells();
                    rows.push(Row {
                        line: row_line,
                        cells,
                    });
                }
                Event::End(TagEnd::Table) => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        rows
    }

    /// Skips to the end event of the current container (nesting-aware) and consumes it.
    fn skip_to_end(&mut self) {
        let mut depth = 0usize;
        while let Some((event, _)) = self.events.get(self.pos) {
            self.pos += 1;
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                _ => {}
            }
        }
    }

    /// Reads the cells of a table row up to its end, which it consumes.
    fn cells(&mut self) -> Vec<Vec<Inline>> {
        let mut cells = Vec::new();
        while let Some((event, _)) = self.events.get(self.pos) {
            match event {
                Event::Start(Tag::TableCell) => {
                    self.pos += 1;
                    cells.push(self.inlines());
                }
                Event::End(_) => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        cells
    }

    /// Reads inline content up to the end of the enclosing block, which it consumes.
    fn inlines(&mut self) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some((event, _)) = self.events.get(self.pos) {
            match event {
                Event::Start(tag) if is_inline_tag(tag) => self.pos += 1,
                Event::End(tag) if is_inline_end(tag) => self.pos += 1,
                Event::End(_) => {
                    self.pos += 1;
                    break;
                }
                // A block inside inline content cannot happen in CommonMark; leave it to the caller.
                Event::Start(_) => break,
                other => {
                    let other = other.clone();
                    self.pos += 1;
                    out.extend(inline(other));
                }
            }
        }
        out
    }
}

fn inline(event: Event<'_>) -> Option<Inline> {
    Some(match event {
        Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => Inline::Text(t.to_string()),
        Event::Code(c) => Inline::Code(c.to_string()),
        Event::SoftBreak => Inline::Soft,
        Event::HardBreak => Inline::Hard,
        _ => return None,
    })
}

fn flush(loose: &mut Vec<Inline>, line: usize, out: &mut Vec<Block>) {
    if !loose.is_empty() {
        push_paragraph(std::mem::take(loose), line, out);
    }
}

/// Pushes a paragraph, turning a leading `####### name (Type)` line into a heading.
fn push_paragraph(inlines: Vec<Inline>, line: usize, out: &mut Vec<Block>) {
    let deep = match inlines.first() {
        Some(Inline::Text(t)) => {
            let hashes = t.bytes().take_while(|&b| b == b'#').count();
            let after = t.as_bytes().get(hashes);
            (hashes > 6 && matches!(after, None | Some(b' ' | b'\t'))).then_some(hashes)
        }
        _ => None,
    };
    let Some(level) = deep else {
        out.push(Block {
            line,
            kind: Kind::Para(inlines),
        });
        return;
    };
    let split = inlines
        .iter()
        .position(|i| matches!(i, Inline::Soft | Inline::Hard))
        .unwrap_or(inlines.len());
    let mut head: Vec<Inline> = inlines[..split].to_vec();
    if let Some(Inline::Text(t)) = head.first_mut() {
        *t = t[level..].trim_start().to_owned();
    }
    // An ATX heading may end with a closing run of `#`.
    if let Some(Inline::Text(t)) = head.last_mut() {
        let trimmed = t.trim_end();
        let stripped = trimmed.trim_end_matches('#');
        if stripped.len() < trimmed.len()
            && (stripped.is_empty() || stripped.ends_with([' ', '\t']))
        {
            *t = stripped.to_owned();
        }
    }
    out.push(Block {
        line,
        kind: Kind::Heading(level, head),
    });
    let rest: Vec<Inline> = inlines.get(split + 1..).unwrap_or_default().to_vec();
    if !rest.is_empty() {
        out.push(Block {
            line: line + 1,
            kind: Kind::Para(rest),
        });
    }
}

/// The clean text of inline content: code without backticks, soft breaks as spaces, trimmed.
pub(super) fn text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => s.push_str(t),
            Inline::Soft => s.push(' '),
            Inline::Hard => s.push('\n'),
        }
    }
    let lines: Vec<&str> = s.lines().map(str::trim).collect();
    lines.join("\n").trim().to_owned()
}

/// The clean text of blocks: paragraphs separated by blank lines, list items as `- item`.
pub(super) fn render(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for block in blocks {
        let part = match &block.kind {
            Kind::Heading(_, inlines) | Kind::Para(inlines) => text(inlines),
            Kind::Quote(inner) => render(inner),
            Kind::List(items) => items
                .iter()
                .map(|item| {
                    let marker = match item.number {
                        Some(n) => format!("{n}. "),
                        None => "- ".to_owned(),
                    };
                    let indent = " ".repeat(marker.len());
                    let body = render(&item.blocks);
                    let mut lines = body.lines().filter(|l| !l.is_empty());
                    let mut s = format!("{marker}{}", lines.next().unwrap_or_default());
                    for l in lines {
                        s.push('\n');
                        s.push_str(&indent);
                        s.push_str(l);
                    }
                    s
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Kind::Code(_, code) => code.trim_end().to_owned(),
            Kind::Table(rows) => markdown_table(rows),
            Kind::Other(_) => String::new(),
        };
        if !part.is_empty() {
            parts.push(part);
        }
    }
    parts.join("\n\n")
}

/// A table as Markdown, so that rustdoc renders it: `| a | b |` rows, the header row followed
/// by its `| --- |` line, cells as clean text with `|` escaped.
fn markdown_table(rows: &[Row]) -> String {
    let mut lines = Vec::with_capacity(rows.len() + 1);
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| text(c).replace('\n', " ").replace('|', "\\|"))
            .collect();
        lines.push(format!("| {} |", cells.join(" | ")));
        if i == 0 {
            lines.push(format!("|{}", " --- |".repeat(cells.len().max(1))));
        }
    }
    lines.join("\n")
}
