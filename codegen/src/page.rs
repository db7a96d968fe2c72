//! Parsing an Antom Markdown API page into an [`ApiSpec`].
//!
//! The entry point is [`parse_page`]. Parsing happens in two passes:
//!
//! 1. `blocks` turns the CommonMark events of pulldown-cmark into a small tree of
//!    blocks (headings, paragraphs, lists, notes, code blocks, tables), each with its line.
//!    Headings deeper than six levels, which Antom writes as `#######` and CommonMark reads as
//!    paragraphs, become headings again here.
//! 2. This module walks those blocks in page order: the title, the summary and endpoint, then
//!    one section per `#`/`##` heading (`Request parameters`, `Response parameters`,
//!    `Result/Error codes` and other code tables, `Request`/`Response` examples).
//!
//! Documentation bugs the parser can work around are warnings; anything it cannot understand is
//! an error naming the line, what it found and what it expected. Every error of a page is
//! reported, not only the first, and no input makes the parser panic.

mod blocks;

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::spec::{
    ApiKind, ApiSpec, Endpoint, EnumValue, Example, ExampleBody, Parameter, Policy, ResultCode,
    ResultCodeTable, ResultProcess, ResultStatus, Type, ValueRange, Values,
};
use blocks::{Block, Inline, Item, Kind};

/// Whether `path` names an API page: a `.md` file other than a `README.md`.
///
/// `spec/` holds the pages and a `README.md` that documents the schema, so that
/// `antom-codegen parse spec/*.md` (and whatever else globs `spec/*.md`) uses this to skip the
/// README.
pub fn is_api_page(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        && !path
            .file_name()
            .is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
}

/// A page parsed without errors: its schema and the warnings about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The schema of the page's API.
    pub spec: ApiSpec,
    /// Documentation bugs the parser worked around, in line order.
    pub warnings: Vec<Diagnostic>,
}

/// Parses the Antom API page `text`; `file` names the page in diagnostics; `policy` is
/// `spec/policy.yaml`.
///
/// On success, returns the schema and the warnings. On failure, returns every diagnostic of the
/// page (errors and warnings, in line order; at least one is an error). `spec.source` is the
/// file name part of `file`.
pub fn parse_page(text: &str, file: &str, policy: &Policy) -> Result<Parsed, Vec<Diagnostic>> {
    let mut page = Page {
        file,
        policy,
        diagnostics: Vec::new(),
    };
    let blocks = blocks::read(text);
    let spec = page.parse(&blocks);
    let mut diagnostics = page.diagnostics;
    diagnostics.sort_by_key(|d| d.line);
    match spec {
        Some(spec) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Parsed {
            spec,
            warnings: diagnostics,
        }),
        _ => Err(diagnostics),
    }
}

/// The state of parsing one page: where diagnostics go.
struct Page<'f> {
    file: &'f str,
    policy: &'f Policy,
    diagnostics: Vec<Diagnostic>,
}

/// The sections a page can have, recognised by their heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Structure,
    RequestParameters,
    ResponseParameters,
    ResultProcess,
    Codes,
    Example(ExampleBody),
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
            "result process logic" => Section::ResultProcess,
            _ if h.ends_with(" codes") => Section::Codes,
            _ if h.starts_with("request") => Section::Example(ExampleBody::Request),
            _ if h.starts_with("response") => Section::Example(ExampleBody::Response),
            _ => return None,
        })
    }
}

/// What the title, summary and endpoint part of a page says.
struct Front {
    summary: String,
    description: String,
    endpoint: Option<Endpoint>,
}

