//! Attendance exports as users really have them: saved again as workbooks (with date
//! cells, as Excel and LibreOffice save them), in the organiser's language, in UTF-16BE,
//! with day-first dates, with "Last, First" names and renamed Zoom participants, and a
//! 55-row join/leave log; every row of each accounted for in the report's last line.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{NaiveDate, NaiveDateTime};
use huiwu::import::platform::{self, AttendanceExport, Platform};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use tempfile::TempDir;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn vc(name: &str) -> PathBuf {
    data("vc").join(name)
}

/// The Chinese meeting of the samples, and an international one for Latin names.
fn cn_agenda() -> PathBuf {
    data("reconcile-agenda.json")
}

fn intl_agenda() -> PathBuf {
    data("reconcile-intl-agenda.json")
}

fn hint() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2017, 5, 4)
}

fn at(h: u32, m: u32, s: u32) -> Option<NaiveDateTime> {
    hint().unwrap().and_hms_opt(h, m, s)
}

/// `huiwu reconcile AGENDA FILE --dry-run` in English: its output, which must succeed.
fn dry_run(agenda: &Path, file: &Path) -> String {
    let data = TempDir::new().unwrap();
    let out = Command::cargo_bin("huiwu")
        .unwrap()
        .env("HUIWU_DATA_DIR", data.path())
        .args(["--lang", "en", "reconcile"])
        .arg(agenda)
        .arg(file)
        .arg("--dry-run")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// The report without its first line (which names the file, its sheet or encoding).
fn plan_part(report: &str) -> String {
    report.lines().skip(1).collect::<Vec<_>>().join("\n")
}

/// The numbers of `rows read: N = a signed in + b ... ` : N and the sum of the parts.
fn rows_read(report: &str) -> (usize, usize) {
    let line = report
        .lines()
        .find(|l| l.starts_with("rows read: "))
        .unwrap_or_else(|| panic!("no rows line in\n{report}"));
    let (read, parts) = line["rows read: ".len()..].split_once(" = ").unwrap();
    let sum = parts
        .split(" + ")
        .map(|p| p.split(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    (read.parse().unwrap(), sum)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn read(bytes: &[u8]) -> AttendanceExport {
    platform::read(bytes, None, hint()).unwrap()
}

/// A cell as Excel keeps what it recognised: a date, a number, or the text.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Date(NaiveDateTime),
}

fn put(ws: &mut Worksheet, row: u32, col: u16, cell: &Cell) {
    match cell {
        Cell::Text("") => {}
        Cell::Text(s) => {
            ws.write_string(row, col, *s).unwrap();
        }
        Cell::Number(n) => {
            ws.write_number(row, col, *n).unwrap();
        }
        Cell::Date(d) => {
            let fmt = Format::new().set_num_format("m/d/yyyy h:mm:ss AM/PM");
            let x =
                ExcelDateTime::parse_from_str(&d.format("%Y-%m-%dT%H:%M:%S").to_string()).unwrap();
            ws.write_datetime_with_format(row, col, &x, &fmt).unwrap();
        }
    }
}

/// What Excel makes of a text cell from a US-locale CSV: Zoom's and Teams' times become
/// date cells, plain numbers numbers.
fn as_excel_reads_it(s: &str) -> Cell<'_> {
    let us = [
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%y, %I:%M:%S %p",
        "%m/%d/%Y, %I:%M:%S %p",
    ];
    if let Some(d) = us
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Cell::Date(d);
    }
    match s.parse::<f64>() {
        Ok(n) => Cell::Number(n),
        Err(_) => Cell::Text(s),
    }
}

/// A text export saved again as a workbook: each line a row, cut at `delimiter` (quotes
/// honoured), on a sheet named as Excel names it (after the file).
fn resaved(text: &str, delimiter: char, sheet: &str, dates: bool) -> Vec<u8> {
    let table = huiwu::import::table::parse_delimited(text, Some(delimiter));
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let cell = if dates {
                as_excel_reads_it(cell)
            } else {
                Cell::Text(cell)
            };
            put(ws, r as u32, c as u16, &cell);
        }
    }
    wb.save_to_buffer().unwrap()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn zoom_csv_saved_again_as_xlsx_reconciles_like_the_original() {
    let dir = TempDir::new().unwrap();
    let csv = vc("zoom-participants.csv");
    let original = dry_run(&cn_agenda(), &csv);
    assert!(original.contains("sign-ins (6):"), "{original}");
    let text = fs::read_to_string(&csv).unwrap();
    for dates in [true, false] {
        let xlsx = write(
            dir.path(),
            "zoom-participants.xlsx",
            &resaved(&text, ',', "zoom-participants", dates),
        );
        let again = dry_run(&cn_agenda(), &xlsx);
        assert!(
            again.starts_with(&format!(
                "{}: Zoom export, 6 people or devices, sheet \"zoom-participants\"",
                xlsx.display()
            )),
            "{again}"
        );
        assert_eq!(plan_part(&again), plan_part(&original), "dates={dates}");
    }
}

