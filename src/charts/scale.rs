//! Charts stage (data structs in, SVG string out, no file I/O): a two-pan
//! balance scale whose beam leans towards the heavier side – marketing supply
//! on the left pan, sales capacity on the right.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout;
use super::style::{
    self, INK, LEGEND_PX, MARGIN, MARKETING, NOTE_PX, PAPER, SALES, SCALE_HEIGHT, SCALE_WIDTH,
};
use super::svg::{self, Area, DrawResult, Meta};
use super::tilt::{self, verdict_word};
use crate::metrics::Verdict;

/// Input of [`balance_scale`].
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceScaleChart {
    /// Chart title.
    pub title: String,
    /// log2(supply / capacity); `None` draws a level beam.
    pub tilt: Option<f64>,
    /// The verdict metrics gave the tilt.
    pub verdict: Option<Verdict>,
    /// Mean new MQLs per week.
    pub supply_per_week: Option<f64>,
    /// Leads per week sales can work.
    pub capacity_per_week: Option<f64>,
    /// Whether capacity is only a lower bound (the reps were never fully
    /// loaded): the tilt is then at most its value, and the caption says
    /// so.
    pub bound: bool,
}

/// Tilts beyond ± this value are drawn at the largest angle.
const MAX_TILT: f64 = 2.0;
/// Beam angle in degrees at `MAX_TILT`.
const MAX_ANGLE_DEG: f64 = 18.0;
/// Pivot of the beam.
const PIVOT: (i32, i32) = (SCALE_WIDTH as i32 / 2, 132);
/// Distance from the pivot to each beam end.
const BEAM_HALF: f64 = 230.0;
/// Half the thickness of the beam.
const BEAM_HALF_THICKNESS: f64 = 4.0;
/// Vertical length of the strings between beam end and pan rim.
const HANG: i32 = 48;
/// Half width of a pan at its rim and at its bottom, and its depth.
const PAN_RIM: i32 = 62;
const PAN_BOTTOM: i32 = 42;
const PAN_DEPTH: i32 = 16;
/// Post and foot.
const POST_HALF: i32 = 5;
const FOOT_TOP: i32 = 272;
const FOOT_HEIGHT: i32 = 14;
const FOOT_TOP_HALF: i32 = 36;
const FOOT_BOTTOM_HALF: i32 = 64;
/// Radius of the pivot.
const PIVOT_RADIUS: i32 = 9;
/// Room between a pan and its label, and between label lines.
const LABEL_GAP: i32 = 8;
const LINE_HEIGHT: i32 = 20;

/// Where the beam ends are, in pixels (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Beam {
    /// End carrying the marketing pan.
    left: (i32, i32),
    /// End carrying the sales pan.
    right: (i32, i32),
}

/// One pan: where it hangs, what it says, its colour.
struct Pan {
    hook: (i32, i32),
    name: &'static str,
    rate: Option<f64>,
    color: RGBColor,
}

/// Renders the balance scale picture as an SVG document.
pub fn balance_scale(chart: &BalanceScaleChart) -> String {
    let meta = Meta {
        id: "balance-scale",
        title: &chart.title,
        desc: describe(chart),
        size: (SCALE_WIDTH, SCALE_HEIGHT),
    };
    svg::document(&meta, Some(|root: &Area| draw(root, chart)))
}

/// Beam angle in degrees; positive lowers the left (marketing) side.
fn beam_angle(tilt: Option<f64>) -> f64 {
    tilt::finite(tilt).map_or(0.0, |t| {
        t.clamp(-MAX_TILT, MAX_TILT) / MAX_TILT * MAX_ANGLE_DEG
    })
}

/// Beam end positions for `tilt`.
fn beam(tilt: Option<f64>) -> Beam {
    let (sin, cos) = beam_angle(tilt).to_radians().sin_cos();
    let (dx, dy) = (
        (BEAM_HALF * cos).round() as i32,
        (BEAM_HALF * sin).round() as i32,
    );
    Beam {
        left: (PIVOT.0 - dx, PIVOT.1 + dy),
        right: (PIVOT.0 + dx, PIVOT.1 - dy),
    }
}

