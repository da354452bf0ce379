//! What reaches the site from data is inert text, and no lead's personal
//! data reaches it at all.

use super::harness::{all_files, build, demo_site, fixture, root};
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    for (relative, bytes) in all_files(from) {
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

#[test]
fn no_name_email_or_phone_of_a_demo_lead_reaches_the_site() {
    let contacts = root().join("input/hubspot/hubspot-crm-exports-all-contacts-2026-12-31.csv");
    let mut reader = csv::Reader::from_path(&contacts).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (first, last, email, phone) = (
        column("First Name"),
        column("Last Name"),
        column("Email"),
        column("Phone Number"),
    );
    let mut needles = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        needles.push(format!("{} {}", &row[first], &row[last]));
        needles.push(row[email].to_string());
        needles.push(row[phone].to_string());
    }
    needles.retain(|n| n.trim().len() > 3);
    assert!(needles.len() > 6000, "the demo has thousands of leads");
    let site = demo_site().to_path_buf();
    let planted = format!("<p>{}</p>", needles[needles.len() / 2]);
    // Every name, email and phone number looked for at once, in one pass
    // over each file (Aho-Corasick), not one search per string and file.
    let needles = aho_corasick::AhoCorasick::new(&needles).expect("needles");
    assert!(
        needles.is_match(&planted),
        "the search finds a planted lead"
    );
    for (path, bytes) in all_files(&site) {
        assert!(
            !needles.is_match(&bytes),
            "{path} contains personal data of a lead"
        );
    }
}

#[test]
fn a_note_quoting_a_lead_email_fails_the_build_and_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path().join("input");
    copy_dir(&fixture("tiny"), &input);
    std::fs::write(
        input.join("hubspot/hostile-contacts.csv"),
        "\"Record ID\",\"Create Date\",\"Lifecycle Stage\",\"Original Source\",\"Contact owner\",\"Became a Marketing Qualified Lead Date\",\"First outreach date\"\n\
         \"9001\",\"2026-07-05 09:00\",\"<script>alert('s')</script>\",\"<img src=x onerror=alert(5)>\",\"<script>alert('o')</script>\",\"2026-07-05 10:00\",\"2026-07-05 11:00\"\n",
    )
    .unwrap();
    std::fs::write(
        input.join("hubspot/hostile-deals.csv"),
        "\"Record ID\",\"Deal Stage\",\"Amount\",\"Create Date\",\"Close Date\",\"Deal owner\",\"Original Source\"\n\
         \"9002\",\"<b onmouseover=\"\"alert(6)\"\">Closed Won</b>\",\"=1+1\",\"2026-07-06 10:00\",\"2026-08-06 10:00\",\"<script>alert('d')</script>\",\"javascript:alert(7)\"\n",
    )
    .unwrap();
    std::fs::write(
        input.join("notes/2026-Q3.md"),
        "Call back ann.lee@alpha.example first.\n",
    )
    .unwrap();
    let output = temp.path().join("site");
    let result = equinox::cmd::build(&equinox::cmd::BuildOptions {
        input,
        output: output.clone(),
        strict: false,
        accept_restated: Vec::new(),
    });
    let message = result
        .expect_err("the guard must stop the build")
        .to_string();
    assert!(
        message.contains(
            "email address of a lead, in 2026-q3/equinox-2026-Q3.html, 2026-q3/index.html"
        ),
        "{message}"
    );
    assert!(
        !message.contains("ann.lee"),
        "the message must not repeat the address"
    );
    assert!(!output.exists());
}

#[test]
fn hostile_text_in_data_file_names_and_notes_arrives_inert() {
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path().join("input");
    copy_dir(&fixture("tiny"), &input);
    let hostile_file = input.join("ads/<img src=x onerror=alert(1)>.csv");
    std::fs::write(
        &hostile_file,
        "Day,Campaign,Cost\n2026-07-03,\"<script>alert('c')</script>\",10.00\n=HYPERLINK(\"http://evil.example\"),\"\" onmouseover=\"alert(2)\",5.00\n",
    )
    .unwrap();
    std::fs::write(
        input.join("notes/2026-Q3.md"),
        "<script>alert('n')</script> [click](javascript:alert(3)) <a href=\"#\" onclick=\"alert(4)\">x</a>\n",
    )
    .unwrap();
    let (_guard, site) = build(&input);
    // Pages and charts are where markup could run; CSV and JSON carry it as
    // plain text, and CSV cells that a spreadsheet would run are neutralised.
    let markup = all_files(&site)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".svg"));
    for (path, bytes) in markup {
        let text = String::from_utf8_lossy(&bytes);
        for bad in [
            "<script",
            "<img src=x",
            "href=\"javascript",
            "onclick=\"alert",
            "onmouseover=\"alert",
        ] {
            assert!(!text.contains(bad), "{path} contains {bad}");
        }
    }
    let page = std::fs::read_to_string(site.join("2026-q3/index.html")).unwrap();
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;.csv"),
        "the file name is shown as text"
    );
    let rejections = std::fs::read_to_string(site.join("2026-q3/rejections.csv")).unwrap();
    assert!(
        rejections.contains("'=HYPERLINK"),
        "formula cells are neutralised: {rejections}"
    );
}

#[test]
fn reps_with_fewer_than_five_leads_are_left_out_of_the_team_table() {
    // In the tiny fixture Rep One and Rep Two each own three ready leads.
    let (_guard, site) = build(&fixture("tiny"));
    let team = std::fs::read_to_string(site.join("2026-q3/team.csv")).unwrap();
    assert_eq!(team.lines().count(), 1, "only the header: {team}");
    let page = std::fs::read_to_string(site.join("2026-q3/index.html")).unwrap();
    assert!(page.contains("2 rep(s) with fewer than 5 leads assigned are not shown"));
    assert!(
        !page.contains(">Rep One<"),
        "no row names a rep with three leads"
    );
}

#[test]
fn owner_names_follow_the_privacy_setting_everywhere() {
    let temp = tempfile::tempdir().unwrap();
    let input = temp.path().join("input");
    for (relative, bytes) in all_files(&root().join("input")) {
        let target = input.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    let settings = std::fs::read_to_string(input.join("equinox.toml"))
        .unwrap()
        .replace("owners = \"names\"", "owners = \"hidden\"");
    std::fs::write(input.join("equinox.toml"), settings).unwrap();
    let (_guard, site) = build(&input);
    for (path, bytes) in all_files(&site) {
        let text = String::from_utf8_lossy(&bytes);
        for rep in [
            "Dana Whitfield",
            "Marcus Oyelaran",
            "Priya Raman",
            "Tom Becker",
            "Lena Vogel",
        ] {
            assert!(
                !text.contains(rep),
                "{path} names {rep} although owners are hidden"
            );
        }
    }
}
