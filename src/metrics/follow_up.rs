//! The per-lead join, made once for all periods: for every lead ready for
//! sales, when it became ready and its first sales touch at or after that;
//! for every lead, the stages it reached by the cut-off (from its own stage
//! dates and the deals linked to it) and whether it duplicates an earlier
//! lead record.
//!
//! Touches come from the lead itself (HubSpot `First outreach date`) and
//! from activity exports, joined by lead id through a hash map built once.

use crate::model::{Function, Lead, Outcome, Records};
use chrono::{Duration, NaiveDateTime};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// How long after becoming ready a lead's touches count towards
/// duplicated effort (two or more reps working it).
pub const FIRST_DAYS: i64 = 14;

/// One lead's wait for sales.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp<'a> {
    /// Position of the lead in [`Records::leads`] (and in [`Join::stages`]).
    pub index: usize,
    pub lead: &'a Lead,
    pub ready: NaiveDateTime,
    /// Whether the lead came as an MQL: marketing's supply.
    pub mql: bool,
    pub function: Function,
    /// The first touch at or after `ready`, known by the cut-off.
    pub touch: Option<NaiveDateTime>,
    /// Who made that touch (the lead's owner when the export does not say).
    pub owner: Option<&'a str>,
    /// Distinct reps with an activity on the lead in its first
    /// [`FIRST_DAYS`] days after becoming ready (activity exports only).
    pub reps_first_days: u32,
}

/// When a lead reached each stage after MQL, by the cut-off: the earliest
/// of its own stage date, any later stage's date and its linked deals
/// (created = opportunity, closed won = won).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stages {
    pub mql: Option<NaiveDateTime>,
    pub sql: Option<NaiveDateTime>,
    pub opportunity: Option<NaiveDateTime>,
    pub won: Option<NaiveDateTime>,
}

/// A touch as the join keeps it: when and by whom.
pub type TouchRef<'a> = (NaiveDateTime, Option<&'a str>);

/// Everything joined per lead, shared by every period's figures.
#[derive(Debug, Clone)]
pub struct Join<'a> {
    /// Every lead ready for sales by the cut-off, in lead order.
    pub follow_ups: Vec<FollowUp<'a>>,
    /// Per lead, in lead order.
    pub stages: Vec<Stages>,
    /// Per lead, in lead order: an earlier lead has the same email hash.
    pub duplicate: Vec<bool>,
    /// Activities by lead id, oldest first, up to the cut-off.
    pub touches: TouchIndex<'a>,
    /// Lead position by id.
    pub lead_by_id: HashMap<&'a str, usize>,
    /// Whether any activity export was read.
    pub has_activities: bool,
    /// Whether any lead carries an email hash.
    pub has_emails: bool,
}

/// Joins leads, touches and deals once.
pub fn join(records: &Records, as_of: NaiveDateTime) -> Join<'_> {
    // The maps, then the per-lead work, each pair on both cores; results
    // are collected in lead order, so nothing depends on the scheduling.
    let (touches, lead_by_id) = rayon::join(
        || touches_by_lead(records, as_of),
        || -> HashMap<&str, usize> {
            records
                .leads
                .iter()
                .enumerate()
                .map(|(i, l)| (l.id.as_str(), i))
                .collect()
        },
    );
    let (follow_ups, (stages, duplicate)) = rayon::join(
        || {
            records
                .leads
                .par_iter()
                .enumerate()
                .filter_map(|(index, lead)| {
                    follow_up(index, lead, as_of, touches.get(lead.id.as_str()))
                })
                .collect()
        },
        || {
            rayon::join(
                || stages(records, &lead_by_id, as_of),
                || duplicates(&records.leads),
            )
        },
    );
    Join {
        follow_ups,
        stages,
        duplicate,
        has_activities: !records.touches.is_empty(),
        has_emails: records.leads.iter().any(|l| l.email_hash.is_some()),
        touches,
        lead_by_id,
    }
}

fn follow_up<'a>(
    index: usize,
    lead: &'a Lead,
    as_of: NaiveDateTime,
    activities: Option<&[TouchRef<'a>]>,
) -> Option<FollowUp<'a>> {
    let ready = lead.ready_at.filter(|r| *r <= as_of)?;
    let (touch, owner) = first_touch(lead, ready, as_of, activities);
    Some(FollowUp {
        index,
        lead,
        ready,
        mql: lead.mql_at.is_some(),
        function: lead.function,
        touch,
        owner,
        reps_first_days: reps_in_first_days(ready, activities),
    })
}

/// Every touch known by the cut-off, grouped by the lead id it names: one
/// flat list, each lead's part sorted by time, and where each part starts.
/// A million small lists would cost more than the touches themselves.
#[derive(Debug, Clone, Default)]
pub struct TouchIndex<'a> {
    group_of: HashMap<&'a str, u32>,
    starts: Vec<u32>,
    touches: Vec<TouchRef<'a>>,
}

