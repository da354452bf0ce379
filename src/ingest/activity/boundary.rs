//! Finding where a row starts in the middle of a CSV text, from a few
//! bytes read there, so that one large export can be cut into chunks read
//! side by side.
//!
//! A newline ends a row only outside quotes, and whether a byte is inside
//! quotes depends on every quote before it. Instead of counting them from
//! the start of the file, both answers are followed from the cut: "outside
//! quotes here" and "inside". Each quote then opens or closes a field under
//! one answer and the reverse under the other, and in a well-formed file
//! (RFC 4180: a quoted field starts after a delimiter or a row's end, ends
//! before one, and doubles its inner quotes) an opening quote follows a
//! delimiter, a line break or a quote, and a closing quote is followed by
//! one. The wrong answer breaks that rule at the first quoted field that
//! starts or ends with an ordinary character, usually within a row of the
//! cut; the first newline outside quotes under the answer left standing
//! is a row start.
//!
//! A text with no such field near the cut (no quotes at all, or only empty
//! quoted cells) leaves both answers standing: the row start is then a
//! guess that the cut is outside quotes, which the chunked reader settles
//! by counting the quotes before the cut ([`row_start_known`]). Whatever
//! is found, the chunked reader checks it (see [`super::chunks`]): its
//! results never depend on a cut being right.

/// A row start found after a cut, as offsets into the bytes searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowStart {
    /// Where the CSV reader ends the row before: after its `\n`, or after
    /// the `\r` of a CRLF (the reader leaves the `\n` for the next read).
    pub row_end: usize,
    /// The first byte of the row.
    pub at: usize,
    /// Whether the quotes after the cut proved it; `false` when the row
    /// start is a guess that the cut lies outside quotes.
    pub certain: bool,
}

/// One of the two answers to "is the cut inside quotes?", followed through
/// the bytes after it.
#[derive(Debug, Clone, Copy)]
struct Reading {
    in_quotes: bool,
    refuted: bool,
    /// The first row start this reading sees.
    row_start: Option<usize>,
}

impl Reading {
    fn new(in_quotes: bool) -> Reading {
        Reading {
            in_quotes,
            refuted: false,
            row_start: None,
        }
    }

    /// Takes the quote at `i` as opening or closing a field, whichever this
    /// reading says it does, and checks that its neighbour allows it.
    fn quote(&mut self, bytes: &[u8], i: usize, delimiter: u8) {
        let fits = |b: u8| b == delimiter || b == b'\n' || b == b'\r' || b == b'"';
        let allowed = match self.in_quotes {
            // Closing: the byte after is beyond the bytes read, or fits.
            true => bytes.get(i + 1).is_none_or(|&b| fits(b)),
            // Opening: the byte before is before the cut, or fits.
            false => i == 0 || fits(bytes[i - 1]),
        };
        self.refuted |= !allowed;
        self.in_quotes = !self.in_quotes;
    }

    fn newline(&mut self, bytes: &[u8], i: usize) {
        if !self.in_quotes && self.row_start.is_none() && starts_row(bytes, i) {
            self.row_start = Some(i + 1);
        }
    }
}

/// Whether the newline at `i` (outside quotes) is followed by a row: the
/// next byte is known and starts a non-blank line, and the line it ends is
/// not blank either. Blank lines are left inside a chunk, where the row
/// loop counts them as skipped.
fn starts_row(bytes: &[u8], i: usize) -> bool {
    let before = if i > 0 && bytes[i - 1] == b'\r' {
        i - 1
    } else {
        i
    };
    let line_break = |b: &u8| *b == b'\n' || *b == b'\r';
    let next_is_text = bytes.get(i + 1).is_some_and(|b| !line_break(b));
    let line_has_text = before > 0 && !line_break(&bytes[before - 1]);
    next_is_text && line_has_text
}

