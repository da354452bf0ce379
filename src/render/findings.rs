//! The findings' words: every sentence and recommendation a finding reads
//! as, from the figures its rule fired on ([`crate::metrics::findings`]).
//! [`word`] fills them in before publish and render read the reviews.

mod alignment;
mod cro;

use super::view::FindingView;
use crate::config::Settings;
use crate::metrics::findings::{CostUnit, Facts, Finding, Section, Words};
use crate::metrics::words::{
    count, count_of, duration_hours, factor, money, money_cents, per_week, percent, signed_percent,
    signed_points, tilt,
};
use crate::metrics::{BALANCED_BAND, Figure, Review, Verdict};
use crate::model::Channel;

/// Words every finding of every review; a recommendation that repeats a
/// higher-ranked one in the same review is left out.
pub fn word(reviews: &mut [Review], settings: &Settings) {
    for review in reviews {
        let words: Vec<Words> = review
            .findings
            .iter()
            .map(|f| words(review, settings, f))
            .collect();
        let mut seen: Vec<String> = Vec::new();
        for (finding, mut words) in review.findings.iter_mut().zip(words) {
            if let Some(rec) = &words.recommendation {
                if seen.contains(rec) {
                    words.recommendation = None;
                } else {
                    seen.push(rec.clone());
                }
            }
            finding.words = Some(words);
        }
    }
}

/// What the wording reads besides the finding.
struct Ctx<'a> {
    r: &'a Review,
    settings: &'a Settings,
    c: &'a str,
}

fn words(review: &Review, settings: &Settings, finding: &Finding) -> Words {
    let ctx = Ctx {
        r: review,
        settings,
        c: &review.currency,
    };
    let (sentence, recommendation) = match &finding.facts {
        Facts::Tilt {
            verdict,
            tilt,
            supply,
            capacity,
            dropped,
            bound,
            more_reps,
        } => tilt_words(
            &ctx,
            *verdict,
            *tilt,
            (*supply, *capacity, *bound),
            *dropped,
            *more_reps,
        ),
        Facts::Inventory { weeks, in_hand } => inventory(&ctx, *weeks, *in_hand),
        Facts::Hours {
            verdict,
            long_share,
            short_share,
            total_hours,
            people,
        } => hours(*verdict, (*long_share, *short_share), *total_hours, *people),
        Facts::Dropped {
            dropped,
            leads,
            share,
            typical_is_fast,
        } => dropped_words(&ctx, *dropped, *leads, *share, *typical_is_fast),
        Facts::Speed {
            median_hours,
            sla_hours,
            within_sla,
        } => speed(&ctx, *median_hours, *sla_hours, *within_sla),
        Facts::SpeedImproved { now, before } => speed_improved(&ctx, *now, *before),
        Facts::SpeedConversion {
            fast_rate,
            slow_rate,
        } => (
            format!(
                "Leads touched within a day became SQLs at {}; leads first touched after 7 days at {}.",
                percent(*fast_rate),
                percent(*slow_rate)
            ),
            None,
        ),
        Facts::Conversion {
            now,
            before,
            cohort,
            young,
        } => conversion(&ctx, *now, *before, *cohort, *young),
        Facts::Target {
            figure,
            value,
            target,
        } => target_words(&ctx, *figure, *value, *target),
        Facts::Coverage {
            coverage,
            wanted,
            required,
            target,
        } => coverage_words(&ctx, *coverage, *wanted, *required, *target),
        Facts::ChannelCost { unit, dear, cheap } => channel_cost(&ctx, *unit, *dear, *cheap),
        Facts::Disqualified {
            source,
            share,
            overall,
        } => (
            format!(
                "Sales disqualified {} of the {source} leads, against {} across all sources.",
                percent(*share),
                percent(*overall)
            ),
            Some(format!(
                "Share the disqualification reasons for {source} with marketing and tighten its MQL criteria."
            )),
        ),
        Facts::MultiRep { leads, share } => alignment::multi_rep(*leads, *share),
        Facts::Duplicates { leads, share } => alignment::duplicates(*leads, *share),
        Facts::MixShift { shift, moves } => alignment::mix_shift(&ctx, *shift, moves),
        Facts::Sla { within, target } => cro::sla(&ctx, *within, *target),
        Facts::Cac { cac, deal } => cro::cac(&ctx, *cac, *deal),
        Facts::Roas {
            roas,
            paid_won,
            ad_spend,
        } => cro::roas(&ctx, *roas, *paid_won, *ad_spend),
        Facts::SmallBudget {
            function,
            spend_share,
            won_share,
            times,
        } => cro::small_budget(function, *spend_share, *won_share, *times),
    };
    Words {
        sentence,
        recommendation,
    }
}

