//! One large activity export read on every core. The row pipeline reads a
//! file with two threads, one splitting rows and one parsing and folding
//! them, and the splitting one mostly waits; a single export of millions
//! of touches would leave a core idle. So a plain export (UTF-8, not
//! compressed: its bytes can be read from any offset) is cut into parts at
//! row starts ([`super::boundary`]), each part is read by its own pair of
//! threads into its own [`Fold`], and the folds are merged in file order
//! ([`Activity::merge`] gives what one fold of the whole file gives).
//!
//! A part is read as the whole file would be, from its start, and the rows
//! of the part before are read until one ends exactly where the part
//! starts. If none does (the cut was wrong: a file that breaks the quoting
//! rules can mislead the search), that part reads on into the next one's,
//! and the part whose start was never reached is dropped. So every row is
//! read once, as in one pass over the file, whatever the cuts.
//!
//! Only data rows are cut: the header and preamble were read before, and
//! footer lines are rows the profiles skip one by one. Each part counts
//! lines from its own start, so its rejections are moved down by the lines
//! of the parts before it.

use super::boundary;
use super::{Fold, Targets};
use crate::config::Settings;
use crate::ingest::formats::ColumnFormats;
use crate::ingest::read::FileContext;
use crate::ingest::rows::{self, Part, RowsEnd, read_part, read_rows};
use crate::ledger::{FileLedger, Rejection};
use crate::model::{Activity, Records};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

/// How many parts an activity export is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunking {
    /// Parts per export; 1 reads each export whole.
    pub parts: usize,
    /// Exports shorter than this are read whole: for them, the threads
    /// and the merge cost more than they save.
    pub min_bytes: u64,
}

/// The smallest export read in parts by default.
const MIN_CHUNKED_BYTES: u64 = 8 * 1024 * 1024;

/// Sets the parts per export, whatever its size; for tests and
/// measurements (`1` reads every export whole, as before issue 13).
pub const PARTS_VARIABLE: &str = "EQUINOX_ACTIVITY_CHUNKS";

/// Bytes read at a cut to find the next row start.
const WINDOW: u64 = 64 * 1024;

impl Chunking {
    /// Reading `files` activity exports side by side: the cores are shared
    /// among them, unless [`PARTS_VARIABLE`] says otherwise.
    pub fn for_files(files: usize) -> Chunking {
        let forced = std::env::var(PARTS_VARIABLE).ok();
        if let Some(parts) = forced.and_then(|v| v.trim().parse::<usize>().ok()) {
            return Chunking {
                parts: parts.max(1),
                min_bytes: 0,
            };
        }
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Chunking {
            parts: (cores / files.max(1)).max(1),
            min_bytes: MIN_CHUNKED_BYTES,
        }
    }
}

/// Reads an activity export's rows (from `reader`, at its first data row)
/// and folds their touches into `records.activity`, in parts side by side
/// where [`plan`] finds places to cut it.
pub(in crate::ingest) fn read_folded(
    reader: Box<dyn BufRead + Send>,
    file: &FileContext,
    settings: &Settings,
    targets: &Targets,
    chunking: Chunking,
    records: &mut Records,
    ledger: &mut FileLedger,
) {
    match plan(file, chunking).and_then(|p| p.open(file)) {
        None => {
            let fold = Some(Fold::new(targets));
            read_rows(reader, file, settings, fold, records, ledger);
        }
        Some((plan, later)) => {
            let parts = Parts {
                plan: &plan,
                file,
                settings,
                targets,
            };
            records.activity = parts.read(reader, later, ledger).0;
        }
    }
    // The reading threads' freed row buffers would otherwise stay
    // resident through the metrics stage.
    crate::memory::release_free_memory();
}

/// What reading the parts of one file shares.
struct Parts<'a> {
    plan: &'a Plan,
    file: &'a FileContext<'a>,
    settings: &'a Settings,
    targets: &'a Targets<'a>,
}

