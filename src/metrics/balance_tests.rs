//! Hand-computed fixtures for capacity under load, the lower bound, the
//! queue's age bands and the censored waits; and the calibration of the
//! tilt against simulated teams whose capacity is known.

use super::*;
use crate::config::Sla;
use crate::metrics::capacity::{self, Basis, RepWeek};
use crate::metrics::flow::Inventory;
use crate::metrics::follow_up::{self, FollowUp};
use crate::metrics::queue;
use crate::metrics::window::Window;
use crate::model::{Function, Lead, Period, PeriodKind, Records, Stamp};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

fn at(text: &str) -> Stamp {
    Stamp::new(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()).unwrap()
}

/// An MQL of `owner`, ready at `ready`, first touched at `touch`.
fn mql(id: usize, owner: &str, ready: Stamp, touch: Option<Stamp>) -> Lead {
    let mut lead = Lead::new(
        &id.to_string(),
        ready,
        "Paid Search".into(),
        Function::Marketing,
    );
    lead.owner = Some(owner.into());
    lead.mql_at = Some(ready);
    lead.ready_at = Some(ready);
    lead.first_touch_at = touch;
    lead
}

fn q3(as_of: &str) -> Window {
    let day = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let period = Period::containing(day, PeriodKind::Quarter, 1);
    Window::new(period, at(as_of).at())
}

/// The rep-weeks of `window`, from evidence made for it alone.
fn rep_weeks(follow_ups: &[FollowUp], window: &Window, workable_days: i64) -> Vec<RepWeek> {
    capacity::Daily::of(follow_ups, std::slice::from_ref(window), workable_days).rep_weeks(window)
}

fn records(leads: Vec<Lead>) -> Records {
    Records {
        leads,
        ..Records::default()
    }
}

fn week(owner: &str, touches: u64, loaded: bool) -> RepWeek {
    RepWeek {
        owner: owner.into(),
        week_start: NaiveDate::from_ymd_opt(2026, 7, 6).unwrap(),
        first_touches: touches,
        loaded,
    }
}

/// Ana: 12 MQLs on Friday 3 July, two touched each working day from
/// Monday 6 July: leads wait through every working day of that week
/// (loaded, 10 touches); the last two go on Monday 13 July (2 touches,
/// not loaded). Bo: 3 MQLs on Saturday 4 July, all touched on Monday 6
/// July: waiting on Monday morning after the weekend only (not loaded).
fn ana_and_bo() -> Vec<Lead> {
    let mut leads = Vec::new();
    let days = ["06", "07", "08", "09", "10", "13"];
    for i in 0..12 {
        let touch = at(&format!("2026-07-{} {}:00", days[i / 2], 10 + i % 2));
        leads.push(mql(i, "Ana", at("2026-07-03 09:00"), Some(touch)));
    }
    for i in 0..3 {
        let touch = at(&format!("2026-07-06 1{i}:30"));
        leads.push(mql(20 + i, "Bo", at("2026-07-04 11:00"), Some(touch)));
    }
    leads
}

#[test]
fn a_rep_is_loaded_only_in_weeks_leads_waited_through_every_working_day() {
    let records = records(ana_and_bo());
    let window = q3("2026-10-01 00:00");
    let join = follow_up::join(&records, window.as_of);
    let weeks = rep_weeks(&join.follow_ups, &window, 30);
    let seen: Vec<(&str, String, u64, bool)> = weeks
        .iter()
        .map(|w| {
            let start = w.week_start.format("%m-%d").to_string();
            (&*w.owner, start, w.first_touches, w.loaded)
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Ana", "07-06".into(), 10, true),
            ("Ana", "07-13".into(), 2, false),
            ("Bo", "07-06".into(), 3, false),
        ]
    );
    // One loaded rep-week is too little evidence: the p90 of the three
    // rep-weeks [2, 3, 10] is a lower bound, at position 1.8: 3 + 0.8 * 7.
    let per_rep = capacity::per_rep(&weeks, None).unwrap();
    assert_eq!(per_rep.basis, Basis::LowerBound);
    assert!((per_rep.per_week - 8.6).abs() < 1e-9);
    assert_eq!(per_rep.loaded_rep_weeks, 1);
}

