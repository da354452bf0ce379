//! Metrics stage: records and settings in, one [`Review`] per period out.
//! No templates, no files: every figure here is plain data, and a figure
//! that cannot be computed is `None` with its [`Reason`] in `unavailable`
//! (worded by render). Metrics cannot fail: the records and settings
//! reaching it are valid, and every gap is a reason, never an error.
//!
//! One file per family. The per-lead join ([`follow_up`]) is made once for
//! all periods, and so is the routing of leads and follow-ups to the
//! periods they count in ([`reach`]): each period's figures then visit
//! only those.
//! Comparison, targets, plan and findings come last: they read the
//! finished figures of every period.

pub mod alignment;
pub mod balance;
pub mod capacity;
pub mod cohort;
pub mod comparison;
pub mod conversion;
pub mod efficiency;
mod extent;
pub mod figure;
pub mod findings;
pub mod flow;
pub mod follow_up;
pub mod funnel;
mod gaps;
pub mod investment;
pub mod method;
pub mod money;
pub mod pipeline;
pub mod plan;
pub mod plan_outlook;
pub mod plan_weights;
pub mod queue;
pub mod reach;
pub mod reason;
pub mod speed;
pub mod stats;
pub mod targets;
pub mod team;
pub mod window;
pub mod words;

pub use alignment::Alignment;
pub use balance::{BALANCED_BAND, Balance, Verdict};
pub use comparison::Comparison;
pub use conversion::Conversions;
pub use efficiency::Efficiency;
pub use figure::Figure;
pub use findings::{Finding, Section};
pub use flow::Week;
pub use funnel::{Funnel, Segments};
pub use investment::Investment;
pub use money::{Revenue, SpendFigures};
pub use pipeline::Pipeline;
pub use plan::Plan;
pub use reason::Reason;
pub use speed::Speed;
pub use targets::Target;
pub use team::Rep;

use crate::config::Settings;
use crate::ledger::Totals;
use crate::model::{Period, ReadyBasis, Records, Stamp};
use chrono::{NaiveDate, NaiveDateTime};
use follow_up::Join;
use gaps::{Gaps, note_comparison_gaps, note_gaps};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use window::Window;

/// Figure name (`family.figure`) to the reason it could not be computed.
pub type Unavailable = BTreeMap<Figure, Reason>;

/// Records why a figure is not available (the first reason given wins).
pub fn note(unavailable: &mut Unavailable, key: Figure, reason: Reason) {
    unavailable.entry(key).or_insert(reason);
}

/// The period a review covers, as metrics.json writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct PeriodInfo {
    pub label: String,
    #[serde(skip)]
    pub slug: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Whether the period had ended by the data cut-off.
    pub complete: bool,
}

/// Every figure of one review; serialises to its metrics.json.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Review {
    pub period: PeriodInfo,
    #[serde(serialize_with = "iso_seconds")]
    pub as_of: NaiveDateTime,
    pub currency: String,
    pub funnel: Funnel,
    /// Cohort conversion of the period's stage entries by the cut-off.
    pub conversion: Conversions,
    /// The MQLs of the period and of up to three periods before it, each
    /// followed day by day since MQL to SQL and to won (oldest first).
    pub cohort_curves: Vec<cohort::CohortCurve>,
    /// The funnel by source, function and channel.
    pub segments: Segments,
    pub revenue: Revenue,
    pub spend: SpendFigures,
    pub investment: Investment,
    pub efficiency: Efficiency,
    pub speed_to_lead: Speed,
    pub team: Vec<Rep>,
    pub balance: Balance,
    pub flow: Vec<Week>,
    pub pipeline: Pipeline,
    pub alignment: Alignment,
    pub comparison: Comparison,
    /// Headline figures with a target, judged met, near or missed.
    pub targets: BTreeMap<Figure, Target>,
    pub plan: Plan,
    /// Largest effect first.
    pub findings: Vec<Finding>,
    pub data_quality: Totals,
    /// Figure name to the reason it could not be computed.
    #[serde(skip)]
    pub unavailable: Unavailable,
    /// metrics.json's `unavailable`: each reason in words, filled by
    /// render (`render::word`) right after metrics.
    #[serde(rename = "unavailable")]
    pub unavailable_words: BTreeMap<Figure, String>,
    /// The definitions the exports called for, where they differ from
    /// the usual ones.
    pub method: method::Method,
    /// Deals no review can show where their dates put them.
    pub deal_checks: method::DealChecks,
}

