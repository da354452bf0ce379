//! Charts stage (data structs in, SVG string out, no file I/O): weekly lead
//! flow – new MQLs (or new leads, where every lead is supply) and leads
//! first touched (absorption) as lines over the queue of untouched leads,
//! of every age, as a grey area.

use plotters::prelude::*;

use super::axes::{self, Plot, XAxis, YAxis};
use super::layout::{self, LegendEntry, Swatch};
use super::style::{
    self, AREA_OPACITY, CHART_HEIGHT, CHART_WIDTH, LINE_WIDTH, MARKER_RADIUS, MARKETING, NEUTRAL,
    PAPER, SALES,
};
use super::svg::{self, Area, DrawResult, Meta};

/// One ISO week of lead flow.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekFlow {
    /// Axis label of the week, e.g. "6 Jul".
    pub label: String,
    /// New MQLs (or new leads) ready in the week.
    pub supply: u64,
    /// Leads first touched by sales in the week.
    pub absorption: u64,
    /// Untouched ready leads of every age at the end of the week.
    pub queue: u64,
}

/// Input of [`weekly_flow`].
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklyFlowChart {
    /// Chart title.
    pub title: String,
    /// Weeks in chronological order.
    pub weeks: Vec<WeekFlow>,
    /// Whether every new lead is supply (no MQL dates): the legend and
    /// description then say leads, not MQLs.
    pub supply_is_leads: bool,
}

/// Longest series that still gets a marker on every week.
const MAX_MARKED_WEEKS: usize = 26;

fn legend(supply_is_leads: bool) -> [LegendEntry; 3] {
    [
        LegendEntry {
            label: if supply_is_leads {
                "New leads (supply)"
            } else {
                "New MQLs (supply)"
            },
            color: MARKETING.to_rgba(),
            swatch: Swatch::Line,
        },
        LegendEntry {
            label: "First touched (absorption)",
            color: SALES.to_rgba(),
            swatch: Swatch::HollowLine,
        },
        LegendEntry {
            label: "Untouched queue, every age",
            color: NEUTRAL.mix(AREA_OPACITY),
            swatch: Swatch::Block,
        },
    ]
}

/// Renders the weekly supply / absorption / queue chart as an SVG document.
pub fn weekly_flow(chart: &WeeklyFlowChart) -> String {
    let meta = Meta {
        id: "weekly-flow",
        title: &chart.title,
        desc: describe(&chart.weeks, chart.supply_is_leads),
        size: (CHART_WIDTH, CHART_HEIGHT),
    };
    let draw = has_data(&chart.weeks).then_some(|root: &Area| draw(root, chart));
    svg::document(&meta, draw)
}

fn has_data(weeks: &[WeekFlow]) -> bool {
    weeks.iter().any(|week| peak(week) > 0)
}

fn peak(week: &WeekFlow) -> u64 {
    week.supply.max(week.absorption).max(week.queue)
}

fn draw(root: &Area, chart: &WeeklyFlowChart) -> DrawResult {
    let area = layout::header(root, &chart.title, &legend(chart.supply_is_leads))?;
    let labels: Vec<String> = chart.weeks.iter().map(|week| week.label.clone()).collect();
    let x = XAxis {
        labels: &labels,
        desc: "Week",
    };
    let max = chart.weeks.iter().map(peak).max().unwrap_or(0);
    let y = YAxis {
        ticks: axes::zero_based_ticks(max as f64),
        desc: "Leads per week".to_owned(),
        format: style::format_compact,
    };
    let mut plot = axes::category_plot(&area, &x, &y)?;
    let queue = series(&chart.weeks, |week| week.queue);
    plot.draw_series(AreaSeries::new(queue, 0.0, NEUTRAL.mix(AREA_OPACITY)).border_style(NEUTRAL))?;
    let markers = chart.weeks.len() <= MAX_MARKED_WEEKS;
    let supply = series(&chart.weeks, |week| week.supply);
    draw_line(
        &mut plot,
        supply,
        MARKETING,
        markers.then_some(Marker::Filled),
    )?;
    let absorption = series(&chart.weeks, |week| week.absorption);
    draw_line(
        &mut plot,
        absorption,
        SALES,
        markers.then_some(Marker::Hollow),
    )?;
    Ok(())
}

fn series(weeks: &[WeekFlow], value: fn(&WeekFlow) -> u64) -> Vec<(f64, f64)> {
    weeks
        .iter()
        .enumerate()
        .map(|(index, week)| (index as f64, value(week) as f64))
        .collect()
}

/// How a line marks its weeks: the second line's markers are rings, so
/// the lines read apart printed in black and white.
#[derive(Clone, Copy)]
enum Marker {
    Filled,
    Hollow,
}

fn draw_line(
    plot: &mut Plot,
    points: Vec<(f64, f64)>,
    color: RGBColor,
    marker: Option<Marker>,
) -> DrawResult {
    let line = color.stroke_width(LINE_WIDTH);
    plot.draw_series(LineSeries::new(points.iter().copied(), line))?;
    let dot =
        |style: ShapeStyle| move |point: &(f64, f64)| Circle::new(*point, MARKER_RADIUS, style);
    match marker {
        Some(Marker::Filled) => {
            plot.draw_series(points.iter().map(dot(color.filled())))?;
        }
        Some(Marker::Hollow) => {
            plot.draw_series(points.iter().map(dot(PAPER.filled())))?;
            plot.draw_series(points.iter().map(dot(color.stroke_width(LINE_WIDTH))))?;
        }
        None => {}
    }
    Ok(())
}

fn describe(weeks: &[WeekFlow], supply_is_leads: bool) -> String {
    let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
        return format!("{}.", svg::NO_DATA);
    };
    let range = |value: fn(&WeekFlow) -> u64| {
        let values = weeks.iter().map(value);
        let low = values.clone().min().unwrap_or(0);
        let high = values.max().unwrap_or(0);
        format!("from {low} to {high} per week")
    };
    format!(
        "Weekly new {noun} against leads first touched, {count} {weeks_word} ({from} to {to}): \
         supply {supply}, absorption {absorption}; untouched queue at the end {queue}.",
        noun = if supply_is_leads { "leads" } else { "MQLs" },
        count = weeks.len(),
        weeks_word = if weeks.len() == 1 { "week" } else { "weeks" },
        from = first.label,
        to = last.label,
        supply = range(|week| week.supply),
        absorption = range(|week| week.absorption),
        queue = last.queue,
    )
}
