//! The two-thread row pipeline of one file: one thread splits the decoded
//! text into CSV records in batches, the other parses each with the file's
//! profile, so reading and parsing overlap.

use super::profiles::Row;
use super::read::{DATE_SCAN_ROWS, FileContext, column_formats, csv_reader, tally, unreadable_row};
use super::sniff::Sniffed;
use super::{activity, formats, lines, repeats};
use crate::config::Settings;
use crate::ledger::FileLedger;
use crate::model::Records;
use std::io::{BufRead, Read};
use std::sync::mpsc::{Receiver, Sender, SyncSender};

/// One row as read: its first line in the file, the blank lines before it,
/// and the record, or why it could not be read.
#[derive(Default)]
pub(super) struct ReadRow {
    pub(super) line: u64,
    pub(super) blank_before: u64,
    pub(super) record: csv::StringRecord,
    pub(super) error: Option<csv::Error>,
}

impl ReadRow {
    fn is_fatal(&self) -> bool {
        self.error
            .as_ref()
            .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(_)))
    }
}

/// The rows of a file after its header, each placed on its own line.
struct RowSource {
    csv: csv::Reader<lines::Counted<Box<dyn BufRead + Send>>>,
    lines: lines::Lines,
    header_line: u64,
    /// Blank lines after the last row, known once the end is reached.
    trailing_blank: u64,
}

impl RowSource {
    fn new(reader: Box<dyn BufRead + Send>, sniffed: &Sniffed) -> RowSource {
        let (reader, lines) = lines::counted(reader);
        RowSource {
            csv: csv_reader(reader, sniffed.delimiter),
            lines,
            header_line: sniffed.header_line,
            trailing_blank: 0,
        }
    }

    /// Reads the next row into `row` (reusing its record's memory); `false`
    /// at the end. A row that cannot be read (invalid text, broken quoting)
    /// comes back with its error.
    fn next_row(&mut self, row: &mut ReadRow) -> bool {
        let result = self.csv.read_record(&mut row.record);
        if let Ok(false) = result {
            self.trailing_blank = self.lines.trailing_blank();
            return false;
        }
        let breaks = || {
            if result.is_ok() {
                lines::line_breaks(&row.record)
            } else {
                0
            }
        };
        let placed = self.lines.place(self.csv.position().byte(), breaks);
        row.line = self.header_line + placed.first;
        row.blank_before = placed.blank_before;
        row.error = result.err();
        true
    }
}

/// Rows handed from the reading thread to the parsing one at a time.
const BATCH_ROWS: usize = 1024;

/// Batches travel to the parser full and come back empty, so their
/// records' memory is reused instead of freed on the other thread.
type Batch = Vec<ReadRow>;

/// Reads one file's rows into records. Two threads share the work: one
/// decodes and splits the CSV, the other turns rows into records, so a
/// single large export keeps both cores busy. Rows stay in file order.
pub(super) fn read_rows(
    reader: Box<dyn BufRead + Send>,
    file: &FileContext,
    settings: &Settings,
    fold: Option<activity::Fold>,
    records: &mut Records,
    ledger: &mut FileLedger,
) {
    let part = Part {
        stops: &[],
        formats: None,
    };
    read_part(reader, file, settings, part, fold, records, ledger);
}

/// What sets one part of a file apart from the whole (see
/// [`super::activity::chunks`]): where its reading may stop, and the
/// column formats when the whole file's first rows decided them.
#[derive(Clone, Copy)]
pub(super) struct Part<'p> {
    /// Offsets from the part's start where a row may end and the next
    /// part start, in order. The part ends after the first row that ends
    /// exactly at one of them; a row that ends past one overruns it, and
    /// the part goes on to the next.
    pub(super) stops: &'p [u64],
    /// `None`: decided from the part's own first rows (the whole file).
    pub(super) formats: Option<&'p formats::ColumnFormats>,
}

/// How reading a file, or a part of it, ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RowsEnd {
    /// The stop the reading ended at, as an index into [`Part::stops`],
    /// and the lines read up to it; `None` at the end of the text or at a
    /// row that stops the reading (a read error).
    pub(super) stopped: Option<(usize, u64)>,
    /// Blank lines after the last row, at the end of the text.
    pub(super) trailing_blank: u64,
}

