//! HubSpot CRM exports: contacts and deals, with label headers
//! (`Create Date`) or internal names (`createdate`).

use super::{ColumnSpec, Outcome, Profile, Row};
use crate::config::Settings;
use crate::ledger::Rejection;
use crate::model::{Deal, Lead, Outcome as DealOutcome, Records};
use std::hash::{DefaultHasher, Hash, Hasher};

const fn col(
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

/// Contacts export (`hubspot-crm-exports-all-contacts-*.csv`).
pub static CONTACTS: Profile = Profile {
    name: "HubSpot contacts",
    columns: &[
        col(
            "record id",
            &["record id", "contact id", "hs_object_id"],
            true,
        ),
        col("create date", &["create date", "createdate"], true),
        col(
            "lifecycle stage or stage dates",
            &[
                "lifecycle stage",
                "lifecyclestage",
                "became a marketing qualified lead date",
            ],
            true,
        ),
        col(
            "original source",
            &["original source", "hs_analytics_source"],
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
            ],
            false,
        ),
        col(
            "became a sales qualified lead date",
            &[
                "became a sales qualified lead date",
                "hs_lifecyclestage_salesqualifiedlead_date",
            ],
            false,
        ),
        col(
            "became an opportunity date",
            &[
                "became an opportunity date",
                "hs_lifecyclestage_opportunity_date",
            ],
            false,
        ),
        col(
            "became a customer date",
            &["became a customer date", "hs_lifecyclestage_customer_date"],
            false,
        ),
        col(
            "first outreach date",
            &["first outreach date", "hs_first_outreach_date"],
            false,
        ),
        col("lead status", &["lead status", "hs_lead_status"], false),
        col("email", &["email"], false),
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
}

fn read_contact(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    match contact_lead(row, settings) {
        Ok(lead) => {
            out.leads.push(lead);
            Outcome::Used
        }
        Err(rejection) => Outcome::Rejected(rejection),
    }
}

fn contact_lead(row: &Row, settings: &Settings) -> Result<Lead, Rejection> {
    use contact::*;
    let source = row.text(SOURCE).unwrap_or("").to_string();
    let mut lead = Lead {
        id: row.id(ID)?,
        created_at: row.required_datetime(CREATED)?,
        function: settings.function_of(&source),
        channel: settings.sources.channel_of(&source),
        source,
        owner: row.text(OWNER).map(str::to_string),
        mql_at: row.datetime(MQL)?,
        sql_at: row.datetime(SQL)?,
        opportunity_at: row.datetime(OPPORTUNITY)?,
        customer_at: row.datetime(CUSTOMER)?,
        first_touch_at: row.datetime(FIRST_OUTREACH)?,
        ready_at: None,
        status: row.text(STATUS).map(str::to_string),
        email_hash: row.text(EMAIL).map(email_hash),
    };
    lead.ready_at = lead.ready_for_sales(row.has(MQL) || row.has(SQL));
    Ok(lead)
}

/// Hashes a normalised email so duplicates can be found without keeping
/// the address. Not a security measure: it is never written out.
pub(super) fn email_hash(email: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    email.trim().to_lowercase().hash(&mut hasher);
    hasher.finish()
}

/// Deals export (`hubspot-crm-exports-all-deals-*.csv`).
pub static DEALS: Profile = Profile {
    name: "HubSpot deals",
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
}

fn read_deal(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    match deal_record(row, settings) {
        Ok(deal) => {
            out.deals.push(deal);
            Outcome::Used
        }
        Err(rejection) => Outcome::Rejected(rejection),
    }
}

fn deal_record(row: &Row, settings: &Settings) -> Result<Deal, Rejection> {
    use deal::*;
    let source = row.text(SOURCE).unwrap_or("").to_string();
    Ok(Deal {
        id: row.id(ID)?,
        created_at: row.required_datetime(CREATED)?,
        closed_at: row.datetime(CLOSED)?,
        outcome: deal_outcome(row)?,
        amount: row.money(AMOUNT)?.unwrap_or_default(),
        function: settings.function_of(&source),
        source,
        owner: row.text(OWNER).map(str::to_string),
        lead_ids: row
            .text(CONTACTS)
            .map(|ids| {
                ids.split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// Won and lost come from HubSpot's explicit flags when exported; otherwise
/// from the default pipeline's closed stage names.
fn deal_outcome(row: &Row) -> Result<DealOutcome, Rejection> {
    use deal::*;
    let flag = |column| match row.cell(column) {
        None => Ok(None),
        Some(cell) => super::cells::parse_bool(cell)
            .map(Some)
            .ok_or_else(|| row.reject(column, "true or false")),
    };
    match (flag(WON)?, flag(LOST)?) {
        (Some(true), _) => Ok(DealOutcome::Won),
        (_, Some(true)) => Ok(DealOutcome::Lost),
        (Some(false), _) | (_, Some(false)) => Ok(DealOutcome::Open),
        (None, None) => Ok(outcome_from_stage(row.text(STAGE).unwrap_or(""))),
    }
}

fn outcome_from_stage(stage: &str) -> DealOutcome {
    match stage.to_lowercase().replace(' ', "").as_str() {
        "closedwon" => DealOutcome::Won,
        "closedlost" => DealOutcome::Lost,
        _ => DealOutcome::Open,
    }
}
