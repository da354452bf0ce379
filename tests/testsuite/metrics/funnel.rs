//! Funnel and conversion by cohort, by source, function and channel
//! (tests/fixtures/metrics-funnel: HubSpot contacts and deals, no ads, no
//! activity export; cut-off 2026-12-31, so 2026-Q4 is an empty period).

use super::super::harness::{assert_close, build, fixture, json};
use super::{assert_all_finite, assert_unavailable};
use serde_json::json;

#[test]
fn stages_count_by_event_date() {
    let (_guard, site) = build(&fixture("metrics-funnel"));
    let m = json(&site, "2026-q3/metrics.json");
    // Created in Q3: contacts 2..8 (1 was created in June). MQL dates in Q3:
    // 1 (07-02), 2, 3, 4, 8. SQL dates: 1, 2, 4 (09-28), 6. Opportunity dates
    // on the contact: 2, 6. Deals closed in Q3: 901 won, 904 won, 903 lost
    // (created in May, closed 07-20); 902 is open.
    assert_eq!(
        m["funnel"],
        json!({"leads": 7, "mqls": 5, "sqls": 4, "opportunities": 2, "won": 2, "lost": 1})
    );
    let q2 = json(&site, "2026-q2/metrics.json");
    // Contact 1 counts as a Q2 lead, but its MQL and SQL count in Q3.
    assert_eq!(q2["funnel"]["leads"], 1);
    assert_eq!(q2["funnel"]["mqls"], 0);
}

#[test]
fn conversion_follows_each_cohort_to_the_cut_off() {
    let (_guard, site) = build(&fixture("metrics-funnel"));
    let c = json(&site, "2026-q3/metrics.json")["conversion"].clone();
    // Leads 2..8: all but 5 reached MQL or later (6 has an SQL date, 7 a
    // won deal: deal 904 links it) -> 6 / 7.
    assert_eq!(c["lead_to_mql"]["cohort"], 7);
    assert_eq!(c["lead_to_mql"]["reached"], 6);
    assert_close(&c["lead_to_mql"]["rate"], 6.0 / 7.0);
    // MQLs 1, 2, 3, 4, 8: 1, 2 and 4 reached SQL -> 3 / 5.
    assert_close(&c["mql_to_sql"]["rate"], 0.6);
    // SQLs 1, 2, 4, 6: 2 and 6 reached opportunity -> 2 / 4.
    assert_close(&c["sql_to_opportunity"]["rate"], 0.5);
    // Opportunities 2, 6: 2 became a customer -> 1 / 2.
    assert_close(&c["opportunity_to_won"]["rate"], 0.5);
    // Of the 5 MQLs only 2 reached opportunity and won -> 1 / 5 each.
    assert_close(&c["mql_to_opportunity"]["rate"], 0.2);
    assert_close(&c["mql_to_won"]["rate"], 0.2);

    // MQL -> SQL lags over all the data: 1: 3 days, 2: 2 days, 4: 82 days.
    // Sorted 2, 3, 82: p90 at 0.9 * 2 = 1.8 -> 3 + 0.8 * 79 = 66.2 days.
    assert_close(&c["mql_to_sql"]["lag_p90_days"], 66.2);
    // Lead -> MQL (or later): 1 h, 2 h, 1 d, 1 d (6: to its SQL), 1 d,
    // 10 d (7: to deal 904's creation), 12 d (1). p90 at 5.4 -> 10 + 0.4 * 2.
    assert_close(&c["lead_to_mql"]["lag_p90_days"], 10.8);
    // The cut-off is 92 days after Q3: older than every lag, so not young.
    assert_eq!(c["mql_to_sql"]["young"], false);
    assert_eq!(c["mql_to_won"]["young"], false);
}

