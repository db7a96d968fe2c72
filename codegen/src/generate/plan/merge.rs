//! Merging the descriptions of a model that agree into one list of fields: the union of their
//! fields, the loosest documented constraints, each page's text and notes.

use crate::diagnostic::Diagnostic;
use crate::spec::{Constraints, EnumValue, Parameter, Type, ValueRange, Values};

use super::params::{Description, Param};

/// Merges the descriptions of model `name` (see the policy in [`super`]), with one warning
/// listing the differences.
pub(super) fn merge<'a>(
    name: &str,
    descs: &[&Description<'a>],
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Param<'a>> {
    let mut merged = Fields::default();
    for (i, desc) in descs.iter().enumerate() {
        for p in desc.fields {
            merged.add(i, desc, p);
        }
        if i > 0 {
            merged.require_presence(desc);
        }
    }
    if !merged.differences.is_empty() {
        let first = &descs[0];
        warnings.push(Diagnostic::warning(
            first.file,
            first.line,
            format!(
                "model `{name}` is described differently on different pages; merged \
                 (union of their optional fields, loosest documented constraints):\n  - {}",
                merged.differences.join("\n  - ")
            ),
        ));
    }
    merged.finish()
}

/// The fields of a model being merged.
#[derive(Default)]
struct Fields<'a> {
    /// The merged fields, in order of first appearance.
    params: Vec<Param<'a>>,
    /// Per field: every description's text, and every description's (API, notes).
    texts: Vec<Vec<&'a str>>,
    notes: Vec<Vec<(&'a str, &'a [String])>>,
    /// Per field: every description's (API, default).
    defaults: Vec<Vec<(&'a str, Option<&'a str>)>>,
    /// The differences found, as sentences.
    differences: Vec<String>,
}

impl<'a> Fields<'a> {
    /// Adds field `p` of description `i`.
    fn add(&mut self, i: usize, desc: &Description<'a>, p: &'a Parameter) {
        let here = format!("{}:{}", desc.file, p.line);
        let index = match self.params.iter().position(|f| f.name == p.name) {
            Some(index) => index,
            None => {
                let mut param = Param::of(p, desc.file);
                if i > 0 {
                    self.differences.push(format!(
                        "`{}` only in some descriptions (first at {here})",
                        p.name
                    ));
                    param.required = false;
                }
                self.params.push(param);
                self.texts.push(Vec::new());
                self.notes.push(Vec::new());
                self.defaults.push(vec![(desc.api, p.default.as_deref())]);
                self.texts[self.params.len() - 1].push(&p.description);
                self.notes[self.params.len() - 1].push((desc.api, &p.notes));
                return;
            }
        };
        self.texts[index].push(&p.description);
        self.notes[index].push((desc.api, &p.notes));
        self.defaults[index].push((desc.api, p.default.as_deref()));
        let f = &mut self.params[index];
        let differences = &mut self.differences;
        if f.ty != &p.ty {
            let loose = loosest_type(f.ty, &p.ty);
            differences.push(format!(
                "`{}` is {} here but {} at {here}; using {loose}",
                p.name, f.ty, p.ty
            ));
            if loose == &p.ty {
                f.ty = &p.ty;
            }
        }
        if f.required != p.required {
            if f.required {
                differences.push(format!("`{}` is optional at {here}", p.name));
            }
            f.required = false;
        }
        let here = (p.name.as_str(), here.as_str());
        merge_constraints(&mut f.constraints, p.constraints(), here, differences);
        f.sensitive |= p.sensitive;
        f.idempotency_key |= p.idempotency_key;
    }

    /// A field required so far is optional when a later description `desc` lacks it.
    fn require_presence(&mut self, desc: &Description<'a>) {
        for f in &mut self.params {
            if !desc.fields.iter().any(|p| p.name == f.name) && f.required {
                self.differences.push(format!(
                    "`{}` is missing from the description at {}:{}",
                    f.name, desc.file, desc.line
                ));
                f.required = false;
            }
        }
    }

    /// The merged fields, each with its most common text and its notes.
    fn finish(self) -> Vec<Param<'a>> {
        let mut params = self.params;
        let fields = self.texts.into_iter().zip(self.notes).zip(self.defaults);
        for (field, ((texts, notes), defaults)) in params.iter_mut().zip(fields) {
            field.description = most_common(&texts);
            field.notes = merge_notes(&notes);
            // A default that the pages state differently is each page's (a page silent on it
            // does not disagree): said per page, so that no page's is every page's.
            let mut stated: Vec<(&str, &str)> = defaults
                .iter()
                .filter_map(|(api, default)| Some((*api, (*default)?)))
                .collect();
            stated.dedup();
            match stated.first() {
                Some((_, first)) if stated.iter().all(|(_, d)| d == first) => {
                    field.constraints.default = Some((*first).to_owned());
                }
                Some(_) => {
                    field.constraints.default = None;
                    for (api, default) in stated {
                        field
                            .notes
                            .push(format!("On `{api}`: the default value is `{default}`."));
                    }
                }
                None => {}
            }
        }
        params
    }
}

