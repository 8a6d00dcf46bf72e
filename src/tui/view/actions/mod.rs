//! The actions view: the list and form from `crate::chair`, wired to the desk's keymap
//! and to `AppCtx::execute`. The form also opens from any other view (the global
//! add-action key); the desk goes back to that view when the form closes.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::{AppCtx, Handled, NoticeKind, View, ViewCtx, ViewId};
use crate::chair::actions::{ActionsAction, ActionsPane};
use crate::chair::{Effect, PaneCtx};
use crate::core::meeting::Meeting;
use crate::tui::input::{Intent, TextFocus};
use crate::tui::keymap::{Action, Scope};

pub struct ActionsView {
    pane: ActionsPane,
    /// The view the form was opened from, to go back to when it closes.
    pub return_to: Option<ViewId>,
}

impl ActionsView {
    pub fn new(m: &Meeting) -> ActionsView {
        ActionsView {
            pane: ActionsPane::new(m, m.agenda.meeting.date),
            return_to: None,
        }
    }

    /// Open the form for a new action; `from` is the view to go back to.
    pub fn open_add(&mut self, m: &Meeting, from: Option<ViewId>) {
        self.pane.open_add(m);
        self.return_to = from;
    }

    pub fn form_open(&self) -> bool {
        self.pane.form_open()
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

impl View for ActionsView {
    fn scopes(&self) -> &'static [Scope] {
        if self.pane.confirming() {
            &[Scope::Confirm]
        } else if self.pane.takes_text() {
            &[Scope::Editor]
        } else {
            &[Scope::Actions, Scope::Global]
        }
    }

    fn modal(&self) -> bool {
        self.pane.takes_text()
    }

    fn text_focus(&self) -> TextFocus {
        if self.pane.takes_text() && !self.pane.confirming() {
            TextFocus::Keys
        } else {
            TextFocus::None
        }
    }

    fn unsaved_input(&self) -> bool {
        self.pane.unsaved_input()
    }

    fn hints(&self) -> &'static [Action] {
        if self.pane.form_open() {
            &[Action::Submit, Action::Cancel]
        } else if self.pane.confirming() {
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
        self.pane.sync(m, self.pane.today());
    }

    fn handle(&mut self, intent: &Intent, ctx: &mut AppCtx) -> Handled {
        let lang = ctx.lang;
        let was_form = self.pane.form_open();
        let effect = if self.pane.takes_text() {
            let k = match intent {
                Intent::Action(_, Action::Submit) => key(KeyCode::F(2)),
                Intent::Action(_, Action::Cancel | Action::No) => key(KeyCode::Esc),
                Intent::Action(_, Action::Yes) => key(KeyCode::Char('y')),
                Intent::Key(k) => *k,
                Intent::Paste(s) => {
                    let m = ctx.meeting().clone();
                    self.pane.paste(s, &m);
                    return Handled::Yes;
                }
                Intent::Action(_, Action::ToggleDecision) => return Handled::Yes,
                _ => return Handled::No,
            };
            let m = ctx.meeting().clone();
            self.pane.handle_text_key(&k, &m, lang)
        } else {
            let Intent::Action(_, action) = intent else {
                return Handled::No;
            };
            let a = match action {
                Action::Up => ActionsAction::Up,
                Action::Down => ActionsAction::Down,
                Action::AddAction => ActionsAction::Add,
                Action::EditEntry => ActionsAction::Edit,
                Action::ToggleDone => ActionsAction::ToggleDone,
                Action::DeleteEntry => ActionsAction::Delete,
                Action::Filter => ActionsAction::FilterOwner,
                Action::CycleStatus => ActionsAction::CycleStatus,
                Action::ToggleOverdue => ActionsAction::ToggleOverdue,
                Action::Clear => ActionsAction::ClearFilters,
                _ => return Handled::No,
            };
            let m = ctx.meeting().clone();
            self.pane.handle(a, &m, lang)
        };
        match effect {
            Effect::Execute(cmd) => match ctx.execute(&cmd) {
                Ok(_) => {
                    if was_form {
                        self.pane.saved();
                        ctx.notify(
                            NoticeKind::Success,
                            lang.pick("action item saved", "任务已保存"),
                        );
                    }
                }
                Err(f) => {
                    if was_form {
                        let reason = match f {
                            super::Failure::Refused(r) | super::Failure::NotSaved(r) => r,
                        };
                        self.pane.refused(reason);
                    }
                }
            },
            Effect::Notice(s) => ctx.notify(NoticeKind::Info, s),
            Effect::None | Effect::OpenActionForm => {}
        }
        Handled::Yes
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &ViewCtx) {
        let today: NaiveDate = ctx.now.with_timezone(&ctx.tz).date_naive();
        if today != self.pane.today() {
            self.pane.sync(ctx.meeting, today);
        }
        let pctx = PaneCtx {
            meeting: ctx.meeting,
            lang: ctx.lang,
            now: ctx.now,
            tz: ctx.tz,
        };
        self.pane.render(frame, area, &pctx);
    }
}
