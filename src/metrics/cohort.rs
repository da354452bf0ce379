//! Cohort curves: of the MQLs of one period, the share that had reached a
//! later stage (SQL, won) within d days of becoming MQL, day by day from
//! 0 to [`CURVE_DAYS`]. Censored at the cut-off: an MQL counts at day d
//! only if it became MQL at least d days before the cut-off, so a young
//! cohort's curve is not dragged down by leads that have not had the time.

use super::follow_up::Stages;
use super::stats::share;
use super::window::Window;
use crate::model::{Lead, Stamp};
use serde::Serialize;

/// The last day since MQL a curve follows: most MQLs that are ever won
/// are won by then (the demo's 90th-percentile MQL-to-won lag is 95 days).
pub const CURVE_DAYS: u32 = 120;
/// A review keeps every tenth day of its curves: enough to draw them,
/// and metrics.json stays readable.
pub const CURVE_STEP_DAYS: usize = 10;
const SECONDS_PER_DAY: i64 = 86_400;

/// One day of a cumulative curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CurveDay {
    /// Days since MQL.
    pub day: u32,
    /// MQLs that became MQL at least `day` days before the cut-off.
    pub observed: u64,
    /// Of them, those that reached the stage within `day` days.
    pub reached: u64,
    /// `reached / observed`; `None` when none was observed that long.
    pub share: Option<f64>,
}

/// The cumulative curve of one cohort: for every day `d` in `0..=days`,
/// of the cohort's members observed `d` days by `cut_off`, those that had
/// reached the stage within `d` days. Each member is its start (the MQL
/// moment) and when it reached the stage, if it did by the cut-off; a
/// stage stamped before the start counts from day 0.
pub fn curve(
    members: impl IntoIterator<Item = (Stamp, Option<Stamp>)>,
    cut_off: Stamp,
    days: u32,
) -> Vec<CurveDay> {
    let len = days as usize + 1;
    // Per day, how many members' observation (or reaching) starts and
    // stops there: one pass over the members, one over the days.
    let mut observed = vec![0i64; len + 1];
    let mut reached = vec![0i64; len + 1];
    for (start, reached_at) in members {
        let Some(last) = observed_days(start, cut_off, days) else {
            continue;
        };
        observed[0] += 1;
        observed[last + 1] -= 1;
        if let Some(first) = reached_at.map(|at| lag_days(start, at))
            && first <= last
        {
            reached[first] += 1;
            reached[last + 1] -= 1;
        }
    }
    let (mut seen, mut got) = (0i64, 0i64);
    (0..len)
        .map(|d| {
            seen += observed[d];
            got += reached[d];
            let (seen, got) = (seen.max(0) as u64, got.max(0) as u64);
            CurveDay {
                day: d as u32,
                observed: seen,
                reached: got,
                share: share(got, seen),
            }
        })
        .collect()
}

/// The last day (at most `days`) by which a member that started at
/// `start` was observed: whole days from the start to the cut-off; `None`
/// for a start after the cut-off.
fn observed_days(start: Stamp, cut_off: Stamp, days: u32) -> Option<usize> {
    let seconds = (cut_off - start).num_seconds();
    (seconds >= 0).then(|| (seconds / SECONDS_PER_DAY).min(i64::from(days)) as usize)
}

/// The first whole day by which a member that started at `start` had
/// reached the stage at `at`: a lag of 30 hours is reached by day 2.
fn lag_days(start: Stamp, at: Stamp) -> usize {
    let seconds = (at - start).num_seconds().max(0) as u64;
    seconds.div_ceil(SECONDS_PER_DAY as u64) as usize
}

