//! The per-lead join, made once for all periods: for every lead ready for
//! sales, when it became ready and its first sales touch at or after that;
//! for every lead, the stages it reached by the cut-off (from its own stage
//! dates and the deals linked to it) and whether it duplicates an earlier
//! lead record.
//!
//! Touches come from the lead itself (HubSpot `First outreach date`) and
//! from activity exports, which ingest folded per lead as it read them
//! ([`crate::model::Activity`]).

pub use crate::model::activity::FIRST_DAYS;
use crate::model::lead_index::DealLeads;
use crate::model::{
    Activity, Function, Lead, LeadActivity, LeadIndex, Outcome, ReadyBasis, Records, Stamp, Text,
};
use chrono::NaiveDateTime;

/// One lead's wait for sales.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp<'a> {
    /// Position of the lead in [`Records::leads`] (and in [`Join::stages`]).
    pub index: u32,
    pub lead: &'a Lead,
    pub ready: Stamp,
    /// Whether the lead counts as supply: it came as an MQL, or every
    /// ready lead does where no lead has an MQL date
    /// ([`ReadyBasis::Created`]).
    pub mql: bool,
    /// Not touched by a known time, though the CRM says sales contacted
    /// it ([`Lead::touched`]): "touched, time unknown", never dropped.
    pub untimed: bool,
    pub function: Function,
    /// The first touch at or after `ready`, known by the cut-off.
    pub touch: Option<Stamp>,
    /// Who made that touch (the lead's owner when the export does not say).
    pub owner: Option<&'a Text>,
    /// Whether two or more reps logged an activity on the lead in its
    /// first [`FIRST_DAYS`] days after becoming ready (activity exports
    /// only).
    pub several_reps: bool,
}

/// When a lead reached each stage after MQL, by the cut-off: the earliest
/// of its own stage date, any later stage's date and its linked deals
/// (created = opportunity, closed won = won).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stages {
    pub mql: Option<Stamp>,
    pub sql: Option<Stamp>,
    pub opportunity: Option<Stamp>,
    pub won: Option<Stamp>,
}

/// Everything joined per lead, shared by every period's figures.
#[derive(Debug, Clone)]
pub struct Join<'a> {
    /// Every lead ready for sales by the cut-off, in lead order.
    pub follow_ups: Vec<FollowUp<'a>>,
    /// Per lead, in lead order.
    pub stages: Vec<Stages>,
    /// Per lead, in lead order: an earlier lead has the same email hash.
    pub duplicate: Vec<bool>,
    /// Per deal, in deal order: when the earliest-created lead it links to
    /// was created; `None` when it links to no lead of the exports.
    pub first_lead_created: Vec<Option<Stamp>>,
    /// Whether any activity export was read.
    pub has_activities: bool,
    /// Whether any lead carries an email hash.
    pub has_emails: bool,
    /// What "ready for sales" means for these leads.
    pub ready_basis: ReadyBasis,
    /// Whether any ready lead is touched with its time unknown: the
    /// follow-up bands then show them as a band of their own.
    pub has_untimed: bool,
}

/// Joins leads, touches and deals once.
pub fn join(records: &Records, as_of: NaiveDateTime) -> Join<'_> {
    let as_of = Stamp::clamped(as_of);
    // The per-lead work on both cores; results are collected in lead
    // order, so nothing depends on the scheduling.
    let activity = &records.activity;
    let (follow_ups, ((stages, first_lead_created), duplicate)) = rayon::join(
        || follow_ups(records, as_of),
        // One after the other: where `stages` has to index the leads
        // (records not read by ingest), the index is freed before
        // `duplicates` sorts, which keeps the peak lower.
        || (stages(records, as_of), duplicates(&records.leads)),
    );
    Join {
        has_untimed: follow_ups.iter().any(|f| f.untimed),
        ready_basis: records.ready_basis,
        follow_ups,
        stages,
        duplicate,
        has_activities: activity.touches > 0,
        has_emails: records.leads.iter().any(|l| l.email_hash.is_some()),
        first_lead_created,
    }
}

