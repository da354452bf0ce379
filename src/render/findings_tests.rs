//! The findings' words, checked by hand for one finding of each kind of
//! wording (a tilt with its advice, a channel pair, a target), and the
//! rule that leaves out repeated advice.

use super::findings::{views, word};
use crate::config::Settings;
use crate::metrics::findings::{CostUnit, Facts, Finding, Section};
use crate::metrics::{Figure, Review, Verdict};

fn finding(section: Section, severity: f64, facts: Facts) -> Finding {
    Finding {
        facts,
        section,
        severity,
        words: None,
    }
}

fn worded(findings: Vec<Finding>) -> Review {
    let mut review = Review::default();
    review.period.label = "2026-Q3".into();
    review.currency = "USD".into();
    review.findings = findings;
    let mut reviews = [review];
    word(&mut reviews, &Settings::default());
    let [review] = reviews;
    review
}

fn tilt(supply: f64) -> Finding {
    finding(
        Section::Balance,
        1.0,
        Facts::Tilt {
            verdict: Verdict::MarketingHeavy,
            tilt: 1.0,
            supply,
            capacity: 20.0,
            dropped: 3,
            bound: false,
            more_reps: Some((4, 5.0)),
        },
    )
}

#[test]
fn a_marketing_heavy_tilt_says_how_many_reps_close_the_gap() {
    let review = worded(vec![tilt(40.0)]);
    let words = review.findings[0].words.as_ref().unwrap();
    assert_eq!(
        words.sentence,
        "Marketing delivered 2.0× the MQLs sales can follow up: 40.0 new MQLs a week \
         against capacity for 20.0; 3 leads waited more than 7 days."
    );
    assert_eq!(
        words.recommendation.as_deref(),
        Some(
            "Rebalance toward sales: 4 more reps at the 5.0 first touches a week a rep has \
             shown, or 20.0 fewer MQLs a week, would close the gap."
        )
    );
    let views = views(&review, &Settings::default());
    assert_eq!(
        (views[0].anchor.as_str(), views[0].section.as_str()),
        ("balance", "Balance")
    );
}

#[test]
fn a_channel_pair_names_both_channels_and_the_unit() {
    let facts = Facts::ChannelCost {
        unit: CostUnit::Lead,
        dear: ("meta_ads", 40.0),
        cheap: ("google_ads", 10.0),
    };
    let review = worded(vec![finding(Section::Spend, 2.0, facts)]);
    let words = review.findings[0].words.as_ref().unwrap();
    assert_eq!(
        words.sentence,
        "Meta Ads cost $40.00 per lead against $10.00 for Google Ads."
    );
    assert_eq!(
        words.recommendation.as_deref(),
        Some("Move budget from Meta Ads toward Google Ads, where a lead costs 4.0× less.")
    );
}

#[test]
fn a_missed_target_states_value_and_target() {
    let facts = Facts::Target {
        figure: Figure::WinRate,
        value: 0.1,
        target: 0.4,
    };
    let review = worded(vec![finding(Section::Pipeline, 2.0, facts)]);
    let words = review.findings[0].words.as_ref().unwrap();
    assert_eq!(
        words.sentence,
        "The win rate was 10% against a target of 40%."
    );
    assert_eq!(words.recommendation, None);
}

#[test]
fn repeated_advice_is_given_once() {
    let review = worded(vec![tilt(40.0), tilt(40.0), tilt(60.0)]);
    let advice: Vec<bool> = review
        .findings
        .iter()
        .map(|f| f.words.as_ref().unwrap().recommendation.is_some())
        .collect();
    assert_eq!(advice, [true, false, true]);
}

#[test]
fn metrics_json_keeps_its_finding_keys_in_order() {
    let review = worded(vec![tilt(40.0)]);
    let json = serde_json::to_string(&review.findings[0]).unwrap();
    let keys = [
        "\"rule\":\"tilt\"",
        "\"anchor\":\"balance\"",
        "\"size\":1.0",
        "\"sentence\"",
        "\"recommendation\"",
    ];
    let at: Vec<usize> = keys.iter().map(|k| json.find(k).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
}

#[test]
fn a_finding_not_yet_worded_is_still_shown() {
    let review = Review {
        findings: vec![tilt(40.0)],
        ..Review::default()
    };
    let views = views(&review, &Settings::default());
    assert!(views[0].sentence.starts_with("Marketing delivered 2.0×"));
}

fn sentence(facts: Facts) -> String {
    let review = worded(vec![finding(Section::Spend, 1.0, facts)]);
    let words = review.findings[0].words.clone().unwrap();
    words.sentence
}

#[test]
fn a_tilt_under_a_lower_bound_says_at_least() {
    let facts = Facts::Tilt {
        verdict: Verdict::SalesHeavy,
        tilt: -1.0,
        supply: 10.0,
        capacity: 20.0,
        dropped: 0,
        bound: true,
        more_reps: None,
    };
    assert_eq!(
        sentence(facts),
        "Sales could handle at least 2.0× the MQLs marketing delivered; the reps were never \
         fully loaded: 10.0 new MQLs a week against capacity for at least 20.0."
    );
}

#[test]
fn hours_say_whose_hours_they_are() {
    let facts = Facts::Hours {
        verdict: Verdict::MarketingHeavy,
        long_share: 0.8,
        short_share: 0.2,
        total_hours: 100.0,
        people: 2,
    };
    assert_eq!(
        sentence(facts),
        "The 2 people in the time logs spent 80% of their 100 hours on marketing and 20% on \
         sales, while leads outran follow-up."
    );
}

#[test]
fn the_cro_findings_name_their_figures() {
    assert_eq!(
        sentence(Facts::Cac {
            cac: 4_000.0,
            deal: 1_000.0
        }),
        "Each new customer cost $4,000 to win (CAC, marketing and sales spend over deals won), \
         more than the $1,000 an average won deal brought."
    );
    assert_eq!(
        sentence(Facts::Roas {
            roas: 0.5,
            paid_won: 5_000.0,
            ad_spend: 10_000.0
        }),
        "Ads returned 0.5× their cost in won revenue (ROAS): $5,000 won from paid sources \
         against $10,000 of ad spend."
    );
    assert_eq!(
        sentence(Facts::SmallBudget {
            function: "partners",
            spend_share: 0.05,
            won_share: 0.2,
            times: 4.0
        }),
        "The partners line took 5% of spend and brought 20% of won revenue: 4.0× its share."
    );
    assert_eq!(
        sentence(Facts::Sla {
            within: 0.6,
            target: 0.9
        }),
        "40% of the leads ready for sales were not touched within the 24 h SLA, against a \
         target of at most 10%."
    );
}
