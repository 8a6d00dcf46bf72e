//! The meeting as the desk draws it. The agenda cannot hold a control character (loading
//! refuses it), but the journal can: walk-ins' names, reasons, stand-ins, notes and action
//! items typed on other machines or passed to `huiwu attend` by a script. The desk draws
//! from a copy with those texts passed through [`super::screen`], made once per change and
//! only when one of them needs it; ids are left as they are, so indices and commands
//! built from the copy mean the same people.

use std::borrow::Cow;

use crate::core::agenda::{OwnerRef, PersonRef};
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

fn each_text(m: &Meeting, f: &mut dyn FnMut(&str, bool)) {
    for p in m.people.walk_ins() {
        for s in [&p.name, &p.unit, &p.title, &p.category] {
            f(s, false);
        }
    }
    for a in &m.attendance {
        if let Some(r) = &a.excused {
            f(r, false);
        }
        if let Some(s) = &a.stand_in {
            f(&s.name, false);
            f(&s.unit, false);
        }
    }
    for v in &m.venues {
        if let Some(r) = &v.roll_call {
            f(&r.note, false);
        }
    }
    for n in &m.notes {
        f(&n.text, true);
        f(&n.seat, false);
    }
    for a in &m.actions {
        f(&a.text, false);
        if let Some(d) = &a.due_text {
            f(d, false);
        }
        for o in &a.owners {
            if let OwnerRef::Unit(s) | OwnerRef::Person(s) = o {
                f(s, false);
            }
        }
        if let Some(p) = &a.assigned_by {
            person(p, f);
        }
    }
}

fn person(p: &PersonRef, f: &mut dyn FnMut(&str, bool)) {
    for s in [&p.name, &p.unit, &p.title].into_iter().flatten() {
        f(s, false);
    }
}

/// The same texts as [`each_text`], to change.
fn each_text_mut(m: &mut Meeting, f: &mut dyn FnMut(&mut String, bool)) {
    for p in m.people.walk_ins_mut() {
        for s in [&mut p.name, &mut p.unit, &mut p.title, &mut p.category] {
            f(s, false);
        }
    }
    for a in &mut m.attendance {
        if let Some(r) = &mut a.excused {
            f(r, false);
        }
        if let Some(s) = &mut a.stand_in {
            f(&mut s.name, false);
            f(&mut s.unit, false);
        }
    }
    for v in &mut m.venues {
        if let Some(r) = &mut v.roll_call {
            f(&mut r.note, false);
        }
    }
    for n in &mut m.notes {
        f(&mut n.text, true);
        f(&mut n.seat, false);
    }
    for a in &mut m.actions {
        f(&mut a.text, false);
        if let Some(d) = &mut a.due_text {
            f(d, false);
        }
        for o in &mut a.owners {
            if let OwnerRef::Unit(s) | OwnerRef::Person(s) = o {
                f(s, false);
            }
        }
        if let Some(p) = &mut a.assigned_by {
            for s in [&mut p.name, &mut p.unit, &mut p.title]
                .into_iter()
                .flatten()
            {
                f(s, false);
            }
        }
    }
}
