//! `equinox serve`: build, serve the site on 127.0.0.1, rebuild when the
//! input folder or the templates change, and reload the open page.
//!
//! Changes are found by polling file times every half second: simple, and
//! the same on every file system (network drives and containers included).
//! Served pages get a small script that asks for the build number and
//! reloads when it changes; the built site itself carries no script. A
//! failed build shows its error in the page instead of stopping the server.

use crate::{BuildOptions, build};
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
/// the address once the server listens (port 0 picks a free one).
pub fn serve(
    options: BuildOptions,
    port: u16,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| ServeError {
        port,
        message: e.to_string(),
    })?;
    let address = server.server_addr().to_ip().ok_or_else(|| ServeError {
        port,
        message: "no IP address".into(),
    })?;
    let live = Arc::new(Live::default());
    // The input is fingerprinted before the first build, so a change made
    // while it runs (or before the watcher starts) is never missed.
    let before = input_fingerprint(&options);
    rebuild(&options, &live);
    ready(address);
    let watcher = (Arc::clone(&live), options.clone());
    std::thread::spawn(move || watch(&watcher.1, &watcher.0, before));
    for request in server.incoming_requests() {
        let response = respond(request.url(), &options.output, &live);
        let _ = request.respond(response);
    }
    Ok(())
}

fn rebuild(options: &BuildOptions, live: &Live) {
    let outcome = build(options).err().map(|e| error_chain(&e));
    if let Ok(mut error) = live.error.lock() {
        *error = outcome;
    }
    live.version.fetch_add(1, Ordering::SeqCst);
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}

/// Rebuilds whenever the input folder or the templates beside it change.
fn watch(options: &BuildOptions, live: &Live, built_from: u64) {
    let mut last = built_from;
    loop {
        std::thread::sleep(POLL);
        let now = input_fingerprint(options);
        if now != last {
            last = now;
            rebuild(options, live);
        }
    }
}

fn input_fingerprint(options: &BuildOptions) -> u64 {
    let templates = options.input.parent().map(|p| p.join("templates"));
    fingerprint(&options.input, templates.as_deref())
}

/// A hash of every file's path, size and modification time.
fn fingerprint(input: &Path, templates: Option<&Path>) -> u64 {
    let mut hasher = DefaultHasher::new();
    for root in std::iter::once(input).chain(templates) {
        for entry in walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let modified = entry.metadata().ok().map(|m| (m.len(), m.modified().ok()));
            (entry.path(), modified).hash(&mut hasher);
        }
    }
    hasher.finish()
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn respond(url: &str, site: &Path, live: &Live) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == VERSION_PATH {
        return reply(
            200,
            "text/plain",
            live.version.load(Ordering::SeqCst).to_string().into_bytes(),
        );
    }
    let Some(file) = site_file(site, path) else {
        return reply(404, "text/plain", b"not found".to_vec());
    };
    let is_page = file.extension().is_some_and(|e| e == "html");
    if is_page && let Some(error) = live.error.lock().ok().and_then(|e| e.clone()) {
        return reply(
            500,
            "text/html; charset=utf-8",
            error_page(&error).into_bytes(),
        );
    }
    match std::fs::read(&file) {
        Ok(bytes) if is_page => reply(200, "text/html; charset=utf-8", with_reload(bytes)),
        Ok(bytes) => reply(200, content_type(&file), bytes),
        Err(_) => reply(404, "text/plain", b"not found".to_vec()),
    }
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
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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

fn reply(status: u16, kind: &str, body: Vec<u8>) -> Response {
    let header = tiny_http::Header::from_bytes("Content-Type", kind).expect("a valid header");
    tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header)
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
}
