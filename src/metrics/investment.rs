//! Investment balance: where the money and the hours went, by function.
//! Ad spend is marketing's; budget lines (salaries, tools, programs) carry
//! their own function; time logs give the hours.

use super::Figure;
use super::money::person_key;
use super::stats::ratio;
use super::window::Window;
use super::{Reason, Unavailable, note};
use crate::model::{Budget, Function, Hours, Money};
use serde::Serialize;
use std::collections::BTreeMap;

/// Spend and hours of one period by function.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Investment {
    /// Ad-platform spend, all of it marketing's.
    pub ads: Money,
    /// Budget lines whose period starts in the review period, by function.
    pub budget_by_function: BTreeMap<&'static str, Money>,
    /// Ads plus budget lines, by function.
    pub by_function: BTreeMap<&'static str, Money>,
    pub total: Money,
    /// Share of `total` by function; `null` without budget lines (ads
    /// alone would make marketing 100%).
    pub shares: BTreeMap<&'static str, Option<f64>>,
    /// Marketing's share of `total` (as in `shares`).
    pub marketing_share: Option<f64>,
    /// `[targets] marketing_share` from equinox.toml.
    pub marketing_share_target: Option<f64>,
    pub hours: HoursFigures,
}

/// Logged hours of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct HoursFigures {
    pub total: f64,
    pub by_function: BTreeMap<&'static str, f64>,
    /// Share of logged hours by function; `null` without time logs.
    pub shares: BTreeMap<&'static str, Option<f64>>,
    /// People with hours in the period.
    pub people: u64,
    /// New MQLs per marketing hour.
    pub mqls_per_marketing_hour: Option<f64>,
    /// Won revenue per sales hour, of one population: the deals owned by
    /// the people who logged sales hours, over those people's sales hours
    /// (never the reps' revenue over a founder's hours).
    pub won_per_sales_hour: Option<f64>,
}

/// What else the investment figures relate to.
pub struct Outcomes {
    pub ads: Money,
    pub mqls: u64,
    pub won_amount: Money,
    /// The period's won amount by owner (`money::person_key` of the name).
    pub won_by_owner: BTreeMap<String, Money>,
    pub target: Option<f64>,
}

/// Computes the investment balance of one period.
pub fn investment(
    budget: &[Budget],
    hours: &[Hours],
    window: &Window,
    outcomes: &Outcomes,
    unavailable: &mut Unavailable,
) -> Investment {
    let lines: Vec<&Budget> = budget
        .iter()
        .filter(|b| window.contains_day(b.period_start))
        .collect();
    let budget_by_function = by_function(lines.iter().map(|b| (b.function, b.amount)));
    let mut all = budget_by_function.clone();
    *all.entry(Function::Marketing.as_str()).or_default() += outcomes.ads;
    let total: Money = all.values().copied().sum();
    let shares: BTreeMap<&'static str, Option<f64>> = all
        .iter()
        .map(|(f, m)| {
            let share = ratio(m.as_f64(), total.as_f64()).filter(|_| !lines.is_empty());
            (*f, share)
        })
        .collect();
    if lines.is_empty() {
        note(unavailable, Figure::MarketingShare, Reason::NoBudgetLines);
    } else if total.cents() == 0 {
        note(unavailable, Figure::MarketingShare, Reason::NoSpend);
    }
    Investment {
        ads: outcomes.ads,
        budget_by_function,
        marketing_share: shares[Function::Marketing.as_str()],
        by_function: all,
        total,
        shares,
        marketing_share_target: outcomes.target,
        hours: hours_figures(hours, window, outcomes, unavailable),
    }
}

fn by_function(items: impl Iterator<Item = (Function, Money)>) -> BTreeMap<&'static str, Money> {
    let mut map: BTreeMap<&'static str, Money> = Function::ALL
        .iter()
        .map(|f| (f.as_str(), Money::ZERO))
        .collect();
    for (function, amount) in items {
        *map.entry(function.as_str()).or_default() += amount;
    }
    map
}

