//! Export profiles: which header says which export, and how its rows become
//! records. One file per tool; this module holds the shared machinery.

mod clockify;
mod currency;
mod equinox;
mod google_ads;
mod hubspot;
mod hubspot_activities;
mod linkedin_ads;
mod meta_ads;
mod microsoft_ads;
mod pipedrive;
mod salesforce;
mod time_entry;
mod toggl;

pub use currency::{to_base, to_base_fine};

use super::cells;
use super::formats::{ColumnFormats, ColumnOrder};
use super::header::{Header, normalise};
use crate::config::{DateOrder, Settings};
use crate::ledger::{Rejection, shorten};
use crate::model::{EXPECTED_STAMP_RANGE, Lead, Money, Records, Stamp, TextPool, email_hash};
use chrono::NaiveDateTime;
use std::collections::BTreeMap;

/// One column a profile reads: a concept and the header names it goes by.
#[derive(Debug)]
pub struct ColumnSpec {
    /// What the column means, in words used in messages ("create date").
    pub concept: &'static str,
    /// Normalised header names, most specific first (see [`Header::find`]).
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// A supported export.
#[derive(Debug)]
pub struct Profile {
    /// What people call the export: "HubSpot contacts".
    pub name: &'static str,
    pub columns: &'static [ColumnSpec],
    /// Turns one data row into records.
    pub read: fn(&Row, &Settings, &mut Records) -> Outcome,
}

/// Every profile Equinox recognises, in detection order.
pub const PROFILES: &[&Profile] = &[
    &hubspot::CONTACTS,
    &hubspot::DEALS,
    &hubspot_activities::ACTIVITIES,
    &pipedrive::DEALS,
    &pipedrive::ACTIVITIES,
    &google_ads::CAMPAIGNS,
    &meta_ads::CAMPAIGNS,
    &salesforce::LEADS,
    &salesforce::OPPORTUNITIES,
    &salesforce::ACTIVITIES,
    &linkedin_ads::CAMPAIGNS,
    &microsoft_ads::CAMPAIGNS,
    &toggl::DETAILED,
    &clockify::DETAILED,
    &equinox::LEADS,
    &equinox::TOUCHES,
    &equinox::DEALS,
    &equinox::SPEND,
    &equinox::BUDGET,
    &equinox::HOURS,
];

/// Whether a profile's rows are touches: such files are read after every
/// other, and their touches folded as they are read (see `ingest::activity`).
pub fn reads_touches(profile: &Profile) -> bool {
    let touch_profiles: [&Profile; 4] = [
        &hubspot_activities::ACTIVITIES,
        &pipedrive::ACTIVITIES,
        &salesforce::ACTIVITIES,
        &equinox::TOUCHES,
    ];
    touch_profiles.iter().any(|p| std::ptr::eq(*p, profile))
}

/// What became of one row.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Used,
    /// Not data: a totals, footer or summary row.
    Skipped,
    Rejected(Rejection),
}

impl Outcome {
    /// `Used` once the record is handed to `keep`, or the row's rejection.
    pub fn of<T>(record: Result<T, Rejection>, keep: impl FnOnce(T)) -> Outcome {
        match record {
            Ok(record) => {
                keep(record);
                Outcome::Used
            }
            Err(rejection) => Outcome::Rejected(rejection),
        }
    }
}

