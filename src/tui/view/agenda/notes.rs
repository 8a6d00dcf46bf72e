//! The note editor: several lines of what was said on an agenda item, or a decision
//! (议定事项). A multi-line box (ratatui-textarea) that takes Chinese input: the real
//! terminal cursor sits at the caret, so an input method's candidate window opens there.
//! F2 saves (NoteRecorded or NoteEdited), F3 marks it a decision, Esc closes without
//! saving. On a refusal the text stays.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_textarea::{TextArea, WrapMode};

use super::{PALETTE, truncate, widened};
use crate::core::command::Command;
use crate::core::meeting::Note;
use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    New { item: String },
    Edit { note: String },
}

/// What a key did in the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum EditorOutcome {
    Continue,
    Cancel,
    Save(Box<Command>),
}

pub struct NoteEditor {
    target: Target,
    /// The item's number and title, for the frame.
    title: String,
    area: TextArea<'static>,
    decision: bool,
    original: (String, bool),
    problem: Option<(&'static str, &'static str)>,
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
            problem: None,
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

    pub fn key(&mut self, k: &KeyEvent) -> EditorOutcome {
        if k.kind != KeyEventKind::Press {
            return EditorOutcome::Continue;
        }
        match k.code {
            KeyCode::Esc => EditorOutcome::Cancel,
            KeyCode::F(3) => {
                self.decision = !self.decision;
                EditorOutcome::Continue
            }
            KeyCode::F(2) => self.save(),
            _ => {
                self.problem = None;
                self.area.input(ratatui_textarea::Input::from(*k));
                EditorOutcome::Continue
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        let clean: String = text
            .replace("\r\n", "\n")
            .chars()
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        self.area.insert_str(clean);
    }

    fn save(&mut self) -> EditorOutcome {
        let text = self.text();
        if text.trim().is_empty() {
            self.problem = Some((
                "The note is empty (Esc closes; Delete in the notes list removes a note).",
                "记录为空（Esc 关闭；在记录列表中按 Delete 删除）。",
            ));
            return EditorOutcome::Continue;
        }
        let cmd = match &self.target {
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
        };
        EditorOutcome::Save(Box::new(cmd))
    }

    /// Draw as a box over `area`, and put the terminal cursor at the caret.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, lang: Lang) {
        let w = area.width.saturating_sub(4).clamp(area.width.min(20), 90);
        let h = area.height.saturating_sub(2).clamp(area.height.min(6), 16);
        let popup = Rect {
            x: area.x + (area.width.saturating_sub(w)) / 2,
            y: area.y + (area.height.saturating_sub(h)) / 2,
            width: w,
            height: h,
        };
        frame.render_widget(Clear, widened(popup, area));
        let what = match (&self.target, lang) {
            (Target::New { .. }, Lang::En) => "New note",
            (Target::New { .. }, Lang::Zh) => "新记录",
            (Target::Edit { .. }, Lang::En) => "Edit note",
            (Target::Edit { .. }, Lang::Zh) => "修改记录",
        };
        let sep = lang.pick(": ", "：");
        let title = format!(
            " {what}{sep}{} ",
            truncate(&self.title, (w as usize).saturating_sub(16))
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(PALETTE.border_focus)
            .title(Span::styled(title, PALETTE.header));
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
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(
                    check,
                    if self.decision {
                        PALETTE.decision
                    } else {
                        PALETTE.dim
                    },
                ),
                Span::styled(
                    lang.pick("Decision (议定事项)", "议定事项"),
                    if self.decision {
                        PALETTE.decision
                    } else {
                        PALETTE.dim
                    },
                ),
            ])),
            mark,
        );
        frame.render_widget(&self.area, body);
        let hint = match self.problem {
            Some((en, zh)) => Span::styled(lang.pick(en, zh), PALETTE.error),
            None => Span::styled(
                lang.pick(
                    "F2 save   F3 decision   Esc cancel   Enter new line",
                    "F2 保存   F3 议定事项   Esc 取消   Enter 换行",
                ),
                PALETTE.dim,
            ),
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
