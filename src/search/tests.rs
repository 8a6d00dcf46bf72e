use super::*;
use crate::core::agenda::Role;

fn person(id: &str, name: &str, unit: &str) -> Participant {
    Participant {
        id: id.into(),
        name: name.into(),
        unit: unit.into(),
        title: String::new(),
        category: String::new(),
        venue: "main".into(),
        phone: None,
        role: Role::Member,
        extra: Default::default(),
    }
}

fn people(people: &[(&str, &str, &str)]) -> Vec<Participant> {
    people.iter().map(|(i, n, u)| person(i, n, u)).collect()
}

fn index(list: &[(&str, &str, &str)]) -> NameIndex {
    NameIndex::build(&people(list))
}

/// The names found for `q`, best first.
fn names(ix: &NameIndex, people: &[(&str, &str, &str)], q: &str) -> Vec<String> {
    ix.search(q, 100, |_| true)
        .iter()
        .map(|h| people[h.index].1.to_string())
        .collect()
}

const ROSTER: &[(&str, &str, &str)] = &[
    ("A001", "王晓红", "市教育局"),
    ("A002", "李明", "市财政局"),
    ("A003", "张伟", "县教育局"),
    ("A004", "欧阳娜娜", "市卫生健康委员会"),
    ("A005", "王小虎", "第一中学"),
    ("A006", "吕雪", "第二中学"),
    ("A007", "黄晓红", "市教育局"),
    ("A008", "John Smith", "Acme Ltd"),
    ("B100", "王　红", "市委办公室"),
];

fn roster() -> NameIndex {
    index(ROSTER)
}

#[test]
fn chinese_name_whole_and_partial() {
    let ix = roster();
    assert_eq!(names(&ix, ROSTER, "王晓红")[0], "王晓红");
    assert_eq!(names(&ix, ROSTER, "晓红"), ["王晓红", "黄晓红"]);
    assert_eq!(names(&ix, ROSTER, "欧阳"), ["欧阳娜娜"]);
    let wang = names(&ix, ROSTER, "王");
    assert_eq!(wang, ["王晓红", "王小虎", "王　红"]);
}

#[test]
fn a_padded_two_character_name_matches_without_the_padding() {
    let ix = roster();
    let hits = ix.search("王红", 10, |_| true);
    assert_eq!(
        hits[0],
        Hit {
            index: 8,
            score: score::EXACT
        }
    );
}

#[test]
fn full_pinyin_with_or_without_separators() {
    let ix = roster();
    for q in [
        "wangxiaohong",
        "wang xiao hong",
        "Wang'Xiao'Hong",
        "WANGXIAOHONG",
    ] {
        let found = names(&ix, ROSTER, q);
        assert_eq!(found[0], "王晓红", "{q}: {found:?}");
        assert!(!found.contains(&"王小虎".to_string()), "{q}: {found:?}");
    }
    // A prefix of the pinyin, ending inside a syllable.
    assert_eq!(names(&ix, ROSTER, "wangxiaoh")[0], "王晓红");
    assert_eq!(names(&ix, ROSTER, "ouyang"), ["欧阳娜娜"]);
}

#[test]
fn pinyin_initials() {
    let ix = roster();
    let found = names(&ix, ROSTER, "wxh");
    assert_eq!(found[..2], ["王晓红", "王小虎"]);
    assert_eq!(names(&ix, ROSTER, "oynn"), ["欧阳娜娜"]);
    // zh/ch/sh may be typed as two letters.
    assert_eq!(names(&ix, ROSTER, "zhw")[0], "张伟");
    assert_eq!(names(&ix, ROSTER, "zw")[0], "张伟");
}

#[test]
fn mixed_pinyin_initials_and_characters() {
    let ix = roster();
    for q in [
        "wang xh",
        "wangxh",
        "王xh",
        "王xiaohong",
        "wang晓红",
        "wxhong",
    ] {
        assert_eq!(names(&ix, ROSTER, q)[0], "王晓红", "{q}");
    }
}

#[test]
fn given_name_in_pinyin_is_found_inside_the_name() {
    let ix = roster();
    let found = names(&ix, ROSTER, "xiaohong");
    assert_eq!(found[..2], ["王晓红", "黄晓红"]);
    let hits = ix.search("xiaohong", 10, |_| true);
    assert_eq!(hits[0].score, score::NAME_INSIDE + score::NAME_END_BONUS);
}

