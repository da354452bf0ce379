//! Issue 17: every review as one self-contained file to forward, and a
//! two-page print brief. The browser test opens and prints them; this
//! checks the files themselves.

use super::harness::demo_site;

/// Every value of `attribute="…"` in `html`.
fn attributes<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    html.split(&format!(" {attribute}=\""))
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn the_one_file_review_references_no_other_file_and_stays_small() {
    let site = demo_site().to_path_buf();
    for label in ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"] {
        let folder = label.to_lowercase();
        let path = site.join(format!("{folder}/equinox-{label}.html"));
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.len() < 1_000_000, "{label}: {} bytes", bytes.len());
        let html = String::from_utf8(bytes).unwrap();
        let sources = attributes(&html, "src");
        assert!(sources.len() >= 9, "{label}: every chart inline");
        for src in sources {
            assert!(
                src.starts_with("data:image/svg+xml;base64,"),
                "{label}: {src}"
            );
        }
        for href in attributes(&html, "href") {
            assert!(
                href.starts_with('#') || href == "data:,",
                "{label} links to another file: {href}"
            );
        }
        assert!(!html.contains("<link rel=\"stylesheet\""), "{label}");
        assert!(html.contains("<style>"), "{label}: the stylesheet inline");
        assert!(
            !html.contains("url("),
            "{label}: the stylesheet loads nothing"
        );
        assert!(
            html.contains("<section id=\"brief\" class=\"brief brief-inline\""),
            "{label}: the brief is included"
        );
        assert!(html.contains("<a href=\"#brief\">Two-page brief for print</a>"));
    }
}

#[test]
fn each_review_links_its_brief_and_its_one_file_version() {
    let site = demo_site().to_path_buf();
    let review = std::fs::read_to_string(site.join("2026-q3/index.html")).unwrap();
    assert!(review.contains(
        "<a href=\"brief.html\">Two-page brief for print</a> · <a href=\"equinox-2026-Q3.html\" download>Download as one file</a>"
    ));
    let latest = std::fs::read_to_string(site.join("latest/index.html")).unwrap();
    assert!(latest.contains("<a href=\"../2026-q4/equinox-2026-Q4.html\" download>"));
    let brief = std::fs::read_to_string(site.join("2026-q3/brief.html")).unwrap();
    for needed in [
        "<h1>Sales and marketing balance brief, 2026-Q3</h1>",
        "Leads outrun follow-up</span> <span class=\"tilt\">tilt +0.43</span>",
        // A headline with both comparisons and its target.
        "<th scope=\"row\">Won revenue</th><td class=\"num\">$504,802</td><td>+106% on 2026-Q2</td><td>–</td><td>target $450,000: met</td>",
        "<strong>Recommendation:</strong>",
        "src=\"balance.svg\"",
        "src=\"weekly-flow.svg\"",
        "<a href=\"index.html\">The full 2026-Q3 review</a>",
    ] {
        assert!(brief.contains(needed), "brief lacks {needed}");
    }
    assert_eq!(brief.matches("<img ").count(), 2, "the scale and one chart");
}
