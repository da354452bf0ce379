//! Wall time per pipeline stage, for `--verbose` and the benchmarks.

use std::time::{Duration, Instant};

/// Stages in the order they ran, with their wall time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timings(Vec<(&'static str, Duration)>);

impl Timings {
    /// Runs `stage` and records how long it took.
    pub fn time<T>(&mut self, stage: &'static str, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let result = work();
        self.0.push((stage, start.elapsed()));
        result
    }

    /// Every stage and its time.
    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.0
    }

    /// Appends another run's stages.
    pub fn extend(&mut self, other: Timings) {
        self.0.extend(other.0);
    }
}
