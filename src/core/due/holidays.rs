//! The mainland China public holiday calendar (法定节假日 and the make-up working days, 调休):
//! which days are working days, and where the festival breaks fall.
//!
//! **Source.** The State Council General Office publishes each year's schedule in a notice
//! (国务院办公厅关于YYYY年部分节假日安排的通知, on gov.cn). The days come from the `tyme4rs`
//! crate's transcription of those notices (`LEGAL_HOLIDAY_DATA`: the years 2002–2026 in
//! version 1.5), with the [`ERRATA`] below, each checked against its notice.
//!
//! **Why tyme4rs.** Compared (2024–2026 releases): `chinese_holiday` cites each year's notice
//! but covers 2004–2026 only, has no lunar calendar, and has two wrong days (2016-10-09 is a
//! make-up working day it misses; 2016-12-30 is no holiday); `holiday-engine` covers 2026–2027
//! only; `holiday-cn` builds its data from a JSON mirror at compile time and pulls in
//! `dashmap`. tyme4rs has the longest range, is released several times a year by the author
//! of the widely used `lunar` calendar libraries, and brings the lunar calendar and solar
//! terms needed to place the festivals of years whose schedule is not published. Its own two
//! slips (both in 2013) are corrected here. Its lookup compiles a regex per call, so the table
//! is read once into a map instead.
//!
//! **Years not published** (after 2026, or before 2002): the festivals are placed with the
//! lunar calendar and given their statutory days off under the 2024 revision of 全国年节及
//! 纪念日放假办法 (in force since 2025): 元旦 1 day, 春节 4 (除夕 to 初三), 清明 1, 劳动节 2,
//! 端午 1, 中秋 1, 国庆 3. The make-up working days are not known, so every answer that rests
//! on such a year says which year it was estimated for.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use tyme4rs::tyme::holiday::LEGAL_HOLIDAY_DATA;
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::SolarTerm;

/// Corrections to the transcribed schedules: (year, month, day, is a working day).
const ERRATA: &[(i32, u32, u32, bool)] = &[
    // 2013 notice, 清明节: "4月4日至6日放假调休，共3天。4月7日（星期日）上班。"
    (2013, 4, 7, true),
    // 2013 notice, 国庆节: "9月29日（星期日）、10月12日（星期六）上班。"
    (2013, 10, 12, true),
];

/// How far (in days) from an estimated festival a make-up working day may fall: the
/// published schedules put them at most 11 days from the break (2026-09-20 for 国庆).
const MAKE_UP_REACH: i64 = 14;

/// The seven public holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Festival {
    NewYear,
    SpringFestival,
    Qingming,
    LabourDay,
    DragonBoat,
    MidAutumn,
    NationalDay,
}

pub const FESTIVALS: [Festival; 7] = [
    Festival::NewYear,
    Festival::SpringFestival,
    Festival::Qingming,
    Festival::LabourDay,
    Festival::DragonBoat,
    Festival::MidAutumn,
    Festival::NationalDay,
];

impl Festival {
    fn index(self) -> usize {
        self as usize
    }

    /// The festival's own day in `year` (New Year's Day, 正月初一, the 清明 solar term,
    /// May 1, 五月初五, 八月十五, October 1).
    pub fn day_in(self, year: i32) -> Option<NaiveDate> {
        festival_days(year)[self.index()]
    }

    /// The statutory days off (first day's offset from the festival's day, count), as the
    /// 2024 rules give them; used only for years whose schedule is not published.
    fn statutory(self) -> (i64, u64) {
        match self {
            // 除夕 to 初三.
            Festival::SpringFestival => (-1, 4),
            Festival::LabourDay => (0, 2),
            Festival::NationalDay => (0, 3),
            _ => (0, 1),
        }
    }
}

/// What the calendar says about one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayInfo {
    pub working: bool,
    /// `Some(year)` when the answer may depend on the unpublished schedule of that year.
    pub estimated: Option<i32>,
}

struct Official {
    /// The days the notices name: `true` for a make-up working day, `false` for a day off.
    days: HashMap<NaiveDate, bool>,
    first: i32,
    last: i32,
}

impl Official {
    fn published(&self, year: i32) -> bool {
        (self.first..=self.last).contains(&year)
    }
}

fn official() -> &'static Official {
    static TABLE: OnceLock<Official> = OnceLock::new();
    TABLE.get_or_init(|| parse(LEGAL_HOLIDAY_DATA))
}

