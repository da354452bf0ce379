//! Method: the definitions a review had to fall back on because of what
//! the exports hold, stated in words on the review's Method section and in
//! metrics.json, so nobody reads a fallback as the usual figure.

use super::follow_up::Join;
use crate::metrics::words::count;
use crate::model::{Outcome, ReadyBasis, Records};
use chrono::NaiveDate;
use serde::Serialize;

/// The definitions one set of exports called for; the same for every
/// review of a build.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Method {
    /// `mql` or `created`: when a lead counts as ready for sales.
    pub ready_for_sales: ReadyBasis,
    /// Every fallback taken, one sentence each; empty when none was.
    pub fallbacks: Vec<String>,
}

/// The method the records and their join call for.
pub fn method(records: &Records, join: &Join) -> Method {
    let mut fallbacks = Vec::new();
    if join.ready_basis == ReadyBasis::Created && !records.leads.is_empty() {
        fallbacks.push(
            "No lead in the exports has an MQL date (the CRM skips that stage or has none), so every lead counts as ready for sales when it was created, and every new lead as marketing's supply: follow-up, weekly flow, supply and the tilt all use this definition.".to_string(),
        );
    }
    let own_touches = records
        .leads
        .iter()
        .filter(|l| l.first_touch_at.is_some())
        .count();
    if !join.has_activities && own_touches > 0 {
        fallbacks.push(format!(
            "No activity export was read: first touches come from the leads' own fields (HubSpot First outreach date and Date of first engagement of a sales type, Salesforce first-call or first-email dates), {} lead(s) in all; capacity is measured from them.",
            count(own_touches as u64)
        ));
    }
    let untimed = join.follow_ups.iter().filter(|f| f.untimed).count();
    if untimed > 0 {
        fallbacks.push(format!(
            "{} lead(s) were contacted by the CRM's own count or last-contacted date but carry no first-touch time: they are shown as \"touched, time unknown\", never counted as dropped or waiting, and left out of the hours to first touch.",
            count(untimed as u64)
        ));
    }
    if records.spread.rows > 0 {
        fallbacks.push(format!(
            "{} ad spend row(s) covered several days (a Google Ads report without the Day segment, a Meta or LinkedIn row without a daily breakdown): each was spread evenly over its days, up to {} days, and split between periods by days.",
            count(records.spread.rows),
            count(records.spread.longest)
        ));
    }
    Method {
        ready_for_sales: join.ready_basis,
        fallbacks,
    }
}

/// Deals the reviews cannot place in time as their dates say, counted
/// so that none vanishes without a word (shown on the Data section).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct DealChecks {
    /// Deals neither created nor closed (won or lost) in any reviewed
    /// period: created after the cut-off, or closed before the first
    /// review with no creation in one.
    pub outside_periods: u64,
    /// Won or lost deals whose close date is before their created date.
    pub closed_before_created: u64,
}

impl DealChecks {
    /// Counts the deals of `records` against the reviewed `periods`
    /// (first and last day, in order).
    pub fn of(records: &Records, periods: &[(NaiveDate, NaiveDate)]) -> DealChecks {
        let reviewed = |day: NaiveDate| periods.iter().any(|(a, b)| *a <= day && day <= *b);
        let mut checks = DealChecks::default();
        for deal in &records.deals {
            let closed = deal.closed_at.filter(|_| deal.outcome != Outcome::Open);
            let placed =
                reviewed(deal.created_at.date()) || closed.is_some_and(|c| reviewed(c.date()));
            checks.outside_periods += u64::from(!placed);
            checks.closed_before_created += u64::from(closed.is_some_and(|c| c < deal.created_at));
        }
        checks
    }
}
