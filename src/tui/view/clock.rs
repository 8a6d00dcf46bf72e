//! The big-clock view, to share on the video link: `crate::chair::clock`.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{AppCtx, Handled, View, ViewCtx};
use crate::chair::PaneCtx;
use crate::chair::clock::BigClock;
use crate::tui::input::Intent;
use crate::tui::keymap::Scope;

#[derive(Debug, Default)]
pub struct ClockView {
    clock: BigClock,
}

impl View for ClockView {
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Global]
    }

    fn handle(&mut self, _intent: &Intent, _ctx: &mut AppCtx) -> Handled {
        Handled::No
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &ViewCtx) {
        let pctx = PaneCtx {
            meeting: ctx.meeting,
            lang: ctx.lang,
            now: ctx.now,
            tz: ctx.tz,
        };
        self.clock.render(frame, area, &pctx);
    }
}
