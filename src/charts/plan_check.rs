//! Charts stage (data structs in, SVG string out, no file I/O): last
//! review's plan against this period's result – one bar per planned
//! measure (MQLs a week, reps, revenue), each as a share of its plan, with
//! a line where the result met the plan exactly. The measures have
//! different units, so the bars show ratios and each row's note gives the
//! two figures.

use plotters::prelude::*;

use super::layout::{self, LegendEntry, Swatch};
use super::rows::{self, Row};
use super::side::Side;
use super::style::{self, CHART_WIDTH, INK};
use super::svg::{self, Area, DrawResult, Meta};

/// One planned measure and what happened.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanMeasure {
    /// e.g. "MQLs a week".
    pub label: String,
    /// e.g. "54.0 delivered, 29.5 planned".
    pub figures: String,
    /// Result ÷ plan; `None` when either is missing or the plan was 0.
    pub ratio: Option<f64>,
    /// Whose measure it is: picks the bar's colour.
    pub side: Side,
}

/// Input of [`plan_check`].
#[derive(Debug, Clone, PartialEq)]
pub struct PlanCheckChart {
    pub title: String,
    pub measures: Vec<PlanMeasure>,
}

/// The plan mark's legend.
const PLAN_LINE: &str = "As planned (100%)";
/// How far the plan mark reaches past a bar's edges, in pixels.
const PLAN_OVERHANG: i32 = 4;

/// Renders the plan against the result as an SVG document.
pub fn plan_check(chart: &PlanCheckChart) -> String {
    let meta = Meta {
        id: "plan-check",
        title: &chart.title,
        desc: describe(chart),
        size: (CHART_WIDTH, rows::chart_height(chart.measures.len())),
    };
    let has_data = chart.measures.iter().any(|m| m.ratio.is_some());
    let draw = has_data.then_some(|root: &Area| draw(root, chart));
    svg::document(&meta, draw)
}

/// "183% of plan", or "n/a".
fn share_of_plan(ratio: Option<f64>) -> String {
    ratio.map_or_else(
        || "n/a".to_string(),
        |r| format!("{} of plan", style::format_share(r, 1.0)),
    )
}

fn draw(root: &Area, chart: &PlanCheckChart) -> DrawResult {
    let legend = [LegendEntry {
        label: PLAN_LINE,
        color: INK.to_rgba(),
        swatch: Swatch::Line,
    }];
    let area = layout::header(root, &chart.title, &legend)?;
    let bars: Vec<Row> = chart
        .measures
        .iter()
        .map(|m| Row {
            label: m.label.clone(),
            note: m.figures.clone(),
            // Percent of plan, so the plan line sits at 100 whatever the
            // largest bar.
            value: m.ratio.map_or(0.0, |r| r * 100.0),
            text: share_of_plan(m.ratio),
            color: m.side.color(),
        })
        .collect();
    // The scale reaches 100 % even when every result fell short, so the
    // plan line stays inside the chart.
    let geometry = rows::draw_reaching(&area, &bars, 100.0)?;
    // The plan mark across each bar only, clear of the rows' notes.
    let x = geometry.value_x(100.0);
    for index in 0..chart.measures.len() {
        let (top, bottom) = geometry.bar_span(index);
        let mark = [(x, top - PLAN_OVERHANG), (x, bottom + PLAN_OVERHANG)];
        area.draw(&PathElement::new(mark.to_vec(), INK.stroke_width(2)))?;
    }
    Ok(())
}

fn describe(chart: &PlanCheckChart) -> String {
    if chart.measures.is_empty() {
        return format!("{}.", svg::NO_DATA);
    }
    let each: Vec<String> = chart
        .measures
        .iter()
        .map(|m| format!("{}: {} ({})", m.label, m.figures, share_of_plan(m.ratio)))
        .collect();
    format!("The plan against the result: {}.", each.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(label: &str, ratio: Option<f64>) -> PlanMeasure {
        PlanMeasure {
            label: label.into(),
            figures: "29.5 planned, 54.0 actual".into(),
            ratio,
            side: Side::Marketing,
        }
    }

    /// The x of every plan mark (two-point vertical paths).
    fn marks(svg: &str) -> Vec<i32> {
        svg.lines()
            .filter(|l| l.contains("<polyline") && l.contains("stroke-width=\"2\""))
            .filter_map(|l| {
                let points = l.split("points=\"").nth(1)?;
                let (x, _) = points.split_once(',')?;
                x.parse().ok()
            })
            .collect()
    }

    #[test]
    fn each_bar_gets_a_plan_mark_inside_the_chart_even_when_all_fell_short() {
        let chart = PlanCheckChart {
            title: "Plan".into(),
            measures: vec![
                measure("MQLs a week", Some(0.5)),
                measure("Reps", Some(0.8)),
            ],
        };
        let svg = plan_check(&chart);
        let xs = marks(&svg);
        assert_eq!(xs.len(), 2, "{svg}");
        assert!(xs[0] == xs[1] && xs[0] < CHART_WIDTH as i32, "{xs:?}");
        assert!(svg.contains("MQLs a week: 29.5 planned, 54.0 actual (50% of plan)"));
    }

    #[test]
    fn no_ratio_is_a_note() {
        let chart = PlanCheckChart {
            title: "Plan".into(),
            measures: vec![measure("MQLs a week", None)],
        };
        assert!(plan_check(&chart).contains(svg::NO_DATA));
    }
}
