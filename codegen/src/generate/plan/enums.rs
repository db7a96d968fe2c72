//! The enums of closed value sets: one per field name, holding every value any page gives that
//! field, registered while structs are planned and named in one pass once all are known.
//!
//! A field name has one enum whatever page or object it is on, so that no page added or removed
//! can rename another page's enum: a page only adds values. Each page still accepts only its own
//! values in a request (see `checks`). The enum's documentation is no one page's: where pages
//! word the field or a value differently, each wording is given with the pages that use it.

use std::collections::BTreeMap;

use crate::spec::{ApiSpec, EnumValue, Parameter, Values};

use super::naming::{self, Taken};
use super::{Enum, EnumId, Variant, prose};

/// The enum candidates found so far: an arena that [`EnumId`]s index.
#[derive(Default)]
pub(super) struct Candidates {
    /// Every candidate, by id.
    drafts: Vec<Draft>,
    /// By wire field name, the id of its enum.
    by_field: BTreeMap<String, EnumId>,
    /// How the pages word each field with a closed set, and its values: the enums' docs.
    wording: BTreeMap<String, Wording>,
}

/// What the pages say of one field with a closed set, in page order.
#[derive(Default)]
struct Wording {
    /// Each first paragraph of the field's description, with the APIs that give it.
    descriptions: Vec<(String, Vec<String>)>,
    /// Per value, each explanation the pages give it, with the APIs that give it.
    values: BTreeMap<String, Vec<(String, Vec<String>)>>,
}

/// Adds `text` said by `api` to `said`, grouping the APIs that say the same.
fn say(said: &mut Vec<(String, Vec<String>)>, text: &str, api: &str) {
    match said.iter_mut().find(|(t, _)| t == text) {
        Some((_, apis)) if apis.iter().any(|a| a == api) => {}
        Some((_, apis)) => apis.push(api.to_owned()),
        None => said.push((text.to_owned(), vec![api.to_owned()])),
    }
}

/// The first paragraph of a description.
fn first_paragraph(description: &str) -> &str {
    description.split("\n\n").next().unwrap_or_default()
}

/// The text of several wordings: one alone as it is; several each with its APIs.
fn worded(said: &[(String, Vec<String>)]) -> Option<String> {
    let said: Vec<&(String, Vec<String>)> = said.iter().filter(|(t, _)| !t.is_empty()).collect();
    match said.as_slice() {
        [] => None,
        [(text, _)] => Some(text.clone()),
        several => Some(
            several
                .iter()
                .map(|(text, apis)| {
                    let apis: Vec<String> = apis.iter().map(|a| format!("`{a}`")).collect();
                    format!("On {}: {text}", apis.join(", "))
                })
                .collect::<Vec<_>>()
                .join("\n\n"),
        ),
    }
}

/// An enum before it has a name.
struct Draft {
    /// The field it is the type of.
    field: String,
    /// The values, in order of first appearance, with the first explanation each is given.
    values: Vec<EnumValue>,
    /// The first paragraph of the first field's description.
    description: String,
}

impl Candidates {
    /// No candidates yet, with the wording of every field with a closed set on every page.
    pub fn new(specs: &[&ApiSpec]) -> Self {
        fn walk(api: &str, params: &[Parameter], wording: &mut BTreeMap<String, Wording>) {
            for p in params {
                if let Some(Values::Closed(values)) = &p.values {
                    let w = wording.entry(p.name.clone()).or_default();
                    say(&mut w.descriptions, first_paragraph(&p.description), api);
                    for v in values {
                        let said = w.values.entry(v.value.clone()).or_default();
                        say(said, &v.description, api);
                    }
                }
                walk(api, &p.children, wording);
            }
        }
        let mut wording = BTreeMap::new();
        for spec in specs {
            walk(&spec.api, &spec.request, &mut wording);
            walk(&spec.api, &spec.response, &mut wording);
        }
        Candidates {
            wording,
            ..Candidates::default()
        }
    }

    /// The enum of field `field`, with the values of a closed set found on it added.
    pub fn candidate(&mut self, field: &str, description: &str, values: &[EnumValue]) -> EnumId {
        if let Some(&id) = self.by_field.get(field) {
            let draft = &mut self.drafts[id.0];
            for v in values {
                match draft.values.iter_mut().find(|k| k.value == v.value) {
                    Some(known) if known.description.is_empty() => {
                        known.description = v.description.clone();
                    }
                    Some(_) => {}
                    None => draft.values.push(v.clone()),
                }
            }
            return id;
        }
        let id = EnumId(self.drafts.len());
        self.by_field.insert(field.to_owned(), id);
        self.drafts.push(Draft {
            field: field.to_owned(),
            values: values.to_vec(),
            description: description
                .split("\n\n")
                .next()
                .unwrap_or_default()
                .to_owned(),
        });
        id
    }

    /// The naming pass: each enum's name (see [`naming::enumeration`]), given in the order of
    /// the fields' wire names. Returns the enums by id.
    pub fn name(self, taken: &mut Taken) -> Vec<Enum> {
        let mut names: Vec<String> = vec![String::new(); self.drafts.len()];
        for (field, id) in &self.by_field {
            names[id.0] = naming::enumeration(field, taken);
        }
        self.drafts
            .into_iter()
            .zip(names)
            .map(|(draft, name)| {
                let wording = self.wording.get(&draft.field);
                // The field's wording when every page gives the same; else none, and each
                // field's own documentation says what it holds there.
                let description = match wording.map(|w| w.descriptions.as_slice()) {
                    Some([(one, _)]) => one.clone(),
                    Some(_) => String::new(),
                    None => draft.description.clone(),
                };
                let explained = |v: &EnumValue| -> EnumValue {
                    let said = wording.and_then(|w| w.values.get(&v.value));
                    EnumValue {
                        value: v.value.clone(),
                        description: said
                            .and_then(|said| worded(said))
                            .unwrap_or_else(|| v.description.clone()),
                    }
                };
                Enum {
                    name,
                    docs: prose::enumeration(&draft.field, &description),
                    variants: naming::variants(&draft.values)
                        .into_iter()
                        .zip(&draft.values)
                        .map(|(ident, v)| Variant {
                            wire: v.value.clone(),
                            ident,
                            docs: prose::variant(&explained(v)),
                        })
                        .collect(),
                }
            })
            .collect()
    }
}
