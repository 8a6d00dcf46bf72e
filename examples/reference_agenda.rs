//! Rebuild `agendas/tongchuan-2017.json`, the reference meeting of
//! `meeting-facts.md` (铜川市教育扶贫工作视频电话会议, 4 May 2017):
//!
//! ```sh
//! cargo run --example reference_agenda > agendas/tongchuan-2017.json
//! ```
//!
//! The meeting, venues, items and tasks follow the news report; the chair is the only real
//! name. The roster is made up (deterministically) to the report's shape: about 360 people
//! in six attending groups, at the main venue and one branch venue per district/county.
//! 宜君县 reports a headcount instead of signing in by name, so that mode has a sample.

use std::io::Write;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use huiwu::core::agenda::*;
use huiwu::sample::{
    CATEGORIES, POLYPHONIC_SURNAMES, Rng, category, name_with_surname, person_name, phone,
    write_agenda,
};

/// One seat on the roster before it gets a name.
struct Seat {
    unit: String,
    title: String,
    category: Option<usize>,
    role: Role,
    phone: bool,
}

fn member(unit: impl Into<String>, title: impl Into<String>, category: usize) -> Seat {
    Seat {
        unit: unit.into(),
        title: title.into(),
        category: Some(category),
        role: Role::Member,
        phone: false,
    }
}

fn other(unit: &str, title: &str, role: Role) -> Seat {
    Seat {
        unit: unit.into(),
        title: title.into(),
        category: None,
        role,
        phone: role == Role::Staff,
    }
}

/// A branch venue's district or county and what it brings to the meeting.
struct County {
    venue: &'static str,
    name: &'static str,
    badge: u32,
    /// 应到: members expected.
    members: usize,
    /// Streets (街道) and towns (镇) of the district.
    townships: &'static [&'static str],
    /// Secondary schools under the district's bureau.
    schools: &'static [&'static str],
}

const COUNTIES: &[County] = &[
    County {
        venue: "wangyi",
        name: "王益区",
        badge: 2001,
        members: 95,
        townships: &[
            "七一路街道",
            "红旗街街道",
            "桃园街道",
            "青年路街道",
            "王家河街道",
            "王益街道",
            "黄堡镇",
        ],
        schools: &[
            "王益区第一中学",
            "王益区第二中学",
            "王益区第三中学",
            "王益区实验学校",
            "王益区黄堡中学",
        ],
    },
    County {
        venue: "yintai",
        name: "印台区",
        badge: 3001,
        members: 90,
        townships: &[
            "城关街道",
            "三里洞街道",
            "王石凹街道",
            "印台街道",
            "陈炉镇",
            "红土镇",
            "广阳镇",
            "金锁关镇",
            "阿庄镇",
        ],
        schools: &[
            "印台区城关中学",
            "印台区第二中学",
            "印台区陈炉中学",
            "印台区红土中学",
            "印台区阿庄中学",
        ],
    },
    County {
        venue: "yaozhou",
        name: "耀州区",
        badge: 4001,
        members: 103,
        townships: &[
            "永安路街道",
            "天宝路街道",
            "锦阳路街道",
            "坡头镇",
            "董家河镇",
            "庙湾镇",
            "瑶曲镇",
            "照金镇",
            "孙塬镇",
            "关庄镇",
            "小丘镇",
            "石柱镇",
        ],
        schools: &[
            "耀州中学",
            "耀州区高级中学",
            "耀州区城关中学",
            "耀州区坡头中学",
            "耀州区董家河中学",
            "耀州区庙湾初级中学",
            "耀州区照金中学",
        ],
    },
];

/// The headcount venue: 宜君县 reports 应到/实到/请假 at the roll call.
const YIJUN_EXPECTED: u32 = 45;

