//! The time frame one review is computed over.

use crate::model::Period;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};

/// A review period seen from the data cut-off.
#[derive(Debug, Clone)]
pub struct Window {
    pub period: Period,
    pub as_of: NaiveDateTime,
}

impl Window {
    /// Whether a moment falls in the period (and not after the cut-off).
    pub fn contains(&self, at: NaiveDateTime) -> bool {
        self.period.contains(at.date()) && at <= self.as_of
    }

    /// Whether a day falls in the period (and not after the cut-off).
    pub fn contains_day(&self, day: NaiveDate) -> bool {
        self.period.contains(day) && day <= self.as_of.date()
    }

    /// Whether the period ended by the cut-off.
    pub fn complete(&self) -> bool {
        self.as_of.date() >= self.period.end
    }

    /// Days of the period observed by the cut-off (at least one).
    pub fn observed_days(&self) -> i64 {
        let last = self.period.end.min(self.as_of.date());
        ((last - self.period.start).num_days() + 1).max(1)
    }

    /// ISO weeks (Monday to Sunday) that belong to the period: those whose
    /// Thursday falls in it, the ISO rule for weeks that straddle a boundary.
    pub fn weeks(&self) -> Vec<NaiveDate> {
        let mut monday = self.period.start
            - Days::new(u64::from(
                self.period.start.weekday().num_days_from_monday(),
            ));
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
