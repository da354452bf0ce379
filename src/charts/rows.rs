//! Charts stage (data structs in, SVG string out, no file I/O): the
//! horizontal bar list shared by the funnel, speed-to-lead, channel spend and
//! hours charts – one row per category, its name (and an optional note) on a
//! line above a bar whose value is written after the bar's end. Names get
//! the whole width, so long ones need no label column; the chart grows
//! taller instead of squeezing many rows.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout;
use super::money::amount;
use super::style::{self, CHART_HEIGHT, INK, MARGIN, TICK_PX, VALUE_PX};
use super::svg::{Area, DrawResult};

/// One row: a category, its bar and the text written after the bar.
pub(super) struct Row {
    /// Category name written above the bar.
    pub label: String,
    /// Note written after the name, e.g. the conversion from the row above;
    /// empty for none.
    pub note: String,
    /// Bar length in data units; negative or non-finite values draw no bar.
    pub value: f64,
    /// Value written after the bar's end.
    pub text: String,
    /// Fill of the bar.
    pub color: RGBColor,
}

/// Room the header takes above the rows: title and one legend row.
const HEADER_ROOM: u32 = 88;
/// Height of the line holding a row's name.
const LABEL_LINE: i32 = 22;
/// Thinnest bar.
const MIN_BAR: i32 = 18;
/// Thickest bar.
const MAX_BAR: i32 = 32;
/// Least room between a bar and the next row's name.
const MIN_GAP: i32 = 10;
/// Widest distance between two rows; fewer rows are centred vertically.
const MAX_PITCH: i32 = 100;
/// Gap between a bar's end and its value.
const TEXT_GAP: i32 = 8;
/// Gap between the widest name and the column of notes.
const NOTE_GAP: i32 = 16;
/// Least length of the longest bar, whatever room the value texts take.
const MIN_BAR_SPAN: i32 = 120;

/// Where the rows go inside the area below the header, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Geometry {
    /// Width shared by names, notes, bars and values.
    inner: i32,
    /// Top edge of the first row.
    top: i32,
    /// Distance from one row's top to the next.
    pitch: i32,
    /// Bar thickness.
    bar: i32,
    /// Pixels per data unit.
    scale: f64,
    /// Left edge of the notes, one column for all rows.
    note_x: i32,
}

impl Geometry {
    /// Spreads `rows` over an area of `width` x `height` pixels: the longest
    /// bar and its value text just fit the width, notes line up in a column
    /// right of the widest name that has one.
    fn new(rows: &[Row], (width, height): (i32, i32), reach: f64) -> Self {
        let inner = width - 2 * MARGIN;
        let count = i32::try_from(rows.len()).unwrap_or(i32::MAX).max(1);
        let room = height - MARGIN;
        let pitch = (room / count).min(MAX_PITCH);
        Self {
            inner,
            top: (room - pitch.saturating_mul(count)).max(0) / 2,
            pitch,
            bar: (pitch - LABEL_LINE - MIN_GAP).clamp(MIN_BAR, MAX_BAR),
            scale: scale(rows, inner, reach),
            note_x: note_x(rows, inner),
        }
    }

    /// Top edge of row `index`.
    fn row_top(&self, index: usize) -> i32 {
        let index = i32::try_from(index).unwrap_or(i32::MAX);
        self.top.saturating_add(self.pitch.saturating_mul(index))
    }

    /// Middle of the gap above row `index`, where a divider goes.
    pub(super) fn gap_above(&self, index: usize) -> i32 {
        self.row_top(index) - (self.pitch - LABEL_LINE - self.bar) / 2
    }

    /// Left and right end of a divider across the whole width.
    pub(super) fn span(&self) -> (i32, i32) {
        (MARGIN, MARGIN + self.inner)
    }

    /// Where the bar of `value` ends, in pixels from the area's left.
    pub(super) fn value_x(&self, value: f64) -> i32 {
        MARGIN + self.bar_length(value)
    }

    /// Top and bottom edge of row `index`'s bar.
    pub(super) fn bar_span(&self, index: usize) -> (i32, i32) {
        let top = self.row_top(index) + LABEL_LINE;
        (top, top + self.bar)
    }

    /// Length in pixels of the bar of `value`.
    fn bar_length(&self, value: f64) -> i32 {
        (amount(value) * self.scale).round() as i32
    }
}

/// Pixels per data unit so that the longest bar (or a bar of `reach`, if
/// longer) and the widest value text together fill `inner`.
fn scale(rows: &[Row], inner: i32, reach: f64) -> f64 {
    let widest_text = rows
        .iter()
        .map(|row| style::text_width(&row.text, VALUE_PX))
        .max()
        .unwrap_or(0);
    let span = (inner - widest_text - TEXT_GAP).max(MIN_BAR_SPAN);
    let max = rows
        .iter()
        .map(|row| amount(row.value))
        .fold(amount(reach), f64::max);
    if max > 0.0 {
        f64::from(span) / max
    } else {
        0.0
    }
}

/// Left edge of the notes: right of the widest name that has a note, but
/// leaving the widest note (at most half the width) its room.
fn note_x(rows: &[Row], inner: i32) -> i32 {
    let noted = || rows.iter().filter(|row| !row.note.is_empty());
    let widest_name = noted()
        .map(|row| style::text_width(&row.label, TICK_PX))
        .max()
        .unwrap_or(0);
    let widest_note = noted()
        .map(|row| style::text_width(&row.note, VALUE_PX))
        .max()
        .unwrap_or(0)
        .min(inner / 2);
    MARGIN + widest_name.min(inner - widest_note - NOTE_GAP) + NOTE_GAP
}

