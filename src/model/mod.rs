//! Records: the plain data every ingest profile produces and every metric reads.
//!
//! Ingest turns rows of any export into these types; nothing downstream knows
//! which tool a record came from. Times are naive local times as the exports
//! write them (HubSpot renders in the portal's time zone, ads platforms in the
//! account's), so comparisons between them assume one business time zone.
//! Records keep them as [`Stamp`]s, to the second, in four bytes.
//!
//! Memory follows the number of leads and deals: at a million leads a lead
//! takes about 88 bytes, and activity exports are folded into [`Activity`]
//! as they are read instead of kept per touch (docs/performance.md).

pub mod activity;
mod email;
pub mod lead_index;
mod money;
mod period;
mod stamp;
mod text;

pub use activity::{Activity, LeadActivity};
pub use email::email_hash;
pub use lead_index::LeadIndex;
pub use money::{FineMoney, Money, currency_symbol};
pub use period::{Period, PeriodKind};
pub use stamp::{EXPECTED_STAMP_RANGE, Stamp};
pub use text::{MappedSources, PooledAs, Text, TextPool};

use chrono::NaiveDate;
use std::hash::Hash;
use std::num::NonZeroU64;

use serde::Serialize;

/// Which part of the go-to-market motion created a lead or deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Function {
    Marketing,
    Sales,
    Partner,
    Unknown,
}

impl Function {
    /// Every function, in display order.
    pub const ALL: [Function; 4] = [
        Function::Marketing,
        Function::Sales,
        Function::Partner,
        Function::Unknown,
    ];

    /// The lower-case name used in equinox.toml, metrics.json and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Function::Marketing => "marketing",
            Function::Sales => "sales",
            Function::Partner => "partner",
            Function::Unknown => "unknown",
        }
    }

    /// Parses the lower-case name used in equinox.toml.
    pub fn parse(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

/// A paid advertising channel: where ad spend was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    GoogleAds,
    MetaAds,
    LinkedinAds,
    MicrosoftAds,
}

impl Channel {
    /// Every channel, in display order.
    pub const ALL: [Channel; 4] = [
        Channel::GoogleAds,
        Channel::MetaAds,
        Channel::LinkedinAds,
        Channel::MicrosoftAds,
    ];

    /// The key used in equinox.toml and metrics.json (`google_ads`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Channel::GoogleAds => "google_ads",
            Channel::MetaAds => "meta_ads",
            Channel::LinkedinAds => "linkedin_ads",
            Channel::MicrosoftAds => "microsoft_ads",
        }
    }

    /// The name people read on the page.
    pub fn label(self) -> &'static str {
        match self {
            Channel::GoogleAds => "Google Ads",
            Channel::MetaAds => "Meta Ads",
            Channel::LinkedinAds => "LinkedIn Ads",
            Channel::MicrosoftAds => "Microsoft Ads",
        }
    }

    /// Parses the key used in equinox.toml.
    pub fn parse(key: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// A person or company that entered the CRM: a contact or lead record.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    /// The CRM's own id, kept as text (HubSpot ids exceed 11 digits),
    /// inline up to 24 bytes: a million ids need no allocation of their own.
    pub id: compact_str::CompactString,
    pub created_at: Stamp,
    /// The source value as the CRM wrote it (`Paid Search`, `Referrals`, ...).
    pub source: Text,
    pub function: Function,
    /// The ad channel the source maps to, for paid sources.
    pub channel: Option<Channel>,
    /// The sales rep who owns the lead, as the CRM names them.
    pub owner: Option<Text>,
    pub mql_at: Option<Stamp>,
    pub sql_at: Option<Stamp>,
    pub opportunity_at: Option<Stamp>,
    pub customer_at: Option<Stamp>,
    /// The first sales touch as the CRM reports it on the lead itself
    /// (HubSpot `First outreach date`); activity exports add more touches.
    pub first_touch_at: Option<Stamp>,
    /// When the lead became ready for sales (see [`Lead::ready_for_sales`]);
    /// `None` for a marketing lead still being nurtured.
    pub ready_at: Option<Stamp>,
    /// Whether the CRM says sales contacted the lead (HubSpot `Number of
    /// times contacted` above 0 or a `Last Contacted` date, a Salesforce
    /// `Last Activity`) without saying when the first touch was
    /// (`first_touch_at` is empty): unless an activity export gives the
    /// time, the lead is "touched, time unknown", never dropped.
    pub touched: bool,
    /// Lead status or disqualification reason, as written.
    pub status: Option<Text>,
    /// Hash of the normalised email, for duplicate detection only.
    pub email_hash: Option<NonZeroU64>,
}

