//! Drawing the agenda view: a function of the view's state and the meeting, nothing
//! changed. The current item's time is coloured by phase (warning near the end, alarm
//! past it), and an overrun also says so in words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{AgendaView, Focus, life};
use crate::core::meeting::{ItemStatus, Meeting};
use crate::tui::ctx::Ctx;
use crate::tui::fit::{pad, truncate};
use crate::tui::keymap::{Action, Scope};
use crate::tui::layout::{Window, centered, clear_popup};
use crate::tui::text::{Say, T};
use crate::tui::theme::{EMPTY, FILL, Theme};
use crate::tui::view::speakers;
use crate::tui::view::timing::{ItemClock, Phase, clock_text, item_clock, speaker_name};

pub(super) fn render(v: &AgendaView, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    if area.width < 20 || area.height < 3 {
        render_tiny(frame, area, ctx);
        return;
    }
    let current_h = if area.height >= 16 { 5 } else { 3 };
    let notes_h = if area.height >= 20 { 5 } else { 0 };
    let speakers_h = speakers::height(ctx, area.height.saturating_sub(current_h + notes_h));
    let [cur, spk, list, foot, notes] = Layout::vertical([
        Constraint::Length(current_h),
        Constraint::Length(speakers_h),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(notes_h),
    ])
    .areas(area);
    render_current(frame, cur, ctx);
    if speakers_h > 0 {
        speakers::render(&v.speakers, frame, spk, ctx);
    }
    // No room for the notes pane: the list's last line says that the selected item has
    // notes, rather than hiding them silently.
    let hidden_notes = match notes_h {
        0 => v.notes_of_selected(ctx.meeting).len(),
        _ => 0,
    };
    let list = if hidden_notes > 0 && list.height >= 3 {
        let [list, said] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(list);
        let more = Say::More { n: hidden_notes }.text(ctx.lang);
        let colon = ctx.lang.pick(": ", "：");
        let text = format!("{}{colon}{more}", T::Notes.get(ctx.lang));
        frame.render_widget(Paragraph::new(Span::styled(text, ctx.theme.dim)), said);
        list
    } else {
        list
    };
    render_list(v, frame, list, ctx);
    frame.render_widget(Paragraph::new(projection_line(ctx)), foot);
    if notes_h > 0 {
        render_notes(v, frame, notes, ctx);
    }
    if let Some(ed) = &v.editor {
        ed.render(frame, area, ctx);
    }
    speakers::render_popup(&v.speakers, frame, area, ctx);
    if v.confirm_close {
        render_confirm_close(frame, area, ctx);
    }
}

