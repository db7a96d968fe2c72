//! The enums of closed value sets: candidates registered while structs are planned, one per
//! field name and set of values, named in one pass once every candidate is known.

use std::collections::{BTreeMap, BTreeSet};

use crate::spec::EnumValue;

use super::naming::{self, Taken};
use super::{Enum, EnumId, Variant, prose};

/// The enum candidates found so far: an arena that [`EnumId`]s index.
#[derive(Default)]
pub(super) struct Candidates {
    /// Every candidate, by id.
    drafts: Vec<Draft>,
    /// By wire field name, the ids of its distinct value sets, in order of appearance.
    by_field: BTreeMap<String, Vec<EnumId>>,
}

/// An enum before it has a name.
struct Draft {
    /// The field it is the type of.
    field: String,
    /// The first struct with that field and these values.
    owner: String,
    /// The set of values, which tells candidates of one field apart.
    set: BTreeSet<String>,
    /// The values, with the first explanation each is given.
    values: Vec<EnumValue>,
    /// The first paragraph of the first field's description.
    description: String,
}

impl Candidates {
    /// The enum for a closed set found on field `field` of struct `owner`: the one registered
    /// for this field with the same values, or a new one.
    pub fn candidate(
        &mut self,
        owner: &str,
        field: &str,
        description: &str,
        values: &[EnumValue],
    ) -> EnumId {
        let set: BTreeSet<String> = values.iter().map(|v| v.value.clone()).collect();
        let ids = self.by_field.entry(field.to_owned()).or_default();
        if let Some(&id) = ids.iter().find(|id| self.drafts[id.0].set == set) {
            let draft = &mut self.drafts[id.0];
            for v in values {
                if let Some(known) = draft.values.iter_mut().find(|k| k.value == v.value) {
                    if known.description.is_empty() {
                        known.description = v.description.clone();
                    }
                }
            }
            return id;
        }
        let id = EnumId(self.drafts.len());
        ids.push(id);
        self.drafts.push(Draft {
            field: field.to_owned(),
            owner: owner.to_owned(),
            set,
            values: values.to_vec(),
            description: description
                .split("\n\n")
                .next()
                .unwrap_or_default()
                .to_owned(),
        });
        id
    }

    /// The naming pass: each candidate's name (see [`naming::enumeration`]), given in the
    /// order of the fields' wire names. Returns the enums by id.
    pub fn name(self, taken: &mut Taken) -> Vec<Enum> {
        let mut names: Vec<String> = vec![String::new(); self.drafts.len()];
        for (field, ids) in &self.by_field {
            for id in ids {
                let owner = &self.drafts[id.0].owner;
                names[id.0] = naming::enumeration(field, owner, ids.len() == 1, taken);
            }
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
