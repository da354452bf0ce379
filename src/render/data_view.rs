//! The Data section's view: every file read, every rejected row, the
//! notes reading each file decided, and the deals no review can place.
//! Cells from data are masked for contacts (`privacy::mask_contacts`).

use super::table::Table;
use crate::ledger::Ledger;
use crate::metrics::method::DealChecks;
use crate::metrics::words::count;
use crate::privacy::mask_contacts;

/// The per-file table of the data section, its counts written by `count`
/// (grouped for the page, plain for the CSV).
pub fn files_table(ledger: &Ledger, count: fn(u64) -> String) -> Table {
    let mut table = Table::new(&[
        "File",
        "Recognised as",
        "Rows read",
        "Used",
        "Rejected",
        "Lines skipped",
        "Dates",
        "Problem",
        "Report lines before the header",
    ]);
    for f in &ledger.files {
        let file = match &f.link {
            Some(link) => format!("{} ({link})", f.path),
            None => f.path.clone(),
        };
        table.push(vec![
            file,
            f.profile.clone().unwrap_or_else(|| "not recognised".into()),
            count(f.rows_read),
            count(f.rows_used),
            count(f.rows_rejected),
            count(f.lines_skipped),
            f.dates
                .map(|(first, last)| format!("{first} – {last}"))
                .unwrap_or_default(),
            f.problem.clone().unwrap_or_default(),
            mask_contacts(&f.preamble.join(" · ")),
        ]);
    }
    table
}

/// What reading each file decided (spend spread over days, deal stages
/// placed by their words, day order) and its warnings, `path: note`.
pub fn file_notes(ledger: &Ledger) -> Vec<String> {
    ledger
        .files
        .iter()
        .flat_map(|f| {
            let warnings = f.warnings.iter().map(|w| format!("Warning: {w}"));
            f.notes
                .iter()
                .cloned()
                .chain(warnings)
                .map(move |note| format!("{}: {note}", f.path))
        })
        .collect()
}

/// A sentence on records merged across overlapping exports, if any were.
pub fn duplicates_note(ledger: &Ledger) -> Option<String> {
    (ledger.duplicates_merged > 0).then(|| {
        format!(
            "{} record(s) appeared in more than one export and were counted once, keeping the newer export's version.",
            count(ledger.duplicates_merged)
        )
    })
}

/// Every rejected row, with file, line, column and reason.
pub fn rejections_table(ledger: &Ledger) -> Table {
    let mut table = Table::new(&["File", "Line", "Column", "Found", "Expected"]);
    for f in &ledger.files {
        for r in &f.rejections {
            table.push(vec![
                f.path.clone(),
                r.line.to_string(),
                r.column.clone().unwrap_or_default(),
                r.found.as_deref().map(mask_contacts).unwrap_or_default(),
                mask_contacts(&r.expected),
            ]);
        }
    }
    table
}

/// What the Data section says of the deals no review can place, one
/// sentence per count above zero.
pub fn deal_notes(checks: &DealChecks) -> Vec<String> {
    let mut said = Vec::new();
    if checks.outside_periods > 0 {
        said.push(format!(
            "{} deal(s) were neither created nor closed in any reviewed period (created after the cut-off, or closed before the first review) and appear in no review.",
            count(checks.outside_periods)
        ));
    }
    if checks.closed_before_created > 0 {
        said.push(format!(
            "{} won or lost deal(s) have a close date before their created date; they count in the period of their close date.",
            count(checks.closed_before_created)
        ));
    }
    said
}
