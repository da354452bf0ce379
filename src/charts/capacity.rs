//! Charts stage (data structs in, SVG string out, no file I/O): the
//! capacity evidence – one row per rep, one column per week, each cell
//! shaded by the rep's first touches that week (one hue, darker for more,
//! so it reads in black and white) and the loaded weeks, when a lead
//! waited untouched all week, marked with a dot under the number: only
//! those weeks show what a rep can do. The figures are in the chart's CSV.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout;
use super::style::{self, CHART_WIDTH, INK, LEGEND_PX, MARGIN, MARKETING, PAPER, TICK_PX};
use super::svg::{self, Area, DrawResult, Meta};

/// Height of one rep's row: the number above, the loaded week's dot below.
const ROW: i32 = 32;
/// Width kept for the reps' names.
const NAME_WIDTH: i32 = 150;
/// Height of the week labels under the grid.
const AXIS_ROW: i32 = 28;
/// Height of the title and legend above the grid.
const HEADER: i32 = 96;
/// Height of the legend row.
const LEGEND_ROW: i32 = 30;
/// The legend's words.
const LEGEND: &str = "Leads waited all week (capacity evidence)";
/// Size of the numbers written in cells and of the labels.
const CELL_PX: f64 = 12.0;
/// Tint of the palest (one touch) and darkest (the most) cell.
const SHADE: (f64, f64) = (0.12, 0.9);
/// Tint above which a cell's number is written in white.
const DARK: f64 = 0.55;
/// Radius of a loaded week's dot; a paper-coloured ring around it keeps
/// it visible on the darkest cell.
const DOT: i32 = 3;
/// Most week labels under the grid before they are thinned out.
const MAX_WEEK_LABELS: usize = 9;

/// One rep's week: first touches and whether a lead waited all week.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RepWeekCell {
    pub first_touches: u64,
    pub loaded: bool,
}

/// One rep's row: a cell per week of [`CapacityChart::weeks`].
#[derive(Debug, Clone, PartialEq)]
pub struct RepRow {
    pub rep: String,
    pub cells: Vec<RepWeekCell>,
}

/// Input of [`capacity_evidence`].
#[derive(Debug, Clone, PartialEq)]
pub struct CapacityChart {
    pub title: String,
    /// Week labels, oldest first.
    pub weeks: Vec<String>,
    pub reps: Vec<RepRow>,
}

/// Renders the rep × week grid of first touches as an SVG document.
pub fn capacity_evidence(chart: &CapacityChart) -> String {
    let rows = chart.reps.len().max(1) as i32;
    let meta = Meta {
        id: "capacity-evidence",
        title: &chart.title,
        desc: describe(chart),
        size: (
            CHART_WIDTH,
            (HEADER + rows * ROW + AXIS_ROW + MARGIN) as u32,
        ),
    };
    let has_data = !chart.weeks.is_empty() && !chart.reps.is_empty();
    let draw = has_data.then_some(|root: &Area| draw(root, chart));
    svg::document(&meta, draw)
}

/// The legend: the loaded week's dot and what it means (drawn here, as
/// the shared legend has no dot swatch).
fn legend(area: &Area) -> DrawResult {
    let y = LEGEND_ROW / 2 - 4;
    dot(area, (MARGIN + DOT + 2, y))?;
    let label = style::text(LEGEND_PX, &INK).pos(Pos::new(HPos::Left, VPos::Center));
    area.draw(&Text::new(LEGEND, (MARGIN + 2 * DOT + 12, y), label))?;
    Ok(())
}

