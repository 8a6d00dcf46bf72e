//! The agenda runner: the items with speaker, planned minutes, actual start and end and
//! overrun; the current item large with its elapsed and remaining time (warning colour
//! near the end, alarm colour past it); the projected end against the scheduled end; and
//! the notes of the selected item, with the note editor.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::notes::{EditorOutcome, NoteEditor};
use super::{
    Effect, ItemClock, PALETTE, PaneCtx, Phase, clock_text, item_clock, pad, signed_minutes,
    speaker_name, truncate,
};
use crate::core::command::Command;
use crate::core::meeting::{ItemStatus, Meeting};
use crate::i18n::Lang;

/// What the chair or secretary asks of the agenda pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaAction {
    Up,
    Down,
    /// Start the selected item (or resume it).
    Start,
    PauseResume,
    End,
    Next,
    Prev,
    /// Skip the selected item.
    Skip,
    /// Write a note on the selected item.
    AddNote,
    /// Write a decision (议定事项) on the selected item.
    AddDecision,
    /// Move between the item list and the notes of the selected item.
    SwitchFocus,
    /// Edit the selected note.
    EditNote,
    /// Mark the selected note a decision, or not.
    ToggleDecision,
    DeleteNote,
    /// Open the action form (from any pane).
    AddAction,
}

#[derive(Debug, Clone)]
struct Row {
    id: String,
    number: String,
    title: String,
    speaker: String,
    parent: bool,
    sub: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Items,
    Notes,
}

pub struct AgendaPane {
    rows: Vec<Row>,
    selected: usize,
    /// Which item the selection follows: it moves with the running item until the user
    /// moves it.
    follow_current: bool,
    focus: Focus,
    note_selected: usize,
    editor: Option<NoteEditor>,
}

impl AgendaPane {
    pub fn new(m: &Meeting) -> AgendaPane {
        let mut p = AgendaPane {
            rows: Vec::new(),
            selected: 0,
            follow_current: true,
            focus: Focus::Items,
            note_selected: 0,
            editor: None,
        };
        p.sync(m);
        p
    }

