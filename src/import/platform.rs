//! Attendance exports of video-conference platforms: what they have in common, telling
//! them apart by content (not by file name), and reading the bytes into rows.

use chrono::{NaiveDate, NaiveDateTime};

use super::normalize;
use super::table::{self, FileKind, Row, Table, WorkbookError};
use super::{encoding, teams, tencent, zoom};
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    TencentMeeting,
    Zoom,
    Teams,
    Feishu,
}

impl Platform {
    /// The seat the sign-ins are recorded from, so the journal says where they came from.
    pub fn seat(self) -> &'static str {
        match self {
            Platform::TencentMeeting => "tencent-meeting",
            Platform::Zoom => "zoom",
            Platform::Teams => "teams",
            Platform::Feishu => "feishu",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Platform::TencentMeeting, Lang::En) => "Tencent Meeting",
            (Platform::TencentMeeting, Lang::Zh) => "腾讯会议",
            (Platform::Zoom, _) => "Zoom",
            (Platform::Teams, _) => "Microsoft Teams",
            (Platform::Feishu, Lang::En) => "Feishu",
            (Platform::Feishu, Lang::Zh) => "飞书",
        }
    }
}

/// One person (or device) in an export, reconnects merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    /// The row it first appears on, as a spreadsheet (or a text editor for Teams files)
    /// numbers it.
    pub row: usize,
    /// The name shown in the meeting.
    pub name: String,
    pub email: String,
    /// Local to the meeting.
    pub first_join: Option<NaiveDateTime>,
    pub last_leave: Option<NaiveDateTime>,
    /// How many times they joined (reconnects).
    pub joins: u32,
    /// Time in the meeting, in seconds, if the export says.
    pub seconds: Option<i64>,
    /// The platform's role (主持人, Organizer, ...).
    pub role: String,
}

/// An export read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceExport {
    pub platform: Platform,
    /// The meeting's topic as the platform has it, to tell a wrong file.
    pub topic: Option<String>,
    pub rows: Vec<ExportRow>,
    /// Rows with a name but a join time that could not be read: (row, name, text).
    pub bad_times: Vec<(usize, String, String)>,
    /// For a text file: the encoding found.
    pub encoding: Option<String>,
    /// Rows whose texts held control characters or escape sequences, removed on reading
    /// (`sanitize::strip`), for the secretary to be told.
    pub cleaned: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// Not a layout we know.
    Unrecognised,
    Workbook(WorkbookError),
    /// The platform was recognised but its participant table was not found.
    NoParticipants(Platform),
}

impl ExportError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExportError::Unrecognised, Lang::En) => "not an attendance export huiwu knows: expected Tencent Meeting (xlsx, sheet 成员参会概况), Zoom (participants csv) or Microsoft Teams (attendance report csv)".into(),
            (ExportError::Unrecognised, Lang::Zh) => "无法识别的参会记录：应为腾讯会议（xlsx，工作表“成员参会概况”）、Zoom（参会者 csv）或 Microsoft Teams（出勤报告 csv）导出的文件".into(),
            (ExportError::Workbook(e), lang) => e.message(lang),
            (ExportError::NoParticipants(p), Lang::En) => format!(
                "this looks like a {} export, but its participant table (a header with a name and a join time) was not found",
                p.label(lang)
            ),
            (ExportError::NoParticipants(p), Lang::Zh) => format!(
                "该文件像是{}导出的记录，但未找到参会者表格（含名称与入会时间的表头）",
                p.label(lang)
            ),
        }
    }
}

/// Read an export. `hint` is the meeting's date: it settles day-first or month-first dates.
pub fn read(
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
    hint: Option<NaiveDate>,
) -> Result<AttendanceExport, ExportError> {
    let export = match table::sniff_kind(bytes) {
        FileKind::Workbook => {
            let tables = table::read_workbook(bytes).map_err(ExportError::Workbook)?;
            tencent::read(&tables, hint)?
        }
        FileKind::Text => {
            let d = encoding::decode(bytes, forced);
            let enc = format!(
                "{}{}",
                encoding::display_name(d.encoding),
                if d.bom { " (BOM)" } else { "" }
            );
            let mut export = parse_text(&d.text, hint)?;
            export.encoding = Some(enc);
            export
        }
    };
    Ok(stripped(export))
}

/// A text export: Teams (tab-separated, numbered sections or the old three columns),
/// Zoom (comma-separated), or a Tencent/Feishu table saved as CSV.
pub fn read_text(text: &str, hint: Option<NaiveDate>) -> Result<AttendanceExport, ExportError> {
    parse_text(text, hint).map(stripped)
}

/// Every text of an export through [`crate::sanitize::strip`]: display names are chosen
/// by the participants, and one holding `ESC ] 52 ; …` must neither reach the terminal
/// nor be split into "people" at its semicolons. Rows changed are listed in `cleaned`; a
/// name that was nothing but a sequence is dropped, and rows that differed only by one are
/// merged as the reconnects they are.
fn stripped(mut e: AttendanceExport) -> AttendanceExport {
    use crate::sanitize::strip_in_place;
    let mut cleaned = Vec::new();
    for r in &mut e.rows {
        let mut changed = false;
        for s in [&mut r.name, &mut r.email, &mut r.role] {
            changed |= strip_in_place(s);
        }
        if changed {
            r.name = r.name.trim().to_string();
            cleaned.push(r.row);
        }
    }
    for (row, name, text) in &mut e.bad_times {
        if strip_in_place(name) | strip_in_place(text) {
            cleaned.push(*row);
        }
    }
    if let Some(t) = &mut e.topic {
        strip_in_place(t);
    }
    if !cleaned.is_empty() {
        e.rows.retain(|r| !r.name.is_empty());
        e.rows = merge_reconnects(std::mem::take(&mut e.rows));
        cleaned.sort_unstable();
        cleaned.dedup();
    }
    e.cleaned = cleaned;
    e
}

