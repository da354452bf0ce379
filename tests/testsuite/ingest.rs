//! Reading rules that hold for every export: overlapping exports, gzip.

use super::harness::{build, fixture, json};
use serde_json::json;
use std::io::Write;

#[test]
fn overlapping_exports_count_a_record_once_and_the_newer_export_wins() {
    // Note the folders: "newer/" sorts before "older/", so path order alone
    // would keep the older record; the newer data must win anyway.
    let (_guard, site) = build(&fixture("overlap"));
    let m = json(&site, "2026-q3/metrics.json");
    // Leads 601, 602, 603, 604: 603 is in both exports and counts once.
    assert_eq!(m["funnel"]["leads"], 4);
    assert_eq!(m["funnel"]["mqls"], 4);
    // Only the newer export's 603 has an SQL date (2026-09-02).
    assert_eq!(m["funnel"]["sqls"], 1);
    assert_eq!(m["data_quality"]["rows_read"], 5);
    assert_eq!(m["data_quality"]["duplicates_merged"], 1);
    let page = std::fs::read_to_string(site.join("2026-q3/index.html")).unwrap();
    assert!(page.contains("1 record(s) appeared in more than one export and were counted once"));
}

#[test]
fn gzipped_exports_read_like_plain_ones() {
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path().join("input");
    for file in [
        "hubspot/contacts.csv",
        "hubspot/deals.csv",
        "ads/Campaign report.csv",
        "ads/meta.csv",
    ] {
        let target = input.join(format!("{file}.gz"));
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let bytes = std::fs::read(fixture("tiny").join(file)).unwrap();
        let mut encoder = flate2::write::GzEncoder::new(
            std::fs::File::create(target).unwrap(),
            flate2::Compression::default(),
        );
        encoder.write_all(&bytes).unwrap();
        encoder.finish().unwrap();
    }
    let (_plain_guard, plain) = build(&fixture("tiny"));
    let (_gz_guard, gzipped) = build(&input);
    let (a, b) = (
        json(&plain, "2026-q3/metrics.json"),
        json(&gzipped, "2026-q3/metrics.json"),
    );
    for key in ["funnel", "revenue", "spend", "speed_to_lead", "flow"] {
        assert_eq!(a[key], b[key], "{key}");
    }
    assert_eq!(
        b["data_quality"],
        json!({"files": 4, "rows_read": 16, "rows_used": 14, "rows_rejected": 2, "lines_skipped": 9, "duplicates_merged": 0})
    );
}
