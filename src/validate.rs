//! Checking a request against its page's rules before anything is sent.
//!
//! Generated types implement [`Validate`] by walking their fields, nested objects and arrays.
//! The JSON path of a field is built lazily as a chain of [`Path`] links on the stack, and is
//! only rendered to a string when a rule is broken: validating a valid request allocates nothing.

use std::fmt;

/// A type whose values can be checked against the rules of its page.
pub trait Validate {
    /// Checks `self`, found at `path`, and appends every broken rule to `violations`.
    fn validate_at(&self, path: &Path<'_>, violations: &mut Vec<Violation>);

    /// Checks `self` and returns every broken rule, not only the first.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut violations = Vec::new();
        self.validate_at(&Path::Root, &mut violations);
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations })
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, path: &Path<'_>, violations: &mut Vec<Violation>) {
        if let Some(value) = self {
            value.validate_at(path, violations);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &Path<'_>, violations: &mut Vec<Violation>) {
        for (index, item) in self.iter().enumerate() {
            item.validate_at(&Path::Index(path, index), violations);
        }
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_at(&self, path: &Path<'_>, violations: &mut Vec<Violation>) {
        (**self).validate_at(path, violations);
    }
}

/// Where a value sits in a request body, as a chain of links back to the root.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The body itself.
    Root,
    /// A field of the object at the parent path, by wire name.
    Field(&'a Path<'a>, &'static str),
    /// An element of the array at the parent path.
    Index(&'a Path<'a>, usize),
    /// The value under a key of the map at the parent path.
    Key(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    /// The path of field `name` (its wire name) of the object at this path.
    pub fn field(&'a self, name: &'static str) -> Path<'a> {
        Path::Field(self, name)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(Path::Root, name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
            Path::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The JSON path of the offending field: `order.goods[2].goodsName`.
    pub path: String,
    /// The rule it breaks.
    pub rule: Rule,
}

impl Violation {
    /// A violation of `rule` at `path`.
    pub fn new(path: &Path<'_>, rule: Rule) -> Self {
        Violation {
            path: path.to_string(),
            rule,
        }
    }
}

/// A rule from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// A REQUIRED field is missing or empty.
    Required,
    /// `Maximum length: max characters`; `actual` is the value's length in characters.
    MaxLength {
        /// The page's maximum, in characters.
        max: u32,
        /// The value's length, in characters.
        actual: usize,
    },
    /// `Maximum size: max elements`; `actual` is the array's number of elements.
    MaxItems {
        /// The page's maximum, in elements.
        max: u32,
        /// The array's number of elements.
        actual: usize,
    },
    /// `Value range: min - max`.
    Range {
        /// The smallest allowed value.
        min: i64,
        /// The largest allowed value, or `None` for no upper bound.
        max: Option<i64>,
        /// The value given.
        actual: i64,
    },
    /// A value outside a closed set of `Valid values`.
    OneOf {
        /// The valid values.
        allowed: &'static [&'static str],
        /// The value given.
        actual: String,
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Required => f.write_str("is required"),
            Rule::MaxLength { max, actual } => {
                write!(
                    f,
                    "is {actual} characters long, more than the maximum of {max}"
                )
            }
            Rule::MaxItems { max, actual } => {
                write!(f, "has {actual} elements, more than the maximum of {max}")
            }
            Rule::Range {
                min,
                max: Some(max),
                actual,
            } => {
                write!(f, "is {actual}, outside the range {min} - {max}")
            }
            Rule::Range {
                min,
                max: None,
                actual,
            } => {
                write!(f, "is {actual}, less than the minimum of {min}")
            }
            Rule::OneOf { allowed, actual } => {
                write!(f, "is `{actual}`, not one of {}", allowed.join(", "))
            }
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.path, self.rule)
    }
}

/// Every rule a request breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ValidationError {
    /// The broken rules, in field order.
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid request: ")?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

// The rules' checks, which generated code calls: this crate's own, not part of its API.

/// A text value that may be absent, as validation reads it: `str`, `String`, `Decimal`, or an
/// `Option` of one (an absent value breaks no length rule).
pub(crate) trait Text {
    /// The text, or `None` when the value is absent.
    fn text(&self) -> Option<&str>;
}

