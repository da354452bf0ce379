//! Render stage: reviews, ledger and notes in; the site's files out, as an
//! in-memory map from relative path to bytes. Charts are drawn here from
//! the figures, pages come from tera templates. No file is written here:
//! the site stage owns output.

mod chart_data;
mod data_view;
mod findings;
#[cfg(test)]
mod findings_tests;
mod labels;
use crate::metrics::words as format;
mod notes;
mod one_file;
mod publication;
mod reasons;
mod sections;
mod table;
mod templates;
mod view;

pub use labels::label;
pub use table::neutralise_formula;
pub use templates::{TemplateError, overridden as overridden_templates};

use crate::charts;
use crate::config::Settings;
use crate::ledger::Ledger;
use crate::metrics::{Review, Section};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use view::{ChartView, IndexPage, NavLink, ReviewCharts, ReviewPage, ReviewSummary, SectionView};

/// Words every review right after metrics: its findings, the reasons its
/// missing figures are missing and its fallbacks, so metrics.json and the
/// pages read the same sentences.
pub fn word(reviews: &mut [Review], settings: &Settings) {
    findings::word(reviews, settings);
    reasons::word(reviews);
}

/// The site as files: relative path (with `/`) to contents.
pub type SiteFiles = BTreeMap<String, Vec<u8>>;

/// What the render stage needs.
pub struct RenderInput<'a> {
    /// Reviews, oldest first.
    pub reviews: &'a [Review],
    pub ledger: &'a Ledger,
    pub settings: &'a Settings,
    /// Commentary Markdown by period label (`2026-Q3`).
    pub notes: &'a BTreeMap<String, String>,
    /// Published reviews as this build sees them, by period label.
    pub publications: &'a BTreeMap<String, crate::publish::Publication>,
    /// A folder whose templates replace the built-in ones of the same name.
    pub template_overrides: Option<&'a Path>,
}

/// The method section: docs/metrics.md, the same text the docs carry.
const METHOD_MARKDOWN: &str = include_str!("../../docs/metrics.md");
const STYLESHEET: &str = include_str!("../../templates/assets/style.css");

/// Renders every page, chart, table and JSON file of the site.
pub fn render_site(input: &RenderInput) -> Result<SiteFiles, TemplateError> {
    let tera = templates::load(input.template_overrides)?;
    let mut files = SiteFiles::new();
    files.insert("assets/style.css".into(), STYLESHEET.as_bytes().to_vec());
    let method_html = notes::markdown_to_safe_html(METHOD_MARKDOWN);
    for (index, review) in input.reviews.iter().enumerate() {
        review_files(input, index, &mut files);
        let page = review_page(input, review, &method_html, "");
        review_pages(&tera, review, page, &mut files)?;
    }
    if let Some(newest) = input.reviews.last() {
        let root = format!("../{}/", newest.period.slug);
        let page = review_page(input, newest, &method_html, &root);
        files.insert(
            "latest/index.html".into(),
            templates::render(&tera, "review.html", &page)?,
        );
    }
    index_files(input, &tera, &mut files)?;
    Ok(files)
}

/// A review's pages: the review, its print brief, and the review as one
/// file (made last: it takes the charts from the files already drawn).
fn review_pages(
    tera: &tera::Tera,
    review: &Review,
    mut page: ReviewPage,
    files: &mut SiteFiles,
) -> Result<(), TemplateError> {
    let dir = &review.period.slug;
    let review_html = templates::render(tera, "review.html", &page)?;
    files.insert(format!("{dir}/index.html"), review_html);
    let brief = templates::render(tera, "brief.html", &page)?;
    files.insert(format!("{dir}/brief.html"), brief);
    one_file::inline(&mut page, files, dir, STYLESHEET);
    let one_file = templates::render(tera, "review.html", &page)?;
    files.insert(
        format!("{dir}/{}", one_file::file_name(&review.period.label)),
        one_file,
    );
    Ok(())
}

