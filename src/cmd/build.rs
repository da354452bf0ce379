//! `equinox build`: the stages in order, from the input folder to the
//! written site, with what the build did for the command to print.

use crate::config::Settings;
use crate::ledger::Totals;
use crate::metrics::Review;
use crate::{Error, analyse_with, input_file, privacy, progress, publish, render, site, timings};
use std::collections::BTreeMap;
use std::fmt::Write as _;
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

/// `equinox build`: builds, then reports what was written, every file not
/// read, restatements and (`verbose`) the time of each stage; `open`
/// opens the newest review.
pub fn run(
    options: &BuildOptions,
    open: bool,
    verbose: bool,
    progress: &dyn progress::Progress,
) -> super::Outcome {
    let summary = build_with(options, progress);
    progress.finished();
    let summary = summary?;
    let mut text = String::new();
    templates_used(&summary, &mut text);
    what_was_read(&summary, &mut text);
    publications_changed(&summary, &mut text);
    if open {
        open_newest(&summary, &mut text);
    }
    if verbose {
        stage_times(&summary, &mut text);
    }
    Ok(text)
}

/// Which built-in templates the `templates` setting replaced.
fn templates_used(summary: &BuildSummary, text: &mut String) {
    if let Some((folder, names)) = &summary.templates {
        let replaced = match names.len() {
            0 => "none of the built-in templates".to_string(),
            _ => names.join(", "),
        };
        let _ = writeln!(
            text,
            "Templates from {} (the `templates` setting) replace: {replaced}",
            folder.display()
        );
    }
}

/// The reviews written, the ledger's totals and every file not read.
fn what_was_read(summary: &BuildSummary, text: &mut String) {
    let t = summary.totals;
    let _ = writeln!(
        text,
        "Wrote {} review(s) ({}) to {}",
        summary.reviews.len(),
        summary.reviews.join(", "),
        summary.output.join("index.html").display()
    );
    let unread = match summary.unread_files {
        0 => String::new(),
        n => format!(", {n} file(s) not recognised"),
    };
    let _ = writeln!(
        text,
        "{} files read, {} rows used, {} rows rejected, {} lines skipped{unread}",
        t.files, t.rows_used, t.rows_rejected, t.lines_skipped
    );
    for (path, problem) in &summary.unread {
        let _ = writeln!(text, "  not read: {path}: {problem}");
    }
    if t.rows_rejected > 0 || summary.unread_files > 0 {
        text.push_str("See the Data section of each review for every rejected row and file.\n");
    }
}

/// Published reviews whose figures changed, or that were not built.
fn publications_changed(summary: &BuildSummary, text: &mut String) {
    for label in &summary.restated {
        let _ = writeln!(
            text,
            "{label} was restated: its figures changed since publication (see the top of its review)."
        );
    }
    for label in &summary.unbuilt_publications {
        let _ = writeln!(
            text,
            "{label} was published but this build has no review for it (were its exports removed?)."
        );
    }
}

/// `--verbose`: the time and peak memory of each stage and step.
fn stage_times(summary: &BuildSummary, text: &mut String) {
    for stage in summary.timings.stages() {
        let peak = stage
            .peak_bytes
            .map(|b| format!("  peak {:>5} MB", b / (1024 * 1024)))
            .unwrap_or_default();
        let ms = stage.took.as_secs_f64() * 1000.0;
        let _ = if stage.step {
            writeln!(text, "    · {:<17} {:>8.1} ms{peak}", stage.name, ms)
        } else {
            writeln!(text, "  {:<9} {:>20.1} ms{peak}", stage.name, ms)
        };
    }
}

/// Opens the newest review in the default browser.
fn open_newest(summary: &BuildSummary, text: &mut String) {
    let page = summary.output.join("latest").join("index.html");
    if let Err(error) = opener::open(&page) {
        let _ = writeln!(
            text,
            "Could not open a browser ({error}); open {} yourself.",
            page.display()
        );
    }
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
