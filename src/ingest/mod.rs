//! Ingest stage: walk the input folder, open each file (gzip, encodings),
//! recognise it by its header, and turn its rows into records. Every row is
//! used or rejected in the ledger.
//!
//! Hands on [`Records`] and the [`Ledger`] to the metrics stage.

mod activity;
pub mod cells;
mod decode;
mod discover;
mod formats;
mod header;
mod lines;
mod notes;
mod profiles;
mod repeats;
mod sniff;
mod spread;

use crate::config::DateOrder;
use crate::config::Settings;
use crate::ledger::{FileLedger, Ledger, Rejection, display_path};
use crate::model::lead_index::LeadSlots;
use crate::model::{Lead, LeadIndex, Records};
use crate::progress::Progress;
use crate::timings::Timings;
use formats::FormatEvidence;
use profiles::{Outcome, Row};
use rayon::prelude::*;
use sniff::{NotRecognised, Sniffed};
use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, SyncSender};

pub use discover::{export_files, link_note};

/// Reads every export under `input` into records. The ledger lists files
/// in path order; records are merged oldest export first, so that where two
/// overlapping exports hold the same id, the newer export's record wins.
pub fn read_inputs(input: &Path, settings: &Settings) -> (Records, Ledger) {
    read_inputs_with(
        input,
        settings,
        &crate::progress::Silent,
        &mut crate::timings::Timings::default(),
    )
}

/// [`read_inputs`], telling `progress` about every file and timing its
/// three phases in `steps`.
pub fn read_inputs_with(
    input: &Path,
    settings: &Settings,
    progress: &dyn Progress,
    steps: &mut Timings,
) -> (Records, Ledger) {
    let (files, walk_problems) = export_files(input);
    progress.files(files.len(), files.iter().map(|f| file_size(f)).sum());
    let mut ledger = Ledger::default();
    for problem in walk_problems {
        let mut file = FileLedger::new(display_path(input, &problem.path));
        file.problem = Some(problem.message);
        ledger.files.push(file);
    }
    // Files are read in parallel and collected in path order, so the
    // result does not depend on which file finishes first. Activity
    // exports wait for the leads and deals of every other file.
    let read: Vec<Option<(Records, FileLedger)>> = steps.time("leads, deals, ads", || {
        files
            .par_iter()
            .map(|path| {
                let result = read_file_as(input, path, settings, Touches::Defer)?;
                progress.file_read(&result.1.path, file_size(path));
                Some(result)
            })
            .collect()
    });
    let mut batches = Vec::with_capacity(read.len());
    let mut deferred = Vec::new();
    for (path, file) in files.iter().zip(read) {
        let Some((file_records, file_ledger)) = file else {
            deferred.push((ledger.files.len(), path));
            ledger
                .files
                .push(FileLedger::new(display_path(input, path)));
            continue;
        };
        let newest_day = file_ledger.dates.map(|(_, last)| last);
        batches.push((newest_day, batches.len(), file_records));
        ledger.files.push(file_ledger);
    }
    batches.sort_by_key(|(newest_day, index, _)| (*newest_day, *index));
    let (mut records, lead_slots) = steps.time("merge", || {
        let mut records = Records::default();
        for (_, _, batch) in batches {
            append(&mut records, batch);
        }
        let (merged, lead_slots) = merge_duplicates(&mut records);
        let repeats: u64 = ledger.files.iter().map(|f| f.repeats_merged).sum();
        ledger.duplicates_merged = merged + repeats;
        // Before the activity fold: it counts touches from readiness on.
        records.ready_basis = crate::model::ReadyBasis::of(&records.leads);
        records.ready_basis.apply(&mut records.leads);
        (records, lead_slots)
    });
    let activity = steps.time("activities", || {
        let targets = activity::Targets::new(&records, settings.as_of, lead_slots);
        let read = ActivityRead {
            input,
            settings,
            targets: &targets,
            progress,
        };
        read.fold_files(&deferred, &mut ledger)
    });
    records.activity = activity;
    records.lead_aliases.clear();
    (records, ledger)
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// What reading the activity exports needs: they come last, folded
/// against the leads and won deals of every other file.
struct ActivityRead<'a> {
    input: &'a Path,
    settings: &'a Settings,
    targets: &'a activity::Targets<'a>,
    progress: &'a dyn Progress,
}

