//! Due phrases through `huiwu action`: holidays and working days, phrases without a date,
//! the past refused, the agenda's named dates, an unpublished holiday schedule.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;

struct Env {
    _dir: tempfile::TempDir,
    agenda: PathBuf,
    data: PathBuf,
}

/// The runner fixture moved to `date`, with `edit` applied to its text.
fn env_on(date: &str, edit: impl Fn(String) -> String) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("runner.json");
    let text = include_str!("../fixtures/runner.json").replace("2017-05-04", date);
    std::fs::write(&agenda, edit(text)).unwrap();
    let data = dir.path().join("data");
    Env {
        _dir: dir,
        agenda,
        data,
    }
}

fn action(e: &Env, lang: &str, args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.args(["--lang", lang, "--seat", "desk"])
        .arg("--data-dir")
        .arg(&e.data)
        .env_remove("HUIWU_DATA_DIR")
        .env_remove("HUIWU_SEAT")
        .arg("action")
        .arg(&e.agenda)
        .args(args);
    c
}

fn add(e: &Env, due: &str) -> assert_cmd::assert::Assert {
    action(e, "en", &["add", "x", "--owner", "p3", "--due", due]).assert()
}

fn list_json(e: &Env, as_of: &str) -> Vec<serde_json::Value> {
    let out = action(e, "en", &["list", "--json", "--as-of", as_of])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = crate::common::schema::Shape::ActionList.parse(&out.stdout);
    serde_json::from_value(v).unwrap()
}

#[test]
fn holidays_and_working_days_give_the_office_dates() {
    let e = env_on("2017-09-20", |t| t);
    add(&e, "国庆节前")
        .success()
        .stdout(predicate::str::contains("国庆节前 → 2017-09-30 Sat"));
    add(&e, "2017年内")
        .success()
        .stdout(predicate::str::contains("2017年内 → 2017-12-31 Sun"));
    let rows = list_json(&e, "2017-09-20");
    assert_eq!(rows[0]["due"], "2017-09-30");
    assert_eq!(rows[0]["due_text"], "国庆节前");
    assert_eq!(rows[0]["due_estimated"], false);
    assert_eq!(rows[1]["due"], "2017-12-31");

    let e = env_on("2017-09-29", |t| t);
    add(&e, "3个工作日内")
        .success()
        .stdout(predicate::str::contains("3个工作日内 → 2017-10-10 Tue"));
    assert_eq!(list_json(&e, "2017-09-29")[0]["due"], "2017-10-10");
}

#[test]
fn a_phrase_without_a_date_is_kept_never_overdue_and_listed_as_no_date() {
    let e = env_on("2017-05-04", |t| t);
    add(&e, "尽快")
        .success()
        .stderr(predicate::str::contains(
            "note: no date: kept as said, never overdue",
        ))
        .stdout(predicate::str::contains("due: 尽快 (no date)"));
    // Edit to another dateless phrase and back to a date, and to one again.
    action(&e, "zh", &["edit", "A1", "--due", "长期坚持"])
        .assert()
        .success()
        .stdout(predicate::str::contains("完成时限：长期坚持（无具体日期）"));
    let rows = list_json(&e, "2030-01-01");
    assert_eq!(rows[0]["due"], serde_json::Value::Null);
    assert_eq!(rows[0]["due_text"], "长期坚持");
    assert_eq!(rows[0]["overdue"], false);
    action(&e, "en", &["list", "--as-of", "2030-01-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("open\t长期坚持 (no date)"))
        .stdout(predicate::str::contains("1 task: 1 open, 0 overdue"));
    action(
        &e,
        "en",
        &["list", "--overdue", "--json", "--as-of", "2030-01-01"],
    )
    .assert()
    .success()
    .stdout("[]\n");
}

#[test]
fn a_deadline_in_the_past_is_refused_in_both_languages() {
    let e = env_on("2017-05-04", |t| t);
    add(&e, "3 days ago")
        .code(1)
        .stderr(predicate::str::contains(
            "`3 days ago` is before the meeting (2017-05-04): a due date cannot be in the past",
        ));
    action(&e, "zh", &["add", "x", "--owner", "p3", "--due", "三天前"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`三天前` 早于会议日期（2017-05-04）：完成时限不能是过去的日子",
        ));
    add(&e, "10000年底")
        .code(1)
        .stderr(predicate::str::contains("`10000年底` is too far away"));
    assert!(list_json(&e, "2017-05-04").is_empty());
}

#[test]
fn the_agendas_named_dates_resolve_and_an_undated_event_is_kept_with_a_hint() {
    let named = |t: String| {
        t.replace(
            "\"date\": \"2017-05-04\",",
            "\"date\": \"2017-05-04\", \"dates\": { \"开学\": \"2017-09-01\" },",
        )
    };
    let e = env_on("2017-05-04", named);
    add(&e, "开学前")
        .success()
        .stdout(predicate::str::contains("开学前 → 2017-08-31 Thu"));
    let e = env_on("2017-05-04", |t| t);
    add(&e, "寒假前")
        .success()
        .stderr(predicate::str::contains(
            "`寒假` is not a date this agenda names",
        ))
        .stdout(predicate::str::contains("寒假前 (no date)"));
}

#[test]
fn a_planned_task_said_as_a_phrase_gets_its_date() {
    let planned = |t: String| {
        t.replacen(
            "\"participants\": [",
            r#""actions": [
                { "id": "t1", "text": "整改", "owners": [{ "venue": "yaozhou" }], "due_text": "6月底前" },
                { "id": "t2", "text": "制定路线图", "owners": [{ "venue": "yijun" }], "due_text": "尽快" }
              ],
              "participants": ["#,
            1,
        )
    };
    let e = env_on("2017-05-04", planned);
    let rows = list_json(&e, "2017-07-05");
    assert_eq!(rows[0]["due"], "2017-06-30");
    assert_eq!(rows[0]["overdue"], true);
    assert_eq!(rows[1]["due"], serde_json::Value::Null);
    assert_eq!(rows[1]["due_text"], "尽快");
    assert_eq!(rows[1]["overdue"], false);
}

#[test]
fn an_unpublished_holiday_schedule_is_estimated_and_says_so() {
    let e = env_on("2027-09-20", |t| t);
    add(&e, "国庆节前")
        .success()
        .stderr(predicate::str::contains(
            "the official holiday schedule for 2027 is not known",
        ))
        .stdout(predicate::str::contains(
            "国庆节前 → 2027-09-30 Thu (estimated: holiday schedule not published)",
        ));
    let rows = list_json(&e, "2027-09-20");
    assert_eq!(rows[0]["due"], "2027-09-30");
    assert_eq!(rows[0]["due_estimated"], true);
    action(&e, "zh", &["list", "--as-of", "2027-09-20"])
        .assert()
        .success()
        .stdout(predicate::str::contains("（估算：放假安排未公布）"));
}
