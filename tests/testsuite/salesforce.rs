//! Salesforce "Details Only" report exports: leads, opportunities (single
//! and multi-currency) and activities, each with the footer block Salesforce
//! writes after the data. Figures are computed by hand in the comments.

use super::harness::{assert_close, build, fixture, json};
use equinox::config::Settings;
use equinox::ingest::read_inputs;
use equinox::model::{Function, Outcome, Records, TouchKind};
use serde_json::json;
use std::path::Path;

/// Reads a fixture as the build does, for checks on the records themselves.
fn records(name: &str) -> (Records, equinox::ledger::Ledger) {
    let input = fixture(name);
    let settings = Settings::load(&input).expect("settings");
    read_inputs(&input, &settings)
}

/// Every line of every file is a data row (read) or a skipped line.
#[track_caller]
fn every_line_is_accounted_for(input: &Path, m: &serde_json::Value) {
    let lines: u64 = walkdir::WalkDir::new(input)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "csv"))
        .map(|e| {
            let bytes = std::fs::read(e.path()).expect("read");
            let newlines = bytes.iter().filter(|b| **b == b'\n').count() as u64;
            newlines + u64::from(bytes.last().is_some_and(|b| *b != b'\n'))
        })
        .sum();
    let q = &m["data_quality"];
    assert_eq!(
        q["rows_read"].as_u64().unwrap() + q["lines_skipped"].as_u64().unwrap(),
        lines
    );
}

fn rejections(site: &Path) -> Vec<String> {
    std::fs::read_to_string(site.join("2026-q3/rejections.csv"))
        .expect("rejections.csv")
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

#[test]
fn leads_report_with_its_footer() {
    let (_guard, site) = build(&fixture("salesforce-leads"));
    let m = json(&site, "2026-q3/metrics.json");

    // Newest moment: lead LdA06 created 9/8/2026 (date only, so midnight).
    assert_eq!(m["as_of"], "2026-09-08T00:00:00");
    // LdA01-LdA06 created in Q3 (LdA07 is rejected). Salesforce has no MQL
    // date: 0 MQLs. Converted Date is the SQL date: LdA01 7/9, LdA03 8/17.
    assert_eq!(
        m["funnel"],
        json!({"leads": 6, "mqls": 0, "sqls": 2, "opportunities": 0, "won": 0, "lost": 0})
    );
    // Ready for sales = creation. No first-touch times: the drop window (7
    // days) has closed for LdA01-LdA05 (LdA05: 9/1 + 7 days = 9/8 00:00 =
    // cut-off), but the statuses of LdA01, LdA03 (Closed - Converted),
    // LdA02 (Working - Contacted) and LdA05 (Closed - Not Converted) say
    // sales worked them: touched, time unknown, not dropped. LdA04 (Open -
    // Not Contacted) is dropped; LdA06 created on the cut-off is waiting.
    assert_eq!(m["speed_to_lead"]["dropped"], 1);
    assert_eq!(m["speed_to_lead"]["touched_time_unknown"], 4);
    assert_eq!(m["speed_to_lead"]["waiting"], 1);
    // 15 lines: header, 7 rows (1 rejected), 2 blank lines, 5 footer lines.
    // Skipped: header 1 + blank 2 + footer 5 = 8.
    assert_eq!(
        m["data_quality"],
        json!({"files": 1, "rows_read": 7, "rows_used": 6, "rows_rejected": 1, "lines_skipped": 8, "duplicates_merged": 0})
    );
    every_line_is_accounted_for(&fixture("salesforce-leads"), &m);
    let rejected = rejections(&site);
    assert_eq!(rejected.len(), 1);
    assert!(
        rejected[0].starts_with("salesforce/report1788880920000.csv,8,Created Date,9/31/2026,"),
        "{}",
        rejected[0]
    );
}

#[test]
fn leads_report_records_map_sources_and_keep_no_contact_data() {
    let (records, ledger) = records("salesforce-leads");
    assert_eq!(
        ledger.files[0].profile.as_deref(),
        Some("Salesforce leads report")
    );
    assert_eq!(ledger.files[0].encoding.as_deref(), Some("UTF-8"));
    let by_source: Vec<(&str, Function)> = records
        .leads
        .iter()
        .map(|l| (&*l.source, l.function))
        .collect();
    assert_eq!(
        by_source,
        [
            ("Web", Function::Marketing),
            ("Paid Search", Function::Marketing),
            ("Partner Referral", Function::Partner),
            ("Phone Inquiry", Function::Sales),
            ("Trade Show", Function::Marketing),
            ("Word of mouth", Function::Marketing),
        ]
    );
    let first = &records.leads[0];
    assert_eq!(first.id, "00Q5g00000LdA01");
    assert_eq!(first.owner.as_deref(), Some("Rep One"));
    assert_eq!(first.status.as_deref(), Some("Closed - Converted"));
    assert!(first.email_hash.is_some());
    assert_eq!(first.mql_at, None);
    assert_eq!(first.sql_at.unwrap().to_string(), "2026-07-09 00:00:00");
}

#[test]
fn opportunities_report_in_windows_1252_with_grand_totals() {
    let (_guard, site) = build(&fixture("salesforce-opportunities"));
    let m = json(&site, "2026-q3/metrics.json");

    // Newest moment: OpA02 closed lost 9/3/2026 (open deals' expected close
    // dates do not count).
    assert_eq!(m["as_of"], "2026-09-03T00:00:00");
    // Won (checkboxes Won 1, Closed 1): OpA01 8/14, and OpA04 9/1 whose
    // custom stage "Signed" only the Won checkbox identifies. Lost (Won 0,
    // Closed 1): OpA02 9/3.
    assert_eq!(m["funnel"]["won"], 2);
    assert_eq!(m["funnel"]["lost"], 1);
    // Won: 12,000.00 + 3,000.00 = 15,000.00. Created in Q3:
    // 12,000.00 + 5,500.00 + 8,250.50 + 3,000.00 + "USD 7,500.00" = 36,250.50
    // (OpA06, Amount "TBD", is rejected). Win rate 2 / 3.
    assert_close(&m["revenue"]["won_amount"], 15000.0);
    assert_close(&m["revenue"]["pipeline_created"], 36250.5);
    assert_close(&m["revenue"]["win_rate"], 2.0 / 3.0);
    // 15 lines (no final newline): header, 6 rows (1 rejected), Grand
    // Totals, 2 blank lines, 5 footer lines. Skipped: 1 + 1 + 2 + 5 = 9.
    assert_eq!(
        m["data_quality"],
        json!({"files": 1, "rows_read": 6, "rows_used": 5, "rows_rejected": 1, "lines_skipped": 9, "duplicates_merged": 0})
    );
    every_line_is_accounted_for(&fixture("salesforce-opportunities"), &m);
    let rejected = rejections(&site);
    assert_eq!(rejected.len(), 1);
    assert!(
        rejected[0].starts_with("report1788881040000.csv,7,Amount,TBD,"),
        "{}",
        rejected[0]
    );
}

#[test]
fn opportunities_report_decodes_windows_1252_names() {
    let (records, ledger) = records("salesforce-opportunities");
    assert_eq!(ledger.files[0].encoding.as_deref(), Some("windows-1252"));
    assert_eq!(
        ledger.files[0].profile.as_deref(),
        Some("Salesforce opportunities report")
    );
    // "Ren\xE9e Dubois": byte E9 is é in Windows-1252.
    assert_eq!(records.deals[1].owner.as_deref(), Some("Renée Dubois"));
    let outcomes: Vec<Outcome> = records.deals.iter().map(|d| d.outcome).collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Won,
            Outcome::Lost,
            Outcome::Open,
            Outcome::Won,
            Outcome::Open
        ]
    );
    assert_eq!(records.deals[4].amount.cents(), 750_000);
    assert_eq!(records.deals[2].function, Function::Marketing);
}

