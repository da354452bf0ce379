//! Pipedrive exports: deals and activities, with `Entity - Field` headers
//! (`Deal - Title`, also with an en dash). Pipedrive has no contacts export
//! to read: each deal is both a deal and the lead it started as, under one
//! id, `pd-deal-<Deal - ID>`. Activities link to their deal by `Deal - ID`
//! when exported, else by the deal's title (`Deal`), resolved after every
//! file is read to the first deal with that title.

use super::{Outcome, Profile, Row, cells, col, to_base};
use crate::config::{DateOrder, Settings};
use crate::ledger::Rejection;
use crate::model::{Deal, Lead, Outcome as DealOutcome, Records, Touch, TouchKind};
use chrono::NaiveDateTime;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Deals export (Deals > list view > ... > Export filter results), in
/// every interface language Pipedrive offers in Europe and the Americas:
/// English exports write `Deal - Title`; other languages (and newer
/// English exports) write bare, translated names, as the Portuguese
/// `Título`, `Valor`, `Negócio criado em`.
pub static DEALS: Profile = Profile {
    name: "Pipedrive deals",
    touches: false,
    columns: &[
        col("deal - id", &["deal - id", "id"], true),
        col(
            "deal - value",
            &[
                "deal - value",
                "value",
                "valor",
                "wert",
                "valeur",
                "waarde",
                "valore",
            ],
            true,
        ),
        col(
            "deal - status",
            &["deal - status", "status", "estado", "statut", "stato"],
            true,
        ),
        col(
            "deal - deal created",
            &[
                "deal - deal created",
                "deal - deal created on",
                "deal - creation date",
                "deal - add time",
                "deal created",
                "deal created on",
                "negócio criado em",
                "trato creado",
                "trato creado el",
                "negocio creado el",
                "deal erstellt",
                "deal erstellt am",
                "affaire créée",
                "affaire créée le",
                "deal aangemaakt",
                "deal aangemaakt op",
                "trattativa creata",
                "trattativa creata il",
            ],
            true,
        ),
        col(
            "deal - title",
            &[
                "deal - title",
                "title",
                "título",
                "titel",
                "titre",
                "titolo",
            ],
            false,
        ),
        col(
            "deal - currency",
            &[
                "deal - currency",
                "deal - currency of value",
                "currency of value",
                "moeda de valor",
                "moneda de valor",
                "währung des werts",
                "devise de la valeur",
                "valuta van waarde",
                "valuta del valore",
            ],
            false,
        ),
        col(
            "deal - won time",
            &[
                "deal - won time",
                "won time",
                "ganho em",
                "fecha de ganado",
                "gewonnen am",
                "gagnée le",
                "gewonnen op",
                "vinta il",
            ],
            false,
        ),
        col(
            "deal - lost time",
            &[
                "deal - lost time",
                "lost time",
                "data de perda",
                "fecha de pérdida",
                "verloren am",
                "date de perte",
                "verloren op",
                "data di perdita",
            ],
            false,
        ),
        col(
            "deal - deal closed on",
            &[
                "deal - deal closed on",
                "deal - closed on",
                "deal - close time",
                "deal closed on",
                "negócio fechado em",
                "trato cerrado el",
                "deal geschlossen am",
                "affaire conclue le",
                "deal gesloten op",
                "trattativa chiusa il",
            ],
            false,
        ),
        col(
            "deal - expected close date",
            &[
                "deal - expected close date",
                "expected close date",
                "data de fechamento esperada",
                "fecha prevista de cierre",
                "erwartetes abschlussdatum",
                "date de clôture prévue",
                "verwachte sluitingsdatum",
                "data di chiusura prevista",
            ],
            false,
        ),
        col(
            "deal - owner",
            &[
                "deal - owner",
                "owner",
                "proprietário",
                "propietario",
                "besitzer",
                "inhaber",
                "propriétaire",
                "eigenaar",
                "proprietario",
            ],
            false,
        ),
        col(
            "deal - source",
            &[
                "deal - source",
                "deal - source channel",
                "deal - origin",
                "deal - source origin",
                "source origin",
                "origem",
                "origen",
                "herkunft",
                "origine",
                "herkomst",
            ],
            false,
        ),
        col(
            "deal - lost reason",
            &[
                "deal - lost reason",
                "lost reason",
                "motivo da perda",
                "motivo de pérdida",
                "grund für verlust",
                "raison de la perte",
                "reden van verlies",
                "motivo della perdita",
            ],
            false,
        ),
        col(
            "deal - stage",
            &["deal - stage", "stage", "etapa", "phase", "étape", "fase"],
            false,
        ),
        col(
            "deal - probability",
            &[
                "deal - probability",
                "probability",
                "probabilidade",
                "probabilidad",
                "wahrscheinlichkeit",
                "probabilité",
                "waarschijnlijkheid",
                "probabilità",
            ],
            false,
        ),
    ],
    read: read_deal,
};

