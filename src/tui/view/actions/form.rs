//! The action form, opened from any pane with one key: what, owners, due, source item,
//! assigned by. The item defaults to the running (or last) item and the assigner to its
//! speaker. Owners are picked with the attendance desk's name search (`NameIndex`) plus
//! venues and roster units, or typed freely; the due phrase is resolved as it is typed
//! and the date shown before saving. F2 saves, Esc closes; on a refusal the form stays.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthStr;

use super::{PALETTE, pad, truncate, widened};
use crate::core::actions::{OwnerMatch, resolve_owner, roster_units};
use crate::core::agenda::{OwnerRef, PersonRef};
use crate::core::command::Command;
use crate::core::due::{self, Due, DueError};
use crate::core::event::ActionFields;
use crate::core::meeting::{ActionItem, Meeting};
use crate::i18n::Lang;
use crate::search::NameIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Owners,
    Due,
    Item,
    AssignedBy,
}

const FIELDS: [Field; 5] = [
    Field::Text,
    Field::Owners,
    Field::Due,
    Field::Item,
    Field::AssignedBy,
];

/// One suggestion for the owner or assigner box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub owner: OwnerRef,
    pub label: String,
    /// Unit and venue, for telling namesakes apart.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FormOutcome {
    Continue,
    Cancel,
    Submit(Box<Command>),
}

pub struct ActionForm {
    /// `Some(id)` when editing an existing action.
    editing: Option<String>,
    focus: usize,
    text: Input,
    owners: Vec<OwnerRef>,
    owner_input: Input,
    due: Input,
    /// Index into `items` (0 = no item).
    item: usize,
    /// (id, label) of every agenda item, after a "none" entry.
    items: Vec<(Option<String>, String)>,
    by: Input,
    /// The assigner was typed (not the item speaker's default).
    by_touched: bool,
    suggestions: Vec<Suggestion>,
    suggestion: usize,
    problem: Option<String>,
    index: NameIndex,
    reference: chrono::NaiveDate,
    original: Option<ActionFields>,
    lang: Lang,
}

impl ActionForm {
    /// A new action, with the running (or last) item and its speaker as defaults.
    pub fn new(m: &Meeting) -> ActionForm {
        let mut f = Self::blank(m);
        if let Some(cur) = m.item_in_focus() {
            f.item = f
                .items
                .iter()
                .position(|(id, _)| id.as_deref() == Some(cur))
                .unwrap_or(0);
        }
        f.default_assigner(m);
        f
    }

    /// Edit an existing action.
    pub fn edit(m: &Meeting, a: &ActionItem) -> ActionForm {
        let mut f = Self::blank(m);
        f.editing = Some(a.id.clone());
        f.text = Input::new(a.text.clone());
        f.owners = a.owners.clone();
        f.due = Input::new(
            a.due_text
                .clone()
                .or(a.due.map(|d| d.to_string()))
                .unwrap_or_default(),
        );
        f.item = a
            .item
            .as_deref()
            .and_then(|i| f.items.iter().position(|(id, _)| id.as_deref() == Some(i)))
            .unwrap_or(0);
        f.by = Input::new(
            a.assigned_by
                .as_ref()
                .map(|p| m.person_label(p))
                .unwrap_or_default(),
        );
        f.by_touched = true;
        f.original = Some(f.fields(m).unwrap_or_default());
        f
    }

    fn blank(m: &Meeting) -> ActionForm {
        let mut items = vec![(None, String::new())];
        items.extend(m.agenda.flat_items().iter().map(|fi| {
            (
                Some(fi.item.id.clone()),
                format!("{} {}", fi.number, fi.item.title),
            )
        }));
        ActionForm {
            editing: None,
            focus: 0,
            text: Input::default(),
            owners: Vec::new(),
            owner_input: Input::default(),
            due: Input::default(),
            item: 0,
            items,
            by: Input::default(),
            by_touched: false,
            suggestions: Vec::new(),
            suggestion: 0,
            problem: None,
            index: NameIndex::build(&m.people),
            reference: m.agenda.meeting.date,
            original: None,
            lang: Lang::Zh,
        }
    }

    fn default_assigner(&mut self, m: &Meeting) {
        if self.by_touched {
            return;
        }
        let name = self.items[self.item]
            .0
            .as_deref()
            .and_then(|i| m.speaker_of(i))
            .map(|p| m.person_label(p))
            .unwrap_or_default();
        self.by = Input::new(name);
    }

