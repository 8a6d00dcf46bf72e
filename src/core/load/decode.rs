//! From a JSON tree to the typed agenda, one piece at a time so that one bad participant
//! does not hide the next, and every problem of a piece is found: after each error the
//! offending field is set aside (or given a stand-in value) and the piece is tried again.
//! serde's messages are rewritten in the secretary's language.

use std::collections::HashSet;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use serde_path_to_error::Segment;

use super::{Diagnostic, Location, tr};
use crate::core::agenda::*;
use crate::i18n::Lang;

/// What could not be decoded, so that the meaning checks neither miss references to it
/// nor report problems that only its absence causes.
#[derive(Debug, Default)]
pub(super) struct Dropped {
    /// The meeting object had errors; checks of the meeting are skipped.
    pub meeting: bool,
    pub venues: bool,
    pub participants: bool,
    pub items: bool,
    /// Ids of the elements that were dropped (when they had a string `id`).
    pub ids: HashSet<String>,
    /// A whole list could not be read (it is not a list, or its key is misspelt): any
    /// reference to its elements is taken on trust.
    pub venue_list: bool,
    pub participant_list: bool,
    pub item_list: bool,
    /// Where each decoded element was in the document's list, when some were dropped
    /// before it; empty when none were (the positions are the same).
    venue_pos: Vec<usize>,
    participant_pos: Vec<usize>,
    item_pos: Vec<usize>,
    action_pos: Vec<usize>,
}

impl Dropped {
    pub fn knows(&self, id: &str) -> bool {
        self.ids.contains(id)
    }
    pub fn knows_venue(&self, id: &str) -> bool {
        self.venue_list || self.knows(id)
    }
    pub fn knows_participant(&self, id: &str) -> bool {
        self.participant_list || self.knows(id)
    }
    pub fn knows_item(&self, id: &str) -> bool {
        self.item_list || self.knows(id)
    }
    /// The document position of the `i`-th decoded venue, for messages.
    pub fn venue_at(&self, i: usize) -> usize {
        self.venue_pos.get(i).copied().unwrap_or(i)
    }
    pub fn participant_at(&self, i: usize) -> usize {
        self.participant_pos.get(i).copied().unwrap_or(i)
    }
    pub fn item_at(&self, i: usize) -> usize {
        self.item_pos.get(i).copied().unwrap_or(i)
    }
    pub fn action_at(&self, i: usize) -> usize {
        self.action_pos.get(i).copied().unwrap_or(i)
    }
}

