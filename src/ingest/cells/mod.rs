//! Cell parsers: dates, money, counts, booleans and ids as real exports write
//! them. Each returns `None` for text it cannot read; the caller turns that
//! into a rejection naming the column and what was expected.

mod dates;
mod numbers;

pub use crate::config::DateOrder;
pub use dates::*;
pub use numbers::*;

/// What the date parsers accept, for rejection messages.
pub const EXPECTED_DATE: &str =
    "a date such as 2026-07-14, 2026-07-14 09:30, 7/14/2026 9:30 AM or 14.07.2026";
pub const EXPECTED_MONEY: &str = "an amount such as 1234.50, 1,234.50 or 1.234,50";
pub const EXPECTED_COUNT: &str = "a whole number such as 1024 or 1,024";

/// Whether a cell means "no value": blank, `--` (Google Ads writes ` --`),
/// `-` (Meta rankings, Microsoft Ads), `N/A`, `(not set)`.
pub fn is_empty(cell: &str) -> bool {
    is_empty_trimmed(trim(cell))
}

/// [`is_empty`] for a cell already trimmed.
pub fn is_empty_trimmed(cell: &str) -> bool {
    match cell.len() {
        0 => true,
        1 => cell == "-",
        2 => cell == "--",
        3 => cell.eq_ignore_ascii_case("n/a"),
        9 => cell.eq_ignore_ascii_case("(not set)"),
        _ => false,
    }
}

/// [`str::trim`], with a shortcut for the usual cell that starts and ends
/// with a visible ASCII character: every row of a large export trims each
/// cell it reads, and `str::trim` decodes characters from both ends.
#[inline]
pub fn trim(cell: &str) -> &str {
    match cell.as_bytes() {
        [first, .., last] if is_visible_ascii(*first) && is_visible_ascii(*last) => cell,
        [only] if is_visible_ascii(*only) => cell,
        [] => cell,
        _ => cell.trim(),
    }
}

/// An ASCII byte that is not whitespace to [`char::is_whitespace`]
/// (which, unlike [`u8::is_ascii_whitespace`], counts U+000B too).
#[inline]
fn is_visible_ascii(byte: u8) -> bool {
    byte.is_ascii() && !matches!(byte, b'\t'..=b'\r' | b' ')
}

/// Parses a yes/no cell in the forms exports use.
pub fn parse_bool(cell: &str) -> Option<bool> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "1.0" | "yes" | "y" | "done" | "won" => Some(true),
        "false" | "0" | "0.0" | "no" | "n" | "undone" | "" => Some(false),
        _ => None,
    }
}

