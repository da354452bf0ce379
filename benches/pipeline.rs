//! Stage benchmarks on generated demo exports: ingest alone (parse
//! throughput in bytes per second) and the whole build, at 10k and 100k
//! leads. The whole-process figures at 1M leads come from benches/run.sh.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::path::{Path, PathBuf};

/// Writes (once per process) the demo exports for `leads` leads.
fn demo_input(leads: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("equinox-bench-{leads}"));
    if !dir.join("equinox.toml").exists() {
        equinox::cmd::demo::write_demo(
            &equinox::cmd::demo::DemoOptions {
                leads,
                ..Default::default()
            },
            &dir,
        )
        .expect("demo written");
    }
    dir
}

fn input_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

fn ingest(c: &mut Criterion) {
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    for leads in [10_000, 100_000] {
        let input = demo_input(leads);
        let settings = equinox::config::Settings::load(&input).expect("settings");
        group.throughput(Throughput::Bytes(input_bytes(&input)));
        group.bench_with_input(BenchmarkId::from_parameter(leads), &input, |b, input| {
            b.iter(|| equinox::ingest::read_inputs(input, &settings))
        });
    }
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    for leads in [10_000, 100_000] {
        let input = demo_input(leads);
        let output = std::env::temp_dir().join(format!("equinox-bench-site-{leads}"));
        let options = equinox::cmd::BuildOptions {
            input,
            output,
            strict: false,
            accept_restated: Vec::new(),
        };
        group.bench_with_input(
            BenchmarkId::from_parameter(leads),
            &options,
            |b, options| b.iter(|| equinox::cmd::build(options).expect("build")),
        );
    }
    group.finish();
}

criterion_group!(benches, ingest, build);
criterion_main!(benches);
