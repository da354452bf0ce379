//! Activity exports folded as they are read: what the metrics need from
//! millions of calls, emails and meetings, kept per lead, per won deal and
//! per day instead of per touch, so memory grows with the leads and deals,
//! not with the length of the activity exports.

use super::{Stamp, Text};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// How long after becoming ready a lead's touches count towards
/// duplicated effort (two or more reps working it).
pub const FIRST_DAYS: i64 = 14;

/// A position in [`Activity::owners`]; [`NO_OWNER`] when the activity
/// names nobody.
pub type OwnerId = u32;

/// The [`OwnerId`] of a touch that names no owner.
pub const NO_OWNER: OwnerId = u32::MAX;

/// Everything the activity exports said, folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Activity {
    /// Touches read, on any lead, before the cut-off or after.
    pub touches: u64,
    /// The first and the last touch read.
    pub range: Option<(Stamp, Stamp)>,
    /// Touches up to the cut-off, on any lead, per day.
    pub per_day: BTreeMap<NaiveDate, u64>,
    /// Everyone named as a touch's owner, in the order first seen.
    pub owners: Vec<Text>,
    /// Per lead, in lead order; empty when no touch named a known lead.
    pub per_lead: Vec<LeadActivity>,
    /// Per deal, in deal order; empty when no touch named a won deal's
    /// lead: touches on the won deal's linked leads up to its close.
    pub per_won_deal: Vec<u64>,
}

/// One lead's touches up to the cut-off, as far as the metrics read them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeadActivity {
    /// The first touch at or after the lead became ready for sales.
    pub first: Option<Stamp>,
    /// Who made that touch; on a tie, the owner first in name order (no
    /// owner before any).
    pub first_owner: OwnerId,
    /// The first named rep seen touching the lead in its first
    /// [`FIRST_DAYS`] days after becoming ready.
    pub early_rep: OwnerId,
    /// Whether a second, different rep touched it in those days.
    pub several_reps: bool,
}

impl Default for LeadActivity {
    fn default() -> Self {
        LeadActivity {
            first: None,
            first_owner: NO_OWNER,
            early_rep: NO_OWNER,
            several_reps: false,
        }
    }
}

impl Activity {
    /// The name behind an owner id; `None` for [`NO_OWNER`].
    pub fn owner(&self, id: OwnerId) -> Option<&str> {
        self.owners.get(id as usize).map(|name| &**name)
    }

    /// The shared text of an owner's name; `None` for [`NO_OWNER`].
    pub fn owner_text(&self, id: OwnerId) -> Option<&Text> {
        self.owners.get(id as usize)
    }

    /// The folded touches of the lead at `index`, if any touch named it.
    pub fn of_lead(&self, index: usize) -> Option<&LeadActivity> {
        self.per_lead
            .get(index)
            .filter(|a| **a != LeadActivity::default())
    }

    /// Touches up to the cut-off on the won deal at `index`'s linked
    /// leads, up to its close.
    pub fn of_won_deal(&self, index: usize) -> u64 {
        self.per_won_deal.get(index).copied().unwrap_or(0)
    }

    /// Counts a touch read at `at`: the range and the total.
    pub fn saw(&mut self, at: Stamp) {
        self.touches += 1;
        widen(&mut self.range, at, at);
    }

    /// Whether `a` names an earlier first touch than `b` does: the earlier
    /// time, on a tie the owner first in name order.
    pub fn touch_before(&self, a: (Stamp, OwnerId), b: (Stamp, OwnerId)) -> bool {
        (a.0, self.owner(a.1)) < (b.0, self.owner(b.1))
    }

    /// Adds what `other` folded (another file's touches). The result does
    /// not depend on the order files are merged in.
    pub fn merge(&mut self, other: Activity) {
        if *self == Activity::default() {
            // The first file's fold is taken over, not copied.
            *self = other;
            return;
        }
        let owner_ids = self.adopt_owners(&other.owners);
        let remap = |id: OwnerId| owner_ids.get(id as usize).copied().unwrap_or(NO_OWNER);
        self.touches += other.touches;
        if let Some((first, last)) = other.range {
            widen(&mut self.range, first, last);
        }
        for (day, n) in other.per_day {
            *self.per_day.entry(day).or_default() += n;
        }
        add_counts(&mut self.per_won_deal, &other.per_won_deal);
        if self.per_lead.len() < other.per_lead.len() {
            self.per_lead
                .resize(other.per_lead.len(), LeadActivity::default());
        }
        for (i, theirs) in other.per_lead.into_iter().enumerate() {
            let theirs = LeadActivity {
                first_owner: remap(theirs.first_owner),
                early_rep: remap(theirs.early_rep),
                ..theirs
            };
            self.per_lead[i] = self.combine(self.per_lead[i], theirs);
        }
    }

    /// Adds `owners` to the list; returns each one's id in it.
    fn adopt_owners(&mut self, owners: &[Text]) -> Vec<OwnerId> {
        let known: FxHashMap<Text, OwnerId> = self
            .owners
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), i as OwnerId))
            .collect();
        owners
            .iter()
            .map(|name| match known.get(name) {
                Some(&id) => id,
                None => {
                    self.owners.push(name.clone());
                    (self.owners.len() - 1) as OwnerId
                }
            })
            .collect()
    }

    /// One lead's folds from two files, as if folded from one.
    fn combine(&self, ours: LeadActivity, theirs: LeadActivity) -> LeadActivity {
        let (first, first_owner) = match (ours.first, theirs.first) {
            (Some(a), Some(b))
                if self.touch_before((b, theirs.first_owner), (a, ours.first_owner)) =>
            {
                (Some(b), theirs.first_owner)
            }
            (Some(a), _) => (Some(a), ours.first_owner),
            (None, b) => (b, theirs.first_owner),
        };
        let both_reps = ours.early_rep != NO_OWNER && theirs.early_rep != NO_OWNER;
        LeadActivity {
            first,
            first_owner,
            early_rep: if ours.early_rep == NO_OWNER {
                theirs.early_rep
            } else {
                ours.early_rep
            },
            several_reps: ours.several_reps
                || theirs.several_reps
                || (both_reps && ours.early_rep != theirs.early_rep),
        }
    }
}

fn widen(range: &mut Option<(Stamp, Stamp)>, first: Stamp, last: Stamp) {
    *range = Some(match *range {
        None => (first, last),
        Some((a, b)) => (a.min(first), b.max(last)),
    });
}

fn add_counts(ours: &mut Vec<u64>, theirs: &[u64]) {
    if ours.len() < theirs.len() {
        ours.resize(theirs.len(), 0);
    }
    for (a, b) in ours.iter_mut().zip(theirs) {
        *a += b;
    }
}
