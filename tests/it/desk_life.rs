//! Issue 15 at the desk: the chair opens (宣布开会) and closes (宣布散会) the meeting from
//! the agenda view, with undo; an automatic 迟到 and its correction; 补签 with the time it
//! happened; walk-ins with a role; the action form's owners and assigner; exports that
//! ask before replacing a file. Keys go through the keymap; the journal is read back from
//! disk. One tmux test runs the real binary through open, an item and the close.

use crate::common;
use crate::tmux;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use huiwu::core::agenda::{OwnerRef, Role};
use huiwu::core::event::EventKind;
use huiwu::core::meeting::{ItemStatus, Meeting, Status};
use huiwu::i18n::Lang;
use huiwu::store::session::{Session, open_read_only, read_agenda};
use huiwu::tui::App;
use huiwu::tui::keymap::Keymap;
use huiwu::tui::view::ViewId;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use common::desk::{Desk, agenda_path, t0};

fn press(d: &mut Desk, code: KeyCode) {
    d.app.key(code, d.now);
}

fn said(d: &Desk) -> String {
    d.app
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

/// The screen as text, the data dir and export dir masked (same width, so columns stay).
fn shot(d: &mut Desk, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let frame = common::screen::frame(&mut term, &mut d.app, d.now);
    let mut text = common::screen::screen(&frame);
    for dir in [d.dir.path().to_path_buf(), d.app.export_dir.clone()] {
        let dir = dir.display().to_string();
        let mask: String = "$DIR"
            .chars()
            .chain(std::iter::repeat('_'))
            .take(dir.len())
            .collect();
        text = text.replace(&dir, &mask);
    }
    // The status line ends with the journal's path, cut where the line ends: mask it
    // whole, since a cut path is not found above.
    text.lines()
        .map(
            |l| match l.find(" | 记录 ").or_else(|| l.find(" | journal ")) {
                Some(i) if l.starts_with(' ') => format!("{} | $JOURNAL", &l[..i]),
                _ => l.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("\n")
}

fn local(hm: &str) -> DateTime<Utc> {
    format!("2017-05-04T{hm}:00+08:00").parse().unwrap()
}

fn person(m: &Meeting, id: &str) -> usize {
    m.person(id).unwrap()
}

/// Find someone by typing, as the secretary does (the search box keeps the focus).
fn find(d: &mut Desk, who: &str) {
    press(d, KeyCode::Esc);
    d.typ(who);
}

#[test]
fn the_chair_opens_closes_reopens_and_undoes_from_the_agenda_view() {
    let mut d = Desk::new(Lang::Zh);
    press(&mut d, KeyCode::F(3));
    assert_eq!(d.app.view, ViewId::Agenda);
    let s = shot(&mut d, 80, 24);
    assert!(s.contains("会议尚未开始。按 o 宣布开会。"), "{s}");
    assert!(
        s.contains("o 开会"),
        "the hint bar leads with opening:\n{s}"
    );

    press(&mut d, KeyCode::Char('o'));
    assert_eq!(d.on_disk().0.started_at, Some(t0()));
    assert!(said(&d).contains("14:35 宣布开会"), "{}", said(&d));
    // Again: nothing recorded, and the desk says since when.
    press(&mut d, KeyCode::Char('o'));
    assert_eq!(d.journal().len(), 1);
    assert!(said(&d).contains("14:35 开始，未重复记录"), "{}", said(&d));

    press(&mut d, KeyCode::Char('n'));
    d.tick(600);
    // Closing asks first; No keeps the meeting open.
    press(&mut d, KeyCode::Char('c'));
    let s = shot(&mut d, 80, 24);
    assert!(
        s.contains("宣布散会？") && s.contains("  1 2016年教育扶贫工作回顾总结"),
        "{s}"
    );
    insta::assert_snapshot!("close_asks_zh_80x24", s);
    press(&mut d, KeyCode::Char('n'));
    assert!(d.on_disk().0.ended_at.is_none());
    assert!(!shot(&mut d, 80, 24).contains("宣布散会？"));

    press(&mut d, KeyCode::Char('c'));
    press(&mut d, KeyCode::Char('y'));
    let (m, _) = d.on_disk();
    assert_eq!(m.ended_at, Some(local("14:45")));
    assert_eq!(m.current_item, None, "the running item ended");
    assert_eq!(
        m.item_state("review").unwrap().status,
        ItemStatus::Ended,
        "{m:?}"
    );
    assert!(
        said(&d).contains("14:45 宣布散会，历时 0:10:00"),
        "{}",
        said(&d)
    );

    // Later, the desk still says it is over; nothing counts on.
    d.tick(300);
    let s = shot(&mut d, 80, 24);
    assert!(s.contains("会议已于 14:45 宣布散会，历时 0:10:00。"), "{s}");
    assert!(s.contains("已散会 14:45（历时 0:10:00）"), "{s}");
    insta::assert_snapshot!("agenda_closed_zh_80x24", s);
    insta::assert_snapshot!("agenda_closed_zh_40x12", shot(&mut d, 40, 12));
    d.ctrl('g');
    let s = shot(&mut d, 80, 24);
    assert!(s.contains("会议已于 14:45 散会"), "{s}");
    assert!(
        !s.contains("剩余") && !s.contains("已用时"),
        "no clock runs:\n{s}"
    );

    // A change after the close is refused with the desk's way to reopen.
    press(&mut d, KeyCode::F(2));
    find(&mut d, "M002");
    press(&mut d, KeyCode::Enter);
    assert!(
        said(&d).contains("请先重新开会（在议程视图按 r）"),
        "{}",
        said(&d)
    );
    assert!(!d.present("M002"));
    // The box is cleared all the same, so that the next scan is not appended to it.
    assert_eq!(
        d.app.views.attendance.query(),
        "",
        "ready for the next scan"
    );

    // Reopen, sign in, close again, then undo the close.
    press(&mut d, KeyCode::F(3));
    press(&mut d, KeyCode::Char('r'));
    assert!(d.on_disk().0.ended_at.is_none());
    assert!(said(&d).contains("已重新开会"), "{}", said(&d));
    press(&mut d, KeyCode::F(2));
    find(&mut d, "M002");
    press(&mut d, KeyCode::Enter);
    assert!(d.present("M002"));
    press(&mut d, KeyCode::F(3));
    press(&mut d, KeyCode::Char('c'));
    press(&mut d, KeyCode::Char('y'));
    assert!(d.on_disk().0.ended_at.is_some());
    d.ctrl('z');
    assert!(
        d.on_disk().0.ended_at.is_none(),
        "undo takes the close back"
    );
    // With items held, the opening itself cannot be withdrawn; the desk says why.
    d.ctrl('z');
    assert!(d.on_disk().0.started_at.is_some());
    assert!(said(&d).contains("已有议程进行过"), "{}", said(&d));
}

#[test]
fn starting_an_item_before_the_opening_opens_the_meeting_and_says_so() {
    let mut d = Desk::new(Lang::En);
    press(&mut d, KeyCode::F(3));
    press(&mut d, KeyCode::Char('n'));
    let m = d.on_disk().0;
    assert_eq!(m.started_at, Some(t0()));
    let n = d.app.notice.clone().unwrap();
    assert_eq!(n.kind, huiwu::tui::msg::NoticeKind::Warning);
    assert!(
        n.text.contains("opened the meeting at 14:35") && n.text.contains("after 14:35 are late"),
        "{n:?}"
    );

    // An opening made by mistake, before any item, is withdrawn with the undo key.
    let mut d = Desk::new(Lang::En);
    press(&mut d, KeyCode::F(3));
    press(&mut d, KeyCode::Char('o'));
    press(&mut d, KeyCode::F(12));
    assert_eq!(d.on_disk().0.started_at, None);
    assert!(said(&d).contains("Opening withdrawn"), "{}", said(&d));
    press(&mut d, KeyCode::Char('c'));
    assert!(
        said(&d).contains("has not been opened; o opens it"),
        "{}",
        said(&d)
    );
}

#[test]
fn the_meeting_keys_are_in_help_and_can_be_rebound() {
    let mut d = Desk::new(Lang::En);
    press(&mut d, KeyCode::F(3));
    press(&mut d, KeyCode::F(1));
    let s = shot(&mut d, 100, 48);
    for line in [
        "open the meeting",
        "close the meeting; all timers stop",
        "reopen a closed meeting, to change its record",
        "undo the last opening or closing",
    ] {
        assert!(s.contains(line), "{line} missing:\n{s}");
    }

    let dir = tempfile::tempdir().unwrap();
    let agenda = read_agenda(&agenda_path(), Lang::En).unwrap();
    let session = Session::open(&agenda, dir.path(), "desk", t0()).unwrap();
    let keys =
        Keymap::with_overrides(r#"{"agenda": {"close_meeting": ["F11"]}}"#, "keys.json").unwrap();
    let mut app = App::new(session, Lang::En, keys);
    app.key(KeyCode::F(3), t0());
    app.key(KeyCode::Char('o'), t0());
    app.key(KeyCode::Char('c'), t0());
    assert!(!app.views.agenda.confirming_close_shown(), "c is not bound");
    let s = common::screen::app_screen(&mut app, t0(), 100, 24);
    assert!(s.contains("F11 close meeting"), "{s}");
    app.key(KeyCode::F(11), t0());
    assert!(app.views.agenda.confirming_close_shown());
}

#[test]
fn a_sign_in_after_the_opening_is_late_and_the_late_key_corrects_it() {
    let mut d = Desk::new(Lang::En);
    press(&mut d, KeyCode::F(3));
    press(&mut d, KeyCode::Char('o'));
    press(&mut d, KeyCode::F(2));
    d.tick(60);
    find(&mut d, "M002");
    press(&mut d, KeyCode::Enter);
    let m = d.on_disk().0;
    assert_eq!(m.attendance[person(&m, "M002")].status(), Status::Late);
    let n = d.app.notice.clone().unwrap();
    assert!(
        n.text.contains("signed in late at 14:36:00")
            && n.text.contains("after 14:35")
            && n.text.contains("F6/Ctrl+L corrects it to on time"),
        "{n:?}"
    );
    // The notice wraps rather than losing the key at 80 columns.
    let s = shot(&mut d, 80, 24);
    assert!(s.contains("on time"), "{s}");

    // The person stays highlighted: F6 now corrects the automatic 迟到.
    press(&mut d, KeyCode::F(6));
    let m = d.on_disk().0;
    assert_eq!(m.attendance[person(&m, "M002")].status(), Status::Present);
    assert!(said(&d).contains("on time after all"), "{}", said(&d));
}

#[test]
fn sign_in_after_the_fact_keeps_the_time_it_happened_and_shows_it() {
    let mut d = Desk::new(Lang::Zh);
    press(&mut d, KeyCode::F(3));
    press(&mut d, KeyCode::Char('o'));
    press(&mut d, KeyCode::F(2));
    d.tick(1500); // 15:00
    find(&mut d, "M003");
    d.ctrl('u');
    let s = shot(&mut d, 80, 24);
    assert!(s.contains("补签：张伟") && s.contains("到会时间"), "{s}");
    insta::assert_snapshot!("sign_in_at_form_zh_80x24", s);

    // A time that cannot be read, and one that has not come yet: the form says why.
    d.typ("25:99");
    press(&mut d, KeyCode::Enter);
    assert!(shot(&mut d, 80, 24).contains("无法识别时间 `25:99`"));
    for _ in 0..5 {
        press(&mut d, KeyCode::Backspace);
    }
    d.typ("15:30");
    press(&mut d, KeyCode::Enter);
    assert!(shot(&mut d, 80, 24).contains("该时间尚未到来"));
    assert!(!d.present("M003"));

    for _ in 0..5 {
        press(&mut d, KeyCode::Backspace);
    }
    d.typ("14:20");
    press(&mut d, KeyCode::Enter);
    let (m, events) = d.on_disk();
    let p = person(&m, "M003");
    assert_eq!(m.attendance[p].arrived, Some(local("14:20")));
    assert_eq!(
        m.attendance[p].status(),
        Status::Present,
        "before the opening"
    );
    assert_eq!(m.entered_later(p), Some(local("15:00")));
    assert!(events.iter().any(|e| matches!(
        &e.kind,
        EventKind::SignedIn { participant, effective_at: Some(t), .. }
            if participant == "M003" && *t == local("14:20")
    )));
    assert!(said(&d).contains("补签：14:20:00 到会"), "{}", said(&d));
    let s = shot(&mut d, 80, 24);
    assert!(s.contains("14:20 补"), "the roster marks it:\n{s}");
    assert!(shot(&mut d, 120, 30).contains("补签，15:00 录入"));

    // After the opening (14:35) a 补签 is late, and says how to correct it.
    find(&mut d, "M004");
    d.ctrl('u');
    d.typ("14:50");
    press(&mut d, KeyCode::Enter);
    let m = d.on_disk().0;
    assert_eq!(m.attendance[person(&m, "M004")].status(), Status::Late);
    assert!(
        said(&d).contains("补签：14:50:00 到会（迟到）") && said(&d).contains("改为准时"),
        "{}",
        said(&d)
    );
    // Someone already here is not signed in again after the fact.
    find(&mut d, "M004");
    d.ctrl('u');
    assert!(said(&d).contains("已于"), "{}", said(&d));
    assert!(!shot(&mut d, 80, 24).contains("到会时间"));
}

#[test]
fn walk_ins_get_a_role_and_undo_takes_them_out_of_every_count() {
    let mut d = Desk::new(Lang::Zh);
    let expected = |d: &Desk| d.on_disk().0.total_counts().expected;
    let before = expected(&d);
    // A reporter: 媒体, not counted in 应到.
    find(&mut d, "赵志强");
    d.ctrl('w');
    press(&mut d, KeyCode::Tab);
    d.typ("铜川日报社");
    press(&mut d, KeyCode::Tab);
    d.typ("记者");
    press(&mut d, KeyCode::Tab);
    for _ in 0..3 {
        press(&mut d, KeyCode::Right);
    }
    assert!(shot(&mut d, 80, 24).contains("< 媒体（不计入应到） >"));
    press(&mut d, KeyCode::Enter);
    let m = d.on_disk().0;
    let p = m.people.iter().position(|p| p.name == "赵志强").unwrap();
    assert_eq!(m.people[p].role, Role::Media);
    assert_eq!(m.total_counts().expected, before);
    assert!(said(&d).contains("以媒体身份") && said(&d).contains("不计入应到"));

    // A member walk-in (the default) counts; undone, they are in no count and no list.
    find(&mut d, "马小云");
    d.ctrl('w');
    press(&mut d, KeyCode::Enter);
    assert_eq!(expected(&d), before + 1);
    assert_eq!(
        d.on_disk().0.total_counts().present,
        1,
        "the reporter is not"
    );
    d.ctrl('z');
    let m = d.on_disk().0;
    let walk_in = m.people.iter().position(|p| p.name == "马小云").unwrap();
    assert_eq!(m.total_counts().expected, before);
    assert_eq!(m.total_counts().present, 0);
    assert_eq!(
        m.total_counts().absent,
        before,
        "not counted as absent either"
    );
    assert!(
        said(&d).contains("马小云") && said(&d).contains("移除"),
        "{}",
        said(&d)
    );
    find(&mut d, "马小云");
    assert!(
        d.app.views.attendance.listed().is_empty(),
        "not found again"
    );
    press(&mut d, KeyCode::Esc);
    assert!(!d.app.views.attendance.listed().contains(&walk_in));
    assert!(
        d.app.views.attendance.listed().contains(&p),
        "the reporter stays"
    );
}

#[test]
fn the_agenda_may_give_walk_ins_another_role() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(agenda_path()).unwrap();
    let text = text.replacen(
        "\"location\": \"市电信局视频电话会议室\"\n  },",
        "\"location\": \"市电信局视频电话会议室\",\n    \"walk_in_role\": \"observer\"\n  },",
        1,
    );
    assert!(text.contains("walk_in_role"));
    let file = dir.path().join("agenda.json");
    std::fs::write(&file, text).unwrap();
    let agenda = read_agenda(&file, Lang::Zh).unwrap();
    let session = Session::open(&agenda, &dir.path().join("data"), "desk", t0()).unwrap();
    let mut app = App::new(session, Lang::Zh, Keymap::default());
    app.type_str("钱多多", t0());
    app.key_with(KeyCode::Char('w'), KeyModifiers::CONTROL, t0());
    let s = common::screen::app_screen(&mut app, t0(), 80, 24);
    assert!(s.contains("< 列席（不计入应到） >"), "{s}");
    app.key(KeyCode::Enter, t0());
    let m = app.meeting();
    let p = m.people.iter().position(|p| p.name == "钱多多").unwrap();
    assert_eq!(m.people[p].role, Role::Observer);
    assert_eq!(m.total_counts().observers_present, 1);
}

#[test]
fn the_action_form_splits_owners_flags_strangers_and_checks_the_assigner() {
    let mut d = Desk::new(Lang::Zh);
    let tasks = d.on_disk().0.actions.len();
    press(&mut d, KeyCode::F(3));
    press(&mut d, KeyCode::Char('n'));
    d.ctrl('d');
    d.typ("制定整改路线图");
    press(&mut d, KeyCode::Tab);
    d.typ("耀州区分会场、王益区，市教育局;王晓红、火星局");
    press(&mut d, KeyCode::Tab);
    let s = shot(&mut d, 80, 24);
    assert!(
        s.contains("[耀州区分会场] [王益区分会场] [市教育局] [王晓红] 火星局"),
        "four owners, the stranger left in the box:\n{s}"
    );
    assert!(
        s.contains("`火星局` 与名单中的人员、会场、单位都不符"),
        "{s}"
    );
    insta::assert_snapshot!("action_form_unmatched_owner_zh_80x24", s);
    // Saving is refused while it is there.
    press(&mut d, KeyCode::F(2));
    assert_eq!(d.on_disk().0.actions.len(), tasks, "nothing saved");
    for _ in 0..3 {
        press(&mut d, KeyCode::Backspace);
    }
    // The assigner is checked like an owner.
    for _ in 0..3 {
        press(&mut d, KeyCode::Tab);
    }
    for _ in 0..3 {
        press(&mut d, KeyCode::Backspace);
    }
    d.typ("杨涛放假前");
    press(&mut d, KeyCode::F(2));
    let s = shot(&mut d, 80, 24);
    assert!(s.contains("交办人 `杨涛放假前` 不在名单中"), "{s}");
    assert_eq!(d.on_disk().0.actions.len(), tasks);
    for _ in 0..5 {
        press(&mut d, KeyCode::Backspace);
    }
    d.typ("李建国");
    press(&mut d, KeyCode::F(2));
    let m = d.on_disk().0;
    let a = m.actions.last().unwrap();
    assert_eq!(
        a.owners,
        vec![
            OwnerRef::Venue("yaozhou".into()),
            OwnerRef::Venue("wangyi".into()),
            OwnerRef::Unit("市教育局".into()),
            OwnerRef::Participant("M001".into()),
        ]
    );
    assert_eq!(
        a.assigned_by
            .as_ref()
            .and_then(|p| p.participant.as_deref()),
        Some("M002")
    );
    assert_eq!(a.item.as_deref(), Some("review"));

    // After the close a task is not filed under the item that ran last.
    press(&mut d, KeyCode::F(3));
    press(&mut d, KeyCode::Char('c'));
    press(&mut d, KeyCode::Char('y'));
    d.ctrl('d');
    let s = shot(&mut d, 80, 24);
    assert!(
        s.contains("（无）") && s.contains("会议已散会：除非选择议程"),
        "{s}"
    );
    d.typ("报送整改报告");
    press(&mut d, KeyCode::Tab);
    d.typ("person:杨涛");
    press(&mut d, KeyCode::F(2));
    let m = d.on_disk().0;
    let a = m.actions.last().unwrap();
    assert_eq!(a.text, "报送整改报告");
    assert_eq!(a.item, None);
    assert_eq!(a.owners, vec![OwnerRef::Person("杨涛".into())]);
}

#[test]
fn exports_ask_before_replacing_a_file_and_say_where_each_went() {
    let mut d = Desk::new(Lang::En);
    let out = tempfile::tempdir().unwrap();
    d.app.export_dir = out.path().to_path_buf();
    let md: PathBuf = out.path().join("desk-test.md");
    press(&mut d, KeyCode::F(5));
    press(&mut d, KeyCode::Char('m'));
    assert!(said(&d).contains(&md.display().to_string()), "{}", said(&d));
    std::fs::write(&md, "kept").unwrap();

    // Again: the view asks, naming the file; No keeps it.
    press(&mut d, KeyCode::Char('m'));
    let s = shot(&mut d, 80, 24);
    assert!(
        s.contains("Replace existing files?") && s.contains("desk-test.md"),
        "{s}"
    );
    insta::assert_snapshot!("export_asks_en_80x24", s);
    press(&mut d, KeyCode::Char('n'));
    assert_eq!(std::fs::read_to_string(&md).unwrap(), "kept");
    assert!(said(&d).contains("Nothing exported"), "{}", said(&d));

    // Word, then all six: only the existing ones are named, and replaced on Yes.
    press(&mut d, KeyCode::Char('w'));
    assert!(out.path().join("desk-test.docx").exists());
    press(&mut d, KeyCode::Char('a'));
    assert!(!out.path().join("desk-test.html").exists(), "nothing yet");
    let s = shot(&mut d, 100, 30);
    assert!(
        s.contains("desk-test.md") && s.contains("desk-test.docx"),
        "{s}"
    );
    assert!(!s.contains("desk-test.html"), "{s}");
    // Enter does not answer (a scanner ends every badge with one): y does.
    press(&mut d, KeyCode::Enter);
    assert_eq!(std::fs::read_to_string(&md).unwrap(), "kept");
    press(&mut d, KeyCode::Char('y'));
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# "));
    let n = said(&d);
    let dir = out.path().join("").display().to_string();
    assert!(
        n.contains(&format!(
            "Exported to {dir}: desk-test.md (replaced), desk-test.html, desk-test.docx (replaced)"
        )),
        "{n}"
    );
    for ext in ["md", "html", "docx", "json", "csv", "xlsx"] {
        assert!(
            out.path().join(format!("desk-test.{ext}")).exists(),
            "{ext}"
        );
    }
    crate::common::schema::Shape::Export
        .parse(&std::fs::read(out.path().join("desk-test.json")).unwrap());
}

#[test]
fn tmux_the_chair_opens_runs_an_item_and_closes_the_meeting() {
    if !crate::common::e2e::require(&[crate::common::e2e::Need::Tmux]) {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let env = format!(
        "LANG=zh_CN.UTF-8 HUIWU_SEAT=e2e HUIWU_CONFIG_DIR={}",
        tmux::q(config.path().to_string_lossy())
    );
    let args = format!(
        "run --data-dir {} {}",
        tmux::q(data.path().to_string_lossy()),
        tmux::q(tmux::desk_agenda().to_string_lossy())
    );
    let p = tmux::Pane::start("life", 80, 24, &tmux::huiwu_line(&env, &args, "sleep 60"));
    p.wait_for("搜索>");
    p.keys(&["F3"]);
    p.wait_for("按 o 宣布开会");
    p.keys(&["o"]);
    p.wait_for("宣布开会；");
    p.keys(&["n"]);
    p.wait_for("进行中");
    p.keys(&["c"]);
    p.wait_for("宣布散会？");
    p.keys(&["y"]);
    p.wait_for("如需修改记录：按 r 重新开会。");
    // The status line says it too.
    p.wait_for("已散会");
    let agenda = read_agenda(&tmux::desk_agenda(), Lang::Zh).unwrap();
    let (m, events, _) = open_read_only(&agenda, data.path()).unwrap();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| match e.kind {
            EventKind::MeetingStarted { .. } => "open",
            EventKind::ItemStarted { .. } => "item",
            EventKind::ItemEnded { .. } => "item ended",
            EventKind::MeetingEnded { .. } => "close",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["open", "item", "close"], "{events:?}");
    assert!(m.ended_at.is_some() && m.current_item.is_none());
}
