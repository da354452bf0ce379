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
use std::io::BufRead;
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

    /// The next row; `None` at the end. A row that cannot be read (invalid
    /// text, broken quoting) comes back as an error.
    /// Reads the next row into `row` (reusing its record's memory); `false`
    /// at the end.
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
    std::thread::scope(|scope| {
        let (full_sender, full) = std::sync::mpsc::sync_channel(4);
        let (empty_sender, empty) = std::sync::mpsc::channel();
        let sniffed = file.sniffed;
        let producer = scope.spawn(move || split_rows(reader, sniffed, full_sender, empty));
        parse_rows(full, empty_sender, file, settings, fold, records, ledger);
        ledger.skipped(producer.join().unwrap_or(0));
    });
}

/// The reading side: fills batches with rows and sends them; returns the
/// blank lines after the last row. Stops at a read error or when the
/// parser hangs up.
fn split_rows(
    reader: Box<dyn BufRead + Send>,
    sniffed: &Sniffed,
    full: SyncSender<Batch>,
    empty: Receiver<Batch>,
) -> u64 {
    let mut source = RowSource::new(reader, sniffed);
    loop {
        let mut batch = empty.try_recv().unwrap_or_default();
        batch.resize_with(BATCH_ROWS, ReadRow::default);
        let mut filled = 0;
        while filled < BATCH_ROWS && source.next_row(&mut batch[filled]) {
            filled += 1;
            if batch[filled - 1].is_fatal() {
                break;
            }
        }
        batch.truncate(filled);
        let last = filled < BATCH_ROWS || batch.last().is_some_and(ReadRow::is_fatal);
        if full.send(batch).is_err() || last {
            return source.trailing_blank;
        }
    }
}

/// The parsing side: decides the column formats from the first rows, then
/// turns every row into records or a rejection, folding touches batch by
/// batch when given a fold.
fn parse_rows(
    full: Receiver<Batch>,
    empty: Sender<Batch>,
    file: &FileContext,
    settings: &Settings,
    mut fold: Option<activity::Fold>,
    records: &mut Records,
    ledger: &mut FileLedger,
) {
    let mut ahead: Vec<Batch> = Vec::new();
    while ahead.iter().map(Vec::len).sum::<usize>() < DATE_SCAN_ROWS {
        match full.recv() {
            Ok(batch) => ahead.push(batch),
            Err(_) => break,
        }
    }
    let formats = column_formats(ahead.iter().flatten(), file);
    let mut repeats = repeats::Repeats::for_rows(expected_rows(&ahead, file.path));
    ledger.notes.extend(formats.note.clone());
    for batch in ahead.into_iter().chain(full.iter()) {
        let go_on = batch
            .iter()
            .all(|read| parse_row(read, file, &formats, settings, records, ledger));
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
