//! How a published review reads: "Published 5 Oct 2026", or the
//! restatement box with each changed figure (as published → now) and the
//! input files that changed since.

use super::sections::unit_value;
use crate::metrics::Review;
use crate::publish::Publication;
use serde::Serialize;

/// The site file beside each published review: the record as published.
pub const RECORD_FILE: &str = "published.json";

/// A review's publication on its page.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationView {
    /// `5 Oct 2026`.
    pub published_on: String,
    pub restated: bool,
    pub figures: Vec<RestatedView>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub modified: Vec<String>,
    /// The record as published, beside the page.
    pub record_href: String,
}

/// One changed headline figure.
#[derive(Debug, Clone, Serialize)]
pub struct RestatedView {
    pub label: String,
    pub published: String,
    pub now: String,
}

/// The view of `publication`, with links relative to `root`.
pub fn view(publication: &Publication, review: &Review, root: &str) -> PublicationView {
    let value = |v: Option<f64>, unit| {
        v.map(|v| unit_value(unit, v, &review.currency))
            .unwrap_or_else(|| "not available".into())
    };
    PublicationView {
        published_on: published_on(publication),
        restated: publication.is_restated(),
        figures: publication
            .restated
            .iter()
            .map(|r| RestatedView {
                label: r.label.into(),
                published: value(r.published, r.unit),
                now: value(r.now, r.unit),
            })
            .collect(),
        added: publication.files.added.clone(),
        removed: publication.files.removed.clone(),
        modified: publication.files.modified.clone(),
        record_href: format!("{root}{RECORD_FILE}"),
    }
}

/// The day of publication as pages show it: `5 Oct 2026`.
pub fn published_on(publication: &Publication) -> String {
    publication.published_at.format("%-d %b %Y").to_string()
}
