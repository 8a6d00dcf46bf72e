//! The desk in process, against ratatui's `TestBackend`:
//! - 1,000 seeded random resizes (1×1, the minimum-size edges and large screens among
//!   them) across every view, overlay and form, without a panic;
//! - key kinds: a release never acts; a repeat types and moves like a press but never
//!   records, undoes or advances twice (the rule is written in `src/tui/input.rs`).

use crate::common;

use chrono::Duration;
use huiwu::core::event::EventKind;
use huiwu::i18n::Lang;
use huiwu::tui::view::ViewId;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use common::XorShift;
use common::desk::Desk;

impl Desk {
    fn ev(&mut self, code: KeyCode, mods: KeyModifiers, kind: KeyEventKind) {
        let ev = Event::Key(KeyEvent::new_with_kind(code, mods, kind));
        self.app.on_event(&ev, self.now);
    }

    fn press(&mut self, code: KeyCode) {
        self.ev(code, KeyModifiers::NONE, KeyEventKind::Press);
    }

    fn repeat(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.ev(code, mods, KeyEventKind::Repeat);
    }

    fn release(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.ev(code, mods, KeyEventKind::Release);
    }
}

/// Ways to bring the desk into each state worth drawing: every view, the help overlay,
/// the quit question, and every form or popup. Each starts from a clean attendance view.
type Step = fn(&mut Desk);

fn states() -> Vec<(&'static str, Step)> {
    vec![
        ("attendance", |_| {}),
        ("attendance search", |d| d.typ("王")),
        ("attendance no match", |d| d.typ("没有这个人")),
        ("help", |d| d.press(KeyCode::F(1))),
        ("quit question", |d| {
            d.typ("王");
            d.ctrl('c');
        }),
        ("excuse form", |d| {
            d.typ("王晓红");
            d.press(KeyCode::F(7));
        }),
        ("stand-in form", |d| {
            d.typ("李建国");
            d.press(KeyCode::F(8));
        }),
        ("walk-in form", |d| {
            d.typ("新来的人");
            d.ctrl('w');
        }),
        ("roll call", |d| d.ctrl('r')),
        ("reconcile file", |d| d.ctrl('y')),
        ("agenda", |d| d.press(KeyCode::F(3))),
        ("agenda running", |d| {
            d.press(KeyCode::F(3));
            d.press(KeyCode::Char('s'));
        }),
        ("note editor", |d| {
            d.press(KeyCode::F(3));
            d.press(KeyCode::Char('t'));
            d.typ("一条很长的会议记录，用来检查换行和光标位置是否在小窗口里也不出错");
        }),
        ("agenda help", |d| {
            d.press(KeyCode::F(3));
            d.press(KeyCode::F(1));
        }),
        ("actions", |d| d.press(KeyCode::F(4))),
        ("action form", |d| {
            d.press(KeyCode::F(4));
            d.press(KeyCode::Char('a'));
            d.typ("整改到位");
        }),
        ("action form from attendance", |d| d.ctrl('d')),
        ("actions filter", |d| {
            d.press(KeyCode::F(4));
            d.press(KeyCode::Char('/'));
        }),
        ("minutes", |d| d.press(KeyCode::F(5))),
        ("clock", |d| d.ctrl('g')),
    ]
}

/// Back to a clean attendance view, whatever is open.
fn reset(d: &mut Desk) {
    for _ in 0..3 {
        d.press(KeyCode::Esc);
        // Leave the help overlay (any key) or the quit question (n) if one is up.
        d.press(KeyCode::Char('n'));
        d.press(KeyCode::Esc);
    }
    d.press(KeyCode::F(2));
    d.press(KeyCode::Esc);
}

fn size(rng: &mut XorShift, step: usize) -> (u16, u16) {
    if step.is_multiple_of(97) {
        return (1, 1);
    }
    match rng.below(5) {
        // Tiny.
        0 => (1 + rng.below(12) as u16, 1 + rng.below(6) as u16),
        // Around the "too small" edge.
        1 => (
            huiwu::tui::app::MIN_WIDTH - 1 + rng.below(3) as u16,
            huiwu::tui::app::MIN_HEIGHT - 1 + rng.below(3) as u16,
        ),
        // One dimension tiny, the other large.
        2 => {
            if rng.below(2) == 0 {
                (1 + rng.below(3) as u16, 1 + rng.below(200) as u16)
            } else {
                (1 + rng.below(300) as u16, 1 + rng.below(3) as u16)
            }
        }
        // Anything up to a big monitor.
        _ => (1 + rng.below(320) as u16, 1 + rng.below(100) as u16),
    }
}

