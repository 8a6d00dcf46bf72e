//! What shapes the minutes and the deadlines: the agenda's own named dates, the
//! categories of participants, the grace before a sign-in counts as late.

use foldhash::HashMap;

use super::{Checker, seen_before};
use crate::core::load::tr;

impl Checker<'_> {
    pub(super) fn named_dates(&mut self) {
        let lang = self.lang;
        if self
            .a
            .meeting
            .dates
            .keys()
            .any(|name| name.trim().is_empty())
        {
            self.err(
                "meeting.dates",
                tr!(lang, "a named date has no name", "命名日期缺少名称"),
            );
        }
    }

    pub(super) fn minutes_fields(&mut self) {
        let (a, lang) = (self.a, self.lang);
        let mut seen: HashMap<&str, usize> = HashMap::default();
        for (i, c) in a.categories.iter().enumerate() {
            let path = format!("categories[{i}].name");
            if c.name.trim().is_empty() {
                self.err(
                    path,
                    tr!(lang, "the category's name is empty", "类别名称为空"),
                );
                continue;
            }
            if let Some(first) = seen_before(&mut seen, c.name.as_str(), i) {
                self.err(
                    path,
                    tr!(
                        lang,
                        format!(
                            "category `{}` is already listed at categories[{first}]",
                            c.name
                        ),
                        format!("类别 `{}` 已在 categories[{first}] 列出", c.name)
                    ),
                );
                continue;
            }
            if !self.dropped.participants && !a.participants.iter().any(|p| p.category == c.name) {
                self.warn(
                    path,
                    tr!(
                        lang,
                        format!("nobody on the roster is in category `{}`", c.name),
                        format!("名单中没有类别为 `{}` 的人员", c.name)
                    ),
                );
            }
        }
        let m = &a.meeting;
        let length = (m.end - m.start).num_minutes();
        if !self.dropped.meeting
            && m.late_grace_minutes > 0
            && i64::from(m.late_grace_minutes) > length
        {
            self.warn(
                "meeting.late_grace_minutes",
                tr!(
                    lang,
                    format!(
                        "a grace of {} minutes is longer than the meeting ({length} minutes): nobody will be late",
                        m.late_grace_minutes
                    ),
                    format!(
                        "迟到宽限 {} 分钟长于会议时长（{length} 分钟）：不会有人记为迟到",
                        m.late_grace_minutes
                    )
                ),
            );
        }
    }
}
