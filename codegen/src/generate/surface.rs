//! What the SDK offers its users, item by item, read off the plan; and what a change of pages
//! does to it: each type, field, constructor, value and result code added, removed or changed,
//! and whether code written against the old SDK may stop compiling.
//!
//! The rules follow from what the generator emits. Every struct and enum is `#[non_exhaustive]`,
//! built with `new(required fields, in page order)` and a setter per optional field, so:
//!
//! - a type, an optional field, an enum value, a product or a result code added breaks nobody;
//! - a required field added changes `new` (and takes `Default` away): breaking;
//! - anything removed, a field's type changed (an optional field made required is `Option<T>` to
//!   `T`), a constructor's parameters changed, or a value's wire spelling changed: breaking.
//!
//! Documentation and validation rules (lengths, ranges, which values a page's request accepts)
//! change no type; the schema's diff shows them.

use std::collections::BTreeMap;
use std::fmt;

use super::plan::{Body, FieldType, Plan, Request, Struct};
use crate::spec::ApiKind;

/// The SDK's public items, by Rust path (`vaults::CreateVaultingSessionRequest`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    items: BTreeMap<String, Item>,
}

/// One public item and its members.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    /// The pages it comes from (`spec/pay_cashier.md and spec/pay_agreement.md`), or
    /// [`SHARED`] for the models and enums at the crate root.
    owner: String,
    kind: Kind,
    /// Fields and `new` of a struct, variants of an enum, the method of an API: by name, with
    /// what a user's code relies on (a field's type, a variant's wire spelling).
    members: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Api,
    Struct,
    /// A `#[non_exhaustive]` enum: values, products, result codes.
    Enum,
}

/// The owner of the items at the crate root, which several pages may share.
const SHARED: &str = "models and enums at the crate root";

impl Surface {
    /// The surface of the SDK that `plan` generates.
    pub(super) fn of(plan: &Plan<'_>) -> Surface {
        let mut surface = Surface::default();
        for model in &plan.models {
            surface.add_struct(plan, SHARED, String::new(), model);
        }
        for enumeration in &plan.enums {
            let variants = enumeration
                .variants
                .iter()
                .map(|v| (v.ident.clone(), format!("`{}`", v.wire)));
            surface.add(&enumeration.name, SHARED, Kind::Enum, variants.collect());
        }
        for page in &plan.pages {
            let owner = super::sources(page);
            let module = format!("{}::", page.resource);
            let method = match page.spec.kind {
                ApiKind::Request => format!("client.{}().{}(..)", page.resource, page.method),
                ApiKind::Notification => "a notification".to_owned(),
            };
            let api = BTreeMap::from([("method".to_owned(), method)]);
            surface.add(&format!("{module}{}", page.ident), &owner, Kind::Api, api);
            match &page.request {
                Request::Body(Body { body, .. }) => {
                    surface.add_struct(plan, &owner, module.clone(), body)
                }
                Request::Products { products, .. } => {
                    let variants = products
                        .iter()
                        .map(|p| (p.variant.clone(), p.request.name.clone()));
                    let name = format!("{module}{}Request", page.ident);
                    surface.add(&name, &owner, Kind::Enum, variants.collect());
                    for product in products {
                        surface.add_struct(plan, &owner, module.clone(), &product.request);
                    }
                }
            }
            surface.add_struct(plan, &owner, module.clone(), &page.response.body);
            let codes = page
                .codes
                .iter()
                .map(|c| (c.ident.clone(), format!("`{}`", c.code)));
            let name = format!("{module}{}", page.codes_name);
            surface.add(&name, &owner, Kind::Enum, codes.collect());
        }
        surface
    }

    fn add(&mut self, path: &str, owner: &str, kind: Kind, members: BTreeMap<String, String>) {
        let owner = owner.to_owned();
        self.items.insert(
            path.to_owned(),
            Item {
                owner,
                kind,
                members,
            },
        );
    }

    /// A struct: its fields (the constant ones a page fixes are no Rust fields) and `new`.
    fn add_struct(&mut self, plan: &Plan<'_>, owner: &str, module: String, s: &Struct) {
        let fields = s.fields.iter().filter(|f| f.fixed.is_none());
        let mut members = BTreeMap::new();
        let mut params = Vec::new();
        for f in fields {
            let ty = type_name(plan, &f.ty);
            let ident = f.ident.trim_start_matches("r#");
            if f.required {
                let param = match f.ty {
                    FieldType::String => "impl Into<String>".to_owned(),
                    _ => ty.clone(),
                };
                params.push(format!("{ident}: {param}"));
                members.insert(ident.to_owned(), format!("{ty} (`{}`)", f.wire));
            } else {
                members.insert(ident.to_owned(), format!("Option<{ty}> (`{}`)", f.wire));
            }
        }
        // `new()` is no field's name.
        members.insert("new()".to_owned(), format!("new({})", params.join(", ")));
        self.add(&format!("{module}{}", s.name), owner, Kind::Struct, members);
    }
}

