//! Made-up but realistic meeting data for sample agendas, tests and benchmarks: Chinese
//! names (polyphonic and compound surnames included), units, titles, the six attending
//! categories of the reference meeting, and a generator of large agendas.
//!
//! Everything here is deterministic: the same seed gives the same agenda on every machine,
//! so benchmarks and tests can rebuild their inputs instead of committing big files.

use std::io::{self, Write};

use chrono::{FixedOffset, NaiveDate, TimeZone};

use crate::core::agenda::*;

mod journal;
pub use journal::{journal, journal_of_len};

/// A small, fast, deterministic generator (splitmix64). Not for anything secret.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// True with the given chance in percent.
    pub fn percent(&mut self, p: u32) -> bool {
        self.below(100) < p as usize
    }

    pub fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }
}

/// Surnames whose reading as a surname differs from the character's common reading
/// (曾 Zēng, 单 Shàn, 解 Xiè, 仇 Qiú, 区 Ōu, 查 Zhā, 朴 Piáo, 覃 Qín); name search must
/// find them by either reading.
pub const POLYPHONIC_SURNAMES: &[&str] = &["曾", "单", "解", "仇", "区", "查", "朴", "覃"];

/// Surnames with a rough weight (how many tickets each gets), most common first. Includes
/// the polyphonic ones, a few compound surnames, and surnames common in Shaanxi (党, 雷,
/// 寇, 屈, 拓, 员).
const SURNAMES: &[(&str, u8)] = &[
    ("王", 30),
    ("李", 30),
    ("张", 28),
    ("刘", 24),
    ("陈", 18),
    ("杨", 16),
    ("赵", 12),
    ("黄", 10),
    ("周", 10),
    ("吴", 10),
    ("徐", 8),
    ("孙", 8),
    ("马", 8),
    ("胡", 7),
    ("朱", 7),
    ("郭", 7),
    ("何", 6),
    ("高", 7),
    ("林", 5),
    ("罗", 5),
    ("郑", 5),
    ("梁", 5),
    ("谢", 4),
    ("宋", 4),
    ("唐", 4),
    ("许", 4),
    ("韩", 4),
    ("冯", 4),
    ("邓", 4),
    ("曹", 4),
    ("彭", 3),
    ("肖", 3),
    ("田", 4),
    ("董", 4),
    ("袁", 3),
    ("潘", 3),
    ("于", 3),
    ("蒋", 3),
    ("蔡", 3),
    ("余", 3),
    ("杜", 4),
    ("叶", 3),
    ("程", 3),
    ("苏", 3),
    ("魏", 4),
    ("吕", 3),
    ("丁", 3),
    ("任", 4),
    ("沈", 2),
    ("姚", 3),
    ("卢", 2),
    ("姜", 3),
    ("崔", 3),
    ("钟", 2),
    ("谭", 2),
    ("陆", 2),
    ("汪", 2),
    ("范", 3),
    ("金", 2),
    ("石", 3),
    ("廖", 2),
    ("贾", 3),
    ("夏", 2),
    ("韦", 2),
    ("付", 2),
    ("方", 2),
    ("白", 3),
    ("邹", 2),
    ("孟", 2),
    ("熊", 2),
    ("秦", 3),
    ("邱", 2),
    ("江", 2),
    ("尹", 2),
    ("薛", 3),
    ("闫", 3),
    ("段", 2),
    ("雷", 4),
    ("侯", 3),
    ("龙", 2),
    ("史", 2),
    ("陶", 2),
    ("贺", 3),
    ("顾", 2),
    ("毛", 2),
    ("郝", 3),
    ("龚", 2),
    ("邵", 2),
    ("万", 2),
    ("钱", 2),
    ("严", 2),
    ("武", 3),
    ("戴", 2),
    ("孔", 2),
    ("党", 3),
    ("寇", 2),
    ("屈", 2),
    ("拓", 1),
    ("员", 1),
    ("惠", 2),
    ("乔", 2),
    ("樊", 2),
    ("曾", 3),
    ("单", 2),
    ("解", 2),
    ("仇", 2),
    ("区", 1),
    ("查", 2),
    ("朴", 1),
    ("覃", 2),
    ("欧阳", 1),
    ("上官", 1),
    ("司马", 1),
];

