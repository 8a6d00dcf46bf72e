//! The meeting's life at the chair's desk: 宣布开会 (open), 宣布散会 (close, asked first:
//! it ends the running item and stops every timer), reopening a closed meeting to change
//! its record, and undoing the last opening or closing. What was recorded is said in the
//! notice line, from the events and the core's warnings (so that an item started before
//! the opening says that it opened the meeting).

use chrono::{DateTime, Utc};

use super::AgendaView;
use crate::core::command::{Command, Warning};
use crate::core::event::EventKind;
use crate::core::meeting::Meeting;
use crate::tui::ctx::Ctx;
use crate::tui::input::Intent;
use crate::tui::keymap::{Action, Scope};
use crate::tui::msg::{Msg, NoticeKind, Recorded, Tag};
use crate::tui::text::{Say, T, hms};

/// Where the meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    NotOpened,
    Open,
    Closed,
}

impl Stage {
    pub(super) fn of(m: &Meeting) -> Stage {
        match (m.started_at, m.ended_at) {
            (_, Some(_)) => Stage::Closed,
            (Some(_), None) => Stage::Open,
            (None, None) => Stage::NotOpened,
        }
    }
}

/// The first key of an agenda action, as shown (empty when unbound).
pub(super) fn key(ctx: &Ctx, action: Action) -> String {
    ctx.keymap
        .first(Scope::Agenda, action)
        .map(|k| k.to_string())
        .unwrap_or_default()
}

/// How long the meeting ran: `1:40:00`.
pub(super) fn length(opened: DateTime<Utc>, closed: DateTime<Utc>) -> String {
    hms((closed - opened).num_seconds())
}

impl AgendaView {
    /// Open, close (after asking), reopen, or undo the last of these.
    pub(super) fn life(&mut self, action: Action, ctx: &Ctx) -> Vec<Msg> {
        let (m, lang) = (ctx.meeting, ctx.lang);
        let record = |cmd| vec![Msg::record(cmd, Tag::AgendaStep)];
        let info = |text: String| vec![Msg::notice(NoticeKind::Info, text)];
        match (action, m.started_at, m.ended_at) {
            (Action::OpenMeeting, _, Some(closed)) | (Action::CloseMeeting, _, Some(closed)) => {
                let time = ctx.hm(closed);
                let reopen = key(ctx, Action::ReopenMeeting);
                info(Say::AlreadyClosed { time, reopen }.text(lang))
            }
            (Action::OpenMeeting, Some(opened), None) => {
                let time = ctx.hm(opened);
                info(Say::AlreadyOpen { time }.text(lang))
            }
            (Action::OpenMeeting, None, None) => record(Command::OpenMeeting { at: None }),
            (Action::CloseMeeting, None, None) => {
                let open = key(ctx, Action::OpenMeeting);
                info(Say::NotOpenedYet { open }.text(lang))
            }
            (Action::CloseMeeting, Some(_), None) => {
                self.confirm_close = true;
                Vec::new()
            }
            (Action::ReopenMeeting | Action::UndoMeeting, _, Some(_)) => {
                record(Command::ReopenMeeting)
            }
            (Action::ReopenMeeting, _, None) => info(T::NotClosed.get(lang).into()),
            (Action::UndoMeeting, Some(_), None) => record(Command::UndoOpening),
            (Action::UndoMeeting, None, None) => info(T::NothingToUndoMeeting.get(lang).into()),
            _ => Vec::new(),
        }
    }

    /// A key while "close the meeting?" is asked.
    pub(super) fn confirming_close(&mut self, intent: &Intent) -> Vec<Msg> {
        match intent {
            Intent::Action(_, Action::Yes) => {
                self.confirm_close = false;
                vec![Msg::record(
                    Command::CloseMeeting { at: None },
                    Tag::AgendaStep,
                )]
            }
            Intent::Action(_, Action::No) => {
                self.confirm_close = false;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// "Close the meeting?" is on screen.
    pub fn confirming_close_shown(&self) -> bool {
        self.confirm_close
    }
}

/// What an agenda step recorded about the meeting's life, in words; `None` when it did
/// not open, close, reopen or withdraw the opening.
pub(super) fn said(recorded: &Recorded, ctx: &Ctx) -> Option<Msg> {
    let (m, lang) = (ctx.meeting, ctx.lang);
    let by_item = recorded
        .outcomes
        .iter()
        .any(|o| o.warnings.contains(&Warning::OpenedTheMeeting));
    let late_after = || m.late_after().map(|t| ctx.hm(t)).unwrap_or_default();
    for e in recorded.events() {
        let (kind, text) = match &e.kind {
            EventKind::MeetingStarted { .. } if by_item => {
                let item = m
                    .current_item
                    .as_deref()
                    .map(|i| m.item_label(i))
                    .unwrap_or_default();
                let time = m.started_at.map(|t| ctx.hm(t)).unwrap_or_default();
                let late_after = late_after();
                let text = Say::OpenedByStart {
                    item,
                    time,
                    late_after,
                };
                (NoticeKind::Warning, text.text(lang))
            }
            EventKind::MeetingStarted { .. } => {
                let time = m.started_at.map(|t| ctx.hm(t)).unwrap_or_default();
                let late_after = late_after();
                let close = key(ctx, Action::CloseMeeting);
                let text = Say::MeetingOpened {
                    time,
                    late_after,
                    close,
                };
                (NoticeKind::Success, text.text(lang))
            }
            EventKind::MeetingEnded { .. } => {
                let (Some(opened), Some(closed)) = (m.started_at, m.ended_at) else {
                    continue;
                };
                let text = Say::MeetingClosed {
                    time: ctx.hm(closed),
                    length: length(opened, closed),
                    reopen: key(ctx, Action::ReopenMeeting),
                };
                (NoticeKind::Success, text.text(lang))
            }
            EventKind::MeetingReopened => {
                let close = key(ctx, Action::CloseMeeting);
                (
                    NoticeKind::Success,
                    Say::MeetingReopened { close }.text(lang),
                )
            }
            EventKind::MeetingStartUndone => {
                (NoticeKind::Success, T::OpeningUndone.get(lang).to_string())
            }
            _ => continue,
        };
        return Some(Msg::notice(kind, text));
    }
    None
}
