//! Charts stage (data structs in, SVG string out, no file I/O): ad spend per
//! channel as bars in the marketing colour, each with its spend and its cost
//! per lead.

use super::layout;
use super::money::{amount, currency_desc};
use super::rows::{self, Row};
use super::style::{self, CHART_WIDTH, MARKETING};
use super::svg::{self, Area, DrawResult, Meta};

/// Spend of one ad channel.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelSpend {
    /// Channel name, e.g. "Google Ads".
    pub label: String,
    /// Spend in the period; negative or non-finite values count as 0.
    pub spend: f64,
    /// Spend divided by the leads the channel brought; `None` when it
    /// brought none.
    pub cost_per_lead: Option<f64>,
}

/// Input of [`channel_spend`].
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelSpendChart {
    /// Chart title.
    pub title: String,
    /// Currency code of the amounts, e.g. "USD"; USD, EUR, GBP, JPY and INR
    /// are written as their symbols, other codes before the amount.
    pub currency: String,
    /// Channels in the order they are drawn, top to bottom.
    pub channels: Vec<ChannelSpend>,
}

/// Renders ad spend and cost per lead by channel as an SVG document.
pub fn channel_spend(chart: &ChannelSpendChart) -> String {
    let meta = Meta {
        id: "channel-spend",
        title: &chart.title,
        desc: describe(chart),
        size: (CHART_WIDTH, rows::chart_height(chart.channels.len())),
    };
    let has_data = chart.channels.iter().any(|c| amount(c.spend) > 0.0);
    let draw = has_data.then_some(|root: &Area| draw(root, chart));
    svg::document(&meta, draw)
}

/// "$95 per lead", "no leads", or "n/a per lead" for an unusable figure.
fn cost_per_lead(value: Option<f64>, currency: &str) -> String {
    match value {
        None => "no leads".to_owned(),
        Some(cost) if cost.is_finite() && cost >= 0.0 => {
            format!("{} per lead", style::format_money(cost, currency))
        }
        Some(_) => "n/a per lead".to_owned(),
    }
}

/// "$70k · $95 per lead".
fn channel_text(channel: &ChannelSpend, currency: &str) -> String {
    format!(
        "{} · {}",
        style::format_money(amount(channel.spend), currency),
        cost_per_lead(channel.cost_per_lead, currency)
    )
}

fn draw(root: &Area, chart: &ChannelSpendChart) -> DrawResult {
    let area = layout::header(root, &chart.title, &[])?;
    let bars: Vec<Row> = chart
        .channels
        .iter()
        .map(|channel| Row {
            label: channel.label.clone(),
            note: String::new(),
            value: channel.spend,
            text: channel_text(channel, &chart.currency),
            color: MARKETING,
        })
        .collect();
    rows::draw(&area, &bars)?;
    Ok(())
}

fn describe(chart: &ChannelSpendChart) -> String {
    let channels = &chart.channels;
    if channels.is_empty() {
        return format!("{}.", svg::NO_DATA);
    }
    let each: Vec<String> = channels
        .iter()
        .map(|c| format!("{} {}", c.label, channel_text(c, &chart.currency)))
        .collect();
    let total: f64 = channels.iter().map(|c| amount(c.spend)).sum();
    format!(
        "Ad spend and cost per lead by channel in {}: {}. Total spend {}.",
        currency_desc(&chart.currency),
        each.join("; "),
        style::format_money(total, &chart.currency),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs_per_lead() {
        assert_eq!(cost_per_lead(Some(95.0), "USD"), "$95 per lead");
        assert_eq!(cost_per_lead(Some(41.25), "CHF"), "CHF 41.25 per lead");
        assert_eq!(cost_per_lead(None, "USD"), "no leads");
        assert_eq!(cost_per_lead(Some(f64::NAN), "USD"), "n/a per lead");
        assert_eq!(cost_per_lead(Some(-1.0), "USD"), "n/a per lead");
    }

    #[test]
    fn channel_texts() {
        let channel = ChannelSpend {
            label: "Google Ads".to_owned(),
            spend: 70_000.0,
            cost_per_lead: Some(95.0),
        };
        assert_eq!(channel_text(&channel, "USD"), "$70k · $95 per lead");
        let idle = ChannelSpend {
            spend: f64::NEG_INFINITY,
            cost_per_lead: None,
            ..channel
        };
        assert_eq!(channel_text(&idle, "USD"), "$0 · no leads");
    }
}
