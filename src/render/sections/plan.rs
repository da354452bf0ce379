//! The Plan section's figures: the one weekly target with its range over
//! the recent periods' conversion, the reps and capacity it needs, the
//! next period projected at that rate, and last review's plan against
//! what happened.

use super::figures::{FigureView, Name, Row, Value, cur, figures, not_available};
use super::grid::{Grid, Placement, number, optional, text};
use crate::config::Settings;
use crate::metrics::plan_outlook::{LeftOut, Projection};
use crate::metrics::words::{count, money, per_week, percent};
use crate::metrics::{Figure, Review};
use crate::model::WeightBasis;
use crate::render::reasons;

const TARGET: &[Row] = &[
    Row {
        name: Name::Text("Revenue target"),
        value: Value::Or(Figure::MqlsNeeded, |r| {
            r.plan.revenue_target.map(|v| money(v, cur(r)))
        }),
    },
    Row {
        name: Name::Text("Marketing-sourced share of won revenue"),
        value: Value::Or(Figure::MqlsNeeded, |r| {
            r.plan.marketing_won_share.map(percent)
        }),
    },
    Row {
        name: Name::Made(|r, _| {
            let one = title_case(reasons::supply_one(r.method.ready_for_sales));
            match r.plan.horizon_days {
                Some(h) => format!("{one} → won within {h} days (last four quarters)"),
                None => format!("{one} → won (last four quarters)"),
            }
        }),
        value: Value::Or(Figure::MqlsNeeded, |r| {
            let p = &r.plan;
            Some(format!(
                "{} ({})",
                rate_words(p.mql_to_won?),
                p.conversion_periods.join(", ")
            ))
        }),
    },
    Row {
        name: Name::Text("Average marketing-sourced won deal"),
        value: Value::Or(Figure::MqlsNeeded, |r| {
            r.plan.average_won_deal.map(|v| money(v, cur(r)))
        }),
    },
    Row {
        name: Name::Made(|r, _| format!("{} needed in {}", supply_title(r), r.plan.period)),
        value: Value::Or(Figure::MqlsNeeded, |r| r.plan.mqls_needed.map(count)),
    },
    Row {
        name: Name::Made(|r, _| format!("{} needed a week", supply_title(r))),
        value: Value::Or(Figure::MqlsNeeded, |r| {
            r.plan.mqls_needed_per_week.map(per_week)
        }),
    },
];

const FOLLOW_UP: &[Row] = &[
    Row {
        name: Name::Text("Follow-up capacity a week (this period)"),
        value: Value::Or(Figure::CapacityPerWeek, |r| {
            r.plan.capacity_per_week.map(per_week)
        }),
    },
    Row {
        name: Name::Of(Figure::PlanLoad),
        // Without MQLs needed there is no load either: its reason says why.
        value: Value::OrFirst([Figure::PlanLoad, Figure::MqlsNeeded], |r| {
            let p = &r.plan;
            let active = count(p.active_reps);
            p.reps_needed
                .map(|n| format!("{} (active: {active})", count(n)))
        }),
    },
];

/// Plan section figures.
pub fn plan(review: &Review, settings: &Settings) -> Vec<FigureView> {
    let mut rows = figures(TARGET, review, settings);
    rows.extend(range(review));
    rows.extend(figures(FOLLOW_UP, review, settings));
    rows.extend(plan_check(review));
    rows
}

/// "quarter" for quarterly reviews, "month", "half-year": read from the
/// review's own length, so every caller words it alike.
fn period_noun(review: &Review) -> &'static str {
    match (review.period.end - review.period.start).num_days() {
        ..=31 => "month",
        32..=92 => "quarter",
        _ => "half-year",
    }
}

