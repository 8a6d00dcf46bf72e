//! Due dates as people say them, resolved to a calendar date. Pure: no clock is read; every
//! phrase is resolved against a reference date, normally the meeting's date.
//!
//! [`resolve`] accepts ISO and numeric dates (`2017-06-30`, `2017/6/30`, `6/30`), Chinese
//! phrases (`6月底前`, `下周五`, `3天后`, `两周内`, `2017年6月30日`, `年底`, `季度末`…) and
//! English ones (`next friday`, `end of june`, `in 3 days`, `tomorrow`, falling back on the
//! `interim` crate for the rest). It returns the date and the phrase as it was said, so
//! that the minutes can keep `6月底前` beside `2017-06-30`.
//!
//! What ambiguous phrases mean (the full table is in `docs/due-dates.md`):
//! - A point named without a year (`6月底`, `6月30日`, `end of june`, `Q2 end`) is the next
//!   such point on or after the reference date: `6月底` said on 2017-07-10 is 2018-06-30.
//! - Weeks start on Monday. `本周五`/`这周五`/`this friday` is the Friday of the reference
//!   date's week (even if it has passed); `下周五`/`next friday` the Friday of the next
//!   calendar week; a bare `周五`/`friday` the first Friday strictly after the reference date.
//! - `本周内`/`end of week` is the Friday of this week (the working week), `下周内` that of
//!   next week; `周末` is this week's Sunday.
//! - `月底`/`月内`/`本月` is the last day of the reference month; `下个月`/`下月底` the last day of
//!   the next month; `年底`/`年内`/`今年` December 31 of the reference year; `季度末` the last
//!   day of the reference date's quarter; `上半年`/`年中` June 30, `下半年` December 31.
//! - A month alone (`6月`, `june`) means by the end of that month; `6月前` (before June)
//!   means the last day of May. `上旬`/`中旬`/`下旬` are the 10th, 20th and last day; `月初`
//!   the 5th; `月中` the 15th.
//! - `N天后`/`N天内`/`in N days` add N days; `N个工作日` adds N weekdays (public holidays are
//!   not known); `N个月` adds months, clamped to the month's end (Jan 31 + 1 month = Feb 28).
//! - `前`, `之前`, `以前`, `为止`, `完成`, `到位` around a deadline do not change it:
//!   `6月30日前` is June 30, the day by which the task must be done.

use chrono::{Datelike, Days, Months, NaiveDate, TimeZone, Utc, Weekday};

use crate::i18n::Lang;

/// A resolved due date and the phrase it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub date: NaiveDate,
    /// The phrase as typed, trimmed (`6月底前`), kept as the action's `due_text`.
    pub text: String,
}

/// Why a phrase gave no date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueError {
    Empty,
    NotUnderstood(String),
    /// The phrase names a day the calendar does not have (`2月30日`, `2017-02-29`).
    NoSuchDate {
        phrase: String,
        year: i32,
        month: u32,
        day: u32,
    },
    /// The phrase is understood but lands outside the calendar's range.
    TooFar(String),
}

impl DueError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DueError::Empty, Lang::En) => "the due date is empty".into(),
            (DueError::Empty, Lang::Zh) => "完成时限为空".into(),
            (DueError::NotUnderstood(p), Lang::En) => format!(
                "cannot read `{p}` as a date; try 2017-06-30, 6月底前, 下周五, 3天后, next friday, end of june, in 3 days"
            ),
            (DueError::NotUnderstood(p), Lang::Zh) => format!(
                "无法识别日期 `{p}`；可写作 2017-06-30、6月底前、下周五、3天后、年底、next friday 等"
            ),
            (
                DueError::NoSuchDate {
                    phrase,
                    year,
                    month,
                    day,
                },
                Lang::En,
            ) => format!("`{phrase}`: there is no {year}-{month:02}-{day:02}"),
            (
                DueError::NoSuchDate {
                    phrase,
                    year,
                    month,
                    day,
                },
                Lang::Zh,
            ) => format!("`{phrase}`：不存在 {year}年{month}月{day}日"),
            (DueError::TooFar(p), Lang::En) => format!("`{p}` is too far away to be a due date"),
            (DueError::TooFar(p), Lang::Zh) => format!("`{p}` 超出可用的日期范围"),
        }
    }
}

impl std::fmt::Display for DueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DueError {}

/// Longest phrase looked at: a due date is a few words, and this bounds the work.
const MAX_CHARS: usize = 80;

