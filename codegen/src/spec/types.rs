//! The documented type of a parameter, in the spelling the pages use (`String`,
//! `Array<Goods>`, `Map<String, Amount>`), read in any case and spacing.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A documented type: a scalar, a named object model, an array or a map.
///
/// Written in the schema in one canonical spelling (`String`, `Amount`, `Array<Goods>`,
/// `Map<String, AmountLimitInfo>`), whatever case and spacing the page uses.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    /// Text.
    String,
    /// A whole number (sent as a JSON string).
    Integer,
    /// A decimal number (sent as a JSON string).
    Decimal,
    /// `true` or `false` (sent as a JSON string).
    Boolean,
    /// An ISO 8601 date and time with offset: `2019-11-27T12:01:01+08:00`.
    Datetime,
    /// A URL (text on the wire).
    Url,
    /// A named object model whose fields are the parameter's children: `Amount`, `Env`. A page
    /// that names no model writes `Object`.
    Model(String),
    /// An array of elements of the inner type.
    Array(Box<Type>),
    /// A JSON object from text keys to values of the inner type: `Map<String, T>`.
    Map(Box<Type>),
}

/// The type words that name no model: a parameter of one of these types is free-form JSON,
/// unless its page describes its fields there (then the object is its own, named after where it
/// is used), and it is never another page's model of that name.
pub const FREE_FORM_TYPES: &[&str] = &["Object", "Map", "Array"];

impl Type {
    /// Whether the type is one of the words that name no model ([`FREE_FORM_TYPES`]), or an
    /// array or map of one.
    pub fn is_free_form(&self) -> bool {
        matches!(self.element(), Type::Model(name) if FREE_FORM_TYPES.contains(&name.as_str()))
    }

    /// The element type of an array or the value type of a map, or the type itself.
    pub fn element(&self) -> &Type {
        match self {
            Type::Array(inner) | Type::Map(inner) => inner.element(),
            other => other,
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::String => f.write_str("String"),
            Type::Integer => f.write_str("Integer"),
            Type::Decimal => f.write_str("Decimal"),
            Type::Boolean => f.write_str("Boolean"),
            Type::Datetime => f.write_str("Datetime"),
            Type::Url => f.write_str("URL"),
            Type::Model(name) => f.write_str(name),
            Type::Array(inner) => write!(f, "Array<{inner}>"),
            Type::Map(inner) => write!(f, "Map<String, {inner}>"),
        }
    }
}

/// The error of [`Type::from_str`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a type: expected String, Integer, Decimal, Boolean, Datetime, URL, a model name such as Amount, Array<T> or Map<String, T>"
)]
pub struct TypeError(pub String);

impl FromStr for Type {
    type Err = TypeError;

    /// Reads a type in any case and with any spacing inside the brackets: `string`,
    /// `Array <Goods>`, `map<string, Amount>`. A model name keeps its spelling.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let err = || TypeError(s.to_owned());
        let generic = |outer: &str| {
            let (head, rest) = s.split_once('<')?;
            let inner = rest.trim_end().strip_suffix('>')?;
            head.trim().eq_ignore_ascii_case(outer).then_some(inner)
        };
        if let Some(inner) = generic("Array") {
            return Ok(Type::Array(Box::new(inner.parse().map_err(|_| err())?)));
        }
        if let Some(inner) = generic("Map") {
            let (key, value) = inner.split_once(',').ok_or_else(err)?;
            if !key.trim().eq_ignore_ascii_case("String") {
                return Err(err());
            }
            return Ok(Type::Map(Box::new(value.parse().map_err(|_| err())?)));
        }
        Ok(match s.to_ascii_lowercase().as_str() {
            "string" => Type::String,
            "integer" => Type::Integer,
            "decimal" => Type::Decimal,
            "boolean" => Type::Boolean,
            "datetime" => Type::Datetime,
            "url" => Type::Url,
            _ if s.starts_with(|c: char| c.is_ascii_uppercase())
                && s.chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                Type::Model(s.to_owned())
            }
            _ => return Err(err()),
        })
    }
}

impl Serialize for Type {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Type {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_round_trip_through_their_page_spelling() {
        for s in [
            "String",
            "Integer",
            "Decimal",
            "Boolean",
            "Datetime",
            "URL",
            "Amount",
            "Array<Goods>",
            "Array<String>",
            "Array<Array<Integer>>",
            "Map<String, AmountLimitInfo>",
            "Object",
        ] {
            let ty: Type = s.parse().unwrap();
            assert_eq!(ty.to_string(), s);
        }
        assert_eq!(
            "Array<Goods>".parse::<Type>().unwrap().element(),
            &Type::Model("Goods".into())
        );
        let err = "array of goods".parse::<Type>().unwrap_err();
        assert!(
            err.to_string().contains("`array of goods` is not a type"),
            "{err}"
        );
    }

    #[test]
    fn types_are_read_in_any_case_and_spacing() {
        for (page, schema) in [
            ("string", "String"),
            ("STRING", "String"),
            ("url", "URL"),
            ("datetime", "Datetime"),
            ("Array <SettlementDetail>", "Array<SettlementDetail>"),
            ("Array< String >", "Array<String>"),
            ("array<integer>", "Array<Integer>"),
            ("Array <Array <Goods> >", "Array<Array<Goods>>"),
            (
                "Map<String, AmountLimitInfo>",
                "Map<String, AmountLimitInfo>",
            ),
            ("map < string ,Amount >", "Map<String, Amount>"),
            ("Map<String, Array<Goods>>", "Map<String, Array<Goods>>"),
        ] {
            let ty: Type = page.parse().unwrap_or_else(|e| panic!("{page}: {e}"));
            assert_eq!(ty.to_string(), schema, "{page}");
        }
        for bad in [
            "Map<Integer, Amount>",
            "Map<String>",
            "Array<>",
            "amount",
            "Array<bad type>",
        ] {
            assert!(bad.parse::<Type>().is_err(), "{bad}");
        }
    }
}
