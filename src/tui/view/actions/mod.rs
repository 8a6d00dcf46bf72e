//! The actions view: the action items with owners, due dates (as said and resolved),
//! source item and status; filters by owner, status and overdue; keys to add, edit,
//! complete, reopen and delete; and the action form ([`form`]), which also opens from any
//! other view (the desk comes back to that view when it closes). This file holds the
//! state and what keys do; [`render`] draws.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use tui_input::Input;

use super::{View, ViewId};
use crate::core::actions::{ActionFilter, ActionRow, StatusFilter, list};
use crate::core::command::Command;
use crate::core::meeting::{ActionStatus, Meeting};
use crate::tui::ctx::Ctx;
use crate::tui::input::{Intent, TextFocus, edit_request};
use crate::tui::keymap::{Action, Scope};
use crate::tui::msg::{Msg, NoticeKind, Reply, Tag};
use crate::tui::text::T;

pub mod form;
mod render;

use form::ActionForm;

pub struct ActionsView {
    filter: ActionFilter,
    owner_box: Input,
    typing_owner: bool,
    rows: Vec<ActionRow>,
    selected: usize,
    /// Who the selected action is, as the user left it: the event that created it (an id
    /// can change when another seat gave out the same one), or the agenda's id.
    selected_key: Option<String>,
    /// Delete asked for this id: the Yes key confirms, any other keeps it.
    confirm_delete: Option<String>,
    form: Option<ActionForm>,
    /// The view the form was opened from, to go back to when it closes.
    return_to: Option<ViewId>,
    today: NaiveDate,
}

impl ActionsView {
    pub fn new(m: &Meeting) -> ActionsView {
        let today = m.agenda.meeting.date;
        let mut v = ActionsView {
            filter: ActionFilter::default(),
            owner_box: Input::default(),
            typing_owner: false,
            rows: Vec::new(),
            selected: 0,
            selected_key: None,
            confirm_delete: None,
            form: None,
            return_to: None,
            today,
        };
        v.refilter(m);
        v
    }

    /// The list as filtered now.
    pub fn rows(&self) -> &[ActionRow] {
        &self.rows
    }

    pub fn form_open(&self) -> bool {
        self.form.is_some()
    }

    /// Waiting for the answer to "delete?".
    pub fn confirming(&self) -> bool {
        self.confirm_delete.is_some()
    }

    /// Keys go to a text box (the owner filter), the form, or the delete question.
    fn takes_text(&self) -> bool {
        self.typing_owner || self.form.is_some() || self.confirm_delete.is_some()
    }

    /// Open the form for a new action; `from` is the view to go back to when it closes.
    pub fn open_add(&mut self, m: &Meeting, from: Option<ViewId>) {
        self.form = Some(ActionForm::new(m));
        self.return_to = from;
    }

    fn refilter(&mut self, m: &Meeting) {
        self.rows = list(m, &self.filter, self.today);
        // The selection stays on its action when another seat's is listed before it.
        let kept = self.selected_key.as_deref().and_then(|k| {
            self.rows
                .iter()
                .position(|r| action_key(m, &r.id).as_deref() == Some(k))
        });
        self.selected = kept.unwrap_or(self.selected.min(self.rows.len().saturating_sub(1)));
        self.remember(m);
    }

    /// Remember which action the selection is on (after a key or a reply).
    fn remember(&mut self, m: &Meeting) {
        self.selected_key = self
            .rows
            .get(self.selected)
            .and_then(|r| action_key(m, &r.id));
    }

    /// Close the form; back to the view it was opened from, if another.
    fn close_form(&mut self) -> Vec<Msg> {
        self.form = None;
        self.return_to.take().map(Msg::Show).into_iter().collect()
    }

