//! Team: follow-up per rep, for the leads ready in the period. Rep names
//! appear as `[privacy] owners` says (names, initials or hidden), here,
//! before anything reaches metrics.json.

use super::follow_up::FollowUp;
use super::stats::{median, share};
use super::window::Window;
use crate::config::{OwnerDisplay, Sla};
use crate::model::Records;
use chrono::Duration;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::BTreeSet;

/// The row of leads without an owner.
pub const UNASSIGNED: &str = "(unassigned)";

/// One rep's follow-up in one period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rep {
    /// The rep as `[privacy] owners` shows them.
    pub rep: String,
    /// Leads ready in the period that the rep owns.
    pub assigned: u64,
    /// First touches the rep made in the period of leads handed to sales
    /// (the leads capacity counts; not the rep's own prospects).
    pub first_touches: u64,
    /// Median hours to first touch of the rep's assigned leads.
    pub median_hours: Option<f64>,
    /// Of the assigned leads, those not touched within the drop window.
    pub dropped: u64,
    pub dropped_share: Option<f64>,
}

/// How each owner name appears on the site, for every name in the data:
/// names as written, initials (`DW`, numbered on a clash), or `Rep 1`,
/// `Rep 2`, ... in alphabetical order of the hidden names.
pub fn display_names(records: &Records, mode: OwnerDisplay) -> HashMap<String, String> {
    // A hash set first: a million leads share a handful of owners, and
    // sorting every occurrence would cost more than the rest of the team.
    let distinct: rustc_hash::FxHashSet<&str> = records
        .leads
        .iter()
        .filter_map(|l| l.owner.as_deref())
        .chain(records.activity.owners.iter().map(|owner| &**owner))
        .chain(records.deals.iter().filter_map(|d| d.owner.as_deref()))
        .collect();
    let names: BTreeSet<&str> = distinct.into_iter().collect();
    let mut used: HashMap<String, u32> = HashMap::default();
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let shown = match mode {
                OwnerDisplay::Names => name.to_string(),
                OwnerDisplay::Hidden => format!("Rep {}", i + 1),
                OwnerDisplay::Initials => {
                    let initials = initials(name);
                    let n = used.entry(initials.clone()).or_default();
                    *n += 1;
                    if *n == 1 {
                        initials
                    } else {
                        format!("{initials} {n}")
                    }
                }
            };
            (name.to_string(), shown)
        })
        .collect()
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Follow-up per rep for one period, sorted by the shown name.
pub fn team<'f, 'a: 'f>(
    follow_ups: impl IntoIterator<Item = &'f FollowUp<'a>>,
    window: &Window,
    sla: &Sla,
    shown: &HashMap<String, String>,
) -> Vec<Rep> {
    let drop_window = Duration::days(sla.drop_after_days);
    // Keyed by the name in the data; shown names are unique per name.
    let mut reps: HashMap<Option<&str>, (Rep, Vec<f64>)> = HashMap::default();
    for f in follow_ups.into_iter() {
        if window.holds(f.touch) && super::capacity::handed_over(f) {
            reps.entry(f.owner.map(|owner| &**owner))
                .or_default()
                .0
                .first_touches += 1;
        }
        if !window.contains(f.ready) {
            continue;
        }
        let (rep, hours) = reps.entry(f.lead.owner.as_deref()).or_default();
        rep.assigned += 1;
        let waited = f.touch.map(|t| t - f.ready);
        if let Some(w) = waited {
            hours.push(w.num_seconds() as f64 / 3600.0);
        }
        let closed = f.ready + drop_window <= window.cut_off;
        let unseen = waited.is_none_or(|w| w > drop_window) && !f.untimed;
        rep.dropped += u64::from(closed && unseen);
    }
    let mut rows: Vec<Rep> = reps
        .into_iter()
        .map(|(owner, (mut rep, mut hours))| {
            rep.rep = match owner {
                Some(o) => shown.get(o).cloned().unwrap_or_else(|| o.to_string()),
                None => UNASSIGNED.to_string(),
            };
            rep.median_hours = median(&mut hours);
            rep.dropped_share = share(rep.dropped, rep.assigned);
            rep
        })
        .collect();
    rows.sort_by(|a, b| a.rep.cmp(&b.rep));
    rows
}
