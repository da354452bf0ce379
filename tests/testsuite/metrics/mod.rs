//! The review's figures, family by family: each test builds a small
//! fixture (tests/fixtures/metrics-*/) whose figures were computed by hand,
//! with the arithmetic in the comments. Edge cases from issue 4 each have a
//! test: an empty period, a single rep, no activity data, all leads
//! touched, a period with no spend, fiscal years starting in April, a lead
//! touched before it became an MQL, overlapping exports.

mod alignment;
mod balance;
mod comparison;
mod funnel;
mod money;
mod overlap;
mod speed;

use serde_json::Value;

/// The value at a dotted path (`speed_to_lead.median_hours`).
#[track_caller]
pub fn at<'a>(m: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(m, |v, key| &v[key])
}

/// Asserts a figure is null and `unavailable` gives a reason containing
/// `reason`.
#[track_caller]
pub fn assert_unavailable(m: &Value, key: &str, reason: &str) {
    assert!(at(m, key).is_null(), "{key} should be null: {}", at(m, key));
    let given = m["unavailable"][key]
        .as_str()
        .unwrap_or_else(|| panic!("no reason for {key} in {}", m["unavailable"]));
    assert!(given.contains(reason), "{key}: {given:?} lacks {reason:?}");
}

/// Asserts that no number anywhere in `m` is outside the finite range
/// (serde_json writes NaN and infinity as null, so this also checks that
/// every float came out as a number or a documented null).
pub fn assert_all_finite(m: &Value) {
    match m {
        Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{n}"),
        Value::Array(items) => items.iter().for_each(assert_all_finite),
        Value::Object(map) => map.values().for_each(assert_all_finite),
        _ => {}
    }
}