    pub fn field(&self) -> Field {
        FIELDS[self.focus]
    }

    /// Something typed that would be lost.
    pub fn changed(&self) -> bool {
        !self.text.value().trim().is_empty()
            || !self.owners.is_empty()
            || !self.owner_input.value().is_empty()
            || !self.due.value().is_empty()
    }

    /// The due phrase, resolved against the meeting's date.
    pub fn due_resolved(&self) -> Option<Result<Due, DueError>> {
        let t = self.due.value().trim();
        (!t.is_empty()).then(|| due::resolve(t, self.reference))
    }

    pub fn suggestions(&self) -> &[Suggestion] {
        &self.suggestions
    }

    /// Set the problem line (the shell calls this with a refusal's message).
    pub fn set_problem(&mut self, text: String) {
        self.problem = Some(text);
    }

    fn refresh_suggestions(&mut self, m: &Meeting) {
        self.suggestion = 0;
        let (query, people_only) = match self.field() {
            Field::Owners => (self.owner_input.value().trim().to_string(), false),
            Field::AssignedBy if self.by_touched => (self.by.value().trim().to_string(), true),
            _ => {
                self.suggestions.clear();
                return;
            }
        };
        self.suggestions = suggest(m, &self.index, &query, people_only, 8, self.lang);
    }

