//! The rules a secretary expects, as given / when / then.

use crate::common;

use common::Sim;
use huiwu::core::agenda::Role;
use huiwu::core::command::{Command, Rejection, Warning};
use huiwu::core::event::{EventKind, LinkState, SetStatus};
use huiwu::core::meeting::{ItemStatus, Status};

fn sign_in(id: &str) -> Command {
    Command::SignIn {
        participant: id.into(),
        late: false,
        effective_at: None,
    }
}

fn status(sim: &Sim, id: &str) -> Status {
    let p = sim.meeting.person(id).unwrap();
    sim.meeting.attendance[p].status()
}

#[test]
fn sign_in_counts_once_and_a_second_sign_in_warns_with_the_first_time() {
    // Given a sign-in of 王晓红 at t0
    let mut sim = Sim::new();
    let first = sim.now;
    sim.ok(sign_in("M1"));
    // When she is signed in again a minute later
    sim.tick(60);
    let d = sim.ok(sign_in("M1"));
    // Then nothing is recorded and the warning carries the first time
    assert!(d.events.is_empty());
    assert_eq!(
        d.warnings,
        vec![Warning::AlreadySignedIn {
            participant: 0,
            at: first
        }]
    );
    assert_eq!(sim.journal.len(), 1);
    let c = sim.meeting.venue_counts(0);
    assert_eq!((c.expected, c.present, c.absent), (2, 1, 1));
    sim.assert_replay_matches();
}

#[test]
fn counts_follow_every_status() {
    let mut sim = Sim::new();
    sim.ok(sign_in("M1"));
    sim.ok(Command::SignIn {
        participant: "M2".into(),
        late: true,
        effective_at: None,
    });
    sim.ok(Command::Excuse {
        participant: "W1".into(),
        reason: "出差".into(),
    });
    sim.ok(Command::StandIn {
        participant: "W2".into(),
        name: "李四".into(),
        unit: "王益区教育局".into(),
    });
    sim.ok(sign_in("M3")); // an observer: present but not part of 应到

    let main = sim.meeting.venue_counts(0);
    assert_eq!(main.expected, 2);
    assert_eq!(main.present, 2);
    assert_eq!(main.late, 1);
    assert_eq!(main.observers_present, 1);
    let wy = sim.meeting.venue_counts(1);
    assert_eq!(
        (wy.expected, wy.present, wy.excused, wy.stand_in, wy.absent),
        (3, 1, 1, 1, 1)
    );
    let t = sim.meeting.total_counts();
    assert_eq!(t.expected, t.present + t.excused + t.absent);
    assert_eq!(status(&sim, "W2"), Status::StandIn);
    sim.assert_replay_matches();
}

#[test]
fn headcount_venue_counts_come_from_its_roll_call() {
    let mut sim = Sim::new();
    let before = sim.meeting.venue_counts(2);
    assert_eq!(
        (before.expected, before.present, before.absent),
        (40, 0, 40)
    );
    sim.ok(Command::RollCall {
        venue: "yj".into(),
        expected: 40,
        present: 36,
        excused: 3,
        absent: 1,
        note: String::new(),
    });
    let after = sim.meeting.venue_counts(2);
    assert_eq!(
        (after.expected, after.present, after.excused, after.absent),
        (40, 36, 3, 1)
    );
    // Counts that do not add up are refused.
    let err = sim
        .run(Command::RollCall {
            venue: "yj".into(),
            expected: 40,
            present: 36,
            excused: 3,
            absent: 0,
            note: String::new(),
        })
        .unwrap_err();
    assert_eq!(
        err,
        Rejection::CountsDoNotAddUp {
            expected: 40,
            sum: 39
        }
    );
    sim.assert_replay_matches();
}

