//! Pipeline and sales: pipeline created and revenue won by sourcing
//! function, average deal, sales cycle, pipeline velocity, coverage of the
//! next period's target, touches per won deal and the lag from lead to
//! close.

use super::Figure;
use super::follow_up::Join;
use super::money::Revenue;
use super::stats::{median, per_unit, ratio, round_cents};
use super::window::Window;
use super::{Reason, Unavailable, note};
use crate::config::Settings;
use crate::model::{Activity, Deal, Function, Money, Outcome, Period, Stamp};

use serde::Serialize;
use std::collections::BTreeMap;

const SECONDS_PER_DAY: f64 = 86_400.0;

/// Pipeline figures of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Pipeline {
    /// Amounts of deals created in the period, by the deal's function.
    pub created_by_function: BTreeMap<&'static str, Money>,
    /// Amounts of deals won in the period, by the deal's function.
    pub won_by_function: BTreeMap<&'static str, Money>,
    /// Won amount / deals won in the period.
    pub average_won_deal: Option<f64>,
    /// Median days from creation to close of the deals won in the period.
    pub median_cycle_days: Option<f64>,
    /// Deals open at the period's end: created before it, not closed by it.
    pub open_deals: u64,
    pub open_amount: Money,
    /// open deals x win rate x average won deal / cycle days: expected won
    /// revenue per day from the open pipeline.
    pub velocity_per_day: Option<f64>,
    /// The next period's label.
    pub next_period: String,
    /// Open at the period's end with a close date in the next period.
    pub due_next_period: Money,
    /// `[targets] revenue_per_period`.
    pub next_period_target: Option<f64>,
    /// `due_next_period / next_period_target`.
    pub coverage: Option<f64>,
    /// The coverage the team's own win rate requires: 1 / win rate.
    pub required_coverage: Option<f64>,
    /// Activities on the won deals' leads up to the close, per won deal.
    pub touches_per_won_deal: Option<f64>,
    /// Median days from the (earliest) lead's creation to the won deal's close.
    pub lead_to_close_days: Option<f64>,
}

/// What pipeline figures need besides the deals.
pub struct Inputs<'a> {
    pub deals: &'a [Deal],
    /// The activity exports, folded.
    pub activity: &'a Activity,
    pub join: &'a Join<'a>,
    pub revenue: &'a Revenue,
    pub next: &'a Period,
    pub settings: &'a Settings,
}

/// Computes the pipeline figures of one period.
pub fn pipeline(input: &Inputs, window: &Window, unavailable: &mut Unavailable) -> Pipeline {
    let won_at: Vec<(usize, &Deal)> = input
        .deals
        .iter()
        .enumerate()
        .filter(|(_, d)| d.outcome == Outcome::Won && window.holds(d.closed_at))
        .collect();
    let won: Vec<&Deal> = won_at.iter().map(|&(_, deal)| deal).collect();
    let end = window.end();
    let open: Vec<&Deal> = input
        .deals
        .iter()
        .filter(|d| d.created_at < end && is_open_at(d, end))
        .collect();
    let won_amount: Money = won.iter().map(|d| d.amount).sum();
    let average_won_deal = per_unit(won_amount, won.len() as u64);
    let median_cycle_days = median(
        &mut won
            .iter()
            .filter_map(|d| days(d.created_at, d.closed_at?))
            .collect::<Vec<_>>(),
    );
    let due_next_period: Money = open
        .iter()
        .filter(|d| d.closed_at.is_some_and(|c| input.next.contains(c.date())))
        .map(|d| d.amount)
        .sum();
    let target = input.settings.targets.revenue_per_period;
    let velocity_per_day = match (input.revenue.win_rate, average_won_deal, median_cycle_days) {
        (Some(rate), Some(avg), Some(cycle)) => {
            ratio(open.len() as f64 * rate * avg, cycle).map(round_cents)
        }
        _ => None,
    };
    let p = Pipeline {
        created_by_function: by_function(
            input.deals.iter().filter(|d| window.contains(d.created_at)),
        ),
        won_by_function: by_function(won.iter().copied()),
        average_won_deal,
        median_cycle_days,
        open_deals: open.len() as u64,
        open_amount: open.iter().map(|d| d.amount).sum(),
        velocity_per_day,
        next_period: input.next.label.clone(),
        due_next_period,
        next_period_target: target,
        coverage: target.and_then(|t| ratio(due_next_period.as_f64(), t)),
        required_coverage: input.revenue.win_rate.and_then(|r| ratio(1.0, r)),
        touches_per_won_deal: touches_per_won(&won_at, input.activity, input.join),
        lead_to_close_days: lead_to_close(&won_at, input.join),
    };
    note_gaps(&p, input, &won, unavailable);
    p
}