impl Page<'_> {
    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(self.file, line, message));
    }

    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(self.file, line, message));
    }

    fn parse(&mut self, blocks: &[Block]) -> Option<ApiSpec> {
        let Some((title_block, rest)) = blocks.split_first() else {
            self.error(
                1,
                "the page is empty: expected the API name as a `# name` heading",
            );
            return None;
        };
        let title = match &title_block.kind {
            Kind::Heading(1, inlines) => blocks::text(inlines),
            other => {
                self.error(
                    title_block.line,
                    format!(
                        "found {}: expected the API name as a `# name` heading",
                        other.describe()
                    ),
                );
                return None;
            }
        };
        let api = title
            .split(" (")
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        if api.is_empty() || !api.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            self.error(
                title_block.line,
                format!("found title `{title}`: expected an API name such as `pay` or `createVaultingSession`"),
            );
        }

        // Split the rest of the page at its `#` and `##` headings.
        let first_section = rest
            .iter()
            .position(|b| matches!(b.kind, Kind::Heading(1 | 2, _)))
            .unwrap_or(rest.len());
        let front = self.front(&rest[..first_section], title_block.line);

        let mut request = None;
        let mut response = None;
        let mut result_process = Vec::new();
        let mut result_codes = Vec::new();
        let mut examples = Vec::new();
        let mut i = first_section;
        while i < rest.len() {
            let heading = &rest[i];
            let end = rest[i + 1..]
                .iter()
                .position(|b| matches!(b.kind, Kind::Heading(1 | 2, _)))
                .map_or(rest.len(), |p| i + 1 + p);
            let body = &rest[i + 1..end];
            i = end;
            let Kind::Heading(level, inlines) = &heading.kind else {
                continue;
            };
            let name = blocks::text(inlines);
            let Some(section) = Section::recognise(&name) else {
                self.error(
                    heading.line,
                    format!(
                        "found section `{} {name}`: expected one of `Structure`, `Request parameters`, \
                         `Response parameters`, `Result process logic`, `... codes`, `Request`, `Response`",
                        "#".repeat(*level)
                    ),
                );
                continue;
            };
            match section {
                Section::Structure => {}
                Section::RequestParameters | Section::ResponseParameters => {
                    let (params, after) = self.parameters(body);
                    let slot = if section == Section::RequestParameters {
                        &mut request
                    } else {
                        &mut response
                    };
                    if slot.is_some() {
                        self.error(
                            heading.line,
                            format!("found a second `{name}` section: expected it once per page"),
                        );
                    } else {
                        *slot = Some(params);
                    }
                    if let Some(after) = after {
                        result_process.extend(self.result_process(after));
                    }
                }
                Section::ResultProcess => result_process.extend(self.result_process(body)),
                Section::Codes => {
                    if let Some(table) = self.codes(&name, heading.line, body) {
                        result_codes.push(table);
                    }
                }
                Section::Example(which) => {
                    self.examples(which, &name, heading.line, body, &mut examples)
                }
            }
        }

        let request = request.unwrap_or_else(|| {
            self.error(
                title_block.line,
                "the page has no `## Request parameters` section: expected one after `# Structure`",
            );
            Vec::new()
        });
        let response = response.unwrap_or_else(|| {
            self.error(
                title_block.line,
                "the page has no `## Response parameters` section: expected one after the request parameters",
            );
            Vec::new()
        });

        let mut spec = ApiSpec {
            title: (title != api).then(|| title.clone()),
            api,
            source: file_name(self.file).to_owned(),
            kind: if front.endpoint.is_some() {
                ApiKind::Request
            } else {
                ApiKind::Notification
            },
            endpoint: front.endpoint,
            summary: front.summary,
            description: front.description,
            request,
            response,
            result_process,
            result_codes,
            examples,
        };
        mark_sensitive(&mut spec.request, false, self.policy);
        mark_sensitive(&mut spec.response, false, self.policy);
        decide_retries(&mut spec);
        self.check_examples(&spec);
        Some(spec)
    }

    /// The part between the title and the first section: summary, endpoint, description.
    fn front(&mut self, blocks: &[Block], title_line: usize) -> Front {
        let mut summary = None;
        let mut endpoint = None;
        let mut description = Vec::new();
        for block in blocks {
            match &block.kind {
                Kind::Quote(inner)
                    if summary.is_none() && endpoint.is_none() && description.is_empty() =>
                {
                    summary = Some(blocks::render(inner));
                }
                Kind::Para(inlines) if is_code_only(inlines) => {
                    let code = blocks::text(inlines);
                    match parse_endpoint(&code) {
                        Some((method, path)) if endpoint.is_none() => {
                            endpoint = Some(Endpoint {
                                method,
                                path,
                                line: block.line,
                            });
                        }
                        Some(_) => self.error(
                            block.line,
                            format!("found a second endpoint `{code}`: expected one `POST /v1/...` line per page"),
                        ),
                        None if looks_like_endpoint(&code) => self.error(
                            block.line,
                            format!("found endpoint `{code}`: expected an HTTP method and a path starting with `/`, such as `POST /v1/payments/pay`"),
                        ),
                        None => description.push(code),
                    }
                }
                _ => {
                    let text = blocks::render(std::slice::from_ref(block));
                    if !text.is_empty() {
                        description.push(text);
                    }
                }
            }
        }
        let summary = match summary {
            Some(s) => s,
            None if !description.is_empty() => description.remove(0),
            None => {
                self.error(
                    title_line,
                    "the page has no summary: expected a `> ` paragraph under the title",
                );
                String::new()
            }
        };
        let description = description.join("\n\n");
        Front {
            description: if description == summary {
                String::new()
            } else {
                description
            },
            summary,
            endpoint,
        }
    }

    /// A `Request parameters` or `Response parameters` section. Returns the parameters and,
    /// when the section goes on with a `Result process logic` paragraph, the blocks after it.
    fn parameters<'b>(&mut self, blocks: &'b [Block]) -> (Vec<Parameter>, Option<&'b [Block]>) {
        let mut tree = Tree::default();
        let mut after = None;
        let mut i = 0;
        let mut warned_stray = false;
        while i < blocks.len() {
            let block = &blocks[i];
            match &block.kind {
                _ if is_result_process_marker(block) => {
                    after = Some(&blocks[i + 1..]);
                    break;
                }
                Kind::Heading(level, inlines) => {
                    let end = blocks[i + 1..]
                        .iter()
                        .position(|b| {
                            matches!(b.kind, Kind::Heading(..)) || is_result_process_marker(b)
                        })
                        .map_or(blocks.len(), |p| i + 1 + p);
                    let body = &blocks[i + 1..end];
                    i = end;
                    let text = blocks::text(inlines);
                    if *level < PARAMETER_LEVEL {
                        self.error(
                            block.line,
                            format!(
                                "found `{} {text}`: expected a parameter heading of level {PARAMETER_LEVEL} or deeper, such as `#### name (String, REQUIRED)`",
                                "#".repeat(*level)
                            ),
                        );
                        continue;
                    }
                    match parse_heading(&text) {
                        Ok((name, ty, required)) => {
                            let mut param = Parameter::new(name, ty, required, block.line);
                            let max_length_line = self.parameter_body(&mut param, body);
                            tree.push(self, *level, param, max_length_line);
                        }
                        Err(expected) => {
                            self.error(
                                block.line,
                                format!(
                                    "found parameter heading `{} {text}`: expected {expected}",
                                    "#".repeat(*level)
                                ),
                            );
                            tree.push_unreadable(self, *level, block.line);
                        }
                    }
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
        (tree.finish(self), after)
    }

    /// The blocks under a parameter heading. Returns the line of `Maximum length`, if any.
    fn parameter_body(&mut self, param: &mut Parameter, body: &[Block]) -> Option<usize> {
        let mut description = Vec::new();
        let mut max_length_line = None;
        let mut i = 0;
        while i < body.len() {
            let block = &body[i];
            i += 1;
            match &block.kind {
                Kind::Para(inlines) => {
                    let text = blocks::text(inlines);
                    if is_more_information(&text) {
                        if let Some(Block {
                            kind: Kind::List(items),
                            ..
                        }) = body.get(i)
                        {
                            i += 1;
                            for item in items {
                                if let Some(line) = self.more_information(param, item) {
                                    max_length_line = Some(line);
                                }
                            }
                        }
                        continue;
                    }
                    if text.contains("API idempotency field") {
                        param.idempotency_key = true;
                    }
                    if let Some(before) = strip_valid_values(&text) {
                        if !before.is_empty() {
                            description.push(before.to_owned());
                        }
                        match body.get(i) {
                            Some(Block { kind: Kind::List(items), .. }) => {
                                i += 1;
                                let values = self.closed_values(items);
                                set_values(param, Values::Closed(values));
                            }
                            _ => self.error(
                                block.line,
                                format!(
                                    "found `Valid values are:` for `{}` with no list after it: expected a list of `` `VALUE`: meaning `` items",
                                    param.name
                                ),
                            ),
                        }
                        continue;
                    }
                    if let Some(values) = open_values(&text, inlines) {
                        set_values(param, Values::Open(values));
                    } else if let Some(value) = fixed_value(inlines) {
                        set_values(param, Values::Fixed(value));
                    } else if let Some(values) = one_of_values(inlines) {
                        set_values(param, Values::Closed(values));
                    }
                    description.push(text);
                }
                Kind::Quote(inner) => param.notes.extend(notes(inner)),
                Kind::List(_) => description.push(blocks::render(std::slice::from_ref(block))),
                Kind::Code(..) | Kind::Table(_) | Kind::Heading(..) => self.error(
                    block.line,
                    format!(
                        "found {} in the description of `{}`: expected text, lists and `> ` notes",
                        block.kind.describe(),
                        param.name
                    ),
                ),
                Kind::Other(_) => {}
            }
        }
        param.description = description.join("\n\n");
        max_length_line
    }

    /// One item of a `More information:` list. Returns the line when it is a maximum length.
    fn more_information(&mut self, param: &mut Parameter, item: &Item) -> Option<usize> {
        let text = blocks::render(&item.blocks);
        if let Some(rest) = text.strip_prefix("Maximum length:") {
            let number = rest
                .trim()
                .trim_end_matches('.')
                .trim_end_matches(" characters")
                .trim_end_matches(" character");
            match number.parse::<u32>() {
                Ok(n) => {
                    param.max_length = Some(n);
                    return Some(item.line);
                }
                Err(_) => self.error(
                    item.line,
                    format!("found `{text}`: expected `Maximum length: N characters` with a whole number N"),
                ),
            }
        } else if let Some(rest) = text.strip_prefix("Value range:") {
            match parse_range(rest) {
                Some(range) => param.range = Some(range),
                None => self.error(
                    item.line,
                    format!("found `{text}`: expected `Value range: MIN - MAX` with whole numbers, MAX possibly `unlimited`"),
                ),
            }
        } else if text.contains("API idempotency field") {
            param.idempotency_key = true;
        } else if !text.is_empty() {
            param.notes.push(text);
        }
        None
    }

    /// The list after `Valid values are:`.
    fn closed_values(&mut self, items: &[Item]) -> Vec<EnumValue> {
        let mut values = Vec::with_capacity(items.len());
        for item in items {
            match lead_code(item) {
                Some((value, rest)) => values.push(EnumValue {
                    value,
                    description: rest,
                }),
                None => self.error(
                    item.line,
                    format!(
                        "found value `{}`: expected `` `VALUE`: meaning ``",
                        blocks::render(&item.blocks)
                    ),
                ),
            }
        }
        values
    }

    /// The paragraphs after `Result process logic`.
    fn result_process(&mut self, blocks: &[Block]) -> Vec<ResultProcess> {
        let mut out = Vec::new();
        for block in blocks {
            if let Kind::List(items) = &block.kind {
                for item in items {
                    let Some((code, action)) = lead_code(item) else {
                        continue;
                    };
                    let Some(status) = ResultStatus::from_letter(&code) else {
                        continue;
                    };
                    out.push(ResultProcess { status, action });
                }
            }
        }
        out
    }

    /// A result-code table section.
    fn codes(&mut self, title: &str, line: usize, blocks: &[Block]) -> Option<ResultCodeTable> {
        let mut rows = None;
        for block in blocks {
            if let Kind::Table(table_rows) = &block.kind {
                if rows.is_some() {
                    self.error(
                        block.line,
                        format!(
                            "found a second table under `{title}`: expected one table per section"
                        ),
                    );
                } else {
                    rows = Some(table_rows);
                }
            }
        }
        let Some(rows) = rows else {
            self.error(
                line,
                format!("found no table under `{title}`: expected a table with columns Code, Value, Message, Further action"),
            );
            return None;
        };
        let (header, body) = rows.split_first()?;
        let names: Vec<String> = header
            .cells
            .iter()
            .map(|c| blocks::text(c).to_ascii_lowercase())
            .collect();
        let column = |wanted: &[&str]| names.iter().position(|n| wanted.contains(&n.as_str()));
        let code_col = column(&["code", "result code", "error code"]);
        let status_col = column(&["value", "status", "result status"]);
        let message_col = column(&["message", "result message"]);
        let action_col = column(&["further action", "action", "suggestion"]);
        let (Some(code_col), Some(status_col), Some(message_col)) =
            (code_col, status_col, message_col)
        else {
            self.error(
                header.line,
                format!(
                    "found table columns `{}`: expected at least Code, Value and Message (and usually Further action)",
                    names.join(" | ")
                ),
            );
            return None;
        };
        let mut codes = Vec::with_capacity(body.len());
        let mut ok = true;
        for row in body {
            let cell = |i: usize| {
                row.cells
                    .get(i)
                    .map(|c| blocks::text(c))
                    .unwrap_or_default()
            };
            let code = cell(code_col);
            let status_text = cell(status_col);
            let status = match ResultStatus::from_letter(&status_text) {
                Some(status) => status,
                None => {
                    self.error(
                        row.line,
                        format!(
                            "found result status `{status_text}` for `{code}`: expected S, F or U"
                        ),
                    );
                    ok = false;
                    continue;
                }
            };
            if code.is_empty() {
                self.error(
                    row.line,
                    "found an empty result code: expected a code such as `SUCCESS`",
                );
                ok = false;
                continue;
            }
            codes.push(ResultCode {
                code,
                status,
                message: cell(message_col),
                action: action_col.map(cell).unwrap_or_default(),
                retryable: false,
                retry_rule: String::new(),
                line: row.line,
            });
        }
        ok.then(|| ResultCodeTable {
            title: title.to_owned(),
            line,
            codes,
        })
    }

    /// A `Request` or `Response` example section.
    fn examples(
        &mut self,
        body: ExampleBody,
        title: &str,
        line: usize,
        blocks: &[Block],
        out: &mut Vec<Example>,
    ) {
        let before = out.len();
        for block in blocks {
            let Kind::Code(info, json) = &block.kind else {
                continue;
            };
            let lang = info.split_whitespace().next().unwrap_or_default();
            if !lang.is_empty() && !lang.eq_ignore_ascii_case("json") {
                self.warn(
                    block.line,
                    format!("found a `{lang}` code block under `{title}`: only JSON examples are kept; it is ignored"),
                );
                continue;
            }
            match serde_json::from_str::<serde_json::Value>(json) {
                Ok(serde_json::Value::Object(_)) => out.push(Example {
                    body,
                    title: title.to_owned(),
                    line: block.line,
                    json: json.clone(),
                }),
                Ok(_) => self.error(
                    block.line,
                    format!("found a JSON example under `{title}` that is not an object: expected a `{{ ... }}` body"),
                ),
                Err(e) => self.error(
                    block.line + e.line(),
                    format!("found invalid JSON in the `{title}` example: {e}; expected a valid JSON body"),
                ),
            }
        }
        if out.len() == before && !blocks.iter().any(|b| matches!(b.kind, Kind::Code(..))) {
            self.warn(line, format!("section `{title}` has no JSON example"));
        }
    }

    /// Warns about example fields that no parameter documents.
    fn check_examples(&mut self, spec: &ApiSpec) {
        for example in &spec.examples {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&example.json) else {
                continue;
            };
            let (params, which) = match example.body {
                ExampleBody::Request => (&spec.request, "request"),
                ExampleBody::Response => (&spec.response, "response"),
            };
            let mut found = Vec::new();
            check_example(&value, &Index::new(params), "", &mut found);
            if found.is_empty() {
                continue;
            }
            let key_lines = key_lines(&example.json);
            for finding in found {
                let path = match &finding {
                    Finding::Undocumented(path) | Finding::NotAValue(path, ..) => path,
                };
                let line = key_lines
                    .get(path)
                    .map_or(example.line, |l| example.line + 1 + l);
                let message = match &finding {
                    Finding::Undocumented(path) => format!(
                        "field `{path}` of the `{}` example is not documented as a {which} parameter",
                        example.title
                    ),
                    Finding::NotAValue(path, value, allowed) => format!(
                        "`{path}` is `{value}` in the `{}` example, which is not a documented value: expected {}",
                        example.title,
                        allowed
                            .iter()
                            .map(|a| format!("`{a}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.warn(line, message);
            }
        }
    }
}

/// The heading level of top-level parameters (`####`).
const PARAMETER_LEVEL: usize = 4;

/// A parameter whose children are still being read.
struct Frame {
    level: usize,
    param: Parameter,
    max_length_line: Option<usize>,
    names: HashMap<String, usize>,
    /// A placeholder for a heading that could not be read; dropped when closed.
    unreadable: bool,
}

/// Builds the parameter tree from headings in page order, using a stack of open parameters.
#[derive(Default)]
struct Tree {
    stack: Vec<Frame>,
    top: Vec<Parameter>,
    top_names: HashMap<String, usize>,
}

impl Tree {
    fn push(
        &mut self,
        page: &mut Page<'_>,
        level: usize,
        param: Parameter,
        max_length_line: Option<usize>,
    ) {
        self.open(page, level, param, max_length_line, false);
    }

    /// Stands in for a parameter whose heading could not be read (an error already reported):
    /// its children are read and checked, then dropped with it, instead of being attached to an
    /// unrelated parameter and causing follow-up diagnostics.
    fn push_unreadable(&mut self, page: &mut Page<'_>, level: usize, line: usize) {
        let placeholder = Parameter::new(String::new(), Type::Model(String::new()), false, line);
        self.open(page, level, placeholder, None, true);
    }

    fn open(
        &mut self,
        page: &mut Page<'_>,
        level: usize,
        param: Parameter,
        max_length_line: Option<usize>,
        unreadable: bool,
    ) {
        while self.stack.last().is_some_and(|f| f.level >= level) {
            self.close(page);
        }
        let expected = self.stack.last().map_or(PARAMETER_LEVEL, |f| f.level + 1);
        if level > expected && !unreadable {
            let parent = match self.stack.last() {
                Some(f) => format!("it is attached to `{}`", f.param.name),
                None => "it is kept as a top-level parameter".to_owned(),
            };
            page.warn(
                param.line,
                format!(
                    "parameter `{}` (heading level {level}) has no parent heading of level {}; {parent}",
                    param.name,
                    level - 1
                ),
            );
        }
        self.stack.push(Frame {
            level,
            param,
            max_length_line,
            names: HashMap::new(),
            unreadable,
        });
    }

    /// Closes the innermost open parameter and attaches it to its parent.
    fn close(&mut self, page: &mut Page<'_>) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if frame.unreadable {
            return;
        }
        let mut param = frame.param;
        let is_object = matches!(param.ty.element(), Type::Model(_));
        if let (true, Some(line)) = (is_object, frame.max_length_line) {
            page.warn(
                line,
                format!(
                    "`{}` is an object ({}) but has a maximum length; the length is ignored",
                    param.name, param.ty
                ),
            );
            param.max_length = None;
        }
        if !is_object && !param.children.is_empty() {
            page.error(
                param.children[0].line,
                format!(
                    "found child parameters under `{}`, whose type {} has no fields: expected an object type such as `Amount` or `Array<Goods>`",
                    param.name, param.ty
                ),
            );
        }
        if is_object && param.children.is_empty() {
            page.warn(
                param.line,
                format!(
                    "`{}` is an object ({}) but documents no fields",
                    param.name, param.ty
                ),
            );
        }
        let (siblings, names, parent) = match self.stack.last_mut() {
            Some(f) => (
                &mut f.param.children,
                &mut f.names,
                Some(f.param.name.as_str()),
            ),
            None => (&mut self.top, &mut self.top_names, None),
        };
        if let Some(first) = names.get(&param.name) {
            let under = parent.map_or("at the top level".to_owned(), |p| format!("under `{p}`"));
            page.warn(
                param.line,
                format!(
                    "parameter `{}` is documented twice {under} (first at line {first}); this one is ignored",
                    param.name
                ),
            );
            return;
        }
        names.insert(param.name.clone(), param.line);
        siblings.push(param);
    }

    fn finish(mut self, page: &mut Page<'_>) -> Vec<Parameter> {
        while !self.stack.is_empty() {
            self.close(page);
        }
        self.top
    }
}

fn set_values(param: &mut Parameter, values: Values) {
    if param.values.is_none() {
        param.values = Some(values);
    }
}

/// Marks the parameters the policy names sensitive, and everything under them.
fn mark_sensitive(params: &mut [Parameter], inherited: bool, policy: &Policy) {
    for p in params {
        p.sensitive = inherited || policy.is_sensitive(&p.name);
        mark_sensitive(&mut p.children, p.sensitive, policy);
    }
}

/// Decides, for every result code of the page, whether the identical request may be sent
/// again, and records the page's words that decided it (see [`retry`]).
fn decide_retries(spec: &mut ApiSpec) {
    let u_logic: Vec<&str> = spec
        .result_process
        .iter()
        .filter(|p| p.status == ResultStatus::U)
        .map(|p| p.action.as_str())
        .collect();
    for table in &mut spec.result_codes {
        for row in &mut table.codes {
            let (retryable, rule) = retry(row, &u_logic);
            row.retryable = retryable;
            row.retry_rule = rule;
        }
    }
}

/// Phrases of a further action that ask for anything but the identical request again.
const NO_RETRY_PHRASES: &[&str] = &["with a new", "do not retry"];

/// Whether a code's request may be sent again unchanged, and why: only `U` codes are, unless
/// the result process logic for `U` names the code (`When result.resultCode is
/// PAYMENT_IN_PROCESS, wait for the notification`) or its further action asks for a new request
/// ID or says not to retry.
fn retry(row: &ResultCode, u_logic: &[&str]) -> (bool, String) {
    match row.status {
        ResultStatus::S => return (false, "status S: the call succeeded".to_owned()),
        ResultStatus::F => {
            return (
                false,
                "status F: the call failed, and the same request fails again".to_owned(),
            );
        }
        ResultStatus::U => {}
    }
    let names_the_code = |sentence: &&str| {
        sentence
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|word| word == row.code)
    };
    if let Some(sentence) = u_logic
        .iter()
        .flat_map(|logic| logic.split_inclusive(". "))
        .find(names_the_code)
    {
        return (
            false,
            format!(
                "the result process logic for U names it: \"{}\"",
                sentence.trim()
            ),
        );
    }
    let action = row.action.to_ascii_lowercase();
    if let Some(phrase) = NO_RETRY_PHRASES.iter().find(|p| action.contains(*p)) {
        return (
            false,
            format!("its further action says `{phrase}`: \"{}\"", row.action),
        );
    }
    (
        true,
        "status U, not named by the result process logic, and its further action asks for no new request".to_owned(),
    )
}

/// Something an example says that its parameters do not.
enum Finding {
    /// A field no parameter documents, by dotted path.
    Undocumented(String),
    /// A value outside the documented closed set or fixed value: path, value, allowed values.
    NotAValue(String, String, Vec<String>),
}

/// The parameters of one object, by name, with the same for each of their children: built once
/// per body, so that checking an example is linear in its size.
struct Index<'a> {
    by_name: HashMap<&'a str, (&'a Parameter, Index<'a>)>,
}

impl<'a> Index<'a> {
    fn new(params: &'a [Parameter]) -> Self {
        Index {
            by_name: params
                .iter()
                .map(|p| (p.name.as_str(), (p, Index::new(&p.children))))
                .collect(),
        }
    }
}

/// Checks an example body against the parameters in `index`: every object key must be
/// documented, and a value of a parameter with a closed set or a fixed value must be one of them.
fn check_example(
    value: &serde_json::Value,
    index: &Index<'_>,
    prefix: &str,
    out: &mut Vec<Finding>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                match index.by_name.get(key.as_str()) {
                    Some((p, children)) if !p.children.is_empty() => {
                        check_example(v, children, &path, out)
                    }
                    Some((p, _)) => check_value(v, p, &path, out),
                    None => out.push(Finding::Undocumented(path)),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                check_example(item, index, prefix, out);
            }
        }
        _ => {}
    }
}

