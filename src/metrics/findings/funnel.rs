//! Funnel findings: MQL-to-SQL conversion falling on the previous period,
//! and the source mix moving.

use super::{CONVERSION_FALL, Ctx, Facts, Finding, MIN_LEADS, MIX_SHIFT, Section, one, size};
use crate::metrics::Figure;
use crate::metrics::targets::Status;

/// MQL-to-SQL conversion fell by a fifth or more on the previous period
/// (unless its target already says it missed).
pub(super) fn conversion(ctx: &Ctx) -> Vec<Finding> {
    let Some(previous) = &ctx.r.comparison.previous else {
        return Vec::new();
    };
    let conv = &ctx.r.conversion.mql_to_sql;
    let Some(c) = previous.figures.get(&Figure::MqlToSql) else {
        return Vec::new();
    };
    let (Some(now), Some(before)) = (c.value, c.before) else {
        return Vec::new();
    };
    let target_missed = ctx
        .r
        .targets
        .get(&Figure::MqlToSql)
        .is_some_and(|t| t.status == Status::Missed);
    if conv.cohort < MIN_LEADS || now > before * CONVERSION_FALL || target_missed {
        return Vec::new();
    }
    let facts = Facts::Conversion {
        now,
        before,
        cohort: conv.cohort,
        young: conv.young,
    };
    one(Section::Funnel, size(before, now), facts)
}

/// The source mix moved on the previous period.
pub(super) fn mix_shift(ctx: &Ctx) -> Vec<Finding> {
    let a = &ctx.r.alignment;
    let (Some(shift), Some(_)) = (a.mix_shift, &ctx.r.comparison.previous) else {
        return Vec::new();
    };
    if shift < MIX_SHIFT {
        return Vec::new();
    }
    let mut moves: Vec<(String, f64)> = a
        .source_mix
        .iter()
        .filter_map(|r| Some((r.source.clone(), r.shift_pts?)))
        .collect();
    moves.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    moves.truncate(2);
    let facts = Facts::MixShift { shift, moves };
    one(Section::Funnel, size(shift, MIX_SHIFT), facts)
}

#[cfg(test)]
mod tests {
    use super::super::test_review::{review, run};
    use super::*;
    use crate::metrics::Review;
    use crate::metrics::comparison::{Against, Unit, change};

    fn compared(figure: Figure, now: f64, before: f64) -> Review {
        let mut r = review();
        let figures = [(figure, change(Unit::Share, Some(now), Some(before)))];
        r.comparison.previous = Some(Against {
            label: "2026-Q2".into(),
            figures: figures.into_iter().collect(),
        });
        r
    }

    #[test]
    fn conversion_fires_on_a_fall_of_a_fifth() {
        let mut r = compared(Figure::MqlToSql, 0.2, 0.4);
        r.conversion.mql_to_sql.cohort = MIN_LEADS;
        let found = run(conversion, &r);
        assert_eq!(found[0].severity, 1.0);
        let mut mild = compared(Figure::MqlToSql, 0.33, 0.4);
        mild.conversion.mql_to_sql.cohort = MIN_LEADS;
        assert!(run(conversion, &mild).is_empty());
        r.conversion.mql_to_sql.cohort = MIN_LEADS - 1;
        assert!(run(conversion, &r).is_empty());
    }

    #[test]
    fn mix_shift_fires_from_fifteen_percent() {
        use crate::metrics::alignment::MixRow;
        let mut r = compared(Figure::Mqls, 1.0, 1.0);
        r.alignment.mix_shift = Some(0.14);
        assert!(run(mix_shift, &r).is_empty());
        r.alignment.mix_shift = Some(0.3);
        let row = |source: &str, pts: f64| MixRow {
            source: source.into(),
            shift_pts: Some(pts),
            ..MixRow::default()
        };
        r.alignment.source_mix = vec![row("Ads", -30.0), row("Events", 5.0), row("Web", 25.0)];
        let found = run(mix_shift, &r);
        assert_eq!(
            found[0].facts,
            Facts::MixShift {
                shift: 0.3,
                moves: vec![("Ads".into(), -30.0), ("Web".into(), 25.0)]
            }
        );
    }
}
