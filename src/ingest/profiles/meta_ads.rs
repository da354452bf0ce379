//! Meta Ads Manager exports: the currency sits in the spend header
//! (`Amount spent (USD)`), an optional summary row comes first with blank
//! dimension cells, and an empty report is the single line
//! `"No data available."`.

use super::{ColumnSpec, Outcome, Profile, Row, to_base};
use crate::config::Settings;
use crate::ledger::Rejection;
use crate::model::{Channel, Records, Spend};

/// Campaign, ad set or ad level export with reporting dates.
pub static CAMPAIGNS: Profile = Profile {
    name: "Meta Ads export",
    columns: &[
        ColumnSpec {
            concept: "reporting starts",
            aliases: &["reporting starts", "day"],
            required: true,
        },
        ColumnSpec {
            concept: "campaign name",
            aliases: &["campaign name", "ad set name", "ad name"],
            required: true,
        },
        ColumnSpec {
            concept: "amount spent",
            aliases: &["amount spent (*)"],
            required: true,
        },
        ColumnSpec {
            concept: "impressions",
            aliases: &["impressions"],
            required: false,
        },
        ColumnSpec {
            concept: "link clicks",
            aliases: &["link clicks", "clicks (all)"],
            required: false,
        },
        ColumnSpec {
            concept: "results",
            aliases: &["results"],
            required: false,
        },
    ],
    read,
};

const STARTS: usize = 0;
const CAMPAIGN: usize = 1;
const SPENT: usize = 2;
const IMPRESSIONS: usize = 3;
const CLICKS: usize = 4;
const RESULTS: usize = 5;

fn read(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    if is_summary_or_empty_report(row) {
        return Outcome::Skipped;
    }
    match spend(row, settings) {
        Ok(spend) => {
            out.spend.push(spend);
            Outcome::Used
        }
        Err(rejection) => Outcome::Rejected(rejection),
    }
}

/// The summary row has no campaign name; an empty report says so in words.
fn is_summary_or_empty_report(row: &Row) -> bool {
    row.first_cell().eq_ignore_ascii_case("No data available.") || row.text(CAMPAIGN).is_none()
}

fn spend(row: &Row, settings: &Settings) -> Result<Spend, Rejection> {
    let spent = row.money(SPENT)?.unwrap_or_default();
    let currency = row
        .columns
        .0
        .get(SPENT)
        .copied()
        .flatten()
        .and_then(|i| row.header.suffix_in_parens(i));
    Ok(Spend {
        day: row.required_datetime(STARTS)?.date(),
        channel: Channel::MetaAds,
        campaign: row.text(CAMPAIGN).unwrap_or("").to_string(),
        cost: to_base(spent, currency, settings).map_err(|e| row.reject(SPENT, e))?,
        impressions: row.count(IMPRESSIONS)?,
        clicks: row.count(CLICKS)?,
        conversions: row.number(RESULTS)?,
    })
}
