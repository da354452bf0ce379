//! HubSpot exports with internal names, per-stage dates and activities, and
//! Pipedrive deals and activities: every figure computed by hand (the
//! arithmetic is in the comments). Each fixture sets `as_of = "2026-09-30"`
//! (23:59:59), so Q3 is complete and every SLA and drop window has closed.

use super::harness::{assert_close, build, fixture, json};
use serde_json::json;
use std::path::Path;

fn rejections(site: &Path) -> Vec<String> {
    let csv = std::fs::read_to_string(site.join("2026-q3/rejections.csv")).expect("rejections");
    csv.lines().skip(1).map(str::to_string).collect()
}

/// `File,Recognised as` of every input file, from the Data section's table.
fn recognised(site: &Path) -> Vec<String> {
    let csv = std::fs::read_to_string(site.join("2026-q3/data-files.csv")).expect("data files");
    csv.lines()
        .skip(1)
        .map(|l| l.splitn(3, ',').take(2).collect::<Vec<_>>().join(","))
        .collect()
}

#[test]
fn hubspot_exports_with_internal_names() {
    let (_guard, site) = build(&fixture("hubspot-internal-names"));
    let m = json(&site, "2026-q3/metrics.json");
    assert_eq!(
        recognised(&site),
        [
            "hubspot/hubspot-crm-exports-all-contacts-2026-10-01.csv,HubSpot contacts",
            "hubspot/hubspot-crm-exports-all-deals-2026-10-01.csv,HubSpot deals",
        ]
    );
    // Contacts …01-…06 created in Q3 (the seventh's id is damaged);
    // hs_lifecyclestage_*_date: MQL 01, 02, 03, 06; SQL 01, 02; opportunity 01.
    // Deals by hs_is_closed_won / hs_is_closed_lost: won …01 (08-20) and
    // …05 (09-25), lost …02 (09-10); …04 is rejected (flag "yes please").
    assert_eq!(
        m["funnel"],
        json!({"leads": 6, "mqls": 4, "sqls": 2, "opportunities": 1, "won": 2, "lost": 1})
    );
    // Won 15000 + 9552 = 24552; created in Q3: 15000 + 4000 + 7500 + 9552
    // = 36052; win rate 2 / 3.
    assert_close(&m["revenue"]["won_amount"], 24552.0);
    assert_close(&m["revenue"]["pipeline_created"], 36052.0);
    assert_close(&m["revenue"]["win_rate"], 2.0 / 3.0);
    // Ready: 01, 02, 03, 06 at their MQL date; 04 (OFFLINE, sales) when
    // created; 05 (ORGANIC_SEARCH, no stage date) is still nurtured.
    // hs_first_outreach_date: 01 2 h, 02 18 h, 03 48 h, 04 6 h; 06 never.
    // Sorted 2, 6, 18, 48: median (6 + 18) / 2 = 12; p90 at 2.7:
    // 18 + 0.7 * 30 = 39. Within 24 h: 01, 02, 04 of 5 = 0.6. 06: dropped.
    let s = &m["speed_to_lead"];
    assert_eq!(s["leads"], 5);
    assert_eq!(s["touched"], 4);
    assert_close(&s["median_hours_touched"], 12.0);
    // With 06 still waiting at the cut-off (weeks, beyond every touched
    // wait), the median of all five is the middle one: 18.
    assert_close(&s["median_hours"], 18.0);
    assert_eq!(s["censored"], 1);
    assert_eq!(s["p90_at_least"], true);
    assert_close(&s["within_sla"], 0.6);
    assert_eq!(s["dropped"], 1);
    assert_eq!(s["waiting"], 0);
    // Active reps: owners 81234567 (01, 02) and 81234568 (03).
    assert_eq!(m["balance"]["active_reps"], 2);
    assert_eq!(
        m["data_quality"],
        json!({"files": 2, "rows_read": 12, "rows_used": 10, "rows_rejected": 2, "lines_skipped": 2, "duplicates_merged": 0})
    );
    let rejected = rejections(&site);
    assert_eq!(rejected.len(), 2);
    assert!(
        rejected[0].starts_with(
            "hubspot/hubspot-crm-exports-all-contacts-2026-10-01.csv,8,hs_object_id,5.10000E+10,\"an id;"
        ),
        "{}",
        rejected[0]
    );
    assert_eq!(
        rejected[1],
        "hubspot/hubspot-crm-exports-all-deals-2026-10-01.csv,5,hs_is_closed_won,yes please,true or false"
    );
}

