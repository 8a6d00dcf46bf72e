//! `huiwu speak` on the second sample: four districts' 5-minute pledges driven from the
//! command line (with `--at`, as a secretary enters them afterwards), `list` and its JSON
//! for a second screen, a speaker found by pinyin or venue, one added who was not
//! planned, refusals, and `huiwu log` telling the speeches.

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
    let agenda = dir.path().join("safety.json");
    std::fs::write(
        &agenda,
        include_bytes!("../../agendas/tongchuan-safety-2017.json"),
    )
    .unwrap();
    let data = dir.path().join("data");
    Env { dir, agenda, data }
}

fn run(e: &Env, lang: &str, sub: &str, args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.args(["--lang", lang, "--seat", "chair"])
        .arg("--data-dir")
        .arg(&e.data)
        .current_dir(e.dir.path())
        .env_remove("HUIWU_DATA_DIR")
        .env_remove("HUIWU_SEAT")
        .arg(sub)
        .arg(&e.agenda)
        .args(args);
    c
}

fn speak(e: &Env, args: &[&str]) -> String {
    let out = run(e, "zh", "speak", args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "speak {args:?}: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

fn list_json(e: &Env) -> serde_json::Value {
    let out = run(e, "en", "speak", &["list", "--json"]).output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn four_pledges_from_four_branch_venues() {
    let e = env();
    // The chair calls 王益区 by the venue's name: the pledges item starts with her.
    let out = speak(&e, &["start", "王益区", "--at", "15:17:00"]);
    assert!(
        out.contains(
            "开始发言：陈琳慧（王益区教育科技体育局局长，王益区分会场），表态发言，限时 5:00"
        ),
        "{out}"
    );
    assert!(
        out.contains("切换至 印台区分会场（视频未检查，音频未检查）"),
        "{out}"
    );
    let out = speak(&e, &["next", "--at", "15:21:50"]);
    assert!(out.contains("发言结束：陈琳慧，用时 4:50"), "{out}");
    assert!(out.contains("开始发言：王慧琳"), "{out}");
    let out = speak(&e, &["next", "--at", "15:27:20"]);
    assert!(
        out.contains("发言结束：王慧琳，用时 5:30，超时 0:30"),
        "{out}"
    );
    speak(&e, &["next", "--at", "15:33:25"]);
    let out = speak(&e, &["next", "--at", "15:38:25"]);
    assert!(out.contains("发言结束：杨文博，用时 5:00"), "{out}");
    assert!(
        !out.contains("开始发言"),
        "the last one: nobody to call\n{out}"
    );

    let v = list_json(&e);
    assert_eq!(v["running"], serde_json::Value::Null);
    let pledges = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "pledges")
        .unwrap();
    let got: Vec<(String, i64, i64)> = pledges["speeches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["label"].as_str().unwrap().to_string(),
                s["elapsed_seconds"].as_i64().unwrap(),
                s["overrun_seconds"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("陈琳慧".to_string(), 290, 0),
            ("王慧琳".to_string(), 330, 30),
            ("赵建华".to_string(), 365, 65),
            ("杨文博".to_string(), 300, 0)
        ]
    );
    assert_eq!(v["totals"].as_array().unwrap().len(), 4);
    assert_eq!(v["totals"][2]["overrun"], 65);
    // The next speaker is the address, at the main venue: the picture goes back there.
    assert_eq!(v["next"], "address#1");
    assert_eq!(v["cue"]["venue"], "main");

    let log = run(&e, "zh", "log", &[]).output().unwrap();
    let log = String::from_utf8(log.stdout).unwrap();
    assert!(log.contains("开始发言：赵建华"), "{log}");
}

#[test]
fn list_marks_who_speaks_and_who_is_next() {
    let e = env();
    speak(&e, &["start", "chenlinhui", "--at", "15:17"]);
    let out = speak(&e, &["list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "2 各区县表态发言");
    assert!(lines[1].starts_with("> pledges#1\t陈琳慧"), "{out}");
    assert!(lines[1].contains("\t表态发言\t发言中\t"), "{out}");
    assert!(lines[2].starts_with("* pledges#2\t王慧琳"), "{out}");
    assert!(lines[2].ends_with("待发言\t-/5:00"), "{out}");
    assert!(
        out.ends_with("切换至 印台区分会场（视频未检查，音频未检查）\n"),
        "{out}"
    );
    let en = run(&e, "en", "speak", &["list", "--all"]).output().unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("Switch to 印台区分会场 (video not checked, audio not checked)"),
        "{en}"
    );
    assert!(en.contains("deploy#1"), "--all lists every item: {en}");
}

#[test]
fn a_speaker_not_planned_is_added_and_skips_and_refusals_are_said() {
    let e = env();
    speak(&e, &["start", "王慧琳", "--at", "15:17"]);
    // 王益区 is skipped: she was passed over when 印台区 was called first.
    speak(&e, &["skip", "wangyi"]);
    let out = speak(
        &e,
        &[
            "start",
            "2003",
            "--limit",
            "3分钟",
            "--kind",
            "交流发言",
            "--at",
            "15:20",
        ],
    );
    assert!(
        out.contains(
            "增加发言：魏宏福（王益区教育科技体育局副局长，王益区分会场），交流发言，限时 3:00"
        ),
        "{out}"
    );
    assert!(out.contains("开始发言：魏宏福"), "{out}");
    let v = list_json(&e);
    assert_eq!(v["running"], "pledges#a1");
    run(&e, "en", "speak", &["skip", "王慧琳"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("has already spoken"));
    run(&e, "en", "speak", &["start", "nobody-at-all"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nobody on the roster matches"));
    run(&e, "en", "speak", &["start", "2004", "--limit", "soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read `soon` as a time limit",
        ));
    run(&e, "zh", "speak", &["stop", "--at", "15:19"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("早于发言开始时间"));
    speak(&e, &["stop", "--at", "15:22"]);
    run(&e, "en", "speak", &["stop"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nobody is speaking"));
}

/// The four pledges run as in `four_pledges_from_four_branch_venues`, with the report
/// before them.
fn run_the_pledges(e: &Env) {
    run(e, "zh", "meeting", &["open", "--at", "15:00"])
        .assert()
        .success();
    for t in [
        "15:02", "15:16:30", "15:17", "15:21:50", "15:27:20", "15:33:25", "15:38:25",
    ] {
        speak(e, &["next", "--at", t]);
    }
}

fn export(e: &Env, lang: &str, format: &str) -> Vec<u8> {
    let out = run(e, lang, "export", &["--format", format, "-o", "-"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn the_minutes_list_each_speech_and_each_speakers_total() {
    let e = env();
    run_the_pledges(&e);
    let md = String::from_utf8(export(&e, "zh", "md")).unwrap();
    let at = md.find("## 发言情况").expect("the speeches section");
    let table: Vec<&str> = md[at..].lines().collect();
    assert_eq!(
        table[2],
        "| 序号 | 议程 | 发言人 | 单位职务 | 会场 | 类别 | 用时/限时 | 超时 |"
    );
    assert_eq!(
        table[6],
        "| 3 | 2 各区县表态发言 | 王慧琳 | 印台区教育科技体育局局长 | 印台区分会场 | 表态发言 | 5:30 / 5:00 | 0:30 |"
    );
    assert!(
        md.contains("| 赵建华 | 耀州区教育科技体育局 | 1 | 6:05 | 1:05 |"),
        "{md}"
    );
    // The item's section says who spoke.
    assert!(md.contains("陈琳慧（王益区教育科技体育局局长）、王慧琳（印台区教育科技体育局局长）、赵建华（耀州区教育科技体育局局长）、杨文博（宜君县教育科技体育局局长）分别作表态发言。"), "{md}");

    let v: serde_json::Value = serde_json::from_slice(&export(&e, "en", "json")).unwrap();
    let speeches = v["state"]["speeches"].as_array().unwrap();
    let zhao = speeches
        .iter()
        .find(|s| s["participant"] == "4002")
        .unwrap();
    assert_eq!(zhao["status"], "done");
    assert_eq!(zhao["kind"], "pledge");
    assert_eq!(zhao["venue"], "yaozhou");
    assert_eq!(
        (
            zhao["elapsed_seconds"].as_i64(),
            zhao["overrun_seconds"].as_i64()
        ),
        (Some(365), Some(65))
    );
    assert_eq!(zhao["started_at"], "2017-09-05T15:27:20+08:00");
    assert_eq!(zhao["started_by"], "chair");
    assert_eq!(v["state"]["speaking_totals"].as_array().unwrap().len(), 5);

    let path = e.dir.path().join("minutes.docx");
    run(
        &e,
        "zh",
        "export",
        &["--format", "docx", "-o", path.to_str().unwrap()],
    )
    .assert()
    .success();
    let docx = std::fs::read(&path).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    for text in [
        "发言情况",
        "发言用时统计",
        "耀州区分会场",
        "6:05 / 5:00",
        "1:05",
    ] {
        assert!(xml.contains(text), "{text} in the Word minutes");
    }

    let en = String::from_utf8(export(&e, "en", "md")).unwrap();
    assert!(en.contains("## Speeches"), "{en}");
    assert!(
        en.contains("and 杨文博 (局长, 宜君县教育科技体育局) gave pledges."),
        "{en}"
    );
    assert!(en.contains("| 4 | 2 各区县表态发言 | 赵建华 | 局长, 耀州区教育科技体育局 | 耀州区分会场 | pledge | 6:05 / 5:00 | 1:05 |"), "{en}");
}
