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

/// Turns one time entry into hours.
pub fn read(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    Outcome::of(hours(row, settings), |hours| out.hours.push(hours))
}

fn hours(row: &Row, settings: &Settings) -> Result<Hours, Rejection> {
    let duration = row
        .duration(DURATION)?
        .ok_or_else(|| row.reject(DURATION, super::cells::EXPECTED_DURATION))?;
    let tags = row.text(TAGS).unwrap_or("").split(',').map(str::trim);
    Ok(Hours {
        day: row.required_datetime(START_DATE)?.date(),
        person: row.text(PERSON).unwrap_or("").to_string(),
        function: settings.hours.function_of(row.text(PROJECT), tags),
        hours: duration.num_seconds() as f64 / 3600.0,
    })
}
