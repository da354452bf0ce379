//! New leads over the year: how many arrive each day (weekly volume by
//! quarter, weekday seasonality, exactly `total` in all), when during the day,
//! from which source, and when marketing qualifies them.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::calendar::{self, CLOSES, DAY, DAYS, END, OPENS};
use super::random::{Stream, jitter, stream, weighted};
use super::story::{MQL_RATE, SOURCE_MIX, Source, WEEKDAY_WEIGHT, WEEKLY_LEADS};

/// HubSpot `Lead Status` values.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Status {
    Empty,
    New,
    Open,
    InProgress,
    AttemptedToContact,
    Connected,
    Unqualified,
    BadTiming,
}

impl Status {
    /// HubSpot's label (empty for no status).
    pub fn label(self) -> &'static str {
        match self {
            Status::Empty => "",
            Status::New => "New",
            Status::Open => "Open",
            Status::InProgress => "In Progress",
            Status::AttemptedToContact => "Attempted to Contact",
            Status::Connected => "Connected",
            Status::Unqualified => "Unqualified",
            Status::BadTiming => "Bad Timing",
        }
    }
}

/// One lead (a HubSpot contact) and everything that happens to it; times are
/// story minutes (see `calendar`).
#[derive(Clone, Debug)]
pub struct Lead {
    /// `Create Date`.
    pub created: u32,
    /// `Original Source`.
    pub source: Source,
    /// `Became a Marketing Qualified Lead Date` (marketing leads only).
    pub mql: Option<u32>,
    /// `Contact owner`, an index into `story::REPS`.
    pub owner: Option<u8>,
    /// `First outreach date`.
    pub touched: Option<u32>,
    /// Left untouched past the drop window and given up on.
    pub dropped: bool,
    /// `Became a Sales Qualified Lead Date`.
    pub sql: Option<u32>,
    /// `Became an Opportunity Date` (also the deal's `Create Date`).
    pub opportunity: Option<u32>,
    /// `Became a Customer Date` (the won deal's `Close Date`).
    pub customer: Option<u32>,
    /// `Lead Status` at year end.
    pub status: Status,
}

impl Lead {
    /// When the lead is handed to sales: at MQL for marketing leads, at
    /// creation for partner and sales leads; never for unqualified ones.
    pub fn ready(&self) -> Option<u32> {
        if self.source.is_marketing() {
            self.mql
        } else {
            Some(self.created)
        }
    }
}

/// The year's leads in creation order, `total` of them.
pub fn arrivals(total: usize, seed: u64) -> Vec<Lead> {
    let mut rng = stream(seed, Stream::Arrivals);
    let counts = daily_counts(total, &mut rng);
    let mut leads = Vec::with_capacity(total);
    for (day, count) in (0..DAYS).zip(counts) {
        let start = leads.len();
        leads.extend((0..count).map(|_| new_lead(day, &mut rng)));
        leads[start..].sort_by_key(|lead: &Lead| lead.created);
    }
    leads
}

/// Leads per day: the weekly shape with weekday weights and noise, scaled so
/// the year adds up to exactly `total` (cumulative rounding).
fn daily_counts(total: usize, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let week: f64 = WEEKDAY_WEIGHT.iter().sum();
    let weights: Vec<f64> = (0..DAYS)
        .map(|day| {
            let base =
                WEEKLY_LEADS[calendar::quarter(day)] * WEEKDAY_WEIGHT[calendar::weekday(day)];
            base / week * jitter(rng, 0.25)
        })
        .collect();
    let sum: f64 = weights.iter().sum();
    let mut running = 0.0;
    let mut given = 0;
    weights
        .iter()
        .map(|weight| {
            running += weight;
            let due = ((running / sum) * total as f64).round() as usize;
            let count = due.min(total) - given;
            given += count;
            count
        })
        .collect()
}

fn new_lead(day: u32, rng: &mut ChaCha8Rng) -> Lead {
    let source = pick_source(day, rng);
    let created = day * DAY + time_of_day(source, rng);
    Lead {
        created,
        source,
        mql: qualify(source, created, rng),
        owner: None,
        touched: None,
        dropped: false,
        sql: None,
        opportunity: None,
        customer: None,
        status: Status::Empty,
    }
}

/// Source by the quarter's mix; reps do not prospect at weekends.
fn pick_source(day: u32, rng: &mut ChaCha8Rng) -> Source {
    let mut mix = SOURCE_MIX[calendar::quarter(day)];
    if !calendar::is_workday(day) {
        mix[6] = 0.0;
    }
    Source::ALL[weighted(rng, &mix)]
}

/// Minute of the day: reps log their prospects in business hours; web leads
/// come mostly in the working day, some at any hour.
fn time_of_day(source: Source, rng: &mut ChaCha8Rng) -> u32 {
    if source == Source::OfflineSources {
        rng.random_range(OPENS..CLOSES)
    } else if rng.random_bool(0.7) {
        rng.random_range(8 * 60..19 * 60)
    } else {
        rng.random_range(0..DAY)
    }
}

/// MQL time of a marketing lead: a few hours to two days after creation.
fn qualify(source: Source, created: u32, rng: &mut ChaCha8Rng) -> Option<u32> {
    if !source.is_marketing() || !rng.random_bool(MQL_RATE) {
        return None;
    }
    let spread = rng.random::<f64>().powi(2);
    let at = created + 120 + (spread * (46 * 60) as f64) as u32;
    (at <= END).then_some(at)
}
