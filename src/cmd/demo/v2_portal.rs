//! The "skips-mql" scenario's contacts: a HubSpot portal of today, as
//! real accounts export it. `Original Traffic Source` with its drill-down,
//! lifecycle dates only in the v2 `Date entered "<Stage> (Lifecycle Stage
//! Pipeline)"` columns, the MQL and SQL columns empty for every contact
//! (the portal's leads go Lead → Opportunity → Customer), and no activity
//! export: the first touch is on the contact (`Date of first engagement`,
//! `Type of first engagement`), with `Last Contacted` and `Number of times
//! contacted` written `2.0`. One touched contact in eight has no
//! engagement date, only its count: "touched, time unknown".

use std::io;
use std::path::Path;

use csv::ByteRecord;

use super::calendar;
use super::hubspot::{BAD_DATE_CONTACT, writer};
use super::leads::Lead;
use super::people::{choose, email, person, phone};
use super::random::mix;
use super::story::REPS;

/// Columns of the v2 portal's contacts view.
pub const HEADER: [&str; 20] = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Contact owner",
    "Lifecycle Stage",
    "Create Date",
    "Date entered \"Lead (Lifecycle Stage Pipeline)\"",
    "Date entered \"Marketing Qualified Lead (Lifecycle Stage Pipeline)\"",
    "Date entered \"Sales Qualified Lead (Lifecycle Stage Pipeline)\"",
    "Date entered \"Opportunity (Lifecycle Stage Pipeline)\"",
    "Date entered \"Customer (Lifecycle Stage Pipeline)\"",
    "Date of first engagement",
    "Type of first engagement",
    "Last Contacted",
    "Number of times contacted",
    "Original Traffic Source",
    "Original Traffic Source Drill-Down 1",
    "Record source",
];

/// Writes the contacts, one row per lead, in record-id order.
pub fn write_contacts(path: &Path, leads: &[Lead], ids: &[u64], seed: u64) -> io::Result<()> {
    let mut out = writer(path)?;
    out.write_record(HEADER)?;
    let mut record = ByteRecord::new();
    for (index, (lead, id)) in leads.iter().zip(ids).enumerate() {
        record.clear();
        identity(&mut record, seed, index, *id);
        lifecycle(&mut record, index, lead);
        first_touch(&mut record, seed, index, lead);
        let drill_down = choose(lead.source.drill_downs(), mix(seed ^ 0xD1, index as u64));
        record.push_field(lead.source.label().as_bytes());
        record.push_field(drill_down.as_bytes());
        record.push_field(b"CRM UI");
        out.write_byte_record(&record)?;
    }
    out.flush()
}

fn identity(record: &mut ByteRecord, seed: u64, index: usize, id: u64) {
    let who = person(seed, index);
    let mut scratch = String::new();
    record.push_field(id.to_string().as_bytes());
    record.push_field(who.first.as_bytes());
    record.push_field(who.last.as_bytes());
    email(&who, index, &mut scratch);
    record.push_field(scratch.as_bytes());
    scratch.clear();
    phone(seed, index, &mut scratch);
    record.push_field(scratch.as_bytes());
}

/// Owner, stage, creation and the v2 stage dates: MQL and SQL never set.
fn lifecycle(record: &mut ByteRecord, index: usize, lead: &Lead) {
    record.push_field(
        lead.owner
            .map_or("", |rep| REPS[usize::from(rep)].name)
            .as_bytes(),
    );
    let stage = if lead.customer.is_some() {
        "Customer"
    } else if lead.opportunity.is_some() {
        "Opportunity"
    } else {
        "Lead"
    };
    record.push_field(stage.as_bytes());
    let created = if index == BAD_DATE_CONTACT {
        b"31/02/2026 09:15".to_vec()
    } else {
        calendar::stamp(lead.created).to_vec()
    };
    record.push_field(&created);
    record.push_field(&calendar::stamp(lead.created));
    for moment in [None, None, lead.opportunity, lead.customer] {
        push_moment(record, moment);
    }
}

/// Engagement date and type, last contacted and the count; every eighth
/// touched contact keeps only its count.
fn first_touch(record: &mut ByteRecord, seed: u64, index: usize, lead: &Lead) {
    let roll = mix(seed ^ 0xE1, index as u64);
    let untimed = lead.touched.is_some() && roll.is_multiple_of(8);
    let engaged = lead.touched.filter(|_| !untimed);
    push_moment(record, engaged);
    let kind = engaged.map_or("", |_| {
        choose(&["Email", "Email", "Call", "Meeting"], roll >> 8)
    });
    record.push_field(kind.as_bytes());
    push_moment(record, engaged);
    let times = match lead.touched {
        None => "0.0",
        Some(_) => choose(&["1.0", "2.0", "3.0"], roll >> 16),
    };
    record.push_field(times.as_bytes());
}

fn push_moment(record: &mut ByteRecord, moment: Option<u32>) {
    match moment {
        Some(minute) => record.push_field(&calendar::stamp(minute)),
        None => record.push_field(b""),
    }
}
