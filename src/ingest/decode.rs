//! Opening a file as a stream of UTF-8: gzip by magic bytes, then the text
//! encoding (BOM, BOM-less UTF-16, Windows-1252 fallback).
//!
//! Real exports arrive as UTF-8 (HubSpot, Google Ads), UTF-8 with BOM
//! (Microsoft Ads), UTF-16LE with BOM and tabs (Google Ads "Excel CSV",
//! LinkedIn) and Windows-1252 (Salesforce for English users).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// How many bytes are inspected to choose the encoding.
const SNIFF_BYTES: usize = 64 * 1024;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const ZIP_MAGIC: [u8; 4] = [b'P', b'K', 3, 4];

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Plain,
    Gzip,
    /// A ZIP archive, or an XLSX workbook (which is a ZIP), renamed to .csv.
    Zip,
}

/// An opened export: its text as UTF-8 bytes, and the encoding it had.
pub struct Decoded {
    pub reader: Box<dyn BufRead + Send>,
    pub encoding: &'static Encoding,
    pub container: Container,
}

/// Opens `path`, undoing gzip (up to `max_expanded` bytes) and transcoding
/// to UTF-8 as it streams.
pub fn open(path: &Path, max_expanded: u64) -> io::Result<Decoded> {
    let mut file = BufReader::new(File::open(path)?);
    let container = container_of(file.fill_buf()?);
    let mut raw: Box<dyn BufRead + Send> = match container {
        Container::Gzip => Box::new(BufReader::new(Capped {
            inner: MultiGzDecoder::new(file),
            left: max_expanded,
            limit: max_expanded,
        })),
        Container::Plain | Container::Zip => Box::new(file),
    };
    let head = peek(&mut raw)?;
    let encoding = sniff_encoding(&head);
    if encoding == encoding_rs::UTF_8 {
        return Ok(Decoded {
            reader: utf8_as_is(head, raw),
            encoding,
            container,
        });
    }
    let text = DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .strip_bom(true)
        .utf8_passthru(true)
        .build(PeekedReader {
            head,
            pos: 0,
            rest: raw,
        });
    Ok(Decoded {
        reader: Box::new(BufReader::with_capacity(64 * 1024, text)),
        encoding,
        container,
    })
}

fn container_of(first: &[u8]) -> Container {
    if first.starts_with(&GZIP_MAGIC) {
        Container::Gzip
    } else if first.starts_with(&ZIP_MAGIC) {
        Container::Zip
    } else {
        Container::Plain
    }
}

/// Reads up to [`SNIFF_BYTES`] from the start of the stream.
fn peek(reader: &mut dyn BufRead) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    reader.take(SNIFF_BYTES as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// UTF-8 needs no transcoding: the bytes go on as they are (without a BOM),
/// so a broken sequence further in reaches the CSV reader and rejects its
/// row instead of being silently replaced.
fn utf8_as_is(mut head: Vec<u8>, rest: Box<dyn BufRead + Send>) -> Box<dyn BufRead + Send> {
    if head.starts_with(b"\xEF\xBB\xBF") {
        head.drain(..3);
    }
    Box::new(BufReader::with_capacity(
        64 * 1024,
        PeekedReader { head, pos: 0, rest },
    ))
}

/// Chooses the encoding from the first bytes: a BOM wins; NUL bytes at odd
/// or even positions mean BOM-less UTF-16; bytes that are not UTF-8 mean
/// Windows-1252 (a superset of ISO-8859-1 for printable text).
pub fn sniff_encoding(head: &[u8]) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return encoding;
    }
    if let Some(utf16) = utf16_by_zero_bytes(head) {
        return utf16;
    }
    if is_utf8_prefix(head) {
        encoding_rs::UTF_8
    } else {
        WINDOWS_1252
    }
}

fn utf16_by_zero_bytes(head: &[u8]) -> Option<&'static Encoding> {
    let sample = &head[..head.len().min(1024) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    let zero_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    // ASCII text in UTF-16 has a zero in almost every pair, on one side only.
    if zero_odd * 10 >= pairs * 7 && zero_even * 10 < pairs {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 7 && zero_odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether `head` is valid UTF-8, allowing a character cut at the end.
fn is_utf8_prefix(head: &[u8]) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && head.len() - e.valid_up_to() < 4,
    }
}

/// Stops a decompressed stream that grows past its limit, so a gzip bomb
/// ends with a message instead of filling the disk or running for hours.
struct Capped<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            io::Error::other(format!(
                "the compressed file expands to more than {} MB; raise [limits] max_expanded_mb in equinox.toml if it is genuine",
                self.limit / (1024 * 1024)
            ))
        })?;
        Ok(n)
    }
}

/// Replays the peeked bytes, then the rest of the stream.
struct PeekedReader {
    head: Vec<u8>,
    pos: usize,
    rest: Box<dyn BufRead + Send>,
}

impl Read for PeekedReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.head.len() {
            let n = (self.head.len() - self.pos).min(buf.len());
            buf[..n].copy_from_slice(&self.head[self.pos..self.pos + n]);
            self.pos += n;
            return Ok(n);
        }
        self.rest.read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_by_first_bytes() {
        assert_eq!(sniff_encoding(b"\xEF\xBB\xBFa,b"), encoding_rs::UTF_8);
        assert_eq!(sniff_encoding(b"\xFF\xFEa\0,\0b\0"), UTF_16LE);
        assert_eq!(sniff_encoding(b"a\0,\0b\0\n\0"), UTF_16LE);
        assert_eq!(sniff_encoding(b"\0a\0,\0b\0\n"), UTF_16BE);
        assert_eq!(sniff_encoding("Caf\u{e9},x".as_bytes()), encoding_rs::UTF_8);
        assert_eq!(sniff_encoding(b"Caf\xE9,x"), WINDOWS_1252);
    }
}
