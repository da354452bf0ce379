//! Charts stage (data structs in, SVG string out, no file I/O): where the
//! hours went – logged hours per function as bars in the side's colour, each
//! with its hours and share of the total.

use super::layout;
use super::money::amount;
use super::rows::{self, Row};
use super::side::Side;
use super::style::{self, CHART_WIDTH};
use super::svg::{self, Area, DrawResult, Meta};

/// Hours logged for one function.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionHours {
    /// Side the function belongs to; picks the colour.
    pub side: Side,
    /// Function name, e.g. "Marketing".
    pub label: String,
    /// Hours logged; negative or non-finite values count as 0.
    pub hours: f64,
}

/// Input of [`hours_by_function`].
#[derive(Debug, Clone, PartialEq)]
pub struct HoursChart {
    /// Chart title.
    pub title: String,
    /// Functions in the order they are drawn, top to bottom.
    pub functions: Vec<FunctionHours>,
}

/// Renders hours and their share per function as an SVG document.
pub fn hours_by_function(chart: &HoursChart) -> String {
    let meta = Meta {
        id: "hours-by-function",
        title: &chart.title,
        desc: describe(&chart.functions),
        size: (CHART_WIDTH, rows::chart_height(chart.functions.len())),
    };
    let has_data = chart.functions.iter().any(|f| amount(f.hours) > 0.0);
    let draw = has_data.then_some(|root: &Area| draw(root, chart));
    svg::document(&meta, draw)
}

fn total(functions: &[FunctionHours]) -> f64 {
    functions.iter().map(|f| amount(f.hours)).sum()
}

/// "310 h · 40%": the function's hours and their share of all hours.
fn hours_text(function: &FunctionHours, total: f64) -> String {
    let hours = amount(function.hours);
    format!(
        "{} h · {}",
        style::format_compact(hours),
        style::format_share(hours, total)
    )
}

fn draw(root: &Area, chart: &HoursChart) -> DrawResult {
    let area = layout::header(root, &chart.title, &[])?;
    let total = total(&chart.functions);
    let bars: Vec<Row> = chart
        .functions
        .iter()
        .map(|function| Row {
            label: function.label.clone(),
            note: String::new(),
            value: function.hours,
            text: hours_text(function, total),
            color: function.side.color(),
        })
        .collect();
    rows::draw(&area, &bars)?;
    Ok(())
}

fn describe(functions: &[FunctionHours]) -> String {
    if functions.is_empty() {
        return format!("{}.", svg::NO_DATA);
    }
    let total = total(functions);
    let each: Vec<String> = functions
        .iter()
        .map(|f| format!("{} {}", f.label, hours_text(f, total)))
        .collect();
    format!(
        "Hours logged by function: {}. Total {} h.",
        each.join("; "),
        style::format_compact(total),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(value: f64) -> FunctionHours {
        FunctionHours {
            side: Side::Sales,
            label: "Sales".to_owned(),
            hours: value,
        }
    }

    #[test]
    fn hours_and_shares() {
        let functions = [hours(310.0), hours(420.0), hours(40.0), hours(f64::NAN)];
        let total = total(&functions);
        assert_eq!(total, 770.0);
        let texts: Vec<String> = functions.iter().map(|f| hours_text(f, total)).collect();
        assert_eq!(
            texts,
            ["310 h · 40%", "420 h · 55%", "40 h · 5%", "0 h · 0%"]
        );
        assert_eq!(hours_text(&hours(-5.0), 0.0), "0 h · n/a");
    }
}
