//! The plan's outlook: what the next period is projected to win at the
//! plan's weekly target (open pipeline by stage, leads in hand, new MQLs
//! through the period, each on the conversion by days since MQL), and
//! the range of the weekly target over the recent periods' own
//! conversion curves. Definitions: docs/metrics.md, *Plan*.

use super::cohort::{self, Entry};
use super::plan_weights::{self, DefaultScaling};
use crate::model::{Deal, Function, Outcome, Period, Stamp, WeightBasis};
use serde::Serialize;
use std::collections::BTreeMap;

/// A recent period is used for the range only when at least this share of
/// its MQLs has been seen for the whole lag horizon: a younger cohort's
/// curve at the horizon rests on a few MQLs and swings widely.
pub const MATURE_SHARE: f64 = 0.9;

/// A period in which more than this share of the MQLs went untouched
/// through the drop window shows the conversion of leads sales never
/// reached, not the one the plan's reps and SLA buy: its MQLs are left
/// out of the plan's conversion and of the range.
pub const BROKEN_SHARE: f64 = 0.5;

/// One MQL of the trailing window, seen from the cut-off.
#[derive(Debug, Clone, Copy)]
pub struct TrailingMql {
    pub mql: Stamp,
    /// Days observed and to the win.
    pub entry: Entry,
    /// When it first had a deal (or was won), by the cut-off.
    pub deal: Option<Stamp>,
    /// Not touched within the drop window, which had passed by the
    /// cut-off.
    pub dropped: bool,
}

/// What a recent period's MQLs show besides their curve: how many there
/// are, how many were seen for the whole horizon and how many dropped.
pub struct Cohort {
    pub mqls: usize,
    pub seen: usize,
    pub dropped: usize,
}

impl Cohort {
    /// The cohort of the `trailing` MQLs that became MQL in `period`.
    pub fn of(trailing: &[TrailingMql], period: &Period, horizon: u32) -> Cohort {
        let mut cohort = Cohort {
            mqls: 0,
            seen: 0,
            dropped: 0,
        };
        for m in in_period(trailing, period) {
            cohort.mqls += 1;
            cohort.seen += usize::from(m.entry.observed >= horizon);
            cohort.dropped += usize::from(m.dropped);
        }
        cohort
    }

    /// Share of its MQLs dropped; `None` for none.
    pub fn dropped_share(&self) -> Option<f64> {
        (self.mqls > 0).then(|| self.dropped as f64 / self.mqls as f64)
    }

    /// Whether follow-up broke down: more than [`BROKEN_SHARE`] of its
    /// MQLs dropped.
    pub fn follow_up_broke(&self) -> bool {
        self.dropped_share().is_some_and(|s| s > BROKEN_SHARE)
    }
}

/// The `trailing` MQLs that became MQL in `period`.
pub fn in_period<'a>(
    trailing: &'a [TrailingMql],
    period: &Period,
) -> impl Iterator<Item = &'a TrailingMql> + 'a {
    let holds = holds(period);
    trailing.iter().filter(move |m| holds(m.mql))
}

/// Whether a moment falls in `period`, by comparing moments: a day of
/// each of hundreds of thousands of MQLs would be worked out per call.
pub fn holds(period: &Period) -> impl Fn(Stamp) -> bool + use<> {
    let day_start = |day: chrono::NaiveDate| Stamp::clamped(day.and_time(chrono::NaiveTime::MIN));
    let (from, to) = (
        day_start(period.start),
        day_start(period.end + chrono::Days::new(1)),
    );
    move |at| from <= at && at < to
}

/// The next period's marketing-sourced won revenue projected at the
/// plan's weekly target, in three parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    /// `plan.revenue_from_mqls`: what the three parts are set against.
    pub target: f64,
    /// Open marketing-sourced deals at the period's end expected to close
    /// by the next period's end (or with no close date), each amount times
    /// its stage weight.
    pub from_open_pipeline: f64,
    pub open_deals: u64,
    /// Their amount before weighting: `from_open_pipeline` / this is the
    /// amount-weighted average stage weight.
    pub open_amount: f64,
    /// Won / closed marketing-sourced deals of the trailing four quarters,
    /// to read the stage weights against.
    pub win_rate: Option<f64>,
    /// MQLs without a deal at the period's end, younger than the horizon:
    /// each one's chance of a win in the next period, times the average
    /// won deal.
    pub from_leads_in_hand: f64,
    pub leads_in_hand: u64,
    /// New MQLs at the weekly target through the next period, each day's
    /// weighted by the conversion by the days left in the period.
    pub from_new_mqls: f64,
    /// The sum of the three.
    pub total: f64,
}