/// Read tyme4rs's table: 13 characters a day, `YYYYMMDD`, `0` (work) or `1` (rest), the
/// holiday's index and an offset to its main day (not needed here).
fn parse(data: &str) -> Official {
    let mut days = HashMap::new();
    let mut per_year: HashMap<i32, usize> = HashMap::new();
    for rec in data.as_bytes().chunks_exact(13) {
        let Ok(s) = std::str::from_utf8(rec) else {
            continue;
        };
        let (Ok(y), Ok(m), Ok(d)) = (s[0..4].parse(), s[4..6].parse(), s[6..8].parse()) else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
            continue;
        };
        days.insert(date, &s[8..9] == "0");
        *per_year.entry(y).or_default() += 1;
    }
    for &(y, m, d, work) in ERRATA {
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            days.insert(date, work);
        }
    }
    // A year is published when the table has its schedule, not just the last days of
    // December that belong to the next year's New Year break (2001 has two such days).
    let years: Vec<i32> = per_year
        .iter()
        .filter(|&(_, &n)| n >= 10)
        .map(|(&y, _)| y)
        .collect();
    Official {
        days,
        first: years.iter().copied().min().unwrap_or(i32::MAX),
        last: years.iter().copied().max().unwrap_or(i32::MIN),
    }
}

/// The years whose official schedule huiwu has (2002–2026).
pub fn published_years() -> (i32, i32) {
    let o = official();
    (o.first, o.last)
}

/// Whether `year`'s official schedule is known.
pub fn is_published(year: i32) -> bool {
    official().published(year)
}

fn lunar(year: i32, month: isize, day: usize) -> Option<NaiveDate> {
    // tyme4rs's lunar years run -1..=9999 and it panics outside them; stay well inside.
    if !(2..=9998).contains(&year) {
        return None;
    }
    let s = LunarDay::new(year as isize, month, day)
        .ok()?
        .get_solar_day();
    NaiveDate::from_ymd_opt(
        i32::try_from(s.get_year()).ok()?,
        u32::try_from(s.get_month()).ok()?,
        u32::try_from(s.get_day()).ok()?,
    )
}

fn qingming(year: i32) -> Option<NaiveDate> {
    if !(2..=9998).contains(&year) {
        return None;
    }
    let s = SolarTerm::new(year as isize, "清明").ok()?.get_solar_day();
    NaiveDate::from_ymd_opt(
        i32::try_from(s.get_year()).ok()?,
        u32::try_from(s.get_month()).ok()?,
        u32::try_from(s.get_day()).ok()?,
    )
}

/// The festivals' days of a year, in [`FESTIVALS`] order; computed once per year (the
/// lunar calendar is the slow part).
fn festival_days(year: i32) -> [Option<NaiveDate>; 7] {
    static CACHE: OnceLock<Mutex<HashMap<i32, [Option<NaiveDate>; 7]>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    // A poisoned lock only means another thread panicked mid-insert; the map is still whole.
    if let Some(hit) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&year) {
        return *hit;
    }
    let days = [
        NaiveDate::from_ymd_opt(year, 1, 1),
        lunar(year, 1, 1),
        qingming(year),
        NaiveDate::from_ymd_opt(year, 5, 1),
        lunar(year, 5, 5),
        lunar(year, 8, 15),
        NaiveDate::from_ymd_opt(year, 10, 1),
    ];
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(year, days);
    days
}

/// The statutory days off of a year whose schedule is not published.
fn estimated_days_off(year: i32) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    for f in FESTIVALS {
        let Some(day) = f.day_in(year) else { continue };
        let (offset, count) = f.statutory();
        let Some(first) = day.checked_add_signed(chrono::Duration::days(offset)) else {
            continue;
        };
        out.extend((0..count).filter_map(|i| first.checked_add_days(Days::new(i))));
    }
    out
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Whether `d` is a working day, and whether that rests on an unpublished schedule.
pub fn day(d: NaiveDate) -> DayInfo {
    let o = official();
    if let Some(&working) = o.days.get(&d) {
        return DayInfo {
            working,
            estimated: None,
        };
    }
    let mut off = is_weekend(d);
    let mut estimated = None;
    for y in [d.year() - 1, d.year(), d.year() + 1] {
        if o.published(y) {
            continue;
        }
        for h in estimated_days_off(y) {
            off |= h == d;
            if (h - d).num_days().abs() <= MAKE_UP_REACH {
                estimated = Some(y);
            }
        }
    }
    DayInfo {
        working: !off,
        estimated,
    }
}

/// A date and the unpublished year it rests on, if any.
pub type Reckoned = (NaiveDate, Option<i32>);

