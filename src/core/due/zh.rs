//! Chinese due phrases: `6月底前`, `下周五`, `3个工作日内`, `国庆节前`, `2017年内`,
//! `会后三天内`, `今天下班前`, `一个半月内`…

use chrono::{Datelike, Months, Weekday};

use super::holidays::Festival;
use super::{Ctx, DueHint, Found, is_cjk, numeric};

/// Words before a deadline that do not change it; the meeting-relative ones (`会后`) too,
/// since every phrase is counted from the meeting.
const PREFIXES: &[&str] = &[
    "自会议结束之日起",
    "会议结束之后",
    "会议结束后",
    "本次会议后",
    "自即日起",
    "自今日起",
    "从今天起",
    "即日起",
    "散会后",
    "会议后",
    "会后",
    "截止到",
    "截止至",
    "截至",
    "截止",
    "不晚于",
    "不迟于",
    "最迟于",
    "最迟",
    "最晚",
    "务必于",
    "务必",
    "须于",
    "需于",
    "要在",
    "应在",
    "于",
    "在",
    "到",
];

/// Words after a deadline that do not change it (`前` is handled apart: see `strip_frame`).
const SUFFIXES: &[&str] = &[
    "完成", "到位", "落实", "办结", "上报", "报送", "提交", "整改", "为止", "截止", "止", "左右",
];

/// Times of day: the date is what counts; the phrase keeps the time.
const TIME_WORDS: &[&str] = &[
    "下班时",
    "下班",
    "上班",
    "中午",
    "上午",
    "下午",
    "晚上",
    "傍晚",
    "早上",
    "凌晨",
    "午前",
    "午后",
];

/// The phrase without spaces and deadline words, `以内`/`之内` as `内`, and whether it ended
/// with `前` (`6月前` is before June begins; `3天前` is three days ago).
pub(super) fn strip_frame(s: &str) -> (String, bool) {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut t = compact.as_str();
    let mut before = false;
    loop {
        let start = t;
        for p in PREFIXES {
            if let Some(rest) = t.strip_prefix(p)
                && !rest.is_empty()
            {
                t = rest;
            }
        }
        for suf in SUFFIXES {
            if let Some(rest) = t.strip_suffix(suf)
                && !rest.is_empty()
            {
                t = rest;
            }
        }
        for suf in ["之前", "以前", "前"] {
            if let Some(rest) = t.strip_suffix(suf)
                && !rest.is_empty()
            {
                t = rest;
                before = true;
            }
        }
        t = strip_time_of_day(t);
        if t == start {
            break;
        }
    }
    (t.replace("以内", "内").replace("之内", "内"), before)
}

/// `今天下班` → `今天`, `本周五下午5点` → `本周五`, `6月30日17:00` → `6月30日`.
fn strip_time_of_day(t: &str) -> &str {
    let mut s = t;
    loop {
        let start = s;
        for w in TIME_WORDS {
            if let Some(rest) = s.strip_suffix(w)
                && !rest.is_empty()
            {
                s = rest;
            }
        }
        if let Some(rest) = strip_clock(s)
            && !rest.is_empty()
        {
            s = rest;
        }
        if s == start {
            return s;
        }
    }
}

/// A clock time at the end: `17:00`, `5点`, `17时`, `五点半`, `17点30分`, `十点整`.
fn strip_clock(s: &str) -> Option<&str> {
    if let Some((head, mins)) = s.rsplit_once(':')
        && mins.len() == 2
        && mins.bytes().all(|b| b.is_ascii_digit())
    {
        let digits = head.bytes().rev().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) {
            return Some(&head[..head.len() - digits]);
        }
    }
    let mut rest = s;
    for tail in ["整", "半"] {
        rest = rest.strip_suffix(tail).unwrap_or(rest);
    }
    if let Some(r) = rest.strip_suffix('分') {
        let (_, before_minutes) = trailing_number(r, 59)?;
        rest = before_minutes;
    }
    let r = rest
        .strip_suffix('点')
        .or_else(|| rest.strip_suffix('时'))?;
    let (_, head) = trailing_number(r, 24)?;
    Some(head)
}

/// The longest number at the end of `s` that is at most `max`, and what comes before it.
fn trailing_number(s: &str, max: u64) -> Option<(u64, &str)> {
    let starts: Vec<usize> = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_numeral(c))
        .map(|(i, _)| i)
        .collect();
    starts.iter().rev().find_map(|&i| {
        let n = take_number(&s[i..]).filter(|(_, rest)| rest.is_empty())?.0;
        (n <= max).then_some((n, &s[..i]))
    })
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || cn_digit(c).is_some() || c == '十'
}

