//! The findings a chief revenue officer raises first: acquisition that
//! costs more than a first deal brings, ads that return less than they
//! cost, a small budget line that returns far more than its share, and
//! follow-up that misses its SLA for more leads than the target allows.
//! Each threshold below says why it sits where it does.

use super::{Ctx, Facts, Finding, Section, one, size};

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
pub(super) fn cac(ctx: &Ctx) -> Vec<Finding> {
    let (Some(cac), Some(deal)) = (ctx.r.efficiency.cac, ctx.r.pipeline.average_won_deal) else {
        return Vec::new();
    };
    if cac <= deal * CAC_OVER_DEAL {
        return Vec::new();
    }
    one(Section::Spend, size(cac, deal), Facts::Cac { cac, deal })
}

/// Return on ad spend below 1.
pub(super) fn roas(ctx: &Ctx) -> Vec<Finding> {
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
    let facts = Facts::Roas {
        roas,
        paid_won: e.paid_won_amount.as_f64(),
        ad_spend: ctx.r.spend.total.as_f64(),
    };
    one(Section::Spend, size(ROAS_FLOOR, roas), facts)
}

/// A small budget line (a function at most [`SMALL_BUDGET_SHARE`] of
/// spend) whose share of won revenue is [`OUTSIZED_RETURN`] times its
/// share of spend or more: partners, typically.
pub(super) fn small_budget(ctx: &Ctx) -> Vec<Finding> {
    let won = &ctx.r.pipeline.won_by_function;
    let total_won: f64 = won.values().map(|m| m.as_f64()).sum();
    if total_won <= 0.0 {
        return Vec::new();
    }
    let outsized = |(function, spend_share): (&&'static str, &Option<f64>)| {
        let spend_share = spend_share.filter(|s| *s > 0.0 && *s <= SMALL_BUDGET_SHARE)?;
        let won_share = won.get(function)?.as_f64() / total_won;
        let times = won_share / spend_share;
        let facts = Facts::SmallBudget {
            function,
            spend_share,
            won_share,
            times,
        };
        (times >= OUTSIZED_RETURN).then(|| {
            Finding::new(
                Section::Pipeline,
                size(times, OUTSIZED_RETURN).max(1.0),
                facts,
            )
        })
    };
    ctx.r
        .investment
        .shares
        .iter()
        .filter_map(outsized)
        .collect()
}

/// More leads missed the SLA than `[sla] within_share` allows.
pub(super) fn sla(ctx: &Ctx) -> Vec<Finding> {
    let target = ctx.settings.sla.within_share;
    let Some(within) = ctx.r.speed_to_lead.within_sla.filter(|w| *w < target) else {
        return Vec::new();
    };
    let facts = Facts::Sla { within, target };
    one(Section::FollowUp, size(1.0 - within, 1.0 - target), facts)
}

#[cfg(test)]
mod tests {
    use super::super::test_review::{review, run};
    use super::*;
    use crate::model::Money;

    #[test]
    fn cac_fires_above_the_average_deal_only() {
        let mut r = review();
        r.efficiency.cac = Some(1_000.0);
        r.pipeline.average_won_deal = Some(1_000.0);
        assert!(run(cac, &r).is_empty());
        r.efficiency.cac = Some(4_000.0);
        let found = run(cac, &r);
        assert_eq!(
            found[0].facts,
            Facts::Cac {
                cac: 4_000.0,
                deal: 1_000.0
            }
        );
        assert_eq!(found[0].severity, 2.0);
    }

    #[test]
    fn roas_fires_below_one_once_a_paid_deal_was_won() {
        let mut r = review();
        r.efficiency.roas = Some(0.5);
        assert!(run(roas, &r).is_empty(), "no paid deal won yet");
        r.efficiency.paid_won_amount = Money(500_000);
        r.spend.total = Money(1_000_000);
        let found = run(roas, &r);
        assert_eq!(
            found[0].facts,
            Facts::Roas {
                roas: 0.5,
                paid_won: 5_000.0,
                ad_spend: 10_000.0
            }
        );
        assert_eq!(found[0].severity, 1.0);
        r.efficiency.roas = Some(1.0);
        assert!(run(roas, &r).is_empty());
    }

    #[test]
    fn small_budget_fires_for_a_small_line_with_an_outsized_return() {
        let mut r = review();
        r.investment.shares.insert("partners", Some(0.05));
        r.investment.shares.insert("marketing", Some(0.95));
        r.pipeline.won_by_function.insert("partners", Money(200));
        r.pipeline.won_by_function.insert("marketing", Money(800));
        let found = run(small_budget, &r);
        assert_eq!(found.len(), 1);
        let Facts::SmallBudget {
            function, times, ..
        } = found[0].facts
        else {
            panic!("not a small budget finding");
        };
        // 20% of won revenue on 5% of spend: four times its share.
        assert_eq!(function, "partners");
        assert!((times - 4.0).abs() < 1e-9);
        r.pipeline.won_by_function.insert("partners", Money(100));
        r.pipeline.won_by_function.insert("marketing", Money(900));
        assert!(run(small_budget, &r).is_empty(), "10% on 5%: only twice");
    }

    #[test]
    fn sla_fires_below_the_within_share_target() {
        let mut r = review();
        r.speed_to_lead.within_sla = Some(0.9);
        assert!(run(sla, &r).is_empty());
        r.speed_to_lead.within_sla = Some(0.6);
        let found = run(sla, &r);
        assert_eq!(
            found[0].facts,
            Facts::Sla {
                within: 0.6,
                target: 0.9
            }
        );
        // 40% missed against 10% allowed: log2(4).
        assert!((found[0].severity - 2.0).abs() < 1e-9);
    }
}
