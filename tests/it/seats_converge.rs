//! Many seats, one meeting: random commands executed by 2 to 8 seats, each deciding on
//! what it has seen so far, with clocks minutes apart, random partial merges between
//! them in random orders; once every seat has every event, every seat's meeting is the
//! same as the fold of all events in any order, and as the meeting read back from the
//! seats' journals on disk (the whole fold is compared, not only the counts). Nothing is
//! lost (every event recorded anywhere is folded) and nothing doubled (each once).

use crate::common;

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use huiwu::core::agenda::{Agenda, Role};
use huiwu::core::command::{Command, decide};
use huiwu::core::event::{ActionFields, Event, Hlc, LinkState, SetStatus, SpeakerFields};
use huiwu::core::meeting::Meeting;
use huiwu::core::speech_command::SpeechCommand;
use huiwu::core::stamp::Stamper;
use proptest::prelude::*;

/// One seat: what it has folded, and its own journal.
struct Seat {
    name: String,
    m: Meeting,
    own: Vec<Event>,
    /// How far its clock is off.
    skew: Duration,
}

/// What a step does: a command at one seat, or a merge from one seat into another.
#[derive(Debug, Clone)]
enum Step {
    Run {
        seat: usize,
        cmd: u8,
        x: u8,
        y: u8,
    },
    /// Seat `to` takes `from`'s journal up to a point (a copy carried on a USB stick).
    Prefix {
        from: usize,
        to: usize,
        cut: u8,
    },
    /// Seat `to` takes a random part of everything `from` knows, in a random order.
    Some {
        from: usize,
        to: usize,
        seed: u64,
    },
    Tick(u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0..8usize, any::<u8>(), any::<u8>(), any::<u8>())
            .prop_map(|(seat, cmd, x, y)| Step::Run { seat, cmd, x, y }),
        2 => (0..8usize, 0..8usize, any::<u8>()).prop_map(|(from, to, cut)| Step::Prefix { from, to, cut }),
        1 => (0..8usize, 0..8usize, any::<u64>()).prop_map(|(from, to, seed)| Step::Some { from, to, seed }),
        1 => (1..600u16).prop_map(Step::Tick),
    ]
}

const PEOPLE: [&str; 6] = ["M1", "M2", "M3", "W1", "W2", "W3"];
const VENUES: [&str; 3] = ["main", "wy", "yj"];

/// A command from a seat's point of view (ids it can see).
fn command(m: &Meeting, seat: &str, cmd: u8, x: u8, y: u8) -> Command {
    let person = || {
        let n = m.people.len();
        m.people[x as usize % n].id.clone()
    };
    let note = || {
        m.notes
            .get(x as usize % m.notes.len().max(1))
            .map(|n| n.id.clone())
    };
    let action = || {
        m.actions
            .get(x as usize % m.actions.len().max(1))
            .map(|a| a.id.clone())
    };
    match cmd % 20 {
        0..=3 => Command::SignIn {
            participant: person(),
            late: y.is_multiple_of(5),
            effective_at: None,
        },
        4 => Command::Excuse {
            participant: person(),
            reason: format!("事假{y}"),
        },
        5 => Command::StandIn {
            participant: person(),
            name: "代会人".into(),
            unit: "某单位".into(),
        },
        6 => Command::LeaveEarly {
            participant: person(),
        },
        7 => Command::Correct {
            participant: person(),
            to: match y % 4 {
                0 => SetStatus::NotArrived,
                1 => SetStatus::Present { late: true },
                2 => SetStatus::Excused {
                    reason: "更正".into(),
                },
                _ => SetStatus::LeftEarly,
            },
        },
        8 => Command::Undo {
            event: None,
            seat: seat.to_string(),
        },
        9 => Command::WalkIn {
            name: format!("临时{y}"),
            unit: String::new(),
            title: String::new(),
            venue: VENUES[y as usize % 2].into(),
            role: Role::Member,
        },
        10 => Command::RollCall {
            venue: VENUES[x as usize % 3].into(),
            expected: 40,
            present: (y % 40) as u32,
            excused: 0,
            absent: 40 - (y % 40) as u32,
            note: String::new(),
        },
        11 => Command::Link {
            venue: VENUES[x as usize % 3].into(),
            video: if y.is_multiple_of(2) {
                LinkState::Ok
            } else {
                LinkState::Failing
            },
            audio: LinkState::Ok,
        },
        12 if y.is_multiple_of(2) => Command::NextItem,
        // Speakers added, called, stopped, moved and skipped by any seat.
        12 => Command::Speech(speech(m, x, y)),
        13 => match y % 3 {
            0 => Command::PauseItem,
            1 => Command::ResumeItem,
            _ => Command::EndItem,
        },
        14 => Command::AddNote {
            item: None,
            text: format!("记录{y}"),
            decision: y.is_multiple_of(2),
        },
        15 => match note() {
            Some(n) if y.is_multiple_of(3) => Command::DeleteNote { note: n },
            Some(n) => Command::EditNote {
                note: n,
                text: format!("改{y}"),
                decision: y % 2 == 1,
            },
            None => Command::NextItem,
        },
        16 => Command::AddAction {
            fields: ActionFields {
                text: Some(format!("任务{y}")),
                ..Default::default()
            },
        },
        17 => match action() {
            Some(a) if y.is_multiple_of(3) => Command::CompleteAction { action: a },
            Some(a) if y % 3 == 1 => Command::DeleteAction { action: a },
            Some(a) => Command::EditAction {
                action: a,
                fields: ActionFields {
                    text: Some(format!("改任务{y}")),
                    ..Default::default()
                },
            },
            None => Command::NextItem,
        },
        18 => Command::SignIn {
            participant: PEOPLE[x as usize % PEOPLE.len()].into(),
            late: false,
            effective_at: None,
        },
        _ => Command::StartMeeting,
    }
}

