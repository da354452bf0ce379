//! An activity export read in parts gives what reading it whole gives:
//! every figure of the fold, every count and every rejection's line.

use super::*;
use crate::ingest::read::read_file_as;
use crate::ingest::{Touches, decode, sniff};
use crate::model::{Deal, Function, Lead, Money, Outcome, Stamp};
use chrono::NaiveDateTime;
use std::path::Path;

fn at(text: &str) -> Stamp {
    Stamp::new(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()).unwrap()
}

/// Leads 1000 to 1019 (every fifth never ready), and won deals on 1000
/// and on 1003 with 1099, an id no lead has.
fn targets_records() -> Records {
    let leads = (0..20)
        .map(|i| {
            let lead = Lead::new(
                &format!("{}", 1000 + i),
                at("2026-07-01 08:00"),
                "Paid Search".into(),
                Function::Marketing,
            );
            let ready = (i % 5 != 4).then(|| at("2026-07-02 09:00"));
            Lead {
                ready_at: ready,
                ..lead
            }
        })
        .collect();
    let won = |ids: &[&str]| Deal {
        id: format!("D-{}", ids.join("-")).into(),
        created_at: at("2026-07-02 08:00"),
        closed_at: Some(at("2026-07-20 12:00")),
        outcome: Outcome::Won,
        amount: Money::ZERO,
        source: "".into(),
        function: Function::Sales,
        owner: None,
        weight: None,
        lead_ids: ids.iter().map(|&id| id.into()).collect(),
    };
    Records {
        leads,
        deals: vec![won(&["1000"]), won(&["1003", "1099"])],
        ..Records::default()
    }
}

const HEADER: &str = "\"Record ID\",\"Activity date\",\"Activity type\",\"Activity assigned to\",\"Call notes\",\"Associated Contact IDs\"";

/// A HubSpot activities export written for the test, and what was written
/// into it: the lines of the rows that must be rejected, and the lines
/// that are not data.
struct Export {
    text: String,
    rejected_lines: Vec<u64>,
    data_rows: u64,
    skipped_lines: u64,
}

impl Export {
    /// A title line and the header, then `rows` rows: LF and CRLF ends,
    /// blank lines, notes with quotes, commas and line breaks, rows with
    /// two contacts, with none (rejected) and with no date (rejected);
    /// two blank lines at the end.
    fn new(rows: usize) -> Export {
        let mut export = Export {
            text: format!("\"All calls and meetings\"\n{HEADER}\n"),
            rejected_lines: Vec::new(),
            data_rows: 0,
            skipped_lines: 2,
        };
        for i in 0..rows {
            export.row(i, None);
        }
        export.text.push_str("\n\n");
        export.skipped_lines += 2;
        export
    }

    /// The line the next row starts on.
    fn next_line(&self) -> u64 {
        self.text.matches('\n').count() as u64 + 1
    }

    fn row(&mut self, i: usize, notes: Option<&str>) {
        let end = if i.is_multiple_of(3) { "\r\n" } else { "\n" };
        if i % 17 == 5 {
            self.text.push_str(end);
            self.skipped_lines += 1;
        }
        let date = match i % 19 {
            7 => String::new(),
            _ => format!("2026-07-{:02} {:02}:{:02}", i % 28 + 1, i % 24, i % 60),
        };
        let kind = ["Call", "Email", "Meeting"][i % 3];
        let owner = ["Ann", "Bo", "Cy", "Dee", ""][i % 5];
        let notes = notes.map(str::to_string).unwrap_or_else(|| match i % 4 {
            0 => format!("called {i}, \"left a message\"\r\nwill retry\nlater"),
            _ => "ok".to_string(),
        });
        let contacts = match i % 13 {
            6 => String::new(),
            3 => format!("{};{}", 1000 + i % 20, 1000 + (i + 7) % 20),
            _ => format!("{}", 1000 + (i * 7) % 23),
        };
        if date.is_empty() || contacts.is_empty() {
            self.rejected_lines.push(self.next_line());
        }
        self.data_rows += 1;
        let cells = [
            &format!("{}", 7000 + i),
            &date,
            kind,
            owner,
            &notes,
            &contacts,
        ];
        let quoted: Vec<String> = cells.iter().map(|c| quoted(c)).collect();
        self.text.push_str(&quoted.join(","));
        self.text.push_str(end);
    }