/// Given-name characters that read as male or female in a name; a few have more than
/// one reading (长, 乐, 朝, 行, 重).
const GIVEN_MALE: &[&str] = &[
    "建", "国", "军", "伟", "强", "磊", "勇", "杰", "涛", "斌", "波", "辉", "刚", "明", "华", "平",
    "峰", "鹏", "飞", "超", "亮", "宏", "林", "文", "志", "海", "东", "晓", "俊", "浩", "宇", "博",
    "振", "兴", "长", "乐", "朝", "行", "重", "锋", "永", "新", "春", "红", "卫", "利", "民", "安",
    "荣", "德", "忠", "成", "胜", "金", "福", "生", "学", "武", "军", "江",
];
const GIVEN_FEMALE: &[&str] = &[
    "丽", "娟", "敏", "静", "芳", "燕", "艳", "玲", "红", "霞", "婷", "雪", "琳", "萍", "慧", "莉",
    "娜", "晶", "颖", "倩", "洁", "梅", "秀", "兰", "凤", "英", "玉", "佳", "欣", "悦", "蓉", "薇",
    "晓", "春", "翠", "琴", "莹", "妮", "瑞", "萌", "乐", "小", "雅", "宁", "丹",
];

/// A realistic Chinese name: a weighted surname and a one- or two-character given name.
pub fn person_name(rng: &mut Rng) -> String {
    let surname = weighted_surname(rng);
    name_with_surname(rng, surname)
}

/// A name with the given surname.
pub fn name_with_surname(rng: &mut Rng, surname: &str) -> String {
    let female = !rng.percent(55);
    let chars = if female { GIVEN_FEMALE } else { GIVEN_MALE };
    let mut s = String::with_capacity(12);
    s.push_str(surname);
    let first = rng.pick(chars);
    s.push_str(first);
    // About one name in four has a one-character given name; compound surnames rarely do.
    if surname.chars().count() > 1 || !rng.percent(25) {
        let second = if female && rng.percent(5) {
            first // 婷婷, 晶晶: doubled characters happen in girls' names
        } else {
            let mut c = rng.pick(chars);
            if c == first {
                c = rng.pick(chars);
            }
            c
        };
        s.push_str(second);
    }
    s
}

fn weighted_surname(rng: &mut Rng) -> &'static str {
    const TOTAL: usize = {
        let mut t = 0;
        let mut i = 0;
        while i < SURNAMES.len() {
            t += SURNAMES[i].1 as usize;
            i += 1;
        }
        t
    };
    let mut ticket = rng.below(TOTAL);
    for &(s, w) in SURNAMES {
        if ticket < w as usize {
            return s;
        }
        ticket -= w as usize;
    }
    SURNAMES[0].0
}

/// A phone number that looks real but uses the 139-0000 block.
pub fn phone(rng: &mut Rng) -> String {
    format!("1390000{:04}", rng.below(10_000))
}

/// The attending groups (参会人员类别) of the reference meeting, in the order of the report.
pub const CATEGORIES: [&str; 6] = [
    "各区县政府和新区管委会分管教育工作的领导",
    "乡镇政府分管教育工作的负责同志",
    "市教育局领导班子成员",
    "区县教育科体局及有关科室负责人",
    "直属学校、中心小学校长",
    "幼儿园园长",
];

/// Category indices into [`CATEGORIES`].
pub mod category {
    pub const COUNTY_LEADER: usize = 0;
    pub const TOWNSHIP: usize = 1;
    pub const CITY_BUREAU: usize = 2;
    pub const COUNTY_BUREAU: usize = 3;
    pub const PRINCIPAL: usize = 4;
    pub const KINDERGARTEN: usize = 5;
}

