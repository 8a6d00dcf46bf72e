//! The platforms' attendance exports, read from bytes: the samples in tests/data/vc/ and
//! the variants real files come in (built here).

use chrono::{NaiveDate, NaiveDateTime};
use huiwu::import::platform::{self, AttendanceExport, ExportError, Platform};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn hint() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2017, 5, 4)
}

fn at(h: u32, m: u32, s: u32) -> Option<NaiveDateTime> {
    hint().unwrap().and_hms_opt(h, m, s)
}

fn read(bytes: &[u8]) -> AttendanceExport {
    platform::read(bytes, None, hint()).unwrap()
}

fn names(e: &AttendanceExport) -> Vec<&str> {
    e.rows.iter().map(|r| r.name.as_str()).collect()
}

fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

const SIX: [&str; 6] = ["王晓红", "李建国", "张海燕", "刘志强", "陈思远", "杨佳怡"];

#[test]
fn tencent_sample() {
    let e = read(include_bytes!("../data/vc/tencent-meeting.xlsx"));
    assert_eq!(e.platform, Platform::TencentMeeting);
    assert_eq!(e.topic.as_deref(), Some("铜川市教育扶贫工作视频电话会议"));
    assert_eq!(names(&e), SIX);
    let first = &e.rows[0];
    assert_eq!(first.row, 10, "the header is at row 9");
    assert_eq!(first.first_join, at(14, 20, 5));
    assert_eq!(first.last_leave, at(16, 2, 40));
    assert_eq!(first.seconds, Some(3600 + 40 * 60 + 35));
    assert_eq!(first.role, "主持人");
}

#[test]
fn zoom_sample() {
    let e = read(include_bytes!("../data/vc/zoom-participants.csv"));
    assert_eq!(e.platform, Platform::Zoom);
    assert_eq!(e.topic.as_deref(), Some("铜川市教育扶贫工作视频电话会议"));
    assert_eq!(e.encoding.as_deref(), Some("UTF-8 (BOM)"));
    assert_eq!(names(&e), SIX);
    assert_eq!(e.rows[1].row, 6);
    assert_eq!(e.rows[1].first_join, at(14, 21, 0));
    assert_eq!(e.rows[1].seconds, Some(94 * 60));
}

#[test]
fn teams_sample() {
    let e = read(include_bytes!("../data/vc/teams-attendance.csv"));
    assert_eq!(e.platform, Platform::Teams);
    assert_eq!(e.encoding.as_deref(), Some("UTF-16LE (BOM)"));
    assert_eq!(e.topic.as_deref(), Some("铜川市教育扶贫工作视频电话会议"));
    assert_eq!(names(&e), SIX);
    assert_eq!(e.rows[0].row, 11);
    assert_eq!(e.rows[0].first_join, at(14, 20, 10));
    assert_eq!(e.rows[0].seconds, Some(3600 + 30 * 60 + 30));
    assert_eq!(e.rows[0].role, "Attendee");
}

#[test]
fn zoom_without_meeting_block_with_consent_and_a_reconnect() {
    let text = "\u{FEFF}Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\n\
王晓红,,05/04/2017 02:20:00 PM,05/04/2017 03:00:00 PM,40,Yes,Y\n\
Xiaohong (王晓红),,05/04/2017 02:10:00 PM,05/04/2017 02:15:00 PM,5,Yes,Y\n\
李建国,lijg@example.org,05/04/2017 02:21:00 PM,05/04/2017 04:02:40 PM,94,No,Y\n\
王晓红,,05/04/2017 03:05:00 PM,05/04/2017 04:02:40 PM,58,Yes,Y\n";
    let e = read(text.as_bytes());
    assert_eq!(e.platform, Platform::Zoom);
    assert_eq!(e.topic, None);
    // The renamed row is another name; the reconnect of 王晓红 is merged into her first.
    assert_eq!(names(&e), ["王晓红", "Xiaohong (王晓红)", "李建国"]);
    let w = &e.rows[0];
    assert_eq!((w.row, w.joins), (2, 2));
    assert_eq!(w.first_join, at(14, 20, 0));
    assert_eq!(w.last_leave, at(16, 2, 40));
    assert_eq!(w.seconds, Some(98 * 60));
    assert_eq!(e.rows[2].email, "lijg@example.org");
}