/// Every ready lead's follow-up, in lead order. One thread and a list of
/// the exact length: collected in parallel, the pieces would be held twice
/// while joined.
fn follow_ups(records: &Records, as_of: Stamp) -> Vec<FollowUp<'_>> {
    let activity = &records.activity;
    let all_supply = records.ready_basis == ReadyBasis::Created;
    let ready = |lead: &Lead| lead.ready_at.is_some_and(|r| r <= as_of);
    let mut follow_ups = Vec::with_capacity(records.leads.iter().filter(|l| ready(l)).count());
    follow_ups.extend(
        records
            .leads
            .iter()
            .enumerate()
            .filter_map(|(index, lead)| {
                let mut f = follow_up(index, lead, as_of, activity, activity.of_lead(index))?;
                if all_supply {
                    f.mql = true;
                    touched_when_created(&mut f);
                }
                Some(f)
            }),
    );
    follow_ups
}

fn follow_up<'a>(
    index: usize,
    lead: &'a Lead,
    as_of: Stamp,
    activity: &'a Activity,
    touched: Option<&LeadActivity>,
) -> Option<FollowUp<'a>> {
    let ready = lead.ready_at.filter(|r| *r <= as_of)?;
    let (touch, owner) = first_touch(lead, ready, as_of, activity, touched);
    Some(FollowUp {
        index: index as u32,
        lead,
        ready,
        mql: lead.mql_at.is_some(),
        untimed: touch.is_none() && lead.touched,
        function: lead.function,
        touch,
        owner,
        several_reps: touched.is_some_and(|t| t.several_reps),
    })
}

/// Where every lead is ready when created ([`ReadyBasis::Created`]), a
/// first touch the lead records before its own creation is a contact a
/// rep made and then saved (HubSpot's sales extension creates the contact
/// as the email goes out, a minute after it): touched when created, not
/// left untouched.
fn touched_when_created(f: &mut FollowUp) {
    let before = f.lead.first_touch_at.is_some_and(|t| t < f.ready);
    if f.touch.is_none() && before {
        f.touch = Some(f.ready);
        f.owner = f.lead.owner.as_ref();
    }
}

/// The earlier of the lead's own first-touch column and its first activity
/// since it became ready (folded at ingest, up to the cut-off), if in
/// `[ready, as_of]`; ties go to the activity, which names its owner.
fn first_touch<'a>(
    lead: &'a Lead,
    ready: Stamp,
    as_of: Stamp,
    activity: &'a Activity,
    touched: Option<&LeadActivity>,
) -> (Option<Stamp>, Option<&'a Text>) {
    let logged = touched.and_then(|t| Some((t.first?, activity.owner_text(t.first_owner))));
    let own = lead.first_touch_at.map(|t| (t, lead.owner.as_ref()));
    let best = logged
        .into_iter()
        .chain(own)
        .filter(|(t, _)| ready <= *t && *t <= as_of)
        .min_by_key(|(t, _)| *t);
    match best {
        Some((t, owner)) => (Some(t), owner.or(lead.owner.as_ref())),
        None => (None, None),
    }
}

/// The stages every lead reached by the cut-off, and per deal when its
/// earliest linked lead was created. Deals reach their leads through the
/// links ingest found ([`Records::deal_leads`]), not a second index of
/// the leads.
fn stages(records: &Records, as_of: Stamp) -> (Vec<Stages>, Vec<Option<Stamp>>) {
    let (leads, deals) = (&records.leads, &records.deals);
    let resolved;
    let deal_leads = match &records.deal_leads {
        Some(links) if links.fits(deals, leads) => links,
        // Records not read by ingest (tests, a single file).
        _ => {
            resolved = DealLeads::resolve(deals, &LeadIndex::new(leads));
            &resolved
        }
    };
    let known = |t: Option<Stamp>| t.filter(|t| *t <= as_of);
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
    let mut first_lead_created = vec![None; records.deals.len()];
    for (d, (deal, first_created)) in deals.iter().zip(&mut first_lead_created).enumerate() {
        let won = known(deal.closed_at).filter(|_| deal.outcome == Outcome::Won);
        for i in deal_leads.of(d) {
            let s = &mut stages[i];
            s.opportunity = earliest(s.opportunity, known(Some(deal.created_at)));
            s.won = earliest(s.won, won);
            *first_created = earliest(*first_created, Some(leads[i].created_at));
        }
    }
    for s in &mut stages {
        s.opportunity = earliest(s.opportunity, s.won);
        s.sql = earliest(s.sql, s.opportunity);
        s.mql = earliest(s.mql, s.sql);
    }
    (stages, first_lead_created)
}

