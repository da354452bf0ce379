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

    /// The follow-ups the `i`-th window reads: those ready before the
    /// end of its span (the period with the whole of its ISO weeks) and
    /// not touched before the span's start (or the last 14 days before
    /// the period's end, if earlier).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::follow_up;
    use crate::model::{Function, Period, PeriodKind, Records};
    use chrono::{NaiveDate, NaiveDateTime};

    fn at(text: &str) -> Stamp {
        Stamp::new(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()).unwrap()
    }

    /// A lead created at `created`, ready (MQL) at `ready`, first touched
    /// at `touch`.
    fn lead(id: &str, created: &str, ready: Option<&str>, touch: Option<&str>) -> Lead {
        let mut lead = Lead::new(id, at(created), "Paid Search".into(), Function::Marketing);
        lead.mql_at = ready.map(at);
        lead.ready_at = ready.map(at);
        lead.first_touch_at = touch.map(at);
        lead
    }

    /// The quarters of 2026 up to Q3, seen on 30 September.
    fn quarters() -> Vec<Window> {
        let as_of = at("2026-09-30 23:00").at();
        [1, 4, 7]
            .into_iter()
            .map(|month| {
                let day = NaiveDate::from_ymd_opt(2026, month, 1).unwrap();
                Window::new(Period::containing(day, PeriodKind::Quarter, 1), as_of)
            })
            .collect()
    }

    fn positions<T>(picked: Picked<T>) -> Vec<usize> {
        picked.indexed().map(|(i, _)| i).collect()
    }

    #[test]
    fn a_lead_reaches_the_quarters_of_its_stage_dates_only() {
        let leads = vec![
            lead("q1 only", "2026-02-10 09:00", None, None),
            lead(
                "q2 then q3",
                "2026-05-04 09:00",
                Some("2026-08-03 10:00"),
                None,
            ),
            lead("q3", "2026-07-15 09:00", Some("2026-07-15 09:00"), None),
        ];
        let reach = Reach::of(&leads, &[], &quarters());
        assert_eq!(positions(reach.leads(0, &leads)), [0]);
        assert_eq!(positions(reach.leads(1, &leads)), [1]);
        assert_eq!(positions(reach.leads(2, &leads)), [1, 2]);
    }

    #[test]
    fn a_follow_up_reaches_every_quarter_it_waits_in() {
        let records = Records {
            leads: vec![
                // Touched the same day: the second quarter only.
                lead(
                    "quick",
                    "2026-05-04 09:00",
                    Some("2026-05-04 09:00"),
                    Some("2026-05-04 11:00"),
                ),
                // Never touched: waits in the queue of every later quarter.
                lead("never", "2026-05-04 09:00", Some("2026-05-04 09:00"), None),
                // Touched on Thursday 2 July: absorbed in Q3's first week.
                lead(
                    "late",
                    "2026-06-29 09:00",
                    Some("2026-06-29 09:00"),
                    Some("2026-07-02 09:00"),
                ),
                // Touched on Monday 22 June: within Q2's last 14 days.
                lead(
                    "june",
                    "2026-06-01 09:00",
                    Some("2026-06-01 09:00"),
                    Some("2026-06-22 09:00"),
                ),
            ],
            ..Records::default()
        };
        let windows = quarters();
        let join = follow_up::join(&records, at("2026-09-30 23:00").at());
        assert_eq!(join.follow_ups.len(), 4);
        let reach = Reach::of(&records.leads, &join.follow_ups, &windows);
        assert!(positions(reach.follow_ups(0, &join.follow_ups)).is_empty());
        assert_eq!(
            positions(reach.follow_ups(1, &join.follow_ups)),
            [0, 1, 2, 3]
        );
        assert_eq!(positions(reach.follow_ups(2, &join.follow_ups)), [1, 2]);
    }
}
