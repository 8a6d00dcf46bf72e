//! The application: the session, the views' state, the current view, the notice line and
//! the overlays (help, quit confirmation). It is driven by events and draws into any
//! ratatui backend, so tests run it without a terminal.

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::input::{self, Intent, TextFocus};
use super::keymap::{Action, Keymap, Scope};
use super::text::{self, T};
use super::theme::THEME;
use super::view::{AppCtx, Handled, JournalState, Notice, NoticeKind, ViewCtx, ViewId, Views};
use crate::core::meeting::Meeting;
use crate::i18n::Lang;
use crate::store::session::Session;

/// Below this the screen shows one line saying it is too small.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overlay {
    None,
    Help,
    ConfirmQuit,
}

pub struct App {
    pub session: Session,
    pub lang: Lang,
    pub keymap: Keymap,
    pub view: ViewId,
    pub views: Views,
    pub notice: Option<Notice>,
    pub journal: JournalState,
    overlay: Overlay,
    quit: bool,
    /// `events_applied` when the views last synced.
    synced: usize,
    tz: FixedOffset,
}

impl App {
    pub fn new(session: Session, lang: Lang, keymap: Keymap) -> App {
        let tz = *session.meeting().agenda.meeting.start.offset();
        let views = Views::new(session.meeting());
        let mut app = App {
            views,
            lang,
            keymap,
            view: ViewId::Attendance,
            notice: None,
            journal: JournalState::Saved,
            overlay: Overlay::None,
            quit: false,
            synced: usize::MAX,
            tz,
            session,
        };
        app.opening_notice();
        app.sync();
        app
    }

    fn opening_notice(&mut self) {
        let r = &self.session.report;
        let lang = self.lang;
        let n = if let Some(side) = &r.replay.torn_tail {
            Some((
                NoticeKind::Warning,
                text::torn_tail(lang, &side.display().to_string()),
            ))
        } else if r.agenda_changed {
            Some((NoticeKind::Warning, text::agenda_changed(lang).to_string()))
        } else if r.replay.events > 0 {
            Some((
                NoticeKind::Info,
                text::journal_resumed(lang, r.replay.events),
            ))
        } else {
            None
        };
        self.notice = n.map(|(kind, text)| Notice { kind, text });
    }

