//! Issue 16, the views that prove it: the funnel chart on the headline's
//! basis, the MQL cohort curves and last review's plan against the
//! result, each checked against metrics.json through its CSV download.

use super::harness::{demo_site, json};
use std::collections::BTreeMap;

/// A CSV download of the demo as rows of cells, header first.
fn rows(relative: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(demo_site().join(relative))
        .unwrap_or_else(|e| panic!("{relative}: {e}"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// The value of the headline tile named `label` on a review page.
fn tile(page: &str, label: &str) -> String {
    let after = page
        .split(&format!("<span class=\"headline-label\">{label}</span>"))
        .nth(1)
        .unwrap_or_else(|| panic!("no {label} tile"));
    let value = after
        .split("<span class=\"headline-value\">")
        .nth(1)
        .expect("a tile value");
    value.split('<').next().expect("text").to_string()
}

#[test]
fn the_funnel_chart_s_mql_to_sql_is_the_headline_tile_s_figure() {
    for quarter in ["2026-q1", "2026-q2", "2026-q3", "2026-q4"] {
        let metrics = json(demo_site(), &format!("{quarter}/metrics.json"));
        let step = &metrics["conversion"]["mql_to_sql"];
        let funnel = rows(&format!("{quarter}/funnel.csv"));
        assert_eq!(funnel[0], ["Stage", "Leads", "Share of the MQLs"]);
        assert_eq!(funnel[1][0..2], ["MQLs", &step["cohort"].to_string()]);
        assert_eq!(
            funnel[2][0..2],
            ["Reached SQL", &step["reached"].to_string()]
        );
        let rate = step["rate"].as_f64().expect("a rate");
        let chart_share: f64 = funnel[2][2].parse().expect("a share");
        assert!(
            (chart_share - rate).abs() < 5e-5,
            "{quarter}: {chart_share} against {rate}"
        );
        // The page: the tile and the chart's note say the same percent.
        let page = std::fs::read_to_string(demo_site().join(quarter).join("index.html"))
            .expect("the review page");
        let shown = tile(&page, "MQL-to-SQL conversion");
        let svg = std::fs::read_to_string(demo_site().join(quarter).join("funnel.svg"))
            .expect("the funnel chart");
        assert!(
            svg.contains(&format!("↓ {shown} of MQLs")),
            "{quarter}: {shown}"
        );
    }
    // Hand-checked: of 2026-Q3's 710 MQLs, 53 reached SQL by the cut-off.
    let q3 = rows("2026-q3/funnel.csv");
    assert_eq!(q3[1], ["MQLs", "710", "1"]);
    assert_eq!(q3[2], ["Reached SQL", "53", "0.0746"]);
    let page = std::fs::read_to_string(demo_site().join("2026-q3/index.html")).expect("page");
    assert_eq!(tile(&page, "MQL-to-SQL conversion"), "7%");
}

/// Cohort curve rows of a review by (cohort, day): observed, SQL, won.
fn curves(quarter: &str) -> BTreeMap<(String, u32), [u64; 3]> {
    rows(&format!("{quarter}/cohort-curves.csv"))
        .into_iter()
        .skip(1)
        .map(|r| {
            let n = |i: usize| r[i].parse::<u64>().expect("a count");
            (
                (r[0].clone(), r[1].parse().expect("a day")),
                [n(2), n(3), n(5)],
            )
        })
        .collect()
}

#[test]
fn cohort_curves_follow_each_quarter_s_mqls_and_count_only_what_was_observed() {
    let q4 = curves("2026-q4");
    let cohorts: Vec<&str> = q4.keys().map(|(c, _)| c.as_str()).collect();
    for quarter in ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"] {
        assert!(cohorts.contains(&quarter), "{quarter} has no curve");
    }
    // 2026-Q1's 204 MQLs were all observed past day 120 by the cut-off
    // (31 Dec): every day counts all of them, and by day 120 they had
    // made every SQL (68) and win (5) the cohort made by the cut-off.
    let q1 = json(demo_site(), "2026-q1/metrics.json");
    assert_eq!(q1["conversion"]["mql_to_sql"]["reached"], 68);
    assert_eq!(q1["conversion"]["mql_to_won"]["reached"], 5);
    assert_eq!(q4[&("2026-Q1".into(), 0)], [204, 0, 0]);
    assert_eq!(q4[&("2026-Q1".into(), 120)], [204, 68, 5]);
    // 2026-Q4's 450 MQLs are all observed at day 0; at day 60 only those
    // of October and early November, at day 100 none.
    let q4_metrics = json(demo_site(), "2026-q4/metrics.json");
    assert_eq!(q4_metrics["conversion"]["mql_to_sql"]["cohort"], 450);
    assert_eq!(q4[&("2026-Q4".into(), 0)][0], 450);
    let day_60 = q4[&("2026-Q4".into(), 60)][0];
    assert!(day_60 > 0 && day_60 < 450, "{day_60}");
    assert!(!q4.contains_key(&("2026-Q4".into(), 100)));
    // The chart's 2026-Q4 line ends at day 50, the last day at least half
    // of its 450 MQLs were observed (228; 166 at day 60): 3 won of 228.
    assert_eq!(q4[&("2026-Q4".into(), 50)], [228, 52, 3]);
    assert_eq!(q4[&("2026-Q4".into(), 60)][0], 166);
    let svg =
        std::fs::read_to_string(demo_site().join("2026-q4/cohort-curves.svg")).expect("chart");
    assert!(
        svg.contains("2026-Q3 1.6% by day 120; 2026-Q4 1.4% by day 50."),
        "{svg}"
    );
    // The first review has no period before it with MQLs: its own curve
    // only, the same numbers as in the Q4 review (one cut-off for all).
    let q1_curves = curves("2026-q1");
    assert!(q1_curves.keys().all(|(c, _)| c == "2026-Q1"));
    assert_eq!(q1_curves[&("2026-Q1".into(), 120)], [204, 68, 5]);
    // Counts never fall as the days pass for a cohort observed throughout.
    let q1_won: Vec<u64> = (0..=12)
        .map(|d| q4[&("2026-Q1".into(), d * 10)][2])
        .collect();
    assert!(q1_won.windows(2).all(|w| w[0] <= w[1]), "{q1_won:?}");
}

#[test]
fn last_review_s_plan_is_set_against_the_result() {
    let metrics = json(demo_site(), "2026-q3/metrics.json");
    let check = &metrics["plan"]["check"];
    assert_eq!(check["planned_in"], "2026-Q2");
    let table = rows("2026-q3/plan-check.csv");
    assert_eq!(table[0], ["Measure", "Planned", "Result", "Result ÷ plan"]);
    // Hand-checked against metrics.json: 33.02 MQLs a week planned (the
    // 2026-Q2 review's plan), 54.02 delivered; 4 reps planned, 4 active;
    // $450,000 target, $504,802 won.
    assert_eq!(table[1], ["MQLs a week", "33.0217", "54.0217", "1.6359"]);
    assert_eq!(table[2], ["Reps", "4", "4", "1"]);
    assert_eq!(table[3], ["Won revenue", "450000", "504802", "1.1218"]);
    assert_eq!(check["planned_reps"], 4);
    assert_eq!(check["active_reps"], 4);
    assert_eq!(check["won_amount"], 504802.0);
    let svg = std::fs::read_to_string(demo_site().join("2026-q3/plan-check.svg")).expect("chart");
    assert!(svg.contains("MQLs a week: 33.0 planned, 54.0 actual (164% of plan)"));
    // The first review has no earlier plan: no chart, and the page says
    // nothing of one.
    assert!(!demo_site().join("2026-q1/plan-check.svg").exists());
}
