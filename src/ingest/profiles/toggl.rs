//! Toggl Track detailed report CSV (Reports > Detailed > Export > CSV):
//! UTF-8, often with a BOM, comma-separated, ISO dates, `Duration` as
//! `HH:MM:SS` with hours beyond 24 for long entries, `Amount (USD)` or
//! `Amount ()`. Rows become hours (see [`super::time_entry`]).

use super::time_entry;
use super::{ColumnSpec, Profile};

/// Detailed time-entry export; columns in [`time_entry`]'s order.
pub static DETAILED: Profile = Profile {
    name: "Toggl Track detailed report",
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
            concept: "duration",
            aliases: &["duration"],
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
