//! Speed to lead: how long new leads wait for their first sales touch.

use super::stats::{quantile, ratio};
use super::window::Window;
use crate::config::Sla;
use crate::model::Lead;
use chrono::{Duration, NaiveDateTime};
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

/// When a lead became ready for sales: its MQL date, or its creation where
/// it never was an MQL (sales- and partner-sourced leads).
pub fn ready_at(lead: &Lead) -> NaiveDateTime {
    lead.mql_at.unwrap_or(lead.created_at)
}

/// The first touch at or after `ready_at`, known by the cut-off.
pub fn first_touch_after(lead: &Lead, as_of: NaiveDateTime) -> Option<NaiveDateTime> {
    lead.first_touch_at
        .filter(|t| *t >= ready_at(lead) && *t <= as_of)
}

/// Computes the follow-up figures of one period.
pub fn speed(leads: &[Lead], window: &Window, sla: &Sla) -> Speed {
    let sla_window = Duration::seconds((sla.first_touch_hours * 3600.0).round() as i64);
    let drop_window = Duration::days(sla.drop_after_days);
    let mut hours = Vec::new();
    let (mut judged, mut within, mut result) = (0u64, 0u64, Speed::default());
    for lead in leads.iter().filter(|l| window.contains(ready_at(l))) {
        let ready = ready_at(lead);
        let touch = first_touch_after(lead, window.as_of);
        result.leads += 1;
        if let Some(t) = touch {
            result.touched += 1;
            hours.push((t - ready).num_seconds() as f64 / 3600.0);
        }
        let on_time = touch.is_some_and(|t| t - ready <= sla_window);
        if on_time || ready + sla_window <= window.as_of {
            judged += 1;
            within += u64::from(on_time);
        }
        let touched_in_drop_window = touch.is_some_and(|t| t - ready <= drop_window);
        if !touched_in_drop_window {
            if ready + drop_window <= window.as_of {
                result.dropped += 1;
            } else if touch.is_none() {
                result.waiting += 1;
            }
        }
    }
    result.median_hours = quantile(&mut hours, 0.5);
    result.p90_hours = quantile(&mut hours, 0.9);
    result.within_sla = ratio(within as f64, judged as f64);
    result
}
