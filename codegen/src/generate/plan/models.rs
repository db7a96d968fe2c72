//! The models: every description of every model, on every page, merged into one (see the
//! policy in [`super`]), and the models' Rust names.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::inputs::ModelPin;
use crate::spec::{FREE_FORM_TYPES, Parameter, Type};

use super::ModelId;
use super::agreement::{compatible_groups, disagreement, one_type};
use super::merge::merge;
use super::naming::{self, Identity, Taken};
use super::params::{Description, Param};

/// A model with its descriptions merged.
pub(super) struct Merged<'a> {
    /// The name on the pages: `Result`.
    pub wire: &'a str,
    /// The Rust name: `ApiResult`.
    pub name: String,
    /// The holding fields' text when every description gives the same, or `""`.
    pub description: &'a str,
    /// The merged fields.
    pub fields: Vec<Param<'a>>,
}

/// The models of every page.
pub(super) struct Models<'a> {
    /// Each model with a name, in the order of the ids: [`ModelId`] `n` is `merged[n]`.
    pub merged: Vec<Merged<'a>>,
    /// Which model each parameter's type is.
    pub ids: ModelIds<'a>,
}

/// Which model a parameter's type is: the one its own description belongs to, or, for a
/// parameter that describes none, the model of its name that most descriptions share. A model
/// found in neither is kept as JSON.
#[derive(Default)]
pub(super) struct ModelIds<'a> {
    /// By the page and line of the describing parameter.
    by_place: BTreeMap<(&'a str, usize), ModelId>,
    /// By the model's name on the pages.
    by_name: BTreeMap<&'a str, ModelId>,
}

impl ModelIds<'_> {
    /// The model of parameter `p`, whose type names model `name`: never another page's for a
    /// type word that names no model (`Object`).
    pub fn get(&self, p: &Param<'_>, name: &str) -> Option<ModelId> {
        let by_name = || match p.ty.is_free_form() {
            true => None,
            false => self.by_name.get(name),
        };
        self.by_place
            .get(&(p.file, p.line))
            .or_else(by_name)
            .copied()
    }
}

/// Collects, names and merges the models of `pages`, in the order of their names on the pages.
pub(super) fn collect<'a>(
    pages: &[Identity<'a>],
    pins: &[ModelPin],
    taken: &mut Taken,
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) -> Models<'a> {
    let mut descriptions: BTreeMap<&'a str, Vec<Description<'a>>> = BTreeMap::new();
    let mut referenced: BTreeMap<&'a str, (&'a str, usize)> = BTreeMap::new();
    for page in pages {
        // Each product's request is a struct of its own, so its descriptions are never united
        // with another product's: only the bodies the API's pages share are.
        // Its types of its own are named after the product (`PayTokenizedPaymentOrder`).
        let request = match &page.product {
            Some(product) => format!("request of {product}"),
            None => "request".to_owned(),
        };
        let bodies = [
            (request.as_str(), &page.prefix, &page.spec.request),
            ("response", &page.ident, &page.spec.response),
        ];
        for (body, names, params) in bodies {
            for p in params {
                describe(
                    ((&page.resource, names), &page.spec.api),
                    (page.file, body),
                    p,
                    &mut descriptions,
                    &mut referenced,
                );
            }
        }
    }
    let names = name(&descriptions, &referenced, taken, warnings, errors);
    let mut models = Models {
        merged: Vec::new(),
        ids: ModelIds::default(),
    };
    let one_type = one_type(pins);
    for (wire, descs) in &descriptions {
        if FREE_FORM_TYPES.contains(wire) {
            free_form(wire, descs, taken, &mut models, warnings);
            continue;
        }
        let Some(plain) = names.get(wire) else {
            continue;
        };
        // The pinned (or largest) group keeps the model's name; every other description is a
        // type of its own, named after where it is used, so that its name depends on its page
        // alone.
        let groups = compatible_groups(wire, descs, &one_type);
        let primary = primary(wire, &groups, pins, warnings);
        let mut types: Vec<(bool, Vec<&Description<'a>>)> = Vec::new();
        for (i, group) in groups.into_iter().enumerate() {
            if Some(i) == primary {
                types.push((true, group));
            } else {
                types.extend(group.into_iter().map(|d| (false, vec![d])));
            }
        }
        let types = unite_apis(types);
        let other = types.iter().find(|(keeps, _)| *keeps).map(|(_, g)| g[0]);
        for (keeps_name, group) in &types {
            let name = if *keeps_name {
                plain.clone()
            } else {
                let d = group[0];
                let name = naming::split_model(&d.owner.1, d.field, taken);
                // With no group keeping the name (a pin no page matches), the pin's warning
                // says why.
                if let Some(other) = other {
                    warnings.push(Diagnostic::warning(
                        d.file,
                        d.line,
                        format!(
                            "`{}` describes `{wire}` differently from {}:{} ({}); it is its own type `{name}`, so that neither page changes the other's",
                            d.field,
                            other.file,
                            other.line,
                            disagreement(wire, d, other, &one_type)
                        ),
                    ));
                }
                name
            };
            let id = ModelId(models.merged.len());
            for d in group {
                models.ids.by_place.insert((d.file, d.line), id);
            }
            if *keeps_name {
                models.ids.by_name.insert(wire, id);
            }
            let first = group[0].description;
            let same = group.iter().all(|d| d.description == first);
            models.merged.push(Merged {
                wire,
                name,
                description: if same { first } else { "" },
                fields: merge(wire, group, warnings),
            });
        }
    }
    models
}

