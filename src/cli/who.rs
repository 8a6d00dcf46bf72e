//! The WHO of a command, resolved or refused on stderr with the reason: nobody (with the
//! names it comes close to), or several people (with their list, to choose an id from).

use crate::core::meeting::Meeting;
use crate::core::query::{Who, resolve_who as resolve};
use crate::i18n::Lang;

/// At most this many candidates are listed.
const SHOWN: usize = 20;

/// The index in `m.people` of the one person `who` names; `None` after saying on stderr
/// why there is none (the caller exits 1).
pub(crate) fn resolve_who(m: &Meeting, who: &str, lang: Lang) -> Option<usize> {
    let candidates = match resolve(m, who) {
        Who::One(p) => return Some(p),
        Who::Unknown(near) if near.is_empty() => {
            errln!(
                "{}",
                match lang {
                    Lang::En => format!("huiwu: nobody on the roster matches `{who}`"),
                    Lang::Zh => format!("huiwu：名单中没有与 `{who}` 相符的人"),
                }
            );
            return None;
        }
        Who::Unknown(near) => {
            errln!(
                "{}",
                match lang {
                    Lang::En => format!(
                        "huiwu: nobody on the roster matches `{who}`; did you mean (give the id):"
                    ),
                    Lang::Zh =>
                        format!("huiwu：名单中没有与 `{who}` 相符的人；是否要找（请用编号）："),
                }
            );
            near
        }
        Who::Ambiguous(candidates) => {
            let n = candidates.len();
            errln!(
                "{}",
                match lang {
                    Lang::En => format!("huiwu: `{who}` fits {n} people; give the id:"),
                    Lang::Zh => format!("huiwu：`{who}` 对应 {n} 人；请改用编号："),
                }
            );
            candidates
        }
    };
    for &c in candidates.iter().take(SHOWN) {
        let person = &m.people[c];
        let venue = m
            .venue(&person.venue)
            .map(|v| m.agenda.venues[v].name.as_str())
            .unwrap_or("");
        errln!(
            "  {}\t{}\t{}\t{}\t{venue}",
            person.id,
            person.name,
            person.unit,
            person.title
        );
    }
    if candidates.len() > SHOWN {
        let more = candidates.len() - SHOWN;
        match lang {
            Lang::En => errln!("  ... and {more} more"),
            Lang::Zh => errln!("  另有 {more} 人"),
        }
    }
    None
}
