//! The big clock, to share on the video link: the current item, its speaker, and the
//! remaining time in large digits, readable on a projector. The digits are drawn from
//! tui-big-text's font: in colour, each pixel of a full-size digit is a space with a
//! background colour, so terminals that draw block glyphs two columns wide (some CJK
//! settings) still show them right; without colour (`NO_COLOR`, a monochrome terminal)
//! each pixel is an ASCII glyph, which every terminal draws one column wide.
//!
//! It is a place one leaves: Esc (or Ctrl+G again) goes back to the view it was opened
//! from. The chair's keys work here as in the agenda view (start or resume, pause, end,
//! next, previous), and any other key is answered with a notice, never dropped.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use super::timing::{Phase, clock_text, item_clock, pause_or_resume, speaker_name};
use super::{View, ViewId};
use crate::core::command::{Command, Warning};
use crate::core::meeting::ItemStatus;
use crate::tui::ctx::Ctx;
use crate::tui::fit::truncate;
use crate::tui::input::Intent;
use crate::tui::keymap::{Action, Scope};
use crate::tui::msg::{Msg, NoticeKind, Reply, Tag};
use crate::tui::text::{Say, T};
use crate::tui::theme::Theme;

#[derive(Debug)]
pub struct ClockView {
    /// The view the clock was opened from, to go back to.
    pub back_to: ViewId,
}

impl Default for ClockView {
    fn default() -> Self {
        ClockView {
            back_to: ViewId::Agenda,
        }
    }
}

impl ClockView {
    /// A chair's key: the same commands as in the agenda view. Start never ends the item
    /// that is running (that is next's job): it starts the next item when none runs, and
    /// resumes a paused one.
    fn step(&self, action: Action, ctx: &Ctx) -> Vec<Msg> {
        let m = ctx.meeting;
        let cmd = match action {
            Action::StartItem => Command::StartItem {
                item: m.current_item.clone(),
            },
            Action::PauseResume => match pause_or_resume(m) {
                Some(cmd) => cmd,
                None => {
                    let text = T::NoItemRunningNotice.get(ctx.lang);
                    return vec![Msg::notice(NoticeKind::Info, text)];
                }
            },
            Action::EndItem => Command::EndItem,
            Action::NextItem => Command::NextItem,
            Action::PrevItem => Command::PrevItem,
            _ => return Vec::new(),
        };
        vec![Msg::record(cmd, Tag::AgendaStep)]
    }
}

impl View for ClockView {
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Clock, Scope::Global]
    }

    fn hints(&self) -> &'static [Action] {
        use Action::*;
        &[Back, StartItem, PauseResume, NextItem, PrevItem, EndItem]
    }

    fn handle(&mut self, intent: &Intent, ctx: &Ctx) -> Vec<Msg> {
        match intent {
            Intent::Action(_, Action::Back) => vec![Msg::Show(self.back_to)],
            Intent::Action(_, a) => self.step(*a, ctx),
            _ => Vec::new(),
        }
    }

    fn reply(&mut self, reply: Reply, ctx: &Ctx) -> Vec<Msg> {
        match reply {
            Reply::Recorded { recorded, .. }
                if recorded.ok()
                    && recorded
                        .outcomes
                        .iter()
                        .any(|o| o.warnings.contains(&Warning::NothingToChange)) =>
            {
                let text = T::NothingChanged.get(ctx.lang);
                vec![Msg::notice(NoticeKind::Info, text)]
            }
            _ => Vec::new(),
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        render(frame, area, ctx);
    }
}