impl Lead {
    /// A lead with its id, creation, source and function; no channel,
    /// owner, stage dates, status or email yet.
    pub fn new(id: &str, created_at: Stamp, source: Text, function: Function) -> Lead {
        Lead {
            id: id.into(),
            created_at,
            source,
            function,
            channel: None,
            owner: None,
            mql_at: None,
            sql_at: None,
            opportunity_at: None,
            customer_at: None,
            first_touch_at: None,
            ready_at: None,
            touched: false,
            status: None,
            email_hash: None,
        }
    }

    /// When the lead became ready for sales: its MQL date. A lead that sales
    /// or a partner brought in, or one from an export that records no stage
    /// dates, is ready when created. A marketing lead that skipped the MQL
    /// stage is ready at its SQL or opportunity date; one with no stage date
    /// in an export that has them is still being nurtured: not ready.
    pub fn ready_for_sales(&self, export_has_stage_dates: bool) -> Option<Stamp> {
        if self.mql_at.is_some() {
            return self.mql_at;
        }
        if self.function != Function::Marketing || !export_has_stage_dates {
            return Some(self.created_at);
        }
        [self.sql_at, self.opportunity_at]
            .into_iter()
            .flatten()
            .min()
    }
}

/// What "ready for sales" means in one set of exports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadyBasis {
    /// The MQL date, where the portal uses the stage (see
    /// [`Lead::ready_for_sales`]); new MQLs are marketing's supply.
    #[default]
    Mql,
    /// No lead has an MQL date: the portal skips the stage (or the CRM
    /// has none, as Salesforce), so every lead is ready when created and
    /// every new lead counts as supply.
    Created,
}

impl ReadyBasis {
    /// The basis `leads` call for: [`ReadyBasis::Created`] when none has
    /// an MQL date.
    pub fn of(leads: &[Lead]) -> ReadyBasis {
        if leads.iter().any(|l| l.mql_at.is_some()) {
            ReadyBasis::Mql
        } else {
            ReadyBasis::Created
        }
    }

    /// When `lead` became marketing's supply: its MQL moment, or, where
    /// every lead is ready when created, its creation.
    pub fn supply_at(self, lead: &Lead) -> Option<Stamp> {
        match self {
            ReadyBasis::Mql => lead.mql_at,
            ReadyBasis::Created => lead.ready_at,
        }
    }

    /// Applies the basis: under [`ReadyBasis::Created`] every lead is
    /// ready when created.
    pub fn apply(self, leads: &mut [Lead]) {
        if self == ReadyBasis::Created {
            for lead in leads {
                lead.ready_at = Some(lead.created_at);
            }
        }
    }
}

/// One sales activity on a lead: a call, email, meeting or task.
#[derive(Debug, Clone, PartialEq)]
pub struct Touch {
    /// The lead's id, held inline: touches are folded as they are read, so
    /// a shared copy would only cost an allocation per touch.
    pub lead_id: compact_str::CompactString,
    pub at: Stamp,
    pub kind: TouchKind,
    pub owner: Option<Text>,
}

/// What kind of activity a touch was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TouchKind {
    Call,
    Email,
    Meeting,
    Task,
}

/// Where a deal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Open,
    Won,
    Lost,
}

/// An opportunity in the CRM.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    pub id: compact_str::CompactString,
    pub created_at: Stamp,
    /// The close date: actual for won and lost deals, expected for open ones.
    pub closed_at: Option<Stamp>,
    pub outcome: Outcome,
    /// Amount in the review's base currency.
    pub amount: Money,
    /// Held once in the pool, like a lead's (see [`Records::push_deal`]).
    pub source: Text,
    pub function: Function,
    pub owner: Option<Text>,
    pub lead_ids: Vec<compact_str::CompactString>,
    /// The share of the amount the plan expects an open deal to bring,
    /// resolved from its stage and probability as read (see
    /// [`StageWeight`]); `None` where neither says.
    pub weight: Option<StageWeight>,
}

