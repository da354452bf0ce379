//! Stage weights: the share of an open deal's amount the plan expects to
//! be won. The weight its export gave it (its probability, `[plan]
//! stage_weights` for its stage, HubSpot's default pipeline: resolved
//! when read, `config::stages::stage_weight`), else the trailing win rate
//! of marketing-sourced deals. HubSpot's defaults are generic, not the
//! team's: they are scaled to its win rate ([`DefaultScaling`]).

use super::method::Fallback;
use super::stats::ratio;
use crate::model::{Deal, Function, Outcome, WeightBasis};
use serde::Serialize;

/// HubSpot's default stage probabilities scaled so that the open deals
/// weighed by them average the team's trailing win rate: a default
/// pipeline's 0.2 to 0.9 says nothing of this team's record (the demo's
/// open deals average 54% on them, its decided deals were won at 25%).
/// The stages keep their order; a scaled weight is capped at 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DefaultScaling {
    /// Open deals weighed at a default stage probability.
    pub deals: u64,
    /// Their average default weight, weighted by amount (by deal where
    /// their amounts sum to zero): the share of their amount the
    /// defaults expect to be won.
    pub default_average: f64,
    /// The trailing win rate of decided marketing-sourced deals (won ÷
    /// won and lost) that average is scaled to.
    pub win_rate: f64,
    /// `win_rate / default_average`: what each default weight is
    /// multiplied by.
    pub factor: f64,
}

impl DefaultScaling {
    /// The scaling of the default-weighted deals among `open` to
    /// `win_rate`; `None` without such deals, without a win rate, or
    /// where their defaults average zero (nothing to scale).
    pub fn of<'a>(
        open: impl Iterator<Item = &'a Deal>,
        win_rate: Option<f64>,
    ) -> Option<DefaultScaling> {
        let win_rate = win_rate?;
        let (mut deals, mut amount, mut weighted, mut weights) = (0u64, 0.0, 0.0, 0.0);
        for (deal, w) in open.filter_map(|d| default_weight(d).map(|w| (d, w))) {
            deals += 1;
            amount += deal.amount.as_f64();
            weighted += w * deal.amount.as_f64();
            weights += w;
        }
        let default_average = ratio(weighted, amount).or_else(|| ratio(weights, deals as f64))?;
        Some(DefaultScaling {
            deals,
            default_average,
            win_rate,
            factor: ratio(win_rate, default_average)?,
        })
    }

    /// A default weight scaled, capped at 1.
    pub fn scale(&self, default: f64) -> f64 {
        (default * self.factor).min(1.0)
    }
}

/// An open deal's default stage weight, if that is what it is weighed by.
fn default_weight(deal: &Deal) -> Option<f64> {
    deal.weight
        .filter(|w| deal.outcome == Outcome::Open && w.basis == WeightBasis::DefaultStage)
        .map(|w| w.share())
}

/// The weight of a deal open at a period's end and where it came from;
/// `None` weight when it falls to a win rate there is none of. A default
/// stage weight is scaled by `scaling` where there is one.
pub fn weight(
    deal: &Deal,
    win_rate: Option<f64>,
    scaling: Option<&DefaultScaling>,
) -> (WeightBasis, Option<f64>) {
    // A deal closed since: the export holds its closed stage and
    // probability now, not the ones it had at the period's end.
    match deal.weight.filter(|_| deal.outcome == Outcome::Open) {
        Some(w) if w.basis == WeightBasis::DefaultStage => (
            w.basis,
            Some(scaling.map_or(w.share(), |s| s.scale(w.share()))),
        ),
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
        deal_of(outcome, weight, 0)
    }

    fn deal_of(outcome: Outcome, weight: Option<StageWeight>, amount: i64) -> Deal {
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
            amount: Money::from_cents(amount * 100),
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
        let w = |d: Deal| weight(&d, Some(0.25), None);
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
            weight(&deal(Outcome::Open, None), None, None),
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

    fn at_default(share: f64, amount: i64) -> Deal {
        let stage = StageWeight::new(WeightBasis::DefaultStage, share);
        deal_of(Outcome::Open, Some(stage), amount)
    }

    #[test]
    fn default_weights_are_scaled_to_average_the_win_rate() {
        // Three open deals of $1,000 at HubSpot's 0.2, 0.6 and 0.9: they
        // average 1.7 / 3 = 0.5667; at a 25% win rate each is multiplied
        // by 0.25 / 0.5667 = 0.75 / 1.7 = 0.4412.
        let open = [
            at_default(0.2, 1000),
            at_default(0.6, 1000),
            at_default(0.9, 1000),
        ];
        let s = DefaultScaling::of(open.iter(), Some(0.25)).unwrap();
        assert_eq!(s.deals, 3);
        assert!((s.default_average - 1.7 / 3.0).abs() < 1e-12);
        assert!((s.factor - 0.75 / 1.7).abs() < 1e-12);
        let scaled: Vec<f64> = open
            .iter()
            .map(|d| weight(d, Some(0.25), Some(&s)).1.unwrap())
            .collect();
        // 0.15 / 1.7 = 0.0882, 0.45 / 1.7 = 0.2647, 0.675 / 1.7 = 0.3971:
        // in the stages' order, averaging 0.25.
        for (got, want) in scaled.iter().zip([0.15 / 1.7, 0.45 / 1.7, 0.675 / 1.7]) {
            assert!((got - want).abs() < 1e-12, "{got} {want}");
        }
        assert!((scaled.iter().sum::<f64>() / 3.0 - 0.25).abs() < 1e-12);
    }

    #[test]
    fn the_scaling_averages_by_amount_caps_at_one_and_leaves_other_bases_alone() {
        // $3,000 at 0.2 and $1,000 at 0.9: (600 + 900) / 4,000 = 0.375 of
        // the amount; a 75% win rate doubles them: 0.4, and 1.8 capped at 1.
        let given = StageWeight::new(WeightBasis::Probability, 0.9);
        let open = [
            at_default(0.2, 3000),
            at_default(0.9, 1000),
            deal_of(Outcome::Open, Some(given), 5000),
        ];
        let s = DefaultScaling::of(open.iter(), Some(0.75)).unwrap();
        assert_eq!(s.deals, 2);
        assert_eq!(s.default_average, 0.375);
        assert_eq!(s.factor, 2.0);
        let w = |d: &Deal| weight(d, Some(0.75), Some(&s));
        assert_eq!(w(&open[0]), (WeightBasis::DefaultStage, Some(0.4)));
        assert_eq!(w(&open[1]), (WeightBasis::DefaultStage, Some(1.0)));
        // The export's own probability is used as given.
        assert_eq!(w(&open[2]), (WeightBasis::Probability, Some(0.9)));
        // No win rate, or no deal at a default: nothing to scale.
        assert_eq!(DefaultScaling::of(open.iter(), None), None);
        assert_eq!(DefaultScaling::of(open[2..].iter(), Some(0.75)), None);
    }
}