    pub fn meeting(&self) -> &Meeting {
        self.session.meeting()
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// A signal asked us to stop: quit without asking (everything recorded is on disk).
    pub fn quit_now(&mut self) {
        self.quit = true;
    }

    /// Let views rebuild what they derive from the meeting, once per change.
    fn sync(&mut self) {
        let rev = self.session.meeting().events_applied;
        if rev != self.synced {
            self.synced = rev;
            for id in ViewId::ALL {
                self.views.get_mut(id).sync(self.session.meeting());
            }
        }
    }

    /// A key press (for tests and scripts): `key(KeyCode::Enter)`.
    pub fn key(&mut self, code: KeyCode, now: DateTime<Utc>) {
        self.key_with(code, KeyModifiers::NONE, now);
    }

    pub fn key_with(&mut self, code: KeyCode, mods: KeyModifiers, now: DateTime<Utc>) {
        let ev = Event::Key(KeyEvent::new_with_kind(code, mods, KeyEventKind::Press));
        self.on_event(&ev, now);
    }

    /// Type text, one key per character.
    pub fn type_str(&mut self, s: &str, now: DateTime<Utc>) {
        for c in s.chars() {
            self.key(KeyCode::Char(c), now);
        }
    }

    pub fn on_event(&mut self, ev: &Event, now: DateTime<Utc>) {
        match self.overlay {
            Overlay::Help => {
                if let Event::Key(k) = ev
                    && k.kind == KeyEventKind::Press
                {
                    self.overlay = Overlay::None;
                }
                return;
            }
            Overlay::ConfirmQuit => {
                match input::intent(ev, &[Scope::Confirm], TextFocus::None, &self.keymap) {
                    Some(Intent::Action(_, Action::Yes)) => self.quit = true,
                    Some(Intent::Action(_, Action::No)) => self.overlay = Overlay::None,
                    _ => {}
                }
                return;
            }
            Overlay::None => {}
        }
        let view = self.views.get_mut(self.view);
        let scopes = view.scopes();
        let Some(intent) = input::intent(ev, scopes, view.text_focus(), &self.keymap) else {
            return;
        };
        if intent == Intent::Resize {
            return;
        }
        let handled = {
            let mut ctx = AppCtx::new(
                &mut self.session,
                self.lang,
                now,
                self.tz,
                &self.keymap,
                &mut self.notice,
                &mut self.journal,
            );
            view.handle(&intent, &mut ctx)
        };
        if handled == Handled::No
            && let Intent::Action(_, action) = intent
        {
            self.global(action);
        }
        // The action form opened from another view goes back there when it closes.
        if self.view == ViewId::Actions
            && !self.views.actions.form_open()
            && let Some(back) = self.views.actions.return_to.take()
        {
            self.view = back;
        }
        self.sync();
    }

    fn global(&mut self, action: Action) {
        let modal = self.views.get(self.view).modal();
        match action {
            Action::Help => self.overlay = Overlay::Help,
            Action::Quit => {
                if ViewId::ALL
                    .iter()
                    .any(|v| self.views.get(*v).unsaved_input())
                {
                    self.overlay = Overlay::ConfirmQuit;
                } else {
                    self.quit = true;
                }
            }
            _ if modal => {}
            Action::NextView => self.view = self.view.next(),
            Action::PrevView => self.view = self.view.prev(),
            Action::GoAttendance => self.view = ViewId::Attendance,
            Action::GoAgenda => self.view = ViewId::Agenda,
            Action::GoActions => self.view = ViewId::Actions,
            Action::GoMinutes => self.view = ViewId::Minutes,
            Action::GoClock => self.view = ViewId::Clock,
            Action::AddAction => {
                let from = (self.view != ViewId::Actions).then_some(self.view);
                self.views.actions.open_add(self.session.meeting(), from);
                self.view = ViewId::Actions;
            }
            _ => {}
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, now: DateTime<Utc>) {
        let area = frame.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = text::too_small(self.lang, area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
            // Wrapped here, not by ratatui: its wrapper overruns a two-cell area when a
            // word holds a wide character (ratatui#2679) and panics.
            frame.render_widget(
                Paragraph::new(hard_wrap(&msg, area.width)).style(THEME.warn),
                area,
            );
            return;
        }
        let [tabs, body, notice, status, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(self.notice_height(area.width)),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.draw_tabs(frame, tabs);
        let ctx = ViewCtx {
            meeting: self.session.meeting(),
            lang: self.lang,
            now,
            tz: self.tz,
            keymap: &self.keymap,
            theme: &THEME,
        };
        self.views.get_mut(self.view).render(frame, body, &ctx);
        self.draw_notice(frame, notice);
        self.draw_status(frame, status, now);
        self.draw_hints(frame, hints);
        match self.overlay {
            Overlay::Help => self.draw_help(frame, body),
            Overlay::ConfirmQuit => self.draw_confirm(frame, body),
            Overlay::None => {}
        }
        strip_bidi_controls(frame.buffer_mut());
    }

    fn draw_tabs(&self, frame: &mut Frame, area: Rect) {
        let mut spans = Vec::new();
        for id in ViewId::ALL {
            let key = self.keymap.first(Scope::Global, go_action(id));
            let label = match key {
                Some(k) => format!(" {k} {} ", id.title(self.lang)),
                None => format!(" {} ", id.title(self.lang)),
            };
            let style = if id == self.view {
                THEME.tab_active
            } else {
                THEME.tab
            };
            spans.push(Span::styled(label, style));
            spans.push(Span::raw(" "));
        }
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let title = &self.session.meeting().agenda.meeting.title;
        let room = (area.width as usize).saturating_sub(used + 1);
        if room >= 4 {
            spans.push(Span::styled(truncate(title, room), THEME.title));
        }
        frame.render_widget(Line::from(spans), area);
    }

    /// One line, except for an error: it names a file and says what to do, so it may
    /// take up to three lines rather than be cut off.
    fn notice_height(&self, width: u16) -> u16 {
        match &self.notice {
            Some(n) if n.kind == NoticeKind::Error && width > 0 => {
                let w = n.text.width().div_ceil(width as usize);
                w.clamp(1, 3) as u16
            }
            _ => 1,
        }
    }

    fn draw_notice(&self, frame: &mut Frame, area: Rect) {
        let Some(n) = &self.notice else { return };
        let style = match n.kind {
            NoticeKind::Info => THEME.info,
            NoticeKind::Success => THEME.ok,
            NoticeKind::Warning => THEME.warn,
            NoticeKind::Error => THEME.error,
        };
        frame.render_widget(
            Paragraph::new(based_marks(&n.text))
                .style(style)
                .wrap(Wrap { trim: true }),
            area,
        );
    }

    fn draw_status(&self, frame: &mut Frame, area: Rect, now: DateTime<Utc>) {
        let lang = self.lang;
        let m = &self.session.meeting();
        let elapsed = match (m.started_at, m.ended_at) {
            (Some(s), None) => format!(
                "{} {}",
                T::Elapsed.get(lang),
                text::hms((now - s).num_seconds())
            ),
            (Some(s), Some(e)) => format!(
                "{} {}",
                T::Ended.get(lang),
                text::hms((e - s).num_seconds())
            ),
            (None, _) => T::NotStarted.get(lang).to_string(),
        };
        let (state, state_style) = match &self.journal {
            JournalState::Saved => (T::Saved.get(lang).to_string(), THEME.status_bar),
            JournalState::Failed(e) => (format!("{}: {e}", T::NotSaved.get(lang)), THEME.error),
        };
        let line = Line::from(vec![
            Span::styled(format!(" {} ", text::clock(now, self.tz)), THEME.status_bar),
            Span::styled(format!("| {elapsed} | "), THEME.status_bar),
            Span::styled(state, state_style),
            Span::styled(
                format!(
                    " | {} {} | {} {}",
                    m.events_applied,
                    T::Events.get(lang),
                    T::Journal.get(lang),
                    self.session.journal_path().display()
                ),
                THEME.status_bar,
            ),
        ]);
        frame.render_widget(Paragraph::new(line).style(THEME.status_bar), area);
    }

    /// The key-hint bar: help and quit first (they must always show), then the view's
    /// keys while they fit.
    fn draw_hints(&self, frame: &mut Frame, area: Rect) {
        let view = self.views.get(self.view);
        let scopes = view.scopes();
        let mut wanted: Vec<(Scope, Action)> = Vec::new();
        if !view.modal() {
            wanted.push((Scope::Global, Action::Help));
            wanted.push((Scope::Global, Action::Quit));
        }
        for &a in view.hints() {
            if let Some(&scope) = scopes.iter().find(|s| self.keymap.first(**s, a).is_some()) {
                wanted.push((scope, a));
            }
        }
        let mut spans = Vec::new();
        let mut used = 0usize;
        for (scope, action) in wanted {
            let Some(k) = self.keymap.first(scope, action) else {
                continue;
            };
            let key = k.to_string();
            let label = format!(" {}  ", action.short(self.lang));
            let w = key.width() + label.width();
            if used + w > area.width as usize {
                break;
            }
            used += w;
            spans.push(Span::styled(key, THEME.key));
            spans.push(Span::styled(label, THEME.hint));
        }
        frame.render_widget(Line::from(spans), area);
    }

    /// Every key of the current view, from the keymap.
    fn draw_help(&self, frame: &mut Frame, area: Rect) {
        let lang = self.lang;
        let view = self.views.get(self.view);
        let mut lines: Vec<Line> = Vec::new();
        let key_col = 22usize;
        for &scope in view.scopes() {
            let heading = if scope == Scope::Global {
                T::HelpGlobal.get(lang).to_string()
            } else if view.modal() {
                T::Help.get(lang).to_string()
            } else {
                self.view.title(lang).to_string()
            };
            lines.push(Line::styled(heading, THEME.header));
            for (action, keys) in self.keymap.scope(scope) {
                if keys.is_empty() {
                    continue;
                }
                let k = keys
                    .iter()
                    .map(|k| k.to_string())
                    .collect::<Vec<_>>()
                    .join(" / ");
                let pad = key_col.saturating_sub(k.width());
                lines.push(Line::from(vec![
                    Span::styled(format!("  {k}"), THEME.title),
                    Span::raw(" ".repeat(pad.max(1))),
                    Span::raw(action.describe(lang)),
                ]));
            }
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(T::HelpFooter.get(lang), THEME.dim));
        // One spare line: the footer may wrap.
        let height = (lines.len() as u16).saturating_add(3);
        let popup = centered(area, 76, height);
        clear_popup(frame, popup);
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(THEME.border_focus)
                    .title(format!(" {} ", T::Help.get(lang))),
            ),
            popup,
        );
    }

    fn draw_confirm(&self, frame: &mut Frame, area: Rect) {
        let lang = self.lang;
        let popup = centered(area, 60, 6);
        clear_popup(frame, popup);
        frame.render_widget(
            Paragraph::new(vec![
                Line::raw(T::QuitUnsaved.get(lang)),
                Line::raw(""),
                Line::styled(T::QuitYesNo.get(lang), THEME.title),
            ])
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(THEME.border_focus)
                    .title(format!(" {} ", T::QuitTitle.get(lang))),
            ),
            popup,
        );
    }
}

