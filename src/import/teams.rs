//! Microsoft Teams attendance report: UTF-16LE with a BOM (UTF-8 in some downloads),
//! tab-separated, CRLF. Since 2021 it has numbered sections, `1. Summary` (key<TAB>value),
//! `2. Participants` (`Name  First Join  Last Leave  In-Meeting Duration  Email
//! Participant ID (UPN)  Role`) and `3. In-Meeting Activities` (each join), with headers
//! and section titles in the organizer's language; before 2021 it was one table
//! `Full Name  User Action  Timestamp`. Dates follow the organizer's locale (`5/4/17,
//! 2:28:11 PM`, `04.05.17, 14:28:11`), or are date cells once Excel has saved the file:
//! the sections read the same from a text file or a sheet.

use chrono::NaiveDate;

use super::export_table::{
    self, Col, col, header_columns, header_key, merge_reconnects, rows_below,
};
use super::platform::{AttendanceExport, ExportError, ExportRow, Platform};
use super::table::{Row, Table};

/// Tab-separated with a numbered section, or the old three-column table: used to split
/// a text file at its tabs (its dates hold commas).
pub fn looks_like(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(40)
        .collect();
    let tabbed = lines.iter().filter(|l| l.contains('\t')).count() * 2 >= lines.len();
    if !tabbed {
        return false;
    }
    let first = lines
        .first()
        .map(|l| l.trim_start_matches('\u{FEFF}').trim())
        .unwrap_or("");
    section_number(first).is_some() || is_old_header(&first.split('\t').collect::<Vec<_>>())
}