impl Parts<'_> {
    /// Reads the first part from `first` and the others from `later`, each
    /// on threads of its own, and joins them (see [`join_parts`]).
    fn read(
        &self,
        first: Box<dyn BufRead + Send>,
        later: Vec<Box<dyn BufRead + Send>>,
        ledger: &mut FileLedger,
    ) -> (Activity, usize) {
        let formats = rows::decided_formats(self.file);
        ledger.notes.extend(formats.note.clone());
        let parts: Vec<PartRead> = std::thread::scope(|scope| {
            let formats = &formats;
            let later: Vec<_> = (later.into_iter().enumerate())
                .map(|(i, reader)| scope.spawn(move || self.read_one(i + 1, reader, formats)))
                .collect();
            let first = self.read_one(0, first, formats);
            let later = later.into_iter().map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            std::iter::once(first).chain(later).collect()
        });
        join_parts(parts, ledger)
    }

    /// Reads the part `index` from `reader`, at its start.
    fn read_one(
        &self,
        index: usize,
        reader: Box<dyn BufRead + Send>,
        formats: &ColumnFormats,
    ) -> PartRead {
        let stops = self.plan.stops_after(index);
        let part = Part {
            stops: &stops,
            formats: Some(formats),
        };
        let mut records = Records::default();
        let mut ledger = FileLedger::new(String::new());
        let fold = Some(Fold::new(self.targets));
        let (file, settings) = (self.file, self.settings);
        let end = read_part(
            reader,
            file,
            settings,
            part,
            fold,
            &mut records,
            &mut ledger,
        );
        PartRead {
            activity: records.activity,
            ledger,
            end,
        }
    }
}

/// What one part's reading gave.
struct PartRead {
    activity: Activity,
    ledger: FileLedger,
    end: RowsEnd,
}

/// The parts in file order from the first, each the one starting where the
/// one before stopped, merged into one fold and into the file's ledger;
/// with how many were. A part whose start no part before stopped at was
/// read for nothing.
fn join_parts(parts: Vec<PartRead>, ledger: &mut FileLedger) -> (Activity, usize) {
    let mut parts: Vec<Option<PartRead>> = parts.into_iter().map(Some).collect();
    let mut activity = Activity::default();
    let (mut index, mut lines_before, mut joined) = (0, 0, 0);
    while let Some(part) = parts.get_mut(index).and_then(Option::take) {
        joined += 1;
        add_part_ledger(ledger, part.ledger, lines_before);
        activity.merge(part.activity);
        let Some((stop, lines)) = part.end.stopped else {
            break;
        };
        // The part's stops are the starts of the parts after it.
        lines_before += lines;
        index += stop + 1;
    }
    (activity, joined)
}

/// Adds a part's counts and rejections to the file's, its lines moved down
/// by the `lines_before` the part's start.
fn add_part_ledger(ledger: &mut FileLedger, part: FileLedger, lines_before: u64) {
    ledger.rows_read += part.rows_read;
    ledger.rows_used += part.rows_used;
    ledger.rows_rejected += part.rows_rejected;
    ledger.lines_skipped += part.lines_skipped;
    ledger.repeats_merged += part.repeats_merged;
    let moved = |rejection: Rejection| Rejection {
        line: rejection.line + lines_before,
        ..rejection
    };
    ledger
        .rejections
        .extend(part.rejections.into_iter().map(moved));
    ledger.notes.extend(part.notes);
    ledger.warnings.extend(part.warnings);
}

/// Where the parts after the first start, as offsets in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Plan {
    /// Where the first data row starts.
    data_start: u64,
    /// The row starts found, in order, each past the one before.
    cuts: Vec<Cut>,
}

/// A row start in the file: where the row before ends (for the CSV
/// reader) and where the row starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cut {
    row_end: u64,
    at: u64,
}

impl Plan {
    /// Where the part `index` (0 for the first) starts.
    fn start(&self, index: usize) -> u64 {
        match index {
            0 => self.data_start,
            i => self.cuts[i - 1].at,
        }
    }

