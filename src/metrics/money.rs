//! Spend and revenue: ad spend by channel, won revenue, pipeline created.

use super::stats::ratio;
use super::window::Window;
use crate::model::{Channel, Deal, FineMoney, Money, Outcome, Spend};
use serde::Serialize;
use std::collections::BTreeMap;

/// Ad spend of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct SpendFigures {
    pub total: Money,
    /// Every known channel, zero where nothing was spent.
    pub by_channel: BTreeMap<&'static str, Money>,
}

/// Won revenue and new pipeline of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Revenue {
    /// Amounts of deals won with a close date in the period.
    pub won_amount: Money,
    /// Amounts of deals created in the period, whatever became of them.
    pub pipeline_created: Money,
    /// Won / (won + lost), of deals closed in the period.
    pub win_rate: Option<f64>,
}

/// Sums ad spend per channel for the period, each sum rounded to the cent
/// once (see [`FineMoney`]).
pub fn spend(rows: &[Spend], window: &Window) -> SpendFigures {
    let mut fine: BTreeMap<&'static str, FineMoney> = Channel::ALL
        .iter()
        .map(|c| (c.key(), FineMoney::default()))
        .collect();
    for row in rows.iter().filter(|r| window.contains_day(r.day)) {
        *fine.entry(row.channel.key()).or_default() += row.cost;
    }
    SpendFigures {
        total: fine.values().copied().sum::<FineMoney>().to_money(),
        by_channel: fine.into_iter().map(|(k, v)| (k, v.to_money())).collect(),
    }
}

/// The amount of the deals won in the period, by owner's name as the
/// export gives it (deals without an owner left out): to set against the
/// hours each person logged.
pub fn won_by_owner(deals: &[Deal], window: &Window) -> BTreeMap<String, Money> {
    let mut by_owner = BTreeMap::new();
    for d in deals.iter().filter(|d| d.outcome == Outcome::Won) {
        let (Some(owner), Some(closed)) = (&d.owner, d.closed_at) else {
            continue;
        };
        if window.contains(closed) {
            *by_owner.entry(person_key(owner)).or_default() += d.amount;
        }
    }
    by_owner
}

/// A person's name as compared between exports: time logs and CRMs
/// write the same name in different cases and spacing.
pub fn person_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Sums won and created deal amounts for the period.
pub fn revenue(deals: &[Deal], window: &Window) -> Revenue {
    let closed_in = |d: &&Deal| d.closed_at.is_some_and(|t| window.contains(t));
    let won: Vec<&Deal> = deals
        .iter()
        .filter(closed_in)
        .filter(|d| d.outcome == Outcome::Won)
        .collect();
    let lost = deals
        .iter()
        .filter(closed_in)
        .filter(|d| d.outcome == Outcome::Lost)
        .count();
    Revenue {
        won_amount: won.iter().map(|d| d.amount).sum(),
        pipeline_created: deals
            .iter()
            .filter(|d| window.contains(d.created_at))
            .map(|d| d.amount)
            .sum(),
        win_rate: ratio(won.len() as f64, (won.len() + lost) as f64),
    }
}
