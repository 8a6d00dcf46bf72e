//! What a view reads, when drawing and when handling a key: the one context type.

use std::path::Path;

use chrono::{DateTime, FixedOffset, Utc};

use super::keymap::Keymap;
use super::theme::Theme;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;

pub struct Ctx<'a> {
    pub meeting: &'a Meeting,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    /// The meeting's time zone: times are shown in it.
    pub tz: FixedOffset,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    /// This desk's seat (whose records Undo takes back).
    pub seat: &'a str,
    /// Where exports are written.
    pub export_dir: &'a Path,
}

impl<'a> Ctx<'a> {
    /// A context with the desk's theme and the meeting's time zone (for tests and
    /// benchmarks that draw a view without an app).
    pub fn new(meeting: &'a Meeting, lang: Lang, now: DateTime<Utc>, keymap: &'a Keymap) -> Self {
        Ctx {
            meeting,
            lang,
            now,
            tz: *meeting.agenda.meeting.start.offset(),
            keymap,
            theme: &super::theme::THEME,
            seat: "",
            export_dir: Path::new("."),
        }
    }

    /// `14:35` in the meeting's time zone.
    pub fn hm(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.tz).format("%H:%M").to_string()
    }

    /// `14:35:07` in the meeting's time zone.
    pub fn hms(&self, t: DateTime<Utc>) -> String {
        super::text::clock(t, self.tz)
    }
}
