//! Charts stage (data structs in, SVG string out, no file I/O): the header
//! every chart shares – a left-aligned title and a legend that wraps onto as
//! many rows as it needs – drawn above the plot instead of over the data.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::canvas::{Area, DrawResult};
use super::style::{self, INK, LEGEND_PX, LINE_WIDTH, MARGIN, MARKER_RADIUS, TITLE_PX};

/// Height reserved for the title row.
const TITLE_ROW: i32 = 36;
/// Height of one legend row.
const LEGEND_ROW: i32 = 24;
/// Width of a legend swatch.
const SWATCH_WIDTH: i32 = 24;
/// Gap between a swatch and its label.
const SWATCH_GAP: i32 = 8;
/// Gap between two legend entries on one row.
const ENTRY_GAP: i32 = 28;
/// Space between the header and the plot below it.
const HEADER_GAP: i32 = 6;

/// How a legend entry shows its series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Swatch {
    /// A line with a marker, for line series.
    Line,
    /// A line with a hollow marker: a chart's second line series, so the
    /// two still read apart printed in black and white.
    HollowLine,
    /// A filled block, for bars, areas and bands.
    Block,
}

/// One legend entry.
pub(super) struct LegendEntry {
    /// Text shown next to the swatch.
    pub label: &'static str,
    /// Colour (with opacity) of the swatch.
    pub color: RGBAColor,
    /// Shape of the swatch.
    pub swatch: Swatch,
}

/// Position of a legend entry relative to the legend's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Slot {
    x: i32,
    row: i32,
}

/// Draws title and legend on `root` and returns the area left below them.
pub(super) fn header<'a>(
    root: &Area<'a>,
    title: &str,
    legend: &[LegendEntry],
) -> DrawResult<Area<'a>> {
    let inner = root.dim_in_pixel().0 as i32 - 2 * MARGIN;
    let title_style = style::bold(TITLE_PX)
        .color(&INK)
        .pos(Pos::new(HPos::Left, VPos::Top));
    root.draw(&Text::new(
        fit(title, TITLE_PX, inner),
        (MARGIN, MARGIN),
        title_style,
    ))?;
    let slots = legend_slots(legend, inner);
    for (entry, slot) in legend.iter().zip(&slots) {
        let top = MARGIN + TITLE_ROW + slot.row * LEGEND_ROW;
        draw_entry(root, entry, (MARGIN + slot.x, top + LEGEND_ROW / 2))?;
    }
    let rows = slots.last().map_or(0, |slot| slot.row + 1);
    let top = MARGIN + TITLE_ROW + rows * LEGEND_ROW + HEADER_GAP;
    Ok(root.split_vertically(top).1)
}

/// Shortens `text` with an ellipsis until it fits `max_width` pixels at `px`.
pub(super) fn fit(text: &str, px: f64, max_width: i32) -> String {
    if style::text_width(text, px) <= max_width {
        return text.to_owned();
    }
    let mut kept: Vec<char> = text.chars().collect();
    while !kept.is_empty() {
        kept.pop();
        let candidate: String = kept.iter().chain(['…'].iter()).collect();
        if style::text_width(&candidate, px) <= max_width {
            return candidate;
        }
    }
    String::new()
}

fn legend_slots(legend: &[LegendEntry], width: i32) -> Vec<Slot> {
    let mut slots = Vec::with_capacity(legend.len());
    let (mut x, mut row) = (0, 0);
    for entry in legend {
        let entry_width = SWATCH_WIDTH + SWATCH_GAP + style::text_width(entry.label, LEGEND_PX);
        if x > 0 && x + entry_width > width {
            row += 1;
            x = 0;
        }
        slots.push(Slot { x, row });
        x += entry_width + ENTRY_GAP;
    }
    slots
}

fn draw_entry(root: &Area, entry: &LegendEntry, (x, y): (i32, i32)) -> DrawResult {
    match entry.swatch {
        Swatch::Line => {
            let line = entry.color.stroke_width(LINE_WIDTH);
            root.draw(&PathElement::new(vec![(x, y), (x + SWATCH_WIDTH, y)], line))?;
            let centre = (x + SWATCH_WIDTH / 2, y);
            root.draw(&Circle::new(centre, MARKER_RADIUS, entry.color.filled()))?;
        }
        Swatch::HollowLine => {
            let line = entry.color.stroke_width(LINE_WIDTH);
            root.draw(&PathElement::new(vec![(x, y), (x + SWATCH_WIDTH, y)], line))?;
            hollow_marker(root, (x + SWATCH_WIDTH / 2, y), entry.color)?;
        }
        Swatch::Block => {
            let corners = [(x, y - 7), (x + SWATCH_WIDTH, y + 7)];
            root.draw(&Rectangle::new(corners, entry.color.filled()))?;
        }
    }
    let label_style = style::text(LEGEND_PX, &INK).pos(Pos::new(HPos::Left, VPos::Center));
    let label_x = x + SWATCH_WIDTH + SWATCH_GAP;
    root.draw(&Text::new(entry.label, (label_x, y), label_style))?;
    Ok(())
}

/// A marker drawn as a ring on paper: the line does not show through.
fn hollow_marker<C: Into<RGBAColor>>(root: &Area, centre: (i32, i32), color: C) -> DrawResult {
    root.draw(&Circle::new(centre, MARKER_RADIUS, style::PAPER.filled()))?;
    let ring = color.into().stroke_width(LINE_WIDTH);
    root.draw(&Circle::new(centre, MARKER_RADIUS, ring))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(label: &'static str) -> LegendEntry {
        LegendEntry {
            label,
            color: style::INK.to_rgba(),
            swatch: Swatch::Line,
        }
    }

    #[test]
    fn legend_wraps_when_too_wide() {
        let legend = [entry("aaaaaaaaaa"), entry("bbbbbbbbbb"), entry("cc")];
        let one_row = legend_slots(&legend, 1000);
        assert!(one_row.iter().all(|slot| slot.row == 0));
        assert!(one_row[0].x < one_row[1].x && one_row[1].x < one_row[2].x);
        let wrapped = legend_slots(&legend, 250);
        assert_eq!(wrapped[1], Slot { x: 0, row: 1 });
    }

    #[test]
    fn overlong_entry_still_gets_a_row() {
        let slots = legend_slots(&[entry("a very long label indeed")], 10);
        assert_eq!(slots, vec![Slot { x: 0, row: 0 }]);
    }

    #[test]
    fn fit_truncates_with_ellipsis() {
        assert_eq!(fit("short", 10.0, 1000), "short");
        let cut = fit("a rather long chart title", 10.0, 60);
        assert!(cut.ends_with('…'));
        assert!(style::text_width(&cut, 10.0) <= 60);
        assert_eq!(fit("abc", 10.0, 0), "");
    }
}