/// Shaanxi's county-level divisions with their city: realistic branch venues, many with
/// polyphonic characters of their own (长安, 乾县, 柞水, 吴堡, 洋县).
pub const COUNTIES: &[(&str, &str)] = &[
    ("西安市", "新城区"),
    ("西安市", "碑林区"),
    ("西安市", "莲湖区"),
    ("西安市", "灞桥区"),
    ("西安市", "未央区"),
    ("西安市", "雁塔区"),
    ("西安市", "阎良区"),
    ("西安市", "临潼区"),
    ("西安市", "长安区"),
    ("西安市", "高陵区"),
    ("西安市", "鄠邑区"),
    ("西安市", "蓝田县"),
    ("西安市", "周至县"),
    ("铜川市", "王益区"),
    ("铜川市", "印台区"),
    ("铜川市", "耀州区"),
    ("铜川市", "宜君县"),
    ("宝鸡市", "渭滨区"),
    ("宝鸡市", "金台区"),
    ("宝鸡市", "陈仓区"),
    ("宝鸡市", "凤翔区"),
    ("宝鸡市", "岐山县"),
    ("宝鸡市", "扶风县"),
    ("宝鸡市", "眉县"),
    ("宝鸡市", "陇县"),
    ("宝鸡市", "千阳县"),
    ("宝鸡市", "麟游县"),
    ("宝鸡市", "凤县"),
    ("宝鸡市", "太白县"),
    ("咸阳市", "秦都区"),
    ("咸阳市", "杨陵区"),
    ("咸阳市", "渭城区"),
    ("咸阳市", "三原县"),
    ("咸阳市", "泾阳县"),
    ("咸阳市", "乾县"),
    ("咸阳市", "礼泉县"),
    ("咸阳市", "永寿县"),
    ("咸阳市", "长武县"),
    ("咸阳市", "旬邑县"),
    ("咸阳市", "淳化县"),
    ("咸阳市", "武功县"),
    ("咸阳市", "兴平市"),
    ("咸阳市", "彬州市"),
    ("渭南市", "临渭区"),
    ("渭南市", "华州区"),
    ("渭南市", "潼关县"),
    ("渭南市", "大荔县"),
    ("渭南市", "合阳县"),
    ("渭南市", "澄城县"),
    ("渭南市", "蒲城县"),
    ("渭南市", "白水县"),
    ("渭南市", "富平县"),
    ("渭南市", "韩城市"),
    ("渭南市", "华阴市"),
    ("延安市", "宝塔区"),
    ("延安市", "安塞区"),
    ("延安市", "延长县"),
    ("延安市", "延川县"),
    ("延安市", "志丹县"),
    ("延安市", "吴起县"),
    ("延安市", "甘泉县"),
    ("延安市", "富县"),
    ("延安市", "洛川县"),
    ("延安市", "宜川县"),
    ("延安市", "黄龙县"),
    ("延安市", "黄陵县"),
    ("延安市", "子长市"),
    ("汉中市", "汉台区"),
    ("汉中市", "南郑区"),
    ("汉中市", "城固县"),
    ("汉中市", "洋县"),
    ("汉中市", "西乡县"),
    ("汉中市", "勉县"),
    ("汉中市", "宁强县"),
    ("汉中市", "略阳县"),
    ("汉中市", "镇巴县"),
    ("汉中市", "留坝县"),
    ("汉中市", "佛坪县"),
    ("榆林市", "榆阳区"),
    ("榆林市", "横山区"),
    ("榆林市", "府谷县"),
    ("榆林市", "靖边县"),
    ("榆林市", "定边县"),
    ("榆林市", "绥德县"),
    ("榆林市", "米脂县"),
    ("榆林市", "佳县"),
    ("榆林市", "吴堡县"),
    ("榆林市", "清涧县"),
    ("榆林市", "子洲县"),
    ("榆林市", "神木市"),
    ("安康市", "汉滨区"),
    ("安康市", "汉阴县"),
    ("安康市", "石泉县"),
    ("安康市", "宁陕县"),
    ("安康市", "紫阳县"),
    ("安康市", "岚皋县"),
    ("安康市", "平利县"),
    ("安康市", "镇坪县"),
    ("安康市", "旬阳市"),
    ("安康市", "白河县"),
    ("商洛市", "商州区"),
    ("商洛市", "洛南县"),
    ("商洛市", "丹凤县"),
    ("商洛市", "商南县"),
    ("商洛市", "山阳县"),
    ("商洛市", "镇安县"),
    ("商洛市", "柞水县"),
];

