//! Tables for spreadsheet users: every table on a page is also a CSV file.
//!
//! Every CSV download is written here, so the numbers in all of them follow
//! one rule (docs/metrics.md, "CSV downloads"): plain machine-readable
//! numbers, a dot for the decimal mark and no thousands separators; counts
//! as integers, money with at most two decimals, and any other number
//! rounded to [`CSV_DECIMALS`] decimals.

/// The most decimals a number in a CSV download carries: a share of
/// 0.0608 is 6.08 %, hours to 0.0001 h are a third of a second; more only
/// shows floating-point noise (`208.66666666666669`).
pub const CSV_DECIMALS: usize = 4;

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

    /// The table as CSV bytes: numbers plain (see [`plain_number`]),
    /// formula cells neutralised.
    pub fn to_csv(&self) -> Vec<u8> {
        self.write_csv(|cell| neutralise_formula(&plain_number(cell)))
    }

    /// The table as CSV bytes with every cell as it is (formulas still
    /// neutralised): for cells quoted from an export, such as a rejected
    /// value, which must read as found.
    pub fn to_csv_verbatim(&self) -> Vec<u8> {
        self.write_csv(neutralise_formula)
    }

    fn write_csv(&self, cell: impl Fn(&str) -> String) -> Vec<u8> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let _ = writer.write_record(self.header.iter().map(|c| neutralise_formula(c)));
        for row in &self.rows {
            // Writing into a Vec cannot fail.
            let _ = writer.write_record(row.iter().map(|c| cell(c)));
        }
        writer.into_inner().unwrap_or_default()
    }
}

/// A number cell with more than [`CSV_DECIMALS`] decimals rounded to that
/// many; every other cell (text, integers, money with its two decimals)
/// as it is.
pub fn plain_number(cell: &str) -> std::borrow::Cow<'_, str> {
    let Some((whole, fraction)) = cell.split_once('.') else {
        return cell.into();
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let decimal = digits(whole.strip_prefix('-').unwrap_or(whole)) && digits(fraction);
    match cell.parse::<f64>() {
        Ok(value) if decimal && fraction.len() > CSV_DECIMALS => {
            let rounded = format!("{value:.CSV_DECIMALS$}");
            // -0.0000 is 0 to a reader.
            match rounded.trim_start_matches('-').trim_matches(['0', '.']) {
                "" => "0".into(),
                _ => rounded.into(),
            }
        }
        _ => cell.into(),
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

    #[test]
    fn numbers_are_plain_with_at_most_four_decimals() {
        assert_eq!(plain_number("208.66666666666669"), "208.6667");
        assert_eq!(plain_number("0.060810810810810814"), "0.0608");
        assert_eq!(plain_number("-3.0904028824107437"), "-3.0904");
        assert_eq!(plain_number("-0.000001"), "0");
        assert_eq!(plain_number("63342.70"), "63342.70");
        assert_eq!(plain_number("0.072"), "0.072");
        assert_eq!(plain_number("1095"), "1095");
        assert_eq!(plain_number("2026-07-06"), "2026-07-06");
        assert_eq!(plain_number("v1.2.34567"), "v1.2.34567");
        assert_eq!(plain_number("1.02345E+10"), "1.02345E+10");
        assert_eq!(plain_number("1.2345678e3"), "1.2345678e3");
        let mut t = Table::new(&["Rep", "Median hours"]);
        t.push(vec!["Dana".into(), "208.66666666666669".into()]);
        assert_eq!(
            String::from_utf8(t.to_csv()).unwrap(),
            "Rep,Median hours\nDana,208.6667\n"
        );
    }
}
