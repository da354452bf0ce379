//! Funnel: how many leads reached each stage in the period, by event date.

use super::window::Window;
use crate::model::{Deal, Lead, Outcome};
use serde::Serialize;

/// Stage counts of one period. Each lead counts in the period its stage
/// date falls in; won and lost count deals by close date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Funnel {
    pub leads: u64,
    pub mqls: u64,
    pub sqls: u64,
    pub opportunities: u64,
    pub won: u64,
    pub lost: u64,
}

/// Counts the funnel stages of one period.
pub fn funnel(leads: &[Lead], deals: &[Deal], window: &Window) -> Funnel {
    let in_window =
        |at: Option<chrono::NaiveDateTime>| u64::from(at.is_some_and(|t| window.contains(t)));
    let mut funnel = Funnel::default();
    for lead in leads {
        funnel.leads += in_window(Some(lead.created_at));
        funnel.mqls += in_window(lead.mql_at);
        funnel.sqls += in_window(lead.sql_at);
        funnel.opportunities += in_window(lead.opportunity_at);
    }
    for deal in deals {
        let closed = in_window(deal.closed_at);
        match deal.outcome {
            Outcome::Won => funnel.won += closed,
            Outcome::Lost => funnel.lost += closed,
            Outcome::Open => {}
        }
    }
    funnel
}
