//! Planned action items: ids, text, owners that resolve, the item they came from, who
//! assigned them, a due date not before the meeting.

use foldhash::HashMap;

use super::{Checker, already_used, bad_id, seen_before, valid_id};
use crate::core::agenda::OwnerRef;
use crate::core::load::tr;

impl Checker<'_> {
    pub(super) fn actions(&mut self) {
        let (a, lang) = (self.a, self.lang);
        let mut action_ids: HashMap<&str, usize> = HashMap::default();
        for (i, act) in a.actions.iter().enumerate() {
            let path = format!("actions[{}]", self.dropped.action_at(i));
            if !valid_id(&act.id) {
                self.err(format!("{path}.id"), bad_id(&act.id, lang));
            }
            if let Some(first) = seen_before(&mut action_ids, &act.id, i) {
                let at = format!("actions[{}]", self.dropped.action_at(first));
                let msg = already_used(lang, ("action", "任务"), &act.id, None, &at, None);
                self.err(format!("{path}.id"), msg);
            }
            if act.text.trim().is_empty() {
                self.err(
                    format!("{path}.text"),
                    tr!(lang, "the task has no text", "任务内容为空"),
                );
            }
            for (j, o) in act.owners.iter().enumerate() {
                self.owner(format!("{path}.owners[{j}]"), o);
            }
            if let Some(item) = &act.item
                && !self.item_ids.contains_key(item.as_str())
                && !self.dropped.knows_item(item)
            {
                self.err(
                    format!("{path}.item"),
                    tr!(
                        lang,
                        format!("`{item}` is not the id of an agenda item"),
                        format!("`{item}` 不是议程编号")
                    ),
                );
            }
            if let Some(r) = &act.assigned_by {
                self.person_ref(format!("{path}.assigned_by"), r);
            }
            let date = a.meeting.date;
            if let Some(due) = act.due
                && !self.dropped.meeting
                && due < date
            {
                self.warn(
                    format!("{path}.due"),
                    tr!(
                        lang,
                        format!("due {due} is before the meeting ({date})"),
                        format!("完成时限 {due} 早于会议日期（{date}）")
                    ),
                );
            }
            if !self.dropped.meeting
                && let Some(text) = act.due_text.as_deref().filter(|t| !t.trim().is_empty())
            {
                self.due_text(&format!("{path}.due_text"), text, act.due);
            }
        }
    }

    /// A planned task's `due_text` is read as the desk would read it: a phrase that names
    /// no date (`尽快`) is fine; one that reads as another day than `due`, or cannot be read
    /// at all while `due` is missing, is worth a warning; so is an event the agenda does
    /// not date.
    fn due_text(&mut self, path: &str, text: &str, due: Option<chrono::NaiveDate>) {
        use crate::core::due::{self, DueHint};
        let (m, lang) = (&self.a.meeting, self.lang);
        match (due::resolve_in(text, &due::Context::for_meeting(m)), due) {
            (Ok(read), Some(date)) if read.date.is_some_and(|x| x != date) => {
                let x = read.date.map(|x| x.to_string()).unwrap_or_default();
                self.warn(
                    path,
                    tr!(
                        lang,
                        format!(
                            "`{text}` reads as {x}, but `due` is {date}; the task keeps {date}"
                        ),
                        format!("`{text}` 应为 {x}，而 `due` 写的是 {date}；以 {date} 为准")
                    ),
                );
            }
            (Ok(read), _) => {
                for h in &read.hints {
                    if matches!(h, DueHint::UnknownNamedDate { .. })
                        || (due.is_none() && matches!(h, DueHint::HolidaysEstimated { .. }))
                    {
                        self.warn(path, h.message(lang));
                    }
                }
            }
            (Err(e), None) => self.warn(
                path,
                tr!(
                    lang,
                    format!("{}; the task is kept with no date", e.message(lang)),
                    format!("{}；该任务按原文记录，不设具体日期", e.message(lang))
                ),
            ),
            (Err(_), Some(_)) => {}
        }
    }

    fn owner(&mut self, path: String, o: &OwnerRef) {
        let lang = self.lang;
        match o {
            OwnerRef::Participant(id)
                if !self.pids.contains_key(id.as_str())
                    && !self.dropped.knows_participant(id) =>
            {
                self.err(
                    format!("{path}.participant"),
                    tr!(
                        lang,
                        format!(
                            "`{id}` is not an id on the roster (for someone not on it, use {{\"person\": \"name\"}})"
                        ),
                        format!(
                            "`{id}` 不是名单中的编号（不在名单中的人请用 {{\"person\": \"姓名\"}}）"
                        )
                    ),
                )
            }
            OwnerRef::Venue(id)
                if !self.venue_ids.contains_key(id.as_str()) && !self.dropped.knows_venue(id) =>
            {
                let msg = self.unknown_venue(id);
                self.err(format!("{path}.venue"), msg)
            }
            OwnerRef::Unit(s) | OwnerRef::Person(s) if s.trim().is_empty() => {
                self.err(path, tr!(lang, "the owner is empty", "负责方为空"))
            }
            _ => {}
        }
    }
}
