//! Alignment: signs that sales and marketing pull apart. Duplicated effort
//! (a lead worked by two or more reps; the same person entered twice),
//! sales' feedback by source (lead statuses and lost deals) and the shift
//! in the source mix against the previous period.

use super::Figure;
use super::follow_up::{FIRST_DAYS, FollowUp, Join};
use super::funnel::{Segment, entry, source_label};
use super::reach::Picked;
use super::stats::share;
use super::window::Window;
use super::{Reason, Unavailable, note};
use crate::model::{Deal, Lead, Outcome};
use serde::Serialize;
use std::collections::BTreeMap;

/// Lead statuses (compared in lower case) that mean sales rejected the lead.
pub const DISQUALIFYING: &[&str] = &[
    "unqualified",
    "disqualified",
    "bad timing",
    "bad fit",
    "not a fit",
    "not interested",
    "junk",
    "spam",
    "no budget",
    "wrong contact",
    "closed - not converted",
    "closed lost",
    "lost",
];

/// The reason a lost deal is listed under in the feedback table.
pub const DEAL_LOST: &str = "Deal lost";
/// The reason a never-touched lead with a disqualifying status is listed
/// under: the status is a clean-up of the CRM, not sales' verdict.
pub const CLOSED_UNTOUCHED: &str = "Closed without a touch";

/// Alignment figures of one period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Alignment {
    /// Leads ready in the period with activities by two or more reps in
    /// their first 14 days.
    pub multi_rep_leads: Option<u64>,
    /// Of the leads ready in the period.
    pub multi_rep_share: Option<f64>,
    /// Leads created in the period whose email an earlier lead already has.
    pub duplicate_leads: Option<u64>,
    /// Of the leads created in the period.
    pub duplicate_share: Option<f64>,
    /// Lead statuses of the leads ready in the period and the deals lost in
    /// it, by source.
    pub feedback: Vec<Feedback>,
    /// Disqualified leads by source, of the leads ready in the period.
    pub disqualified_by_source: BTreeMap<String, SourceFeedback>,
    /// Disqualified share of the leads ready in the period that sales
    /// touched: sales' verdict counts only what sales saw.
    pub disqualified_share: Option<f64>,
    /// Leads ready in the period with a disqualifying status that no rep
    /// ever touched ("closed without a touch"), outside the verdict.
    pub closed_without_touch: u64,
    /// Each source's share of new leads against the previous period.
    pub source_mix: Vec<MixRow>,
    /// Half the sum of the absolute share changes: the share of new leads
    /// that came from different sources than in the previous period (0..1).
    pub mix_shift: Option<f64>,
}

/// One source's count of one reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feedback {
    pub source: String,
    pub reason: String,
    pub count: u64,
}

/// Sales' verdict on one source's leads.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SourceFeedback {
    pub ready: u64,
    /// Of the ready leads, those sales touched (at a known time or not).
    pub touched: u64,
    /// Touched leads with a disqualifying status.
    pub disqualified: u64,
    /// `disqualified / touched`.
    pub share: Option<f64>,
    /// Never-touched leads with a disqualifying status.
    pub closed_without_touch: u64,
    /// Deals of the source lost in the period.
    pub lost_deals: u64,
}

/// One source in the lead mix.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MixRow {
    pub source: String,
    pub leads: u64,
    pub share: Option<f64>,
    pub previous_share: Option<f64>,
    /// `share - previous_share` in percentage points.
    pub shift_pts: Option<f64>,
}

/// Whether a lead status says sales rejected the lead.
pub fn is_disqualifying(status: &str) -> bool {
    let status = status.trim();
    if status.is_ascii() {
        // The common case, without allocating a lower-case copy.
        return DISQUALIFYING.iter().any(|d| d.eq_ignore_ascii_case(status));
    }
    DISQUALIFYING.contains(&status.to_lowercase().as_str())
}

/// Computes the alignment figures of one period (all but the mix shift,
/// which needs the previous period: see [`mix`]).
pub fn alignment<'f, 'a: 'f>(
    leads: Picked<Lead>,
    follow_ups: impl IntoIterator<Item = &'f FollowUp<'a>>,
    deals: &[Deal],
    join: &Join,
    window: &Window,
    unavailable: &mut Unavailable,
) -> Alignment {
    let ready: Vec<_> = follow_ups
        .into_iter()
        .filter(|f| window.contains(f.ready))
        .collect();
    let mut a = Alignment::default();
    if join.has_activities {
        let multi = ready.iter().filter(|f| f.several_reps).count() as u64;
        a.multi_rep_leads = Some(multi);
        a.multi_rep_share = share(multi, ready.len() as u64);
    } else {
        note(
            unavailable,
            Figure::MultiRepLeads,
            Reason::NoActivityExportReps { days: FIRST_DAYS },
        );
    }
    if join.has_emails {
        let (mut created, mut dupes) = (0u64, 0u64);
        for (i, lead) in leads.indexed() {
            if window.contains(lead.created_at) {
                created += 1;
                dupes += u64::from(join.duplicate[i]);
            }
        }
        a.duplicate_leads = Some(dupes);
        a.duplicate_share = share(dupes, created);
    } else {
        note(unavailable, Figure::DuplicateLeads, Reason::NoEmailColumn);
    }
    let mut reasons: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    let mut by_source: BTreeMap<String, SourceFeedback> = BTreeMap::new();
    for ((source, status, touched), n) in source_status_counts(&ready) {
        let source = source_label(source);
        let counts = entry(&mut by_source, source);
        counts.ready += n;
        counts.touched += n * u64::from(touched);
        let Some(status) = status.map(str::trim).filter(|s| !s.is_empty()) else {
            continue;
        };
        let rejected = is_disqualifying(status);
        if rejected && !touched {
            counts.closed_without_touch += n;
            *reasons.entry((source, CLOSED_UNTOUCHED)).or_default() += n;
        } else {
            counts.disqualified += n * u64::from(rejected);
            *reasons.entry((source, status)).or_default() += n;
        }
    }
    for deal in deals
        .iter()
        .filter(|d| d.outcome == Outcome::Lost && window.holds(d.closed_at))
    {
        let source = source_label(&deal.source);
        entry(&mut by_source, source).lost_deals += 1;
        *reasons.entry((source, DEAL_LOST)).or_default() += 1;
    }
    let disqualified: u64 = by_source.values().map(|s| s.disqualified).sum();
    let touched: u64 = by_source.values().map(|s| s.touched).sum();
    for s in by_source.values_mut() {
        s.share = share(s.disqualified, s.touched);
    }
    a.disqualified_share = share(disqualified, touched);
    a.closed_without_touch = by_source.values().map(|s| s.closed_without_touch).sum();
    a.disqualified_by_source = by_source;
    a.feedback = feedback_rows(reasons);
    a
}

