//! HubSpot CRM exports: contacts and deals, with label headers
//! (`Create Date`) or internal names (`createdate`), and the older
//! `Contact ID` instead of `Record ID`. Deals without `Is Closed Won` or
//! `Close Date` take both from the per-stage columns
//! `Date entered "Closed Won (<pipeline>)"` (any pipeline, any case).

use super::{Attributed, LeadColumns, Outcome, Profile, Row, col, lead_with_source};
use crate::config::stages::Placement;
use crate::config::{Attribution, Settings};
use crate::ledger::Rejection;
use crate::model::{Deal, Lead, MappedSources, Outcome as DealOutcome, Records, Stamp, TextPool};
use chrono::NaiveDateTime;

/// Contacts export (`hubspot-crm-exports-all-contacts-*.csv`).
pub static CONTACTS: Profile = Profile {
    name: "HubSpot contacts",
    touches: false,
    columns: &[
        col(
            "record id",
            &["record id", "contact id", "hs_object_id"],
            true,
        ),
        col("create date", &["create date", "createdate"], true),
        // Any column only a contacts export has: trial portals export no
        // `Lifecycle Stage`, and v2 portals only `Date entered` columns.
        col(
            "lifecycle stage or stage dates",
            &[
                "lifecycle stage",
                "lifecyclestage",
                "became a marketing qualified lead date",
                "hs_lifecyclestage_marketingqualifiedlead_date",
                "hs_v2_date_entered_marketingqualifiedlead",
                "date entered \"lead (lifecycle stage pipeline)\"",
                "hs_v2_date_entered_lead",
                "contact owner",
                "lead status",
                "marketing contact status",
            ],
            true,
        ),
        col(
            "original source",
            &[
                "original traffic source",
                "original source",
                "hs_analytics_source",
            ],
            false,
        ),
        col(
            "contact owner",
            &["contact owner", "hubspot_owner_id"],
            false,
        ),
        col(
            "became a marketing qualified lead date",
            &[
                "became a marketing qualified lead date",
                "hs_lifecyclestage_marketingqualifiedlead_date",
                "date entered \"marketing qualified lead (lifecycle stage pipeline)\"",
                "hs_v2_date_entered_marketingqualifiedlead",
            ],
            false,
        ),
        col(
            "became a sales qualified lead date",
            &[
                "became a sales qualified lead date",
                "hs_lifecyclestage_salesqualifiedlead_date",
                "date entered \"sales qualified lead (lifecycle stage pipeline)\"",
                "hs_v2_date_entered_salesqualifiedlead",
            ],
            false,
        ),
        col(
            "became an opportunity date",
            &[
                "became an opportunity date",
                "hs_lifecyclestage_opportunity_date",
                "date entered \"opportunity (lifecycle stage pipeline)\"",
                "hs_v2_date_entered_opportunity",
            ],
            false,
        ),
        col(
            "became a customer date",
            &[
                "became a customer date",
                "hs_lifecyclestage_customer_date",
                "date entered \"customer (lifecycle stage pipeline)\"",
                "hs_v2_date_entered_customer",
            ],
            false,
        ),
        col(
            "first outreach date",
            &["first outreach date", "hs_first_outreach_date"],
            false,
        ),
        col("lead status", &["lead status", "hs_lead_status"], false),
        col("email", &["email"], false),
        col(
            "last contacted",
            &["last contacted", "notes_last_contacted"],
            false,
        ),
        col(
            "number of times contacted",
            &["number of times contacted", "num_contacted_notes"],
            false,
        ),
        col(
            "latest source",
            &["latest traffic source", "latest source", "hs_latest_source"],
            false,
        ),
        col(
            "original source drill-down 1",
            &[
                "original traffic source drill-down 1",
                "original source drill-down 1",
                "hs_analytics_source_data_1",
            ],
            false,
        ),
        col(
            "latest source drill-down 1",
            &[
                "latest traffic source drill-down 1",
                "latest source drill-down 1",
                "hs_latest_source_data_1",
            ],
            false,
        ),
        col(
            "date of first engagement",
            &["date of first engagement", "hs_sa_first_engagement_date"],
            false,
        ),
        col(
            "type of first engagement",
            &[
                "type of first engagement",
                "hs_sa_first_engagement_object_type",
            ],
            false,
        ),
        col(
            "number of sales activities",
            &["number of sales activities", "num_notes"],
            false,
        ),
        col(
            "description of first engagement",
            &[
                "description of first engagement",
                "hs_sa_first_engagement_descr",
            ],
            false,
        ),
    ],
    read: read_contact,
};

