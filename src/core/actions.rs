//! Action items as front ends need them: who an owner typed as text is, what an action
//! looks like in a list (and in `action list --json`), and the list's filters. Pure: the
//! date that decides "overdue" is passed in.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::agenda::{OwnerRef, PersonRef};
use super::meeting::{ActionItem, ActionStatus, Meeting};
use super::query::{Who, resolve_who};

/// How an owner typed as text resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerMatch {
    /// A participant, a venue or a roster unit.
    Known(OwnerRef),
    /// Several fit: the candidates, to show.
    Ambiguous(Vec<OwnerRef>),
    /// Kept as typed because the user said so (`unit:`, `person:`).
    Free(OwnerRef),
    /// Nothing on the roster or among the venues fits: flag it rather than create a
    /// unit nobody has (the user may write `unit:` to mean a new one).
    Unmatched(OwnerRef),
}

/// Several owners typed in one field (`镇原县分会场、合水县、市教育局、闫斐`): split on
/// 、，,;； and trimmed, empty parts dropped.
pub fn split_owners(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Resolve every owner of some typed fields, each split into its owners.
pub fn resolve_owners<'a>(
    m: &Meeting,
    typed: impl IntoIterator<Item = &'a str>,
) -> Vec<(String, OwnerMatch)> {
    typed
        .into_iter()
        .flat_map(split_owners)
        .map(|t| {
            let r = resolve_owner(m, &t);
            (t, r)
        })
        .collect()
}

/// Resolve an owner: a participant id or unambiguous name, a venue id or name, a unit on
/// the roster; otherwise free text kept as a unit. Prefixes force a kind: `unit:`,
/// `person:` (a name not on the roster), `venue:`.
pub fn resolve_owner(m: &Meeting, text: &str) -> OwnerMatch {
    let text = text.trim();
    if let Some(rest) = strip_kind(text, &["unit:", "单位:", "单位："]) {
        return match roster_unit(m, rest) {
            Some(u) => OwnerMatch::Known(OwnerRef::Unit(u)),
            None => OwnerMatch::Free(OwnerRef::Unit(rest.to_string())),
        };
    }
    if let Some(rest) = strip_kind(text, &["person:", "个人:", "个人："]) {
        // Someone on the roster by any of their names, else a person by name.
        return match resolve_who(m, rest) {
            Who::One(i) => OwnerMatch::Known(OwnerRef::Participant(m.people[i].id.clone())),
            Who::Ambiguous(c) => OwnerMatch::Ambiguous(people(m, &c)),
            Who::Unknown(_) => OwnerMatch::Free(OwnerRef::Person(rest.to_string())),
        };
    }
    if let Some(rest) = strip_kind(text, &["venue:", "会场:", "会场："]) {
        return match venue_match(m, rest) {
            Some(v) => OwnerMatch::Known(v),
            None => OwnerMatch::Free(OwnerRef::Unit(rest.to_string())),
        };
    }
    // Exact ids and names first, people before venues before units.
    if let Some(i) = m.person(text) {
        return OwnerMatch::Known(OwnerRef::Participant(m.people[i].id.clone()));
    }
    if let Some(v) = venue_match(m, text) {
        return OwnerMatch::Known(v);
    }
    let exact: Vec<usize> = (0..m.people.len())
        .filter(|&i| m.people[i].name == text)
        .collect();
    match exact.len() {
        1 => return OwnerMatch::Known(OwnerRef::Participant(m.people[exact[0]].id.clone())),
        n if n > 1 => return OwnerMatch::Ambiguous(people(m, &exact)),
        _ => {}
    }
    if let Some(u) = roster_unit(m, text) {
        return OwnerMatch::Known(OwnerRef::Unit(u));
    }
    if let Some(short) = short_unit(m, text) {
        return short;
    }
    match resolve_who(m, text) {
        Who::One(i) => OwnerMatch::Known(OwnerRef::Participant(m.people[i].id.clone())),
        Who::Ambiguous(c) => OwnerMatch::Ambiguous(people(m, &c)),
        Who::Unknown(_) => OwnerMatch::Unmatched(OwnerRef::Unit(text.to_string())),
    }
}

