//! What follow-up brings: SQLs (more likely the faster the first touch),
//! opportunities with a deal, won, lost and still-open deals, and each lead's
//! final lifecycle facts and Lead Status as of 2026-12-31.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::calendar::{CLOSES, DAY, END, OPENS};
use super::leads::{Lead, Status};
use super::random::{Stream, jitter, stream, weighted};
use super::story::{DEAL_MEDIAN, OPPORTUNITY_RATE, sql_rate, win_rate};

/// Where a deal stands on 2026-12-31.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Stage {
    Won,
    Lost,
    /// Still open, with the default-pipeline stage it has reached.
    Open(&'static str),
}

impl Stage {
    /// HubSpot `Deal Stage` label.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Won => "Closed Won",
            Stage::Lost => "Closed Lost",
            Stage::Open(label) => label,
        }
    }
}

/// A deal: one per opportunity, owned by the lead's rep.
#[derive(Clone, Debug)]
pub struct Deal {
    /// Index of the lead (contact) it belongs to.
    pub lead: usize,
    /// `Create Date`: when the lead became an opportunity.
    pub created: u32,
    /// Actual close, or the expected close for open deals.
    pub close: u32,
    /// Whole US dollars.
    pub amount: u64,
    /// `Deal Stage` (and the closed flags) on 2026-12-31.
    pub stage: Stage,
}

/// Resolves every lead's funnel and returns the deals in creation order.
pub fn resolve(leads: &mut [Lead], seed: u64) -> Vec<Deal> {
    let mut rng = stream(seed, Stream::Outcomes);
    let mut deals = Vec::new();
    for (index, lead) in leads.iter_mut().enumerate() {
        if let Some(deal) = advance(index, lead, &mut rng) {
            deals.push(deal);
        }
        lead.status = status(lead, &mut rng);
    }
    deals.sort_by_key(|deal| (deal.created, deal.lead));
    deals
}

/// Moves a touched lead through SQL and opportunity; returns its deal.
fn advance(index: usize, lead: &mut Lead, rng: &mut ChaCha8Rng) -> Option<Deal> {
    let touched = lead.touched?;
    let waited = touched - lead.ready().unwrap_or(touched);
    if !rng.random_bool(sql_rate(waited)) {
        return None;
    }
    lead.sql = Some(later(touched, 0, 5, rng)).filter(|&at| at <= END);
    let opportunity = later(lead.sql?, 2, 10, rng);
    if !rng.random_bool(OPPORTUNITY_RATE) || opportunity > END {
        return None;
    }
    lead.opportunity = Some(opportunity);
    let deal = new_deal(index, lead, opportunity, rng);
    if deal.stage == Stage::Won {
        lead.customer = Some(deal.close);
    }
    Some(deal)
}

fn new_deal(lead_index: usize, lead: &Lead, created: u32, rng: &mut ChaCha8Rng) -> Deal {
    let close = later(created, 20, 90, rng);
    let amount = (DEAL_MEDIAN * jitter(rng, 0.5)).round().max(1_500.0) as u64;
    let stage = if close > END {
        Stage::Open(open_stage(
            (END - created) as f64 / (close - created) as f64,
        ))
    } else if rng.random_bool(win_rate(lead.source)) {
        Stage::Won
    } else {
        Stage::Lost
    };
    Deal {
        lead: lead_index,
        created,
        close,
        amount,
        stage,
    }
}

/// Default-pipeline stage of an open deal that is `progress` through its cycle.
fn open_stage(progress: f64) -> &'static str {
    match progress {
        p if p < 0.25 => "Appointment Scheduled",
        p if p < 0.5 => "Qualified To Buy",
        p if p < 0.7 => "Presentation Scheduled",
        p if p < 0.85 => "Decision Maker Bought-In",
        _ => "Contract Sent",
    }
}

/// A business-hours moment `min_days..=max_days` after `from`, never before it.
fn later(from: u32, min_days: u32, max_days: u32, rng: &mut ChaCha8Rng) -> u32 {
    let day = from / DAY + rng.random_range(min_days..=max_days);
    let at = day * DAY + rng.random_range(OPENS..CLOSES);
    at.max(from + 30)
}

/// The Lead Status a rep would have left on the contact by year end.
fn status(lead: &Lead, rng: &mut ChaCha8Rng) -> Status {
    use Status::*;
    let pick = |rng: &mut ChaCha8Rng, options: &[(Status, f64)]| {
        let weights: Vec<f64> = options.iter().map(|option| option.1).collect();
        options[weighted(rng, &weights)].0
    };
    if lead.sql.is_some() {
        let options: &[(Status, f64)] = if lead.opportunity.is_some() {
            &[(Connected, 1.0)]
        } else {
            &[(InProgress, 0.6), (Connected, 0.4)]
        };
        return pick(rng, options);
    }
    match (lead.owner, lead.touched) {
        (None, _) => pick(rng, &[(Empty, 0.6), (New, 0.4)]),
        (Some(_), None) if lead.dropped => pick(rng, &[(Unqualified, 0.5), (Empty, 0.5)]),
        (Some(_), None) => pick(rng, &[(New, 0.7), (Open, 0.3)]),
        (Some(_), Some(at)) if END - at < 5 * DAY => {
            pick(rng, &[(AttemptedToContact, 0.6), (InProgress, 0.4)])
        }
        (Some(_), Some(_)) => pick(
            rng,
            &[
                (Unqualified, 0.35),
                (BadTiming, 0.2),
                (AttemptedToContact, 0.25),
                (Connected, 0.2),
            ],
        ),
    }
}
