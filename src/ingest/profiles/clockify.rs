//! Clockify detailed report CSV (Reports > Detailed > Export > Save as
//! CSV): comma-separated, `Start Date` in the workspace's date format (ISO
//! or month-first, Clockify's default, with `10:23:52 AM` times),
//! `Duration (h)` as `HH:MM:SS` beside `Duration (decimal)`; a report
//! without the duration columns is timed from its start and end. Rows
//! become hours (see [`super::time_entry`]).

use super::time_entry;
use super::{Profile, col};

/// Detailed time-entry export; columns in [`time_entry`]'s order.
pub static DETAILED: Profile = Profile {
    name: "Clockify detailed report",
    touches: false,
    columns: &[
        col("user", &["user"], true),
        col("start date", &["start date"], true),
        col(
            "duration (h)",
            &["duration (h)", "duration (decimal)"],
            false,
        ),
        col("project", &["project"], false),
        col("tags", &["tags"], false),
        col("start time", &["start time"], false),
        col("end date", &["end date"], false),
        col("end time", &["end time"], true),
    ],
    read: time_entry::read,
};