    fn write(&self, dir: &Path) -> std::path::PathBuf {
        let path = dir.join("hubspot-crm-exports-all-calls-2026-07-31.csv");
        std::fs::write(&path, &self.text).expect("written");
        path
    }
}

/// A cell as HubSpot writes it: quoted, its quotes doubled.
fn quoted(cell: &str) -> String {
    format!("\"{}\"", cell.replace('"', "\"\""))
}

/// The file read as ingest reads activity exports, in `parts` parts.
fn read_in_parts(path: &Path, records: &Records, parts: usize) -> (Activity, FileLedger) {
    let targets = Targets::new(records, None, None);
    let touches = Touches::Fold(&targets, forced(parts));
    let root = path.parent().expect("in a folder");
    let (read, ledger) =
        read_file_as(root, path, &Settings::default(), touches).expect("an activity export");
    (read.activity, ledger)
}

/// The file's header found as ingest finds it, and the file's context
/// for `with`.
fn with_context<T>(
    path: &Path,
    with: impl FnOnce(&FileContext, Box<dyn BufRead + Send>) -> T,
) -> T {
    let decoded = decode::open(path, u64::MAX).expect("readable");
    let mut reader = decoded.reader;
    let sniffed = sniff::find_header(&mut reader, &|_| None).expect("recognised");
    let file = FileContext {
        path,
        name: "calls.csv",
        sniffed: &sniffed,
        forced_date_order: None,
        max_expanded_bytes: u64::MAX,
        stated: None,
        plain: true,
    };
    with(&file, reader)
}

fn forced(parts: usize) -> Chunking {
    Chunking {
        parts,
        min_bytes: 0,
    }
}

/// Where [`plan`] cuts the file into `parts`.
fn cuts(path: &Path, parts: usize) -> Vec<Cut> {
    with_context(path, |file, _| {
        plan(file, forced(parts)).map_or_else(Vec::new, |plan| plan.cuts)
    })
}

/// How many of the `parts` the file is cut into are read and joined.
fn parts_joined(path: &Path, records: &Records, parts: usize) -> usize {
    read_planned(path, records, |file| {
        plan(file, forced(parts)).expect("cut")
    })
    .2
}

/// The file read in the parts `planned` cuts it into: the joined fold,
/// its ledger and how many parts were joined.
fn read_planned(
    path: &Path,
    records: &Records,
    planned: impl FnOnce(&FileContext) -> Plan,
) -> (Activity, FileLedger, usize) {
    let targets = Targets::new(records, None, None);
    with_context(path, |file, reader| {
        let (plan, later) = planned(file).open(file).expect("opened");
        let settings = Settings::default();
        let parts = Parts {
            plan: &plan,
            file,
            settings: &settings,
            targets: &targets,
        };
        let mut ledger = FileLedger::new(String::new());
        let (activity, joined) = parts.read(reader, later, &mut ledger);
        (activity, ledger, joined)
    })
}

#[test]
fn any_number_of_parts_reads_as_the_whole_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let export = Export::new(600);
    let path = export.write(dir.path());
    let records = targets_records();
    let (whole, whole_ledger) = read_in_parts(&path, &records, 1);
    // Hand-checked against what was written.
    let lines: Vec<u64> = whole_ledger.rejections.iter().map(|r| r.line).collect();
    assert_eq!(lines, export.rejected_lines);
    assert_eq!(whole_ledger.rows_read, export.data_rows);
    assert_eq!(
        whole_ledger.rows_rejected,
        export.rejected_lines.len() as u64
    );
    assert_eq!(whole_ledger.lines_skipped, export.skipped_lines);
    assert!(whole.of_lead(0).is_some() && whole.of_won_deal(1) > 0);
    for parts in [2, 3, 4, 7, 16] {
        assert_eq!(parts_joined(&path, &records, parts), parts);
        let (activity, ledger) = read_in_parts(&path, &records, parts);
        assert_eq!(ledger, whole_ledger, "{parts} parts");
        assert_eq!(activity, whole, "{parts} parts");
    }
}

