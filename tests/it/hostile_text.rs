//! Nothing a participant types reaches the secretary's terminal (#22). A corpus of hostile
//! names (CSI, OSC 0/8/52 ended by BEL and by ST, DCS, C1 controls as UTF-8, a lone ESC,
//! NUL, backspaces and a carriage return that overwrite a line, bidi overrides, zero-width
//! characters) goes in through every reader (an agenda, CSV and XLSX rosters, the Tencent,
//! Zoom and Teams exports, a journal written at other seats) and comes out of every writer
//! (each CLI command that prints names, the desk's views, each export format): no output
//! meant for a person holds ESC, BEL, a C1 control or a control other than a line feed, a
//! tab or the CR of a CRLF, and no leftover of a sequence (`[2J`, `]52;c;`) is shown as if
//! it were part of the name: on a terminal it is shown escaped (`\e[2J`), in a document
//! and in what was imported it is gone. The JSON export keeps every string exactly.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx};
use chrono::Duration;
use huiwu::core::agenda::{OwnerRef, PersonRef, Role};
use huiwu::core::command::Command as Cmd;
use huiwu::core::event::ActionFields;
use huiwu::i18n::Lang;
use huiwu::store::session::{Session, read_agenda};
use huiwu::tui::view::ViewId;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

use common::desk::{self, Desk};

/// The display name of the issue: OSC 52 writes the clipboard (ended by BEL), CSI 2J
/// clears the screen.
const EVIL: &str = "Evil\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2JGuy";

/// Hostile names, each able to do something to a terminal or hide what it says.
const CORPUS: &[&str] = &[
    EVIL,
    "王\x1b[2J\x1b]0;pwned\x07晓红",
    "Link\x1b]8;;http://evil.example/\x1b\\here\x1b]8;;\x1b\\",
    "Clip\x1b]52;c;cm0gLXJmIH4=\x1b\\board",
    "Dcs\x1bP1$r0m\x1b\\Name",
    "C1\u{9b}31mRed\u{9d}0;title\u{9c}",
    "Lone\x1b",
    "Nul\0Byte\x7f",
    "Good\rEvil",
    "Back\x08\x08\x08\x08space",
    "\u{202E}gpj.exe",
    "王\u{2067}红\u{2069}丽\u{202D}",
    "Zero\u{200B}Width\u{200D}Joiner\u{FEFF}",
    "甲\x1b[1;2m&乙",
];

/// Pieces of the corpus's sequences that must never show as plain text.
const LEFTOVERS: &[&str] = &["[2J", "]52;c;", "]0;pwned", "]8;;", "P1$r0m", "[1;2m"];

/// What a person may be shown: no ESC, BEL, C1 or other control except a line feed, a tab
/// and the CR of a CRLF; no bidi control; no leftover of a sequence unless escaped.
fn assert_safe(what: &str, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let bad = match c {
            '\n' | '\t' => false,
            '\r' => chars.peek() != Some(&'\n'),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
            c => c.is_control(),
        };
        assert!(!bad, "{what}: {c:?} in {:?}", around(text, c));
    }
    for piece in LEFTOVERS {
        for (i, _) in text.match_indices(piece) {
            let before = &text[..i];
            assert!(
                ["\\e", "\\x9b", "\\u001b", "\\u009b"]
                    .iter()
                    .any(|e| before.ends_with(e)),
                "{what}: `{piece}` shown as text in {:?}",
                around(text, piece.chars().next().unwrap_or(' '))
            );
        }
    }
}

/// The text around the first `c` (outputs can be long).
fn around(text: &str, c: char) -> &str {
    let i = text.find(c).unwrap_or(0);
    let boundary = |mut k: usize| {
        while !text.is_char_boundary(k) {
            k += 1;
        }
        k
    };
    &text[boundary(i.saturating_sub(80))..boundary((i + 80).min(text.len()))]
}

fn huiwu(data: &Path) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.env("HUIWU_DATA_DIR", data)
        .env("HUIWU_CONFIG_DIR", data.join("config"))
        .args(["--lang", "en"]);
    c
}

