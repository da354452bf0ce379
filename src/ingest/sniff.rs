//! Finding the header row: skip preamble lines (report titles, date ranges,
//! `#` comments, blank lines), try each delimiter, and take the first line
//! whose cells match an export profile.

use super::header::Header;
use super::profiles::{self, Match, Renames};
use std::io::{self, BufRead, Read};

/// How many lines may come before the header (LinkedIn writes five).
const MAX_PREAMBLE_LINES: usize = 30;
/// Longest line considered while looking for the header.
const MAX_HEADER_LINE_BYTES: u64 = 1024 * 1024;
const DELIMITERS: [u8; 3] = [b',', b'\t', b';'];

/// A recognised export: its profile, header and where the data starts.
#[derive(Debug)]
pub struct Sniffed {
    pub matched: Match,
    pub header: Header,
    pub delimiter: u8,
    /// The header's line number; data starts on the next line.
    pub header_line: u64,
    /// Where the data starts: the bytes of the decoded text up to and
    /// including the header's line.
    pub data_start: u64,
    /// The non-blank lines before the header, unquoted: report titles and
    /// date ranges (`Campaign report`, `July 1, 2026 - September 30, 2026`).
    pub preamble: Vec<String>,
}

/// Why no header was found.
#[derive(Debug)]
pub enum NotRecognised {
    /// The file has no lines at all.
    Empty,
    /// A known kind of file that is not an export Equinox reads.
    WrongKind(&'static str),
    /// No line matched; the nearest profile and what it lacked.
    NoProfile {
        /// The profile with the most columns found, if any column was.
        nearest: Option<&'static str>,
        missing: Vec<&'static str>,
        lines_read: u64,
    },
    Io(io::Error),
}

/// Reads lines from `reader` until the header; the reader is left at the
/// first data line.
pub fn find_header(reader: &mut dyn BufRead, renames: Renames) -> Result<Sniffed, NotRecognised> {
    let mut nearest: Option<Match> = None;
    let mut preamble = Vec::new();
    let mut data_start = 0;
    for line_number in 1..=MAX_PREAMBLE_LINES as u64 {
        let Some((line, length)) = read_line(reader).map_err(NotRecognised::Io)? else {
            if let Some(matched) = profiles::preamble_only(&preamble) {
                // The lines read were all preamble: a report of no rows.
                return Ok(Sniffed {
                    matched,
                    header: Header::new([]),
                    delimiter: b'\t',
                    header_line: line_number - 1,
                    data_start,
                    preamble,
                });
            }
            return Err(no_profile(nearest, line_number - 1));
        };
        data_start += length;
        if let Some(kind) = wrong_kind(&line) {
            return Err(NotRecognised::WrongKind(kind));
        }
        for delimiter in DELIMITERS {
            let header = Header::new(split(&line, delimiter).iter().map(String::as_str));
            let matched = profiles::best_match(&header, renames);
            if matched.missing.is_empty() && header.len() > 1 {
                return Ok(Sniffed {
                    matched,
                    header,
                    delimiter,
                    header_line: line_number,
                    data_start,
                    preamble,
                });
            }
            if nearest.as_ref().is_none_or(|n| matched.found > n.found) {
                nearest = Some(matched);
            }
        }
        let kept = line.trim().trim_matches('"').trim();
        if !kept.is_empty() {
            preamble.push(crate::ledger::shorten(kept));
        }
    }
    Err(no_profile(nearest, MAX_PREAMBLE_LINES as u64))
}

fn no_profile(nearest: Option<Match>, lines_read: u64) -> NotRecognised {
    match nearest {
        None => NotRecognised::Empty,
        Some(m) => NotRecognised::NoProfile {
            nearest: (m.found > 0).then_some(m.profile.name),
            missing: m.missing,
            lines_read,
        },
    }
}

/// Reads one line without its line ending, lossily as UTF-8, capped in
/// length; with the bytes it took from the reader.
fn read_line(reader: &mut dyn BufRead) -> io::Result<Option<(String, u64)>> {
    let mut bytes = Vec::new();
    let n = reader
        .take(MAX_HEADER_LINE_BYTES)
        .read_until(b'\n', &mut bytes)?;
    if n == 0 {
        return Ok(None);
    }
    while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        bytes.pop();
    }
    Ok(Some((
        String::from_utf8_lossy(&bytes).into_owned(),
        n as u64,
    )))
}

fn split(line: &str, delimiter: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(line.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// Files that look like exports but are not performance data.
fn wrong_kind(line: &str) -> Option<&'static str> {
    let lower = line.trim_start_matches('\u{feff}').to_ascii_lowercase();
    if lower.starts_with("row type,action") || lower.starts_with("row type\taction") {
        return Some(
            "a Google Ads Editor bulk-upload sheet, not a performance report; download the campaign report from Google Ads > Campaigns > Download instead",
        );
    }
    None
}
