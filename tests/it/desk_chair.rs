//! The chair's panes inside the desk: keys through the keymap, commands through the
//! session, the action form from another view and back.

use crate::runner;

use huiwu::core::meeting::ItemStatus;
use huiwu::i18n::Lang;
use huiwu::store::session::{Session, read_agenda};
use huiwu::tui::App;
use huiwu::tui::keymap::Keymap;
use huiwu::tui::view::ViewId;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use runner::*;

fn app(dir: &tempfile::TempDir) -> App {
    let file = dir.path().join("runner.json");
    std::fs::write(&file, RUNNER_AGENDA).unwrap();
    let agenda = read_agenda(&file, Lang::Zh).unwrap();
    let session = Session::open(&agenda, &dir.path().join("data"), "desk", at("14:00")).unwrap();
    App::new(session, Lang::Zh, Keymap::default())
}

fn screen(app: &mut App, now: chrono::DateTime<chrono::Utc>) -> String {
    crate::common::screen::app_screen(app, now, 100, 30)
}

#[test]
fn the_chair_runs_the_agenda_and_writes_a_decision_with_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    app.key(KeyCode::F(3), at("14:30"));
    assert_eq!(app.view, ViewId::Agenda);
    app.key(KeyCode::Char('n'), at("14:30"));
    assert_eq!(app.meeting().current_item.as_deref(), Some("review"));
    app.key(KeyCode::Char(' '), at("14:35"));
    assert_eq!(
        app.meeting().item_state("review").unwrap().status,
        ItemStatus::Paused
    );
    app.key(KeyCode::Char(' '), at("14:36"));
    app.key(KeyCode::Char('d'), at("14:40"));
    app.type_str("全面完成年度目标", at("14:40"));
    // Enter is a new line in the note, not "start item".
    app.key(KeyCode::Enter, at("14:40"));
    app.type_str("第二行", at("14:40"));
    // Tab (next view everywhere else) does not leave the editor.
    app.key(KeyCode::Tab, at("14:40"));
    assert_eq!(app.view, ViewId::Agenda);
    app.key(KeyCode::F(2), at("14:41"));
    let n = &app.meeting().notes[0];
    assert_eq!(n.item.as_deref(), Some("review"));
    assert!(n.decision);
    assert!(n.text.starts_with("全面完成年度目标\n第二行"));
    let s = screen(&mut app, at("14:41"));
    assert!(s.contains("[议定] 全面完成年度目标"), "{s}");
    assert!(s.contains("已用 10:00"), "{s}");
}

#[test]
fn the_action_form_opens_from_attendance_and_goes_back_after_saving() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    app.key(KeyCode::F(3), at("14:30"));
    app.key(KeyCode::Char('n'), at("14:30"));
    app.key(KeyCode::F(2), at("14:31"));
    assert_eq!(app.view, ViewId::Attendance);
    app.key_with(KeyCode::Char('d'), KeyModifiers::CONTROL, at("14:32"));
    assert_eq!(app.view, ViewId::Actions);
    app.type_str("各区县制定路线图", at("14:32"));
    app.key(KeyCode::Tab, at("14:32"));
    app.type_str("耀州区分会场", at("14:32"));
    app.key(KeyCode::Tab, at("14:32"));
    app.type_str("6月底前", at("14:32"));
    let s = screen(&mut app, at("14:32"));
    assert!(s.contains("-> 2017-06-30 周五"), "{s}");
    app.key(KeyCode::F(2), at("14:33"));
    assert_eq!(
        app.view,
        ViewId::Attendance,
        "back where the form was opened"
    );
    let a = &app.meeting().actions[0];
    assert_eq!(a.due_text.as_deref(), Some("6月底前"));
    assert_eq!(a.item.as_deref(), Some("review"));
    assert_eq!(
        app.meeting().person_label(a.assigned_by.as_ref().unwrap()),
        "李建国"
    );
    // In the actions view: done with Space, then the big clock.
    app.key(KeyCode::F(4), at("14:34"));
    app.key(KeyCode::Char(' '), at("14:34"));
    assert_eq!(
        app.meeting().actions[0].status,
        huiwu::core::meeting::ActionStatus::Done
    );
    app.key_with(KeyCode::Char('g'), KeyModifiers::CONTROL, at("14:35"));
    assert_eq!(app.view, ViewId::Clock);
    let s = screen(&mut app, at("14:35"));
    assert!(s.contains("主讲：李建国"), "{s}");
}
