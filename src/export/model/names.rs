//! People, venues and owners as a filed document names them: a speaker with the unit
//! and title (`闫斐（庆阳市教育局副局长）`), a title that has brackets of its own not
//! bracketed twice, a venue given a task by its responsible unit, never its room.

use super::super::words::Words;
use super::text::{clean, paren};
use crate::core::agenda::{OwnerRef, PersonRef};
use crate::core::meeting::Meeting;

/// `副县长（分管教育）` → `副县长，分管教育`: what goes inside another pair of brackets.
pub fn unbracket(s: &str, w: &Words) -> String {
    let sep = w.inner_sep;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '（' | '(' => {
                let t = out.trim_end().len();
                out.truncate(t);
                out.push_str(sep);
            }
            '）' | ')' => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Whether a title already says the unit (`市教育局局长` beside `铜川市教育局`): some
/// tail of the unit of three or more characters is in it.
fn title_names_unit(title: &str, unit: &str) -> bool {
    let chars: Vec<char> = unit.chars().collect();
    (0..chars.len().saturating_sub(2)).any(|i| {
        let tail: String = chars[i..].iter().collect();
        title.contains(&tail)
    })
}

/// `单位职务`, without saying the unit twice; in English `title, unit`.
pub fn unit_and_title(unit: &str, title: &str, w: &Words) -> String {
    let title = unbracket(title, w);
    match (unit.is_empty(), title.is_empty()) {
        (true, _) => title,
        (false, true) => unit.to_string(),
        (false, false) if title_names_unit(&title, unit) => title,
        (false, false) if w.unit_first => format!("{unit}{title}"),
        (false, false) => format!("{title}, {unit}"),
    }
}

/// A speaker or the chair with their unit and title: `闫斐（庆阳市教育局副局长）`. A
/// participant without a unit is placed by their venue (`镇原县`), so that a county's
/// pledge says which county.
pub fn person_full(m: &Meeting, r: &PersonRef, w: &Words) -> String {
    let name = clean(&m.person_label(r));
    let p = r.participant.as_deref().and_then(|id| m.person(id));
    let mut unit = clean(r.unit.as_deref().unwrap_or_default());
    let mut title = clean(r.title.as_deref().unwrap_or_default());
    if let Some(i) = p {
        let person = &m.people[i];
        if unit.is_empty() {
            unit = clean(&person.unit);
        }
        if title.is_empty() {
            title = clean(&person.title);
        }
        if unit.is_empty()
            && let Some(v) = m.venue(&person.venue)
        {
            unit = m.agenda.venues[v]
                .responsible_unit()
                .map(|u| clean(&u))
                .unwrap_or_default();
        }
    }
    format!("{name}{}", paren(&unit_and_title(&unit, &title, w), w))
}

/// `王晓红`: the name alone, with the title in the prose form `局长王晓红` when asked.
pub fn title_then_name(m: &Meeting, r: &PersonRef, w: &Words) -> String {
    let name = clean(&m.person_label(r));
    let title = r
        .title
        .clone()
        .or_else(|| {
            r.participant
                .as_deref()
                .and_then(|id| m.person(id))
                .map(|i| m.people[i].title.clone())
        })
        .map(|t| unbracket(&clean(&t), w))
        .unwrap_or_default();
    match (title.is_empty(), w.title_before_name) {
        (true, _) => name,
        (false, true) => format!("{title}{name}"),
        (false, false) => format!("{name}, {title},"),
    }
}

/// A venue's short name in prose: `王益区分会场` → `王益区`.
pub fn venue_short(m: &Meeting, v: usize) -> String {
    let venue = &m.agenda.venues[v];
    let name = clean(&venue.name);
    let cut = name.find(['（', '(']).map_or(name.as_str(), |i| &name[..i]);
    let mut s = cut.trim();
    for suffix in ["分会场", "主会场", "会场", " branch venue", " venue"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim();
            break;
        }
    }
    if s.is_empty() { name } else { s.to_string() }
}

/// An owner as the minutes name it: a unit, or a person with their unit; a venue by
/// the unit answerable for it.
pub fn owner_unit(m: &Meeting, o: &OwnerRef, w: &Words) -> String {
    match o {
        OwnerRef::Participant(id) => match m.person(id) {
            Some(i) => {
                let p = &m.people[i];
                format!("{}{}", clean(&p.name), paren(&clean(&p.unit), w))
            }
            None => clean(id),
        },
        OwnerRef::Venue(id) => match m.venue(id) {
            Some(v) => m.agenda.venues[v]
                .responsible_unit()
                .map(|u| clean(&u))
                .unwrap_or_else(|| clean(&m.agenda.venues[v].name)),
            None => clean(id),
        },
        OwnerRef::Unit(s) | OwnerRef::Person(s) => clean(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::words::{EN, ZH};

    #[test]
    fn brackets_are_not_doubled() {
        assert_eq!(unbracket("副县长（分管教育）", &ZH), "副县长，分管教育");
        assert_eq!(unbracket("Deputy (education)", &EN), "Deputy, education");
        assert_eq!(unbracket("科员", &ZH), "科员");
    }

    #[test]
    fn a_title_that_names_its_unit_is_not_prefixed() {
        assert_eq!(
            unit_and_title("铜川市教育局", "市教育局工委书记、局长", &ZH),
            "市教育局工委书记、局长"
        );
        assert_eq!(
            unit_and_title("庆阳市教育局", "副局长", &ZH),
            "庆阳市教育局副局长"
        );
        assert_eq!(
            unit_and_title("镇原县人民政府", "副县长（分管教育）", &ZH),
            "镇原县人民政府副县长，分管教育"
        );
        assert_eq!(
            unit_and_title("Board of Education", "Treasurer", &EN),
            "Treasurer, Board of Education"
        );
    }
}
