//! The name of every figure as readers see it in the headlines, the
//! comparison table, restatements and the sections that show it under the
//! same name: each written once, matched exhaustively, so a new figure
//! without a name does not compile.

use crate::metrics::Figure;

/// What people read for `figure`.
pub fn label(figure: Figure) -> &'static str {
    match figure {
        Figure::Tilt => "Balance tilt",
        Figure::SupplyPerWeek => "New MQLs a week",
        Figure::CapacityPerWeek => "Follow-up capacity a week",
        Figure::InventoryWeeks => "Weeks of leads in hand",
        Figure::Verdict => "Balance verdict",
        Figure::Leads => "New leads",
        Figure::Mqls => "New MQLs",
        Figure::Sqls => "SQLs",
        Figure::Won => "Deals won",
        Figure::LeadToMql => "Lead-to-MQL conversion",
        Figure::MqlToSql => "MQL-to-SQL conversion",
        Figure::SqlToOpportunity => "SQL-to-opportunity conversion",
        Figure::OpportunityToWon => "Opportunity-to-won conversion",
        Figure::MqlToOpportunity => "MQL-to-opportunity conversion",
        Figure::MqlToWon => "MQL-to-won conversion",
        Figure::MedianHours => "Median speed to lead",
        Figure::P90Hours => "90th percentile",
        Figure::WithinSla => "Touched within SLA",
        Figure::Dropped => "Dropped leads",
        Figure::DroppedShare => "Dropped share of ready leads",
        Figure::SpendTotal => "Ad spend",
        Figure::WonAmount => "Won revenue",
        Figure::WinRate => "Win rate",
        Figure::PipelineCreated => "Pipeline created",
        Figure::MarketingShare => "Marketing share of spend",
        Figure::HourShares => "Hours logged",
        Figure::MqlsPerMarketingHour => "MQLs per marketing hour",
        Figure::WonPerSalesHour => "Won revenue per sales hour",
        Figure::CostPerLead => "Cost per new lead",
        Figure::CostPerMql => "Cost per MQL",
        Figure::Cac => "Customer acquisition cost",
        Figure::Roas => "Return on ad spend",
        Figure::MarketingCostPerContact => "Marketing cost per contact (per impression)",
        Figure::SalesCostPerContact => "Sales cost per contact",
        Figure::AverageWonDeal => "Average won deal",
        Figure::MedianCycleDays => "Median sales cycle",
        Figure::TouchesPerWonDeal => "Touches per won deal",
        Figure::LeadToCloseDays => "Lead to close (median)",
        Figure::VelocityPerDay => "Pipeline velocity",
        Figure::Coverage => "Pipeline coverage",
        Figure::RequiredCoverage => "Coverage the win rate requires",
        Figure::MultiRepLeads => "Leads worked by two or more reps",
        Figure::DuplicateLeads => "New leads duplicating an earlier email",
        Figure::DisqualifiedShare => "Disqualified by sales",
        Figure::MixShift => "Source mix shift",
        Figure::MqlsNeeded => "MQLs needed",
        Figure::PlanLoad => "Reps needed at today's throughput",
        Figure::PlanProjection => "Next period projected at the target rate",
        Figure::PlanRange => "Weekly target by recent period's conversion",
        Figure::PreviousPeriod => "Previous period",
        Figure::YearAgo => "Same period a year earlier",
    }
}
