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
    // Scientific notation needs an `e+`; most ids have no `+` at all (a
    // plain loop: ids are too short for memchr's setup to pay).
    if !bytes.contains(&b'+') {
        return None;
    }
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
}
