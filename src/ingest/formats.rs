//! Column formats decided from the data, per column, before rows are read:
//! how a column writes numbers (decimal point or decimal comma) and slash
//! dates (day-first or month-first).
//!
//! Numbers: `1,234` is a thousand and more in the US and one and a bit in
//! Brazil. A column where some value shows its decimals unambiguously
//! (`454,06`, `1.234,5`, `12.50`, `1,234.5`) decides how the ambiguous ones
//! are read; otherwise each value is read on its own (see `cells`).
//!
//! Dates: `3/4/2026` is March in the US and April almost everywhere else;
//! the data decides (a first field above 12 means day-first, a second
//! field above 12 means month-first), then the file's hints (dotted dates
//! and decimal commas are European; 12-hour AM/PM times anywhere in the
//! file, as Salesforce's footer writes them, are US), then `date_order` in
//! equinox.toml.
//! A column that stays ambiguous is never guessed.

use super::cells::numeric_date_fields;
use crate::config::DateOrder;

/// The order of one column's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnOrder {
    Known(DateOrder),
    /// Every date seen could be read either way.
    Ambiguous,
}

/// What the rows seen so far say about each column.
#[derive(Debug, Clone, Default)]
pub struct FormatEvidence {
    columns: Vec<ColumnEvidence>,
    hints: Hints,
}

/// What the whole file says about its locale.
#[derive(Debug, Clone, Copy, Default)]
struct Hints {
    /// Numbers such as `454,06`: a European file.
    decimal_comma: bool,
    /// Times such as `9/8/2026 11:22 AM`: a US file.
    am_pm: bool,
}

#[derive(Debug, Clone, Copy, Default)]
struct ColumnEvidence {
    decimal_commas: u64,
    decimal_points: u64,
    numeric_dates: u64,
    dotted: bool,
    first_over_12: bool,
    second_over_12: bool,
}

/// Why a file's slash dates were read in the order they were, for `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Why {
    /// `date_order` in equinox.toml.
    Setting,
    /// The column's own dates: a day above 12 in one place.
    OwnDates,
    /// Dots or hyphens between the fields, as day-first locales write.
    Dotted,
    /// Another date column of the file shows its order.
    OtherColumn,
    DecimalComma,
    AmPm,
    /// The export's default (Clockify: month-first; Pipedrive in another
    /// language than English: day-first).
    ExportDefault,
}

impl Why {
    fn words(self) -> &'static str {
        match self {
            Why::Setting => "set by date_order in equinox.toml",
            Why::OwnDates => "a date in the column has a field above 12",
            Why::Dotted => "the dates are written with dots or hyphens",
            Why::OtherColumn => "another date column of the file has a field above 12",
            Why::DecimalComma => "the file's numbers use a decimal comma",
            Why::AmPm => "the file's times use a 12-hour clock (AM/PM)",
            Why::ExportDefault => {
                "every date could be read either way; this is the export's default order (Clockify's settings; the interface language of a Pipedrive export)"
            }
        }
    }
}

impl ColumnEvidence {
    /// The order the column's own dates show.
    fn own(&self) -> Option<(DateOrder, Why)> {
        match (self.first_over_12, self.second_over_12) {
            (true, false) => Some((DateOrder::DayFirst, Why::OwnDates)),
            (false, true) | (true, true) => Some((DateOrder::MonthFirst, Why::OwnDates)),
            (false, false) if self.dotted => Some((DateOrder::DayFirst, Why::Dotted)),
            (false, false) => None,
        }
    }

    /// The column's order: its own dates, else the file's.
    fn order(&self, file: Option<(DateOrder, Why)>) -> Option<(DateOrder, Option<Why>)> {
        if self.numeric_dates == 0 {
            return Some((DateOrder::MonthFirst, None));
        }
        self.own().or(file).map(|(order, why)| (order, Some(why)))
    }
}

