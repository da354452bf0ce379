//! Exact money in minor units (cents), so sums never drift the way binary
//! floating point does.

use serde::{Serialize, Serializer};
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

/// The symbol people write before an amount in a currency, where there is
/// a common one: `$` for USD, `€` for EUR.
pub fn currency_symbol(code: &str) -> Option<&'static str> {
    match code {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        "INR" => Some("₹"),
        _ => None,
    }
}

/// An amount of the base currency in hundredths (cents).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    /// Builds an amount from whole cents.
    pub fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    /// The amount in cents.
    pub fn cents(self) -> i64 {
        self.0
    }

    /// The amount as a float of currency units, for ratios and display only.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Multiplies by a rate (an exchange rate), rounding half away from zero to the cent.
    pub fn scale(self, rate: f64) -> Money {
        Money((self.0 as f64 * rate).round() as i64)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        self.0 += other.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0 - other.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// JSON carries money as a number of currency units; dividing whole cents by
/// 100 and printing the shortest round-tripping float gives exactly two
/// decimals or fewer (`1234.5`, `99.99`).
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_stay_exact() {
        let total: Money = std::iter::repeat_n(Money(10), 1000).sum();
        assert_eq!(total, Money(10_000));
        assert_eq!(serde_json::to_string(&total).unwrap(), "100.0");
        assert_eq!(serde_json::to_string(&Money(12345)).unwrap(), "123.45");
    }

    #[test]
    fn scale_rounds_to_the_cent() {
        assert_eq!(Money(1000).scale(1.085), Money(1085));
        assert_eq!(Money(333).scale(0.5), Money(167));
    }
}