/// The won amount of the deals owned by the people who logged sales
/// hours, over those people's sales hours; `None` when none of them owns
/// a deal won in the period.
fn won_per_own_sales_hour(
    sales_hours_by_person: &BTreeMap<&str, f64>,
    outcomes: &Outcomes,
) -> Option<f64> {
    let (mut won, mut hours) = (Money::ZERO, 0.0);
    for (person, person_hours) in sales_hours_by_person {
        if let Some(amount) = outcomes.won_by_owner.get(&person_key(person)) {
            won += *amount;
            hours += person_hours;
        }
    }
    ratio(won.as_f64(), hours)
        .filter(|_| won > Money::ZERO)
        .map(super::stats::round_cents)
}

fn hours_figures(
    hours: &[Hours],
    window: &Window,
    outcomes: &Outcomes,
    unavailable: &mut Unavailable,
) -> HoursFigures {
    let mut by_function: BTreeMap<&'static str, f64> =
        Function::ALL.iter().map(|f| (f.as_str(), 0.0)).collect();
    let mut people = std::collections::BTreeSet::new();
    let mut sales_hours_by_person: BTreeMap<&str, f64> = BTreeMap::new();
    for h in hours.iter().filter(|h| window.contains_day(h.day)) {
        *by_function.entry(h.function.as_str()).or_default() += h.hours;
        people.insert(h.person.as_str());
        if h.function == Function::Sales {
            *sales_hours_by_person.entry(h.person.as_str()).or_default() += h.hours;
        }
    }
    let total: f64 = by_function.values().sum();
    if total <= 0.0 {
        note(unavailable, Figure::HourShares, Reason::NoTimeLogs);
    }
    let of = |f: Function| by_function[f.as_str()];
    let mqls_per_marketing_hour = ratio(outcomes.mqls as f64, of(Function::Marketing));
    let won_per_sales_hour = won_per_own_sales_hour(&sales_hours_by_person, outcomes);
    if total > 0.0 && mqls_per_marketing_hour.is_none() {
        note(
            unavailable,
            Figure::MqlsPerMarketingHour,
            Reason::NoMarketingHours,
        );
    }
    if total > 0.0 && won_per_sales_hour.is_none() {
        let why = if of(Function::Sales) > 0.0 {
            Reason::NoWonDealsOfTimeLoggers
        } else {
            Reason::NoSalesHours
        };
        note(unavailable, Figure::WonPerSalesHour, why);
    }
    HoursFigures {
        shares: by_function
            .iter()
            .map(|(f, h)| (*f, ratio(*h, total).filter(|_| total > 0.0)))
            .collect(),
        total,
        by_function,
        people: people.len() as u64,
        mqls_per_marketing_hour,
        won_per_sales_hour,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Won amounts by owner, in whole dollars.
    fn outcomes(won_by_owner: &[(&str, i64)]) -> Outcomes {
        Outcomes {
            ads: Money::ZERO,
            mqls: 0,
            won_amount: Money::from_cents(999_999 * 100),
            won_by_owner: won_by_owner
                .iter()
                .map(|(name, dollars)| (person_key(name), Money::from_cents(dollars * 100)))
                .collect(),
            target: None,
        }
    }

    #[test]
    fn revenue_per_sales_hour_counts_one_population() {
        // Ana logged 10 sales hours and owns $3,000 won; Ben logged 30 and
        // owns nothing won; the reps' $999,999 is nobody's in the logs.
        // Ana only: $3,000 / 10 h = $300 an hour.
        let hours = BTreeMap::from([("Ana  Silva", 10.0), ("Ben", 30.0)]);
        let o = outcomes(&[("ana silva", 3_000), ("Rep One", 999_999)]);
        assert_eq!(won_per_own_sales_hour(&hours, &o), Some(300.0));
        // Nobody in the logs owns a won deal: no figure, not $999,999 / 40 h.
        let o = outcomes(&[("Rep One", 999_999)]);
        assert_eq!(won_per_own_sales_hour(&hours, &o), None);
    }
}
