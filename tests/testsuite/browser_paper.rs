//! Issue 17 in a real browser: the one-file review copied alone into an
//! empty folder opens with its charts and asks for nothing else; the brief
//! prints on at most two pages and the full review on at most ten, on A4
//! and on Letter; and the screenshots of a restatement and of the brief
//! (kept in target/screenshots/, and for the README with
//! `UPDATE_SCREENSHOTS=1`).

use super::browser::{
    SUB_PATH, assert_no_console_error, chromium, count_pdf_pages, probe, run_chromium, serve,
};
use super::harness::{all_files, build, demo_site, root};
use std::path::{Path, PathBuf};

const ONE_FILE: &str = "equinox-2026-Q3.html";

#[test]
fn the_one_file_review_opens_alone_with_its_charts_and_asks_for_nothing_else() {
    let Some(chromium) = chromium() else { return };
    let site = demo_site().to_path_buf();
    let alone = tempfile::tempdir().unwrap();
    std::fs::copy(
        site.join("2026-q3").join(ONE_FILE),
        alone.path().join(ONE_FILE),
    )
    .unwrap();
    let (base, log) = serve(alone.path().to_path_buf());
    let page = format!("{SUB_PATH}{ONE_FILE}");
    // The review: every chart decodes; those of the brief wait for #brief.
    let (review, _) = probe(&chromium, &base, &page);
    let images: Vec<&str> = review.lines().filter(|l| l.starts_with("img ")).collect();
    assert!(images.len() >= 10, "{review}");
    for image in &images {
        assert!(image.contains("data:image/svg+xml"), "{image}");
        assert!(!image.contains(" 0x0"), "a chart did not decode: {image}");
        let shown = !image.contains(" shown 0");
        assert_eq!(shown, !image.ends_with(" in-brief"), "{image}");
    }
    // The brief, by its link: only its scale and chart are shown.
    let (brief, _) = probe(&chromium, &base, &format!("{page}#brief"));
    let brief_images: Vec<&str> = brief.lines().filter(|l| l.starts_with("img ")).collect();
    assert_eq!(brief_images.len(), images.len());
    for image in brief_images {
        let shown = !image.contains(" shown 0");
        assert_eq!(shown, image.ends_with(" in-brief"), "{image}");
    }
    let requests: Vec<String> = log
        .lock()
        .unwrap()
        .iter()
        .map(|(p, _)| p.clone())
        .filter(|p| !p.starts_with("/__probe.html"))
        .collect();
    assert_eq!(requests, [page.clone(), page], "no request but the file");
    // Opened from the folder, as an attachment is.
    let url = format!("file://{}", alone.path().join(ONE_FILE).display());
    let run = run_chromium(
        &chromium,
        &[
            "--dump-dom".into(),
            "--enable-logging=stderr".into(),
            "--v=0".into(),
            url.clone(),
        ],
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("Sales and marketing balance, 2026-Q3"));
    assert_no_console_error(&String::from_utf8_lossy(&run.stderr), &url);
}

/// Prints `url` to `pdf`; returns the page count, having checked the paper.
fn print(chromium: &Path, url: &str, pdf: &Path, paper: &str) -> usize {
    run_chromium(
        chromium,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
            url.to_string(),
        ],
    );
    let bytes = std::fs::read(pdf).expect("pdf written");
    let text = String::from_utf8_lossy(&bytes);
    // A4 is 595 x 842 points, Letter 612 x 792.
    let media_box = if paper == "a4" {
        "/MediaBox [0 0 59"
    } else {
        "/MediaBox [0 0 612 792]"
    };
    assert!(text.contains(media_box), "{url} printed on {paper}");
    count_pdf_pages(&bytes)
}

