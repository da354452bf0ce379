//! Salesforce activities report: tasks and events (`Assigned`,
//! `Activity Type`, `Task Subtype`, `Type`, `Date`, `Created Date`,
//! `Completed Date/Time`, `Lead ID`, `Contact ID`).
//!
//! Every activity becomes a touch, open tasks and inbound calls included.
//! Its time is `Completed Date/Time`, else `Created Date`, else `Date` (the
//! due or start date, date only). Its kind is the first of `Task Subtype`,
//! `Activity Type` and `Type` that says call, email or meeting (an event is
//! a meeting); anything else is a task. The lead it touches is `Lead ID`,
//! else `Contact ID` (a converted lead's activities move to its contact),
//! else `Name ID`; an activity linked to none of them, only to an account
//! or opportunity, is rejected with the column to add.

use super::super::{Outcome, Profile, Row};
use super::{id, optional, outcome, required};
use crate::config::Settings;
use crate::ledger::Rejection;
use crate::model::{Records, Touch, TouchKind};

/// A tasks and events report, Reports > New Report > Tasks and Events.
pub static ACTIVITIES: Profile = Profile {
    name: "Salesforce activities report",
    touches: true,
    columns: &[
        required("assigned", &["assigned", "assigned to"]),
        required(
            "activity type or task subtype",
            &["task subtype", "activity type", "type"],
        ),
        required(
            "date, created date or completed date/time",
            &["date", "created date", "completed date/time"],
        ),
        optional("task subtype", &["task subtype"]),
        optional("activity type", &["activity type"]),
        optional("type", &["type"]),
        optional(
            "completed date/time",
            &["completed date/time", "completed date"],
        ),
        optional("created date", &["created date", "created date/time"]),
        optional("date", &["date", "due date", "activity date"]),
        optional(
            "lead id",
            &["lead id (18 digit)", "lead id (18 char)", "lead id"],
        ),
        optional(
            "contact id",
            &[
                "contact id (18 digit)",
                "contact id (18 char)",
                "contact id",
            ],
        ),
        optional("name id", &["name id", "who id"]),
    ],
    read,
};

const ASSIGNED: usize = 0;
const SUBTYPE: usize = 3;
const ACTIVITY_TYPE: usize = 4;
const TYPE: usize = 5;
const COMPLETED: usize = 6;
const CREATED: usize = 7;
const DATE: usize = 8;
const LEAD: usize = 9;
const CONTACT: usize = 10;
const NAME: usize = 11;
/// Where the kind is read, most specific first.
const KINDS: [usize; 3] = [SUBTYPE, ACTIVITY_TYPE, TYPE];
/// Where the lead is read, in order of preference.
const LINKS: [usize; 3] = [LEAD, CONTACT, NAME];

fn read(row: &Row, _settings: &Settings, out: &mut Records) -> Outcome {
    outcome(row, touch, |touch| out.push_touch(touch))
}

fn touch(row: &Row) -> Result<Touch, Rejection> {
    let (completed, created, date) = (
        row.datetime(COMPLETED)?,
        row.datetime(CREATED)?,
        row.datetime(DATE)?,
    );
    let at = completed
        .or(created)
        .or(date)
        .ok_or_else(|| row.reject(DATE, "a date in Completed Date/Time, Created Date or Date"))?;
    Ok(Touch {
        lead_id: lead_link(row)?.into(),
        at: row.in_stamp_range(DATE, at)?,
        kind: KINDS
            .iter()
            .filter_map(|column| row.text(*column))
            .find_map(kind_of)
            .unwrap_or(TouchKind::Task),
        owner: row.text(ASSIGNED).map(Into::into),
    })
}

/// Call, email or meeting in any of Salesforce's type columns.
fn kind_of(value: &str) -> Option<TouchKind> {
    let value = value.to_lowercase();
    if value.contains("call") {
        Some(TouchKind::Call)
    } else if value.contains("email") || value.contains("e-mail") {
        Some(TouchKind::Email)
    } else if value.contains("meeting") || value == "event" {
        Some(TouchKind::Meeting)
    } else {
        None
    }
}

/// The first lead, contact or person id the row has.
fn lead_link(row: &Row) -> Result<String, Rejection> {
    if let Some(column) = LINKS.iter().copied().find(|c| row.text(*c).is_some()) {
        return id(row, column);
    }
    let has_link_column = LINKS.iter().any(|c| row.cell(*c).is_some());
    Err(row.reject(
        LEAD,
        if has_link_column {
            "a Lead ID or Contact ID; this activity is on neither a lead nor a contact"
        } else {
            "a Lead ID; add the Lead ID and Contact ID columns to the report to link activities to leads"
        },
    ))
}
