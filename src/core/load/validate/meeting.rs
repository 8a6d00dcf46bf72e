//! The format and the meeting itself: its id (which names the record file), title,
//! times, chair and recorder.

use super::{Checker, valid_id};
use crate::core::load::tr;

impl Checker<'_> {
    pub(super) fn format(&mut self) {
        let format = self.a.format;
        if format != 1 {
            self.err(
                "format",
                tr!(
                    self.lang,
                    format!("format {format} is not known to this huiwu, which reads format 1"),
                    format!("不支持的格式版本 {format}（本程序读取版本 1）")
                ),
            );
        }
    }

    pub(super) fn meeting(&mut self) {
        if self.dropped.meeting {
            return;
        }
        let (m, lang) = (&self.a.meeting, self.lang);
        if !valid_id(&m.id) || m.id.starts_with('.') {
            self.err(
                "meeting.id",
                tr!(
                    lang,
                    format!(
                        "`{}` cannot be the meeting id: use letters, digits, `-`, `_` and `.`, without spaces (it names the meeting's record file)",
                        m.id
                    ),
                    format!(
                        "`{}` 不能作为会议编号：只能用字母、数字、`-`、`_`、`.`，不能有空格（它用作会议记录文件名）",
                        m.id
                    )
                ),
            );
        }
        if m.title.trim().is_empty() {
            self.err(
                "meeting.title",
                tr!(lang, "the meeting has no title", "会议名称为空"),
            );
        }
        if m.end <= m.start {
            self.err(
                "meeting.end",
                tr!(
                    lang,
                    format!(
                        "the meeting ends ({}) before it starts ({})",
                        m.end, m.start
                    ),
                    format!("结束时间（{}）不晚于开始时间（{}）", m.end, m.start)
                ),
            );
        }
        if m.start.date_naive() != m.date {
            self.warn(
                "meeting.start",
                tr!(
                    lang,
                    format!(
                        "the start ({}) is not on the meeting's date ({})",
                        m.start, m.date
                    ),
                    format!("开始时间（{}）不在会议日期（{}）当天", m.start, m.date)
                ),
            );
        }
    }

    /// The chair and the recorder, once the roster is known.
    pub(super) fn meeting_people(&mut self) {
        if self.dropped.meeting {
            return;
        }
        let m = &self.a.meeting;
        self.person_ref("meeting.chair".into(), &m.chair);
        if let Some(r) = &m.recorder {
            self.person_ref("meeting.recorder".into(), r);
        }
    }
}
