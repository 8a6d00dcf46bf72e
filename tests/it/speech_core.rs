//! Speeches in the core, given/when/then with an injected clock: the four districts'
//! 5-minute pledges of the second sample, the countdown's warning a minute before the
//! limit and its overrun, the video operator's cue, skipping, reordering, adding a
//! speaker, and the record replayed (in any order) giving the same speeches.

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use huiwu::core::agenda::Agenda;
use huiwu::core::command::{Command, Rejection};
use huiwu::core::event::{EventKind, LinkState, SpeakerFields};
use huiwu::core::meeting::{ItemStatus, Meeting, Phase, SpeechStatus};
use huiwu::core::speech_command::{SpeechCommand, SpeechRejection};
use huiwu::i18n::Lang;

use crate::common::Sim;

const SAFETY: &str = include_str!("../../agendas/tongchuan-safety-2017.json");

fn agenda() -> Arc<Agenda> {
    let loaded = huiwu::core::load::load_agenda(SAFETY.as_bytes(), Lang::Zh);
    Arc::new(loaded.agenda.expect("the sample loads"))
}

/// 15:MM:SS on the meeting's day (UTC+8).
fn at(m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2017, 9, 5, 7, m, s).unwrap()
}

fn sim() -> Sim {
    Sim::with(agenda(), at(0, 0))
}

fn sp(c: SpeechCommand) -> Command {
    Command::Speech(c)
}

fn next() -> Command {
    sp(SpeechCommand::Next { at: None })
}

fn running(m: &Meeting) -> Option<&str> {
    m.running_speech().map(|s| s.id.as_str())
}

#[test]
fn next_walks_through_the_items_and_their_speakers() {
    let mut s = sim();
    // Given nothing has started, when the chair calls the next speaker,
    let d = s.ok_at(next(), at(2, 0));
    // then the meeting opens, the first item starts and its speaker speaks.
    assert!(matches!(d.events[0], EventKind::MeetingStarted { .. }));
    assert_eq!(s.meeting.current_item.as_deref(), Some("briefing"));
    assert_eq!(running(&s.meeting), Some("briefing#1"));
    // The report is the item's only speech: the next `next` stops it, the one after
    // moves to the pledges.
    s.ok_at(next(), at(16, 30));
    assert_eq!(running(&s.meeting), None);
    let done = s.meeting.speech("briefing#1").unwrap();
    assert_eq!(done.status, SpeechStatus::Done);
    assert_eq!(done.elapsed(at(59, 0)), Duration::seconds(14 * 60 + 30));
    s.ok_at(next(), at(17, 0));
    assert_eq!(s.meeting.current_item.as_deref(), Some("pledges"));
    assert_eq!(
        s.meeting.item_state("briefing").unwrap().status,
        ItemStatus::Ended
    );
    assert_eq!(running(&s.meeting), Some("pledges#1"));
    s.assert_replay_matches();
}

#[test]
fn the_countdown_warns_a_minute_before_the_limit_and_shows_the_overrun() {
    let mut s = sim();
    s.ok_at(
        sp(SpeechCommand::Start {
            speech: "pledges#1".into(),
            at: None,
        }),
        at(20, 0),
    );
    let speech = |s: &Sim| s.meeting.speech("pledges#1").unwrap().clone();
    let c = speech(&s).countdown(at(23, 59));
    assert_eq!(
        (c.phase, c.remaining()),
        (Phase::Within, Some(Duration::seconds(61)))
    );
    let c = speech(&s).countdown(at(24, 0));
    assert_eq!(
        (c.phase, c.remaining()),
        (Phase::Warning, Some(Duration::seconds(60)))
    );
    let c = speech(&s).countdown(at(25, 0));
    assert_eq!((c.phase, c.overrun()), (Phase::Warning, Duration::zero()));
    let c = speech(&s).countdown(at(25, 1));
    assert_eq!(
        (c.phase, c.overrun()),
        (Phase::Overrun, Duration::seconds(1))
    );
    // Stopped at 5:42, the speech stays 42 seconds over, whatever the clock says later.
    s.ok_at(sp(SpeechCommand::Stop { at: None }), at(25, 42));
    let c = speech(&s).countdown(at(40, 0));
    assert_eq!(
        (c.phase, c.overrun()),
        (Phase::Overrun, Duration::seconds(42))
    );
    // A speech without a limit is open.
    s.ok_at(
        sp(SpeechCommand::Add {
            item: Some("pledges".into()),
            speaker: SpeakerFields {
                participant: Some("2001".into()),
                ..SpeakerFields::default()
            },
            start: true,
            at: None,
        }),
        at(26, 0),
    );
    let added = s.meeting.running_speech().unwrap();
    assert_eq!(added.id, "pledges#a1");
    assert_eq!(added.countdown(at(59, 0)).phase, Phase::Open);
    s.assert_replay_matches();
}

