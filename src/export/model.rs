//! What the exports say, computed once from `&Meeting` and rendered by each format: the
//! minutes (Markdown, HTML) and the sign-in sheet (CSV, XLSX). Text here is final text
//! (labels chosen, times formatted in the meeting's time zone, user strings through
//! [`crate::sanitize::document`]); the renderers only lay it out and escape it for their
//! syntax.

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

use super::Options;
use super::words::Words;
use crate::core::agenda::{OwnerRef, PersonRef, Role, SignInMode, VenueKind};
use crate::core::event::LinkState;
use crate::core::meeting::{ActionStatus, Attendance, Counts, ItemStatus, Meeting, Status};
use crate::i18n::{Lang, status_label};

/// Above this many entries an attendance line groups names by unit ("单位：甲、乙；…"),
/// as large-meeting minutes do; below it each name carries its unit in parentheses.
pub const GROUP_BY_UNIT_ABOVE: usize = 20;

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

fn join_marks(marks: &[String], w: &Words) -> String {
    let sep = if w.colon == "：" { "，" } else { ", " };
    marks.join(sep)
}

fn paren(s: &str, w: &Words) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("{}{s}{}", w.open_paren, w.close_paren)
    }
}

fn span(a: &str, b: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{a}—{b}"),
        Lang::En => format!("{a}–{b}"),
    }
}

fn minutes_text(n: i64, w: &Words) -> String {
    format!("{n} {}", w.minutes_unit)
}

// ---------------------------------------------------------------------------------------
// Venues

#[derive(Debug, Clone)]
pub struct VenueSummary {
    pub id: String,
    pub name: String,
    pub kind: VenueKind,
    pub kind_label: &'static str,
    pub headcount: bool,
    /// For a headcount venue: whether it has answered the roll call.
    pub reported: bool,
    /// The venue's counts, except that `observers_present` counts observers (列席) only,
    /// not staff.
    pub counts: Counts,
    /// `视频正常，音频正常` or `未检查`.
    pub link: String,
    /// The venue's contact: the name always, the phone only with `include_contacts`.
    pub contact: String,
}

impl VenueSummary {
    /// Present / expected, in whole percent; `None` when nobody is expected.
    pub fn rate(&self) -> Option<u32> {
        rate(&self.counts)
    }
}

pub fn rate(c: &Counts) -> Option<u32> {
    (c.expected > 0)
        .then(|| ((c.present as u64 * 100 + c.expected as u64 / 2) / c.expected as u64) as u32)
}

fn link_word(s: LinkState, w: &Words) -> &'static str {
    match s {
        LinkState::Ok => w.link_ok,
        LinkState::Failing => w.link_failing,
        LinkState::Unknown => w.link_unknown,
    }
}

pub fn venue_summaries(m: &Meeting, opts: &Options) -> Vec<VenueSummary> {
    let w = Words::of(opts.lang);
    m.agenda
        .venues
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let st = &m.venues[i];
            let link = if st.link_checked_at.is_none() {
                w.link_unknown.to_string()
            } else {
                let sep = if opts.lang == Lang::Zh { "，" } else { ", " };
                let space = if opts.lang == Lang::Zh { "" } else { " " };
                format!(
                    "{}{space}{}{sep}{}{space}{}",
                    w.video,
                    link_word(st.video, w),
                    w.audio,
                    link_word(st.audio, w)
                )
            };
            let contact = match &v.contact {
                Some(c) => {
                    let mut s = clean(&c.name);
                    if opts.include_contacts
                        && let Some(p) = &c.phone
                    {
                        s.push(' ');
                        s.push_str(&clean(p));
                    }
                    s
                }
                None => String::new(),
            };
            VenueSummary {
                id: v.id.clone(),
                name: clean(&v.name),
                kind: v.kind,
                kind_label: match v.kind {
                    VenueKind::Main => w.main_venue,
                    VenueKind::Branch => w.branch_venue,
                },
                headcount: v.sign_in == SignInMode::Headcount,
                reported: st.roll_call.is_some(),
                counts: Counts {
                    // 列席 means observers; the core also counts staff there.
                    observers_present: m.venue_people[i]
                        .iter()
                        .filter(|&&p| {
                            m.people[p].role == Role::Observer && m.attendance[p].is_present()
                        })
                        .count() as u32,
                    ..m.venue_counts(i)
                },
                link,
                contact,
            }
        })
        .collect()
}

