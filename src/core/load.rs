//! Reading an agenda from bytes and checking its meaning. Every problem is collected, so a
//! secretary learns of all of them at once. No I/O: the caller reads the file.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde_json::Value;

use super::agenda::*;
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// Where in the file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole.
    File,
    /// 1-based line and column (syntax and encoding problems).
    Pos { line: usize, col: usize },
    /// A path in the document: `participants[12].venue`.
    Path(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
        }
    }
    fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
        }
    }

    /// `FILE:LINE:COL: error: message` or `FILE: path: warning: message`.
    pub fn display<'a>(&'a self, file: &'a str, lang: Lang) -> impl fmt::Display + 'a {
        DiagnosticDisplay {
            d: self,
            file,
            lang,
        }
    }
}

struct DiagnosticDisplay<'a> {
    d: &'a Diagnostic,
    file: &'a str,
    lang: Lang,
}

impl fmt::Display for DiagnosticDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match (self.d.severity, self.lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
        };
        match &self.d.location {
            Location::File => write!(f, "{}: {sev}: {}", self.file, self.d.message),
            Location::Pos { line, col } => {
                write!(f, "{}:{line}:{col}: {sev}: {}", self.file, self.d.message)
            }
            Location::Path(p) => write!(f, "{}: {p}: {sev}: {}", self.file, self.d.message),
        }
    }
}

