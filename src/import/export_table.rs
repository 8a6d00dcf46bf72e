//! The participant table every platform's export holds in some form: a header row that
//! names a name column and a join time, in the organiser's language, and a row per
//! person or per join below it. What is common to all platforms lives here: which
//! column is which, reading the rows below a header (every one of them counted), the
//! meeting's topic above or beside the table, and reconnects merged into one person.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::normalize;
use super::platform::ExportRow;
use super::table::{Row, Table};
use super::time;

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

/// Header words in [`header_key`] form (lower-case, no spaces, full-width folded); a
/// header holding one of them is that column. Checked in this order, so `入会次数` is a
/// count before `入会` could be a time, and `Participant ID (UPN)` an address before
/// `participant` could be a name. Where each language's words come from: docs/platforms.md.
const HEADER_WORDS: &[(Col, &[&str])] = &[
    (
        Col::Email,
        &[
            "email",
            "e-mail",
            "邮箱",
            "电子邮件",
            "メール",
            "이메일",
            "upn",
        ],
    ),
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
            "参加時刻",
            "참가시간",
            "beitritt",
            "ingresso",
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
            "退出時刻",
            "나간시간",
            "austritt",
            "saída",
        ],
    ),
    (
        Col::Duration,
        &[
            "duration",
            "时长",
            "持续时间",
            "所要時間",
            "기간",
            "dauer",
            "duração",
        ],
    ),
    (
        Col::Role,
        &["role", "身份", "角色", "rolle", "função", "役割", "역할"],
    ),
    (
        Col::Name,
        &[
            "name",
            "昵称",
            "参会者",
            "参会人",
            "与会者",
            "姓名",
            "全名",
            "名称",
            "名字",
            "participant",
            "成员",
            "名前",
            "이름",
            "nome",
        ],
    ),
];

/// A name header that says it is the person's own name, beside which a host's or a
/// meeting's name column is not: Zoom's `Name (Original Name)` in its languages and
/// Tencent's `用户昵称（入会昵称）`.
pub(crate) const PERSON_NAME_WORDS: &[&str] = &[
    "originalname",
    "原始名称",
    "原名",
    "元の名前",
    "원래이름",
    "昵称",
];

/// Headers holding a name word that name something else: the meeting, its host, a
/// department, a device (`会议名称`, `主持人名称`, `部门名称`, `User Name` of the host is
/// told apart by [`PERSON_NAME_WORDS`] instead).
const NOT_A_PERSON: &[&str] = &[
    "会议",
    "meeting",
    "主持人",
    "host",
    "部门",
    "department",
    "单位",
    "设备",
    "device",
];

pub(crate) fn header_key(s: &str) -> String {
    normalize::fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What one header cell names, and how surely (2 for a person's own name column).
fn classify(cell: &str) -> Option<(Col, u8)> {
    let k = header_key(cell);
    let (col, _) = HEADER_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| k.contains(w)))?;
    if *col != Col::Name {
        return Some((*col, 1));
    }
    if PERSON_NAME_WORDS.iter().any(|w| k.contains(w)) {
        Some((Col::Name, 2))
    } else if NOT_A_PERSON.iter().any(|w| k.contains(w)) {
        None
    } else {
        Some((Col::Name, 1))
    }
}

/// The columns a header row names, or `None` without a name column. Zoom's newer report
/// repeats the meeting's columns (host name, host email, meeting duration) left of the
/// participant's on every row: the person's own name column wins, and each other column
/// is taken at or right of it when the header has it there.
pub(crate) fn header_columns(row: &Row) -> Option<Vec<(Col, usize)>> {
    let found: Vec<(Col, u8, usize)> = row
        .filled()
        .filter_map(|(i, cell)| classify(cell).map(|(c, s)| (c, s, i)))
        .collect();
    let name = found
        .iter()
        .filter(|(c, _, _)| *c == Col::Name)
        .max_by_key(|(_, strength, i)| (*strength, std::cmp::Reverse(*i)))?
        .2;
    let mut cols = vec![(Col::Name, name)];
    for c in [
        Col::Email,
        Col::Joins,
        Col::Join,
        Col::Leave,
        Col::Duration,
        Col::Role,
    ] {
        let all: Vec<usize> = found
            .iter()
            .filter(|(x, _, _)| *x == c)
            .map(|(_, _, i)| *i)
            .collect();
        if let Some(i) = all.iter().find(|&&i| i > name).or(all.first()) {
            cols.push((c, *i));
        }
    }
    Some(cols)
}