pub fn total(venues: &[VenueSummary]) -> Counts {
    let mut t = Counts::default();
    for v in venues {
        t.add(&v.counts);
    }
    t
}

// ---------------------------------------------------------------------------------------
// Agenda item timings (shared with the JSON export)

#[derive(Debug, Clone)]
pub struct ItemTiming {
    pub id: String,
    /// `1`, `2`, `2.1`
    pub number: String,
    pub parent: Option<String>,
    pub title: String,
    pub speaker: Option<PersonRef>,
    pub planned_minutes: i64,
    pub planned_start: DateTime<Utc>,
    pub planned_end: DateTime<Utc>,
    pub status: ItemStatus,
    pub actual_start: Option<DateTime<Utc>>,
    /// Set once the item (every sub-item, for a parent) has ended or been skipped.
    pub actual_end: Option<DateTime<Utc>>,
    pub elapsed: Duration,
    /// How much longer than planned it took (or has taken so far), when it did.
    pub overrun: Option<Duration>,
}

/// Planned and actual times of every item in agenda order (parents before their
/// sub-items). Planned times run back to back from the scheduled start; a parent's actual
/// times and elapsed time are those of its sub-items together.
pub fn item_timings(m: &Meeting, now: DateTime<Utc>) -> Vec<ItemTiming> {
    let flat = m.agenda.flat_items();
    let mut out: Vec<ItemTiming> = Vec::with_capacity(flat.len());
    let mut cursor = m.scheduled_start();
    let mut sub_cursor = cursor;
    for (i, f) in flat.iter().enumerate() {
        let planned = f.item.effective_minutes();
        let start = if f.parent.is_some() {
            sub_cursor
        } else {
            cursor
        };
        let end = start + Duration::minutes(planned);
        if f.parent.is_some() {
            sub_cursor = end;
        } else {
            sub_cursor = start;
            cursor = end;
        }
        let st = &m.items[i];
        out.push(ItemTiming {
            id: f.item.id.clone(),
            number: f.number.clone(),
            parent: f.parent.cloned(),
            title: clean(&f.item.title),
            speaker: f.item.speaker.clone(),
            planned_minutes: planned,
            planned_start: start,
            planned_end: end,
            status: st.status,
            actual_start: st.first_start,
            actual_end: match st.status {
                ItemStatus::Ended | ItemStatus::Skipped => st.last_end,
                _ => None,
            },
            elapsed: st.elapsed(now),
            overrun: None,
        });
    }
    // Parents take their sub-items' times.
    for (pi, f) in flat.iter().enumerate() {
        if f.item.items.is_empty() {
            continue;
        }
        let subs: Vec<&ItemTiming> = out
            .iter()
            .filter(|t| t.parent.as_deref() == Some(f.item.id.as_str()))
            .collect();
        let first = subs.iter().filter_map(|t| t.actual_start).min();
        let all_done = subs
            .iter()
            .all(|t| matches!(t.status, ItemStatus::Ended | ItemStatus::Skipped));
        let last = if all_done {
            subs.iter()
                .filter_map(|t| t.actual_end.or(t.actual_start))
                .max()
        } else {
            None
        };
        let elapsed = subs.iter().fold(Duration::zero(), |a, t| a + t.elapsed);
        let status = if subs.iter().any(|t| t.status == ItemStatus::Running) {
            ItemStatus::Running
        } else if all_done && subs.iter().all(|t| t.status == ItemStatus::Skipped) {
            ItemStatus::Skipped
        } else if all_done {
            ItemStatus::Ended
        } else if first.is_some() {
            ItemStatus::Paused
        } else {
            ItemStatus::Pending
        };
        let p = &mut out[pi];
        p.actual_start = first.or(p.actual_start);
        p.actual_end = last.or(p.actual_end);
        p.elapsed = elapsed.max(p.elapsed);
        p.status = status;
    }
    for t in &mut out {
        let planned = Duration::minutes(t.planned_minutes);
        if t.status != ItemStatus::Pending && t.planned_minutes > 0 && t.elapsed > planned {
            t.overrun = Some(t.elapsed - planned);
        }
    }
    out
}

