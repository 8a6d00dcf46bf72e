//! What an agenda means: ids unique and well-formed, references that resolve (venues,
//! speakers, owners, items), one main venue, durations that make sense. Problems are
//! located by their path in the document. One concern per function, run in document
//! order by [`validate_decoded`]; they share what they learn (the ids seen) through
//! [`Checker`].
//!
//! - `meeting`: the format, the meeting's id, title and times, its chair and recorder;
//! - `roster`: venues (ids, the one main venue, headcounts) and participants (ids, names,
//!   venues, the expected counts);
//! - `program`: items (ids, titles, durations, speakers, one level of sub-items) and the
//!   schedule;
//! - `speeches`: an item's planned speeches (who, from where, the time limit);
//! - `actions`: planned action items (ids, owners, items, assigners, due dates);
//! - `minutes`: what shapes the minutes (named dates, categories, the grace for lateness).

use std::collections::hash_map::Entry;

use foldhash::HashMap;

use super::decode::Dropped;
use super::{Diagnostic, Location, tr};
use crate::core::agenda::*;
use crate::i18n::Lang;

mod actions;
mod meeting;
mod minutes;
mod program;
mod roster;
mod speeches;

/// The longest planned duration of one item: a day.
const MAX_MINUTES: i64 = 24 * 60;

/// Meaning checks on a well-typed agenda.
pub fn validate(a: &Agenda, lang: Lang) -> Vec<Diagnostic> {
    validate_decoded(a, &Dropped::default(), lang)
}

/// Meaning checks on what could be decoded; references to pieces that could not be
/// decoded (already reported) are not reported again.
pub(super) fn validate_decoded(a: &Agenda, dropped: &Dropped, lang: Lang) -> Vec<Diagnostic> {
    let mut c = Checker::new(a, dropped, lang);
    c.format();
    c.meeting();
    c.venues();
    let members = c.participants();
    c.expected_counts(&members);
    c.meeting_people();
    c.items();
    c.actions();
    c.named_dates();
    c.minutes_fields();
    // Control characters and escape sequences in any text field.
    c.d.extend(super::text::check(a, dropped, lang));
    c.d
}

/// The agenda being checked, what has been found so far, and the ids seen (for the
/// references that later parts make).
struct Checker<'a> {
    a: &'a Agenda,
    dropped: &'a Dropped,
    lang: Lang,
    d: Vec<Diagnostic>,
    /// Venue id -> its first index.
    venue_ids: HashMap<&'a str, usize>,
    /// Participant id -> its first index (36,000 of them on a large meeting).
    pids: HashMap<&'a str, usize>,
    /// Item id -> the path where it was first used.
    item_ids: HashMap<&'a str, String>,
}

impl<'a> Checker<'a> {
    fn new(a: &'a Agenda, dropped: &'a Dropped, lang: Lang) -> Checker<'a> {
        Checker {
            a,
            dropped,
            lang,
            d: Vec::new(),
            venue_ids: HashMap::default(),
            pids: HashMap::with_capacity_and_hasher(a.participants.len(), Default::default()),
            item_ids: HashMap::default(),
        }
    }

    fn err(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.d
            .push(Diagnostic::error(Location::Path(path.into()), msg.into()));
    }

    fn warn(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.d
            .push(Diagnostic::warning(Location::Path(path.into()), msg.into()));
    }

    /// A reference to someone: a participant on the roster (by id) or a guest by name.
    fn person_ref(&mut self, path: String, r: &PersonRef) {
        let lang = self.lang;
        match (&r.participant, &r.name) {
            (Some(id), None) => {
                if !self.pids.contains_key(id.as_str()) && !self.dropped.knows_participant(id) {
                    self.err(
                        format!("{path}.participant"),
                        tr!(
                            lang,
                            format!(
                                "`{id}` is not an id on the roster (for a guest not on the roster, give \"name\" instead)"
                            ),
                            format!("`{id}` 不是名单中的编号（不在名单中的来宾请改用 \"name\"）")
                        ),
                    );
                }
            }
            (None, Some(n)) if !n.trim().is_empty() => {}
            (Some(_), Some(_)) => self.err(
                path,
                tr!(
                    lang,
                    "give either \"participant\" (an id on the roster) or \"name\" (a guest), not both",
                    "\"participant\"（名单编号）与 \"name\"（来宾姓名）只能填一个"
                ),
            ),
            _ => self.err(
                path,
                tr!(
                    lang,
                    "give \"participant\" (an id on the roster) or \"name\" (a guest)",
                    "须填写 \"participant\"（名单编号）或 \"name\"（来宾姓名）"
                ),
            ),
        }
    }

    fn unknown_venue(&self, id: &str) -> String {
        let lang = self.lang;
        let ids: Vec<&str> = self.a.venues.iter().map(|v| v.id.as_str()).collect();
        if ids.is_empty() {
            return tr!(
                lang,
                format!("`{id}` is not the id of a venue: there are no venues"),
                format!("`{id}` 不是会场编号：没有任何会场")
            );
        }
        let shown: Vec<&str> = ids.iter().copied().take(8).collect();
        let more = if ids.len() > shown.len() { ", ..." } else { "" };
        let hint = super::decode::did_you_mean(id, &ids, lang);
        tr!(
            lang,
            format!(
                "`{id}` is not the id of a venue{hint}; venues: {}{more}",
                shown.join(", ")
            ),
            format!(
                "`{id}` 不是会场编号{hint}；现有会场：{}{more}",
                shown.join("、")
            )
        )
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn bad_id(id: &str, lang: Lang) -> String {
    tr!(
        lang,
        format!(
            "`{id}` cannot be used as an id: use letters, digits, `-`, `_` and `.`, without spaces"
        ),
        format!("`{id}` 不能作为编号：只能用字母、数字、`-`、`_`、`.`，不能有空格")
    )
}

/// Where `id` was first used in its list, or `None` after recording `at` as its first use.
fn seen_before<'a, T: Clone>(seen: &mut HashMap<&'a str, T>, id: &'a str, at: T) -> Option<T> {
    match seen.entry(id) {
        Entry::Occupied(e) => Some(e.get().clone()),
        Entry::Vacant(e) => {
            e.insert(at);
            None
        }
    }
}

/// "venue id `x` is already used by venues[3] (主会场)": `kind` names the list in both
/// languages; `who` (the duplicate's name) and `first_name` are added when the list has
/// names.
fn already_used(
    lang: Lang,
    (kind_en, kind_zh): (&str, &str),
    id: &str,
    who: Option<&str>,
    first: &str,
    first_name: Option<&str>,
) -> String {
    match lang {
        Lang::En => {
            let who = who.map(|w| format!(" ({w})")).unwrap_or_default();
            let name = first_name.map(|n| format!(" ({n})")).unwrap_or_default();
            format!("{kind_en} id `{id}`{who} is already used by {first}{name}")
        }
        Lang::Zh => {
            let who = who.map_or(" ".to_string(), |w| format!("（{w}）"));
            let name = first_name.map_or(" ".to_string(), |n| format!("（{n}）"));
            format!("{kind_zh}编号 `{id}`{who}已被 {first}{name}使用")
        }
    }
}
