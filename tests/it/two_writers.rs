//! Two processes on one meeting: never two writers. While a desk (`huiwu run` in tmux)
//! holds the meeting, a second `huiwu attend` and a second `huiwu run` are refused with a
//! message, in both languages, that names the process holding it and says what to do;
//! the refused ones write nothing, the read-only commands still work, the first desk
//! goes on recording, and once it quits the meeting opens again.

use crate::tmux;

use std::path::Path;
use std::process::Command;

use tmux::{Pane, desk_agenda, huiwu_line, huiwu_pid, q, tmux_available};

fn run_line(data: &Path, seat: &str, lang_env: &str) -> String {
    huiwu_line(
        &format!(
            "{lang_env} HUIWU_CONFIG_DIR={}",
            q(std::env::temp_dir().to_string_lossy())
        ),
        &format!(
            "--seat {seat} --data-dir {} run {}",
            q(data.to_string_lossy()),
            q(desk_agenda().to_string_lossy())
        ),
        "stty -a; sleep 120",
    )
}

fn huiwu(data: &Path, args: &[&str]) -> (bool, String, String) {
    let o = Command::new(tmux::bin())
        .args(["--seat", "second", "--data-dir"])
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn a_second_writer_is_refused_while_the_desk_holds_the_meeting() {
    if !tmux_available() || !Path::new("/proc/self/cmdline").exists() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let agenda = desk_agenda().display().to_string();
    let first = Pane::start(
        "writer1",
        100,
        30,
        &run_line(data.path(), "first", "LANG=zh_CN.UTF-8"),
    );
    first.wait_for("搜索>");
    let pid = huiwu_pid(data.path(), "run").to_string();

    // `huiwu attend`, in both languages.
    let (ok, out, err) = huiwu(data.path(), &["--lang", "en", "attend", &agenda, "M002"]);
    assert!(!ok && out.is_empty(), "{out}{err}");
    assert!(
        err.contains(&format!("open for writing in process {pid}")),
        "{err}"
    );
    assert!(
        err.contains("Ctrl+C") && err.contains("huiwu status"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let (ok, _, err) = huiwu(data.path(), &["--lang", "zh", "attend", &agenda, "M002"]);
    assert!(!ok);
    assert!(err.contains(&format!("已在进程 {pid} 中打开写入")), "{err}");
    assert!(err.contains("huiwu status"), "{err}");

    // A second desk, in another terminal: refused before it takes the screen.
    let second = Pane::start(
        "writer2",
        100,
        30,
        &run_line(data.path(), "second", "LANG=en_US.UTF-8"),
    );
    assert_eq!(second.exit_code(), "1");
    let s = second.wait_for("icanon");
    let joined: String = s.lines().map(str::trim_end).collect();
    assert!(joined.contains(&format!("in process {pid}")), "{s}");
    assert!(
        joined.contains("Only one program may write a meeting"),
        "{s}"
    );
    assert!(s.split_whitespace().any(|w| w == "icanon"), "{s}");
    drop(second);

    // Looking still works while the desk runs.
    let (ok, out, err) = huiwu(data.path(), &["--lang", "en", "status", &agenda]);
    assert!(ok, "{err}");
    assert!(!out.is_empty());

    // The first desk goes on recording.
    first.text("王晓红");
    first.wait_for("搜索> 王晓红");
    first.keys(&["Enter"]);
    first.wait_for("已签到");
    let (_, log, _) = huiwu(data.path(), &["--lang", "en", "log", &agenda]);
    assert!(log.contains("(M001)"), "{log}");
    assert!(
        !log.contains("(M002)"),
        "the refused attend wrote nothing:\n{log}"
    );
    assert!(
        !log.contains("second"),
        "no event from the refused seat:\n{log}"
    );

    // Once the desk quits, the meeting opens for the next writer.
    first.keys(&["C-c"]);
    assert_eq!(first.exit_code(), "0");
    let (ok, out, err) = huiwu(data.path(), &["--lang", "en", "attend", &agenda, "M002"]);
    assert!(ok, "{err}");
    assert!(out.contains("M002"), "{out}");
}

#[test]
fn a_desk_started_twice_in_the_same_second_has_one_writer() {
    if !tmux_available() || !Path::new("/proc/self/cmdline").exists() {
        return;
    }
    // Two desks started together on one fresh meeting: exactly one opens.
    let data = tempfile::tempdir().unwrap();
    let a = Pane::start(
        "race-a",
        100,
        30,
        &run_line(data.path(), "a", "LANG=en_US.UTF-8"),
    );
    let b = Pane::start(
        "race-b",
        100,
        30,
        &run_line(data.path(), "b", "LANG=en_US.UTF-8"),
    );
    let opened = |p: &Pane| {
        p.wait_until("the desk opens or is refused", |s| {
            s.contains("Search>") || s.contains("EXIT=")
        })
        .contains("Search>")
    };
    let (oa, ob) = (opened(&a), opened(&b));
    assert!(oa ^ ob, "exactly one desk may open: a {oa}, b {ob}");
    let refused = if oa { &b } else { &a };
    assert_eq!(refused.exit_code(), "1");
    let s = refused.screen();
    let joined: String = s.lines().map(str::trim_end).collect();
    assert!(
        joined.contains("already open for writing in process"),
        "{s}"
    );
}
