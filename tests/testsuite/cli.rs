//! The binary as users run it: messages and exit codes.

use super::harness::fixture;
use std::process::Command;

fn equinox() -> Command {
    Command::new(env!("CARGO_BIN_EXE_equinox"))
}

#[test]
fn build_says_where_it_wrote_and_what_it_read() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("site");
    let output = equinox()
        .args(["build", "--input"])
        .arg(fixture("tiny"))
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(&format!("to {}", out.join("index.html").display())),
        "{stdout}"
    );
    assert!(
        stdout.contains("4 files read, 14 rows used, 2 rows rejected, 9 lines skipped"),
        "{stdout}"
    );
}

#[test]
fn verbose_shows_each_stage_and_its_steps_in_order() {
    let temp = tempfile::tempdir().unwrap();
    let output = equinox()
        .args(["build", "-v", "--input"])
        .arg(fixture("tiny"))
        .arg("--output")
        .arg(temp.path().join("site"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let names: Vec<&str> = stdout
        .lines()
        .filter(|l| l.trim_end().ends_with(" MB") && l.contains(" ms "))
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .find(|part| !part.is_empty())
                .unwrap_or("")
        })
        .collect();
    assert_eq!(
        names,
        [
            "settings",
            "ingest",
            "· leads, deals, ads",
            "· merge",
            "· activities",
            "metrics",
            "· dates",
            "· join",
            "· cohorts, capacity",
            "· lags",
            "· reach, plan mqls",
            "· names, method",
            "· periods",
            "render",
            "privacy",
            "write"
        ],
        "{stdout}"
    );
}

