//! Due dates as offices say them, resolved to a calendar date. Pure: no clock is read; every
//! phrase is resolved against the meeting's date (the reference), with the agenda's own
//! named dates (`开学` = 2017-09-01) and the public holiday calendar ([`holidays`]).
//!
//! [`resolve_in`] accepts ISO and numeric dates (`2017-06-30`, `6/30`, `30/6`), Chinese
//! phrases ([`zh`]: `6月底前`, `下周五`, `3个工作日内`, `国庆节前`, `2017年内`, `会后三天内`,
//! `今天下班前`…), English ones ([`en`]: `next friday`, `end of june`, `COB Friday`,
//! `in 3 business days`, `before christmas`…, falling back on the `interim` crate), and
//! phrases that name no date (`尽快`, `长期坚持`, `asap`, `ongoing`: kept as said, with no
//! date). It returns the date (if any), the phrase as said, and hints the secretary should
//! see (an estimated holiday schedule, a reading rule that decided an ambiguous phrase).
//!
//! Two rules hold for every phrase (the full table is `docs/due-dates.md`):
//! - **Never before the meeting.** A phrase that names a point without a year resolves to the
//!   next such point on or after the meeting day; a phrase that can only mean a past day
//!   (`3天前`, `3 days ago`, `昨天`, `上周五`, or a full date before the meeting) is refused.
//! - **Words around a deadline do not move it**: `前`, `之前`, `完成`, `by`, `before`…
//!   `6月30日前` is June 30. Events are the exception: `国庆节前` is the last working day before
//!   the National Day break, `开学前` the last working day before the agenda's `开学`.

mod en;
pub mod holidays;
mod words;
mod zh;

use std::cell::RefCell;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::i18n::Lang;
use holidays::Festival;

/// A resolved due phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The day by which the task is due; `None` for a phrase that names no date (`尽快`).
    pub date: Option<NaiveDate>,
    /// The phrase as typed, trimmed (`6月底前`), kept as the action's `due_text`.
    pub text: String,
    /// What the secretary should be told about this reading.
    pub hints: Vec<DueHint>,
}

impl Due {
    /// The date rests on a holiday schedule that is not published yet.
    pub fn is_estimated(&self) -> bool {
        self.hints
            .iter()
            .any(|h| matches!(h, DueHint::HolidaysEstimated { .. }))
    }
}

/// Something worth saying about a resolved phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueHint {
    /// The date depends on `year`'s public holidays, whose official schedule huiwu does not
    /// have (not yet published): computed from the lunar calendar and the statutory days.
    HolidaysEstimated { year: i32 },
    /// The phrase names no date (`尽快`): kept as said, never overdue.
    NoDate,
    /// An event of the agenda's own calendar (`开学`) that the agenda does not date.
    UnknownNamedDate { name: String },
    /// `6月前` read as "before June begins" (May 31), not as the end of June.
    BeforeMonthBegins { month: u32 },
    /// `3月内` read as "within three months", not "within March".
    MonthsAsDuration { months: u64 },
}