/// Draw the big clock for the meeting as it stands at `ctx.now`.
pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let (m, lang, th) = (ctx.meeting, ctx.lang, ctx.theme);
    let Some(id) = m.current_item.as_deref() else {
        let text = match m.ended_at {
            Some(t) => Say::ClockClosed { time: ctx.hm(t) }.text(lang),
            None => T::ClockIdle.get(lang).to_string(),
        };
        let y = area.height / 2;
        let line_area = Rect {
            y: area.y + y,
            height: area.height.saturating_sub(y).min(1),
            ..area
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, th.title)).alignment(Alignment::Center),
            line_area,
        );
        return;
    };
    let c = item_clock(m, id, ctx.now);
    let paused = m
        .item_state(id)
        .is_some_and(|s| s.status == ItemStatus::Paused);
    let digits = if c.planned.is_zero() {
        clock_text(c.elapsed)
    } else {
        clock_text(c.remaining)
    };
    let colour = match c.phase {
        Phase::Normal => th.phase_ok,
        Phase::Warning => th.phase_warn,
        Phase::Overrun => th.phase_over,
    };
    let w = area.width as usize;
    let title = Line::from(Span::styled(truncate(&m.item_label(id), w), th.title));
    let speaker = speaker_name(m, id)
        .map(|s| format!("{}{s}", T::SpeakerColon.get(lang)))
        .unwrap_or_default();
    let state = if paused {
        T::ClockPaused.get(lang).to_string()
    } else if c.phase == Phase::Overrun {
        T::ClockOver.get(lang).to_string()
    } else if c.planned.is_zero() {
        T::ClockElapsed.get(lang).to_string()
    } else {
        let minutes = c.planned.num_minutes();
        let left = Say::LeftOf { minutes }.text(lang);
        if c.phase == Phase::Warning {
            // Said in words too: the colour alone would not carry it.
            format!("{}  {left}", T::ClockEnding.get(lang))
        } else {
            left
        }
    };
    let state_style = state_style(th, !paused && c.phase == Phase::Normal, colour);
    // While someone speaks, the clock is theirs (`view::speakers`).
    let (digits, colour, speaker, state, state_style) = match super::speakers::clock_face(ctx) {
        Some(f) => (f.digits, f.colour, f.speaker, f.state, f.state_style),
        None => (digits, colour, speaker, state, state_style),
    };
    let digit_style = if th.glyphs {
        th.title
    } else {
        Style::new().fg(colour)
    };
    // Full-size digits are 8x8 cells; half-height 8x4; otherwise plain text.
    let chars = digits.chars().count() as u16;
    let (size, digit_h) = if area.width >= chars * 8 && area.height >= 8 + 4 {
        (Some(PixelSize::Full), 8)
    } else if area.width >= chars * 8 && area.height >= 4 + 3 {
        (Some(PixelSize::HalfHeight), 4)
    } else if area.width >= chars * 4 && area.height >= 4 + 3 {
        (Some(PixelSize::Quadrant), 4)
    } else {
        (None, 1)
    };
    // What the height leaves room for, most needed first: the digits, the state line,
    // the title, the speaker (two rows when there is room to breathe).
    let room = |rows: u16| area.height >= digit_h + rows;
    let st_h = u16::from(room(1));
    let head_h = u16::from(room(2));
    let spk_h = if room(4) { 2 } else { u16::from(room(3)) };
    let top = area.height.saturating_sub(digit_h + st_h + head_h + spk_h) / 2;
    let [_, head, spk, big, st] = Layout::vertical([
        Constraint::Length(top),
        Constraint::Length(head_h),
        Constraint::Length(spk_h),
        Constraint::Length(digit_h),
        Constraint::Length(st_h),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(title).alignment(Alignment::Center), head);
    frame.render_widget(
        Paragraph::new(Span::raw(truncate(&speaker, w))).alignment(Alignment::Center),
        Rect {
            height: spk.height.min(1),
            ..spk
        },
    );
    match size {
        Some(size) if th.glyphs => draw_glyphs(frame.buffer_mut(), big, &digits, size, th),
        Some(size) => {
            let big_text = BigText::builder()
                .pixel_size(size)
                .style(Style::new().fg(colour))
                .lines(vec![Line::from(digits.clone())])
                .centered()
                .build();
            if size == PixelSize::Full {
                // Render aside, then turn each lit cell into a coloured space.
                let mut scratch = Buffer::empty(big);
                big_text.render(big, &mut scratch);
                let buf = frame.buffer_mut();
                for y in big.top()..big.bottom() {
                    for x in big.left()..big.right() {
                        let lit = scratch[(x, y)].symbol() != " ";
                        let cell = &mut buf[(x, y)];
                        cell.set_symbol(" ");
                        cell.set_style(if lit {
                            Style::new().bg(colour)
                        } else {
                            Style::new()
                        });
                    }
                }
            } else {
                frame.render_widget(big_text, big);
            }
        }
        None => frame.render_widget(
            Paragraph::new(Span::styled(digits, digit_style)).alignment(Alignment::Center),
            big,
        ),
    }
    frame.render_widget(
        Paragraph::new(Span::styled(state, state_style)).alignment(Alignment::Center),
        st,
    );
}

