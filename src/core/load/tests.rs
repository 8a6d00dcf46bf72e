use super::*;
use crate::core::agenda::*;

const VALID: &str = r#"{
  "meeting": {"id": "m", "title": "测试会议", "date": "2017-05-04",
              "start": "2017-05-04T16:00:00+08:00", "end": "2017-05-04T17:30:00+08:00",
              "chair": {"participant": "1001"}},
  "venues": [{"id": "main", "name": "主会场", "kind": "main"},
             {"id": "east", "name": "东区分会场", "kind": "branch"}],
  "items": [{"id": "a", "title": "回顾", "speaker": {"participant": "1001"}, "minutes": 15},
            {"id": "b", "title": "部署", "items": [{"id": "b1", "title": "一", "minutes": 10}]}],
  "actions": [{"id": "t", "text": "整改", "owners": [{"venue": "east"}], "item": "b1"}],
  "participants": [
    {"id": "1001", "name": "王晓红", "venue": "main"},
    {"id": "1002", "name": "曾磊", "venue": "main"},
    {"id": "2001", "name": "单红", "venue": "east"}
  ]
}"#;

fn load(text: &str) -> Loaded {
    load_agenda(text.as_bytes(), Lang::En)
}

/// The diagnostics as `location: message` lines, for readable assertions.
fn lines(l: &Loaded) -> Vec<String> {
    l.diagnostics
        .iter()
        .map(|d| d.display("f", Lang::En).to_string())
        .collect()
}

fn only_error(l: &Loaded) -> &Diagnostic {
    assert!(l.agenda.is_none(), "{:?}", lines(l));
    assert_eq!(l.diagnostics.len(), 1, "{:?}", lines(l));
    &l.diagnostics[0]
}

fn at(line: usize, col: usize) -> Location {
    Location::Pos { line, col }
}

#[test]
fn a_valid_agenda_loads_without_diagnostics() {
    let l = load(VALID);
    assert!(l.diagnostics.is_empty(), "{:?}", lines(&l));
    let a = l.agenda.expect("valid");
    assert_eq!(a.participants.len(), 3);
    assert_eq!(a.items[1].items[0].id, "b1");
    assert_eq!(a.actions[0].owners, vec![OwnerRef::Venue("east".into())]);
}

#[test]
fn a_bom_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(VALID.as_bytes());
    let l = load_agenda(&bytes, Lang::En);
    assert!(l.agenda.is_some(), "{:?}", lines(&l));
}

#[test]
fn comments_are_allowed_but_not_inside_strings() {
    let text = VALID
        .replace(
            "\"title\": \"测试会议\",",
            "\"title\": \"测试会议 // 不是注释 /* 也不是 */\", // 会议名称\n /* 块注释：\n 两行 */",
        )
        .replacen('{', "// 开头的注释\n{", 1);
    let l = load(&text);
    assert!(l.agenda.is_some(), "{:?}", lines(&l));
    let a = l.agenda.unwrap();
    assert_eq!(a.meeting.title, "测试会议 // 不是注释 /* 也不是 */");
}

#[test]
fn stripping_comments_keeps_every_byte_offset() {
    let text = "{\"a\": \"//x\", /* 注释 */ \"b\": 1} // 尾注\n";
    let s = strip_comments(text);
    assert_eq!(s.len(), text.len());
    assert_eq!(s.find("\"b\""), text.find("\"b\""));
    assert!(!s.contains("注释"));
    assert!(s.contains("//x"));
}

#[test]
fn syntax_columns_count_characters_not_bytes() {
    // `x` is the 19th character of line 2, after six Chinese characters.
    let l = load("{\n\"title\": \"会议名称会议\" x\n}");
    let d = only_error(&l);
    assert_eq!(d.location, at(2, 19), "{:?}", lines(&l));
}

#[test]
fn full_width_punctuation_is_named_at_its_column() {
    let l = load("{\n  \"title\"：\"会议\"\n}");
    let d = only_error(&l);
    assert_eq!(d.location, at(2, 10));
    assert!(d.message.contains("full-width `：`"), "{}", d.message);
    let l = load("{\"a\": 1，\"b\": 2}");
    let d = only_error(&l);
    assert_eq!(d.location, at(1, 8));
    assert!(d.message.contains('，'), "{}", d.message);
}

