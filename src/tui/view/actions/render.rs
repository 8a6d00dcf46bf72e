//! The action items: a list with owners, due dates (as said and resolved), source item
//! and status; filters by owner, status and overdue; and keys to add, edit, complete,
//! reopen and delete.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthStr;

use super::action_form::{ActionForm, FormOutcome};
use super::{Effect, PALETTE, PaneCtx, pad};
use crate::core::actions::{ActionFilter, ActionRow, StatusFilter, list};
use crate::core::command::Command;
use crate::core::meeting::{ActionStatus, Meeting};
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionsAction {
    Up,
    Down,
    Add,
    Edit,
    /// Done if open, open again if done.
    ToggleDone,
    Delete,
    /// Type an owner to filter by.
    FilterOwner,
    /// All, open, done.
    CycleStatus,
    ToggleOverdue,
    ClearFilters,
}

pub struct ActionsPane {
    filter: ActionFilter,
    owner_box: Input,
    typing_owner: bool,
    rows: Vec<ActionRow>,
    selected: usize,
    /// Delete asked for this id: `y` confirms.
    confirm_delete: Option<String>,
    form: Option<ActionForm>,
    today: NaiveDate,
}

impl ActionsPane {
    pub fn new(m: &Meeting, today: NaiveDate) -> ActionsPane {
        let mut p = ActionsPane {
            filter: ActionFilter::default(),
            owner_box: Input::default(),
            typing_owner: false,
            rows: Vec::new(),
            selected: 0,
            confirm_delete: None,
            form: None,
            today,
        };
        p.sync(m, today);
        p
    }