/// The Rust type of a field as the generated code spells it (`emit::rust_type`'s tokens, written
/// without the spaces between tokens), without the `Option` of an optional one.
fn type_name(plan: &Plan<'_>, ty: &FieldType) -> String {
    let tokens = super::emit::rust_type(plan, ty).to_string();
    tokens.replace(' ', "").replace(',', ", ")
}

/// What a change of pages does to the SDK's users.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    /// Each change, by owner (pages, then the crate root's shared items) and item.
    pub changes: Vec<Change>,
}

/// One item or member added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The pages of the item (`spec/refund.md`), or the crate root's shared models and enums.
    pub owner: String,
    /// What changed: `added field vaults::CreateVaultingSessionRequest.merchant_note:
    /// Option<String> (`merchantNote`)`.
    pub what: String,
    /// Whether code written against the old SDK may no longer compile.
    pub breaking: bool,
}

impl Impact {
    /// The changes from `old` to `new`.
    pub fn between(old: &Surface, new: &Surface) -> Impact {
        let mut changes = Vec::new();
        let mut paths: Vec<&String> = old.items.keys().chain(new.items.keys()).collect();
        paths.sort();
        paths.dedup();
        for path in paths {
            match (old.items.get(path), new.items.get(path)) {
                (Some(old), None) => changes.push(Change {
                    owner: old.owner.clone(),
                    what: format!("removed {} {path}", old.kind.noun()),
                    breaking: true,
                }),
                (None, Some(new)) => changes.push(Change {
                    owner: new.owner.clone(),
                    what: format!("added {} {path}", new.kind.noun()),
                    breaking: false,
                }),
                (Some(old), Some(new)) => members(path, old, new, &mut changes),
                (None, None) => {}
            }
        }
        // Pages first (in path order), the crate root's shared items last.
        changes.sort_by(|a, b| (a.owner == SHARED, &a.owner).cmp(&(b.owner == SHARED, &b.owner)));
        Impact { changes }
    }

    /// Whether any change may break users' code.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Api => "API",
            Kind::Struct => "struct",
            Kind::Enum => "enum",
        }
    }

    fn member(self, name: &str) -> &'static str {
        match (self, name) {
            (Kind::Struct, "new()") => "constructor",
            (Kind::Struct, _) => "field",
            (Kind::Enum, _) => "variant",
            (Kind::Api, _) => "method",
        }
    }
}

/// The changes of the members of one item.
fn members(path: &str, old: &Item, new: &Item, changes: &mut Vec<Change>) {
    let mut push = |what: String, breaking: bool| {
        changes.push(Change {
            owner: new.owner.clone(),
            what,
            breaking,
        })
    };
    if old.kind != new.kind {
        let (was, is) = (old.kind.noun(), new.kind.noun());
        push(format!("changed {path} from {was} to {is}"), true);
        return;
    }
    let separator = if new.kind == Kind::Enum { "::" } else { "." };
    let mut names: Vec<&String> = old.members.keys().chain(new.members.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let noun = new.kind.member(name);
        let at = match (new.kind, name.as_str()) {
            (Kind::Struct, "new()") => format!("{path}::"),
            (Kind::Api, _) => format!("{path} "),
            _ => format!("{path}{separator}{name}: "),
        };
        match (old.members.get(name), new.members.get(name)) {
            (Some(was), None) => push(format!("removed {noun} {at}{was}"), true),
            (None, Some(is)) => {
                // An optional field or a variant of a `#[non_exhaustive]` enum is additive; a
                // required field changes `new`.
                let breaking = new.kind == Kind::Struct && !is.starts_with("Option<");
                push(format!("added {noun} {at}{is}"), breaking);
            }
            (Some(was), Some(is)) if was != is => {
                push(format!("changed {noun} {at}{was} to {is}"), true)
            }
            _ => {}
        }
    }
}

