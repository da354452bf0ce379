//! Findings: plain sentences with numbers, each from one documented rule,
//! ranked by the size of the effect, each pointing to the section that
//! shows it, most with a recommendation from the same rule.
//!
//! A rule fires when its figure passes a threshold; its size is log2 of how
//! many times worse the figure is than the rule's reference (the SLA, a
//! target, the previous period, the cheaper channel), capped at
//! [`MAX_SIZE`], so every rule ranks on the same scale.

use super::Review;
use super::alignment::Alignment;
use super::comparison::Unit;
use super::speed::Speed;
use super::targets::Status;
use super::words::{
    count, count_of, duration_hours, factor, money, money_cents, per_week, percent, signed_percent,
    signed_points, tilt,
};
use crate::config::Settings;
use serde::Serialize;

#[path = "findings_cro.rs"]
mod cro;

/// The largest size a finding can have (a figure 8× off its reference, or
/// a reference of zero).
pub const MAX_SIZE: f64 = 3.0;
/// Dropped share of ready leads that makes a finding.
pub const DROPPED_SHARE: f64 = 0.10;
/// Weeks of lead inventory below which the pipeline runs dry.
pub const DRY_WEEKS: f64 = 1.5;
/// How many times costlier one channel must be for a finding.
pub const CHANNEL_GAP: f64 = 1.5;
/// How many times the overall disqualified share one source must reach.
pub const DISQUALIFIED_GAP: f64 = 1.5;
/// Share of ready leads worked by two or more reps that makes a finding.
pub const MULTI_REP_SHARE: f64 = 0.05;
/// Share of new leads that duplicate an earlier one that makes a finding.
pub const DUPLICATE_SHARE: f64 = 0.02;
/// Source mix shift that makes a finding.
pub const MIX_SHIFT: f64 = 0.15;
/// Fall in MQL-to-SQL conversion (now / before) that makes a finding.
pub const CONVERSION_FALL: f64 = 0.8;
/// Fewest leads a band or a source needs before a rule compares it.
pub const MIN_LEADS: u64 = 10;

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule that made it (docs/metrics.md lists them).
    pub rule: &'static str,
    /// The section that shows the figures: `balance`, `follow-up`, ...
    pub anchor: &'static str,
    /// The size of the effect the findings are ranked by.
    pub size: f64,
    pub sentence: String,
    pub recommendation: Option<String>,
}

/// What every rule reads.
struct Ctx<'a> {
    r: &'a Review,
    settings: &'a Settings,
    c: &'a str,
}

/// Every finding of a review, largest effect first; a recommendation that
/// repeats a higher-ranked one is left out.
pub fn findings(review: &Review, settings: &Settings) -> Vec<Finding> {
    let ctx = Ctx {
        r: review,
        settings,
        c: &review.currency,
    };
    let rules: [fn(&Ctx) -> Vec<Finding>; 18] = [
        tilt_rule,
        dropped_rule,
        cro::sla_rule,
        speed_rule,
        speed_improved_rule,
        speed_conversion_rule,
        conversion_rule,
        target_rule,
        coverage_rule,
        inventory_rule,
        channel_rule,
        hours_rule,
        disqualified_rule,
        effort_rule,
        mix_rule,
        cro::cac_rule,
        cro::roas_rule,
        cro::small_budget_rule,
    ];
    let mut all: Vec<Finding> = rules.iter().flat_map(|rule| rule(&ctx)).collect();
    all.sort_by(|a, b| b.size.total_cmp(&a.size).then(a.rule.cmp(b.rule)));
    let mut seen = Vec::new();
    for f in &mut all {
        if let Some(rec) = &f.recommendation {
            if seen.contains(rec) {
                f.recommendation = None;
            } else {
                seen.push(rec.clone());
            }
        }
    }
    all
}

/// log2(worse / reference), capped; `MAX_SIZE` when the reference is zero.
fn size(worse: f64, reference: f64) -> f64 {
    if reference <= 0.0 {
        return MAX_SIZE;
    }
    (worse / reference).log2().clamp(0.0, MAX_SIZE)
}

