//! Charts stage (data structs in, SVG string out, no file I/O): tests of the
//! public chart functions on typical, empty and hostile input.

use super::*;
use crate::metrics::Verdict;

const HOSTILE: &str = "<script>alert(1)</script> & \"x\" 'y'";

fn flow(title: &str, weeks: usize) -> WeeklyFlowChart {
    WeeklyFlowChart {
        title: title.to_owned(),
        weeks: (0..weeks)
            .map(|i| WeekFlow {
                label: format!("{} Jul", 6 + 7 * i),
                supply: 20 + 4 * i as u64,
                absorption: 36 + (i as u64 % 3),
                queue: 10 * i as u64,
            })
            .collect(),
        supply_is_leads: false,
    }
}

fn money(title: &str, periods: &[(f64, f64)]) -> SpendRevenueChart {
    SpendRevenueChart {
        title: title.to_owned(),
        currency: "USD".to_owned(),
        periods: periods
            .iter()
            .enumerate()
            .map(|(i, (spend, won))| PeriodMoney {
                label: format!("2026-Q{}", i + 1),
                spend: *spend,
                won: *won,
            })
            .collect(),
    }
}

fn tilts(title: &str, values: &[Option<f64>]) -> TiltHistoryChart {
    TiltHistoryChart {
        title: title.to_owned(),
        points: values
            .iter()
            .enumerate()
            .map(|(i, tilt)| TiltPoint {
                label: format!("2026-Q{}", i + 1),
                tilt: *tilt,
                verdict: tilt.map(Verdict::of),
            })
            .collect(),
    }
}

fn scale(title: &str, tilt: Option<f64>) -> BalanceScaleChart {
    BalanceScaleChart {
        title: title.to_owned(),
        tilt,
        verdict: tilt.map(Verdict::of),
        supply_per_week: Some(61.2),
        capacity_per_week: Some(38.5),
        bound: false,
    }
}

fn stages(title: &str, counts: &[u64]) -> FunnelChart {
    let labels = ["New leads", "MQLs", "SQLs", "Opportunities", "Won"];
    FunnelChart {
        title: title.to_owned(),
        stages: labels
            .iter()
            .zip(counts)
            .map(|(label, count)| FunnelStage {
                label: (*label).to_owned(),
                count: *count,
            })
            .collect(),
        shares_of_first: false,
    }
}

fn speed(title: &str, leads: &[u64]) -> SpeedChart {
    let labels = ["0-1 h", "1-24 h", "1-7 days", "> 7 days", "never"];
    SpeedChart {
        title: title.to_owned(),
        bands: labels
            .iter()
            .zip(leads)
            .enumerate()
            .map(|(index, (label, leads))| SpeedBand {
                label: (*label).to_owned(),
                leads: *leads,
                within_sla: index < 2,
            })
            .collect(),
        sla_label: "SLA 24 h".to_owned(),
    }
}

fn channels(title: &str, spend: &[(f64, Option<f64>)]) -> ChannelSpendChart {
    let labels = ["Google Ads", "Meta Ads", "LinkedIn Ads"];
    ChannelSpendChart {
        title: title.to_owned(),
        currency: "USD".to_owned(),
        channels: labels
            .iter()
            .zip(spend)
            .map(|(label, (spend, cost_per_lead))| ChannelSpend {
                label: (*label).to_owned(),
                spend: *spend,
                cost_per_lead: *cost_per_lead,
            })
            .collect(),
    }
}

const SIDES: [(Side, &str); 4] = [
    (Side::Marketing, "Marketing"),
    (Side::Sales, "Sales"),
    (Side::Partner, "Partner"),
    (Side::Unknown, "Unknown"),
];

fn revenue(title: &str, money: &[(f64, f64)]) -> FunctionRevenueChart {
    FunctionRevenueChart {
        title: title.to_owned(),
        currency: "USD".to_owned(),
        functions: SIDES
            .iter()
            .zip(money)
            .map(|((side, label), (pipeline, won))| FunctionMoney {
                side: *side,
                label: (*label).to_owned(),
                pipeline: *pipeline,
                won: *won,
            })
            .collect(),
    }
}

fn hours(title: &str, logged: &[f64]) -> HoursChart {
    HoursChart {
        title: title.to_owned(),
        functions: SIDES
            .iter()
            .zip(logged)
            .map(|((side, label), hours)| FunctionHours {
                side: *side,
                label: (*label).to_owned(),
                hours: *hours,
            })
            .collect(),
    }
}

