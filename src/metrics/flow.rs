//! Flow: weekly supply of new MQLs against the leads sales first touched,
//! and the backlog of untouched leads left at each week's end.

use super::speed::{first_touch_after, ready_at};
use super::window::Window;
use crate::config::Sla;
use crate::model::Lead;
use chrono::{Days, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

/// One ISO week of lead flow.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    /// The Monday that starts the week.
    pub week_start: NaiveDate,
    /// New MQLs in the week.
    pub supply: u64,
    /// Leads first touched in the week.
    pub absorption: u64,
    /// MQLs untouched at the week's end and younger than the drop window.
    pub backlog: u64,
}

/// Computes the weeks of one period.
pub fn weekly_flow(leads: &[Lead], window: &Window, sla: &Sla) -> Vec<Week> {
    window
        .weeks()
        .into_iter()
        .map(|monday| week(leads, window.as_of, monday, sla))
        .collect()
}

fn week(leads: &[Lead], as_of: NaiveDateTime, monday: NaiveDate, sla: &Sla) -> Week {
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
    for lead in leads {
        let touch = first_touch_after(lead, as_of);
        result.supply += u64::from(lead.mql_at.is_some_and(in_week));
        result.absorption += u64::from(touch.is_some_and(in_week));
        let ready = ready_at(lead);
        let untouched_at_end = touch.is_none_or(|t| t >= end);
        let young = ready < end && ready + drop_window >= end;
        result.backlog += u64::from(lead.mql_at.is_some() && untouched_at_end && young);
    }
    result
}
