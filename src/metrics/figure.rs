//! Figure keys: every figure a review can compare, target, judge or be
//! unable to compute, named once. A key is its metrics.json path
//! (`balance.tilt`); code names it by variant, so a misspelt key is a
//! compile error rather than a silent "no data".

use serde::{Serialize, Serializer};
use std::cmp::Ordering;

macro_rules! figures {
    ($($(#[$doc:meta])* $variant:ident => $key:literal,)*) => {
        /// A figure of a review, by its metrics.json path.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Figure {
            $($(#[$doc])* $variant,)*
        }

        impl Figure {
            /// Every figure, in declaration order.
            pub const ALL: &[Figure] = &[$(Figure::$variant,)*];

            /// The metrics.json path: `balance.tilt`.
            pub const fn key(self) -> &'static str {
                match self {
                    $(Figure::$variant => $key,)*
                }
            }
        }
    };
}

figures! {
    Tilt => "balance.tilt",
    SupplyPerWeek => "balance.supply_per_week",
    CapacityPerWeek => "balance.capacity_per_week",
    InventoryWeeks => "balance.inventory_weeks",
    /// The verdict, missing where a lower bound of capacity settles none.
    Verdict => "balance.verdict",
    Leads => "funnel.leads",
    Mqls => "funnel.mqls",
    Sqls => "funnel.sqls",
    Won => "funnel.won",
    LeadToMql => "conversion.lead_to_mql",
    MqlToSql => "conversion.mql_to_sql",
    SqlToOpportunity => "conversion.sql_to_opportunity",
    OpportunityToWon => "conversion.opportunity_to_won",
    MqlToOpportunity => "conversion.mql_to_opportunity",
    MqlToWon => "conversion.mql_to_won",
    MedianHours => "speed_to_lead.median_hours",
    P90Hours => "speed_to_lead.p90_hours",
    WithinSla => "speed_to_lead.within_sla",
    Dropped => "speed_to_lead.dropped",
    DroppedShare => "speed_to_lead.dropped_share",
    SpendTotal => "spend.total",
    WonAmount => "revenue.won_amount",
    WinRate => "revenue.win_rate",
    PipelineCreated => "revenue.pipeline_created",
    MarketingShare => "investment.marketing_share",
    HourShares => "investment.hours.shares",
    MqlsPerMarketingHour => "investment.hours.mqls_per_marketing_hour",
    WonPerSalesHour => "investment.hours.won_per_sales_hour",
    CostPerLead => "efficiency.cost_per_lead",
    CostPerMql => "efficiency.cost_per_mql",
    Cac => "efficiency.cac",
    Roas => "efficiency.roas",
    MarketingCostPerContact => "efficiency.marketing_cost_per_contact",
    SalesCostPerContact => "efficiency.sales_cost_per_contact",
    AverageWonDeal => "pipeline.average_won_deal",
    MedianCycleDays => "pipeline.median_cycle_days",
    TouchesPerWonDeal => "pipeline.touches_per_won_deal",
    LeadToCloseDays => "pipeline.lead_to_close_days",
    VelocityPerDay => "pipeline.velocity_per_day",
    Coverage => "pipeline.coverage",
    RequiredCoverage => "pipeline.required_coverage",
    MultiRepLeads => "alignment.multi_rep_leads",
    DuplicateLeads => "alignment.duplicate_leads",
    DisqualifiedShare => "alignment.disqualified_share",
    MixShift => "alignment.mix_shift",
    MqlsNeeded => "plan.mqls_needed",
    PlanLoad => "plan.load",
    PlanProjection => "plan.projection",
    PlanRange => "plan.range",
    /// The previous period's review, for the comparison.
    PreviousPeriod => "comparison.previous",
    /// The same period a year earlier, for the comparison.
    YearAgo => "comparison.year_ago",
}

/// Ordered by key, so maps keyed by figure keep metrics.json's order.
impl Ord for Figure {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(other.key())
    }
}

impl PartialOrd for Figure {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_paths() {
        let mut keys: Vec<&str> = Figure::ALL.iter().map(|f| f.key()).collect();
        assert!(keys.iter().all(|k| k.contains('.')));
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Figure::ALL.len());
    }

    #[test]
    fn serialises_and_orders_by_key() {
        assert_eq!(
            serde_json::to_string(&Figure::MqlToSql).unwrap(),
            "\"conversion.mql_to_sql\""
        );
        assert!(Figure::Tilt < Figure::MqlToSql);
    }
}
