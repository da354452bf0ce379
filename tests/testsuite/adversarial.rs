//! Issue 14: the cases a deliberate attempt to break Equinox found (data
//! loss, wrong targets, leaks, unbounded resources, unclear messages), one
//! regression test each, named after the case. docs/reliability.md lists
//! them with the promise each one shows. Cases 7 and 15 are unit tests
//! (`privacy`, `serve`); case 14 starts the real server.

use super::harness::{all_files, build, fixture, json};
use equinox::Error;
use equinox::cmd::BuildOptions;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

fn equinox() -> Command {
    Command::new(env!("CARGO_BIN_EXE_equinox"))
}

/// A copy of the tiny fixture in `temp`/input, its settings with `top`
/// before and `tail` after the fixture's own.
fn tiny_input(temp: &Path, top: &str, tail: &str) -> PathBuf {
    let input = temp.join("input");
    for (relative, bytes) in all_files(&fixture("tiny")) {
        let target = input.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    let settings = std::fs::read_to_string(input.join("equinox.toml")).unwrap();
    std::fs::write(input.join("equinox.toml"), format!("{top}{settings}{tail}")).unwrap();
    input
}

fn build_into(input: &Path, output: &Path) -> Result<equinox::cmd::BuildSummary, Error> {
    equinox::cmd::build(&BuildOptions {
        input: input.to_path_buf(),
        output: output.to_path_buf(),
        strict: false,
        accept_restated: Vec::new(),
    })
}

/// The error and its causes, as the binary prints them.
fn chain(error: &Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn case_01_output_naming_a_file_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let folder = temp.path().join("elsewhere");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("keep.txt"), "kept").unwrap();
    let file = temp.path().join("report.docx");
    std::fs::write(&file, "precious").unwrap();
    let fifo = temp.path().join("fifo");
    mkfifo(&fifo);
    let dangling = temp.path().join("dangling");
    std::os::unix::fs::symlink(temp.path().join("nothing"), &dangling).unwrap();
    let to_folder = temp.path().join("to-folder");
    std::os::unix::fs::symlink(&folder, &to_folder).unwrap();
    for output in [&file, &fifo, &dangling, &to_folder] {
        let error = build_into(&fixture("tiny"), output).expect_err("must refuse");
        assert!(chain(&error).contains("not a folder"), "{error:?}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "precious");
    assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo_like());
    assert!(dangling.symlink_metadata().unwrap().is_symlink());
    assert!(to_folder.symlink_metadata().unwrap().is_symlink());
    assert_eq!(
        all_files(&folder).len(),
        1,
        "the link's target is untouched"
    );
}

/// `is_fifo` without importing the trait at every use.
trait FifoLike {
    fn is_fifo_like(&self) -> bool;
}

impl FifoLike for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

/// A build killed between the two renames of a two-step swap left the
/// site inside `.equinox-old-*` and no output; the next run puts it back,
/// even when that run itself fails, and says so when it succeeds.
#[test]
fn case_02_a_site_left_aside_by_an_interrupted_swap_is_restored() {
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "", "");
    let site = temp.path().join("site");
    build_into(&input, &site).unwrap();
    let before = all_files(&site);
    let aside = temp.path().join(".equinox-old-x1y2z3");
    std::fs::create_dir_all(&aside).unwrap();
    std::fs::rename(&site, aside.join("site")).unwrap();
    std::fs::write(input.join("notes/2026-Q3.md"), "ann.lee@alpha.example\n").unwrap();
    assert!(
        build_into(&input, &site).is_err(),
        "the privacy guard stops it"
    );
    assert_eq!(all_files(&site), before, "the old site is back");
    assert!(!aside.exists());

    std::fs::create_dir_all(&aside).unwrap();
    std::fs::rename(&site, aside.join("site")).unwrap();
    std::fs::write(input.join("notes/2026-Q3.md"), "Fine.\n").unwrap();
    let summary = build_into(&input, &site).unwrap();
    assert_eq!(summary.recovered.len(), 1, "{:?}", summary.recovered);
    assert!(summary.recovered[0].starts_with("restored the site"));
    assert!(site.join("2026-q3/index.html").is_file());
}

