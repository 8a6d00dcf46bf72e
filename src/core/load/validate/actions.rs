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