/// Decode the whole document. The agenda is always returned (with bad pieces left out
/// and stand-ins where the meeting was unusable); `Dropped` says what is missing.
pub(super) fn agenda(
    mut root: Map<String, Value>,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> (Agenda, Dropped) {
    let mut dropped = Dropped::default();
    // Lists that are there but unreadable, or whose key is misspelt (`particpants`).
    const LISTS: [&str; 4] = ["venues", "participants", "items", "actions"];
    let mut unreadable: Vec<&str> = LISTS
        .into_iter()
        .filter(|k| root.get(*k).is_some_and(|v| !v.is_array()))
        .collect();
    for key in root.keys() {
        if let Some(list) = suggest(key, &LISTS)
            && key != list
            && !root.contains_key(list)
        {
            unreadable.push(list);
        }
    }
    for list in unreadable {
        match list {
            "venues" => {
                dropped.venue_list = true;
                dropped.venues = true;
            }
            "participants" => {
                dropped.participant_list = true;
                dropped.participants = true;
            }
            "items" => {
                dropped.item_list = true;
                dropped.items = true;
            }
            _ => {}
        }
    }
    let mut lists: [(&str, Option<Value>); 4] = [
        ("venues", None),
        ("participants", None),
        ("items", None),
        ("actions", None),
    ];
    for (key, slot) in &mut lists {
        if let Some(v) = root.get_mut(*key)
            && v.is_array()
        {
            *slot = Some(std::mem::replace(v, Value::Array(Vec::new())));
        }
    }
    // The rest: format, meeting, extra, and lists that are not lists. Problems in it do
    // not stop the lists from being checked: stand-ins take the bad fields' places.
    let meeting_missing = !matches!(root.get("meeting"), Some(Value::Object(_)));
    let before = diags.len();
    let rest = decode_piece::<Agenda>(Value::Object(root), "", lang, diags);
    dropped.meeting = meeting_missing
        || diags[before..]
            .iter()
            .any(|d| matches!(&d.location, Location::Path(p) if p.starts_with("meeting")));
    let mut agenda = match rest {
        Some((a, _)) => a,
        None => {
            dropped.meeting = true;
            placeholder_agenda()
        }
    };
    let [(_, venues), (_, participants), (_, items), (_, actions)] = lists;
    if let Some(Value::Array(list)) = venues {
        let (v, pos) = decode_list(list, "venues", lang, diags, &mut dropped, |d| {
            d.venues = true
        });
        agenda.venues = v;
        dropped.venue_pos = pos;
    }
    if let Some(Value::Array(list)) = participants {
        let (p, pos) = decode_list(list, "participants", lang, diags, &mut dropped, |d| {
            d.participants = true
        });
        agenda.participants = p;
        dropped.participant_pos = pos;
    }
    if let Some(Value::Array(list)) = items {
        let mut pos = Vec::with_capacity(list.len());
        for (i, v) in list.into_iter().enumerate() {
            if let Some(it) = decode_item(v, &format!("items[{i}]"), lang, diags, &mut dropped) {
                agenda.items.push(it);
                pos.push(i);
            }
        }
        dropped.item_pos = pos;
    }
    if let Some(Value::Array(list)) = actions {
        let mut pos = Vec::with_capacity(list.len());
        for (i, v) in list.into_iter().enumerate() {
            if let Some(a) = decode_action(v, &format!("actions[{i}]"), lang, diags) {
                agenda.actions.push(a);
                pos.push(i);
            }
        }
        dropped.action_pos = pos;
    }
    (agenda, dropped)
}

/// Decode each element of a list; returns the good ones and their positions.
fn decode_list<T: DeserializeOwned>(
    list: Vec<Value>,
    key: &str,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
    dropped: &mut Dropped,
    mark: impl Fn(&mut Dropped),
) -> (Vec<T>, Vec<usize>) {
    let mut out = Vec::with_capacity(list.len());
    let mut pos = Vec::with_capacity(list.len());
    for (i, v) in list.into_iter().enumerate() {
        let id = raw_id(&v);
        // Name the person, so that the secretary can find the line by searching for it.
        let before = diags.len();
        let who = (key == "participants")
            .then(|| person_label(&v, lang))
            .flatten();
        let decoded = decode_piece::<T>(v, &format!("{key}[{i}]"), lang, diags);
        if let Some(who) = who {
            for d in &mut diags[before..] {
                d.message = format!("{who}{}", d.message);
            }
        }
        match decoded {
            Some((t, true)) => {
                out.push(t);
                pos.push(i);
            }
            _ => {
                mark(dropped);
                dropped.ids.extend(id);
            }
        }
    }
    (out, pos)
}

/// An item, its sub-items decoded one by one.
fn decode_item(
    mut v: Value,
    path: &str,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
    dropped: &mut Dropped,
) -> Option<Item> {
    let id = raw_id(&v);
    let subs = take_array(&mut v, "items");
    let (mut item, mut ok) = match decode_piece::<Item>(v, path, lang, diags) {
        Some((it, clean)) => (Some(it), clean),
        None => (None, false),
    };
    if let Some(subs) = subs {
        let mut decoded = Vec::with_capacity(subs.len());
        for (j, sub) in subs.into_iter().enumerate() {
            match decode_item(sub, &format!("{path}.items[{j}]"), lang, diags, dropped) {
                Some(s) => decoded.push(s),
                None => ok = false,
            }
        }
        if let Some(it) = &mut item {
            it.items = decoded;
        }
    }
    if !ok {
        dropped.items = true;
        dropped.ids.extend(id);
        return None;
    }
    item
}

/// An action, its owners decoded one by one (each is a one-key object).
fn decode_action(
    mut v: Value,
    path: &str,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<PlannedAction> {
    let owners = take_array(&mut v, "owners");
    let mut action = match decode_piece::<PlannedAction>(v, path, lang, diags) {
        Some((a, true)) => Some(a),
        _ => None,
    };
    for (j, o) in owners.into_iter().flatten().enumerate() {
        let owner = match OwnerRef::deserialize(&o) {
            Ok(owner) => owner,
            Err(_) => {
                let opath = format!("{path}.owners[{j}]");
                diags.push(Diagnostic::error(
                    Location::Path(opath),
                    owner_message(&o, lang),
                ));
                // A stand-in keeps the other owners at their positions, so that their
                // references are still checked, and reported where they are. The agenda
                // is refused anyway because of the error.
                OwnerRef::Unit("?".into())
            }
        };
        if let Some(a) = &mut action {
            a.owners.push(owner);
        }
    }
    action
}

fn owner_message(v: &Value, lang: Lang) -> String {
    let found = describe_value(v, lang);
    let hint = match v {
        Value::Object(m) if m.len() == 1 => {
            let key = m.keys().next().map(String::as_str).unwrap_or_default();
            match suggest(key, OWNER_KEYS) {
                Some(s) => tr!(
                    lang,
                    format!(" (`{key}` is not one of them; did you mean `{s}`?)"),
                    format!("（`{key}` 不在其中；是否应为 `{s}`？）")
                ),
                None => tr!(
                    lang,
                    format!(" (`{key}` is not one of them)"),
                    format!("（`{key}` 不在其中）")
                ),
            }
        }
        Value::Object(m) if m.len() > 1 => tr!(
            lang,
            " (give one of them per owner; list several owners as several objects)".to_string(),
            "（每个负责方只填一项；多个负责方请分别列出）".to_string()
        ),
        _ => String::new(),
    };
    tr!(
        lang,
        format!(
            "an owner is one of {{\"participant\": ID}}, {{\"venue\": ID}}, {{\"unit\": \"...\"}}, {{\"person\": \"...\"}}; found {found}{hint}"
        ),
        format!(
            "负责方应为 {{\"participant\": 编号}}、{{\"venue\": 会场编号}}、{{\"unit\": \"单位\"}}、{{\"person\": \"姓名\"}} 之一，实际为{found}{hint}"
        )
    )
}

const OWNER_KEYS: &[&str] = &["participant", "venue", "unit", "person"];

fn take_array(v: &mut Value, key: &str) -> Option<Vec<Value>> {
    let Value::Object(m) = v else { return None };
    match m.get(key) {
        Some(Value::Array(_)) => match m.insert(key.to_string(), Value::Array(Vec::new())) {
            Some(Value::Array(list)) => Some(list),
            _ => None,
        },
        _ => None,
    }
}

/// `单红 (2001): ` from a participant as written, when it has a name or an id.
fn person_label(v: &Value, lang: Lang) -> Option<String> {
    let name = v
        .get("name")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty());
    let id = v
        .get("id")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty());
    Some(match (name, id, lang) {
        (Some(n), Some(i), Lang::En) => format!("{n} ({i}): "),
        (Some(n), Some(i), Lang::Zh) => format!("{n}（{i}）："),
        (Some(x), None, Lang::En) | (None, Some(x), Lang::En) => format!("{x}: "),
        (Some(x), None, Lang::Zh) | (None, Some(x), Lang::Zh) => format!("{x}："),
        (None, None, _) => return None,
    })
}

