//! The models: every description of every model, on every page, merged into one (see the
//! policy in [`super`]), and the models' Rust names.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Diagnostic;
use crate::spec::{EnumValue, FREE_FORM_TYPES, ModelPin, Parameter, Type, ValueRange, Values};

use super::ModelId;
use super::naming::{self, Identity, Taken};

/// A parameter as the generator sees it: one page's, or the merge of a model's descriptions.
#[derive(Debug, Clone)]
pub(super) struct Param<'a> {
    /// Where the parameter is documented (the first description, for a merged one).
    pub file: &'a str,
    pub line: usize,
    pub name: &'a str,
    pub ty: &'a Type,
    pub required: bool,
    pub description: &'a str,
    pub notes: Vec<String>,
    pub max_length: Option<u32>,
    pub max_items: Option<u32>,
    pub range: Option<ValueRange>,
    pub values: Option<Values>,
    pub default: Option<String>,
    pub sensitive: bool,
    pub idempotency_key: bool,
    pub fixed_object: Option<Vec<(String, String)>>,
}

impl<'a> Param<'a> {
    /// The parameter `p` of the page `file`.
    pub fn of(p: &'a Parameter, file: &'a str) -> Self {
        Param {
            file,
            line: p.line,
            name: &p.name,
            ty: &p.ty,
            required: p.required,
            description: &p.description,
            notes: p.notes.clone(),
            max_length: p.max_length,
            max_items: p.max_items,
            range: p.range.clone(),
            values: p.values.clone(),
            default: p.default.clone(),
            sensitive: p.sensitive,
            idempotency_key: p.idempotency_key,
            fixed_object: p.fixed_fields(),
        }
    }
}

/// One description of a model: the children of one parameter on one page.
struct Description<'a> {
    /// The body's owner: the API's resource module and what its types are named after
    /// (`payments`, `Pay`; `PayTokenizedPayment` for a product's request).
    owner: (String, String),
    /// Where in the API's bodies the description is: `response.result`.
    place: String,
    /// The API's name on the page: `pay`.
    api: &'a str,
    /// The parameter that holds the description: `result`.
    field: &'a str,
    file: &'a str,
    line: usize,
    description: &'a str,
    fields: &'a [Parameter],
}

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

/// The descriptions of one model in groups that can be merged: a description joins the first
/// group that it agrees with, and otherwise starts a group of its own. A description agrees
/// with a group when they have a field in common, every common field has one shape (not an
/// object here and text there, say) and is required in both or in neither, and each requires
/// no field the other lacks: merging then never changes what a page requires, and a page added
/// later can only add optional fields to a model it agrees with.
fn compatible_groups<'d, 'a>(
    wire: &str,
    descs: &'d [Description<'a>],
    one_type: &OneType<'_>,
) -> Vec<Vec<&'d Description<'a>>> {
    let mut groups: Vec<(Vec<&Description<'a>>, BTreeMap<&'a str, &'a Parameter>)> = Vec::new();
    for d in descs {
        let own = by_name(d.fields);
        let agrees = |known: &BTreeMap<&str, &Parameter>| agree(wire, &own, known, one_type);
        match groups.iter_mut().find(|(_, known)| agrees(known)) {
            Some((members, known)) => {
                members.push(d);
                for (name, p) in own {
                    known.entry(name).or_insert(p);
                }
            }
            None => groups.push((vec![d], own)),
        }
    }
    groups.into_iter().map(|(members, _)| members).collect()
}

/// The models whose descriptions may differ in the values they fix and still be one type
/// ([`ModelPin::one_type`]): such a field is one the merchant sets, and each page's request is
/// validated to its own fixed value, so the model never sends one page's constant for another's.
pub(super) type OneType<'p> = BTreeSet<&'p str>;

/// The models `spec/policy.yaml` pins as one type.
fn one_type(pins: &[ModelPin]) -> OneType<'_> {
    pins.iter()
        .filter(|pin| pin.one_type)
        .map(|pin| pin.name.as_str())
        .collect()
}

/// The model a parameter's type names, or `""`.
fn model_of(p: &Parameter) -> &str {
    match p.ty.element() {
        Type::Model(name) => name,
        _ => "",
    }
}

/// Whether the fields `own` of a description of model `model` agree with the fields `known` of
/// a group (see [`compatible_groups`]); objects among the common fields must agree in their own
/// fields too, so that a nested object never takes another page's shape.
fn agree(
    model: &str,
    own: &BTreeMap<&str, &Parameter>,
    known: &BTreeMap<&str, &Parameter>,
    one_type: &OneType<'_>,
) -> bool {
    let checked = one_type.contains(model);
    let common = own.keys().filter(|name| known.contains_key(*name)).count();
    let same = own.iter().all(|(name, p)| match known.get(name) {
        Some(k) => {
            same_shape(&k.ty, &p.ty)
                && k.required == p.required
                && (checked || constant(k) == constant(p))
                && (k.children.is_empty()
                    || p.children.is_empty()
                    || agree(
                        model_of(p),
                        &by_name(&p.children),
                        &by_name(&k.children),
                        one_type,
                    ))
        }
        None => !p.required && (checked || constant(p).is_none()),
    });
    let nothing_missing = known.iter().all(|(name, k)| {
        (!k.required && (checked || constant(k).is_none())) || own.contains_key(name)
    });
    common > 0 && same && nothing_missing
}

/// What a description puts on the wire for a field whatever the merchant sets: the value the
/// page fixes it to, or the fixed fields of an object. Two descriptions that differ in it
/// would send one page's constant for the other page's request, so they are never merged.
#[derive(PartialEq)]
enum Constant<'p> {
    Value(&'p str),
    Object(Vec<(String, String)>),
}