#[test]
fn multi_currency_opportunities_convert_or_are_rejected() {
    let (_guard, site) = build(&fixture("salesforce-opportunities-multicurrency"));
    let m = json(&site, "2026-q3/metrics.json");

    // Newest moment: Omicron closed won 9/15/2026.
    assert_eq!(m["as_of"], "2026-09-15T00:00:00");
    // Won (stage Closed Won, no checkboxes in these reports): Kappa EUR
    // 10,000.00 x 1.1 = 11,000.00, and Omicron, whose Amount (converted)
    // USD 21,600.00 is preferred over EUR 20,000.00 x 1.1. Lost: Lambda.
    assert_close(&m["revenue"]["won_amount"], 32600.0);
    assert_close(&m["revenue"]["win_rate"], 2.0 / 3.0);
    // Created in Q3: Kappa 11,000 + Lambda USD 4,000 + Mu GBP 2,000 x 1.25
    // = 2,500 + Omicron 21,600 + Pi 10,050 (converted; JPY has no rate but
    // the converted amount needs none) = 49,150. Nu in JPY is rejected.
    assert_close(&m["revenue"]["pipeline_created"], 49150.0);
    // Two files of 4 and 2 rows; each skips header 1 + blank 2 + footer 5.
    assert_eq!(
        m["data_quality"],
        json!({"files": 2, "rows_read": 6, "rows_used": 5, "rows_rejected": 1, "lines_skipped": 16, "duplicates_merged": 0})
    );
    every_line_is_accounted_for(&fixture("salesforce-opportunities-multicurrency"), &m);
    assert_eq!(
        rejections(&site),
        [
            "reports/report1789567500000.csv,5,Amount Currency,JPY,an amount in USD; add `JPY = <rate>` under [fx] in equinox.toml to convert JPY"
        ]
    );
}