mod contact {
    pub const ID: usize = 0;
    pub const CREATED: usize = 1;
    pub const SOURCE: usize = 3;
    pub const OWNER: usize = 4;
    pub const MQL: usize = 5;
    pub const SQL: usize = 6;
    pub const OPPORTUNITY: usize = 7;
    pub const CUSTOMER: usize = 8;
    pub const FIRST_OUTREACH: usize = 9;
    pub const STATUS: usize = 10;
    pub const EMAIL: usize = 11;
    pub const LAST_CONTACTED: usize = 12;
    pub const TIMES_CONTACTED: usize = 13;
    pub const LATEST_SOURCE: usize = 14;
    pub const SOURCE_DETAIL: usize = 15;
    pub const LATEST_SOURCE_DETAIL: usize = 16;
    pub const FIRST_ENGAGEMENT: usize = 17;
    pub const FIRST_ENGAGEMENT_TYPE: usize = 18;
    pub const SALES_ACTIVITIES: usize = 19;
    pub const FIRST_ENGAGEMENT_DESCRIPTION: usize = 20;
}

fn read_contact(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    let lead = contact_lead(row, settings, &mut out.texts, &mut out.mapped_sources);
    Outcome::of(lead, |lead| out.leads.push(lead))
}

const CONTACT_COLUMNS: LeadColumns = LeadColumns {
    id: contact::ID,
    created: contact::CREATED,
    source: contact::SOURCE,
    owner: contact::OWNER,
    mql: contact::MQL,
    sql: contact::SQL,
    opportunity: Some(contact::OPPORTUNITY),
    customer: Some(contact::CUSTOMER),
    first_touch: None,
    status: contact::STATUS,
    email: contact::EMAIL,
};

fn contact_lead(
    row: &Row,
    settings: &Settings,
    texts: &mut TextPool,
    mapped: &mut MappedSources,
) -> Result<Lead, Rejection> {
    let (source, detail) = attributed_source(row, settings.sources.attribution);
    let (function, channel) = mapped.get_or(source, detail, || {
        (settings.sources).function_and_channel_detailed(source, detail)
    });
    let source = Attributed {
        source,
        function,
        channel,
    };
    let mut lead = lead_with_source(row, &CONTACT_COLUMNS, source, texts)?;
    lead.first_touch_at = first_touch_stamp(row)?;
    lead.touched = lead.first_touch_at.is_none() && contacted(row)?;
    Ok(lead)
}

/// The source and its drill-down that `attribution` picks: the original
/// source, or the latest where it is chosen and not empty.
fn attributed_source<'r>(row: &'r Row, attribution: Attribution) -> (&'r str, Option<&'r str>) {
    use contact::*;
    let latest = row.text(LATEST_SOURCE);
    match (attribution, latest) {
        (Attribution::Latest, Some(latest)) => (latest, row.text(LATEST_SOURCE_DETAIL)),
        _ => (row.text(SOURCE).unwrap_or(""), row.text(SOURCE_DETAIL)),
    }
}

/// [`first_touch`] as a record keeps it. Read as stamps where every date
/// it reads is an ISO date a stamp holds (the usual row: no calendar date
/// made), else again through the general date path, whose rejections
/// name the column as they always have.
fn first_touch_stamp(row: &Row) -> Result<Option<Stamp>, Rejection> {
    let as_stamps = first_touch(
        row,
        |column| row.iso_stamp(column).ok_or(()),
        |column| row.count(column).map_err(drop),
    );
    match as_stamps {
        Ok(first) => Ok(first),
        Err(()) => {
            let first = first_touch(row, |c| row.datetime(c), |c| row.count(c))?;
            row.stamp_from(contact::FIRST_OUTREACH, first)
        }
    }
}