#[test]
fn teams_report_saved_again_as_xlsx_reconciles_like_the_original() {
    let dir = TempDir::new().unwrap();
    let csv = vc("teams-attendance.csv");
    let original = dry_run(&cn_agenda(), &csv);
    assert!(original.contains("sign-ins (6):"), "{original}");
    let bytes = fs::read(&csv).unwrap();
    let (text, _) = encoding_rs::UTF_16LE.decode_with_bom_removal(&bytes);
    for dates in [true, false] {
        let xlsx = write(
            dir.path(),
            "teams-attendance.xlsx",
            &resaved(&text, '\t', "teams-attendance", dates),
        );
        let e = read(&fs::read(&xlsx).unwrap());
        assert_eq!(e.platform, Platform::Teams);
        assert_eq!(e.rows[0].first_join, at(14, 20, 10), "dates={dates}");
        assert_eq!(e.topic.as_deref(), Some("铜川市教育扶贫工作视频电话会议"));
        let again = dry_run(&cn_agenda(), &xlsx);
        assert_eq!(plan_part(&again), plan_part(&original), "dates={dates}");
    }
}

/// The samples opened in LibreOffice Calc (en-US for Zoom, en-GB for Teams) and saved
/// as xlsx, ods and xls (`soffice --convert-to`): real date cells, as users have them.
#[test]
fn samples_saved_by_libreoffice_reconcile_like_the_originals() {
    for (saved, original) in [
        (
            "zoom-participants.libreoffice.xlsx",
            "zoom-participants.csv",
        ),
        ("zoom-participants.libreoffice.ods", "zoom-participants.csv"),
        ("teams-attendance.libreoffice.xls", "teams-attendance.csv"),
    ] {
        let again = dry_run(&cn_agenda(), &vc(saved));
        let sheet = saved.split('.').next().unwrap();
        assert!(
            again.contains(&format!("sheet \"{sheet}\"")),
            "{saved}: {again}"
        );
        assert_eq!(
            plan_part(&again),
            plan_part(&dry_run(&cn_agenda(), &vc(original))),
            "{saved}"
        );
    }
}

#[test]
fn the_table_on_the_second_sheet_is_found_and_named() {
    let dir = TempDir::new().unwrap();
    let text = fs::read_to_string(vc("zoom-participants.csv")).unwrap();
    let table = huiwu::import::table::parse_delimited(&text, Some(','));
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("Sheet1").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("参会明细").unwrap();
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            put(ws, r as u32, c as u16, &as_excel_reads_it(cell));
        }
    }
    let xlsx = write(dir.path(), "会议记录.xlsx", &wb.save_to_buffer().unwrap());
    let out = dry_run(&cn_agenda(), &xlsx);
    assert!(out.contains("sheet \"参会明细\""), "{out}");
    assert!(out.contains("sign-ins (6):"), "{out}");

    // Nothing on any sheet: said so, naming no table that is not there.
    let mut wb = Workbook::new();
    wb.add_worksheet();
    wb.add_worksheet();
    let empty = platform::read(&wb.save_to_buffer().unwrap(), None, hint()).unwrap_err();
    assert_eq!(
        empty.message(huiwu::i18n::Lang::En),
        "every sheet of the workbook is empty"
    );
    // Sheets with other tables: each is named.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("名单").unwrap();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(0, 1, "单位").unwrap();
    let err = platform::read(&wb.save_to_buffer().unwrap(), None, hint()).unwrap_err();
    assert!(
        err.message(huiwu::i18n::Lang::Zh).contains("“名单”"),
        "{}",
        err.message(huiwu::i18n::Lang::Zh)
    );
}

