//! Target findings: a `[targets]` figure that missed, and open pipeline
//! below the coverage the target or the win rate requires.

use super::{Ctx, Facts, Finding, Section, one, size};
use crate::metrics::Figure;
use crate::metrics::targets::Status;

/// The section that shows a figure with a target; `None` for targets no
/// rule words (the tilt and speed to lead have their own rules).
fn section_of(figure: Figure) -> Option<Section> {
    match figure {
        Figure::MqlToSql => Some(Section::Funnel),
        Figure::WinRate | Figure::WonAmount => Some(Section::Pipeline),
        Figure::MarketingShare => Some(Section::Spend),
        _ => None,
    }
}

/// A `[targets]` figure that missed its target.
pub(super) fn target(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (figure, t) in &ctx.r.targets {
        let (Status::Missed, Some(value), Some(section)) = (t.status, t.value, section_of(*figure))
        else {
            continue;
        };
        let severity = if value > t.target {
            size(value, t.target)
        } else {
            size(t.target, value)
        };
        let facts = Facts::Target {
            figure: *figure,
            value,
            target: t.target,
        };
        out.extend(one(section, severity, facts));
    }
    out
}

/// Open pipeline due next period below the coverage the target or the
/// win rate requires.
pub(super) fn coverage(ctx: &Ctx) -> Vec<Finding> {
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
    let facts = Facts::Coverage {
        coverage,
        wanted,
        required: p.required_coverage.zip(ctx.r.revenue.win_rate),
        target,
    };
    one(Section::Pipeline, size(wanted, coverage), facts)
}

#[cfg(test)]
mod tests {
    use super::super::test_review::{review, run};
    use super::*;
    use crate::metrics::targets::{Rule, Target};

    fn judged(figure: Figure, value: f64, target: f64, status: Status) -> crate::metrics::Review {
        let mut r = review();
        let t = Target {
            value: Some(value),
            target,
            rule: Rule::AtLeast,
            status,
        };
        r.targets.insert(figure, t);
        r
    }

    #[test]
    fn target_fires_on_a_miss_only() {
        let missed = judged(Figure::WinRate, 0.1, 0.4, Status::Missed);
        let found = run(target, &missed);
        assert_eq!(found[0].severity, 2.0);
        assert_eq!(found[0].section, Section::Pipeline);
        assert!(run(target, &judged(Figure::WinRate, 0.39, 0.4, Status::Near)).is_empty());
        assert!(run(target, &judged(Figure::Tilt, 1.0, 0.0, Status::Missed)).is_empty());
    }

    #[test]
    fn coverage_fires_below_the_required_coverage() {
        let mut r = review();
        r.pipeline.coverage = Some(1.0);
        r.pipeline.next_period_target = Some(100_000.0);
        r.pipeline.required_coverage = Some(4.0);
        r.revenue.win_rate = Some(0.25);
        let found = run(coverage, &r);
        assert_eq!(found[0].severity, 2.0);
        r.pipeline.coverage = Some(4.0);
        assert!(run(coverage, &r).is_empty());
    }
}
