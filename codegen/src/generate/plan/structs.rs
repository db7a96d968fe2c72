//! Structs from parameters: each field's Rust name and type, its constraints, and the constant of
//! a field the page fixes; closed value sets become enum candidates.

use crate::diagnostic::Diagnostic;
use crate::spec::{Type, Values};

use super::enums::Candidates;
use super::models::ModelIds;
use super::params::Param;
use super::{Field, FieldType, Fixed, Struct, naming, prose};

/// The struct `name` with a field per parameter. A parameter without a Rust name, or with the
/// Rust name of an earlier one, is an error and gets no field.
pub(super) fn build(
    name: &str,
    mut docs: Vec<String>,
    params: &[Param<'_>],
    models: &ModelIds<'_>,
    enums: &mut Candidates,
    errors: &mut Vec<Diagnostic>,
) -> Struct {
    let mut fields: Vec<Field> = Vec::new();
    for p in params {
        let Some(ident) = naming::field(name, p, &fields, errors) else {
            continue;
        };
        let (ty, fixed) = field_type_and_constant(p, models, enums);
        if let Some(scalar) = nested_string_scalar(&ty, false) {
            errors.push(Diagnostic::error(
                p.file,
                p.line,
                format!(
                    "`{}` is {}: {scalar} values inside a map or a nested array are not generated yet (the wire sends them as strings)",
                    p.name, p.ty
                ),
            ));
            continue;
        }
        fields.push(Field {
            setter: naming::setter(&ident),
            wire: p.name.to_owned(),
            ident,
            ty,
            required: p.required,
            docs: prose::field(p),
            sensitive: p.sensitive,
            idempotency_key: p.idempotency_key,
            url: p.ty.element() == &Type::Url,
            fixed,
        });
    }
    if let Some(note) = prose::fixed_fields(&fields) {
        docs.push(note);
    }
    Struct {
        name: name.to_owned(),
        docs,
        fields,
    }
}

/// The Rust type of `p`, and the constant it is always sent as when the page fixes it.
fn field_type_and_constant(
    p: &Param<'_>,
    models: &ModelIds<'_>,
    enums: &mut Candidates,
) -> (FieldType, Option<Fixed>) {
    if let Some(fields) = &p.fixed_object {
        return (FieldType::Json, Some(Fixed::Object(fields.clone())));
    }
    match &p.constraints.values {
        Some(Values::Fixed(value)) => (
            field_type(p.ty, p, models),
            Some(Fixed::Value(value.clone())),
        ),
        Some(Values::Closed(values)) if p.ty.element() == &Type::String => {
            let is_status = p.name == "resultStatus"
                && values
                    .iter()
                    .all(|v| matches!(v.value.as_str(), "S" | "F" | "U"));
            let scalar = if is_status {
                FieldType::ResultStatus
            } else {
                FieldType::Enum(enums.candidate(p.name, p.description, values))
            };
            let ty = match p.ty {
                Type::Array(_) => FieldType::Array(Box::new(scalar)),
                _ => scalar,
            };
            (ty, None)
        }
        _ => (field_type(p.ty, p, models), None),
    }
}

/// The Rust type of a documented type; a model without a plan is JSON.
fn field_type(ty: &Type, p: &Param<'_>, models: &ModelIds<'_>) -> FieldType {
    match ty {
        Type::String | Type::Url => FieldType::String,
        Type::Integer => FieldType::Integer,
        Type::Decimal => FieldType::Decimal,
        Type::Boolean => FieldType::Boolean,
        Type::Datetime => FieldType::Datetime,
        Type::Model(name) => match models.get(p, name) {
            Some(id) => FieldType::Model(id),
            None => FieldType::Json,
        },
        Type::Array(inner) => FieldType::Array(Box::new(field_type(inner, p, models))),
        Type::Map(inner) => FieldType::Map(Box::new(field_type(inner, p, models))),
    }
}

/// The scalar sent as a string (`Integer`, `Boolean`, `Datetime`) that `ty` holds inside a map
/// or an array of arrays, where the runtime has no string form for it yet.
fn nested_string_scalar(ty: &FieldType, nested: bool) -> Option<&'static str> {
    match ty {
        FieldType::Integer if nested => Some("Integer"),
        FieldType::Boolean if nested => Some("Boolean"),
        FieldType::Datetime if nested => Some("Datetime"),
        FieldType::Array(inner) => {
            nested_string_scalar(inner, nested || matches!(**inner, FieldType::Array(_)))
        }
        FieldType::Map(inner) => nested_string_scalar(inner, true),
        _ => None,
    }
}
