//! Chart data: a review's figures turned into the charts' input structs,
//! and the chart that goes with each section of the review page.

use super::sections::{
    channel_label, function_label, funnel_stages, plan_measures, team_rows_shown,
};
use super::table::Table;
use crate::charts::{self, Side};
use crate::config::Settings;
use crate::metrics::Review;
use crate::metrics::Section;
use crate::model::Function;

/// The chart of one section of the review page: its file, the CSV that
/// holds its numbers, its text alternative and how to draw it.
pub struct SectionChart {
    pub section: Section,
    pub file: &'static str,
    pub csv: &'static str,
    alt: &'static str,
    draw: fn(&Review, &Settings) -> String,
    shown: fn(&Review) -> bool,
    /// Left out of print, so the printed review stays within ten pages.
    pub screen_only: bool,
    /// How to read the chart, said under it ("" for nothing to add).
    note: &'static str,
}

impl SectionChart {
    /// The text alternative for the review's period.
    pub fn alt(&self, review: &Review) -> String {
        self.alt.replace("{period}", &review.period.label)
    }

    /// How to read the chart, for the review's period.
    pub fn note(&self, review: &Review) -> Option<String> {
        (!self.note.is_empty()).then(|| self.note.replace("{period}", &review.period.label))
    }

    /// The chart as SVG.
    pub fn draw(&self, review: &Review, settings: &Settings) -> String {
        (self.draw)(review, settings)
    }
}

const SECTION_CHARTS: [SectionChart; 9] = [
    SectionChart {
        section: Section::Balance,
        file: "queue.svg",
        csv: "queue.csv",
        alt: "Leads ready for sales that no rep had touched at the end of {period}, by age",
        draw: |r, _| charts::queue_by_age(&queue(r)),
        shown: |_| true,
        screen_only: false,
        note: "",
    },
    SectionChart {
        section: Section::Balance,
        file: "capacity-evidence.svg",
        csv: "capacity-evidence.csv",
        alt: "First touches per rep and week over the four quarters up to {period}, with the weeks when leads waited all week marked",
        draw: |r, _| charts::capacity_evidence(&capacity(r)),
        shown: |r| !r.balance.rep_weeks.is_empty(),
        screen_only: true,
        note: "",
    },
    SectionChart {
        section: Section::Funnel,
        file: "funnel.svg",
        csv: "funnel.csv",
        alt: "Funnel of {period}: the period's MQLs and how many of them reached SQL, opportunity and won by the cut-off",
        draw: |r, _| charts::funnel(&funnel(r)),
        shown: |_| true,
        screen_only: false,
        note: "",
    },
    SectionChart {
        section: Section::Funnel,
        file: "cohort-curves.svg",
        csv: "cohort-curves.csv",
        alt: "Share of the MQLs won by days since MQL, one line for {period}'s MQLs and one for each of the periods before it",
        draw: |r, _| charts::cohort_curves(&cohorts(r)),
        shown: |r| !r.cohort_curves.is_empty(),
        screen_only: true,
        note: "The MQLs of {period} and of the periods before it, followed day by day since MQL: each MQL counts only for the days it had been an MQL by the cut-off, and a line ends when fewer than half of its MQLs had been MQLs that long.",
    },
    SectionChart {
        section: Section::FollowUp,
        file: "speed-bands.svg",
        csv: "speed-bands.csv",
        alt: "How long the leads of {period} waited for a first touch, in bands, against the SLA",
        draw: |r, s| charts::speed_bands(&speed(r, s)),
        shown: |_| true,
        screen_only: false,
        note: "",
    },
    SectionChart {
        section: Section::Spend,
        file: "channel-spend.svg",
        csv: "channel-efficiency.csv",
        alt: "Ad spend and cost per lead by channel in {period}",
        draw: |r, _| charts::channel_spend(&channels(r)),
        shown: |_| true,
        screen_only: false,
        note: "",
    },
    SectionChart {
        section: Section::Pipeline,
        file: "revenue-by-function.svg",
        csv: "pipeline-by-function.csv",
        alt: "Pipeline created and revenue won by sourcing function in {period}",
        draw: |r, _| charts::revenue_by_function(&revenue(r)),
        shown: |_| true,
        screen_only: false,
        note: "",
    },
    SectionChart {
        section: Section::Hours,
        file: "hours.svg",
        csv: "hours-by-function.csv",
        alt: "Logged hours by function in {period}",
        draw: |r, _| charts::hours_by_function(&hours(r)),
        shown: |r| r.investment.hours.total > 0.0,
        screen_only: false,
        note: "",
    },
    SectionChart {
        section: Section::Plan,
        file: "plan-check.svg",
        csv: "plan-check.csv",
        alt: "The previous review's plan for {period} against the result: the weekly target, reps and won revenue, each as a share of its plan",
        draw: |r, _| charts::plan_check(&plan_check(r)),
        shown: |r| r.plan.check.is_some(),
        screen_only: true,
        note: "",
    },
];

