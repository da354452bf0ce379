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
mod row;
mod salesforce;
mod time_entry;
mod toggl;

pub use row::Row;

pub use currency::{to_base, to_base_fine};

use super::cells;
use super::header::{Header, normalise};
use crate::config::{DateOrder, Settings};
use crate::ledger::Rejection;
use crate::model::{Channel, Function, Lead, PooledAs, Records, TextPool, email_hash};
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
    /// Whether its rows are touches: such files are read after every
    /// other, and their touches folded as they are read (see
    /// `ingest::activity`).
    pub touches: bool,
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
    let source = row.text(c.source).unwrap_or("");
    let (function, channel) = settings.sources.function_and_channel(source);
    let source = Attributed {
        source,
        function,
        channel,
    };
    lead_with_source(row, c, source, texts)
}

/// A lead's source as its export attributes it, mapped to a function and
/// channel.
pub struct Attributed<'r> {
    pub source: &'r str,
    pub function: Function,
    pub channel: Option<Channel>,
}

/// [`lead_from_row`] with the source already decided and mapped: HubSpot
/// contacts pick the original or the latest source and map it with its
/// drill-down, once per row instead of mapping the source column first.
pub fn lead_with_source(
    row: &Row,
    c: &LeadColumns,
    source: Attributed,
    texts: &mut TextPool,
) -> Result<Lead, Rejection> {
    let optional = |column: Option<usize>| column.map_or(Ok(None), |c| row.stamp(c));
    let Attributed {
        source,
        function,
        channel,
    } = source;
    let mut lead = Lead {
        id: row.id_text(c.id)?.into(),
        created_at: row.required_stamp(c.created)?,
        function,
        channel,
        source: texts.text_as(PooledAs::Source, source),
        owner: (row.text(c.owner)).map(|owner| texts.text_as(PooledAs::Owner, owner)),
        mql_at: row.stamp(c.mql)?,
        sql_at: row.stamp(c.sql)?,
        opportunity_at: optional(c.opportunity)?,
        customer_at: optional(c.customer)?,
        first_touch_at: optional(c.first_touch)?,
        ready_at: None,
        touched: false,
        status: (row.text(c.status)).map(|status| texts.text_as(PooledAs::Status, status)),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The profiles whose rows are touches are read last and folded
    /// (`ingest::activity`): every activity export and no other.
    #[test]
    fn exactly_the_activity_exports_read_touches() {
        let touches: Vec<&str> = PROFILES
            .iter()
            .filter(|p| p.touches)
            .map(|p| p.name)
            .collect();
        assert_eq!(
            touches,
            [
                hubspot_activities::ACTIVITIES.name,
                pipedrive::ACTIVITIES.name,
                salesforce::ACTIVITIES.name,
                equinox::TOUCHES.name,
            ]
        );
    }
}
