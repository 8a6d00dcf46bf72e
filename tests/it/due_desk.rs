//! The desk's action form takes a due phrase without a date: it shows "no date" at once and
//! saves the phrase as said, with no date; a deadline in the past is refused there.

use crate::runner;

use std::sync::LazyLock;

use huiwu::core::command::Command;
use huiwu::core::meeting::Meeting;
use huiwu::i18n::Lang;
use huiwu::tui::ctx::Ctx;
use huiwu::tui::input;
use huiwu::tui::keymap::Keymap;
use huiwu::tui::msg::Msg;
use huiwu::tui::view::View;
use huiwu::tui::view::actions::ActionsView;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use runner::*;

static KEYMAP: LazyLock<Keymap> = LazyLock::new(Keymap::default);

fn ctx(m: &Meeting, lang: Lang) -> Ctx<'_> {
    Ctx::new(m, lang, at("15:07"), &KEYMAP)
}

/// A key pressed in a view: through the keymap, as the desk does, then handled.
fn press(v: &mut dyn View, code: KeyCode, ctx: &Ctx) -> Vec<Msg> {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    match input::intent(&ev, v.scopes(), v.text_focus(), &KEYMAP) {
        Some(intent) => v.handle(&intent, ctx),
        None => Vec::new(),
    }
}

/// Type `s`; a tab moves to the next field.
fn typ(v: &mut dyn View, s: &str, ctx: &Ctx) {
    for c in s.chars() {
        let code = if c == '\t' {
            KeyCode::Tab
        } else {
            KeyCode::Char(c)
        };
        press(v, code, ctx);
    }
}

fn screen(v: &mut ActionsView, w: u16, c: &Ctx) -> String {
    let mut t = Terminal::new(TestBackend::new(w, 24)).unwrap();
    t.draw(|f| v.render(f, f.area(), c)).unwrap();
    crate::common::screen::screen(t.backend().buffer())
}

#[test]
fn the_form_saves_a_phrase_without_a_date() {
    let l = live();
    let c = ctx(&l.meeting, Lang::Zh);
    let mut view = ActionsView::new(&l.meeting);
    press(&mut view, KeyCode::Char('a'), &c);
    assert!(view.form_open());
    typ(&mut view, "制定路线图\t耀州区分会场\t尽快", &c);
    // A wide character leaves a blank cell after it: compare without spaces.
    let shown = screen(&mut view, 80, &c);
    assert!(shown.replace(' ', "").contains("->无具体日期"), "{shown}");
    let msgs = press(&mut view, KeyCode::F(2), &c);
    match msgs.as_slice() {
        [Msg::Record { cmds, .. }] => match cmds.as_slice() {
            [Command::AddAction { fields }] => {
                assert_eq!(fields.due, Some(None));
                assert_eq!(fields.due_text, Some(Some("尽快".into())));
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_form_refuses_a_deadline_in_the_past() {
    let l = live();
    let c = ctx(&l.meeting, Lang::En);
    let mut view = ActionsView::new(&l.meeting);
    press(&mut view, KeyCode::Char('a'), &c);
    typ(&mut view, "x\t耀州区分会场\t3 days ago", &c);
    let msgs = press(&mut view, KeyCode::F(2), &c);
    assert!(
        !msgs.iter().any(|m| matches!(m, Msg::Record { .. })),
        "a past deadline must not be saved: {msgs:?}"
    );
    let shown = screen(&mut view, 100, &c);
    assert!(shown.contains("is before the meeting"), "{shown}");
}
