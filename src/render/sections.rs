//! The figures and tables of each review section, as strings for the page
//! and as plain values for the CSV files next to it. Every table is built
//! once here and shown both ways, so the page and the CSV cannot disagree.

use super::table::Table;
use super::view::Figure;
use crate::config::Settings;
use crate::metrics::capacity::Basis;
use crate::metrics::comparison::{Against, Change, HEADLINES, Unit};
use crate::metrics::conversion::Conversion;
use crate::metrics::funnel::Segment;
use crate::metrics::words::{
    count, duration_hours, factor, money, money_cents, money_small, per_week, percent,
    signed_percent, signed_points, tilt,
};
use crate::metrics::{Review, alignment, follow_up, speed};
use crate::model::{Channel, Function, Money};
use serde::Serialize;

/// One cell: what the page shows and what the CSV holds.
#[derive(Debug, Clone)]
pub struct Cell {
    shown: String,
    raw: String,
}

impl Cell {
    /// Whether the cell holds a number (or nothing).
    fn is_number(&self) -> bool {
        self.raw.is_empty() || self.raw.parse::<f64>().is_ok()
    }
}

/// What a table cell shows for a figure that is not available.
const NOT_AVAILABLE: &str = "n/a";

fn text(value: &str) -> Cell {
    Cell {
        shown: value.to_string(),
        raw: value.to_string(),
    }
}

fn number(value: u64) -> Cell {
    Cell {
        shown: count(value),
        raw: value.to_string(),
    }
}

fn optional(value: Option<f64>, shown: impl Fn(f64) -> String) -> Cell {
    match value {
        Some(v) => Cell {
            shown: shown(v),
            raw: format!("{v}"),
        },
        None => Cell {
            shown: NOT_AVAILABLE.into(),
            raw: String::new(),
        },
    }
}

fn cash(value: Money, currency: &str) -> Cell {
    Cell {
        shown: money(value.as_f64(), currency),
        raw: format!("{:.2}", value.as_f64()),
    }
}

/// A table of one section, with the CSV file it is also written to.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The CSV file name in the review's folder.
    pub file: &'static str,
    pub title: String,
    pub note: Option<String>,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    /// Shown even without rows, because its note says why it has none.
    keep_empty: bool,
}

/// A table as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub title: String,
    pub note: Option<String>,
    /// Link to the CSV file.
    pub csv: String,
    pub header: Vec<HeaderCell>,
    pub rows: Vec<Vec<CellView>>,
}

/// A header cell and whether its column holds numbers.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderCell {
    pub text: String,
    pub num: bool,
}

/// A body cell and whether it is a number (aligned right, not wrapped).
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    pub text: String,
    pub num: bool,
}

impl Grid {
    fn new(file: &'static str, title: impl Into<String>, header: &[&str]) -> Grid {
        Grid {
            file,
            title: title.into(),
            note: None,
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            keep_empty: false,
        }
    }

    fn note(mut self, note: impl Into<String>) -> Grid {
        self.note = Some(note.into());
        self
    }

    fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Whether the page shows the table: the capacity evidence is long,
    /// and the queue by rep is the queue chart's CSV (the chart shows its
    /// ages); both are downloads only, which keeps the printed review
    /// within ten pages.
    pub fn on_page(&self) -> bool {
        self.file != CAPACITY_EVIDENCE && self.file != QUEUE
    }