/// The section charts a review has data for.
pub fn section_charts(review: &Review) -> impl Iterator<Item = &'static SectionChart> + '_ {
    SECTION_CHARTS.iter().filter(move |c| (c.shown)(review))
}

fn side(function: Function) -> Side {
    match function {
        Function::Marketing => Side::Marketing,
        Function::Sales => Side::Sales,
        Function::Partner => Side::Partner,
        Function::Unknown => Side::Unknown,
    }
}

/// The funnel on the headline's basis (see [`funnel_stages`]).
fn funnel(review: &Review) -> charts::FunnelChart {
    let funnel = funnel_stages(review);
    let label = &review.period.label;
    charts::FunnelChart {
        title: if funnel.cohort {
            format!("The MQLs of {label}: how far they got by the cut-off")
        } else {
            format!("Funnel, {label}: stage entries in the period")
        },
        stages: funnel
            .stages
            .iter()
            .map(|(label, count)| charts::FunnelStage {
                label: label.to_string(),
                count: *count,
            })
            .collect(),
        shares_of_first: funnel.cohort,
    }
}

/// The MQL cohort curves, to won. A line ends at the last day at least
/// half its cohort had been observed, so its end does not rest on the
/// few oldest MQLs of a young cohort (the CSV has every observed day).
fn cohorts(review: &Review) -> charts::CohortCurvesChart {
    use crate::metrics::cohort::{CURVE_DAYS, CURVE_STEP_DAYS};
    let lines = review
        .cohort_curves
        .iter()
        .map(|c| charts::CohortLine {
            label: c.period.clone(),
            points: c
                .days
                .iter()
                .take_while(|d| d.observed * 2 >= c.mqls)
                .filter_map(|d| Some((d.day, d.won_share? * 100.0)))
                .collect(),
            current: c.period == review.period.label,
        })
        .collect();
    charts::CohortCurvesChart {
        title: format!(
            "MQLs won by days since MQL, cohorts up to {}",
            review.period.label
        ),
        measure: "Share of the MQLs won".into(),
        step_days: CURVE_STEP_DAYS as u32,
        max_day: CURVE_DAYS,
        lines,
    }
}

/// Last review's plan for this period against the result.
fn plan_check(review: &Review) -> charts::PlanCheckChart {
    let planned_in = review.plan.check.as_ref().map(|k| k.planned_in.as_str());
    charts::PlanCheckChart {
        title: format!(
            "{}'s plan for {} against the result",
            planned_in.unwrap_or("The last review"),
            review.period.label
        ),
        measures: plan_measures(review)
            .into_iter()
            .zip([Side::Marketing, Side::Sales, Side::Unknown])
            .map(|(m, side)| charts::PlanMeasure {
                label: m.measure,
                figures: format!("{} planned, {} actual", m.planned, m.actual),
                ratio: m.ratio,
                side,
            })
            .collect(),
    }
}

