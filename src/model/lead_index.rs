//! Lead positions by lead id, for lookups of millions of touches.
//!
//! Activity exports are sorted by date, so each touch names a lead at a
//! random place among a million: a lookup is a cache miss on the table,
//! then one on the lead's id to confirm it. The table is open addressing
//! over one array of 8-byte slots, each holding a tag of the id's hash and
//! the lead's position, so that a batch of touches can hash every id,
//! prefetch every slot, then every lead, before reading any: the misses of
//! a batch overlap instead of following one another.

use super::Lead;
use std::hash::BuildHasher;

/// Lead positions by id; where an id repeats, the last lead wins (ingest
/// merges repeated ids, so it does not in practice).
#[derive(Debug, Clone)]
pub struct LeadIndex<'a> {
    leads: &'a [Lead],
    /// `0` when empty, else the hash's tag in the high half and the
    /// position plus one in the low half.
    slots: Vec<u64>,
    /// Bits of the hash that pick a slot.
    bits: u32,
    /// How many different ids the leads have.
    distinct: usize,
}

/// A [`LeadIndex`] without its hold on the leads, to hand on while they
/// move: ingest's merge of repeated ids builds it, and when no id
/// repeated, the touch fold uses it instead of building its own.
#[derive(Debug, Clone)]
pub struct LeadSlots {
    slots: Vec<u64>,
    bits: u32,
    distinct: usize,
}

/// An id's hash, as the index uses it.
#[derive(Debug, Clone, Copy)]
pub struct IdHash(u64);

impl IdHash {
    /// The hash of `id`.
    pub fn of(id: &str) -> IdHash {
        // FxHash is fast but weak in its low bits; the multiply spreads it
        // so the slot comes from the high bits and the tag from the low.
        let hash = rustc_hash::FxBuildHasher.hash_one(id);
        IdHash(hash.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    fn tag(self) -> u64 {
        self.0 & 0xFFFF_FFFF_0000_0000
    }
}

/// What the first slot of a probe said before the lead is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// No lead has this id.
    Absent,
    /// The lead at this position probably has it: its hash's tag matches.
    Likely(usize),
}

impl<'a> LeadIndex<'a> {
    /// Indexes `leads` by id.
    pub fn new(leads: &'a [Lead]) -> LeadIndex<'a> {
        assert!(leads.len() < u32::MAX as usize, "at most 4 billion leads");
        // At most 7/8 full: a probe rarely leaves its first cache line of
        // 8 slots, and 5M leads take 64 MB, where half full would take 128.
        let bits = (leads.len() / 7 * 8 + 8)
            .next_power_of_two()
            .max(16)
            .trailing_zeros();
        let mut index = LeadIndex {
            leads,
            slots: vec![0; 1 << bits],
            bits,
            distinct: 0,
        };
        // Inserts land at random in a table of megabytes: hashing a few
        // ids ahead and prefetching their slots overlaps the misses.
        const AHEAD: usize = 16;
        let hash = |position: usize| IdHash::of(&leads[position].id);
        for position in 0..leads.len() {
            if position + AHEAD < leads.len() {
                index.prefetch(hash(position + AHEAD));
            }
            index.insert(hash(position), position);
        }
        index
    }

    fn insert(&mut self, hash: IdHash, position: usize) {
        let value = hash.tag() | (position as u64 + 1);
        let id = &self.leads[position].id;
        let mut slot = self.home(hash);
        loop {
            let held = self.slots[slot];
            if held == 0 || (held & 0xFFFF_FFFF_0000_0000 == hash.tag() && self.id_at(held) == id) {
                self.distinct += usize::from(held == 0);
                self.slots[slot] = value;
                return;
            }
            slot = (slot + 1) & (self.slots.len() - 1);
        }
    }

    /// The index of the same leads, from what [`LeadIndex::into_slots`]
    /// kept of it; `None` unless the leads are as many as the slots hold
    /// (they moved, but none was added or removed).
    pub fn from_slots(leads: &'a [Lead], slots: LeadSlots) -> Option<LeadIndex<'a>> {
        (slots.distinct == leads.len()).then_some(LeadIndex {
            leads,
            slots: slots.slots,
            bits: slots.bits,
            distinct: slots.distinct,
        })
    }

    /// The slots without the leads, to rebuild the index with
    /// [`LeadIndex::from_slots`] once the leads have moved.
    pub fn into_slots(self) -> LeadSlots {
        LeadSlots {
            slots: self.slots,
            bits: self.bits,
            distinct: self.distinct,
        }
    }

    /// How many different ids the leads have.
    pub fn distinct(&self) -> usize {
        self.distinct
    }

    /// The position of the last lead with each id, in no particular order.
    pub fn last_positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots
            .iter()
            .filter(|&&held| held != 0)
            .map(|&held| Self::position(held))
    }

    fn home(&self, hash: IdHash) -> usize {
        (hash.0 >> (64 - self.bits)) as usize
    }

    fn position(held: u64) -> usize {
        (held & 0xFFFF_FFFF) as usize - 1
    }

    fn id_at(&self, held: u64) -> &str {
        &self.leads[Self::position(held)].id
    }

    /// The position of the lead with this id.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.get_hashed(id, IdHash::of(id))
    }

