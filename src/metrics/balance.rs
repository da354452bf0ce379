//! Balance tilt: log2 of marketing's lead supply over sales' capacity to
//! follow up. 0 is balanced; +1 means marketing delivers twice what sales
//! can work; -1 means sales could work twice the leads it gets.

use super::Figure;
use super::capacity::{self, Basis, RepWeek};
use super::flow::Inventory;
use super::follow_up::FollowUp;
use super::queue::Queue;
use super::reason::{Entries, Reason};
use super::stats::ratio;
use super::window::Window;
use crate::model::ReadyBasis;
use serde::Serialize;

/// Tilt above this is marketing-heavy, below its negative sales-heavy.
pub const BALANCED_BAND: f64 = 0.25;

/// The balance figures of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Balance {
    /// log2(supply / capacity). Where `capacity_basis` is `lower_bound`,
    /// the true tilt is at most this.
    pub tilt: Option<f64>,
    /// Which side the tilt leans to; `None` with the tilt.
    pub verdict: Option<Verdict>,
    /// Mean new MQLs per week (new leads where no lead has an MQL date).
    pub supply_per_week: Option<f64>,
    /// Active reps times per-rep weekly capacity.
    pub capacity_per_week: Option<f64>,
    /// How per-rep capacity was found: `under_load`, `lower_bound` or
    /// `setting` (see [`capacity`]).
    pub capacity_basis: Option<Basis>,
    /// Owners with at least one first touch of a lead handed to them in
    /// the period.
    pub active_reps: u64,
    /// First touches one rep can make in a week, of the leads handed to
    /// sales (not the reps' own prospects; see [`capacity::handed_over`]).
    pub per_rep_week: Option<f64>,
    /// Whether `per_rep_week` was measured (`true`) or set in equinox.toml.
    pub per_rep_week_measured: bool,
    /// Rep-weeks of the trailing four quarters in which the rep was loaded
    /// (leads waited through every working day): the capacity evidence.
    pub loaded_rep_weeks: u64,
    /// MQLs sales still had to work at the period's end.
    pub inventory: Inventory,
    /// Inventory (workable untouched + working) / MQLs first touched per
    /// week: how many weeks of leads the reps had in hand. Low means a dry
    /// spell ahead.
    pub inventory_weeks: Option<f64>,
    /// Every untouched ready lead at the period's end, by age and rep.
    pub queue: Queue,
    /// First touches per rep and week of the trailing four quarters, with
    /// their load: the capacity evidence, for the grid chart.
    #[serde(skip)]
    pub rep_weeks: Vec<RepWeek>,
}

/// Marketing's supply in one period: the leads that became ready for
/// sales, by the definition the exports allow.
#[derive(Debug, Clone, Copy)]
pub struct Supply {
    /// New MQLs, or new leads under [`ReadyBasis::Created`].
    pub leads: u64,
    pub basis: ReadyBasis,
}

/// Why a balance figure is missing, for the `unavailable` map.
pub type Missing = Vec<(Figure, Reason)>;

/// What the balance of one period is computed from, beside the joined
/// leads.
pub struct Inputs {
    pub supply: Supply,
    /// `[capacity] leads_per_rep_week`.
    pub setting: Option<f64>,
    /// The period's rep-weeks of first touches ([`capacity::Daily::rep_weeks`]).
    pub rep_weeks: Vec<RepWeek>,
    pub inventory: Inventory,
    pub queue: Queue,
}

