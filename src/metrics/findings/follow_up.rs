//! Follow-up findings: dropped leads, the median wait against the SLA,
//! its improvement, and fast follow-up converting better than slow.

use super::{Ctx, DROPPED_SHARE, Facts, Finding, MIN_LEADS, Section, one, size, unbalanced};
use crate::metrics::{Figure, Verdict};

/// Leads left untouched past the drop window (when the tilt finding does
/// not already say so).
pub(super) fn dropped(ctx: &Ctx) -> Vec<Finding> {
    let s = &ctx.r.speed_to_lead;
    let Some(share) = s.dropped_share.filter(|v| *v >= DROPPED_SHARE) else {
        return Vec::new();
    };
    if unbalanced(ctx.r).is_some_and(|(_, v)| v == Verdict::MarketingHeavy) {
        return Vec::new();
    }
    let sla = ctx.settings.sla.first_touch_hours;
    let facts = Facts::Dropped {
        dropped: s.dropped,
        leads: s.leads,
        share,
        typical_is_fast: s.median_hours.is_some_and(|m| m <= sla),
    };
    one(Section::FollowUp, size(share, DROPPED_SHARE), facts)
}

/// The median wait beyond the SLA.
pub(super) fn speed(ctx: &Ctx) -> Vec<Finding> {
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
    let facts = Facts::Speed {
        median_hours: median,
        sla_hours: sla,
        within_sla: s.within_sla,
    };
    one(Section::FollowUp, size(median, sla), facts)
}

/// The median wait fell to half or less of the previous period's.
pub(super) fn speed_improved(ctx: &Ctx) -> Vec<Finding> {
    let Some(previous) = &ctx.r.comparison.previous else {
        return Vec::new();
    };
    let Some(c) = previous.figures.get(&Figure::MedianHours) else {
        return Vec::new();
    };
    let (Some(now), Some(before)) = (c.value, c.before) else {
        return Vec::new();
    };
    if now > before * 0.5 {
        return Vec::new();
    }
    let facts = Facts::SpeedImproved { now, before };
    one(Section::FollowUp, size(before, now), facts)
}

/// Fast follow-up converting clearly better than slow follow-up.
pub(super) fn speed_conversion(ctx: &Ctx) -> Vec<Finding> {
    let (mut fast, mut fast_sql, mut slow, mut slow_sql) = (0, 0, 0, 0);
    for band in &ctx.r.speed_to_lead.bands {
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
    let facts = Facts::SpeedConversion {
        fast_rate,
        slow_rate,
    };
    one(Section::FollowUp, size(fast_rate, slow_rate), facts)
}

#[cfg(test)]
mod tests {
    use super::super::test_review::{review, run};
    use super::*;
    use crate::metrics::comparison::{Against, Unit, change};
    use crate::metrics::speed::Band;

    #[test]
    fn dropped_fires_from_a_tenth_unless_the_tilt_says_so() {
        let mut r = review();
        r.speed_to_lead.dropped_share = Some(0.09);
        assert!(run(dropped, &r).is_empty());
        r.speed_to_lead.dropped_share = Some(0.2);
        r.speed_to_lead.dropped = 20;
        r.speed_to_lead.leads = 100;
        r.speed_to_lead.median_hours = Some(2.0);
        let found = run(dropped, &r);
        assert_eq!(found[0].severity, 1.0);
        assert!(matches!(
            found[0].facts,
            Facts::Dropped {
                typical_is_fast: true,
                ..
            }
        ));
        r.balance.tilt = Some(0.5);
        r.balance.verdict = Some(Verdict::MarketingHeavy);
        assert!(run(dropped, &r).is_empty());
    }

    #[test]
    fn speed_fires_beyond_the_sla() {
        let mut r = review();
        r.speed_to_lead.median_hours = Some(24.0);
        assert!(run(speed, &r).is_empty());
        r.speed_to_lead.median_hours = Some(96.0);
        let found = run(speed, &r);
        assert_eq!(found[0].severity, 2.0);
        assert_eq!(found[0].section, Section::FollowUp);
        // The SLA share missing its target: the SLA rule speaks instead.
        r.speed_to_lead.within_sla = Some(0.5);
        assert!(run(speed, &r).is_empty());
        r.speed_to_lead.within_sla = Some(0.95);
        assert_eq!(run(speed, &r).len(), 1);
    }

    fn with_previous_median(now: f64, before: f64) -> crate::metrics::Review {
        let mut r = review();
        let figures = [(
            Figure::MedianHours,
            change(Unit::Hours, Some(now), Some(before)),
        )];
        r.comparison.previous = Some(Against {
            label: "2026-Q2".into(),
            figures: figures.into_iter().collect(),
        });
        r
    }

    #[test]
    fn speed_improved_fires_at_half_or_less() {
        assert!(run(speed_improved, &with_previous_median(6.0, 10.0)).is_empty());
        let found = run(speed_improved, &with_previous_median(5.0, 10.0));
        assert_eq!(
            found[0].facts,
            Facts::SpeedImproved {
                now: 5.0,
                before: 10.0
            }
        );
        assert!(run(speed_improved, &review()).is_empty());
    }

    fn band(band: &'static str, leads: u64, reached_sql: u64) -> Band {
        Band {
            band,
            leads,
            share: None,
            reached_sql,
            ..Band::default()
        }
    }

    #[test]
    fn speed_conversion_fires_when_fast_converts_half_again_better() {
        let mut r = review();
        r.speed_to_lead.bands = vec![
            band("0-1h", 10, 4),
            band("1-24h", 10, 4),
            band(">7d", 10, 1),
        ];
        let found = run(speed_conversion, &r);
        assert_eq!(
            found[0].facts,
            Facts::SpeedConversion {
                fast_rate: 0.4,
                slow_rate: 0.1
            }
        );
        r.speed_to_lead.bands[2] = band(">7d", 10, 3);
        assert!(run(speed_conversion, &r).is_empty());
        r.speed_to_lead.bands[2] = band(">7d", 9, 0);
        assert!(run(speed_conversion, &r).is_empty());
    }
}
