//! The non-CSV inputs of the demo folder: `equinox.toml` with the review
//! settings, and the head of revenue's commentary on the Q3 review.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Review settings for Northwind Analytics.
pub const SETTINGS: &str = r#"# Equinox review settings for the demo company.
company = "Northwind Analytics"
currency = "USD"
fiscal_year_start = 1   # January
period = "quarter"

[sla]
first_touch_hours = 24  # a lead should hear from sales within a day
drop_after_days = 7     # untouched this long counts as dropped

[targets]
marketing_share = 0.5
mql_to_sql = 0.3
win_rate = 0.25
pipeline_coverage = 3.0
revenue_per_period = 450000

[privacy]
owners = "names"

# Toggl Track projects of the founder and the head of revenue.
[hours.projects]
"Website" = "marketing"
"Campaigns" = "marketing"
"Pipeline reviews" = "sales"
"Key accounts" = "sales"
"Lead follow-up" = "sales"
"Partners" = "partner"
"#;

/// Commentary shown under the 2026-Q3 review.
pub const Q3_NOTES: &str = "\
Q3 was the quarter our funnel outran our team. The paid push that started in Q2 went into
full swing: paid search and paid social budgets rose by about two thirds, and new MQLs
roughly doubled against Q2. Marketing delivered exactly what we asked for.

Sales could not absorb it. Four reps make about forty first touches a week between them,
and by August each of them had more than a week of untouched leads in their queue. Leads
that used to hear from us within hours waited days, many were never called at all, and the
ones we did reach converted at a fraction of the Q1 rate. **More leads did not mean more
pipeline.**

Decisions for Q4:

- Hire a fifth rep, starting 1 October, with a full share of the round-robin from day one.
- Trim paid social back towards its Q1 level; keep brand and generic search, which convert
  best.
- Every rep blocks the first hour of each working day for new-lead follow-up, with no
  meetings booked over it.

We will judge the change by speed to lead and dropped leads, not by MQL volume. If the
backlog is gone by mid-November, we can talk about scaling spend again in the Q1 plan.
";

/// Writes `equinox.toml` and `notes/2026-Q3.md` under `out`; returns their
/// paths relative to `out`.
pub fn write(out: &Path) -> io::Result<Vec<PathBuf>> {
    let settings = PathBuf::from("equinox.toml");
    let notes = Path::new("notes").join("2026-Q3.md");
    fs::create_dir_all(out.join("notes"))?;
    fs::write(out.join(&settings), SETTINGS)?;
    fs::write(out.join(&notes), Q3_NOTES)?;
    Ok(vec![settings, notes])
}
