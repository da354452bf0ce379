//! Edge case: overlapping exports. The same contacts in two HubSpot
//! exports count once (the newer export's version), and are not duplicate
//! records (tests/fixtures/metrics-overlap).
//!
//! The older export holds contacts 1, 2, 3; the newer one 2, 3, 4, with
//! contact 2 since touched (07-03 10:00) and become an SQL (07-10).

use super::super::harness::{assert_close, build, fixture, json};
use serde_json::json;

#[test]
fn overlapping_exports_count_each_lead_once_in_its_newer_version() {
    let (_guard, site) = build(&fixture("metrics-overlap"));
    let m = json(&site, "2026-q3/metrics.json");
    // Contacts 2 and 3 appear twice: merged, counted once each.
    assert_eq!(m["data_quality"]["duplicates_merged"], 2);
    assert_eq!(
        m["funnel"],
        json!({"leads": 4, "mqls": 4, "sqls": 1, "opportunities": 0, "won": 0, "lost": 0})
    );
    // Waits: 1 -> 1 h, 2 -> 24 h (the newer version's touch), 3 -> 2 h,
    // 4 -> 1 h. Sorted 1, 1, 2, 24: median 1.5 (with the older version of
    // contact 2 it would be untouched and the median 1).
    let s = &m["speed_to_lead"];
    assert_eq!(s["touched"], 4);
    assert_close(&s["median_hours"], 1.5);
    assert_close(&s["within_sla"], 1.0);
    // The same id in two exports is one record, not a duplicate person.
    assert_eq!(m["alignment"]["duplicate_leads"], 0);
    assert_close(&m["conversion"]["mql_to_sql"]["rate"], 0.25);
}
