//! View models: reviews turned into the strings templates place. All
//! formatting and wording happens here; templates only lay it out.

use super::sections::{FigureView, TableView, unit_value};
use super::table::Table;
use crate::metrics::comparison::{Against, Change, Unit, headline};
use crate::metrics::targets::Status;
use crate::metrics::words::{count, duration_hours, per_week, signed_percent, tilt};
use crate::metrics::{Figure, Review, Section, Verdict};
use serde::Serialize;

/// A chart as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub src: String,
    pub alt: String,
    pub csv: Option<String>,
    /// Shown on screen only, left out of print (the printed review stays
    /// within ten pages).
    pub screen_only: bool,
    /// How to read the chart, under it; `None` when its title says it.
    pub note: Option<String>,
}

/// One headline figure with its comparisons and target.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub label: String,
    pub value: String,
    /// Change against the previous period, in words.
    pub change: String,
    /// Change against the same period a year earlier, in words.
    pub year_ago: String,
    /// "target 30%: missed", when the figure has a target.
    pub target: Option<String>,
    /// CSS class of the target status: `met`, `near`, `missed`, `na`.
    pub status: Option<String>,
    /// The section that explains it.
    pub anchor: String,
}

/// One finding as the page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub sentence: String,
    pub recommendation: Option<String>,
    /// The section that shows it.
    pub anchor: String,
    /// The section's title, for the link.
    pub section: String,
}

/// One section's figures and tables.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub figures: Vec<FigureView>,
    pub tables: Vec<TableView>,
    /// The section's charts, in the page's order.
    pub charts: Vec<ChartView>,
    /// What to export to fill the section, when its data is missing.
    pub missing: Option<String>,
    /// A sentence on how to read the section's figures.
    pub note: Option<String>,
    /// A sentence of the section's own under its figures (the plan's
    /// projection).
    pub sentence: Option<String>,
}

/// The balance summary.
#[derive(Debug, Clone, Serialize)]
pub struct BalanceView {
    pub tilt: String,
    pub verdict: String,
    /// CSS class: `marketing`, `sales` or `balanced`.
    pub class: String,
    pub sentence: String,
    /// What slow follow-up cost: dropped leads and the SQLs lost.
    pub cost: Option<String>,
    /// The one plan for the next period, in one line.
    pub plan: Option<String>,
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
    /// "No review a year earlier to compare.", said once for every tile.
    pub year_ago_note: Option<String>,
    pub findings: Vec<FindingView>,
    pub notes_html: Option<String>,
    pub balance_section: SectionView,
    pub funnel: SectionView,
    pub speed: SectionView,
    pub team: SectionView,
    pub spend: SectionView,
    pub hours: SectionView,
    pub revenue: SectionView,
    pub plan: SectionView,
    /// The period the plan is for.
    pub plan_period: String,
    pub comparison: TableView,
    pub charts: ReviewCharts,
    pub files: Table,
    pub rejections: Table,
    pub rejection_count: String,
    /// How many records overlapping exports held twice, in words.
    pub duplicates_note: Option<String>,
    pub unavailable: Vec<FigureView>,
    pub nav: Vec<NavLink>,
    pub method_html: String,
    /// "Published 5 Oct 2026", or the restatement, when published.
    pub publication: Option<super::publication::PublicationView>,
    /// The one-file version: no link to any other file.
    pub one_file: bool,
    /// The stylesheet, inline in the one-file version.
    pub inline_css: Option<String>,
    /// The review as one file, for forwarding.
    pub one_file_href: String,
    /// The two-page print brief.
    pub brief_href: String,
    /// The fallbacks this review's exports called for, one sentence each.
    pub fallbacks: super::reasons::FallbackViews,
    /// Deals no review shows where their dates put them, in sentences.
    pub deal_notes: Vec<String>,
    /// What reading each file decided, `path: note`.
    pub file_notes: Vec<String>,
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
    /// `5 Oct 2026`, when published.
    pub published: Option<String>,
    /// Whether its figures changed since publication.
    pub restated: bool,
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
    // Plain words: "sales-heavy" reads as overspending on sales, when it
    // means the reps could follow up more leads than they get.
    let (verdict, class) = match b.verdict {
        Some(Verdict::MarketingHeavy) => ("Leads outrun follow-up", "marketing"),
        Some(Verdict::SalesHeavy) => ("Follow-up has room for more leads", "sales"),
        Some(Verdict::Balanced) => ("Balanced", "balanced"),
        None if b.tilt.is_some() => ("Not settled: reps never fully loaded", "unknown"),
        None => ("Not available", "unknown"),
    };
    let bound = b.capacity_basis == Some(crate::metrics::capacity::Basis::LowerBound);
    let supplied = super::reasons::supply_words(review.method.ready_for_sales);
    let sentence = match (b.verdict, b.tilt, b.supply_per_week, b.capacity_per_week) {
        (_, Some(t), Some(s), Some(c)) if bound => bound_sentence(t, s, c, supplied),
        (Some(v), Some(t), Some(s), Some(c)) => balance_sentence(v, t, s, c, supplied),
        _ => review
            .unavailable
            .get(&Figure::Tilt)
            .or_else(|| review.unavailable.get(&Figure::CapacityPerWeek))
            .map(super::reasons::reason)
            .unwrap_or_default(),
    };
    let prefix = if bound { "≤ " } else { "" };
    BalanceView {
        tilt: b
            .tilt
            .map(|t| format!("{prefix}{}", tilt(t)))
            .unwrap_or_else(|| "–".into()),
        verdict: verdict.into(),
        class: class.into(),
        sentence,
        cost: cost_line(review),
        plan: plan_line(review),
    }
}

