//! The big clock, to share on the video link: the current item, its speaker, and the
//! remaining time in large digits, readable on a projector. The digits are drawn with
//! tui-big-text; at full size each pixel becomes a space with a background colour, so
//! terminals that draw block glyphs two columns wide (some CJK settings) still show
//! them right.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use super::{PALETTE, PaneCtx, Phase, clock_text, item_clock, speaker_name, truncate};
use crate::core::meeting::ItemStatus;
use crate::i18n::Lang;

#[derive(Debug, Default)]
pub struct BigClock;

impl BigClock {
    pub fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let m = ctx.meeting;
        let lang = ctx.lang;
        let Some(id) = m.current_item.as_deref() else {
            let text = if m.ended_at.is_some() {
                lang.pick("The meeting has ended", "会议已结束")
            } else {
                lang.pick("No agenda item is running", "当前无进行中的议程")
            };
            let y = area.height / 2;
            let line_area = Rect {
                y: area.y + y,
                height: area.height.saturating_sub(y).min(1),
                ..area
            };
            frame.render_widget(
                Paragraph::new(Span::styled(text, PALETTE.title)).alignment(Alignment::Center),
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
            Phase::Normal => Color::Green,
            Phase::Warning => Color::Yellow,
            Phase::Overrun => Color::Red,
        };
        let w = area.width as usize;
        let title = Line::from(Span::styled(truncate(&m.item_label(id), w), PALETTE.title));
        let speaker = speaker_name(m, id)
            .map(|s| format!("{}{s}", lang.pick("Speaker: ", "主讲：")))
            .unwrap_or_default();
        let state = match (c.phase, paused, lang) {
            (_, true, Lang::En) => "PAUSED".to_string(),
            (_, true, Lang::Zh) => "已暂停".to_string(),
            (Phase::Overrun, _, Lang::En) => "OVER TIME".into(),
            (Phase::Overrun, _, Lang::Zh) => "已超时".into(),
            (_, _, Lang::En) if c.planned.is_zero() => "elapsed".into(),
            (_, _, Lang::Zh) if c.planned.is_zero() => "已用时".into(),
            (_, _, Lang::En) => format!("left of {} min", c.planned.num_minutes()),
            (_, _, Lang::Zh) => format!("剩余（计划 {} 分钟）", c.planned.num_minutes()),
        };
        let state_style = match c.phase {
            Phase::Normal if !paused => Style::new().fg(colour),
            _ => Style::new().fg(Color::Black).bg(colour),
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
}
