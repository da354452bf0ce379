//! Clockify detailed report CSV (Reports > Detailed > Export > Save as
//! CSV): comma-separated, `Start Date` in the workspace's date format (ISO
//! or month-first), `Duration (h)` as `HH:MM:SS` beside `Duration
//! (decimal)`. Rows become hours (see [`super::time_entry`]).

use super::time_entry;
use super::{ColumnSpec, Profile};

/// Detailed time-entry export; columns in [`time_entry`]'s order.
pub static DETAILED: Profile = Profile {
    name: "Clockify detailed report",
    columns: &[
        ColumnSpec {
            concept: "user",
            aliases: &["user"],
            required: true,
        },
        ColumnSpec {
            concept: "start date",
            aliases: &["start date"],
            required: true,
        },
        ColumnSpec {
            concept: "duration (h)",
            aliases: &["duration (h)", "duration (decimal)"],
            required: true,
        },
        ColumnSpec {
            concept: "project",
            aliases: &["project"],
            required: false,
        },
        ColumnSpec {
            concept: "tags",
            aliases: &["tags"],
            required: false,
        },
    ],
    read: time_entry::read,
};