#[test]
fn case_03_temp_folders_of_a_killed_build_are_removed() {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("site");
    build_into(&fixture("tiny"), &site).unwrap();
    let staging = temp.path().join(".equinox-build-k1ll3d");
    std::fs::create_dir_all(staging.join("2026-q3")).unwrap();
    std::fs::write(staging.join(".equinox-site"), "").unwrap();
    std::fs::write(staging.join("2026-q3/index.html"), "half").unwrap();
    let old = temp.path().join(".equinox-old-k1ll3d");
    std::fs::create_dir_all(&old).unwrap();
    let foreign = temp.path().join(".equinox-build-not-ours");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.docx"), "precious").unwrap();
    let summary = build_into(&fixture("tiny"), &site).unwrap();
    assert!(!staging.exists() && !old.exists());
    assert_eq!(summary.recovered.len(), 2, "{:?}", summary.recovered);
    assert!(
        foreign.join("thesis.docx").is_file(),
        "only folders Equinox made are removed"
    );
    // The command says so on stderr, also when the build then fails.
    std::fs::create_dir_all(&old).unwrap();
    let run = equinox()
        .args(["build", "--input"])
        .arg(temp.path().join("no-such-input"))
        .arg("--output")
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let said = String::from_utf8(run.stderr).unwrap();
    assert!(said.starts_with("Recovered: removed "), "{said}");
}

#[test]
fn case_04_demo_refuses_a_folder_that_is_not_empty() {
    let temp = tempfile::tempdir().unwrap();
    let mine = temp.path().join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("equinox.toml"), "company = \"Mine\"\n").unwrap();
    let demo = |extra: &[&str]| {
        equinox()
            .args(["demo", "--leads", "40", "--out"])
            .arg(&mine)
            .args(extra)
            .output()
            .unwrap()
    };
    let refused = demo(&[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--replace"));
    assert_eq!(
        std::fs::read_to_string(mine.join("equinox.toml")).unwrap(),
        "company = \"Mine\"\n"
    );
    assert_eq!(demo(&["--replace"]).status.code(), Some(0));
    let no_out = equinox()
        .args(["demo", "--leads", "40"])
        .current_dir(temp.path())
        .output()
        .unwrap();
    assert_eq!(no_out.status.code(), Some(2), "--out must be given");
}

#[test]
fn case_05_an_output_inside_the_input_is_never_read() {
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "", "");
    let site = input.join("site");
    let first = build_into(&input, &site).unwrap();
    let second = build_into(&input, &site).unwrap();
    assert_eq!(second.totals, first.totals);
    assert_eq!(first.totals.files, 4);
}

#[test]
fn case_06_contact_details_in_rejected_cells_are_not_published() {
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "", "");
    let header = std::fs::read_to_string(input.join("hubspot/contacts.csv")).unwrap();
    let header = header.lines().next().unwrap();
    std::fs::write(
        input.join("hubspot/more.csv"),
        format!(
            "{header}\n\"103\",\"Cy\",\"Dee\",\"\",\"Rep One\",\"Lead\",\"\",\"cy.dee@gamma.example\",\"\",\"\",\"\",\"\",\"\",\"Paid Search\"\n\
             \"104\",\"Di\",\"Eve\",\"\",\"Rep One\",\"Lead\",\"\",\"+1 (555) 010-4477\",\"\",\"\",\"\",\"\",\"\",\"Paid Search\"\n"
        ),
    )
    .unwrap();
    let (_guard, site) = build(&input);
    let rejections = std::fs::read_to_string(site.join("2026-q3/rejections.csv")).unwrap();
    assert_eq!(
        rejections.matches("hubspot/more.csv").count(),
        2,
        "{rejections}"
    );
    assert!(rejections.contains("[email address]") && rejections.contains("[phone number]"));
    for (path, bytes) in all_files(&site) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("cy.dee") && !text.contains("010-4477"),
            "{path}"
        );
    }
}

