//! Huawei Cloud Meeting (华为云会议) history export. The management console's help says a
//! finished meeting's details, shown or exported, have a tab `与会概况` (each attendee's
//! device type, join and leave time, number of joins, time in the meeting) and a tab
//! `与会明细` (each join). No exported file has been seen: the sheets are recognised by
//! those names and the columns by their header words like every table's. See
//! docs/platforms.md.

/// Sheets in the order they are worth reading: the overview, then the per-join detail.
pub(crate) fn sheet_rank(sheet: &str) -> Option<u8> {
    match sheet.trim() {
        "与会概况" => Some(0),
        "与会明细" => Some(1),
        _ => None,
    }
}

/// Huawei's table: its sheet names, its attendee column or its time-in-meeting column.
pub(crate) fn is_huawei(sheet: &str, name: &str, header: &[String]) -> bool {
    sheet_rank(sheet).is_some()
        || name.contains("与会者")
        || header.iter().any(|k| k.contains("在会时长"))
}
