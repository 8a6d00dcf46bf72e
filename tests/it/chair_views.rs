//! Snapshots of the chair's panes over TestBackend, with Chinese text, at 80x24 and at a
//! tiny size; plus the colours and the cursor, which a text snapshot does not show.

use crate::runner;

use chrono::NaiveDate;
use huiwu::chair::actions::{ActionsAction, ActionsPane};
use huiwu::chair::agenda::{AgendaAction, AgendaPane};
use huiwu::chair::clock::BigClock;
use huiwu::chair::{Effect, PaneCtx};
use huiwu::core::agenda::OwnerRef;
use huiwu::core::command::Command;
use huiwu::core::event::ActionFields;
use huiwu::i18n::Lang;
use huiwu::tui::keymap::{Key, Keymap, Scope};
use huiwu::tui::view::agenda::agenda_action;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use runner::*;

/// review 14:30-14:58 (8 min over), problems running from 14:58, rectify skipped, two
/// notes on problems (one a decision).
fn running() -> Live {
    let mut l = Live::new();
    l.ok(Command::NextItem, at("14:30"));
    l.ok(Command::NextItem, at("14:58"));
    l.ok(
        Command::SkipItem {
            item: Some("rectify".into()),
        },
        at("15:00"),
    );
    l.ok(
        Command::AddNote {
            item: Some("problems".into()),
            text: "重视不够、认识不到位；区县之间、学校之间工作不平衡。\n第二行".into(),
            decision: false,
        },
        at("15:02"),
    );
    l.ok(
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
    use unicode_width::UnicodeWidthStr;
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        // The row's text, skipping the cell a wide character covers, with each
        // character's column.
        let mut line = String::new();
        let mut cols = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            cols.push((line.len(), x));
            line.push_str(sym);
            x += sym.width().max(1) as u16;
        }
        if let Some(byte) = line.find(text) {
            let x = cols
                .iter()
                .find(|(b, _)| *b == byte)
                .map(|(_, x)| *x)
                .unwrap();
            return (x, y);
        }
    }
    panic!("`{text}` not on screen:\n{}", t.backend());
}

#[test]
fn agenda_running_item_in_the_warning_window_zh() {
    let l = running();
    let mut pane = AgendaPane::new(&l.m);
    // 15:07: problems has run 9 of its 10 minutes, 1:00 left (the warning window).
    let now = at("15:07");
    let t = draw(80, 24, |f| {
        pane.render(f, f.area(), &PaneCtx::new(&l.m, Lang::Zh, now))
    });
    insta::assert_snapshot!(t.backend());
    let (x, y) = find(&t, " 1:00 ");
    assert_eq!(t.backend().buffer()[(x + 1, y)].bg, Color::Yellow);
}

#[test]
fn agenda_overrun_en() {
    let l = running();
    let mut pane = AgendaPane::new(&l.m);
    let now = at("15:12");
    let t = draw(80, 24, |f| {
        pane.render(f, f.area(), &PaneCtx::new(&l.m, Lang::En, now))
    });
    insta::assert_snapshot!(t.backend());
    let (x, y) = find(&t, "OVER by 4:00");
    assert_eq!(t.backend().buffer()[(x, y)].bg, Color::Red);
}

