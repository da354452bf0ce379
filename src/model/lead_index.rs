//! Lead positions by lead id, for lookups of millions of touches.
//!
//! Activity exports are sorted by date, so each touch names a lead at a
//! random place among a million: a lookup is a cache miss on the table,
//! then one on the lead's id to confirm it. The table is open addressing
//! over one array of 8-byte slots, each holding a tag of the id's hash and
//! the lead's position, so that a batch of touches can hash every id,
//! prefetch every slot, then every lead, before reading any: the misses of
//! a batch overlap instead of following one another.
//!
//! The same table ([`IdSlots`]) finds repeated lead and deal ids as ingest
//! reads each file, and merges them across files; the leads' table is
//! handed on to the touch fold when no id repeated, so a million ids are
//! hashed once.

use super::{Deal, Lead};
use std::hash::BuildHasher;

/// Lead positions by id; where an id repeats, the last lead wins (ingest
/// merges repeated ids, so it does not in practice).
#[derive(Debug, Clone)]
pub struct LeadIndex<'a> {
    leads: &'a [Lead],
    slots: IdSlots,
}

/// A [`LeadIndex`] without its hold on the leads, to hand on while they
/// move: ingest's check for repeated ids builds it as the leads are read,
/// and when no id repeats, the merge and the touch fold use it instead of
/// building their own.
pub type LeadSlots = IdSlots;

/// Positions by id, of leads or any records that have ids: open
/// addressing over one array of 8-byte slots, each holding a tag of the
/// id's hash and the position. The ids themselves are read from the
/// records (`id_at`), only where a tag matches.
#[derive(Debug, Clone, PartialEq)]
pub struct IdSlots {
    /// `0` when empty, else the hash's tag in the high half and the
    /// position plus one in the low half.
    slots: Vec<u64>,
    /// Bits of the hash that pick a slot.
    bits: u32,
    /// How many different ids are held.
    distinct: usize,
}

/// The part of a slot that holds the hash's tag.
const TAG: u64 = 0xFFFF_FFFF_0000_0000;

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
        self.0 & TAG
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

impl IdSlots {
    /// Room for `ids` different ids before the table grows.
    pub fn with_capacity(ids: usize) -> IdSlots {
        assert!(ids < u32::MAX as usize, "at most 4 billion ids");
        // At most 7/8 full: a probe rarely leaves its first cache line of
        // 8 slots, and 5M leads take 64 MB, where half full would take 128.
        let bits = (ids / 7 * 8 + 8)
            .next_power_of_two()
            .max(16)
            .trailing_zeros();
        IdSlots {
            slots: vec![0; 1 << bits],
            bits,
            distinct: 0,
        }
    }