fn constant(p: &Parameter) -> Option<Constant<'_>> {
    match &p.values {
        Some(Values::Fixed(value)) => Some(Constant::Value(value)),
        _ => p.fixed_fields().map(Constant::Object),
    }
}

fn by_name(params: &[Parameter]) -> BTreeMap<&str, &Parameter> {
    params.iter().map(|p| (p.name.as_str(), p)).collect()
}

/// The first way description `d` of `model` disagrees with `other`, as a phrase.
fn disagreement(
    model: &str,
    d: &Description<'_>,
    other: &Description<'_>,
    one_type: &OneType<'_>,
) -> String {
    fields_disagreement(model, d.fields, other.fields, one_type)
}

/// The first way the fields `mine` of a description of `model` disagree with `theirs`, as a
/// phrase.
fn fields_disagreement(
    model: &str,
    mine: &[Parameter],
    theirs: &[Parameter],
    one_type: &OneType<'_>,
) -> String {
    let checked = one_type.contains(model);
    let constants_differ = |o: &Parameter, p: &Parameter| !checked && constant(o) != constant(p);
    for p in mine {
        match theirs.iter().find(|o| o.name == p.name) {
            Some(o)
                if same_shape(&o.ty, &p.ty)
                    && o.required == p.required
                    && !constants_differ(o, p)
                    && !p.children.is_empty()
                    && !o.children.is_empty()
                    && !agree(
                        model_of(p),
                        &by_name(&p.children),
                        &by_name(&o.children),
                        one_type,
                    ) =>
            {
                return format!(
                    "in `{}`, {}",
                    p.name,
                    fields_disagreement(model_of(p), &p.children, &o.children, one_type)
                );
            }
            Some(o) if !same_shape(&o.ty, &p.ty) => {
                return format!("`{}` is {} here and {} there", p.name, p.ty, o.ty);
            }
            Some(o) if constants_differ(o, p) => {
                return format!(
                    "`{}` is {} here and {} there",
                    p.name,
                    says_constant(p),
                    says_constant(o)
                );
            }
            Some(o) if o.required != p.required => {
                let says = |required| if required { "required" } else { "optional" };
                return format!(
                    "`{}` is {} here and {} there",
                    p.name,
                    says(p.required),
                    says(o.required)
                );
            }
            None if p.required => return format!("`{}` is required here only", p.name),
            None if !checked && constant(p).is_some() => {
                return format!("`{}` is {} here only", p.name, says_constant(p));
            }
            _ => {}
        }
    }
    let missing = |o: &&Parameter| !mine.iter().any(|p| p.name == o.name);
    let fixed = |o: &&Parameter| !checked && constant(o).is_some();
    match theirs
        .iter()
        .filter(missing)
        .find(|o| o.required || fixed(o))
    {
        Some(o) if o.required => format!("`{}` is required there only", o.name),
        Some(o) => format!("`{}` is {} there only", o.name, says_constant(o)),
        None => "no field in common".to_owned(),
    }
}

/// How a description fixes a field, as a phrase: `fixed to `X``, `not fixed`.
fn says_constant(p: &Parameter) -> String {
    match constant(p) {
        Some(Constant::Value(value)) => format!("fixed to `{value}`"),
        Some(Constant::Object(fields)) => {
            let fields: Vec<String> = fields.iter().map(|(n, v)| format!("{n}: {v}")).collect();
            format!("fixed to {{{}}}", fields.join(", "))
        }
        None => "not fixed".to_owned(),
    }
}

/// Whether two documented types have one shape: scalars (text, numbers, flags: merged to the
/// loosest), one model, or arrays or maps of one shape.
fn same_shape(a: &Type, b: &Type) -> bool {
    match (a, b) {
        (Type::Array(a), Type::Array(b)) | (Type::Map(a), Type::Map(b)) => same_shape(a, b),
        (Type::Model(a), Type::Model(b)) => a == b,
        (Type::Model(_) | Type::Array(_) | Type::Map(_), _)
        | (_, Type::Model(_) | Type::Array(_) | Type::Map(_)) => false,
        _ => true,
    }
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

/// Merges the descriptions of model `name` (see the policy in [`super`]), with one warning
/// listing the differences.
fn merge<'a>(
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
        if f.max_length != p.max_length {
            differences.push(format!(
                "`{}` has maximum length {} and {} at {here}",
                p.name,
                show(f.max_length),
                show(p.max_length)
            ));
            f.max_length = f.max_length.zip(p.max_length).map(|(a, b)| a.max(b));
        }
        if f.max_items != p.max_items {
            differences.push(format!(
                "`{}` has maximum size {} and {} at {here}",
                p.name,
                show(f.max_items),
                show(p.max_items)
            ));
            f.max_items = f.max_items.zip(p.max_items).map(|(a, b)| a.max(b));
        }
        if f.range != p.range {
            differences.push(format!("`{}` has different value ranges at {here}", p.name));
            f.range = match (&f.range, &p.range) {
                (Some(a), Some(b)) => Some(ValueRange {
                    min: a.min.min(b.min),
                    max: a.max.zip(b.max).map(|(a, b)| a.max(b)),
                }),
                _ => None,
            };
        }
        if f.values != p.values {
            differences.push(format!("`{}` has different values at {here}", p.name));
            f.values = merge_values(f.values.take(), p.values.clone());
        }
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
                    field.default = Some((*first).to_owned());
                }
                Some(_) => {
                    field.default = None;
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
