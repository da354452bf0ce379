//! Shared helpers: building a fixture into a temporary folder and reading
//! what it wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// Builds `input` into a new temporary folder; returns the folder holding
/// the site (kept alive by the returned guard).
pub fn build(input: &Path) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let output = temp.path().join("site");
    equinox::cmd::build(&equinox::cmd::BuildOptions {
        input: input.to_path_buf(),
        output: output.clone(),
        strict: false,
        accept_restated: Vec::new(),
    })
    .unwrap_or_else(|e| panic!("build of {} failed: {e:?}", input.display()));
    (temp, output)
}

/// The demo in input/ built once for the whole test binary: the tests
/// that only read its site share it instead of building it again each
/// (a build of the demo is the suite's most expensive step). Kept under
/// Cargo's temporary folder for integration tests; never modify it.
pub fn demo_site() -> &'static Path {
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let output = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("demo-site");
        equinox::cmd::build(&equinox::cmd::BuildOptions {
            input: root().join("input"),
            output: output.clone(),
            strict: false,
            accept_restated: Vec::new(),
        })
        .unwrap_or_else(|e| panic!("build of the demo failed: {e:?}"));
        output
    })
}

/// Parses a JSON file of the site.
pub fn json(site: &Path, relative: &str) -> serde_json::Value {
    let text =
        std::fs::read_to_string(site.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            (relative, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// Asserts a float figure to within rounding noise.
#[track_caller]
pub fn assert_close(value: &serde_json::Value, expected: f64) {
    let actual = value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"));
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, found {actual}"
    );
}

/// Compares `actual` with tests/snapshots/`name`; `UPDATE_SNAPSHOTS=1`
/// rewrites the snapshot after a deliberate change (review the diff).
#[track_caller]
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = root().join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write snapshot");
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        actual == expected,
        "{name} differs from the snapshot:\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}
