//! Cohort curves by days since MQL: the share of MQLs that reached a
//! later stage (SQL, won) within d days of becoming MQL, day by day. One
//! estimate serves the plan (its conversion by days since MQL, pooled and
//! per quarter, `plan_outlook`) and the review's cohort-curve chart (one
//! line per quarter), so the chart and the plan read the same numbers.
//!
//! Censored at the cut-off: an MQL still young at the cut-off counts only
//! for the days it has been seen, neither won nor lost after them (the
//! Kaplan–Meier estimate). For a cohort every member of which has been
//! seen d days, the share at d is the plain share reached within d days.

use super::follow_up::Stages;
use super::window::Window;
use crate::model::{Lead, ReadyBasis, Stamp};
use serde::Serialize;

/// The last day since MQL a curve follows: most MQLs that are ever won
/// are won by then (the demo's 90th-percentile MQL-to-won lag is 95 days).
pub const CURVE_DAYS: u32 = 120;
/// A review keeps every tenth day of its curves: enough to draw them,
/// and metrics.json stays readable.
pub const CURVE_STEP_DAYS: usize = 10;
const SECONDS_PER_DAY: i64 = 86_400;

/// One MQL seen from the cut-off, in whole days since its MQL date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Whole days from the MQL to the cut-off.
    pub observed: u32,
    /// Whole days from the MQL to the stage, where reached by the cut-off.
    pub reached: Option<u32>,
}

impl Entry {
    /// The entry of an MQL at `mql` that reached the stage at `reached`,
    /// seen at `cut_off`; `None` for an MQL after the cut-off.
    pub fn of(mql: Stamp, reached: Option<Stamp>, cut_off: Stamp) -> Option<Entry> {
        let observed = whole_days(mql, cut_off)?;
        let reached = reached.filter(|r| *r <= cut_off).map(|r| lag_days(mql, r));
        Some(Entry { observed, reached })
    }
}

/// Whole days from `from` to `to`; `None` when `to` is earlier.
pub fn whole_days(from: Stamp, to: Stamp) -> Option<u32> {
    let seconds = (to - from).num_seconds();
    (seconds >= 0).then(|| (seconds / SECONDS_PER_DAY).min(i64::from(u32::MAX)) as u32)
}

/// The share of `entries` that reached the stage by day `d` (whole days
/// since the MQL), for `d` in `0..=horizon`: the Kaplan–Meier estimate,
/// where an MQL is at risk on day `d` while it has not reached the stage
/// before `d` and has been observed for at least `d` days. An MQL seen
/// for 30 days so counts for days 0 to 30 and then leaves the estimate,
/// neither won nor lost. Monotone; flat past the oldest MQL's age.
/// `None` for an empty cohort. One pass over the entries, so a caller
/// can filter them on the way instead of collecting them.
pub fn curve(entries: impl IntoIterator<Item = Entry>, horizon: u32) -> Option<Vec<f64>> {
    let days = horizon as usize + 1;
    let (mut events, mut leaving) = (vec![0u64; days], vec![0u64; days]);
    let mut at_risk = 0u64;
    for e in entries {
        at_risk += 1;
        let last = e.observed.min(horizon) as usize;
        match e.reached.filter(|r| *r <= e.observed && *r <= horizon) {
            Some(r) => {
                events[r as usize] += 1;
                leaving[r as usize] += 1;
            }
            None => leaving[last] += 1,
        }
    }
    if at_risk == 0 {
        return None;
    }
    let mut surviving = 1.0;
    let mut shares = Vec::with_capacity(days);
    for d in 0..days {
        if at_risk > 0 {
            surviving *= 1.0 - events[d] as f64 / at_risk as f64;
        }
        shares.push(1.0 - surviving);
        at_risk -= leaving[d];
    }
    Some(shares)
}

/// The first whole day by which an MQL at `mql` had reached the stage at
/// `at`: a lag of 30 hours is reached by day 2 (within two days, not one);
/// a stage stamped before the MQL counts from day 0.
fn lag_days(mql: Stamp, at: Stamp) -> u32 {
    let seconds = (at - mql).num_seconds().max(0) as u64;
    seconds
        .div_ceil(SECONDS_PER_DAY as u64)
        .min(u64::from(u32::MAX)) as u32
}

/// `curve[d]`, or its last value past the horizon.
pub fn at(curve: &[f64], day: u32) -> f64 {
    curve
        .get(day as usize)
        .or(curve.last())
        .copied()
        .unwrap_or(0.0)
}

