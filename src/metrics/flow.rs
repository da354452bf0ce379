//! Flow: weekly supply of new MQLs against the MQLs sales first touched,
//! and the backlog of untouched MQLs left at each week's end.

use super::follow_up::FollowUp;
use super::window::Window;
use crate::config::Sla;
use chrono::{Days, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

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
}

/// Computes the weeks of one period.
pub fn weekly_flow(follow_ups: &[FollowUp], window: &Window, sla: &Sla) -> Vec<Week> {
    let mqls: Vec<&FollowUp> = follow_ups.iter().filter(|f| f.mql).collect();
    window
        .weeks()
        .into_iter()
        .map(|monday| week(&mqls, window.as_of, monday, sla))
        .collect()
}

fn week(mqls: &[&FollowUp], as_of: NaiveDateTime, monday: NaiveDate, sla: &Sla) -> Week {
    let start = monday.and_time(NaiveTime::MIN);
    let end = (monday + Days::new(7))
        .and_time(NaiveTime::MIN)
        .min(as_of + Duration::seconds(1));
    let in_week = |t: NaiveDateTime| start <= t && t < end;
    let drop_window = Duration::days(sla.drop_after_days);
    let mut result = Week {
        week_start: monday,
        supply: 0,
        absorption: 0,
        backlog: 0,
    };
    for lead in mqls {
        result.supply += u64::from(in_week(lead.ready));
        result.absorption += u64::from(lead.touch.is_some_and(in_week));
        let untouched_at_end = lead.touch.is_none_or(|t| t >= end);
        let young = lead.ready < end && lead.ready + drop_window >= end;
        result.backlog += u64::from(untouched_at_end && young);
    }
    result
}
