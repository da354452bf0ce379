//! Method: the definitions a review had to fall back on because of what
//! the exports hold, stated in words on the review's Method section and in
//! metrics.json, so nobody reads a fallback as the usual figure. Each
//! fallback is a [`Fallback`] here; render words it (render/reasons.rs).

use super::follow_up::Join;
use super::plan_weights::DefaultScaling;
use crate::model::{Outcome, ReadyBasis, Records};
use chrono::NaiveDate;
use serde::Serialize;

/// The definitions one set of exports called for, the same for every
/// review of a build, and those a review's own figures called for (the
/// plan's scaled default stage weights).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Method {
    /// `mql` or `created`: when a lead counts as ready for sales.
    pub ready_for_sales: ReadyBasis,
    /// Every fallback taken, in the order metrics.json lists them.
    #[serde(skip)]
    pub taken: Vec<Fallback>,
    /// Every fallback taken, one sentence each (filled by render from
    /// `taken`); empty when none was.
    pub fallbacks: Vec<String>,
}

/// A definition the exports made the review fall back on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fallback {
    /// No lead has an MQL date: every lead is ready when created.
    NoMqlDate,
    /// No activity export: first touches come from `leads` leads' own
    /// fields.
    OwnTouches { leads: u64 },
    /// `leads` leads were contacted at no known time.
    Untimed { leads: u64 },
    /// `rows` spend rows covered several days, up to `longest`, and were
    /// spread over them.
    SpreadSpend { rows: u64, longest: u64 },
    /// `deals` marketing-sourced deals open at the cut-off have neither a
    /// probability nor a stage with a known weight: the plan weighs them
    /// at the trailing win rate.
    OpenDealsAtWinRate { deals: u64 },
    /// Open marketing-sourced deals weighed by HubSpot's default stage
    /// probabilities, which were scaled to the trailing win rate.
    DefaultStageWeightsScaled(DefaultScaling),
}

/// The method the records and their join call for.
pub fn method(records: &Records, join: &Join) -> Method {
    let mut taken = Vec::new();
    if join.ready_basis == ReadyBasis::Created && !records.leads.is_empty() {
        taken.push(Fallback::NoMqlDate);
    }
    let own_touches = records
        .leads
        .iter()
        .filter(|l| l.first_touch_at.is_some())
        .count();
    if !join.has_activities && own_touches > 0 {
        taken.push(Fallback::OwnTouches {
            leads: own_touches as u64,
        });
    }
    let untimed = join.follow_ups.iter().filter(|f| f.untimed).count();
    if untimed > 0 {
        taken.push(Fallback::Untimed {
            leads: untimed as u64,
        });
    }
    if records.spread.rows > 0 {
        taken.push(Fallback::SpreadSpend {
            rows: records.spread.rows,
            longest: records.spread.longest,
        });
    }
    Method {
        ready_for_sales: join.ready_basis,
        taken,
        fallbacks: Vec::new(),
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
