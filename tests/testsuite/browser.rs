//! A real browser (Debian's chromium, headless) loads the real demo site
//! from a local static server under a sub-path, as internal hosting serves
//! it (printing, the one-file review and the brief are in browser_paper).
//! Screenshots at desktop and phone width are kept in target/screenshots/
//! for people to look at.
//!
//! Without chromium the test says so and passes, except in CI (`CI` set),
//! where .ci/run installs chromium and its absence is a failure.

use super::harness::{demo_site, root};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

pub(super) const SUB_PATH: &str = "/reviews/";

/// Where chromium is looked for; `EQUINOX_CHROMIUM` names another place
/// (a path that does not exist shows what happens without it).
fn chromium_paths() -> Vec<PathBuf> {
    match std::env::var_os("EQUINOX_CHROMIUM") {
        Some(path) => vec![PathBuf::from(path)],
        None => ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .iter()
            .map(PathBuf::from)
            .collect(),
    }
}

pub(super) fn chromium() -> Option<PathBuf> {
    let found = chromium_paths().into_iter().find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is missing in CI; .ci/run installs it"
        );
        // Straight to stderr: libtest would swallow eprintln! of a test
        // that passes, and a skip nobody sees is a test that says nothing.
        static SAID: std::sync::Once = std::sync::Once::new();
        SAID.call_once(|| {
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: the browser tests need chromium (/usr/bin/chromium); install it to run them"
            );
        });
    }
    found
}

/// Serves `site` under [`SUB_PATH`]; returns the base URL and the log of
/// every request with its status.
/// Every request the server answered: path and status.
pub(super) type RequestLog = Arc<Mutex<Vec<(String, u16)>>>;

pub(super) fn serve(site: PathBuf) -> (String, RequestLog) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}{SUB_PATH}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let requests = Arc::clone(&log);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            // A connection opened ahead and closed unused asks for nothing.
            if reader.read_line(&mut request_line).is_err() || request_line.trim().is_empty() {
                continue;
            }
            let path = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .to_string();
            let (status, body, kind) = respond(&site, &path);
            requests.lock().unwrap().push((path, status));
            let mut stream = stream;
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream
                .write_all(head.as_bytes())
                .and_then(|_| stream.write_all(&body));
        }
    });
    (base, log)
}

/// A page outside the site, served only to the test: it loads a review in
/// a frame (the one after `?`, by default the 2026-Q3 review) and writes
/// what it measured into `#result`, which chromium's `--dump-dom` then
/// prints.
const PROBE: &str = r#"<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body><pre id="result">pending</pre>
<iframe id="page" width="1280" height="900"></iframe>
<script>
var frame = document.getElementById('page');
frame.addEventListener('load', function () {
  var doc = this.contentDocument;
  var images = Array.prototype.slice.call(doc.images);
  var out = [];
  images.forEach(function (img) {
    var src = img.getAttribute('src');
    var where = img.closest('#brief') ? ' in-brief' : '';
    out.push('img ' + (src.length > 60 ? src.slice(0, 60) : src) + ' ' + img.naturalWidth + 'x' + img.naturalHeight + ' shown ' + img.offsetWidth + where);
  });
  ['summary', 'balance', 'funnel', 'follow-up', 'spend', 'pipeline', 'data', 'method'].forEach(function (id) {
    out.push('anchor ' + id + ' ' + (doc.getElementById(id) ? 'present' : 'missing'));
  });
  document.getElementById('result').textContent = out.join('\n');
});
frame.src = decodeURIComponent(location.search.slice(1)) || '/reviews/2026-q3/index.html';
</script></body></html>"#;

/// The site's file at `path`; a page asked for with `?a4` or `?letter` is
/// given that paper size, as a reader picks it in the print dialog.
fn respond(site: &Path, path: &str) -> (u16, Vec<u8>, &'static str) {
    if path.starts_with("/__probe.html") {
        return (200, PROBE.as_bytes().to_vec(), "text/html; charset=utf-8");
    }
    if path.starts_with("/__pages.html") {
        return (
            200,
            PAGES_PROBE.as_bytes().to_vec(),
            "text/html; charset=utf-8",
        );
    }
    let Some(relative) = path.strip_prefix(SUB_PATH) else {
        return (404, Vec::new(), "text/plain");
    };
    let (relative, query) = relative.split_once('?').unwrap_or((relative, ""));
    let mut file = site.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        _ => "text/plain",
    };
    match std::fs::read(&file) {
        Ok(body) if matches!(query, "a4" | "letter") => (200, with_paper(body, query), kind),
        Ok(body) => (200, body, kind),
        Err(_) => (404, Vec::new(), "text/plain"),
    }
}

