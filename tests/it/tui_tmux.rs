//! End to end: the real `huiwu run` in a real terminal (tmux). Skipped, with a note, when
//! tmux is not installed (CI installs it).
//!
//! Each test runs the desk inside `sh -c '...; echo EXIT=$?; stty -a; sleep'`, so that
//! after huiwu exits the pane shows its exit code and whether the terminal was given
//! back in cooked mode (`icanon`, not `-icanon`).

use crate::common::e2e::{self, Need};
use crate::tmux;

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use huiwu::core::event::EventKind;
use huiwu::i18n::Lang;
use huiwu::store::session::{open_read_only, read_agenda};
use tmux::{Pane, desk_agenda as agenda, huiwu_line, huiwu_pid, q};

/// The desk in a tmux pane, on its own data dir and config dir.
struct Desk {
    pane: Pane,
    data: PathBuf,
    _config: tempfile::TempDir,
}

impl Deref for Desk {
    type Target = Pane;
    fn deref(&self) -> &Pane {
        &self.pane
    }
}

impl Desk {
    /// Start the desk in a fresh tmux session; `prefix` runs before it in the same shell.
    fn start(tag: &str, prefix: &str, data: &Path) -> Desk {
        let config = tempfile::tempdir().unwrap();
        let env = format!(
            "LANG=zh_CN.UTF-8 HUIWU_SEAT=e2e HUIWU_CONFIG_DIR={}",
            q(config.path().to_string_lossy())
        );
        let args = format!(
            "run --data-dir {} {}",
            q(data.to_string_lossy()),
            q(agenda().to_string_lossy())
        );
        let script = format!("{prefix} {}", huiwu_line(&env, &args, "stty -a; sleep 60"));
        let p = Desk {
            pane: Pane::start(&format!("e2e-{tag}"), 100, 30, &script),
            data: data.to_path_buf(),
            _config: config,
        };
        p.wait_for("搜索>");
        p
    }

    /// The huiwu process of this pane (found by its unique data dir), on Linux.
    fn pid(&self) -> u32 {
        huiwu_pid(&self.data, "run")
    }

    /// After exit: the code and whether the terminal is back in cooked mode.
    fn exit(&self) -> (String, bool) {
        let code = self.exit_code();
        let s = self.wait_for("icanon");
        let cooked = s.split_whitespace().any(|w| w == "icanon");
        (code, cooked)
    }

    fn events(&self) -> Vec<EventKind> {
        let agenda = read_agenda(&agenda(), Lang::Zh).unwrap();
        let (_, events, _) = open_read_only(&agenda, &self.data).unwrap();
        events.into_iter().map(|e| e.kind).collect()
    }
}

fn signed_in(events: &[EventKind], id: &str) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, EventKind::SignedIn { participant, .. } if participant == id))
        .count()
}

