//! Charts stage (data structs in, SVG string out, no file I/O): speed to
//! lead – leads by time to the first sales touch, one bar per band, bands
//! within the SLA in the sales colour, the rest in the warning colour, and a
//! dashed divider where the SLA ends.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::layout::{self, LegendEntry, Swatch};
use super::rows::{self, Row};
use super::style::{self, CHART_WIDTH, INK, SALES, WARNING};
use super::svg::{self, Area, DrawResult, Meta};

/// Leads whose first sales touch came within one time band.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeedBand {
    /// Band name, e.g. "0-1 h", "1-24 h", "1-7 days", "> 7 days", "never".
    pub label: String,
    /// Leads in the band.
    pub leads: u64,
    /// Whether the whole band lies within the SLA.
    pub within_sla: bool,
}

/// Input of [`speed_bands`].
#[derive(Debug, Clone, PartialEq)]
pub struct SpeedChart {
    /// Chart title.
    pub title: String,
    /// Bands from the fastest to the slowest, drawn top to bottom.
    pub bands: Vec<SpeedBand>,
    /// Name of the SLA written at the divider, e.g. "SLA 24 h".
    pub sla_label: String,
}

/// Dash length and spacing of the SLA divider.
const DASH: (u32, u32) = (8, 5);
/// Stroke width of the SLA divider.
const DIVIDER_WIDTH: u32 = 2;

/// Renders leads per speed-to-lead band as an SVG document.
pub fn speed_bands(chart: &SpeedChart) -> String {
    let meta = Meta {
        id: "speed-to-lead",
        title: &chart.title,
        desc: describe(chart),
        size: (CHART_WIDTH, rows::chart_height(chart.bands.len())),
    };
    let has_data = chart.bands.iter().any(|band| band.leads > 0);
    let draw = has_data.then_some(|root: &Area| draw(root, chart));
    svg::document(&meta, draw)
}

fn legend() -> [LegendEntry; 2] {
    [
        LegendEntry {
            label: "Within the SLA",
            color: SALES.to_rgba(),
            swatch: Swatch::Block,
        },
        LegendEntry {
            label: "Outside the SLA",
            color: WARNING.to_rgba(),
            swatch: Swatch::Block,
        },
    ]
}

/// Index of the first band outside the SLA that follows a band within it:
/// the SLA divider goes above that band. `None` when no band within the SLA
/// is followed by one outside it.
fn sla_boundary(bands: &[SpeedBand]) -> Option<usize> {
    bands
        .windows(2)
        .position(|pair| pair[0].within_sla && !pair[1].within_sla)
        .map(|index| index + 1)
}

fn total(bands: &[SpeedBand]) -> u64 {
    bands
        .iter()
        .fold(0, |sum, band| sum.saturating_add(band.leads))
}

/// "300 · 43%": the band's leads and their share of all leads.
fn band_text(band: &SpeedBand, total: u64) -> String {
    format!(
        "{} · {}",
        style::format_count(band.leads),
        style::format_share(band.leads as f64, total as f64)
    )
}

fn draw(root: &Area, chart: &SpeedChart) -> DrawResult {
    let area = layout::header(root, &chart.title, &legend())?;
    let boundary = sla_boundary(&chart.bands);
    let geometry = rows::draw(&area, &band_rows(chart, boundary))?;
    if let Some(index) = boundary {
        draw_divider(&area, &geometry, index)?;
    }
    Ok(())
}

/// One row per band; the first band beyond the SLA names it.
fn band_rows(chart: &SpeedChart, boundary: Option<usize>) -> Vec<Row> {
    let total = total(&chart.bands);
    let beyond = match chart.sla_label.trim() {
        "" => "↓ beyond the SLA".to_owned(),
        sla => format!("↓ beyond {sla}"),
    };
    chart
        .bands
        .iter()
        .enumerate()
        .map(|(index, band)| Row {
            label: band.label.clone(),
            note: if Some(index) == boundary {
                beyond.clone()
            } else {
                String::new()
            },
            value: band.leads as f64,
            text: band_text(band, total),
            color: if band.within_sla { SALES } else { WARNING },
        })
        .collect()
}

/// Dashed line across the chart above row `index`.
fn draw_divider(area: &Area, geometry: &rows::Geometry, index: usize) -> DrawResult {
    let y = geometry.gap_above(index);
    let (left, right) = geometry.span();
    let (dash, spacing) = DASH;
    let line = INK.stroke_width(DIVIDER_WIDTH);
    let divider = DashedPathElement::new([(left, y), (right, y)], dash, spacing, line);
    area.draw(&divider)?;
    Ok(())
}

fn describe(chart: &SpeedChart) -> String {
    let bands = &chart.bands;
    if bands.is_empty() {
        return format!("{}.", svg::NO_DATA);
    }
    let total = total(bands);
    let each: Vec<String> = bands
        .iter()
        .map(|band| {
            let side = if band.within_sla { "within" } else { "outside" };
            format!("{} {} ({side})", band.label, band_text(band, total))
        })
        .collect();
    let within = bands
        .iter()
        .filter(|band| band.within_sla)
        .fold(0, |sum: u64, band| sum.saturating_add(band.leads));
    format!(
        "Leads by time to the first sales touch ({sla}): {list}. {within} of {total} leads \
         ({share}) were touched within the SLA.",
        sla = chart.sla_label,
        list = each.join("; "),
        within = style::format_count(within),
        total = style::format_count(total),
        share = style::format_share(within as f64, total as f64),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands(within: &[bool]) -> Vec<SpeedBand> {
        within
            .iter()
            .map(|within_sla| SpeedBand {
                label: String::new(),
                leads: 1,
                within_sla: *within_sla,
            })
            .collect()
    }

    #[test]
    fn divider_goes_above_the_first_band_outside_the_sla() {
        assert_eq!(sla_boundary(&bands(&[true, true, false, false])), Some(2));
        assert_eq!(sla_boundary(&bands(&[false, true, false])), Some(2));
        assert_eq!(sla_boundary(&bands(&[true, true])), None);
        assert_eq!(sla_boundary(&bands(&[false, false])), None);
        assert_eq!(sla_boundary(&[]), None);
    }

    #[test]
    fn band_shares() {
        let band = SpeedBand {
            label: "> 7 days".to_owned(),
            leads: 300,
            within_sla: false,
        };
        assert_eq!(band_text(&band, 700), "300 · 43%");
        assert_eq!(band_text(&band, 0), "300 · n/a");
        let huge = [
            band.clone(),
            SpeedBand {
                leads: u64::MAX,
                ..band
            },
        ];
        assert_eq!(total(&huge), u64::MAX);
    }
}