/// Stems of township names (城关镇, 柳林镇, ...), combined per county.
const TOWN_STEMS: &[&str] = &[
    "城关",
    "柳林",
    "石门",
    "龙门",
    "杨庄",
    "枣园",
    "红星",
    "北关",
    "东关",
    "西街",
    "南塬",
    "马栏",
    "新庄",
    "高楼",
    "黄堡",
    "陈炉",
    "庙湾",
    "瑶曲",
    "照金",
    "孙塬",
    "关庄",
    "小丘",
    "董家河",
    "坡头",
    "五里",
    "太安",
    "彭镇",
    "棋盘",
    "尧生",
    "云梦",
    "红土",
    "广阳",
    "阿庄",
    "金锁",
    "王家河",
    "青年路",
    "桃园",
    "三里洞",
    "大王",
    "白马",
    "双庙",
    "铁炉",
    "槐树",
    "官庄",
    "张村",
    "长宁",
    "乐善",
    "朝阳",
    "重泉",
    "行者",
];

/// Village names for village primary schools (村小).
const VILLAGES: &[&str] = &[
    "李家塬",
    "王家沟",
    "张村",
    "后河",
    "前进",
    "新民",
    "沟口",
    "上店",
    "下店",
    "土桥",
    "石堡",
    "杏树",
    "梨园",
    "枣林",
    "柏树",
    "塔坡",
    "寺沟",
    "南村",
    "北村",
    "东坡",
    "西坡",
    "柳湾",
];

/// A township with its type of government: 镇 (town), 乡 (township) or 街道 (subdistrict).
fn town_name(stem: &str, kind: usize) -> String {
    let suffix = match kind % 6 {
        0 => "街道",
        1 => "乡",
        _ => "镇",
    };
    if stem.ends_with('镇') {
        stem.to_string()
    } else {
        format!("{stem}{suffix}")
    }
}

fn township_government(town: &str) -> String {
    if town.ends_with("街道") {
        format!("{town}办事处")
    } else {
        format!("{town}人民政府")
    }
}

fn township_title(town: &str, rng: &mut Rng) -> &'static str {
    let titles: &[&'static str] = if town.ends_with("街道") {
        &["办事处副主任", "党工委委员、办事处副主任"]
    } else if town.ends_with('乡') {
        &["副乡长", "党委委员、副乡长"]
    } else {
        &["副镇长", "党委委员、副镇长", "党委委员、宣传委员"]
    };
    titles[rng.below(titles.len())]
}

/// Titles in a county education bureau, most senior first.
const COUNTY_BUREAU_TITLES: &[&str] = &[
    "党委书记、局长",
    "副局长",
    "副局长",
    "党委委员、纪检组长",
    "办公室主任",
    "基础教育股股长",
    "学生资助管理中心主任",
    "计划财务股股长",
    "人事股股长",
    "教研室主任",
    "督导室主任",
    "安全稳定股股长",
    "职业教育与成人教育股股长",
];

/// The kind of people a branch venue of the generator brings, and how often.
fn county_member(
    rng: &mut Rng,
    county: &str,
    towns: &[String],
    n: usize,
) -> (String, String, usize) {
    let is_district = county.ends_with('区');
    let government = format!("{county}人民政府");
    // Counties name their bureau either way; one county keeps one name.
    let bureau = if county.len().is_multiple_of(2) {
        format!("{county}教育科技体育局")
    } else {
        format!("{county}教育局")
    };
    use category::*;
    match n {
        0 => (
            government,
            if is_district {
                "副区长"
            } else {
                "副县长"
            }
            .into(),
            COUNTY_LEADER,
        ),
        1..=12 => (
            bureau,
            COUNTY_BUREAU_TITLES[n.min(COUNTY_BUREAU_TITLES.len()) - 1].into(),
            COUNTY_BUREAU,
        ),
        _ => {
            let town = rng.pick(towns);
            match rng.below(20) {
                0..=2 => (
                    township_government(town),
                    township_title(town, rng).into(),
                    TOWNSHIP,
                ),
                3..=5 => (
                    format!("{town}中心幼儿园"),
                    (*rng.pick(&["园长", "园长", "副园长"])).into(),
                    KINDERGARTEN,
                ),
                6..=10 => (
                    format!("{town}中心小学"),
                    (*rng.pick(&["校长", "党支部书记、校长", "副校长", "教导主任"])).into(),
                    PRINCIPAL,
                ),
                11..=14 => (
                    format!("{county}{town}初级中学"),
                    (*rng.pick(&["校长", "副校长", "政教主任"])).into(),
                    PRINCIPAL,
                ),
                15..=16 => (
                    format!(
                        "{county}第{}中学",
                        ["一", "二", "三", "四", "五"][rng.below(5)]
                    ),
                    (*rng.pick(&["校长", "党委书记", "副校长", "资助专干"])).into(),
                    PRINCIPAL,
                ),
                _ => (
                    format!("{town}{}小学", rng.pick(VILLAGES)),
                    (*rng.pick(&["校长", "校长", "负责人"])).into(),
                    PRINCIPAL,
                ),
            }
        }
    }
}

