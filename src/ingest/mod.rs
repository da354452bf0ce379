//! Ingest stage: walk the input folder, open each file (gzip, encodings),
//! recognise it by its header, and turn its rows into records. Every row is
//! used or rejected in the ledger.
//!
//! Hands on [`Records`] and the [`Ledger`] to the metrics stage.

pub mod cells;
mod decode;
mod discover;
mod header;
mod lines;
mod profiles;
mod sniff;

use crate::config::Settings;
use crate::ledger::{FileLedger, Ledger, Rejection, display_path};
use crate::model::Records;
use profiles::{Outcome, Row};
use sniff::{NotRecognised, Sniffed};
use std::io::BufRead;
use std::path::Path;

pub use discover::export_files;

/// Reads every export under `input` into records, in path order.
pub fn read_inputs(input: &Path, settings: &Settings) -> (Records, Ledger) {
    let (files, walk_problems) = export_files(input);
    let mut records = Records::default();
    let mut ledger = Ledger::default();
    for problem in walk_problems {
        let mut file = FileLedger::new(display_path(input, &problem.path));
        file.problem = Some(problem.message);
        ledger.files.push(file);
    }
    for path in files {
        let (file_records, file_ledger) = read_file(input, &path, settings);
        append(&mut records, file_records);
        ledger.files.push(file_ledger);
    }
    ledger.duplicates_merged = merge_duplicates(&mut records);
    (records, ledger)
}

fn append(all: &mut Records, mut more: Records) {
    all.leads.append(&mut more.leads);
    all.touches.append(&mut more.touches);
    all.deals.append(&mut more.deals);
    all.spend.append(&mut more.spend);
    all.budget.append(&mut more.budget);
    all.hours.append(&mut more.hours);
}

/// Reads one file; problems that stop the file are noted in its ledger.
pub fn read_file(root: &Path, path: &Path, settings: &Settings) -> (Records, FileLedger) {
    let mut ledger = FileLedger::new(display_path(root, path));
    let mut records = Records::default();
    if let Err(problem) = read_into(path, settings, &mut records, &mut ledger) {
        ledger.problem = Some(problem);
    }
    (records, ledger)
}

fn read_into(
    path: &Path,
    settings: &Settings,
    records: &mut Records,
    ledger: &mut FileLedger,
) -> Result<(), String> {
    let decoded = decode::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if decoded.container == decode::Container::Zip {
        return Err("this is a ZIP archive or an Excel workbook (.xlsx) renamed to .csv; unzip it or save it as CSV first".into());
    }
    ledger.encoding = Some(decoded.encoding.name().to_string());
    let mut reader = decoded.reader;
    let sniffed = sniff::find_header(&mut reader).map_err(describe)?;
    ledger.profile = Some(sniffed.matched.profile.name.to_string());
    ledger.skipped(sniffed.header_line);
    read_rows(reader, &sniffed, settings, records, ledger);
    Ok(())
}

fn describe(problem: NotRecognised) -> String {
    match problem {
        NotRecognised::Empty => "the file is empty".into(),
        NotRecognised::WrongKind(what) => format!("this is {what}"),
        NotRecognised::Io(e) => format!("cannot read the file: {e}"),
        NotRecognised::NoProfile {
            nearest,
            missing,
            lines_read,
        } => format!(
            "no header row of a supported export in the first {lines_read} lines; nearest is {nearest}, which needs the column(s) {}",
            missing.join(", ")
        ),
    }
}

fn read_rows(
    reader: Box<dyn BufRead + Send>,
    sniffed: &Sniffed,
    settings: &Settings,
    records: &mut Records,
    ledger: &mut FileLedger,
) {
    let (reader, mut lines) = lines::counted(reader);
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniffed.delimiter)
        .from_reader(reader);
    let mut record = csv::StringRecord::new();
    loop {
        let result = csv.read_record(&mut record);
        if let Ok(false) = result {
            ledger.skipped(lines.trailing_blank());
            break;
        }
        let breaks = if result.is_ok() {
            lines::line_breaks(&record)
        } else {
            0
        };
        let placed = lines.place(csv.position().byte(), breaks);
        ledger.skipped(placed.blank_before);
        let line = sniffed.header_line + placed.first;
        match result {
            Ok(_) => {
                let row = Row {
                    record: &record,
                    line,
                    header: &sniffed.header,
                    columns: &sniffed.matched.columns,
                    profile: sniffed.matched.profile,
                };
                tally(
                    (sniffed.matched.profile.read)(&row, settings, records),
                    ledger,
                );
            }
            Err(error) => {
                ledger.rejected(unreadable_row(error, line));
                if csv.is_done() {
                    break;
                }
            }
        }
    }
}

fn tally(outcome: Outcome, ledger: &mut FileLedger) {
    match outcome {
        Outcome::Used => ledger.used(),
        Outcome::Skipped => ledger.skipped(1),
        Outcome::Rejected(rejection) => ledger.rejected(rejection),
    }
}

fn unreadable_row(error: csv::Error, line: u64) -> Rejection {
    Rejection {
        line,
        column: None,
        found: None,
        expected: format!("a readable CSV row ({error})"),
    }
}

/// Keeps one record per lead id and per deal id: the same record in two
/// overlapping exports counts once, and the later file (in path order) wins.
/// Returns how many duplicates were merged.
fn merge_duplicates(records: &mut Records) -> u64 {
    let before = records.leads.len() + records.deals.len();
    keep_last_by(&mut records.leads, |l| l.id.clone());
    keep_last_by(&mut records.deals, |d| d.id.clone());
    (before - records.leads.len() - records.deals.len()) as u64
}

fn keep_last_by<T>(items: &mut Vec<T>, key: impl Fn(&T) -> String) {
    let mut last = std::collections::HashMap::new();
    for (index, item) in items.iter().enumerate() {
        last.insert(key(item), index);
    }
    let mut index = 0;
    items.retain(|item| {
        let keep = last.get(&key(item)) == Some(&index);
        index += 1;
        keep
    });
}