fn draw(root: &Area, chart: &CapacityChart) -> DrawResult {
    let area = layout::header(root, &chart.title, &[])?;
    legend(&area)?;
    let area = area.split_vertically(LEGEND_ROW).1;
    let most = chart
        .reps
        .iter()
        .flat_map(|r| &r.cells)
        .map(|c| c.first_touches)
        .max()
        .unwrap_or(0)
        .max(1);
    let width = area.dim_in_pixel().0 as i32 - 2 * MARGIN - NAME_WIDTH;
    let cell = f64::from(width) / chart.weeks.len() as f64;
    let left = MARGIN + NAME_WIDTH;
    let name_style = style::text(CELL_PX, &INK).pos(Pos::new(HPos::Right, VPos::Center));
    for (row, rep) in chart.reps.iter().enumerate() {
        let top = row as i32 * ROW;
        let name = layout::fit(&rep.rep, CELL_PX, NAME_WIDTH - 8);
        area.draw(&Text::new(
            name,
            (left - 8, top + ROW / 2),
            name_style.clone(),
        ))?;
        for (col, c) in rep.cells.iter().enumerate() {
            let x0 = left + (col as f64 * cell).round() as i32;
            let x1 = left + ((col + 1) as f64 * cell).round() as i32 - 1;
            draw_cell(&area, [(x0, top), (x1, top + ROW - 2)], *c, most)?;
        }
    }
    week_labels(&area, chart, (left, cell), chart.reps.len() as i32 * ROW)
}

/// One week: shaded by first touches, the number if it fits, the dot
/// under it when loaded.
fn draw_cell(area: &Area, corners: [(i32, i32); 2], c: RepWeekCell, most: u64) -> DrawResult {
    let share = if c.first_touches == 0 {
        0.0
    } else {
        SHADE.0 + (SHADE.1 - SHADE.0) * c.first_touches as f64 / most as f64
    };
    area.draw(&Rectangle::new(
        corners,
        style::tint(MARKETING, share).filled(),
    ))?;
    let [(x0, y0), (x1, y1)] = corners;
    let number = c.first_touches.to_string();
    if c.first_touches > 0 && style::text_width(&number, CELL_PX) <= x1 - x0 - 2 {
        let ink = if share > DARK { PAPER } else { INK };
        let centred = style::text(CELL_PX, &ink).pos(Pos::new(HPos::Center, VPos::Center));
        area.draw(&Text::new(number, ((x0 + x1) / 2, y0 + 10), centred))?;
    }
    if c.loaded {
        dot(area, ((x0 + x1) / 2, y1 - DOT - 3))?;
    }
    Ok(())
}

/// The loaded week's mark: an ink dot in a paper ring.
fn dot(area: &Area, centre: (i32, i32)) -> DrawResult {
    area.draw(&Circle::new(centre, DOT + 1, PAPER.filled()))?;
    area.draw(&Circle::new(centre, DOT, INK.filled()))?;
    Ok(())
}

/// Labels under the grid: every week when few, else every n-th.
fn week_labels(area: &Area, chart: &CapacityChart, (left, cell): (i32, f64), y: i32) -> DrawResult {
    let step = chart.weeks.len().div_ceil(MAX_WEEK_LABELS).max(1);
    let tick = style::text(TICK_PX * 0.8, &INK).pos(Pos::new(HPos::Center, VPos::Top));
    for (col, label) in chart.weeks.iter().enumerate().step_by(step) {
        let x = left + ((col as f64 + 0.5) * cell).round() as i32;
        area.draw(&Text::new(label.clone(), (x, y + 6), tick.clone()))?;
    }
    Ok(())
}

fn describe(chart: &CapacityChart) -> String {
    if chart.weeks.is_empty() || chart.reps.is_empty() {
        return format!("{}.", svg::NO_DATA);
    }
    let each: Vec<String> = chart
        .reps
        .iter()
        .map(|r| {
            let touches: u64 = r.cells.iter().map(|c| c.first_touches).sum();
            let loaded = r.cells.iter().filter(|c| c.loaded).count();
            format!(
                "{} {} first touches, {loaded} loaded weeks",
                r.rep,
                style::format_count(touches)
            )
        })
        .collect();
    format!(
        "First touches per rep and week over {} weeks; a loaded week is one when a lead waited untouched all week: {}.",
        chart.weeks.len(),
        each.join("; ")
    )
}
