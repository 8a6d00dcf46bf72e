//! Tencent Meeting (腾讯会议) attendance export: an xlsx whose sheet `成员参会概况` starts
//! with meta rows (`会议主题:` and its value, ...), a blank row, then the header at row 9
//! (`用户昵称（入会昵称）` `首次入会时间` `最后退会时间` `入会次数` `累计参会时长` `身份`).
//! The per-join sheet `成员参会明细` (or `成员观看明细` for a webinar) is read when the
//! summary is missing. The rows are read by `export_table` like every platform's.

/// Sheets in the order they are worth reading: the summary, then the per-join detail.
pub(crate) fn sheet_rank(sheet: &str) -> Option<u8> {
    match sheet.trim() {
        "成员参会概况" => Some(0),
        "成员参会明细" | "成员观看明细" => Some(1),
        _ => None,
    }
}

/// Tencent's table: its sheet names, its nickname column, or its meta rows above.
pub(crate) fn is_tencent(sheet: &str, name: &str, above: &[String]) -> bool {
    sheet_rank(sheet).is_some()
        || name.contains("昵称")
        || above.iter().any(|k| k.starts_with("会议创建者"))
}