/// A speech command from a seat's point of view.
fn speech(m: &Meeting, x: u8, y: u8) -> SpeechCommand {
    let some = m
        .speeches
        .get(x as usize % m.speeches.len().max(1))
        .map(|s| s.id.clone());
    match (y / 2 % 5, some) {
        (1, _) => SpeechCommand::Next { at: None },
        (2, _) => SpeechCommand::Stop { at: None },
        (3, Some(id)) => SpeechCommand::Move {
            speech: id,
            by: if x.is_multiple_of(2) { -1 } else { 1 },
        },
        (4, Some(id)) => SpeechCommand::Start {
            speech: id,
            at: None,
        },
        _ => SpeechCommand::Add {
            item: None,
            speaker: SpeakerFields {
                participant: Some(PEOPLE[x as usize % PEOPLE.len()].into()),
                limit_seconds: Some(60 * (1 + u32::from(x % 5))),
                ..SpeakerFields::default()
            },
            start: x.is_multiple_of(3),
            at: None,
        },
    }
}

/// A small deterministic shuffle.
fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut r = common::XorShift(seed | 1);
    for i in (1..v.len()).rev() {
        let j = r.below(i as u64 + 1) as usize;
        v.swap(i, j);
    }
}

fn fold(agenda: &Arc<Agenda>, events: &[&Event]) -> Meeting {
    let mut m = Meeting::new(agenda.clone());
    for e in events {
        m.apply(e);
    }
    m
}

/// A meeting written as snapshot bytes and read back.
fn through_snapshot(agenda: &Arc<Agenda>, m: &Meeting) -> Result<Meeting, TestCaseError> {
    let mut e = huiwu::core::snapshot::Enc::default();
    m.write_snapshot(&mut e);
    let bytes = e.finish();
    let mut d = huiwu::core::snapshot::Dec::new(&bytes).expect("the texts are UTF-8");
    let back = Meeting::read_snapshot(agenda.clone(), &mut d);
    prop_assert!(d.at_end(), "bytes left over");
    back.ok_or_else(|| TestCaseError::fail("the snapshot does not read back"))
}

/// Every event any seat recorded.
fn all_events(seats: &[Seat]) -> Vec<&Event> {
    seats.iter().flat_map(|s| s.own.iter()).collect()
}