fn speed(review: &Review, settings: &Settings) -> charts::SpeedChart {
    let sla = settings.sla.first_touch_hours;
    charts::SpeedChart {
        title: format!("Time to first touch, {}", review.period.label),
        bands: review
            .speed_to_lead
            .bands
            .iter()
            .map(|b| charts::SpeedBand {
                label: if b.band == crate::metrics::speed::TIME_UNKNOWN {
                    "touched, time unknown".to_string()
                } else {
                    b.band
                        .replace('h', " h")
                        .replace('d', " days")
                        .replace("never", "never touched")
                },
                leads: b.leads,
                within_sla: b.within(sla),
            })
            .collect(),
        sla_label: format!("SLA {sla} h"),
    }
}

fn channels(review: &Review) -> charts::ChannelSpendChart {
    charts::ChannelSpendChart {
        title: format!("Ad spend by channel, {}", review.period.label),
        currency: review.currency.clone(),
        channels: review
            .efficiency
            .channels
            .iter()
            .filter(|(_, c)| c.spend.cents() != 0 || c.leads > 0)
            .map(|(key, c)| charts::ChannelSpend {
                label: channel_label(key),
                spend: c.spend.as_f64(),
                cost_per_lead: c.cost_per_lead,
            })
            .collect(),
    }
}

fn revenue(review: &Review) -> charts::FunctionRevenueChart {
    let p = &review.pipeline;
    charts::FunctionRevenueChart {
        title: format!(
            "Pipeline and revenue by sourcing function, {}",
            review.period.label
        ),
        currency: review.currency.clone(),
        functions: Function::ALL
            .iter()
            .map(|f| charts::FunctionMoney {
                side: side(*f),
                label: function_label(f.as_str()),
                pipeline: p
                    .created_by_function
                    .get(f.as_str())
                    .map_or(0.0, |m| m.as_f64()),
                won: p
                    .won_by_function
                    .get(f.as_str())
                    .map_or(0.0, |m| m.as_f64()),
            })
            .filter(|m| m.pipeline != 0.0 || m.won != 0.0)
            .collect(),
    }
}

fn hours(review: &Review) -> charts::HoursChart {
    let by_function = &review.investment.hours.by_function;
    charts::HoursChart {
        title: format!("Where the hours went, {}", review.period.label),
        functions: Function::ALL
            .iter()
            .filter_map(|f| {
                let hours = by_function.get(f.as_str()).copied().unwrap_or(0.0);
                (hours > 0.0).then(|| charts::FunctionHours {
                    side: side(*f),
                    label: function_label(f.as_str()),
                    hours,
                })
            })
            .collect(),
    }
}

/// The untouched queue at the period's end, by age band.
fn queue(review: &Review) -> charts::QueueChart {
    let q = &review.balance.queue;
    let labels = [
        "Under 1 day",
        "1-7 days",
        "7-30 days",
        "30-90 days",
        "Older",
    ];
    let lower_days = [0, 1, 7, 30, 90];
    charts::QueueChart {
        title: format!(
            "Untouched leads at the end of {}, by age",
            review.period.label
        ),
        bands: labels
            .iter()
            .zip(q.ages.counts())
            .zip(lower_days)
            .map(|((label, leads), lower)| charts::QueueBand {
                label: label.to_string(),
                leads,
                // A band is workable when it starts below the workable age.
                workable: lower < q.workable_days,
            })
            .collect(),
    }
}

