//! Speed to lead: how long leads ready for sales wait for their first touch.

use super::follow_up::FollowUp;
use super::stats::{quantile, ratio};
use super::window::Window;
use crate::config::Sla;
use chrono::Duration;
use serde::Serialize;

/// Follow-up figures for the leads that became ready for sales in a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Speed {
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
    /// Share of leads touched within the SLA, of those whose SLA window closed.
    pub within_sla: Option<f64>,
    /// Leads not touched within the drop window, where it has closed.
    pub dropped: u64,
    /// Leads not yet touched whose drop window is still open.
    pub waiting: u64,
    /// Leads ready for sales in the period (the population of these figures).
    pub leads: u64,
    /// Of those, touched at or after becoming ready.
    pub touched: u64,
}

/// Computes the follow-up figures of one period.
pub fn speed(follow_ups: &[FollowUp], window: &Window, sla: &Sla) -> Speed {
    let sla_window = Duration::seconds((sla.first_touch_hours * 3600.0).round() as i64);
    let drop_window = Duration::days(sla.drop_after_days);
    let mut hours = Vec::new();
    let (mut judged, mut within, mut result) = (0u64, 0u64, Speed::default());
    for lead in follow_ups.iter().filter(|f| window.contains(f.ready)) {
        let waited = lead.touch.map(|t| t - lead.ready);
        result.leads += 1;
        if let Some(w) = waited {
            result.touched += 1;
            hours.push(w.num_seconds() as f64 / 3600.0);
        }
        let on_time = waited.is_some_and(|w| w <= sla_window);
        if on_time || lead.ready + sla_window <= window.as_of {
            judged += 1;
            within += u64::from(on_time);
        }
        if waited.is_none_or(|w| w > drop_window) {
            if lead.ready + drop_window <= window.as_of {
                result.dropped += 1;
            } else if waited.is_none() {
                result.waiting += 1;
            }
        }
    }
    result.median_hours = quantile(&mut hours, 0.5);
    result.p90_hours = quantile(&mut hours, 0.9);
    result.within_sla = ratio(within as f64, judged as f64);
    result
}