fn review_page(input: &RenderInput, review: &Review, method_html: &str, root: &str) -> ReviewPage {
    let slug = &review.period.slug;
    let chart = |name: &str, alt: String, csv: Option<&str>| ChartView {
        src: format!("{root}{name}"),
        alt,
        csv: csv.map(|c| format!("{root}{c}")),
        screen_only: false,
        note: None,
    };
    let rejections = data_view::rejections_table(input.ledger);
    ReviewPage {
        company: input.settings.company.clone(),
        label: review.period.label.clone(),
        period_range: view::period_range(review),
        complete: review.period.complete,
        as_of: review.as_of.format("%-d %b %Y %H:%M").to_string(),
        root: root.to_string(),
        balance: view::balance_view(review),
        headlines: view::headlines(review),
        year_ago_note: view::year_ago_note(review),
        findings: findings::views(review, input.settings),
        notes_html: input
            .notes
            .get(&review.period.label)
            .map(|md| notes::markdown_to_safe_html(md)),
        balance_section: section(
            sections::balance(review, input.settings),
            sections::balance_tables(review)
                .into_iter()
                .filter(|g| g.on_page())
                .collect(),
            root,
        )
        .for_section(Section::Balance, review, root),
        funnel: section(
            sections::funnel(review, input.settings),
            sections::funnel_tables(review),
            root,
        )
        .for_section(Section::Funnel, review, root)
        .with_note(sections::funnel_basis(review)),
        speed: section(
            sections::speed(review, input.settings),
            sections::follow_up_tables(review),
            root,
        )
        .for_section(Section::FollowUp, review, root),
        team: section(
            sections::alignment(review, input.settings),
            sections::team_tables(review),
            root,
        )
        .for_section(Section::Team, review, root),
        spend: section(
            sections::spend(review, input.settings),
            sections::spend_tables(review),
            root,
        )
        .for_section(Section::Spend, review, root),
        hours: section(
            sections::hours(review, input.settings),
            sections::hours_tables(review),
            root,
        )
        .for_section(Section::Hours, review, root),
        revenue: section(
            sections::revenue(review, input.settings),
            sections::pipeline_tables(review),
            root,
        )
        .for_section(Section::Pipeline, review, root),
        plan: SectionView {
            sentence: sections::projection_sentence(review),
            ..section(
                sections::plan(review, input.settings),
                sections::plan_tables(review),
                root,
            )
            .for_section(Section::Plan, review, root)
        },
        plan_period: review.plan.period.clone(),
        comparison: sections::comparison_tables(review)
            .first()
            .map(|g| g.view(root))
            .expect("one comparison table"),
        charts: ReviewCharts {
            balance: chart(
                "balance.svg",
                format!(
                    "Balance scale for {}: {}",
                    review.period.label,
                    view::balance_view(review).sentence
                ),
                None,
            ),
            flow: chart(
                "weekly-flow.svg",
                format!(
                    "Weekly {} against leads first touched in {}",
                    reasons::supply_words(review.method.ready_for_sales),
                    review.period.label
                ),
                Some("weekly-flow.csv"),
            ),
            spend: chart(
                "spend-revenue.svg",
                "Ad spend against won revenue by period".into(),
                Some("spend-revenue.csv"),
            ),
        },
        files: data_view::files_table(input.ledger, crate::metrics::words::count),
        rejection_count: format::count(rejections.rows.len() as u64),
        duplicates_note: data_view::duplicates_note(input.ledger),
        rejections,
        unavailable: view::unavailable(review),
        nav: input
            .reviews
            .iter()
            .rev()
            .map(|r| NavLink {
                label: r.period.label.clone(),
                href: format!("../{}/index.html", r.period.slug),
                current: &r.period.slug == slug && root.is_empty(),
            })
            .collect(),
        method_html: method_html.to_string(),
        publication: input
            .publications
            .get(&review.period.label)
            .map(|p| publication::view(p, review, root)),
        one_file: false,
        inline_css: None,
        one_file_href: format!("{root}{}", one_file::file_name(&review.period.label)),
        brief_href: format!("{root}brief.html"),
        fallbacks: reasons::fallback_views(&review.method),
        deal_notes: data_view::deal_notes(&review.deal_checks),
        file_notes: data_view::file_notes(input.ledger),
    }
}

fn section(
    figures: Vec<sections::FigureView>,
    tables: Vec<sections::Grid>,
    root: &str,
) -> SectionView {
    SectionView {
        figures,
        tables: tables
            .iter()
            .filter(|t| !t.is_empty())
            .map(|t| t.view(root))
            .collect(),
        charts: Vec::new(),
        missing: None,
        note: None,
        sentence: None,
    }
}

impl SectionView {
    fn with_note(mut self, note: String) -> SectionView {
        self.note = Some(note);
        self
    }

    /// Adds the section's charts the review has data for, and what to
    /// export when its data is missing.
    fn for_section(mut self, name: Section, review: &Review, root: &str) -> SectionView {
        self.charts = chart_data::section_charts(review)
            .filter(|c| c.section == name)
            .map(|c| ChartView {
                src: format!("{root}{}", c.file),
                alt: c.alt(review),
                csv: Some(format!("{root}{}", c.csv)),
                screen_only: c.screen_only,
                note: c.note(review),
            })
            .collect();
        self.missing = view::missing_data(name, review);
        self
    }
}