/// Resolve a due-date phrase against `reference` (normally the meeting's date).
pub fn resolve(phrase: &str, reference: NaiveDate) -> Result<Due, DueError> {
    let text = phrase.trim();
    if text.is_empty() {
        return Err(DueError::Empty);
    }
    let not_understood = || DueError::NotUnderstood(text.to_string());
    if text.chars().count() > MAX_CHARS {
        return Err(not_understood());
    }
    let norm = normalize(text);
    let r = Ctx {
        reference,
        phrase: text,
    };
    let found = numeric(&norm, &r)
        .or_else(|| chinese(&norm, &r))
        .or_else(|| english(&norm, &r));
    match found {
        Some(Ok(date)) if !(1..=9999).contains(&date.year()) => Err(DueError::TooFar(text.into())),
        Some(Ok(date)) => Ok(Due {
            date,
            text: text.to_string(),
        }),
        Some(Err(e)) => Err(e),
        None => Err(not_understood()),
    }
}

/// The weekday as a secretary reads it: `周五` / `Fri`.
pub fn weekday_label(d: NaiveDate, lang: Lang) -> &'static str {
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

/// A resolved date for confirmation: `2017-06-30 周五` / `2017-06-30 Fri`.
pub fn describe(d: NaiveDate, lang: Lang) -> String {
    format!("{} {}", d.format("%Y-%m-%d"), weekday_label(d, lang))
}

type Found = Option<Result<NaiveDate, DueError>>;

struct Ctx<'a> {
    reference: NaiveDate,
    phrase: &'a str,
}

impl Ctx<'_> {
    fn ymd(&self, year: i32, month: u32, day: u32) -> Result<NaiveDate, DueError> {
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(DueError::NotUnderstood(self.phrase.to_string()));
        }
        if !(1..=9999).contains(&year) {
            return Err(DueError::TooFar(self.phrase.to_string()));
        }
        NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DueError::NoSuchDate {
            phrase: self.phrase.to_string(),
            year,
            month,
            day,
        })
    }

    fn too_far(&self) -> DueError {
        DueError::TooFar(self.phrase.to_string())
    }

    fn month_end(&self, year: i32, month: u32) -> Result<NaiveDate, DueError> {
        if !(1..=12).contains(&month) {
            return Err(DueError::NotUnderstood(self.phrase.to_string()));
        }
        month_end(year, month).ok_or_else(|| self.too_far())
    }

    /// `day` of `month` (0 = the month's last day) in the reference year, or the next year
    /// when that is before the reference date.
    fn next_occurrence(&self, month: u32, day: u32) -> Result<NaiveDate, DueError> {
        let r = self.reference;
        let year = if (month, day_or_end(day)) < (r.month(), r.day()) {
            r.year() + 1
        } else {
            r.year()
        };
        self.in_year(year, month, day)
    }

    fn in_year(&self, year: i32, month: u32, day: u32) -> Result<NaiveDate, DueError> {
        if day == 0 {
            self.month_end(year, month)
        } else {
            self.ymd(year, month, day)
        }
    }

    fn add_days(&self, n: u64) -> Result<NaiveDate, DueError> {
        self.reference
            .checked_add_days(Days::new(n))
            .ok_or_else(|| self.too_far())
    }

    fn add_months(&self, n: u32) -> Result<NaiveDate, DueError> {
        self.reference
            .checked_add_months(Months::new(n))
            .ok_or_else(|| self.too_far())
    }

    /// Weekday `wd` of the week `weeks` after the reference date's (Monday-start) week.
    fn weekday_of_week(&self, weeks: u64, wd: Weekday) -> Result<NaiveDate, DueError> {
        let r = self.reference;
        let monday = r - chrono::Duration::days(i64::from(r.weekday().num_days_from_monday()));
        monday
            .checked_add_days(Days::new(weeks * 7 + u64::from(wd.num_days_from_monday())))
            .ok_or_else(|| self.too_far())
    }

    /// The first `wd` strictly after the reference date.
    fn coming(&self, wd: Weekday) -> Result<NaiveDate, DueError> {
        let from = self.reference.weekday().num_days_from_monday();
        let to = wd.num_days_from_monday();
        let ahead = (to + 7 - from) % 7;
        self.add_days(u64::from(if ahead == 0 { 7 } else { ahead }))
    }

    fn add_workdays(&self, n: u64) -> Result<NaiveDate, DueError> {
        if n > 100_000 {
            return Err(self.too_far());
        }
        let mut d = self.reference;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().ok_or_else(|| self.too_far())?;
            if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                left -= 1;
            }
        }
        Ok(d)
    }

    fn quarter_end(&self, quarters_ahead: u32) -> Result<NaiveDate, DueError> {
        let r = self.reference;
        let q = (r.month() - 1) / 3 + quarters_ahead;
        let year = r.year() + (q / 4) as i32;
        self.month_end(year, (q % 4) * 3 + 3)
    }
}

