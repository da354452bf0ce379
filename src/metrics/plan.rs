//! Plan for the next period: the one weekly MQL target that brings
//! marketing's share of the revenue target at the conversion by days
//! since MQL (up to the observed lag) and the deal size the team has
//! shown, set against the follow-up capacity sales has shown; with its
//! range over the recent periods' own conversion and the next period
//! projected at that rate (`plan_outlook`). Marketing is asked for its
//! share of the revenue only: sales- and partner-sourced deals bring the
//! rest, at the share they brought over the trailing four quarters.

use super::Figure;
use super::balance::Balance;
use super::cohort::{self, Entry};
use super::follow_up::{FollowUp, Stages};
use super::plan_outlook::{self, Cohort, Outlook, Projection, Range, TrailingMql};
use super::plan_weights::DefaultScaling;
use super::stats::{per_unit, ratio, share};
use super::window::Window;
use super::{Reason, Unavailable, note};
use crate::config::Settings;
use crate::model::{Deal, Function, Lead, Money, Outcome, Period, ReadyBasis, Stamp, WeightBasis};
use chrono::{Days, Duration};
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// The conversion by days since MQL at the horizon (`horizon_days`):
    /// of the trailing four quarters' MQLs, the share won within the
    /// horizon, young MQLs counted only for the days they were seen.
    pub mql_to_won: Option<f64>,
    /// MQLs of the trailing four quarters seen for the whole horizon.
    pub mature_mqls: u64,
    /// The periods whose MQLs `mql_to_won` is measured on: the trailing
    /// ones but those whose follow-up broke down (most MQLs dropped),
    /// unless every one did.
    pub conversion_periods: Vec<String>,
    /// The 90th-percentile MQL-to-won lag, in whole days rounded up.
    pub horizon_days: Option<u32>,
    /// The conversion curve of the trailing four quarters' MQLs: the share
    /// won by each week since MQL, and at the horizon.
    pub conversion_by_days: Vec<CurvePoint>,
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
    /// The weekly target at each recent period's own conversion curve.
    pub range: Option<Range>,
    /// The next period's marketing-sourced won revenue projected at the
    /// weekly target.
    pub projection: Option<Projection>,
    /// The open deals of the projection by where their weight came from.
    pub stage_weights_basis: BTreeMap<WeightBasis, u64>,
    /// How the open deals' HubSpot default stage weights were scaled to
    /// the trailing win rate; `None` where no deal is weighed by one (or
    /// there is no win rate: then the defaults are used as given).
    pub stage_weights_scaling: Option<DefaultScaling>,
    /// The previous review's plan for this period against what happened;
    /// `None` without a previous review with a plan.
    pub check: Option<PlanCheck>,
}

/// One point of a conversion curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CurvePoint {
    pub day: u32,
    pub share: f64,
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
    /// Every MQL of the data seen from the cut-off, in lead order (see
    /// [`mqls`]): each review takes those of its trailing window.
    pub mqls: &'a [TrailingMql],
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
    let deals = TrailingDeals::of(input.deals, start, end);
    let horizon = input.mql_to_won_lag.map(|lag| lag.max(0.0).ceil() as u32);
    let trailing = trailing_mqls(input.mqls, start, end);
    let recent = recent_periods(window, input.settings, start);
    let conversion = horizon.map(|h| Conversion::of(trailing, &recent, h));
    let mql_to_won = conversion.as_ref().and_then(|c| c.rate);
    let target = input.settings.targets.revenue_per_period;
    let revenue_from_mqls = target.zip(deals.marketing_won_share).map(|(t, s)| t * s);
    let weeks = input.next.days() as f64 / 7.0;
    // MQLs whose wins within the horizon bring marketing's part, at a
    // conversion `rate`: the steady-state count per period.
    let mqls_needed_at =
        |rate: f64| ratio(revenue_from_mqls?, deals.average_won_deal? * rate).map(f64::ceil);
    let per_week_at = |rate: f64| mqls_needed_at(rate).and_then(|n| ratio(n, weeks));
    let per_week = mql_to_won.and_then(per_week_at);
    let (pipeline, bases) =
        plan_outlook::open_pipeline(input.deals, end, input.next, deals.win_rate);
    let outlook = match (horizon, deals.average_won_deal, revenue_from_mqls) {
        (Some(horizon), Some(average_won_deal), Some(revenue_from_mqls)) => Some(Outlook {
            trailing,
            horizon,
            end,
            next: input.next,
            average_won_deal,
            revenue_from_mqls,
            pipeline,
            win_rate: deals.win_rate,
            in_hand: Default::default(),
        }),
        _ => None,
    };
    let curve = conversion.as_ref().and_then(|c| c.curve.as_deref());
    let projection = outlook
        .as_ref()
        .zip(curve)
        .zip(per_week)
        .and_then(|((o, c), n)| o.projection(c, n));
    let range = outlook
        .as_ref()
        .zip(per_week)
        .and_then(|(o, n)| plan_outlook::range(o, &recent, n, per_week_at));
    let capacity = input.balance.capacity_per_week;
    let plan = Plan {
        period: input.next.label.clone(),
        revenue_target: target,
        marketing_won_share: deals.marketing_won_share,
        revenue_from_mqls,
        average_won_deal: deals.average_won_deal,
        won_deals: deals.marketing_won,
        mql_to_won,
        mature_mqls: conversion.as_ref().map_or(0, |c| c.mature),
        horizon_days: horizon,
        conversion_periods: conversion
            .as_ref()
            .map(|c| c.periods.clone())
            .unwrap_or_default(),
        conversion_by_days: curve
            .zip(horizon)
            .map(|(c, h)| weekly_points(c, h))
            .unwrap_or_default(),
        mqls_needed: mql_to_won.and_then(mqls_needed_at).map(|n| n as u64),
        mqls_needed_per_week: per_week,
        capacity_per_week: capacity,
        load: per_week.zip(capacity).and_then(|(n, c)| ratio(n, c)),
        reps_needed: per_week
            .zip(input.balance.per_rep_week)
            .and_then(|(n, p)| ratio(n, p))
            .map(|r| r.ceil() as u64),
        active_reps: input.balance.active_reps,
        range,
        projection,
        stage_weights_basis: bases,
        stage_weights_scaling: pipeline.and_then(|p| p.scaling),
        check: None,
    };
    note_gaps(&plan, unavailable);
    plan
}

