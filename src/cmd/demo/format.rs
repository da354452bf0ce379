//! Number spellings of the ad platforms: Google's grouped counts and
//! two-decimal money, Meta's raw trimmed decimals.

/// `1024` -> `1,024` (Google Ads counts; the CSV writer quotes them).
pub use crate::number::grouped;

/// Cents as `212.40`: two decimals, no grouping (Google `Cost`).
pub fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Whole units as `4,838.00` (Google `Conversions` totals and rows).
pub fn grouped_decimal(units: u64) -> String {
    format!("{}.00", grouped(units))
}

/// Ratio with two decimals, `0` when the divisor is zero (Google `Avg. CPC`).
pub fn per(numerator: f64, divisor: u64) -> String {
    if divisor == 0 {
        "0".to_string()
    } else {
        format!("{:.2}", numerator / divisor as f64)
    }
}

/// `5.18%`, or ` --` without impressions (Google `CTR`).
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        EMPTY.to_string()
    } else {
        format!("{:.2}%", part as f64 * 100.0 / whole as f64)
    }
}

/// Google's marker for a cell without meaning: a space and two hyphens.
pub const EMPTY: &str = " --";

/// Cents as Meta writes spend: `159.51`, `24.6`, `30`.
pub fn trimmed_money(cents: u64) -> String {
    trim(format!("{}.{:02}", cents / 100, cents % 100))
}

/// Up to eight decimals without trailing zeros (`4.19763158`).
pub fn raw(value: f64) -> String {
    trim(format!("{value:.8}"))
}

fn trim(mut text: String) -> String {
    if text.contains('.') {
        let kept = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(kept);
    }
    text
}

/// `value` in decimal digits, written into `buffer` without allocating.
pub fn decimal(mut value: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            return &buffer[start..];
        }
    }
}
