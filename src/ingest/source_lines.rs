//! The source lines of an export that `check` shows under a problem.

use super::decode;
use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use std::path::Path;

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
