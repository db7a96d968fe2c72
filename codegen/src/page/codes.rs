//! Result codes: the result-code tables, and the `Result process logic` list by status.

use super::Page;
use super::blocks::{self, Block, Kind, Row};
use super::phrases::{self, lead_code};
use crate::spec::{ResultCode, ResultCodeTable, ResultProcess, ResultStatus};

/// Where the columns of a result-code table are.
struct Columns {
    code: usize,
    status: usize,
    message: usize,
    action: Option<usize>,
}

impl Page<'_> {
    /// The blocks after `Result process logic`: the advice for each result status (list items
    /// that open with `S`, `F` or `U`), and the rest of the section's text as notes: the
    /// paragraphs around the list and other items in one, each `> ` note on its own.
    pub(super) fn result_process(&mut self, blocks: &[Block]) -> (Vec<ResultProcess>, Vec<String>) {
        let mut advice = Vec::new();
        let mut rest: Vec<Block> = Vec::new();
        let mut notes = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            if let Kind::Quote(inner) = &block.kind {
                notes.extend(phrases::notes(inner));
                continue;
            }
            let Kind::List(items) = &block.kind else {
                if let Some(kept) = beyond_introduction(block, blocks.get(i + 1)) {
                    rest.push(kept);
                }
                continue;
            };
            let mut others = Vec::new();
            for item in items {
                match lead_code(item).and_then(|(code, action)| {
                    ResultStatus::from_letter(&code).map(|status| ResultProcess { status, action })
                }) {
                    Some(process) => advice.push(process),
                    None => others.push(item.clone()),
                }
            }
            if !others.is_empty() {
                rest.push(Block {
                    line: block.line,
                    kind: Kind::List(others),
                });
            }
        }
        let text = blocks::render(&rest);
        notes.splice(0..0, (!text.is_empty()).then_some(text));
        (advice, notes)
    }

    /// A result-code table section.
    pub(super) fn codes(
        &mut self,
        title: &str,
        line: usize,
        blocks: &[Block],
    ) -> Option<ResultCodeTable> {
        let rows = self.code_table(title, line, blocks)?;
        let (header, body) = rows.split_first()?;
        let columns = self.columns(header)?;
        let mut codes = Vec::with_capacity(body.len());
        let mut ok = true;
        for row in body {
            match self.code(row, &columns) {
                Some(code) => codes.push(code),
                None => ok = false,
            }
        }
        ok.then(|| ResultCodeTable {
            title: title.to_owned(),
            line,
            codes,
        })
    }

    /// The rows of the one table of the code section `title` at `line`; an error for a section
    /// without a table, and for each table after the first.
    fn code_table<'b>(
        &mut self,
        title: &str,
        line: usize,
        blocks: &'b [Block],
    ) -> Option<&'b [Row]> {
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
                    rows = Some(table_rows.as_slice());
                }
            }
        }
        if rows.is_none() {
            self.error(
                line,
                format!("found no table under `{title}`: expected a table with columns Code, Value, Message, Further action"),
            );
        }
        rows
    }

    /// The columns of a code table, found by the names in its header row.
    fn columns(&mut self, header: &Row) -> Option<Columns> {
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
        Some(Columns {
            code: code_col,
            status: status_col,
            message: message_col,
            action: action_col,
        })
    }

    /// One row of a code table; `None` (an error reported) when its status or its code does not
    /// read.
    fn code(&mut self, row: &Row, columns: &Columns) -> Option<ResultCode> {
        let cell = |i: usize| {
            row.cells
                .get(i)
                .map(|c| blocks::text(c))
                .unwrap_or_default()
        };
        let code = cell(columns.code);
        let status_text = cell(columns.status);
        let status = match ResultStatus::from_letter(&status_text) {
            Some(status) => Some(status),
            None if status_text.is_empty() => {
                self.warn(
                    row.line,
                    format!(
                        "result code `{code}` has no result status: it is recorded as unknown (null), which is not `U`, and never retried"
                    ),
                );
                None
            }
            None => {
                self.error(
                    row.line,
                    format!("found result status `{status_text}` for `{code}`: expected S, F or U"),
                );
                return None;
            }
        };
        if code.is_empty() {
            self.error(
                row.line,
                "found an empty result code: expected a code such as `SUCCESS`",
            );
            return None;
        }
        Some(ResultCode {
            code,
            status,
            message: cell(columns.message),
            action: columns.action.map(cell).unwrap_or_default(),
            retryable: false,
            retry_rule: String::new(),
            line: row.line,
        })
    }
}

/// A paragraph of the `Result process logic`, unless it only introduces the list of advice per
/// status after it (`After you call the API, Antom answers. Handle result.resultStatus as
/// follows:`): an introduction of more than two sentences keeps all but its last.
fn beyond_introduction(block: &Block, next: Option<&Block>) -> Option<Block> {
    let Kind::Para(inlines) = &block.kind else {
        return Some(block.clone());
    };
    let introduces_statuses = matches!(next, Some(Block { kind: Kind::List(items), .. })
        if items.iter().any(|item| lead_code(item)
            .is_some_and(|(code, _)| ResultStatus::from_letter(&code).is_some())));
    let text = blocks::text(inlines);
    if !introduces_statuses || !text.ends_with(':') {
        return Some(block.clone());
    }
    let sentences: Vec<&str> = text.split_inclusive(". ").collect();
    (sentences.len() > 2).then(|| Block {
        line: block.line,
        kind: Kind::Para(vec![blocks::Inline::Text(
            sentences[..sentences.len() - 1].concat().trim().to_owned(),
        )]),
    })
}