/// The people of the main venue of a generated (province-wide) meeting: the provincial
/// bureau's leaders, its divisions, and province-level schools. Their categories are the
/// provincial counterparts of the reference meeting's.
fn main_member(rng: &mut Rng, n: usize) -> (String, String, &'static str) {
    const LEADERS: &[&str] = &[
        "党组书记、厅长",
        "党组成员、副厅长",
        "党组成员、副厅长",
        "党组成员、副厅长",
        "驻厅纪检监察组组长",
        "总督学",
        "副巡视员",
    ];
    const DIVISIONS: &[&str] = &[
        "办公室",
        "基础教育处",
        "学生资助管理中心",
        "财务处",
        "职业教育与成人教育处",
        "督导室",
        "人事处",
        "发展规划处",
    ];
    const SCHOOLS: &[&str] = &[
        "省实验中学",
        "省师范大学附属中学",
        "省特殊教育学校",
        "省第一保育院",
        "省机关幼儿园",
        "省职业技术学院",
    ];
    match n {
        0..=6 => ("省教育厅".into(), LEADERS[n].into(), "省教育厅领导班子成员"),
        7..=40 => {
            let division = DIVISIONS[(n - 7) % DIVISIONS.len()];
            let title = if division.ends_with('处') {
                rng.pick(&["处长", "副处长", "副处长", "四级调研员"])
            } else {
                rng.pick(&["主任", "副主任", "副主任", "四级调研员"])
            };
            (
                format!("省教育厅{division}"),
                (*title).into(),
                "省教育厅有关处室负责人",
            )
        }
        _ => {
            let school = rng.pick(SCHOOLS);
            let title = if school.contains("幼儿园") || school.contains("保育院") {
                "园长"
            } else {
                "校长"
            };
            ((*school).into(), title.into(), "省属学校校长、园长")
        }
    }
}

