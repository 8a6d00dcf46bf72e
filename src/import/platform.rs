//! Attendance exports of video-conference platforms: what they have in common, telling
//! them apart by content (not by file name), and reading the bytes into rows. A text
//! file and a workbook go the same way: into tables (a workbook's sheets one by one),
//! then each table is recognised by its own signs, whatever program saved it last.

use chrono::{NaiveDate, NaiveDateTime};

use super::export_table::{self, Col, header_key};
use super::table::{self, FileKind, Table, WorkbookError};
use super::{encoding, feishu, huawei, teams, tencent, zoom};
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    TencentMeeting,
    Zoom,
    Teams,
    Feishu,
    HuaweiCloudMeeting,
    /// A table with a name and a join time from a platform without signs of its own
    /// (DingTalk, ZTE and others whose exports could not be established).
    Other,
}

impl Platform {
    /// The seat the sign-ins are recorded from, so the journal says where they came from.
    pub fn seat(self) -> &'static str {
        match self {
            Platform::TencentMeeting => "tencent-meeting",
            Platform::Zoom => "zoom",
            Platform::Teams => "teams",
            Platform::Feishu => "feishu",
            Platform::HuaweiCloudMeeting => "huawei-cloud-meeting",
            Platform::Other => "attendance-table",
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
            (Platform::HuaweiCloudMeeting, Lang::En) => "Huawei Cloud Meeting",
            (Platform::HuaweiCloudMeeting, Lang::Zh) => "华为云会议",
            (Platform::Other, Lang::En) => "attendance table",
            (Platform::Other, Lang::Zh) => "参会记录表",
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
    /// The other rows of the same name merged into this one (reconnects, leaves).
    pub merged: Vec<usize>,
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
    /// For a workbook: the sheet the table was on.
    pub sheet: Option<String>,
    /// Rows of the table read (each person's rows, and the rows without a name), counted
    /// as the table was read so that a report can show every one of them accounted for.
    pub rows_read: usize,
    /// Rows with something in them but no name.
    pub nameless: Vec<usize>,
    /// Rows whose texts held control characters or escape sequences, removed on reading
    /// (`sanitize::strip`), for the secretary to be told.
    pub cleaned: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// Not a layout we know.
    Unrecognised,
    /// A workbook none of whose sheets holds a layout we know: the sheets' names.
    NoSheetKnown(Vec<String>),
    /// A workbook whose sheets are all empty.
    EmptyWorkbook,
    Workbook(WorkbookError),
    /// The platform was recognised but its participant table was not found.
    NoParticipants(Platform),
}

impl ExportError {
    pub fn message(&self, lang: Lang) -> String {
        const KNOWN_EN: &str = "Tencent Meeting, Zoom, Microsoft Teams, Feishu or Huawei Cloud Meeting attendance, or any table with a name column and a join time";
        const KNOWN_ZH: &str = "腾讯会议、Zoom、Microsoft Teams、飞书、华为云会议的参会记录，或含姓名列与入会时间列的表格";
        match (self, lang) {
            (ExportError::Unrecognised, Lang::En) => {
                format!("not an attendance export huiwu knows: expected {KNOWN_EN}")
            }
            (ExportError::Unrecognised, Lang::Zh) => {
                format!("无法识别的参会记录：应为{KNOWN_ZH}")
            }
            (ExportError::NoSheetKnown(sheets), Lang::En) => format!(
                "not an attendance export huiwu knows: none of the workbook's sheets ({}) holds {KNOWN_EN}",
                quoted(sheets, ", ", '“', '”')
            ),
            (ExportError::NoSheetKnown(sheets), Lang::Zh) => format!(
                "无法识别的参会记录：工作簿的各工作表（{}）中均没有{KNOWN_ZH}",
                quoted(sheets, "、", '“', '”')
            ),
            (ExportError::EmptyWorkbook, Lang::En) => "every sheet of the workbook is empty".into(),
            (ExportError::EmptyWorkbook, Lang::Zh) => "工作簿的所有工作表均为空".into(),
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

fn quoted(items: &[String], sep: &str, open: char, close: char) -> String {
    items
        .iter()
        .map(|s| format!("{open}{s}{close}"))
        .collect::<Vec<_>>()
        .join(sep)
}

/// Read an export. `hint` is the meeting's date: it settles day-first or month-first dates.
pub fn read(
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
    hint: Option<NaiveDate>,
) -> Result<AttendanceExport, ExportError> {
    match table::sniff_kind(bytes) {
        FileKind::Workbook => {
            let mut tables = table::read_workbook(bytes).map_err(ExportError::Workbook)?;
            let cleaned: Vec<Vec<usize>> = tables.iter_mut().map(Table::strip_controls).collect();
            let mut export = read_tables(&tables, hint)?;
            if let Some(i) = tables.iter().position(|t| t.sheet == export.sheet) {
                export.cleaned = cleaned[i].clone();
            }
            Ok(export)
        }
        FileKind::Text => {
            let d = encoding::decode(bytes, forced);
            let enc = format!(
                "{}{}",
                encoding::display_name(d.encoding),
                if d.bom { " (BOM)" } else { "" }
            );
            let mut export = read_text(&d.text, hint)?;
            export.encoding = Some(enc);
            Ok(export)
        }
    }
}

/// A text export: Teams (tab-separated, numbered sections or the old three columns),
/// Zoom (comma-separated), or any platform's table saved as CSV/TSV. Every cell goes
/// through [`crate::sanitize::strip`] before anything looks at it (as a workbook's do in
/// [`read`]): display names are chosen by the participants, and one holding
/// `ESC ] 52 ; …` must neither reach the terminal nor be split into "people" at its
/// semicolons.
pub fn read_text(text: &str, hint: Option<NaiveDate>) -> Result<AttendanceExport, ExportError> {
    let delimiter = if teams::looks_like(text) {
        Some('\t')
    } else if zoom::looks_like(text) {
        Some(',')
    } else {
        None
    };
    let mut t = table::parse_delimited(text, delimiter);
    let cleaned = t.strip_controls();
    let mut export = read_table(&t, hint)?;
    export.cleaned = cleaned;
    Ok(export)
}

/// A workbook, sheet by sheet: the sheets a platform names first (Tencent's summary
/// before its detail), then the others in order; the first that holds a participant
/// table is read, and the export says which sheet it was.
pub fn read_tables(
    tables: &[Table],
    hint: Option<NaiveDate>,
) -> Result<AttendanceExport, ExportError> {
    let rank = |t: &Table| {
        let name = t.sheet.as_deref().unwrap_or("");
        tencent::sheet_rank(name)
            .or_else(|| huawei::sheet_rank(name))
            .unwrap_or(9)
    };
    let mut order: Vec<&Table> = tables.iter().collect();
    order.sort_by_key(|t| rank(t));
    let mut found_but_empty = None;
    for t in order {
        match read_table(t, hint) {
            Ok(mut export) => {
                export.sheet = t.sheet.clone();
                return Ok(export);
            }
            Err(e @ ExportError::NoParticipants(_)) => {
                found_but_empty.get_or_insert(e);
            }
            Err(_) => {}
        }
    }
    if let Some(e) = found_but_empty {
        return Err(e);
    }
    if tables.iter().all(|t| t.rows.iter().all(|r| r.is_blank())) {
        return Err(ExportError::EmptyWorkbook);
    }
    Err(ExportError::NoSheetKnown(
        tables.iter().filter_map(|t| t.sheet.clone()).collect(),
    ))
}

/// One table (a text file or one sheet): Teams by its numbered sections or its old
/// join/leave log, every other platform by its participant header and the signs around it.
pub fn read_table(t: &Table, hint: Option<NaiveDate>) -> Result<AttendanceExport, ExportError> {
    if teams::is_report(t) {
        return teams::read(t, hint);
    }
    let Some((h, cols)) = export_table::find_header(t) else {
        return Err(match signs_without_table(t) {
            Some(p) => ExportError::NoParticipants(p),
            None => ExportError::Unrecognised,
        });
    };
    let platform = identify(t, h, &cols);
    let part = export_table::rows_below(&t.rows, h, &cols, hint);
    Ok(AttendanceExport {
        platform,
        topic: export_table::topic(t, h),
        rows: export_table::merge_reconnects(part.rows),
        bad_times: part.bad_times,
        encoding: None,
        sheet: None,
        rows_read: part.read,
        nameless: part.nameless,
        cleaned: Vec::new(),
    })
}

/// A platform's signs in a table without a participant header (a Zoom meeting block
/// alone, a Tencent or Huawei sheet with its table cut off): worth saying whose it is.
fn signs_without_table(t: &Table) -> Option<Platform> {
    let sheet = t.sheet.as_deref().unwrap_or("");
    let keys: Vec<String> = t
        .rows
        .iter()
        .take(40)
        .flat_map(|r| r.cells.iter().map(|c| header_key(c)))
        .filter(|k| !k.is_empty())
        .collect();
    if tencent::is_tencent(sheet, "", &keys) {
        Some(Platform::TencentMeeting)
    } else if huawei::sheet_rank(sheet).is_some() {
        Some(Platform::HuaweiCloudMeeting)
    } else if zoom::is_zoom("", &[], &keys) {
        Some(Platform::Zoom)
    } else {
        None
    }
}

/// Whose table this is, from its sheet's name, its header and the rows above it.
fn identify(t: &Table, header: usize, cols: &[(Col, usize)]) -> Platform {
    let keys: Vec<String> = t.rows[header].cells.iter().map(|c| header_key(c)).collect();
    let name = export_table::col(cols, Col::Name)
        .and_then(|i| keys.get(i))
        .map(String::as_str)
        .unwrap_or("");
    let above: Vec<String> = t.rows[..header]
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| header_key(c)))
        .filter(|k| !k.is_empty())
        .collect();
    let sheet = t.sheet.as_deref().unwrap_or("");
    if tencent::is_tencent(sheet, name, &above) {
        Platform::TencentMeeting
    } else if zoom::is_zoom(name, &keys, &above) {
        Platform::Zoom
    } else if teams::has_teams_columns(&keys) {
        Platform::Teams
    } else if huawei::is_huawei(sheet, name, &keys) {
        Platform::HuaweiCloudMeeting
    } else if feishu::is_feishu(name, &keys) {
        Platform::Feishu
    } else {
        Platform::Other
    }
}