#[test]
fn undo_is_an_event_and_restores_the_previous_status() {
    let mut sim = Sim::new();
    sim.ok(Command::Excuse {
        participant: "W1".into(),
        reason: "病假".into(),
    });
    sim.ok(sign_in("W1"));
    assert_eq!(status(&sim, "W1"), Status::Present);
    let d = sim.ok(Command::Undo {
        event: None,
        seat: "desk-1".into(),
    });
    assert!(matches!(d.events[0], EventKind::Undone { .. }));
    assert_eq!(status(&sim, "W1"), Status::Excused, "back to excused");
    // The journal was appended to, not rewritten.
    assert_eq!(sim.journal.len(), 3);
    // A second undo takes back the excuse.
    sim.ok(Command::Undo {
        event: None,
        seat: "desk-1".into(),
    });
    assert_eq!(status(&sim, "W1"), Status::NotArrived);
    assert_eq!(
        sim.run(Command::Undo {
            event: None,
            seat: "desk-1".into()
        }),
        Err(Rejection::NothingToUndo)
    );
    sim.assert_replay_matches();
}

#[test]
fn undo_only_takes_back_this_seats_actions() {
    let mut sim = Sim::new();
    sim.ok(sign_in("M1"));
    sim.seat = "desk-2".into();
    sim.ok(sign_in("M2"));
    sim.seat = "desk-1".into();
    sim.ok(Command::Undo {
        event: None,
        seat: "desk-1".into(),
    });
    assert_eq!(status(&sim, "M1"), Status::NotArrived);
    assert_eq!(status(&sim, "M2"), Status::Present);
}

#[test]
fn left_early_needs_a_sign_in_first() {
    let mut sim = Sim::new();
    assert!(matches!(
        sim.run(Command::LeaveEarly {
            participant: "M1".into()
        }),
        Err(Rejection::NotSignedIn(_))
    ));
    sim.ok(sign_in("M1"));
    sim.tick(3600);
    sim.ok(Command::LeaveEarly {
        participant: "M1".into(),
    });
    assert_eq!(status(&sim, "M1"), Status::LeftEarly);
    let c = sim.meeting.venue_counts(0);
    assert_eq!(
        (c.present, c.left_early),
        (1, 1),
        "left early still attended"
    );
    sim.assert_replay_matches();
}

#[test]
fn walk_in_joins_the_roster_and_is_present() {
    let mut sim = Sim::new();
    let d = sim.ok(Command::WalkIn {
        name: "赵六".into(),
        unit: "印台区教育局".into(),
        title: "科员".into(),
        venue: "wy".into(),
        role: Role::Member,
    });
    let EventKind::WalkedIn(w) = &d.events[0] else {
        panic!("walk-in event")
    };
    assert_eq!(status(&sim, &w.participant), Status::Present);
    let c = sim.meeting.venue_counts(1);
    assert_eq!((c.expected, c.present), (4, 1));
    sim.assert_replay_matches();
}

#[test]
fn correction_sets_the_status_directly() {
    let mut sim = Sim::new();
    sim.ok(sign_in("M2"));
    sim.ok(Command::Correct {
        participant: "M2".into(),
        to: SetStatus::Excused {
            reason: "签错人".into(),
        },
    });
    assert_eq!(status(&sim, "M2"), Status::Excused);
    sim.ok(Command::Correct {
        participant: "M2".into(),
        to: SetStatus::NotArrived,
    });
    assert_eq!(status(&sim, "M2"), Status::NotArrived);
    sim.assert_replay_matches();
}

#[test]
fn unknown_people_and_venues_are_refused() {
    let mut sim = Sim::new();
    assert_eq!(
        sim.run(sign_in("nobody")),
        Err(Rejection::UnknownParticipant("nobody".into()))
    );
    assert!(matches!(
        sim.run(Command::Link {
            venue: "xx".into(),
            video: LinkState::Ok,
            audio: LinkState::Ok
        }),
        Err(Rejection::UnknownVenue(_))
    ));
    assert!(sim.journal.is_empty());
}

