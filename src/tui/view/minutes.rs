//! The minutes view. Its owner fills it; until then it says what will be here.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{AppCtx, Handled, View, ViewCtx, render_coming};
use crate::tui::input::Intent;
use crate::tui::keymap::Scope;
use crate::tui::text::T;

#[derive(Debug, Default)]
pub struct MinutesView {}

impl View for MinutesView {
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Minutes, Scope::Global]
    }

    fn handle(&mut self, _intent: &Intent, _ctx: &mut AppCtx) -> Handled {
        Handled::No
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &ViewCtx) {
        render_coming(frame, area, ctx, T::MinutesComing);
    }
}
