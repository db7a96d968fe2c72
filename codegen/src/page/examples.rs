//! The JSON examples: each parsed once, then checked against the parameters it shows.

use std::collections::HashMap;

use super::Page;
use super::blocks::{self, Block, Kind};
use crate::spec::{ApiSpec, Example, ExampleBody, Parameter, Type, Values};

impl Page<'_> {
    /// A `Request` or `Response` example section. Each example kept goes to `out` with its body,
    /// parsed here once for the check against the parameters.
    pub(super) fn examples(
        &mut self,
        body: ExampleBody,
        title: &str,
        line: usize,
        blocks: &[Block],
        out: &mut Vec<(Example, serde_json::Value)>,
    ) {
        let before = out.len();
        for (i, block) in blocks.iter().enumerate() {
            let Kind::Code(info, json) = &block.kind else {
                continue;
            };
            let caption = match i.checked_sub(1).map(|p| &blocks[p].kind) {
                Some(Kind::Para(inlines)) => blocks::text(inlines),
                _ => String::new(),
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
                Ok(value @ serde_json::Value::Object(_)) => {
                    let example = Example {
                        body,
                        title: title.to_owned(),
                        caption,
                        line: block.line,
                        json: json.clone(),
                    };
                    out.push((example, value));
                }
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

    /// Warns about example fields that no parameter documents, and about values outside a
    /// closed set or other than a fixed value. `bodies` are the examples of `spec`, as parsed.
    pub(super) fn check_examples(&mut self, spec: &ApiSpec, bodies: &[serde_json::Value]) {
        for (example, value) in spec.examples.iter().zip(bodies) {
            let (params, which) = match example.body {
                ExampleBody::Request => (&spec.request, "request"),
                ExampleBody::Response => (&spec.response, "response"),
            };
            let mut found = Vec::new();
            check_example(value, &Index::new(params), "", &mut found);
            if found.is_empty() {
                continue;
            }
            let key_lines = key_lines(&example.json);
            for finding in found {
                let line = key_lines
                    .get(finding.path())
                    .map_or(example.line, |l| example.line + 1 + l);
                self.warn(line, finding.message(example, which));
            }
        }
    }
}

/// Something an example says that its parameters do not.
enum Finding {
    /// A field no parameter documents, by dotted path.
    Undocumented(String),
    /// A value outside the documented closed set or fixed value: path, value, allowed values.
    NotAValue(String, String, Vec<String>),
    /// A value of another shape than its documented type: path, type, what the example has.
    Shape(String, String, &'static str),
}

impl Finding {
    /// The dotted path of the field the finding is about.
    fn path(&self) -> &str {
        match self {
            Finding::Undocumented(path)
            | Finding::NotAValue(path, ..)
            | Finding::Shape(path, ..) => path,
        }
    }

    /// The warning about the finding in `example`, whose parameters are `which` (`request` or
    /// `response`) parameters.
    fn message(&self, example: &Example, which: &str) -> String {
        match self {
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
            Finding::Shape(path, ty, found) => format!(
                "`{path}` is documented as {ty} but the `{}` example gives {found}",
                example.title
            ),
        }
    }
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
                    Some((p, children)) => check_field(v, p, children, path, out),
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

/// Checks the value of documented field `param` at `path`: its shape, then its fields (a map's
/// under each key) or its value.
fn check_field(
    value: &serde_json::Value,
    param: &Parameter,
    children: &Index<'_>,
    path: String,
    out: &mut Vec<Finding>,
) {
    if let Some(found) = other_shape(&param.ty, value) {
        out.push(Finding::Shape(path.clone(), param.ty.to_string(), found));
        return;
    }
    match (&param.ty, value) {
        (_, _) if param.children.is_empty() => check_value(value, param, &path, out),
        (Type::Map(_), serde_json::Value::Object(map)) => {
            for (key, item) in map {
                check_example(item, children, &format!("{path}.{key}"), out);
            }
        }
        _ => check_example(value, children, &path, out),
    }
}

/// What `value` is when that is not what type `ty` documents: an array for an object, a single
/// value for an array, and so on. `null` fits every type.
fn other_shape(ty: &Type, value: &serde_json::Value) -> Option<&'static str> {
    let found = match value {
        serde_json::Value::Null => return None,
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
        _ => "a single value",
    };
    let expected = match ty {
        Type::Array(_) => "an array",
        Type::Model(_) | Type::Map(_) => "an object",
        _ => "a single value",
    };
    (found != expected).then_some(found)
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
pub(super) fn key_lines(json: &str) -> HashMap<String, usize> {
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
