//! How Antom's JSON carries values, for the generated types' serde attributes.
//!
//! Antom's pages ask for every scalar to be sent as a JSON string: the Integer `20` as `"20"`,
//! the Boolean `true` as `"true"`. The modules here write them that way and, on receipt, accept
//! both the string and the native JSON form. Date-times are ISO 8601 with an offset
//! (`2019-11-27T12:01:01+08:00`), read and written with the offset they carry. [`Decimal`] keeps a
//! decimal number exactly as written.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::{Iso8601, Rfc3339};
use time::macros::format_description;

/// A scalar that Antom's JSON carries as a string: `i64`, `bool`, and date-times
/// (`OffsetDateTime`).
pub trait StringScalar: Sized + Copy {
    /// Writes the value as a JSON string.
    fn serialize_str<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads the value from its string or native JSON form.
    fn deserialize_any<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

impl StringScalar for i64 {
    fn serialize_str<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self)
    }

    fn deserialize_any<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IntegerVisitor;
        impl Visitor<'_> for IntegerVisitor {
            type Value = i64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer, as a string such as \"20\" or as a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
                v.trim()
                    .parse()
                    .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
                Ok(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
                i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
        }
        deserializer.deserialize_any(IntegerVisitor)
    }
}

impl StringScalar for bool {
    fn serialize_str<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(if self { "true" } else { "false" })
    }

    fn deserialize_any<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BooleanVisitor;
        impl Visitor<'_> for BooleanVisitor {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean, as the string \"true\" or \"false\" or as a JSON boolean")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
                match v.trim() {
                    "true" => Ok(true),
                    "false" => Ok(false),
                    _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
                }
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
                Ok(v)
            }
        }
        deserializer.deserialize_any(BooleanVisitor)
    }
}

impl StringScalar for OffsetDateTime {
    /// Writes `2019-11-27T12:01:01+08:00` (see [`format_datetime`]), formatted on the stack.
    fn serialize_str<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        // `+999999-12-31T23:59:59.999999999+23:59` is 38 bytes.
        let mut buffer = [0u8; 48];
        let format = if self.nanosecond() == 0 {
            DATETIME
        } else {
            DATETIME_FRACTION
        };
        let written = self
            .format_into(&mut &mut buffer[..], format)
            .map_err(serde::ser::Error::custom)?;
        let text = std::str::from_utf8(&buffer[..written]).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(text)
    }

    /// Reads an ISO 8601 date-time with offset (see [`parse_datetime`]); it has no native JSON
    /// form.
    fn deserialize_any<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DatetimeVisitor;
        impl Visitor<'_> for DatetimeVisitor {
            type Value = OffsetDateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an ISO 8601 date and time with offset, such as \"2019-11-27T12:01:01+08:00\"",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OffsetDateTime, E> {
                parse_datetime(v).map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(DatetimeVisitor)
    }
}

/// A reference to a scalar that serializes as a JSON string (for hand-written `Serialize` impls).
#[derive(Debug, Clone, Copy)]
pub struct Scalar<'a, T>(pub &'a T);

impl<T: StringScalar> Serialize for Scalar<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_str(serializer)
    }
}

// The `with` modules below are whole (the tests derive both halves); generated code writes with
// their `serialize` and reads with `scalar_field` and its kin, and which of them it uses depends
// on the pages in `spec/` (none has an array of scalars today).

/// `#[serde(with = "wire::scalar")]`: an `i64` or `bool` sent as a string.
#[allow(dead_code)]
pub mod scalar {
    use super::*;

    /// Writes the value as a JSON string.
    pub fn serialize<T: StringScalar, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize_str(serializer)
    }

    /// Reads the value from a string or its native JSON form.
    pub fn deserialize<'de, T: StringScalar, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        T::deserialize_any(deserializer)
    }
}

/// `#[serde(with = "wire::option_scalar")]`: an optional `i64` or `bool` sent as a string.
#[allow(dead_code)]
pub mod option_scalar {
    use super::*;

    /// Writes the value as a JSON string (`None` is skipped by the field's attributes).
    pub fn serialize<T: StringScalar, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => value.serialize_str(serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads the value from a string, its native JSON form, or `null`.
    pub fn deserialize<'de, T: StringScalar, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        Ok(Option::<ScalarIn<T>>::deserialize(deserializer)?.map(|v| v.0))
    }
}

/// `#[serde(with = "wire::vec_scalar")]`: an array of `i64` or `bool`, each sent as a string.
#[allow(dead_code)]
pub mod vec_scalar {
    use super::*;

