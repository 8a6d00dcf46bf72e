//! Times as platforms write them, all local to the meeting: `2017-05-04 14:21:05`
//! (Tencent), `05/04/2017 02:21:00 PM` (Zoom), `5/4/17, 2:28:11 PM` (Teams in en-US),
//! `04.05.17, 14:28:11` (Teams in German), `2017/5/4 下午2:28:11`, `2022.12.23 11:16:59
//! (GMT+08:00)` (Feishu), `2020/12/8 8:35` (a Zoom report Excel saved again), or an Excel
//! date serial when a re-saved sheet lost its date format. Which of day and month comes
//! first is settled by the meeting's date when the digits allow both.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::normalize;

/// A local date and time, or `None` when the text is not one. A time alone is put on
/// `hint` (the meeting's date).
pub fn parse_datetime(text: &str, hint: Option<NaiveDate>) -> Option<NaiveDateTime> {
    let t = normalize::fold_width(text).to_lowercase();
    // The offset Feishu appends is the meeting's own; its digits are no part of the time.
    let t = t
        .find("(gmt")
        .or_else(|| t.find("gmt+"))
        .or_else(|| t.find("gmt-"))
        .or_else(|| t.find("(utc"))
        .map_or(t.as_str(), |i| &t[..i])
        .trim();
    if let Some(dt) = excel_serial(t) {
        return Some(dt);
    }
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    let pm = has(&["pm", "p.m", "下午", "晚上", "午後", "오후"]);
    let am = has(&["am", "a.m", "上午", "凌晨", "午前", "오전"]);
    let nums: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let (date, time) = match nums.len() {
        2 | 3 if t.contains(':') => (hint?, &nums[..]),
        5.. => (pick_date(&nums[..3], hint)?, &nums[3..nums.len().min(6)]),
        _ => return None,
    };
    let mut h: u32 = time.first()?.parse().ok()?;
    let m: u32 = time.get(1)?.parse().ok()?;
    let s: u32 = time.get(2).map_or(Some(0), |s| s.parse().ok())?;
    if pm && h < 12 {
        h += 12;
    } else if am && h == 12 {
        h = 0;
    }
    Some(date.and_time(NaiveTime::from_hms_opt(h, m, s)?))
}

/// An Excel date serial (days since 1899-12-30, the fraction the time of day), as a
/// re-saved sheet shows a date cell whose format was lost: `42859.59797`. Only serials
/// of the years 1955 to 2118 are taken, so a count or a duration is never a date.
fn excel_serial(t: &str) -> Option<NaiveDateTime> {
    let v: f64 = t.parse().ok()?;
    if !(20_000.0..80_000.0).contains(&v) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let seconds = (v * 86_400.0).round() as i64;
    base.checked_add_signed(Duration::seconds(seconds))
}

/// Year-month-day when the first number has four digits; else month/day/year or
/// day/month/year, whichever is the meeting's date (or nearest to it), month first when
/// nothing tells them apart (the platforms' US default).
fn pick_date(n: &[&str], hint: Option<NaiveDate>) -> Option<NaiveDate> {
    let v: Vec<i32> = n.iter().map(|s| s.parse().ok()).collect::<Option<_>>()?;
    let year = |y: i32, digits: usize| if digits <= 2 { 2000 + y } else { y };
    if n[0].len() == 4 {
        return NaiveDate::from_ymd_opt(v[0], v[1] as u32, v[2] as u32);
    }
    let y = year(v[2], n[2].len());
    let mdy = NaiveDate::from_ymd_opt(y, v[0] as u32, v[1] as u32);
    let dmy = NaiveDate::from_ymd_opt(y, v[1] as u32, v[0] as u32);
    match (mdy, dmy, hint) {
        (Some(a), Some(b), Some(h)) => {
            let da = (a - h).num_days().abs();
            let db = (b - h).num_days().abs();
            Some(if db < da { b } else { a })
        }
        (Some(a), _, _) => Some(a),
        (None, b, _) => b,
    }
}

/// A duration in seconds: `1:41:35`, `41:35`, `1h 13m 42s`, `1小时13分42秒`, `13m`,
/// `1 Std. 41 Min.`, `1時間 2分`. A plain number is minutes (Zoom's `Duration (Minutes)`).
pub fn parse_duration(text: &str) -> Option<i64> {
    let t = normalize::fold_width(text).trim().to_lowercase();
    if t.is_empty() {
        return None;
    }
    if let Ok(minutes) = t.parse::<f64>() {
        // `inf`, `nan` and absurd sizes parse as floats but are no durations.
        return (minutes.is_finite() && minutes.abs() < 1e12)
            .then(|| (minutes * 60.0).round() as i64);
    }
    if t.contains(':') {
        let parts: Vec<i64> = t
            .split(':')
            .map(|p| p.trim().parse().ok())
            .collect::<Option<_>>()?;
        // Checked: a damaged cell of twenty digits is no duration, not an overflow.
        return match parts[..] {
            [h, m, s] => h
                .checked_mul(3600)?
                .checked_add(m.checked_mul(60)?)?
                .checked_add(s),
            [m, s] => m.checked_mul(60)?.checked_add(s),
            _ => None,
        };
    }
    // Numbers each followed by a unit word: the word's start says which unit.
    let mut total = 0i64;
    let mut any = false;
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii_digit() {
            continue;
        }
        let mut num = String::from(c);
        while let Some(d) = chars.next_if(char::is_ascii_digit) {
            num.push(d);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut word = String::new();
        while let Some(w) = chars.next_if(|c| !c.is_ascii_digit() && !c.is_whitespace()) {
            word.push(w);
        }
        let unit = unit_seconds(&word)?;
        total = total.checked_add(num.parse::<i64>().ok()?.checked_mul(unit)?)?;
        any = true;
    }
    any.then_some(total)
}

