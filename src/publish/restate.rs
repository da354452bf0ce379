//! Comparing what a build computes with what was published.

use super::{FileChanges, PublishError, Stored, input_digests};
use crate::metrics::Review;
use crate::metrics::comparison::{HEADLINES, Unit};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::path::Path;

/// One headline figure that differs from its published value.
#[derive(Debug, Clone, PartialEq)]
pub struct Restated {
    /// metrics.json name, `revenue.won_amount`.
    pub key: crate::metrics::Figure,
    pub unit: Unit,
    pub published: Option<f64>,
    pub now: Option<f64>,
}

/// A published review as this build sees it.
#[derive(Debug, Clone)]
pub struct Publication {
    pub published_at: DateTime<Utc>,
    /// Headline figures that changed; empty when the review stands as
    /// published.
    pub restated: Vec<Restated>,
    /// Input files changed since publication (only looked at when a figure
    /// changed).
    pub files: FileChanges,
    /// The record as published, offered for download beside the review.
    pub record: Vec<u8>,
}

impl Publication {
    pub fn is_restated(&self) -> bool {
        !self.restated.is_empty()
    }
}

/// The publication of every review that has a record, by period label.
/// Input digests are computed once, and only when some figure changed.
pub fn compare_all(
    reviews: &[Review],
    records: &BTreeMap<String, Stored>,
    input: &Path,
) -> Result<BTreeMap<String, Publication>, PublishError> {
    let mut publications = BTreeMap::new();
    let mut digests = None;
    for review in reviews {
        let Some(stored) = records.get(&review.period.label) else {
            continue;
        };
        let restated = restated_figures(review, &stored.record.headlines);
        let files = if restated.is_empty() {
            FileChanges::default()
        } else {
            if digests.is_none() {
                digests = Some(input_digests(input).map_err(|source| PublishError::Read {
                    path: input.to_path_buf(),
                    source,
                })?);
            }
            let now = digests.as_ref().expect("computed above");
            FileChanges::between(&stored.record.inputs, now)
        };
        publications.insert(
            review.period.label.clone(),
            Publication {
                published_at: stored.record.published_at,
                restated,
                files,
                record: stored.bytes.clone(),
            },
        );
    }
    Ok(publications)
}

/// The headline figures whose value now differs from the published one.
/// A figure the record does not hold (added to Equinox since) is not a
/// restatement.
pub fn restated_figures(
    review: &Review,
    published: &BTreeMap<String, Option<f64>>,
) -> Vec<Restated> {
    HEADLINES
        .iter()
        .filter_map(|h| {
            let before = *published.get(h.key.key())?;
            let now = (h.value)(review);
            (!same(before, now)).then_some(Restated {
                key: h.key,
                unit: h.unit,
                published: before,
                now,
            })
        })
        .collect()
}

/// Equal, or within rounding noise of a JSON round trip or another
/// machine's floating point (one part in a billion).
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn figures_are_the_same_within_noise_only() {
        assert!(same(Some(12000.5), Some(12000.5 + 1e-9)));
        assert!(!same(Some(12000.5), Some(12000.51)));
        assert!(!same(Some(0.0), None));
        assert!(same(None, None));
    }
}
