//! Issue 15: the CSV downloads hold plain numbers a spreadsheet or script
//! reads as they are (docs/metrics.md, "CSV downloads").

use super::harness::{all_files, demo_site};

/// `1,095` or `-12,345.50`: a number with thousands separators.
fn is_grouped(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let whole = digits.split('.').next().unwrap_or("");
    let groups: Vec<&str> = whole.split(',').collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[0].bytes().all(|b| b.is_ascii_digit())
        && groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

#[test]
fn every_number_in_every_csv_download_is_plain_with_at_most_four_decimals() {
    let mut numbers = 0;
    for (path, bytes) in all_files(demo_site()) {
        // The rejected cells are quoted as found in the exports.
        if !path.ends_with(".csv") || path.ends_with("rejections.csv") {
            continue;
        }
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(!is_grouped(cell), "{path}: {cell} has thousands separators");
                if cell.parse::<f64>().is_ok() {
                    numbers += 1;
                    let decimals = cell.split_once('.').map_or(0, |(_, f)| f.len());
                    assert!(decimals <= 4, "{path}: {cell} has {decimals} decimals");
                }
            }
        }
    }
    assert!(
        numbers > 1000,
        "the demo's downloads hold {numbers} numbers"
    );
}

#[test]
fn the_check_for_grouped_numbers_finds_them() {
    for grouped in ["1,095", "11,785", "-1,234.50", "1,234,567"] {
        assert!(is_grouped(grouped), "{grouped}");
    }
    for plain in [
        "1095",
        "0.0608",
        "2026-07-06",
        "Campaign report · January 1, 2026",
    ] {
        assert!(!is_grouped(plain), "{plain}");
    }
}
