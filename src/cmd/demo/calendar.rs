//! Time inside the demo year: minutes since 2026-01-01 00:00 (no time zone, like
//! HubSpot's portal time) and the byte-exact spellings the exports use.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// 2026-01-01, day 0 of the story.
const START: NaiveDate = match NaiveDate::from_ymd_opt(2026, 1, 1) {
    Some(date) => date,
    None => panic!("2026-01-01 is a valid date"),
};

/// Minutes in one day.
pub const DAY: u32 = 1_440;
/// Days of data: the whole of 2026.
pub const DAYS: u32 = 365;
/// The last minute with data: 2026-12-31 23:59.
pub const END: u32 = DAYS * DAY - 1;
/// First minute of the working day (09:00).
pub const OPENS: u32 = 9 * 60;
/// Minute the working day ends (17:30).
pub const CLOSES: u32 = 17 * 60 + 30;

/// The calendar date of a story day.
pub fn date(day: u32) -> NaiveDate {
    START + Days::new(u64::from(day))
}

/// Calendar quarter (0 = Q1) of a story day.
pub fn quarter(day: u32) -> usize {
    date(day).month0() as usize / 3
}

/// Day of the week, 0 = Monday.
pub fn weekday(day: u32) -> usize {
    date(day).weekday().num_days_from_monday() as usize
}

/// Monday to Friday.
pub fn is_workday(day: u32) -> bool {
    !matches!(date(day).weekday(), Weekday::Sat | Weekday::Sun)
}

/// `YYYY-MM-DD`.
pub fn iso_date(day: u32) -> [u8; 10] {
    let date = date(day);
    let mut out = *b"0000-00-00";
    digits(&mut out[0..4], date.year().unsigned_abs());
    digits(&mut out[5..7], date.month());
    digits(&mut out[8..10], date.day());
    out
}

/// `YYYY-MM-DD HH:MM`, 24 h, as HubSpot writes datetimes.
pub fn stamp(minute: u32) -> [u8; 16] {
    let mut out = *b"0000-00-00 00:00";
    out[..10].copy_from_slice(&iso_date(minute / DAY));
    digits(&mut out[11..13], minute % DAY / 60);
    digits(&mut out[14..16], minute % 60);
    out
}

/// `January 1, 2026`, the en-US spelling of Google Ads date ranges.
pub fn long_date(day: u32) -> String {
    let date = date(day);
    format!("{} {}, {}", date.format("%B"), date.day(), date.year())
}

/// `Jan-1-2026`, the spelling of dates in Meta export file names.
pub fn file_date(day: u32) -> String {
    let date = date(day);
    format!("{}-{}-{}", date.format("%b"), date.day(), date.year())
}

/// Writes `value` zero-padded into `out`, most significant digit first.
fn digits(out: &mut [u8], mut value: u32) {
    for slot in out.iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}
