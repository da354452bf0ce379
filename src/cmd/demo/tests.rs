//! Tests of the demo generator: byte-exact formats, determinism, the story's
//! shape and scaling, read back from the files as a user would see them.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};

use super::calendar::{self, DAYS};
use super::format::{decimal, grouped, raw, trimmed_money};
use super::story::{PROJECTS, REBALANCE_DAY};
use super::{ActivityOrder, DemoOptions, DemoSummary, write_demo};
use crate::config::Settings;
use crate::model::Function;

const CONTACTS: &str = "hubspot/hubspot-crm-exports-all-contacts-2026-12-31.csv";
const DEALS: &str = "hubspot/hubspot-crm-exports-all-deals-2026-12-31.csv";
const GOOGLE: &str = "ads/Campaign report.csv";
const META: &str = "ads/Northwind-Analytics-Campaigns-Jan-1-2026-Dec-31-2026.csv";
const ACTIVITIES: &str = "hubspot/hubspot-crm-exports-all-calls-emails-meetings-2026-12-31.csv";
const BUDGET: &str = "finance/budget-2026.csv";
const TOGGL: &str = "time/Toggl_time_entries_2026-01-01_to_2026-12-31.csv";

/// A fresh folder under the system temp dir, unique to this test and process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("equinox-demo-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// Writes a demo with `leads` leads into a scratch folder.
fn demo(name: &str, leads: usize) -> (PathBuf, DemoSummary) {
    let dir = scratch(name);
    let options = DemoOptions {
        leads,
        ..DemoOptions::default()
    };
    let summary = write_demo(&options, &dir).expect("demo written");
    (dir, summary)
}

fn text(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join(file)).expect("file readable")
}

fn rows(dir: &Path, file: &str) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(dir.join(file)).expect("csv opens");
    reader.records().map(|row| row.expect("csv row")).collect()
}

fn stamp(value: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M").ok()
}

#[test]
fn same_options_give_identical_bytes() {
    let (first, summary) = demo("det-a", 3_000);
    let (second, again) = demo("det-b", 3_000);
    assert_eq!(summary, again);
    assert_eq!(summary.files.len(), 9);
    for file in &summary.files {
        let left = fs::read(first.join(file)).expect("first copy");
        let right = fs::read(second.join(file)).expect("second copy");
        assert!(left == right, "{} differs between runs", file.display());
    }
    let other = scratch("det-c");
    write_demo(
        &DemoOptions {
            leads: 3_000,
            seed: 7,
            ..DemoOptions::default()
        },
        &other,
    )
    .expect("demo written");
    assert_ne!(text(&first, CONTACTS), text(&other, CONTACTS));
    for dir in [first, second, other] {
        fs::remove_dir_all(dir).expect("cleanup");
    }
}

#[test]
fn hubspot_headers_and_quoting_are_exact() {
    let (dir, _) = demo("headers", 400);
    let contacts = text(&dir, CONTACTS);
    assert_eq!(
        contacts.lines().next(),
        Some(
            r#""Record ID","First Name","Last Name","Email","Phone Number","Contact owner","Lifecycle Stage","Lead Status","Create Date","Became a Marketing Qualified Lead Date","Became a Sales Qualified Lead Date","Became an Opportunity Date","Became a Customer Date","First outreach date","Original Source","Original Source Drill-Down 1""#
        )
    );
    let deals = text(&dir, DEALS);
    assert_eq!(
        deals.lines().next(),
        Some(
            r#""Record ID","Deal Name","Deal Stage","Pipeline","Amount","Close Date","Create Date","Deal owner","Is Closed Won","Is closed lost","Original Source","Associated Contact IDs""#
        )
    );
    let activities = text(&dir, ACTIVITIES);
    assert_eq!(
        activities.lines().next(),
        Some(
            r#""Record ID","Activity date","Activity type","Activity assigned to","Call direction","Associated Contact IDs""#
        )
    );
    for file in [&contacts, &deals, &activities] {
        assert!(!file.starts_with('\u{feff}') && !file.contains('\r'));
        assert!(
            file.lines()
                .all(|line| line.starts_with('"') && line.ends_with('"'))
        );
        assert!(!file.lines().any(|line| line.contains(",,")));
    }
    fs::remove_dir_all(dir).expect("cleanup");
}

