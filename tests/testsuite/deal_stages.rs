//! Open deals' win weights as each CRM exports them (issue 16: the plan
//! weighs open deals by them): HubSpot `Deal Stage` and `Deal probability`
//! (a fraction), Salesforce `Stage` and `Probability (%)`, Pipedrive
//! `Stage` and `Probability` (here the Portuguese `Etapa` and
//! `Probabilidade`). The probability comes first, then `[plan]
//! stage_weights` for the stage, then HubSpot's default pipeline.

use super::harness::fixture;
use equinox::config::Settings;
use equinox::ingest::read_inputs;
use equinox::model::{Records, StageWeight, WeightBasis};
use std::path::Path;

fn records(input: &Path) -> (Records, equinox::ledger::Ledger) {
    let settings = Settings::load(input).expect("settings");
    read_inputs(input, &settings)
}

fn weight(basis: WeightBasis, basis_points: u16) -> Option<StageWeight> {
    Some(StageWeight {
        basis,
        basis_points,
    })
}

#[test]
fn salesforce_probability_is_a_percent() {
    let (records, _) = records(&fixture("salesforce-opportunities"));
    // OpA03 at Negotiation/Review, Probability (%) 90.
    assert_eq!(
        records.deals[2].weight,
        weight(WeightBasis::Probability, 9_000)
    );
}

#[test]
fn pipedrive_stage_without_probability_or_setting_has_no_weight() {
    let (records, _) = records(&fixture("pipedrive-pt"));
    // Etapa "Proposta", Probabilidade empty: the plan falls back on the
    // win rate.
    assert!(records.deals.iter().all(|d| d.weight.is_none()));
}

#[test]
fn hubspot_probability_then_setting_then_default_stage() {
    let temp = tempfile::tempdir().expect("temp dir");
    let settings = "[plan.stage_weights]\n\"Demo\" = 0.3\n\"Contract Sent\" = 0.5\n";
    std::fs::write(temp.path().join("equinox.toml"), settings).unwrap();
    let csv = "\"Record ID\",\"Deal Stage\",\"Amount\",\"Create Date\",\"Close Date\",\"Deal probability\"\n\
        \"1\",\"Contract Sent\",\"1000\",\"2026-07-01 09:00\",\"2026-10-15 09:00\",\"0.65\"\n\
        \"2\",\"Qualified To Buy\",\"2000\",\"2026-07-02 09:00\",\"2026-10-20 09:00\",\"\"\n\
        \"3\",\"Demo\",\"2000\",\"2026-07-02 09:00\",\"2026-10-20 09:00\",\"\"\n\
        \"4\",\"Contract  sent\",\"2000\",\"2026-07-02 09:00\",\"2026-10-20 09:00\",\"\"\n\
        \"5\",\"Negotiation\",\"2000\",\"2026-07-02 09:00\",\"2026-10-20 09:00\",\"\"\n\
        \"6\",\"Qualified To Buy\",\"3000\",\"2026-07-03 09:00\",\"2026-10-20 09:00\",\"40\"\n";
    std::fs::write(temp.path().join("hubspot-crm-exports-all-deals.csv"), csv).unwrap();
    let (records, ledger) = records(temp.path());
    let read: Vec<_> = records
        .deals
        .iter()
        .map(|d| (d.id.as_str(), d.weight))
        .collect();
    assert_eq!(
        read,
        [
            ("1", weight(WeightBasis::Probability, 6_500)),
            ("2", weight(WeightBasis::DefaultStage, 4_000)),
            ("3", weight(WeightBasis::Setting, 3_000)),
            // The setting beats HubSpot's default for the same stage,
            // matched without case or spaces.
            ("4", weight(WeightBasis::Setting, 5_000)),
            ("5", None),
        ]
    );
    // 40 is not a fraction: the row is rejected with its cell named.
    assert_eq!(ledger.files[0].rows_rejected, 1);
    assert_eq!(
        ledger.files[0].rejections[0].column.as_deref(),
        Some("Deal probability")
    );
}