fn parse_text(text: &str, hint: Option<NaiveDate>) -> Result<AttendanceExport, ExportError> {
    if teams::looks_like(text) {
        return teams::read(text, hint);
    }
    if zoom::looks_like(text) {
        return zoom::read(text, hint);
    }
    let t = table::parse_delimited(text, None);
    tencent::read(&[t], hint)
}

/// What a column of a participant table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    Name,
    Join,
    Leave,
    Duration,
    Joins,
    Email,
    Role,
}

/// Header words, lower-case without spaces; a header holding one of them is that column.
/// Checked in this order, so `入会次数` is a count before `入会` could be a time.
const HEADER_WORDS: &[(Col, &[&str])] = &[
    (Col::Email, &["email", "e-mail", "邮箱", "电子邮件", "upn"]),
    (Col::Joins, &["入会次数", "joincount", "加入次数"]),
    (
        Col::Join,
        &[
            "jointime",
            "firstjoin",
            "首次入会",
            "入会时间",
            "加入时间",
            "首次加入",
            "参会时间",
            "joined",
        ],
    ),
    (
        Col::Leave,
        &[
            "leavetime",
            "lastleave",
            "退会时间",
            "离开时间",
            "上次退出",
            "最后离开",
            "退出时间",
            "离会时间",
        ],
    ),
    (Col::Duration, &["duration", "时长", "持续时间"]),
    (Col::Role, &["role", "身份", "角色"]),
    (
        Col::Name,
        &[
            "name",
            "昵称",
            "参会者",
            "参会人",
            "姓名",
            "名称",
            "名字",
            "participant",
            "成员",
        ],
    ),
];

pub(crate) fn header_key(s: &str) -> String {
    normalize::fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The columns a header row names, or `None` without a name column.
pub(crate) fn header_columns(row: &Row) -> Option<Vec<(Col, usize)>> {
    let mut cols: Vec<(Col, usize)> = Vec::new();
    for (i, cell) in row.filled() {
        let k = header_key(cell);
        let found = HEADER_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| k.contains(w)))
            .map(|(c, _)| *c);
        if let Some(c) = found
            && !cols.iter().any(|(x, _)| *x == c)
        {
            cols.push((c, i));
        }
    }
    cols.iter().any(|(c, _)| *c == Col::Name).then_some(cols)
}

pub(crate) fn col(cols: &[(Col, usize)], c: Col) -> Option<usize> {
    cols.iter().find(|(x, _)| *x == c).map(|(_, i)| *i)
}

/// Rows of a participant table below its header (at `header`), until the table ends.
pub(crate) fn rows_below(
    table: &Table,
    header: usize,
    cols: &[(Col, usize)],
    hint: Option<NaiveDate>,
    bad_times: &mut Vec<(usize, String, String)>,
) -> Vec<ExportRow> {
    let name_col = col(cols, Col::Name).unwrap_or(0);
    let get = |r: &Row, c: Col| col(cols, c).map(|i| r.cell(i).trim().to_string());
    let mut out = Vec::new();
    for r in &table.rows[header + 1..] {
        if r.is_blank() {
            continue;
        }
        let name = r.cell(name_col).trim().to_string();
        if name.is_empty() {
            continue;
        }
        let join_text = get(r, Col::Join).unwrap_or_default();
        let first_join = super::time::parse_datetime(&join_text, hint);
        if first_join.is_none() && !join_text.is_empty() {
            bad_times.push((r.number, name.clone(), join_text.clone()));
        }
        out.push(ExportRow {
            row: r.number,
            name,
            email: get(r, Col::Email).unwrap_or_default(),
            first_join,
            last_leave: get(r, Col::Leave).and_then(|t| super::time::parse_datetime(&t, hint)),
            joins: get(r, Col::Joins).and_then(|t| t.parse().ok()).unwrap_or(1),
            seconds: get(r, Col::Duration).and_then(|t| super::time::parse_duration(&t)),
            role: get(r, Col::Role).unwrap_or_default(),
        });
    }
    out
}

/// One row per person: a reconnect is a second row for the same name (and email); keep
/// the first join, the last leave, the summed time.
pub fn merge_reconnects(rows: Vec<ExportRow>) -> Vec<ExportRow> {
    let mut out: Vec<ExportRow> = Vec::new();
    let mut index: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    for r in rows {
        let key = (normalize::name_key(&r.name), r.email.to_lowercase());
        match index.get(&key) {
            Some(&i) => {
                let m = &mut out[i];
                m.first_join = match (m.first_join, r.first_join) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                m.last_leave = m.last_leave.max(r.last_leave);
                // Saturating: a damaged count must not overflow.
                m.joins = m.joins.saturating_add(r.joins);
                m.seconds = match (m.seconds, r.seconds) {
                    (Some(a), Some(b)) => Some(a.saturating_add(b)),
                    (a, b) => a.or(b),
                };
                if m.role.is_empty() {
                    m.role = r.role;
                }
            }
            None => {
                index.insert(key, out.len());
                out.push(r);
            }
        }
    }
    out
}