/// The weekly target over the recent periods' own conversion curves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Range {
    /// Lowest and highest weekly target of the periods used; `None` when
    /// no recent period was observed long enough.
    pub low_per_week: Option<f64>,
    pub high_per_week: Option<f64>,
    /// Every recent period with MQLs, oldest first, used or not.
    pub periods: Vec<PeriodPlan>,
}

/// Why a recent period's conversion is left out of the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeftOut {
    /// Fewer than [`MATURE_SHARE`] of its MQLs seen for the horizon.
    Young,
    /// More than [`BROKEN_SHARE`] of its MQLs dropped.
    FollowUpBroke,
    /// None of its MQLs won within the horizon.
    NoWin,
}

/// One recent period's conversion and the plan it gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodPlan {
    pub period: String,
    pub mqls: u64,
    /// Share of its MQLs seen for the whole horizon.
    pub observed_share: f64,
    /// Share of its MQLs not touched within the drop window.
    pub dropped_share: f64,
    /// Its curve at the horizon.
    pub conversion: f64,
    /// Why the range does not use it; `None` when it does.
    pub left_out: Option<LeftOut>,
    /// The weekly target at its conversion; `None` when not used.
    pub per_week: Option<f64>,
    /// The projection's total at its conversion (the one target rate).
    pub projected: Option<f64>,
}

/// What the outlook is computed from.
pub struct Outlook<'a> {
    pub trailing: &'a [TrailingMql],
    /// Whole days of the lag horizon.
    pub horizon: u32,
    pub end: Stamp,
    pub next: &'a Period,
    pub average_won_deal: f64,
    pub revenue_from_mqls: f64,
    /// The open pipeline (see [`open_pipeline`]); `None` where an open
    /// deal has no weight.
    pub pipeline: Option<OpenPipeline>,
    pub win_rate: Option<f64>,
    /// The leads in hand's expected wins and count, worked out once:
    /// every period's projection in the range shares them.
    pub in_hand: std::cell::OnceCell<(f64, u64)>,
}

impl Outlook<'_> {
    /// The projection at `per_week` new MQLs converting on `curve`;
    /// leads in hand convert as the trailing MQLs without a deal at the
    /// same age did. `None` where an open deal has no weight (no win rate
    /// to fall back on).
    pub fn projection(&self, curve: &[f64], per_week: f64) -> Option<Projection> {
        let (in_hand, leads) = *self.in_hand.get_or_init(|| self.leads_in_hand());
        let days = self.next.days().max(0) as u32;
        let per_day = per_week / 7.0;
        let new_wins: f64 = (0..days).map(|k| cohort::at(curve, k)).sum::<f64>() * per_day;
        let from_leads_in_hand = in_hand * self.average_won_deal;
        let from_new_mqls = new_wins * self.average_won_deal;
        let open = self.pipeline?;
        let from_open_pipeline = open.weighted;
        Some(Projection {
            target: self.revenue_from_mqls,
            from_open_pipeline,
            open_deals: open.deals,
            open_amount: open.amount,
            win_rate: self.win_rate,
            from_leads_in_hand,
            leads_in_hand: leads,
            from_new_mqls,
            total: from_open_pipeline + from_leads_in_hand + from_new_mqls,
        })
    }

    /// Expected wins in the next period from MQLs without a deal at the
    /// period's end, and how many there are.
    fn leads_in_hand(&self) -> (f64, u64) {
        let days = self.next.days().max(0) as u32;
        let shares = deal_less_win_shares(self.trailing, self.horizon, days);
        let (mut wins, mut leads) = (0.0, 0u64);
        for m in self.trailing.iter().filter(|m| in_hand(m, self.end)) {
            let age = cohort::whole_days(m.mql, self.end).unwrap_or(0);
            if let Some(share) = shares.get(age as usize) {
                leads += 1;
                wins += share;
            }
        }
        (wins, leads)
    }
}

