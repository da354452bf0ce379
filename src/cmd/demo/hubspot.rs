//! HubSpot CRM exports: the contacts and deals index views, as HubSpot writes
//! them (UTF-8 without BOM, LF, every field double-quoted including the header
//! and empty cells, `YYYY-MM-DD HH:MM` datetimes, `9552.0` amounts). Three rows
//! are damaged on purpose, the way real files get damaged, so that a careful
//! reader has something to reject.

use std::fs::File;
use std::io;
use std::path::Path;

use csv::{ByteRecord, QuoteStyle, Writer, WriterBuilder};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::calendar;
use super::leads::Lead;
use super::outcomes::{Deal, Stage};
use super::people::{choose, email, person, phone};
use super::random::{Stream, mix, stream};
use super::story::REPS;

/// Contacts export file name (inside `hubspot/`).
pub const CONTACTS_FILE: &str = "hubspot-crm-exports-all-contacts-2026-12-31.csv";
/// Deals export file name (inside `hubspot/`).
pub const DEALS_FILE: &str = "hubspot-crm-exports-all-deals-2026-12-31.csv";

/// Columns of the contacts view.
pub const CONTACT_HEADER: [&str; 16] = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Contact owner",
    "Lifecycle Stage",
    "Lead Status",
    "Create Date",
    "Became a Marketing Qualified Lead Date",
    "Became a Sales Qualified Lead Date",
    "Became an Opportunity Date",
    "Became a Customer Date",
    "First outreach date",
    "Original Source",
    "Original Source Drill-Down 1",
];

/// Columns of the deals view.
pub const DEAL_HEADER: [&str; 12] = [
    "Record ID",
    "Deal Name",
    "Deal Stage",
    "Pipeline",
    "Amount",
    "Close Date",
    "Create Date",
    "Deal owner",
    "Is Closed Won",
    "Is closed lost",
    "Original Source",
    "Associated Contact IDs",
];

/// The 100th contact's `Create Date` is an impossible date.
pub const BAD_DATE_CONTACT: usize = 99;
/// The 200th contact's `Record ID` was mangled by Excel.
pub const BAD_ID_CONTACT: usize = 199;
/// The 50th deal's `Amount` was never filled in.
pub const BAD_AMOUNT_DEAL: usize = 49;

/// Increasing 11-digit record ids with random gaps of 1 to 9.
pub fn record_ids(count: usize, first: u64, seed: u64, salt: u64) -> Vec<u64> {
    RecordIds::new(first, seed, salt).take(count).collect()
}

/// The endless sequence behind [`record_ids`], for exports too long to hold
/// their ids.
pub struct RecordIds {
    rng: ChaCha8Rng,
    next: u64,
}

impl RecordIds {
    /// Ids from `first`, with gaps drawn from the seed and a per-object salt.
    pub fn new(first: u64, seed: u64, salt: u64) -> RecordIds {
        RecordIds {
            rng: stream(seed ^ salt, Stream::RecordIds),
            next: first,
        }
    }
}

impl Iterator for RecordIds {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let id = self.next;
        self.next += self.rng.random_range(1..=9);
        Some(id)
    }
}

/// Writes the contacts view, one row per lead, in record-id order.
pub fn write_contacts(path: &Path, leads: &[Lead], ids: &[u64], seed: u64) -> io::Result<()> {
    let mut out = writer(path)?;
    out.write_record(CONTACT_HEADER)?;
    let mut record = ByteRecord::new();
    let mut scratch = String::new();
    for (index, (lead, id)) in leads.iter().zip(ids).enumerate() {
        record.clear();
        contact_identity(&mut record, &mut scratch, seed, index, *id);
        contact_funnel(&mut record, index, lead);
        let drill_down = choose(lead.source.drill_downs(), mix(seed ^ 0xD1, index as u64));
        record.push_field(lead.source.label().as_bytes());
        record.push_field(drill_down.as_bytes());
        out.write_byte_record(&record)?;
    }
    out.flush()
}

