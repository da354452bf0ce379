//! Speed to lead: how long leads ready for sales wait for their first
//! touch, in figures and in bands, and how the wait relates to reaching SQL.

use super::follow_up::{FollowUp, Stages};
use super::stats::{quantile, ratio, share};
use super::window::Window;
use crate::config::Sla;
use chrono::Duration;
use serde::Serialize;

/// Follow-up figures for the leads that became ready for sales in a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Speed {
    /// The median wait of every ready lead, the untouched counted as still
    /// waiting at the cut-off (censored): a lower bound where it falls on
    /// such a lead (`median_at_least`).
    pub median_hours: Option<f64>,
    /// The 90th percentile, likewise.
    pub p90_hours: Option<f64>,
    /// Whether an untouched lead's wait so far is at or below the median:
    /// the true median may then be longer.
    pub median_at_least: bool,
    pub p90_at_least: bool,
    /// The median over the touched leads only (the definition before the
    /// waits were censored, kept for comparison).
    pub median_hours_touched: Option<f64>,
    /// Untouched leads counted in the figures at their wait so far.
    pub censored: u64,
    /// Share of leads touched within the SLA, of those whose SLA window closed.
    pub within_sla: Option<f64>,
    /// Leads not touched within the drop window, where it has closed.
    pub dropped: u64,
    /// Leads not yet touched whose drop window is still open.
    pub waiting: u64,
    /// Leads ready for sales in the period (the population of these figures).
    pub leads: u64,
    /// Of those, touched at or after becoming ready.
    pub touched: u64,
    /// Of those, touched by the CRM's word with the time unknown (a
    /// contact count or last-contacted date, no first-touch date): neither
    /// dropped nor waiting, and outside the hour figures.
    pub touched_time_unknown: u64,
    /// `dropped / leads`.
    pub dropped_share: Option<f64>,
    /// The leads by time to first touch.
    pub bands: Vec<Band>,
    /// What slow follow-up cost: the SQLs the leads first touched after 7
    /// days or never would have made at the SQL rate of the leads touched
    /// within 24 hours, less the SQLs they made. `None` with fewer than
    /// [`MIN_FAST_LEADS`] leads touched within 24 hours to take the rate
    /// from.
    pub sqls_lost: Option<f64>,
}

/// Leads touched within 24 hours needed before their SQL rate is the
/// yardstick of what slower leads lost.
pub const MIN_FAST_LEADS: u64 = 10;

/// Leads whose first touch came within one band of time.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Band {
    /// `0-1h`, `1-24h`, `1-7d`, `>7d`, `time unknown` (only where the
    /// data has such leads) or `never`.
    pub band: &'static str,
    pub leads: u64,
    /// Of the period's ready leads.
    pub share: Option<f64>,
    /// Of the band's leads, those that reached SQL by the cut-off.
    pub reached_sql: u64,
    pub sql_rate: Option<f64>,
    /// The band's upper limit in hours (inclusive); `None` for the bands
    /// without a wait (`time unknown`, `never`).
    #[serde(skip)]
    pub upper_hours: Option<f64>,
}

impl Band {
    /// Whether every lead of the band was touched within `sla_hours`.
    pub fn within(&self, sla_hours: f64) -> bool {
        self.upper_hours.is_some_and(|limit| limit <= sla_hours)
    }
}

/// The bands' names and upper limits in hours (inclusive); the last band
/// holds the leads not touched by the cut-off.
const BANDS: [(&str, f64); 4] = [
    ("0-1h", 1.0),
    ("1-24h", 24.0),
    ("1-7d", 168.0),
    (">7d", f64::INFINITY),
];
/// The band of leads not touched by the cut-off.
pub const NEVER: &str = "never";
/// The band of leads touched at a time the exports do not give.
pub const TIME_UNKNOWN: &str = "time unknown";