fn finding(
    rule: &'static str,
    anchor: &'static str,
    size: f64,
    sentence: String,
    recommendation: Option<String>,
) -> Vec<Finding> {
    vec![Finding {
        rule,
        anchor,
        size,
        sentence,
        recommendation,
    }]
}

impl Ctx<'_> {
    /// ` (+38% on 2026-Q2)`: the change of a headline figure against the
    /// previous period, or nothing.
    fn change(&self, key: &str) -> String {
        let Some(previous) = &self.r.comparison.previous else {
            return String::new();
        };
        let Some(c) = previous.figures.get(key) else {
            return String::new();
        };
        let label = &previous.label;
        match (c.unit, c.before, c.change, c.relative) {
            (Unit::Share, _, Some(pts), _) => format!(" ({} on {label})", signed_points(pts)),
            (_, Some(0.0), _, _) => format!(" (none in {label})"),
            (_, _, _, Some(rel)) => format!(" ({} on {label})", signed_percent(rel)),
            _ => String::new(),
        }
    }

    /// The SLA as people say it: `24 h`, `1.5 h`.
    fn sla(&self) -> String {
        duration_hours(self.settings.sla.first_touch_hours)
    }

    fn label(&self) -> &str {
        &self.r.period.label
    }
}

/// Supply against capacity, when the verdict is not balanced.
fn tilt_rule(ctx: &Ctx) -> Vec<Finding> {
    let b = &ctx.r.balance;
    let (Some(t), Some(supply), Some(capacity)) = (b.tilt, b.supply_per_week, b.capacity_per_week)
    else {
        return Vec::new();
    };
    if t.abs() <= super::BALANCED_BAND || b.verdict.is_none() {
        return Vec::new();
    }
    let bound = b.capacity_basis == Some(super::capacity::Basis::LowerBound);
    let at_least = if bound { "at least " } else { "" };
    let times = factor(2f64.powf(t.abs()));
    let weekly = format!(
        "{} {} a week against capacity for {at_least}{}",
        per_week(supply),
        ctx.r.method.ready_for_sales.supply_words(),
        per_week(capacity)
    );
    let noun = ctx.r.method.ready_for_sales.supply_noun();
    if t > 0.0 {
        let s = &ctx.r.speed_to_lead;
        let cold = if s.dropped > 0 {
            format!(
                "; {} waited more than {} days{}",
                count_of(s.dropped, "lead", "leads"),
                ctx.settings.sla.drop_after_days,
                ctx.change("speed_to_lead.dropped")
            )
        } else {
            String::new()
        };
        let rec = b.per_rep_week.map(|per_rep| {
            let extra = ((supply - capacity) / per_rep).ceil().max(1.0) as u64;
            format!(
                "Rebalance toward sales: {} more rep{} at the {} first touches a week a rep has shown, or {} fewer {noun} a week, would close the gap.",
                count(extra),
                if extra == 1 { "" } else { "s" },
                per_week(per_rep),
                per_week(supply - capacity)
            )
        });
        finding(
            "tilt",
            "balance",
            t.abs(),
            format!("Marketing delivered {times} the {noun} sales can follow up: {weekly}{cold}."),
            rec,
        )
    } else {
        finding(
            "tilt",
            "balance",
            t.abs(),
            if bound {
                format!(
                    "Sales could handle at least {times} the {noun} marketing delivered; the reps were never fully loaded: {weekly}."
                )
            } else {
                format!("Sales could follow up {times} the {noun} marketing delivered: {weekly}.")
            },
            Some(weekly_target(ctx, capacity)),
        )
    }
}

