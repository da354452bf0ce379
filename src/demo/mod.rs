//! Demo data: the input folder of a fictional company, Northwind Analytics,
//! for 2026, written in the real formats of HubSpot, Google Ads and Meta Ads
//! Manager exports, plus its `equinox.toml` and Q3 review notes.
//!
//! The story: marketing ramps up paid media in Q2 and Q3 while four reps stay
//! four, so follow-up slows and leads go cold; in Q4 a fifth rep starts and
//! paid social is trimmed, and follow-up recovers. Output is seeded and
//! deterministic: the same options give byte-identical files.

mod calendar;
mod format;
mod google_ads;
mod hubspot;
mod leads;
mod meta_ads;
mod outcomes;
mod people;
mod random;
mod settings;
mod simulate;
mod story;
#[cfg(test)]
mod tests;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    /// Total leads (HubSpot contacts) created over the year. The sales team's
    /// follow-up capacity scales with it, so the story keeps its shape.
    pub leads: usize,
    /// Seed of every random choice.
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            leads: 3_000,
            seed: 2026,
        }
    }
}

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoSummary {
    /// Files written, relative to the output folder.
    pub files: Vec<PathBuf>,
    /// Contact rows, including the two deliberately damaged ones.
    pub leads: usize,
    /// Deal rows, including the one deliberately damaged one.
    pub deals: usize,
    /// Ad-platform data rows (one per campaign per day; totals and summary rows excluded).
    pub spend_rows: usize,
}

/// Writes the demo input folder (creating `out`), overwriting the files it owns.
pub fn write_demo(options: &DemoOptions, out: &Path) -> io::Result<DemoSummary> {
    let contacts = Path::new("hubspot").join(hubspot::CONTACTS_FILE);
    let deals = Path::new("hubspot").join(hubspot::DEALS_FILE);
    let google = Path::new("ads").join(google_ads::FILE);
    let meta = Path::new("ads").join(meta_ads::file_name());
    for folder in ["hubspot", "ads"] {
        fs::create_dir_all(out.join(folder))?;
    }
    let mut files = settings::write(out)?;
    let (lead_rows, deal_rows) = write_crm(options, &out.join(&contacts), &out.join(&deals))?;
    let google_rows = google_ads::write(&out.join(&google), options.seed)?;
    let meta_rows = meta_ads::write(&out.join(&meta), options.seed)?;
    files.extend([contacts, deals, google, meta]);
    Ok(DemoSummary {
        files,
        leads: lead_rows,
        deals: deal_rows,
        spend_rows: google_rows + meta_rows,
    })
}

/// Simulates the year and writes the HubSpot exports; returns (contacts, deals).
fn write_crm(
    options: &DemoOptions,
    contacts: &Path,
    deals_path: &Path,
) -> io::Result<(usize, usize)> {
    let mut leads = leads::arrivals(options.leads, options.seed);
    simulate::follow_up(&mut leads, options.seed);
    let deals = outcomes::resolve(&mut leads, options.seed);
    let ids = hubspot::record_ids(leads.len(), 10_234_500_001, options.seed, 0xC0);
    hubspot::write_contacts(contacts, &leads, &ids, options.seed)?;
    hubspot::write_deals(deals_path, &deals, &leads, &ids, options.seed)?;
    Ok((leads.len(), deals.len()))
}
