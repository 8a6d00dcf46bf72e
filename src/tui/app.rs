//! The application: the session, the views' state, the current view, the notice line and
//! the overlays (help, quit confirmation). It is driven by events and draws into any
//! ratatui backend, so tests run it without a terminal.
//!
//! The app is the one place that acts: a key becomes an intent ([`input`]); the global
//! keys are the app's own, every other intent goes to the current view, which returns
//! [`Msg`]s; [`App::update`] carries them out in order (recording through the session,
//! file I/O through `effects`) and tells the view that asked how it went. Messages from
//! outside the keyboard arrive through [`App::sender`] and take the same path.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::Sender;

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::ctx::Ctx;
use super::effects::{self, ExportJob};
use super::fit::truncate;
use super::input::{self, Intent, TextFocus};
use super::keymap::{Action, Keymap, Scope};
use super::layout::{based_marks, centered, clear_popup, hard_wrap};
use super::msg::{Failure, Inbox, Msg, Notice, NoticeKind, Recorded, Reply};
use super::text::{self, Say, T};
use super::theme::THEME;
use super::view::{ViewId, Views};
use crate::core::command::Command;
use crate::core::meeting::Meeting;
use crate::i18n::{Lang, Said};
use crate::store::session::{ExecError, Session};

/// Below this the screen shows one line saying it is too small.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overlay {
    None,
    Help,
    ConfirmQuit,
}

/// The journal as the status line shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JournalState {
    Saved,
    /// The last write failed: the reason, in a few words.
    Failed(String),
}

pub struct App {
    pub session: Session,
    pub lang: Lang,
    pub keymap: Keymap,
    pub view: ViewId,
    pub views: Views,
    pub notice: Option<Notice>,
    pub journal: JournalState,
    /// Where exports are written: the working directory when the desk opened.
    pub export_dir: PathBuf,
    overlay: Overlay,
    quit: bool,
    /// `events_applied` when the views last synced.
    synced: usize,
    /// The meeting as drawn when the journal brought text that needs cleaning for the
    /// screen (`sanitize::meeting`); `None` when the live meeting can be drawn as it is.
    shown: Option<Meeting>,
    tz: FixedOffset,
    inbox: Inbox,
    /// The server sync's state, when the desk syncs with a server (`--server`).
    sync: Option<crate::server::SharedState>,
}

/// What a view reads, from the app's fields (a macro, so that the borrow is of the
/// fields and the views stay free to be borrowed mutably beside it).
macro_rules! ctx {
    ($app:ident, $now:expr) => {
        Ctx {
            meeting: drawn(&$app.shown, $app.session.meeting()),
            lang: $app.lang,
            now: $now,
            tz: $app.tz,
            keymap: &$app.keymap,
            theme: &THEME,
            seat: $app.session.seat(),
            export_dir: &$app.export_dir,
        }
    };
}

impl App {
    pub fn new(session: Session, lang: Lang, keymap: Keymap) -> App {
        let tz = *session.meeting().agenda.meeting.start.offset();
        let views = Views::new(session.meeting());
        let export_dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let mut app = App {
            views,
            lang,
            keymap,
            view: ViewId::Attendance,
            notice: None,
            journal: JournalState::Saved,
            export_dir,
            overlay: Overlay::None,
            quit: false,
            synced: usize::MAX,
            shown: None,
            tz,
            inbox: Inbox::default(),
            sync: None,
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
            let side = side.display().to_string();
            Some((NoticeKind::Warning, Said::TornTail { side }.text(lang)))
        } else if r.agenda_changed {
            Some((NoticeKind::Warning, Said::AgendaChanged.text(lang)))
        } else if r.replay.events > 0 {
            let events = r.replay.events;
            Some((NoticeKind::Info, Say::JournalResumed { events }.text(lang)))
        } else {
            None
        };
        self.notice = n.map(|(kind, text)| Notice { kind, text });
    }

    pub fn meeting(&self) -> &Meeting {
        self.session.meeting()
    }

