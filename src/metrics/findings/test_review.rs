//! The review the rules' tests start from: no data, every figure empty,
//! so each test sets only the figures its rule reads.

use super::{Ctx, Finding, RuleFn};
use crate::config::Settings;
use crate::metrics::Review;

/// An empty review of 2026-Q3 after a review of 2026-Q2.
pub fn review() -> Review {
    let mut r = Review::default();
    r.period.label = "2026-Q3".into();
    r.period.complete = true;
    r.currency = "USD".into();
    r
}

/// What `rule` finds in `review` under the default settings.
pub fn run(rule: RuleFn, review: &Review) -> Vec<Finding> {
    let settings = Settings::default();
    rule(&Ctx {
        r: review,
        settings: &settings,
    })
}
