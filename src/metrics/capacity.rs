//! Follow-up capacity: first touches one rep makes in a week, measured
//! where it can be seen.
//!
//! A rep's first touches in a week equal their capacity only when leads
//! were waiting for them the whole week; in a quiet week they equal the
//! leads that arrived, and any quantile of such weeks is a busy week, not
//! what the rep could do. So capacity is the median of the rep-weeks in
//! which the rep was *loaded*: on every working day (Monday to Friday) a
//! lead assigned to them, ready before the day began, was still untouched
//! when it ended. A lead that had waited longer than the workable age
//! limit no longer counts as waiting: nobody is working it any more (the
//! same limit as the queue's workable part).
//!
//! Where no rep was loaded in the trailing four quarters, the 90th
//! percentile of the rep-weeks with first touches is only a lower bound:
//! the reps did at least that, and maybe far more.

use super::follow_up::FollowUp;
use super::stats::{median, quantile};
use super::window::{Window, monday_of};
use crate::model::Function;
use chrono::{Days, NaiveDate};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// Trailing window for capacity evidence: four quarters.
const TRAILING_DAYS: u64 = 364;
/// Loaded rep-weeks needed before their median counts as capacity: one
/// rep-month, so a single odd week (a holiday with a queue) cannot set it.
pub const MIN_LOADED_REP_WEEKS: usize = 4;
/// Which rep-week of first touches is the lower bound where no rep was
/// loaded: a level reps reached repeatedly, not one burst of logging.
const LOWER_BOUND_QUANTILE: f64 = 0.9;

/// How per-rep capacity was found (metrics.json `balance.capacity_basis`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The median of rep-weeks in which the rep was loaded.
    UnderLoad,
    /// The reps were never loaded: what they did is the least they can do.
    LowerBound,
    /// `[capacity] leads_per_rep_week` in equinox.toml.
    Setting,
}

/// Per-rep weekly capacity and the evidence behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerRep {
    pub per_week: f64,
    pub basis: Basis,
    /// Rep-weeks in the trailing window in which the rep was loaded.
    pub loaded_rep_weeks: u64,
}

/// One rep-week of first touches, and whether the rep was loaded in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepWeek {
    /// The rep: as the data names them here, as `[privacy] owners` shows
    /// them once the review is computed.
    #[serde(skip)]
    pub owner: String,
    pub week_start: NaiveDate,
    pub first_touches: u64,
    pub loaded: bool,
}

/// The first touches of supply leads per rep and week over the trailing
/// four quarters ending with the period, with each week's load.
pub fn rep_weeks(follow_ups: &[FollowUp], window: &Window, workable_days: i64) -> Vec<RepWeek> {
    let last = window.period.end.min(window.as_of.date());
    let first = last - Days::new(TRAILING_DAYS - 1);
    let mut touches: FxHashMap<(&str, NaiveDate), u64> = FxHashMap::default();
    for f in follow_ups.iter().filter(|f| handed_over(f)) {
        let (Some(owner), Some(touch)) = (f.owner, f.touch) else {
            continue;
        };
        let day = touch.date();
        if first <= day && day <= last {
            *touches.entry((&**owner, monday_of(day))).or_default() += 1;
        }
    }
    let waiting = waiting_days(follow_ups, first, last, workable_days);
    let mut weeks: Vec<RepWeek> = touches
        .into_iter()
        .map(|((owner, week_start), first_touches)| RepWeek {
            loaded: loaded(waiting.get(owner), first, week_start),
            owner: owner.to_string(),
            week_start,
            first_touches,
        })
        .collect();
    weeks.sort_by(|a, b| (&a.owner, a.week_start).cmp(&(&b.owner, b.week_start)));
    weeks
}

/// Whether a lead takes a rep's follow-up time: every lead handed to
/// sales (MQLs, partners' and unknown sources' leads) but the reps' own
/// prospects, which they contact as they log them. Capacity, the queue
/// and the team's first touches count these leads, so one figure's
/// leads are the other's.
pub fn handed_over(f: &FollowUp) -> bool {
    f.function != Function::Sales
}

/// Per rep, per day of `[first, last]` (by offset from `first`): how many
/// of the rep's supply leads waited through the whole day, untouched.
fn waiting_days<'a>(
    follow_ups: &'a [FollowUp],
    first: NaiveDate,
    last: NaiveDate,
    workable_days: i64,
) -> FxHashMap<&'a str, Vec<i32>> {
    let span = (last - first).num_days() + 1;
    let offset = |day: NaiveDate| (day - first).num_days();
    let mut deltas: FxHashMap<&str, Vec<i32>> = FxHashMap::default();
    for f in follow_ups.iter().filter(|f| handed_over(f) && !f.untimed) {
        let Some(owner) = f.lead.owner.as_deref() else {
            continue;
        };
        // Whole days after the ready day, up to the day before the touch
        // (or the end of the workable age).
        let from = offset(f.ready.date()) + 1;
        let aged_out = offset(f.ready.date()) + workable_days;
        let until = f
            .touch
            .map_or(aged_out, |t| (offset(t.date()) - 1).min(aged_out));
        let (from, until) = (from.max(0), until.min(span - 1));
        if from > until {
            continue;
        }
        let d = deltas
            .entry(owner)
            .or_insert_with(|| vec![0; span as usize + 1]);
        d[from as usize] += 1;
        d[until as usize + 1] -= 1;
    }
    for d in deltas.values_mut() {
        for i in 1..d.len() {
            d[i] += d[i - 1];
        }
    }
    deltas
}

/// Whether a lead waited through each working day of the week.
fn loaded(waiting: Option<&Vec<i32>>, first: NaiveDate, week_start: NaiveDate) -> bool {
    let Some(waiting) = waiting else {
        return false;
    };
    (0..5).all(|d| {
        let day = (week_start - first).num_days() + d;
        day >= 0 && waiting.get(day as usize).is_some_and(|n| *n > 0)
    })
}

/// Per-rep capacity: the setting if given, else the median of the loaded
/// rep-weeks, else a lower bound; `None` without any rep-week of touches.
pub fn per_rep(weeks: &[RepWeek], setting: Option<f64>) -> Option<PerRep> {
    let mut loaded: Vec<f64> = weeks
        .iter()
        .filter(|w| w.loaded)
        .map(|w| w.first_touches as f64)
        .collect();
    let loaded_rep_weeks = loaded.len() as u64;
    if let Some(per_week) = setting {
        return Some(PerRep {
            per_week,
            basis: Basis::Setting,
            loaded_rep_weeks,
        });
    }
    if loaded.len() >= MIN_LOADED_REP_WEEKS {
        return Some(PerRep {
            per_week: median(&mut loaded)?,
            basis: Basis::UnderLoad,
            loaded_rep_weeks,
        });
    }
    let mut all: Vec<f64> = weeks.iter().map(|w| w.first_touches as f64).collect();
    Some(PerRep {
        per_week: quantile(&mut all, LOWER_BOUND_QUANTILE)?,
        basis: Basis::LowerBound,
        loaded_rep_weeks,
    })
}
