//! Issue 12, "real portals, real exports": exports as their users
//! configured them, each fixture built from the header rows and value
//! shapes of real downloads, every figure computed by hand (the arithmetic
//! is in the comments). Each fixture sets `as_of = "2026-09-30"`
//! (23:59:59) unless it says otherwise.

use super::harness::{assert_close, build, fixture, json};
use serde_json::json;

/// A portal of today: `Original Traffic Source` with drill-downs, v2
/// lifecycle columns whose MQL and SQL dates are empty for every contact,
/// first touches only in the contacts' own fields, counts written `2.0`.
#[test]
fn hubspot_v2_portal_without_mql_or_activities() {
    let (_guard, site) = build(&fixture("hubspot-v2-portal"));
    let m = json(&site, "2026-q3/metrics.json");
    // No contact has an MQL date: every lead is ready when created and
    // counts as supply.
    assert_eq!(m["method"]["ready_for_sales"], "created");
    // Q3: 101-108 created; 105 entered Opportunity on 08-10.
    assert_eq!(
        m["funnel"],
        json!({"leads": 8, "mqls": 0, "sqls": 0, "opportunities": 1, "won": 0, "lost": 0})
    );
    // Sources from `Original Traffic Source`, not the latest (108 was
    // Direct Traffic first, Paid Social last).
    let sources = &m["segments"]["by_source"];
    assert_eq!(sources["Direct Traffic"]["leads"], 1);
    assert!(sources.get("Paid Social").is_none());
    assert!(sources.get("(none)").is_none());
    // `Offline Sources / IMPORT` (106) is mapped to marketing; 102
    // (`EXTENSION`) stays sales, 103 (Referrals) partner.
    let by_function = &m["segments"]["by_function"];
    assert_eq!(by_function["marketing"]["leads"], 6);
    assert_eq!(by_function["sales"]["leads"], 1);
    assert_eq!(by_function["partner"]["leads"], 1);
    // First touches from `Date of first engagement` of a sales type:
    // 101 Email 2 h, 102 Meeting 24 h, 105 Email 48 h. 107's first
    // engagement is an incoming email: not a touch, and nothing else says
    // it was contacted: dropped, as 104. 103 (3.0 times contacted, last
    // contacted 07-20) and 106 (1.0 sales activity) are touched at an
    // unknown time. 108 (09-28) is still waiting.
    let s = &m["speed_to_lead"];
    assert_eq!(s["leads"], 8);
    assert_eq!(s["touched"], 3);
    assert_eq!(s["touched_time_unknown"], 2);
    assert_eq!(s["dropped"], 2);
    assert_eq!(s["waiting"], 1);
    assert_close(&s["median_hours_touched"], 24.0);
    // Every wait: 2, 24, 48 and the untouched 108 (since 09-28 09:00, 62 h
    // 59 m 59 s at the cut-off), 104 and 107 (weeks): the median of six
    // between 48 and 108's wait so far, a lower bound.
    assert_eq!(s["censored"], 3);
    let waited_108 = 62.0 + 59.0 / 60.0 + 59.0 / 3600.0;
    assert_close(&s["median_hours"], (48.0 + waited_108) / 2.0);
    assert_eq!(s["median_at_least"], true);
    // Judged: 101, 102 on time; 105, 104, 107 and 108 (ready 09-28 09:00,
    // SLA closed 09-29 09:00) not; the untimed two are not judged: 2 / 6.
    assert_close(&s["within_sla"], 2.0 / 6.0);
    let bands: Vec<(String, u64)> = s["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["band"].as_str().unwrap().to_string(),
                b["leads"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bands,
        [
            ("0-1h".to_string(), 0),
            ("1-24h".to_string(), 2),
            ("1-7d".to_string(), 1),
            (">7d".to_string(), 0),
            ("time unknown".to_string(), 2),
            ("never".to_string(), 3),
        ]
    );
    // Supply: 8 new leads over 92 days = 8 / (92 / 7) a week. Capacity:
    // rep-weeks of first touches of leads handed to sales over the
    // trailing year, one each; no rep ever had a lead waiting through a
    // working week: a lower bound of 1 a rep-week. One rep active in Q3:
    // Joey (101, 105); Ana's only Q3 first touch is 102, her own prospect
    // (EXTENSION, sales), which capacity does not count. Tilt at most
    // log2((8 / (92 / 7)) / 1): sales-heavy even so.
    let b = &m["balance"];
    let supply = 8.0 / (92.0 / 7.0);
    assert_close(&b["supply_per_week"], supply);
    assert_eq!(b["active_reps"], 1);
    assert_eq!(b["capacity_basis"], "lower_bound");
    assert_close(&b["capacity_per_week"], 1.0);
    assert_close(&b["tilt"], supply.log2());
    assert_eq!(b["verdict"], "sales-heavy");
    assert!(m["unavailable"].get("balance.tilt").is_none());
    // Every row used.
    assert_eq!(m["data_quality"]["rows_read"], 14);
    assert_eq!(m["data_quality"]["rows_used"], 14);
    // The Method section names each fallback.
    let page = std::fs::read_to_string(site.join("2026-q3/index.html")).unwrap();
    assert!(page.contains("No lead in the exports has an MQL date"));
    assert!(page.contains("No activity export was read"));
    assert!(page.contains("touched, time unknown"));
}

fn rejections(site: &std::path::Path, slug: &str) -> Vec<String> {
    let csv = std::fs::read_to_string(site.join(slug).join("rejections.csv")).expect("rejections");
    csv.lines().skip(1).map(str::to_string).collect()
}

/// The report `equinox check` prints for a fixture.
fn check_text(name: &str) -> String {
    equinox::cmd::check(&fixture(name)).expect("check").text
}

/// The Opportunities report with its default columns: no `Opportunity
/// ID`, so identity is name + account + created date; won and lost from
/// `Stage`. Two overlapping reports hold Acme's renewal twice.
#[test]
fn salesforce_default_opportunities_report_without_id() {
    let (_guard, site) = build(&fixture("salesforce-default-opportunities"));
    let m = json(&site, "2026-q3/metrics.json");
    // Won: Acme 12,000 (08-14), Umbrella 4,000 (09-25); lost: Globex
    // (09-03). Hooli's `Closed - Other` is closed without an outcome:
    // open, and a problem in check.
    assert_eq!(m["funnel"]["won"], 2);
    assert_eq!(m["funnel"]["lost"], 1);
    assert_close(&m["revenue"]["won_amount"], 16000.0);
    // Created in Q3: 12,000 + 5,000 + 8,500 + 1,000 + 4,000.
    assert_close(&m["revenue"]["pipeline_created"], 30500.0);
    assert_close(&m["revenue"]["win_rate"], 2.0 / 3.0);
    // Acme's renewal in both reports counts once.
    assert_eq!(m["data_quality"]["duplicates_merged"], 1);
    assert_eq!(m["data_quality"]["rows_read"], 6);
    assert_eq!(m["data_quality"]["rows_used"], 6);
    let check = check_text("salesforce-default-opportunities");
    assert!(
        check.contains("deal stage \"Closed Won\": won (by name or [stages]) (2 deal(s))"),
        "{check}"
    );
    assert!(check.contains("deal stage \"Negotiation/Review\": open (1 deal(s))"));
    assert!(check.contains(
        "warning: report1788881040000.csv: deal stage \"Closed - Other\" (1 deal(s)) says closed but not whether won or lost"
    ));
}

/// A Dutch-locale org: semicolons, every field quoted, `17-7-2018`
/// dates, decimal commas with ten decimals, an empty amount beside its
/// currency code, a deal closed before it was created.
#[test]
fn salesforce_report_from_a_dutch_locale_org() {
    let (_guard, site) = build(&fixture("salesforce-nl"));
    let m = json(&site, "2018-q3/metrics.json");
    // Won: Deal 1 12,500.00 (27-7), Deal 2 1,150.00 (converted from GBP by
    // Salesforce, 14-8), Deal 6 2,000.00 (10-9); lost: Deal 4 (20-9).
    assert_eq!(m["funnel"]["won"], 3);
    assert_eq!(m["funnel"]["lost"], 1);
    assert_close(&m["revenue"]["won_amount"], 15650.0);
    // Created in Q3: 12,500 + 1,150 + 0 (Deal 3: no amount) + 500 + 2,000.
    assert_close(&m["revenue"]["pipeline_created"], 16150.0);
    assert_close(&m["revenue"]["win_rate"], 0.75);
    // The leads report has no Lead ID: three leads, known by a hash of
    // name, company and creation.
    assert_eq!(m["funnel"]["leads"], 3);
    assert_eq!(m["data_quality"]["rows_used"], 10);
    assert_eq!(m["data_quality"]["rows_rejected"], 0);
    // Deal 5 was created and won in 2015-Q1: that quarter has a review;
    // the thirteen quarters without data after it have none, and 2018-Q3
    // says so. Deal 7 is created after the cut-off: in no review. Deal 6
    // closed before it was created.
    let reviews = json(&site, "reviews.json");
    let labels: Vec<&str> = reviews
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2018-Q3", "2015-Q1"]);
    assert_eq!(
        m["unavailable"]["comparison.previous"],
        "no data between 2015-Q1 and 2018-Q3: the periods in between have no review"
    );
    assert_eq!(
        m["deal_checks"],
        json!({"outside_periods": 1, "closed_before_created": 1})
    );
    let page = std::fs::read_to_string(site.join("2018-q3/index.html")).unwrap();
    assert!(page.contains("1 won or lost deal(s) have a close date before their created date"));
}

/// Pipedrive's Portuguese interface: no `Deal - ` prefix, Portuguese
/// headers and statuses, and dates whose days are all 12 or less: read
/// day-first, as the interface language writes them.
#[test]
fn pipedrive_deals_in_portuguese() {
    let (_guard, site) = build(&fixture("pipedrive-pt"));
    let m = json(&site, "2026-q3/metrics.json");
    // Created 10/07, 11/07, 12/09 (July, July, September); Ganho on
    // 01/08 (1,500), Perdido on 02/09, Aberto; each deal is also its lead.
    assert_eq!(
        m["funnel"],
        json!({"leads": 3, "mqls": 0, "sqls": 0, "opportunities": 0, "won": 1, "lost": 1})
    );
    assert_close(&m["revenue"]["won_amount"], 1500.0);
    // 1,500 + 2,500 + 800.
    assert_close(&m["revenue"]["pipeline_created"], 4800.0);
    assert_close(&m["revenue"]["win_rate"], 0.5);
    assert_eq!(m["data_quality"]["rows_used"], 3);
    let check = check_text("pipedrive-pt");
    assert!(
        check.contains("numeric dates read day-first (every date could be read either way; this is the export's default order"),
        "{check}"
    );
}

/// HubSpot deals whose portal names its closed stages `Closed: won`,
/// `Closed: lost`, `Closed: abandoned`; one says only `Closed`, one has
/// no stage at all.
#[test]
fn hubspot_deals_with_the_portals_own_stage_labels() {
    let (_guard, site) = build(&fixture("hubspot-custom-stages"));
    let m = json(&site, "2026-q3/metrics.json");
    // Won: Alpha 1,000; lost: Beta, Gamma (abandoned). Epsilon (`Closed`)
    // counts as open and is a problem in check; Zeta (no stage) is
    // rejected, not taken as open.
    assert_eq!(m["funnel"]["won"], 1);
    assert_eq!(m["funnel"]["lost"], 2);
    assert_close(&m["revenue"]["won_amount"], 1000.0);
    assert_close(&m["revenue"]["win_rate"], 1.0 / 3.0);
    // Created in Q3: 1,000 + 2,000 + 500 + 3,000 + 700.
    assert_close(&m["revenue"]["pipeline_created"], 7200.0);
    assert_eq!(
        rejections(&site, "2026-q3"),
        [
            "hubspot/hubspot-crm-exports-all-deals-2026-10-01.csv,7,Deal Stage,,a deal stage (or the Is Closed Won and Is closed lost columns)"
        ]
    );
    let check = check_text("hubspot-custom-stages");
    assert!(
        check.contains("deal stage \"Closed: abandoned\": lost (by its words) (1 deal(s))"),
        "{check}"
    );
    assert!(check.contains("deal stage \"Closed: won\": won (by its words) (1 deal(s))"));
    assert!(check.contains("warning: hubspot/hubspot-crm-exports-all-deals-2026-10-01.csv: deal stage \"Closed\" (1 deal(s)) says closed"));
}

/// Google Ads reports without a `Day` column (en-US UTF-8 and en-GB
/// UTF-16 tab "Excel CSV"), one for "All time", and a Meta ad-level row
/// covering 14 days: each spread evenly over its days, split between Q2
/// and Q3 by days.
#[test]
fn ad_rows_covering_several_days_are_spread_over_them() {
    let (_guard, site) = build(&fixture("ads-without-day"));
    let q2 = json(&site, "2026-q2/metrics.json");
    let q3 = json(&site, "2026-q3/metrics.json");
    // en-US, June 20 - July 19 (30 days; 11 in June): Brand 300.00 is
    // 10.00 a day (110.00 in Q2), Generic 150.00 is 5.00 (55.00).
    // en-GB, 27 June - 6 July (10 days; 4 in June): 100.00 GBP = 125.00
    // USD, 12.50 a day (50.00 in Q2).
    assert_close(&q2["spend"]["by_channel"]["google_ads"], 215.0);
    assert_close(&q3["spend"]["by_channel"]["google_ads"], 360.0);
    // Meta, 24 June - 7 July (14 days, 7 in June): 32.35 = 14 x 2.31 +
    // 0.01, the first day taking the cent: 16.18 in Q2, 16.17 in Q3.
    assert_close(&q2["spend"]["by_channel"]["meta_ads"], 16.18);
    assert_close(&q3["spend"]["by_channel"]["meta_ads"], 16.17);
    assert_close(&q2["spend"]["total"], 231.18);
    assert_close(&q3["spend"]["total"], 376.17);
    // The "All time" report's campaign row is refused with how to add
    // the Day segment; its Total row is not data.
    let rejected = rejections(&site, "2026-q3");
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert!(
        rejected[0].starts_with("ads/Campaign report (2).csv,4,day,Enabled,")
            || rejected[0].starts_with("ads/Campaign report (2).csv,4,day,"),
        "{}",
        rejected[0]
    );
    assert!(rejected[0].contains("\"\"All time\"\""), "{}", rejected[0]);
    assert!(rejected[0].contains("Segment > Time > Day"));
    let check = check_text("ads-without-day");
    assert!(
        check.contains("note: ads/Campaign report.csv: 2 spend row(s) covered several days (up to 30 days) and were spread evenly"),
        "{check}"
    );
    assert!(check.contains("note: ads/Warped-Ads-Jun-24-2026-Jul-7-2026.csv: 1 spend row(s) covered several days (up to 14 days)"));
    // The Data section says the same.
    let page = std::fs::read_to_string(site.join("2026-q3/index.html")).unwrap();
    assert!(page.contains(
        "<li>ads/Campaign report.csv: 2 spend row(s) covered several days (up to 30 days)"
    ));
    // And the Method section names the fallback: 2 + 1 + 1 rows.
    assert_eq!(
        q3["method"]["fallbacks"][0],
        "4 ad spend row(s) covered several days (a Google Ads report without the Day segment, a Meta or LinkedIn row without a daily breakdown): each was spread evenly over its days, up to 30 days, and split between periods by days."
    );
}

/// LinkedIn Campaign Manager in Dutch (dates all with days of 12 or
/// less: day-first by the language) and German (dotted dates, a decimal
/// comma), and an English "All time" report whose one row covers the
/// preamble's three days.
#[test]
fn linkedin_in_other_interface_languages() {
    let (_guard, site) = build(&fixture("linkedin-languages"));
    let m = json(&site, "2026-q3/metrics.json");
    // nl: 01/09 and 02/09 are September (120 + 80); de: 1,234.56 on
    // 15 September; en: 90.00 over 21-23 September.
    assert_close(&m["spend"]["by_channel"]["linkedin_ads"], 1524.56);
    assert_eq!(m["data_quality"]["rows_used"], 4);
    assert_eq!(m["data_quality"]["rows_rejected"], 0);
    let reviews = json(&site, "reviews.json");
    assert_eq!(reviews.as_array().unwrap().len(), 1);
    let check = check_text("linkedin-languages");
    assert!(
        check.contains("creative_performance_report_all_time.csv: 1 spend row(s) covered several days (up to 3 days)"),
        "{check}"
    );
}

/// A Clockify detailed report whose dates all have days of 12 or less,
/// with 12-hour times: month-first, as the AM/PM clock and Clockify's
/// default say; and one exported without its duration columns, timed from
/// start to end.
#[test]
fn clockify_us_dates_and_a_report_without_durations() {
    let input = fixture("clockify-us");
    let settings = equinox::config::Settings::load(&input).expect("settings");
    let (records, ledger) = equinox::ingest::read_inputs(&input, &settings);
    let days: Vec<String> = records.hours.iter().map(|h| h.day.to_string()).collect();
    // 07/01 is 1 July, not 7 January.
    assert_eq!(
        days,
        ["2026-07-01", "2026-08-03", "2026-09-02", "2026-09-10"]
    );
    let hours: Vec<f64> = records.hours.iter().map(|h| h.hours).collect();
    // 11:00 PM on 09/10 to 01:00 AM on 09/11: two hours.
    assert_eq!(hours, [1.5, 2.0, 0.75, 2.0]);
    assert_eq!(ledger.totals().rows_rejected, 0);
    assert_eq!(
        ledger.files[0].profile.as_deref(),
        Some("Clockify detailed report")
    );
    assert_eq!(
        ledger.files[1].profile.as_deref(),
        Some("Clockify detailed report")
    );
    assert_eq!(
        ledger.files[0].notes,
        ["numeric dates read month-first (the file's times use a 12-hour clock (AM/PM))"]
    );
}

/// Recognised exports without rows are "read, 0 rows" whatever the tool
/// (LinkedIn's preamble alone, Meta's `No data available.`, a Google Ads
/// report with its header only); `build` names the file it could not
/// read, as `check` does.
#[test]
fn empty_exports_are_read_as_zero_rows_and_unread_files_are_named() {
    let analysis = equinox::analyse(&fixture("empty-exports")).expect("analyse");
    let files: Vec<(&str, Option<&str>, u64, bool)> = analysis
        .ledger
        .files
        .iter()
        .map(|f| {
            (
                f.path.as_str(),
                f.profile.as_deref(),
                f.rows_read,
                f.problem.is_some(),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            (
                "ads/Campaign report (3).csv",
                Some("Google Ads campaign report"),
                0,
                false
            ),
            (
                "ads/Campaign report.csv",
                Some("Google Ads campaign report"),
                1,
                false
            ),
            (
                "ads/Meta-Campaigns-Sep-1-2026-Sep-30-2026.csv",
                Some("Meta Ads export"),
                0,
                false
            ),
            ("ads/budget notes.csv", None, 0, true),
            (
                "ads/campaign_performance_report.csv",
                Some("LinkedIn Campaign Manager campaign performance"),
                0,
                false
            ),
        ]
    );
    let temp = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_equinox"))
        .args(["build", "--input"])
        .arg(fixture("empty-exports"))
        .arg("--output")
        .arg(temp.path().join("site"))
        .output()
        .expect("run equinox");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("  not read: ads/budget notes.csv: no header row of a supported export"),
        "{stdout}"
    );
}

/// A Salesforce leads report without an activities report: the first
/// touch is the earlier of `First Call Date/Time` and `First Email
/// Date/Time`; `Last Activity` alone says touched, time unknown.
#[test]
fn salesforce_leads_first_touch_from_their_own_fields() {
    let (_guard, site) = build(&fixture("salesforce-leads-first-touch"));
    let s = json(&site, "2026-q3/metrics.json")["speed_to_lead"].clone();
    // B01: email at 10:00, an hour after creation (the call came later).
    assert_eq!(s["leads"], 3);
    assert_eq!(s["touched"], 1);
    assert_close(&s["median_hours_touched"], 1.0);
    // B03, never touched, waits on at the cut-off: the median of the two
    // timed waits lies between, a lower bound.
    assert_eq!(s["censored"], 1);
    assert_eq!(s["median_at_least"], true);
    // B02: a Last Activity date and no first-touch time; B03: nothing.
    assert_eq!(s["touched_time_unknown"], 1);
    assert_eq!(s["dropped"], 1);
}

/// Nine INR rows converted to USD: summed before rounding, so the total
/// is what 14,638.50 INR converts to, not nine roundings added up.
#[test]
fn converted_spend_rounds_once() {
    let (_guard, site) = build(&fixture("spend-inr"));
    let m = json(&site, "2026-q3/metrics.json");
    // 9 x 1,626.50 INR x 0.012 = 175.662 -> 175.66 (row by row 9 x 19.52
    // would be 175.68).
    assert_close(&m["spend"]["by_channel"]["google_ads"], 175.66);
    assert_close(&m["spend"]["total"], 175.66);
}

/// `[sources] attribution = "latest"` names a HubSpot lead's source by
/// `Latest Traffic Source` (the original where the latest is empty).
#[test]
fn latest_traffic_source_when_chosen() {
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path();
    std::fs::create_dir_all(input.join("hubspot")).unwrap();
    let name = "hubspot/hubspot-crm-exports-all-contacts-2026-10-01.csv";
    std::fs::copy(fixture("hubspot-v2-portal").join(name), input.join(name)).unwrap();
    std::fs::write(
        input.join("equinox.toml"),
        "as_of = \"2026-09-30\"\n[sources]\nattribution = \"latest\"\n",
    )
    .unwrap();
    let (_guard, site) = build(input);
    let sources = json(&site, "2026-q3/metrics.json")["segments"]["by_source"].clone();
    // 108: Direct Traffic first, Paid Social last.
    assert_eq!(sources["Paid Social"]["leads"], 1);
    assert!(sources.get("Direct Traffic").is_none());
}

/// A Google Ads report segmented by `Month`: each row spread over its own
/// month, not over the whole stated range.
#[test]
fn google_ads_rows_by_month_stay_in_their_month() {
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path();
    std::fs::write(
        input.join("equinox.toml"),
        "currency = \"GBP\"\nas_of = \"2026-09-30\"\n",
    )
    .unwrap();
    std::fs::write(
        input.join("Campaign report.csv"),
        "Campaign report\n\"June 1, 2026 - July 31, 2026\"\nMonth,Campaign,Clicks,Impr.,Cost\nJune 2026,Brand,10,100,300.00\nJuly 2026,Brand,12,120,310.00\nTotal: Account,,22,220,610.00\n",
    )
    .unwrap();
    let (_guard, site) = build(input);
    assert_close(
        &json(&site, "2026-q2/metrics.json")["spend"]["total"],
        300.0,
    );
    assert_close(
        &json(&site, "2026-q3/metrics.json")["spend"]["total"],
        310.0,
    );
}

/// A contacts export without any source column: every lead would count as
/// unknown, which `check` now says instead of "No problems found".
#[test]
fn leads_without_a_source_are_a_problem_in_check() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(
        temp.path().join("contacts.csv"),
        "Record ID,Create Date,Lifecycle Stage,Contact owner\n501,2026-07-01 09:00,Lead,Ana\n",
    )
    .unwrap();
    let report = equinox::cmd::check(temp.path()).expect("check");
    assert_eq!(report.problems, 1);
    assert!(
        report.text.contains(
            "warning: contacts.csv: no lead names a source, so every lead counts as unknown"
        ),
        "{}",
        report.text
    );
}
