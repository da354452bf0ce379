//! The figures behind the views that prove the headline (issue 16), each
//! built once for its chart and its CSV: the funnel on the headline's
//! basis, the MQL cohort curves, and last review's plan against this
//! period's result.

use super::grid::{Grid, Placement, number, optional, text};
use crate::metrics::Review;
use crate::metrics::plan::PlanCheck;
use crate::metrics::words::{count, money, per_week, percent};
use crate::render::reasons;

/// The funnel the chart draws and its CSV holds.
pub struct FunnelStages {
    /// Whether the stages follow the period's MQLs down the funnel (the
    /// basis of the headline MQL → SQL) rather than count stage entries.
    pub cohort: bool,
    /// Stage name and leads, from the top.
    pub stages: Vec<(&'static str, u64)>,
}

/// The period's MQLs and how far they got by the cut-off: the headline
/// MQL → SQL's basis, so the chart's "7% of MQLs" is the tile's 7%. A
/// period without MQLs (a portal that skips the stage) has no such
/// cohort and no MQL → SQL tile: its funnel counts the stage entries in
/// the period, and says so.
pub fn funnel_stages(review: &Review) -> FunnelStages {
    let c = &review.conversion;
    if c.mql_to_sql.cohort > 0 {
        return FunnelStages {
            cohort: true,
            stages: vec![
                ("MQLs", c.mql_to_sql.cohort),
                ("Reached SQL", c.mql_to_sql.reached),
                ("Reached opportunity", c.mql_to_opportunity.reached),
                ("Won", c.mql_to_won.reached),
            ],
        };
    }
    let f = &review.funnel;
    FunnelStages {
        cohort: false,
        stages: vec![
            ("New leads", f.leads),
            ("MQLs", f.mqls),
            ("SQLs", f.sqls),
            ("Opportunities", f.opportunities),
            ("Won", f.won),
        ],
    }
}

/// What the funnel section's charts and figures count, said beside them.
pub fn funnel_basis(review: &Review) -> String {
    let label = &review.period.label;
    if funnel_stages(review).cohort {
        format!(
            "The chart follows {label}'s MQLs, the MQL → SQL headline's basis; the figures count stage entries in {label}."
        )
    } else {
        format!(
            "No lead has an MQL date in {label}: the funnel chart, like the figures, counts each stage's entries in the period, each as a share of the stage above."
        )
    }
}

/// The funnel chart's CSV.
fn funnel_table(review: &Review) -> Grid {
    let funnel = funnel_stages(review);
    let share_header = if funnel.cohort {
        "Share of the MQLs"
    } else {
        "Share of the stage above"
    };
    let mut grid = Grid::new("funnel.csv", "Funnel", &["Stage", "Leads", share_header])
        .placed(Placement::Download);
    let first = funnel.stages.first().map_or(0, |s| s.1);
    let mut above = None;
    for (stage, leads) in &funnel.stages {
        let base = if funnel.cohort { Some(first) } else { above };
        let share = base.and_then(|b| crate::metrics::stats::share(*leads, b));
        grid.push(vec![text(stage), number(*leads), optional(share, percent)]);
        above = Some(*leads);
    }
    grid
}

/// The cohort curves' CSV: every tenth day since MQL each cohort was
/// observed, with how many of its MQLs were observed that long and how
/// many of those had reached SQL and won.
fn cohort_table(review: &Review) -> Grid {
    let mut grid = Grid::new(
        "cohort-curves.csv",
        "MQL cohorts by days since MQL",
        &[
            "MQLs of",
            "Days since MQL",
            "MQLs observed that long",
            "Reached SQL",
            "SQL share",
            "Won",
            "Won share",
        ],
    )
    .placed(Placement::Download);
    for cohort in &review.cohort_curves {
        for d in cohort.days.iter().filter(|d| d.observed > 0) {
            grid.push(vec![
                text(&cohort.period),
                number(u64::from(d.day)),
                number(d.observed),
                number(d.sql),
                optional(d.sql_share, percent),
                number(d.won),
                optional(d.won_share, percent),
            ]);
        }
    }
    grid
}

/// One planned measure against its result.
pub struct PlanMeasure {
    pub measure: String,
    /// As the page shows them.
    pub planned: String,
    pub actual: String,
    /// As the CSV holds them.
    pub planned_raw: Option<f64>,
    pub actual_raw: Option<f64>,
    /// Result ÷ plan.
    pub ratio: Option<f64>,
}

/// Last review's plan for this period against what happened: the weekly
/// supply, the reps and the revenue, those the plan set.
pub fn plan_measures(review: &Review) -> Vec<PlanMeasure> {
    let Some(k) = review.plan.check.as_ref() else {
        return Vec::new();
    };
    let noun = reasons::supply_noun(review.method.ready_for_sales);
    let mut measures = vec![measure(
        format!("{} a week", capitalised(noun)),
        Some(k.planned_per_week),
        k.delivered_per_week,
        &per_week,
    )];
    if let Some(reps) = k.planned_reps {
        measures.push(measure(
            "Reps".into(),
            Some(reps as f64),
            Some(k.active_reps as f64),
            &|v| count(v as u64),
        ));
    }
    if k.revenue_target.is_some() {
        measures.push(revenue_measure(review, k));
    }
    measures
}

fn revenue_measure(review: &Review, k: &PlanCheck) -> PlanMeasure {
    let currency = review.currency.as_str();
    measure(
        "Won revenue".into(),
        k.revenue_target,
        Some(k.won_amount),
        &|v| money(v, currency),
    )
}

fn measure(
    name: String,
    planned: Option<f64>,
    actual: Option<f64>,
    shown: &dyn Fn(f64) -> String,
) -> PlanMeasure {
    let words = |v: Option<f64>| v.map_or_else(|| "none".to_string(), shown);
    PlanMeasure {
        measure: name,
        planned: words(planned),
        actual: words(actual),
        planned_raw: planned,
        actual_raw: actual,
        ratio: planned
            .zip(actual)
            .and_then(|(p, a)| crate::metrics::stats::ratio(a, p)),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The plan check's CSV.
fn plan_check_table(review: &Review) -> Grid {
    let planned_in = review.plan.check.as_ref().map_or_else(
        || "the previous review".to_string(),
        |k| k.planned_in.clone(),
    );
    let mut grid = Grid::new(
        "plan-check.csv",
        format!(
            "{planned_in}'s plan for {} against the result",
            review.period.label
        ),
        &["Measure", "Planned", "Result", "Result ÷ plan"],
    )
    .placed(Placement::Download);
    for m in plan_measures(review) {
        grid.push(vec![
            text(&m.measure),
            optional(m.planned_raw, |_| m.planned.clone()),
            optional(m.actual_raw, |_| m.actual.clone()),
            optional(m.ratio, |r| format!("{r:.2}")),
        ]);
    }
    grid
}

/// The tables of the three views, all downloads beside their charts.
pub fn proof_tables(review: &Review) -> Vec<Grid> {
    vec![
        funnel_table(review),
        cohort_table(review),
        plan_check_table(review),
    ]
}
