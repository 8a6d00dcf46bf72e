//! The parser's own table (the office-meaning corpus is `tests/data/due-corpus.tsv`).

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// (reference date, phrase, expected date). 2017-05-04 (the reference meeting) is a Thursday.
const TABLE: &[(&str, &str, &str)] = &[
    // ISO and numeric
    ("2017-05-04", "2017-06-30", "2017-06-30"),
    ("2017-05-04", "2017/6/30", "2017-06-30"),
    ("2017-05-04", "2017.6.30", "2017-06-30"),
    ("2017-05-04", "20170630", "2017-06-30"),
    ("2017-05-04", "６／３０", "2017-06-30"),
    ("2017-05-04", "6/30", "2017-06-30"),
    ("2017-07-10", "6/30", "2018-06-30"),
    ("2017-05-04", "2017-06-30前", "2017-06-30"),
    // Month ends: 30 and 31 days, leap years, 2100 not leap
    ("2017-05-04", "6月底", "2017-06-30"),
    ("2017-05-04", "6月底前", "2017-06-30"),
    ("2017-05-04", "于6月底前到位", "2017-06-30"),
    ("2017-05-04", "7月底", "2017-07-31"),
    ("2016-01-10", "2月底", "2016-02-29"),
    ("2017-01-10", "2月底", "2017-02-28"),
    ("2100-01-01", "2月底", "2100-02-28"),
    ("2000-01-01", "2月底", "2000-02-29"),
    ("2016-03-01", "2月底", "2017-02-28"),
    ("2017-05-04", "十二月底", "2017-12-31"),
    ("2017-05-04", "6月", "2017-06-30"),
    ("2017-05-04", "6月份", "2017-06-30"),
    ("2017-05-04", "6月前", "2017-05-31"),
    ("2017-05-04", "6月上旬", "2017-06-10"),
    ("2017-05-04", "6月中旬", "2017-06-20"),
    ("2017-05-04", "6月下旬", "2017-06-30"),
    // 6月底 said in July: the next June end, a year on
    ("2017-07-10", "6月底", "2018-06-30"),
    ("2017-07-10", "6月底前", "2018-06-30"),
    ("2017-06-30", "6月底", "2017-06-30"),
    ("2017-07-10", "6月30日", "2018-06-30"),
    // This month, next month
    ("2017-05-04", "月底", "2017-05-31"),
    ("2017-05-04", "月底前", "2017-05-31"),
    ("2017-04-04", "月底", "2017-04-30"),
    ("2017-05-04", "本月底", "2017-05-31"),
    ("2017-05-04", "本月内", "2017-05-31"),
    ("2017-05-04", "下个月", "2017-06-30"),
    ("2017-05-04", "下月底", "2017-06-30"),
    ("2017-01-31", "下月底", "2017-02-28"),
    ("2017-12-05", "下月底", "2018-01-31"),
    ("2017-05-04", "下月15日", "2017-06-15"),
    ("2017-05-04", "下月初", "2017-06-05"),
    ("2017-12-20", "下下个月底", "2018-02-28"),
    // Full dates
    ("2017-05-04", "2017年6月30日", "2017-06-30"),
    ("2017-05-04", "2017年6月30号", "2017-06-30"),
    ("2017-05-04", "二〇一七年六月三十日", "2017-06-30"),
    ("2017-05-04", "6月30日", "2017-06-30"),
    ("2017-05-04", "6月30日前", "2017-06-30"),
    ("2017-05-04", "六月三十日之前", "2017-06-30"),
    ("2017-05-04", "2018年2月底", "2018-02-28"),
    ("2017-05-04", "2017年6月", "2017-06-30"),
    ("2017-05-04", "20日", "2017-05-20"),
    ("2017-05-24", "20号", "2017-06-20"),
    // Years
    ("2017-05-04", "年底", "2017-12-31"),
    ("2017-05-04", "年底前", "2017-12-31"),
    ("2017-05-04", "年内", "2017-12-31"),
    ("2017-05-04", "年内完成", "2017-12-31"),
    ("2017-05-04", "今年底", "2017-12-31"),
    ("2017-05-04", "明年底", "2018-12-31"),
    ("2017-05-04", "明年6月底", "2018-06-30"),
    ("2017-05-04", "2017年底", "2017-12-31"),
    ("2017-05-04", "上半年", "2017-06-30"),
    ("2017-05-04", "下半年", "2017-12-31"),
    // Quarters
    ("2017-05-04", "季度末", "2017-06-30"),
    ("2017-05-04", "本季度末", "2017-06-30"),
    ("2017-11-04", "季度末", "2017-12-31"),
    ("2017-11-04", "下季度末", "2018-03-31"),
    ("2017-05-04", "三季度末", "2017-09-30"),
    ("2017-05-04", "第一季度末", "2018-03-31"),
    // Relative days
    ("2017-05-04", "今天", "2017-05-04"),
    ("2017-05-04", "明天", "2017-05-05"),
    ("2017-05-04", "后天", "2017-05-06"),
    ("2017-12-31", "明天", "2018-01-01"),
    ("2017-05-04", "3天后", "2017-05-07"),
    ("2017-05-04", "三天后", "2017-05-07"),
    ("2017-05-04", "3天内", "2017-05-07"),
    ("2017-05-04", "十天内", "2017-05-14"),
    ("2017-05-04", "十五日内", "2017-05-19"),
    ("2017-05-04", "两周内", "2017-05-18"),
    ("2017-05-04", "两个星期内", "2017-05-18"),
    ("2017-05-04", "一个月内", "2017-06-04"),
    ("2017-01-31", "1个月后", "2017-02-28"),
    ("2017-05-04", "半个月内", "2017-05-19"),
    ("2017-05-04", "半年内", "2017-11-04"),
    ("2017-05-04", "5个工作日内", "2017-05-11"),
    ("2017-12-29", "5天后", "2018-01-03"),
    // Weeks (2017-05-04 is a Thursday; Monday-start weeks)
    ("2017-05-04", "下周五", "2017-05-12"),
    ("2017-05-04", "下个星期五", "2017-05-12"),
    ("2017-05-04", "下周一", "2017-05-08"),
    ("2017-05-04", "本周五", "2017-05-05"),
    ("2017-05-04", "这周五", "2017-05-05"),
    ("2017-05-04", "周五", "2017-05-05"),
    ("2017-05-04", "周五前", "2017-05-05"),
    ("2017-05-04", "星期五", "2017-05-05"),
    ("2017-05-05", "周五", "2017-05-12"),
    ("2017-05-06", "下周五", "2017-05-12"),
    ("2017-05-04", "周四", "2017-05-11"),
    ("2017-05-04", "周日", "2017-05-07"),
    ("2017-05-04", "本周内", "2017-05-05"),
    ("2017-05-04", "下周内", "2017-05-12"),
    ("2017-05-04", "周末", "2017-05-07"),
    ("2017-05-04", "下下周三", "2017-05-17"),
    ("2017-12-28", "下周五", "2018-01-05"),
    // English
    ("2017-05-04", "tomorrow", "2017-05-05"),
    ("2017-05-04", "next friday", "2017-05-12"),
    ("2017-05-04", "Next Friday", "2017-05-12"),
    ("2017-05-04", "this friday", "2017-05-05"),
    ("2017-05-04", "friday", "2017-05-05"),
    ("2017-05-04", "by friday", "2017-05-05"),
    ("2017-05-04", "end of june", "2017-06-30"),
    ("2017-07-10", "end of june", "2018-06-30"),
    ("2017-05-04", "end of June 2018", "2018-06-30"),
    ("2017-05-04", "end of month", "2017-05-31"),
    ("2017-05-04", "end of the month", "2017-05-31"),
    ("2017-05-04", "end of next month", "2017-06-30"),
    ("2017-05-04", "end of year", "2017-12-31"),
    ("2017-05-04", "end of the quarter", "2017-06-30"),
    ("2017-05-04", "end of q3", "2017-09-30"),
    ("2017-05-04", "in 3 days", "2017-05-07"),
    ("2017-05-04", "3 days", "2017-05-07"),
    ("2017-05-04", "within two weeks", "2017-05-18"),
    ("2017-05-04", "in a month", "2017-06-04"),
    ("2017-05-04", "5 working days", "2017-05-11"),
    ("2017-05-04", "june 30", "2017-06-30"),
    ("2017-05-04", "30 June", "2017-06-30"),
    ("2017-05-04", "June 30, 2018", "2018-06-30"),
    ("2017-05-04", "30th june 2018", "2018-06-30"),
    ("2017-05-04", "june", "2017-06-30"),
    ("2017-05-04", "by the end of june", "2017-06-30"),
    ("2017-05-04", "end of week", "2017-05-05"),
    ("2017-05-04", "next week", "2017-05-12"),
    ("2017-05-04", "1 April 2018", "2018-04-01"),
];

