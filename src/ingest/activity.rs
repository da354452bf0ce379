//! Folding touches as they are read. Activity exports are the longest
//! files by far (several touches per lead), and the metrics need little of
//! each touch: a lead's first touch after it became ready, whether two reps
//! worked it early, touches per won deal and per day. So activity files
//! are read after every other file, when the leads and deals are known, and
//! each touch is folded into [`Activity`] and dropped.
//!
//! Exports list activities by date, so consecutive touches name leads
//! far apart among millions: each lookup would wait for a cache miss on
//! the index, one on the lead's id and one on what the fold keeps of the
//! lead. Touches are therefore folded a few at a time, in stages that
//! prefetch all of them before reading any (see [`Fold::take`]), and what
//! the fold reads and writes per lead sits in one compact [`Hot`] record.

use crate::model::activity::{FIRST_DAYS, NO_OWNER, OwnerId};
use crate::model::lead_index::{IdHash, LeadSlots, Probe, prefetch};
use crate::model::{Activity, LeadActivity, LeadIndex, Outcome, Records, Stamp, Text, Touch};
use chrono::{Duration, NaiveDateTime};
use rustc_hash::FxHashMap;

mod boundary;
pub(super) mod chunks;

/// What touches are folded against: the leads and won deals of every
/// other file, read first.
pub struct Targets<'a> {
    records: &'a Records,
    index: LeadIndex<'a>,
    /// Other keys leads are known by (Pipedrive deal titles), to their
    /// lead id: the first lead with a key wins.
    aliases: FxHashMap<&'a str, &'a str>,
    /// The won deals naming each lead, and their close: lead `i`'s are
    /// `won_links[won_starts[i]..won_starts[i + 1]]`.
    won_starts: Vec<u32>,
    won_links: Vec<WonLink>,
    /// The won deals naming lead ids no lead has (touches may still name
    /// them).
    won_by_other_id: FxHashMap<&'a str, Vec<WonLink>>,
    /// Touches after the cut-off set in equinox.toml count as read, and
    /// nowhere else.
    as_of: Option<Stamp>,
}

impl<'a> Targets<'a> {
    /// The targets in `records`, merged from every file but the activity
    /// exports. `lead_slots`: the leads' index if ingest's merge of
    /// repeated ids built one that still holds.
    pub fn new(
        records: &'a Records,
        as_of: Option<NaiveDateTime>,
        lead_slots: Option<LeadSlots>,
    ) -> Targets<'a> {
        let mut aliases = FxHashMap::default();
        for (alias, lead_id) in &records.lead_aliases {
            aliases.entry(alias.as_str()).or_insert(lead_id.as_str());
        }
        let index = lead_slots
            .and_then(|slots| LeadIndex::from_slots(&records.leads, slots))
            .unwrap_or_else(|| LeadIndex::new(&records.leads));
        let mut by_lead: Vec<(u32, WonLink)> = Vec::new();
        let mut won_by_other_id: FxHashMap<&str, Vec<WonLink>> = FxHashMap::default();
        for (deal, d) in records.deals.iter().enumerate() {
            let Some(closed) = d.closed_at.filter(|_| d.outcome == Outcome::Won) else {
                continue;
            };
            for lead_id in &d.lead_ids {
                let link = WonLink { deal, closed };
                match index.get(lead_id) {
                    Some(lead) => by_lead.push((lead as u32, link)),
                    None => won_by_other_id.entry(lead_id).or_default().push(link),
                }
            }
        }
        by_lead.sort_by_key(|(lead, link)| (*lead, link.deal));
        let mut won_starts = vec![0u32; records.leads.len() + 1];
        for (lead, _) in &by_lead {
            won_starts[*lead as usize + 1] += 1;
        }
        for i in 1..won_starts.len() {
            won_starts[i] += won_starts[i - 1];
        }
        Targets {
            records,
            index,
            aliases,
            won_starts,
            won_links: by_lead.into_iter().map(|(_, link)| link).collect(),
            won_by_other_id,
            as_of: as_of.map(Stamp::clamped),
        }
    }

    /// What each lead's fold starts from: when it became ready and
    /// whether won deals name it. Made per fold, not kept: at a million
    /// leads it is 20 MB, and a pass over the leads is quick.
    fn hot(&self) -> Vec<Hot> {
        let won = self.won_starts.windows(2).map(|pair| pair[0] < pair[1]);
        let leads = self.records.leads.iter();
        leads
            .zip(won)
            .map(|(lead, won)| Hot::new(lead.ready_at, won))
            .collect()
    }

    fn won_deals_of_lead(&self, lead: usize) -> &[WonLink] {
        let (start, end) = (self.won_starts[lead], self.won_starts[lead + 1]);
        &self.won_links[start as usize..end as usize]
    }
}