/// The lit pixels of `digits` in tui-big-text's 8x8 font, row by row.
fn pixels(digits: &str) -> Vec<Vec<bool>> {
    let w = digits.chars().count() as u16 * 8;
    let area = Rect::new(0, 0, w, 8);
    let mut scratch = Buffer::empty(area);
    BigText::builder()
        .pixel_size(PixelSize::Full)
        .lines(vec![Line::from(digits.to_string())])
        .build()
        .render(area, &mut scratch);
    (0..8)
        .map(|y| (0..w).map(|x| scratch[(x, y)].symbol() != " ").collect())
        .collect()
}

/// The digits in ASCII glyphs, centred in `area`: at full size `#` per pixel; at half
/// height a cell holds two pixel rows (`#` both, `"` the upper, `.` the lower); at
/// quarter size two by two (`#` for two or more lit, `.` for one).
fn draw_glyphs(buf: &mut Buffer, area: Rect, digits: &str, size: PixelSize, th: &Theme) {
    let px = pixels(digits);
    let px_w = px.first().map_or(0, Vec::len);
    let (sx, sy) = match size {
        PixelSize::Full => (1, 1),
        PixelSize::HalfHeight => (1, 2),
        _ => (2, 2),
    };
    let cells_w = (px_w / sx) as u16;
    let cells_h = (8 / sy) as u16;
    let x0 = area.x + area.width.saturating_sub(cells_w) / 2;
    let lit = |x: usize, y: usize| px.get(y).and_then(|r| r.get(x)).copied().unwrap_or(false);
    for cy in 0..cells_h.min(area.height) {
        for cx in 0..cells_w.min(area.width) {
            let (px_x, px_y) = (cx as usize * sx, cy as usize * sy);
            let glyph = match (sx, sy) {
                (1, 1) => lit(px_x, px_y).then_some("#"),
                (1, _) => match (lit(px_x, px_y), lit(px_x, px_y + 1)) {
                    (true, true) => Some("#"),
                    (true, false) => Some("\""),
                    (false, true) => Some("."),
                    (false, false) => None,
                },
                _ => {
                    let n = [(0, 0), (1, 0), (0, 1), (1, 1)]
                        .iter()
                        .filter(|(dx, dy)| lit(px_x + dx, px_y + dy))
                        .count();
                    match n {
                        0 => None,
                        1 => Some("."),
                        _ => Some("#"),
                    }
                }
            };
            if let (Some(g), Some(cell)) = (glyph, buf.cell_mut((x0 + cx, area.y + cy))) {
                cell.set_symbol(g).set_style(th.title);
            }
        }
    }
}

/// The style of the clock's state words (the item's, or the speaker's): calm, in the
/// clock's colour; a warning, a pause or an overrun in reverse video, or without colour
/// (NO_COLOR, a monochrome terminal) in the theme's warning style.
pub(super) fn state_style(th: &Theme, calm: bool, colour: ratatui::style::Color) -> Style {
    match (th.glyphs, calm) {
        (true, true) => th.base,
        (true, false) => th.warn,
        (false, true) => Style::new().fg(colour),
        (false, false) => Style::new().fg(ratatui::style::Color::Black).bg(colour),
    }
}