impl FormatEvidence {
    /// Takes one row into account.
    pub fn add(&mut self, record: &csv::StringRecord) {
        if self.columns.len() < record.len() {
            self.columns.resize(record.len(), ColumnEvidence::default());
        }
        for (cell, evidence) in record.iter().zip(&mut self.columns) {
            if let Some((first, second)) = numeric_date_fields(cell) {
                evidence.numeric_dates += 1;
                // Dotted and hyphenated (`17-7-2018`) numeric dates are
                // written by day-first locales.
                evidence.dotted |= cell.contains(['.', '-']);
                evidence.first_over_12 |= first > 12;
                evidence.second_over_12 |= second > 12;
            } else {
                match decimal_separator_shown(cell) {
                    Some(',') => evidence.decimal_commas += 1,
                    Some(_) => evidence.decimal_points += 1,
                    None => {}
                }
                self.hints.decimal_comma |= evidence.decimal_commas > 0;
            }
            self.hints.am_pm |= is_us_time(cell);
        }
    }

    /// The order the whole file shows, for columns whose own dates do not:
    /// other columns' dates (where they agree), then the locale hints,
    /// then the export's default.
    fn file_order(&self, default: Option<DateOrder>) -> Option<(DateOrder, Why)> {
        let mut shown = self
            .columns
            .iter()
            .filter(|c| c.first_over_12 || c.second_over_12)
            .filter_map(|c| c.own().map(|(order, _)| order));
        let first = shown.next();
        if let Some(order) = first.filter(|o| shown.all(|other| other == *o)) {
            return Some((order, Why::OtherColumn));
        }
        match (self.hints.decimal_comma, self.hints.am_pm) {
            (true, false) => return Some((DateOrder::DayFirst, Why::DecimalComma)),
            (false, true) => return Some((DateOrder::MonthFirst, Why::AmPm)),
            _ => {}
        }
        default.map(|order| (order, Why::ExportDefault))
    }

    /// Whether some column still cannot be decided from the data.
    pub fn undecided(&self) -> bool {
        let file = self.file_order(None);
        self.columns.iter().any(|c| c.order(file).is_none())
    }

    /// The formats of every column; a date order `forced` by equinox.toml
    /// wins over the evidence, and `default` (the export's own) comes
    /// last.
    pub fn formats(&self, forced: Option<DateOrder>, default: Option<DateOrder>) -> ColumnFormats {
        let file = self.file_order(default);
        let decided: Vec<Option<(DateOrder, Option<Why>)>> = self
            .columns
            .iter()
            .map(|c| match forced {
                Some(order) if c.numeric_dates > 0 => Some((order, Some(Why::Setting))),
                Some(order) => Some((order, None)),
                None => c.order(file),
            })
            .collect();
        let orders = decided.iter().map(|d| {
            d.map_or(ColumnOrder::Ambiguous, |(order, _)| {
                ColumnOrder::Known(order)
            })
        });
        let decimals = self.columns.iter().map(ColumnEvidence::decimal_separator);
        ColumnFormats {
            orders: orders.collect(),
            decimals: decimals.collect(),
            forced,
            note: order_note(&decided),
        }
    }
}

/// `check`'s note on how a file's slash dates were read, when it has any.
fn order_note(decided: &[Option<(DateOrder, Option<Why>)>]) -> Option<String> {
    let reasons: std::collections::BTreeSet<(bool, Why)> = decided
        .iter()
        .flatten()
        .filter_map(|(order, why)| Some((*order == DateOrder::DayFirst, (*why)?)))
        .collect();
    if reasons.is_empty() {
        return None;
    }
    let said: Vec<String> = reasons
        .iter()
        .map(|(day_first, why)| {
            let order = if *day_first {
                "day-first"
            } else {
                "month-first"
            };
            format!("{order} ({})", why.words())
        })
        .collect();
    Some(format!("numeric dates read {}", said.join("; ")))
}

/// A slash date with a 12-hour time: `9/8/2026 11:22 AM`, also inside text
/// such as Salesforce's footer `Generated By:  Dana  9/8/2026 11:22 AM`;
/// or a 12-hour time on its own (Clockify's `Start Time`, `10:23:52 AM`).
fn is_us_time(cell: &str) -> bool {
    let cell = cell.trim();
    let Some(time) = cell
        .strip_suffix(" AM")
        .or_else(|| cell.strip_suffix(" PM"))
    else {
        return false;
    };
    let bare_time = !time.is_empty()
        && time.len() <= 8
        && time.bytes().all(|b| b.is_ascii_digit() || b == b':')
        && time.contains(':');
    bare_time || (cell.contains('/') && cell.contains(':'))
}

