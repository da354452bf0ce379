//! Speed to lead, its bands, the team table and weekly flow
//! (tests/fixtures/metrics-speed: HubSpot contacts plus a generic touches
//! file; cut-off 2026-09-30 23:59:59, SLA 24 h, drop window 7 days).
//!
//! Waits from ready (MQL, or creation for sales lead I) to first touch:
//! A 0.5 h, B 1 h, C 24 h, D 72 h, E 240 h, G 6 h, I 20 min; F, H and J
//! untouched. G was called on 08-10, two days before its MQL date: that
//! touch does not count, its first touch is the email of 08-12 15:00. J's
//! `First outreach date` (08-17 09:00) is a day before its MQL date: J
//! counts as untouched.

use super::super::harness::{assert_close, build, fixture, json};
use serde_json::json;

#[test]
fn median_percentile_sla_and_drops() {
    let (_guard, site) = build(&fixture("metrics-speed"));
    let s = json(&site, "2026-q3/metrics.json")["speed_to_lead"].clone();
    // Ready in Q3: A, B, C, D, E, F, G, H, I, J = 10; touched 7.
    assert_eq!(s["leads"], 10);
    assert_eq!(s["touched"], 7);
    // Touched waits 1/3, 0.5, 1, 6, 24, 72, 240 (median 6); F, J and H
    // still waiting at the cut-off 09-30 23:59:59, censored there: H
    // since 09-28 09:00 (62 h 59 m 59 s), J since 08-18 09:00 (43 days
    // and that), F since 08-03 09:00 (58 days and that).
    let tail = 62.0 + 59.0 / 60.0 + 59.0 / 3600.0;
    let (h, j, f) = (tail, 43.0 * 24.0 + tail - 48.0, 58.0 * 24.0 + tail - 48.0);
    assert_close(&s["median_hours_touched"], 6.0);
    assert_eq!(s["censored"], 3);
    // Ten waits: median between the 5th and 6th, 24 and H's (still
    // waiting: the median is a lower bound); p90 at 8.1, J + 0.1 (F - J).
    assert!((s["median_hours"].as_f64().unwrap() - (24.0 + h) / 2.0).abs() < 1e-9);
    assert_eq!(s["median_at_least"], true);
    assert!((s["p90_hours"].as_f64().unwrap() - (j + 0.1 * (f - j))).abs() < 1e-9);
    assert_eq!(s["p90_at_least"], true);
    // Within 24 h: A, B, C (exactly 24 h), G, I = 5 of the 10 (every SLA
    // window has closed, H's on 09-29 09:00).
    assert_close(&s["within_sla"], 0.5);
    // Dropped: E (touched after 10 days), F and J (untouched, window
    // closed). Waiting: H (window open until 10-05).
    assert_eq!(s["dropped"], 3);
    assert_eq!(s["waiting"], 1);
    assert_close(&s["dropped_share"], 0.3);
}

/// Edge case: a lead touched before it became an MQL.
#[test]
fn a_touch_before_the_mql_date_does_not_count() {
    let (_guard, site) = build(&fixture("metrics-speed"));
    let m = json(&site, "2026-q3/metrics.json");
    let bands = m["speed_to_lead"]["bands"].as_array().unwrap().clone();
    // G (6 h, from the second touch) sits in 1-24 h with C; J in "never".
    assert_eq!(bands[1]["band"], "1-24h");
    assert_eq!(bands[1]["leads"], 2);
    assert_eq!(bands[4]["band"], "never");
    assert_eq!(bands[4]["leads"], 3);
    // G's touches within 14 days of becoming ready: only Rep One's email,
    // so no lead was worked by two reps.
    assert_eq!(m["alignment"]["multi_rep_leads"], 0);
}

#[test]
fn bands_show_what_the_wait_cost() {
    let (_guard, site) = build(&fixture("metrics-speed"));
    let bands = json(&site, "2026-q3/metrics.json")["speed_to_lead"]["bands"].clone();
    // 0-1 h: A, B, I (B waited exactly 1 h); A reached SQL -> 1 / 3.
    // 1-24 h: C, G; C reached SQL. 1-7 d: D. > 7 d: E, which reached SQL.
    // Never: F, H, J.
    assert_eq!(
        bands,
        json!([
            {"band": "0-1h", "leads": 3, "share": 0.3, "reached_sql": 1, "sql_rate": 1.0 / 3.0},
            {"band": "1-24h", "leads": 2, "share": 0.2, "reached_sql": 1, "sql_rate": 0.5},
            {"band": "1-7d", "leads": 1, "share": 0.1, "reached_sql": 0, "sql_rate": 0.0},
            {"band": ">7d", "leads": 1, "share": 0.1, "reached_sql": 1, "sql_rate": 1.0},
            {"band": "never", "leads": 3, "share": 0.3, "reached_sql": 0, "sql_rate": 0.0},
        ])
    );
    let csv = std::fs::read_to_string(site.join("2026-q3/speed-bands.csv")).unwrap();
    assert!(csv.starts_with("First touch,Leads,Share,Became SQL,SQL rate\nWithin 1 hour,3,0.3,1,"));
}

