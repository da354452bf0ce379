//! `equinox publish`: records the figures of one review as published.

use crate::{Error, analyse, publish};
use std::path::PathBuf;

/// What `equinox publish` is asked to do.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    pub input: PathBuf,
    /// The period label, `2026-Q3` (any case).
    pub period: String,
    /// When: the publishing machine's clock, or a given time (tests).
    pub at: chrono::DateTime<chrono::Utc>,
}

/// What `equinox publish` recorded.
#[derive(Debug, Clone)]
pub struct PublishSummary {
    pub path: PathBuf,
    pub record: publish::Record,
}

/// Records the figures of one review as published, in the input's
/// published/ folder (replacing an earlier record of that period).
pub fn publish(options: &PublishOptions) -> Result<PublishSummary, Error> {
    let analysis = analyse(&options.input)?;
    let review = analysis
        .reviews
        .iter()
        .find(|r| r.period.label.eq_ignore_ascii_case(&options.period))
        .ok_or_else(|| publish::PublishError::UnknownPeriod {
            period: options.period.clone(),
            available: analysis
                .reviews
                .iter()
                .map(|r| r.period.label.clone())
                .collect(),
        })?;
    let record = publish::record(review, &options.input, options.at)?;
    let path = publish::write(&options.input, &record)?;
    Ok(PublishSummary { path, record })
}

/// `equinox publish`: records, then says what was recorded where.
pub fn run(options: &PublishOptions) -> super::Outcome {
    let summary = publish(options)?;
    let record = &summary.record;
    Ok(format!(
        "Published {} on {}: {} headline figures and the digests of {} input files recorded in {}.\nKeep it with the exports; later builds show any change to these figures as a restatement.\n",
        record.period,
        record.published_at.format("%-d %b %Y"),
        record.headlines.len(),
        record.inputs.len(),
        summary.path.display()
    ))
}