#[test]
fn agenda_before_the_start_and_tiny() {
    let l = Live::new();
    let mut pane = AgendaPane::new(&l.m);
    let t = draw(80, 24, |f| {
        pane.render(f, f.area(), &PaneCtx::new(&l.m, Lang::Zh, at("14:20")))
    });
    insta::assert_snapshot!("agenda_not_started_zh", t.backend());
    let l = running();
    let mut pane = AgendaPane::new(&l.m);
    let t = draw(30, 6, |f| {
        pane.render(f, f.area(), &PaneCtx::new(&l.m, Lang::Zh, at("15:07")))
    });
    insta::assert_snapshot!("agenda_tiny_zh", t.backend());
    let t = draw(12, 2, |f| {
        pane.render(f, f.area(), &PaneCtx::new(&l.m, Lang::Zh, at("15:07")))
    });
    insta::assert_snapshot!("agenda_tinier_zh", t.backend());
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn agenda_keys_become_commands() {
    let l = running();
    let mut pane = AgendaPane::new(&l.m);
    let lang = Lang::Zh;
    // Keys go through the desk's default keymap, as they do in the running desk.
    let keymap = Keymap::default();
    let act = |p: &mut AgendaPane, c: KeyCode| {
        let k = Key::from_event(&key(c)).unwrap();
        let a = agenda_action(keymap.lookup(Scope::Agenda, &k).unwrap()).unwrap();
        p.handle(a, &l.m, lang)
    };
    assert_eq!(
        pane.selected_item(),
        Some("problems"),
        "follows the running item"
    );
    assert_eq!(
        act(&mut pane, KeyCode::Char(' ')),
        Effect::Execute(Command::PauseItem)
    );
    assert_eq!(
        act(&mut pane, KeyCode::Char('n')),
        Effect::Execute(Command::NextItem)
    );
    assert_eq!(
        act(&mut pane, KeyCode::Char('p')),
        Effect::Execute(Command::PrevItem)
    );
    assert_eq!(
        act(&mut pane, KeyCode::Char('e')),
        Effect::Execute(Command::EndItem)
    );
    act(&mut pane, KeyCode::Down);
    assert_eq!(
        act(&mut pane, KeyCode::Char('x')),
        Effect::Execute(Command::SkipItem {
            item: Some("rectify".into())
        })
    );
    assert_eq!(
        act(&mut pane, KeyCode::Enter),
        Effect::Execute(Command::StartItem {
            item: Some("rectify".into())
        })
    );
    assert_eq!(act(&mut pane, KeyCode::Char('a')), Effect::OpenActionForm);
}

#[test]
fn note_editor_takes_chinese_and_puts_the_cursor_at_the_caret() {
    let l = running();
    let mut pane = AgendaPane::new(&l.m);
    pane.handle(AgendaAction::AddDecision, &l.m, Lang::Zh);
    assert!(pane.editing());
    for c in "整改6月底前到位".chars() {
        pane.handle_editor_key(&key(KeyCode::Char(c)));
    }
    pane.handle_editor_key(&key(KeyCode::Enter));
    for c in "各单位自查".chars() {
        pane.handle_editor_key(&key(KeyCode::Char(c)));
    }
    let mut t = draw(80, 24, |f| {
        pane.render(f, f.area(), &PaneCtx::new(&l.m, Lang::Zh, at("15:07")))
    });
    insta::assert_snapshot!(t.backend());
    // The caret is after 各单位自查 (5 wide characters = 10 columns) on the second line.
    let (x, y) = find(&t, "各单位自查");
    assert_eq!(t.get_cursor_position().unwrap(), (x + 10, y).into());
    let e = pane.handle_editor_key(&key(KeyCode::F(2)));
    assert_eq!(
        e,
        Effect::Execute(Command::AddNote {
            item: Some("problems".into()),
            text: "整改6月底前到位\n各单位自查".into(),
            decision: true,
        })
    );
    // Small screens still draw the editor without panicking.
    t.backend_mut().resize(24, 7);
    t.draw(|f| pane.render(f, f.area(), &PaneCtx::new(&l.m, Lang::Zh, at("15:07"))))
        .unwrap();
}

#[test]
fn notes_can_be_edited_marked_and_deleted_from_the_list() {
    let l = running();
    let mut pane = AgendaPane::new(&l.m);
    pane.handle(AgendaAction::SwitchFocus, &l.m, Lang::En);
    pane.handle(AgendaAction::Down, &l.m, Lang::En);
    assert_eq!(
        pane.handle(AgendaAction::ToggleDecision, &l.m, Lang::En),
        Effect::Execute(Command::EditNote {
            note: "N2".into(),
            text: "学生资助信息共享要及时，精准资助管理要加强。".into(),
            decision: false
        })
    );
    assert_eq!(
        pane.handle(AgendaAction::DeleteNote, &l.m, Lang::En),
        Effect::Execute(Command::DeleteNote { note: "N2".into() })
    );
    // Enter on a note edits it (Start is Enter's action in the items list).
    pane.handle(AgendaAction::Start, &l.m, Lang::En);
    assert!(pane.editing());
    pane.handle_editor_key(&key(KeyCode::Char('!')));
    match pane.handle_editor_key(&key(KeyCode::F(2))) {
        Effect::Execute(Command::EditNote {
            note,
            text,
            decision,
        }) => {
            assert_eq!(note, "N2");
            assert!(text.ends_with("加强。!"));
            assert!(decision);
        }
        other => panic!("{other:?}"),
    }
}

fn with_actions() -> Live {
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
    l.ok(
        add(
            "对照整改责任清单逐项自查",
            vec![OwnerRef::Unit("各区县教育局".into())],
            "2017-06-30",
            "6月底前",
        ),
        at("15:05"),
    );
    l.ok(
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
    l.ok(
        add(
            "资金专户管理并公开",
            vec![OwnerRef::Participant("p5".into())],
            "2017-12-31",
            "年底",
        ),
        at("15:06"),
    );
    l.ok(
        Command::CompleteAction {
            action: "A3".into(),
        },
        at("15:07"),
    );
    l
}

#[test]
fn actions_list_with_filters_zh() {
    let l = with_actions();
    let today = NaiveDate::from_ymd_opt(2017, 5, 20).unwrap();
    let mut pane = ActionsPane::new(&l.m, today);
    let t = draw(80, 24, |f| {
        pane.render(f, f.area(), &PaneCtx::new(&l.m, Lang::Zh, at("15:07")))
    });
    insta::assert_snapshot!(t.backend());
    let (x, y) = find(&t, "逾期   05-12");
    assert_eq!(t.backend().buffer()[(x, y)].bg, Color::Red);
    // Overdue only, then an owner filter typed in the box.
    pane.handle(ActionsAction::ToggleOverdue, &l.m, Lang::Zh);
    let ids: Vec<&str> = pane.rows().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["A2"]);
    pane.handle(ActionsAction::ClearFilters, &l.m, Lang::Zh);
    pane.handle(ActionsAction::FilterOwner, &l.m, Lang::Zh);
    for c in "Li".chars() {
        pane.handle_text_key(&key(KeyCode::Char(c)), &l.m, Lang::Zh);
    }
    let ids: Vec<&str> = pane.rows().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["A3"]);
    pane.handle_text_key(&key(KeyCode::Enter), &l.m, Lang::Zh);
    pane.handle(ActionsAction::CycleStatus, &l.m, Lang::Zh); // open only
    assert!(pane.rows().is_empty());
    pane.handle(ActionsAction::ClearFilters, &l.m, Lang::Zh);
    // Toggle done/open and delete with confirmation.
    assert_eq!(
        pane.handle(ActionsAction::ToggleDone, &l.m, Lang::Zh),
        Effect::Execute(Command::CompleteAction {
            action: "A1".into()
        })
    );
    pane.handle(ActionsAction::Down, &l.m, Lang::Zh);
    pane.handle(ActionsAction::Down, &l.m, Lang::Zh);
    assert_eq!(
        pane.handle(ActionsAction::ToggleDone, &l.m, Lang::Zh),
        Effect::Execute(Command::ReopenAction {
            action: "A3".into()
        })
    );
    pane.handle(ActionsAction::Delete, &l.m, Lang::Zh);
    assert!(pane.takes_text());
    assert_eq!(
        pane.handle_text_key(&key(KeyCode::Char('y')), &l.m, Lang::Zh),
        Effect::Execute(Command::DeleteAction {
            action: "A3".into()
        })
    );
    let t = draw(24, 5, |f| {
        pane.render(f, f.area(), &PaneCtx::new(&l.m, Lang::Zh, at("15:07")))
    });
    insta::assert_snapshot!("actions_tiny_zh", t.backend());
}

