//! [`Row`]: one data row of a recognised export, and the getters every
//! profile reads its cells with. Each getter parses one kind of cell and,
//! for a cell it cannot read, returns the rejection naming the file, line,
//! column, what was found and what was expected.

use super::{Columns, Profile};
use crate::config::DateOrder;
use crate::ingest::cells;
use crate::ingest::formats::{ColumnFormats, ColumnOrder};
use crate::ingest::header::{Header, normalise};
use crate::ingest::spread::StatedRange;
use crate::ledger::{Rejection, shorten};
use crate::model::{EXPECTED_STAMP_RANGE, Money, Stamp};
use chrono::NaiveDateTime;

/// One data row with what is needed to read it and to explain a rejection.
pub struct Row<'a> {
    pub record: &'a csv::StringRecord,
    /// The file's own line number of this row.
    pub line: u64,
    pub header: &'a Header,
    pub columns: &'a Columns,
    pub profile: &'static Profile,
    /// How each column writes slash dates.
    pub formats: &'a ColumnFormats,
    /// The file's path relative to the input folder, for messages.
    pub file: &'a str,
    /// The date range the report's preamble states, if any (see
    /// [`super::spread`]).
    pub stated: Option<StatedRange>,
}

type Cell<T> = Result<T, Rejection>;

