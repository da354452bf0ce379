//! Salesforce leads report (`Lead ID` or `Lead ID (18 Digit)`,
//! `Created Date`, `Lead Source`, `Lead Owner`, `Lead Status`, `Email`,
//! `Converted Date`).
//!
//! Salesforce records no MQL date, so `mql_at` stays empty and a lead is
//! ready for sales when it is created; an org that keeps one in a custom
//! field can add it to the report as `MQL Date`. Converting a lead is the
//! step where sales accepts it, so `Converted Date` is the SQL date, unless
//! the report carries a custom `SQL Date`. `Created Date` is often date
//! only, which makes speed to lead precise to the day only.
//!
//! Without an activities report the first touch comes from the lead's
//! own `First Call Date/Time` and `First Email Date/Time` (the earlier);
//! a lead with a `Last Activity` date or a status such as `Working -
//! Contacted` but neither is "touched, time unknown".

use super::super::{LeadColumns, Outcome, Profile, Row, lead_from_row};
use super::{id, optional, outcome, required};
use crate::config::Settings;
use crate::ledger::Rejection;
use crate::model::{Lead, Records, TextPool};

/// A leads report, Reports > New Report > Leads.
pub static LEADS: Profile = Profile {
    name: "Salesforce leads report",
    touches: false,
    columns: &[
        // A report without `Lead ID` (seen from a Dutch-locale org) is
        // recognised by `Last Name`; its leads are known by a hash of
        // name, company, email and creation (see [`identity`]).
        required(
            "lead id",
            &[
                "lead id (18 digit)",
                "lead id (18 char)",
                "lead id",
                "last name",
            ],
        ),
        required("created date", &["created date", "created date/time"]),
        required("lead source", &["lead source"]),
        optional("lead owner", &["lead owner", "lead owner alias"]),
        optional("lead status", &["lead status"]),
        optional("email", &["email"]),
        optional(
            "mql date",
            &["mql date", "mql date/time", "marketing qualified date"],
        ),
        optional(
            "sql date",
            &["sql date", "sql date/time", "sales qualified date"],
        ),
        optional("converted date", &["converted date"]),
        optional(
            "first call date",
            &["first call date/time", "first call date"],
        ),
        optional(
            "first email date",
            &["first email date/time", "first email date"],
        ),
        optional("last activity", &["last activity", "last activity date"]),
        optional("first name", &["first name"]),
        optional("last name", &["last name"]),
        optional("company", &["company / account", "company"]),
    ],
    read,
};

const ID: usize = 0;
const CREATED: usize = 1;
const SOURCE: usize = 2;
const OWNER: usize = 3;
const STATUS: usize = 4;
const EMAIL: usize = 5;
const MQL: usize = 6;
const SQL: usize = 7;
const CONVERTED: usize = 8;
const FIRST_CALL: usize = 9;
const FIRST_EMAIL: usize = 10;
const LAST_ACTIVITY: usize = 11;
const FIRST_NAME: usize = 12;
const LAST_NAME: usize = 13;
const COMPANY: usize = 14;

fn read(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    let texts = &mut out.texts;
    let leads = &mut out.leads;
    outcome(
        row,
        |row| lead(row, settings, texts),
        |lead| leads.push(lead),
    )
}

const LEAD_COLUMNS: LeadColumns = LeadColumns {
    id: ID,
    created: CREATED,
    source: SOURCE,
    owner: OWNER,
    mql: MQL,
    sql: SQL,
    opportunity: None,
    customer: None,
    first_touch: None,
    status: STATUS,
    email: EMAIL,
};

fn lead(row: &Row, settings: &Settings, texts: &mut TextPool) -> Result<Lead, Rejection> {
    let converted = row.stamp(CONVERTED)?;
    let mut lead = lead_from_row(row, settings, &LEAD_COLUMNS, texts)?;
    lead.id = identity(row)?.into();
    lead.sql_at = lead.sql_at.or(converted);
    // Without a custom MQL Date column every lead is ready when created.
    lead.ready_at = lead.ready_for_sales(row.has(MQL));
    let first = [row.stamp(FIRST_CALL)?, row.stamp(FIRST_EMAIL)?];
    lead.first_touch_at = first.into_iter().flatten().min();
    lead.touched = lead.first_touch_at.is_none()
        && (row.text(LAST_ACTIVITY).is_some() || row.text(STATUS).is_some_and(says_contacted));
    Ok(lead)
}

/// The lead's id; in a report without `Lead ID`, `sf-lead-` and a hash of
/// its first and last name, company, email and created date, so the same
/// lead in two overlapping reports counts once and no name is kept.
fn identity(row: &Row) -> Result<String, Rejection> {
    let has_id = row
        .column_name(ID)
        .is_some_and(|name| name.starts_with("lead id"));
    if has_id {
        return id(row, ID);
    }
    let mut hasher = std::hash::DefaultHasher::new();
    for column in [FIRST_NAME, LAST_NAME, COMPANY, EMAIL, CREATED] {
        std::hash::Hash::hash(&row.text(column).unwrap_or("").to_lowercase(), &mut hasher);
    }
    Ok(format!(
        "sf-lead-{:016x}",
        std::hash::Hasher::finish(&hasher)
    ))
}

/// Whether a `Lead Status` says sales reached the lead: `Working -
/// Contacted`, `Closed - Converted`, `Closed - Not Converted` (worked,
/// then turned down); not `Open - Not Contacted`.
fn says_contacted(status: &str) -> bool {
    let status = status.to_lowercase();
    !status.contains("not contacted")
        && ["working", "contacted", "converted"]
            .iter()
            .any(|w| status.contains(w))
}