/// The evidence is made once for every period: each period reads its
/// own trailing four quarters from it. Q3 2026 sees Ana's and Bo's weeks
/// of July 2026 as above; Q3 2027's four quarters start on 2 October
/// 2026, after them.
#[test]
fn one_evidence_serves_every_period_with_its_own_trailing_quarters() {
    let records = records(ana_and_bo());
    let q3_2026 = q3("2027-10-01 00:00");
    let day = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
    let period = Period::containing(day, PeriodKind::Quarter, 1);
    let q3_2027 = Window::new(period, at("2027-10-01 00:00").at());
    let join = follow_up::join(&records, q3_2027.as_of);
    let windows = [q3_2026.clone(), q3_2027.clone()];
    let daily = capacity::Daily::of(&join.follow_ups, &windows, 30);
    let seen: Vec<(String, u64, bool)> = daily
        .rep_weeks(&q3_2026)
        .iter()
        .map(|w| (w.owner.clone(), w.first_touches, w.loaded))
        .collect();
    assert_eq!(
        seen,
        [
            ("Ana".to_string(), 10, true),
            ("Ana".to_string(), 2, false),
            ("Bo".to_string(), 3, false),
        ]
    );
    assert_eq!(daily.rep_weeks(&q3_2027), []);
}

#[test]
fn a_lead_older_than_the_workable_age_no_longer_loads_its_rep() {
    // Never touched: waiting from 4 July through 4 August at 30 days,
    // only through 8 July at 4.
    let mut leads = vec![mql(1, "Ana", at("2026-07-03 09:00"), None)];
    leads.push(mql(
        2,
        "Ana",
        at("2026-07-20 09:00"),
        Some(at("2026-07-20 10:00")),
    ));
    leads.push(mql(
        3,
        "Ana",
        at("2026-07-06 09:00"),
        Some(at("2026-07-06 10:00")),
    ));
    let records = records(leads);
    let window = q3("2026-10-01 00:00");
    let join = follow_up::join(&records, window.as_of);
    let loaded = |days| {
        rep_weeks(&join.follow_ups, &window, days)
            .iter()
            .map(|w| w.loaded)
            .collect::<Vec<_>>()
    };
    assert_eq!(loaded(30), [true, true]);
    assert_eq!(loaded(4), [false, false]);
}

/// The reviews read a lead's workable age from `[capacity]
/// workable_days`, as the queue does, not from `[sla] drop_after_days`:
/// Ana's lead of Friday 3 July, never touched, waits through 4 July to 2
/// August at the default 30 days and loads her weeks of 6 and 20 July
/// whatever the drop window (7 days would end its wait on Friday 10 July,
/// 30 on 2 August); at 4 workable days it waits through 7 July only and
/// loads neither, even with a 30-day drop window.
#[test]
fn the_reviews_take_the_workable_age_from_the_capacity_setting() {
    let leads = vec![
        mql(1, "Ana", at("2026-07-03 09:00"), None),
        mql(
            2,
            "Ana",
            at("2026-07-20 09:00"),
            Some(at("2026-07-20 10:00")),
        ),
        mql(
            3,
            "Ana",
            at("2026-07-06 09:00"),
            Some(at("2026-07-06 10:00")),
        ),
    ];
    let records = records(leads);
    let loaded = |workable_days: i64, drop_after_days: i64| {
        let defaults = crate::config::Settings::default();
        let settings = crate::config::Settings {
            as_of: Some(at("2026-10-01 00:00").at()),
            workable_days,
            sla: Sla {
                drop_after_days,
                ..defaults.sla
            },
            ..defaults
        };
        let mut steps = crate::timings::Timings::default();
        let reviews = crate::metrics::compute(&records, Default::default(), &settings, &mut steps);
        let q3 = reviews
            .iter()
            .find(|r| r.period.label == "2026-Q3")
            .unwrap();
        q3.balance
            .rep_weeks
            .iter()
            .map(|w| w.loaded)
            .collect::<Vec<_>>()
    };
    assert_eq!(loaded(30, 7), [true, true]);
    assert_eq!(loaded(4, 30), [false, false]);
}

#[test]
fn capacity_is_the_median_of_loaded_rep_weeks_once_there_are_four() {
    let weeks = [
        week("Ana", 9, true),
        week("Ana", 12, true),
        week("Bo", 10, true),
        week("Bo", 11, true),
        week("Bo", 30, false),
    ];
    let per_rep = capacity::per_rep(&weeks, None).unwrap();
    assert_eq!(per_rep.basis, Basis::UnderLoad);
    assert_eq!(per_rep.per_week, 10.5);
    assert_eq!(per_rep.loaded_rep_weeks, 4);
    let set = capacity::per_rep(&weeks, Some(7.0)).unwrap();
    assert_eq!((set.per_week, set.basis), (7.0, Basis::Setting));
    assert_eq!(capacity::per_rep(&[], None), None);
}