/// The marketing-sourced deals of the trailing window, as the plan reads
/// them.
struct TrailingDeals {
    /// Marketing-sourced share of the won amount.
    marketing_won_share: Option<f64>,
    /// Won amount / deals won, of marketing-sourced deals.
    average_won_deal: Option<f64>,
    marketing_won: u64,
    /// Won / closed, of marketing-sourced deals.
    win_rate: Option<f64>,
}

impl TrailingDeals {
    fn of(deals: &[Deal], start: Stamp, end: Stamp) -> TrailingDeals {
        let closed: Vec<&Deal> = deals
            .iter()
            .filter(|d| d.outcome != Outcome::Open)
            .filter(|d| d.closed_at.is_some_and(|t| start <= t && t < end))
            .collect();
        let won = |function: Option<Function>| {
            closed
                .iter()
                .filter(|d| d.outcome == Outcome::Won)
                .filter(move |d| function.is_none_or(|f| d.function == f))
        };
        let sum = |deals: &mut dyn Iterator<Item = &&Deal>| deals.map(|d| d.amount).sum::<Money>();
        let marketing_amount = sum(&mut won(Some(Function::Marketing)));
        let marketing_won = won(Some(Function::Marketing)).count() as u64;
        let marketing_closed = closed
            .iter()
            .filter(|d| d.function == Function::Marketing)
            .count() as u64;
        TrailingDeals {
            marketing_won_share: ratio(marketing_amount.as_f64(), sum(&mut won(None)).as_f64()),
            average_won_deal: per_unit(marketing_amount, marketing_won),
            marketing_won,
            win_rate: share(marketing_won, marketing_closed),
        }
    }
}

/// The conversion by days since MQL the plan uses.
struct Conversion {
    /// `None` without MQLs.
    curve: Option<Vec<f64>>,
    /// The curve at the horizon, where above zero.
    rate: Option<f64>,
    /// MQLs seen for the whole horizon.
    mature: u64,
    /// The periods whose MQLs it is measured on.
    periods: Vec<String>,
}

impl Conversion {
    fn of(trailing: &[TrailingMql], recent: &[Period], horizon: u32) -> Conversion {
        let planned = planned_periods(trailing, recent, horizon);
        let holds: Vec<_> = planned.iter().map(plan_outlook::holds).collect();
        let entries = || {
            trailing
                .iter()
                .filter(|m| holds.iter().any(|h| h(m.mql)))
                .map(|m| m.entry)
        };
        let curve = cohort::curve(entries(), horizon);
        Conversion {
            rate: curve
                .as_deref()
                .map(|c| cohort::at(c, horizon))
                .filter(|r| *r > 0.0),
            curve,
            mature: entries().filter(|e| e.observed >= horizon).count() as u64,
            periods: planned.iter().map(|p| p.label.clone()).collect(),
        }
    }
}

