//! Flow: weekly supply of new MQLs against the MQLs sales first touched,
//! the backlog of untouched MQLs left at each week's end, and the lead
//! inventory at the period's end. One pass over the MQLs per period.

use super::follow_up::{FollowUp, Stages};
use super::window::Window;
use crate::config::Sla;
use crate::model::Stamp;
use chrono::{Days, Duration, NaiveDate, NaiveTime};
use serde::Serialize;

/// How long a first-touched lead that has not reached SQL counts as being
/// worked, for the lead inventory.
pub const WORKING_DAYS: i64 = 14;

/// One ISO week of lead flow.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    /// The Monday that starts the week.
    pub week_start: NaiveDate,
    /// MQLs that became ready in the week.
    pub supply: u64,
    /// MQLs first touched in the week.
    pub absorption: u64,
    /// MQLs untouched at the week's end and younger than the drop window.
    pub backlog: u64,
    /// MQLs untouched at the week's end, of every age: the whole queue.
    pub queue: u64,
}

/// Computes the weeks of one period.
pub fn weekly_flow<'f, 'a: 'f>(
    follow_ups: impl IntoIterator<Item = &'f FollowUp<'a>>,
    window: &Window,
    sla: &Sla,
) -> Vec<Week> {
    let mondays = window.weeks();
    let starts: Vec<Stamp> = mondays
        .iter()
        .map(|m| Stamp::clamped(m.and_time(NaiveTime::MIN)))
        .collect();
    let ends: Vec<Stamp> = mondays
        .iter()
        .map(|m| {
            Stamp::clamped((*m + Days::new(7)).and_time(NaiveTime::MIN))
                .min(window.cut_off + Duration::seconds(1))
        })
        .collect();
    let mut weeks: Vec<Week> = mondays
        .iter()
        .map(|&week_start| Week {
            week_start,
            supply: 0,
            absorption: 0,
            backlog: 0,
            queue: 0,
        })
        .collect();
    // Backlog by difference array: a lead is in the backlog at every week
    // end in (ready, min(touch, ready + drop window)].
    let mut backlog_delta = vec![0i64; weeks.len() + 1];
    // The queue likewise, at every week end in (ready, touch].
    let mut queue_delta = vec![0i64; weeks.len() + 1];
    let drop_window = Duration::days(sla.drop_after_days);
    for lead in follow_ups.into_iter().filter(|f| f.mql) {
        if let Some(i) = week_of(&starts, &ends, lead.ready) {
            weeks[i].supply += 1;
        }
        if let Some(i) = lead.touch.and_then(|t| week_of(&starts, &ends, t)) {
            weeks[i].absorption += 1;
        }
        if lead.untimed {
            // Touched at a time nobody knows: never in the backlog.
            continue;
        }
        let limit = lead.touch.map_or(lead.ready + drop_window, |t| {
            t.min(lead.ready + drop_window)
        });
        let first = ends.partition_point(|e| *e <= lead.ready);
        let last = ends.partition_point(|e| *e <= limit);
        mark(&mut backlog_delta, first, last);
        let touched = lead
            .touch
            .map_or(weeks.len(), |t| ends.partition_point(|e| *e <= t));
        mark(&mut queue_delta, first, touched);
    }
    let (mut backlog, mut queue) = (0i64, 0i64);
    for ((week, b), q) in weeks.iter_mut().zip(backlog_delta).zip(queue_delta) {
        backlog += b;
        queue += q;
        week.backlog = backlog.max(0) as u64;
        week.queue = queue.max(0) as u64;
    }
    weeks
}

/// Adds one lead to the week ends `first..last` of a difference array.
fn mark(delta: &mut [i64], first: usize, last: usize) {
    if first < last {
        delta[first] += 1;
        delta[last] -= 1;
    }
}

/// The week whose `[start, end)` holds `at`.
fn week_of(starts: &[Stamp], ends: &[Stamp], at: Stamp) -> Option<usize> {
    let i = starts.partition_point(|s| *s <= at).checked_sub(1)?;
    (at < ends[i]).then_some(i)
}

/// The MQLs sales still has to work at the window's end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Inventory {
    /// MQLs untouched at the end that became ready within the workable
    /// age limit (`[capacity] workable_days`).
    pub untouched: u64,
    /// MQLs first touched in the last 14 days before the end that had not
    /// reached SQL by then.
    pub working: u64,
    /// MQLs first touched in the period, per observed week.
    pub absorption_per_week: f64,
}

/// Counts the lead inventory at the window's end.
pub fn inventory<'f, 'a: 'f>(
    follow_ups: impl IntoIterator<Item = &'f FollowUp<'a>>,
    stages: &[Stages],
    window: &Window,
    workable_days: i64,
) -> Inventory {
    let end = window.end();
    let workable = Duration::days(workable_days);
    let working_since = end - Duration::days(WORKING_DAYS);
    let mut result = Inventory::default();
    let mut absorbed = 0u64;
    for lead in follow_ups.into_iter().filter(|f| f.mql && f.ready < end) {
        absorbed += u64::from(window.holds(lead.touch));
        match lead.touch.filter(|t| *t < end) {
            None if lead.untimed => {}
            None => result.untouched += u64::from(lead.ready + workable >= end),
            Some(t) => {
                let advanced = stages[lead.index as usize].sql.is_some_and(|s| s < end);
                result.working += u64::from(t >= working_since && !advanced);
            }
        }
    }
    result.absorption_per_week = absorbed as f64 / window.observed_weeks();
    result
}