fn teams(sections: &[(&str, &[&str])]) -> Vec<u8> {
    let mut text = String::new();
    for (i, (title, lines)) in sections.iter().enumerate() {
        if i > 0 {
            text.push_str("\r\n");
        }
        text.push_str(title);
        text.push_str("\r\n");
        for l in *lines {
            text.push_str(l);
            text.push_str("\r\n");
        }
    }
    utf16le_bom(&text)
}

#[test]
fn teams_with_chinese_headers_and_dates() {
    let bytes = teams(&[
        (
            "1. 摘要",
            &["会议标题\t铜川市教育扶贫工作视频电话会议", "参与者人数\t2"],
        ),
        (
            "2. 参与者",
            &[
                "名称\t首次加入时间\t上次离开时间\t会议持续时间\t电子邮件\t参与者 ID (UPN)\t角色",
                "王晓红\t2017/5/4 14:20:10\t2017/5/4 16:02:40\t1小时42分30秒\t\t\t组织者",
                "耀州区分会场\t2017/5/4 下午2:05:00\t2017/5/4 16:02:40\t1小时57分\t\t\t演示者",
            ],
        ),
    ]);
    let e = read(&bytes);
    assert_eq!(e.platform, Platform::Teams);
    assert_eq!(e.topic.as_deref(), Some("铜川市教育扶贫工作视频电话会议"));
    assert_eq!(names(&e), ["王晓红", "耀州区分会场"]);
    assert_eq!(e.rows[0].first_join, at(14, 20, 10));
    assert_eq!(e.rows[0].seconds, Some(3600 + 42 * 60 + 30));
    assert_eq!(e.rows[0].role, "组织者");
    assert_eq!(e.rows[1].first_join, at(14, 5, 0));
}

#[test]
fn teams_in_a_language_we_do_not_read_falls_back_to_the_column_order() {
    // German headers, day-first dates: 04.05.17 is 4 May.
    let bytes = teams(&[
        ("1. Zusammenfassung", &["Besprechungstitel\tX"]),
        (
            "2. Teilnehmer",
            &[
                "Name\tErster Beitritt\tLetzter Austritt\tDauer der Besprechung\tE-Mail\tTeilnehmer-ID (UPN)\tRolle",
                "Li Jianguo\t04.05.17, 14:21:10\t04.05.17, 16:02:40\t1 Std. 41 Min.\tli@example.org\tli@example.org\tTeilnehmer",
            ],
        ),
    ]);
    let e = read(&bytes);
    assert_eq!(names(&e), ["Li Jianguo"]);
    assert_eq!(e.rows[0].first_join, at(14, 21, 10));
    assert_eq!(e.rows[0].email, "li@example.org");
    assert_eq!(e.rows[0].role, "Teilnehmer");
}

#[test]
fn teams_activities_only_are_merged() {
    let bytes = teams(&[
        ("1. Summary", &["Meeting title\tX"]),
        (
            "3. In-Meeting Activities",
            &[
                "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
                "王晓红\t5/4/17, 2:20:10 PM\t5/4/17, 3:00:00 PM\t39m 50s\t\tOrganizer",
                "李建国\t5/4/17, 2:21:10 PM\t5/4/17, 4:02:40 PM\t1h 41m 30s\t\tAttendee",
                "王晓红\t5/4/17, 3:10:00 PM\t5/4/17, 4:02:40 PM\t52m 40s\t\tOrganizer",
            ],
        ),
    ]);
    let e = read(&bytes);
    assert_eq!(names(&e), ["王晓红", "李建国"]);
    assert_eq!(e.rows[0].joins, 2);
    assert_eq!(e.rows[0].first_join, at(14, 20, 10));
    assert_eq!(e.rows[0].last_leave, at(16, 2, 40));
    assert_eq!(e.rows[0].seconds, Some(39 * 60 + 50 + 52 * 60 + 40));
}

