//! The help overlay (F1): the keys of the view on screen, then the keys that work
//! everywhere, from the keymap. It fits any screen the desk runs on: descriptions wrap
//! under their keys when the columns are narrow, the list scrolls (arrows, PgUp/PgDn,
//! Home/End), the last line says what is hidden below and how to close (Esc or F1 only,
//! so that a stray key does not close it before it was read).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::fit::{pad, truncate, wrap};
use super::keymap::{Action, Keymap, Scope};
use super::layout::{Window, centered, clear_popup};
use super::text::{Say, T};
use super::theme::Theme;
use crate::i18n::Lang;

/// One heading and its keys: `(keys, what they do)`.
#[derive(Debug, Clone)]
pub struct Section {
    pub heading: String,
    pub rows: Vec<(String, &'static str)>,
}

impl Section {
    /// Every bound action of `scope` (all of them, or only `only`).
    pub fn of(
        heading: String,
        scope: Scope,
        only: Option<&[Action]>,
        km: &Keymap,
        lang: Lang,
    ) -> Section {
        let rows = km
            .scope(scope)
            .iter()
            .filter(|(a, keys)| !keys.is_empty() && only.is_none_or(|o| o.contains(a)))
            .map(|(a, keys)| {
                let k = keys.iter().map(|k| k.to_string()).collect::<Vec<_>>();
                (k.join(" / "), a.describe(lang))
            })
            .collect();
        Section { heading, rows }
    }
}

/// The overlay's state: how far it is scrolled. The page and the end are those of the
/// last frame drawn.
#[derive(Debug, Clone, Default)]
pub struct Help {
    offset: usize,
    page: usize,
    max_offset: usize,
}

impl Help {
    /// Scroll for one of the help scope's actions.
    pub fn scroll(&mut self, action: Action) {
        let page = self.page.max(1);
        self.offset = match action {
            Action::Up => self.offset.saturating_sub(1),
            Action::Down => self.offset + 1,
            Action::PageUp => self.offset.saturating_sub(page),
            Action::PageDown => self.offset + page,
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => self.offset,
        }
        .min(self.max_offset);
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Draw over `area` (the body of the screen).
    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        (title, sections): (&str, &[Section]),
        km: &Keymap,
        th: &Theme,
        lang: Lang,
    ) {
        let width = Help::width(area);
        let mut lines = layout(sections, width, th);
        lines.push(Line::raw(""));
        for l in wrap(T::HelpFooter.get(lang), width) {
            lines.push(Line::styled(l, th.dim));
        }
        let view = title.to_string();
        let title = Say::HelpTitle { view }.text(lang);
        self.render_lines(frame, area, (title, lines), Action::Help, km, th, lang);
    }

    /// The width of the text inside the overlay over `area`: the whole width of a small
    /// screen (what shows beside a popup only distracts), up to 100 columns.
    pub fn width(area: Rect) -> usize {
        area.width.min(100).saturating_sub(2) as usize
    }