    /// The stops of the part `index`: the ends of the rows before every
    /// later part's start, from its own start.
    fn stops_after(&self, index: usize) -> Vec<u64> {
        let start = self.start(index);
        let later = self.cuts.get(index..).unwrap_or_default();
        later.iter().map(|cut| cut.row_end - start).collect()
    }

    /// The parts but the first opened at their starts; `None` when one
    /// cannot be opened (the file is then read whole).
    fn open(self, file: &FileContext) -> Option<(Plan, Vec<Box<dyn BufRead + Send>>)> {
        let readers = (1..=self.cuts.len())
            .map(|index| open_at(file, self.start(index)))
            .collect::<Option<Vec<_>>>()?;
        Some((self, readers))
    }
}

fn open_at(file: &FileContext, at: u64) -> Option<Box<dyn BufRead + Send>> {
    let mut raw = File::open(file.path).ok()?;
    raw.seek(SeekFrom::Start(at)).ok()?;
    Some(Box::new(BufReader::with_capacity(64 * 1024, raw)))
}

/// The places to cut the file's data rows into `chunking.parts` parts of
/// about the same length; `None` when it is read whole (too short, not
/// plain UTF-8, or no row start found).
fn plan(file: &FileContext, chunking: Chunking) -> Option<Plan> {
    if chunking.parts < 2 || !file.plain {
        return None;
    }
    let mut raw = File::open(file.path).ok()?;
    let length = raw.metadata().ok()?.len();
    if length < chunking.min_bytes {
        return None;
    }
    // The decoded text the header was found in has no byte order mark.
    let mut head = [0u8; 3];
    let bom = match raw.read_exact(&mut head) {
        Ok(()) if head == *b"\xEF\xBB\xBF" => 3,
        _ => 0,
    };
    let data_start = bom + file.sniffed.data_start;
    let mut cuts: Vec<Cut> = Vec::new();
    let data = length.checked_sub(data_start)?;
    for part in 1..chunking.parts as u64 {
        let at = data_start + data * part / chunking.parts as u64;
        if cuts.last().is_some_and(|cut| cut.at > at) {
            continue;
        }
        if let Some(cut) = cut_after(&mut raw, data_start, at, file.sniffed.delimiter) {
            cuts.push(cut);
        }
    }
    (!cuts.is_empty()).then_some(Plan { data_start, cuts })
}

/// The first row start after the byte at `at`. Where the bytes near the
/// cut leave it open whether the cut is inside quotes (no quoted field
/// there tells), the quotes from the first data row on are counted: only
/// a long quoted cell with no quote near the cut costs that pass, and no
/// part then starts inside a cell (it would read the cell's lines as rows
/// before its results were dropped).
fn cut_after(raw: &mut File, data_start: u64, at: u64, delimiter: u8) -> Option<Cut> {
    let window = read_window(raw, at)?;
    let mut found = boundary::row_start(&window, delimiter)?;
    if !found.certain {
        let in_quotes = quotes_between(raw, data_start, at)? % 2 == 1;
        found = boundary::row_start_known(&window, in_quotes)?;
    }
    Some(Cut {
        row_end: at + found.row_end as u64,
        at: at + found.at as u64,
    })
}

fn read_window(raw: &mut File, at: u64) -> Option<Vec<u8>> {
    raw.seek(SeekFrom::Start(at)).ok()?;
    let mut window = Vec::with_capacity(WINDOW as usize);
    raw.take(WINDOW).read_to_end(&mut window).ok()?;
    Some(window)
}

/// The `"` bytes in the file from `from` to `to`.
fn quotes_between(raw: &mut File, from: u64, to: u64) -> Option<u64> {
    raw.seek(SeekFrom::Start(from)).ok()?;
    let mut text = BufReader::with_capacity(1024 * 1024, raw.take(to - from));
    let mut quotes = 0;
    loop {
        let block = text.fill_buf().ok()?;
        if block.is_empty() {
            return Some(quotes);
        }
        quotes += block.iter().filter(|&&b| b == b'"').count() as u64;
        let read = block.len();
        text.consume(read);
    }
}

#[cfg(test)]
mod tests;
