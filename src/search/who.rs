//! One person from what someone typed: the WHO of `huiwu attend`, of an action's owner
//! (`--owner person:...`) and of the desk. The same tiers as the search (the exact id
//! first, then the exact name, then the whole name in pinyin or initials, and so on), and
//! one rule on top: the best tier must hold exactly one person. Several people in it are
//! refused with their list; fuzzy matches and typing mistakes are never taken for
//! anyone, only offered as suggestions.

use super::{NameIndex, score};
use crate::core::meeting::Meeting;

/// How a WHO resolved. Indices are into `Meeting::people`, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    One(usize),
    /// Several people fit equally well: the candidates (at most [`CANDIDATES`]).
    Ambiguous(Vec<usize>),
    /// Nobody fits; the people it is close to (letters with gaps, a typing mistake), if any.
    Unknown(Vec<usize>),
}

/// At most this many candidates or suggestions are returned.
pub const CANDIDATES: usize = 200;

/// Resolve a participant id, a name (hanzi, pinyin, initials, or a unique part of it) or
/// a unit with a single person.
pub fn resolve_who(m: &Meeting, who: &str) -> Who {
    let who = who.trim();
    if let Some(quick) = without_index(m, who) {
        return quick;
    }
    resolve_in(&NameIndex::build_for(&m.people, who), m, who)
}

/// [`resolve_who`] with an index of `m.people` already built (a badge reader resolves
/// one line after another: the index is built once, not per line).
pub fn resolve_in(index: &NameIndex, m: &Meeting, who: &str) -> Who {
    let who = who.trim();
    if let Some(quick) = without_index(m, who) {
        return quick;
    }
    let hits = index.search(who, CANDIDATES, |_| true);
    let Some(top) = hits.first() else {
        return Who::Unknown(Vec::new());
    };
    if top.score < score::UNIT {
        return Who::Unknown(hits.iter().map(|h| h.index).collect());
    }
    let best: Vec<usize> = hits
        .iter()
        .take_while(|h| h.score == top.score)
        .map(|h| h.index)
        .collect();
    match best.as_slice() {
        [one] => Who::One(*one),
        _ => Who::Ambiguous(best),
    }
}

/// What needs no index: nothing typed, or an exact id (a badge scan, a typed id).
fn without_index(m: &Meeting, who: &str) -> Option<Who> {
    if who.is_empty() {
        return Some(Who::Unknown(Vec::new()));
    }
    m.person(who).map(Who::One)
}
