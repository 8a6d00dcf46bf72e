//! Notes, decisions (议定事项) and action items in the core: commands, events and replay.

use crate::runner;

use chrono::NaiveDate;
use huiwu::core::agenda::{OwnerRef, PersonRef};
use huiwu::core::command::{Command, Rejection, Warning};
use huiwu::core::event::{ActionFields, EventKind};
use huiwu::core::meeting::ActionStatus;
use runner::*;

fn note(item: &str, text: &str, decision: bool) -> Command {
    Command::AddNote {
        item: Some(item.into()),
        text: text.into(),
        decision,
    }
}

#[test]
fn notes_and_decisions_are_kept_per_item_and_edited_in_place() {
    let mut l = live();
    l.ok_at(
        note("rectify", "各单位对照整改责任清单逐项自查。\n第二行", false),
        at("14:50"),
    );
    l.ok_at(
        note("rectify", "整改工作6月底前全部到位。", true),
        at("14:52"),
    );
    l.ok_at(note("review", "回顾总结  ", false), at("14:53"));
    let ids: Vec<&str> = l.meeting.notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["N1", "N2", "N3"]);
    assert_eq!(
        l.meeting.notes[2].text, "回顾总结",
        "trailing space is trimmed"
    );
    assert!(l.meeting.notes[1].decision);
    let on_rectify = l
        .meeting
        .notes
        .iter()
        .filter(|n| n.item.as_deref() == Some("rectify"))
        .count();
    assert_eq!(on_rectify, 2);

    // Edit: the text and the decision mark change, the time of recording stays.
    l.ok_at(
        Command::EditNote {
            note: "N1".into(),
            text: "各单位对照清单自查自纠。".into(),
            decision: true,
        },
        at("15:00"),
    );
    let n1 = &l.meeting.notes[0];
    assert_eq!(n1.text, "各单位对照清单自查自纠。");
    assert!(n1.decision);
    assert_eq!(n1.at, at("14:50"));
    assert_eq!(n1.edited_at, Some(at("15:00")));
    // The same text again records nothing; an empty text is refused (delete instead).
    let d = l.ok_at(
        Command::EditNote {
            note: "N1".into(),
            text: "各单位对照清单自查自纠。\n".into(),
            decision: true,
        },
        at("15:01"),
    );
    assert_eq!(d.warnings, vec![Warning::NothingToChange]);
    assert!(d.events.is_empty());
    let r = l.run_at(
        Command::EditNote {
            note: "N1".into(),
            text: " \n".into(),
            decision: false,
        },
        at("15:01"),
    );
    assert_eq!(r, Err(Rejection::EmptyText));

    // Delete: the note goes, its id is not given out again.
    l.ok_at(Command::DeleteNote { note: "N3".into() }, at("15:02"));
    assert_eq!(l.meeting.notes.len(), 2);
    let d = l.ok_at(note("review", "补记", false), at("15:03"));
    assert!(matches!(&d.events[0], EventKind::NoteRecorded { note, .. } if note == "N4"));
    assert_eq!(
        l.run_at(Command::DeleteNote { note: "N3".into() }, at("15:04")),
        Err(Rejection::UnknownNote("N3".into()))
    );

    // Replay gives the same notes.
    assert_eq!(l.replayed().notes, l.meeting.notes);
}

#[test]
fn notes_refuse_empty_text_and_unknown_items() {
    let mut l = live();
    assert_eq!(
        l.run_at(note("review", "  \n ", false), at("14:30")),
        Err(Rejection::EmptyText)
    );
    assert_eq!(
        l.run_at(note("nope", "x", false), at("14:30")),
        Err(Rejection::UnknownItem("nope".into()))
    );
    // A note for the meeting as a whole has no item.
    l.ok_at(
        Command::AddNote {
            item: None,
            text: "会议由王晓红主持".into(),
            decision: false,
        },
        at("14:30"),
    );
    assert_eq!(l.meeting.notes[0].item, None);
}

fn fields(text: &str, owners: Vec<OwnerRef>, due: Option<&str>) -> ActionFields {
    ActionFields {
        text: Some(text.into()),
        owners: Some(owners),
        due: due.map(|d| Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())),
        due_text: due.map(|_| Some("6月底前".into())),
        item: Some(Some("rectify".into())),
        assigned_by: Some(Some(PersonRef {
            participant: Some("c1".into()),
            ..Default::default()
        })),
    }
}

