//! Folding touches as they are read. Activity exports are the longest
//! files by far (several touches per lead), and the metrics need little of
//! each touch: a lead's first touch after it became ready, whether two reps
//! worked it early, touches per won deal and per day. So activity files
//! are read after every other file, when the leads and deals are known, and
//! each touch is folded into [`Activity`] and dropped.

use crate::model::activity::{FIRST_DAYS, NO_OWNER, OwnerId};
use crate::model::{Activity, LeadActivity, LeadIndex, Outcome, Records, Stamp, Text, Touch};
use chrono::{Duration, NaiveDateTime};
use rustc_hash::FxHashMap;

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
    /// exports.
    /// `lead_table`: the leads' table of positions when ingest's merge of
    /// repeated ids built one (see [`LeadIndex::from_table`]).
    pub fn new(
        records: &'a Records,
        as_of: Option<NaiveDateTime>,
        lead_table: Option<hashbrown::HashTable<u32>>,
    ) -> Targets<'a> {
        let mut aliases = FxHashMap::default();
        for (alias, lead_id) in &records.lead_aliases {
            aliases.entry(alias.as_str()).or_insert(lead_id.as_str());
        }
        let index = match lead_table {
            Some(table) => LeadIndex::from_table(&records.leads, table),
            None => LeadIndex::new(&records.leads),
        };
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

/// One activity file's touches, folded.
pub struct Fold<'a> {
    targets: &'a Targets<'a>,
    activity: Activity,
    owner_ids: FxHashMap<Text, OwnerId>,
    /// The last owner seen: rows repeat the pooled text of a few reps, so
    /// comparing pointers usually spares hashing the name.
    last_owner: Option<(Text, OwnerId)>,
    /// The last lead id looked up and its position: exports list a
    /// contact's activities together, and a lookup in a million leads
    /// costs two cache misses.
    last_lead: Option<(compact_str::CompactString, Option<usize>)>,
    /// Touches per [`Stamp::day`].
    per_day: FxHashMap<u32, u64>,
}

