//! Issue 17: published reviews stay as published. `equinox publish`
//! records a review; a later build shows "Published …" when its headline
//! figures are unchanged and the restatement box when an export changed;
//! `--strict` fails on a restatement unless it is accepted.

use super::harness::{all_files, build, fixture, json};
use equinox::cmd::{PublishOptions, publish};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The tiny fixture's won deal 201 plus one more, won in August 2026.
const WON_DEAL: &str = "\"205\",\"Epsilon - New Business\",\"Closed Won\",\"Sales Pipeline\",\"3000.0\",\"2026-08-20 10:00\",\"2026-08-01 10:00\",\"Rep One\",\"true\",\"false\",\"Referrals\",\"\"\n";

/// A copy of a fixture to change; `clean` drops the tiny fixture's two
/// rejected rows (contact 106, deal 204) so `--strict` can pass.
fn copy_of(name: &str, clean: bool) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path().join("input");
    for (relative, bytes) in all_files(&fixture(name)) {
        let target = input.join(&relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let kept: String = text
            .split_inclusive('\n')
            .filter(|line| !clean || !(line.starts_with("\"106\"") || line.starts_with("\"204\"")))
            .collect();
        std::fs::write(target, kept).unwrap();
    }
    (temp, input)
}

fn publish_q3(input: &Path) -> PathBuf {
    let at = "2026-10-05T09:30:00Z".parse().unwrap();
    publish(&PublishOptions {
        input: input.to_path_buf(),
        period: "2026-q3".into(),
        at,
    })
    .expect("publish")
    .path
}

fn add_won_deal(input: &Path) {
    let deals = input.join("hubspot/deals.csv");
    let mut text = std::fs::read_to_string(&deals).unwrap();
    text.push_str(WON_DEAL);
    std::fs::write(deals, text).unwrap();
}

fn page(site: &Path, relative: &str) -> String {
    std::fs::read_to_string(site.join(relative)).unwrap()
}

/// The rows of the restatement box: (figure, published, now).
fn restated_rows(html: &str) -> Vec<[String; 3]> {
    let Some(table) = html
        .split("<table class=\"data restated-figures\">")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
    else {
        return Vec::new();
    };
    table
        .split("<tr><td>")
        .skip(1)
        .map(|row| {
            let cells: Vec<String> = row
                .split("</td>")
                .take(3)
                .map(|c| c.rsplit('>').next().unwrap_or("").to_string())
                .collect();
            [cells[0].clone(), cells[1].clone(), cells[2].clone()]
        })
        .collect()
}

#[test]
fn publishing_records_the_figures_the_inputs_and_when() {
    let (_temp, input) = copy_of("tiny", false);
    let path = publish_q3(&input);
    assert_eq!(path, input.join("published/2026-Q3.json"));
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(record["period"], "2026-Q3");
    assert_eq!(record["published_at"], "2026-10-05T09:30:00Z");
    assert_eq!(record["headlines"]["funnel.won"], 1.0);
    assert_eq!(record["headlines"]["revenue.won_amount"], 12000.5);
    assert_eq!(record["metrics"]["funnel"]["mqls"], 5);
    // equinox.toml and the four exports; the notes are no input of figures.
    let inputs: Vec<&str> = record["inputs"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        inputs,
        [
            "ads/Campaign report.csv",
            "ads/meta.csv",
            "equinox.toml",
            "hubspot/contacts.csv",
            "hubspot/deals.csv"
        ]
    );
    let deals = std::fs::read(input.join("hubspot/deals.csv")).unwrap();
    let hex: String = <sha2::Sha256 as sha2::Digest>::digest(&deals)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let digest = format!("sha256:{hex}");
    assert_eq!(record["inputs"]["hubspot/deals.csv"], digest.as_str());
}

