//! LinkedIn Campaign Manager campaign performance exports: UTF-16LE with a
//! BOM and TAB-separated (decoding and sniffing handle that), with or
//! without the five-line preamble (`Ad Performance Report (in UTC)`,
//! `Report Start: …`, `Report End: …`, `Date Generated: …`, blank line).
//! Headers follow the Campaign Manager language: English or Brazilian
//! Portuguese. A pt-BR file writes dates day-first (`01/09/2023`) and money
//! with a decimal comma (`"454,06"`); the currency is a column. No totals.

use super::{Outcome, Profile, Row, cells::DateOrder, col, to_base};
use crate::config::Settings;
use crate::ledger::Rejection;
use crate::model::{Channel, Records, Spend};

/// Campaign performance report (one row per campaign and time unit).
pub static CAMPAIGNS: Profile = Profile {
    name: "LinkedIn Campaign Manager campaign performance",
    columns: &[
        col("start date", &[START_EN, START_PT], true),
        col(
            "campaign name",
            &["campaign name", "nome da campanha"],
            true,
        ),
        col("total spent", &["total spent", "total investido"], true),
        col("currency", &["currency", "moeda"], false),
        col("impressions", &["impressions", "impressões"], false),
        col("clicks", &["clicks", "cliques"], false),
        col("leads", &["leads"], false),
        col("conversions", &["conversions", "conversões"], false),
    ],
    read,
};

const START_EN: &str = "start date (in utc)";
const START_PT: &str = "data de início (em utc)";

const START: usize = 0;
const CAMPAIGN: usize = 1;
const SPENT: usize = 2;
const CURRENCY: usize = 3;
const IMPRESSIONS: usize = 4;
const CLICKS: usize = 5;
const LEADS: usize = 6;
const CONVERSIONS: usize = 7;

fn read(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    Outcome::of(spend(row, settings), |spend| out.spend.push(spend))
}

/// A pt-BR header means pt-BR dates: day first. English exports are read
/// month-first (en-US).
fn date_order(row: &Row) -> DateOrder {
    if row.column_name(START).as_deref() == Some(START_PT) {
        DateOrder::DayFirst
    } else {
        DateOrder::MonthFirst
    }
}

fn spend(row: &Row, settings: &Settings) -> Result<Spend, Rejection> {
    let spent = row.money(SPENT)?.unwrap_or_default();
    Ok(Spend {
        day: row.required_datetime_in(START, date_order(row))?.date(),
        channel: Channel::LinkedinAds,
        campaign: row.text(CAMPAIGN).unwrap_or("").to_string(),
        cost: to_base(spent, row.text(CURRENCY), settings).map_err(|e| row.reject(CURRENCY, e))?,
        impressions: row.count(IMPRESSIONS)?,
        clicks: row.count(CLICKS)?,
        conversions: row.number(CONVERSIONS)?,
        leads: row.count(LEADS)?,
    })
}
