//! Amounts in major units: [`Amount`]'s `value` is in the currency's minor unit (cents for
//! USD, yen for JPY, fils for KWD), and these convert from and to what people write.
//!
//! The minor unit of each currency is its ISO 4217 exponent, from the `iso_currency` crate
//! (generated from its ISO 4217 table): 2 for USD, 0 for JPY, 3 for KWD. So `"12.34"` USD is
//! `value` 1234, `"1000"` JPY is 1000, and `"1.5"` KWD is 1500, and the classic 100× slip
//! (12.34 USD sent as 12, or 1000 JPY as 100000) cannot happen through these.
//!
//! ```
//! use antom::Amount;
//! let amount = Amount::from_major("USD", "12.34")?;
//! assert_eq!(amount.value, 1234);
//! assert_eq!(amount.to_string(), "12.34 USD");
//! assert_eq!(Amount::from_major("JPY", "1000")?.value, 1000);
//! assert!(Amount::from_major("JPY", "1000.5").is_err()); // the yen has no minor unit
//! # Ok::<(), antom::money::AmountError>(())
//! ```

use std::fmt;

use crate::{Amount, Decimal};

/// An amount that cannot be written in its currency's minor unit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// Not an ISO 4217 currency code (codes are three capital letters: `USD`).
    #[error("`{0}` is not an ISO 4217 currency code")]
    UnknownCurrency(String),
    /// ISO 4217 gives the currency no minor unit (gold, `XAU`; special drawing rights, `XDR`).
    #[error("ISO 4217 gives `{0}` no minor unit")]
    NoMinorUnit(String),
    /// Not a number of major units: digits with an optional fraction, such as `12.34`.
    #[error("`{0}` is not an amount: expected digits with an optional fraction, such as 12.34")]
    NotAnAmount(String),
    /// More decimals than the currency has (other than zeros): `12.345` USD, `1000.5` JPY.
    #[error("`{amount}` has more decimals than {currency} has ({exponent})")]
    TooManyDecimals {
        /// The amount given.
        amount: String,
        /// The currency.
        currency: String,
        /// The currency's number of decimals.
        exponent: u16,
    },
    /// Too large for Antom's `value`.
    #[error("`{0}` is too large an amount")]
    TooLarge(String),
}

/// The ISO 4217 exponent of `currency`: how many decimals its minor unit has.
pub fn minor_unit_exponent(currency: &str) -> Result<u16, AmountError> {
    let known = iso_currency::Currency::from_code(currency)
        .ok_or_else(|| AmountError::UnknownCurrency(currency.to_owned()))?;
    known
        .exponent()
        .ok_or_else(|| AmountError::NoMinorUnit(currency.to_owned()))
}