fn person_with_title(m: &Meeting, r: &PersonRef, w: &Words) -> String {
    let name = clean(&m.person_label(r));
    let title = r.title.clone().or_else(|| {
        r.participant
            .as_ref()
            .and_then(|id| m.person(id))
            .map(|i| m.people[i].title.clone())
            .filter(|t| !t.is_empty())
    });
    match title {
        Some(t) if !t.trim().is_empty() => format!("{name}{}", paren(&clean(&t), w)),
        _ => name,
    }
}

// ---------------------------------------------------------------------------------------
// Action items

#[derive(Debug, Clone)]
pub struct ActionRow {
    pub id: String,
    pub text: String,
    /// Owner labels; empty for an unassigned task.
    pub owners: Vec<String>,
    pub owner_text: String,
    pub assigned_by: String,
    pub due: String,
    pub status: ActionStatus,
    pub overdue: bool,
    pub status_label: &'static str,
    /// `2 整改责任清单`: the agenda item it came from.
    pub item: String,
}

pub fn action_rows(m: &Meeting, opts: &Options) -> Vec<ActionRow> {
    let w = Words::of(opts.lang);
    let clock = Clock::of(m, opts.lang);
    let today = clock.local(opts.now).date_naive();
    let flat = m.agenda.flat_items();
    m.actions
        .iter()
        .map(|a| {
            let owners: Vec<String> = a.owners.iter().map(|o| owner_label(m, o)).collect();
            let due = match (&a.due_text, a.due) {
                (Some(t), Some(d)) if !t.trim().is_empty() => {
                    format!("{}{}", clean(t), paren(&d.to_string(), w))
                }
                (Some(t), None) => clean(t),
                (_, Some(d)) => d.to_string(),
                (None, None) => String::new(),
            };
            let overdue = a.is_overdue(today);
            let item = a
                .item
                .as_ref()
                .map(|id| match flat.iter().find(|f| &f.item.id == id) {
                    Some(f) => format!("{} {}", f.number, clean(&f.item.title)),
                    None => clean(id),
                })
                .unwrap_or_default();
            ActionRow {
                id: a.id.clone(),
                text: clean(&a.text),
                owner_text: owners.join(w.list_sep),
                owners,
                assigned_by: a
                    .assigned_by
                    .as_ref()
                    .map(|p| clean(&m.person_label(p)))
                    .unwrap_or_default(),
                due,
                status: a.status,
                overdue,
                status_label: match (a.status, overdue) {
                    (ActionStatus::Done, _) => w.action_done,
                    (ActionStatus::Open, true) => w.action_overdue,
                    (ActionStatus::Open, false) => w.action_open,
                },
                item,
            }
        })
        .collect()
}

fn owner_label(m: &Meeting, o: &OwnerRef) -> String {
    clean(&m.owner_label(o))
}

/// The tasks of one owner (indices into the action rows).
#[derive(Debug, Clone)]
pub struct OwnerGroup {
    pub owner: String,
    pub actions: Vec<usize>,
}

