//! Method: the definitions a review had to fall back on because of what
//! the exports hold, stated in words on the review's Method section and in
//! metrics.json, so nobody reads a fallback as the usual figure.

use super::follow_up::Join;
use crate::metrics::words::count;
use crate::model::{ReadyBasis, Records};
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
    Method {
        ready_for_sales: join.ready_basis,
        fallbacks,
    }
}