#[test]
fn damaged_rows_sit_at_fixed_positions() {
    let (dir, _) = demo("damaged", 3_000);
    let contacts = rows(&dir, CONTACTS);
    assert_eq!(&contacts[99][8], "31/02/2026 09:15");
    assert_eq!(&contacts[199][0], "1.02345E+10");
    let valid_ids = contacts
        .iter()
        .filter(|row| row[0].len() == 11 && row[0].parse::<u64>().is_ok());
    assert_eq!(valid_ids.count(), contacts.len() - 1);
    let deals = rows(&dir, DEALS);
    assert_eq!(&deals[49][4], "TBD");
    assert!(
        deals
            .iter()
            .enumerate()
            .all(|(i, row)| i == 49 || row[4].ends_with(".0"))
    );
    fs::remove_dir_all(dir).expect("cleanup");
}

#[test]
fn google_report_has_preamble_header_and_totals() {
    let (dir, summary) = demo("google", 300);
    let report = text(&dir, GOOGLE);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines[0], "Campaign report");
    assert_eq!(lines[1], "\"January 1, 2026 - December 31, 2026\"");
    assert_eq!(
        lines[2],
        "Day,Campaign,Campaign status,Campaign type,Currency code,Impr.,Clicks,CTR,Cost,Conversions,Avg. CPC,Cost / conv."
    );
    assert!(lines[3].starts_with("2026-01-01,Brand - Search,Enabled,Search,USD,"));
    let data = &lines[3..lines.len() - 3];
    assert_eq!(data.len(), 3 * DAYS as usize);
    assert!(summary.spend_rows > data.len());
    let totals = &lines[lines.len() - 3..];
    assert!(totals[0].starts_with("Total: Campaigns, --, --, --,USD,\""));
    assert!(totals[1].starts_with("Total: Account,,,,USD,\""));
    assert!(totals[2].starts_with("Total: Search,,,Search,USD,\""));
    let cells = |line: &str| {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .and_then(Result::ok)
            .expect("one row")
    };
    let cents = |cell: &str| cell.replace('.', "").parse::<u64>().expect("cost in cents");
    let count = |cell: &str| cell.replace(',', "").parse::<u64>().expect("count");
    let (mut cost, mut impressions) = (0, 0);
    for line in data {
        let row = cells(line);
        cost += cents(&row[8]);
        impressions += count(&row[5]);
        assert!(!row[8].contains(','));
    }
    let total = cells(totals[0]);
    assert_eq!(cents(&total[8]), cost);
    assert_eq!(count(&total[5]), impressions);
    assert!(total[5].contains(',') && total[9].contains(','));
    fs::remove_dir_all(dir).expect("cleanup");
}

#[test]
fn meta_export_starts_with_a_summary_row() {
    let (dir, _) = demo("meta", 300);
    let export = text(&dir, META);
    let mut lines = export.lines();
    assert_eq!(
        lines.next(),
        Some(
            r#""Reporting starts","Reporting ends","Campaign name","Campaign delivery","Result indicator",Results,Reach,Impressions,"Cost per results","Amount spent (USD)","Link clicks""#
        )
    );
    let summary = lines.next().expect("summary row");
    assert!(summary.starts_with("2026-01-01,2026-12-31,,,,"));
    let data: Vec<&str> = lines.collect();
    assert_eq!(data.len(), 2 * DAYS as usize);
    assert!(data[0].starts_with("2026-01-01,2026-01-01,\"Prospecting - Lookalike\",active,actions:onsite_conversion.lead_grouped,"));
    assert!(data[1].contains(
        ",\"Retargeting - Site Visitors\",active,actions:offsite_conversion.fb_pixel_lead,"
    ));
    let column =
        |line: &str, index: usize| line.split(',').nth(index).unwrap_or_default().to_string();
    let cents = |value: String| (value.parse::<f64>().expect("spend") * 100.0).round() as u64;
    for (index, name) in [(5, "results"), (7, "impressions"), (10, "link clicks")] {
        let sum: u64 = data
            .iter()
            .map(|line| column(line, index).parse::<u64>().expect(name))
            .sum();
        assert_eq!(
            column(summary, index).parse::<u64>().ok(),
            Some(sum),
            "{name}"
        );
    }
    let spend: u64 = data.iter().map(|line| cents(column(line, 9))).sum();
    assert_eq!(cents(column(summary, 9)), spend);
    fs::remove_dir_all(dir).expect("cleanup");
}

