//! `equinox check`: the ledger as a report for the terminal. A per-file
//! table, then every problem with the source line and a caret under the
//! cell, the way compilers point at code.

use crate::Analysis;
use crate::ledger::{FileLedger, Rejection};
use crate::publish::{Publication, Stored};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// Reads and validates everything without writing a site; lists the
/// published reviews and whether each still stands as published.
pub fn check(input: &Path) -> Result<CheckReport, crate::Error> {
    let analysis = crate::analyse(input)?;
    let mut report = report(input, &analysis);
    let records = crate::publish::read_records(input)?;
    let compared = crate::publish::compare_all(&analysis.reviews, &records, input)?;
    report.text.push_str(&publications(&records, &compared));
    Ok(report)
}

/// `equinox check`: the report, failing (exit code 3) when it found any
/// problem.
pub fn run(input: &Path) -> super::Outcome {
    let report = check(input)?;
    if report.problems > 0 {
        let error = crate::Error::Problems {
            problems: report.problems,
        };
        return Err(super::Failure {
            output: report.text,
            error,
        });
    }
    Ok(report.text)
}

/// Widest part of a source line shown around a problem.
const EXCERPT_CHARS: usize = 100;

/// What `check` found.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    pub text: String,
    /// Rejected rows plus files not read.
    pub problems: u64,
}

/// Builds the report of an analysed input folder.
pub fn report(input: &Path, analysis: &Analysis) -> CheckReport {
    let mut text = files_table(&analysis.ledger.files);
    let totals = analysis.ledger.totals();
    let unread = analysis.ledger.unread_files().count() as u64;
    let warnings: u64 = analysis
        .ledger
        .files
        .iter()
        .map(|f| f.warnings.len() as u64)
        .sum();
    let problems = totals.rows_rejected + unread + warnings;
    let _ = writeln!(
        text,
        "\n{} files, {} rows read: {} used, {} rejected; {} lines skipped; {} duplicate records merged",
        totals.files,
        totals.rows_read,
        totals.rows_used,
        totals.rows_rejected,
        totals.lines_skipped,
        totals.duplicates_merged
    );
    for file in &analysis.ledger.files {
        if let Some(problem) = &file.problem {
            let _ = writeln!(text, "\nerror: {}: {problem}", file.path);
        }
        for note in &file.notes {
            let _ = writeln!(text, "\nnote: {}: {note}", file.path);
        }
        for warning in &file.warnings {
            let _ = writeln!(text, "\nwarning: {}: {warning}", file.path);
        }
        let lines: Vec<u64> = file.rejections.iter().map(|r| r.line).collect();
        let sources = crate::ingest::source_lines(
            &input.join(&file.path),
            &lines,
            analysis.settings.max_expanded_bytes,
        );
        for rejection in &file.rejections {
            text.push('\n');
            text.push_str(&rejection_message(
                file,
                rejection,
                sources.get(&rejection.line),
            ));
        }
    }
    if problems == 0 {
        text.push_str("\nNo problems found.\n");
    }
    CheckReport { text, problems }
}

