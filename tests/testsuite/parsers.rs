//! Property tests for the cell parsers: every value written in any of the
//! formats real exports use reads back exactly, and no text makes a parser
//! panic.

use chrono::{NaiveDate, NaiveDateTime};
use equinox::config::DateOrder;
use equinox::ingest::cells::{
    iso_stamp, numeric_date_fields, parse_count, parse_datetime, parse_datetime_ordered,
    parse_money, parse_number,
};
use equinox::model::Stamp;
use proptest::prelude::*;

/// `1234567` as `1,234,567` (or with another separator).
fn grouped(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

fn moment() -> impl Strategy<Value = NaiveDateTime> {
    (1990i32..2100, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60).prop_map(|(y, m, d, h, min)| {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    })
}

proptest! {
    #[test]
    fn money_reads_back_in_every_convention(cents in 0i64..1_000_000_000_000, symbol in prop::sample::select(vec!["", "$", "€ ", "USD "])) {
        let (units, rest) = ((cents / 100) as u64, cents % 100);
        let plain = format!("{symbol}{units}.{rest:02}");
        let us = format!("{symbol}{}.{rest:02}", grouped(units, ','));
        let european = format!("{}{},{rest:02}", symbol, grouped(units, '.'));
        for text in [plain, us, european] {
            prop_assert_eq!(parse_money(&text).map(|m| m.cents()), Some(cents), "{}", text);
        }
        prop_assert_eq!(parse_money(&format!("-{units}.{rest:02}")).map(|m| m.cents()), Some(-cents));
    }

    #[test]
    fn counts_read_back_grouped_or_not(n in 0u64..1_000_000_000_000) {
        prop_assert_eq!(parse_count(&n.to_string()), Some(n));
        prop_assert_eq!(parse_count(&grouped(n, ',')), Some(n));
        prop_assert_eq!(parse_count(&format!("{n}.0")), Some(n));
    }

    #[test]
    fn dates_read_back_in_every_export_format(at in moment()) {
        let mut formats = vec!["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S-0400", "%m/%d/%Y %I:%M %p", "%-m/%-d/%Y %H:%M", "%d.%m.%Y %H:%M"];
        // Two-digit years (Excel re-saves) mean 2000-2069, as chrono reads them.
        if (2000..2070).contains(&chrono::Datelike::year(&at)) {
            formats.push("%-m/%-d/%y %H:%M");
        }
        for format in formats {
            let text = at.format(format).to_string();
            prop_assert_eq!(parse_datetime(&text), Some(at), "{}", text);
        }
        let day_first = at.format("%d/%m/%Y %H:%M").to_string();
        prop_assert_eq!(parse_datetime_ordered(&day_first, DateOrder::DayFirst), Some(at));
        let date_only = at.date().and_hms_opt(0, 0, 0).unwrap();
        for format in ["%Y-%m-%d", "%B %-d, %Y", "%-d %B %Y", "%-m/%-d/%Y"] {
            let text = at.format(format).to_string();
            prop_assert_eq!(parse_datetime(&text), Some(date_only), "{}", text);
        }
    }

    #[test]
    fn numeric_dates_give_their_fields_in_written_order(at in moment()) {
        let text = at.format("%-d/%-m/%Y").to_string();
        prop_assert_eq!(numeric_date_fields(&text), Some((chrono::Datelike::day(&at), chrono::Datelike::month(&at))));
    }

    #[test]
    fn no_text_makes_a_parser_panic(text in "\\PC{0,40}") {
        let _ = parse_money(&text);
        let _ = parse_count(&text);
        let _ = parse_number(&text);
        let _ = parse_datetime(&text);
        let _ = parse_datetime_ordered(&text, DateOrder::DayFirst);
        let _ = numeric_date_fields(&text);
    }

    #[test]
    fn no_number_like_text_makes_a_parser_panic(text in "[-+(]?[$€]?[0-9.,' ]{0,30}[)%]?") {
        let _ = parse_money(&text);
        let _ = parse_count(&text);
        let _ = parse_number(&text);
    }
}

proptest! {
    #[test]
    fn durations_read_back_with_hours_past_a_day(seconds in 0i64..10_000_000) {
        let text = format!("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
        prop_assert_eq!(equinox::ingest::cells::parse_duration(&text).map(|d| d.num_seconds()), Some(seconds));
        let hours = format!("{:.4}", seconds as f64 / 3600.0);
        let parsed = equinox::ingest::cells::parse_duration(&hours).map(|d| d.num_seconds()).unwrap();
        prop_assert!((parsed - seconds).abs() <= 1, "{} -> {}", hours, parsed);
    }
}

/// Text made of what the cell fast paths look at: ASCII and Unicode
/// whitespace (U+000B, U+00A0, U+3000 count for `str::trim`), the empty
/// markers, id characters and non-ASCII letters.
fn cell_text() -> impl Strategy<Value = String> {
    let pieces = vec![
        " ",
        "\t",
        "\r",
        "\n",
        "\u{b}",
        "\u{a0}",
        "\u{3000}",
        "\u{85}",
        "-",
        "--",
        "n/a",
        "N/A",
        "(not set)",
        "(NOT SET)",
        "1",
        "2",
        "0",
        ".",
        "e",
        "E",
        "+",
        "20253",
        "é",
        "a",
        "x",
    ];
    prop::collection::vec(prop::sample::select(pieces), 0..8).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn fast_trim_agrees_with_str_trim(text in cell_text()) {
        prop_assert_eq!(equinox::ingest::cells::trim(&text), text.trim());
    }

    #[test]
    fn fast_trim_agrees_with_str_trim_on_any_text(text in "\\PC{0,12}|\\s{0,3}\\PC{0,6}\\s{0,3}") {
        prop_assert_eq!(equinox::ingest::cells::trim(&text), text.trim());
    }

    #[test]
    fn empty_markers_agree_with_the_general_rule(text in cell_text()) {
        let general = {
            let cell = text.trim();
            cell.len() <= 9
                && ["", "--", "-", "n/a", "(not set)"].iter().any(|e| cell.eq_ignore_ascii_case(e))
        };
        prop_assert_eq!(equinox::ingest::cells::is_empty(&text), general);
        prop_assert_eq!(equinox::ingest::cells::is_empty_trimmed(text.trim()), general);
    }

    #[test]
    fn id_problems_agree_with_the_general_rule(text in cell_text()) {
        let general = {
            let cell = text.trim();
            let bytes = cell.as_bytes();
            let exponent = bytes.windows(2).any(|w| w[0].eq_ignore_ascii_case(&b'e') && w[1] == b'+');
            let scientific = exponent
                && bytes.iter().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'E' | b'e' | b'+'));
            cell.is_empty() || scientific
        };
        prop_assert_eq!(equinox::ingest::cells::id_problem(&text).is_some(), general, "{:?}", text);
    }
}