fn raw_id(v: &Value) -> Option<String> {
    v.get("id").and_then(Value::as_str).map(str::to_string)
}

/// Decode one piece, reporting every problem in it. Returns the piece, with stand-ins
/// where it had problems, and whether it was clean; `None` when it could not be decoded
/// even so.
fn decode_piece<T: DeserializeOwned>(
    mut v: Value,
    prefix: &str,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<(T, bool)> {
    let mut had_errors = false;
    // Paths already given a stand-in; a second error there removes the field instead.
    let mut stood_in: HashSet<String> = HashSet::new();
    // (object path, field) that an unknown field was taken to be a typo of: its "missing
    // field" that follows says the same thing again and is not reported.
    let mut typo_of: HashSet<(String, String)> = HashSet::new();
    for _ in 0..64 {
        let err = match serde_path_to_error::deserialize::<_, T>(&v) {
            Ok(t) => return Some((t, !had_errors)),
            Err(e) => e,
        };
        had_errors = true;
        let segments: Vec<Segment> = err.path().iter().cloned().collect();
        let rel = err.path().to_string();
        let rel = if rel == "." { String::new() } else { rel };
        let path = join_path(prefix, &rel);
        let raw = err.into_inner().to_string();
        let found = navigate(&v, &segments).cloned();
        let message = explain(&raw, &segments, found.as_ref(), lang);
        let location = if path.is_empty() {
            Location::File
        } else {
            Location::Path(path.clone())
        };
        let missing = backticked(&raw).filter(|_| raw.starts_with("missing field"));
        if let (true, Some((Segment::Map { key }, parent))) =
            (raw.starts_with("unknown field"), segments.split_last())
            && let Some(s) = suggest(key, &alternatives(&raw))
        {
            typo_of.insert((path_of(parent), s.to_string()));
        }
        // An error about a stand-in put there is no problem of the file's.
        let repeated = missing
            .is_some_and(|f| typo_of.contains(&(path_of(&segments), f.to_string())))
            || stood_in.contains(&path);
        if !repeated {
            diags.push(Diagnostic::error(location, message));
        }

        // Set the problem aside and try again to find the next one.
        if let Some(field) = missing {
            let stand_in = placeholder(field)?;
            match navigate_mut(&mut v, &segments) {
                Some(Value::Object(m)) => {
                    m.insert(field.to_string(), stand_in);
                }
                _ => return None,
            }
            continue;
        }
        let Some((Segment::Map { key }, parent)) = segments.split_last() else {
            return None;
        };
        let Some(Value::Object(m)) = navigate_mut(&mut v, parent) else {
            return None;
        };
        let stand_in = if raw.starts_with("unknown field") || !stood_in.insert(path.clone()) {
            None
        } else {
            placeholder(key)
        };
        match stand_in {
            Some(s) => {
                m.insert(key.clone(), s);
            }
            None => {
                m.remove(key);
            }
        }
    }
    None
}

/// A value that satisfies the type of a required field, used only to go on looking for
/// further problems; a piece that needed one is never used.
fn placeholder(field: &str) -> Option<Value> {
    Some(match field {
        "id" | "name" | "title" | "venue" | "text" => Value::String("?".into()),
        "date" => Value::String("2000-01-01".into()),
        "start" | "end" => Value::String("2000-01-01T00:00:00+00:00".into()),
        "kind" => Value::String("branch".into()),
        "chair" => serde_json::json!({ "name": "?" }),
        "venues" => Value::Array(Vec::new()),
        "meeting" => serde_json::json!({
            "id": "?", "title": "?", "date": "2000-01-01",
            "start": "2000-01-01T00:00:00+00:00", "end": "2000-01-01T00:00:00+00:00",
            "chair": { "name": "?" }
        }),
        _ => return None,
    })
}

fn placeholder_agenda() -> Agenda {
    let meeting = placeholder("meeting").expect("the meeting has a stand-in");
    Agenda {
        schema: None,
        format: 1,
        meeting: serde_json::from_value(meeting).expect("the stand-in meeting decodes"),
        venues: Vec::new(),
        participants: Vec::new(),
        items: Vec::new(),
        actions: Vec::new(),
        categories: Vec::new(),
        document: None,
        extra: Extra::new(),
    }
}

fn navigate<'a>(v: &'a Value, segments: &[Segment]) -> Option<&'a Value> {
    let mut cur = v;
    for s in segments {
        cur = match s {
            Segment::Map { key } => cur.get(key)?,
            Segment::Seq { index } => cur.get(*index)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn navigate_mut<'a>(v: &'a mut Value, segments: &[Segment]) -> Option<&'a mut Value> {
    let mut cur = v;
    for s in segments {
        cur = match s {
            Segment::Map { key } => cur.get_mut(key)?,
            Segment::Seq { index } => cur.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// A path within a piece, as a key for remembering things about it.
fn path_of(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Seq { index } => format!("[{index}]"),
            Segment::Map { key } => format!(".{key}"),
            Segment::Enum { variant } => format!(".{variant}"),
            Segment::Unknown => ".?".to_string(),
        })
        .collect()
}

fn join_path(prefix: &str, rest: &str) -> String {
    if rest.is_empty() {
        prefix.to_string()
    } else if prefix.is_empty() || rest.starts_with('[') {
        format!("{prefix}{rest}")
    } else {
        format!("{prefix}.{rest}")
    }
}

/// The first `quoted` word of a serde message.
fn backticked(msg: &str) -> Option<&str> {
    let start = msg.find('`')? + 1;
    let len = msg[start..].find('`')?;
    Some(&msg[start..start + len])
}

/// All `quoted` words after the first: the alternatives serde lists.
fn alternatives(msg: &str) -> Vec<&str> {
    msg.split('`').skip(1).step_by(2).skip(1).collect()
}

/// The closest of `options` to a misspelt `word`, if it is close enough to be a typo.
pub(super) fn suggest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for &o in options {
        let d = edit_distance(&lower, &o.to_lowercase());
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, o));
        }
    }
    let (d, o) = best?;
    let limit = match word.chars().count() {
        0..=3 => 1,
        4..=6 => 2,
        _ => 3,
    };
    (d <= limit).then_some(o)
}

