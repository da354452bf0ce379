//! Issue 12, "real portals, real exports": exports as their users
//! configured them, each fixture built from the header rows and value
//! shapes of real downloads, every figure computed by hand (the arithmetic
//! is in the comments). Each fixture sets `as_of = "2026-09-30"`
//! (23:59:59) unless it says otherwise.

use super::harness::{assert_close, build, fixture, json};
use serde_json::json;

/// A portal of today: `Original Traffic Source` with drill-downs, v2
/// lifecycle columns whose MQL and SQL dates are empty for every contact,
/// first touches only in the contacts' own fields, counts written `2.0`.
#[test]
fn hubspot_v2_portal_without_mql_or_activities() {
    let (_guard, site) = build(&fixture("hubspot-v2-portal"));
    let m = json(&site, "2026-q3/metrics.json");
    // No contact has an MQL date: every lead is ready when created and
    // counts as supply.
    assert_eq!(m["method"]["ready_for_sales"], "created");
    // Q3: 101-108 created; 105 entered Opportunity on 08-10.
    assert_eq!(
        m["funnel"],
        json!({"leads": 8, "mqls": 0, "sqls": 0, "opportunities": 1, "won": 0, "lost": 0})
    );
    // Sources from `Original Traffic Source`, not the latest (108 was
    // Direct Traffic first, Paid Social last).
    let sources = &m["segments"]["by_source"];
    assert_eq!(sources["Direct Traffic"]["leads"], 1);
    assert!(sources.get("Paid Social").is_none());
    assert!(sources.get("(none)").is_none());
    // `Offline Sources / IMPORT` (106) is mapped to marketing; 102
    // (`EXTENSION`) stays sales, 103 (Referrals) partner.
    let by_function = &m["segments"]["by_function"];
    assert_eq!(by_function["marketing"]["leads"], 6);
    assert_eq!(by_function["sales"]["leads"], 1);
    assert_eq!(by_function["partner"]["leads"], 1);
    // First touches from `Date of first engagement` of a sales type:
    // 101 Email 2 h, 102 Meeting 24 h, 105 Email 48 h. 107's first
    // engagement is an incoming email: not a touch, and nothing else says
    // it was contacted: dropped, as 104. 103 (3.0 times contacted, last
    // contacted 07-20) and 106 (1.0 sales activity) are touched at an
    // unknown time. 108 (09-28) is still waiting.
    let s = &m["speed_to_lead"];
    assert_eq!(s["leads"], 8);
    assert_eq!(s["touched"], 3);
    assert_eq!(s["touched_time_unknown"], 2);
    assert_eq!(s["dropped"], 2);
    assert_eq!(s["waiting"], 1);
    assert_close(&s["median_hours"], 24.0);
    // p90 of 2, 24, 48 at rank 1.8: 24 + 0.8 * 24.
    assert_close(&s["p90_hours"], 43.2);
    // Judged: 101, 102 on time; 105, 104, 107 and 108 (ready 09-28 09:00,
    // SLA closed 09-29 09:00) not; the untimed two are not judged: 2 / 6.
    assert_close(&s["within_sla"], 2.0 / 6.0);
    let bands: Vec<(String, u64)> = s["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["band"].as_str().unwrap().to_string(),
                b["leads"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bands,
        [
            ("0-1h".to_string(), 0),
            ("1-24h".to_string(), 2),
            ("1-7d".to_string(), 1),
            (">7d".to_string(), 0),
            ("time unknown".to_string(), 2),
            ("never".to_string(), 3),
        ]
    );
    // Supply: 8 new leads over 92 days = 8 / (92 / 7) a week. Capacity:
    // nine rep-weeks with one first touch each over the trailing year
    // (Joey weeks 15, 19, 23, 28, 32; Ana 16, 20, 24 (115's First outreach
    // date), 28): 1 a rep-week, times 2 reps active in Q3 (101, 105 Joey;
    // 102 Ana). Tilt log2((8 / (92 / 7)) / 2).
    let b = &m["balance"];
    let supply = 8.0 / (92.0 / 7.0);
    assert_close(&b["supply_per_week"], supply);
    assert_eq!(b["active_reps"], 2);
    assert_close(&b["capacity_per_week"], 2.0);
    assert_close(&b["tilt"], (supply / 2.0).log2());
    assert_eq!(b["verdict"], "sales-heavy");
    assert!(m["unavailable"].get("balance.tilt").is_none());
    // Every row used.
    assert_eq!(m["data_quality"]["rows_read"], 14);
    assert_eq!(m["data_quality"]["rows_used"], 14);
    // The Method section names each fallback.
    let page = std::fs::read_to_string(site.join("2026-q3/index.html")).unwrap();
    assert!(page.contains("No lead in the exports has an MQL date"));
    assert!(page.contains("No activity export was read"));
    assert!(page.contains("touched, time unknown"));
}
