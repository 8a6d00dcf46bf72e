//! The views of the desk, one module each, and the contract between a view and the app.
//! A recipe for adding one is in `docs/dev/architecture.md`.
//!
//! # The contract
//! - `handle(&mut self, intent, &Ctx) -> Vec<Msg>` reacts to an intent: the view changes
//!   its own state (selection, a form's text) and returns what else should happen as
//!   [`Msg`]s: record commands, show a notice, switch view, open the action form, export,
//!   read a file. It never records, reads or writes itself; the app does, in order.
//! - `reply(&mut self, Reply, &Ctx) -> Vec<Msg>` hears how something it asked for went
//!   (the commands' outcomes, a file's bytes), by the [`Tag`](crate::tui::msg::Tag) it
//!   gave; a failure to record is already in the notice line, and the view keeps the
//!   user's input on screen.
//! - `render(&mut self, frame, area, &Ctx)` draws into `area` (which may be tiny: use
//!   saturating arithmetic and draw nothing rather than panic). It reads the meeting
//!   through `ctx.meeting` and must cost what the visible rows cost: keep derived lists in
//!   the view's state, rebuilt in `sync`, not per frame. `&mut self` is only for scroll
//!   offsets and such. A view with a text box puts the terminal cursor at its caret with
//!   `frame.set_cursor_position` (Chinese input methods open their candidate window
//!   there).
//! - `sync(&mut self, &Meeting)` is called once after the meeting changed (any view's
//!   command, another seat's events, or on start): rebuild caches there.
//! - `scopes()` names the keymap scopes live now, most specific first (a view's own
//!   scope, or a modal scope such as `Form` while a form is open); the app handles the
//!   `Global` scope's keys itself. `modal()` says the global keys are off; `text_focus()`
//!   says whether a text box takes typed characters; `unsaved_input()` says something
//!   half-typed would be lost by quitting; `hints()` are the actions shown in the
//!   key-hint bar.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::ctx::Ctx;
use super::input::{Intent, TextFocus};
use super::keymap::{Action, Scope};
use super::msg::{Msg, Reply};
use super::text::T;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;

pub mod actions;
pub mod agenda;
pub mod attendance;
pub mod clock;
pub mod minutes;
mod name_index;
pub(crate) mod reconcile;
pub mod speakers;
pub(crate) mod timing;

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

    /// The global action that shows this view.
    pub fn go_action(self) -> Action {
        match self {
            ViewId::Attendance => Action::GoAttendance,
            ViewId::Agenda => Action::GoAgenda,
            ViewId::Actions => Action::GoActions,
            ViewId::Minutes => Action::GoMinutes,
            ViewId::Clock => Action::GoClock,
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

/// One view of the desk. See the module documentation for the contract.
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
    fn handle(&mut self, intent: &Intent, ctx: &Ctx) -> Vec<Msg>;
    fn reply(&mut self, _reply: Reply, _ctx: &Ctx) -> Vec<Msg> {
        Vec::new()
    }
    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx);
}
