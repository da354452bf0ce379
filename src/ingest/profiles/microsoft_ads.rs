//! Microsoft Advertising (Bing Ads) campaign downloads: UTF-8 with a BOM,
//! comma-separated, `-` for empty cells, ids in brackets (`[436534626]`),
//! and footer rows per campaign type (`Search total`, `Audience total`,
//! `Performance Max total`). Only a download segmented by day (a `Day`,
//! `Date` or `Time period` column) can be read; without one the file is
//! reported as missing that column.

use super::{Outcome, Profile, Row, col};
use crate::config::Settings;
use crate::ledger::Rejection;
use crate::model::{Channel, Records, Spend};

/// Campaign table download or campaign performance report, by day.
pub static CAMPAIGNS: Profile = Profile {
    name: "Microsoft Ads campaign report",
    touches: false,
    // The column order of Google's report: rows are read by
    // [`super::google_ads::campaign_days`].
    columns: &[
        col("day", &["day", "date", "time period"], true),
        col("campaign", &["campaign", "campaign name"], true),
        col("spend", &["spend"], true),
        col("impressions", &["impr.", "impressions"], false),
        col("clicks", &["clicks"], false),
        col("conversions", &["conv.", "conversions"], false),
        col("currency code", &["currency code", "currency"], false),
    ],
    read,
};

fn read(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    if is_total(row.first_cell()) {
        return Outcome::Skipped;
    }
    Outcome::of(spend(row, settings), |spend| out.spend.push(spend))
}

/// `Search total`, `Audience total`, `Performance Max total`, `Total`: the
/// label sits in the row's first cell, every other dimension is `-`.
fn is_total(cell: &str) -> bool {
    let cell = cell.trim().to_lowercase();
    cell == "total" || cell.ends_with(" total")
}

/// One day of a campaign: this profile's `Day` column is required.
fn spend(row: &Row, settings: &Settings) -> Result<Spend, Rejection> {
    super::google_ads::campaign_days(row, settings, Channel::MicrosoftAds).map(|(spend, ..)| spend)
}
