//! The terminal after the desk, in tmux:
//! - a panic (injected through `HUIWU_DEBUG_PANIC_KEY`, honoured by debug builds only)
//!   gives the terminal back: the shell after it echoes and reads lines, `stty -a` shows
//!   cooked mode, the alternate screen is left, the cursor shows, and the panic message
//!   is readable (each line starts at the left edge, not staircased by raw mode);
//! - a storm of window resizes, 1×1 and other tiny sizes among them, does not kill the
//!   desk, which still signs people in afterwards.

use crate::common;
use crate::common::e2e::{self, Need};
use crate::tmux;

use std::path::Path;

use common::XorShift;
use tmux::{Pane, desk_agenda, find_pid, huiwu_line, huiwu_pid, q};

fn desk_args(data: &Path) -> String {
    format!(
        "--seat term --data-dir {} run {}",
        q(data.to_string_lossy()),
        q(desk_agenda().to_string_lossy())
    )
}

fn env(config: &Path) -> String {
    format!(
        "LANG=zh_CN.UTF-8 HUIWU_CONFIG_DIR={}",
        q(config.to_string_lossy())
    )
}

#[test]
fn a_panic_gives_the_terminal_back() {
    if !e2e::require(&[Need::Tmux]) {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let line = huiwu_line(
        &format!("{} HUIWU_DEBUG_PANIC_KEY=%", env(config.path())),
        &desk_args(data.path()),
        "PS1='prompt> ' exec sh -i",
    );
    let p = Pane::start("panic", 100, 40, &line);
    p.wait_for("搜索>");
    assert_eq!(
        p.format("#{alternate_on}"),
        "1",
        "the desk uses the alternate screen"
    );
    p.text("王晓红");
    p.wait_for("搜索> 王晓红");
    p.keys(&["Enter"]);
    p.wait_for("已签到");
    p.text("%");
    assert_eq!(p.exit_code(), "101", "a panic exits with 101");
    let s = p.wait_for("prompt>");
    // The panic message is readable: its lines start at the left edge.
    let lines: Vec<&str> = s.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("panicked at"))
        .unwrap_or_else(|| panic!("no panic message:\n{s}"));
    assert!(lines[at].starts_with("thread"), "staircased:\n{s}");
    assert!(
        lines[at + 1].starts_with("injected panic"),
        "the message line starts at the left edge:\n{s}"
    );
    // The terminal is back: main screen, cursor shown.
    assert_eq!(p.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(p.format("#{cursor_flag}"), "1", "cursor visible");
    // The shell prompt works: what is typed is echoed and read as a line.
    p.text("stty -a; echo ok$((40+2))");
    p.keys(&["Enter"]);
    let s = p.wait_for("ok42");
    assert!(
        s.contains("prompt> stty -a; echo ok$((40+2))"),
        "typing is echoed:\n{s}"
    );
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ';').collect();
    for sane in ["icanon", "echo", "isig", "icrnl", "opost", "onlcr"] {
        assert!(words.contains(&sane), "stty lacks `{sane}`:\n{s}");
    }
    for raw in ["-icanon", "-echo", "-isig", "-opost"] {
        assert!(!words.contains(&raw), "stty shows `{raw}`:\n{s}");
    }
    // What was acknowledged before the panic is on disk.
    let out = std::process::Command::new(tmux::bin())
        .args(["--lang", "en", "--data-dir"])
        .arg(data.path())
        .arg("log")
        .arg(desk_agenda())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("(M001)"));
}

#[test]
fn every_use_of_the_injected_panic_is_compiled_only_into_debug_builds() {
    // The hook is compiled only under debug_assertions; make sure the source says so,
    // so that a refactor cannot quietly ship it.
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/mod.rs"))
        .unwrap();
    let uses: Vec<usize> = src.match_indices("debug_panic").map(|(i, _)| i).collect();
    assert!(!uses.is_empty());
    for i in uses {
        let before = &src[..i];
        let attr = before.rfind("#[cfg(debug_assertions)]").unwrap();
        let between = &src[attr..i];
        assert!(
            between.lines().count() <= 2,
            "every use of debug_panic sits under #[cfg(debug_assertions)]"
        );
    }
}

#[test]
fn a_storm_of_resizes_leaves_the_desk_working() {
    if !e2e::require(&[Need::Tmux, Need::Proc]) {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let line = huiwu_line(
        &env(config.path()),
        &desk_args(data.path()),
        "stty -a; sleep 120",
    );
    let p = Pane::start("resize", 100, 30, &line);
    p.wait_for("搜索>");
    let pid = huiwu_pid(data.path(), "run");
    let needle = data.path().display().to_string();
    p.text("王");
    let mut rng = XorShift(0xA11CE);
    let fixed = [
        (1, 1),
        (2, 2),
        (1, 40),
        (200, 1),
        (39, 11),
        (40, 12),
        (41, 13),
        (3, 3),
    ];
    let rounds = 80;
    for i in 0..rounds {
        let (w, h) = if i < fixed.len() {
            fixed[i]
        } else {
            match rng.below(3) {
                0 => (1 + rng.below(8) as u16, 1 + rng.below(8) as u16),
                _ => (1 + rng.below(220) as u16, 1 + rng.below(70) as u16),
            }
        };
        p.resize(w, h);
        if i % 10 == 9 {
            // Still there (it has had time to handle some of the resizes).
            assert!(
                find_pid(&needle, "run") == Some(pid),
                "the desk died after resize {i} ({w}x{h}):\n{}",
                p.screen()
            );
        }
    }
    // The smallest: the desk says it is too small.
    p.resize(1, 1);
    p.resize(20, 5);
    p.wait_for("终端");
    p.resize(100, 30);
    p.wait_for("搜索> 王");
    p.text("晓红");
    p.keys(&["Enter"]);
    let s = p.wait_for("已签到");
    assert!(!s.contains("panicked"), "{s}");
    assert_eq!(find_pid(&needle, "run"), Some(pid));
    p.keys(&["C-c"]);
    assert_eq!(p.exit_code(), "0");
    let s = p.wait_for("icanon");
    assert!(s.split_whitespace().any(|w| w == "icanon"), "{s}");
}
