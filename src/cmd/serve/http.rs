//! The preview's HTTP server: GET and HEAD of files, nothing more. Every
//! connection gets its own thread with read and write timeouts, so a
//! client that sends requests without reading the answers (or sends
//! nothing) holds up only itself. Requests must name the preview by a
//! localhost name or a loopback address in `Host`, so a web page cannot
//! read the preview through DNS rebinding.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a connection may take to send a request or read an answer.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Longest request head (request line and headers) accepted.
const MAX_HEAD_BYTES: u64 = 16 * 1024;
/// Connections served at once; more wait in the system's queue.
const MAX_CONNECTIONS: usize = 64;

/// What the server needs to know of a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: String,
    /// The request target, e.g. `/2026-q3/index.html?x`.
    pub target: String,
    pub host: Option<String>,
    keep_alive: bool,
}

/// An answer: status, content type and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub kind: &'static str,
    pub body: Vec<u8>,
}

/// What answers a request; shared by every connection's thread.
pub type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

/// Accepts connections until the process stops, each served on its own
/// thread by `handler`.
pub fn run(listener: TcpListener, handler: Handler) {
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        while active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            std::thread::sleep(Duration::from_millis(20));
        }
        active.fetch_add(1, Ordering::SeqCst);
        let (handler, active) = (Arc::clone(&handler), Arc::clone(&active));
        std::thread::spawn(move || {
            let _ = serve_connection(stream, &handler);
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// Answers the requests of one connection in order until it closes, goes
/// quiet or stops reading.
fn serve_connection(stream: TcpStream, handler: &Handler) -> std::io::Result<()> {
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    while let Some(request) = read_request(&mut reader)? {
        let response = answer(&request, handler);
        write_response(&mut writer, &request, &response)?;
        if !request.keep_alive {
            break;
        }
    }
    Ok(())
}

/// The answer, after the checks every request passes.
fn answer(request: &Request, handler: &Handler) -> Response {
    if !request.host.as_deref().is_some_and(host_is_local) {
        return text(
            403,
            "the preview answers only to localhost names and loopback addresses",
        );
    }
    if request.method != "GET" && request.method != "HEAD" {
        return text(405, "only GET and HEAD");
    }
    handler(request)
}

fn text(status: u16, body: &str) -> Response {
    Response {
        status,
        kind: "text/plain; charset=utf-8",
        body: body.as_bytes().to_vec(),
    }
}

/// Reads one request head; `None` when the client closed the connection
/// or sent something that is not HTTP. The whole head must arrive within
/// [`TIMEOUT`] and [`MAX_HEAD_BYTES`].
fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Request>> {
    let deadline = Instant::now() + TIMEOUT;
    let mut lines = Vec::new();
    let mut budget = MAX_HEAD_BYTES;
    loop {
        let mut line = Vec::new();
        let read = reader.by_ref().take(budget).read_until(b'\n', &mut line);
        match read {
            Ok(0) => return Ok(None),
            Ok(n) => budget -= n as u64,
            Err(_) => return Ok(None),
        }
        if !line.ends_with(b"\n") || Instant::now() > deadline {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&line).trim_end().to_string();
        if line.is_empty() && !lines.is_empty() {
            break;
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    Ok(parse_head(&lines))
}

/// The request line and the headers that matter here.
fn parse_head(lines: &[String]) -> Option<Request> {
    let mut parts = lines.first()?.split_whitespace();
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    let header = |name: &str| {
        lines[1..].iter().find_map(|l| {
            let (key, value) = l.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    };
    let connection = header("connection")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let has_body =
        header("content-length").is_some_and(|l| l != "0") || header("transfer-encoding").is_some();
    // A body is never read, so the connection cannot be trusted to go on.
    let keep_alive = !has_body
        && match version {
            "HTTP/1.1" => connection != "close",
            _ => connection == "keep-alive",
        };
    Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        host: header("host"),
        keep_alive,
    })
}

/// `localhost`, a name under `.localhost`, or a loopback address, with or
/// without a port.
pub fn host_is_local(host: &str) -> bool {
    if host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback()) {
        return true;
    }
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host
            .rsplit_once(':')
            .filter(|(_, port)| port.parse::<u16>().is_ok())
            .map_or(host, |(name, _)| name),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn write_response(
    writer: &mut TcpStream,
    request: &Request,
    response: &Response,
) -> std::io::Result<()> {
    let connection = if request.keep_alive {
        "keep-alive"
    } else {
        "close"
    };
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: {connection}\r\n\r\n",
        response.status,
        reason(response.status),
        response.kind,
        response.body.len()
    );
    writer.write_all(head.as_bytes())?;
    if request.method != "HEAD" {
        writer.write_all(&response.body)?;
    }
    writer.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_hosts_are_answered() {
        for host in [
            "localhost",
            "localhost:8000",
            "LOCALHOST.",
            "app.localhost:80",
            "127.0.0.1:8000",
            "127.1.2.3",
            "[::1]:8000",
            "::1",
        ] {
            assert!(host_is_local(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "10.0.0.1:8000",
            "[::2]:80",
            "",
        ] {
            assert!(!host_is_local(host), "{host}");
        }
    }

    #[test]
    fn heads_are_parsed_with_keep_alive_by_version() {
        let lines = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let request = parse_head(&lines(&["GET /a HTTP/1.1", "Host: localhost"])).unwrap();
        assert_eq!(request.target, "/a");
        assert_eq!(request.host.as_deref(), Some("localhost"));
        assert!(request.keep_alive);
        let request = parse_head(&lines(&["GET /a HTTP/1.0"])).unwrap();
        assert!(!request.keep_alive && request.host.is_none());
        assert!(parse_head(&lines(&["nonsense"])).is_none());
    }
}