#[test]
fn the_funnel_by_function_source_and_channel() {
    let (_guard, site) = build(&fixture("metrics-funnel"));
    let s = json(&site, "2026-q3/metrics.json")["segments"].clone();
    // Marketing: leads 2, 3, 4, 5, 8; MQLs 1, 2, 3, 4, 8; SQLs 1, 2, 4;
    // opportunity 2; won deal 901 (Paid Search, 10,000); MQL -> SQL 3 / 5.
    assert_eq!(
        s["by_function"]["marketing"],
        json!({"leads": 5, "mqls": 5, "sqls": 3, "opportunities": 1, "won": 1, "won_amount": 10000.0, "mql_to_sql": 0.6})
    );
    // Sales: lead 6 (Offline Sources), SQL and opportunity, no MQL.
    assert_eq!(
        s["by_function"]["sales"],
        json!({"leads": 1, "mqls": 0, "sqls": 1, "opportunities": 1, "won": 0, "won_amount": 0.0, "mql_to_sql": null})
    );
    // Partner: lead 7 and deal 904 (4,000) counted on their own.
    assert_eq!(s["by_function"]["partner"]["won_amount"], 4000.0);
    // Paid Search: lead 2 (1 was created in Q2) but MQLs 1 and 2, both SQL.
    assert_eq!(
        s["by_source"]["Paid Search"],
        json!({"leads": 1, "mqls": 2, "sqls": 2, "opportunities": 1, "won": 1, "won_amount": 10000.0, "mql_to_sql": 1.0})
    );
    // Paid Social: leads and MQLs 3, 4; 4 reached SQL -> 1 / 2.
    assert_close(&s["by_source"]["Paid Social"]["mql_to_sql"], 0.5);
    // Channels follow the default source map: Paid Search -> Google Ads,
    // Paid Social -> Meta Ads.
    assert_eq!(s["by_channel"]["google_ads"], s["by_source"]["Paid Search"]);
    assert_eq!(s["by_channel"]["meta_ads"], s["by_source"]["Paid Social"]);
    assert!(s["by_channel"].get("linkedin_ads").is_none());
}

/// Edge case: a period with no spend.
#[test]
fn a_period_without_ad_spend_has_no_cost_figures() {
    let (_guard, site) = build(&fixture("metrics-funnel"));
    let m = json(&site, "2026-q3/metrics.json");
    assert_close(&m["spend"]["total"], 0.0);
    assert_unavailable(&m, "efficiency.cost_per_lead", "no ad spend");
    assert_unavailable(&m, "efficiency.cost_per_mql", "no ad spend");
    assert_unavailable(&m, "efficiency.roas", "no ad spend");
    // The paid channels still show their leads, with no cost per stage.
    let google = &m["efficiency"]["channels"]["google_ads"];
    assert_close(&google["spend"], 0.0);
    assert_eq!(google["mqls"], 2);
    assert!(google["cost_per_mql"].is_null() && google["roas"].is_null());
}

/// Edge case: no activity data.
#[test]
fn without_an_activity_export_activity_figures_are_unavailable() {
    let (_guard, site) = build(&fixture("metrics-funnel"));
    let m = json(&site, "2026-q3/metrics.json");
    assert_unavailable(&m, "alignment.multi_rep_leads", "no activity export");
    assert_unavailable(&m, "pipeline.touches_per_won_deal", "no activity export");
    // No first touch anywhere: no speed figures, and every lead whose
    // window closed counts as not touched within the SLA.
    assert_unavailable(&m, "speed_to_lead.median_hours", "no lead was touched");
    assert_close(&m["speed_to_lead"]["within_sla"], 0.0);
    // Lead to close still works from the deal's contact: 2 was created
    // 07-01 10:00, deal 901 closed 08-15 12:00: 45 days 2 hours; 7 was
    // created 08-10 10:00, deal 904 closed 09-10 10:00: 31 days.
    // Median (45.0833 + 31) / 2.
    assert_close(
        &m["pipeline"]["lead_to_close_days"],
        (45.0 + 2.0 / 24.0 + 31.0) / 2.0,
    );
}

/// Edge case: an empty period.
#[test]
fn an_empty_period_has_zeros_for_counts_and_reasons_for_the_rest() {
    let (_guard, site) = build(&fixture("metrics-funnel"));
    let m = json(&site, "2026-q4/metrics.json");
    assert_eq!(
        m["funnel"],
        json!({"leads": 0, "mqls": 0, "sqls": 0, "opportunities": 0, "won": 0, "lost": 0})
    );
    assert_all_finite(&m);
    assert!(m["conversion"]["mql_to_sql"]["rate"].is_null());
    assert_eq!(
        m["unavailable"]["conversion.mql_to_sql"],
        "no new MQLs in the period"
    );
    assert_unavailable(&m, "speed_to_lead.median_hours", "no leads became ready");
    assert_unavailable(&m, "speed_to_lead.within_sla", "no leads became ready");
    assert_unavailable(&m, "balance.supply_per_week", "no new MQLs");
    assert_unavailable(&m, "balance.tilt", "needs both");
    assert_unavailable(&m, "revenue.win_rate", "no deals were won or lost");
    assert_unavailable(&m, "pipeline.average_won_deal", "no deals won");
    assert_unavailable(
        &m,
        "pipeline.required_coverage",
        "no deals were won or lost",
    );
    assert_eq!(m["findings"], json!([]));
    // Deal 902 was still open at the end of Q4 (expected close 11-15).
    assert_eq!(m["pipeline"]["open_deals"], 1);
    let page = std::fs::read_to_string(site.join("2026-q4/index.html")).unwrap();
    assert!(page.contains("not available: no leads became ready for sales in the period"));
}