impl Text for str {
    #[inline]
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Text for String {
    #[inline]
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Text for crate::wire::Decimal {
    #[inline]
    fn text(&self) -> Option<&str> {
        Some(self.as_str())
    }
}

impl<T: Text> Text for Option<T> {
    #[inline]
    fn text(&self) -> Option<&str> {
        self.as_ref().and_then(Text::text)
    }
}

/// Checks a `Maximum length` in characters (not bytes): a 64-character Chinese ID is valid. An
/// absent value passes.
#[inline]
pub(crate) fn max_length<T: Text + ?Sized>(
    value: &T,
    max: u32,
    path: &Path<'_>,
    violations: &mut Vec<Violation>,
) {
    let Some(value) = value.text() else { return };
    // Fast path: a string of at most `max` bytes has at most `max` characters.
    if value.len() <= max as usize {
        return;
    }
    let actual = value.chars().count();
    if actual > max as usize {
        violations.push(Violation::new(path, Rule::MaxLength { max, actual }));
    }
}

/// An array, or an optional one, whose number of elements [`max_items`] checks.
pub(crate) trait Elements {
    /// The number of elements, or `None` when the array is absent.
    fn elements(&self) -> Option<usize>;
}

impl<T> Elements for Vec<T> {
    fn elements(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T> Elements for Option<Vec<T>> {
    fn elements(&self) -> Option<usize> {
        self.as_ref().map(Vec::len)
    }
}

/// Checks a `Maximum size` in elements. An absent array passes.
#[inline]
pub(crate) fn max_items<T: Elements + ?Sized>(
    value: &T,
    max: u32,
    path: &Path<'_>,
    violations: &mut Vec<Violation>,
) {
    if let Some(actual) = value.elements()
        && actual > max as usize
    {
        violations.push(Violation::new(path, Rule::MaxItems { max, actual }));
    }
}

/// Checks a `Value range`. An absent value passes.
#[inline]
pub(crate) fn range(
    value: impl Into<Option<i64>>,
    min: i64,
    max: Option<i64>,
    path: &Path<'_>,
    violations: &mut Vec<Violation>,
) {
    let Some(value) = value.into() else { return };
    if value < min || max.is_some_and(|max| value > max) {
        violations.push(Violation::new(
            path,
            Rule::Range {
                min,
                max,
                actual: value,
            },
        ));
    }
}

/// Checks that a REQUIRED text field is present and not empty.
#[inline]
pub(crate) fn required<T: Text + ?Sized>(
    value: &T,
    path: &Path<'_>,
    violations: &mut Vec<Violation>,
) {
    if value.text().is_none_or(str::is_empty) {
        violations.push(Violation::new(path, Rule::Required));
    }
}

/// [`required`], then [`max_length`]: a REQUIRED text field with a `Maximum length`, the most
/// common rule of the pages.
#[inline]
pub(crate) fn required_max_length<T: Text + ?Sized>(
    value: &T,
    max: u32,
    path: &Path<'_>,
    violations: &mut Vec<Violation>,
) {
    required(value, path, violations);
    max_length(value, max, path, violations);
}

/// Checks that a field the page marks REQUIRED is present, when its type allows it to be absent
/// (a model shared with a page on which the field is optional).
#[inline]
pub(crate) fn present<T>(value: &Option<T>, path: &Path<'_>, violations: &mut Vec<Violation>) {
    if value.is_none() {
        violations.push(Violation::new(path, Rule::Required));
    }
}

/// Checks that a value is one of the page's closed set. An absent value passes.
#[inline]
pub(crate) fn one_of(
    value: Option<&str>,
    allowed: &'static [&'static str],
    path: &Path<'_>,
    violations: &mut Vec<Violation>,
) {
    if let Some(value) = value
        && !allowed.contains(&value)
    {
        violations.push(Violation::new(
            path,
            Rule::OneOf {
                allowed,
                actual: value.to_owned(),
            },
        ));
    }
}

/// The rules of one page over a body of type `T`, as [`any_of`] takes them.
pub(crate) type PageRules<T> = fn(&T, &Path<'_>, &mut Vec<Violation>);

/// Checks a body that several pages describe (one notification documented for two cases): it
/// is valid when it satisfies one page's rules; otherwise the violations of the page it comes
/// closest to (the fewest; the first page of equally close ones) are reported.
pub(crate) fn any_of<T>(
    value: &T,
    path: &Path<'_>,
    violations: &mut Vec<Violation>,
    pages: &[PageRules<T>],
) {
    let mut closest: Option<Vec<Violation>> = None;
    for rules in pages {
        let mut found = Vec::new();
        rules(value, path, &mut found);
        if found.is_empty() {
            return;
        }
        if closest.as_ref().is_none_or(|c| found.len() < c.len()) {
            closest = Some(found);
        }
    }
    violations.extend(closest.unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_as_json_paths() {
        let root = Path::Root;
        let order = root.field("order");
        let goods = order.field("goods");
        let second = Path::Index(&goods, 2);
        let name = second.field("goodsName");
        assert_eq!(name.to_string(), "order.goods[2].goodsName");
        let limits = root.field("amountLimitInfoMap");
        let card = Path::Key(&limits, "CARD");
        assert_eq!(
            card.field("currency").to_string(),
            "amountLimitInfoMap[\"CARD\"].currency"
        );
    }

    #[test]
    fn presence_text_and_closed_sets_of_a_page() {
        let path = Path::Root.field("currency");
        let mut violations = Vec::new();
        required(&Some("USD".to_owned()), &path, &mut violations);
        present(&Some(1), &path, &mut violations);
        one_of(Some("A"), &["A", "B"], &path, &mut violations);
        one_of(None, &["A"], &path, &mut violations);
        assert!(violations.is_empty());
        required(&None::<String>, &path, &mut violations);
        required("", &path, &mut violations);
        present(&None::<i64>, &path, &mut violations);
        one_of(Some("C"), &["A", "B"], &path, &mut violations);
        let rules: Vec<&Rule> = violations.iter().map(|v| &v.rule).collect();
        assert_eq!(
            rules,
            [
                &Rule::Required,
                &Rule::Required,
                &Rule::Required,
                &Rule::OneOf {
                    allowed: &["A", "B"],
                    actual: "C".into()
                }
            ]
        );
    }

    #[test]
    fn a_required_text_with_a_maximum_length_is_checked_for_both() {
        let path = Path::Root.field("paymentRequestId");
        let mut violations = Vec::new();
        required_max_length("abc", 3, &path, &mut violations);
        assert!(violations.is_empty());
        required_max_length("", 3, &path, &mut violations);
        required_max_length(&None::<String>, 3, &path, &mut violations);
        required_max_length("abcd", 3, &path, &mut violations);
        let rules: Vec<&Rule> = violations.iter().map(|v| &v.rule).collect();
        assert_eq!(
            rules,
            [
                &Rule::Required,
                &Rule::Required,
                &Rule::MaxLength { max: 3, actual: 4 }
            ]
        );
    }

    #[test]
    fn max_items_counts_elements_and_passes_an_absent_array() {
        let path = Path::Root.field("goods");
        let mut violations = Vec::new();
        max_items(&vec![1, 2], 2, &path, &mut violations);
        max_items(&None::<Vec<i32>>, 0, &path, &mut violations);
        assert!(violations.is_empty());
        max_items(&Some(vec![1, 2, 3]), 2, &path, &mut violations);
        assert_eq!(
            violations,
            [Violation::new(&path, Rule::MaxItems { max: 2, actual: 3 })]
        );
        assert_eq!(
            violations[0].to_string(),
            "goods has 3 elements, more than the maximum of 2"
        );
    }

    #[test]
    fn max_length_counts_characters_not_bytes() {
        let mut v = Vec::new();
        let chinese: String = std::iter::repeat_n('支', 64).collect();
        max_length(&chinese, 64, &Path::Root.field("id"), &mut v);
        assert!(v.is_empty());
        let ascii = "a".repeat(65);
        max_length(&ascii, 64, &Path::Root.field("id"), &mut v);
        assert_eq!(
            v,
            [Violation {
                path: "id".into(),
                rule: Rule::MaxLength {
                    max: 64,
                    actual: 65
                }
            }]
        );
        assert_eq!(
            v[0].to_string(),
            "id is 65 characters long, more than the maximum of 64"
        );
    }

    #[test]
    fn absent_values_pass_and_present_ones_are_checked() {
        let mut v = Vec::new();
        max_length(&None::<String>, 2, &Path::Root.field("a"), &mut v);
        range(None, 1, None, &Path::Root.field("b"), &mut v);
        assert!(v.is_empty());
        max_length(&Some("abc".to_owned()), 2, &Path::Root.field("a"), &mut v);
        range(Some(0), 1, None, &Path::Root.field("b"), &mut v);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].path, "a");
        assert_eq!(v[1].path, "b");
    }

    #[test]
    fn range_with_and_without_upper_bound() {
        let mut v = Vec::new();
        range(0, 1, None, &Path::Root.field("value"), &mut v);
        range(5, 1, Some(4), &Path::Root.field("value"), &mut v);
        range(1, 1, None, &Path::Root.field("value"), &mut v);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].to_string(), "value is 0, less than the minimum of 1");
        assert_eq!(v[1].to_string(), "value is 5, outside the range 1 - 4");
    }
}