#[test]
fn action_form_defaults_resolves_the_due_date_and_suggests_owners() {
    let l = running();
    let mut pane = ActionsPane::new(&l.m, NaiveDate::from_ymd_opt(2017, 5, 4).unwrap());
    pane.handle(ActionsAction::Add, &l.m, Lang::Zh);
    let typ = |p: &mut ActionsPane, s: &str| {
        for c in s.chars() {
            p.handle_text_key(&key(KeyCode::Char(c)), &l.m, Lang::Zh);
        }
    };
    typ(&mut pane, "加强学生资助信息共享");
    pane.handle_text_key(&key(KeyCode::Tab), &l.m, Lang::Zh);
    typ(&mut pane, "张");
    let ctx = PaneCtx::new(&l.m, Lang::Zh, at("15:07"));
    let t = draw(80, 24, |f| pane.render(f, f.area(), &ctx));
    insta::assert_snapshot!("action_form_owner_suggestions_zh", t.backend());
    // Pick the second 张伟 (宜君县), then a venue typed in full, then the due date.
    pane.handle_text_key(&key(KeyCode::Down), &l.m, Lang::Zh);
    pane.handle_text_key(&key(KeyCode::Enter), &l.m, Lang::Zh);
    typ(&mut pane, "耀州区分会场");
    pane.handle_text_key(&key(KeyCode::Tab), &l.m, Lang::Zh);
    typ(&mut pane, "6月底前");
    let mut t = draw(80, 24, |f| pane.render(f, f.area(), &ctx));
    insta::assert_snapshot!("action_form_due_resolved_zh", t.backend());
    // The caret sits after 6月底前 in the due box.
    let (x, y) = find(&t, "6月底前");
    assert_eq!(t.get_cursor_position().unwrap(), (x + 7, y).into());
    match pane.handle_text_key(&key(KeyCode::F(2)), &l.m, Lang::Zh) {
        Effect::Execute(Command::AddAction { fields }) => {
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
                fields.assigned_by.unwrap().unwrap().participant.as_deref(),
                Some("c1")
            );
        }
        other => panic!("{other:?}"),
    }
    // A bad phrase is shown under the box and refuses to save.
    pane.handle_text_key(&key(KeyCode::Backspace), &l.m, Lang::Zh);
    typ(&mut pane, "x");
    assert_eq!(
        pane.handle_text_key(&key(KeyCode::F(2)), &l.m, Lang::Zh),
        Effect::None
    );
    t.backend_mut().resize(26, 8);
    t.draw(|f| pane.render(f, f.area(), &ctx)).unwrap();
    insta::assert_snapshot!("action_form_tiny_zh", t.backend());
}

