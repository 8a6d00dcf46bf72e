//! Drawing the attendance view: the venues with their counts and links, the arrivals
//! chart, the search box and the roster (only the rows shown are formatted), and the
//! open modal over them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, HighlightSpacing, Paragraph, Row, Scrollbar, ScrollbarOrientation,
    ScrollbarState, Table, TableState,
};
use unicode_width::UnicodeWidthStr;

use super::AttendanceView;
use super::modals::Modal;
use super::modals::role_name;
use crate::core::agenda::{Role, SignInMode};
use crate::core::event::LinkState;
use crate::i18n::{Lang, status_label};
use crate::tui::ctx::Ctx;
use crate::tui::fit::{skip_columns, truncate};
use crate::tui::keymap::{Action, Scope};
use crate::tui::layout::Window;
use crate::tui::text::{Say, T};
use crate::tui::theme::{EMPTY, FILL, Theme};
use crate::tui::view::View;

impl AttendanceView {
    pub(super) fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let m = ctx.meeting;
        let n_venues = m.agenda.venues.len() as u16;
        // The venues take what they need, up to two fifths of the height (at least the
        // title, the header and the total; the venues left out are counted in the title).
        let venue_h = (n_venues + 3).min((area.height * 2 / 5).max(3));
        let chart_h = if area.height >= 24 { 3 } else { 0 };
        let [venues_area, chart_area, search_area, roster_area] = Layout::vertical([
            Constraint::Length(venue_h),
            Constraint::Length(chart_h),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        self.render_venues(frame, venues_area, ctx);
        if chart_h > 0 {
            self.render_chart(frame, chart_area, ctx);
        }
        self.render_roster(frame, roster_area, ctx);
        // The search box last among the widgets: its caret gets the terminal cursor
        // unless a form is open.
        self.render_search(frame, search_area, ctx);
        if let Modal::Review(r) = &mut self.modal {
            r.render(frame, area, ctx);
        }
        if let Some(form) = self.modal_form() {
            let scope = self.scopes()[0];
            let keys = ctx.keymap.hint_line(scope, self.hints(), ctx.lang);
            form.render(frame, area, ctx, &keys);
        }
    }

    fn render_venues(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let m = ctx.meeting;
        let n = m.agenda.venues.len();
        // Rows for the venues: a window around the selected one; the total always shows.
        let rows_room = area.height.saturating_sub(3) as usize;
        let sel = self.venue.unwrap_or(0);
        let start = if n <= rows_room {
            0
        } else {
            sel.saturating_sub(rows_room / 2).min(n - rows_room)
        };
        let shown = n.min(rows_room);
        let hidden = Window {
            start,
            end: start + shown,
            above: start,
            below: n - start - shown,
            marked: false,
        };
        let mut block = Block::default()
            .borders(Borders::TOP)
            .border_style(th.border)
            .title(Span::styled(format!(" {} ", T::Venue.get(lang)), th.title));
        if hidden.hides() {
            let more = format!(" {} ", hidden.marker(lang));
            block = block.title_top(Line::styled(more, th.title).right_aligned());
        }
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height == 0 {
            return;
        }
        let num_w = 5usize;
        let link_w = if lang == Lang::Zh { 4 } else { 5 };
        let mark_w = th.marker.len();
        // The name column fits the longest name (up to a limit); the bar gets the rest.
        // A narrow screen drops the links and the bar, then late and excused.
        let longest = (0..m.agenda.venues.len())
            .map(|v| venue_label(m, v, lang).width())
            .chain([
                total_label(self.venue.is_none(), lang).width(),
                T::Venue.get(lang).width(),
            ])
            .max()
            .unwrap_or(0)
            .min(24)
            + mark_w;
        let width = inner.width as usize;
        let all = longest + (num_w + 1) * 5 + (link_w + 1) * 2;
        let cols: &[usize] = if width >= all {
            &[0, 1, 2, 3, 4, 5, 6, 7, 8]
        } else if width >= 12 + (num_w + 1) * 5 {
            &[0, 1, 2, 3, 4, 5]
        } else {
            &[0, 1, 2, 5]
        };
        let col_w = |c: usize| match c {
            1..=5 => num_w,
            6 | 7 => link_w,
            _ => 0,
        };
        let fixed: usize = cols.iter().skip(1).map(|&c| col_w(c) + 1).sum();
        let name_w = longest.min(width.saturating_sub(fixed));
        let bar_w = if cols.contains(&8) {
            width.saturating_sub(name_w + fixed)
        } else {
            0
        };
        let widths: Vec<Constraint> = cols
            .iter()
            .map(|&c| match c {
                0 => Constraint::Length(name_w as u16),
                8 => Constraint::Length(bar_w as u16),
                c => Constraint::Length(col_w(c) as u16),
            })
            .collect();
        let pick = |cells: Vec<Cell<'static>>| -> Vec<Cell<'static>> {
            cells
                .into_iter()
                .enumerate()
                .filter(|(i, _)| cols.contains(i))
                .map(|(_, c)| c)
                .collect()
        };
        let header = Row::new(pick(
            [
                T::Venue,
                T::Expected,
                T::Present,
                T::Late,
                T::Excused,
                T::Absent,
                T::Video,
                T::Audio,
            ]
            .map(|t| Cell::from(t.get(lang)))
            .into_iter()
            .collect(),
        ))
        .style(th.header);
        let name_cell = |selected: bool, label: String| {
            let label = format!("{}{label}", th.mark(selected));
            Cell::from(truncate(&label, name_w))
        };
        let mut rows: Vec<Row> = Vec::with_capacity(rows_room + 1);
        for v in (start..n).take(rows_room) {
            let c = &self.counts[v];
            let st = &m.venues[v];
            let selected = self.venue == Some(v);
            let style = if selected { th.selected } else { th.base };
            rows.push(
                Row::new(pick(vec![
                    name_cell(selected, venue_label(m, v, lang)),
                    Cell::from(c.expected.to_string()),
                    Cell::from(c.present.to_string()).style(th.present),
                    Cell::from(c.late.to_string()).style(th.late),
                    Cell::from(c.excused.to_string()).style(th.excused),
                    Cell::from(c.absent.to_string()).style(th.absent),
                    link_cell(st.video, lang, th),
                    link_cell(st.audio, lang, th),
                    Cell::from(bar(c.present, c.expected, bar_w, th)),
                ]))
                .style(style),
            );
        }
        let t = &self.total;
        let all_venues = self.venue.is_none();
        let total_style = if all_venues { th.selected } else { th.title };
        rows.push(
            Row::new(pick(vec![
                name_cell(all_venues, total_label(all_venues, lang)),
                Cell::from(t.expected.to_string()),
                Cell::from(t.present.to_string()),
                Cell::from(t.late.to_string()),
                Cell::from(t.excused.to_string()),
                Cell::from(t.absent.to_string()),
                Cell::from(""),
                Cell::from(""),
                Cell::from(bar(t.present, t.expected, bar_w, th)),
            ]))
            .style(total_style),
        );
        frame.render_widget(
            Table::new(rows, widths).header(header).column_spacing(1),
            inner,
        );
    }

    /// Arrivals per minute for the last minutes up to now, as columns of coloured cells
    /// (no block glyphs: they are double width in some East Asian terminals).
    fn render_chart(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let label = T::ArrivalsPerMinute.get(lang);
        let label_w = (label.width() as u16 + 8).min(area.width / 3);
        let [label_area, chart] =
            Layout::horizontal([Constraint::Length(label_w), Constraint::Min(0)]).areas(area);
        let now_min = ctx.now.timestamp().div_euclid(60);
        let cols = chart.width as i64;
        let first = now_min - cols + 1;
        let values: Vec<u32> = (first..=now_min)
            .map(|mn| self.arrivals.get(&mn).copied().unwrap_or(0))
            .collect();
        let peak = values.iter().copied().max().unwrap_or(0);
        let last = values.last().copied().unwrap_or(0);
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(label, th.dim),
                Line::raw(Say::ArrivalsNow { last, peak }.text(lang)),
            ]),
            label_area,
        );
        let h = chart.height as u32;
        if peak == 0 || h == 0 {
            return;
        }
        let buf = frame.buffer_mut();
        for (i, &v) in values.iter().enumerate() {
            // Cells to fill, rounding up so that one arrival shows.
            let fill = (v * h).div_ceil(peak).min(h);
            for r in 0..fill {
                let x = chart.x + i as u16;
                let y = chart.y + chart.height - 1 - r as u16;
                if let Some(cell) = buf.cell_mut(Position::new(x, y)) {
                    let sym = if th.glyphs { FILL } else { " " };
                    cell.set_symbol(sym).set_style(th.bar_fill);
                }
            }
        }
    }

    fn render_search(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let label = format!("{}> ", T::Search.get(lang));
        let label_w = label.width() as u16;
        let status = if self.searching() {
            let shown = self.hits.len();
            if self.hits_truncated {
                Say::BestShown { shown }.text(lang)
            } else {
                Say::Found { shown }.text(lang)
            }
        } else {
            String::new()
        };
        let status_w = status.width() as u16;
        let [label_area, box_area, status_area] = Layout::horizontal([
            Constraint::Length(label_w),
            Constraint::Min(1),
            Constraint::Length(status_w + 1),
        ])
        .areas(area);
        frame.render_widget(Span::styled(label, th.header), label_area);
        let w = box_area.width as usize;
        let scroll = self.search.visual_scroll(w.saturating_sub(1));
        let shown = if self.search.value().is_empty() {
            Span::styled(T::SearchHint.get(lang), th.dim)
        } else {
            Span::styled(skip_columns(self.search.value(), scroll), th.input)
        };
        frame.render_widget(
            Paragraph::new(Line::from(shown)).style(th.input.underlined()),
            box_area,
        );
        frame.render_widget(Span::styled(format!(" {status}"), th.info), status_area);
        if !self.modal() && box_area.width > 0 {
            let col = self.search.visual_cursor().saturating_sub(scroll) as u16;
            let x = box_area.x.saturating_add(col.min(box_area.width - 1));
            frame.set_cursor_position(Position::new(x, box_area.y));
        }
    }

    fn render_roster(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let m = ctx.meeting;
        let venue_name = match self.venue {
            Some(v) => m.agenda.venues[v].name.as_str(),
            None => T::AllVenues.get(lang),
        };
        let list_len = self.listed().len();
        let title = if self.searching() {
            format!(" {} | {} ", T::Search.get(lang), venue_name)
        } else {
            let colon = lang.pick(": ", "：");
            format!(
                " {} | {} | {}{colon}{} | {}{colon}{} ",
                T::Roster.get(lang),
                venue_name,
                T::Filter.get(lang),
                self.filter.label(lang),
                T::Sort.get(lang),
                self.sort.label(lang),
            )
        };
        let pos = if list_len == 0 { 0 } else { self.selected + 1 };
        let pos = format!(
            " {} ",
            Say::RowsOf {
                pos,
                total: list_len
            }
            .text(lang)
        );
        // The title gives way to the position, cut and marked.
        let title = truncate(
            &title,
            (area.width as usize).saturating_sub(pos.width() + 2),
        );
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(th.border)
            .title(Span::styled(title, th.title))
            .title_top(Line::from(pos).right_aligned());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 2 || inner.width < 4 {
            return;
        }
        self.selected = self.selected.min(list_len.saturating_sub(1));
        // Header + visible rows (the last line says what is hidden, when rows are); the
        // last column is left for the scrollbar.
        let height = inner.height.saturating_sub(1) as usize;
        let marked = list_len > height && height >= 2;
        let visible = if marked { height - 1 } else { height };
        self.page = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
        self.offset = self.offset.min(list_len.saturating_sub(visible));
        let win = Window {
            start: self.offset,
            end: (self.offset + visible).min(list_len),
            above: self.offset,
            below: list_len.saturating_sub(self.offset + visible),
            marked,
        };
        if list_len == 0 {
            let msg = if self.searching() {
                format!(
                    "{} {}",
                    T::NoMatch.get(lang),
                    ctx.keymap.label(Scope::Attendance, Action::WalkIn)
                )
            } else if self
                .venue
                .is_some_and(|v| m.agenda.venues[v].sign_in == SignInMode::Headcount)
            {
                T::HeadcountVenue.get(lang).to_string()
            } else {
                T::NobodyHere.get(lang).to_string()
            };
            frame.render_widget(Paragraph::new(msg).style(th.dim), inner);
            return;
        }
        let window: Vec<usize> =
            self.listed()[self.offset..(self.offset + visible).min(list_len)].to_vec();
        let show_venue = self.venue.is_none() && m.agenda.venues.len() > 1 && inner.width >= 70;
        let show_note = inner.width >= 100;
        let no_w =
            (m.people.len().max(1).ilog10() + 1).max(T::ColNo.get(lang).width() as u32) as u16;
        let name_w = window
            .iter()
            .map(|&p| m.people[p].name.width())
            .max()
            .unwrap_or(0)
            .clamp(T::ColName.get(lang).width(), 14) as u16;
        let status_w = if lang == Lang::Zh { 4 } else { 11 };
        let mut widths = vec![
            Constraint::Length(no_w),
            Constraint::Length(name_w),
            Constraint::Fill(3),
            Constraint::Fill(2),
        ];
        let mut header = vec![T::ColNo, T::ColName, T::ColUnit, T::ColTitle];
        if show_venue {
            widths.push(Constraint::Fill(2));
            header.push(T::ColVenue);
        }
        widths.push(Constraint::Length(status_w));
        header.push(T::ColStatus);
        widths.push(Constraint::Length(8));
        header.push(T::ColTime);
        if show_note {
            widths.push(Constraint::Fill(3));
        }
        let mut header_cells: Vec<Cell> = header.iter().map(|t| Cell::from(t.get(lang))).collect();
        if show_note {
            header_cells.push(Cell::from(T::FieldNote.get(lang)));
        }
        let rows: Vec<Row> = window
            .iter()
            .map(|&p| {
                let person = &m.people[p];
                let a = &m.attendance[p];
                let status = a.status();
                let mut cells = vec![
                    Cell::from((p + 1).to_string()),
                    Cell::from(person.name.as_str()),
                    Cell::from(person.unit.as_str()),
                    Cell::from(person.title.as_str()),
                ];
                if show_venue {
                    let vname = self
                        .person_venue
                        .get(p)
                        .and_then(|&v| m.agenda.venues.get(v))
                        .map_or("", |v| v.name.as_str());
                    cells.push(Cell::from(vname));
                }
                cells.push(Cell::from(status_label(status, lang)).style(th.status(status)));
                // A 补签 shows the time it happened, marked; the note says when it was
                // entered.
                let later = m.entered_later(p);
                let time = match (a.time(), later) {
                    (Some(t), Some(_)) => {
                        format!("{} {}", ctx.hm(t), T::EnteredLaterMark.get(lang))
                    }
                    (Some(t), None) => ctx.hms(t),
                    (None, _) => String::new(),
                };
                cells.push(Cell::from(time));
                if show_note {
                    let mut note = match (&a.stand_in, &a.excused) {
                        (Some(s), _) => {
                            format!("{} {} {}", T::FormStandIn.get(lang), s.name, s.unit)
                        }
                        (None, Some(r)) => r.clone(),
                        _ => String::new(),
                    };
                    let mut add = |s: String| {
                        if !note.is_empty() {
                            note.push_str(T::Comma.get(lang));
                        }
                        note.push_str(&s);
                    };
                    if person.role != Role::Member {
                        add(role_name(person.role).get(lang).to_string());
                    }
                    if let Some(at) = later {
                        add(Say::EnteredLater { at: ctx.hm(at) }.text(lang));
                    }
                    cells.push(Cell::from(note));
                }
                Row::new(cells)
            })
            .collect();
        let table_area = Rect {
            width: inner.width.saturating_sub(1),
            height: inner.height - u16::from(marked),
            ..inner
        };
        let mut state = TableState::default().with_selected(Some(self.selected - self.offset));
        let spacing = if th.marker.is_empty() {
            HighlightSpacing::WhenSelected
        } else {
            HighlightSpacing::Always
        };
        frame.render_stateful_widget(
            Table::new(rows, widths)
                .header(Row::new(header_cells).style(th.header))
                .column_spacing(1)
                .row_highlight_style(th.selected)
                .highlight_symbol(th.marker)
                .highlight_spacing(spacing),
            table_area,
            &mut state,
        );
        if marked {
            let y = inner.y + inner.height - 1;
            frame.render_widget(
                Paragraph::new(Span::styled(win.marker(lang), th.dim)),
                Rect {
                    y,
                    height: 1,
                    ..table_area
                },
            );
        }
        if list_len > visible {
            let mut sb =
                ScrollbarState::new(list_len.saturating_sub(visible)).position(self.offset);
            frame.render_stateful_widget(
                Scrollbar::new(ScrollbarOrientation::VerticalRight)
                    .begin_symbol(None)
                    .end_symbol(None)
                    .track_symbol(Some("│"))
                    .track_style(th.border)
                    .thumb_symbol("┃")
                    .thumb_style(th.border_focus),
                Rect {
                    y: inner.y + 1,
                    height: inner.height - 1 - u16::from(marked),
                    ..inner
                },
                &mut sb,
            );
        }
    }
}

