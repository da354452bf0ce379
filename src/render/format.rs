//! Number formatting for pages: templates place these strings, they do
//! not compute.

/// `1234567` as `1,234,567`.
pub fn count(n: u64) -> String {
    group(&n.to_string())
}

fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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

fn symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        "INR" => Some("₹"),
        _ => None,
    }
}

/// A share as a whole percentage: `0.384` as `38%`.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Hours as people say them: `45 min`, `5.2 h`, `3.1 days`.
pub fn duration_hours(hours: f64) -> String {
    if hours < 1.0 {
        format!("{:.0} min", hours * 60.0)
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
        assert_eq!(duration_hours(74.4), "3.1 days");
        assert_eq!(tilt(0.661), "+0.66");
        assert_eq!(tilt(-0.001), "0.00");
    }
}
