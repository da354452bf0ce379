use super::*;

fn e(observed: u32, reached: Option<u32>) -> Entry {
    Entry { observed, reached }
}

#[test]
fn young_mqls_count_only_for_the_days_they_were_seen() {
    // A won on day 2, B never, C seen 3 days only, D won on day 5.
    // Day 2: 4 at risk, 1 won: 3/4 not yet won. Day 5: B and D at risk
    // (A won, C left after day 3), 1 won: 3/4 x 1/2 = 3/8 not won.
    let cohort = [e(10, Some(2)), e(10, None), e(3, None), e(10, Some(5))];
    let c = curve(cohort, 6).unwrap();
    assert_eq!(c[0], 0.0);
    assert_eq!(c[1], 0.0);
    assert_eq!(c[2], 0.25);
    assert_eq!(c[4], 0.25);
    assert_eq!(c[5], 0.625);
    assert_eq!(c[6], 0.625);
}

#[test]
fn a_stage_reached_past_the_horizon_is_not_counted() {
    let cohort = [e(100, Some(50)), e(100, None)];
    let c = curve(cohort, 40).unwrap();
    assert_eq!(c.len(), 41);
    assert_eq!(c[40], 0.0);
    assert_eq!(at(&c, 90), 0.0);
    assert!(curve([], 10).is_none());
}

#[test]
fn a_fully_observed_cohort_is_the_plain_share() {
    let cohort = [e(20, Some(0)), e(20, Some(10)), e(20, None), e(20, None)];
    let c = curve(cohort, 20).unwrap();
    assert_eq!(c[0], 0.25);
    assert!((c[10] - 0.5).abs() < 1e-12);
    assert!((at(&c, 30) - 0.5).abs() < 1e-12);
}

use chrono::NaiveDate;

fn jan(day: u32, hour: u32) -> Stamp {
    let date = NaiveDate::from_ymd_opt(2026, 1, day).expect("a January day");
    Stamp::new(date.and_hms_opt(hour, 0, 0).expect("an hour")).expect("in range")
}

/// Four MQLs, the cut-off on 11 January at noon:
/// - A, MQL 1 Jan noon, reached 3 Jan 6:00 (42 h: by day 2), observed 10 days;
/// - B, MQL 1 Jan noon, never reached, observed 10 days;
/// - C, MQL 6 Jan noon, reached 6 Jan 15:00 (3 h: by day 1), observed 5 days;
/// - D, MQL 9 Jan 18:00, reached 9 Jan 10:00 (stamped before: day 0),
///   observed 1 day (1 day 18 h, whole days only).
fn members() -> Vec<(Stamp, Option<Stamp>)> {
    vec![
        (jan(1, 12), Some(jan(3, 6))),
        (jan(1, 12), None),
        (jan(6, 12), Some(jan(6, 15))),
        (jan(9, 18), Some(jan(9, 10))),
    ]
}

/// (day, observed, reached) of `members` seen at `cut_off`, to `days`.
fn rows(members: Vec<(Stamp, Option<Stamp>)>, cut_off: Stamp, days: u32) -> Vec<(u32, u64, u64)> {
    let entries = members
        .into_iter()
        .filter_map(|(mql, reached)| Entry::of(mql, reached, cut_off));
    counts(entries, days)
        .into_iter()
        .enumerate()
        .map(|(d, (observed, reached))| (d as u32, observed, reached))
        .collect()
}

#[test]
fn each_member_counts_only_on_the_days_it_was_observed() {
    assert_eq!(
        rows(members(), jan(11, 12), 12),
        [
            (0, 4, 1),  // D, reached before its MQL stamp
            (1, 4, 2),  // and C within 3 h
            (2, 3, 2),  // D no longer observed; A reached (42 h)
            (3, 3, 2),  // A and C of A, B, C
            (4, 3, 2),  //
            (5, 3, 2),  // C observed 5 whole days
            (6, 2, 1),  // A and B only: A reached
            (7, 2, 1),  //
            (8, 2, 1),  //
            (9, 2, 1),  //
            (10, 2, 1), // A and B observed 10 days
            (11, 0, 0), // nobody observed that long
            (12, 0, 0),
        ]
    );
}

#[test]
fn the_share_counts_young_mqls_for_the_days_they_were_seen() {
    let entries = || {
        members()
            .into_iter()
            .filter_map(|(mql, reached)| Entry::of(mql, reached, jan(11, 12)))
    };
    let shares = curve(entries(), 12).unwrap();
    // Day 0: D reached, of 4. Day 1: C, of the 3 not yet reached (A, B, C).
    // Day 2: A, of A and B: 1 − 3/4 × 2/3 × 1/2 = 3/4.
    assert_eq!(shares[0], 0.25);
    assert!((shares[1] - 0.5).abs() < 1e-12);
    assert!((shares[2] - 0.75).abs() < 1e-12);
    // The plain share of those seen two days is 2 of 3 (A, C of A, B, C):
    // it leaves out D, seen one day only, though D had reached the stage.
    assert_eq!(rows(members(), jan(11, 12), 2)[2], (2, 3, 2));
}

#[test]
fn later_starts_are_not_counted() {
    let mut all = members();
    // Became MQL after the cut-off: not part of what was seen.
    all.push((jan(20, 12), Some(jan(21, 12))));
    assert_eq!(
        rows(all, jan(11, 12), 3),
        [(0, 4, 1), (1, 4, 2), (2, 3, 2), (3, 3, 2)]
    );
}

#[test]
fn a_lag_of_30_hours_is_reached_within_two_days() {
    let e = Entry::of(jan(1, 0), Some(jan(2, 6)), jan(10, 0)).unwrap();
    assert_eq!(
        e,
        Entry {
            observed: 9,
            reached: Some(2)
        }
    );
    let before = Entry::of(jan(2, 0), Some(jan(1, 0)), jan(10, 0)).unwrap();
    assert_eq!(before.reached, Some(0));
}