/// [`read_rows`] for a part of a file: reads from `reader` (at the part's
/// start) up to one of the part's stops or the end, and says which.
pub(super) fn read_part(
    reader: Box<dyn BufRead + Send>,
    file: &FileContext,
    settings: &Settings,
    part: Part,
    fold: Option<activity::Fold>,
    records: &mut Records,
    ledger: &mut FileLedger,
) -> RowsEnd {
    std::thread::scope(|scope| {
        let (full_sender, full) = std::sync::mpsc::sync_channel(4);
        let (empty_sender, empty) = std::sync::mpsc::channel();
        let sniffed = file.sniffed;
        let stops = part.stops;
        let producer = scope.spawn(move || split_rows(reader, sniffed, stops, full_sender, empty));
        let channel = (full, empty_sender);
        parse_rows(channel, file, settings, part.formats, fold, records, ledger);
        let end = producer.join().unwrap_or_default();
        ledger.skipped(end.trailing_blank);
        end
    })
}

/// The stops of a part not yet passed.
struct Stops<'p> {
    ends: &'p [u64],
    next: usize,
}

impl Stops<'_> {
    /// The stop a row ending at `end` ends the part at, if any; passes
    /// the stops it overruns.
    fn reached(&mut self, end: u64) -> Option<usize> {
        while let Some(&stop) = self.ends.get(self.next) {
            if end < stop {
                return None;
            }
            self.next += 1;
            if end == stop {
                return Some(self.next - 1);
            }
        }
        None
    }
}

/// The reading side: fills batches with rows and sends them; returns how
/// the reading ended. Stops at a read error, at a stop, or when the parser
/// hangs up.
fn split_rows(
    reader: Box<dyn BufRead + Send>,
    sniffed: &Sniffed,
    stops: &[u64],
    full: SyncSender<Batch>,
    empty: Receiver<Batch>,
) -> RowsEnd {
    let mut source = RowSource::new(reader, sniffed);
    let mut stops = Stops {
        ends: stops,
        next: 0,
    };
    loop {
        let mut batch = empty.try_recv().unwrap_or_default();
        let end = fill_batch(&mut source, &mut batch, &mut stops);
        if full.send(batch).is_err() {
            return end.unwrap_or_default();
        }
        if let Some(end) = end {
            return end;
        }
    }
}

/// Fills `batch` with up to [`BATCH_ROWS`] rows; `Some` when the reading
/// is over, and how.
fn fill_batch(source: &mut RowSource, batch: &mut Batch, stops: &mut Stops) -> Option<RowsEnd> {
    batch.resize_with(BATCH_ROWS, ReadRow::default);
    let mut filled = 0;
    let mut end = None;
    while filled < BATCH_ROWS {
        let row = &mut batch[filled];
        if !source.next_row(row) {
            end = Some(RowsEnd {
                stopped: None,
                trailing_blank: source.trailing_blank,
            });
            break;
        }
        filled += 1;
        if row.is_fatal() {
            end = Some(RowsEnd::default());
            break;
        }
        if let Some(stop) = stops.reached(source.csv.position().byte()) {
            let lines = source.lines.last_line();
            end = Some(RowsEnd {
                stopped: Some((stop, lines)),
                trailing_blank: 0,
            });
            break;
        }
    }
    batch.truncate(filled);
    end
}

/// The column formats the whole file's first rows decide, read from the
/// start once more: for the parts of a file read side by side, which must
/// all read dates as reading the file whole would.
pub(super) fn decided_formats(file: &FileContext) -> formats::ColumnFormats {
    column_formats(first_rows(file).iter(), file)
}

