//! Timer arithmetic of the agenda runner: elapsed time across pauses and restarts, the
//! next / previous / skip semantics, projected end and overrun.

use crate::runner;

use chrono::Utc;
use huiwu::core::command::{Command, Rejection, Warning};
use huiwu::core::event::EventKind;
use huiwu::core::meeting::ItemStatus;
use huiwu::store::session::{Session, read_agenda};
use proptest::prelude::*;
use runner::*;

fn start(id: &str) -> Command {
    Command::StartItem {
        item: Some(id.into()),
    }
}

#[test]
fn elapsed_counts_running_time_only_across_pauses_and_resumes() {
    let mut l = live();
    l.ok_at(start("review"), at("14:30"));
    l.ok_at(Command::PauseItem, at("14:35"));
    let st = l.meeting.item_state("review").unwrap().clone();
    assert_eq!(st.status, ItemStatus::Paused);
    // Frozen while paused.
    assert_eq!(st.elapsed(at("14:35")), minutes(5));
    assert_eq!(st.elapsed(at("14:39")), minutes(5));
    l.ok_at(Command::ResumeItem, at("14:40"));
    assert_eq!(l.meeting.item_elapsed("review", at("14:50")), minutes(15));
    l.ok_at(Command::PauseItem, at("14:52"));
    l.ok_at(Command::ResumeItem, at("14:53:30"));
    l.ok_at(Command::EndItem, at("14:55"));
    let st = l.meeting.item_state("review").unwrap();
    assert_eq!(st.status, ItemStatus::Ended);
    assert_eq!(
        st.elapsed(at("16:00")),
        minutes(18) + chrono::Duration::seconds(30)
    );
    assert_eq!(st.first_start, Some(at("14:30")));
    assert_eq!(st.last_end, Some(at("14:55")));
    // A clock behind the last event never gives a negative or larger time.
    assert_eq!(
        l.meeting.item_state("review").unwrap().elapsed(at("14:00")),
        minutes(18) + chrono::Duration::seconds(30)
    );
}

#[test]
fn pause_and_resume_when_nothing_to_change_record_nothing() {
    let mut l = live();
    assert_eq!(
        l.run_at(Command::PauseItem, at("14:30")),
        Err(Rejection::NoCurrentItem)
    );
    l.ok_at(start("review"), at("14:30"));
    let d = l.ok_at(Command::ResumeItem, at("14:31"));
    assert!(d.events.is_empty());
    assert_eq!(d.warnings, vec![Warning::NothingToChange]);
    l.ok_at(Command::PauseItem, at("14:32"));
    let d = l.ok_at(Command::PauseItem, at("14:33"));
    assert_eq!(d.warnings, vec![Warning::NothingToChange]);
    // Starting the paused current item again resumes it.
    let d = l.ok_at(start("review"), at("14:34"));
    assert_eq!(
        d.events,
        vec![EventKind::ItemResumed {
            item: "review".into()
        }]
    );
    assert_eq!(l.meeting.item_elapsed("review", at("14:35")), minutes(3));
}

#[test]
fn replay_of_the_journal_gives_the_same_timers_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("runner.json");
    std::fs::write(&file, RUNNER_AGENDA).unwrap();
    let agenda = read_agenda(&file, huiwu::i18n::Lang::En).unwrap();
    let data = dir.path().join("data");
    let now = at("14:52");
    let live = {
        let mut s = Session::open(&agenda, &data, "desk", at("14:29")).unwrap();
        s.execute(&Command::NextItem, at("14:30")).unwrap();
        s.execute(&Command::PauseItem, at("14:35")).unwrap();
        s.execute(&Command::ResumeItem, at("14:40")).unwrap();
        s.execute(&Command::NextItem, at("14:45")).unwrap();
        s.execute(&Command::PauseItem, at("14:47")).unwrap();
        s.execute(&Command::ResumeItem, at("14:48")).unwrap();
        s.meeting().clone()
        // The session is dropped here, as when the program is closed or crashes.
    };
    let s = Session::open(&agenda, &data, "desk", Utc::now()).unwrap();
    let m = &s.meeting();
    assert_eq!(m.current_item.as_deref(), Some("problems"));
    assert_eq!(m.item_elapsed("review", now), minutes(10));
    assert_eq!(m.item_elapsed("problems", now), minutes(6));
    for id in ["review", "problems", "rectify", "req", "req1"] {
        assert_eq!(m.item_elapsed(id, now), live.item_elapsed(id, now), "{id}");
        assert_eq!(m.item_state(id), live.item_state(id), "{id}");
    }
    assert_eq!(m.projected_end(now), live.projected_end(now));
    assert_eq!(m.started_at, Some(at("14:30")));
}

