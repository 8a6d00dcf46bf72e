//! Properties: whatever commands arrive, the fold's counts equal a naive recount from the
//! raw events (a model written apart from the fold, below), and the meeting read back from
//! journals written to disk by the real writer equals the live state.

use crate::common;

use common::Sim;
use huiwu::core::agenda::Role;
use huiwu::core::command::Command;
use huiwu::core::event::{LinkState, SetStatus};
use huiwu::core::meeting::{CountsSource, Status};
use proptest::prelude::*;

mod model {
    //! A naive recount of attendance from the raw events, written apart from the fold and
    //! as plainly as possible: sort the events in fold order, drop the undone ones, replay
    //! each person's changes from nothing, count. No incremental state, no chains, no
    //! refolding; it shares no code with `Meeting` but the event types.

    use std::collections::{BTreeMap, BTreeSet};

    use huiwu::core::agenda::{Agenda, Role, SignInMode};
    use huiwu::core::event::{Event, EventKind, SetStatus};
    use huiwu::core::meeting::{Counts, Status};

    /// What one person's recorded changes come to.
    #[derive(Default, Debug, Clone)]
    struct Person {
        arrived: bool,
        late: bool,
        left: bool,
        excused: bool,
        stand_in: bool,
    }

    impl Person {
        fn status(&self) -> Status {
            match self {
                Person { stand_in: true, .. } => Status::StandIn,
                Person {
                    arrived: true,
                    left: true,
                    ..
                } => Status::LeftEarly,
                Person {
                    arrived: true,
                    late: true,
                    ..
                } => Status::Late,
                Person { arrived: true, .. } => Status::Present,
                Person { excused: true, .. } => Status::Excused,
                _ => Status::NotArrived,
            }
        }

