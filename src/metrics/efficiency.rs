//! Efficiency: what a lead, an MQL, an SQL and a won deal cost per paid
//! channel; customer acquisition cost; return on ad spend; and the cost of
//! one contact for marketing (per ad impression) against sales (per touch).

use super::Figure;
use super::funnel::{Funnel, Segments};
use super::investment::Investment;
use super::reason::Entries;
use super::stats::{per_unit, ratio};
use super::window::Window;
use super::{Reason, Unavailable, note};
use crate::config::Settings;
use crate::model::{Channel, Function, Money, Outcome, Records};
use serde::Serialize;
use std::collections::BTreeMap;

/// Efficiency figures of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Efficiency {
    /// Total ad spend / new leads (all sources).
    pub cost_per_lead: Option<f64>,
    /// Total ad spend / new MQLs (all sources).
    pub cost_per_mql: Option<f64>,
    /// Per paid channel with spend or leads in the period.
    pub channels: BTreeMap<&'static str, ChannelEfficiency>,
    /// (Marketing + sales spend, ads and budget lines) / deals won.
    pub cac: Option<f64>,
    /// Won amount of deals from paid sources.
    pub paid_won_amount: Money,
    /// `paid_won_amount / ad spend`.
    pub roas: Option<f64>,
    pub impressions: u64,
    /// Marketing spend (ads and budget lines) / ad impressions.
    pub marketing_cost_per_contact: Option<f64>,
    /// Sales touches in the period: activities, or first touches when no
    /// activity export was read (see `sales_touches_basis`).
    pub sales_touches: u64,
    /// `activities` or `first touches`.
    pub sales_touches_basis: &'static str,
    /// Sales spend (budget lines) / sales touches.
    pub sales_cost_per_contact: Option<f64>,
}

/// One paid channel's spend against what its leads became.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ChannelEfficiency {
    pub spend: Money,
    pub impressions: u64,
    pub clicks: u64,
    pub leads: u64,
    pub mqls: u64,
    pub sqls: u64,
    pub won: u64,
    pub won_amount: Money,
    pub cost_per_lead: Option<f64>,
    pub cost_per_mql: Option<f64>,
    pub cost_per_sql: Option<f64>,
    pub cost_per_won: Option<f64>,
    pub roas: Option<f64>,
}

/// What efficiency is computed from.
pub struct Inputs<'a> {
    pub records: &'a Records,
    pub funnel: &'a Funnel,
    pub segments: &'a Segments,
    pub investment: &'a Investment,
    /// First touches made in the period (from the follow-up join).
    pub first_touches: u64,
    pub settings: &'a Settings,
}

/// Computes the efficiency figures of one period.
pub fn efficiency(input: &Inputs, window: &Window, unavailable: &mut Unavailable) -> Efficiency {
    let ads = input.investment.ads;
    let channels = channels(input, window);
    let impressions = channels.values().map(|c| c.impressions).sum();
    let paid_won_amount = paid_won(input, window);
    let (sales_touches, sales_touches_basis) = sales_touches(input, window);
    let spend_of = |f: Function| input.investment.by_function[f.as_str()];
    let has_budget = input
        .investment
        .budget_by_function
        .values()
        .any(|m| m.cents() != 0);
    let sales_budget = input.investment.budget_by_function[Function::Sales.as_str()];
    let e = Efficiency {
        cost_per_lead: per_unit(ads, input.funnel.leads).filter(|_| ads.cents() > 0),
        cost_per_mql: per_unit(ads, input.funnel.mqls).filter(|_| ads.cents() > 0),
        cac: per_unit(
            spend_of(Function::Marketing) + spend_of(Function::Sales),
            input.funnel.won,
        )
        .filter(|_| has_budget),
        roas: ratio(paid_won_amount.as_f64(), ads.as_f64()),
        paid_won_amount,
        marketing_cost_per_contact: ratio(
            spend_of(Function::Marketing).as_f64(),
            impressions as f64,
        ),
        impressions,
        sales_cost_per_contact: ratio(sales_budget.as_f64(), sales_touches as f64)
            .filter(|_| sales_budget.cents() > 0),
        sales_touches,
        sales_touches_basis,
        channels,
    };
    note_gaps(&e, input, has_budget, sales_budget, unavailable);
    e
}