    pub fn key(&mut self, k: &KeyEvent, m: &Meeting, lang: Lang) -> FormOutcome {
        if k.kind != KeyEventKind::Press {
            return FormOutcome::Continue;
        }
        self.lang = lang;
        let field = self.field();
        match k.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::F(2) => return self.submit(m, lang),
            KeyCode::Tab => {
                self.commit_owner_text(m, lang);
                self.focus = (self.focus + 1) % FIELDS.len();
                self.refresh_suggestions(m);
                return FormOutcome::Continue;
            }
            KeyCode::BackTab => {
                self.commit_owner_text(m, lang);
                self.focus = (self.focus + FIELDS.len() - 1) % FIELDS.len();
                self.refresh_suggestions(m);
                return FormOutcome::Continue;
            }
            KeyCode::Up if !self.suggestions.is_empty() => {
                self.suggestion = self.suggestion.saturating_sub(1);
                return FormOutcome::Continue;
            }
            KeyCode::Down if !self.suggestions.is_empty() => {
                self.suggestion = (self.suggestion + 1).min(self.suggestions.len() - 1);
                return FormOutcome::Continue;
            }
            KeyCode::Up => {
                self.focus = self.focus.saturating_sub(1);
                self.refresh_suggestions(m);
                return FormOutcome::Continue;
            }
            KeyCode::Down => {
                self.focus = (self.focus + 1).min(FIELDS.len() - 1);
                self.refresh_suggestions(m);
                return FormOutcome::Continue;
            }
            _ => {}
        }
        self.problem = None;
        match field {
            Field::Item => match k.code {
                KeyCode::Left => {
                    self.item = (self.item + self.items.len() - 1) % self.items.len();
                    self.default_assigner(m);
                }
                KeyCode::Right | KeyCode::Char(' ') => {
                    self.item = (self.item + 1) % self.items.len();
                    self.default_assigner(m);
                }
                KeyCode::Enter => self.focus += 1,
                _ => {}
            },
            Field::Owners => match k.code {
                KeyCode::Enter => {
                    if let Some(s) = self.suggestions.get(self.suggestion).cloned() {
                        if !self.owners.contains(&s.owner) {
                            self.owners.push(s.owner);
                        }
                        self.owner_input.reset();
                    } else if self.owner_input.value().trim().is_empty() {
                        self.focus += 1;
                    } else {
                        self.commit_owner_text(m, lang);
                    }
                    self.refresh_suggestions(m);
                }
                KeyCode::Backspace if self.owner_input.value().is_empty() => {
                    self.owners.pop();
                }
                _ => {
                    if let Some(r) = edit_request(k) {
                        self.owner_input.handle(r);
                        self.refresh_suggestions(m);
                    }
                }
            },
            Field::AssignedBy => match k.code {
                KeyCode::Enter => {
                    if let Some(s) = self.suggestions.get(self.suggestion).cloned() {
                        self.by = Input::new(s.label);
                        self.suggestions.clear();
                    } else {
                        return self.submit(m, lang);
                    }
                }
                _ => {
                    if let Some(r) = edit_request(k) {
                        self.by_touched = true;
                        self.by.handle(r);
                        self.refresh_suggestions(m);
                    }
                }
            },
            Field::Text | Field::Due => {
                let input = if field == Field::Text {
                    &mut self.text
                } else {
                    &mut self.due
                };
                match k.code {
                    KeyCode::Enter => self.focus += 1,
                    _ => {
                        if let Some(r) = edit_request(k) {
                            input.handle(r);
                        }
                    }
                }
            }
        }
        FormOutcome::Continue
    }

    pub fn paste(&mut self, text: &str, m: &Meeting) {
        let one: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let input = match self.field() {
            Field::Text => &mut self.text,
            Field::Owners => &mut self.owner_input,
            Field::Due => &mut self.due,
            Field::AssignedBy => {
                self.by_touched = true;
                &mut self.by
            }
            Field::Item => return,
        };
        for c in one.trim().chars() {
            input.handle(InputRequest::InsertChar(c));
        }
        self.refresh_suggestions(m);
    }

    /// Typed owner text (no suggestion picked) becomes an owner if it resolves.
    fn commit_owner_text(&mut self, m: &Meeting, lang: Lang) {
        let t = self.owner_input.value().trim().to_string();
        if t.is_empty() {
            return;
        }
        match resolve_owner(m, &t) {
            OwnerMatch::Known(o) | OwnerMatch::Free(o) => {
                if !self.owners.contains(&o) {
                    self.owners.push(o);
                }
                self.owner_input.reset();
            }
            OwnerMatch::Ambiguous(c) => {
                self.problem = Some(match lang {
                    Lang::En => format!("`{t}` fits {} people: pick one from the list", c.len()),
                    Lang::Zh => format!("`{t}` 对应 {} 人：请从列表中选择", c.len()),
                });
            }
        }
    }

    fn fields(&self, m: &Meeting) -> Result<ActionFields, String> {
        let due = match self.due_resolved() {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => return Err(e.message(Lang::En)),
        };
        let by_text = self.by.value().trim();
        let by = if by_text.is_empty() {
            None
        } else {
            match crate::core::actions::resolve_assigner(m, by_text) {
                Ok(p) => Some(p),
                Err(_) => Some(PersonRef {
                    name: Some(by_text.to_string()),
                    ..Default::default()
                }),
            }
        };
        Ok(ActionFields {
            text: Some(self.text.value().trim().to_string()),
            owners: Some(self.owners.clone()),
            due: Some(due.as_ref().map(|d| d.date)),
            due_text: Some(due.map(|d| d.text)),
            item: Some(self.items[self.item].0.clone()),
            assigned_by: Some(by),
        })
    }

    fn submit(&mut self, m: &Meeting, lang: Lang) -> FormOutcome {
        self.commit_owner_text(m, lang);
        if self.problem.is_some() {
            return FormOutcome::Continue;
        }
        if self.text.value().trim().is_empty() {
            self.focus = 0;
            self.problem = Some(
                lang.pick("Say what is to be done.", "请填写任务内容。")
                    .into(),
            );
            return FormOutcome::Continue;
        }
        if self.owners.is_empty() {
            self.focus = 1;
            self.problem = Some(
                lang.pick("Give at least one owner.", "请至少填写一个责任人。")
                    .into(),
            );
            return FormOutcome::Continue;
        }
        if let Some(Err(e)) = self.due_resolved() {
            self.focus = 2;
            self.problem = Some(e.message(lang));
            return FormOutcome::Continue;
        }
        let fields = match self.fields(m) {
            Ok(f) => f,
            Err(e) => {
                self.problem = Some(e);
                return FormOutcome::Continue;
            }
        };
        match &self.editing {
            None => FormOutcome::Submit(Box::new(Command::AddAction { fields })),
            Some(id) => {
                // Only what changed.
                let o = self.original.clone().unwrap_or_default();
                let mut f = ActionFields::default();
                if fields.text != o.text {
                    f.text = fields.text;
                }
                if fields.owners != o.owners {
                    f.owners = fields.owners;
                }
                if fields.due != o.due || fields.due_text != o.due_text {
                    f.due = fields.due;
                    f.due_text = fields.due_text;
                }
                if fields.item != o.item {
                    f.item = fields.item;
                }
                if fields.assigned_by != o.assigned_by {
                    f.assigned_by = fields.assigned_by;
                }
                FormOutcome::Submit(Box::new(Command::EditAction {
                    action: id.clone(),
                    fields: f,
                }))
            }
        }
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, m: &Meeting, lang: Lang) {
        let w = area.width.saturating_sub(4).clamp(area.width.min(30), 84);
        let h = area.height.saturating_sub(2).clamp(area.height.min(8), 18);
        let popup = Rect {
            x: area.x + area.width.saturating_sub(w) / 2,
            y: area.y + area.height.saturating_sub(h) / 2,
            width: w,
            height: h,
        };
        frame.render_widget(Clear, widened(popup, area));
        let title = match (&self.editing, lang) {
            (None, Lang::En) => " New action item ".to_string(),
            (None, Lang::Zh) => " 新增任务 ".to_string(),
            (Some(id), Lang::En) => format!(" Edit action {id} "),
            (Some(id), Lang::Zh) => format!(" 修改任务 {id} "),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(PALETTE.border_focus)
            .title(Span::styled(title, PALETTE.header));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        if inner.height < 2 || inner.width < 10 {
            return;
        }
        let labels = match lang {
            Lang::En => ["Task", "Owners", "Due", "Item", "By"],
            Lang::Zh => ["任务", "责任人", "完成时限", "来源议程", "交办人"],
        };
        let label_w = labels.iter().map(|l| l.width()).max().unwrap_or(0) + 1;
        let value_w = (inner.width as usize).saturating_sub(label_w + 3);
        let mut lines: Vec<Line> = Vec::new();
        let mut cursor: Option<(u16, u16)> = None;
        for (i, f) in FIELDS.iter().enumerate() {
            let focused = i == self.focus;
            let marker = if focused { "> " } else { "  " };
            let label_style = if focused {
                PALETTE.border_focus
            } else {
                PALETTE.dim
            };
            let mut spans = vec![
                Span::styled(marker, label_style),
                Span::styled(pad(labels[i], label_w), label_style),
                Span::raw(" "),
            ];
            let x0 = (2 + label_w + 1) as u16;
            match f {
                Field::Text | Field::Due | Field::AssignedBy => {
                    let input = match f {
                        Field::Text => &self.text,
                        Field::Due => &self.due,
                        _ => &self.by,
                    };
                    let (shown, cx) = visible(input, value_w);
                    spans.push(Span::raw(shown));
                    if focused {
                        cursor = Some((x0 + cx as u16, lines.len() as u16));
                    }
                }
                Field::Owners => {
                    let mut used = 0usize;
                    for o in &self.owners {
                        let chip = format!("[{}] ", m.owner_label(o));
                        used += chip.width();
                        spans.push(Span::styled(chip, PALETTE.running));
                    }
                    let (shown, cx) = visible(&self.owner_input, value_w.saturating_sub(used));
                    spans.push(Span::raw(shown));
                    if focused {
                        cursor = Some((x0 + (used + cx) as u16, lines.len() as u16));
                    }
                }
                Field::Item => {
                    let label = &self.items[self.item].1;
                    let shown = if label.is_empty() {
                        lang.pick("(none)", "（无）").to_string()
                    } else {
                        label.clone()
                    };
                    spans.push(Span::styled(
                        format!("< {} >", truncate(&shown, value_w.saturating_sub(4))),
                        if focused { PALETTE.title } else { Style::new() },
                    ));
                }
            }
            lines.push(Line::from(spans));
            // Under the due box: the resolved date, before saving.
            if *f == Field::Due {
                let resolved = match self.due_resolved() {
                    None => Span::styled(
                        lang.pick(
                            "e.g. 6月底前, 下周五, 3天后, 2017-06-30, next friday",
                            "如 6月底前、下周五、3天后、2017-06-30、next friday",
                        ),
                        PALETTE.dim,
                    ),
                    Some(Ok(d)) => {
                        Span::styled(format!("-> {}", due::describe(d.date, lang)), PALETTE.ok)
                    }
                    Some(Err(e)) => {
                        Span::styled(truncate(&e.message(lang), value_w), PALETTE.error)
                    }
                };
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(label_w + 3)),
                    resolved,
                ]));
            }
        }
        // Suggestions for the owner or assigner box.
        if !self.suggestions.is_empty() {
            lines.push(Line::from(Span::styled(
                lang.pick("  Up/Down pick, Enter add:", "  上下键选择，Enter 添加："),
                PALETTE.dim,
            )));
            for (i, s) in self.suggestions.iter().enumerate() {
                let style = if i == self.suggestion {
                    PALETTE.selected
                } else {
                    Style::new()
                };
                let text = format!("{}  {}", s.label, s.detail);
                lines.push(Line::from(Span::styled(
                    format!(
                        "    {}",
                        pad(&text, (inner.width as usize).saturating_sub(5))
                    ),
                    style,
                )));
            }
        }
        let foot = match &self.problem {
            Some(p) => Line::from(Span::styled(p.clone(), PALETTE.error)),
            None => Line::from(Span::styled(
                lang.pick(
                    "Tab next field   F2 save   Esc cancel   Left/Right item",
                    "Tab 下一栏   F2 保存   Esc 取消   左右键选议程",
                ),
                PALETTE.dim,
            )),
        };
        let body_h = inner.height.saturating_sub(1) as usize;
        lines.truncate(body_h);
        let foot_area = Rect {
            y: inner.y + inner.height.saturating_sub(1),
            height: 1,
            ..inner
        };
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                height: inner.height.saturating_sub(1),
                ..inner
            },
        );
        frame.render_widget(Paragraph::new(foot), foot_area);
        if let Some((x, y)) = cursor
            && x < inner.width
            && (y as usize) < body_h
        {
            frame.set_cursor_position(Position::new(inner.x + x, inner.y + y));
        }
    }
}

