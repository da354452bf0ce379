//! The span of the data: its newest moment (the default cut-off), its
//! oldest day (where the first period starts) and every day a record
//! falls on (which periods hold data). One pass over the leads for all
//! three, on both cores: the leads are the bulk of the records, and the
//! pass is bound by reading them.

use crate::model::{Lead, Outcome, Records, Stamp};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::BTreeSet;

/// Where the data begins and ends, and the days in between it covers.
pub struct Extent {
    /// The newest moment the data knows of. Expected close dates of open
    /// deals lie in the future and do not count.
    pub newest: Option<NaiveDateTime>,
    /// The oldest day a lead or deal was created, or of ad spend, hours
    /// or budget.
    pub oldest_day: Option<NaiveDate>,
    /// Every day some record falls on: leads and deals created, deals won
    /// or lost, ad spend, hours and budget lines.
    pub days: BTreeSet<NaiveDate>,
}

/// Moments as records keep them, gathered before any is made a date:
/// days as day numbers ([`Stamp::day`]), made dates once per distinct day.
#[derive(Default)]
struct Stamps {
    newest: Option<Stamp>,
    oldest_created: Option<Stamp>,
    days: FxHashSet<u32>,
}

impl Extent {
    pub fn of(records: &Records) -> Extent {
        let mut stamps = lead_stamps(&records.leads);
        stamps.add_deals(records);
        let touches = records.activity.range.map(|(_, last)| last);
        let newest = stamps.newest.max(touches).map(Stamp::at);
        let logged: Vec<NaiveDate> = records
            .spend
            .iter()
            .map(|s| s.day)
            .chain(logged_days(records))
            .collect();
        let newest_day = logged.iter().max().map(|d| d.and_time(NaiveTime::MIN));
        let oldest_created = stamps.oldest_created.map(Stamp::date);
        let mut days: BTreeSet<NaiveDate> =
            stamps.days.into_iter().map(Stamp::date_of_day).collect();
        days.extend(logged.iter().copied());
        Extent {
            newest: newest.max(newest_day),
            oldest_day: oldest_created.into_iter().chain(logged).min(),
            days,
        }
    }
}

/// The leads' part, in chunks on every core (minima, maxima and a set of
/// days do not depend on the order they are merged in).
fn lead_stamps(leads: &[Lead]) -> Stamps {
    leads
        .par_chunks(64 * 1024)
        .map(|chunk| {
            let mut stamps = Stamps::default();
            chunk.iter().for_each(|lead| stamps.add_lead(lead));
            stamps
        })
        .reduce(Stamps::default, Stamps::merge)
}

impl Stamps {
    fn add_lead(&mut self, lead: &Lead) {
        let moments = [
            Some(lead.created_at),
            lead.mql_at,
            lead.sql_at,
            lead.opportunity_at,
            lead.customer_at,
            lead.first_touch_at,
        ];
        self.newest = self.newest.max(moments.into_iter().flatten().max());
        self.add_created(lead.created_at);
    }

    fn add_created(&mut self, created: Stamp) {
        self.oldest_created = Some(self.oldest_created.map_or(created, |o| o.min(created)));
        self.days.insert(created.day());
    }

    fn add_deals(&mut self, records: &Records) {
        for deal in &records.deals {
            self.newest = self.newest.max(Some(deal.created_at));
            self.add_created(deal.created_at);
            if deal.outcome != Outcome::Open
                && let Some(closed) = deal.closed_at
            {
                self.newest = self.newest.max(Some(closed));
                self.days.insert(closed.day());
            }
        }
    }

    fn merge(mut self, other: Stamps) -> Stamps {
        self.newest = self.newest.max(other.newest);
        self.oldest_created = match (self.oldest_created, other.oldest_created) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.days.extend(other.days);
        self
    }
}

/// Days of time logs and budget lines: data of their own, so a folder of
/// time logs alone still gets its reviews.
pub fn logged_days(records: &Records) -> impl Iterator<Item = NaiveDate> + '_ {
    let hours = records.hours.iter().map(|h| h.day);
    let budget = records.budget.iter().map(|b| b.period_start);
    hours.chain(budget)
}
