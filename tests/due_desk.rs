//! The desk's action form takes a due phrase without a date: it shows "no date" at once and
//! saves the phrase as said, with no date.

mod runner;

use chrono::NaiveDate;
use huiwu::chair::actions::{ActionsAction, ActionsPane};
use huiwu::chair::{Effect, PaneCtx};
use huiwu::core::command::Command;
use huiwu::i18n::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use runner::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn screen(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_form_saves_a_phrase_without_a_date() {
    let l = Live::new();
    let mut pane = ActionsPane::new(&l.m, NaiveDate::from_ymd_opt(2017, 5, 4).unwrap());
    pane.handle(ActionsAction::Add, &l.m, Lang::Zh);
    let typ = |p: &mut ActionsPane, s: &str| {
        for c in s.chars() {
            p.handle_text_key(&key(KeyCode::Char(c)), &l.m, Lang::Zh);
        }
    };
    typ(&mut pane, "制定路线图");
    pane.handle_text_key(&key(KeyCode::Tab), &l.m, Lang::Zh);
    typ(&mut pane, "耀州区分会场");
    pane.handle_text_key(&key(KeyCode::Tab), &l.m, Lang::Zh);
    typ(&mut pane, "尽快");
    let ctx = PaneCtx::new(&l.m, Lang::Zh, at("15:07"));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| pane.render(f, f.area(), &ctx)).unwrap();
    // A wide character leaves a blank cell after it: compare without spaces.
    assert!(
        screen(&t).replace(' ', "").contains("->无具体日期"),
        "{}",
        screen(&t)
    );
    match pane.handle_text_key(&key(KeyCode::F(2)), &l.m, Lang::Zh) {
        Effect::Execute(Command::AddAction { fields }) => {
            assert_eq!(fields.due, Some(None));
            assert_eq!(fields.due_text, Some(Some("尽快".into())));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_form_refuses_a_deadline_in_the_past() {
    let l = Live::new();
    let mut pane = ActionsPane::new(&l.m, NaiveDate::from_ymd_opt(2017, 5, 4).unwrap());
    pane.handle(ActionsAction::Add, &l.m, Lang::En);
    for s in ["x", "\t", "耀州区分会场", "\t", "3 days ago"] {
        for c in s.chars() {
            let k = if c == '\t' {
                KeyCode::Tab
            } else {
                KeyCode::Char(c)
            };
            pane.handle_text_key(&key(k), &l.m, Lang::En);
        }
    }
    let effect = pane.handle_text_key(&key(KeyCode::F(2)), &l.m, Lang::En);
    assert!(
        !matches!(effect, Effect::Execute(_)),
        "a past deadline must not be saved: {effect:?}"
    );
    let ctx = PaneCtx::new(&l.m, Lang::En, at("15:07"));
    let mut t = Terminal::new(TestBackend::new(100, 24)).unwrap();
    t.draw(|f| pane.render(f, f.area(), &ctx)).unwrap();
    assert!(
        screen(&t).contains("is before the meeting"),
        "{}",
        screen(&t)
    );
}