/// Day-first where the created column is not named in English (the
/// export is from another interface language); `None` for English,
/// written month-first or day-first by the user's Pipedrive locale.
pub fn date_order_of_language(matched: &super::Match, header: &super::Header) -> Option<DateOrder> {
    let index = matched.columns.0.get(deal::CREATED).copied().flatten()?;
    let name = super::normalise(header.name(index));
    let english = name.starts_with("deal - ") || name.starts_with("deal created");
    (!english).then_some(DateOrder::DayFirst)
}

mod deal {
    pub const ID: usize = 0;
    pub const VALUE: usize = 1;
    pub const STATUS: usize = 2;
    pub const CREATED: usize = 3;
    pub const TITLE: usize = 4;
    pub const CURRENCY: usize = 5;
    pub const WON: usize = 6;
    pub const LOST: usize = 7;
    pub const CLOSED: usize = 8;
    pub const EXPECTED: usize = 9;
    pub const OWNER: usize = 10;
    pub const SOURCE: usize = 11;
    pub const LOST_REASON: usize = 12;
    pub const STAGE: usize = 13;
    pub const PROBABILITY: usize = 14;
}

fn read_deal(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    Outcome::of(deal_and_lead(row, settings), |(deal, lead)| {
        if let Some(title) = row.text(deal::TITLE) {
            out.lead_aliases
                .push((title_key(title), lead.id.to_string()));
        }
        out.push_deal(deal);
        out.push_lead(lead);
    })
}

fn deal_and_lead(row: &Row, settings: &Settings) -> Result<(Deal, Lead), Rejection> {
    use deal::*;
    let id = lead_id(&row.id(ID)?);
    let created_at = row.required_stamp(CREATED)?;
    let outcome = status(row)?;
    let closed_at = row.stamp_from(CLOSED, close_date(row, outcome)?)?;
    let value = row.money(VALUE)?.unwrap_or_default();
    let amount =
        to_base(value, row.text(CURRENCY), settings).map_err(|e| row.reject(CURRENCY, e))?;
    let source = row.text(SOURCE).unwrap_or("").to_string();
    let owner = row.text(OWNER).map(str::to_string);
    let function = settings.function_of(&source);
    let mut lead = Lead {
        channel: settings.sources.channel_of(&source),
        owner: owner.as_deref().map(Into::into),
        customer_at: closed_at.filter(|_| outcome == DealOutcome::Won),
        status: row.text(LOST_REASON).map(Into::into),
        ..Lead::new(&id, created_at, source.as_str().into(), function)
    };
    lead.ready_at = lead.ready_for_sales(false);
    let deal = Deal {
        id: id.as_str().into(),
        created_at,
        closed_at,
        outcome,
        amount,
        function: lead.function,
        source: source.into(),
        owner: owner.map(Into::into),
        lead_ids: vec![id.into()],
        weight: crate::config::stages::stage_weight(
            settings,
            row.text(STAGE),
            row.probability(PROBABILITY, 100.0)?,
        ),
    };
    Ok((deal, lead))
}

/// The lead and deal id of a Pipedrive deal, apart from other CRMs' ids.
fn lead_id(deal_id: &str) -> String {
    format!("pd-deal-{deal_id}")
}

/// The key an activity linked by deal title joins through (see
/// [`Records::lead_aliases`]); titles often carry a person's name, so only
/// a hash of the trimmed, lower-cased title is kept.
fn title_key(title: &str) -> String {
    let mut hasher = DefaultHasher::new();
    title.trim().to_lowercase().hash(&mut hasher);
    format!("pd-deal-title-{:016x}", hasher.finish())
}

/// `Status` in any interface language Pipedrive offers (`Won`, `Ganho`,
/// `Gewonnen`, `Gagné`, `Ganado`, `Vinto`; lost and open alike).
fn status(row: &Row) -> Result<DealOutcome, Rejection> {
    let cell = row.text(deal::STATUS).unwrap_or("");
    crate::config::stages::status(cell).ok_or_else(|| {
        row.reject(
            deal::STATUS,
            "Open, Won or Lost (or the same in the export's interface language)",
        )
    })
}

