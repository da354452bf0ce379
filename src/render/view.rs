//! View models: reviews turned into the strings templates place. All
//! formatting and wording happens here; templates only lay it out.

use super::format::{count, duration_hours, money, money_cents, per_week, percent, tilt};
use super::table::Table;
use crate::config::Settings;
use crate::ledger::Ledger;
use crate::metrics::Review;
use serde::Serialize;

/// A chart as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub src: String,
    pub alt: String,
    pub csv: Option<String>,
}

/// One headline figure with its comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub label: String,
    pub value: String,
    /// Change against the previous period, in words.
    pub change: String,
    /// The section that explains it.
    pub anchor: String,
}

/// The balance summary.
#[derive(Debug, Clone, Serialize)]
pub struct BalanceView {
    pub tilt: String,
    pub verdict: String,
    /// CSS class: `marketing`, `sales` or `balanced`.
    pub class: String,
    pub sentence: String,
}

/// A label and a formatted value.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
}

/// A link to another review.
#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    pub label: String,
    pub href: String,
    pub current: bool,
}

/// Everything one review page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewPage {
    pub company: String,
    pub label: String,
    pub period_range: String,
    pub complete: bool,
    pub as_of: String,
    /// Prefix for this review's own files: "" on its page, "../2026-q3/" on latest/.
    pub root: String,
    pub balance: BalanceView,
    pub headlines: Vec<Headline>,
    pub notes_html: Option<String>,
    pub funnel: Vec<Figure>,
    pub speed: Vec<Figure>,
    pub spend: Vec<Figure>,
    pub revenue: Vec<Figure>,
    pub charts: ReviewCharts,
    pub files: Table,
    pub rejections: Table,
    pub rejection_count: String,
    /// How many records overlapping exports held twice, in words.
    pub duplicates_note: Option<String>,
    pub unavailable: Vec<Figure>,
    pub nav: Vec<NavLink>,
    pub method_html: String,
}

/// The charts of one review page.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewCharts {
    pub balance: ChartView,
    pub flow: ChartView,
    pub spend: ChartView,
}

/// One line of the reviews list on the index page.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewSummary {
    pub label: String,
    pub href: String,
    pub tilt: String,
    pub verdict: String,
    pub class: String,
    pub complete: bool,
    pub headlines: Vec<String>,
}

/// The index page.
#[derive(Debug, Clone, Serialize)]
pub struct IndexPage {
    pub company: String,
    pub as_of: String,
    pub reviews: Vec<ReviewSummary>,
    pub tilt_chart: ChartView,
    pub spend_chart: ChartView,
}

/// The balance verdict in words and its CSS class.
pub fn balance_view(review: &Review) -> BalanceView {
    let b = &review.balance;
    let (verdict, class) = match b.verdict {
        Some("marketing-heavy") => ("Marketing-heavy", "marketing"),
        Some("sales-heavy") => ("Sales-heavy", "sales"),
        Some(_) => ("Balanced", "balanced"),
        None => ("Not available", "unknown"),
    };
    let sentence = match (b.tilt, b.supply_per_week, b.capacity_per_week) {
        (Some(t), Some(s), Some(c)) => balance_sentence(t, s, c),
        _ => review
            .unavailable
            .get("balance.tilt")
            .or_else(|| review.unavailable.get("balance.capacity_per_week"))
            .cloned()
            .unwrap_or_default(),
    };
    BalanceView {
        tilt: b.tilt.map(tilt).unwrap_or_else(|| "–".into()),
        verdict: verdict.into(),
        class: class.into(),
        sentence,
    }
}

fn balance_sentence(t: f64, supply: f64, capacity: f64) -> String {
    let factor = 2f64.powf(t.abs());
    let figures = format!(
        "{} new MQLs a week against capacity for {}",
        per_week(supply),
        per_week(capacity)
    );
    if t > crate::metrics::BALANCED_BAND {
        format!("Marketing delivered {factor:.1}× the leads sales can follow up: {figures}.")
    } else if t < -crate::metrics::BALANCED_BAND {
        format!("Sales could work {factor:.1}× the leads marketing delivered: {figures}.")
    } else {
        format!("Supply and follow-up capacity are in balance: {figures}.")
    }
}

