//! Spend rows that cover several days: Google Ads reports downloaded
//! without the `Day` segment (one row per campaign for the range stated
//! in the preamble), Meta exports without a daily breakdown (`Reporting
//! starts` before `Reporting ends`), LinkedIn's "All time" granularity.
//! Each such row is spread evenly over the days of its range, so a range
//! that crosses a period boundary is split between the periods by days.

use super::profiles::Row;
use crate::ledger::Rejection;
use crate::model::{FineMoney, Records, Spend};
use chrono::NaiveDate;

/// The range a report's preamble states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatedRange {
    Days(NaiveDate, NaiveDate),
    /// `All time`: no dates at all.
    AllTime,
}

/// Longest range one row is spread over: ten years of days.
pub const MAX_DAYS: i64 = 3660;

/// The range in a report's preamble lines, if one states it: Google's
/// `"July 8, 2025 - July 31, 2025"`, `27 January 2026 - 23 February
/// 2026` or `All time`; LinkedIn's `Report Start: August 18, 2019, 12:00
/// AM` and `Report End: …` lines.
pub fn stated_range(preamble: &[String]) -> Option<StatedRange> {
    if preamble
        .iter()
        .any(|l| l.trim().eq_ignore_ascii_case("all time"))
    {
        return Some(StatedRange::AllTime);
    }
    let dated = |prefix: &str| {
        preamble
            .iter()
            .find_map(|l| l.trim().strip_prefix(prefix).map(long_date))
            .flatten()
    };
    if let (Some(first), Some(last)) = (dated("Report Start:"), dated("Report End:")) {
        return Some(StatedRange::Days(first, last));
    }
    preamble.iter().find_map(|line| {
        let (first, last) = line.split_once(" - ")?;
        let (first, last) = (long_date(first)?, long_date(last)?);
        (first <= last).then_some(StatedRange::Days(first, last))
    })
}

/// `July 8, 2025`, `27 January 2026`, `August 18, 2019, 12:00 AM`.
fn long_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_matches('"').trim();
    let date = match text.match_indices(',').nth(1) {
        Some((at, _)) => &text[..at],
        None => text,
    };
    super::cells::parse_date(date.trim())
}

/// One row's spend spread over the days `first..=last`: the cost to the
/// millionth (the first days take the millionths left over), impressions, clicks
/// and leads whole (the first days take the remainder), conversions in
/// equal fractions. The parts add up to the row exactly.
pub fn spread(row: &Spend, first: NaiveDate, last: NaiveDate) -> Vec<Spend> {
    let days = (last - first).num_days() + 1;
    let n = days as u64;
    let share = |total: u64, i: u64| total / n + u64::from(i < total % n);
    let fine = row.cost.0;
    let (per_day, left) = (fine.div_euclid(days), fine.rem_euclid(days));
    first
        .iter_days()
        .take(days as usize)
        .enumerate()
        .map(|(i, day)| {
            let i = i as u64;
            Spend {
                day,
                channel: row.channel,
                campaign: row.campaign.clone(),
                cost: FineMoney(per_day + i64::from(i < left as u64)),
                impressions: share(row.impressions, i),
                clicks: share(row.clicks, i),
                conversions: row.conversions / days as f64,
                leads: share(row.leads, i),
            }
        })
        .collect()
}

impl Records {
    /// Adds one row's spend for the days `first..=last`: as it is for one
    /// day, spread evenly over the days of a longer range (see
    /// this module), which is counted for `check`.
    pub fn push_spend_over(&mut self, spend: Spend, first: NaiveDate, last: NaiveDate) {
        if first >= last {
            self.spend.push(spend);
            return;
        }
        let parts = spread(&spend, first, last);
        self.spread.rows += 1;
        self.spread.longest = self.spread.longest.max(parts.len() as u64);
        self.spend.extend(parts);
    }
}

/// The last day of a range that starts on `first`, checked: not before
/// it, and at most [`MAX_DAYS`] long.
pub fn range_end(
    row: &Row,
    column: usize,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<NaiveDate, Rejection> {
    let days = (last - first).num_days() + 1;
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(row.reject(
            column,
            "an end date on or after the start date, at most ten years later",
        ));
    }
    Ok(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Channel;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn ranges_as_reports_state_them() {
        let range =
            |lines: &[&str]| stated_range(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>());
        assert_eq!(
            range(&["Campaign report", "July 8, 2025 - July 31, 2025"]),
            Some(StatedRange::Days(day("2025-07-08"), day("2025-07-31")))
        );
        assert_eq!(
            range(&["Campaign report", "27 January 2026 - 23 February 2026"]),
            Some(StatedRange::Days(day("2026-01-27"), day("2026-02-23")))
        );
        assert_eq!(
            range(&["Campaign report", "All time"]),
            Some(StatedRange::AllTime)
        );
        assert_eq!(
            range(&[
                "Ad Performance Report (in UTC)",
                "Report Start: August 18, 2019, 12:00 AM",
                "Report End: September 16, 2019, 11:59 PM",
                "Date Generated: September 16, 2019, 5:55 AM",
            ]),
            Some(StatedRange::Days(day("2019-08-18"), day("2019-09-16")))
        );
        assert_eq!(range(&["Campaign report"]), None);
    }

    #[test]
    fn spread_parts_add_up_to_the_row() {
        let row = Spend {
            day: day("2026-05-25"),
            channel: Channel::MetaAds,
            campaign: "x".into(),
            cost: FineMoney::from_money(crate::model::Money::from_cents(3235)),
            impressions: 6217,
            clicks: 3,
            conversions: 7.0,
            leads: 0,
        };
        let parts = spread(&row, day("2026-05-25"), day("2026-06-07"));
        assert_eq!(parts.len(), 14);
        let total: FineMoney = parts.iter().map(|p| p.cost).sum();
        assert_eq!(total.to_money().cents(), 3235);
        // 32.35 = 14 x 2.310714 + 0.000004: the first four days take the
        // millionths left over; the first week rounds to 16.18 once.
        assert_eq!(parts[0].cost, FineMoney(2_310_715));
        assert_eq!(parts[13].cost, FineMoney(2_310_714));
        let week: FineMoney = parts[..7].iter().map(|p| p.cost).sum();
        assert_eq!(week.to_money().cents(), 1618);
        assert_eq!(parts.iter().map(|p| p.impressions).sum::<u64>(), 6217);
        assert_eq!(parts.iter().map(|p| p.clicks).sum::<u64>(), 3);
        assert!((parts.iter().map(|p| p.conversions).sum::<f64>() - 7.0).abs() < 1e-9);
        assert_eq!(parts[13].day, day("2026-06-07"));
    }
}
