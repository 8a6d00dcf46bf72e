//! The plan: what a meeting is meant to be. Deserialized from the agenda JSON file
//! (see `docs/agenda-format.md`); every object refuses unknown fields so that a typo
//! cannot pass silently, except inside an explicit `extra` map.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod speech;
pub use speech::{Limit, Speech, SpeechKind, parse_duration};

/// Free-form data a tool or a secretary wants to keep with an object; huiwu ignores it.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The whole agenda file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    /// Optional `"$schema"` reference so that editors can validate the file.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format version; 1 is the only one so far.
    #[serde(default = "default_format")]
    pub format: u32,
    pub meeting: MeetingInfo,
    pub venues: Vec<Venue>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub items: Vec<Item>,
    /// Action items already known before the meeting (for example tasks the chair will announce).
    #[serde(default)]
    pub actions: Vec<PlannedAction>,
    /// 参会人员类别 in the order the minutes sum them up, and which are named there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// 文件头 and 版记 of the minutes (发文机关, 期号, 主送, 抄送, 印发).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentInfo>,
    #[serde(
        default,
        skip_serializing_if = "Extra::is_empty",
        deserialize_with = "crate::core::load::strict_extra"
    )]
    pub extra: Extra,
}

/// One 参会人员类别 (attending group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// As participants' `category` spells it: `市教育局领导班子成员`.
    pub name: String,
    /// Name its members one by one in the minutes' 出席 line (the leaders); the other
    /// groups are given with their head count.
    #[serde(default)]
    pub named: bool,
}

/// What a filed 纪要 carries besides the minutes themselves (GB/T 9704-2012).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentInfo {
    /// 发文机关: the office whose 纪要 this is; the red heading reads `…会议纪要`.
    #[serde(default)]
    pub issuer: String,
    /// 纪要编号 or 期号, as printed under the heading: `第5期`, `〔2017〕5号`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// 主送: the units it is sent to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<String>,
    /// 抄送: the units that get a copy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc: Vec<String>,
    /// 印发机关: usually the issuer's general office.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub printed_by: String,
    /// 印发日期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_on: Option<NaiveDate>,
}

fn default_format() -> u32 {
    1
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingInfo {
    /// Stable identifier; it names the meeting's journal. Letters, digits, `-`, `_` and `.`.
    pub id: String,
    pub title: String,
    /// The meeting's calendar date (local).
    pub date: NaiveDate,
    /// Scheduled start, local time with its UTC offset: `2017-05-04T14:30:00+08:00`.
    pub start: DateTime<FixedOffset>,
    /// Scheduled end, local time with its UTC offset.
    pub end: DateTime<FixedOffset>,
    #[serde(default)]
    pub organizer: String,
    /// Other organisers of a jointly held meeting (联合召开), after `organizer`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_organizers: Vec<String>,
    /// Why and when the meeting is held (紧接全省…会议召开): opens the minutes' summary.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub context: String,
    /// Minutes after the actual opening in which a sign-in is still on time; after that
    /// it is late (迟到). Default 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub late_grace_minutes: u32,
    /// The role a walk-in added at the desk starts with (the secretary can change it in
    /// the walk-in form). Default `member` (参会, counted in 应到).
    #[serde(default, skip_serializing_if = "Role::is_member")]
    pub walk_in_role: Role,
    pub chair: PersonRef,
    /// 记录人: who keeps the minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorder: Option<PersonRef>,
    #[serde(default)]
    pub location: String,
    /// Language of the minutes.
    #[serde(default)]
    pub language: Language,
    /// Named dates of the office's own calendar, for due phrases (`开学前`, `寒假前`):
    /// `{"开学": "2017-09-01", "寒假": "2018-01-20"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dates: BTreeMap<String, NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Extra::is_empty",
        deserialize_with = "crate::core::load::strict_extra"
    )]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Zh,
    En,
}

