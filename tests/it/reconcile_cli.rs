//! `huiwu reconcile`: the platform samples against a small roster, the name patterns of
//! real exports, venue room systems, dry runs, and people already signed in.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use tempfile::TempDir;

fn agenda() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reconcile-agenda.json")
}

fn vc(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/vc")
        .join(name)
}

fn huiwu(data: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.env("HUIWU_DATA_DIR", data)
        .env_remove("HUIWU_SEAT")
        .args(["--lang", lang, "--seat", "desk"]);
    c
}

/// The journals of the meeting's seats (an import records under its own seat).
fn journals(data: &Path) -> Vec<PathBuf> {
    let Ok(dir) = fs::read_dir(data.join("meetings/tongchuan-2017-test")) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = dir
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    v.sort();
    v
}

/// Every seat's events (the header lines left out).
fn events(data: &Path) -> Vec<Value> {
    journals(data)
        .iter()
        .flat_map(|j| {
            fs::read_to_string(j)
                .unwrap()
                .lines()
                .skip(1)
                .map(|l| serde_json::from_str(l).unwrap())
                .collect::<Vec<Value>>()
        })
        .collect()
}

fn stdout(c: &mut Command) -> String {
    let out = c.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn each_sample_dry_run_records_nothing() {
    for (file, platform, first) in [
        ("tencent-meeting.xlsx", "Tencent Meeting export", "14:20:05"),
        ("zoom-participants.csv", "Zoom export", "14:20:00"),
        ("teams-attendance.csv", "Microsoft Teams export", "14:20:10"),
    ] {
        let data = TempDir::new().unwrap();
        let out = stdout(
            huiwu(data.path(), "en")
                .arg("reconcile")
                .arg(agenda())
                .arg(vc(file))
                .arg("--dry-run"),
        );
        assert!(out.contains(platform), "{file}: {out}");
        assert!(out.contains("sign-ins (6):"), "{file}: {out}");
        assert!(
            out.contains(&format!("{first}\tmain-001\t王晓红")),
            "{file}: {out}"
        );
        assert!(out.contains("dry run: nothing recorded"), "{file}: {out}");
        assert!(journals(data.path()).is_empty(), "{file}");
    }
}

#[test]
fn sign_ins_are_journalled_from_the_platform_seat_and_not_twice() {
    let data = TempDir::new().unwrap();
    let out = stdout(
        huiwu(data.path(), "zh")
            .arg("reconcile")
            .arg(agenda())
            .arg(vc("zoom-participants.csv")),
    );
    assert!(out.contains("签到（6 人）："), "{out}");
    assert!(out.contains("已以席位 `desk/zoom` 记录 6 条"), "{out}");
    let ev = events(data.path());
    assert_eq!(ev.len(), 6);
    assert!(
        ev.iter()
            .all(|e| e["seat"] == "desk/zoom" && e["type"] == "signed_in")
    );
    // 02:20:00 PM at +08:00.
    assert_eq!(ev[0]["participant"], "main-001");
    assert_eq!(ev[0]["effective_at"], "2017-05-04T06:20:00Z");
    assert_eq!(ev[0]["late"], false);

    // The Tencent export of the same meeting: everyone is in already.
    let out = stdout(
        huiwu(data.path(), "en")
            .arg("reconcile")
            .arg(agenda())
            .arg(vc("tencent-meeting.xlsx")),
    );
    assert!(
        out.contains("already signed in, not recorded again (6):"),
        "{out}"
    );
    assert!(out.contains("nothing new to record"), "{out}");
    assert_eq!(events(data.path()).len(), 6);

    // The status agrees.
    let status = stdout(
        huiwu(data.path(), "en")
            .args(["status", "--json"])
            .arg(agenda()),
    );
    let v = crate::common::schema::Shape::Status.parse(status.as_bytes());
    assert_eq!(v["total"]["present"], 6);
}

/// A Tencent export as real ones look: nicknames, a unit before the name, two people on
/// one terminal, a branch venue's room system, a same-name case, a stranger, a latecomer.
fn tencent_export(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("成员参会概况").unwrap();
    let meta = [
        ("会议主题:", "铜川市教育扶贫工作视频电话会议"),
        ("会议号:", "812 345 678"),
        ("会议创建者:", "市教育局办公室"),
        ("预定开始时间:", "2017-05-04 14:30:00"),
        ("预定结束时间:", "2017-05-04 16:30:00"),
        ("累计会议时长:", "1:34:29"),
        ("参会用户总数:", "7"),
    ];
    for (i, (k, v)) in meta.iter().enumerate() {
        ws.write_string(i as u32, 0, *k).unwrap();
        ws.write_string(i as u32, 1, *v).unwrap();
    }
    let header = [
        "用户昵称（入会昵称）",
        "首次入会时间",
        "最后退会时间",
        "入会次数",
        "累计参会时长",
        "身份",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(8, c as u16, *h).unwrap();
    }
    let rows = [
        ("晓红（王晓红）", "2017-05-04 14:20:05", "主持人"),
        ("市教育局－李建国", "2017-05-04 14:21:05", "联席主持人"),
        ("刘志强＆陈思远", "2017-05-04 14:23:05", "普通参会者"),
        ("宜君县分会场", "2017-05-04 14:10:00", "普通参会者"),
        ("王伟", "2017-05-04 14:24:05", "普通参会者"),
        ("iPhone", "2017-05-04 14:24:30", "普通参会者"),
        (
            "Ｚｈａｎｇ Ｈａｉｙａｎ",
            "2017-05-04 14:41:00",
            "普通参会者",
        ),
    ];
    for (i, (name, join, role)) in rows.iter().enumerate() {
        let r = 9 + i as u32;
        ws.write_string(r, 0, *name).unwrap();
        ws.write_string(r, 1, *join).unwrap();
        ws.write_string(r, 2, "2017-05-04 16:02:40").unwrap();
        ws.write_number(r, 3, 1.0).unwrap();
        ws.write_string(r, 4, "1:40:35").unwrap();
        ws.write_string(r, 5, *role).unwrap();
    }
    let path = dir.join("腾讯会议参会记录.xlsx");
    fs::write(&path, wb.save_to_buffer().unwrap()).unwrap();
    path
}

#[test]
fn real_world_names_venue_rooms_and_cases_for_the_secretary() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let export = tencent_export(dir.path());
    let out = stdout(
        huiwu(&data, "en")
            .arg("reconcile")
            .arg(agenda())
            .arg(&export),
    );
    for want in [
        "sign-ins (5):",
        "14:20:05\tmain-001\t王晓红",
        "[row 10 \"晓红（王晓红）\", name in brackets]",
        "[row 11 \"市教育局－李建国\", unit-name]",
        "yaozhou-001\t刘志强",
        "yaozhou-002\t陈思远",
        "[row 12 \"刘志强＆陈思远\", shared terminal]",
        "14:41:00 late\tmain-003\t张海燕",
        "venue links working (1):",
        "yijun\t宜君县分会场\t[row 13 \"宜君县分会场\"]",
        "for you to decide, several people fit (1):",
        "row 14 \"王伟\":",
        "yaozhou-003\t王伟\t耀州区教育局\t耀州区分会场",
        "yijun-002\t王伟\t宜君县教育局\t宜君县分会场",
        "not on the roster (1):",
        "row 15 \"iPhone\"",
        "sign-ins 5 (late 1), venue links 1, already in 0, to decide 1, not on the roster 1",
        "rows read: 7 = 4 signed in (5 people) + 1 venue link + 1 to decide + 1 not on the roster",
        "6 records from seat `desk/tencent-meeting`",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let ev = events(&data);
    let link: Vec<&Value> = ev.iter().filter(|e| e["type"] == "link_checked").collect();
    assert_eq!(link.len(), 1);
    assert_eq!(link[0]["venue"], "yijun");
    assert_eq!(link[0]["video"], "ok");
    assert_eq!(link[0]["audio"], "ok");
    let late: Vec<&Value> = ev.iter().filter(|e| e["late"] == true).collect();
    assert_eq!(late.len(), 1);
    assert_eq!(late[0]["participant"], "main-003");
    assert!(ev.iter().all(|e| e["seat"] == "desk/tencent-meeting"));

    // Again: the people are in, the link is recorded; nothing new.
    let out = stdout(
        huiwu(&data, "zh")
            .arg("reconcile")
            .arg(agenda())
            .arg(&export),
    );
    assert!(out.contains("已签到，不重复记录（5 人）："), "{out}");
    assert!(out.contains("（已记录过）"), "{out}");
    assert!(out.contains("没有需要记录的新内容"), "{out}");
    assert_eq!(events(&data).len(), 6);
}

#[test]
fn one_venue_only() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let export = tencent_export(dir.path());
    let out = stdout(
        huiwu(&data, "en")
            .arg("reconcile")
            .arg(agenda())
            .arg(&export)
            .args(["--venue", "yaozhou", "--dry-run"]),
    );
    // Only Yaozhou's people: its 王伟 is no longer ambiguous; the others are strangers.
    assert!(out.contains("sign-ins (3):"), "{out}");
    assert!(out.contains("yaozhou-003\t王伟"), "{out}");
    assert!(!out.contains("venue links working"), "{out}");
}

#[test]
fn the_wrong_days_export_is_refused() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let text = fs::read_to_string(vc("zoom-participants.csv"))
        .unwrap()
        .replace("05/04/2017", "05/11/2017");
    let file = dir.path().join("zoom.csv");
    fs::write(&file, text).unwrap();
    huiwu(&data, "en")
        .arg("reconcile")
        .arg(agenda())
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "the export's join times are on 2017-05-11, the meeting is on 2017-05-04",
        ));
    assert!(journals(&data).is_empty());
    huiwu(&data, "en")
        .arg("reconcile")
        .arg(agenda())
        .arg(&file)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(events(&data).len(), 6);
}

#[test]
fn unreadable_files_say_what_is_wrong() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("notes.txt");
    fs::write(&file, "会议纪要\n").unwrap();
    huiwu(&data, "en")
        .arg("reconcile")
        .arg(agenda())
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "not an attendance export huiwu knows",
        ));
    huiwu(&data, "zh")
        .arg("reconcile")
        .arg(agenda())
        .arg(dir.path().join("none.xlsx"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("文件不存在"));
}
