//! The words of why a figure is missing ([`Reason`]), of the fallbacks a
//! review's exports called for ([`Fallback`]) and of its supply
//! ([`ReadyBasis`]). Each is written once here; [`word`] fills
//! metrics.json's `unavailable` and `method.fallbacks` right after metrics.

use crate::metrics::method::{Fallback, Method};
use crate::metrics::reason::Entries;
use crate::metrics::words::{count, percent};
use crate::metrics::{Reason, Review};
use crate::model::ReadyBasis;
use serde::Serialize;

/// Words every review's missing figures and fallbacks.
pub fn word(reviews: &mut [Review]) {
    for review in reviews {
        review.unavailable_words = review
            .unavailable
            .iter()
            .map(|(figure, why)| (*figure, reason(why)))
            .collect();
        review.method.fallbacks = review.method.taken.iter().map(fallback).collect();
    }
}

/// Why a figure is missing, as metrics.json and the pages say it.
pub fn reason(why: &Reason) -> String {
    match why {
        Reason::GapBefore { last, label } => format!(
                "no data between {last} and {label}: the periods in between have no review"
            ),
        Reason::NothingBefore { label, earlier } => format!("no data before {label}: {earlier} has no review"),
        Reason::YearAgoEmpty { earlier } => format!("{earlier} holds no data: it has no review"),
        Reason::YearAgoBeforeData { label, earlier } => format!(
                "the data starts less than a year before {label}: {earlier} has no review"
            ),
        Reason::NoActivityExportReps { days } => format!(
                "no activity export: who touched a lead in its first {days} days is unknown"
            ),
        Reason::NoNew(entries) => format!("no new {} in the period", entries_noun(*entries)),
        Reason::NoDealsClosed => "no deals were won or lost in the period".into(),
        Reason::NoDealsWon => "no deals won in the period".into(),
        Reason::WinRateZero => "no deal was won in the period: the win rate is zero".into(),
        Reason::NoReadyLeads => "no leads became ready for sales in the period".into(),
        Reason::NoLeadTouched => {
            "no lead was touched after becoming ready; export first-touch dates or activities".into()
        }
        Reason::NoSlaWindowClosed => "no lead's SLA window has closed yet".into(),
        Reason::NoActivityExportTouches => {
            "no activity export: only first touches are known; add calls, emails and meetings".into()
        }
        Reason::NoEmailColumn => "no lead export with an email column: duplicates cannot be found".into(),
        Reason::WonDealsUnlinked => {
            "no won deal links to a lead of the exports (HubSpot Associated Contact IDs, generic lead_ids)".into()
        }
        Reason::VelocityInputs => {
            "needs a win rate, an average won deal and a cycle longer than zero days".into()
        }
        Reason::NoRevenueTarget => {
            "no revenue target: set [targets] revenue_per_period in equinox.toml".into()
        }
        Reason::NoMarketingWinTrailing => {
            "no marketing-sourced deal won in the trailing four quarters".into()
        }
        Reason::NoMatureMqlWon => {
            "no MQL of the trailing four quarters old enough to judge has been won".into()
        }
        Reason::OpenDealsUnweighed => "open marketing-sourced deals have no win probability or known stage, and no marketing-sourced deal closed in the trailing four quarters gives a win rate to weigh them at".into(),
        Reason::NoPeriodObservedForHorizon { horizon_days } => format!(
            "no recent period has nine in ten of its MQLs seen for the {horizon_days}-day lag horizon and a win"
        ),
        Reason::NoCapacityMeasured => {
            "no follow-up capacity measured this period (see balance.capacity_per_week)".into()
        }
        Reason::NoAdSpend => "no ad spend in the period".into(),
        Reason::NoAdImpressions => "no ad impressions in the period".into(),
        Reason::NoBudgetForCac => {
            "no budget lines for the period: ad spend alone would understate acquisition cost; add the generic budget CSV".into()
        }
        Reason::NoSalesBudget => {
            "no sales budget lines for the period (salaries, tools): add the generic budget CSV".into()
        }
        Reason::NoSalesTouches => "no sales touches in the period".into(),
        Reason::NoBudgetLines => {
            "no budget lines for the period: with ad spend alone marketing would be 100%; add the generic budget CSV".into()
        }
        Reason::NoSpend => "no spend in the period".into(),
        Reason::NoTimeLogs => "no time logs for the period".into(),
        Reason::NoMarketingHours => "no marketing hours logged in the period".into(),
        Reason::NoSalesHours => "no sales hours logged in the period".into(),
        Reason::NoWonDealsOfTimeLoggers => "nobody in the time logs owns a deal won in the period".into(),
        Reason::NoLoadedRepWeek => {
            "no rep-week with a first touch in the trailing four quarters; export first-touch dates or set [capacity] leads_per_rep_week".into()
        }
        Reason::NoRepFirstTouch => "no rep made a first touch in the period".into(),
        Reason::NoMqlFirstTouched => "no MQL was first touched in the period".into(),
        Reason::NeedsSupplyAndCapacity => "needs both supply and capacity".into(),
        Reason::BoundSettlesNoVerdict => {
            "the reps were never loaded in the trailing four quarters, so capacity is only a lower bound, and the bound does not settle the verdict".into()
        }
    }
}

/// `leads`, `MQLs`, `SQLs`, `opportunities`.
fn entries_noun(entries: Entries) -> &'static str {
    match entries {
        Entries::Leads => "leads",
        Entries::Mqls => "MQLs",
        Entries::Sqls => "SQLs",
        Entries::Opportunities => "opportunities",
    }
}

