//! The desk's sync line: online or offline and since when, the events waiting to be sent
//! (and a clock far off), from the sync thread's state, in the status line; and the sync
//! list (Ctrl+V) in a real terminal.

use huiwu::core::command::Command;
use huiwu::i18n::Lang;
use huiwu::server::{Engine, ServerUrl, SyncThread, Target, snapshot};
use huiwu::tui::msg::{Msg, Tag};

use crate::common::desk::Desk;
use crate::common::screen::app_screen;
use crate::server_pg::{eventually, init, shared};

fn sign_in(d: &mut Desk, who: &str) {
    d.app
        .sender()
        .send(Msg::Record {
            cmds: vec![Command::SignIn {
                participant: who.into(),
                late: false,
                effective_at: None,
            }],
            seat: None,
            tag: Tag::SignIn { person: 0 },
        })
        .unwrap();
    d.app.receive(d.now);
}

fn syncing(d: &mut Desk, url: &str) -> SyncThread {
    let engine = Engine::new(
        ServerUrl::parse(url).unwrap(),
        Target::new(&d.agenda, d.dir.path()),
    )
    .unwrap();
    let t = SyncThread::start(engine, None).unwrap();
    d.app.set_sync(t.state());
    t
}

#[test]
fn an_offline_desk_says_so_and_counts_what_waits() {
    for (lang, offline, waiting) in [
        (Lang::En, "server offline 0:0", "1 waiting"),
        (Lang::Zh, "服务器离线 0:0", "待发 1 条"),
    ] {
        let mut d = Desk::new(lang);
        let nowhere = tempfile::tempdir().unwrap();
        let sync = syncing(
            &mut d,
            &format!("host={} user=x dbname=y", nowhere.path().display()),
        );
        sign_in(&mut d, "M001");
        assert!(eventually(10, || snapshot(&sync.state()).pending() == 1));
        let s = app_screen(&mut d.app, chrono::Utc::now(), 200, 30);
        assert!(s.contains(offline) && s.contains(waiting), "{s}");
    }
}

#[test]
fn an_online_desk_sends_its_sign_ins_and_shows_none_waiting() {
    let Some(pg) = shared() else { return };
    let db = pg.fresh_db();
    init(&pg.url(&db), &[]).assert().success();
    let mut d = Desk::new(Lang::En);
    let sync = syncing(&mut d, &pg.url(&db));
    sign_in(&mut d, "M001");
    let meeting = d.agenda.agenda.meeting.id.clone();
    assert!(eventually(10, || pg.rows(&db, &meeting) == 1));
    assert!(eventually(10, || {
        let st = snapshot(&sync.state());
        st.online && st.pending() == 0
    }));
    let s = app_screen(&mut d.app, chrono::Utc::now(), 200, 30);
    assert!(s.contains("server online, 0 waiting"), "{s}");
}

/// Two computers (two data dirs) on one server: a desk open on one, a sign-in recorded on
/// the other; the desk's screen shows it without a key press (the sync thread pulls it
/// into `pulled/`, the desk's watcher sees the file grow).
#[test]
fn tmux_a_sign_in_on_another_computer_reaches_an_open_desk_through_the_server() {
    use crate::tmux::{self, Pane, huiwu_line, q, tmux_available};
    if !tmux_available() {
        return;
    }
    let Some(pg) = shared() else {
        return;
    };
    let db = pg.fresh_db();
    let url = pg.url(&db);
    init(&url, &[]).assert().success();
    let here = tempfile::tempdir().unwrap();
    let there = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let env = format!(
        "LANG=zh_CN.UTF-8 HUIWU_SEAT=chair HUIWU_CONFIG_DIR={}",
        q(config.path().to_string_lossy())
    );
    let args = format!(
        "run --server {} --data-dir {} {}",
        q(&url),
        q(here.path().to_string_lossy()),
        q(tmux::desk_agenda().to_string_lossy())
    );
    let desk = Pane::start("server-desk", 120, 30, &huiwu_line(&env, &args, "sleep 60"));
    desk.wait_for("搜索>");
    let out = std::process::Command::new(tmux::bin())
        .args(["attend", "--server", &url, "--data-dir"])
        .arg(there.path())
        .arg(tmux::desk_agenda())
        .args(["李建国", "--seat", "branch-desk"])
        .env_remove("HUIWU_SERVER")
        .env_remove("HUIWU_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    desk.wait_until("李建国's row says 已到", |s| {
        s.lines()
            .any(|l| l.contains("李建国") && l.contains("已到"))
    });
    // The sync list names the other computer's seat, its venue and its first event; this
    // desk's own seat is online with nothing waiting.
    desk.keys(&["C-v"]);
    desk.wait_until("the sync list shows branch-desk", |s| {
        s.contains("服务器同步")
            && s.lines()
                .any(|l| l.contains("branch-desk") && l.contains("主会场") && l.contains("#1 "))
    });
    desk.wait_until("the chair's seat online, nothing waiting", |s| {
        s.lines().any(|l| {
            let cells: Vec<&str> = l
                .split('│')
                .nth(1)
                .unwrap_or("")
                .split_whitespace()
                .collect();
            cells == ["chair", "-", "在线", "-", "0"]
        })
    });
}