impl Amount {
    /// The amount of `major` units of `currency` (`"12.34"` USD): `value` in the currency's
    /// minor unit (1234). Decimals beyond the currency's own are refused unless they are zeros
    /// (`"12.340"` USD is 1234; `"12.345"` is an error), so no amount is ever rounded.
    pub fn from_major(currency: &str, major: &str) -> Result<Amount, AmountError> {
        let exponent = minor_unit_exponent(currency)?;
        let not_an_amount = || AmountError::NotAnAmount(major.to_owned());
        let (whole, fraction) = major.split_once('.').unwrap_or((major, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || major.ends_with('.') {
            return Err(not_an_amount());
        }
        let kept = fraction.len().min(usize::from(exponent));
        if fraction[kept..].bytes().any(|b| b != b'0') {
            return Err(AmountError::TooManyDecimals {
                amount: major.to_owned(),
                currency: currency.to_owned(),
                exponent,
            });
        }
        // The minor units: the whole digits, the fraction's, then zeros up to the exponent.
        let mut minor = String::with_capacity(whole.len() + usize::from(exponent));
        minor.push_str(whole);
        minor.push_str(&fraction[..kept]);
        minor.extend(std::iter::repeat_n('0', usize::from(exponent) - kept));
        let value = minor
            .parse::<i64>()
            .map_err(|_| AmountError::TooLarge(major.to_owned()))?;
        Ok(Amount::new(currency, value))
    }

    /// The amount in major units (`"12.34"` for 1234 USD cents; `"1000"` for 1000 JPY), with
    /// exactly the currency's decimals.
    pub fn to_major(&self) -> Result<Decimal, AmountError> {
        let exponent = usize::from(minor_unit_exponent(&self.currency)?);
        let sign = if self.value < 0 { "-" } else { "" };
        let digits = format!(
            "{:0>width$}",
            self.value.unsigned_abs(),
            width = exponent + 1
        );
        let (whole, fraction) = digits.split_at(digits.len() - exponent);
        let text = if fraction.is_empty() {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{fraction}")
        };
        text.parse()
            .map_err(|_| AmountError::NotAnAmount(text.clone()))
    }
}

/// `12.34 USD`; an amount whose currency has no known minor unit shows its raw `value`:
/// `1234 (minor units of XAU)`.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_major() {
            Ok(major) => write!(f, "{major} {}", self.currency),
            Err(_) => write!(f, "{} (minor units of {})", self.value, self.currency),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usd_has_cents() {
        assert_eq!(Amount::from_major("USD", "12.34").unwrap().value, 1234);
        assert_eq!(Amount::from_major("USD", "12.3").unwrap().value, 1230);
        assert_eq!(Amount::from_major("USD", "12").unwrap().value, 1200);
        assert_eq!(Amount::from_major("USD", "12.340").unwrap().value, 1234);
        assert_eq!(Amount::from_major("USD", "0.01").unwrap().value, 1);
        assert!(matches!(
            Amount::from_major("USD", "12.345"),
            Err(AmountError::TooManyDecimals { exponent: 2, .. })
        ));
        assert_eq!(Amount::new("USD", 1234).to_string(), "12.34 USD");
        assert_eq!(Amount::new("USD", 5).to_string(), "0.05 USD");
        assert_eq!(Amount::new("USD", 100).to_major().unwrap().as_str(), "1.00");
    }

    #[test]
    fn jpy_has_no_minor_unit() {
        let yen = Amount::from_major("JPY", "1000").unwrap();
        assert_eq!(yen.value, 1000, "not 100000: the yen has no minor unit");
        assert_eq!(yen.to_string(), "1000 JPY");
        assert_eq!(Amount::from_major("JPY", "1000.00").unwrap().value, 1000);
        assert!(matches!(
            Amount::from_major("JPY", "1000.5"),
            Err(AmountError::TooManyDecimals { exponent: 0, .. })
        ));
    }

    #[test]
    fn kwd_has_three_decimals() {
        assert_eq!(Amount::from_major("KWD", "1.5").unwrap().value, 1500);
        assert_eq!(Amount::from_major("KWD", "1.234").unwrap().value, 1234);
        assert!(Amount::from_major("KWD", "1.2345").is_err());
        assert_eq!(Amount::new("KWD", 1234).to_string(), "1.234 KWD");
        assert_eq!(Amount::new("KWD", 7).to_string(), "0.007 KWD");
    }

    #[test]
    fn what_is_not_an_amount_in_a_currency_is_refused() {
        for bad in ["", ".5", "5.", "-5", "+5", "1,00", "1e3", "1.2.3", " 1"] {
            assert!(
                matches!(
                    Amount::from_major("USD", bad),
                    Err(AmountError::NotAnAmount(_))
                ),
                "{bad:?}"
            );
        }
        assert!(matches!(
            Amount::from_major("usd", "1"),
            Err(AmountError::UnknownCurrency(_))
        ));
        assert!(matches!(
            Amount::from_major("XAU", "1"),
            Err(AmountError::NoMinorUnit(_))
        ));
        assert!(matches!(
            Amount::from_major("USD", "99999999999999999999"),
            Err(AmountError::TooLarge(_))
        ));
        assert_eq!(Amount::new("XAU", 3).to_string(), "3 (minor units of XAU)");
        // Round trip.
        for (currency, text) in [("USD", "12.34"), ("JPY", "7"), ("KWD", "0.001")] {
            let amount = Amount::from_major(currency, text).unwrap();
            assert_eq!(amount.to_major().unwrap().as_str(), text);
        }
    }
}