/// The first sales touch the contact itself records: the earlier of
/// `First outreach date` and `Date of first engagement` (when `Type of
/// first engagement` is a sales touch, see [`is_sales_touch`], and its
/// `Description of first engagement` does not say it was received), else
/// `Last Contacted` when `Number of times contacted` is 1 (the last
/// contact was then also the first). Activity exports add more candidates.
/// Dates and counts are read with `date` and `count`.
fn first_touch<T: Ord + Copy, E>(
    row: &Row,
    date: impl Fn(usize) -> Result<Option<T>, E>,
    count: impl Fn(usize) -> Result<u64, E>,
) -> Result<Option<T>, E> {
    use contact::*;
    let received = row.text(FIRST_ENGAGEMENT_DESCRIPTION).is_some_and(|d| {
        ["received", "incoming", "replied"]
            .iter()
            .any(|w| d.to_lowercase().contains(w))
    });
    let engagement = match date(FIRST_ENGAGEMENT)? {
        Some(at) if row.text(FIRST_ENGAGEMENT_TYPE).is_none_or(is_sales_touch) && !received => {
            Some(at)
        }
        _ => None,
    };
    let outreach = date(FIRST_OUTREACH)?;
    if let Some(first) = [outreach, engagement].into_iter().flatten().min() {
        return Ok(Some(first));
    }
    let Some(last) = date(LAST_CONTACTED)? else {
        return Ok(None);
    };
    Ok((count(TIMES_CONTACTED)? == 1).then_some(last))
}

/// Whether the contact says sales reached it, time known or not: a
/// `Last Contacted` date, or `Number of times contacted` or `Number of
/// Sales Activities` above 0 (written `2.0`).
fn contacted(row: &Row) -> Result<bool, Rejection> {
    use contact::*;
    Ok(row.datetime(LAST_CONTACTED)?.is_some()
        || row.count(TIMES_CONTACTED)? > 0
        || row.count(SALES_ACTIVITIES)? > 0)
}

/// Whether a `Type of first engagement` is sales reaching out: an email,
/// call, meeting, task, LinkedIn or SMS message, in the labels or internal
/// names HubSpot writes (`Email`, `MEETING`, `CALL`). Incoming emails,
/// notes, form submissions and chats are the contact's own doing or no
/// contact at all.
pub fn is_sales_touch(kind: &str) -> bool {
    let kind = kind.to_lowercase();
    let outbound = [
        "email", "e-mail", "call", "meeting", "task", "linkedin", "sms", "whatsapp", "sequence",
    ];
    let not_outreach = [
        "incoming",
        "received",
        "note",
        "form",
        "chat",
        "conversation",
    ];
    outbound.iter().any(|w| kind.contains(w)) && !not_outreach.iter().any(|w| kind.contains(w))
}

/// Deals export (`hubspot-crm-exports-all-deals-*.csv`).
pub static DEALS: Profile = Profile {
    name: "HubSpot deals",
    touches: false,
    columns: &[
        col("record id", &["record id", "deal id", "hs_object_id"], true),
        col("deal stage", &["deal stage", "dealstage"], true),
        col(
            "amount",
            &[
                "amount in company currency",
                "amount_in_home_currency",
                "amount",
            ],
            true,
        ),
        col("create date", &["create date", "createdate"], true),
        col("close date", &["close date", "closedate"], false),
        col("deal owner", &["deal owner", "hubspot_owner_id"], false),
        col(
            "is closed won",
            &["is closed won", "hs_is_closed_won"],
            false,
        ),
        col(
            "is closed lost",
            &["is closed lost", "hs_is_closed_lost"],
            false,
        ),
        col(
            "original source",
            &["original source", "hs_analytics_source"],
            false,
        ),
        col(
            "associated contact ids",
            &["associated contact ids", "associated contact id"],
            false,
        ),
        col(
            "is deal closed?",
            &[
                "is deal closed?",
                "is closed",
                "is closed (numeric)",
                "hs_is_closed",
            ],
            false,
        ),
        col(
            "deal probability",
            &["deal probability", "hs_deal_stage_probability"],
            false,
        ),
    ],
    read: read_deal,
};

