//! An item's planned speeches: who speaks (a participant on the roster, a venue's
//! representative, or a guest by name), from which venue, and a time limit that is a
//! duration and fits the item.

use super::Checker;
use crate::core::agenda::{Item, Limit, Speech};
use crate::core::load::tr;

impl<'a> Checker<'a> {
    /// The speeches of one item, at `path` (the item's).
    pub(super) fn speeches(&mut self, path: &str, it: &'a Item) {
        let lang = self.lang;
        let mut total: u64 = 0;
        for (i, s) in it.speeches.iter().enumerate() {
            let at = format!("{path}.speeches[{i}]");
            self.speaker(&at, s);
            if let Some(limit) = &s.limit {
                match limit.seconds() {
                    Some(secs) => total += u64::from(secs),
                    None => self.err(format!("{at}.limit"), not_a_duration(limit, lang)),
                }
            }
        }
        // Minutes out of range are reported by the item's own check.
        let planned = it
            .minutes
            .filter(|m| (1..=super::MAX_MINUTES).contains(m))
            .map(|m| m as u64 * 60);
        if let Some(planned) = planned
            && total > planned
        {
            let (t, p) = (minutes_text(total), minutes_text(planned));
            self.warn(
                format!("{path}.speeches"),
                tr!(
                    lang,
                    format!("the speeches' limits add up to {t} minutes, more than the item's {p}"),
                    format!("发言限时合计 {t} 分钟，超过本议程的 {p} 分钟")
                ),
            );
        }
    }

    fn speaker(&mut self, at: &str, s: &Speech) {
        let lang = self.lang;
        if let Some(v) = &s.venue
            && !self.venue_ids.contains_key(v.as_str())
            && !self.dropped.knows_venue(v)
        {
            let msg = self.unknown_venue(v);
            self.err(format!("{at}.venue"), msg);
        }
        match (&s.participant, &s.name) {
            (Some(id), None) => match self.pids.get(id.as_str()) {
                Some(&p) => {
                    let home = &self.a.participants[p].venue;
                    if let Some(v) = &s.venue
                        && v != home
                    {
                        self.warn(
                            format!("{at}.venue"),
                            tr!(
                                lang,
                                format!(
                                    "`{id}` is on the roster of venue `{home}` but is to speak from `{v}`"
                                ),
                                format!("`{id}` 在会场 `{home}` 的名单中，却安排在 `{v}` 发言")
                            ),
                        );
                    }
                }
                None if self.dropped.knows_participant(id) => {}
                None => self.err(
                    format!("{at}.participant"),
                    tr!(
                        lang,
                        format!(
                            "`{id}` is not an id on the roster (for a guest not on the roster, give \"name\" instead)"
                        ),
                        format!("`{id}` 不是名单中的编号（不在名单中的来宾请改用 \"name\"）")
                    ),
                ),
            },
            (None, Some(n)) if n.trim().is_empty() => self.err(
                format!("{at}.name"),
                tr!(lang, "the speaker's name is empty", "发言人姓名为空"),
            ),
            (None, Some(_)) => {}
            (None, None) if s.venue.is_some() => {}
            (Some(_), Some(_)) => self.err(
                at.to_string(),
                tr!(
                    lang,
                    "give either \"participant\" (an id on the roster) or \"name\" (a guest), not both",
                    "\"participant\"（名单编号）与 \"name\"（来宾姓名）只能填一个"
                ),
            ),
            (None, None) => self.err(
                at.to_string(),
                tr!(
                    lang,
                    "say who speaks: \"participant\" (an id on the roster), \"venue\" (the venue's representative) or \"name\" (a guest)",
                    "须写明发言人：\"participant\"（名单编号）、\"venue\"（会场代表）或 \"name\"（来宾姓名）"
                ),
            ),
        }
    }
}

fn not_a_duration(limit: &Limit, lang: crate::i18n::Lang) -> String {
    let shown = match limit {
        Limit::Minutes(n) => n.to_string(),
        Limit::Text(t) => crate::sanitize::screen(t).into_owned(),
    };
    tr!(
        lang,
        format!(
            "`{shown}` is not a time limit: give minutes (5) or a duration (\"5分钟\", \"4分30秒\", \"5 min\"), more than zero and at most a day"
        ),
        format!(
            "`{shown}` 不是发言时限：请填分钟数（5）或时长（\"5分钟\"、\"4分30秒\"、\"5 min\"），须大于零且不超过一天"
        )
    )
}

/// Seconds as minutes for a message: `20`, `4.5`.
fn minutes_text(secs: u64) -> String {
    if secs.is_multiple_of(60) {
        (secs / 60).to_string()
    } else {
        format!("{:.1}", secs as f64 / 60.0)
    }
}
