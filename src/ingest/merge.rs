//! Overlapping exports: one record per lead id and per deal id, the last
//! one read winning.

use crate::model::lead_index::LeadSlots;
use crate::model::{Lead, LeadIndex, Records};

/// Keeps one record per lead id and per deal id: the same record in two
/// overlapping exports counts once, and the last one (the newer export,
/// see [`super::read_inputs`]) wins.
/// Returns how many duplicates were merged, and the leads' index when no
/// lead id repeated, for the touch fold (see [`LeadIndex::from_slots`]).
pub(super) fn merge_duplicates(records: &mut Records) -> (u64, Option<LeadSlots>) {
    let before = records.leads.len() + records.deals.len();
    let lead_slots = keep_last_lead(&mut records.leads);
    keep_last_by(&mut records.deals, |d| d.id.as_str());
    let merged = (before - records.leads.len() - records.deals.len()) as u64;
    (merged, lead_slots)
}

/// Leads are indexed as the touch fold needs them (8-byte slots that it
/// can prefetch); the index is handed on when it still holds, so a
/// million ids are not indexed twice.
fn keep_last_lead(leads: &mut Vec<Lead>) -> Option<LeadSlots> {
    let index = LeadIndex::new(leads);
    if index.distinct() == leads.len() {
        return Some(index.into_slots());
    }
    let keep = flags(leads.len(), index.last_positions());
    retain_flagged(leads, keep);
    None
}

/// The table of positions takes 10 MB at a million deals, where a map
/// keyed by `&str` takes 50 MB.
fn keep_last_by<T>(items: &mut Vec<T>, key: impl Fn(&T) -> &str) {
    let last = crate::model::activity::last_positions(items, key);
    if last.len() == items.len() {
        return;
    }
    let keep = flags(items.len(), last.iter().map(|&i| i as usize));
    drop(last);
    retain_flagged(items, keep);
}

/// `len` flags, set at `positions`.
fn flags(len: usize, positions: impl Iterator<Item = usize>) -> Vec<bool> {
    let mut keep = vec![false; len];
    for index in positions {
        keep[index] = true;
    }
    keep
}

fn retain_flagged<T>(items: &mut Vec<T>, keep: Vec<bool>) {
    let mut flags = keep.into_iter();
    items.retain(|_| flags.next().unwrap_or(false));
}
