//! Several processes on one meeting: every seat writes at once, and a seat has one
//! writer. While a desk (`huiwu run` in tmux) is open, another seat's `huiwu attend` and a
//! second desk on its own seat record beside it; a second program claiming the desk's
//! seat is refused with a message, in both languages, that names the seat and the
//! process holding it and says what to do; the refused ones write nothing, the read-only
//! commands still work, and once the desk quits its seat opens again.

use crate::common::e2e::{self, Need};
use crate::tmux;

use std::path::Path;
use std::process::Command;

use tmux::{Pane, desk_agenda, huiwu_line, huiwu_pid, q};

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
    huiwu_as(data, "second", args)
}

fn huiwu_as(data: &Path, seat: &str, args: &[&str]) -> (bool, String, String) {
    let o = Command::new(tmux::bin())
        .args(["--seat", seat, "--data-dir"])
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
fn a_desk_and_other_seats_write_at_once_and_a_seat_has_one_writer() {
    if !e2e::require(&[Need::Tmux, Need::Proc]) {
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

    // Another seat records beside the open desk (a badge-reader script).
    let (ok, out, err) = huiwu(data.path(), &["--lang", "en", "attend", &agenda, "M002"]);
    assert!(ok, "{err}");
    assert!(out.contains("M002"), "{out}");

    // The desk's own seat is refused to a second program, in both languages, naming the
    // seat and the process, and saying what to do.
    let (ok, out, err) = huiwu_as(
        data.path(),
        "first",
        &["--lang", "en", "attend", &agenda, "M003"],
    );
    assert!(!ok && out.is_empty(), "{out}{err}");
    assert!(
        err.contains(&format!("seat `first` is already writing in process {pid}")),
        "{err}"
    );
    assert!(
        err.contains("--seat") && err.contains("huiwu status"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let (ok, _, err) = huiwu_as(
        data.path(),
        "first",
        &["--lang", "zh", "attend", &agenda, "M003"],
    );
    assert!(!ok);
    assert!(
        err.contains(&format!("席位 `first` 已在进程 {pid} 中写入")),
        "{err}"
    );

    // A second desk on the same seat, in another terminal: refused before it takes the
    // screen.
    let second = Pane::start(
        "writer2",
        100,
        30,
        &run_line(data.path(), "first", "LANG=en_US.UTF-8"),
    );
    assert_eq!(second.exit_code(), "1");
    let s = second.wait_for("icanon");
    let joined: String = s.lines().map(str::trim_end).collect();
    assert!(joined.contains(&format!("in process {pid}")), "{s}");
    assert!(joined.contains("One seat is one writer"), "{s}");
    assert!(s.split_whitespace().any(|w| w == "icanon"), "{s}");
    drop(second);

    // A second desk on its own seat opens and records beside the first.
    let third = Pane::start(
        "writer3",
        100,
        30,
        &run_line(data.path(), "third", "LANG=zh_CN.UTF-8"),
    );
    third.wait_for("搜索>");
    third.text("曾志强");
    third.wait_for("搜索> 曾志强");
    third.keys(&["Enter"]);
    third.wait_for("已签到");

    // Looking still works while the desks run.
    let (ok, out, err) = huiwu(data.path(), &["--lang", "en", "status", &agenda]);
    assert!(ok, "{err}");
    assert!(!out.is_empty());

    // The first desk goes on recording.
    first.text("王晓红");
    first.wait_for("搜索> 王晓红");
    first.keys(&["Enter"]);
    first.wait_for("已签到");
    let (_, log, _) = huiwu(data.path(), &["--lang", "en", "log", &agenda]);
    for (id, seat) in [("M001", "first#"), ("M002", "second#"), ("M004", "third#")] {
        assert!(log.contains(&format!("({id})")), "{id}:\n{log}");
        assert!(log.contains(seat), "{seat}:\n{log}");
    }
    assert!(
        !log.contains("(M003)"),
        "the refused attend wrote nothing:\n{log}"
    );
    let (_, seats, _) = huiwu(data.path(), &["--lang", "en", "log", &agenda, "--seats"]);
    assert_eq!(
        seats.lines().count(),
        4,
        "a header and three seats:\n{seats}"
    );

    // Once the first desk quits, its seat opens for the next writer.
    first.keys(&["C-c"]);
    assert_eq!(first.exit_code(), "0");
    let (ok, out, err) = huiwu_as(
        data.path(),
        "first",
        &["--lang", "en", "attend", &agenda, "M003"],
    );
    assert!(ok, "{err}");
    assert!(out.contains("M003"), "{out}");
    third.keys(&["C-c"]);
}

#[test]
fn one_seat_claimed_by_two_desks_in_the_same_second_has_one_writer() {
    if !e2e::require(&[Need::Tmux, Need::Proc]) {
        return;
    }
    // Two desks started together on one seat: exactly one opens.
    let data = tempfile::tempdir().unwrap();
    let a = Pane::start(
        "race-a",
        100,
        30,
        &run_line(data.path(), "same", "LANG=en_US.UTF-8"),
    );
    let b = Pane::start(
        "race-b",
        100,
        30,
        &run_line(data.path(), "same", "LANG=en_US.UTF-8"),
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
        joined.contains("seat `same` is already writing in process"),
        "{s}"
    );
}