fn check_value(value: &serde_json::Value, param: &Parameter, path: &str, out: &mut Vec<Finding>) {
    let allowed: Vec<&str> = match &param.values {
        Some(Values::Closed(values)) => values.iter().map(|v| v.value.as_str()).collect(),
        Some(Values::Fixed(value)) => vec![value.as_str()],
        Some(Values::Open(_)) | None => return,
    };
    let values: Vec<&serde_json::Value> = match value {
        serde_json::Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for v in values {
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null
            | serde_json::Value::Object(_)
            | serde_json::Value::Array(_) => continue,
            other => other.to_string(),
        };
        if !allowed.contains(&text.as_str()) {
            out.push(Finding::NotAValue(
                path.to_owned(),
                text,
                allowed.iter().map(|a| (*a).to_owned()).collect(),
            ));
        }
    }
}

/// The 0-based line of every key path (`order.goods.goodsName`, array elements sharing their
/// array's path) in a valid JSON text, first occurrence only: one pass over the text.
fn key_lines(json: &str) -> HashMap<String, usize> {
    struct Container {
        path: String,
        object: bool,
        expect_key: bool,
    }
    let mut lines = HashMap::new();
    let mut stack: Vec<Container> = Vec::new();
    // The path of the value that follows the last key read.
    let mut value_path: Option<String> = None;
    let mut line = 0;
    let bytes = json.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            open @ (b'{' | b'[') => {
                let path = value_path
                    .take()
                    .or_else(|| stack.last().map(|c| c.path.clone()))
                    .unwrap_or_default();
                stack.push(Container {
                    path,
                    object: open == b'{',
                    expect_key: open == b'{',
                });
            }
            b'}' | b']' => {
                stack.pop();
                value_path = None;
            }
            b',' => {
                if let Some(c) = stack.last_mut() {
                    c.expect_key = c.object;
                }
                value_path = None;
            }
            b'"' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let text = json.get(start..i.min(bytes.len())).unwrap_or_default();
                if let Some(c) = stack.last_mut().filter(|c| c.expect_key) {
                    c.expect_key = false;
                    let path = if c.path.is_empty() {
                        text.to_owned()
                    } else {
                        format!("{}.{text}", c.path)
                    };
                    lines.entry(path.clone()).or_insert(line);
                    value_path = Some(path);
                }
            }
            _ => {}
        }
        i += 1;
    }
    lines
}