    /// Writes each value as a JSON string.
    pub fn serialize<T: StringScalar, S: Serializer>(
        values: &[T],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(values.iter().map(Scalar))
    }

    /// Reads each value from a string or its native JSON form.
    pub fn deserialize<'de, T: StringScalar, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        Ok(Vec::<ScalarIn<T>>::deserialize(deserializer)?
            .into_iter()
            .map(|v| v.0)
            .collect())
    }
}

/// `#[serde(with = "wire::option_vec_scalar")]`: an optional array of `i64` or `bool`.
#[allow(dead_code)]
pub mod option_vec_scalar {
    use super::*;

    /// Writes each value as a JSON string.
    pub fn serialize<T: StringScalar, S: Serializer>(
        values: &Option<Vec<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match values {
            Some(values) => vec_scalar::serialize(values, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads each value from a string or its native JSON form.
    pub fn deserialize<'de, T: StringScalar, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<T>>, D::Error> {
        Ok(Option::<Vec<ScalarIn<T>>>::deserialize(deserializer)?
            .map(|values| values.into_iter().map(|v| v.0).collect()))
    }
}

const DATETIME: &[time::format_description::BorrowedFormatItem<'static>] = format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
);
const DATETIME_FRACTION: &[time::format_description::BorrowedFormatItem<'static>] = format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond][offset_hour sign:mandatory]:[offset_minute]"
);

/// Formats a date-time in the pages' form, `2019-11-27T12:01:01+08:00`: the offset it carries
/// (`+00:00` rather than `Z`), fractions of a second only when there are some.
pub(crate) fn format_datetime(value: &OffsetDateTime) -> Result<String, time::error::Format> {
    if value.nanosecond() == 0 {
        value.format(DATETIME)
    } else {
        value.format(DATETIME_FRACTION)
    }
}

/// Parses an ISO 8601 date-time with offset: `2019-11-27T12:01:01+08:00`, `...Z`,
/// `...12:01:01.5+08:00`, or ISO 8601's other forms.
pub(crate) fn parse_datetime(text: &str) -> Result<OffsetDateTime, time::error::Parse> {
    OffsetDateTime::parse(text, &Rfc3339)
        .or_else(|e| OffsetDateTime::parse(text, &Iso8601::PARSING).map_err(|_| e))
}

/// An object whose fields the page fixes (a notification's acknowledgement), serialized as
/// `{"name": "value", ...}` in the order given.
#[derive(Debug, Clone, Copy)]
pub struct FixedObject(pub &'static [(&'static str, &'static str)]);

impl Serialize for FixedObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

/// The name of a field of a body, read by a generated `Deserialize`: borrowed from the input
/// where it can be.
#[derive(Debug)]
pub struct Key<'de>(std::borrow::Cow<'de, str>);

impl Key<'_> {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A body that a generated `Deserialize` reads as a JSON object, field by field: its name (for
/// serde's messages), its fields' wire names, and the loop that reads them.
pub trait Object: Sized {
    /// The type's name: `invalid type: ..., expected struct {NAME}`.
    const NAME: &'static str;
    /// The fields' wire names, in page order.
    const FIELDS: &'static [&'static str];

    /// Reads the object's fields from `map`: each known one into its slot (with [`field`] and
    /// its kin), every other one skipped, then the required ones asked for.
    fn read<'de, M: de::MapAccess<'de>>(map: M) -> Result<Self, M::Error>;
}

/// The `Deserialize` of every generated body: serde's struct protocol around [`Object::read`],
/// written once here rather than once per type.
pub fn object<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct Fields<T>(PhantomData<T>);
    impl<'de, T: Object> Visitor<'de> for Fields<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "struct {}", T::NAME)
        }
        fn visit_map<M: de::MapAccess<'de>>(self, map: M) -> Result<T, M::Error> {
            T::read(map)
        }
    }
    deserializer.deserialize_struct(T::NAME, T::FIELDS, Fields(PhantomData))
}

/// Skips the value of a field the body does not know: a field Antom adds to a page later.
pub fn skip<'de, M: de::MapAccess<'de>>(map: &mut M) -> Result<(), M::Error> {
    map.next_value::<de::IgnoredAny>().map(drop)
}

/// Skips every field of an object that has none of its own.
pub fn skip_all<'de, M: de::MapAccess<'de>>(mut map: M) -> Result<(), M::Error> {
    while map.next_key::<de::IgnoredAny>()?.is_some() {
        skip(&mut map)?;
    }
    Ok(())
}

/// A scalar read from its string or native JSON form, as [`StringScalar`] reads it.
struct ScalarIn<T>(T);