fn capacity(title: &str, reps: &[&str], weeks: usize) -> CapacityChart {
    CapacityChart {
        title: title.to_owned(),
        weeks: (0..weeks).map(|i| format!("{} Jul", 6 + 7 * i)).collect(),
        reps: reps
            .iter()
            .enumerate()
            .map(|(r, rep)| RepRow {
                rep: (*rep).to_owned(),
                cells: (0..weeks)
                    .map(|w| RepWeekCell {
                        first_touches: (3 * r + w) as u64 % 7,
                        // Rep r's loaded weeks: every third from week r.
                        loaded: w >= r && (w - r) % 3 == 0,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn typical() -> Vec<(&'static str, String)> {
    vec![
        ("weekly-flow", weekly_flow(&flow("Lead flow", 13))),
        (
            "spend-vs-revenue",
            spend_vs_revenue(&money("Money", &[(40e3, 180e3), (60e3, 210e3)])),
        ),
        (
            "tilt-history",
            tilt_history(&tilts("Tilt", &[Some(-0.6), None, Some(0.66)])),
        ),
        ("balance-scale", balance_scale(&scale("Scale", Some(0.66)))),
        (
            "funnel",
            funnel(&stages("Funnel", &[1136, 710, 91, 65, 29])),
        ),
        (
            "speed-to-lead",
            speed_bands(&speed("Speed", &[40, 60, 50, 300, 250])),
        ),
        (
            "channel-spend",
            channel_spend(&channels(
                "Channels",
                &[(70e3, Some(95.0)), (44e3, Some(120.0)), (0.0, None)],
            )),
        ),
        (
            "revenue-by-function",
            revenue_by_function(&revenue(
                "Revenue",
                &[(800e3, 300e3), (150e3, 120e3), (90e3, 80e3)],
            )),
        ),
        (
            "hours-by-function",
            hours_by_function(&hours("Hours", &[310.0, 420.0, 40.0])),
        ),
        (
            "capacity-evidence",
            capacity_evidence(&capacity("Capacity", &["Ana", "Ben"], 13)),
        ),
    ]
}

fn empty() -> Vec<(&'static str, String)> {
    vec![
        ("weekly-flow", weekly_flow(&flow("Lead flow", 0))),
        ("spend-vs-revenue", spend_vs_revenue(&money("Money", &[]))),
        ("tilt-history", tilt_history(&tilts("Tilt", &[]))),
        ("funnel", funnel(&stages("Funnel", &[]))),
        ("speed-to-lead", speed_bands(&speed("Speed", &[]))),
        ("channel-spend", channel_spend(&channels("Channels", &[]))),
        (
            "revenue-by-function",
            revenue_by_function(&revenue("Revenue", &[])),
        ),
        ("hours-by-function", hours_by_function(&hours("Hours", &[]))),
        (
            "capacity-evidence",
            capacity_evidence(&capacity("Capacity", &["Ana"], 0)),
        ),
    ]
}

fn assert_accessible(id: &str, svg: &str) {
    assert!(svg.starts_with("<svg"), "{id}");
    let root = &svg[..svg.find('>').unwrap_or(0)];
    assert!(root.contains(" viewBox=\"0 0 "), "{id}: {root}");
    assert!(root.contains(" width=\"720\""), "{id}: {root}");
    assert!(root.contains(" role=\"img\""), "{id}");
    assert!(
        root.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")),
        "{id}"
    );
    let after_root = &svg[root.len() + 1..];
    assert!(
        after_root.starts_with(&format!("\n<title id=\"{id}-title\">")),
        "{id}"
    );
    assert!(svg.contains(&format!("<desc id=\"{id}-desc\">")), "{id}");
    assert!(svg.trim_end().ends_with("</svg>"), "{id}");
    assert!(!svg.contains("NaN"), "{id}");
}

#[test]
fn typical_charts_are_accessible_documents() {
    for (id, svg) in typical() {
        assert_accessible(id, &svg);
        assert!(!svg.contains(svg::NO_DATA), "{id} should have data");
    }
}

#[test]
fn empty_charts_show_a_note() {
    for (id, svg) in empty() {
        assert_accessible(id, &svg);
        assert!(svg.contains(svg::NO_DATA), "{id}");
    }
}

#[test]
fn degenerate_input_does_not_panic() {
    let all_zero = WeeklyFlowChart {
        title: String::new(),
        weeks: vec![WeekFlow {
            label: String::new(),
            supply: 0,
            absorption: 0,
            queue: 0,
        }],
        supply_is_leads: false,
    };
    assert!(weekly_flow(&all_zero).contains(svg::NO_DATA));
    assert!(!weekly_flow(&flow("One", 1)).contains(svg::NO_DATA));
    let huge = WeeklyFlowChart {
        weeks: vec![WeekFlow {
            label: "x".to_owned(),
            supply: u64::MAX,
            absorption: 0,
            queue: u64::MAX,
        }],
        ..flow("Huge", 0)
    };
    assert_accessible("weekly-flow", &weekly_flow(&huge));
    let odd_money = money("Odd", &[(f64::NAN, f64::INFINITY), (-5.0, 0.0)]);
    assert!(spend_vs_revenue(&odd_money).contains(svg::NO_DATA));
    assert!(!spend_vs_revenue(&money("One", &[(1.0, 2.0)])).contains(svg::NO_DATA));
    let gaps = tilts("Gaps", &[None, Some(f64::NAN)]);
    assert!(tilt_history(&gaps).contains(svg::NO_DATA));
    let extreme = tilts("Extreme", &[Some(1e6), Some(-7.5)]);
    assert_accessible("tilt-history", &tilt_history(&extreme));
    let blank = BalanceScaleChart {
        title: String::new(),
        tilt: None,
        verdict: None,
        supply_per_week: None,
        capacity_per_week: Some(f64::NAN),
        bound: false,
    };
    let svg = balance_scale(&blank);
    assert_accessible("balance-scale", &svg);
    assert!(svg.contains("Balance not available"));
}

#[test]
fn degenerate_input_of_the_breakdown_charts_shows_a_note() {
    let nan = f64::NAN;
    let outputs = [
        ("funnel", funnel(&stages("Zero", &[0, 0, 0]))),
        (
            "speed-to-lead",
            speed_bands(&speed("Zero", &[0, 0, 0, 0, 0])),
        ),
        (
            "channel-spend",
            channel_spend(&channels(
                "Odd",
                &[(nan, Some(nan)), (-5.0, Some(-1.0)), (0.0, None)],
            )),
        ),
        (
            "revenue-by-function",
            revenue_by_function(&revenue("Odd", &[(nan, f64::NEG_INFINITY), (-1e6, 0.0)])),
        ),
        (
            "hours-by-function",
            hours_by_function(&hours("Odd", &[nan, -40.0, 0.0, f64::INFINITY])),
        ),
    ];
    for (id, svg) in outputs {
        assert_accessible(id, &svg);
        assert!(svg.contains(svg::NO_DATA), "{id}");
    }
}

#[test]
fn extreme_input_of_the_breakdown_charts_draws() {
    let outputs = [
        (
            "funnel",
            funnel(&stages("Max", &[u64::MAX, 0, u64::MAX, 1])),
        ),
        (
            "speed-to-lead",
            speed_bands(&speed("Max", &[u64::MAX, u64::MAX, 1])),
        ),
        (
            "channel-spend",
            channel_spend(&channels("Mixed", &[(f64::NAN, None), (1e15, Some(0.0))])),
        ),
        (
            "revenue-by-function",
            revenue_by_function(&revenue("Tiny", &[(0.01, f64::NAN)])),
        ),
        (
            "hours-by-function",
            hours_by_function(&hours("One", &[f64::NAN, 0.5])),
        ),
    ];
    for (id, svg) in outputs {
        assert_accessible(id, &svg);
        assert!(!svg.contains(svg::NO_DATA), "{id}");
    }
}

#[test]
fn many_rows_make_a_taller_chart() {
    let mut chart = stages("Long", &[]);
    chart.stages = (0..20)
        .map(|i| FunnelStage {
            label: format!("Stage {i}"),
            count: 100 - i,
        })
        .collect();
    let svg = funnel(&chart);
    assert_accessible("funnel", &svg);
    assert!(svg.starts_with("<svg width=\"720\" height=\"1104\" viewBox=\"0 0 720 1104\""));
    assert!(svg.contains("Stage 19"));
}

#[test]
fn many_periods_thin_the_axis() {
    let svg = weekly_flow(&flow("Long", 52));
    assert_accessible("weekly-flow", &svg);
    let shown = (0..52)
        .filter(|i| svg.contains(&format!(">\n{} Jul\n</text>", 6 + 7 * i)))
        .count();
    assert!((1..=style::MAX_X_LABELS).contains(&shown), "{shown}");
}

#[test]
fn rendering_is_deterministic() {
    assert_eq!(typical(), typical());
    assert_eq!(empty(), empty());
}

fn hostile_funnel() -> FunnelChart {
    let mut chart = stages(HOSTILE, &[10, 5]);
    chart.stages[0].label = HOSTILE.to_owned();
    chart
}

fn hostile_speed() -> SpeedChart {
    let mut chart = speed(HOSTILE, &[10, 5, 3]);
    chart.bands[2].label = HOSTILE.to_owned();
    chart.sla_label = HOSTILE.to_owned();
    chart
}

fn hostile_channels() -> ChannelSpendChart {
    let mut chart = channels(HOSTILE, &[(10.0, Some(1.0))]);
    chart.currency = HOSTILE.to_owned();
    chart.channels[0].label = HOSTILE.to_owned();
    chart
}

fn hostile_revenue() -> FunctionRevenueChart {
    let mut chart = revenue(HOSTILE, &[(10.0, 5.0)]);
    chart.currency = HOSTILE.to_owned();
    chart.functions[0].label = HOSTILE.to_owned();
    chart
}

fn hostile_hours() -> HoursChart {
    let mut chart = hours(HOSTILE, &[10.0]);
    chart.functions[0].label = HOSTILE.to_owned();
    chart
}

#[test]
fn hostile_text_is_escaped() {
    let mut chart = flow(HOSTILE, 3);
    chart.weeks[2].label = HOSTILE.to_owned();
    let mut spend = money(HOSTILE, &[(1.0, 2.0)]);
    spend.currency = HOSTILE.to_owned();
    spend.periods[0].label = HOSTILE.to_owned();
    let mut history = tilts(HOSTILE, &[Some(0.1)]);
    history.points[0].label = HOSTILE.to_owned();
    let outputs = [
        weekly_flow(&chart),
        weekly_flow(&flow(HOSTILE, 0)),
        spend_vs_revenue(&spend),
        tilt_history(&history),
        balance_scale(&scale(HOSTILE, Some(0.3))),
        funnel(&hostile_funnel()),
        speed_bands(&hostile_speed()),
        channel_spend(&hostile_channels()),
        revenue_by_function(&hostile_revenue()),
        hours_by_function(&hostile_hours()),
    ];
    for svg in outputs {
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("\"x\""), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
    }
}

#[test]
fn descriptions_summarise_the_data() {
    let svg = weekly_flow(&flow("Lead flow", 13));
    assert!(svg.contains(
        "13 weeks (6 Jul to 90 Jul): supply from 20 to 68 per week, \
         absorption from 36 to 38 per week; untouched queue at the end 120."
    ));
    let svg = spend_vs_revenue(&money("Money", &[(40e3, 180e3), (60e3, 210e3)]));
    assert!(svg.contains("2026-Q1 spend 40k, won 180k; 2026-Q2 spend 60k, won 210k"));
    assert!(svg.contains("Total spend 100k, total won 390k."));
    let svg = tilt_history(&tilts("Tilt", &[Some(-0.6), None]));
    assert!(svg.contains("2026-Q1 -0.60 (sales-heavy); 2026-Q2 not available."));
    let svg = balance_scale(&scale("Scale", Some(0.66)));
    assert!(svg.contains(
        "marketing supply 61.2 leads/week against sales capacity 38.5 leads/week; \
         tilt +0.66, marketing-heavy."
    ));
}

#[test]
fn breakdown_descriptions_summarise_the_data() {
    let svg = funnel(&stages("Funnel", &[1136, 710, 91, 65, 29]));
    assert!(svg.contains(
        "New leads 1,136; MQLs 710 (63%); SQLs 91 (13%); Opportunities 65 (71%); \
         Won 29 (45%). Overall 3% of New leads reached Won."
    ));
    let svg = speed_bands(&speed("Speed", &[40, 60, 50, 300, 250]));
    assert!(svg.contains("(SLA 24 h): 0-1 h 40 · 6% (within); 1-24 h 60 · 9% (within)"));
    assert!(svg.contains("100 of 700 leads (14%) were touched within the SLA."));
    assert!(svg.contains("↓ beyond SLA 24 h"));
    let chart = channels("Channels", &[(70e3, Some(95.0)), (0.0, None)]);
    let svg = channel_spend(&chart);
    assert!(svg.contains(
        "in USD: Google Ads $70k · $95 per lead; Meta Ads $0 · no leads. Total spend $70k."
    ));
    let svg = revenue_by_function(&revenue("Revenue", &[(800e3, 300e3), (150e3, 120e3)]));
    assert!(svg.contains(
        "Marketing pipeline 800k, won 300k; Sales pipeline 150k, won 120k. \
         Total pipeline 950k, total won 420k."
    ));
    let svg = hours_by_function(&hours("Hours", &[310.0, 420.0, 40.0]));
    assert!(
        svg.contains("Marketing 310 h · 40%; Sales 420 h · 55%; Partner 40 h · 5%. Total 770 h.")
    );
}

#[test]
fn sides_pick_the_palette() {
    assert_eq!(Side::Marketing.color(), style::MARKETING);
    assert_eq!(Side::Sales.color(), style::SALES);
    assert_eq!(Side::Partner.color(), style::PARTNER);
    assert_eq!(Side::Unknown.color(), style::NEUTRAL);
    let svg = hours_by_function(&hours("Hours", &[1.0, 2.0, 3.0, 4.0]));
    for hex in [
        style::MARKETING_HEX,
        style::SALES_HEX,
        style::PARTNER_HEX,
        style::NEUTRAL_HEX,
    ] {
        assert!(svg.to_lowercase().contains(hex), "{hex}");
    }
}

#[test]
fn palette_hex_matches_colours() {
    use plotters::style::RGBColor;
    let hex = |RGBColor(r, g, b): RGBColor| format!("#{r:02x}{g:02x}{b:02x}");
    assert_eq!(hex(style::MARKETING), style::MARKETING_HEX);
    assert_eq!(hex(style::SALES), style::SALES_HEX);
    assert_eq!(hex(style::PARTNER), style::PARTNER_HEX);
    assert_eq!(hex(style::NEUTRAL), style::NEUTRAL_HEX);
    assert_eq!(hex(style::INK), style::INK_HEX);
    assert_eq!(hex(style::GRID), style::GRID_HEX);
    assert_eq!(hex(style::WARNING), style::WARNING_HEX);
}

#[test]
fn the_capacity_grid_names_each_rep_and_marks_exactly_the_loaded_weeks() {
    let chart = capacity("Capacity", &["Ana Diaz", "Ben Ito", "Cy Park"], 13);
    let svg = capacity_evidence(&chart);
    for rep in ["Ana Diaz", "Ben Ito", "Cy Park"] {
        assert!(svg.contains(&format!("\n{rep}\n</text>")), "{rep}");
    }
    // Loaded weeks by hand: Ana weeks 0, 3, 6, 9, 12 (5); Ben 1, 4, 7, 10
    // (4); Cy 2, 5, 8, 11 (4).
    // One ink dot per loaded week, and one in the legend.
    assert_eq!(loaded_dots(&svg), 13 + 1, "{svg}");
    assert!(
        svg.contains("Ana Diaz 36 first touches, 5 loaded weeks"),
        "{svg}"
    );
    let none_loaded = CapacityChart {
        reps: chart
            .reps
            .iter()
            .map(|r| RepRow {
                cells: r
                    .cells
                    .iter()
                    .map(|c| RepWeekCell {
                        loaded: false,
                        ..*c
                    })
                    .collect(),
                ..r.clone()
            })
            .collect(),
        ..chart
    };
    let svg = capacity_evidence(&none_loaded);
    assert!(
        !svg.lines()
            .any(|l| l.starts_with("<polyline") && l.contains("stroke-width=\"3\""))
    );
}

/// The capacity chart's ink dots (legend and loaded weeks).
fn loaded_dots(svg: &str) -> usize {
    svg.lines()
        .filter(|l| {
            l.starts_with("<circle") && l.contains("r=\"3\"") && l.contains("fill=\"#1F2937\"")
        })
        .count()
}