mod deal {
    pub const ID: usize = 0;
    pub const STAGE: usize = 1;
    pub const AMOUNT: usize = 2;
    pub const CREATED: usize = 3;
    pub const CLOSED: usize = 4;
    pub const OWNER: usize = 5;
    pub const WON: usize = 6;
    pub const LOST: usize = 7;
    pub const SOURCE: usize = 8;
    pub const CONTACTS: usize = 9;
    pub const IS_CLOSED: usize = 10;
    pub const PROBABILITY: usize = 11;
}

fn read_deal(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    Outcome::of(deal_record(row, settings), |(deal, stage)| {
        if let Some((label, placement)) = stage {
            let unplaced = placement == Placement::Unplaced;
            out.saw_stage(&label, &placement.describe(), unplaced);
        }
        out.push_deal(deal);
    })
}

/// The stage label a deal's outcome came from and how it was placed,
/// when the label decided it (no explicit flag or closed-stage date did).
type StageUse = Option<(String, Placement)>;

fn deal_record(row: &Row, settings: &Settings) -> Result<(Deal, StageUse), Rejection> {
    use deal::*;
    let source = row.text(SOURCE).unwrap_or("");
    let (outcome, closed_at, stage) = outcome_and_close(row, settings)?;
    let deal = Deal {
        id: row.id_text(ID)?.into(),
        created_at: row.required_stamp(CREATED)?,
        closed_at: row.stamp_from(CLOSED, closed_at)?,
        outcome,
        amount: row.money(AMOUNT)?.unwrap_or_default(),
        function: settings.function_of(source),
        source: source.into(),
        owner: row.text(OWNER).map(Into::into),
        lead_ids: row
            .text(CONTACTS)
            .map(|ids| {
                ids.split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(Into::into)
                    .collect()
            })
            .unwrap_or_default(),
        weight: crate::config::stages::stage_weight(
            settings,
            row.text(STAGE),
            row.probability(PROBABILITY, 1.0)?,
        ),
    };
    Ok((deal, stage))
}

/// The outcome and close date. Won and lost come from HubSpot's explicit
/// flags when exported (`Is Closed Won`, `Is closed lost`, and `Is Deal
/// Closed?` for open deals); otherwise from the latest `Date entered
/// "Closed Won (…)"` or `"Closed Lost (…)"` cell; otherwise from the stage
/// label ([`Settings::stage_placement`]: `[stages]`, the default closed
/// stages, then its words). A deal with none of these is rejected, not
/// taken as open. The close date is `Close Date`, else the date the deal
/// entered the closed stage matching its outcome.
fn outcome_and_close(
    row: &Row,
    settings: &Settings,
) -> Result<(DealOutcome, Option<NaiveDateTime>, StageUse), Rejection> {
    let (flagged, closed) = flag_outcome(row)?;
    let close_date = row.datetime(deal::CLOSED)?;
    if let (Some(outcome), Some(_)) = (flagged, close_date) {
        return Ok((outcome, close_date, None));
    }
    let entered = ClosedStageEntries::read(row, settings)?;
    if let Some(outcome) = flagged.or_else(|| entered.outcome()) {
        return Ok((
            outcome,
            close_date.or_else(|| entered.date_of(outcome)),
            None,
        ));
    }
    let label = row.text(deal::STAGE).ok_or_else(|| {
        row.reject(
            deal::STAGE,
            "a deal stage (or the Is Closed Won and Is closed lost columns)",
        )
    })?;
    let placement = match settings.stage_placement(label) {
        // `Is Deal Closed?` says closed; a stage without an outcome's
        // words cannot say which way.
        Placement::Open if closed == Some(true) => Placement::Unplaced,
        placement => placement,
    };
    let outcome = placement.outcome().unwrap_or(DealOutcome::Open);
    Ok((outcome, close_date, Some((label.to_string(), placement))))
}