/// Source, status and whether sales touched the lead.
type StatusKey<'a> = (&'a str, Option<&'a str>, bool);

/// How many leads have each source, status and touched flag. Sources and
/// statuses are texts shared by many leads, so they are told apart by
/// address first (no string compared or hashed per lead); the caller keys
/// by text.
fn source_status_counts<'a>(ready: &[&FollowUp<'a>]) -> Vec<(StatusKey<'a>, u64)> {
    let address = |text: &str| text.as_ptr() as usize;
    let mut counts: rustc_hash::FxHashMap<(usize, usize, bool), (StatusKey<'a>, u64)> =
        rustc_hash::FxHashMap::default();
    for f in ready {
        let (source, status) = (&*f.lead.source, f.lead.status.as_deref());
        let touched = f.touch.is_some() || f.untimed;
        let key = (address(source), status.map_or(0, address), touched);
        counts
            .entry(key)
            .or_insert(((source, status, touched), 0))
            .1 += 1;
    }
    counts.into_values().collect()
}

/// Reasons by source, most frequent first within each source.
fn feedback_rows(reasons: BTreeMap<(&str, &str), u64>) -> Vec<Feedback> {
    let mut rows: Vec<Feedback> = reasons
        .into_iter()
        .map(|((source, reason), count)| Feedback {
            source: source.to_string(),
            reason: reason.to_string(),
            count,
        })
        .collect();
    rows.sort_by(|a, b| {
        (&a.source, std::cmp::Reverse(a.count), &a.reason).cmp(&(
            &b.source,
            std::cmp::Reverse(b.count),
            &b.reason,
        ))
    });
    rows
}

/// The source mix of new leads against the previous period's.
pub fn mix(
    now: &BTreeMap<String, Segment>,
    before: Option<&BTreeMap<String, Segment>>,
) -> (Vec<MixRow>, Option<f64>) {
    let total = |m: &BTreeMap<String, Segment>| m.values().map(|s| s.leads).sum::<u64>();
    let now_total = total(now);
    let before_total = before.map(total);
    let mut sources: Vec<&String> = now
        .keys()
        .chain(before.into_iter().flat_map(|b| b.keys()))
        .collect();
    sources.sort();
    sources.dedup();
    let rows: Vec<MixRow> = sources
        .into_iter()
        .map(|source| {
            let leads = now.get(source).map_or(0, |s| s.leads);
            let share_now = share(leads, now_total);
            let previous_share = before
                .zip(before_total)
                .and_then(|(b, t)| share(b.get(source).map_or(0, |s| s.leads), t));
            MixRow {
                source: source.clone(),
                leads,
                share: share_now,
                previous_share,
                shift_pts: share_now.zip(previous_share).map(|(n, p)| (n - p) * 100.0),
            }
        })
        .filter(|r| r.leads > 0 || r.previous_share.is_some_and(|p| p > 0.0))
        .collect();
    let shift = rows
        .iter()
        .map(|r| r.shift_pts.map(|p| p.abs() / 100.0))
        .sum::<Option<f64>>()
        .map(|s| s / 2.0)
        .filter(|_| !rows.is_empty());
    (rows, shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leads(n: u64) -> Segment {
        Segment {
            leads: n,
            ..Segment::default()
        }
    }

    #[test]
    fn the_mix_shift_is_half_the_absolute_share_changes() {
        let now: BTreeMap<String, Segment> =
            [("A".to_string(), leads(3)), ("B".to_string(), leads(1))].into();
        let before: BTreeMap<String, Segment> = [("A".to_string(), leads(1))].into();
        let (rows, shift) = mix(&now, Some(&before));
        // A: 0.75 against 1.0 (-25 pts); B: 0.25 against 0 (+25 pts).
        assert_eq!(rows.len(), 2);
        assert!((rows[0].shift_pts.unwrap() + 25.0).abs() < 1e-9);
        assert!((shift.unwrap() - 0.25).abs() < 1e-12);
        assert_eq!(mix(&now, None).1, None);
    }

    #[test]
    fn disqualifying_statuses_compare_without_case() {
        assert!(is_disqualifying(" Unqualified "));
        assert!(is_disqualifying("Closed - Not Converted"));
        assert!(!is_disqualifying("Attempted to Contact"));
    }
}
