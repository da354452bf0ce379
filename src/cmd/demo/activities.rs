//! The HubSpot activities export: the calls, emails and meetings reps logged
//! on contacts, one row per activity with its one associated contact, quoted
//! like the other HubSpot exports. A touched lead's first activity is its
//! first outreach (the contact's `First outreach date`, by its owner); 1-6
//! follow-ups come over the next weeks, more for SQLs and opportunities (up
//! to the deal's close), mostly by the owner and sometimes by a second rep:
//! duplicated effort, more of it in Q3.
//!
//! HubSpot and Salesforce write activity exports sorted by activity date,
//! so a contact's touches are spread over the whole file; that is the
//! default order here too (see [`ActivityOrder`]). The same activities can
//! be written contact by contact (only one lead's activities held at a
//! time) or shuffled, to show the reader folds them alike in any order.

use std::fs::File;
use std::io;
use std::path::Path;

use csv::{ByteRecord, Writer};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::calendar::{self, CLOSES, DAY, END, OPENS};
use super::format::decimal;
use super::hubspot::{RecordIds, writer};
use super::leads::Lead;
use super::outcomes::Deal;
use super::random::{Stream, stream, weighted};
use super::story::{FOLLOW_UP_DAYS, FOLLOW_UPS, REPS, SECOND_REP_RATE, Source};
use rand::seq::SliceRandom;

/// Export file name (inside `hubspot/`).
pub const FILE: &str = "hubspot-crm-exports-all-calls-emails-meetings-2026-12-31.csv";

/// Columns of the activities view, as HubSpot labels them.
pub const HEADER: [&str; 6] = [
    "Record ID",
    "Activity date",
    "Activity type",
    "Activity assigned to",
    "Call direction",
    "Associated Contact IDs",
];

/// Most activities one lead gets: the first touch and six follow-ups.
const MOST: usize = 7;

/// The order the activity rows are written in. Every order writes the
/// same activities; only their row order (and so their record ids,
/// increasing down the file) differs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ActivityOrder {
    /// By activity date, as HubSpot and Salesforce export them.
    #[default]
    Date,
    /// Contact by contact in the contacts export's order, each contact's
    /// activities oldest first.
    Contact,
    /// In a seeded random order.
    Shuffled,
}

/// What the export holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Activity rows.
    pub rows: usize,
    /// Leads with activities by two reps.
    pub multi_rep_leads: usize,
}

/// An activity type, and for calls who dialled.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Call,
    InboundCall,
    Email,
    Meeting,
}

impl Kind {
    fn label(self) -> &'static [u8] {
        match self {
            Kind::Call | Kind::InboundCall => b"Call",
            Kind::Email => b"Email",
            Kind::Meeting => b"Meeting",
        }
    }

    /// `Call direction`, empty for other types.
    fn direction(self) -> &'static [u8] {
        match self {
            Kind::Call => b"Outbound",
            Kind::InboundCall => b"Inbound",
            Kind::Email | Kind::Meeting => b"",
        }
    }
}

/// One logged activity: when, what, by which rep (index into `REPS`).
#[derive(Clone, Copy, Debug)]
struct Activity {
    at: u32,
    kind: Kind,
    rep: u8,
}

/// Writes the export in `order`.
pub fn write(
    path: &Path,
    leads: &[Lead],
    deals: &[Deal],
    contact_ids: &[u64],
    seed: u64,
    order: ActivityOrder,
) -> io::Result<Tally> {
    let mut out = writer(path)?;
    out.write_record(HEADER)?;
    let mut rows = Rows {
        record: ByteRecord::new(),
        tally: Tally::default(),
        ids: RecordIds::new(52_104_600_001, seed, 0xAC7),
    };
    if order == ActivityOrder::Contact {
        plan_all(leads, deals, seed, |lead, plan| {
            rows.count(plan);
            plan.iter()
                .try_for_each(|activity| rows.write(&mut out, activity, contact_ids[lead]))
        })?;
    } else {
        let mut all = Vec::new();
        plan_all(leads, deals, seed, |lead, plan| {
            rows.count(plan);
            all.extend(plan.iter().map(|&activity| (lead as u32, activity)));
            Ok(())
        })?;
        arrange(&mut all, order, seed);
        for (lead, activity) in &all {
            rows.write(&mut out, activity, contact_ids[*lead as usize])?;
        }
    }
    out.flush()?;
    Ok(rows.tally)
}

/// Plans every lead's activities in lead order (the random draws do not
/// depend on the order written) and hands each lead's to `each`.
fn plan_all(
    leads: &[Lead],
    deals: &[Deal],
    seed: u64,
    mut each: impl FnMut(usize, &[Activity]) -> io::Result<()>,
) -> io::Result<()> {
    let mut closes: Vec<(usize, u32)> = deals.iter().map(|deal| (deal.lead, deal.close)).collect();
    closes.sort_unstable();
    let mut closes = closes.into_iter().peekable();
    let mut rng = stream(seed, Stream::Activities);
    let mut plan = Vec::with_capacity(MOST);
    for (index, lead) in leads.iter().enumerate() {
        let close = closes
            .next_if(|(owner, _)| *owner == index)
            .map(|(_, at)| at);
        plan.clear();
        plan_lead(lead, close, &mut rng, &mut plan);
        each(index, &plan)?;
    }
    Ok(())
}