pub(super) fn chinese(s: &str, r: &Ctx) -> Found {
    if !s.chars().any(is_cjk) {
        return None;
    }
    let (t, before) = strip_frame(s);
    let t = t.as_str();
    if is_past(t) {
        return Some(Err(r.past()));
    }
    if let Some(found) = numeric(t, r) {
        return Some(found);
    }
    cn_fixed(t, r)
        .or_else(|| cn_workday(t, r))
        .or_else(|| cn_festival(t, r, before))
        .or_else(|| cn_week(t, r))
        .or_else(|| cn_duration(t, r, before))
        .or_else(|| cn_relative_month(t, r))
        .or_else(|| cn_calendar(t, r, before))
        .or_else(|| cn_bare_day(t, r))
}

/// Phrases that can only mean a day before the meeting: `昨天`, `上周五`, `上个月底`, `去年`.
fn is_past(t: &str) -> bool {
    [
        "昨天",
        "昨日",
        "昨晚",
        "大前天",
        "前天",
        "前日",
        "去年",
        "前年",
        "上年",
        "上个月",
        "上月",
        "上周",
        "上个星期",
        "上星期",
        "上个礼拜",
        "上礼拜",
        "上个季度",
        "上季度",
        "上一季度",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

fn cn_fixed(t: &str, r: &Ctx) -> Found {
    let days = match t {
        "今天" | "今日" | "当天" | "当日" | "今天内" | "今日内" | "当天内" | "当日内" | "即日"
        | "会上" | "会后" | "散会" | "会议结束" | "下班" | "今晚" => 0,
        "明天" | "明日" | "次日" | "明天内" | "明日内" => 1,
        "后天" | "后日" => 2,
        "大后天" => 3,
        _ => return None,
    };
    Some(r.add_days(days))
}

/// `下个工作日`: the next working day by the holiday calendar.
fn cn_workday(t: &str, r: &Ctx) -> Found {
    matches!(
        t,
        "下个工作日" | "下一个工作日" | "下一工作日" | "次一工作日" | "次个工作日" | "下一工作日内"
    )
    .then(|| r.add_workdays(1))
}

/// `国庆节前`, `十一前`, `春节前`, `年前`, `节前`, `五一前`, `中秋节后`: the last working day
/// before (or the first after) the festival's break.
fn cn_festival(t: &str, r: &Ctx, before: bool) -> Found {
    let (stem, after) = if before {
        (t, false)
    } else {
        let stem = ["之后", "以后", "后"]
            .iter()
            .find_map(|w| t.strip_suffix(w))?;
        (stem, true)
    };
    let stem = ["小长假", "长假", "假期", "放假", "假"]
        .iter()
        .find_map(|w| stem.strip_suffix(w).filter(|s| !s.is_empty()))
        .unwrap_or(stem);
    let f = match stem {
        "节" | "节日" | "过节" => return Some(r.any_festival(!after)),
        "元旦" | "元旦节" => Festival::NewYear,
        "春节" | "年" | "过年" | "农历新年" | "大年" | "除夕" => {
            Festival::SpringFestival
        }
        "清明" | "清明节" => Festival::Qingming,
        "五一" | "劳动节" | "五一劳动节" | "五一节" => Festival::LabourDay,
        "端午" | "端午节" => Festival::DragonBoat,
        "中秋" | "中秋节" => Festival::MidAutumn,
        "国庆" | "国庆节" | "十一" => Festival::NationalDay,
        _ => return None,
    };
    Some(r.festival(f, !after))
}

fn cn_weekday(c: char) -> Option<Weekday> {
    Some(match c {
        '一' | '1' => Weekday::Mon,
        '二' | '2' => Weekday::Tue,
        '三' | '3' => Weekday::Wed,
        '四' | '4' => Weekday::Thu,
        '五' | '5' => Weekday::Fri,
        '六' | '6' => Weekday::Sat,
        '日' | '天' | '七' | '7' => Weekday::Sun,
        _ => return None,
    })
}

/// Strip a "week" word: 周, 星期, 礼拜, 个星期, 个礼拜.
fn strip_week_word(t: &str) -> Option<&str> {
    ["个星期", "个礼拜", "星期", "礼拜", "周"]
        .iter()
        .find_map(|w| t.strip_prefix(w))
}

fn cn_week(t: &str, r: &Ctx) -> Found {
    // Which week: this (0), next (1), the one after (2), or the coming day (None).
    let (weeks, rest) = if let Some(rest) = t.strip_prefix("下下") {
        (Some(2), strip_week_word(rest)?)
    } else if let Some(rest) = ["下个", "下一个", "下一", "下"]
        .iter()
        .find_map(|p| t.strip_prefix(p).and_then(strip_week_word))
    {
        (Some(1), rest)
    } else if let Some(rest) = ["这个", "本", "这"]
        .iter()
        .find_map(|p| t.strip_prefix(p).and_then(strip_week_word))
    {
        (Some(0), rest)
    } else {
        (None, strip_week_word(t)?)
    };
    // `下周周五`, `下周星期五`: the week word said twice.
    let rest = strip_week_word(rest).unwrap_or(rest);
    let at = |wd: Weekday| match weeks {
        Some(0) | None => r.this_week(wd),
        Some(w) => r.weekday_of_week(w, wd),
    };
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        // 本周 / 下周 / 本周内 / 周内: the Friday of that working week.
        (None, _) | (Some('内'), None) => Some(at(Weekday::Fri)),
        // 周末 / 本周末 / 下周末: the Sunday of that week.
        (Some('末'), None) => Some(at(Weekday::Sun)),
        (Some(c), None) => {
            let wd = cn_weekday(c)?;
            Some(match weeks {
                Some(0) => r.this_week(wd),
                Some(w) => r.weekday_of_week(w, wd),
                None => r.coming(wd),
            })
        }
        _ => None,
    }
}

/// A leading number in Arabic digits or Chinese numerals (`3`, `三`, `两`, `十五`, `二〇一七`),
/// and the rest of the text.
pub(super) fn take_number(t: &str) -> Option<(u64, &str)> {
    let end = t
        .char_indices()
        .find(|&(_, c)| !(is_numeral(c) || c == '百'))
        .map_or(t.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let num = &t[..end];
    let value = if num.bytes().all(|b| b.is_ascii_digit()) {
        if num.len() > 9 {
            return None;
        }
        num.parse().ok()?
    } else {
        cn_number(num)?
    };
    Some((value, &t[end..]))
}

fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// `十五` = 15, `二十` = 20, `一百零五` = 105, `二〇一七` = 2017 (digit by digit).
pub(super) fn cn_number(s: &str) -> Option<u64> {
    if s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if !s.contains('十') && !s.contains('百') {
        if s.chars().count() > 9 {
            return None;
        }
        return s
            .chars()
            .try_fold(0u64, |acc, c| Some(acc * 10 + cn_digit(c)?));
    }
    let mut total = 0u64;
    let mut pending: Option<u64> = None;
    for c in s.chars() {
        match c {
            '百' => {
                total += pending.take().unwrap_or(1) * 100;
            }
            '十' => {
                total += pending.take().unwrap_or(1) * 10;
            }
            _ => {
                let d = cn_digit(c)?;
                if pending.is_some() && d != 0 {
                    return None;
                }
                if d != 0 {
                    pending = Some(d);
                }
            }
        }
    }
    Some(total + pending.unwrap_or(0))
}

/// `3天内`, `两周内`, `3个月后`, `两月内`, `一个半月内`, `半年内`, `5个工作日内`, `48小时内`.
fn cn_duration(t: &str, r: &Ctx, before: bool) -> Found {
    let (n, rest, half_only) = if let Some(rest) = t.strip_prefix('半') {
        (0, rest, true)
    } else {
        let (n, rest) = take_number(t)?;
        (n, rest, false)
    };
    let had_ge = rest.starts_with('个');
    let rest = rest.strip_prefix('个').unwrap_or(rest);
    let (plus_half, rest) = match rest.strip_prefix('半') {
        Some(r) if !half_only => (true, r),
        _ => (false, rest),
    };
    let (unit, tail) = [
        ("工作日", 'w'),
        ("小时", 'h'),
        ("天", 'd'),
        ("日", 'D'),
        ("星期", 'k'),
        ("礼拜", 'k'),
        ("周", 'k'),
        ("月", 'm'),
        ("年", 'y'),
    ]
    .iter()
    .find_map(|(w, u)| rest.strip_prefix(w).map(|tail| (*u, tail)))?;
    // `一年半`: the half after the unit.
    let (plus_half, tail) = match tail.strip_prefix('半') {
        Some(t) if !half_only && !plus_half && unit == 'y' => (true, t),
        _ => (plus_half, tail),
    };
    if !matches!(tail, "" | "后" | "内" | "以后" | "之后" | "过后") {
        return None;
    }
    // `20日` alone is a day of the month; `20日内` is a duration.
    if unit == 'D' && tail.is_empty() {
        return None;
    }
    // A count of months or years says so with 个, 半 or 两 (no month is called 两), or
    // with 内/后: `3月` is March and `2017年` a year.
    let counted = had_ge || half_only || plus_half || t.starts_with('两');
    if unit == 'm' && !counted && tail.is_empty() {
        return None;
    }
    if unit == 'y' && !(counted || (!tail.is_empty() && n < 1000)) {
        return None;
    }
    if before {
        // `3天前` is three days ago, not a deadline.
        return Some(Err(r.past()));
    }
    if n > 200_000 {
        return Some(Err(r.too_far()));
    }
    let found = match (unit, half_only) {
        ('d' | 'D', false) => r.add_days(n),
        ('h', false) => r.add_days(n.div_ceil(24)),
        ('w', false) => r.add_workdays(n),
        ('k', false) => r.add_days(n * 7),
        ('m', false) => r.add_months(n).and_then(|d| {
            if plus_half {
                d.checked_add_days(chrono::Days::new(15))
                    .ok_or_else(|| r.too_far())
            } else {
                Ok(d)
            }
        }),
        ('y', false) => r.add_months(n * 12 + if plus_half { 6 } else { 0 }),
        ('m', true) => r.add_days(15),
        ('y', true) => r.add_months(6),
        ('k', true) => r.add_days(3),
        ('d' | 'D', true) => r.add_days(0),
        _ => return None,
    };
    if found.is_ok() && unit == 'm' && !counted {
        r.hint(DueHint::MonthsAsDuration { months: n });
    }
    Some(found)
}

/// A day within a month: `底`/`末`/`内`/`下旬`/`` (the last day, as 0), `上旬` 10,
/// `中旬` 20, `中` 15, `初` 5, `N日`/`N号` N.
fn cn_day_part(t: &str) -> Option<u32> {
    // `十二月月底`: the month word said twice.
    let t = match t.strip_prefix('月') {
        Some(rest) if matches!(rest, "底" | "末" | "初" | "中" | "内") => rest,
        _ => t,
    };
    Some(match t {
        "" | "底" | "末" | "内" | "下旬" | "份" | "份内" | "底之前" => 0,
        "上旬" => 10,
        "中旬" => 20,
        "中" => 15,
        "初" => 5,
        _ => {
            let (n, rest) = take_number(t)?;
            if !matches!(rest, "日" | "号") || !(1..=31).contains(&n) {
                return None;
            }
            n as u32
        }
    })
}

fn cn_relative_month(t: &str, r: &Ctx) -> Found {
    // (months ahead, rest, rolls on to next month once past)
    let (ahead, rest, rolls) = if let Some(rest) = ["下下个月", "下下月"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
    {
        (2, rest, false)
    } else if let Some(rest) = ["下个月", "下一个月", "下月"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
    {
        (1, rest, false)
    } else if let Some(rest) = ["本月", "这个月", "这月", "当月"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
    {
        (0, rest, false)
    } else if let Some(rest) = t.strip_prefix('月')
        && matches!(
            rest,
            "底" | "末" | "内" | "中" | "初" | "上旬" | "中旬" | "下旬"
        )
    {
        (0, rest, true)
    } else if matches!(t, "上旬" | "中旬" | "下旬") {
        (0, t, true)
    } else {
        return None;
    };
    let day = cn_day_part(rest)?;
    if rolls {
        // `月中`, `上旬` said after the day: next month's.
        return Some(r.this_or_next_month(day));
    }
    let first = r
        .reference
        .with_day(1)
        .and_then(|d| d.checked_add_months(Months::new(ahead)));
    let Some(first) = first else {
        return Some(Err(r.too_far()));
    };
    Some(r.in_year(first.year(), first.month(), day))
}

/// A year named before the rest: `2017年`, `二〇一七年`, `今年`, `明年`, `后年`.
fn take_year<'a>(t: &'a str, r: &Ctx) -> (Option<i32>, &'a str) {
    let y = r.reference.year();
    for (p, year) in [
        ("今年", y),
        ("本年", y),
        ("当年", y),
        ("明年", y + 1),
        ("次年", y + 1),
        ("来年", y + 1),
        ("后年", y + 2),
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            return (Some(year), rest);
        }
    }
    if let Some((n, rest)) = take_number(t)
        && let Some(rest) = rest.strip_prefix('年')
        && n >= 1000
        && let Ok(year) = i32::try_from(n)
    {
        return (Some(year), rest);
    }
    (None, t)
}

fn cn_calendar(t: &str, r: &Ctx, before: bool) -> Found {
    let (year, rest) = take_year(t, r);
    // The whole year: 年底, 年内, 2017年底, 2017年内, 明年, 今年内.
    let year_end = match year {
        Some(_) => matches!(
            rest,
            "" | "底" | "末" | "内" | "度" | "度内" | "年底" | "年末" | "年内" | "全年"
        ),
        None => matches!(
            rest,
            "年底" | "年末" | "年内" | "本年度" | "年度内" | "本年度内" | "全年" | "岁末"
        ),
    };
    if year_end {
        let y = year.unwrap_or(r.reference.year());
        // `2018年前`: before 2018 begins. Said within that very year it can only mean
        // within it (`2017年前完成` at a 2017 meeting).
        let y = if before && rest.is_empty() && y != r.reference.year() {
            y - 1
        } else {
            y
        };
        return Some(r.ymd(y, 12, 31));
    }
    let at = |month: u32, day: u32| match year {
        Some(y) => r.in_year(y, month, day),
        None => r.next_occurrence(month, day),
    };
    match rest {
        "上半年" | "年中" => return Some(at(6, 30)),
        "下半年" => return Some(at(12, 31)),
        // `明年初`, `年初`: by the end of January.
        "年初" => return Some(at(1, 31)),
        "初" if year.is_some() => return Some(at(1, 31)),
        _ => {}
    }
    // Quarters: 季度末, 本季度, 下季度末, 第二季度末, 三季度.
    if year.is_none() {
        let q = ["本季度", "这个季度", "当季", "季度", "本季", "季"]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
            .map(|x| (0, x))
            .or_else(|| {
                ["下个季度", "下季度", "下季"]
                    .iter()
                    .find_map(|p| rest.strip_prefix(p))
                    .map(|x| (1, x))
            });
        if let Some((ahead, tail)) = q
            && matches!(tail, "" | "末" | "底" | "内")
        {
            return Some(r.quarter_end(ahead));
        }
    }
    let qrest = rest.strip_prefix('第').unwrap_or(rest);
    if let Some((n, tail)) = take_number(qrest)
        && let Some(tail) = tail.strip_prefix("季度")
        && matches!(tail, "" | "末" | "底" | "内")
        && (1..=4).contains(&n)
    {
        return Some(at(n as u32 * 3, 0));
    }
    // Months: 6月, 6月底, 6月30日, 十二月中旬, 十二月月底.
    let (month, tail) = take_number(rest)?;
    let tail = tail.strip_prefix('月')?;
    if !(1..=12).contains(&month) {
        return Some(Err(r.not_understood()));
    }
    let month = month as u32;
    let day = cn_day_part(tail)?;
    if before && tail.is_empty() {
        // `6月前`: before June begins.
        let found = at(month, 1).map(|d| d.pred_opt().unwrap_or(d));
        if found.is_ok() {
            r.hint(DueHint::BeforeMonthBegins { month });
        }
        return Some(found);
    }
    Some(at(month, day))
}

/// `15日`, `15号`: that day of this month, or of the next month once it has passed.
fn cn_bare_day(t: &str, r: &Ctx) -> Found {
    let (n, rest) = take_number(t)?;
    if !matches!(rest, "日" | "号") || !(1..=31).contains(&n) {
        return None;
    }
    Some(r.this_or_next_month(n as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        assert_eq!(cn_number("十"), Some(10));
        assert_eq!(cn_number("十五"), Some(15));
        assert_eq!(cn_number("二十"), Some(20));
        assert_eq!(cn_number("三十一"), Some(31));
        assert_eq!(cn_number("两"), Some(2));
        assert_eq!(cn_number("一百零五"), Some(105));
        assert_eq!(cn_number("二〇一七"), Some(2017));
        assert_eq!(cn_number("三五十"), None);
    }

    #[test]
    fn the_frame_and_the_time_of_day_come_off() {
        assert_eq!(strip_frame("今天下班前"), ("今天".into(), true));
        assert_eq!(strip_frame("本周五下午5点前"), ("本周五".into(), true));
        assert_eq!(strip_frame("6月30日17:00前"), ("6月30日".into(), true));
        assert_eq!(strip_frame("周五十点"), ("周五".into(), false));
        assert_eq!(strip_frame("6月30日十七时"), ("6月30日".into(), false));
        assert_eq!(strip_frame("会后三天内"), ("三天内".into(), false));
        assert_eq!(strip_frame("于6月底前到位"), ("6月底".into(), true));
        // A bare time is left alone: nothing would remain.
        assert_eq!(strip_frame("5点"), ("5点".into(), false));
    }
}