/// A review's own files: metrics.json, charts and their CSV tables.
fn review_files(input: &RenderInput, index: usize, files: &mut SiteFiles) {
    let review = &input.reviews[index];
    let dir = &review.period.slug;
    files.insert(format!("{dir}/metrics.json"), json(review));
    for grid in sections::all_tables(review) {
        files.insert(format!("{dir}/{}", grid.file), grid.csv().to_csv());
    }
    let flow = chart_data::flow(review);
    files.insert(
        format!("{dir}/weekly-flow.svg"),
        charts::weekly_flow(&flow).into_bytes(),
    );
    files.insert(
        format!("{dir}/weekly-flow.csv"),
        chart_data::flow_table(review).to_csv(),
    );
    let spend = chart_data::spend(&input.reviews[..=index], &review.currency);
    files.insert(
        format!("{dir}/spend-revenue.svg"),
        charts::spend_vs_revenue(&spend).into_bytes(),
    );
    files.insert(
        format!("{dir}/spend-revenue.csv"),
        chart_data::spend_table(&input.reviews[..=index]).to_csv(),
    );
    for chart in chart_data::section_charts(review) {
        files.insert(
            format!("{dir}/{}", chart.file),
            chart.draw(review, input.settings).into_bytes(),
        );
    }
    files.insert(
        format!("{dir}/balance.svg"),
        charts::balance_scale(&chart_data::balance(review)).into_bytes(),
    );
    files.insert(
        format!("{dir}/data-files.csv"),
        data_view::files_table(input.ledger, |n| n.to_string()).to_csv_verbatim(),
    );
    files.insert(
        format!("{dir}/rejections.csv"),
        data_view::rejections_table(input.ledger).to_csv_verbatim(),
    );
    if let Some(p) = input.publications.get(&review.period.label) {
        files.insert(
            format!("{dir}/{}", publication::RECORD_FILE),
            p.record.clone(),
        );
    }
}

fn index_files(
    input: &RenderInput,
    tera: &tera::Tera,
    files: &mut SiteFiles,
) -> Result<(), TemplateError> {
    let currency = &input.settings.currency;
    let tilt = charts::TiltHistoryChart {
        title: "Balance tilt by review".into(),
        points: input
            .reviews
            .iter()
            .map(|r| charts::TiltPoint {
                label: r.period.label.clone(),
                tilt: r.balance.tilt,
                verdict: r.balance.verdict,
            })
            .collect(),
    };
    files.insert(
        "tilt-history.svg".into(),
        charts::tilt_history(&tilt).into_bytes(),
    );
    files.insert(
        "spend-revenue.svg".into(),
        charts::spend_vs_revenue(&chart_data::spend(input.reviews, currency)).into_bytes(),
    );
    files.insert(
        "spend-revenue.csv".into(),
        chart_data::spend_table(input.reviews).to_csv(),
    );
    files.insert(
        "reviews.json".into(),
        json(&reviews_json(input.reviews, input.publications)),
    );
    let page = IndexPage {
        company: input.settings.company.clone(),
        as_of: input
            .reviews
            .last()
            .map(|r| r.as_of.format("%-d %b %Y").to_string())
            .unwrap_or_default(),
        reviews: input
            .reviews
            .iter()
            .rev()
            .map(|r| summary(r, input.publications.get(&r.period.label)))
            .collect(),
        tilt_chart: ChartView {
            src: "tilt-history.svg".into(),
            alt: "Balance tilt of every review; above zero marketing-heavy, below zero sales-heavy"
                .into(),
            csv: None,
            screen_only: false,
            note: None,
        },
        spend_chart: ChartView {
            src: "spend-revenue.svg".into(),
            alt: "Ad spend against won revenue by period".into(),
            csv: Some("spend-revenue.csv".into()),
            screen_only: false,
            note: None,
        },
    };
    files.insert(
        "index.html".into(),
        templates::render(tera, "index.html", &page)?,
    );
    Ok(())
}

fn summary(review: &Review, publication: Option<&crate::publish::Publication>) -> ReviewSummary {
    let balance = view::balance_view(review);
    let headlines = view::headlines(review);
    ReviewSummary {
        label: review.period.label.clone(),
        href: format!("{}/index.html", review.period.slug),
        tilt: balance.tilt,
        verdict: balance.verdict,
        class: balance.class,
        complete: review.period.complete,
        headlines: [0, 5]
            .iter()
            .map(|&i| {
                let h = &headlines[i];
                match h.change.as_str() {
                    // The first review: nothing to compare with.
                    "" => format!("{}: {}", h.label, h.value),
                    change => format!("{}: {} ({change})", h.label, h.value),
                }
            })
            .collect(),
        published: publication.map(publication::published_on),
        restated: publication.is_some_and(|p| p.is_restated()),
    }
}

/// One entry of reviews.json.
#[derive(Serialize)]
struct ReviewEntry<'a> {
    label: &'a str,
    folder: &'a str,
    tilt: Option<f64>,
    verdict: Option<crate::metrics::Verdict>,
    complete: bool,
    /// The day it was published (`2026-10-05`), if it was.
    published: Option<String>,
    /// Whether its figures changed since publication.
    restated: bool,
}

fn reviews_json<'a>(
    reviews: &'a [Review],
    publications: &BTreeMap<String, crate::publish::Publication>,
) -> Vec<ReviewEntry<'a>> {
    reviews
        .iter()
        .rev()
        .map(|r| (r, publications.get(&r.period.label)))
        .map(|(r, p)| ReviewEntry {
            label: &r.period.label,
            folder: &r.period.slug,
            tilt: r.balance.tilt,
            verdict: r.balance.verdict,
            complete: r.period.complete,
            published: p.map(|p| p.published_at.format("%Y-%m-%d").to_string()),
            restated: p.is_some_and(|p| p.is_restated()),
        })
        .collect()
}

fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
