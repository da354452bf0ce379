//! Balance tilt: log2 of marketing's lead supply over sales' capacity to
//! follow up. 0 is balanced; +1 means marketing delivers twice what sales
//! can work; -1 means sales could work twice the leads it gets.

use super::Figure;
use super::flow::Inventory;
use super::follow_up::FollowUp;
use super::stats::{quantile, ratio};
use super::window::Window;
use crate::model::{ReadyBasis, Stamp};
use chrono::{Days, NaiveDate, NaiveTime};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// Tilt above this is marketing-heavy, below its negative sales-heavy.
pub const BALANCED_BAND: f64 = 0.25;
/// Rep-weeks needed before per-rep throughput is trusted.
const MIN_REP_WEEKS: usize = 8;
/// Trailing window for demonstrated throughput: four quarters.
const TRAILING_DAYS: u64 = 364;
/// Which rep-week counts as "demonstrated" throughput.
const THROUGHPUT_QUANTILE: f64 = 0.9;

/// The balance figures of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Balance {
    pub tilt: Option<f64>,
    /// Which side the tilt leans to; `None` with the tilt.
    pub verdict: Option<Verdict>,
    /// Mean new MQLs per week (new leads where no lead has an MQL date).
    pub supply_per_week: Option<f64>,
    /// Active reps times per-rep weekly throughput.
    pub capacity_per_week: Option<f64>,
    /// Owners with at least one first touch in the period.
    pub active_reps: u64,
    /// First touches one rep can make in a week.
    pub per_rep_week: Option<f64>,
    /// Whether `per_rep_week` was measured (`true`) or set in equinox.toml.
    pub per_rep_week_measured: bool,
    /// MQLs sales still had to work at the period's end.
    pub inventory: Inventory,
    /// Inventory (untouched + working) / MQLs first touched per week: how
    /// many weeks of leads the reps had in hand. Low means a dry spell ahead.
    pub inventory_weeks: Option<f64>,
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
pub type Missing = Vec<(Figure, String)>;

/// Computes the tilt of one period.
pub fn balance(
    follow_ups: &[FollowUp],
    window: &Window,
    supply: Supply,
    fixed_per_rep: Option<f64>,
    inventory: Inventory,
) -> (Balance, Missing) {
    let mut missing = Missing::new();
    let mqls = supply.leads;
    let per_week = mqls as f64 / (window.observed_days() as f64 / 7.0);
    let supply_per_week = (mqls > 0).then_some(per_week);
    if mqls == 0 {
        let reason = match supply.basis {
            ReadyBasis::Mql => "no new MQLs in the period",
            ReadyBasis::Created => "no new leads in the period",
        };
        missing.push((Figure::SupplyPerWeek, reason.into()));
    }
    let active_reps = active_reps(follow_ups, window);
    let measured = fixed_per_rep.is_none();
    let per_rep_week = fixed_per_rep.or_else(|| demonstrated_throughput(follow_ups, window));
    if per_rep_week.is_none() {
        missing.push((Figure::CapacityPerWeek, format!("fewer than {MIN_REP_WEEKS} rep-weeks with first touches in the trailing four quarters; export first-touch dates or set [capacity] leads_per_rep_week")));
    } else if active_reps == 0 {
        missing.push((
            Figure::CapacityPerWeek,
            "no rep made a first touch in the period".into(),
        ));
    }
    let capacity = per_rep_week
        .filter(|_| active_reps > 0)
        .map(|p| p * active_reps as f64);
    let tilt = supply_per_week.zip(capacity).map(|(s, c)| (s / c).log2());
    if tilt.is_none() {
        missing.push((Figure::Tilt, "needs both supply and capacity".into()));
    }
    let inventory_weeks = ratio(
        (inventory.untouched + inventory.working) as f64,
        inventory.absorption_per_week,
    );
    if inventory_weeks.is_none() {
        missing.push((
            Figure::InventoryWeeks,
            "no MQL was first touched in the period".into(),
        ));
    }
    let balance = Balance {
        tilt,
        verdict: tilt.map(Verdict::of),
        supply_per_week,
        capacity_per_week: capacity,
        active_reps,
        per_rep_week,
        per_rep_week_measured: measured,
        inventory,
        inventory_weeks,
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

/// Owners who first touched at least one MQL in the period.
fn active_reps(follow_ups: &[FollowUp], window: &Window) -> u64 {
    let reps: rustc_hash::FxHashSet<&str> = follow_ups
        .iter()
        .filter(|f| f.mql && f.touch.is_some_and(|t| window.contains(t)))
        .filter_map(|f| f.owner.map(|owner| &**owner))
        .collect();
    reps.len() as u64
}

/// The 90th percentile of MQL first touches per rep-week over the trailing
/// four quarters ending with the period. Only rep-weeks with at least one
/// touch count: a week without touches may be leave, not lack of leads.
/// MQLs only, so capacity and supply measure the same leads; the time reps
/// spend on their own prospects shows as lower throughput.
fn demonstrated_throughput(follow_ups: &[FollowUp], window: &Window) -> Option<f64> {
    let last = window.period.end.min(window.as_of.date());
    let first = last - Days::new(TRAILING_DAYS);
    // Touches on the days after `first` up to `last`.
    let day_start = |day: NaiveDate| Stamp::clamped(day.and_time(NaiveTime::MIN));
    let (from, until) = (
        day_start(first + Days::new(1)),
        day_start(last + Days::new(1)),
    );
    let mut rep_weeks: FxHashMap<(&str, i64), u64> = FxHashMap::default();
    for lead in follow_ups.iter().filter(|f| f.mql) {
        let (Some(owner), Some(touch)) = (lead.owner, lead.touch) else {
            continue;
        };
        if from <= touch && touch < until {
            *rep_weeks.entry((owner, touch.week())).or_default() += 1;
        }
    }
    if rep_weeks.len() < MIN_REP_WEEKS {
        return None;
    }
    let mut counts: Vec<f64> = rep_weeks.values().map(|c| *c as f64).collect();
    quantile(&mut counts, THROUGHPUT_QUANTILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_band_edges_are_balanced() {
        assert_eq!(Verdict::of(0.0), Verdict::Balanced);
        assert_eq!(Verdict::of(BALANCED_BAND), Verdict::Balanced);
        assert_eq!(Verdict::of(-BALANCED_BAND), Verdict::Balanced);
        assert_eq!(Verdict::of(0.2501), Verdict::MarketingHeavy);
        assert_eq!(Verdict::of(-0.2501), Verdict::SalesHeavy);
        assert_eq!(Verdict::of(f64::INFINITY), Verdict::MarketingHeavy);
    }

    #[test]
    fn verdict_serialises_as_before() {
        let words = [
            Verdict::MarketingHeavy,
            Verdict::Balanced,
            Verdict::SalesHeavy,
        ]
        .map(|v| serde_json::to_string(&v).unwrap());
        assert_eq!(
            words,
            ["\"marketing-heavy\"", "\"balanced\"", "\"sales-heavy\""]
        );
    }
}