    /// Rebuild after the meeting changed (or the day did).
    pub fn sync(&mut self, m: &Meeting, today: NaiveDate) {
        self.today = today;
        self.rows = list(m, &self.filter, today);
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn form_open(&self) -> bool {
        self.form.is_some()
    }

    /// Waiting for the answer to "delete?".
    pub fn confirming(&self) -> bool {
        self.confirm_delete.is_some()
    }

    pub fn rows(&self) -> &[ActionRow] {
        &self.rows
    }

    /// Keys go to a text box (the owner filter) or the form.
    pub fn takes_text(&self) -> bool {
        self.typing_owner || self.form.is_some() || self.confirm_delete.is_some()
    }

    pub fn unsaved_input(&self) -> bool {
        self.form.as_ref().is_some_and(ActionForm::changed)
    }

    /// Open the form for a new action (the shell may host its own for other views).
    pub fn open_add(&mut self, m: &Meeting) {
        self.form = Some(ActionForm::new(m));
    }

    pub fn handle(&mut self, a: ActionsAction, m: &Meeting, lang: Lang) -> Effect {
        use ActionsAction::*;
        let sel = self.rows.get(self.selected).cloned();
        match a {
            Up => self.selected = self.selected.saturating_sub(1),
            Down => self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1)),
            Add => self.open_add(m),
            Edit => {
                if let Some(a) = sel.and_then(|r| m.actions.iter().find(|a| a.id == r.id)) {
                    self.form = Some(ActionForm::edit(m, a));
                }
            }
            ToggleDone => {
                if let Some(r) = sel {
                    return Effect::Execute(match r.status {
                        ActionStatus::Open => Command::CompleteAction { action: r.id },
                        ActionStatus::Done => Command::ReopenAction { action: r.id },
                    });
                }
            }
            Delete => {
                if let Some(r) = sel {
                    self.confirm_delete = Some(r.id);
                }
            }
            FilterOwner => self.typing_owner = true,
            CycleStatus => {
                self.filter.status = match self.filter.status {
                    StatusFilter::All => StatusFilter::Open,
                    StatusFilter::Open => StatusFilter::Done,
                    StatusFilter::Done => StatusFilter::All,
                };
                self.sync(m, self.today);
            }
            ToggleOverdue => {
                self.filter.overdue_only = !self.filter.overdue_only;
                self.sync(m, self.today);
            }
            ClearFilters => {
                self.filter = ActionFilter::default();
                self.owner_box.reset();
                self.sync(m, self.today);
            }
        }
        let _ = lang;
        Effect::None
    }

    /// A key while the owner box, the delete question or the form has it.
    pub fn handle_text_key(&mut self, k: &KeyEvent, m: &Meeting, lang: Lang) -> Effect {
        if k.kind != KeyEventKind::Press {
            return Effect::None;
        }
        if let Some(id) = self.confirm_delete.take() {
            if matches!(k.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                return Effect::Execute(Command::DeleteAction { action: id });
            }
            return Effect::None;
        }
        if let Some(form) = self.form.as_mut() {
            return match form.key(k, m, lang) {
                FormOutcome::Continue => Effect::None,
                FormOutcome::Cancel => {
                    self.form = None;
                    Effect::None
                }
                FormOutcome::Submit(cmd) => Effect::Execute(*cmd),
            };
        }
        if self.typing_owner {
            match k.code {
                KeyCode::Enter | KeyCode::Esc | KeyCode::Tab => self.typing_owner = false,
                _ => {
                    let req = match k.code {
                        KeyCode::Char(c) => Some(InputRequest::InsertChar(c)),
                        KeyCode::Backspace => Some(InputRequest::DeletePrevChar),
                        KeyCode::Delete => Some(InputRequest::DeleteNextChar),
                        KeyCode::Left => Some(InputRequest::GoToPrevChar),
                        KeyCode::Right => Some(InputRequest::GoToNextChar),
                        _ => None,
                    };
                    if let Some(r) = req {
                        self.owner_box.handle(r);
                        let v = self.owner_box.value().trim();
                        self.filter.owner = (!v.is_empty()).then(|| v.to_string());
                        self.sync(m, self.today);
                    }
                }
            }
        }
        Effect::None
    }

    pub fn paste(&mut self, text: &str, m: &Meeting) {
        if let Some(f) = self.form.as_mut() {
            f.paste(text, m);
        }
    }

    /// The shell reports that the form's command was recorded: close the form.
    pub fn saved(&mut self) {
        self.form = None;
    }

    /// The shell reports a refusal: keep the form, with the reason.
    pub fn refused(&mut self, reason: String) {
        if let Some(f) = self.form.as_mut() {
            f.set_problem(reason);
        }
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let lang = ctx.lang;
        if area.height == 0 || area.width == 0 {
            return;
        }
        let [bar, table] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        // The filter bar.
        let status = match (self.filter.status, lang) {
            (StatusFilter::All, Lang::En) => "all",
            (StatusFilter::All, Lang::Zh) => "全部",
            (StatusFilter::Open, Lang::En) => "open",
            (StatusFilter::Open, Lang::Zh) => "未完成",
            (StatusFilter::Done, Lang::En) => "done",
            (StatusFilter::Done, Lang::Zh) => "已完成",
        };
        let owner_label = lang.pick("Owner: ", "责任人：");
        let mut spans = vec![
            Span::styled(owner_label, PALETTE.dim),
            Span::styled(
                if self.owner_box.value().is_empty() && !self.typing_owner {
                    lang.pick("(any)", "（全部）").to_string()
                } else {
                    self.owner_box.value().to_string()
                },
                if self.typing_owner {
                    PALETTE.border_focus
                } else {
                    Style::new()
                },
            ),
            Span::styled(lang.pick("  Status: ", "  状态："), PALETTE.dim),
            Span::raw(status),
        ];
        if self.filter.overdue_only {
            spans.push(Span::styled(
                lang.pick("  overdue only", "  仅逾期"),
                PALETTE.warn,
            ));
        }
        let open = self
            .rows
            .iter()
            .filter(|r| r.status == ActionStatus::Open)
            .count();
        let overdue = self.rows.iter().filter(|r| r.overdue).count();
        spans.push(Span::styled(
            match lang {
                Lang::En => format!(
                    "   {} shown, {open} open, {overdue} overdue",
                    self.rows.len()
                ),
                Lang::Zh => format!(
                    "   共 {} 项，未完成 {open}，逾期 {overdue}",
                    self.rows.len()
                ),
            },
            PALETTE.dim,
        ));
        frame.render_widget(Paragraph::new(Line::from(spans)), bar);
        if self.typing_owner {
            let x = owner_label.width() + self.owner_box.visual_cursor();
            if (x as u16) < bar.width {
                frame.set_cursor_position(Position::new(bar.x + x as u16, bar.y));
            }
        }
        self.render_table(frame, table, ctx);
        if let Some(id) = &self.confirm_delete {
            let q = match lang {
                Lang::En => format!(
                    " Delete action {id}? It was recorded by mistake: y = delete, any other key = keep "
                ),
                Lang::Zh => format!(" 删除任务 {id}？（仅用于误录）y 删除，其他键取消 "),
            };
            frame.render_widget(Paragraph::new(Span::styled(q, PALETTE.alarm)), bar);
        }
        if let Some(form) = self.form.as_mut() {
            form.render(frame, area, ctx.meeting, lang);
        }
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let lang = ctx.lang;
        if area.height == 0 {
            return;
        }
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    lang.pick(
                        "No action items. a: add   (from any view: the add-action key)",
                        "暂无任务。a：新增（在任何界面都可用新增任务键）",
                    ),
                    PALETTE.dim,
                )),
                area,
            );
            return;
        }
        let w = area.width as usize;
        let id_w = self
            .rows
            .iter()
            .map(|r| r.id.width())
            .max()
            .unwrap_or(2)
            .clamp(4, 14);
        let widths_fixed = [id_w, 6, 18, 14, 5];
        let text_w = w
            .saturating_sub(widths_fixed.iter().sum::<usize>() + widths_fixed.len())
            .max(6);
        let widths = [id_w, 6, 18, 14, 5, text_w];
        let header = match lang {
            Lang::En => ["ID", "State", "Due", "Owners", "Item", "Task"],
            Lang::Zh => ["编号", "状态", "完成时限", "责任人", "议程", "任务"],
        };
        let line = |cells: [String; 6], style: Style, state_style: Style| {
            let mut spans = Vec::new();
            for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
                if i > 0 {
                    spans.push(Span::raw(" "));
                }
                spans.push(Span::styled(
                    pad(c, w),
                    if i == 1 { state_style } else { style },
                ));
            }
            Line::from(spans)
        };
        let mut lines = vec![line(
            header.map(str::to_string),
            PALETTE.header,
            PALETTE.header,
        )];
        let visible = area.height.saturating_sub(1) as usize;
        let start = self
            .selected
            .saturating_sub(visible.saturating_sub(1))
            .min(self.rows.len().saturating_sub(visible));
        for (i, r) in self.rows.iter().enumerate().skip(start).take(visible) {
            let (state, state_style) = match (r.status, r.overdue, lang) {
                (ActionStatus::Done, _, _) => (lang.pick("done", "已完成"), PALETTE.ok),
                (ActionStatus::Open, true, _) => (lang.pick("OVERDUE", "逾期"), PALETTE.alarm),
                (ActionStatus::Open, false, _) => (lang.pick("open", "未完成"), Style::new()),
            };
            let due = match (&r.due, &r.due_text) {
                (Some(d), Some(t)) if *t != d.to_string() => {
                    format!("{} {t}", d.format("%m-%d"))
                }
                (Some(d), _) => d.to_string(),
                (None, _) => "-".into(),
            };
            let owners = r
                .owners
                .iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
                .join(lang.pick(", ", "、"));
            let item = r
                .item
                .as_ref()
                .map(|i| i.number.clone())
                .unwrap_or_default();
            let style = if i == self.selected {
                PALETTE.selected
            } else if r.status == ActionStatus::Done {
                PALETTE.dim
            } else {
                Style::new()
            };
            let ss = if i == self.selected {
                style
            } else {
                state_style
            };
            lines.push(line(
                [
                    r.id.clone(),
                    state.into(),
                    due,
                    owners,
                    item,
                    r.text.clone(),
                ],
                style,
                ss,
            ));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