/// An open deal's win weight as its export gives it, resolved when read
/// (by `config::stages::stage_weight`) so a deal keeps two bytes of it,
/// not its stage label: records stay at 88 bytes a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageWeight {
    pub basis: WeightBasis,
    /// The weight in basis points, 0 to 10,000.
    pub basis_points: u16,
}

impl StageWeight {
    /// `share` (0 to 1) to the nearest basis point.
    pub fn new(basis: WeightBasis, share: f64) -> StageWeight {
        StageWeight {
            basis,
            basis_points: (share.clamp(0.0, 1.0) * 10_000.0).round() as u16,
        }
    }

    /// The weight as a share, 0 to 1.
    pub fn share(self) -> f64 {
        f64::from(self.basis_points) / 10_000.0
    }
}

/// Where an open deal's win weight came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightBasis {
    /// The export's probability column (HubSpot `Deal probability`,
    /// Salesforce `Probability (%)`, Pipedrive `Probability`).
    Probability,
    /// `[plan] stage_weights` for the stage label.
    Setting,
    /// HubSpot's default pipeline probability for the stage.
    DefaultStage,
    /// The trailing win rate: no weight for the stage, or the deal has
    /// closed since (its stage at a past period's end is not in the
    /// export). Never read from an export; the plan falls back on it.
    WinRate,
}

/// One day of one campaign's ad spend.
#[derive(Debug, Clone, PartialEq)]
pub struct Spend {
    pub day: NaiveDate,
    pub channel: Channel,
    pub campaign: String,
    /// Cost in the review's base currency, to the millionth: rows
    /// converted from another currency are rounded to the cent only once
    /// summed.
    pub cost: FineMoney,
    pub impressions: u64,
    pub clicks: u64,
    /// The platform's own conversion count (Google `Conversions`, Meta
    /// `Results`, LinkedIn and Microsoft `Conversions`/`Conv.`).
    pub conversions: f64,
    /// Leads the platform reports for the row: Meta results of a lead type,
    /// LinkedIn `Leads`; zero where the export does not say.
    pub leads: u64,
}

/// A budget line: money spent outside ad platforms (salaries, tools, programs).
#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    pub period_start: NaiveDate,
    pub function: Function,
    pub category: String,
    pub amount: Money,
}

/// Hours one person logged on one day for one function.
#[derive(Debug, Clone, PartialEq)]
pub struct Hours {
    pub day: NaiveDate,
    pub person: String,
    pub function: Function,
    pub hours: f64,
}

impl Records {
    /// The first and last day any record falls on (expected close dates of
    /// open deals excluded: they are plans, not data). Moments are
    /// compared as stamps and made days once: a calendar date per record
    /// cost more than the comparisons, at a million leads.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let moments = self
            .leads
            .iter()
            .map(|l| l.created_at)
            .chain(self.touches.iter().map(|t| t.at))
            .chain(self.activity.range.into_iter().flat_map(|(a, b)| [a, b]))
            .chain(self.deals.iter().map(|d| d.created_at))
            .chain(
                self.deals
                    .iter()
                    .filter(|d| d.outcome != Outcome::Open)
                    .filter_map(|d| d.closed_at),
            );
        let days = span(moments)
            .into_iter()
            .flat_map(|(first, last)| [first.date(), last.date()])
            .chain(self.spend.iter().map(|s| s.day))
            .chain(self.budget.iter().map(|b| b.period_start))
            .chain(self.hours.iter().map(|h| h.day));
        span(days)
    }
}

/// The least and the greatest item.
fn span<T: Ord + Copy>(items: impl Iterator<Item = T>) -> Option<(T, T)> {
    items.fold(None, |range, item| match range {
        None => Some((item, item)),
        Some((first, last)) => Some((first.min(item), last.max(item))),
    })
}