impl Row<'_> {
    /// The raw cell of a profile column, if the file has that column.
    pub fn cell(&self, column: usize) -> Option<&str> {
        let index = self.columns.0.get(column).copied().flatten()?;
        Some(self.record.get(index).unwrap_or(""))
    }

    /// Whether the file has this profile column.
    pub fn has(&self, column: usize) -> bool {
        self.columns.0.get(column).is_some_and(Option::is_some)
    }

    /// The trimmed text of a column, `None` when absent or empty.
    pub fn text(&self, column: usize) -> Option<&str> {
        let text = cells::trim(self.cell(column)?);
        (!cells::is_empty_trimmed(text)).then_some(text)
    }

    /// The first cell of the row, trimmed (where totals rows say `Total:`).
    pub fn first_cell(&self) -> &str {
        self.record.get(0).unwrap_or("").trim()
    }

    /// A rejection blaming `column` for holding what it holds.
    pub fn reject(&self, column: usize, expected: impl Into<String>) -> Rejection {
        let name = self
            .columns
            .0
            .get(column)
            .copied()
            .flatten()
            .map(|i| self.header.name(i).trim().to_string())
            .unwrap_or_else(|| self.profile.columns[column].concept.to_string());
        Rejection {
            line: self.line,
            column: Some(name),
            found: self.cell(column).map(|c| shorten(c.trim())),
            expected: expected.into(),
        }
    }

    /// A rejection blaming the file's column at `index` (one no profile
    /// column names, such as a per-stage date column).
    pub fn reject_at(&self, index: usize, expected: impl Into<String>) -> Rejection {
        Rejection {
            line: self.line,
            column: Some(self.header.name(index).trim().to_string()),
            found: self.record.get(index).map(|c| shorten(c.trim())),
            expected: expected.into(),
        }
    }

    /// An optional date-time in the file's column at `index`, slash dates
    /// in the column's order.
    pub fn datetime_at(&self, index: usize) -> Cell<Option<NaiveDateTime>> {
        let text = self.record.get(index).unwrap_or("");
        if cells::is_empty(text) {
            return Ok(None);
        }
        let text = text.trim();
        let order = match self.formats.date_order(index) {
            ColumnOrder::Known(order) => order,
            ColumnOrder::Ambiguous => match cells::numeric_date_fields(text) {
                Some((a, b)) if a != b => return Err(self.reject_at(index, self.ambiguous_order())),
                _ => DateOrder::MonthFirst,
            },
        };
        cells::parse_datetime_ordered(text, order)
            .map(Some)
            .ok_or_else(|| self.reject_at(index, cells::EXPECTED_DATE))
    }

    /// An optional date-time column, slash dates in the column's order.
    pub fn datetime(&self, column: usize) -> Cell<Option<NaiveDateTime>> {
        let Some(text) = self.text(column) else {
            return Ok(None);
        };
        let index = self.columns.0.get(column).copied().flatten().unwrap_or(0);
        let order = match self.formats.date_order(index) {
            ColumnOrder::Known(order) => order,
            ColumnOrder::Ambiguous => match cells::numeric_date_fields(text) {
                Some((a, b)) if a != b => return Err(self.reject(column, self.ambiguous_order())),
                _ => DateOrder::MonthFirst,
            },
        };
        cells::parse_datetime_ordered(text, order)
            .map(Some)
            .ok_or_else(|| self.reject(column, cells::EXPECTED_DATE))
    }

    fn ambiguous_order(&self) -> String {
        format!(
            "a date whose day and month order is known: every date in this column could be day-first or month-first; add date_order = \"day-first\" (or \"month-first\") under [columns.\"{}\"] in equinox.toml",
            self.file
        )
    }

    /// A date-time column that must hold a value.
    pub fn required_datetime(&self, column: usize) -> Cell<NaiveDateTime> {
        self.datetime(column)?
            .ok_or_else(|| self.reject(column, cells::EXPECTED_DATE))
    }

    /// An optional date-time column as a record keeps it; one outside the
    /// range a [`Stamp`] holds is rejected.
    pub fn stamp(&self, column: usize) -> Cell<Option<Stamp>> {
        if let Some(read) = self.iso_stamp(column) {
            return Ok(read);
        }
        self.datetime(column)?
            .map(|at| self.in_stamp_range(column, at))
            .transpose()
    }

    /// An optional date-time column as a stamp, when the cell is empty or
    /// an ISO date a stamp holds; `None` for any other cell, which only
    /// [`Row::stamp`] reads (or rejects).
    pub fn iso_stamp(&self, column: usize) -> Option<Option<Stamp>> {
        match self.text(column) {
            None => Some(None),
            Some(text) => cells::iso_stamp(text).map(Some),
        }
    }

    /// A date-time column that must hold a value, as a record keeps it.
    pub fn required_stamp(&self, column: usize) -> Cell<Stamp> {
        self.stamp(column)?
            .ok_or_else(|| self.reject(column, cells::EXPECTED_DATE))
    }

    /// `at` as a [`Stamp`], or the rejection of `column` for a date out of
    /// its range.
    pub fn in_stamp_range(&self, column: usize, at: NaiveDateTime) -> Cell<Stamp> {
        Stamp::new(at).ok_or_else(|| self.reject(column, EXPECTED_STAMP_RANGE))
    }

    /// [`Row::in_stamp_range`] for an optional date-time.
    pub fn stamp_from(&self, column: usize, at: Option<NaiveDateTime>) -> Cell<Option<Stamp>> {
        at.map(|at| self.in_stamp_range(column, at)).transpose()
    }

    /// An optional money column.
    pub fn money(&self, column: usize) -> Cell<Option<Money>> {
        self.parsed_number(column, cells::parse_money_in, cells::EXPECTED_MONEY)
    }

    /// A count column; empty means zero.
    pub fn count(&self, column: usize) -> Cell<u64> {
        Ok(self
            .parsed_number(column, cells::parse_count_in, cells::EXPECTED_COUNT)?
            .unwrap_or(0))
    }

    /// A decimal column; empty means zero.
    pub fn number(&self, column: usize) -> Cell<f64> {
        Ok(self
            .parsed_number(column, cells::parse_number_in, "a number such as 15.00")?
            .unwrap_or(0.0))
    }

    /// An optional win probability written as a share of `scale` (1 for
    /// HubSpot's fraction `0.8`, 100 for Salesforce's and Pipedrive's
    /// percent `80`), as a fraction from 0 to 1.
    pub fn probability(&self, column: usize, scale: f64) -> Cell<Option<f64>> {
        let expected = if scale == 1.0 {
            "a probability from 0 to 1, such as 0.8"
        } else {
            "a probability from 0 to 100, such as 80"
        };
        let value = self.parsed_number(column, cells::parse_number_in, expected)?;
        match value.map(|v| v / scale) {
            Some(p) if !(0.0..=1.0).contains(&p) => Err(self.reject(column, expected)),
            p => Ok(p),
        }
    }

    /// An id column, which must be present and undamaged.
    pub fn id(&self, column: usize) -> Cell<String> {
        self.id_text(column).map(str::to_string)
    }

    /// [`Row::id`] as the cell's trimmed text, for records that keep ids
    /// inline (no `String` made and dropped per row).
    pub fn id_text(&self, column: usize) -> Cell<&str> {
        let cell = cells::trim(self.cell(column).unwrap_or(""));
        match cells::id_problem(cell) {
            Some(expected) => Err(self.reject(column, expected)),
            None => Ok(cell),
        }
    }

    /// Like `parsed`, for numbers: passes the decimal separator the
    /// column's other values show (see `formats`).
    fn parsed_number<T>(
        &self,
        column: usize,
        parse: fn(&str, Option<char>) -> Option<T>,
        expected: &str,
    ) -> Cell<Option<T>> {
        let decimal = self
            .columns
            .0
            .get(column)
            .copied()
            .flatten()
            .and_then(|i| self.formats.decimal_separator(i));
        match self.text(column) {
            None => Ok(None),
            Some(text) => parse(text, decimal)
                .map(Some)
                .ok_or_else(|| self.reject(column, expected)),
        }
    }

    fn parsed<T>(
        &self,
        column: usize,
        parse: fn(&str) -> Option<T>,
        expected: &str,
    ) -> Cell<Option<T>> {
        match self.text(column) {
            None => Ok(None),
            Some(text) => parse(text)
                .map(Some)
                .ok_or_else(|| self.reject(column, expected)),
        }
    }
}

