//! Repeated ids within one export, merged as the rows are read: a file
//! that repeats one lead id a billion times holds one lead in memory, not
//! a billion, so memory follows the distinct ids. The newer row wins, as
//! in the merge across files.
//!
//! The table of lead ids is the one the touch fold looks leads up in
//! ([`IdSlots`]): when a file is the only lead export, it is handed on
//! instead of hashing every id again (see [`Repeats::into_slots`]).

use crate::model::Records;
use crate::model::lead_index::{IdHash, IdSlots};

/// The ids seen so far in one file, as positions in its records.
pub struct Repeats {
    leads: Seen,
    deals: Seen,
    /// Rows whose id had been seen before in this file.
    pub merged: u64,
}

/// Positions of the records already merged, keyed by their ids.
struct Seen {
    slots: IdSlots,
    /// Records before this position are merged; the rest are new.
    done: usize,
}

impl Repeats {
    /// Tables with room for `rows` ids each: growing a table of megabytes
    /// moves every id once more per doubling. The table a file does not
    /// use costs nothing: its zeroed pages are never touched.
    pub fn for_rows(rows: usize) -> Repeats {
        // A guess past 32M ids (a table of 512 MB) grows from there.
        let rows = rows.min(1 << 25);
        Repeats {
            leads: Seen::new(rows),
            deals: Seen::new(rows),
            merged: 0,
        }
    }

    /// Merges the records added since the last call into the ones before.
    pub fn absorb(&mut self, records: &mut Records) {
        self.merged += self.leads.absorb(&mut records.leads, |l| &l.id);
        self.merged += self.deals.absorb(&mut records.deals, |d| &d.id);
    }

    /// The positions of the file's leads and deals by id, once every row
    /// is absorbed: each id once, at its record's place.
    pub fn into_slots(self) -> (IdSlots, IdSlots) {
        (self.leads.slots, self.deals.slots)
    }
}

impl Seen {
    fn new(rows: usize) -> Seen {
        Seen {
            slots: IdSlots::with_capacity(rows),
            done: 0,
        }
    }

    /// Each new item whose id is known takes the place of the older one;
    /// the others are kept, in order. Returns how many were merged.
    fn absorb<T>(&mut self, items: &mut Vec<T>, key: impl Fn(&T) -> &str) -> u64 {
        // The table is megabytes and each id lands at random in it:
        // fetching a few slots ahead overlaps the misses.
        const AHEAD: usize = 16;
        let mut merged = 0;
        let mut kept = self.done;
        for read in self.done..items.len() {
            if let Some(ahead) = items.get(read + AHEAD) {
                self.slots.prefetch(IdHash::of(key(ahead)));
            }
            let known = self
                .slots
                .insert_first(key(&items[read]), kept, |p| key(&items[p]));
            match known {
                Some(position) => {
                    items.swap(position, read);
                    merged += 1;
                }
                None => {
                    items.swap(kept, read);
                    kept += 1;
                }
            }
        }
        items.truncate(kept);
        self.done = kept;
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newer_item_wins_and_order_is_kept() {
        let mut seen = Seen::new(0);
        let mut items = vec![("a", 1), ("b", 1), ("a", 2)];
        assert_eq!(seen.absorb(&mut items, |i| i.0), 1);
        assert_eq!(items, [("a", 2), ("b", 1)]);
        items.extend([("c", 1), ("b", 2), ("b", 3), ("d", 1)]);
        assert_eq!(seen.absorb(&mut items, |i| i.0), 2);
        assert_eq!(items, [("a", 2), ("b", 3), ("c", 1), ("d", 1)]);
    }
}