#[test]
fn eighteen_digit_opportunity_ids_are_kept_in_their_fifteen_digit_form() {
    let (records, _) = records("salesforce-opportunities-multicurrency");
    let ids: Vec<&str> = records.deals.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "0065g00000MuA01",
            "0065g00000MuA02",
            "0065g00000MuA03",
            "0065g00000MuB01",
            "0065g00000MuB02"
        ]
    );
}

#[test]
fn activities_report_links_touches_to_leads() {
    let (_guard, site) = build(&fixture("salesforce-activities"));
    let m = json(&site, "2026-q3/metrics.json");

    // Newest moment: LdB03 converted 7/21 and the demo event on 7/21 (date only).
    assert_eq!(m["as_of"], "2026-07-21T00:00:00");
    // Leads LdB01-LdB03 created in July; custom MQL Date on LdB01 and LdB02;
    // SQL: LdB01's custom SQL Date 7/8, LdB03's Converted Date 7/21.
    assert_eq!(
        m["funnel"],
        json!({"leads": 3, "mqls": 2, "sqls": 2, "opportunities": 0, "won": 0, "lost": 0})
    );
    // Leads file: header 1 + blank 1 + footer 5 = 7 skipped, 3 rows.
    // Activities file: header 1 + blank 2 + footer 5 = 8 skipped, 7 rows of
    // which 2 rejected.
    assert_eq!(
        m["data_quality"],
        json!({"files": 2, "rows_read": 10, "rows_used": 8, "rows_rejected": 2, "lines_skipped": 15, "duplicates_merged": 0})
    );
    every_line_is_accounted_for(&fixture("salesforce-activities"), &m);
    let rejected = rejections(&site);
    assert_eq!(rejected.len(), 2);
    assert!(
        rejected[0].starts_with("report1784638920000.csv,7,Lead ID,,a Lead ID or Contact ID"),
        "{}",
        rejected[0]
    );
    assert!(
        rejected[1].starts_with("report1784638920000.csv,8,Completed Date/Time,7/32/2026 9:15 AM,"),
        "{}",
        rejected[1]
    );
}

#[test]
fn activities_become_touches_of_each_kind() {
    // Read on its own, a file keeps its touches (a whole build folds them).
    let input = fixture("salesforce-activities");
    let settings = Settings::load(&input).expect("settings");
    let (file_records, ledger) =
        equinox::ingest::read_file(&input, &input.join("report1784638920000.csv"), &settings);
    assert_eq!(
        ledger.profile.as_deref(),
        Some("Salesforce activities report")
    );
    let touches: Vec<(String, String, TouchKind, Option<&str>)> = file_records
        .touches
        .iter()
        .map(|t| {
            (
                t.lead_id.to_string(),
                t.at.to_string(),
                t.kind,
                t.owner.as_deref(),
            )
        })
        .collect();
    // Time: Completed Date/Time, else Created Date, else Date.
    assert_eq!(
        touches,
        [
            (
                "00Q5g00000LdB01".into(),
                "2026-07-06 09:30:00".into(),
                TouchKind::Call,
                Some("Rep One")
            ),
            (
                "00Q5g00000LdB01".into(),
                "2026-07-07 10:00:00".into(),
                TouchKind::Email,
                Some("Rep One")
            ),
            (
                "0035g00000CtA01".into(),
                "2026-07-21 00:00:00".into(),
                TouchKind::Meeting,
                Some("Rep Two")
            ),
            (
                "00Q5g00000LdB02".into(),
                "2026-07-14 14:15:00".into(),
                TouchKind::Task,
                Some("Rep Two")
            ),
            (
                "00Q5g00000LdB03".into(),
                "2026-07-15 16:45:00".into(),
                TouchKind::Call,
                Some("Rep Two")
            ),
        ]
    );
    // The leads report's 18-digit ids are cut to the 15 characters the
    // activities report uses, so the touches find their leads.
    let (records, _) = records("salesforce-activities");
    let lead_ids: Vec<&str> = records.leads.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        lead_ids,
        ["00Q5g00000LdB01", "00Q5g00000LdB02", "00Q5g00000LdB03"]
    );
    // The custom SQL Date wins over Converted Date; the same address in
    // other capitals hashes alike (duplicate detection).
    let l = &records.leads;
    assert_eq!(l[0].sql_at.unwrap().to_string(), "2026-07-08 11:00:00");
    assert_eq!(l[0].mql_at.unwrap().to_string(), "2026-07-06 09:00:00");
    assert_eq!(l[0].email_hash, l[2].email_hash);
    assert_ne!(l[0].email_hash, l[1].email_hash);
    assert_eq!(l[2].function, Function::Sales);
    // A build folds the five touches: the first lead's first since its
    // MQL (09:00) is Rep One's call at 09:30.
    assert_eq!(records.activity.touches, 5);
    let first = records.activity.of_lead(0).expect("touched");
    assert_eq!(first.first.unwrap().to_string(), "2026-07-06 09:30:00");
    assert_eq!(records.activity.owner(first.first_owner), Some("Rep One"));
}