/// A column of a profile: a concept, its header aliases, whether it is needed.
pub const fn col(
    concept: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> ColumnSpec {
    ColumnSpec {
        concept,
        aliases,
        required,
    }
}

/// Where a lead export keeps the fields every lead export shares: indices
/// into its profile's columns, `None` where the export has no such column.
pub struct LeadColumns {
    pub id: usize,
    pub created: usize,
    pub source: usize,
    pub owner: usize,
    pub mql: usize,
    pub sql: usize,
    pub opportunity: Option<usize>,
    pub customer: Option<usize>,
    pub first_touch: Option<usize>,
    pub status: usize,
    pub email: usize,
}

/// A lead from the shared fields of one row; profiles adjust what their
/// export says differently afterwards. Ready for sales per
/// [`Lead::ready_for_sales`], the export having stage dates when it has an
/// MQL or SQL column.
pub fn lead_from_row(
    row: &Row,
    settings: &Settings,
    c: &LeadColumns,
    texts: &mut TextPool,
) -> Result<Lead, Rejection> {
    let optional = |column: Option<usize>| column.map_or(Ok(None), |c| row.stamp(c));
    let source = row.text(c.source).unwrap_or("");
    let (function, channel) = settings.sources.function_and_channel(source);
    let mut lead = Lead {
        id: row.id_text(c.id)?.into(),
        created_at: row.required_stamp(c.created)?,
        function,
        channel,
        source: texts.text(source),
        owner: row.text(c.owner).map(|owner| texts.text(owner)),
        mql_at: row.stamp(c.mql)?,
        sql_at: row.stamp(c.sql)?,
        opportunity_at: optional(c.opportunity)?,
        customer_at: optional(c.customer)?,
        first_touch_at: optional(c.first_touch)?,
        ready_at: None,
        touched: false,
        status: row.text(c.status).map(|status| texts.text(status)),
        email_hash: row.text(c.email).map(email_hash),
    };
    lead.ready_at = lead.ready_for_sales(row.has(c.mql) || row.has(c.sql));
    Ok(lead)
}

/// A profile's columns located in one file's header.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns(Vec<Option<usize>>);

/// The result of matching a header against a profile.
#[derive(Debug)]
pub struct Match {
    pub profile: &'static Profile,
    pub columns: Columns,
    /// Required columns the header lacks, by concept.
    pub missing: Vec<&'static str>,
    /// How many of the profile's columns were found.
    pub found: usize,
}

impl Profile {
    /// Locates this profile's columns in `header`.
    /// Locates this profile's columns in `header`; a renamed column from
    /// `[columns]` in equinox.toml is looked for before the aliases.
    pub fn bind(&'static self, header: &Header, renames: Renames) -> Match {
        let indices: Vec<Option<usize>> = self
            .columns
            .iter()
            .map(|c| {
                let renamed = renames(self.name).and_then(|names| names.get(c.concept));
                renamed
                    .and_then(|name| header.find(&[normalise(name).as_str()]))
                    .or_else(|| header.find(c.aliases))
            })
            .collect();
        let missing = self
            .columns
            .iter()
            .zip(&indices)
            .filter(|(spec, index)| spec.required && index.is_none())
            .map(|(spec, _)| spec.concept)
            .collect();
        let found = indices.iter().filter(|i| i.is_some()).count();
        Match {
            profile: self,
            columns: Columns(indices),
            missing,
            found,
        }
    }
}

/// The best match for a header: a complete one if any, else the nearest.
/// On a tie the profile listed first in [`PROFILES`] wins.
pub fn best_match(header: &Header, renames: Renames) -> Match {
    PROFILES
        .iter()
        .enumerate()
        .map(|(order, p)| (order, p.bind(header, renames)))
        .max_by_key(|(order, m)| {
            (
                m.missing.is_empty(),
                m.found,
                std::cmp::Reverse(m.missing.len()),
                std::cmp::Reverse(*order),
            )
        })
        .map(|(_, m)| m)
        .expect("at least one profile")
}

/// The `[columns]` renames that apply to a file if it is the named export.
pub type Renames<'a> = &'a dyn Fn(&str) -> Option<&'a BTreeMap<String, String>>;

/// Every column name of every profile, for validating `[columns]`.
pub fn concepts(profile: Option<&str>) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = PROFILES
        .iter()
        .filter(|p| profile.is_none_or(|name| p.name == name))
        .flat_map(|p| p.columns.iter().map(|c| c.concept))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// What a profile does once all of a file's rows are read: LinkedIn's
/// "All time" rows are known as such only from the whole file.
pub fn finish_file(
    profile: &Profile,
    records: &mut Records,
    stated: Option<super::spread::StatedRange>,
) {
    if std::ptr::eq(profile, &linkedin_ads::CAMPAIGNS) {
        linkedin_ads::spread_all_time(records, stated);
    }
}

/// The day and month order an export writes by default: Clockify's
/// default date format is month-first (`03/04/2024`); a Pipedrive export
/// in another interface language than English is day-first, as every
/// such locale writes dates. Used only when a file's own dates and
/// locale hints leave the order open.
pub fn default_date_order(matched: &Match, header: &Header) -> Option<DateOrder> {
    if std::ptr::eq(matched.profile, &clockify::DETAILED) {
        return Some(DateOrder::MonthFirst);
    }
    if std::ptr::eq(matched.profile, &pipedrive::DEALS) {
        return pipedrive::date_order_of_language(matched, header);
    }
    None
}

/// The export a file that stops after its preamble is, if the preamble
/// names one: LinkedIn writes `Report Start: …` and no header at all for
/// a report without rows. Such a file is read as 0 rows, like an empty
/// export of any other tool.
pub fn preamble_only(preamble: &[String]) -> Option<Match> {
    let linkedin = preamble.iter().any(|l| l.starts_with("Report Start:"));
    linkedin.then(|| linkedin_ads::CAMPAIGNS.bind(&Header::new([]), &|_| None))
}

/// Whether `name` is the name of an export profile.
pub fn is_profile_name(name: &str) -> bool {
    PROFILES.iter().any(|p| p.name == name)
}

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
    pub stated: Option<super::spread::StatedRange>,
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
        if let Some(stamp) = self.text(column).and_then(cells::iso_stamp) {
            return Ok(Some(stamp));
        }
        self.datetime(column)?
            .map(|at| self.in_stamp_range(column, at))
            .transpose()
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
        Some(super::header::normalise(self.header.name(index)))
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