/// The result of loading: the agenda when it is usable, and every diagnostic found.
#[derive(Debug)]
pub struct Loaded {
    pub agenda: Option<Agenda>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

macro_rules! tr {
    ($lang:expr, $en:expr, $zh:expr) => {
        match $lang {
            Lang::En => $en,
            Lang::Zh => $zh,
        }
    };
}

/// Parse and check an agenda. Never panics, whatever the bytes.
pub fn load_agenda(bytes: &[u8], lang: Lang) -> Loaded {
    let mut diags = Vec::new();
    let fail = |d: Diagnostic| Loaded {
        agenda: None,
        diagnostics: vec![d],
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return fail(Diagnostic::error(
            Location::File,
            tr!(
                lang,
                "the file is empty; an agenda is a JSON object (`huiwu new FILE` writes a template)",
                "文件为空；议程文件应为 JSON 对象（可用 `huiwu new 文件名` 生成模板）"
            ),
        ));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return fail(Diagnostic::error(
            Location::Pos { line: 1, col: 1 },
            tr!(
                lang,
                "the file is UTF-16; save it as UTF-8",
                "文件为 UTF-16 编码；请另存为 UTF-8"
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return fail(not_utf8(bytes, e.valid_up_to(), lang)),
    };
    let original = text;
    let text = strip_comments(text);
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            let line = e.line().max(1);
            let col = char_column(original, line, e.column());
            return fail(Diagnostic::error(
                Location::Pos { line, col },
                syntax_message(&e, lang),
            ));
        }
    };
    let Value::Object(root) = &value else {
        return fail(Diagnostic::error(
            Location::Path("$".into()),
            tr!(
                lang,
                "an agenda must be a JSON object with `meeting`, `venues`, `participants` and `items`",
                "议程文件必须是包含 `meeting`、`venues`、`participants`、`items` 的 JSON 对象"
            ),
        ));
    };

    // Deserialize piece by piece so that one bad participant does not hide the next one.
    let mut ok = true;
    let mut shell = root.clone();
    for key in ["venues", "participants", "items", "actions"] {
        if let Some(Value::Array(list)) = shell.get_mut(key) {
            let elements = std::mem::take(list);
            for (i, el) in elements.iter().enumerate() {
                let res = match key {
                    "venues" => check_piece::<Venue>(el),
                    "participants" => check_piece::<Participant>(el),
                    "items" => check_piece::<Item>(el),
                    _ => check_piece::<PlannedAction>(el),
                };
                if let Err((path, msg)) = res {
                    ok = false;
                    diags.push(Diagnostic::error(
                        Location::Path(join_path(&format!("{key}[{i}]"), &path)),
                        msg,
                    ));
                }
            }
            *list = elements;
        }
    }
    // The rest of the document, with the lists emptied so their errors are not repeated.
    let mut rest = root.clone();
    for key in ["venues", "participants", "items", "actions"] {
        if let Some(Value::Array(list)) = rest.get_mut(key) {
            list.clear();
        }
    }
    if let Err((path, msg)) = check_piece::<Agenda>(&Value::Object(rest)) {
        ok = false;
        diags.push(Diagnostic::error(
            Location::Path(if path.is_empty() { "$".into() } else { path }),
            msg,
        ));
    }
    if !ok {
        return Loaded {
            agenda: None,
            diagnostics: diags,
        };
    }
    let agenda: Agenda = match serde_json::from_value(value) {
        Ok(a) => a,
        Err(e) => {
            return fail(Diagnostic::error(Location::Path("$".into()), e.to_string()));
        }
    };
    diags.extend(validate(&agenda, lang));
    let has_errors = diags.iter().any(|d| d.severity == Severity::Error);
    Loaded {
        agenda: (!has_errors).then_some(agenda),
        diagnostics: diags,
    }
}

/// serde_json counts columns in bytes; people (and editors) count characters.
fn char_column(text: &str, line: usize, byte_col: usize) -> usize {
    let Some(l) = text.split('\n').nth(line - 1) else {
        return byte_col.max(1);
    };
    let mut end = byte_col.min(l.len());
    while !l.is_char_boundary(end) {
        end -= 1;
    }
    l[..end].chars().count().max(1)
}

/// Blank out `//` and `/* */` comments (outside strings) so that hand-written agendas and
/// the template can explain themselves. Lines and columns stay where they were.
pub fn strip_comments(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let mut in_string = false;
    while i < b.len() {
        let c = b[i];
        if in_string {
            out.push(c);
            if c == b'\\' && i + 1 < b.len() {
                out.push(b[i + 1]);
                i += 2;
                continue;
            }
            if c == b'"' {
                in_string = false;
            }
            i += 1;
        } else if c == b'"' {
            in_string = true;
            out.push(c);
            i += 1;
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                out.push(b' ');
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            out.extend_from_slice(b"  ");
            i += 2;
            while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                out.push(if b[i] == b'\n' { b'\n' } else { b' ' });
                i += 1;
            }
            if i < b.len() {
                out.extend_from_slice(b"  ");
                i += 2;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    // Only ASCII bytes were replaced, and only outside strings, by ASCII spaces; multi-byte
    // characters inside comments become one space per byte, which keeps byte offsets but
    // not columns on that (comment-only) stretch.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn check_piece<T: serde::de::DeserializeOwned>(v: &Value) -> Result<(), (String, String)> {
    serde_path_to_error::deserialize::<_, T>(v)
        .map(|_| ())
        .map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            (path, e.into_inner().to_string())
        })
}

fn join_path(prefix: &str, rest: &str) -> String {
    if rest.is_empty() {
        prefix.to_string()
    } else if rest.starts_with('[') {
        format!("{prefix}{rest}")
    } else {
        format!("{prefix}.{rest}")
    }
}

fn syntax_message(e: &serde_json::Error, lang: Lang) -> String {
    // serde_json appends " at line L column C"; the location is printed separately.
    let raw = e.to_string();
    let msg = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    match e.classify() {
        serde_json::error::Category::Eof => tr!(
            lang,
            format!("the file ends too early ({msg}); is it truncated?"),
            format!("文件提前结束（{msg}）；文件是否不完整？")
        ),
        _ if msg.contains("recursion limit") => tr!(
            lang,
            "nesting is too deep (more than 128 levels)".to_string(),
            "嵌套层数过深（超过 128 层）".to_string()
        ),
        _ if msg.contains("trailing comma") => tr!(
            lang,
            "trailing comma: JSON allows no comma before `]` or `}`".to_string(),
            "多余的逗号：JSON 不允许在 `]` 或 `}` 前有逗号".to_string()
        ),
        _ => tr!(
            lang,
            format!("JSON syntax: {msg}"),
            format!("JSON 语法错误：{msg}")
        ),
    }
}

fn not_utf8(bytes: &[u8], valid_up_to: usize, lang: Lang) -> Diagnostic {
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    let (_, _, gbk_errors) = encoding_rs::GB18030.decode(bytes);
    let byte = bytes[valid_up_to];
    let message = if gbk_errors {
        tr!(
            lang,
            format!("the file is not UTF-8 (byte 0x{byte:02X}); save it as UTF-8"),
            format!("文件不是 UTF-8 编码（字节 0x{byte:02X}）；请另存为 UTF-8")
        )
    } else {
        tr!(
            lang,
            format!(
                "the file is not UTF-8 (byte 0x{byte:02X}); it looks like GBK/GB18030: save it as UTF-8"
            ),
            format!(
                "文件不是 UTF-8 编码（字节 0x{byte:02X}），看起来是 GBK/GB18030：请另存为 UTF-8"
            )
        )
    };
    Diagnostic::error(Location::Pos { line, col }, message)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Meaning checks on a well-typed agenda.
pub fn validate(a: &Agenda, lang: Lang) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    let err = |d: &mut Vec<Diagnostic>, path: String, msg: String| {
        d.push(Diagnostic::error(Location::Path(path), msg))
    };
    let m = &a.meeting;
    if a.format != 1 {
        err(
            &mut d,
            "format".into(),
            tr!(
                lang,
                format!(
                    "format {} is not known to this huiwu (it reads format 1)",
                    a.format
                ),
                format!("不支持的格式版本 {}（本程序读取版本 1）", a.format)
            ),
        );
    }
    if !valid_id(&m.id) || m.id.starts_with('.') {
        err(
            &mut d,
            "meeting.id".into(),
            tr!(
                lang,
                format!(
                    "`{}` is not a usable id: use letters, digits, `-`, `_` and `.` (it names the journal file)",
                    m.id
                ),
                format!(
                    "`{}` 不能作为会议编号：只可使用字母、数字、`-`、`_`、`.`（它用作记录文件名）",
                    m.id
                )
            ),
        );
    }
    if m.title.trim().is_empty() {
        err(
            &mut d,
            "meeting.title".into(),
            tr!(lang, "the title is empty", "会议名称为空").into(),
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
                format!("结束时间（{}）早于开始时间（{}）", m.end, m.start)
            ),
        );
    }
    if m.start.date_naive() != m.date {
        d.push(Diagnostic::warning(
            Location::Path("meeting.start".into()),
            tr!(
                lang,
                format!(
                    "the start ({}) is not on the meeting's date ({})",
                    m.start, m.date
                ),
                format!("开始时间（{}）不在会议日期（{}）当天", m.start, m.date)
            ),
        ));
    }

    // Venues.
    let mut venue_ids: HashMap<&str, usize> = HashMap::new();
    for (i, v) in a.venues.iter().enumerate() {
        let path = format!("venues[{i}]");
        if !valid_id(&v.id) {
            err(
                &mut d,
                format!("{path}.id"),
                tr!(
                    lang,
                    format!("`{}` is not a usable id", v.id),
                    format!("`{}` 不能作为编号", v.id)
                ),
            );
        }
        if let Some(first) = venue_ids.insert(&v.id, i) {
            err(
                &mut d,
                format!("{path}.id"),
                tr!(
                    lang,
                    format!("duplicate venue id `{}` (first at venues[{first}])", v.id),
                    format!("会场编号 `{}` 重复（首次出现于 venues[{first}]）", v.id)
                ),
            );
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
                    "a venue that reports a headcount needs `expected` (应到)",
                    "按人数报到的会场需要填写 `expected`（应到人数）"
                )
                .into(),
            );
        }
    }
    let mains = a
        .venues
        .iter()
        .filter(|v| v.kind == VenueKind::Main)
        .count();
    if a.venues.is_empty() {
        err(
            &mut d,
            "venues".into(),
            tr!(
                lang,
                "there are no venues; one main venue is required",
                "没有会场；至少需要一个主会场"
            )
            .into(),
        );
    } else if mains == 0 {
        err(
            &mut d,
            "venues".into(),
            tr!(
                lang,
                "no main venue: exactly one venue needs `\"kind\": \"main\"`",
                "没有主会场：须有且只有一个会场 `\"kind\": \"main\"`"
            )
            .into(),
        );
    } else if mains > 1 {
        let list: Vec<String> = a
            .venues
            .iter()
            .enumerate()
            .filter(|(_, v)| v.kind == VenueKind::Main)
            .map(|(i, _)| format!("venues[{i}]"))
            .collect();
        err(
            &mut d,
            "venues".into(),
            tr!(
                lang,
                format!(
                    "{mains} main venues ({}); exactly one is allowed",
                    list.join(", ")
                ),
                format!("有 {mains} 个主会场（{}）；只能有一个", list.join("、"))
            ),
        );
    }

    // Participants.
    let mut pids: HashMap<&str, usize> = HashMap::new();
    let mut roster_count: HashMap<&str, u32> = HashMap::new();
    for (i, p) in a.participants.iter().enumerate() {
        let path = format!("participants[{i}]");
        if !valid_id(&p.id) {
            err(
                &mut d,
                format!("{path}.id"),
                tr!(
                    lang,
                    format!("`{}` is not a usable id", p.id),
                    format!("`{}` 不能作为编号", p.id)
                ),
            );
        }
        if let Some(first) = pids.insert(&p.id, i) {
            err(
                &mut d,
                format!("{path}.id"),
                tr!(
                    lang,
                    format!(
                        "duplicate participant id `{}` (first at participants[{first}], {})",
                        p.id, a.participants[first].name
                    ),
                    format!(
                        "参会人员编号 `{}` 重复（首次出现于 participants[{first}]，{}）",
                        p.id, a.participants[first].name
                    )
                ),
            );
        }
        if p.name.trim().is_empty() {
            err(
                &mut d,
                format!("{path}.name"),
                tr!(lang, "the name is empty", "姓名为空").into(),
            );
        }
        match venue_ids.get(p.venue.as_str()) {
            None => err(
                &mut d,
                format!("{path}.venue"),
                tr!(
                    lang,
                    format!("unknown venue `{}`", p.venue),
                    format!("未知会场 `{}`", p.venue)
                ),
            ),
            Some(&vi) => {
                if a.venues[vi].sign_in == SignInMode::Headcount {
                    d.push(Diagnostic::warning(
                        Location::Path(format!("{path}.venue")),
                        tr!(
                            lang,
                            format!("venue `{}` reports a headcount; its named participants are listed but not counted", p.venue),
                            format!("会场 `{}` 按人数报到；其名单人员只列出，不计数", p.venue)
                        ),
                    ));
                }
                if p.role == Role::Member {
                    *roster_count.entry(&a.venues[vi].id).or_default() += 1;
                }
            }
        }
    }
    for (i, v) in a.venues.iter().enumerate() {
        if v.sign_in == SignInMode::Roster {
            let n = roster_count.get(v.id.as_str()).copied().unwrap_or(0);
            if let Some(exp) = v.expected
                && exp != n
            {
                d.push(Diagnostic::warning(
                    Location::Path(format!("venues[{i}].expected")),
                    tr!(
                        lang,
                        format!("expected is {exp} but the roster names {n} members; the roster is counted"),
                        format!("应到填写为 {exp}，但名单中有 {n} 名成员；以名单为准")
                    ),
                ));
            }
        }
    }

    let person =
        |d: &mut Vec<Diagnostic>, path: String, r: &PersonRef| match (&r.participant, &r.name) {
            (Some(id), None) => {
                if !pids.contains_key(id.as_str()) {
                    err(
                        d,
                        format!("{path}.participant"),
                        tr!(
                            lang,
                            format!(
                                "`{id}` is not on the roster (give `name` instead for a guest)"
                            ),
                            format!("`{id}` 不在参会名单中（来宾请改用 `name`）")
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
                    "give either `participant` (an id on the roster) or `name`, not both",
                    "`participant`（名单编号）与 `name` 只能填一个"
                )
                .into(),
            ),
            _ => err(
                d,
                path,
                tr!(
                    lang,
                    "give `participant` (an id on the roster) or `name`",
                    "须填写 `participant`（名单编号）或 `name`"
                )
                .into(),
            ),
        };
    person(&mut d, "meeting.chair".into(), &m.chair);
    if let Some(r) = &m.recorder {
        person(&mut d, "meeting.recorder".into(), r);
    }

    // Items.
    let mut item_ids: HashMap<String, String> = HashMap::new();
    let mut check_item = |d: &mut Vec<Diagnostic>, path: String, it: &'_ Item, depth: usize| {
        if !valid_id(&it.id) {
            err(
                d,
                format!("{path}.id"),
                tr!(
                    lang,
                    format!("`{}` is not a usable id", it.id),
                    format!("`{}` 不能作为编号", it.id)
                ),
            );
        }
        if let Some(first) = item_ids.insert(it.id.clone(), path.clone()) {
            err(
                d,
                format!("{path}.id"),
                tr!(
                    lang,
                    format!("duplicate item id `{}` (first at {first})", it.id),
                    format!("议程编号 `{}` 重复（首次出现于 {first}）", it.id)
                ),
            );
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
            Some(m) if m > 24 * 60 => err(
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
                    "no planned minutes: the item's timer has no target",
                    "未填写计划时长：该议程计时没有目标"
                ),
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
                    "sub-items cannot have sub-items (one level only)",
                    "子议程不能再有子议程（仅支持一级）"
                )
                .into(),
            );
        }
    };
    for (i, it) in a.items.iter().enumerate() {
        let path = format!("items[{i}]");
        check_item(&mut d, path.clone(), it, 0);
        for (j, sub) in it.items.iter().enumerate() {
            check_item(&mut d, format!("{path}.items[{j}]"), sub, 1);
            for (k, subsub) in sub.items.iter().enumerate() {
                check_item(&mut d, format!("{path}.items[{j}].items[{k}]"), subsub, 2);
            }
        }
        if let Some(total) = it.minutes
            && !it.items.is_empty()
        {
            let sum: i64 = it.items.iter().filter_map(|s| s.minutes).sum();
            if sum > total {
                d.push(Diagnostic::warning(
                    Location::Path(format!("{path}.minutes")),
                    tr!(
                        lang,
                        format!("the sub-items plan {sum} minutes, more than the item's {total}"),
                        format!("子议程计划共 {sum} 分钟，超过本议程的 {total} 分钟")
                    ),
                ));
            }
        }
    }
    let planned = a.planned_minutes();
    let scheduled = (m.end - m.start).num_minutes();
    if scheduled > 0 && planned > scheduled {
        d.push(Diagnostic::warning(
            Location::Path("items".into()),
            tr!(
                lang,
                format!("the items plan {planned} minutes but the meeting is scheduled for {scheduled}: it would overrun the scheduled end by {} minutes", planned - scheduled),
                format!("议程计划共 {planned} 分钟，而会议安排 {scheduled} 分钟：将超出预定结束时间 {} 分钟", planned - scheduled)
            ),
        ));
    }

    // Planned actions.
    let mut action_ids: HashSet<&str> = HashSet::new();
    for (i, act) in a.actions.iter().enumerate() {
        let path = format!("actions[{i}]");
        if !valid_id(&act.id) {
            err(
                &mut d,
                format!("{path}.id"),
                tr!(
                    lang,
                    format!("`{}` is not a usable id", act.id),
                    format!("`{}` 不能作为编号", act.id)
                ),
            );
        }
        if !action_ids.insert(&act.id) {
            err(
                &mut d,
                format!("{path}.id"),
                tr!(
                    lang,
                    format!("duplicate action id `{}`", act.id),
                    format!("任务编号 `{}` 重复", act.id)
                ),
            );
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
                OwnerRef::Participant(id) if !pids.contains_key(id.as_str()) => err(
                    &mut d,
                    opath,
                    tr!(
                        lang,
                        format!("`{id}` is not on the roster"),
                        format!("`{id}` 不在参会名单中")
                    ),
                ),
                OwnerRef::Venue(id) if !venue_ids.contains_key(id.as_str()) => err(
                    &mut d,
                    opath,
                    tr!(
                        lang,
                        format!("unknown venue `{id}`"),
                        format!("未知会场 `{id}`")
                    ),
                ),
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
        {
            err(
                &mut d,
                format!("{path}.item"),
                tr!(
                    lang,
                    format!("unknown agenda item `{item}`"),
                    format!("未知议程 `{item}`")
                ),
            );
        }
        if let Some(r) = &act.assigned_by {
            person(&mut d, format!("{path}.assigned_by"), r);
        }
        if let Some(due) = act.due
            && due < m.date
        {
            d.push(Diagnostic::warning(
                Location::Path(format!("{path}.due")),
                tr!(
                    lang,
                    format!("due {due} is before the meeting ({})", m.date),
                    format!("完成时限 {due} 早于会议日期（{}）", m.date)
                ),
            ));
        }
    }
    d
}
