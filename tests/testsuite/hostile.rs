//! Hostile, broken and huge files next to a good input: each gets a message
//! naming the file (and the line where there is one), is counted, and the
//! review's figures from the good files stay exactly what they were.

use super::harness::{all_files, build, fixture, json};
use std::io::Write;
use std::path::Path;

const DEALS_HEADER: &str = "\"Record ID\",\"Deal Name\",\"Deal Stage\",\"Pipeline\",\"Amount\",\"Close Date\",\"Create Date\",\"Deal owner\",\"Is Closed Won\",\"Is closed lost\",\"Original Source\",\"Associated Contact IDs\"";

/// Builds the tiny fixture plus `name` with `bytes`; returns the data-files
/// row of the hostile file and whether the other figures stayed the same.
fn build_with(name: &str, bytes: &[u8], settings_extra: &str) -> (Vec<String>, serde_json::Value) {
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path().join("input");
    for (relative, content) in all_files(&fixture("tiny")) {
        let target = input.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, content).unwrap();
    }
    let settings = std::fs::read_to_string(input.join("equinox.toml")).unwrap() + settings_extra;
    std::fs::write(input.join("equinox.toml"), settings).unwrap();
    std::fs::write(input.join(name), bytes).unwrap();
    let (_guard, site) = build(&input);
    let files = std::fs::read_to_string(site.join("2026-q3/data-files.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(files.as_bytes());
    let row = reader
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[0] == name)
        .unwrap_or_else(|| panic!("{name} is not listed: {files}"));
    let rejections = std::fs::read_to_string(site.join("2026-q3/rejections.csv")).unwrap();
    let mut cells: Vec<String> = row.iter().map(str::to_string).collect();
    cells.push(
        rejections
            .lines()
            .filter(|l| l.starts_with(name))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    (cells, json(&site, "2026-q3/metrics.json"))
}

/// The tiny fixture's figures, which a hostile neighbour must not change.
fn assert_figures_unchanged(m: &serde_json::Value) {
    let (_guard, site) = build(&fixture("tiny"));
    let plain = json(&site, "2026-q3/metrics.json");
    for key in [
        "funnel",
        "revenue",
        "spend",
        "speed_to_lead",
        "balance",
        "flow",
    ] {
        assert_eq!(m[key], plain[key], "{key} changed");
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn random_bytes_named_csv() {
    let bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let (row, m) = build_with("random.csv", &bytes, "");
    assert_eq!(row[1], "not recognised");
    assert!(
        row[7].starts_with("no header row of a supported export"),
        "{row:?}"
    );
    assert_figures_unchanged(&m);
}

#[test]
fn a_workbook_renamed_to_csv_is_named_as_such() {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(&[0u8; 200]);
    let (row, m) = build_with("report.csv", &bytes, "");
    assert!(
        row[7].contains("ZIP archive or an Excel workbook (.xlsx) renamed to .csv"),
        "{row:?}"
    );
    assert_figures_unchanged(&m);
}

#[test]
fn a_truncated_gzip_file() {
    let full = gzip(&std::fs::read(fixture("tiny").join("hubspot/deals.csv")).unwrap());
    let (row, m) = build_with("deals-copy.csv.gz", &full[..full.len() / 2], "");
    assert!(
        row[7].contains("cannot read the file") || row[8].contains("readable CSV row"),
        "{row:?}"
    );
    assert_figures_unchanged(&m);
}

#[test]
fn a_gzip_bomb_stops_at_the_configured_size() {
    let mut body = format!("{DEALS_HEADER}\n").into_bytes();
    body.resize(body.len() + 3 * 1024 * 1024, b'0');
    let (row, m) = build_with(
        "bomb.csv.gz",
        &gzip(&body),
        "\n[limits]\nmax_expanded_mb = 1\n",
    );
    assert!(row[9].contains("expands to more than 1 MB"), "{row:?}");
    assert_figures_unchanged(&m);
}

#[test]
fn a_single_line_longer_than_16_megabytes() {
    let mut body = format!("{DEALS_HEADER}\n\"901\",\"").into_bytes();
    body.resize(body.len() + 17 * 1024 * 1024, b'x');
    let (row, m) = build_with("huge.csv", &body, "");
    assert!(
        row[9].starts_with("huge.csv,2,,,a readable CSV row (a line longer than 16 MB"),
        "{row:?}"
    );
    assert_eq!((row[3].as_str(), row[4].as_str()), ("0", "1"));
    assert_figures_unchanged(&m);
}

#[test]
fn a_hundred_thousand_columns() {
    let header: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
    let body = format!("{}\n{}\n", header.join(","), vec!["1"; 100_000].join(","));
    let (row, m) = build_with("wide.csv", body.as_bytes(), "");
    assert_eq!(row[1], "not recognised");
    assert_figures_unchanged(&m);
}

#[test]
fn unbalanced_quotes_reject_the_row_and_the_file_goes_on() {
    let good = "\"902\",\"Fine\",\"Closed Won\",\"P\",\"10.0\",\"2026-08-01 10:00\",\"2026-07-01 10:00\",\"R\",\"true\",\"false\",\"\",\"\"";
    let body = format!(
        "{DEALS_HEADER}\n\"901\",\"Oops,\"Closed Won\",\"P\",\"10.0\",\"2026-08-01 10:00\",\"2026-07-01 10:00\",\"R\",\"true\",\"false\",\"\",\"\"\n{good}\n"
    );
    let (row, _m) = build_with("quotes.csv", body.as_bytes(), "");
    assert_eq!(
        (row[2].as_str(), row[3].as_str(), row[4].as_str()),
        ("2", "1", "1"),
        "{row:?}"
    );
    assert!(row[9].starts_with("quotes.csv,2,"), "{row:?}");
}

#[test]
fn invalid_utf8_deep_inside_a_utf8_file() {
    let mut body = format!("{DEALS_HEADER}\n").into_bytes();
    for i in 0..1000 {
        body.extend_from_slice(format!("\"{}\",\"Caf\u{e9} {i}\",\"Demo\",\"P\",\"10.0\",\"2026-12-01 10:00\",\"2026-07-01 10:00\",\"R\",\"false\",\"false\",\"\",\"\"\n", 10_000 + i).as_bytes());
    }
    body.extend_from_slice(b"\"99999\",\"Bad \xff\xfe name\",\"Demo\",\"P\",\"10.0\",\"2026-12-01 10:00\",\"2026-07-01 10:00\",\"R\",\"false\",\"false\",\"\",\"\"\n");
    let (row, _m) = build_with("utf8.csv", &body, "");
    // 1,000 good rows, then the broken one on line 1,002.
    assert_eq!((row[3].as_str(), row[4].as_str()), ("1000", "1"), "{row:?}");
    assert!(
        row[9].starts_with(
            "utf8.csv,1002,Deal Name,,\"text in UTF-8 or one encoding throughout the file"
        ),
        "{row:?}"
    );
}

#[test]
fn nul_bytes_in_a_cell() {
    let body = format!(
        "{DEALS_HEADER}\n\"903\",\"N\0L\",\"Closed Won\",\"P\",\"10.0\",\"2026-08-01 10:00\",\"2026-07-01 10:00\",\"R\",\"true\",\"false\",\"\",\"\"\n"
    );
    let (row, m) = build_with("nul.csv", body.as_bytes(), "");
    assert_eq!(row[3], "1");
    // The extra won deal is the only change: 12000.50 + 10.00.
    assert_eq!(m["revenue"]["won_amount"], serde_json::json!(12010.5));
}

#[test]
fn an_empty_file_and_a_header_only_file() {
    let (row, m) = build_with("empty.csv", b"", "");
    assert_eq!(row[7], "the file is empty");
    assert_figures_unchanged(&m);
    let (row, m) = build_with(
        "header-only.csv",
        format!("{DEALS_HEADER}\n").as_bytes(),
        "",
    );
    assert_eq!(
        (row[1].as_str(), row[2].as_str(), row[5].as_str()),
        ("HubSpot deals", "0", "1")
    );
    assert_figures_unchanged(&m);
}

#[test]
fn a_symlink_loop_in_the_input_is_not_followed() {
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path().join("input");
    for (relative, content) in all_files(&fixture("tiny")) {
        let target = input.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, content).unwrap();
    }
    std::os::unix::fs::symlink("..", input.join("loop")).unwrap();
    let (_guard, site) = build(&input);
    assert_eq!(
        json(&site, "2026-q3/metrics.json")["data_quality"]["files"],
        5,
        "the four exports and the link, listed"
    );
    let files = std::fs::read_to_string(site.join("2026-q3/data-files.csv")).unwrap();
    assert!(files.contains("loop,not recognised"), "{files}");
    assert!(files.contains("a link to a folder"), "{files}");
}

#[test]
fn a_file_that_disappears_before_it_is_read() {
    let settings = equinox::config::Settings::default();
    let missing = Path::new("/nonexistent/equinox/vanished.csv");
    let (records, ledger) =
        equinox::ingest::read_file(Path::new("/nonexistent"), missing, &settings);
    assert!(records.leads.is_empty());
    assert!(ledger.problem.unwrap().starts_with("cannot read the file"));
}

#[test]
fn a_file_that_shrinks_or_grows_while_read_is_noticed() {
    use equinox::ingest::FileState;
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("deals.csv");
    std::fs::write(&path, format!("{DEALS_HEADER}\n\"1\",\"A\",\"Demo\",\"P\",\"1.0\",\"\",\"2026-07-01 10:00\",\"\",\"false\",\"false\",\"\",\"\"\n")).unwrap();
    let before = FileState::of(&path);
    assert_eq!(
        before,
        FileState::of(&path),
        "an untouched file is the same"
    );
    std::fs::write(&path, DEALS_HEADER).unwrap();
    assert_ne!(
        before,
        FileState::of(&path),
        "a shorter file is a changed file"
    );
    std::fs::remove_file(&path).unwrap();
    assert_ne!(
        before,
        FileState::of(&path),
        "a vanished file is a changed file"
    );
}

#[test]
fn dates_before_1970_or_after_2106_are_rejected_by_name() {
    // Records keep moments in four bytes (see model::Stamp): a deal created
    // in 1969 or closing in 2200 is a typo, named as such, not a panic.
    let fine = "\"903\",\"Fine\",\"Closed Won\",\"P\",\"10.0\",\"2026-08-01 10:00\",\"2026-07-01 10:00\",\"R\",\"true\",\"false\",\"\",\"\"";
    let body = format!(
        "{DEALS_HEADER}\n\"901\",\"Old\",\"Closed Won\",\"P\",\"10.0\",\"2026-08-01 10:00\",\"1969-12-31 10:00\",\"R\",\"true\",\"false\",\"\",\"\"\n\"902\",\"Far\",\"Closed Won\",\"P\",\"10.0\",\"2200-08-01 10:00\",\"2026-07-01 10:00\",\"R\",\"true\",\"false\",\"\",\"\"\n{fine}\n"
    );
    let (row, _m) = build_with("dates.csv", body.as_bytes(), "");
    assert_eq!(
        (row[2].as_str(), row[3].as_str(), row[4].as_str()),
        ("3", "1", "2"),
        "{row:?}"
    );
    let rejections = &row[9];
    assert!(
        rejections.contains(
            "dates.csv,2,Create Date,1969-12-31 10:00,a date from 1970-01-01 to 2106-02-06"
        ),
        "{rejections}"
    );
    assert!(
        rejections.contains(
            "dates.csv,3,Close Date,2200-08-01 10:00,a date from 1970-01-01 to 2106-02-06"
        ),
        "{rejections}"
    );
}
