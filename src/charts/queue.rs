//! Charts stage (data structs in, SVG string out, no file I/O): the
//! untouched queue at the period's end – one bar per age band, the
//! workable bands (a rep would still call these leads) in the sales
//! colour, the older ones in the warning colour. The per-rep split is in
//! the chart's CSV.

use plotters::prelude::*;

use super::layout::{self, LegendEntry, Swatch};
use super::rows::{self, Row};
use super::style::{self, CHART_WIDTH, SALES, WARNING};
use super::svg::{self, Area, DrawResult, Meta};

/// Untouched leads of one age band.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueBand {
    /// Band name, e.g. "Under 1 day", "30-90 days".
    pub label: String,
    pub leads: u64,
    /// Whether the band's leads are no older than the workable age.
    pub workable: bool,
}

/// Input of [`queue_by_age`].
#[derive(Debug, Clone, PartialEq)]
pub struct QueueChart {
    pub title: String,
    /// Bands from the youngest to the oldest, drawn top to bottom.
    pub bands: Vec<QueueBand>,
}

/// Renders the untouched leads by age as an SVG document.
pub fn queue_by_age(chart: &QueueChart) -> String {
    let meta = Meta {
        id: "queue-by-age",
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
            label: "Workable",
            color: SALES.to_rgba(),
            swatch: Swatch::Block,
        },
        LegendEntry {
            label: "Older than the workable age",
            color: WARNING.to_rgba(),
            swatch: Swatch::Block,
        },
    ]
}

fn draw(root: &Area, chart: &QueueChart) -> DrawResult {
    let area = layout::header(root, &chart.title, &legend())?;
    rows::draw(&area, &band_rows(chart))?;
    Ok(())
}

fn band_rows(chart: &QueueChart) -> Vec<Row> {
    chart
        .bands
        .iter()
        .map(|band| Row {
            label: band.label.clone(),
            note: String::new(),
            value: band.leads as f64,
            text: style::format_count(band.leads),
            color: if band.workable { SALES } else { WARNING },
        })
        .collect()
}

fn describe(chart: &QueueChart) -> String {
    if chart.bands.is_empty() {
        return format!("{}.", svg::NO_DATA);
    }
    let each: Vec<String> = chart
        .bands
        .iter()
        .map(|band| format!("{} {}", band.label, style::format_count(band.leads)))
        .collect();
    format!(
        "Leads ready for sales that no rep had touched at the period's end, by age: {}.",
        each.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_lists_every_band() {
        let chart = QueueChart {
            title: "Queue".into(),
            bands: vec![
                QueueBand {
                    label: "Under 1 day".into(),
                    leads: 3,
                    workable: true,
                },
                QueueBand {
                    label: "Older".into(),
                    leads: 1_200,
                    workable: false,
                },
            ],
        };
        let svg = queue_by_age(&chart);
        assert!(svg.contains("by age: Under 1 day 3; Older 1,200."), "{svg}");
        let empty = QueueChart {
            bands: Vec::new(),
            ..chart
        };
        assert!(queue_by_age(&empty).contains(svg::NO_DATA));
    }
}
