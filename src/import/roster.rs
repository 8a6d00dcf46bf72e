//! Turning roster rows into participants of an agenda: what is new, what changed, what
//! is a duplicate and which rows could not be used — each by its row number. Pure: the
//! tables come in, a plan goes out; the CLI reads and writes the files.

use std::collections::{HashMap, HashSet};

use super::header::{Field, Mapping};
use super::normalize;
use super::table::{Row, Table};
use super::venue;
use crate::core::agenda::{Agenda, Participant, Role};
use crate::i18n::Lang;

/// One table to import, with what the CLI found out about it.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    pub table: &'a Table,
    pub mapping: &'a Mapping,
    /// The venue (index) for rows without a venue cell: `--venue`, else the title rows or
    /// the sheet's name, else the agenda's only venue.
    pub default_venue: Option<usize>,
}

/// A row of a source, as the spreadsheet numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowRef {
    pub source: usize,
    pub row: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Cells filled but no name.
    NoName,
    /// The name cell holds something that is not a name (合计：36人, 制表人：…).
    NotAName(String),
    UnknownVenue(String),
    /// No venue cell and no default venue.
    NoVenue,
    /// The id cell cannot be an id (spaces, slashes...).
    BadId(String),
    /// The id is another person's, on the roster already or earlier in the file.
    IdTaken {
        id: String,
        holder: String,
    },
    /// A cell far longer than any unit, title or venue (a pasted document, a damaged
    /// file): the row is left out rather than put into the agenda.
    TooLong {
        field: Field,
        chars: usize,
    },
}

/// Longer than any real unit, title or category ("铜川市耀州区教育科技体育局" is 13).
pub const MAX_CELL_CHARS: usize = 200;

impl SkipReason {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SkipReason::NoName, Lang::En) => "no name".into(),
            (SkipReason::NoName, Lang::Zh) => "没有姓名".into(),
            (SkipReason::NotAName(s), Lang::En) => {
                format!("`{}` is not a person's name", clip(s))
            }
            (SkipReason::NotAName(s), Lang::Zh) => format!("`{}` 不是人名", clip(s)),
            (SkipReason::UnknownVenue(v), Lang::En) => {
                format!("venue `{}` is not one of the agenda's venues", clip(v))
            }
            (SkipReason::UnknownVenue(v), Lang::Zh) => {
                format!("会场 `{}` 不在议程的会场中", clip(v))
            }
            (SkipReason::NoVenue, Lang::En) => "no venue (give --venue)".into(),
            (SkipReason::NoVenue, Lang::Zh) => "未指明会场（请用 --venue）".into(),
            (SkipReason::BadId(id), Lang::En) => {
                format!(
                    "`{}` cannot be an id (letters, digits, `-`, `_` and `.` only)",
                    clip(id)
                )
            }
            (SkipReason::BadId(id), Lang::Zh) => {
                format!(
                    "`{}` 不能作为编号（只可使用字母、数字、`-`、`_`、`.`）",
                    clip(id)
                )
            }
            (SkipReason::IdTaken { id, holder }, Lang::En) => {
                format!("id `{id}` already belongs to {holder}")
            }
            (SkipReason::IdTaken { id, holder }, Lang::Zh) => {
                format!("编号 `{id}` 已属于 {holder}")
            }
            (SkipReason::TooLong { field, chars }, Lang::En) => format!(
                "the {} cell holds {chars} characters (at most {MAX_CELL_CHARS}); is the column right?",
                field.label(lang)
            ),
            (SkipReason::TooLong { field, chars }, Lang::Zh) => format!(
                "“{}”单元格有 {chars} 个字符（最多 {MAX_CELL_CHARS} 个）；列是否对应正确？",
                field.label(lang)
            ),
        }
    }
}

/// A cell as a message quotes it: at most 40 characters (a 10 MB cell is not printed),
/// with the length when cut.
fn clip(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}… ({} chars)", &s[..i], s.chars().count()),
        None => s.to_string(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub at: RowRef,
    pub reason: SkipReason,
}

