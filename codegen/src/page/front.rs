//! A page's front: the title, and the summary, endpoint and description before any section.

use super::Page;
use super::blocks::{self, Block, Inline, Kind};
use super::phrases::{self, is_antom_path, looks_like_endpoint, parse_endpoint};
use crate::spec::Endpoint;

/// The `# name` or `# name (Product)` heading a page opens with.
pub(super) struct Title {
    /// The API name: `pay`.
    pub(super) api: String,
    /// The product in parentheses after the name: `One-time Payments`.
    pub(super) product: Option<String>,
    pub(super) line: usize,
}

/// What the title, summary and endpoint part of a page says.
pub(super) struct Front {
    pub(super) summary: String,
    pub(super) description: String,
    pub(super) endpoint: Option<Endpoint>,
    /// The `> ` notes after the summary, and `Note:` paragraphs.
    pub(super) notes: Vec<String>,
    /// The line of a path line that is no Antom path (`POST /undefined`), which was not taken
    /// as the endpoint.
    pub(super) rejected_path: Option<usize>,
}

impl Page<'_> {
    /// The title the page opens with, and the blocks after it; `None` (an error reported) when
    /// the page does not open with a `# name` heading.
    pub(super) fn title<'b>(&mut self, blocks: &'b [Block]) -> Option<(Title, &'b [Block])> {
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
        let (api, product) = match title.split_once(" (") {
            Some((api, rest)) => (api.trim(), Some(rest.strip_suffix(')').map(str::trim))),
            None => (title.trim(), None),
        };
        let well_formed = !api.is_empty()
            && api.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && product.is_none_or(|p| p.is_some_and(|p| !p.is_empty()));
        if !well_formed {
            self.error(
                title_block.line,
                format!("found title `{title}`: expected an API name such as `pay` or `createVaultingSession`, possibly followed by its product in parentheses, such as `pay (One-time Payments)`"),
            );
        }
        let title = Title {
            api: api.to_owned(),
            product: product.flatten().map(str::to_owned),
            line: title_block.line,
        };
        Some((title, rest))
    }

    /// The part between the title and the first section: summary, endpoint, description.
    pub(super) fn front(&mut self, blocks: &[Block], title_line: usize) -> Front {
        let mut summary = None;
        let mut endpoint = None;
        let mut description = Vec::new();
        let mut notes = Vec::new();
        let mut rejected_path = None;
        for block in blocks {
            match &block.kind {
                Kind::Quote(inner)
                    if summary.is_none() && endpoint.is_none() && description.is_empty() =>
                {
                    summary = Some(blocks::render(inner));
                }
                Kind::Quote(inner) => notes.extend(phrases::notes(inner)),
                Kind::Para(inlines)
                    if phrases::note_paragraph(&blocks::text(inlines))
                        .is_some_and(|n| !n.is_empty()) =>
                {
                    let text = blocks::text(inlines);
                    notes.extend(phrases::note_paragraph(&text).map(str::to_owned));
                }
                Kind::Para(inlines) if is_code_only(inlines) => {
                    let code = blocks::text(inlines);
                    match parse_endpoint(&code) {
                        Some((_, path)) if !is_antom_path(&path) => {
                            self.no_antom_path(block.line, &code);
                            rejected_path.get_or_insert(block.line);
                        }
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
                        None if looks_like_endpoint(&code) => {
                            self.no_antom_path(block.line, &code);
                            rejected_path.get_or_insert(block.line);
                        }
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
            notes,
            rejected_path,
        }
    }

    /// The warning about a path line that is no Antom path.
    fn no_antom_path(&mut self, line: usize, code: &str) {
        self.warn(
            line,
            format!("`{code}` is no Antom path (expected an HTTP method and a path such as `/v1/payments/pay`: a version, then the API's segments, without spaces); it is not taken as the page's endpoint"),
        );
    }
}

/// Whether a paragraph is one code span and nothing else (but blanks): `` `POST /v1/...` ``.
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
