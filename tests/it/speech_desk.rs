//! The speakers on the chair's desk, in process over TestBackend: the agenda view's
//! speaker list with the one speaking and the next one marked, the countdown in its
//! warning and overrun, the video operator's cue, the script's paragraph; the keys
//! (next, start, stop, skip, move, add by pinyin) as the desk's keymap reads them; the big
//! clock showing the speaker.

use std::sync::{Arc, LazyLock};

use chrono::{DateTime, TimeZone, Utc};
use huiwu::core::agenda::Agenda;
use huiwu::core::command::Command;
use huiwu::core::event::LinkState;
use huiwu::core::meeting::SpeechStatus;
use huiwu::i18n::Lang;
use huiwu::tui::ctx::Ctx;
use huiwu::tui::input;
use huiwu::tui::keymap::Keymap;
use huiwu::tui::msg::Msg;
use huiwu::tui::view::agenda::AgendaView;
use huiwu::tui::view::{View, clock};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

use crate::common::Sim;
use crate::common::screen::{find, screen};

static KEYMAP: LazyLock<Keymap> = LazyLock::new(Keymap::default);

const SAFETY: &str = include_str!("../../agendas/tongchuan-safety-2017.json");

fn agenda() -> Arc<Agenda> {
    Arc::new(
        huiwu::core::load::load_agenda(SAFETY.as_bytes(), Lang::Zh)
            .agenda
            .unwrap(),
    )
}

/// 15:MM:SS on the meeting's day.
fn at(m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2017, 9, 5, 7, m, s).unwrap()
}

/// A key pressed in the view, through the keymap; what it asks to record is recorded.
fn press(v: &mut AgendaView, sim: &mut Sim, code: KeyCode) -> Vec<Msg> {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let msgs = {
        let ctx = Ctx::new(&sim.meeting, Lang::Zh, sim.now, &KEYMAP);
        match input::intent(&ev, v.scopes(), v.text_focus(), &KEYMAP) {
            Some(intent) => v.handle(&intent, &ctx),
            None => Vec::new(),
        }
    };
    for m in &msgs {
        if let Msg::Record { cmds, .. } = m {
            for c in cmds {
                sim.ok(c.clone());
            }
        }
    }
    v.sync(&sim.meeting);
    msgs
}

fn draw(v: &mut dyn View, sim: &Sim, lang: Lang, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let ctx = Ctx::new(&sim.meeting, lang, sim.now, &KEYMAP);
    t.draw(|f| v.render(f, f.area(), &ctx)).unwrap();
    t
}

/// The briefing given, the pledges called with `g`: 王益区 speaks from 15:17.
fn pledges_running() -> (AgendaView, Sim) {
    let mut sim = Sim::with(agenda(), at(2, 0));
    let mut v = AgendaView::new(&sim.meeting);
    press(&mut v, &mut sim, KeyCode::Char('g'));
    sim.now = at(16, 30);
    press(&mut v, &mut sim, KeyCode::Char('g'));
    sim.now = at(17, 0);
    press(&mut v, &mut sim, KeyCode::Char('g'));
    sim.ok(Command::Link {
        venue: "yintai".into(),
        video: LinkState::Ok,
        audio: LinkState::Failing,
    });
    v.sync(&sim.meeting);
    (v, sim)
}

#[test]
fn the_speakers_of_the_item_with_the_countdown_cue_and_script() {
    let (mut v, mut sim) = pledges_running();
    assert_eq!(
        sim.meeting.running_speech().map(|s| s.id.as_str()),
        Some("pledges#1")
    );
    // 4:10 into her 5 minutes: 0:50 left, the warning.
    sim.now = at(21, 10);
    let t = draw(&mut v, &sim, Lang::Zh, 100, 30);
    insta::assert_snapshot!("speakers_warning_zh", t.backend());
    let buf = t.backend().buffer();
    let (x, y) = find(buf, " 0:50 ").expect("the countdown");
    assert_eq!(buf[(x + 1, y)].bg, Color::Yellow);
    let s = screen(buf);
    assert!(s.contains("> 陈琳慧（王益区分会场）"), "{s}");
    assert!(s.contains("* 王慧琳（印台区分会场）"), "{s}");
    assert!(
        s.contains("切换至 印台区分会场（视频正常，音频故障）"),
        "{s}"
    );
    assert!(
        s.contains("主持词：首先，请王益区教育科技体育局局长陈琳慧同志"),
        "{s}"
    );
    // 5:20: over by 0:20, in red.
    sim.now = at(22, 20);
    let t = draw(&mut v, &sim, Lang::En, 100, 30);
    insta::assert_snapshot!("speakers_overrun_en", t.backend());
    let buf = t.backend().buffer();
    let (x, y) = find(buf, " OVER BY 0:20 ").expect("the overrun");
    assert_eq!(buf[(x + 1, y)].bg, Color::Red);
}