#[test]
fn next_starts_the_first_item_then_ends_the_running_one_before_the_following() {
    let mut l = live();
    let d = l.ok_at(Command::NextItem, at("14:30"));
    assert_eq!(
        d.events,
        vec![
            EventKind::MeetingStarted { effective_at: None },
            EventKind::ItemStarted {
                item: "review".into()
            }
        ]
    );
    let d = l.ok_at(Command::NextItem, at("14:50"));
    assert_eq!(
        d.events,
        vec![
            EventKind::ItemEnded {
                item: "review".into()
            },
            EventKind::ItemStarted {
                item: "problems".into()
            }
        ]
    );
    // Nothing running: next counts from the item that ran last, not from the top.
    l.ok_at(Command::EndItem, at("15:00"));
    assert_eq!(l.meeting.current_item, None);
    assert_eq!(l.meeting.next_leaf(), Some("rectify"));
    l.ok_at(Command::NextItem, at("15:01"));
    assert_eq!(l.meeting.current_item.as_deref(), Some("rectify"));
    // A parent is entered at its first sub-item.
    l.ok_at(Command::NextItem, at("15:10"));
    assert_eq!(l.meeting.current_item.as_deref(), Some("req1"));
}

#[test]
fn starting_an_item_out_of_order_leaves_the_passed_over_ones_for_later() {
    let mut l = live();
    l.ok_at(start("rectify"), at("14:30"));
    l.ok_at(Command::NextItem, at("14:40"));
    assert_eq!(l.meeting.current_item.as_deref(), Some("req1"));
    l.ok_at(start("req3"), at("14:45"));
    l.ok_at(Command::EndItem, at("14:50"));
    // After the last leaf, next wraps round to the items passed over, in order.
    assert_eq!(l.meeting.next_leaf(), Some("review"));
    // A parent named explicitly starts its first sub-item.
    let d = l.ok_at(start("req"), at("14:51"));
    assert_eq!(
        d.events,
        vec![EventKind::ItemStarted {
            item: "req1".into()
        }]
    );
}

#[test]
fn previous_goes_back_and_accumulates_the_restarted_item() {
    let mut l = live();
    assert_eq!(
        l.run_at(Command::PrevItem, at("14:29")),
        Err(Rejection::NoMoreItems)
    );
    l.ok_at(Command::NextItem, at("14:30"));
    assert_eq!(
        l.run_at(Command::PrevItem, at("14:31")),
        Err(Rejection::NoMoreItems)
    );
    l.ok_at(Command::NextItem, at("14:40")); // problems
    l.ok_at(Command::PrevItem, at("14:45")); // back to review
    assert_eq!(l.meeting.current_item.as_deref(), Some("review"));
    assert_eq!(
        l.meeting.item_state("problems").unwrap().status,
        ItemStatus::Ended
    );
    // review: 10 min, then again from 14:45.
    assert_eq!(l.meeting.item_elapsed("review", at("14:50")), minutes(15));
    assert_eq!(
        l.meeting.item_state("review").unwrap().first_start,
        Some(at("14:30"))
    );
    // With nothing running, previous reopens the item that ran last.
    l.ok_at(Command::EndItem, at("14:51"));
    l.ok_at(Command::PrevItem, at("14:52"));
    assert_eq!(l.meeting.current_item.as_deref(), Some("review"));
}

