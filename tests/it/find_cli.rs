//! `huiwu find`: the desk search from the command line, against a real agenda file and
//! journal.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const AGENDA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/find-agenda.json");

fn huiwu(data: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.arg("--lang")
        .arg(lang)
        .arg("--data-dir")
        .arg(data)
        .arg("--seat")
        .arg("find-test")
        .env_remove("HUIWU_DATA_DIR")
        .env_remove("HUIWU_SEAT");
    c
}

fn data_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    (dir, data)
}

/// The ids printed, in order.
fn ids(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

fn find(data: &Path, args: &[&str]) -> Vec<String> {
    let out = huiwu(data, "en")
        .arg("find")
        .arg(AGENDA)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    ids(&out.stdout)
}

#[test]
fn finds_by_every_kind_of_query_best_first() {
    let (_d, data) = data_dir();
    assert_eq!(find(&data, &["王晓红"])[0], "M01");
    assert_eq!(find(&data, &["wangxiaohong"])[0], "M01");
    assert_eq!(find(&data, &["wang", "xh"])[0], "M01");
    assert_eq!(find(&data, &["wxh"])[..2], ["M01", "D01"]);
    assert_eq!(find(&data, &["晓红"]), ["M01", "M04"]);
    assert_eq!(find(&data, &["zeng"])[0], "M02");
    assert_eq!(find(&data, &["ceng"])[0], "M02");
    assert_eq!(find(&data, &["shantf"])[0], "M03");
    assert_eq!(find(&data, &["m0"]), ["M01", "M02", "M03", "M04"]);
    assert_eq!(find(&data, &["实验小学"]), ["D02"]);
    assert_eq!(find(&data, &["ＷＸＨ"])[0], "M01");
    assert_eq!(find(&data, &["wnagxiaohong"])[0], "M01");
    assert_eq!(
        find(&data, &["王红"])[0],
        "D02",
        "exact name despite the padding"
    );
}

#[test]
fn limit_and_venue_filter() {
    let (_d, data) = data_dir();
    assert_eq!(find(&data, &["wang", "--limit", "1"]), ["M01"]);
    assert_eq!(find(&data, &["wang", "--venue", "dc"]), ["D01", "D02"]);
}

#[test]
fn prints_the_row_with_venue_and_status_from_the_journal() {
    let (_d, data) = data_dir();
    huiwu(&data, "en")
        .args(["find", AGENDA, "M01"])
        .assert()
        .success()
        .stdout("M01\t王晓红\t市教育局\t局长\t主会场\tnot arrived\n");
    huiwu(&data, "en")
        .args(["attend", AGENDA, "M01"])
        .assert()
        .success();
    huiwu(&data, "zh")
        .args(["find", AGENDA, "M01"])
        .assert()
        .success()
        .stdout(
            predicate::str::is_match("^M01\t王晓红\t市教育局\t局长\t主会场\t已到 \\d\\d:\\d\\d\n$")
                .unwrap(),
        );
}

#[test]
fn json_output() {
    let (_d, data) = data_dir();
    let out = huiwu(&data, "en")
        .args(["find", AGENDA, "dtf", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v[0];
    assert_eq!(first["id"], "M03");
    assert_eq!(first["name"], "单田芳");
    assert_eq!(first["venue"], "main");
    assert_eq!(first["venue_name"], "主会场");
    assert_eq!(first["status"], "not_arrived");
    assert_eq!(first["time"], serde_json::Value::Null);
    assert_eq!(first["field"], "name");
    assert_eq!(first["kind"], "prefix");
}

#[test]
fn nothing_found_exits_1_with_a_message() {
    let (_d, data) = data_dir();
    huiwu(&data, "en")
        .args(["find", AGENDA, "qqqzzz"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("nobody matches `qqqzzz`"));
    huiwu(&data, "zh")
        .args(["find", AGENDA, "qqqzzz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("没有与 `qqqzzz` 相符的人"));
}

#[test]
fn bad_input_is_a_usage_error() {
    let (_d, data) = data_dir();
    huiwu(&data, "en")
        .args(["find", AGENDA, "  "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the query is empty"));
    huiwu(&data, "en")
        .args(["find", AGENDA, "wang", "--venue", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no venue `nowhere`; the venues are: main, dc",
        ));
    huiwu(&data, "en")
        .args(["find", "/nonexistent/agenda.json", "wang"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("agenda.json"));
}
