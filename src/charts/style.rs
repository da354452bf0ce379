//! Charts stage (data structs in, SVG string out, no file I/O): the one look
//! shared by every chart – sizes, font, palette – and the number formatters
//! used on axes, captions and descriptions.

use plotters::style::{FontDesc, FontFamily, FontStyle, IntoFont, RGBColor, TextStyle};

/// Width of line and bar charts, in SVG user units (pixels at 100 %).
pub const CHART_WIDTH: u32 = 720;
/// Height of line and bar charts.
pub const CHART_HEIGHT: u32 = 360;
/// Width of the balance scale picture.
pub const SCALE_WIDTH: u32 = 720;
/// Height of the balance scale picture.
pub const SCALE_HEIGHT: u32 = 340;

/// Font family written into every `<text>` element.
pub const FONT_FAMILY: &str = "sans-serif";
/// Chart title size in pixels.
pub const TITLE_PX: f64 = 22.0;
/// Axis description ("Leads per week") size in pixels.
pub const AXIS_DESC_PX: f64 = 16.0;
/// Tick label size in pixels.
pub const TICK_PX: f64 = 17.0;
/// Legend entry size in pixels.
pub const LEGEND_PX: f64 = 17.0;
/// Size of value labels written on bars and pans.
pub const VALUE_PX: f64 = 16.0;
/// Size of notes such as "No data for this chart" and the scale caption.
pub const NOTE_PX: f64 = 20.0;

/// Supply side, marketing, ad spend (hex for CSS).
pub const MARKETING_HEX: &str = "#2563a8";
/// Demand side, sales, won revenue (hex for CSS).
pub const SALES_HEX: &str = "#d97706";
/// Partner channel (hex for CSS).
pub const PARTNER_HEX: &str = "#0f8a6c";
/// Neutral series such as the backlog (hex for CSS).
pub const NEUTRAL_HEX: &str = "#9ca3af";
/// Text and axes (hex for CSS).
pub const INK_HEX: &str = "#1f2937";
/// Grid lines and bands (hex for CSS).
pub const GRID_HEX: &str = "#e5e7eb";
/// Figures that miss a target, such as leads outside the SLA (hex for CSS).
pub const WARNING_HEX: &str = "#9b2c35";

/// Marketing blue.
pub const MARKETING: RGBColor = RGBColor(0x25, 0x63, 0xa8);
/// Sales amber.
pub const SALES: RGBColor = RGBColor(0xd9, 0x77, 0x06);
/// Partner teal.
pub const PARTNER: RGBColor = RGBColor(0x0f, 0x8a, 0x6c);
/// Neutral grey.
pub const NEUTRAL: RGBColor = RGBColor(0x9c, 0xa3, 0xaf);
/// Text ink.
pub const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
/// Grid grey.
pub const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);
/// Muted red, darker than the sales amber so the two differ in lightness too.
pub const WARNING: RGBColor = RGBColor(0x9b, 0x2c, 0x35);
/// Background of every chart.
pub const PAPER: RGBColor = RGBColor(0xff, 0xff, 0xff);

/// Opacity of filled areas drawn behind lines (the backlog).
pub const AREA_OPACITY: f64 = 0.35;
/// Stroke width of data lines.
pub const LINE_WIDTH: u32 = 3;
/// Radius of the markers on data lines.
pub const MARKER_RADIUS: u32 = 4;
/// Outer margin around every chart.
pub const MARGIN: i32 = 16;
/// Most category labels drawn on an x axis before they are thinned out.
pub const MAX_X_LABELS: usize = 8;

/// Plotters divides the requested size by 1.24 when it writes `font-size`,
/// so multiply here to get `px` in the SVG.
const PLOTTERS_FONT_SCALE: f64 = 1.24;
/// Average glyph width of a sans-serif font relative to its size, used to
/// lay out legends and thin axis labels without any font file.
const GLYPH_WIDTH_EM: f64 = 0.56;

/// `color` lightened towards white, keeping `share` of it: an opaque tint
/// that looks the same whatever lies below.
pub fn tint(color: RGBColor, share: f64) -> RGBColor {
    let share = share.clamp(0.0, 1.0);
    let channel = |value: u8| (f64::from(value) * share + 255.0 * (1.0 - share)).round() as u8;
    RGBColor(channel(color.0), channel(color.1), channel(color.2))
}

/// Plain font of `px` pixels.
pub fn font(px: f64) -> FontDesc<'static> {
    (FontFamily::SansSerif, px * PLOTTERS_FONT_SCALE).into_font()
}

/// Bold font of `px` pixels.
pub fn bold(px: f64) -> FontDesc<'static> {
    font(px).style(FontStyle::Bold)
}

/// Text style of `px` pixels in `color`.
pub fn text(px: f64, color: &RGBColor) -> TextStyle<'static> {
    font(px).color(color)
}

/// Estimated width in pixels of `s` set at `px`.
pub fn text_width(s: &str, px: f64) -> i32 {
    (s.chars().count() as f64 * px * GLYPH_WIDTH_EM).ceil() as i32
}

/// Compact axis number: 950 -> "950", 12000 -> "12k", 1500000 -> "1.5M".
pub fn format_compact(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let abs = value.abs();
    if round_to(abs, 2) < 1000.0 {
        return non_zero_sign(sign, trim_decimals(abs, 2));
    }
    let units = [(1e3, "k"), (1e6, "M"), (1e9, "B")];
    let mut index = 0;
    while index + 1 < units.len() && round_to(abs / units[index].0, 1) >= 1000.0 {
        index += 1;
    }
    let (divisor, suffix) = units[index];
    format!("{sign}{}{suffix}", trim_decimals(abs / divisor, 1))
}