/// The first row start in `bytes`, read from a cut in a CSV text with
/// `delimiter`; `None` when both readings break the quoting rule (the text
/// is not well-formed there) or no row starts in `bytes`.
pub fn row_start(bytes: &[u8], delimiter: u8) -> Option<RowStart> {
    let mut outside = Reading::new(false);
    let mut inside = Reading::new(true);
    for i in memchr::memchr2_iter(b'"', b'\n', bytes) {
        let step = |reading: &mut Reading| match bytes[i] {
            b'"' => reading.quote(bytes, i, delimiter),
            _ => reading.newline(bytes, i),
        };
        step(&mut outside);
        step(&mut inside);
        match (outside.refuted, inside.refuted) {
            (true, true) => return None,
            (false, true) if outside.row_start.is_some() => break,
            (true, false) if inside.row_start.is_some() => break,
            _ => {}
        }
    }
    let (reading, certain) = match (outside.refuted, inside.refuted) {
        (false, true) => (outside, true),
        (true, false) => (inside, true),
        (false, false) => (outside, false),
        (true, true) => return None,
    };
    reading.row_start.map(|at| RowStart::of(bytes, at, certain))
}

/// The first row start in `bytes`, read from a cut known to be inside
/// quotes or outside (counted from the start of the text).
pub fn row_start_known(bytes: &[u8], in_quotes: bool) -> Option<RowStart> {
    let mut reading = Reading::new(in_quotes);
    for i in memchr::memchr2_iter(b'"', b'\n', bytes) {
        match bytes[i] {
            b'"' => reading.in_quotes = !reading.in_quotes,
            _ => reading.newline(bytes, i),
        }
        if let Some(at) = reading.row_start {
            return Some(RowStart::of(bytes, at, true));
        }
    }
    None
}

impl RowStart {
    fn of(bytes: &[u8], at: usize, certain: bool) -> RowStart {
        let crlf = at >= 2 && bytes[at - 2] == b'\r';
        RowStart {
            row_end: if crlf { at - 1 } else { at },
            at,
            certain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn found(text: &str) -> Option<(usize, usize, bool)> {
        row_start(text.as_bytes(), b',').map(|r| (r.row_end, r.at, r.certain))
    }

    #[test]
    fn a_cut_inside_a_quoted_cell_finds_the_next_row() {
        // Cut inside "b,c": the newline inside the next cell is not a row's end.
        let text = "b,c\",\"x\ny\"\n\"d\",\"e\"\n";
        assert_eq!(found(text), Some((11, 11, true)));
        // Cut outside quotes, just after a row's first cell.
        let text = ",\"note\nmore\"\n\"a\",\"b\"\n";
        assert_eq!(found(text), Some((13, 13, true)));
    }

    #[test]
    fn crlf_rows_end_before_their_newline() {
        let text = "a\",\"b\"\r\n\"c\",\"d\"\r\n";
        assert_eq!(found(text), Some((7, 8, true)));
    }

    #[test]
    fn blank_lines_are_not_cut_at() {
        let text = "\"a\"\n\n\"b\",\"c\"\n\"d\"\n";
        // Not after the blank line, nor before it: after the row that follows.
        assert_eq!(found(text), Some((13, 13, true)));
    }

    #[test]
    fn without_quotes_the_row_start_is_a_guess() {
        assert_eq!(found("3,Zoe\n4,Ann\n"), Some((6, 6, false)));
        assert_eq!(found("3,Zoe"), None, "no row starts in the bytes read");
    }

    #[test]
    fn with_the_quotes_counted_the_row_start_is_known() {
        let text = "note\nmore\",x\n\"a\"\n";
        let known = |in_quotes| row_start_known(text.as_bytes(), in_quotes).map(|r| r.at);
        assert_eq!(found("note\nmore\n"), Some((5, 5, false)), "a guess");
        assert_eq!(known(false), Some(5));
        // Inside a cell: `more` is in it, and the quote after closes it.
        assert_eq!(known(true), Some(13));
    }

    #[test]
    fn a_text_broken_both_ways_has_no_row_start() {
        // `x"y` is not RFC 4180 whichever side of a quote the cut is.
        assert_eq!(found("a\"b\n\"c\"d\ne\n"), None);
    }

    /// A cell as written: bare text, or quoted text that may hold quotes
    /// (doubled), delimiters and line breaks.
    fn cell() -> impl Strategy<Value = String> {
        let bare = "[a-z0-9 ]{0,6}";
        let quoted = prop::collection::vec(
            prop_oneof![
                4 => "[a-z0-9 ]{1,4}",
                1 => Just("\"\"".to_string()),
                1 => Just(",".to_string()),
                1 => Just("\n".to_string()),
                1 => Just("\r\n".to_string()),
            ],
            0..5,
        )
        .prop_map(|parts| format!("\"{}\"", parts.concat()));
        prop_oneof![bare, quoted]
    }

    /// Rows of cells ending in LF or CRLF, some after a blank line; with
    /// the offset where each row starts.
    fn text() -> impl Strategy<Value = (String, Vec<usize>)> {
        let row = (
            prop::collection::vec(cell(), 1..5),
            any::<bool>(),
            prop::bool::weighted(0.1),
        );
        prop::collection::vec(row, 1..40).prop_map(|rows| {
            let mut text = String::new();
            let mut starts = Vec::new();
            for (cells, crlf, blank_before) in rows {
                let end = if crlf { "\r\n" } else { "\n" };
                if blank_before {
                    text.push_str(end);
                }
                starts.push(text.len());
                text.push_str(&cells.join(","));
                text.push_str(end);
            }
            (text, starts)
        })
    }

    /// Every record of `bytes` as the CSV reader gives it, with where each
    /// one ends.
    fn records(bytes: &[u8]) -> (Vec<csv::ByteRecord>, Vec<u64>) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let (mut all, mut ends) = (Vec::new(), Vec::new());
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).expect("well-formed") {
            all.push(record.clone());
            ends.push(reader.position().byte());
        }
        (all, ends)
    }

