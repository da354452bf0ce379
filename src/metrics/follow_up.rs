//! Follow-up: for every lead ready for sales, when it became ready and its
//! first sales touch at or after that, joined once for all periods.
//!
//! Touches come from the lead itself (HubSpot `First outreach date`) and
//! from activity exports, joined by lead id through a hash map.

use crate::model::{Function, Lead, Records};
use chrono::NaiveDateTime;
use std::collections::HashMap;

/// One lead's wait for sales.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp<'a> {
    pub ready: NaiveDateTime,
    /// Whether the lead came as an MQL: marketing's supply.
    pub mql: bool,
    pub function: Function,
    /// The first touch at or after `ready`, known by the cut-off.
    pub touch: Option<NaiveDateTime>,
    /// Who made that touch (the lead's owner when the export does not say).
    pub owner: Option<&'a str>,
}

/// The follow-up of every ready lead, in lead order.
pub fn follow_ups(records: &Records, as_of: NaiveDateTime) -> Vec<FollowUp<'_>> {
    let touches = touches_by_lead(records);
    records
        .leads
        .iter()
        .filter_map(|lead| {
            let ready = lead.ready_at.filter(|r| *r <= as_of)?;
            let (touch, owner) = first_touch(lead, ready, as_of, touches.get(lead.id.as_str()));
            Some(FollowUp {
                ready,
                mql: lead.mql_at.is_some(),
                function: lead.function,
                touch,
                owner,
            })
        })
        .collect()
}

type TouchList<'a> = Vec<(NaiveDateTime, Option<&'a str>)>;

fn touches_by_lead(records: &Records) -> HashMap<&str, TouchList<'_>> {
    let mut map: HashMap<&str, TouchList<'_>> = HashMap::new();
    for touch in &records.touches {
        map.entry(touch.lead_id.as_str())
            .or_default()
            .push((touch.at, touch.owner.as_deref()));
    }
    map
}

/// The earliest touch in `[ready, as_of]` from the lead's own first-touch
/// column and its activities; ties go to the activity, which names its owner.
fn first_touch<'a>(
    lead: &'a Lead,
    ready: NaiveDateTime,
    as_of: NaiveDateTime,
    activities: Option<&TouchList<'a>>,
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
