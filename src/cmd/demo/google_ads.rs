//! The Google Ads "Campaign report" download segmented by day: two preamble
//! lines (report name, en-US date range), the header, one row per campaign per
//! day, then `Total:` rows, in the UI's "CSV" spelling (UTF-8, comma, LF,
//! counts grouped and quoted above 999, ` --` for cells without meaning).

use std::fs::File;
use std::io;
use std::path::Path;

use rand_chacha::ChaCha8Rng;

use super::calendar::{self, DAYS};
use super::format::{EMPTY, grouped, grouped_decimal, money, per, percent};
use super::random::{Stream, binomial, jitter, stream};
use super::story::{Campaign, GOOGLE_CAMPAIGNS, spend_pacing};

/// File name, as the UI names the download of the "Campaign report".
pub const FILE: &str = "Campaign report.csv";

/// Header line of the report.
pub const HEADER: [&str; 12] = [
    "Day",
    "Campaign",
    "Campaign status",
    "Campaign type",
    "Currency code",
    "Impr.",
    "Clicks",
    "CTR",
    "Cost",
    "Conversions",
    "Avg. CPC",
    "Cost / conv.",
];

/// One campaign-day, or a sum of them.
#[derive(Default, Clone, Copy)]
struct Metrics {
    impressions: u64,
    clicks: u64,
    cost_cents: u64,
    conversions: u64,
}

impl Metrics {
    fn add(&mut self, other: Metrics) {
        self.impressions += other.impressions;
        self.clicks += other.clicks;
        self.cost_cents += other.cost_cents;
        self.conversions += other.conversions;
    }

    /// The eight metric cells, from `Currency code` to `Cost / conv.`.
    fn cells(self) -> [String; 8] {
        let cost = self.cost_cents as f64 / 100.0;
        [
            "USD".to_string(),
            grouped(self.impressions),
            grouped(self.clicks),
            percent(self.clicks, self.impressions),
            money(self.cost_cents),
            grouped_decimal(self.conversions),
            per(cost, self.clicks),
            if self.conversions == 0 {
                EMPTY.to_string()
            } else {
                per(cost, self.conversions)
            },
        ]
    }
}

/// Writes the report; returns the number of data rows.
pub fn write(path: &Path, seed: u64) -> io::Result<usize> {
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_writer(File::create(path)?);
    let range = format!(
        "{} - {}",
        calendar::long_date(0),
        calendar::long_date(DAYS - 1)
    );
    out.write_record(["Campaign report"])?;
    out.write_record([range])?;
    out.write_record(HEADER)?;
    let total = write_days(&mut out, seed)?;
    write_totals(&mut out, total)?;
    out.flush()?;
    Ok(GOOGLE_CAMPAIGNS.len() * DAYS as usize)
}

/// One row per campaign per day, ordered by day then campaign; returns the sums.
fn write_days(out: &mut csv::Writer<File>, seed: u64) -> io::Result<Metrics> {
    let mut rng = stream(seed, Stream::GoogleAds);
    let mut total = Metrics::default();
    for day in 0..DAYS {
        let date = calendar::iso_date(day);
        for campaign in &GOOGLE_CAMPAIGNS {
            let metrics = campaign_day(campaign, day, &mut rng);
            total.add(metrics);
            let dimensions: [&[u8]; 4] = [&date, campaign.name.as_bytes(), b"Enabled", b"Search"];
            let cells = metrics.cells();
            out.write_record(
                dimensions
                    .into_iter()
                    .chain(cells.iter().map(|c| c.as_bytes())),
            )?;
        }
    }
    Ok(total)
}

/// One day of a campaign: spend around the quarter's budget, clicks from the
/// cost per click, impressions from the click-through rate.
fn campaign_day(campaign: &Campaign, day: u32, rng: &mut ChaCha8Rng) -> Metrics {
    let budget = campaign.budget[calendar::quarter(day)] * spend_pacing(calendar::weekday(day));
    let cost = budget * jitter(rng, 0.12);
    let clicks = (cost / (campaign.unit_cost * jitter(rng, 0.1))).round() as u64;
    let impressions = (clicks as f64 / (campaign.click_rate * jitter(rng, 0.15))).round() as u64;
    Metrics {
        impressions: impressions.max(clicks),
        clicks,
        cost_cents: (cost * 100.0).round() as u64,
        conversions: binomial(rng, clicks, campaign.conversion_rate),
    }
}

/// `Total: Campaigns`, `Total: Account` and `Total: Search`, as the UI writes them.
fn write_totals(out: &mut csv::Writer<File>, total: Metrics) -> io::Result<()> {
    let cells = total.cells();
    let rows: [[&str; 4]; 3] = [
        ["Total: Campaigns", EMPTY, EMPTY, EMPTY],
        ["Total: Account", "", "", ""],
        ["Total: Search", "", "", "Search"],
    ];
    for dimensions in rows {
        out.write_record(
            dimensions
                .iter()
                .copied()
                .chain(cells.iter().map(String::as_str)),
        )?;
    }
    Ok(())
}
