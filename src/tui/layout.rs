//! Placing things on the screen: popups (centred, and cleared so that a wide character
//! underneath cannot straddle their border) and text wrapped safely by display width.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Clear;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A rectangle of at most `w`×`h` in the middle of `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x.saturating_add((area.width - w) / 2),
        y: area.y.saturating_add((area.height - h) / 2),
        width: w,
        height: h,
    }
}

/// Blank a popup's area and `margin` columns either side of it (within `area`): a popup
/// that nearly fills the view keeps a blank column around it, so the view underneath
/// does not crowd its border. Without a margin, a wide character just left of the popup
/// would cover its left border (the terminal draws it two columns wide), so it is
/// blanked too.
pub fn clear_popup(frame: &mut Frame, popup: Rect, area: Rect, margin: u16) {
    let x = popup.x.saturating_sub(margin).max(area.x);
    let right = (popup.right() + margin)
        .min(area.right())
        .max(popup.right());
    let cleared = Rect {
        x,
        width: right.saturating_sub(x),
        ..popup
    };
    frame.render_widget(Clear, cleared);
    if cleared.x == 0 || cleared.x < popup.x {
        return;
    }
    let buf = frame.buffer_mut();
    for y in cleared.top()..cleared.bottom() {
        if let Some(cell) = buf.cell_mut((cleared.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// The first row to show of a list of `len` rows, `visible` at a time, so that row
/// `selected` is on screen (as near the bottom as it needs to be).
pub fn scroll_start(selected: usize, len: usize, visible: usize) -> usize {
    selected
        .saturating_sub(visible.saturating_sub(1))
        .min(len.saturating_sub(visible))
}

/// The rows of a list shown in a given height, and how many are hidden either side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first row shown and one past the last.
    pub start: usize,
    pub end: usize,
    /// Rows hidden before `start` and after `end`.
    pub above: usize,
    pub below: usize,
    /// Whether the last line of the height is left for [`Window::marker`].
    pub marked: bool,
}

impl Window {
    /// The rows of a list of `len` to show in `height` lines so that row `selected` is
    /// on screen. When rows are hidden and at least two lines are there, the last line is
    /// left for the marker that says so (`+2 more`), so nothing is dropped silently.
    pub fn of(selected: usize, len: usize, height: usize) -> Window {
        let marked = len > height && height >= 2;
        let rows = if marked { height - 1 } else { height };
        let start = scroll_start(selected, len, rows);
        let end = (start + rows).min(len);
        Window {
            start,
            end,
            above: start,
            below: len - end,
            marked,
        }
    }

    /// Rows are hidden.
    pub fn hides(&self) -> bool {
        self.above + self.below > 0
    }

    /// `+3 above  +5 more`: what is hidden, in words ("" when nothing is).
    pub fn marker(&self, lang: crate::i18n::Lang) -> String {
        use crate::tui::text::Say;
        let mut parts = Vec::new();
        if self.above > 0 {
            parts.push(Say::Above { n: self.above }.text(lang));
        }
        if self.below > 0 {
            parts.push(Say::More { n: self.below }.text(lang));
        }
        parts.join("  ")
    }
}

/// Break `text` into lines of at most `width` display columns, anywhere (for the
/// "too small" message, which must fit however narrow the terminal). A character wider
/// than the whole width is left out.
pub fn hard_wrap(text: &str, width: u16) -> Vec<Line<'static>> {
    let width = width as usize;
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if w > width {
            continue;
        }
        if used + w > width {
            lines.push(Line::raw(std::mem::take(&mut line)));
            used = 0;
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() {
        lines.push(Line::raw(line));
    }
    lines
}

/// Give a combining mark that has nothing to combine with (at the start, or after a
/// space) the dotted circle to sit on, as fonts draw it. ratatui's wrapper miscounts a
/// base-less mark and writes past the edge of the area (ratatui#2679): a name pasted
/// with such a mark must not crash the desk when it shows in the notice line.
pub fn based_marks(text: &str) -> Cow<'_, str> {
    let needs = |prev: Option<char>, c: char| {
        c.width() == Some(0) && !c.is_control() && prev.is_none_or(char::is_whitespace)
    };
    let mut prev = None;
    if !text.chars().any(|c| {
        let n = needs(prev, c);
        prev = Some(c);
        n
    }) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 3);
    let mut prev = None;
    for c in text.chars() {
        if needs(prev, c) {
            out.push('\u{25CC}');
        }
        out.push(c);
        prev = Some(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::{Paragraph, Wrap};

    #[test]
    fn a_window_keeps_the_selection_and_leaves_a_line_for_the_marker() {
        let w = Window::of(0, 10, 4);
        assert_eq!((w.start, w.end, w.below, w.marked), (0, 3, 7, true));
        assert_eq!(w.marker(crate::i18n::Lang::En), "+7 more");
        let w = Window::of(9, 10, 4);
        assert_eq!((w.start, w.end, w.above, w.below), (7, 10, 7, 0));
        assert_eq!(w.marker(crate::i18n::Lang::Zh), "上方 7 项");
        let w = Window::of(5, 10, 4);
        assert_eq!(w.marker(crate::i18n::Lang::En), "+3 above  +4 more");
        // Everything fits: no marker line.
        let w = Window::of(2, 3, 4);
        assert_eq!((w.start, w.end, w.marked, w.hides()), (0, 3, false, false));
        // One line: the row, no room for the marker (the caller says it elsewhere).
        let w = Window::of(4, 10, 1);
        assert_eq!((w.start, w.end, w.marked, w.below), (4, 5, false, 5));
    }

    #[test]
    fn hard_wrap_fits_any_width() {
        let msg = "终端窗口太小（2x197，至少 40x12）";
        for w in 1..=45u16 {
            for line in hard_wrap(msg, w) {
                assert!(line.width() <= w as usize, "{w}: {line:?}");
            }
        }
        assert!(hard_wrap(msg, 1).iter().all(|l| l.width() == 1));
    }

    #[test]
    fn base_less_marks_get_a_base_and_then_wrap_safely() {
        assert_eq!(based_marks("王晓红"), "王晓红");
        assert_eq!(based_marks("e\u{301}"), "e\u{301}");
        assert_eq!(
            based_marks("\u{301}x \u{300}y"),
            "\u{25CC}\u{301}x \u{25CC}\u{300}y"
        );
        // Each of these panics in ratatui 0.30's wrapper at that width as it stands.
        for (hostile, w) in [
            ("\u{301} ，x21a文中 a 中", 8),
            ("\u{301} a中文王中文 \u{301}，，\u{301}，", 9),
            ("\u{301} x11x，中，a中1x21", 10),
        ] {
            let mut t = Terminal::new(TestBackend::new(w, 30)).unwrap();
            let text = based_marks(hostile).into_owned();
            t.draw(|f| {
                f.render_widget(
                    Paragraph::new(text.as_str()).wrap(Wrap { trim: true }),
                    f.area(),
                )
            })
            .unwrap();
        }
    }
}
