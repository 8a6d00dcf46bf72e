//! Control characters and escape sequences in an agenda's text. An agenda never needs
//! them, and a name holding `ESC [ 2J` or `ESC ] 52 ; …` would act on every terminal it is
//! printed to: each is an error at its path. Line breaks and tabs are allowed where text
//! may span lines (an item's `notes`, and the user's own `extra` data). Bidi controls
//! and invisible characters are a warning: they are removed wherever the text is shown.

use serde_json::Value;

use super::decode::Dropped;
use super::{Diagnostic, Location, tr};
use crate::core::agenda::{Agenda, Extra, Item, OwnerRef, PersonRef};
use crate::i18n::Lang;
use crate::sanitize::{self, Problem};

/// Every text field of `a`, checked. Paths are built only for a field with a problem.
pub(super) fn check(a: &Agenda, dropped: &Dropped, lang: Lang) -> Vec<Diagnostic> {
    let mut c = Checker {
        lang,
        out: Vec::new(),
    };
    let m = &a.meeting;
    for (field, s) in [
        ("id", &m.id),
        ("title", &m.title),
        ("organizer", &m.organizer),
        ("location", &m.location),
    ] {
        c.one(s, false, || format!("meeting.{field}"));
    }
    c.one(&m.context, true, || "meeting.context".into());
    for (i, s) in m.co_organizers.iter().enumerate() {
        c.one(s, false, || format!("meeting.co_organizers[{i}]"));
    }
    for name in m.dates.keys() {
        c.one(name, false, || {
            format!("meeting.dates (key `{}`)", sanitize::screen(name))
        });
    }
    for (i, cat) in a.categories.iter().enumerate() {
        c.one(&cat.name, false, || format!("categories[{i}].name"));
    }
    if let Some(doc) = &a.document {
        for (field, s) in [
            ("issuer", &doc.issuer),
            ("number", &doc.number),
            ("printed_by", &doc.printed_by),
        ] {
            c.one(s, false, || format!("document.{field}"));
        }
        for (field, list) in [("to", &doc.to), ("cc", &doc.cc)] {
            for (i, s) in list.iter().enumerate() {
                c.one(s, false, || format!("document.{field}[{i}]"));
            }
        }
    }
    c.person(&m.chair, &|| "meeting.chair".into());
    if let Some(r) = &m.recorder {
        c.person(r, &|| "meeting.recorder".into());
    }
    c.extra(&m.extra, &|| "meeting.extra".into());
    for (i, v) in a.venues.iter().enumerate() {
        let at = || format!("venues[{}]", dropped.venue_at(i));
        for (field, s) in [
            ("id", &v.id),
            ("name", &v.name),
            ("location", &v.location),
            ("unit", &v.unit),
        ] {
            c.one(s, false, || format!("{}.{field}", at()));
        }
        if let Some(k) = &v.contact {
            c.one(&k.name, false, || format!("{}.contact.name", at()));
            if let Some(p) = &k.phone {
                c.one(p, false, || format!("{}.contact.phone", at()));
            }
        }
        c.extra(&v.extra, &|| format!("{}.extra", at()));
    }
    for (i, p) in a.participants.iter().enumerate() {
        let at = || format!("participants[{}]", dropped.participant_at(i));
        for (field, s) in [
            ("id", &p.id),
            ("name", &p.name),
            ("unit", &p.unit),
            ("title", &p.title),
            ("category", &p.category),
            ("venue", &p.venue),
        ] {
            c.one(s, false, || format!("{}.{field}", at()));
        }
        if let Some(ph) = &p.phone {
            c.one(ph, false, || format!("{}.phone", at()));
        }
        c.extra(&p.extra, &|| format!("{}.extra", at()));
    }
    for (i, it) in a.items.iter().enumerate() {
        c.item(it, &|| format!("items[{}]", dropped.item_at(i)));
    }
    for (i, act) in a.actions.iter().enumerate() {
        let at = || format!("actions[{}]", dropped.action_at(i));
        c.one(&act.id, false, || format!("{}.id", at()));
        c.one(&act.text, false, || format!("{}.text", at()));
        for (j, o) in act.owners.iter().enumerate() {
            let (kind, s) = match o {
                OwnerRef::Participant(s) => ("participant", s),
                OwnerRef::Venue(s) => ("venue", s),
                OwnerRef::Unit(s) => ("unit", s),
                OwnerRef::Person(s) => ("person", s),
            };
            c.one(s, false, || format!("{}.owners[{j}].{kind}", at()));
        }
        if let Some(d) = &act.due_text {
            c.one(d, false, || format!("{}.due_text", at()));
        }
        if let Some(it) = &act.item {
            c.one(it, false, || format!("{}.item", at()));
        }
        if let Some(p) = &act.assigned_by {
            c.person(p, &|| format!("{}.assigned_by", at()));
        }
        c.extra(&act.extra, &|| format!("{}.extra", at()));
    }
    c.extra(&a.extra, &|| "extra".into());
    c.out
}