/// Record ID, name, email and phone.
fn contact_identity(
    record: &mut ByteRecord,
    scratch: &mut String,
    seed: u64,
    index: usize,
    id: u64,
) {
    let who = person(seed, index);
    scratch.clear();
    if index == BAD_ID_CONTACT {
        scratch.push_str("1.02345E+10");
    } else {
        scratch.push_str(&id.to_string());
    }
    record.push_field(scratch.as_bytes());
    record.push_field(who.first.as_bytes());
    record.push_field(who.last.as_bytes());
    scratch.clear();
    email(&who, index, scratch);
    record.push_field(scratch.as_bytes());
    scratch.clear();
    phone(seed, index, scratch);
    record.push_field(scratch.as_bytes());
}

/// Owner, lifecycle, status and the stage dates.
fn contact_funnel(record: &mut ByteRecord, index: usize, lead: &Lead) {
    record.push_field(owner_name(lead).as_bytes());
    record.push_field(lifecycle(lead).as_bytes());
    record.push_field(lead.status.label().as_bytes());
    if index == BAD_DATE_CONTACT {
        record.push_field(b"31/02/2026 09:15");
    } else {
        record.push_field(&calendar::stamp(lead.created));
    }
    for moment in [
        lead.mql,
        lead.sql,
        lead.opportunity,
        lead.customer,
        lead.touched,
    ] {
        match moment {
            Some(minute) => record.push_field(&calendar::stamp(minute)),
            None => record.push_field(b""),
        }
    }
}

/// The furthest lifecycle stage the lead reached.
fn lifecycle(lead: &Lead) -> &'static str {
    if lead.customer.is_some() {
        "Customer"
    } else if lead.opportunity.is_some() {
        "Opportunity"
    } else if lead.sql.is_some() {
        "Sales Qualified Lead"
    } else if lead.mql.is_some() {
        "Marketing Qualified Lead"
    } else {
        "Lead"
    }
}

fn owner_name(lead: &Lead) -> &'static str {
    lead.owner.map_or("", |rep| REPS[usize::from(rep)].name)
}

/// Writes the deals view in record-id (creation) order.
pub fn write_deals(
    path: &Path,
    deals: &[Deal],
    leads: &[Lead],
    contact_ids: &[u64],
    seed: u64,
) -> io::Result<()> {
    let ids = record_ids(deals.len(), 31_870_400_001, seed, 0xDEA1);
    let mut out = writer(path)?;
    out.write_record(DEAL_HEADER)?;
    let mut record = ByteRecord::new();
    for (index, (deal, id)) in deals.iter().zip(ids).enumerate() {
        record.clear();
        deal_record(&mut record, index, deal, id, seed);
        let lead = &leads[deal.lead];
        record.push_field(owner_name(lead).as_bytes());
        record.push_field(flag(deal.stage == Stage::Won));
        record.push_field(flag(deal.stage == Stage::Lost));
        record.push_field(lead.source.label().as_bytes());
        record.push_field(contact_ids[deal.lead].to_string().as_bytes());
        out.write_byte_record(&record)?;
    }
    out.flush()
}

/// Record ID, name, stage, pipeline, amount and dates of a deal.
fn deal_record(record: &mut ByteRecord, index: usize, deal: &Deal, id: u64, seed: u64) {
    let name = format!("{} - New Business", person(seed, deal.lead).company.name());
    let amount = if index == BAD_AMOUNT_DEAL {
        "TBD".to_string()
    } else {
        format!("{}.0", deal.amount)
    };
    record.push_field(id.to_string().as_bytes());
    record.push_field(name.as_bytes());
    record.push_field(deal.stage.label().as_bytes());
    record.push_field(b"Sales Pipeline");
    record.push_field(amount.as_bytes());
    record.push_field(&calendar::stamp(deal.close));
    record.push_field(&calendar::stamp(deal.created));
}

fn flag(value: bool) -> &'static [u8] {
    if value { b"true" } else { b"false" }
}

/// A CSV writer that quotes every field, as HubSpot does.
pub fn writer(path: &Path) -> io::Result<Writer<File>> {
    Ok(WriterBuilder::new()
        .quote_style(QuoteStyle::Always)
        .buffer_capacity(1 << 16)
        .from_path(path)?)
}