/// A row naming someone an earlier row (or the same import) already named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub at: RowRef,
    pub first: RowRef,
    pub name: String,
}

/// Something worth a look that did not stop the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Excel turned the phone number into `1.39E+10`: it was left out.
    PhoneMangled { at: RowRef, text: String },
    /// The role cell said something unknown: the person is a member.
    UnknownRole { at: RowRef, text: String },
    /// Someone of the same name is on the roster at the same venue with another unit:
    /// added as a different person.
    SameName {
        at: RowRef,
        name: String,
        existing: String,
        /// The row that added `existing` in this import; `None` when it was on the roster.
        from_row: Option<RowRef>,
    },
}

impl Notice {
    pub fn at(&self) -> RowRef {
        match self {
            Notice::PhoneMangled { at, .. }
            | Notice::UnknownRole { at, .. }
            | Notice::SameName { at, .. } => *at,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Notice::PhoneMangled { text, .. }, Lang::En) => format!(
                "phone `{}` was turned into a number by Excel and has lost digits; left out",
                clip(text)
            ),
            (Notice::PhoneMangled { text, .. }, Lang::Zh) => {
                format!(
                    "电话 `{}` 已被 Excel 转成科学计数法，数字已丢失；未导入",
                    clip(text)
                )
            }
            (Notice::UnknownRole { text, .. }, Lang::En) => format!(
                "role `{}` is not known (member, observer/列席, staff/工作人员); taken as a member",
                clip(text)
            ),
            (Notice::UnknownRole { text, .. }, Lang::Zh) => {
                format!(
                    "角色 `{}` 无法识别（成员、列席、工作人员）；按成员导入",
                    clip(text)
                )
            }
            (
                Notice::SameName {
                    name,
                    existing,
                    from_row: None,
                    ..
                },
                Lang::En,
            ) => format!(
                "{name}: the roster already has {existing} at this venue; added as a different person"
            ),
            (
                Notice::SameName {
                    name,
                    existing,
                    from_row: None,
                    ..
                },
                Lang::Zh,
            ) => format!("{name}：本会场名单中已有 {existing}；作为另一人添加"),
            (
                Notice::SameName {
                    name,
                    existing,
                    from_row: Some(r),
                    ..
                },
                Lang::En,
            ) => format!(
                "{name}: same name as {existing} from row {}, another unit; added as a different person",
                r.row
            ),
            (
                Notice::SameName {
                    name,
                    existing,
                    from_row: Some(r),
                    ..
                },
                Lang::Zh,
            ) => format!(
                "{name}：与第 {} 行的 {existing} 同名但单位不同；作为另一人添加",
                r.row
            ),
        }
    }
}

/// What an import would do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The whole roster after the import: the agenda's participants (some updated) in
    /// their order, then the new ones in row order.
    pub participants: Vec<Participant>,
    /// New people: row and index into `participants`.
    pub added: Vec<(RowRef, usize)>,
    /// Changed people: row, index, the fields that changed.
    pub updated: Vec<(RowRef, usize, Vec<Field>)>,
    /// People already on the roster exactly so.
    pub unchanged: Vec<(RowRef, usize)>,
    pub duplicates: Vec<Duplicate>,
    pub skipped: Vec<Skipped>,
    pub notices: Vec<Notice>,
}

impl Plan {
    pub fn changes_anything(&self) -> bool {
        !self.added.is_empty() || !self.updated.is_empty()
    }
}

/// The cells of one row, by field.
#[derive(Debug, Default)]
struct Cells {
    serial: String,
    id: String,
    name: String,
    unit: String,
    title: String,
    category: String,
    venue: String,
    phone: String,
    role: String,
}

