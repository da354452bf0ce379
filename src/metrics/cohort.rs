//! Cohort curves: the share of a cohort of MQLs that reached a later
//! stage (won, SQL) by each whole day since the MQL, with the MQLs still
//! young at the cut-off counted only for the days they have been seen.
//! The plan reads the won curve (`plan_outlook`); a chart of one line
//! per quarter can read the same function.

use crate::model::Stamp;

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
        let reached = reached
            .filter(|r| *r <= cut_off)
            .map(|r| whole_days(mql, r).unwrap_or(0));
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

/// `curve[d]`, or its last value past the horizon.
pub fn at(curve: &[f64], day: u32) -> f64 {
    curve
        .get(day as usize)
        .or(curve.last())
        .copied()
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(observed: u32, reached: Option<u32>) -> Entry {
        Entry { observed, reached }
    }

    #[test]
    fn young_mqls_count_only_for_the_days_they_were_seen() {
        // A won on day 2, B never, C seen 3 days only, D won on day 5.
        // Day 2: 4 at risk, 1 won: 3/4 not yet won. Day 5: B and D at risk
        // (A won, C left after day 3), 1 won: 3/4 x 1/2 = 3/8 not won.
        let cohort = [e(10, Some(2)), e(10, None), e(3, None), e(10, Some(5))];
        let c = curve(cohort, 6).unwrap();
        assert_eq!(c[0], 0.0);
        assert_eq!(c[1], 0.0);
        assert_eq!(c[2], 0.25);
        assert_eq!(c[4], 0.25);
        assert_eq!(c[5], 0.625);
        assert_eq!(c[6], 0.625);
    }

    #[test]
    fn a_stage_reached_past_the_horizon_is_not_counted() {
        let cohort = [e(100, Some(50)), e(100, None)];
        let c = curve(cohort, 40).unwrap();
        assert_eq!(c.len(), 41);
        assert_eq!(c[40], 0.0);
        assert_eq!(at(&c, 90), 0.0);
        assert!(curve([], 10).is_none());
    }

    #[test]
    fn a_fully_observed_cohort_is_the_plain_share() {
        let cohort = [e(20, Some(0)), e(20, Some(10)), e(20, None), e(20, None)];
        let c = curve(cohort, 20).unwrap();
        assert_eq!(c[0], 0.25);
        assert!((c[10] - 0.5).abs() < 1e-12);
        assert!((at(&c, 30) - 0.5).abs() < 1e-12);
    }
}