fn run(n: usize, steps: &[Step], seed: u64) -> Result<(), TestCaseError> {
    let agenda = Arc::new(common::agenda());
    let mut rng = common::XorShift(seed | 1);
    let mut seats: Vec<Seat> = (0..n)
        .map(|i| Seat {
            name: format!("seat-{i}"),
            m: Meeting::new(agenda.clone()),
            own: Vec::new(),
            // Laptop clocks up to five minutes either way.
            skew: Duration::seconds(rng.below(600) as i64 - 300),
        })
        .collect();
    let mut now: DateTime<Utc> = common::t0();
    for s in steps {
        match *s {
            Step::Tick(secs) => now += Duration::seconds(secs as i64),
            Step::Run { seat, cmd, x, y } => {
                // An undo of any attendance change this seat has seen, another seat's too.
                let undo_target = (cmd % 20 == 19).then(|| {
                    let m = &seats[seat % n].m;
                    let seen: Vec<String> = all_events(&seats)
                        .into_iter()
                        .filter(|e| {
                            e.kind.attendance_target().is_some() && m.holds(e) == Some(true)
                        })
                        .map(|e| e.id.clone())
                        .collect();
                    seen.get(x as usize % seen.len().max(1)).cloned()
                });
                let seat = &mut seats[seat % n];
                let c = match undo_target {
                    Some(Some(id)) => Command::Undo {
                        event: Some(id),
                        seat: seat.name.clone(),
                    },
                    _ => command(&seat.m, &seat.name, cmd, x, y),
                };
                let at = now + seat.skew;
                if let Ok(d) = decide(&seat.m, &c, at) {
                    let mut stamper = Stamper::for_meeting(seat.name.clone(), &seat.m);
                    let mut k = stamper.next_seq();
                    let name = seat.name.clone();
                    let events = stamper.stamp(&seat.m, d.events, at, || {
                        let id = format!("{name}#{k}");
                        k += 1;
                        id
                    });
                    stamper.commit(events.len());
                    for e in events {
                        seat.m.apply(&e);
                        seat.own.push(e);
                    }
                }
                now += Duration::seconds(1);
            }
            Step::Prefix { from, to, cut } => {
                let (from, to) = (from % n, to % n);
                if from != to {
                    let copy: Vec<Event> = seats[from].own.clone();
                    let upto = copy.len() * cut as usize / 255;
                    for e in &copy[..upto] {
                        seats[to].m.apply(e);
                    }
                }
            }
            Step::Some { from, to, seed } => {
                let (from, to) = (from % n, to % n);
                if from != to {
                    // What `from` knows: its own and what it got, as all journals hold them.
                    let mut known: Vec<Event> = all_events(&seats)
                        .into_iter()
                        .filter(|e| seats[from].m.holds(e) == Some(true))
                        .cloned()
                        .collect();
                    shuffle(&mut known, seed);
                    let take = (seed % (known.len() as u64 + 1)) as usize;
                    for e in &known[..take] {
                        seats[to].m.apply(e);
                    }
                }
            }
        }
    }
    // Each seat's fold so far through a snapshot (the cache beside the journals): it
    // reads back as the same meeting, and goes on from there as the fold itself would.
    for seat in seats.iter_mut() {
        let back = through_snapshot(&agenda, &seat.m)?;
        prop_assert!(
            back == seat.m,
            "{}: the snapshot reads back otherwise",
            seat.name
        );
        seat.m = back;
    }
    // Everything to everyone, in a different order each.
    let all: Vec<Event> = all_events(&seats).into_iter().cloned().collect();
    for (i, seat) in seats.iter_mut().enumerate() {
        let mut order: Vec<&Event> = all.iter().collect();
        shuffle(&mut order, seed ^ (i as u64 + 7));
        for e in order {
            seat.m.apply(e);
        }
    }
    let mut sorted: Vec<&Event> = all.iter().collect();
    sorted.sort_by(|a, b| a.key().cmp(&b.key()));
    let reference = fold(&agenda, &sorted);
    let mut backwards = sorted.clone();
    backwards.reverse();
    prop_assert!(
        fold(&agenda, &backwards) == reference,
        "reversed order differs"
    );
    // Twice over: nothing doubled.
    let twice: Vec<&Event> = backwards.iter().chain(sorted.iter()).copied().collect();
    prop_assert!(
        fold(&agenda, &twice) == reference,
        "events folded twice differ"
    );
    prop_assert_eq!(
        reference.events_applied,
        all.len(),
        "each event folded once"
    );
    for e in &all {
        prop_assert_eq!(reference.holds(e), Some(true), "lost: {:?}", e);
    }
    for seat in &seats {
        prop_assert!(
            seat.m == reference,
            "{} differs from the reference fold",
            seat.name
        );
        prop_assert_eq!(
            seat.m.anomalies(common::t0()),
            reference.anomalies(common::t0())
        );
    }
    // Through the bytes on disk: each seat's journal written, read back as one record.
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for seat in &seats {
        if seat.own.is_empty() {
            continue;
        }
        let path = huiwu::store::layout::seat_journal(dir.path(), "t1", &seat.name);
        let header = huiwu::store::journal::Header::new(
            "t1",
            Some(&seat.name),
            "a.json",
            "00",
            common::t0(),
        );
        let (mut j, _) =
            huiwu::store::journal::Journal::open_with(&path, header, &mut |_| {}).unwrap();
        j.append(&seat.own).unwrap();
        paths.push(path);
    }
    shuffle(&mut paths, seed);
    let mut from_disk = Meeting::new(agenda.clone());
    huiwu::store::record::read_files(&paths, "t1", &mut |b| from_disk.apply_all(b)).unwrap();
    prop_assert!(from_disk == reference, "the record read from disk differs");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn seats_converge_to_one_meeting(
        n in 2..=8usize,
        steps in prop::collection::vec(step(), 1..120),
        seed in any::<u64>(),
    ) {
        run(n, &steps, seed)?;
    }
}