#[test]
fn keys_start_stop_skip_move_and_add_a_speaker_by_pinyin() {
    let (mut v, mut sim) = pledges_running();
    // The selection starts on the next one (王慧琳); `.` selects the one after, `[`
    // moves him up: 赵建华 is next.
    press(&mut v, &mut sim, KeyCode::Char('.'));
    press(&mut v, &mut sim, KeyCode::Char('['));
    let order: Vec<&str> = sim
        .meeting
        .speeches_of("pledges")
        .iter()
        .map(|s| s.speaker.name.as_str())
        .collect();
    assert_eq!(order, ["陈琳慧", "赵建华", "王慧琳", "杨文博"]);
    // Skip the selected one (z), then the next (g) is 王慧琳.
    press(&mut v, &mut sim, KeyCode::Char('z'));
    assert_eq!(
        sim.meeting.speech("pledges#3").unwrap().status,
        SpeechStatus::Skipped
    );
    sim.now = at(22, 0);
    press(&mut v, &mut sim, KeyCode::Char('g'));
    assert_eq!(sim.meeting.running_speech().unwrap().speaker.name, "王慧琳");
    // h stops her.
    sim.now = at(26, 0);
    press(&mut v, &mut sim, KeyCode::Char('h'));
    assert!(sim.meeting.running_speech().is_none());
    // + opens the search; pinyin finds 魏宏福; Enter adds him to the list.
    press(&mut v, &mut sim, KeyCode::Char('+'));
    assert!(v.modal());
    for c in "weihongfu".chars() {
        press(&mut v, &mut sim, KeyCode::Char(c));
    }
    let t = draw(&mut v, &sim, Lang::Zh, 100, 30);
    let s = screen(t.backend().buffer());
    assert!(s.contains("增加发言人"), "{s}");
    assert!(s.contains("2003 魏宏福"), "{s}");
    press(&mut v, &mut sim, KeyCode::Enter);
    assert!(!v.modal());
    let added = sim.meeting.speech("pledges#a1").expect("added");
    assert_eq!(added.speaker.name, "魏宏福");
    // Select him (`.` from the next one, as often as one likes) and start him (r).
    let list: Vec<String> = sim
        .meeting
        .speeches_of("pledges")
        .iter()
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(list.last().map(String::as_str), Some("pledges#a1"));
    for _ in 0..4 {
        press(&mut v, &mut sim, KeyCode::Char('.'));
    }
    press(&mut v, &mut sim, KeyCode::Char('v'));
    assert_eq!(
        sim.meeting.running_speech().map(|s| s.id.as_str()),
        Some("pledges#a1")
    );
    sim.assert_replay_matches();
}

#[test]
fn the_big_clock_shows_the_speaker_and_their_time() {
    let (_, mut sim) = pledges_running();
    sim.now = at(20, 0);
    let mut c = clock::ClockView;
    let t = draw(&mut c, &sim, Lang::Zh, 80, 24);
    let s = screen(t.backend().buffer());
    assert!(s.contains("主讲：陈琳慧  王益区教育科技体育局局长"), "{s}");
    assert!(s.contains("剩余（限时 5:00）"), "{s}");
    sim.now = at(22, 30);
    let t = draw(&mut c, &sim, Lang::En, 80, 24);
    let s = screen(t.backend().buffer());
    assert!(s.contains("OVER TIME"), "{s}");
    // After the speech, the clock is the item's again.
    sim.ok(Command::Speech(
        huiwu::core::speech_command::SpeechCommand::Stop { at: None },
    ));
    let t = draw(&mut c, &sim, Lang::Zh, 80, 24);
    let s = screen(t.backend().buffer());
    assert!(s.contains("剩余（计划 20 分钟）"), "{s}");
}