    /// The position of the last of `count` items with each id
    /// (`id_at(position)`), hashing a few ids ahead and prefetching their
    /// slots: inserts land at random in a table of megabytes, and
    /// overlapping the misses is most of the speed.
    pub fn of_last<'k>(count: usize, id_at: impl Fn(usize) -> &'k str) -> IdSlots {
        const AHEAD: usize = 16;
        let mut slots = IdSlots::with_capacity(count);
        for position in 0..count {
            if position + AHEAD < count {
                slots.prefetch(IdHash::of(id_at(position + AHEAD)));
            }
            let id = id_at(position);
            let hash = IdHash::of(id);
            match slots.find(hash, id, &id_at) {
                Ok(slot) => slots.slots[slot] = Self::held(hash, position),
                Err(slot) => slots.fill(slot, hash, position),
            }
        }
        slots
    }

    /// The position already held for `id`, else `None` once `position`
    /// is held for it: the first item with an id keeps its place.
    pub fn insert_first<'k>(
        &mut self,
        id: &str,
        position: usize,
        id_at: impl Fn(usize) -> &'k str,
    ) -> Option<usize> {
        let hash = IdHash::of(id);
        match self.find(hash, id, &id_at) {
            Ok(slot) => Some(Self::position(self.slots[slot])),
            Err(slot) => {
                self.fill(slot, hash, position);
                None
            }
        }
    }

    /// Holds `position` in the empty `slot`, growing the table first when
    /// it would be over 7/8 full.
    fn fill(&mut self, slot: usize, hash: IdHash, position: usize) {
        let slot = if (self.distinct + 1) * 8 > self.slots.len() * 7 {
            self.grow();
            self.empty_slot(self.home(hash))
        } else {
            slot
        };
        self.slots[slot] = Self::held(hash, position);
        self.distinct += 1;
    }

    /// Doubles the table. A slot's tag is the top of its id's hash, which
    /// is what picks the slot, so no id is read again.
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.bits += 1;
        assert!(self.bits <= 32, "at most 4 billion ids");
        self.slots = vec![0; 1 << self.bits];
        for held in old.into_iter().filter(|&held| held != 0) {
            let slot = self.empty_slot((held >> (64 - self.bits)) as usize);
            self.slots[slot] = held;
        }
    }

    /// The first empty slot from `slot` on.
    fn empty_slot(&self, mut slot: usize) -> usize {
        while self.slots[slot] != 0 {
            slot = (slot + 1) & (self.slots.len() - 1);
        }
        slot
    }

    /// The slot holding `id` (`Ok`), or the empty one where it would go.
    fn find<'k>(
        &self,
        hash: IdHash,
        id: &str,
        id_at: impl Fn(usize) -> &'k str,
    ) -> Result<usize, usize> {
        let mut slot = self.home(hash);
        loop {
            let held = self.slots[slot];
            if held == 0 {
                return Err(slot);
            }
            if held & TAG == hash.tag() && id_at(Self::position(held)) == id {
                return Ok(slot);
            }
            slot = (slot + 1) & (self.slots.len() - 1);
        }
    }

    /// How many different ids are held.
    pub fn distinct(&self) -> usize {
        self.distinct
    }

    /// The position held for each id, in no particular order.
    pub fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots
            .iter()
            .filter(|&&held| held != 0)
            .map(|&held| Self::position(held))
    }

    fn held(hash: IdHash, position: usize) -> u64 {
        hash.tag() | (position as u64 + 1)
    }

    fn home(&self, hash: IdHash) -> usize {
        (hash.0 >> (64 - self.bits)) as usize
    }

    fn position(held: u64) -> usize {
        (held & !TAG) as usize - 1
    }

    /// Asks the processor to fetch the slot `hash` starts at.
    pub fn prefetch(&self, hash: IdHash) {
        prefetch(&self.slots[self.home(hash)]);
    }

    /// The first position whose tag matches, without reading any id.
    fn probe(&self, hash: IdHash) -> Probe {
        let mut slot = self.home(hash);
        loop {
            let held = self.slots[slot];
            if held == 0 {
                return Probe::Absent;
            }
            if held & TAG == hash.tag() {
                return Probe::Likely(Self::position(held));
            }
            slot = (slot + 1) & (self.slots.len() - 1);
        }
    }
}

impl<'a> LeadIndex<'a> {
    /// Indexes `leads` by id.
    pub fn new(leads: &'a [Lead]) -> LeadIndex<'a> {
        LeadIndex {
            leads,
            slots: IdSlots::of_last(leads.len(), |position| &leads[position].id),
        }
    }

    /// The index of the same leads, from what [`LeadIndex::into_slots`]
    /// (or ingest's check for repeated ids) kept of it; `None` unless the
    /// leads are as many as the slots hold (they moved, but none was added
    /// or removed).
    pub fn from_slots(leads: &'a [Lead], slots: LeadSlots) -> Option<LeadIndex<'a>> {
        (slots.distinct == leads.len()).then_some(LeadIndex { leads, slots })
    }

    /// The slots without the leads, to rebuild the index with
    /// [`LeadIndex::from_slots`] once the leads have moved.
    pub fn into_slots(self) -> LeadSlots {
        self.slots
    }

    /// How many different ids the leads have.
    pub fn distinct(&self) -> usize {
        self.slots.distinct
    }

    /// The position of the last lead with each id, in no particular order.
    pub fn last_positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots.positions()
    }

    /// The position of the lead with this id.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.get_hashed(id, IdHash::of(id))
    }

    /// [`LeadIndex::get`] with the hash already known.
    pub fn get_hashed(&self, id: &str, hash: IdHash) -> Option<usize> {
        let slot = self.slots.find(hash, id, |p| &self.leads[p].id).ok()?;
        Some(IdSlots::position(self.slots.slots[slot]))
    }

    /// Asks the processor to fetch the slot `hash` starts at, ahead of
    /// [`LeadIndex::probe`].
    pub fn prefetch(&self, hash: IdHash) {
        self.slots.prefetch(hash);
    }

