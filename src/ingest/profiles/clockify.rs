//! Clockify detailed report CSV (Reports > Detailed > Export > Save as
//! CSV): comma-separated, `Start Date` in the workspace's date format (ISO
//! or month-first), `Duration (h)` as `HH:MM:SS` beside `Duration
//! (decimal)`. Rows become hours (see [`super::time_entry`]).

use super::time_entry;
use super::{Profile, col};

/// Detailed time-entry export; columns in [`time_entry`]'s order.
pub static DETAILED: Profile = Profile {
    name: "Clockify detailed report",
    columns: &[
        col("user", &["user"], true),
        col("start date", &["start date"], true),
        col(
            "duration (h)",
            &["duration (h)", "duration (decimal)"],
            true,
        ),
        col("project", &["project"], false),
        col("tags", &["tags"], false),
    ],
    read: time_entry::read,
};
