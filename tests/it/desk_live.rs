//! The desk follows the other seats live (issue 13, the desk's part): another seat's
//! events reach an open desk without a key press; a read-only desk follows and refuses
//! every change; the anomalies are counted and listed; the roll call takes the figures a
//! roster branch reports while its own sign-ins are absent. In process, and end to end in
//! tmux (a desk open, `huiwu attend` from another process).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use huiwu::core::agenda::Role;
use huiwu::core::command::Command;
use huiwu::core::meeting::CountsSource;
use huiwu::i18n::Lang;
use huiwu::store::layout;
use huiwu::store::session::Session;
use huiwu::tui::msg::{Msg, Tag};
use huiwu::tui::view::{View, ViewId};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::common::desk::Desk;
use crate::common::screen::app_screen;
use crate::tmux::{self, Pane, huiwu_line, q, tmux_available};

const MEETING: &str = "desk-test";

fn sign_in(id: &str) -> Command {
    Command::SignIn {
        participant: id.into(),
        late: false,
        effective_at: None,
    }
}

/// Another seat of this computer, on the desk's data dir.
fn other_seat(d: &Desk, seat: &str) -> Session {
    Session::open(&d.agenda, d.dir.path(), seat, d.now).unwrap()
}

/// What the watcher sends when another seat wrote, received as the run loop does.
fn hear(d: &mut Desk) {
    d.app.sender().send(Msg::OtherSeats).unwrap();
    d.app.receive(d.now);
}

fn screen(d: &mut Desk) -> String {
    app_screen(&mut d.app, d.now, 100, 30)
}

fn notice(d: &Desk) -> String {
    d.app
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

fn key(d: &mut Desk, code: KeyCode) {
    d.app.key(code, d.now);
}

fn ctrl(d: &mut Desk, c: char) {
    d.app
        .key_with(KeyCode::Char(c), KeyModifiers::CONTROL, d.now);
}

fn present(d: &Desk, id: &str) -> bool {
    let m = d.app.meeting();
    m.attendance[m.person(id).unwrap()].is_present()
}

/// The roster row of `name` on the screen.
fn row<'a>(s: &'a str, name: &str) -> &'a str {
    s.lines().find(|l| l.contains(name)).unwrap_or("")
}

/// Another computer's journal for seat `seat`, carried into the desk's data dir as
/// `huiwu merge` leaves it.
fn carry(d: &Desk, other_dir: &Path, seat: &str) {
    let from = layout::seat_journal(other_dir, MEETING, seat);
    let to_dir = layout::carried_dir(d.dir.path(), MEETING);
    std::fs::create_dir_all(&to_dir).unwrap();
    std::fs::copy(&from, to_dir.join(format!("{seat}.jsonl"))).unwrap();
}

/// The actions view's rows, by their text.
fn action_texts(d: &Desk) -> Vec<String> {
    let rows = d.app.views.actions.rows();
    rows.iter().map(|r| r.text.clone()).collect()
}

/// Every file under `dir`, with its length.
fn files(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let len = std::fs::metadata(&p).unwrap().len();
                out.push((p, len));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn another_seats_sign_in_updates_counts_row_and_arrivals_without_a_key() {
    let mut d = Desk::new(Lang::Zh);
    d.app.type_str("王晓红", d.now);
    key(&mut d, KeyCode::Enter);
    let said = notice(&d);
    assert!(said.contains("王晓红"), "{said}");
    let before = screen(&mut d);
    assert!(row(&before, "李建国").contains("未到"), "{before}");

    let mut door = other_seat(&d, "door");
    door.execute(&sign_in("M002"), d.now).unwrap();
    assert!(
        !present(&d, "M002"),
        "nothing is heard before the watcher says so"
    );
    hear(&mut d);

    assert!(present(&d, "M002"));
    let s = screen(&mut d);
    assert!(row(&s, "李建国").contains("已到"), "{s}");
    let main = row(&s, "主会场 ");
    assert!(
        main.split_whitespace().take(3).collect::<Vec<_>>() == ["主会场", "8", "2"],
        "the venue counts: {s}"
    );
    assert!(s.contains("峰值 2"), "the arrivals chart: {s}");
    // What the secretary was told stays: news from other seats is not a notice.
    assert_eq!(notice(&d), said);
}

#[test]
fn the_watcher_wakes_the_desk_when_another_seat_writes() {
    let mut d = Desk::new(Lang::En);
    d.app.follow_seats();
    let mut door = other_seat(&d, "door");
    door.execute(&sign_in("M003"), d.now).unwrap();
    let start = Instant::now();
    while !present(&d, "M003") {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the desk never heard of the other seat's sign-in"
        );
        std::thread::sleep(Duration::from_millis(20));
        d.app.receive(d.now);
    }
    let s = screen(&mut d);
    assert!(row(&s, "张伟").contains("present"), "{s}");
}