#[test]
fn hubspot_deals_closed_by_their_date_entered_columns() {
    let (_guard, site) = build(&fixture("hubspot-stage-dates"));
    let m = json(&site, "2026-q3/metrics.json");
    // No Close Date, no Is Closed flags. Closed by the latest
    // `Date entered "Closed Won/Lost (<pipeline>)"`, any pipeline and case:
    // won 301 (08-14), 303 (Partner, `Closed won`, 09-21), 306 (lost 08-05,
    // then won 09-15: the later entry wins); lost 302 (09-03), 304
    // (`Closed lost  (Partner Pipeline)`, two spaces, 08-28). 305 is open;
    // 307 is rejected (month 13 in its Closed Won date). `Date exited` and
    // `Cumulative time in` columns are not entries.
    assert_eq!(
        m["funnel"],
        json!({"leads": 0, "mqls": 0, "sqls": 0, "opportunities": 0, "won": 3, "lost": 2})
    );
    // Won 12000 + 8000 + 4500 = 24500; created: 12000 + 3000 + 8000 + 2000
    // + 5000 + 4500 = 34500; win rate 3 / 5.
    assert_close(&m["revenue"]["won_amount"], 24500.0);
    assert_close(&m["revenue"]["pipeline_created"], 34500.0);
    assert_close(&m["revenue"]["win_rate"], 0.6);
    assert_eq!(
        m["data_quality"],
        json!({"files": 1, "rows_read": 7, "rows_used": 6, "rows_rejected": 1, "lines_skipped": 1, "duplicates_merged": 0})
    );
    assert_eq!(
        rejections(&site),
        [
            "hubspot/hubspot-crm-exports-all-deals-2026-10-01.csv,8,\"Date entered \"\"Closed Won (Sales Pipeline)\"\"\",2026-13-01 10:00,\"a date such as 2026-07-14, 2026-07-14 09:30, 7/14/2026 9:30 AM or 14.07.2026\""
        ]
    );
}

#[test]
fn hubspot_activities_are_first_touches() {
    let (_guard, site) = build(&fixture("hubspot-activities"));
    let m = json(&site, "2026-q3/metrics.json");
    assert_eq!(
        recognised(&site),
        [
            "hubspot/hubspot-crm-exports-all-activities-2026-10-01.csv,HubSpot activities",
            "hubspot/hubspot-crm-exports-all-calls-2026-10-01.csv,HubSpot activities",
            "hubspot/hubspot-crm-exports-all-contacts-2026-10-01.csv,HubSpot contacts",
            "hubspot/hubspot-crm-exports-all-emails-2026-10-01.csv,HubSpot activities",
        ]
    );
    // Contacts 401-408 (older export: `Contact ID`), 409 rejected. MQLs:
    // 401-406 and 408; 407 (Offline Sources, sales) is ready when created.
    assert_eq!(
        m["funnel"],
        json!({"leads": 8, "mqls": 7, "sqls": 0, "opportunities": 0, "won": 0, "lost": 0})
    );
    // First touch at or after ready, the earliest of the contact's own
    // columns and the activities:
    // 401 call 07-06 10:00, 1 h (before First outreach date, 24 h);
    // 402 Last Contacted 07-14 16:00 with `1.0` contact, 30 h (no activity);
    // 403 outgoing email 07-20 13:00, 4 h (the incoming email at 09:30 is
    //     the lead writing, not a touch; Last Contacted with 3 contacts is
    //     not a first touch);
    // 404 inbound call 08-04 09:00, 19 h (inbound calls count);
    // 405 completed task 08-12 08:00, 48 h (the not-started task is none);
    // 406 only a note: untouched, dropped;
    // 407 call 09-01 09:30 associated with 407;408: 0.5 h;
    // 408 the same call is before its MQL (09-02 10:00); email 09-03 10:00, 24 h.
    // Without the activities: 401 24 h, 402 30 h, 404 19 h, 407 0.5 h only.
    // Sorted 0.5, 1, 4, 19, 24, 30, 48: median 19; p90 at 0.9 * 6 = 5.4:
    // 30 + 0.4 * 18 = 37.2. Within 24 h: 407, 401, 403, 404, 408 = 5 of 8.
    let s = &m["speed_to_lead"];
    assert_eq!(s["leads"], 8);
    assert_eq!(s["touched"], 7);
    assert_close(&s["median_hours_touched"], 19.0);
    // With 406 still waiting (weeks): the eight's median (19 + 24) / 2.
    assert_close(&s["median_hours"], 21.5);
    assert_eq!(s["median_at_least"], false);
    assert_eq!(s["censored"], 1);
    assert_close(&s["within_sla"], 0.625);
    assert_eq!(s["dropped"], 1);
    assert_eq!(s["waiting"], 0);
    // Every contact is Rep One's; activities name who touched: Rep Two
    // made the first touches of 403, 404, 405. Active reps 2, capacity
    // 2 * 2 = 4; supply 7 / (92 / 7) per week.
    let b = &m["balance"];
    let supply = 7.0 / (92.0 / 7.0);
    assert_eq!(b["active_reps"], 2);
    assert_close(&b["capacity_per_week"], 4.0);
    assert_close(&b["supply_per_week"], supply);
    assert_close(&b["tilt"], (supply / 4.0f64).log2());
    // Rows: contacts 9 (1 rejected), calls 4 (1 rejected), emails 3,
    // activities 4 (the note and the open task are read: used).
    assert_eq!(
        m["data_quality"],
        json!({"files": 4, "rows_read": 20, "rows_used": 18, "rows_rejected": 2, "lines_skipped": 4, "duplicates_merged": 0})
    );
    let rejected = rejections(&site);
    assert_eq!(rejected.len(), 2);
    assert!(
        rejected[0].starts_with(
            "hubspot/hubspot-crm-exports-all-calls-2026-10-01.csv,5,Associated Contact IDs,,the ids of the contacts"
        ),
        "{}",
        rejected[0]
    );
    assert!(
        rejected[1].starts_with(
            "hubspot/hubspot-crm-exports-all-contacts-2026-10-01.csv,10,Number of times contacted,twice,"
        ),
        "{}",
        rejected[1]
    );
}