type Said = (String, Option<String>);

impl Ctx<'_> {
    /// ` (+38% on 2026-Q2)`: the change of a figure against the previous
    /// period, or nothing.
    fn change(&self, key: Figure) -> String {
        let Some(previous) = &self.r.comparison.previous else {
            return String::new();
        };
        let Some(c) = previous.figures.get(&key) else {
            return String::new();
        };
        let label = &previous.label;
        match (c.unit, c.before, c.change, c.relative) {
            (crate::metrics::comparison::Unit::Share, _, Some(pts), _) => {
                format!(" ({} on {label})", signed_points(pts))
            }
            (_, Some(0.0), _, _) => format!(" (none in {label})"),
            (_, _, _, Some(rel)) => format!(" ({} on {label})", signed_percent(rel)),
            _ => String::new(),
        }
    }

    /// The previous review's label (the rules comparing periods need one).
    fn previous(&self) -> &str {
        self.r
            .comparison
            .previous
            .as_ref()
            .map_or("", |p| p.label.as_str())
    }

    /// The SLA as people say it: `24 h`, `1.5 h`.
    fn sla(&self) -> String {
        duration_hours(self.settings.sla.first_touch_hours)
    }
}

/// Supply and capacity a week, and whether capacity is a lower bound.
type SupplyCapacity = (f64, f64, bool);

fn tilt_words(
    ctx: &Ctx,
    verdict: Verdict,
    tilt: f64,
    (supply, capacity, bound): SupplyCapacity,
    dropped: u64,
    more_reps: Option<(u64, f64)>,
) -> Said {
    let ready = ctx.r.method.ready_for_sales;
    let times = factor(2f64.powf(tilt.abs()));
    let at_least = if bound { "at least " } else { "" };
    let weekly = format!(
        "{} {} a week against capacity for {at_least}{}",
        per_week(supply),
        super::reasons::supply_words(ready),
        per_week(capacity)
    );
    let noun = super::reasons::supply_noun(ready);
    if verdict == Verdict::SalesHeavy {
        let sentence = if bound {
            format!(
                "Sales could handle at least {times} the {noun} marketing delivered; the reps were never fully loaded: {weekly}."
            )
        } else {
            format!("Sales could follow up {times} the {noun} marketing delivered: {weekly}.")
        };
        return (sentence, Some(weekly_target(ctx, capacity)));
    }
    let cold = if dropped > 0 {
        format!(
            "; {} waited more than {} days{}",
            count_of(dropped, "lead", "leads"),
            ctx.settings.sla.drop_after_days,
            ctx.change(Figure::Dropped)
        )
    } else {
        String::new()
    };
    let rec = more_reps.map(|(extra, per_rep)| {
        format!(
            "Rebalance toward sales: {} more rep{} at the {} first touches a week a rep has shown, or {} fewer {noun} a week, would close the gap.",
            count(extra),
            if extra == 1 { "" } else { "s" },
            per_week(per_rep),
            per_week(supply - capacity)
        )
    });
    (
        format!("Marketing delivered {times} the {noun} sales can follow up: {weekly}{cold}."),
        rec,
    )
}

/// The one weekly lead target of the review: the plan's, where there is
/// one (the capacity it must fit beside it), else the capacity's.
fn weekly_target(ctx: &Ctx, capacity: f64) -> String {
    let noun = super::reasons::supply_noun(ctx.r.method.ready_for_sales);
    match ctx.r.plan.mqls_needed_per_week {
        Some(n) => format!(
            "Give marketing the plan's weekly lead target: {} {noun} a week for {}, against follow-up capacity for {}.",
            per_week(n),
            ctx.r.plan.period,
            per_week(capacity)
        ),
        None => format!(
            "Give marketing a plan with weekly lead targets: {} {noun} a week fill the follow-up capacity sales has shown.",
            per_week(capacity)
        ),
    }
}

fn inventory(ctx: &Ctx, weeks: f64, in_hand: u64) -> Said {
    let rec = ctx
        .r
        .balance
        .capacity_per_week
        .map(|cap| weekly_target(ctx, cap));
    (
        format!(
            "At the end of {} the reps had {} weeks of leads in hand ({} untouched or being worked): the pipeline is running dry.",
            ctx.r.period.label,
            per_week(weeks),
            count_of(in_hand, "MQL", "MQLs")
        ),
        rec,
    )
}

