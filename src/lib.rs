//! Equinox turns CRM and ad-platform CSV exports into a static site of
//! sales-versus-marketing balance reviews.
//!
//! The pipeline, one module per stage, each handing plain data to the next:
//!
//! ```text
//! input/ -> ingest (walk, decode, sniff, profiles) -> model::Records
//!        -> metrics (one Review per period) -> render (charts, pages) -> site/
//!                 \-> ledger: every data row used or rejected
//! ```
//!
//! The stages are the library's API: [`analyse`] runs them up to the
//! reviews, [`render::render_site`] and [`site::write`] the rest. The
//! commands (`build`, `check`, `publish`, `serve`, `init`, `demo`) are in
//! [`cmd`], each a thin sequence of stage calls; docs/architecture.md maps
//! every module.

pub mod caret;
pub mod charts;
pub mod cmd;
pub mod config;
mod error;
pub mod ingest;
pub mod input_file;
pub mod ledger;
pub mod memory;
pub mod metrics;
pub mod model;
pub mod number;
pub mod privacy;
pub mod progress;
pub mod publish;
pub mod render;
pub mod site;
pub mod timings;

pub use error::{Error, chain as error_chain};

use config::Settings;
use ledger::Ledger;
use metrics::Review;
use std::path::Path;

/// Everything read from the input folder and computed from it.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub settings: Settings,
    pub ledger: Ledger,
    pub reviews: Vec<Review>,
    /// Hashed emails of every lead, for the privacy guard.
    pub lead_emails: privacy::LeadEmails,
    /// Wall time of the stages so far.
    pub timings: timings::Timings,
}

/// Reads and computes without writing anything: `equinox check` and the
/// first half of `build`.
pub fn analyse(input: &Path) -> Result<Analysis, Error> {
    analyse_with(input, &progress::Silent)
}

/// [`analyse`], reporting to `progress`.
pub fn analyse_with(input: &Path, progress: &dyn progress::Progress) -> Result<Analysis, Error> {
    if !input.is_dir() {
        return Err(Error::InputMissing {
            path: input.to_path_buf(),
        });
    }
    let mut timings = timings::Timings::default();
    let settings = timings.time("settings", || Settings::load(input))?;
    ingest::check_column_overrides(&settings)
        .map_err(|(key, message)| settings.invalid(input, key, message))?;
    progress.stage("reading");
    let mut steps = timings::Timings::default();
    let (records, ledger) = timings.time("ingest", || {
        ingest::read_inputs_with(input, &settings, progress, &mut steps)
    });
    timings.add_steps(std::mem::take(&mut steps));
    check_as_of(input, &settings, &ledger)?;
    progress.stage("computing");
    let mut reviews = timings.time("metrics", || {
        metrics::compute(&records, ledger.totals(), &settings, &mut steps)
    });
    render::word(&mut reviews, &settings);
    timings.add_steps(steps);
    let mut lead_emails = privacy::LeadEmails::default();
    lead_emails.reserve(records.leads.len());
    lead_emails.extend(records.leads.iter().filter_map(|l| l.email_hash));
    Ok(Analysis {
        settings,
        ledger,
        reviews,
        lead_emails,
        timings,
    })
}

/// Refuses an `as_of` outside the days the data spans, naming the setting
/// at its line (see [`Settings::check_as_of`]).
fn check_as_of(input: &Path, settings: &Settings, ledger: &Ledger) -> Result<(), Error> {
    let days = ledger.files.iter().filter_map(|f| f.dates);
    let (Some(first), Some(last)) = (
        days.clone().map(|(first, _)| first).min(),
        days.map(|(_, last)| last).max(),
    ) else {
        return Ok(());
    };
    settings
        .check_as_of(first, last)
        .map_err(|(key, message)| settings.invalid(input, key, message).into())
}