#[test]
fn a_lower_bound_gives_only_the_verdict_it_supports() {
    let bound = Some(Basis::LowerBound);
    assert_eq!(supported_verdict(-0.5, bound), Some(Verdict::SalesHeavy));
    assert_eq!(supported_verdict(-0.1, bound), None);
    assert_eq!(supported_verdict(0.6, bound), None);
    let load = Some(Basis::UnderLoad);
    assert_eq!(supported_verdict(0.6, load), Some(Verdict::MarketingHeavy));
}

#[test]
fn the_queue_holds_untouched_leads_of_every_age_in_bands_per_rep() {
    let end = at("2026-10-01 00:00");
    let leads = vec![
        mql(1, "Ana", at("2026-09-30 12:00"), None), // 0.5 days
        mql(2, "Ana", at("2026-09-28 00:00"), None), // 3 days
        mql(3, "Bo", at("2026-09-10 00:00"), None),  // 21 days
        mql(4, "Bo", at("2026-08-01 00:00"), None),  // 61 days
        mql(5, "Bo", at("2026-05-01 00:00"), None),  // 153 days
        mql(
            6,
            "Bo",
            at("2026-09-29 00:00"),
            Some(at("2026-09-29 09:00")),
        ),
        mql(
            7,
            "Ana",
            at("2026-09-29 00:00"),
            Some(at("2026-10-01 09:00")),
        ),
    ];
    let records = records(leads);
    let join = follow_up::join(&records, at("2026-10-02 00:00").at());
    let shown = Default::default();
    // Lead 7 is touched only after the end: still queued (1-7 days).
    let q = queue::queue(&join.follow_ups, end, 30, 2.0, &shown);
    assert_eq!(q.ages.counts(), [1, 2, 1, 1, 1]);
    assert_eq!(q.ages.total, 6);
    // Workable: no older than 30 days, leads 1, 2, 3 and 7; 4 / 2 a week.
    assert_eq!(q.workable, 4);
    assert_eq!(q.weeks_in_hand, Some(2.0));
    let reps: Vec<(&str, [u64; 5])> = q
        .by_rep
        .iter()
        .map(|r| (&*r.rep, r.ages.counts()))
        .collect();
    assert_eq!(reps, [("Ana", [1, 2, 0, 0, 0]), ("Bo", [0, 0, 1, 1, 1])]);
}

#[test]
fn waits_count_the_untouched_as_still_waiting_at_the_cut_off() {
    // Touched after 1 h and 3 h; untouched since 48 h and 100 h before
    // the cut-off. Median of [1, 3, 48, 100] = 25.5 h, a lower bound
    // (an untouched lead's 48 h is below it); touched only: 2 h.
    let cut_off = at("2026-09-30 12:00");
    let h = |n: i64| cut_off - Duration::hours(n);
    let leads = vec![
        mql(1, "Ana", h(300), Some(h(299))),
        mql(2, "Ana", h(200), Some(h(197))),
        mql(3, "Ana", h(48), None),
        mql(4, "Ana", h(100), None),
    ];
    let records = records(leads);
    let window = q3("2026-09-30 12:00");
    let join = follow_up::join(&records, window.as_of);
    let sla = Sla {
        first_touch_hours: 24.0,
        drop_after_days: 7,
        within_share: 0.9,
    };
    let s = crate::metrics::speed::speed(&join.follow_ups, &join.stages, &window, &sla, false);
    assert_eq!(s.median_hours, Some(25.5));
    assert!(s.median_at_least);
    assert_eq!(s.median_hours_touched, Some(2.0));
    assert_eq!(s.censored, 2);
    // p90 at position 2.7: 48 + 0.7 * 52.
    assert!((s.p90_hours.unwrap() - 84.4).abs() < 1e-9);
}