#[test]
fn four_pledges_give_each_speakers_time_and_overrun() {
    let mut s = sim();
    s.ok_at(
        sp(SpeechCommand::Start {
            speech: "pledges#1".into(),
            at: None,
        }),
        at(17, 0),
    );
    // 4:50, 5:30, 6:05 and 5:00.
    for (m, sec) in [(21, 50), (27, 20), (33, 25), (38, 25)] {
        s.ok_at(next(), at(m, sec));
    }
    assert_eq!(
        running(&s.meeting),
        None,
        "the last `next` stops the last one"
    );
    let totals = s.meeting.speaking_totals(at(59, 0));
    let got: Vec<(&str, i64, i64)> = totals
        .iter()
        .map(|t| {
            (
                t.name.as_str(),
                t.total.num_seconds(),
                t.overrun.num_seconds(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("陈琳慧", 290, 0),
            ("王慧琳", 330, 30),
            ("赵建华", 365, 65),
            ("杨文博", 300, 0)
        ]
    );
    assert_eq!(
        s.meeting.next_speech("pledges").map(|x| x.id.as_str()),
        None
    );
    s.assert_replay_matches();
}

#[test]
fn the_cue_names_the_next_speakers_venue_and_its_link() {
    let mut s = sim();
    // Given the report at the main venue is running,
    s.ok_at(next(), at(2, 0));
    // there is no cue: nobody is next in this item...
    assert_eq!(s.meeting.video_cue(), None);
    s.ok_at(next(), at(16, 0));
    // ...until the report is over and the pledges come next, from 王益区.
    let cue = s.meeting.video_cue().expect("a cue");
    assert_eq!(
        cue.line(&s.meeting, Lang::Zh),
        "切换至 王益区分会场（视频未检查，音频未检查）"
    );
    s.ok(Command::Link {
        venue: "wangyi".into(),
        video: LinkState::Ok,
        audio: LinkState::Failing,
    });
    let cue = s.meeting.video_cue().unwrap();
    assert_eq!(
        cue.line(&s.meeting, Lang::Zh),
        "切换至 王益区分会场（视频正常，音频故障）"
    );
    assert_eq!(
        cue.line(&s.meeting, Lang::En),
        "Switch to 王益区分会场 (video ok, audio failing)"
    );
    assert!(cue.link_failing());
    // While 王益区 speaks, the cue is for 印台区.
    s.ok_at(next(), at(17, 0));
    let cue = s.meeting.video_cue().unwrap();
    assert_eq!(s.meeting.agenda.venues[cue.venue].id, "yintai");
    // A next speaker at the venue on the picture needs no cue.
    s.ok(sp(SpeechCommand::Add {
        item: None,
        speaker: SpeakerFields {
            participant: Some("2003".into()),
            ..SpeakerFields::default()
        },
        start: false,
        at: None,
    }));
    s.ok(sp(SpeechCommand::Move {
        speech: "pledges#a1".into(),
        by: -3,
    }));
    let order: Vec<&str> = s
        .meeting
        .speeches_of("pledges")
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "pledges#1",
            "pledges#a1",
            "pledges#2",
            "pledges#3",
            "pledges#4"
        ]
    );
    assert_eq!(s.meeting.video_cue(), None);
    s.assert_replay_matches();
}

#[test]
fn skip_passes_over_a_speaker_and_refuses_one_who_spoke() {
    let mut s = sim();
    s.ok_at(
        sp(SpeechCommand::Start {
            speech: "pledges#1".into(),
            at: None,
        }),
        at(17, 0),
    );
    // Skipping without naming anyone passes over the next one.
    s.ok(sp(SpeechCommand::Skip { speech: None }));
    assert_eq!(
        s.meeting.speech("pledges#2").unwrap().status,
        SpeechStatus::Skipped
    );
    s.ok_at(next(), at(22, 0));
    assert_eq!(running(&s.meeting), Some("pledges#3"));
    let r = s
        .run(sp(SpeechCommand::Skip {
            speech: Some("pledges#1".into()),
        }))
        .unwrap_err();
    assert_eq!(
        r,
        Rejection::Speech(SpeechRejection::AlreadyGiven("陈琳慧".into()))
    );
    // A skipped speaker can still be called.
    s.ok_at(
        sp(SpeechCommand::Start {
            speech: "pledges#2".into(),
            at: None,
        }),
        at(27, 0),
    );
    assert_eq!(running(&s.meeting), Some("pledges#2"));
    assert_eq!(
        s.meeting.speech("pledges#3").unwrap().status,
        SpeechStatus::Done
    );
    s.assert_replay_matches();
}