impl<'a> TouchIndex<'a> {
    /// The touches naming `lead_id`, oldest first.
    pub fn get(&self, lead_id: &str) -> Option<&[TouchRef<'a>]> {
        let group = *self.group_of.get(lead_id)? as usize;
        let (start, end) = (self.starts[group] as usize, self.starts[group + 1] as usize);
        Some(&self.touches[start..end])
    }
}

fn touches_by_lead(records: &Records, as_of: NaiveDateTime) -> TouchIndex<'_> {
    let known = || records.touches.iter().filter(|t| t.at <= as_of);
    let mut group_of: HashMap<&str, u32> = HashMap::default();
    let mut counts: Vec<u32> = Vec::new();
    for touch in known() {
        let next = group_of.len() as u32;
        let group = *group_of.entry(&*touch.lead_id).or_insert(next) as usize;
        if group == counts.len() {
            counts.push(0);
        }
        counts[group] += 1;
    }
    let mut starts = Vec::with_capacity(counts.len() + 1);
    starts.push(0u32);
    for count in &counts {
        starts.push(starts[starts.len() - 1] + count);
    }
    let mut fill: Vec<u32> = starts[..counts.len()].to_vec();
    let placeholder = (NaiveDateTime::MIN, None);
    let mut touches = vec![placeholder; starts[counts.len()] as usize];
    for touch in known() {
        let group = group_of[&*touch.lead_id] as usize;
        touches[fill[group] as usize] = (touch.at, touch.owner.as_deref());
        fill[group] += 1;
    }
    for group in 0..counts.len() {
        touches[starts[group] as usize..starts[group + 1] as usize].sort_unstable();
    }
    TouchIndex {
        group_of,
        starts,
        touches,
    }
}

/// The earliest touch in `[ready, as_of]` from the lead's own first-touch
/// column and its activities; ties go to the activity, which names its owner.
fn first_touch<'a>(
    lead: &'a Lead,
    ready: NaiveDateTime,
    as_of: NaiveDateTime,
    activities: Option<&[TouchRef<'a>]>,
) -> (Option<NaiveDateTime>, Option<&'a str>) {
    let own = lead.first_touch_at.map(|t| (t, lead.owner.as_deref()));
    let candidates = activities.into_iter().flatten().copied().chain(own);
    let best = candidates
        .filter(|(t, _)| ready <= *t && *t <= as_of)
        .min_by_key(|(t, _)| *t);
    match best {
        Some((t, owner)) => (Some(t), owner.or(lead.owner.as_deref())),
        None => (None, None),
    }
}

/// Distinct named reps among the activities in `[ready, ready + 14 days]`.
fn reps_in_first_days(ready: NaiveDateTime, activities: Option<&[TouchRef<'_>]>) -> u32 {
    let until = ready + Duration::days(FIRST_DAYS);
    let reps: BTreeSet<&str> = activities
        .into_iter()
        .flatten()
        .filter(|(t, _)| ready <= *t && *t <= until)
        .filter_map(|(_, owner)| *owner)
        .collect();
    reps.len() as u32
}

/// The stages every lead reached by the cut-off.
fn stages(
    records: &Records,
    lead_by_id: &HashMap<&str, usize>,
    as_of: NaiveDateTime,
) -> Vec<Stages> {
    let known = |t: Option<NaiveDateTime>| t.filter(|t| *t <= as_of);
    let mut stages: Vec<Stages> = records
        .leads
        .iter()
        .map(|l| Stages {
            mql: known(l.mql_at),
            sql: known(l.sql_at),
            opportunity: known(l.opportunity_at),
            won: known(l.customer_at),
        })
        .collect();
    for deal in &records.deals {
        let won = known(deal.closed_at).filter(|_| deal.outcome == Outcome::Won);
        for id in &deal.lead_ids {
            if let Some(&i) = lead_by_id.get(id.as_str()) {
                let s = &mut stages[i];
                s.opportunity = earliest(s.opportunity, known(Some(deal.created_at)));
                s.won = earliest(s.won, won);
            }
        }
    }
    for s in &mut stages {
        s.opportunity = earliest(s.opportunity, s.won);
        s.sql = earliest(s.sql, s.opportunity);
        s.mql = earliest(s.mql, s.sql);
    }
    stages
}

fn earliest(a: Option<NaiveDateTime>, b: Option<NaiveDateTime>) -> Option<NaiveDateTime> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        _ => a.or(b),
    }
}

/// Marks every lead whose email hash an earlier-created lead (ties: the
/// smaller id) already has: a duplicate record of the same person.
fn duplicates(leads: &[Lead]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..leads.len())
        .filter(|&i| leads[i].email_hash.is_some())
        .collect();
    order.sort_by(|&a, &b| {
        (leads[a].created_at, &leads[a].id).cmp(&(leads[b].created_at, &leads[b].id))
    });
    let mut seen = rustc_hash::FxHashSet::default();
    let mut duplicate = vec![false; leads.len()];
    for i in order {
        if let Some(hash) = leads[i].email_hash {
            duplicate[i] = !seen.insert(hash);
        }
    }
    duplicate
}
