//! Properties: whatever commands arrive, the counts add up and replay equals the live state.

use crate::common;

use common::Sim;
use huiwu::core::agenda::Role;
use huiwu::core::command::Command;
use huiwu::core::event::{LinkState, SetStatus};
use huiwu::core::meeting::{CountsSource, Status};
use proptest::prelude::*;

const PEOPLE: [&str; 7] = ["M1", "M2", "M3", "W1", "W2", "W3", "ghost"];
const VENUES: [&str; 4] = ["main", "wy", "yj", "nowhere"];

fn who() -> impl Strategy<Value = String> {
    prop::sample::select(&PEOPLE[..]).prop_map(String::from)
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        (who(), any::<bool>()).prop_map(|(p, late)| Command::SignIn {
            participant: p,
            late,
            effective_at: None
        }),
        who().prop_map(|p| Command::Excuse {
            participant: p,
            reason: "事假".into()
        }),
        who().prop_map(|p| Command::StandIn {
            participant: p,
            name: "代会人".into(),
            unit: "某单位".into()
        }),
        who().prop_map(|p| Command::LeaveEarly { participant: p }),
        (prop::sample::select(&VENUES[..])).prop_map(|v| Command::WalkIn {
            name: "临时".into(),
            unit: "单位".into(),
            title: String::new(),
            venue: v.into(),
            role: Role::Member
        }),
        (who(), 0..5u8).prop_map(|(p, s)| Command::Correct {
            participant: p,
            to: match s {
                0 => SetStatus::NotArrived,
                1 => SetStatus::Present { late: false },
                2 => SetStatus::Excused {
                    reason: "更正".into()
                },
                3 => SetStatus::StandIn {
                    name: "甲".into(),
                    unit: "乙".into()
                },
                _ => SetStatus::LeftEarly,
            }
        }),
        prop::sample::select(vec!["desk-1", "desk-2"]).prop_map(|s| Command::Undo {
            event: None,
            seat: s.into()
        }),
        (
            prop::sample::select(&VENUES[..]),
            0..50u32,
            0..50u32,
            0..50u32
        )
            .prop_map(|(v, p, e, a)| Command::RollCall {
                venue: v.into(),
                expected: p + e + a,
                present: p,
                excused: e,
                absent: a,
                note: String::new()
            }),
        (
            prop::sample::select(&VENUES[..]),
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(v, a, b)| Command::Link {
                venue: v.into(),
                video: if a { LinkState::Ok } else { LinkState::Failing },
                audio: if b { LinkState::Ok } else { LinkState::Failing },
            }),
        Just(Command::NextItem),
        Just(Command::PrevItem),
        Just(Command::PauseItem),
        Just(Command::ResumeItem),
        Just(Command::EndItem),
        Just(Command::SkipItem { item: None }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn counts_stay_consistent_and_replay_equals_live(
        steps in prop::collection::vec((command(), 0..2usize, 0..120i64), 1..80)
    ) {
        let mut sim = Sim::new();
        for (cmd, seat, secs) in steps {
            sim.seat = format!("desk-{}", seat + 1);
            sim.tick(secs);
            let _ = sim.run(cmd);

            let m = &sim.meeting;
            let mut total = huiwu::core::meeting::Counts::default();
            for v in 0..m.agenda.venues.len() {
                let c = m.venue_counts(v);
                prop_assert_eq!(c.expected, c.present + c.excused + c.absent);
                prop_assert!(c.late <= c.present);
                prop_assert!(c.stand_in <= c.present);
                total.add(&c);
            }
            prop_assert_eq!(total, m.total_counts());
            // The status column and the counts tell the same story for roster venues
            // counted by sign-in (a roster venue nobody signed in here shows the figures
            // its roll call reported instead).
            let by_sign_in: Vec<usize> = (0..2)
                .filter(|&v| m.counts_source(v) != CountsSource::RollCall)
                .collect();
            let present = (0..m.people.len())
                .filter(|&i| m.people[i].role == Role::Member)
                .filter(|&i| by_sign_in.iter().any(|&v| m.agenda.venues[v].id == m.people[i].venue))
                .filter(|&i| !matches!(m.attendance[i].status(), Status::NotArrived | Status::Excused))
                .count() as u32;
            let roster_present: u32 = by_sign_in.iter().map(|&v| m.venue_counts(v).present).sum();
            prop_assert_eq!(present, roster_present);
            // At most one item runs.
            let running = m.items.iter().filter(|s| s.status == huiwu::core::meeting::ItemStatus::Running).count();
            prop_assert!(running <= 1);
        }
        sim.assert_replay_matches();
    }
}