/// The file name part of a path, for `ApiSpec::source`.
fn file_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// Parses `name (Type)` or `name (Type, REQUIRED)`.
fn parse_heading(text: &str) -> Result<(String, Type, bool), String> {
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
fn parse_range(text: &str) -> Option<ValueRange> {
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
fn parse_endpoint(code: &str) -> Option<(String, String)> {
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

fn looks_like_endpoint(code: &str) -> bool {
    let first = code.split_whitespace().next().unwrap_or_default();
    HTTP_METHODS.contains(&first.to_ascii_uppercase().as_str())
}

fn is_code_only(inlines: &[Inline]) -> bool {
    let mut code = 0;
    for i in inlines {
        match i {
            Inline::Code(_) => code += 1,
            Inline::Text(t) if t.trim().is_empty() => {}
            _ => return false,
        }
    }
    code == 1
}

fn is_result_process_marker(block: &Block) -> bool {
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

fn is_more_information(text: &str) -> bool {
    let t = text.trim_end_matches(':').trim();
    t.eq_ignore_ascii_case("more information")
        || t.eq_ignore_ascii_case("more information about this field")
}

/// For `... Valid values are:`, the text before the phrase.
fn strip_valid_values(text: &str) -> Option<&str> {
    let t = text.trim_end();
    let stem = t.strip_suffix("Valid values are:")?;
    Some(stem.trim_end())
}

/// `Some possible values are `A`, `B`, and `C`.`: the codes after the first ` are `.
fn open_values(text: &str, inlines: &[Inline]) -> Option<Vec<String>> {
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

fn fixed_value(inlines: &[Inline]) -> Option<String> {
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
fn one_of_values(inlines: &[Inline]) -> Option<Vec<EnumValue>> {
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
fn lead_code(item: &Item) -> Option<(String, String)> {
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
fn notes(inner: &[Block]) -> Vec<String> {
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

#[cfg(test)]
mod tests;

#[cfg(test)]
mod page_file_tests {
    use super::is_api_page;
    use std::path::Path;

    #[test]
    fn readme_is_not_an_api_page() {
        assert!(is_api_page(Path::new("spec/cancel.md")));
        assert!(!is_api_page(Path::new("spec/README.md")));
        assert!(!is_api_page(Path::new("spec/readme.MD")));
        assert!(!is_api_page(Path::new("spec/cancel.yaml")));
    }
}
