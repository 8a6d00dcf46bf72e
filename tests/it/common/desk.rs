//! The attendance desk in process: an `App` on `tests/data/desk.json` and a fresh data
//! dir, keys in, the journal read back from disk. Test files add their own `impl Desk`
//! blocks for what only they need.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use huiwu::core::event::Event;
use huiwu::core::meeting::Meeting;
use huiwu::i18n::Lang;
use huiwu::store::session::{AgendaFile, Session, open_read_only, read_agenda};
use huiwu::tui::App;
use huiwu::tui::keymap::Keymap;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

pub const SEAT: &str = "desk-1";

pub fn agenda_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/desk.json")
}

/// 14:35:00 at the meeting (UTC+8), five minutes after the scheduled start.
pub fn t0() -> DateTime<Utc> {
    "2017-05-04T06:35:00Z".parse().unwrap()
}

pub struct Desk {
    pub app: App,
    pub agenda: AgendaFile,
    pub dir: tempfile::TempDir,
    pub now: DateTime<Utc>,
}

impl Desk {
    pub fn new(lang: Lang) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        Desk::open(lang, dir)
    }

    pub fn open(lang: Lang, dir: tempfile::TempDir) -> Desk {
        let agenda = read_agenda(&agenda_path(), lang).unwrap();
        // Another test thread spawning a process (insta runs cargo) can hold a copy of
        // the previous session's lock descriptor between fork and exec: retry briefly.
        let mut tries = 0;
        let session = loop {
            match Session::open(&agenda, dir.path(), SEAT, t0()) {
                Err(huiwu::store::journal::JournalError::Locked { .. }) if tries < 50 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                r => break r.unwrap(),
            }
        };
        let app = App::new(session, lang, Keymap::default());
        Desk {
            app,
            agenda,
            dir,
            now: t0(),
        }
    }

    /// A read-only desk (`huiwu run --read-only`) on data dir `dir`: no seat, no lock.
    pub fn follow(lang: Lang, dir: tempfile::TempDir) -> Desk {
        let agenda = read_agenda(&agenda_path(), lang).unwrap();
        let session = Session::follow(&agenda, dir.path()).unwrap();
        let app = App::new(session, lang, Keymap::default());
        Desk {
            app,
            agenda,
            dir,
            now: t0(),
        }
    }

    /// Reopen the same data dir as a fresh process would.
    pub fn reopen(self) -> Desk {
        let lang = self.app.lang;
        let dir = self.dir;
        drop(self.app);
        Desk::open(lang, dir)
    }

    pub fn tick(&mut self, secs: i64) {
        self.now += Duration::seconds(secs);
    }

    pub fn typ(&mut self, s: &str) {
        self.app.type_str(s, self.now);
    }

    pub fn ctrl(&mut self, c: char) {
        self.app
            .key_with(KeyCode::Char(c), KeyModifiers::CONTROL, self.now);
    }

    /// The meeting as it is on disk.
    pub fn on_disk(&self) -> (Meeting, Vec<Event>) {
        let (m, events, _) = open_read_only(&self.agenda, self.dir.path()).unwrap();
        (m, events)
    }

    pub fn journal(&self) -> Vec<Event> {
        self.on_disk().1
    }

    pub fn present(&self, id: &str) -> bool {
        let (m, _) = self.on_disk();
        m.attendance[m.person(id).unwrap()].is_present()
    }
}
