//! Equinox's own plain schemas, the way in for any tool without a profile:
//! leads, touches, deals, spend, budget and hours, each with exact
//! snake_case column names (documented in docs/inputs.md). The first
//! columns tell them apart: `lead_id` + `created_at` (leads), `lead_id` +
//! `touched_at` (touches), `deal_id` (deals), `day` + `channel` (spend),
//! `period_start` (budget), `day` + `person` (hours). Dates are ISO
//! (`2026-07-14`, `2026-07-14 09:30`) or any form the other exports use;
//! money is a plain amount with an optional `currency` column.

use super::{LeadColumns, lead_from_row};
use super::{Outcome, Profile, Row, cells, col, to_base};
use crate::config::Settings;
use crate::ledger::Rejection;
use crate::model::{
    Budget, Channel, Deal, Function, Hours, Outcome as DealOutcome, Spend, Touch, TouchKind,
};

/// A column known by exactly one name, which is also its concept.
macro_rules! exact {
    ($name:literal, $required:expr) => {
        col($name, &[$name], $required)
    };
}

/// Turns a row into one record with `make`, and the record into the list
/// `push` adds it to.
fn record<T>(
    row: &Row,
    settings: &Settings,
    make: fn(&Row, &Settings) -> Result<T, Rejection>,
    push: impl FnOnce(T),
) -> Outcome {
    Outcome::of(make(row, settings), push)
}

/// `leads.csv`: one row per lead.
pub static LEADS: Profile = Profile {
    name: "Equinox leads",
    touches: false,
    columns: &[
        exact!("lead_id", true),
        exact!("created_at", true),
        exact!("source", false),
        exact!("owner", false),
        exact!("mql_at", false),
        exact!("sql_at", false),
        exact!("opportunity_at", false),
        exact!("customer_at", false),
        exact!("first_touch_at", false),
        exact!("status", false),
        exact!("email", false),
    ],
    read: |row, settings, out| {
        let lead = lead_from_row(row, settings, &LEAD_COLUMNS, &mut out.texts);
        Outcome::of(lead, |lead| out.leads.push(lead))
    },
};

mod lead {
    pub const ID: usize = 0;
    pub const CREATED: usize = 1;
    pub const SOURCE: usize = 2;
    pub const OWNER: usize = 3;
    pub const MQL: usize = 4;
    pub const SQL: usize = 5;
    pub const OPPORTUNITY: usize = 6;
    pub const CUSTOMER: usize = 7;
    pub const FIRST_TOUCH: usize = 8;
    pub const STATUS: usize = 9;
    pub const EMAIL: usize = 10;
}

const LEAD_COLUMNS: LeadColumns = LeadColumns {
    id: lead::ID,
    created: lead::CREATED,
    source: lead::SOURCE,
    owner: lead::OWNER,
    mql: lead::MQL,
    sql: lead::SQL,
    opportunity: Some(lead::OPPORTUNITY),
    customer: Some(lead::CUSTOMER),
    first_touch: Some(lead::FIRST_TOUCH),
    status: lead::STATUS,
    email: lead::EMAIL,
};

/// `touches.csv`: one row per sales activity on a lead.
pub static TOUCHES: Profile = Profile {
    name: "Equinox touches",
    touches: true,
    columns: &[
        exact!("lead_id", true),
        exact!("touched_at", true),
        exact!("kind", true),
        exact!("owner", false),
    ],
    read: |row, settings, out| record(row, settings, touch, |t| out.push_touch(t)),
};

mod touch {
    pub const LEAD: usize = 0;
    pub const AT: usize = 1;
    pub const KIND: usize = 2;
    pub const OWNER: usize = 3;
}

fn touch(row: &Row, _: &Settings) -> Result<Touch, Rejection> {
    use touch::*;
    Ok(Touch {
        lead_id: row.id(LEAD)?.into(),
        at: row.required_stamp(AT)?,
        kind: one_of(row, KIND, touch_kind, "call, email, meeting or task")?,
        owner: row.text(OWNER).map(Into::into),
    })
}

fn touch_kind(word: &str) -> Option<TouchKind> {
    match word {
        "call" => Some(TouchKind::Call),
        "email" => Some(TouchKind::Email),
        "meeting" => Some(TouchKind::Meeting),
        "task" => Some(TouchKind::Task),
        _ => None,
    }
}

/// A cell holding one word of a fixed vocabulary, compared in lower case.
fn one_of<T>(
    row: &Row,
    column: usize,
    parse: fn(&str) -> Option<T>,
    expected: &str,
) -> Result<T, Rejection> {
    row.text(column)
        .and_then(|word| parse(&word.to_lowercase()))
        .ok_or_else(|| row.reject(column, expected))
}

/// `deals.csv`: one row per deal.
pub static DEALS: Profile = Profile {
    name: "Equinox deals",
    touches: false,
    columns: &[
        exact!("deal_id", true),
        exact!("created_at", true),
        exact!("closed_at", false),
        exact!("outcome", true),
        exact!("amount", true),
        exact!("currency", false),
        exact!("source", false),
        exact!("owner", false),
        exact!("lead_ids", false),
    ],
    read: |row, settings, out| record(row, settings, deal, |d| out.push_deal(d)),
};

mod deal {
    pub const ID: usize = 0;
    pub const CREATED: usize = 1;
    pub const CLOSED: usize = 2;
    pub const OUTCOME: usize = 3;
    pub const AMOUNT: usize = 4;
    pub const CURRENCY: usize = 5;
    pub const SOURCE: usize = 6;
    pub const OWNER: usize = 7;
    pub const LEAD_IDS: usize = 8;
}

