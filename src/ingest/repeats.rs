//! Repeated ids within one export, merged as the rows are read: a file
//! that repeats one lead id a billion times holds one lead in memory, not
//! a billion, so memory follows the distinct ids. The newer row wins, as
//! in the merge across files.

use crate::model::Records;
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// The ids seen so far in one file, as positions in its records.
#[derive(Default)]
pub struct Repeats {
    leads: Seen,
    deals: Seen,
    /// Rows whose id had been seen before in this file.
    pub merged: u64,
}

/// Positions of the records already merged, keyed by their ids.
#[derive(Default)]
struct Seen {
    table: HashTable<u32>,
    /// Records before this position are merged; the rest are new.
    done: usize,
}

impl Repeats {
    /// Merges the records added since the last call into the ones before.
    pub fn absorb(&mut self, records: &mut Records) {
        self.merged += self.leads.absorb(&mut records.leads, |l| &l.id);
        self.merged += self.deals.absorb(&mut records.deals, |d| &d.id);
    }
}

fn hash_id(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

impl Seen {
    /// Each new item whose id is known takes the place of the older one;
    /// the others are kept, in order. Returns how many were merged.
    fn absorb<T>(&mut self, items: &mut Vec<T>, key: impl Fn(&T) -> &str) -> u64 {
        let mut merged = 0;
        let mut kept = self.done;
        for read in self.done..items.len() {
            let id_hash = hash_id(key(&items[read]));
            let found = self
                .table
                .find(id_hash, |&p| key(&items[p as usize]) == key(&items[read]))
                .copied();
            match found {
                Some(position) => {
                    items.swap(position as usize, read);
                    merged += 1;
                }
                None => {
                    items.swap(kept, read);
                    let at = kept as u32;
                    self.table
                        .insert_unique(id_hash, at, |&p| hash_id(key(&items[p as usize])));
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
        let mut seen = Seen::default();
        let mut items = vec![("a", 1), ("b", 1), ("a", 2)];
        assert_eq!(seen.absorb(&mut items, |i| i.0), 1);
        assert_eq!(items, [("a", 2), ("b", 1)]);
        items.extend([("c", 1), ("b", 2), ("b", 3), ("d", 1)]);
        assert_eq!(seen.absorb(&mut items, |i| i.0), 2);
        assert_eq!(items, [("a", 2), ("b", 3), ("c", 1), ("d", 1)]);
    }
}
