//! Snapshots of the chair's views (agenda, actions, big clock) over TestBackend, with
//! Chinese text, at 80x24 and at a tiny size; plus the colours and the cursor, which a
//! text snapshot does not show. Keys go through the desk's keymap and `input::intent`,
//! as in the running desk; what a view asks for comes back as messages.

use crate::runner;

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use huiwu::core::agenda::OwnerRef;
use huiwu::core::command::Command;
use huiwu::core::event::ActionFields;
use huiwu::core::meeting::Meeting;
use huiwu::i18n::Lang;
use huiwu::tui::ctx::Ctx;
use huiwu::tui::input::{self, Intent};
use huiwu::tui::keymap::{Action, Keymap, Scope};
use huiwu::tui::msg::{Msg, Tag};
use huiwu::tui::view::actions::ActionsView;
use huiwu::tui::view::agenda::AgendaView;
use huiwu::tui::view::{View, ViewId, clock};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use runner::*;

static KEYMAP: LazyLock<Keymap> = LazyLock::new(Keymap::default);

fn ctx(m: &Meeting, lang: Lang, now: DateTime<Utc>) -> Ctx<'_> {
    Ctx::new(m, lang, now, &KEYMAP)
}

/// A key pressed in a view: through the keymap, as the desk does, then handled.
fn press(v: &mut dyn View, code: KeyCode, ctx: &Ctx) -> Vec<Msg> {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    match input::intent(&ev, v.scopes(), v.text_focus(), &KEYMAP) {
        Some(intent) => v.handle(&intent, ctx),
        None => Vec::new(),
    }
}

fn typ(v: &mut dyn View, s: &str, ctx: &Ctx) {
    for c in s.chars() {
        press(v, KeyCode::Char(c), ctx);
    }
}

fn act(v: &mut dyn View, scope: Scope, a: Action, ctx: &Ctx) -> Vec<Msg> {
    v.handle(&Intent::Action(scope, a), ctx)
}

/// review 14:30-14:58 (8 min over), problems running from 14:58, rectify skipped, two
/// notes on problems (one a decision).
fn running() -> Sim {
    let mut l = live();
    l.ok_at(Command::NextItem, at("14:30"));
    l.ok_at(Command::NextItem, at("14:58"));
    l.ok_at(
        Command::SkipItem {
            item: Some("rectify".into()),
        },
        at("15:00"),
    );
    l.ok_at(
        Command::AddNote {
            item: Some("problems".into()),
            text: "重视不够、认识不到位；区县之间、学校之间工作不平衡。\n第二行".into(),
            decision: false,
        },
        at("15:02"),
    );
    l.ok_at(
        Command::AddNote {
            item: Some("problems".into()),
            text: "学生资助信息共享要及时，精准资助管理要加强。".into(),
            decision: true,
        },
        at("15:04"),
    );
    l
}

fn draw(w: u16, h: u16, f: impl FnOnce(&mut ratatui::Frame)) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(f).unwrap();
    t
}

fn find(t: &Terminal<TestBackend>, text: &str) -> (u16, u16) {
    let buf = t.backend().buffer();
    crate::common::screen::find(buf, text)
        .unwrap_or_else(|| panic!("`{text}` not on screen:\n{}", t.backend()))
}

#[test]
fn agenda_running_item_in_the_warning_window_zh() {
    let l = running();
    let mut view = AgendaView::new(&l.meeting);
    // 15:07: problems has run 9 of its 10 minutes, 1:00 left (the warning window).
    let now = at("15:07");
    let t = draw(80, 24, |f| {
        view.render(f, f.area(), &ctx(&l.meeting, Lang::Zh, now))
    });
    insta::assert_snapshot!(t.backend());
    let (x, y) = find(&t, " 1:00 ");
    assert_eq!(t.backend().buffer()[(x + 1, y)].bg, Color::Yellow);
}

#[test]
fn agenda_overrun_en() {
    let l = running();
    let mut view = AgendaView::new(&l.meeting);
    let now = at("15:12");
    let t = draw(80, 24, |f| {
        view.render(f, f.area(), &ctx(&l.meeting, Lang::En, now))
    });
    insta::assert_snapshot!(t.backend());
    let (x, y) = find(&t, "OVER by 4:00");
    assert_eq!(t.backend().buffer()[(x, y)].bg, Color::Red);
}

