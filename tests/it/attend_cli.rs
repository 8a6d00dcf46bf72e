//! The headless commands: attend, status, log, and the one-writer-per-seat rule.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use predicates::prelude::*;

struct Env {
    _dir: tempfile::TempDir,
    agenda: PathBuf,
    data: PathBuf,
}

fn env_with(json: &str) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("agenda.json");
    std::fs::write(&agenda, json).unwrap();
    let data = dir.path().join("data");
    Env {
        _dir: dir,
        agenda,
        data,
    }
}

fn env() -> Env {
    env_with(common::AGENDA_JSON)
}

fn huiwu(e: &Env) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.arg("--lang")
        .arg("en")
        .arg("--data-dir")
        .arg(&e.data)
        .arg("--seat")
        .arg("test-desk")
        .env_remove("HUIWU_DATA_DIR")
        .env_remove("HUIWU_SEAT");
    c
}

/// `huiwu attend AGENDA ARGS...`
fn attend(e: &Env, args: &[&str]) -> Assert {
    huiwu(e).arg("attend").arg(&e.agenda).args(args).assert()
}

/// The seat `test-desk`'s journal.
fn journal(e: &Env) -> String {
    std::fs::read_to_string(e.data.join("meetings/t1/test-desk.jsonl")).unwrap_or_default()
}

#[test]
fn attend_by_id_and_by_name_records_and_prints() {
    let e = env();
    attend(&e, &["M1"])
        .success()
        .stdout(predicate::str::contains("王晓红").and(predicate::str::contains("present")));
    attend(&e, &["曾国华", "--late"])
        .success()
        .stdout(predicate::str::contains("late"));
    let j = journal(&e);
    assert_eq!(j.lines().count(), 3, "header + two events:\n{j}");
    assert!(j.contains("\"participant\":\"M1\""));
    assert!(j.contains("\"seat\":\"test-desk\""));
}

#[test]
fn second_sign_in_warns_and_records_nothing() {
    let e = env();
    attend(&e, &["M1"]).success();
    let before = journal(&e);
    attend(&e, &["M1"])
        .success()
        .stderr(predicate::str::contains("already signed in at"));
    assert_eq!(journal(&e), before);
}

#[test]
fn unknown_and_ambiguous_people_exit_non_zero_with_candidates() {
    let json = common::AGENDA_JSON.replace("\"name\": \"仇明\"", "\"name\": \"王晓明\"");
    let e = env_with(&json);
    attend(&e, &["李雷"])
        .code(1)
        .stderr(predicate::str::contains("nobody on the roster"));
    attend(&e, &["王晓"]).code(1).stderr(
        predicate::str::contains("fits 2 people")
            .and(predicate::str::contains("M1"))
            .and(predicate::str::contains("W2")),
    );
    assert_eq!(journal(&e).lines().skip(1).count(), 0, "nothing recorded");
}

#[test]
fn excused_stand_in_and_left_early() {
    let e = env();
    attend(&e, &["W1", "--excused", "出差"]).success();
    attend(&e, &["W2", "--stand-in", "李四", "--unit", "王益区教育局"])
        .success()
        .stdout(predicate::str::contains("stand-in"));
    attend(&e, &["W3", "--left"])
        .code(1)
        .stderr(predicate::str::contains("has not signed in"));
    attend(&e, &["W2", "--stand-in", "李四"]).code(2);
}

#[test]
fn status_json_has_the_documented_shape() {
    let e = env();
    attend(&e, &["M1"]).success();
    let out = huiwu(&e)
        .arg("status")
        .arg(&e.agenda)
        .arg("--json")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v = crate::common::schema::Shape::Status.parse(&out.stdout);
    assert_eq!(v["meeting"]["id"], "t1");
    assert_eq!(v["total"]["expected"], 45);
    assert_eq!(v["total"]["present"], 1);
    assert_eq!(v["venues"][0]["counts"]["present"], 1);
    assert_eq!(v["venues"][2]["sign_in"], "headcount");
    assert_eq!(v["open_actions"][0]["id"], "P1");
    assert!(v["current_item"].is_null());
}

#[test]
fn log_reads_the_history() {
    let e = env();
    attend(&e, &["M1"]).success();
    huiwu(&e)
        .arg("log")
        .arg(&e.agenda)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("signed in: 王晓红 (M1)")
                .and(predicate::str::contains("test-desk#1")),
        );
}

#[test]
fn a_second_writer_on_one_seat_is_refused_with_the_seat_and_the_process() {
    let e = env();
    let agenda = huiwu::store::session::read_agenda(&e.agenda, huiwu::i18n::Lang::En).unwrap();
    let _held =
        huiwu::store::session::Session::open(&agenda, &e.data, "test-desk", chrono::Utc::now())
            .unwrap();
    // Refused after a short wait for the seat.
    attend(&e, &["M1"])
        .code(1)
        .stderr(predicate::str::contains(format!(
            "seat `test-desk` is already writing in process {}",
            std::process::id()
        )));
    assert_eq!(journal(&e), "", "nothing written");
    // Another seat writes the same meeting meanwhile; reading needs no seat.
    Command::cargo_bin("huiwu")
        .unwrap()
        .args(["--lang", "en", "--seat", "door", "--data-dir"])
        .arg(&e.data)
        .arg("attend")
        .arg(&e.agenda)
        .arg("M1")
        .env_remove("HUIWU_SEAT")
        .assert()
        .success();
    huiwu(&e)
        .arg("status")
        .arg(&e.agenda)
        .assert()
        .success()
        .stdout(predicate::str::contains("主会场\t2\t1"));
}

#[test]
fn a_changed_agenda_is_noticed() {
    let e = env();
    attend(&e, &["M1"]).success();
    let changed = common::AGENDA_JSON.replace("测试会议", "测试会议（修订）");
    std::fs::write(&e.agenda, changed).unwrap();
    attend(&e, &["M2"]).success();
    assert!(journal(&e).contains("\"type\":\"agenda_changed\""));
    huiwu(&e)
        .arg("log")
        .arg(&e.agenda)
        .assert()
        .stdout(predicate::str::contains("the agenda file changed"));
}

#[cfg(unix)]
#[test]
fn journal_and_data_dir_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let e = env();
    attend(&e, &["M1"]).success();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&e.data.join("meetings/t1/test-desk.jsonl")), 0o600);
    assert_eq!(mode(&e.data.join("meetings/t1/test-desk.lock")), 0o600);
    assert_eq!(mode(&e.data.join("meetings/t1")), 0o700);
    assert_eq!(mode(&e.data.join("meetings")), 0o700);
}
