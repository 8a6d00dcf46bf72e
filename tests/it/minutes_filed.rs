//! The reference meeting held end to end through the core (open, sign-ins of every kind,
//! the roll call, the items, decisions, tasks, close), and the minutes an office files
//! from it: Markdown, HTML and Word, read back; the same bytes on any day; and the
//! attendance rules a secretary expects (automatic 迟到 after the opening plus the
//! grace, 补签, leave needs a reason, walk-ins by role, open and close).

use std::io::{Cursor, Read};
use std::sync::Arc;

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};

use huiwu::core::agenda::{Agenda, OwnerRef, PersonRef, Role};
use huiwu::core::command::{Command, Decision, Rejection, Warning, decide};
use huiwu::core::event::{ActionFields, Event, LinkState, SetStatus};
use huiwu::core::load::load_agenda;
use huiwu::core::meeting::{ItemStatus, Meeting, Status};
use huiwu::export::{self, Format, Options};
use huiwu::i18n::Lang;

const REFERENCE: &[u8] = include_bytes!("../../agendas/tongchuan-2017.json");

fn reference() -> Agenda {
    let loaded = load_agenda(REFERENCE, Lang::Zh);
    loaded
        .agenda
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
}

/// Local (UTC+8) time on 4 May 2017.
fn at(h: u32, m: u32) -> DateTime<Utc> {
    FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2017, 5, 4, h, m, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// A meeting driven by commands, as the desk and the CLI drive it.
struct Live {
    m: Meeting,
    events: Vec<Event>,
}

impl Live {
    fn new(a: Agenda) -> Live {
        Live {
            m: Meeting::new(Arc::new(a)),
            events: Vec::new(),
        }
    }

    fn try_run(&mut self, cmd: Command, now: DateTime<Utc>) -> Result<Decision, Rejection> {
        let d = decide(&self.m, &cmd, now)?;
        for kind in d.events.clone() {
            let e = Event::new(
                format!("e{}", self.events.len() + 1),
                now,
                "desk",
                self.events.len() as u64 + 1,
                kind,
            );
            self.m.apply(&e);
            self.events.push(e);
        }
        Ok(d)
    }

    fn run(&mut self, cmd: Command, now: DateTime<Utc>) -> Decision {
        self.try_run(cmd.clone(), now)
            .unwrap_or_else(|r| panic!("{cmd:?}: {r:?}"))
    }

    fn sign(&mut self, who: &str, now: DateTime<Utc>) -> Decision {
        self.run(
            Command::SignIn {
                participant: who.into(),
                late: false,
                effective_at: None,
            },
            now,
        )
    }

    fn status(&self, who: &str) -> Status {
        self.m.attendance[self.m.person(who).unwrap()].status()
    }

    fn replayed(&self) -> Meeting {
        Meeting::replay(self.m.agenda.clone(), &self.events)
    }
}

fn unit(s: &str) -> OwnerRef {
    OwnerRef::Unit(s.into())
}

fn add_action(
    l: &mut Live,
    text: &str,
    owners: Vec<OwnerRef>,
    due: Option<&str>,
    now: DateTime<Utc>,
) {
    let date = due.and_then(|d| huiwu::core::due::resolve(d, l.m.agenda.meeting.date).ok());
    l.run(
        Command::AddAction {
            fields: ActionFields {
                text: Some(text.into()),
                owners: Some(owners),
                due: Some(date.as_ref().and_then(|d| d.date)),
                due_text: Some(due.map(str::to_string)),
                item: Some(l.m.item_in_focus().map(str::to_string)),
                assigned_by: Some(Some(PersonRef {
                    participant: Some("1001".into()),
                    ..Default::default()
                })),
            },
        },
        now,
    );
}

/// The reference meeting as it was held.
fn held() -> Live {
    let mut l = Live::new(reference());
    // Sign-in before the opening: everyone on the roster but a few.
    let absent = ["2050", "3040", "4080", "1005"];
    let late = ["2060", "4090"];
    let ids: Vec<String> = l.m.people.iter().map(|p| p.id.clone()).collect();
    let mut t = at(15, 20);
    for id in &ids {
        if absent.contains(&id.as_str()) || late.contains(&id.as_str()) || id == "1004" {
            continue;
        }
        if matches!(id.as_str(), "2010" | "3010" | "4010") {
            continue;
        }
        l.sign(id, t);
        t += Duration::seconds(7);
    }
    l.run(
        Command::Excuse {
            participant: "1004".into(),
            reason: "赴省厅参加会议".into(),
        },
        at(15, 40),
    );
    l.run(
        Command::Excuse {
            participant: "2010".into(),
            reason: "出差北京".into(),
        },
        at(15, 41),
    );
    l.run(
        Command::StandIn {
            participant: "2010".into(),
            name: "何平".into(),
            unit: "王益区第一中学".into(),
        },
        at(15, 42),
    );
    l.run(
        Command::Excuse {
            participant: "3010".into(),
            reason: "病假".into(),
        },
        at(15, 43),
    );
    // 宣布开会.
    l.run(Command::OpenMeeting { at: None }, at(16, 2));
    l.run(
        Command::RollCall {
            venue: "yijun".into(),
            expected: 45,
            present: 43,
            excused: 2,
            absent: 0,
            note: "音频断续，已切换电话线路".into(),
        },
        at(16, 3),
    );
    l.run(
        Command::Link {
            venue: "yijun".into(),
            video: LinkState::Ok,
            audio: LinkState::Failing,
        },
        at(16, 3),
    );
    // Within the grace (16:02 + 5 min): on time. After it: late without being told.
    l.sign("4010", at(16, 6));
    l.sign("2060", at(16, 12));
    l.sign("4090", at(16, 20));
    l.run(
        Command::WalkIn {
            name: "赵志强".into(),
            unit: "铜川日报社".into(),
            title: "记者".into(),
            venue: "main".into(),
            role: Role::Media,
        },
        at(16, 15),
    );

    let chair_notes = [
        (
            "review-2016",
            "全市共资助家庭经济困难学生1.2万人次，发放资助资金3600万元",
        ),
        (
            "problems",
            "王益区、耀州区学生资助信息录入滞后，需在5月底前补齐",
        ),
    ];
    let mut now = at(16, 5);
    l.run(Command::NextItem, now);
    for (item, note) in chair_notes {
        now += Duration::minutes(3);
        l.run(
            Command::AddNote {
                item: Some(item.into()),
                text: note.into(),
                decision: false,
            },
            now,
        );
        now += Duration::minutes(10);
        l.run(Command::NextItem, now);
    }
    now += Duration::minutes(2);
    l.run(
        Command::AddNote {
            item: Some("rectification".into()),
            text: "各区县、各学校对照整改责任清单逐项自查，6月底前整改到位".into(),
            decision: true,
        },
        now,
    );
    add_action(
        &mut l,
        "对照教育扶贫整改责任清单逐项自查，扎实整改",
        vec![
            OwnerRef::Venue("wangyi".into()),
            OwnerRef::Venue("yaozhou".into()),
            unit("铜川市教育局直属学校"),
        ],
        Some("6月底前"),
        now,
    );
    for _ in 0..7 {
        now += Duration::minutes(5);
        l.run(Command::NextItem, now);
    }
    l.run(
        Command::AddNote {
            item: Some("req-2".into()),
            text: "各区县成立教育扶贫工作机构，明确专人负责，尽快制定路线图、时间表和任务书".into(),
            decision: true,
        },
        now,
    );
    add_action(
        &mut l,
        "制定教育扶贫路线图、时间表和任务书",
        vec![
            OwnerRef::Venue("wangyi".into()),
            OwnerRef::Venue("yintai".into()),
            OwnerRef::Venue("yaozhou".into()),
            OwnerRef::Venue("yijun".into()),
        ],
        Some("5月31日前"),
        now,
    );
    // 宣布散会: the running item ends with it.
    l.run(Command::CloseMeeting { at: None }, at(17, 28));
    l
}

fn opts(lang: Lang, now: DateTime<Utc>) -> Options {
    Options::new(lang, now)
}

fn render(l: &Live, f: Format, o: &Options) -> Vec<u8> {
    export::render(f, &l.m, &l.events, o).unwrap()
}

fn text(l: &Live, f: Format, o: &Options) -> String {
    String::from_utf8(render(l, f, o)).unwrap()
}

/// The parts of a .docx, by name.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut f = z.by_name(name).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

/// The text of a WordprocessingML part, a line per paragraph (tabs kept), entities
/// decoded: what a reader sees.
fn paragraphs(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let Some(j) = rest[i..].find('>') else { break };
        let tag = &rest[i + 1..i + j];
        rest = &rest[i + j + 1..];
        if tag.starts_with("w:t")
            && !tag.ends_with('/')
            && (tag == "w:t" || tag.starts_with("w:t "))
        {
            let end = rest.find("</w:t>").unwrap();
            cur.push_str(
                &rest[..end]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
            rest = &rest[end..];
        } else if tag == "w:tab" || tag == "w:tab /" || tag == "w:tab/" {
            cur.push('\t');
        } else if tag == "/w:p" {
            out.push(std::mem::take(&mut cur));
        }
    }
    out
}

#[test]
fn the_reference_meeting_gives_minutes_an_office_recognises() {
    let l = held();
    assert_eq!(l.m.ended_at, Some(at(17, 28)));
    assert_eq!(l.m.started_at, Some(at(16, 2)));
    assert!(l.m.current_item.is_none(), "closing ends the running item");
    assert!(
        l.m.items.iter().all(|s| s.status != ItemStatus::Running),
        "every timer stops"
    );
    assert_eq!(l.replayed().ended_at, l.m.ended_at);
    let md = text(&l, Format::Md, &opts(Lang::Zh, at(18, 0)));
    // The first page: the 版头, the title, the opening paragraph.
    let head: Vec<&str> = md.lines().filter(|s| !s.is_empty()).take(5).collect();
    assert_eq!(head[0], "**铜川市教育局会议纪要**");
    assert_eq!(head[1], "第5期");
    assert_eq!(head[3], "# 铜川市教育扶贫工作视频电话会议纪要");
    let summary = head[4];
    for part in [
        "2017年5月4日16:02至17:28",
        "继全省脱贫攻坚工作教育扶贫整顿电视电话会议结束后",
        "铜川市教育局在铜川市电信局视频电话会议室召开铜川市教育扶贫工作视频电话会议",
        "会议由市教育局工委书记、局长、市教育扶贫办公室主任王晓红主持",
        "会议设主会场和王益区、印台区、耀州区、宜君县4个分会场",
        "各区县政府和新区管委会分管教育工作的领导，乡镇政府分管教育工作的负责同志，市教育局领导班子成员",
        "幼儿园园长等",
        "人参加会议。现将会议主要精神纪要如下：",
    ] {
        assert!(summary.contains(part), "{part}\n{summary}");
    }
    // The prepared points as prose, the recorded notes under their item.
    assert!(md.contains("一是重视不够、认识存在偏差；二是区县、学校之间工作不均衡；三是"));
    assert!(md.contains("全市共资助家庭经济困难学生1.2万人次"));
    assert!(md.contains("一要高度重视，提高认识，把教育脱贫作为首要政治任务。"));
    // Decisions numbered, with the count of the moment each was recorded.
    assert!(md.contains("## 会议议定事项"));
    assert!(
        md.contains("一、各区县、各学校对照整改责任清单逐项自查，6月底前整改到位。经清点，应到")
    );
    assert!(md.contains("二、各区县成立教育扶贫工作机构"));
    // Tasks by unit (never the meeting room), the deadline as said, no ids, no status.
    assert!(md.contains("| 9 | 对照教育扶贫整改责任清单逐项自查，扎实整改 | 王益区教育科技体育局 | 耀州区教育科技体育局、铜川市教育局直属学校 | 6月底前（2017年6月30日） |"), "{md}");
    assert!(md.contains(
        "| 5 | 严格执行教育扶贫资金专户管理制度，落实资金公示和工作责任 | 朱林（铜川市教育局） |"
    ));
    assert!(
        md.contains("| 尽快 |"),
        "a deadline without a date, as said"
    );
    for gone in [
        "task-",
        "A1",
        "分会场 |",
        "未完成",
        "已逾期",
        "生成于",
        "进行中",
    ] {
        assert!(!md.contains(gone), "{gone}");
    }
    // 出席 names the leaders, counts the rest; 请假 gives the reason.
    let line = |label: &str| {
        md.lines()
            .find(|s| s.starts_with(&format!("**{label}**")))
            .unwrap_or_else(|| panic!("{label}"))
            .to_string()
    };
    let present = line("出席");
    assert!(present.contains("王晓红"), "{present}");
    assert!(present.contains("胡娜瑞"), "{present}");
    assert!(present.contains("幼儿园园长"), "{present}");
    assert!(present.contains("宜君县43人"), "{present}");
    assert!(
        present.chars().count() < 1200,
        "{}",
        present.chars().count()
    );
    let excused = line("请假");
    assert!(excused.contains("赴省厅参加会议"), "{excused}");
    // 附件说明, 版记, attachment.
    assert!(md.contains("附件：签到名单"));
    assert!(md.contains("抄送：市政府办公室，市扶贫开发办公室。"));
    assert!(md.contains("铜川市教育局办公室 2017年5月5日印发"));
    assert!(
        md.contains("音频断续，已切换电话线路"),
        "the roll call's note"
    );
    assert!(md.contains("何平（代"), "the stand-in");
}

#[test]
fn the_stand_in_carries_the_absentees_reason() {
    let l = held();
    let md = text(&l, Format::Md, &opts(Lang::Zh, at(18, 0)));
    let p = &l.m.people[l.m.person("2010").unwrap()];
    assert!(
        md.contains(&format!(
            "何平（王益区第一中学；代{0}，{0}出差北京）",
            p.name
        )) || md.contains(&format!("何平（代{0}，{0}出差北京）", p.name)),
        "{md}"
    );
}

#[test]
fn minutes_are_the_same_bytes_on_any_day() {
    let l = held();
    for f in [Format::Md, Format::Html, Format::Docx] {
        for lang in [Lang::Zh, Lang::En] {
            let a = render(&l, f, &opts(lang, at(18, 0)));
            let b = render(&l, f, &opts(lang, at(18, 0) + Duration::days(400)));
            assert!(a == b, "{f:?} {lang:?} differ between two days");
        }
    }
}

#[test]
fn english_minutes_read_as_english() {
    let l = held();
    for f in [Format::Md, Format::Html] {
        let s = text(&l, f, &opts(Lang::En, at(18, 0)));
        let ours: String = s
            .lines()
            .filter(|line| !line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
            .collect();
        for bad in ['\u{3000}', '（', '）', '，', '。', '：', '；', '、'] {
            assert!(!ours.contains(bad), "{f:?}: {bad:?} in English text");
        }
        assert!(s.contains("4 branch venues"), "{s}");
        assert!(!s.contains("1 branch venues") && !s.contains("1 people"));
    }
}

#[test]
fn docx_is_a4_gbt9704_with_page_numbers_and_the_minutes_text() {
    let l = held();
    let bytes = render(&l, Format::Docx, &opts(Lang::Zh, at(18, 0)));
    let doc = docx_part(&bytes, "word/document.xml");
    // A4, top 37 mm, binding side 28 mm, text block 156 × 225 mm (twips).
    assert!(
        doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "{}",
        &doc[doc.find("<w:sectPr").unwrap()..]
    );
    for (k, v) in [
        ("top", 2098),
        ("left", 1587),
        ("right", 1475),
        ("bottom", 1984),
    ] {
        assert!(doc.contains(&format!(r#"w:{k}="{v}""#)), "{k}={v}");
    }
    assert!(doc.contains("仿宋") && doc.contains("方正小标宋简体") && doc.contains("黑体"));
    assert!(doc.contains(r#"<w:sz w:val="32" />"#), "3号 body");
    assert!(doc.contains(r#"<w:sz w:val="44" />"#), "2号 title");
    let paras = paragraphs(&doc);
    assert_eq!(paras[0], "铜川市教育局会议纪要");
    assert!(
        paras
            .iter()
            .any(|p| p == "铜川市教育扶贫工作视频电话会议纪要")
    );
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("一、各区县、各学校对照整改责任清单"))
    );
    assert!(paras.iter().any(|p| p == "附件：签到名单"));
    assert!(paras.iter().any(|p| p.starts_with("出席：")));
    assert!(
        paras
            .iter()
            .any(|p| p == "铜川市教育局办公室\t2017年5月5日印发")
    );
    // Page numbers "— 1 —": a PAGE field between dashes, odd and even footers.
    let footers: Vec<String> = (1..=2)
        .map(|i| docx_part(&bytes, &format!("word/footer{i}.xml")))
        .collect();
    for f in &footers {
        assert!(
            f.contains("PAGE") && f.contains("— ") && f.contains(" —"),
            "{f}"
        );
    }
    assert!(docx_part(&bytes, "word/settings.xml").contains("evenAndOddHeaders"));
    // Without the attachment.
    let o = Options {
        attachment: false,
        ..opts(Lang::Zh, at(18, 0))
    };
    let doc = docx_part(&render(&l, Format::Docx, &o), "word/document.xml");
    assert!(!paragraphs(&doc).iter().any(|p| p.contains("签到名单")));
}

#[test]
fn snapshots_of_the_reference_minutes() {
    let l = held();
    let o = opts(Lang::Zh, at(18, 0));
    insta::assert_snapshot!("reference_minutes_md", text(&l, Format::Md, &o));
    insta::assert_snapshot!("reference_minutes_html", text(&l, Format::Html, &o));
    let doc = docx_part(&render(&l, Format::Docx, &o), "word/document.xml");
    insta::assert_snapshot!("reference_minutes_docx_text", paragraphs(&doc).join("\n"));
    insta::assert_snapshot!(
        "reference_minutes_md_en",
        text(&l, Format::Md, &opts(Lang::En, at(18, 0)))
    );
}

// ---------------------------------------------------------------------------------------
// The rules

#[test]
fn a_sign_in_after_the_opening_plus_the_grace_is_late_and_can_be_corrected() {
    let mut l = Live::new(reference());
    // Before the opening nobody is late.
    l.sign("2002", at(16, 30));
    assert_eq!(l.status("2002"), Status::Present);
    l.run(
        Command::OpenMeeting {
            at: Some(at(16, 2)),
        },
        at(16, 40),
    );
    l.sign("2003", at(16, 7));
    assert_eq!(
        l.status("2003"),
        Status::Present,
        "within the 5 minutes' grace"
    );
    let d = l.sign("2004", at(16, 8));
    assert_eq!(l.status("2004"), Status::Late);
    assert!(matches!(d.warnings[..], [Warning::MarkedLate { .. }]));
    // Observers are not late (they are not expected).
    l.sign("1028", at(16, 30));
    assert_eq!(l.status("1028"), Status::Present);
    // The correction.
    l.run(
        Command::Correct {
            participant: "2004".into(),
            to: SetStatus::Present { late: false },
        },
        at(16, 41),
    );
    assert_eq!(l.status("2004"), Status::Present);
    assert_eq!(l.replayed().attendance, l.m.attendance);
}

#[test]
fn a_sign_in_entered_later_keeps_its_time_and_is_judged_by_it() {
    let mut l = Live::new(reference());
    l.run(Command::OpenMeeting { at: None }, at(16, 0));
    // 补签 at 17:00 of an arrival at 15:55: on time, arrived 15:55.
    l.run(
        Command::SignIn {
            participant: "2005".into(),
            late: false,
            effective_at: Some(at(15, 55)),
        },
        at(17, 0),
    );
    let a = &l.m.attendance[l.m.person("2005").unwrap()];
    assert_eq!(a.arrived, Some(at(15, 55)));
    assert_eq!(a.status(), Status::Present);
    // The record keeps both times: entered at 17:00 for 15:55.
    let e = l.events.last().unwrap();
    assert_eq!(e.at, at(17, 0));
    // An arrival after the grace, entered later, is late.
    l.run(
        Command::SignIn {
            participant: "2006".into(),
            late: false,
            effective_at: Some(at(16, 20)),
        },
        at(17, 1),
    );
    assert_eq!(l.status("2006"), Status::Late);
    // A time not yet come is refused.
    assert_eq!(
        l.try_run(
            Command::SignIn {
                participant: "2007".into(),
                late: false,
                effective_at: Some(at(18, 0)),
            },
            at(17, 2),
        ),
        Err(Rejection::InTheFuture)
    );
}

#[test]
fn leave_needs_a_reason() {
    let mut l = Live::new(reference());
    for reason in ["", "   "] {
        assert_eq!(
            l.try_run(
                Command::Excuse {
                    participant: "2002".into(),
                    reason: reason.into(),
                },
                at(15, 0),
            ),
            Err(Rejection::EmptyReason)
        );
        assert_eq!(
            l.try_run(
                Command::Correct {
                    participant: "2002".into(),
                    to: SetStatus::Excused {
                        reason: reason.into()
                    },
                },
                at(15, 0),
            ),
            Err(Rejection::EmptyReason)
        );
    }
}

#[test]
fn walk_ins_count_by_role_and_an_undone_one_counts_nowhere() {
    let mut l = Live::new(reference());
    let before = l.m.total_counts();
    let walk = |l: &mut Live, name: &str, role: Role| {
        l.run(
            Command::WalkIn {
                name: name.into(),
                unit: "某单位".into(),
                title: String::new(),
                venue: "main".into(),
                role,
            },
            at(15, 50),
        );
        l.events.last().unwrap().id.clone()
    };
    let member = walk(&mut l, "参会甲", Role::Member);
    let t = l.m.total_counts();
    assert_eq!(
        (t.expected, t.present),
        (before.expected + 1, before.present + 1)
    );
    for (name, role) in [
        ("列席乙", Role::Observer),
        ("工作丙", Role::Staff),
        ("记者丁", Role::Media),
    ] {
        walk(&mut l, name, role);
    }
    let t = l.m.total_counts();
    assert_eq!(
        t.expected,
        before.expected + 1,
        "列席, 工作人员, 媒体 are not in 应到"
    );
    assert_eq!(t.present, before.present + 1);
    // Undo the member walk-in: gone from every count, sheet and list.
    l.run(
        Command::Undo {
            event: Some(member),
            seat: "desk".into(),
        },
        at(15, 51),
    );
    assert_eq!(l.m.total_counts().expected, before.expected);
    assert_eq!(l.m.total_counts().absent, before.absent);
    let o = opts(Lang::Zh, at(18, 0));
    let csv = text(&l, Format::Csv, &o);
    assert!(!csv.contains("参会甲") && csv.contains("列席乙"));
    assert!(!text(&l, Format::Md, &o).contains("参会甲"));
    assert_eq!(l.replayed().total_counts(), l.m.total_counts());
}

#[test]
fn opening_closing_reopening() {
    let mut l = Live::new(reference());
    assert_eq!(
        l.try_run(Command::CloseMeeting { at: None }, at(16, 0)),
        Err(Rejection::NotOpened)
    );
    // Starting the first item opens the meeting, and says so.
    let d = l.run(Command::NextItem, at(16, 1));
    assert!(d.warnings.contains(&Warning::OpenedTheMeeting));
    assert_eq!(l.m.started_at, Some(at(16, 1)));
    // The opening time corrected by hand.
    l.run(
        Command::OpenMeeting {
            at: Some(at(16, 0)),
        },
        at(16, 5),
    );
    assert_eq!(l.m.started_at, Some(at(16, 0)));
    assert_eq!(
        l.try_run(Command::UndoOpening, at(16, 6)),
        Err(Rejection::ItemsHeld)
    );
    assert_eq!(
        l.try_run(
            Command::CloseMeeting {
                at: Some(at(15, 0))
            },
            at(16, 6)
        ),
        Err(Rejection::BeforeOpening)
    );
    l.run(
        Command::CloseMeeting {
            at: Some(at(17, 0)),
        },
        at(17, 5),
    );
    assert_eq!(l.m.ended_at, Some(at(17, 0)));
    let first = l.m.item_state("review-2016").unwrap();
    assert_eq!(first.status, ItemStatus::Ended);
    assert_eq!(first.last_end, Some(at(17, 0)));
    // After the close nothing the minutes show changes.
    for cmd in [
        Command::SignIn {
            participant: "2002".into(),
            late: false,
            effective_at: None,
        },
        Command::AddNote {
            item: None,
            text: "x".into(),
            decision: true,
        },
        Command::NextItem,
    ] {
        assert_eq!(l.try_run(cmd, at(17, 6)), Err(Rejection::MeetingEnded));
    }
    // A task added afterwards is follow-up, not minutes.
    add_action(
        &mut l,
        "会后补充任务",
        vec![unit("市教育局")],
        None,
        at(17, 10),
    );
    assert!(!text(&l, Format::Md, &opts(Lang::Zh, at(18, 0))).contains("会后补充任务"));
    l.run(Command::ReopenMeeting, at(17, 20));
    assert_eq!(l.m.ended_at, None);
    l.sign("2002", at(17, 21));
    assert_eq!(l.replayed().started_at, l.m.started_at);
}

#[test]
fn an_opening_by_mistake_is_withdrawn() {
    let mut l = Live::new(reference());
    l.run(Command::OpenMeeting { at: None }, at(15, 0));
    l.run(Command::UndoOpening, at(15, 1));
    assert_eq!(l.m.started_at, None);
    // Nobody is late now.
    l.sign("2002", at(15, 30));
    assert_eq!(l.status("2002"), Status::Present);
}

#[test]
#[ignore = "writes the reference minutes to $HUIWU_DUMP for a look"]
fn dump_reference_exports() {
    let dir = std::env::var("HUIWU_DUMP").unwrap();
    let l = held();
    for (f, lang) in [
        (Format::Docx, Lang::Zh),
        (Format::Html, Lang::Zh),
        (Format::Xlsx, Lang::Zh),
        (Format::Csv, Lang::Zh),
        (Format::Docx, Lang::En),
    ] {
        let name = format!("{dir}/ref-{lang:?}.{}", f.extension());
        std::fs::write(name, render(&l, f, &opts(lang, at(18, 0)))).unwrap();
    }
    let blank = Options {
        blank: true,
        ..opts(Lang::Zh, at(18, 0))
    };
    std::fs::write(
        format!("{dir}/blank.xlsx"),
        render(&l, Format::Xlsx, &blank),
    )
    .unwrap();
    std::fs::write(format!("{dir}/blank.csv"), render(&l, Format::Csv, &blank)).unwrap();
}
