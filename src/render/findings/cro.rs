//! The words of the findings a chief revenue officer raises first
//! ([`crate::metrics::findings`]' CRO rules): CAC above the average won
//! deal, ROAS below 1, a small budget line with an outsized return, and
//! the SLA share below its target.

use super::{Ctx, Said};
use crate::metrics::Figure;
use crate::metrics::words::{factor, money, percent};

pub(super) fn cac(ctx: &Ctx, cac: f64, deal: f64) -> Said {
    (
        format!(
            "Each new customer cost {} to win (CAC, marketing and sales spend over deals won), more than the {} an average won deal brought.",
            money(cac, ctx.c),
            money(deal, ctx.c)
        ),
        Some("Cut the spend that brought no won deals this quarter before adding budget, and price or package for larger first deals.".into()),
    )
}

pub(super) fn roas(ctx: &Ctx, roas: f64, paid_won: f64, ad_spend: f64) -> Said {
    (
        format!(
            "Ads returned {} their cost in won revenue (ROAS): {} won from paid sources against {} of ad spend.",
            factor(roas),
            money(paid_won, ctx.c),
            money(ad_spend, ctx.c)
        ),
        Some("Move ad budget toward the channels whose leads were won; pause the campaigns with no SQL.".into()),
    )
}

pub(super) fn small_budget(function: &str, spend_share: f64, won_share: f64, times: f64) -> Said {
    (
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
}

pub(super) fn sla(ctx: &Ctx, within: f64, target: f64) -> Said {
    let missed = 1.0 - within;
    (
        format!(
            "{} of the leads ready for sales were not touched within the {} SLA{}, against a target of at most {}.",
            percent(missed),
            ctx.sla(),
            missed_before(ctx, missed),
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
fn missed_before(ctx: &Ctx, missed_now: f64) -> String {
    let Some(previous) = &ctx.r.comparison.previous else {
        return String::new();
    };
    let Some(before) = previous
        .figures
        .get(&Figure::WithinSla)
        .and_then(|c| c.value.and(c.before))
    else {
        return String::new();
    };
    let missed_before = 1.0 - before;
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
