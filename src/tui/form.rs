//! The one form: one-line fields (text, numbers, a choice) with a focus, edited through
//! the one key -> edit mapping ([`edit_request`](super::input::edit_request)), their
//! typing kept until the caller closes the form (so input survives a failed save), and
//! each field's visible window and caret worked out in one place. The desk's small forms
//! draw with [`Form::render`]; the action form lays out its own rows (owner chips,
//! suggestions) from the same fields with [`Form::window`].

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthStr;

use super::ctx::Ctx;
use super::fit::{skip_columns, truncate, wrap};
use super::input::{TextFocus, one_line};
use super::layout::{centered, clear_popup};
use super::text::T;

#[derive(Debug, Clone)]
pub enum FieldKind {
    Text,
    /// Digits only.
    Number,
    /// One of the options (labels), changed with the Toggle keys.
    Choice {
        options: Vec<String>,
        selected: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: T,
    pub input: Input,
    pub kind: FieldKind,
}

impl Field {
    pub fn text(label: T, value: &str) -> Field {
        Field {
            label,
            input: Input::new(value.to_string()),
            kind: FieldKind::Text,
        }
    }

    pub fn number(label: T, value: Option<u32>) -> Field {
        Field {
            label,
            input: Input::new(value.map(|v| v.to_string()).unwrap_or_default()),
            kind: FieldKind::Number,
        }
    }

    pub fn choice(label: T, options: Vec<String>, selected: usize) -> Field {
        Field {
            label,
            input: Input::default(),
            kind: FieldKind::Choice { options, selected },
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn selected(&self) -> usize {
        match &self.kind {
            FieldKind::Choice { selected, .. } => *selected,
            _ => 0,
        }
    }

    /// The label of the chosen option ("" for a text field).
    pub fn chosen(&self) -> &str {
        match &self.kind {
            FieldKind::Choice { options, selected } => {
                options.get(*selected).map_or("", String::as_str)
            }
            _ => "",
        }
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.kind, FieldKind::Choice { .. })
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    /// Lines shown above the fields (what the form is about).
    pub about: Vec<String>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A problem with the input, shown in the form.
    pub error: Option<String>,
    /// The values when the form opened, to tell whether anything was typed.
    initial: Vec<String>,
}

impl Form {
    pub fn new(title: impl Into<String>, about: Vec<String>, fields: Vec<Field>) -> Form {
        let initial = fields.iter().map(|f| f.value().to_string()).collect();
        // Title and lines name people from the journal: shown as `sanitize::screen` shows
        // them (the fields keep what was recorded, for editing).
        let shown = |s: String| match crate::sanitize::screen(&s) {
            std::borrow::Cow::Owned(clean) => clean,
            std::borrow::Cow::Borrowed(_) => s,
        };
        Form {
            title: shown(title.into()),
            about: about.into_iter().map(shown).collect(),
            fields,
            focus: 0,
            error: None,
            initial,
        }
    }

    /// Field `i`'s value, trimmed.
    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.value().trim())
    }

    /// Something was typed that saving would record.
    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, v)| f.value() != v)
    }

    pub fn text_focus(&self) -> TextFocus {
        match self.fields.get(self.focus) {
            Some(f) if f.is_choice() => TextFocus::None,
            Some(f) if f.value().is_empty() => TextFocus::Empty,
            Some(_) => TextFocus::Typed,
            None => TextFocus::None,
        }
    }

    pub fn next(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    pub fn prev(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    /// Edit the focused field (a number field takes digits only).
    pub fn edit(&mut self, req: InputRequest) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            if let (FieldKind::Number, InputRequest::InsertChar(c)) = (&f.kind, req)
                && !c.is_ascii_digit()
            {
                return;
            }
            f.input.handle(req);
            self.error = None;
        }
    }

    /// Pasted text into the focused field, as one line.
    pub fn paste(&mut self, s: &str) {
        for c in one_line(s).chars() {
            self.edit(InputRequest::InsertChar(c));
        }
    }

    /// Change the focused choice: forwards, or backwards.
    pub fn toggle(&mut self, forwards: bool) {
        if let Some(Field {
            kind: FieldKind::Choice { options, selected },
            ..
        }) = self.fields.get_mut(self.focus)
            && !options.is_empty()
        {
            let n = options.len();
            *selected = if forwards {
                (*selected + 1) % n
            } else {
                (*selected + n - 1) % n
            };
        }
    }

    /// What of field `i` shows in a box `width` columns wide (scrolled to keep the caret
    /// in view, a cut marked), and the caret's column in it.
    pub fn window(&self, i: usize, width: usize) -> (String, usize) {
        let Some(f) = self.fields.get(i) else {
            return (String::new(), 0);
        };
        let scroll = f.input.visual_scroll(width.saturating_sub(1));
        let shown = truncate(&skip_columns(f.value(), scroll), width);
        (shown, f.input.visual_cursor().saturating_sub(scroll))
    }

    /// Draw in the middle of `area`, with `keys` (the form's key hints) at the bottom, and
    /// put the terminal cursor at the caret.
    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx, keys: &str) {
        let (lang, theme) = (ctx.lang, ctx.theme);
        let label_w = self
            .fields
            .iter()
            .map(|f| f.label.get(lang).width())
            .max()
            .unwrap_or(0)
            + 2
            + theme.marker.len();
        // What the form is about is wrapped, not cut: a line may say what the figures
        // mean (the roll call of a branch whose seat is not connected).
        let about_w = area.width.min(64).saturating_sub(2) as usize;
        let about: Vec<String> = self.about.iter().flat_map(|a| wrap(a, about_w)).collect();
        let height = (about.len() + self.fields.len() + 4) as u16;
        let popup = centered(area, 64, height);
        clear_popup(frame, popup, area, 0);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(format!(" {} ", self.title));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let mut lines: Vec<Line> = about.into_iter().map(Line::raw).collect();
        let first_field_row = lines.len();
        let value_w = (inner.width as usize).saturating_sub(label_w + 1);
        for (i, f) in self.fields.iter().enumerate() {
            let focused = i == self.focus;
            // Without colour the focused field is marked.
            let label = format!("{}{}", theme.mark(focused), f.label.get(lang));
            let pad = label_w.saturating_sub(label.width());
            let label_style = if focused { theme.header } else { theme.base };
            let value = match &f.kind {
                FieldKind::Choice { options, selected } => {
                    let v = options.get(*selected).map_or("", String::as_str);
                    Span::styled(
                        format!("< {v} >"),
                        if focused { theme.selected } else { theme.base },
                    )
                }
                _ => Span::styled(self.window(i, value_w).0, theme.input.underlined()),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{label}{}", " ".repeat(pad)), label_style),
                value,
            ]));
        }
        lines.push(Line::raw(""));
        match &self.error {
            Some(e) => lines.push(Line::styled(e.as_str(), theme.error)),
            None => lines.push(Line::styled(keys, theme.dim)),
        }
        frame.render_widget(Paragraph::new(lines), inner);
        // The caret of the focused text field.
        if let Some(f) = self.fields.get(self.focus)
            && !f.is_choice()
        {
            let col = self.window(self.focus, value_w).1;
            let row = inner.y as usize + first_field_row + self.focus;
            let x = inner.x as usize + label_w + col;
            if row < (inner.y + inner.height) as usize && x < (inner.x + inner.width) as usize {
                frame.set_cursor_position(Position::new(x as u16, row as u16));
            }
        }
    }
}