/// A headline figure: how to read it from a review and how to show it.
struct HeadlineSpec {
    label: &'static str,
    value: fn(&Review) -> Option<f64>,
    kind: Kind,
    anchor: &'static str,
}

const HEADLINES: [HeadlineSpec; 6] = [
    HeadlineSpec {
        label: "New MQLs",
        value: |r| Some(r.funnel.mqls as f64),
        kind: Kind::Count,
        anchor: "funnel",
    },
    HeadlineSpec {
        label: "Median speed to lead",
        value: |r| r.speed_to_lead.median_hours,
        kind: Kind::Hours,
        anchor: "follow-up",
    },
    HeadlineSpec {
        label: "Touched within SLA",
        value: |r| r.speed_to_lead.within_sla,
        kind: Kind::Share,
        anchor: "follow-up",
    },
    HeadlineSpec {
        label: "Dropped leads",
        value: |r| Some(r.speed_to_lead.dropped as f64),
        kind: Kind::Count,
        anchor: "follow-up",
    },
    HeadlineSpec {
        label: "Ad spend",
        value: |r| Some(r.spend.total.as_f64()),
        kind: Kind::Money,
        anchor: "spend",
    },
    HeadlineSpec {
        label: "Won revenue",
        value: |r| Some(r.revenue.won_amount.as_f64()),
        kind: Kind::Money,
        anchor: "pipeline",
    },
];