/// Zoom's report in Chinese: the classic layout (header words users report), and the
/// newer one with the meeting's columns on every row (words of a public importer of
/// Zoom's Chinese Attendance CSV), both with a Chinese meeting block or topic.
#[test]
fn a_chinese_language_zoom_export_is_recognised() {
    let dir = TempDir::new().unwrap();
    let classic = "\u{FEFF}会议 ID,主题,开始时间,结束时间,用户邮箱,时长（分钟）,参会者\n\
812 3456 7890,铜川市教育扶贫工作视频电话会议,2017/05/04 02:28:11 下午,2017/05/04 04:02:40 下午,secretary@example.org,95,3\n\
\n\
名称（原始名称）,用户邮箱,加入时间,离开时间,时长（分钟）,访客\n\
晓红(王晓红),,2017/05/04 02:20:00 下午,2017/05/04 04:02:40 下午,95,是\n\
李建国,lijg@example.org,2017/05/04 02:21:00 下午,2017/05/04 04:02:40 下午,94,否\n\
015_张海燕（访客）,,2017/05/04 02:41:00 下午,2017/05/04 04:02:40 下午,81,是\n";
    let newer = "\u{FEFF}主题,类型,ID,主持人名称,主持人电子邮件,开始时间,结束时间,参会者,持续时间（分钟）,参会者总分钟数,名称（原名）,电子邮件,加入时间,离开时间,持续时间（分钟）,访客,在等候室中\n\
铜川市教育扶贫工作视频电话会议,会议,81234567890,市教育局办公室,office@example.org,2017/05/04 02:28:11 PM,2017/05/04 04:02:40 PM,3,95,270,王晓红,,2017/05/04 02:20:00 PM,2017/05/04 04:02:40 PM,95,是,否\n\
铜川市教育扶贫工作视频电话会议,会议,81234567890,市教育局办公室,office@example.org,2017/05/04 02:28:11 PM,2017/05/04 04:02:40 PM,3,95,270,李建国,lijg@example.org,2017/05/04 02:21:00 PM,2017/05/04 04:02:40 PM,94,否,否\n\
铜川市教育扶贫工作视频电话会议,会议,81234567890,市教育局办公室,office@example.org,2017/05/04 02:28:11 PM,2017/05/04 04:02:40 PM,3,95,270,张海燕,,2017/05/04 02:41:00 PM,2017/05/04 04:02:40 PM,81,是,否\n";
    for (name, text) in [("zoom-zh.csv", classic), ("zoom-zh-attendance.csv", newer)] {
        let e = read(text.as_bytes());
        assert_eq!(e.platform, Platform::Zoom, "{name}");
        assert_eq!(
            e.topic.as_deref(),
            Some("铜川市教育扶贫工作视频电话会议"),
            "{name}"
        );
        assert_eq!(e.rows[1].email, "lijg@example.org", "{name}");
        assert_eq!(e.rows[1].seconds, Some(94 * 60), "{name}");
        let out = dry_run(&cn_agenda(), &write(dir.path(), name, text.as_bytes()));
        for want in [
            "Zoom export, 3 people or devices",
            "14:20:00\tmain-001\t王晓红",
            "14:21:00\tmain-002\t李建国",
            "14:41:00 late\tmain-003\t张海燕",
            "rows read: 3 = 3 signed in",
        ] {
            assert!(out.contains(want), "{name}: missing {want:?} in\n{out}");
        }
    }
}

/// Japanese (a public sample, saved again in Excel: minutes, no seconds) and Korean
/// headers (a public user script's column names).
#[test]
fn japanese_and_korean_zoom_headers() {
    let ja = "名前 (元の名前),ユーザーメール,参加時刻,退出時刻,所要時間（分）\n\
王晓红,wang@example.org,2017/5/4 14:20,2017/5/4 16:02,103\n\
李建国,li@example.org,2017/5/4 14:21,2017/5/4 16:02,102\n";
    let ko = "이름(원래 이름),사용자 이메일,참가 시간,나간 시간,기간(분),게스트\n\
王晓红,,2017. 5. 4. 오후 2:20:00,2017. 5. 4. 오후 4:02:40,103,예\n";
    for text in [ja, ko] {
        let e = read(text.as_bytes());
        assert_eq!(e.platform, Platform::Zoom, "{text}");
        assert_eq!(e.rows[0].name, "王晓红");
        assert_eq!(e.rows[0].first_join, at(14, 20, 0), "{text}");
        assert_eq!(e.rows[0].seconds, Some(103 * 60), "{text}");
    }
}