#[test]
fn unit_matches() {
    let ix = roster();
    assert_eq!(names(&ix, ROSTER, "教育局"), ["王晓红", "张伟", "黄晓红"]);
    assert_eq!(names(&ix, ROSTER, "县教育局"), ["张伟"]);
    assert_eq!(names(&ix, ROSTER, "acme"), ["John Smith"]);
}

#[test]
fn participant_number_exact_and_prefix() {
    let ix = roster();
    let hits = ix.search("a003", 10, |_| true);
    assert_eq!(
        hits[0],
        Hit {
            index: 2,
            score: score::EXACT_ID
        }
    );
    let found = names(&ix, ROSTER, "A00");
    assert_eq!(found.len(), 8);
    assert_eq!(names(&ix, ROSTER, "b1"), ["王　红"]);
    // Digits inside an id.
    assert_eq!(names(&ix, ROSTER, "100"), ["王　红"]);
}

#[test]
fn latin_names_by_word_initials_and_whole() {
    let ix = roster();
    assert_eq!(names(&ix, ROSTER, "john smith")[0], "John Smith");
    assert_eq!(names(&ix, ROSTER, "johnsmith")[0], "John Smith");
    assert_eq!(names(&ix, ROSTER, "js")[0], "John Smith");
    assert_eq!(names(&ix, ROSTER, "smith")[0], "John Smith");
}

#[test]
fn full_width_input_is_folded() {
    let ix = roster();
    assert_eq!(names(&ix, ROSTER, "ＷＸＨ")[0], "王晓红");
    assert_eq!(names(&ix, ROSTER, "ｗａｎｇ　ｘｈ")[0], "王晓红");
    assert_eq!(ix.search("Ａ００３", 10, |_| true)[0].index, 2);
    // And in the roster.
    let people = [("Ｃ０１", "ＡＢＣ", "")];
    let ix = index(&people);
    assert_eq!(ix.search("c01", 5, |_| true)[0].score, score::EXACT_ID);
    assert_eq!(ix.search("abc", 5, |_| true)[0].score, score::EXACT);
}

#[test]
fn u_umlaut_as_v_or_u() {
    let ix = roster();
    for q in ["lvxue", "luxue", "lüxue", "lx"] {
        assert_eq!(names(&ix, ROSTER, q)[0], "吕雪", "{q}");
    }
}

#[test]
fn empty_or_blank_query_matches_nobody() {
    let ix = roster();
    assert!(ix.search("", 10, |_| true).is_empty());
    assert!(ix.search("   ", 10, |_| true).is_empty());
    assert!(ix.search("　'", 10, |_| true).is_empty());
    assert!(ix.search("wang", 0, |_| true).is_empty());
    assert!(NameIndex::default().search("wang", 10, |_| true).is_empty());
}

#[test]
fn nothing_matches_gibberish() {
    let ix = roster();
    assert!(ix.search("qqqzzz", 10, |_| true).is_empty());
    assert!(ix.search("鑫鑫", 10, |_| true).is_empty());
}

/// Every polyphonic surname is found by its surname reading and by its other readings,
/// by initials, and its surname reading is the one shown.
#[test]
fn polyphonic_surnames() {
    let cases = [
        ("曾国强", "zeng", "ceng", "zgq"),
        ("单田芳", "shan", "dan", "stf"),
        ("解学武", "xie", "jie", "xxw"),
        ("仇晓东", "qiu", "chou", "qxd"),
        ("区志航", "ou", "qu", "ozh"),
        ("查海生", "zha", "cha", "zhs"),
        ("朴明哲", "piao", "pu", "pmz"),
        ("覃振宇", "qin", "tan", "qzy"),
    ];
    let people: Vec<(&str, &str, &str)> = cases.iter().map(|c| ("", c.0, "")).collect();
    let ix = index(&people);
    for (i, (name, surname, other, initials)) in cases.iter().enumerate() {
        let found = names(&ix, &people, surname);
        assert_eq!(
            found.first().map(String::as_str),
            Some(*name),
            "{surname}: {found:?}"
        );
        let found = names(&ix, &people, other);
        assert!(found.iter().any(|n| n == name), "{other}: {found:?}");
        let found = names(&ix, &people, initials);
        assert_eq!(
            found.first().map(String::as_str),
            Some(*name),
            "{initials}: {found:?}"
        );
        assert!(
            ix.name_pinyin(i).starts_with(&format!("{surname} ")),
            "{name}"
        );
        // The full name in pinyin, with the surname reading.
        let full = ix.name_pinyin(i).replace(' ', "");
        assert_eq!(ix.search(&full, 5, |_| true)[0].index, i, "{full}");
    }
}

