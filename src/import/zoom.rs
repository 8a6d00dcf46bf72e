//! Zoom participant report: CSV, UTF-8 with a BOM. An optional meeting block
//! (`Meeting ID,Topic,Start Time,...` and its row) and a blank line, then
//! `Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest`
//! (some exports add `Recording Consent`). A reconnect is a second row for the person.
//! Times are `05/04/2017 02:21:00 PM`.

use chrono::NaiveDate;

use super::platform::{
    AttendanceExport, Col, ExportError, Platform, col, header_columns, header_key,
    merge_reconnects, rows_below,
};
use super::table::parse_delimited;

/// A Zoom report says so in its headers.
pub fn looks_like(text: &str) -> bool {
    let head: String = text
        .lines()
        .take(20)
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    head.contains("name (original name)")
        || (head.contains("meeting id") && head.contains("topic"))
        || (head.contains("join time") && head.contains("leave time") && !head.contains('\t'))
}

pub fn read(text: &str, hint: Option<NaiveDate>) -> Result<AttendanceExport, ExportError> {
    let t = parse_delimited(text, Some(','));
    let mut topic = None;
    for (i, r) in t.rows.iter().enumerate().take(30) {
        // The meeting block: its header, then its one row of values.
        if let Some(c) = r.cells.iter().position(|c| header_key(c) == "topic") {
            topic = t
                .rows
                .get(i + 1)
                .map(|v| v.cell(c).trim().to_string())
                .filter(|s| !s.is_empty());
            continue;
        }
        let Some(cols) = header_columns(r) else {
            continue;
        };
        if col(&cols, Col::Join).is_none() {
            continue;
        }
        let mut bad_times = Vec::new();
        let rows = rows_below(&t, i, &cols, hint, &mut bad_times);
        return Ok(AttendanceExport {
            platform: Platform::Zoom,
            topic,
            rows: merge_reconnects(rows),
            bad_times,
            encoding: None,
            cleaned: Vec::new(),
        });
    }
    Err(ExportError::NoParticipants(Platform::Zoom))
}
