//! Why the figures `mod.rs` assembles itself are missing: the comparisons,
//! the win rate, the cohort conversions and speed to lead, each noted as a
//! [`Reason`] (the families note their own).

use super::reason::Entries;
use super::{
    Conversions, Figure, Funnel, Reason, Revenue, Review, Speed, Unavailable, conversion, note,
};
use crate::config::Settings;
use crate::model::Period;
use chrono::NaiveDate;

/// Which comparisons a review lacks, and the review before it with the
/// first review's start, if any: a gap of periods without data lies
/// between them when the one before is not the previous period.
pub(super) struct Gaps {
    pub(super) no_previous: bool,
    pub(super) no_year_ago: bool,
    pub(super) earlier: Option<(String, NaiveDate)>,
}

/// Notes why the previous period and the year-ago comparisons are missing.
pub(super) fn note_comparison_gaps(review: &mut Review, gaps: &Gaps, settings: &Settings) {
    let start = review.period.start;
    let earlier = |months: u32| {
        let day = start - chrono::Months::new(months);
        Period::containing(day, settings.period, settings.fiscal_year_start).label
    };
    let months = match settings.period {
        crate::model::PeriodKind::Quarter => 3,
        crate::model::PeriodKind::Month => 1,
        crate::model::PeriodKind::Half => 6,
    };
    if gaps.no_previous {
        let reason = match &gaps.earlier {
            Some((last, _)) => Reason::GapBefore {
                last: last.clone(),
                label: review.period.label.clone(),
            },
            None => Reason::NothingBefore {
                label: review.period.label.clone(),
                earlier: earlier(months),
            },
        };
        note(
            &mut review.unavailable,
            Figure::PreviousPeriod,
            reason.clone(),
        );
        note(&mut review.unavailable, Figure::MixShift, reason);
    }
    if gaps.no_year_ago {
        let year_start = start - chrono::Months::new(12);
        let reason = match &gaps.earlier {
            Some((_, first)) if *first <= year_start => Reason::YearAgoEmpty {
                earlier: earlier(12),
            },
            _ => Reason::YearAgoBeforeData {
                label: review.period.label.clone(),
                earlier: earlier(12),
            },
        };
        note(&mut review.unavailable, Figure::YearAgo, reason);
    }
}

/// Notes why the win rate, cohort conversions and speed figures are
/// missing.
pub(super) fn note_gaps(
    funnel: &Funnel,
    conversion: &Conversions,
    speed: &Speed,
    revenue: &Revenue,
    unavailable: &mut Unavailable,
) {
    note_speed_gaps(speed, unavailable);
    if revenue.win_rate.is_none() {
        note(unavailable, Figure::WinRate, Reason::NoDealsClosed);
    }
    let cohorts = [
        ("lead_to_mql", Entries::Leads),
        ("mql_to_sql", Entries::Mqls),
        ("sql_to_opportunity", Entries::Sqls),
        ("opportunity_to_won", Entries::Opportunities),
        ("mql_to_opportunity", Entries::Mqls),
        ("mql_to_won", Entries::Mqls),
    ];
    let steps = conversion::STEPS.iter().zip(conversion.steps());
    for ((step, (_, conv)), (_, entries)) in steps.zip(cohorts) {
        if conv.rate.is_none() {
            note(unavailable, step.figure, Reason::NoNew(entries));
        }
    }
    let _ = funnel;
}

/// Notes why the speed figures are missing.
fn note_speed_gaps(speed: &Speed, unavailable: &mut Unavailable) {
    let reason = if speed.leads == 0 {
        Reason::NoReadyLeads
    } else {
        Reason::NoLeadTouched
    };
    if speed.median_hours.is_none() {
        note(unavailable, Figure::MedianHours, reason.clone());
        note(unavailable, Figure::P90Hours, reason.clone());
    }
    if speed.within_sla.is_none() {
        let why = if speed.leads == 0 {
            reason
        } else {
            Reason::NoSlaWindowClosed
        };
        note(unavailable, Figure::WithinSla, why);
    }
}
