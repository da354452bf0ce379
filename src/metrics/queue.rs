//! The queue: every lead ready for sales (supply) that no rep had touched
//! at a moment, of every age, in age bands and per rep. The drop window
//! decides when a lead counts as dropped; it does not take the lead out of
//! the queue: a lead nobody called is still waiting.

use super::follow_up::FollowUp;
use super::stats::ratio;
use super::team::UNASSIGNED;
use crate::model::Stamp;
use chrono::Duration;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

/// The age bands' names and upper limits in days (exclusive).
pub const BANDS: [(&str, i64); 5] = [
    ("under_1d", 1),
    ("1_7d", 7),
    ("7_30d", 30),
    ("30_90d", 90),
    ("older", i64::MAX),
];

/// Untouched ready leads in each age band (in [`BANDS`] order).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Ages {
    pub under_1d: u64,
    #[serde(rename = "1_7d")]
    pub d1_7: u64,
    #[serde(rename = "7_30d")]
    pub d7_30: u64,
    #[serde(rename = "30_90d")]
    pub d30_90: u64,
    pub older: u64,
    pub total: u64,
}

impl Ages {
    fn add(&mut self, age: Duration) {
        let days = age.num_seconds() as f64 / 86_400.0;
        let band = BANDS
            .iter()
            .position(|(_, limit)| days < *limit as f64)
            .unwrap_or(BANDS.len() - 1);
        *[
            &mut self.under_1d,
            &mut self.d1_7,
            &mut self.d7_30,
            &mut self.d30_90,
            &mut self.older,
        ][band] += 1;
        self.total += 1;
    }

    /// The counts in [`BANDS`] order.
    pub fn counts(&self) -> [u64; 5] {
        [
            self.under_1d,
            self.d1_7,
            self.d7_30,
            self.d30_90,
            self.older,
        ]
    }
}

/// One rep's untouched leads at the period's end.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RepQueue {
    /// The rep as `[privacy] owners` shows them.
    pub rep: String,
    #[serde(flatten)]
    pub ages: Ages,
}

/// The queue at the period's end (metrics.json `balance.queue`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Queue {
    /// Every untouched ready lead, by age.
    #[serde(flatten)]
    pub ages: Ages,
    /// The leads no older than the workable age limit: the part a rep
    /// would still call.
    pub workable: u64,
    /// The workable age limit in days (`[capacity] workable_days`).
    pub workable_days: i64,
    /// `workable / first touches per week in the period`: weeks of leads
    /// the reps had in hand.
    pub weeks_in_hand: Option<f64>,
    /// By rep, sorted by the shown name.
    pub by_rep: Vec<RepQueue>,
}

/// Untouched supply leads at `at`, by age and owner. Leads touched at an
/// unknown time are not waiting.
pub fn queue_at<'f, 'a: 'f>(
    follow_ups: impl IntoIterator<Item = &'f FollowUp<'a>>,
    at: Stamp,
) -> HashMap<Option<&'a str>, Ages> {
    let mut by_owner: HashMap<Option<&str>, Ages> = HashMap::default();
    for f in follow_ups.into_iter().filter(|f| f.mql && !f.untimed) {
        if f.ready < at && f.touch.is_none_or(|t| t >= at) {
            by_owner
                .entry(f.lead.owner.as_deref())
                .or_default()
                .add(at - f.ready);
        }
    }
    by_owner
}

/// The queue at `at` with its workable part and per-rep rows.
pub fn queue<'f, 'a: 'f>(
    follow_ups: impl IntoIterator<Item = &'f FollowUp<'a>> + Copy,
    at: Stamp,
    workable_days: i64,
    touches_per_week: f64,
    shown: &HashMap<String, String>,
) -> Queue {
    let by_owner = queue_at(follow_ups, at);
    let limit = at - Duration::days(workable_days);
    let workable = follow_ups
        .into_iter()
        .filter(|f| f.mql && !f.untimed && f.ready < at && f.ready >= limit)
        .filter(|f| f.touch.is_none_or(|t| t >= at))
        .count() as u64;
    let mut result = Queue {
        workable,
        workable_days,
        weeks_in_hand: ratio(workable as f64, touches_per_week),
        ..Queue::default()
    };
    for (owner, ages) in by_owner {
        for (total, n) in [
            (&mut result.ages.under_1d, ages.under_1d),
            (&mut result.ages.d1_7, ages.d1_7),
            (&mut result.ages.d7_30, ages.d7_30),
            (&mut result.ages.d30_90, ages.d30_90),
            (&mut result.ages.older, ages.older),
            (&mut result.ages.total, ages.total),
        ] {
            *total += n;
        }
        let rep = match owner {
            Some(o) => shown.get(o).cloned().unwrap_or_else(|| o.to_string()),
            None => UNASSIGNED.to_string(),
        };
        result.by_rep.push(RepQueue { rep, ages });
    }
    result.by_rep.sort_by(|a, b| a.rep.cmp(&b.rep));
    result
}