/// A short name of a unit: `合水县` → the 合水县 venue (its responsible unit), `市教育局`
/// → `庆阳市教育局`. A venue whose short name or unit is the text wins; then the roster
/// units and venues' units that end with it, or else contain it, when only one does.
fn short_unit(m: &Meeting, text: &str) -> Option<OwnerMatch> {
    if text.chars().count() < 2 {
        return None;
    }
    let venues = &m.agenda.venues;
    let short = |v: &crate::core::agenda::Venue| {
        v.name
            .trim_end_matches("分会场")
            .trim_end_matches("主会场")
            .trim()
            .to_string()
    };
    if let Some(v) = venues.iter().find(|v| short(v) == text || v.unit == text) {
        return Some(OwnerMatch::Known(OwnerRef::Venue(v.id.clone())));
    }
    // `印台` for 印台区分会场: a venue whose short name starts so, when only one does.
    let starts: Vec<&crate::core::agenda::Venue> = venues
        .iter()
        .filter(|v| !short(v).is_empty() && short(v).starts_with(text))
        .collect();
    if let [v] = starts[..] {
        return Some(OwnerMatch::Known(OwnerRef::Venue(v.id.clone())));
    }
    // Candidates: roster units, then venues' units the roster does not have.
    let mut units: Vec<(String, Option<String>)> =
        roster_units(m).into_iter().map(|u| (u, None)).collect();
    for v in venues {
        if let Some(u) = v.responsible_unit()
            && !units.iter().any(|(x, _)| *x == u)
        {
            units.push((u, Some(v.id.clone())));
        }
    }
    let as_owner = |(u, venue): &(String, Option<String>)| match venue {
        Some(id) => OwnerRef::Venue(id.clone()),
        None => OwnerRef::Unit(u.clone()),
    };
    for fits in [
        (|u: &str, t: &str| u.ends_with(t)) as fn(&str, &str) -> bool,
        |u: &str, t: &str| u.contains(t),
    ] {
        let hits: Vec<&(String, Option<String>)> =
            units.iter().filter(|(u, _)| fits(u, text)).collect();
        match hits.len() {
            0 => continue,
            1 => return Some(OwnerMatch::Known(as_owner(hits[0]))),
            _ => {
                return Some(OwnerMatch::Ambiguous(
                    hits.into_iter().map(as_owner).collect(),
                ));
            }
        }
    }
    None
}

/// How an assigner (交办人) typed as text resolved: checked like an owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssignerMatch {
    Known(PersonRef),
    /// A name kept as typed because the user said so (`person:NAME`).
    Free(PersonRef),
    Ambiguous(Vec<usize>),
    /// Nobody on the roster (`杨涛放假前` is not a person).
    Unmatched(String),
}

pub fn check_assigner(m: &Meeting, text: &str) -> AssignerMatch {
    let text = text.trim();
    if let Some(rest) = strip_kind(text, &["person:", "个人:", "个人："]) {
        return match check_assigner(m, rest) {
            AssignerMatch::Unmatched(n) => AssignerMatch::Free(PersonRef {
                name: Some(n),
                ..Default::default()
            }),
            other => other,
        };
    }
    let exact: Vec<usize> = (0..m.people.len())
        .filter(|&i| m.people[i].name == text)
        .collect();
    let found = match exact.len() {
        0 => resolve_who(m, text),
        1 => Who::One(exact[0]),
        _ => Who::Ambiguous(exact),
    };
    match found {
        Who::One(i) => AssignerMatch::Known(PersonRef {
            participant: Some(m.people[i].id.clone()),
            ..Default::default()
        }),
        Who::Ambiguous(c) => AssignerMatch::Ambiguous(c),
        Who::Unknown(_) => AssignerMatch::Unmatched(text.to_string()),
    }
}

fn strip_kind<'a>(text: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .map(str::trim)
        .filter(|r| !r.is_empty())
}

fn people(m: &Meeting, idx: &[usize]) -> Vec<OwnerRef> {
    idx.iter()
        .map(|&i| OwnerRef::Participant(m.people[i].id.clone()))
        .collect()
}

fn venue_match(m: &Meeting, text: &str) -> Option<OwnerRef> {
    m.agenda
        .venues
        .iter()
        .find(|v| v.id == text || v.name == text)
        .map(|v| OwnerRef::Venue(v.id.clone()))
}

/// A unit as the roster spells it.
fn roster_unit(m: &Meeting, text: &str) -> Option<String> {
    m.people
        .iter()
        .find(|p| !p.unit.is_empty() && p.unit == text)
        .map(|p| p.unit.clone())
}

/// The distinct units of the roster, in roster order: what an owner picker offers.
pub fn roster_units(m: &Meeting) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    m.people
        .iter()
        .filter(|p| !p.unit.is_empty() && seen.insert(p.unit.as_str()))
        .map(|p| p.unit.clone())
        .collect()
}

/// A person as an assigner: a participant by id or unambiguous name, otherwise the name
/// as typed. `Err` carries the candidates when the name is ambiguous.
pub fn resolve_assigner(m: &Meeting, text: &str) -> Result<PersonRef, Vec<usize>> {
    match resolve_who(m, text) {
        Who::One(i) => Ok(PersonRef {
            participant: Some(m.people[i].id.clone()),
            ..Default::default()
        }),
        Who::Ambiguous(c) => Err(c),
        Who::Unknown(_) => Ok(PersonRef {
            name: Some(text.trim().to_string()),
            ..Default::default()
        }),
    }
}

