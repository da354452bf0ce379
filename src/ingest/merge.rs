//! Overlapping exports: one record per lead id and per deal id, the last
//! one read winning.

use crate::model::lead_index::{IdSlots, LeadSlots};
use crate::model::{Deal, Lead, LeadIndex, Records};

/// Keeps one record per lead id and per deal id: the same record in two
/// overlapping exports counts once, and the last one (the newer export,
/// see [`super::read_inputs`]) wins.
/// Returns how many duplicates were merged, and the leads' index when no
/// lead id repeated, for the touch fold (see [`LeadIndex::from_slots`]).
pub(super) fn merge_duplicates(records: &mut Records) -> (u64, Option<LeadSlots>) {
    let before = records.leads.len() + records.deals.len();
    let lead_slots = keep_last_lead(&mut records.leads, records.lead_ids.take());
    keep_last_deal(&mut records.deals, records.deal_ids.take());
    let merged = (before - records.leads.len() - records.deals.len()) as u64;
    (merged, lead_slots)
}

/// The ids of `count` records as one file's check for repeated ids left
/// them, when they still hold (the file is the only one with such
/// records, so no id repeats): nothing to merge, and no id to hash again.
fn checked(ids: Option<IdSlots>, count: usize) -> Option<IdSlots> {
    ids.filter(|ids| ids.distinct() == count)
}

/// Leads are indexed as the touch fold needs them (8-byte slots that it
/// can prefetch); the index is handed on when it still holds, so a
/// million ids are not indexed twice.
fn keep_last_lead(leads: &mut Vec<Lead>, ids: Option<LeadSlots>) -> Option<LeadSlots> {
    if let Some(ids) = checked(ids, leads.len()) {
        return Some(ids);
    }
    let index = LeadIndex::new(leads);
    if index.distinct() == leads.len() {
        return Some(index.into_slots());
    }
    let keep = flags(leads.len(), index.last_positions());
    retain_flagged(leads, keep);
    None
}

fn keep_last_deal(deals: &mut Vec<Deal>, ids: Option<IdSlots>) {
    if checked(ids, deals.len()).is_some() {
        return;
    }
    let last = IdSlots::of_last(deals.len(), |position| &deals[position].id);
    if last.distinct() == deals.len() {
        return;
    }
    let keep = flags(deals.len(), last.positions());
    drop(last);
    retain_flagged(deals, keep);
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

#[cfg(test)]
mod tests {
    use super::super::{append, repeats::Repeats};
    use super::*;
    use crate::model::{Function, Stamp};

    /// One file's records as read: its leads' repeated ids merged, the
    /// table of ids kept beside them.
    fn file(ids: &[&str]) -> Records {
        let created = Stamp::from_unix_seconds(1_700_000_000).unwrap();
        let mut records = Records::default();
        for (n, id) in ids.iter().enumerate() {
            let source = format!("read {n}");
            let lead = Lead::new(id, created, source.as_str().into(), Function::Sales);
            records.leads.push(lead);
        }
        let mut repeats = Repeats::for_rows(0);
        repeats.absorb(&mut records);
        let (lead_ids, deal_ids) = repeats.into_slots();
        (records.lead_ids, records.deal_ids) = (Some(lead_ids), Some(deal_ids));
        records
    }

    fn merged(files: Vec<Records>) -> (Records, u64, Option<LeadSlots>) {
        let mut all = Records::default();
        for more in files {
            append(&mut all, more);
        }
        let (merged, slots) = merge_duplicates(&mut all);
        (all, merged, slots)
    }

    fn found(records: &Records, slots: LeadSlots, id: &str) -> Option<String> {
        let index = LeadIndex::from_slots(&records.leads, slots)?;
        Some(records.leads[index.get(id)?].source.to_string())
    }

    /// The only lead export: its ids, checked for repeats as it was read
    /// (b's second row won), are the index the merge hands on.
    #[test]
    fn a_single_lead_exports_ids_are_handed_on() {
        let (records, merged, slots) = merged(vec![file(&["a", "b", "b"]), file(&[])]);
        assert_eq!(merged, 0);
        let slots = slots.unwrap();
        assert_eq!(
            found(&records, slots.clone(), "b").as_deref(),
            Some("read 2")
        );
        assert_eq!(found(&records, slots, "a").as_deref(), Some("read 0"));
    }

    /// Two lead exports sharing id b: the later file's b wins, once; the
    /// ids are hashed again for the merge, and no index is handed on (the
    /// leads moved once merged).
    #[test]
    fn the_same_id_in_two_exports_is_merged_and_indexed_again() {
        let (records, merged, slots) = merged(vec![file(&["a", "b"]), file(&["b", "c"])]);
        assert_eq!(merged, 1);
        assert!(slots.is_none());
        let kept: Vec<(&str, &str)> = records
            .leads
            .iter()
            .map(|l| (l.id.as_str(), &*l.source))
            .collect();
        assert_eq!(kept, [("a", "read 0"), ("b", "read 0"), ("c", "read 1")]);
    }

    /// Two lead exports with no id in common: nothing merged, and the index
    /// built for the merge is handed on.
    #[test]
    fn two_exports_without_a_common_id_hand_on_the_merges_index() {
        let (records, merged, slots) = merged(vec![file(&["a", "b"]), file(&["c"])]);
        assert_eq!(merged, 0);
        let slots = slots.unwrap();
        assert_eq!(
            found(&records, slots.clone(), "c").as_deref(),
            Some("read 0")
        );
        assert_eq!(found(&records, slots, "d"), None);
    }
}
