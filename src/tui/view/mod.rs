//! The panes of the desk, one file each, and the contract between a view and the shell.
//!
//! # Adding a view
//! 1. Write `src/tui/view/NAME.rs` with a state struct that implements [`View`].
//! 2. Add a [`ViewId`] variant, its arms in [`ViewId::title`], and a field plus a
//!    [`Views::get_mut`] / [`Views::get`] arm for its state.
//! 3. Give it a [`Scope`] in `keymap.rs` with default keys and describe new actions in
//!    `text.rs`; help and the hint bar then list them by themselves.
//!
//! # The contract
//! - `render(&mut self, frame, area, &ViewCtx)` draws into `area` (which may be tiny: use
//!   saturating arithmetic and draw nothing rather than panic). It reads the meeting
//!   through `ctx.meeting` and must cost what the visible rows cost: keep derived lists in
//!   the view's state, rebuilt in `sync`, not per frame. `&mut self` is only for scroll
//!   offsets and such; a view never changes the meeting. A view with a text box puts the
//!   terminal cursor at its caret with `frame.set_cursor_position` (Chinese input methods
//!   open their candidate window there).
//! - `handle(&mut self, intent, &mut AppCtx) -> Handled` reacts to an intent. Every change
//!   to the meeting goes through [`AppCtx::execute`], which runs `Session::execute` (the
//!   journal is synced before the state changes) and, on failure, has already put the
//!   reason in the notice line; the view then keeps the user's input on screen.
//!   `Handled::No` lets the shell try the global keys.
//! - `sync(&mut self, &Meeting)` is called once after the meeting changed (any view's
//!   command, or on start): rebuild caches there.
//! - `scopes()` names the keymap scopes live now, most specific first (a view's own scope,
//!   or a modal scope such as `Form` while a form is open); `modal()` says the global keys
//!   are off; `text_focus()` says whether a text box takes typed characters;
//!   `unsaved_input()` says something half-typed would be lost by quitting; `hints()` are
//!   the actions shown in the key-hint bar.

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::input::{Intent, TextFocus};
use super::keymap::{Action, Keymap, Scope};
use super::text::{self, T};
use super::theme::Theme;
use crate::core::command::Command;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;
use crate::store::journal::JournalError;
use crate::store::session::{ExecError, Outcome, Session};

pub mod actions;
pub mod agenda;
pub mod attendance;
pub mod clock;
pub mod minutes;
mod name_index;
pub mod reconcile;

/// The views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewId {
    Attendance,
    Agenda,
    Actions,
    Minutes,
    Clock,
}

impl ViewId {
    pub const ALL: [ViewId; 5] = [
        ViewId::Attendance,
        ViewId::Agenda,
        ViewId::Actions,
        ViewId::Minutes,
        ViewId::Clock,
    ];

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            ViewId::Attendance => T::ViewAttendance.get(lang),
            ViewId::Agenda => T::ViewAgenda.get(lang),
            ViewId::Actions => T::ViewActions.get(lang),
            ViewId::Minutes => T::ViewMinutes.get(lang),
            ViewId::Clock => T::ViewClock.get(lang),
        }
    }

    pub fn next(self) -> ViewId {
        let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    pub fn prev(self) -> ViewId {
        let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0);
        Self::ALL[(i + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

/// The state of every view.
pub struct Views {
    pub attendance: attendance::AttendanceView,
    pub agenda: agenda::AgendaView,
    pub actions: actions::ActionsView,
    pub minutes: minutes::MinutesView,
    pub clock: clock::ClockView,
}

impl Views {
    pub fn new(m: &Meeting) -> Views {
        Views {
            attendance: attendance::AttendanceView::new(m),
            agenda: agenda::AgendaView::new(m),
            actions: actions::ActionsView::new(m),
            minutes: minutes::MinutesView::default(),
            clock: clock::ClockView::default(),
        }
    }

    pub fn get_mut(&mut self, id: ViewId) -> &mut dyn View {
        match id {
            ViewId::Attendance => &mut self.attendance,
            ViewId::Agenda => &mut self.agenda,
            ViewId::Actions => &mut self.actions,
            ViewId::Minutes => &mut self.minutes,
            ViewId::Clock => &mut self.clock,
        }
    }

    pub fn get(&self, id: ViewId) -> &dyn View {
        match id {
            ViewId::Attendance => &self.attendance,
            ViewId::Agenda => &self.agenda,
            ViewId::Actions => &self.actions,
            ViewId::Minutes => &self.minutes,
            ViewId::Clock => &self.clock,
        }
    }
}

/// What a view reads while drawing.
pub struct ViewCtx<'a> {
    pub meeting: &'a Meeting,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    /// The meeting's time zone (times are shown in it).
    pub tz: FixedOffset,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
}

/// Whether a view used an intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    Yes,
    No,
}

/// The one-line message under the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Success,
    Warning,
    Error,
}