/// A won deal naming a lead.
#[derive(Debug, Clone, Copy)]
struct WonLink {
    deal: usize,
    closed: Stamp,
}

/// All the fold reads and writes of one lead, 20 bytes: what it knows
/// before any touch, and what the touches so far made of it.
#[derive(Debug, Clone, Copy)]
struct Hot {
    ready: Option<Stamp>,
    /// Whether any won deal names the lead (most leads have none, and
    /// their touches need not look further).
    won: bool,
    several_reps: bool,
    first: Option<Stamp>,
    first_owner: OwnerId,
    early_rep: OwnerId,
}

impl Hot {
    fn new(ready: Option<Stamp>, won: bool) -> Hot {
        Hot {
            ready,
            won,
            several_reps: false,
            first: None,
            first_owner: NO_OWNER,
            early_rep: NO_OWNER,
        }
    }

    fn folded(self) -> LeadActivity {
        LeadActivity {
            first: self.first,
            first_owner: self.first_owner,
            early_rep: self.early_rep,
            several_reps: self.several_reps,
        }
    }
}

/// How many touches ahead each stage of [`Fold::take`] runs: far enough
/// for a prefetched line to arrive before it is read, near enough for the
/// processor to keep every line in flight.
const AHEAD: usize = 12;

/// A touch between the stages of [`Fold::take`].
#[derive(Clone, Copy)]
struct Pending<'t> {
    lead_id: &'t str,
    hash: IdHash,
    at: Stamp,
    owner: OwnerId,
}

/// One activity file's touches, folded.
pub struct Fold<'a> {
    targets: &'a Targets<'a>,
    activity: Activity,
    /// Per lead, from [`Targets::hot`] once a touch is folded.
    hot: Vec<Hot>,
    owner_ids: FxHashMap<Text, OwnerId>,
    /// The last owners seen: rows repeat the pooled texts of a few reps,
    /// so comparing pointers usually spares hashing the name.
    recent_owners: Vec<(Text, OwnerId)>,
    /// Touches per [`Stamp::day`].
    per_day: FxHashMap<u32, u64>,
    /// Whether the last touches named the same lead or the next one (see
    /// [`Fold::probe`]).
    in_lead_order: bool,
}

/// How many owners [`Fold::recent_owners`] keeps: a team's reps.
const RECENT_OWNERS: usize = 8;

