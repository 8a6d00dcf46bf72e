//! The meeting's life and the minutes from the command line, on the reference agenda:
//! `huiwu meeting open|close|reopen|undo`, `status --json` with `ended_at`, `attend --at`
//! (补签) in the log, leave that needs a reason, owners typed several to a field, and
//! exports that never overwrite silently (`--force`), in Word too, blank sheets.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;

struct Env {
    dir: tempfile::TempDir,
    agenda: PathBuf,
    data: PathBuf,
}

fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("tongchuan.json");
    std::fs::write(&agenda, include_bytes!("../../agendas/tongchuan-2017.json")).unwrap();
    let data = dir.path().join("data");
    Env { dir, agenda, data }
}

fn huiwu(e: &Env, lang: &str) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.args(["--lang", lang, "--seat", "desk"])
        .arg("--data-dir")
        .arg(&e.data)
        .current_dir(e.dir.path())
        .env_remove("HUIWU_DATA_DIR")
        .env_remove("HUIWU_SEAT");
    c
}

fn run(e: &Env, lang: &str, sub: &str, args: &[&str]) -> Command {
    let mut c = huiwu(e, lang);
    c.arg(sub).arg(&e.agenda).args(args);
    c
}

fn status(e: &Env) -> serde_json::Value {
    let out = run(e, "en", "status", &["--json"]).output().unwrap();
    assert!(out.status.success());
    crate::common::schema::Shape::Status.parse(&out.stdout)
}

#[test]
fn open_and_close_set_the_times_status_shows() {
    let e = env();
    run(&e, "en", "meeting", &["close"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not been opened"));
    run(&e, "zh", "meeting", &["open", "--at", "16:02"])
        .assert()
        .success()
        .stdout(predicate::str::contains("宣布开会"))
        .stdout(predicate::str::contains("16:02"));
    assert!(status(&e)["meeting"]["ended_at"].is_null());
    run(&e, "en", "meeting", &["open"])
        .assert()
        .success()
        .stderr(predicate::str::contains("already open"));
    run(&e, "en", "meeting", &["close", "--at", "17:28"])
        .assert()
        .success()
        .stdout(predicate::str::contains("16:02-17:28 (86 min)"));
    let s = status(&e);
    assert_eq!(s["meeting"]["started_at"], "2017-05-04T16:02:00+08:00");
    assert_eq!(s["meeting"]["ended_at"], "2017-05-04T17:28:00+08:00");
    // Nothing changes the record after the close until it is reopened.
    run(&e, "en", "attend", &["1002"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("reopen"));
    run(&e, "en", "meeting", &["undo"]).assert().success();
    assert!(status(&e)["meeting"]["ended_at"].is_null());
    run(&e, "en", "attend", &["1002", "--at", "16:30"])
        .assert()
        .success()
        .stdout(predicate::str::contains("16:30:00"));
    run(&e, "en", "meeting", &["open", "--at", "25:00"])
        .assert()
        .code(2);
}

#[test]
fn a_late_sign_in_is_marked_and_corrected_and_a_later_entry_shows_in_the_log() {
    let e = env();
    run(&e, "en", "meeting", &["open", "--at", "16:00"])
        .assert()
        .success();
    // 补签: entered now for an arrival at 15:58 (before the opening): on time.
    run(&e, "zh", "attend", &["1002", "--at", "15:58"])
        .assert()
        .success()
        .stdout(predicate::str::contains("15:58:00"));
    // 16:30 is after 16:00 + 5 minutes' grace: late, and told so.
    run(&e, "en", "attend", &["1003", "--at", "16:30"])
        .assert()
        .success()
        .stderr(predicate::str::contains("recorded as late"));
    run(&e, "en", "attend", &["1003", "--on-time"])
        .assert()
        .success();
    let s = status(&e);
    assert_eq!(s["total"]["late"], 0);
    run(&e, "zh", "log", &[])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "补签：侯娜颖（1002）（实际时间 15:58:00，事后补录）",
        ))
        .stdout(predicate::str::contains(
            "宣布开会（实际时间 16:00:00，事后补录）",
        ));
    run(&e, "en", "log", &[])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "signed in afterwards, late: 朱林 (1003)",
        ));
}

