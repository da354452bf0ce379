//! The tables of a review section: each built once as cells holding what
//! the page shows and what the CSV holds, so the two cannot disagree.

use crate::metrics::words::{count, money};
use crate::model::Money;
use crate::render::table::Table;
use serde::Serialize;

/// One cell: what the page shows and what the CSV holds.
#[derive(Debug, Clone)]
pub struct Cell {
    pub(super) shown: String,
    pub(super) raw: String,
}

impl Cell {
    /// Whether the cell holds a number (or nothing).
    fn is_number(&self) -> bool {
        self.raw.is_empty() || self.raw.parse::<f64>().is_ok()
    }
}

/// What a table cell shows for a figure that is not available.
pub(super) const NOT_AVAILABLE: &str = "n/a";

pub(super) fn text(value: &str) -> Cell {
    Cell {
        shown: value.to_string(),
        raw: value.to_string(),
    }
}

pub(super) fn number(value: u64) -> Cell {
    Cell {
        shown: count(value),
        raw: value.to_string(),
    }
}

pub(super) fn optional(value: Option<f64>, shown: impl Fn(f64) -> String) -> Cell {
    match value {
        Some(v) => Cell {
            shown: shown(v),
            raw: format!("{v}"),
        },
        None => Cell {
            shown: NOT_AVAILABLE.into(),
            raw: String::new(),
        },
    }
}

pub(super) fn cash(value: Money, currency: &str) -> Cell {
    Cell {
        shown: money(value.as_f64(), currency),
        raw: format!("{:.2}", value.as_f64()),
    }
}

/// A table of one section, with the CSV file it is also written to.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The CSV file name in the review's folder.
    pub file: &'static str,
    pub title: String,
    pub note: Option<String>,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    /// Shown even without rows, because its note says why it has none.
    pub(super) keep_empty: bool,
    /// Where the table appears besides its CSV.
    pub(super) placement: Placement,
}

/// Where a table appears besides its CSV download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Placement {
    /// On the page, on screen and on paper.
    Everywhere,
    /// On the page on screen only: left out of print, which keeps the
    /// printed review within ten pages.
    Screen,
    /// A download only, never on the page.
    Download,
}

/// A table as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub title: String,
    pub note: Option<String>,
    /// Link to the CSV file.
    pub csv: String,
    pub header: Vec<HeaderCell>,
    pub rows: Vec<Vec<CellView>>,
    /// Left out of print (see [`Placement::Screen`]).
    pub screen_only: bool,
}

/// A header cell and whether its column holds numbers.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderCell {
    pub text: String,
    pub num: bool,
}

/// A body cell and whether it is a number (aligned right, not wrapped).
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    pub text: String,
    pub num: bool,
}

impl Grid {
    pub(super) fn new(file: &'static str, title: impl Into<String>, header: &[&str]) -> Grid {
        Grid {
            file,
            title: title.into(),
            note: None,
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            keep_empty: false,
            placement: Placement::Everywhere,
        }
    }

    /// Sets where the table appears besides its CSV.
    pub(super) fn placed(mut self, placement: Placement) -> Grid {
        self.placement = placement;
        self
    }

    /// Whether the page shows the table.
    pub fn on_page(&self) -> bool {
        self.placement != Placement::Download
    }

    pub(super) fn note(mut self, note: impl Into<String>) -> Grid {
        self.note = Some(note.into());
        self
    }

    pub(super) fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Whether the table has no rows (the page leaves it out; the CSV
    /// keeps its header).
    /// Whether there is nothing to show: no rows and no note explaining why.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && !self.keep_empty
    }

    /// The table for the page; `root` prefixes the CSV link.
    pub fn view(&self, root: &str) -> TableView {
        let numeric: Vec<bool> = (0..self.header.len())
            .map(|i| {
                i > 0
                    && self
                        .rows
                        .iter()
                        .all(|r| r.get(i).is_some_and(Cell::is_number))
            })
            .collect();
        TableView {
            title: self.title.clone(),
            note: self.note.clone(),
            csv: format!("{root}{}", self.file),
            screen_only: self.placement == Placement::Screen,
            header: self
                .header
                .iter()
                .zip(&numeric)
                .map(|(h, num)| HeaderCell {
                    text: h.clone(),
                    num: *num,
                })
                .collect(),
            rows: self
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .zip(&numeric)
                        .map(|(c, num)| CellView {
                            text: c.shown.clone(),
                            num: *num,
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// The table for spreadsheets: plain numbers, no currency signs.
    pub fn csv(&self) -> Table {
        let header: Vec<&str> = self.header.iter().map(String::as_str).collect();
        let mut table = Table::new(&header);
        for row in &self.rows {
            table.push(row.iter().map(|c| c.raw.clone()).collect());
        }
        table
    }
}
