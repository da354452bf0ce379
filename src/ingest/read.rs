//! Reading one file: open and decode it, recognise it by its header,
//! decide its columns' date order, then hand its rows to the row pipeline
//! ([`super::rows`]) and tally each outcome in the file's ledger.

use super::formats::FormatEvidence;
use super::profiles::Outcome;
use super::rows::{ReadRow, read_rows};
use super::sniff::{NotRecognised, Sniffed};
use super::{
    Touches, activity, decode, formats, header, link_note, notes, profiles, sniff, spread,
};
use crate::config::DateOrder;
use crate::config::Settings;
use crate::ledger::{FileLedger, Rejection, display_path};
use crate::model::Records;
use std::io::BufRead;
use std::path::Path;

/// Reads one file on its own, touches kept in [`Records::touches`];
/// problems that stop the file are noted in its ledger.
pub fn read_file(root: &Path, path: &Path, settings: &Settings) -> (Records, FileLedger) {
    // Only `Touches::Defer` leaves a file unread.
    read_file_as(root, path, settings, Touches::Keep).unwrap_or_else(|| {
        (
            Records::default(),
            FileLedger::new(display_path(root, path)),
        )
    })
}

/// Reads one file; `None` when it is an activity export and `touches`
/// says to leave those for later.
pub(super) fn read_file_as(
    root: &Path,
    path: &Path,
    settings: &Settings,
    touches: Touches,
) -> Option<(Records, FileLedger)> {
    let mut ledger = FileLedger::new(display_path(root, path));
    ledger.link = link_note(root, path);
    let mut records = Records::default();
    let before = FileState::of(path);
    match read_into(path, settings, touches, &mut records, &mut ledger) {
        // The ledger entry names the file; its problem is the why alone.
        Err(error) => ledger.problem = Some(error.problem.to_string()),
        Ok(Read::Deferred) => return None,
        Ok(Read::Whole) if before != FileState::of(path) => {
            ledger.problem = Some(CHANGED_WHILE_READ.to_string());
        }
        Ok(Read::Whole) => {}
    }
    ledger.dates = records.date_range();
    notes::note_stages(&mut records, &mut ledger);
    notes::note_spread(&records, &mut ledger);
    notes::note_sources(&records, &mut ledger);
    Some((records, ledger))
}

/// How far a file was read.
enum Read {
    Whole,
    /// An activity export, left for after the others.
    Deferred,
}

/// Said of a file that grew, shrank or was replaced while it was read.
pub const CHANGED_WHILE_READ: &str = "the file changed while it was being read (a download or sync still running?); its rows may be incomplete, build again once it is complete";

/// What tells that a file changed: its size and modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState(Option<(u64, Option<std::time::SystemTime>)>);

impl FileState {
    /// The file's state now; `None` inside when it cannot be read.
    pub fn of(path: &Path) -> FileState {
        FileState(
            std::fs::metadata(path)
                .ok()
                .map(|m| (m.len(), m.modified().ok())),
        )
    }
}

fn read_into(
    path: &Path,
    settings: &Settings,
    touches: Touches,
    records: &mut Records,
    ledger: &mut FileLedger,
) -> Result<Read, FileError> {
    let fail = |problem| FileError {
        file: ledger.path.clone(),
        problem,
    };
    let decoded = decode::open(path, settings.max_expanded_bytes)
        .map_err(|e| fail(FileProblem::Unreadable(e)))?;
    if decoded.container == decode::Container::Zip {
        return Err(fail(FileProblem::Zip));
    }
    ledger.encoding = Some(decoded.encoding.name().to_string());
    let mut reader = decoded.reader;
    let file = ledger.path.clone();
    let renames = |profile: &str| settings.overrides_for(&file, profile).map(|o| &o.names);
    let sniffed = sniff::find_header(&mut reader, &renames)
        .map_err(|e| fail(FileProblem::NotRecognised(e)))?;
    let fold = match touches {
        Touches::Keep => None,
        Touches::Defer if sniffed.matched.profile.touches => {
            return Ok(Read::Deferred);
        }
        Touches::Defer => None,
        Touches::Fold(targets, chunking) => Some((targets, chunking)),
    };
    ledger.profile = Some(sniffed.matched.profile.name.to_string());
    ledger.skipped(sniffed.header_line);
    ledger.preamble = sniffed.preamble.clone();
    let forced = settings
        .overrides_for(&file, sniffed.matched.profile.name)
        .and_then(|o| o.date_order);
    let file = FileContext {
        path,
        name: &file,
        sniffed: &sniffed,
        forced_date_order: forced,
        max_expanded_bytes: settings.max_expanded_bytes,
        stated: spread::stated_range(&sniffed.preamble),
        plain: decoded.container == decode::Container::Plain
            && decoded.encoding == encoding_rs::UTF_8,
    };
    match fold {
        Some((targets, chunking)) => activity::chunks::read_folded(
            reader, &file, settings, targets, chunking, records, ledger,
        ),
        None => read_rows(reader, &file, settings, None, records, ledger),
    }
    profiles::finish_file(sniffed.matched.profile, records, file.stated);
    Ok(Read::Whole)
}

