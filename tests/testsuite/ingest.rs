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

#[test]
fn custom_stages_map_to_outcomes_through_the_stages_table() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(
        temp.path().join("deals.csv"),
        "\"Record ID\",\"Deal Stage\",\"Amount\",\"Create Date\",\"Close Date\"\n\
         \"1\",\"Contract Signed\",\"100.0\",\"2026-07-01 10:00\",\"2026-08-01 10:00\"\n\
         \"2\",\"Went Dark\",\"50.0\",\"2026-07-02 10:00\",\"2026-08-02 10:00\"\n\
         \"3\",\"Closed Lost\",\"70.0\",\"2026-07-03 10:00\",\"2026-08-03 10:00\"\n\
         \"4\",\"Demo\",\"90.0\",\"2026-07-04 10:00\",\"2026-12-01 10:00\"\n",
    )
    .unwrap();
    std::fs::write(
        temp.path().join("equinox.toml"),
        "[stages]\n\"Contract Signed\" = \"won\"\n\"went dark\" = \"lost\"\n",
    )
    .unwrap();
    let (_guard, site) = build(temp.path());
    let m = json(&site, "2026-q3/metrics.json");
    // Won: deal 1 (mapped). Lost: deal 2 (mapped) and 3 (default name). 4 is open.
    assert_eq!(
        (m["funnel"]["won"].clone(), m["funnel"]["lost"].clone()),
        (json!(1), json!(2))
    );
    assert_eq!(m["revenue"]["won_amount"], json!(100.0));
}

#[test]
fn the_report_lines_before_the_header_are_kept_for_the_data_page() {
    let (_guard, site) = build(&fixture("tiny"));
    let files = std::fs::read_to_string(site.join("2026-q3/data-files.csv")).unwrap();
    let google = files
        .lines()
        .find(|l| l.starts_with("ads/Campaign report.csv"))
        .unwrap();
    assert!(
        google.ends_with(",\"Campaign report · July 1, 2026 - September 30, 2026\""),
        "{google}"
    );
}

#[test]
fn a_column_showing_decimal_commas_reads_its_ambiguous_values_that_way() {
    let temp = tempfile::tempdir().unwrap();
    // Excel in a comma-decimal locale writes semicolons; "1.234" alone could
    // be one and a bit, but "45,50" in the same column shows the convention.
    std::fs::write(
        temp.path().join("spend.csv"),
        "day;channel;campaign;cost\n2026-07-01;google_ads;Brand;1.234\n2026-07-02;google_ads;Brand;45,50\n",
    )
    .unwrap();
    let (_guard, site) = build(temp.path());
    let m = json(&site, "2026-q3/metrics.json");
    // 1,234.00 + 45.50
    assert_eq!(m["spend"]["by_channel"]["google_ads"], json!(1279.5));
}

#[test]
fn source_lines_reads_every_wanted_line_in_one_pass() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("report.csv");
    std::fs::write(&path, "a,b\r\n1,2\r\n3,4\r\n5,6\r\n7,8").unwrap();
    let lines = equinox::ingest::source_lines(&path, &[4, 2, 5, 9], u64::MAX);
    let expected: Vec<(u64, &str)> = vec![(2, "1,2"), (4, "5,6"), (5, "7,8")];
    assert_eq!(
        lines
            .iter()
            .map(|(n, l)| (*n, l.as_str()))
            .collect::<Vec<_>>(),
        expected
    );
}
