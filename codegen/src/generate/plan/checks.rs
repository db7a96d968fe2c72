//! Each page's own validation rules over the Rust types: what its request and response must
//! satisfy, nested objects included, whatever other pages say about a model they share.

use crate::spec::{Constraints, Parameter, Type, ValueRange, Values};

use super::{Field, FieldType, Struct};

/// A page's rules over one field of a struct, with its rules over the fields of the field's
/// object when it is one.
#[derive(Debug)]
pub struct Check {
    /// The wire name, for the JSON path of a violation.
    pub wire: String,
    /// The Rust field.
    pub ident: String,
    /// The Rust field is an `Option`.
    pub optional: bool,
    /// The page marks the field REQUIRED.
    pub required: bool,
    /// The field's Rust type.
    pub ty: FieldType,
    /// The page's `Maximum length`, of the text or of each text element.
    pub max_length: Option<u32>,
    /// The page's `Maximum size` of an array.
    pub max_items: Option<u32>,
    /// The page's `Value range`.
    pub range: Option<ValueRange>,
    /// The page's closed set of values (or the one value it fixes a field of a shared type to),
    /// for a field whose type is text or an enum.
    pub one_of: Option<Vec<String>>,
    /// The page's rules over the fields of the object (or of each element or value of it).
    pub fields: Vec<Check>,
}

/// The rules of the page's parameters `params` over the fields of a struct, `fields`; `models`
/// is the arena of model structs, for nested objects. A parameter without a Rust field (fixed,
/// or not planned because of an error) has no rules.
pub(super) fn of(params: &[Parameter], fields: &[Field], models: &[Struct]) -> Vec<Check> {
    let mut checks = Vec::new();
    for p in params {
        let Some(f) = fields
            .iter()
            .find(|f| f.wire == p.name && f.fixed.is_none())
        else {
            continue;
        };
        let element = f.ty.element();
        let nested = match element {
            FieldType::Model(id) if !p.children.is_empty() => {
                of(&p.children, &models[id.0].fields, models)
            }
            _ => Vec::new(),
        };
        // Every constraint of the page, each checked where the field's type has it (a default
        // is no rule: Antom applies it, the merchant need not).
        let Constraints {
            max_length,
            max_items,
            range,
            values,
            default: _,
        } = p.constraints();
        // The page's own closed set, whatever other pages allow in the type they share; and
        // the value it fixes a field to that is no constant of the shared type (other pages
        // fix it otherwise, or not at all: see `ModelPin::one_type`).
        let one_of = match (&values, element) {
            (Some(Values::Closed(values)), FieldType::Enum(_) | FieldType::String) => {
                Some(values.iter().map(|v| v.value.clone()).collect())
            }
            (Some(Values::Fixed(value)), FieldType::Enum(_) | FieldType::String) => {
                Some(vec![value.clone()])
            }
            _ => None,
        };
        let text = matches!(element, FieldType::String | FieldType::Decimal);
        checks.push(Check {
            wire: f.wire.clone(),
            ident: f.ident.clone(),
            optional: !f.required,
            required: p.required,
            ty: f.ty.clone(),
            max_length: max_length.filter(|_| text),
            max_items: max_items.filter(|_| matches!(p.ty, Type::Array(_))),
            range: range.filter(|_| matches!(element, FieldType::Integer)),
            one_of,
            fields: nested,
        });
    }
    checks
}

impl Check {
    /// Whether the check checks anything.
    pub fn is_empty(&self) -> bool {
        !self.required
            && self.max_length.is_none()
            && self.max_items.is_none()
            && self.range.is_none()
            && self.one_of.is_none()
            && self.fields.iter().all(Check::is_empty)
    }
}