fn channels(input: &Inputs, window: &Window) -> BTreeMap<&'static str, ChannelEfficiency> {
    let mut spend: BTreeMap<&'static str, (crate::model::FineMoney, u64, u64)> = BTreeMap::new();
    for row in input
        .records
        .spend
        .iter()
        .filter(|r| window.contains_day(r.day))
    {
        let entry = spend.entry(row.channel.key()).or_default();
        entry.0 += row.cost;
        entry.1 += row.impressions;
        entry.2 += row.clicks;
    }
    Channel::ALL
        .iter()
        .map(|c| c.key())
        .filter(|k| spend.contains_key(k) || input.segments.by_channel.contains_key(k))
        .map(|key| {
            let (cost, impressions, clicks) = spend.get(key).copied().unwrap_or_default();
            let cost = cost.to_money();
            let funnel = input
                .segments
                .by_channel
                .get(key)
                .cloned()
                .unwrap_or_default();
            let paid = |units: u64| per_unit(cost, units).filter(|_| cost.cents() > 0);
            let figures = ChannelEfficiency {
                spend: cost,
                impressions,
                clicks,
                leads: funnel.leads,
                mqls: funnel.mqls,
                sqls: funnel.sqls,
                won: funnel.won,
                won_amount: funnel.won_amount,
                cost_per_lead: paid(funnel.leads),
                cost_per_mql: paid(funnel.mqls),
                cost_per_sql: paid(funnel.sqls),
                cost_per_won: paid(funnel.won),
                roas: ratio(funnel.won_amount.as_f64(), cost.as_f64()),
            };
            (key, figures)
        })
        .collect()
}

/// Won amount of deals closed in the period whose source maps to an ad channel.
fn paid_won(input: &Inputs, window: &Window) -> Money {
    input
        .records
        .deals
        .iter()
        .filter(|d| d.outcome == Outcome::Won && window.holds(d.closed_at))
        .filter(|d| input.settings.sources.channel_of(&d.source).is_some())
        .map(|d| d.amount)
        .sum()
}

fn sales_touches(input: &Inputs, window: &Window) -> (u64, &'static str) {
    let activity = &input.records.activity;
    if activity.touches == 0 {
        return (input.first_touches, "first touches");
    }
    // Folded per day up to the cut-off (see `ingest::activity`).
    let days = window.period.start..=window.period.end.min(window.as_of.date());
    if days.is_empty() {
        return (0, "activities");
    }
    (
        activity.per_day.range(days).map(|(_, n)| n).sum(),
        "activities",
    )
}

fn note_gaps(
    e: &Efficiency,
    input: &Inputs,
    has_budget: bool,
    sales_budget: Money,
    unavailable: &mut Unavailable,
) {
    let no_ads = input.investment.ads.cents() == 0;
    let mut gap = |ok: bool, key: Figure, reason: Reason| {
        if !ok {
            note(unavailable, key, reason);
        }
    };
    // A cost per unit is missing for want of spend, else of units.
    let per_unit = |entries: Entries| {
        if no_ads {
            Reason::NoAdSpend
        } else {
            Reason::NoNew(entries)
        }
    };
    gap(
        e.cost_per_lead.is_some(),
        Figure::CostPerLead,
        per_unit(Entries::Leads),
    );
    gap(
        e.cost_per_mql.is_some(),
        Figure::CostPerMql,
        per_unit(Entries::Mqls),
    );
    let cac_reason = if !has_budget {
        Reason::NoBudgetForCac
    } else {
        Reason::NoDealsWon
    };
    gap(e.cac.is_some(), Figure::Cac, cac_reason);
    gap(e.roas.is_some(), Figure::Roas, Reason::NoAdSpend);
    gap(
        e.marketing_cost_per_contact.is_some(),
        Figure::MarketingCostPerContact,
        Reason::NoAdImpressions,
    );
    let sales_reason = if sales_budget.cents() == 0 {
        Reason::NoSalesBudget
    } else {
        Reason::NoSalesTouches
    };
    gap(
        e.sales_cost_per_contact.is_some(),
        Figure::SalesCostPerContact,
        sales_reason,
    );
}
