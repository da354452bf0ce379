//! Where a setting sits in equinox.toml, so a value that parses but is not
//! valid is shown like a parse error: line, column, the line and a caret.
//! The place is the parser's own span of the value (`toml::de::DeTable`),
//! never a search of the text for the key.

use std::collections::BTreeMap;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// Every key of one parsed equinox.toml, dotted (`sla.drop_after_days`,
/// `columns.a.csv.create date`: quotes left out), to the byte range the
/// parser gave its value. Made once from the one parse of the file.
#[derive(Debug, Clone, Default)]
pub struct Spans(BTreeMap<String, Range<usize>>);

impl Spans {
    /// The spans of every key under `table`.
    pub fn of(table: &DeTable<'_>) -> Spans {
        let mut spans = Spans::default();
        spans.add(table, "");
        spans
    }

    fn add(&mut self, table: &DeTable<'_>, prefix: &str) {
        for (key, value) in table {
            let path = format!("{prefix}{}", key.get_ref());
            if let DeValue::Table(inner) = value.get_ref() {
                self.add(inner, &format!("{path}."));
            }
            self.0.insert(path, value.span());
        }
    }

    /// The value's range for a key as errors name it (quotes allowed).
    fn get(&self, key: &str) -> Option<Range<usize>> {
        self.0.get(&key_parts(key).join(".")).cloned()
    }
}

/// `line N, column M` and the line of `text` with a caret under the value
/// of the dotted `key` (`sla.drop_after_days`, `sources.functions.Webinar`),
/// or an empty string when the key is not among `spans`.
pub fn excerpt(text: &str, spans: &Spans, key: &str) -> String {
    let Some(span) = spans.get(key).filter(|s| s.start <= text.len()) else {
        return String::new();
    };
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.start..]
        .find('\n')
        .map_or(text.len(), |i| span.start + i);
    let line = text[line_start..line_end].trim_end_matches('\r');
    let number = text[..line_start].matches('\n').count() as u64 + 1;
    let column = text[line_start..span.start].chars().count();
    let until = span.end.clamp(span.start, line_start + line.len());
    let width = text[span.start..until].chars().count().max(1);
    format!(
        " at line {number}, column {}\n{}{}",
        column + 1,
        crate::caret::gutter(number),
        crate::caret::point(number, line, column, width)
    )
}

/// `columns."a.csv".create date` as `columns`, `a.csv`, `create date`:
/// dots inside quotes do not split.
fn key_parts(key: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    for c in key.chars() {
        match c {
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(String::new()),
            _ => parts.last_mut().expect("never empty").push(c),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The excerpt for `key` from one parse of `text`.
    fn at(text: &str, key: &str) -> String {
        let table = DeTable::parse(text).expect("valid TOML");
        excerpt(text, &Spans::of(table.get_ref()), key)
    }

    #[test]
    fn finds_top_level_and_table_keys() {
        let text = "company = \"X\"\nfiscal_year_start = 13\n[sla]\ndrop_after_days = 0\n[sources.functions]\n\"Webinar\" = \"marketin\"\n";
        assert_eq!(
            at(text, "fiscal_year_start"),
            " at line 2, column 21\n  |\n2 | fiscal_year_start = 13\n  |                     ^^\n"
        );
        assert!(at(text, "sla.drop_after_days").starts_with(" at line 4, column 19"));
        assert!(at(text, "sources.functions.Webinar").starts_with(" at line 6, column 13"));
        assert_eq!(at(text, "targets.win_rate"), "");
        let columns = "[columns.\"a.csv\"]\n\"create date\" = \"Created\"\n";
        assert!(at(columns, "columns.\"a.csv\".create date").starts_with(" at line 2, column 17"));
    }

    /// The parser's span finds what a search of the text for `key =`
    /// missed: a dotted key outside its table, and a value followed by a
    /// comment (the caret stops at the value).
    #[test]
    fn dotted_keys_and_comments_come_from_the_parse() {
        let text = "sla.drop_after_days = 0 # too soon\n";
        assert_eq!(
            at(text, "sla.drop_after_days"),
            " at line 1, column 23\n  |\n1 | sla.drop_after_days = 0 # too soon\n  |                       ^\n"
        );
        let inline = "sla = { first_touch_hours = 4, drop_after_days = 0 }\n";
        assert!(at(inline, "sla.drop_after_days").starts_with(" at line 1, column 50"));
    }
}
