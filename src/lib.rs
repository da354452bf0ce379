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

pub mod charts;
pub mod check;
pub mod config;
pub mod demo;
mod error;
pub mod ingest;
pub mod init;
pub mod ledger;
pub mod memory;
pub mod metrics;
pub mod model;
pub mod privacy;
pub mod progress;
pub mod render;
pub mod serve;
pub mod site;
pub mod timings;

pub use error::Error;

use config::Settings;
use ledger::{Ledger, Totals};
use metrics::Review;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What `equinox build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub input: PathBuf,
    pub output: PathBuf,
    /// Fail when any row was rejected or any file not read.
    pub strict: bool,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub output: PathBuf,
    pub totals: Totals,
    /// Period labels, oldest first.
    pub reviews: Vec<String>,
    pub unread_files: u64,
    /// Every file not read, with why: `(path, problem)`.
    pub unread: Vec<(String, String)>,
    /// Wall time per stage.
    pub timings: timings::Timings,
}

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
    ingest::check_column_overrides(&settings).map_err(|(key, message)| {
        let path = input.join("equinox.toml");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        config::ConfigError::invalid(&path, &text, key, message)
    })?;
    progress.stage("reading");
    let mut steps = timings::Timings::default();
    let (records, ledger) = timings.time("ingest", || {
        ingest::read_inputs_with(input, &settings, progress, &mut steps)
    });
    timings.add_steps(std::mem::take(&mut steps));
    progress.stage("computing");
    let reviews = timings.time("metrics", || {
        metrics::compute(&records, ledger.totals(), &settings, &mut steps)
    });
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

/// Reads and validates everything without writing a site.
pub fn check(input: &Path) -> Result<check::CheckReport, Error> {
    let analysis = analyse(input)?;
    Ok(check::report(input, &analysis))
}

/// Builds the review site from `options.input` into `options.output`.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Error> {
    build_with(options, &progress::Silent)
}

/// [`build`], reporting to `progress`.
pub fn build_with(
    options: &BuildOptions,
    progress: &dyn progress::Progress,
) -> Result<BuildSummary, Error> {
    let mut analysis = analyse_with(&options.input, progress)?;
    let mut timings = std::mem::take(&mut analysis.timings);
    let totals = analysis.ledger.totals();
    let unread_files = analysis.ledger.unread_files().count() as u64;
    if options.strict && (totals.rows_rejected > 0 || unread_files > 0) {
        return Err(Error::Strict {
            rejected: totals.rows_rejected,
            unread_files,
        });
    }
    if analysis.reviews.is_empty() {
        return Err(Error::NoData {
            input: options.input.clone(),
        });
    }
    let notes = read_notes(&options.input, &analysis.reviews)?;
    let overrides = options.input.parent().map(|p| p.join("templates"));
    let input = render::RenderInput {
        reviews: &analysis.reviews,
        ledger: &analysis.ledger,
        settings: &analysis.settings,
        notes: &notes,
        template_overrides: overrides.as_deref(),
    };
    progress.stage("rendering");
    let files = timings.time("render", || render::render_site(&input))?;
    let leaks = timings.time("privacy", || {
        privacy::files_with_lead_emails(&files, &analysis.lead_emails)
    });
    if !leaks.is_empty() {
        return Err(Error::PrivacyLeak { files: leaks });
    }
    progress.stage("writing");
    timings.time("write", || {
        site::write(&options.output, &options.input, &files)
    })?;
    progress.finished();
    Ok(BuildSummary {
        output: options.output.clone(),
        totals,
        reviews: analysis
            .reviews
            .iter()
            .map(|r| r.period.label.clone())
            .collect(),
        unread_files,
        unread: analysis
            .ledger
            .unread_files()
            .map(|f| (f.path.clone(), f.problem.clone().unwrap_or_default()))
            .collect(),
        timings,
    })
}

/// Reads `notes/<label>.md` for every review that has one.
fn read_notes(input: &Path, reviews: &[Review]) -> Result<BTreeMap<String, String>, Error> {
    let mut notes = BTreeMap::new();
    for review in reviews {
        let path = input
            .join("notes")
            .join(format!("{}.md", review.period.label));
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            notes.insert(review.period.label.clone(), text);
        }
    }
    Ok(notes)
}