#[test]
fn big_clock_for_the_video_link() {
    let l = running();
    let mut clock = BigClock;
    let t = draw(80, 24, |f| {
        clock.render(f, f.area(), &PaneCtx::new(&l.m, Lang::Zh, at("15:07")))
    });
    insta::assert_snapshot!("big_clock_warning_zh", t.backend());
    // The digits are coloured cells, not block glyphs.
    let buf = t.backend().buffer();
    let lit = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == Color::Yellow)
        .count();
    assert!(lit > 40, "{lit} lit cells");
    assert!(!t.backend().to_string().contains('█'));
    let t = draw(80, 24, |f| {
        clock.render(f, f.area(), &PaneCtx::new(&l.m, Lang::En, at("15:12")))
    });
    insta::assert_snapshot!("big_clock_overrun_en", t.backend());
    let t = draw(30, 8, |f| {
        clock.render(f, f.area(), &PaneCtx::new(&l.m, Lang::Zh, at("15:07")))
    });
    insta::assert_snapshot!("big_clock_tiny_zh", t.backend());
    let t = draw(10, 3, |f| {
        clock.render(f, f.area(), &PaneCtx::new(&l.m, Lang::Zh, at("15:07")))
    });
    insta::assert_snapshot!("big_clock_tinier_zh", t.backend());
    let idle = Live::new();
    let t = draw(40, 10, |f| {
        clock.render(f, f.area(), &PaneCtx::new(&idle.m, Lang::Zh, at("14:00")))
    });
    insta::assert_snapshot!("big_clock_idle_zh", t.backend());
}
