//! The demo review that ships in input/: it builds, builds the same bytes
//! every time, and the same bytes whatever the order of its activity rows.

use super::harness::{all_files, build, root};

#[test]
fn the_demo_builds_byte_identically_twice() {
    let (_a, first) = build(&root().join("input"));
    let (_b, second) = build(&root().join("input"));
    let first = all_files(&first);
    let second = all_files(&second);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two builds");
    }
    assert!(first.contains_key("2026-q3/index.html"));
    assert!(first.contains_key("latest/index.html"));
}

/// The demo's simulation knows its capacity: every rep makes 10 first
/// touches of inbound leads a week, 11.5 from October (src/demo/story.rs),
/// four reps, five from October. Wherever the reps had a queue in the
/// trailing four quarters (capacity measured under load), the measured
/// capacity is within 15% of it; where they never had one, capacity is a
/// lower bound and stays at or below it.
#[test]
fn the_demo_capacity_is_within_fifteen_percent_of_the_simulated_truth() {
    let (_guard, site) = build(&root().join("input"));
    let truth = [("q1", 40.0), ("q2", 40.0), ("q3", 40.0), ("q4", 57.5)];
    for (quarter, capacity) in truth {
        let m = super::harness::json(&site, &format!("2026-{quarter}/metrics.json"));
        let b = &m["balance"];
        let measured = b["capacity_per_week"].as_f64().unwrap();
        match b["capacity_basis"].as_str().unwrap() {
            "under_load" => assert!(
                (measured / capacity - 1.0).abs() <= 0.15,
                "{quarter}: {measured} against {capacity}"
            ),
            "lower_bound" => assert!(measured <= capacity, "{quarter}: {measured}"),
            other => panic!("{quarter}: basis {other}"),
        }
    }
    // Q3 is the quarter the reps were swamped: measured under load.
    let q3 = super::harness::json(&site, "2026-q3/metrics.json");
    assert_eq!(q3["balance"]["capacity_basis"], "under_load");
}

/// Issue 13: the shipped input lists activities by date, as HubSpot
/// exports them; listed contact by contact or shuffled, the same
/// activities give the same site, byte for byte.
#[test]
fn the_order_of_the_activity_rows_changes_no_byte_of_the_site() {
    use equinox::demo::{ActivityOrder, DemoOptions, write_demo};
    let (_shipped_dir, shipped) = build(&root().join("input"));
    let shipped = all_files(&shipped);
    for order in [ActivityOrder::Contact, ActivityOrder::Shuffled] {
        let input = tempfile::tempdir().expect("temp dir");
        let options = DemoOptions {
            activity_order: order,
            ..DemoOptions::default()
        };
        // The generator writes the whole input folder, notes included.
        write_demo(&options, input.path()).expect("demo written");
        let (_dir, site) = build(input.path());
        let site = all_files(&site);
        assert_eq!(
            site.keys().collect::<Vec<_>>(),
            shipped.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &site {
            assert!(bytes == &shipped[path], "{path} differs with {order:?}");
        }
    }
}