pub(crate) fn col(cols: &[(Col, usize)], c: Col) -> Option<usize> {
    cols.iter().find(|(x, _)| *x == c).map(|(_, i)| *i)
}

/// The participant header: within the first rows, a row naming a name and a join time.
pub(crate) fn find_header(t: &Table) -> Option<(usize, Vec<(Col, usize)>)> {
    t.rows.iter().take(40).enumerate().find_map(|(i, r)| {
        let cols = header_columns(r)?;
        col(&cols, Col::Join).map(|_| (i, cols))
    })
}

/// The rows of a participant table, and every other row below its header accounted for.
#[derive(Debug, Default)]
pub(crate) struct TableRows {
    pub rows: Vec<ExportRow>,
    /// Rows with a name but a join time that could not be read: (row, name, text).
    pub bad_times: Vec<(usize, String, String)>,
    /// Rows with something in them but no name.
    pub nameless: Vec<usize>,
    /// Rows with something in them, counted as read (the header repeated is not).
    pub read: usize,
}

/// Rows of a participant table below its header (at `header`), to the end of `rows`.
pub(crate) fn rows_below(
    rows: &[Row],
    header: usize,
    cols: &[(Col, usize)],
    hint: Option<NaiveDate>,
) -> TableRows {
    let name_col = col(cols, Col::Name).unwrap_or(0);
    let header_name = header_key(rows[header].cell(name_col));
    let get = |r: &Row, c: Col| col(cols, c).map(|i| r.cell(i).trim().to_string());
    let mut out = TableRows::default();
    for r in &rows[header + 1..] {
        if r.is_blank() {
            continue;
        }
        let name = r.cell(name_col).trim().to_string();
        // Two exports pasted one below the other: the second header is no person.
        if header_key(&name) == header_name {
            continue;
        }
        out.read += 1;
        if name.is_empty() {
            out.nameless.push(r.number);
            continue;
        }
        let join_text = get(r, Col::Join).unwrap_or_default();
        let first_join = time::parse_datetime(&join_text, hint);
        if first_join.is_none() && !join_text.is_empty() {
            out.bad_times
                .push((r.number, name.clone(), join_text.clone()));
        }
        out.rows.push(ExportRow {
            row: r.number,
            name,
            email: get(r, Col::Email).unwrap_or_default(),
            first_join,
            last_leave: get(r, Col::Leave).and_then(|t| time::parse_datetime(&t, hint)),
            joins: get(r, Col::Joins).and_then(|t| t.parse().ok()).unwrap_or(1),
            seconds: get(r, Col::Duration).and_then(|t| time::parse_duration(&t)),
            role: get(r, Col::Role).unwrap_or_default(),
            merged: Vec::new(),
        });
    }
    out
}

/// Words a topic goes by: as a `key:` above the table (Tencent), as a column of the
/// meeting block above it (Zoom), or as a column of every row (Zoom's newer report).
const TOPIC_WORDS: &[&str] = &[
    "会议主题",
    "会议名称",
    "主题",
    "topic",
    "meetingtitle",
    "会议标题",
    "トピック",
    "주제",
];

fn is_topic_key(cell: &str) -> bool {
    let k = header_key(cell);
    let k = k.trim_end_matches([':', '：']);
    TOPIC_WORDS.contains(&k)
}

/// The meeting's topic, as the export has it, to tell a wrong file.
pub(crate) fn topic(t: &Table, header: usize) -> Option<String> {
    let value = |r: &Row, c: usize| Some(r.cell(c).trim().to_string()).filter(|v| !v.is_empty());
    for (i, r) in t.rows[..header].iter().enumerate() {
        let Some(c) = r.cells.iter().position(|c| is_topic_key(c)) else {
            continue;
        };
        // `会议主题:` | value, or a block header with its values on the next row.
        if let Some(v) = value(r, c + 1).filter(|_| c == 0 && r.filled().count() == 2) {
            return Some(v);
        }
        if let Some(v) = t.rows.get(i + 1).and_then(|next| value(next, c)) {
            return Some(v);
        }
    }
    let c = t.rows[header].cells.iter().position(|c| is_topic_key(c))?;
    t.rows[header + 1..]
        .iter()
        .find(|r| !r.is_blank())
        .and_then(|r| value(r, c))
}