/// Without a deal and not won at `end`.
fn in_hand(m: &TrailingMql, end: Stamp) -> bool {
    m.mql < end && m.deal.is_none_or(|d| d >= end)
}

/// For each age `a` below the horizon: of the `reference` MQLs seen for
/// the whole horizon that had no deal (nor win) by day `a`, the share won
/// after day `a` and by day min(`a` + `days`, horizon). One pass over the
/// MQLs: a win on day `r` of an MQL whose first deal came on day `d`
/// (`d` ≤ `r`) counts for the ages from `r` − `days` to `d` − 1.
pub fn deal_less_win_shares(reference: &[TrailingMql], horizon: u32, days: u32) -> Vec<f64> {
    let h = horizon as usize;
    // By the day of the first deal, `h + 1` for none within the horizon.
    let mut by_deal_day = vec![0u64; h + 2];
    let mut won_from = vec![0i64; h + 2];
    for m in reference.iter().filter(|m| m.entry.observed >= horizon) {
        let deal = m
            .deal
            .and_then(|d| cohort::whole_days(m.mql, d))
            .map_or(h + 1, |d| (d as usize).min(h + 1));
        by_deal_day[deal] += 1;
        if let Some(won) = m.entry.reached.filter(|r| *r <= horizon) {
            let first = won.saturating_sub(days) as usize;
            if first < deal {
                won_from[first] += 1;
                won_from[deal] -= 1;
            }
        }
    }
    let mut like = by_deal_day.iter().sum::<u64>();
    let mut won = 0i64;
    (0..h)
        .map(|age| {
            like -= by_deal_day[age];
            won += won_from[age];
            if like == 0 {
                0.0
            } else {
                won as f64 / like as f64
            }
        })
        .collect()
}

/// The open marketing-sourced pipeline the projection counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct OpenPipeline {
    /// Each amount times its stage weight, summed.
    pub weighted: f64,
    pub amount: f64,
    pub deals: u64,
    /// How HubSpot's default stage weights were scaled to the win rate,
    /// where any deal is weighed by one.
    pub scaling: Option<DefaultScaling>,
}

/// The stage-weighted open marketing-sourced pipeline at `end` expected
/// to close by the end of `next` (or with no close date), and the deals
/// per weight basis; `None` where a deal has no weight.
pub fn open_pipeline(
    deals: &[Deal],
    end: Stamp,
    next: &Period,
    win_rate: Option<f64>,
) -> (Option<OpenPipeline>, BTreeMap<WeightBasis, u64>) {
    let counted = || deals.iter().filter(|d| counts_as_open(d, end, next));
    let scaling = DefaultScaling::of(counted(), win_rate);
    let mut bases = BTreeMap::new();
    let mut open = OpenPipeline {
        scaling,
        ..OpenPipeline::default()
    };
    let mut unweighed = false;
    for deal in counted() {
        let (basis, weight) = plan_weights::weight(deal, win_rate, scaling.as_ref());
        *bases.entry(basis).or_insert(0) += 1;
        open.deals += 1;
        open.amount += deal.amount.as_f64();
        match weight {
            Some(w) => open.weighted += w * deal.amount.as_f64(),
            None => unweighed = true,
        }
    }
    ((!unweighed).then_some(open), bases)
}

/// Marketing-sourced, open at `end`, due by the end of `next` or undated.
fn counts_as_open(deal: &Deal, end: Stamp, next: &Period) -> bool {
    let open_at_end = match deal.outcome {
        Outcome::Open => true,
        Outcome::Won | Outcome::Lost => deal.closed_at.is_some_and(|c| c >= end),
    };
    deal.function == Function::Marketing
        && deal.created_at < end
        && open_at_end
        && deal.closed_at.is_none_or(|c| c.date() <= next.end)
}