/// A generated meeting of `venues` venues (one main, the rest branch) with `per_venue`
/// participants each, for tests and benchmarks. Deterministic in `seed`; passes
/// `huiwu check` without errors or warnings. Participant ids look like badge numbers:
/// `VVV-NNNN` (venue, seat).
pub fn generate(venues: usize, per_venue: usize, seed: u64) -> Agenda {
    let venues = venues.max(1);
    let mut rng = Rng::new(seed);
    let tz = FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset");
    let date = NaiveDate::from_ymd_opt(2017, 9, 1).expect("a valid date");
    let start = tz
        .with_ymd_and_hms(2017, 9, 1, 14, 30, 0)
        .single()
        .expect("a valid time");
    let end = tz
        .with_ymd_and_hms(2017, 9, 1, 17, 0, 0)
        .single()
        .expect("a valid time");

    let mut vs = Vec::with_capacity(venues);
    let mut people = Vec::with_capacity(venues * per_venue);
    for v in 0..venues {
        let id = format!("v{v:03}");
        if v == 0 {
            vs.push(Venue {
                id: id.clone(),
                name: "主会场（省教育厅视频会议室）".into(),
                kind: VenueKind::Main,
                location: "省教育厅三楼视频会议室".into(),
                contact: Some(Contact {
                    name: person_name(&mut rng),
                    phone: Some(phone(&mut rng)),
                }),
                expected: None,
                sign_in: SignInMode::Roster,
                unit: String::new(),
                extra: Extra::new(),
            });
        } else {
            let (city, county) = COUNTIES[(v - 1) % COUNTIES.len()];
            let round = (v - 1) / COUNTIES.len();
            let name = if round == 0 {
                format!("{city}{county}分会场")
            } else {
                format!("{city}{county}第{}分会场", round + 1)
            };
            vs.push(Venue {
                id: id.clone(),
                name,
                kind: VenueKind::Branch,
                location: format!("{county}教育局视频会议室"),
                contact: Some(Contact {
                    name: person_name(&mut rng),
                    phone: Some(phone(&mut rng)),
                }),
                expected: None,
                sign_in: SignInMode::Roster,
                unit: String::new(),
                extra: Extra::new(),
            });
        }
        let county = if v == 0 {
            ""
        } else {
            COUNTIES[(v - 1) % COUNTIES.len()].1
        };
        let towns: Vec<String> = (0..10)
            .map(|k| {
                let stem = TOWN_STEMS[(v * 7 + k * 5) % TOWN_STEMS.len()];
                town_name(stem, k)
            })
            .collect();
        for n in 0..per_venue {
            // The last few seats of each venue are observers (列席) and staff (会务).
            let role = if per_venue >= 20 && n + 2 >= per_venue {
                Role::Staff
            } else if per_venue >= 20 && n + 6 >= per_venue {
                Role::Observer
            } else {
                Role::Member
            };
            let (unit, title, cat) = match role {
                Role::Staff => (
                    if v == 0 {
                        "省教育厅办公室".to_string()
                    } else {
                        format!("{county}教育局办公室")
                    },
                    "会务工作人员".to_string(),
                    None,
                ),
                Role::Observer => {
                    let (u, t) = rng.pick(&[
                        ("省扶贫开发办公室", "副处长"),
                        ("省财政厅教科文处", "主任科员"),
                        ("省人力资源和社会保障厅职业能力建设处", "副处长"),
                        ("陕西日报社", "记者"),
                    ]);
                    (u.to_string(), t.to_string(), None)
                }
                Role::Member | Role::Media => {
                    if v == 0 {
                        let (u, t, c) = main_member(&mut rng, n);
                        (u, t, Some(c))
                    } else {
                        let (u, t, c) = county_member(&mut rng, county, &towns, n);
                        (u, t, Some(CATEGORIES[c]))
                    }
                }
            };
            people.push(Participant {
                id: format!("{v:03}-{n:04}"),
                name: person_name(&mut rng),
                unit,
                title,
                category: cat.unwrap_or_default().to_string(),
                venue: id.clone(),
                phone: rng.percent(8).then(|| phone(&mut rng)),
                role,
                extra: Extra::new(),
            });
        }
    }

    let chair = people
        .iter()
        .find(|p| p.venue == "v000" && p.role == Role::Member)
        .map(|p| p.id.clone());
    let recorder = people
        .iter()
        .find(|p| p.venue == "v000" && p.role == Role::Staff)
        .map(|p| p.id.clone());
    let by_id = |id: &Option<String>| match id {
        Some(id) => PersonRef {
            participant: Some(id.clone()),
            ..PersonRef::default()
        },
        None => PersonRef {
            name: Some("主持人".into()),
            ..PersonRef::default()
        },
    };
    let branch_speakers: Vec<PersonRef> = people
        .iter()
        .filter(|p| p.venue != "v000" && p.category == CATEGORIES[category::COUNTY_LEADER])
        .take(3)
        .map(|p| PersonRef {
            participant: Some(p.id.clone()),
            ..PersonRef::default()
        })
        .collect();

    let item = |id: &str, title: &str, speaker: Option<PersonRef>, minutes: Option<i64>| Item {
        id: id.into(),
        title: title.into(),
        speaker,
        minutes,
        kind: None,
        notes: String::new(),
        speeches: Vec::new(),
        items: Vec::new(),
        extra: Extra::new(),
    };
    let mut items = vec![
        Item {
            kind: Some(ItemKind::Report),
            ..item(
                "roll-call",
                "分会场点名，检查视频和音频",
                Some(by_id(&recorder)),
                Some(10),
            )
        },
        Item {
            kind: Some(ItemKind::Report),
            ..item(
                "review",
                "通报上半年教育扶贫工作进展",
                Some(by_id(&chair)),
                Some(20),
            )
        },
        Item {
            kind: Some(ItemKind::Speech),
            items: branch_speakers
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    item(
                        &format!("exchange-{}", i + 1),
                        &format!("分会场交流发言（{}）", i + 1),
                        Some(s.clone()),
                        Some(8),
                    )
                })
                .collect(),
            ..item("exchange", "分会场交流发言", None, None)
        },
        Item {
            kind: Some(ItemKind::Speech),
            notes: "三项重点：控辍保学、精准资助、技能培训".into(),
            items: ["控辍保学", "精准资助", "技能培训"]
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    item(
                        &format!("task-{}", i + 1),
                        &format!("部署{t}工作"),
                        Some(by_id(&chair)),
                        Some(10),
                    )
                })
                .collect(),
            ..item("tasks", "部署下半年重点任务", None, None)
        },
        Item {
            kind: Some(ItemKind::Discussion),
            ..item("qa", "答疑与讨论", Some(by_id(&chair)), Some(15))
        },
    ];
    if items[2].items.is_empty() {
        // A one-venue meeting has no branch speakers: plan the exchange as one slot.
        items[2].minutes = Some(10);
        items[2].speaker = Some(by_id(&chair));
    }

    let branch_ids: Vec<String> = vs.iter().skip(1).map(|v| v.id.clone()).collect();
    let owners_every = |step: usize| -> Vec<OwnerRef> {
        branch_ids
            .iter()
            .step_by(step.max(1))
            .take(12)
            .map(|id| OwnerRef::Venue(id.clone()))
            .collect()
    };
    let action =
        |id: &str, text: &str, owners: Vec<OwnerRef>, item: &str, due: Option<(u32, u32, &str)>| {
            PlannedAction {
                id: id.into(),
                text: text.into(),
                owners,
                due: due.and_then(|(m, d, _)| NaiveDate::from_ymd_opt(2017, m, d)),
                due_text: due.map(|(_, _, t)| t.to_string()),
                item: Some(item.into()),
                assigned_by: Some(by_id(&chair)),
                extra: Extra::new(),
            }
        };
    let mut unit_owner = vec![OwnerRef::Unit("省教育厅学生资助管理中心".into())];
    unit_owner.extend(owners_every(3));
    let actions = vec![
        action(
            "a1",
            "控辍保学：9月底前完成建档立卡贫困户适龄儿童入学核查，逐人落实",
            owners_every(1),
            "task-1",
            Some((9, 30, "9月底前")),
        ),
        action(
            "a2",
            "精准资助：核对学生资助信息与扶贫部门数据，做到应助尽助",
            unit_owner,
            "task-2",
            Some((10, 31, "10月底前")),
        ),
        action(
            "a3",
            "技能培训：制定建档立卡贫困户技能培训计划并报送",
            owners_every(2),
            "task-3",
            Some((11, 15, "11月15日前")),
        ),
        action(
            "a4",
            "各分会场报送本次会议贯彻落实情况",
            owners_every(1),
            "qa",
            Some((9, 8, "下周五")),
        ),
    ];

    Agenda {
        schema: None,
        format: 1,
        meeting: MeetingInfo {
            id: format!("gen-{venues}x{per_venue}-s{seed}"),
            title: format!("全省教育扶贫工作推进视频会议（生成样例：{venues} 个会场）"),
            date,
            start,
            end,
            organizer: "省教育厅".into(),
            co_organizers: Vec::new(),
            context: String::new(),
            late_grace_minutes: 0,
            walk_in_role: Role::Member,
            chair: by_id(&chair),
            recorder: recorder.as_ref().map(|_| by_id(&recorder)),
            location: "省教育厅视频会议室".into(),
            language: Language::Zh,
            dates: Default::default(),
            extra: Extra::new(),
        },
        venues: vs,
        participants: people,
        items,
        actions,
        categories: Vec::new(),
        document: None,
        extra: Extra::new(),
    }
}