#[test]
fn actions_are_added_completed_reopened_edited_and_deleted() {
    let mut l = live();
    let owners = vec![
        OwnerRef::Participant("p3".into()),
        OwnerRef::Venue("yijun".into()),
        OwnerRef::Unit("各区县教育局".into()),
    ];
    l.ok_at(
        Command::AddAction {
            fields: fields("对照整改责任清单自查", owners.clone(), Some("2017-06-30")),
        },
        at("14:55"),
    );
    let a = &l.meeting.actions[0];
    assert_eq!(a.id, "A1");
    assert_eq!(a.owners, owners);
    assert_eq!(a.due_text.as_deref(), Some("6月底前"));
    assert_eq!(a.added_at, Some(at("14:55")));
    let labels: Vec<String> = a.owners.iter().map(|o| l.meeting.owner_label(o)).collect();
    assert_eq!(labels, ["张伟", "宜君县分会场", "各区县教育局"]);

    let june30 = NaiveDate::from_ymd_opt(2017, 6, 30).unwrap();
    assert!(!l.meeting.actions[0].is_overdue(june30));
    assert!(l.meeting.actions[0].is_overdue(june30.succ_opt().unwrap()));

    l.ok_at(
        Command::CompleteAction {
            action: "A1".into(),
        },
        at("15:00"),
    );
    assert_eq!(l.meeting.actions[0].status, ActionStatus::Done);
    assert_eq!(l.meeting.actions[0].done_at, Some(at("15:00")));
    assert!(
        !l.meeting.actions[0].is_overdue(june30.succ_opt().unwrap()),
        "done is never overdue"
    );
    let d = l.ok_at(
        Command::CompleteAction {
            action: "A1".into(),
        },
        at("15:01"),
    );
    assert_eq!(d.warnings, vec![Warning::NothingToChange]);
    l.ok_at(
        Command::ReopenAction {
            action: "A1".into(),
        },
        at("15:02"),
    );
    assert_eq!(l.meeting.actions[0].status, ActionStatus::Open);
    assert_eq!(l.meeting.actions[0].done_at, None);

    // An edit changes only the fields it names; `Some(None)` clears the due date.
    l.ok_at(
        Command::EditAction {
            action: "A1".into(),
            fields: ActionFields {
                due: Some(None),
                due_text: Some(None),
                ..Default::default()
            },
        },
        at("15:03"),
    );
    let a = &l.meeting.actions[0];
    assert_eq!((a.due, a.due_text.as_deref()), (None, None));
    assert_eq!(a.text, "对照整改责任清单自查");
    assert_eq!(a.owners.len(), 3);

    l.ok_at(
        Command::DeleteAction {
            action: "A1".into(),
        },
        at("15:04"),
    );
    assert!(l.meeting.actions.is_empty());
    assert_eq!(l.meeting.next_action_id(), "A2");
    assert_eq!(
        l.run_at(
            Command::CompleteAction {
                action: "A1".into()
            },
            at("15:05")
        ),
        Err(Rejection::UnknownAction("A1".into()))
    );
    assert_eq!(l.replayed().actions, l.meeting.actions);
}

#[test]
fn actions_refuse_unknown_owners_items_and_empty_text() {
    let mut l = live();
    let bad = |owners| Command::AddAction {
        fields: fields("任务", owners, None),
    };
    assert_eq!(
        l.run_at(bad(vec![OwnerRef::Participant("zz".into())]), at("14:30")),
        Err(Rejection::UnknownParticipant("zz".into()))
    );
    assert_eq!(
        l.run_at(bad(vec![OwnerRef::Venue("mars".into())]), at("14:30")),
        Err(Rejection::UnknownVenue("mars".into()))
    );
    let mut f = fields("任务", vec![], None);
    f.item = Some(Some("nope".into()));
    assert_eq!(
        l.run_at(Command::AddAction { fields: f }, at("14:30")),
        Err(Rejection::UnknownItem("nope".into()))
    );
    let f = fields("   ", vec![], None);
    assert_eq!(
        l.run_at(Command::AddAction { fields: f }, at("14:30")),
        Err(Rejection::EmptyText)
    );
    assert!(l.journal.is_empty());
}

#[test]
fn the_item_in_focus_is_the_running_one_or_the_one_that_ran_last() {
    let mut l = live();
    assert_eq!(l.meeting.item_in_focus(), None);
    l.ok_at(Command::NextItem, at("14:30"));
    assert_eq!(l.meeting.item_in_focus(), Some("review"));
    l.ok_at(Command::EndItem, at("14:50"));
    assert_eq!(l.meeting.item_in_focus(), Some("review"));
}

#[test]
fn old_journal_lines_still_read_and_new_events_round_trip() {
    // A line written before NoteDeleted/ActionDeleted existed still parses.
    let old = r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"note_edited","note":"N1","text":"t","decision":false}"#;
    let e: huiwu::core::event::Event = serde_json::from_str(old).unwrap();
    assert!(matches!(e.kind, EventKind::NoteEdited { .. }));
    for kind in [
        EventKind::NoteDeleted { note: "N1".into() },
        EventKind::ActionDeleted {
            action: "A1".into(),
        },
    ] {
        let e = huiwu::core::event::Event::new("y", at("14:30"), "s", 2, kind);
        let line = serde_json::to_string(&e).unwrap();
        assert_eq!(
            serde_json::from_str::<huiwu::core::event::Event>(&line).unwrap(),
            e
        );
    }
}
