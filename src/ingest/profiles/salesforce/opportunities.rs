//! Salesforce opportunities report (`Opportunity ID` or
//! `Opportunity ID (18 Digit)` in any casing, or only `Opportunity Name`
//! and `Account Name` as in the report's default columns, `Stage`, `Amount`,
//! `Close Date`, `Created Date`, `Opportunity Owner`, `Lead Source`,
//! `Won`, `Closed`).
//!
//! Amounts may carry grouping (`10,000`) or a currency code
//! (`USD 10,000.00`). Multi-currency orgs export each currency field as two
//! columns, `Amount Currency` + `Amount`, and `Amount (converted) Currency` +
//! `Amount (converted)`; the converted amount is preferred (Salesforce's own
//! rate on the day), else the amount is converted with the `[fx]` rates.
//! Won and lost come from the `Won` and `Closed` checkboxes (`1`/`0` or
//! `true`/`false`); without them from the stage label (`[stages]`, the
//! default `Closed Won` and `Closed Lost`, then its words), each label's
//! placement noted for `check`.

use super::super::{Outcome, Profile, Row, cells, to_base};
use super::{id, optional, outcome, required};
use crate::config::Settings;
use crate::config::stages::Placement;
use crate::ledger::Rejection;
use crate::model::{Deal, Money, Outcome as DealOutcome, Records};

/// An opportunities report, Reports > New Report > Opportunities.
pub static OPPORTUNITIES: Profile = Profile {
    name: "Salesforce opportunities report",
    touches: false,
    columns: &[
        // The default Opportunities report has no id column: its name
        // stands in, and the identity is made of name, account and
        // created date (see [`identity`]).
        required(
            "opportunity id",
            &[
                "opportunity id (18 digit)",
                "opportunity id (18 char)",
                "opportunity id",
                "opportunity name",
            ],
        ),
        required("stage", &["stage", "opportunity stage"]),
        required("amount", &["amount", "amount (converted)"]),
        required("created date", &["created date", "created date/time"]),
        optional("close date", &["close date"]),
        optional(
            "opportunity owner",
            &["opportunity owner", "opportunity owner alias"],
        ),
        optional("lead source", &["lead source"]),
        optional("won", &["won"]),
        optional("closed", &["closed"]),
        optional(
            "amount currency",
            &["amount currency", "opportunity currency"],
        ),
        optional("amount (converted)", &["amount (converted)"]),
        optional(
            "amount (converted) currency",
            &["amount (converted) currency"],
        ),
        optional("opportunity name", &["opportunity name"]),
        optional("account name", &["account name"]),
        optional("probability (%)", &["probability (%)", "probability"]),
    ],
    read,
};

const ID: usize = 0;
const STAGE: usize = 1;
const AMOUNT: usize = 2;
const CREATED: usize = 3;
const CLOSED_AT: usize = 4;
const OWNER: usize = 5;
const SOURCE: usize = 6;
const WON: usize = 7;
const CLOSED: usize = 8;
const AMOUNT_CURRENCY: usize = 9;
const CONVERTED: usize = 10;
const CONVERTED_CURRENCY: usize = 11;
const NAME: usize = 12;
const ACCOUNT: usize = 13;
const PROBABILITY: usize = 14;

fn read(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    outcome(
        row,
        |row| Ok((deal(row, settings)?, stage_use(row, settings))),
        |(deal, stage)| {
            if let Some((label, placement)) = stage {
                let unplaced = placement == Placement::Unplaced;
                out.saw_stage(&label, &placement.describe(), unplaced);
            }
            out.push_deal(deal);
        },
    )
}

/// The stage label and its placement, where the outcome came from the
/// label: the report has neither `Won` nor `Closed`.
fn stage_use(row: &Row, settings: &Settings) -> Option<(String, Placement)> {
    if row.has(WON) || row.has(CLOSED) {
        return None;
    }
    let label = row.text(STAGE)?;
    Some((label.to_string(), settings.stage_placement(label)))
}

