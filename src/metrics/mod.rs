//! Metrics stage: records and settings in, one [`Review`] per period out.
//! No templates, no files: every figure here is plain data, and a figure
//! that cannot be computed is `None` with its reason in `unavailable`.

mod balance;
mod flow;
mod follow_up;
mod funnel;
mod money;
mod speed;
pub mod stats;
mod window;

pub use balance::{BALANCED_BAND, Balance, verdict};
pub use flow::Week;
pub use funnel::Funnel;
pub use money::{Revenue, SpendFigures};
pub use speed::Speed;

use crate::config::Settings;
use crate::ledger::Totals;
use crate::model::{Money, Period, Records};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;
use std::collections::BTreeMap;
use window::Window;

/// The period a review covers, as metrics.json writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodInfo {
    pub label: String,
    #[serde(skip)]
    pub slug: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Whether the period had ended by the data cut-off.
    pub complete: bool,
}

/// Efficiency figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Efficiency {
    /// Total ad spend / new leads.
    pub cost_per_lead: Option<f64>,
}

/// Every figure of one review; serialises to its metrics.json.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub period: PeriodInfo,
    #[serde(serialize_with = "iso_seconds")]
    pub as_of: NaiveDateTime,
    pub currency: String,
    pub funnel: Funnel,
    pub revenue: Revenue,
    pub spend: SpendFigures,
    pub efficiency: Efficiency,
    pub speed_to_lead: Speed,
    pub balance: Balance,
    pub flow: Vec<Week>,
    pub data_quality: Totals,
    /// Figure name to the reason it could not be computed.
    pub unavailable: BTreeMap<String, String>,
}

fn iso_seconds<S: serde::Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&at.format("%Y-%m-%dT%H:%M:%S").to_string())
}

/// Computes one review per period, oldest first, from the first period with
/// data to the one containing the cut-off. Empty when there is no data.
pub fn compute(records: &Records, data_quality: Totals, settings: &Settings) -> Vec<Review> {
    let Some(as_of) = settings.as_of.or_else(|| newest_timestamp(records)) else {
        return Vec::new();
    };
    let Some(first_day) = oldest_day(records) else {
        return Vec::new();
    };
    let follow_ups = follow_up::follow_ups(records, as_of);
    periods(first_day, as_of.date(), settings)
        .into_iter()
        .map(|period| {
            review(
                records,
                &follow_ups,
                Window { period, as_of },
                data_quality,
                settings,
            )
        })
        .collect()
}

fn periods(first: NaiveDate, last: NaiveDate, settings: &Settings) -> Vec<Period> {
    let mut period = Period::containing(first, settings.period, settings.fiscal_year_start);
    let mut periods = Vec::new();
    while period.start <= last {
        let next = period.next(settings.period, settings.fiscal_year_start);
        periods.push(period);
        period = next;
    }
    periods
}

fn review(
    records: &Records,
    follow_ups: &[follow_up::FollowUp],
    window: Window,
    data_quality: Totals,
    settings: &Settings,
) -> Review {
    let mut unavailable = BTreeMap::new();
    let funnel = funnel::funnel(&records.leads, &records.deals, &window);
    let speed = speed::speed(follow_ups, &window, &settings.sla);
    let (balance, missing) = balance::balance(
        follow_ups,
        &window,
        funnel.mqls,
        settings.leads_per_rep_week,
    );
    unavailable.extend(missing.into_iter().map(|(k, v)| (k.to_string(), v)));
    let spend = money::spend(&records.spend, &window);
    let revenue = money::revenue(&records.deals, &window);
    let efficiency = efficiency(&spend, &funnel, &mut unavailable);
    note_speed_gaps(&speed, &mut unavailable);
    if revenue.win_rate.is_none() {
        unavailable.insert(
            "revenue.win_rate".into(),
            "no deals were won or lost in the period".into(),
        );
    }
    Review {
        period: PeriodInfo {
            label: window.period.label.clone(),
            slug: window.period.slug.clone(),
            start: window.period.start,
            end: window.period.end,
            complete: window.complete(),
        },
        as_of: window.as_of,
        currency: settings.currency.clone(),
        flow: flow::weekly_flow(follow_ups, &window, &settings.sla),
        funnel,
        revenue,
        spend,
        efficiency,
        speed_to_lead: speed,
        balance,
        data_quality,
        unavailable,
    }
}

fn efficiency(
    spend: &SpendFigures,
    funnel: &Funnel,
    unavailable: &mut BTreeMap<String, String>,
) -> Efficiency {
    let cost_per_lead = stats::ratio(spend.total.as_f64(), funnel.leads as f64).map(round_cents);
    if cost_per_lead.is_none() {
        unavailable.insert(
            "efficiency.cost_per_lead".into(),
            "no new leads in the period".into(),
        );
    }
    Efficiency { cost_per_lead }
}

fn note_speed_gaps(speed: &Speed, unavailable: &mut BTreeMap<String, String>) {
    let reason = if speed.leads == 0 {
        "no leads became ready for sales in the period"
    } else {
        "no lead was touched after becoming ready; export first-touch dates or activities"
    };
    if speed.median_hours.is_none() {
        unavailable.insert("speed_to_lead.median_hours".into(), reason.into());
        unavailable.insert("speed_to_lead.p90_hours".into(), reason.into());
    }
    if speed.within_sla.is_none() {
        unavailable.insert(
            "speed_to_lead.within_sla".into(),
            "no lead's SLA window has closed yet".into(),
        );
    }
}

/// Rounds a money ratio to the cent, the precision metrics.json promises.
fn round_cents(value: f64) -> f64 {
    Money::from_cents((value * 100.0).round() as i64).as_f64()
}

/// The newest moment the data knows of: the default cut-off. Expected close
/// dates of open deals lie in the future and do not count.
fn newest_timestamp(records: &Records) -> Option<NaiveDateTime> {
    let leads = records.leads.iter().flat_map(|l| {
        [
            Some(l.created_at),
            l.mql_at,
            l.sql_at,
            l.opportunity_at,
            l.customer_at,
            l.first_touch_at,
        ]
    });
    let deals = records.deals.iter().flat_map(|d| {
        let closed = d
            .closed_at
            .filter(|_| d.outcome != crate::model::Outcome::Open);
        [Some(d.created_at), closed]
    });
    let spend = records
        .spend
        .iter()
        .map(|s| Some(s.day.and_time(NaiveTime::MIN)));
    let touches = records.touches.iter().map(|t| Some(t.at));
    leads
        .chain(deals)
        .chain(spend)
        .chain(touches)
        .chain(logged_days(records).map(|d| Some(d.and_time(NaiveTime::MIN))))
        .flatten()
        .max()
}

/// Days of time logs and budget lines: data of their own, so a folder of
/// time logs alone still gets its reviews.
fn logged_days(records: &Records) -> impl Iterator<Item = NaiveDate> + '_ {
    let hours = records.hours.iter().map(|h| h.day);
    let budget = records.budget.iter().map(|b| b.period_start);
    hours.chain(budget)
}

fn oldest_day(records: &Records) -> Option<NaiveDate> {
    let leads = records.leads.iter().map(|l| l.created_at.date());
    let deals = records.deals.iter().map(|d| d.created_at.date());
    let spend = records.spend.iter().map(|s| s.day);
    leads
        .chain(deals)
        .chain(spend)
        .chain(logged_days(records))
        .min()
}
