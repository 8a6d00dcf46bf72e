//! What an agenda means: ids unique and well-formed, references that resolve (venues,
//! speakers, owners, items), one main venue, durations that make sense. Problems are
//! located by their path in the document.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::decode::Dropped;
use super::{Diagnostic, Location, tr};
use crate::core::agenda::*;
use crate::i18n::Lang;

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn bad_id(id: &str, lang: Lang) -> String {
    tr!(
        lang,
        format!(
            "`{id}` cannot be used as an id: use letters, digits, `-`, `_` and `.`, without spaces"
        ),
        format!("`{id}` 不能作为编号：只能用字母、数字、`-`、`_`、`.`，不能有空格")
    )
}

/// Where `id` was first used in its list, or `None` after recording `at` as its first use.
fn seen_before<'a, T: Clone>(seen: &mut HashMap<&'a str, T>, id: &'a str, at: T) -> Option<T> {
    match seen.entry(id) {
        Entry::Occupied(e) => Some(e.get().clone()),
        Entry::Vacant(e) => {
            e.insert(at);
            None
        }
    }
}

/// "venue id `x` is already used by venues[3] (主会场)": `kind` names the list in both
/// languages; `who` (the duplicate's name) and `first_name` are added when the list has
/// names.
fn already_used(
    lang: Lang,
    (kind_en, kind_zh): (&str, &str),
    id: &str,
    who: Option<&str>,
    first: &str,
    first_name: Option<&str>,
) -> String {
    match lang {
        Lang::En => {
            let who = who.map(|w| format!(" ({w})")).unwrap_or_default();
            let name = first_name.map(|n| format!(" ({n})")).unwrap_or_default();
            format!("{kind_en} id `{id}`{who} is already used by {first}{name}")
        }
        Lang::Zh => {
            let who = who.map_or(" ".to_string(), |w| format!("（{w}）"));
            let name = first_name.map_or(" ".to_string(), |n| format!("（{n}）"));
            format!("{kind_zh}编号 `{id}`{who}已被 {first}{name}使用")
        }
    }
}

/// The longest planned duration of one item: a day.
const MAX_MINUTES: i64 = 24 * 60;

/// Meaning checks on a well-typed agenda.
pub fn validate(a: &Agenda, lang: Lang) -> Vec<Diagnostic> {
    validate_decoded(a, &Dropped::default(), lang)
}