/// One day of a period's MQL cohort: how many were observed that long and
/// how many had reached SQL and won.
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
pub fn cohort_curves(leads: &[Lead], stages: &[Stages], windows: &[Window]) -> Vec<CohortCurve> {
    // One pass over the leads, each MQL placed in the window holding it.
    let mut members: Vec<Vec<(Stamp, &Stages)>> = vec![Vec::new(); windows.len()];
    for (lead, s) in leads.iter().zip(stages) {
        let Some(mql) = lead.mql_at else { continue };
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
    let to = |stage: fn(&Stages) -> Option<Stamp>| {
        let pairs = members.iter().map(|(mql, s)| (*mql, stage(s)));
        curve(pairs, window.cut_off, CURVE_DAYS)
    };
    let (sql, won) = (to(|s| s.sql), to(|s| s.won));
    CohortCurve {
        period: window.period.label.clone(),
        start: window.period.start,
        mqls: members.len() as u64,
        days: sql
            .iter()
            .zip(&won)
            .step_by(CURVE_STEP_DAYS)
            .map(|(s, w)| CohortDay {
                day: s.day,
                observed: s.observed,
                sql: s.reached,
                sql_share: s.share,
                won: w.reached,
                won_share: w.share,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> Stamp {
        let date = NaiveDate::from_ymd_opt(2026, 1, day).expect("a January day");
        Stamp::new(date.and_hms_opt(hour, 0, 0).expect("an hour")).expect("in range")
    }

    /// Four MQLs, the cut-off on 11 January at noon:
    /// - A, MQL 1 Jan noon, reached 3 Jan 6:00 (42 h: by day 2), observed 10 days;
    /// - B, MQL 1 Jan noon, never reached, observed 10 days;
    /// - C, MQL 6 Jan noon, reached 6 Jan 15:00 (3 h: by day 1), observed 5 days;
    /// - D, MQL 9 Jan 18:00, reached 9 Jan 10:00 (stamped before: day 0),
    ///   observed 1 day (1 day 18 h, whole days only).
    fn members() -> Vec<(Stamp, Option<Stamp>)> {
        vec![
            (at(1, 12), Some(at(3, 6))),
            (at(1, 12), None),
            (at(6, 12), Some(at(6, 15))),
            (at(9, 18), Some(at(9, 10))),
        ]
    }

    fn rows(days: &[CurveDay]) -> Vec<(u32, u64, u64)> {
        days.iter()
            .map(|d| (d.day, d.observed, d.reached))
            .collect()
    }

    #[test]
    fn each_member_counts_only_on_the_days_it_was_observed() {
        let days = curve(members(), at(11, 12), 12);
        assert_eq!(
            rows(&days),
            [
                (0, 4, 1),  // D, reached before its MQL stamp
                (1, 4, 2),  // and C within 3 h
                (2, 3, 2),  // D no longer observed; A reached (42 h)
                (3, 3, 2),  // A and C of A, B, C
                (4, 3, 2),  //
                (5, 3, 2),  // C observed 5 whole days
                (6, 2, 1),  // A and B only: A reached
                (7, 2, 1),  //
                (8, 2, 1),  //
                (9, 2, 1),  //
                (10, 2, 1), // A and B observed 10 days
                (11, 0, 0), // nobody observed that long
                (12, 0, 0),
            ]
        );
        assert_eq!(days[2].share, Some(2.0 / 3.0));
        assert_eq!(days[6].share, Some(0.5));
        assert_eq!(days[11].share, None);
    }

    #[test]
    fn the_curve_stops_at_its_last_day_and_ignores_later_starts() {
        let mut all = members();
        // Became MQL after the cut-off: not part of what was seen.
        all.push((at(20, 12), Some(at(21, 12))));
        let days = curve(all, at(11, 12), 3);
        assert_eq!(rows(&days), [(0, 4, 1), (1, 4, 2), (2, 3, 2), (3, 3, 2)]);
    }

    #[test]
    fn no_members_no_shares() {
        let days = curve(Vec::new(), at(11, 12), 2);
        assert_eq!(rows(&days), [(0, 0, 0), (1, 0, 0), (2, 0, 0)]);
        assert!(days.iter().all(|d| d.share.is_none()));
    }
}
