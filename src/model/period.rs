//! Review periods: quarters, months or halves of a fiscal year.

use chrono::{Datelike, Months, NaiveDate};
use serde::Deserialize;

/// How long one review period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    #[default]
    Quarter,
    Month,
    Half,
}

impl PeriodKind {
    fn months(self) -> u32 {
        match self {
            PeriodKind::Quarter => 3,
            PeriodKind::Month => 1,
            PeriodKind::Half => 6,
        }
    }
}

/// One review period, first and last day inclusive.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// What people read: `2026-Q3`, `FY2027-Q1`, `2026-03`, `2026-H2`.
    pub label: String,
    /// The folder name: `2026-q3`.
    pub slug: String,
}

impl Period {
    /// The period of `kind` that contains `day`, for a fiscal year starting in
    /// `fiscal_year_start` (1 = January: calendar years).
    ///
    /// A fiscal year is named after the calendar year it ends in, the common
    /// US convention: with an April start, April 2026 opens FY2027.
    pub fn containing(day: NaiveDate, kind: PeriodKind, fiscal_year_start: u32) -> Period {
        let months_into_fy = (day.month() + 12 - fiscal_year_start) % 12;
        let index = months_into_fy / kind.months();
        let fy_start_year = if day.month() >= fiscal_year_start {
            day.year()
        } else {
            day.year() - 1
        };
        let fy_start = first_of_month(fy_start_year, fiscal_year_start);
        let start = fy_start + Months::new(index * kind.months());
        let end = start + Months::new(kind.months()) - chrono::Days::new(1);
        let fiscal_year = if fiscal_year_start == 1 {
            fy_start_year
        } else {
            fy_start_year + 1
        };
        let (label, slug) = names(kind, fiscal_year_start, fiscal_year, index, start);
        Period {
            start,
            end,
            label,
            slug,
        }
    }

    /// The period right after this one.
    pub fn next(&self, kind: PeriodKind, fiscal_year_start: u32) -> Period {
        Period::containing(self.end + chrono::Days::new(1), kind, fiscal_year_start)
    }

    /// The period right before this one.
    pub fn previous(&self, kind: PeriodKind, fiscal_year_start: u32) -> Period {
        Period::containing(self.start - chrono::Days::new(1), kind, fiscal_year_start)
    }

    /// Whether `day` falls in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// Length in days.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

fn first_of_month(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).expect("month is validated to 1..=12")
}

fn names(
    kind: PeriodKind,
    fiscal_year_start: u32,
    fiscal_year: i32,
    index: u32,
    start: NaiveDate,
) -> (String, String) {
    let prefix = if fiscal_year_start == 1 { "" } else { "FY" };
    let label = match kind {
        PeriodKind::Quarter => format!("{prefix}{fiscal_year}-Q{}", index + 1),
        PeriodKind::Half => format!("{prefix}{fiscal_year}-H{}", index + 1),
        // Months keep calendar names whatever the fiscal year: people say "March".
        PeriodKind::Month => format!("{}-{:02}", start.year(), start.month()),
    };
    let slug = label.to_lowercase();
    (label, slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn calendar_quarter() {
        let p = Period::containing(day(2026, 8, 15), PeriodKind::Quarter, 1);
        assert_eq!(p.label, "2026-Q3");
        assert_eq!(p.slug, "2026-q3");
        assert_eq!((p.start, p.end), (day(2026, 7, 1), day(2026, 9, 30)));
        assert_eq!(p.days(), 92);
        assert_eq!(p.next(PeriodKind::Quarter, 1).label, "2026-Q4");
        assert_eq!(p.previous(PeriodKind::Quarter, 1).label, "2026-Q2");
    }

    #[test]
    fn fiscal_year_starting_in_april() {
        let p = Period::containing(day(2026, 4, 1), PeriodKind::Quarter, 4);
        assert_eq!(p.label, "FY2027-Q1");
        assert_eq!((p.start, p.end), (day(2026, 4, 1), day(2026, 6, 30)));
        let q4 = Period::containing(day(2027, 2, 10), PeriodKind::Quarter, 4);
        assert_eq!(q4.label, "FY2027-Q4");
        assert_eq!((q4.start, q4.end), (day(2027, 1, 1), day(2027, 3, 31)));
    }

    #[test]
    fn halves_and_months() {
        let h = Period::containing(day(2026, 10, 3), PeriodKind::Half, 1);
        assert_eq!(
            (h.label.as_str(), h.start, h.end),
            ("2026-H2", day(2026, 7, 1), day(2026, 12, 31))
        );
        let m = Period::containing(day(2026, 2, 28), PeriodKind::Month, 1);
        assert_eq!((m.label.as_str(), m.end), ("2026-02", day(2026, 2, 28)));
    }
}