impl fmt::Display for Impact {
    /// One paragraph per owner: its verdict, then its changes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.changes.is_empty() {
            return writeln!(f, "no change to the SDK's types");
        }
        for group in self.changes.chunk_by(|a, b| a.owner == b.owner) {
            let verdict = if group.iter().any(|c| c.breaking) {
                "breaking"
            } else {
                "not breaking"
            };
            writeln!(f, "{}: {verdict}", group[0].owner)?;
            for change in group {
                let mark = if change.breaking { " (breaking)" } else { "" };
                writeln!(f, "  {}{mark}", change.what)?;
            }
        }
        let verdict = if self.is_breaking() {
            "breaking: code written against the old SDK may not compile (a major version)"
        } else {
            "not breaking: additions only (a minor version)"
        };
        writeln!(f, "for users: {verdict}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: Kind, members: &[(&str, &str)]) -> Item {
        Item {
            owner: "spec/refund.md".to_owned(),
            kind,
            members: members
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn surface(items: &[(&str, Item)]) -> Surface {
        Surface {
            items: items
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        }
    }

    fn lines(impact: &Impact) -> Vec<(String, bool)> {
        impact
            .changes
            .iter()
            .map(|c| (c.what.clone(), c.breaking))
            .collect()
    }

    #[test]
    fn additions_are_not_breaking_and_the_rest_is() {
        let old = surface(&[
            (
                "payments::RefundRequest",
                item(
                    Kind::Struct,
                    &[
                        ("refund_request_id", "String (`refundRequestId`)"),
                        ("refund_reason", "Option<String> (`refundReason`)"),
                        ("new()", "new(refund_request_id: impl Into<String>)"),
                    ],
                ),
            ),
            (
                "payments::RefundResultCode",
                item(Kind::Enum, &[("ParamIllegal", "`PARAM_ILLEGAL`")]),
            ),
        ]);
        let mut new = old.clone();
        let request = new.items.get_mut("payments::RefundRequest").unwrap();
        request
            .members
            .insert("is_async".into(), "Option<bool> (`isAsync`)".into());
        let codes = new.items.get_mut("payments::RefundResultCode").unwrap();
        codes
            .members
            .insert("RefundInProcess".into(), "`REFUND_IN_PROCESS`".into());
        let impact = Impact::between(&old, &new);
        assert!(!impact.is_breaking(), "{impact}");
        assert_eq!(
            lines(&impact),
            [
                (
                    "added field payments::RefundRequest.is_async: Option<bool> (`isAsync`)".into(),
                    false
                ),
                (
                    "added variant payments::RefundResultCode::RefundInProcess: `REFUND_IN_PROCESS`"
                        .into(),
                    false
                ),
            ]
        );

        // An optional field made required: its type and the constructor change.
        let mut required = old.clone();
        let request = required.items.get_mut("payments::RefundRequest").unwrap();
        request
            .members
            .insert("refund_reason".into(), "String (`refundReason`)".into());
        request.members.insert(
            "new()".into(),
            "new(refund_request_id: impl Into<String>, refund_reason: impl Into<String>)".into(),
        );
        let impact = Impact::between(&old, &required);
        assert!(impact.is_breaking());
        assert_eq!(impact.changes.len(), 2, "{impact}");
        assert!(impact.changes.iter().all(|c| c.breaking));
        assert!(impact.to_string().contains(
            "changed field payments::RefundRequest.refund_reason: Option<String> (`refundReason`) to String (`refundReason`) (breaking)"
        ), "{impact}");

        // A field and a result code removed.
        let mut removed = old.clone();
        let request = removed.items.get_mut("payments::RefundRequest").unwrap();
        request.members.remove("refund_reason");
        let codes = removed.items.get_mut("payments::RefundResultCode").unwrap();
        codes.members.remove("ParamIllegal");
        let impact = Impact::between(&old, &removed);
        assert_eq!(
            lines(&impact),
            [
                (
                    "removed field payments::RefundRequest.refund_reason: Option<String> (`refundReason`)"
                        .into(),
                    true
                ),
                (
                    "removed variant payments::RefundResultCode::ParamIllegal: `PARAM_ILLEGAL`"
                        .into(),
                    true
                ),
            ]
        );
    }

    #[test]
    fn a_required_field_added_breaks_and_items_come_and_go() {
        let old = surface(&[(
            "Amount",
            Item {
                owner: SHARED.to_owned(),
                ..item(Kind::Struct, &[("new()", "new()")])
            },
        )]);
        let mut new = old.clone();
        let amount = new.items.get_mut("Amount").unwrap();
        amount
            .members
            .insert("currency".into(), "String (`currency`)".into());
        amount
            .members
            .insert("new()".into(), "new(currency: impl Into<String>)".into());
        new.items.insert(
            "payments::Refund".into(),
            item(Kind::Api, &[("method", "m")]),
        );
        let impact = Impact::between(&old, &new);
        // The page's changes first, then the shared items'.
        assert_eq!(
            lines(&impact),
            [
                ("added API payments::Refund".into(), false),
                (
                    "added field Amount.currency: String (`currency`)".into(),
                    true
                ),
                (
                    "changed constructor Amount::new() to new(currency: impl Into<String>)".into(),
                    true
                ),
            ]
        );
        let text = impact.to_string();
        assert!(text.starts_with("spec/refund.md: not breaking\n"), "{text}");
        assert!(text.contains(&format!("\n{SHARED}: breaking\n")), "{text}");
        assert!(text.ends_with("(a major version)\n"), "{text}");
        let gone = Impact::between(&new, &old);
        assert!(
            gone.changes
                .iter()
                .any(|c| c.what == "removed API payments::Refund" && c.breaking)
        );
        assert_eq!(
            Impact::between(&old, &old).to_string(),
            "no change to the SDK's types\n"
        );
    }
}