impl Review {
    /// The share of the period's days observed by the cut-off (1 when
    /// complete).
    pub fn period_observed_share(&self) -> f64 {
        let days = (self.period.end - self.period.start).num_days() + 1;
        let last = self.period.end.min(self.as_of.date());
        let seen = ((last - self.period.start).num_days() + 1).clamp(1, days);
        seen as f64 / days as f64
    }
}

fn iso_seconds<S: serde::Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&at.format("%Y-%m-%dT%H:%M:%S").to_string())
}

/// Computes one review per period, oldest first, from the first period with
/// data to the one containing the cut-off. Empty when there is no data.
/// Times its join, lags, capacity evidence and periods in `steps`.
pub fn compute(
    records: &Records,
    data_quality: Totals,
    settings: &Settings,
    steps: &mut crate::timings::Timings,
) -> Vec<Review> {
    let extent = steps.time("dates", || extent::Extent::of(records));
    let Some(as_of) = settings.as_of.or(extent.newest) else {
        return Vec::new();
    };
    let Some(first_day) = extent.oldest_day else {
        return Vec::new();
    };
    let join = steps.time("join", || follow_up::join(records, as_of));
    let windows: Vec<Window> = periods(first_day, as_of.date(), settings, &extent.days)
        .into_iter()
        .map(|period| Window::new(period, as_of))
        .collect();
    // Each pair below is two passes of one thread each: side by side on
    // both cores. Every review sees its cohorts from the same cut-off:
    // each period's curve is made once, in one pass over the leads.
    let (cohorts, capacity) = steps.time("cohorts, capacity", || {
        rayon::join(
            || cohort::cohort_curves(&records.leads, records.ready_basis, &join.stages, &windows),
            // A lead stops loading its rep at the workable age, the same
            // limit as the queue's workable part (`[capacity]
            // workable_days`), not at the drop window: a dropped lead is
            // still in the queue.
            || capacity::Daily::of(&join.follow_ups, &windows, settings.workable_days),
        )
    });
    let lags = steps.time("lags", || conversion::lags(&records.leads, &join.stages));
    // The plan's horizon: MQL to won, or, where the portal skips the MQL
    // stage, new lead to won (every lead is supply from its creation).
    let supply_to_won_lag = match records.ready_basis {
        ReadyBasis::Mql => lags[5],
        ReadyBasis::Created => conversion::lag(
            &records.leads,
            &join.stages,
            |lead| ReadyBasis::Created.supply_at(lead),
            |stages| stages.won,
        ),
    };
    let (reach, mqls) = steps.time("reach, plan mqls", || {
        rayon::join(
            || reach::Reach::of(&records.leads, &join.follow_ups, &windows),
            || {
                let cut_off = Stamp::clamped(as_of);
                plan::mqls(
                    &records.leads,
                    records.ready_basis,
                    &join.follow_ups,
                    &join.stages,
                    settings,
                    cut_off,
                )
            },
        )
    });
    let (names, method) = steps.time("names, method", || {
        rayon::join(
            || team::display_names(records, settings.privacy),
            || with_stage_fallback(method::method(records, &join), records),
        )
    });
    let shared = Shared {
        records,
        settings,
        data_quality,
        lags,
        supply_to_won_lag,
        names,
        method,
        capacity,
        join,
        cohorts,
        reach,
        mqls,
    };
    // Periods are independent until compared: computed on every core,
    // collected in period order.
    let mut reviews: Vec<Review> = steps.time("periods", || {
        windows
            .into_par_iter()
            .enumerate()
            .map(|(i, window)| review(&shared, i, window))
            .collect()
    });
    let reviewed: Vec<(NaiveDate, NaiveDate)> = reviews
        .iter()
        .map(|r| (r.period.start, r.period.end))
        .collect();
    let deal_checks = method::DealChecks::of(records, &reviewed);
    for review in &mut reviews {
        review.deal_checks = deal_checks;
    }
    compare(&mut reviews, settings);
    for review in &mut reviews {
        review.targets = targets::targets(review, settings);
        review.findings = findings::findings(review, settings);
    }
    reviews
}

/// What every period's figures share: the records, the join made once,
/// the step lags over all the data, the reps' shown names and the cohort
/// curves.
struct Shared<'a> {
    records: &'a Records,
    settings: &'a Settings,
    data_quality: Totals,
    join: Join<'a>,
    lags: [Option<f64>; 6],
    /// The plan's horizon (see `compute`).
    supply_to_won_lag: Option<f64>,
    names: HashMap<String, String>,
    method: method::Method,
    /// The MQL cohort curve of every reviewed period with MQLs.
    cohorts: Vec<cohort::CohortCurve>,
    /// Every rep's first touches and waiting leads per day, for each
    /// period's rep-weeks.
    capacity: capacity::Daily<'a>,
    /// The leads and follow-ups each period's figures read.
    reach: reach::Reach,
    /// Every MQL seen from the cut-off, for the plans' trailing windows.
    mqls: Vec<plan_outlook::TrailingMql>,
}

