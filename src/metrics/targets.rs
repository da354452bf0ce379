//! Targets: each headline figure with a target gets a status, met, near or
//! missed. `[sla] within_share` is the target for the share of leads
//! touched within the SLA, the SLA's hours the one for the median speed
//! to lead (over every ready lead, the untouched still waiting), zero for
//! the tilt, `[targets]` in equinox.toml for the rest. The median is never
//! "met" while the SLA share misses its target: half the leads in time
//! does not make a follow-up in time.

use super::Figure;
use super::Review;
use crate::config::Settings;
use serde::Serialize;
use std::collections::BTreeMap;

/// How far past a one-sided target still counts as near: 10% of the target.
pub const NEAR: f64 = 0.10;
/// The tilt beyond the balanced band (0.25) that still counts as near.
pub const TILT_NEAR: f64 = 0.5;

/// Which side of the target is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Met at or above the target; near down to 90% of it.
    AtLeast,
    /// Met at or below the target; near up to 110% of it.
    AtMost,
    /// Met within 10% of the target either way; near within 20%.
    About,
    /// The tilt: met inside ±0.25, near inside ±0.5.
    Balanced,
}

/// Met, near or missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Near,
    Missed,
    /// The figure itself is not available.
    NotAvailable,
}

impl Status {
    /// The word the page shows.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Near => "near",
            Status::Missed => "missed",
            Status::NotAvailable => "not available",
        }
    }
}

/// A figure judged against its target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub value: Option<f64>,
    pub target: f64,
    pub rule: Rule,
    pub status: Status,
}

/// Judges `value` against `target` by `rule`.
pub fn judge(value: Option<f64>, target: f64, rule: Rule) -> Status {
    let Some(v) = value else {
        return Status::NotAvailable;
    };
    let (met, near) = match rule {
        Rule::AtLeast => (v >= target, v >= target * (1.0 - NEAR)),
        Rule::AtMost => (v <= target, v <= target * (1.0 + NEAR)),
        Rule::About => {
            let gap = (v - target).abs();
            (gap <= target * NEAR, gap <= target * 2.0 * NEAR)
        }
        Rule::Balanced => (
            super::Verdict::of(v) == super::Verdict::Balanced,
            v.abs() <= TILT_NEAR,
        ),
    };
    match (met, near) {
        (true, _) => Status::Met,
        (false, true) => Status::Near,
        _ => Status::Missed,
    }
}

/// Every headline figure that has a target, judged. The revenue target is
/// pro-rated by the observed days of a period in progress.
pub fn targets(review: &Review, settings: &Settings) -> BTreeMap<Figure, Target> {
    let t = &settings.targets;
    let observed = review.period_observed_share();
    let goals: [(Figure, Option<f64>, Option<f64>, Rule); 8] = [
        (Figure::Tilt, review.balance.tilt, Some(0.0), Rule::Balanced),
        (
            Figure::WithinSla,
            review.speed_to_lead.within_sla,
            Some(settings.sla.within_share),
            Rule::AtLeast,
        ),
        (
            Figure::MedianHours,
            review.speed_to_lead.median_hours,
            Some(settings.sla.first_touch_hours),
            Rule::AtMost,
        ),
        (
            Figure::MqlToSql,
            review.conversion.mql_to_sql.rate,
            t.mql_to_sql,
            Rule::AtLeast,
        ),
        (
            Figure::WinRate,
            review.revenue.win_rate,
            t.win_rate,
            Rule::AtLeast,
        ),
        (
            Figure::WonAmount,
            Some(review.revenue.won_amount.as_f64()),
            t.revenue_per_period.map(|r| r * observed),
            Rule::AtLeast,
        ),
        (
            Figure::Coverage,
            review.pipeline.coverage,
            t.pipeline_coverage,
            Rule::AtLeast,
        ),
        (
            Figure::MarketingShare,
            review.investment.marketing_share,
            t.marketing_share,
            Rule::About,
        ),
    ];
    let mut judged: BTreeMap<Figure, Target> = goals
        .into_iter()
        .filter_map(|(key, value, target, rule)| {
            let target = target?;
            Some((
                key,
                Target {
                    value,
                    target,
                    rule,
                    status: judge(value, target, rule),
                },
            ))
        })
        .collect();
    let sla_missed = judged
        .get(&Figure::WithinSla)
        .is_some_and(|t| t.status != Status::Met && t.status != Status::NotAvailable);
    if let Some(median) = judged.get_mut(&Figure::MedianHours)
        && sla_missed
    {
        median.status = contradicted(median.status);
    }
    judged
}

/// The median's status when the SLA share misses its target: at best
/// near, never met.
fn contradicted(status: Status) -> Status {
    match status {
        Status::Met => Status::Near,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_median_in_time_is_not_met_while_the_sla_share_misses() {
        assert_eq!(contradicted(Status::Met), Status::Near);
        assert_eq!(contradicted(Status::Missed), Status::Missed);
    }

    #[test]
    fn near_is_within_ten_percent_of_a_one_sided_target() {
        assert_eq!(judge(Some(0.3), 0.3, Rule::AtLeast), Status::Met);
        assert_eq!(judge(Some(0.27), 0.3, Rule::AtLeast), Status::Near);
        assert_eq!(judge(Some(0.26), 0.3, Rule::AtLeast), Status::Missed);
        assert_eq!(judge(Some(26.4), 24.0, Rule::AtMost), Status::Near);
        assert_eq!(judge(Some(26.5), 24.0, Rule::AtMost), Status::Missed);
        assert_eq!(judge(None, 24.0, Rule::AtMost), Status::NotAvailable);
    }

    #[test]
    fn about_and_balanced_are_two_sided() {
        assert_eq!(judge(Some(0.54), 0.5, Rule::About), Status::Met);
        assert_eq!(judge(Some(0.41), 0.5, Rule::About), Status::Near);
        assert_eq!(judge(Some(0.39), 0.5, Rule::About), Status::Missed);
        assert_eq!(judge(Some(-0.25), 0.0, Rule::Balanced), Status::Met);
        assert_eq!(judge(Some(0.43), 0.0, Rule::Balanced), Status::Near);
        assert_eq!(judge(Some(-0.55), 0.0, Rule::Balanced), Status::Missed);
    }
}