/// The journal as the status line shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JournalState {
    Saved,
    /// The last write failed: the reason.
    Failed(String),
}

/// Why a command was not recorded. The notice line already says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// `decide` refused it (unknown person, counts that do not add up, …).
    Refused(String),
    /// The journal could not be written: nothing changed.
    NotSaved(String),
}

/// What a view may do while handling an intent.
pub struct AppCtx<'a> {
    session: &'a mut Session,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    pub tz: FixedOffset,
    pub keymap: &'a Keymap,
    notice: &'a mut Option<Notice>,
    journal: &'a mut JournalState,
}

impl<'a> AppCtx<'a> {
    pub(crate) fn new(
        session: &'a mut Session,
        lang: Lang,
        now: DateTime<Utc>,
        tz: FixedOffset,
        keymap: &'a Keymap,
        notice: &'a mut Option<Notice>,
        journal: &'a mut JournalState,
    ) -> Self {
        AppCtx {
            session,
            lang,
            now,
            tz,
            keymap,
            notice,
            journal,
        }
    }

    pub fn meeting(&self) -> &Meeting {
        self.session.meeting()
    }

    pub fn seat(&self) -> &str {
        self.session.seat()
    }

    /// This seat's journal.
    pub fn journal_path(&self) -> &std::path::Path {
        self.session.journal_path()
    }

    /// Every seat's events, in fold order, read from disk (for the JSON export).
    pub fn record_events(&self) -> Result<Vec<crate::core::event::Event>, JournalError> {
        self.session.read_events()
    }

    /// Record a command: decide, journal (synced), apply. On failure the notice line says
    /// why and nothing changed.
    pub fn execute(&mut self, cmd: &Command) -> Result<Outcome, Failure> {
        match self.session.execute(cmd, self.now) {
            Ok(o) => {
                *self.journal = JournalState::Saved;
                Ok(o)
            }
            Err(ExecError::Rejected(r)) => {
                let msg = r.message(self.lang);
                self.notify(NoticeKind::Error, text::refused(self.lang, &msg));
                Err(Failure::Refused(msg))
            }
            Err(ExecError::Journal(e)) => Err(self.not_saved(&e)),
        }
    }

    /// Like [`AppCtx::execute`], recorded from another seat (an import named after its
    /// source, such as `tencent-meeting`).
    pub fn execute_as(&mut self, seat: &str, cmd: &Command) -> Result<Outcome, Failure> {
        match self.session.execute_as(seat, cmd, self.now) {
            Ok(o) => {
                *self.journal = JournalState::Saved;
                Ok(o)
            }
            Err(ExecError::Rejected(r)) => {
                let msg = r.message(self.lang);
                self.notify(NoticeKind::Error, text::refused(self.lang, &msg));
                Err(Failure::Refused(msg))
            }
            Err(ExecError::Journal(e)) => Err(self.not_saved(&e)),
        }
    }

    /// The journal refused a write: the status line says so in a few words, the notice
    /// line in full (which file, what to do), and nothing changed.
    fn not_saved(&mut self, e: &JournalError) -> Failure {
        let msg = e.message(self.lang);
        *self.journal = JournalState::Failed(e.short(self.lang));
        self.notify(NoticeKind::Error, text::not_saved(self.lang, &msg));
        Failure::NotSaved(msg)
    }

    pub fn notify(&mut self, kind: NoticeKind, text: impl Into<String>) {
        *self.notice = Some(Notice {
            kind,
            text: text.into(),
        });
    }
}

/// One pane of the desk. See the module documentation for the contract.
pub trait View {
    fn scopes(&self) -> &'static [Scope];
    fn modal(&self) -> bool {
        false
    }
    fn text_focus(&self) -> TextFocus {
        TextFocus::None
    }
    fn unsaved_input(&self) -> bool {
        false
    }
    fn hints(&self) -> &'static [Action] {
        &[]
    }
    fn sync(&mut self, _m: &Meeting) {}
    fn handle(&mut self, intent: &Intent, ctx: &mut AppCtx) -> Handled;
    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &ViewCtx);
}
