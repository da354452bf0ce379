//! The one-file review, for forwarding as an email attachment: the review
//! page with its stylesheet and charts inline (charts as `data:` URIs of
//! the same SVG), the print brief included, and no link to another file.

use super::SiteFiles;
use super::view::{ChartView, ReviewPage};
use base64::Engine as _;

/// `equinox-2026-Q3.html`: the period in the name, so a forwarded
/// attachment says which review it is.
pub fn file_name(label: &str) -> String {
    format!("equinox-{label}.html")
}

/// Turns a review page (built with its own folder as root) into its
/// one-file form: charts inline, stylesheet inline, links to other files
/// dropped by the templates.
pub fn inline(page: &mut ReviewPage, files: &SiteFiles, dir: &str, stylesheet: &str) {
    page.one_file = true;
    page.inline_css = Some(stylesheet.to_string());
    page.brief_href = "#brief".into();
    page.nav.clear();
    for chart in charts_mut(page) {
        chart.csv = None;
        if let Some(svg) = files.get(&format!("{dir}/{}", chart.src)) {
            chart.src = data_uri(svg);
        }
    }
}

fn data_uri(svg: &[u8]) -> String {
    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    )
}

/// Every chart the review page shows.
fn charts_mut(page: &mut ReviewPage) -> impl Iterator<Item = &mut ChartView> {
    let fixed = [
        &mut page.charts.balance,
        &mut page.charts.flow,
        &mut page.charts.spend,
    ];
    let sections = [
        &mut page.balance_section,
        &mut page.funnel,
        &mut page.speed,
        &mut page.team,
        &mut page.spend,
        &mut page.hours,
        &mut page.revenue,
        &mut page.plan,
    ];
    fixed
        .into_iter()
        .chain(sections.into_iter().flat_map(|s| s.charts.iter_mut()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_svg_becomes_a_base64_data_uri() {
        assert_eq!(
            super::data_uri(b"<svg/>"),
            "data:image/svg+xml;base64,PHN2Zy8+"
        );
    }
}
