//! Numbers in words: the one place figures are formatted for people, used
//! by the findings' sentences and by the pages (templates place these
//! strings, they do not compute).

/// `1234567` as `1,234,567`.
pub fn count(n: u64) -> String {
    crate::number::grouped(n)
}

/// A currency amount rounded to whole units: `$12,345`, `€900`, `CHF 1,200`.
pub fn money(amount: f64, currency: &str) -> String {
    let whole = amount.abs().round() as u64;
    let sign = if amount < 0.0 && whole > 0 { "-" } else { "" };
    match symbol(currency) {
        Some(symbol) => format!("{sign}{symbol}{}", count(whole)),
        None => format!("{sign}{currency} {}", count(whole)),
    }
}

/// A currency amount with cents: `$12.40`.
pub fn money_cents(amount: f64, currency: &str) -> String {
    let cents = (amount.abs() * 100.0).round() as u64;
    let sign = if amount < 0.0 && cents > 0 { "-" } else { "" };
    let body = format!("{}.{:02}", count(cents / 100), cents % 100);
    match symbol(currency) {
        Some(symbol) => format!("{sign}{symbol}{body}"),
        None => format!("{sign}{currency} {body}"),
    }
}

use crate::model::currency_symbol as symbol;

/// A share as a whole percentage: `0.384` as `38%`.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Hours as people say them: `45 min`, `5.2 h`, `3.1 days`.
pub fn duration_hours(hours: f64) -> String {
    if hours < 1.0 {
        format!("{:.0} min", hours * 60.0)
    } else if hours < 48.0 && hours.fract() == 0.0 {
        format!("{hours:.0} h")
    } else if hours < 48.0 {
        format!("{hours:.1} h")
    } else {
        format!("{:.1} days", hours / 24.0)
    }
}

/// A tilt with its sign: `+0.66`, `-0.40`, `0.00`.
pub fn tilt(value: f64) -> String {
    if value.abs() < 0.005 {
        "0.00".to_string()
    } else {
        format!("{value:+.2}")
    }
}

/// A rate per week with one decimal: `61.2`.
pub fn per_week(value: f64) -> String {
    format!("{value:.1}")
}

/// A count with its noun: `1 lead`, `3 leads`, `1,204 leads`.
pub fn count_of(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// A multiple with one decimal: `1.8×`.
pub fn factor(value: f64) -> String {
    format!("{value:.1}×")
}

/// A percentage with its sign: `+38%`, `−12%`.
pub fn signed_percent(share: f64) -> String {
    signed(format!("{:+.0}%", share * 100.0))
}

/// Percentage points with their sign: `+4 pts`, `−12 pts`.
pub fn signed_points(points: f64) -> String {
    signed(format!("{points:+.0} pts"))
}

/// A difference with its sign, its size written by `size`: `−8.4 days`,
/// `+1.7×`. A size that shows as zero (`0.00`, `0.0×`) has no sign.
pub fn signed_level(difference: f64, size: impl Fn(f64) -> String) -> String {
    let size = size(difference.abs());
    let shows_zero = !size.chars().any(|c| c.is_ascii_digit() && c != '0');
    if shows_zero {
        size
    } else if difference < 0.0 {
        format!("−{size}")
    } else {
        format!("+{size}")
    }
}

/// Writes a minus sign instead of a hyphen, and `±0` as `0`.
fn signed(text: String) -> String {
    let text = text.replacen("+0%", "0%", 1).replacen("-0%", "0%", 1);
    let text = text
        .replacen("+0 pts", "0 pts", 1)
        .replacen("-0 pts", "0 pts", 1);
    text.replacen('-', "−", 1)
}

/// A small amount of currency with three significant digits, for costs per
/// contact: `$0.0123`, `$4.57`, `$123`.
pub fn money_small(amount: f64, currency: &str) -> String {
    if amount.abs() >= 100.0 {
        return money(amount, currency);
    }
    let digits = if amount == 0.0 {
        2
    } else {
        (2 - amount.abs().log10().floor() as i32).clamp(2, 6) as usize
    };
    let body = format!("{:.*}", digits, amount.abs());
    let sign = if amount < 0.0 { "-" } else { "" };
    match symbol(currency) {
        Some(symbol) => format!("{sign}{symbol}{body}"),
        None => format!("{sign}{currency} {body}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(count(1234567), "1,234,567");
        assert_eq!(count(999), "999");
        assert_eq!(money(12345.6, "USD"), "$12,346");
        assert_eq!(money(-5.0, "CHF"), "-CHF 5");
        assert_eq!(money_cents(1234.5, "EUR"), "€1,234.50");
        assert_eq!(percent(0.384), "38%");
        assert_eq!(duration_hours(0.5), "30 min");
        assert_eq!(duration_hours(5.25), "5.2 h");
        assert_eq!(duration_hours(24.0), "24 h");
        assert_eq!(duration_hours(74.4), "3.1 days");
        assert_eq!(tilt(0.661), "+0.66");
        assert_eq!(tilt(-0.001), "0.00");
        assert_eq!(factor(1.849), "1.8×");
        assert_eq!(count_of(1, "lead", "leads"), "1 lead");
        assert_eq!(count_of(1204, "lead", "leads"), "1,204 leads");
        assert_eq!(signed_percent(0.384), "+38%");
        assert_eq!(signed_percent(-0.12), "−12%");
        assert_eq!(signed_percent(0.001), "0%");
        assert_eq!(signed_points(-12.4), "−12 pts");
        assert_eq!(money_small(0.01234, "USD"), "$0.0123");
        assert_eq!(money_small(4.567, "USD"), "$4.57");
    }
}
