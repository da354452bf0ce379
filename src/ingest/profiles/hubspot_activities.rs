//! HubSpot activity (engagement) exports: calls, emails, meetings and tasks
//! downloaded from their index pages, one file per type or mixed with an
//! activity type column. Associations come as `;`-joined contact ids
//! (`123;456`): one touch per associated contact. The file's type shows in
//! its type-specific columns (`Call direction`, `Meeting outcome`, ...) when
//! no type column is exported.

use super::cells;
use super::col;
use super::{Outcome, Profile, Row};
use crate::config::Settings;
use crate::ledger::Rejection;
use crate::model::{Records, Stamp, Touch, TouchKind};

/// Calls, emails, meetings or tasks export
/// (`hubspot-crm-exports-all-calls-*.csv`, ...).
pub static ACTIVITIES: Profile = Profile {
    name: "HubSpot activities",
    touches: true,
    columns: &[
        col("activity date", &["activity date", "hs_timestamp"], true),
        col(
            "associated contact ids",
            &["associated contact ids", "associated contact id"],
            true,
        ),
        col(
            "activity assigned to",
            &["activity assigned to", "hubspot_owner_id"],
            false,
        ),
        col(
            "activity type",
            &["activity type", "engagement type", "hs_engagement_type"],
            false,
        ),
        col(
            "call direction",
            &["call direction", "hs_call_direction"],
            false,
        ),
        col(
            "call outcome",
            &["call outcome", "hs_call_disposition"],
            false,
        ),
        col(
            "email direction",
            &["email direction", "hs_email_direction"],
            false,
        ),
        col(
            "meeting outcome",
            &["meeting outcome", "hs_meeting_outcome"],
            false,
        ),
        col("task status", &["task status", "hs_task_status"], false),
    ],
    read,
};

const DATE: usize = 0;
const CONTACTS: usize = 1;
const OWNER: usize = 2;
const TYPE: usize = 3;
const CALL_DIRECTION: usize = 4;
const CALL_OUTCOME: usize = 5;
const EMAIL_DIRECTION: usize = 6;
const MEETING_OUTCOME: usize = 7;
const TASK_STATUS: usize = 8;

fn read(row: &Row, _settings: &Settings, out: &mut Records) -> Outcome {
    let Some(kind) = touch_kind(row) else {
        return Outcome::Used;
    };
    Outcome::of(checked_touch(row), |(ids, at)| {
        // One touch per associated contact, the owner held once.
        let owner = row.text(OWNER).map(|owner| out.texts.text(owner));
        for lead_id in contact_ids(ids) {
            out.touches.push(Touch {
                lead_id: lead_id.into(),
                at,
                kind,
                owner: owner.clone(),
            });
        }
    })
}

/// What kind of touch the row is; `None` for an activity that is read and
/// deliberately not a touch: a note, an email the lead sent in, a task not
/// completed yet. Inbound calls count: a rep spoke with the lead.
fn touch_kind(row: &Row) -> Option<TouchKind> {
    let kind = match row.text(TYPE) {
        Some(kind) => kind_of_type(kind)?,
        None => kind_of_columns(row),
    };
    let incoming_email = kind == TouchKind::Email
        && row
            .text(EMAIL_DIRECTION)
            .is_some_and(|d| d.to_ascii_lowercase().contains("incoming"));
    let open_task = kind == TouchKind::Task
        && row
            .text(TASK_STATUS)
            .is_some_and(|s| !s.eq_ignore_ascii_case("completed"));
    (!incoming_email && !open_task).then_some(kind)
}

/// The kind an activity type value names (`Call`, `CALL`, `Calls`, ...);
/// `None` for notes; any other type (LinkedIn message, SMS, ...) is a task.
fn kind_of_type(kind: &str) -> Option<TouchKind> {
    let kind = kind.trim_end_matches(['s', 'S']);
    let is = |name: &str| kind.eq_ignore_ascii_case(name);
    Some(if is("note") {
        return None;
    } else if is("call") {
        TouchKind::Call
    } else if is("email") || is("incoming_email") || is("forwarded_email") {
        TouchKind::Email
    } else if is("meeting") || is("meeting_event") {
        TouchKind::Meeting
    } else {
        TouchKind::Task
    })
}

/// The kind a single-type export shows by its type-specific columns.
fn kind_of_columns(row: &Row) -> TouchKind {
    if row.has(CALL_DIRECTION) || row.has(CALL_OUTCOME) {
        TouchKind::Call
    } else if row.has(EMAIL_DIRECTION) {
        TouchKind::Email
    } else if row.has(MEETING_OUTCOME) {
        TouchKind::Meeting
    } else {
        TouchKind::Task
    }
}

/// The row's associated contact ids, all checked, and its time. A row with
/// no contact cannot be joined to a lead and is rejected.
fn checked_touch<'r>(row: &'r Row) -> Result<(&'r str, Stamp), Rejection> {
    let cell = row.text(CONTACTS).unwrap_or("");
    let mut any = false;
    for id in contact_ids(cell) {
        if let Some(expected) = cells::id_problem(id) {
            return Err(row.reject(CONTACTS, expected));
        }
        any = true;
    }
    if !any {
        return Err(row.reject(
            CONTACTS,
            "the ids of the contacts the activity was logged on; activities with no associated contact cannot be joined to a lead",
        ));
    }
    Ok((cell, row.required_stamp(DATE)?))
}

/// The ids in a `;`-joined association cell (`123;456`).
fn contact_ids(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|id| !id.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_types_in_labels_and_internal_values() {
        assert_eq!(kind_of_type("Call"), Some(TouchKind::Call));
        assert_eq!(kind_of_type("EMAILS"), Some(TouchKind::Email));
        assert_eq!(kind_of_type("INCOMING_EMAIL"), Some(TouchKind::Email));
        assert_eq!(kind_of_type("Meetings"), Some(TouchKind::Meeting));
        assert_eq!(kind_of_type("LinkedIn message"), Some(TouchKind::Task));
        assert_eq!(kind_of_type("NOTE"), None);
    }
}
