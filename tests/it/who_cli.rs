//! One resolver for WHO (issue 16, item 8): `attend`, `action --owner person:` and `find`
//! read a person the same way (id, hanzi, pinyin, initials, unit), an ambiguous WHO is
//! refused with the candidates, a near miss is never taken for anyone, and the search
//! tiers keep initials from pulling in unrelated names.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;

const AGENDA: &str = include_str!("../../agendas/tongchuan-2017.json");

struct Env {
    _dir: tempfile::TempDir,
    agenda: PathBuf,
    data: PathBuf,
}

fn env() -> Env {
    let dir = tempfile::tempdir().expect("a temporary dir");
    let agenda = dir.path().join("agenda.json");
    std::fs::write(&agenda, AGENDA).expect("writes");
    let data = dir.path().join("data");
    Env {
        _dir: dir,
        agenda,
        data,
    }
}

fn huiwu(e: &Env, args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("huiwu").expect("built");
    c.args(["--lang", "en", "--data-dir"])
        .arg(&e.data)
        .args(["--seat", "test"])
        .env_remove("HUIWU_DATA_DIR")
        .env_remove("HUIWU_SEAT")
        .arg(args[0])
        .arg(&e.agenda)
        .args(&args[1..]);
    c
}

fn journal(e: &Env) -> String {
    std::fs::read_to_string(e.data.join("meetings/tongchuan-2017-05-04/test.jsonl"))
        .unwrap_or_default()
}

#[test]
fn attend_takes_pinyin_initials_hanzi_and_id_alike() {
    for who in ["wangxiaohong", "wang xiao hong", "wxh", "王晓红", "1001"] {
        let e = env();
        huiwu(&e, &["attend", who])
            .assert()
            .success()
            .stdout(predicate::str::contains("1001\t王晓红"));
        assert!(journal(&e).contains("\"1001\""), "{who}");
    }
}

#[test]
fn an_ambiguous_who_is_refused_with_the_candidates() {
    let e = env();
    // Every 王 of the roster fits as well as any other.
    huiwu(&e, &["attend", "王"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`王` fits"))
        .stderr(predicate::str::contains("give the id"))
        .stderr(predicate::str::contains("1001\t王晓红"));
    // A unit of many people.
    huiwu(&e, &["attend", "铜川市教育局"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fits"));
    assert!(!journal(&e).contains("\"1001\""), "nobody signed in");
}

#[test]
fn a_typing_mistake_is_suggested_never_signed_in() {
    let e = env();
    huiwu(&e, &["attend", "wnagxiaohong"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nobody on the roster matches"))
        .stderr(predicate::str::contains("did you mean"))
        .stderr(predicate::str::contains("1001\t王晓红"));
    huiwu(&e, &["attend", "zzzzqqq"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean").not());
    // The search itself keeps its typo tolerance.
    huiwu(&e, &["find", "wnagxiaohong"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("1001\t王晓红"));
}

#[test]
fn an_owner_given_as_a_person_is_resolved_on_the_roster() {
    let e = env();
    huiwu(
        &e,
        &[
            "action",
            "add",
            "核对名单",
            "--owner",
            "person:wangxiaohong",
        ],
    )
    .assert()
    .success();
    huiwu(&e, &["action", "add", "联络", "--owner", "person:赵六"])
        .assert()
        .success();
    huiwu(&e, &["action", "add", "汇总", "--owner", "person:王"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fits"));
    let out = huiwu(&e, &["action", "list", "--json"])
        .output()
        .expect("runs");
    let v = crate::common::schema::Shape::ActionList.parse(&out.stdout);
    let added: Vec<&serde_json::Value> = v
        .as_array()
        .expect("a list")
        .iter()
        .filter(|a| a["text"] == "核对名单" || a["text"] == "联络")
        .collect();
    assert_eq!(added.len(), 2, "{v}");
    assert_eq!(added[0]["owners"][0]["kind"], "participant", "{v}");
    assert_eq!(added[0]["owners"][0]["id"], "1001");
    assert_eq!(added[1]["owners"][0]["kind"], "person", "{v}");
    assert_eq!(added[1]["owners"][0]["name"], "赵六");
}

#[test]
fn initials_find_the_name_and_nobody_unrelated() {
    let e = env();
    let out = huiwu(&e, &["find", "wxh", "--json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let names: Vec<&str> = v
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(names.first(), Some(&"王晓红"));
    assert!(!names.contains(&"于薇宁"), "{names:?}");
    // A badge number ranks first.
    huiwu(&e, &["find", "1005"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("1005\t"));
}