/// The hours are those of the people in the time logs (often the
/// founders), not the reps': the sentence says whose they are and
/// compares them with nobody else's.
fn hours(verdict: Verdict, (long_share, short_share): (f64, f64), total: f64, people: u64) -> Said {
    let (long, short, why) = match verdict {
        Verdict::MarketingHeavy => ("marketing", "sales", "while leads outran follow-up"),
        _ => (
            "sales",
            "marketing",
            "while follow-up had room for more leads",
        ),
    };
    let people = count_of(people, "person", "people");
    (
        format!(
            "The {people} in the time logs spent {} of their {} hours on {long} and {} on {short}, {why}.",
            percent(long_share),
            count(total.round() as u64),
            percent(short_share)
        ),
        Some(format!(
            "Shift some of these hours from {long} to {short} until the tilt is back within ±{}.",
            tilt(BALANCED_BAND).trim_start_matches('+')
        )),
    )
}

fn dropped_words(ctx: &Ctx, dropped: u64, leads: u64, share: f64, typical_is_fast: bool) -> Said {
    let rec = typical_is_fast.then(|| {
        "Check the dropped leads' owners in the team table: leads fall through while the typical lead is fast.".to_string()
    });
    (
        format!(
            "{} of {} ready for sales ({}) {} not touched within {} days{}.",
            count(dropped),
            count_of(leads, "lead", "leads"),
            percent(share),
            if dropped == 1 { "was" } else { "were" },
            ctx.settings.sla.drop_after_days,
            // The sentence states a share: it compares the share.
            ctx.change(Figure::DroppedShare)
        ),
        rec,
    )
}

fn speed(ctx: &Ctx, median: f64, sla: f64, within_sla: Option<f64>) -> Said {
    let within = within_sla
        .map(|w| {
            format!(
                "; {} were touched within it{}",
                percent(w),
                ctx.change(Figure::WithinSla)
            )
        })
        .unwrap_or_default();
    (
        format!(
            "Half the leads ready for sales waited more than {} for a first touch, against an SLA of {}{within}.",
            duration_hours(median),
            duration_hours(sla)
        ),
        Some(format!(
            "Block a daily follow-up hour for every rep, before meetings, until new leads hear from sales within {}.",
            ctx.sla()
        )),
    )
}

fn speed_improved(ctx: &Ctx, now: f64, before: f64) -> Said {
    (
        format!(
            "The median lead now hears from sales after {}, down from {} in {}.",
            duration_hours(now),
            duration_hours(before),
            ctx.previous()
        ),
        None,
    )
}

fn conversion(ctx: &Ctx, now: f64, before: f64, cohort: u64, young: bool) -> Said {
    let young = if young {
        " (the cohort is still young: the rate may rise)"
    } else {
        ""
    };
    (
        format!(
            "{} of {}'s {} became SQLs, down from {} in {}{young}.",
            percent(now),
            ctx.r.period.label,
            count_of(cohort, "MQL", "MQLs"),
            percent(before),
            ctx.previous()
        ),
        None,
    )
}

fn target_words(ctx: &Ctx, figure: Figure, value: f64, target: f64) -> Said {
    let (what, shown, goal) = match figure {
        Figure::MqlToSql => ("MQL-to-SQL conversion", percent(value), percent(target)),
        Figure::WinRate => ("The win rate", percent(value), percent(target)),
        Figure::WonAmount => ("Won revenue", money(value, ctx.c), money(target, ctx.c)),
        _ => (
            "Marketing's share of spend",
            percent(value),
            percent(target),
        ),
    };
    let pro_rated = if figure == Figure::WonAmount && !ctx.r.period.complete {
        " (pro-rated to the days so far)"
    } else {
        ""
    };
    let rec = match figure {
        Figure::WonAmount => plan_sentence(ctx),
        Figure::MarketingShare => Some(share_shift(ctx, value, target)),
        _ => None,
    };
    let change = ctx.change(figure);
    let young = if figure == Figure::MqlToSql && ctx.r.conversion.mql_to_sql.young {
        "; the cohort is still young, so the rate may rise"
    } else {
        ""
    };
    (
        format!("{what} was {shown} against a target of {goal}{pro_rated}{change}{young}."),
        rec,
    )
}