/// Computes the follow-up figures of one period; `untimed_band` adds the
/// band of leads touched at an unknown time (the same for every period
/// of one set of exports, so their bands line up).
pub fn speed<'f, 'a: 'f>(
    follow_ups: impl IntoIterator<Item = &'f FollowUp<'a>>,
    stages: &[Stages],
    window: &Window,
    sla: &Sla,
    untimed_band: bool,
) -> Speed {
    let sla_window = Duration::seconds((sla.first_touch_hours * 3600.0).round() as i64);
    let drop_window = Duration::days(sla.drop_after_days);
    let mut hours = Vec::new();
    let mut censored = Vec::new();
    let (mut judged, mut within, mut result) = (0u64, 0u64, Speed::default());
    let mut bands: Vec<Band> = BANDS
        .iter()
        .map(|(name, limit)| (*name, Some(*limit)))
        .chain(untimed_band.then_some((TIME_UNKNOWN, None)))
        .chain([(NEVER, None)])
        .map(|(band, upper_hours)| Band {
            band,
            upper_hours,
            ..Band::default()
        })
        .collect();
    for lead in follow_ups.into_iter().filter(|f| window.contains(f.ready)) {
        let waited = lead.touch.map(|t| t - lead.ready);
        result.leads += 1;
        let hours_waited = waited.map(|w| w.num_seconds() as f64 / 3600.0);
        if let Some(h) = hours_waited {
            result.touched += 1;
            hours.push(h);
        } else if !lead.untimed {
            censored.push((window.cut_off - lead.ready).num_seconds() as f64 / 3600.0);
        }
        // The time-unknown band, when there is one, follows the last band
        // of hours; `never` is always last.
        let never = bands.len() - 1;
        let index = match hours_waited {
            _ if lead.untimed => BANDS.len(),
            Some(h) => band_of(h),
            None => never,
        };
        let band = &mut bands[index];
        band.leads += 1;
        band.reached_sql += u64::from(stages[lead.index as usize].sql.is_some());
        if lead.untimed {
            result.touched_time_unknown += 1;
            continue;
        }
        let on_time = waited.is_some_and(|w| w <= sla_window);
        if on_time || lead.ready + sla_window <= window.cut_off {
            judged += 1;
            within += u64::from(on_time);
        }
        if waited.is_none_or(|w| w > drop_window) {
            if lead.ready + drop_window <= window.cut_off {
                result.dropped += 1;
            } else if waited.is_none() {
                result.waiting += 1;
            }
        }
    }
    for band in &mut bands {
        band.share = share(band.leads, result.leads);
        band.sql_rate = share(band.reached_sql, band.leads);
    }
    result.sqls_lost = sqls_lost(&bands);
    result.bands = bands;
    waits(&mut result, hours, censored);
    result.within_sla = ratio(within as f64, judged as f64);
    result.dropped_share = share(result.dropped, result.leads);
    result
}

/// The median and p90 of every wait, the untouched leads' censored at the
/// cut-off, with whether each is a lower bound; and the touched leads'
/// own median.
/// Without a single known touch the exports carry no first touches at all
/// (no activity export, no first-touch column): every lead would look
/// untouched, so there are no waits to give.
fn waits(result: &mut Speed, mut touched: Vec<f64>, censored: Vec<f64>) {
    result.median_hours_touched = quantile(&mut touched, 0.5);
    if touched.is_empty() {
        return;
    }
    result.censored = censored.len() as u64;
    let shortest = censored.iter().copied().reduce(f64::min);
    touched.extend(censored);
    result.median_hours = quantile(&mut touched, 0.5);
    result.p90_hours = quantile(&mut touched, 0.9);
    // A quantile is a lower bound when a censored wait is at or below
    // the upper of the two ranks it is read from.
    let mut bound = |q: f64| {
        let rank = (q * (touched.len().max(1) - 1) as f64).ceil() as usize;
        let upper = touched
            .get(rank)
            .is_some()
            .then(|| *touched.select_nth_unstable_by(rank, f64::total_cmp).1);
        shortest.zip(upper).is_some_and(|(s, u)| s <= u)
    };
    result.median_at_least = bound(0.5);
    result.p90_at_least = bound(0.9);
}

/// See [`Speed::sqls_lost`].
fn sqls_lost(bands: &[Band]) -> Option<f64> {
    let fast = bands
        .iter()
        .filter(|b| b.band == "0-1h" || b.band == "1-24h");
    let (leads, sqls) = fast.fold((0, 0), |(l, s), b| (l + b.leads, s + b.reached_sql));
    if leads < MIN_FAST_LEADS {
        return None;
    }
    let rate = sqls as f64 / leads as f64;
    let slow = bands.iter().filter(|b| b.band == ">7d" || b.band == NEVER);
    Some(
        slow.map(|b| (b.leads as f64 * rate - b.reached_sql as f64).max(0.0))
            .sum(),
    )
}

/// The band index of a wait.
fn band_of(hours: f64) -> usize {
    BANDS
        .iter()
        .position(|(_, limit)| hours <= *limit)
        .unwrap_or(BANDS.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_is_within_the_sla_when_its_upper_limit_is() {
        let band = |upper_hours| Band {
            upper_hours,
            ..Band::default()
        };
        assert!(band(Some(24.0)).within(24.0));
        assert!(!band(Some(168.0)).within(24.0));
        assert!(!band(None).within(f64::INFINITY));
        assert_eq!(band_of(24.0), 1);
        assert_eq!(band_of(24.01), 2);
    }
}
