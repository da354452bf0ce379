//! Day-first or month-first: deciding, per column, how a file writes slash
//! dates. `3/4/2026` is March in the US and April almost everywhere else;
//! the data decides (a first field above 12 means day-first, a second
//! field above 12 means month-first), then the file's hints (dotted dates
//! and decimal commas are European), then `date_order` in equinox.toml.
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
pub struct DateEvidence {
    columns: Vec<ColumnEvidence>,
    decimal_comma: bool,
}

#[derive(Debug, Clone, Copy, Default)]
struct ColumnEvidence {
    numeric_dates: u64,
    dotted: bool,
    first_over_12: bool,
    second_over_12: bool,
}

impl ColumnEvidence {
    fn order(&self, decimal_comma: bool) -> ColumnOrder {
        match (self.first_over_12, self.second_over_12) {
            (true, false) => ColumnOrder::Known(DateOrder::DayFirst),
            (false, true) | (true, true) => ColumnOrder::Known(DateOrder::MonthFirst),
            (false, false) if self.numeric_dates == 0 => ColumnOrder::Known(DateOrder::MonthFirst),
            (false, false) if self.dotted || decimal_comma => {
                ColumnOrder::Known(DateOrder::DayFirst)
            }
            (false, false) => ColumnOrder::Ambiguous,
        }
    }
}

impl DateEvidence {
    /// Takes one row into account.
    pub fn add(&mut self, record: &csv::StringRecord) {
        if self.columns.len() < record.len() {
            self.columns.resize(record.len(), ColumnEvidence::default());
        }
        for (cell, evidence) in record.iter().zip(&mut self.columns) {
            if let Some((first, second)) = numeric_date_fields(cell) {
                evidence.numeric_dates += 1;
                evidence.dotted |= cell.contains('.');
                evidence.first_over_12 |= first > 12;
                evidence.second_over_12 |= second > 12;
            } else if !self.decimal_comma {
                self.decimal_comma = is_decimal_comma(cell);
            }
        }
    }

    /// Whether some column still cannot be decided from the data.
    pub fn undecided(&self) -> bool {
        self.columns
            .iter()
            .any(|c| c.order(self.decimal_comma) == ColumnOrder::Ambiguous)
    }

    /// The order of every column; `forced` (from equinox.toml) wins.
    pub fn orders(&self, forced: Option<DateOrder>) -> DateOrders {
        DateOrders(
            self.columns
                .iter()
                .map(|c| {
                    forced
                        .map(ColumnOrder::Known)
                        .unwrap_or(c.order(self.decimal_comma))
                })
                .collect(),
            forced,
        )
    }
}

/// `454,06` or `-1.234,5`: a number written with a decimal comma (a comma
/// followed by exactly three digits could be grouping, so it is no hint).
fn is_decimal_comma(cell: &str) -> bool {
    let cell = cell.trim().trim_start_matches('-');
    match cell.rsplit_once(',') {
        Some((int, frac)) => {
            let digits =
                |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
            digits(int) && (1..=2).contains(&frac.len()) && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// The decided order of every column of a file, by header position.
#[derive(Debug, Clone, Default)]
pub struct DateOrders(Vec<ColumnOrder>, Option<DateOrder>);

impl DateOrders {
    /// The order of the column at `index`.
    pub fn get(&self, index: usize) -> ColumnOrder {
        let default = ColumnOrder::Known(self.1.unwrap_or(DateOrder::MonthFirst));
        self.0.get(index).copied().unwrap_or(default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orders(rows: &[&[&str]]) -> Vec<ColumnOrder> {
        let mut evidence = DateEvidence::default();
        for row in rows {
            evidence.add(&csv::StringRecord::from(row.to_vec()));
        }
        (0..rows[0].len())
            .map(|i| evidence.orders(None).get(i))
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
    }
}