/// The rows [`parse_rows`] decides the formats from when reading a whole
/// file: the first batches, up to [`DATE_SCAN_ROWS`] rows or more.
fn first_rows(file: &FileContext) -> Vec<ReadRow> {
    let Ok(decoded) = super::decode::open(file.path, file.max_expanded_bytes) else {
        return Vec::new();
    };
    let mut reader = decoded.reader;
    let header = (&mut reader).take(file.sniffed.data_start);
    if std::io::copy(&mut { header }, &mut std::io::sink()).is_err() {
        return Vec::new();
    }
    let mut source = RowSource::new(reader, file.sniffed);
    let mut stops = Stops { ends: &[], next: 0 };
    let mut rows = Vec::new();
    while rows.len() < DATE_SCAN_ROWS {
        let mut batch = Vec::new();
        let end = fill_batch(&mut source, &mut batch, &mut stops);
        rows.append(&mut batch);
        if end.is_some() {
            break;
        }
    }
    rows
}

/// The parsing side: decides the column formats from the first rows
/// (unless given), then turns every row into records or a rejection,
/// folding touches batch by batch when given a fold.
fn parse_rows(
    (full, empty): (Receiver<Batch>, Sender<Batch>),
    file: &FileContext,
    settings: &Settings,
    formats: Option<&formats::ColumnFormats>,
    mut fold: Option<activity::Fold>,
    records: &mut Records,
    ledger: &mut FileLedger,
) {
    let mut ahead: Vec<Batch> = Vec::new();
    let decided;
    let formats = match formats {
        Some(formats) => formats,
        None => {
            while ahead.iter().map(Vec::len).sum::<usize>() < DATE_SCAN_ROWS {
                match full.recv() {
                    Ok(batch) => ahead.push(batch),
                    Err(_) => break,
                }
            }
            decided = column_formats(ahead.iter().flatten(), file);
            ledger.notes.extend(decided.note.clone());
            &decided
        }
    };
    let mut repeats = repeats::Repeats::for_rows(expected_rows(&ahead, file.path));
    for batch in ahead.into_iter().chain(full.iter()) {
        let go_on = batch
            .iter()
            .all(|read| parse_row(read, file, formats, settings, records, ledger));
        repeats.absorb(records);
        if let Some(fold) = &mut fold {
            fold.take(records);
        }
        if !go_on {
            break;
        }
        let _ = empty.send(batch);
    }
    ledger.repeats_merged = repeats.merged;
    let (lead_ids, deal_ids) = repeats.into_slots();
    (records.lead_ids, records.deal_ids) = (Some(lead_ids), Some(deal_ids));
    if let Some(fold) = fold {
        records.activity = fold.finish();
    }
}

/// How many rows the file holds, judged from the length of the rows read
/// ahead (cells, their quotes and delimiters) and the file's size: a
/// guess that sizes the table of repeated ids once instead of growing it
/// twenty times. A compressed file is judged by its compressed size, so
/// the guess is low and the table grows.
fn expected_rows(ahead: &[Batch], path: &std::path::Path) -> usize {
    let rows = ahead.iter().flatten();
    let count = rows.clone().count() as u64;
    let bytes: u64 = rows
        .map(|r| (r.record.as_byte_record().as_slice().len() + 3 * r.record.len()) as u64)
        .sum();
    let file_bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    // No export writes rows under 64 bytes on average; rows read ahead
    // much shorter than the rest must not size a table of gigabytes.
    let per_row = (bytes / count.max(1)).max(64);
    usize::try_from(file_bytes / per_row).unwrap_or(0)
}

/// Turns one row into records or a rejection; `false` when reading must stop.
fn parse_row(
    read: &ReadRow,
    file: &FileContext,
    formats: &formats::ColumnFormats,
    settings: &Settings,
    records: &mut Records,
    ledger: &mut FileLedger,
) -> bool {
    ledger.skipped(read.blank_before);
    if let Some(error) = &read.error {
        ledger.rejected(unreadable_row(error, read.line, &file.sniffed.header));
        // After a read error the stream cannot be trusted to go on.
        return !read.is_fatal();
    }
    let row = Row {
        record: &read.record,
        line: read.line,
        header: &file.sniffed.header,
        columns: &file.sniffed.matched.columns,
        profile: file.sniffed.matched.profile,
        formats,
        file: file.name,
        stated: file.stated,
    };
    tally(
        (file.sniffed.matched.profile.read)(&row, settings, records),
        ledger,
    );
    true
}
