//! Comparison: every headline figure against the previous period and the
//! same period a year earlier, as an absolute and a relative change
//! (percentage points for shares).

use super::{Figure, Review};
use crate::model::PeriodKind;
use serde::Serialize;
use std::collections::BTreeMap;

/// How a headline figure is measured, which decides how changes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    Money,
    /// A fraction 0..1: changes are in percentage points.
    Share,
    Hours,
    /// Balance tilt (log2): changes are differences only.
    Tilt,
    /// A plain ratio (per week).
    Ratio,
    /// A multiple (coverage, return on ad spend).
    Times,
}

/// A headline figure: which figure, its unit and how to read it (render
/// names it: render/labels.rs).
pub struct Headline {
    pub key: Figure,
    pub unit: Unit,
    pub value: fn(&Review) -> Option<f64>,
}

/// Figures compared for the findings' wording but not shown among the
/// headlines: a finding that states a share compares the share, in
/// points, not the count beside it.
pub const SUPPORTING: &[Headline] = &[Headline {
    key: Figure::DroppedShare,
    unit: Unit::Share,
    value: |r| r.speed_to_lead.dropped_share,
}];

/// The headline figures, in the order the review shows them.
pub const HEADLINES: &[Headline] = &[
    Headline {
        key: Figure::Tilt,
        unit: Unit::Tilt,
        value: |r| r.balance.tilt,
    },
    Headline {
        key: Figure::Mqls,
        unit: Unit::Count,
        value: |r| Some(r.funnel.mqls as f64),
    },
    Headline {
        key: Figure::MedianHours,
        unit: Unit::Hours,
        value: |r| r.speed_to_lead.median_hours,
    },
    Headline {
        key: Figure::WithinSla,
        unit: Unit::Share,
        value: |r| r.speed_to_lead.within_sla,
    },
    Headline {
        key: Figure::Dropped,
        unit: Unit::Count,
        value: |r| Some(r.speed_to_lead.dropped as f64),
    },
    Headline {
        key: Figure::SpendTotal,
        unit: Unit::Money,
        value: |r| Some(r.spend.total.as_f64()),
    },
    Headline {
        key: Figure::WonAmount,
        unit: Unit::Money,
        value: |r| Some(r.revenue.won_amount.as_f64()),
    },
    Headline {
        key: Figure::Leads,
        unit: Unit::Count,
        value: |r| Some(r.funnel.leads as f64),
    },
    Headline {
        key: Figure::Sqls,
        unit: Unit::Count,
        value: |r| Some(r.funnel.sqls as f64),
    },
    Headline {
        key: Figure::Won,
        unit: Unit::Count,
        value: |r| Some(r.funnel.won as f64),
    },
    Headline {
        key: Figure::MqlToSql,
        unit: Unit::Share,
        value: |r| r.conversion.mql_to_sql.rate,
    },
    Headline {
        key: Figure::SupplyPerWeek,
        unit: Unit::Ratio,
        value: |r| r.balance.supply_per_week,
    },
    Headline {
        key: Figure::CapacityPerWeek,
        unit: Unit::Ratio,
        value: |r| r.balance.capacity_per_week,
    },
    Headline {
        key: Figure::MarketingShare,
        unit: Unit::Share,
        value: |r| r.investment.marketing_share,
    },
    Headline {
        key: Figure::CostPerMql,
        unit: Unit::Money,
        value: |r| r.efficiency.cost_per_mql,
    },
    Headline {
        key: Figure::Cac,
        unit: Unit::Money,
        value: |r| r.efficiency.cac,
    },
    Headline {
        key: Figure::Roas,
        unit: Unit::Times,
        value: |r| r.efficiency.roas,
    },
    Headline {
        key: Figure::PipelineCreated,
        unit: Unit::Money,
        value: |r| Some(r.revenue.pipeline_created.as_f64()),
    },
    Headline {
        key: Figure::WinRate,
        unit: Unit::Share,
        value: |r| r.revenue.win_rate,
    },
    Headline {
        key: Figure::AverageWonDeal,
        unit: Unit::Money,
        value: |r| r.pipeline.average_won_deal,
    },
    Headline {
        key: Figure::Coverage,
        unit: Unit::Times,
        value: |r| r.pipeline.coverage,
    },
];

/// The headline figure with `key`.
pub fn headline(key: Figure) -> Option<&'static Headline> {
    HEADLINES.iter().find(|h| h.key == key)
}

/// One figure now and then.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub unit: Unit,
    pub value: Option<f64>,
    pub before: Option<f64>,
    /// `value - before`; in percentage points for shares.
    pub change: Option<f64>,
    /// `value / before - 1`; `null` for shares and tilt, and when `before`
    /// is 0.
    pub relative: Option<f64>,
}

/// Every headline figure against one earlier review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Against {
    /// The earlier review's period.
    pub label: String,
    pub figures: BTreeMap<Figure, Change>,
}

/// The review against the previous period and the same period a year
/// earlier; `null` where that review does not exist.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    pub previous: Option<Against>,
    pub year_ago: Option<Against>,
}

/// How many periods make a year.
pub fn periods_per_year(kind: PeriodKind) -> usize {
    match kind {
        PeriodKind::Quarter => 4,
        PeriodKind::Month => 12,
        PeriodKind::Half => 2,
    }
}

/// One figure's change from `before` to `now`.
pub fn change(unit: Unit, now: Option<f64>, before: Option<f64>) -> Change {
    let diff = now.zip(before).map(|(n, b)| n - b);
    let relative = match unit {
        Unit::Share | Unit::Tilt => None,
        _ => now
            .zip(before)
            .filter(|(_, b)| *b != 0.0)
            .map(|(n, b)| n / b - 1.0),
    };
    Change {
        unit,
        value: now,
        before,
        change: if unit == Unit::Share {
            diff.map(|d| d * 100.0)
        } else {
            diff
        },
        relative,
    }
}

/// Every headline figure of `now` against `before`.
pub fn against(now: &Review, before: &Review) -> Against {
    Against {
        label: before.period.label.clone(),
        figures: HEADLINES
            .iter()
            .chain(SUPPORTING)
            .map(|h| (h.key, change(h.unit, (h.value)(now), (h.value)(before))))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_relative_for_counts_and_points_for_shares() {
        let c = change(Unit::Count, Some(412.0), Some(298.0));
        assert_eq!(c.change, Some(114.0));
        assert!((c.relative.unwrap() - 114.0 / 298.0).abs() < 1e-12);
        let s = change(Unit::Share, Some(0.11), Some(0.6));
        assert!((s.change.unwrap() + 49.0).abs() < 1e-9);
        assert_eq!(s.relative, None);
        assert_eq!(change(Unit::Count, Some(5.0), Some(0.0)).relative, None);
        assert_eq!(change(Unit::Tilt, Some(0.4), Some(-0.3)).relative, None);
        assert_eq!(change(Unit::Money, None, Some(1.0)).change, None);
    }

    #[test]
    fn headlines_are_found_by_figure() {
        assert!(headline(Figure::Mqls).is_some());
        assert!(headline(Figure::P90Hours).is_none());
    }
}
