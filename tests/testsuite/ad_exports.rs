//! Ad-platform exports beyond the basics: Google Ads "Excel CSV" (UTF-16,
//! tabs) and en-GB, Google Ads Editor sheets (refused), Meta lead results
//! and Spanish headers, LinkedIn with and without preamble (English and
//! pt-BR), Microsoft Ads. Every figure is computed by hand in the comments.

use super::harness::{assert_close, build, fixture, json};
use equinox::config::Settings;
use equinox::model::{Channel, Records};
use serde_json::json;
use std::path::Path;

/// The records and per-file encodings ingest reads from a fixture.
fn records(name: &str) -> Records {
    let input = fixture(name);
    let settings = Settings::load(&input).expect("settings");
    equinox::ingest::read_inputs(&input, &settings).0
}

fn encodings(name: &str) -> Vec<(String, Option<String>)> {
    let analysis = equinox::analyse(&fixture(name)).expect("analysis");
    analysis
        .ledger
        .files
        .into_iter()
        .map(|f| (f.path, f.encoding))
        .collect()
}

fn leads_of(records: &Records, channel: Channel) -> u64 {
    records
        .spend
        .iter()
        .filter(|s| s.channel == channel)
        .map(|s| s.leads)
        .sum()
}

fn csv_lines(site: &Path, relative: &str) -> Vec<String> {
    std::fs::read_to_string(site.join(relative))
        .unwrap_or_else(|e| panic!("{relative}: {e}"))
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn google_ads_excel_csv_and_en_gb_reports() {
    let (_guard, site) = build(&fixture("google-ads-utf16"));
    // Two reviews' worth of data: the en-GB file is January-February 2026,
    // the UTF-16 file July-September 2026; the cut-off is its last day.
    let q3 = json(&site, "2026-q3/metrics.json");
    assert_eq!(q3["as_of"], "2026-09-30T00:00:00");
    // UTF-16 file, USD rows: 245.67 + 1034.50 + 0.00 + 88.20 = 1368.37;
    // the EUR row (19.80) has no rate and is rejected; four totals skipped.
    assert_close(&q3["spend"]["by_channel"]["google_ads"], 1368.37);
    assert_close(&q3["spend"]["total"], 1368.37);
    // en-GB file in GBP at 1.25: 798.88 + 365.24 + 16.00 = 1180.12 GBP
    // = 998.60 + 456.55 + 20.00 = 1475.15 USD.
    let q1 = json(&site, "2026-q1/metrics.json");
    assert_close(&q1["spend"]["by_channel"]["google_ads"], 1475.15);
    assert_close(&json(&site, "2026-q2/metrics.json")["spend"]["total"], 0.0);
    // Rows: UTF-16 5 (4 used, 1 rejected), en-GB 3. Skipped: UTF-16
    // preamble 2 + header 1 + totals 4 = 7; en-GB 2 + 1 + 3 = 6.
    assert_eq!(
        q3["data_quality"],
        json!({"files": 2, "rows_read": 8, "rows_used": 7, "rows_rejected": 1, "lines_skipped": 13, "duplicates_merged": 0})
    );
    let rejections = csv_lines(&site, "2026-q3/rejections.csv");
    assert_eq!(rejections.len(), 2, "{rejections:?}");
    assert!(
        rejections[1].starts_with(
            "ads/Campaign report.csv,8,Currency code,EUR,an amount in USD; add `EUR = <rate>`"
        ),
        "{}",
        rejections[1]
    );
    assert_eq!(
        encodings("google-ads-utf16"),
        [
            (
                "ads/Campaign report (1).csv".to_string(),
                Some("UTF-8".to_string())
            ),
            (
                "ads/Campaign report.csv".to_string(),
                Some("UTF-16LE".to_string())
            ),
        ]
    );
    // Grouped counts, `--` and censored impression shares read per row.
    let records = records("google-ads-utf16");
    let munich = &records.spend[3];
    assert_eq!(munich.campaign, "Zahnimplantate München");
    assert_eq!((munich.impressions, munich.clicks), (1204, 88));
    assert_eq!(records.spend[4].impressions, 9380);
    assert_close(&json!(records.spend[4].conversions), 14.5);
    assert_eq!(records.spend[6].campaign, "Deck, siding & other_Mobile_RSL");
    // en-GB `Impr.`/`Conversions` spelling; `--` conversions mean zero.
    assert_eq!(records.spend[0].impressions, 31193);
    assert_close(&json!(records.spend[2].conversions), 0.0);
}

#[test]
fn google_ads_editor_sheets_are_listed_as_not_read_and_the_build_goes_on() {
    let (_guard, site) = build(&fixture("google-ads-editor"));
    let files = csv_lines(&site, "2026-q3/data-files.csv");
    assert_eq!(
        files[1],
        "ads/Campaign report (1).csv,not recognised,0,0,0,0,,\"this is a Google Ads Editor bulk-upload sheet, not a performance report; download the campaign report from Google Ads > Campaigns > Download instead\","
    );
    assert!(files[2].starts_with("ads/Campaign report.csv,Google Ads campaign report,2,2,0,5"));
    // The report beside it: 38950.00 + 40000.00 IDR (base currency).
    let m = json(&site, "2026-q3/metrics.json");
    assert_close(&m["spend"]["by_channel"]["google_ads"], 78950.0);
    assert_eq!(
        m["data_quality"],
        json!({"files": 2, "rows_read": 2, "rows_used": 2, "rows_rejected": 0, "lines_skipped": 5, "duplicates_merged": 0})
    );
}

#[test]
fn meta_counts_lead_results_only_and_reads_spanish_headers() {
    let (_guard, site) = build(&fixture("meta-leads"));
    let m = json(&site, "2026-q3/metrics.json");
    // English, Result indicator: 123.00 + 97.10 + 32.35 + 48.20 = 300.65
    // (the summary row without a campaign name skipped).
    // English, Result type: 50.00 + 60.30 + 44.00 + 27.00 + 15.00 = 196.30.
    // Spanish, EUR at 1.2: (85.20 + 34.10 + 30.00) * 1.2
    //   = 102.24 + 40.92 + 36.00 = 179.16.
    // "No data available." file: nothing. Total 300.65 + 196.30 + 179.16.
    assert_close(&m["spend"]["by_channel"]["meta_ads"], 676.11);
    // Rows 4 + 5 + 0 + 3; skipped: headers 4, summary row 1, "No data
    // available." 1.
    assert_eq!(
        m["data_quality"],
        json!({"files": 4, "rows_read": 12, "rows_used": 12, "rows_rejected": 0, "lines_skipped": 6, "duplicates_merged": 0})
    );
    let files = csv_lines(&site, "2026-q3/data-files.csv");
    assert!(files[1].starts_with(
        "meta/Daniel-Conlan-Campaigns-1-Jul-202630-Sep-2026.csv,Meta Ads export,0,0,0,2"
    ));
    assert!(files[4].starts_with(
        "meta/es/Clinica-Sol-Campanas-1-jul-2026-30-sept-2026.csv,Meta Ads export,3,3,0,1"
    ));
    // Leads: lead_grouped 12 + fb_pixel_lead 5 (initiate_checkout 7 and the
    // empty Results are not leads) = 17; Leads 4 + On-Facebook leads 3 +
    // Website leads 2 (messaging 9 and reach 5000 are not) = 9;
    // Clientes potenciales 6 + 2 = 8. Total 34.
    let records = records("meta-leads");
    assert_eq!(leads_of(&records, Channel::MetaAds), 34);
    let leads: Vec<u64> = records.spend.iter().map(|s| s.leads).collect();
    assert_eq!(leads, [4, 3, 2, 0, 0, 12, 5, 0, 0, 6, 0, 2]);
    // Conversions stay Meta's own Results, whatever their type.
    assert_close(&json!(records.spend[4].conversions), 5000.0);
    assert_eq!(records.spend[9].campaign, "Clientes – Formulario");
    assert_eq!(records.spend[9].impressions, 3100);
    assert_eq!(records.spend[9].clicks, 74);
}

#[test]
fn linkedin_utf16_export_with_preamble_in_english() {
    let (_guard, site) = build(&fixture("linkedin-preamble-en"));
    let m = json(&site, "2026-q3/metrics.json");
    // 412.35 + 288.10 + 150.00 + 99.55 = 950.00; 07/13/2026 is read
    // month-first (13 July).
    assert_close(&m["spend"]["by_channel"]["linkedin_ads"], 950.0);
    assert_eq!(m["as_of"], "2026-09-30T00:00:00");
    // Skipped: the five preamble lines (title, start, end, generated,
    // blank) and the header.
    assert_eq!(
        m["data_quality"],
        json!({"files": 1, "rows_read": 4, "rows_used": 4, "rows_rejected": 0, "lines_skipped": 6, "duplicates_merged": 0})
    );
    assert_eq!(
        encodings("linkedin-preamble-en")[0].1.as_deref(),
        Some("UTF-16LE")
    );
    // Leads 5 + (empty) 0 + 2 + 1 = 8.
    let records = records("linkedin-preamble-en");
    assert_eq!(leads_of(&records, Channel::LinkedinAds), 8);
    let days: Vec<String> = records.spend.iter().map(|s| s.day.to_string()).collect();
    assert_eq!(
        days,
        ["2026-07-01", "2026-07-13", "2026-08-04", "2026-09-30"]
    );
}

#[test]
fn linkedin_pt_br_export_reads_day_first_dates_and_decimal_commas() {
    let (_guard, site) = build(&fixture("linkedin-ptbr"));
    let m = json(&site, "2026-q3/metrics.json");
    // BRL at 0.2: "454,05" -> 90.81, "1.210,40" -> 242.08, "95,55" -> 19.11;
    // sum 352.00. The EUR row has no rate: rejected. 01/07/2026 is 1 July
    // (month-first it would be 7 January, outside Q3).
    assert_close(&m["spend"]["by_channel"]["linkedin_ads"], 352.0);
    assert_eq!(m["as_of"], "2026-09-02T00:00:00");
    assert_eq!(
        m["data_quality"],
        json!({"files": 1, "rows_read": 4, "rows_used": 3, "rows_rejected": 1, "lines_skipped": 1, "duplicates_merged": 0})
    );
    let rejections = csv_lines(&site, "2026-q3/rejections.csv");
    assert!(
        rejections[1].starts_with("csv/linkedin_09.csv,5,Moeda,EUR,an amount in USD"),
        "{}",
        rejections[1]
    );
    let records = records("linkedin-ptbr");
    let days: Vec<String> = records.spend.iter().map(|s| s.day.to_string()).collect();
    assert_eq!(days, ["2026-07-01", "2026-08-13", "2026-09-02"]);
    // Leads 4 + 6 + (empty) 0; impressions and clicks as plain integers.
    assert_eq!(leads_of(&records, Channel::LinkedinAds), 10);
    assert_eq!(
        (records.spend[1].impressions, records.spend[1].clicks),
        (8815, 64)
    );
}

#[test]
fn microsoft_ads_by_day_and_a_download_without_days() {
    let (_guard, site) = build(&fixture("microsoft-ads"));
    let m = json(&site, "2026-q3/metrics.json");
    // 512.24 + 3.12 + 487.25 + 41.60 = 1044.21; the three `… total` rows
    // skipped.
    assert_close(&m["spend"]["by_channel"]["microsoft_ads"], 1044.21);
    assert_eq!(
        m["data_quality"],
        json!({"files": 2, "rows_read": 4, "rows_used": 4, "rows_rejected": 0, "lines_skipped": 4, "duplicates_merged": 0})
    );
    let files = csv_lines(&site, "2026-q3/data-files.csv");
    assert_eq!(
        files[2],
        "bing/bing_08.csv,not recognised,0,0,0,0,,\"no header row of a supported export in the first 6 line(s); the nearest is Microsoft Ads campaign report, which also needs the column(s) \"\"day\"\"\","
    );
    // `-` conversions are zero; `Impr.` and `Conv.` spellings.
    let records = records("microsoft-ads");
    let conversions: Vec<f64> = records.spend.iter().map(|s| s.conversions).collect();
    assert_eq!(conversions, [4.0, 0.0, 3.0, 0.0]);
    assert_eq!(records.spend[0].impressions, 25389);
    assert_eq!(records.spend[3].day.to_string(), "2026-09-30");
}