/// The conflict rules of docs/seats.md, one by one, through the fold.
mod rules {
    use super::*;
    use huiwu::core::anomaly::Anomaly;
    use huiwu::core::event::EventKind;

    fn ev(seat: &str, seq: u64, secs: i64, kind: EventKind) -> Event {
        Event::new(
            format!("{seat}-{seq}"),
            common::t0() + Duration::seconds(secs),
            seat,
            seq,
            kind,
        )
    }

    fn sign_in(p: &str) -> EventKind {
        EventKind::SignedIn {
            participant: p.into(),
            late: false,
            effective_at: None,
        }
    }

    fn both_orders(events: &[Event]) -> Meeting {
        let agenda = Arc::new(common::agenda());
        let fwd: Vec<&Event> = events.iter().collect();
        let back: Vec<&Event> = events.iter().rev().collect();
        let a = fold(&agenda, &fwd);
        let b = fold(&agenda, &back);
        assert!(a == b, "the order changed the meeting");
        a
    }

    #[test]
    fn one_person_signed_in_at_two_seats_counts_once_and_is_an_anomaly() {
        let m = both_orders(&[
            ev("north", 1, 0, sign_in("W1")),
            ev("south", 1, 30, sign_in("W1")),
        ]);
        let p = m.person("W1").unwrap();
        assert_eq!(m.attendance[p].arrived, Some(common::t0()));
        assert_eq!(m.venue_counts(1).present, 1);
        let a = m.anomalies(common::t0());
        assert!(
            matches!(&a[..], [Anomaly::DoubleSignIn { participant, sign_ins, .. }]
                if participant == "W1" && sign_ins.len() == 2 && sign_ins[0].seat == "north"),
            "{a:?}"
        );
    }

    #[test]
    fn a_sign_in_after_a_correction_took_the_first_back_is_no_double() {
        let mut back = ev(
            "north",
            2,
            10,
            EventKind::StatusCorrected {
                participant: "W1".into(),
                to: SetStatus::NotArrived,
            },
        );
        back.seen = Some(Hlc::from_time(common::t0()));
        let mut again = ev("south", 1, 60, sign_in("W1"));
        again.seen = Some(back.hlc);
        let m = both_orders(&[ev("north", 1, 0, sign_in("W1")), back, again]);
        assert!(
            m.anomalies(common::t0()).is_empty(),
            "{:?}",
            m.anomalies(common::t0())
        );
        let p = m.person("W1").unwrap();
        assert_eq!(
            m.attendance[p].arrived,
            Some(common::t0() + Duration::seconds(60))
        );
    }

    #[test]
    fn an_undo_that_arrives_before_its_event_still_undoes_it() {
        let sign = ev("north", 1, 0, sign_in("M1"));
        let undo = ev(
            "north",
            2,
            10,
            EventKind::Undone {
                target: sign.id.clone(),
            },
        );
        let agenda = Arc::new(common::agenda());
        let m = fold(&agenda, &[&undo]);
        assert_eq!(m.orphans, 1, "waiting for its event");
        let m = fold(&agenda, &[&undo, &sign]);
        let p = m.person("M1").unwrap();
        assert_eq!(m.attendance[p].arrived, None);
        assert_eq!(m.orphans, 0);
        assert!(m == fold(&agenda, &[&sign, &undo]));
    }