fn main_venue_seats() -> Vec<Seat> {
    use category::*;
    let bureau = "铜川市教育局";
    let mut s = vec![
        member(
            bureau,
            "市教育局工委书记、局长、市教育扶贫办公室主任",
            CITY_BUREAU,
        ),
        member(bureau, "工委副书记、副局长", CITY_BUREAU),
        member(bureau, "副局长", CITY_BUREAU),
        member(bureau, "副局长", CITY_BUREAU),
        member(bureau, "工委委员、纪检组长", CITY_BUREAU),
        member(bureau, "总督学", CITY_BUREAU),
        member(bureau, "副调研员", CITY_BUREAU),
        member("铜川新区管理委员会", "副主任", COUNTY_LEADER),
    ];
    for school in [
        "铜川市第一中学",
        "铜川市第二中学",
        "铜川市第三中学",
        "铜川市实验中学",
        "铜川市朝阳实验学校",
        "铜川市特殊教育学校",
        "铜川市职业技术教育中心",
        "铜川市新区实验学校",
    ] {
        s.push(member(school, "校长", PRINCIPAL));
        s.push(member(school, "副校长（分管学生资助）", PRINCIPAL));
    }
    for kg in ["铜川市第一幼儿园", "铜川市第二幼儿园", "铜川市机关幼儿园"] {
        s.push(member(kg, "园长", KINDERGARTEN));
    }
    // 列席: the bureau's sections and the offices the work depends on.
    for (unit, title) in [
        ("铜川市教育局基础教育科", "科长"),
        ("铜川市教育局学生资助管理中心", "主任"),
        ("铜川市教育局计划财务科", "科长"),
        ("铜川市教育局职业教育与成人教育科", "科长"),
        ("铜川市教育局督导室", "主任"),
        ("铜川市教育局人事科", "科长"),
        ("铜川市扶贫开发办公室", "副主任"),
        ("铜川市财政局教科文科", "科长"),
    ] {
        s.push(other(unit, title, Role::Observer));
    }
    // 会务: the recorder (记录人) first.
    s.push(other("铜川市教育局办公室", "科员（记录）", Role::Staff));
    s.push(other("铜川市教育局办公室", "主任", Role::Staff));
    s.push(other("铜川市电信局", "视频会议技术保障工程师", Role::Staff));
    s
}

fn county_seats(c: &County) -> Vec<Seat> {
    use category::*;
    let district = c.name;
    let bureau = format!("{district}教育科技体育局");
    let mut s = vec![member(
        format!("{district}人民政府"),
        "副区长（分管教育）",
        COUNTY_LEADER,
    )];
    s[0].phone = true;
    for title in [
        "局长",
        "副局长",
        "副局长",
        "纪检组长",
        "办公室主任",
        "基础教育股股长",
        "学生资助管理中心主任",
        "计划财务股股长",
        "人事股股长",
        "教研室主任",
        "督导室主任",
        "安全稳定股股长",
    ] {
        s.push(member(&bureau, title, COUNTY_BUREAU));
    }
    s[1].phone = true;
    for t in c.townships {
        let (gov, title) = if t.ends_with("街道") {
            (format!("{district}{t}办事处"), "副主任")
        } else {
            (format!("{district}{t}人民政府"), "副镇长")
        };
        s.push(member(gov, title, TOWNSHIP));
    }
    let mut principals = Vec::new();
    for school in c.schools {
        principals.push(member(*school, "校长", PRINCIPAL));
    }
    for t in c.townships {
        let stem = t.trim_end_matches("街道").trim_end_matches('镇');
        principals.push(member(
            format!("{district}{stem}中心小学"),
            "校长",
            PRINCIPAL,
        ));
        principals.push(member(
            format!("{district}{stem}中心幼儿园"),
            "园长",
            KINDERGARTEN,
        ));
    }
    principals.push(member(
        format!("{district}第一幼儿园"),
        "园长",
        KINDERGARTEN,
    ));
    principals.push(member(
        format!("{district}第二幼儿园"),
        "园长",
        KINDERGARTEN,
    ));
    let heads = principals.len();
    let heads_start = s.len();
    s.extend(principals);
    // Each school also sends the deputy in charge of student aid, and the larger ones a
    // 资助专干 (aid officer), until the district's 应到 is reached.
    let mut k = 0;
    while s.len() < c.members {
        let base = heads_start + k % heads;
        let unit = s[base].unit.clone();
        let title = match (unit.ends_with("幼儿园"), k / heads) {
            (true, 0) => "副园长",
            (true, _) => "保教主任",
            (false, 0) => "副校长（分管学生资助）",
            (false, _) => "资助专干",
        };
        let cat = s[base].category.unwrap_or(PRINCIPAL);
        s.push(member(unit, title, cat));
        k += 1;
    }
    s.truncate(c.members);
    s.push(other(
        &format!("{district}扶贫开发办公室"),
        "副主任",
        Role::Observer,
    ));
    s.push(other(
        &format!("{district}教育科技体育局办公室"),
        "科员（分会场联络员）",
        Role::Staff,
    ));
    s
}

