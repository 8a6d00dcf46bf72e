//! Zoom participant report. The classic CSV (UTF-8 with a BOM): an optional meeting
//! block (`Meeting ID,Topic,Start Time,...` and its row) and a blank line, then
//! `Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest` (some
//! exports add `Recording Consent`, `In Waiting Room`). The newer report puts the meeting's
//! columns (topic, host name and email, meeting duration) left of the participant's on
//! every row. Headers follow the account's language: `名称（原始名称）` or `名称（原名）`,
//! `名前 (元の名前)`, `이름(원래 이름)`. A reconnect is a second row for the person.
//! Times are `05/04/2017 02:21:00 PM`, `2026/06/21 07:05:20 AM`, or date cells once Excel
//! has saved the file. Where each layout was learned: docs/platforms.md.

use super::export_table::header_key;

/// The name column of a Zoom report, in the languages seen.
const ORIGINAL_NAME: &[&str] = &["originalname", "原始名称", "原名", "元の名前", "원래이름"];

/// Columns only Zoom's report has.
const ZOOM_COLUMNS: &[&str] = &[
    "guest",
    "访客",
    "ゲスト",
    "게스트",
    "recordingconsent",
    "inwaitingroom",
    "在等候室中",
];

const MEETING_ID: &[&str] = &["meetingid", "会议id", "ミーティングid", "회의id"];
const TOPIC: &[&str] = &["topic", "主题", "トピック", "주제"];

/// A Zoom report says so in its headers; used to split a text file at its commas.
pub fn looks_like(text: &str) -> bool {
    let head: Vec<String> = text.lines().take(20).map(header_key).collect();
    let has = |w: &str| head.iter().any(|l| l.contains(w));
    ORIGINAL_NAME.iter().any(|w| has(w))
        || (has("meetingid") && has("topic"))
        || (has("jointime") && has("leavetime") && !text.lines().take(20).any(|l| l.contains('\t')))
}

/// Zoom's table: its name column, a column only Zoom has, or its meeting block above.
pub(crate) fn is_zoom(name: &str, header: &[String], above: &[String]) -> bool {
    ORIGINAL_NAME.iter().any(|w| name.contains(w))
        || header.iter().any(|k| ZOOM_COLUMNS.contains(&k.as_str()))
        || (above.iter().any(|k| MEETING_ID.contains(&k.as_str()))
            && above.iter().any(|k| TOPIC.contains(&k.as_str())))
}
