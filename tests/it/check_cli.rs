//! `huiwu check` as a secretary meets it: the real binary on the bundled agendas and on
//! broken ones (`tests/data/agendas/`). Every broken file gives a located, readable
//! message and exit 1, never a panic; usage errors exit 2.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn huiwu() -> Command {
    let mut c = Command::cargo_bin("huiwu").expect("the huiwu binary");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn data(name: &str) -> String {
    format!("tests/data/agendas/{name}")
}

/// Run `huiwu --lang LANG check FILE`; return (exit code, stdout, stderr).
fn check(lang: &str, file: &str) -> (i32, String, String) {
    let out = huiwu()
        .args(["--lang", lang, "check", file])
        .output()
        .expect("huiwu runs");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{file} panicked:\n{stderr}"
    );
    (
        out.status.code().expect("exited, not killed"),
        stdout,
        stderr,
    )
}

/// The diagnostic lines of stderr (the last line is the file's summary).
fn diagnostics(stderr: &str) -> Vec<&str> {
    let lines: Vec<&str> = stderr.lines().collect();
    lines[..lines.len().saturating_sub(1)].to_vec()
}

/// Check a broken file in both languages: exit 1, exactly the expected diagnostics (by
/// prefix, in English), a summary line, and the Chinese run locating them the same way.
fn assert_broken(file: &str, expected_en: &[&str]) {
    let path = data(file);
    let (code, stdout, stderr) = check("en", &path);
    assert_eq!(code, 1, "{file}: exit code\n{stderr}");
    assert!(stdout.is_empty(), "{file}: nothing on stdout, got {stdout}");
    let got = diagnostics(&stderr);
    assert_eq!(got.len(), expected_en.len(), "{file}:\n{stderr}");
    for (g, e) in got.iter().zip(expected_en) {
        let want = format!("{path}{e}");
        assert!(
            g.starts_with(&want),
            "{file}:\n  got  {g}\n  want {want}..."
        );
    }
    assert!(
        stderr
            .lines()
            .last()
            .unwrap_or_default()
            .contains("cannot be used until the errors are fixed"),
        "{file}: summary\n{stderr}"
    );

    let (code, _, stderr_zh) = check("zh", &path);
    assert_eq!(code, 1);
    let got_zh = diagnostics(&stderr_zh);
    assert_eq!(got_zh.len(), got.len(), "{file}:\n{stderr_zh}");
    for (zh, en) in got_zh.iter().zip(&got) {
        // Same place (everything before the severity word), Chinese severity and words.
        let place_en = en.split(": error: ").next().unwrap_or_default();
        let place_zh = zh.split(": 错误: ").next().unwrap_or_default();
        assert_eq!(place_en, place_zh, "{file}: {zh}");
        assert!(zh.contains(": 错误: "), "{file}: {zh}");
        let message = zh.split(": 错误: ").nth(1).unwrap_or_default();
        assert!(
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{file}: message not in Chinese: {zh}"
        );
    }
    assert!(stderr_zh.contains("修正错误后议程才能使用"));
}

#[test]
fn bundled_agendas_pass() {
    let mut agendas: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas"))
            .expect("agendas/")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
    agendas.sort();
    assert!(agendas.len() >= 3, "{agendas:?}");
    let out = huiwu()
        .arg("check")
        .args(&agendas)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("UTF-8");
    assert_eq!(out.lines().count(), agendas.len(), "{out}");
    assert!(
        out.contains("tongchuan-2017.json: ok: 5 venues (1 reporting a headcount); 360 expected"),
        "{out}"
    );
}

#[test]
fn the_reference_agenda_summary_in_chinese() {
    huiwu()
        .args(["--lang", "zh", "check", "agendas/tongchuan-2017.json"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "应到 360 人（名单 315 人 + 报数 45 人）",
        ));
}

#[test]
fn a_bom_is_accepted() {
    let (code, stdout, stderr) = check("en", &data("bom.json"));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("bom.json: ok"), "{stdout}");
}

#[test]
fn syntax_problems_are_located_by_line_and_column() {
    assert_broken(
        "truncated.json",
        &[":56:21: error: the file ends inside a text in quotes"],
    );
    assert_broken("trailing-comma.json", &[":77:5: error: trailing comma"]);
    assert_broken(
        "missing-comma.json",
        &[":5:5: error: a comma is missing at the end of the line before this one"],
    );
    assert_broken(
        "duplicate-key.json",
        &[":5:5: error: key \"title\" appears twice in this object"],
    );
    assert_broken(
        "full-width-punctuation.json",
        &[":4:12: error: full-width `：` here: JSON needs the ASCII `:`"],
    );
    assert_broken(
        "single-quotes.json",
        &[":3:5: error: JSON text goes in double quotes"],
    );
    assert_broken(
        "unclosed-comment.json",
        &[":1:1: error: this /* comment is never closed"],
    );
}

