//! Plan for the next period: the MQLs marketing must deliver to reach the
//! revenue target at the conversion and deal size the team has shown, set
//! against the follow-up capacity sales has shown. Marketing is asked for
//! its share of the revenue only: sales- and partner-sourced deals bring
//! the rest, at the share they brought over the trailing four quarters.

use super::Figure;
use super::balance::Balance;
use super::follow_up::Stages;
use super::stats::{per_unit, ratio, share};
use super::window::Window;
use super::{Reason, Unavailable, note};
use crate::config::Settings;
use crate::model::{Deal, Function, Lead, Money, Outcome, Period, Stamp};
use chrono::{Days, Duration};
use serde::Serialize;

/// The trailing window for conversion and deal size: four quarters.
const TRAILING_DAYS: u64 = 364;

/// The next period's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Plan {
    /// The period planned for.
    pub period: String,
    /// `[targets] revenue_per_period`.
    pub revenue_target: Option<f64>,
    /// Marketing-sourced share of the won amount, trailing four quarters.
    pub marketing_won_share: Option<f64>,
    /// `revenue_target x marketing_won_share`: what MQLs must bring.
    pub revenue_from_mqls: Option<f64>,
    /// Won amount / deals won, of marketing-sourced deals won in the
    /// trailing four quarters.
    pub average_won_deal: Option<f64>,
    pub won_deals: u64,
    /// Of the mature MQLs of the trailing four quarters (older than the
    /// 90th-percentile MQL-to-won lag at the cut-off), the share won.
    pub mql_to_won: Option<f64>,
    pub mature_mqls: u64,
    /// revenue_from_mqls / (average won deal x MQL-to-won), rounded up.
    pub mqls_needed: Option<u64>,
    /// `mqls_needed` / weeks in the next period.
    pub mqls_needed_per_week: Option<f64>,
    /// The capacity sales showed this period (see `balance`).
    pub capacity_per_week: Option<f64>,
    /// `mqls_needed_per_week / capacity_per_week`: above 1, the plan asks
    /// for more than sales has shown it can follow up.
    pub load: Option<f64>,
    /// Reps needed at the demonstrated per-rep throughput, rounded up.
    pub reps_needed: Option<u64>,
    /// Reps active this period.
    pub active_reps: u64,
    /// The previous review's plan for this period against what happened;
    /// `None` without a previous review with a plan.
    pub check: Option<PlanCheck>,
}

/// Last review's plan for this period against this period's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanCheck {
    /// The review that made the plan.
    pub planned_in: String,
    pub planned_per_week: f64,
    /// Supply per week this period (`balance.supply_per_week`).
    pub delivered_per_week: Option<f64>,
    pub planned_reps: Option<u64>,
    /// `balance.active_reps` this period.
    pub active_reps: u64,
    /// `revenue.won_amount` this period against the plan's target.
    pub revenue_target: Option<f64>,
    pub won_amount: f64,
}

/// Sets `review`'s plan check from the previous review's plan (made for
/// this period).
pub fn check(review: &mut super::Review, previous: &super::Review) {
    let before = &previous.plan;
    let Some(planned_per_week) = before.mqls_needed_per_week else {
        return;
    };
    if before.period != review.period.label {
        return;
    }
    review.plan.check = Some(PlanCheck {
        planned_in: previous.period.label.clone(),
        planned_per_week,
        delivered_per_week: review.balance.supply_per_week,
        planned_reps: before.reps_needed,
        active_reps: review.balance.active_reps,
        revenue_target: before.revenue_target,
        won_amount: review.revenue.won_amount.as_f64(),
    });
}

/// What the plan is computed from.
pub struct Inputs<'a> {
    pub leads: &'a [Lead],
    pub stages: &'a [Stages],
    pub deals: &'a [Deal],
    /// 90th-percentile MQL-to-won lag in days.
    pub mql_to_won_lag: Option<f64>,
    pub balance: &'a Balance,
    pub next: &'a Period,
    pub settings: &'a Settings,
}