fn go_action(id: ViewId) -> Action {
    match id {
        ViewId::Attendance => Action::GoAttendance,
        ViewId::Agenda => Action::GoAgenda,
        ViewId::Actions => Action::GoActions,
        ViewId::Minutes => Action::GoMinutes,
        ViewId::Clock => Action::GoClock,
    }
}

/// Blank a popup's area. A wide character just left of it would cover the popup's left
/// border (the terminal draws it two columns wide), so it is blanked too.
pub fn clear_popup(frame: &mut Frame, popup: Rect) {
    frame.render_widget(Clear, popup);
    if popup.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in popup.top()..popup.bottom() {
        if let Some(cell) = buf.cell_mut((popup.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// Remove bidi controls (U+202A-U+202E, U+2066-U+2069) from every cell, whatever view
/// drew it: in a terminal that does bidi, a name holding U+202E would reverse the rest of
/// its row. One pass over the finished frame covers every name, note and file path.
fn strip_bidi_controls(buf: &mut ratatui::buffer::Buffer) {
    let is_bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(is_bidi) {
            let clean: String = cell.symbol().chars().filter(|&c| !is_bidi(c)).collect();
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

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

/// Cut a string to `max` display columns, marking the cut with `~` (ASCII: the
/// ellipsis is ambiguous-width in East Asian terminals).
pub fn truncate(s: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    if max > 0 {
        out.push('~');
    }
    out
}

/// Break `text` into lines of at most `width` display columns, anywhere (for the
/// "too small" message, which must fit however narrow the terminal). A character wider
/// than the whole width is left out.
pub fn hard_wrap(text: &str, width: u16) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthChar;
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
pub fn based_marks(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_width::UnicodeWidthChar;
    let needs = |prev: Option<char>, c: char| {
        c.width() == Some(0) && !c.is_control() && prev.is_none_or(char::is_whitespace)
    };
    let mut prev = None;
    if !text.chars().any(|c| {
        let n = needs(prev, c);
        prev = Some(c);
        n
    }) {
        return std::borrow::Cow::Borrowed(text);
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
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

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