#[test]
fn a_journal_that_cannot_be_read_is_said_and_the_desk_goes_on() {
    let mut d = Desk::new(Lang::En);
    let carried = layout::carried_dir(d.dir.path(), MEETING);
    std::fs::create_dir_all(&carried).unwrap();
    std::fs::write(carried.join("bad.jsonl"), "not a journal\n").unwrap();
    hear(&mut d);
    let s = screen(&mut d);
    assert!(
        notice(&d).contains("other seats' records could not be read"),
        "{}",
        notice(&d)
    );
    assert!(s.contains("other seats:"), "the status line says so: {s}");
    // The desk still records.
    d.app.type_str("M001", d.now);
    key(&mut d, KeyCode::Enter);
    assert!(present(&d, "M001"));
    assert!(notice(&d).contains("signed in"), "{}", notice(&d));
}

#[test]
fn an_earlier_walk_in_from_another_seat_keeps_the_highlight_on_the_same_person() {
    let north_dir = tempfile::tempdir().unwrap();
    let mut d = Desk::new(Lang::Zh);
    // Another computer adds a walk-in at 14:35; this desk adds one a minute later.
    let mut north = Session::open(&d.agenda, north_dir.path(), "north", d.now).unwrap();
    let walk_in = |name: &str| Command::WalkIn {
        name: name.into(),
        unit: String::new(),
        title: String::new(),
        venue: "main".into(),
        role: Role::Member,
    };
    north.execute(&walk_in("北方来客"), d.now).unwrap();
    drop(north);
    d.tick(60);
    ctrl(&mut d, 'w');
    d.app.type_str("马小云", d.now);
    key(&mut d, KeyCode::Enter);
    let mine = d.app.views.attendance.highlighted().unwrap();
    assert_eq!(d.app.meeting().people[mine].name, "马小云");

    // The other computer's journal arrives: its walk-in sorts first and moves ours.
    carry(&d, north_dir.path(), "north");
    hear(&mut d);
    let m = d.app.meeting();
    let now_mine = m.people.iter().position(|p| p.name == "马小云").unwrap();
    assert_eq!(now_mine, mine + 1, "the earlier walk-in took the index");
    let h = d.app.views.attendance.highlighted().unwrap();
    assert_eq!(
        d.app.meeting().people[h].name,
        "马小云",
        "the highlight moved with her"
    );
    // The search finds both by their own names.
    for name in ["北方来客", "马小云"] {
        d.app.type_str(name, d.now);
        let h = d.app.views.attendance.highlighted().unwrap();
        assert_eq!(d.app.meeting().people[h].name, name);
        key(&mut d, KeyCode::Esc);
    }
}

