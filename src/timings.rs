//! Wall time and peak memory per pipeline stage, for `--verbose` and the
//! benchmarks.

use std::time::{Duration, Instant};

/// One stage as it ran.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub name: &'static str,
    /// Whether this is a step of the stage before it (ingest's reading
    /// phases, the metrics' join and periods), shown indented.
    pub step: bool,
    pub took: Duration,
    /// The process's peak resident memory after the stage, in bytes, where
    /// the system reports it (Linux).
    pub peak_bytes: Option<u64>,
}

/// Stages in the order they ran.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timings(Vec<Stage>);

impl Timings {
    /// Runs `stage` and records how long it took and the memory peak after it.
    pub fn time<T>(&mut self, name: &'static str, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let result = work();
        self.0.push(Stage {
            name,
            step: false,
            took: start.elapsed(),
            peak_bytes: peak_resident_bytes(),
        });
        result
    }

    /// Appends `steps`, timed inside the last stage, as its steps.
    pub fn add_steps(&mut self, steps: Timings) {
        self.0
            .extend(steps.0.into_iter().map(|s| Stage { step: true, ..s }));
    }

    /// Every stage.
    pub fn stages(&self) -> &[Stage] {
        &self.0
    }
}

/// `VmHWM` from /proc/self/status: the peak resident set so far.
fn peak_resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}
