//! Team findings: a source disqualified far more often than the rest,
//! leads worked by several reps, duplicate lead records.

use super::{
    Ctx, DISQUALIFIED_GAP, DUPLICATE_SHARE, Facts, Finding, MIN_LEADS, MULTI_REP_SHARE, Section,
    one, size,
};

/// One source disqualified far more often than the rest.
pub(super) fn disqualified(ctx: &Ctx) -> Vec<Finding> {
    let a = &ctx.r.alignment;
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
    let facts = Facts::Disqualified {
        source: source.clone(),
        share,
        overall,
    };
    one(Section::Team, size(share, overall), facts)
}

/// Leads worked by two or more reps in their first days.
pub(super) fn multi_rep(ctx: &Ctx) -> Vec<Finding> {
    let a = &ctx.r.alignment;
    match (a.multi_rep_leads, a.multi_rep_share) {
        (Some(leads), Some(share)) if share >= MULTI_REP_SHARE => {
            let facts = Facts::MultiRep { leads, share };
            one(Section::Team, size(share, MULTI_REP_SHARE), facts)
        }
        _ => Vec::new(),
    }
}

/// New lead records that repeat an earlier lead's email.
pub(super) fn duplicates(ctx: &Ctx) -> Vec<Finding> {
    let a = &ctx.r.alignment;
    match (a.duplicate_leads, a.duplicate_share) {
        (Some(leads), Some(share)) if share >= DUPLICATE_SHARE => {
            let facts = Facts::Duplicates { leads, share };
            one(Section::Team, size(share, DUPLICATE_SHARE), facts)
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_review::{review, run};
    use super::*;
    use crate::metrics::alignment::SourceFeedback;

    #[test]
    fn disqualified_fires_at_half_again_the_overall_share() {
        let mut r = review();
        r.alignment.disqualified_share = Some(0.2);
        let source = |share: f64| SourceFeedback {
            ready: MIN_LEADS,
            share: Some(share),
            ..SourceFeedback::default()
        };
        let by = &mut r.alignment.disqualified_by_source;
        by.insert("Events".into(), source(0.29));
        assert!(run(disqualified, &r).is_empty());
        r.alignment
            .disqualified_by_source
            .insert("Webinars".into(), source(0.4));
        let found = run(disqualified, &r);
        assert_eq!(found[0].severity, 1.0);
        assert!(
            matches!(&found[0].facts, Facts::Disqualified { source, .. } if source == "Webinars")
        );
    }

    #[test]
    fn multi_rep_fires_from_five_percent() {
        let mut r = review();
        r.alignment.multi_rep_leads = Some(4);
        r.alignment.multi_rep_share = Some(0.04);
        assert!(run(multi_rep, &r).is_empty());
        r.alignment.multi_rep_share = Some(0.1);
        assert_eq!(run(multi_rep, &r)[0].severity, 1.0);
    }

    #[test]
    fn duplicates_fire_from_two_percent() {
        let mut r = review();
        r.alignment.duplicate_leads = Some(1);
        r.alignment.duplicate_share = Some(0.01);
        assert!(run(duplicates, &r).is_empty());
        r.alignment.duplicate_share = Some(0.08);
        assert_eq!(run(duplicates, &r)[0].severity, 2.0);
    }
}