/// The six headline figures, each compared with the previous review.
pub fn headlines(review: &Review, previous: Option<&Review>) -> Vec<Headline> {
    HEADLINES
        .iter()
        .map(|spec| {
            let value = (spec.value)(review);
            let before = previous.and_then(spec.value);
            Headline {
                label: spec.label.into(),
                value: value
                    .map(|v| spec.kind.format(v, &review.currency))
                    .unwrap_or_else(|| "not available".into()),
                change: change(
                    value,
                    before,
                    spec.kind,
                    previous.map(|p| p.period.label.as_str()),
                ),
                anchor: spec.anchor.into(),
            }
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Kind {
    Count,
    Hours,
    Share,
    Money,
}

impl Kind {
    fn format(self, value: f64, currency: &str) -> String {
        match self {
            Kind::Count => count(value.round() as u64),
            Kind::Hours => duration_hours(value),
            Kind::Share => percent(value),
            Kind::Money => money(value, currency),
        }
    }
}

/// "+38% on 2026-Q2" for amounts and counts, "−12 pts on 2026-Q2" for shares.
fn change(now: Option<f64>, before: Option<f64>, kind: Kind, label: Option<&str>) -> String {
    let (Some(now), Some(before), Some(label)) = (now, before, label) else {
        return "no earlier review to compare".into();
    };
    match kind {
        Kind::Share => format!("{:+.0} pts on {label}", (now - before) * 100.0),
        _ if before == 0.0 => format!("was 0 in {label}"),
        _ => format!("{:+.0}% on {label}", (now / before - 1.0) * 100.0),
    }
}

/// Funnel figures.
pub fn funnel(review: &Review) -> Vec<Figure> {
    let f = &review.funnel;
    [
        ("New leads", f.leads),
        ("MQLs", f.mqls),
        ("SQLs", f.sqls),
        ("Opportunities", f.opportunities),
        ("Deals won", f.won),
        ("Deals lost", f.lost),
    ]
    .into_iter()
    .map(|(label, n)| figure(label, count(n)))
    .collect()
}

/// Speed-to-lead figures.
pub fn speed(review: &Review, settings: &Settings) -> Vec<Figure> {
    let s = &review.speed_to_lead;
    let na = |k: &str| {
        format!(
            "not available: {}",
            review
                .unavailable
                .get(k)
                .map(String::as_str)
                .unwrap_or("no data")
        )
    };
    vec![
        figure("Leads ready for sales", count(s.leads)),
        figure(
            "Median time to first touch",
            s.median_hours
                .map(duration_hours)
                .unwrap_or_else(|| na("speed_to_lead.median_hours")),
        ),
        figure(
            "90th percentile",
            s.p90_hours
                .map(duration_hours)
                .unwrap_or_else(|| na("speed_to_lead.p90_hours")),
        ),
        figure(
            &format!("Touched within {} h (SLA)", settings.sla.first_touch_hours),
            s.within_sla
                .map(percent)
                .unwrap_or_else(|| na("speed_to_lead.within_sla")),
        ),
        figure(
            &format!(
                "Dropped (untouched after {} days)",
                settings.sla.drop_after_days
            ),
            count(s.dropped),
        ),
        figure("Still waiting", count(s.waiting)),
    ]
}

/// Spend figures per channel.
pub fn spend(review: &Review) -> Vec<Figure> {
    let c = review.currency.as_str();
    let mut rows: Vec<Figure> = crate::model::Channel::ALL
        .iter()
        .filter_map(|ch| {
            review
                .spend
                .by_channel
                .get(ch.key())
                .filter(|m| m.cents() != 0)
                .map(|m| figure(ch.label(), money(m.as_f64(), c)))
        })
        .collect();
    rows.push(figure(
        "Total ad spend",
        money(review.spend.total.as_f64(), c),
    ));
    let cpl = review.efficiency.cost_per_lead.map(|v| money_cents(v, c));
    rows.push(figure(
        "Cost per new lead",
        cpl.unwrap_or_else(|| "not available: no new leads".into()),
    ));
    rows
}

/// Revenue figures.
pub fn revenue(review: &Review) -> Vec<Figure> {
    let c = review.currency.as_str();
    let r = &review.revenue;
    vec![
        figure("Won revenue", money(r.won_amount.as_f64(), c)),
        figure("Pipeline created", money(r.pipeline_created.as_f64(), c)),
        figure(
            "Win rate",
            r.win_rate
                .map(percent)
                .unwrap_or_else(|| "not available: no deals closed".into()),
        ),
    ]
}

fn figure(label: &str, value: String) -> Figure {
    Figure {
        label: label.into(),
        value,
    }
}

/// The per-file table of the data section.
pub fn files_table(ledger: &Ledger) -> Table {
    let mut table = Table::new(&[
        "File",
        "Recognised as",
        "Rows read",
        "Used",
        "Rejected",
        "Lines skipped",
        "Dates",
        "Problem",
        "Report lines before the header",
    ]);
    for f in &ledger.files {
        table.push(vec![
            f.path.clone(),
            f.profile.clone().unwrap_or_else(|| "not recognised".into()),
            count(f.rows_read),
            count(f.rows_used),
            count(f.rows_rejected),
            count(f.lines_skipped),
            f.dates
                .map(|(first, last)| format!("{first} – {last}"))
                .unwrap_or_default(),
            f.problem.clone().unwrap_or_default(),
            f.preamble.join(" · "),
        ]);
    }
    table
}

/// A sentence on records merged across overlapping exports, if any were.
pub fn duplicates_note(ledger: &Ledger) -> Option<String> {
    (ledger.duplicates_merged > 0).then(|| {
        format!(
            "{} record(s) appeared in more than one export and were counted once, keeping the newer export's version.",
            count(ledger.duplicates_merged)
        )
    })
}

/// Every rejected row, with file, line, column and reason.
pub fn rejections_table(ledger: &Ledger) -> Table {
    let mut table = Table::new(&["File", "Line", "Column", "Found", "Expected"]);
    for f in &ledger.files {
        for r in &f.rejections {
            table.push(vec![
                f.path.clone(),
                r.line.to_string(),
                r.column.clone().unwrap_or_default(),
                r.found.clone().unwrap_or_default(),
                r.expected.clone(),
            ]);
        }
    }
    table
}

/// Figures that could not be computed, with their reasons.
pub fn unavailable(review: &Review) -> Vec<Figure> {
    review
        .unavailable
        .iter()
        .map(|(k, v)| figure(k, v.clone()))
        .collect()
}

/// `1 Jul – 30 Sep 2026`.
pub fn period_range(review: &Review) -> String {
    let (s, e) = (review.period.start, review.period.end);
    format!("{} – {}", s.format("%-d %b"), e.format("%-d %b %Y"))
}
