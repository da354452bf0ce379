//! `equinox serve`: build, serve the site on 127.0.0.1, rebuild when the
//! input folder or the templates change, and reload the open page.
//!
//! Changes are found by polling file times every half second: simple, and
//! the same on every file system (network drives and containers included).
//! Served pages get a small script that asks for the build number and
//! reloads when it changes; the built site itself carries no script. A
//! failed build does not stop the server: the last good site stays served,
//! with the error on top of every page (the `http` module serves the connections).

mod http;

use crate::cmd::build::{BuildOptions, build, template_folder};
use http::{Request, Response};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the input is checked for changes.
const POLL: Duration = Duration::from_millis(500);
const VERSION_PATH: &str = "/__equinox/version";
const RELOAD_SCRIPT: &str = "<script>(function(){var v=null;setInterval(function(){fetch('/__equinox/version').then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},700)})();</script>";

/// The state the server shares with the rebuild loop.
#[derive(Default)]
struct Live {
    version: AtomicU64,
    error: Mutex<Option<String>>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot serve on 127.0.0.1:{port}: {message}")]
pub struct ServeError {
    pub port: u16,
    pub message: String,
}

/// Builds once, then serves until the process is stopped. `ready` is told
/// the address once the server listens (port 0 picks a free one); `report`
/// is told the outcome of every build, a failure with its error.
pub fn serve(
    options: BuildOptions,
    port: u16,
    ready: impl FnOnce(SocketAddr),
    report: impl Fn(&str) + Send + Sync + 'static,
) -> Result<(), ServeError> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| ServeError {
        port,
        message: e.to_string(),
    })?;
    let address = listener.local_addr().map_err(|e| ServeError {
        port,
        message: e.to_string(),
    })?;
    let live = Arc::new(Live::default());
    // The input is fingerprinted before the first build, so a change made
    // while it runs (or before the watcher starts) is never missed.
    let before = input_fingerprint(&options);
    rebuild(&options, &live, &report);
    ready(address);
    let watcher = (Arc::clone(&live), options.clone());
    std::thread::spawn(move || watch(&watcher.1, &watcher.0, before, &report));
    let site = options.output.clone();
    http::run(
        listener,
        Arc::new(move |request: &Request| respond(&request.target, &site, &live)),
    );
    Ok(())
}

fn rebuild(options: &BuildOptions, live: &Live, report: &dyn Fn(&str)) {
    let outcome = build(options).err().map(|e| crate::error_chain(&e));
    match &outcome {
        Some(error) => report(&format!(
            "The build failed; still serving the last good site. {error}"
        )),
        None => report("Built."),
    }
    if let Ok(mut error) = live.error.lock() {
        *error = outcome;
    }
    live.version.fetch_add(1, Ordering::SeqCst);
}

/// Rebuilds whenever the input folder or the templates folder change.
fn watch(options: &BuildOptions, live: &Live, built_from: u64, report: &dyn Fn(&str)) {
    let mut last = built_from;
    loop {
        std::thread::sleep(POLL);
        let now = input_fingerprint(options);
        if now != last {
            last = now;
            rebuild(options, live, report);
        }
    }
}

/// The fingerprint of the input and of the templates folder the settings
/// name.
fn input_fingerprint(options: &BuildOptions) -> u64 {
    let templates = crate::config::Settings::load(&options.input)
        .ok()
        .and_then(|settings| template_folder(&options.input, &settings));
    fingerprint(&options.input, templates.as_deref())
}

/// A hash of every file's path, size and modification time. Hidden entries
/// (a build's staging folder) and Equinox sites (an output folder inside
/// the input) are left out: a build changing them must not start another.
fn fingerprint(input: &Path, templates: Option<&Path>) -> u64 {
    let mut hasher = DefaultHasher::new();
    for root in std::iter::once(input).chain(templates) {
        for entry in walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden_or_site(e))
            .flatten()
            // A folder's own time changes whenever a build makes its
            // staging folder in it: only files count.
            .filter(|e| !e.file_type().is_dir())
        {
            let modified = entry.metadata().ok().map(|m| (m.len(), m.modified().ok()));
            (entry.path(), modified).hash(&mut hasher);
        }
    }
    hasher.finish()
}

fn is_hidden_or_site(entry: &walkdir::DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
        || (entry.file_type().is_dir() && entry.path().join(crate::site::MARKER).is_file())
}

/// The answer to a GET of `url`. After a failed build, pages of the last
/// good site carry the error on top; where there is no such page (the
/// first build failed), the error is the page.
fn respond(url: &str, site: &Path, live: &Live) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == VERSION_PATH {
        let version = live.version.load(Ordering::SeqCst).to_string();
        return reply(200, "text/plain", version.into_bytes());
    }
    let Some(file) = site_file(site, path) else {
        return reply(404, "text/plain", b"not found".to_vec());
    };
    let is_page = file.extension().is_some_and(|e| e == "html");
    let error = live.error.lock().ok().and_then(|e| e.clone());
    match (std::fs::read(&file), error) {
        (Ok(bytes), error) if is_page => {
            let page = with_reload(with_error_banner(bytes, error.as_deref()));
            reply(200, "text/html; charset=utf-8", page)
        }
        (Ok(bytes), _) => reply(200, content_type(&file), bytes),
        (Err(_), Some(error)) if is_page => reply(
            500,
            "text/html; charset=utf-8",
            error_page(&error).into_bytes(),
        ),
        (Err(_), _) => reply(404, "text/plain", b"not found".to_vec()),
    }
}

