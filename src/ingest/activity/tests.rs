//! The touch fold's tests: hand-checked figures, and the same figures
//! whatever the order of the rows.

use super::*;
use crate::model::{Deal, Function, Lead, Money, TouchKind};
use proptest::prelude::{Just, Strategy, prop};

fn at(text: &str) -> Stamp {
    Stamp::new(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()).unwrap()
}

fn lead(id: &str, ready: Option<&str>) -> Lead {
    let created = at("2026-07-01 08:00");
    Lead {
        ready_at: ready.map(at),
        ..Lead::new(id, created, "Paid Search".into(), Function::Marketing)
    }
}

fn won_deal(lead_ids: &[&str], closed: &str) -> Deal {
    Deal {
        id: format!("D-{}", lead_ids.join("-")).into(),
        created_at: at("2026-07-02 08:00"),
        closed_at: Some(at(closed)),
        outcome: Outcome::Won,
        amount: Money::ZERO,
        source: "".into(),
        function: Function::Sales,
        owner: None,
        lead_ids: lead_ids.iter().map(|&id| id.into()).collect(),
        weight: None,
    }
}

fn touch(lead_id: &str, when: &str, owner: Option<&str>) -> Touch {
    Touch {
        lead_id: lead_id.into(),
        at: at(when),
        kind: TouchKind::Call,
        owner: owner.map(Text::from),
    }
}

fn records() -> Records {
    Records {
        leads: vec![
            lead("L1", Some("2026-07-01 09:00")),
            lead("L2", Some("2026-07-01 09:00")),
            lead("L3", None),
        ],
        deals: vec![won_deal(&["L1", "GONE"], "2026-07-10 12:00")],
        ..Records::default()
    }
}

/// Folds `touches`, split into files at `split`, each file folded on
/// its own and the files merged in the given order.
fn fold(records: &Records, touches: &[Touch], as_of: Option<&str>, files: &[usize]) -> Activity {
    let targets = Targets::new(records, as_of.map(|t| at(t).at()), None);
    let mut bounds = vec![0];
    bounds.extend(files.iter().copied());
    bounds.push(touches.len());
    let mut parts: Vec<Activity> = bounds
        .windows(2)
        .map(|w| {
            let mut fold = Fold::new(&targets);
            let mut file = Records {
                touches: touches[w[0]..w[1]].to_vec(),
                ..Records::default()
            };
            fold.take(&mut file);
            fold.finish()
        })
        .collect();
    let mut all = parts.remove(0);
    for part in parts {
        all.merge(part);
    }
    all
}

fn touches() -> Vec<Touch> {
    vec![
        // Before L1 was ready: not a first touch, but before the close.
        touch("L1", "2026-07-01 08:30", Some("Zoe")),
        touch("L1", "2026-07-02 10:00", Some("Zoe")),
        // A tie: the owner first in name order wins.
        touch("L1", "2026-07-02 10:00", Some("Ann")),
        // Another rep within 14 days of ready, then one after.
        touch("L2", "2026-07-03 10:00", Some("Bo")),
        touch("L2", "2026-07-03 11:00", Some("Bo")),
        touch("L2", "2026-07-20 10:00", Some("Cy")),
        // A lead never ready, and one no lead has but a won deal names.
        touch("L3", "2026-07-04 10:00", None),
        touch("GONE", "2026-07-05 10:00", None),
        // After the close of the won deal, and after the cut-off.
        touch("L1", "2026-07-11 10:00", Some("Ann")),
        touch("L1", "2026-08-01 10:00", Some("Ann")),
    ]
}

#[test]
fn first_touch_since_ready_with_ties_to_the_first_name() {
    let a = fold(&records(), &touches(), Some("2026-07-31 23:59"), &[]);
    let l1 = a.of_lead(0).unwrap();
    assert_eq!(l1.first, Some(at("2026-07-02 10:00")));
    assert_eq!(a.owner(l1.first_owner), Some("Ann"));
    assert!(l1.several_reps, "Zoe and Ann touched L1 within 14 days");
    let l2 = a.of_lead(1).unwrap();
    assert_eq!(l2.first, Some(at("2026-07-03 10:00")));
    assert!(!l2.several_reps, "Cy came after the first 14 days");
    assert_eq!(a.of_lead(2), None, "L3 is not ready for sales");
}

#[test]
fn several_reps_in_the_first_days() {
    let mut touches = touches();
    touches.push(touch("L2", "2026-07-14 10:00", Some("Cy")));
    let a = fold(&records(), &touches, None, &[]);
    assert!(a.of_lead(1).unwrap().several_reps);
}

#[test]
fn touches_per_day_and_per_won_deal_up_to_the_cut_off() {
    let a = fold(&records(), &touches(), Some("2026-07-31 23:59"), &[]);
    assert_eq!(a.touches, 10, "every touch is counted as read");
    assert_eq!(
        a.range,
        Some((at("2026-07-01 08:30"), at("2026-08-01 10:00")))
    );
    assert_eq!(a.per_day.values().sum::<u64>(), 9, "one after the cut-off");
    assert_eq!(a.per_day[&at("2026-07-02 00:00").date()], 2);
    // L1 up to the close: 08:30, 10:00, 10:00; GONE: one.
    assert_eq!(a.of_won_deal(0), 4);
}

#[test]
fn reps_named_only_after_the_cut_off_are_listed() {
    let mut touches = touches();
    touches.push(touch("L2", "2026-08-02 10:00", Some("Dee")));
    let a = fold(&records(), &touches, Some("2026-07-31 23:59"), &[]);
    let owners: Vec<&str> = a.owners.iter().map(|o| &**o).collect();
    assert_eq!(owners, ["Zoe", "Ann", "Bo", "Cy", "Dee"]);
    assert_eq!(a.of_lead(1).unwrap().first, Some(at("2026-07-03 10:00")));
}