#[test]
fn polyphonic_given_name_keeps_the_ordinary_reading_first() {
    let ix = index(&[("", "王曾", "")]);
    assert_eq!(ix.name_pinyin(0), "wang ceng");
    assert_eq!(ix.search("wangzeng", 5, |_| true).len(), 1);
    assert_eq!(ix.search("wangceng", 5, |_| true).len(), 1);
}

#[test]
fn compound_surnames_read_together() {
    let ix = index(&[("", "尉迟恭", ""), ("", "尉明", "")]);
    assert_eq!(ix.name_pinyin(0), "yu chi gong");
    assert_eq!(ix.name_pinyin(1), "wei ming");
    assert_eq!(ix.search("yuchigong", 5, |_| true)[0].index, 0);
}

#[test]
fn ranking_order_across_tiers() {
    let people = [
        ("1", "zz", "王晓红研究会"), // unit
        ("2", "黄王晓红", ""),       // inside the name
        ("3", "王晓红梅", ""),       // prefix
        ("4", "王晓红", ""),         // exact
        ("王晓红", "李四", ""),      // exact id
        ("6", "王晓", ""),           // nothing (shorter than the query)
    ];
    let ix = index(&people);
    let hits = ix.search("王晓红", 10, |_| true);
    let order: Vec<usize> = hits.iter().map(|h| h.index).collect();
    assert_eq!(
        order,
        [4, 3, 2, 1, 0],
        "the exact id first, then the exact name"
    );
    assert!(hits[0].score > hits[1].score);

    // Pinyin: whole-name initials and full pinyin before a mere prefix, before inside,
    // before units, before fuzzy.
    let people = [
        ("1", "李四", "wxh"),  // unit
        ("2", "王晓红梅", ""), // initials prefix
        ("3", "黄王晓红", ""), // inside
        ("4", "王晓红", ""),   // initials cover the name
        ("5", "吴啸海", ""),   // initials cover the name
        ("6", "王兴华", "x"),  // initials cover the name
    ];
    let ix = index(&people);
    let order: Vec<usize> = ix
        .search("wxh", 10, |_| true)
        .iter()
        .map(|h| h.index)
        .collect();
    assert_eq!(order, [3, 4, 5, 1, 2, 0]);
}

#[test]
fn id_prefix_ranks_after_name_prefix_and_before_inside() {
    let people = [("x", "黄l", ""), ("l9", "李", ""), ("k", "lin", "")];
    let ix = index(&people);
    let order: Vec<usize> = ix
        .search("l", 10, |_| true)
        .iter()
        .map(|h| h.index)
        .collect();
    assert_eq!(order, [1, 2, 0]);
    // 李 (li) and lin both begin with l; the id `l9` adds nothing above a name prefix.
    let hits = ix.search("l", 10, |_| true);
    assert_eq!(hits[0].score, score::NAME_PREFIX + score::WHOLE_NAME_BONUS);
}

#[test]
fn ties_keep_roster_order_and_results_are_deterministic() {
    let people: Vec<(String, String, String)> = (0..50)
        .map(|i| (format!("P{i:03}"), "王晓红".to_string(), "局".to_string()))
        .collect();
    let refs: Vec<(&str, &str, &str)> = people
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let ix = index(&refs);
    let hits = ix.search("wxh", 20, |_| true);
    let order: Vec<usize> = hits.iter().map(|h| h.index).collect();
    assert_eq!(order, (0..20).collect::<Vec<_>>());
    assert_eq!(hits, ix.search("wxh", 20, |_| true));
}

#[test]
fn limit_and_keep() {
    let ix = roster();
    assert_eq!(ix.search("w", 2, |_| true).len(), 2);
    let only_b = ix.search("wang", 10, |i| i == 4);
    assert_eq!(only_b.iter().map(|h| h.index).collect::<Vec<_>>(), [4]);
}

#[test]
fn fuzzy_gaps_rank_below_everything_exact() {
    let ix = roster();
    // "wngxh": the a of wang missing.
    let hits = ix.search("wngxh", 10, |_| true);
    assert_eq!(hits[0].index, 0);
    assert!(hits[0].score >= score::FUZZY && hits[0].score < score::UNIT);
    // A Chinese query with a gap.
    let hits = ix.search("王红", 10, |_| true);
    assert_eq!(hits[0].index, 8, "exact name first");
    assert!(
        hits.iter().any(|h| h.index == 0 && h.score < score::UNIT),
        "{hits:?}"
    );
}