fn day_or_end(day: u32) -> u32 {
    if day == 0 { 31 } else { day }
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// Full-width ASCII to ASCII, lower case, runs of whitespace to one space.
fn normalize(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '。' | '、' => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

// ---------------------------------------------------------------------------------------
// Numeric dates: 2017-06-30, 2017/6/30, 2017.6.30, 20170630, 6/30, 6-30.

fn numeric(s: &str, r: &Ctx) -> Found {
    let s = s.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n = |a: usize, b: usize| s[a..b].parse::<u32>().ok();
        return Some(r.ymd(n(0, 4)? as i32, n(4, 6)?, n(6, 8)?));
    }
    let sep = ['-', '/', '.'].into_iter().find(|&c| s.contains(c))?;
    let parts: Vec<&str> = s.split(sep).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    match (parts.len(), n.as_slice()) {
        (3, [y, m, d]) if parts[0].len() == 4 => Some(r.ymd(*y as i32, *m, *d)),
        // Month first, as in 6月30日; no year: the next such day.
        (2, [m, d]) if parts[0].len() <= 2 && parts[1].len() <= 2 => {
            if !(1..=12).contains(m) || !(1..=31).contains(d) {
                return None;
            }
            Some(r.next_occurrence(*m, *d))
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Chinese phrases.

/// Words before a deadline that do not change it.
const CN_PREFIXES: &[&str] = &[
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

/// Words after a deadline that do not change it (`前` is handled apart: see `before`).
const CN_SUFFIXES: &[&str] = &[
    "完成", "到位", "落实", "办结", "上报", "报送", "提交", "整改", "为止", "截止", "止", "左右",
];

fn chinese(s: &str, r: &Ctx) -> Found {
    if !s.chars().any(is_cjk) {
        return None;
    }
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut t = compact.as_str();
    let mut before = false;
    loop {
        let start = t;
        for p in CN_PREFIXES {
            if let Some(rest) = t.strip_prefix(p)
                && !rest.is_empty()
            {
                t = rest;
            }
        }
        for suf in CN_SUFFIXES {
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
        if t == start {
            break;
        }
    }
    let owned = t.replace("以内", "内").replace("之内", "内");
    let t = owned.as_str();
    if let Some(found) = numeric(t, r) {
        return Some(found);
    }
    cn_fixed(t, r)
        .or_else(|| cn_week(t, r))
        .or_else(|| cn_duration(t, r, before))
        .or_else(|| cn_relative_month(t, r))
        .or_else(|| cn_calendar(t, r, before))
        .or_else(|| cn_bare_day(t, r))
}

fn cn_fixed(t: &str, r: &Ctx) -> Found {
    let days = match t {
        "今天" | "今日" | "当天" | "当日" | "会上" | "会后" => 0,
        "明天" | "明日" | "次日" => 1,
        "后天" => 2,
        "大后天" => 3,
        _ => return None,
    };
    Some(r.add_days(days))
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
    } else if let Some(rest) = t.strip_prefix("下") {
        (Some(1), strip_week_word(rest)?)
    } else if let Some(rest) = ["这个", "本", "这"].iter().find_map(|p| t.strip_prefix(p)) {
        (Some(0), strip_week_word(rest)?)
    } else {
        (None, strip_week_word(t)?)
    };
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        // 本周 / 下周 / 本周内 / 周内: the Friday of that week.
        (None, _) | (Some('内'), None) => {
            Some(r.weekday_of_week(weeks.unwrap_or(0), Weekday::Fri))
        }
        // 周末 / 本周末 / 下周末: the Sunday of that week.
        (Some('末'), None) => Some(r.weekday_of_week(weeks.unwrap_or(0), Weekday::Sun)),
        (Some(c), None) => {
            let wd = cn_weekday(c)?;
            Some(match weeks {
                Some(w) => r.weekday_of_week(w, wd),
                None => r.coming(wd),
            })
        }
        _ => None,
    }
}

/// A leading number in Arabic digits or Chinese numerals (`3`, `三`, `两`, `十五`, `二〇一七`),
/// and the rest of the text.
fn take_number(t: &str) -> Option<(u64, &str)> {
    let end = t
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || cn_digit(c).is_some() || c == '十' || c == '百'))
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
fn cn_number(s: &str) -> Option<u64> {
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

fn cn_duration(t: &str, r: &Ctx, before: bool) -> Found {
    let (n, rest, half) = if let Some(rest) = t.strip_prefix('半') {
        (0, rest, true)
    } else {
        let (n, rest) = take_number(t)?;
        (n, rest, false)
    };
    let rest = rest.strip_prefix('个').unwrap_or(rest);
    let (unit, tail) = [
        ("工作日", 'w'),
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
    let tail_ok = matches!(tail, "" | "后" | "内" | "以后" | "之后" | "过后");
    // `20日` alone is a day of the month; `20日内` is a duration.
    if !tail_ok || (unit == 'D' && tail.is_empty()) {
        return None;
    }
    let unit = if unit == 'D' { 'd' } else { unit };
    // `3月` is March and `2018年` a year: months and years need 个 or a 内/后.
    let had_ge = t.contains('个');
    if unit == 'm' && !had_ge && !half {
        return None;
    }
    if unit == 'y' && tail.is_empty() && !half {
        return None;
    }
    if before {
        // `3天前` is three days ago, not a deadline.
        return Some(Err(DueError::NotUnderstood(r.phrase.to_string())));
    }
    let cap = |n: u64| if n > 200_000 { Err(r.too_far()) } else { Ok(n) };
    Some((|| match (unit, half) {
        ('d', false) => r.add_days(cap(n)?),
        ('w', false) => r.add_workdays(cap(n)?),
        ('k', false) => r.add_days(cap(n)? * 7),
        ('m', false) => r.add_months(u32::try_from(cap(n)?).map_err(|_| r.too_far())?),
        ('y', false) => r.add_months(u32::try_from(cap(n)? * 12).map_err(|_| r.too_far())?),
        ('m', true) => r.add_days(15),
        ('y', true) => r.add_months(6),
        ('k', true) => r.add_days(3),
        _ => Err(DueError::NotUnderstood(r.phrase.to_string())),
    })())
}

/// A day within a month: `底`/`末`/`内`/`下旬`/`` (the last day, as 0), `上旬` 10,
/// `中旬` 20, `中` 15, `初` 5, `N日`/`N号` N.
fn cn_day_part(t: &str) -> Option<u32> {
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
    let (ahead, rest) = if let Some(rest) = ["下下个月", "下下月"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
    {
        (2, rest)
    } else if let Some(rest) = ["下个月", "下月"].iter().find_map(|p| t.strip_prefix(p)) {
        (1, rest)
    } else if let Some(rest) = ["本月", "这个月", "这月", "当月"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
    {
        (0, rest)
    } else if let Some(rest) = t.strip_prefix('月')
        && matches!(
            rest,
            "底" | "末" | "内" | "中" | "初" | "上旬" | "中旬" | "下旬"
        )
    {
        (0, rest)
    } else {
        return None;
    };
    let day = cn_day_part(rest)?;
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
        && (1000..=9999).contains(&n)
    {
        return (Some(n as i32), rest);
    }
    (None, t)
}

fn cn_calendar(t: &str, r: &Ctx, before: bool) -> Found {
    let (year, rest) = take_year(t, r);
    // The whole year: 年底, 年内, 2017年底, 明年, 今年内.
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
        // `2018年前`: before the year begins.
        let y = if before && rest.is_empty() { y - 1 } else { y };
        return Some(r.ymd(y, 12, 31));
    }
    let at = |month: u32, day: u32| match year {
        Some(y) => r.in_year(y, month, day),
        None => r.next_occurrence(month, day),
    };
    match rest {
        "上半年" | "年中" => return Some(at(6, 30)),
        "下半年" => return Some(at(12, 31)),
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
    // Months: 6月, 6月底, 6月30日, 十二月中旬.
    let (month, tail) = take_number(rest)?;
    let tail = tail.strip_prefix('月')?;
    if !(1..=12).contains(&month) {
        return Some(Err(DueError::NotUnderstood(r.phrase.to_string())));
    }
    let month = month as u32;
    let day = cn_day_part(tail)?;
    if before && tail.is_empty() {
        // `6月前`: before June begins.
        return Some(at(month, 1).map(|d| d.pred_opt().unwrap_or(d)));
    }
    Some(at(month, day))
}

/// `15日`, `15号`: that day of this month, or of the next month once it has passed.
fn cn_bare_day(t: &str, r: &Ctx) -> Found {
    let (n, rest) = take_number(t)?;
    if !matches!(rest, "日" | "号") || !(1..=31).contains(&n) {
        return None;
    }
    let n = n as u32;
    let mut first = r.reference.with_day(1)?;
    if n < r.reference.day() {
        first = first.checked_add_months(Months::new(1))?;
    }
    Some(r.ymd(first.year(), first.month(), n))
}

// ---------------------------------------------------------------------------------------
// English phrases.

fn en_month(w: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = w.trim_end_matches('.');
    NAMES
        .iter()
        .position(|n| w.len() >= 3 && n.starts_with(w))
        .map(|i| i as u32 + 1)
}

fn en_weekday(w: &str) -> Option<Weekday> {
    const NAMES: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w = w.trim_end_matches('.');
    let i = NAMES
        .iter()
        .position(|n| w.len() >= 3 && n.starts_with(w))?;
    Weekday::try_from(i as u8).ok()
}

fn en_number(w: &str) -> Option<u64> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match w {
        "a" | "an" => Some(1),
        "a couple of" => Some(2),
        _ if w.len() <= 9 && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) => {
            w.parse().ok()
        }
        _ => WORDS.iter().position(|n| *n == w).map(|i| i as u64),
    }
}

fn en_day(w: &str) -> Option<u32> {
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    let d: u32 = w.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn en_year(w: &str) -> Option<i32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

fn english(s: &str, r: &Ctx) -> Found {
    if s.chars().any(is_cjk) {
        return None;
    }
    let mut t = s.trim().trim_end_matches(['.', '!']).to_string();
    loop {
        let before = t.clone();
        for p in [
            "no later than ",
            "not later than ",
            "by the ",
            "by ",
            "before ",
            "due ",
            "until ",
            "till ",
            "on ",
            "at the ",
            "at ",
        ] {
            if let Some(rest) = t.strip_prefix(p) {
                t = rest.to_string();
            }
        }
        if t == before {
            break;
        }
    }
    let t = t.replace([',', '-'], " ");
    let words: Vec<&str> = t.split_whitespace().collect();
    en_phrase(&words, r).or_else(|| interim_fallback(&t, r))
}

fn en_phrase(w: &[&str], r: &Ctx) -> Found {
    let w: Vec<&str> = w
        .iter()
        .copied()
        .filter(|x| *x != "the" && *x != "of")
        .collect();
    let joined = w.join(" ");
    match joined.as_str() {
        "today" | "tonight" | "eod" | "end day" => return Some(Ok(r.reference)),
        "tomorrow" => return Some(r.add_days(1)),
        "day after tomorrow" => return Some(r.add_days(2)),
        "end month" | "end this month" | "month end" | "eom" | "this month" | "within month"
        | "within this month" => {
            return Some(r.in_year(r.reference.year(), r.reference.month(), 0));
        }
        "end next month" | "next month" => {
            return Some(r.reference.with_day(1).map_or_else(
                || Err(r.too_far()),
                |d| {
                    d.checked_add_months(Months::new(1))
                        .ok_or_else(|| r.too_far())
                        .and_then(|n| r.in_year(n.year(), n.month(), 0))
                },
            ));
        }
        "end year" | "end this year" | "year end" | "eoy" | "this year" | "within year"
        | "within this year" => return Some(r.ymd(r.reference.year(), 12, 31)),
        "end next year" | "next year" => return Some(r.ymd(r.reference.year() + 1, 12, 31)),
        "end quarter" | "end this quarter" | "quarter end" | "eoq" | "this quarter" => {
            return Some(r.quarter_end(0));
        }
        "end next quarter" | "next quarter" => return Some(r.quarter_end(1)),
        "end week" | "end this week" | "eow" | "this week" | "within week" | "within this week" => {
            return Some(r.weekday_of_week(0, Weekday::Fri));
        }
        "end next week" | "next week" => return Some(r.weekday_of_week(1, Weekday::Fri)),
        "weekend" | "this weekend" => return Some(r.weekday_of_week(0, Weekday::Sun)),
        "next weekend" => return Some(r.weekday_of_week(1, Weekday::Sun)),
        "mid year" | "midyear" | "first half" | "h1" => return Some(r.next_occurrence(6, 30)),
        "second half" | "h2" => return Some(r.next_occurrence(12, 31)),
        _ => {}
    }
    en_calendar(&w, r).or_else(|| en_duration(&w, r))
}

fn en_calendar(w: &[&str], r: &Ctx) -> Found {
    match w {
        // friday, this friday, next friday
        [d] if en_weekday(d).is_some() && en_month(d).is_none() => Some(r.coming(en_weekday(d)?)),
        ["this", d] => Some(r.weekday_of_week(0, en_weekday(d)?)),
        ["next", d] if en_weekday(d).is_some() => Some(r.weekday_of_week(1, en_weekday(d)?)),
        // end of q2, q2
        ["end", q] | [q] if quarter(q).is_some() => Some(r.next_occurrence(quarter(q)? * 3, 0)),
        // end of june, end of june 2018, mid june
        ["end", m] => Some(r.next_occurrence(en_month(m)?, 0)),
        ["end", m, y] => Some(r.in_year(en_year(y)?, en_month(m)?, 0)),
        ["mid", m] => Some(r.next_occurrence(en_month(m)?, 15)),
        ["mid", m, y] => Some(r.in_year(en_year(y)?, en_month(m)?, 15)),
        // june, june 2018
        [m] => Some(r.next_occurrence(en_month(m)?, 0)),
        [m, y] if en_year(y).is_some() && en_month(m).is_some() => {
            Some(r.in_year(en_year(y)?, en_month(m)?, 0))
        }
        // june 30, 30 june, june 30 2018, 30 june 2018
        [a, b] => {
            let (m, d) = en_month(a)
                .zip(en_day(b))
                .or_else(|| en_month(b).zip(en_day(a)))?;
            Some(r.next_occurrence(m, d))
        }
        [a, b, y] if en_year(y).is_some() => {
            let (m, d) = en_month(a)
                .zip(en_day(b))
                .or_else(|| en_month(b).zip(en_day(a)))?;
            Some(r.ymd(en_year(y)?, m, d))
        }
        _ => None,
    }
}

fn quarter(w: &str) -> Option<u32> {
    match w {
        "q1" => Some(1),
        "q2" => Some(2),
        "q3" => Some(3),
        "q4" => Some(4),
        _ => None,
    }
}

/// `in 3 days`, `within two weeks`, `3 working days`, `a month from now`, `2 weeks later`.
fn en_duration(w: &[&str], r: &Ctx) -> Found {
    let mut w = w;
    if let [first, rest @ ..] = w
        && matches!(*first, "in" | "within")
    {
        w = rest;
    }
    if let [rest @ .., "from", "now"] | [rest @ .., "later"] | [rest @ .., "time"] = w {
        w = rest;
    }
    let (n, unit) = match w {
        [n, unit] => (en_number(n)?, *unit),
        [n, kind, unit] if matches!(*kind, "working" | "business" | "work") => {
            let n = en_number(n)?;
            if !matches!(*unit, "day" | "days") {
                return None;
            }
            return Some(r.add_workdays(n));
        }
        _ => return None,
    };
    if n > 200_000 {
        return Some(Err(r.too_far()));
    }
    Some(match unit {
        "day" | "days" | "d" => r.add_days(n),
        "week" | "weeks" | "wk" | "wks" | "w" => r.add_days(n * 7),
        "month" | "months" | "mo" => r.add_months(n as u32),
        "year" | "years" | "yr" | "yrs" | "y" => r.add_months((n * 12) as u32),
        _ => return None,
    })
}

/// The rest of English, as `interim` reads it (UK dialect), at noon of the reference day.
fn interim_fallback(t: &str, r: &Ctx) -> Found {
    let base = Utc.from_utc_datetime(&r.reference.and_hms_opt(12, 0, 0)?);
    interim::parse_date_string(t, base, interim::Dialect::Uk)
        .ok()
        .map(|dt| Ok(dt.date_naive()))
}

#[cfg(test)]
mod tests {
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
                Ok(due) if due.date == d(want) => {
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
        assert!(resolve("2016-02-29", r).is_ok());
    }

    #[test]
    fn nonsense_and_past_durations_are_not_understood() {
        let r = d("2017-05-04");
        for p in [
            "尽快",
            "asap",
            "13月底",
            "3天前",
            "周八",
            "whenever",
            "2017-13-01",
            "下周x",
        ] {
            assert!(
                matches!(resolve(p, r), Err(DueError::NotUnderstood(_))),
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
            s in "[0-9一二两三十百〇年月日号底前内后周天个下本这上中旬季度半工作星期五末 a-z/.-]{0,16}",
            y in 1i32..9999,
        ) {
            let r = NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
            let _ = resolve(&s, r);
            let r = NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
            let _ = resolve(&s, r);
        }
    }
}