fn render_tiny(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let m = ctx.meeting;
    let line = match m.current_item.as_deref() {
        Some(id) => {
            let c = item_clock(m, id, ctx.now);
            Line::from(vec![
                Span::styled(clock_text(c.remaining), phase_style(c.phase, ctx.theme)),
                Span::raw(" "),
                Span::raw(m.item_label(id)),
            ])
        }
        None => Line::from(T::NoItemRunningShort.get(ctx.lang)),
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn render_current(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let m = ctx.meeting;
    let lang = ctx.lang;
    let th = ctx.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Span::styled(
            format!(" {} ", T::CurrentItem.get(lang)),
            th.header,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(id) = m.current_item.as_deref() else {
        frame.render_widget(Paragraph::new(idle_lines(ctx)), inner);
        return;
    };
    let c = item_clock(m, id, ctx.now);
    let paused = m
        .item_state(id)
        .is_some_and(|s| s.status == ItemStatus::Paused);
    // The one speaking, else the item's speaker.
    let speaker = m
        .running_speech()
        .map(|s| m.speaker_label(&s.speaker, lang))
        .or_else(|| speaker_name(m, id))
        .unwrap_or_default();
    let title = Line::from(vec![
        Span::styled(m.item_label(id), th.title),
        Span::raw("   "),
        Span::styled(T::SpeakerLabel.get(lang), th.dim),
        Span::raw(speaker),
    ]);
    let elapsed = [
        Span::styled(T::ElapsedLabel.get(lang), th.dim),
        Span::styled(clock_text(c.elapsed), th.title),
        Span::styled(T::OfPlanned.get(lang), th.dim),
        Span::raw(clock_text(c.planned)),
    ];
    let mut left = remaining_spans(&c, ctx);
    if paused {
        left.push(Span::raw("  "));
        left.push(Span::styled(format!(" {} ", T::Paused.get(lang)), th.warn));
    }
    let mut time = elapsed.to_vec();
    time.push(Span::raw("   "));
    time.extend(left.iter().cloned());
    // Too narrow for both: what is left (and a pause) comes first, so that it is what
    // stays on screen; the elapsed time follows as far as it fits.
    if Line::from(time.clone()).width() > inner.width as usize {
        time = left;
        time.push(Span::raw("   "));
        time.extend(elapsed);
    }
    // One line only (a small screen): the time, which the list does not show.
    let mut lines = if inner.height < 2 {
        vec![Line::from(time)]
    } else {
        vec![title, Line::from(time)]
    };
    if inner.height >= 3 {
        lines.push(progress_bar(&c, inner.width as usize, th));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The current-item box with nothing running: where the meeting stands, and the key
/// for its next step.
fn idle_lines(ctx: &Ctx) -> Vec<Line<'static>> {
    let m = ctx.meeting;
    let (lang, th) = (ctx.lang, ctx.theme);
    if let (Some(opened), Some(closed)) = (m.started_at, m.ended_at) {
        let closed_at = Say::ClosedAt {
            time: ctx.hm(closed),
            length: life::length(opened, closed),
        };
        let reopen = Say::KeyToReopen {
            key: life::key(ctx, Action::ReopenMeeting),
        };
        return vec![
            Line::from(Span::styled(closed_at.text(lang), th.title)),
            Line::from(Span::styled(reopen.text(lang), th.dim)),
        ];
    }
    let next = m
        .next_leaf()
        .map(|n| m.item_label(n))
        .unwrap_or_else(|| T::Nothing.get(lang).into());
    let state = match m.started_at {
        None => vec![
            Span::styled(T::MeetingNotStarted.get(lang), th.title),
            Span::styled(
                Say::KeyToOpen {
                    key: life::key(ctx, Action::OpenMeeting),
                }
                .text(lang),
                th.dim,
            ),
        ],
        Some(opened) => vec![
            Span::styled(T::NoItemRunning.get(lang), th.title),
            Span::styled(
                Say::OpenSince {
                    time: ctx.hm(opened),
                }
                .text(lang),
                th.dim,
            ),
        ],
    };
    let key = life::key(ctx, Action::NextItem);
    vec![
        Line::from(state),
        Line::from(vec![
            Span::styled(T::NextLabel.get(lang), th.dim),
            Span::raw(next),
            Span::styled(Say::KeyToStart { key }.text(lang), th.dim),
        ]),
    ]
}

/// 宣布散会? in the middle of the view: what closing does, and the keys.
fn render_confirm_close(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let (m, lang, th) = (ctx.meeting, ctx.lang, ctx.theme);
    let popup = centered(area, 64, 9);
    let mut lines = match m.current_item.as_deref() {
        Some(id) => vec![
            Line::raw(T::CloseEndsItem.get(lang)),
            // The item on a line of its own: wrapping would split it at its number.
            Line::styled(
                format!(
                    "  {}",
                    truncate(&m.item_label(id), popup.width.saturating_sub(4) as usize)
                ),
                th.title,
            ),
        ],
        None => vec![Line::raw(T::CloseNoItem.get(lang))],
    };
    let after = Say::CloseAfter {
        reopen: life::key(ctx, Action::ReopenMeeting),
    };
    let keys = Say::CloseKeys {
        yes: ctx.keymap.label(Scope::Confirm, Action::Yes),
        no: ctx.keymap.label(Scope::Confirm, Action::No),
    };
    lines.extend([
        Line::raw(after.text(lang)),
        Line::raw(""),
        Line::styled(keys.text(lang), th.title),
    ]);
    clear_popup(frame, popup, area, 1);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(th.border_focus)
                .title(Span::styled(
                    format!(" {} ", T::CloseTitle.get(lang)),
                    th.header,
                )),
        ),
        popup,
    );
}

/// The start of a parent item (its first leaf's) and its end once every leaf is done;
/// a leaf's own start, and its end once ended.
fn held_times(
    m: &Meeting,
    id: &str,
    parent: bool,
) -> (
    Option<chrono::DateTime<chrono::Utc>>,
    Option<chrono::DateTime<chrono::Utc>>,
) {
    let st = m.item_state(id);
    if !parent {
        let end = st
            .filter(|s| s.status == ItemStatus::Ended)
            .and_then(|s| s.last_end);
        return (st.and_then(|s| s.first_start), end);
    }
    let leaves = m.leaves_of(id);
    let first_start = leaves
        .iter()
        .filter_map(|l| m.item_state(l).and_then(|s| s.first_start))
        .min();
    let all_done = leaves.iter().all(|l| {
        m.item_state(l)
            .is_some_and(|s| matches!(s.status, ItemStatus::Ended | ItemStatus::Skipped))
    });
    let last_end = if all_done {
        leaves
            .iter()
            .filter_map(|l| m.item_state(l).and_then(|s| s.last_end))
            .max()
    } else {
        None
    };
    (first_start, last_end)
}

fn render_list(v: &AgendaView, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let m = ctx.meeting;
    let lang = ctx.lang;
    let th = ctx.theme;
    if area.height == 0 {
        return;
    }
    // Columns: number, title, speaker, planned, start, end, used, state.
    let w = (area.width as usize).saturating_sub(th.marker.len());
    let fixed = [4usize, 0, 8, 5, 6, 6, 8, 12];
    let title_w = w.saturating_sub(fixed.iter().sum::<usize>() + 7).max(6);
    let widths = [4, title_w, 8, 5, 6, 6, 8, 12];
    let header = [
        T::ColItemNo,
        T::ColItem,
        T::ColSpeaker,
        T::ColPlan,
        T::ColStart,
        T::ColEnd,
        T::ColUsed,
        T::ColState,
    ];
    let cell_line = |cells: &[String], style: Style, mark: &'static str| {
        let mut spans = vec![Span::styled(mark, style)];
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                spans.push(Span::raw(" "));
            }
            spans.push(Span::styled(pad(c, w), style));
        }
        Line::from(spans)
    };
    // Too low for the header, a row and the "+N more" marker: the header gives way, so
    // that hidden items are still said.
    let height = area.height as usize;
    let header_shown = height >= 3 || v.rows.len() < height;
    let mut lines = Vec::new();
    if header_shown {
        let header = header.map(|t| t.get(lang).to_string());
        lines.push(cell_line(&header, th.header, th.mark(false)));
    }
    let win = Window::of(v.selected, v.rows.len(), height - usize::from(header_shown));
    let on_items = v.focus == Focus::Items;
    for (i, r) in v.rows.iter().enumerate().take(win.end).skip(win.start) {
        let st = m.item_state(&r.id);
        let status = st.map(|s| s.status);
        let c = item_clock(m, &r.id, ctx.now);
        let held = !r.parent && st.is_some_and(|s| s.first_start.is_some());
        let children_started = r.parent
            && m.leaves_of(&r.id)
                .iter()
                .any(|l| m.item_state(l).is_some_and(|s| s.first_start.is_some()));
        let (first_start, last_end) = held_times(m, &r.id, r.parent);
        let (state_text, state_style) = state_cell(r.parent, status, &c, ctx);
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
        let selected = i == v.selected && on_items;
        let row_style = if selected {
            th.selected
        } else if status == Some(ItemStatus::Running) {
            th.running
        } else if status == Some(ItemStatus::Skipped) {
            th.dim
        } else {
            Style::new()
        };
        let mut line = cell_line(&cells, row_style, th.mark(selected));
        // The state column keeps its own colour unless the row is selected.
        if !selected && let Some(last) = line.spans.last_mut() {
            last.style = state_style;
        }
        lines.push(line);
    }
    if win.marked {
        lines.push(Line::styled(win.marker(lang), th.dim));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_notes(v: &AgendaView, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let m = ctx.meeting;
    let lang = ctx.lang;
    let th = ctx.theme;
    let focused = v.focus == Focus::Notes;
    let title = match v.selected_item() {
        Some(id) => Say::NotesOf {
            item: truncate(&m.item_label(id), 40),
        }
        .text(lang),
        None => format!(" {} ", T::Notes.get(lang)),
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(if focused { th.border_focus } else { th.border })
        .title(Span::styled(title, th.header));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let notes = v.notes_of_selected(m);
    if notes.is_empty() {
        let key = |a| {
            let k = ctx.keymap.first(Scope::Agenda, a);
            k.map(|k| k.to_string()).unwrap_or_default()
        };
        let text = Say::NoNotesYet {
            note: key(Action::AddNote),
            decision: key(Action::AddDecision),
        }
        .text(lang);
        frame.render_widget(Paragraph::new(Span::styled(text, th.dim)), inner);
        return;
    }
    let win = Window::of(v.note_selected, notes.len(), inner.height as usize);
    let width = (inner.width as usize).saturating_sub(th.marker.len());
    let mut lines: Vec<Line> = notes
        .iter()
        .enumerate()
        .take(win.end)
        .skip(win.start)
        .map(|(i, n)| {
            let mark = if n.decision {
                Span::styled(T::DecisionMark.get(lang), th.decision)
            } else {
                Span::raw("")
            };
            let first = n.text.lines().next().unwrap_or("");
            // More lines follow (ASCII: `…` is ambiguous-width).
            let more = if n.text.lines().count() > 1 {
                " ..."
            } else {
                ""
            };
            let head = format!("{} {} ", n.id, ctx.hm(n.at));
            let room = width
                .saturating_sub(head.width())
                .saturating_sub(mark.width())
                .saturating_sub(2);
            let selected = focused && i == v.note_selected;
            let style = if selected { th.selected } else { Style::new() };
            Line::from(vec![
                Span::styled(th.mark(selected), style),
                Span::styled(head, th.dim),
                mark,
                Span::styled(format!("{}{more}", truncate(first, room)), style),
            ])
        })
        .collect();
    if win.marked {
        lines.push(Line::styled(win.marker(lang), th.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn phase_style(p: Phase, th: &Theme) -> Style {
    match p {
        Phase::Normal => th.ok,
        Phase::Warning => th.warn,
        Phase::Overrun => th.error,
    }
}

fn remaining_spans(c: &ItemClock, ctx: &Ctx) -> Vec<Span<'static>> {
    let (lang, th) = (ctx.lang, ctx.theme);
    if c.planned.is_zero() {
        return vec![Span::styled(T::NoPlannedTime.get(lang), th.dim)];
    }
    let style = phase_style(c.phase, th);
    match c.phase {
        Phase::Overrun => {
            let time = clock_text(-c.remaining);
            vec![Span::styled(Say::OverBy { time }.text(lang), style)]
        }
        _ => vec![
            Span::styled(T::LeftLabel.get(lang), th.dim),
            Span::styled(format!(" {} ", clock_text(c.remaining)), style),
        ],
    }
}

/// A bar of the planned time, in background colour (no glyphs of ambiguous width), or
/// ASCII glyphs without colour.
fn progress_bar(c: &ItemClock, width: usize, th: &Theme) -> Line<'static> {
    if width == 0 || c.planned.is_zero() {
        return Line::default();
    }
    let frac =
        (c.elapsed.num_seconds() as f64 / c.planned.num_seconds().max(1) as f64).clamp(0.0, 1.0);
    let filled = ((width as f64) * frac).round() as usize;
    if th.glyphs {
        return Line::from(vec![
            Span::styled(FILL.repeat(filled), th.bar_fill),
            Span::styled(EMPTY.repeat(width - filled), th.bar_empty),
        ]);
    }
    let fill = match c.phase {
        Phase::Normal => th.phase_ok,
        Phase::Warning => th.phase_warn,
        Phase::Overrun => th.phase_over,
    };
    Line::from(vec![
        Span::styled(" ".repeat(filled), Style::new().bg(fill)),
        Span::styled(" ".repeat(width - filled), th.bar_empty),
    ])
}

fn state_cell(
    parent: bool,
    status: Option<ItemStatus>,
    c: &ItemClock,
    ctx: &Ctx,
) -> (String, Style) {
    let (lang, th) = (ctx.lang, ctx.theme);
    let over = c.phase == Phase::Overrun;
    let over_text = |base: T| {
        Say::OverMinutes {
            base: base.get(lang).to_string(),
            minutes: (-c.remaining).num_minutes().max(1),
        }
        .text(lang)
    };
    if parent {
        return if over {
            (over_text(T::StateOver), th.error_text)
        } else {
            (String::new(), Style::new())
        };
    }
    let word = |t: T| t.get(lang).to_string();
    match status {
        Some(ItemStatus::Running) if over => (over_text(T::StateRunningOver), th.error),
        Some(ItemStatus::Running) if c.phase == Phase::Warning => (word(T::StateEnding), th.warn),
        Some(ItemStatus::Running) => (word(T::StateRunning), th.running),
        Some(ItemStatus::Paused) => (word(T::StatePaused), th.warn),
        Some(ItemStatus::Ended) if over => (over_text(T::StateDoneOver), th.error_text),
        Some(ItemStatus::Ended) => (word(T::StateDone), th.ok),
        Some(ItemStatus::Skipped) => (word(T::StateSkipped), th.dim),
        Some(ItemStatus::Pending) | None => (String::new(), Style::new()),
    }
}

/// `Projected end 15:35 (at this pace 15:52) | scheduled 15:40 | 5 min early`.
fn projection_line(ctx: &Ctx) -> Line<'static> {
    let m = ctx.meeting;
    let (lang, th) = (ctx.lang, ctx.theme);
    let end = m.projected_end(ctx.now);
    let paced = m.projected_end_at_pace(ctx.now);
    let delta = m.schedule_delta(ctx.now);
    let mins = delta.num_minutes();
    let (verdict, style) = if m.ended_at.is_some() {
        // Said as early or late, not as a signed number ("-75 min vs schedule").
        let text = match mins {
            0 => T::EndedOnTime.get(lang).to_string(),
            m if m > 0 => Say::EndedLate { mins: m }.text(lang),
            m => Say::EndedEarly { mins: -m }.text(lang),
        };
        (text, th.dim)
    } else if mins > 0 {
        (Say::ProjectedLate { mins }.text(lang), th.error)
    } else if mins == 0 {
        (T::OnTime.get(lang).to_string(), th.ok)
    } else {
        (Say::ProjectedEarly { mins: -mins }.text(lang), th.ok)
    };
    let mut spans = vec![
        Span::styled(T::ProjectedEnd.get(lang), th.dim),
        Span::styled(ctx.hm(end), th.title),
    ];
    if m.pace(ctx.now).is_some() && paced != end && m.ended_at.is_none() {
        let time = ctx.hm(paced);
        spans.push(Span::styled(Say::AtThisPace { time }.text(lang), th.dim));
    }
    spans.push(Span::styled(T::Scheduled.get(lang), th.dim));
    spans.push(Span::raw(ctx.hm(m.scheduled_end_as_held())));
    spans.push(Span::styled(" | ", th.dim));
    spans.push(Span::styled(verdict, style));
    Line::from(spans)
}