/// "Action items, by person", as meeting bots print them: each owner in order of first
/// appearance with their tasks (a task with two owners appears under both), and the
/// unassigned ones last.
pub fn actions_by_owner(rows: &[ActionRow], w: &Words) -> Vec<OwnerGroup> {
    let mut groups: Vec<OwnerGroup> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut unassigned = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if r.owners.is_empty() {
            unassigned.push(i);
        }
        for o in &r.owners {
            let g = *index.entry(o.as_str()).or_insert_with(|| {
                groups.push(OwnerGroup {
                    owner: o.clone(),
                    actions: Vec::new(),
                });
                groups.len() - 1
            });
            if groups[g].actions.last() != Some(&i) {
                groups[g].actions.push(i);
            }
        }
    }
    if !unassigned.is_empty() {
        groups.push(OwnerGroup {
            owner: w.unassigned.to_string(),
            actions: unassigned,
        });
    }
    groups
}

// ---------------------------------------------------------------------------------------
// The minutes

#[derive(Debug, Clone)]
pub struct Minutes {
    pub lang: Lang,
    pub title: String,
    /// 时间 / 地点 / 主办单位 / 主持人 / 记录人, as (label, value).
    pub meta: Vec<(&'static str, String)>,
    /// 出席 / 请假 / 列席 / 缺席 (a line is left out when nobody is in it, except 出席).
    pub attendance_lines: Vec<AttendanceLine>,
    pub venues: Vec<VenueSummary>,
    pub total: Counts,
    pub items: Vec<ItemRow>,
    pub notes: Vec<NoteGroup>,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionRow>,
    pub actions_by_owner: Vec<OwnerGroup>,
    /// The generation stamp.
    pub generated: String,
}

#[derive(Debug, Clone)]
pub struct AttendanceLine {
    pub label: &'static str,
    pub text: String,
    pub count: usize,
}

#[derive(Debug, Clone)]
pub struct ItemRow {
    pub number: String,
    pub sub: bool,
    pub title: String,
    pub speaker: String,
    pub planned: String,
    pub actual: String,
    pub used: String,
    pub overrun: String,
    pub status: ItemStatus,
}

#[derive(Debug, Clone)]
pub struct NoteGroup {
    /// `2 问题` or "Other".
    pub heading: String,
    pub notes: Vec<String>,
}

/// One name in an attendance line, with its unit and marks (迟到 14:45, 早退 15:20, a
/// reason for leave).
struct Entry {
    unit: String,
    name: String,
    marks: Vec<String>,
}

impl Entry {
    fn plain(text: String) -> Entry {
        Entry {
            unit: String::new(),
            name: text,
            marks: Vec::new(),
        }
    }
}

fn format_line(entries: &[Entry], w: &Words) -> String {
    let unit_sep = if w.colon == "：" { "；" } else { "; " };
    if entries.len() <= GROUP_BY_UNIT_ABOVE {
        return entries
            .iter()
            .map(|e| {
                let mut inside = e.unit.clone();
                let marks = join_marks(&e.marks, w);
                if !inside.is_empty() && !marks.is_empty() {
                    inside.push_str(unit_sep);
                }
                inside.push_str(&marks);
                format!("{}{}", e.name, paren(&inside, w))
            })
            .collect::<Vec<_>>()
            .join(w.list_sep);
    }
    // Group by unit, in order of first appearance; people without a unit last.
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

fn attendance_lines(
    m: &Meeting,
    venues: &[VenueSummary],
    clock: &Clock,
    w: &Words,
) -> Vec<AttendanceLine> {
    let mut present = Vec::new();
    let mut excused = Vec::new();
    let mut observers = Vec::new();
    let mut absent = Vec::new();
    let ppl = |n: u32| match (clock.lang, n) {
        (Lang::En, 1) => "1 person".to_string(),
        _ => format!("{n}{}", w.people),
    };
    for (vi, v) in venues.iter().enumerate() {
        if v.headcount {
            let c = &v.counts;
            let note = paren(w.headcount_mark, w);
            if !v.reported {
                absent.push(Entry::plain(format!(
                    "{} {}{}",
                    v.name,
                    ppl(c.expected),
                    paren(w.not_reported, w)
                )));
                continue;
            }
            for (n, list) in [
                (c.present, &mut present),
                (c.excused, &mut excused),
                (c.absent, &mut absent),
            ] {
                if n > 0 {
                    list.push(Entry::plain(format!("{} {}{note}", v.name, ppl(n))));
                }
            }
            continue;
        }
        for &i in &m.venue_people[vi] {
            let p = &m.people[i];
            let a: &Attendance = &m.attendance[i];
            let unit = clean(&p.unit);
            let name = clean(&p.name);
            match p.role {
                Role::Staff => continue,
                Role::Observer => {
                    if a.is_present() {
                        observers.push(Entry {
                            unit,
                            name,
                            marks: Vec::new(),
                        });
                    }
                    continue;
                }
                Role::Member => {}
            }
            let mut marks = Vec::new();
            match a.status() {
                Status::NotArrived => absent.push(Entry { unit, name, marks }),
                Status::Excused => {
                    let reason = clean(a.excused.as_deref().unwrap_or(""));
                    if !reason.is_empty() {
                        marks.push(reason);
                    }
                    excused.push(Entry { unit, name, marks });
                }
                Status::StandIn => {
                    // The stand-in sits in the absentee's place, under the absentee's unit.
                    let s = a
                        .stand_in
                        .as_ref()
                        .expect("a stand-in status has a stand-in");
                    present.push(Entry {
                        unit,
                        name: clean(&s.name),
                        marks: vec![format!("{}{name}", w.standing_in_for)],
                    });
                }
                Status::Present | Status::Late | Status::LeftEarly => {
                    if a.late
                        && let Some(t) = a.arrived
                    {
                        marks.push(format!("{} {}", w.late_mark, clock.hm(t)));
                    }
                    if let Some(t) = a.left {
                        marks.push(format!("{} {}", w.left_mark, clock.hm(t)));
                    }
                    present.push(Entry { unit, name, marks });
                }
            }
        }
    }
    let mut lines = vec![AttendanceLine {
        label: w.present_line,
        count: present.len(),
        text: if present.is_empty() {
            w.none.to_string()
        } else {
            format_line(&present, w)
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
                count: list.len(),
                text: format_line(list, w),
            });
        }
    }
    lines
}

fn meta_block(
    m: &Meeting,
    venues: &[VenueSummary],
    clock: &Clock,
    w: &Words,
) -> Vec<(&'static str, String)> {
    let info = &m.agenda.meeting;
    let lang = clock.lang;
    let mut meta = Vec::new();

    let sched = span(
        &info.start.format("%H:%M").to_string(),
        &info.end.format("%H:%M").to_string(),
        lang,
    );
    let sep = if lang == Lang::Zh { " " } else { ", " };
    let mut time = format!("{}{sep}{sched}", clock.long_date(info.date));
    if let Some(s) = m.started_at {
        let actual = match m.ended_at {
            Some(e) => span(&clock.hm(s), &clock.hm(e), lang),
            None => format!("{} {}", clock.hm(s), w.in_progress),
        };
        time.push_str(&paren(&format!("{} {actual}", w.actual), w));
    }
    meta.push((w.time, time));

    let main = venues.iter().find(|v| v.kind == VenueKind::Main);
    let mut place = clean(&info.location);
    if place.is_empty()
        && let Some(v) = main
    {
        place = v.name.clone();
    }
    let branches = venues
        .iter()
        .filter(|v| v.kind == VenueKind::Branch)
        .count();
    if branches > 0 {
        if !place.is_empty() {
            place.push_str(&paren(w.main_venue, w));
            place.push_str(w.and);
        }
        place.push_str(&format!("{branches}{}", w.branch_venues_count));
    }
    if !place.is_empty() {
        meta.push((w.place, place));
    }
    if !info.organizer.trim().is_empty() {
        meta.push((w.organizer, clean(&info.organizer)));
    }
    meta.push((w.chair, person_with_title(m, &info.chair, w)));
    if let Some(r) = &info.recorder {
        meta.push((w.recorder, person_with_title(m, r, w)));
    }
    meta
}

fn item_status_word(s: ItemStatus, w: &Words) -> &'static str {
    match s {
        ItemStatus::Pending => w.item_pending,
        ItemStatus::Running => w.item_running,
        ItemStatus::Paused => w.item_paused,
        ItemStatus::Ended => w.item_ended,
        ItemStatus::Skipped => w.item_skipped,
    }
}

