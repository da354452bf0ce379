//! Time-tracker exports (Toggl Track, Clockify) become hours per function
//! through `[hours]` in equinox.toml; emails never reach records or site.

use super::harness::{all_files, build, fixture, json};
use equinox::config::Settings;
use equinox::model::{Function, Records};
use serde_json::json;

fn records(name: &str) -> Records {
    let input = fixture(name);
    let settings = Settings::load(&input).expect("settings");
    equinox::ingest::read_inputs(&input, &settings).0
}

fn hours_of(records: &Records, function: Function) -> f64 {
    records
        .hours
        .iter()
        .filter(|h| h.function == function)
        .map(|h| h.hours)
        .sum()
}

#[track_caller]
fn assert_hours(records: &Records, function: Function, expected: f64) {
    let actual = hours_of(records, function);
    assert!(
        (actual - expected).abs() < 1e-9,
        "{function:?}: expected {expected}, found {actual}"
    );
}

#[test]
fn toggl_entries_become_hours_by_tag_then_project() {
    let (_guard, site) = build(&fixture("toggl"));
    let m = json(&site, "2026-q3/metrics.json");
    // Time logs alone make a review; the cut-off is the last entry's day
    // (the running entry of 09-04 is rejected).
    assert_eq!(m["as_of"], "2026-09-03T00:00:00");
    assert_eq!(
        m["data_quality"],
        json!({"files": 1, "rows_read": 6, "rows_used": 5, "rows_rejected": 1, "lines_skipped": 1, "duplicates_merged": 0})
    );
    let rejections = std::fs::read_to_string(site.join("2026-q3/rejections.csv")).unwrap();
    assert!(
        rejections.contains(
            "time/Toggl_time_entries_2026-07-01_to_2026-09-30.csv,7,Duration,,a duration such as 1:30:00"
        ),
        "{rejections}"
    );
    let records = records("toggl");
    // Website 2:30:00 -> marketing 2.5.
    assert_hours(&records, Function::Marketing, 2.5);
    // Website with tag "sales" 0:45:00 (the tag wins) + Key accounts
    // 27:30:00 (over a day) = 0.75 + 27.5.
    assert_hours(&records, Function::Sales, 28.25);
    // Tag "partner" 1:15:00.
    assert_hours(&records, Function::Partner, 1.25);
    // Admin, unmapped: 0:20:00 = 1/3 hour, kept as unknown.
    assert_hours(&records, Function::Unknown, 20.0 / 60.0);
    let people: Vec<&str> = records.hours.iter().map(|h| h.person.as_str()).collect();
    assert_eq!(
        people,
        ["Ana Lima", "Ana Lima", "Ben Ortiz", "Ben Ortiz", "Ana Lima"]
    );
    assert_eq!(records.hours[2].day.to_string(), "2026-08-10");
    for (path, bytes) in all_files(&site) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("northwind.example"),
            "{path} holds an email address"
        );
    }
}

#[test]
fn clockify_entries_become_hours() {
    let (_guard, site) = build(&fixture("clockify"));
    let m = json(&site, "2026-q3/metrics.json");
    assert_eq!(m["as_of"], "2026-09-01T00:00:00");
    assert_eq!(
        m["data_quality"],
        json!({"files": 1, "rows_read": 4, "rows_used": 4, "rows_rejected": 0, "lines_skipped": 1, "duplicates_merged": 0})
    );
    let records = records("clockify");
    // Website 01:30:00; Outbound 31:15:00; tag partner 00:45:00; Internal
    // (unmapped) 01:00:00.
    assert_hours(&records, Function::Marketing, 1.5);
    assert_hours(&records, Function::Sales, 31.25);
    assert_hours(&records, Function::Partner, 0.75);
    assert_hours(&records, Function::Unknown, 1.0);
    // Start Date month-first: 07/14/2026 is 14 July.
    assert_eq!(records.hours[1].day.to_string(), "2026-07-14");
    for (path, bytes) in all_files(&site) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("northwind.example"),
            "{path} holds an email address"
        );
    }
}
