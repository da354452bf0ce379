//! The demo review that ships in input/: it builds, and builds the same
//! bytes every time.

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