fn item_rows(m: &Meeting, timings: &[ItemTiming], clock: &Clock, w: &Words) -> Vec<ItemRow> {
    let lang = clock.lang;
    timings
        .iter()
        .map(|t| {
            let actual = match (t.status, t.actual_start, t.actual_end) {
                (ItemStatus::Skipped, None, _) => item_status_word(t.status, w).to_string(),
                (_, Some(s), Some(e)) => span(&clock.hm(s), &clock.hm(e), lang),
                (_, Some(s), None) => format!("{} {}", clock.hm(s), item_status_word(t.status, w)),
                (_, None, _) => String::new(),
            };
            let used = if t.actual_start.is_some() {
                minutes_text(round_minutes(t.elapsed), w)
            } else {
                String::new()
            };
            let overrun = match t.overrun.map(round_minutes) {
                Some(n) if n > 0 => format!("+{}", minutes_text(n, w)),
                _ => String::new(),
            };
            ItemRow {
                number: t.number.clone(),
                sub: t.parent.is_some(),
                title: t.title.clone(),
                speaker: t
                    .speaker
                    .as_ref()
                    .map(|s| person_with_title(m, s, w))
                    .unwrap_or_default(),
                planned: format!(
                    "{}{}",
                    span(&clock.hm(t.planned_start), &clock.hm(t.planned_end), lang),
                    paren(&minutes_text(t.planned_minutes, w), w)
                ),
                actual,
                used,
                overrun,
                status: t.status,
            }
        })
        .collect()
}