/// Run, and return stdout and stderr together after checking both.
fn run(what: &str, c: &mut Command) -> (bool, String) {
    let out = c.output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_safe(&format!("{what} (stdout)"), &stdout);
    assert_safe(&format!("{what} (stderr)"), &stderr);
    (out.status.success(), format!("{stdout}{stderr}"))
}

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

// ---------------------------------------------------------------------------------------
// Platform exports

/// The Zoom sample with hostile rows added: the issue's name, a roster name wrapped in a
/// sequence (it must still match), and two people on one terminal with a sequence between.
fn hostile_zoom() -> String {
    let mut text = fs::read_to_string(data("vc/zoom-participants.csv")).unwrap();
    for (name, minute) in [
        (EVIL, 26),
        ("\x1b[1m杨佳怡\x1b[0m", 27),
        ("甲\x1b[1;2m&乙", 28),
        ("Dcs\x1bP1$r0m\x1b\\Name", 29),
    ] {
        text.push_str(&format!(
            "{name},,05/04/2017 02:{minute}:00 PM,05/04/2017 04:02:40 PM,60,Yes\n"
        ));
    }
    text
}

#[test]
fn the_zoom_export_of_the_issue_prints_no_escape_through_any_command() {
    let dir = TempDir::new().unwrap();
    let zoom = dir.path().join("zoom.csv");
    fs::write(&zoom, hostile_zoom()).unwrap();
    let agenda = data("reconcile-agenda.json");
    for dry in [true, false] {
        let mut c = huiwu(dir.path());
        c.arg("reconcile").arg(&agenda).arg(&zoom);
        if dry {
            c.arg("--dry-run");
        }
        let (ok, out) = run("reconcile", &mut c);
        assert!(ok, "{out}");
        if dry {
            // Said once, whole: not split into "people" at the sequence's semicolons.
            assert_eq!(out.matches("\"EvilGuy\"").count(), 1, "{out}");
            assert!(!out.contains("(c)") && !out.contains("Evil\\e"), "{out}");
            assert!(
                out.contains(
                    "warning: 4 rows held control characters, escape sequences or invisible characters; they were removed"
                ),
                "{out}"
            );
            // Stripped before matching: the roster name inside the sequence is found.
            assert!(out.contains("杨佳怡"), "{out}");
            assert!(
                out.contains("\"甲&乙\" (甲)") && out.contains("\"甲&乙\" (乙)"),
                "{out}"
            );
        }
    }
    every_reader_of_the_record(dir.path(), &agenda, "王晓红");
}

/// `status`, `log`, `find`, `action list` and every export format: all safe.
fn every_reader_of_the_record(data_dir: &Path, agenda: &Path, someone: &str) -> Vec<String> {
    let mut outs = Vec::new();
    for args in [
        vec!["status"],
        vec!["status", "--json"],
        vec!["log"],
        vec!["action", "list"],
        vec!["action", "list", "--json"],
    ] {
        let mut c = huiwu(data_dir);
        c.arg(args[0]).arg(agenda).args(&args[1..]);
        let (ok, out) = run(&args.join(" "), &mut c);
        assert!(ok, "{args:?}: {out}");
        match args.as_slice() {
            ["status", "--json"] => drop(crate::common::schema::Shape::Status.parse_first(&out)),
            ["action", "list", "--json"] => {
                drop(crate::common::schema::Shape::ActionList.parse_first(&out))
            }
            _ => {}
        }
        outs.push(out);
    }
    for q in [someone, "Evil", "Guy", "王"] {
        let (_, out) = run("find", huiwu(data_dir).arg("find").arg(agenda).arg(q));
        outs.push(out);
        let (_, out) = run(
            "find --json",
            huiwu(data_dir).arg("find").arg(agenda).arg(q).arg("--json"),
        );
        outs.push(out);
    }
    for format in ["md", "html", "csv", "json"] {
        let (ok, out) = run(
            format,
            huiwu(data_dir)
                .arg("export")
                .arg(agenda)
                .args(["--format", format, "-o", "-"]),
        );
        assert!(ok, "{format}: {out}");
        if format == "json" {
            crate::common::schema::Shape::Export.parse_first(&out);
        }
        outs.push(out);
    }
    let xlsx = data_dir.join("sheet.xlsx");
    let (ok, out) = run(
        "xlsx",
        huiwu(data_dir)
            .arg("export")
            .arg(agenda)
            .args(["--format", "xlsx", "-o"])
            .arg(&xlsx),
    );
    assert!(ok, "{out}");
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    for sheet in book.sheet_names() {
        assert_safe("xlsx sheet name", &sheet);
        let range = book.worksheet_range(&sheet).unwrap();
        for cell in range.used_cells() {
            if let (_, _, Data::String(s)) = cell {
                assert_safe(&format!("xlsx [{sheet}]"), s);
                outs.push(s.clone());
            }
        }
    }
    outs
}

