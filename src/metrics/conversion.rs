//! Conversion by cohort: of the leads that reached a stage in the period,
//! the share that went on to a later stage by the cut-off. A cohort whose
//! youngest members have had less time than the step usually takes is
//! marked young: its rate may still rise.

use super::Figure;
use super::follow_up::Stages;
use super::reach::Picked;
use super::stats::{quantile_of, share};
use super::window::Window;
use crate::model::Lead;
use crate::model::Stamp;
use rayon::prelude::*;
use serde::Serialize;

/// Which lag counts as "the time a step usually takes".
const LAG_QUANTILE: f64 = 0.9;
const SECONDS_PER_DAY: f64 = 86_400.0;

/// One conversion step of one period's cohort.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Conversion {
    /// Leads that reached the first stage in the period.
    pub cohort: u64,
    /// Of them, those that reached the later stage by the cut-off.
    pub reached: u64,
    pub rate: Option<f64>,
    /// The 90th percentile of the step's lag in days, over every lead in
    /// the data that made the step by the cut-off.
    pub lag_p90_days: Option<f64>,
    /// Whether the cohort is too young to judge: the cut-off came less than
    /// `lag_p90_days` after the period's end (or the period is in progress).
    pub young: bool,
}

/// Next-step and cumulative conversion of one period's cohorts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Conversions {
    pub lead_to_mql: Conversion,
    pub mql_to_sql: Conversion,
    pub sql_to_opportunity: Conversion,
    pub opportunity_to_won: Conversion,
    pub mql_to_opportunity: Conversion,
    pub mql_to_won: Conversion,
}

/// A conversion step: where the cohort starts and where it must get to.
#[derive(Clone, Copy)]
pub struct Step {
    /// The key in metrics.json (`mql_to_sql`).
    pub key: &'static str,
    /// The figure the step's rate is.
    pub figure: Figure,
    from: fn(&Lead) -> Option<Stamp>,
    to: fn(&Stages) -> Option<Stamp>,
}

/// Every step, in the order of [`Conversions`].
pub const STEPS: [Step; 6] = [
    Step {
        key: "lead_to_mql",
        figure: Figure::LeadToMql,
        from: |l| Some(l.created_at),
        to: |s| s.mql,
    },
    Step {
        key: "mql_to_sql",
        figure: Figure::MqlToSql,
        from: |l| l.mql_at,
        to: |s| s.sql,
    },
    Step {
        key: "sql_to_opportunity",
        figure: Figure::SqlToOpportunity,
        from: |l| l.sql_at,
        to: |s| s.opportunity,
    },
    Step {
        key: "opportunity_to_won",
        figure: Figure::OpportunityToWon,
        from: |l| l.opportunity_at,
        to: |s| s.won,
    },
    Step {
        key: "mql_to_opportunity",
        figure: Figure::MqlToOpportunity,
        from: |l| l.mql_at,
        to: |s| s.opportunity,
    },
    Step {
        key: "mql_to_won",
        figure: Figure::MqlToWon,
        from: |l| l.mql_at,
        to: |s| s.won,
    },
];

/// The 90th-percentile lag of every step in days, over all the data: one
/// pass for all periods.
pub fn lags(leads: &[Lead], stages: &[Stages]) -> [Option<f64>; 6] {
    // The steps on both cores, each lag held as whole seconds (four bytes
    // where days as f64 take eight) and read as days only at the ranks.
    let lags: Vec<Option<f64>> = STEPS
        .par_iter()
        .map(|step| lag(leads, stages, step.from, step.to))
        .collect();
    std::array::from_fn(|i| lags[i])
}

/// The 90th-percentile lag in days from `from` on the lead to `to` on
/// its stages, over the leads that have both.
pub fn lag(
    leads: &[Lead],
    stages: &[Stages],
    from: impl Fn(&Lead) -> Option<Stamp>,
    to: fn(&Stages) -> Option<Stamp>,
) -> Option<f64> {
    let mut seconds: Vec<u32> = leads
        .iter()
        .zip(stages)
        .filter_map(|(l, s)| Some((to(s)? - from(l)?).num_seconds()))
        .map(|seconds| seconds.clamp(0, i64::from(u32::MAX)) as u32)
        .collect();
    quantile_of(&mut seconds, LAG_QUANTILE, |s| {
        f64::from(s) / SECONDS_PER_DAY
    })
}

/// The conversions of one period's cohorts.
pub fn conversions(
    leads: Picked<Lead>,
    stages: &[Stages],
    lags: &[Option<f64>; 6],
    window: &Window,
) -> Conversions {
    let mut steps = [Conversion::default(); 6];
    for (i, lead) in leads.indexed() {
        let stage = &stages[i];
        for (step, conversion) in STEPS.iter().zip(steps.iter_mut()) {
            if window.holds((step.from)(lead)) {
                conversion.cohort += 1;
                conversion.reached += u64::from((step.to)(stage).is_some());
            }
        }
    }
    for (conversion, lag) in steps.iter_mut().zip(lags) {
        conversion.rate = share(conversion.reached, conversion.cohort);
        conversion.lag_p90_days = *lag;
        conversion.young = is_young(window, *lag);
    }
    let [
        lead_to_mql,
        mql_to_sql,
        sql_to_opportunity,
        opportunity_to_won,
        mql_to_opportunity,
        mql_to_won,
    ] = steps;
    Conversions {
        lead_to_mql,
        mql_to_sql,
        sql_to_opportunity,
        opportunity_to_won,
        mql_to_opportunity,
        mql_to_won,
    }
}

fn is_young(window: &Window, lag_days: Option<f64>) -> bool {
    let age = (window.cut_off - window.end()).num_seconds() as f64 / SECONDS_PER_DAY;
    !window.complete() || lag_days.is_some_and(|lag| age < lag)
}

impl Conversions {
    /// Every step with its key, in order.
    pub fn steps(&self) -> [(&'static str, &Conversion); 6] {
        [
            ("lead_to_mql", &self.lead_to_mql),
            ("mql_to_sql", &self.mql_to_sql),
            ("sql_to_opportunity", &self.sql_to_opportunity),
            ("opportunity_to_won", &self.opportunity_to_won),
            ("mql_to_opportunity", &self.mql_to_opportunity),
            ("mql_to_won", &self.mql_to_won),
        ]
    }
}