/// Helpers for exports whose cells depend on the file's locale, and for
/// time logs.
impl Row<'_> {
    /// The file's header name of a profile column, normalised (lower case,
    /// trimmed), for profiles that read the locale from the header's
    /// language: `data de início (em utc)` says pt-BR.
    pub fn column_name(&self, column: usize) -> Option<String> {
        let index = self.columns.0.get(column).copied().flatten()?;
        Some(normalise(self.header.name(index)))
    }

    /// An optional date-time column whose slashed dates are in `order`.
    pub fn datetime_in(
        &self,
        column: usize,
        order: cells::DateOrder,
    ) -> Cell<Option<NaiveDateTime>> {
        match order {
            cells::DateOrder::MonthFirst => self.datetime(column),
            cells::DateOrder::DayFirst => self.parsed(
                column,
                |cell| cells::parse_datetime_ordered(cell, cells::DateOrder::DayFirst),
                cells::EXPECTED_DAY_FIRST_DATE,
            ),
        }
    }

    /// A date-time column in `order` that must hold a value.
    pub fn required_datetime_in(
        &self,
        column: usize,
        order: cells::DateOrder,
    ) -> Cell<NaiveDateTime> {
        let expected = match order {
            cells::DateOrder::MonthFirst => cells::EXPECTED_DATE,
            cells::DateOrder::DayFirst => cells::EXPECTED_DAY_FIRST_DATE,
        };
        self.datetime_in(column, order)?
            .ok_or_else(|| self.reject(column, expected))
    }

    /// An optional duration column (`1:30:00`, `27:45:00`, `1.5` hours).
    pub fn duration(&self, column: usize) -> Cell<Option<chrono::Duration>> {
        self.parsed(column, cells::parse_duration, cells::EXPECTED_DURATION)
    }
}
