//! `huiwu roster import`: every encoding, title rows, spreadsheets, duplicates and bad
//! rows by row number, dry runs, backups, and an agenda that still passes `huiwu check`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use huiwu::core::agenda::{Agenda, Participant};
use huiwu::core::load::load_agenda;
use huiwu::i18n::Lang;
use rust_xlsxwriter::{Format, Workbook};
use tempfile::TempDir;

const AGENDA: &str = include_str!("../data/roster-agenda.json");

/// A scratch directory holding a copy of the test agenda.
fn setup() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("agenda.json");
    fs::write(&agenda, AGENDA).unwrap();
    (dir, agenda)
}

fn huiwu(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.current_dir(dir)
        .env("HUIWU_DATA_DIR", dir.join("data"))
        .args(["--lang", "en"]);
    c
}

/// `huiwu roster import OPTS... FILE --into AGENDA`, run in `dir`.
fn import(dir: &Path, opts: &[&str], file: &Path, agenda: &Path) -> Assert {
    huiwu(dir)
        .args(["roster", "import"])
        .args(opts)
        .arg(file)
        .arg("--into")
        .arg(agenda)
        .assert()
}

fn roster_of(path: &Path) -> Vec<Participant> {
    let loaded = load_agenda(&fs::read(path).unwrap(), Lang::En);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let a: Agenda = loaded.agenda.unwrap();
    a.participants
}

fn names(path: &Path) -> Vec<(String, String, String)> {
    roster_of(path)
        .into_iter()
        .map(|p| (p.id, p.name, p.venue))
        .collect()
}

fn backups(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".bak-"))
        .collect();
    v.sort();
    v
}

const SHEET: &str = "铜川市教育扶贫工作视频电话会议签到表,,,,\n\
会场：耀州区分会场    日期：2017年5月4日,,,,\n\
序号,姓名,单位,职务,签名\n\
1,刘志强,耀州区教育局,局长,\n\
2,陈 思 远,耀州区教育局,科长,\n";

fn expect_two_yaozhou(agenda: &Path) {
    assert_eq!(
        names(agenda),
        vec![
            ("main-001".into(), "王晓红".into(), "main".into()),
            ("yaozhou-001".into(), "刘志强".into(), "yaozhou".into()),
            ("yaozhou-002".into(), "陈思远".into(), "yaozhou".into()),
        ]
    );
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn every_encoding_with_title_rows() {
    let (gbk, _, _) = encoding_rs::GBK.encode(SHEET);
    let (gb18030, _, _) = encoding_rs::GB18030.encode(SHEET);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SHEET.as_bytes());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("utf8", SHEET.as_bytes().to_vec(), "UTF-8"),
        ("utf8bom", bom, "UTF-8 (BOM)"),
        ("gbk", gbk.into_owned(), "GB18030/GBK"),
        ("gb18030", gb18030.into_owned(), "GB18030/GBK"),
        ("utf16le", utf16(SHEET, true), "UTF-16LE (BOM)"),
        ("utf16be", utf16(SHEET, false), "UTF-16BE (BOM)"),
    ];
    for (label, bytes, shown) in cases {
        let (dir, agenda) = setup();
        let file = dir.path().join(format!("{label}.csv"));
        fs::write(&file, bytes).unwrap();
        let out = import(dir.path(), &[], &file, &agenda)
            .success()
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(shown), "{label}: {out}");
        assert!(out.contains("header at row 3"), "{label}: {out}");
        assert!(
            out.contains("venue: 耀州区分会场 (from the title)"),
            "{label}: {out}"
        );
        assert!(out.contains("left out: 签名"), "{label}: {out}");
        expect_two_yaozhou(&agenda);
    }
}

#[test]
fn encoding_can_be_given() {
    let (dir, agenda) = setup();
    let (big5, _, _) = encoding_rs::BIG5.encode("姓名,單位\n劉志強,耀州區教育局\n");
    let file = dir.path().join("big5.csv");
    fs::write(&file, big5).unwrap();
    import(
        dir.path(),
        &["--venue", "yaozhou", "--encoding", "big5"],
        &file,
        &agenda,
    )
    .success();
    assert_eq!(roster_of(&agenda)[1].name, "劉志強");
    // An unknown encoding is a usage error.
    import(dir.path(), &["--encoding", "klingon"], &file, &agenda)
        .code(2)
        .stderr(predicates::str::contains("unknown encoding `klingon`"));
}