#[test]
fn a_read_only_desk_follows_writes_nothing_and_refuses_every_change() {
    let dir = tempfile::tempdir().unwrap();
    {
        // A seat recorded earlier.
        let agenda =
            huiwu::store::session::read_agenda(&crate::common::desk::agenda_path(), Lang::Zh)
                .unwrap();
        let mut s = Session::open(&agenda, dir.path(), "door", crate::common::desk::t0()).unwrap();
        s.execute(&sign_in("M001"), crate::common::desk::t0())
            .unwrap();
    }
    let on_disk = files(dir.path());
    let mut d = Desk::follow(Lang::Zh, dir);
    assert!(d.app.read_only());
    assert!(present(&d, "M001"));
    let s = screen(&mut d);
    assert!(notice(&d).contains("只读：实时跟随"), "{}", notice(&d));
    let status = s.lines().rev().nth(1).unwrap();
    assert!(
        status.contains("只读") && status.contains("跟随"),
        "{status}"
    );

    // Every key that would record, in every view: refused, saying what it would do.
    d.app.type_str("李建国", d.now);
    key(&mut d, KeyCode::Enter);
    let n = notice(&d);
    assert!(
        n.contains("本席位为只读") && n.contains("Enter（为输入或扫描的人员签到）"),
        "{n}"
    );
    assert_eq!(
        d.app.views.attendance.query(),
        "李建国",
        "what was typed stays"
    );
    for (c, what) in [
        ('r', "Ctrl+R（分会场点名）"),
        ('w', "临时"),
        ('d', "Ctrl+D"),
    ] {
        ctrl(&mut d, c);
        assert!(notice(&d).contains(what), "{c}: {}", notice(&d));
        assert!(!d.app.views.attendance.modal(), "{c}: no form opens");
        assert_eq!(d.app.view, ViewId::Attendance);
    }
    key(&mut d, KeyCode::F(7));
    assert!(notice(&d).contains("F7/Ctrl+E（请假"), "{}", notice(&d));
    key(&mut d, KeyCode::F(3));
    for k in ['o', 's', 't'] {
        key(&mut d, KeyCode::Char(k));
        assert!(notice(&d).contains("本席位为只读"), "{k}: {}", notice(&d));
    }
    key(&mut d, KeyCode::F(4));
    key(&mut d, KeyCode::Char('a'));
    assert!(notice(&d).contains("本席位为只读"), "{}", notice(&d));
    // Whatever asks to record some other way is refused too, and the journal is not
    // called failed.
    let cmd = Msg::record(sign_in("M002"), Tag::SignIn { person: 1 });
    d.app.update(Some(ViewId::Attendance), vec![cmd], d.now);
    assert!(notice(&d).contains("本席位为只读"), "{}", notice(&d));
    assert!(!screen(&mut d).contains("未保存"));
    // Looking around still works.
    key(&mut d, KeyCode::F(5));
    assert_eq!(d.app.view, ViewId::Minutes);
    key(&mut d, KeyCode::F(2));

    assert_eq!(
        files(d.dir.path()),
        on_disk,
        "nothing written, no lock taken"
    );
    // The hint bar shows only what works here.
    let s = screen(&mut d);
    let hints = s.lines().last().unwrap();
    assert!(
        hints.contains("F1 帮助") && !hints.contains("签到"),
        "{hints}"
    );

    // It follows: a desk's sign-in shows.
    let mut door = other_seat(&d, "door");
    door.execute(&sign_in("M002"), d.now).unwrap();
    hear(&mut d);
    assert!(present(&d, "M002"));
    key(&mut d, KeyCode::Esc);
    let s = screen(&mut d);
    assert!(row(&s, "李建国").contains("已到"), "{s}");
    // Quitting does not ask: nothing can be lost here.
    d.app.type_str("王", d.now);
    ctrl(&mut d, 'c');
    assert!(d.app.should_quit());
}

#[test]
fn a_read_only_desk_in_english_says_so_too() {
    let mut d = Desk::follow(Lang::En, tempfile::tempdir().unwrap());
    key(&mut d, KeyCode::F(9));
    let n = notice(&d);
    assert!(
        n.contains("This desk is read-only: F9/Ctrl+O (left early")
            && n.contains("records nothing here"),
        "{n}"
    );
    let s = screen(&mut d);
    assert!(s.contains("READ-ONLY"), "{s}");
    assert!(files(d.dir.path()).is_empty(), "not even a folder");
}