// The reference meeting written out, item after item: data more than logic.
#[allow(clippy::too_many_lines)]
fn main() {
    let mut rng = Rng::new(20170504);
    let tz = FixedOffset::east_opt(8 * 3600).expect("+08:00");
    let at = |h, m| {
        tz.with_ymd_and_hms(2017, 5, 4, h, m, 0)
            .single()
            .expect("a valid time")
    };

    // The roster, venue by venue.
    let mut people: Vec<Participant> = Vec::new();
    let mut contacts: Vec<(String, String)> = Vec::new();
    let mut add_venue = |venue: &str, badge: u32, seats: Vec<Seat>, rng: &mut Rng| {
        let first = people.len();
        for (k, seat) in seats.into_iter().enumerate() {
            let n = people.len();
            // A polyphonic surname every 23 people, on top of those drawn at random, so
            // that the sample always has each of them.
            let name = if n == 0 {
                "王晓红".to_string()
            } else if n % 23 == 11 {
                let s = POLYPHONIC_SURNAMES[(n / 23) % POLYPHONIC_SURNAMES.len()];
                name_with_surname(rng, s)
            } else {
                person_name(rng)
            };
            people.push(Participant {
                id: format!("{}", badge + k as u32),
                name,
                unit: seat.unit,
                title: seat.title,
                category: seat
                    .category
                    .map(|c| CATEGORIES[c].to_string())
                    .unwrap_or_default(),
                venue: venue.into(),
                phone: seat.phone.then(|| phone(rng)),
                role: seat.role,
                extra: Extra::new(),
            });
        }
        // The venue's contact is its last staff member.
        let contact = people[first..]
            .iter()
            .rev()
            .find(|p| p.role == Role::Staff)
            .expect("every venue has staff");
        contacts.push((
            contact.name.clone(),
            contact.phone.clone().unwrap_or_default(),
        ));
    };
    add_venue("main", 1001, main_venue_seats(), &mut rng);
    for c in COUNTIES {
        add_venue(c.venue, c.badge, county_seats(c), &mut rng);
    }
    // Two people with the same name at different venues, as happens: search and sign-in
    // must tell them apart by unit.
    let twin = people
        .iter()
        .position(|p| p.venue == "yaozhou" && p.title == "校长")
        .expect("a principal in 耀州区");
    let twin_of = people
        .iter()
        .position(|p| p.venue == "wangyi" && p.title == "校长")
        .expect("a principal in 王益区");
    people[twin].name = people[twin_of].name.clone();

    let recorder = people
        .iter()
        .find(|p| p.venue == "main" && p.role == Role::Staff)
        .expect("a recorder")
        .id
        .clone();
    let by_id = |id: &str| PersonRef {
        participant: Some(id.into()),
        ..PersonRef::default()
    };
    let chair = by_id("1001");
    let contact = |i: usize| {
        let (name, phone) = &contacts[i];
        Some(Contact {
            name: name.clone(),
            phone: (!phone.is_empty()).then(|| phone.clone()),
        })
    };

    let mut venues = vec![Venue {
        id: "main".into(),
        name: "主会场（市电信局视频电话会议室）".into(),
        kind: VenueKind::Main,
        location: "铜川市电信局视频电话会议室".into(),
        contact: contact(0),
        expected: None,
        sign_in: SignInMode::Roster,
        unit: "铜川市教育局".into(),
        extra: Extra::new(),
    }];
    for (i, c) in COUNTIES.iter().enumerate() {
        venues.push(Venue {
            id: c.venue.into(),
            name: format!("{}分会场", c.name),
            kind: VenueKind::Branch,
            location: format!("{}教育科技体育局视频会议室", c.name),
            contact: contact(i + 1),
            expected: None,
            sign_in: SignInMode::Roster,
            unit: format!("{}教育科技体育局", c.name),
            extra: Extra::new(),
        });
    }
    let mut yijun_contact = Rng::new(45);
    venues.push(Venue {
        id: "yijun".into(),
        name: "宜君县分会场".into(),
        kind: VenueKind::Branch,
        location: "宜君县教育科技体育局视频会议室".into(),
        contact: Some(Contact {
            name: person_name(&mut yijun_contact),
            phone: Some(phone(&mut yijun_contact)),
        }),
        expected: Some(YIJUN_EXPECTED),
        sign_in: SignInMode::Headcount,
        unit: "宜君县教育科技体育局".into(),
        extra: Extra::new(),
    });

    let item = |id: &str, title: &str, minutes: Option<i64>, kind: ItemKind, notes: &str| Item {
        id: id.into(),
        title: title.into(),
        speaker: Some(chair.clone()),
        minutes,
        kind: Some(kind),
        notes: notes.into(),
        speeches: Vec::new(),
        items: Vec::new(),
        extra: Extra::new(),
    };
    let requirements: [(&str, i64, &str); 7] = [
        (
            "高度重视，提高认识，把教育脱贫作为首要政治任务",
            6,
            "教育扶贫与业务工作一起部署、一起推进、一起考核、一起奖励",
        ),
        (
            "加强领导，强化责任，确保责任落实到位",
            6,
            "各区县健全工作机构、确定专人负责，尽快制定路线图、时间表和任务书",
        ),
        (
            "突出重点，精准发力：控辍保学、精准资助、技能培训",
            8,
            "建档立卡贫困户学生入学保障；从学前到大学再到就业的精准资助；技能培训",
        ),
        (
            "加强监管，阳光运作，管好教育扶贫资金",
            5,
            "严格执行专户管理制度，落实资金公示",
        ),
        ("创新形式，畅通渠道，做好教育扶贫宣传报道", 4, ""),
        ("加强监督，自查自纠，确保工作进展到位", 5, ""),
        ("积极配合，做好高校结对帮扶贫困县工作", 4, ""),
    ];
    let numerals = ["一", "二", "三", "四", "五", "六", "七"];
    let items = vec![
        item(
            "review-2016",
            "2016年全市教育扶贫工作回顾总结",
            Some(15),
            ItemKind::Report,
            "学生资助体系覆盖学前到大学；区县资助工作人员培训；精准资助工作机制；教育扶贫信息宣传",
        ),
        item(
            "problems",
            "指出全市教育扶贫工作存在的问题",
            Some(10),
            ItemKind::Speech,
            "一是重视不够、认识存在偏差；二是区县、学校之间工作不均衡；三是学生资助信息共建共享不够及时畅通，精准资助管理有待加强",
        ),
        item(
            "rectification",
            "强调落实教育扶贫整改责任清单",
            Some(10),
            ItemKind::Speech,
            "各单位对照责任清单主动查找问题、明确分工、扎实整改，6月底前整改到位",
        ),
        Item {
            items: requirements
                .iter()
                .enumerate()
                .map(|(i, (title, minutes, notes))| {
                    item(
                        &format!("req-{}", i + 1),
                        &format!("{}要{}", numerals[i], title),
                        Some(*minutes),
                        ItemKind::Speech,
                        notes,
                    )
                })
                .collect(),
            ..item(
                "requirements",
                "对做好教育扶贫工作提出七点要求",
                None,
                ItemKind::Speech,
                "",
            )
        },
    ];

    // Every item is the chair's: a report on the past year, then her address in three
    // parts (the problems, the rectification list, the seven requirements).
    let chair_speaks = |kind: SpeechKind, minutes: f64| Speech {
        participant: Some("1001".into()),
        kind: Some(kind),
        limit: Some(Limit::minutes(minutes)),
        ..Speech::default()
    };
    let mut items = items;
    items[0].speeches = vec![chair_speaks(SpeechKind::Report, 15.0)];
    items[1].speeches = vec![chair_speaks(SpeechKind::Address, 10.0)];
    items[2].speeches = vec![chair_speaks(SpeechKind::Address, 10.0)];
    items[3].speeches = vec![chair_speaks(SpeechKind::Address, 38.0)];

    let venue = |id: &str| OwnerRef::Venue(id.into());
    let unit = |u: &str| OwnerRef::Unit(u.into());
    let all_branches = || {
        ["wangyi", "yintai", "yaozhou", "yijun"]
            .into_iter()
            .map(venue)
            .collect::<Vec<_>>()
    };
    let june_30 = NaiveDate::from_ymd_opt(2017, 6, 30);
    let action = |id: &str, text: &str, owners: Vec<OwnerRef>, item: &str| PlannedAction {
        id: id.into(),
        text: text.into(),
        owners,
        due: None,
        due_text: None,
        item: Some(item.into()),
        assigned_by: Some(chair.clone()),
        extra: Extra::new(),
    };
    let with = |mut v: Vec<OwnerRef>, more: &[OwnerRef]| {
        v.extend_from_slice(more);
        v
    };
    let deputy_for_funds = people
        .iter()
        .find(|p| p.venue == "main" && p.title == "副局长")
        .expect("a deputy director")
        .id
        .clone();
    let actions = vec![
        PlannedAction {
            due: june_30,
            due_text: Some("6月底前".into()),
            ..action(
                "task-rectify",
                "对照教育扶贫整改责任清单逐项自查、明确分工、扎实整改，6月底前整改到位",
                with(all_branches(), &[unit("市教育局直属学校")]),
                "rectification",
            )
        },
        action(
            "task-1",
            "把教育脱贫作为当前和今后一个时期的首要政治任务，与业务工作一起部署、一起推进、一起考核、一起奖励",
            vec![unit("全市教育系统")],
            "req-1",
        ),
        PlannedAction {
            due_text: Some("尽快".into()),
            ..action(
                "task-2",
                "健全工作机构、充实队伍、确定专人负责；尽快制定路线图、时间表和任务书，把任务分解到每所学校、每个时间节点和具体负责人",
                all_branches(),
                "req-2",
            )
        },
        action(
            "task-3",
            "落实控辍保学、精准资助、技能培训：保障建档立卡贫困户义务教育学生入学，落实从学前到大学再到就业的精准资助政策，开展建档立卡贫困户技能培训",
            with(all_branches(), &[unit("铜川市教育局学生资助管理中心")]),
            "req-3",
        ),
        action(
            "task-4",
            "严格执行教育扶贫资金专户管理制度，落实资金公示和工作责任",
            with(
                vec![OwnerRef::Participant(deputy_for_funds)],
                &[unit("铜川市教育局计划财务科")],
            ),
            "req-4",
        ),
        action(
            "task-5",
            "创新形式、畅通渠道，做好教育扶贫宣传报道",
            vec![unit("铜川市教育局办公室")],
            "req-5",
        ),
        action(
            "task-6",
            "加强监督，组织自查自纠，确保工作进展到位",
            vec![unit("铜川市教育扶贫办公室"), unit("铜川市教育局督导室")],
            "req-6",
        ),
        action(
            "task-7",
            "积极配合，主动做好高校结对帮扶贫困县工作",
            vec![unit("铜川市教育扶贫办公室"), venue("yijun")],
            "req-7",
        ),
    ];

    let mut meeting_extra = Extra::new();
    meeting_extra.insert(
        "source".into(),
        "陕西教育信息网对本次会议的报道（见 meeting-facts.md）".into(),
    );
    let agenda = Agenda {
        schema: None,
        format: 1,
        meeting: MeetingInfo {
            id: "tongchuan-2017-05-04".into(),
            title: "铜川市教育扶贫工作视频电话会议".into(),
            date: NaiveDate::from_ymd_opt(2017, 5, 4).expect("a date"),
            start: at(16, 0),
            end: at(17, 30),
            organizer: "铜川市教育局".into(),
            co_organizers: Vec::new(),
            context: "继全省脱贫攻坚工作教育扶贫整顿电视电话会议结束后".into(),
            late_grace_minutes: 5,
            walk_in_role: Role::Member,
            chair,
            recorder: Some(by_id(&recorder)),
            location: "铜川市电信局视频电话会议室".into(),
            language: Language::Zh,
            dates: Default::default(),
            extra: meeting_extra,
        },
        venues,
        participants: people,
        items,
        actions,
        // The leaders are named in the minutes; the other groups are counted.
        categories: CATEGORIES
            .iter()
            .map(|c| Category {
                name: (*c).into(),
                named: matches!(
                    *c,
                    "各区县政府和新区管委会分管教育工作的领导" | "市教育局领导班子成员"
                ),
            })
            .collect(),
        document: Some(DocumentInfo {
            issuer: "铜川市教育局".into(),
            number: "第5期".into(),
            to: vec![
                "各区县教育科技体育局".into(),
                "新区社会事业局".into(),
                "局属各学校".into(),
            ],
            cc: vec!["市政府办公室".into(), "市扶贫开发办公室".into()],
            printed_by: "铜川市教育局办公室".into(),
            printed_on: NaiveDate::from_ymd_opt(2017, 5, 5),
        }),
        extra: Extra::new(),
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = write_agenda(&agenda, &mut out).and_then(|()| out.flush()) {
        eprintln!("reference_agenda: {e}");
        std::process::exit(1);
    }
}