/// Which actions a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    #[default]
    All,
    Open,
    Done,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    /// Text matched against an owner's name, id, and a participant's unit.
    pub owner: Option<String>,
    pub status: StatusFilter,
    pub overdue_only: bool,
}

impl ActionFilter {
    pub fn matches(&self, m: &Meeting, a: &ActionItem, today: NaiveDate) -> bool {
        let status_ok = match self.status {
            StatusFilter::All => true,
            StatusFilter::Open => a.status == ActionStatus::Open,
            StatusFilter::Done => a.status == ActionStatus::Done,
        };
        status_ok
            && (!self.overdue_only || a.is_overdue(today))
            && self
                .owner
                .as_deref()
                .is_none_or(|o| a.owners.iter().any(|x| owner_fits(m, x, o)))
    }
}

fn owner_fits(m: &Meeting, owner: &OwnerRef, query: &str) -> bool {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return true;
    }
    let has = |s: &str| s.to_lowercase().contains(&q);
    let id_is = |s: &str| s.to_lowercase() == q;
    match owner {
        OwnerRef::Participant(id) => {
            id_is(id)
                || m.person(id).is_some_and(|i| {
                    let p = &m.people[i];
                    has(&p.name) || has(&p.unit)
                })
        }
        OwnerRef::Venue(id) => id_is(id) || has(&m.owner_label(owner)),
        OwnerRef::Unit(s) | OwnerRef::Person(s) => has(s),
    }
}

/// One action as a list shows it; also the shape of `huiwu action list --json`
/// (documented in `docs/actions.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionRow {
    pub id: String,
    pub text: String,
    pub owners: Vec<OwnerView>,
    /// ISO date.
    pub due: Option<NaiveDate>,
    /// The phrase as said (`6月底前`); with `due` null, a phrase that names no date (`尽快`).
    pub due_text: Option<String>,
    /// The due date rests on a public holiday schedule not yet published (estimated from the
    /// lunar calendar): `国庆节前` said for a year the State Council has not scheduled.
    pub due_estimated: bool,
    pub item: Option<ItemView>,
    pub assigned_by: Option<String>,
    pub status: ActionStatus,
    pub overdue: bool,
    pub added_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnerView {
    /// `participant`, `venue`, `unit` or `person`.
    pub kind: &'static str,
    /// The participant's or venue's id (absent for free text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemView {
    pub id: String,
    /// `4.2`: the number shown in the agenda.
    pub number: String,
    pub title: String,
}

pub fn owner_view(m: &Meeting, o: &OwnerRef) -> OwnerView {
    let (kind, id) = match o {
        OwnerRef::Participant(id) => ("participant", Some(id.clone())),
        OwnerRef::Venue(id) => ("venue", Some(id.clone())),
        OwnerRef::Unit(_) => ("unit", None),
        OwnerRef::Person(_) => ("person", None),
    };
    OwnerView {
        kind,
        id,
        name: m.owner_label(o),
    }
}

pub fn item_view(m: &Meeting, id: &str) -> ItemView {
    let flat = m.agenda.flat_items();
    match flat.iter().find(|f| f.item.id == id) {
        Some(f) => ItemView {
            id: id.to_string(),
            number: f.number.clone(),
            title: f.item.title.clone(),
        },
        None => ItemView {
            id: id.to_string(),
            number: String::new(),
            title: id.to_string(),
        },
    }
}

/// Whether the action's date is the one its phrase gives today, and that reading rests on
/// an unpublished holiday schedule. Read again from the phrase, so nothing new is recorded.
fn due_is_estimated(m: &Meeting, a: &ActionItem) -> bool {
    let (Some(date), Some(text)) = (a.due, &a.due_text) else {
        return false;
    };
    let ctx = crate::core::due::Context::for_meeting(&m.agenda.meeting);
    crate::core::due::resolve_in(text, &ctx).is_ok_and(|d| d.date == Some(date) && d.is_estimated())
}

pub fn action_row(m: &Meeting, a: &ActionItem, today: NaiveDate) -> ActionRow {
    ActionRow {
        id: a.id.clone(),
        text: a.text.clone(),
        owners: a.owners.iter().map(|o| owner_view(m, o)).collect(),
        due: a.due,
        due_text: a.due_text.clone(),
        due_estimated: due_is_estimated(m, a),
        item: a.item.as_deref().map(|i| item_view(m, i)),
        assigned_by: a.assigned_by.as_ref().map(|p| m.person_label(p)),
        status: a.status,
        overdue: a.is_overdue(today),
        added_at: a.added_at,
        done_at: a.done_at,
    }
}