impl<'de, T: StringScalar> Deserialize<'de> for ScalarIn<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_any(deserializer).map(ScalarIn)
    }
}

/// Reads the value of the field `name` as an `R`, and puts what `keep` makes of it in `slot`;
/// a field given twice is an error. The one step of the readers below.
fn read<'de, M, R, T>(
    map: &mut M,
    slot: &mut Option<T>,
    name: &'static str,
    keep: impl FnOnce(R) -> Option<T>,
) -> Result<(), M::Error>
where
    M: de::MapAccess<'de>,
    R: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = keep(map.next_value()?);
    Ok(())
}

/// Reads the value of the required field `name` of a body into `slot`; a field given twice is
/// an error. A generated `Deserialize` calls one of these per field: a struct's derived one
/// would be several times as much code to compile.
pub fn field<'de, M, T>(
    map: &mut M,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), M::Error>
where
    M: de::MapAccess<'de>,
    T: Deserialize<'de>,
{
    read(map, slot, name, Some)
}

/// [`field`] for an optional field: JSON `null` reads as absent.
pub fn optional_field<'de, M, T>(
    map: &mut M,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), M::Error>
where
    M: de::MapAccess<'de>,
    T: Deserialize<'de>,
{
    read(map, slot, name, |value: Option<T>| value)
}

/// [`field`] for a scalar that Antom sends as a string (`"12"`, `"true"`, a date-time), read
/// in either form; JSON `null` reads as absent.
pub fn scalar_field<'de, M, T>(
    map: &mut M,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), M::Error>
where
    M: de::MapAccess<'de>,
    T: StringScalar,
{
    read(map, slot, name, |value: Option<ScalarIn<T>>| {
        value.map(|s| s.0)
    })
}

/// [`scalar_field`] for an array of such scalars.
#[allow(dead_code)] // No page of `spec/` has one today.
pub fn scalars_field<'de, M, T>(
    map: &mut M,
    slot: &mut Option<Vec<T>>,
    name: &'static str,
) -> Result<(), M::Error>
where
    M: de::MapAccess<'de>,
    T: StringScalar,
{
    read(map, slot, name, |values: Option<Vec<ScalarIn<T>>>| {
        values.map(|values| values.into_iter().map(|s| s.0).collect())
    })
}

/// The value of a required field, or serde's error for a missing one.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// Which product a request body is, of the products of one API each given by the values its page
/// fixes (`[("productCode", "AGREEMENT_PAYMENT")]`): the index of the product all of whose
/// values the body has, the one with the most values where several match (the first of equally
/// many); `None` when none matches.
pub fn product(body: &serde_json::Value, products: &[&[(&str, &str)]]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (index, values) in products.iter().enumerate() {
        let matches = values
            .iter()
            .all(|(name, value)| body.get(name).and_then(serde_json::Value::as_str) == Some(value));
        if matches && best.is_none_or(|(_, most)| values.len() > most) {
            best = Some((index, values.len()));
        }
    }
    best.map(|(index, _)| index)
}

/// Reads a generated enum from its wire string: a documented value gives its variant, any other
/// its `Unknown` variant (an unknown value never fails a response).
pub fn deserialize_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct EnumVisitor<T>(PhantomData<T>);
    impl<T: for<'a> From<&'a str>> Visitor<'_> for EnumVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    deserializer.deserialize_str(EnumVisitor(PhantomData))
}

/// A decimal number, kept exactly as written (`"7.123456"`, `"1.0"`): sent as a JSON string,
/// read from a string or a JSON number.
///
/// Compared, ordered and hashed as a number: `"1.0" == "1.00"`, `"9" < "10"`, `"-0" == "0"`;
/// the text as written stays what [`Decimal::as_str`] and `Display` give and what is sent.
#[derive(Debug, Clone)]
pub struct Decimal(String);

/// The error of [`Decimal::from_str`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a decimal number: expected digits with an optional sign and fraction, such as -12.50"
)]
pub struct DecimalError(String);

