//! The words of the alignment findings: leads worked by several reps,
//! duplicate lead records, and the source mix moving.

use super::{Ctx, Said};
use crate::metrics::words::{count_of, percent, signed_points};

pub(super) fn multi_rep(leads: u64, share: f64) -> Said {
    (
        format!(
            "{} ({}) {} worked by two or more reps in their first {} days.",
            count_of(leads, "lead", "leads"),
            percent(share),
            if leads == 1 { "was" } else { "were" },
            crate::metrics::follow_up::FIRST_DAYS
        ),
        Some("Give every new lead one owner and route the team's touches through them.".into()),
    )
}

pub(super) fn duplicates(leads: u64, share: f64) -> Said {
    (
        format!(
            "{} ({}) {} the email of an earlier lead.",
            count_of(leads, "new lead record", "new lead records"),
            percent(share),
            if leads == 1 { "repeats" } else { "repeat" }
        ),
        Some(
            "Merge duplicate records before routing, so two reps do not call the same person."
                .into(),
        ),
    )
}

pub(super) fn mix_shift(ctx: &Ctx, shift: f64, moves: &[(String, f64)]) -> Said {
    let biggest: Vec<String> = moves
        .iter()
        .map(|(source, pts)| format!("{source} {}", signed_points(*pts)))
        .collect();
    (
        format!(
            "The source mix moved: {} of new leads came from different sources than in {} ({}).",
            percent(shift),
            ctx.previous(),
            biggest.join(", ")
        ),
        None,
    )
}
