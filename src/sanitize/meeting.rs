//! The meeting as the desk draws it. The agenda cannot hold a control character (loading
//! refuses it), but the journal can: walk-ins' names, reasons, stand-ins, notes and action
//! items typed on other machines or passed to `huiwu attend` by a script. The desk draws
//! from a copy with those texts passed through [`super::screen`], made once per change and
//! only when one of them needs it; ids are left as they are, so indices and commands
//! built from the copy mean the same people.

use std::borrow::Cow;

use crate::core::agenda::OwnerRef;
use crate::core::meeting::Meeting;

/// `m` with every text the journal brought in shown as [`super::screen`] shows it, or
/// `None` when none needs a change (the usual case: nothing is copied).
pub fn for_screen(m: &Meeting) -> Option<Meeting> {
    let mut dirty = false;
    each_text(m, &mut |s, lines| {
        dirty |= matches!(shown(s, lines), Cow::Owned(_))
    });
    if !dirty {
        return None;
    }
    let mut copy = m.clone();
    each_text_mut(&mut copy, &mut |s, lines| {
        if let Cow::Owned(clean) = shown(s, lines) {
            *s = clean;
        }
    });
    Some(copy)
}

/// A note keeps its line breaks; everything else is one line.
fn shown(s: &str, lines: bool) -> Cow<'_, str> {
    if lines {
        super::screen_text(s)
    } else {
        super::screen(s)
    }
}

/// Every text the journal can bring into a meeting, once for reading and once for
/// changing, from one list (a field added to one walk and not the other would be drawn
/// raw).
macro_rules! walk_texts {
    ($name:ident, $walk_ins:ident $(, $mut_:tt)?) => {
        fn $name(m: &$($mut_)? Meeting, f: &mut dyn FnMut(&$($mut_)? String, bool)) {
            for p in m.people.$walk_ins() {
                for s in [&$($mut_)? p.name, &$($mut_)? p.unit, &$($mut_)? p.title, &$($mut_)? p.category] {
                    f(s, false);
                }
            }
            for a in &$($mut_)? m.attendance {
                if let Some(r) = &$($mut_)? a.excused {
                    f(r, false);
                }
                if let Some(s) = &$($mut_)? a.stand_in {
                    f(&$($mut_)? s.name, false);
                    f(&$($mut_)? s.unit, false);
                }
            }
            for v in &$($mut_)? m.venues {
                if let Some(r) = &$($mut_)? v.roll_call {
                    f(&$($mut_)? r.note, false);
                }
            }
            for sp in &$($mut_)? m.speeches {
                let who = &$($mut_)? sp.speaker;
                for s in [&$($mut_)? who.name, &$($mut_)? who.unit, &$($mut_)? who.title] {
                    f(s, false);
                }
            }
            for n in &$($mut_)? m.notes {
                f(&$($mut_)? n.text, true);
                f(&$($mut_)? n.seat, false);
            }
            for a in &$($mut_)? m.actions {
                f(&$($mut_)? a.text, false);
                if let Some(d) = &$($mut_)? a.due_text {
                    f(d, false);
                }
                for o in &$($mut_)? a.owners {
                    if let OwnerRef::Unit(s) | OwnerRef::Person(s) = o {
                        f(s, false);
                    }
                }
                if let Some(p) = &$($mut_)? a.assigned_by {
                    for s in [&$($mut_)? p.name, &$($mut_)? p.unit, &$($mut_)? p.title].into_iter().flatten() {
                        f(s, false);
                    }
                }
            }
        }
    };
}

walk_texts!(each_text, walk_ins);
walk_texts!(each_text_mut, walk_ins_mut, mut);

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::Utc;

    use super::*;
    use crate::core::agenda::{PersonRef, Role};
    use crate::core::command::{Command, decide};
    use crate::core::event::{ActionFields, Event};

    const EVIL: &str = "Evil\x1b]0;t\x07\x1b[2J";

    #[test]
    fn every_text_from_the_journal_is_cleaned_and_the_ids_are_kept() {
        let mut m = Meeting::new(Arc::new(crate::sample::generate(2, 4, 1)));
        assert!(for_screen(&m).is_none(), "a clean meeting is not copied");
        let ids: Vec<String> = m.people.iter().map(|p| p.id.clone()).collect();
        let branch = m.agenda.venues[1].id.clone();
        let now = m.agenda.meeting.start.with_timezone(&Utc);
        let evil = || EVIL.to_string();
        let commands = [
            Command::WalkIn {
                name: evil(),
                unit: evil(),
                title: evil(),
                venue: branch.clone(),
                role: Role::Member,
            },
            Command::Excuse {
                participant: ids[0].clone(),
                reason: evil(),
            },
            Command::StandIn {
                participant: ids[1].clone(),
                name: evil(),
                unit: evil(),
            },
            Command::RollCall {
                venue: branch,
                expected: 4,
                present: 4,
                excused: 0,
                absent: 0,
                note: evil(),
            },
            Command::Speech(crate::core::speech_command::SpeechCommand::Add {
                item: Some(m.agenda.items[0].id.clone()),
                speaker: crate::core::event::SpeakerFields {
                    name: Some(evil()),
                    unit: Some(evil()),
                    title: Some(evil()),
                    ..Default::default()
                },
                start: false,
                at: None,
            }),
            Command::AddNote {
                item: None,
                text: format!("{EVIL}\nsecond line"),
                decision: false,
            },
            Command::AddAction {
                fields: ActionFields {
                    text: Some(evil()),
                    owners: Some(vec![OwnerRef::Unit(evil()), OwnerRef::Person(evil())]),
                    due_text: Some(Some(evil())),
                    assigned_by: Some(Some(PersonRef {
                        name: Some(evil()),
                        ..PersonRef::default()
                    })),
                    ..ActionFields::default()
                },
            },
        ];
        let mut seq = 0;
        for cmd in commands {
            let d = decide(&m, &cmd, now).unwrap_or_else(|r| panic!("{cmd:?}: {r:?}"));
            for kind in d.events {
                seq += 1;
                m.apply(&Event::new(format!("e{seq}"), now, evil(), seq, kind));
            }
        }
        // Each walk sees every text the commands wrote: three of the walk-in, the reason,
        // two of the stand-in, the roll call's note, three of the added speaker, the note
        // and its seat, and five of the action.
        let mut raw = 0;
        each_text(&m, &mut |s, _| raw += usize::from(s.contains('\x1b')));
        assert_eq!(raw, 17);
        let shown = for_screen(&m).expect("texts to clean");
        let mut left = Vec::new();
        each_text(&shown, &mut |s, _| {
            if s.chars().any(|c| c.is_control() && c != '\n') {
                left.push(s.clone());
            }
        });
        assert!(left.is_empty(), "{left:?}");
        assert_eq!(shown.notes[0].text, "Evil\\e]0;t\\a\\e[2J\nsecond line");
        let shown_ids: Vec<&str> = shown.people.iter().map(|p| p.id.as_str()).collect();
        let live_ids: Vec<&str> = m.people.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(shown_ids, live_ids);
        assert_eq!(shown.events_applied, m.events_applied);
    }
}