/// Write an agenda as JSON laid out for people: the meeting, venues, items and actions
/// pretty-printed first, then the roster with one participant per line, so that a
/// 360-person roster is 360 reviewable lines rather than 4,000.
pub fn write_agenda(a: &Agenda, w: &mut impl Write) -> io::Result<()> {
    fn pretty<T: serde::Serialize>(v: &T, indent: &str) -> io::Result<String> {
        let s = serde_json::to_string_pretty(v)?;
        Ok(s.replace('\n', &format!("\n{indent}")))
    }
    writeln!(w, "{{")?;
    if let Some(s) = &a.schema {
        writeln!(w, "  \"$schema\": {},", serde_json::to_string(s)?)?;
    }
    writeln!(w, "  \"format\": {},", a.format)?;
    writeln!(w, "  \"meeting\": {},", pretty(&a.meeting, "  ")?)?;
    if let Some(d) = &a.document {
        writeln!(w, "  \"document\": {},", pretty(d, "  ")?)?;
    }
    if !a.categories.is_empty() {
        writeln!(w, "  \"categories\": {},", pretty(&a.categories, "  ")?)?;
    }
    writeln!(w, "  \"venues\": {},", pretty(&a.venues, "  ")?)?;
    writeln!(w, "  \"items\": {},", pretty(&a.items, "  ")?)?;
    writeln!(w, "  \"actions\": {},", pretty(&a.actions, "  ")?)?;
    write!(w, "  \"participants\": [")?;
    for (i, p) in a.participants.iter().enumerate() {
        w.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        write_participant_line(p, w)?;
    }
    if a.participants.is_empty() {
        write!(w, "]")?;
    } else {
        write!(w, "\n  ]")?;
    }
    if a.extra.is_empty() {
        writeln!(w)?;
    } else {
        writeln!(w, ",\n  \"extra\": {}", pretty(&a.extra, "  ")?)?;
    }
    writeln!(w, "}}")
}

