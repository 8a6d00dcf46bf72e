//! Personal data, through the real binary: files holding phone numbers are private (0600,
//! their folders 0700); phone numbers stay out of every export format and the Minutes
//! preview unless `--include-contacts` is given; hostile names (formulas, markup, bidi
//! overrides) come out inert in every format, checked with readers we did not write
//! (the csv crate, calamine, serde_json, a tag scan of the HTML).
//!
//! The choice for bidirectional controls (U+202A-U+202E, U+2066-U+2069, and the marks
//! U+200E/U+200F on import): they are removed from names in every human-facing output
//! (minutes, sign-in sheets, the terminal UI) and dropped on roster import, so a name
//! cannot reverse the rest of a line; the JSON export, the archive, keeps strings
//! exactly as recorded (JSON readers do not render text).

use crate::common;

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx};

const FIXTURE: &str = include_str!("../fixtures/export-meeting.json");
/// The participants' (139…) and the venue contacts' (138…) numbers in the fixture.
const PHONES: [&str; 4] = ["13900000001", "13900000002", "13800000001", "13800000002"];

const HOSTILE: [(&str, &str); 10] = [
    ("m01", "=HYPERLINK(\"http://x\",\"y\")"),
    ("m02", "+1"),
    ("m03", "-2"),
    ("m04", "@SUM(A1)"),
    // A tab or a carriage return cannot be in an agenda (`huiwu check` refuses control
    // characters, tests/hostile_text.rs); white space that can still lead a formula:
    ("m05", "\u{3000}=FULLWIDTH()"),
    ("m06", "\u{A0}=NBSP()"),
    ("y01", "<script>alert(1)</script>"),
    ("y02", "\"><img src=x onerror=alert(1)>"),
    ("y03", "\u{202E}gpj.exe"),
    ("y04", "王\u{2067}红\u{2069}丽\u{202D}"),
];

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn without_bidi(s: &str) -> String {
    s.trim().chars().filter(|&c| !is_bidi(c)).collect()
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// The export fixture (phones for two participants and two venue contacts), with
    /// hostile names when asked, and a little history.
    fn new(hostile: bool) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let mut v: serde_json::Value =
            serde_json::from_str(&huiwu::core::load::strip_comments(FIXTURE)).unwrap();
        if hostile {
            for p in v["participants"].as_array_mut().unwrap() {
                if let Some((_, name)) = HOSTILE.iter().find(|(id, _)| p["id"] == *id) {
                    p["name"] = (*name).into();
                }
            }
            v["participants"][2]["unit"] = "=1+2".into();
            v["venues"][1]["name"] = "<b>耀州</b>\u{202E}场会".into();
        }
        fs::write(
            dir.path().join("agenda.json"),
            serde_json::to_string_pretty(&v).unwrap(),
        )
        .unwrap();
        let e = Env { dir };
        for who in ["m01", "y01", "y03"] {
            let o = e.run(&["attend", "agenda.json", who]);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        e
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let out = Command::cargo_bin("huiwu")
            .unwrap()
            .current_dir(self.dir.path())
            .env_remove("HUIWU_DATA_DIR")
            .env("HUIWU_CONFIG_DIR", self.path("cfg"))
            .args(["--lang", "zh", "--seat", "desk", "--data-dir", "data"])
            .args(args)
            .output()
            .unwrap();
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
        out
    }

    /// Export to a file and return its bytes.
    fn export(&self, format: &str, contacts: bool) -> Vec<u8> {
        let file = format!("out-{contacts}.{format}");
        let mut args = vec!["export", "agenda.json", "-f", format, "-o", &file];
        if contacts {
            args.push("--include-contacts");
        }
        let o = self.run(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        fs::read(self.path(&file)).unwrap()
    }
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Every string cell of every sheet, and whether any cell holds a formula.
fn xlsx_strings(bytes: &[u8]) -> (Vec<String>, bool) {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut strings = Vec::new();
    let mut formula = false;
    for name in book.sheet_names() {
        let f = book.worksheet_formula(&name).unwrap();
        formula |= f.used_cells().any(|(_, _, f)| !f.is_empty());
        for (_, _, cell) in book.worksheet_range(&name).unwrap().used_cells() {
            match cell {
                Data::String(s) => strings.push(s.clone()),
                Data::Int(i) => strings.push(i.to_string()),
                Data::Float(f) => strings.push(f.to_string()),
                _ => {}
            }
        }
    }
    (strings, formula)
}

/// The text of an export as a reader sees it: CSV and XLSX cells joined, others as is.
fn visible_text(format: &str, bytes: &[u8]) -> String {
    match format {
        "xlsx" => xlsx_strings(bytes).0.join("\n"),
        "csv" => {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
            rdr.records()
                .map(|r| r.unwrap().iter().collect::<Vec<_>>().join("\t"))
                .collect::<Vec<_>>()
                .join("\n")
        }
        _ => String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

// ---------------------------------------------------------------------------------------
// File modes

#[cfg(unix)]
#[test]
fn journals_and_their_folders_are_private() {
    let e = Env::new(false);
    let meetings = e.path("data/meetings");
    assert_eq!(mode(&e.path("data")), 0o700, "data dir");
    assert_eq!(mode(&meetings), 0o700, "meetings dir");
    let seats = meetings.join("tc-2017-05-04");
    assert_eq!(mode(&seats), 0o700, "the meeting's seats dir");
    assert_eq!(mode(&seats.join("desk.jsonl")), 0o600);
    assert_eq!(mode(&seats.join("desk.lock")), 0o600);
    // A side file holding cut-off bytes is private too.
    let journal = seats.join("desk.jsonl");
    let mut bytes = fs::read(&journal).unwrap();
    bytes.extend_from_slice(b"{\"id\":\"torn, with 13900000009");
    fs::write(&journal, &bytes).unwrap();
    assert!(e.run(&["attend", "agenda.json", "m02"]).status.success());
    let side: Vec<PathBuf> = fs::read_dir(&seats)
        .unwrap()
        .map(|d| d.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".torn-"))
        .collect();
    assert_eq!(side.len(), 1);
    assert_eq!(mode(&side[0]), 0o600);
}

#[cfg(unix)]
#[test]
fn exports_into_new_folders_are_private() {
    let e = Env::new(false);
    for f in ["md", "html", "json", "csv", "xlsx"] {
        let out = format!("reports/{f}/2017/minutes.{f}");
        let o = e.run(&[
            "export",
            "agenda.json",
            "-f",
            f,
            "-o",
            &out,
            "--include-contacts",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(mode(&e.path(&out)), 0o600, "{out}");
        for d in [format!("reports/{f}"), format!("reports/{f}/2017")] {
            assert_eq!(mode(&e.path(&d)), 0o700, "{d}");
        }
    }
    assert_eq!(mode(&e.path("reports")), 0o700);
}

#[cfg(unix)]
#[test]
fn a_roster_import_keeps_a_private_backup_and_the_agendas_own_mode() {
    use std::os::unix::fs::PermissionsExt;
    let e = Env::new(false);
    let agenda = e.path("agenda.json");
    fs::set_permissions(&agenda, fs::Permissions::from_mode(0o644)).unwrap();
    fs::write(
        e.path("roster.csv"),
        "姓名,单位,会场,电话\n钱七,市教育局,main,13900000077\n",
    )
    .unwrap();
    let o = e.run(&["roster", "import", "roster.csv", "--into", "agenda.json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(fs::read_to_string(&agenda).unwrap().contains("13900000077"));
    assert_eq!(
        mode(&agenda),
        0o644,
        "the agenda keeps the mode its owner gave it"
    );
    let backups: Vec<PathBuf> = fs::read_dir(e.dir.path())
        .unwrap()
        .map(|d| d.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".bak-"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(mode(&backups[0]), 0o600);
    assert!(
        fs::read_to_string(&backups[0])
            .unwrap()
            .contains("13900000001")
    );
}

// ---------------------------------------------------------------------------------------
// Phone numbers

#[test]
fn phone_numbers_only_with_include_contacts_in_every_format() {
    let e = Env::new(false);
    for f in ["md", "html", "json", "csv", "xlsx"] {
        let text = visible_text(f, &e.export(f, false));
        for p in PHONES {
            assert!(
                !text.contains(p),
                "{f} holds {p} without --include-contacts"
            );
        }
        let text = visible_text(f, &e.export(f, true));
        // The CSV sign-in sheet carries the participants' numbers; the workbook adds the
        // venue contacts' (in the summary's remarks); the JSON archive has both. The
        // minutes (md, html) list no contacts at all, so they never hold a number.
        let expected: &[&str] = match f {
            "csv" => &PHONES[..2],
            "md" | "html" => &[],
            _ => &PHONES,
        };
        if expected.is_empty() {
            assert!(!PHONES.iter().any(|p| text.contains(p)), "{f}");
        }
        for p in expected {
            assert!(text.contains(p), "{f} lacks {p} with --include-contacts");
        }
    }
    // Standard output too.
    let o = e.run(&["export", "agenda.json", "-f", "md", "-o", "-"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(!PHONES.iter().any(|p| text.contains(p)));
}

#[test]
fn the_minutes_preview_holds_no_phone_numbers() {
    use huiwu::i18n::Lang;
    use huiwu::store::session::{Session, read_agenda};
    use huiwu::tui::App;
    use huiwu::tui::keymap::Keymap;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::KeyCode;

    let e = Env::new(true);
    let agenda = read_agenda(&e.path("agenda.json"), Lang::Zh).unwrap();
    let now = chrono::Utc::now();
    let session = Session::open(&agenda, &e.path("data"), "desk", now).unwrap();
    let mut app = App::new(session, Lang::Zh, Keymap::default());
    let mut term = Terminal::new(TestBackend::new(140, 60)).unwrap();
    let mut seen = String::new();
    // The minutes preview, scrolled through; then every other view.
    app.key(KeyCode::F(5), now);
    for _ in 0..12 {
        let frame = common::screen::frame(&mut term, &mut app, now);
        seen.push_str(&common::screen::screen(&frame));
        app.key(KeyCode::PageDown, now);
    }
    assert!(seen.contains("纪要"), "{seen}");
    for p in PHONES {
        assert!(!seen.contains(p), "the preview shows {p}");
    }
    for k in [KeyCode::F(2), KeyCode::F(3), KeyCode::F(4)] {
        app.key(k, now);
        let frame = common::screen::frame(&mut term, &mut app, now);
        seen.push_str(&common::screen::screen(&frame));
    }
    // No screen puts a bidi control into a cell (a terminal that does bidi would
    // reverse the rest of the row); the hostile names are still shown.
    assert!(
        !seen.chars().any(is_bidi),
        "a bidi control reached the screen"
    );
    assert!(seen.contains("gpj.exe"), "{seen}");
}

// ---------------------------------------------------------------------------------------
// Hostile names

#[test]
fn csv_cells_never_start_a_formula() {
    let e = Env::new(true);
    for contacts in [false, true] {
        let bytes = e.export("csv", contacts);
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(&bytes[3..]);
        let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
        for cell in rows.iter().flat_map(|r| r.iter()) {
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "{cell:?} would run as a formula"
            );
            assert!(!cell.chars().any(is_bidi), "{cell:?}");
        }
        let names: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
        for (_, h) in &HOSTILE[..6] {
            let want = format!("'{}", without_bidi(h));
            assert!(names.contains(&want.as_str()), "{want:?} in {names:?}");
        }
        for (_, h) in &HOSTILE[6..] {
            assert!(names.contains(&without_bidi(h).as_str()), "{h:?}");
        }
        assert!(rows.iter().any(|r| &r[2] == "'=1+2"));
    }
}

#[test]
fn xlsx_holds_strings_not_formulas() {
    let e = Env::new(true);
    for contacts in [false, true] {
        let (strings, formula) = xlsx_strings(&e.export("xlsx", contacts));
        assert!(!formula, "a cell holds a formula");
        for s in &strings {
            assert!(!s.chars().any(is_bidi), "{s:?}");
        }
        // Stored exactly (as text, which Excel does not evaluate), bidi controls removed.
        for (_, h) in HOSTILE {
            assert!(strings.contains(&without_bidi(h)), "{h:?} missing");
        }
        assert!(strings.contains(&"=1+2".to_string()));
    }
}

#[test]
fn html_escapes_hostile_names() {
    let e = Env::new(true);
    for contacts in [false, true] {
        let page = String::from_utf8(e.export("html", contacts)).unwrap();
        // No tag from the data: the only tags are the page's own.
        let lower = page.to_lowercase();
        for bad in ["<script", "<img"] {
            assert!(!lower.contains(bad), "{bad} got through");
        }
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&lt;b&gt;耀州&lt;/b&gt;"));
        // The quote that would end an attribute is escaped or in a text node only.
        assert!(
            page.contains("&quot;&gt;&lt;img"),
            "the quote is escaped too"
        );
        assert!(!page.contains("\"><img"), "an attribute could be closed");
        assert!(!page.chars().any(is_bidi));
        // Every `<` starts a known tag of the page.
        for (i, _) in page.match_indices('<') {
            let tag: String = page[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
                .collect();
            let name = tag.trim_start_matches('/').to_lowercase();
            assert!(
                [
                    "!doctype",
                    "html",
                    "head",
                    "meta",
                    "title",
                    "style",
                    "body",
                    "h1",
                    "h2",
                    "h3",
                    "p",
                    "ul",
                    "ol",
                    "li",
                    "table",
                    "thead",
                    "tbody",
                    "tr",
                    "th",
                    "td",
                    "svg",
                    "rect",
                    "text",
                    "g",
                    "section",
                    "div",
                    "span",
                    "strong",
                    "em",
                    "header",
                    "footer",
                    "figure",
                    "figcaption",
                    "dl",
                    "dt",
                    "dd",
                    "br",
                    "small",
                    "caption",
                    "col",
                    "colgroup",
                    "line",
                    "title",
                    "main",
                    "article",
                    "nav",
                    "hr",
                    "time",
                    "abbr",
                    "sup",
                    "sub",
                    "desc",
                    "path",
                    "circle",
                    "tspan",
                    "b",
                    "i",
                    "u",
                    "s",
                    "code",
                    "pre",
                    "blockquote",
                ]
                .contains(&name.as_str()),
                "unexpected tag <{tag} in the page"
            );
        }
    }
}

#[test]
fn markdown_and_json_keep_hostile_names_inert() {
    let e = Env::new(true);
    let md = String::from_utf8(e.export("md", false)).unwrap();
    assert!(!md.chars().any(is_bidi));
    assert!(md.contains("gpj.exe"));
    // JSON: the archive keeps names exactly as recorded, and is valid JSON that any
    // reader parses back to the same strings.
    let json = crate::common::schema::Shape::Export.parse(&e.export("json", false));
    let names: Vec<&str> = json["agenda"]["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for (_, h) in HOSTILE {
        assert!(names.contains(&h), "{h:?} not kept exactly");
    }
}

#[test]
fn a_roster_import_drops_bidi_controls_and_control_characters() {
    let e = Env::new(false);
    fs::write(
        e.path("roster.csv"),
        "姓名,单位,会场\n\u{202E}钱七\u{202C},市教\u{200F}育局,main\n孙\u{0}八,市教育局,main\n",
    )
    .unwrap();
    let o = e.run(&["roster", "import", "roster.csv", "--into", "agenda.json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = fs::read_to_string(e.path("agenda.json")).unwrap();
    assert!(
        text.contains("\"钱七\"") && text.contains("\"市教育局\"") && text.contains("\"孙八\"")
    );
    assert!(
        !text
            .chars()
            .any(|c| is_bidi(c) || c == '\u{200F}' || c == '\0')
    );
}

#[test]
fn plain_text_commands_print_names_without_bidi_controls() {
    let e = Env::new(true);
    fs::write(
        e.path("roster.csv"),
        "编号,姓名,单位,会场\ny03,gpj.exe,新单位,yaozhou\n",
    )
    .unwrap();
    // What each command prints for people, venues and owners, and a name it must show.
    let cases: [(&[&str], &str); 7] = [
        (&["attend", "agenda.json", "y04"], "王红丽"),
        (&["attend", "agenda.json", "y03"], "gpj.exe"), // a second time: the warning
        (&["status", "agenda.json"], "<b>耀州</b>场会"),
        (&["log", "agenda.json"], "gpj.exe（y03）"),
        (&["find", "agenda.json", "y03"], "gpj.exe"),
        (&["find", "agenda.json", "y04"], "王红丽"),
        (
            &[
                "roster",
                "import",
                "roster.csv",
                "--into",
                "agenda.json",
                "--dry-run",
            ],
            "y03\tgpj.exe",
        ),
    ];
    for (args, name) in cases {
        let o = e.run(args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = String::from_utf8(o.stdout).unwrap() + &String::from_utf8(o.stderr).unwrap();
        assert!(
            !out.chars().any(is_bidi),
            "{args:?} printed a bidi control:\n{out:?}"
        );
        assert!(out.contains(name), "{args:?} lost the name {name}:\n{out}");
    }
    // The JSON outputs keep the names exactly as recorded, `\u202e`-escaped so that the
    // text itself is safe to print.
    for args in [
        &["status", "agenda.json", "--json"][..],
        &["find", "agenda.json", "y04", "--json"][..],
    ] {
        let o = e.run(args);
        assert!(o.status.success(), "{args:?}");
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(
            !out.chars().any(is_bidi),
            "{args:?} printed a bidi control: {out}"
        );
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(
            serde_json::to_string(&parsed).unwrap().chars().any(is_bidi),
            "{args:?} lost the recorded controls: {out}"
        );
    }
}
