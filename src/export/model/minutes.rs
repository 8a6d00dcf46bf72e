//! The minutes (会议纪要) as an office files them, after GB/T 9704-2012: an optional
//! document head (发文机关, 期号), the title, the opening paragraph (会议概况: when, why,
//! who held it where, who chaired, the venues, attendance summed up by 参会人员类别), a
//! section per agenda item with the chair's prepared points, the decisions numbered
//! 一、二、 with the head count taken when each was recorded, the tasks numbered 1…n,
//! the 出席/请假/列席 lines, the 版记 (主送, 抄送, 印发) and the attachment 签到名单.
//!
//! Everything here comes from the record: the same journal gives the same minutes on
//! any day (no export time, no "overdue").

use std::collections::HashMap;

use super::super::Options;
use super::super::words::Words;
use super::actions::{TaskRow, task_rows};
use super::names::{person_full, title_then_name, venue_short};
use super::text::{Clock, chinese_numeral, clean, join_marks, paragraph_marker, paren};
use super::venues::{VenueSummary, venue_summaries};
use crate::core::agenda::{Item, Role, VenueKind};
use crate::core::event::LinkState;
use crate::core::meeting::{ItemStatus, Meeting, Status};
use crate::i18n::Lang;

/// Above this many names an attendance line groups them by unit ("单位：甲、乙；…").
pub const GROUP_BY_UNIT_ABOVE: usize = 20;
/// A meeting of at most this many members, whose agenda lists no categories, names
/// every member in its 出席 line; a larger one gives its groups with their counts.
pub const NAME_ALL_UP_TO: usize = 60;