/// A file that was not read: the ingest stage's error, naming the file
/// (relative to the input folder) and why. It never stops the build; its
/// [`FileProblem`] becomes the file's problem in the ledger (the Data
/// section and `check` name the file beside it).
#[derive(Debug, thiserror::Error)]
#[error("{file}: {problem}")]
pub struct FileError {
    pub file: String,
    pub problem: FileProblem,
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum FileProblem {
    #[error("cannot read the file: {0}")]
    Unreadable(std::io::Error),
    #[error(
        "this is a ZIP archive or an Excel workbook (.xlsx) renamed to .csv; unzip it or save it as CSV first"
    )]
    Zip,
    #[error("{}", describe(.0))]
    NotRecognised(NotRecognised),
}

fn describe(problem: &NotRecognised) -> String {
    match problem {
        NotRecognised::Empty => "the file is empty".into(),
        NotRecognised::WrongKind(what) => format!("this is {what}"),
        NotRecognised::Io(e) => format!("cannot read the file: {e}"),
        NotRecognised::NoProfile {
            nearest: Some(nearest),
            missing,
            lines_read,
        } => format!(
            "no header row of a supported export in the first {lines_read} line(s); the nearest is {nearest}, which also needs the column(s) {}",
            missing
                .iter()
                .map(|m| format!("\"{m}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        NotRecognised::NoProfile {
            nearest: None,
            lines_read,
            ..
        } => format!(
            "no header row of a supported export in the first {lines_read} line(s); docs/inputs.md lists the exports Equinox reads"
        ),
    }
}

/// What reading one file's rows needs besides the rows.
pub(super) struct FileContext<'a> {
    pub(super) path: &'a Path,
    /// Relative path, for messages.
    pub(super) name: &'a str,
    pub(super) sniffed: &'a Sniffed,
    pub(super) forced_date_order: Option<DateOrder>,
    pub(super) max_expanded_bytes: u64,
    /// The date range the preamble states.
    pub(super) stated: Option<spread::StatedRange>,
    /// Whether the text read is the file's own bytes (UTF-8, not
    /// compressed), so that it can be read from any offset.
    pub(super) plain: bool,
}

/// Rows read ahead to decide each column's date order before any row is
/// parsed; when that is not enough, the whole file is scanned first.
pub(super) const DATE_SCAN_ROWS: usize = 1000;

/// The formats the first rows show; when they leave a column's date order
/// open and the file goes on, the whole file is scanned for it.
pub(super) fn column_formats<'a>(
    ahead: impl Iterator<Item = &'a ReadRow>,
    file: &FileContext,
) -> formats::ColumnFormats {
    let mut evidence = FormatEvidence::default();
    let mut rows = 0;
    for read in ahead {
        rows += 1;
        if read.error.is_none() {
            evidence.add(&read.record);
        }
    }
    if rows >= DATE_SCAN_ROWS && evidence.undecided() && file.forced_date_order.is_none() {
        evidence = scan_whole_file(file);
    }
    let default = profiles::default_date_order(&file.sniffed.matched, &file.sniffed.header);
    evidence.formats(file.forced_date_order, default)
}

pub(super) fn csv_reader<R: std::io::Read>(reader: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(64 * 1024)
        .from_reader(reader)
}

/// Reads every row once just to decide date orders (the file is read again
/// for its records): only for files whose first rows left a column ambiguous.
fn scan_whole_file(file: &FileContext) -> FormatEvidence {
    let mut evidence = FormatEvidence::default();
    let Ok(decoded) = decode::open(file.path, file.max_expanded_bytes) else {
        return evidence;
    };
    let mut reader = decoded.reader;
    let mut skipped = Vec::new();
    for _ in 0..file.sniffed.header_line {
        skipped.clear();
        if reader.read_until(b'\n', &mut skipped).unwrap_or(0) == 0 {
            return evidence;
        }
    }
    let mut csv = csv_reader(reader, file.sniffed.delimiter);
    let mut record = csv::StringRecord::new();
    while let Ok(true) = csv.read_record(&mut record) {
        evidence.add(&record);
    }
    evidence
}

pub(super) fn tally(outcome: Outcome, ledger: &mut FileLedger) {
    match outcome {
        Outcome::Used => ledger.used(),
        Outcome::Skipped => ledger.skipped(1),
        Outcome::Rejected(rejection) => ledger.rejected(rejection),
    }
}

/// A row the CSV reader could not give: text that is not UTF-8 (named by
/// its column), or a read error. The reader's own positions count from
/// the header, so they are left out: the line is the file's own.
pub(super) fn unreadable_row(error: &csv::Error, line: u64, header: &header::Header) -> Rejection {
    let (column, expected) = match error.kind() {
        csv::ErrorKind::Utf8 { err, .. } => (
            Some(header.name(err.field()).trim().to_string()),
            "text in UTF-8 or one encoding throughout the file; this cell has bytes that are not, so the file was damaged or joined from two encodings".to_string(),
        ),
        csv::ErrorKind::Io(io) => (None, format!("a readable CSV row ({io})")),
        _ => (None, format!("a readable CSV row ({error})")),
    };
    Rejection {
        line,
        column,
        found: None,
        expected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stage error names the file; the ledger keeps the why alone.
    #[test]
    fn a_file_error_names_its_file() {
        let error = FileError {
            file: "exports/deals.csv".into(),
            problem: FileProblem::Zip,
        };
        assert_eq!(
            error.to_string(),
            format!("exports/deals.csv: {}", FileProblem::Zip)
        );
        assert!(
            FileProblem::Zip
                .to_string()
                .starts_with("this is a ZIP archive")
        );
    }
}
