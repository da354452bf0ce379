//! LinkedIn Campaign Manager campaign performance exports: UTF-16LE with a
//! BOM and TAB-separated (decoding and sniffing handle that), with or
//! without the five-line preamble (`Ad Performance Report (in UTC)`,
//! `Report Start: …`, `Report End: …`, `Date Generated: …`, blank line).
//! Headers follow the Campaign Manager interface language, which the
//! product switches between downloads by itself: English, Dutch, German,
//! French, Spanish, Italian and Portuguese are recognised by their
//! header vocabulary. Dates are day-first in every language but English
//! (`01/09/2023`) unless the file's own dates say otherwise; money may
//! carry a decimal comma (`"454,06"`); the currency is a column. No
//! totals. With "All time" granularity every row starts on the report's
//! first day and covers its whole range: such rows are spread over it.

use super::super::spread::StatedRange;
use super::{Outcome, Profile, Row, cells::DateOrder, col, to_base_fine};
use crate::config::Settings;
use crate::ingest::formats::ColumnOrder;
use crate::ingest::spread::range_end;
use crate::ledger::Rejection;
use crate::model::{Channel, Records, Spend};
use chrono::NaiveDate;

/// Campaign performance report (one row per campaign and time unit).
pub static CAMPAIGNS: Profile = Profile {
    name: "LinkedIn Campaign Manager campaign performance",
    touches: false,
    columns: &[
        col(
            "start date",
            &[
                START_EN,
                "start date (*)",
                "data de início (*)",
                "begindatum (*)",
                "startdatum (*)",
                "date de début (*)",
                "fecha de inicio (*)",
                "data di inizio (*)",
                // Any other wording of the report's UTC start date.
                "*(in utc)*",
                "*(em utc)*",
                "*(en utc)*",
            ],
            true,
        ),
        col(
            "campaign name",
            &[
                "campaign name",
                "nome da campanha",
                "campagnenaam",
                "naam van campagne",
                "kampagnenname",
                "nom de la campagne",
                "nombre de la campaña",
                "nome della campagna",
                "naam campagne",
                "naam van de campagne",
            ],
            // Optional: spend still counts by channel where a translation
            // of the name is not known.
            false,
        ),
        col(
            "total spent",
            &[
                "total spent",
                "total investido",
                "total gasto",
                "totaal uitgegeven",
                "totale uitgaven",
                "ausgaben insgesamt",
                "gesamtausgaben",
                "total dépensé",
                "montant total dépensé",
                "total gastado",
                "importe total gastado",
                "spesa totale",
                "totale speso",
                "*total spent*",
                "*uitgegeven*",
                "*besteed*",
                "*ausgaben*",
                "*dépensé*",
                "*gastado*",
                "*investido*",
                "*spesa*",
            ],
            true,
        ),
        col(
            "currency",
            &["currency", "moeda", "valuta", "währung", "devise", "moneda"],
            false,
        ),
        col(
            "impressions",
            &[
                "impressions",
                "impressões",
                "vertoningen",
                "weergaven",
                "impressionen",
                "impresiones",
                "impressioni",
            ],
            false,
        ),
        col(
            "clicks",
            &["clicks", "cliques", "klikken", "klicks", "clics", "clic"],
            false,
        ),
        col(
            "leads",
            &["leads", "lead", "prospects", "clientes potenciales"],
            false,
        ),
        col(
            "conversions",
            &[
                "conversions",
                "conversões",
                "conversies",
                "konversionen",
                "conversiones",
                "conversioni",
            ],
            false,
        ),
        col(
            "end date",
            &[
                "end date (*)",
                "data de término (*)",
                "einddatum (*)",
                "enddatum (*)",
                "date de fin (*)",
                "fecha de finalización (*)",
                "data di fine (*)",
            ],
            false,
        ),
    ],
    read,
};

const START_EN: &str = "start date (in utc)";

const START: usize = 0;
const CAMPAIGN: usize = 1;
const SPENT: usize = 2;
const CURRENCY: usize = 3;
const IMPRESSIONS: usize = 4;
const CLICKS: usize = 5;
const LEADS: usize = 6;
const CONVERSIONS: usize = 7;
const END: usize = 8;

fn read(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    Outcome::of(spend(row, settings), |(spend, first, last)| {
        out.push_spend_over(spend, first, last)
    })
}

/// How the file writes slash dates: as its own dates show where they do
/// (a day above 12, a decimal comma, an AM/PM clock); otherwise by the
/// interface language, month-first in English (en-US), day-first in
/// every other.
fn date_order(row: &Row) -> DateOrder {
    let index = row.columns.0.get(START).copied().flatten().unwrap_or(0);
    match row.formats.date_order(index) {
        ColumnOrder::Known(order) => order,
        ColumnOrder::Ambiguous
            if row
                .column_name(START)
                .is_some_and(|n| n.starts_with("start date")) =>
        {
            DateOrder::MonthFirst
        }
        ColumnOrder::Ambiguous => DateOrder::DayFirst,
    }
}

/// Spreads "All time" rows over the report's range: when the preamble
/// states a range of several days and every row starts on its first day,
/// each row covers the whole range (a daily report would start rows on
/// other days too).
pub fn spread_all_time(records: &mut Records, stated: Option<StatedRange>) {
    let Some(StatedRange::Days(first, last)) = stated else {
        return;
    };
    let all_time = first < last
        && records.spread.rows == 0
        && !records.spend.is_empty()
        && records.spend.iter().all(|s| s.day == first);
    if all_time {
        for row in std::mem::take(&mut records.spend) {
            records.push_spend_over(row, first, last);
        }
    }
}

/// A row's spend and its days: from its start date to its end date where
/// the report has one, else that one day.
fn spend(row: &Row, settings: &Settings) -> Result<(Spend, NaiveDate, NaiveDate), Rejection> {
    let order = date_order(row);
    let first = row.required_datetime_in(START, order)?.date();
    let last = match row.datetime_in(END, order)? {
        Some(end) => range_end(row, END, first, end.date())?,
        None => first,
    };
    let spent = row.money(SPENT)?.unwrap_or_default();
    let spend = Spend {
        day: first,
        channel: Channel::LinkedinAds,
        campaign: row.text(CAMPAIGN).unwrap_or("").to_string(),
        cost: to_base_fine(spent, row.text(CURRENCY), settings)
            .map_err(|e| row.reject(CURRENCY, e))?,
        impressions: row.count(IMPRESSIONS)?,
        clicks: row.count(CLICKS)?,
        conversions: row.number(CONVERSIONS)?,
        leads: row.count(LEADS)?,
    };
    Ok((spend, first, last))
}