#[test]
fn leave_needs_a_reason() {
    let e = env();
    run(&e, "zh", "attend", &["1002", "--excused", " "])
        .assert()
        .failure()
        .stderr(predicate::str::contains("请假须写明原因"));
}

#[test]
fn several_owners_in_one_field_and_short_unit_names() {
    let e = env();
    run(
        &e,
        "zh",
        "action",
        &[
            "add",
            "制定路线图",
            "--owner",
            "王益区分会场、印台，市教育局;person:黄磊平",
            "--by",
            "王晓红",
            "--item",
            "req-2",
        ],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "责任人：王益区分会场、印台区分会场、铜川市教育局、黄磊平（1038）",
    ));
    // Nothing on the roster: flagged, not created.
    run(&e, "en", "action", &["add", "x", "--owner", "某某局"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unit:某某局"));
    // An assigner is checked like an owner.
    run(
        &e,
        "en",
        "action",
        &["add", "x", "--owner", "王晓红", "--by", "杨涛放假前"],
    )
    .assert()
    .failure()
    .stderr(predicate::str::contains(
        "assigner `杨涛放假前` is nobody on the roster",
    ));
}

#[test]
fn a_task_added_after_the_meeting_is_not_filed_under_the_last_item() {
    let e = env();
    run(&e, "en", "meeting", &["open", "--at", "16:00"])
        .assert()
        .success();
    run(&e, "en", "meeting", &["close", "--at", "17:00"])
        .assert()
        .success();
    run(
        &e,
        "en",
        "action",
        &["add", "follow up", "--owner", "王晓红"],
    )
    .assert()
    .success()
    .stderr(predicate::str::contains("the meeting has ended"))
    .stdout(predicate::str::contains("agenda item: -"));
}

#[test]
fn exports_never_overwrite_silently_and_say_where_the_file_went() {
    let e = env();
    run(&e, "en", "meeting", &["open", "--at", "16:00"])
        .assert()
        .success();
    run(&e, "en", "export", &["--format", "docx"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            e.dir
                .path()
                .canonicalize()
                .unwrap()
                .join("tongchuan-2017-05-04.docx")
                .display()
                .to_string(),
        ));
    let path = e.dir.path().join("tongchuan-2017-05-04.docx");
    std::fs::write(&path, b"edited by hand").unwrap();
    run(&e, "en", "export", &["--format", "docx"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read(&path).unwrap(), b"edited by hand");
    run(&e, "en", "export", &["--format", "docx", "--force"])
        .assert()
        .success();
    assert_ne!(std::fs::read(&path).unwrap(), b"edited by hand");
    run(&e, "en", "export", &["--format", "docx", "-o", "-"])
        .assert()
        .code(2);
    // The blank sheet for paper sign-in, before the meeting.
    run(&e, "zh", "export", &["--format", "xlsx", "--blank"])
        .assert()
        .success()
        .stdout(predicate::str::contains("tongchuan-2017-05-04-blank.xlsx"));
    run(&e, "zh", "export", &["--format", "md", "--blank"])
        .assert()
        .code(2);
}

#[test]
fn a_stand_in_with_the_members_reason_reaches_the_minutes() {
    let e = env();
    run(
        &e,
        "zh",
        "attend",
        &[
            "1004",
            "--stand-in",
            "何平",
            "--unit",
            "铜川市教育局办公室",
            "--excused",
            "赴省厅参加会议",
        ],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains("代会"));
    run(&e, "zh", "export", &["--format", "md", "-o", "-"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "何平（代杜行成，杜行成赴省厅参加会议）",
        ));
}
