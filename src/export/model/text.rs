//! Text helpers shared by every export: cleaning user strings (through
//! [`crate::sanitize`]), Chinese numerals,
//! paragraph markers, brackets and spans in the document's language, and times in the
//! meeting's own time zone.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

use super::super::words::Words;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;

// ---------------------------------------------------------------------------------------
// Text helpers

/// A user-supplied string as the human-facing exports show it: through
/// [`crate::sanitize::document`] (escape sequences and control characters removed, so a
/// name holding `ESC [ 2J` or U+202E cannot act on whoever opens the file; bidi and
/// invisible characters removed), surrounding whitespace trimmed. Tabs and line breaks are
/// kept; each format escapes or neutralises them in its own way.
pub fn clean(s: &str) -> String {
    crate::sanitize::document(s).trim().to_string()
}

/// Chinese numerals as used to number items in documents: 一, 十, 十一, 二十, 一百零一,
/// 一千零二十, 一万, 十万零一十… (`0` is 零). Exact for every `u64`.
pub fn chinese_numeral(n: u64) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const SMALL: [&str; 4] = ["", "十", "百", "千"];
    const BIG: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];
    if n == 0 {
        return "零".into();
    }
    // Groups of four digits, least significant first.
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 10_000) as u32);
        rest /= 10_000;
    }
    let mut out = String::new();
    let mut zero_pending = false;
    for (gi, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            zero_pending = true;
            continue;
        }
        // A gap before this group (an all-zero group, or a group under 1000 that is not
        // the leading one) is read as one 零.
        if !out.is_empty() && (zero_pending || g < 1000) {
            out.push('零');
        }
        zero_pending = false;
        let digits = [g / 1000, g / 100 % 10, g / 10 % 10, g % 10];
        let mut inner_zero = false;
        let mut started = false;
        for (k, &d) in digits.iter().enumerate() {
            let unit = SMALL[3 - k];
            if d == 0 {
                if started {
                    inner_zero = true;
                }
                continue;
            }
            if inner_zero {
                out.push('零');
                inner_zero = false;
            }
            // 十一 rather than 一十一 at the very front of the number.
            let leading_ten = out.is_empty() && k == 2 && d == 1;
            if !leading_ten {
                out.push(DIGITS[d as usize]);
            }
            out.push_str(unit);
            started = true;
        }
        out.push_str(BIG[gi]);
    }
    out
}

/// The marker of the `n`th numbered paragraph (from 1): `一、` in Chinese, `1. ` in English.
pub fn paragraph_marker(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}、", chinese_numeral(n as u64)),
        Lang::En => format!("{n}. "),
    }
}

/// Whole minutes, rounded to the nearest.
pub fn round_minutes(d: Duration) -> i64 {
    let s = d.num_seconds();
    if s >= 0 {
        (s + 30) / 60
    } else {
        -((-s + 30) / 60)
    }
}

/// Times shown in the meeting's own time zone (the offset of its scheduled start).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub tz: FixedOffset,
    pub date: NaiveDate,
    pub lang: Lang,
}

impl Clock {
    pub fn of(m: &Meeting, lang: Lang) -> Clock {
        Clock {
            tz: *m.agenda.meeting.start.offset(),
            date: m.agenda.meeting.date,
            lang,
        }
    }

    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        t.with_timezone(&self.tz)
    }

    /// `14:30`, or with the day when it is not the meeting's day.
    pub fn hm(&self, t: DateTime<Utc>) -> String {
        let l = self.local(t);
        if l.date_naive() == self.date {
            l.format("%H:%M").to_string()
        } else {
            match self.lang {
                Lang::Zh => l.format("%-m月%-d日 %H:%M").to_string(),
                Lang::En => l.format("%-d %b %H:%M").to_string(),
            }
        }
    }

    /// `14:30:05`, or with the date when it is not the meeting's day (a sign-in time
    /// must stay unambiguous).
    pub fn hms(&self, t: DateTime<Utc>) -> String {
        let l = self.local(t);
        if l.date_naive() == self.date {
            l.format("%H:%M:%S").to_string()
        } else {
            l.format("%Y-%m-%d %H:%M:%S").to_string()
        }
    }

    pub fn long_date(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Zh => d.format("%Y年%-m月%-d日").to_string(),
            Lang::En => d.format("%-d %B %Y").to_string(),
        }
    }

    /// The generation stamp: full date and time with the offset.
    pub fn stamp(&self, t: DateTime<Utc>) -> String {
        self.local(t).format("%Y-%m-%d %H:%M %:z").to_string()
    }
}

pub fn join_marks(marks: &[String], w: &Words) -> String {
    let sep = if w.colon == "：" { "，" } else { ", " };
    marks.join(sep)
}

pub fn paren(s: &str, w: &Words) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("{}{s}{}", w.open_paren, w.close_paren)
    }
}

pub fn span(a: &str, b: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{a}—{b}"),
        Lang::En => format!("{a}–{b}"),
    }
}

pub fn minutes_text(n: i64, w: &Words) -> String {
    format!("{n} {}", w.minutes_unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_past_ten() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1100, "一千一百"),
            (10_000, "一万"),
            (10_001, "一万零一"),
            (10_010, "一万零一十"),
            (10_100, "一万零一百"),
            (11_000, "一万一千"),
            (100_000, "十万"),
            (100_010, "十万零一十"),
            (120_000, "十二万"),
            (1_000_000, "一百万"),
            (100_000_000, "一亿"),
            (100_000_001, "一亿零一"),
            (100_010_000, "一亿零一万"),
            (123_456_789, "一亿二千三百四十五万六千七百八十九"),
        ];
        for (n, want) in cases {
            assert_eq!(chinese_numeral(n), want, "{n}");
        }
        // Never panics, even at the top of the range.
        assert!(!chinese_numeral(u64::MAX).is_empty());
    }

    #[test]
    fn paragraph_markers() {
        assert_eq!(paragraph_marker(3, Lang::Zh), "三、");
        assert_eq!(paragraph_marker(12, Lang::Zh), "十二、");
        assert_eq!(paragraph_marker(12, Lang::En), "12. ");
    }

    #[test]
    fn bidi_controls_are_removed() {
        assert_eq!(clean(" a\u{202E}gpj.exe\u{202C} "), "agpj.exe");
        assert_eq!(clean("\u{2067}x\u{2069}"), "x");
        // Arabic letters themselves stay.
        assert_eq!(clean("محمد"), "محمد");
    }

    #[test]
    fn rounding_minutes() {
        assert_eq!(round_minutes(Duration::seconds(29)), 0);
        assert_eq!(round_minutes(Duration::seconds(30)), 1);
        assert_eq!(round_minutes(Duration::seconds(-90)), -2);
    }
}
