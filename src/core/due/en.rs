//! English due phrases: `next friday`, `end of june`, `in 3 business days`, `COB Friday`,
//! `the 15th`, `early june`, `wednesday next week`, `before christmas`…; the rest as the
//! `interim` crate reads it.

use chrono::{Datelike, NaiveDate, TimeZone, Utc, Weekday};

use super::holidays::Festival;
use super::{Ctx, Found, is_cjk, numeric};

/// Words before a deadline; `before` is remembered, since before an event (`before
/// christmas`) it means the last working day before it.
const PREFIXES: &[(&str, bool)] = &[
    ("no later than ", false),
    ("not later than ", false),
    ("on or before ", false),
    ("by the ", false),
    ("by ", false),
    ("before the ", true),
    ("before ", true),
    ("prior to ", true),
    ("due ", false),
    ("until ", false),
    ("till ", false),
    ("on ", false),
    ("at the ", false),
    ("at ", false),
];

/// The phrase without its deadline words, and whether it said `before`.
pub(super) fn strip_frame(s: &str) -> (String, bool) {
    let mut t = s.trim().trim_end_matches(['.', '!']).to_string();
    let mut before = false;
    loop {
        let start = t.clone();
        for (p, is_before) in PREFIXES {
            if let Some(rest) = t.strip_prefix(p) {
                t = rest.to_string();
                before |= is_before;
            }
        }
        if t == start {
            break;
        }
    }
    let t = t.strip_prefix("the ").unwrap_or(&t).to_string();
    (t, before)
}

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

/// `15th`, `1st`: a day of the month with its ordinal ending.
fn en_ordinal(w: &str) -> Option<u32> {
    let has_suffix = ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s));
    has_suffix.then(|| en_day(w)).flatten()
}