proptest! {
    /// The direct ISO-to-stamp path gives what chrono's path gives, for
    /// every date shape it takes (invalid days and months, years out of
    /// the stamp range, odd separators included), and takes the valid ones.
    #[test]
    fn iso_stamps_agree_with_the_general_path(
        (y, m, d) in (prop_oneof![1965u32..2110, 0u32..10_000], 0u32..14, 0u32..33),
        (h, min, s) in (0u32..26, 0u32..62, 0u32..62),
        shape in 0usize..5,
        (spoilt, by) in (0usize..16, prop::sample::select(vec![b'a', b'/', b' ', b'T', b':', b'-', b'0', b'9', b'.'])),
    ) {
        let mut text = match shape {
            0 => format!("{y:04}-{m:02}-{d:02}"),
            1 | 4 => format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}"),
            2 => format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}"),
            _ => format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}Z{s:02}"),
        };
        // A byte of the minute shape replaced: a separator or digit out
        // of place must be caught by the fast check, as the general path
        // does.
        if shape == 4 && text.len() == 16 {
            let mut bytes = text.into_bytes();
            bytes[spoilt] = by;
            text = String::from_utf8(bytes).expect("ASCII");
        }
        let general = parse_datetime_ordered(&text, DateOrder::MonthFirst).and_then(Stamp::new);
        let fast = iso_stamp(&text);
        if fast.is_some() {
            prop_assert_eq!(fast, general, "{}", text);
        } else if shape < 3 {
            prop_assert_eq!(general, None, "{} was left to the general path", text);
        }
    }
}