fn cells_of(row: &Row, mapping: &Mapping) -> Cells {
    let mut c = Cells::default();
    for (col, field) in mapping.columns.iter().enumerate() {
        let Some(field) = field else { continue };
        let v = row.cell(col).trim().to_string();
        match field {
            Field::Serial => c.serial = v,
            Field::Id => c.id = v,
            Field::Name => c.name = v,
            Field::Unit => c.unit = v,
            Field::Title => c.title = v,
            Field::Category => c.category = v,
            Field::Venue => c.venue = v,
            Field::Phone => c.phone = v,
            Field::Role => c.role = v,
            Field::Ignore => {}
        }
    }
    c
}

/// The words a sheet's footer starts with.
const FOOTER_WORDS: &[&str] = &[
    "合计",
    "总计",
    "共计",
    "小计",
    "制表",
    "填表",
    "审核",
    "备注",
    "说明",
    "注：",
    "注:",
    "联系人",
    "total",
];

fn looks_like_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    !name.contains([':', '：'])
        && name.chars().any(char::is_alphabetic)
        && !FOOTER_WORDS.iter().any(|w| lower.starts_with(w))
        && name.chars().count() <= 40
}

pub fn parse_role(text: &str) -> Option<Role> {
    let t = normalize::name_key(text);
    match t.as_str() {
        "" | "成员" | "参会" | "参会人员" | "出席" | "正式" | "代表" | "member" | "attendee"
        | "participant" | "delegate" => Some(Role::Member),
        "列席" | "旁听" | "observer" | "guest" => Some(Role::Observer),
        "工作人员" | "会务" | "会务人员" | "staff" => Some(Role::Staff),
        "媒体" | "记者" | "media" | "press" => Some(Role::Media),
        _ => None,
    }
}

pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// How a row's person is told from others: the id when the file has one, else the venue,
/// name and unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Id(String),
    Person(String, String, String),
}

fn person_label(p: &Participant) -> String {
    if p.unit.is_empty() {
        format!("{} ({})", p.name, p.id)
    } else {
        format!("{} ({}, {})", p.name, p.id, p.unit)
    }
}

