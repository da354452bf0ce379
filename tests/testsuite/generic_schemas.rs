//! Equinox's own schemas (leads, touches, deals, spend, budget, hours) in
//! one folder, every figure computed by hand.

use super::harness::{assert_close, build, fixture, json};
use equinox::config::Settings;
use equinox::model::{Function, Money};
use serde_json::json;

#[test]
fn every_generic_schema_is_read() {
    let (_guard, site) = build(&fixture("generic"));
    let m = json(&site, "2026-q3/metrics.json");
    // as_of = "2026-09-30" in equinox.toml: the end of that day.
    assert_eq!(m["as_of"], "2026-09-30T23:59:59");
    assert_eq!(m["period"]["complete"], true);

    // Leads L-1..L-4 created in Q3 (L-5 rejected: month 13); MQLs L-1, L-2,
    // L-4; SQL and opportunity L-1. D-1 won 08-20, D-2 lost 09-15.
    assert_eq!(
        m["funnel"],
        json!({"leads": 4, "mqls": 3, "sqls": 1, "opportunities": 1, "won": 1, "lost": 1})
    );
    // Won 12000; created: 12000 + 4000 EUR * 1.2 + 2500.50 = 19300.50.
    assert_close(&m["revenue"]["won_amount"], 12000.0);
    assert_close(&m["revenue"]["pipeline_created"], 19300.5);
    assert_close(&m["revenue"]["win_rate"], 0.5);

    // Spend: google 150.25, meta 80 EUR * 1.2 = 96.00, "LinkedIn Ads"
    // 200.00, microsoft 40.15 (no currency: base); tiktok rejected.
    let s = &m["spend"];
    assert_close(&s["by_channel"]["google_ads"], 150.25);
    assert_close(&s["by_channel"]["meta_ads"], 96.0);
    assert_close(&s["by_channel"]["linkedin_ads"], 200.0);
    assert_close(&s["by_channel"]["microsoft_ads"], 40.15);
    assert_close(&s["total"], 486.4);
    // 486.40 / 4 leads.
    assert_close(&m["efficiency"]["cost_per_lead"], 121.6);

    // Ready: L-1 MQL 07-01 10:00, touched (call) 12:00: 2 h. L-2 MQL 07-15
    // 12:00, email 07-16 12:00: 24 h. L-3 (partner, no MQL) created 08-02
    // 08:00, first_touch_at 09:00: 1 h. L-4 MQL 09-11 09:00, its only touch
    // ("sms") rejected: untouched, dropped after 7 days.
    // Sorted 1, 2, 24: median 2; p90 at 1.8: 2 + 0.8 * 22 = 19.6.
    let speed = &m["speed_to_lead"];
    assert_close(&speed["median_hours_touched"], 2.0);
    // With L-4 still waiting (weeks): the four's median (2 + 24) / 2,
    // and the p90 falls on L-4's wait so far.
    assert_close(&speed["median_hours"], 13.0);
    assert_eq!(speed["p90_at_least"], true);
    assert_close(&speed["within_sla"], 0.75);
    assert_eq!(speed["dropped"], 1);
    assert_eq!(speed["waiting"], 0);
    // Capacity 2 per rep-week (the setting); two reps first touched leads
    // handed to them in Q3: Rita Reps (L-1, L-2) and Sam Sales (L-3, a
    // partner's lead); supply 3 MQLs / (92 / 7) weeks.
    let supply = 3.0 / (92.0 / 7.0);
    assert_close(&m["balance"]["supply_per_week"], supply);
    assert_eq!(m["balance"]["capacity_basis"], "setting");
    assert_close(&m["balance"]["capacity_per_week"], 4.0);
    assert_close(&m["balance"]["tilt"], (supply / 4.0f64).log2());

    // Each file one header and one deliberately bad row.
    assert_eq!(
        m["data_quality"],
        json!({"files": 6, "rows_read": 26, "rows_used": 20, "rows_rejected": 6, "lines_skipped": 6, "duplicates_merged": 0})
    );
    let rejections = std::fs::read_to_string(site.join("2026-q3/rejections.csv")).unwrap();
    let lines: Vec<&str> = rejections.lines().collect();
    assert_eq!(
        lines[1..],
        [
            "equinox/budget.csv,5,function,finance,\"one of marketing, sales, partner, unknown\"",
            "equinox/deals.csv,5,outcome,pending,\"open, won or lost\"",
            "equinox/hours.csv,5,hours,eight,a duration such as 1:30:00 or 27:45:00 (hours:minutes:seconds) or 1.5 (hours)",
            "equinox/leads.csv,6,created_at,2026-13-01 10:00,\"a date such as 2026-07-14, 2026-07-14 09:30, 7/14/2026 9:30 AM or 14.07.2026\"",
            "equinox/spend.csv,6,channel,tiktok_ads,\"one of google_ads, meta_ads, linkedin_ads, microsoft_ads\"",
            "equinox/touches.csv,5,kind,sms,\"call, email, meeting or task\"",
        ]
    );
    let files = std::fs::read_to_string(site.join("2026-q3/data-files.csv")).unwrap();
    for profile in ["budget", "deals", "hours", "leads", "spend", "touches"] {
        let name = format!("equinox/{profile}.csv,Equinox {profile},");
        assert!(files.contains(&name), "{name} in {files}");
    }
}

#[test]
fn generic_budget_hours_and_touches_reach_the_records() {
    let input = fixture("generic");
    let settings = Settings::load(&input).expect("settings");
    let (records, _) = equinox::ingest::read_inputs(&input, &settings);
    // Budget: 5000 + 30000 + 1200 EUR * 1.2 = 1440; "finance" rejected.
    let budget: Vec<(Function, &str, Money)> = records
        .budget
        .iter()
        .map(|b| (b.function, b.category.as_str(), b.amount))
        .collect();
    assert_eq!(
        budget,
        [
            (Function::Marketing, "programs", Money::from_cents(500_000)),
            (Function::Sales, "salaries", Money::from_cents(3_000_000)),
            (Function::Marketing, "tools", Money::from_cents(144_000)),
        ]
    );
    // Hours: 6.5 decimal, 7:30:00 clock, 2 whole.
    let hours: Vec<(Function, f64)> = records
        .hours
        .iter()
        .map(|h| (h.function, h.hours))
        .collect();
    assert_eq!(
        hours,
        [
            (Function::Sales, 6.5),
            (Function::Marketing, 7.5),
            (Function::Partner, 2.0)
        ]
    );
    // Touch kinds in any case; lead ids of deals split on `;`.
    assert_eq!(records.activity.touches, 3);
    assert!(records.touches.is_empty(), "a build folds its touches");
    assert_eq!(records.deals[2].lead_ids, ["L-2", "L-9"]);
    assert_eq!(records.spend.iter().map(|s| s.leads).sum::<u64>(), 2);
    // Leads keep an email hash, never the address.
    assert!(records.leads[0].email_hash.is_some());
    assert!(records.leads[2].email_hash.is_none());
    assert_eq!(records.leads[2].function, Function::Partner);
}