impl ActivityRead<'_> {
    /// Reads `deferred` (each file with the place kept for its ledger) in
    /// parallel; the folds are merged, which does not depend on order.
    fn fold_files(
        &self,
        deferred: &[(usize, &std::path::PathBuf)],
        ledger: &mut Ledger,
    ) -> crate::model::Activity {
        let folded: Vec<Option<(Records, FileLedger)>> = deferred
            .par_iter()
            .map(|(_, path)| {
                let fold = Touches::Fold(self.targets);
                let result = read_file_as(self.input, path, self.settings, fold)?;
                self.progress.file_read(&result.1.path, file_size(path));
                Some(result)
            })
            .collect();
        let mut activity = crate::model::Activity::default();
        for ((slot, _), file) in deferred.iter().zip(folded) {
            if let Some((file_records, file_ledger)) = file {
                activity.merge(file_records.activity);
                ledger.files[*slot] = file_ledger;
            }
        }
        activity
    }
}

/// What reading a file does with its touches.
#[derive(Clone, Copy)]
enum Touches<'a> {
    /// Keeps them in [`Records::touches`].
    Keep,
    /// Does not read an activity export at all (`read_file_as` gives `None`).
    Defer,
    /// Folds them into [`Records::activity`] as they are read.
    Fold(&'a activity::Targets<'a>),
}

fn append(all: &mut Records, more: Records) {
    join_vec(&mut all.leads, more.leads);
    join_vec(&mut all.deals, more.deals);
    join_vec(&mut all.spend, more.spend);
    join_vec(&mut all.budget, more.budget);
    join_vec(&mut all.hours, more.hours);
    join_vec(&mut all.lead_aliases, more.lead_aliases);
    all.spread.rows += more.spread.rows;
    all.spread.longest = all.spread.longest.max(more.spread.longest);
}

/// Appends `more` to `all`; when `all` is still empty the vector is taken
/// over instead of copied, so one large export is never held twice.
fn join_vec<T>(all: &mut Vec<T>, mut more: Vec<T>) {
    if all.is_empty() {
        *all = more;
    } else {
        all.append(&mut more);
    }
}