/// The MQLs of the trailing window: a part of the list (sorted by MQL
/// moment), not a copy, so a review of a year of MQLs holds no second
/// year of them.
fn trailing_mqls(mqls: &[TrailingMql], start: Stamp, end: Stamp) -> &[TrailingMql] {
    let first = mqls.partition_point(|m| m.mql < start);
    let last = mqls.partition_point(|m| m.mql < end);
    &mqls[first..last.max(first)]
}

/// Every lead's MQL (every lead, where the portal skips the stage: see
/// [`ReadyBasis::supply_at`]), seen from the cut-off, sorted by MQL
/// moment: made
/// once for all reviews, each of which reads the part in its trailing
/// window.
pub fn mqls(
    leads: &[Lead],
    basis: ReadyBasis,
    follow_ups: &[FollowUp],
    stages: &[Stages],
    settings: &Settings,
    cut_off: Stamp,
) -> Vec<TrailingMql> {
    let dropped = dropped_leads(follow_ups, leads.len(), settings, cut_off);
    let mut mqls: Vec<TrailingMql> = leads
        .iter()
        .zip(stages)
        .zip(dropped)
        .filter_map(|((lead, stages), dropped)| {
            let mql = basis.supply_at(lead)?;
            Some(TrailingMql {
                mql,
                entry: Entry::of(mql, stages.won, cut_off)?,
                deal: stages.opportunity,
                dropped,
            })
        })
        .collect();
    // In place: a stable sort would borrow half the list again, at the
    // peak of the build. The order is the same for the same input.
    mqls.sort_unstable_by_key(|m| m.mql);
    mqls
}

/// Per lead: ready for sales, not touched within the drop window, and
/// the window over by the cut-off (a lead touched at an unknown time is
/// not dropped).
fn dropped_leads(
    follow_ups: &[FollowUp],
    leads: usize,
    settings: &Settings,
    cut_off: Stamp,
) -> Vec<bool> {
    let window = Duration::days(settings.sla.drop_after_days);
    let mut dropped = vec![false; leads];
    for f in follow_ups {
        let over = f.ready + window <= cut_off;
        let in_time = f.touch.is_some_and(|t| t - f.ready <= window);
        if let Some(slot) = dropped.get_mut(f.index as usize) {
            *slot = over && !in_time && !f.untimed;
        }
    }
    dropped
}

/// The periods whose MQLs the plan's conversion is measured on: every
/// recent period with MQLs but those whose follow-up broke down, unless
/// every one did (then all of them).
fn planned_periods(trailing: &[TrailingMql], recent: &[Period], horizon: u32) -> Vec<Period> {
    let cohorts: Vec<(&Period, Cohort)> = recent
        .iter()
        .map(|p| (p, Cohort::of(trailing, p, horizon)))
        .filter(|(_, c)| c.mqls > 0)
        .collect();
    let every_one_broke = cohorts.iter().all(|(_, c)| c.follow_up_broke());
    cohorts
        .into_iter()
        .filter(|(_, c)| every_one_broke || !c.follow_up_broke())
        .map(|(p, _)| p.clone())
        .collect()
}

/// The review's period and the ones before it that overlap the trailing
/// window (from `start`), oldest first.
fn recent_periods(window: &Window, settings: &Settings, start: Stamp) -> Vec<Period> {
    let (kind, fy) = (settings.period, settings.fiscal_year_start);
    let first = start.date();
    let mut periods = vec![window.period.clone()];
    while let Some(before) = periods
        .last()
        .map(|p| p.previous(kind, fy))
        .filter(|p| p.end >= first)
    {
        periods.push(before);
    }
    periods.reverse();
    periods
}

/// The curve at every seventh day and at the horizon.
fn weekly_points(curve: &[f64], horizon: u32) -> Vec<CurvePoint> {
    (0..=horizon)
        .filter(|d| d % 7 == 0 || *d == horizon)
        .map(|day| CurvePoint {
            day,
            share: cohort::at(curve, day),
        })
        .collect()
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
    if plan.mqls_needed.is_some() && plan.projection.is_none() {
        note(
            unavailable,
            Figure::PlanProjection,
            Reason::OpenDealsUnweighed,
        );
    }
    let no_range = plan.range.as_ref().is_none_or(|r| r.low_per_week.is_none());
    if let (Some(_), Some(horizon_days), true) = (plan.mqls_needed, plan.horizon_days, no_range) {
        note(
            unavailable,
            Figure::PlanRange,
            Reason::NoPeriodObservedForHorizon { horizon_days },
        );
    }
}