/// " (did you mean `x`?)" when `word` looks like a typo of one of `options`, else "".
pub(super) fn did_you_mean(word: &str, options: &[&str], lang: Lang) -> String {
    match suggest(word, options) {
        Some(s) => tr!(
            lang,
            format!(" (did you mean `{s}`?)"),
            format!("（是否应为 `{s}`？）")
        ),
        None => String::new(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            // A swap of two neighbours (nmae) counts as one edit.
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev[j - 1]);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A JSON value as a person would name it: `the text "10"`, `a list [...]`.
pub(super) fn describe_value(v: &Value, lang: Lang) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => tr!(lang, format!("the number {n}"), format!("数字 {n}")),
        Value::String(s) => {
            let s = shorten(s);
            tr!(lang, format!("the text \"{s}\""), format!("文本 \"{s}\""))
        }
        Value::Array(_) => tr!(lang, "a list [...]".into(), "列表 [...]".into()),
        Value::Object(_) => tr!(lang, "an object {...}".into(), "对象 {...}".into()),
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        let head: String = s.chars().take(37).collect();
        format!("{head}...")
    } else {
        s.to_string()
    }
}

/// What serde expected, in words.
fn describe_expected(exp: &str, lang: Lang) -> String {
    let (en, zh) = match exp {
        "i64" | "i32" | "i16" | "i8" => ("a whole number", "整数"),
        "u64" | "u32" | "u16" | "u8" | "usize" => ("a whole number (0 or more)", "非负整数"),
        "f64" | "f32" => ("a number", "数字"),
        "a string" | "a borrowed string" => ("text in double quotes", "带双引号的文本"),
        "a boolean" => ("true or false", "true 或 false"),
        "a sequence" => ("a list [...]", "列表 [...]"),
        "a map" => ("an object {...}", "对象 {...}"),
        "a formatted date string" => ("a date like 2017-05-04", "日期，如 2017-05-04"),
        "an RFC 3339 formatted date and time string" => (
            "a time with its UTC offset, like 2017-05-04T16:00:00+08:00",
            "带时区的时间，如 2017-05-04T16:00:00+08:00",
        ),
        e if e.starts_with("struct ") => ("an object {...}", "对象 {...}"),
        e if e.starts_with("enum ") => ("one of the listed words", "规定的取值之一"),
        e => return e.to_string(),
    };
    tr!(lang, en, zh).to_string()
}