/// The part of a one-line box that fits `width` columns, and the caret's column in it.
fn visible(input: &Input, width: usize) -> (String, usize) {
    let scroll = input.visual_scroll(width.max(1));
    let mut out = String::new();
    let mut col = 0usize;
    let mut used = 0usize;
    for c in input.value().chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if col >= scroll && used + w <= width {
            out.push(c);
            used += w;
        }
        col += w;
    }
    (out, input.visual_cursor().saturating_sub(scroll))
}

/// The editing keys of a one-line box.
fn edit_request(k: &KeyEvent) -> Option<InputRequest> {
    use InputRequest::*;
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    Some(match k.code {
        KeyCode::Char(c) if !ctrl && !alt => InsertChar(c),
        KeyCode::Backspace if ctrl || alt => DeletePrevWord,
        KeyCode::Backspace => DeletePrevChar,
        KeyCode::Delete => DeleteNextChar,
        KeyCode::Left => GoToPrevChar,
        KeyCode::Right => GoToNextChar,
        KeyCode::Home => GoToStart,
        KeyCode::End => GoToEnd,
        _ => return None,
    })
}

/// Owners (or, with `people_only`, assigners) that fit what was typed: people from the
/// name index, then venues and roster units whose name contains it.
pub fn suggest(
    m: &Meeting,
    index: &NameIndex,
    query: &str,
    people_only: bool,
    limit: usize,
    lang: Lang,
) -> Vec<Suggestion> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    // People whose name fits first, then venues and units, then people found only by
    // their unit (a unit's whole staff would otherwise crowd out the unit itself).
    let lower = q.to_lowercase();
    let unit_only = |p: &crate::core::agenda::Participant| {
        p.unit.to_lowercase().contains(&lower) && !p.name.to_lowercase().contains(&lower)
    };
    let found: Vec<&crate::core::agenda::Participant> = index
        .search(q, 64, |_| true)
        .into_iter()
        .filter_map(|h| m.people.get(h.index))
        .collect();
    let to_suggestion = |p: &crate::core::agenda::Participant| {
        let venue = m
            .venue(&p.venue)
            .map(|v| m.agenda.venues[v].name.clone())
            .unwrap_or_default();
        Suggestion {
            owner: OwnerRef::Participant(p.id.clone()),
            label: p.name.clone(),
            detail: format!("{} {} · {venue}", p.unit, p.title)
                .trim()
                .to_string(),
        }
    };
    let mut out: Vec<Suggestion> = found
        .iter()
        .filter(|p| !unit_only(p))
        .map(|p| to_suggestion(p))
        .collect();
    if !people_only {
        for v in &m.agenda.venues {
            if v.name.to_lowercase().contains(&lower) || v.id.to_lowercase() == lower {
                out.push(Suggestion {
                    owner: OwnerRef::Venue(v.id.clone()),
                    label: v.name.clone(),
                    detail: lang.pick("venue", "会场").into(),
                });
            }
        }
        for u in roster_units(m) {
            if u.to_lowercase().contains(&lower) {
                out.push(Suggestion {
                    owner: OwnerRef::Unit(u.clone()),
                    label: u,
                    detail: lang.pick("unit", "单位").into(),
                });
            }
        }
    }
    out.extend(
        found
            .iter()
            .filter(|p| unit_only(p))
            .map(|p| to_suggestion(p)),
    );
    out.truncate(limit);
    out
}