    /// Draw `lines` (at most [`Help::width`] wide) in the overlay titled `title`, the
    /// height they need up to the whole body, scrolled; the last row says how to scroll
    /// and how to close it (its close key, and the key `opener` that opened it).
    #[allow(clippy::too_many_arguments)]
    pub fn render_lines(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        (title, lines): (String, Vec<Line<'static>>),
        opener: Action,
        km: &Keymap,
        th: &Theme,
        lang: Lang,
    ) {
        let width = Help::width(area);
        let height = (lines.len() + 3).min(u16::MAX as usize) as u16;
        let popup = centered(area, 100, height);
        clear_popup(frame, popup, area, 1);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border_focus)
            .title(title);
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        // The last row: how to scroll and close, and what is hidden.
        let text_h = inner.height.saturating_sub(1) as usize;
        self.page = text_h.saturating_sub(1).max(1);
        self.max_offset = lines.len().saturating_sub(text_h);
        self.offset = self.offset.min(self.max_offset);
        let shown: Vec<Line> = lines
            .iter()
            .skip(self.offset)
            .take(text_h)
            .cloned()
            .collect();
        frame.render_widget(
            Paragraph::new(shown),
            Rect {
                height: text_h as u16,
                ..inner
            },
        );
        let win = Window {
            start: self.offset,
            end: (self.offset + text_h).min(lines.len()),
            above: self.offset,
            below: lines.len().saturating_sub(self.offset + text_h),
            marked: true,
        };
        let marker = win.marker(lang);
        let keys = footer_keys(km, opener, lang);
        let room = width.saturating_sub(marker.width() + 2);
        let foot = Line::from(vec![
            Span::styled(pad(&keys, room), th.dim),
            Span::raw("  "),
            Span::styled(marker, th.title),
        ]);
        frame.render_widget(
            Paragraph::new(foot),
            Rect {
                y: inner.y + inner.height - 1,
                height: 1,
                ..inner
            },
        );
    }
}

/// `Up/Down scroll   PgUp/PgDn page   Home/End start/end   Esc/F1 close`, from the keymap
/// (`opener`: the global action whose key closes it too).
fn footer_keys(km: &Keymap, opener: Action, lang: Lang) -> String {
    let two = |a: Action, b: Action| {
        let k = |s: Scope, x: Action| km.first(s, x).map(|k| k.to_string()).unwrap_or_default();
        format!("{}/{}", k(Scope::Help, a), k(Scope::Help, b))
    };
    let close = {
        let esc = km.first(Scope::Help, Action::Back);
        let f1 = km.first(Scope::Global, opener);
        [esc, f1]
            .iter()
            .flatten()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join("/")
    };
    Say::HelpKeys {
        scroll: two(Action::Up, Action::Down),
        page: two(Action::PageUp, Action::PageDown),
        ends: two(Action::Top, Action::Bottom),
        close,
    }
    .text(lang)
}

/// The sections as lines `width` columns wide: keys in a column and what they do beside
/// them, wrapped; on a narrow screen, what they do goes under the keys.
fn layout(sections: &[Section], width: usize, th: &Theme) -> Vec<Line<'static>> {
    let key_w = sections
        .iter()
        .flat_map(|s| s.rows.iter().map(|(k, _)| k.width()))
        .max()
        .unwrap_or(0)
        .min(22);
    // Keys and description side by side when the description gets 20 columns.
    let beside = width >= 2 + key_w + 1 + 20;
    let mut lines = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(truncate(&s.heading, width), th.header));
        for (keys, what) in &s.rows {
            if beside {
                let desc_w = width - 2 - key_w - 1;
                let keys = if keys.width() > key_w {
                    // Keys wider than the column get their own line.
                    lines.push(Line::styled(
                        format!("  {}", truncate(keys, width - 2)),
                        th.title,
                    ));
                    String::new()
                } else {
                    keys.clone()
                };
                for (j, part) in wrap(what, desc_w).into_iter().enumerate() {
                    let k = if j == 0 { keys.as_str() } else { "" };
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {}", pad(k, key_w)), th.title),
                        Span::raw(" "),
                        Span::raw(part),
                    ]));
                }
            } else {
                lines.push(Line::styled(
                    format!("  {}", truncate(keys, width.saturating_sub(2))),
                    th.title,
                ));
                for part in wrap(what, width.saturating_sub(4)) {
                    lines.push(Line::raw(format!("    {part}")));
                }
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::THEME;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn descriptions_wrap_beside_their_keys_or_under_them() {
        let km = Keymap::default();
        let s = vec![Section::of(
            "Attendance".into(),
            Scope::Attendance,
            None,
            &km,
            Lang::En,
        )];
        for width in [24usize, 38, 76] {
            let lines = text(&layout(&s, width, &THEME));
            for l in &lines {
                assert!(l.width() <= width, "{width}: {l:?}");
            }
            let all = lines.join("\n");
            assert!(all.contains("Ctrl+Z / F12"), "{all}");
            assert!(all.contains("typed or scanned"), "{all}");
        }
    }
}
