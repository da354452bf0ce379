//! The figures and tables of each review section, as strings for the page
//! and as plain values for the CSV files next to it: the figures from one
//! table per section ([`figures`]), the tables built once and shown both
//! ways ([`grid`]), so the page and the CSV cannot disagree.

mod balance;
mod comparison;
mod figures;
mod grid;
mod plan;
mod proof;
mod tables;

pub use balance::balance;
pub use comparison::{comparison_tables, unit_value};
pub use figures::{FigureView, alignment, funnel, hours, revenue, speed, spend};
pub use grid::{Grid, TableView};
pub use plan::{plan, plan_tables, projection_sentence, range_words};
pub use proof::{funnel_basis, funnel_stages, plan_measures};
pub use tables::{
    all_tables, balance_tables, channel_label, follow_up_tables, function_label, funnel_tables,
    hours_tables, pipeline_tables, spend_tables, team_rows_shown, team_tables,
};