#[test]
fn search_sign_in_quit_and_the_journal_has_it() {
    if !e2e::require(&[Need::Tmux]) {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let p = Desk::start("signin", "", data.path());
    p.text("王晓红");
    p.wait_for("搜索> 王晓红");
    p.keys(&["Enter"]);
    p.wait_for("已签到");
    // A second time: a warning with the first time, nothing recorded.
    p.text("王晓红");
    p.wait_for("搜索> 王晓红");
    p.keys(&["Enter"]);
    p.wait_for("未重复记录");
    p.keys(&["C-c"]);
    let (code, cooked) = p.exit();
    assert_eq!(code, "0");
    assert!(cooked, "the terminal was left in raw mode:\n{}", p.screen());
    let events = p.events();
    assert_eq!(signed_in(&events, "M001"), 1, "{events:?}");
}

#[test]
fn sigterm_and_sighup_give_the_terminal_back() {
    if !e2e::require(&[Need::Tmux, Need::Proc]) {
        return;
    }
    for sig in ["-TERM", "-HUP"] {
        let data = tempfile::tempdir().unwrap();
        let p = Desk::start("signal", "", data.path());
        p.text("孙丽");
        p.wait_for("搜索> 孙丽");
        p.keys(&["Enter"]);
        p.wait_for("已签到");
        let pid = p.pid();
        assert!(
            Command::new("kill")
                .args([sig, &pid.to_string()])
                .status()
                .unwrap()
                .success()
        );
        let (code, cooked) = p.exit();
        assert_eq!(code, "0", "{sig}");
        assert!(
            cooked,
            "{sig}: the terminal was left in raw mode:\n{}",
            p.screen()
        );
        assert_eq!(signed_in(&p.events(), "Y001"), 1);
    }
}

#[test]
fn after_kill_9_the_desk_reopens_with_everything_recorded() {
    if !e2e::require(&[Need::Tmux, Need::Proc]) {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let p = Desk::start("kill9", "", data.path());
    p.text("周强");
    p.wait_for("搜索> 周强");
    p.keys(&["Enter"]);
    p.wait_for("已签到");
    let pid = p.pid();
    Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    p.wait_for("EXIT=");
    drop(p);
    // The same journal, reopened by a new desk.
    let q = Desk::start("kill9b", "", data.path());
    q.wait_for("已恢复");
    let s = q.wait_for("已到");
    assert!(s.contains("周强"), "{s}");
    assert_eq!(signed_in(&q.events(), "Y002"), 1);
    q.keys(&["C-c"]);
    assert_eq!(q.exit().0, "0");
}

#[test]
fn a_journal_that_cannot_be_written_says_so_and_keeps_the_input() {
    if !e2e::require(&[Need::Tmux]) {
        return;
    }
    // The file size limit makes writes past a few hundred bytes fail (EFBIG) the way a
    // full disk does; SIGXFSZ is ignored so that the write returns the error.
    let data = tempfile::tempdir().unwrap();
    let p = Desk::start("full", "trap '' XFSZ; ulimit -f 1;", data.path());
    let names = [
        "王晓红",
        "李建国",
        "张伟",
        "曾志强",
        "欧阳明",
        "刘芳",
        "陈静",
        "杨洋",
    ];
    let mut failed = None;
    for name in names {
        p.text(name);
        p.wait_for(&format!("搜索> {name}"));
        p.keys(&["Enter"]);
        let s = p.wait_until("an answer", |s| {
            s.contains("未保存") || (s.contains(&format!("{name}（")) && s.contains("已签到"))
        });
        if s.contains("未保存") {
            failed = Some((name, s));
            break;
        }
    }
    let (name, s) = failed.expect("the size limit was never hit");
    assert!(
        s.contains(&format!("搜索> {name}")),
        "the typed name stays in the box:\n{s}"
    );
    // Nothing is shown as recorded that is not on disk.
    let events = p.events();
    let m_id = match name {
        "王晓红" => "M001",
        "李建国" => "M002",
        "张伟" => "M003",
        "曾志强" => "M004",
        "欧阳明" => "M005",
        "刘芳" => "M006",
        "陈静" => "M007",
        _ => "M008",
    };
    assert_eq!(signed_in(&events, m_id), 0, "{events:?}");
    // Quitting asks, because the name is still typed.
    p.keys(&["C-c"]);
    p.wait_for("仍要退出");
    p.keys(&["y"]);
    assert_eq!(p.exit().0, "0");
}

#[test]
fn closing_the_terminal_ends_the_desk_and_frees_the_meeting() {
    if !e2e::require(&[Need::Tmux, Need::Proc]) {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let p = Desk::start("closed", "", data.path());
    p.text("冯伟");
    p.wait_for("搜索> 冯伟");
    p.keys(&["Enter"]);
    p.wait_for("已签到");
    let pid = p.pid();
    // The window goes away: the pty is hung up under the process.
    Command::new("tmux")
        .args(["kill-session", "-t", &p.name])
        .status()
        .unwrap();
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        // (a zombie would keep the entry; the tmux server reaps its children)
        assert!(
            start.elapsed() < tmux::PATIENCE,
            "huiwu {pid} is still running after its terminal was closed"
        );
        sleep(Duration::from_millis(20));
    }
    // The lock is free: the meeting opens for writing again.
    let agenda = read_agenda(&agenda(), Lang::Zh).unwrap();
    let s = huiwu::store::session::Session::open(&agenda, data.path(), "e2e", chrono::Utc::now())
        .expect("the meeting is no longer locked");
    let m = &s.meeting();
    assert!(m.attendance[m.person("W001x").unwrap()].is_present());
}
