//! Balance findings: the tilt outside the balanced band, leads in hand
//! running dry, and hours going to the long side of the scale.

use super::{Ctx, DRY_WEEKS, Facts, Finding, Section, one, size, unbalanced};
use crate::metrics::Verdict;
use crate::metrics::capacity::Basis;
use crate::model::Function;

/// Supply against capacity, when the verdict is not balanced.
pub(super) fn tilt(ctx: &Ctx) -> Vec<Finding> {
    let b = &ctx.r.balance;
    let (Some((tilt, verdict)), Some(supply), Some(capacity)) =
        (unbalanced(ctx.r), b.supply_per_week, b.capacity_per_week)
    else {
        return Vec::new();
    };
    let heavy = verdict == Verdict::MarketingHeavy;
    let more_reps = b.per_rep_week.filter(|_| heavy).map(|per_rep| {
        let extra = ((supply - capacity) / per_rep).ceil().max(1.0) as u64;
        (extra, per_rep)
    });
    let facts = Facts::Tilt {
        verdict,
        tilt,
        supply,
        capacity,
        dropped: if heavy {
            ctx.r.speed_to_lead.dropped
        } else {
            0
        },
        bound: b.capacity_basis == Some(Basis::LowerBound),
        more_reps,
    };
    one(Section::Balance, tilt.abs(), facts)
}

/// Too few leads in hand: the pipeline runs dry.
pub(super) fn inventory(ctx: &Ctx) -> Vec<Finding> {
    let b = &ctx.r.balance;
    let Some(weeks) = b.inventory_weeks.filter(|w| *w < DRY_WEEKS) else {
        return Vec::new();
    };
    let in_hand = b.inventory.untouched + b.inventory.working;
    let facts = Facts::Inventory { weeks, in_hand };
    one(Section::Balance, size(DRY_WEEKS, weeks), facts)
}

/// Hours going to the long side of the scale.
pub(super) fn hours(ctx: &Ctx) -> Vec<Finding> {
    let h = &ctx.r.investment.hours;
    let Some((_, verdict)) = unbalanced(ctx.r) else {
        return Vec::new();
    };
    let (long, short) = match verdict {
        Verdict::MarketingHeavy => (Function::Marketing, Function::Sales),
        _ => (Function::Sales, Function::Marketing),
    };
    let (Some(Some(long_share)), Some(Some(short_share))) =
        (h.shares.get(long.as_str()), h.shares.get(short.as_str()))
    else {
        return Vec::new();
    };
    if long_share <= short_share {
        return Vec::new();
    }
    let facts = Facts::Hours {
        verdict,
        long_share: *long_share,
        short_share: *short_share,
        total_hours: h.total,
        people: h.people,
    };
    one(Section::Hours, size(*long_share, *short_share), facts)
}

#[cfg(test)]
mod tests {
    use super::super::test_review::{review, run};
    use super::*;
    use crate::metrics::Review;

    fn tilted(tilt: f64) -> Review {
        let mut r = review();
        r.balance.tilt = Some(tilt);
        r.balance.verdict = Some(Verdict::of(tilt));
        r.balance.supply_per_week = Some(40.0);
        r.balance.capacity_per_week = Some(40.0 / 2f64.powf(tilt));
        r.balance.per_rep_week = Some(5.0);
        r
    }

    #[test]
    fn tilt_fires_outside_the_band_only() {
        assert!(run(tilt, &tilted(0.25)).is_empty());
        assert!(run(tilt, &tilted(-0.25)).is_empty());
        let found = run(tilt, &tilted(1.0));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, 1.0);
        let Facts::Tilt { more_reps, .. } = found[0].facts else {
            panic!("not a tilt finding");
        };
        // 40 a week against 20: 20 more at 5 a rep is 4 reps.
        assert_eq!(more_reps, Some((4, 5.0)));
        let light = run(tilt, &tilted(-1.0));
        assert!(matches!(
            light[0].facts,
            Facts::Tilt {
                verdict: Verdict::SalesHeavy,
                more_reps: None,
                ..
            }
        ));
    }

    #[test]
    fn inventory_fires_below_dry_weeks() {
        let mut r = review();
        r.balance.inventory_weeks = Some(DRY_WEEKS);
        assert!(run(inventory, &r).is_empty());
        r.balance.inventory_weeks = Some(0.75);
        r.balance.inventory.untouched = 3;
        r.balance.inventory.working = 4;
        let found = run(inventory, &r);
        assert_eq!(
            found[0].facts,
            Facts::Inventory {
                weeks: 0.75,
                in_hand: 7
            }
        );
        assert_eq!(found[0].severity, 1.0);
    }

    #[test]
    fn hours_fire_when_the_long_side_logs_more() {
        let mut r = tilted(1.0);
        r.investment.hours.total = 100.0;
        let shares = &mut r.investment.hours.shares;
        shares.insert("marketing", Some(0.3));
        shares.insert("sales", Some(0.7));
        assert!(run(hours, &r).is_empty());
        let shares = &mut r.investment.hours.shares;
        shares.insert("marketing", Some(0.8));
        shares.insert("sales", Some(0.2));
        assert_eq!(run(hours, &r)[0].severity, 2.0);
        assert!(run(hours, &tilted(0.1)).is_empty());
    }
}