/// A simulated team: `reps` reps who each make exactly `per_rep` first
/// touches a week, evenly over Monday to Friday 9:00-17:00, always to the
/// oldest lead waiting for them; MQLs arrive every day at `load` times the
/// team's capacity, at pseudo-random moments, round-robin to the reps.
/// Returns the leads from 2026-01-05 to the end of Q3.
fn simulate(reps: usize, per_rep: u32, load: f64, seed: u64) -> Vec<Lead> {
    let start = at("2026-01-05 00:00");
    let weeks = 39;
    let per_week = load * (reps as u32 * per_rep) as f64;
    let total = (per_week * weeks as f64).round() as usize;
    let span = (weeks * 7 * 86_400) as f64;
    let mut state = seed | 1;
    let mut random = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut arrivals: Vec<i64> = (0..total).map(|_| (random() * span) as i64).collect();
    arrivals.sort_unstable();
    let mut queues: Vec<Vec<(usize, Stamp)>> = vec![Vec::new(); reps];
    let mut leads: Vec<Lead> = Vec::new();
    for (i, second) in arrivals.into_iter().enumerate() {
        let ready = start + Duration::seconds(second);
        let owner = format!("Rep {}", i % reps);
        leads.push(mql(i, &owner, ready, None));
        queues[i % reps].push((i, ready));
    }
    let slot_gap = 5.0 * 8.0 * 3600.0 / per_rep as f64;
    for (rep, queue) in queues.iter().enumerate() {
        let mut next = 0;
        for w in 0..weeks {
            for k in 0..per_rep {
                let offset = k as f64 * slot_gap;
                let day = (offset / (8.0 * 3600.0)) as i64;
                let within = offset as i64 - day * 8 * 3600;
                let slot = start
                    + Duration::days(w * 7 + day)
                    + Duration::hours(9)
                    + Duration::seconds(within + rep as i64);
                if let Some((lead, ready)) = queue.get(next)
                    && *ready <= slot
                {
                    leads[*lead].first_touch_at = Some(slot);
                    next += 1;
                }
            }
        }
    }
    leads
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Under-, exactly and over-loaded teams: where capacity was observed
    /// under load, the tilt is within 0.15 of the truth and on its side;
    /// where it is a lower bound, the tilt is at least the truth and any
    /// verdict given is the true one.
    #[test]
    fn the_tilt_is_calibrated_on_simulated_teams(
        reps in 1usize..=5,
        per_rep in 5u32..=20,
        load in prop_oneof![Just(0.5), Just(1.0), Just(1.5), 0.3f64..2.0],
        seed in any::<u64>(),
    ) {
        let records = records(simulate(reps, per_rep, load, seed));
        let window = q3("2026-10-01 00:00");
        let join = follow_up::join(&records, window.as_of);
        let f: Vec<FollowUp> = join.follow_ups;
        let supply = f.iter().filter(|f| window.contains(f.ready)).count() as u64;
        let (b, _) = balance(&f, &window, Inputs {
            supply: Supply { leads: supply, basis: crate::model::ReadyBasis::Mql },
            setting: None,
            rep_weeks: rep_weeks(&f, &window, 30),
            inventory: Inventory::default(),
            queue: Default::default(),
        });
        let truth = (supply as f64 / window.observed_weeks() / (reps as f64 * per_rep as f64)).log2();
        let tilt = b.tilt.unwrap();
        match b.capacity_basis.unwrap() {
            Basis::UnderLoad => {
                prop_assert!((tilt - truth).abs() <= 0.15, "tilt {tilt} truth {truth}");
                if truth.abs() > 0.15 {
                    prop_assert_eq!(tilt.signum(), truth.signum());
                }
            }
            Basis::LowerBound => {
                prop_assert!(tilt >= truth - 1e-9, "bound {tilt} below truth {truth}");
                if let Some(v) = b.verdict {
                    prop_assert_eq!(v, Verdict::of(truth));
                }
            }
            Basis::Setting => prop_assert!(false, "no setting was given"),
        }
        if load >= 1.2 {
            prop_assert_eq!(b.capacity_basis, Some(Basis::UnderLoad));
        }
    }
}

#[test]
fn verdict_band_edges_are_balanced() {
    assert_eq!(Verdict::of(0.0), Verdict::Balanced);
    assert_eq!(Verdict::of(BALANCED_BAND), Verdict::Balanced);
    assert_eq!(Verdict::of(-BALANCED_BAND), Verdict::Balanced);
    assert_eq!(Verdict::of(0.2501), Verdict::MarketingHeavy);
    assert_eq!(Verdict::of(-0.2501), Verdict::SalesHeavy);
    assert_eq!(Verdict::of(f64::INFINITY), Verdict::MarketingHeavy);
}

#[test]
fn verdict_serialises_as_before() {
    let words = [
        Verdict::MarketingHeavy,
        Verdict::Balanced,
        Verdict::SalesHeavy,
    ]
    .map(|v| serde_json::to_string(&v).unwrap());
    assert_eq!(
        words,
        ["\"marketing-heavy\"", "\"balanced\"", "\"sales-heavy\""]
    );
}
