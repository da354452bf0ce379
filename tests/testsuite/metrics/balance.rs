//! Balance tilt from capacity as a lower bound, with a single rep who
//! touches every lead within the hour and so is never loaded
//! (tests/fixtures/metrics-single-rep: generic leads and touches).
//!
//! Rep "Solo" gets k MQLs in week k of eight weeks from Monday 07-06
//! (1 + 2 + ... + 8 = 36 MQLs), each touched one hour after its MQL time.

use super::super::harness::{assert_close, build, fixture, json};
use serde_json::json;

/// Edge cases: a single rep; all leads touched.
#[test]
fn a_rep_never_loaded_gives_capacity_as_a_lower_bound() {
    let (_guard, site) = build(&fixture("metrics-single-rep"));
    let m = json(&site, "2026-q3/metrics.json");
    let b = &m["balance"];
    // Rep-weeks 1, 2, ..., 8 first touches, each lead touched within the
    // hour: Solo never had a lead waiting through a working day, so these
    // weeks show the leads that came, not what Solo could do. Capacity is
    // a lower bound: p90 at 0.9 * 7 = 6.3 -> 7 + 0.3 * (8 - 7) = 7.3.
    assert_eq!(b["capacity_basis"], "lower_bound");
    assert_eq!(b["loaded_rep_weeks"], 0);
    assert_close(&b["per_rep_week"], 7.3);
    assert_eq!(b["per_rep_week_measured"], true);
    assert_eq!(b["active_reps"], 1);
    assert_close(&b["capacity_per_week"], 7.3);
    // Supply 36 / (92 / 7) = 2.7391 a week; tilt log2(2.7391 / 7.3).
    let supply = 36.0 * 7.0 / 92.0;
    assert_close(&b["supply_per_week"], supply);
    // The true tilt is at most this; even so it is below -0.25: the
    // verdict stands.
    assert_close(&b["tilt"], (supply / 7.3f64).log2());
    assert_eq!(b["verdict"], "sales-heavy");
    assert_eq!(
        m["targets"]["balance.tilt"]["status"], "missed",
        "-1.41 is beyond the near band of 0.5"
    );
}

#[test]
fn every_lead_touched_leaves_no_drops_no_backlog_and_no_inventory() {
    let (_guard, site) = build(&fixture("metrics-single-rep"));
    let m = json(&site, "2026-q3/metrics.json");
    let s = &m["speed_to_lead"];
    assert_eq!(
        (s["leads"].clone(), s["touched"].clone()),
        (json!(36), json!(36))
    );
    assert_close(&s["median_hours"], 1.0);
    assert_close(&s["within_sla"], 1.0);
    assert_eq!(
        (s["dropped"].clone(), s["waiting"].clone()),
        (json!(0), json!(0))
    );
    // One hour is the top of the first band.
    assert_eq!(s["bands"][0]["leads"], 36);
    assert_eq!(
        s["bands"][4],
        json!({"band": "never", "leads": 0, "share": 0.0, "reached_sql": 0, "sql_rate": null})
    );
    assert!(
        m["flow"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w["backlog"] == 0)
    );
    assert_eq!(
        m["team"],
        json!([{"rep": "Solo", "assigned": 36, "first_touches": 36, "median_hours": 1.0, "dropped": 0, "dropped_share": 0.0}])
    );
    // One rep cannot duplicate effort.
    assert_eq!(m["alignment"]["multi_rep_leads"], 0);
    // The last touch was on 08-24: nothing untouched or being worked at the
    // end of Q3. 0 / (36 / (92 / 7)) weeks in hand.
    assert_eq!(m["balance"]["inventory"]["untouched"], 0);
    assert_eq!(m["balance"]["inventory"]["working"], 0);
    assert_close(&m["balance"]["inventory_weeks"], 0.0);
}

#[test]
fn a_dry_pipeline_ranks_above_the_tilt_and_takes_the_shared_recommendation() {
    let (_guard, site) = build(&fixture("metrics-single-rep"));
    let f = json(&site, "2026-q3/metrics.json")["findings"].clone();
    // inventory: 0 weeks against 1.5: a reference of zero has the largest
    // size, 3. tilt: size |tilt| = 1.414. Both recommend the same weekly
    // lead target, so the lower-ranked one drops it.
    assert_eq!(f.as_array().unwrap().len(), 2);
    assert_eq!(
        (f[0]["rule"].clone(), f[0]["size"].clone()),
        (json!("inventory"), json!(3.0))
    );
    assert_eq!(
        f[0]["sentence"],
        "At the end of 2026-Q3 the reps had 0.0 weeks of leads in hand (0 MQLs untouched or being worked): the pipeline is running dry."
    );
    assert_eq!(
        f[0]["recommendation"],
        "Give marketing a plan with weekly lead targets: 7.3 MQLs a week fill the follow-up capacity sales has shown."
    );
    assert_eq!(f[1]["rule"], "tilt");
    // 2^1.414 = 2.665x.
    assert_eq!(
        f[1]["sentence"],
        "Sales could handle at least 2.7× the MQLs marketing delivered; the reps were never fully loaded: 2.7 new MQLs a week against capacity for at least 7.3."
    );
    assert!(f[1]["recommendation"].is_null());
}