#[test]
fn the_brief_prints_on_two_pages_and_the_review_on_ten_on_a4_and_letter() {
    let Some(chromium) = chromium() else { return };
    let site = demo_site().to_path_buf();
    let (base, _log) = serve(site);
    let shots = screenshots();
    let prints = [
        ("a4", "2026-q3/brief.html", 2),
        ("letter", "2026-q3/brief.html", 2),
        ("a4", "2026-q3/index.html", 10),
        ("letter", "2026-q3/index.html", 10),
        // Q4 holds the most of the plan: its projection's stage weights.
        ("letter", "2026-q4/index.html", 10),
        ("a4", "2026-q3/equinox-2026-Q3.html#brief", 2),
    ];
    // All at once: chromium mostly waits while it prints.
    std::thread::scope(|scope| {
        for &(paper, page, most) in &prints {
            let (chromium, base, shots) = (&chromium, &base, &shots);
            scope.spawn(move || {
                let (path, fragment) = page.split_once('#').unwrap_or((page, ""));
                let anchor = if fragment.is_empty() {
                    String::new()
                } else {
                    format!("#{fragment}")
                };
                let url = format!("{base}{path}?{paper}{anchor}");
                let name = page.replace(['/', '#', '.'], "-");
                let pdf = shots.join(format!("{name}-{paper}.pdf"));
                let pages = print(chromium, &url, &pdf, paper);
                assert!(
                    (1..=most).contains(&pages),
                    "{page} on {paper}: {pages} pages"
                );
            });
        }
    });
}

fn screenshots() -> PathBuf {
    let shots = root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    shots
}

/// The demo input with 2026-Q3 published on 5 Oct 2026 and a won deal
/// added to the HubSpot deals export since.
fn restated_demo() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path().join("input");
    for (relative, bytes) in all_files(&root().join("input")) {
        let target = input.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    equinox::cmd::publish(&equinox::cmd::PublishOptions {
        input: input.clone(),
        period: "2026-Q3".into(),
        at: "2026-10-05T09:30:00Z".parse().unwrap(),
    })
    .unwrap();
    let deals = input.join("hubspot/hubspot-crm-exports-all-deals-2026-12-31.csv");
    let mut text = std::fs::read_to_string(&deals).unwrap();
    text.push_str("\"31870499999\",\"Larkspur Foods - New Business\",\"Closed Won\",\"Sales Pipeline\",\"48000.0\",\"2026-09-24 15:00\",\"2026-08-12 10:00\",\"Tom Becker\",\"true\",\"false\",\"Paid Search\",\"\"\n");
    std::fs::write(deals, text).unwrap();
    (temp, input)
}

#[test]
fn screenshots_of_a_restated_review_and_of_the_brief() {
    let Some(chromium) = chromium() else { return };
    let (_input_guard, input) = restated_demo();
    let (_guard, site) = build(&input);
    let review = std::fs::read_to_string(site.join("2026-q3/index.html")).unwrap();
    assert!(review.contains("Restated since publication on 5 Oct 2026"));
    let (base, _log) = serve(site);
    let shots = screenshots();
    let pages = [
        ("restated", "2026-q3/index.html"),
        ("brief", "2026-q3/brief.html"),
    ];
    // Side by side: chromium mostly waits while a page loads.
    std::thread::scope(|scope| {
        for (name, page) in pages {
            for (width, height, size) in [(1280, 1800, "desktop"), (390, 2400, "phone")] {
                let (chromium, base, shots) = (&chromium, &base, &shots);
                scope.spawn(move || {
                    let out = shots.join(format!("{name}-{size}.png"));
                    screenshot(chromium, &format!("{base}{page}"), &out, width, height);
                    let written = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
                    assert!(written > 10_000, "{name} {size} screenshot");
                });
            }
        }
    });
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        let images = root().join("docs/images");
        let restated = images.join("restatement-2026-q3.png");
        screenshot(
            &chromium,
            &format!("{base}2026-q3/index.html"),
            &restated,
            1100,
            900,
        );
        let brief = images.join("brief-2026-q3.png");
        screenshot(
            &chromium,
            &format!("{base}2026-q3/brief.html"),
            &brief,
            1100,
            1500,
        );
    }
}

fn screenshot(chromium: &Path, url: &str, out: &Path, width: u32, height: u32) {
    run_chromium(
        chromium,
        &[
            format!("--screenshot={}", out.display()),
            format!("--window-size={width},{height}"),
            url.to_string(),
        ],
    );
}