fn earliest(a: Option<Stamp>, b: Option<Stamp>) -> Option<Stamp> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        _ => a.or(b),
    }
}

/// Marks every lead whose email hash an earlier-created lead (ties: the
/// smaller id) already has: a duplicate record of the same person.
/// Leads are sorted by 32 bits of their email hash, packed with their
/// position into one number: a plain sort of a million numbers, where
/// comparing leads would jump around memory. Each run of equal bits (the
/// same person, or a rare clash) is then ordered by the whole hash,
/// creation and id: each person's records together, the original first.
fn duplicates(leads: &[Lead]) -> Vec<bool> {
    let mut packed: Vec<u64> = leads
        .iter()
        .enumerate()
        .filter_map(|(i, lead)| Some((lead.email_hash?.get() >> 32 << 32) | i as u64))
        .collect();
    packed.sort_unstable();
    let mut duplicate = vec![false; leads.len()];
    let mut run: Vec<u32> = Vec::new();
    for group in packed.chunk_by(|a, b| a >> 32 == b >> 32) {
        if group.len() < 2 {
            continue;
        }
        run.clear();
        run.extend(group.iter().map(|p| *p as u32));
        let key = |i: &u32| {
            let lead = &leads[*i as usize];
            (lead.email_hash, lead.created_at, &lead.id)
        };
        // Ids are unique after ingest, so the order is total.
        run.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
        for pair in run.windows(2) {
            if leads[pair[0] as usize].email_hash == leads[pair[1] as usize].email_hash {
                duplicate[pair[1] as usize] = true;
            }
        }
    }
    duplicate
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::num::NonZeroU64;

    fn lead(id: &str, created: &str, hash: Option<u64>) -> Lead {
        let at = chrono::NaiveDateTime::parse_from_str(created, "%Y-%m-%d %H:%M").unwrap();
        let created = Stamp::new(at).unwrap();
        Lead {
            email_hash: hash.and_then(NonZeroU64::new),
            ..Lead::new(id, created, "Paid Search".into(), Function::Marketing)
        }
    }

    #[test]
    fn a_touch_saved_before_creation_counts_at_creation_where_leads_are_ready_when_created() {
        let at = |t: &str| {
            Stamp::new(chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").unwrap()).unwrap()
        };
        let mut early = lead("1", "2026-07-01 10:01", None);
        early.first_touch_at = Some(at("2026-07-01 10:00"));
        early.owner = Some("Rep".into());
        let mut records = Records {
            leads: vec![early, lead("2", "2026-07-02 09:00", None)],
            ready_basis: ReadyBasis::Created,
            ..Records::default()
        };
        ReadyBasis::Created.apply(&mut records.leads);
        let f = follow_ups(&records, at("2026-09-30 00:00"));
        assert_eq!(f[0].touch, Some(at("2026-07-01 10:01")));
        assert_eq!(f[0].owner.map(|o| &**o), Some("Rep"));
        assert_eq!(f[1].touch, None);
        // Where readiness is the MQL date, such a touch does not count.
        records.ready_basis = ReadyBasis::Mql;
        assert_eq!(follow_ups(&records, at("2026-09-30 00:00"))[0].touch, None);
    }

    #[test]
    fn duplicates_are_the_later_records_of_one_hash() {
        // Hashes sharing their upper 32 bits are told apart by the rest.
        let clash = 0xABCD_0000_0000_0000_u64;
        let leads = [
            lead("3", "2026-07-02 09:00", Some(clash | 1)),
            lead("1", "2026-07-01 09:00", Some(clash | 2)),
            lead("2", "2026-07-01 09:00", Some(clash | 1)),
            lead("4", "2026-07-01 08:00", None),
            lead("5", "2026-07-03 09:00", Some(clash | 2)),
            // Same creation: the smaller id is the original.
            lead("7", "2026-07-04 09:00", Some(7 << 40)),
            lead("6", "2026-07-04 09:00", Some(7 << 40)),
        ];
        assert_eq!(
            duplicates(&leads),
            [true, false, false, false, true, true, false]
        );
    }
}