fn note_groups(m: &Meeting, timings: &[ItemTiming], w: &Words) -> Vec<NoteGroup> {
    let mut groups: Vec<NoteGroup> = timings
        .iter()
        .map(|t| NoteGroup {
            heading: format!("{} {}", t.number, t.title),
            notes: Vec::new(),
        })
        .collect();
    let mut other = Vec::new();
    for n in m.notes.iter().filter(|n| !n.decision) {
        match n.item.as_deref().and_then(|id| m.item(id)) {
            Some(i) if i < groups.len() => groups[i].notes.push(clean(&n.text)),
            _ => other.push(clean(&n.text)),
        }
    }
    groups.retain(|g| !g.notes.is_empty());
    if !other.is_empty() {
        groups.push(NoteGroup {
            heading: w.notes_other.to_string(),
            notes: other,
        });
    }
    groups
}

/// The minutes' content.
pub fn minutes(m: &Meeting, opts: &Options) -> Minutes {
    let w = Words::of(opts.lang);
    let clock = Clock::of(m, opts.lang);
    let title = clean(&m.agenda.meeting.title);
    let title = match opts.lang {
        // "…会议" + "纪要", anything else + "会议纪要".
        Lang::Zh if title.ends_with("会议") => format!("{title}纪要"),
        Lang::Zh => format!("{title}{}", w.minutes_suffix),
        Lang::En => format!("{}{title}", w.minutes_title_prefix),
    };
    let venues = venue_summaries(m, opts);
    let timings = item_timings(m, opts.now);
    let actions = action_rows(m, opts);
    Minutes {
        lang: opts.lang,
        title,
        meta: meta_block(m, &venues, &clock, w),
        attendance_lines: attendance_lines(m, &venues, &clock, w),
        total: total(&venues),
        items: item_rows(m, &timings, &clock, w),
        notes: note_groups(m, &timings, w),
        decisions: m
            .notes
            .iter()
            .filter(|n| n.decision)
            .map(|n| clean(&n.text))
            .collect(),
        actions_by_owner: actions_by_owner(&actions, w),
        actions,
        venues,
        generated: format!("{} {}", w.generated, clock.stamp(opts.now)),
    }
}

// ---------------------------------------------------------------------------------------
// The sign-in sheet