#[test]
fn a_missing_comma_points_at_the_line_after_it() {
    let l = load("{\n  \"a\": 1\n  \"b\": 2\n}");
    let d = only_error(&l);
    assert_eq!(d.location, at(3, 3));
    assert!(d.message.contains("comma is missing"), "{}", d.message);
}

#[test]
fn duplicate_keys_are_refused_even_in_extra() {
    let text = VALID.replace(
        "\"chair\": {\"participant\": \"1001\"}}",
        "\"chair\": {\"participant\": \"1001\"},\n \"extra\": {\"k\": 1, \"k\": 2}}",
    );
    let l = load(&text);
    let d = only_error(&l);
    assert_eq!(d.location, at(5, 20), "{:?}", lines(&l));
    assert!(d.message.contains("\"k\" appears twice"), "{}", d.message);
}

#[test]
fn gbk_bytes_are_recognised_and_located() {
    let (gbk, _, _) = encoding_rs::GBK.encode(VALID);
    let l = load_agenda(&gbk, Lang::En);
    let d = only_error(&l);
    // Line 2 is `  "meeting": {"id": "m", "title": "测试会议", ...`: the first Chinese
    // character is its 36th.
    assert_eq!(d.location, at(2, 36), "{:?}", lines(&l));
    assert!(d.message.contains("not UTF-8"), "{}", d.message);
    assert!(d.message.contains("GBK"), "{}", d.message);
    assert!(d.message.contains("测试会议"), "{}", d.message);
    let zh = load_agenda(&gbk, Lang::Zh);
    assert!(zh.diagnostics[0].message.contains("GBK"));
}

#[test]
fn bytes_that_are_not_gbk_either_get_a_plain_message() {
    let l = load_agenda(b"{\"a\": \"\xFF\xFF\"}", Lang::En);
    let d = only_error(&l);
    assert_eq!(d.location, at(1, 8));
    assert!(d.message.contains("not UTF-8"));
    assert!(!d.message.contains("GBK"), "{}", d.message);
}

#[test]
fn utf16_is_named() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in VALID.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let d = only_error(&load_agenda(&bytes, Lang::En)).clone();
    assert!(d.message.contains("UTF-16"), "{}", d.message);
}

#[test]
fn empty_and_comment_only_files_say_so() {
    for text in ["", "  \n\t", "\u{feff}"] {
        let l = load(text);
        assert!(only_error(&l).message.contains("empty"), "{text:?}");
    }
    let l = load("// 待定\n");
    assert!(only_error(&l).message.contains("only comments"));
    let l = load("{\n/* 未关闭\n}");
    let d = only_error(&l);
    assert_eq!(d.location, at(2, 1));
    assert!(d.message.contains("never closed"));
}

