//! Charts stage (data structs in, SVG string out, no file I/O): MQL cohort
//! curves – one line per period's MQLs, the share won by days since MQL,
//! each line ending where its cohort stops being observed. The review's
//! own period is the bold marketing-coloured line, earlier periods are
//! grey, darker for the more recent; every line is named at its end, so
//! the chart reads in black and white.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{self, Plot, XAxis, YAxis};
use super::layout;
use super::style::{self, CHART_HEIGHT, CHART_WIDTH, INK, LINE_WIDTH, MARKETING, VALUE_PX};
use super::svg::{self, Area, DrawResult, Meta};

/// One cohort's line: its name and (days since MQL, share in percent).
#[derive(Debug, Clone, PartialEq)]
pub struct CohortLine {
    /// The cohort's period, e.g. "2026-Q3".
    pub label: String,
    /// Points in day order, shares as percentages (0–100).
    pub points: Vec<(u32, f64)>,
    /// Whether the cohort is the review's own period.
    pub current: bool,
}

/// Input of [`cohort_curves`].
#[derive(Debug, Clone, PartialEq)]
pub struct CohortCurvesChart {
    pub title: String,
    /// Description of the y axis, e.g. "Share of the MQLs won".
    pub measure: String,
    /// Days between two labelled points of the x axis.
    pub step_days: u32,
    /// The last day on the x axis.
    pub max_day: u32,
    /// Oldest cohort first.
    pub lines: Vec<CohortLine>,
}

/// Least vertical room between two line names, in pixels.
const NAME_ROW: i32 = VALUE_PX as i32 + 4;
/// Gap between a line's end and its name.
const NAME_GAP: i32 = 6;
/// Gap between a line's end and a name set below it: more room, as a
/// rising line runs below its end to the left, under the name.
const BELOW_GAP: i32 = 24;

/// Renders the cohort curves as an SVG document.
pub fn cohort_curves(chart: &CohortCurvesChart) -> String {
    let meta = Meta {
        id: "cohort-curves",
        title: &chart.title,
        desc: describe(chart),
        size: (CHART_WIDTH, CHART_HEIGHT),
    };
    let has_data = chart.step_days > 0 && chart.lines.iter().any(|l| !l.points.is_empty());
    let draw = has_data.then_some(|root: &Area| draw(root, chart));
    svg::document(&meta, draw)
}

/// The colour of the `index`-th of `count` lines: the current cohort in
/// the marketing colour, earlier ones grey, fading with age.
fn color(line: &CohortLine, index: usize, count: usize) -> RGBColor {
    if line.current {
        return MARKETING;
    }
    let age = count.saturating_sub(index + 1) as f64;
    style::tint(INK, (0.8 - 0.2 * age).max(0.3))
}

fn draw(root: &Area, chart: &CohortCurvesChart) -> DrawResult {
    let area = layout::header(root, &chart.title, &[])?;
    let step = chart.step_days;
    let labels: Vec<String> = (0..=chart.max_day / step)
        .map(|i| (i * step).to_string())
        .collect();
    let x = XAxis {
        labels: &labels,
        desc: "Days since MQL",
    };
    let top = chart
        .lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .fold(0.0, f64::max);
    let y = YAxis {
        ticks: axes::zero_based_ticks(top),
        desc: chart.measure.clone(),
        format: |v| format!("{}%", style::format_compact(v)),
    };
    let mut plot = axes::category_plot(&area, &x, &y)?;
    let slot = |day: u32| f64::from(day) / f64::from(step);
    let count = chart.lines.len();
    let mut ends = Vec::new();
    for (index, line) in chart.lines.iter().enumerate() {
        let color = color(line, index, count);
        let width = if line.current {
            LINE_WIDTH
        } else {
            LINE_WIDTH - 1
        };
        let points: Vec<(f64, f64)> = line.points.iter().map(|(d, s)| (slot(*d), *s)).collect();
        plot.draw_series(LineSeries::new(
            points.iter().copied(),
            color.stroke_width(width),
        ))?;
        if let Some(end) = points.last() {
            ends.push((*end, line.label.as_str(), color));
        }
    }
    name_lines(&mut plot, &ends)
}

/// Writes each line's name at its end, right-aligned: above it, moved up
/// where two names would overlap, except the lowest of the lines that run
/// to the last day, whose name goes below it, where no line is.
fn name_lines(plot: &mut Plot, ends: &[((f64, f64), &str, RGBColor)]) -> DrawResult {
    let below = lowest_at_the_end(ends);
    // The names set below their line are out of the way of the others.
    let pixels: Vec<i32> = ends
        .iter()
        .enumerate()
        .map(|(i, (at, ..))| {
            if Some(i) == below {
                i32::MAX / 2
            } else {
                plot.backend_coord(at).1
            }
        })
        .collect();
    let shifts = spread(&pixels, NAME_ROW);
    for (i, ((at, name, color), shift)) in ends.iter().zip(shifts).enumerate() {
        let (v, dy) = if Some(i) == below {
            (VPos::Top, BELOW_GAP)
        } else {
            (VPos::Bottom, -NAME_GAP - shift)
        };
        let style = style::text(VALUE_PX, color).pos(Pos::new(HPos::Right, v));
        let text = Text::new(name.to_string(), (-NAME_GAP, dy), style);
        plot.draw_series(std::iter::once(EmptyElement::at(*at) + text))?;
    }
    Ok(())
}

