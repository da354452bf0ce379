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

pub mod caret;
pub mod charts;
pub mod check;
pub mod config;
pub mod demo;
mod error;
pub mod ingest;
pub mod init;
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
pub mod serve;
pub mod site;
pub mod timings;

pub use error::{Error, chain as error_chain};

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
    /// Fail when any row was rejected or any file not read, or when a
    /// published review's figures changed.
    pub strict: bool,
    /// Published periods whose restatement `strict` lets pass (`2026-Q3`).
    pub accept_restated: Vec<String>,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub output: PathBuf,
    pub totals: Totals,
    /// Period labels, oldest first.
    pub reviews: Vec<String>,
    pub unread_files: u64,
    /// The templates folder the settings name and the built-in templates
    /// it replaces, for the build to announce.
    pub templates: Option<(PathBuf, Vec<&'static str>)>,
    /// Leftovers of an interrupted earlier build that were restored or
    /// removed, one sentence each.
    pub recovered: Vec<String>,
    /// Published periods whose figures changed since publication.
    pub restated: Vec<String>,
    /// Published periods this build made no review for.
    pub unbuilt_publications: Vec<String>,
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

/// Reads and validates everything without writing a site.
/// Reads and validates everything without writing a site; lists the
/// published reviews and whether each still stands as published.
pub fn check(input: &Path) -> Result<check::CheckReport, Error> {
    let analysis = analyse(input)?;
    let mut report = check::report(input, &analysis);
    let records = publish::read_records(input)?;
    let publications = publish::compare_all(&analysis.reviews, &records, input)?;
    report
        .text
        .push_str(&check::publications(&records, &publications));
    Ok(report)
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
    let recovered = site::recover_leftovers(&options.output)?;
    for action in &recovered {
        progress.note(&format!("Recovered: {action}."));
    }
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
    let (publications, unbuilt_publications) = published(options, &analysis.reviews)?;
    let notes = read_notes(&options.input, &analysis.reviews)?;
    let overrides = template_folder(&options.input, &analysis.settings);
    let input = render::RenderInput {
        reviews: &analysis.reviews,
        ledger: &analysis.ledger,
        settings: &analysis.settings,
        notes: &notes,
        publications: &publications,
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
        templates: overrides.map(|dir| {
            let names = render::overridden_templates(&dir);
            (dir, names)
        }),
        recovered,
        restated: restated(&publications).map(String::from).collect(),
        unbuilt_publications,
        unread: analysis
            .ledger
            .unread_files()
            .map(|f| (f.path.clone(), f.problem.clone().unwrap_or_default()))
            .collect(),
        timings,
    })
}

/// The folder of template overrides the settings name, relative to the
/// input folder; `None` when they name none.
pub fn template_folder(input: &Path, settings: &Settings) -> Option<PathBuf> {
    settings.templates.as_ref().map(|folder| input.join(folder))
}

/// Reads `notes/<label>.md` for every review that has one: regular files
/// inside the input folder only (see [`input_file`]).
/// What `equinox publish` is asked to do.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    pub input: PathBuf,
    /// The period label, `2026-Q3` (any case).
    pub period: String,
    /// When: the publishing machine's clock, or a given time (tests).
    pub at: chrono::DateTime<chrono::Utc>,
}

/// What `equinox publish` recorded.
#[derive(Debug, Clone)]
pub struct PublishSummary {
    pub path: PathBuf,
    pub record: publish::Record,
}

/// Records the figures of one review as published, in the input's
/// published/ folder (replacing an earlier record of that period).
pub fn publish(options: &PublishOptions) -> Result<PublishSummary, Error> {
    let analysis = analyse(&options.input)?;
    let review = analysis
        .reviews
        .iter()
        .find(|r| r.period.label.eq_ignore_ascii_case(&options.period))
        .ok_or_else(|| publish::PublishError::UnknownPeriod {
            period: options.period.clone(),
            available: analysis
                .reviews
                .iter()
                .map(|r| r.period.label.clone())
                .collect(),
        })?;
    let record = publish::record(review, &options.input, options.at)?;
    let path = publish::write(&options.input, &record)?;
    Ok(PublishSummary { path, record })
}

/// The publication of every published review, and the periods published
/// that this build has no review for (their exports gone). Under
/// `--strict`, an error when either holds a period not accepted.
fn published(
    options: &BuildOptions,
    reviews: &[Review],
) -> Result<(BTreeMap<String, publish::Publication>, Vec<String>), Error> {
    let records = publish::read_records(&options.input)?;
    let publications = publish::compare_all(reviews, &records, &options.input)?;
    let unbuilt: Vec<String> = records
        .keys()
        .filter(|label| !publications.contains_key(*label))
        .cloned()
        .collect();
    if options.strict {
        let accepted = |label: &str| {
            options
                .accept_restated
                .iter()
                .any(|a| a.eq_ignore_ascii_case(label))
        };
        let periods: Vec<String> = restated(&publications)
            .chain(unbuilt.iter().map(String::as_str))
            .filter(|label| !accepted(label))
            .map(String::from)
            .collect();
        if !periods.is_empty() {
            return Err(Error::Restated { periods });
        }
    }
    Ok((publications, unbuilt))
}

/// The labels of restated reviews.
fn restated(publications: &BTreeMap<String, publish::Publication>) -> impl Iterator<Item = &str> {
    publications
        .iter()
        .filter(|(_, p)| p.is_restated())
        .map(|(label, _)| label.as_str())
}

/// Reads `notes/<label>.md` for every review that has one.
fn read_notes(input: &Path, reviews: &[Review]) -> Result<BTreeMap<String, String>, Error> {
    let mut notes = BTreeMap::new();
    for review in reviews {
        let path = input
            .join("notes")
            .join(format!("{}.md", review.period.label));
        if let Some(text) = input_file::read_text(input, &path)? {
            notes.insert(review.period.label.clone(), text);
        }
    }
    Ok(notes)
}
