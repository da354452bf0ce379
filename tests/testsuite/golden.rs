//! Golden files: the demo site, every page, chart, CSV and JSON, compared
//! byte for byte with tests/golden/demo/. A missing, extra or different
//! file fails. After a deliberate change, `UPDATE_GOLDEN=1 cargo test
//! golden` rewrites the folder (stale files removed); review the diff.

use super::harness::{all_files, build, demo_site, root};

#[test]
fn the_demo_site_matches_its_golden_files() {
    let site = demo_site().to_path_buf();
    let built = all_files(&site);
    let golden_dir = root().join("tests/golden/demo");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&golden_dir);
        for (path, bytes) in &built {
            let target = golden_dir.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, bytes).unwrap();
        }
    }
    let golden = all_files(&golden_dir);
    let missing: Vec<_> = golden.keys().filter(|p| !built.contains_key(*p)).collect();
    let unexpected: Vec<_> = built.keys().filter(|p| !golden.contains_key(*p)).collect();
    assert!(
        missing.is_empty(),
        "golden files the build no longer makes: {missing:?}"
    );
    assert!(
        unexpected.is_empty(),
        "files the build makes that have no golden copy: {unexpected:?}"
    );
    let differing: Vec<_> = built
        .iter()
        .filter(|(p, bytes)| golden[*p] != **bytes)
        .map(|(p, _)| p)
        .collect();
    assert!(
        differing.is_empty(),
        "files that differ from tests/golden/demo: {differing:?} (UPDATE_GOLDEN=1 rewrites them)"
    );
}

/// The second demo scenario (`equinox demo --scenario skips-mql`): a
/// portal that skips the MQL and SQL stages and exports no activities,
/// so every fallback of the review is used. Its Q3 review (page and
/// metrics.json) is compared with tests/golden/skips-mql/;
/// `UPDATE_GOLDEN=1` rewrites them.
#[test]
fn the_skips_mql_scenario_matches_its_golden_review() {
    let input = tempfile::tempdir().expect("temp dir");
    let options = equinox::cmd::demo::DemoOptions::default();
    equinox::cmd::demo::write_scenario(
        &options,
        equinox::cmd::demo::Scenario::SkipsMql,
        input.path(),
    )
    .expect("demo written");
    let (_guard, site) = build(input.path());
    let golden_dir = root().join("tests/golden/skips-mql");
    for file in ["2026-q3/index.html", "2026-q3/metrics.json"] {
        let built = std::fs::read(site.join(file)).expect("built file");
        let golden = golden_dir.join(file);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &built).unwrap();
        }
        let expected = std::fs::read(&golden).expect("golden file");
        assert!(
            built == expected,
            "{file} differs from tests/golden/skips-mql (UPDATE_GOLDEN=1 rewrites it)"
        );
    }
    // Without MQL dates every new lead is supply, and the plan is made in
    // leads: its horizon is the lead-to-won lag, not a missing MQL one.
    let metrics: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("2026-q3/metrics.json")).expect("metrics"))
            .expect("json");
    assert_eq!(metrics["method"]["ready_for_sales"], "created");
    let plan = &metrics["plan"];
    assert!(plan["horizon_days"].as_u64().is_some(), "{plan}");
    assert!(plan["mqls_needed_per_week"].as_f64().is_some(), "{plan}");
    let page = std::fs::read_to_string(site.join("2026-q3/index.html")).expect("page");
    let plan_section =
        &page[page.find("id=\"plan\"").expect("plan")..page.find("id=\"data\"").expect("data")];
    assert!(plan_section.contains("Leads needed a week"));
    assert!(!plan_section.contains("MQL"), "{plan_section}");
}

/// Every figure a page shows as "not available" gives the reason metrics
/// noted for it in that review's metrics.json, never a bare "no data"
/// (which the page would fall back to for a figure with no reason).
#[test]
fn every_missing_figure_on_a_page_gives_its_noted_reason() {
    let demo = demo_site();
    let skips = root().join("tests/golden/skips-mql");
    let mut checked = 0;
    for site in [demo, skips.as_path()] {
        for (path, bytes) in all_files(site) {
            let Some(folder) = path.strip_suffix("/index.html") else {
                continue;
            };
            let Ok(json) = std::fs::read(site.join(folder).join("metrics.json")) else {
                continue;
            };
            let metrics: serde_json::Value = serde_json::from_slice(&json).expect("metrics.json");
            let reasons: Vec<&str> = metrics["unavailable"]
                .as_object()
                .expect("unavailable")
                .values()
                .filter_map(|v| v.as_str())
                .collect();
            let page = String::from_utf8(bytes).expect("UTF-8 page");
            for shown in page.split("not available: ").skip(1) {
                let reason = unescape(&shown[..shown.find('<').expect("closed element")]);
                assert!(
                    reasons.contains(&reason.as_str()),
                    "{path}: \"not available: {reason}\" is not a reason metrics.json notes"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 5, "only {checked} missing figures found");
}

/// Undoes tera's HTML escaping of the characters reasons use.
fn unescape(html: &str) -> String {
    html.replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