/// The actions a filter keeps, in the order they were recorded.
pub fn list(m: &Meeting, filter: &ActionFilter, today: NaiveDate) -> Vec<ActionRow> {
    m.actions
        .iter()
        .filter(|a| filter.matches(m, a, today))
        .map(|a| action_row(m, a, today))
        .collect()
}

/// Find an agenda item by id, by its number (`4.2`), or by a unique part of its title.
pub fn find_item(m: &Meeting, text: &str) -> Result<String, Vec<String>> {
    let text = text.trim();
    let flat = m.agenda.flat_items();
    if let Some(f) = flat.iter().find(|f| f.item.id == text || f.number == text) {
        return Ok(f.item.id.clone());
    }
    let hits: Vec<String> = flat
        .iter()
        .filter(|f| !text.is_empty() && f.item.title.contains(text))
        .map(|f| f.item.id.clone())
        .collect();
    match hits.len() {
        1 => Ok(hits[0].clone()),
        _ => Err(hits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::load_agenda;
    use crate::i18n::Lang;
    use std::sync::Arc;

    fn meeting() -> Meeting {
        let json = include_bytes!("../../tests/fixtures/runner.json");
        Meeting::new(Arc::new(load_agenda(json, Lang::En).agenda.unwrap()))
    }

    #[test]
    fn owners_resolve_to_people_venues_units_or_free_text() {
        let m = meeting();
        let p = |id: &str| OwnerMatch::Known(OwnerRef::Participant(id.into()));
        assert_eq!(resolve_owner(&m, "c1"), p("c1"));
        assert_eq!(resolve_owner(&m, "王晓红"), p("c1"));
        assert_eq!(resolve_owner(&m, "li na"), p("p5"));
        assert_eq!(
            resolve_owner(&m, "张伟"),
            OwnerMatch::Ambiguous(vec![
                OwnerRef::Participant("p3".into()),
                OwnerRef::Participant("p4".into())
            ])
        );
        assert_eq!(
            resolve_owner(&m, "耀州区分会场"),
            OwnerMatch::Known(OwnerRef::Venue("yaozhou".into()))
        );
        assert_eq!(
            resolve_owner(&m, "yijun"),
            OwnerMatch::Known(OwnerRef::Venue("yijun".into()))
        );
        assert_eq!(
            resolve_owner(&m, "市教育局"),
            OwnerMatch::Known(OwnerRef::Unit("市教育局".into()))
        );
        assert_eq!(
            resolve_owner(&m, "各区县教育局"),
            OwnerMatch::Unmatched(OwnerRef::Unit("各区县教育局".into()))
        );
        assert_eq!(
            resolve_owner(&m, "person:赵六"),
            OwnerMatch::Free(OwnerRef::Person("赵六".into()))
        );
        assert_eq!(
            resolve_owner(&m, "unit:王晓红"),
            OwnerMatch::Free(OwnerRef::Unit("王晓红".into()))
        );
        assert_eq!(roster_units(&m).len(), 3);
    }

    #[test]
    fn several_owners_in_one_field_are_split() {
        assert_eq!(
            split_owners("镇原县分会场、合水县，市教育局, 闫斐;甲；乙"),
            ["镇原县分会场", "合水县", "市教育局", "闫斐", "甲", "乙"]
        );
        assert!(split_owners(" 、，").is_empty());
    }

    #[test]
    fn short_unit_names_find_the_venue_or_the_unit() {
        let m = meeting();
        // A venue by its name without 分会场, or by the start of it.
        assert_eq!(
            resolve_owner(&m, "耀州区"),
            OwnerMatch::Known(OwnerRef::Venue("yaozhou".into()))
        );
        assert_eq!(
            resolve_owner(&m, "耀州"),
            OwnerMatch::Known(OwnerRef::Venue("yaozhou".into()))
        );
        // A unit by its tail.
        assert_eq!(
            resolve_owner(&m, "教育局"),
            OwnerMatch::Known(OwnerRef::Unit("市教育局".into()))
        );
        // person: finds anyone on the roster, whatever the role.
        assert_eq!(
            resolve_owner(&m, "person:王晓红"),
            OwnerMatch::Known(OwnerRef::Participant("c1".into()))
        );
        assert_eq!(
            check_assigner(&m, "杨涛放假前"),
            AssignerMatch::Unmatched("杨涛放假前".into())
        );
        assert!(matches!(
            check_assigner(&m, "王晓红"),
            AssignerMatch::Known(_)
        ));
    }

    #[test]
    fn items_are_found_by_id_number_or_title() {
        let m = meeting();
        assert_eq!(find_item(&m, "req2"), Ok("req2".into()));
        assert_eq!(find_item(&m, "4.2"), Ok("req2".into()));
        assert_eq!(find_item(&m, "组织领导"), Ok("req2".into()));
        assert_eq!(find_item(&m, "zzz"), Err(vec![]));
    }
}