#[test]
fn phrases_resolve_to_the_documented_dates() {
    let mut failures = Vec::new();
    for (reference, phrase, want) in TABLE {
        match resolve(phrase, d(reference)) {
            Ok(due) if due.date == Some(d(want)) => {
                assert_eq!(due.text, phrase.trim());
            }
            other => failures.push(format!(
                "{phrase} @ {reference}: want {want}, got {other:?}"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn impossible_dates_say_which_day_does_not_exist() {
    let r = d("2017-05-04");
    assert_eq!(
        resolve("2017-02-29", r),
        Err(DueError::NoSuchDate {
            phrase: "2017-02-29".into(),
            year: 2017,
            month: 2,
            day: 29
        })
    );
    assert!(matches!(
        resolve("2月30日", r),
        Err(DueError::NoSuchDate { .. })
    ));
    assert!(matches!(
        resolve("2017年6月31日", r),
        Err(DueError::NoSuchDate { .. })
    ));
    assert!(resolve("2016-02-29", d("2016-01-04")).is_ok());
}

#[test]
fn nonsense_is_not_understood_and_the_past_is_refused() {
    let r = d("2017-05-04");
    for p in ["13月底", "周八", "whenever", "2017-13-01", "下周x"] {
        assert!(
            matches!(resolve(p, r), Err(DueError::NotUnderstood(_))),
            "{p}: {:?}",
            resolve(p, r)
        );
    }
    for p in [
        "3天前",
        "三天前",
        "3 days ago",
        "yesterday",
        "昨天",
        "上周五",
        "last friday",
        "2017-01-01",
    ] {
        assert!(
            matches!(resolve(p, r), Err(DueError::BeforeMeeting { .. })),
            "{p}: {:?}",
            resolve(p, r)
        );
    }
    assert_eq!(resolve("  ", r), Err(DueError::Empty));
    assert_eq!(
        resolve("99999999天后", r),
        Err(DueError::TooFar("99999999天后".into()))
    );
    assert_eq!(
        resolve("1 day", d("9999-12-31")),
        Err(DueError::TooFar("1 day".into()))
    );
    for p in [
        "10000-01-01",
        "10000年6月30日",
        "10000年底",
        "june 30 10000",
        "in 10000 years",
    ] {
        assert!(
            matches!(resolve(p, r), Err(DueError::TooFar(_))),
            "{p}: {:?}",
            resolve(p, r)
        );
    }
}

#[test]
fn phrases_without_a_date_are_kept_with_no_date() {
    let r = d("2017-05-04");
    for p in [
        "尽快",
        "立即",
        "按要求",
        "长期坚持",
        "持续",
        "asap",
        "ongoing",
        "TBD",
    ] {
        let due = resolve(p, r).unwrap();
        assert_eq!(due.date, None, "{p}");
        assert_eq!(due.text, p);
        assert!(due.hints.contains(&DueHint::NoDate), "{p}");
    }
}

#[test]
fn named_dates_of_the_agenda_resolve_and_unknown_ones_are_kept() {
    let ctx = Context {
        meeting: d("2017-05-04"),
        named: vec![
            ("开学".into(), d("2017-09-01")),
            ("寒假".into(), d("2018-01-20")),
            ("Spring Break".into(), d("2017-05-22")),
        ],
    };
    let at = |p: &str| resolve_in(p, &ctx).unwrap().date;
    assert_eq!(at("开学前"), Some(d("2017-08-31")));
    assert_eq!(at("开学"), Some(d("2017-09-01")));
    assert_eq!(at("开学当天"), Some(d("2017-09-01")));
    assert_eq!(at("by 开学"), Some(d("2017-09-01")));
    assert_eq!(at("before 开学"), Some(d("2017-08-31")));
    assert_eq!(at("于开学前完成"), Some(d("2017-08-31")));
    assert_eq!(at("寒假前"), Some(d("2018-01-19")));
    assert_eq!(at("before spring break"), Some(d("2017-05-19")));
    assert_eq!(at("by spring break"), Some(d("2017-05-22")));
    let without = resolve("开学前", d("2017-05-04")).unwrap();
    assert_eq!(without.date, None);
    assert!(without.hints.contains(&DueHint::UnknownNamedDate {
        name: "开学".into()
    }));
}

#[test]
fn errors_read_in_both_languages() {
    let e = resolve("2月30日", d("2017-01-04")).unwrap_err();
    assert_eq!(e.message(Lang::Zh), "`2月30日`：不存在 2017年2月30日");
    assert_eq!(e.message(Lang::En), "`2月30日`: there is no 2017-02-30");
    assert!(
        DueError::NotUnderstood("x".into())
            .message(Lang::Zh)
            .contains("6月底前")
    );
}

#[test]
fn describe_shows_the_weekday() {
    assert_eq!(describe(d("2017-06-30"), Lang::Zh), "2017-06-30 周五");
    assert_eq!(describe(d("2017-06-30"), Lang::En), "2017-06-30 Fri");
}

proptest::proptest! {
    #[test]
    fn no_input_panics(s in "\\PC{0,40}", y in 1i32..9999, doy in 0u32..365) {
        let r = NaiveDate::from_yo_opt(y, doy + 1).unwrap();
        let _ = resolve(&s, r);
    }

    #[test]
    fn no_phrase_like_input_panics(
        s in "[0-9一二两三十百〇年月日号底前内后周天个下本这上中旬季度半工作星期五末国庆春节元旦端午秋点时 a-z/.:-]{0,16}",
        y in 1i32..9999,
    ) {
        let r = NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
        let _ = resolve(&s, r);
        let r = NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        let _ = resolve(&s, r);
    }

    /// Holiday and working-day phrases at any date of the calendar: never a panic, never a
    /// date before the meeting.
    #[test]
    fn holiday_phrases_never_land_before_the_meeting(
        i in 0usize..12,
        y in 1i32..9999,
        doy in 0u32..365,
    ) {
        let phrases = [
            "国庆节前", "春节前", "年前", "节前", "节后", "元旦前", "中秋节前", "端午节后",
            "3个工作日内", "下个工作日", "before christmas", "next business day",
        ];
        let r = NaiveDate::from_yo_opt(y, doy + 1).unwrap();
        if let Ok(Due { date: Some(d), .. }) = resolve(phrases[i], r) {
            proptest::prop_assert!(d >= r, "{} at {r}: {d}", phrases[i]);
        }
    }
}