/// Of the lines ending on the last day drawn, the lowest, if it is above
/// zero (a name under a line at zero would sit on the axis labels).
fn lowest_at_the_end(ends: &[((f64, f64), &str, RGBColor)]) -> Option<usize> {
    let last = ends.iter().map(|(at, ..)| at.0).fold(f64::MIN, f64::max);
    ends.iter()
        .enumerate()
        .filter(|(_, (at, ..))| at.0 == last && at.1 > 0.0)
        .min_by(|a, b| (a.1.0.1).total_cmp(&b.1.0.1))
        .map(|(i, _)| i)
}

/// How far up (in pixels) to move each label set at `ys` (pixel rows,
/// down the page) so that no two are closer than `row`: the lowest stays,
/// each one above keeps at least `row` from the one below it.
fn spread(ys: &[i32], row: i32) -> Vec<i32> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((ys[i], i)));
    let mut shifts = vec![0; ys.len()];
    let mut floor = i32::MAX;
    for i in order {
        let placed = ys[i].min(floor.saturating_sub(row));
        shifts[i] = ys[i] - placed;
        floor = placed;
    }
    shifts
}

fn describe(chart: &CohortCurvesChart) -> String {
    let each: Vec<String> = chart
        .lines
        .iter()
        .filter_map(|line| {
            let (day, share) = line.points.last()?;
            Some(format!("{} {share:.1}% by day {day}", line.label))
        })
        .collect();
    if each.is_empty() {
        return format!("{}.", svg::NO_DATA);
    }
    format!(
        "{} by days since MQL, one line per period's MQLs, each at its last day drawn: {}.",
        chart.measure,
        each.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(lines: Vec<CohortLine>) -> CohortCurvesChart {
        CohortCurvesChart {
            title: "Cohorts".into(),
            measure: "Share of the MQLs won".into(),
            step_days: 10,
            max_day: 120,
            lines,
        }
    }

    fn line(label: &str, points: &[(u32, f64)], current: bool) -> CohortLine {
        CohortLine {
            label: label.into(),
            points: points.to_vec(),
            current,
        }
    }

    #[test]
    fn every_line_is_named_and_described_at_its_end() {
        let svg = cohort_curves(&chart(vec![
            line("2026-Q2", &[(0, 0.0), (60, 2.5), (120, 4.1)], false),
            line("2026-Q3", &[(0, 0.0), (40, 1.2)], true),
        ]));
        assert!(svg.contains("\n2026-Q2\n</text>"), "{svg}");
        assert!(svg.contains("\n2026-Q3\n</text>"), "{svg}");
        assert!(
            svg.contains("2026-Q2 4.1% by day 120; 2026-Q3 1.2% by day 40."),
            "{svg}"
        );
        let current = format!("stroke=\"{}\"", style::MARKETING_HEX.to_uppercase());
        assert!(svg.contains(&current), "{svg}");
    }

    #[test]
    fn no_points_is_a_note_not_a_panic() {
        let svg = cohort_curves(&chart(vec![line("2026-Q3", &[], true)]));
        assert!(svg.contains(svg::NO_DATA));
        let zero_step = CohortCurvesChart {
            step_days: 0,
            ..chart(vec![line("2026-Q3", &[(0, 1.0)], true)])
        };
        assert!(cohort_curves(&zero_step).contains(svg::NO_DATA));
    }

    #[test]
    fn the_lowest_line_to_the_last_day_is_named_below_it() {
        let end = |x: f64, y: f64| ((x, y), "", MARKETING);
        // Three lines to day 12, one ending early lower still.
        let ends = [
            end(12.0, 2.4),
            end(12.0, 4.1),
            end(12.0, 2.1),
            end(5.0, 1.3),
        ];
        assert_eq!(lowest_at_the_end(&ends), Some(2));
        // A line at zero keeps its name above.
        assert_eq!(
            lowest_at_the_end(&[end(12.0, 0.0), end(12.0, 1.0)]),
            Some(1)
        );
        assert_eq!(lowest_at_the_end(&[end(12.0, 0.0)]), None);
        assert_eq!(lowest_at_the_end(&[]), None);
    }

    #[test]
    fn names_closer_than_a_row_are_moved_apart() {
        // Rows 100 and 110 collide: the upper one moves to 90; 300 stays.
        assert_eq!(spread(&[110, 300, 100], 20), [0, 0, 10]);
        // Equal rows: the first one moves up.
        assert_eq!(spread(&[50, 50], 20), [20, 0]);
        assert!(spread(&[], 20).is_empty());
    }
}