#[test]
fn case_08_a_notes_file_linking_outside_the_input_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "", "");
    let secret = temp.path().join("passwd");
    std::fs::write(&secret, "root:x:0:0:SECRET-LINE\n").unwrap();
    std::fs::remove_file(input.join("notes/2026-Q3.md")).unwrap();
    std::os::unix::fs::symlink(&secret, input.join("notes/2026-Q3.md")).unwrap();
    let site = temp.path().join("site");
    let error = build_into(&input, &site).expect_err("must refuse");
    assert!(
        chain(&error).contains("outside the input folder"),
        "{error:?}"
    );
    assert_eq!(error.exit_code(), 2);
    assert!(!site.exists());
}

/// A header and `rows` rows of one lead id, gzipped.
fn repeated_lead(rows: usize) -> Vec<u8> {
    let contacts = std::fs::read_to_string(fixture("tiny").join("hubspot/contacts.csv")).unwrap();
    let mut lines = contacts.lines();
    let (header, row) = (lines.next().unwrap(), lines.next().unwrap());
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    writeln!(encoder, "{header}").unwrap();
    for _ in 0..rows {
        writeln!(encoder, "{row}").unwrap();
    }
    encoder.finish().unwrap()
}

/// Memory follows the distinct ids: the records a file of one repeated id
/// leaves are one lead, however many rows (growth measured, not time).
/// The expanded-size cap bounds the rows read, so the work too.
#[test]
fn case_09_memory_follows_distinct_ids_not_repeated_rows() {
    let temp = tempfile::tempdir().unwrap();
    let settings = equinox::config::Settings::default();
    for rows in [2_000, 20_000] {
        let path = temp.path().join(format!("repeat-{rows}.csv.gz"));
        std::fs::write(&path, repeated_lead(rows)).unwrap();
        let (records, ledger) = equinox::ingest::read_file(temp.path(), &path, &settings);
        assert_eq!(records.leads.len(), 1, "{rows} rows");
        assert_eq!(ledger.rows_used, rows as u64);
        assert_eq!(ledger.repeats_merged, rows as u64 - 1);
    }
    let capped = equinox::config::Settings::parse(
        "[limits]\nmax_expanded_mb = 1\n",
        Path::new("equinox.toml"),
    )
    .unwrap();
    let mut read = Vec::new();
    for rows in [20_000, 80_000] {
        let path = temp.path().join(format!("bomb-{rows}.csv.gz"));
        std::fs::write(&path, repeated_lead(rows)).unwrap();
        let (records, ledger) = equinox::ingest::read_file(temp.path(), &path, &capped);
        let last = &ledger.rejections.last().unwrap().expected;
        assert!(last.contains("expands to more than 1 MB"), "{last}");
        assert_eq!(records.leads.len(), 1);
        read.push(ledger.rows_read);
    }
    assert_eq!(read[0], read[1], "rows read stop at the cap: {read:?}");
}

#[test]
fn case_10_settings_that_are_no_regular_file_are_refused() {
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "", "");
    let settings = input.join("equinox.toml");
    std::fs::remove_file(&settings).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &settings).unwrap();
    let error = build_into(&input, &temp.path().join("site")).expect_err("/dev/zero");
    assert!(chain(&error).contains("regular files"), "{error:?}");
    std::fs::remove_file(&settings).unwrap();
    mkfifo(&settings);
    let (sender, receiver) = std::sync::mpsc::channel();
    let (fifo_input, output) = (input.clone(), temp.path().join("site"));
    std::thread::spawn(move || {
        let _ = sender.send(build_into(&fifo_input, &output).map(|_| ()));
    });
    let outcome = receiver
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("a fifo must not hang the build");
    assert!(chain(&outcome.expect_err("fifo")).contains("not a regular file"));
    std::fs::remove_file(&settings).unwrap();
    std::fs::write(&settings, "#".repeat(2 * 1024 * 1024)).unwrap();
    let error = build_into(&input, &temp.path().join("site")).expect_err("too large");
    assert!(chain(&error).contains("larger than"), "{error:?}");
}

