//! The time frame one review is computed over.

use crate::model::{Period, Stamp};
use chrono::{Datelike, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// A review period seen from the data cut-off.
#[derive(Debug, Clone)]
pub struct Window {
    pub period: Period,
    pub as_of: NaiveDateTime,
    /// The cut-off as records keep moments.
    pub cut_off: Stamp,
    /// The period's first moment.
    start: Stamp,
    /// See [`Window::end`].
    end: Stamp,
}

impl Window {
    pub fn new(period: Period, as_of: NaiveDateTime) -> Window {
        let after_period = (period.end + Days::new(1)).and_time(NaiveTime::MIN);
        let end = after_period.min(as_of + Duration::seconds(1));
        Window {
            start: Stamp::clamped(period.start.and_time(NaiveTime::MIN)),
            end: Stamp::clamped(end),
            cut_off: Stamp::clamped(as_of),
            period,
            as_of,
        }
    }

    /// Whether a moment falls in the period (and not after the cut-off).
    pub fn contains(&self, at: Stamp) -> bool {
        self.start <= at && at < self.end
    }

    /// Whether an optional moment falls in the period.
    pub fn holds(&self, at: Option<Stamp>) -> bool {
        at.is_some_and(|t| self.contains(t))
    }

    /// Whether a day falls in the period (and not after the cut-off).
    pub fn contains_day(&self, day: NaiveDate) -> bool {
        self.period.contains(day) && day <= self.as_of.date()
    }

    /// Whether the period ended by the cut-off.
    pub fn complete(&self) -> bool {
        self.as_of.date() >= self.period.end
    }

    /// The moment the window closes, exclusive: the start of the day after
    /// the period, or just after the cut-off when that comes first.
    pub fn end(&self) -> Stamp {
        self.end
    }

    /// Days of the period observed by the cut-off (at least one).
    pub fn observed_days(&self) -> i64 {
        let last = self.period.end.min(self.as_of.date());
        ((last - self.period.start).num_days() + 1).max(1)
    }

    /// Weeks of the period observed by the cut-off: observed days / 7.
    pub fn observed_weeks(&self) -> f64 {
        self.observed_days() as f64 / 7.0
    }

    /// ISO weeks (Monday to Sunday) that belong to the period: those whose
    /// Thursday falls in it, the ISO rule for weeks that straddle a boundary.
    pub fn weeks(&self) -> Vec<NaiveDate> {
        let mut monday = monday_of(self.period.start);
        let mut weeks = Vec::new();
        while monday <= self.period.end {
            let thursday = monday + Days::new(3);
            if self.period.contains(thursday) && monday <= self.as_of.date() {
                weeks.push(monday);
            }
            monday = monday + Days::new(7);
        }
        weeks
    }
}

/// The Monday that starts the ISO week of `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}
