//! Charts stage (data structs in, SVG string out, no file I/O).
//!
//! Each public function takes a small plain struct and returns a complete,
//! standalone, accessible SVG document drawn with plotters' SVG backend
//! (naive font metrics, so the output is byte-identical on every machine).
//! Empty or degenerate input gives a framed "No data for this chart" note
//! instead of a panic. The look – sizes, font, palette, number formatting –
//! lives in [`style`].

mod axes;
mod canvas;
mod capacity;
mod channels;
mod cohort;
mod flow;
mod funnel;
mod hours;
mod layout;
mod money;
mod plan_check;
mod queue;
mod revenue;
mod rows;
mod scale;
mod side;
mod speed;
pub mod style;
mod svg;
mod tilt;

#[cfg(test)]
mod tests;

pub use capacity::{CapacityChart, RepRow, RepWeekCell, capacity_evidence};
pub use channels::{ChannelSpend, ChannelSpendChart, channel_spend};
pub use cohort::{CohortCurvesChart, CohortLine, cohort_curves};
pub use flow::{WeekFlow, WeeklyFlowChart, weekly_flow};
pub use funnel::{FunnelChart, FunnelStage, funnel};
pub use hours::{FunctionHours, HoursChart, hours_by_function};
pub use money::{PeriodMoney, SpendRevenueChart, spend_vs_revenue};
pub use plan_check::{PlanCheckChart, PlanMeasure, plan_check};
pub use queue::{QueueBand, QueueChart, queue_by_age};
pub use revenue::{FunctionMoney, FunctionRevenueChart, revenue_by_function};
pub use scale::{BalanceScaleChart, balance_scale};
pub use side::Side;
pub use speed::{SpeedBand, SpeedChart, speed_bands};
pub use tilt::{TiltHistoryChart, TiltPoint, tilt_history};