fn with_paper(page: Vec<u8>, paper: &str) -> Vec<u8> {
    let rule = format!("<style>@page {{ size: {paper}; }}</style></head>");
    String::from_utf8_lossy(&page)
        .replacen("</head>", &rule, 1)
        .into_bytes()
}

pub(super) fn run_chromium(chromium: &Path, args: &[String]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .output()
        .expect("run chromium")
}

#[test]
fn the_demo_site_loads_in_a_browser_under_a_sub_path() {
    let Some(chromium) = chromium() else { return };
    let site = demo_site().to_path_buf();
    let (base, log) = serve(site.clone());
    let shots = root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let review = format!("{base}2026-q3/index.html");
    // Chromium mostly waits while a page loads: the checks run side by
    // side, so the test takes about as long as its slowest check.
    std::thread::scope(|scope| {
        for (name, width, height) in [("review-desktop", 1280, 2000), ("review-phone", 390, 2400)] {
            let (chromium, shots, review) = (&chromium, &shots, &review);
            scope.spawn(move || screenshot(chromium, shots, review, name, (width, height)));
        }
        scope.spawn(|| {
            let dom = run_chromium(
                &chromium,
                &["--dump-dom".into(), format!("{base}index.html")],
            );
            assert!(
                String::from_utf8_lossy(&dom.stdout).contains("2026-Q3"),
                "index page rendered"
            );
        });
        scope.spawn(|| assert_charts_and_anchors(&chromium, &base));
        assert_every_page_loads(&chromium, &base, &site);
    });
    // The README's screenshot, refreshed on request (PNG bytes vary by machine).
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        let readme = root().join("docs/images/review-2026-q3.png");
        let shot = format!("--screenshot={}", readme.display());
        run_chromium(
            &chromium,
            &[shot, "--window-size=1100,1400".into(), review.clone()],
        );
    }
    let log = log.lock().unwrap().clone();
    for (path, status) in log.iter().filter(|(p, _)| !p.starts_with("/__")) {
        assert_eq!(*status, 200, "{path} was requested but is not in the site");
        assert!(path.starts_with(SUB_PATH), "{path} left the sub-path");
    }
    for needed in [
        "assets/style.css",
        "2026-q3/balance.svg",
        "2026-q3/weekly-flow.svg",
        "2026-q3/spend-revenue.svg",
        "tilt-history.svg",
    ] {
        assert!(
            log.iter().any(|(p, _)| p.ends_with(needed)),
            "{needed} was never loaded"
        );
    }
}

/// A screenshot of `url` at `size`, kept in `shots` as `name`.png.
fn screenshot(chromium: &Path, shots: &Path, url: &str, name: &str, size: (u32, u32)) {
    let out = shots.join(format!("{name}.png"));
    run_chromium(
        chromium,
        &[
            format!("--screenshot={}", out.display()),
            format!("--window-size={},{}", size.0, size.1),
            url.to_string(),
        ],
    );
    assert!(
        std::fs::metadata(&out)
            .map(|m| m.len() > 10_000)
            .unwrap_or(false),
        "{name} screenshot"
    );
}

/// Every chart of the review decodes with a size and is shown; every
/// section anchor is there; the browser logged no error.
fn assert_charts_and_anchors(chromium: &Path, base: &str) {
    let (result, _) = probe(chromium, base, "");
    let images: Vec<&str> = result.lines().filter(|l| l.starts_with("img ")).collect();
    assert!(images.len() >= 3, "charts on the review page: {result}");
    for image in images {
        assert!(
            !image.contains(" 0x0") && !image.ends_with("shown 0"),
            "a chart did not render: {image}"
        );
    }
    assert!(!result.contains("missing"), "{result}");
}