/// The page with the build error shown first inside its body.
fn with_error_banner(mut page: Vec<u8>, error: Option<&str>) -> Vec<u8> {
    let Some(error) = error else { return page };
    let at = page
        .windows(5)
        .position(|w| w == b"<body")
        .and_then(|start| {
            page[start..]
                .iter()
                .position(|&b| b == b'>')
                .map(|end| start + end + 1)
        })
        .unwrap_or(0);
    let banner = format!(
        "<div role=\"alert\" style=\"font-family:system-ui,sans-serif;background:#fef2f2;color:#7f1d1d;border-bottom:2px solid #b91c1c;padding:1rem\"><strong>The last build failed; this is the last good site.</strong><pre style=\"white-space:pre-wrap;margin:.5rem 0 0\">{}</pre></div>",
        ammonia::clean_text(error)
    );
    page.splice(at..at, banner.bytes());
    page
}

/// The file a URL path names inside the site; `None` for paths that try to
/// leave it. A folder means its index.html.
fn site_file(site: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = PathBuf::from(percent_decode(url_path.trim_start_matches('/')));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let file = site.join(relative);
    Some(if file.is_dir() {
        file.join("index.html")
    } else {
        file
    })
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn with_reload(mut page: Vec<u8>) -> Vec<u8> {
    let at = page
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(page.len());
    page.splice(at..at, RELOAD_SCRIPT.bytes());
    page
}

fn error_page(error: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body style=\"font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem\"><h1>The build failed</h1><pre style=\"white-space:pre-wrap;background:#fef2f2;padding:1rem;border-radius:6px\">{}</pre><p>Fix the input and save: this page reloads when the next build is done.</p>{RELOAD_SCRIPT}</body></html>",
        ammonia::clean_text(error)
    )
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn reply(status: u16, kind: &'static str, body: Vec<u8>) -> Response {
    Response { status, kind, body }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        let site = Path::new("/srv/site");
        assert_eq!(
            site_file(site, "/2026-q3/metrics.json"),
            Some(PathBuf::from("/srv/site/2026-q3/metrics.json"))
        );
        assert_eq!(site_file(site, "/../etc/passwd"), None);
        assert_eq!(site_file(site, "/%2e%2e/secret"), None);
    }

    #[test]
    fn pages_get_the_reload_script_before_the_body_ends() {
        let page = String::from_utf8(with_reload(b"<html><body>x</body></html>".to_vec())).unwrap();
        assert!(page.ends_with("</script></body></html>"));
        let page = error_page("<b>bad</b>");
        assert!(page.contains("&lt;b&gt;bad") && !page.contains("<b>"));
    }

    /// Case 5 of issue 14: a build writing its site (and staging folder)
    /// inside the input must not look like a change of the input.
    #[test]
    fn the_site_and_staging_folders_inside_the_input_are_not_watched() {
        let temp = tempfile::tempdir().unwrap();
        let input = temp.path();
        std::fs::write(input.join("deals.csv"), "a,b\n").unwrap();
        let before = fingerprint(input, None);
        let site = input.join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join(crate::site::MARKER), "").unwrap();
        std::fs::write(site.join("index.html"), "x").unwrap();
        std::fs::create_dir_all(input.join(".equinox-build-x")).unwrap();
        assert_eq!(fingerprint(input, None), before);
        std::fs::write(input.join("deals.csv"), "a,b\n1,2\n").unwrap();
        assert_ne!(fingerprint(input, None), before);
    }

    /// Case 15 of issue 14: a failed rebuild keeps the last good site,
    /// with the error on top; with no site at all, `/` shows the error.
    #[test]
    fn case_15_a_failed_rebuild_keeps_serving_the_last_good_site() {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path();
        std::fs::write(
            site.join("index.html"),
            "<html><body class=\"x\"><p>Good figures</p></body></html>",
        )
        .unwrap();
        let live = Live::default();
        *live.error.lock().unwrap() = Some("equinox.toml: <bad> setting".into());
        let page = respond("/", site, &live);
        let body = String::from_utf8(page.body).unwrap();
        assert_eq!(page.status, 200);
        assert!(
            body.contains("<body class=\"x\"><div role=\"alert\""),
            "{body}"
        );
        assert!(body.contains("Good figures") && body.contains("&lt;bad&gt;"));
        let empty = tempfile::tempdir().unwrap();
        let first = respond("/", empty.path(), &live);
        assert_eq!(first.status, 500);
        assert!(
            String::from_utf8(first.body)
                .unwrap()
                .contains("&lt;bad&gt;")
        );
        *live.error.lock().unwrap() = None;
        assert_eq!(respond("/", empty.path(), &live).status, 404);
    }
}
