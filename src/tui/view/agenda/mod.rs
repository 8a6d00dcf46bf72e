//! The agenda view, for the chair and the secretary: the items with speaker, planned
//! minutes, actual start and end and overrun; the current item large with its elapsed
//! and remaining time; the projected end; and the notes of the selected item, with the
//! note editor ([`notes`]). The chair opens (宣布开会) and closes (宣布散会) the meeting
//! here ([`life`]). This file holds the state and what keys do; [`render`] draws.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::View;
use crate::core::command::{Command, Warning};
use crate::core::meeting::{Meeting, Note};
use crate::tui::ctx::Ctx;
use crate::tui::input::{Intent, TextFocus};
use crate::tui::keymap::{Action, Scope};
use crate::tui::msg::{Msg, NoticeKind, Reply, Tag};
use crate::tui::text::{Say, T};
use crate::tui::view::ViewId;
use crate::tui::view::speakers::SpeakerPanel;
use crate::tui::view::timing::{pause_or_resume, speaker_name};

mod life;
pub mod notes;
mod render;

use notes::NoteEditor;

#[derive(Debug, Clone)]
struct Row {
    id: String,
    number: String,
    title: String,
    speaker: String,
    parent: bool,
    sub: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Items,
    Notes,
}

pub struct AgendaView {
    rows: Vec<Row>,
    selected: usize,
    /// Which item the selection follows: it moves with the running item until the user
    /// moves it.
    follow_current: bool,
    focus: Focus,
    note_selected: usize,
    /// The note the selection is on, as the user left it (see `note_key`): another seat's
    /// note may be listed before it, and the selection stays on this one.
    note_id: Option<String>,
    editor: Option<NoteEditor>,
    /// Where the meeting stands (not opened, open, closed), for the hint bar.
    stage: life::Stage,
    /// 宣布散会 was asked: the Yes key closes, the No key keeps the meeting open.
    confirm_close: bool,
    /// The item's speakers, their countdown and the cue (`view::speakers`).
    speakers: SpeakerPanel,
}

impl AgendaView {
    pub fn new(m: &Meeting) -> AgendaView {
        let mut v = AgendaView {
            rows: Vec::new(),
            selected: 0,
            follow_current: true,
            focus: Focus::Items,
            note_selected: 0,
            note_id: None,
            editor: None,
            stage: life::Stage::NotOpened,
            confirm_close: false,
            speakers: SpeakerPanel::new(m),
        };
        v.rebuild(m);
        v
    }