/// Tilt with an explicit sign and two decimals: "+0.66", "-0.40", "0.00".
pub fn format_signed(value: f64) -> String {
    let rounded = round_to(value, 2);
    if rounded == 0.0 || !rounded.is_finite() {
        "0.00".to_owned()
    } else {
        format!("{rounded:+.2}")
    }
}

/// Rate with one decimal: 61.2.
pub fn format_rate(value: f64) -> String {
    format!("{:.1}", round_to(value, 1))
}

/// Whole count with thousands separators: 1136 -> "1,136".
pub fn format_count(value: u64) -> String {
    crate::number::grouped(value)
}

/// `part` as a whole percentage of `whole`: "63%", "<1%" for a sliver, and
/// "n/a" when `whole` is zero, negative or not finite (no division by zero).
pub fn format_share(part: f64, whole: f64) -> String {
    if !(whole.is_finite() && whole > 0.0 && part.is_finite()) {
        return "n/a".to_owned();
    }
    let percent = part / whole * 100.0;
    if percent > 0.0 && percent < 0.5 {
        "<1%".to_owned()
    } else {
        format!("{}%", trim_decimals(round_to(percent, 0).max(0.0), 0))
    }
}

/// Compact amount with the currency's symbol where there is a common one:
/// ("USD", 70000) -> "$70k", ("CHF", 95) -> "CHF 95", ("", 95) -> "95".
pub fn format_money(value: f64, currency: &str) -> String {
    let amount = format_compact(value);
    let code = currency.trim();
    match crate::model::currency_symbol(code) {
        Some(symbol) => format!("{symbol}{amount}"),
        None if code.is_empty() => amount,
        None => format!("{code} {amount}"),
    }
}

fn non_zero_sign(sign: &str, digits: String) -> String {
    if digits == "0" {
        digits
    } else {
        format!("{sign}{digits}")
    }
}

fn round_to(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

fn trim_decimals(value: f64, decimals: usize) -> String {
    let fixed = format!("{value:.decimals$}");
    if fixed.contains('.') {
        fixed.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        fixed
    }
}

/// Most slots (periods, functions) that get their amounts written above
/// their bars; with more, the labels would collide.
pub const MAX_VALUE_LABELS: usize = 6;
/// Pixels between a bar's end and its value label.
pub const VALUE_OFFSET: i32 = 4;
/// Half the width of a slot taken by a pair of grouped bars.
const PAIR_SPAN: f64 = 0.38;
/// Gap between the two bars of a pair, in slot units.
const PAIR_GAP: f64 = 0.03;

/// The x ranges of a pair of grouped bars in the slot centred on `slot`:
/// left bar, right bar.
pub fn bar_pair(slot: f64) -> [(f64, f64); 2] {
    [
        (slot - PAIR_SPAN, slot - PAIR_GAP),
        (slot + PAIR_GAP, slot + PAIR_SPAN),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_numbers() {
        let table = [
            (0.0, "0"),
            (-0.0, "0"),
            (-0.001, "0"),
            (7.0, "7"),
            (0.25, "0.25"),
            (2.5, "2.5"),
            (950.0, "950"),
            (999.999, "1k"),
            (1000.0, "1k"),
            (1500.0, "1.5k"),
            (12000.0, "12k"),
            (12340.0, "12.3k"),
            (-40000.0, "-40k"),
            (999_960.0, "1M"),
            (1_500_000.0, "1.5M"),
            (2_000_000_000.0, "2B"),
            (5e12, "5000B"),
            (f64::NAN, "n/a"),
            (f64::INFINITY, "n/a"),
        ];
        for (value, expected) in table {
            assert_eq!(format_compact(value), expected, "{value}");
        }
    }

    #[test]
    fn signed_tilts() {
        let table = [
            (0.66, "+0.66"),
            (-0.4, "-0.40"),
            (0.0, "0.00"),
            (-0.001, "0.00"),
            (0.049, "+0.05"),
            (f64::NAN, "0.00"),
        ];
        for (value, expected) in table {
            assert_eq!(format_signed(value), expected, "{value}");
        }
    }

    #[test]
    fn counts_shares_and_money() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1136), "1,136");
        assert_eq!(format_count(1_234_567), "1,234,567");
        let shares = [
            (710.0, 1136.0, "63%"),
            (29.0, 65.0, "45%"),
            (0.0, 10.0, "0%"),
            (1.0, 1000.0, "<1%"),
            (3.0, 2.0, "150%"),
            (1.0, 0.0, "n/a"),
            (1.0, -4.0, "n/a"),
            (f64::NAN, 2.0, "n/a"),
            (1.0, f64::INFINITY, "n/a"),
        ];
        for (part, whole, expected) in shares {
            assert_eq!(format_share(part, whole), expected, "{part}/{whole}");
        }
        assert_eq!(format_money(70_000.0, "USD"), "$70k");
        assert_eq!(format_money(95.0, "EUR"), "€95");
        assert_eq!(format_money(1_200.0, "CHF"), "CHF 1.2k");
        assert_eq!(format_money(95.0, " "), "95");
    }

    #[test]
    fn tints() {
        assert_eq!(tint(MARKETING, 1.0), MARKETING);
        assert_eq!(tint(MARKETING, 0.0), PAPER);
        assert_eq!(tint(RGBColor(0, 100, 255), 0.5), RGBColor(128, 178, 255));
    }

    #[test]
    fn rates_and_widths() {
        assert_eq!(format_rate(61.24), "61.2");
        assert_eq!(format_rate(38.5), "38.5");
        assert!(text_width("New MQLs", LEGEND_PX) > text_width("MQLs", LEGEND_PX));
        assert_eq!(text_width("", LEGEND_PX), 0);
    }
}