struct Checker {
    lang: Lang,
    out: Vec<Diagnostic>,
}

impl Checker {
    fn one(&mut self, s: &str, lines: bool, path: impl FnOnce() -> String) {
        let Some(p) = sanitize::first_problem(s, lines) else {
            return;
        };
        let lang = self.lang;
        let message = match &p {
            Problem::Sequence { at, shown } => tr!(
                lang,
                format!(
                    "character {at} starts a terminal escape sequence (`{shown}`), which would act on any terminal the text is printed to (clear the screen, change the title, write the clipboard); an agenda never needs one: delete it"
                ),
                format!(
                    "第 {at} 个字符起是终端转义序列（`{shown}`），打印到终端时会执行（清屏、改标题、写剪贴板等）；议程中不应出现，请删除"
                )
            ),
            Problem::Control { at, c } => {
                let shown = sanitize::visible(*c);
                tr!(
                    lang,
                    format!(
                        "character {at} is a control character (`{shown}`, U+{:04X}); an agenda never needs one here: delete it",
                        *c as u32
                    ),
                    format!(
                        "第 {at} 个字符是控制字符（`{shown}`，U+{:04X}）；议程此处不应出现，请删除",
                        *c as u32
                    )
                )
            }
            Problem::Hidden { at, c } => tr!(
                lang,
                format!(
                    "character {at} is an invisible formatting character (U+{:04X}); it is removed wherever the text is shown",
                    *c as u32
                ),
                format!(
                    "第 {at} 个字符是不可见的格式字符（U+{:04X}）；显示和导出时会被去掉",
                    *c as u32
                )
            ),
        };
        let location = Location::Path(path());
        self.out.push(if p.is_error() {
            Diagnostic::error(location, message)
        } else {
            Diagnostic::warning(location, message)
        });
    }

    fn person(&mut self, r: &PersonRef, at: &dyn Fn() -> String) {
        for (field, s) in [
            ("participant", &r.participant),
            ("name", &r.name),
            ("unit", &r.unit),
            ("title", &r.title),
        ] {
            if let Some(s) = s {
                self.one(s, false, || format!("{}.{field}", at()));
            }
        }
    }

    fn item(&mut self, it: &Item, at: &dyn Fn() -> String) {
        self.one(&it.id, false, || format!("{}.id", at()));
        self.one(&it.title, false, || format!("{}.title", at()));
        self.one(&it.notes, true, || format!("{}.notes", at()));
        if let Some(s) = &it.speaker {
            self.person(s, &|| format!("{}.speaker", at()));
        }
        for (j, sp) in it.speeches.iter().enumerate() {
            let at = || format!("{}.speeches[{j}]", at());
            for (field, v) in [
                ("participant", &sp.participant),
                ("name", &sp.name),
                ("venue", &sp.venue),
                ("unit", &sp.unit),
                ("title", &sp.title),
            ] {
                if let Some(v) = v {
                    self.one(v, false, || format!("{}.{field}", at()));
                }
            }
            self.one(&sp.topic, false, || format!("{}.topic", at()));
            if let Some(crate::core::agenda::Limit::Text(t)) = &sp.limit {
                self.one(t, false, || format!("{}.limit", at()));
            }
            self.extra(&sp.extra, &|| format!("{}.extra", at()));
        }
        self.extra(&it.extra, &|| format!("{}.extra", at()));
        for (j, sub) in it.items.iter().enumerate() {
            self.item(sub, &|| format!("{}.items[{j}]", at()));
        }
    }

    /// The user's own data: shown nowhere but the JSON export, so line breaks are fine;
    /// escape sequences are not.
    fn extra(&mut self, e: &Extra, at: &dyn Fn() -> String) {
        for (k, v) in e {
            self.one(k, false, || {
                format!("{} (key `{}`)", at(), sanitize::screen(k))
            });
            self.value(v, &|| format!("{}.{}", at(), sanitize::screen(k)));
        }
    }

    fn value(&mut self, v: &Value, at: &dyn Fn() -> String) {
        match v {
            Value::String(s) => self.one(s, true, at),
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    self.value(x, &|| format!("{}[{i}]", at()));
                }
            }
            Value::Object(o) => self.extra(o, at),
            _ => {}
        }
    }
}
