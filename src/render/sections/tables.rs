//! The tables of each review section (funnel, follow-up, team, spend,
//! hours, pipeline), for the page and the CSV files next to it.

use super::comparison::comparison_tables;
use super::grid::{Grid, Placement, cash, number, optional, text};
use crate::metrics::conversion::Conversion;
use crate::metrics::funnel::Segment;
use crate::metrics::words::{duration_hours, money_cents, percent, signed_points};
use crate::metrics::{Figure, Review, alignment, speed};
use crate::model::{Channel, Function, Money};
use crate::render::labels;

pub fn channel_label(key: &str) -> String {
    Channel::parse(key).map_or_else(|| key.to_string(), |c| c.label().to_string())
}

pub fn function_label(key: &str) -> String {
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
        super::proof::proof_tables(review),
        super::plan::plan_tables(review),
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
            labels::label(Figure::CostPerMql),
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

/// Balance section: the untouched queue by age and rep (on screen; left
/// out of print), and the capacity evidence (first touches per rep and
/// week, loaded or not: long, so a download only).
pub fn balance_tables(review: &Review) -> Vec<Grid> {
    let b = &review.balance;
    let mut queue = Grid::new(
        "queue.csv",
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
    .note(format!(
        "Every {} no rep had touched by the period's end, whatever its age: a lead past the drop window is dropped, not gone.",
        crate::render::reasons::supply_one(review.method.ready_for_sales)
    ))
    .placed(Placement::Screen);
    let shown = team_rows_shown(review);
    for r in b.queue.by_rep.iter().filter(|r| shown.contains(&r.rep)) {
        let mut row = vec![text(&r.rep)];
        row.extend(r.ages.counts().into_iter().map(number));
        row.push(number(r.ages.total));
        queue.push(row);
    }
    let mut evidence = Grid::new(
        "capacity-evidence.csv",
        "First touches per rep and week, last four quarters",
        &["Rep", "Week of", "First touches", "Leads waited all week"],
    )
    .note("The capacity evidence: a week counts as loaded when a lead handed to the rep waited, untouched, through every working day; only loaded weeks show what a rep can do.")
    .placed(Placement::Download);
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
pub fn team_rows_shown(review: &Review) -> std::collections::BTreeSet<String> {
    review
        .team
        .iter()
        .filter(|r| r.assigned >= MIN_TEAM_ROW_LEADS)
        .map(|r| r.rep.clone())
        .collect()
}