/// Checks that every `[columns]` entry renames a column Equinox knows,
/// returning the offending key and the valid names.
pub fn check_column_overrides(settings: &Settings) -> Result<(), (String, String)> {
    for (key, overrides) in &settings.columns {
        let profile = profiles::is_profile_name(key).then_some(key.as_str());
        let valid = profiles::concepts(profile);
        if let Some(unknown) = overrides
            .names
            .keys()
            .find(|name| !valid.contains(&name.as_str()))
        {
            return Err((
                format!("columns.\"{key}\".{unknown}"),
                format!(
                    "found {unknown:?}, expected date_order or one of the column names: {}",
                    valid.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

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
fn read_file_as(
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
        Err(problem) => ledger.problem = Some(problem),
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
) -> Result<Read, String> {
    let decoded = decode::open(path, settings.max_expanded_bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if decoded.container == decode::Container::Zip {
        return Err("this is a ZIP archive or an Excel workbook (.xlsx) renamed to .csv; unzip it or save it as CSV first".into());
    }
    ledger.encoding = Some(decoded.encoding.name().to_string());
    let mut reader = decoded.reader;
    let file = ledger.path.clone();
    let renames = |profile: &str| settings.overrides_for(&file, profile).map(|o| &o.names);
    let sniffed = sniff::find_header(&mut reader, &renames).map_err(describe)?;
    let fold = match touches {
        Touches::Keep => None,
        Touches::Defer if profiles::reads_touches(sniffed.matched.profile) => {
            return Ok(Read::Deferred);
        }
        Touches::Defer => None,
        Touches::Fold(targets) => Some(activity::Fold::new(targets)),
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
    };
    read_rows(reader, &file, settings, fold, records, ledger);
    profiles::finish_file(sniffed.matched.profile, records, file.stated);
    Ok(Read::Whole)
}

fn describe(problem: NotRecognised) -> String {
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
struct FileContext<'a> {
    path: &'a Path,
    /// Relative path, for messages.
    name: &'a str,
    sniffed: &'a Sniffed,
    forced_date_order: Option<DateOrder>,
    max_expanded_bytes: u64,
    /// The date range the preamble states.
    stated: Option<spread::StatedRange>,
}

/// Rows read ahead to decide each column's date order before any row is
/// parsed; when that is not enough, the whole file is scanned first.
const DATE_SCAN_ROWS: usize = 1000;

/// One row as read: its first line in the file, the blank lines before it,
/// and the record, or why it could not be read.
#[derive(Default)]
struct ReadRow {
    line: u64,
    blank_before: u64,
    record: csv::StringRecord,
    error: Option<csv::Error>,
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
fn read_rows(
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
    let mut repeats = repeats::Repeats::default();
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
    if let Some(fold) = fold {
        records.activity = fold.finish();
    }
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

/// The formats the first rows show; when they leave a column's date order
/// open and the file goes on, the whole file is scanned for it.
fn column_formats<'a>(
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

fn csv_reader<R: std::io::Read>(reader: R, delimiter: u8) -> csv::Reader<R> {
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

fn tally(outcome: Outcome, ledger: &mut FileLedger) {
    match outcome {
        Outcome::Used => ledger.used(),
        Outcome::Skipped => ledger.skipped(1),
        Outcome::Rejected(rejection) => ledger.rejected(rejection),
    }
}

/// A row the CSV reader could not give: text that is not UTF-8 (named by
/// its column), or a read error. The reader's own positions count from
/// the header, so they are left out: the line is the file's own.
fn unreadable_row(error: &csv::Error, line: u64, header: &header::Header) -> Rejection {
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

/// Keeps one record per lead id and per deal id: the same record in two
/// overlapping exports counts once, and the last one (the newer export,
/// see [`read_inputs`]) wins.
/// Returns how many duplicates were merged, and the leads' index when no
/// lead id repeated, for the touch fold (see [`LeadIndex::from_slots`]).
fn merge_duplicates(records: &mut Records) -> (u64, Option<LeadSlots>) {
    let before = records.leads.len() + records.deals.len();
    let lead_slots = keep_last_lead(&mut records.leads);
    keep_last_by(&mut records.deals, |d| d.id.as_str());
    let merged = (before - records.leads.len() - records.deals.len()) as u64;
    (merged, lead_slots)
}

/// Leads are indexed as the touch fold needs them (8-byte slots that it
/// can prefetch); the index is handed on when it still holds, so a
/// million ids are not indexed twice.
fn keep_last_lead(leads: &mut Vec<Lead>) -> Option<LeadSlots> {
    let index = LeadIndex::new(leads);
    if index.distinct() == leads.len() {
        return Some(index.into_slots());
    }
    let keep = flags(leads.len(), index.last_positions());
    retain_flagged(leads, keep);
    None
}

/// The table of positions takes 10 MB at a million deals, where a map
/// keyed by `&str` takes 50 MB.
fn keep_last_by<T>(items: &mut Vec<T>, key: impl Fn(&T) -> &str) {
    let last = crate::model::activity::last_positions(items, key);
    if last.len() == items.len() {
        return;
    }
    let keep = flags(items.len(), last.iter().map(|&i| i as usize));
    drop(last);
    retain_flagged(items, keep);
}

/// `len` flags, set at `positions`.
fn flags(len: usize, positions: impl Iterator<Item = usize>) -> Vec<bool> {
    let mut keep = vec![false; len];
    for index in positions {
        keep[index] = true;
    }
    keep
}

fn retain_flagged<T>(items: &mut Vec<T>, keep: Vec<bool>) {
    let mut flags = keep.into_iter();
    items.retain(|_| flags.next().unwrap_or(false));
}

/// Longest part of a source line kept for a message.
const SOURCE_LINE_MAX: usize = 4096;

/// The text of the given lines of an export (1-based, decoded like the
/// file itself, at most 4 KiB each), for showing where problems are. The
/// file is read once, however many lines are asked for; lines in between
/// are skipped without being kept, however long. Lines past the end are
/// missing from the result.
pub fn source_lines(path: &Path, wanted: &[u64], max_expanded_bytes: u64) -> BTreeMap<u64, String> {
    let mut found = BTreeMap::new();
    let Some(&last) = wanted.iter().max() else {
        return found;
    };
    let Ok(decoded) = decode::open(path, max_expanded_bytes) else {
        return found;
    };
    let wanted: BTreeSet<u64> = wanted.iter().copied().collect();
    let mut reader = decoded.reader;
    let (mut current, mut kept) = (1u64, Vec::new());
    while current <= last {
        let Ok(buffer) = reader.fill_buf() else { break };
        if buffer.is_empty() {
            break;
        }
        let newline = memchr::memchr(b'\n', buffer);
        let chunk = &buffer[..newline.unwrap_or(buffer.len())];
        if wanted.contains(&current) {
            let room = SOURCE_LINE_MAX.saturating_sub(kept.len());
            kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
        let used = newline.map_or(buffer.len(), |at| at + 1);
        reader.consume(used);
        if newline.is_some() {
            keep_line(&mut found, &wanted, current, &mut kept);
            current += 1;
        }
    }
    keep_line(&mut found, &wanted, current, &mut kept);
    found
}

fn keep_line(
    found: &mut BTreeMap<u64, String>,
    wanted: &BTreeSet<u64>,
    line: u64,
    kept: &mut Vec<u8>,
) {
    if wanted.contains(&line) && !found.contains_key(&line) {
        found.insert(
            line,
            String::from_utf8_lossy(kept)
                .trim_end_matches('\r')
                .to_string(),
        );
    }
    kept.clear();
}
