//! The big clock, to share on the video link: the current item, its speaker, and the
//! remaining time in large digits, readable on a projector. The digits are drawn with
//! tui-big-text; at full size each pixel becomes a space with a background colour, so
//! terminals that draw block glyphs two columns wide (some CJK settings) still show
//! them right. Only the global keys act here.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use super::View;
use super::timing::{Phase, clock_text, item_clock, speaker_name};
use crate::core::meeting::ItemStatus;
use crate::tui::ctx::Ctx;
use crate::tui::fit::truncate;
use crate::tui::input::Intent;
use crate::tui::keymap::Scope;
use crate::tui::msg::Msg;
use crate::tui::text::{Say, T};

#[derive(Debug, Default)]
pub struct ClockView;

impl View for ClockView {
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Global]
    }

    fn handle(&mut self, _intent: &Intent, _ctx: &Ctx) -> Vec<Msg> {
        Vec::new()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        render(frame, area, ctx);
    }
}

/// Draw the big clock for the meeting as it stands at `ctx.now`.
pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let (m, lang, th) = (ctx.meeting, ctx.lang, ctx.theme);
    let Some(id) = m.current_item.as_deref() else {
        let text = if m.ended_at.is_some() {
            T::ClockEnded
        } else {
            T::ClockIdle
        };
        let y = area.height / 2;
        let line_area = Rect {
            y: area.y + y,
            height: area.height.saturating_sub(y).min(1),
            ..area
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text.get(lang), th.title)).alignment(Alignment::Center),
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
        Say::LeftOf { minutes }.text(lang)
    };
    let state_style = match c.phase {
        Phase::Normal if !paused => Style::new().fg(colour),
        _ => Style::new().fg(ratatui::style::Color::Black).bg(colour),
    };
    // While someone speaks, the clock is theirs (`view::speakers`).
    let (digits, colour, speaker, state, state_style) = match super::speakers::clock_face(ctx) {
        Some(f) => (f.digits, f.colour, f.speaker, f.state, f.state_style),
        None => (digits, colour, speaker, state, state_style),
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
    let text_h = if area.height >= digit_h + 4 { 4 } else { 3 };
    let top = area.height.saturating_sub(digit_h + text_h) / 2;
    let [_, head, spk, big, st] = Layout::vertical([
        Constraint::Length(top),
        Constraint::Length(1),
        Constraint::Length(if text_h == 4 { 2 } else { 1 }),
        Constraint::Length(digit_h),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(title).alignment(Alignment::Center), head);
    frame.render_widget(
        Paragraph::new(Span::raw(truncate(&speaker, w))).alignment(Alignment::Center),
        Rect { height: 1, ..spk },
    );
    match size {
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
            Paragraph::new(Span::styled(digits, Style::new().fg(colour)))
                .alignment(Alignment::Center),
            big,
        ),
    }
    frame.render_widget(
        Paragraph::new(Span::styled(state, state_style)).alignment(Alignment::Center),
        st,
    );
}
