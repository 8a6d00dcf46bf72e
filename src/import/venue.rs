//! Venues as people write them: by id, by full name (耀州区分会场), by the place alone
//! (耀州区), and the main venue as 主会场.

use super::normalize;
use crate::core::agenda::{Agenda, Venue, VenueKind};

/// The words a venue's name ends in that people leave out.
const SUFFIXES: &[&str] = &["分会场", "主会场", "会场", "视频会议室", "会议室"];

/// Words that name a room system rather than a person: `耀州区分会场`, `耀州区视频终端`.
pub const ROOM_WORDS: &[&str] = &[
    "分会场",
    "主会场",
    "会场",
    "视频会议室",
    "会议室",
    "视频终端",
    "终端",
    "视频",
    "会议系统",
    "room",
    "venue",
    "site",
    "mcu",
    "terminal",
];

/// The venue's name without the 分会场/会场 ending (耀州区分会场 -> 耀州区), if at least
/// two characters remain.
pub fn short_name(v: &Venue) -> Option<String> {
    let key = normalize::name_key(&v.name);
    for s in SUFFIXES {
        if let Some(rest) = key.strip_suffix(s)
            && rest.chars().count() >= 2
        {
            return Some(rest.to_string());
        }
    }
    None
}

/// The venue a cell names: by id, name or short name; then the one venue whose name the
/// cell contains or that contains the cell. `None` when none or several fit.
pub fn resolve(agenda: &Agenda, text: &str) -> Option<usize> {
    let key = normalize::name_key(text);
    if key.is_empty() {
        return None;
    }
    let exact: Vec<usize> = agenda
        .venues
        .iter()
        .enumerate()
        .filter(|(_, v)| {
            v.id.to_lowercase() == key
                || normalize::name_key(&v.name) == key
                || short_name(v).as_deref() == Some(key.as_str())
                || (v.kind == VenueKind::Main && key == "主会场")
        })
        .map(|(i, _)| i)
        .collect();
    if exact.len() == 1 {
        return Some(exact[0]);
    }
    if !exact.is_empty() {
        return None;
    }
    let near: Vec<usize> = agenda
        .venues
        .iter()
        .enumerate()
        .filter(|(_, v)| {
            let name = normalize::name_key(&v.name);
            let short = short_name(v).unwrap_or_else(|| name.clone());
            key.contains(&short) || (key.chars().count() >= 2 && name.contains(&key))
        })
        .map(|(i, _)| i)
        .collect();
    (near.len() == 1).then(|| near[0])
}

/// The one venue a free line of text mentions (a title row `会场：耀州区分会场 日期：…`, a
/// sheet named 耀州区): by full name, by short name, or 主会场.
pub fn mentioned(agenda: &Agenda, text: &str) -> Option<usize> {
    let key = normalize::name_key(text);
    if key.is_empty() {
        return None;
    }
    let hits: Vec<usize> = agenda
        .venues
        .iter()
        .enumerate()
        .filter(|(_, v)| {
            key.contains(&normalize::name_key(&v.name))
                || short_name(v).is_some_and(|s| key.contains(&s))
                || (v.kind == VenueKind::Main && key.contains("主会场"))
                || v.id.to_lowercase() == key
        })
        .map(|(i, _)| i)
        .collect();
    (hits.len() == 1).then(|| hits[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agenda() -> Agenda {
        let text = r#"{
          "meeting": {"id": "m", "title": "t", "date": "2017-05-04",
            "start": "2017-05-04T14:30:00+08:00", "end": "2017-05-04T16:30:00+08:00",
            "chair": {"name": "王晓红"}},
          "venues": [
            {"id": "main", "name": "市电信局视频电话会议室", "kind": "main"},
            {"id": "yaozhou", "name": "耀州区分会场", "kind": "branch"},
            {"id": "yijun", "name": "宜君县分会场", "kind": "branch"}
          ]}"#;
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn resolve_by_id_name_and_short_name() {
        let a = agenda();
        assert_eq!(resolve(&a, "yaozhou"), Some(1));
        assert_eq!(resolve(&a, "YAOZHOU"), Some(1));
        assert_eq!(resolve(&a, "耀州区分会场"), Some(1));
        assert_eq!(resolve(&a, "耀州区"), Some(1));
        assert_eq!(resolve(&a, "耀州"), Some(1));
        assert_eq!(resolve(&a, "主会场"), Some(0));
        assert_eq!(resolve(&a, "宜君县会场"), Some(2));
        assert_eq!(resolve(&a, "印台区"), None);
        assert_eq!(resolve(&a, "分会场"), None);
    }

    #[test]
    fn mentioned_in_a_title_line() {
        let a = agenda();
        assert_eq!(
            mentioned(&a, "会场：耀州区分会场    日期：2017年5月4日"),
            Some(1)
        );
        assert_eq!(mentioned(&a, "铜川市教育扶贫工作视频电话会议签到表"), None);
        assert_eq!(mentioned(&a, "耀州区"), Some(1));
    }
}