#[test]
fn strict_mode_fails_on_rejections_with_exit_code_3() {
    let temp = tempfile::tempdir().unwrap();
    let output = equinox()
        .args(["build", "--strict", "--input"])
        .arg(fixture("tiny"))
        .arg("--output")
        .arg(temp.path().join("site"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: strict mode: 2 row(s) rejected and 0 file(s) not read\n"
    );
    assert!(
        !temp.path().join("site").exists(),
        "no site is written on failure"
    );
}

#[test]
fn missing_input_folder_is_a_usage_error() {
    let temp = tempfile::tempdir().unwrap();
    let output = equinox()
        .args(["build", "--input"])
        .arg(temp.path().join("nope"))
        .arg("--output")
        .arg(temp.path().join("site"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("error: the input folder"));
}

#[test]
fn unknown_settings_key_names_line_and_valid_keys() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(
        temp.path().join("equinox.toml"),
        "company = \"X\"\n[sla]\nfirst_touch_hour = 4\n",
    )
    .unwrap();
    let output = equinox()
        .args(["build", "--input"])
        .arg(temp.path())
        .arg("--output")
        .arg(temp.path().join("../site-x"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("first_touch_hour"), "{stderr}");
    assert!(stderr.contains("first_touch_hours"), "{stderr}");
}

#[test]
fn init_makes_an_input_folder_that_checks_clean_and_never_overwrites() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("review");
    let output = equinox()
        .args(["init", "--today", "2026-11-25"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let shown = stdout.replace(&dir.display().to_string(), "<DIR>");
    super::harness::assert_snapshot("init.txt", &shown);
    // The commented settings are valid and equal the defaults.
    let settings = equinox::config::Settings::load(&dir).unwrap();
    assert_eq!(settings, equinox::config::Settings::default());
    assert!(dir.join("notes/2026-Q4.md").is_file());
    let again = equinox().args(["init"]).arg(&dir).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn completions_and_manual_page_come_from_the_command_definitions() {
    let bash = equinox().args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8(bash.stdout).unwrap();
    for command in ["build", "check", "init", "demo"] {
        assert!(
            script.contains(command),
            "{command} missing from completions"
        );
    }
    let man = equinox().arg("man").output().unwrap();
    let page = String::from_utf8(man.stdout).unwrap();
    assert!(page.contains(".TH equinox 1"), "{page}");
    assert!(page.contains("Build the review site"));
}

#[test]
fn every_settings_error_names_line_column_and_valid_values() {
    let cases = [
        (
            "unknown key",
            "company = \"X\"\n[sla]\nfirst_touch_hour = 4\n",
        ),
        ("wrong type", "[sla]\nfirst_touch_hours = \"soon\"\n"),
        ("bad month", "company = \"X\"\nfiscal_year_start = 13\n"),
        (
            "unknown function",
            "[sources.functions]\n\"Webinar\" = \"marketin\"\n",
        ),
        (
            "unknown column name",
            "[columns.\"HubSpot deals\"]\n\"closing date\" = \"Closed\"\n",
        ),
        (
            "stage weight above one",
            "[plan.stage_weights]\n\"Demo booked\" = 40\n",
        ),
    ];
    let mut transcript = String::new();
    for (case, settings) in cases {
        let temp = tempfile::tempdir().unwrap();
        std::fs::write(temp.path().join("equinox.toml"), settings).unwrap();
        let output = equinox()
            .args(["check", "--input"])
            .arg(temp.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{case}");
        let stderr = String::from_utf8(output.stderr)
            .unwrap()
            .replace(&temp.path().display().to_string(), "<INPUT>");
        transcript.push_str(&format!("## {case}\n{stderr}\n"));
    }
    super::harness::assert_snapshot("settings-errors.txt", &transcript);
}

/// Fetches a page from the local server with a bare HTTP/1.0 request.
fn fetch(address: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_rebuilds_when_an_input_changes_and_shows_a_broken_build() {
    use std::io::{BufRead, BufReader};
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path().join("input");
    for (relative, bytes) in super::harness::all_files(&fixture("tiny")) {
        let target = input.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    let mut child = KillOnDrop(
        equinox()
            .args(["serve", "--port", "0", "--input"])
            .arg(&input)
            .arg("--output")
            .arg(temp.path().join("site"))
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut first_line = String::new();
    BufReader::new(child.0.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let address = first_line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap()
        .to_string();
    let wait_for = |path: &str, wanted: &dyn Fn(u16, &str) -> bool| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
        loop {
            let (status, body) = fetch(&address, path);
            if wanted(status, &body) {
                return body;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {path}: {status} {body}"
            );
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    };
    let page = wait_for("/2026-q3/index.html", &|s, b| {
        s == 200 && b.contains("Tiny quarter.")
    });
    assert!(
        page.contains("/__equinox/version"),
        "served pages reload themselves"
    );
    std::fs::write(input.join("notes/2026-Q3.md"), "Second thoughts.\n").unwrap();
    wait_for("/2026-q3/index.html", &|s, b| {
        s == 200 && b.contains("Second thoughts.")
    });
    std::fs::write(input.join("equinox.toml"), "fiscal_year_start = 13\n").unwrap();
    let broken = wait_for("/2026-q3/index.html", &|s, b| {
        s == 200 && b.contains("role=\"alert\"")
    });
    assert!(broken.contains("fiscal_year_start"), "{broken}");
    assert!(
        broken.contains("Second thoughts."),
        "the last good site stays: {broken}"
    );
}

/// Stops the server however the test ends.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn each_error_class_has_its_message_and_exit_code() {
    let temp = tempfile::tempdir().unwrap();
    let empty = temp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let documents = temp.path().join("documents");
    std::fs::create_dir_all(&documents).unwrap();
    std::fs::write(documents.join("thesis.docx"), "x").unwrap();
    let runs: [(&str, Vec<std::ffi::OsString>); 5] = [
        (
            "usage: unknown flag",
            vec!["build".into(), "--colour".into()],
        ),
        (
            "usage: missing input folder",
            vec![
                "build".into(),
                "--input".into(),
                temp.path().join("nope").into(),
            ],
        ),
        (
            "build failed: no data",
            vec![
                "build".into(),
                "--input".into(),
                empty.clone().into(),
                "--output".into(),
                temp.path().join("out").into(),
            ],
        ),
        (
            "build failed: output is not a site",
            vec![
                "build".into(),
                "--input".into(),
                fixture("tiny").into(),
                "--output".into(),
                documents.into(),
            ],
        ),
        (
            "strict",
            vec![
                "build".into(),
                "--strict".into(),
                "--input".into(),
                fixture("tiny").into(),
                "--output".into(),
                temp.path().join("out").into(),
            ],
        ),
    ];
    let mut transcript = String::new();
    for (case, args) in runs {
        let output = equinox().args(&args).output().unwrap();
        let stderr = String::from_utf8(output.stderr)
            .unwrap()
            .replace(&temp.path().display().to_string(), "<TMP>")
            .replace(&fixture("tiny").display().to_string(), "<TINY>");
        transcript.push_str(&format!(
            "## {case}: exit {}\n{stderr}\n",
            output.status.code().unwrap_or(-1)
        ));
    }
    super::harness::assert_snapshot("error-classes.txt", &transcript);
}