/// "What it cost: 711 leads not touched within 7 days; about 120 SQLs
/// lost ...", when leads were dropped.
fn cost_line(review: &Review) -> Option<String> {
    let s = &review.speed_to_lead;
    if s.dropped == 0 {
        return None;
    }
    let lost = s
        .sqls_lost
        .filter(|l| *l >= 0.5)
        .map(|l| {
            format!(
                "; about {} SQLs lost at the SQL rate of leads touched within a day",
                count(l.round() as u64)
            )
        })
        .unwrap_or_default();
    Some(format!(
        "What it cost: {} of {} leads ready for sales were not touched within the drop window{lost}.",
        count(s.dropped),
        count(s.leads)
    ))
}

/// "The plan for 2026-Q4: 43.6 MQLs a week (between 30.4 and 43.4
/// depending on which recent quarter's conversion holds), 5 reps, every
/// lead touched within 24 h." The one weekly target the review gives.
fn plan_line(review: &Review) -> Option<String> {
    let p = &review.plan;
    let weekly = p.mqls_needed_per_week?;
    let range = super::sections::range_words(review)
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    let reps = p
        .reps_needed
        .map(|r| format!(", {} reps to follow them up", count(r)))
        .unwrap_or_default();
    let sla = review
        .targets
        .get(&Figure::MedianHours)
        .map(|t| format!(", every lead touched within {}", duration_hours(t.target)))
        .unwrap_or_default();
    Some(format!(
        "The plan for {}: {} {} a week{range}{reps}{sla}.",
        p.period,
        per_week(weekly),
        super::reasons::supply_noun(review.method.ready_for_sales)
    ))
}

/// Where no rep was loaded, capacity is only what the reps did: sales
/// could handle at least that many times the supply, maybe far more.
fn bound_sentence(t: f64, supply: f64, capacity: f64, supplied: &str) -> String {
    let figures = format!(
        "{} {supplied} a week against capacity for at least {}",
        per_week(supply),
        per_week(capacity)
    );
    if t < 0.0 {
        let factor = 2f64.powf(-t);
        format!(
            "Sales could handle at least {factor:.2}× the leads; the reps were never fully loaded: {figures}."
        )
    } else {
        format!(
            "The reps were never fully loaded, so their capacity is known only as a lower bound, too low to judge the balance: {figures}."
        )
    }
}