#[test]
fn encodings_other_than_utf8_are_named() {
    assert_broken(
        "gbk.json",
        &[
            ":4:15: error: the file is not UTF-8 (byte 0xB2); it looks like GBK/GB18030 (this line reads “\"title\": \"测试会议\",",
        ],
    );
    assert_broken("utf16.json", &[":1:1: error: the file is saved as UTF-16"]);
    let (_, _, zh) = check("zh", &data("gbk.json"));
    assert!(
        zh.contains(
            "gbk.json:4:15: 错误: 文件不是 UTF-8 编码（字节 0xB2），看起来是 GBK/GB18030 编码"
        ),
        "{zh}"
    );
}

#[test]
fn files_that_are_not_agendas() {
    assert_broken("empty.json", &[": error: the file is empty"]);
    assert_broken(
        "only-comments.json",
        &[": error: the file holds only comments"],
    );
    assert_broken(
        "not-an-object.json",
        &[": error: the file holds a list [...], but an agenda is a JSON object"],
    );
}

#[test]
fn deep_nesting_is_refused_with_its_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("deep.json");
    let deep = format!(
        "{{\n  \"meeting\": {{\"extra\": {{\"x\": {}{}}}}}\n}}\n",
        "[".repeat(200),
        "]".repeat(200)
    );
    std::fs::write(&path, deep).expect("write");
    let path = path.display().to_string();
    let (code, _, stderr) = check("en", &path);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(&format!("{path}:2:")) && stderr.contains("error: nesting is too deep"),
        "{stderr}"
    );
}

#[test]
fn a_directory_and_a_missing_file() {
    let (code, _, stderr) = check("en", "tests/data/agendas");
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("tests/data/agendas: error: is a directory, not an agenda file"),
        "{stderr}"
    );
    let (code, _, stderr) = check("en", "tests/data/agendas/no-such-file.json");
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("tests/data/agendas/no-such-file.json: error: no such file"),
        "{stderr}"
    );
    let (_, _, stderr) = check("zh", "tests/data/agendas/no-such-file.json");
    assert!(
        stderr.starts_with("tests/data/agendas/no-such-file.json: 错误: 文件不存在"),
        "{stderr}"
    );
}

#[test]
fn type_problems_are_located_by_document_path() {
    assert_broken(
        "wrong-types.json",
        &[
            ": meeting.date: error: \"2017/05/04\" is not a date: write it as YYYY-MM-DD",
            ": venues[1].kind: error: `branches` is not allowed here (did you mean `branch`?); use one of: main, branch",
            ": participants[1].name: error: 1002: expected text in double quotes, found the number 1002",
            ": items[0].minutes: error: expected a whole number, found the text \"15\" (write numbers without quotes)",
        ],
    );
    assert_broken(
        "unknown-field.json",
        &[
            ": participants[1].titel: error: 曾磊 (1002): unknown field `titel` (did you mean `title`?)",
        ],
    );
    assert_broken(
        "missing-offset.json",
        &[
            ": meeting.start: error: \"2017-05-04T16:00:00\" has no UTC offset: add it, like 2017-05-04T16:00:00+08:00",
        ],
    );
}

#[test]
fn meaning_problems_are_located_by_document_path() {
    assert_broken(
        "duplicate-participant-id.json",
        &[
            ": participants[2].id: error: participant id `1002` (单红) is already used by participants[1] (曾磊)",
        ],
    );
    assert_broken(
        "duplicate-venue-id.json",
        &[": venues[1].id: error: venue id `main` is already used by venues[0] (主会场)"],
    );
    assert_broken(
        "duplicate-item-id.json",
        &[": items[1].items[0].id: error: item id `review` is already used by items[0]"],
    );
    assert_broken("no-main-venue.json", &[": venues: error: no main venue"]);
    assert_broken(
        "two-main-venues.json",
        &[": venues: error: 2 main venues (venues[0] 主会场, venues[1] 王益区分会场)"],
    );
    assert_broken(
        "unknown-venue.json",
        &[
            ": participants[2].venue: error: 单红 (2001): `wangyl` is not the id of a venue (did you mean `wangyi`?)",
        ],
    );
    assert_broken(
        "speaker-not-on-roster.json",
        &[": items[0].speaker.participant: error: `1009` is not an id on the roster"],
    );
    assert_broken(
        "negative-minutes.json",
        &[": items[0].minutes: error: planned minutes cannot be negative (-15)"],
    );
}