/// Open at `end`: not closed before it (an open deal, or one closed later).
fn is_open_at(deal: &Deal, end: Stamp) -> bool {
    match deal.outcome {
        Outcome::Open => true,
        Outcome::Won | Outcome::Lost => deal.closed_at.is_some_and(|c| c >= end),
    }
}

fn days(from: Stamp, to: Stamp) -> Option<f64> {
    Some((to - from).num_seconds().max(0) as f64 / SECONDS_PER_DAY)
}

fn by_function<'a>(deals: impl Iterator<Item = &'a Deal>) -> BTreeMap<&'static str, Money> {
    let mut map: BTreeMap<&'static str, Money> = Function::ALL
        .iter()
        .map(|f| (f.as_str(), Money::ZERO))
        .collect();
    for deal in deals {
        *map.entry(deal.function.as_str()).or_default() += deal.amount;
    }
    map
}

/// Activities on the leads of won deals, up to each close, per won deal
/// that links to at least one known lead. `None` without activity exports.
fn touches_per_won(won: &[(usize, &Deal)], activity: &Activity, join: &Join) -> Option<f64> {
    if !join.has_activities {
        return None;
    }
    let mut deals = 0u64;
    let mut touches = 0u64;
    for &(index, deal) in won {
        if deal.closed_at.is_some() && join.first_lead_created[index].is_some() {
            deals += 1;
            touches += activity.of_won_deal(index);
        }
    }
    ratio(touches as f64, deals as f64)
}

/// Median days from the earliest linked lead's creation to the close.
fn lead_to_close(won: &[(usize, &Deal)], join: &Join) -> Option<f64> {
    let mut lags: Vec<f64> = won
        .iter()
        .filter_map(|&(index, deal)| days(join.first_lead_created[index]?, deal.closed_at?))
        .collect();
    median(&mut lags)
}

fn note_gaps(p: &Pipeline, input: &Inputs, won: &[&Deal], unavailable: &mut Unavailable) {
    if won.is_empty() {
        for key in [
            Figure::AverageWonDeal,
            Figure::MedianCycleDays,
            Figure::TouchesPerWonDeal,
            Figure::LeadToCloseDays,
        ] {
            note(unavailable, key, Reason::NoDealsWon);
        }
    } else {
        if p.touches_per_won_deal.is_none() {
            let reason = if input.join.has_activities {
                Reason::WonDealsUnlinked
            } else {
                Reason::NoActivityExportTouches
            };
            note(unavailable, Figure::TouchesPerWonDeal, reason);
        }
        if p.lead_to_close_days.is_none() {
            note(
                unavailable,
                Figure::LeadToCloseDays,
                Reason::WonDealsUnlinked,
            );
        }
    }
    if p.velocity_per_day.is_none() {
        note(unavailable, Figure::VelocityPerDay, Reason::VelocityInputs);
    }
    if p.next_period_target.is_none() {
        note(unavailable, Figure::Coverage, Reason::NoRevenueTarget);
    }
    if p.required_coverage.is_none() {
        let reason = match input.revenue.win_rate {
            None => Reason::NoDealsClosed,
            Some(_) => Reason::WinRateZero,
        };
        note(unavailable, Figure::RequiredCoverage, reason);
    }
}