#[test]
fn truncated_and_deeply_nested_files_are_errors_not_panics() {
    for cut in [1, 10, VALID.len() / 2, VALID.len() - 1] {
        let l = load(&VALID[..VALID.floor_char_boundary(cut)]);
        let d = only_error(&l);
        assert!(matches!(d.location, Location::Pos { .. }), "{cut}");
    }
    for depth in [200, 100_000] {
        let text = format!("{{\"extra\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
        let d = only_error(&load(&text)).clone();
        assert!(d.message.contains("nesting is too deep"), "{}", d.message);
        assert_eq!(d.location, at(1, 137));
    }
}

#[test]
fn every_problem_is_reported_at_once_at_its_document_path() {
    let text = VALID
        .replace("\"date\": \"2017-05-04\"", "\"date\": \"2017/05/04\"")
        .replace("\"kind\": \"branch\"", "\"kind\": \"brnach\"")
        .replace(
            "{\"id\": \"1002\", \"name\": \"曾磊\", \"venue\": \"main\"}",
            "{\"id\": \"1002\", \"nmae\": \"曾磊\", \"venue\": \"main\", \"phone\": 139}",
        )
        .replace("\"id\": \"2001\"", "\"id\": \"1001\"")
        .replace("\"minutes\": 15", "\"minutes\": -15")
        .replace(
            "{\"venue\": \"east\"}",
            "{\"venu\": \"east\"}, {\"venue\": \"west\"}",
        );
    let l = load(&text);
    assert!(l.agenda.is_none());
    let got = lines(&l);
    let expect = [
        "f: meeting.date: error: \"2017/05/04\" is not a date",
        "f: venues[1].kind: error: `brnach` is not allowed here (did you mean `branch`?)",
        "f: participants[1].nmae: error: 1002: unknown field `nmae` (did you mean `name`?)",
        "f: participants[1].phone: error: 1002: expected text in double quotes, found the number 139",
        "f: participants[2].id: error: participant id `1001` (单红) is already used by participants[0] (王晓红)",
        "f: items[0].minutes: error: planned minutes cannot be negative (-15)",
        "f: actions[0].owners[0]: error: an owner is one of",
        "f: actions[0].owners[1].venue: error: `west` is not the id of a venue",
    ];
    assert_eq!(got.len(), expect.len(), "{got:#?}");
    for (g, e) in got.iter().zip(expect) {
        assert!(g.starts_with(e), "{g}\n  expected to start with\n{e}");
    }
}

#[test]
fn a_participant_that_failed_to_decode_is_not_reported_again_as_missing() {
    // 1001 has a type error; the chair and the speaker refer to it.
    let text = VALID.replace(
        "{\"id\": \"1001\", \"name\": \"王晓红\", \"venue\": \"main\"}",
        "{\"id\": \"1001\", \"name\": \"王晓红\", \"venue\": \"main\", \"role\": \"chair\"}",
    );
    let l = load(&text);
    let got = lines(&l);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].starts_with(
            "f: participants[0].role: error: 王晓红 (1001): `chair` is not allowed here"
        )
    );
}

#[test]
fn missing_time_offsets_and_sections_are_explained() {
    let text = VALID.replace("2017-05-04T16:00:00+08:00", "2017-05-04T16:00:00");
    let l = load(&text);
    let d = only_error(&l);
    assert_eq!(d.location, Location::Path("meeting.start".into()));
    assert!(d.message.contains("no UTC offset"), "{}", d.message);

    let l = load("{\"venues\": []}");
    let got = lines(&l);
    assert_eq!(
        got,
        [
            "f: error: required field `meeting` is missing",
            "f: venues: error: there are no venues; at least the main venue is needed: {\"id\": \"main\", \"name\": \"...\", \"kind\": \"main\"}"
        ]
    );

    let l = load(&VALID.replace("\"venues\": [", "\"venues\": 3, \"x\": ["));
    let got = lines(&l);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[0].starts_with("f: x: error: unknown field `x`"));
    assert!(got[1].starts_with("f: venues: error: expected a list [...], found the number 3"));
}

#[test]
fn a_misspelt_or_unreadable_list_does_not_cascade() {
    // Every reference to the roster would otherwise be reported as well.
    let l = load(&VALID.replace("\"participants\"", "\"particpants\""));
    let got = lines(&l);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].starts_with(
        "f: particpants: error: unknown field `particpants` (did you mean `participants`?)"
    ));
    let l = load(&VALID.replace("\"venues\": [", "\"venues\": \"main\", \"v\": ["));
    let got: Vec<String> = lines(&l)
        .into_iter()
        .filter(|g| !g.starts_with("f: v:"))
        .collect();
    assert_eq!(
        got,
        ["f: venues: error: expected a list [...], found the text \"main\""]
    );
}

