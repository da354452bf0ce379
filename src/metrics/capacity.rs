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
use super::window::Window;
use crate::model::Function;
use chrono::{DateTime, NaiveDate};
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

/// Every rep's first touches and waiting leads per day, over the days
/// the reviews' capacity evidence covers, made once for all periods:
/// each period's trailing four quarters overlap the others', and walking
/// every follow-up once per period cost more than the rest of a period's
/// figures.
pub struct Daily<'a> {
    /// The day ([`crate::model::Stamp::day`]) at index 0 of every rep's days.
    first: i64,
    /// The days covered.
    len: usize,
    /// By rep, as the data names them.
    reps: FxHashMap<&'a str, RepDays>,
}

/// One rep's days of [`Daily`].
#[derive(Debug, Clone)]
struct RepDays {
    /// First touches of supply leads the rep made on each day.
    touches: Vec<u64>,
    /// Supply leads of the rep that waited through each whole day,
    /// untouched (a difference array until [`Daily::of`] sums it).
    waiting: Vec<i32>,
}

impl<'a> Daily<'a> {
    /// The evidence of `follow_ups` on the days the trailing windows of
    /// `windows` cover; a lead counts as waiting for at most
    /// `workable_days` after it became ready.
    pub fn of(follow_ups: &[FollowUp<'a>], windows: &[Window], workable_days: i64) -> Daily<'a> {
        let covered = windows.iter().map(trailing_days);
        let first = covered.clone().map(|(first, _)| first).min().unwrap_or(0);
        let last = covered.map(|(_, last)| last).max().unwrap_or(-1);
        let mut daily = Daily {
            first,
            len: usize::try_from(last - first + 1).unwrap_or(0),
            reps: FxHashMap::default(),
        };
        daily.count_touches(follow_ups);
        daily.count_waiting(follow_ups, workable_days);
        daily
    }

    fn rep(&mut self, owner: &'a str) -> &mut RepDays {
        let len = self.len;
        self.reps.entry(owner).or_insert_with(|| RepDays {
            touches: vec![0; len],
            waiting: vec![0; len + 1],
        })
    }

    /// The index of `day` among the days covered, if covered.
    fn index(&self, day: i64) -> Option<usize> {
        usize::try_from(day - self.first)
            .ok()
            .filter(|&i| i < self.len)
    }

    fn count_touches(&mut self, follow_ups: &[FollowUp<'a>]) {
        for f in follow_ups.iter().filter(|f| handed_over(f)) {
            let (Some(owner), Some(touch)) = (f.owner, f.touch) else {
                continue;
            };
            if let Some(i) = self.index(i64::from(touch.day())) {
                self.rep(owner).touches[i] += 1;
            }
        }
    }

    /// Whole days after the ready day, up to the day before the touch (or
    /// the end of the workable age), as a difference array summed last.
    fn count_waiting(&mut self, follow_ups: &[FollowUp<'a>], workable_days: i64) {
        let last = self.first + self.len as i64 - 1;
        for f in follow_ups.iter().filter(|f| handed_over(f) && !f.untimed) {
            let Some(owner) = f.lead.owner.as_deref() else {
                continue;
            };
            let ready = i64::from(f.ready.day());
            let aged_out = ready.saturating_add(workable_days);
            let until = f
                .touch
                .map_or(aged_out, |t| (i64::from(t.day()) - 1).min(aged_out));
            let (from, until) = ((ready + 1).max(self.first), until.min(last));
            if from > until {
                continue;
            }
            let (from, until) = ((from - self.first) as usize, (until - self.first) as usize);
            let waiting = &mut self.rep(owner).waiting;
            waiting[from] += 1;
            waiting[until + 1] -= 1;
        }
        for rep in self.reps.values_mut() {
            for i in 1..rep.waiting.len() {
                rep.waiting[i] += rep.waiting[i - 1];
            }
        }
    }

    /// The first touches of supply leads per rep and week over the
    /// trailing four quarters ending with `window`'s period, with each
    /// week's load; by rep, then week.
    pub fn rep_weeks(&self, window: &Window) -> Vec<RepWeek> {
        let (first, last) = trailing_days(window);
        let mut reps: Vec<(&str, &RepDays)> = self.reps.iter().map(|(o, d)| (*o, d)).collect();
        reps.sort_unstable_by_key(|(owner, _)| *owner);
        let mut weeks = Vec::new();
        for (owner, days) in reps {
            let mut touched = (first..=last)
                .filter_map(|day| Some((day, days.touches[self.index(day)?])))
                .filter(|(_, n)| *n > 0)
                .peekable();
            while let Some((day, n)) = touched.next() {
                let monday = monday_of_day(day);
                let mut first_touches = n;
                while let Some((_, more)) = touched.next_if(|(d, _)| monday_of_day(*d) == monday) {
                    first_touches += more;
                }
                weeks.push(RepWeek {
                    owner: owner.to_string(),
                    week_start: date_of_day(monday),
                    first_touches,
                    loaded: self.loaded(days, (first, last), monday),
                });
            }
        }
        weeks
    }

    /// Whether a lead waited through each working day of the week, every
    /// one of them inside `window` (the trailing days).
    fn loaded(&self, days: &RepDays, window: (i64, i64), monday: i64) -> bool {
        (monday..monday + 5).all(|day| {
            (window.0..=window.1).contains(&day)
                && self.index(day).is_some_and(|i| days.waiting[i] > 0)
        })
    }
}

/// The first and last day ([`crate::model::Stamp::day`]) of the trailing four quarters
/// ending with `window`'s period (or its cut-off).
fn trailing_days(window: &Window) -> (i64, i64) {
    let last = day_of(window.period.end.min(window.as_of.date()));
    (last - (TRAILING_DAYS as i64 - 1), last)
}

/// The day of `date`, counted from 1970-01-01 as [`crate::model::Stamp::day`] counts.
fn day_of(date: NaiveDate) -> i64 {
    (date - DateTime::UNIX_EPOCH.date_naive()).num_days()
}

fn date_of_day(day: i64) -> NaiveDate {
    DateTime::UNIX_EPOCH.date_naive() + chrono::Duration::days(day)
}

/// The Monday on or before `day`; 1970-01-01, day 0, was a Thursday.
fn monday_of_day(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

/// Whether a lead takes a rep's follow-up time: every lead handed to
/// sales (MQLs, partners' and unknown sources' leads) but the reps' own
/// prospects, which they contact as they log them. Capacity, the queue
/// and the team's first touches count these leads, so one figure's
/// leads are the other's.
pub fn handed_over(f: &FollowUp) -> bool {
    f.function != Function::Sales
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
