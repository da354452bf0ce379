//! Which leads and follow-ups each review reads, worked out once for all
//! periods: one pass over the leads and one over the follow-ups route
//! each to the reviews it can count in. A review's figures then visit
//! only those, not every lead of the data once per figure family.
//!
//! The routing is a superset: a family still applies its own test to
//! every item it visits, so its figures are the same as over all items.
//! Items keep their list order (lead order), so every figure is
//! accumulated in the same order as before.

use super::flow::WORKING_DAYS;
use super::follow_up::FollowUp;
use super::window::Window;
use crate::model::{Lead, Stamp};
use chrono::{Days, Duration, NaiveTime};

/// Per review (in window order), the positions of the leads and of the
/// follow-ups it reads.
pub struct Reach {
    leads: Vec<Vec<u32>>,
    follow_ups: Vec<Vec<u32>>,
}

/// Some items of a list, in list order: those one review reads.
pub struct Picked<'s, T> {
    all: &'s [T],
    positions: &'s [u32],
}

// Two references: copied whatever `T` is (a derive would ask `T: Copy`).
impl<T> Clone for Picked<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Picked<'_, T> {}

impl<'s, T> Picked<'s, T> {
    /// Each picked item with its position in the whole list.
    pub fn indexed(self) -> impl Iterator<Item = (usize, &'s T)> {
        let all = self.all;
        self.positions
            .iter()
            .map(move |&i| (i as usize, &all[i as usize]))
    }
}

impl<'s, T> IntoIterator for Picked<'s, T> {
    type Item = &'s T;
    type IntoIter = std::iter::Map<
        std::iter::Zip<std::iter::Repeat<&'s [T]>, std::slice::Iter<'s, u32>>,
        fn((&'s [T], &u32)) -> &'s T,
    >;

    fn into_iter(self) -> Self::IntoIter {
        std::iter::repeat(self.all)
            .zip(self.positions.iter())
            .map(|(all, &i)| &all[i as usize])
    }
}

impl Reach {
    /// Routes every lead and follow-up to the windows it can count in,
    /// the two lists on both cores.
    pub fn of(leads: &[Lead], follow_ups: &[FollowUp], windows: &[Window]) -> Reach {
        let (leads, follow_ups) = rayon::join(
            || route(leads, windows, lead_in),
            || {
                let spans: Vec<Span> = windows.iter().map(Span::of).collect();
                route(follow_ups, &spans, |f, span| span.holds(f))
            },
        );
        Reach { leads, follow_ups }
    }

    /// The leads the `i`-th window reads: those with a stage date
    /// (created, MQL, SQL, opportunity) in it.
    pub fn leads<'s>(&'s self, i: usize, all: &'s [Lead]) -> Picked<'s, Lead> {
        Picked {
            all,
            positions: &self.leads[i],
        }
    }

    /// The follow-ups the `i`-th window reads (see [`Span`]).
    pub fn follow_ups<'s, 'a>(
        &'s self,
        i: usize,
        all: &'s [FollowUp<'a>],
    ) -> Picked<'s, FollowUp<'a>> {
        Picked {
            all,
            positions: &self.follow_ups[i],
        }
    }
}

/// The positions of the items `belongs` puts in each window.
fn route<T, W>(items: &[T], windows: &[W], belongs: impl Fn(&T, &W) -> bool) -> Vec<Vec<u32>> {
    let mut routed = vec![Vec::new(); windows.len()];
    for (i, item) in items.iter().enumerate() {
        for (positions, window) in routed.iter_mut().zip(windows) {
            if belongs(item, window) {
                positions.push(i as u32);
            }
        }
    }
    routed
}

/// Whether one of the lead's stage dates falls in the window: funnel,
/// segments, conversion cohorts and duplicates count no other lead.
fn lead_in(lead: &Lead, window: &Window) -> bool {
    window.contains(lead.created_at)
        || window.holds(lead.mql_at)
        || window.holds(lead.sql_at)
        || window.holds(lead.opportunity_at)
}

/// The time a review's follow-up figures look at: the period with the
/// whole of its ISO weeks (weekly flow), and the last [`WORKING_DAYS`]
/// before its end (leads being worked). A follow-up counts in one of
/// those figures only if it became ready before the span ends and was
/// still waiting for its first touch when the span began; a lead never
/// touched waits in every later review's queue.
struct Span {
    from: Stamp,
    to: Stamp,
}

impl Span {
    fn of(window: &Window) -> Span {
        let day_start = |day: chrono::NaiveDate| Stamp::clamped(day.and_time(NaiveTime::MIN));
        let weeks = window.weeks();
        let first_monday = weeks.first().map(|m| day_start(*m));
        let last_week_end = weeks
            .last()
            .map(|m| day_start(*m + Days::new(7)).min(window.cut_off + Duration::seconds(1)));
        let start = day_start(window.period.start);
        let working_since = window.end() - Duration::days(WORKING_DAYS);
        Span {
            from: start.min(working_since).min(first_monday.unwrap_or(start)),
            to: window.end().max(last_week_end.unwrap_or(window.end())),
        }
    }

    fn holds(&self, f: &FollowUp) -> bool {
        f.ready < self.to && f.touch.is_none_or(|t| t >= self.from)
    }
}
