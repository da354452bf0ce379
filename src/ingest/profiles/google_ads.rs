//! Google Ads campaign reports downloaded from the UI, segmented by day:
//! a title and date-range preamble, `Total: …` rows at the end, ` --` for
//! empty cells, counts grouped with commas.

use super::{Outcome, Profile, Row, col, to_base};
use crate::config::Settings;
use crate::ledger::Rejection;
use crate::model::{Channel, Records, Spend};

/// Campaign (or ad group) report with a `Day` column.
pub static CAMPAIGNS: Profile = Profile {
    name: "Google Ads campaign report",
    columns: &[
        col("day", &["day", "date"], true),
        col("campaign", &["campaign"], true),
        col("cost", &["cost"], true),
        col("impressions", &["impr.", "impressions"], false),
        col("clicks", &["clicks"], false),
        col("conversions", &["conversions", "conv."], false),
        col("currency code", &["currency code", "currency"], false),
    ],
    read,
};

const DAY: usize = 0;
const CAMPAIGN: usize = 1;
const COST: usize = 2;
const IMPRESSIONS: usize = 3;
const CLICKS: usize = 4;
const CONVERSIONS: usize = 5;
const CURRENCY: usize = 6;

fn read(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    if row.first_cell().starts_with("Total") {
        return Outcome::Skipped;
    }
    Outcome::of(spend(row, settings), |spend| out.spend.push(spend))
}

fn spend(row: &Row, settings: &Settings) -> Result<Spend, Rejection> {
    campaign_day(row, settings, Channel::GoogleAds)
}

/// A day of a campaign from a search-ads report: Google's and Microsoft's
/// profiles list the same seven columns in the same order.
pub(super) fn campaign_day(
    row: &Row,
    settings: &Settings,
    channel: Channel,
) -> Result<Spend, Rejection> {
    let cost = row.money(COST)?.unwrap_or_default();
    Ok(Spend {
        day: row.required_datetime(DAY)?.date(),
        channel,
        campaign: row.text(CAMPAIGN).unwrap_or("").to_string(),
        cost: to_base(cost, row.text(CURRENCY), settings).map_err(|e| row.reject(CURRENCY, e))?,
        impressions: row.count(IMPRESSIONS)?,
        clicks: row.count(CLICKS)?,
        conversions: row.number(CONVERSIONS)?,
        leads: 0,
    })
}