/// Won and lost deals close at their won or lost time (else the closing
/// date); open ones carry their expected close date.
fn close_date(row: &Row, outcome: DealOutcome) -> Result<Option<NaiveDateTime>, Rejection> {
    use deal::*;
    let at = match outcome {
        DealOutcome::Open => return row.datetime(EXPECTED),
        DealOutcome::Won => row.datetime(WON)?,
        DealOutcome::Lost => row.datetime(LOST)?,
    };
    match at {
        Some(at) => Ok(Some(at)),
        None => row.datetime(CLOSED),
    }
}

/// Activities export (Activities > list view > ... > Export filter results).
pub static ACTIVITIES: Profile = Profile {
    name: "Pipedrive activities",
    touches: true,
    columns: &[
        col("activity - type", &["activity - type"], true),
        col(
            "activity - marked as done time",
            &["activity - marked as done time"],
            true,
        ),
        col("activity - done", &["activity - done"], false),
        col(
            "activity - assigned to user",
            &[
                "activity - assigned to user",
                "activity - user",
                "activity - owner",
            ],
            false,
        ),
        col("deal - id", &["deal - id", "activity - deal id"], false),
        col("deal", &["deal", "activity - deal", "deal - title"], false),
    ],
    read: read_activity,
};

mod activity {
    pub const TYPE: usize = 0;
    pub const DONE_AT: usize = 1;
    pub const DONE: usize = 2;
    pub const OWNER: usize = 3;
    pub const DEAL_ID: usize = 4;
    pub const DEAL_TITLE: usize = 5;
}

/// A done activity is a touch. An undone one is read and understood, and
/// deliberately not a touch (yet): it counts as used, not rejected.
fn read_activity(row: &Row, _settings: &Settings, out: &mut Records) -> Outcome {
    Outcome::of(activity_touch(row), |touch| {
        touch.into_iter().for_each(|t| out.push_touch(t))
    })
}

fn activity_touch(row: &Row) -> Result<Option<Touch>, Rejection> {
    use activity::*;
    if !is_done(row)? {
        return Ok(None);
    }
    Ok(Some(Touch {
        at: row.required_stamp(DONE_AT)?,
        lead_id: linked_deal(row)?.into(),
        kind: kind_of(row.text(TYPE).unwrap_or("")),
        owner: row.text(OWNER).map(Into::into),
    }))
}

/// `Activity - Done` (`Done` / `Undone`); without that column, an activity
/// with a marked-as-done time is done.
fn is_done(row: &Row) -> Result<bool, Rejection> {
    use activity::*;
    match row.cell(DONE) {
        None => Ok(row.text(DONE_AT).is_some()),
        Some(cell) => cells::parse_bool(cell).ok_or_else(|| row.reject(DONE, "Done or Undone")),
    }
}

const NOT_LINKED: &str =
    "the deal the activity belongs to; activities not linked to a deal cannot be joined to a lead";

/// The lead id (or title key) of the activity's deal: by `Deal - ID` when
/// the export has it, else by the deal's title.
fn linked_deal(row: &Row) -> Result<String, Rejection> {
    use activity::*;
    if row.has(DEAL_ID) {
        if row.text(DEAL_ID).is_none() {
            return Err(row.reject(DEAL_ID, NOT_LINKED));
        }
        return row.id(DEAL_ID).map(|id| lead_id(&id));
    }
    if row.has(DEAL_TITLE) {
        return row
            .text(DEAL_TITLE)
            .map(title_key)
            .ok_or_else(|| row.reject(DEAL_TITLE, NOT_LINKED));
    }
    Err(row.reject(
        DEAL_ID,
        "a link to the deal; add the Deal - ID column (or Deal, the deal's title) to the activities export",
    ))
}

/// Pipedrive's default types; lunches are meetings, and deadlines and
/// custom types are tasks.
fn kind_of(kind: &str) -> TouchKind {
    match kind.to_ascii_lowercase().as_str() {
        "call" => TouchKind::Call,
        "email" => TouchKind::Email,
        "meeting" | "lunch" => TouchKind::Meeting,
        _ => TouchKind::Task,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_keys_ignore_case_and_spaces_and_keep_no_text() {
        assert_eq!(title_key(" Acme deal "), title_key("acme DEAL"));
        assert_ne!(title_key("Acme deal"), title_key("Beta deal"));
        assert!(!title_key("Acme deal").contains("acme"));
    }

    #[test]
    fn activity_types() {
        assert_eq!(kind_of("Call"), TouchKind::Call);
        assert_eq!(kind_of("Lunch"), TouchKind::Meeting);
        assert_eq!(kind_of("Deadline"), TouchKind::Task);
        assert_eq!(kind_of("Demo"), TouchKind::Task);
    }
}