impl ColumnEvidence {
    /// The separator the column's unambiguous values agree on, if they do.
    fn decimal_separator(&self) -> Option<char> {
        match (self.decimal_commas, self.decimal_points) {
            (0, 0) => None,
            (_, 0) => Some(','),
            (0, _) => Some('.'),
            _ => None,
        }
    }
}

/// The decimal separator a number shows unambiguously: `454,06` and
/// `1.234,5` (comma), `12.50` and `1,234.5` (point). `1,234` and `1.234`
/// show nothing: three digits after a lone separator may be grouping.
fn decimal_separator_shown(cell: &str) -> Option<char> {
    let number = cell
        .trim()
        .trim_start_matches(['-', '('])
        .trim_end_matches([')', '%']);
    let last = number.rfind([',', '.'])?;
    let (int, frac) = (&number[..last], &number[last + 1..]);
    let separator = number[last..].chars().next()?;
    let other = if separator == ',' { '.' } else { ',' };
    let well_formed = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit() || b == other as u8)
        && !frac.is_empty()
        && frac.bytes().all(|b| b.is_ascii_digit());
    let shown = frac.len() != 3 || int.contains(other);
    (well_formed && shown).then_some(separator)
}

/// The decided formats of every column of a file, by header position.
#[derive(Debug, Clone, Default)]
pub struct ColumnFormats {
    orders: Vec<ColumnOrder>,
    decimals: Vec<Option<char>>,
    forced: Option<DateOrder>,
    /// How the file's numeric dates were read and why, for `check`.
    pub note: Option<String>,
}

impl ColumnFormats {
    /// The date order of the column at `index`.
    pub fn date_order(&self, index: usize) -> ColumnOrder {
        let default = ColumnOrder::Known(self.forced.unwrap_or(DateOrder::MonthFirst));
        self.orders.get(index).copied().unwrap_or(default)
    }

    /// The decimal separator of the column at `index`, where the data shows it.
    pub fn decimal_separator(&self, index: usize) -> Option<char> {
        self.decimals.get(index).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orders(rows: &[&[&str]]) -> Vec<ColumnOrder> {
        let mut evidence = FormatEvidence::default();
        for row in rows {
            evidence.add(&csv::StringRecord::from(row.to_vec()));
        }
        (0..rows[0].len())
            .map(|i| evidence.formats(None, None).date_order(i))
            .collect()
    }

    #[test]
    fn the_data_decides() {
        use ColumnOrder::*;
        use DateOrder::*;
        let decided = orders(&[
            &["3/4/2026", "3/4/2026", "x"],
            &["25/4/2026", "4/25/2026", "y"],
        ]);
        assert_eq!(
            decided,
            [Known(DayFirst), Known(MonthFirst), Known(MonthFirst)]
        );
        assert_eq!(orders(&[&["3/4/2026"], &["5/6/2026"]]), [Ambiguous]);
        assert_eq!(orders(&[&["03.04.2026"]]), [Known(DayFirst)]);
        assert_eq!(orders(&[&["3/4/2026", "454,06"]])[0], Known(DayFirst));
        assert_eq!(orders(&[&["3/4/2026", "1,024"]])[0], Ambiguous);
        assert_eq!(
            orders(&[&["3/4/2026", "5/6/2026 9:15 AM"]])[0],
            Known(MonthFirst)
        );
        let footer = "Generated By:  Dana Lee  9/8/2026 11:22 AM";
        assert_eq!(orders(&[&["3/4/2026"], &[footer]])[0], Known(MonthFirst));
    }

    #[test]
    fn decimal_separators_by_column() {
        let mut evidence = FormatEvidence::default();
        for row in [
            ["1,234", "1.234", "12.50", "x"],
            ["454,06", "9.380", "1,024", "7"],
        ] {
            evidence.add(&csv::StringRecord::from(row.to_vec()));
        }
        let formats = evidence.formats(None, None);
        let decimals: Vec<_> = (0..4).map(|i| formats.decimal_separator(i)).collect();
        assert_eq!(decimals, [Some(','), None, Some('.'), None]);
        assert_eq!(decimal_separator_shown("1.234,5"), Some(','));
        assert_eq!(decimal_separator_shown("1,234.5"), Some('.'));
        assert_eq!(decimal_separator_shown("1,234"), None);
        assert_eq!(decimal_separator_shown("(12.5)"), Some('.'));
        assert_eq!(decimal_separator_shown("2.81%"), Some('.'));
    }
}