    /// A key of the actions scope, on the list.
    fn act(&mut self, action: Action, ctx: &Ctx) -> Vec<Msg> {
        let m = ctx.meeting;
        let sel = self.rows.get(self.selected).cloned();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1))
            }
            Action::AddAction => self.open_add(m, None),
            Action::EditEntry => {
                if let Some(a) = sel.and_then(|r| m.actions.iter().find(|a| a.id == r.id)) {
                    self.form = Some(ActionForm::edit(m, a));
                }
            }
            Action::ToggleDone => {
                if let Some(r) = sel {
                    let cmd = match r.status {
                        ActionStatus::Open => Command::CompleteAction { action: r.id },
                        ActionStatus::Done => Command::ReopenAction { action: r.id },
                    };
                    return vec![Msg::record(cmd, Tag::ActionList)];
                }
            }
            Action::DeleteEntry => self.confirm_delete = sel.map(|r| r.id),
            Action::Filter => self.typing_owner = true,
            Action::CycleStatus => {
                self.filter.status = match self.filter.status {
                    StatusFilter::All => StatusFilter::Open,
                    StatusFilter::Open => StatusFilter::Done,
                    StatusFilter::Done => StatusFilter::All,
                };
                self.refilter(m);
            }
            Action::ToggleOverdue => {
                self.filter.overdue_only = !self.filter.overdue_only;
                self.refilter(m);
            }
            Action::Clear => {
                self.filter = ActionFilter::default();
                self.owner_box.reset();
                self.refilter(m);
            }
            _ => {}
        }
        Vec::new()
    }

    /// An intent while the form is open.
    fn in_form(&mut self, intent: &Intent, ctx: &Ctx) -> Vec<Msg> {
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        let (m, lang) = (ctx.meeting, ctx.lang);
        let cmd = match intent {
            Intent::Action(_, Action::Submit) => form.submit(m, lang),
            Intent::Action(_, Action::Cancel) => return self.close_form(),
            Intent::Key(k) => form.key(k, m, lang),
            Intent::Paste(s) => {
                form.paste(s, m, lang);
                None
            }
            _ => None,
        };
        cmd.map(|c| Msg::record(c, Tag::ActionForm))
            .into_iter()
            .collect()
    }

    /// An intent while the owner filter box has the focus: typing edits it, Enter, Tab
    /// and the cancel key end it.
    fn in_owner_box(&mut self, intent: &Intent, ctx: &Ctx) {
        use ratatui::crossterm::event::KeyCode;
        match intent {
            Intent::Action(_, Action::Cancel) => self.typing_owner = false,
            Intent::Key(k) if matches!(k.code, KeyCode::Enter | KeyCode::Tab) => {
                self.typing_owner = false
            }
            Intent::Key(k) => {
                if let Some(r) = edit_request(k) {
                    self.owner_box.handle(r);
                    let v = self.owner_box.value().trim();
                    self.filter.owner = (!v.is_empty()).then(|| v.to_string());
                    self.refilter(ctx.meeting);
                }
            }
            _ => {}
        }
    }
}

impl View for ActionsView {
    fn scopes(&self) -> &'static [Scope] {
        if self.confirming() {
            &[Scope::Confirm]
        } else if self.takes_text() {
            &[Scope::Editor]
        } else {
            &[Scope::Actions, Scope::Global]
        }
    }

    fn modal(&self) -> bool {
        self.takes_text()
    }

    fn text_focus(&self) -> TextFocus {
        // The form and the owner box read keys themselves; so does the delete question
        // (the Yes key deletes, any other keeps).
        if self.takes_text() {
            TextFocus::Keys
        } else {
            TextFocus::None
        }
    }

    fn unsaved_input(&self) -> bool {
        self.form.as_ref().is_some_and(ActionForm::changed)
    }

    fn hints(&self) -> &'static [Action] {
        if self.form_open() {
            &[Action::Submit, Action::Cancel]
        } else if self.confirming() {
            &[Action::Yes, Action::No]
        } else {
            &[
                Action::AddAction,
                Action::EditEntry,
                Action::ToggleDone,
                Action::DeleteEntry,
                Action::Filter,
                Action::CycleStatus,
                Action::ToggleOverdue,
            ]
        }
    }

    fn sync(&mut self, m: &Meeting) {
        self.refilter(m);
    }

    fn handle(&mut self, intent: &Intent, ctx: &Ctx) -> Vec<Msg> {
        let msgs = self.handled(intent, ctx);
        self.remember(ctx.meeting);
        msgs
    }

    fn reply(&mut self, reply: Reply, ctx: &Ctx) -> Vec<Msg> {
        let msgs = self.replied(reply, ctx);
        self.remember(ctx.meeting);
        msgs
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        // A new day makes other actions overdue.
        let today = ctx.now.with_timezone(&ctx.tz).date_naive();
        if today != self.today {
            self.today = today;
            self.refilter(ctx.meeting);
        }
        render::render(self, frame, area, ctx);
    }
}

/// Who an action is whatever id it goes by: the event that created it, or (an action of
/// the agenda) its id.
fn action_key(m: &Meeting, id: &str) -> Option<String> {
    let a = m.actions.iter().find(|a| a.id == id)?;
    Some(a.origin.clone().unwrap_or_else(|| a.id.clone()))
}

impl ActionsView {
    fn handled(&mut self, intent: &Intent, ctx: &Ctx) -> Vec<Msg> {
        if let Some(id) = self.confirm_delete.take() {
            if let Intent::Action(_, Action::Yes) = intent {
                let cmd = Command::DeleteAction { action: id };
                return vec![Msg::record(cmd, Tag::ActionList)];
            }
            return Vec::new();
        }
        if self.form.is_some() {
            return self.in_form(intent, ctx);
        }
        if self.typing_owner {
            self.in_owner_box(intent, ctx);
            return Vec::new();
        }
        match intent {
            Intent::Action(_, action) => self.act(*action, ctx),
            _ => Vec::new(),
        }
    }

    fn replied(&mut self, reply: Reply, ctx: &Ctx) -> Vec<Msg> {
        let Reply::Recorded {
            tag: Tag::ActionForm,
            recorded,
        } = reply
        else {
            return Vec::new();
        };
        match &recorded.failure {
            None => {
                let mut msgs = self.close_form();
                let saved = T::ActionSaved.get(ctx.lang);
                msgs.insert(0, Msg::notice(NoticeKind::Success, saved));
                msgs
            }
            Some(f) => {
                // The form stays, with the reason in it.
                if let Some(form) = self.form.as_mut() {
                    form.set_problem(f.reason().to_string());
                }
                Vec::new()
            }
        }
    }
}