/// A venue's name, and where its figures come from when not from its sign-ins: a
/// headcount venue's, or a roster branch's reported at the roll call while its own seat
/// is not connected.
fn venue_label(m: &crate::core::meeting::Meeting, v: usize, lang: Lang) -> String {
    let venue = &m.agenda.venues[v];
    let (open, close) = (lang.pick(" (", "（"), lang.pick(")", "）"));
    if venue.sign_in == SignInMode::Headcount {
        format!("{}{open}{}{close}", venue.name, T::Headcount.get(lang))
    } else if m.counts_source(v) == crate::core::meeting::CountsSource::RollCall {
        format!("{}{open}{}{close}", venue.name, T::Reported.get(lang))
    } else {
        venue.name.clone()
    }
}

fn total_label(all_selected: bool, lang: Lang) -> String {
    if all_selected {
        let (open, close) = (lang.pick(" (", "（"), lang.pick(")", "）"));
        format!(
            "{}{open}{}{close}",
            T::Total.get(lang),
            T::AllVenues.get(lang)
        )
    } else {
        T::Total.get(lang).to_string()
    }
}

fn link_cell(s: LinkState, lang: Lang, th: &Theme) -> Cell<'static> {
    match s {
        LinkState::Ok => Cell::from(T::LinkOk.get(lang)).style(th.ok),
        LinkState::Failing => Cell::from(T::LinkFailing.get(lang)).style(th.error),
        LinkState::Unknown => Cell::from(T::LinkUnknown.get(lang)).style(th.dim),
    }
}

/// A bar of `width` cells, filled in proportion to present / expected, with the
/// percentage after it when there is room.
fn bar(present: u32, expected: u32, width: usize, th: &Theme) -> Line<'static> {
    let pct = if expected == 0 {
        0
    } else {
        (present as u64 * 100 / expected as u64).min(999) as usize
    };
    let label = format!(" {pct}%");
    let bar_w = width.saturating_sub(label.len());
    let filled = if expected == 0 {
        0
    } else {
        (present as usize * bar_w / expected as usize).min(bar_w)
    };
    let (fill, empty) = if th.glyphs { (FILL, EMPTY) } else { (" ", " ") };
    let mut spans = vec![
        Span::styled(fill.repeat(filled), th.bar_fill),
        Span::styled(empty.repeat(bar_w - filled), th.bar_empty),
    ];
    if width >= label.len() + 2 {
        spans.push(Span::raw(label));
    }
    Line::from(spans)
}