    fn rebuild(&mut self, m: &Meeting) {
        self.stage = life::Stage::of(m);
        self.rows = m
            .agenda
            .flat_items()
            .iter()
            .map(|f| Row {
                id: f.item.id.clone(),
                number: f.number.clone(),
                title: f.item.title.clone(),
                speaker: speaker_name(m, &f.item.id).unwrap_or_default(),
                parent: !f.item.items.is_empty(),
                sub: f.parent.is_some(),
            })
            .collect();
        if self.follow_current
            && let Some(cur) = m.item_in_focus()
            && let Some(i) = self.rows.iter().position(|r| r.id == cur)
        {
            self.selected = i;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        let notes = self.notes_of_selected(m);
        let kept = self
            .note_id
            .as_ref()
            .and_then(|k| notes.iter().position(|n| note_key(n) == *k));
        self.note_selected = kept.unwrap_or(self.note_selected.min(notes.len().saturating_sub(1)));
        self.remember_note(m);
    }

    /// Remember which note the selection is on (after a key, or a reply).
    fn remember_note(&mut self, m: &Meeting) {
        let key = self
            .notes_of_selected(m)
            .get(self.note_selected)
            .map(|n| note_key(n));
        self.note_id = key;
    }

    /// The item the list's selection is on.
    pub fn selected_item(&self) -> Option<&str> {
        self.rows.get(self.selected).map(|r| r.id.as_str())
    }

    /// The note editor is open.
    pub fn editing(&self) -> bool {
        self.editor.is_some()
    }

    fn notes_of_selected<'m>(&self, m: &'m Meeting) -> Vec<&'m Note> {
        let Some(id) = self.selected_item() else {
            return Vec::new();
        };
        let ids = m.leaves_of(id);
        m.notes
            .iter()
            .filter(|n| {
                n.item
                    .as_deref()
                    .is_some_and(|i| i == id || ids.iter().any(|l| l == i))
            })
            .collect()
    }

    /// A key of the agenda scope, on the list or the notes.
    fn act(&mut self, action: Action, ctx: &Ctx) -> Vec<Msg> {
        let m = ctx.meeting;
        let step = |cmd| vec![Msg::record(cmd, Tag::AgendaStep)];
        let sel = self.selected_item().map(str::to_string);
        match action {
            a if SpeakerPanel::handles(a) => self.speakers.act(a, ctx),
            // On the notes, Enter (start) edits the selected note.
            Action::StartItem if self.focus == Focus::Notes => self.on_note(action, ctx),
            Action::Up | Action::Down if self.focus == Focus::Notes => {
                let n = self.notes_of_selected(m).len();
                self.note_selected = if action == Action::Up {
                    self.note_selected.saturating_sub(1)
                } else {
                    (self.note_selected + 1).min(n.saturating_sub(1))
                };
                Vec::new()
            }
            Action::Up | Action::Down => {
                self.follow_current = false;
                self.selected = if action == Action::Up {
                    self.selected.saturating_sub(1)
                } else {
                    (self.selected + 1).min(self.rows.len().saturating_sub(1))
                };
                self.note_selected = 0;
                Vec::new()
            }
            Action::StartItem => {
                self.follow_current = true;
                sel.map_or_else(Vec::new, |id| step(Command::StartItem { item: Some(id) }))
            }
            Action::PauseResume => match pause_or_resume(m) {
                Some(cmd) => step(cmd),
                None => vec![Msg::notice(
                    NoticeKind::Info,
                    T::NoItemRunningNotice.get(ctx.lang),
                )],
            },
            Action::EndItem => step(Command::EndItem),
            Action::NextItem | Action::PrevItem => {
                self.follow_current = true;
                step(if action == Action::NextItem {
                    Command::NextItem
                } else {
                    Command::PrevItem
                })
            }
            Action::SkipItem => {
                sel.map_or_else(Vec::new, |id| step(Command::SkipItem { item: Some(id) }))
            }
            Action::AddNote | Action::AddDecision => {
                if let Some(id) = sel {
                    let title = m.item_label(&id);
                    let decision = action == Action::AddDecision;
                    self.editor = Some(NoteEditor::new_note(id, title, decision));
                }
                Vec::new()
            }
            Action::SwitchPane => {
                self.focus = match self.focus {
                    Focus::Items if !self.notes_of_selected(m).is_empty() => Focus::Notes,
                    _ => Focus::Items,
                };
                Vec::new()
            }
            Action::ToggleDecision | Action::DeleteNote => self.on_note(action, ctx),
            Action::AddAction => vec![Msg::OpenActionForm {
                from: ViewId::Agenda,
            }],
            Action::OpenMeeting
            | Action::CloseMeeting
            | Action::ReopenMeeting
            | Action::UndoMeeting => self.life(action, ctx),
            _ => Vec::new(),
        }
    }

    /// Edit, mark or delete the selected note.
    fn on_note(&mut self, action: Action, ctx: &Ctx) -> Vec<Msg> {
        let m = ctx.meeting;
        let notes = self.notes_of_selected(m);
        let Some(n) = notes.get(self.note_selected) else {
            let key = ctx.keymap.first(Scope::Agenda, Action::SwitchPane);
            let key = key.map(|k| k.to_string()).unwrap_or_default();
            let text = Say::NoNoteSelected { key }.text(ctx.lang);
            return vec![Msg::notice(NoticeKind::Info, text)];
        };
        let cmd = match action {
            Action::ToggleDecision => Command::EditNote {
                note: n.id.clone(),
                text: n.text.clone(),
                decision: !n.decision,
            },
            Action::DeleteNote => Command::DeleteNote { note: n.id.clone() },
            _ => {
                let title = n
                    .item
                    .as_deref()
                    .map(|i| m.item_label(i))
                    .unwrap_or_default();
                self.editor = Some(NoteEditor::edit(n, title));
                return Vec::new();
            }
        };
        vec![Msg::record(cmd, Tag::AgendaStep)]
    }

    /// An intent while the note editor is open.
    fn edit(&mut self, intent: &Intent) -> Vec<Msg> {
        let Some(ed) = self.editor.as_mut() else {
            return Vec::new();
        };
        match intent {
            Intent::Action(_, Action::Submit) => {
                if let Some(cmd) = ed.save() {
                    return vec![Msg::record(cmd, Tag::Note)];
                }
            }
            Intent::Action(_, Action::ToggleDecision) => ed.toggle_decision(),
            Intent::Action(_, Action::Cancel) => self.editor = None,
            Intent::Key(k) => ed.key(k),
            Intent::Paste(s) => ed.paste(s),
            _ => {}
        }
        Vec::new()
    }
}