/// Everything ingest read, ready for the metrics stage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    pub leads: Vec<Lead>,
    /// Touches read and not folded yet: a file's own when it is read on
    /// its own ([`crate::ingest::read_file`]). [`crate::ingest::read_inputs`]
    /// folds them into `activity` as it reads and leaves this empty.
    pub touches: Vec<Touch>,
    /// The activity exports, folded per lead, per won deal and per day.
    pub activity: Activity,
    pub deals: Vec<Deal>,
    pub spend: Vec<Spend>,
    pub budget: Vec<Budget>,
    pub hours: Vec<Hours>,
    /// Other keys leads are known by in activity exports that do not carry
    /// the lead id (Pipedrive activities name their deal by title), as
    /// `(key, lead id)`; the first lead with a key wins. Ingest resolves
    /// touches through them and leaves this empty.
    pub lead_aliases: Vec<(String, String)>,
    /// Texts already held, so that repeated ones are stored once.
    pub texts: TextPool,
    /// What the file's sources were mapped to, while it is read.
    pub mapped_sources: MappedSources,
    /// The positions of `leads` by id, as ingest's check for repeated ids
    /// left them; `None` once leads are added or moved. Ingest hands them
    /// to the merge across files and the touch fold, and takes them.
    pub lead_ids: Option<lead_index::IdSlots>,
    /// The same for `deals`.
    pub deal_ids: Option<lead_index::IdSlots>,
    /// Each deal's leads, found by ingest once every export is merged;
    /// `None` for records put together otherwise.
    pub deal_leads: Option<lead_index::DealLeads>,
    /// What "ready for sales" means for these leads, decided by ingest
    /// once every export is read.
    pub ready_basis: ReadyBasis,
    /// Deal stage labels one file's outcomes came from, by label as
    /// written: ingest moves them into the file's ledger for `check`.
    pub stages: std::collections::BTreeMap<String, StageSeen>,
    /// Spend rows of one file that covered several days and were spread
    /// over them: ingest states it in the file's ledger.
    pub spread: SpreadSeen,
}

/// Spend rows spread over the days they covered.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SpreadSeen {
    pub rows: u64,
    /// Days of the longest range.
    pub longest: u64,
}

/// A deal stage label whose deals took their outcome from it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StageSeen {
    /// How it was placed, in words: `won (by its words)`, `open`.
    pub placed: String,
    /// It says closed but not won or lost: its deals count as open and
    /// `check` lists it as a problem.
    pub unplaced: bool,
    pub deals: u64,
}

impl Records {
    /// Notes that a deal's outcome came from its stage `label`.
    pub fn saw_stage(&mut self, label: &str, placed: &str, unplaced: bool) {
        let seen = self.stages.entry(label.to_string()).or_default();
        seen.deals += 1;
        seen.unplaced = unplaced;
        if seen.placed.is_empty() {
            seen.placed = placed.to_string();
        }
    }
}

impl Records {
    /// Adds a lead, its source, owner and status held once in the pool
    /// (a few dozen distinct values among a million leads).
    pub fn push_lead(&mut self, mut lead: Lead) {
        let texts = &mut self.texts;
        lead.source = texts.text_as(PooledAs::Source, &lead.source);
        lead.owner = (lead.owner).map(|owner| texts.text_as(PooledAs::Owner, &owner));
        lead.status = (lead.status).map(|status| texts.text_as(PooledAs::Status, &status));
        self.leads.push(lead);
    }

    /// Adds a deal, its source and owner held once in the pool.
    pub fn push_deal(&mut self, mut deal: Deal) {
        deal.source = self.texts.text_as(PooledAs::Source, &deal.source);
        deal.owner = (deal.owner).map(|owner| self.texts.text_as(PooledAs::Owner, &owner));
        self.deals.push(deal);
    }

    /// Adds a touch, its owner held once in the pool: activity exports
    /// repeat a handful of reps on every row.
    pub fn push_touch(&mut self, mut touch: Touch) {
        touch.owner = touch.owner.map(|owner| self.texts.text(&owner));
        self.touches.push(touch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Memory at a million leads follows these sizes (docs/performance.md):
    /// a field added to a lead costs a megabyte per byte.
    #[test]
    fn records_stay_compact() {
        use std::mem::size_of;
        assert_eq!(size_of::<Option<Stamp>>(), 4);
        assert_eq!(size_of::<Option<Text>>(), 8);
        assert_eq!(size_of::<Option<std::num::NonZeroU64>>(), 8);
        assert!(size_of::<Lead>() <= 88, "{}", size_of::<Lead>());
        assert!(size_of::<Deal>() <= 88, "{}", size_of::<Deal>());
        assert!(size_of::<LeadActivity>() <= 16);
        assert!(size_of::<crate::metrics::follow_up::FollowUp>() <= 32);
        assert!(size_of::<crate::metrics::follow_up::Stages>() <= 16);
    }
}
