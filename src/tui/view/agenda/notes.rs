//! The note editor: several lines of what was said on an agenda item, or a decision
//! (议定事项). A multi-line box (ratatui-textarea) that takes Chinese input: the real
//! terminal cursor sits at the caret, so an input method's candidate window opens there.
//! Saving, marking a decision and closing come from the keymap (the editor scope); every
//! other key edits the text. On a refusal the text stays.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::{TextArea, WrapMode};

use crate::core::command::Command;
use crate::core::meeting::Note;
use crate::tui::ctx::Ctx;
use crate::tui::fit::truncate;
use crate::tui::keymap::{Action, Scope};
use crate::tui::layout::clear_popup;
use crate::tui::text::{Say, T};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    New { item: String },
    Edit { note: String },
}

pub struct NoteEditor {
    target: Target,
    /// The item's number and title, for the frame.
    title: String,
    area: TextArea<'static>,
    decision: bool,
    original: (String, bool),
    /// The last save was refused here (an empty note).
    empty: bool,
}

impl NoteEditor {
    fn with(target: Target, title: String, text: &str, decision: bool) -> NoteEditor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(ratatui::style::Style::new());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        NoteEditor {
            target,
            title,
            area,
            decision,
            original: (text.to_string(), decision),
            empty: false,
        }
    }

    pub fn new_note(item: String, title: String, decision: bool) -> NoteEditor {
        Self::with(Target::New { item }, title, "", decision)
    }

    pub fn edit(n: &Note, title: String) -> NoteEditor {
        Self::with(
            Target::Edit { note: n.id.clone() },
            title,
            &n.text,
            n.decision,
        )
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn is_decision(&self) -> bool {
        self.decision
    }

    /// Something typed or changed that is not saved.
    pub fn changed(&self) -> bool {
        (self.text(), self.decision) != self.original
    }

    /// A key for the text (no binding of the editor scope took it).
    pub fn key(&mut self, k: &KeyEvent) {
        if k.kind != KeyEventKind::Press {
            return;
        }
        self.empty = false;
        self.area.input(ratatui_textarea::Input::from(*k));
    }

    pub fn toggle_decision(&mut self) {
        self.decision = !self.decision;
    }

    pub fn paste(&mut self, text: &str) {
        // Line breaks kept (CRLF as LF); escape sequences and other controls removed.
        let clean = crate::sanitize::document(text).replace('\t', " ");
        self.area.insert_str(clean);
    }

    /// The command that records the note, or `None` (and a complaint shown) when it is
    /// empty.
    pub fn save(&mut self) -> Option<Command> {
        let text = self.text();
        if text.trim().is_empty() {
            self.empty = true;
            return None;
        }
        Some(match &self.target {
            Target::New { item } => Command::AddNote {
                item: Some(item.clone()),
                text,
                decision: self.decision,
            },
            Target::Edit { note } => Command::EditNote {
                note: note.clone(),
                text,
                decision: self.decision,
            },
        })
    }

    /// Draw as a box over `area`, and put the terminal cursor at the caret.
    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let (lang, th) = (ctx.lang, ctx.theme);
        let w = area.width.saturating_sub(4).clamp(area.width.min(20), 90);
        let h = area.height.saturating_sub(2).clamp(area.height.min(6), 16);
        let popup = Rect {
            x: area.x + (area.width.saturating_sub(w)) / 2,
            y: area.y + (area.height.saturating_sub(h)) / 2,
            width: w,
            height: h,
        };
        clear_popup(frame, popup, area, 1);
        let item = truncate(&self.title, (w as usize).saturating_sub(16));
        let title = match self.target {
            Target::New { .. } => Say::NewNoteTitle { item },
            Target::Edit { .. } => Say::EditNoteTitle { item },
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border_focus)
            .title(Span::styled(title.text(lang), th.header));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        if inner.height < 3 || inner.width < 4 {
            return;
        }
        let [mark, body, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let check = if self.decision { "[x] " } else { "[ ] " };
        let mark_style = if self.decision { th.decision } else { th.dim };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(check, mark_style),
                Span::styled(T::Decision.get(lang), mark_style),
            ])),
            mark,
        );
        frame.render_widget(&self.area, body);
        let hint = if self.empty {
            Span::styled(T::NoteEmpty.get(lang), th.error_text)
        } else {
            // The keys as bound, so that a user's own keys show here too.
            let mut hint: Vec<String> = [
                (Action::Submit, T::EditorSave),
                (Action::ToggleDecision, T::EditorDecision),
                (Action::Cancel, T::EditorCancel),
            ]
            .iter()
            .filter_map(|&(a, word)| {
                let key = ctx.keymap.first(Scope::Editor, a)?;
                Some(format!("{key} {}", word.get(lang)))
            })
            .collect();
            hint.push(T::EditorNewLine.get(lang).to_string());
            Span::styled(hint.join("   "), th.dim)
        };
        frame.render_widget(Paragraph::new(hint), foot);
        // The real cursor at the caret, for input methods.
        let sc = self.area.screen_cursor();
        let (top, left) = self.area.scroll_offset();
        let x = (sc.col as u16).saturating_sub(left);
        let y = (sc.row as u16).saturating_sub(top);
        if x < body.width && y < body.height {
            frame.set_cursor_position(Position::new(body.x + x, body.y + y));
        }
    }
}