fn draw(root: &Area, chart: &BalanceScaleChart) -> DrawResult {
    layout::header(root, &chart.title, &[])?;
    draw_stand(root)?;
    let tilt = tilt::finite(chart.tilt);
    let ends = beam(tilt);
    draw_beam(root, tilt)?;
    let pans = [
        Pan {
            hook: ends.left,
            name: "Marketing supply",
            rate: chart.supply_per_week,
            color: MARKETING,
        },
        Pan {
            hook: ends.right,
            name: "Sales capacity",
            rate: chart.capacity_per_week,
            color: SALES,
        },
    ];
    for pan in &pans {
        draw_pan(root, pan)?;
    }
    draw_pivot(root)?;
    let (text, color) = caption(tilt, chart.verdict, chart.bound);
    let style = style::bold(NOTE_PX)
        .color(&color)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let bottom = SCALE_HEIGHT as i32 - MARGIN - NOTE_PX as i32 / 2;
    root.draw(&Text::new(text, (PIVOT.0, bottom), style))?;
    Ok(())
}

fn draw_stand(root: &Area) -> DrawResult {
    let (x, _) = PIVOT;
    let post = [(x - POST_HALF, PIVOT.1), (x + POST_HALF, FOOT_TOP)];
    root.draw(&Rectangle::new(post, INK.filled()))?;
    let foot = vec![
        (x - FOOT_TOP_HALF, FOOT_TOP),
        (x + FOOT_TOP_HALF, FOOT_TOP),
        (x + FOOT_BOTTOM_HALF, FOOT_TOP + FOOT_HEIGHT),
        (x - FOOT_BOTTOM_HALF, FOOT_TOP + FOOT_HEIGHT),
    ];
    root.draw(&Polygon::new(foot, INK.filled()))?;
    Ok(())
}

fn draw_beam(root: &Area, tilt: Option<f64>) -> DrawResult {
    let (sin, cos) = beam_angle(tilt).to_radians().sin_cos();
    let (cx, cy) = (f64::from(PIVOT.0), f64::from(PIVOT.1));
    let corner = |along: f64, across: f64| {
        let x = cx + along * cos + across * sin;
        let y = cy - along * sin + across * cos;
        (x.round() as i32, y.round() as i32)
    };
    let (half, thick) = (BEAM_HALF + BEAM_HALF_THICKNESS, BEAM_HALF_THICKNESS);
    let outline = vec![
        corner(-half, -thick),
        corner(half, -thick),
        corner(half, thick),
        corner(-half, thick),
    ];
    root.draw(&Polygon::new(outline, INK.filled()))?;
    Ok(())
}

fn draw_pivot(root: &Area) -> DrawResult {
    root.draw(&Circle::new(PIVOT, PIVOT_RADIUS, INK.filled()))?;
    root.draw(&Circle::new(PIVOT, PIVOT_RADIUS / 3, PAPER.filled()))?;
    Ok(())
}

fn draw_pan(root: &Area, pan: &Pan) -> DrawResult {
    let (x, y) = pan.hook;
    let rim = y + HANG;
    for side in [-PAN_RIM, PAN_RIM] {
        let string = PathElement::new(vec![(x, y), (x + side, rim)], INK.stroke_width(2));
        root.draw(&string)?;
    }
    let bowl = vec![
        (x - PAN_RIM, rim),
        (x + PAN_RIM, rim),
        (x + PAN_BOTTOM, rim + PAN_DEPTH),
        (x - PAN_BOTTOM, rim + PAN_DEPTH),
    ];
    root.draw(&Polygon::new(bowl, pan.color.filled()))?;
    root.draw(&Circle::new((x, y), 4, INK.filled()))?;
    let top = rim + PAN_DEPTH + LABEL_GAP;
    let name_style = style::bold(LEGEND_PX)
        .color(&pan.color)
        .pos(Pos::new(HPos::Center, VPos::Top));
    root.draw(&Text::new(pan.name, (x, top), name_style))?;
    let rate_style = style::text(LEGEND_PX, &INK).pos(Pos::new(HPos::Center, VPos::Top));
    root.draw(&Text::new(
        rate_text(pan.rate),
        (x, top + LINE_HEIGHT),
        rate_style,
    ))?;
    Ok(())
}