    #[test]
    fn competing_corrections_the_later_clock_wins_everywhere_and_it_is_shown() {
        let excuse = |seat: &str, secs, why: &str| {
            ev(
                seat,
                1,
                secs,
                EventKind::StatusCorrected {
                    participant: "M2".into(),
                    to: SetStatus::Excused { reason: why.into() },
                },
            )
        };
        // The south laptop's clock is behind, but its clock value is later: it wins.
        let mut north = excuse("north", 120, "北：病假");
        let mut south = excuse("south", 60, "南：出差");
        north.hlc.ms = common::t0().timestamp_millis() + 1000;
        south.hlc.ms = common::t0().timestamp_millis() + 2000;
        let m = both_orders(&[north.clone(), south.clone()]);
        let p = m.person("M2").unwrap();
        assert_eq!(m.attendance[p].excused.as_deref(), Some("南：出差"));
        let a = m.anomalies(common::t0());
        assert!(
            a.iter().any(|x| matches!(x, Anomaly::ConcurrentChanges { decided_by, .. } if decided_by == "south")),
            "{a:?}"
        );
        // South had seen north's correction: a deliberate later one, no anomaly.
        south.seen = Some(north.hlc);
        let m = both_orders(&[north, south]);
        assert!(
            m.anomalies(common::t0()).is_empty(),
            "{:?}",
            m.anomalies(common::t0())
        );
    }

    #[test]
    fn agenda_events_of_a_second_seat_apply_in_order_and_are_shown() {
        let m = both_orders(&[
            ev("chair", 1, 0, EventKind::ItemStarted { item: "i1".into() }),
            ev("branch", 1, 60, EventKind::ItemEnded { item: "i1".into() }),
            ev(
                "chair",
                2,
                120,
                EventKind::ItemStarted { item: "i2".into() },
            ),
        ]);
        assert_eq!(m.current_item.as_deref(), Some("i2"));
        let a = m.anomalies(common::t0());
        assert!(
            matches!(&a[..], [Anomaly::AgendaFromSecondSeat { owner, seat, events: 1, .. }] if owner == "chair" && seat == "branch"),
            "{a:?}"
        );
    }

    #[test]
    fn an_action_id_given_out_twice_keeps_both_and_edits_reach_the_right_one() {
        let add = |seat: &str, text: &str| {
            ev(
                seat,
                1,
                0,
                EventKind::ActionAdded {
                    action: "A1".into(),
                    fields: Box::new(ActionFields {
                        text: Some(text.into()),
                        ..Default::default()
                    }),
                },
            )
        };
        let north = add("north", "北的任务");
        let mut south = add("south", "南的任务");
        south.hlc.n = 1;
        // South completes its own A1 (it names the event that made it).
        let mut done = ev(
            "south",
            2,
            10,
            EventKind::ActionCompleted {
                action: "A1".into(),
            },
        );
        done.of = Some(south.id.clone());
        let m = both_orders(&[north, south, done]);
        let ids: Vec<(&str, &str, bool)> = m
            .actions
            .iter()
            .filter(|a| a.origin.is_some())
            .map(|a| (a.id.as_str(), a.text.as_str(), a.done_at.is_some()))
            .collect();
        assert_eq!(
            ids,
            vec![("A1", "北的任务", false), ("A1-2", "南的任务", true)]
        );
        assert!(
            m.anomalies(common::t0())
                .iter()
                .any(|a| matches!(a, Anomaly::IdGivenTwice { id, .. } if id == "A1"))
        );
    }

    #[test]
    fn walk_ins_given_one_id_at_two_seats_are_two_people() {
        let walk = |seat: &str, name: &str, secs| {
            ev(
                seat,
                1,
                secs,
                EventKind::WalkedIn(Box::new(huiwu::core::event::WalkIn {
                    participant: "W4".into(),
                    name: name.into(),
                    unit: String::new(),
                    title: String::new(),
                    venue: "wy".into(),
                    role: Role::Member,
                })),
            )
        };
        let a = walk("north", "甲", 0);
        let b = walk("south", "乙", 5);
        let mut left = ev(
            "south",
            2,
            30,
            EventKind::LeftEarly {
                participant: "W4".into(),
            },
        );
        left.of = Some(b.id.clone());
        let m = both_orders(&[left, b, a]);
        let named = |id: &str| m.people[m.person(id).unwrap()].name.clone();
        assert_eq!(named("W4"), "甲");
        assert_eq!(named("W4-2"), "乙");
        let p = m.person("W4-2").unwrap();
        assert!(m.attendance[p].left.is_some(), "the change reached 乙");
        assert_eq!(m.venue_counts(1).expected, 5);
    }

