//! JSON Schemas of the plan's types: a field's wire shape, with a page's rules over it laid on
//! top, the way the Rust code validates them (shared shapes, per-page rules).

use super::super::plan::{Check, FieldType, Fixed, Plan, Struct};
use super::Node;

/// `#/components/schemas/{name}`.
pub(super) fn reference(name: &str) -> Node {
    Node::map([("$ref", Node::str(format!("#/components/schemas/{name}")))])
}

/// The wire shape of a field of type `ty`, with `check`'s rules when a page gives some: the
/// array's size on the array, the rest on each (innermost) element.
pub(super) fn field(plan: &Plan<'_>, ty: &FieldType, url: bool, check: Option<&Check>) -> Node {
    match ty {
        FieldType::Array(inner) => {
            let mut node = Node::map([
                ("type", Node::str("array")),
                ("items", field(plan, inner, url, check)),
            ]);
            if let Some(max) = check.and_then(|c| c.max_items) {
                node.insert("maxItems", Node::Int(i64::from(max)));
            }
            node
        }
        FieldType::Map(inner) => Node::map([
            ("type", Node::str("object")),
            ("additionalProperties", field(plan, inner, url, check)),
        ]),
        scalar => {
            let mut node = shape(plan, scalar, url);
            if let Some(check) = check {
                element_rules(plan, check, &mut node);
            }
            node
        }
    }
}

/// The shape of a field that is not an array or a map. Antom sends numbers and booleans as
/// strings; a JSON number or boolean is read too, so both are allowed, the string form with a
/// pattern.
fn shape(plan: &Plan<'_>, ty: &FieldType, url: bool) -> Node {
    let string_or = |other: &str, pattern: &str| {
        Node::map([
            (
                "type",
                Node::Seq(vec![Node::str("string"), Node::str(other)]),
            ),
            ("pattern", Node::str(pattern)),
        ])
    };
    match ty {
        FieldType::String if url => {
            Node::map([("type", Node::str("string")), ("format", Node::str("uri"))])
        }
        FieldType::String => Node::map([("type", Node::str("string"))]),
        FieldType::Integer => string_or("integer", "^-?[0-9]+$"),
        FieldType::Decimal => string_or("number", r"^[-+]?[0-9]+(\.[0-9]+)?$"),
        FieldType::Boolean => string_or("boolean", "^(true|false)$"),
        FieldType::Datetime => Node::map([
            ("type", Node::str("string")),
            ("format", Node::str("date-time")),
        ]),
        FieldType::Enum(id) => reference(&plan.enumeration(*id).name),
        FieldType::Model(id) => reference(&plan.model(*id).name),
        FieldType::ResultStatus => reference("ResultStatus"),
        FieldType::Json => Node::map::<&str>([]),
        FieldType::Array(_) | FieldType::Map(_) => field(plan, ty, url, None),
    }
}

/// `check`'s rules over one value: its length, range, closed set, and the rules over its
/// fields when it is an object.
fn element_rules(plan: &Plan<'_>, check: &Check, node: &mut Node) {
    if let Some(max) = check.max_length {
        node.insert("maxLength", Node::Int(i64::from(max)));
    }
    if let Some(range) = &check.range {
        // For the string form the range is stated, and JSON Schema checks it on numbers only.
        node.insert("minimum", Node::Int(range.min));
        if let Some(max) = range.max {
            node.insert("maximum", Node::Int(max));
        }
    }
    if let Some(values) = &check.one_of {
        node.insert("enum", Node::Seq(values.iter().map(Node::str).collect()));
    }
    if !check.fields.is_empty() {
        let model = match check.ty.element() {
            FieldType::Model(id) => Some(plan.model(*id)),
            _ => None,
        };
        object_rules(plan, model, &check.fields, node);
    }
}

/// The rules `checks` over the fields of `model` (each field's shape with its rules, and the
/// fields the page requires), added to `node`.
pub(super) fn object_rules(
    plan: &Plan<'_>,
    model: Option<&Struct>,
    checks: &[Check],
    node: &mut Node,
) {
    let mut properties = Node::map::<&str>([]);
    for check in checks {
        let url = model
            .and_then(|m| m.fields.iter().find(|f| f.wire == check.wire))
            .is_some_and(|f| f.url);
        properties.insert(&check.wire, field(plan, &check.ty, url, Some(check)));
    }
    if !properties.is_empty() {
        node.insert("properties", properties);
    }
    let required: Vec<Node> = checks
        .iter()
        .filter(|c| c.required)
        .map(|c| Node::str(&c.wire))
        .collect();
    if !required.is_empty() {
        node.insert("required", Node::Seq(required));
    }
}

/// A struct's schema: its fields' shapes (a fixed field as its constant), the fields its Rust
/// type requires, and, when pages give rules, theirs: one page's inline, several pages' as
/// `anyOf` (the body is valid when one page's rules hold).
pub(super) fn structure(plan: &Plan<'_>, s: &Struct, rule_sets: &[&[Check]]) -> Node {
    let mut node = Node::map([("type", Node::str("object"))]);
    if let Some(doc) = s.docs.first() {
        node.insert("description", Node::str(doc));
    }
    let mut properties = Node::map::<&str>([]);
    let mut required = Vec::new();
    let single = match rule_sets {
        [one] => Some(*one),
        _ => None,
    };
    for f in &s.fields {
        let check = single.and_then(|checks| checks.iter().find(|c| c.wire == f.wire));
        let schema = match &f.fixed {
            Some(Fixed::Value(value)) => Node::map([("const", Node::str(value))]),
            Some(Fixed::Object(fields)) => {
                let mut fixed = Node::map::<&str>([]);
                for (wire, value) in fields {
                    fixed.insert(wire, Node::map([("const", Node::str(value))]));
                }
                Node::map([("type", Node::str("object")), ("properties", fixed)])
            }
            None => field(plan, &f.ty, f.url, check),
        };
        properties.insert(&f.wire, schema);
        let page_requires = check.is_some_and(|c| c.required);
        if f.required || page_requires {
            required.push(Node::str(&f.wire));
        }
    }
    node.insert("properties", properties);
    if !required.is_empty() {
        node.insert("required", Node::Seq(required));
    }
    if rule_sets.len() > 1 {
        let branches = rule_sets
            .iter()
            .map(|checks| {
                let mut branch = Node::map::<&str>([]);
                object_rules(plan, Some(s), checks, &mut branch);
                branch
            })
            .collect();
        node.insert("anyOf", Node::Seq(branches));
    }
    node
}
