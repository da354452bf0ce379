//! Money and numbers as real exports write them: currency symbols and
//! codes, either grouping convention, accounting parentheses, a decimal
//! separator known from the column's other values.

use crate::model::Money;

/// Parses money to exact cents: currency symbols and codes, spaces and
/// either grouping convention (`1,234.50`, `1.234,50`, `454,06`), a leading
/// minus or accounting parentheses. Fractions beyond the cent are rounded
/// half away from zero.
pub fn parse_money(cell: &str) -> Option<Money> {
    parse_money_in(cell, None)
}

/// [`parse_money`] where the column's decimal separator is known from its
/// other values (see `formats`): `1.234` is then 1234 in a decimal-comma
/// column and `1,234` is 1.234.
pub fn parse_money_in(cell: &str, decimal: Option<char>) -> Option<Money> {
    let (negative, number) = strip_sign(strip_currency(cell.trim()));
    let (int_part, frac_part) = split_decimal(number, decimal)?;
    let units: i64 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().ok()?
    };
    let cents = units
        .checked_mul(100)?
        .checked_add(round_fraction(frac_part)?)?;
    Some(Money::from_cents(if negative { -cents } else { cents }))
}

/// The ISO currency code a money cell carries before or after its number
/// (`USD 10,000.00`, `1.500,00 EUR`), if any.
pub fn currency_code(cell: &str) -> Option<&str> {
    let is_code = |word: &&str| word.len() == 3 && word.bytes().all(|b| b.is_ascii_uppercase());
    let mut words = cell.split_whitespace();
    let first = words.next()?;
    [Some(first), words.next_back()]
        .into_iter()
        .flatten()
        .find(is_code)
}

fn strip_currency(cell: &str) -> &str {
    cell.trim_matches(|c: char| {
        c.is_whitespace() || c == '\u{a0}' || c.is_ascii_uppercase() || "$€£¥₹".contains(c)
    })
}

fn strip_sign(cell: &str) -> (bool, &str) {
    if let Some(inner) = cell.strip_prefix('(').and_then(|c| c.strip_suffix(')')) {
        return (true, inner.trim());
    }
    match cell.strip_prefix('-') {
        Some(rest) => (true, rest.trim()),
        None => (false, cell),
    }
}

/// Splits a number into its integer digits (grouping removed) and fraction
/// digits, deciding which of `.` and `,` is the decimal separator.
fn split_decimal(number: &str, known: Option<char>) -> Option<(String, &str)> {
    if number.is_empty()
        || !number
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b' ' | b'\''))
    {
        return None;
    }
    let decimal = match known {
        Some(separator) => number.contains(separator).then_some(separator),
        None => decimal_separator(number),
    };
    let (int_text, frac) = match decimal.and_then(|d| number.rfind(d)) {
        Some(at) => (&number[..at], &number[at + 1..]),
        None => (number, ""),
    };
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let int: String = int_text.chars().filter(char::is_ascii_digit).collect();
    Some((int, frac))
}

/// The decimal separator: the later of `.` and `,` when both appear; a lone
/// separator is grouping only when it repeats or is followed by exactly
/// three digits (`1,024`), otherwise decimal (`454,06`, `0.8`).
fn decimal_separator(number: &str) -> Option<char> {
    match (number.rfind('.'), number.rfind(',')) {
        (Some(dot), Some(comma)) => Some(if dot > comma { '.' } else { ',' }),
        (Some(_), None) => lone_separator(number, '.'),
        (None, Some(_)) => lone_separator(number, ','),
        (None, None) => None,
    }
}

fn lone_separator(number: &str, sep: char) -> Option<char> {
    let count = number.matches(sep).count();
    let after = number.len() - number.rfind(sep)? - 1;
    let grouping = count > 1 || (after == 3 && sep == ',');
    (!grouping).then_some(sep)
}

fn round_fraction(frac: &str) -> Option<i64> {
    let mut digits = frac.bytes().map(|b| i64::from(b - b'0'));
    let tens = digits.next().unwrap_or(0);
    let ones = digits.next().unwrap_or(0);
    let round_up = digits.next().is_some_and(|d| d >= 5);
    Some(tens * 10 + ones + i64::from(round_up))
}

/// Parses a count: `1024`, `"1,024"`, `9552.0` (HubSpot writes integers as floats).
pub fn parse_count(cell: &str) -> Option<u64> {
    parse_count_in(cell, None)
}

/// [`parse_count`] with the column's decimal separator.
pub fn parse_count_in(cell: &str, decimal: Option<char>) -> Option<u64> {
    let money = parse_money_in(cell, decimal)?;
    (money.cents() >= 0 && money.cents() % 100 == 0).then(|| money.cents() as u64 / 100)
}

/// Parses a decimal number such as `15.00`, `"4,838.80"` or `4,5`.
pub fn parse_number(cell: &str) -> Option<f64> {
    parse_number_in(cell, None)
}

/// [`parse_number`] with the column's decimal separator.
pub fn parse_number_in(cell: &str, decimal: Option<char>) -> Option<f64> {
    let (negative, number) = strip_sign(cell.trim().trim_end_matches('%').trim());
    let (int, frac) = split_decimal(number, decimal)?;
    let value: f64 = format!(
        "{}.{}",
        if int.is_empty() { "0" } else { &int },
        if frac.is_empty() { "0" } else { frac }
    )
    .parse()
    .ok()?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_both_conventions() {
        let cents = |s| parse_money(s).map(Money::cents);
        assert_eq!(cents("9552.0"), Some(955_200));
        assert_eq!(cents("$1,234.50"), Some(123_450));
        assert_eq!(cents("1.234,50 €"), Some(123_450));
        assert_eq!(cents("454,06"), Some(45_406));
        assert_eq!(cents("USD 10,000"), Some(1_000_000));
        assert_eq!(cents("269.991"), Some(26_999));
        assert_eq!(cents("(12.5)"), Some(-1_250));
        assert_eq!(cents("TBD"), None);
        assert_eq!(cents(""), None);
    }

    #[test]
    fn currency_codes_written_in_money_cells() {
        assert_eq!(currency_code("USD 10,000.00"), Some("USD"));
        assert_eq!(currency_code("1.500,00\u{a0}EUR"), Some("EUR"));
        assert_eq!(currency_code("10,000"), None);
        assert_eq!(currency_code("$1,234.50"), None);
        assert_eq!(currency_code("Usd 5"), None);
        assert_eq!(currency_code(""), None);
    }
}