/// Plan the import of `sources` into `agenda`.
pub fn plan(agenda: &Agenda, sources: &[Source<'_>]) -> Plan {
    let mut plan = Plan {
        participants: agenda.participants.clone(),
        ..Plan::default()
    };
    let mut by_id: HashMap<String, usize> = plan
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let mut by_name: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, p) in plan.participants.iter().enumerate() {
        by_name
            .entry((p.venue.clone(), normalize::name_key(&p.name)))
            .or_default()
            .push(i);
    }
    let existing = plan.participants.len();
    let mut seen: HashMap<Key, RowRef> = HashMap::new();
    // Which row claimed each participant, so two rows cannot both update one person.
    let mut claimed: HashMap<usize, RowRef> = HashMap::new();
    let mut taken_ids: HashSet<String> = by_id.keys().cloned().collect();
    let mut next_seq: HashMap<String, u32> = HashMap::new();

    for (si, src) in sources.iter().enumerate() {
        let header_cells: Option<Vec<String>> = src.mapping.header.map(|h| {
            src.table.rows[h]
                .cells
                .iter()
                .map(|c| c.trim().to_string())
                .collect()
        });
        let first_data = src.mapping.header.map_or(0, |h| h + 1);
        for row in &src.table.rows[first_data..] {
            let at = RowRef {
                source: si,
                row: row.number,
            };
            if row.is_blank() {
                continue;
            }
            // A header repeated on every printed page.
            if let Some(h) = &header_cells {
                let cells: Vec<String> = row.cells.iter().map(|c| c.trim().to_string()).collect();
                let n = h.len().max(cells.len());
                if (0..n).all(|i| {
                    h.get(i).map_or("", String::as_str) == cells.get(i).map_or("", String::as_str)
                }) {
                    continue;
                }
            }
            let c = cells_of(row, src.mapping);
            let name = normalize::name(&c.name);
            if name.is_empty() {
                let others = [&c.id, &c.unit, &c.title, &c.category, &c.phone, &c.role];
                // A numbered blank line of a printed sheet is not a person left out.
                if others.iter().any(|s| !s.is_empty()) {
                    plan.skipped.push(Skipped {
                        at,
                        reason: SkipReason::NoName,
                    });
                }
                continue;
            }
            if !looks_like_name(&name) {
                plan.skipped.push(Skipped {
                    at,
                    reason: SkipReason::NotAName(c.name.clone()),
                });
                continue;
            }
            let too_long = [
                (Field::Unit, &c.unit),
                (Field::Title, &c.title),
                (Field::Category, &c.category),
                (Field::Venue, &c.venue),
                (Field::Phone, &c.phone),
                (Field::Id, &c.id),
                (Field::Role, &c.role),
            ]
            .into_iter()
            .map(|(f, v)| (f, v.chars().count()))
            .find(|&(_, n)| n > MAX_CELL_CHARS);
            if let Some((field, chars)) = too_long {
                plan.skipped.push(Skipped {
                    at,
                    reason: SkipReason::TooLong { field, chars },
                });
                continue;
            }
            let venue = if c.venue.is_empty() {
                src.default_venue
            } else {
                match venue::resolve(agenda, &c.venue) {
                    Some(v) => Some(v),
                    None => {
                        plan.skipped.push(Skipped {
                            at,
                            reason: SkipReason::UnknownVenue(c.venue.clone()),
                        });
                        continue;
                    }
                }
            };
            let Some(venue) = venue else {
                plan.skipped.push(Skipped {
                    at,
                    reason: SkipReason::NoVenue,
                });
                continue;
            };
            let venue_id = agenda.venues[venue].id.clone();
            let id = normalize::fold_width(&c.id).trim().to_string();
            if !id.is_empty() && !valid_id(&id) {
                plan.skipped.push(Skipped {
                    at,
                    reason: SkipReason::BadId(id),
                });
                continue;
            }
            let unit = normalize::text(&c.unit);
            let name_key = normalize::name_key(&name);
            let key = if id.is_empty() {
                Key::Person(
                    venue_id.clone(),
                    name_key.clone(),
                    normalize::name_key(&unit),
                )
            } else {
                Key::Id(id.clone())
            };
            if let Some(&first) = seen.get(&key) {
                // The same id with another name is a clash, not a repeat.
                let first_name = match &key {
                    Key::Id(id) => by_id.get(id).map(|&i| plan.participants[i].name.clone()),
                    Key::Person(..) => None,
                };
                match first_name {
                    Some(n) if normalize::name_key(&n) != name_key => plan.skipped.push(Skipped {
                        at,
                        reason: SkipReason::IdTaken { id, holder: n },
                    }),
                    _ => plan.duplicates.push(Duplicate { at, first, name }),
                }
                continue;
            }
            let phone = if c.phone.is_empty() {
                None
            } else {
                match normalize::phone(&c.phone) {
                    Ok(p) => Some(p),
                    Err(text) => {
                        plan.notices.push(Notice::PhoneMangled { at, text });
                        None
                    }
                }
            };
            let role = if c.role.is_empty() {
                None
            } else {
                match parse_role(&c.role) {
                    Some(r) => Some(r),
                    None => {
                        plan.notices.push(Notice::UnknownRole {
                            at,
                            text: c.role.clone(),
                        });
                        None
                    }
                }
            };
            let incoming = Incoming {
                name: name.clone(),
                unit,
                title: normalize::text(&c.title),
                category: normalize::text(&c.category),
                venue: venue_id.clone(),
                venue_given: !c.venue.is_empty(),
                phone,
                role,
            };

            // Who on the roster this row is.
            let target = if !id.is_empty() {
                match by_id.get(&id) {
                    Some(&i) if normalize::name_key(&plan.participants[i].name) == name_key => {
                        Some(i)
                    }
                    Some(&i) => {
                        plan.skipped.push(Skipped {
                            at,
                            reason: SkipReason::IdTaken {
                                id,
                                holder: person_label(&plan.participants[i]),
                            },
                        });
                        continue;
                    }
                    None => None,
                }
            } else {
                let same = by_name
                    .get(&(venue_id.clone(), name_key.clone()))
                    .cloned()
                    .unwrap_or_default();
                let unit_key = normalize::name_key(&incoming.unit);
                let exact: Vec<usize> = same
                    .iter()
                    .copied()
                    .filter(|&i| normalize::name_key(&plan.participants[i].unit) == unit_key)
                    .collect();
                if exact.len() == 1 {
                    Some(exact[0])
                } else if same.len() == 1
                    && (unit_key.is_empty() || plan.participants[same[0]].unit.is_empty())
                {
                    Some(same[0])
                } else {
                    if let Some(&i) = same.first() {
                        plan.notices.push(Notice::SameName {
                            at,
                            name: name.clone(),
                            existing: person_label(&plan.participants[i]),
                            from_row: (i >= existing).then(|| claimed[&i]),
                        });
                    }
                    None
                }
            };
            seen.insert(key, at);
            match target {
                Some(i) => {
                    if let Some(&first) = claimed.get(&i) {
                        plan.duplicates.push(Duplicate { at, first, name });
                        continue;
                    }
                    claimed.insert(i, at);
                    let changed = incoming.update(&mut plan.participants[i]);
                    if i >= existing {
                        // A person added by an earlier row of this import.
                        continue;
                    }
                    if changed.is_empty() {
                        plan.unchanged.push((at, i));
                    } else {
                        if changed.contains(&Field::Venue) {
                            let moved_to = (venue_id.clone(), name_key.clone());
                            by_name.entry(moved_to).or_default().push(i);
                        }
                        plan.updated.push((at, i, changed));
                    }
                }
                None => {
                    let id = if id.is_empty() {
                        new_id(&venue_id, &taken_ids, &mut next_seq)
                    } else {
                        id
                    };
                    taken_ids.insert(id.clone());
                    let i = plan.participants.len();
                    plan.participants
                        .push(incoming.into_participant(id.clone()));
                    by_id.insert(id, i);
                    by_name.entry((venue_id, name_key)).or_default().push(i);
                    claimed.insert(i, at);
                    plan.added.push((at, i));
                }
            }
        }
    }
    plan
}

