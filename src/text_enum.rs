//! The traits of the generated enums of text values (closed value sets and result codes), all
//! read off the enum's wire value: written once here, as macros, so that each generated enum is
//! its variants, its value mapping and one line.

/// `Display`, `PartialEq`, `Eq` and `Hash` of the generated enum `$name` by its wire value, the
/// `&str` its method `$wire` gives (`as_str`, or `code` for a result code). A value read as
/// `Unknown` before its page documented it equals its variant, so adding a value to a page
/// changes no comparison.
macro_rules! by_wire_value {
    ($name:ident, $wire:ident) => {
        /// The wire value.
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.$wire())
            }
        }

        /// Equal when the wire values are: `Unknown` of a documented value equals its variant.
        impl ::std::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.$wire() == other.$wire()
            }
        }

        impl ::std::cmp::Eq for $name {}

        /// Hashes the wire value, as equality compares it.
        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                ::std::hash::Hash::hash(self.$wire(), state);
            }
        }
    };
}

/// Everything of the enum `$name` of a closed value set beyond its variants, `VALUES`, `as_str`
/// and `From<&str>`: [`by_wire_value`]'s traits; sent as its wire value; read from any string (a
/// value the pages do not list as `Unknown`, so that a response never fails on a new value);
/// valid in a request only with a documented value.
macro_rules! value_set {
    ($name:ident) => {
        $crate::text_enum::by_wire_value!($name, as_str);

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                $crate::wire::deserialize_enum(deserializer)
            }
        }

        impl $crate::validate::Validate for $name {
            fn validate_at(
                &self,
                path: &$crate::validate::Path<'_>,
                violations: &mut Vec<$crate::validate::Violation>,
            ) {
                if let Self::Unknown(value) = self {
                    violations.push($crate::validate::Violation::new(
                        path,
                        $crate::validate::Rule::OneOf {
                            allowed: Self::VALUES,
                            actual: value.clone(),
                        },
                    ));
                }
            }
        }
    };
}

pub(crate) use {by_wire_value, value_set};

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use crate::validate::{Rule, Validate};

    /// An enum as the generator writes one.
    #[derive(Debug, Clone)]
    enum Mode {
        Fast,
        Unknown(String),
    }

    impl Mode {
        const VALUES: &'static [&'static str] = &["FAST"];

        fn as_str(&self) -> &str {
            match self {
                Self::Fast => "FAST",
                Self::Unknown(value) => value,
            }
        }
    }

    impl From<&str> for Mode {
        fn from(value: &str) -> Self {
            match value {
                "FAST" => Self::Fast,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }

    value_set!(Mode);

    #[test]
    fn a_value_set_is_its_wire_value() {
        assert_eq!(Mode::Fast.to_string(), "FAST");
        assert_eq!(Mode::Unknown("FAST".into()), Mode::Fast);
        assert_ne!(Mode::Unknown("SLOW".into()), Mode::Fast);
        let set: HashSet<Mode> = [Mode::Fast, Mode::Unknown("FAST".into())].into();
        assert_eq!(set.len(), 1);
        assert_eq!(serde_json::to_string(&Mode::Fast).unwrap(), r#""FAST""#);
        let read: Mode = serde_json::from_str(r#""SLOW""#).unwrap();
        assert!(matches!(&read, Mode::Unknown(v) if v == "SLOW"));
        assert!(Mode::Fast.validate().is_ok());
        let error = read.validate().unwrap_err();
        assert_eq!(
            error.violations[0].rule,
            Rule::OneOf {
                allowed: &["FAST"],
                actual: "SLOW".into()
            }
        );
    }
}
