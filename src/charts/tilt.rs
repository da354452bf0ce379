//! Charts stage (data structs in, SVG string out, no file I/O): the balance
//! tilt of every review as bars around zero, over a shaded "balanced" band,
//! and the verdict wording shared with the balance scale. The band and the
//! verdicts are the metrics' own ([`crate::metrics::Verdict`]).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{self, Plot, XAxis, YAxis};
use super::layout::{self, LegendEntry, Swatch};
use super::style::{self, CHART_HEIGHT, CHART_WIDTH, INK, MARKETING, NEUTRAL, SALES, VALUE_PX};
use super::svg::{self, Area, DrawResult, Meta};
use crate::metrics::{BALANCED_BAND, Verdict};

/// Tilt of one review; `None` when it could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub struct TiltPoint {
    /// Review label, e.g. "2026-Q3".
    pub label: String,
    /// log2(supply / capacity); `None` or non-finite leaves a gap.
    pub tilt: Option<f64>,
    /// The review's verdict, as metrics judged it.
    pub verdict: Option<Verdict>,
}

/// Input of [`tilt_history`].
#[derive(Debug, Clone, PartialEq)]
pub struct TiltHistoryChart {
    /// Chart title.
    pub title: String,
    /// Reviews in chronological order.
    pub points: Vec<TiltPoint>,
}

/// Opacity of the balanced band.
const BAND_OPACITY: f64 = 0.3;
/// Half the width of a slot taken by a bar.
const BAR_HALF: f64 = 0.3;
/// Headroom above the largest tilt so its value label fits.
const HEADROOM: f64 = 1.2;

/// Wording of a verdict in captions and descriptions.
pub(super) fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::MarketingHeavy => "marketing-heavy",
        Verdict::SalesHeavy => "sales-heavy",
        Verdict::Balanced => "balanced",
    }
}

/// Keeps only finite tilts.
pub(super) fn finite(tilt: Option<f64>) -> Option<f64> {
    tilt.filter(|value| value.is_finite())
}

/// Renders the tilt of every review as an SVG document.
pub fn tilt_history(chart: &TiltHistoryChart) -> String {
    let meta = Meta {
        id: "tilt-history",
        title: &chart.title,
        desc: describe(&chart.points),
        size: (CHART_WIDTH, CHART_HEIGHT),
    };
    let has_data = chart
        .points
        .iter()
        .any(|point| finite(point.tilt).is_some());
    let draw = has_data.then_some(|root: &Area| draw(root, chart));
    svg::document(&meta, draw)
}

fn band_color() -> RGBAColor {
    NEUTRAL.mix(BAND_OPACITY)
}

fn legend() -> [LegendEntry; 3] {
    [
        LegendEntry {
            label: "Marketing-heavy",
            color: MARKETING.to_rgba(),
            swatch: Swatch::Block,
        },
        LegendEntry {
            label: "Sales-heavy",
            color: SALES.to_rgba(),
            swatch: Swatch::Block,
        },
        LegendEntry {
            label: "Balanced (±0.25)",
            color: band_color(),
            swatch: Swatch::Block,
        },
    ]
}

fn tick_label(value: f64) -> String {
    if value.abs() < 1e-9 {
        "0".to_owned()
    } else {
        format!("{value:+.1}")
    }
}

fn draw(root: &Area, chart: &TiltHistoryChart) -> DrawResult {
    let area = layout::header(root, &chart.title, &legend())?;
    let labels: Vec<String> = chart.points.iter().map(|p| p.label.clone()).collect();
    let x = XAxis {
        labels: &labels,
        desc: "Review",
    };
    let extent = chart
        .points
        .iter()
        .filter_map(|point| finite(point.tilt))
        .fold(0.0, |acc: f64, tilt| acc.max(tilt.abs()));
    let y = YAxis {
        ticks: axes::symmetric_ticks(extent * HEADROOM),
        desc: "Tilt (log2 supply / capacity)".to_owned(),
        format: tick_label,
    };
    let with_values = axes::shows_every_label(&area, &x, &y);
    let mut plot = axes::category_plot(&area, &x, &y)?;
    let slots = axes::slot_range(labels.len());
    let band = [(slots.start, -BALANCED_BAND), (slots.end, BALANCED_BAND)];
    plot.draw_series(std::iter::once(Rectangle::new(band, band_color().filled())))?;
    let zero = PathElement::new(
        vec![(slots.start, 0.0), (slots.end, 0.0)],
        INK.stroke_width(1),
    );
    plot.draw_series(std::iter::once(zero))?;
    for (index, point) in chart.points.iter().enumerate() {
        draw_point(&mut plot, index as f64, finite(point.tilt), with_values)?;
    }
    Ok(())
}

fn draw_point(plot: &mut Plot, slot: f64, tilt: Option<f64>, label: bool) -> DrawResult {
    let Some(tilt) = tilt else {
        return draw_value(plot, (slot, 0.0), "n/a".to_owned(), true);
    };
    let color = if tilt >= 0.0 { MARKETING } else { SALES };
    let bar = Rectangle::new(
        [(slot - BAR_HALF, 0.0), (slot + BAR_HALF, tilt)],
        color.filled(),
    );
    plot.draw_series(std::iter::once(bar))?;
    if label {
        draw_value(plot, (slot, tilt), style::format_signed(tilt), tilt >= 0.0)?;
    }
    Ok(())
}

fn draw_value(plot: &mut Plot, at: (f64, f64), text: String, above: bool) -> DrawResult {
    let (offset, side) = if above {
        (-style::VALUE_OFFSET, VPos::Bottom)
    } else {
        (style::VALUE_OFFSET, VPos::Top)
    };
    let style = style::text(VALUE_PX, &INK).pos(Pos::new(HPos::Center, side));
    let element = EmptyElement::at(at) + Text::new(text, (0, offset), style);
    plot.draw_series(std::iter::once(element))?;
    Ok(())
}

fn describe(points: &[TiltPoint]) -> String {
    if points.is_empty() {
        return format!("{}.", svg::NO_DATA);
    }
    let each: Vec<String> = points
        .iter()
        .map(|point| match (finite(point.tilt), point.verdict) {
            (Some(tilt), Some(verdict)) => format!(
                "{} {} ({})",
                point.label,
                style::format_signed(tilt),
                verdict_word(verdict)
            ),
            _ => format!("{} not available", point.label),
        })
        .collect();
    format!(
        "Balance tilt per review, log2 of supply over capacity; above +{BALANCED_BAND} is \
         marketing-heavy, below -{BALANCED_BAND} sales-heavy. {count} {word}: {list}.",
        count = points.len(),
        word = if points.len() == 1 {
            "review"
        } else {
            "reviews"
        },
        list = each.join("; "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_tilts_are_gaps() {
        assert_eq!(finite(Some(f64::NAN)), None);
        assert_eq!(finite(Some(f64::NEG_INFINITY)), None);
        assert_eq!(finite(Some(0.5)), Some(0.5));
    }

    #[test]
    fn tick_labels_are_signed() {
        assert_eq!(tick_label(1.5), "+1.5");
        assert_eq!(tick_label(-0.5), "-0.5");
        assert_eq!(tick_label(-1e-12), "0");
    }
}