    /// Show the server sync's state in the status line.
    pub fn set_sync(&mut self, state: crate::server::SharedState) {
        self.sync = Some(state);
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// A signal asked us to stop: quit without asking (everything recorded is on disk).
    pub fn quit_now(&mut self) {
        self.quit = true;
    }

    /// A sender for messages that arrive without a key press (another seat's records,
    /// the server's sync state): [`App::receive`] acts on them.
    pub fn sender(&self) -> Sender<Msg> {
        self.inbox.sender()
    }

    /// Act on the messages sent since the last call (the run loop calls this between
    /// key presses).
    pub fn receive(&mut self, now: DateTime<Utc>) {
        let msgs = self.inbox.drain();
        if !msgs.is_empty() {
            self.update(None, msgs, now);
            self.sync();
        }
    }

    /// Let views rebuild what they derive from the meeting, once per change.
    fn sync(&mut self) {
        let rev = self.session.meeting().events_applied;
        if rev != self.synced {
            self.synced = rev;
            self.shown = crate::sanitize::meeting::for_screen(self.session.meeting());
            let m = drawn(&self.shown, self.session.meeting());
            for id in ViewId::ALL {
                self.views.get_mut(id).sync(m);
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
        let view = self.views.get(self.view);
        let Some(intent) = input::intent(ev, view.scopes(), view.text_focus(), &self.keymap) else {
            return;
        };
        match intent {
            Intent::Resize => {}
            // The global keys, and quitting from a modal scope, are the app's.
            Intent::Action(Scope::Global, action) | Intent::Action(_, action @ Action::Quit) => {
                self.global(action)
            }
            _ => {
                let ctx = ctx!(self, now);
                let msgs = self.views.get_mut(self.view).handle(&intent, &ctx);
                self.update(Some(self.view), msgs, now);
            }
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
                self.open_action_form(from);
            }
            _ => {}
        }
    }

    fn open_action_form(&mut self, from: Option<ViewId>) {
        self.views.actions.open_add(self.session.meeting(), from);
        self.view = ViewId::Actions;
    }

    /// Carry out messages in order; what a view asked about is told back to it (`origin`:
    /// `None` for messages from outside the keyboard), and what it answers joins the
    /// queue.
    pub fn update(&mut self, origin: Option<ViewId>, msgs: Vec<Msg>, now: DateTime<Utc>) {
        let mut queue: VecDeque<Msg> = msgs.into();
        while let Some(msg) = queue.pop_front() {
            let reply = match msg {
                Msg::Record { cmds, seat, tag } => {
                    let recorded = self.record(&cmds, seat.as_deref(), now);
                    Some(Reply::Recorded { tag, recorded })
                }
                Msg::Notice(n) => {
                    self.notice = Some(n);
                    None
                }
                Msg::Show(v) => {
                    self.view = v;
                    None
                }
                Msg::OpenActionForm { from } => {
                    self.open_action_form(Some(from));
                    None
                }
                Msg::Export { formats, lang } => {
                    let job = ExportJob {
                        session: &self.session,
                        dir: &self.export_dir,
                        formats: &formats,
                        doc_lang: lang,
                        now,
                    };
                    self.notice = Some(effects::export(&job, self.lang));
                    None
                }
                Msg::LoadPlatformExport { path } => {
                    let bytes = effects::read_platform_export(&path, self.lang);
                    Some(Reply::PlatformExport { path, bytes })
                }
            };
            if let (Some(reply), Some(view)) = (reply, origin) {
                let ctx = ctx!(self, now);
                queue.extend(self.views.get_mut(view).reply(reply, &ctx));
            }
        }
    }

    /// Record commands in order: decide, journal (synced), apply. The first failure
    /// stops the rest; the notice line says why (the status line too, when the journal
    /// refused the write).
    fn record(&mut self, cmds: &[Command], seat: Option<&str>, now: DateTime<Utc>) -> Recorded {
        let lang = self.lang;
        let mut outcomes = Vec::with_capacity(cmds.len());
        for cmd in cmds {
            let result = match seat {
                Some(seat) => self.session.execute_as(seat, cmd, now),
                None => self.session.execute(cmd, now),
            };
            let failure = match result {
                Ok(o) => {
                    self.journal = JournalState::Saved;
                    outcomes.push(o);
                    continue;
                }
                Err(ExecError::Rejected(r)) => {
                    let why = r.message(lang);
                    self.notice = Some(Notice {
                        kind: NoticeKind::Error,
                        text: Say::Refused { why: why.clone() }.text(lang),
                    });
                    Failure::Refused(why)
                }
                Err(ExecError::Journal(e)) => {
                    let why = e.message(lang);
                    self.journal = JournalState::Failed(e.short(lang));
                    self.notice = Some(Notice {
                        kind: NoticeKind::Error,
                        text: Say::NotSaved { why: why.clone() }.text(lang),
                    });
                    Failure::NotSaved(why)
                }
            };
            return Recorded {
                outcomes,
                failure: Some(failure),
            };
        }
        Recorded {
            outcomes,
            failure: None,
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, now: DateTime<Utc>) {
        let area = frame.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = Say::TooSmall {
                w: area.width,
                h: area.height,
                min_w: MIN_WIDTH,
                min_h: MIN_HEIGHT,
            }
            .text(self.lang);
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
        let ctx = ctx!(self, now);
        self.views.get_mut(self.view).render(frame, body, &ctx);
        self.draw_notice(frame, notice);
        self.draw_status(frame, status, now);
        self.draw_hints(frame, hints);
        match self.overlay {
            Overlay::Help => self.draw_help(frame, body),
            Overlay::ConfirmQuit => self.draw_confirm(frame, body),
            Overlay::None => {}
        }
        strip_hidden(frame.buffer_mut());
    }

    fn draw_tabs(&self, frame: &mut Frame, area: Rect) {
        let mut spans = Vec::new();
        for id in ViewId::ALL {
            let key = self.keymap.first(Scope::Global, id.go_action());
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
            Paragraph::new(based_marks(&crate::sanitize::screen(&n.text)))
                .style(style)
                .wrap(Wrap { trim: true }),
            area,
        );
    }

    fn draw_status(&self, frame: &mut Frame, area: Rect, now: DateTime<Utc>) {
        let lang = self.lang;
        let m = self.session.meeting();
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
        let mut spans = vec![
            Span::styled(format!(" {} ", text::clock(now, self.tz)), THEME.status_bar),
            Span::styled(format!("| {elapsed} | "), THEME.status_bar),
            Span::styled(state, state_style),
        ];
        if let Some(sync) = &self.sync {
            let st = crate::server::snapshot(sync);
            let style = if st.online {
                THEME.status_bar
            } else {
                THEME.error
            };
            spans.push(Span::styled(format!(" | {}", st.summary(lang, now)), style));
        }
        spans.push(Span::styled(
            format!(
                " | {} {} | {} {}",
                m.events_applied,
                T::Events.get(lang),
                T::Journal.get(lang),
                self.session.journal_path().display()
            ),
            THEME.status_bar,
        ));
        let line = Line::from(spans);
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
        clear_popup(frame, popup, area, 0);
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
        clear_popup(frame, popup, area, 0);
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

/// The meeting to draw: the cleaned copy when there is one for the live state.
fn drawn<'a>(shown: &'a Option<Meeting>, live: &'a Meeting) -> &'a Meeting {
    match shown {
        Some(m) if m.events_applied == live.events_applied => m,
        _ => live,
    }
}

/// Remove bidi controls and invisible characters (`sanitize::strip`) from every cell,
/// whatever view drew it: in a terminal that does bidi, a name holding U+202E would
/// reverse the rest of its row. One pass over the finished frame covers every name, note
/// and file path. (ratatui itself drops control characters; the texts that can hold an
/// escape sequence are drawn from the copy `sanitize::meeting` cleaned.)
fn strip_hidden(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        if let std::borrow::Cow::Owned(clean) = crate::sanitize::strip(cell.symbol()) {
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}