/// Computes the tilt of one period.
pub fn balance<'f, 'a: 'f>(
    follow_ups: impl IntoIterator<Item = &'f FollowUp<'a>>,
    window: &Window,
    input: Inputs,
) -> (Balance, Missing) {
    let mut missing = Missing::new();
    let supply_per_week = supply_per_week(input.supply, window, &mut missing);
    let active_reps = active_reps(follow_ups, window);
    let rep_weeks = input.rep_weeks;
    let per_rep = capacity::per_rep(&rep_weeks, input.setting);
    if per_rep.is_none() {
        missing.push((Figure::CapacityPerWeek, Reason::NoLoadedRepWeek));
    } else if active_reps == 0 {
        missing.push((Figure::CapacityPerWeek, Reason::NoRepFirstTouch));
    }
    let capacity = per_rep
        .filter(|_| active_reps > 0)
        .map(|p| p.per_week * active_reps as f64);
    let tilt = supply_per_week.zip(capacity).map(|(s, c)| (s / c).log2());
    if tilt.is_none() {
        missing.push((Figure::Tilt, Reason::NeedsSupplyAndCapacity));
    }
    let basis = per_rep.map(|p| p.basis);
    let verdict = tilt.and_then(|t| supported_verdict(t, basis));
    if tilt.is_some() && verdict.is_none() {
        missing.push((Figure::Verdict, Reason::BoundSettlesNoVerdict));
    }
    let inventory = input.inventory;
    let inventory_weeks = ratio(
        (inventory.untouched + inventory.working) as f64,
        inventory.absorption_per_week,
    );
    if inventory_weeks.is_none() {
        missing.push((Figure::InventoryWeeks, Reason::NoMqlFirstTouched));
    }
    let balance = Balance {
        tilt,
        verdict,
        supply_per_week,
        capacity_per_week: capacity,
        capacity_basis: basis,
        active_reps,
        per_rep_week: per_rep.map(|p| p.per_week),
        per_rep_week_measured: input.setting.is_none(),
        loaded_rep_weeks: per_rep.map_or(0, |p| p.loaded_rep_weeks),
        inventory,
        inventory_weeks,
        queue: input.queue,
        rep_weeks,
    };
    (balance, missing)
}

/// Which side a tilt leans to: the one verdict charts and pages read.
/// metrics.json writes it as `marketing-heavy`, `balanced` or
/// `sales-heavy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Tilt above [`BALANCED_BAND`]: more leads than sales can follow up.
    MarketingHeavy,
    /// Tilt within ±[`BALANCED_BAND`], edges included.
    Balanced,
    /// Tilt below -[`BALANCED_BAND`]: sales could follow up more leads.
    SalesHeavy,
}

impl Verdict {
    /// The verdict for a tilt; the band's edges count as balanced.
    pub fn of(tilt: f64) -> Self {
        if tilt > BALANCED_BAND {
            Self::MarketingHeavy
        } else if tilt < -BALANCED_BAND {
            Self::SalesHeavy
        } else {
            Self::Balanced
        }
    }
}

/// Mean supply leads per observed week, `None` (with its reason) for none.
fn supply_per_week(supply: Supply, window: &Window, missing: &mut Missing) -> Option<f64> {
    if supply.leads == 0 {
        let entries = match supply.basis {
            ReadyBasis::Mql => Entries::Mqls,
            ReadyBasis::Created => Entries::Leads,
        };
        missing.push((Figure::SupplyPerWeek, Reason::NoNew(entries)));
        return None;
    }
    Some(supply.leads as f64 / window.observed_weeks())
}

/// The verdict a tilt supports. Under a lower bound of capacity the true
/// tilt is at most the one computed: only `sales-heavy` is certain, and
/// only when even the bound is below the balanced band.
pub fn supported_verdict(tilt: f64, basis: Option<Basis>) -> Option<Verdict> {
    match basis {
        Some(Basis::LowerBound) => (tilt < -BALANCED_BAND).then_some(Verdict::SalesHeavy),
        _ => Some(Verdict::of(tilt)),
    }
}

/// Owners who first touched at least one lead handed to them
/// ([`capacity::handed_over`]) in the period.
fn active_reps<'f, 'a: 'f>(
    follow_ups: impl IntoIterator<Item = &'f FollowUp<'a>>,
    window: &Window,
) -> u64 {
    let reps: rustc_hash::FxHashSet<&str> = follow_ups
        .into_iter()
        .filter(|f| capacity::handed_over(f) && window.holds(f.touch))
        .filter_map(|f| f.owner.map(|owner| &**owner))
        .collect();
    reps.len() as u64
}

#[cfg(test)]
#[path = "balance_tests.rs"]
mod tests;
