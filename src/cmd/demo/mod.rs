//! Demo data: the input folder of a fictional company, Northwind Analytics,
//! for 2026, written in the real formats of HubSpot (contacts, deals,
//! activities), Google Ads, Meta Ads Manager and Toggl Track exports, plus a
//! budget in Equinox's generic schema, its `equinox.toml` and Q3 review notes.
//!
//! The story: marketing ramps up paid media in Q2 and Q3 while four reps stay
//! four, so follow-up slows and leads go cold; in Q4 a fifth rep starts and
//! paid social is trimmed, and follow-up recovers. Output is seeded and
//! deterministic: the same options give byte-identical files.

mod activities;
mod budget;
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
mod toggl;
mod v2_portal;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use activities::ActivityOrder;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    /// Total leads (HubSpot contacts) created over the year. The sales team's
    /// follow-up capacity scales with it, so the story keeps its shape.
    pub leads: usize,
    /// Seed of every random choice.
    pub seed: u64,
    /// The order of the activity export's rows (by date by default).
    pub activity_order: ActivityOrder,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            leads: 3_000,
            seed: 2026,
            activity_order: ActivityOrder::default(),
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
    /// Activity rows (calls, emails, meetings).
    pub activities: usize,
    /// Leads with activities by two reps.
    pub multi_rep_leads: usize,
    /// Ad-platform data rows (one per campaign per day; totals and summary rows excluded).
    pub spend_rows: usize,
    /// Budget lines.
    pub budget_lines: usize,
    /// Time entries.
    pub time_entries: usize,
}

/// The CRM exports' row counts.
struct Crm {
    leads: usize,
    deals: usize,
    activities: activities::Tally,
}

/// Refuses a folder the demo must not write into unasked: anything but a
/// missing or empty folder.
pub fn check_empty(out: &Path) -> Result<(), crate::Error> {
    let empty = match fs::read_dir(out) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == io::ErrorKind::NotFound,
    };
    if empty {
        Ok(())
    } else {
        Err(crate::Error::NotEmpty { path: out.into() })
    }
}

/// Which company the demo writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Scenario {
    /// Northwind Analytics: MQL stage dates, an activity export.
    #[default]
    Northwind,
    /// The same year in a HubSpot portal of today that skips the MQL and
    /// SQL stages and exports no activities: first touches come from the
    /// contacts' own fields (see `v2_portal`), so every fallback of the
    /// review is exercised.
    SkipsMql,
}

/// Writes the demo input folder (creating `out`), overwriting the files it owns.
pub fn write_demo(options: &DemoOptions, out: &Path) -> io::Result<DemoSummary> {
    write_scenario(options, Scenario::Northwind, out)
}

/// [`write_demo`] for a chosen scenario.
pub fn write_scenario(
    options: &DemoOptions,
    scenario: Scenario,
    out: &Path,
) -> io::Result<DemoSummary> {
    let hubspot_dir = Path::new("hubspot");
    let mut crm_files = vec![
        hubspot_dir.join(hubspot::CONTACTS_FILE),
        hubspot_dir.join(hubspot::DEALS_FILE),
    ];
    if scenario == Scenario::Northwind {
        crm_files.push(hubspot_dir.join(activities::FILE));
    }
    let google = Path::new("ads").join(google_ads::FILE);
    let meta = Path::new("ads").join(meta_ads::file_name());
    let budget = Path::new("finance").join(budget::FILE);
    let time = Path::new("time").join(toggl::FILE);
    for folder in ["hubspot", "ads", "finance", "time"] {
        fs::create_dir_all(out.join(folder))?;
    }
    let mut files = settings::write(out)?;
    let paths: Vec<PathBuf> = crm_files.iter().map(|file| out.join(file)).collect();
    let crm = write_crm(options, &paths)?;
    let google_rows = google_ads::write(&out.join(&google), options.seed)?;
    let meta_rows = meta_ads::write(&out.join(&meta), options.seed)?;
    let budget_lines = budget::write(&out.join(&budget), options.leads)?;
    let time_entries = toggl::write(&out.join(&time), options.seed)?;
    files.extend(crm_files);
    files.extend([google, meta, budget, time]);
    Ok(DemoSummary {
        files,
        leads: crm.leads,
        deals: crm.deals,
        activities: crm.activities.rows,
        multi_rep_leads: crm.activities.multi_rep_leads,
        spend_rows: google_rows + meta_rows,
        budget_lines,
        time_entries,
    })
}

/// Simulates the year and writes the HubSpot exports to `paths`: contacts,
/// deals and, when a third path is given, activities; without one the
/// contacts are the v2 portal's (scenario [`Scenario::SkipsMql`]).
fn write_crm(options: &DemoOptions, paths: &[PathBuf]) -> io::Result<Crm> {
    let mut leads = leads::arrivals(options.leads, options.seed);
    simulate::follow_up(&mut leads, options.seed);
    let deals = outcomes::resolve(&mut leads, options.seed);
    let ids = hubspot::record_ids(leads.len(), 10_234_500_001, options.seed, 0xC0);
    let (contacts, deals_path) = (&paths[0], &paths[1]);
    hubspot::write_deals(deals_path, &deals, &leads, &ids, options.seed)?;
    let Some(activities_path) = paths.get(2) else {
        v2_portal::write_contacts(contacts, &leads, &ids, options.seed)?;
        return Ok(Crm {
            leads: leads.len(),
            deals: deals.len(),
            activities: activities::Tally::default(),
        });
    };
    hubspot::write_contacts(contacts, &leads, &ids, options.seed)?;
    let activities = activities::write(
        activities_path,
        &leads,
        &deals,
        &ids,
        options.seed,
        options.activity_order,
    )?;
    Ok(Crm {
        leads: leads.len(),
        deals: deals.len(),
        activities,
    })
}

/// `equinox demo`: writes a scenario into a new or empty folder (any
/// folder with `replace`) and counts what it wrote.
pub fn run(
    options: &DemoOptions,
    scenario: Scenario,
    out: &Path,
    replace: bool,
) -> crate::cmd::Outcome {
    if !replace {
        check_empty(out)?;
    }
    let summary = write_scenario(options, scenario, out).map_err(|source| crate::Error::Write {
        path: out.to_path_buf(),
        source,
    })?;
    Ok(format!(
        "Wrote {} demo files to {} ({} leads, {} deals, {} activities, {} ad spend rows, {} budget lines, {} time entries)\n",
        summary.files.len(),
        out.display(),
        summary.leads,
        summary.deals,
        summary.activities,
        summary.spend_rows,
        summary.budget_lines,
        summary.time_entries
    ))
}
