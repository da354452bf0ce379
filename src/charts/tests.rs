//! Charts stage (data structs in, SVG string out, no file I/O): tests of the
//! public chart functions on typical, empty and hostile input.

use super::*;

const HOSTILE: &str = "<script>alert(1)</script> & \"x\" 'y'";

fn flow(title: &str, weeks: usize) -> WeeklyFlowChart {
    WeeklyFlowChart {
        title: title.to_owned(),
        weeks: (0..weeks)
            .map(|i| WeekFlow {
                label: format!("{} Jul", 6 + 7 * i),
                supply: 20 + 4 * i as u64,
                absorption: 36 + (i as u64 % 3),
                backlog: 10 * i as u64,
            })
            .collect(),
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
            })
            .collect(),
    }
}

fn scale(title: &str, tilt: Option<f64>) -> BalanceScaleChart {
    BalanceScaleChart {
        title: title.to_owned(),
        tilt,
        supply_per_week: Some(61.2),
        capacity_per_week: Some(38.5),
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
    ]
}

fn empty() -> Vec<(&'static str, String)> {
    vec![
        ("weekly-flow", weekly_flow(&flow("Lead flow", 0))),
        ("spend-vs-revenue", spend_vs_revenue(&money("Money", &[]))),
        ("tilt-history", tilt_history(&tilts("Tilt", &[]))),
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
            backlog: 0,
        }],
    };
    assert!(weekly_flow(&all_zero).contains(svg::NO_DATA));
    assert!(!weekly_flow(&flow("One", 1)).contains(svg::NO_DATA));
    let huge = WeeklyFlowChart {
        weeks: vec![WeekFlow {
            label: "x".to_owned(),
            supply: u64::MAX,
            absorption: 0,
            backlog: u64::MAX,
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
        supply_per_week: None,
        capacity_per_week: Some(f64::NAN),
    };
    let svg = balance_scale(&blank);
    assert_accessible("balance-scale", &svg);
    assert!(svg.contains("Balance not available"));
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
         absorption from 36 to 38 per week; backlog at the end 120."
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
fn palette_hex_matches_colours() {
    use plotters::style::RGBColor;
    let hex = |RGBColor(r, g, b): RGBColor| format!("#{r:02x}{g:02x}{b:02x}");
    assert_eq!(hex(style::MARKETING), style::MARKETING_HEX);
    assert_eq!(hex(style::SALES), style::SALES_HEX);
    assert_eq!(hex(style::PARTNER), style::PARTNER_HEX);
    assert_eq!(hex(style::NEUTRAL), style::NEUTRAL_HEX);
    assert_eq!(hex(style::INK), style::INK_HEX);
    assert_eq!(hex(style::GRID), style::GRID_HEX);
}