#[test]
fn pipedrive_deals_are_leads_and_activities_their_touches() {
    let (_guard, site) = build(&fixture("pipedrive"));
    let m = json(&site, "2026-q3/metrics.json");
    assert_eq!(m["currency"], "EUR");
    assert_eq!(
        recognised(&site),
        [
            "pipedrive/activities-by-title-2026-10-01.csv,Pipedrive activities",
            "pipedrive/activities-export-2026-10-01.csv,Pipedrive activities",
            "pipedrive/activities-without-deal-2026-10-01.csv,Pipedrive activities",
            "pipedrive/deals-export-2026-10-01.csv,Pipedrive deals",
        ]
    );
    // Deals 1-5 are leads created in Q3 (6 is rejected: GBP has no rate).
    // Won 1 (08-20) and 4 (09-18) by their Won time, lost 2 (09-02).
    assert_eq!(
        m["funnel"],
        json!({"leads": 5, "mqls": 0, "sqls": 0, "opportunities": 0, "won": 2, "lost": 1})
    );
    // USD at 0.9: deal 2 5000 -> 4500, deal 4 3000 -> 2700.
    // Won 12000 + 2700 = 14700; created 12000 + 4500 + 8000 + 2700 + 2000
    // = 29200; win rate 2 / 3.
    assert_close(&m["revenue"]["won_amount"], 14700.0);
    assert_close(&m["revenue"]["pipeline_created"], 29200.0);
    assert_close(&m["revenue"]["win_rate"], 2.0 / 3.0);
    // Every deal is ready when created. Done activities, by Deal - ID:
    // 1 call 07-02 13:15, 4 h; 2 meeting 07-10 11:00, 24 h; 3 email
    // 08-05 10:00, 48 h (the undone email is no touch). By title, in the
    // file without ids (US dates): 4 "Tailspin deal" 08-10 18:30, 2.5 h;
    // "Fabrikam deal" names deals 3 and 5 and goes to the first, 3, so 5
    // stays untouched and is dropped; "Unknown Co deal" names no deal.
    // Sorted 2.5, 4, 24, 48: median (4 + 24) / 2 = 14; p90 at 2.7:
    // 24 + 0.7 * 24 = 40.8. Within 24 h: 1, 2, 4 of 5 = 0.6.
    let s = &m["speed_to_lead"];
    assert_eq!(s["leads"], 5);
    assert_eq!(s["touched"], 4);
    assert_close(&s["median_hours_touched"], 14.0);
    // With 5 still waiting (weeks): the middle of five, 24.
    assert_close(&s["median_hours"], 24.0);
    assert_eq!(s["censored"], 1);
    assert_close(&s["within_sla"], 0.6);
    assert_eq!(s["dropped"], 1);
    assert_eq!(s["waiting"], 0);
    // Rows: deals 6 (1 rejected); activities 5 (1 rejected, the undone one
    // used); by title 4 (1 rejected); without a deal column 1 (rejected).
    assert_eq!(
        m["data_quality"],
        json!({"files": 4, "rows_read": 16, "rows_used": 12, "rows_rejected": 4, "lines_skipped": 4, "duplicates_merged": 0})
    );
    let not_linked = "the deal the activity belongs to; activities not linked to a deal cannot be joined to a lead";
    assert_eq!(
        rejections(&site),
        [
            format!("pipedrive/activities-by-title-2026-10-01.csv,5,Deal,,{not_linked}"),
            format!("pipedrive/activities-export-2026-10-01.csv,6,Deal - ID,,{not_linked}"),
            "pipedrive/activities-without-deal-2026-10-01.csv,2,deal - id,,\"a link to the deal; add the Deal - ID column (or Deal, the deal's title) to the activities export\"".to_string(),
            "pipedrive/deals-export-2026-10-01.csv,7,Deal - Currency,GBP,an amount in EUR; add `GBP = <rate>` under [fx] in equinox.toml to convert GBP".to_string(),
        ]
    );
}