/// Seconds in the unit a word names: hours, minutes or seconds in the platforms' languages.
fn unit_seconds(word: &str) -> Option<i64> {
    const HOURS: &[&str] = &["h", "std", "小时", "时", "時間", "时间", "시간", "stunde"];
    const MINUTES: &[&str] = &["m", "分", "분"];
    const SECONDS: &[&str] = &["s", "秒", "초"];
    let w = word.trim_matches(|c: char| c == '.' || c == ',');
    if HOURS.iter().any(|u| w.starts_with(u)) {
        Some(3600)
    } else if MINUTES.iter().any(|u| w.starts_with(u)) {
        Some(60)
    } else if SECONDS.iter().any(|u| w.starts_with(u)) {
        Some(1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, day)
            .unwrap()
            .and_hms_opt(h, mi, s)
            .unwrap()
    }

    #[test]
    fn platform_formats() {
        let hint = NaiveDate::from_ymd_opt(2017, 5, 4);
        let cases = [
            ("2017-05-04 14:21:05", d(2017, 5, 4, 14, 21, 5)),
            ("2017-05-04T14:21:05", d(2017, 5, 4, 14, 21, 5)),
            ("05/04/2017 02:21:00 PM", d(2017, 5, 4, 14, 21, 0)),
            ("05/04/2017 12:05:00 AM", d(2017, 5, 4, 0, 5, 0)),
            ("05/04/2017 12:05:00 PM", d(2017, 5, 4, 12, 5, 0)),
            ("5/4/17, 2:28:11 PM", d(2017, 5, 4, 14, 28, 11)),
            ("04.05.17, 14:28:11", d(2017, 5, 4, 14, 28, 11)),
            ("2017/5/4 下午2:28:11", d(2017, 5, 4, 14, 28, 11)),
            ("2017年5月4日 14:28", d(2017, 5, 4, 14, 28, 0)),
            ("14:20:05", d(2017, 5, 4, 14, 20, 5)),
            (
                "2022.12.23 11:16:59 (GMT+08:00)",
                d(2022, 12, 23, 11, 16, 59),
            ),
            ("2020/12/8 8:35", d(2020, 12, 8, 8, 35, 0)),
            ("2026/06/21 07:05:20 AM", d(2026, 6, 21, 7, 5, 20)),
            ("2017/5/4 午後2:28:11", d(2017, 5, 4, 14, 28, 11)),
            ("2017. 5. 4. 오후 2:28:11", d(2017, 5, 4, 14, 28, 11)),
            // 2017-05-04 14:21:05 as Excel counts it.
            ("42859.597974537", d(2017, 5, 4, 14, 21, 5)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_datetime(text, hint), Some(want), "{text}");
        }
    }

    #[test]
    fn day_first_when_the_meeting_date_says_so() {
        // 4 May written day first (en-GB): 4/5/17.
        let hint = NaiveDate::from_ymd_opt(2017, 5, 4);
        assert_eq!(
            parse_datetime("4/5/17, 14:28:11", hint),
            Some(d(2017, 5, 4, 14, 28, 11))
        );
        // 13/5/2017 can only be day first.
        assert_eq!(
            parse_datetime("13/5/2017 09:00", None),
            Some(d(2017, 5, 13, 9, 0, 0))
        );
        // Without a hint, month first.
        assert_eq!(
            parse_datetime("4/5/17 09:00", None),
            Some(d(2017, 4, 5, 9, 0, 0))
        );
    }

    #[test]
    fn not_times() {
        for t in ["", "王晓红", "1", "95", "2017-05-04", "99/99/2017 10:00"] {
            assert_eq!(parse_datetime(t, None), None, "{t}");
        }
        assert_eq!(parse_datetime("10:00", None), None);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1:41:35"), Some(6095));
        assert_eq!(parse_duration("41:35"), Some(2495));
        assert_eq!(parse_duration("1h 13m 42s"), Some(4422));
        assert_eq!(parse_duration("13m"), Some(780));
        assert_eq!(parse_duration("1小时13分42秒"), Some(4422));
        assert_eq!(parse_duration("1 Std. 41 Min."), Some(6060));
        assert_eq!(parse_duration("1 h 1 min 55 s"), Some(3715));
        assert_eq!(parse_duration("1時間 2分"), Some(3720));
        assert_eq!(parse_duration("3 parsecs"), None);
        assert_eq!(parse_duration("95"), Some(5700));
        assert_eq!(parse_duration(""), None);
        assert_eq!(parse_duration("abc"), None);
    }
}
