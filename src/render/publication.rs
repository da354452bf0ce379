//! How a published review reads: "Published 5 Oct 2026", or the
//! restatement box with each changed figure (as published → now) and the
//! input files that changed since.

use super::sections::unit_value;
use crate::metrics::Review;
use crate::metrics::comparison::Unit;
use crate::metrics::words::money_cents;
use crate::publish::{Publication, Restated};
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
    PublicationView {
        published_on: published_on(publication),
        restated: publication.is_restated(),
        figures: publication
            .restated
            .iter()
            .map(|r| restated_view(r, &review.currency))
            .collect(),
        added: publication.files.added.clone(),
        removed: publication.files.removed.clone(),
        modified: publication.files.modified.clone(),
        record_href: format!("{root}{RECORD_FILE}"),
    }
}

/// A changed figure as the page writes it; when both values read the
/// same at the page's usual precision (a win rate of 30.9% and 31.0% are
/// both "31%"), they are written more precisely, so the change shows.
fn restated_view(r: &Restated, currency: &str) -> RestatedView {
    let usual = |v: Option<f64>| {
        v.map(|v| unit_value(r.unit, v, currency))
            .unwrap_or_else(|| "not available".into())
    };
    let (mut published, mut now) = (usual(r.published), usual(r.now));
    if published == now {
        let precise = |v: Option<f64>| v.map(|v| precise(r.unit, v, currency)).unwrap_or_default();
        (published, now) = (precise(r.published), precise(r.now));
    }
    RestatedView {
        label: super::labels::label(r.key).into(),
        published,
        now,
    }
}

fn precise(unit: Unit, value: f64, currency: &str) -> String {
    match unit {
        Unit::Share => format!("{:.2}%", value * 100.0),
        Unit::Money => money_cents(value, currency),
        _ => format!("{value:.4}"),
    }
}

/// The day of publication as pages show it: `5 Oct 2026`.
pub fn published_on(publication: &Publication) -> String {
    publication.published_at.format("%-d %b %Y").to_string()
}