/// A fallback as the Method section shows it.
#[derive(Debug, Clone, Serialize)]
pub struct FallbackView {
    pub sentence: String,
    /// Said on paper beside the figure it concerns (the scaled stage
    /// weights, beside the projection): left out of the printed Method,
    /// which keeps the printed review within ten pages.
    pub screen_only: bool,
}

/// The Method section's fallbacks.
#[derive(Debug, Clone, Serialize)]
pub struct FallbackViews {
    /// In metrics.json's order.
    pub items: Vec<FallbackView>,
    /// Whether any is printed (else the list and its title are not).
    pub printed: bool,
}

/// The Method section's fallbacks of `method`.
pub fn fallback_views(method: &Method) -> FallbackViews {
    let items: Vec<FallbackView> = method
        .taken
        .iter()
        .zip(&method.fallbacks)
        .map(|(taken, sentence)| FallbackView {
            sentence: sentence.clone(),
            screen_only: matches!(taken, Fallback::DefaultStageWeightsScaled(_)),
        })
        .collect();
    FallbackViews {
        printed: items.iter().any(|f| !f.screen_only),
        items,
    }
}

/// A fallback in one sentence, for the Method section and metrics.json.
pub fn fallback(taken: &Fallback) -> String {
    match taken {
        Fallback::NoMqlDate => "No lead in the exports has an MQL date (the CRM skips that stage or has none), so every lead counts as ready for sales when it was created, and every new lead as marketing's supply: follow-up, weekly flow, supply and the tilt all use this definition.".to_string(),
        Fallback::OwnTouches { leads } => format!(
            "No activity export was read: first touches come from the leads' own fields (HubSpot First outreach date and Date of first engagement of a sales type, Salesforce first-call or first-email dates), {} lead(s) in all; capacity is measured from them.",
            count(*leads)
        ),
        Fallback::Untimed { leads } => format!(
            "{} lead(s) were contacted by the CRM's own count or last-contacted date but carry no first-touch time: they are shown as \"touched, time unknown\", never counted as dropped or waiting, and left out of the hours to first touch.",
            count(*leads)
        ),
        Fallback::OpenDealsAtWinRate { deals } => format!(
            "{} open marketing-sourced deal(s) have no win probability in the export and a stage that is neither one of HubSpot's default pipeline nor in [plan] stage_weights: the plan weighs them at the trailing win rate of marketing-sourced deals.",
            count(*deals)
        ),
        Fallback::DefaultStageWeightsScaled(s) => format!(
            "{} open marketing-sourced deal(s) at HubSpot's default stage probabilities ({} on average) were scaled by {:.2} to the {} win rate of decided marketing-sourced deals over the last four quarters (capped at 1; the stages keep their order): generic defaults are not this team's record.",
            count(s.deals),
            percent(s.default_average),
            s.factor,
            percent(s.win_rate)
        ),
        Fallback::SpreadSpend { rows, longest } => format!(
            "{} ad spend row(s) covered several days (a Google Ads report without the Day segment, a Meta or LinkedIn row without a daily breakdown): each was spread evenly over its days, up to {} days, and split between periods by days.",
            count(*rows),
            count(*longest)
        ),
    }
}

/// What the supply is called on the page: `new MQLs`, or `new leads`
/// where every new lead counts.
pub fn supply_words(basis: ReadyBasis) -> &'static str {
    match basis {
        ReadyBasis::Mql => "new MQLs",
        ReadyBasis::Created => "new leads",
    }
}

/// One of the supply: `MQL`, or `lead`.
pub fn supply_one(basis: ReadyBasis) -> &'static str {
    match basis {
        ReadyBasis::Mql => "MQL",
        ReadyBasis::Created => "lead",
    }
}

/// The supply's plural noun: `MQLs`, or `leads`.
pub fn supply_noun(basis: ReadyBasis) -> &'static str {
    match basis {
        ReadyBasis::Mql => "MQLs",
        ReadyBasis::Created => "leads",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Figure;

    /// metrics.json's `unavailable` and `method.fallbacks` are the typed
    /// values in words, key for key and in order.
    #[test]
    fn word_fills_metrics_json_from_the_typed_values() {
        let mut review = Review::default();
        review
            .unavailable
            .insert(Figure::MqlToSql, Reason::NoNew(Entries::Mqls));
        review.unavailable.insert(
            Figure::YearAgo,
            Reason::YearAgoEmpty {
                earlier: "2025-Q3".into(),
            },
        );
        review.method.taken = vec![
            Fallback::NoMqlDate,
            Fallback::SpreadSpend {
                rows: 1200,
                longest: 31,
            },
        ];
        word(std::slice::from_mut(&mut review));
        let json = serde_json::to_value(&review).expect("serialises");
        assert_eq!(
            json["unavailable"]["conversion.mql_to_sql"],
            "no new MQLs in the period"
        );
        assert_eq!(
            json["unavailable"]["comparison.year_ago"],
            "2025-Q3 holds no data: it has no review"
        );
        let fallbacks = json["method"]["fallbacks"].as_array().expect("a list");
        assert_eq!(fallbacks.len(), 2);
        assert!(
            fallbacks[0]
                .as_str()
                .unwrap()
                .starts_with("No lead in the exports has an MQL date")
        );
        assert!(
            fallbacks[1]
                .as_str()
                .unwrap()
                .starts_with("1,200 ad spend row(s)")
        );
        assert!(fallbacks[1].as_str().unwrap().contains("up to 31 days"));
        assert!(json["method"].get("taken").is_none());
    }
}
