//! The ledger: every data row of every input file is used or rejected, and
//! every rejection is kept with its file, line, column and reason.
//!
//! Each file's reader fills one [`FileLedger`]; the [`Ledger`] keeps them in
//! input order. Lines that are not data (preambles, header rows, totals,
//! report footers, summary rows, blank lines) are counted as skipped.

use chrono::NaiveDate;
use serde::Serialize;
use std::path::PathBuf;

/// Why a row could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The file's own line number, preamble included (1-based).
    pub line: u64,
    /// The column's header, where one column is to blame.
    pub column: Option<String>,
    /// What the cell held (shortened), where a cell is to blame.
    pub found: Option<String>,
    /// What was expected, in words.
    pub expected: String,
}

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileLedger {
    /// Path relative to the input folder, with `/` separators.
    pub path: String,
    /// The export the file was recognised as, e.g. "HubSpot contacts".
    pub profile: Option<String>,
    /// The text encoding the file was read in, e.g. "UTF-16LE".
    pub encoding: Option<String>,
    /// Why the file was not read, when it was not.
    pub problem: Option<String>,
    /// Where the file was read through a link, e.g. "a link to a file
    /// outside the input folder".
    pub link: Option<String>,
    pub rows_read: u64,
    pub rows_used: u64,
    pub rows_rejected: u64,
    pub lines_skipped: u64,
    /// Report title and date range lines found before the header.
    pub preamble: Vec<String>,
    /// Rows whose lead or deal id came again later in the same file, merged
    /// as read (the later row wins).
    pub repeats_merged: u64,
    /// The first and last day of the file's records.
    pub dates: Option<(NaiveDate, NaiveDate)>,
    pub rejections: Vec<Rejection>,
    /// What reading the file decided that a reader should know: how deal
    /// stages were placed, which day order dates were read in and why,
    /// spend spread over several days. Shown by `check`.
    pub notes: Vec<String>,
    /// Problems that are not a row's: a deal stage Equinox cannot place.
    /// `check` counts them as problems.
    pub warnings: Vec<String>,
}

/// Longest cell text kept in a rejection; exports can hold megabyte cells.
const FOUND_MAX_CHARS: usize = 60;

impl FileLedger {
    /// An empty ledger for a file.
    pub fn new(path: String) -> FileLedger {
        FileLedger {
            path,
            profile: None,
            encoding: None,
            problem: None,
            link: None,
            rows_read: 0,
            rows_used: 0,
            rows_rejected: 0,
            lines_skipped: 0,
            preamble: Vec::new(),
            dates: None,
            repeats_merged: 0,
            rejections: Vec::new(),
            notes: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Counts a data row that became a record.
    pub fn used(&mut self) {
        self.rows_read += 1;
        self.rows_used += 1;
    }

    /// Counts a line that is not data.
    pub fn skipped(&mut self, lines: u64) {
        self.lines_skipped += lines;
    }

    /// Counts a data row that could not be used, with the reason.
    pub fn rejected(&mut self, rejection: Rejection) {
        self.rows_read += 1;
        self.rows_rejected += 1;
        self.rejections.push(rejection);
    }
}

/// Shortens a cell for display in a rejection message.
pub fn shorten(cell: &str) -> String {
    if cell.chars().count() <= FOUND_MAX_CHARS {
        return cell.to_string();
    }
    let head: String = cell.chars().take(FOUND_MAX_CHARS).collect();
    format!("{head}…")
}

/// Totals over all files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    pub files: u64,
    pub rows_read: u64,
    pub rows_used: u64,
    pub rows_rejected: u64,
    pub lines_skipped: u64,
    /// Records found again in an overlapping export and counted once.
    pub duplicates_merged: u64,
}

/// Every input file's ledger, in input order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Ledger {
    pub files: Vec<FileLedger>,
    /// Records that appeared in two overlapping exports and were counted once.
    pub duplicates_merged: u64,
}

impl Ledger {
    /// Sums the per-file counts.
    pub fn totals(&self) -> Totals {
        let mut totals = Totals {
            files: self.files.len() as u64,
            duplicates_merged: self.duplicates_merged,
            ..Totals::default()
        };
        for file in &self.files {
            totals.rows_read += file.rows_read;
            totals.rows_used += file.rows_used;
            totals.rows_rejected += file.rows_rejected;
            totals.lines_skipped += file.lines_skipped;
        }
        totals
    }

    /// Files that could not be read or matched no export profile.
    pub fn unread_files(&self) -> impl Iterator<Item = &FileLedger> {
        self.files.iter().filter(|f| f.problem.is_some())
    }
}

/// Where the input files were, for messages.
pub fn display_path(root: &std::path::Path, path: &std::path::Path) -> String {
    let relative: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
