//! Spend findings: one paid channel far costlier than another.

use super::{CHANNEL_GAP, CostUnit, Ctx, Facts, Finding, Section, one, size};
use crate::metrics::efficiency::ChannelEfficiency;

/// How a channel's cost per unit is read.
type CostOf = fn(&ChannelEfficiency) -> Option<f64>;

/// One paid channel far costlier per SQL (or MQL, or lead) than another:
/// the first unit every paid channel has a cost for decides.
pub(super) fn channel_cost(ctx: &Ctx) -> Vec<Finding> {
    let channels: Vec<_> = ctx
        .r
        .efficiency
        .channels
        .iter()
        .filter(|(_, c)| c.spend.cents() > 0)
        .collect();
    let pick: [(CostUnit, CostOf); 3] = [
        (CostUnit::Sql, |c| c.cost_per_sql),
        (CostUnit::Mql, |c| c.cost_per_mql),
        (CostUnit::Lead, |c| c.cost_per_lead),
    ];
    for (unit, cost) in pick {
        let mut costs: Vec<(&'static str, f64)> = channels
            .iter()
            .filter_map(|(k, c)| Some((**k, cost(c)?)))
            .collect();
        if costs.len() < 2 || costs.len() < channels.len() {
            continue;
        }
        costs.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
        let (cheap, dear) = (costs[0], costs[costs.len() - 1]);
        if dear.1 < cheap.1 * CHANNEL_GAP {
            return Vec::new();
        }
        let facts = Facts::ChannelCost { unit, dear, cheap };
        return one(Section::Spend, size(dear.1, cheap.1), facts);
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::super::test_review::{review, run};
    use super::*;
    use crate::model::Money;

    fn channel(spend: i64, per_sql: f64) -> ChannelEfficiency {
        ChannelEfficiency {
            spend: Money(spend),
            cost_per_sql: Some(per_sql),
            ..ChannelEfficiency::default()
        }
    }

    #[test]
    fn channel_cost_fires_from_half_again_dearer() {
        let mut r = review();
        let channels = &mut r.efficiency.channels;
        channels.insert("google_ads", channel(10_000, 100.0));
        channels.insert("meta_ads", channel(10_000, 400.0));
        let found = run(channel_cost, &r);
        assert_eq!(
            found[0].facts,
            Facts::ChannelCost {
                unit: CostUnit::Sql,
                dear: ("meta_ads", 400.0),
                cheap: ("google_ads", 100.0)
            }
        );
        assert_eq!(found[0].severity, 2.0);
        r.efficiency
            .channels
            .insert("meta_ads", channel(10_000, 140.0));
        assert!(run(channel_cost, &r).is_empty());
    }
}