impl DueHint {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DueHint::HolidaysEstimated { year }, Lang::En) => {
                let (first, last) = holidays::published_years();
                format!(
                    "the official holiday schedule for {year} is not known (huiwu has {first}-{last}): the date is estimated from the lunar calendar and the statutory days; check it once the State Council publishes {year}'s schedule"
                )
            }
            (DueHint::HolidaysEstimated { year }, Lang::Zh) => {
                let (first, last) = holidays::published_years();
                format!(
                    "{year}年放假安排尚未掌握（已收录{first}—{last}年）：该日期按农历和法定假日天数估算，国务院公布安排后请核对"
                )
            }
            (DueHint::NoDate, Lang::En) => {
                "no date: kept as said, never overdue, listed as \"no date\"".into()
            }
            (DueHint::NoDate, Lang::Zh) => "无具体日期：按原文记录，不计逾期".into(),
            (DueHint::UnknownNamedDate { name }, Lang::En) => format!(
                "`{name}` is not a date this agenda names: kept as said, with no date; to resolve it, add it to the agenda, e.g. \"meeting\": {{ \"dates\": {{ \"{name}\": \"YYYY-MM-DD\" }} }}"
            ),
            (DueHint::UnknownNamedDate { name }, Lang::Zh) => format!(
                "议程未写明 `{name}` 的日期：按原文记录，不设具体日期；如需换算，请在议程中写明，如 \"meeting\": {{ \"dates\": {{ \"{name}\": \"YYYY-MM-DD\" }} }}"
            ),
            (DueHint::BeforeMonthBegins { month }, Lang::En) => format!(
                "read as before month {month} begins; for the end of month {month} write {month}月底前"
            ),
            (DueHint::BeforeMonthBegins { month }, Lang::Zh) => {
                format!("按“{month}月开始之前”理解；如指{month}月底，请写“{month}月底前”")
            }
            (DueHint::MonthsAsDuration { months }, Lang::En) => {
                let s = if *months == 1 { "" } else { "s" };
                format!(
                    "read as within {months} month{s} of the meeting; for a month of the calendar write {months}月底前"
                )
            }
            (DueHint::MonthsAsDuration { months }, Lang::Zh) => {
                format!("按“会后{months}个月内”理解；如指{months}月份，请写“{months}月底前”")
            }
        }
    }
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
    /// The phrase is understood but lands beyond the year 9999.
    TooFar(String),
    /// The phrase names a day before the meeting (`3天前`, `3 days ago`, `昨天`, a past date):
    /// a deadline cannot be in the past.
    BeforeMeeting {
        phrase: String,
        meeting: NaiveDate,
    },
}

impl DueError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DueError::Empty, Lang::En) => "the due date is empty".into(),
            (DueError::Empty, Lang::Zh) => "完成时限为空".into(),
            (DueError::NotUnderstood(p), Lang::En) => format!(
                "cannot read `{p}` as a date; try 2017-06-30, 6月底前, 下周五, 3个工作日内, 国庆节前, next friday, end of june, in 3 days, or a phrase without a date such as 尽快 or asap"
            ),
            (DueError::NotUnderstood(p), Lang::Zh) => format!(
                "无法识别日期 `{p}`；可写作 2017-06-30、6月底前、下周五、3个工作日内、国庆节前、年底、next friday 等，或不含日期的“尽快”“长期坚持”"
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
            (DueError::TooFar(p), Lang::En) => {
                format!("`{p}` is too far away to be a due date (after the year 9999)")
            }
            (DueError::TooFar(p), Lang::Zh) => {
                format!("`{p}` 太远，超出可用的日期范围（9999年以后）")
            }
            (DueError::BeforeMeeting { phrase, meeting }, Lang::En) => format!(
                "`{phrase}` is before the meeting ({meeting}): a due date cannot be in the past"
            ),
            (DueError::BeforeMeeting { phrase, meeting }, Lang::Zh) => {
                format!("`{phrase}` 早于会议日期（{meeting}）：完成时限不能是过去的日子")
            }
        }
    }
}

impl std::fmt::Display for DueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DueError {}

/// What a phrase is resolved against: the meeting's date and the agenda's named dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub meeting: NaiveDate,
    /// The agenda's own calendar (`开学` = 2017-09-01), from `meeting.dates`.
    pub named: Vec<(String, NaiveDate)>,
}

impl Context {
    pub fn new(meeting: NaiveDate) -> Context {
        Context {
            meeting,
            named: Vec::new(),
        }
    }

    /// The meeting's date and named dates, as the agenda gives them.
    pub fn for_meeting(m: &crate::core::agenda::MeetingInfo) -> Context {
        Context {
            meeting: m.date,
            named: m.dates.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        }
    }
}

/// Longest phrase looked at: a due date is a few words, and this bounds the work.
const MAX_CHARS: usize = 80;

/// Resolve a due phrase against `reference` (the meeting's date), without named dates.
pub fn resolve(phrase: &str, reference: NaiveDate) -> Result<Due, DueError> {
    resolve_in(phrase, &Context::new(reference))
}