/// The contact's own first touch is worked out in stamps when its dates
/// are ISO, and through the general date path otherwise (slash dates,
/// dates a stamp cannot hold): both give what the general path always
/// gave, rejections included.
#[test]
fn hubspot_contacts_first_touch_whatever_the_date_shapes() {
    use chrono::NaiveDateTime;
    use equinox::model::Stamp;
    let temp = tempfile::tempdir().expect("temp dir");
    let path = temp
        .path()
        .join("hubspot-crm-exports-all-contacts-2026-10-01.csv");
    let rows = [
        "\"Record ID\",\"Create Date\",\"Lifecycle Stage\",\"First outreach date\",\"Date of first engagement\",\"Type of first engagement\",\"Last Contacted\",\"Number of times contacted\"",
        // Line 2: both ISO, the engagement earlier.
        "\"1\",\"2026-07-01 08:00\",\"lead\",\"2026-07-02 10:00\",\"2026-07-01 09:30\",\"EMAIL\",\"\",\"\"",
        // Line 3: a US slash date, earlier than the ISO engagement.
        "\"2\",\"2026-07-01 08:00\",\"lead\",\"7/25/2026 9:15 AM\",\"2026-07-26 10:00\",\"CALL\",\"\",\"\"",
        // Line 4: only Last Contacted, contacted once.
        "\"3\",\"2026-07-01 08:00\",\"lead\",\"\",\"\",\"\",\"2026-07-05 16:00\",\"1.0\"",
        // Line 5: an engagement in 1960, before any stamp, is the earlier:
        // rejected, blaming First outreach date as it always has.
        "\"4\",\"2026-07-01 08:00\",\"lead\",\"2026-07-04 10:00\",\"1960-01-01 10:00\",\"EMAIL\",\"\",\"\"",
        // Line 6: the same date on a note is no sales touch: ignored.
        "\"5\",\"2026-07-01 08:00\",\"lead\",\"2026-07-06 11:00\",\"1960-01-01 10:00\",\"NOTE\",\"\",\"\"",
        // Line 7: contacted twice, when first is unknown.
        "\"6\",\"2026-07-01 08:00\",\"lead\",\"\",\"\",\"\",\"2026-07-05 16:00\",\"2\"",
    ];
    std::fs::write(&path, rows.join("\n") + "\n").expect("written");
    let (records, ledger) =
        equinox::ingest::read_file(temp.path(), &path, &equinox::config::Settings::default());
    let at = |text: &str| {
        Stamp::new(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("date"))
    };
    let firsts: Vec<(&str, Option<Stamp>, bool)> = (records.leads.iter())
        .map(|l| (&*l.id, l.first_touch_at, l.touched))
        .collect();
    assert_eq!(
        firsts,
        [
            ("1", at("2026-07-01 09:30"), false),
            ("2", at("2026-07-25 09:15"), false),
            ("3", at("2026-07-05 16:00"), false),
            ("5", at("2026-07-06 11:00"), false),
            ("6", None, true),
        ]
    );
    let rejected: Vec<(u64, Option<&str>)> = (ledger.rejections.iter())
        .map(|r| (r.line, r.column.as_deref()))
        .collect();
    assert_eq!(rejected, [(5, Some("First outreach date"))]);
}