/// A rejected row in the second half, after rows with line breaks in
/// their notes before the cut, is named by its own line in the file.
#[test]
fn a_rejection_after_the_cut_names_its_line_in_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let export = Export::new(200);
    let path = export.write(dir.path());
    let cut = cuts(&path, 2)[0];
    let cut_line = export.text[..cut.at as usize].matches('\n').count() as u64 + 1;
    let after: Vec<u64> = (export.rejected_lines.iter().copied())
        .filter(|&line| line > cut_line)
        .collect();
    assert!(!after.is_empty());
    let breaks_before = export.text[..cut.at as usize]
        .matches("\nwill retry")
        .count();
    assert!(breaks_before > 10, "notes before the cut hold line breaks");
    let (_, ledger) = read_in_parts(&path, &targets_records(), 2);
    let lines: Vec<u64> = ledger.rejections.iter().map(|r| r.line).collect();
    assert!(after.iter().all(|line| lines.contains(line)), "{lines:?}");
    assert_eq!(lines, export.rejected_lines);
}

/// An export with a quoted cell longer than the bytes read at a cut, and
/// the range of that cell.
fn export_with_a_long_cell() -> (Export, std::ops::Range<usize>) {
    let mut export = Export::new(20);
    export.text.truncate(export.text.len() - 2);
    export.skipped_lines -= 2;
    let long: String = (0..1_500)
        .map(|i| format!("note line {i:05}: {}\n", "x".repeat(90)))
        .collect();
    let start = export.text.len();
    export.row(20, Some(&long));
    let cell = start..export.text.len();
    for i in 21..1500 {
        export.row(i, None);
    }
    (export, cell)
}

/// Near a cut inside a quoted cell too long to see its end from there,
/// nothing tells whether the cut is inside quotes: the quotes before it
/// are counted, and no part starts inside the cell.
#[test]
fn no_part_starts_inside_a_long_quoted_cell() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (export, cell) = export_with_a_long_cell();
    let path = export.write(dir.path());
    // The cut at 1/4 falls inside the cell, more than the bytes read from
    // its end; the one at 2/4 near its end; the one at 3/4 after it.
    let cuts: Vec<u64> = cuts(&path, 4).iter().map(|c| c.at).collect();
    assert_eq!(cuts.len(), 2, "{cuts:?}, the cell ends at {}", cell.end);
    assert!(cuts.iter().all(|&at| at >= cell.end as u64));
    let records = targets_records();
    let whole = read_in_parts(&path, &records, 1);
    assert_eq!(whole.1.rows_read, 1500);
    for parts in [2, 4] {
        assert_eq!(
            read_in_parts(&path, &records, parts),
            whole,
            "{parts} parts"
        );
    }
}

/// A wrong cut (inside the cell) is read past: the first part reads on
/// to the end and the part that started there is dropped.
#[test]
fn a_wrong_cut_is_read_past() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (export, cell) = export_with_a_long_cell();
    let path = export.write(dir.path());
    let records = targets_records();
    let (whole, whole_ledger) = read_in_parts(&path, &records, 1);
    let inside = cell.start + export.text[cell.clone()].find('\n').expect("lines") + 1;
    let wrong = Cut {
        row_end: inside as u64,
        at: inside as u64,
    };
    let (activity, ledger, joined) = read_planned(&path, &records, |file| Plan {
        data_start: file.sniffed.data_start,
        cuts: vec![wrong],
    });
    assert_eq!(joined, 1);
    assert_eq!(activity, whole);
    assert_eq!(ledger.rejections, whole_ledger.rejections);
    assert_eq!(ledger.rows_read, whole_ledger.rows_read);
    assert_eq!(ledger.rows_used, whole_ledger.rows_used);
}

/// Other encodings and short files are read whole.
#[test]
fn only_plain_long_files_are_cut() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = Export::new(300).write(dir.path());
    let length = std::fs::metadata(&path).expect("written").len();
    with_context(&path, |file, _| {
        let cut = |file: &FileContext, min_bytes| {
            plan(
                file,
                Chunking {
                    parts: 2,
                    min_bytes,
                },
            )
        };
        assert!(cut(file, length).is_some());
        assert!(cut(file, length + 1).is_none(), "shorter than the minimum");
        let file = FileContext {
            plain: false,
            ..*file
        };
        assert!(cut(&file, 0).is_none(), "not plain UTF-8");
    });
}

/// The byte order mark some exports start with is not in the text the
/// header was found in: the parts still start at rows.
#[test]
fn a_byte_order_mark_moves_every_cut() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut export = Export::new(150);
    export.text.insert(0, '\u{feff}');
    let path = export.write(dir.path());
    let records = targets_records();
    let whole = read_in_parts(&path, &records, 1);
    assert_eq!(whole.1.rows_read, 150);
    assert_eq!(read_in_parts(&path, &records, 3), whole);
    assert_eq!(parts_joined(&path, &records, 3), 3);
}