/// The objects that pages describe under a type word that names no model (`Object`): each is
/// a type of its own, named after its API and field (`InquireExchangeRatePaymentQuotes`), one
/// per body and place of an API so that the products of one endpoint agree on it; none is
/// reachable by the word.
fn free_form<'a>(
    wire: &'a str,
    descs: &[Description<'a>],
    taken: &mut Taken,
    models: &mut Models<'a>,
    warnings: &mut Vec<Diagnostic>,
) {
    let mut places: Vec<(&(String, String), &str, Vec<&Description<'a>>)> = Vec::new();
    for d in descs {
        match places
            .iter_mut()
            .find(|(owner, place, _)| **owner == d.owner && *place == d.place)
        {
            Some((_, _, group)) => group.push(d),
            None => places.push((&d.owner, &d.place, vec![d])),
        }
    }
    for (owner, _, group) in places {
        let id = ModelId(models.merged.len());
        for d in &group {
            models.ids.by_place.insert((d.file, d.line), id);
        }
        let first = group[0].description;
        let same = group.iter().all(|d| d.description == first);
        models.merged.push(Merged {
            wire,
            name: naming::split_model(&owner.1, group[0].field, taken),
            description: if same { first } else { "" },
            fields: merge(wire, &group, warnings),
        });
    }
}

/// The types of a model's descriptions (whether it keeps the model's name, and the descriptions
/// it merges), with the descriptions that the pages of one API give one field of a body they
/// share (each product's response `result`) made one type, so that the API's pages agree on the field's type: when they are
/// not all in one type already, they leave theirs for a type of their own (which keeps the
/// model's name if it took away every description that kept it).
fn unite_apis<'d, 'a>(
    mut types: Vec<(bool, Vec<&'d Description<'a>>)>,
) -> Vec<(bool, Vec<&'d Description<'a>>)> {
    let key = |d: &Description<'a>| (d.owner.clone(), d.place.clone());
    let mut keys: Vec<_> = types
        .iter()
        .flat_map(|(_, g)| g.iter().map(|d| key(d)))
        .collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let holders: Vec<usize> = (0..types.len())
            .filter(|&i| types[i].1.iter().any(|d| key(d) == k))
            .collect();
        if holders.len() < 2 {
            continue;
        }
        let mut united = Vec::new();
        let mut keeps = false;
        for &i in &holders {
            let (kept, group) = &mut types[i];
            united.extend(group.iter().filter(|d| key(d) == k).copied());
            group.retain(|d| key(d) != k);
            keeps |= *kept && group.is_empty();
        }
        types.retain(|(_, g)| !g.is_empty());
        types.push((keeps, united));
    }
    types
}