/// The capacity evidence: first touches per rep (the reps the team table
/// shows) and week, every week from the first to the last with a touch,
/// so a quiet week shows as a blank cell rather than vanishing.
fn capacity(review: &Review) -> charts::CapacityChart {
    let shown = team_rows_shown(review);
    let weeks: Vec<&crate::metrics::capacity::RepWeek> = review
        .balance
        .rep_weeks
        .iter()
        .filter(|w| shown.contains(&w.owner))
        .collect();
    let (Some(first), Some(last)) = (
        weeks.iter().map(|w| w.week_start).min(),
        weeks.iter().map(|w| w.week_start).max(),
    ) else {
        return charts::CapacityChart {
            title: capacity_title(review),
            weeks: Vec::new(),
            reps: Vec::new(),
        };
    };
    let starts: Vec<_> = first.iter_weeks().take_while(|d| *d <= last).collect();
    let mut reps: Vec<charts::RepRow> = shown
        .iter()
        .map(|rep| charts::RepRow {
            rep: rep.clone(),
            cells: vec![charts::RepWeekCell::default(); starts.len()],
        })
        .collect();
    for w in weeks {
        let (Some(row), Ok(col)) = (
            reps.iter_mut().find(|r| r.rep == w.owner),
            starts.binary_search(&w.week_start),
        ) else {
            continue;
        };
        row.cells[col] = charts::RepWeekCell {
            first_touches: w.first_touches,
            loaded: w.loaded,
        };
    }
    charts::CapacityChart {
        title: capacity_title(review),
        weeks: starts
            .iter()
            .map(|d| d.format("%-d %b").to_string())
            .collect(),
        reps,
    }
}

fn capacity_title(review: &Review) -> String {
    format!(
        "First touches by rep and week, year to {}",
        review.period.label
    )
}

/// The weekly flow of one review.
pub fn flow(review: &Review) -> charts::WeeklyFlowChart {
    charts::WeeklyFlowChart {
        title: format!("Lead flow by week, {}", review.period.label),
        weeks: review
            .flow
            .iter()
            .map(|w| charts::WeekFlow {
                label: w.week_start.format("%-d %b").to_string(),
                supply: w.supply,
                absorption: w.absorption,
                queue: w.queue,
            })
            .collect(),
        supply_is_leads: review.method.ready_for_sales == crate::model::ReadyBasis::Created,
    }
}

/// The weekly flow's numbers.
pub fn flow_table(review: &Review) -> Table {
    let supply = match review.method.ready_for_sales {
        crate::model::ReadyBasis::Created => "New leads",
        crate::model::ReadyBasis::Mql => "New MQLs",
    };
    let mut table = Table::new(&[
        "Week starting",
        supply,
        "First touched",
        "Backlog at week end (younger than the drop window)",
        "Untouched queue at week end (every age)",
    ]);
    for w in &review.flow {
        table.push(vec![
            w.week_start.to_string(),
            w.supply.to_string(),
            w.absorption.to_string(),
            w.backlog.to_string(),
            w.queue.to_string(),
        ]);
    }
    table
}

/// Ad spend against won revenue for every review up to one.
pub fn spend(reviews: &[Review], currency: &str) -> charts::SpendRevenueChart {
    charts::SpendRevenueChart {
        title: "Ad spend and won revenue by period".into(),
        currency: currency.to_string(),
        periods: reviews
            .iter()
            .map(|r| charts::PeriodMoney {
                label: r.period.label.clone(),
                spend: r.spend.total.as_f64(),
                won: r.revenue.won_amount.as_f64(),
            })
            .collect(),
    }
}

/// The spend chart's numbers.
pub fn spend_table(reviews: &[Review]) -> Table {
    let mut table = Table::new(&["Period", "Ad spend", "Won revenue"]);
    for r in reviews {
        table.push(vec![
            r.period.label.clone(),
            format!("{:.2}", r.spend.total.as_f64()),
            format!("{:.2}", r.revenue.won_amount.as_f64()),
        ]);
    }
    table
}

/// The balance scale of one review.
pub fn balance(review: &Review) -> charts::BalanceScaleChart {
    charts::BalanceScaleChart {
        title: format!("Sales and marketing balance, {}", review.period.label),
        tilt: review.balance.tilt,
        verdict: review.balance.verdict,
        supply_per_week: review.balance.supply_per_week,
        capacity_per_week: review.balance.capacity_per_week,
        bound: review.balance.capacity_basis == Some(crate::metrics::capacity::Basis::LowerBound),
    }
}
