//! Charts stage (data structs in, SVG string out, no file I/O): pipeline
//! created and revenue won by sourcing function as grouped bars – pipeline
//! light and outlined, won solid, both in the function's side colour.

use plotters::prelude::*;

use super::axes::Plot;
use super::layout::{LegendEntry, Swatch};
use super::money::{MoneyFrame, amount, currency_desc, draw_bar, draw_pairs};
use super::side::Side;
use super::style::{self, CHART_HEIGHT, CHART_WIDTH, INK};
use super::svg::{self, Area, DrawResult, Meta};

/// Money sourced by one function.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionMoney {
    /// Side the function belongs to; picks the colour.
    pub side: Side,
    /// Function name, e.g. "Marketing".
    pub label: String,
    /// Pipeline created; negative or non-finite values count as 0.
    pub pipeline: f64,
    /// Revenue won; negative or non-finite values count as 0.
    pub won: f64,
}

/// Input of [`revenue_by_function`].
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionRevenueChart {
    /// Chart title.
    pub title: String,
    /// Currency code shown on the value axis, e.g. "USD".
    pub currency: String,
    /// Functions in the order they are drawn, left to right.
    pub functions: Vec<FunctionMoney>,
}

/// Share of the side colour in the light pipeline fill.
const PIPELINE_TINT: f64 = 0.3;
/// Stroke width of the pipeline outline.
const OUTLINE_WIDTH: u32 = 2;

/// Renders pipeline created and revenue won per function as an SVG document.
pub fn revenue_by_function(chart: &FunctionRevenueChart) -> String {
    let meta = Meta {
        id: "revenue-by-function",
        title: &chart.title,
        desc: describe(chart),
        size: (CHART_WIDTH, CHART_HEIGHT),
    };
    let has_data = chart.functions.iter().any(|f| peak(f) > 0.0);
    let draw = has_data.then_some(|root: &Area| draw(root, chart));
    svg::document(&meta, draw)
}

fn peak(function: &FunctionMoney) -> f64 {
    amount(function.pipeline).max(amount(function.won))
}

/// The legend shows the two paints in ink, as the colours vary by side.
fn legend() -> [LegendEntry; 2] {
    [
        LegendEntry {
            label: "Pipeline created (light)",
            color: style::tint(INK, PIPELINE_TINT).to_rgba(),
            swatch: Swatch::Block,
        },
        LegendEntry {
            label: "Won revenue (solid)",
            color: INK.to_rgba(),
            swatch: Swatch::Block,
        },
    ]
}

fn draw(root: &Area, chart: &FunctionRevenueChart) -> DrawResult {
    let frame = MoneyFrame {
        title: &chart.title,
        legend: &legend(),
        labels: chart.functions.iter().map(|f| f.label.clone()).collect(),
        x_desc: "Sourcing function",
        max: chart.functions.iter().map(peak).fold(0.0, f64::max),
        currency: &chart.currency,
    };
    draw_pairs(root, &frame, |plot, with_values| {
        for (index, function) in chart.functions.iter().enumerate() {
            let color = function.side.color();
            let [left, right] = style::bar_pair(index as f64);
            let pipeline = (left.0, left.1, amount(function.pipeline));
            draw_bar(
                plot,
                pipeline,
                style::tint(color, PIPELINE_TINT),
                with_values,
            )?;
            draw_outline(plot, pipeline, color)?;
            draw_bar(
                plot,
                (right.0, right.1, amount(function.won)),
                color,
                with_values,
            )?;
        }
        Ok(())
    })
}

fn draw_outline(
    plot: &mut Plot,
    (left, right, value): (f64, f64, f64),
    color: RGBColor,
) -> DrawResult {
    let corners = [(left, 0.0), (right, value)];
    let outline = Rectangle::new(corners, color.stroke_width(OUTLINE_WIDTH));
    plot.draw_series(std::iter::once(outline))?;
    Ok(())
}

fn describe(chart: &FunctionRevenueChart) -> String {
    let functions = &chart.functions;
    if functions.is_empty() {
        return format!("{}.", svg::NO_DATA);
    }
    let each: Vec<String> = functions
        .iter()
        .map(|f| {
            let pipeline = style::format_compact(amount(f.pipeline));
            let won = style::format_compact(amount(f.won));
            format!("{} pipeline {pipeline}, won {won}", f.label)
        })
        .collect();
    let total = |value: fn(&FunctionMoney) -> f64| {
        style::format_compact(functions.iter().map(|f| amount(value(f))).sum())
    };
    format!(
        "Pipeline created and revenue won by sourcing function in {}: {}. \
         Total pipeline {}, total won {}.",
        currency_desc(&chart.currency),
        each.join("; "),
        total(|f| f.pipeline),
        total(|f| f.won),
    )
}