/// Teams 2021+ in UTF-16BE with day-first dates (en-GB), and in UTF-8 with month-first
/// ones: the same people at the same times, settled by the meeting's date.
#[test]
fn teams_in_utf16be_day_first_and_utf8_month_first() {
    let dir = TempDir::new().unwrap();
    let report = |first: &str, second: &str| {
        format!(
            "1. Summary\r\nMeeting title\t铜川市教育扶贫工作视频电话会议\r\n\r\n2. Participants\r\n\
Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\r\n\
王晓红\t{first}\t{second}\t1h 42m 30s\t\t\tOrganiser\r\n"
        )
    };
    let gb = utf16(
        &report("04/05/2017, 14:20:10", "04/05/2017, 16:02:40"),
        true,
    );
    let us = report("5/4/17, 2:20:10 PM", "5/4/17, 4:02:40 PM").into_bytes();
    for (name, bytes, enc) in [
        ("teams-gb.csv", gb, "UTF-16BE (BOM)"),
        ("teams-us.csv", us, "UTF-8"),
    ] {
        let e = read(&bytes);
        assert_eq!(e.platform, Platform::Teams, "{name}");
        assert_eq!(e.encoding.as_deref(), Some(enc), "{name}");
        assert_eq!(e.rows[0].first_join, at(14, 20, 10), "{name}");
        assert_eq!(e.rows[0].last_leave, at(16, 2, 40), "{name}");
        let out = dry_run(&cn_agenda(), &write(dir.path(), name, &bytes));
        assert!(out.contains("14:20:10\tmain-001\t王晓红"), "{name}: {out}");
    }
}