/// One row per person: a reconnect is a second row for the same name (and email); keep
/// the first join, the last leave, the summed time, and the rows merged.
pub fn merge_reconnects(rows: Vec<ExportRow>) -> Vec<ExportRow> {
    let mut out: Vec<ExportRow> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
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
                m.merged.push(r.row);
                m.merged.extend(r.merged);
            }
            None => {
                index.insert(key, out.len());
                out.push(r);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Row {
        Row {
            number: 1,
            cells: cells.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn named(cols: &[(Col, usize)]) -> Vec<(Col, usize)> {
        let mut v = cols.to_vec();
        v.sort_by_key(|(_, i)| *i);
        v
    }

    #[test]
    fn zoom_combined_report_takes_the_participant_columns() {
        // Zoom's newer report: the meeting's columns first, then the participant's.
        let h = row(&[
            "Topic",
            "ID",
            "Host Name",
            "Host Email",
            "Duration (Minutes)",
            "Participants",
            "Name (Original Name)",
            "Email",
            "Join Time",
            "Leave Time",
            "Duration (Minutes)",
            "Guest",
        ]);
        let cols = header_columns(&h).unwrap();
        assert_eq!(col(&cols, Col::Name), Some(6));
        assert_eq!(col(&cols, Col::Email), Some(7));
        assert_eq!(col(&cols, Col::Join), Some(8));
        assert_eq!(col(&cols, Col::Duration), Some(10));
        let zh = row(&[
            "主题",
            "类型",
            "ID",
            "主持人名称",
            "主持人电子邮件",
            "开始时间",
            "结束时间",
            "参会者",
            "持续时间（分钟）",
            "参会者总分钟数",
            "名称（原名）",
            "电子邮件",
            "加入时间",
            "离开时间",
            "持续时间（分钟）",
            "访客",
            "在等候室中",
        ]);
        let cols = header_columns(&zh).unwrap();
        assert_eq!(col(&cols, Col::Name), Some(10));
        assert_eq!(col(&cols, Col::Email), Some(11));
        assert_eq!(col(&cols, Col::Join), Some(12));
        assert_eq!(col(&cols, Col::Leave), Some(13));
        assert_eq!(col(&cols, Col::Duration), Some(14));
    }

    #[test]
    fn headers_in_the_organisers_language() {
        let cases: [&[&str]; 4] = [
            &[
                "名前 (元の名前)",
                "ユーザーメール",
                "参加時刻",
                "退出時刻",
                "所要時間（分）",
            ],
            &[
                "이름(원래 이름)",
                "사용자 이메일",
                "참가 시간",
                "나간 시간",
                "기간(분)",
            ],
            &[
                "名称（原始名称）",
                "用户邮箱",
                "加入时间",
                "离开时间",
                "时长（分钟）",
            ],
            &[
                "参会者",
                "部门",
                "用户ID",
                "入会时间",
                "离会时间",
                "参会时长",
                "离会原因",
            ],
        ];
        for h in cases {
            let cols = header_columns(&row(h)).unwrap();
            assert_eq!(col(&cols, Col::Name), Some(0), "{h:?}");
            assert!(col(&cols, Col::Join).is_some(), "{h:?}");
            assert!(col(&cols, Col::Leave).is_some(), "{h:?}");
            assert!(col(&cols, Col::Duration).is_some(), "{h:?}");
        }
        // A meeting's name is not a person's.
        assert_eq!(header_columns(&row(&["会议名称", "开始时间"])), None);
        assert_eq!(
            named(&header_columns(&row(&["会议室名称", "姓名", "入会时间"])).unwrap()),
            vec![(Col::Name, 1), (Col::Join, 2)]
        );
    }

    #[test]
    fn every_row_below_the_header_is_counted() {
        let t = super::super::table::parse_delimited(
            "姓名,入会时间\n王晓红,2017-05-04 14:20:05\n,2017-05-04 14:21:00\n\n姓名,入会时间\n李建国,下午\n",
            None,
        );
        let part = rows_below(&t.rows, 0, &header_columns(&t.rows[0]).unwrap(), None);
        assert_eq!(part.read, 3);
        assert_eq!(part.nameless, vec![3]);
        assert_eq!(part.rows.len(), 2);
        assert_eq!(part.bad_times, vec![(6, "李建国".into(), "下午".into())]);
    }
}
