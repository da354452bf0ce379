//! Where a setting sits in equinox.toml, so a value that parses but is not
//! valid is shown like a parse error: line, column, the line and a caret.

/// `line N, column M` and the line with a caret under the value of the
/// dotted `key` (`sla.drop_after_days`, `sources.functions.Webinar`), or
/// an empty string when the key cannot be found.
pub fn excerpt(text: &str, key: &str) -> String {
    let Some((number, line, column)) = locate(text, key) else {
        return String::new();
    };
    let column = line[..column].chars().count();
    let width = line.chars().count() - column;
    let number = number as u64;
    format!(
        " at line {number}, column {}\n{}{}",
        column + 1,
        crate::caret::gutter(number),
        crate::caret::point(number, line, column, width)
    )
}

/// The 1-based line number, the line, and the 0-based column of the value.
fn locate<'t>(text: &'t str, key: &str) -> Option<(usize, &'t str, usize)> {
    let parts = key_parts(key);
    for split in (0..parts.len()).rev() {
        let (table, name) = (parts[..split].join("."), parts[split..].join("."));
        if let Some(found) = locate_in_table(text, &table, &name) {
            return Some(found);
        }
    }
    None
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

fn locate_in_table<'t>(text: &'t str, table: &str, name: &str) -> Option<(usize, &'t str, usize)> {
    let mut current = String::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(header) = trimmed.strip_prefix('[').and_then(|t| t.split(']').next()) {
            current = header.trim().replace('"', "");
            continue;
        }
        let Some((left, _)) = trimmed.split_once('=') else {
            continue;
        };
        if current == table && left.trim().trim_matches('"') == name {
            let column = line
                .find('=')
                .map(|eq| eq + 1 + (line[eq + 1..].len() - line[eq + 1..].trim_start().len()))?;
            return Some((index + 1, line, column));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_top_level_and_table_keys() {
        let text = "company = \"X\"\nfiscal_year_start = 13\n[sla]\ndrop_after_days = 0\n[sources.functions]\n\"Webinar\" = \"marketin\"\n";
        assert_eq!(
            excerpt(text, "fiscal_year_start"),
            " at line 2, column 21\n  |\n2 | fiscal_year_start = 13\n  |                     ^^\n"
        );
        assert!(excerpt(text, "sla.drop_after_days").starts_with(" at line 4, column 19"));
        assert!(excerpt(text, "sources.functions.Webinar").starts_with(" at line 6, column 13"));
        assert_eq!(excerpt(text, "targets.win_rate"), "");
        let columns = "[columns.\"a.csv\"]\n\"create date\" = \"Created\"\n";
        assert!(
            excerpt(columns, "columns.\"a.csv\".create date").starts_with(" at line 2, column 17")
        );
    }
}