/// `VENUE-001`, `VENUE-002`, ...: continuing after the highest number the venue's ids
/// already use, skipping any id taken.
fn new_id(venue: &str, taken: &HashSet<String>, next: &mut HashMap<String, u32>) -> String {
    let n = next.entry(venue.to_string()).or_insert_with(|| {
        let prefix = format!("{venue}-");
        taken
            .iter()
            .filter_map(|id| id.strip_prefix(&prefix)?.parse::<u32>().ok())
            .max()
            .unwrap_or(0)
            + 1
    });
    loop {
        let id = format!("{venue}-{:03}", *n);
        *n += 1;
        if !taken.contains(&id) {
            return id;
        }
    }
}

/// A row's values, cleaned.
struct Incoming {
    name: String,
    unit: String,
    title: String,
    category: String,
    venue: String,
    /// The row named its venue (a default venue does not move people).
    venue_given: bool,
    phone: Option<String>,
    role: Option<Role>,
}

impl Incoming {
    /// Overwrite what the row says (an empty cell erases nothing); the fields changed.
    fn update(&self, p: &mut Participant) -> Vec<Field> {
        let mut changed = Vec::new();
        let mut set = |field: Field, slot: &mut String, v: &str| {
            if !v.is_empty() && slot != v {
                *slot = v.to_string();
                changed.push(field);
            }
        };
        set(Field::Name, &mut p.name, &self.name);
        set(Field::Unit, &mut p.unit, &self.unit);
        set(Field::Title, &mut p.title, &self.title);
        set(Field::Category, &mut p.category, &self.category);
        if self.venue_given {
            set(Field::Venue, &mut p.venue, &self.venue);
        }
        if let Some(ph) = &self.phone
            && p.phone.as_deref() != Some(ph.as_str())
        {
            p.phone = Some(ph.clone());
            changed.push(Field::Phone);
        }
        if let Some(r) = self.role
            && p.role != r
        {
            p.role = r;
            changed.push(Field::Role);
        }
        changed
    }

