//! The `#`/`##` sections of a page: recognising each by its heading and handing it to its reader.

use super::Page;
use super::blocks::{self, Block, Kind};
use crate::spec::{Example, ExampleBody, Parameter, ResultCodeTable, ResultProcess};

/// The sections a page can have, recognised by their heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Structure,
    RequestParameters,
    ResponseParameters,
    ResultProcess,
    Codes,
    Example(ExampleBody),
    /// `More information`: notes about the API as a whole.
    MoreInformation,
}

impl Section {
    fn recognise(heading: &str) -> Option<Section> {
        let h = heading
            .trim()
            .trim_end_matches(':')
            .trim()
            .to_ascii_lowercase();
        Some(match h.as_str() {
            "structure" => Section::Structure,
            "request parameters" => Section::RequestParameters,
            "response parameters" => Section::ResponseParameters,
            "result process logic" | "result processing logic" => Section::ResultProcess,
            "more information" => Section::MoreInformation,
            _ if h.ends_with(" codes") => Section::Codes,
            _ if h.starts_with("request") => Section::Example(ExampleBody::Request),
            _ if h.starts_with("response") => Section::Example(ExampleBody::Response),
            _ => return None,
        })
    }
}

/// Whether `block` opens a section: a `#` or `##` heading.
pub(super) fn opens_section(block: &Block) -> bool {
    matches!(block.kind, Kind::Heading(1 | 2, _))
}

/// What the sections of a page say, gathered in page order.
#[derive(Default)]
pub(super) struct Sections {
    pub(super) request: Option<Vec<Parameter>>,
    pub(super) response: Option<Vec<Parameter>>,
    pub(super) result_process: Vec<ResultProcess>,
    pub(super) result_codes: Vec<ResultCodeTable>,
    /// Every example kept, with its body as parsed (once) when it was read.
    pub(super) examples: Vec<(Example, serde_json::Value)>,
    /// The text of each `More information` section, and of a `Result process logic` beyond its
    /// advice per status, as Markdown.
    pub(super) notes: Vec<String>,
}

impl Page<'_> {
    /// The sections of a page: `blocks` starts at the first section heading.
    pub(super) fn sections(&mut self, blocks: &[Block]) -> Sections {
        let mut found = Sections::default();
        let mut i = 0;
        while i < blocks.len() {
            let heading = &blocks[i];
            let end = blocks[i + 1..]
                .iter()
                .position(opens_section)
                .map_or(blocks.len(), |p| i + 1 + p);
            let body = &blocks[i + 1..end];
            i = end;
            self.section(heading, body, &mut found);
        }
        found
    }

    /// One section: its heading, and the blocks up to the next section.
    fn section(&mut self, heading: &Block, body: &[Block], found: &mut Sections) {
        let Kind::Heading(level, inlines) = &heading.kind else {
            return;
        };
        let name = blocks::text(inlines);
        let Some(section) = Section::recognise(&name) else {
            self.error(
                heading.line,
                format!(
                    "found section `{} {name}`: expected one of `Structure`, `Request parameters`, \
                     `Response parameters`, `Result process logic`, `... codes`, `Request`, `Response`, \
                     `More information`",
                    "#".repeat(*level)
                ),
            );
            return;
        };
        match section {
            Section::Structure => {}
            Section::RequestParameters | Section::ResponseParameters => {
                self.parameter_section(section, &name, heading.line, body, found);
            }
            Section::ResultProcess => self.result_process_section(body, found),
            Section::Codes => {
                if let Some(table) = self.codes(&name, heading.line, body) {
                    found.result_codes.push(table);
                }
            }
            Section::Example(which) => {
                self.examples(which, &name, heading.line, body, &mut found.examples)
            }
            Section::MoreInformation => {
                let text = blocks::render(body);
                if !text.is_empty() {
                    found.notes.push(text);
                }
            }
        }
    }

    /// A `Request parameters` or `Response parameters` section, allowed once per page, and the
    /// `Result process logic` that may follow its parameters.
    fn parameter_section(
        &mut self,
        section: Section,
        name: &str,
        line: usize,
        body: &[Block],
        found: &mut Sections,
    ) {
        let (params, after) = self.parameters(body);
        let slot = if section == Section::RequestParameters {
            &mut found.request
        } else {
            &mut found.response
        };
        if slot.is_some() {
            self.error(
                line,
                format!("found a second `{name}` section: expected it once per page"),
            );
        } else {
            *slot = Some(params);
        }
        if let Some(after) = after {
            self.result_process_section(after, found);
        }
    }

    /// The `Result process logic`, as a section or after the response parameters.
    fn result_process_section(&mut self, body: &[Block], found: &mut Sections) {
        let (advice, note) = self.result_process(body);
        found.result_process.extend(advice);
        found.notes.extend(note);
    }
}
