//! Rows of detailed time-entry exports (Toggl Track, Clockify): one entry
//! per row, counted on its start day, for the function its tags or project
//! map to under `[hours]` in equinox.toml (unmapped: unknown). Emails in
//! these exports are never read.
//!
//! Every time-tracker profile lists its columns in this module's order.

use super::{Outcome, Row};
use crate::config::Settings;
use crate::ledger::Rejection;
use crate::model::{Hours, Records};

/// The team member's name (`User`).
pub const PERSON: usize = 0;
pub const START_DATE: usize = 1;
/// `H:MM:SS` (hours may exceed 24) or decimal hours.
pub const DURATION: usize = 2;
pub const PROJECT: usize = 3;
/// Comma-separated tags.
pub const TAGS: usize = 4;
pub const START_TIME: usize = 5;
pub const END_DATE: usize = 6;
pub const END_TIME: usize = 7;

/// Turns one time entry into hours.
pub fn read(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    Outcome::of(hours(row, settings), |hours| out.hours.push(hours))
}

fn hours(row: &Row, settings: &Settings) -> Result<Hours, Rejection> {
    let day = row.required_datetime(START_DATE)?.date();
    let duration = match row.duration(DURATION)? {
        Some(duration) => duration,
        None if !row.has(DURATION) => start_to_end(row, day)?,
        None => return Err(row.reject(DURATION, super::cells::EXPECTED_DURATION)),
    };
    let tags = row.text(TAGS).unwrap_or("").split(',').map(str::trim);
    Ok(Hours {
        day,
        person: row.text(PERSON).unwrap_or("").to_string(),
        function: settings.hours.function_of(row.text(PROJECT), tags),
        hours: duration.num_seconds() as f64 / 3600.0,
    })
}

/// The time from an entry's start to its end, for a report exported
/// without its duration columns.
fn start_to_end(row: &Row, day: chrono::NaiveDate) -> Result<chrono::Duration, Rejection> {
    let start = day.and_time(time_of_day(row, START_TIME)?);
    let end_day = row.datetime(END_DATE)?.map_or(day, |d| d.date());
    let end = end_day.and_time(time_of_day(row, END_TIME)?);
    if end < start {
        return Err(row.reject(END_TIME, "an end at or after the entry's start"));
    }
    Ok(end - start)
}

/// A time of day as time trackers write it: `10:23:52 AM`, `14:05:00`.
fn time_of_day(row: &Row, column: usize) -> Result<chrono::NaiveTime, Rejection> {
    const FORMATS: [&str; 4] = ["%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p"];
    let text = row.text(column).unwrap_or("");
    FORMATS
        .iter()
        .find_map(|f| chrono::NaiveTime::parse_from_str(text, f).ok())
        .ok_or_else(|| row.reject(column, "a time of day such as 10:23:52 AM or 14:05:00"))
}