    /// The first lead whose tag matches, without reading any lead: confirm
    /// with [`LeadIndex::confirm`].
    pub fn probe(&self, hash: IdHash) -> Probe {
        self.slots.probe(hash)
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

/// Each deal's leads, as positions in the leads: the links exports make
/// by lead id, found once by ingest with the index it builds anyway, so
/// that the metrics' join does not index a million leads again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DealLeads {
    /// Deal `d`'s leads are `positions[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    positions: Vec<u32>,
    /// How many leads the positions point into.
    leads: usize,
}

impl DealLeads {
    /// The leads of every deal that `index` finds, in the order the deal
    /// names them; ids no lead has are left out.
    pub fn resolve(deals: &[Deal], index: &LeadIndex) -> DealLeads {
        let mut links = DealLeads {
            starts: Vec::with_capacity(deals.len() + 1),
            positions: Vec::new(),
            leads: index.leads.len(),
        };
        links.starts.push(0);
        for deal in deals {
            let found = deal.lead_ids.iter().filter_map(|id| index.get(id));
            links
                .positions
                .extend(found.map(|position| position as u32));
            links.starts.push(links.positions.len() as u32);
        }
        links
    }

    /// Whether these are the links of `deals` into `leads`: as many deals
    /// and leads as when resolved (records are not reordered after ingest).
    pub fn fits(&self, deals: &[Deal], leads: &[Lead]) -> bool {
        self.starts.len() == deals.len() + 1 && self.leads == leads.len()
    }

    /// The positions of deal `deal`'s leads.
    pub fn of(&self, deal: usize) -> impl Iterator<Item = usize> + '_ {
        let (from, to) = (self.starts[deal] as usize, self.starts[deal + 1] as usize);
        self.positions[from..to].iter().map(|&p| p as usize)
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

    proptest! {
        /// Filled one id at a time from an empty table, growing as it
        /// goes, every id keeps the position it first came with.
        #[test]
        fn the_first_position_of_each_id_is_kept_as_the_table_grows(
            ids in prop::collection::vec("[0-9a-z]{1,3}", 0..600),
        ) {
            let mut slots = IdSlots::with_capacity(0);
            let mut held: Vec<&str> = Vec::new();
            let mut first_at = std::collections::HashMap::new();
            for id in &ids {
                let first = first_at.get(id.as_str()).copied();
                let at = held.len();
                prop_assert_eq!(slots.insert_first(id, at, |p| held[p]), first);
                if first.is_none() {
                    first_at.insert(id.as_str(), at);
                    held.push(id);
                }
            }
            prop_assert_eq!(slots.distinct(), held.len());
            let mut positions: Vec<usize> = slots.positions().collect();
            positions.sort();
            prop_assert_eq!(positions, (0..held.len()).collect::<Vec<_>>());
        }
    }

    /// 1,000 ids from a table of 16 slots: it doubles seven times (to 2,048
    /// slots, under 7/8 full), and each id is still found at its place.
    #[test]
    fn a_grown_table_finds_every_id() {
        let ids: Vec<String> = (0..1000).map(|i| format!("id-{i}")).collect();
        let mut slots = IdSlots::with_capacity(0);
        assert_eq!(slots.slots.len(), 16);
        for (at, id) in ids.iter().enumerate() {
            assert_eq!(slots.insert_first(id, at, |p| &ids[p]), None);
        }
        assert_eq!(slots.slots.len(), 2048);
        let leads = leads(&ids);
        let index = LeadIndex::from_slots(&leads, slots).unwrap();
        assert_eq!(index.get("id-0"), Some(0));
        assert_eq!(index.get("id-999"), Some(999));
        assert_eq!(index.get("id-1000"), None);
    }

    /// Deal 0 names leads b, a lead no export has, and a; deal 1 none;
    /// deal 2 names c twice: each deal keeps its known leads in order.
    #[test]
    fn deals_reach_their_leads_by_position() {
        let leads = leads(&["a".to_string(), "b".to_string(), "c".to_string()]);
        let created = Stamp::from_unix_seconds(1_700_000_000).unwrap();
        let deal = |ids: &[&str]| Deal {
            id: "d".into(),
            created_at: created,
            closed_at: None,
            outcome: crate::model::Outcome::Open,
            amount: crate::model::Money::default(),
            source: "".into(),
            function: Function::Sales,
            owner: None,
            weight: None,
            lead_ids: ids.iter().map(|&id| id.into()).collect(),
        };
        let deals = [deal(&["b", "z", "a"]), deal(&[]), deal(&["c", "c"])];
        let links = DealLeads::resolve(&deals, &LeadIndex::new(&leads));
        let of = |d: usize| links.of(d).collect::<Vec<_>>();
        assert_eq!((of(0), of(1), of(2)), (vec![1, 0], vec![], vec![2, 2]));
        assert!(links.fits(&deals, &leads));
        assert!(!links.fits(&deals[..2], &leads));
        assert!(!links.fits(&deals, &leads[..2]));
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