fn rate_text(rate: Option<f64>) -> String {
    match rate.filter(|value| value.is_finite()) {
        Some(value) => format!("{} leads/week", style::format_rate(value)),
        None => "n/a".to_owned(),
    }
}

/// Caption under the scale and its colour.
/// In plain words: "sales-heavy" reads as overspending on sales. Under a
/// lower bound of capacity metrics gives only the verdict the bound
/// supports; without one the caption says the bound settles nothing.
fn caption(tilt: Option<f64>, verdict: Option<Verdict>, bound: bool) -> (String, RGBColor) {
    let Some(tilt) = tilt else {
        return ("Balance not available".to_owned(), INK);
    };
    let (words, color) = match verdict {
        None => ("not settled: reps never fully loaded", INK),
        Some(Verdict::MarketingHeavy) => ("leads outrun follow-up", MARKETING),
        Some(Verdict::SalesHeavy) => ("follow-up has room for more leads", SALES),
        Some(Verdict::Balanced) => ("balanced", INK),
    };
    let at_most = if bound { "≤ " } else { "" };
    let text = format!("Tilt {at_most}{}: {words}", style::format_signed(tilt));
    (text, color)
}

fn describe(chart: &BalanceScaleChart) -> String {
    let balance = match (tilt::finite(chart.tilt), chart.verdict) {
        (Some(tilt), Some(verdict)) => format!(
            "tilt {}, {}",
            style::format_signed(tilt),
            verdict_word(verdict)
        ),
        (Some(tilt), None) => format!("tilt at most {}, not settled", style::format_signed(tilt)),
        _ => "balance not available".to_owned(),
    };
    format!(
        "Balance scale: marketing supply {} against sales capacity {}; {balance}.",
        rate_text(chart.supply_per_week),
        rate_text(chart.capacity_per_week),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive_tilt_lowers_the_marketing_pan() {
        let ends = beam(Some(0.66));
        assert!(ends.left.1 > ends.right.1, "{ends:?}");
        assert!(ends.left.0 < ends.right.0);
    }

    #[test]
    fn negative_tilt_lowers_the_sales_pan() {
        let ends = beam(Some(-0.4));
        assert!(ends.right.1 > ends.left.1, "{ends:?}");
    }

    #[test]
    fn missing_tilt_is_level() {
        for tilt in [None, Some(f64::NAN), Some(0.0)] {
            let ends = beam(tilt);
            assert_eq!(ends.left.1, ends.right.1);
        }
    }

    #[test]
    fn angle_is_proportional_and_clamped() {
        assert_eq!(beam_angle(Some(1.0)), 9.0);
        assert_eq!(beam_angle(Some(5.0)), MAX_ANGLE_DEG);
        assert_eq!(beam_angle(Some(-9.0)), -MAX_ANGLE_DEG);
        assert_eq!(beam(Some(5.0)), beam(Some(2.0)));
    }

    #[test]
    fn captions() {
        assert_eq!(
            caption(Some(0.66), Some(Verdict::MarketingHeavy), false).0,
            "Tilt +0.66: leads outrun follow-up"
        );
        assert_eq!(
            caption(Some(-0.4), Some(Verdict::SalesHeavy), false).0,
            "Tilt -0.40: follow-up has room for more leads"
        );
        assert_eq!(
            caption(Some(0.05), Some(Verdict::Balanced), false).0,
            "Tilt +0.05: balanced"
        );
        assert_eq!(
            caption(Some(-0.4), Some(Verdict::SalesHeavy), true).0,
            "Tilt ≤ -0.40: follow-up has room for more leads"
        );
        assert_eq!(
            caption(Some(0.05), None, true).0,
            "Tilt ≤ +0.05: not settled: reps never fully loaded"
        );
        assert_eq!(caption(None, None, false).0, "Balance not available");
    }

    #[test]
    fn rates() {
        assert_eq!(rate_text(Some(61.2)), "61.2 leads/week");
        assert_eq!(rate_text(Some(f64::INFINITY)), "n/a");
        assert_eq!(rate_text(None), "n/a");
    }
}
