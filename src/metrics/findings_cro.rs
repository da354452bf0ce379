//! The findings a chief revenue officer raises first: acquisition that
//! costs more than a first deal brings, ads that return less than they
//! cost, a small budget line that returns far more than its share, and
//! follow-up that misses its SLA for more leads than the target allows.
//! Each threshold below says why it sits where it does.

use super::{Ctx, Finding, finding, size};
use crate::metrics::words::{factor, money, percent};

/// CAC above this multiple of the average won deal: each new customer
/// cost more than their first deal brought, so acquisition pays back only
/// if customers renew or expand.
pub const CAC_OVER_DEAL: f64 = 1.0;
/// Return on ad spend below this: the ads brought less won revenue than
/// they cost.
pub const ROAS_FLOOR: f64 = 1.0;
/// A function's share of spend at or below this is a small line: growing
/// it is a cheap experiment.
pub const SMALL_BUDGET_SHARE: f64 = 0.10;
/// Share of won revenue over share of spend that makes a small line's
/// return outsized: three times its weight, far beyond noise in a
/// quarter's handful of deals.
pub const OUTSIZED_RETURN: f64 = 3.0;

/// CAC above the average won deal.
pub(super) fn cac_rule(ctx: &Ctx) -> Vec<Finding> {
    let (Some(cac), Some(deal)) = (ctx.r.efficiency.cac, ctx.r.pipeline.average_won_deal) else {
        return Vec::new();
    };
    if cac <= deal * CAC_OVER_DEAL {
        return Vec::new();
    }
    finding(
        "cac",
        "spend",
        size(cac, deal),
        format!(
            "Each new customer cost {} to win (CAC, marketing and sales spend over deals won), more than the {} an average won deal brought.",
            money(cac, ctx.c),
            money(deal, ctx.c)
        ),
        Some("Cut the spend that brought no won deals this quarter before adding budget, and price or package for larger first deals.".into()),
    )
}

/// Return on ad spend below 1.
pub(super) fn roas_rule(ctx: &Ctx) -> Vec<Finding> {
    let e = &ctx.r.efficiency;
    let Some(roas) = e.roas.filter(|r| *r < ROAS_FLOOR) else {
        return Vec::new();
    };
    // No paid deal won at all: the time from ad to deal may not have
    // passed yet (the first quarter of the data); the revenue target rule
    // speaks for a quarter without revenue.
    if e.paid_won_amount.as_f64() <= 0.0 {
        return Vec::new();
    }
    finding(
        "roas",
        "spend",
        size(ROAS_FLOOR, roas),
        format!(
            "Ads returned {} their cost in won revenue (ROAS): {} won from paid sources against {} of ad spend.",
            factor(roas),
            money(e.paid_won_amount.as_f64(), ctx.c),
            money(ctx.r.spend.total.as_f64(), ctx.c)
        ),
        Some("Move ad budget toward the channels whose leads were won; pause the campaigns with no SQL.".into()),
    )
}

/// A small budget line (a function at most [`SMALL_BUDGET_SHARE`] of
/// spend) whose share of won revenue is [`OUTSIZED_RETURN`] times its
/// share of spend or more: partners, typically.
pub(super) fn small_budget_rule(ctx: &Ctx) -> Vec<Finding> {
    let i = &ctx.r.investment;
    let won = &ctx.r.pipeline.won_by_function;
    let total_won: f64 = won.values().map(|m| m.as_f64()).sum();
    if total_won <= 0.0 {
        return Vec::new();
    }
    i.shares
        .iter()
        .filter_map(|(function, spend_share)| {
            let spend_share = spend_share.filter(|s| *s > 0.0 && *s <= SMALL_BUDGET_SHARE)?;
            let won_share = won.get(function)?.as_f64() / total_won;
            let times = won_share / spend_share;
            (times >= OUTSIZED_RETURN).then(|| {
                finding(
                    "small_budget",
                    "pipeline",
                    size(times, OUTSIZED_RETURN).max(1.0),
                    format!(
                        "The {function} line took {} of spend and brought {} of won revenue: {} its share.",
                        percent(spend_share),
                        percent(won_share),
                        factor(times)
                    ),
                    Some(format!(
                        "Try a larger {function} budget next quarter and judge it by won revenue, not leads."
                    )),
                )
            })
        })
        .flatten()
        .collect()
}

/// More leads missed the SLA than its target allows.
pub(super) fn sla_rule(ctx: &Ctx) -> Vec<Finding> {
    let target = ctx.settings.sla.within_share;
    let Some(within) = ctx.r.speed_to_lead.within_sla.filter(|w| *w < target) else {
        return Vec::new();
    };
    let missed = 1.0 - within;
    finding(
        "sla",
        "follow-up",
        size(missed, 1.0 - target),
        format!(
            "{} of the leads ready for sales were not touched within the {} SLA{}, against a target of at most {}.",
            percent(missed),
            ctx.sla(),
            missed_before(ctx),
            percent(1.0 - target)
        ),
        Some(format!(
            "Block a daily follow-up hour for every rep, before meetings, until new leads hear from sales within {}.",
            ctx.sla()
        )),
    )
}

/// ` (up from 40% in 2026-Q2)`: the share that missed the SLA in the
/// previous period, in levels; nothing without one.
fn missed_before(ctx: &Ctx) -> String {
    let Some(previous) = &ctx.r.comparison.previous else {
        return String::new();
    };
    let change = previous.figures.get("speed_to_lead.within_sla");
    let (Some(now), Some(before)) = (change.and_then(|c| c.value), change.and_then(|c| c.before))
    else {
        return String::new();
    };
    let (missed_now, missed_before) = (1.0 - now, 1.0 - before);
    let shown = percent(missed_before);
    if percent(missed_now) == shown {
        return format!(" (as in {})", previous.label);
    }
    let way = if missed_now > missed_before {
        "up"
    } else {
        "down"
    };
    format!(" ({way} from {shown} in {})", previous.label)
}