/// Steps of at most this many days are taken looking for a working day: no break is
/// longer than a few weeks, so more means the calendar has no working days at all.
const MAX_WALK: u32 = 60;

fn walk(from: NaiveDate, forward: bool) -> Option<Reckoned> {
    let mut d = from;
    let mut estimated = None;
    for _ in 0..MAX_WALK {
        d = if forward {
            d.succ_opt()?
        } else {
            d.pred_opt()?
        };
        let info = day(d);
        estimated = estimated.or(info.estimated);
        if info.working {
            return Some((d, estimated));
        }
    }
    None
}

/// The last working day before the break that `festival_day` falls in.
pub fn last_working_before(festival_day: NaiveDate) -> Option<Reckoned> {
    walk(festival_day, false)
}

/// The first working day after the break that `festival_day` falls in.
pub fn first_working_after(festival_day: NaiveDate) -> Option<Reckoned> {
    walk(festival_day, true)
}

/// `n` working days after `from` (not counting `from`).
pub fn add_working_days(from: NaiveDate, n: u64) -> Option<Reckoned> {
    let mut d = from;
    let mut left = n;
    let mut estimated = None;
    while left > 0 {
        let (next, est) = walk(d, true)?;
        estimated = estimated.or(est);
        d = next;
        left -= 1;
    }
    Some((d, estimated))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_published_years_are_2002_to_at_least_2026() {
        let (first, last) = published_years();
        assert_eq!(first, 2002);
        assert!(last >= 2026, "{last}");
    }

    #[test]
    fn the_2017_schedule_is_the_notices() {
        // The 2017 notice: 国庆节、中秋节 10月1日至8日放假调休，共8天。9月30日（星期六）上班。
        assert!(day(d("2017-09-30")).working);
        for x in 1..=8 {
            assert!(!day(d(&format!("2017-10-{x:02}"))).working, "10-{x}");
        }
        assert!(day(d("2017-10-09")).working);
        // 春节：1月27日至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）上班。
        assert!(day(d("2017-01-22")).working);
        assert!(!day(d("2017-01-27")).working);
        assert!(!day(d("2017-02-02")).working);
        assert!(day(d("2017-02-03")).working);
        assert!(day(d("2017-02-04")).working);
        // An ordinary weekend and weekday.
        assert!(!day(d("2017-05-06")).working);
        assert!(day(d("2017-05-04")).working);
        assert_eq!(day(d("2017-05-04")).estimated, None);
    }

    #[test]
    fn the_errata_hold() {
        assert!(day(d("2013-04-07")).working);
        assert!(day(d("2013-10-12")).working);
        assert!(day(d("2016-10-09")).working);
        assert!(day(d("2016-12-30")).working);
    }

    #[test]
    fn festivals_fall_on_their_lunar_days() {
        assert_eq!(Festival::SpringFestival.day_in(2017), Some(d("2017-01-28")));
        assert_eq!(Festival::SpringFestival.day_in(2018), Some(d("2018-02-16")));
        assert_eq!(Festival::MidAutumn.day_in(2017), Some(d("2017-10-04")));
        assert_eq!(Festival::DragonBoat.day_in(2017), Some(d("2017-05-30")));
        assert_eq!(Festival::Qingming.day_in(2017), Some(d("2017-04-04")));
        // 2027: 春节 is February 6, 中秋 September 15.
        assert_eq!(Festival::SpringFestival.day_in(2027), Some(d("2027-02-06")));
        assert_eq!(Festival::MidAutumn.day_in(2027), Some(d("2027-09-15")));
    }

    #[test]
    fn an_unpublished_year_is_estimated_near_its_festivals_only() {
        // 2027-10-01 is a Friday: 10-01..10-03 off by statute.
        let oct1 = day(d("2027-10-01"));
        assert!(!oct1.working);
        assert_eq!(oct1.estimated, Some(2027));
        // Mid-July is far from any festival: plainly a weekday, nothing estimated.
        let july = day(d("2027-07-14"));
        assert!(july.working);
        assert_eq!(july.estimated, None);
    }

    #[test]
    fn working_days_skip_the_breaks() {
        assert_eq!(
            add_working_days(d("2017-09-29"), 3),
            Some((d("2017-10-10"), None))
        );
        assert_eq!(
            add_working_days(d("2017-01-26"), 5),
            Some((d("2017-02-08"), None))
        );
        assert_eq!(
            last_working_before(d("2017-10-01")),
            Some((d("2017-09-30"), None))
        );
        assert_eq!(
            first_working_after(d("2017-10-01")),
            Some((d("2017-10-09"), None))
        );
    }
}
