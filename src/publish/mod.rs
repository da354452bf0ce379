//! Publication: a review's figures recorded as published, and every later
//! build compared with that record.
//!
//! `equinox publish 2026-Q3` writes `published/2026-Q3.json` into the
//! input folder, to be kept with the exports: the headline figures and the
//! whole metrics.json as built, when, and a digest of every input file.
//! A later build hands each published review a [`Publication`]: unchanged,
//! or restated with the figures that moved and the files that changed.
//! The site shows the record's date, never the build clock, so the same
//! inputs and records still give the same bytes.

mod digest;
mod restate;

pub use digest::{Digests, FileChanges, combined, input_digests};
pub use restate::{Publication, Restated, compare_all};

use crate::metrics::Review;
use crate::metrics::comparison::HEADLINES;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of the input that holds the records; the ingest walker
/// skips it.
pub const FOLDER: &str = "published";

/// What `equinox publish` records about one review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The period label, `2026-Q3`.
    pub period: String,
    /// When it was published (the publishing machine's clock, UTC).
    pub published_at: DateTime<Utc>,
    pub equinox_version: String,
    /// [`combined`] digest of `inputs`.
    pub inputs_digest: String,
    /// Every input file's digest at publication.
    pub inputs: Digests,
    /// The headline figures as published, by metrics.json name; later
    /// builds compare these.
    pub headlines: BTreeMap<String, Option<f64>>,
    /// The review's metrics.json as built.
    pub metrics: serde_json::Value,
}

/// A published record, as read, with its bytes (copied beside the review).
#[derive(Debug, Clone)]
pub struct Stored {
    pub record: Record,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Why publishing or reading a record failed.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}, line {line}, column {column}: not a publication record ({message}); expected the JSON file `equinox publish` writes; publish the period again to replace it"
    )]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{first} and {second} both record {period}; keep one")]
    Duplicate {
        period: String,
        first: PathBuf,
        second: PathBuf,
    },
    #[error("no review for {period} in this input; the periods are: {}", available.join(", "))]
    UnknownPeriod {
        period: String,
        available: Vec<String>,
    },
}

impl PublishError {
    /// 2 when the user named a wrong period or a record is broken, 1 for
    /// an input or output failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            PublishError::Read { .. } | PublishError::Write { .. } => 1,
            _ => 2,
        }
    }
}

/// The record of `review` as built now from the files in `input`.
pub fn record(review: &Review, input: &Path, at: DateTime<Utc>) -> Result<Record, PublishError> {
    let inputs = input_digests(input).map_err(|source| PublishError::Read {
        path: input.to_path_buf(),
        source,
    })?;
    Ok(Record {
        period: review.period.label.clone(),
        published_at: at,
        equinox_version: env!("CARGO_PKG_VERSION").into(),
        inputs_digest: combined(&inputs),
        inputs,
        headlines: HEADLINES
            .iter()
            .map(|h| (h.key.to_string(), (h.value)(review)))
            .collect(),
        metrics: serde_json::to_value(review).unwrap_or_default(),
    })
}

/// Where the record of `label` lives in `input`.
pub fn record_path(input: &Path, label: &str) -> PathBuf {
    input.join(FOLDER).join(format!("{label}.json"))
}

/// Writes `record` into `input`'s published/ folder, replacing an earlier
/// record of the period; written beside and renamed, so never half-written.
pub fn write(input: &Path, record: &Record) -> Result<PathBuf, PublishError> {
    let path = record_path(input, &record.period);
    let folder = input.join(FOLDER);
    let failed = |source| PublishError::Write {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(&folder).map_err(failed)?;
    let mut bytes = serde_json::to_vec_pretty(record).unwrap_or_default();
    bytes.push(b'\n');
    let staged = folder.join(format!(".{}.json.tmp", record.period));
    std::fs::write(&staged, &bytes).map_err(failed)?;
    std::fs::rename(&staged, &path).map_err(failed)?;
    Ok(path)
}

/// Every record in `input`'s published/ folder, by period label. Files not
/// ending in `.json` (a README) are not records.
pub fn read_records(input: &Path) -> Result<BTreeMap<String, Stored>, PublishError> {
    let folder = input.join(FOLDER);
    let mut records = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(records);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p.is_file())
        .collect();
    paths.sort();
    for path in paths {
        let stored = read_record(&path)?;
        if let Some(first) = records.get(&stored.record.period) {
            let first: &Stored = first;
            return Err(PublishError::Duplicate {
                period: stored.record.period,
                first: first.path.clone(),
                second: path,
            });
        }
        records.insert(stored.record.period.clone(), stored);
    }
    Ok(records)
}

fn read_record(path: &Path) -> Result<Stored, PublishError> {
    let bytes = std::fs::read(path).map_err(|source| PublishError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let record: Record = serde_json::from_slice(&bytes).map_err(|e| PublishError::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: without_position(&e.to_string()),
    })?;
    Ok(Stored {
        record,
        path: path.to_path_buf(),
        bytes,
    })
}

/// serde_json's message without its own " at line L column C", which the
/// error already names.
fn without_position(message: &str) -> String {
    message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(period: &str) -> Record {
        Record {
            period: period.into(),
            published_at: "2026-10-05T09:30:00Z".parse().unwrap(),
            equinox_version: "0.1.0".into(),
            inputs_digest: combined(&Digests::new()),
            inputs: Digests::new(),
            headlines: BTreeMap::from([("funnel.mqls".to_string(), Some(710.0))]),
            metrics: serde_json::json!({"funnel": {"mqls": 710}}),
        }
    }

    #[test]
    fn a_written_record_reads_back_and_other_files_are_no_records() {
        let input = tempfile::tempdir().unwrap();
        let path = write(input.path(), &record("2026-Q3")).unwrap();
        assert_eq!(path, input.path().join("published/2026-Q3.json"));
        std::fs::write(input.path().join("published/README.md"), "kept by hand").unwrap();
        let records = read_records(input.path()).unwrap();
        assert_eq!(records.keys().collect::<Vec<_>>(), ["2026-Q3"]);
        assert_eq!(records["2026-Q3"].record, record("2026-Q3"));
        assert_eq!(records["2026-Q3"].bytes, std::fs::read(path).unwrap());
    }

    #[test]
    fn two_records_of_one_period_are_refused() {
        let input = tempfile::tempdir().unwrap();
        let first = write(input.path(), &record("2026-Q3")).unwrap();
        std::fs::copy(&first, input.path().join("published/copy.json")).unwrap();
        let error = read_records(input.path()).unwrap_err();
        assert!(matches!(error, PublishError::Duplicate { .. }), "{error}");
        assert_eq!(error.exit_code(), 2);
    }

    #[test]
    fn no_published_folder_means_no_records() {
        let input = tempfile::tempdir().unwrap();
        assert!(read_records(input.path()).unwrap().is_empty());
    }
}