#[test]
fn skip_marks_the_upcoming_item_and_previous_passes_over_skipped_ones() {
    let mut l = live();
    l.ok_at(Command::NextItem, at("14:30")); // review
    // Skip while review runs: the upcoming item is skipped, review keeps running.
    let d = l.ok_at(Command::SkipItem { item: None }, at("14:35"));
    assert_eq!(
        d.events,
        vec![EventKind::ItemSkipped {
            item: "problems".into()
        }]
    );
    assert_eq!(l.meeting.current_item.as_deref(), Some("review"));
    assert_eq!(l.meeting.next_leaf(), Some("rectify"));
    l.ok_at(Command::NextItem, at("14:50")); // rectify
    l.ok_at(Command::PrevItem, at("14:55")); // over the skipped problems, back to review
    assert_eq!(l.meeting.current_item.as_deref(), Some("review"));
    // A held item cannot be skipped; a skipped one again changes nothing.
    assert!(matches!(
        l.run_at(
            Command::SkipItem {
                item: Some("rectify".into())
            },
            at("14:56")
        ),
        Err(Rejection::AlreadyHeld(_))
    ));
    let d = l.ok_at(
        Command::SkipItem {
            item: Some("problems".into()),
        },
        at("14:56"),
    );
    assert_eq!(d.warnings, vec![Warning::NothingToChange]);
    // Skipping a parent skips its sub-items that have not been held.
    l.ok_at(start("req1"), at("14:57"));
    let d = l.ok_at(
        Command::SkipItem {
            item: Some("req".into()),
        },
        at("15:00"),
    );
    assert_eq!(
        d.events,
        vec![
            EventKind::ItemSkipped {
                item: "req2".into()
            },
            EventKind::ItemSkipped {
                item: "req3".into()
            }
        ]
    );
    l.ok_at(Command::EndItem, at("15:02"));
    // Every item has now been held or skipped.
    assert_eq!(l.meeting.next_leaf(), None);
    assert_eq!(
        l.run_at(Command::NextItem, at("15:03")),
        Err(Rejection::NoMoreItems)
    );
    // A skipped item can still be held by starting it by name.
    l.ok_at(start("problems"), at("15:04"));
    assert_eq!(
        l.meeting.item_state("problems").unwrap().status,
        ItemStatus::Running
    );
    l.ok_at(Command::EndMeeting, at("15:10"));
    assert_eq!(
        l.run_at(Command::SkipItem { item: None }, at("15:11")),
        Err(Rejection::MeetingEnded)
    );
    assert_eq!(
        l.meeting.item_state("problems").unwrap().status,
        ItemStatus::Ended
    );
    assert_eq!(l.meeting.current_item, None);
}

#[test]
fn projected_end_follows_the_plan_from_now_and_carries_delays() {
    // Planned: 20 + 10 + 10 + 15 = 55 minutes; scheduled 14:30-15:40.
    let mut l = live();
    assert_eq!(l.meeting.scheduled_end(), at("15:40"));
    assert_eq!(l.meeting.projected_end(at("14:00")), at("15:40"));
    // Not started at 14:50: 55 minutes from now.
    assert_eq!(l.meeting.projected_end(at("14:50")), at("15:45"));
    l.ok_at(Command::NextItem, at("14:30"));
    assert_eq!(l.meeting.projected_end(at("14:40")), at("15:25"));
    assert_eq!(l.meeting.schedule_delta(at("14:40")), minutes(-15));
    // review overruns: its remaining time counts as none, the rest is still planned.
    assert_eq!(l.meeting.item_overrun("review", at("14:58")), minutes(8));
    assert_eq!(l.meeting.projected_end(at("14:58")), at("15:33"));
    l.ok_at(Command::NextItem, at("15:00")); // problems, planned 10
    assert_eq!(l.meeting.projected_end(at("15:00")), at("15:35"));
    assert_eq!(l.meeting.projected_end(at("15:30")), at("15:55"));
    assert_eq!(l.meeting.schedule_delta(at("15:30")), minutes(15));
    l.ok_at(Command::EndMeeting, at("15:31"));
    assert_eq!(l.meeting.projected_end(at("16:30")), at("15:31"));
}

#[test]
fn a_meeting_held_on_another_day_is_measured_against_the_planned_time_of_day() {
    let mut l = live();
    let day = chrono::Duration::days(6);
    // Before the start, on another day: just the plan (no "late" by days).
    assert_eq!(l.meeting.projected_end(at("14:50") + day), at("15:40"));
    l.ok_at(Command::NextItem, at("14:30") + day);
    assert_eq!(l.meeting.scheduled_end_as_held(), at("15:40") + day);
    assert_eq!(l.meeting.schedule_delta(at("14:40") + day), minutes(-15));
}

