//! Microsoft Teams attendance report: UTF-16LE with a BOM, tab-separated, CRLF. Since 2021
//! it has numbered sections, `1. Summary` (key<TAB>value), `2. Participants` (`Name
//! First Join  Last Leave  In-Meeting Duration  Email  Participant ID (UPN)  Role`) and
//! `3. In-Meeting Activities` (each join), with headers in the organizer's language;
//! before 2021 it was one table `Full Name  User Action  Timestamp`. Dates follow the
//! organizer's locale (`5/4/17, 2:28:11 PM`).

use chrono::NaiveDate;

use super::platform::{
    AttendanceExport, Col, ExportError, ExportRow, Platform, col, header_columns, header_key,
    merge_reconnects, rows_below,
};
use super::table::{Row, Table, parse_delimited};

/// Tab-separated with a numbered section, or the old three-column table.
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
    section_number(first).is_some() || is_old_header_line(first)
}

/// `1. Summary`, `2. 参与者`: the section's number.
fn section_number(cell: &str) -> Option<u32> {
    let cell = cell.trim();
    let (num, rest) = cell.split_once('.')?;
    if rest.is_empty() || rest.contains('\t') {
        return None;
    }
    num.trim().parse().ok().filter(|n| (1..=9).contains(n))
}

fn is_old_header_line(line: &str) -> bool {
    let cells: Vec<String> = line.split('\t').map(header_key).collect();
    cells.len() == 3
        && (cells[0].contains("fullname") || cells[0].contains("全名") || cells[0].contains("name"))
        && (cells[1].contains("action") || cells[1].contains("操作") || cells[1].contains("活动"))
}

/// Actions of the old table.
fn is_join_action(a: &str) -> bool {
    let a = header_key(a);
    a.starts_with("joined")
        || a.contains("加入")
        || a.contains("已加入")
        || a.starts_with("rejoint")
}

pub fn read(text: &str, hint: Option<NaiveDate>) -> Result<AttendanceExport, ExportError> {
    let t = parse_delimited(text, Some('\t'));
    let first = t.rows.iter().position(|r| !r.is_blank()).unwrap_or(0);
    if t.rows.get(first).is_some_and(|r| {
        let line = r.cells.join("\t");
        is_old_header_line(&line)
    }) {
        return Ok(read_old(&t, first, hint));
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
                (k.contains("title")
                    || k.contains("标题")
                    || k.contains("名称")
                    || k.contains("titel"))
                .then(|| r.cell(1).trim().to_string())
            })
        });
    let mut bad_times = Vec::new();
    // Participants (aggregated) first; else the activities, merged; else any table with
    // a name and a join time (a report without numbered sections).
    for (want, positions) in [(2u32, PARTICIPANTS), (3u32, ACTIVITIES)] {
        if let Some(&(_, start, end)) = sections.iter().find(|s| s.0 == want) {
            let section = Table {
                sheet: None,
                rows: t.rows[start + 1..end].to_vec(),
            };
            let Some(h) = section.rows.iter().position(|r| !r.is_blank()) else {
                continue;
            };
            let cols = columns(&section.rows[h], positions);
            let rows = rows_below(&section, h, &cols, hint, &mut bad_times);
            if rows.is_empty() {
                continue;
            }
            return Ok(AttendanceExport {
                platform: Platform::Teams,
                topic,
                rows: merge_reconnects(rows),
                bad_times,
                encoding: None,
                cleaned: Vec::new(),
            });
        }
    }
    for (i, r) in t.rows.iter().enumerate() {
        if let Some(cols) = header_columns(r)
            && col(&cols, Col::Join).is_some()
        {
            let rows = rows_below(&t, i, &cols, hint, &mut bad_times);
            return Ok(AttendanceExport {
                platform: Platform::Teams,
                topic,
                rows: merge_reconnects(rows),
                bad_times,
                encoding: None,
                cleaned: Vec::new(),
            });
        }
    }
    Err(ExportError::NoParticipants(Platform::Teams))
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
    for r in &t.rows[header + 1..] {
        let name = r.cell(0).trim();
        if name.is_empty() {
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
        });
    }
    AttendanceExport {
        platform: Platform::Teams,
        topic: None,
        rows: merge_reconnects(rows),
        bad_times,
        encoding: None,
        cleaned: Vec::new(),
    }
}