#[test]
fn teams_before_2021() {
    let text = "Full Name\tUser Action\tTimestamp\r\n\
王晓红\tJoined before\t5/4/2017, 2:20:10 PM\r\n\
李建国\tJoined\t5/4/2017, 2:31:00 PM\r\n\
李建国\tLeft\t5/4/2017, 3:00:00 PM\r\n\
李建国\tJoined\t5/4/2017, 3:05:00 PM\r\n\
王晓红\tLeft\t5/4/2017, 4:02:40 PM\r\n";
    let e = read(&utf16le_bom(text));
    assert_eq!(e.platform, Platform::Teams);
    assert_eq!(names(&e), ["王晓红", "李建国"]);
    assert_eq!(e.rows[0].row, 2);
    assert_eq!(e.rows[0].first_join, at(14, 20, 10));
    assert_eq!(e.rows[0].last_leave, at(16, 2, 40));
    assert_eq!(e.rows[1].first_join, at(14, 31, 0));
    assert_eq!(e.rows[1].joins, 2);
}

#[test]
fn tencent_built_with_real_dates_and_only_the_detail_sheet() {
    let mut wb = Workbook::new();
    let fmt = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let ws = wb.add_worksheet();
    ws.set_name("成员参会明细").unwrap();
    let meta = [
        ("会议主题:", "铜川市教育扶贫工作视频电话会议"),
        ("会议号:", "812 345 678"),
    ];
    for (i, (k, v)) in meta.iter().enumerate() {
        ws.write_string(i as u32, 0, *k).unwrap();
        ws.write_string(i as u32, 1, *v).unwrap();
    }
    let header = [
        "用户昵称（入会昵称）",
        "入会时间",
        "退会时间",
        "参会时长",
        "身份",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    let rows = [
        ("晓红(王晓红)", (14, 20, 5), (15, 0, 0)),
        ("耀州区分会场", (14, 5, 0), (16, 2, 40)),
        ("晓红(王晓红)", (15, 1, 0), (16, 2, 40)),
    ];
    for (i, (name, join, leave)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_string(r, 0, *name).unwrap();
        let dt = |(h, m, s): (u16, u8, u8)| {
            ExcelDateTime::from_ymd(2017, 5, 4)
                .unwrap()
                .and_hms(h, m, s)
                .unwrap()
        };
        ws.write_datetime_with_format(r, 1, dt(*join), &fmt)
            .unwrap();
        ws.write_datetime_with_format(r, 2, dt(*leave), &fmt)
            .unwrap();
        ws.write_string(r, 4, "普通参会者").unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let e = read(&bytes);
    assert_eq!(e.platform, Platform::TencentMeeting);
    assert_eq!(e.topic.as_deref(), Some("铜川市教育扶贫工作视频电话会议"));
    assert_eq!(names(&e), ["晓红(王晓红)", "耀州区分会场"]);
    assert_eq!(e.rows[0].row, 5);
    assert_eq!(e.rows[0].joins, 2);
    assert_eq!(e.rows[0].first_join, at(14, 20, 5));
    assert_eq!(e.rows[0].last_leave, at(16, 2, 40));
}

#[test]
fn unknown_files_are_refused_clearly() {
    for bytes in [
        &b"just some text\nand more"[..],
        &b""[..],
        &b"PK\x03\x04 not really a zip"[..],
        "姓名,单位\n王晓红,市教育局\n".as_bytes(),
    ] {
        let err = platform::read(bytes, None, hint()).unwrap_err();
        assert!(!err.message(huiwu::i18n::Lang::En).is_empty());
        assert!(!err.message(huiwu::i18n::Lang::Zh).is_empty());
    }
    assert_eq!(
        platform::read(b"a,b\n1,2\n", None, hint()),
        Err(ExportError::Unrecognised)
    );
}
