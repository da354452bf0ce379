//! The demo review that ships in input/: it builds, builds the same bytes
//! every time, and the same bytes whatever the order of its activity rows.

use super::harness::{all_files, build, demo_site, root};

#[test]
fn the_demo_builds_byte_identically_twice() {
    // The shared build is the first; this one, into a fresh folder, the second.
    let (_b, second) = build(&root().join("input"));
    let first = all_files(demo_site());
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

/// Issue 13: the shipped input lists activities by date, as HubSpot
/// exports them; listed contact by contact or shuffled, the same
/// activities give the same site, byte for byte.
#[test]
fn the_order_of_the_activity_rows_changes_no_byte_of_the_site() {
    use equinox::cmd::demo::{ActivityOrder, DemoOptions, write_demo};
    let shipped = all_files(demo_site());
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
