//! Tencent Meeting (腾讯会议) attendance export: an xlsx whose sheet `成员参会概况` starts
//! with meta rows (`会议主题:` and its value, ...), a blank row, then the header at row 9
//! (`用户昵称（入会昵称）` `首次入会时间` `最后退会时间` `入会次数` `累计参会时长` `身份`).
//! The per-join sheet `成员参会明细` is used when the summary is missing. Feishu (飞书)
//! exports (`参会者` `入会时间` `参会时长`) read the same way.

use chrono::NaiveDate;

use super::platform::{
    AttendanceExport, Col, ExportError, Platform, col, header_columns, header_key,
    merge_reconnects, rows_below,
};
use super::table::Table;

/// Sheets in the order they are worth reading.
const SUMMARY: &str = "成员参会概况";
const DETAIL: &str = "成员参会明细";

pub fn read(tables: &[Table], hint: Option<NaiveDate>) -> Result<AttendanceExport, ExportError> {
    let rank = |t: &Table| match t.sheet.as_deref() {
        Some(SUMMARY) => 0,
        Some(DETAIL) => 1,
        _ => 2,
    };
    let mut order: Vec<&Table> = tables.iter().collect();
    order.sort_by_key(|t| rank(t));
    let tencent_sheets = tables.iter().any(|t| rank(t) < 2);
    for t in order {
        let Some((h, cols)) = find_header(t) else {
            continue;
        };
        let header_text: String = t.rows[h].cells.iter().map(|c| header_key(c)).collect();
        let platform = if tencent_sheets || header_text.contains("昵称") {
            Platform::TencentMeeting
        } else if header_text.contains("参会者") {
            Platform::Feishu
        } else {
            continue;
        };
        let mut bad_times = Vec::new();
        let rows = rows_below(t, h, &cols, hint, &mut bad_times);
        let topic = meta_value(t, h, &["会议主题", "会议名称", "主题", "topic"]);
        return Ok(AttendanceExport {
            platform,
            topic,
            rows: merge_reconnects(rows),
            bad_times,
            encoding: None,
            cleaned: Vec::new(),
        });
    }
    if tencent_sheets {
        Err(ExportError::NoParticipants(Platform::TencentMeeting))
    } else {
        Err(ExportError::Unrecognised)
    }
}

/// The header: within the first rows, a row naming a name column and a join time.
fn find_header(t: &Table) -> Option<(usize, Vec<(Col, usize)>)> {
    t.rows.iter().take(30).enumerate().find_map(|(i, r)| {
        let cols = header_columns(r)?;
        col(&cols, Col::Join).map(|_| (i, cols))
    })
}

/// A `key:` / value pair above the header (`会议主题:` | `…`).
fn meta_value(t: &Table, header: usize, keys: &[&str]) -> Option<String> {
    t.rows[..header].iter().find_map(|r| {
        let k = header_key(r.cell(0));
        let k = k.trim_end_matches([':', '：']);
        keys.contains(&k)
            .then(|| r.cell(1).trim().to_string())
            .filter(|v| !v.is_empty())
    })
}