fn balance_sentence(
    verdict: Verdict,
    t: f64,
    supply: f64,
    capacity: f64,
    supplied: &str,
) -> String {
    let factor = 2f64.powf(t.abs());
    let figures = format!(
        "{} {supplied} a week against capacity for {}",
        per_week(supply),
        per_week(capacity)
    );
    match verdict {
        Verdict::MarketingHeavy => {
            format!("Marketing delivered {factor:.1}× the leads sales can follow up: {figures}.")
        }
        Verdict::SalesHeavy => {
            format!("Sales could work {factor:.1}× the leads marketing delivered: {figures}.")
        }
        Verdict::Balanced => format!("Supply and follow-up capacity are in balance: {figures}."),
    }
}

/// A headline figure on the page: which figure and which section explains it.
struct HeadlineSpec {
    key: Figure,
    anchor: Section,
}

/// The headline figures of the summary, in order (the index page shows the
/// first and the sixth).
const HEADLINES: [HeadlineSpec; 9] = [
    HeadlineSpec {
        key: Figure::Mqls,
        anchor: Section::Funnel,
    },
    HeadlineSpec {
        key: Figure::WithinSla,
        anchor: Section::FollowUp,
    },
    HeadlineSpec {
        key: Figure::MedianHours,
        anchor: Section::FollowUp,
    },
    HeadlineSpec {
        key: Figure::Dropped,
        anchor: Section::FollowUp,
    },
    HeadlineSpec {
        key: Figure::SpendTotal,
        anchor: Section::Spend,
    },
    HeadlineSpec {
        key: Figure::WonAmount,
        anchor: Section::Pipeline,
    },
    HeadlineSpec {
        key: Figure::MqlToSql,
        anchor: Section::Funnel,
    },
    HeadlineSpec {
        key: Figure::WinRate,
        anchor: Section::Pipeline,
    },
    HeadlineSpec {
        key: Figure::Coverage,
        anchor: Section::Pipeline,
    },
];

/// The headline figures, each with its change on the previous period and
/// on the same period a year earlier, and its target status.
pub fn headlines(review: &Review) -> Vec<Headline> {
    HEADLINES
        .iter()
        .filter_map(|spec| {
            let h = headline(spec.key)?;
            let value = (h.value)(review);
            let target = review.targets.get(&spec.key);
            Some(Headline {
                label: super::labels::label(h.key).into(),
                value: value
                    .map(|v| unit_value(h.unit, v, &review.currency))
                    .unwrap_or_else(|| "not available".into()),
                // Without an earlier review (or one a year earlier) the
                // page says so once, under the tiles ([`year_ago_note`]).
                change: change(review.comparison.previous.as_ref(), spec.key).unwrap_or_default(),
                year_ago: change(review.comparison.year_ago.as_ref(), spec.key).unwrap_or_default(),
                target: target.map(|t| {
                    format!(
                        "target {}: {}",
                        unit_value(h.unit, t.target, &review.currency),
                        t.status.as_str()
                    )
                }),
                status: target.map(|t| status_class(t.status).into()),
                anchor: spec.anchor.anchor().into(),
            })
        })
        .collect()
}

/// Said once under the headline tiles when no review a year earlier
/// exists, or no earlier review at all.
pub fn year_ago_note(review: &Review) -> Option<String> {
    let c = &review.comparison;
    match (&c.previous, &c.year_ago) {
        (None, None) => Some("No earlier review to compare.".into()),
        (Some(_), None) => Some("No review a year earlier to compare.".into()),
        (_, Some(_)) => None,
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Met => "met",
        Status::Near => "near",
        Status::Missed => "missed",
        Status::NotAvailable => "na",
    }
}