impl Decimal {
    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number's value as (negative, whole digits, fraction digits), without leading zeros
    /// of the whole part, trailing zeros of the fraction, or the sign of zero: two decimals are
    /// equal exactly when these are.
    fn value(&self) -> (bool, &str, &str) {
        let (negative, digits) = match self.0.strip_prefix('-') {
            Some(digits) => (true, digits),
            None => (false, self.0.strip_prefix('+').unwrap_or(&self.0)),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let whole = whole.trim_start_matches('0');
        let fraction = fraction.trim_end_matches('0');
        (
            negative && !(whole.is_empty() && fraction.is_empty()),
            whole,
            fraction,
        )
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
}

impl Eq for Decimal {}

impl std::hash::Hash for Decimal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value().hash(state);
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (negative, whole, fraction) = self.value();
        let (other_negative, other_whole, other_fraction) = other.value();
        // Magnitudes: more whole digits is larger; then digit by digit (a fraction without
        // trailing zeros compares digit by digit as text).
        let magnitude = whole
            .len()
            .cmp(&other_whole.len())
            .then_with(|| whole.cmp(other_whole))
            .then_with(|| fraction.cmp(other_fraction));
        match (negative, other_negative) {
            (false, false) => magnitude,
            (true, true) => magnitude.reverse(),
            (true, false) => std::cmp::Ordering::Less,
            (false, true) => std::cmp::Ordering::Greater,
        }
    }
}