/// A year of four digits; five or six are understood too, and found too far later.
fn en_year(w: &str) -> Option<i32> {
    ((4..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

pub(super) fn english(s: &str, r: &Ctx) -> Found {
    if s.chars().any(is_cjk) {
        return None;
    }
    let (t, before) = strip_frame(s);
    if let Some(found) = numeric(&t, r) {
        return Some(found);
    }
    let t = t.replace([',', '-'], " ");
    let all: Vec<&str> = t.split_whitespace().collect();
    if is_past(&all) {
        return Some(Err(r.past()));
    }
    let (w, timed) = strip_time_of_day(&all);
    if w.is_empty() {
        // `COB`, `by 5pm`: today, at that time.
        return timed.then_some(Ok(r.reference));
    }
    let w: Vec<&str> = w
        .into_iter()
        .filter(|x| *x != "the" && *x != "of")
        .collect();
    en_phrase(&w, r)
        .or_else(|| en_holiday(&w, r, before))
        .or_else(|| en_calendar(&w, r))
        .or_else(|| en_duration(&w, r))
        .or_else(|| interim_fallback(&w.join(" "), r))
}

/// `3 days ago`, `yesterday`, `last friday`, `last week`.
fn is_past(w: &[&str]) -> bool {
    w.contains(&"ago")
        || w.first() == Some(&"yesterday")
        || matches!(
            w,
            ["day", "before", "yesterday"] | ["the", "day", "before", "yesterday"]
        )
        || matches!(w, ["last" | "previous", x, ..] if en_weekday(x).is_some()
            || matches!(*x, "week" | "weekend" | "month" | "quarter" | "year"))
}

/// Times of day come off: `COB friday`, `friday 5pm`, `end of day tomorrow`, `by noon`.
/// Returns the other words and whether a time was said.
fn strip_time_of_day<'a>(w: &[&'a str]) -> (Vec<&'a str>, bool) {
    const PHRASES: &[&[&str]] = &[
        &["end", "of", "the", "business", "day"],
        &["end", "of", "business", "day"],
        &["close", "of", "business"],
        &["end", "of", "business"],
        &["end", "of", "the", "day"],
        &["end", "of", "day"],
        &["close", "of", "play"],
    ];
    const WORDS: &[&str] = &[
        "cob",
        "eod",
        "eob",
        "cop",
        "noon",
        "midday",
        "morning",
        "afternoon",
        "evening",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "o'clock",
    ];
    let is_clock = |x: &str| {
        let core = x.trim_end_matches("am").trim_end_matches("pm");
        let clockish = core.contains(':') || core.len() < x.len();
        clockish
            && !core.is_empty()
            && core
                .split(':')
                .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut out = Vec::new();
    let mut timed = false;
    let mut i = 0;
    'words: while i < w.len() {
        for p in PHRASES {
            if w[i..].starts_with(p) {
                i += p.len();
                timed = true;
                continue 'words;
            }
        }
        if WORDS.contains(&w[i]) || is_clock(w[i]) {
            timed = true;
        } else {
            out.push(w[i]);
        }
        i += 1;
    }
    if timed {
        // `friday at 5pm`, `by noon`: the connecting word goes with the time.
        while out.last().is_some_and(|x| matches!(*x, "at" | "by" | "on")) {
            out.pop();
        }
        while out
            .first()
            .is_some_and(|x| matches!(*x, "at" | "by" | "on"))
        {
            out.remove(0);
        }
    }
    (out, timed)
}

fn en_phrase(w: &[&str], r: &Ctx) -> Found {
    let joined = w.join(" ");
    let month_end = |ahead: u32| {
        r.reference
            .with_day(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(ahead)))
            .map_or_else(|| Err(r.too_far()), |d| r.in_year(d.year(), d.month(), 0))
    };
    Some(match joined.as_str() {
        "today" | "tonight" | "end day" | "close business" => Ok(r.reference),
        "tomorrow" => r.add_days(1),
        "day after tomorrow" => r.add_days(2),
        "end month" | "end this month" | "month end" | "eom" | "this month" | "within month"
        | "within this month" => month_end(0),
        "end next month" | "next month" => month_end(1),
        "end year" | "end this year" | "year end" | "eoy" | "this year" | "within year"
        | "within this year" => r.ymd(r.reference.year(), 12, 31),
        "end next year" | "next year" => r.ymd(r.reference.year() + 1, 12, 31),
        "end quarter" | "end this quarter" | "quarter end" | "eoq" | "this quarter" => {
            r.quarter_end(0)
        }
        "end next quarter" | "next quarter" => r.quarter_end(1),
        "end week" | "end this week" | "eow" | "this week" | "within week" | "within this week"
        | "week end" => r.this_week(Weekday::Fri),
        "end next week" | "next week" => r.weekday_of_week(1, Weekday::Fri),
        "weekend" | "this weekend" => r.this_week(Weekday::Sun),
        "next weekend" => r.weekday_of_week(1, Weekday::Sun),
        "mid year" | "midyear" | "first half" | "h1" => r.next_occurrence(6, 30),
        "second half" | "h2" => r.next_occurrence(12, 31),
        "next business day" | "next working day" | "next workday" | "next work day" => {
            r.add_workdays(1)
        }
        _ => return None,
    })
}

/// `before christmas`, `before national day`, `before chinese new year`, `after the holiday`.
fn en_holiday(w: &[&str], r: &Ctx, before: bool) -> Found {
    let (after, w) = match w {
        ["after", rest @ ..] => (true, rest),
        _ => (false, w),
    };
    let joined = w.join(" ");
    let name = joined
        .trim_end_matches(" holidays")
        .trim_end_matches(" holiday")
        .trim_end_matches(" break");
    if matches!(name, "christmas" | "xmas" | "christmas day") && !after {
        return Some(christmas(r));
    }
    let f = match name {
        "holiday" | "holidays" | "public holiday" | "next holiday" => {
            return (before || after).then(|| r.any_festival(!after));
        }
        "new year" | "new year's" | "new years" | "new year's day" | "new years day" => {
            Festival::NewYear
        }
        "spring festival" | "chinese new year" | "lunar new year" => Festival::SpringFestival,
        "qingming" | "qingming festival" | "tomb sweeping day" => Festival::Qingming,
        "may day" | "labour day" => Festival::LabourDay,
        "dragon boat festival" | "dragon boat" => Festival::DragonBoat,
        "mid autumn festival" | "mid autumn" | "moon festival" => Festival::MidAutumn,
        "national day" | "golden week" => Festival::NationalDay,
        _ => return None,
    };
    Some(r.festival(f, !after))
}