/// The plan in one sentence.
fn plan_sentence(ctx: &Ctx) -> Option<String> {
    let p = &ctx.r.plan;
    let (Some(target), Some(part), Some(needed), Some(per_week_needed), Some(rate), Some(avg)) = (
        p.revenue_target,
        p.marketing_won_share,
        p.mqls_needed,
        p.mqls_needed_per_week,
        p.mql_to_won,
        p.average_won_deal,
    ) else {
        return None;
    };
    let capacity = match (p.capacity_per_week, p.reps_needed) {
        (Some(cap), Some(reps)) if per_week_needed > cap => format!(
            "; sales has shown capacity for {} a week, so following them up takes {} reps at today's throughput",
            per_week(cap),
            count(reps)
        ),
        (Some(cap), _) => format!("; sales has shown capacity for {} a week", per_week(cap)),
        _ => String::new(),
    };
    let within = p
        .horizon_days
        .map(|h| format!(" within {h} days"))
        .unwrap_or_default();
    Some(format!(
        "To reach {} in {}, marketing's {} share needs {} MQLs ({} a week) at the {:.1}% of MQLs won{within} and the {} average deal of the last four quarters{capacity}.",
        money(target, ctx.c),
        p.period,
        percent(part),
        count(needed),
        per_week(per_week_needed),
        rate * 100.0,
        money(avg, ctx.c)
    ))
}

fn share_shift(ctx: &Ctx, share: f64, target: f64) -> String {
    let amount = (share - target).abs() * ctx.r.investment.total.as_f64();
    let (from, to) = if share > target {
        ("marketing", "sales")
    } else {
        ("sales", "marketing")
    };
    format!(
        "Shift about {} a period from {from} to {to} to meet the target.",
        money(amount, ctx.c)
    )
}

fn coverage_words(
    ctx: &Ctx,
    coverage: f64,
    wanted: f64,
    required: Option<(f64, f64)>,
    target: f64,
) -> Said {
    let needs = match required {
        Some((req, rate)) => format!(
            "; at the team's {} win rate it needs {}",
            percent(rate),
            factor(req)
        ),
        None => format!("; the target is {}", factor(wanted)),
    };
    let p = &ctx.r.plan;
    let rec = p
        .mqls_needed_per_week
        .map(|n| {
            format!(
                "Set a marketing plan with weekly lead targets: {} MQLs a week for {}.",
                per_week(n),
                p.period
            )
        })
        .or_else(|| plan_sentence(ctx));
    (
        format!(
            "Open pipeline due in {} is {} its {} revenue target{needs}.",
            ctx.r.pipeline.next_period,
            factor(coverage),
            money(target, ctx.c)
        ),
        rec,
    )
}

fn channel_cost(ctx: &Ctx, unit: CostUnit, dear: (&str, f64), cheap: (&str, f64)) -> Said {
    let (unit, article) = match unit {
        CostUnit::Sql => ("SQL", "an"),
        CostUnit::Mql => ("MQL", "an"),
        CostUnit::Lead => ("lead", "a"),
    };
    let name = |k: &str| Channel::parse(k).map_or(k.to_string(), |c| c.label().to_string());
    (
        format!(
            "{} cost {} per {unit} against {} for {}.",
            name(dear.0),
            money_cents(dear.1, ctx.c),
            money_cents(cheap.1, ctx.c),
            name(cheap.0)
        ),
        Some(format!(
            "Move budget from {} toward {}, where {article} {unit} costs {} less.",
            name(dear.0),
            name(cheap.0),
            factor(dear.1 / cheap.1)
        )),
    )
}

/// The title of the section a finding links to.
fn section_title(section: Section) -> &'static str {
    match section {
        Section::Balance => "Balance",
        Section::Funnel => "Funnel",
        Section::FollowUp => "Follow-up",
        Section::Team => "Team",
        Section::Spend => "Spend",
        Section::Hours => "Hours",
        Section::Pipeline => "Pipeline",
        Section::Plan => "Plan",
    }
}

/// The review's findings as the page shows them, largest effect first.
/// A finding [`word`] has not worded (a review built without `analyse`)
/// is worded here, so none is left off the page.
pub fn views(review: &Review, settings: &Settings) -> Vec<FindingView> {
    review
        .findings
        .iter()
        .map(|f| {
            let words = f
                .words
                .clone()
                .unwrap_or_else(|| words(review, settings, f));
            FindingView {
                sentence: words.sentence,
                recommendation: words.recommendation,
                anchor: f.section.anchor().into(),
                section: section_title(f.section).into(),
            }
        })
        .collect()
}