#[test]
fn meaning_checks() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "\"kind\": \"main\"",
            "\"kind\": \"branch\"",
            "f: venues: error: no main venue",
        ),
        (
            "\"kind\": \"branch\"",
            "\"kind\": \"main\"",
            "f: venues: error: 2 main venues",
        ),
        (
            "\"id\": \"east\"",
            "\"id\": \"main\"",
            "f: venues[1].id: error: venue id `main` is already used by venues[0]",
        ),
        (
            "\"name\": \"单红\", \"venue\": \"east\"}",
            "\"name\": \"单红\", \"venue\": \"eats\"}",
            "f: participants[2].venue: error: 单红 (2001): `eats` is not the id of a venue (did you mean `east`?)",
        ),
        (
            "\"id\": \"b1\"",
            "\"id\": \"a\"",
            "f: items[1].items[0].id: error: item id `a` is already used by items[0]",
        ),
        (
            "\"speaker\": {\"participant\": \"1001\"}",
            "\"speaker\": {\"participant\": \"1009\"}",
            "f: items[0].speaker.participant: error: `1009` is not an id on the roster",
        ),
        (
            "\"speaker\": {\"participant\": \"1001\"}",
            "\"speaker\": {\"participant\": \"1001\", \"name\": \"王\"}",
            "f: items[0].speaker: error: give either",
        ),
        (
            "\"item\": \"b1\"",
            "\"item\": \"b2\"",
            "f: actions[0].item: error: `b2` is not the id of an agenda item",
        ),
        (
            "\"id\": \"m\"",
            "\"id\": \"会议 1\"",
            "f: meeting.id: error: `会议 1` cannot be the meeting id",
        ),
        (
            "\"minutes\": 10}]",
            "\"minutes\": 10, \"items\": [{\"id\": \"c\", \"title\": \"c\", \"minutes\": 1}]}]",
            "f: items[1].items[0].items: error: a sub-item cannot have sub-items",
        ),
        (
            "\"end\": \"2017-05-04T17:30:00+08:00\"",
            "\"end\": \"2017-05-04T15:30:00+08:00\"",
            "f: meeting.end: error: the meeting ends",
        ),
    ];
    for (from, to, want) in cases {
        assert!(VALID.contains(from), "{from}");
        let l = load(&VALID.replacen(from, to, 1));
        let got = lines(&l);
        assert!(l.agenda.is_none(), "{to}: {got:?}");
        assert!(
            got.iter().any(|g| g.starts_with(want)),
            "{to}: {got:#?}\nwanted {want}"
        );
    }
}

#[test]
fn warnings_leave_the_agenda_usable() {
    let l = load(&VALID.replace("\"minutes\": 15", "\"minutes\": 85"));
    assert!(l.agenda.is_some());
    assert_eq!(
        lines(&l),
        [
            "f: items: warning: the items plan 95 minutes but the meeting is scheduled for 90 (16:00-17:30): it would run 5 minutes past the scheduled end"
        ]
    );
    // A headcount venue: its named participants are noted once, not once each.
    let text = VALID.replace(
        "\"kind\": \"branch\"}",
        "\"kind\": \"branch\", \"sign_in\": \"headcount\", \"expected\": 30}",
    );
    let text = text.replace(
        "{\"id\": \"2001\", \"name\": \"单红\", \"venue\": \"east\"}",
        "{\"id\": \"2001\", \"name\": \"单红\", \"venue\": \"east\"}, {\"id\": \"2002\", \"name\": \"解放\", \"venue\": \"east\"}",
    );
    let l = load(&text);
    assert!(l.agenda.is_some());
    let got = lines(&l);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].starts_with(
        "f: participants[2].venue: warning: venue `east` reports a headcount, so its 2 named"
    ));
}

#[test]
fn huge_durations_do_not_overflow() {
    let big = i64::MAX.to_string();
    let text = VALID
        .replace("\"minutes\": 15", &format!("\"minutes\": {big}"))
        .replace("\"minutes\": 10", &format!("\"minutes\": {big}"));
    let l = load(&text);
    assert!(l.agenda.is_none());
    assert_eq!(l.diagnostics.len(), 2, "{:?}", lines(&l));
}

#[test]
fn messages_exist_in_chinese() {
    let l = load_agenda(
        VALID
            .replace("\"nmae\"", "")
            .replace("\"name\": \"曾磊\"", "\"nmae\": \"曾磊\"")
            .as_bytes(),
        Lang::Zh,
    );
    let d = &l.diagnostics[0];
    assert!(
        d.message
            .starts_with("1002：未知字段 `nmae`（是否应为 `name`？）"),
        "{}",
        d.message
    );
    assert_eq!(
        d.display("f.json", Lang::Zh).to_string().split(": ").nth(2),
        Some("错误")
    );
}

#[test]
fn generated_agendas_validate_clean() {
    let a = crate::sample::generate(4, 40, 9);
    assert!(validate(&a, Lang::En).is_empty());
}