/// The fields an object allows, for "unknown field" messages that say what is allowed.
fn field_list(alts: &[&str], lang: Lang) -> String {
    alts.join(tr!(lang, ", ", "、"))
}

/// Rewrite one serde message for a secretary.
fn explain(raw: &str, segments: &[Segment], found: Option<&Value>, lang: Lang) -> String {
    let field = match segments {
        // A named date (`meeting.dates.开学`) is a date like any other.
        [.., Segment::Map { key: parent }, Segment::Map { .. }] if parent == "dates" => "date",
        [.., Segment::Map { key }] => key.as_str(),
        _ => "",
    };
    // Dates and times first: chrono's own words ("premature end of input") mean nothing
    // to a reader.
    if let Some(Value::String(s)) = found
        && !raw.starts_with("unknown field")
    {
        match field {
            "date" | "due" => {
                return tr!(
                    lang,
                    format!(
                        "\"{}\" is not a date: write it as YYYY-MM-DD, like 2017-05-04",
                        shorten(s)
                    ),
                    format!(
                        "\"{}\" 不是有效日期：请写成 YYYY-MM-DD，如 2017-05-04",
                        shorten(s)
                    )
                );
            }
            "start" | "end" => {
                let no_offset = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
                    .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
                    .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
                    .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
                    .is_ok();
                return if no_offset {
                    tr!(
                        lang,
                        format!(
                            "\"{s}\" has no UTC offset: add it, like 2017-05-04T16:00:00+08:00 (+08:00 is China time)"
                        ),
                        format!(
                            "\"{s}\" 缺少时区：请加上，如 2017-05-04T16:00:00+08:00（+08:00 为北京时间）"
                        )
                    )
                } else {
                    tr!(
                        lang,
                        format!(
                            "\"{}\" is not a date and time: write it like 2017-05-04T16:00:00+08:00",
                            shorten(s)
                        ),
                        format!(
                            "\"{}\" 不是有效的日期时间：请写成 2017-05-04T16:00:00+08:00 这样的格式",
                            shorten(s)
                        )
                    )
                };
            }
            _ => {}
        }
    }

    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let alts = alternatives(raw);
        let hint = did_you_mean(name, &alts, lang);
        return tr!(
            lang,
            format!(
                "unknown field `{name}`{hint}; allowed here: {}. Keep your own data under \"extra\"",
                field_list(&alts, lang)
            ),
            format!(
                "未知字段 `{name}`{hint}；此处可用的字段：{}。自定义内容请放在 \"extra\" 中",
                field_list(&alts, lang)
            )
        );
    }
    if raw.starts_with("missing field `") {
        let name = backticked(raw).unwrap_or_default();
        return tr!(
            lang,
            format!("required field `{name}` is missing"),
            format!("缺少必填字段 `{name}`")
        );
    }
    if raw.starts_with("unknown variant `") {
        let word = backticked(raw).unwrap_or_default();
        let alts = alternatives(raw);
        let hint = did_you_mean(word, &alts, lang);
        return tr!(
            lang,
            format!(
                "`{word}` is not allowed here{hint}; use one of: {}",
                alts.join(", ")
            ),
            format!("此处不能填 `{word}`{hint}；可用：{}", alts.join("、"))
        );
    }
    if raw.ends_with("expected struct PersonRef") {
        let found = found.map(|v| describe_value(v, lang)).unwrap_or_default();
        return tr!(
            lang,
            format!(
                "expected {{\"participant\": \"ID on the roster\"}} or {{\"name\": \"...\"}} for a guest, found {found}"
            ),
            format!(
                "应为 {{\"participant\": \"名单编号\"}}，来宾用 {{\"name\": \"姓名\"}}，实际为{found}"
            )
        );
    }
    if raw.ends_with("untagged enum Limit") {
        let found = found.map(|v| describe_value(v, lang)).unwrap_or_default();
        return tr!(
            lang,
            format!(
                "expected a time limit: minutes (5) or a duration (\"5分钟\", \"4分30秒\", \"5 min\"), found {found}"
            ),
            format!(
                "应为发言时限：分钟数（5）或时长（\"5分钟\"、\"4分30秒\"、\"5 min\"），实际为{found}"
            )
        );
    }
    if raw.ends_with("expected struct Contact") {
        let found = found.map(|v| describe_value(v, lang)).unwrap_or_default();
        return tr!(
            lang,
            format!("expected {{\"name\": \"...\", \"phone\": \"...\"}}, found {found}"),
            format!("应为 {{\"name\": \"联系人\", \"phone\": \"电话\"}}，实际为{found}")
        );
    }
    if raw.starts_with("duplicate field `") {
        let name = backticked(raw).unwrap_or_default();
        return tr!(
            lang,
            format!("field `{name}` is given twice"),
            format!("字段 `{name}` 重复出现")
        );
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = raw.strip_prefix(prefix)
            && let Some((_, exp)) = rest.rsplit_once(", expected ")
        {
            let found = found.map(|v| describe_value(v, lang)).unwrap_or_else(|| {
                rest.split(", expected ")
                    .next()
                    .unwrap_or_default()
                    .to_string()
            });
            let expected = describe_expected(exp, lang);
            let quote_hint = match (exp, found.as_str()) {
                (e, f) if (e.starts_with('i') || e.starts_with('u')) && f.contains('"') => tr!(
                    lang,
                    " (write numbers without quotes)",
                    "（数字不要加引号）"
                ),
                _ => "",
            };
            return tr!(
                lang,
                format!("expected {expected}, found {found}{quote_hint}"),
                format!("应为{expected}，实际为{found}{quote_hint}")
            );
        }
    }
    tr!(lang, raw.to_string(), format!("格式错误：{raw}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        let fields = [
            "id", "name", "unit", "title", "category", "venue", "phone", "role",
        ];
        assert_eq!(suggest("nmae", &fields), Some("name"));
        assert_eq!(suggest("Title", &fields), Some("title"));
        assert_eq!(suggest("catgory", &fields), Some("category"));
        assert_eq!(suggest("venu", &fields), Some("venue"));
        assert_eq!(suggest("email", &fields), None);
        assert_eq!(suggest("mian", &["main", "branch"]), Some("main"));
    }

    #[test]
    fn quoted_words() {
        let raw = "unknown field `nmae`, expected one of `id`, `name`, `unit`";
        assert_eq!(backticked(raw), Some("nmae"));
        assert_eq!(alternatives(raw), vec!["id", "name", "unit"]);
        assert_eq!(
            alternatives("unknown variant `x`, expected `main` or `branch`"),
            vec!["main", "branch"]
        );
    }
}
