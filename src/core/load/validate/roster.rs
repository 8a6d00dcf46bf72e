//! Venues (ids, names, the one main venue, headcount venues) and participants (ids,
//! names, venues), and whether a venue's `expected` agrees with its roster.

use super::{Checker, already_used, bad_id, seen_before, valid_id};
use crate::core::agenda::{Role, SignInMode, VenueKind};
use crate::core::load::tr;
use crate::i18n::Lang;

impl<'a> Checker<'a> {
    pub(super) fn venues(&mut self) {
        let (a, lang) = (self.a, self.lang);
        for (i, v) in a.venues.iter().enumerate() {
            let path = format!("venues[{}]", self.dropped.venue_at(i));
            if !valid_id(&v.id) {
                self.err(format!("{path}.id"), bad_id(&v.id, lang));
            }
            if let Some(first) = seen_before(&mut self.venue_ids, &v.id, i) {
                let at = format!("venues[{}]", self.dropped.venue_at(first));
                let first_name = &a.venues[first].name;
                let msg = already_used(lang, ("venue", "会场"), &v.id, None, &at, Some(first_name));
                self.err(format!("{path}.id"), msg);
            }
            if v.name.trim().is_empty() {
                self.err(
                    format!("{path}.name"),
                    tr!(lang, "the venue has no name", "会场名称为空"),
                );
            }
            if v.sign_in == SignInMode::Headcount && v.expected.is_none() {
                self.err(
                    format!("{path}.expected"),
                    tr!(
                        lang,
                        "a venue that reports a headcount (\"sign_in\": \"headcount\") needs \"expected\": the number expected (应到)",
                        "按人数报到的会场（\"sign_in\": \"headcount\"）须填写 \"expected\"（应到人数）"
                    ),
                );
            }
        }
        self.main_venue();
    }

    /// Exactly one venue is the main one.
    fn main_venue(&mut self) {
        let (a, lang) = (self.a, self.lang);
        let mains: Vec<usize> = a
            .venues
            .iter()
            .enumerate()
            .filter(|(_, v)| v.kind == VenueKind::Main)
            .map(|(i, _)| i)
            .collect();
        if !self.dropped.venues {
            if a.venues.is_empty() {
                self.err(
                    "venues",
                    tr!(
                        lang,
                        "there are no venues; at least the main venue is needed: {\"id\": \"main\", \"name\": \"...\", \"kind\": \"main\"}",
                        "没有会场；至少需要主会场：{\"id\": \"main\", \"name\": \"...\", \"kind\": \"main\"}"
                    ),
                );
            } else if mains.is_empty() {
                self.err(
                    "venues",
                    tr!(
                        lang,
                        "no main venue: exactly one venue needs \"kind\": \"main\" (主会场), the others \"branch\"",
                        "没有主会场：须有且只有一个会场为 \"kind\": \"main\"（主会场），其余为 \"branch\"（分会场）"
                    ),
                );
            }
        }
        if mains.len() > 1 {
            let list: Vec<String> = mains
                .iter()
                .map(|&i| format!("venues[{}] {}", self.dropped.venue_at(i), a.venues[i].name))
                .collect();
            self.err(
                "venues",
                tr!(
                    lang,
                    format!(
                        "{} main venues ({}); exactly one is allowed, the others are \"branch\"",
                        mains.len(),
                        list.join(", ")
                    ),
                    format!(
                        "有 {} 个主会场（{}）；只能有一个，其余应为 \"branch\"",
                        mains.len(),
                        list.join("、")
                    )
                ),
            );
        }
    }

    /// Checks every participant; returns the members counted at each venue (by the index
    /// of the venue's first use of its id).
    pub(super) fn participants(&mut self) -> Vec<u32> {
        let (a, lang) = (self.a, self.lang);
        let mut members = vec![0u32; a.venues.len()];
        // Named participants at each headcount venue: (count, first index).
        let mut named_at_headcount = vec![(0usize, 0usize); a.venues.len()];
        for (i, p) in a.participants.iter().enumerate() {
            // Formatted only for a problem: this loop runs 36,000 times on a large meeting.
            let path =
                |field: &str| format!("participants[{}].{field}", self.dropped.participant_at(i));
            let who = |msg: String| match lang {
                Lang::En => format!("{} ({}): {msg}", p.name, p.id),
                Lang::Zh => format!("{}（{}）：{msg}", p.name, p.id),
            };
            if !valid_id(&p.id) {
                let (path, msg) = (path("id"), who(bad_id(&p.id, lang)));
                self.err(path, msg);
            }
            if let Some(first) = seen_before(&mut self.pids, &p.id, i) {
                let at = format!("participants[{}]", self.dropped.participant_at(first));
                let first_name = &a.participants[first].name;
                let msg = already_used(
                    lang,
                    ("participant", "参会人员"),
                    &p.id,
                    Some(&p.name),
                    &at,
                    Some(first_name),
                );
                self.err(path("id"), msg);
            }
            if p.name.trim().is_empty() {
                self.err(
                    path("name"),
                    tr!(
                        lang,
                        format!("participant `{}`: the name is empty", p.id),
                        format!("参会人员 `{}` 的姓名为空", p.id)
                    ),
                );
            }
            match self.venue_ids.get(p.venue.as_str()) {
                None if self.dropped.knows_venue(&p.venue) => {}
                None => {
                    let msg = who(self.unknown_venue(&p.venue));
                    self.err(path("venue"), msg);
                }
                Some(&vi) => {
                    if a.venues[vi].sign_in == SignInMode::Headcount {
                        let (n, first) = &mut named_at_headcount[vi];
                        if *n == 0 {
                            *first = i;
                        }
                        *n += 1;
                    }
                    if p.role == Role::Member {
                        members[vi] += 1;
                    }
                }
            }
        }
        for (vi, &(n, first)) in named_at_headcount.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let id = &a.venues[vi].id;
            self.warn(
                format!("participants[{}].venue", self.dropped.participant_at(first)),
                tr!(
                    lang,
                    format!(
                        "venue `{id}` reports a headcount, so its {n} named participant(s) are listed but not counted; its counts come from its roll call"
                    ),
                    format!(
                        "会场 `{id}` 按人数报到，其名单中的 {n} 人只列出、不计数；该会场人数以点名报告为准"
                    )
                ),
            );
        }
        members
    }

    /// A roster venue's `expected`, when given, is the number of members its roster names.
    pub(super) fn expected_counts(&mut self, members: &[u32]) {
        if self.dropped.participants {
            return;
        }
        let (a, lang) = (self.a, self.lang);
        for (i, v) in a.venues.iter().enumerate() {
            if v.sign_in != SignInMode::Roster {
                continue;
            }
            // A repeated venue id counts with its first use (already reported).
            let first = self.venue_ids.get(v.id.as_str()).copied().unwrap_or(i);
            let n = members.get(first).copied().unwrap_or(0);
            if let Some(exp) = v.expected
                && exp != n
            {
                self.warn(
                    format!("venues[{}].expected", self.dropped.venue_at(i)),
                    tr!(
                        lang,
                        format!(
                            "\"expected\" says {exp} but the roster names {n} members at this venue; the roster is counted (remove \"expected\", or use \"sign_in\": \"headcount\")"
                        ),
                        format!(
                            "\"expected\" 填写为 {exp}，但名单中本会场有 {n} 名成员；以名单为准（请删除 \"expected\"，或改为 \"sign_in\": \"headcount\"）"
                        )
                    ),
                );
            }
        }
    }
}