fn files_table(files: &[FileLedger]) -> String {
    let width = files
        .iter()
        .map(|f| f.path.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut text = format!(
        "{:<width$}  {:<28}  {:>8}  {:>8}  {:>7}  DATES\n",
        "FILE", "EXPORT", "USED", "REJECTED", "SKIPPED"
    );
    for f in files {
        let export = f.profile.as_deref().unwrap_or("not read");
        let dates = f
            .dates
            .map(|(a, b)| format!("{a} – {b}"))
            .unwrap_or_default();
        let row = format!(
            "{:<width$}  {:<28}  {:>8}  {:>8}  {:>7}  {dates}",
            f.path, export, f.rows_used, f.rows_rejected, f.lines_skipped
        );
        let _ = writeln!(text, "{}", row.trim_end());
        if !f.preamble.is_empty() {
            let _ = writeln!(text, "{:width$}  report: {}", "", f.preamble.join(" · "));
        }
    }
    text
}

/// `error: file:line: column "X": found "Y"; expected Z`, then the line
/// with a caret under the cell.
fn rejection_message(file: &FileLedger, r: &Rejection, source: Option<&String>) -> String {
    let column = r
        .column
        .as_deref()
        .map(|c| format!(" column \"{c}\":"))
        .unwrap_or_default();
    let found = r
        .found
        .as_deref()
        .map(|f| format!(" found \"{f}\";"))
        .unwrap_or_default();
    let mut text = format!(
        "error: {}:{}:{column}{found} expected {}\n",
        file.path, r.line, r.expected
    );
    if let Some(line) = source {
        text.push_str(&excerpt(r.line, line, r.found.as_deref()));
    }
    text
}

/// The source line (shortened around the cell) and a caret line.
fn excerpt(line_number: u64, line: &str, found: Option<&str>) -> String {
    let chars: Vec<char> = line.chars().collect();
    let needle = found
        .map(|f| f.trim_end_matches('…'))
        .filter(|f| !f.is_empty());
    let at = needle.and_then(|n| find_chars(&chars, n));
    let start = at.map_or(0, |a| a.saturating_sub(EXCERPT_CHARS / 3));
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < chars.len() { "…" } else { "" };
    let shown: String = chars[start..end].iter().collect();
    let shown = format!("{prefix}{shown}{suffix}");
    match (at, needle) {
        (Some(at), Some(needle)) => {
            let column = at - start + prefix.chars().count();
            let width = needle.chars().count().min(end - at);
            crate::caret::point(line_number, &shown, column, width)
        }
        _ => format!("{line_number} | {shown}\n"),
    }
}

fn find_chars(haystack: &[char], needle: &str) -> Option<usize> {
    let needle: Vec<char> = needle.chars().collect();
    haystack
        .windows(needle.len())
        .position(|w| w == needle.as_slice())
}

/// The published reviews: each unchanged, restated (figure by figure,
/// then the files changed) or no longer built. Empty without records.
pub fn publications(
    records: &BTreeMap<String, Stored>,
    publications: &BTreeMap<String, Publication>,
) -> String {
    let mut text = String::new();
    for (label, stored) in records {
        let day = stored.record.published_at.format("%-d %b %Y");
        let _ = match publications.get(label) {
            None => writeln!(text, "{label}: published {day}; no review for it any more"),
            Some(p) if !p.is_restated() => writeln!(text, "{label}: published {day}, unchanged"),
            Some(p) => writeln!(
                text,
                "{label}: restated since publication on {day}:{}",
                restatement(p)
            ),
        };
    }
    if text.is_empty() {
        return text;
    }
    format!("\nPublished reviews:\n{text}")
}

fn restatement(publication: &Publication) -> String {
    let value = |v: Option<f64>| v.map_or("not available".to_string(), |v| format!("{v}"));
    let mut text = String::new();
    for r in &publication.restated {
        let _ = write!(
            text,
            "\n  {}: {} -> {}",
            crate::render::label(r.key),
            value(r.published),
            value(r.now)
        );
    }
    let files = &publication.files;
    for (kind, paths) in [
        ("added", &files.added),
        ("removed", &files.removed),
        ("modified", &files.modified),
    ] {
        for path in paths {
            let _ = write!(text, "\n  {kind} {path}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_points_at_the_cell() {
        let text = excerpt(
            7,
            "\"106\",\"31/02/2026 09:15\",\"x\"",
            Some("31/02/2026 09:15"),
        );
        assert_eq!(
            text,
            "7 | \"106\",\"31/02/2026 09:15\",\"x\"\n  |        ^^^^^^^^^^^^^^^^\n"
        );
    }

    #[test]
    fn long_lines_are_shortened_around_the_cell() {
        let line = format!("{}BAD{}", "a,".repeat(200), ",b".repeat(200));
        let text = excerpt(3, &line, Some("BAD"));
        let first = text.lines().next().unwrap();
        assert!(
            first.starts_with("3 | …") && first.ends_with('…'),
            "{first}"
        );
        let caret = text.lines().nth(1).unwrap();
        assert_eq!(
            first.chars().position(|c| c == 'B'),
            caret.chars().position(|c| c == '^')
        );
    }
}