/// `{"id": "1001", "name": "王晓红", ...}` on one line, fields in the documented order,
/// defaults left out.
fn write_participant_line(p: &Participant, w: &mut impl Write) -> io::Result<()> {
    let field = |w: &mut dyn Write, first: bool, key: &str, value: &str| -> io::Result<()> {
        if !first {
            w.write_all(b", ")?;
        }
        write!(w, "\"{key}\": ")?;
        serde_json::to_writer(&mut *w, value)?;
        Ok(())
    };
    w.write_all(b"{")?;
    field(w, true, "id", &p.id)?;
    field(w, false, "name", &p.name)?;
    if !p.unit.is_empty() {
        field(w, false, "unit", &p.unit)?;
    }
    if !p.title.is_empty() {
        field(w, false, "title", &p.title)?;
    }
    if !p.category.is_empty() {
        field(w, false, "category", &p.category)?;
    }
    field(w, false, "venue", &p.venue)?;
    match p.role {
        Role::Member => {}
        Role::Observer => field(w, false, "role", "observer")?,
        Role::Staff => field(w, false, "role", "staff")?,
        Role::Media => field(w, false, "role", "media")?,
    }
    if let Some(ph) = &p.phone {
        field(w, false, "phone", ph)?;
    }
    if !p.extra.is_empty() {
        write!(w, ", \"extra\": ")?;
        serde_json::to_writer(&mut *w, &p.extra)?;
    }
    w.write_all(b"}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::{Severity, load_agenda};
    use crate::i18n::Lang;

    #[test]
    fn same_seed_same_agenda_other_seed_other_names() {
        let a = generate(3, 50, 7);
        assert_eq!(a, generate(3, 50, 7));
        let b = generate(3, 50, 8);
        assert_ne!(a.participants[10].name, b.participants[10].name);
    }

    #[test]
    fn generated_agenda_round_trips_and_checks_clean() {
        for (v, n) in [(1, 1), (1, 30), (2, 5), (5, 360), (120, 20)] {
            let a = generate(v, n, 1);
            assert_eq!(a.participants.len(), v * n);
            let mut out = Vec::new();
            write_agenda(&a, &mut out).unwrap();
            let loaded = load_agenda(&out, Lang::En);
            let problems: Vec<_> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity >= Severity::Warning)
                .collect();
            assert!(problems.is_empty(), "{v}x{n}: {problems:?}");
            assert_eq!(loaded.agenda.as_ref(), Some(&a), "{v}x{n}");
        }
    }

    #[test]
    fn names_include_every_polyphonic_surname() {
        let a = generate(10, 360, 3);
        for s in POLYPHONIC_SURNAMES {
            assert!(
                a.participants.iter().any(|p| p.name.starts_with(s)),
                "no name with surname {s}"
            );
        }
        // Names are two to four characters.
        for p in &a.participants {
            let n = p.name.chars().count();
            assert!((2..=4).contains(&n), "{}", p.name);
        }
    }

    #[test]
    fn rng_below_stays_in_range() {
        let mut r = Rng::new(0);
        for n in [1, 2, 3, 7, 100, 1 << 20] {
            for _ in 0..1000 {
                assert!(r.below(n) < n);
            }
        }
    }
}