    /// [`LeadIndex::get`] with the hash already known.
    pub fn get_hashed(&self, id: &str, hash: IdHash) -> Option<usize> {
        let mut slot = self.home(hash);
        loop {
            let held = self.slots[slot];
            if held == 0 {
                return None;
            }
            if held & 0xFFFF_FFFF_0000_0000 == hash.tag() && self.id_at(held) == id {
                return Some(Self::position(held));
            }
            slot = (slot + 1) & (self.slots.len() - 1);
        }
    }

    /// Asks the processor to fetch the slot `hash` starts at, ahead of
    /// [`LeadIndex::probe`].
    pub fn prefetch(&self, hash: IdHash) {
        prefetch(&self.slots[self.home(hash)]);
    }

    /// The first lead whose tag matches, without reading any lead: confirm
    /// with [`LeadIndex::confirm`].
    pub fn probe(&self, hash: IdHash) -> Probe {
        let mut slot = self.home(hash);
        loop {
            let held = self.slots[slot];
            if held == 0 {
                return Probe::Absent;
            }
            if held & 0xFFFF_FFFF_0000_0000 == hash.tag() {
                return Probe::Likely(Self::position(held));
            }
            slot = (slot + 1) & (self.slots.len() - 1);
        }
    }

    /// The position of the lead with `id`, given what [`LeadIndex::probe`]
    /// said: the likely lead when its id matches, else a whole lookup (two
    /// ids whose hashes share a tag).
    pub fn confirm(&self, id: &str, hash: IdHash, probe: Probe) -> Option<usize> {
        match probe {
            Probe::Absent => None,
            Probe::Likely(position) if self.leads[position].id == id => Some(position),
            Probe::Likely(_) => self.get_hashed(id, hash),
        }
    }

    /// The leads indexed.
    pub fn leads(&self) -> &'a [Lead] {
        self.leads
    }
}

/// Asks the processor to bring `item`'s cache line in, without waiting
/// for it; nothing on processors without a stable prefetch instruction.
#[inline]
pub fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it never faults, whatever the address,
    // and SSE is part of every x86_64 processor.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((item as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Function, Stamp};
    use proptest::prelude::*;

    fn leads(ids: &[String]) -> Vec<Lead> {
        let created = Stamp::from_unix_seconds(1_700_000_000).unwrap();
        ids.iter()
            .map(|id| Lead::new(id, created, "".into(), Function::Sales))
            .collect()
    }

    proptest! {
        /// Every way to look up finds the last lead with an id, and no
        /// lead for an id none has.
        #[test]
        fn finds_the_last_lead_with_each_id(
            ids in prop::collection::vec("[0-9a-c]{1,3}", 0..300),
            absent in "[d-f]{1,3}",
        ) {
            let leads = leads(&ids);
            let index = LeadIndex::new(&leads);
            for id in &ids {
                let last = ids.iter().rposition(|other| other == id);
                let hash = IdHash::of(id);
                prop_assert_eq!(index.get(id), last);
                prop_assert_eq!(index.confirm(id, hash, index.probe(hash)), last);
            }
            let mut last: Vec<usize> = index.last_positions().collect();
            last.sort();
            let expected: Vec<usize> = (0..ids.len())
                .filter(|&i| !ids[i + 1..].contains(&ids[i]))
                .collect();
            prop_assert_eq!(index.distinct(), expected.len());
            prop_assert_eq!(last, expected);
            let hash = IdHash::of(&absent);
            prop_assert_eq!(index.get(&absent), None);
            prop_assert_eq!(index.confirm(&absent, hash, index.probe(hash)), None);
        }
    }

    #[test]
    fn a_tag_shared_by_two_ids_is_confirmed_by_the_id() {
        let leads = leads(&["a".to_string(), "b".to_string()]);
        let index = LeadIndex::new(&leads);
        let hash = IdHash::of("b");
        // As if "b"'s tag had matched "a" first.
        assert_eq!(index.confirm("b", hash, Probe::Likely(0)), Some(1));
    }
}