#[test]
fn the_anomalies_are_counted_in_the_status_line_and_listed_on_a_key() {
    let north_dir = tempfile::tempdir().unwrap();
    let mut d = Desk::new(Lang::Zh);
    let s = screen(&mut d);
    assert!(!s.contains("异常"), "none yet: {s}");
    d.app.type_str("王晓红", d.now);
    key(&mut d, KeyCode::Enter);
    // Another computer signed her in too, at its venue's desk.
    let mut north = Session::open(&d.agenda, north_dir.path(), "north", d.now).unwrap();
    north.execute(&sign_in("M001"), d.now).unwrap();
    drop(north);
    carry(&d, north_dir.path(), "north");
    hear(&mut d);

    let s = screen(&mut d);
    let status = s.lines().rev().nth(1).unwrap();
    assert!(status.contains("异常：1（Ctrl+X）"), "{status}");
    ctrl(&mut d, 'x');
    assert_eq!(d.app.anomalies_offset(), Some(0));
    let s = screen(&mut d);
    for part in [
        "异常（1）",
        "1. 重复签到",
        "王晓红（M001）",
        "north",
        "desk-1",
        "只计一次",
    ] {
        assert!(s.contains(part), "{part}: {s}");
    }
    assert!(s.contains("处理：核实此人实际所在会场"), "{s}");
    assert!(s.contains("Esc 关闭"), "{s}");
    // A key that records does nothing while the list is open; Esc closes it.
    key(&mut d, KeyCode::Enter);
    assert_eq!(d.app.anomalies_offset(), Some(0));
    key(&mut d, KeyCode::Esc);
    assert_eq!(d.app.anomalies_offset(), None);
    // The same key opens and closes it.
    ctrl(&mut d, 'x');
    ctrl(&mut d, 'x');
    assert_eq!(d.app.anomalies_offset(), None);
}

#[test]
fn the_anomaly_list_says_when_there_are_none_and_fits_a_small_screen() {
    let mut d = Desk::new(Lang::En);
    ctrl(&mut d, 'x');
    let s = screen(&mut d);
    assert!(
        s.contains("Anomalies (0)") && s.contains("No anomalies"),
        "{s}"
    );
    for (w, h) in [(40, 12), (60, 16), (200, 60)] {
        let _ = app_screen(&mut d.app, d.now, w, h);
    }
}

#[test]
fn roll_call_figures_count_until_the_branch_sign_ins_arrive() {
    let mut d = Desk::new(Lang::Zh);
    ctrl(&mut d, 'r');
    let s = screen(&mut d);
    assert!(s.contains("仅在本机没有其签到记录时使用"), "{s}");
    // 耀州区分会场 reports 3 present, 1 excused of 4.
    d.app.type_str("3", d.now);
    key(&mut d, KeyCode::Tab);
    d.app.type_str("1", d.now);
    key(&mut d, KeyCode::Enter);
    assert!(
        notice(&d).contains("耀州区分会场 点名已记录"),
        "{}",
        notice(&d)
    );
    key(&mut d, KeyCode::Esc);
    let s = screen(&mut d);
    let yz = row(&s, "耀州区分会场");
    assert!(yz.contains("（报告）") && yz.contains(" 3 "), "{s}");
    let v = d.app.meeting().venue("yaozhou").unwrap();
    assert_eq!(d.app.meeting().counts_source(v), CountsSource::RollCall);

    // The branch's own seat gets connected: its sign-ins count now.
    let mut branch = other_seat(&d, "yaozhou-desk");
    branch.execute(&sign_in("Y001"), d.now).unwrap();
    hear(&mut d);
    let m = d.app.meeting();
    assert_eq!(m.counts_source(v), CountsSource::SignIn);
    assert_eq!(m.venue_counts(v).present, 1);
    let s = screen(&mut d);
    let yz = row(&s, "耀州区分会场");
    assert!(!yz.contains("（报告）"), "{s}");
    // Its roll call asks only for the link now (the roll call opens at the next venue
    // not called yet: back one).
    ctrl(&mut d, 'r');
    key(&mut d, KeyCode::PageUp);
    let s = screen(&mut d);
    assert!(s.contains("[1/3] 耀州区分会场"), "{s}");
    assert!(
        s.contains("人数来自逐人签到") && !s.contains("报告的人数"),
        "{s}"
    );
}

