//! Charts stage (data structs in, SVG string out, no file I/O): the
//! category-by-value plot shared by the line and bar charts – one slot per
//! period on x (labels thinned when crowded), explicit nice ticks on y.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;

use super::style::{self, AXIS_DESC_PX, GRID, INK, MARGIN, MAX_X_LABELS, NEUTRAL, TICK_PX};
use super::svg::{Area, DrawResult};

/// A chart context with category slots on x and values on y.
pub(super) type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<Ticked, Ticked>>;

/// A linear `f64` axis whose ticks are chosen here, not by plotters.
pub(super) struct Ticked {
    range: Range<f64>,
    ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        let share = (value - self.range.start) / span;
        if !share.is_finite() {
            return limit.0;
        }
        limit.0 + (f64::from(limit.1 - limit.0) * share).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

/// Room between tick labels and the axis description.
const DESC_GAP: i32 = 14;
/// Least horizontal room between two x labels.
const LABEL_GAP: i32 = 16;
/// Fewest slot widths on the x axis.
const MIN_SLOTS: usize = 3;

/// The category axis: one slot per label, slot `i` centred on `i`.
pub(super) struct XAxis<'l> {
    /// Label of every slot, in order.
    pub labels: &'l [String],
    /// Axis description.
    pub desc: &'static str,
}

/// The value axis.
pub(super) struct YAxis {
    /// Tick values in ascending order; the first and last bound the axis.
    pub ticks: Vec<f64>,
    /// Axis description with unit.
    pub desc: String,
    /// Tick label formatter.
    pub format: fn(f64) -> String,
}

/// Builds the plot in `area` and draws its axes, grid and labels.
pub(super) fn category_plot<'a, 'b>(
    area: &'a Area<'b>,
    x: &XAxis,
    y: &YAxis,
) -> DrawResult<Plot<'a, 'b>> {
    let (low, high) = match (y.ticks.first(), y.ticks.last()) {
        (Some(&low), Some(&high)) if low < high => (low, high),
        _ => return Err("y axis needs two ticks".into()),
    };
    let x_range = Ticked {
        range: slot_range(x.labels.len()),
        ticks: x_ticks(x.labels, plot_width(area, x, y)),
    };
    let y_range = Ticked {
        range: low..high,
        ticks: y.ticks.clone(),
    };
    let mut plot = ChartBuilder::on(area)
        .margin_left(MARGIN)
        .margin_right(margin_right(x.labels))
        .margin_top(MARGIN / 2)
        .margin_bottom(MARGIN / 2)
        .y_label_area_size(y_label_area(y))
        .x_label_area_size(x_label_area())
        .build_cartesian_2d(x_range, y_range)?;
    let x_format = |value: &f64| label_at(x.labels, *value);
    let y_format = |value: &f64| (y.format)(*value);
    plot.configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID)
        .axis_style(NEUTRAL)
        .label_style(style::text(TICK_PX, &INK))
        .axis_desc_style(style::text(AXIS_DESC_PX, &INK))
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .x_desc(x.desc)
        .y_desc(y.desc.as_str())
        .draw()?;
    Ok(plot)
}

/// Whether every category label is shown (then values can be labelled too).
pub(super) fn shows_every_label(area: &Area, x: &XAxis, y: &YAxis) -> bool {
    x_ticks(x.labels, plot_width(area, x, y)).len() == x.labels.len()
}

/// The x range for `count` slots, padded to at least `MIN_SLOTS` slot widths
/// so that one or two periods do not become huge bars.
pub(super) fn slot_range(count: usize) -> Range<f64> {
    let pad = MIN_SLOTS.saturating_sub(count) as f64 / 2.0;
    -0.5 - pad..count as f64 - 0.5 + pad
}

/// Ticks from 0 to a round value at least 10 % above `max`, about 6 steps.
pub(super) fn zero_based_ticks(max: f64) -> Vec<f64> {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let target = max * 1.1;
    let step = nice_step(target / 6.0).max(1.0);
    let count = (target / step).ceil() as i32;
    (0..=count).map(|i| f64::from(i) * step).collect()
}

/// Ticks symmetric around 0 reaching at least `max(1.5, extent)`.
pub(super) fn symmetric_ticks(extent: f64) -> Vec<f64> {
    let limit = if extent.is_finite() {
        extent.max(1.5)
    } else {
        1.5
    };
    let step = if limit <= 3.0 {
        0.5
    } else {
        nice_step(limit / 3.0)
    };
    let count = (limit / step - 1e-9).ceil() as i32;
    (-count..=count).map(|i| f64::from(i) * step).collect()
}