#[test]
fn agenda_before_the_start_and_tiny() {
    let l = live();
    let mut view = AgendaView::new(&l.meeting);
    let t = draw(80, 24, |f| {
        view.render(f, f.area(), &ctx(&l.meeting, Lang::Zh, at("14:20")))
    });
    insta::assert_snapshot!("agenda_not_started_zh", t.backend());
    let l = running();
    let mut view = AgendaView::new(&l.meeting);
    let t = draw(30, 6, |f| {
        view.render(f, f.area(), &ctx(&l.meeting, Lang::Zh, at("15:07")))
    });
    insta::assert_snapshot!("agenda_tiny_zh", t.backend());
    // Narrow, the current item keeps what is left of it on screen.
    assert!(t.backend().to_string().contains("剩余  1:00"));
    let t = draw(12, 2, |f| {
        view.render(f, f.area(), &ctx(&l.meeting, Lang::Zh, at("15:07")))
    });
    insta::assert_snapshot!("agenda_tinier_zh", t.backend());
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn step(cmd: Command) -> Vec<Msg> {
    vec![Msg::record(cmd, Tag::AgendaStep)]
}

#[test]
fn agenda_keys_become_commands() {
    let l = running();
    let mut view = AgendaView::new(&l.meeting);
    let c = ctx(&l.meeting, Lang::Zh, at("15:07"));
    assert_eq!(
        view.selected_item(),
        Some("problems"),
        "follows the running item"
    );
    assert_eq!(
        press(&mut view, KeyCode::Char(' '), &c),
        step(Command::PauseItem)
    );
    assert_eq!(
        press(&mut view, KeyCode::Char('n'), &c),
        step(Command::NextItem)
    );
    assert_eq!(
        press(&mut view, KeyCode::Char('p'), &c),
        step(Command::PrevItem)
    );
    assert_eq!(
        press(&mut view, KeyCode::Char('e'), &c),
        step(Command::EndItem)
    );
    press(&mut view, KeyCode::Down, &c);
    assert_eq!(
        press(&mut view, KeyCode::Char('x'), &c),
        step(Command::SkipItem {
            item: Some("rectify".into())
        })
    );
    assert_eq!(
        press(&mut view, KeyCode::Enter, &c),
        step(Command::StartItem {
            item: Some("rectify".into())
        })
    );
    assert_eq!(
        press(&mut view, KeyCode::Char('a'), &c),
        vec![Msg::OpenActionForm {
            from: ViewId::Agenda
        }]
    );
    // A user's own key works the same (no view maps a key back to another key).
    let km = Keymap::with_overrides(r#"{"agenda": {"pause_resume": "F11"}}"#, "k").unwrap();
    let ev = Event::Key(key(KeyCode::F(11)));
    let intent = input::intent(&ev, view.scopes(), view.text_focus(), &km).unwrap();
    assert_eq!(view.handle(&intent, &c), step(Command::PauseItem));
}

#[test]
fn note_editor_takes_chinese_and_puts_the_cursor_at_the_caret() {
    let l = running();
    let mut view = AgendaView::new(&l.meeting);
    let c = ctx(&l.meeting, Lang::Zh, at("15:07"));
    act(&mut view, Scope::Agenda, Action::AddDecision, &c);
    assert!(view.editing());
    typ(&mut view, "整改6月底前到位", &c);
    press(&mut view, KeyCode::Enter, &c);
    typ(&mut view, "各单位自查", &c);
    let mut t = draw(80, 24, |f| view.render(f, f.area(), &c));
    insta::assert_snapshot!(t.backend());
    // The caret is after 各单位自查 (5 wide characters = 10 columns) on the second line.
    let (x, y) = find(&t, "各单位自查");
    assert_eq!(t.get_cursor_position().unwrap(), (x + 10, y).into());
    assert_eq!(
        press(&mut view, KeyCode::F(2), &c),
        vec![Msg::record(
            Command::AddNote {
                item: Some("problems".into()),
                text: "整改6月底前到位\n各单位自查".into(),
                decision: true,
            },
            Tag::Note
        )]
    );
    // Small screens still draw the editor without panicking.
    t.backend_mut().resize(24, 7);
    t.draw(|f| view.render(f, f.area(), &c)).unwrap();
}

#[test]
fn notes_can_be_edited_marked_and_deleted_from_the_list() {
    let l = running();
    let mut view = AgendaView::new(&l.meeting);
    let c = ctx(&l.meeting, Lang::En, at("15:07"));
    act(&mut view, Scope::Agenda, Action::SwitchPane, &c);
    act(&mut view, Scope::Agenda, Action::Down, &c);
    assert_eq!(
        act(&mut view, Scope::Agenda, Action::ToggleDecision, &c),
        step(Command::EditNote {
            note: "N2".into(),
            text: "学生资助信息共享要及时，精准资助管理要加强。".into(),
            decision: false
        })
    );
    assert_eq!(
        act(&mut view, Scope::Agenda, Action::DeleteNote, &c),
        step(Command::DeleteNote { note: "N2".into() })
    );
    // Enter on a note edits it (Start is Enter's action in the items list).
    act(&mut view, Scope::Agenda, Action::StartItem, &c);
    assert!(view.editing());
    press(&mut view, KeyCode::Char('!'), &c);
    match press(&mut view, KeyCode::F(2), &c).as_slice() {
        [Msg::Record { cmds, tag, .. }] => {
            assert_eq!(*tag, Tag::Note);
            let [
                Command::EditNote {
                    note,
                    text,
                    decision,
                },
            ] = cmds.as_slice()
            else {
                panic!("{cmds:?}");
            };
            assert_eq!(note, "N2");
            assert!(text.ends_with("加强。!"));
            assert!(decision);
        }
        other => panic!("{other:?}"),
    }
}

fn with_actions() -> Sim {
    let mut l = running();
    let add = |text: &str, owners: Vec<OwnerRef>, due: &str, due_text: &str| Command::AddAction {
        fields: ActionFields {
            text: Some(text.into()),
            owners: Some(owners),
            due: Some(Some(NaiveDate::parse_from_str(due, "%Y-%m-%d").unwrap())),
            due_text: Some(Some(due_text.into())),
            item: Some(Some("problems".into())),
            assigned_by: None,
        },
    };
    l.ok_at(
        add(
            "对照整改责任清单逐项自查",
            vec![OwnerRef::Unit("各区县教育局".into())],
            "2017-06-30",
            "6月底前",
        ),
        at("15:05"),
    );
    l.ok_at(
        add(
            "成立工作机构，明确负责人",
            vec![
                OwnerRef::Venue("yaozhou".into()),
                OwnerRef::Participant("p3".into()),
            ],
            "2017-05-12",
            "下周五",
        ),
        at("15:06"),
    );
    l.ok_at(
        add(
            "资金专户管理并公开",
            vec![OwnerRef::Participant("p5".into())],
            "2017-12-31",
            "年底",
        ),
        at("15:06"),
    );
    l.ok_at(
        Command::CompleteAction {
            action: "A3".into(),
        },
        at("15:07"),
    );
    l
}

/// The actions view at a day when 下周五 (05-12) is past.
fn may_20() -> DateTime<Utc> {
    "2017-05-20T07:07:00Z".parse().unwrap()
}

#[test]
fn actions_list_with_filters_zh() {
    let l = with_actions();
    let mut view = ActionsView::new(&l.meeting);
    let c = ctx(&l.meeting, Lang::Zh, may_20());
    let t = draw(80, 24, |f| view.render(f, f.area(), &c));
    insta::assert_snapshot!(t.backend());
    let (x, y) = find(&t, "逾期   05-12");
    assert_eq!(t.backend().buffer()[(x, y)].bg, Color::Red);
    let ids = |v: &ActionsView| -> Vec<String> { v.rows().iter().map(|r| r.id.clone()).collect() };
    // Overdue only, then an owner filter typed in the box.
    press(&mut view, KeyCode::Char('o'), &c);
    assert_eq!(ids(&view), ["A2"]);
    press(&mut view, KeyCode::Esc, &c);
    press(&mut view, KeyCode::Char('f'), &c);
    typ(&mut view, "Li", &c);
    assert_eq!(ids(&view), ["A3"]);
    press(&mut view, KeyCode::Enter, &c);
    press(&mut view, KeyCode::Char('s'), &c); // open only
    assert!(view.rows().is_empty());
    press(&mut view, KeyCode::Esc, &c);
    // Toggle done/open and delete with confirmation.
    let list = |cmd| vec![Msg::record(cmd, Tag::ActionList)];
    assert_eq!(
        press(&mut view, KeyCode::Char(' '), &c),
        list(Command::CompleteAction {
            action: "A1".into()
        })
    );
    press(&mut view, KeyCode::Down, &c);
    press(&mut view, KeyCode::Down, &c);
    assert_eq!(
        press(&mut view, KeyCode::Char(' '), &c),
        list(Command::ReopenAction {
            action: "A3".into()
        })
    );
    press(&mut view, KeyCode::Delete, &c);
    assert!(view.confirming());
    assert_eq!(
        press(&mut view, KeyCode::Char('y'), &c),
        list(Command::DeleteAction {
            action: "A3".into()
        })
    );
    // Any other key keeps the action, as the question says.
    press(&mut view, KeyCode::Delete, &c);
    assert!(press(&mut view, KeyCode::Char('q'), &c).is_empty());
    assert!(!view.confirming());
    let t = draw(24, 5, |f| view.render(f, f.area(), &c));
    insta::assert_snapshot!("actions_tiny_zh", t.backend());
}

#[test]
fn action_form_defaults_resolves_the_due_date_and_suggests_owners() {
    let l = running();
    let mut view = ActionsView::new(&l.meeting);
    let c = ctx(&l.meeting, Lang::Zh, at("15:07"));
    press(&mut view, KeyCode::Char('a'), &c);
    assert!(view.form_open());
    typ(&mut view, "加强学生资助信息共享", &c);
    press(&mut view, KeyCode::Tab, &c);
    typ(&mut view, "张", &c);
    let t = draw(80, 24, |f| view.render(f, f.area(), &c));
    insta::assert_snapshot!("action_form_owner_suggestions_zh", t.backend());
    // Pick the second 张伟 (宜君县), then a venue typed in full, then the due date.
    press(&mut view, KeyCode::Down, &c);
    press(&mut view, KeyCode::Enter, &c);
    typ(&mut view, "耀州区分会场", &c);
    press(&mut view, KeyCode::Tab, &c);
    typ(&mut view, "6月底前", &c);
    let mut t = draw(80, 24, |f| view.render(f, f.area(), &c));
    insta::assert_snapshot!("action_form_due_resolved_zh", t.backend());
    // The caret sits after 6月底前 in the due box.
    let (x, y) = find(&t, "6月底前");
    assert_eq!(t.get_cursor_position().unwrap(), (x + 7, y).into());
    match press(&mut view, KeyCode::F(2), &c).as_slice() {
        [Msg::Record { cmds, tag, .. }] => {
            assert_eq!(*tag, Tag::ActionForm);
            let [Command::AddAction { fields }] = cmds.as_slice() else {
                panic!("{cmds:?}");
            };
            assert_eq!(fields.text.as_deref(), Some("加强学生资助信息共享"));
            assert_eq!(
                fields.owners,
                Some(vec![
                    OwnerRef::Participant("p4".into()),
                    OwnerRef::Venue("yaozhou".into())
                ])
            );
            assert_eq!(fields.due, Some(NaiveDate::from_ymd_opt(2017, 6, 30)));
            assert_eq!(fields.due_text, Some(Some("6月底前".into())));
            // Defaults: the running item and its speaker.
            assert_eq!(fields.item, Some(Some("problems".into())));
            assert_eq!(
                fields
                    .assigned_by
                    .clone()
                    .unwrap()
                    .unwrap()
                    .participant
                    .as_deref(),
                Some("c1")
            );
        }
        other => panic!("{other:?}"),
    }
    // A bad phrase is shown under the box and refuses to save.
    press(&mut view, KeyCode::Backspace, &c);
    typ(&mut view, "x", &c);
    assert!(press(&mut view, KeyCode::F(2), &c).is_empty());
    t.backend_mut().resize(26, 8);
    t.draw(|f| view.render(f, f.area(), &c)).unwrap();
    insta::assert_snapshot!("action_form_tiny_zh", t.backend());
}

/// The clock as a snapshot can show it: in the monochrome theme (`NO_COLOR`) its digits
/// are `#` glyphs; in colour they are coloured cells, which a text snapshot drops.
fn mono(c: Ctx<'_>) -> Ctx<'_> {
    Ctx {
        theme: &huiwu::tui::theme::MONO,
        ..c
    }
}

#[test]
fn big_clock_for_the_video_link() {
    let l = running();
    let t = draw(80, 24, |f| {
        clock::render(f, f.area(), &mono(ctx(&l.meeting, Lang::Zh, at("15:07"))))
    });
    insta::assert_snapshot!("big_clock_warning_zh", t.backend());
    // 15:07 against a 10-minute item that began at 14:58: 1 minute left, in big digits.
    assert!(t.backend().to_string().contains('#'));
    // In colour the digits are coloured cells, not block glyphs.
    let t = draw(80, 24, |f| {
        clock::render(f, f.area(), &ctx(&l.meeting, Lang::Zh, at("15:07")))
    });
    let buf = t.backend().buffer();
    let lit = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == Color::Yellow)
        .count();
    assert!(lit > 40, "{lit} lit cells");
    assert!(!t.backend().to_string().contains('█'));
    let t = draw(80, 24, |f| {
        clock::render(f, f.area(), &mono(ctx(&l.meeting, Lang::En, at("15:12"))))
    });
    insta::assert_snapshot!("big_clock_overrun_en", t.backend());
    let t = draw(30, 8, |f| {
        clock::render(f, f.area(), &mono(ctx(&l.meeting, Lang::Zh, at("15:07"))))
    });
    insta::assert_snapshot!("big_clock_tiny_zh", t.backend());
    let t = draw(10, 3, |f| {
        clock::render(f, f.area(), &mono(ctx(&l.meeting, Lang::Zh, at("15:07"))))
    });
    insta::assert_snapshot!("big_clock_tinier_zh", t.backend());
    // The smallest clock still tells the time: the speaker and the title give way first.
    assert!(t.backend().to_string().contains("1:00"));
    let idle = live();
    let t = draw(40, 10, |f| {
        clock::render(
            f,
            f.area(),
            &mono(ctx(&idle.meeting, Lang::Zh, at("14:00"))),
        )
    });
    insta::assert_snapshot!("big_clock_idle_zh", t.backend());
}