/// The desk in a tmux pane on `data`, read-only or not; the seat it takes is `e2e`.
fn start_desk(tag: &str, data: &Path, extra: &str) -> (Pane, tempfile::TempDir) {
    let config = tempfile::tempdir().unwrap();
    let env = format!(
        "LANG=zh_CN.UTF-8 HUIWU_SEAT=e2e HUIWU_CONFIG_DIR={}",
        q(config.path().to_string_lossy())
    );
    let args = format!(
        "run {extra} --data-dir {} {}",
        q(data.to_string_lossy()),
        q(tmux::desk_agenda().to_string_lossy())
    );
    let pane = Pane::start(tag, 100, 30, &huiwu_line(&env, &args, "sleep 60"));
    pane.wait_for("搜索>");
    (pane, config)
}

#[test]
fn a_sign_in_from_another_process_shows_on_open_desks_without_a_key() {
    if !tmux_available() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let (desk, _c1) = start_desk("live-desk", data.path(), "");
    let (screen2, _c2) = start_desk("live-ro", data.path(), "--read-only");
    screen2.wait_for("只读");
    let out = std::process::Command::new(tmux::bin())
        .args(["attend", "--data-dir"])
        .arg(data.path())
        .arg(tmux::desk_agenda())
        .args(["李建国", "--seat", "badge-reader"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for p in [&desk, &screen2] {
        p.wait_until("李建国's row says 已到", |s| {
            s.lines()
                .any(|l| l.contains("李建国") && l.contains("已到"))
        });
    }
    // And the other way: the desk's own sign-in reaches the read-only screen.
    desk.text("王晓红");
    desk.wait_for("搜索> 王晓红");
    desk.keys(&["Enter"]);
    screen2.wait_until("王晓红's row says 已到", |s| {
        s.lines()
            .any(|l| l.contains("王晓红") && l.contains("已到"))
    });
}

#[test]
fn an_earlier_action_from_another_seat_keeps_the_selection_on_the_same_one() {
    let north_dir = tempfile::tempdir().unwrap();
    let mut d = Desk::new(Lang::En);
    let add = |text: &str| Command::AddAction {
        fields: huiwu::core::event::ActionFields {
            text: Some(text.into()),
            ..Default::default()
        },
    };
    let mut north = Session::open(&d.agenda, north_dir.path(), "north", d.now).unwrap();
    north.execute(&add("north's action"), d.now).unwrap();
    drop(north);
    d.tick(60);
    d.app.session.execute(&add("mine"), d.now).unwrap();
    hear(&mut d);
    key(&mut d, KeyCode::F(4));
    let rows = action_texts(&d);
    let mine = rows.iter().position(|t| t == "mine").unwrap();
    for _ in 0..mine {
        key(&mut d, KeyCode::Down);
    }
    carry(&d, north_dir.path(), "north");
    hear(&mut d);
    let rows = action_texts(&d);
    assert_eq!(
        rows.iter().position(|t| t == "mine"),
        Some(mine + 1),
        "{rows:?}"
    );
    // The key acts on the action that was selected.
    key(&mut d, KeyCode::Char('c'));
    let m = d.app.meeting();
    let done: Vec<&str> = m
        .actions
        .iter()
        .filter(|a| a.done_at.is_some())
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(done, ["mine"]);
}

#[test]
fn a_read_only_desk_still_exports_documents_and_nothing_of_the_meeting() {
    let mut d = Desk::follow(Lang::En, tempfile::tempdir().unwrap());
    let out = tempfile::tempdir().unwrap();
    d.app.export_dir = out.path().to_path_buf();
    key(&mut d, KeyCode::F(5));
    key(&mut d, KeyCode::Char('m'));
    assert!(notice(&d).contains("desk-test.md"), "{}", notice(&d));
    assert!(out.path().join("desk-test.md").exists());
    assert!(files(d.dir.path()).is_empty(), "the data dir is untouched");
}
