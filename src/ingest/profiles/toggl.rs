//! Toggl Track detailed report CSV (Reports > Detailed > Export > CSV):
//! UTF-8, often with a BOM, comma-separated, ISO dates, `Duration` as
//! `HH:MM:SS` with hours beyond 24 for long entries, `Amount (USD)` or
//! `Amount ()`. Rows become hours (see [`super::time_entry`]).

use super::time_entry;
use super::{Profile, col};

/// Detailed time-entry export; columns in [`time_entry`]'s order.
pub static DETAILED: Profile = Profile {
    name: "Toggl Track detailed report",
    touches: false,
    columns: &[
        col("user", &["user"], true),
        col("start date", &["start date"], true),
        col("duration", &["duration"], true),
        col("project", &["project"], false),
        col("tags", &["tags"], false),
        col("start time", &["start time"], false),
        col("end date", &["end date"], false),
        col("end time", &["end time"], false),
    ],
    read: time_entry::read,
};
