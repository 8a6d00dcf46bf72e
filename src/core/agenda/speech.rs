//! Planned speeches of an item (发言): who speaks (a participant, a venue's
//! representative, or a guest by name), what kind of speech it is and how long it may
//! take. The record of what was actually said and for how long is in the events
//! (`speech_started`, `speech_stopped`, ...), folded in `core::meeting::speeches`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Extra;
use crate::i18n::Lang;

/// One planned speech. Give `participant` (someone on the roster), or `venue` alone (the
/// venue's representative, named at the meeting), or `name` (a guest, optionally with
/// `unit`, `title` and the `venue` they speak from).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Speech {
    /// The speaker's id on the roster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    /// A speaker not on the roster (a guest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The venue the speaker speaks from (by id): alone, the venue's representative; for
    /// a participant it is their own venue unless given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// The speaker's unit, for a guest or to override the roster's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The speaker's title (职务), for a guest or to override the roster's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 汇报, 表态发言, 交流发言, 讲话 or plain 发言 (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SpeechKind>,
    /// The time limit: minutes as a number (`5`), or a duration as written (`"5分钟"`,
    /// `"4分30秒"`, `"5 min"`, `"90s"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Limit>,
    /// What the speech is about, for the chair's script (`就落实整改责任清单`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub topic: String,
    #[serde(
        default,
        skip_serializing_if = "Extra::is_empty",
        deserialize_with = "crate::core::load::strict_extra"
    )]
    pub extra: Extra,
}

/// The kind of a speech, as the chair announces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SpeechKind {
    /// 发言
    #[default]
    Remarks,
    /// 汇报 (a report)
    Report,
    /// 表态发言 (a pledge)
    Pledge,
    /// 交流发言 (an exchange of experience)
    Exchange,
    /// 讲话 (an address by a leader)
    Address,
}

impl SpeechKind {
    pub const ALL: [SpeechKind; 5] = [
        SpeechKind::Remarks,
        SpeechKind::Report,
        SpeechKind::Pledge,
        SpeechKind::Exchange,
        SpeechKind::Address,
    ];

    /// As the chair says it: `作表态发言` takes the Chinese word; `a pledge` the English.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SpeechKind::Remarks, Lang::Zh) => "发言",
            (SpeechKind::Report, Lang::Zh) => "汇报",
            (SpeechKind::Pledge, Lang::Zh) => "表态发言",
            (SpeechKind::Exchange, Lang::Zh) => "交流发言",
            (SpeechKind::Address, Lang::Zh) => "讲话",
            (SpeechKind::Remarks, Lang::En) => "remarks",
            (SpeechKind::Report, Lang::En) => "report",
            (SpeechKind::Pledge, Lang::En) => "pledge",
            (SpeechKind::Exchange, Lang::En) => "exchange",
            (SpeechKind::Address, Lang::En) => "address",
        }
    }

    /// The name used in files and on the command line (`pledge`), or a Chinese label.
    pub fn parse(text: &str) -> Option<SpeechKind> {
        let t = text.trim();
        SpeechKind::ALL
            .into_iter()
            .find(|k| k.label(Lang::En).eq_ignore_ascii_case(t) || k.label(Lang::Zh) == t)
    }
}

/// A time limit as written in the agenda: minutes, or a duration phrase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Limit {
    /// Minutes, kept as written (`5`, `2.5`).
    Minutes(serde_json::Number),
    Text(String),
}

impl Limit {
    /// A limit of whole or fractional minutes (written as an integer when whole).
    pub fn minutes(n: f64) -> Limit {
        let number = if n.fract() == 0.0 && n.abs() < 1e15 {
            serde_json::Number::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).unwrap_or_else(|| serde_json::Number::from(0))
        };
        Limit::Minutes(number)
    }

    /// The limit in seconds; `None` when it is not a duration (or not a positive one up
    /// to a day).
    pub fn seconds(&self) -> Option<u32> {
        let secs = match self {
            Limit::Minutes(m) => (m.as_f64()? * 60.0).round(),
            Limit::Text(t) => parse_duration(t)? as f64,
        };
        (secs > 0.0 && secs <= 86_400.0).then_some(secs as u32)
    }
}