#[test]
fn case_11_an_as_of_far_after_the_data_is_refused_naming_the_setting() {
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "as_of = \"3000-01-01\"\n", "");
    let error = build_into(&input, &temp.path().join("site")).expect_err("refused");
    let message = chain(&error);
    assert!(message.contains("as_of: found 3000-01-01"), "{message}");
    assert!(message.contains("at line 1, column 9"), "{message}");
    assert_eq!(error.exit_code(), 2);
    // Up to two periods after the newest data is fine (data ends in
    // September 2026; the bound is 184 days later).
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "as_of = \"2026-12-31\"\n", "");
    let summary = build_into(&input, &temp.path().join("site")).unwrap();
    assert_eq!(summary.reviews.last().map(String::as_str), Some("2026-Q4"));
}

fn settings_error(text: &str) -> String {
    let error = equinox::config::Settings::parse(text, Path::new("equinox.toml"))
        .expect_err("must be refused");
    error.to_string()
}

#[test]
fn case_12_out_of_range_sla_settings_are_refused_at_their_line() {
    let days = settings_error("[sla]\ndrop_after_days = 200000000000\n");
    assert!(
        days.starts_with(
            "equinox.toml: sla.drop_after_days: found 200000000000, expected a number from 1 to 3650 whole days"
        ) && days.contains("at line 2, column 19"),
        "{days}"
    );
    let hours = settings_error("company = \"X\"\n[sla]\nfirst_touch_hours = 1e308\n");
    assert!(
        hours.contains("sla.first_touch_hours: found 100000000") && hours.contains("at line 3"),
        "{hours}"
    );
    for setting in [
        "fx = { EUR = 1e300 }",
        "[targets]\npipeline_coverage = 1e300",
        "[targets]\nrevenue_per_period = 1e300",
        "[limits]\nmax_expanded_mb = 18446744073709551615",
    ] {
        settings_error(setting);
    }
}

#[test]
fn case_13_a_tiny_per_rep_capacity_never_shows_infinity() {
    let refused = settings_error("[capacity]\nleads_per_rep_week = 1e-308\n");
    assert!(
        refused.contains("expected a number from 0.01 to 10000"),
        "{refused}"
    );
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "", "");
    let settings = std::fs::read_to_string(input.join("equinox.toml")).unwrap();
    let smallest = settings.replace("leads_per_rep_week = 2", "leads_per_rep_week = 0.01");
    std::fs::write(input.join("equinox.toml"), smallest).unwrap();
    let (_guard, site) = build(&input);
    let tilt = json(&site, "2026-q3/metrics.json")["balance"]["tilt"].as_f64();
    assert!(tilt.is_some_and(f64::is_finite), "{tilt:?}");
    for (path, bytes) in all_files(&site) {
        let text = String::from_utf8_lossy(&bytes);
        for shown in ["inf×", "NaN×", "inf%", "NaN%", ">inf<", ">NaN<", "∞"] {
            assert!(!text.contains(shown), "{path} shows {shown}");
        }
    }
}

/// Stops the server however the test ends.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The status of a GET of `/` with the given Host header; 0 when no answer
/// came within ten seconds.
fn status_of_get(address: &str, host: &str) -> u16 {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut head = [0u8; 12];
    match stream.read_exact(&mut head) {
        Ok(()) => String::from_utf8_lossy(&head[9..12]).parse().unwrap_or(0),
        Err(_) => 0,
    }
}