impl View for AgendaView {
    fn scopes(&self) -> &'static [Scope] {
        if self.confirm_close {
            &[Scope::Confirm]
        } else if self.speakers.adding() {
            self.speakers.scopes()
        } else if self.editing() {
            &[Scope::Editor]
        } else {
            &[Scope::Agenda, Scope::Global]
        }
    }

    fn modal(&self) -> bool {
        self.editing() || self.confirm_close || self.speakers.adding()
    }

    fn text_focus(&self) -> TextFocus {
        if self.speakers.adding() {
            self.speakers.text_focus()
        } else if self.editing() {
            TextFocus::Keys
        } else {
            TextFocus::None
        }
    }

    fn unsaved_input(&self) -> bool {
        self.editor.as_ref().is_some_and(NoteEditor::changed) || self.speakers.unsaved_input()
    }

    fn hints(&self) -> &'static [Action] {
        use Action::*;
        if self.confirm_close {
            &[Yes, No]
        } else if self.editing() {
            &[Submit, ToggleDecision, Cancel]
        } else {
            // The meeting's next step first: it is what the chair is looking for.
            match self.stage {
                life::Stage::NotOpened => &[
                    OpenMeeting,
                    StartItem,
                    NextItem,
                    SkipItem,
                    AddNote,
                    AddDecision,
                    AddAction,
                ],
                life::Stage::Open => &[
                    StartItem,
                    PauseResume,
                    EndItem,
                    NextItem,
                    CloseMeeting,
                    PrevItem,
                    SkipItem,
                    AddNote,
                    AddDecision,
                    AddAction,
                    SpeakerNext,
                    SpeakerAdd,
                ],
                life::Stage::Closed => &[ReopenMeeting, UndoMeeting, AddAction],
            }
        }
    }

    fn sync(&mut self, m: &Meeting) {
        self.rebuild(m);
        self.speakers.sync(m);
    }

    fn handle(&mut self, intent: &Intent, ctx: &Ctx) -> Vec<Msg> {
        let msgs = if self.confirm_close {
            self.confirming_close(intent)
        } else if self.speakers.adding() {
            self.speakers.handle_adding(intent, ctx)
        } else if self.editing() {
            self.edit(intent)
        } else {
            match intent {
                Intent::Action(_, action) => self.act(*action, ctx),
                _ => Vec::new(),
            }
        };
        self.remember_note(ctx.meeting);
        msgs
    }

    fn reply(&mut self, reply: Reply, ctx: &Ctx) -> Vec<Msg> {
        let msgs = self.replied(reply, ctx);
        self.remember_note(ctx.meeting);
        msgs
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        render::render(self, frame, area, ctx);
    }
}

/// Who a note is whatever id it goes by: the event that created it (an id can change
/// when another seat gave out the same one).
fn note_key(n: &Note) -> String {
    n.origin.clone().unwrap_or_else(|| n.id.clone())
}

impl AgendaView {
    fn replied(&mut self, reply: Reply, ctx: &Ctx) -> Vec<Msg> {
        let Reply::Recorded { tag, recorded } = reply else {
            return Vec::new();
        };
        if !recorded.ok() {
            // The notice line says why; an open editor keeps the text.
            return Vec::new();
        }
        match tag {
            Tag::Note => {
                self.editor = None;
                vec![Msg::notice(NoticeKind::Success, T::NoteSaved.get(ctx.lang))]
            }
            Tag::AgendaStep
                if recorded
                    .outcomes
                    .iter()
                    .any(|o| o.warnings.contains(&Warning::NothingToChange)) =>
            {
                vec![Msg::notice(
                    NoticeKind::Info,
                    T::NothingChanged.get(ctx.lang),
                )]
            }
            // Opening, closing, reopening, or an item that opened the meeting: say so.
            Tag::AgendaStep => life::said(&recorded, ctx).into_iter().collect(),
            _ => Vec::new(),
        }
    }
}