/// The last weekday before December 25, this year's or, once past, next year's.
fn christmas(r: &Ctx) -> Result<NaiveDate, super::DueError> {
    for year in [r.reference.year(), r.reference.year() + 1] {
        let mut d = r.ymd(year, 12, 24)?;
        while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            d = d.pred_opt().ok_or_else(|| r.too_far())?;
        }
        if d >= r.reference {
            return Ok(d);
        }
    }
    Err(r.too_far())
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

/// A part of a month: `early` the 10th (as 上旬), `mid` the 15th, `late`/`end` the last day
/// (0), `beginning`/`start` the 5th (as 月初).
fn month_part(w: &str) -> Option<u32> {
    Some(match w {
        "early" => 10,
        "mid" | "middle" => 15,
        "late" | "end" => 0,
        "beginning" | "start" => 5,
        _ => return None,
    })
}

fn en_calendar(w: &[&str], r: &Ctx) -> Found {
    // `before the march 25 meeting`: the meeting's day.
    if let [rest @ .., "meeting"] = w
        && !rest.is_empty()
    {
        return en_calendar(rest, r);
    }
    let wd = |x: &str| en_weekday(x).filter(|_| en_month(x).is_none());
    match w {
        // friday, this friday, next friday, wednesday next week, friday after next
        [d] if wd(d).is_some() => Some(r.coming(wd(d)?)),
        ["this", d] => Some(r.this_week(wd(d)?)),
        [d, "this", "week"] => Some(r.this_week(wd(d)?)),
        ["next", d] if wd(d).is_some() => Some(r.weekday_of_week(1, wd(d)?)),
        [d, "next", "week"] => Some(r.weekday_of_week(1, wd(d)?)),
        [d, "after", "next"] | ["week", "after", "next", d] => Some(r.weekday_of_week(2, wd(d)?)),
        // next june: the coming June, or next year's when said in June
        ["next", m] => {
            let m = en_month(m)?;
            Some(if m == r.reference.month() {
                r.in_year(r.reference.year() + 1, m, 0)
            } else {
                r.next_occurrence(m, 0)
            })
        }
        // end of q2, q2
        ["end", q] | [q] if quarter(q).is_some() => Some(r.next_occurrence(quarter(q)? * 3, 0)),
        // end of june, mid june, early june, late june (2018)
        [p, m] if month_part(p).is_some() && en_month(m).is_some() => {
            Some(r.next_occurrence(en_month(m)?, month_part(p)?))
        }
        [p, m, y] if month_part(p).is_some() && en_year(y).is_some() => {
            Some(r.in_year(en_year(y)?, en_month(m)?, month_part(p)?))
        }
        // the 15th
        [d] if en_ordinal(d).is_some() => Some(r.this_or_next_month(en_ordinal(d)?)),
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

/// `in 3 days`, `within two weeks`, `3 business days`, `a month from now`, `48 hours`.
fn en_duration(w: &[&str], r: &Ctx) -> Found {
    let mut w = w;
    if let [first, rest @ ..] = w
        && matches!(*first, "in" | "within" | "next")
    {
        w = rest;
    }
    if let [rest @ .., "from", "now"]
    | [rest @ .., "from", "today"]
    | [rest @ .., "later"]
    | [rest @ .., "time"] = w
    {
        w = rest;
    }
    if let ["a", "couple", rest @ ..] = w {
        let mut v = vec!["2"];
        v.extend_from_slice(rest);
        return en_duration(&v, r);
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
        "hour" | "hours" | "hrs" | "h" => r.add_days(n.div_ceil(24)),
        "week" | "weeks" | "wk" | "wks" | "w" => r.add_days(n * 7),
        "month" | "months" | "mo" => r.add_months(n),
        "year" | "years" | "yr" | "yrs" | "y" => r.add_months(n * 12),
        _ => return None,
    })
}

/// The rest of English, as `interim` reads it (UK dialect), at noon of the reference day.
/// A day before the meeting it finds is refused by the caller.
fn interim_fallback(t: &str, r: &Ctx) -> Found {
    let base = Utc.from_utc_datetime(&r.reference.and_hms_opt(12, 0, 0)?);
    interim::parse_date_string(t, base, interim::Dialect::Uk)
        .ok()
        .map(|dt| Ok(dt.date_naive()))
}