#[derive(Debug, Clone)]
pub struct Minutes {
    pub lang: Lang,
    /// 文件头 (版头 and 期号), when the agenda has a `document` section.
    pub head: Option<DocHead>,
    pub title: String,
    /// 会议概况: the opening paragraph.
    pub summary: String,
    /// One per agenda item held, in agenda order.
    pub sections: Vec<Section>,
    /// 议定事项, each with its marker (一、) and head count.
    pub decisions: Vec<String>,
    pub tasks: Vec<TaskRow>,
    /// 发言情况: each speech given and each speaker's total, when anyone spoke.
    pub speeches: Option<super::speeches::SpeechRecord>,
    /// `附件：签到名单`, when the attachment is included.
    pub attachment_note: Option<String>,
    /// 出席 / 请假 / 列席 / 缺席 (出席 always; the others when someone is in them).
    pub attendance_lines: Vec<AttendanceLine>,
    /// The chair's signature line, for minutes without a document head.
    pub sign_off: Option<&'static str>,
    /// 版记: 主送, 抄送, 印发机关和日期.
    pub imprint: Option<Imprint>,
    pub attachment: Option<Attachment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocHead {
    /// `铜川市教育局会议纪要`
    pub heading: String,
    /// `第5期`
    pub number: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// `一、2016年全市教育扶贫工作回顾总结`
    pub heading: String,
    /// `王晓红（市教育局工委书记、局长）`
    pub speaker: Option<String>,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceLine {
    pub label: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imprint {
    /// `主送：…。`
    pub to: Option<String>,
    /// `抄送：…。`
    pub cc: Option<String>,
    /// `铜川市教育局办公室`
    pub printed_by: String,
    /// `2017年5月5日印发`
    pub printed_on: String,
}

#[derive(Debug, Clone)]
pub struct Attachment {
    /// `附件`
    pub label: &'static str,
    /// `签到名单`
    pub title: &'static str,
    pub venues: Vec<AttachmentVenue>,
}

#[derive(Debug, Clone)]
pub struct AttachmentVenue {
    pub name: String,
    /// `应到95人，实到93人，请假2人，缺席0人`
    pub figures: String,
    /// What the roll call and the link check recorded.
    pub notes: Vec<String>,
    pub lines: Vec<AttendanceLine>,
}

/// The minutes' content.
pub fn minutes(m: &Meeting, opts: &Options) -> Minutes {
    let lang = opts.lang;
    let w = Words::of(lang);
    let clock = held_clock(m, lang);
    let venues = venue_summaries(m, opts);
    let doc = m.agenda.document.as_ref();
    let title = clean(&m.agenda.meeting.title);
    let title = match lang {
        // "…会议" + "纪要", anything else + "会议纪要".
        Lang::Zh if title.ends_with("会议") => format!("{title}纪要"),
        Lang::Zh => format!("{title}{}", w.minutes_suffix),
        Lang::En => format!("{}{title}", w.minutes_title_prefix),
    };
    let head = doc.map(|d| {
        let issuer = clean(if d.issuer.trim().is_empty() {
            &m.agenda.meeting.organizer
        } else {
            &d.issuer
        });
        DocHead {
            heading: match lang {
                Lang::Zh if issuer.ends_with("纪要") => issuer,
                Lang::Zh => format!("{issuer}{}", w.minutes_suffix),
                Lang::En => format!("{issuer} Minutes").trim().to_string(),
            },
            number: clean(&d.number),
        }
    });
    let imprint = doc.map(|d| {
        let list = |label: &str, units: &[String]| {
            let units: Vec<String> = units
                .iter()
                .map(|u| clean(u))
                .filter(|u| !u.is_empty())
                .collect();
            (!units.is_empty()).then(|| {
                format!(
                    "{label}{}{}{}",
                    w.colon,
                    units.join(w.imprint_sep),
                    w.full_stop
                )
            })
        };
        Imprint {
            to: list(w.to_label, &d.to),
            cc: list(w.cc_label, &d.cc),
            printed_by: clean(if d.printed_by.trim().is_empty() {
                &d.issuer
            } else {
                &d.printed_by
            }),
            printed_on: d
                .printed_on
                .map(|t| format!("{}{}", clock.long_date(t), w.printed_suffix))
                .unwrap_or_default(),
        }
    });
    let attachment = opts.attachment.then(|| attachment(m, &venues, &clock, w));
    Minutes {
        lang,
        head,
        title,
        summary: summary(m, &venues, &clock, w),
        sections: sections(m, w),
        decisions: decisions(m, w),
        tasks: task_rows(m, lang),
        speeches: super::speeches::speech_record(m, lang),
        attachment_note: attachment
            .as_ref()
            .map(|a| format!("{}{}{}", a.label, w.colon, a.title)),
        attendance_lines: attendance_lines(m, &venues, &clock, w),
        sign_off: doc.is_none().then_some(w.sign_off),
        imprint,
        attachment,
    }
}

/// Times shown against the day the meeting was held (it may differ from the plan's).
fn held_clock(m: &Meeting, lang: Lang) -> Clock {
    let mut clock = Clock::of(m, lang);
    if let Some(s) = m.started_at {
        clock.date = clock.local(s).date_naive();
    }
    clock
}

/// End a sentence: `。` in Chinese, `.` in English, unless it already ends one.
pub fn sentence(s: &str, w: &Words) -> String {
    let t = s.trim_end_matches(['；', ';', '，', ',', ' ']);
    match t.chars().last() {
        None => String::new(),
        Some('。' | '！' | '？' | '.' | '!' | '?') => t.to_string(),
        Some(_) => format!("{t}{}", w.full_stop),
    }
}

/// Whether a point already says its number (`一是`, `二要`, `三、`, `1.`).
fn numbered(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some('一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十') => {
            matches!(chars.next(), Some('是' | '要' | '、'))
        }
        Some(c) if c.is_ascii_digit() => true,
        _ => false,
    }
}

/// `一是`, `二是`… in Chinese; `First, `, `Second, `… in English (lower case within a
/// sentence: `First, …; second, …`).
fn point_marker(n: usize, lang: Lang, mid_sentence: bool) -> String {
    const EN: [&str; 10] = [
        "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
        "Tenth",
    ];
    match lang {
        Lang::Zh => format!("{}是", chinese_numeral(n as u64)),
        Lang::En => match EN.get(n.wrapping_sub(1)) {
            Some(w) if mid_sentence => format!("{}, ", w.to_lowercase()),
            Some(w) => format!("{w}, "),
            None => format!("({n}) "),
        },
    }
}

/// Prepared points as prose: a list (`甲；乙；丙` or one per line) becomes
/// `一是甲；二是乙；三是丙。`, one point a sentence.
pub fn prose(notes: &str, w: &Words, lang: Lang) -> String {
    let parts: Vec<String> = notes
        .split(['\n', '；', ';'])
        .map(clean)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.len() {
        0 => String::new(),
        1 => sentence(&parts[0], w),
        _ if numbered(&parts[0]) => sentence(&parts.join(w.point_sep), w),
        _ => {
            let points: Vec<String> = parts
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let marker = point_marker(i + 1, lang, i > 0);
                    format!("{marker}{}", after_marker(p, lang))
                })
                .collect();
            sentence(&points.join(w.point_sep), w)
        }
    }
}