#[test]
fn a_speech_runs_only_while_its_item_does() {
    let mut s = sim();
    s.ok_at(
        sp(SpeechCommand::Start {
            speech: "pledges#1".into(),
            at: None,
        }),
        at(17, 0),
    );
    // Ending the item stops the speaker.
    s.ok_at(Command::EndItem, at(19, 0));
    let x = s.meeting.speech("pledges#1").unwrap();
    assert_eq!(
        (x.status, x.elapsed(at(30, 0))),
        (SpeechStatus::Done, Duration::minutes(2))
    );
    // Started again, it goes on counting; the item starts again with it.
    s.ok_at(
        sp(SpeechCommand::Start {
            speech: "pledges#1".into(),
            at: None,
        }),
        at(20, 0),
    );
    assert_eq!(s.meeting.current_item.as_deref(), Some("pledges"));
    // The close of the meeting stops it too.
    s.ok_at(Command::CloseMeeting { at: None }, at(21, 0));
    let x = s.meeting.speech("pledges#1").unwrap();
    assert_eq!(
        (x.status, x.elapsed(at(50, 0))),
        (SpeechStatus::Done, Duration::minutes(3))
    );
    let r = s.run(next()).unwrap_err();
    assert_eq!(r, Rejection::MeetingEnded);
    s.assert_replay_matches();
}

#[test]
fn times_entered_later_are_checked() {
    let mut s = sim();
    s.ok_at(
        sp(SpeechCommand::Start {
            speech: "pledges#1".into(),
            at: Some(at(17, 0)),
        }),
        at(18, 0),
    );
    assert_eq!(
        s.meeting.speech("pledges#1").unwrap().elapsed(at(18, 0)),
        Duration::minutes(1)
    );
    let before = s.run(sp(SpeechCommand::Stop {
        at: Some(at(16, 0)),
    }));
    assert_eq!(
        before.unwrap_err(),
        Rejection::Speech(SpeechRejection::BeforeItsStart)
    );
    let future = s.run(sp(SpeechCommand::Stop {
        at: Some(at(30, 0)),
    }));
    assert_eq!(future.unwrap_err(), Rejection::InTheFuture);
    s.ok(sp(SpeechCommand::Stop {
        at: Some(at(17, 45)),
    }));
    assert_eq!(
        s.meeting.speech("pledges#1").unwrap().elapsed(at(50, 0)),
        Duration::seconds(45)
    );
    assert_eq!(
        s.run(sp(SpeechCommand::Stop { at: None })).unwrap_err(),
        Rejection::Speech(SpeechRejection::NobodySpeaking)
    );
}

#[test]
fn the_speeches_replayed_in_any_order_are_the_same() {
    let mut s = sim();
    s.ok_at(next(), at(2, 0));
    s.ok_at(next(), at(16, 0));
    s.ok_at(next(), at(17, 0));
    s.ok(sp(SpeechCommand::Move {
        speech: "pledges#4".into(),
        by: -2,
    }));
    s.ok_at(next(), at(22, 0));
    s.ok(sp(SpeechCommand::Skip { speech: None }));
    s.ok_at(next(), at(28, 0));
    let live = s.meeting.clone();
    let mut reversed = s.journal.clone();
    reversed.reverse();
    let replayed = Meeting::replay(live.agenda.clone(), &reversed);
    assert_eq!(replayed.speeches, live.speeches);
    assert!(replayed == live);
}

#[test]
fn the_reference_meetings_chair_speaks_across_the_sub_items() {
    let text = include_str!("../../agendas/tongchuan-2017.json");
    let a = huiwu::core::load::load_agenda(text.as_bytes(), Lang::Zh)
        .agenda
        .unwrap();
    let t = Utc.with_ymd_and_hms(2017, 5, 4, 8, 0, 0).unwrap();
    let mut s = Sim::with(Arc::new(a), t);
    s.ok(Command::StartItem {
        item: Some("req-1".into()),
    });
    // The address is the parent's: req-1 shows it.
    assert_eq!(s.meeting.speech_focus().as_deref(), Some("requirements"));
    s.ok(next());
    assert_eq!(running(&s.meeting), Some("requirements#1"));
    // Moving on to the next requirement does not stop the address.
    s.tick(300);
    s.ok(Command::NextItem);
    assert_eq!(s.meeting.current_item.as_deref(), Some("req-2"));
    assert_eq!(running(&s.meeting), Some("requirements#1"));
    s.assert_replay_matches();
}

#[test]
fn a_walk_in_speaker_is_named_whatever_order_the_events_arrive_in() {
    let mut s = sim();
    s.ok_at(
        Command::WalkIn {
            name: "赵志强".into(),
            unit: "铜川日报社".into(),
            title: "记者".into(),
            venue: "main".into(),
            role: huiwu::core::agenda::Role::Media,
        },
        at(10, 0),
    );
    let w = s.meeting.people.len() - 1;
    let fields = SpeakerFields::of(&s.meeting.people[w]);
    s.ok(sp(SpeechCommand::Add {
        item: Some("address".into()),
        speaker: fields,
        start: false,
        at: None,
    }));
    assert_eq!(
        s.meeting.speech("address#a1").unwrap().speaker.name,
        "赵志强"
    );
    // The speech's events before the walk-in's (another seat's journal read first).
    let mut reversed = s.journal.clone();
    reversed.reverse();
    let replayed = Meeting::replay(s.meeting.agenda.clone(), &reversed);
    assert_eq!(replayed.speeches, s.meeting.speeches);
    assert_eq!(
        replayed.speech("address#a1").unwrap().speaker.unit,
        "铜川日报社"
    );
}