/// `5分钟`, `5 分钟`, `4分30秒`, `半小时`, `1小时`, `90秒`, `5 min`, `5 minutes`, `90s`,
/// `1h30m`, `4:30`, `PT5M`, or a bare number of minutes: seconds.
pub fn parse_duration(text: &str) -> Option<u64> {
    let t = hanzi_numbers(&text.trim().to_lowercase().replace(['：', ' '], ""));
    let t = t.strip_prefix("pt").unwrap_or(&t);
    if t.is_empty() {
        return None;
    }
    if t == "半小时" || t == "半个小时" {
        return Some(1800);
    }
    if let Some((m, s)) = t.split_once(':') {
        let (m, s): (u64, u64) = (m.parse().ok()?, s.parse().ok()?);
        return (s < 60).then_some(m * 60 + s);
    }
    if let Ok(n) = t.parse::<f64>() {
        return (n.is_finite() && n >= 0.0).then(|| (n * 60.0).round() as u64);
    }
    // Number-unit pairs, largest unit first.
    let units: [(&str, u64); 16] = [
        ("个小时", 3600),
        ("小时", 3600),
        ("hours", 3600),
        ("hour", 3600),
        ("hrs", 3600),
        ("h", 3600),
        ("分钟", 60),
        ("minutes", 60),
        ("minute", 60),
        ("mins", 60),
        ("min", 60),
        ("分", 60),
        ("m", 60),
        ("seconds", 1),
        ("秒", 1),
        ("s", 1),
    ];
    let mut rest = t;
    let mut total = 0u64;
    let mut last_unit = u64::MAX;
    while !rest.is_empty() {
        let digits = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
            .map_or(rest.len(), |(i, _)| i);
        if digits == 0 {
            return None;
        }
        let n: f64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let (word, unit) = units
            .iter()
            .find(|(w, _)| rest.starts_with(w))
            .or_else(|| rest.starts_with("second").then_some(&("second", 1)))?;
        if *unit >= last_unit {
            return None;
        }
        last_unit = *unit;
        rest = &rest[word.len()..];
        total += (n * *unit as f64).round() as u64;
    }
    Some(total)
}

/// `五分钟` → `5分钟`, `二十五分钟` → `25分钟`, `两小时` → `2小时`: the numbers up to 99
/// written in hanzi, as a duration is often said.
fn hanzi_numbers(t: &str) -> String {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or((c == '两').then_some(2))
    };
    let mut out = String::new();
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if digit(c).is_none() && c != '十' {
            out.push(c);
            i += 1;
            continue;
        }
        // A run of numeral characters: [tens]十[units] or a single digit.
        let start = i;
        while i < chars.len() && (digit(chars[i]).is_some() || chars[i] == '十') {
            i += 1;
        }
        let run = &chars[start..i];
        let value = match run {
            [d] if *d != '十' => digit(*d),
            ['十'] => Some(10),
            ['十', u] => digit(*u).map(|u| 10 + u),
            [t, '十'] => digit(*t).map(|t| t * 10),
            [t, '十', u] => digit(*t).zip(digit(*u)).map(|(t, u)| t * 10 + u),
            _ => None,
        };
        match value {
            Some(v) => out.push_str(&v.to_string()),
            None => out.extend(run),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_secretaries_write_them() {
        for (text, secs) in [
            ("5分钟", 300),
            ("5 分钟", 300),
            ("4分30秒", 270),
            ("90秒", 90),
            ("半小时", 1800),
            ("1小时", 3600),
            ("5 min", 300),
            ("5 minutes", 300),
            ("90s", 90),
            ("1h30m", 5400),
            ("4:30", 270),
            ("PT5M", 300),
            ("5", 300),
            ("2.5", 150),
            ("五分钟", 300),
            ("十五分钟", 900),
            ("二十分钟", 1200),
            ("两小时", 7200),
            ("三分三十秒", 210),
        ] {
            assert_eq!(parse_duration(text), Some(secs), "{text}");
        }
        for text in ["", "五六分钟", "soon", "5 parsecs", "30秒5分", "m5", "5:75"] {
            assert_eq!(parse_duration(text), None, "{text}");
        }
    }

    fn minutes(n: f64) -> Limit {
        Limit::minutes(n)
    }

    #[test]
    fn a_limit_is_a_positive_duration_up_to_a_day() {
        assert_eq!(minutes(5.0).seconds(), Some(300));
        assert_eq!(Limit::Text("5分钟".into()).seconds(), Some(300));
        assert_eq!(minutes(0.0).seconds(), None);
        assert_eq!(minutes(-3.0).seconds(), None);
        assert_eq!(minutes(2000.0).seconds(), None);
        assert_eq!(Limit::Text("不限".into()).seconds(), None);
    }

    #[test]
    fn kinds_read_in_either_language() {
        assert_eq!(SpeechKind::parse("表态发言"), Some(SpeechKind::Pledge));
        assert_eq!(SpeechKind::parse("Pledge"), Some(SpeechKind::Pledge));
        assert_eq!(SpeechKind::parse("讲话"), Some(SpeechKind::Address));
        assert_eq!(SpeechKind::parse("chat"), None);
    }
}