/// The group that keeps the model's own name: the one with the most descriptions, the first of
/// equally large ones, so that no single page decides it.
fn primary(
    wire: &str,
    groups: &[Vec<&Description<'_>>],
    pins: &[ModelPin],
    warnings: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let required = |group: &[&Description<'_>]| -> Vec<String> {
        let mut names: Vec<String> = group[0]
            .fields
            .iter()
            .filter(|p| p.required)
            .map(|p| p.name.clone())
            .collect();
        names.sort();
        names
    };
    let first = &groups[0][0];
    if let Some(pin) = pins.iter().find(|pin| pin.name == wire) {
        let mut wanted = pin.required.clone();
        wanted.sort();
        if let Some(i) = groups.iter().position(|g| required(g) == wanted) {
            return Some(i);
        }
        warnings.push(Diagnostic::warning(
            first.file,
            first.line,
            format!(
                "spec/policy.yaml pins the description of `{wire}` that requires [{}], which no page gives any more, so no description keeps the name (each is a type of its own): expected a pin of one of {}",
                wanted.join(", "),
                groups.iter().map(|g| format!("[{}]", required(g).join(", "))).collect::<Vec<_>>().join(", ")
            ),
        ));
        return None;
    }
    let mut best = 0;
    for (i, group) in groups.iter().enumerate() {
        if group.len() > groups[best].len() {
            best = i;
        }
    }
    if groups.len() > 1 && !pins.iter().any(|pin| pin.name == wire) {
        warnings.push(Diagnostic::warning(
            first.file,
            first.line,
            format!(
                "`{wire}` is described in {} ways; those that require [{}] keep its name ({} of {} descriptions, the most of any way or the first of the most): pin that in spec/policy.yaml (`models`), so that no page added or removed moves it",
                groups.len(),
                required(&groups[best]).join(", "),
                groups[best].len(),
                groups.iter().map(Vec::len).sum::<usize>()
            ),
        ));
    }
    Some(best)
}

/// Adds the descriptions of models that `p` (found in `file` at `within`, as `request`) and its
/// children give.
fn describe<'a>(
    (owner, api): ((&str, &str), &'a str),
    (file, within): (&'a str, &str),
    p: &'a Parameter,
    descriptions: &mut BTreeMap<&'a str, Vec<Description<'a>>>,
    referenced: &mut BTreeMap<&'a str, (&'a str, usize)>,
) {
    let place = format!("{within}.{}", p.name);
    if p.fixed_fields().is_some() {
        // A constant, not a description of its model.
        return;
    }
    if let Type::Model(name) = p.ty.element() {
        referenced.entry(name).or_insert((file, p.line));
        if !p.children.is_empty() {
            descriptions.entry(name).or_default().push(Description {
                owner: (owner.0.to_owned(), owner.1.to_owned()),
                place: place.clone(),
                api,
                field: &p.name,
                file,
                line: p.line,
                description: &p.description,
                fields: &p.children,
            });
        }
    }
    for child in &p.children {
        describe(
            (owner, api),
            (file, &place),
            child,
            descriptions,
            referenced,
        );
    }
}

/// The Rust name of every described model; a model no page describes is kept as JSON.
fn name<'a>(
    descriptions: &BTreeMap<&'a str, Vec<Description<'a>>>,
    referenced: &BTreeMap<&'a str, (&'a str, usize)>,
    taken: &mut Taken,
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<&'a str, String> {
    let mut names = BTreeMap::new();
    for (name, &(file, line)) in referenced {
        if FREE_FORM_TYPES.contains(name) {
            // Free-form JSON where undescribed (the parser warns of an object with no fields);
            // each description its own type (see [`free_form`]).
            continue;
        }
        if !descriptions.contains_key(name) {
            warnings.push(Diagnostic::warning(
                file,
                line,
                format!("model `{name}` has no documented fields on any page; it is kept as JSON"),
            ));
        } else if let Some(rust) = naming::model(name, (file, line), taken, errors) {
            names.insert(*name, rust);
        }
    }
    names
}