/// Puts every lead's activities (each with its lead's position) in
/// `order`: by date (a stable sort, so same-minute activities keep the
/// contact order) or shuffled with the seed.
fn arrange(all: &mut [(u32, Activity)], order: ActivityOrder, seed: u64) {
    match order {
        ActivityOrder::Contact => {}
        ActivityOrder::Date => all.sort_by_key(|(_, activity)| activity.at),
        ActivityOrder::Shuffled => all.shuffle(&mut stream(seed, Stream::ActivityOrder)),
    }
}

/// The row being written, the running tally and the record ids.
struct Rows {
    record: ByteRecord,
    tally: Tally,
    ids: RecordIds,
}

impl Rows {
    /// Counts one lead's planned activities.
    fn count(&mut self, plan: &[Activity]) {
        self.tally.rows += plan.len();
        let owner = plan.first().map(|first| first.rep);
        if plan.iter().any(|activity| Some(activity.rep) != owner) {
            self.tally.multi_rep_leads += 1;
        }
    }

    /// One row: the next record id, then the activity on `contact`.
    fn write(
        &mut self,
        out: &mut Writer<File>,
        activity: &Activity,
        contact: u64,
    ) -> io::Result<()> {
        let (mut id_digits, mut contact_digits) = ([0; 20], [0; 20]);
        let id = self.ids.next().unwrap_or_default();
        self.record.clear();
        self.record.push_field(decimal(id, &mut id_digits));
        self.record.push_field(&calendar::stamp(activity.at));
        self.record.push_field(activity.kind.label());
        self.record
            .push_field(REPS[usize::from(activity.rep)].name.as_bytes());
        self.record.push_field(activity.kind.direction());
        self.record
            .push_field(decimal(contact, &mut contact_digits));
        Ok(out.write_byte_record(&self.record)?)
    }
}

/// A touched lead's activities, oldest first: the first touch, then the
/// follow-ups; none for a lead never touched.
fn plan_lead(lead: &Lead, close: Option<u32>, rng: &mut ChaCha8Rng, plan: &mut Vec<Activity>) {
    let (Some(first), Some(owner)) = (lead.touched, lead.owner) else {
        return;
    };
    plan.push(Activity {
        at: first,
        kind: first_kind(lead.source, rng),
        rep: owner,
    });
    follow_ups(lead, first, close, rng, plan);
    for activity in &mut plan[1..] {
        activity.kind = follow_up_kind(lead.sql.is_some_and(|sql| sql <= activity.at), rng);
    }
    let quarter = calendar::quarter(first / DAY);
    if plan.len() > 1 && rng.random_bool(SECOND_REP_RATE[quarter]) {
        second_rep(plan, rng);
    }
}

/// A rep's own prospect gets a call; an inbound lead a call or an email.
fn first_kind(source: Source, rng: &mut ChaCha8Rng) -> Kind {
    if source == Source::OfflineSources || rng.random_bool(0.65) {
        Kind::Call
    } else {
        Kind::Email
    }
}

/// Before the lead is sales-qualified: calls and emails; after: meetings too.
fn follow_up_kind(qualified: bool, rng: &mut ChaCha8Rng) -> Kind {
    const KINDS: [Kind; 4] = [Kind::Call, Kind::Email, Kind::InboundCall, Kind::Meeting];
    let weights: [f64; 4] = if qualified {
        [0.3, 0.4, 0.05, 0.25]
    } else {
        [0.5, 0.45, 0.05, 0.0]
    };
    KINDS[weighted(rng, &weights)]
}

/// Appends the follow-ups, sorted, by the owner: the first one a day to
/// three after the first touch, the rest spread over the lead's horizon
/// (to the deal's close for an opportunity); none after 2026-12-31.
fn follow_ups(
    lead: &Lead,
    first: u32,
    close: Option<u32>,
    rng: &mut ChaCha8Rng,
    plan: &mut Vec<Activity>,
) {
    let stage = usize::from(lead.sql.is_some()) + usize::from(lead.opportunity.is_some());
    let count = 1 + weighted(rng, &FOLLOW_UPS[stage]);
    let horizon = match close {
        Some(close) => (close / DAY - first / DAY).max(2),
        None => {
            let (shortest, longest) = FOLLOW_UP_DAYS[stage.min(1)];
            rng.random_range(shortest..=longest)
        }
    };
    let start = plan.len();
    for position in 0..count {
        let after = if position == 0 { 1..=3 } else { 1..=horizon };
        let at = working_minute(first / DAY + rng.random_range(after), rng);
        if at <= END {
            plan.push(Activity {
                at,
                kind: Kind::Call,
                rep: plan[0].rep,
            });
        }
    }
    plan[start..].sort_unstable_by_key(|activity| activity.at);
}

/// A minute in business hours on `day`, or on the Monday after a weekend.
fn working_minute(mut day: u32, rng: &mut ChaCha8Rng) -> u32 {
    while !calendar::is_workday(day) {
        day += 1;
    }
    day * DAY + rng.random_range(OPENS..CLOSES)
}

/// Hands the first follow-up, and sometimes one more, to another rep who
/// was taking leads by then.
fn second_rep(plan: &mut [Activity], rng: &mut ChaCha8Rng) {
    let owner = usize::from(plan[0].rep);
    let day = plan[1].at / DAY;
    let others = || (0..REPS.len()).filter(|&rep| rep != owner && REPS[rep].starts <= day);
    let choice = rng.random_range(0..others().count());
    let Some(rep) = others().nth(choice) else {
        return;
    };
    plan[1].rep = rep as u8;
    if plan.len() > 2 && rng.random_bool(1.0 / 3.0) {
        let extra = rng.random_range(2..plan.len());
        plan[extra].rep = rep as u8;
    }
}
