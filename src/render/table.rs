//! Tables for spreadsheet users: every table on a page is also a CSV file.

/// A table: header and rows of already formatted cells.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Builds a table from a header.
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// The table as CSV bytes, formula cells neutralised.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        for row in std::iter::once(&self.header).chain(&self.rows) {
            // Writing into a Vec cannot fail.
            let _ = writer.write_record(row.iter().map(|c| neutralise_formula(c)));
        }
        writer.into_inner().unwrap_or_default()
    }
}

/// Prefixes a cell that a spreadsheet would run as a formula (`=`, `+`,
/// `-`, `@`, tab, carriage return) with an apostrophe, the OWASP advice.
/// Plain negative numbers stay numbers.
pub fn neutralise_formula(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let is_number = cell.parse::<f64>().is_ok();
    if risky && !is_number {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            neutralise_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_formula("-12.5"), "-12.5");
        assert_eq!(neutralise_formula("Brand"), "Brand");
        let mut t = Table::new(&["campaign"]);
        t.push(vec!["+cmd".into()]);
        assert_eq!(String::from_utf8(t.to_csv()).unwrap(), "campaign\n'+cmd\n");
    }
}
