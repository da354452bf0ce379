//! The Meta Ads Manager campaign export with a daily breakdown: a header where
//! only multi-word names are quoted, one summary row of whole-file totals
//! first (empty campaign name and delivery), then one row per campaign per day;
//! raw numbers (no grouping), spend with two decimals or fewer.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::calendar::{self, DAYS};
use super::format::{raw, trimmed_money};
use super::random::{Stream, binomial, jitter, stream};
use super::story::{COMPANY, Campaign, META_CAMPAIGNS, spend_pacing};

/// The header line, quoted exactly as Ads Manager quotes it.
pub const HEADER: &str = "\"Reporting starts\",\"Reporting ends\",\"Campaign name\",\"Campaign delivery\",\"Result indicator\",Results,Reach,Impressions,\"Cost per results\",\"Amount spent (USD)\",\"Link clicks\"";

/// File name: `<account>-Campaigns-<Mon-D-YYYY>-<Mon-D-YYYY>.csv`.
pub fn file_name() -> String {
    format!(
        "{}-Campaigns-{}-{}.csv",
        COMPANY.replace(' ', "-"),
        calendar::file_date(0),
        calendar::file_date(DAYS - 1)
    )
}

const CAMPAIGNS: usize = META_CAMPAIGNS.len();

/// One campaign-day, or the sum of all of them (`campaign` is `None`).
#[derive(Default, Clone, Copy)]
struct Row {
    campaign: Option<usize>,
    results: u64,
    reach: u64,
    impressions: u64,
    spend_cents: u64,
    link_clicks: u64,
}

impl Row {
    fn add(&mut self, other: &Row) {
        self.results += other.results;
        self.reach += other.reach;
        self.impressions += other.impressions;
        self.spend_cents += other.spend_cents;
        self.link_clicks += other.link_clicks;
    }
}

/// Writes the export; returns the number of campaign-day rows.
pub fn write(path: &Path, seed: u64) -> io::Result<usize> {
    let days = simulate(seed);
    let mut total = Row::default();
    days.iter().flatten().for_each(|row| total.add(row));
    let mut out = BufWriter::with_capacity(1 << 16, File::create(path)?);
    writeln!(out, "{HEADER}")?;
    write_row(&mut out, (0, DAYS - 1), &total)?;
    for (day, rows) in (0..DAYS).zip(&days) {
        for row in rows {
            write_row(&mut out, (day, day), row)?;
        }
    }
    out.flush()?;
    Ok(days.len() * META_CAMPAIGNS.len())
}

/// Every day's campaign rows (the summary row needs the totals first).
fn simulate(seed: u64) -> Vec<[Row; CAMPAIGNS]> {
    let mut rng = stream(seed, Stream::MetaAds);
    (0..DAYS)
        .map(|day| {
            std::array::from_fn(|index| campaign_day(index, &META_CAMPAIGNS[index], day, &mut rng))
        })
        .collect()
}

/// One day of a campaign: spend around budget, impressions from the CPM,
/// link clicks from the click rate, leads from the clicks.
fn campaign_day(index: usize, campaign: &Campaign, day: u32, rng: &mut ChaCha8Rng) -> Row {
    let budget = campaign.budget[calendar::quarter(day)] * spend_pacing(calendar::weekday(day));
    let spend_cents = (budget * jitter(rng, 0.1) * 100.0).round() as u64;
    let cpm = campaign.unit_cost * jitter(rng, 0.12);
    let impressions = (spend_cents as f64 / 100.0 / cpm * 1000.0).round() as u64;
    let frequency = rng.random_range(1.05..1.6);
    let link_clicks = (impressions as f64 * campaign.click_rate * jitter(rng, 0.2)).round() as u64;
    Row {
        campaign: Some(index),
        results: binomial(rng, link_clicks, campaign.conversion_rate),
        reach: (impressions as f64 / frequency).round() as u64,
        impressions,
        spend_cents,
        link_clicks,
    }
}

/// One line; names and labels with spaces are quoted, as Ads Manager does.
fn write_row(out: &mut impl Write, (starts, ends): (u32, u32), row: &Row) -> io::Result<()> {
    let campaign = row.campaign.map(|index| &META_CAMPAIGNS[index]);
    let cost_per_result = if row.results == 0 {
        String::new()
    } else {
        raw(row.spend_cents as f64 / 100.0 / row.results as f64)
    };
    out.write_all(&calendar::iso_date(starts))?;
    out.write_all(b",")?;
    out.write_all(&calendar::iso_date(ends))?;
    let name = campaign.map_or(String::new(), |c| quoted(c.name));
    let delivery = if campaign.is_some() { "active" } else { "" };
    let indicator = campaign.map_or("", |c| c.indicator);
    writeln!(
        out,
        ",{name},{delivery},{indicator},{},{},{},{cost_per_result},{},{}",
        row.results,
        row.reach,
        row.impressions,
        trimmed_money(row.spend_cents),
        row.link_clicks
    )
}

fn quoted(text: &str) -> String {
    if text.contains([' ', ',', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