/// Height of a chart of `rows` rows: the usual chart height, or taller when
/// the rows need more room.
pub(super) fn chart_height(rows: usize) -> u32 {
    let pitch = (LABEL_LINE + MIN_BAR + MIN_GAP).unsigned_abs();
    let needed = u32::try_from(rows)
        .unwrap_or(u32::MAX)
        .saturating_mul(pitch)
        .saturating_add(HEADER_ROOM + MARGIN.unsigned_abs());
    needed.max(CHART_HEIGHT)
}

/// Draws `rows` top to bottom in `area` and returns where they went.
pub(super) fn draw(area: &Area, rows: &[Row]) -> DrawResult<Geometry> {
    draw_reaching(area, rows, 0.0)
}

/// Draws `rows` on a scale that reaches at least `reach` (where a mark
/// at that value must fit) and returns where they went.
pub(super) fn draw_reaching(area: &Area, rows: &[Row], reach: f64) -> DrawResult<Geometry> {
    let (width, height) = area.dim_in_pixel();
    let geometry = Geometry::new(rows, (width as i32, height as i32), reach);
    for (index, row) in rows.iter().enumerate() {
        draw_row(area, &geometry, geometry.row_top(index), row)?;
    }
    Ok(geometry)
}

fn draw_row(area: &Area, geometry: &Geometry, top: i32, row: &Row) -> DrawResult {
    draw_name(area, geometry, top + LABEL_LINE / 2, row)?;
    let bar_top = top + LABEL_LINE;
    let end = MARGIN + geometry.bar_length(row.value);
    if end > MARGIN {
        let corners = [(MARGIN, bar_top), (end, bar_top + geometry.bar)];
        area.draw(&Rectangle::new(corners, row.color.filled()))?;
    }
    let value_style = style::text(VALUE_PX, &INK).pos(Pos::new(HPos::Left, VPos::Center));
    let at = (end + TEXT_GAP, bar_top + geometry.bar / 2);
    area.draw(&Text::new(row.text.as_str(), at, value_style))?;
    Ok(())
}

/// The name, and the note in its column; both shortened to their room.
fn draw_name(area: &Area, geometry: &Geometry, middle: i32, row: &Row) -> DrawResult {
    let left = Pos::new(HPos::Left, VPos::Center);
    let name_room = if row.note.is_empty() {
        geometry.inner
    } else {
        geometry.note_x - NOTE_GAP - MARGIN
    };
    let name = layout::fit(&row.label, TICK_PX, name_room);
    let name_style = style::text(TICK_PX, &INK).pos(left);
    area.draw(&Text::new(name, (MARGIN, middle), name_style))?;
    if !row.note.is_empty() {
        let note = layout::fit(
            &row.note,
            VALUE_PX,
            MARGIN + geometry.inner - geometry.note_x,
        );
        let note_style = style::bold(VALUE_PX).color(&INK).pos(left);
        area.draw(&Text::new(note, (geometry.note_x, middle), note_style))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(value: f64, text: &str) -> Row {
        Row {
            label: "Row".to_owned(),
            note: String::new(),
            value,
            text: text.to_owned(),
            color: INK,
        }
    }

    #[test]
    fn longest_bar_and_its_text_fit_the_width() {
        let rows = [row(1136.0, "1,136"), row(29.0, "29")];
        let geometry = Geometry::new(&rows, (720, 300), 0.0);
        let end = MARGIN + geometry.bar_length(1136.0) + TEXT_GAP;
        assert_eq!(end + style::text_width("1,136", VALUE_PX), 720 - MARGIN);
        assert!(geometry.bar_length(29.0) > 0);
    }

    #[test]
    fn odd_values_draw_no_bar() {
        let rows = [row(f64::NAN, ""), row(-3.0, ""), row(0.0, "")];
        let geometry = Geometry::new(&rows, (720, 300), 0.0);
        assert_eq!(geometry.scale, 0.0);
        assert_eq!(geometry.bar_length(f64::INFINITY), 0);
        assert_eq!(geometry.bar_length(-3.0), 0);
    }

    #[test]
    fn rows_keep_a_readable_pitch() {
        let one = Geometry::new(&[row(1.0, "1")], (720, 300), 0.0);
        assert_eq!((one.pitch, one.bar), (MAX_PITCH, MAX_BAR));
        assert_eq!(one.top, (284 - MAX_PITCH) / 2);
        let five: Vec<Row> = (0..5).map(|_| row(1.0, "1")).collect();
        let geometry = Geometry::new(&five, (720, 280), 0.0);
        assert_eq!((geometry.top, geometry.pitch), (2, 52));
        assert_eq!(geometry.bar, 52 - LABEL_LINE - MIN_GAP);
        assert_eq!(geometry.gap_above(1), 2 + 52 - MIN_GAP / 2);
        assert_eq!(chart_height(5), CHART_HEIGHT);
        assert_eq!(chart_height(0), CHART_HEIGHT);
        assert_eq!(chart_height(12), 88 + 16 + 12 * 50);
        assert_eq!(chart_height(usize::MAX), u32::MAX);
    }

    #[test]
    fn notes_line_up_right_of_the_widest_noted_name() {
        let mut rows = [row(1.0, "1"), row(1.0, "1"), row(1.0, "1")];
        rows[0].label = "A name without a note, longer than the rest".to_owned();
        rows[1].note = "note".to_owned();
        rows[2].label = "Opportunities".to_owned();
        rows[2].note = "note".to_owned();
        let expected = MARGIN + style::text_width("Opportunities", TICK_PX) + NOTE_GAP;
        assert_eq!(note_x(&rows, 688), expected);
        rows[2].label = "x".repeat(200);
        let squeezed = note_x(&rows, 688);
        assert_eq!(squeezed, MARGIN + 688 - style::text_width("note", VALUE_PX));
        assert_eq!(note_x(&rows[..1], 688), MARGIN + NOTE_GAP);
    }
}