/// The periods from the first with data to the one holding the cut-off.
/// A run of a year or more of periods without any data (a time log from
/// 2014 beside this year's CRM) gets no reviews: the review after it
/// says so instead (see [`note_comparison_gaps`]). A shorter quiet spell
/// keeps its reviews: an empty quarter in a running business is news.
fn periods(
    first: NaiveDate,
    last: NaiveDate,
    settings: &Settings,
    with_data: &BTreeSet<NaiveDate>,
) -> Vec<Period> {
    let mut period = Period::containing(first, settings.period, settings.fiscal_year_start);
    let mut periods = Vec::new();
    let mut quiet = Vec::new();
    let year = comparison::periods_per_year(settings.period);
    while period.start <= last {
        let next = period.next(settings.period, settings.fiscal_year_start);
        let holds_data = with_data.range(period.start..=period.end).next().is_some();
        if holds_data || next.start > last {
            if quiet.len() < year {
                periods.append(&mut quiet);
            }
            quiet.clear();
            periods.push(period);
        } else {
            quiet.push(period);
        }
        period = next;
    }
    periods
}

/// The figures of the `i`-th period, from the leads and follow-ups it
/// reaches.
fn review(shared: &Shared, i: usize, window: Window) -> Review {
    let (records, settings, join) = (shared.records, shared.settings, &shared.join);
    let leads = shared.reach.leads(i, &records.leads);
    let follow_ups = shared.reach.follow_ups(i, &join.follow_ups);
    let mut unavailable = Unavailable::new();
    let next = window
        .period
        .next(settings.period, settings.fiscal_year_start);
    let funnel = funnel::funnel(leads, &records.deals, &window);
    let segments = funnel::segments(leads, &records.deals, join, &window, settings);
    let conversion = conversion::conversions(leads, &join.stages, &shared.lags, &window);
    let cohort_curves = own_cohorts(&shared.cohorts, &window.period, settings);
    let speed = speed::speed(
        follow_ups,
        &join.stages,
        &window,
        &settings.sla,
        join.has_untimed,
    );
    let inventory = flow::inventory(follow_ups, &join.stages, &window, settings.workable_days);
    let queue = queue::queue(
        follow_ups,
        window.end(),
        settings.workable_days,
        inventory.absorption_per_week,
        &shared.names,
    );
    let supply = balance::Supply {
        leads: match join.ready_basis {
            ReadyBasis::Mql => funnel.mqls,
            ReadyBasis::Created => follow_ups
                .into_iter()
                .filter(|f| window.contains(f.ready))
                .count() as u64,
        },
        basis: join.ready_basis,
    };
    let (balance, missing) = balance::balance(
        follow_ups,
        &window,
        balance::Inputs {
            supply,
            setting: settings.leads_per_rep_week,
            rep_weeks: shared.capacity.rep_weeks(&window),
            inventory,
            queue,
        },
    );
    unavailable.extend(missing);
    let mut balance = balance;
    show_reps(&mut balance.rep_weeks, &shared.names);
    let spend = money::spend(&records.spend, &window);
    let revenue = money::revenue(&records.deals, &window);
    let investment = investment::investment(
        &records.budget,
        &records.hours,
        &window,
        &investment::Outcomes {
            ads: spend.total,
            mqls: funnel.mqls,
            won_amount: revenue.won_amount,
            won_by_owner: money::won_by_owner(&records.deals, &window),
            target: settings.targets.marketing_share,
        },
        &mut unavailable,
    );
    let efficiency = efficiency::efficiency(
        &efficiency::Inputs {
            records,
            funnel: &funnel,
            segments: &segments,
            investment: &investment,
            first_touches: follow_ups
                .into_iter()
                .filter(|f| window.holds(f.touch))
                .count() as u64,
            settings,
        },
        &window,
        &mut unavailable,
    );
    let pipeline = pipeline::pipeline(
        &pipeline::Inputs {
            deals: &records.deals,
            activity: &records.activity,
            join,
            revenue: &revenue,
            next: &next,
            settings,
        },
        &window,
        &mut unavailable,
    );
    let plan = plan::plan(
        &plan::Inputs {
            mqls: &shared.mqls,
            deals: &records.deals,
            mql_to_won_lag: shared.supply_to_won_lag,
            balance: &balance,
            next: &next,
            settings,
        },
        &window,
        &mut unavailable,
    );
    let alignment = alignment::alignment(
        leads,
        follow_ups,
        &records.deals,
        join,
        &window,
        &mut unavailable,
    );
    note_gaps(&funnel, &conversion, &speed, &revenue, &mut unavailable);
    Review {
        period: PeriodInfo {
            label: window.period.label.clone(),
            slug: window.period.slug.clone(),
            start: window.period.start,
            end: window.period.end,
            complete: window.complete(),
        },
        as_of: window.as_of,
        currency: settings.currency.clone(),
        flow: flow::weekly_flow(follow_ups, &window, &settings.sla),
        team: team::team(follow_ups, &window, &settings.sla, &shared.names),
        funnel,
        conversion,
        cohort_curves,
        segments,
        revenue,
        spend,
        investment,
        efficiency,
        speed_to_lead: speed,
        balance,
        pipeline,
        alignment,
        comparison: Comparison::default(),
        targets: BTreeMap::new(),
        findings: Vec::new(),
        data_quality: shared.data_quality,
        unavailable,
        unavailable_words: BTreeMap::new(),
        method: with_scaled_stage_weights(shared.method.clone(), &plan),
        plan,
        deal_checks: method::DealChecks::default(),
    }
}