/// A Teams report in a table: its first row is a numbered section or the old header.
pub(crate) fn is_report(t: &Table) -> bool {
    let Some(first) = t.rows.iter().find(|r| !r.is_blank()) else {
        return false;
    };
    let filled: Vec<&str> = first.filled().map(|(_, c)| c).collect();
    (filled.len() == 1 && section_number(filled[0]).is_some())
        || is_old_header(&first.cells.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Columns only Teams' participant table has, for the table copied without its sections.
pub(crate) fn has_teams_columns(header: &[String]) -> bool {
    header.iter().any(|k| {
        k.contains("upn")
            || k.contains("firstjoin")
            || k.contains("lastleave")
            || k.contains("in-meetingduration")
    })
}

/// `1. Summary`, `2. 参与者`: the section's number.
fn section_number(cell: &str) -> Option<u32> {
    let cell = cell.trim();
    let (num, rest) = cell.split_once('.')?;
    if rest.trim().is_empty() || rest.contains('\t') {
        return None;
    }
    num.trim().parse().ok().filter(|n| (1..=9).contains(n))
}

fn is_old_header(cells: &[&str]) -> bool {
    let cells: Vec<String> = cells
        .iter()
        .map(|c| header_key(c))
        .filter(|c| !c.is_empty())
        .collect();
    cells.len() == 3
        && (cells[0].contains("fullname") || cells[0].contains("全名") || cells[0].contains("name"))
        && (cells[1].contains("action") || cells[1].contains("操作") || cells[1].contains("活动"))
}

/// Actions of the old table.
fn is_join_action(a: &str) -> bool {
    let a = header_key(a);
    a.starts_with("joined") || a.contains("加入") || a.starts_with("rejoint")
}

pub fn read(t: &Table, hint: Option<NaiveDate>) -> Result<AttendanceExport, ExportError> {
    let first = t.rows.iter().position(|r| !r.is_blank()).unwrap_or(0);
    if t.rows
        .get(first)
        .is_some_and(|r| is_old_header(&r.cells.iter().map(String::as_str).collect::<Vec<_>>()))
    {
        return Ok(read_old(t, first, hint));
    }
    // Sections: where each starts (index of its title row) and ends.
    let mut sections: Vec<(u32, usize, usize)> = Vec::new();
    for (i, r) in t.rows.iter().enumerate() {
        let filled: Vec<&str> = r.filled().map(|(_, c)| c).collect();
        if filled.len() == 1
            && let Some(n) = section_number(filled[0])
        {
            if let Some(last) = sections.last_mut() {
                last.2 = i;
            }
            sections.push((n, i, t.rows.len()));
        }
    }
    let topic = sections
        .iter()
        .find(|s| s.0 == 1)
        .and_then(|&(_, start, end)| {
            t.rows[start + 1..end].iter().find_map(|r| {
                let k = header_key(r.cell(0));
                ["title", "标题", "名称", "titel", "título", "タイトル"]
                    .iter()
                    .any(|w| k.contains(w))
                    .then(|| r.cell(1).trim().to_string())
                    .filter(|v| !v.is_empty())
            })
        });
    let export = |part: export_table::TableRows| AttendanceExport {
        platform: Platform::Teams,
        topic: topic.clone(),
        rows: merge_reconnects(part.rows),
        bad_times: part.bad_times,
        encoding: None,
        sheet: None,
        rows_read: part.read,
        nameless: part.nameless,
        cleaned: Vec::new(),
    };
    // Participants (aggregated) first; else the activities, merged; else any table with
    // a name and a join time (a report without numbered sections).
    for (want, positions) in [(2u32, PARTICIPANTS), (3u32, ACTIVITIES)] {
        if let Some(&(_, start, end)) = sections.iter().find(|s| s.0 == want) {
            let rows = &t.rows[start + 1..end];
            let Some(h) = rows.iter().position(|r| !r.is_blank()) else {
                continue;
            };
            let cols = columns(&rows[h], positions);
            let part = rows_below(rows, h, &cols, hint);
            if part.rows.is_empty() {
                continue;
            }
            return Ok(export(part));
        }
    }
    match export_table::find_header(t) {
        Some((h, cols)) => Ok(export(rows_below(&t.rows, h, &cols, hint))),
        None => Err(ExportError::NoParticipants(Platform::Teams)),
    }
}

/// The standard column order, for headers in a language we do not read.
const PARTICIPANTS: &[(Col, usize)] = &[
    (Col::Name, 0),
    (Col::Join, 1),
    (Col::Leave, 2),
    (Col::Duration, 3),
    (Col::Email, 4),
    (Col::Role, 6),
];
const ACTIVITIES: &[(Col, usize)] = &[
    (Col::Name, 0),
    (Col::Join, 1),
    (Col::Leave, 2),
    (Col::Duration, 3),
    (Col::Email, 4),
    (Col::Role, 5),
];

/// The header's columns when it reads as name + join time, else the standard positions.
fn columns(header: &Row, positions: &[(Col, usize)]) -> Vec<(Col, usize)> {
    match header_columns(header) {
        Some(cols) if col(&cols, Col::Join).is_some() => cols,
        _ => positions.to_vec(),
    }
}

/// The pre-2021 table: one row per join or leave.
fn read_old(t: &Table, header: usize, hint: Option<NaiveDate>) -> AttendanceExport {
    let mut rows = Vec::new();
    let mut bad_times = Vec::new();
    let mut nameless = Vec::new();
    let mut read = 0;
    for r in &t.rows[header + 1..] {
        if r.is_blank() {
            continue;
        }
        read += 1;
        let name = r.cell(0).trim();
        if name.is_empty() {
            nameless.push(r.number);
            continue;
        }
        let when = super::time::parse_datetime(r.cell(2), hint);
        if when.is_none() {
            bad_times.push((r.number, name.to_string(), r.cell(2).trim().to_string()));
        }
        let joined = is_join_action(r.cell(1));
        rows.push(ExportRow {
            row: r.number,
            name: name.to_string(),
            email: String::new(),
            first_join: if joined { when } else { None },
            last_leave: if joined { None } else { when },
            joins: u32::from(joined),
            seconds: None,
            role: String::new(),
            merged: Vec::new(),
        });
    }
    AttendanceExport {
        platform: Platform::Teams,
        topic: None,
        rows: merge_reconnects(rows),
        bad_times,
        encoding: None,
        sheet: None,
        rows_read: read,
        nameless,
        cleaned: Vec::new(),
    }
}