/// Plans the period after `window`.
pub fn plan(input: &Inputs, window: &Window, unavailable: &mut Unavailable) -> Plan {
    let end = window.end();
    let start = Stamp::clamped(
        (window.period.end.min(window.as_of.date()) - Days::new(TRAILING_DAYS - 1))
            .and_time(chrono::NaiveTime::MIN),
    );
    let in_trailing = |t: Stamp| start <= t && t < end;
    let won: Vec<&Deal> = input
        .deals
        .iter()
        .filter(|d| d.outcome == Outcome::Won && d.closed_at.is_some_and(in_trailing))
        .collect();
    let marketing: Vec<&Deal> = won
        .iter()
        .copied()
        .filter(|d| d.function == Function::Marketing)
        .collect();
    let sum = |deals: &[&Deal]| deals.iter().map(|d| d.amount).sum::<Money>();
    let marketing_won_share = ratio(sum(&marketing).as_f64(), sum(&won).as_f64());
    let average_won_deal = per_unit(sum(&marketing), marketing.len() as u64);
    let (mature, converted) = mature_mqls(input, window, start, end);
    let mql_to_won = share(converted, mature).filter(|r| *r > 0.0);
    let target = input.settings.targets.revenue_per_period;
    let revenue_from_mqls = target.zip(marketing_won_share).map(|(t, s)| t * s);
    let mqls_needed = match (revenue_from_mqls, average_won_deal, mql_to_won) {
        (Some(t), Some(avg), Some(rate)) => ratio(t, avg * rate).map(|n| n.ceil() as u64),
        _ => None,
    };
    let weeks = input.next.days() as f64 / 7.0;
    let per_week = mqls_needed.and_then(|n| ratio(n as f64, weeks));
    let capacity = input.balance.capacity_per_week;
    let plan = Plan {
        period: input.next.label.clone(),
        revenue_target: target,
        marketing_won_share,
        revenue_from_mqls,
        average_won_deal,
        won_deals: marketing.len() as u64,
        mql_to_won,
        mature_mqls: mature,
        mqls_needed,
        mqls_needed_per_week: per_week,
        capacity_per_week: capacity,
        load: per_week.zip(capacity).and_then(|(n, c)| ratio(n, c)),
        reps_needed: per_week
            .zip(input.balance.per_rep_week)
            .and_then(|(n, p)| ratio(n, p))
            .map(|r| r.ceil() as u64),
        active_reps: input.balance.active_reps,
        check: None,
    };
    note_gaps(&plan, unavailable);
    plan
}

/// MQLs of the trailing window old enough to have been won, and how many
/// were.
fn mature_mqls(input: &Inputs, window: &Window, start: Stamp, end: Stamp) -> (u64, u64) {
    let Some(lag) = input.mql_to_won_lag else {
        return (0, 0);
    };
    let mature_before = window.cut_off - Duration::seconds((lag * 86_400.0).round() as i64);
    let (mut mature, mut converted) = (0, 0);
    for (lead, stages) in input.leads.iter().zip(input.stages) {
        let Some(mql) = lead.mql_at else { continue };
        if start <= mql && mql < end && mql <= mature_before {
            mature += 1;
            converted += u64::from(stages.won.is_some());
        }
    }
    (mature, converted)
}

fn note_gaps(plan: &Plan, unavailable: &mut Unavailable) {
    if plan.revenue_target.is_none() {
        note(unavailable, Figure::MqlsNeeded, Reason::NoRevenueTarget);
    } else if plan.average_won_deal.is_none() {
        note(
            unavailable,
            Figure::MqlsNeeded,
            Reason::NoMarketingWinTrailing,
        );
    } else if plan.mql_to_won.is_none() {
        note(unavailable, Figure::MqlsNeeded, Reason::NoMatureMqlWon);
    }
    if plan.mqls_needed.is_some() && plan.load.is_none() {
        note(unavailable, Figure::PlanLoad, Reason::NoCapacityMeasured);
    }
}
