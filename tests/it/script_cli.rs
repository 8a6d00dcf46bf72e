//! `huiwu script`: the chair's script (主持词) of the reference meeting, of the second
//! sample (four districts' 5-minute pledges) and of the English board meeting, as
//! Markdown and as Word, by snapshot; the file rules of the exports (never over an
//! existing file without --force, no binary to standard output); and the paragraph the
//! desk shows for a speaker.

use std::io::{Cursor, Read};
use std::sync::Arc;

use assert_cmd::Command;
use huiwu::core::meeting::Meeting;
use huiwu::export::script::{Anchor, render_md, script};
use huiwu::i18n::Lang;
use predicates::prelude::*;

fn meeting(text: &str) -> Meeting {
    let a = huiwu::core::load::load_agenda(text.as_bytes(), Lang::Zh)
        .agenda
        .expect("loads");
    Meeting::new(Arc::new(a))
}

const REFERENCE: &str = include_str!("../../agendas/tongchuan-2017.json");
const SAFETY: &str = include_str!("../../agendas/tongchuan-safety-2017.json");
const BOARD: &str = include_str!("../../agendas/school-board.json");

fn md(text: &str, lang: Lang) -> String {
    render_md(&script(&meeting(text), lang))
}

/// The paragraphs of the Word file, one line each (what a reader sees).
fn docx_text(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        let mut line = String::new();
        let mut rest = para;
        while let Some(i) = rest.find("<w:t") {
            let after = &rest[i..];
            let Some(open_end) = after.find('>') else {
                break;
            };
            let body = &after[open_end + 1..];
            let Some(close) = body.find("</w:t>") else {
                break;
            };
            line.push_str(&body[..close]);
            rest = &body[close..];
        }
        if !line.is_empty() {
            out.push_str(
                &line
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\""),
            );
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_reference_meetings_script() {
    let text = md(REFERENCE, Lang::Zh);
    insta::assert_snapshot!("script_reference_md", text);
    // What a secretary looks for in it.
    assert!(text.contains("同志们：现在开会。"));
    assert!(
        text.contains("首先，进行会议第一项议程：2016年全市教育扶贫工作回顾总结，由我作通报。")
    );
    assert!(text.contains("王益区分会场（应到95人）。"));
    assert!(text.contains("一是对照教育扶贫整改责任清单逐项自查"));
    assert!(text.trim_end().ends_with("今天的会议就开到这里。散会！"));
}

#[test]
fn the_second_samples_script_calls_each_district_with_its_limit() {
    let text = md(SAFETY, Lang::Zh);
    insta::assert_snapshot!("script_safety_md", text);
    assert!(text.contains(
        "首先，请王益区教育科技体育局局长陈琳慧同志就做好王益区学校安全工作作表态发言，时间5分钟。"
    ));
    assert!(text.contains("*（导播：切换至 印台区分会场）*"));
    assert!(text.contains("刚才，陈琳慧、王慧琳、赵建华、杨文博同志分别作了表态发言。"));
}

#[test]
fn an_english_meeting_gets_an_english_script() {
    let text = md(BOARD, Lang::En);
    insta::assert_snapshot!("script_board_en_md", text);
    assert!(text.contains("Good evening, everyone. I call this meeting to order."));
    assert!(
        !text.chars().any(|c| matches!(c, '，' | '。' | '：' | '（')),
        "{text}"
    );
}

#[test]
fn the_word_scripts_say_the_same() {
    for (name, text, lang) in [
        ("script_reference_docx", REFERENCE, Lang::Zh),
        ("script_safety_docx", SAFETY, Lang::Zh),
    ] {
        let s = script(&meeting(text), lang);
        let bytes = huiwu::export::script_docx::render(&s, "2017-05-04T08:00:00Z").unwrap();
        let again = huiwu::export::script_docx::render(&s, "2017-05-04T08:00:00Z").unwrap();
        assert_eq!(bytes, again, "the same agenda gives the same file");
        insta::assert_snapshot!(name, docx_text(&bytes));
    }
}

#[test]
fn the_desk_finds_the_paragraph_of_a_speaker_or_an_item() {
    let m = meeting(SAFETY);
    let s = script(&m, Lang::Zh);
    let p = s.paragraph_for(Some("pledges#3"), Some("pledges")).unwrap();
    assert!(p.text.contains("赵建华同志"), "{}", p.text);
    assert!(!p.note);
    let p = s.paragraph_for(None, Some("address")).unwrap();
    assert_eq!(p.text, "下面，进行会议第三项议程：市政府领导讲话。");
    // The chair's own speech is said in the item's sentence.
    let p = s.paragraph_for(Some("deploy#1"), None).unwrap();
    assert!(p.anchors.contains(&Anchor::Item("deploy".into())));
    assert!(p.text.ends_with("我讲几点意见。"), "{}", p.text);
}

#[test]
fn the_command_writes_md_and_docx_like_the_exports() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("safety.json");
    std::fs::write(&agenda, SAFETY).unwrap();
    let huiwu = || {
        let mut c = Command::cargo_bin("huiwu").unwrap();
        c.current_dir(dir.path())
            .env("HUIWU_DATA_DIR", dir.path().join("data"))
            .arg("--lang")
            .arg("zh");
        c
    };
    // Markdown to standard output.
    let out = huiwu()
        .args(["script"])
        .arg(&agenda)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let expected = md(SAFETY, Lang::Zh) + "\n";
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    // --lang chooses the script's language, as it does the minutes'.
    let en = Command::cargo_bin("huiwu")
        .unwrap()
        .args(["--lang", "en", "script"])
        .arg(&agenda)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(en.stdout)
            .unwrap()
            .starts_with("# Chair's script: ")
    );
    // A file by default, named after the meeting; kept unless --force.
    huiwu()
        .arg("script")
        .arg(&agenda)
        .args(["--format", "docx"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "tongchuan-safety-2017-09-05-script.docx",
        ));
    huiwu()
        .arg("script")
        .arg(&agenda)
        .args(["--format", "docx"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("已存在，未覆盖"));
    huiwu()
        .arg("script")
        .arg(&agenda)
        .args(["--format", "docx", "--force"])
        .assert()
        .success();
    huiwu()
        .arg("script")
        .arg(&agenda)
        .args(["--format", "docx", "-o", "-"])
        .assert()
        .code(2);
}