#[test]
fn case_14_one_pipelining_client_does_not_block_the_others() {
    use std::io::{BufRead, BufReader};
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "", "");
    let mut child = KillOnDrop(
        equinox()
            .args(["serve", "--port", "0", "--input"])
            .arg(&input)
            .arg("--output")
            .arg(temp.path().join("site"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
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
    // 2,000 requests for the largest page, never reading an answer.
    let mut greedy = std::net::TcpStream::connect(&address).unwrap();
    greedy
        .set_write_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    let request = format!("GET /2026-q3/index.html HTTP/1.1\r\nHost: {address}\r\n\r\n");
    for _ in 0..2_000 {
        if greedy.write_all(request.as_bytes()).is_err() {
            break;
        }
    }
    assert_eq!(
        status_of_get(&address, &address),
        200,
        "another client is served"
    );
    assert_eq!(status_of_get(&address, "localhost"), 200);
    assert_eq!(
        status_of_get(&address, "rebound.attacker.example"),
        403,
        "DNS rebinding: a foreign Host is refused"
    );
    drop(greedy);
}

#[test]
fn case_16_a_linked_export_is_read_and_listed() {
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "", "");
    let (_plain_guard, plain) = build(&input);
    let outside = temp.path().join("downloads-deals.csv");
    std::fs::rename(input.join("hubspot/deals.csv"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, input.join("hubspot/deals.csv")).unwrap();
    let (_guard, site) = build(&input);
    let metrics = json(&site, "2026-q3/metrics.json");
    assert_eq!(
        metrics["revenue"],
        json(&plain, "2026-q3/metrics.json")["revenue"]
    );
    assert_eq!(metrics["data_quality"]["files"], 4);
    let files = std::fs::read_to_string(site.join("2026-q3/data-files.csv")).unwrap();
    assert!(
        files.contains("hubspot/deals.csv (a link to a file outside the input folder)"),
        "{files}"
    );
}

#[test]
fn case_17_a_templates_folder_is_used_only_when_the_settings_name_it() {
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "", "");
    let templates = temp.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("index.html"), "{% broken").unwrap();
    let (_guard, site) = build(&input);
    assert!(
        site.join("index.html").is_file(),
        "a stray folder is ignored"
    );

    std::fs::write(templates.join("index.html"), "<p>CUSTOM-INDEX</p>").unwrap();
    let settings = std::fs::read_to_string(input.join("equinox.toml")).unwrap();
    std::fs::write(
        input.join("equinox.toml"),
        format!("templates = \"../templates\"\n{settings}"),
    )
    .unwrap();
    let output = temp.path().join("named");
    let run = equinox()
        .args(["build", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let said = String::from_utf8(run.stdout).unwrap();
    assert!(
        said.contains("templates (the `templates` setting) replace: index.html"),
        "{said}"
    );
    let index = std::fs::read_to_string(output.join("index.html")).unwrap();
    assert_eq!(index, "<p>CUSTOM-INDEX</p>");
}

#[test]
fn case_18_a_column_value_of_the_wrong_type_is_reported_at_the_value() {
    let message =
        settings_error("company = \"X\"\n[columns.\"HubSpot deals\"]\n\"close date\" = 5\n");
    assert!(
        message.contains("columns.\"HubSpot deals\".close date: found integer 5, expected text")
            && message.contains("at line 3, column 16"),
        "{message}"
    );
}

#[test]
fn case_19_an_as_of_before_the_data_names_the_setting() {
    let temp = tempfile::tempdir().unwrap();
    let input = tiny_input(temp.path(), "as_of = \"1900-01-01\"\n", "");
    let error = build_into(&input, &temp.path().join("site")).expect_err("refused");
    let message = chain(&error);
    assert!(
        message.contains("as_of: found 1900-01-01, which is before the oldest date in the data"),
        "{message}"
    );
    assert!(!message.contains("no file held"), "{message}");
}