#[test]
fn a_reused_id_names_where_it_was_first_used_in_both_languages() {
    let text = VALID
        .replace("\"id\": \"east\"", "\"id\": \"main\"")
        .replace("\"id\": \"2001\"", "\"id\": \"1001\"")
        .replace("\"id\": \"b1\"", "\"id\": \"a\"")
        .replace(
            "\"item\": \"b1\"}]",
            "\"item\": \"b1\"}, {\"id\": \"t\", \"text\": \"再整改\"}]",
        );
    let reused = |lang: Lang| -> Vec<String> {
        load_agenda(text.as_bytes(), lang)
            .diagnostics
            .iter()
            .map(|d| d.display("f", lang).to_string())
            .filter(|l| l.contains("already used") || l.contains("已被"))
            .collect()
    };
    assert_eq!(
        reused(Lang::En),
        [
            "f: venues[1].id: error: venue id `main` is already used by venues[0] (主会场)",
            "f: participants[2].id: error: participant id `1001` (单红) is already used by participants[0] (王晓红)",
            "f: items[1].items[0].id: error: item id `a` is already used by items[0]",
            "f: actions[1].id: error: action id `t` is already used by actions[0]",
        ]
    );
    assert_eq!(
        reused(Lang::Zh),
        [
            "f: venues[1].id: 错误: 会场编号 `main` 已被 venues[0]（主会场）使用",
            "f: participants[2].id: 错误: 参会人员编号 `1001`（单红）已被 participants[0]（王晓红）使用",
            "f: items[1].items[0].id: 错误: 议程编号 `a` 已被 items[0] 使用",
            "f: actions[1].id: 错误: 任务编号 `t` 已被 actions[0] 使用",
        ]
    );
}

#[test]
fn a_planned_due_text_is_read_as_the_desk_reads_it() {
    let with = |fields: &str| {
        VALID.replace(
            "\"item\": \"b1\"}",
            &format!("\"item\": \"b1\", {fields}}}"),
        )
    };
    // A phrase without a date, and one that agrees with `due`: nothing to say.
    for ok in [
        r#""due_text": "尽快""#,
        r#""due_text": "6月底前", "due": "2017-06-30""#,
        r#""due_text": "6月底前""#,
    ] {
        let l = load(&with(ok));
        assert!(l.diagnostics.is_empty(), "{ok}: {:?}", lines(&l));
    }
    let warned = |fields: &str| {
        let l = load(&with(fields));
        assert!(l.agenda.is_some(), "{fields}");
        lines(&l)
    };
    assert_eq!(
        warned(r#""due_text": "6月底前", "due": "2017-07-31""#),
        [
            "f: actions[0].due_text: warning: `6月底前` reads as 2017-06-30, but `due` is 2017-07-31; the task keeps 2017-07-31"
        ]
    );
    assert_eq!(
        warned(r#""due_text": "三天前""#),
        [
            "f: actions[0].due_text: warning: `三天前` is before the meeting (2017-05-04): a due date cannot be in the past; the task is kept with no date"
        ]
    );
    let undated = warned(r#""due_text": "开学前""#);
    assert_eq!(undated.len(), 1, "{undated:?}");
    assert!(
        undated[0]
            .starts_with("f: actions[0].due_text: warning: `开学` is not a date this agenda names"),
        "{undated:?}"
    );
    // Named in the agenda, it resolves.
    let named = with(r#""due_text": "开学前""#).replace(
        "\"date\": \"2017-05-04\",",
        "\"date\": \"2017-05-04\", \"dates\": {\"开学\": \"2017-09-01\"},",
    );
    let l = load(&named);
    assert!(l.diagnostics.is_empty(), "{:?}", lines(&l));
    // A holiday phrase in a year whose schedule is not published: said at once.
    let l = load(&with(r#""due_text": "国庆节前""#).replace("2017-05-04", "2027-09-20"));
    let got = lines(&l);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with(
            "f: actions[0].due_text: warning: the official holiday schedule for 2027 is not known"
        ),
        "{got:?}"
    );
}

#[test]
fn a_named_date_must_be_a_date() {
    let l = load(&VALID.replace(
        "\"date\": \"2017-05-04\",",
        "\"date\": \"2017-05-04\", \"dates\": {\"开学\": \"九月一日\"},",
    ));
    assert_eq!(
        lines(&l),
        [
            "f: meeting.dates.开学: error: \"九月一日\" is not a date: write it as YYYY-MM-DD, like 2017-05-04"
        ]
    );
}
