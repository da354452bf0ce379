//! Dates and durations as real exports write them: ISO with or without a
//! zone, US month-first and European day-first slash dates, dotted dates,
//! 12-hour clocks, two-digit years; durations as clock time or decimal
//! hours. A fast path reads the ISO stamps large exports are made of.

use super::{DateOrder, parse_number, trim};
use crate::model::Stamp;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

/// Parses a date or date-time, slash dates month-first. Zone offsets are
/// dropped: times are read as the local business time the export shows.
pub fn parse_datetime(cell: &str) -> Option<NaiveDateTime> {
    parse_datetime_ordered(cell, DateOrder::MonthFirst)
}

/// Parses a date or date-time with slash dates in the given order.
pub fn parse_datetime_ordered(cell: &str, order: DateOrder) -> Option<NaiveDateTime> {
    let cell = trim(cell);
    iso_fast(cell).or_else(|| match order {
        DateOrder::MonthFirst => with_formats(cell, DATETIME_FORMATS, DATE_FORMATS),
        DateOrder::DayFirst => {
            with_formats(cell, DAY_FIRST_DATETIME_FORMATS, DAY_FIRST_DATE_FORMATS)
        }
    })
}

/// The day and month fields of a numeric date (`3/4/2026`, `03.04.26`),
/// in the order written; `None` for other text.
pub fn numeric_date_fields(cell: &str) -> Option<(u32, u32)> {
    let date = trim(cell).split([' ', 'T']).next()?;
    // `17-7-2018` (Dutch Salesforce): hyphens too, where the first field
    // is not an ISO year (checked below).
    let mut parts = date.split(['/', '.', '-']);
    let (a, b, year) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |p: &str, max: usize| {
        !p.is_empty() && p.len() <= max && p.bytes().all(|c| c.is_ascii_digit())
    };
    let year_ok = short(year, 4) && year.len() != 3;
    let well_formed = parts.next().is_none() && short(a, 2) && short(b, 2) && year_ok;
    if !well_formed {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// Parses a date; a date-time gives its date.
pub fn parse_date(cell: &str) -> Option<NaiveDate> {
    parse_datetime(cell).map(|dt| dt.date())
}

/// A trimmed `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS`
/// (or with `T`) straight to a [`Stamp`], without chrono: the shape of
/// almost every date in large exports, several per row. `None` for any
/// other text and for dates a stamp cannot hold, which then take the
/// general path ([`parse_datetime_ordered`], then [`Stamp::new`]) and get
/// the same result or its rejection there.
pub fn iso_stamp(cell: &str) -> Option<Stamp> {
    let b = cell.as_bytes();
    if let Ok(minutes) = <&[u8; 16]>::try_from(b) {
        return iso_minute_stamp(minutes);
    }
    let time_at = match b.len() {
        10 => None,
        19 if matches!(b[10], b' ' | b'T') && b[13] == b':' => Some(11),
        _ => return None,
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    let (hour, minute, second) = match time_at {
        None => (0, 0, 0),
        Some(at) => {
            (b[16] == b':').then_some(())?;
            let second = digits(&b[17..19])?;
            (digits(&b[at..at + 2])?, digits(&b[at + 3..at + 5])?, second)
        }
    };
    stamp_of(year, month, day, [hour, minute, second])
}

/// [`iso_stamp`] of `YYYY-MM-DD HH:MM` (or with `T`), the shape of the
/// dates of HubSpot's exports, a few per row of a million. The sixteen
/// bytes are read as two words, `YYYY-MM-` and `DD HH:MM`, and their
/// twelve digits checked and taken apart together instead of one by one.
fn iso_minute_stamp(b: &[u8; 16]) -> Option<Stamp> {
    // The digit bytes of each word (byte i of a word is bits 8i to 8i+7).
    const DATE_DIGITS: u64 = 0x00FF_FF00_FFFF_FFFF;
    const TIME_DIGITS: u64 = 0xFFFF_00FF_FF00_FFFF;
    let (date, time) = b.split_at(8);
    let date = u64::from_le_bytes(date.try_into().ok()?);
    let time = u64::from_le_bytes(time.try_into().ok()?);
    let separators = (date >> 32) as u8 == b'-'
        && (date >> 56) as u8 == b'-'
        && matches!((time >> 16) as u8, b' ' | b'T')
        && (time >> 40) as u8 == b':';
    let date = digit_values(date, DATE_DIGITS)?;
    let time = digit_values(time, TIME_DIGITS)?;
    if !separators {
        return None;
    }
    let at = |word: u64, byte: u32| ((word >> (8 * byte)) & 0xFF) as u32;
    let year = at(date, 0) * 1000 + at(date, 1) * 100 + at(date, 2) * 10 + at(date, 3);
    let two = |word: u64, byte: u32| at(word, byte) * 10 + at(word, byte + 1);
    let (month, day) = (two(date, 5), two(time, 0));
    stamp_of(year, month, day, [two(time, 3), two(time, 6), 0])
}

/// The bytes of `word` that `digits` selects, each from an ASCII digit to
/// its value (the other bytes zero); `None` if one is not a digit. A
/// digit is `0x30` to `0x39`: its high half is 3, and stays 3 once 6 is
/// added (which cannot carry into the next byte once the high half is 3).
fn digit_values(word: u64, digits: u64) -> Option<u64> {
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    const SIXES: u64 = 0x0606_0606_0606_0606;
    let word = word & digits;
    let threes = ZEROS & digits;
    let is_digit = word & HIGH == threes && (word + (SIXES & digits)) & HIGH == threes;
    is_digit.then(|| word - threes)
}

/// The stamp of a calendar date and a time of day (hour, minute,
/// second), `None` for a day, month or time that does not exist or a
/// moment a stamp cannot hold.
fn stamp_of(year: u32, month: u32, day: u32, [hour, minute, second]: [u32; 3]) -> Option<Stamp> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Stamp::from_unix_seconds(seconds)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar
/// (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS` and the `T`
/// forms with fractions and offsets, without going through format strings:
/// these are the bulk of every large export.
fn iso_fast(cell: &str) -> Option<NaiveDateTime> {
    let b = cell.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        digits(&b[0..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )?;
    if b.len() == 10 {
        return date.and_hms_opt(0, 0, 0);
    }
    if !(b[10] == b' ' || b[10] == b'T') || b.len() < 16 || b[13] != b':' {
        return None;
    }
    let (h, m) = (digits(&b[11..13])?, digits(&b[14..16])?);
    let rest = &b[16..];
    let s = if rest.len() >= 3 && rest[0] == b':' {
        digits(&rest[1..3])?
    } else {
        0
    };
    let tail = if rest.len() >= 3 && rest[0] == b':' {
        &rest[3..]
    } else {
        rest
    };
    if !is_fraction_or_offset(tail) {
        return None;
    }
    date.and_hms_opt(h, m, s)
}

fn is_fraction_or_offset(tail: &[u8]) -> bool {
    tail.iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'Z' | b'+' | b'-' | b':'))
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// Month-first (US) date-time formats, then day-first dotted, then long
/// English forms. Day-first slashes are decided per column by the profile.
const DATETIME_FORMATS: &[&str] = &[
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%y %H:%M",
    "%m/%d/%y %I:%M %p",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%m-%d-%Y %H:%M",
];
const DAY_FIRST_DATETIME_FORMATS: &[&str] = &[
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %I:%M %p",
    "%d/%m/%y %H:%M",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
];
const DAY_FIRST_DATE_FORMATS: &[&str] = &[
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d/%m/%y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%B %d, %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%d %b %Y",
];
const DATE_FORMATS: &[&str] = &[
    "%m/%d/%Y",
    "%m-%d-%Y",
    "%m/%d/%y",
    "%d.%m.%Y",
    "%B %d, %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%d %b %Y",
];

/// chrono's `%Y` also takes two digits (`5/22/24` as year 24), so years
/// before 1900 are refused here and the `%y` formats read them.
fn with_formats(
    cell: &str,
    datetime_formats: &[&str],
    date_formats: &[&str],
) -> Option<NaiveDateTime> {
    let plausible = |d: &NaiveDateTime| d.year() >= 1900;
    datetime_formats
        .iter()
        .filter_map(|f| NaiveDateTime::parse_from_str(cell, f).ok())
        .find(plausible)
        .or_else(|| {
            date_formats
                .iter()
                .filter_map(|f| NaiveDate::parse_from_str(cell, f).ok())
                .map(|d| d.and_time(NaiveTime::MIN))
                .find(plausible)
        })
}

/// What the day-first date parser accepts, for rejection messages.
pub const EXPECTED_DAY_FIRST_DATE: &str =
    "a day-first date such as 14/07/2026, 14/07/2026 09:30 or 2026-07-14";

/// What the duration parser accepts, for rejection messages.
pub const EXPECTED_DURATION: &str =
    "a duration such as 1:30:00 or 27:45:00 (hours:minutes:seconds) or 1.5 (hours)";

/// Parses a duration as time trackers write it: `H:MM:SS` with any number
/// of hour digits (`27:45:00` is over a day), `H:MM`, or decimal hours
/// (`1.5`, `1,5`). Negative durations are refused.
pub fn parse_duration(cell: &str) -> Option<chrono::Duration> {
    let cell = cell.trim();
    if cell.contains(':') {
        return clock_duration(cell);
    }
    if cell.contains('%') {
        return None;
    }
    let hours = parse_number(cell)?;
    (hours.is_finite() && hours >= 0.0)
        .then(|| chrono::Duration::seconds((hours * 3600.0).round() as i64))
}

/// `H…H:MM:SS` or `H…H:MM`: minutes and seconds two digits below 60.
fn clock_duration(cell: &str) -> Option<chrono::Duration> {
    let mut parts = cell.split(':');
    let hours = parts.next().filter(|h| !h.is_empty() && h.len() <= 9)?;
    let hours = i64::from(digits(hours.as_bytes())?);
    let mut sixtieths = parts.map(|p| {
        (p.len() == 2)
            .then(|| digits(p.as_bytes()))
            .flatten()
            .filter(|n| *n < 60)
    });
    let minutes = i64::from(sixtieths.next()??);
    let seconds = match sixtieths.next() {
        Some(s) => i64::from(s?),
        None => 0,
    };
    if sixtieths.next().is_some() {
        return None;
    }
    Some(chrono::Duration::seconds(
        hours * 3600 + minutes * 60 + seconds,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

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