    proptest! {
        /// Issue 13: whatever the cut, a row start found for certain, or
        /// with the quotes before the cut counted, is a row's first byte;
        /// the CSV reader ends the row before where it says, and the two
        /// sides read apart give the records of the whole.
        #[test]
        fn a_certain_row_start_is_where_a_row_starts((text, starts) in text(), cut in 0..2000usize) {
            let bytes = text.as_bytes();
            let cut = cut % bytes.len();
            let in_quotes = bytes[..cut].iter().filter(|&&b| b == b'"').count() % 2 == 1;
            if let Some(known) = row_start_known(&bytes[cut..], in_quotes) {
                prop_assert!(starts.contains(&(cut + known.at)), "{} is no row start", cut + known.at);
            }
            let Some(found) = row_start(&bytes[cut..], b',') else {
                return Ok(());
            };
            let (at, row_end) = (cut + found.at, cut + found.row_end);
            prop_assert!(at > cut && at < bytes.len());
            if !found.certain {
                return Ok(());
            }
            prop_assert!(starts.contains(&at), "{at} is no row start");
            let (whole, ends) = records(bytes);
            prop_assert!(ends.contains(&(row_end as u64)), "the reader ends no row at {row_end}");
            let (mut apart, _) = records(&bytes[..at]);
            apart.extend(records(&bytes[at..]).0);
            prop_assert_eq!(apart, whole);
        }

        /// Where every cell is quoted and starts and ends with a letter
        /// (as HubSpot writes its exports), every cut followed by two
        /// whole rows finds a row start for certain.
        #[test]
        fn quoted_exports_leave_no_doubt(
            rows in prop::collection::vec(prop::collection::vec("[a-z]( |\n|,|\"\"|[a-z]){0,5}[a-z]", 1..4), 3..20),
            cut in 0..2000usize,
        ) {
            let lines: Vec<String> = rows
                .iter()
                .map(|cells| cells.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(","))
                .collect();
            let text = lines.join("\n") + "\n";
            let last_two = lines[lines.len() - 2].len() + lines[lines.len() - 1].len() + 2;
            let cut = cut % (text.len() - last_two);
            let found = row_start(&text.as_bytes()[cut..], b',');
            prop_assert!(found.is_some_and(|f| f.certain), "{found:?} at {cut}");
        }
    }
}
