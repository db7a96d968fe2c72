//! APIs that several pages describe: what tells the products of one endpoint apart, and the one
//! body struct of a response or notification that several pages describe (see the policy in
//! [`super`]).

use crate::diagnostic::Diagnostic;
use crate::spec::{ApiSpec, Parameter, Values};

use super::{Field, Product, Struct};

/// The values `spec`'s request allows for one top-level field alone, as (wire name, value): a
/// fixed value, or the one value of a required field's closed set (`productCode`).
pub(super) fn selector(spec: &ApiSpec) -> Vec<(String, String)> {
    spec.request
        .iter()
        .filter_map(|p| match &p.values {
            Some(Values::Fixed(value)) if p.children.is_empty() => {
                Some((p.name.clone(), value.clone()))
            }
            Some(Values::Closed(values)) if p.required && values.len() == 1 => {
                Some((p.name.clone(), values[0].value.clone()))
            }
            _ => None,
        })
        .collect()
}

/// Reports each product whose selector is the same as an earlier product's: a body of one could
/// not be told from a body of the other.
pub(super) fn distinct_selectors(
    api: &str,
    products: &[(&str, &Product)],
    errors: &mut Vec<Diagnostic>,
) {
    for (i, (file, product)) in products.iter().enumerate() {
        let mut mine = product.selector.clone();
        mine.sort();
        let twin = products[..i].iter().find(|(_, other)| {
            let mut theirs = other.selector.clone();
            theirs.sort();
            theirs == mine
        });
        if let Some((other_file, other)) = twin {
            errors.push(Diagnostic::error(
                *file,
                1,
                format!(
                    "the request of `{api}` ({}) cannot be told from its request on {other_file} ({}): expected a page that fixes a value of its own, such as `productCode`",
                    product.title, other.title
                ),
            ));
        }
    }
}

/// The one struct of a body that several pages describe, from each page's struct (built from
/// its parameters `params`): the union of their fields, in order of first appearance, a field
/// required only where every page requires it, sensitive where any page says so, with the first
/// page's documentation. Pages that give a field different types or constants are an error at
/// the later page's parameter.
pub(super) fn merge(
    pages: Vec<(&str, &[Parameter], Struct)>,
    errors: &mut Vec<Diagnostic>,
) -> Struct {
    let count = pages.len();
    let mut pages = pages.into_iter();
    let Some((first_file, _, mut merged)) = pages.next() else {
        return Struct {
            name: String::new(),
            docs: Vec::new(),
            fields: Vec::new(),
        };
    };
    let mut seen: Vec<usize> = vec![1; merged.fields.len()];
    let mut first_place: Vec<&str> = vec![first_file; merged.fields.len()];
    for (file, params, page) in pages {
        for field in page.fields {
            let line = params
                .iter()
                .find(|p| p.name == field.wire)
                .map_or(1, |p| p.line);
            match merged.fields.iter().position(|f| f.wire == field.wire) {
                Some(i) => {
                    if let Some(difference) = differ(&merged.fields[i], &field) {
                        errors.push(Diagnostic::error(
                            file,
                            line,
                            format!(
                                "`{}` {difference} on {}: the pages of `{}` must agree on a field they share",
                                field.wire, first_place[i], merged.name
                            ),
                        ));
                        continue;
                    }
                    let known = &mut merged.fields[i];
                    known.required &= field.required;
                    known.sensitive |= field.sensitive;
                    seen[i] += 1;
                }
                None => {
                    merged.fields.push(field);
                    seen.push(1);
                    first_place.push(file);
                }
            }
        }
    }
    for (field, seen) in merged.fields.iter_mut().zip(seen) {
        field.required &= seen == count;
    }
    merged
}

/// How field `b` differs from field `a` in what would be its Rust type or constant.
fn differ(a: &Field, b: &Field) -> Option<&'static str> {
    if a.ty != b.ty {
        Some("has another type here than")
    } else if a.fixed != b.fixed {
        Some("is fixed otherwise here than")
    } else {
        None
    }
}