/// How many of `entries` had been seen at least `d` days, and how many of
/// those had reached the stage within `d` days, for `d` in `0..=days`.
/// Counted per day and summed: one pass over the entries, one over the
/// days.
fn counts(entries: impl IntoIterator<Item = Entry>, days: u32) -> Vec<(u64, u64)> {
    let len = days as usize + 1;
    let (mut observed, mut reached) = (vec![0i64; len + 1], vec![0i64; len + 1]);
    for e in entries {
        let last = e.observed.min(days) as usize;
        observed[0] += 1;
        observed[last + 1] -= 1;
        if let Some(first) = e.reached.map(|r| r as usize).filter(|r| *r <= last) {
            reached[first] += 1;
            reached[last + 1] -= 1;
        }
    }
    let (mut seen, mut got) = (0i64, 0i64);
    (0..len)
        .map(|d| {
            seen += observed[d];
            got += reached[d];
            (seen.max(0) as u64, got.max(0) as u64)
        })
        .collect()
}

/// One day of a period's MQL cohort: how many were seen that long, how
/// many of them had reached SQL and won within that many days, and the
/// shares by [`curve`]. The share equals count ÷ observed when every MQL
/// of the cohort has been seen that long; for a cohort still young at the
/// cut-off it also counts the younger MQLs for the days they were seen.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CohortDay {
    pub day: u32,
    pub observed: u64,
    pub sql: u64,
    pub sql_share: Option<f64>,
    pub won: u64,
    pub won_share: Option<f64>,
}

/// The MQLs of one period, followed day by day since MQL.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortCurve {
    /// The period the cohort's MQLs fall in, e.g. "2026-Q3".
    pub period: String,
    /// The period's first day.
    #[serde(skip)]
    pub start: chrono::NaiveDate,
    pub mqls: u64,
    /// Days 0, 10, 20 … [`CURVE_DAYS`]; a day no MQL was observed that
    /// long has `observed` 0 and no shares.
    pub days: Vec<CohortDay>,
}

/// The cohort curves of `windows`' MQLs (oldest first), each to SQL and to
/// won, at the windows' cut-off, every [`CURVE_STEP_DAYS`] days. A period
/// without MQLs gets no curve.
/// Where the portal skips the MQL stage, every new lead is a member from
/// its creation ([`ReadyBasis::supply_at`]).
pub fn cohort_curves(
    leads: &[Lead],
    basis: ReadyBasis,
    stages: &[Stages],
    windows: &[Window],
) -> Vec<CohortCurve> {
    // One pass over the leads, each MQL placed in the window holding it.
    let mut members: Vec<Vec<(Stamp, &Stages)>> = vec![Vec::new(); windows.len()];
    for (lead, s) in leads.iter().zip(stages) {
        let Some(mql) = basis.supply_at(lead) else {
            continue;
        };
        if let Some(i) = windows.iter().position(|w| w.contains(mql)) {
            members[i].push((mql, s));
        }
    }
    windows
        .iter()
        .zip(&members)
        .filter(|(_, members)| !members.is_empty())
        .map(|(window, members)| cohort(window, members))
        .collect()
}

/// One period's MQLs followed to SQL and to won.
fn cohort(window: &Window, members: &[(Stamp, &Stages)]) -> CohortCurve {
    let entries = |stage: fn(&Stages) -> Option<Stamp>| {
        members
            .iter()
            .filter_map(move |(mql, s)| Entry::of(*mql, stage(s), window.cut_off))
    };
    let to = |stage: fn(&Stages) -> Option<Stamp>| {
        let shares = curve(entries(stage), CURVE_DAYS).unwrap_or_default();
        (counts(entries(stage), CURVE_DAYS), shares)
    };
    let ((sql, sql_shares), (won, won_shares)) = (to(|s| s.sql), to(|s| s.won));
    let share = |shares: &[f64], d: usize, observed: u64| {
        (observed > 0).then(|| shares.get(d).copied()).flatten()
    };
    CohortCurve {
        period: window.period.label.clone(),
        start: window.period.start,
        mqls: members.len() as u64,
        days: (0..sql.len())
            .step_by(CURVE_STEP_DAYS)
            .map(|d| CohortDay {
                day: d as u32,
                observed: sql[d].0,
                sql: sql[d].1,
                sql_share: share(&sql_shares, d, sql[d].0),
                won: won[d].1,
                won_share: share(&won_shares, d, won[d].0),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
