//! The Toggl Track detailed report (Reports > Detailed > Export > CSV) of
//! the two leaders who track their time: UTF-8 with a BOM, comma-separated,
//! only cells that need it quoted, ISO dates, `HH:MM:SS` durations. Each
//! working day each of them logs a few entries on the projects of
//! `story::PROJECTS`, mixed by quarter; in Q3 the founder's hours shift to
//! lead follow-up. Team members only: no lead appears here.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::calendar::{self, DAYS};
use super::random::{Stream, jitter, stream, weighted};
use super::story::{PROJECTS, TRACKERS, Tracker};

/// File name (inside `time/`), as Toggl names the download.
pub const FILE: &str = "Toggl_time_entries_2026-01-01_to_2026-12-31.csv";

/// Columns of the detailed report.
pub const HEADER: [&str; 14] = [
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Duration",
    "Tags",
    "Amount (USD)",
];

/// Chance of a working day without entries (leave, travel, a forgotten timer).
const DAY_OFF: f64 = 0.05;
/// Most minutes logged on one day.
const LONGEST_DAY: u32 = 10 * 60;

/// Writes the report; returns the number of time entries.
pub fn write(path: &Path, seed: u64) -> io::Result<usize> {
    let mut file = BufWriter::with_capacity(1 << 16, File::create(path)?);
    file.write_all("\u{feff}".as_bytes())?;
    let mut out = csv::Writer::from_writer(file);
    out.write_record(HEADER)?;
    let mut rng = stream(seed, Stream::TimeEntries);
    let mut entries = 0;
    for day in (0..DAYS).filter(|&day| calendar::is_workday(day)) {
        for tracker in &TRACKERS {
            entries += write_day(&mut out, tracker, day, &mut rng)?;
        }
    }
    out.flush()?;
    Ok(entries)
}

/// One person's entries of one day, back to back from the morning with
/// short breaks; returns how many.
fn write_day(
    out: &mut csv::Writer<BufWriter<File>>,
    tracker: &Tracker,
    day: u32,
    rng: &mut ChaCha8Rng,
) -> io::Result<usize> {
    if rng.random_bool(DAY_OFF) {
        return Ok(0);
    }
    let target = ((tracker.daily_hours * 60.0 * jitter(rng, 0.15)) as u32).min(LONGEST_DAY);
    let mix = &tracker.mix[calendar::quarter(day)];
    let date = calendar::iso_date(day);
    let mut clock = 8 * 60 + 30 + rng.random_range(0..=4) * 15;
    let (mut logged, mut entries) = (0, 0);
    while logged < target {
        let project = &PROJECTS[weighted(rng, mix)];
        let description = project.descriptions[rng.random_range(0..project.descriptions.len())];
        let minutes = (rng.random_range(2..=10) * 15).min(target - logged).max(15);
        let (start, end, duration) = (time(clock), time(clock + minutes), time(minutes));
        out.write_record([
            tracker.name.as_bytes(),
            tracker.email.as_bytes(),
            b"",
            project.name.as_bytes(),
            b"",
            description.as_bytes(),
            b"No",
            &date,
            start.as_bytes(),
            &date,
            end.as_bytes(),
            duration.as_bytes(),
            b"",
            b"0.00",
        ])?;
        logged += minutes;
        clock += minutes + rng.random_range(0..=2) * 15;
        entries += 1;
    }
    Ok(entries)
}

/// Minutes as `HH:MM:SS` (a time of day or a duration).
fn time(minutes: u32) -> String {
    format!("{:02}:{:02}:00", minutes / 60, minutes % 60)
}