/// The cohorts a review follows: its own period's MQLs and those of the
/// three periods before it (a year of quarters), oldest first.
fn own_cohorts(
    cohorts: &[cohort::CohortCurve],
    period: &Period,
    settings: &Settings,
) -> Vec<cohort::CohortCurve> {
    let (kind, fy) = (settings.period, settings.fiscal_year_start);
    let mut first = period.clone();
    for _ in 0..3 {
        first = first.previous(kind, fy);
    }
    cohorts
        .iter()
        .filter(|c| first.start <= c.start && c.start <= period.start)
        .cloned()
        .collect()
}

/// The method with the plan's stage-weight fallback, where taken.
fn with_stage_fallback(mut method: method::Method, records: &Records) -> method::Method {
    method.taken.extend(plan_weights::fallback(&records.deals));
    method
}

/// The method with this review's scaling of HubSpot's default stage
/// weights to the win rate, where the plan took it.
fn with_scaled_stage_weights(mut method: method::Method, plan: &plan::Plan) -> method::Method {
    method.taken.extend(
        plan.stage_weights_scaling
            .map(method::Fallback::DefaultStageWeightsScaled),
    );
    method
}

/// Rep-weeks under the reps' shown names (`[privacy] owners`), sorted by
/// them: the raw names never reach the site.
fn show_reps(weeks: &mut [capacity::RepWeek], names: &HashMap<String, String>) {
    for w in weeks.iter_mut() {
        if let Some(shown) = names.get(&w.owner) {
            w.owner = shown.clone();
        }
    }
    weeks.sort_by(|a, b| (&a.owner, a.week_start).cmp(&(&b.owner, b.week_start)));
}

/// Fills every review's comparison with the previous period and the same
/// period a year earlier (where they have reviews), and its source mix
/// shift.
fn compare(reviews: &mut [Review], settings: &Settings) {
    let (kind, fy) = (settings.period, settings.fiscal_year_start);
    let index_of =
        |start: NaiveDate, reviews: &[Review]| reviews.iter().position(|r| r.period.start == start);
    for i in 0..reviews.len() {
        let period = Period::containing(reviews[i].period.start, kind, fy);
        let before = period.previous(kind, fy);
        let year_start = period.start - chrono::Months::new(12);
        let p = index_of(before.start, reviews);
        let y = index_of(year_start, reviews);
        let previous = p.map(|p| comparison::against(&reviews[i], &reviews[p]));
        let year_ago = y.map(|y| comparison::against(&reviews[i], &reviews[y]));
        let mix_before = p.map(|p| reviews[p].segments.by_source.clone());
        let earlier = i
            .checked_sub(1)
            .map(|e| (reviews[e].period.label.clone(), reviews[0].period.start));
        // The previous period's review comes earlier in the list.
        if let Some(p) = p.filter(|p| *p < i) {
            let (earlier, rest) = reviews.split_at_mut(i);
            plan::check(&mut rest[0], &earlier[p]);
        }
        let review = &mut reviews[i];
        let (mix, shift) = alignment::mix(&review.segments.by_source, mix_before.as_ref());
        review.alignment.source_mix = mix;
        review.alignment.mix_shift = shift;
        let gaps = Gaps {
            no_previous: previous.is_none(),
            no_year_ago: year_ago.is_none(),
            earlier,
        };
        note_comparison_gaps(review, &gaps, settings);
        review.comparison = Comparison { previous, year_ago };
    }
}