fn deal(row: &Row, settings: &Settings) -> Result<Deal, Rejection> {
    let source = row.text(SOURCE).unwrap_or("").to_string();
    let created_at = row.required_stamp(CREATED)?;
    Ok(Deal {
        id: identity(row, created_at)?.into(),
        created_at,
        closed_at: row.stamp(CLOSED_AT)?,
        outcome: deal_outcome(row, settings)?,
        amount: amount(row, settings)?,
        function: settings.function_of(&source),
        source: source.into(),
        owner: row.text(OWNER).map(Into::into),
        lead_ids: Vec::new(),
        weight: crate::config::stages::stage_weight(
            settings,
            row.text(STAGE),
            row.probability(PROBABILITY, 100.0)?,
        ),
    })
}

/// The opportunity's id; in a report without one (the default columns),
/// `<name> | <account> | <created day>`: the fields that are there, so the
/// same opportunity in two overlapping reports is still merged.
fn identity(row: &Row, created: crate::model::Stamp) -> Result<String, Rejection> {
    let has_id = row
        .column_name(ID)
        .is_some_and(|name| name.starts_with("opportunity id"));
    if has_id {
        return id(row, ID);
    }
    let name = row.text(NAME).ok_or_else(|| {
        row.reject(
            NAME,
            "the opportunity's name (the report has no Opportunity ID to tell it apart)",
        )
    })?;
    let account = row.text(ACCOUNT).unwrap_or("");
    Ok(format!("{name} | {account} | {}", created.date()))
}

/// The amount in the base currency: `Amount (converted)` when the report
/// has it, else `Amount`; in the currency written in the cell
/// (`USD 10,000.00`), else in its currency column, else in the base currency.
fn amount(row: &Row, settings: &Settings) -> Result<Money, Rejection> {
    let (value, currency) = if row.text(CONVERTED).is_some() {
        (CONVERTED, CONVERTED_CURRENCY)
    } else {
        (AMOUNT, AMOUNT_CURRENCY)
    };
    let amount = row.money(value)?.unwrap_or_default();
    let (code, blame) = match row.text(value).and_then(cells::currency_code) {
        Some(code) => (Some(code), value),
        None => (row.text(currency), currency),
    };
    to_base(amount, code, settings).map_err(|e| row.reject(blame, e))
}

/// Won and lost from the `Won` and `Closed` checkboxes where the report has
/// them; the default stage names fill in what they leave open.
fn deal_outcome(row: &Row, settings: &Settings) -> Result<DealOutcome, Rejection> {
    let stage = settings.stage_outcome(row.text(STAGE).unwrap_or(""));
    match (checkbox(row, WON)?, checkbox(row, CLOSED)?) {
        (Some(true), _) => Ok(DealOutcome::Won),
        (Some(false), Some(closed)) => Ok(if closed {
            DealOutcome::Lost
        } else {
            DealOutcome::Open
        }),
        (Some(false), None) => Ok(match stage {
            Some(DealOutcome::Lost) => DealOutcome::Lost,
            _ => DealOutcome::Open,
        }),
        (None, Some(false)) => Ok(DealOutcome::Open),
        (None, Some(true)) => stage.ok_or_else(|| {
            row.reject(
                STAGE,
                "Closed Won or Closed Lost for a closed opportunity; add the Won column to the report to tell won from lost in custom stages",
            )
        }),
        (None, None) => Ok(stage.unwrap_or(DealOutcome::Open)),
    }
}

fn checkbox(row: &Row, column: usize) -> Result<Option<bool>, Rejection> {
    match row.cell(column) {
        None => Ok(None),
        Some(cell) => cells::parse_bool(cell)
            .map(Some)
            .ok_or_else(|| row.reject(column, "a checkbox: 1 or 0, true or false")),
    }
}