#[test]
fn files_merged_in_any_order_fold_alike() {
    let records = records();
    let touches = touches();
    let whole = fold(&records, &touches, None, &[]);
    for split in 0..=touches.len() {
        let mut reversed = touches.clone();
        reversed.reverse();
        for (touches, files) in [(&touches, [split]), (&reversed, [split])] {
            let merged = fold(&records, touches, None, &files);
            assert_eq!(merged.touches, whole.touches);
            assert_eq!(merged.range, whole.range);
            assert_eq!(merged.per_day, whole.per_day);
            assert_eq!(merged.per_won_deal, whole.per_won_deal);
            for lead in 0..records.leads.len() {
                let (m, w) = (merged.of_lead(lead), whole.of_lead(lead));
                assert_eq!(m.map(|l| l.first), w.map(|l| l.first));
                assert_eq!(m.map(|l| l.several_reps), w.map(|l| l.several_reps));
                let name = |a: &Activity, l: Option<&LeadActivity>| {
                    l.and_then(|l| a.owner(l.first_owner)).map(str::to_string)
                };
                assert_eq!(name(&merged, m), name(&whole, w), "split at {split}");
            }
        }
    }
}

#[test]
fn aliases_name_their_lead() {
    let mut records = records();
    records.lead_aliases = vec![
        ("acme deal".into(), "L2".into()),
        ("acme deal".into(), "L1".into()),
    ];
    let a = fold(
        &records,
        &[touch("acme deal", "2026-07-06 10:00", None)],
        None,
        &[],
    );
    assert_eq!(a.of_lead(0), None, "the first lead with the alias wins");
    assert_eq!(a.of_lead(1).unwrap().first, Some(at("2026-07-06 10:00")));
}

/// Every figure of a fold that the metrics read, with owners by name
/// (their ids follow the order they were first seen in).
fn figures(a: &Activity, records: &Records) -> impl PartialEq + std::fmt::Debug + use<> {
    let mut owners: Vec<String> = a.owners.iter().map(|o| o.to_string()).collect();
    owners.sort();
    let per_lead: Vec<_> = (0..records.leads.len())
        .map(|i| {
            a.of_lead(i).map(|l| {
                let owner = a.owner(l.first_owner).map(str::to_string);
                (l.first, owner, l.several_reps)
            })
        })
        .collect();
    let per_deal: Vec<u64> = (0..records.deals.len()).map(|i| a.of_won_deal(i)).collect();
    (
        a.touches,
        a.range,
        a.per_day.clone(),
        owners,
        per_lead,
        per_deal,
    )
}

/// Leads L0..L5 (L5 never ready), won deals on L0 and on an id no lead
/// has, and touches on those, on L6 (unknown) and by four reps or none,
/// over three weeks around the leads' ready times.
fn arbitrary_touches() -> impl Strategy<Value = Vec<Touch>> {
    let one = (0..8usize, 0..21 * 24u32, 0..5usize).prop_map(|(lead, hour, owner)| {
        let lead_id = match lead {
            7 => "GONE".to_string(),
            n => format!("L{n}"),
        };
        let owner = ["Ann", "Bo", "Cy", "Dee"].get(owner).copied();
        Touch {
            owner: owner.map(Text::from),
            ..touch(&lead_id, "2026-07-01 00:00", None)
        }
        .at_hour(hour)
    });
    prop::collection::vec(one, 0..120)
}

impl Touch {
    fn at_hour(self, hour: u32) -> Touch {
        let at =
            Stamp::from_unix_seconds(self.at.at().and_utc().timestamp() + i64::from(hour) * 3600);
        Touch {
            at: at.expect("in range"),
            ..self
        }
    }
}

fn many_records() -> Records {
    let ready = ["2026-07-01 09:00", "2026-07-03 12:00", "2026-07-08 00:00"];
    let mut leads: Vec<Lead> = (0..5)
        .map(|i| lead(&format!("L{i}"), Some(ready[i % 3])))
        .collect();
    leads.push(lead("L5", None));
    Records {
        leads,
        deals: vec![
            won_deal(&["L0", "GONE"], "2026-07-10 12:00"),
            won_deal(&["L0"], "2026-07-15 12:00"),
        ],
        ..Records::default()
    }
}

proptest::proptest! {
    /// Issue 13: the same rows folded contact by contact, by date or
    /// shuffled, in one file or two, give every figure alike.
    #[test]
    fn the_order_of_the_rows_changes_no_figure(
        (touches, shuffled) in arbitrary_touches()
            .prop_flat_map(|t| (Just(t.clone()), Just(t).prop_shuffle())),
        split in 0..120usize,
        as_of in proptest::option::of(0..21 * 24u32),
    ) {
        let records = many_records();
        let as_of = as_of.map(|hour| touch("L0", "2026-07-01 00:00", None).at_hour(hour).at);
        let as_of = as_of.map(|s| s.at().format("%Y-%m-%d %H:%M").to_string());
        let as_of = as_of.as_deref();
        let mut by_contact = touches.clone();
        by_contact.sort_by(|a, b| (&a.lead_id, a.at).cmp(&(&b.lead_id, b.at)));
        let mut by_date = touches.clone();
        by_date.sort_by_key(|t| t.at);
        let split = [split.min(touches.len())];
        let expected = figures(&fold(&records, &by_contact, as_of, &[]), &records);
        for order in [&by_date, &shuffled, &touches] {
            for files in [&[][..], &split[..]] {
                let got = fold(&records, order, as_of, files);
                proptest::prop_assert_eq!(&figures(&got, &records), &expected);
            }
        }
    }
}
