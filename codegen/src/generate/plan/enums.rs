//! The enums of closed value sets: one per field name, holding every value any page gives that
//! field, registered while structs are planned and named in one pass once all are known.
//!
//! A field name has one enum whatever page or object it is on, so that no page added or removed
//! can rename another page's enum: a page only adds values. Each page still accepts only its own
//! values in a request (see `checks`).

use std::collections::BTreeMap;

use crate::spec::EnumValue;

use super::naming::{self, Taken};
use super::{Enum, EnumId, Variant, prose};

/// The enum candidates found so far: an arena that [`EnumId`]s index.
#[derive(Default)]
pub(super) struct Candidates {
    /// Every candidate, by id.
    drafts: Vec<Draft>,
    /// By wire field name, the id of its enum.
    by_field: BTreeMap<String, EnumId>,
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
            .map(|(draft, name)| Enum {
                name,
                docs: prose::enumeration(&draft.field, &draft.description),
                variants: naming::variants(&draft.values)
                    .into_iter()
                    .zip(&draft.values)
                    .map(|(ident, v)| Variant {
                        wire: v.value.clone(),
                        ident,
                        docs: prose::variant(v),
                    })
                    .collect(),
            })
            .collect()
    }
}