#[test]
fn link_status_is_recorded_per_venue() {
    let mut sim = Sim::new();
    sim.ok(Command::Link {
        venue: "wy".into(),
        video: LinkState::Ok,
        audio: LinkState::Failing,
    });
    let v = &sim.meeting.venues[1];
    assert_eq!((v.video, v.audio), (LinkState::Ok, LinkState::Failing));
    sim.assert_replay_matches();
}

#[test]
fn items_step_in_order_and_only_one_runs() {
    let mut sim = Sim::new();
    let d = sim.ok(Command::NextItem);
    assert_eq!(
        d.events,
        vec![
            EventKind::MeetingStarted { effective_at: None },
            EventKind::ItemStarted { item: "i1".into() }
        ]
    );
    sim.tick(20 * 60);
    sim.ok(Command::NextItem);
    assert_eq!(sim.meeting.current_item.as_deref(), Some("i2"));
    let i1 = sim.meeting.item_state("i1").unwrap();
    assert_eq!(i1.status, ItemStatus::Ended);
    assert_eq!(i1.elapsed(sim.now).num_minutes(), 20);
    // A parent with sub-items is run through its sub-items.
    sim.ok(Command::NextItem);
    assert_eq!(sim.meeting.current_item.as_deref(), Some("i3a"));
    sim.ok(Command::PrevItem);
    assert_eq!(sim.meeting.current_item.as_deref(), Some("i2"));
    sim.assert_replay_matches();
}

#[test]
fn pause_and_resume_stop_the_clock() {
    let mut sim = Sim::new();
    sim.ok(Command::StartItem { item: None });
    sim.tick(300);
    sim.ok(Command::PauseItem);
    sim.tick(600);
    let st = sim.meeting.item_state("i1").unwrap();
    assert_eq!(st.elapsed(sim.now).num_seconds(), 300);
    sim.ok(Command::ResumeItem);
    sim.tick(60);
    let st = sim.meeting.item_state("i1").unwrap();
    assert_eq!(st.elapsed(sim.now).num_seconds(), 360);
    sim.assert_replay_matches();
}

#[test]
fn projected_end_carries_the_delay() {
    let mut sim = Sim::new();
    // Start at the scheduled time (14:30 local = 06:30 UTC), planned 20+10+5+5 = 40 min.
    sim.now = sim.meeting.scheduled_start();
    sim.ok(Command::StartItem { item: None });
    // The first item overruns by 10 minutes.
    sim.tick(30 * 60);
    let projected = sim.meeting.projected_end(sim.now);
    // Now 15:00; i1 is over its plan, so 10 + 5 + 5 minutes remain.
    assert_eq!((projected - sim.now).num_minutes(), 20);
}

#[test]
fn notes_and_actions() {
    let mut sim = Sim::new();
    sim.ok(Command::AddNote {
        item: Some("i2".into()),
        text: "各区县工作不平衡".into(),
        decision: true,
    });
    assert_eq!(sim.meeting.notes.len(), 1);
    assert!(sim.meeting.notes[0].decision);
    assert_eq!(
        sim.run(Command::AddNote {
            item: None,
            text: "  ".into(),
            decision: false
        }),
        Err(Rejection::EmptyText)
    );
    let fields = huiwu::core::event::ActionFields {
        text: Some("制定路线图".into()),
        owners: Some(vec![huiwu::core::agenda::OwnerRef::Unit(
            "各区县教育局".into(),
        )]),
        due: Some(chrono::NaiveDate::from_ymd_opt(2017, 6, 30)),
        ..Default::default()
    };
    sim.ok(Command::AddAction { fields });
    // The planned action P1 is there from the agenda; the new one is A2.
    assert_eq!(sim.meeting.actions.len(), 2);
    assert_eq!(sim.meeting.actions[1].id, "A2");
    sim.ok(Command::CompleteAction {
        action: "A2".into(),
    });
    assert_eq!(sim.meeting.open_actions().count(), 1);
    sim.ok(Command::ReopenAction {
        action: "A2".into(),
    });
    assert_eq!(sim.meeting.open_actions().count(), 2);
    sim.assert_replay_matches();
}