impl<'a> Fold<'a> {
    pub fn new(targets: &'a Targets<'a>) -> Fold<'a> {
        Fold {
            targets,
            activity: Activity::default(),
            hot: Vec::new(),
            owner_ids: FxHashMap::default(),
            recent_owners: Vec::with_capacity(RECENT_OWNERS),
            per_day: FxHashMap::default(),
            in_lead_order: false,
        }
    }

    /// Folds the touches `records` holds and empties its list. Each
    /// touch is counted and its lead id hashed; then, in one pass, the
    /// index slot of the touch [`AHEAD`] * 2 on is prefetched, the slot of
    /// the touch [`AHEAD`] on is read and its likely lead's id and
    /// [`Hot`] record prefetched, and this touch is folded.
    pub fn take(&mut self, records: &mut Records) {
        let pending: Vec<Pending> = records
            .touches
            .iter()
            .filter_map(|touch| self.count(touch))
            .collect();
        if !pending.is_empty() && self.hot.is_empty() {
            self.hot = self.targets.hot();
        }
        let mut probes = vec![Probe::Absent; pending.len()];
        for i in 0..pending.len() + 2 * AHEAD {
            if let Some(touch) = pending.get(i) {
                self.targets.index.prefetch(touch.hash);
            }
            if let Some(j) = i.checked_sub(AHEAD).filter(|&j| j < pending.len()) {
                let previous = j.checked_sub(1).map(|p| (&pending[p], probes[p]));
                probes[j] = self.probe(&pending[j], previous);
            }
            if let Some(j) = i.checked_sub(2 * AHEAD).filter(|&j| j < pending.len()) {
                self.fold(&pending[j], probes[j]);
            }
        }
        drop(pending);
        records.touches.clear();
    }

    /// What was folded.
    pub fn finish(mut self) -> Activity {
        self.activity.per_day = self
            .per_day
            .into_iter()
            .map(|(day, n)| (Stamp::date_of_day(day), n))
            .collect();
        // In place (a lead's fold is smaller than its hot record), then
        // the unused tail handed back: it would stay through the metrics.
        self.activity.per_lead = self.hot.into_iter().map(Hot::folded).collect();
        self.activity.per_lead.shrink_to_fit();
        self.activity
    }

    /// Counts a touch as read, and per day; `None` after the cut-off,
    /// else the touch with its lead id hashed.
    fn count<'t>(&mut self, touch: &'t Touch) -> Option<Pending<'t>>
    where
        'a: 't,
    {
        self.activity.saw(touch.at);
        // Every rep named is listed, as every rep of the leads and deals is
        // (the team's shown names are numbered over all of them).
        let owner = self.owner_id(touch.owner.as_ref());
        if self.targets.as_of.is_some_and(|as_of| touch.at > as_of) {
            return None;
        }
        *self.per_day.entry(touch.at.day()).or_default() += 1;
        let targets = self.targets;
        let lead_id = match targets.aliases.is_empty() {
            true => touch.lead_id.as_str(),
            false => targets
                .aliases
                .get(touch.lead_id.as_str())
                .copied()
                .unwrap_or(touch.lead_id.as_str()),
        };
        Some(Pending {
            lead_id,
            hash: IdHash::of(lead_id),
            at: touch.at,
            owner,
        })
    }

    /// Finds a touch's likely lead and prefetches it. Exports listed
    /// contact by contact in the contacts' order name the previous
    /// touch's lead again or the next lead: while they do, that is
    /// checked before the index, on leads that are already in the cache.
    /// On other orders the check would cost a cache miss of its own, so
    /// it stops at the first touch that is neither.
    fn probe(&mut self, touch: &Pending, previous: Option<(&Pending, Probe)>) -> Probe {
        let leads = self.targets.index.leads();
        if let Some((previous, Probe::Likely(position))) = previous
            && self.in_lead_order
        {
            if previous.lead_id == touch.lead_id {
                return Probe::Likely(position);
            }
            if leads
                .get(position + 1)
                .is_some_and(|next| next.id == touch.lead_id)
            {
                return Probe::Likely(position + 1);
            }
        }
        let probe = self.targets.index.probe(touch.hash);
        if let Probe::Likely(position) = probe {
            prefetch(&leads[position].id);
            prefetch(&self.hot[position]);
        }
        self.in_lead_order = match (previous, probe) {
            (Some((_, Probe::Likely(before))), Probe::Likely(now)) => {
                now == before || now == before + 1
            }
            _ => false,
        };
        probe
    }

    fn fold(&mut self, touch: &Pending, probe: Probe) {
        let targets = self.targets;
        match targets.index.confirm(touch.lead_id, touch.hash, probe) {
            Some(index) => {
                if self.hot[index].won {
                    self.count_for_won_deals(targets.won_deals_of_lead(index), touch.at);
                }
                self.fold_into_lead(index, touch.at, touch.owner);
            }
            None => {
                if let Some(deals) = targets.won_by_other_id.get(touch.lead_id) {
                    self.count_for_won_deals(deals, touch.at);
                }
            }
        }
    }

    fn owner_id(&mut self, owner: Option<&Text>) -> OwnerId {
        let Some(owner) = owner else {
            return NO_OWNER;
        };
        if let Some((_, id)) = self
            .recent_owners
            .iter()
            .find(|(recent, _)| Text::ptr_eq(recent, owner))
        {
            return *id;
        }
        let id = match self.owner_ids.get(owner) {
            Some(&id) => id,
            None => {
                let id = self.activity.owners.len() as OwnerId;
                self.activity.owners.push(owner.clone());
                self.owner_ids.insert(owner.clone(), id);
                id
            }
        };
        if self.recent_owners.len() == RECENT_OWNERS {
            self.recent_owners.remove(0);
        }
        self.recent_owners.push((owner.clone(), id));
        id
    }

    fn count_for_won_deals(&mut self, deals: &[WonLink], at: Stamp) {
        if deals.is_empty() {
            return;
        }
        let counts = &mut self.activity.per_won_deal;
        if counts.is_empty() {
            counts.resize(self.targets.records.deals.len(), 0);
        }
        for link in deals {
            if at <= link.closed {
                counts[link.deal] += 1;
            }
        }
    }

    /// A touch on a lead counts once the lead is ready for sales: towards
    /// its first touch, and towards the reps who worked it in its first
    /// [`FIRST_DAYS`] days.
    fn fold_into_lead(&mut self, index: usize, at: Stamp, owner: OwnerId) {
        let mut lead = self.hot[index];
        let Some(ready) = lead.ready else {
            return;
        };
        if at < ready {
            return;
        }
        let earlier = match lead.first {
            None => true,
            Some(first) => self
                .activity
                .touch_before((at, owner), (first, lead.first_owner)),
        };
        if earlier {
            lead.first = Some(at);
            lead.first_owner = owner;
        }
        if owner != NO_OWNER && at <= ready + Duration::days(FIRST_DAYS) {
            if lead.early_rep == NO_OWNER {
                lead.early_rep = owner;
            } else if lead.early_rep != owner {
                lead.several_reps = true;
            }
        }
        self.hot[index] = lead;
    }
}

#[cfg(test)]
mod tests;