#[test]
fn a_thousand_random_resizes_in_every_state_never_panic() {
    for lang in [Lang::Zh, Lang::En] {
        let mut d = Desk::new(lang);
        // Some records, so lists, counts and the minutes have content.
        for name in ["王晓红", "李建国", "孙丽"] {
            d.typ(name);
            d.press(KeyCode::Enter);
        }
        let states = states();
        let mut rng = XorShift(0xC0FF_EE00_1234_5678 ^ lang as u64);
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let resizes = 1000;
        let mut seen_1x1 = 0;
        let per_state = resizes / states.len() + 1;
        let mut step = 0;
        for (name, enter) in &states {
            reset(&mut d);
            enter(&mut d);
            for _ in 0..per_state {
                if step == resizes {
                    break;
                }
                let (w, h) = size(&mut rng, step);
                seen_1x1 += usize::from((w, h) == (1, 1));
                term.backend_mut().resize(w, h);
                d.now += Duration::seconds(rng.below(90) as i64);
                let now = d.now;
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    term.draw(|f| d.app.draw(f, now)).unwrap();
                }));
                assert!(
                    r.is_ok(),
                    "{lang:?} {name}: panicked at {w}x{h} (step {step})"
                );
                // The terminal also reports the resize as an event.
                d.app.on_event(&Event::Resize(w, h), d.now);
                step += 1;
            }
        }
        assert_eq!(step, resizes, "every resize was drawn");
        assert!(seen_1x1 >= 5, "1x1 among the sizes");
    }
}

#[test]
fn a_release_never_acts() {
    let mut d = Desk::new(Lang::Zh);
    d.typ("王晓红");
    d.release(KeyCode::Char('红'), KeyModifiers::NONE);
    assert_eq!(
        d.app.views.attendance.query(),
        "王晓红",
        "no doubled letter"
    );
    d.press(KeyCode::Enter);
    d.release(KeyCode::Enter, KeyModifiers::NONE);
    d.release(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(d.journal().len(), 1, "one sign-in for one press");
    // A release of Ctrl+Z undoes nothing; of F3 switches nothing.
    d.release(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert!(d.present("M001"));
    d.release(KeyCode::F(3), KeyModifiers::NONE);
    assert_eq!(d.app.view, ViewId::Attendance);
}

#[test]
fn a_repeat_types_and_moves_like_a_press() {
    let mut d = Desk::new(Lang::Zh);
    // Holding a letter types it again; holding Backspace deletes again.
    d.typ("a");
    d.repeat(KeyCode::Char('a'), KeyModifiers::NONE);
    d.repeat(KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(d.app.views.attendance.query(), "aaa");
    d.repeat(KeyCode::Backspace, KeyModifiers::NONE);
    d.repeat(KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(d.app.views.attendance.query(), "a");
    d.press(KeyCode::Esc);
    // Holding Down moves the highlight down the roster.
    let first = d.app.views.attendance.highlighted();
    d.press(KeyCode::Down);
    d.repeat(KeyCode::Down, KeyModifiers::NONE);
    d.repeat(KeyCode::Down, KeyModifiers::NONE);
    let listed = d.app.views.attendance.listed().to_vec();
    let pos = |h: Option<usize>| listed.iter().position(|&p| Some(p) == h);
    assert_eq!(
        pos(d.app.views.attendance.highlighted()),
        pos(first).map(|p| p + 3)
    );
    // In the note editor, a held key types too (the editor reads keys itself).
    d.press(KeyCode::F(3));
    d.press(KeyCode::Char('t'));
    d.typ("x");
    d.repeat(KeyCode::Char('x'), KeyModifiers::NONE);
    d.press(KeyCode::F(2));
    let notes: Vec<String> = d
        .journal()
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::NoteRecorded { text, .. } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(notes, vec!["xx".to_string()]);
}

#[test]
fn a_repeat_never_records_undoes_or_advances_twice() {
    let mut d = Desk::new(Lang::Zh);
    d.typ("王晓红");
    d.press(KeyCode::Enter);
    d.typ("李建国");
    d.press(KeyCode::Enter);
    // Enter held a moment too long: the empty box would take the highlighted person.
    d.repeat(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(d.journal().len(), 2);
    // Undo held: only the last record goes.
    d.ctrl('z');
    d.repeat(KeyCode::Char('z'), KeyModifiers::CONTROL);
    d.repeat(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert!(
        d.present("M001"),
        "a repeat must not undo the first record too"
    );
    assert!(!d.present("M002"));
    // Late / excuse keys held do not open or record twice.
    d.typ("张伟");
    let before_late = d.journal().len();
    d.press(KeyCode::F(6));
    let after_late = d.journal().len();
    assert_eq!(after_late, before_late + 1, "F6 signs 张伟 in, late");
    assert!(d.present("M003"));
    d.repeat(KeyCode::F(6), KeyModifiers::NONE);
    d.repeat(KeyCode::F(6), KeyModifiers::NONE);
    assert_eq!(
        d.journal().len(),
        after_late,
        "a held F6 records nothing more"
    );
    let n = d.journal().len();
    // Agenda: start, then "next item" held moves one item on, not two.
    d.press(KeyCode::F(3));
    d.press(KeyCode::Char('s'));
    d.press(KeyCode::Char('n'));
    let after_next = d.journal().len();
    d.repeat(KeyCode::Char('n'), KeyModifiers::NONE);
    d.repeat(KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!(d.journal().len(), after_next, "no second advance");
    assert!(after_next > n);
    // A repeated view switch or quit does nothing.
    d.repeat(KeyCode::F(2), KeyModifiers::NONE);
    assert_eq!(d.app.view, ViewId::Agenda);
    d.repeat(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(!d.app.should_quit());
}