        /// One change, as docs/journal.md describes each event.
        fn step(&mut self, kind: &EventKind) {
            match kind {
                EventKind::SignedIn { late, .. } => {
                    if !self.arrived {
                        self.arrived = true;
                        self.late = *late;
                        self.left = false;
                    } else if *late {
                        self.late = true;
                    }
                }
                EventKind::WalkedIn(_) => self.arrived = true,
                EventKind::Excused { .. } => self.excused = true,
                EventKind::StandIn { .. } => {
                    self.stand_in = true;
                    self.excused = true;
                }
                EventKind::LeftEarly { .. } => self.left |= self.arrived,
                EventKind::StatusCorrected { to, .. } => {
                    // A correction sets the status outright (an arrival already recorded
                    // keeps its time, which this model does not track).
                    *self = Person::default();
                    match to {
                        SetStatus::NotArrived => {}
                        SetStatus::Present { late } => {
                            self.arrived = true;
                            self.late = *late;
                        }
                        SetStatus::Excused { .. } => self.excused = true,
                        SetStatus::StandIn { .. } => {
                            self.stand_in = true;
                            self.excused = true;
                        }
                        SetStatus::LeftEarly => {
                            self.arrived = true;
                            self.left = true;
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn about(kind: &EventKind) -> Option<&str> {
        match kind {
            EventKind::SignedIn { participant, .. }
            | EventKind::Excused { participant, .. }
            | EventKind::StandIn { participant, .. }
            | EventKind::LeftEarly { participant }
            | EventKind::StatusCorrected { participant, .. } => Some(participant),
            EventKind::WalkedIn(w) => Some(&w.participant),
            _ => None,
        }
    }

    /// Per venue (in agenda order) the counts, and per person id the status.
    pub fn recount(agenda: &Agenda, events: &[Event]) -> (Vec<Counts>, BTreeMap<String, Status>) {
        let mut ordered: Vec<&Event> = events.iter().collect();
        ordered.sort_by(|a, b| a.key().cmp(&b.key()));
        let undone: BTreeSet<&str> = ordered
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Undone { target } => Some(target.as_str()),
                _ => None,
            })
            .collect();
        // Everyone: the roster, then walk-ins whose walk-in was not undone.
        let mut people: Vec<(String, String, Role)> = agenda
            .participants
            .iter()
            .map(|p| (p.id.clone(), p.venue.clone(), p.role))
            .collect();
        for e in &ordered {
            if let EventKind::WalkedIn(w) = &e.kind
                && !undone.contains(e.id.as_str())
            {
                people.push((w.participant.clone(), w.venue.clone(), w.role));
            }
        }
        let mut status = BTreeMap::new();
        for (id, _, _) in &people {
            let mut p = Person::default();
            for e in &ordered {
                if about(&e.kind) == Some(id.as_str()) && !undone.contains(e.id.as_str()) {
                    p.step(&e.kind);
                }
            }
            status.insert(id.clone(), p);
        }
        let mut roll_calls = BTreeMap::new();
        for e in &ordered {
            if let EventKind::RollCallAnswered {
                venue,
                expected,
                present,
                excused,
                ..
            } = &e.kind
            {
                roll_calls.insert(venue.clone(), (*expected, *present, *excused));
            }
        }
        let reported = |(expected, present, excused): (u32, u32, u32)| Counts {
            expected,
            present,
            excused,
            absent: expected.saturating_sub(present + excused),
            ..Counts::default()
        };
        let counts = agenda
            .venues
            .iter()
            .map(|v| {
                let roll_call = roll_calls.get(&v.id).copied();
                if v.sign_in == SignInMode::Headcount {
                    let planned = v.expected.unwrap_or(0);
                    return roll_call.map(reported).unwrap_or(Counts {
                        expected: planned,
                        absent: planned,
                        ..Counts::default()
                    });
                }
                let mut c = Counts::default();
                let mut anyone = false;
                for (id, venue, role) in &people {
                    if *venue != v.id {
                        continue;
                    }
                    let p = &status[id];
                    anyone |= p.status() != Status::NotArrived;
                    if *role != Role::Member {
                        c.observers_present += u32::from(p.arrived || p.stand_in);
                        continue;
                    }
                    c.expected += 1;
                    match p.status() {
                        Status::NotArrived => c.absent += 1,
                        Status::Excused => c.excused += 1,
                        Status::Present => c.present += 1,
                        Status::Late => {
                            c.present += 1;
                            c.late += 1;
                        }
                        Status::LeftEarly => {
                            c.present += 1;
                            c.left_early += 1;
                            c.late += u32::from(p.late);
                        }
                        Status::StandIn => {
                            c.present += 1;
                            c.stand_in += 1;
                        }
                    }
                }
                match roll_call {
                    Some(r) if !anyone => reported(r),
                    _ => c,
                }
            })
            .collect();
        (
            counts,
            status.into_iter().map(|(id, p)| (id, p.status())).collect(),
        )
    }
}

/// The live journal written seat by seat through the real journal writer
/// (`store::journal::Journal`), then read back from disk as `status` reads a meeting.
fn replay_from_disk(sim: &Sim) -> huiwu::core::meeting::Meeting {
    use huiwu::store::journal::{Header, Journal};
    use huiwu::store::layout::seat_journal;
    let dir = tempfile::tempdir().unwrap();
    let id = sim.meeting.agenda.meeting.id.clone();
    let seats: std::collections::BTreeSet<&str> =
        sim.journal.iter().map(|e| e.seat.as_str()).collect();
    for seat in seats {
        let path = seat_journal(dir.path(), &id, seat);
        let header = Header::new(&id, Some(seat), "agenda.json", "00", sim.now);
        let (mut j, read, _) = Journal::open(&path, header).unwrap();
        assert!(read.is_empty());
        let own: Vec<_> = sim
            .journal
            .iter()
            .filter(|e| e.seat == seat)
            .cloned()
            .collect();
        // Appended in a few writes, as a seat appends command by command.
        for chunk in own.chunks(7) {
            j.append(chunk).unwrap();
        }
    }
    let mut events = Vec::new();
    huiwu::store::record::read_meeting(dir.path(), &id, &[], &mut |b| events.extend_from_slice(b))
        .unwrap();
    let events = huiwu::store::record::events_in_order(events);
    assert_eq!(events.len(), sim.journal.len(), "every event came back");
    huiwu::core::meeting::Meeting::replay(sim.meeting.agenda.clone(), &events)
}

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
            // The fold and the naive recount from the raw events agree.
            let (want, statuses) = model::recount(&m.agenda, &sim.journal);
            for (v, c) in want.iter().enumerate() {
                prop_assert_eq!(&m.venue_counts(v), c, "venue {}", &m.agenda.venues[v].id);
            }
            for i in 0..m.people.len() {
                if m.is_withdrawn(i) {
                    continue;
                }
                let id = &m.people[i].id;
                prop_assert_eq!(Some(&m.attendance[i].status()), statuses.get(id), "{}", id);
            }
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
        prop_assert!(replay_from_disk(&sim) == sim.meeting, "the journal read back from disk differs from the live state");
    }
}