/// A conversion rate to a tenth of a percent: `3.2%` (whole percents
/// would read 2% and 3% for rates half apart).
fn rate_words(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// "32.7 to 46.4 by recent quarter", or the one recent period it rests
/// on: the range beside the one weekly target wherever it is shown.
pub fn range_words(review: &Review) -> Option<String> {
    let range = review.plan.range.as_ref()?;
    let (low, high) = (range.low_per_week?, range.high_per_week?);
    let period = period_noun(review);
    Some(if per_week(low) == per_week(high) {
        let used = range.periods.iter().find(|p| p.left_out.is_none())?;
        format!("on {}'s conversion alone", used.period)
    } else {
        format!(
            "{} to {} by recent {period}'s conversion",
            per_week(low),
            per_week(high)
        )
    })
}

/// The range as a tile: "30.4 to 43.4"; each period's part is in the
/// table below ([`plan_tables`]).
fn range(review: &Review) -> Option<FigureView> {
    review.plan.mqls_needed_per_week?;
    let label = format!(
        "{} needed a week by recent {}'s conversion",
        supply_title(review),
        period_noun(review)
    );
    let range = review.plan.range.as_ref();
    let value = match range.and_then(|r| r.low_per_week.zip(r.high_per_week)) {
        Some((low, high)) if per_week(low) == per_week(high) => per_week(low),
        Some((low, high)) => format!("{} to {}", per_week(low), per_week(high)),
        None => {
            return Some(FigureView {
                label,
                value: not_available(review, &[Figure::PlanRange]),
                na: true,
                print_only: false,
            });
        }
    };
    Some(FigureView {
        label,
        value,
        na: false,
        print_only: false,
    })
}

/// Plan section: each recent period's conversion and the weekly target
/// it gives, those left out with the reason.
pub fn plan_tables(review: &Review) -> Vec<Grid> {
    let Some(range) = review.plan.range.as_ref() else {
        return Vec::new();
    };
    let horizon = review.plan.horizon_days.unwrap_or(0);
    // The same header in every review, so the CSV files stack; the note
    // gives this review's horizon and next period.
    let noun = title_case(period_noun(review));
    let supply = supply_title(review);
    let needed = format!("{supply} needed a week");
    let header = [
        noun.as_str(),
        supply.as_str(),
        "Seen for the whole horizon",
        "Dropped",
        "Won within the horizon",
        needed.as_str(),
        "Next period projected",
        "In the range",
    ];
    let c = cur(review);
    let mut grid = Grid::new(
        "plan-range.csv",
        format!(
            "The weekly target at each recent {}'s own conversion",
            period_noun(review)
        ),
        &header,
    )
    .note(format!(
        "The horizon is {horizon} days (the 90th-percentile {one}-to-won lag); the projection is of {next} at the one weekly target. A {period} is in the range when nine in ten of its {many} were seen for the whole horizon, at most half were dropped (not touched within the drop window: the conversion of leads sales never reached is not the one the plan's reps and SLA buy) and one was won. The one target's conversion counts every {period} whose follow-up held, a young one's {many} for the days they were seen.",
        one = reasons::supply_one(review.method.ready_for_sales),
        many = reasons::supply_noun(review.method.ready_for_sales),
        period = period_noun(review),
        next = review.plan.period
    ))
    // On screen; the tile holds the range on paper, which keeps the
    // printed review within ten pages.
    .placed(Placement::Screen);
    for p in &range.periods {
        grid.push(vec![
            text(&p.period),
            number(p.mqls),
            optional(Some(p.observed_share), percent),
            optional(Some(p.dropped_share), percent),
            optional(Some(p.conversion), rate_words),
            optional(p.per_week, per_week),
            optional(p.projected, |v| money(v, c)),
            text(left_out_words(p.left_out)),
        ]);
    }
    vec![grid]
}

/// What the plan asks marketing for: `MQLs`, or `Leads` where the portal
/// skips the MQL stage (every new lead is supply).
fn supply_title(review: &Review) -> String {
    title_case(reasons::supply_noun(review.method.ready_for_sales))
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether a period's own target is in the range, or why not.
fn left_out_words(left_out: Option<LeftOut>) -> &'static str {
    match left_out {
        None => "yes",
        Some(LeftOut::Young) => "no: too young",
        Some(LeftOut::FollowUpBroke) => "no: follow-up broke down",
        Some(LeftOut::NoWin) => "no: no win",
    }
}

/// "$488,486 of the $236,877 marketing must bring: …".
fn projection_words(review: &Review) -> Option<String> {
    let p: &Projection = review.plan.projection.as_ref()?;
    let c = cur(review);
    let weight = weight_words(review, p);
    let rest = if p.total < p.target {
        "; the rest arrives after the lag"
    } else {
        ""
    };
    Some(format!(
        "{} of marketing's {}: {} from {} open deal(s){weight}, {} from {} lead(s) in hand, {} from new {}{rest}",
        money(p.total, c),
        money(p.target, c),
        money(p.from_open_pipeline, c),
        count(p.open_deals),
        money(p.from_leads_in_hand, c),
        count(p.leads_in_hand),
        money(p.from_new_mqls, c),
        reasons::supply_noun(review.method.ready_for_sales),
    ))
}

/// How the open deals were weighed: by stage (and against the win rate
/// they would have at the team's record; HubSpot's defaults, scaled to
/// it, say so), or at the win rate alone.
fn weight_words(review: &Review, p: &Projection) -> String {
    let won = p.win_rate.map(percent).unwrap_or_default();
    let only_win_rate = review
        .plan
        .stage_weights_basis
        .keys()
        .all(|b| *b == WeightBasis::WinRate);
    let scaled = review.plan.stage_weights_scaling.as_ref();
    match crate::metrics::stats::ratio(p.from_open_pipeline, p.open_amount) {
        Some(_) if only_win_rate => format!(" at the {won} win rate"),
        Some(w) => match scaled {
            Some(s) => format!(
                " weighted {} by stage (HubSpot's defaults, {} on these deals, scaled to the {won} win rate)",
                percent(w),
                percent(s.default_average)
            ),
            None => format!(" weighted {} by stage (win rate {won})", percent(w)),
        },
        None => String::new(),
    }
}

/// "At the target rate, 2026-Q4 is projected at …": the plan section's
/// sentence under its figures.
pub fn projection_sentence(review: &Review) -> Option<String> {
    review.plan.mqls_needed_per_week?;
    let period = &review.plan.period;
    Some(match projection_words(review) {
        Some(words) => format!("At the target rate {period} is projected at {words}."),
        None => format!(
            "{period} projected at the target rate: {}.",
            not_available(review, &[Figure::PlanProjection])
        ),
    })
}

/// Last review's plan for this period against what happened, in words:
/// on paper only, where `plan-check.svg` (screen only) does not print.
fn plan_check(review: &Review) -> Option<FigureView> {
    let k = review.plan.check.as_ref()?;
    let c = cur(review);
    let noun = reasons::supply_noun(review.method.ready_for_sales);
    let delivered = k
        .delivered_per_week
        .map_or_else(|| "none".to_string(), per_week);
    let reps = k
        .planned_reps
        .map(|r| {
            format!(
                "; reps {} planned, {} active",
                count(r),
                count(k.active_reps)
            )
        })
        .unwrap_or_default();
    let revenue = k
        .revenue_target
        .map(|t| format!("; won {} against {}", money(k.won_amount, c), money(t, c)))
        .unwrap_or_default();
    Some(FigureView {
        label: format!(
            "{}'s plan for {} against what happened",
            k.planned_in, review.period.label
        ),
        value: format!(
            "{} {noun} a week planned, {delivered} delivered{reps}{revenue}",
            per_week(k.planned_per_week)
        ),
        na: false,
        print_only: true,
    })
}