impl<'a> Fold<'a> {
    pub fn new(targets: &'a Targets<'a>) -> Fold<'a> {
        Fold {
            targets,
            activity: Activity::default(),
            owner_ids: FxHashMap::default(),
            last_owner: None,
            last_lead: None,
            per_day: FxHashMap::default(),
        }
    }

    /// Folds the touches `records` holds and empties its list.
    pub fn take(&mut self, records: &mut Records) {
        for touch in records.touches.drain(..) {
            self.add(&touch);
        }
    }

    /// What was folded.
    pub fn finish(mut self) -> Activity {
        self.activity.per_day = self
            .per_day
            .into_iter()
            .map(|(day, n)| (Stamp::date_of_day(day), n))
            .collect();
        self.activity
    }

    fn add(&mut self, touch: &Touch) {
        self.activity.saw(touch.at);
        // Every rep named is listed, as every rep of the leads and deals is
        // (the team's shown names are numbered over all of them).
        let owner = self.owner_id(touch.owner.as_ref());
        if self.targets.as_of.is_some_and(|as_of| touch.at > as_of) {
            return;
        }
        *self.per_day.entry(touch.at.day()).or_default() += 1;
        let targets = self.targets;
        let lead_id = targets
            .aliases
            .get(touch.lead_id.as_str())
            .copied()
            .unwrap_or(touch.lead_id.as_str());
        match self.lead_index(lead_id) {
            Some(index) => {
                self.count_for_won_deals(targets.won_deals_of_lead(index), touch.at);
                self.fold_into_lead(index, touch.at, owner);
            }
            None => {
                if let Some(deals) = targets.won_by_other_id.get(lead_id) {
                    self.count_for_won_deals(deals, touch.at);
                }
            }
        }
    }

    /// The position of the lead with this id: the last one's again, or
    /// the next lead's (exports that list activities contact by contact in
    /// the contacts export's order), before a lookup in the index, which
    /// costs two cache misses in a million leads. Lead ids are unique once
    /// ingest merged duplicates, so every way finds the same lead.
    fn lead_index(&mut self, lead_id: &str) -> Option<usize> {
        let leads = &self.targets.records.leads;
        let mut next = None;
        if let Some((last, index)) = &self.last_lead {
            if last == lead_id {
                return *index;
            }
            next = index.map(|i| i + 1);
        }
        let index = next
            .filter(|&i| leads.get(i).is_some_and(|lead| lead.id == lead_id))
            .or_else(|| self.targets.index.get(lead_id));
        self.last_lead = Some((lead_id.into(), index));
        index
    }

    fn owner_id(&mut self, owner: Option<&Text>) -> OwnerId {
        let Some(owner) = owner else {
            return NO_OWNER;
        };
        if let Some((last, id)) = &self.last_owner
            && Text::ptr_eq(last, owner)
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
        self.last_owner = Some((owner.clone(), id));
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
        let Some(ready) = self.targets.records.leads[index].ready_at else {
            return;
        };
        if at < ready {
            return;
        }
        if self.activity.per_lead.is_empty() {
            let leads = self.targets.records.leads.len();
            self.activity.per_lead = vec![LeadActivity::default(); leads];
        }
        let mut lead = self.activity.per_lead[index];
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
        self.activity.per_lead[index] = lead;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Deal, Function, Lead, Money, TouchKind};

    fn at(text: &str) -> Stamp {
        Stamp::new(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()).unwrap()
    }

    fn lead(id: &str, ready: Option<&str>) -> Lead {
        let created = at("2026-07-01 08:00");
        Lead {
            ready_at: ready.map(at),
            ..Lead::new(id, created, "Paid Search".into(), Function::Marketing)
        }
    }

    fn won_deal(lead_ids: &[&str], closed: &str) -> Deal {
        Deal {
            id: format!("D-{}", lead_ids.join("-")).into(),
            created_at: at("2026-07-02 08:00"),
            closed_at: Some(at(closed)),
            outcome: Outcome::Won,
            amount: Money::ZERO,
            source: "".into(),
            function: Function::Sales,
            owner: None,
            lead_ids: lead_ids.iter().map(|&id| id.into()).collect(),
        }
    }

    fn touch(lead_id: &str, when: &str, owner: Option<&str>) -> Touch {
        Touch {
            lead_id: lead_id.into(),
            at: at(when),
            kind: TouchKind::Call,
            owner: owner.map(Text::from),
        }
    }

    fn records() -> Records {
        Records {
            leads: vec![
                lead("L1", Some("2026-07-01 09:00")),
                lead("L2", Some("2026-07-01 09:00")),
                lead("L3", None),
            ],
            deals: vec![won_deal(&["L1", "GONE"], "2026-07-10 12:00")],
            ..Records::default()
        }
    }

    /// Folds `touches`, split into files at `split`, each file folded on
    /// its own and the files merged in the given order.
    fn fold(
        records: &Records,
        touches: &[Touch],
        as_of: Option<&str>,
        files: &[usize],
    ) -> Activity {
        let targets = Targets::new(records, as_of.map(|t| at(t).at()), None);
        let mut bounds = vec![0];
        bounds.extend(files.iter().copied());
        bounds.push(touches.len());
        let mut parts: Vec<Activity> = bounds
            .windows(2)
            .map(|w| {
                let mut fold = Fold::new(&targets);
                let mut file = Records {
                    touches: touches[w[0]..w[1]].to_vec(),
                    ..Records::default()
                };
                fold.take(&mut file);
                fold.finish()
            })
            .collect();
        let mut all = parts.remove(0);
        for part in parts {
            all.merge(part);
        }
        all
    }

    fn touches() -> Vec<Touch> {
        vec![
            // Before L1 was ready: not a first touch, but before the close.
            touch("L1", "2026-07-01 08:30", Some("Zoe")),
            touch("L1", "2026-07-02 10:00", Some("Zoe")),
            // A tie: the owner first in name order wins.
            touch("L1", "2026-07-02 10:00", Some("Ann")),
            // Another rep within 14 days of ready, then one after.
            touch("L2", "2026-07-03 10:00", Some("Bo")),
            touch("L2", "2026-07-03 11:00", Some("Bo")),
            touch("L2", "2026-07-20 10:00", Some("Cy")),
            // A lead never ready, and one no lead has but a won deal names.
            touch("L3", "2026-07-04 10:00", None),
            touch("GONE", "2026-07-05 10:00", None),
            // After the close of the won deal, and after the cut-off.
            touch("L1", "2026-07-11 10:00", Some("Ann")),
            touch("L1", "2026-08-01 10:00", Some("Ann")),
        ]
    }

    #[test]
    fn first_touch_since_ready_with_ties_to_the_first_name() {
        let a = fold(&records(), &touches(), Some("2026-07-31 23:59"), &[]);
        let l1 = a.of_lead(0).unwrap();
        assert_eq!(l1.first, Some(at("2026-07-02 10:00")));
        assert_eq!(a.owner(l1.first_owner), Some("Ann"));
        assert!(l1.several_reps, "Zoe and Ann touched L1 within 14 days");
        let l2 = a.of_lead(1).unwrap();
        assert_eq!(l2.first, Some(at("2026-07-03 10:00")));
        assert!(!l2.several_reps, "Cy came after the first 14 days");
        assert_eq!(a.of_lead(2), None, "L3 is not ready for sales");
    }

    #[test]
    fn several_reps_in_the_first_days() {
        let mut touches = touches();
        touches.push(touch("L2", "2026-07-14 10:00", Some("Cy")));
        let a = fold(&records(), &touches, None, &[]);
        assert!(a.of_lead(1).unwrap().several_reps);
    }

    #[test]
    fn touches_per_day_and_per_won_deal_up_to_the_cut_off() {
        let a = fold(&records(), &touches(), Some("2026-07-31 23:59"), &[]);
        assert_eq!(a.touches, 10, "every touch is counted as read");
        assert_eq!(
            a.range,
            Some((at("2026-07-01 08:30"), at("2026-08-01 10:00")))
        );
        assert_eq!(a.per_day.values().sum::<u64>(), 9, "one after the cut-off");
        assert_eq!(a.per_day[&at("2026-07-02 00:00").date()], 2);
        // L1 up to the close: 08:30, 10:00, 10:00; GONE: one.
        assert_eq!(a.of_won_deal(0), 4);
    }

    #[test]
    fn reps_named_only_after_the_cut_off_are_listed() {
        let mut touches = touches();
        touches.push(touch("L2", "2026-08-02 10:00", Some("Dee")));
        let a = fold(&records(), &touches, Some("2026-07-31 23:59"), &[]);
        let owners: Vec<&str> = a.owners.iter().map(|o| &**o).collect();
        assert_eq!(owners, ["Zoe", "Ann", "Bo", "Cy", "Dee"]);
        assert_eq!(a.of_lead(1).unwrap().first, Some(at("2026-07-03 10:00")));
    }

    #[test]
    fn files_merged_in_any_order_fold_alike() {
        let records = records();
        let touches = touches();
        let whole = fold(&records, &touches, None, &[]);
        for split in 0..=touches.len() {
            let mut reversed = touches.clone();
            reversed.reverse();
            for (touches, files) in [(&touches, [split]), (&reversed, [split])] {
                let merged = fold(&records, touches, None, &files);
                assert_eq!(merged.touches, whole.touches);
                assert_eq!(merged.range, whole.range);
                assert_eq!(merged.per_day, whole.per_day);
                assert_eq!(merged.per_won_deal, whole.per_won_deal);
                for lead in 0..records.leads.len() {
                    let (m, w) = (merged.of_lead(lead), whole.of_lead(lead));
                    assert_eq!(m.map(|l| l.first), w.map(|l| l.first));
                    assert_eq!(m.map(|l| l.several_reps), w.map(|l| l.several_reps));
                    let name = |a: &Activity, l: Option<&LeadActivity>| {
                        l.and_then(|l| a.owner(l.first_owner)).map(str::to_string)
                    };
                    assert_eq!(name(&merged, m), name(&whole, w), "split at {split}");
                }
            }
        }
    }

    #[test]
    fn aliases_name_their_lead() {
        let mut records = records();
        records.lead_aliases = vec![
            ("acme deal".into(), "L2".into()),
            ("acme deal".into(), "L1".into()),
        ];
        let a = fold(
            &records,
            &[touch("acme deal", "2026-07-06 10:00", None)],
            None,
            &[],
        );
        assert_eq!(a.of_lead(0), None, "the first lead with the alias wins");
        assert_eq!(a.of_lead(1).unwrap().first, Some(at("2026-07-06 10:00")));
    }
}