/// Loads `page` (a path on the server, or "" for the 2026-Q3 review) in
/// the probe; returns what it measured and the console log, having
/// asserted the log holds no error.
pub(super) fn probe(chromium: &Path, base: &str, page: &str) -> (String, String) {
    let origin = base.trim_end_matches(SUB_PATH);
    let run = run_chromium(
        chromium,
        &[
            "--dump-dom".into(),
            "--virtual-time-budget=10000".into(),
            "--enable-logging=stderr".into(),
            "--v=0".into(),
            format!("{origin}/__probe.html?{}", page.replace('#', "%23")),
        ],
    );
    let dom = String::from_utf8_lossy(&run.stdout);
    let result = dom
        .split("<pre id=\"result\">")
        .nth(1)
        .and_then(|r| r.split("</pre>").next())
        .unwrap_or("")
        .to_string();
    let log = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_no_console_error(&log, page);
    (result, log)
}

pub(super) fn assert_no_console_error(log: &str, page: &str) {
    for line in log.lines().filter(|l| l.contains("CONSOLE")) {
        assert!(
            !line.contains("Uncaught") && !line.contains("Failed to load"),
            "{page}: browser console: {line}"
        );
    }
}

/// Every page of the site loads from the server under the sub-path, and
/// the overview and the newest review also straight from the file system,
/// without a console error either way.
fn assert_every_page_loads(chromium: &Path, base: &str, site: &Path) {
    // The one-file reviews and the brief have tests of their own
    // (browser_paper); one brief stands for all here.
    let pages: Vec<String> = super::harness::all_files(site)
        .into_keys()
        .filter(|p| p.ends_with(".html") && !p.contains("/equinox-"))
        .filter(|p| !p.ends_with("brief.html") || p == "2026-q3/brief.html")
        .collect();
    assert!(pages.len() >= 6, "{pages:?}");
    assert_served_pages_render(chromium, base, &pages);
    // A page from the file system cannot sit in a frame of a served page:
    // one browser each, side by side.
    std::thread::scope(|scope| {
        for page in ["index.html", "latest/index.html"] {
            let url = format!("file://{}", site.join(page).display());
            scope.spawn(move || assert_page_renders(chromium, &url));
        }
    });
}

/// One browser loads every served page, each in a frame of one probe
/// page, and reports which rendered: one browser start instead of one
/// per page (starting chromium is most of this test's time).
fn assert_served_pages_render(chromium: &Path, base: &str, pages: &[String]) {
    let origin = base.trim_end_matches(SUB_PATH);
    let list = pages.join(",");
    let run = run_chromium(
        chromium,
        &[
            "--dump-dom".into(),
            "--virtual-time-budget=20000".into(),
            "--enable-logging=stderr".into(),
            "--v=0".into(),
            format!("{origin}/__pages.html?{list}"),
        ],
    );
    let dom = String::from_utf8_lossy(&run.stdout);
    for page in pages {
        assert!(
            dom.contains(&format!("rendered {page}\n")),
            "{page} did not render: {dom}"
        );
    }
    assert_no_console_error(&String::from_utf8_lossy(&run.stderr), "a served page");
}

/// The probe of [`assert_served_pages_render`]: every page after `?`
/// (comma-separated, relative to the sub-path) in a frame of its own;
/// once all have loaded, one line `rendered <page>` for each whose
/// heading is there.
const PAGES_PROBE: &str = r#"<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body><pre id="result">pending</pre>
<script>
var pages = location.search.slice(1).split(',');
pages.forEach(function (page) {
  var frame = document.createElement('iframe');
  frame.width = 1280; frame.height = 900;
  frame.src = '/reviews/' + page;
  frame.dataset.page = page;
  document.body.appendChild(frame);
});
window.addEventListener('load', function () {
  var out = '';
  Array.prototype.forEach.call(document.querySelectorAll('iframe'), function (frame) {
    var text = frame.contentDocument && frame.contentDocument.body ? frame.contentDocument.body.textContent : '';
    if (text.indexOf('Sales and marketing balance') >= 0) { out += 'rendered ' + frame.dataset.page + '\n'; }
  });
  document.getElementById('result').textContent = out;
});
</script></body></html>"#;

fn assert_page_renders(chromium: &Path, url: &str) {
    let run = run_chromium(
        chromium,
        &[
            "--dump-dom".into(),
            "--enable-logging=stderr".into(),
            "--v=0".into(),
            url.to_string(),
        ],
    );
    let dom = String::from_utf8_lossy(&run.stdout);
    assert!(
        dom.contains("Sales and marketing balance"),
        "{url} did not render"
    );
    assert_no_console_error(&String::from_utf8_lossy(&run.stderr), url);
}

pub(super) fn count_pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}
