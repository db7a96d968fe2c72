//! The corrections of `spec/overrides.yaml` applied to a parsed page: each sets what the page
//! gets wrong about one parameter, is recorded on it (`overridden`), and must still change
//! something.

use crate::diagnostic::Diagnostic;
use crate::inputs::Override;
use crate::spec::{ApiSpec, Correction, EnumValue, Parameter, Values};

use super::{Page, file_name};

impl Page<'_> {
    /// Applies the overrides of this page; one that targets no parameter of the page is an
    /// error, and one that changes nothing a warning, both at the override's own line.
    pub(super) fn apply_overrides(&mut self, spec: &mut ApiSpec) {
        let page = file_name(self.file);
        let file = self.overrides.file.as_str();
        for o in self.overrides.overrides.iter().filter(|o| o.page == page) {
            let Some(p) = find(spec, &o.parameter) else {
                self.diagnostics.push(Diagnostic::error(
                    file,
                    o.line,
                    format!(
                        "`{}` is not a parameter of {page}: expected `request.` or `response.` and \
                         the dotted path of its names on the page, such as `response.paymentQuotes`",
                        o.parameter
                    ),
                ));
                continue;
            };
            if !correct(p, o) {
                self.diagnostics.push(Diagnostic::warning(
                    file,
                    o.line,
                    format!(
                        "the override of `{}` on {page} changes nothing: the page says so itself \
                         now (fixed upstream?); remove it",
                        o.parameter
                    ),
                ));
            }
        }
    }
}

/// The parameter at `request.a.b` or `response.a.b`.
fn find<'s>(spec: &'s mut ApiSpec, path: &str) -> Option<&'s mut Parameter> {
    let (section, path) = path.split_once('.')?;
    let mut params = match section {
        "request" => &mut spec.request,
        "response" => &mut spec.response,
        _ => return None,
    };
    let mut names = path.split('.').peekable();
    while let Some(name) = names.next() {
        let p = params.iter_mut().find(|p| p.name == name)?;
        if names.peek().is_none() {
            return Some(p);
        }
        params = &mut p.children;
    }
    None
}

/// Applies `o` to `p`, recording each change; whether anything changed.
fn correct(p: &mut Parameter, o: &Override) -> bool {
    let record = |p: &mut Parameter, what: &str, page_says: String| {
        p.overridden.push(Correction {
            what: what.to_owned(),
            page_says,
            reason: o.reason.clone(),
            line: o.line,
        });
    };
    let before = p.overridden.len();
    if let Some(ty) = o.ty.as_ref().filter(|ty| **ty != p.ty) {
        record(p, "type", p.ty.to_string());
        p.ty = ty.clone();
    }
    if let Some(required) = o.required.filter(|r| *r != p.required) {
        record(p, "required", p.required.to_string());
        p.required = required;
    }
    if let Some(max) = o.max_length.filter(|m| Some(*m) != p.max_length) {
        let says = p.max_length.map_or("none".to_owned(), |m| m.to_string());
        record(p, "max_length", says);
        p.max_length = Some(max);
    }
    if let Some(values) = &o.values {
        let now: Option<Vec<&str>> = match &p.values {
            Some(Values::Closed(closed)) => Some(closed.iter().map(|v| v.value.as_str()).collect()),
            _ => None,
        };
        if now.as_deref() != Some(&values.iter().map(String::as_str).collect::<Vec<_>>()[..]) {
            let says = match &p.values {
                Some(Values::Closed(closed)) => {
                    let listed: Vec<&str> = closed.iter().map(|v| v.value.as_str()).collect();
                    listed.join(", ")
                }
                Some(Values::Open(open)) => format!("open: {}", open.join(", ")),
                Some(Values::Fixed(value)) => format!("fixed to {value}"),
                None => "none".to_owned(),
            };
            record(p, "values", says);
            // Keep what the page says of each value: in its closed set, or in a list of its
            // text that explains the values without calling them valid (`- CREATE: ...`).
            let listed = |value: &str| {
                let text = std::iter::once(&p.description).chain(&p.notes);
                text.flat_map(|t| t.lines()).find_map(|line| {
                    let rest = line.trim().strip_prefix("- ")?.strip_prefix(value)?;
                    Some(rest.strip_prefix(": ")?.trim().to_owned())
                })
            };
            let described = |value: &str| match &p.values {
                Some(Values::Closed(closed)) => closed
                    .iter()
                    .find(|v| v.value == value)
                    .map(|v| v.description.clone()),
                _ => listed(value),
            };
            let closed = values
                .iter()
                .map(|value| EnumValue {
                    value: value.clone(),
                    description: described(value).unwrap_or_default(),
                })
                .collect();
            p.values = Some(Values::Closed(closed));
        }
    }
    p.overridden.len() > before
}
