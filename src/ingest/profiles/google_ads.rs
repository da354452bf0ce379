//! Google Ads campaign reports downloaded from the UI: a title and
//! date-range preamble, `Total: …` rows at the end, ` --` for empty cells,
//! counts grouped with commas. Segmented by day, each row is a day; the
//! usual download has no `Day` column, and each row's cost is spread
//! evenly over the range the preamble states (`July 8, 2025 - July 31,
//! 2025`, `27 January 2026 - 23 February 2026`). A report for `All time`
//! has no dates at all and is refused row by row, saying how to add the
//! Day segment. A report segmented by `Month` or `Week` spreads each row
//! over its month or week (within the stated range, where there is one).

use super::super::spread::StatedRange;
use super::{Outcome, Profile, Row, col, to_base_fine};
use crate::config::Settings;
use crate::ingest::spread::range_end;
use crate::ledger::Rejection;
use crate::model::{Channel, Records, Spend};
use chrono::NaiveDate;

/// Campaign (or ad group) report, with a `Day` column or a stated range.
pub static CAMPAIGNS: Profile = Profile {
    name: "Google Ads campaign report",
    touches: false,
    columns: &[
        col("day", &["day", "date"], false),
        col("campaign", &["campaign"], true),
        col("cost", &["cost"], true),
        col("impressions", &["impr.", "impressions"], false),
        col("clicks", &["clicks"], false),
        col("conversions", &["conversions", "conv."], false),
        col("currency code", &["currency code", "currency"], false),
        col("month", &["month"], false),
        col(
            "week",
            &["week", "week (mon - sun)", "week (sun - sat)"],
            false,
        ),
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
const MONTH: usize = 7;
const WEEK: usize = 8;

fn read(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    if row.first_cell().starts_with("Total") {
        return Outcome::Skipped;
    }
    Outcome::of(
        campaign_days(row, settings, Channel::GoogleAds),
        |(spend, first, last)| out.push_spend_over(spend, first, last),
    )
}

/// What a report without a `Day` column and with an `All time` range
/// cannot give, and how to get it.
const ALL_TIME: &str = "a day or a dated range: this report is for \"All time\", which states no dates; in Google Ads set a date range (or add Segment > Time > Day) and download the report again";
const NO_RANGE: &str = "a Day column, or the report's date range on its second line (\"July 1, 2026 - September 30, 2026\")";

/// A campaign's spend and the days it covers, from a search-ads report:
/// Google's and Microsoft's profiles list the same seven columns in the
/// same order. One day where the report has a `Day` column; else the
/// range its preamble states.
pub(super) fn campaign_days(
    row: &Row,
    settings: &Settings,
    channel: Channel,
) -> Result<(Spend, NaiveDate, NaiveDate), Rejection> {
    let (first, last) = if row.has(DAY) {
        let day = row.required_datetime(DAY)?.date();
        (day, day)
    } else if let Some(segment) = segment_days(row)? {
        segment
    } else {
        match row.stated {
            Some(StatedRange::Days(first, last)) => (first, range_end(row, DAY, first, last)?),
            Some(StatedRange::AllTime) => return Err(row.reject(DAY, ALL_TIME)),
            None => return Err(row.reject(DAY, NO_RANGE)),
        }
    };
    let cost = row.money(COST)?.unwrap_or_default();
    let spend = Spend {
        day: first,
        channel,
        campaign: row.text(CAMPAIGN).unwrap_or("").to_string(),
        cost: to_base_fine(cost, row.text(CURRENCY), settings)
            .map_err(|e| row.reject(CURRENCY, e))?,
        impressions: row.count(IMPRESSIONS)?,
        clicks: row.count(CLICKS)?,
        conversions: row.number(CONVERSIONS)?,
        leads: 0,
    };
    Ok((spend, first, last))
}

/// The days of a row's `Month` (`July 2025`, `Jul 2025`, `2025-07-01`) or
/// `Week` (its first day) segment, within the report's stated range;
/// `None` when the report has neither column.
fn segment_days(row: &Row) -> Result<Option<(NaiveDate, NaiveDate)>, Rejection> {
    let (column, first, last) = if row.has(MONTH) {
        let text = row.text(MONTH).unwrap_or("");
        let start = month_start(text)
            .ok_or_else(|| row.reject(MONTH, "a month such as July 2025 or 2025-07-01"))?;
        let next = start.checked_add_months(chrono::Months::new(1));
        (
            MONTH,
            start,
            next.map_or(start, |n| n.pred_opt().unwrap_or(n)),
        )
    } else if row.has(WEEK) {
        let start = row.required_datetime(WEEK)?.date();
        (WEEK, start, start + chrono::Days::new(6))
    } else {
        return Ok(None);
    };
    let (first, last) = match row.stated {
        Some(StatedRange::Days(a, b)) => (first.max(a), last.min(b)),
        _ => (first, last),
    };
    Ok(Some((first, range_end(row, column, first, last)?)))
}

/// The first day of a month as Google Ads writes the segment.
fn month_start(text: &str) -> Option<NaiveDate> {
    use chrono::Datelike;
    if let Some(day) = super::cells::parse_date(text) {
        return day.with_day(1);
    }
    ["%d %B %Y", "%d %b %Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&format!("1 {}", text.trim()), f).ok())
}