#[test]
fn xlsx_with_merged_title_numbers_and_a_sheet_per_venue() {
    let (dir, agenda) = setup();
    let mut wb = Workbook::new();
    let merged = Format::new();
    for (sheet, people) in [
        (
            "耀州区",
            &[("刘志强", 13912345678.0), ("陈思远", 13900000000.0)][..],
        ),
        ("宜君县", &[("杨佳怡", 13711112222.0)][..]),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        ws.merge_range(0, 0, 0, 4, "参会人员名单", &merged).unwrap();
        let header = ["序号", "姓名", "工作单位", "职务/职称", "联系电话"];
        for (c, h) in header.iter().enumerate() {
            ws.write_string(2, c as u16, *h).unwrap();
        }
        for (i, (name, phone)) in people.iter().enumerate() {
            let r = 3 + i as u32;
            ws.write_number(r, 0, (i + 1) as f64).unwrap();
            ws.write_string(r, 1, *name).unwrap();
            ws.write_string(r, 2, format!("{sheet}教育局")).unwrap();
            ws.write_number(r, 4, *phone).unwrap();
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "本表由各区县填报").unwrap();
    let file = dir.path().join("名单.xlsx");
    fs::write(&file, wb.save_to_buffer().unwrap()).unwrap();
    let assert = import(dir.path(), &[], &file, &agenda).success();
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(out.contains("名单.xlsx [耀州区]: header at row 3"), "{out}");
    assert!(out.contains("名单.xlsx [耀州区] row 4"), "{out}");
    let r = roster_of(&agenda);
    let got: Vec<(&str, &str, Option<&str>)> = r
        .iter()
        .map(|p| (p.id.as_str(), p.venue.as_str(), p.phone.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("main-001", "main", None),
            ("yaozhou-001", "yaozhou", Some("13912345678")),
            ("yaozhou-002", "yaozhou", Some("13900000000")),
            ("yijun-001", "yijun", Some("13711112222")),
        ]
    );
    assert_eq!(r[1].unit, "耀州区教育局");
}

#[test]
fn duplicates_and_unusable_rows_are_reported_by_row_number() {
    let (dir, agenda) = setup();
    let file = dir.path().join("r.csv");
    fs::write(
        &file,
        "姓名,单位,会场\n刘志强,耀州区教育局,耀州区\n刘志强,耀州区教育局,耀州区\n,耀州区教育局,耀州区\n\n张三,某局,印台区\n合计：2人,,\n王晓红,铜川市教育局,主会场\n",
    )
    .unwrap();
    import(dir.path(), &[], &file, &agenda)
        .success()
        .stdout(predicates::str::contains("row 3\t刘志强\tsame as row 2"))
        .stdout(predicates::str::contains("row 4\tno name"))
        .stdout(predicates::str::contains(
            "row 6\tvenue `印台区` is not one of the agenda's venues",
        ))
        .stdout(predicates::str::contains(
            "row 7\t`合计：2人` is not a person's name",
        ))
        .stdout(predicates::str::contains(
            "added 1, updated 0, unchanged 1, duplicates 1, rows not used 3",
        ));
}

#[test]
fn dry_run_writes_nothing() {
    let (dir, agenda) = setup();
    let file = dir.path().join("yz.csv");
    fs::write(&file, SHEET).unwrap();
    import(dir.path(), &["--dry-run"], &file, &agenda)
        .success()
        .stdout(predicates::str::contains("to add (2):"))
        .stdout(predicates::str::contains("dry run: "));
    assert_eq!(fs::read_to_string(&agenda).unwrap(), AGENDA);
    assert!(backups(dir.path()).is_empty());
}

#[test]
fn the_write_keeps_a_backup_permissions_and_comments_and_passes_check() {
    let (dir, agenda) = setup();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&agenda, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let file = dir.path().join("yz.csv");
    fs::write(&file, SHEET).unwrap();
    import(dir.path(), &[], &file, &agenda)
        .success()
        .stdout(predicates::str::contains("the old file is kept as"));
    let b = backups(dir.path());
    assert_eq!(b.len(), 1);
    assert_eq!(fs::read_to_string(&b[0]).unwrap(), AGENDA);
    let name = b[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("agenda.json.bak-20"), "{name}");
    let new = fs::read_to_string(&agenda).unwrap();
    assert!(new.contains("// A small agenda to import rosters into"));
    assert!(new.contains("// the chair"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&agenda).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    huiwu(dir.path())
        .arg("check")
        .arg(&agenda)
        .assert()
        .success()
        .stdout(predicates::str::contains("3 expected"));
    // Importing the same file again changes nothing and writes nothing.
    import(dir.path(), &[], &file, &agenda)
        .success()
        .stdout(predicates::str::contains("unchanged 2"))
        .stdout(predicates::str::contains("nothing to change"));
    assert_eq!(backups(dir.path()).len(), 1);
    assert_eq!(fs::read_to_string(&agenda).unwrap(), new);
}

#[test]
fn map_overrides_the_headers() {
    let (dir, agenda) = setup();
    let file = dir.path().join("odd.csv");
    fs::write(&file, "人员,所属机构,说明\n刘志强,耀州区教育局,x\n").unwrap();
    import(dir.path(), &["--venue", "耀州区分会场"], &file, &agenda)
        .success()
        .stdout(predicates::str::contains("left out: 所属机构, 说明"));
    let (dir, agenda) = setup();
    let file = dir.path().join("odd.csv");
    fs::write(&file, "人员,所属机构,说明\n刘志强,耀州区教育局,x\n").unwrap();
    import(
        dir.path(),
        &["--venue", "yaozhou", "--map", "所属机构=unit,说明=-"],
        &file,
        &agenda,
    )
    .success();
    assert_eq!(roster_of(&agenda)[1].unit, "耀州区教育局");
}

#[test]
fn problems_are_said_plainly() {
    let (dir, agenda) = setup();
    let file = dir.path().join("r.csv");
    fs::write(&file, "姓名,单位\n刘志强,耀州区教育局\n").unwrap();
    // Several venues, none named anywhere.
    import(dir.path(), &[], &file, &agenda)
        .code(1)
        .stderr(predicates::str::contains(
            "which venue are these people at?",
        ));
    import(dir.path(), &["--venue", "nowhere"], &file, &agenda)
        .code(2)
        .stderr(predicates::str::contains("no venue `nowhere`"));
    import(dir.path(), &["--map", "name"], &file, &agenda)
        .code(2)
        .stderr(predicates::str::contains("COLUMN=FIELD"));
    huiwu(dir.path())
        .args(["roster", "import", "missing.csv", "--into"])
        .arg(&agenda)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("missing.csv: no such file"));
    fs::write(&file, "甲,乙\n1,2\n").unwrap();
    import(dir.path(), &["--venue", "main"], &file, &agenda)
        .code(1)
        .stderr(predicates::str::contains(
            "no header row with a name column",
        ));
    assert_eq!(fs::read_to_string(&agenda).unwrap(), AGENDA);
}
