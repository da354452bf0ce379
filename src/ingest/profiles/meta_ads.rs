//! Meta Ads Manager exports: the currency sits in the spend header
//! (`Amount spent (USD)`), an optional summary row comes first with blank
//! dimension cells, and an empty report is the single line
//! `"No data available."`. `Results` count as leads only where the
//! `Result indicator` or `Result type` says the result is a lead. Headers
//! follow the Ads Manager language; English and Spanish are known.

use super::{Outcome, Profile, Row, col, to_base_fine};
use crate::config::Settings;
use crate::ingest::spread::range_end;
use crate::ledger::Rejection;
use crate::model::{Channel, Records, Spend};
use chrono::NaiveDate;

/// Campaign, ad set or ad level export with reporting dates.
pub static CAMPAIGNS: Profile = Profile {
    name: "Meta Ads export",
    touches: false,
    columns: &[
        col(
            "reporting starts",
            &["reporting starts", "day", "inicio del informe", "día"],
            true,
        ),
        col(
            "campaign name",
            &[
                "campaign name",
                "ad set name",
                "ad name",
                "nombre de la campaña",
            ],
            true,
        ),
        col(
            "amount spent",
            &["amount spent (*)", "importe gastado (*)"],
            true,
        ),
        col("impressions", &["impressions", "impresiones"], false),
        col(
            "link clicks",
            &["link clicks", "clicks (all)", "clics en el enlace"],
            false,
        ),
        col("results", &["results", "resultados"], false),
        col(
            "result indicator",
            &[
                "result indicator",
                "result type",
                "indicador de resultados",
                "tipo de resultado",
            ],
            false,
        ),
        col(
            "reporting ends",
            &["reporting ends", "fin del informe"],
            false,
        ),
    ],
    read,
};

const STARTS: usize = 0;
const CAMPAIGN: usize = 1;
const SPENT: usize = 2;
const IMPRESSIONS: usize = 3;
const CLICKS: usize = 4;
const RESULTS: usize = 5;
const RESULT_KIND: usize = 6;
const ENDS: usize = 7;

fn read(row: &Row, settings: &Settings, out: &mut Records) -> Outcome {
    if is_summary_or_empty_report(row) {
        return Outcome::Skipped;
    }
    Outcome::of(spend(row, settings), |(spend, first, last)| {
        out.push_spend_over(spend, first, last)
    })
}

/// The summary row has no campaign name; an empty report says so in words.
fn is_summary_or_empty_report(row: &Row) -> bool {
    row.first_cell().eq_ignore_ascii_case("No data available.") || row.text(CAMPAIGN).is_none()
}

/// A row's spend and the days it covers: `Reporting starts` to
/// `Reporting ends` (one day with a daily breakdown, 14 in an ad-level
/// export without one, 7 in weekly rows).
fn spend(row: &Row, settings: &Settings) -> Result<(Spend, NaiveDate, NaiveDate), Rejection> {
    let first = row.required_datetime(STARTS)?.date();
    let last = match row.datetime(ENDS)? {
        Some(end) => range_end(row, ENDS, first, end.date())?,
        None => first,
    };
    let spent = row.money(SPENT)?.unwrap_or_default();
    let currency = row
        .columns
        .0
        .get(SPENT)
        .copied()
        .flatten()
        .and_then(|i| row.header.suffix_in_parens(i));
    let spend = Spend {
        day: first,
        channel: Channel::MetaAds,
        campaign: row.text(CAMPAIGN).unwrap_or("").to_string(),
        cost: to_base_fine(spent, currency, settings).map_err(|e| row.reject(SPENT, e))?,
        impressions: row.count(IMPRESSIONS)?,
        clicks: row.count(CLICKS)?,
        conversions: row.number(RESULTS)?,
        leads: leads(row)?,
    };
    Ok((spend, first, last))
}

/// `Results` when the row's result is a lead, else zero.
fn leads(row: &Row) -> Result<u64, Rejection> {
    if !row.text(RESULT_KIND).is_some_and(is_lead_result) {
        return Ok(0);
    }
    row.count(RESULTS)
}

/// Result type labels that mean leads (compared case-insensitively).
const LEAD_RESULT_TYPES: &[&str] = &[
    "leads",
    "on-facebook leads",
    "website leads",
    "clientes potenciales",
];

/// Whether a `Result indicator` (`actions:onsite_conversion.lead_grouped`,
/// `actions:offsite_conversion.fb_pixel_lead`, `leadgen…`) or `Result type`
/// (`Leads`, `On-Facebook leads`, `Website leads`) names lead results.
fn is_lead_result(kind: &str) -> bool {
    let kind = kind.trim().to_lowercase();
    let action = kind.strip_prefix("actions:").unwrap_or(&kind);
    matches!(
        action,
        "onsite_conversion.lead_grouped" | "offsite_conversion.fb_pixel_lead"
    ) || action.starts_with("leadgen")
        || LEAD_RESULT_TYPES.contains(&kind.as_str())
}

#[cfg(test)]
mod tests {
    use super::is_lead_result;

    #[test]
    fn only_lead_results_are_leads() {
        assert!(is_lead_result("actions:onsite_conversion.lead_grouped"));
        assert!(is_lead_result("actions:offsite_conversion.fb_pixel_lead"));
        assert!(is_lead_result("leadgen"));
        assert!(is_lead_result("On-Facebook leads"));
        assert!(is_lead_result(" Website leads "));
        assert!(!is_lead_result(
            "actions:offsite_conversion.fb_pixel_initiate_checkout"
        ));
        assert!(!is_lead_result("Messaging conversations started"));
        assert!(!is_lead_result("Reach"));
    }
}
