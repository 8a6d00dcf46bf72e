//! Drawing the actions view: the filter bar, the table, the delete question and the form
//! over them. Reads the view's state and the meeting, changes nothing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::ActionsView;
use crate::core::actions::StatusFilter;
use crate::core::meeting::ActionStatus;
use crate::tui::ctx::Ctx;
use crate::tui::fit::pad;
use crate::tui::keymap::{Action, Scope};
use crate::tui::layout::Window;
use crate::tui::text::{Say, T};

pub(super) fn render(v: &ActionsView, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let [bar, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    render_filters(v, frame, bar, ctx);
    render_table(v, frame, table, ctx);
    if let Some(id) = &v.confirm_delete {
        let yes = ctx.keymap.first(Scope::Confirm, Action::Yes);
        let yes = yes.map(|k| k.to_string()).unwrap_or_default();
        let q = Say::ConfirmDeleteAction {
            id: id.clone(),
            yes,
        };
        frame.render_widget(
            Paragraph::new(Span::styled(q.text(ctx.lang), ctx.theme.error)),
            bar,
        );
    }
    if let Some(form) = &v.form {
        form.render(frame, area, ctx);
    }
}

fn render_filters(v: &ActionsView, frame: &mut Frame, bar: Rect, ctx: &Ctx) {
    let (lang, th) = (ctx.lang, ctx.theme);
    let status = match v.filter.status {
        StatusFilter::All => T::ActionsAll,
        StatusFilter::Open => T::ActionsOpen,
        StatusFilter::Done => T::ActionsDone,
    };
    let owner_label = T::OwnerLabel.get(lang);
    let owner = if v.owner_box.value().is_empty() && !v.typing_owner {
        T::AnyOwner.get(lang).to_string()
    } else {
        v.owner_box.value().to_string()
    };
    let owner_style = if v.typing_owner {
        th.border_focus
    } else {
        Style::new()
    };
    let mut spans = vec![
        Span::styled(owner_label, th.dim),
        Span::styled(owner, owner_style),
        Span::styled(T::StatusLabel.get(lang), th.dim),
        Span::raw(status.get(lang)),
    ];
    if v.filter.overdue_only {
        spans.push(Span::styled(T::OverdueOnly.get(lang), th.warn));
    }
    let counts = Say::ActionCounts {
        shown: v.rows.len(),
        open: v
            .rows
            .iter()
            .filter(|r| r.status == ActionStatus::Open)
            .count(),
        overdue: v.rows.iter().filter(|r| r.overdue).count(),
    };
    spans.push(Span::styled(counts.text(lang), th.dim));
    frame.render_widget(Paragraph::new(Line::from(spans)), bar);
    if v.typing_owner {
        let x = owner_label.width() + v.owner_box.visual_cursor();
        if (x as u16) < bar.width {
            frame.set_cursor_position(Position::new(bar.x + x as u16, bar.y));
        }
    }
}

fn render_table(v: &ActionsView, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let (lang, th) = (ctx.lang, ctx.theme);
    if area.height == 0 {
        return;
    }
    if v.rows.is_empty() {
        let add = ctx.keymap.first(Scope::Actions, Action::AddAction);
        let add = add.map(|k| k.to_string()).unwrap_or_default();
        frame.render_widget(
            Paragraph::new(Span::styled(Say::NoActions { add }.text(lang), th.dim)),
            area,
        );
        return;
    }
    let w = (area.width as usize).saturating_sub(th.marker.len());
    let id_w = v
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
    let header = [
        T::ColActionId,
        T::ColActionState,
        T::ColDue,
        T::ColOwners,
        T::ColActionItem,
        T::ColTask,
    ];
    let line = |cells: [String; 6], style: Style, state_style: Style, mark: &'static str| {
        let mut spans = vec![Span::styled(mark, style)];
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
        header.map(|t| t.get(lang).to_string()),
        th.header,
        th.header,
        th.mark(false),
    )];
    let win = Window::of(
        v.selected,
        v.rows.len(),
        area.height.saturating_sub(1) as usize,
    );
    for (i, r) in v.rows.iter().enumerate().take(win.end).skip(win.start) {
        let (state, state_style) = match (r.status, r.overdue) {
            (ActionStatus::Done, _) => (T::ActionsDone, th.ok),
            (ActionStatus::Open, true) => (T::StateOverdue, th.error),
            (ActionStatus::Open, false) => (T::ActionsOpen, Style::new()),
        };
        let due = match (&r.due, &r.due_text) {
            (Some(d), Some(t)) if *t != d.to_string() => format!("{} {t}", d.format("%m-%d")),
            (Some(d), _) => d.to_string(),
            (None, _) => "-".into(),
        };
        let owners = r
            .owners
            .iter()
            .map(|o| o.name.clone())
            .collect::<Vec<_>>()
            .join(T::ListSep.get(lang));
        let item = r
            .item
            .as_ref()
            .map(|i| i.number.clone())
            .unwrap_or_default();
        let style = if i == v.selected {
            th.selected
        } else if r.status == ActionStatus::Done {
            th.dim
        } else {
            Style::new()
        };
        let state_style = if i == v.selected { style } else { state_style };
        lines.push(line(
            [
                r.id.clone(),
                state.get(lang).into(),
                due,
                owners,
                item,
                r.text.clone(),
            ],
            style,
            state_style,
            th.mark(i == v.selected),
        ));
    }
    if win.marked {
        lines.push(Line::styled(win.marker(lang), th.dim));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