/// A pre-2021 Teams log of 55 rows (tests/data/vc/teams-2020-join-leave.csv, written by
/// a script from made-up people): joins and leaves, reconnects, one person under two
/// spellings, "Last, First", a tag, a room system, a stranger, a row without a time.
#[test]
fn a_55_row_join_leave_log_is_accounted_for_row_by_row() {
    let out = dry_run(&intl_agenda(), &vc("teams-2020-join-leave.csv"));
    for want in [
        "Microsoft Teams export, 23 people or devices, UTF-16LE (BOM)",
        "sign-ins (20):",
        "14:20:10\tp01\tAbhinav Kumar\t\tMain Hall\t[row 3 \"KUMAR ABHINAV\", spelling normalised]",
        "p02\tPedro García Simón\t\tMain Hall\t[row 4 \"García Simón, Pedro\", name order]",
        "p03\tSantiago De Compostela\t\tMain Hall\t[row 5 \"De Compostela, Santiago\", name order]",
        "p04\tJan Janssens\t\tMain Hall\t[row 6 \"JANSSENS JAN (EXT)\", tag or number set aside]",
        "p14\tMateo Lopez\t\tMain Hall\t[row 16 \"Mateo López\", spelling normalised]",
        "north\tNorth Campus\t[row 2 \"North Campus Room\"]",
        "row 30 \"Guest 4821\"",
        "same person again, recorded once (33 rows):",
        "row 25 \"ABHINAV KUMAR\"\t= row 3 \"KUMAR ABHINAV\"\tp01\tAbhinav Kumar",
        "32 rows under the same name as a row above (reconnects and leaves, merged)",
        "rows read: 55 = 20 signed in + 1 venue link + 33 same person again + 1 not on the roster",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    // Noah Berg's row without a time is a reconnect of a timed row: not "not signed in".
    assert!(!out.contains("no readable join time"), "{out}");
}

/// Zoom: a participant renamed during the meeting (display name and original name), a
/// number before a name, "Last, First", a guest tag, an address in the email column.
#[test]
fn last_first_names_and_renamed_zoom_participants_match() {
    let dir = TempDir::new().unwrap();
    let text = "\u{FEFF}Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n\
Bucky Barnes,,05/04/2017 02:15:00 PM,05/04/2017 02:40:00 PM,25,Yes\n\
021_Winter Soldier (Bucky Barnes),,05/04/2017 02:41:00 PM,05/04/2017 04:00:00 PM,79,Yes\n\
\"García Simón, Pedro\",pedro@uni.es,05/04/2017 02:20:00 PM,05/04/2017 04:00:00 PM,100,No\n\
JANSSENS JAN (EXT),,05/04/2017 02:21:00 PM,05/04/2017 04:00:00 PM,99,Yes\n\
iPad,steve.rogers@shield.example,05/04/2017 02:22:00 PM,05/04/2017 04:00:00 PM,98,Yes\n\
Captain (Guest),,05/04/2017 02:23:00 PM,05/04/2017 04:00:00 PM,97,Yes\n";
    let out = dry_run(
        &intl_agenda(),
        &write(dir.path(), "zoom.csv", text.as_bytes()),
    );
    for want in [
        // Before the renaming Zoom shows the original name alone: the same person, who
        // came at 14:15.
        "14:15:00\tp21\tWinter Soldier\t\tNorth Campus\t[row 2 \"Bucky Barnes\", renamed in the meeting]",
        "row 3 \"021_Winter Soldier (Bucky Barnes)\"\t= row 2 \"Bucky Barnes\"\tp21\tWinter Soldier",
        "p02\tPedro García Simón\t\tMain Hall\t[row 4 \"García Simón, Pedro\", name order]",
        "p04\tJan Janssens\t\tMain Hall\t[row 5 \"JANSSENS JAN (EXT)\", tag or number set aside]",
        "p22\tSteve Rogers\t\tNorth Campus\t[row 6 \"iPad\", email address]",
        "row 7 \"Captain (Guest)\"",
        "rows read: 6 = 4 signed in + 1 same person again + 1 not on the roster",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
}

/// Feishu's participant detail (the open platform's documented columns), Huawei Cloud
/// Meeting's history export (sheets as its help names them), and a table from a platform
/// without signs of its own (DingTalk, ZTE: read by its header words).
#[test]
fn feishu_huawei_and_other_tables() {
    let sheet = |name: &str, header: &[&str], rows: &[&[&str]]| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (c, h) in header.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                put(ws, r as u32 + 1, c as u16, &Cell::Text(cell));
            }
        }
        wb.save_to_buffer().unwrap()
    };
    let feishu = sheet(
        "Sheet1",
        &[
            "参会人",
            "部门",
            "用户ID",
            "工号",
            "电话",
            "邮箱",
            "设备",
            "入会时间",
            "离会时间",
            "参会时长",
            "离会原因",
        ],
        &[
            &[
                "王晓红",
                "市教育局",
                "1a2b",
                "001",
                "",
                "",
                "windows",
                "2017.05.04 14:20:05 (GMT+08:00)",
                "2017.05.04 16:02:40 (GMT+08:00)",
                "01:42:35",
                "主持人结束会议",
            ],
            &[
                "王晓红",
                "市教育局",
                "1a2b",
                "001",
                "",
                "",
                "android",
                "2017.05.04 14:10:00 (GMT+08:00)",
                "2017.05.04 14:15:00 (GMT+08:00)",
                "00:05:00",
                "网络断开",
            ],
        ],
    );
    let e = read(&feishu);
    assert_eq!(e.platform, Platform::Feishu);
    assert_eq!((e.rows.len(), e.rows_read), (1, 2));
    assert_eq!(e.rows[0].first_join, at(14, 10, 0));
    assert_eq!(e.rows[0].seconds, Some(6155 + 300));

    let huawei = sheet(
        "与会概况",
        &[
            "与会者",
            "设备类型",
            "入会时间",
            "离会时间",
            "入会次数",
            "在会时长",
        ],
        &[&[
            "李建国",
            "PC",
            "2017-05-04 14:21:05",
            "2017-05-04 16:02:40",
            "1",
            "01:41:35",
        ]],
    );
    let e = read(&huawei);
    assert_eq!(e.platform, Platform::HuaweiCloudMeeting);
    assert_eq!(e.sheet.as_deref(), Some("与会概况"));
    assert_eq!(e.rows[0].seconds, Some(6095));

    let other = sheet(
        "参会统计",
        &["序号", "姓名", "部门", "首次入会时间", "最后离会时间"],
        &[&[
            "1",
            "张海燕",
            "市教育局",
            "2017-05-04 14:22:05",
            "2017-05-04 16:02:40",
        ]],
    );
    let e = read(&other);
    assert_eq!(e.platform, Platform::Other);
    assert_eq!(e.rows[0].name, "张海燕");
    assert_eq!(e.rows[0].first_join, at(14, 22, 5));
}

/// The samples and the fixtures made by saving them again in a spreadsheet program:
/// each reconciles, and its last line accounts for every row it read.
#[test]
fn every_row_of_every_fixture_is_accounted_for() {
    let mut seen = 0;
    for entry in fs::read_dir(data("vc")).unwrap() {
        let path = entry.unwrap().path();
        let agenda = if path.to_string_lossy().contains("join-leave") {
            intl_agenda()
        } else {
            cn_agenda()
        };
        let out = dry_run(&agenda, &path);
        let (read, sum) = rows_read(&out);
        assert!(read > 0, "{}: {out}", path.display());
        assert_eq!(read, sum, "{}: {out}", path.display());
        seen += 1;
    }
    assert!(seen >= 4);
}
