//! `equinox check` on broken input: the report is compared with a snapshot
//! in tests/snapshots (set UPDATE_SNAPSHOTS=1 to rewrite it after a
//! deliberate change, then review the diff).

use super::harness::{assert_snapshot, fixture};
use std::process::Command;

fn check(input: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_equinox"))
        .arg("check")
        .arg("--input")
        .arg(input)
        .output()
        .expect("run equinox")
}

#[test]
fn check_reports_bad_date_missing_column_ambiguous_order_and_unknown_file() {
    let output = check(&fixture("check-broken"));
    assert_eq!(output.status.code(), Some(3));
    assert_snapshot(
        "check-broken.txt",
        &String::from_utf8(output.stdout).unwrap(),
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: 5 problem(s) in the input; each is listed above\n"
    );
}

#[test]
fn check_of_clean_input_exits_zero() {
    let temp = tempfile::tempdir().unwrap();
    for file in ["hubspot/contacts.csv", "ads/meta.csv"] {
        let target = temp.path().join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let text = std::fs::read_to_string(fixture("tiny").join(file)).unwrap();
        // Drop the tiny fixture's deliberately bad contact (line 7).
        let clean: String = text
            .lines()
            .filter(|l| !l.contains("31/02/2026"))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(target, clean).unwrap();
    }
    let output = check(temp.path());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.ends_with("No problems found.\n"), "{stdout}");
    assert!(
        stdout.contains("hubspot/contacts.csv  HubSpot contacts"),
        "{stdout}"
    );
}

#[test]
fn date_order_setting_resolves_the_ambiguity() {
    let temp = tempfile::tempdir().unwrap();
    let source = fixture("check-broken").join("hubspot/contacts-resaved-in-excel.csv");
    std::fs::copy(source, temp.path().join("contacts.csv")).unwrap();
    std::fs::write(
        temp.path().join("equinox.toml"),
        "[columns.\"contacts.csv\"]\ndate_order = \"day-first\"\n",
    )
    .unwrap();
    let output = check(temp.path());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    // 3/4/2026 read day-first is 3 April; 7/7/2026 is 7 July.
    assert!(stdout.contains("2026-04-03 – 2026-07-07"), "{stdout}");
}

#[test]
fn renamed_columns_are_found_through_the_columns_table() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(
        temp.path().join("leads.csv"),
        "Record ID,Created On,Lifecycle Stage,Original Source\n501,2026-07-01 09:00,Lead,Paid Search\n",
    )
    .unwrap();
    std::fs::write(
        temp.path().join("equinox.toml"),
        "[columns.\"HubSpot contacts\"]\n\"create date\" = \"Created On\"\n",
    )
    .unwrap();
    let output = check(temp.path());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("leads.csv  HubSpot contacts"), "{stdout}");
}

#[test]
fn unknown_column_name_in_settings_lists_the_valid_ones() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(
        temp.path().join("equinox.toml"),
        "[columns.\"HubSpot deals\"]\n\"closing date\" = \"Closed\"\n",
    )
    .unwrap();
    let output = check(temp.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("columns.\"HubSpot deals\".closing date: found \"closing date\", expected date_order or one of the column names: amount, associated contact ids, close date"), "{stderr}");
}