#[test]
fn typing_mistakes() {
    let ix = roster();
    for q in [
        "wnagxiaohong",
        "wangxiaohogn",
        "wangxaiohong",
        "wangxiaohonh",
    ] {
        let hits = ix.search(q, 10, |_| true);
        assert_eq!(hits.first().map(|h| h.index), Some(0), "{q}: {hits:?}");
        assert!(hits[0].score < score::UNIT, "{q}: {hits:?}");
    }
    // Short queries get no typo allowance.
    assert!(ix.search("mni", 10, |_| true).iter().all(|h| h.index != 1));
}

#[test]
fn walk_ins_pushed_are_found() {
    let mut ix = roster();
    let n = ix.len();
    ix.push(&person("W1", "曾小贤", "临时"));
    assert_eq!(ix.len(), n + 1);
    assert!(!ix.is_empty());
    for q in [
        "曾小贤",
        "zengxiaoxian",
        "cengxiaoxian",
        "zxx",
        "w1",
        "临时",
    ] {
        let hits = ix.search(q, 5, |_| true);
        assert_eq!(hits.first().map(|h| h.index), Some(n), "{q}: {hits:?}");
    }
}

#[test]
fn explain_reports_field_kind_and_positions() {
    let ix = roster();
    let m = ix.explain(0, "wxh").unwrap();
    assert_eq!(
        (m.field, m.kind, m.by_pinyin),
        (MatchField::Name, MatchKind::Prefix, true)
    );
    assert_eq!(m.positions, [0, 1, 2]);
    let m = ix.explain(0, "xiaohong").unwrap();
    assert_eq!(
        (m.kind, m.positions.clone()),
        (MatchKind::Inside, vec![1, 2])
    );
    let m = ix.explain(8, "红").unwrap();
    assert_eq!(m.positions, [2], "padding counted in the original text");
    let m = ix.explain(2, "教育").unwrap();
    assert_eq!(
        (m.field, m.positions.clone()),
        (MatchField::Unit, vec![1, 2])
    );
    let m = ix.explain(2, "a003").unwrap();
    assert_eq!((m.field, m.kind), (MatchField::Id, MatchKind::Exact));
    let m = ix.explain(0, "wngxh").unwrap();
    assert_eq!(m.kind, MatchKind::Fuzzy);
    assert_eq!(m.positions, [0, 1, 2]);
    let m = ix.explain(0, "wnagxiaohong").unwrap();
    assert_eq!(m.kind, MatchKind::Typo);
    assert!(ix.explain(0, "李").is_none());
    // explain agrees with search on the score.
    for q in ["wxh", "wang", "教育", "a0", "wngxh", "xiaohong"] {
        for h in ix.search(q, 100, |_| true) {
            assert_eq!(
                ix.explain(h.index, q).map(|m| m.score),
                Some(h.score),
                "{q}"
            );
        }
    }
}

#[test]
fn long_names_of_many_reading_characters_stay_cheap() {
    // 着 reads zhao, zhe, zhuo, zhu: each character can take one or two letters of
    // "zhzh...", a walk that would branch without end if ways were not tried once.
    let name = "着".repeat(30);
    let ix = index(&[("", name.as_str(), "")]);
    let q = "zh".repeat(30);
    assert_eq!(ix.search(&q, 5, |_| true).len(), 1);
    let q = format!("{}x", "zh".repeat(40));
    let _ = ix.search(&q, 5, |_| true);
}

#[test]
fn initials_pull_in_no_unrelated_names() {
    // Each of these holds w, x and h in order somewhere in its readings.
    let people = [
        ("1", "于薇宁", ""),
        ("2", "魏宏行", ""),
        ("3", "王民行", ""),
        ("4", "王晓红", ""),
        ("5", "吴啸海", ""),
    ];
    let ix = index(&people);
    assert_eq!(names(&ix, &people, "wxh"), ["王晓红", "吴啸海"]);
    // From four letters on, and from the surname's letter, gaps are still allowed.
    assert_eq!(names(&ix, &people, "wngxh")[0], "王晓红");
    assert!(
        names(&ix, &people, "xhng").is_empty(),
        "not from the surname"
    );
}