    fn into_participant(self, id: String) -> Participant {
        Participant {
            id,
            name: self.name,
            unit: self.unit,
            title: self.title,
            category: self.category,
            venue: self.venue,
            phone: self.phone,
            role: self.role.unwrap_or_default(),
            extra: Default::default(),
        }
    }
}

/// The default venue of a table: the venue its title rows (above the header) or its
/// sheet's name mention, if exactly one.
pub fn venue_hint(agenda: &Agenda, table: &Table, mapping: &Mapping) -> Option<usize> {
    let above = mapping.header.unwrap_or(0);
    for row in &table.rows[..above] {
        for (_, text) in row.filled() {
            if let Some(v) = venue::mentioned(agenda, text) {
                return Some(v);
            }
        }
    }
    table
        .sheet
        .as_deref()
        .and_then(|s| venue::mentioned(agenda, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header;
    use crate::import::table::parse_delimited;

    fn agenda(participants: &str) -> Agenda {
        let text = format!(
            r#"{{
          "meeting": {{"id": "m", "title": "t", "date": "2017-05-04",
            "start": "2017-05-04T14:30:00+08:00", "end": "2017-05-04T16:30:00+08:00",
            "chair": {{"name": "王晓红"}}}},
          "venues": [
            {{"id": "main", "name": "市电信局视频电话会议室", "kind": "main"}},
            {{"id": "yaozhou", "name": "耀州区分会场", "kind": "branch"}}
          ],
          "participants": [{participants}]}}"#
        );
        serde_json::from_str(&text).unwrap()
    }

    fn run(a: &Agenda, csv: &str, default_venue: Option<usize>) -> Plan {
        let t = parse_delimited(csv, None);
        let m = header::find(&t, &[]).unwrap();
        let venue = default_venue.or_else(|| venue_hint(a, &t, &m));
        plan(
            a,
            &[Source {
                table: &t,
                mapping: &m,
                default_venue: venue,
            }],
        )
    }

    fn names(p: &Plan) -> Vec<(&str, &str, &str)> {
        p.added
            .iter()
            .map(|&(_, i)| {
                let x = &p.participants[i];
                (x.id.as_str(), x.name.as_str(), x.venue.as_str())
            })
            .collect()
    }

    #[test]
    fn new_people_get_ids_by_venue_and_the_title_row_names_the_venue() {
        let a = agenda(r#"{"id": "yaozhou-007", "name": "赵六", "venue": "yaozhou"}"#);
        let p = run(
            &a,
            "铜川市教育扶贫工作视频电话会议签到表\n会场：耀州区分会场 日期：2017年5月4日\n序号,姓名,单位,职务\n1,王 小 红,耀州区教育局,局长\n2,ＬＩ Ｌｅｉ,耀州区教育局,\n",
            None,
        );
        assert_eq!(
            names(&p),
            vec![
                ("yaozhou-008", "王小红", "yaozhou"),
                ("yaozhou-009", "LI Lei", "yaozhou")
            ]
        );
        assert_eq!(p.added[0].0.row, 4);
        assert!(p.skipped.is_empty() && p.duplicates.is_empty());
    }

    #[test]
    fn duplicates_and_bad_rows_by_row_number() {
        let a = agenda("");
        let p = run(
            &a,
            "姓名,单位,会场,编号\n王晓红,市教育局,主会场,\n王晓红,市教育局,主会场,\n,市教育局,主会场,\n李建国,市教育局,印台区,\n张海燕,市教育局,主会场,a b\n合计：3人,,,\n刘志强,市教育局,,\n",
            None,
        );
        assert_eq!(
            p.duplicates,
            vec![Duplicate {
                at: RowRef { source: 0, row: 3 },
                first: RowRef { source: 0, row: 2 },
                name: "王晓红".into()
            }]
        );
        let skipped: Vec<(usize, SkipReason)> = p
            .skipped
            .iter()
            .map(|s| (s.at.row, s.reason.clone()))
            .collect();
        assert_eq!(
            skipped,
            vec![
                (4, SkipReason::NoName),
                (5, SkipReason::UnknownVenue("印台区".into())),
                (6, SkipReason::BadId("a b".into())),
                (7, SkipReason::NotAName("合计：3人".into())),
                (8, SkipReason::NoVenue),
            ]
        );
        assert_eq!(names(&p), vec![("main-001", "王晓红", "main")]);
    }

    #[test]
    fn existing_people_are_updated_not_doubled() {
        let a = agenda(
            r#"{"id": "p1", "name": "王晓红", "unit": "市教育局", "venue": "main"},
               {"id": "p2", "name": "李建国", "venue": "main", "title": "科长"}"#,
        );
        let p = run(
            &a,
            "姓名,单位,职务,电话\n王晓红,市教育局,局长,139 1234 5678\n李建国,市教育局,科长,\n王晓红,耀州区教育局,,\n",
            Some(0),
        );
        assert_eq!(p.updated.len(), 2);
        assert_eq!(p.updated[0].2, vec![Field::Title, Field::Phone]);
        assert_eq!(p.participants[0].phone.as_deref(), Some("13912345678"));
        assert_eq!(p.updated[1].2, vec![Field::Unit]);
        // Same name, another unit: a second person, with a notice.
        assert_eq!(names(&p), vec![("main-001", "王晓红", "main")]);
        assert!(matches!(p.notices[0], Notice::SameName { .. }));
        // Importing the result again changes nothing.
        let mut a2 = a.clone();
        a2.participants = p.participants.clone();
        let again = run(
            &a2,
            "姓名,单位,职务,电话\n王晓红,市教育局,局长,139 1234 5678\n李建国,市教育局,科长,\n王晓红,耀州区教育局,,\n",
            Some(0),
        );
        assert!(!again.changes_anything());
        assert_eq!(again.unchanged.len(), 3);
    }

    #[test]
    fn ids_from_the_file() {
        let a = agenda(r#"{"id": "A01", "name": "王晓红", "venue": "main"}"#);
        let p = run(
            &a,
            "编号,姓名\nＡ01,王晓红\nA02,李建国\nA01,张海燕\nA02,李建国\n",
            Some(0),
        );
        assert_eq!(p.unchanged.len(), 1);
        assert_eq!(names(&p), vec![("A02", "李建国", "main")]);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].at.row, 4);
        assert!(matches!(p.skipped[0].reason, SkipReason::IdTaken { .. }));
        assert_eq!(p.duplicates.len(), 1);
        assert_eq!(p.duplicates[0].at.row, 5);
        assert_eq!(p.duplicates[0].first.row, 3);
    }

    #[test]
    fn roles_phones_and_repeated_headers() {
        let a = agenda("");
        let p = run(
            &a,
            "姓名,角色,手机\n甲,列席,1.39123E+10\n姓名,角色,手机\n乙,工作人员,\n丙,嘉宾,\n,,\n3,,\n",
            Some(0),
        );
        let roles: Vec<Role> = p
            .added
            .iter()
            .map(|&(_, i)| p.participants[i].role)
            .collect();
        assert_eq!(roles, vec![Role::Observer, Role::Staff, Role::Member]);
        assert!(p.participants[0].phone.is_none());
        assert_eq!(
            p.notices,
            vec![
                Notice::PhoneMangled {
                    at: RowRef { source: 0, row: 2 },
                    text: "1.39123E+10".into()
                },
                Notice::UnknownRole {
                    at: RowRef { source: 0, row: 5 },
                    text: "嘉宾".into()
                },
            ]
        );
        assert_eq!(p.added.len(), 3);
        // A number in the name column is not a person.
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].at.row, 7);
    }
}
