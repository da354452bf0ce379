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

/// An amount of the base currency in millionths of a unit: ad spend
/// converted from another currency keeps its fractions of a cent until
/// the rows are summed, so a sum is rounded to the cent once (nine INR
/// rows sum to what their total converts to, not to nine roundings).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FineMoney(pub i64);

/// Millionths of a unit in a cent.
const FINE_PER_CENT: i64 = 10_000;

impl FineMoney {
    /// An amount already in whole cents.
    pub fn from_money(money: Money) -> FineMoney {
        FineMoney(money.0 * FINE_PER_CENT)
    }

    /// `money` times a rate, kept to the millionth.
    pub fn scaled(money: Money, rate: f64) -> FineMoney {
        FineMoney((money.0 as f64 * rate * FINE_PER_CENT as f64).round() as i64)
    }

    /// Rounded half away from zero to the cent.
    pub fn to_money(self) -> Money {
        let half = FINE_PER_CENT / 2;
        let rounded = if self.0 >= 0 {
            (self.0 + half) / FINE_PER_CENT
        } else {
            (self.0 - half) / FINE_PER_CENT
        };
        Money(rounded)
    }
}

impl Add for FineMoney {
    type Output = FineMoney;
    fn add(self, other: FineMoney) -> FineMoney {
        FineMoney(self.0 + other.0)
    }
}

impl AddAssign for FineMoney {
    fn add_assign(&mut self, other: FineMoney) {
        self.0 += other.0;
    }
}

impl Sum for FineMoney {
    fn sum<I: Iterator<Item = FineMoney>>(iter: I) -> FineMoney {
        iter.fold(FineMoney::default(), Add::add)
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
    fn converted_amounts_round_once_when_summed() {
        // Nine rows of 19.51 at a rate of 0.01: each is 0.1951 (0.20 when
        // rounded on its own), their sum 1.7559, rounded once 1.76.
        let rows = std::iter::repeat_n(FineMoney::scaled(Money(1951), 0.01), 9);
        let total: FineMoney = rows.sum();
        assert_eq!(total.to_money(), Money(176));
        assert_eq!(Money(1951).scale(0.01).0 * 9, 180);
        assert_eq!(FineMoney(-15_000).to_money(), Money(-2));
        assert_eq!(FineMoney::from_money(Money(123)).to_money(), Money(123));
    }

    #[test]
    fn scale_rounds_to_the_cent() {
        assert_eq!(Money(1000).scale(1.085), Money(1085));
        assert_eq!(Money(333).scale(0.5), Money(167));
    }
}