#[derive(Debug, Clone)]
pub struct SignInSheet {
    pub title: String,
    pub headers: Vec<&'static str>,
    pub venues: Vec<VenueSummary>,
    /// Rows per venue, parallel to `venues`, in roster order (walk-ins last).
    pub rows: Vec<Vec<SignInRow>>,
    pub total: Counts,
}

#[derive(Debug, Clone)]
pub struct SignInRow {
    pub name: String,
    pub unit: String,
    pub title: String,
    /// Index into `SignInSheet::venues`.
    pub venue: usize,
    pub status: &'static str,
    pub time: String,
    pub remark: String,
    /// Only with `include_contacts`.
    pub phone: Option<String>,
}

impl SignInRow {
    /// The cells in header order (序号 excluded: the renderer numbers rows).
    pub fn cells<'a>(&'a self, sheet: &'a SignInSheet) -> impl Iterator<Item = &'a str> {
        [
            self.name.as_str(),
            self.unit.as_str(),
            self.title.as_str(),
            sheet.venues[self.venue].name.as_str(),
            self.status,
            self.time.as_str(),
            self.remark.as_str(),
        ]
        .into_iter()
        .chain(self.phone.as_deref())
    }
}

pub fn sign_in_sheet(m: &Meeting, opts: &Options) -> SignInSheet {
    let w = Words::of(opts.lang);
    let clock = Clock::of(m, opts.lang);
    let venues = venue_summaries(m, opts);
    let roster_len = m.agenda.participants.len();
    let ended = m.ended_at.is_some();
    let remark_sep = if opts.lang == Lang::Zh { "；" } else { "; " };
    let rows = (0..venues.len())
        .map(|vi| {
            m.venue_people[vi]
                .iter()
                .map(|&i| {
                    let p = &m.people[i];
                    let a = &m.attendance[i];
                    let status = a.status();
                    let mut remark: Vec<String> = Vec::new();
                    match p.role {
                        Role::Observer => remark.push(w.remark_observer.into()),
                        Role::Staff => remark.push(w.remark_staff.into()),
                        Role::Member => {}
                    }
                    // A stand-in implies leave: say "请假" then only with a reason.
                    if let Some(reason) = &a.excused {
                        let reason = clean(reason);
                        if reason.is_empty() {
                            if a.stand_in.is_none() {
                                remark.push(w.remark_excused.to_string());
                            }
                        } else {
                            remark.push(format!("{}{}{reason}", w.remark_excused, w.colon));
                        }
                    }
                    if let Some(s) = &a.stand_in {
                        remark.push(format!(
                            "{}{}{}{}",
                            w.remark_stand_in,
                            w.colon,
                            clean(&s.name),
                            paren(&clean(&s.unit), w)
                        ));
                    }
                    if let Some(t) = a.left {
                        remark.push(format!("{} {}", w.remark_left, clock.hm(t)));
                    }
                    if i >= roster_len {
                        remark.push(w.remark_walk_in.into());
                    }
                    SignInRow {
                        name: clean(&p.name),
                        unit: clean(&p.unit),
                        title: clean(&p.title),
                        venue: vi,
                        status: if status == Status::NotArrived && ended {
                            w.absent_status
                        } else {
                            status_label(status, opts.lang)
                        },
                        time: a.time().map(|t| clock.hms(t)).unwrap_or_default(),
                        remark: remark.join(remark_sep),
                        phone: opts
                            .include_contacts
                            .then(|| p.phone.as_deref().map(clean).unwrap_or_default()),
                    }
                })
                .collect()
        })
        .collect();
    let mut headers = vec![
        w.seq,
        w.name,
        w.unit,
        w.title,
        w.venue,
        w.status,
        w.sign_in_time,
        w.remark,
    ];
    if opts.include_contacts {
        headers.push(w.phone);
    }
    SignInSheet {
        title: format!("{} {}", clean(&m.agenda.meeting.title), w.sign_in_sheet),
        headers,
        total: total(&venues),
        venues,
        rows,
    }
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
