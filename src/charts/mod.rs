//! PLACEHOLDER until the charts module lands.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekFlow {
    pub label: String,
    pub supply: u64,
    pub absorption: u64,
    pub backlog: u64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklyFlowChart {
    pub title: String,
    pub weeks: Vec<WeekFlow>,
}
pub fn weekly_flow(c: &WeeklyFlowChart) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"360\"><title>{}</title></svg>",
        c.weeks.len()
    )
}
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodMoney {
    pub label: String,
    pub spend: f64,
    pub won: f64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct SpendRevenueChart {
    pub title: String,
    pub currency: String,
    pub periods: Vec<PeriodMoney>,
}
pub fn spend_vs_revenue(c: &SpendRevenueChart) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"360\"><title>{}</title></svg>",
        c.periods.len()
    )
}
#[derive(Debug, Clone, PartialEq)]
pub struct TiltPoint {
    pub label: String,
    pub tilt: Option<f64>,
}
#[derive(Debug, Clone, PartialEq)]
pub struct TiltHistoryChart {
    pub title: String,
    pub points: Vec<TiltPoint>,
}
pub fn tilt_history(c: &TiltHistoryChart) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"360\"><title>{}</title></svg>",
        c.points.len()
    )
}
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceScaleChart {
    pub title: String,
    pub tilt: Option<f64>,
    pub supply_per_week: Option<f64>,
    pub capacity_per_week: Option<f64>,
}
pub fn balance_scale(c: &BalanceScaleChart) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"300\"><title>{:?}</title></svg>",
        c.tilt
    )
}
