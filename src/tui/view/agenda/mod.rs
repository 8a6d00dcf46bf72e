//! The agenda view: the chair's runner from `crate::chair::agenda`, wired to the desk's
//! keymap and to `AppCtx::execute`.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::{AppCtx, Handled, NoticeKind, View, ViewCtx};
use crate::chair::agenda::{AgendaAction, AgendaPane};
use crate::chair::{Effect, PaneCtx};
use crate::core::command::Warning;
use crate::core::meeting::Meeting;
use crate::tui::input::{Intent, TextFocus};
use crate::tui::keymap::{Action, Scope};

pub struct AgendaView {
    pane: AgendaPane,
}

impl AgendaView {
    pub fn new(m: &Meeting) -> AgendaView {
        AgendaView {
            pane: AgendaPane::new(m),
        }
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Carry out a pane's effect; `Handled::No` when the shell must act (the action form).
pub(super) fn apply(effect: Effect, ctx: &mut AppCtx) -> (Handled, bool) {
    match effect {
        Effect::None => (Handled::Yes, false),
        Effect::Notice(s) => {
            ctx.notify(NoticeKind::Info, s);
            (Handled::Yes, false)
        }
        Effect::OpenActionForm => (Handled::No, false),
        Effect::Execute(cmd) => match ctx.execute(&cmd) {
            Ok(outcome) => {
                if outcome.warnings.contains(&Warning::NothingToChange) {
                    ctx.notify(
                        NoticeKind::Info,
                        ctx.lang.pick("nothing to change", "没有变化，未记录"),
                    );
                }
                (Handled::Yes, true)
            }
            Err(_) => (Handled::Yes, false),
        },
    }
}

impl View for AgendaView {
    fn scopes(&self) -> &'static [Scope] {
        if self.pane.editing() {
            &[Scope::Editor]
        } else {
            &[Scope::Agenda, Scope::Global]
        }
    }

    fn modal(&self) -> bool {
        self.pane.editing()
    }

    fn text_focus(&self) -> TextFocus {
        if self.pane.editing() {
            TextFocus::Keys
        } else {
            TextFocus::None
        }
    }

    fn unsaved_input(&self) -> bool {
        self.pane.unsaved_input()
    }

    fn hints(&self) -> &'static [Action] {
        if self.pane.editing() {
            &[Action::Submit, Action::ToggleDecision, Action::Cancel]
        } else {
            &[
                Action::StartItem,
                Action::PauseResume,
                Action::EndItem,
                Action::NextItem,
                Action::PrevItem,
                Action::SkipItem,
                Action::AddNote,
                Action::AddDecision,
                Action::AddAction,
            ]
        }
    }

    fn sync(&mut self, m: &Meeting) {
        self.pane.sync(m);
    }

    fn handle(&mut self, intent: &Intent, ctx: &mut AppCtx) -> Handled {
        let lang = ctx.lang;
        if self.pane.editing() {
            let effect = match intent {
                Intent::Action(_, Action::Submit) => {
                    self.pane.handle_editor_key(&key(KeyCode::F(2)))
                }
                Intent::Action(_, Action::ToggleDecision) => {
                    self.pane.handle_editor_key(&key(KeyCode::F(3)))
                }
                Intent::Action(_, Action::Cancel) => {
                    self.pane.handle_editor_key(&key(KeyCode::Esc))
                }
                Intent::Key(k) => self.pane.handle_editor_key(k),
                Intent::Paste(s) => {
                    self.pane.paste(s);
                    Effect::None
                }
                _ => return Handled::No,
            };
            let (handled, saved) = apply(effect, ctx);
            if saved {
                self.pane.saved();
                ctx.notify(NoticeKind::Success, lang.pick("note saved", "记录已保存"));
            }
            return handled;
        }
        let Intent::Action(_, action) = intent else {
            return Handled::No;
        };
        let Some(a) = agenda_action(*action) else {
            return Handled::No;
        };
        let effect = self.pane.handle(a, ctx.meeting(), lang);
        apply(effect, ctx).0
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &ViewCtx) {
        let pctx = PaneCtx {
            meeting: ctx.meeting,
            lang: ctx.lang,
            now: ctx.now,
            tz: ctx.tz,
        };
        self.pane.render(frame, area, &pctx);
    }
}

/// The agenda pane's action for a desk action of the agenda scope (keys come through the
/// keymap, so a user's own keys apply here too).
pub fn agenda_action(action: Action) -> Option<AgendaAction> {
    Some(match action {
        Action::Up => AgendaAction::Up,
        Action::Down => AgendaAction::Down,
        Action::StartItem => AgendaAction::Start,
        Action::PauseResume => AgendaAction::PauseResume,
        Action::EndItem => AgendaAction::End,
        Action::NextItem => AgendaAction::Next,
        Action::PrevItem => AgendaAction::Prev,
        Action::SkipItem => AgendaAction::Skip,
        Action::AddNote => AgendaAction::AddNote,
        Action::AddDecision => AgendaAction::AddDecision,
        Action::SwitchPane => AgendaAction::SwitchFocus,
        Action::ToggleDecision => AgendaAction::ToggleDecision,
        Action::DeleteNote => AgendaAction::DeleteNote,
        Action::AddAction => AgendaAction::AddAction,
        _ => return None,
    })
}
