//! The items: ids, titles, planned durations, speakers, one level of sub-items; and
//! whether they fit in the meeting's scheduled time.

use super::{Checker, MAX_MINUTES, already_used, bad_id, seen_before, valid_id};
use crate::core::agenda::Item;
use crate::core::load::tr;

impl<'a> Checker<'a> {
    pub(super) fn items(&mut self) {
        let (a, lang) = (self.a, self.lang);
        // Only durations that passed the checks below are added up, so sums cannot
        // overflow.
        let sane = |m: Option<i64>| m.filter(|m| (0..=MAX_MINUTES).contains(m));
        let mut planned: i64 = 0;
        for (i, it) in a.items.iter().enumerate() {
            let path = format!("items[{}]", self.dropped.item_at(i));
            self.item(path.clone(), it, 0);
            for (j, sub) in it.items.iter().enumerate() {
                self.item(format!("{path}.items[{j}]"), sub, 1);
                for (k, subsub) in sub.items.iter().enumerate() {
                    self.item(format!("{path}.items[{j}].items[{k}]"), subsub, 2);
                }
            }
            let subs: i64 = it.items.iter().filter_map(|s| sane(s.minutes)).sum();
            match sane(it.minutes) {
                Some(total) => {
                    planned += total;
                    if !it.items.is_empty() && subs > total {
                        self.warn(
                            format!("{path}.minutes"),
                            tr!(
                                lang,
                                format!(
                                    "the sub-items plan {subs} minutes, more than this item's {total}"
                                ),
                                format!("子议程计划共 {subs} 分钟，超过本议程的 {total} 分钟")
                            ),
                        );
                    }
                }
                None => planned += subs,
            }
        }
        self.schedule(planned);
    }

    /// One item at `depth` (0 for a top-level item).
    fn item(&mut self, path: String, it: &'a Item, depth: usize) {
        let lang = self.lang;
        if !valid_id(&it.id) {
            self.err(format!("{path}.id"), bad_id(&it.id, lang));
        }
        if let Some(first) = seen_before(&mut self.item_ids, &it.id, path.clone()) {
            let msg = already_used(lang, ("item", "议程"), &it.id, None, &first, None);
            self.err(format!("{path}.id"), msg);
        }
        if it.title.trim().is_empty() {
            self.err(
                format!("{path}.title"),
                tr!(lang, "the item has no title", "议程标题为空"),
            );
        }
        match it.minutes {
            Some(m) if m < 0 => self.err(
                format!("{path}.minutes"),
                tr!(
                    lang,
                    format!("planned minutes cannot be negative ({m})"),
                    format!("计划时长不能为负数（{m}）")
                ),
            ),
            Some(m) if m > MAX_MINUTES => self.err(
                format!("{path}.minutes"),
                tr!(
                    lang,
                    format!("{m} minutes is longer than a day"),
                    format!("{m} 分钟超过一天")
                ),
            ),
            None if it.items.is_empty() => self.warn(
                format!("{path}.minutes"),
                tr!(
                    lang,
                    "no planned minutes: the item's timer will have no target",
                    "未填写计划时长（minutes）：该议程计时将没有目标"
                ),
            ),
            _ => {}
        }
        if let Some(s) = &it.speaker {
            self.person_ref(format!("{path}.speaker"), s);
        }
        self.speeches(&path, it);
        if depth > 0 && !it.items.is_empty() {
            self.err(
                format!("{path}.items"),
                tr!(
                    lang,
                    "a sub-item cannot have sub-items of its own (one level only)",
                    "子议程不能再有子议程（仅支持一级）"
                ),
            );
        }
    }

    /// The items' planned minutes against the meeting's scheduled time.
    fn schedule(&mut self, planned: i64) {
        let (m, lang) = (&self.a.meeting, self.lang);
        let scheduled = (m.end - m.start).num_minutes();
        if self.dropped.meeting || self.dropped.items || scheduled <= 0 || planned <= scheduled {
            return;
        }
        let (sh, sm) = (m.start.format("%H:%M"), m.end.format("%H:%M"));
        self.warn(
            "items",
            tr!(
                lang,
                format!(
                    "the items plan {planned} minutes but the meeting is scheduled for {scheduled} ({sh}-{sm}): it would run {} minutes past the scheduled end",
                    planned - scheduled
                ),
                format!(
                    "议程计划共 {planned} 分钟，而会议安排 {scheduled} 分钟（{sh}-{sm}）：将超出预定结束时间 {} 分钟",
                    planned - scheduled
                )
            ),
        );
    }
}
