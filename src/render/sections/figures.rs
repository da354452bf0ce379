//! The figures of each review section, built from one table per section
//! like the headline table: each row names its figure and says how its
//! value is written, and a figure metrics could not compute shows the
//! reason metrics gave under its [`Figure`] key.

use crate::config::Settings;
use crate::metrics::words::{
    count, duration_hours, factor, money, money_cents, money_small, percent,
};
use crate::metrics::{Figure, Review, follow_up};
use crate::model::Channel;
use crate::render::labels::label;
use crate::render::reasons;
use serde::Serialize;

/// A label and a formatted value.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FigureView {
    pub label: String,
    pub value: String,
    /// The value is "not available: reason" (shown smaller).
    pub na: bool,
    /// On paper only: a chart says the same on screen (and does not
    /// print), so each medium shows the statement once.
    pub print_only: bool,
}

/// How a section names a figure.
pub(super) enum Name {
    /// The figure's own name (render/labels.rs).
    Of(Figure),
    /// A name of its own in this section.
    Text(&'static str),
    /// A name made from the review and the settings (the SLA, a period).
    Made(fn(&Review, &Settings) -> String),
}

/// How a section writes a figure's value.
pub(super) enum Value {
    /// Always known.
    Known(fn(&Review) -> String),
    /// Missing where metrics could not compute it; the reason is the one
    /// metrics noted under the figure.
    Or(Figure, fn(&Review) -> Option<String>),
    /// Missing for the reason noted under the first of two figures that
    /// has one (a figure derived from another that may be missing).
    OrFirst([Figure; 2], fn(&Review) -> Option<String>),
    /// Shown only where there is something to show.
    IfAny(fn(&Review) -> Option<String>),
}

/// One figure of a section.
pub(super) struct Row {
    pub(super) name: Name,
    pub(super) value: Value,
}

/// The figures of `rows` for `review`.
pub(super) fn figures(rows: &[Row], review: &Review, settings: &Settings) -> Vec<FigureView> {
    rows.iter()
        .filter_map(|row| {
            let name = match row.name {
                Name::Of(figure) => label(figure).to_string(),
                Name::Text(text) => text.to_string(),
                Name::Made(make) => make(review, settings),
            };
            let (value, na) = match row.value {
                Value::Known(write) => (write(review), false),
                Value::IfAny(write) => (write(review)?, false),
                Value::Or(figure, write) => match write(review) {
                    Some(value) => (value, false),
                    None => (not_available(review, &[figure]), true),
                },
                Value::OrFirst(figures, write) => match write(review) {
                    Some(value) => (value, false),
                    None => (not_available(review, &figures), true),
                },
            };
            Some(FigureView {
                label: name,
                value,
                na,
                print_only: false,
            })
        })
        .collect()
}

/// `not available: <reason>`, the first reason metrics noted under
/// `figures`; "no data" where it noted none.
pub(super) fn not_available(review: &Review, figures: &[Figure]) -> String {
    let reason = figures
        .iter()
        .find_map(|f| review.unavailable.get(f))
        .map_or_else(|| "no data".to_string(), reasons::reason);
    format!("not available: {reason}")
}

pub(super) fn cur(r: &Review) -> &str {
    r.currency.as_str()
}

const FUNNEL: &[Row] = &[
    Row {
        name: Name::Of(Figure::Leads),
        value: Value::Known(|r| count(r.funnel.leads)),
    },
    Row {
        name: Name::Text("MQLs"),
        value: Value::Known(|r| count(r.funnel.mqls)),
    },
    Row {
        name: Name::Of(Figure::Sqls),
        value: Value::Known(|r| count(r.funnel.sqls)),
    },
    Row {
        name: Name::Text("Opportunities"),
        value: Value::Known(|r| count(r.funnel.opportunities)),
    },
    Row {
        name: Name::Of(Figure::Won),
        value: Value::Known(|r| count(r.funnel.won)),
    },
    Row {
        name: Name::Text("Deals lost"),
        value: Value::Known(|r| count(r.funnel.lost)),
    },
];

const SPEED: &[Row] = &[
    Row {
        name: Name::Text("Leads ready for sales"),
        value: Value::Known(|r| count(r.speed_to_lead.leads)),
    },
    Row {
        name: Name::Made(|_, s| {
            format!(
                "Touched within {} h (SLA; target {})",
                s.sla.first_touch_hours,
                percent(s.sla.within_share)
            )
        }),
        value: Value::Or(Figure::WithinSla, |r| {
            r.speed_to_lead.within_sla.map(percent)
        }),
    },
    Row {
        name: Name::Text(
            "Median time to first touch (every ready lead, the untouched still waiting)",
        ),
        value: Value::Or(Figure::MedianHours, |r| {
            let s = &r.speed_to_lead;
            s.median_hours.map(|h| wait(h, s.median_at_least))
        }),
    },
    Row {
        name: Name::Of(Figure::P90Hours),
        value: Value::Or(Figure::P90Hours, |r| {
            let s = &r.speed_to_lead;
            s.p90_hours.map(|h| wait(h, s.p90_at_least))
        }),
    },
    Row {
        name: Name::Made(|_, s| {
            format!("Dropped (untouched after {} days)", s.sla.drop_after_days)
        }),
        value: Value::Known(|r| count(r.speed_to_lead.dropped)),
    },
    Row {
        name: Name::Text("Still waiting"),
        value: Value::Known(|r| count(r.speed_to_lead.waiting)),
    },
    Row {
        name: Name::Text("Touched, time unknown (neither dropped nor waiting)"),
        value: Value::IfAny(|r| {
            let n = r.speed_to_lead.touched_time_unknown;
            (n > 0).then(|| count(n))
        }),
    },
];

/// `at least 36 h` where an untouched lead sets the wait (censored at the
/// cut-off), else `36 h`.
fn wait(hours: f64, at_least: bool) -> String {
    let d = duration_hours(hours);
    if at_least { format!("at least {d}") } else { d }
}

/// `12 (4%)`: a count with its share, where the share is known.
fn with_share(n: Option<u64>, share: Option<f64>) -> Option<String> {
    n.map(|n| match share {
        Some(s) => format!("{} ({})", count(n), percent(s)),
        None => count(n),
    })
}

const ALIGNMENT: &[Row] = &[
    Row {
        name: Name::Made(|_, _| {
            format!(
                "Leads worked by 2+ reps in their first {} days",
                follow_up::FIRST_DAYS
            )
        }),
        value: Value::Or(Figure::MultiRepLeads, |r| {
            with_share(r.alignment.multi_rep_leads, r.alignment.multi_rep_share)
        }),
    },
    Row {
        name: Name::Of(Figure::DuplicateLeads),
        value: Value::Or(Figure::DuplicateLeads, |r| {
            with_share(r.alignment.duplicate_leads, r.alignment.duplicate_share)
        }),
    },
    Row {
        name: Name::Of(Figure::DisqualifiedShare),
        value: Value::Or(Figure::DisqualifiedShare, |r| {
            r.alignment.disqualified_share.map(percent)
        }),
    },
    Row {
        name: Name::Of(Figure::MixShift),
        value: Value::Or(Figure::MixShift, |r| r.alignment.mix_shift.map(percent)),
    },
];

const SPEND: &[Row] = &[
    Row {
        name: Name::Text("Total ad spend"),
        value: Value::Known(|r| money(r.spend.total.as_f64(), cur(r))),
    },
    Row {
        name: Name::Text(
            "Cost per new lead (blended: ad spend over every new lead, organic included)",
        ),
        value: Value::Or(Figure::CostPerLead, |r| {
            r.efficiency.cost_per_lead.map(|v| money_cents(v, cur(r)))
        }),
    },
    Row {
        name: Name::Text("Cost per MQL (blended: ad spend over every new MQL)"),
        value: Value::Or(Figure::CostPerMql, |r| {
            r.efficiency.cost_per_mql.map(|v| money_cents(v, cur(r)))
        }),
    },
    Row {
        name: Name::Of(Figure::Cac),
        value: Value::Or(Figure::Cac, |r| {
            r.efficiency.cac.map(|v| money_cents(v, cur(r)))
        }),
    },
    Row {
        name: Name::Of(Figure::Roas),
        value: Value::Or(Figure::Roas, |r| {
            r.efficiency.roas.map(|v| format!("{v:.2}"))
        }),
    },
    Row {
        name: Name::Of(Figure::MarketingCostPerContact),
        value: Value::Or(Figure::MarketingCostPerContact, |r| {
            let cost = r.efficiency.marketing_cost_per_contact;
            cost.map(|v| money_small(v, cur(r)))
        }),
    },
    Row {
        name: Name::Made(|r, _| {
            format!(
                "{} (per touch, {})",
                label(Figure::SalesCostPerContact),
                r.efficiency.sales_touches_basis
            )
        }),
        value: Value::Or(Figure::SalesCostPerContact, |r| {
            let cost = r.efficiency.sales_cost_per_contact;
            cost.map(|v| money_small(v, cur(r)))
        }),
    },
];

const HOURS: &[Row] = &[
    Row {
        name: Name::Of(Figure::HourShares),
        value: Value::Known(|r| format!("{:.1}", r.investment.hours.total)),
    },
    Row {
        name: Name::Text("People"),
        value: Value::Known(|r| count(r.investment.hours.people)),
    },
    Row {
        name: Name::Of(Figure::MqlsPerMarketingHour),
        value: Value::Or(Figure::MqlsPerMarketingHour, |r| {
            let per_hour = r.investment.hours.mqls_per_marketing_hour;
            per_hour.map(|v| format!("{v:.2}"))
        }),
    },
    Row {
        name: Name::Text("Won revenue per sales hour (their own deals)"),
        value: Value::Or(Figure::WonPerSalesHour, |r| {
            let per_hour = r.investment.hours.won_per_sales_hour;
            per_hour.map(|v| money(v, cur(r)))
        }),
    },
];

/// The hours section without time logs: one line saying why.
const NO_HOURS: &[Row] = &[Row {
    name: Name::Of(Figure::HourShares),
    value: Value::Or(Figure::HourShares, |_| None),
}];

const REVENUE: &[Row] = &[
    Row {
        name: Name::Of(Figure::WonAmount),
        value: Value::Known(|r| money(r.revenue.won_amount.as_f64(), cur(r))),
    },
    Row {
        name: Name::Of(Figure::PipelineCreated),
        value: Value::Known(|r| money(r.revenue.pipeline_created.as_f64(), cur(r))),
    },
    Row {
        name: Name::Of(Figure::WinRate),
        value: Value::Or(Figure::WinRate, |r| r.revenue.win_rate.map(percent)),
    },
    Row {
        name: Name::Of(Figure::AverageWonDeal),
        value: Value::Or(Figure::AverageWonDeal, |r| {
            r.pipeline.average_won_deal.map(|v| money(v, cur(r)))
        }),
    },
    Row {
        name: Name::Of(Figure::MedianCycleDays),
        value: Value::Or(Figure::MedianCycleDays, |r| {
            r.pipeline.median_cycle_days.map(|d| format!("{d:.0} days"))
        }),
    },
    Row {
        name: Name::Text("Open at the period's end"),
        value: Value::Known(|r| {
            let p = &r.pipeline;
            let amount = money(p.open_amount.as_f64(), cur(r));
            format!("{} deals, {amount}", count(p.open_deals))
        }),
    },
    Row {
        name: Name::Of(Figure::VelocityPerDay),
        value: Value::Or(Figure::VelocityPerDay, |r| {
            let velocity = r.pipeline.velocity_per_day;
            velocity.map(|v| format!("{} a day", money(v, cur(r))))
        }),
    },
    Row {
        name: Name::Made(|r, _| format!("Open pipeline due in {}", r.pipeline.next_period)),
        value: Value::Known(|r| money(r.pipeline.due_next_period.as_f64(), cur(r))),
    },
    Row {
        name: Name::Made(|r, _| format!("Coverage of the {} target", r.pipeline.next_period)),
        value: Value::Or(Figure::Coverage, |r| r.pipeline.coverage.map(factor)),
    },
    Row {
        name: Name::Of(Figure::RequiredCoverage),
        value: Value::Or(Figure::RequiredCoverage, |r| {
            r.pipeline.required_coverage.map(factor)
        }),
    },
    Row {
        name: Name::Of(Figure::TouchesPerWonDeal),
        value: Value::Or(Figure::TouchesPerWonDeal, |r| {
            r.pipeline.touches_per_won_deal.map(|v| format!("{v:.1}"))
        }),
    },
    Row {
        name: Name::Of(Figure::LeadToCloseDays),
        value: Value::Or(Figure::LeadToCloseDays, |r| {
            r.pipeline
                .lead_to_close_days
                .map(|d| format!("{d:.0} days"))
        }),
    },
];

/// Funnel figures.
pub fn funnel(review: &Review, settings: &Settings) -> Vec<FigureView> {
    figures(FUNNEL, review, settings)
}

/// Speed-to-lead figures.
pub fn speed(review: &Review, settings: &Settings) -> Vec<FigureView> {
    figures(SPEED, review, settings)
}

/// Alignment figures.
pub fn alignment(review: &Review, settings: &Settings) -> Vec<FigureView> {
    figures(ALIGNMENT, review, settings)
}

/// Spend section figures: ad spend by channel, then the efficiency figures.
pub fn spend(review: &Review, settings: &Settings) -> Vec<FigureView> {
    let by_channel = Channel::ALL.iter().filter_map(|ch| {
        let spent = review.spend.by_channel.get(ch.key())?;
        (spent.cents() != 0).then(|| FigureView {
            label: ch.label().into(),
            value: money(spent.as_f64(), cur(review)),
            na: false,
            print_only: false,
        })
    });
    by_channel.chain(figures(SPEND, review, settings)).collect()
}

/// Hours figures.
pub fn hours(review: &Review, settings: &Settings) -> Vec<FigureView> {
    let rows = if review.investment.hours.total <= 0.0 {
        NO_HOURS
    } else {
        HOURS
    };
    figures(rows, review, settings)
}

/// Revenue and pipeline figures.
pub fn revenue(review: &Review, settings: &Settings) -> Vec<FigureView> {
    figures(REVENUE, review, settings)
}