    /// Rebuild after the meeting changed.
    pub fn sync(&mut self, m: &Meeting) {
        self.rows = m
            .agenda
            .flat_items()
            .iter()
            .map(|f| Row {
                id: f.item.id.clone(),
                number: f.number.clone(),
                title: f.item.title.clone(),
                speaker: speaker_name(m, &f.item.id).unwrap_or_default(),
                parent: !f.item.items.is_empty(),
                sub: f.parent.is_some(),
            })
            .collect();
        if self.follow_current
            && let Some(cur) = m.item_in_focus()
            && let Some(i) = self.rows.iter().position(|r| r.id == cur)
        {
            self.selected = i;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        let n = self.notes_of_selected(m).len();
        self.note_selected = self.note_selected.min(n.saturating_sub(1));
    }

    pub fn selected_item(&self) -> Option<&str> {
        self.rows.get(self.selected).map(|r| r.id.as_str())
    }

    /// The note editor is open: keys go to [`AgendaPane::handle_editor_key`].
    pub fn editing(&self) -> bool {
        self.editor.is_some()
    }

    /// Something typed in the editor would be lost by quitting.
    pub fn unsaved_input(&self) -> bool {
        self.editor.as_ref().is_some_and(|e| e.changed())
    }

    fn notes_of_selected<'m>(&self, m: &'m Meeting) -> Vec<&'m crate::core::meeting::Note> {
        let Some(id) = self.selected_item() else {
            return Vec::new();
        };
        let ids = m.leaves_of(id);
        m.notes
            .iter()
            .filter(|n| {
                n.item
                    .as_deref()
                    .is_some_and(|i| i == id || ids.iter().any(|l| l == i))
            })
            .collect()
    }

    pub fn handle(&mut self, a: AgendaAction, m: &Meeting, lang: Lang) -> Effect {
        use AgendaAction::*;
        let sel = self.selected_item().map(str::to_string);
        // On the notes, Enter (start) edits the selected note.
        let a = if a == Start && self.focus == Focus::Notes {
            EditNote
        } else {
            a
        };
        match a {
            Up | Down if self.focus == Focus::Notes => {
                let n = self.notes_of_selected(m).len();
                self.note_selected = if a == Up {
                    self.note_selected.saturating_sub(1)
                } else {
                    (self.note_selected + 1).min(n.saturating_sub(1))
                };
                Effect::None
            }
            Up => {
                self.follow_current = false;
                self.selected = self.selected.saturating_sub(1);
                self.note_selected = 0;
                Effect::None
            }
            Down => {
                self.follow_current = false;
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
                self.note_selected = 0;
                Effect::None
            }
            Start => {
                self.follow_current = true;
                match sel {
                    Some(id) => Effect::Execute(Command::StartItem { item: Some(id) }),
                    None => Effect::None,
                }
            }
            PauseResume => match m.current_item.as_deref().and_then(|c| m.item_state(c)) {
                Some(s) if s.status == ItemStatus::Paused => Effect::Execute(Command::ResumeItem),
                Some(_) => Effect::Execute(Command::PauseItem),
                None => Effect::Notice(
                    lang.pick("no agenda item is running", "当前没有进行中的议程")
                        .into(),
                ),
            },
            End => Effect::Execute(Command::EndItem),
            Next => {
                self.follow_current = true;
                Effect::Execute(Command::NextItem)
            }
            Prev => {
                self.follow_current = true;
                Effect::Execute(Command::PrevItem)
            }
            Skip => match sel {
                Some(id) => Effect::Execute(Command::SkipItem { item: Some(id) }),
                None => Effect::None,
            },
            AddNote | AddDecision => {
                if let Some(id) = sel {
                    let title = m.item_label(&id);
                    self.editor = Some(NoteEditor::new_note(id, title, a == AddDecision));
                }
                Effect::None
            }
            SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Items if !self.notes_of_selected(m).is_empty() => Focus::Notes,
                    _ => Focus::Items,
                };
                Effect::None
            }
            EditNote | ToggleDecision | DeleteNote => {
                let notes = self.notes_of_selected(m);
                let Some(n) = notes.get(self.note_selected) else {
                    return Effect::Notice(
                        lang.pick(
                            "no note selected (Tab moves to the notes)",
                            "未选中记录（Tab 切换到记录）",
                        )
                        .into(),
                    );
                };
                match a {
                    EditNote => {
                        let title = n
                            .item
                            .as_deref()
                            .map(|i| m.item_label(i))
                            .unwrap_or_default();
                        self.editor = Some(NoteEditor::edit(n, title));
                        Effect::None
                    }
                    ToggleDecision => Effect::Execute(Command::EditNote {
                        note: n.id.clone(),
                        text: n.text.clone(),
                        decision: !n.decision,
                    }),
                    _ => Effect::Execute(Command::DeleteNote { note: n.id.clone() }),
                }
            }
            AddAction => Effect::OpenActionForm,
        }
    }

    /// A key while the note editor is open.
    pub fn handle_editor_key(&mut self, key: &KeyEvent) -> Effect {
        let Some(ed) = self.editor.as_mut() else {
            return Effect::None;
        };
        match ed.key(key) {
            EditorOutcome::Continue => Effect::None,
            EditorOutcome::Cancel => {
                self.editor = None;
                Effect::None
            }
            EditorOutcome::Save(cmd) => Effect::Execute(*cmd),
        }
    }

    /// Pasted text goes into the open editor.
    pub fn paste(&mut self, text: &str) {
        if let Some(ed) = self.editor.as_mut() {
            ed.paste(text);
        }
    }

    /// The shell reports that the editor's command was recorded: close it. (On a refusal
    /// the editor stays open with the text.)
    pub fn saved(&mut self) {
        self.editor = None;
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        if area.width < 20 || area.height < 3 {
            self.render_tiny(frame, area, ctx);
            return;
        }
        let m = ctx.meeting;
        let current_h = if area.height >= 16 { 5 } else { 3 };
        let notes_h = if area.height >= 20 { 5 } else { 0 };
        let [cur, list, foot, notes] = Layout::vertical([
            Constraint::Length(current_h),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(notes_h),
        ])
        .areas(area);
        self.render_current(frame, cur, ctx);
        self.render_list(frame, list, ctx);
        frame.render_widget(Paragraph::new(projection_line(m, ctx)), foot);
        if notes_h > 0 {
            self.render_notes(frame, notes, ctx);
        }
        if let Some(ed) = self.editor.as_mut() {
            ed.render(frame, area, ctx.lang);
        }
    }

    fn render_tiny(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let m = ctx.meeting;
        let line = match m.current_item.as_deref() {
            Some(id) => {
                let c = item_clock(m, id, ctx.now);
                Line::from(vec![
                    Span::styled(clock_text(c.remaining), phase_style(c.phase)),
                    Span::raw(" "),
                    Span::raw(m.item_label(id)),
                ])
            }
            None => Line::from(ctx.lang.pick("no item running", "无进行中议程")),
        };
        frame.render_widget(Paragraph::new(line), area);
    }

    fn render_current(&self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let m = ctx.meeting;
        let lang = ctx.lang;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(PALETTE.border)
            .title(Span::styled(
                lang.pick(" Current item ", " 当前议程 "),
                PALETTE.header,
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(id) = m.current_item.as_deref() else {
            let next = m
                .next_leaf()
                .map(|n| m.item_label(n))
                .unwrap_or_else(|| lang.pick("none", "无").into());
            let state = if m.ended_at.is_some() {
                lang.pick("The meeting has ended.", "会议已结束。")
            } else if m.started_at.is_none() {
                lang.pick("Not started.", "会议尚未开始。")
            } else {
                lang.pick("No item running.", "当前无进行中的议程。")
            };
            let lines = vec![
                Line::from(Span::styled(state, PALETTE.title)),
                Line::from(vec![
                    Span::styled(lang.pick("Next: ", "下一项："), PALETTE.dim),
                    Span::raw(next),
                    Span::styled(lang.pick("  (n to start)", "（按 n 开始）"), PALETTE.dim),
                ]),
            ];
            frame.render_widget(Paragraph::new(lines), inner);
            return;
        };
        let c = item_clock(m, id, ctx.now);
        let paused = m
            .item_state(id)
            .is_some_and(|s| s.status == ItemStatus::Paused);
        let speaker = speaker_name(m, id).unwrap_or_default();
        let title = Line::from(vec![
            Span::styled(m.item_label(id), PALETTE.title),
            Span::raw("   "),
            Span::styled(lang.pick("Speaker ", "主讲 "), PALETTE.dim),
            Span::raw(speaker),
        ]);
        let mut time = vec![
            Span::styled(lang.pick("Elapsed ", "已用 "), PALETTE.dim),
            Span::styled(clock_text(c.elapsed), PALETTE.title),
            Span::styled(lang.pick(" of ", " / 计划 "), PALETTE.dim),
            Span::raw(clock_text(c.planned)),
            Span::raw("   "),
        ];
        time.extend(remaining_spans(&c, lang));
        if paused {
            time.push(Span::raw("  "));
            time.push(Span::styled(
                lang.pick(" PAUSED ", " 已暂停 "),
                PALETTE.warn,
            ));
        }
        let mut lines = vec![title, Line::from(time)];
        if inner.height >= 3 {
            lines.push(progress_bar(&c, inner.width as usize));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn render_list(&self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let m = ctx.meeting;
        let lang = ctx.lang;
        if area.height == 0 {
            return;
        }
        // Columns: number, title, speaker, planned, start, end, used, state.
        let w = area.width as usize;
        let fixed = [4usize, 0, 8, 5, 6, 6, 8, 12];
        let title_w = w.saturating_sub(fixed.iter().sum::<usize>() + 7).max(6);
        let widths = [4, title_w, 8, 5, 6, 6, 8, 12];
        let header = match lang {
            Lang::En => [
                "#", "Item", "Speaker", "Plan", "Start", "End", "Used", "State",
            ],
            Lang::Zh => [
                "序号", "议程", "主讲", "计划", "开始", "结束", "用时", "状态",
            ],
        };
        let cell_line = |cells: &[String], style: Style| {
            let mut spans = Vec::new();
            for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
                if i > 0 {
                    spans.push(Span::raw(" "));
                }
                spans.push(Span::styled(pad(c, w), style));
            }
            Line::from(spans)
        };
        let mut lines = vec![cell_line(&header.map(str::to_string), PALETTE.header)];
        let visible = area.height.saturating_sub(1) as usize;
        let start = self
            .selected
            .saturating_sub(visible.saturating_sub(1))
            .min(self.rows.len().saturating_sub(visible));
        for (i, r) in self.rows.iter().enumerate().skip(start).take(visible) {
            let st = m.item_state(&r.id);
            let status = st.map(|s| s.status);
            let c = item_clock(m, &r.id, ctx.now);
            let held = !r.parent && st.is_some_and(|s| s.first_start.is_some());
            let children_started = r.parent
                && m.leaves_of(&r.id)
                    .iter()
                    .any(|l| m.item_state(l).is_some_and(|s| s.first_start.is_some()));
            let first_start = if r.parent {
                m.leaves_of(&r.id)
                    .iter()
                    .filter_map(|l| m.item_state(l).and_then(|s| s.first_start))
                    .min()
            } else {
                st.and_then(|s| s.first_start)
            };
            let last_end = if r.parent {
                let leaves = m.leaves_of(&r.id);
                let all_done = leaves.iter().all(|l| {
                    m.item_state(l).is_some_and(|s| {
                        matches!(s.status, ItemStatus::Ended | ItemStatus::Skipped)
                    })
                });
                if all_done {
                    leaves
                        .iter()
                        .filter_map(|l| m.item_state(l).and_then(|s| s.last_end))
                        .max()
                } else {
                    None
                }
            } else if status == Some(ItemStatus::Ended) {
                st.and_then(|s| s.last_end)
            } else {
                None
            };
            let (state_text, state_style) = state_cell(r.parent, status, &c, lang);
            let title = if r.sub {
                format!("  {}", r.title)
            } else {
                r.title.clone()
            };
            let used = if held || children_started {
                clock_text(c.elapsed)
            } else {
                String::new()
            };
            let cells = [
                r.number.clone(),
                title,
                r.speaker.clone(),
                m.planned_minutes(&r.id).to_string(),
                first_start.map(|t| ctx.hm(t)).unwrap_or_default(),
                last_end.map(|t| ctx.hm(t)).unwrap_or_default(),
                used,
                state_text,
            ];
            let row_style = if i == self.selected && self.focus == Focus::Items {
                PALETTE.selected
            } else if status == Some(ItemStatus::Running) {
                PALETTE.running
            } else if status == Some(ItemStatus::Skipped) {
                PALETTE.dim
            } else {
                Style::new()
            };
            let mut line = cell_line(&cells, row_style);
            // The state column keeps its own colour unless the row is selected.
            if (i != self.selected || self.focus != Focus::Items)
                && let Some(last) = line.spans.last_mut()
            {
                last.style = state_style;
            }
            lines.push(line);
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn render_notes(&self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let m = ctx.meeting;
        let lang = ctx.lang;
        let focused = self.focus == Focus::Notes;
        let title = match self.selected_item() {
            Some(id) => match lang {
                Lang::En => format!(" Notes: {} ", truncate(&m.item_label(id), 40)),
                Lang::Zh => format!(" 记录：{} ", truncate(&m.item_label(id), 40)),
            },
            None => lang.pick(" Notes ", " 记录 ").into(),
        };
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(if focused {
                PALETTE.border_focus
            } else {
                PALETTE.border
            })
            .title(Span::styled(title, PALETTE.header));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let notes = self.notes_of_selected(m);
        if notes.is_empty() {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    lang.pick(
                        "No notes yet. t: note   d: decision (议定事项)",
                        "暂无记录。t：记录   d：议定事项",
                    ),
                    PALETTE.dim,
                )),
                inner,
            );
            return;
        }
        let visible = inner.height as usize;
        let start = self.note_selected.saturating_sub(visible.saturating_sub(1));
        let width = inner.width as usize;
        let lines: Vec<Line> = notes
            .iter()
            .enumerate()
            .skip(start)
            .take(visible)
            .map(|(i, n)| {
                let mark = if n.decision {
                    Span::styled(lang.pick("[decision] ", "[议定] "), PALETTE.decision)
                } else {
                    Span::raw("")
                };
                let first = n.text.lines().next().unwrap_or("");
                let more = if n.text.lines().count() > 1 {
                    " …"
                } else {
                    ""
                };
                let head = format!("{} {} ", n.id, ctx.hm(n.at));
                let room = width
                    .saturating_sub(unicode_width::UnicodeWidthStr::width(head.as_str()))
                    .saturating_sub(mark.width())
                    .saturating_sub(2);
                let style = if focused && i == self.note_selected {
                    PALETTE.selected
                } else {
                    Style::new()
                };
                Line::from(vec![
                    Span::styled(head, PALETTE.dim),
                    mark,
                    Span::styled(format!("{}{more}", truncate(first, room)), style),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

fn phase_style(p: Phase) -> Style {
    match p {
        Phase::Normal => PALETTE.ok,
        Phase::Warning => PALETTE.warn,
        Phase::Overrun => PALETTE.alarm,
    }
}

fn remaining_spans(c: &ItemClock, lang: Lang) -> Vec<Span<'static>> {
    if c.planned.is_zero() {
        return vec![Span::styled(
            lang.pick("no planned time", "未定时长"),
            PALETTE.dim,
        )];
    }
    let style = phase_style(c.phase);
    match c.phase {
        Phase::Overrun => vec![Span::styled(
            match lang {
                Lang::En => format!(" OVER by {} ", clock_text(-c.remaining)),
                Lang::Zh => format!(" 超时 {} ", clock_text(-c.remaining)),
            },
            style,
        )],
        _ => vec![
            Span::styled(lang.pick("Left ", "剩余 "), PALETTE.dim),
            Span::styled(format!(" {} ", clock_text(c.remaining)), style),
        ],
    }
}

/// A bar of the planned time, in background colour (no glyphs of ambiguous width).
fn progress_bar(c: &ItemClock, width: usize) -> Line<'static> {
    if width == 0 || c.planned.is_zero() {
        return Line::default();
    }
    let frac =
        (c.elapsed.num_seconds() as f64 / c.planned.num_seconds().max(1) as f64).clamp(0.0, 1.0);
    let filled = ((width as f64) * frac).round() as usize;
    let fill = match c.phase {
        Phase::Normal => Style::new().bg(ratatui::style::Color::Green),
        Phase::Warning => Style::new().bg(ratatui::style::Color::Yellow),
        Phase::Overrun => Style::new().bg(ratatui::style::Color::Red),
    };
    Line::from(vec![
        Span::styled(" ".repeat(filled), fill),
        Span::styled(
            " ".repeat(width - filled),
            Style::new().bg(ratatui::style::Color::DarkGray),
        ),
    ])
}

fn state_cell(
    parent: bool,
    status: Option<ItemStatus>,
    c: &ItemClock,
    lang: Lang,
) -> (String, Style) {
    let over = c.phase == Phase::Overrun;
    let over_text = |base: &str| match lang {
        Lang::En => format!("{base} +{}m", (-c.remaining).num_minutes().max(1)),
        Lang::Zh => format!("{base} 超{}分", (-c.remaining).num_minutes().max(1)),
    };
    if parent {
        return if over {
            (over_text(lang.pick("over", "超时")), PALETTE.error)
        } else {
            (String::new(), Style::new())
        };
    }
    match status {
        Some(ItemStatus::Running) if over => {
            (over_text(lang.pick("running", "进行")), PALETTE.alarm)
        }
        Some(ItemStatus::Running) if c.phase == Phase::Warning => {
            (lang.pick("ending", "即将到时").into(), PALETTE.warn)
        }
        Some(ItemStatus::Running) => (lang.pick("running", "进行中").into(), PALETTE.running),
        Some(ItemStatus::Paused) => (lang.pick("paused", "已暂停").into(), PALETTE.warn),
        Some(ItemStatus::Ended) if over => (over_text(lang.pick("done", "完成")), PALETTE.error),
        Some(ItemStatus::Ended) => (lang.pick("done", "已完成").into(), PALETTE.ok),
        Some(ItemStatus::Skipped) => (lang.pick("skipped", "已跳过").into(), PALETTE.dim),
        Some(ItemStatus::Pending) | None => (String::new(), Style::new()),
    }
}

/// `Projected end 15:35 (at this pace 15:52) · scheduled 15:40 · 5 min early`.
pub fn projection_line(m: &Meeting, ctx: &PaneCtx) -> Line<'static> {
    let lang = ctx.lang;
    let end = m.projected_end(ctx.now);
    let paced = m.projected_end_at_pace(ctx.now);
    let delta = m.schedule_delta(ctx.now);
    let mins = delta.num_minutes();
    let (verdict, style) = if m.ended_at.is_some() {
        (
            match lang {
                Lang::En => format!("ended {} min vs schedule", signed_minutes(delta)),
                Lang::Zh => format!("已结束，较计划 {} 分钟", signed_minutes(delta)),
            },
            PALETTE.dim,
        )
    } else if mins > 0 {
        (
            match lang {
                Lang::En => format!(" {mins} min LATE "),
                Lang::Zh => format!(" 预计超时 {mins} 分钟 "),
            },
            PALETTE.alarm,
        )
    } else if mins == 0 {
        (lang.pick("on time", "准时").into(), PALETTE.ok)
    } else {
        (
            match lang {
                Lang::En => format!("{} min early", -mins),
                Lang::Zh => format!("提前 {} 分钟", -mins),
            },
            PALETTE.ok,
        )
    };
    let mut spans = vec![
        Span::styled(lang.pick("Projected end ", "预计结束 "), PALETTE.dim),
        Span::styled(ctx.hm(end), PALETTE.title),
    ];
    if m.pace(ctx.now).is_some() && paced != end && m.ended_at.is_none() {
        spans.push(Span::styled(
            match lang {
                Lang::En => format!(" (at this pace {})", ctx.hm(paced)),
                Lang::Zh => format!("（按当前节奏 {}）", ctx.hm(paced)),
            },
            PALETTE.dim,
        ));
    }
    spans.push(Span::styled(
        lang.pick(" · scheduled ", " · 计划 "),
        PALETTE.dim,
    ));
    spans.push(Span::raw(ctx.hm(m.scheduled_end_as_held())));
    spans.push(Span::styled(" · ", PALETTE.dim));
    spans.push(Span::styled(verdict, style));
    Line::from(spans)
}