/// `Three minutes…` after `First, ` reads `three minutes…` (an acronym stays as it is).
fn after_marker(p: &str, lang: Lang) -> String {
    let mut chars = p.chars();
    match (lang, chars.next(), chars.next()) {
        (Lang::En, Some(a), Some(b)) if a.is_ascii_uppercase() && b.is_ascii_lowercase() => {
            format!("{}{}", a.to_ascii_lowercase(), &p[1..])
        }
        _ => p.to_string(),
    }
}

fn summary(m: &Meeting, venues: &[VenueSummary], clock: &Clock, w: &Words) -> String {
    let info = &m.agenda.meeting;
    let lang = clock.lang;
    let tz_date = |t| clock.local(t).date_naive();
    let (date, from, to) = match (m.started_at, m.ended_at) {
        (Some(s), e) => (tz_date(s), clock.hm(s), e.map(|e| clock.hm(e))),
        (None, _) => (
            info.date,
            info.start.format("%H:%M").to_string(),
            Some(info.end.format("%H:%M").to_string()),
        ),
    };
    let when = match (&to, lang) {
        (Some(to), Lang::Zh) => format!("{}{from}至{to}", clock.long_date(date)),
        (Some(to), Lang::En) => format!("On {}, {from}–{to}", clock.long_date(date)),
        (None, Lang::Zh) => format!("{}{from}起", clock.long_date(date)),
        (None, Lang::En) => format!("On {}, from {from}", clock.long_date(date)),
    };
    let not_closed = if m.started_at.is_some() && m.ended_at.is_none() {
        paren(w.not_closed, w)
    } else {
        String::new()
    };
    let context = clean(if info.context.trim().is_empty() {
        info.extra
            .get("context")
            .and_then(|v| v.as_str())
            .unwrap_or("")
    } else {
        &info.context
    });
    let mut organizers: Vec<String> = std::iter::once(&info.organizer)
        .chain(&info.co_organizers)
        .map(|o| clean(o))
        .filter(|o| !o.is_empty())
        .collect();
    organizers.dedup();
    let main = m.agenda.main_venue();
    let place = [
        clean(&info.location),
        main.map(|v| clean(&v.location)).unwrap_or_default(),
        main.map(|v| clean(&v.name)).unwrap_or_default(),
    ]
    .into_iter()
    .find(|p| !p.is_empty())
    .unwrap_or_default();
    let meeting_title = clean(&info.title);
    let chair = title_then_name(m, &info.chair, w);
    let branches: Vec<String> = m
        .agenda
        .venues
        .iter()
        .enumerate()
        .filter(|(_, v)| v.kind == VenueKind::Branch)
        .map(|(i, _)| venue_short(m, i))
        .collect();
    let (mut named_groups, attended) = category_summary(m, venues);
    // English minutes list the groups only where the agenda names them.
    if lang == Lang::En && m.agenda.categories.is_empty() {
        named_groups.clear();
    }
    let mut s = String::new();
    match lang {
        Lang::Zh => {
            s.push_str(&when);
            s.push_str(&not_closed);
            s.push('，');
            if !context.is_empty() {
                s.push_str(context.trim_end_matches(['，', '。']));
                s.push('，');
            }
            match organizers.len() {
                0 => {}
                1 => s.push_str(&organizers[0]),
                _ => {
                    s.push_str(&organizers.join("、"));
                    s.push_str("联合");
                }
            }
            if !place.is_empty() {
                s.push_str(&format!("在{place}"));
            }
            s.push_str(&format!("召开{meeting_title}。会议由{chair}主持。"));
            if !branches.is_empty() {
                let n = branches.len();
                if n <= 12 {
                    s.push_str(&format!(
                        "会议设主会场和{}{n}个分会场。",
                        branches.join("、")
                    ));
                } else {
                    s.push_str(&format!("会议设主会场和{n}个分会场。"));
                }
            }
            if attended > 0 {
                if named_groups.is_empty() {
                    s.push_str(&format!("共{attended}人参加会议。"));
                } else {
                    s.push_str(&format!(
                        "{}等{attended}人参加会议。",
                        named_groups.join("，")
                    ));
                }
            }
            s.push_str("现将会议主要精神纪要如下：");
        }
        Lang::En => {
            s.push_str(&when);
            s.push_str(&not_closed);
            s.push_str(", ");
            if !context.is_empty() {
                s.push_str(context.trim_end_matches([',', '.']));
                s.push_str(", ");
            }
            let who = match organizers.len() {
                0 => "the meeting was held".to_string(),
                _ => format!("{} held the meeting", and_list(&organizers)),
            };
            s.push_str(&who);
            s.push_str(&format!(" \"{meeting_title}\""));
            if !place.is_empty() {
                s.push_str(&format!(" at {place}"));
            }
            s.push_str(&format!(
                ". It was chaired by {}",
                chair.trim_end_matches(',')
            ));
            s.push('.');
            if !branches.is_empty() {
                let n = branches.len();
                s.push_str(&format!(
                    " The main venue was linked with {n} branch {} ({}).",
                    plural(n, "venue", "venues"),
                    and_list(&branches)
                ));
            }
            if attended > 0 {
                let people = plural(attended as usize, "person", "people");
                if named_groups.is_empty() {
                    s.push_str(&format!(" {attended} {people} attended."));
                } else {
                    s.push_str(&format!(
                        " {attended} {people} attended, among them {}.",
                        and_list(&named_groups)
                    ));
                }
            }
            s.push_str(" The meeting's main points are recorded as follows.");
        }
    }
    s
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The attending groups (参会人员类别) with someone present, in the agenda's order and
/// then in roster order, and how many attended in all (members and 列席; with the
/// figures headcount venues reported).
fn category_summary(m: &Meeting, venues: &[VenueSummary]) -> (Vec<String>, u32) {
    let mut order: Vec<String> = m.agenda.categories.iter().map(|c| c.name.clone()).collect();
    let mut present: HashMap<String, u32> = HashMap::new();
    for (i, p) in m.people.iter().enumerate() {
        if p.role != Role::Member || p.category.trim().is_empty() || m.is_withdrawn(i) {
            continue;
        }
        let cat = clean(&p.category);
        if !order.contains(&cat) {
            order.push(cat.clone());
        }
        if m.attendance[i].is_present() {
            *present.entry(cat).or_default() += 1;
        }
    }
    let attended: u32 = venues
        .iter()
        .map(|v| v.counts.present + v.counts.observers_present)
        .sum();
    let groups = order
        .into_iter()
        .filter(|c| present.get(c).is_some_and(|&n| n > 0))
        .collect();
    (groups, attended)
}

/// Whether an item was held (or, before the meeting, is planned): skipped ones and,
/// once the meeting is over, ones never started are not in the minutes.
fn in_minutes(m: &Meeting, id: &str) -> bool {
    let leaves = m.leaves_of(id);
    let states: Vec<ItemStatus> = leaves
        .iter()
        .filter_map(|l| m.item_state(l).map(|s| s.status))
        .collect();
    if states.is_empty() {
        return m.ended_at.is_none();
    }
    states.iter().any(|s| match s {
        ItemStatus::Skipped => false,
        ItemStatus::Pending => m.ended_at.is_none(),
        ItemStatus::Running | ItemStatus::Paused | ItemStatus::Ended => true,
    })
}

/// Who speaks to a whole item: its own speaker, or the one speaker of all its
/// sub-items.
fn section_speaker(it: &Item) -> Option<&crate::core::agenda::PersonRef> {
    if it.speaker.is_some() {
        return it.speaker.as_ref();
    }
    let first = it.items.first()?.speaker.as_ref()?;
    it.items
        .iter()
        .all(|s| s.speaker.as_ref() == Some(first))
        .then_some(first)
}

fn sub_point(m: &Meeting, parent: &Item, sub: &Item, n: usize, w: &Words, lang: Lang) -> String {
    let title = clean(&sub.title);
    let mut s = String::new();
    if let Some(sp) = &sub.speaker
        && section_speaker(parent) != Some(sp)
    {
        s.push_str(&person_full(m, sp, w));
        s.push_str(w.colon);
    }
    if !numbered(&title) {
        // Each sub-item is a paragraph of its own: its marker starts a sentence.
        s.push_str(&point_marker(n, lang, false));
    }
    s.push_str(&sentence(&title, w));
    let notes = prose(&sub.notes, w, lang);
    if !notes.is_empty() {
        if lang == Lang::En {
            s.push(' ');
        }
        s.push_str(&notes);
    }
    s
}

fn sections(m: &Meeting, w: &Words) -> Vec<Section> {
    let lang = w.lang;
    let recorded = |id: &str| -> Vec<String> {
        m.notes
            .iter()
            .filter(|n| !n.decision && n.item.as_deref() == Some(id))
            .map(|n| sentence(&clean(&n.text), w))
            .collect()
    };
    let mut out = Vec::new();
    for it in &m.agenda.items {
        if !in_minutes(m, &it.id) {
            continue;
        }
        let mut paragraphs = Vec::new();
        let notes = prose(&it.notes, w, lang);
        if !notes.is_empty() {
            paragraphs.push(notes);
        }
        paragraphs.extend(recorded(&it.id));
        paragraphs.extend(super::speeches::item_speeches_sentence(m, it, lang));
        let mut n = 0;
        for sub in &it.items {
            if !in_minutes(m, &sub.id) {
                continue;
            }
            n += 1;
            paragraphs.push(sub_point(m, it, sub, n, w, lang));
            paragraphs.extend(recorded(&sub.id));
        }
        out.push(Section {
            heading: format!(
                "{}{}",
                paragraph_marker(out.len() + 1, lang),
                clean(&it.title)
            ),
            speaker: section_speaker(it).map(|s| person_full(m, s, w)),
            paragraphs,
        });
    }
    let other: Vec<String> = m
        .notes
        .iter()
        .filter(|n| !n.decision && n.item.as_deref().is_none_or(|i| m.item(i).is_none()))
        .map(|n| sentence(&clean(&n.text), w))
        .collect();
    if !other.is_empty() {
        out.push(Section {
            heading: format!("{}{}", paragraph_marker(out.len() + 1, lang), w.notes_other),
            speaker: None,
            paragraphs: other,
        });
    }
    out
}

fn decisions(m: &Meeting, w: &Words) -> Vec<String> {
    let lang = w.lang;
    m.notes
        .iter()
        .filter(|n| n.decision)
        .enumerate()
        .map(|(i, n)| {
            let mut s = format!(
                "{}{}",
                paragraph_marker(i + 1, lang),
                sentence(&clean(&n.text), w)
            );
            if let Some(h) = n.headcount {
                if lang == Lang::En {
                    s.push(' ');
                }
                s.push_str(&(w.headcount)(h.expected, h.present));
            }
            s
        })
        .collect()
}

/// One name in an attendance line, with its unit and marks (迟到 14:45, a reason).
struct Entry {
    unit: String,
    name: String,
    marks: Vec<String>,
}

fn format_entries(entries: &[Entry], w: &Words, group: bool) -> String {
    if !group && entries.len() <= GROUP_BY_UNIT_ABOVE {
        return entries
            .iter()
            .map(|e| {
                let mut inside = e.unit.clone();
                let marks = join_marks(&e.marks, w);
                if !inside.is_empty() && !marks.is_empty() {
                    inside.push_str(w.group_sep);
                }
                inside.push_str(&marks);
                format!("{}{}", e.name, paren(&inside, w))
            })
            .collect::<Vec<_>>()
            .join(w.list_sep);
    }
    // Grouped by unit, in order of first appearance; people without a unit last.
    let mut order: Vec<&str> = Vec::new();
    let mut by_unit: HashMap<&str, Vec<String>> = HashMap::new();
    for e in entries {
        let list = by_unit.entry(e.unit.as_str()).or_insert_with(|| {
            order.push(e.unit.as_str());
            Vec::new()
        });
        list.push(format!("{}{}", e.name, paren(&join_marks(&e.marks, w), w)));
    }
    order.sort_by_key(|u| u.is_empty());
    order
        .iter()
        .map(|u| {
            let names = by_unit[u].join(w.list_sep);
            if u.is_empty() {
                names
            } else {
                format!("{u}{}{names}", w.colon)
            }
        })
        .collect::<Vec<_>>()
        .join(w.group_sep)
}

/// The people of one list (出席, 请假…): those named, and per group how many.
#[derive(Default)]
struct List {
    named: Vec<Entry>,
    counted: Vec<(String, u32)>,
}

impl List {
    fn count(&mut self, group: String, n: u32) {
        if n == 0 {
            return;
        }
        match self.counted.iter_mut().find(|(g, _)| *g == group) {
            Some((_, k)) => *k += n,
            None => self.counted.push((group, n)),
        }
    }

    fn is_empty(&self) -> bool {
        self.named.is_empty() && self.counted.is_empty()
    }

    fn text(&self, w: &Words, group: bool) -> String {
        let named = format_entries(&self.named, w, group);
        let counted: Vec<String> = self
            .counted
            .iter()
            .map(|(g, n)| (w.group_count)(g, *n))
            .collect();
        let counted = counted.join(w.count_sep);
        match (named.is_empty(), counted.is_empty()) {
            (false, false) => format!("{named}{}{counted}", w.group_sep),
            (false, true) => named,
            (true, _) => counted,
        }
    }
}

/// Marks of one present person: late, left early.
fn presence_marks(a: &crate::core::meeting::Attendance, clock: &Clock, w: &Words) -> Vec<String> {
    let mut marks = Vec::new();
    if a.late
        && let Some(t) = a.arrived
    {
        marks.push(format!("{} {}", w.late_mark, clock.hm(t)));
    }
    if let Some(t) = a.left {
        marks.push(format!("{} {}", w.left_mark, clock.hm(t)));
    }
    marks
}

/// 出席, 请假, 列席, 缺席 and (for the attachment) 工作人员, 媒体 of some venues.
/// `all_named` names everyone (the attachment); otherwise only the groups the agenda
/// marks `named`, and people without a group.
fn lists(
    m: &Meeting,
    venues: &[VenueSummary],
    which: impl Iterator<Item = usize>,
    clock: &Clock,
    w: &Words,
    all_named: bool,
) -> [List; 6] {
    let [
        mut present,
        mut excused,
        mut observers,
        mut absent,
        mut staff,
        mut media,
    ] = std::array::from_fn(|_| List::default());
    let small = m.people.iter().filter(|p| p.role == Role::Member).count() <= NAME_ALL_UP_TO;
    for vi in which {
        let v = &venues[vi];
        if v.headcount {
            let c = &v.counts;
            let name = venue_short(m, vi);
            if v.reported {
                present.count(name.clone(), c.present);
                excused.count(name.clone(), c.excused);
                absent.count(name, c.absent);
            } else {
                absent.count(format!("{name}{}", paren(w.not_reported, w)), c.expected);
            }
            continue;
        }
        for &i in &m.venue_people[vi] {
            if m.is_withdrawn(i) {
                continue;
            }
            let p = &m.people[i];
            let a = &m.attendance[i];
            let unit = clean(&p.unit);
            let name = clean(&p.name);
            let group = clean(&p.category);
            // Without a list of categories a small meeting names everyone, as a
            // board's minutes do; a large one counts its groups.
            let named = all_named
                || group.is_empty()
                || (m.agenda.categories.is_empty() && small)
                || m.agenda.category(&p.category).is_some_and(|c| c.named);
            let list = match p.role {
                Role::Member => None,
                Role::Observer => Some(&mut observers),
                Role::Staff => Some(&mut staff),
                Role::Media => Some(&mut media),
            };
            if let Some(list) = list {
                // Staff and press only in the attachment; observers everywhere.
                if a.is_present() && (all_named || p.role == Role::Observer) {
                    list.named.push(Entry {
                        unit,
                        name,
                        marks: Vec::new(),
                    });
                }
                continue;
            }
            let (list, entry) = match a.status() {
                Status::NotArrived => (
                    &mut absent,
                    Entry {
                        unit,
                        name,
                        marks: Vec::new(),
                    },
                ),
                Status::Excused => {
                    let reason = clean(a.excused.as_deref().unwrap_or(""));
                    let marks = if reason.is_empty() {
                        Vec::new()
                    } else {
                        vec![reason]
                    };
                    (&mut excused, Entry { unit, name, marks })
                }
                Status::StandIn => {
                    // The stand-in sits in the absentee's place, under the absentee's
                    // unit, with the absentee's reason for leave.
                    let Some(s) = a.stand_in.as_ref() else {
                        continue;
                    };
                    let reason = clean(a.excused.as_deref().unwrap_or(""));
                    (
                        &mut present,
                        Entry {
                            unit,
                            name: clean(&s.name),
                            marks: vec![(w.standing_in_for)(&name, &reason)],
                        },
                    )
                }
                Status::Present | Status::Late | Status::LeftEarly => (
                    &mut present,
                    Entry {
                        unit,
                        name,
                        marks: presence_marks(a, clock, w),
                    },
                ),
            };
            if named {
                list.named.push(entry);
            } else {
                list.count(group, 1);
            }
        }
    }
    // Counted groups in the agenda's order of categories; others as they came.
    let rank = |g: &str| {
        m.agenda
            .categories
            .iter()
            .position(|c| clean(&c.name) == g)
            .unwrap_or(usize::MAX)
    };
    let mut all = [present, excused, observers, absent, staff, media];
    for list in &mut all {
        list.counted.sort_by_key(|(g, _)| rank(g));
    }
    all
}

fn attendance_lines(
    m: &Meeting,
    venues: &[VenueSummary],
    clock: &Clock,
    w: &Words,
) -> Vec<AttendanceLine> {
    let [present, excused, observers, absent, _, _] =
        lists(m, venues, 0..venues.len(), clock, w, false);
    let mut lines = vec![AttendanceLine {
        label: w.present_line,
        text: if present.is_empty() {
            w.none.to_string()
        } else {
            present.text(w, false)
        },
    }];
    for (label, list) in [
        (w.excused_line, &excused),
        (w.observers_line, &observers),
        (w.absent_line, &absent),
    ] {
        if !list.is_empty() {
            lines.push(AttendanceLine {
                label,
                text: list.text(w, false),
            });
        }
    }
    lines
}

fn attachment(m: &Meeting, venues: &[VenueSummary], clock: &Clock, w: &Words) -> Attachment {
    let out = venues
        .iter()
        .enumerate()
        .map(|(vi, v)| {
            let c = &v.counts;
            let figures = if v.headcount && !v.reported {
                format!(
                    "{}{}",
                    (w.figure)(w.expected, c.expected),
                    paren(w.not_reported, w)
                )
            } else {
                let mut f = vec![
                    (w.figure)(w.expected, c.expected),
                    (w.figure)(w.present, c.present),
                    (w.figure)(w.excused, c.excused),
                    (w.figure)(w.absent, c.absent),
                ];
                if c.late > 0 {
                    f.push((w.figure)(w.late, c.late));
                }
                if v.counts.observers_present > 0 {
                    f.push((w.figure)(w.observers, c.observers_present));
                }
                let mut s = f.join(w.count_sep);
                if v.headcount {
                    s.push_str(&paren(w.headcount_mark, w));
                }
                s
            };
            let st = &m.venues[vi];
            let mut notes = Vec::new();
            if let Some(r) = &st.roll_call
                && !r.note.trim().is_empty()
            {
                notes.push(format!("{}{}{}", w.roll_call, w.colon, clean(&r.note)));
            }
            let failing = [st.video, st.audio].contains(&LinkState::Failing);
            if st.link_checked_at.is_some() && failing {
                notes.push(format!("{}{}{}", w.link, w.colon, v.link));
            }
            let mut lines = Vec::new();
            if !v.headcount {
                let [present, excused, observers, absent, staff, media] =
                    lists(m, venues, std::iter::once(vi), clock, w, true);
                for (label, list) in [
                    (w.present_line, &present),
                    (w.excused_line, &excused),
                    (w.absent_line, &absent),
                    (w.observers_line, &observers),
                    (w.staff_line, &staff),
                    (w.media_line, &media),
                ] {
                    if !list.is_empty() {
                        lines.push(AttendanceLine {
                            label,
                            text: list.text(w, true),
                        });
                    }
                }
            }
            AttachmentVenue {
                name: v.name.clone(),
                figures,
                notes,
                lines,
            }
        })
        .collect();
    Attachment {
        label: w.attachment_label,
        title: w.attachment_title,
        venues: out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::words::{EN, ZH};

    #[test]
    fn a_list_of_points_becomes_prose() {
        assert_eq!(
            prose("甲；乙；丙", &ZH, Lang::Zh),
            "一是甲；二是乙；三是丙。"
        );
        assert_eq!(prose("一是甲；二是乙", &ZH, Lang::Zh), "一是甲；二是乙。");
        assert_eq!(prose("只有一点。", &ZH, Lang::Zh), "只有一点。");
        assert_eq!(prose("甲\n乙\n", &ZH, Lang::Zh), "一是甲；二是乙。");
        assert_eq!(
            prose("Three minutes each; Sign-up cards", &EN, Lang::En),
            "First, three minutes each; second, sign-up cards."
        );
        assert_eq!(prose("", &ZH, Lang::Zh), "");
    }

    #[test]
    fn sentences_end_once() {
        assert_eq!(sentence("整改到位", &ZH), "整改到位。");
        assert_eq!(sentence("整改到位；", &ZH), "整改到位。");
        assert_eq!(sentence("Done.", &EN), "Done.");
        assert_eq!(sentence("Done", &EN), "Done.");
    }
}
