//! The file's own line numbers for the row loop, and its blank lines.
//!
//! The csv reader skips blank lines without a word and dates a record from
//! where its read began: before the blank lines that precede it, and, in
//! CRLF files, before the `\n` that ended the previous row. Salesforce
//! reports put blank lines between the data and their footer, and blank
//! lines are skipped lines in the ledger, so the row loop reads through
//! [`Counted`], which notes where every `\n` is, and [`Lines`] turns the end
//! of each record back into its first line and the blank lines before it.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::rc::Rc;

/// Newlines seen by [`Counted`] and not yet placed by [`Lines`].
#[derive(Debug, Default)]
struct Seen {
    /// Offsets of `\n` bytes not yet before any placed record's end.
    offsets: VecDeque<u64>,
    /// Bytes read so far.
    bytes: u64,
    /// The last byte read, to tell whether the stream ends with a newline.
    last: Option<u8>,
    /// Bytes since the last `\n`, to stop a runaway line.
    line_length: u64,
}

/// Longest physical line read. No export writes lines this long; a file
/// that does (a damaged or hostile one) would otherwise be held whole in
/// memory as one record.
pub const MAX_LINE_BYTES: u64 = 16 * 1024 * 1024;

/// A reader that notes the offset of every `\n` passing through it.
pub struct Counted<R> {
    inner: R,
    seen: Rc<RefCell<Seen>>,
}

/// Where a record lies, in lines counted from 1 at the start of the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// The record's first line.
    pub first: u64,
    /// Blank lines between the previous record (or the stream's start) and this one.
    pub blank_before: u64,
}

/// Places records on lines from the newlines [`Counted`] saw.
pub struct Lines {
    seen: Rc<RefCell<Seen>>,
    /// Newlines before the end of the last placed record.
    newlines_before: u64,
    /// The last line of the last placed record (0 before the first).
    last_line: u64,
}

/// Wraps `inner` so that the records read from it can be placed on lines.
pub fn counted<R: Read>(inner: R) -> (Counted<R>, Lines) {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let lines = Lines {
        seen: Rc::clone(&seen),
        newlines_before: 0,
        last_line: 0,
    };
    (Counted { inner, seen }, lines)
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut seen = self.seen.borrow_mut();
        let start = seen.bytes;
        seen.offsets
            .extend(memchr::memchr_iter(b'\n', &buf[..n]).map(|i| start + i as u64));
        seen.line_length = match memchr::memrchr(b'\n', &buf[..n]) {
            Some(at) => (n - at - 1) as u64,
            None => seen.line_length + n as u64,
        };
        if seen.line_length > MAX_LINE_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "a line longer than {} MB; the file is damaged or not an export",
                    MAX_LINE_BYTES / (1024 * 1024)
                ),
            ));
        }
        if n > 0 {
            seen.last = Some(buf[n - 1]);
        }
        seen.bytes += n as u64;
        Ok(n)
    }
}

impl Lines {
    /// Places a record that ends at byte `end` (exclusive: the csv reader's
    /// position after reading it) and holds `line_breaks()` newlines inside
    /// quoted cells. That count is only asked for when the record spans
    /// more than the one newline that ends the previous record: most
    /// records are one line, and scanning each for breaks cost 5% of the
    /// reading thread.
    pub fn place(&mut self, end: u64, line_breaks: impl FnOnce() -> u64) -> Placed {
        // The record's last byte is its terminator (`\n`, or the `\r` of a
        // CRLF), or its last character at the end of the stream: either way
        // on the record's last line.
        let last_byte = end.saturating_sub(1);
        let mut passed = 0;
        {
            let mut seen = self.seen.borrow_mut();
            while seen.offsets.front().is_some_and(|at| *at < last_byte) {
                seen.offsets.pop_front();
                passed += 1;
            }
        }
        self.newlines_before += passed;
        // The newline ending the previous record is passed here, not there.
        let own = u64::from(self.last_line > 0);
        let line_breaks = if passed > own { line_breaks() } else { 0 };
        let last = self.newlines_before + 1;
        let first = last.saturating_sub(line_breaks).max(self.last_line + 1);
        let blank_before = first - self.last_line - 1;
        self.last_line = last.max(first);
        Placed {
            first,
            blank_before,
        }
    }

    /// The last line of the last record placed (0 before the first).
    pub fn last_line(&self) -> u64 {
        self.last_line
    }

    /// Blank lines after the last record, once the stream is exhausted.
    pub fn trailing_blank(&self) -> u64 {
        let seen = self.seen.borrow();
        let newlines = self.newlines_before + seen.offsets.len() as u64;
        let unterminated = seen.last.is_some_and(|b| b != b'\n');
        (newlines + u64::from(unterminated)).saturating_sub(self.last_line)
    }
}

/// Line breaks inside a record's cells.
pub fn line_breaks(record: &csv::StringRecord) -> u64 {
    memchr::memchr_iter(b'\n', record.as_byte_record().as_slice()).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text` as the row loop does: (first line, blank lines before)
    /// per record, then the trailing blank lines.
    fn placed(text: &str) -> (Vec<(u64, u64)>, u64) {
        let (counted, mut lines) = counted(text.as_bytes());
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(counted);
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while csv.read_record(&mut record).expect("readable") {
            let p = lines.place(csv.position().byte(), || line_breaks(&record));
            out.push((p.first, p.blank_before));
        }
        (out, lines.trailing_blank())
    }

    #[test]
    fn blank_lines_before_a_footer_are_counted() {
        let text = "\"a\",\"b\"\n\"c\",\"d\"\n\n\n\"Report\"\n\"Org\"\n";
        assert_eq!(placed(text), (vec![(1, 0), (2, 0), (5, 2), (6, 0)], 0));
    }

    #[test]
    fn crlf_rows_keep_their_own_line_numbers() {
        let text = "a,b\r\nc,d\r\n\r\ne,f\r\n\r\n";
        assert_eq!(placed(text), (vec![(1, 0), (2, 0), (4, 1)], 1));
    }

    #[test]
    fn quoted_line_breaks_and_a_missing_final_newline() {
        let text = "\"multi\nline\",x\n\n\"last\"";
        assert_eq!(placed(text), (vec![(1, 0), (4, 1)], 0));
    }

    #[test]
    fn only_blank_lines_after_the_header() {
        assert_eq!(placed("\n\n"), (vec![], 2));
        assert_eq!(placed(""), (vec![], 0));
    }
}
