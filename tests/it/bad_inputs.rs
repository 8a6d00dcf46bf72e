//! Bad input, as a secretary's morning brings it, through the real binary: for every
//! reader (the journal, roster import, platform exports, keys.json, and what the agenda
//! corpus of check_cli.rs lacks) a truncated file, a wrong encoding, wrong types, huge
//! fields, deep nesting, NUL bytes, an empty file, a directory, a dangling link, a pipe
//! and a missing file. Each must end with a clear message that names the file (and the
//! line or row), in the chosen language, a non-zero exit and no panic; and what was
//! recorded before (the journal, the agenda) must be byte-for-byte as it was.
//!
//! Not simulated: "permission denied". The tests run as root, for whom chmod 000 does
//! not stop a read; the directory, dangling-link and pipe cases take its place (each is
//! a file that exists and cannot be read as one).
//!
//! Fixtures live in tests/bad_inputs/<reader>/; the large ones are generated here.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const AGENDA: &str = include_str!("../data/reconcile-agenda.json");
const MEETING: &str = "tongchuan-2017-test";

fn fixture(reader: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_inputs")
        .join(reader)
        .join(name)
}

struct Env {
    dir: tempfile::TempDir,
}

/// What a run gave back.
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("agenda.json"), AGENDA).unwrap();
        fs::create_dir(dir.path().join("cfg")).unwrap();
        Env { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn agenda(&self) -> PathBuf {
        self.path("agenda.json")
    }

    /// The single journal of earlier versions (read in place).
    fn journal(&self) -> PathBuf {
        self.path("data/meetings").join(format!("{MEETING}.jsonl"))
    }

    /// The journal of seat `desk-1` (the seat every run here writes as).
    fn seat_journal(&self) -> PathBuf {
        self.path("data/meetings")
            .join(MEETING)
            .join("desk-1.jsonl")
    }

    /// Put `bytes` where the meeting's journal goes.
    fn put_journal(&self, bytes: &[u8]) {
        fs::create_dir_all(self.journal().parent().unwrap()).unwrap();
        fs::write(self.journal(), bytes).unwrap();
    }

    /// `huiwu --lang LANG ARGS`, in the temp dir, with its own data and config dirs.
    fn run(&self, lang: &str, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Out {
        let mut c = Command::cargo_bin("huiwu").unwrap();
        c.current_dir(self.dir.path())
            .env_remove("HUIWU_DATA_DIR")
            .env_remove("HUIWU_SEAT")
            .env("HUIWU_CONFIG_DIR", self.path("cfg"))
            .env("RUST_BACKTRACE", "0")
            .args(["--lang", lang, "--seat", "desk-1", "--data-dir"])
            .arg(self.path("data"));
        for a in args {
            c.arg(a);
        }
        let out = c.output().unwrap();
        let o = Out {
            code: out.status.code().expect("exited, not killed"),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            !o.stderr.contains("panicked") && !o.stderr.contains("RUST_BACKTRACE"),
            "{:?} panicked:\n{}",
            args.iter()
                .map(|a| a.as_ref().to_owned())
                .collect::<Vec<_>>(),
            o.stderr
        );
        o
    }

    /// Files beside the journal other than the journal and its lock (side files, temps).
    fn journal_litter(&self) -> Vec<String> {
        let Ok(rd) = fs::read_dir(self.path("data/meetings")) else {
            return Vec::new();
        };
        rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| *n != format!("{MEETING}.jsonl") && *n != format!("{MEETING}.lock"))
            .collect()
    }

    /// Anything besides the agenda, the data and config dirs and `keep` in the temp dir
    /// (a roster backup, a temporary file).
    fn litter(&self, keep: &[&str]) -> Vec<String> {
        fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !["agenda.json", "data", "cfg"].contains(&n.as_str()))
            .filter(|n| !keep.contains(&n.as_str()))
            .collect()
    }
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A refusal: exit 1 and every `want` in what was printed (the error on stderr; a
/// roster's row-by-row report on stdout).
fn assert_refused(o: &Out, wants: &[&str], what: &str) {
    assert_eq!(o.code, 1, "{what}: exit code\n{}", o.stderr);
    let all = format!("{}{}", o.stderr, o.stdout);
    for w in wants {
        assert!(all.contains(w), "{what}: output lacks {w:?}:\n{all}");
    }
    // A message for people, not a dump: short even when the input was huge.
    assert!(all.len() < 4000, "{what}: {} bytes", all.len());
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let st = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(st.success());
}

// ---------------------------------------------------------------------------------------
// The journal

/// (fixture, line named in the message, English words, Chinese words)
const JOURNAL_CASES: &[(&str, usize, &str, &str)] = &[
    ("damaged-middle.jsonl", 3, "EOF while parsing", "已损坏"),
    ("wrong-type.jsonl", 3, "invalid type", "已损坏"),
    // `unknown-event.jsonl` is no damage: an event from a newer huiwu is kept
    // (tests/seats_cli.rs, `a_newer_huiwus_event_survives_attend_status_and_merge`).
    ("not-utf8.jsonl", 3, "not UTF-8", "不是 UTF-8"),
    ("nul-in-middle.jsonl", 3, "column 1", "已损坏"),
    (
        "not-a-journal.jsonl",
        1,
        "not a huiwu journal header",
        "首行",
    ),
    ("no-header.jsonl", 2, "header line is missing", "缺少首行"),
    ("utf16.jsonl", 1, "not UTF-8", "不是 UTF-8"),
];

#[test]
fn a_damaged_journal_is_refused_by_every_command_and_left_untouched() {
    for &(name, line, en, zh) in JOURNAL_CASES {
        let e = Env::new();
        let bytes = fs::read(fixture("journal", name)).unwrap();
        e.put_journal(&bytes);
        let agenda = e.agenda();
        let file = format!("{MEETING}.jsonl");
        for args in [
            vec!["status"],
            vec!["log"],
            vec!["attend", "", "李建国"],
            vec!["action", "list"],
            vec!["export", "-f", "csv", "-o", "out.csv"],
            vec!["find", "", "王"],
        ] {
            let mut a: Vec<&dyn AsRef<std::ffi::OsStr>> = Vec::new();
            // The agenda goes right after the subcommand.
            let (cmd, rest) = args.split_at(1);
            for c in cmd {
                a.push(c);
            }
            a.push(&agenda);
            for r in rest.iter().filter(|r| !r.is_empty()) {
                a.push(r);
            }
            let o = e.run("en", &a);
            let where_ = format!("{file}: line {line} is damaged");
            assert_refused(&o, &[&where_, en, "left untouched"], name);
            let o = e.run("zh", &a);
            let where_zh = format!("第 {line} 行");
            assert_refused(&o, &[&file, &where_zh, zh, "未作任何改动"], name);
            assert_eq!(fs::read(e.journal()).unwrap(), bytes, "{name}: {args:?}");
        }
        assert!(
            e.journal_litter().is_empty(),
            "{name}: {:?}",
            e.journal_litter()
        );
        assert!(e.litter(&[]).is_empty(), "{name}: {:?}", e.litter(&[]));
    }
}

#[test]
fn another_meetings_journal_is_refused_untouched() {
    let e = Env::new();
    let bytes = fs::read(fixture("journal", "wrong-meeting.jsonl")).unwrap();
    // A torn last line too: it must not be "repaired" in another meeting's journal.
    let mut bytes = bytes;
    bytes.extend_from_slice(b"{\"id\":\"torn");
    e.put_journal(&bytes);
    let o = e.run("en", &[&"attend", &e.agenda(), &"李建国"]);
    assert_refused(
        &o,
        &["belongs to meeting `another-meeting`, not `tongchuan-2017-test`"],
        "wrong meeting",
    );
    let o = e.run("zh", &[&"status", &e.agenda()]);
    assert_refused(
        &o,
        &["该记录文件属于会议 `another-meeting`"],
        "wrong meeting",
    );
    assert_eq!(fs::read(e.journal()).unwrap(), bytes);
    assert!(e.journal_litter().is_empty());
}

#[test]
fn huge_lines_and_deep_nesting_in_a_journal() {
    let good = fs::read_to_string(fixture("journal", "good.jsonl")).unwrap();
    let lines: Vec<&str> = good.lines().collect();
    let with_line_3 = |third: &str| format!("{}\n{}\n{third}\n{}\n", lines[0], lines[1], lines[3]);
    // 10 MB of garbage, 10 MB inside a valid-looking string, 100,000 nested arrays.
    let garbage = "x".repeat(10 << 20);
    let huge_string = format!(
        "{{\"id\":\"{}\",\"at\":\"2017-05-04T06:22:00Z\"",
        "9".repeat(10 << 20)
    );
    let deep = format!(
        "{{\"x\":{}{},\"id\":\"e2\"}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    for (what, third) in [
        ("garbage", garbage),
        ("huge string", huge_string),
        ("deep", deep),
    ] {
        let e = Env::new();
        let bytes = with_line_3(&third).into_bytes();
        e.put_journal(&bytes);
        for cmd in ["status", "attend"] {
            let o = if cmd == "attend" {
                e.run("en", &[&cmd, &e.agenda(), &"李建国"])
            } else {
                e.run("en", &[&cmd, &e.agenda()])
            };
            assert_refused(&o, &["line 3 is damaged", "left untouched"], what);
        }
        assert_eq!(fs::read(e.journal()).unwrap(), bytes, "{what}");
    }

    // A 10 MB meeting id in the header: refused, and the id is not printed whole.
    let e = Env::new();
    let header = lines[0].replace(MEETING, &"m".repeat(10 << 20));
    let bytes = format!("{header}\n{}\n", lines[1]).into_bytes();
    e.put_journal(&bytes);
    let o = e.run("zh", &[&"attend", &e.agenda(), &"李建国"]);
    assert_refused(&o, &["该记录文件属于会议", "…"], "huge id");
    assert_eq!(fs::read(e.journal()).unwrap(), bytes);
}

#[test]
fn an_empty_or_blank_journal_starts_over_and_keeps_the_bytes_aside() {
    let e_journal = Env::journal;
    for (what, bytes) in [
        ("empty", Vec::new()),
        ("NUL bytes", vec![0u8; 4096]),
        ("blank lines", b"\n\n  \n".to_vec()),
    ] {
        for (journal, starts) in [
            (e_journal as fn(&Env) -> PathBuf, false),
            (Env::seat_journal, true),
        ] {
            let e = Env::new();
            let path = journal(&e);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &bytes).unwrap();
            // Read-only commands see a meeting not yet held.
            let o = e.run("en", &[&"status", &e.agenda()]);
            assert_eq!(o.code, 0, "{what}: {}", o.stderr);
            assert_eq!(fs::read(&path).unwrap(), bytes, "{what}: status wrote");
            let o = e.run("en", &[&"attend", &e.agenda(), &"李建国"]);
            assert_eq!(o.code, 0, "{what}: {}", o.stderr);
            if !starts {
                // The old single journal is read in place, never written: the seat's own
                // journal takes the sign-in.
                assert_eq!(fs::read(&path).unwrap(), bytes, "{what}: attend wrote");
                let text = fs::read_to_string(e.seat_journal()).unwrap();
                assert!(
                    text.contains("李建国") || text.contains("signed_in"),
                    "{text}"
                );
                continue;
            }
            // The seat starts its journal; anything that was there is kept aside.
            let text = fs::read_to_string(&path).unwrap();
            assert!(text.starts_with("{\"huiwu_journal\":2"), "{what}: {text}");
            let dir = path.parent().unwrap();
            let litter: Vec<String> = fs::read_dir(dir)
                .unwrap()
                .map(|x| x.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n != "desk-1.jsonl" && n != "desk-1.lock")
                .collect();
            if bytes.is_empty() {
                assert!(litter.is_empty(), "{litter:?}");
            } else {
                assert_eq!(litter.len(), 1, "{what}: {litter:?}");
                assert_eq!(fs::read(dir.join(&litter[0])).unwrap(), bytes);
                assert!(o.stderr.contains("moved to"), "{what}: {}", o.stderr);
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn no_file_where_the_journal_should_be() {
    // A directory in the journal's place.
    let e = Env::new();
    fs::create_dir_all(e.journal()).unwrap();
    let o = e.run("en", &[&"attend", &e.agenda(), &"李建国"]);
    assert_refused(
        &o,
        &[
            &format!("{MEETING}.jsonl"),
            "a directory is in the journal's place",
        ],
        "dir",
    );
    let o = e.run("zh", &[&"status", &e.agenda()]);
    assert_refused(&o, &["记录文件的位置上是一个目录"], "dir");
    assert!(e.journal().is_dir());

    // A dangling symbolic link (the journals moved to a drive that is not mounted): the
    // writer must not start a new journal at the link's target.
    let e = Env::new();
    fs::create_dir_all(e.journal().parent().unwrap()).unwrap();
    let target = e.path("usb-stick/meetings.jsonl");
    std::os::unix::fs::symlink(&target, e.journal()).unwrap();
    fs::create_dir(e.path("usb-stick")).unwrap();
    fs::remove_dir(e.path("usb-stick")).unwrap();
    for (lang, cmd, want) in [
        ("en", "attend", "symbolic link to"),
        ("en", "status", "is a drive not mounted?"),
        ("zh", "export", "是否有磁盘未挂载"),
    ] {
        let o = if cmd == "attend" {
            e.run(lang, &[&cmd, &e.agenda(), &"李建国"])
        } else if cmd == "export" {
            e.run(lang, &[&cmd, &e.agenda(), &"-f", &"md", &"-o", &"-"])
        } else {
            e.run(lang, &[&cmd, &e.agenda()])
        };
        assert_refused(&o, &[want], cmd);
    }
    assert!(!target.exists() && !e.path("usb-stick").exists());

    // A pipe: never opened (reading one with no writer would hang the desk).
    let e = Env::new();
    fs::create_dir_all(e.journal().parent().unwrap()).unwrap();
    mkfifo(&e.journal());
    let o = e.run("en", &[&"attend", &e.agenda(), &"李建国"]);
    assert_refused(&o, &["a pipe, socket or device"], "fifo");
    let o = e.run("zh", &[&"log", &e.agenda()]);
    assert_refused(&o, &["管道、套接字或设备"], "fifo");

    // A file where the data directory should be.
    let e = Env::new();
    fs::write(e.path("data"), b"not a directory").unwrap();
    let o = e.run("en", &[&"attend", &e.agenda(), &"李建国"]);
    assert_refused(&o, &["data"], "data dir is a file");
    assert_eq!(fs::read(e.path("data")).unwrap(), b"not a directory");
}

// ---------------------------------------------------------------------------------------
// Roster import

/// (fixture, extra args, English words, Chinese words)
const ROSTER_CASES: &[(&str, &[&str], &str, &str)] = &[
    ("empty.csv", &[], "the file is empty", "文件是空的"),
    ("only-bom.csv", &[], "the file is empty", "文件是空的"),
    (
        "no-name-column.csv",
        &[],
        "no header row with a name column",
        "姓名",
    ),
    ("binary.csv", &[], "no header row", "姓名"),
    (
        "unclosed-quote.csv",
        &[],
        "row 2: a quotation mark opened here is never closed",
        "第 2 行：此处的引号没有闭合",
    ),
    (
        "numbers-as-names.csv",
        &[],
        "no row could be used",
        "没有一行可以使用",
    ),
    (
        "utf16-truncated.csv",
        &[],
        "could not be read as UTF-16LE",
        "无法按 UTF-16LE 读取",
    ),
    (
        "gbk-read-as-utf8.csv",
        &["--encoding", "utf-8"],
        "could not be read as UTF-8",
        "无法按 UTF-8 读取",
    ),
    (
        "not-a-workbook.xlsx",
        &[],
        "a zip archive, but not a spreadsheet",
        "不是电子表格",
    ),
    (
        "broken-workbook-xml.xlsx",
        &[],
        "not a spreadsheet",
        "不是电子表格",
    ),
    (
        "ole-garbage.xls",
        &[],
        "cannot read the workbook",
        "无法读取该工作簿",
    ),
];

fn roster(e: &Env, lang: &str, file: &Path, extra: &[&str]) -> Out {
    let mut a: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"roster", &"import", &file];
    let into = e.agenda();
    a.push(&"--into");
    a.push(&into);
    for x in extra {
        a.push(x);
    }
    e.run(lang, &a)
}

#[test]
fn a_bad_roster_is_refused_and_the_agenda_is_left_as_it_was() {
    for &(name, extra, en, zh) in ROSTER_CASES {
        let e = Env::new();
        let file = fixture("roster", name);
        let file_name = file.display().to_string();
        let o = roster(&e, "en", &file, extra);
        assert_refused(&o, &[&file_name, en], name);
        let o = roster(&e, "zh", &file, extra);
        assert_refused(&o, &[zh], name);
        assert!(has_chinese(&o.stderr), "{name}: {}", o.stderr);
        assert_eq!(fs::read_to_string(e.agenda()).unwrap(), AGENDA, "{name}");
        assert!(e.litter(&[]).is_empty(), "{name}: {:?}", e.litter(&[]));
    }
}

#[test]
fn a_roster_row_with_nul_bytes_imports_without_them() {
    let e = Env::new();
    let o = roster(&e, "en", &fixture("roster", "nul-bytes.csv"), &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let agenda = fs::read_to_string(e.agenda()).unwrap();
    assert!(agenda.contains("\"王五\""), "{agenda}");
    assert!(!agenda.contains("\\u0000") && !agenda.contains('\0'));
}

#[test]
fn huge_roster_cells_and_lines() {
    let header = "姓名,单位,会场\n";
    let ten_mb = 10 << 20;
    for (what, body, en) in [
        (
            "10 MB name",
            format!("{},铜川市教育局,main\n", "王".repeat(ten_mb / 3)),
            "row 2\t`王王王",
        ),
        (
            "10 MB unit",
            format!("王五,{},main\n", "局".repeat(ten_mb / 3)),
            "the unit cell holds 3495253 characters (at most 200)",
        ),
        (
            "10 MB line without a delimiter",
            format!("{}\n", "x".repeat(ten_mb)),
            "no row could be used",
        ),
    ] {
        let e = Env::new();
        let file = e.path("huge.csv");
        fs::write(&file, format!("{header}{body}")).unwrap();
        let o = roster(&e, "en", &file, &[]);
        assert_eq!(o.code, 1, "{what}: {}", o.stderr);
        let all = format!("{}{}", o.stdout, o.stderr);
        assert!(all.contains(en), "{what}: {}", &all[..all.len().min(2000)]);
        assert!(all.len() < 4000, "{what}: {} bytes of output", all.len());
        assert!(all.contains("no row could be used"), "{what}");
        assert_eq!(fs::read_to_string(e.agenda()).unwrap(), AGENDA, "{what}");
    }
}

#[test]
fn a_truncated_workbook_is_named_as_such() {
    let xlsx =
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vc/tencent-meeting.xlsx"))
            .unwrap();
    for cut in [10, xlsx.len() / 2, xlsx.len() - 10] {
        let e = Env::new();
        let file = e.path("roster.xlsx");
        fs::write(&file, &xlsx[..cut]).unwrap();
        let o = roster(&e, "en", &file, &[]);
        assert_refused(&o, &["roster.xlsx", "damaged or cut short"], "truncated");
        let o = roster(&e, "zh", &file, &[]);
        assert_refused(&o, &["工作簿已损坏或不完整"], "truncated");
        assert_eq!(fs::read_to_string(e.agenda()).unwrap(), AGENDA);
        // The same bytes as a platform export.
        let o = e.run("en", &[&"reconcile", &e.agenda(), &file]);
        assert_refused(
            &o,
            &["roster.xlsx", "damaged or cut short"],
            "truncated export",
        );
        assert!(!e.path("data").exists(), "reconcile opened a journal");
    }
}

#[cfg(unix)]
#[test]
fn no_readable_file_where_a_roster_should_be() {
    let e = Env::new();
    fs::create_dir(e.path("dir.csv")).unwrap();
    std::os::unix::fs::symlink(e.path("gone.csv"), e.path("link.csv")).unwrap();
    mkfifo(&e.path("pipe.csv"));
    let keep = ["dir.csv", "link.csv", "pipe.csv"];
    for (name, en, zh) in [
        ("missing.csv", "no such file", "文件不存在"),
        ("dir.csv", "is a directory, not a file", "是目录，不是文件"),
        ("link.csv", "a symbolic link to", "符号链接"),
        ("pipe.csv", "not a regular file", "不是普通文件"),
    ] {
        let o = roster(&e, "en", &e.path(name), &[]);
        assert_refused(&o, &[name, en], name);
        let o = roster(&e, "zh", &e.path(name), &[]);
        assert_refused(&o, &[name, zh], name);
        // Through reconcile too.
        let o = e.run("zh", &[&"reconcile", &e.agenda(), &e.path(name)]);
        assert_refused(&o, &[name, zh], name);
    }
    assert_eq!(fs::read_to_string(e.agenda()).unwrap(), AGENDA);
    assert!(e.litter(&keep).is_empty(), "{:?}", e.litter(&keep));
    assert!(!e.path("data").exists());
    // An unknown --encoding is a usage error.
    let o = roster(
        &e,
        "en",
        &fixture("roster", "nul-bytes.csv"),
        &["--encoding", "klingon"],
    );
    assert_eq!(o.code, 2, "{}", o.stderr);
}

// ---------------------------------------------------------------------------------------
// Platform exports

#[test]
fn a_bad_platform_export_is_refused_and_nothing_is_recorded() {
    for (name, en, zh) in [
        ("empty.csv", "the file is empty", "文件是空的"),
        (
            "unknown-layout.csv",
            "not an attendance export huiwu knows",
            "无法识别的参会记录",
        ),
        ("binary.bin", "not an attendance export", "无法识别"),
        (
            "zoom-header-only.csv",
            "looks like a Zoom export, but its participant table",
            "未找到参会者表格",
        ),
        (
            "not-a-workbook.xlsx",
            "a zip archive, but not a spreadsheet",
            "不是电子表格",
        ),
    ] {
        let e = Env::new();
        let file = fixture("platform", name);
        for dry in [false, true] {
            let mut a: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"reconcile", &AGENDA_ARG, &file];
            if dry {
                a.push(&"--dry-run");
            }
            let o = e.run("en", &a);
            assert_refused(&o, &[&file.display().to_string(), en], name);
            let o = e.run("zh", &a);
            assert_refused(&o, &[zh], name);
        }
        assert!(!e.path("data").exists(), "{name}: a journal was opened");
    }
}

/// The agenda, relative to the temp dir the commands run in.
const AGENDA_ARG: &str = "agenda.json";

#[test]
fn absurd_numbers_in_a_platform_export_do_not_overflow() {
    let e = Env::new();
    let file = fixture("platform", "zoom-overflow.csv");
    let o = e.run("en", &[&"reconcile", &AGENDA_ARG, &file, &"--dry-run"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("王晓红"), "{}", o.stdout);
}

#[test]
fn huge_and_truncated_text_exports() {
    let vc = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vc");
    let e = Env::new();
    // A 10 MB name cell in a Zoom export: read, not matched, printed short enough.
    let zoom = fs::read_to_string(vc.join("zoom-participants.csv")).unwrap();
    let huge = zoom.replacen("王晓红,,", &format!("{},,", "王".repeat((10 << 20) / 3)), 1);
    fs::write(e.path("zoom.csv"), huge).unwrap();
    let o = e.run(
        "en",
        &[&"reconcile", &AGENDA_ARG, &"zoom.csv", &"--dry-run"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    // Teams (UTF-16) cut at an odd byte: the rows before the cut are read.
    let teams = fs::read(vc.join("teams-attendance.csv")).unwrap();
    fs::write(e.path("teams.csv"), &teams[..teams.len() / 2 + 1]).unwrap();
    let o = e.run(
        "en",
        &[&"reconcile", &AGENDA_ARG, &"teams.csv", &"--dry-run"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("Microsoft Teams export"), "{}", o.stdout);
    // Nothing recorded by a dry run.
    assert!(!e.path("data").exists());
}

// ---------------------------------------------------------------------------------------
// keys.json

/// `huiwu run` with keys.json holding `bytes` (or `setup` making something else of it).
fn run_with_keys(e: &Env, lang: &str) -> Out {
    e.run(lang, &[&"run", &AGENDA_ARG])
}

#[test]
fn bad_key_bindings_are_refused_before_the_screen_opens() {
    for (name, en, zh) in [
        ("empty.json", "the file is empty", "文件是空的"),
        ("syntax.json", "keys.json:4:", "格式有误"),
        (
            "wrong-type.json",
            "`attendance.late`: expected a key name in quotes",
            "应为带引号的按键名",
        ),
        (
            "not-an-object.json",
            "keys.json:1:1: invalid type",
            "格式有误",
        ),
        (
            "unknown-section.json",
            "unknown section `atendance`",
            "未知分区",
        ),
        (
            "unknown-action.json",
            "`attendance.lat` is not an action",
            "不是可设置的动作",
        ),
        (
            "bad-key.json",
            "`Hyper+Q` is not a key name",
            "不是可用的按键名",
        ),
        ("clash.json", "key `F2` is bound to both", "同时用于"),
        ("gbk.json", "not UTF-8 text", "不是 UTF-8 文本"),
        ("nul.json", "keys.json:1:", "格式有误"),
    ] {
        let e = Env::new();
        fs::copy(fixture("keys", name), e.path("cfg/keys.json")).unwrap();
        let o = run_with_keys(&e, "en");
        assert_refused(
            &o,
            &["keys.json", en, "fix keys.json or move it aside"],
            name,
        );
        let o = run_with_keys(&e, "zh");
        assert_refused(&o, &["keys.json", zh, "请修改 keys.json"], name);
        assert!(!e.path("data").exists(), "{name}: the journal was opened");
    }
}

#[test]
fn good_key_bindings_pass_and_then_a_terminal_is_asked_for() {
    let e = Env::new();
    fs::write(
        e.path("cfg/keys.json"),
        "// mine\n{\"attendance\": {\"late\": [\"F11\", \"Alt+L\"]}}",
    )
    .unwrap();
    let o = run_with_keys(&e, "en");
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("needs a terminal"), "{}", o.stderr);
}

#[cfg(unix)]
#[test]
fn huge_deep_and_unreadable_key_bindings() {
    type Setup = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Setup, &str)> = vec![
        (
            "deep",
            Box::new(|p: &Path| {
                let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
                fs::write(p, format!("{{\"attendance\": {{\"late\": {deep}}}}}")).unwrap()
            }),
            "recursion limit",
        ),
        (
            "10 MB key",
            Box::new(|p: &Path| {
                fs::write(
                    p,
                    format!(
                        "{{\"attendance\": {{\"late\": \"{}\"}}}}",
                        "F".repeat(10 << 20)
                    ),
                )
                .unwrap()
            }),
            "is not a key name",
        ),
        (
            "directory",
            Box::new(|p: &Path| fs::create_dir(p).unwrap()),
            "is a directory, not a file",
        ),
        (
            "dangling link",
            Box::new(|p: &Path| {
                std::os::unix::fs::symlink(p.with_file_name("gone.json"), p).unwrap()
            }),
            "a symbolic link to",
        ),
        ("pipe", Box::new(|p: &Path| mkfifo(p)), "not a regular file"),
    ];
    for (what, setup, en) in cases {
        let e = Env::new();
        setup(&e.path("cfg/keys.json"));
        let o = run_with_keys(&e, "en");
        assert_refused(&o, &["keys.json", en], what);
    }
}

// ---------------------------------------------------------------------------------------
// The agenda: what check_cli.rs does not already cover

#[cfg(unix)]
#[test]
fn agenda_nul_bytes_huge_lines_links_and_pipes() {
    let valid = include_str!("../data/agendas/valid.json");
    let e = Env::new();
    fs::write(
        e.path("nul.json"),
        valid.replacen("\"title\": \"", "\"title\": \"\0", 1),
    )
    .unwrap();
    fs::write(
        e.path("huge-line.json"),
        valid.replacen('{', &format!("{{{}", "x".repeat(10 << 20)), 1),
    )
    .unwrap();
    fs::write(
        e.path("huge-field.json"),
        valid.replacen(
            "\"title\": \"",
            &format!("\"title\": \"{}", "议".repeat((10 << 20) / 3)),
            1,
        ),
    )
    .unwrap();
    std::os::unix::fs::symlink(e.path("gone.json"), e.path("link.json")).unwrap();
    mkfifo(&e.path("pipe.json"));
    for (name, en, zh) in [
        (
            "nul.json",
            "nul.json:4:15: error: an invisible control character (U+0000)",
            "不可见的控制字符（U+0000）",
        ),
        (
            "huge-line.json",
            "huge-line.json:1:2: error: a key in double quotes was expected",
            "此处应为带双引号的键名",
        ),
        (
            "link.json",
            "link.json: error: a symbolic link to",
            "符号链接",
        ),
        (
            "pipe.json",
            "pipe.json: error: is not a regular file",
            "不是普通文件",
        ),
    ] {
        for cmd in ["check", "status", "attend"] {
            let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&cmd, &name];
            if cmd == "attend" {
                args.push(&"李建国");
            }
            let o = e.run("en", &args);
            assert_refused(&o, &[en], name);
            let o = e.run("zh", &args);
            assert_refused(&o, &[zh], name);
        }
    }
    // A 10 MB title is valid JSON and a valid (if odd) agenda: it loads, no panic.
    let o = e.run("en", &[&"check", &"huge-field.json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!e.path("data").exists());
}