/// The plan of each recent period: its own curve at the horizon, the
/// weekly target it gives and the projection at the one target rate.
/// `per_week_at` turns a conversion into a weekly target.
pub fn range(
    outlook: &Outlook,
    periods: &[Period],
    point_per_week: f64,
    per_week_at: impl Fn(f64) -> Option<f64>,
) -> Option<Range> {
    let mut plans = Vec::new();
    for period in periods {
        let own = Cohort::of(outlook.trailing, period, outlook.horizon);
        let entries = in_period(outlook.trailing, period).map(|m| m.entry);
        let Some(curve) = cohort::curve(entries, outlook.horizon) else {
            continue;
        };
        let observed_share = own.seen as f64 / own.mqls as f64;
        let conversion = cohort::at(&curve, outlook.horizon);
        let left_out = if observed_share < MATURE_SHARE {
            Some(LeftOut::Young)
        } else if own.follow_up_broke() {
            Some(LeftOut::FollowUpBroke)
        } else if conversion <= 0.0 {
            Some(LeftOut::NoWin)
        } else {
            None
        };
        let used = left_out.is_none();
        let per_week = per_week_at(conversion).filter(|_| used);
        let projected = used
            .then(|| outlook.projection(&curve, point_per_week))
            .flatten()
            .map(|p| p.total);
        plans.push(PeriodPlan {
            period: period.label.clone(),
            mqls: own.mqls as u64,
            observed_share,
            dropped_share: own.dropped_share().unwrap_or(0.0),
            conversion,
            left_out,
            per_week,
            projected,
        });
    }
    if plans.is_empty() {
        return None;
    }
    let used = plans.iter().filter_map(|p| p.per_week);
    Some(Range {
        low_per_week: used.clone().reduce(f64::min),
        high_per_week: used.reduce(f64::max),
        periods: plans,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn stamp(date: NaiveDate) -> Stamp {
        Stamp::clamped(date.and_hms_opt(0, 0, 0).unwrap())
    }

    fn period(start: NaiveDate, end: NaiveDate, label: &str) -> Period {
        Period {
            start,
            end,
            label: label.into(),
            slug: label.to_lowercase(),
        }
    }

    /// An MQL at `mql`, seen `observed` days, its deal and win `deal` and
    /// `won` days after it.
    fn mql(mql: Stamp, observed: u32, deal: Option<i64>, won: Option<u32>) -> TrailingMql {
        TrailingMql {
            mql,
            entry: Entry {
                observed,
                reached: won,
            },
            deal: deal.map(|d| mql + Duration::days(d)),
            dropped: false,
        }
    }

    #[test]
    fn leads_in_hand_convert_as_mqls_without_a_deal_at_their_age() {
        let t0 = stamp(day(2026, 1, 1));
        let reference = [
            // A deal on day 5, won on day 20.
            mql(t0, 100, Some(5), Some(20)),
            // A deal on day 30, won on day 40.
            mql(t0, 100, Some(30), Some(40)),
            // Never a deal.
            mql(t0, 100, None, None),
            // Seen 30 days only, short of the 50-day horizon: left out.
            mql(t0, 30, None, None),
        ];
        // Horizon 50, next period 40 days.
        let shares = deal_less_win_shares(&reference, 50, 40);
        assert_eq!(shares.len(), 50);
        // Age 0, wins by day 40: all three had no deal; the first won on
        // day 20, the second on day 40: 2 of 3.
        assert!((shares[0] - 2.0 / 3.0).abs() < 1e-12);
        // Age 10, by day 50: the first had its deal on day 5; of the other
        // two, the second won on day 40: 1 of 2.
        assert_eq!(shares[10], 0.5);
        // Age 35: only the one never dealt with is like it, never won.
        assert_eq!(shares[35], 0.0);
        // A shorter next period (10 days) at age 0: wins by day 10 only.
        assert_eq!(deal_less_win_shares(&reference, 50, 10)[0], 0.0);
    }

    #[test]
    fn projection_adds_pipeline_leads_in_hand_and_new_mqls() {
        let end = stamp(day(2026, 4, 1));
        let next = period(day(2026, 4, 1), day(2026, 4, 4), "next");
        let trailing = [
            // In hand at age 1; seen 1 day, too young to teach anything.
            mql(end - Duration::days(1), 1, None, None),
            // A deal and a win on day 2: not in hand; at age 1 it had no
            // deal yet and was won by day 2.
            mql(end - Duration::days(10), 10, Some(2), Some(2)),
            // No deal at age 10, past the 2-day horizon: not counted in
            // hand; like the lead at age 1 and not won.
            mql(end - Duration::days(10), 10, None, None),
        ];
        let outlook = Outlook {
            trailing: &trailing,
            horizon: 2,
            end,
            next: &next,
            average_won_deal: 1000.0,
            revenue_from_mqls: 2000.0,
            pipeline: Some(OpenPipeline {
                weighted: 300.0,
                amount: 1000.0,
                deals: 2,
                scaling: None,
            }),
            win_rate: Some(0.25),
            in_hand: Default::default(),
        };
        // New MQLs: 14 a week = 2 a day over 4 days, converting by the
        // days left: C(3) + C(2) + C(1) + C(0) = 0.2 + 0.2 + 0.1 + 0 = 0.5,
        // x 2 = 1 win = $1,000. In hand: 1 lead at age 1, like 2 of which
        // 1 won by day min(1 + 4, 2) = 2: 0.5 win = $500.
        let p = outlook.projection(&[0.0, 0.1, 0.2], 14.0).unwrap();
        assert!((p.from_new_mqls - 1000.0).abs() < 1e-9);
        assert_eq!(p.from_leads_in_hand, 500.0);
        assert_eq!(p.leads_in_hand, 1);
        assert_eq!(p.from_open_pipeline, 300.0);
        assert!((p.total - 1800.0).abs() < 1e-9);
        let unweighed = Outlook {
            pipeline: None,
            in_hand: Default::default(),
            ..outlook
        };
        assert!(unweighed.projection(&[0.0, 0.1, 0.2], 14.0).is_none());
    }

    #[test]
    fn range_uses_periods_seen_long_enough_with_follow_up_working() {
        let end = stamp(day(2026, 7, 1));
        let next = period(day(2026, 7, 1), day(2026, 9, 30), "Q3");
        let q1 = period(day(2026, 1, 1), day(2026, 3, 31), "Q1");
        let q2 = period(day(2026, 4, 1), day(2026, 6, 30), "Q2");
        let jan = stamp(day(2026, 1, 10));
        let may = stamp(day(2026, 5, 10));
        let mut trailing = vec![
            // Q1: 4 MQLs seen 100 days, 1 won on day 3: 25%.
            mql(jan, 100, Some(3), Some(3)),
            mql(jan, 100, None, None),
            mql(jan, 100, None, None),
            mql(jan, 100, None, None),
        ];
        // Q2: seen 50 days, short of the 60-day horizon.
        trailing.push(mql(may, 50, Some(1), Some(1)));
        trailing.push(mql(may, 50, None, None));
        let outlook = Outlook {
            trailing: &trailing,
            horizon: 60,
            end,
            next: &next,
            average_won_deal: 1000.0,
            revenue_from_mqls: 2000.0,
            pipeline: Some(OpenPipeline::default()),
            win_rate: None,
            in_hand: Default::default(),
        };
        let per_week_at = |c: f64| Some(10.0 / c);
        let r = range(&outlook, &[q1.clone(), q2.clone()], 40.0, per_week_at).unwrap();
        assert_eq!(r.low_per_week, Some(40.0));
        assert_eq!(r.high_per_week, Some(40.0));
        assert_eq!(r.periods[0].left_out, None);
        assert_eq!(r.periods[0].conversion, 0.25);
        assert_eq!(r.periods[1].left_out, Some(LeftOut::Young));
        assert_eq!(r.periods[1].observed_share, 0.0);
        // Three of Q1's four MQLs dropped: its follow-up broke down.
        let mut dropped = trailing.clone();
        for m in &mut dropped[1..4] {
            m.dropped = true;
        }
        let broke = Outlook {
            trailing: &dropped,
            in_hand: Default::default(),
            ..outlook
        };
        let r = range(&broke, &[q1, q2], 40.0, per_week_at).unwrap();
        assert_eq!(r.periods[0].left_out, Some(LeftOut::FollowUpBroke));
        assert_eq!(r.periods[0].dropped_share, 0.75);
        assert_eq!(r.low_per_week, None);
    }
}