/// Merges the constraints `theirs` of field `name` (described at `here`) into `merged`: the
/// loosest of each, the union of value sets; every difference is a sentence of `differences`.
/// The default is merged with the notes (see [`Fields::finish`]).
fn merge_constraints(
    merged: &mut Constraints,
    theirs: Constraints,
    (name, here): (&str, &str),
    differences: &mut Vec<String>,
) {
    let Constraints {
        max_length,
        max_items,
        range,
        values,
        default: _,
    } = theirs;
    if merged.max_length != max_length {
        differences.push(format!(
            "`{name}` has maximum length {} and {} at {here}",
            show(merged.max_length),
            show(max_length)
        ));
        merged.max_length = merged.max_length.zip(max_length).map(|(a, b)| a.max(b));
    }
    if merged.max_items != max_items {
        differences.push(format!(
            "`{name}` has maximum size {} and {} at {here}",
            show(merged.max_items),
            show(max_items)
        ));
        merged.max_items = merged.max_items.zip(max_items).map(|(a, b)| a.max(b));
    }
    if merged.range != range {
        differences.push(format!("`{name}` has different value ranges at {here}"));
        merged.range = match (&merged.range, &range) {
            (Some(a), Some(b)) => Some(ValueRange {
                min: a.min.min(b.min),
                max: a.max.zip(b.max).map(|(a, b)| a.max(b)),
            }),
            _ => None,
        };
    }
    if merged.values != values {
        differences.push(format!("`{name}` has different values at {here}"));
        merged.values = merge_values(merged.values.take(), values);
    }
}

/// The most frequent non-empty text (the first of equally frequent ones), or `""`.
fn most_common<'a>(texts: &[&'a str]) -> &'a str {
    let mut best = ("", 0);
    for text in texts.iter().filter(|t| !t.is_empty()) {
        let count = texts.iter().filter(|t| *t == text).count();
        if count > best.1 {
            best = (text, count);
        }
    }
    best.0
}

/// The notes of a field that several pages describe: a note every page gives is kept as it
/// is; one only some pages give is said to be theirs (`On `notifyPayment`: ...`).
fn merge_notes(described: &[(&str, &[String])]) -> Vec<String> {
    let mut merged: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (_, notes) in described {
        for note in notes.iter() {
            if seen.contains(&note.as_str()) {
                continue;
            }
            seen.push(note);
            let mut apis: Vec<&str> = described
                .iter()
                .filter(|(_, n)| n.contains(note))
                .map(|(api, _)| *api)
                .collect();
            apis.dedup();
            if apis.len() == described.len() {
                merged.push(note.clone());
            } else {
                let list: Vec<String> = apis.iter().map(|a| format!("`{a}`")).collect();
                merged.push(format!("On {}: {note}", list.join(", ")));
            }
        }
    }
    merged
}

fn show(n: Option<u32>) -> String {
    n.map_or_else(|| "none".to_owned(), |n| n.to_string())
}

/// Of two documented types, the one that accepts both: text over anything else.
fn loosest_type<'a>(a: &'a Type, b: &'a Type) -> &'a Type {
    match (a, b) {
        (Type::String, _) => a,
        (_, Type::String) => b,
        (Type::Url, _) => a,
        (_, Type::Url) => b,
        _ => a,
    }
}

/// The values of two descriptions merged: the union of closed sets, open if either is open.
fn merge_values(a: Option<Values>, b: Option<Values>) -> Option<Values> {
    let closed = |v: Values| match v {
        Values::Closed(values) => Some(values),
        Values::Fixed(value) => Some(vec![EnumValue {
            value,
            description: String::new(),
        }]),
        Values::Open(_) => None,
    };
    match (a, b) {
        (Some(Values::Fixed(x)), Some(Values::Fixed(y))) if x == y => Some(Values::Fixed(x)),
        (Some(a), Some(b)) => match (closed(a.clone()), closed(b.clone())) {
            (Some(mut a), Some(b)) => {
                for v in b {
                    if let Some(known) = a.iter_mut().find(|k| k.value == v.value) {
                        if known.description.is_empty() {
                            known.description = v.description;
                        }
                    } else {
                        a.push(v);
                    }
                }
                Some(Values::Closed(a))
            }
            _ => {
                let mut open: Vec<String> = Vec::new();
                for v in [a, b] {
                    match v {
                        Values::Closed(vs) => open.extend(vs.into_iter().map(|v| v.value)),
                        Values::Open(vs) => open.extend(vs),
                        Values::Fixed(v) => open.push(v),
                    }
                }
                let mut seen = std::collections::BTreeSet::new();
                open.retain(|v| seen.insert(v.clone()));
                Some(Values::Open(open))
            }
        },
        _ => None,
    }
}
