//! The Balance section's figures: the tilt, supply against capacity (a
//! lower bound where the reps were never fully loaded, and said so), the
//! capacity's evidence and the untouched queue by age.

use super::figures::{FigureView, Name, Row, Value, figures};
use crate::config::Settings;
use crate::metrics::capacity::Basis;
use crate::metrics::words::{count, per_week, tilt};
use crate::metrics::{Figure, Review};
use crate::render::reasons;

/// Whether capacity is only a lower bound: the reps were never loaded.
fn bound(r: &Review) -> bool {
    r.balance.capacity_basis == Some(Basis::LowerBound)
}

/// `at least 12.0` under a lower bound, else `12.0`.
fn at_least(r: &Review, v: f64) -> String {
    let v = per_week(v);
    if bound(r) { format!("at least {v}") } else { v }
}

/// `New MQLs a week (supply)`, or `New leads a week (supply)` where
/// every new lead counts as supply.
fn supply_label(review: &Review) -> String {
    let words = reasons::supply_words(review.method.ready_for_sales);
    let mut chars = words.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!(
        "{}{} a week (supply)",
        first.unwrap_or_default(),
        chars.as_str()
    )
}

/// `6.0 (median of 12 rep-weeks with leads waiting all week)`: the first
/// touches a rep can make a week, and how the figure was found.
fn per_rep(r: &Review) -> Option<String> {
    let b = &r.balance;
    let how = match b.capacity_basis {
        Some(Basis::UnderLoad) => format!(
            "median of {} rep-weeks with leads waiting all week",
            count(b.loaded_rep_weeks)
        ),
        Some(Basis::LowerBound) => "the reps were never fully loaded".into(),
        _ => "set in equinox.toml".into(),
    };
    b.per_rep_week
        .map(|p| format!("{} ({how})", at_least(r, p)))
}

/// `31 (2 under a day, 5 1–7 days, …)`: the untouched queue by age band.
fn queue_ages(r: &Review) -> String {
    let a = &r.balance.queue.ages;
    format!(
        "{} ({} under a day, {} 1–7 days, {} 7–30 days, {} 30–90 days, {} older)",
        count(a.total),
        count(a.under_1d),
        count(a.d1_7),
        count(a.d7_30),
        count(a.d30_90),
        count(a.older)
    )
}

const BALANCE: &[Row] = &[
    Row {
        name: Name::Text("Tilt"),
        value: Value::Or(Figure::Tilt, |r| {
            let at_most = if bound(r) { "≤ " } else { "" };
            r.balance.tilt.map(|t| format!("{at_most}{}", tilt(t)))
        }),
    },
    Row {
        name: Name::Made(|r, _| supply_label(r)),
        value: Value::Or(Figure::SupplyPerWeek, |r| {
            r.balance.supply_per_week.map(per_week)
        }),
    },
    Row {
        name: Name::Text("Follow-up capacity a week (first touches of leads handed to sales)"),
        value: Value::Or(Figure::CapacityPerWeek, |r| {
            r.balance.capacity_per_week.map(|v| at_least(r, v))
        }),
    },
    Row {
        name: Name::Text("Active reps"),
        value: Value::Known(|r| count(r.balance.active_reps)),
    },
    Row {
        name: Name::Text("First touches a rep can make a week (leads handed to sales)"),
        value: Value::Or(Figure::CapacityPerWeek, per_rep),
    },
    Row {
        name: Name::Text(
            "Rep-weeks with leads waiting all week, last four quarters (capacity-evidence.csv)",
        ),
        value: Value::Known(|r| {
            let b = &r.balance;
            let all = b.rep_weeks.len() as u64;
            format!("{} of {}", count(b.loaded_rep_weeks), count(all))
        }),
    },
    Row {
        name: Name::Made(|r, _| {
            let noun = reasons::supply_noun(r.method.ready_for_sales);
            format!("Untouched {noun} at the period's end, every age")
        }),
        value: Value::Known(queue_ages),
    },
    Row {
        name: Name::Made(|r, _| {
            let days = r.balance.queue.workable_days;
            format!("Of those, workable (no older than {days} days)")
        }),
        value: Value::Known(|r| count(r.balance.inventory.untouched)),
    },
    Row {
        name: Name::Text("MQLs being worked at the period's end"),
        value: Value::Known(|r| count(r.balance.inventory.working)),
    },
    Row {
        name: Name::Of(Figure::InventoryWeeks),
        value: Value::Or(Figure::InventoryWeeks, |r| {
            r.balance.inventory_weeks.map(|w| format!("{w:.1}"))
        }),
    },
];

/// Balance section figures: supply, capacity, the queue, inventory.
pub fn balance(review: &Review, settings: &Settings) -> Vec<FigureView> {
    figures(BALANCE, review, settings)
}