impl FromStr for Decimal {
    type Err = DecimalError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
        let (whole, fraction) = match digits.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (digits, None),
        };
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if all_digits(whole) && fraction.is_none_or(all_digits) {
            Ok(Decimal(s.to_owned()))
        } else {
            Err(DecimalError(s.to_owned()))
        }
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Decimal(value.to_string())
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;
        impl Visitor<'_> for DecimalVisitor {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number, as a string such as \"7.12\" or as a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                v.parse()
                    .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                if v.is_finite() {
                    Ok(Decimal(v.to_string()))
                } else {
                    Err(E::invalid_value(Unexpected::Float(v), &self))
                }
            }
        }
        deserializer.deserialize_any(DecimalVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_compare_as_numbers() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(d("1.0"), d("1.00"));
        assert_eq!(d("01"), d("1"));
        assert_eq!(d("-0"), d("0.000"));
        assert_eq!(d("+5"), d("5"));
        assert_ne!(d("1.01"), d("1.1"));
        let mut sorted = [
            "10", "9", "-1.5", "-10", "0.05", "0.5", "-0.25", "9.000001", "0",
        ]
        .map(d)
        .to_vec();
        sorted.sort();
        let sorted: Vec<&str> = sorted.iter().map(Decimal::as_str).collect();
        assert_eq!(
            sorted,
            [
                "-10", "-1.5", "-0.25", "0", "0.05", "0.5", "9", "9.000001", "10"
            ]
        );
        // Hash agrees with equality; the text is kept as written.
        let set: std::collections::HashSet<Decimal> = ["1.0", "1.00", "1"].map(d).into();
        assert_eq!(set.len(), 1);
        assert_eq!(d("1.50").to_string(), "1.50");
    }

    /// What a generated `Deserialize` reads, through `wire::field` and its kin: the same as
    /// serde's derive would.
    #[test]
    fn generated_readers_read_as_serde_derives_do() {
        use crate::{Amount, AmountLimit};
        let amount: Amount = serde_json::from_str(r#"{"currency":"USD","value":"20","x":[1]}"#)
            .expect("unknown fields are ignored");
        assert_eq!((amount.currency.as_str(), amount.value), ("USD", 20));
        let native: Amount = serde_json::from_str(r#"{"value":20,"currency":"USD"}"#).unwrap();
        assert_eq!(native, amount);
        // Owned keys (a `serde_json::Value`), as the product requests are read.
        let owned: Amount =
            serde_json::from_value(serde_json::json!({"currency": "USD", "value": "20"})).unwrap();
        assert_eq!(owned, amount);

        let missing = serde_json::from_str::<Amount>(r#"{"value":"20"}"#).unwrap_err();
        assert_eq!(
            missing.to_string(),
            "missing field `currency` at line 1 column 14"
        );
        let twice = serde_json::from_str::<Amount>(r#"{"currency":"USD","value":"1","value":"2"}"#)
            .unwrap_err();
        assert!(
            twice.to_string().starts_with("duplicate field `value`"),
            "{twice}"
        );
        let wrong = serde_json::from_str::<Amount>(r#"{"currency":"USD","value":"x"}"#);
        assert!(wrong.is_err());

        // An optional field may be absent or null.
        let limit: AmountLimit = serde_json::from_str(r#"{"maxAmount":null}"#).unwrap();
        assert_eq!(limit, AmountLimit::new());
        assert!(serde_json::from_str::<Amount>("[]").is_err());
    }
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Sample {
        #[serde(with = "scalar")]
        count: i64,
        #[serde(with = "scalar")]
        flag: bool,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "option_scalar"
        )]
        maybe: Option<i64>,
        #[serde(with = "scalar")]
        at: OffsetDateTime,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "option_scalar"
        )]
        until: Option<OffsetDateTime>,
        amount: Decimal,
    }

    #[test]
    fn scalars_are_sent_as_strings_and_read_in_either_form() {
        let native = json!({
            "count": 20, "flag": true, "maybe": 3,
            "at": "2019-11-27T12:01:01+08:00", "amount": 7.5
        });
        let sample: Sample = serde_json::from_value(native).unwrap();
        assert_eq!(
            serde_json::to_value(&sample).unwrap(),
            json!({
                "count": "20", "flag": "true", "maybe": "3",
                "at": "2019-11-27T12:01:01+08:00", "amount": "7.5"
            })
        );
        let strings = json!({
            "count": "-4", "flag": "false", "at": "2019-11-27T12:01:01Z", "amount": "1.00"
        });
        let sample: Sample = serde_json::from_value(strings).unwrap();
        assert_eq!((sample.count, sample.flag, sample.maybe), (-4, false, None));
        // The offset is kept, and written in the pages' form.
        assert_eq!(
            serde_json::to_value(&sample).unwrap(),
            json!({
                "count": "-4", "flag": "false", "at": "2019-11-27T12:01:01+00:00", "amount": "1.00"
            })
        );
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Lists {
        #[serde(with = "vec_scalar")]
        counts: Vec<i64>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "option_vec_scalar"
        )]
        flags: Option<Vec<bool>>,
        #[serde(with = "vec_scalar")]
        times: Vec<OffsetDateTime>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "option_vec_scalar"
        )]
        more_times: Option<Vec<OffsetDateTime>>,
    }

    #[test]
    fn arrays_of_scalars_follow_the_same_rules() {
        let lists: Lists = serde_json::from_value(json!({
            "counts": [1, "2"], "flags": ["true", false],
            "times": ["2019-11-27T12:01:01+08:00"], "more_times": ["2019-11-27T12:01:01Z"]
        }))
        .unwrap();
        assert_eq!(
            serde_json::to_value(&lists).unwrap(),
            json!({
                "counts": ["1", "2"], "flags": ["true", "false"],
                "times": ["2019-11-27T12:01:01+08:00"], "more_times": ["2019-11-27T12:01:01+00:00"]
            })
        );
        let empty: Lists = serde_json::from_value(json!({"counts": [], "times": []})).unwrap();
        assert_eq!((empty.flags, empty.more_times), (None, None));
    }

    #[test]
    fn fixed_objects_keep_their_order() {
        let ack = FixedObject(&[("resultCode", "SUCCESS"), ("resultStatus", "S")]);
        assert_eq!(
            serde_json::to_string(&ack).unwrap(),
            r#"{"resultCode":"SUCCESS","resultStatus":"S"}"#
        );
    }

    #[test]
    fn datetimes_keep_their_offset() {
        let at = parse_datetime("2019-11-27T12:01:01+08:00").unwrap();
        assert_eq!(at.offset().whole_hours(), 8);
        assert_eq!(format_datetime(&at).unwrap(), "2019-11-27T12:01:01+08:00");
        let precise = parse_datetime("2019-11-27T12:01:01.250-05:30").unwrap();
        assert_eq!(
            format_datetime(&precise).unwrap(),
            "2019-11-27T12:01:01.25-05:30"
        );
    }

    #[test]
    fn bad_scalars_say_what_was_expected() {
        let err = serde_json::from_value::<Sample>(json!({
            "count": "twenty", "flag": "true", "at": "2019-11-27T12:01:01+08:00", "amount": "1"
        }))
        .unwrap_err();
        assert!(err.to_string().contains("expected an integer"), "{err}");
        let err = serde_json::from_value::<Sample>(json!({
            "count": "1", "flag": "yes", "at": "2019-11-27T12:01:01+08:00", "amount": "1"
        }))
        .unwrap_err();
        assert!(err.to_string().contains("expected a boolean"), "{err}");
        let err = serde_json::from_value::<Sample>(json!({
            "count": "1", "flag": "true", "at": "27/11/2019", "amount": "1"
        }))
        .unwrap_err();
        assert!(err.to_string().contains("ISO 8601"), "{err}");
        let err = serde_json::from_value::<Sample>(json!({
            "count": "1", "flag": "true", "at": "2019-11-27T12:01:01+08:00", "amount": "1e5"
        }))
        .unwrap_err();
        assert!(err.to_string().contains("decimal"), "{err}");
    }

    #[test]
    fn decimals_are_checked_and_kept_verbatim() {
        for ok in ["0", "1.00", "-12.5", "+3"] {
            assert_eq!(ok.parse::<Decimal>().unwrap().as_str(), ok);
        }
        for bad in ["", ".5", "1.", "1e5", "one", "--1"] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad}");
        }
    }
}