/// Resolve a due phrase against the meeting's date and the agenda's named dates.
pub fn resolve_in(phrase: &str, ctx: &Context) -> Result<Due, DueError> {
    let text = phrase.trim();
    if text.is_empty() {
        return Err(DueError::Empty);
    }
    if text.chars().count() > MAX_CHARS {
        return Err(DueError::NotUnderstood(text.to_string()));
    }
    let norm = normalize(text);
    let r = Ctx {
        reference: ctx.meeting,
        phrase: text,
        hints: RefCell::new(Vec::new()),
    };
    let dateless = |hints: Vec<DueHint>| Due {
        date: None,
        text: text.to_string(),
        hints,
    };
    if let Some(found) = words::named(&norm, ctx, &r) {
        return r.finish(found);
    }
    if words::is_dateless(&norm) {
        return Ok(dateless(vec![DueHint::NoDate]));
    }
    let found = numeric(&norm, &r)
        .or_else(|| zh::chinese(&norm, &r))
        .or_else(|| en::english(&norm, &r));
    match found {
        Some(found) => r.finish(found),
        None => match words::unknown_event(&norm) {
            Some(name) => Ok(dateless(vec![
                DueHint::UnknownNamedDate { name },
                DueHint::NoDate,
            ])),
            None => Err(DueError::NotUnderstood(text.to_string())),
        },
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

/// What a resolved phrase shows: `2017-06-30 周五`, `2027-09-30 周四（估算）` when the
/// holiday schedule is not published, or "no date" for `尽快`.
pub fn describe_due(due: &Due, lang: Lang) -> String {
    match due.date {
        Some(d) if due.is_estimated() => {
            format!(
                "{}{}",
                describe(d, lang),
                lang.pick(" (estimated)", "（估算）")
            )
        }
        Some(d) => describe(d, lang),
        None => lang.pick("no date", "无具体日期").into(),
    }
}

type Found = Option<Result<NaiveDate, DueError>>;

/// One resolution in progress: the reference date, the phrase (for messages) and the hints
/// gathered on the way.
struct Ctx<'a> {
    reference: NaiveDate,
    phrase: &'a str,
    hints: RefCell<Vec<DueHint>>,
}

impl Ctx<'_> {
    /// The last checks every date passes: inside the calendar, not before the meeting.
    fn finish(self, found: Result<NaiveDate, DueError>) -> Result<Due, DueError> {
        let date = found?;
        if !(1..=9999).contains(&date.year()) {
            return Err(self.too_far());
        }
        if date < self.reference {
            return Err(self.past());
        }
        Ok(Due {
            date: Some(date),
            text: self.phrase.to_string(),
            hints: self.hints.into_inner(),
        })
    }

    fn hint(&self, h: DueHint) {
        let mut hints = self.hints.borrow_mut();
        if !hints.contains(&h) {
            hints.push(h);
        }
    }

    fn estimated(&self, year: Option<i32>) {
        if let Some(year) = year {
            self.hint(DueHint::HolidaysEstimated { year });
        }
    }

    fn not_understood(&self) -> DueError {
        DueError::NotUnderstood(self.phrase.to_string())
    }

    fn too_far(&self) -> DueError {
        DueError::TooFar(self.phrase.to_string())
    }

    fn past(&self) -> DueError {
        DueError::BeforeMeeting {
            phrase: self.phrase.to_string(),
            meeting: self.reference,
        }
    }

    fn ymd(&self, year: i32, month: u32, day: u32) -> Result<NaiveDate, DueError> {
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(self.not_understood());
        }
        if !(1..=9999).contains(&year) {
            return Err(self.too_far());
        }
        NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DueError::NoSuchDate {
            phrase: self.phrase.to_string(),
            year,
            month,
            day,
        })
    }

    fn month_end(&self, year: i32, month: u32) -> Result<NaiveDate, DueError> {
        if !(1..=12).contains(&month) {
            return Err(self.not_understood());
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

    /// `day` (0 = last) of the reference month, or of the next month once it has passed.
    fn this_or_next_month(&self, day: u32) -> Result<NaiveDate, DueError> {
        let r = self.reference;
        let ahead = u32::from(day != 0 && day < r.day());
        let first = r
            .with_day(1)
            .and_then(|d| d.checked_add_months(Months::new(ahead)))
            .ok_or_else(|| self.too_far())?;
        self.in_year(first.year(), first.month(), day)
    }

    fn add_days(&self, n: u64) -> Result<NaiveDate, DueError> {
        self.reference
            .checked_add_days(Days::new(n))
            .ok_or_else(|| self.too_far())
    }

    fn add_months(&self, n: u64) -> Result<NaiveDate, DueError> {
        let n = u32::try_from(n).map_err(|_| self.too_far())?;
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

    /// "This week's" `wd`: that day of the meeting's week, or of the next week once it has
    /// passed (at a weekend meeting, `本周五` and `this friday` are the coming Friday).
    fn this_week(&self, wd: Weekday) -> Result<NaiveDate, DueError> {
        let d = self.weekday_of_week(0, wd)?;
        if d < self.reference {
            self.weekday_of_week(1, wd)
        } else {
            Ok(d)
        }
    }

    /// The first `wd` strictly after the reference date.
    fn coming(&self, wd: Weekday) -> Result<NaiveDate, DueError> {
        let from = self.reference.weekday().num_days_from_monday();
        let to = wd.num_days_from_monday();
        let ahead = (to + 7 - from) % 7;
        self.add_days(u64::from(if ahead == 0 { 7 } else { ahead }))
    }

    /// `n` working days after the meeting, by the public holiday calendar.
    fn add_workdays(&self, n: u64) -> Result<NaiveDate, DueError> {
        if n > 100_000 {
            return Err(self.too_far());
        }
        let (d, est) =
            holidays::add_working_days(self.reference, n).ok_or_else(|| self.too_far())?;
        self.estimated(est);
        Ok(d)
    }

    /// The last working day before the first break of `f` that has not begun (`before`), or
    /// the first working day after the first break of `f` that has not ended.
    fn festival(&self, f: Festival, before: bool) -> Result<NaiveDate, DueError> {
        let y = self.reference.year();
        for year in y..=y.saturating_add(2) {
            let Some(day) = f.day_in(year) else { continue };
            let edge = if before {
                holidays::last_working_before(day)
            } else {
                holidays::first_working_after(day)
            };
            if let Some((d, est)) = edge
                && d >= self.reference
            {
                self.estimated(est);
                return Ok(d);
            }
        }
        Err(self.too_far())
    }

    /// `节前` / `节后`: the edge of the next public holiday break, whichever festival it is.
    fn any_festival(&self, before: bool) -> Result<NaiveDate, DueError> {
        let y = self.reference.year();
        let mut best: Option<holidays::Reckoned> = None;
        for year in y..=y.saturating_add(1) {
            for f in holidays::FESTIVALS {
                let Some(day) = f.day_in(year) else { continue };
                let edge = if before {
                    holidays::last_working_before(day)
                } else {
                    holidays::first_working_after(day)
                };
                if let Some(c) = edge
                    && c.0 >= self.reference
                    && best.is_none_or(|b| c.0 < b.0)
                {
                    best = Some(c);
                }
            }
        }
        let (d, est) = best.ok_or_else(|| self.too_far())?;
        self.estimated(est);
        Ok(d)
    }

    /// The last working day before `day` (an event of the agenda's calendar).
    fn working_day_before(&self, day: NaiveDate) -> Result<NaiveDate, DueError> {
        let (d, est) = holidays::last_working_before(day).ok_or_else(|| self.too_far())?;
        self.estimated(est);
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
// Numeric dates: 2017-06-30, 2017/6/30, 2017.6.30, 20170630, 6/30, 6-30, 30/6.

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
        .any(|p| p.is_empty() || p.len() > 6 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    match (parts.len(), n.as_slice()) {
        // A five-digit year is understood, and too far.
        (3, [y, _, _]) if parts[0].len() >= 5 && *y >= 10_000 => Some(Err(r.too_far())),
        (3, [y, m, d]) if parts[0].len() == 4 => Some(r.ymd(*y as i32, *m, *d)),
        (2, [a, b]) if parts[0].len() <= 2 && parts[1].len() <= 2 => {
            // Month first, as in 6月30日; a first number above 12 can only be a day (30/6).
            let (m, d) = if *a > 12 && *b <= 12 {
                (*b, *a)
            } else {
                (*a, *b)
            };
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            Some(r.next_occurrence(m, d))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