/// Per quarter: MQLs (by MQL date), leads handed to sales through the inbound
/// queue, and how many of those were touched within 24 hours.
fn quarters(dir: &Path) -> [(usize, usize, usize); 4] {
    let mut out = [(0, 0, 0); 4];
    for row in rows(dir, CONTACTS) {
        let (Some(created), mql) = (stamp(&row[8]), stamp(&row[9])) else {
            continue;
        };
        if let Some(mql) = mql {
            out[mql.month0() as usize / 3].0 += 1;
        }
        if row[5].is_empty() || &row[14] == "Offline Sources" {
            continue;
        }
        let ready = mql.unwrap_or(created);
        let quarter = &mut out[ready.month0() as usize / 3];
        quarter.1 += 1;
        let touched = stamp(&row[13]).is_some_and(|at| (at - ready).num_hours() < 24);
        quarter.2 += usize::from(touched);
    }
    out
}

#[test]
fn story_tips_in_q3_and_recovers_in_q4() {
    let (dir, _) = demo("story", 3_000);
    let figures = quarters(&dir);
    let within = |q: usize| figures[q].2 as f64 / figures[q].1 as f64;
    println!("quarters (mqls, handed, within 24 h): {figures:?}");
    assert!(
        figures[2].0 > figures[0].0 * 2,
        "Q3 has far more MQLs than Q1"
    );
    assert!(within(0) > 0.6, "Q1 leads are mostly touched within a day");
    assert!(
        within(2) < within(0) / 2.0,
        "Q3 follow-up is much slower than Q1"
    );
    assert!(within(3) > within(2) * 2.0, "Q4 recovers");
    fs::remove_dir_all(dir).expect("cleanup");
}

#[test]
fn lead_count_scales() {
    let (dir, summary) = demo("scale", 1_000);
    assert_eq!(summary.leads, 1_000);
    assert_eq!(rows(&dir, CONTACTS).len(), 1_000);
    assert_eq!(rows(&dir, DEALS).len(), summary.deals);
    assert!(summary.deals > 50);
    assert!(text(&dir, BUDGET).contains("\n2026-10-01,sales,salaries,50000.00,USD\n"));
    fs::remove_dir_all(dir).expect("cleanup");
}

#[test]
fn settings_and_notes_are_written() {
    let (dir, _) = demo("settings", 100);
    let settings = text(&dir, "equinox.toml");
    assert!(settings.starts_with(
        "# Equinox review settings for the demo company.\ncompany = \"Northwind Analytics\"\n"
    ));
    assert!(settings.contains("[sla]\nfirst_touch_hours = 24"));

    let notes = text(&dir, "notes/2026-Q3.md");
    let words = notes.split_whitespace().count();
    assert!((150..=250).contains(&words), "{words} words");
    assert!(notes.contains("\n- ") && notes.contains("**"));
    fs::remove_dir_all(dir).expect("cleanup");
}

#[test]
fn spellings_match_the_exports() {
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(1_024), "1,024");
    assert_eq!(grouped(1_024_071), "1,024,071");
    assert_eq!(trimmed_money(15_951), "159.51");
    assert_eq!(trimmed_money(2_460), "24.6");
    assert_eq!(trimmed_money(3_000), "30");
    assert_eq!(raw(159.51 / 38.0), "4.19763158");
    assert_eq!(
        &calendar::stamp(REBALANCE_DAY * calendar::DAY + 9 * 60 + 5),
        b"2026-10-01 09:05"
    );
    assert_eq!(&calendar::iso_date(DAYS - 1), b"2026-12-31");
    assert_eq!(decimal(0, &mut [0; 20]), b"0");
    assert_eq!(decimal(u64::MAX, &mut [0; 20]), b"18446744073709551615");
}

/// Per contact id (the damaged id left out): its `First outreach date`.
fn first_outreach(dir: &Path) -> HashMap<String, Option<NaiveDateTime>> {
    rows(dir, CONTACTS)
        .iter()
        .filter(|row| row[0].parse::<u64>().is_ok())
        .map(|row| (row[0].to_string(), stamp(&row[13])))
        .collect()
}

/// Per associated contact id: its activities' times and reps, in file order.
fn activities_by_contact(dir: &Path) -> HashMap<String, Vec<(NaiveDateTime, String)>> {
    let mut by_contact: HashMap<String, Vec<(NaiveDateTime, String)>> = HashMap::new();
    for row in rows(dir, ACTIVITIES) {
        let at = stamp(&row[1]).expect("activity date");
        by_contact
            .entry(row[5].to_string())
            .or_default()
            .push((at, row[3].to_string()));
    }
    by_contact
}

