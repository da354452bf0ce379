//! Fuzzing on the stable toolchain: arbitrary bytes, and real exports with
//! random damage, go through the whole reading path of one file (decode,
//! sniff, profile). Nothing may panic, and every row read is used or
//! rejected. `EQUINOX_FUZZ_CASES=100000 cargo test --release fuzz` runs longer;
//! docs/reliability.md records what such runs found.

use super::harness::fixture;
use equinox::config::Settings;
use proptest::prelude::*;

/// Cases per property: 256 in every test run, more when asked.
fn fuzz_cases() -> u32 {
    std::env::var("EQUINOX_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

fn read_bytes(name: &str, bytes: &[u8]) {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let (_records, ledger) = equinox::ingest::read_file(temp.path(), &path, &Settings::default());
    assert_eq!(ledger.rows_read, ledger.rows_used + ledger.rows_rejected);
    assert_eq!(ledger.rejections.len() as u64, ledger.rows_rejected);
}

/// The exports the damage is done to: one per encoding and layout.
fn seeds() -> Vec<Vec<u8>> {
    [
        "tiny/hubspot/contacts.csv",
        "tiny/ads/Campaign report.csv",
        "tiny/ads/meta.csv",
        "check-broken/hubspot/contacts-resaved-in-excel.csv",
    ]
    .iter()
    .map(|f| std::fs::read(fixture(f)).unwrap())
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

    #[test]
    fn arbitrary_bytes_never_break_ingest(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        read_bytes("any.csv", &bytes);
    }

    #[test]
    fn damaged_real_exports_never_break_ingest(
        seed in 0usize..4,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..12),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = seeds()[seed].clone();
        for (at, byte, kind) in edits {
            let i = at.index(bytes.len().max(1));
            match kind {
                0 if i < bytes.len() => bytes[i] = byte,
                1 => bytes.insert(i.min(bytes.len()), byte),
                2 => bytes.insert(i.min(bytes.len()), b'"'),
                _ if i < bytes.len() => { bytes.remove(i); }
                _ => {}
            }
        }
        let keep = cut.index(bytes.len() + 1);
        bytes.truncate(keep.max(bytes.len() / 2));
        read_bytes("damaged.csv", &bytes);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &bytes).unwrap();
        let gz = gz.finish().unwrap();
        read_bytes("damaged.csv.gz", &gz[..gz.len() * 3 / 4]);
    }
}
