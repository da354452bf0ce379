//! Charts stage (data structs in, SVG string out, no file I/O): ad spend
//! against won revenue per period as grouped bars.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{self, Plot, XAxis, YAxis};
use super::layout::{self, LegendEntry, Swatch};
use super::style::{
    self, CHART_HEIGHT, CHART_WIDTH, INK, MARKETING, MAX_X_LABELS, SALES, VALUE_PX,
};
use super::svg::{self, Area, DrawResult, Meta};

/// Money of one period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodMoney {
    /// Period label, e.g. "2026-Q3".
    pub label: String,
    /// Ad spend in the period; negative or non-finite values count as 0.
    pub spend: f64,
    /// Revenue won in the period; negative or non-finite values count as 0.
    pub won: f64,
}

/// Input of [`spend_vs_revenue`].
#[derive(Debug, Clone, PartialEq)]
pub struct SpendRevenueChart {
    /// Chart title.
    pub title: String,
    /// Currency code shown on the value axis, e.g. "USD".
    pub currency: String,
    /// Periods in chronological order.
    pub periods: Vec<PeriodMoney>,
}

/// Renders grouped bars of ad spend and won revenue as an SVG document.
pub fn spend_vs_revenue(chart: &SpendRevenueChart) -> String {
    let meta = Meta {
        id: "spend-vs-revenue",
        title: &chart.title,
        desc: describe(chart),
        size: (CHART_WIDTH, CHART_HEIGHT),
    };
    let has_data = chart.periods.iter().any(|period| peak(period) > 0.0);
    let draw = has_data.then_some(|root: &Area| draw(root, chart));
    svg::document(&meta, draw)
}

/// An amount to draw: negative or non-finite values count as 0.
pub(super) fn amount(value: f64) -> f64 {
    if value.is_finite() && value > 0.0 {
        value
    } else {
        0.0
    }
}

fn peak(period: &PeriodMoney) -> f64 {
    amount(period.spend).max(amount(period.won))
}

fn legend() -> [LegendEntry; 2] {
    [
        LegendEntry {
            label: "Ad spend",
            color: MARKETING.to_rgba(),
            swatch: Swatch::Block,
        },
        LegendEntry {
            label: "Won revenue",
            color: SALES.to_rgba(),
            swatch: Swatch::Block,
        },
    ]
}

/// Value axis description: the currency code, or "Amount" without one.
pub(super) fn currency_desc(currency: &str) -> String {
    if currency.trim().is_empty() {
        "Amount".to_owned()
    } else {
        currency.to_owned()
    }
}

fn draw(root: &Area, chart: &SpendRevenueChart) -> DrawResult {
    let frame = MoneyFrame {
        title: &chart.title,
        legend: &legend(),
        labels: chart.periods.iter().map(|p| p.label.clone()).collect(),
        x_desc: "Period",
        max: chart.periods.iter().map(peak).fold(0.0, f64::max),
        currency: &chart.currency,
    };
    draw_pairs(root, &frame, |plot, with_values| {
        for (index, period) in chart.periods.iter().enumerate() {
            let [left, right] = style::bar_pair(index as f64);
            draw_bar(
                plot,
                (left.0, left.1, amount(period.spend)),
                MARKETING,
                with_values,
            )?;
            draw_bar(
                plot,
                (right.0, right.1, amount(period.won)),
                SALES,
                with_values,
            )?;
        }
        Ok(())
    })
}

/// The frame of a chart of paired money bars per category: title, legend,
/// category axis and a zero-based money axis.
pub(super) struct MoneyFrame<'a> {
    pub title: &'a str,
    pub legend: &'a [LegendEntry],
    pub labels: Vec<String>,
    pub x_desc: &'static str,
    /// The largest amount drawn.
    pub max: f64,
    pub currency: &'a str,
}

/// Draws the frame, then the bars with `bars`, told whether every bar has
/// room for its amount written on top.
pub(super) fn draw_pairs(
    root: &Area,
    frame: &MoneyFrame,
    bars: impl FnOnce(&mut Plot, bool) -> DrawResult,
) -> DrawResult {
    let area = layout::header(root, frame.title, frame.legend)?;
    let x = XAxis {
        labels: &frame.labels,
        desc: frame.x_desc,
    };
    let y = YAxis {
        ticks: axes::zero_based_ticks(frame.max),
        desc: currency_desc(frame.currency),
        format: style::format_compact,
    };
    let with_values =
        frame.labels.len() <= style::MAX_VALUE_LABELS && axes::shows_every_label(&area, &x, &y);
    let mut plot = axes::category_plot(&area, &x, &y)?;
    bars(&mut plot, with_values)
}

/// Draws one solid bar from 0 to `value`, with its amount on top if `label`.
pub(super) fn draw_bar(
    plot: &mut Plot,
    (left, right, value): (f64, f64, f64),
    color: RGBColor,
    label: bool,
) -> DrawResult {
    let bar = Rectangle::new([(left, 0.0), (right, value)], color.filled());
    plot.draw_series(std::iter::once(bar))?;
    if label {
        let style = style::text(VALUE_PX, &INK).pos(Pos::new(HPos::Center, VPos::Bottom));
        let text = EmptyElement::at(((left + right) / 2.0, value))
            + Text::new(
                style::format_compact(value),
                (0, -style::VALUE_OFFSET),
                style,
            );
        plot.draw_series(std::iter::once(text))?;
    }
    Ok(())
}

fn describe(chart: &SpendRevenueChart) -> String {
    let periods = &chart.periods;
    if periods.is_empty() {
        return format!("{}.", svg::NO_DATA);
    }
    let total = |value: fn(&PeriodMoney) -> f64| {
        style::format_compact(periods.iter().map(|p| amount(value(p))).sum())
    };
    let mut text = format!(
        "Ad spend against won revenue in {currency}, {count} {word}",
        currency = currency_desc(&chart.currency),
        count = periods.len(),
        word = if periods.len() == 1 {
            "period"
        } else {
            "periods"
        },
    );
    if periods.len() <= MAX_X_LABELS {
        let each: Vec<String> = periods
            .iter()
            .map(|p| {
                let spend = style::format_compact(amount(p.spend));
                let won = style::format_compact(amount(p.won));
                format!("{} spend {spend}, won {won}", p.label)
            })
            .collect();
        text.push_str(": ");
        text.push_str(&each.join("; "));
    }
    text.push_str(&format!(
        ". Total spend {}, total won {}.",
        total(|p| p.spend),
        total(|p| p.won)
    ));
    text
}