#[test]
fn activity_rows_are_well_formed() {
    let (dir, summary) = demo("activity-rows", 1_000);
    let activities = rows(&dir, ACTIVITIES);
    assert_eq!(activities.len(), summary.activities);
    let ids: Vec<u64> = activities
        .iter()
        .map(|row| row[0].parse().expect("numeric record id"))
        .collect();
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]));
    assert!(ids.iter().all(|id| id.to_string().len() == 11));
    let end = stamp("2026-12-31 23:59").expect("end of year");
    for row in &activities {
        assert!(stamp(&row[1]).is_some_and(|at| at <= end), "{row:?}");
        let call = &row[2] == "Call";
        assert!(call || ["Email", "Meeting"].contains(&&row[2]), "{row:?}");
        assert_eq!(call, ["Outbound", "Inbound"].contains(&&row[4]), "{row:?}");
        assert!(!row[3].is_empty());
    }
    fs::remove_dir_all(dir).expect("cleanup");
}

#[test]
fn the_first_activity_is_the_first_outreach() {
    let (dir, summary) = demo("first-outreach", 3_000);
    let contacts = first_outreach(&dir);
    let activities = activities_by_contact(&dir);
    let per_lead = summary.activities as f64 / summary.leads as f64;
    assert!(
        (3.6..=4.4).contains(&per_lead),
        "{per_lead} activities per lead"
    );
    for (id, first_outreach) in &contacts {
        let list = activities.get(id);
        let earliest = list.and_then(|list| list.iter().map(|(at, _)| *at).min());
        assert_eq!(earliest, *first_outreach, "contact {id}");
        if let Some(list) = list {
            assert!(list.windows(2).all(|pair| pair[0].0 <= pair[1].0));
            assert!(list.len() <= 7, "contact {id}: {}", list.len());
        }
    }
    fs::remove_dir_all(dir).expect("cleanup");
}

#[test]
fn a_second_rep_works_some_leads_most_in_q3() {
    let (dir, summary) = demo("second-rep", 3_000);
    let (mut touched, mut shared) = ([0usize; 4], [0usize; 4]);
    for list in activities_by_contact(&dir).values() {
        let quarter = list[0].0.month0() as usize / 3;
        touched[quarter] += 1;
        let reps: BTreeSet<&str> = list.iter().map(|(_, rep)| rep.as_str()).collect();
        assert!(reps.len() <= 2);
        shared[quarter] += usize::from(reps.len() == 2);
    }
    assert_eq!(shared.iter().sum::<usize>(), summary.multi_rep_leads);
    let share = |q: usize| shared[q] as f64 / touched[q] as f64;
    let overall = summary.multi_rep_leads as f64 / touched.iter().sum::<usize>() as f64;
    println!(
        "second-rep share by quarter: {:?}",
        (0..4).map(share).collect::<Vec<_>>()
    );
    assert!((0.05..=0.12).contains(&overall), "{overall}");
    assert!(share(2) > share(0) && share(2) > share(3), "most in Q3");
    fs::remove_dir_all(dir).expect("cleanup");
}

/// The activity rows of a demo in `order`, without their record ids
/// (numbered down the file in every order).
fn activities_in(order: ActivityOrder) -> Vec<Vec<String>> {
    let dir = scratch(&format!("order-{order:?}"));
    let options = DemoOptions {
        leads: 1_000,
        activity_order: order,
        ..DemoOptions::default()
    };
    write_demo(&options, &dir).expect("demo written");
    let rows = rows(&dir, ACTIVITIES)
        .iter()
        .map(|row| row.iter().skip(1).map(str::to_string).collect())
        .collect();
    fs::remove_dir_all(dir).expect("cleanup");
    rows
}

#[test]
fn every_activity_order_writes_the_same_activities() {
    let by_date = activities_in(ActivityOrder::Date);
    let by_contact = activities_in(ActivityOrder::Contact);
    let shuffled = activities_in(ActivityOrder::Shuffled);
    assert!(by_date.windows(2).all(|pair| pair[0][0] <= pair[1][0]));
    assert!(by_contact.windows(2).any(|pair| pair[0][0] > pair[1][0]));
    assert!(shuffled.windows(2).any(|pair| pair[0][0] > pair[1][0]));
    // Contact by contact: each contact's rows are together.
    let mut seen = BTreeSet::new();
    for run in by_contact.chunk_by(|a, b| a[4] == b[4]) {
        assert!(seen.insert(&run[0][4]), "contact {} comes back", run[0][4]);
    }
    let sorted = |mut rows: Vec<Vec<String>>| {
        rows.sort();
        rows
    };
    assert_ne!(by_date, shuffled);
    let by_date = sorted(by_date);
    assert_eq!(by_date, sorted(by_contact));
    assert_eq!(by_date, sorted(shuffled));
}