#[test]
fn a_full_pinyin_match_with_ordinary_readings_comes_first() {
    // 方 reads `wang` only in old texts.
    let people = [
        ("1", "方伟", ""),
        ("2", "王伟明", ""),
        ("3", "王伟", ""),
        ("4", "汪伟", ""),
        ("5", "王伟", ""),
    ];
    let ix = index(&people);
    assert_eq!(
        names(&ix, &people, "wang wei"),
        ["王伟", "汪伟", "王伟", "王伟明", "方伟"]
    );
    let hits = ix.search("wangwei", 10, |_| true);
    assert_eq!(hits[0].score, score::NAME_PREFIX + score::WHOLE_NAME_BONUS);
    assert_eq!(hits[3].score, score::NAME_PREFIX);
    let rare = score::NAME_PREFIX + score::WHOLE_NAME_BONUS - score::RARE_READING;
    assert_eq!(hits[4].score, rare);
    assert!(rare > score::ID_PREFIX);
    // Its ordinary reading still finds it first.
    assert_eq!(names(&ix, &people, "fangwei")[0], "方伟");
}

#[test]
fn an_exact_id_ranks_first_whatever_else_holds_it() {
    let people = [
        ("21005", "李四", ""),
        ("7", "张三", "1005室"),
        ("8", "1005", ""),
        ("1005", "王五", ""),
        ("10051", "赵六", ""),
    ];
    let ix = index(&people);
    let hits = ix.search("1005", 10, |_| true);
    assert_eq!(hits[0].index, 3);
    assert_eq!(hits[0].score, score::EXACT_ID);
    assert_eq!(hits[1].index, 2, "then the exact name");
}

#[test]
fn typing_mistakes_still_find_the_name() {
    let ix = roster();
    assert_eq!(names(&ix, ROSTER, "wnagxiaohong")[0], "王晓红");
    assert_eq!(names(&ix, ROSTER, "wangxiaohng")[0], "王晓红");
}

#[test]
fn an_index_without_readings_answers_queries_without_letters_alike() {
    let full = roster();
    for q in [
        "王",
        "晓红",
        "王晓红",
        "100",
        "B1",
        "市委",
        "王　红",
        "1",
        "02",
        "，",
        "王红",
    ] {
        let lite = NameIndex::build_for(&people(ROSTER), q);
        assert!(lite.answers(q), "{q}");
        let has_letter = q.chars().any(|c| c.is_ascii_alphabetic());
        assert_eq!(lite.pinyin, has_letter, "{q}");
        assert_eq!(
            lite.search(q, 50, |_| true),
            full.search(q, 50, |_| true),
            "{q}"
        );
        for i in 0..ROSTER.len() {
            assert_eq!(lite.explain(i, q), full.explain(i, q), "{q} {i}");
        }
    }
    let lite = NameIndex::build_for(&people(ROSTER), "王");
    assert!(!lite.answers("wang"));
}

#[test]
fn sorting_and_searching_read_a_name_alike() {
    // Surnames read apart from their common reading: 尉 wei (yu in 尉迟), 长 chang,
    // 单 shan (chan in 单于), 万 wan (mo in 万俟).
    let names = ["尉明", "尉迟恭", "长江", "单丽", "单于飞", "万里", "万俟卨"];
    let people: Vec<(String, &str, &str)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("P{i}"), *n, ""))
        .collect();
    let people: Vec<(&str, &str, &str)> = people
        .iter()
        .map(|(i, n, u)| (i.as_str(), *n, *u))
        .collect();
    let ix = index(&people);
    for (i, name) in names.iter().enumerate() {
        let key = sort_key(name);
        assert_eq!(ix.name_pinyin(i), key, "{name}");
        // The syllables the roster sorts by, typed, find the person first.
        let typed: String = key.split(' ').collect();
        let hits = ix.search(&typed, 3, |_| true);
        assert_eq!(hits.first().map(|h| h.index), Some(i), "{name}: {typed}");
    }
    let first = |n: &str| {
        sort_key(n)
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(first("尉明"), "wei");
    assert_eq!(first("尉迟恭"), "yu");
    assert_eq!(first("长江"), "chang");
    assert_eq!(first("单丽"), "shan");
    assert_eq!(first("单于飞"), "chan");
    assert_eq!(first("万里"), "wan");
    assert_eq!(first("万俟卨"), "mo");
    // The roster's order by name.
    let mut sorted = names.to_vec();
    sorted.sort_by_key(|n| sort_key(n));
    assert_eq!(
        sorted,
        ["单于飞", "长江", "万俟卨", "单丽", "万里", "尉明", "尉迟恭"]
    );
}