#[test]
fn pace_scales_the_remaining_items_by_the_overrun_so_far() {
    let mut l = live();
    l.ok_at(Command::NextItem, at("14:30"));
    assert_eq!(l.meeting.pace(at("14:40")), None);
    assert_eq!(
        l.meeting.projected_end_at_pace(at("14:40")),
        l.meeting.projected_end(at("14:40"))
    );
    // Overrunning the running item already sets a pace.
    assert_eq!(l.meeting.pace(at("14:55")), Some(25.0 / 20.0));
    l.ok_at(Command::NextItem, at("15:00")); // review took 30 of 20 minutes: pace 1.5
    assert_eq!(l.meeting.pace(at("15:00")), Some(1.5));
    // 35 planned minutes left at 1.5 = 52.5 minutes.
    assert_eq!(l.meeting.projected_end_at_pace(at("15:00")), at("15:52:30"));
    assert_eq!(l.meeting.projected_end(at("15:00")), at("15:35"));
}

#[test]
fn parents_sum_their_sub_items_and_lend_them_their_speaker() {
    let mut l = live();
    l.ok_at(start("req1"), at("14:30"));
    l.ok_at(Command::NextItem, at("14:36"));
    l.ok_at(Command::NextItem, at("14:40"));
    assert_eq!(l.meeting.item_elapsed("req", at("14:43")), minutes(13));
    assert_eq!(l.meeting.planned_minutes("req"), 15);
    assert_eq!(l.meeting.item_overrun("req1", at("14:43")), minutes(1));
    assert_eq!(l.meeting.item_overrun("req", at("14:43")), minutes(0));
    let chair = l.meeting.speaker_of("req2").unwrap();
    assert_eq!(chair.participant.as_deref(), Some("c1"));
    assert_eq!(
        l.meeting.speaker_of("req3").unwrap().name.as_deref(),
        Some("特邀专家")
    );
    assert_eq!(
        l.meeting
            .speaker_of("review")
            .unwrap()
            .participant
            .as_deref(),
        Some("p2")
    );
    assert_eq!(l.meeting.item_label("req2"), "4.2 加强组织领导");
}

#[derive(Debug, Clone)]
enum Step {
    Start(usize),
    Next,
    Prev,
    Pause,
    Resume,
    End,
    Skip(Option<usize>),
    EndMeeting,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0usize..7).prop_map(Step::Start),
        Just(Step::Next),
        Just(Step::Prev),
        Just(Step::Pause),
        Just(Step::Resume),
        Just(Step::End),
        proptest::option::of(0usize..7).prop_map(Step::Skip),
        Just(Step::EndMeeting),
    ]
}

proptest! {
    /// Any sequence of runner commands: replay equals the live state, at most one item
    /// runs and it is the current one, and elapsed time never decreases with the clock.
    #[test]
    fn runner_commands_keep_the_timers_consistent(
        steps in proptest::collection::vec((step(), 0i64..600), 0..40)
    ) {
        const IDS: [&str; 7] = ["review", "problems", "rectify", "req", "req1", "req2", "req3"];
        let mut l = live();
        let mut now = at("14:30");
        for (s, gap) in steps {
            now += chrono::Duration::seconds(gap);
            let cmd = match s {
                Step::Start(i) => Command::StartItem { item: Some(IDS[i].into()) },
                Step::Next => Command::NextItem,
                Step::Prev => Command::PrevItem,
                Step::Pause => Command::PauseItem,
                Step::Resume => Command::ResumeItem,
                Step::End => Command::EndItem,
                Step::Skip(i) => Command::SkipItem { item: i.map(|i| IDS[i].to_string()) },
                Step::EndMeeting => Command::EndMeeting,
            };
            let _ = l.run_at(cmd, now);
            let running: Vec<&str> = IDS
                .iter()
                .copied()
                .filter(|id| l.meeting.item_state(id).is_some_and(|s| s.status == ItemStatus::Running))
                .collect();
            prop_assert!(running.len() <= 1, "{running:?}");
            if let Some(r) = running.first() {
                prop_assert_eq!(l.meeting.current_item.as_deref(), Some(*r));
            }
            for id in IDS {
                let a = l.meeting.item_elapsed(id, now);
                let b = l.meeting.item_elapsed(id, now + chrono::Duration::seconds(30));
                prop_assert!(a <= b && a >= chrono::Duration::zero());
            }
        }
        let r = l.replayed();
        for id in IDS {
            prop_assert_eq!(r.item_state(id), l.meeting.item_state(id));
        }
        prop_assert_eq!(&r.current_item, &l.meeting.current_item);
        prop_assert_eq!(&r.last_item, &l.meeting.last_item);
        prop_assert_eq!(r.projected_end(now), l.meeting.projected_end(now));
    }
}
