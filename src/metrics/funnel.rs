//! Funnel: how many leads reached each stage in the period, by event date,
//! in total and by source, function and ad channel.

use super::follow_up::Join;
use super::reach::Picked;
use super::stats::share;
use super::window::Window;
use crate::config::Settings;
use crate::model::{Channel, Deal, Function, Lead, Money, Outcome};
use serde::Serialize;
use std::collections::BTreeMap;

/// Stage counts of one period. Each lead counts in the period its stage
/// date falls in; won and lost count deals by close date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Funnel {
    pub leads: u64,
    pub mqls: u64,
    pub sqls: u64,
    pub opportunities: u64,
    pub won: u64,
    pub lost: u64,
}

/// Counts the funnel stages of one period.
pub fn funnel<'l>(
    leads: impl IntoIterator<Item = &'l Lead>,
    deals: &[Deal],
    window: &Window,
) -> Funnel {
    let mut funnel = Funnel::default();
    for lead in leads {
        funnel.add_lead(lead, window);
    }
    for deal in deals {
        funnel.add_deal(deal, window);
    }
    funnel
}

impl Funnel {
    fn add_lead(&mut self, lead: &Lead, window: &Window) {
        self.leads += u64::from(window.contains(lead.created_at));
        self.mqls += u64::from(window.holds(lead.mql_at));
        self.sqls += u64::from(window.holds(lead.sql_at));
        self.opportunities += u64::from(window.holds(lead.opportunity_at));
    }

    fn add_deal(&mut self, deal: &Deal, window: &Window) {
        let closed = u64::from(window.holds(deal.closed_at));
        match deal.outcome {
            Outcome::Won => self.won += closed,
            Outcome::Lost => self.lost += closed,
            Outcome::Open => {}
        }
    }
}

/// The funnel of one slice of leads and deals (a source, a function, a
/// channel).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Segment {
    pub leads: u64,
    pub mqls: u64,
    pub sqls: u64,
    pub opportunities: u64,
    /// Deals of the slice won in the period (by the deal's own source).
    pub won: u64,
    pub won_amount: Money,
    /// Of the slice's MQLs of the period, the share that reached SQL by
    /// the cut-off (see `conversion`).
    pub mql_to_sql: Option<f64>,
    #[serde(skip)]
    pub(super) mqls_reaching_sql: u64,
}

/// The funnel by source, by function and by ad channel.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Segments {
    /// By source as the CRM wrote it; `(none)` for leads without one.
    pub by_source: BTreeMap<String, Segment>,
    /// Every function, empty ones included.
    pub by_function: BTreeMap<&'static str, Segment>,
    /// Paid channels with leads or won deals in the period.
    pub by_channel: BTreeMap<&'static str, Segment>,
}

/// The label of a source in the tables: `(none)` for an empty one.
pub fn source_label(source: &str) -> &str {
    match source.trim() {
        "" => "(none)",
        trimmed => trimmed,
    }
}

/// The entry for `key` in a map keyed by owned strings, allocating the key
/// only the first time (the per-lead loops look up far more than they
/// insert).
pub fn entry<'m, V: Default>(map: &'m mut BTreeMap<String, V>, key: &str) -> &'m mut V {
    if !map.contains_key(key) {
        map.insert(key.to_string(), V::default());
    }
    map.get_mut(key).expect("inserted above")
}

/// Splits the period's funnel by source, function and channel.
pub fn segments(
    leads: Picked<Lead>,
    deals: &[Deal],
    join: &Join,
    window: &Window,
    settings: &Settings,
) -> Segments {
    let mut s = Segments {
        by_function: Function::ALL
            .iter()
            .map(|f| (f.as_str(), Segment::default()))
            .collect(),
        ..Segments::default()
    };
    // Tallied first by the lead's shared source text (its address: a
    // handful of sources among a million leads), then added to each slice
    // by name.
    let mut tallies: rustc_hash::FxHashMap<(usize, Function, Option<Channel>), (&str, Segment)> =
        rustc_hash::FxHashMap::default();
    for (i, lead) in leads.indexed() {
        // Most leads have no event in a given period: skip them before any
        // map lookup (a lead without events would add only zeros).
        let events = [
            Some(lead.created_at),
            lead.mql_at,
            lead.sql_at,
            lead.opportunity_at,
        ];
        if !events.iter().any(|at| window.holds(*at)) {
            continue;
        }
        let mql_in = window.holds(lead.mql_at);
        let reached_sql = mql_in && join.stages[i].sql.is_some();
        let key = (lead.source.as_ptr() as usize, lead.function, lead.channel);
        let (_, tally) = tallies
            .entry(key)
            .or_insert_with(|| (&lead.source, Segment::default()));
        tally.add_lead(lead, window, reached_sql);
    }
    for ((_, function, channel), (source, tally)) in tallies {
        s.for_each_slice(source, function, channel, |segment| segment.absorb(&tally));
    }
    for deal in deals.iter().filter(|d| d.outcome == Outcome::Won) {
        if window.holds(deal.closed_at) {
            let channel = settings.sources.channel_of(&deal.source);
            s.for_each_slice(&deal.source, deal.function, channel, |segment| {
                segment.won += 1;
                segment.won_amount += deal.amount;
            });
        }
    }
    s.finish();
    s
}

impl Segments {
    /// Applies `add` to the record's segment of each split: its source, its
    /// function and its channel if paid.
    fn for_each_slice(
        &mut self,
        source: &str,
        function: Function,
        channel: Option<Channel>,
        mut add: impl FnMut(&mut Segment),
    ) {
        add(entry(&mut self.by_source, source_label(source)));
        add(self.by_function.entry(function.as_str()).or_default());
        if let Some(c) = channel {
            add(self.by_channel.entry(c.key()).or_default());
        }
    }

    fn finish(&mut self) {
        let all = self
            .by_source
            .values_mut()
            .chain(self.by_function.values_mut())
            .chain(self.by_channel.values_mut());
        for segment in all {
            segment.mql_to_sql = share(segment.mqls_reaching_sql, segment.mqls);
        }
        self.by_source.retain(|_, s| s.is_active());
        self.by_channel.retain(|_, s| s.is_active());
    }
}

impl Segment {
    fn add_lead(&mut self, lead: &Lead, window: &Window, mql_reached_sql: bool) {
        self.leads += u64::from(window.contains(lead.created_at));
        self.mqls += u64::from(window.holds(lead.mql_at));
        self.sqls += u64::from(window.holds(lead.sql_at));
        self.opportunities += u64::from(window.holds(lead.opportunity_at));
        self.mqls_reaching_sql += u64::from(mql_reached_sql);
    }

    /// Adds another tally's counts (before shares are computed).
    fn absorb(&mut self, other: &Segment) {
        self.leads += other.leads;
        self.mqls += other.mqls;
        self.sqls += other.sqls;
        self.opportunities += other.opportunities;
        self.mqls_reaching_sql += other.mqls_reaching_sql;
        self.won += other.won;
        self.won_amount += other.won_amount;
    }

    fn is_active(&self) -> bool {
        self.leads + self.mqls + self.sqls + self.opportunities + self.won > 0
    }
}