#[test]
fn an_unchanged_published_review_says_published_and_nothing_else() {
    let (_temp, input) = copy_of("tiny", false);
    let (_before_guard, before) = build(&input);
    let record = publish_q3(&input);
    let (_guard, site) = build(&input);
    let review = page(&site, "2026-q3/index.html");
    assert!(review.contains("<p class=\"published\">Published 5 Oct 2026</p>"));
    assert!(!review.contains("Restated"), "no restatement box");
    assert!(!page(&site, "index.html").contains("restated"));
    assert!(page(&site, "index.html").contains("published 5 Oct 2026"));
    assert_eq!(
        std::fs::read(site.join("2026-q3/published.json")).unwrap(),
        std::fs::read(record).unwrap(),
        "the record is downloadable beside the page"
    );
    let reviews = json(&site, "reviews.json");
    assert_eq!(reviews[0]["published"], "2026-10-05");
    assert_eq!(reviews[0]["restated"], false);
    // published/ is no export: counted nowhere, the figures as before.
    let quality = |s: &Path| json(s, "2026-q3/metrics.json")["data_quality"].clone();
    assert_eq!(quality(&site), quality(&before));
    assert!(!page(&site, "2026-q3/data-files.csv").contains("published"));
    // The build clock never reaches the site: a second build is the same.
    let (_again_guard, again) = build(&input);
    assert_eq!(all_files(&site), all_files(&again));
}

#[test]
fn adding_a_won_deal_restates_exactly_the_figures_it_changed_and_names_the_file() {
    let (_temp, input) = copy_of("tiny", false);
    let record_path = publish_q3(&input);
    add_won_deal(&input);
    let (_guard, site) = build(&input);
    let review = page(&site, "2026-q3/index.html");
    assert!(review.contains("Restated since publication on 5 Oct 2026"));
    assert!(!review.contains("<p class=\"published\">"));
    // By hand: deal 205 won 3,000.00 on 2026-08-20, created 2026-08-01.
    // Won deals 1 -> 2; won revenue 12,000.50 -> 15,000.50; pipeline
    // created 25,000.50 -> 28,000.50; win rate 1/2 -> 2/3; average won
    // deal 12,000.50 -> 7,500.25 (the page shows whole dollars). Not
    // changed: CAC (not available: the fixture has no budget lines) and
    // return on ad spend (a referral is no paid source).
    let rows = restated_rows(&review);
    let row = |label: &str| {
        rows.iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("{label} not in {rows:?}"))
            .clone()
    };
    assert_eq!(row("Deals won")[1..], ["1", "2"]);
    assert_eq!(row("Won revenue")[1..], ["$12,001", "$15,001"]);
    assert_eq!(row("Pipeline created")[1..], ["$25,001", "$28,001"]);
    assert_eq!(row("Win rate")[1..], ["50%", "67%"]);
    assert_eq!(row("Average won deal")[1..], ["$12,001", "$7,500"]);
    assert_eq!(rows.len(), 5, "exactly the changed figures: {rows:?}");
    // And every headline figure the box leaves out is the same as published.
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&record_path).unwrap()).unwrap();
    let now = json(&site, "2026-q3/metrics.json");
    let listed: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let review_now = now_review(&input);
    for h in equinox::metrics::comparison::HEADLINES {
        let published = record["headlines"][h.key.key()].as_f64();
        let changed = published != (h.value)(&review_now);
        assert_eq!(
            changed,
            listed.contains(&equinox::render::label(h.key)),
            "{}",
            h.key
        );
    }
    assert_eq!(now["funnel"]["won"], 2);
    // The one changed file, by digest.
    let files = review
        .split("<ul class=\"changed-files\">")
        .nth(1)
        .and_then(|f| f.split("</ul>").next())
        .unwrap();
    assert_eq!(
        files.matches("<li>").count(),
        1,
        "one file changed: {files}"
    );
    assert!(files.contains("<span class=\"change-kind\">modified</span> hubspot/deals.csv"));
    let index = page(&site, "index.html");
    assert!(index.contains("restated since publication on 5 Oct 2026"));
    assert_eq!(json(&site, "reviews.json")[0]["restated"], true);
    // Publishing again records the new figures: the box is gone.
    publish_q3(&input);
    let (_again_guard, again) = build(&input);
    assert!(!page(&again, "2026-q3/index.html").contains("Restated"));
}

/// The review of 2026-Q3 as the library computes it now.
fn now_review(input: &Path) -> equinox::metrics::Review {
    equinox::analyse(input)
        .unwrap()
        .reviews
        .into_iter()
        .find(|r| r.period.label == "2026-Q3")
        .unwrap()
}

fn equinox_bin(args: &[&str], input: &Path, output: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_equinox"))
        .args(args)
        .arg("--input")
        .arg(input)
        .arg("--output")
        .arg(output)
        .output()
        .unwrap()
}