/// "+38% on 2026-Q2" for amounts and counts; levels for durations,
/// shares, ratios and the tilt ("8.7 days, up from 18.5 h in 2026-Q2"),
/// whose percent changes mislead (a wait up 1,000% says less than the two
/// waits); `None` without an earlier review.
fn change(against: Option<&Against>, key: Figure) -> Option<String> {
    let against = against?;
    let label = &against.label;
    let c: &Change = against.figures.get(&key)?;
    Some(match (c.unit, c.value, c.before) {
        (_, None, _) | (_, _, None) => format!("no comparison with {label}"),
        (Unit::Count | Unit::Money, _, Some(0.0)) => format!("was 0 in {label}"),
        (Unit::Count | Unit::Money, _, _) => {
            format!("{} on {label}", signed_percent(c.relative.unwrap_or(0.0)))
        }
        (unit, Some(now), Some(before)) => level(unit, now, before, label),
    })
}

/// "up from 18.5 h in 2026-Q2", "down from 60%", "as in 2026-Q2".
fn level(unit: Unit, now: f64, before: f64, label: &str) -> String {
    let shown = |v: f64| match unit {
        Unit::Tilt => tilt(v),
        _ => unit_value(unit, v, ""),
    };
    let (a, b) = (shown(now), shown(before));
    if a == b {
        format!("as in {label}")
    } else if now > before {
        format!("up from {b} in {label}")
    } else {
        format!("down from {b} in {label}")
    }
}

pub(super) fn figure(label: &str, value: String) -> FigureView {
    FigureView {
        label: label.into(),
        value,
        ..FigureView::default()
    }
}

/// Figures that could not be computed, with their reasons.
pub fn unavailable(review: &Review) -> Vec<FigureView> {
    review
        .unavailable
        .iter()
        .map(|(k, why)| figure(k.key(), super::reasons::reason(why)))
        .collect()
}

/// `1 Jul – 30 Sep 2026`.
pub fn period_range(review: &Review) -> String {
    let (s, e) = (review.period.start, review.period.end);
    format!("{} – {}", s.format("%-d %b"), e.format("%-d %b %Y"))
}

/// What to export to fill a section whose data is missing, in words.
pub fn missing_data(section: Section, review: &Review) -> Option<String> {
    let hint = match section {
        Section::Funnel if review.funnel.leads == 0 && review.funnel.mqls == 0 => {
            "No leads in this period: export your CRM's contacts or leads covering it (HubSpot contacts, Salesforce leads report, Pipedrive deals)."
        }
        Section::FollowUp
            if review.speed_to_lead.leads > 0 && review.speed_to_lead.touched == 0 =>
        {
            "No first touches: add the First outreach date column to the HubSpot contacts export, or export activities (HubSpot calls, emails and meetings; Salesforce tasks and events; Pipedrive activities)."
        }
        Section::Team if review.team.is_empty() => {
            "No reps: export the lead owner column (Contact owner, Lead Owner, Deal - Owner) and first touches or activities."
        }
        Section::Spend if review.spend.total.cents() == 0 => {
            "No ad spend: export the Google Ads campaign report by day, the Meta Ads Manager export, or the LinkedIn or Microsoft Ads reports; other costs go in the generic budget CSV."
        }
        Section::Hours if review.investment.hours.total <= 0.0 => {
            "No time logs: export a Toggl Track or Clockify detailed report and map its projects or tags to marketing, sales or partner under [hours] in equinox.toml."
        }
        Section::Pipeline
            if review
                .pipeline
                .created_by_function
                .values()
                .all(|m| m.cents() == 0)
                && review.funnel.won + review.funnel.lost == 0 =>
        {
            "No deals: export your CRM's deals or opportunities (HubSpot deals, Salesforce opportunities report, Pipedrive deals)."
        }
        _ => return None,
    };
    Some(hint.to_string())
}