    #[test]
    fn clock_skew_is_shown() {
        let mut behind = ev("slow", 1, 0, sign_in("M1"));
        // It had seen an event ten minutes later than its own clock.
        behind.hlc.ms += 600_000;
        let future = ev("fast", 1, 7200, sign_in("M2"));
        let m = both_orders(&[behind, future]);
        let a = m.anomalies(common::t0() + Duration::seconds(60));
        assert!(
            a.iter().any(
                |x| matches!(x, Anomaly::ClockBehind { seat, seconds: 600 } if seat == "slow")
            ),
            "{a:?}"
        );
        assert!(
            a.iter()
                .any(|x| matches!(x, Anomaly::ClockAhead { seat, .. } if seat == "fast")),
            "{a:?}"
        );
    }

    #[test]
    fn missing_events_of_a_seat_are_holes() {
        let m = both_orders(&[
            ev("north", 1, 0, sign_in("M1")),
            ev("north", 4, 9, sign_in("M2")),
        ]);
        let a = m.anomalies(common::t0());
        assert!(a.iter().any(|x| matches!(x, Anomaly::MissingEvents { seat, missing } if seat == "north" && missing == &vec![(2, 3)])), "{a:?}");
    }

    #[test]
    fn a_roster_branch_shows_its_reported_figures_until_its_people_sign_in_here() {
        use huiwu::core::meeting::CountsSource;
        let report = ev(
            "main",
            1,
            0,
            EventKind::RollCallAnswered {
                venue: "wy".into(),
                expected: 3,
                present: 2,
                excused: 1,
                absent: 0,
                note: String::new(),
            },
        );
        let m = both_orders(std::slice::from_ref(&report));
        assert_eq!(m.counts_source(1), CountsSource::RollCall);
        let c = m.venue_counts(1);
        assert_eq!((c.expected, c.present, c.excused), (3, 2, 1));
        let r = huiwu::core::query::status_report(&m, common::t0());
        assert!(r.venues[1].roll_call_answered);
        // Its own seat's sign-ins arrive: they are the figures now.
        let m = both_orders(&[report, ev("wy-desk", 1, 5, sign_in("W1"))]);
        assert_eq!(m.counts_source(1), CountsSource::SignIn);
        assert_eq!(m.venue_counts(1).present, 1);
    }

    #[test]
    fn every_event_folded_twice_changes_nothing_and_another_on_its_number_is_a_clash() {
        let walk = |seat: &str, venue: &str| {
            ev(
                seat,
                1,
                3,
                EventKind::WalkedIn(Box::new(huiwu::core::event::WalkIn {
                    participant: "W9".into(),
                    name: "甲".into(),
                    unit: String::new(),
                    title: String::new(),
                    venue: venue.into(),
                    role: Role::Member,
                })),
            )
        };
        let newer = huiwu::core::event_wire::parse_line(
            r#"{"id":"n-1","at":"2017-05-04T06:26:00Z","seat":"newer","seq":1,"type":"teleported"}"#,
        )
        .unwrap()
        .event;
        let events = [
            ev("a", 1, 0, sign_in("M1")),
            ev(
                "a",
                2,
                1,
                EventKind::Undone {
                    target: "a-1".into(),
                },
            ),
            ev(
                "a",
                3,
                2,
                EventKind::Undone {
                    target: "nowhere".into(),
                },
            ),
            walk("b", "wy"),
            walk("c", "no-such-venue"),
            ev(
                "d",
                1,
                4,
                EventKind::ItemStarted {
                    item: "no-such-item".into(),
                },
            ),
            ev("d", 2, 5, sign_in("nobody")),
            newer,
        ];
        let agenda = Arc::new(common::agenda());
        let once: Vec<&Event> = events.iter().collect();
        let twice: Vec<&Event> = events.iter().chain(events.iter().rev()).collect();
        let m = fold(&agenda, &once);
        assert!(m == fold(&agenda, &twice));
        assert_eq!(m.events_applied, events.len());
        let a = m.anomalies(common::t0());
        assert!(
            !a.iter().any(|x| matches!(x, Anomaly::SeatClash { .. })),
            "{a:?}"
        );
        assert_eq!(
            m.orphans, 4,
            "an undo, a walk-in, an item and a person not known"
        );
        // Another event on seat a's number 1: left out, and shown.
        let mut other = ev("a", 1, 9, sign_in("M2"));
        other.id = "impostor".into();
        let mut with: Vec<&Event> = once.clone();
        with.push(&other);
        let m2 = fold(&agenda, &with);
        assert!(m2.attendance[m2.person("M2").unwrap()].arrived.is_none());
        assert!(
            m2.anomalies(common::t0())
                .iter()
                .any(|x| matches!(x, Anomaly::SeatClash { seat, seq: 1 } if seat == "a"))
        );
    }
}