fn plot_width(area: &Area, x: &XAxis, y: &YAxis) -> i32 {
    area.dim_in_pixel().0 as i32 - MARGIN - margin_right(x.labels) - y_label_area(y)
}

/// Room right of the plot: enough for half of the last label to stick out.
fn margin_right(labels: &[String]) -> i32 {
    MARGIN.max(widest_label(labels) / 2)
}

fn widest_label(labels: &[String]) -> i32 {
    labels
        .iter()
        .map(|label| style::text_width(label, TICK_PX))
        .max()
        .unwrap_or(0)
}

fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|mantissa| mantissa * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude)
}

fn y_label_area(y: &YAxis) -> i32 {
    let widest = y
        .ticks
        .iter()
        .map(|tick| style::text_width(&(y.format)(*tick), TICK_PX))
        .max()
        .unwrap_or(0);
    widest + DESC_GAP + AXIS_DESC_PX as i32 + DESC_GAP
}

fn x_label_area() -> i32 {
    TICK_PX as i32 + DESC_GAP + AXIS_DESC_PX as i32 + DESC_GAP / 2
}

/// Slot indices that get a label: all when they fit, otherwise every k-th
/// counted back from the newest slot so the latest period is always named.
fn x_ticks(labels: &[String], plot_width: i32) -> Vec<f64> {
    let room = usize::try_from(plot_width / (widest_label(labels) + LABEL_GAP)).unwrap_or(1);
    let most = room.clamp(1, MAX_X_LABELS);
    let step = labels.len().div_ceil(most).max(1);
    let mut ticks: Vec<f64> = (0..labels.len())
        .rev()
        .step_by(step)
        .map(|index| index as f64)
        .collect();
    ticks.reverse();
    ticks
}

fn label_at(labels: &[String], value: f64) -> String {
    let index = value.round();
    if index < 0.0 {
        return String::new();
    }
    labels.get(index as usize).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(count: usize) -> Vec<String> {
        (1..=count).map(|week| format!("{week} Jul")).collect()
    }

    #[test]
    fn few_labels_are_all_shown() {
        assert_eq!(x_ticks(&labels(4), 600), vec![0.0, 1.0, 2.0, 3.0]);
        assert!(x_ticks(&[], 600).is_empty());
    }

    #[test]
    fn many_labels_are_thinned_keeping_the_last() {
        let ticks = x_ticks(&labels(13), 600);
        assert!(ticks.len() <= MAX_X_LABELS);
        assert_eq!(ticks.last(), Some(&12.0));
        assert_eq!(ticks, vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0]);
    }

    #[test]
    fn narrow_plot_still_labels_one_slot() {
        assert_eq!(x_ticks(&labels(5), 0), vec![4.0]);
    }

    #[test]
    fn zero_based_ticks_have_headroom() {
        assert_eq!(zero_based_ticks(64.0), vec![0.0, 20.0, 40.0, 60.0, 80.0]);
        assert_eq!(zero_based_ticks(0.0), vec![0.0, 1.0, 2.0]);
        assert_eq!(zero_based_ticks(f64::NAN), vec![0.0, 1.0, 2.0]);
        let money = zero_based_ticks(260_000.0);
        assert_eq!(money.last(), Some(&300_000.0));
        assert_eq!(money.len(), 7);
    }

    #[test]
    fn symmetric_ticks_cover_the_data() {
        let base = symmetric_ticks(0.66);
        assert_eq!(base.first(), Some(&-1.5));
        assert_eq!(base.last(), Some(&1.5));
        assert_eq!(base.len(), 7);
        let wide = symmetric_ticks(2.6);
        assert_eq!(wide.last(), Some(&3.0));
        assert!(symmetric_ticks(7.0).last().is_some_and(|top| *top >= 7.0));
        assert_eq!(symmetric_ticks(f64::INFINITY).last(), Some(&1.5));
    }

    #[test]
    fn few_slots_are_padded() {
        assert_eq!(slot_range(1), -1.5..1.5);
        assert_eq!(slot_range(0), -2.0..1.0);
        assert_eq!(slot_range(13), -0.5..12.5);
    }

    #[test]
    fn labels_by_slot() {
        let names = labels(2);
        assert_eq!(label_at(&names, 1.0), "2 Jul");
        assert_eq!(label_at(&names, -0.5), "");
        assert_eq!(label_at(&names, 7.0), "");
    }
}