#[test]
fn follow_up_per_rep() {
    let (_guard, site) = build(&fixture("metrics-speed"));
    let team = json(&site, "2026-q3/metrics.json")["team"].clone();
    // Rep One owns A, B, C, I (waits 0.5, 1, 24, 1/3: median 0.75) and made
    // the first touches of A, B, C and G, the leads handed to sales (I is
    // Rep One's own prospect, Offline Sources: not counted). Rep Two owns D, E, F, G, H, J (touched:
    // G 6, D 72, E 240: median 72), first-touched D and E, and lost E, F, J.
    assert_eq!(
        team,
        json!([
            {"rep": "Rep One", "assigned": 4, "first_touches": 4, "median_hours": 0.75, "dropped": 0, "dropped_share": 0.0},
            {"rep": "Rep Two", "assigned": 6, "first_touches": 2, "median_hours": 72.0, "dropped": 3, "dropped_share": 0.5},
        ])
    );
}

#[test]
fn weekly_flow_and_inventory() {
    let (_guard, site) = build(&fixture("metrics-speed"));
    let m = json(&site, "2026-q3/metrics.json");
    let weeks = m["flow"].as_array().unwrap();
    let week = |start: &str| {
        weeks
            .iter()
            .find(|w| w["week_start"] == start)
            .unwrap()
            .clone()
    };
    // E: MQL Monday 07-13 09:00, untouched at that week's end (07-20 00:00)
    // and younger than 7 days: backlog and queue. Touched on 07-23.
    assert_eq!(
        week("2026-07-13"),
        json!({"week_start": "2026-07-13", "supply": 1, "absorption": 0, "backlog": 1, "queue": 1})
    );
    assert_eq!(
        week("2026-07-20"),
        json!({"week_start": "2026-07-20", "supply": 0, "absorption": 1, "backlog": 0, "queue": 0})
    );
    // F (MQL 08-03, never touched) left the backlog after 7 days, but not
    // the queue: at the end of the week of 09-21 the queue holds F and J.
    assert_eq!(week("2026-09-21")["backlog"], 0);
    assert_eq!(week("2026-09-21")["queue"], 2);
    let b = &m["balance"];
    // Supply: 9 MQLs (all but I) / (92 / 7) weeks.
    assert_close(&b["supply_per_week"], 9.0 * 7.0 / 92.0);
    // Two reps first touched leads handed to them. Rep-weeks of first
    // touches: Rep One 3 (A, B, C in the week of 06-29) and 1 (G, week of
    // 08-10), Rep Two 1 (D) and 1 (E). No rep had a lead waiting through
    // a whole working week in a week they touched one, so capacity is a
    // lower bound: p90 of [1, 1, 1, 3] at 2.7 = 1 + 0.7 * 2 = 2.4 a
    // rep-week, 4.8 for two reps. Even that bound puts the tilt at
    // log2((9 * 7 / 92) / 4.8): sales-heavy whatever the true capacity.
    assert_eq!(b["active_reps"], 2);
    assert_eq!(b["capacity_basis"], "lower_bound");
    assert_eq!(b["loaded_rep_weeks"], 0);
    assert_close(&b["per_rep_week"], 2.4);
    assert_close(&b["tilt"], (9.0 * 7.0 / 92.0 / 4.8_f64).log2());
    assert_eq!(b["verdict"], "sales-heavy");
    // The queue at 10-01 00:00: H (2 days), J (43 days), F (58 days).
    let q = &b["queue"];
    assert_eq!(
        (&q["1_7d"], &q["30_90d"], &q["total"]),
        (&json!(1), &json!(2), &json!(3))
    );
    assert_eq!(q["workable"], 1);
    // Inventory at 10-01 00:00: H untouched and no older than 30 days;
    // nobody first touched in the last 14 days. MQLs first touched in Q3:
    // A, B, C, D, E, G = 6 / (92 / 7) a week. Weeks in hand 1 / (42 / 92).
    assert_eq!(b["inventory"]["untouched"], 1, "{}", b["inventory"]);
    assert_eq!(b["inventory"]["working"], 0);
    assert_close(&b["inventory_weeks"], 92.0 / 42.0);
}

#[test]
fn dropped_leads_make_a_finding() {
    let (_guard, site) = build(&fixture("metrics-speed"));
    let findings = json(&site, "2026-q3/metrics.json")["findings"].clone();
    let rules: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    // The tilt (a bound, sales-heavy), the SLA: 5 of 10 missed it
    // against a target of at most 10%, log2(0.5 / 0.1) = 2.32 (the median
    // rule then stays quiet: the SLA rule says it); the dropped leads.
    assert_eq!(rules, ["tilt", "sla", "dropped"]);
    assert_close(&findings[1]["size"], 5f64.log2());
    assert_eq!(
        findings[1]["sentence"],
        "50% of the leads ready for sales were not touched within the 24 h SLA, against a target of at most 10%."
    );
    let findings = serde_json::Value::Array(vec![findings[0].clone(), findings[2].clone()]);
    // 3 / 10 dropped >= 10%; size log2(0.3 / 0.1).
    assert_eq!(findings[1]["anchor"], "follow-up");
    assert_close(&findings[1]["size"], 3f64.log2());
    assert_eq!(
        findings[1]["sentence"],
        "3 of 10 leads ready for sales (30%) were not touched within 7 days."
    );
    let page = std::fs::read_to_string(site.join("2026-q3/index.html")).unwrap();
    assert!(page.contains("3 of 10 leads ready for sales (30%) were not touched within 7 days. <a href=\"#follow-up\">Follow-up</a>"));
}