#[test]
fn strict_fails_on_a_restatement_unless_it_is_accepted() {
    let (temp, input) = copy_of("tiny", true);
    let out = temp.path().join("site");
    let published = Command::new(env!("CARGO_BIN_EXE_equinox"))
        .args([
            "publish",
            "2026-Q3",
            "--at",
            "2026-10-05T09:30:00Z",
            "--input",
        ])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(published.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&published.stdout).starts_with(
            "Published 2026-Q3 on 5 Oct 2026: 21 headline figures and the digests of 5 input files recorded in"
        ),
        "{}",
        String::from_utf8_lossy(&published.stdout)
    );
    let unchanged = equinox_bin(&["build", "--strict"], &input, &out);
    assert_eq!(
        unchanged.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&unchanged.stderr)
    );
    add_won_deal(&input);
    std::fs::remove_dir_all(&out).unwrap();
    let restated = equinox_bin(&["build", "--strict"], &input, &out);
    assert_eq!(restated.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&restated.stderr)
            .starts_with("error: strict mode: 2026-Q3 changed since publication (figures restated"),
        "{}",
        String::from_utf8_lossy(&restated.stderr)
    );
    assert!(!out.exists(), "no site is written on failure");
    let accepted = equinox_bin(
        &["build", "--strict", "--accept-restated", "2026-Q3"],
        &input,
        &out,
    );
    assert_eq!(accepted.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&accepted.stdout)
            .contains("2026-Q3 was restated: its figures changed since publication")
    );
    let other = equinox_bin(
        &["build", "--strict", "--accept-restated", "2026-Q2"],
        &input,
        &out,
    );
    assert_eq!(other.status.code(), Some(3), "accepting another period");
}

#[test]
fn a_broken_record_names_file_line_and_column_and_an_unknown_period_lists_the_known() {
    let (temp, input) = copy_of("tiny", false);
    std::fs::create_dir_all(input.join("published")).unwrap();
    std::fs::write(
        input.join("published/2026-Q3.json"),
        "{\n  \"period\": \"2026-Q3\",\n  \"published_at\": 5\n}\n",
    )
    .unwrap();
    let out = equinox_bin(&["build"], &input, &temp.path().join("site"));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("published/2026-Q3.json, line 3, column 19: not a publication record"),
        "{stderr}"
    );
    let unknown = Command::new(env!("CARGO_BIN_EXE_equinox"))
        .args(["publish", "2025-Q3", "--input"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&unknown.stderr),
        "error: no review for 2025-Q3 in this input; the periods are: 2026-Q3\n"
    );
}

#[test]
fn a_published_period_with_no_review_any_more_is_said_and_fails_strict() {
    let (temp, input) = copy_of("tiny", true);
    let record = publish_q3(&input);
    let text = std::fs::read_to_string(&record).unwrap();
    std::fs::write(
        input.join("published/2025-Q3.json"),
        text.replace("\"period\": \"2026-Q3\"", "\"period\": \"2025-Q3\""),
    )
    .unwrap();
    let out = temp.path().join("site");
    let built = equinox_bin(&["build"], &input, &out);
    assert_eq!(built.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&built.stdout).contains(
        "2025-Q3 was published but this build has no review for it (were its exports removed?)"
    ));
    let strict = equinox_bin(&["build", "--strict"], &input, &out);
    assert_eq!(strict.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&strict.stderr).starts_with("error: strict mode: 2025-Q3 changed")
    );
    let accepted = equinox_bin(
        &["build", "--strict", "--accept-restated", "2025-Q3"],
        &input,
        &out,
    );
    assert_eq!(accepted.status.code(), Some(0));
}

#[test]
fn check_lists_each_published_review_and_what_changed() {
    let (_temp, input) = copy_of("tiny", true);
    publish_q3(&input);
    let check = |input: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_equinox"))
            .args(["check", "--input"])
            .arg(input)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(
        check(&input).ends_with("\nPublished reviews:\n2026-Q3: published 5 Oct 2026, unchanged\n"),
        "{}",
        check(&input)
    );
    add_won_deal(&input);
    let restated = check(&input);
    let tail = restated.split("Published reviews:\n").nth(1).unwrap();
    assert_eq!(
        tail,
        "2026-Q3: restated since publication on 5 Oct 2026:\n  \
         Won revenue: 12000.5 -> 15000.5\n  \
         Deals won: 1 -> 2\n  \
         Pipeline created: 25000.5 -> 28000.5\n  \
         Win rate: 0.5 -> 0.6666666666666666\n  \
         Average won deal: 12000.5 -> 7500.25\n  \
         modified hubspot/deals.csv\n"
    );
}