#[test]
fn all_problems_of_a_file_are_reported_at_once() {
    assert_broken(
        "many-problems.json",
        &[
            ": meeting.end: error: \"17:30\" is not a date and time",
            ": meeting.start: error: \"2017-05-04 16:00\" has no UTC offset",
            ": participants[1].titel: error: 曾磊 (1002): unknown field `titel`",
            ": participants[2].id: error: participant id `1001` (单红) is already used by participants[0] (王晓红)",
            ": items[0].minutes: error: planned minutes cannot be negative (-5)",
            ": items[1].speaker.participant: error: `9999` is not an id on the roster",
            ": actions[0].owners[0]: error: an owner is one of",
            ": actions[0].owners[1].venue: error: `nowhere` is not the id of a venue",
        ],
    );
}

#[test]
fn an_overrunning_plan_is_a_warning_and_passes() {
    let (code, stdout, stderr) = check("en", &data("overrun.json"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "tests/data/agendas/overrun.json: items: warning: the items plan 100 minutes but the meeting is scheduled for 90 (16:00-17:30): it would run 10 minutes past the scheduled end"
    );
    assert!(
        stdout.contains("overrun.json: ok") && stdout.contains("1 warning"),
        "{stdout}"
    );
    let (code, _, stderr) = check("zh", &data("overrun.json"));
    assert_eq!(code, 0);
    assert!(stderr.contains("items: 警告: 议程计划共 100 分钟，而会议安排 90 分钟（16:00-17:30）：将超出预定结束时间 10 分钟"), "{stderr}");
}

#[test]
fn one_bad_file_fails_the_run_but_every_file_is_checked() {
    let out = huiwu()
        .args([
            "--lang",
            "en",
            "check",
            &data("valid.json"),
            &data("empty.json"),
            &data("bom.json"),
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        stdout.contains("valid.json: ok") && stdout.contains("bom.json: ok"),
        "{stdout}"
    );
}

#[test]
fn quiet_prints_nothing_for_clean_files() {
    huiwu()
        .args(["check", "--quiet", &data("valid.json")])
        .assert()
        .success()
        .stdout("")
        .stderr("");
}

#[test]
fn usage_errors_exit_2() {
    huiwu().arg("check").assert().code(2);
    huiwu()
        .args(["check", "--no-such-flag", &data("valid.json")])
        .assert()
        .code(2);
    huiwu()
        .args(["--lang", "fr", "check", &data("valid.json")])
        .assert()
        .code(2);
}

#[test]
fn the_template_written_by_new_passes_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("会议.json");
    huiwu().arg("new").arg(&path).assert().success();
    huiwu()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .stderr("");
    // It refuses to overwrite.
    huiwu().arg("new").arg(&path).assert().code(1);
}

#[test]
fn schema_is_json_that_describes_the_format() {
    let out = huiwu()
        .arg("schema")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let schema: serde_json::Value = serde_json::from_slice(&out).expect("the schema is JSON");
    let props = &schema["properties"];
    for key in [
        "meeting",
        "venues",
        "participants",
        "items",
        "actions",
        "extra",
    ] {
        assert!(props.get(key).is_some(), "schema lacks {key}");
    }
    assert_eq!(
        schema["additionalProperties"],
        serde_json::Value::Bool(false)
    );
}

/// The complete example in docs/agenda-format.md passes the checker, with the counts the
/// document says it has.
#[test]
fn the_documented_example_passes_check() {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/agenda-format.md"),
    )
    .expect("docs/agenda-format.md");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(&doc) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if &*lang == "json" => {
                current = Some(String::new())
            }
            Event::Text(t) => {
                if let Some(c) = &mut current {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    let example = blocks.first().expect("a json example");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("example.json");
    std::fs::write(&path, example).expect("write");
    huiwu()
        .args(["--lang", "en", "check"])
        .arg(&path)
        .assert()
        .success()
        .stderr("")
        .stdout(predicate::str::contains(
            "3 venues (1 reporting a headcount); 47 expected (2 on the roster + 45 by headcount), 1 observer, 1 staff",
        ));
}