    /// Whether the table has no rows (the page leaves it out; the CSV
    /// keeps its header).
    /// Whether there is nothing to show: no rows and no note explaining why.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && !self.keep_empty
    }

    /// The table for the page; `root` prefixes the CSV link.
    pub fn view(&self, root: &str) -> TableView {
        let numeric: Vec<bool> = (0..self.header.len())
            .map(|i| {
                i > 0
                    && self
                        .rows
                        .iter()
                        .all(|r| r.get(i).is_some_and(Cell::is_number))
            })
            .collect();
        TableView {
            title: self.title.clone(),
            note: self.note.clone(),
            csv: format!("{root}{}", self.file),
            header: self
                .header
                .iter()
                .zip(&numeric)
                .map(|(h, num)| HeaderCell {
                    text: h.clone(),
                    num: *num,
                })
                .collect(),
            rows: self
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .zip(&numeric)
                        .map(|(c, num)| CellView {
                            text: c.shown.clone(),
                            num: *num,
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// The table for spreadsheets: plain numbers, no currency signs.
    pub fn csv(&self) -> Table {
        let header: Vec<&str> = self.header.iter().map(String::as_str).collect();
        let mut table = Table::new(&header);
        for row in &self.rows {
            table.push(row.iter().map(|c| c.raw.clone()).collect());
        }
        table
    }
}

/// A figure, or "not available: reason" from the review's `unavailable`.
fn figure(review: &Review, label: &str, key: &str, value: Option<String>) -> Figure {
    let na = value.is_none();
    let value = value.unwrap_or_else(|| {
        format!(
            "not available: {}",
            review
                .unavailable
                .get(key)
                .map(String::as_str)
                .unwrap_or("no data")
        )
    });
    Figure {
        label: label.into(),
        value,
        na,
    }
}

fn shown(label: &str, value: String) -> Figure {
    Figure {
        label: label.into(),
        value,
        na: false,
    }
}

pub(super) fn channel_label(key: &str) -> String {
    Channel::parse(key).map_or_else(|| key.to_string(), |c| c.label().to_string())
}

pub(super) fn function_label(key: &str) -> String {
    let mut chars = key.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Every table of a review, for the CSV files.
pub fn all_tables(review: &Review) -> Vec<Grid> {
    [
        funnel_tables(review),
        follow_up_tables(review),
        team_tables(review),
        spend_tables(review),
        hours_tables(review),
        pipeline_tables(review),
        balance_tables(review),
        comparison_tables(review),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The step names people read.
fn step_label(key: &str) -> &'static str {
    match key {
        "lead_to_mql" => "Lead → MQL",
        "mql_to_sql" => "MQL → SQL",
        "sql_to_opportunity" => "SQL → opportunity",
        "opportunity_to_won" => "Opportunity → won",
        "mql_to_opportunity" => "MQL → opportunity (cumulative)",
        "mql_to_won" => "MQL → won (cumulative)",
        _ => "",
    }
}

fn young_note(c: &Conversion) -> String {
    match (c.young, c.lag_p90_days) {
        (true, Some(lag)) => format!("too young to judge: 90% of leads take up to {lag:.0} days"),
        (true, None) => "too young to judge: the period is in progress".into(),
        (false, _) => String::new(),
    }
}

/// Funnel section: conversion, by function, by source, by channel, mix.
pub fn funnel_tables(review: &Review) -> Vec<Grid> {
    let mut conversion = Grid::new(
        "conversion.csv",
        "Conversion by cohort",
        &["Step", "Cohort", "Reached by the cut-off", "Rate", "Note"],
    )
    .note(format!(
        "Of the leads that reached the first stage in {}, the share that reached the second by the cut-off.",
        review.period.label
    ));
    for (key, c) in review.conversion.steps() {
        conversion.push(vec![
            text(step_label(key)),
            number(c.cohort),
            number(c.reached),
            optional(c.rate, percent),
            text(&young_note(c)),
        ]);
    }
    let by_function = segment_grid(
        "funnel-by-function.csv",
        "By function",
        "Function",
        review
            .segments
            .by_function
            .iter()
            .map(|(k, s)| (function_label(k), s)),
        &review.currency,
    );
    let by_source = segment_grid(
        "funnel-by-source.csv",
        "By source",
        "Source",
        review
            .segments
            .by_source
            .iter()
            .map(|(k, s)| (k.clone(), s)),
        &review.currency,
    );
    let by_channel = segment_grid(
        "funnel-by-channel.csv",
        "By paid channel",
        "Channel",
        review
            .segments
            .by_channel
            .iter()
            .map(|(k, s)| (channel_label(k), s)),
        &review.currency,
    );
    vec![
        conversion,
        by_function,
        by_source,
        by_channel,
        mix_table(review),
    ]
}

fn segment_grid<'a>(
    file: &'static str,
    title: &str,
    first: &str,
    rows: impl Iterator<Item = (String, &'a Segment)>,
    currency: &str,
) -> Grid {
    let mut grid = Grid::new(
        file,
        title,
        &[
            first,
            "New leads",
            "MQLs",
            "SQLs",
            "Opportunities",
            "Deals won",
            "Won revenue",
            "MQL → SQL",
        ],
    );
    for (name, s) in rows {
        grid.push(vec![
            text(&name),
            number(s.leads),
            number(s.mqls),
            number(s.sqls),
            number(s.opportunities),
            number(s.won),
            cash(s.won_amount, currency),
            optional(s.mql_to_sql, percent),
        ]);
    }
    grid
}

fn mix_table(review: &Review) -> Grid {
    let previous = review
        .comparison
        .previous
        .as_ref()
        .map_or_else(|| "previous period".to_string(), |p| p.label.clone());
    let mut grid = Grid::new(
        "source-mix.csv",
        "Source mix of new leads",
        &[
            "Source",
            "New leads",
            "Share",
            &format!("Share in {previous}"),
            "Shift",
        ],
    );
    for row in &review.alignment.source_mix {
        grid.push(vec![
            text(&row.source),
            number(row.leads),
            optional(row.share, percent),
            optional(row.previous_share, percent),
            optional(row.shift_pts, signed_points),
        ]);
    }
    grid
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
    .map(|(label, n)| shown(label, count(n)))
    .collect()
}

/// Speed-to-lead figures.
pub fn speed(review: &Review, settings: &Settings) -> Vec<Figure> {
    let s = &review.speed_to_lead;
    let wait = |hours: f64, bound: bool| {
        let d = duration_hours(hours);
        if bound { format!("at least {d}") } else { d }
    };
    vec![
        shown("Leads ready for sales", count(s.leads)),
        figure(
            review,
            &format!(
                "Touched within {} h (SLA; target {})",
                settings.sla.first_touch_hours,
                percent(settings.sla.within_share)
            ),
            "speed_to_lead.within_sla",
            s.within_sla.map(percent),
        ),
        figure(
            review,
            "Median time to first touch (every ready lead, the untouched still waiting)",
            "speed_to_lead.median_hours",
            s.median_hours.map(|h| wait(h, s.median_at_least)),
        ),
        figure(
            review,
            "90th percentile",
            "speed_to_lead.p90_hours",
            s.p90_hours.map(|h| wait(h, s.p90_at_least)),
        ),
        shown(
            &format!(
                "Dropped (untouched after {} days)",
                settings.sla.drop_after_days
            ),
            count(s.dropped),
        ),
        shown("Still waiting", count(s.waiting)),
    ]
    .into_iter()
    .chain((s.touched_time_unknown > 0).then(|| {
        shown(
            "Touched, time unknown (neither dropped nor waiting)",
            count(s.touched_time_unknown),
        )
    }))
    .collect()
}

/// `New MQLs a week (supply)`, or `New leads a week (supply)` where
/// every new lead counts as supply.
fn supply_label(review: &Review) -> String {
    let words = review.method.ready_for_sales.supply_words();
    let mut chars = words.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!(
        "{}{} a week (supply)",
        first.unwrap_or_default(),
        chars.as_str()
    )
}

fn band_label(band: &str) -> &'static str {
    match band {
        "0-1h" => "Within 1 hour",
        "1-24h" => "1 to 24 hours",
        "1-7d" => "1 to 7 days",
        ">7d" => "More than 7 days",
        b if b == speed::NEVER => "Not touched",
        b if b == speed::TIME_UNKNOWN => "Touched, time unknown",
        _ => "",
    }
}

/// Follow-up section: time to first touch in bands.
pub fn follow_up_tables(review: &Review) -> Vec<Grid> {
    let mut bands = Grid::new(
        "speed-bands.csv",
        "Time to first touch",
        &["First touch", "Leads", "Share", "Became SQL", "SQL rate"],
    )
    .note("Leads ready for sales in the period, by the time they waited for a first touch; the SQL rate shows what the wait cost.");
    for b in &review.speed_to_lead.bands {
        bands.push(vec![
            text(band_label(b.band)),
            number(b.leads),
            optional(b.share, percent),
            number(b.reached_sql),
            optional(b.sql_rate, percent),
        ]);
    }
    vec![bands]
}

/// Team section: follow-up per rep, sales' feedback by source.
/// Reps with fewer leads than this are left out of the team table: a rate
/// over three leads says little and points at one person.
const MIN_TEAM_ROW_LEADS: u64 = 5;

pub fn team_tables(review: &Review) -> Vec<Grid> {
    let (shown, hidden): (Vec<_>, Vec<_>) = review
        .team
        .iter()
        .partition(|r| r.assigned >= MIN_TEAM_ROW_LEADS);
    let mut note = String::from(
        "Assigned: leads ready for sales in the period that the rep owns. First touches: made by the rep in the period.",
    );
    if !hidden.is_empty() {
        note.push_str(&format!(
            " {} rep(s) with fewer than {MIN_TEAM_ROW_LEADS} leads assigned are not shown, so no one's figures are read from a handful of leads.",
            hidden.len()
        ));
    }
    let mut team = Grid::new(
        "team.csv",
        "Follow-up per rep",
        &[
            "Rep",
            "Leads assigned",
            "First touches made",
            "Median time to first touch",
            "Dropped",
            "Dropped share",
        ],
    )
    .note(note);
    team.keep_empty = !hidden.is_empty();
    for r in shown {
        team.push(vec![
            text(&r.rep),
            number(r.assigned),
            number(r.first_touches),
            optional(r.median_hours, duration_hours),
            number(r.dropped),
            optional(r.dropped_share, percent),
        ]);
    }
    vec![team, feedback_table(review)]
}

/// Sales' feedback as one row per source: its ready leads, how many of
/// them carry each lead status, the deals it lost, the disqualified share.
fn feedback_table(review: &Review) -> Grid {
    let a = &review.alignment;
    let mut totals: Vec<(&str, u64)> = Vec::new();
    for f in a
        .feedback
        .iter()
        .filter(|f| f.reason != alignment::DEAL_LOST)
    {
        match totals.iter_mut().find(|(r, _)| *r == f.reason) {
            Some((_, n)) => *n += f.count,
            None => totals.push((&f.reason, f.count)),
        }
    }
    totals.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    let reasons: Vec<&str> = totals.iter().map(|(r, _)| *r).collect();
    let mut header = vec!["Source", "Leads ready"];
    header.extend(&reasons);
    header.extend(["Deals lost", "Disqualified"]);
    let mut grid = Grid::new("feedback.csv", "Sales' feedback by source", &header).note(format!(
        "The lead status (as of the export) of every lead ready for sales in the period, and the deals lost in it. Disqualified: a status of {}.",
        alignment::DISQUALIFYING.join(", ")
    ));
    for (source, s) in &a.disqualified_by_source {
        let count_of = |reason: &str| {
            a.feedback
                .iter()
                .find(|f| &f.source == source && f.reason == reason)
                .map_or(0, |f| f.count)
        };
        let mut row = vec![text(source), number(s.ready)];
        row.extend(reasons.iter().map(|r| number(count_of(r))));
        row.extend([number(s.lost_deals), optional(s.share, percent)]);
        grid.push(row);
    }
    grid
}

/// Alignment figures.
pub fn alignment(review: &Review) -> Vec<Figure> {
    let a = &review.alignment;
    let with_share = |n: Option<u64>, s: Option<f64>| {
        n.map(|n| match s {
            Some(s) => format!("{} ({})", count(n), percent(s)),
            None => count(n),
        })
    };
    vec![
        figure(
            review,
            &format!(
                "Leads worked by 2+ reps in their first {} days",
                follow_up::FIRST_DAYS
            ),
            "alignment.multi_rep_leads",
            with_share(a.multi_rep_leads, a.multi_rep_share),
        ),
        figure(
            review,
            "New leads duplicating an earlier email",
            "alignment.duplicate_leads",
            with_share(a.duplicate_leads, a.duplicate_share),
        ),
        figure(
            review,
            "Disqualified by sales",
            "alignment.disqualified_share",
            a.disqualified_share.map(percent),
        ),
        figure(
            review,
            "Source mix shift",
            "alignment.mix_shift",
            a.mix_shift.map(percent),
        ),
    ]
}

/// Spend section figures: ad spend by channel and the efficiency figures.
pub fn spend(review: &Review) -> Vec<Figure> {
    let c = review.currency.as_str();
    let e = &review.efficiency;
    let mut rows: Vec<Figure> = Channel::ALL
        .iter()
        .filter_map(|ch| {
            review
                .spend
                .by_channel
                .get(ch.key())
                .filter(|m| m.cents() != 0)
                .map(|m| shown(ch.label(), money(m.as_f64(), c)))
        })
        .collect();
    rows.push(shown(
        "Total ad spend",
        money(review.spend.total.as_f64(), c),
    ));
    let cents = |v: f64| money_cents(v, c);
    let small = |v: f64| money_small(v, c);
    rows.extend([
        figure(
            review,
            "Cost per new lead (blended: ad spend over every new lead, organic included)",
            "efficiency.cost_per_lead",
            e.cost_per_lead.map(cents),
        ),
        figure(
            review,
            "Cost per MQL (blended: ad spend over every new MQL)",
            "efficiency.cost_per_mql",
            e.cost_per_mql.map(cents),
        ),
        figure(
            review,
            "Customer acquisition cost",
            "efficiency.cac",
            e.cac.map(cents),
        ),
        figure(
            review,
            "Return on ad spend",
            "efficiency.roas",
            e.roas.map(|r| format!("{r:.2}")),
        ),
        figure(
            review,
            "Marketing cost per contact (per impression)",
            "efficiency.marketing_cost_per_contact",
            e.marketing_cost_per_contact.map(small),
        ),
        figure(
            review,
            &format!(
                "Sales cost per contact (per touch, {})",
                e.sales_touches_basis
            ),
            "efficiency.sales_cost_per_contact",
            e.sales_cost_per_contact.map(small),
        ),
    ]);
    rows
}

/// Spend section tables: spend by function, efficiency per channel.
pub fn spend_tables(review: &Review) -> Vec<Grid> {
    let c = review.currency.as_str();
    let inv = &review.investment;
    let mut by_function = Grid::new(
        "spend-by-function.csv",
        "Spend by function",
        &["Function", "Ads", "Budget lines", "Total", "Share"],
    )
    .note("Ad spend is marketing's; budget lines (salaries, tools, programs) come from the generic budget CSV.");
    for (f, total) in &inv.by_function {
        let ads = if *f == Function::Marketing.as_str() {
            inv.ads
        } else {
            Money::ZERO
        };
        by_function.push(vec![
            text(&function_label(f)),
            cash(ads, c),
            cash(
                inv.budget_by_function.get(f).copied().unwrap_or_default(),
                c,
            ),
            cash(*total, c),
            optional(inv.shares.get(f).copied().flatten(), percent),
        ]);
    }
    let mut channels = Grid::new(
        "channel-efficiency.csv",
        "Efficiency per paid channel",
        &[
            "Channel",
            "Spend",
            "Impressions",
            "Clicks",
            "Leads",
            "Cost per lead",
            "Cost per MQL",
            "Cost per SQL",
            "Cost per won deal",
            "ROAS",
        ],
    )
    .note("Leads and deals count for a channel when their source maps to it ([sources.channels] in equinox.toml).");
    let cents = |v: f64| money_cents(v, c);
    for (key, ch) in &review.efficiency.channels {
        channels.push(vec![
            text(&channel_label(key)),
            cash(ch.spend, c),
            number(ch.impressions),
            number(ch.clicks),
            number(ch.leads),
            optional(ch.cost_per_lead, cents),
            optional(ch.cost_per_mql, cents),
            optional(ch.cost_per_sql, cents),
            optional(ch.cost_per_won, cents),
            optional(ch.roas, |r| format!("{r:.2}")),
        ]);
    }
    vec![by_function, channels]
}

/// Hours section tables.
pub fn hours_tables(review: &Review) -> Vec<Grid> {
    let h = &review.investment.hours;
    let mut grid = Grid::new(
        "hours-by-function.csv",
        "Hours by function",
        &["Function", "Hours", "Share"],
    );
    if h.total > 0.0 {
        for (f, hours) in &h.by_function {
            grid.push(vec![
                text(&function_label(f)),
                optional(Some(*hours), |v| format!("{v:.1}")),
                optional(h.shares.get(f).copied().flatten(), percent),
            ]);
        }
    }
    vec![grid]
}

/// Hours figures.
pub fn hours(review: &Review) -> Vec<Figure> {
    let h = &review.investment.hours;
    let c = review.currency.as_str();
    if h.total <= 0.0 {
        return vec![figure(
            review,
            "Hours logged",
            "investment.hours.shares",
            None,
        )];
    }
    vec![
        shown("Hours logged", format!("{:.1}", h.total)),
        shown("People", count(h.people)),
        figure(
            review,
            "MQLs per marketing hour",
            "investment.hours.mqls_per_marketing_hour",
            h.mqls_per_marketing_hour.map(|v| format!("{v:.2}")),
        ),
        figure(
            review,
            "Won revenue per sales hour logged (the time logs' people, not the reps)",
            "investment.hours.won_per_sales_hour",
            h.won_per_sales_hour.map(|v| money(v, c)),
        ),
    ]
}

/// Revenue and pipeline figures.
pub fn revenue(review: &Review) -> Vec<Figure> {
    let c = review.currency.as_str();
    let r = &review.revenue;
    let p = &review.pipeline;
    vec![
        shown("Won revenue", money(r.won_amount.as_f64(), c)),
        shown("Pipeline created", money(r.pipeline_created.as_f64(), c)),
        figure(
            review,
            "Win rate",
            "revenue.win_rate",
            r.win_rate.map(percent),
        ),
        figure(
            review,
            "Average won deal",
            "pipeline.average_won_deal",
            p.average_won_deal.map(|v| money(v, c)),
        ),
        figure(
            review,
            "Median sales cycle",
            "pipeline.median_cycle_days",
            p.median_cycle_days.map(|d| format!("{d:.0} days")),
        ),
        shown(
            "Open at the period's end",
            format!(
                "{} deals, {}",
                count(p.open_deals),
                money(p.open_amount.as_f64(), c)
            ),
        ),
        figure(
            review,
            "Pipeline velocity",
            "pipeline.velocity_per_day",
            p.velocity_per_day.map(|v| format!("{} a day", money(v, c))),
        ),
        shown(
            &format!("Open pipeline due in {}", p.next_period),
            money(p.due_next_period.as_f64(), c),
        ),
        figure(
            review,
            &format!("Coverage of the {} target", p.next_period),
            "pipeline.coverage",
            p.coverage.map(factor),
        ),
        figure(
            review,
            "Coverage the win rate requires",
            "pipeline.required_coverage",
            p.required_coverage.map(factor),
        ),
        figure(
            review,
            "Touches per won deal",
            "pipeline.touches_per_won_deal",
            p.touches_per_won_deal.map(|v| format!("{v:.1}")),
        ),
        figure(
            review,
            "Lead to close (median)",
            "pipeline.lead_to_close_days",
            p.lead_to_close_days.map(|d| format!("{d:.0} days")),
        ),
    ]
}

/// Pipeline section tables.
pub fn pipeline_tables(review: &Review) -> Vec<Grid> {
    let c = review.currency.as_str();
    let p = &review.pipeline;
    let mut grid = Grid::new(
        "pipeline-by-function.csv",
        "Pipeline and revenue by sourcing function",
        &["Function", "Pipeline created", "Won revenue"],
    )
    .note("Business development's partner pipeline is counted on its own.");
    for (f, created) in &p.created_by_function {
        grid.push(vec![
            text(&function_label(f)),
            cash(*created, c),
            cash(p.won_by_function.get(f).copied().unwrap_or_default(), c),
        ]);
    }
    vec![grid]
}

/// Balance section figures: supply, capacity, inventory.
pub fn balance(review: &Review) -> Vec<Figure> {
    let b = &review.balance;
    let bound = b.capacity_basis == Some(Basis::LowerBound);
    let at_least = |v: f64| {
        let v = per_week(v);
        if bound { format!("at least {v}") } else { v }
    };
    let per_rep = b.per_rep_week.map(|p| {
        let how = match b.capacity_basis {
            Some(Basis::UnderLoad) => format!(
                "median of {} rep-weeks with leads waiting all week",
                count(b.loaded_rep_weeks)
            ),
            Some(Basis::LowerBound) => "the reps were never fully loaded".into(),
            _ => "set in equinox.toml".into(),
        };
        format!("{} ({how})", at_least(p))
    });
    let q = &b.queue;
    let ages = format!(
        "{} ({} under a day, {} 1–7 days, {} 7–30 days, {} 30–90 days, {} older)",
        count(q.ages.total),
        count(q.ages.under_1d),
        count(q.ages.d1_7),
        count(q.ages.d7_30),
        count(q.ages.d30_90),
        count(q.ages.older)
    );
    let tilt_text = |t: f64| {
        if bound {
            format!("≤ {}", tilt(t))
        } else {
            tilt(t)
        }
    };
    vec![
        figure(review, "Tilt", "balance.tilt", b.tilt.map(tilt_text)),
        figure(
            review,
            &supply_label(review),
            "balance.supply_per_week",
            b.supply_per_week.map(per_week),
        ),
        figure(
            review,
            "Follow-up capacity a week (first touches of leads handed to sales)",
            "balance.capacity_per_week",
            b.capacity_per_week.map(at_least),
        ),
        shown("Active reps", count(b.active_reps)),
        figure(
            review,
            "First touches a rep can make a week (leads handed to sales)",
            "balance.capacity_per_week",
            per_rep,
        ),
        shown(
            "Rep-weeks with leads waiting all week, last four quarters (capacity-evidence.csv)",
            format!(
                "{} of {}",
                count(b.loaded_rep_weeks),
                count(b.rep_weeks.len() as u64)
            ),
        ),
        shown("Untouched MQLs at the period's end, every age", ages),
        shown(
            &format!(
                "Of those, workable (no older than {} days)",
                q.workable_days
            ),
            count(b.inventory.untouched),
        ),
        shown(
            "MQLs being worked at the period's end",
            count(b.inventory.working),
        ),
        figure(
            review,
            "Weeks of leads in hand",
            "balance.inventory_weeks",
            b.inventory_weeks.map(|w| format!("{w:.1}")),
        ),
    ]
}

/// The CSV of first touches per rep and week: too long for the page.
const CAPACITY_EVIDENCE: &str = "capacity-evidence.csv";
/// The CSV of the untouched queue by age and rep, behind the queue chart.
const QUEUE: &str = "queue.csv";

/// Balance section: the untouched queue by age and rep, and the capacity
/// evidence (first touches per rep and week, loaded or not).
pub fn balance_tables(review: &Review) -> Vec<Grid> {
    let b = &review.balance;
    let mut queue = Grid::new(
        QUEUE,
        "Untouched leads at the period's end, by age and rep",
        &[
            "Rep",
            "Under 1 day",
            "1–7 days",
            "7–30 days",
            "30–90 days",
            "Older",
            "Total",
        ],
    )
    .note("Every MQL no rep had touched by the period's end, whatever its age: a lead past the drop window is dropped, not gone.");
    let shown = team_rows_shown(review);
    for r in b.queue.by_rep.iter().filter(|r| shown.contains(&r.rep)) {
        let mut row = vec![text(&r.rep)];
        row.extend(r.ages.counts().into_iter().map(number));
        row.push(number(r.ages.total));
        queue.push(row);
    }
    let mut evidence = Grid::new(
        CAPACITY_EVIDENCE,
        "First touches per rep and week, last four quarters",
        &["Rep", "Week of", "First touches", "Leads waited all week"],
    )
    .note("The capacity evidence: a week counts as loaded when a lead handed to the rep waited, untouched, through every working day; only loaded weeks show what a rep can do.");
    for w in b.rep_weeks.iter().filter(|w| shown.contains(&w.owner)) {
        evidence.push(vec![
            text(&w.owner),
            text(&w.week_start.to_string()),
            number(w.first_touches),
            text(if w.loaded { "yes" } else { "no" }),
        ]);
    }
    vec![queue, evidence]
}

/// The reps the team table shows (enough leads assigned): per-rep rows
/// elsewhere show only these, so no one's figures are read from a handful
/// of leads.
fn team_rows_shown(review: &Review) -> std::collections::BTreeSet<String> {
    review
        .team
        .iter()
        .filter(|r| r.assigned >= MIN_TEAM_ROW_LEADS)
        .map(|r| r.rep.clone())
        .collect()
}

/// Plan section figures.
pub fn plan(review: &Review) -> Vec<Figure> {
    let p = &review.plan;
    let c = review.currency.as_str();
    vec![
        figure(
            review,
            "Revenue target",
            "plan.mqls_needed",
            p.revenue_target.map(|v| money(v, c)),
        ),
        figure(
            review,
            "Marketing-sourced share of won revenue",
            "plan.mqls_needed",
            p.marketing_won_share.map(percent),
        ),
        figure(
            review,
            "MQL → won (mature MQLs, last four quarters)",
            "plan.mqls_needed",
            p.mql_to_won
                .map(|r| format!("{} of {}", percent(r), count(p.mature_mqls))),
        ),
        figure(
            review,
            "Average marketing-sourced won deal",
            "plan.mqls_needed",
            p.average_won_deal.map(|v| money(v, c)),
        ),
        figure(
            review,
            &format!("MQLs needed in {}", p.period),
            "plan.mqls_needed",
            p.mqls_needed.map(count),
        ),
        figure(
            review,
            "MQLs needed a week",
            "plan.mqls_needed",
            p.mqls_needed_per_week.map(per_week),
        ),
        figure(
            review,
            "Follow-up capacity a week (this period)",
            "balance.capacity_per_week",
            p.capacity_per_week.map(per_week),
        ),
        figure(
            review,
            "Reps needed at today's throughput",
            "plan.load",
            p.reps_needed
                .map(|n| format!("{} (active: {})", count(n), count(p.active_reps))),
        ),
    ]
    .into_iter()
    .chain(plan_check(review))
    .collect()
}

/// Last review's plan for this period against what happened.
fn plan_check(review: &Review) -> Vec<Figure> {
    let Some(k) = &review.plan.check else {
        return Vec::new();
    };
    let c = review.currency.as_str();
    let noun = review.method.ready_for_sales.supply_noun();
    let delivered = k
        .delivered_per_week
        .map_or_else(|| "none".to_string(), per_week);
    let reps = k
        .planned_reps
        .map(|r| {
            format!(
                "; reps {} planned, {} active",
                count(r),
                count(k.active_reps)
            )
        })
        .unwrap_or_default();
    let revenue = k
        .revenue_target
        .map(|t| format!("; won {} against {}", money(k.won_amount, c), money(t, c)))
        .unwrap_or_default();
    vec![shown(
        &format!(
            "{}'s plan for {} against what happened",
            k.planned_in, review.period.label
        ),
        format!(
            "{} {noun} a week planned, {delivered} delivered{reps}{revenue}",
            per_week(k.planned_per_week)
        ),
    )]
}

/// The comparison of every headline figure, for the CSV and the data section.
pub fn comparison_tables(review: &Review) -> Vec<Grid> {
    let c = review.currency.as_str();
    let prev = review.comparison.previous.as_ref();
    let year = review.comparison.year_ago.as_ref();
    let label =
        |a: Option<&Against>, what: &str| a.map_or_else(|| what.to_string(), |a| a.label.clone());
    let prev_label = label(prev, "previous period");
    let year_label = label(year, "a year earlier");
    let mut grid = Grid::new(
        "comparison.csv",
        "Headline figures against earlier periods",
        &[
            "Figure",
            "Unit",
            &review.period.label,
            &prev_label,
            &format!("Change on {prev_label}"),
            &year_label,
            &format!("Change on {year_label}"),
        ],
    )
    .note("Changes are relative (%) for counts, amounts, hours and ratios, in percentage points for shares, and differences for the tilt. The CSV holds relative changes as fractions (1 = +100%).");
    for h in HEADLINES {
        let p = prev.and_then(|a| a.figures.get(h.key));
        let y = year.and_then(|a| a.figures.get(h.key));
        grid.push(vec![
            text(h.label),
            text(unit_name(h.unit)),
            unit_cell(h.unit, (h.value)(review), c),
            unit_cell(h.unit, p.and_then(|c| c.before), c),
            change_cell(p),
            unit_cell(h.unit, y.and_then(|c| c.before), c),
            change_cell(y),
        ]);
    }
    vec![grid]
}

/// A headline value formatted by its unit.
pub fn unit_value(unit: Unit, value: f64, currency: &str) -> String {
    match unit {
        Unit::Count => count(value.round() as u64),
        Unit::Money => money(value, currency),
        Unit::Share => percent(value),
        Unit::Hours => duration_hours(value),
        Unit::Tilt => tilt(value),
        Unit::Ratio => format!("{value:.2}"),
        Unit::Times => factor(value),
    }
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Count => "count",
        Unit::Money => "money",
        Unit::Share => "share",
        Unit::Hours => "hours",
        Unit::Tilt => "tilt",
        Unit::Ratio => "ratio",
        Unit::Times => "times",
    }
}

fn unit_cell(unit: Unit, value: Option<f64>, currency: &str) -> Cell {
    optional(value, |v| unit_value(unit, v, currency))
}

fn change_cell(change: Option<&Change>) -> Cell {
    let Some(c) = change else {
        return optional(None, |_| String::new());
    };
    match (c.unit, c.before) {
        (Unit::Share, _) => optional(c.change, signed_points),
        (Unit::Tilt, _) => optional(c.change, |v| format!("{v:+.2}")),
        (_, Some(b)) if b == 0.0 && c.value.is_some() => Cell {
            shown: "was 0".into(),
            raw: String::new(),
        },
        _ => optional(c.relative, signed_percent),
    }
}