/// The one weekly lead target of the review: the plan's, where there is
/// one (the capacity it must fit beside it), else the capacity's.
fn weekly_target(ctx: &Ctx, capacity: f64) -> String {
    let noun = ctx.r.method.ready_for_sales.supply_noun();
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

/// Leads left untouched past the drop window (when the tilt finding does
/// not already say so).
fn dropped_rule(ctx: &Ctx) -> Vec<Finding> {
    let s = &ctx.r.speed_to_lead;
    let Some(share) = s.dropped_share.filter(|v| *v >= DROPPED_SHARE) else {
        return Vec::new();
    };
    if ctx.r.balance.tilt.is_some_and(|t| t > super::BALANCED_BAND) {
        return Vec::new();
    }
    let rec = (s.median_hours.is_some_and(|m| m <= ctx.settings.sla.first_touch_hours)).then(|| {
        "Check the dropped leads' owners in the team table: leads fall through while the typical lead is fast.".to_string()
    });
    finding(
        "dropped",
        "follow-up",
        size(share, DROPPED_SHARE),
        format!(
            "{} of {} ready for sales ({}) {} not touched within {} days{}.",
            count(s.dropped),
            count_of(s.leads, "lead", "leads"),
            percent(share),
            if s.dropped == 1 { "was" } else { "were" },
            ctx.settings.sla.drop_after_days,
            // The sentence states a share: it compares the share.
            ctx.change("speed_to_lead.dropped_share")
        ),
        rec,
    )
}

/// The median wait beyond the SLA.
fn speed_rule(ctx: &Ctx) -> Vec<Finding> {
    let s = &ctx.r.speed_to_lead;
    let sla = ctx.settings.sla.first_touch_hours;
    let Some(median) = s.median_hours.filter(|m| *m > sla) else {
        return Vec::new();
    };
    // Where the SLA share misses its target, the SLA rule says it (with
    // the same recommendation); the median adds nothing then.
    if s.within_sla
        .is_some_and(|w| w < ctx.settings.sla.within_share)
    {
        return Vec::new();
    }
    let within = s
        .within_sla
        .map(|w| {
            format!(
                "; {} were touched within it{}",
                percent(w),
                ctx.change("speed_to_lead.within_sla")
            )
        })
        .unwrap_or_default();
    finding(
        "speed",
        "follow-up",
        size(median, sla),
        format!(
            "Half the leads ready for sales waited more than {} for a first touch, against an SLA of {}{within}.",
            duration_hours(median),
            ctx.sla()
        ),
        Some(format!(
            "Block a daily follow-up hour for every rep, before meetings, until new leads hear from sales within {}.",
            ctx.sla()
        )),
    )
}

/// The median wait fell to half or less of the previous period's.
fn speed_improved_rule(ctx: &Ctx) -> Vec<Finding> {
    let Some(previous) = &ctx.r.comparison.previous else {
        return Vec::new();
    };
    let Some(c) = previous.figures.get("speed_to_lead.median_hours") else {
        return Vec::new();
    };
    let (Some(now), Some(before)) = (c.value, c.before) else {
        return Vec::new();
    };
    if now > before * 0.5 {
        return Vec::new();
    }
    finding(
        "speed_improved",
        "follow-up",
        size(before, now),
        format!(
            "The median lead now hears from sales after {}, down from {} in {}.",
            duration_hours(now),
            duration_hours(before),
            previous.label
        ),
        None,
    )
}

/// Fast follow-up converting clearly better than slow follow-up.
fn speed_conversion_rule(ctx: &Ctx) -> Vec<Finding> {
    let s: &Speed = &ctx.r.speed_to_lead;
    let (mut fast, mut fast_sql, mut slow, mut slow_sql) = (0, 0, 0, 0);
    for band in &s.bands {
        match band.band {
            "0-1h" | "1-24h" => (fast, fast_sql) = (fast + band.leads, fast_sql + band.reached_sql),
            ">7d" => (slow, slow_sql) = (band.leads, band.reached_sql),
            _ => {}
        }
    }
    if fast < MIN_LEADS || slow < MIN_LEADS {
        return Vec::new();
    }
    let (fast_rate, slow_rate) = (fast_sql as f64 / fast as f64, slow_sql as f64 / slow as f64);
    if fast_rate < slow_rate * 1.5 || fast_rate == 0.0 {
        return Vec::new();
    }
    finding(
        "speed_conversion",
        "follow-up",
        size(fast_rate, slow_rate),
        format!(
            "Leads touched within a day became SQLs at {}; leads first touched after 7 days at {}.",
            percent(fast_rate),
            percent(slow_rate)
        ),
        None,
    )
}

/// MQL-to-SQL conversion fell by a fifth or more on the previous period.
fn conversion_rule(ctx: &Ctx) -> Vec<Finding> {
    let Some(previous) = &ctx.r.comparison.previous else {
        return Vec::new();
    };
    let conv = &ctx.r.conversion.mql_to_sql;
    let Some(c) = previous.figures.get("conversion.mql_to_sql") else {
        return Vec::new();
    };
    let (Some(now), Some(before)) = (c.value, c.before) else {
        return Vec::new();
    };
    let target_missed = ctx
        .r
        .targets
        .get("conversion.mql_to_sql")
        .is_some_and(|t| t.status == Status::Missed);
    if conv.cohort < MIN_LEADS || now > before * CONVERSION_FALL || target_missed {
        return Vec::new();
    }
    let young = if conv.young {
        " (the cohort is still young: the rate may rise)"
    } else {
        ""
    };
    finding(
        "conversion",
        "funnel",
        size(before, now),
        format!(
            "{} of {}'s {} became SQLs, down from {} in {}{young}.",
            percent(now),
            ctx.label(),
            count_of(conv.cohort, "MQL", "MQLs"),
            percent(before),
            previous.label
        ),
        None,
    )
}

/// A `[targets]` figure that missed its target.
fn target_rule(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (key, t) in &ctx.r.targets {
        let (Status::Missed, Some(value)) = (t.status, t.value) else {
            continue;
        };
        let (what, anchor, shown, target) = match *key {
            "conversion.mql_to_sql" => (
                "MQL-to-SQL conversion",
                "funnel",
                percent(value),
                percent(t.target),
            ),
            "revenue.win_rate" => (
                "The win rate",
                "pipeline",
                percent(value),
                percent(t.target),
            ),
            "revenue.won_amount" => (
                "Won revenue",
                "pipeline",
                money(value, ctx.c),
                money(t.target, ctx.c),
            ),
            "investment.marketing_share" => (
                "Marketing's share of spend",
                "spend",
                percent(value),
                percent(t.target),
            ),
            _ => continue,
        };
        let pro_rated = if *key == "revenue.won_amount" && !ctx.r.period.complete {
            " (pro-rated to the days so far)"
        } else {
            ""
        };
        let effect = if value > t.target {
            size(value, t.target)
        } else {
            size(t.target, value)
        };
        let rec = match *key {
            "revenue.won_amount" => plan_sentence(ctx),
            "investment.marketing_share" => Some(share_shift(ctx, value, t.target)),
            _ => None,
        };
        let change = ctx.change(key);
        let young = if *key == "conversion.mql_to_sql" && ctx.r.conversion.mql_to_sql.young {
            "; the cohort is still young, so the rate may rise"
        } else {
            ""
        };
        out.extend(finding(
            "target",
            anchor,
            effect,
            format!("{what} was {shown} against a target of {target}{pro_rated}{change}{young}."),
            rec,
        ));
    }
    out
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
    Some(format!(
        "To reach {} in {}, marketing's {} share needs {} MQLs ({} a week) at the {} MQL-to-won conversion and {} average deal of the last four quarters{capacity}.",
        money(target, ctx.c),
        p.period,
        percent(part),
        count(needed),
        per_week(per_week_needed),
        percent(rate),
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

/// Open pipeline due next period below the coverage the target or the
/// win rate requires.
fn coverage_rule(ctx: &Ctx) -> Vec<Finding> {
    let p = &ctx.r.pipeline;
    let (Some(coverage), Some(target)) = (p.coverage, p.next_period_target) else {
        return Vec::new();
    };
    let wanted = [ctx.settings.targets.pipeline_coverage, p.required_coverage]
        .into_iter()
        .flatten()
        .fold(None, |a: Option<f64>, b| Some(a.map_or(b, |a| a.max(b))));
    let Some(wanted) = wanted.filter(|w| coverage < *w) else {
        return Vec::new();
    };
    let needs = match (p.required_coverage, ctx.r.revenue.win_rate) {
        (Some(req), Some(rate)) => format!(
            "; at the team's {} win rate it needs {}",
            percent(rate),
            factor(req)
        ),
        _ => format!("; the target is {}", factor(wanted)),
    };
    let rec = ctx
        .r
        .plan
        .mqls_needed_per_week
        .map(|n| {
            format!(
                "Set a marketing plan with weekly lead targets: {} MQLs a week for {}.",
                per_week(n),
                ctx.r.plan.period
            )
        })
        .or_else(|| plan_sentence(ctx));
    finding(
        "coverage",
        "pipeline",
        size(wanted, coverage),
        format!(
            "Open pipeline due in {} is {} its {} revenue target{needs}.",
            p.next_period,
            factor(coverage),
            money(target, ctx.c)
        ),
        rec,
    )
}

/// Too few leads in hand: the pipeline runs dry.
fn inventory_rule(ctx: &Ctx) -> Vec<Finding> {
    let b = &ctx.r.balance;
    let Some(weeks) = b.inventory_weeks.filter(|w| *w < DRY_WEEKS) else {
        return Vec::new();
    };
    let n = b.inventory.untouched + b.inventory.working;
    let rec = b.capacity_per_week.map(|cap| weekly_target(ctx, cap));
    finding(
        "inventory",
        "balance",
        size(DRY_WEEKS, weeks),
        format!(
            "At the end of {} the reps had {} weeks of leads in hand ({} untouched or being worked): the pipeline is running dry.",
            ctx.label(),
            per_week(weeks),
            count_of(n, "MQL", "MQLs")
        ),
        rec,
    )
}

/// How a channel's cost per unit is read.
type CostOf = fn(&super::efficiency::ChannelEfficiency) -> Option<f64>;

/// One paid channel far costlier per SQL (or MQL, or lead) than another.
fn channel_rule(ctx: &Ctx) -> Vec<Finding> {
    let channels: Vec<_> = ctx
        .r
        .efficiency
        .channels
        .iter()
        .filter(|(_, c)| c.spend.cents() > 0)
        .collect();
    let pick: [(&str, CostOf); 3] = [
        ("SQL", |c| c.cost_per_sql),
        ("MQL", |c| c.cost_per_mql),
        ("lead", |c| c.cost_per_lead),
    ];
    for (unit, cost) in pick {
        let mut costs: Vec<(&str, f64)> = channels
            .iter()
            .filter_map(|(k, c)| Some((**k, cost(c)?)))
            .collect();
        if costs.len() < 2 || costs.len() < channels.len() {
            continue;
        }
        costs.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
        let (cheap, dear) = (costs[0], costs[costs.len() - 1]);
        if dear.1 < cheap.1 * CHANNEL_GAP {
            return Vec::new();
        }
        let name = |k: &str| {
            crate::model::Channel::parse(k).map_or(k.to_string(), |c| c.label().to_string())
        };
        return finding(
            "channel_cost",
            "spend",
            size(dear.1, cheap.1),
            format!(
                "{} cost {} per {unit} against {} for {}.",
                name(dear.0),
                money_cents(dear.1, ctx.c),
                money_cents(cheap.1, ctx.c),
                name(cheap.0)
            ),
            Some(format!(
                "Move budget from {} toward {}, where {} {unit} costs {} less.",
                name(dear.0),
                name(cheap.0),
                if unit == "lead" { "a" } else { "an" },
                factor(dear.1 / cheap.1)
            )),
        );
    }
    Vec::new()
}

/// Hours going to the long side of the scale.
fn hours_rule(ctx: &Ctx) -> Vec<Finding> {
    let h = &ctx.r.investment.hours;
    let Some(t) = ctx
        .r
        .balance
        .tilt
        .filter(|t| t.abs() > super::BALANCED_BAND)
    else {
        return Vec::new();
    };
    let (long, short) = if t > 0.0 {
        ("marketing", "sales")
    } else {
        ("sales", "marketing")
    };
    let (Some(Some(long_share)), Some(Some(short_share))) =
        (h.shares.get(long), h.shares.get(short))
    else {
        return Vec::new();
    };
    if long_share <= short_share {
        return Vec::new();
    }
    // The hours are those of the people in the time logs (often the
    // founders), not the reps': the sentence says whose they are and
    // compares them with nobody else's.
    let why = if t > 0.0 {
        "while leads outran follow-up"
    } else {
        "while follow-up had room for more leads"
    };
    let people = count_of(h.people, "person", "people");
    finding(
        "hours",
        "hours",
        size(*long_share, *short_share),
        format!(
            "The {people} in the time logs spent {} of their {} hours on {long} and {} on {short}, {why}.",
            percent(*long_share),
            count(h.total.round() as u64),
            percent(*short_share)
        ),
        Some(format!(
            "Shift some of these hours from {long} to {short} until the tilt is back within ±{}.",
            tilt(super::BALANCED_BAND).trim_start_matches('+')
        )),
    )
}

/// One source disqualified far more often than the rest.
fn disqualified_rule(ctx: &Ctx) -> Vec<Finding> {
    let a: &Alignment = &ctx.r.alignment;
    let Some(overall) = a.disqualified_share.filter(|s| *s > 0.0) else {
        return Vec::new();
    };
    let worst = a
        .disqualified_by_source
        .iter()
        .filter(|(_, s)| s.ready >= MIN_LEADS)
        .filter_map(|(name, s)| Some((name, s.share?)))
        .filter(|(_, share)| *share >= overall * DISQUALIFIED_GAP)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(a.0)));
    let Some((source, share)) = worst else {
        return Vec::new();
    };
    finding(
        "disqualified",
        "team",
        size(share, overall),
        format!(
            "Sales disqualified {} of the {source} leads, against {} across all sources.",
            percent(share),
            percent(overall)
        ),
        Some(format!(
            "Share the disqualification reasons for {source} with marketing and tighten its MQL criteria."
        )),
    )
}

/// Duplicated effort: leads worked by several reps, duplicate records.
fn effort_rule(ctx: &Ctx) -> Vec<Finding> {
    let a = &ctx.r.alignment;
    let mut out = Vec::new();
    if let (Some(n), Some(share)) = (a.multi_rep_leads, a.multi_rep_share)
        && share >= MULTI_REP_SHARE
    {
        out.extend(finding(
            "multi_rep",
            "team",
            size(share, MULTI_REP_SHARE),
            format!(
                "{} ({}) {} worked by two or more reps in their first {} days.",
                count_of(n, "lead", "leads"),
                percent(share),
                if n == 1 { "was" } else { "were" },
                super::follow_up::FIRST_DAYS
            ),
            Some("Give every new lead one owner and route the team's touches through them.".into()),
        ));
    }
    if let (Some(n), Some(share)) = (a.duplicate_leads, a.duplicate_share)
        && share >= DUPLICATE_SHARE
    {
        out.extend(finding(
            "duplicates",
            "team",
            size(share, DUPLICATE_SHARE),
            format!(
                "{} ({}) {} the email of an earlier lead.",
                count_of(n, "new lead record", "new lead records"),
                percent(share),
                if n == 1 { "repeats" } else { "repeat" }
            ),
            Some(
                "Merge duplicate records before routing, so two reps do not call the same person."
                    .into(),
            ),
        ));
    }
    out
}

/// The source mix moved.
fn mix_rule(ctx: &Ctx) -> Vec<Finding> {
    let a = &ctx.r.alignment;
    let (Some(shift), Some(previous)) = (a.mix_shift, &ctx.r.comparison.previous) else {
        return Vec::new();
    };
    if shift < MIX_SHIFT {
        return Vec::new();
    }
    let mut moves: Vec<_> = a
        .source_mix
        .iter()
        .filter_map(|r| Some((r, r.shift_pts?)))
        .collect();
    moves.sort_by(|a, b| {
        b.1.abs()
            .total_cmp(&a.1.abs())
            .then(a.0.source.cmp(&b.0.source))
    });
    let biggest: Vec<String> = moves
        .iter()
        .take(2)
        .map(|(r, pts)| format!("{} {}", r.source, signed_points(*pts)))
        .collect();
    finding(
        "mix_shift",
        "funnel",
        size(shift, MIX_SHIFT),
        format!(
            "The source mix moved: {} of new leads came from different sources than in {} ({}).",
            percent(shift),
            previous.label,
            biggest.join(", ")
        ),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_capped_log2_ratios() {
        assert_eq!(size(4.0, 1.0), 2.0);
        assert_eq!(size(100.0, 1.0), MAX_SIZE);
        assert_eq!(size(1.0, 0.0), MAX_SIZE);
        assert_eq!(size(0.5, 1.0), 0.0);
    }
}
