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

/// The names a venue goes by, as name keys: its name, the parts of a bracketed name
/// (`主会场（市电信局视频电话会议室）`), its location (room systems are often named after
/// the room), and 主会场 for the main venue.
pub fn full_names(v: &Venue) -> Vec<String> {
    let mut out = vec![normalize::name_key(&v.name)];
    if let Some(open) = v.name.find(['(', '（']) {
        let inner = v.name[open..]
            .trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）']);
        out.push(normalize::name_key(inner));
        out.push(normalize::name_key(&v.name[..open]));
    }
    if !v.location.trim().is_empty() {
        out.push(normalize::name_key(&v.location));
    }
    if v.kind == VenueKind::Main {
        out.push("主会场".into());
    }
    out.retain(|k| k.chars().count() >= 2);
    out.dedup();
    out
}

/// The names without the 分会场/会场 ending (耀州区分会场 -> 耀州区), where at least two
/// characters remain.
pub fn short_names(v: &Venue) -> Vec<String> {
    let mut out: Vec<String> = full_names(v)
        .iter()
        .filter_map(|k| {
            SUFFIXES.iter().find_map(|s| {
                k.strip_suffix(s)
                    .filter(|rest| rest.chars().count() >= 2)
                    .map(str::to_string)
            })
        })
        .collect();
    out.dedup();
    out
}

/// The venue a cell names: by id, name or short name; then the one venue whose name the
/// cell contains or that contains the cell. `None` when none or several fit.
pub fn resolve(agenda: &Agenda, text: &str) -> Option<usize> {
    let key = normalize::name_key(text);
    if key.is_empty() {
        return None;
    }
    let exact = only(agenda, |v| {
        v.id.to_lowercase() == key || full_names(v).contains(&key) || short_names(v).contains(&key)
    });
    match exact {
        Only::One(i) => return Some(i),
        Only::Several => return None,
        Only::None => {}
    }
    let near = only(agenda, |v| {
        short_names(v)
            .iter()
            .chain(full_names(v).iter())
            .any(|n| key.contains(n.as_str()))
            || (key.chars().count() >= 2 && full_names(v).iter().any(|n| n.contains(&key)))
    });
    match near {
        Only::One(i) => Some(i),
        _ => None,
    }
}

/// The one venue a free line of text mentions (a title row `会场：耀州区分会场 日期：…`, a
/// sheet named 耀州区): by full name, by short name, or 主会场.
pub fn mentioned(agenda: &Agenda, text: &str) -> Option<usize> {
    let key = normalize::name_key(text);
    if key.is_empty() {
        return None;
    }
    match only(agenda, |v| {
        v.id.to_lowercase() == key
            || full_names(v)
                .iter()
                .chain(short_names(v).iter())
                .any(|n| key.contains(n.as_str()))
    }) {
        Only::One(i) => Some(i),
        _ => None,
    }
}

/// The venue whose room system a name in a video meeting is: the venue's full name or
/// its room inside it, its id, or its short name with nothing but room words beside it
/// (`耀州区`, `耀州区视频终端`). A name next to a venue's (`耀州区-张三`) is not: it is a
/// person, or for the secretary to decide.
pub fn room_of(agenda: &Agenda, shown_as: &str) -> Option<usize> {
    let key = normalize::name_key(shown_as);
    if key.is_empty() {
        return None;
    }
    let rest_is_room = |rest: &str| {
        let mut r = rest.to_string();
        loop {
            let before = r.len();
            for w in ROOM_WORDS {
                r = r.replace(w, "");
            }
            r = r.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            if r.len() == before {
                break;
            }
        }
        r.is_empty()
    };
    match only(agenda, |v| {
        let id = v.id.to_lowercase();
        let by_id = key.split(|c: char| !c.is_alphanumeric()).any(|t| t == id)
            && rest_is_room(&key.replacen(&id, "", 1));
        by_id
            || full_names(v)
                .iter()
                .chain(short_names(v).iter())
                .any(|n| key.contains(n.as_str()) && rest_is_room(&key.replacen(n.as_str(), "", 1)))
    }) {
        Only::One(i) => Some(i),
        _ => None,
    }
}

enum Only {
    None,
    One(usize),
    Several,
}

fn only(agenda: &Agenda, fits: impl Fn(&Venue) -> bool) -> Only {
    let mut found = Only::None;
    for (i, v) in agenda.venues.iter().enumerate() {
        if fits(v) {
            found = match found {
                Only::None => Only::One(i),
                _ => return Only::Several,
            };
        }
    }
    found
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
    fn bracketed_names_and_locations() {
        let mut a = agenda();
        a.venues[0].name = "主会场（市电信局视频电话会议室）".into();
        a.venues[2].location = "宜君县教育局三楼会议室".into();
        assert_eq!(resolve(&a, "市电信局视频电话会议室"), Some(0));
        assert_eq!(resolve(&a, "主会场"), Some(0));
        assert_eq!(room_of(&a, "市电信局视频电话会议室"), Some(0));
        assert_eq!(room_of(&a, "主会场"), Some(0));
        assert_eq!(room_of(&a, "宜君县教育局三楼会议室"), Some(2));
        assert_eq!(room_of(&a, "宜君县视频终端"), Some(2));
        assert_eq!(room_of(&a, "宜君县-王伟"), None);
        assert_eq!(room_of(&a, "宜君县教育局三楼会议室-赵六"), None);
        assert_eq!(room_of(&a, "（宜君县视频终端）"), Some(2));
        assert_eq!(room_of(&a, "王伟"), None);
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
