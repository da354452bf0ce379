//! The comparison table: every headline figure against the previous
//! period and the same period a year earlier, for the data section and
//! comparison.csv; and a headline value written by its unit.

use super::grid::{Cell, Grid, optional, text};
use crate::metrics::Review;
use crate::metrics::comparison::{Against, Change, HEADLINES, Unit};
use crate::metrics::words::{
    count, duration_hours, factor, money, percent, signed_level, signed_percent, signed_points,
    tilt,
};
use crate::render::labels;

/// The comparison of every headline figure, for the CSV and the data section.
pub fn comparison_tables(review: &Review) -> Vec<Grid> {
    let c = review.currency.as_str();
    let prev = review.comparison.previous.as_ref();
    let year = review.comparison.year_ago.as_ref();
    let label =
        |a: Option<&Against>, what: &str| a.map_or_else(|| what.to_string(), |a| a.label.clone());
    let prev_label = label(prev, "previous period");
    let year_label = label(year, "a year earlier");
    let mut grid = Grid::new(
        "comparison.csv",
        "Headline figures against earlier periods",
        &[
            "Figure",
            "Unit",
            &review.period.label,
            &prev_label,
            &format!("Change on {prev_label}"),
            &year_label,
            &format!("Change on {year_label}"),
        ],
    )
    .note("Changes: percent for counts and amounts, points for shares, and the difference in the figure's own unit for durations, rates, multiples and the tilt. The CSV holds percents as fractions (1 = +100%) and durations in hours.");
    for h in HEADLINES {
        let p = prev.and_then(|a| a.figures.get(&h.key));
        let y = year.and_then(|a| a.figures.get(&h.key));
        grid.push(vec![
            text(labels::label(h.key)),
            text(unit_name(h.unit)),
            unit_cell(h.unit, (h.value)(review), c),
            unit_cell(h.unit, p.and_then(|c| c.before), c),
            change_cell(p),
            unit_cell(h.unit, y.and_then(|c| c.before), c),
            change_cell(y),
        ]);
    }
    vec![grid]
}

/// A headline value formatted by its unit.
pub fn unit_value(unit: Unit, value: f64, currency: &str) -> String {
    match unit {
        Unit::Count => count(value.round() as u64),
        Unit::Money => money(value, currency),
        Unit::Share => percent(value),
        Unit::Hours => duration_hours(value),
        Unit::Tilt => tilt(value),
        Unit::Ratio => format!("{value:.2}"),
        Unit::Times => factor(value),
    }
}

/// A difference of levels in the figure's own unit: `−8.4 days`,
/// `+1.7×`, `−19.78`, `+0.43`.
fn level_change(unit: Unit, difference: f64) -> String {
    signed_level(difference, |size| match unit {
        Unit::Hours => duration_hours(size),
        Unit::Times => factor(size),
        _ => format!("{size:.2}"),
    })
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Count => "count",
        Unit::Money => "money",
        Unit::Share => "share",
        Unit::Hours => "hours",
        Unit::Tilt => "tilt",
        Unit::Ratio => "ratio",
        Unit::Times => "times",
    }
}

fn unit_cell(unit: Unit, value: Option<f64>, currency: &str) -> Cell {
    optional(value, |v| unit_value(unit, v, currency))
}

fn change_cell(change: Option<&Change>) -> Cell {
    let Some(c) = change else {
        return optional(None, |_| String::new());
    };
    match (c.unit, c.before) {
        (Unit::Share, _) => optional(c.change, signed_points),
        (Unit::Tilt | Unit::Hours | Unit::Ratio | Unit::Times, _) => {
            optional(c.change, |v| level_change(c.unit, v))
        }
        (_, Some(b)) if b == 0.0 && c.value.is_some() => Cell {
            shown: "was 0".into(),
            raw: String::new(),
        },
        _ => optional(c.relative, signed_percent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_multiples_and_rates_change_in_levels() {
        assert_eq!(level_change(Unit::Hours, 18.2 - 220.8), "−8.4 days");
        assert_eq!(level_change(Unit::Hours, 0.5), "+30 min");
        assert_eq!(level_change(Unit::Times, 2.6 - 0.9), "+1.7×");
        assert_eq!(level_change(Unit::Ratio, 34.24 - 54.02), "−19.78");
        assert_eq!(level_change(Unit::Tilt, -0.98), "−0.98");
        assert_eq!(level_change(Unit::Times, 0.01), "0.0×");
        assert_eq!(level_change(Unit::Ratio, -0.001), "0.00");
    }
}
