//! Issue 16 on the command line: every printing command ends quietly when its reader
//! goes away (`| head -1`), WHO is read as the desk reads it, an error says "error" once,
//! usage does not ask for what the environment gives, and English stays English.

use crate::common::desk::{Desk, agenda_path};

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use huiwu::i18n::Lang;
use predicates::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn tongchuan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/tongchuan-2017.json")
}

fn huiwu(data: &Path) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.env_remove("HUIWU_DATA_DIR")
        .env_remove("HUIWU_SEAT")
        .env("RUST_BACKTRACE", "1")
        .args(["--data-dir"])
        .arg(data)
        .args(["--seat", "cli"]);
    c
}

/// Run `args` with its stdout a pipe whose reading end is closed at once: the program's
/// first write fails with EPIPE (the program is still reading its agenda when the pipe
/// is closed). Returns the exit code and stderr.
fn with_closed_pipe(data: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_huiwu"))
        .env_remove("HUIWU_DATA_DIR")
        .env_remove("HUIWU_SEAT")
        .env("RUST_BACKTRACE", "1")
        .arg("--data-dir")
        .arg(data)
        .args(["--seat", "cli"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    (status.code(), err)
}

// ---- 7. pipes ---------------------------------------------------------------------------

#[test]
fn every_printing_command_ends_quietly_on_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let a = tongchuan();
    let a = a.to_str().unwrap();
    for who in ["1001", "1002", "1005", "1006"] {
        huiwu(data).args(["attend", a, who]).assert().success();
    }
    huiwu(data)
        .args(["action", a, "add", "核对名单", "--owner", "person:1001"])
        .assert()
        .success();
    let commands: &[&[&str]] = &[
        &["log", a],
        &["log", a, "--seats"],
        &["status", a],
        &["status", a, "--json"],
        &["find", a, "1"],
        &["find", a, "wang", "--json"],
        &["action", a, "list"],
        &["check", a],
        &["schema"],
        &["completions", "bash"],
        &["export", a, "-f", "md", "-o", "-"],
        &["export", a, "-f", "json", "-o", "-"],
        &["export", a, "-f", "csv", "-o", "-"],
        &["--help"],
    ];
    for args in commands {
        let (code, err) = with_closed_pipe(data, args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        for bad in ["panicked", "Broken pipe", "error", "backtrace"] {
            assert!(!err.contains(bad), "{args:?} said {bad}: {err}");
        }
    }
}

// ---- 8. one resolver for WHO (more in `who_cli`) -------------------------------------------

const NAMESAKES: &str = r#"{
  "meeting": {"id": "ns", "title": "同音测试", "date": "2024-03-08",
    "start": "2024-03-08T09:00:00+08:00", "end": "2024-03-08T11:00:00+08:00",
    "chair": {"name": "主持人"}},
  "venues": [{"id": "main", "name": "主会场", "kind": "main"}],
  "participants": [
    {"id": "P1", "name": "方伟", "venue": "main"},
    {"id": "P2", "name": "王伟明", "venue": "main"},
    {"id": "P3", "name": "王伟", "venue": "main"},
    {"id": "P4", "name": "于薇宁", "venue": "main"},
    {"id": "P5", "name": "王晓红", "venue": "main"}
  ],
  "items": [{"id": "i1", "title": "议题", "minutes": 30}]
}"#;

fn found_names(data: &Path, agenda: &Path, query: &str) -> Vec<String> {
    let out = huiwu(data)
        .args(["find"])
        .arg(agenda)
        .args([query, "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["name"].as_str().map(String::from))
        .collect()
}

#[test]
fn full_pinyin_outranks_a_rare_reading_and_initials_pull_nobody_unrelated() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("ns.json");
    std::fs::write(&agenda, NAMESAKES).unwrap();
    let data = dir.path().join("data");
    let names = found_names(&data, &agenda, "wang wei");
    let pos = |n: &str| names.iter().position(|x| x == n);
    assert_eq!(pos("王伟"), Some(0), "{names:?}");
    assert!(pos("王伟明") < pos("方伟"), "{names:?}");
    if let Some(fang) = pos("方伟") {
        assert!(fang > 0, "{names:?}");
    }
    let names = found_names(&data, &agenda, "wxh");
    assert_eq!(names, ["王晓红"], "initials pull in nobody else");
    // `attend` reads WHO the same way: full pinyin signs in the one person it names.
    huiwu(&data)
        .args(["--lang", "en", "attend"])
        .arg(&agenda)
        .arg("wangxiaohong")
        .assert()
        .success()
        .stdout(predicate::str::contains("P5\t王晓红"));
}

#[test]
fn the_desk_search_box_signs_in_by_full_pinyin_as_attend_does() {
    let mut d = Desk::new(Lang::Zh);
    d.typ("wangxiaohong");
    d.app.key(KeyCode::Enter, d.now);
    assert!(d.present("M001"));
}

// ---- 10. command-line polish ------------------------------------------------------------

#[test]
fn an_error_says_error_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for (lang, word) in [("en", "error"), ("zh", "错误")] {
        for args in [
            vec!["log", "nosuch.json"],
            vec!["status", "nosuch.json"],
            vec!["attend", "nosuch.json", "1001"],
        ] {
            let out = huiwu(&data)
                .args(["--lang", lang])
                .args(&args)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(err.matches(word).count(), 1, "{args:?} {lang}: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }
    // A data dir that is a file: the journal's error, said once.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let out = huiwu(&file)
        .args(["--lang", "en", "attend"])
        .arg(tongchuan())
        .arg("1001")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("error").count(), 1, "{err}");
}

#[test]
fn usage_does_not_ask_for_what_the_environment_gives() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.env("HUIWU_DATA_DIR", dir.path())
        .env("HUIWU_SEAT", "s")
        .arg("log")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<AGENDA>"))
        .stderr(predicate::str::contains("--data-dir").not())
        .stderr(predicate::str::contains("--seat").not());
    // And the variable is used.
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.env("HUIWU_DATA_DIR", dir.path())
        .env("HUIWU_SEAT", "s")
        .args(["attend"])
        .arg(tongchuan())
        .arg("1001")
        .assert()
        .success();
    assert!(
        dir.path()
            .join("meetings/tongchuan-2017-05-04/s.jsonl")
            .exists()
    );
}

const ONE_BRANCH: &str = r#"{
  "meeting": {"id": "ob", "title": "Review", "date": "2024-03-08", "language": "en",
    "start": "2024-03-08T09:00:00+08:00", "end": "2024-03-08T11:00:00+08:00",
    "organizer": "City Education Bureau", "chair": {"participant": "B06"}},
  "venues": [{"id": "main", "name": "Main hall", "kind": "main"},
             {"id": "north", "name": "North campus", "kind": "branch"}],
  "participants": [
    {"id": "B06", "name": "Wei Chen", "unit": "Bureau", "venue": "main"},
    {"id": "N01", "name": "Ann Li", "unit": "North", "venue": "north"}
  ],
  "items": [{"id": "i1", "title": "Budget", "minutes": 30}]
}"#;

#[test]
fn english_says_one_branch_venue_and_uses_ascii_punctuation() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("ob.json");
    std::fs::write(&agenda, ONE_BRANCH).unwrap();
    let data = dir.path().join("data");
    let en = |args: &[&str]| {
        let mut c = huiwu(&data);
        c.args(["--lang", "en"]).args(&args[..1]).arg(&agenda);
        c.args(&args[1..]);
        c
    };
    // Opened at 09:00; 09:30 is past the grace: late.
    en(&["meeting", "open", "--at", "09:00"]).assert().success();
    let out = en(&["attend", "B06", "--at", "09:30"]).output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    let md = en(&["export", "-f", "md", "-o", "-"]).output().unwrap();
    let md = String::from_utf8_lossy(&md.stdout).into_owned();
    assert!(md.contains("1 branch venue ("), "{md}");
    assert!(!md.contains("1 branch venues"), "{md}");
    let log = en(&["log"]).output().unwrap();
    let log = String::from_utf8_lossy(&log.stdout).into_owned();
    assert!(log.contains("Wei Chen (B06)"), "{log}");
    for text in [&said, &md, &log] {
        assert!(
            !text.chars().any(|c| "（）：，。；、【】".contains(c)),
            "full-width punctuation in English:\n{text}"
        );
    }
}

#[test]
fn log_says_what_an_undo_took_back_by_person() {
    let mut d = Desk::new(Lang::En);
    d.typ("M001");
    d.app.key(KeyCode::Enter, d.now);
    d.tick(30);
    d.app
        .key_with(KeyCode::Char('z'), KeyModifiers::CONTROL, d.now);
    assert!(!d.present("M001"), "undone");
    let data = d.dir.path().to_path_buf();
    let agenda = agenda_path();
    drop(d.app);
    let out = huiwu(&data)
        .args(["--lang", "en", "log"])
        .arg(&agenda)
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{log}");
    let undo = log
        .lines()
        .find(|l| l.contains("undone"))
        .unwrap_or_else(|| panic!("no undo in:\n{log}"));
    assert!(undo.contains("王晓红 (M001)"), "{undo}");
    assert!(undo.contains("not arrived"), "{undo}");
    // No event id (a UUID: five groups of hex digits joined by dashes).
    let uuid_like = undo
        .split(|c: char| !c.is_ascii_hexdigit() && c != '-')
        .any(|w| {
            let parts: Vec<&str> = w.split('-').collect();
            parts.len() == 5 && parts.iter().all(|p| p.len() >= 4)
        });
    assert!(!uuid_like, "{undo}");
}