/// Why an id cell cannot be used, if it cannot: Excel turns long numeric
/// ids into scientific notation (`1.20253E+17`), destroying them.
pub fn id_problem(cell: &str) -> Option<&'static str> {
    let cell = trim(cell);
    if cell.is_empty() {
        return Some("an id; the cell is empty");
    }
    let bytes = cell.as_bytes();
    // Scientific notation needs an `e+`; most ids have no `+` at all.
    memchr::memchr(b'+', bytes)?;
    let exponent = bytes
        .windows(2)
        .any(|w| w[0].eq_ignore_ascii_case(&b'e') && w[1] == b'+');
    let looks_scientific = exponent
        && bytes
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'E' | b'e' | b'+'));
    looks_scientific.then_some("an id; this one was turned into scientific notation by a spreadsheet, re-export the file without opening it in Excel")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Money;

    fn dt(s: &str) -> String {
        parse_datetime(s)
            .map(|d| d.to_string())
            .unwrap_or_else(|| "none".into())
    }

    #[test]
    fn dates_in_export_formats() {
        assert_eq!(dt("2024-05-22 12:22"), "2024-05-22 12:22:00");
        assert_eq!(dt("2024-05-31"), "2024-05-31 00:00:00");
        assert_eq!(dt("2026-05-19T15:15:37-0400"), "2026-05-19 15:15:37");
        assert_eq!(dt("2026-05-19T15:15:37.123Z"), "2026-05-19 15:15:37");
        assert_eq!(dt("9/8/2026 11:22 AM"), "2026-09-08 11:22:00");
        assert_eq!(dt("5/22/24 12:22"), "2024-05-22 12:22:00");
        assert_eq!(dt("05.01.2023"), "2023-01-05 00:00:00");
        assert_eq!(dt("March 27, 2026"), "2026-03-27 00:00:00");
        assert_eq!(dt("27 January 2026"), "2026-01-27 00:00:00");
        assert_eq!(dt("31/02/2026 09:15"), "none");
        assert_eq!(dt("2026-02-31"), "none");
        assert_eq!(dt("soon"), "none");
    }

    #[test]
    fn day_first_dates_and_numeric_fields() {
        let day_first = |s| parse_datetime_ordered(s, DateOrder::DayFirst).map(|d| d.to_string());
        assert_eq!(
            day_first("14/07/2026 09:30").as_deref(),
            Some("2026-07-14 09:30:00")
        );
        assert_eq!(
            day_first("01/09/2023").as_deref(),
            Some("2023-09-01 00:00:00")
        );
        assert_eq!(day_first("7/14/2026"), None);
        assert_eq!(
            day_first("2026-07-14").as_deref(),
            Some("2026-07-14 00:00:00")
        );
        assert_eq!(numeric_date_fields("3/4/2026 9:30 AM"), Some((3, 4)));
        assert_eq!(numeric_date_fields("14.07.26"), Some((14, 7)));
        assert_eq!(numeric_date_fields("2026-07-14"), None);
        assert_eq!(numeric_date_fields("1/2"), None);
        assert_eq!(numeric_date_fields("3.50"), None);
    }

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

    #[test]
    fn counts_numbers_booleans_ids() {
        assert_eq!(parse_count("\"1,024\"".trim_matches('"')), Some(1024));
        assert_eq!(parse_count("30.0"), Some(30));
        assert_eq!(parse_count("1.5"), None);
        assert_eq!(parse_number("2.81%"), Some(2.81));
        assert_eq!(parse_number("4,838.80"), Some(4838.8));
        assert_eq!(parse_bool("true"), Some(true));
        assert_eq!(parse_bool("maybe"), None);
        assert!(is_empty(" --"));
        assert!(id_problem("1.20253E+17").is_some());
        assert!(id_problem("19542546496").is_none());
    }

    #[test]
    fn day_first_dates() {
        let day_first = |s| {
            parse_datetime_ordered(s, DateOrder::DayFirst)
                .map(|d| d.to_string())
                .unwrap_or_else(|| "none".into())
        };
        assert_eq!(day_first("01/09/2023"), "2023-09-01 00:00:00");
        assert_eq!(day_first("31/08/2026 14:05"), "2026-08-31 14:05:00");
        assert_eq!(day_first("2026-07-14"), "2026-07-14 00:00:00");
        assert_eq!(day_first("14.07.2026"), "2026-07-14 00:00:00");
        assert_eq!(day_first("09/13/2023"), "none");
        assert_eq!(
            parse_datetime_ordered("01/09/2023", DateOrder::MonthFirst).map(|d| d.to_string()),
            Some("2023-01-09 00:00:00".to_string())
        );
    }

    #[test]
    fn durations_as_time_trackers_write_them() {
        let secs = |s| parse_duration(s).map(|d| d.num_seconds());
        assert_eq!(secs("1:30:00"), Some(5_400));
        assert_eq!(secs("00:09:17"), Some(557));
        assert_eq!(secs("27:45:30"), Some(99_930));
        assert_eq!(secs("123:00:00"), Some(442_800));
        assert_eq!(secs("0:45"), Some(2_700));
        assert_eq!(secs("1.5"), Some(5_400));
        assert_eq!(secs("1,25"), Some(4_500));
        assert_eq!(secs("0"), Some(0));
        assert_eq!(secs("1:75:00"), None);
        assert_eq!(secs("1:5:00"), None);
        assert_eq!(secs("1:30:00:00"), None);
        assert_eq!(secs(":30:00"), None);
        assert_eq!(secs("-1.5"), None);
        assert_eq!(secs("50%"), None);
        assert_eq!(secs("soon"), None);
    }
}