/// Someone named in the plan: a participant on the roster (by id), or a guest by name.
/// Exactly one of `participant` and `name` is given.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    pub id: String,
    pub name: String,
    pub kind: VenueKind,
    #[serde(default)]
    pub location: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// 应到: the expected headcount, for a venue without a named roster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<u32>,
    /// How the venue signs in: each person on a named roster, or a headcount it reports.
    #[serde(default)]
    pub sign_in: SignInMode,
    /// The unit answerable for the venue (王益区教育科技体育局): what the minutes name
    /// when a task is given to the venue, never the meeting room.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(
        default,
        skip_serializing_if = "Extra::is_empty",
        deserialize_with = "crate::core::load::strict_extra"
    )]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum VenueKind {
    /// 主会场
    Main,
    /// 分会场
    Branch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SignInMode {
    #[default]
    Roster,
    Headcount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Unique and stable; may be the number printed on a badge.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub unit: String,
    /// 职务
    #[serde(default)]
    pub title: String,
    /// 参会人员类别
    #[serde(default)]
    pub category: String,
    pub venue: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default)]
    pub role: Role,
    #[serde(
        default,
        skip_serializing_if = "Extra::is_empty",
        deserialize_with = "crate::core::load::strict_extra"
    )]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A member: counted in 应到.
    #[default]
    Member,
    /// 列席: attends without being a member; listed, not counted in 应到.
    Observer,
    /// Staff (会务人员): listed, not counted.
    Staff,
    /// Press (媒体): listed, not counted.
    Media,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Member, Role::Observer, Role::Staff, Role::Media];

    pub fn is_member(&self) -> bool {
        *self == Role::Member
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<PersonRef>,
    /// Planned duration in minutes. For an item with sub-items it may be left out: the
    /// sub-items' sum is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ItemKind>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The speeches planned for the item, in speaking order (发言安排).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speeches: Vec<Speech>,
    /// One level of sub-items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    #[serde(
        default,
        skip_serializing_if = "Extra::is_empty",
        deserialize_with = "crate::core::load::strict_extra"
    )]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Report,
    Speech,
    Discussion,
    Vote,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedAction {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub owners: Vec<OwnerRef>,
    /// ISO date `2017-06-30`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// The phrase as it was said (`6月底前`), kept for the minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_text: Option<String>,
    /// The agenda item the task came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Who assigned it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_by: Option<PersonRef>,
    #[serde(
        default,
        skip_serializing_if = "Extra::is_empty",
        deserialize_with = "crate::core::load::strict_extra"
    )]
    pub extra: Extra,
}

/// Who owns an action item: a participant (by id), a venue (by id), a unit or a person by
/// name. Exactly one field is given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OwnerRef {
    Participant(String),
    Venue(String),
    Unit(String),
    Person(String),
}

impl Agenda {
    /// Items flattened in order: top-level items followed by their sub-items.
    pub fn flat_items(&self) -> Vec<FlatItem<'_>> {
        let mut out = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            out.push(FlatItem {
                item,
                parent: None,
                number: format!("{}", i + 1),
            });
            for (j, sub) in item.items.iter().enumerate() {
                out.push(FlatItem {
                    item: sub,
                    parent: Some(&item.id),
                    number: format!("{}.{}", i + 1, j + 1),
                });
            }
        }
        out
    }

    /// Where the agenda lists the category, if it does.
    pub fn category(&self, name: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.name == name)
    }

    pub fn main_venue(&self) -> Option<&Venue> {
        self.venues.iter().find(|v| v.kind == VenueKind::Main)
    }

    /// Total planned minutes of the top-level items (a parent without its own minutes
    /// counts its sub-items).
    pub fn planned_minutes(&self) -> i64 {
        self.items.iter().map(Item::effective_minutes).sum()
    }

    pub fn participant_index(&self) -> HashMap<&str, usize> {
        self.participants
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect()
    }
}

impl Item {
    pub fn effective_minutes(&self) -> i64 {
        match self.minutes {
            Some(m) => m.max(0),
            None => self
                .items
                .iter()
                .map(|s| s.minutes.unwrap_or(0).max(0))
                .sum(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct FlatItem<'a> {
    pub item: &'a Item,
    pub parent: Option<&'a String>,
    /// `1`, `2`, `2.1`: the number shown to people.
    pub number: String,
}

impl Venue {
    /// The unit answerable for the venue: its `unit`, else its name without a bracketed
    /// room and the 主会场/分会场 word (`王益区分会场` → `王益区`); `None` when nothing is
    /// left (a main venue named only `主会场（…）`).
    pub fn responsible_unit(&self) -> Option<String> {
        let unit = self.unit.trim();
        if !unit.is_empty() {
            return Some(unit.to_string());
        }
        let name = self.name.trim();
        let name = match name.find(['（', '(']) {
            Some(i) => &name[..i],
            None => name,
        };
        let mut s = name.trim();
        for suffix in [
            "分会场",
            "主会场",
            "会场",
            " branch venue",
            " main venue",
            " venue",
        ] {
            if let Some(rest) = s.strip_suffix(suffix) {
                s = rest.trim();
                break;
            }
        }
        (!s.is_empty()).then(|| s.to_string())
    }
}