/// Meaning checks on what could be decoded; references to pieces that could not be
/// decoded (already reported) are not reported again.
// Being split into per-concern functions (issue 17, item 5); then this allow goes.
#[allow(clippy::too_many_lines)]
pub(super) fn validate_decoded<'a>(
    a: &'a Agenda,
    dropped: &Dropped,
    lang: Lang,
) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    let err = |d: &mut Vec<Diagnostic>, path: String, msg: String| {
        d.push(Diagnostic::error(Location::Path(path), msg))
    };
    let warn = |d: &mut Vec<Diagnostic>, path: String, msg: String| {
        d.push(Diagnostic::warning(Location::Path(path), msg))
    };
    let m = &a.meeting;
    if a.format != 1 {
        err(
            &mut d,
            "format".into(),
            tr!(
                lang,
                format!(
                    "format {} is not known to this huiwu, which reads format 1",
                    a.format
                ),
                format!("不支持的格式版本 {}（本程序读取版本 1）", a.format)
            ),
        );
    }
    if !dropped.meeting {
        if !valid_id(&m.id) || m.id.starts_with('.') {
            err(
                &mut d,
                "meeting.id".into(),
                tr!(
                    lang,
                    format!(
                        "`{}` cannot be the meeting id: use letters, digits, `-`, `_` and `.`, without spaces (it names the meeting's record file)",
                        m.id
                    ),
                    format!(
                        "`{}` 不能作为会议编号：只能用字母、数字、`-`、`_`、`.`，不能有空格（它用作会议记录文件名）",
                        m.id
                    )
                ),
            );
        }
        if m.title.trim().is_empty() {
            err(
                &mut d,
                "meeting.title".into(),
                tr!(lang, "the meeting has no title", "会议名称为空").into(),
            );
        }
        if m.end <= m.start {
            err(
                &mut d,
                "meeting.end".into(),
                tr!(
                    lang,
                    format!(
                        "the meeting ends ({}) before it starts ({})",
                        m.end, m.start
                    ),
                    format!("结束时间（{}）不晚于开始时间（{}）", m.end, m.start)
                ),
            );
        }
        if m.start.date_naive() != m.date {
            warn(
                &mut d,
                "meeting.start".into(),
                tr!(
                    lang,
                    format!(
                        "the start ({}) is not on the meeting's date ({})",
                        m.start, m.date
                    ),
                    format!("开始时间（{}）不在会议日期（{}）当天", m.start, m.date)
                ),
            );
        }
    }

    // Venues.
    let mut venue_ids: HashMap<&str, usize> = HashMap::new();
    for (i, v) in a.venues.iter().enumerate() {
        let path = format!("venues[{}]", dropped.venue_at(i));
        if !valid_id(&v.id) {
            err(&mut d, format!("{path}.id"), bad_id(&v.id, lang));
        }
        if let Some(first) = seen_before(&mut venue_ids, &v.id, i) {
            let at = format!("venues[{}]", dropped.venue_at(first));
            let msg = already_used(
                lang,
                ("venue", "会场"),
                &v.id,
                None,
                &at,
                Some(&a.venues[first].name),
            );
            err(&mut d, format!("{path}.id"), msg);
        }
        if v.name.trim().is_empty() {
            err(
                &mut d,
                format!("{path}.name"),
                tr!(lang, "the venue has no name", "会场名称为空").into(),
            );
        }
        if v.sign_in == SignInMode::Headcount && v.expected.is_none() {
            err(
                &mut d,
                format!("{path}.expected"),
                tr!(
                    lang,
                    "a venue that reports a headcount (\"sign_in\": \"headcount\") needs \"expected\": the number expected (应到)",
                    "按人数报到的会场（\"sign_in\": \"headcount\"）须填写 \"expected\"（应到人数）"
                )
                .into(),
            );
        }
    }
    let mains: Vec<usize> = a
        .venues
        .iter()
        .enumerate()
        .filter(|(_, v)| v.kind == VenueKind::Main)
        .map(|(i, _)| i)
        .collect();
    if !dropped.venues {
        if a.venues.is_empty() {
            err(
                &mut d,
                "venues".into(),
                tr!(
                    lang,
                    "there are no venues; at least the main venue is needed: {\"id\": \"main\", \"name\": \"...\", \"kind\": \"main\"}",
                    "没有会场；至少需要主会场：{\"id\": \"main\", \"name\": \"...\", \"kind\": \"main\"}"
                )
                .into(),
            );
        } else if mains.is_empty() {
            err(
                &mut d,
                "venues".into(),
                tr!(
                    lang,
                    "no main venue: exactly one venue needs \"kind\": \"main\" (主会场), the others \"branch\"",
                    "没有主会场：须有且只有一个会场为 \"kind\": \"main\"（主会场），其余为 \"branch\"（分会场）"
                )
                .into(),
            );
        }
    }
    if mains.len() > 1 {
        let list: Vec<String> = mains
            .iter()
            .map(|&i| format!("venues[{}] {}", dropped.venue_at(i), a.venues[i].name))
            .collect();
        err(
            &mut d,
            "venues".into(),
            tr!(
                lang,
                format!(
                    "{} main venues ({}); exactly one is allowed, the others are \"branch\"",
                    mains.len(),
                    list.join(", ")
                ),
                format!(
                    "有 {} 个主会场（{}）；只能有一个，其余应为 \"branch\"",
                    mains.len(),
                    list.join("、")
                )
            ),
        );
    }

    // Participants.
    let mut pids: HashMap<&str, usize> = HashMap::with_capacity(a.participants.len());
    let mut members_at: HashMap<&str, u32> = HashMap::new();
    // Named participants at headcount venues: (count, first index).
    let mut named_at_headcount: HashMap<usize, (usize, usize)> = HashMap::new();
    for (i, p) in a.participants.iter().enumerate() {
        // Formatted only for a problem: this loop runs 36,000 times on a large meeting.
        let path = |field: &str| format!("participants[{}].{field}", dropped.participant_at(i));
        let who = |msg: String| match lang {
            Lang::En => format!("{} ({}): {msg}", p.name, p.id),
            Lang::Zh => format!("{}（{}）：{msg}", p.name, p.id),
        };
        if !valid_id(&p.id) {
            err(&mut d, path("id"), who(bad_id(&p.id, lang)));
        }
        if let Some(first) = seen_before(&mut pids, &p.id, i) {
            let at = format!("participants[{}]", dropped.participant_at(first));
            let msg = already_used(
                lang,
                ("participant", "参会人员"),
                &p.id,
                Some(&p.name),
                &at,
                Some(&a.participants[first].name),
            );
            err(&mut d, path("id"), msg);
        }
        if p.name.trim().is_empty() {
            err(
                &mut d,
                path("name"),
                tr!(
                    lang,
                    format!("participant `{}`: the name is empty", p.id),
                    format!("参会人员 `{}` 的姓名为空", p.id)
                ),
            );
        }
        match venue_ids.get(p.venue.as_str()) {
            None if dropped.knows_venue(&p.venue) => {}
            None => err(&mut d, path("venue"), who(unknown_venue(&p.venue, a, lang))),
            Some(&vi) => {
                if a.venues[vi].sign_in == SignInMode::Headcount {
                    named_at_headcount.entry(vi).or_insert((0, i)).0 += 1;
                }
                if p.role == Role::Member {
                    *members_at.entry(&a.venues[vi].id).or_default() += 1;
                }
            }
        }
    }
    let mut headcount_notes: Vec<_> = named_at_headcount.into_iter().collect();
    headcount_notes.sort();
    for (vi, (n, first)) in headcount_notes {
        let v = &a.venues[vi];
        warn(
            &mut d,
            format!("participants[{}].venue", dropped.participant_at(first)),
            tr!(
                lang,
                format!(
                    "venue `{}` reports a headcount, so its {n} named participant(s) are listed but not counted; its counts come from its roll call",
                    v.id
                ),
                format!(
                    "会场 `{}` 按人数报到，其名单中的 {n} 人只列出、不计数；该会场人数以点名报告为准",
                    v.id
                )
            ),
        );
    }
    if !dropped.participants {
        for (i, v) in a.venues.iter().enumerate() {
            if v.sign_in != SignInMode::Roster {
                continue;
            }
            let n = members_at.get(v.id.as_str()).copied().unwrap_or(0);
            if let Some(exp) = v.expected
                && exp != n
            {
                warn(
                    &mut d,
                    format!("venues[{}].expected", dropped.venue_at(i)),
                    tr!(
                        lang,
                        format!(
                            "\"expected\" says {exp} but the roster names {n} members at this venue; the roster is counted (remove \"expected\", or use \"sign_in\": \"headcount\")"
                        ),
                        format!(
                            "\"expected\" 填写为 {exp}，但名单中本会场有 {n} 名成员；以名单为准（请删除 \"expected\"，或改为 \"sign_in\": \"headcount\"）"
                        )
                    ),
                );
            }
        }
    }

    let person = |d: &mut Vec<Diagnostic>, path: String, r: &PersonRef| match (
        &r.participant,
        &r.name,
    ) {
        (Some(id), None) => {
            if !pids.contains_key(id.as_str()) && !dropped.knows_participant(id) {
                err(
                    d,
                    format!("{path}.participant"),
                    tr!(
                        lang,
                        format!(
                            "`{id}` is not an id on the roster (for a guest not on the roster, give \"name\" instead)"
                        ),
                        format!("`{id}` 不是名单中的编号（不在名单中的来宾请改用 \"name\"）")
                    ),
                );
            }
        }
        (None, Some(n)) if !n.trim().is_empty() => {}
        (Some(_), Some(_)) => err(
            d,
            path,
            tr!(
                lang,
                "give either \"participant\" (an id on the roster) or \"name\" (a guest), not both",
                "\"participant\"（名单编号）与 \"name\"（来宾姓名）只能填一个"
            )
            .into(),
        ),
        _ => err(
            d,
            path,
            tr!(
                lang,
                "give \"participant\" (an id on the roster) or \"name\" (a guest)",
                "须填写 \"participant\"（名单编号）或 \"name\"（来宾姓名）"
            )
            .into(),
        ),
    };
    if !dropped.meeting {
        person(&mut d, "meeting.chair".into(), &m.chair);
        if let Some(r) = &m.recorder {
            person(&mut d, "meeting.recorder".into(), r);
        }
    }

    // Items.
    let mut item_ids: HashMap<&str, String> = HashMap::new();
    let mut check_item = |d: &mut Vec<Diagnostic>, path: String, it: &'a Item, depth: usize| {
        if !valid_id(&it.id) {
            err(d, format!("{path}.id"), bad_id(&it.id, lang));
        }
        if let Some(first) = seen_before(&mut item_ids, &it.id, path.clone()) {
            let msg = already_used(lang, ("item", "议程"), &it.id, None, &first, None);
            err(d, format!("{path}.id"), msg);
        }
        if it.title.trim().is_empty() {
            err(
                d,
                format!("{path}.title"),
                tr!(lang, "the item has no title", "议程标题为空").into(),
            );
        }
        match it.minutes {
            Some(m) if m < 0 => err(
                d,
                format!("{path}.minutes"),
                tr!(
                    lang,
                    format!("planned minutes cannot be negative ({m})"),
                    format!("计划时长不能为负数（{m}）")
                ),
            ),
            Some(m) if m > MAX_MINUTES => err(
                d,
                format!("{path}.minutes"),
                tr!(
                    lang,
                    format!("{m} minutes is longer than a day"),
                    format!("{m} 分钟超过一天")
                ),
            ),
            None if it.items.is_empty() => d.push(Diagnostic::warning(
                Location::Path(format!("{path}.minutes")),
                tr!(
                    lang,
                    "no planned minutes: the item's timer will have no target",
                    "未填写计划时长（minutes）：该议程计时将没有目标"
                )
                .to_string(),
            )),
            _ => {}
        }
        if let Some(s) = &it.speaker {
            person(d, format!("{path}.speaker"), s);
        }
        if depth > 0 && !it.items.is_empty() {
            err(
                d,
                format!("{path}.items"),
                tr!(
                    lang,
                    "a sub-item cannot have sub-items of its own (one level only)",
                    "子议程不能再有子议程（仅支持一级）"
                )
                .into(),
            );
        }
    };
    // Only durations that passed the checks above are added up, so sums cannot overflow.
    let sane = |m: Option<i64>| m.filter(|m| (0..=MAX_MINUTES).contains(m));
    let mut planned: i64 = 0;
    for (i, it) in a.items.iter().enumerate() {
        let path = format!("items[{}]", dropped.item_at(i));
        check_item(&mut d, path.clone(), it, 0);
        for (j, sub) in it.items.iter().enumerate() {
            check_item(&mut d, format!("{path}.items[{j}]"), sub, 1);
            for (k, subsub) in sub.items.iter().enumerate() {
                check_item(&mut d, format!("{path}.items[{j}].items[{k}]"), subsub, 2);
            }
        }
        let subs: i64 = it.items.iter().filter_map(|s| sane(s.minutes)).sum();
        match sane(it.minutes) {
            Some(total) => {
                planned += total;
                if !it.items.is_empty() && subs > total {
                    warn(
                        &mut d,
                        format!("{path}.minutes"),
                        tr!(
                            lang,
                            format!(
                                "the sub-items plan {subs} minutes, more than this item's {total}"
                            ),
                            format!("子议程计划共 {subs} 分钟，超过本议程的 {total} 分钟")
                        ),
                    );
                }
            }
            None => planned += subs,
        }
    }
    let scheduled = (m.end - m.start).num_minutes();
    if !dropped.meeting && !dropped.items && scheduled > 0 && planned > scheduled {
        let (sh, sm) = (m.start.format("%H:%M"), m.end.format("%H:%M"));
        warn(
            &mut d,
            "items".into(),
            tr!(
                lang,
                format!(
                    "the items plan {planned} minutes but the meeting is scheduled for {scheduled} ({sh}-{sm}): it would run {} minutes past the scheduled end",
                    planned - scheduled
                ),
                format!(
                    "议程计划共 {planned} 分钟，而会议安排 {scheduled} 分钟（{sh}-{sm}）：将超出预定结束时间 {} 分钟",
                    planned - scheduled
                )
            ),
        );
    }

    // Planned actions.
    let mut action_ids: HashMap<&str, usize> = HashMap::new();
    for (i, act) in a.actions.iter().enumerate() {
        let path = format!("actions[{}]", dropped.action_at(i));
        if !valid_id(&act.id) {
            err(&mut d, format!("{path}.id"), bad_id(&act.id, lang));
        }
        if let Some(first) = seen_before(&mut action_ids, &act.id, i) {
            let at = format!("actions[{}]", dropped.action_at(first));
            let msg = already_used(lang, ("action", "任务"), &act.id, None, &at, None);
            err(&mut d, format!("{path}.id"), msg);
        }
        if act.text.trim().is_empty() {
            err(
                &mut d,
                format!("{path}.text"),
                tr!(lang, "the task has no text", "任务内容为空").into(),
            );
        }
        for (j, o) in act.owners.iter().enumerate() {
            let opath = format!("{path}.owners[{j}]");
            match o {
                OwnerRef::Participant(id)
                    if !pids.contains_key(id.as_str()) && !dropped.knows_participant(id) =>
                {
                    err(
                        &mut d,
                        format!("{opath}.participant"),
                        tr!(
                            lang,
                            format!(
                                "`{id}` is not an id on the roster (for someone not on it, use {{\"person\": \"name\"}})"
                            ),
                            format!(
                                "`{id}` 不是名单中的编号（不在名单中的人请用 {{\"person\": \"姓名\"}}）"
                            )
                        ),
                    )
                }
                OwnerRef::Venue(id)
                    if !venue_ids.contains_key(id.as_str()) && !dropped.knows_venue(id) =>
                {
                    err(&mut d, format!("{opath}.venue"), unknown_venue(id, a, lang))
                }
                OwnerRef::Unit(s) | OwnerRef::Person(s) if s.trim().is_empty() => err(
                    &mut d,
                    opath,
                    tr!(lang, "the owner is empty", "负责方为空").into(),
                ),
                _ => {}
            }
        }
        if let Some(item) = &act.item
            && !item_ids.contains_key(item.as_str())
            && !dropped.knows_item(item)
        {
            err(
                &mut d,
                format!("{path}.item"),
                tr!(
                    lang,
                    format!("`{item}` is not the id of an agenda item"),
                    format!("`{item}` 不是议程编号")
                ),
            );
        }
        if let Some(r) = &act.assigned_by {
            person(&mut d, format!("{path}.assigned_by"), r);
        }
        if let Some(due) = act.due
            && !dropped.meeting
            && due < m.date
        {
            warn(
                &mut d,
                format!("{path}.due"),
                tr!(
                    lang,
                    format!("due {due} is before the meeting ({})", m.date),
                    format!("完成时限 {due} 早于会议日期（{}）", m.date)
                ),
            );
        }
    }
    d
}

fn unknown_venue(id: &str, a: &Agenda, lang: Lang) -> String {
    let ids: Vec<&str> = a.venues.iter().map(|v| v.id.as_str()).collect();
    if ids.is_empty() {
        return tr!(
            lang,
            format!("`{id}` is not the id of a venue: there are no venues"),
            format!("`{id}` 不是会场编号：没有任何会场")
        );
    }
    let shown: Vec<&str> = ids.iter().copied().take(8).collect();
    let more = if ids.len() > shown.len() { ", ..." } else { "" };
    let hint = super::decode::did_you_mean(id, &ids, lang);
    tr!(
        lang,
        format!(
            "`{id}` is not the id of a venue{hint}; venues: {}{more}",
            shown.join(", ")
        ),
        format!(
            "`{id}` 不是会场编号{hint}；现有会场：{}{more}",
            shown.join("、")
        )
    )
}