fn deal(row: &Row, settings: &Settings) -> Result<Deal, Rejection> {
    use deal::*;
    let source = row.text(SOURCE).unwrap_or("").to_string();
    Ok(Deal {
        id: row.id(ID)?.into(),
        created_at: row.required_stamp(CREATED)?,
        closed_at: row.stamp(CLOSED)?,
        outcome: one_of(row, OUTCOME, deal_outcome, "open, won or lost")?,
        amount: base_amount(row, AMOUNT, CURRENCY, settings)?,
        function: settings.function_of(&source),
        source: source.into(),
        owner: row.text(OWNER).map(Into::into),
        lead_ids: row
            .text(LEAD_IDS)
            .map(|ids| {
                ids.split(';')
                    .map(str::trim)
                    .filter(|id| !id.is_empty())
                    .map(Into::into)
                    .collect()
            })
            .unwrap_or_default(),
        weight: None,
    })
}

fn deal_outcome(word: &str) -> Option<DealOutcome> {
    match word {
        "open" => Some(DealOutcome::Open),
        "won" => Some(DealOutcome::Won),
        "lost" => Some(DealOutcome::Lost),
        _ => None,
    }
}

/// A money column converted from the row's currency column; empty is zero.
fn base_amount(
    row: &Row,
    amount: usize,
    currency: usize,
    settings: &Settings,
) -> Result<crate::model::Money, Rejection> {
    let value = row.money(amount)?.unwrap_or_default();
    to_base(value, row.text(currency), settings).map_err(|e| row.reject(currency, e))
}

/// `spend.csv`: one row per day, channel and campaign.
pub static SPEND: Profile = Profile {
    name: "Equinox spend",
    touches: false,
    columns: &[
        exact!("day", true),
        exact!("channel", true),
        exact!("campaign", true),
        exact!("cost", true),
        exact!("currency", false),
        exact!("impressions", false),
        exact!("clicks", false),
        exact!("conversions", false),
        exact!("leads", false),
    ],
    read: |row, settings, out| record(row, settings, spend, |s| out.spend.push(s)),
};

mod spend {
    pub const DAY: usize = 0;
    pub const CHANNEL: usize = 1;
    pub const CAMPAIGN: usize = 2;
    pub const COST: usize = 3;
    pub const CURRENCY: usize = 4;
    pub const IMPRESSIONS: usize = 5;
    pub const CLICKS: usize = 6;
    pub const CONVERSIONS: usize = 7;
    pub const LEADS: usize = 8;
}

fn spend(row: &Row, settings: &Settings) -> Result<Spend, Rejection> {
    use spend::*;
    Ok(Spend {
        day: row.required_datetime(DAY)?.date(),
        channel: one_of(
            row,
            CHANNEL,
            channel,
            "one of google_ads, meta_ads, linkedin_ads, microsoft_ads",
        )?,
        campaign: row.text(CAMPAIGN).unwrap_or("").to_string(),
        cost: {
            let value = row.money(COST)?.unwrap_or_default();
            super::to_base_fine(value, row.text(CURRENCY), settings)
                .map_err(|e| row.reject(CURRENCY, e))?
        },
        impressions: row.count(IMPRESSIONS)?,
        clicks: row.count(CLICKS)?,
        conversions: row.number(CONVERSIONS)?,
        leads: row.count(LEADS)?,
    })
}

/// A channel by key (`google_ads`) or name (`Google Ads`).
fn channel(word: &str) -> Option<Channel> {
    Channel::parse(&word.trim().replace([' ', '-'], "_"))
}

/// `budget.csv`: money spent outside ad platforms, per period and function.
pub static BUDGET: Profile = Profile {
    name: "Equinox budget",
    touches: false,
    columns: &[
        exact!("period_start", true),
        exact!("function", true),
        exact!("category", true),
        exact!("amount", true),
        exact!("currency", false),
    ],
    read: |row, settings, out| record(row, settings, budget, |b| out.budget.push(b)),
};

const EXPECTED_FUNCTION: &str = "one of marketing, sales, partner, unknown";

mod budget {
    pub const PERIOD_START: usize = 0;
    pub const FUNCTION: usize = 1;
    pub const CATEGORY: usize = 2;
    pub const AMOUNT: usize = 3;
    pub const CURRENCY: usize = 4;
}

fn budget(row: &Row, settings: &Settings) -> Result<Budget, Rejection> {
    use budget::*;
    Ok(Budget {
        period_start: row.required_datetime(PERIOD_START)?.date(),
        function: one_of(row, FUNCTION, Function::parse, EXPECTED_FUNCTION)?,
        category: row.text(CATEGORY).unwrap_or("").to_string(),
        amount: base_amount(row, AMOUNT, CURRENCY, settings)?,
    })
}

/// `hours.csv`: hours one person spent on one function on one day.
pub static HOURS: Profile = Profile {
    name: "Equinox hours",
    touches: false,
    columns: &[
        exact!("day", true),
        exact!("person", true),
        exact!("function", true),
        exact!("hours", true),
    ],
    read: |row, settings, out| record(row, settings, hours, |h| out.hours.push(h)),
};

mod hours {
    pub const DAY: usize = 0;
    pub const PERSON: usize = 1;
    pub const FUNCTION: usize = 2;
    pub const HOURS: usize = 3;
}

fn hours(row: &Row, _: &Settings) -> Result<Hours, Rejection> {
    use hours::*;
    let duration = row
        .duration(HOURS)?
        .ok_or_else(|| row.reject(HOURS, cells::EXPECTED_DURATION))?;
    Ok(Hours {
        day: row.required_datetime(DAY)?.date(),
        person: row.text(PERSON).unwrap_or("").to_string(),
        function: one_of(row, FUNCTION, Function::parse, EXPECTED_FUNCTION)?,
        hours: duration.num_seconds() as f64 / 3600.0,
    })
}
