//! Stage weights: the share of an open deal's amount the plan expects to
//! be won. The weight its export gave it (its probability, `[plan]
//! stage_weights` for its stage, HubSpot's default pipeline: resolved
//! when read, `config::stages::stage_weight`), else the trailing win rate
//! of marketing-sourced deals.

use super::method::Fallback;
use crate::model::{Deal, Function, Outcome, WeightBasis};

/// The weight of a deal open at a period's end and where it came from;
/// `None` weight when it falls to a win rate there is none of.
pub fn weight(deal: &Deal, win_rate: Option<f64>) -> (WeightBasis, Option<f64>) {
    // A deal closed since: the export holds its closed stage and
    // probability now, not the ones it had at the period's end.
    match deal.weight.filter(|_| deal.outcome == Outcome::Open) {
        Some(w) => (w.basis, Some(w.share())),
        None => (WeightBasis::WinRate, win_rate),
    }
}

/// The fallback to note when marketing-sourced deals open at the cut-off
/// have no weight of their own (no probability, a stage unknown to the
/// defaults and to `[plan] stage_weights`).
pub fn fallback(deals: &[Deal]) -> Option<Fallback> {
    let deals = deals
        .iter()
        .filter(|d| d.outcome == Outcome::Open && d.function == Function::Marketing)
        .filter(|d| d.weight.is_none())
        .count() as u64;
    (deals > 0).then_some(Fallback::OpenDealsAtWinRate { deals })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Money, StageWeight, Stamp};

    fn deal(outcome: Outcome, weight: Option<StageWeight>) -> Deal {
        let at = Stamp::clamped(
            chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        );
        Deal {
            id: "D1".into(),
            created_at: at,
            closed_at: None,
            outcome,
            amount: Money::ZERO,
            source: "Paid Search".into(),
            function: Function::Marketing,
            owner: None,
            lead_ids: Vec::new(),
            weight,
        }
    }

    #[test]
    fn an_open_deal_keeps_its_weight_and_the_rest_take_the_win_rate() {
        let stage = Some(StageWeight::new(WeightBasis::DefaultStage, 0.8));
        let w = |d: Deal| weight(&d, Some(0.25));
        assert_eq!(
            w(deal(Outcome::Open, stage)),
            (WeightBasis::DefaultStage, Some(0.8))
        );
        assert_eq!(
            w(deal(Outcome::Open, None)),
            (WeightBasis::WinRate, Some(0.25))
        );
        // Closed since the period's end: its weight now says nothing of
        // then.
        assert_eq!(
            w(deal(Outcome::Won, stage)),
            (WeightBasis::WinRate, Some(0.25))
        );
        assert_eq!(
            weight(&deal(Outcome::Open, None), None),
            (WeightBasis::WinRate, None)
        );
    }

    #[test]
    fn the_fallback_counts_open_marketing_deals_without_a_weight() {
        let stage = Some(StageWeight::new(WeightBasis::Setting, 0.3));
        let deals = [
            deal(Outcome::Open, None),
            deal(Outcome::Open, stage),
            deal(Outcome::Lost, None),
        ];
        assert_eq!(
            fallback(&deals),
            Some(Fallback::OpenDealsAtWinRate { deals: 1 })
        );
        assert_eq!(fallback(&deals[1..]), None);
    }
}