#[test]
fn every_platform_reader_strips_before_matching() {
    // Tencent Meeting (xlsx), Teams (UTF-16 TSV) and Zoom, each with a roster name wrapped
    // in a sequence and the issue's name in place of another participant.
    let agenda = data("reconcile-agenda.json");
    let xlsx = {
        let mut book: Xlsx<_> = calamine::open_workbook(data("vc/tencent-meeting.xlsx")).unwrap();
        let mut wb = rust_xlsxwriter::Workbook::new();
        for sheet in book.sheet_names() {
            let range = book.worksheet_range(&sheet).unwrap();
            let ws = wb.add_worksheet();
            ws.set_name(&sheet).unwrap();
            let Some((r0, c0)) = range.start() else {
                continue;
            };
            for (r, c, v) in range.used_cells() {
                let (r, c) = (r as u32 + r0, (c as u32 + c0) as u16);
                match v {
                    Data::String(s) => {
                        let s = s
                            .replace("王晓红", "\x1b[1m王晓红\x07")
                            .replace("杨佳怡", EVIL);
                        ws.write_string(r, c, s).unwrap();
                    }
                    Data::Float(f) => {
                        ws.write_number(r, c, *f).unwrap();
                    }
                    Data::Int(i) => {
                        ws.write_number(r, c, *i as f64).unwrap();
                    }
                    other => {
                        ws.write_string(r, c, other.to_string()).unwrap();
                    }
                }
            }
        }
        wb.save_to_buffer().unwrap()
    };
    let teams = {
        let bytes = fs::read(data("vc/teams-attendance.csv")).unwrap();
        let (text, _) = encoding_rs::UTF_16LE.decode_with_bom_removal(&bytes);
        let text = text
            .replace("王晓红", "\x1b[1m王晓红\x07")
            .replace("杨佳怡", EVIL);
        let mut out = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
        out
    };
    let zoom = fs::read_to_string(data("vc/zoom-participants.csv"))
        .unwrap()
        .replace("王晓红", "\x1b[1m王晓红\x07")
        .replace("杨佳怡", EVIL)
        .into_bytes();
    // Rows of the file that changed: the Teams report names each person twice (its
    // participants and its activities sections).
    for (file, bytes, changed) in [
        ("t.xlsx", xlsx, 2),
        ("teams.csv", teams, 4),
        ("zoom.csv", zoom, 2),
    ] {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join(file);
        fs::write(&path, bytes).unwrap();
        let (ok, out) = run(
            file,
            huiwu(dir.path())
                .arg("reconcile")
                .arg(&agenda)
                .arg(&path)
                .arg("--dry-run"),
        );
        assert!(ok, "{file}: {out}");
        assert!(out.contains("\tmain-001\t王晓红"), "{file}: matched: {out}");
        assert!(out.contains("\"EvilGuy\""), "{file}: {out}");
        assert!(
            out.contains(&format!("warning: {changed} rows held control characters,")),
            "{file}: {out}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Rosters

#[test]
fn roster_imports_strip_and_say_how_many_rows() {
    const AGENDA: &str = include_str!("../data/roster-agenda.json");
    let csv = format!(
        "序号,姓名,单位,职务\n1,刘志强,耀州区教育局,局长\n2,{},耀州区\x1b]0;x\x07教育局,科长\n3,\"Good\rEvil\",耀州区教育局,\x1b[31m科员\n4,陈思远,耀州区教育局,\n",
        "王\x1b[2J\x1b]0;pwned\x07晓红"
    );
    let xlsx = {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("耀州区").unwrap();
        for (c, h) in ["序号", "姓名", "单位"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (i, name) in CORPUS.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_number(r, 0, r as f64).unwrap();
            ws.write_string(r, 1, *name).unwrap();
            ws.write_string(r, 2, "耀州区教育局").unwrap();
        }
        wb.save_to_buffer().unwrap()
    };
    for (file, bytes, changed) in [
        ("名单.csv", csv.into_bytes(), 2usize),
        ("名单.xlsx", xlsx, CORPUS.len()),
    ] {
        let dir = TempDir::new().unwrap();
        let agenda = dir.path().join("agenda.json");
        fs::write(&agenda, AGENDA).unwrap();
        let path = dir.path().join(file);
        fs::write(&path, bytes).unwrap();
        let import = |dry: bool| {
            let mut c = huiwu(dir.path());
            c.args(["roster", "import"])
                .arg(&path)
                .arg("--into")
                .arg(&agenda)
                .args(["--venue", "yaozhou"]);
            if dry {
                c.arg("--dry-run");
            }
            run(&format!("roster import {file}"), &mut c)
        };
        let (ok, out) = import(true);
        assert!(ok, "{file}: {out}");
        let rows = if changed == 1 { "row" } else { "rows" };
        assert!(
            out.contains(&format!(
                "warning: {changed} {rows} held control characters, escape sequences or invisible characters"
            )),
            "{file}: {out}"
        );
        let (ok, out) = import(false);
        assert!(ok, "{file}: {out}");
        // What was written passes the check, and holds nothing of the sequences.
        let (ok, out) = run("check", huiwu(dir.path()).arg("check").arg(&agenda));
        assert!(ok, "{file}: {out}");
        let written = fs::read_to_string(&agenda).unwrap();
        assert!(written.contains("王晓红"), "{written}");
        for bad in ["\\u001b", "\\u0007", "\\u009b", "[2J", "pwned", "]52;"] {
            assert!(!written.contains(bad), "{file}: {bad} in {written}");
        }
        every_reader_of_the_record(dir.path(), &agenda, "王晓红");
    }
}

// ---------------------------------------------------------------------------------------
// Agendas

#[test]
fn an_agenda_holding_an_escape_is_refused_naming_the_field() {
    let base: serde_json::Value = serde_json::from_str(&huiwu::core::load::strip_comments(
        &fs::read_to_string(data("reconcile-agenda.json")).unwrap(),
    ))
    .unwrap();
    // The path `huiwu check` names, and where it is in the JSON.
    let places = [
        ("participants[0].name", "/participants/0/name"),
        ("meeting.title", "/meeting/title"),
        ("venues[1].name", "/venues/1/name"),
        ("participants[2].unit", "/participants/2/unit"),
    ];
    for (path, pointer) in places {
        for name in CORPUS {
            let dir = TempDir::new().unwrap();
            let mut v = base.clone();
            *v.pointer_mut(pointer).unwrap() = (*name).into();
            let agenda = dir.path().join("agenda.json");
            fs::write(&agenda, serde_json::to_string_pretty(&v).unwrap()).unwrap();
            let (ok, out) = run("check", huiwu(dir.path()).arg("check").arg(&agenda));
            let hidden_only = !name.chars().any(|c| c.is_control());
            if hidden_only {
                // Bidi and zero-width characters: a warning (they are removed when shown).
                assert!(ok, "{path} {name:?}: {out}");
                assert!(out.contains(&format!("{path}: warning:")), "{out}");
                continue;
            }
            assert!(!ok, "{path} {name:?}: {out}");
            assert!(out.contains(&format!("{path}: error: character ")), "{out}");
            // Every other command refuses it too, and says so safely.
            for args in [
                vec!["status"],
                vec!["log"],
                vec!["find", "王"],
                vec!["attend", "王晓红"],
                vec!["export", "--format", "md", "-o", "-"],
            ] {
                let mut c = huiwu(dir.path());
                c.arg(args[0]).arg(&agenda).args(&args[1..]);
                let (ok, out) = run(&format!("{args:?} on {path} {name:?}"), &mut c);
                assert!(!ok, "{args:?}: {out}");
                assert!(out.contains(path), "{args:?}: {out}");
            }
        }
    }
    // The issue's case, word for word.
    let dir = TempDir::new().unwrap();
    let mut v = base.clone();
    v["participants"][0]["name"] = "王\x1b[2J\x1b]0;pwned\x07晓红".into();
    let agenda = dir.path().join("agenda.json");
    fs::write(&agenda, serde_json::to_string(&v).unwrap()).unwrap();
    let out = huiwu(dir.path()).arg("check").arg(&agenda).assert().code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains(
            "participants[0].name: error: character 2 starts a terminal escape sequence (`\\e[2J`)"
        ),
        "{err}"
    );
}

#[test]
fn item_notes_may_span_lines_but_hold_no_sequence() {
    let base: serde_json::Value = serde_json::from_str(&huiwu::core::load::strip_comments(
        &fs::read_to_string(data("reconcile-agenda.json")).unwrap(),
    ))
    .unwrap();
    let dir = TempDir::new().unwrap();
    let agenda = dir.path().join("agenda.json");
    let mut v = base.clone();
    v["items"][0]["notes"] = "第一行\r\n第二行\n\t缩进".into();
    fs::write(&agenda, serde_json::to_string(&v).unwrap()).unwrap();
    let (ok, out) = run("check", huiwu(dir.path()).arg("check").arg(&agenda));
    assert!(ok, "{out}");
    v["items"][0]["notes"] = "第一行\n\x1b]0;x\x07".into();
    fs::write(&agenda, serde_json::to_string(&v).unwrap()).unwrap();
    let (ok, out) = run("check", huiwu(dir.path()).arg("check").arg(&agenda));
    assert!(!ok && out.contains("items[0].notes: error"), "{out}");
}

// ---------------------------------------------------------------------------------------
// Journals written elsewhere, and the desk

/// The desk's agenda with a journal in which other seats (themselves hostile names)
/// recorded every text the corpus has: walk-ins, reasons, stand-ins, roll-call notes,
/// notes and action items.
fn hostile_journal() -> TempDir {
    let dir = TempDir::new().unwrap();
    let agenda = read_agenda(&desk::agenda_path(), Lang::En).unwrap();
    let mut now = desk::t0();
    let mut s = Session::open(&agenda, dir.path(), "desk-1", now).unwrap();
    let people: Vec<String> = s.meeting().people.iter().map(|p| p.id.clone()).collect();
    s.execute(&Cmd::StartMeeting, now).unwrap();
    s.execute(&Cmd::StartItem { item: None }, now).unwrap();
    for (i, text) in CORPUS.iter().enumerate() {
        now += Duration::seconds(10);
        let seat = format!("seat{i}\x1b[2J");
        let text = text.to_string();
        let mut cmds = vec![
            Cmd::WalkIn {
                name: text.clone(),
                unit: text.clone(),
                title: text.clone(),
                venue: "main".into(),
                role: Role::Member,
            },
            Cmd::AddNote {
                item: None,
                text: format!("{text}\n第二行"),
                decision: i % 2 == 0,
            },
            Cmd::AddAction {
                fields: ActionFields {
                    text: Some(text.clone()),
                    owners: Some(vec![
                        OwnerRef::Unit(text.clone()),
                        OwnerRef::Person(text.clone()),
                    ]),
                    due_text: Some(Some(text.clone())),
                    assigned_by: Some(Some(PersonRef {
                        name: Some(text.clone()),
                        ..PersonRef::default()
                    })),
                    ..ActionFields::default()
                },
            },
        ];
        // Two of the agenda's people each (the desk's agenda has sixteen).
        if 2 * i + 2 < people.len() {
            cmds.push(Cmd::Excuse {
                participant: people[2 * i + 1].clone(),
                reason: text.clone(),
            });
            cmds.push(Cmd::StandIn {
                participant: people[2 * i + 2].clone(),
                name: text.clone(),
                unit: text.clone(),
            });
        }
        for cmd in cmds {
            s.execute_as(&seat, &cmd, now)
                .unwrap_or_else(|e| panic!("{cmd:?}: {e:?}"));
        }
    }
    s.execute(
        &Cmd::RollCall {
            venue: "wangyi".into(),
            expected: 3,
            present: 3,
            excused: 0,
            absent: 0,
            note: EVIL.into(),
        },
        now,
    )
    .unwrap();
    dir
}

#[test]
fn journal_texts_reach_every_output_safely_and_the_json_exactly() {
    let dir = hostile_journal();
    let agenda = desk::agenda_path();
    let outs = every_reader_of_the_record(dir.path(), &agenda, "Evil");
    let all = outs.join("\n");
    // The terminal shows what was there; the documents drop it.
    assert!(
        all.contains("Evil\\e]52;c;ZWNobyBwd25lZA==\\a\\e[2JGuy"),
        "{all}"
    );
    assert!(all.contains("EvilGuy"), "{all}");
    // The archive keeps every string exactly (escaped, so it is safe to print too).
    let out = huiwu(dir.path())
        .arg("export")
        .arg(&agenda)
        .args(["--format", "json", "-o", "-"])
        .output()
        .unwrap();
    let v = crate::common::schema::Shape::Export.parse(&out.stdout);
    let people: Vec<&str> = v["state"]["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    for name in CORPUS {
        assert!(people.contains(name), "{name:?} not kept exactly");
    }
}

#[test]
fn the_desk_draws_journal_texts_escaped_in_every_view() {
    let dir = hostile_journal();
    let mut d = Desk::open(Lang::En, dir);
    let mut seen = String::new();
    for view in ViewId::ALL {
        d.app.view = view;
        for (w, h) in [(160, 50), (60, 16)] {
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            term.draw(|f| d.app.draw(f, d.now)).unwrap();
            let screen = crate::common::screen::screen(term.backend().buffer());
            assert_safe(&format!("{view:?} {w}x{h}"), &screen);
            seen.push_str(&screen);
        }
    }
    // The walk-ins, found by typing: shown with their sequences as text.
    d.app.view = ViewId::Attendance;
    d.typ("Evil");
    let mut term = Terminal::new(TestBackend::new(160, 30)).unwrap();
    term.draw(|f| d.app.draw(f, d.now)).unwrap();
    let screen = crate::common::screen::screen(term.backend().buffer());
    assert_safe("attendance search", &screen);
    assert!(screen.contains("Evil\\e]52;c;"), "{screen}");
    assert!(seen.contains("\\e["), "{seen}");
    // A form opened on the walk-in (F7, excused) names them the same way.
    d.app.key(ratatui::crossterm::event::KeyCode::F(7), d.now);
    let mut term = Terminal::new(TestBackend::new(160, 30)).unwrap();
    term.draw(|f| d.app.draw(f, d.now)).unwrap();
    let screen = crate::common::screen::screen(term.backend().buffer());
    assert_safe("excuse form", &screen);
    assert!(screen.contains("Excused: Evil\\e]52;c;"), "{screen}");
}

#[test]
fn commands_that_quote_what_was_typed_quote_it_safely() {
    let dir = hostile_journal();
    let agenda = desk::agenda_path();
    // `attend` by a name several walk-ins share: the candidates are listed.
    for q in ["Evil", "Guy", "王晓红"] {
        run(
            "attend",
            huiwu(dir.path()).arg("attend").arg(&agenda).arg(q),
        );
    }
    // `action add` says back what it would record (a NUL cannot be an argument).
    for text in CORPUS.iter().filter(|t| !t.contains('\0')) {
        let (_, out) = run(
            "action add",
            huiwu(dir.path()).args(["action"]).arg(&agenda).args([
                "add",
                text,
                "--owner",
                text,
                "--due",
                text,
                "--dry-run",
            ]),
        );
        assert!(!out.is_empty());
    }
    // keys.json from elsewhere: the refusal quotes its names safely.
    let config = dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    for keys in [
        format!(
            r#"{{"attendance": {{"{}": ["F6"]}}}}"#,
            EVIL.replace('\x1b', "\\u001b").replace('\x07', "\\u0007")
        ),
        r#"{"attendance": {"late": ["\u001b]0;pwned\u0007F6"]}}"#.to_string(),
        r#"{"\u001b[2Jattendance": {}}"#.to_string(),
    ] {
        fs::write(config.join("keys.json"), &keys).unwrap();
        let (ok, out) = run("keys.json", huiwu(dir.path()).arg("run").arg(&agenda));
        assert!(!ok, "{keys}: {out}");
        assert!(out.contains("keys.json"), "{out}");
    }
}
