//! Which descriptions of a model can be one type: the groups of descriptions that agree (see
//! the rule in [`super`]), and the phrase saying how two disagree.

use std::collections::{BTreeMap, BTreeSet};

use crate::inputs::ModelPin;
use crate::spec::{Parameter, Type, Values};

use super::params::Description;

/// The descriptions of one model in groups that can be merged: a description joins the first
/// group that it agrees with, and otherwise starts a group of its own. A description agrees
/// with a group when they have a field in common, every common field has one shape (not an
/// object here and text there, say) and is required in both or in neither, and each requires
/// no field the other lacks: merging then never changes what a page requires, and a page added
/// later can only add optional fields to a model it agrees with.
pub(super) fn compatible_groups<'d, 'a>(
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
pub(super) fn one_type(pins: &[ModelPin]) -> OneType<'_> {
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
pub(super) fn disagreement(
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