#[test]
fn budget_lines_follow_the_team() {
    let (dir, summary) = demo("budget", 3_000);
    assert!(text(&dir, BUDGET).starts_with("period_start,function,category,amount,currency\n"));
    let lines = rows(&dir, BUDGET);
    assert_eq!((lines.len(), summary.budget_lines), (24, 24));
    let amount = |start: &str, function: &str, category: &str| {
        lines
            .iter()
            .find(|row| &row[0] == start && &row[1] == function && &row[2] == category)
            .map(|row| row[3].to_string())
    };
    let salaries = |start| {
        (
            amount(start, "marketing", "salaries"),
            amount(start, "sales", "salaries"),
        )
    };
    let text = |value: &str| Some(value.to_string());
    assert_eq!(
        salaries("2026-07-01"),
        (text("90000.00"), text("120000.00"))
    );
    assert_eq!(
        salaries("2026-10-01"),
        (text("90000.00"), text("150000.00"))
    );
    for row in &lines {
        assert!(["marketing", "sales", "partner"].contains(&&row[1]));
        assert!(row[3].parse::<f64>().is_ok() && row[3].ends_with(|c: char| c.is_ascii_digit()));
        assert_eq!(row[3].split('.').nth(1).map(str::len), Some(2));
        assert_eq!(&row[4], "USD");
    }
    fs::remove_dir_all(dir).expect("cleanup");
}

/// Minutes of `HH:MM:SS`.
fn minutes(value: &str) -> u32 {
    let parts: Vec<u32> = value
        .split(':')
        .map(|p| p.parse().expect("number"))
        .collect();
    assert_eq!((parts.len(), parts[2]), (3, 0), "{value}");
    parts[0] * 60 + parts[1]
}

#[test]
fn time_entries_shift_to_sales_in_q3() {
    let (dir, summary) = demo("toggl", 300);
    let report = fs::read(dir.join(TOGGL)).expect("report");
    assert!(report.starts_with(
        "\u{feff}User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)\n".as_bytes()
    ));
    let settings = Settings::parse(&text(&dir, "equinox.toml"), Path::new("equinox.toml"))
        .expect("valid settings");
    for project in &PROJECTS {
        let function = settings.hours.function_of(Some(project.name), []);
        assert_ne!(function, Function::Unknown, "{} is mapped", project.name);
    }
    let entries = rows(&dir, TOGGL);
    assert_eq!(entries.len(), summary.time_entries);
    let (mut sales, mut all) = ([0u32; 4], [0u32; 4]);
    let mut people = BTreeSet::new();
    for row in &entries {
        people.insert(row[0].to_string());
        assert_eq!(row[7], row[9], "entries end on their start day");
        let duration = minutes(&row[11]);
        assert_eq!(minutes(&row[10]) - minutes(&row[8]), duration);
        let day = chrono::NaiveDate::parse_from_str(&row[7], "%Y-%m-%d").expect("start date");
        let quarter = day.month0() as usize / 3;
        all[quarter] += duration;
        if settings.hours.function_of(Some(&row[3]), []) == Function::Sales {
            sales[quarter] += duration;
        }
    }
    assert_eq!(people.len(), 2);
    let share = |q: usize| f64::from(sales[q]) / f64::from(all[q]);
    assert!(
        share(2) > share(0) + 0.15,
        "Q3 {} against Q1 {}",
        share(2),
        share(0)
    );
    assert!(share(3) < share(2), "Q4 shifts back");
    fs::remove_dir_all(dir).expect("cleanup");
}

/// Run by hand: `cargo test --release -- --ignored --nocapture million`.
#[test]
#[ignore]
fn million_leads_take_seconds() {
    let dir = PathBuf::from("/tmp/equinox-demo-million");
    let started = std::time::Instant::now();
    let options = DemoOptions {
        leads: 1_000_000,
        ..DemoOptions::default()
    };
    let summary = write_demo(&options, &dir).expect("demo written");
    println!("{summary:?} in {:?}", started.elapsed());
    for file in &summary.files {
        let size = fs::metadata(dir.join(file))
            .map(|meta| meta.len())
            .unwrap_or_default();
        println!("{size:>12}  {}", file.display());
    }
}