/// The outcome the `Is Closed Won` / `Is closed lost` flags give (with
/// `Is Deal Closed?` false: open), `None` when they do not settle it; and
/// what `Is Deal Closed?` says.
fn flag_outcome(row: &Row) -> Result<(Option<DealOutcome>, Option<bool>), Rejection> {
    use deal::*;
    let flag = |column| match row.cell(column) {
        None => Ok(None),
        Some(cell) => super::cells::parse_bool(cell)
            .map(Some)
            .ok_or_else(|| row.reject(column, "true or false")),
    };
    let closed = flag(IS_CLOSED)?;
    let outcome = match (flag(WON)?, flag(LOST)?, closed) {
        (Some(true), _, _) => Some(DealOutcome::Won),
        (_, Some(true), _) => Some(DealOutcome::Lost),
        (_, _, Some(false)) => Some(DealOutcome::Open),
        // Closed, neither won nor lost by the flags: the stage tells.
        (_, _, Some(true)) => None,
        (Some(false), _, None) | (_, Some(false), None) => Some(DealOutcome::Open),
        (None, None, None) => None,
    };
    Ok((outcome, closed))
}

/// When a deal entered a closed-won and a closed-lost stage, from the
/// per-stage columns of every pipeline; the latest date per outcome.
#[derive(Debug, Default, PartialEq)]
struct ClosedStageEntries {
    won: Option<NaiveDateTime>,
    lost: Option<NaiveDateTime>,
}

impl ClosedStageEntries {
    fn read(row: &Row, settings: &Settings) -> Result<ClosedStageEntries, Rejection> {
        let mut entries = ClosedStageEntries::default();
        for (index, name) in row.header.normalised_names() {
            let slot = match entered_stage(name).and_then(|stage| settings.stage_outcome(stage)) {
                Some(DealOutcome::Won) => &mut entries.won,
                Some(DealOutcome::Lost) => &mut entries.lost,
                _ => continue,
            };
            *slot = (*slot).max(row.datetime_at(index)?);
        }
        Ok(entries)
    }

    /// The outcome of the later closed stage the deal entered, if any.
    fn outcome(&self) -> Option<DealOutcome> {
        match (self.won, self.lost) {
            (None, None) => None,
            (won, lost) if won >= lost => Some(DealOutcome::Won),
            _ => Some(DealOutcome::Lost),
        }
    }

    fn date_of(&self, outcome: DealOutcome) -> Option<NaiveDateTime> {
        match outcome {
            DealOutcome::Won => self.won,
            DealOutcome::Lost => self.lost,
            DealOutcome::Open => None,
        }
    }
}

/// The stage of a normalised per-stage column name:
/// `date entered "closed won (sales pipeline)"` gives `closed won`, and so
/// does the internal name `hs_date_entered_closedwon`.
fn entered_stage(name: &str) -> Option<&str> {
    if let Some(stage) = name.strip_prefix("hs_date_entered_") {
        return Some(stage);
    }
    let label = name.strip_prefix("date entered \"")?.strip_suffix(")\"")?;
    label.split_once('(').map(|(stage, _)| stage.trim())
}

#[cfg(test)]
mod tests {
    use super::super::super::header::normalise;
    use super::*;

    #[test]
    fn stages_of_per_stage_columns() {
        let stage = |name: &str| entered_stage(&normalise(name)).map(str::to_string);
        assert_eq!(
            stage("Date entered \"Closed Won (Sales Pipeline)\"").as_deref(),
            Some("closed won")
        );
        assert_eq!(
            stage("Date entered \"Closed Lost  (Texas)\"").as_deref(),
            Some("closed lost")
        );
        assert_eq!(
            stage("hs_date_entered_closedwon").as_deref(),
            Some("closedwon")
        );
        assert_eq!(stage("Date exited \"Closed Won (Sales Pipeline)\""), None);
        assert_eq!(
            stage("Cumulative time in \"Closed Won (Sales Pipeline)\" (HH:mm:ss)"),
            None
        );
    }
}
