//! The application: the session, the views' state, the current view, the notice line and
//! the overlays (help, quit confirmation). It is driven by events and draws into any
//! ratatui backend, so tests run it without a terminal.
//!
//! No accidents: quitting while the meeting is in progress, an item runs or something is
//! half-typed asks first (the quit key again within a moment, or the yes key, quits;
//! any other key closes the question and does what it does). A notice belongs to the
//! view that raised it and is not shown over another. A key that means nothing where it
//! was pressed is answered in the notice line, never dropped in silence.
//!
//! The app is the one place that acts: a key becomes an intent ([`input`]); the global
//! keys are the app's own, every other intent goes to the current view, which returns
//! [`Msg`]s; [`App::update`] carries them out in order (recording through the session,
//! file I/O through `effects`) and tells the view that asked how it went. Messages from
//! outside the keyboard arrive through [`App::sender`] and take the same path.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Duration as StdDuration;

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
use super::help::{Help, Section};
use super::input::{self, Intent, TextFocus};
use super::keymap::{Action, Key, Keymap, Scope};
use super::layout::{based_marks, centered, clear_popup, hard_wrap};
use super::msg::{Failure, Inbox, Msg, Notice, NoticeKind, Recorded, Reply};
use super::text::{self, Say, T};
use super::theme::{THEME, Theme};
use super::view::{ViewId, Views};
use crate::core::anomaly::Anomaly;
use crate::core::command::Command;
use crate::core::meeting::Meeting;
use crate::i18n::{Lang, Said};
use crate::store::journal::JournalError;
use crate::store::session::{ExecError, Session};
use crate::store::watch::{WATCH_EVERY, Watch};

/// Below this the screen shows one line saying it is too small.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// A second press of the quit key within this long of the first quits without asking
/// again; later, it asks again.
pub const QUIT_AGAIN: StdDuration = StdDuration::from_secs(3);

#[derive(Debug, Clone)]
enum Overlay {
    None,
    Help(Help),
    /// The anomalies the fold found (scrolled like help).
    Anomalies(Help),
    /// The server sync seat by seat (scrolled like help).
    SyncList(Help),
    /// Quitting was asked for at `asked`; `why` says what is going on.
    ConfirmQuit {
        why: String,
        asked: DateTime<Utc>,
    },
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
    /// The last notice, and the view that raised it (`None`: every view, for news from
    /// outside the keyboard): see [`App::shown_notice`].
    pub notice: Option<Notice>,
    pub notice_from: Option<ViewId>,
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
    /// Colours, or none (`NO_COLOR`, a monochrome terminal).
    theme: &'static Theme,
    /// The terminal bell is to ring (something scanned or typed was not found).
    bell: bool,
    /// The watcher of the other seats' journals, while it runs ([`App::follow_seats`]).
    watch: Option<Watch>,
    /// Why the other seats' journals could not be read at the last look, in a few words.
    follow_failed: Option<String>,
    /// The anomalies of the meeting, worked out again when it changes (or the time moves
    /// on: a clock ahead of this computer's is one).
    anomalies: Anomalies,
    /// The server sync's state, when the desk syncs with a server (`--server`).
    sync: Option<crate::server::SharedState>,
    /// What the fold knows of each seat, for the sync list, and for which meeting state
    /// and time.
    seats_folded: SeatsFolded,
}

/// What the fold knows of each seat (its venue, its last event), worked out again when the
/// meeting changed, at most every [`SEATS_FOLDED_FOR`] while events pour in.
#[derive(Default)]
struct SeatsFolded {
    rev: Option<usize>,
    at: Option<DateTime<Utc>>,
    seats: std::collections::HashMap<String, super::sync_list::Folded>,
}

const SEATS_FOLDED_FOR: chrono::Duration = chrono::Duration::seconds(1);

/// The anomalies as last worked out, and for which meeting state and time.
#[derive(Default)]
struct Anomalies {
    rev: Option<usize>,
    at: Option<DateTime<Utc>>,
    list: Vec<Anomaly>,
}

/// How long a list of anomalies stands for the same meeting: only the clock-ahead case
/// depends on the time, and it is about minutes.
const ANOMALIES_FOR: chrono::Duration = chrono::Duration::seconds(30);

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
            theme: $app.theme,
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
            notice_from: None,
            journal: JournalState::Saved,
            export_dir,
            overlay: Overlay::None,
            quit: false,
            synced: usize::MAX,
            shown: None,
            tz,
            inbox: Inbox::default(),
            theme: &THEME,
            bell: false,
            watch: None,
            follow_failed: None,
            anomalies: Anomalies::default(),
            sync: None,
            seats_folded: SeatsFolded::default(),
            session,
        };
        app.opening_notice();
        app.sync();
        app
    }

    /// Follow the other seats live: a thread watches the meeting's journals and, when
    /// another seat wrote, sends [`Msg::OtherSeats`] (the run loop hands it to
    /// [`App::receive`] within its tick). It stops when the app is dropped.
    /// When no thread can be had, the notice line says that the desk does not follow.
    pub fn follow_seats(&mut self) {
        let tx = self.sender();
        let m = self.session.meeting();
        let spawned = Watch::spawn(
            self.session.data_dir(),
            &m.agenda.meeting.id,
            self.session.own_journals(),
            WATCH_EVERY,
            move || tx.send(Msg::OtherSeats).is_ok(),
        );
        match spawned {
            Ok(w) => self.watch = Some(w),
            Err(e) => {
                let text = Say::FollowFailed { why: e.to_string() }.text(self.lang);
                self.say(
                    Notice {
                        kind: NoticeKind::Error,
                        text,
                    },
                    None,
                );
            }
        }
    }

    /// Whether this desk only follows the meeting (`huiwu run --read-only`).
    pub fn read_only(&self) -> bool {
        self.session.read_only()
    }

    /// Fold what other seats recorded since the last look. A journal that cannot be read
    /// is said in the notice line and the status line; the desk goes on.
    fn hear_other_seats(&mut self) {
        let lang = self.lang;
        match self.session.refresh() {
            Ok(_) => self.follow_failed = None,
            Err(e) => {
                let short = e.short(lang);
                // Said once per cause, not at every look.
                if self.follow_failed.as_ref() != Some(&short) {
                    let why = e.message(lang);
                    let text = Say::FollowFailed { why }.text(lang);
                    let kind = NoticeKind::Error;
                    self.say(Notice { kind, text }, None);
                }
                self.follow_failed = Some(short);
            }
        }
    }

    /// The meeting's anomalies (see [`Meeting::anomalies`]), worked out again when the
    /// meeting changed or the time moved on.
    pub fn anomalies(&mut self, now: DateTime<Utc>) -> &[Anomaly] {
        let m = drawn(&self.shown, self.session.meeting());
        let a = &mut self.anomalies;
        let stale = a.rev != Some(m.events_applied)
            || a.at.is_none_or(|at| (now - at).abs() >= ANOMALIES_FOR);
        if stale {
            a.list = m.anomalies(now);
            a.rev = Some(m.events_applied);
            a.at = Some(now);
        }
        &a.list
    }

    fn opening_notice(&mut self) {
        let r = &self.session.report;
        let lang = self.lang;
        let n = if self.read_only() {
            let events = r.replay.events;
            Some((NoticeKind::Info, Say::ReadOnlyOpened { events }.text(lang)))
        } else if let Some(side) = &r.replay.torn_tail {
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
        self.notice_from = Some(self.view);
    }

    /// The notice for the view on screen: the last one, unless another view raised it.
    pub fn shown_notice(&self) -> Option<&Notice> {
        self.notice
            .as_ref()
            .filter(|_| self.notice_from.is_none_or(|v| v == self.view))
    }

    fn say(&mut self, notice: Notice, from: Option<ViewId>) {
        self.notice = Some(notice);
        self.notice_from = from;
    }

    /// Whether the bell should ring, once (the run loop writes BEL to the terminal).
    pub fn take_bell(&mut self) -> bool {
        std::mem::take(&mut self.bell)
    }

    /// The question "quit?" is on screen.
    pub fn asking_to_quit(&self) -> bool {
        matches!(self.overlay, Overlay::ConfirmQuit { .. })
    }

    /// The help overlay is open, scrolled this many lines.
    pub fn help_offset(&self) -> Option<usize> {
        match &self.overlay {
            Overlay::Help(h) => Some(h.offset()),
            _ => None,
        }
    }

    /// The list of anomalies is open, scrolled this many lines.
    pub fn anomalies_offset(&self) -> Option<usize> {
        match &self.overlay {
            Overlay::Anomalies(h) => Some(h.offset()),
            _ => None,
        }
    }

    /// The server sync's list is open, scrolled this many lines.
    pub fn sync_list_offset(&self) -> Option<usize> {
        match &self.overlay {
            Overlay::SyncList(h) => Some(h.offset()),
            _ => None,
        }
    }

    /// Draw with this theme from now on (`Theme::detect()` for the terminal at hand).
    pub fn set_theme(&mut self, theme: &'static Theme) {
        self.theme = theme;
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
            Overlay::Help(_) => return self.on_help_event(ev, now, Action::Help),
            Overlay::Anomalies(_) => return self.on_help_event(ev, now, Action::Anomalies),
            Overlay::SyncList(_) => return self.on_help_event(ev, now, Action::SyncList),
            Overlay::ConfirmQuit { .. } => {
                if self.on_confirm_event(ev, now) {
                    return;
                }
            }
            Overlay::None => {}
        }
        let view = self.views.get(self.view);
        let Some(intent) = input::intent(ev, view.scopes(), view.text_focus(), &self.keymap) else {
            return;
        };
        match intent {
            Intent::Resize => {}
            Intent::Action(scope, action) if self.read_only() && action.changes_meeting() => {
                self.refuse_read_only(scope, action)
            }
            // The global keys, and quitting from a modal scope, are the app's.
            Intent::Action(Scope::Global, action) | Intent::Action(_, action @ Action::Quit) => {
                self.global(action, now)
            }
            Intent::Unbound(k) => self.unbound(&k),
            _ => {
                let ctx = ctx!(self, now);
                let msgs = self.views.get_mut(self.view).handle(&intent, &ctx);
                self.update(Some(self.view), msgs, now);
            }
        }
        self.sync();
    }

    /// A key while help (or the anomalies) is open: it scrolls, and closes on its close
    /// key or the key that opened it (`opener`) only (the quit key still asks to quit).
    fn on_help_event(&mut self, ev: &Event, now: DateTime<Utc>, opener: Action) {
        let scopes = [Scope::Help, Scope::Global];
        match input::intent(ev, &scopes, TextFocus::None, &self.keymap) {
            Some(Intent::Action(Scope::Help, Action::Back)) => self.overlay = Overlay::None,
            Some(Intent::Action(_, a)) if a == opener => self.overlay = Overlay::None,
            Some(Intent::Action(Scope::Help, a)) => {
                if let Overlay::Help(h) | Overlay::Anomalies(h) | Overlay::SyncList(h) =
                    &mut self.overlay
                {
                    h.scroll(a);
                }
            }
            Some(Intent::Action(_, Action::Quit)) => {
                self.overlay = Overlay::None;
                self.ask_quit(now);
            }
            _ => {}
        }
    }

    /// A key while "quit?" is asked. Yes quits; the quit key again quits within
    /// [`QUIT_AGAIN`] of the question (later it asks again); No stays. Any other key
    /// closes the question and is then handled as usual (`false`): a badge scanned
    /// meanwhile still signs in.
    fn on_confirm_event(&mut self, ev: &Event, now: DateTime<Utc>) -> bool {
        let Event::Key(k) = ev else {
            return matches!(ev, Event::Resize(..));
        };
        if k.kind != KeyEventKind::Press {
            return true;
        }
        let scopes = [Scope::Confirm, Scope::Global];
        match input::intent(ev, &scopes, TextFocus::None, &self.keymap) {
            Some(Intent::Action(Scope::Confirm, Action::Yes)) => self.quit = true,
            Some(Intent::Action(Scope::Confirm, Action::No)) => self.overlay = Overlay::None,
            Some(Intent::Action(_, Action::Quit)) => {
                if let Overlay::ConfirmQuit { asked, .. } = &mut self.overlay {
                    let again = (now - *asked).to_std().is_ok_and(|d| d <= QUIT_AGAIN);
                    if again {
                        self.quit = true;
                    } else {
                        *asked = now;
                    }
                }
            }
            // The question stays: the input method is on (say so).
            Some(Intent::Unbound(k)) if matches!(k.code, KeyCode::Char(c) if !c.is_ascii()) => {
                self.unbound(&k)
            }
            _ => {
                self.overlay = Overlay::None;
                return false;
            }
        }
        true
    }

    /// Quit, or ask first when the meeting is in progress, an item runs, or something is
    /// half-typed (what was recorded is on disk either way: the question is about intent).
    fn ask_quit(&mut self, now: DateTime<Utc>) {
        let lang = self.lang;
        // A read-only desk has nothing to lose and nothing to leave half done.
        if self.read_only() {
            self.quit = true;
            return;
        }
        let m = drawn(&self.shown, self.session.meeting());
        let why = if ViewId::ALL
            .iter()
            .any(|v| self.views.get(*v).unsaved_input())
        {
            Some(T::QuitUnsaved.get(lang).to_string())
        } else if let Some(cur) = &m.current_item {
            let item = m.item_label(cur);
            Some(Say::QuitItemRunning { item }.text(lang))
        } else if m.started_at.is_some() && m.ended_at.is_none() {
            Some(T::QuitMeeting.get(lang).to_string())
        } else {
            None
        };
        match why {
            Some(why) => self.overlay = Overlay::ConfirmQuit { why, asked: now },
            None => self.quit = true,
        }
    }

    /// A key that means nothing here: say so (for a hanzi or a full-width letter, that the
    /// Chinese input method is on).
    fn unbound(&mut self, k: &KeyEvent) {
        let lang = self.lang;
        let first = |scope, action| {
            self.keymap
                .first(scope, action)
                .map(|k| k.to_string())
                .unwrap_or_default()
        };
        let help = first(Scope::Global, Action::Help);
        let text = match k.code {
            KeyCode::Char(c) if !c.is_ascii() => Say::ImeOn { ch: c.to_string() }.text(lang),
            _ => {
                let Some(key) = Key::from_event(k) else {
                    return;
                };
                let key = key.to_string();
                if self.view == ViewId::Clock {
                    let back = first(Scope::Clock, Action::Back);
                    Say::ClockNotAKey { key, back, help }.text(lang)
                } else {
                    Say::NotAKey { key, help }.text(lang)
                }
            }
        };
        let notice = Notice {
            kind: NoticeKind::Info,
            text,
        };
        self.say(notice, Some(self.view));
    }

    /// A key that would change the meeting, on a read-only desk: say what it would have
    /// done, and that nothing is recorded here.
    fn refuse_read_only(&mut self, scope: Scope, action: Action) {
        let lang = self.lang;
        let key = self.keymap.label(scope, action);
        let what = action.describe(lang).to_string();
        let text = Say::ReadOnlyKey { key, what }.text(lang);
        let notice = Notice {
            kind: NoticeKind::Warning,
            text,
        };
        self.say(notice, Some(self.view));
    }

    /// Show view `v`; the big clock remembers where it was opened from.
    fn show(&mut self, v: ViewId) {
        if v == ViewId::Clock && self.view != ViewId::Clock {
            self.views.clock.back_to = self.view;
        }
        self.view = v;
    }

    fn global(&mut self, action: Action, now: DateTime<Utc>) {
        let modal = self.views.get(self.view).modal();
        match action {
            Action::Help => self.overlay = Overlay::Help(Help::default()),
            Action::Quit => self.ask_quit(now),
            Action::Anomalies => self.overlay = Overlay::Anomalies(Help::default()),
            Action::SyncList => self.open_sync_list(),
            _ if modal => {}
            Action::NextView => self.show(self.view.next()),
            Action::PrevView => self.show(self.view.prev()),
            Action::GoAttendance => self.show(ViewId::Attendance),
            Action::GoAgenda => self.show(ViewId::Agenda),
            Action::GoActions => self.show(ViewId::Actions),
            Action::GoMinutes => self.show(ViewId::Minutes),
            // The key that opened the big clock closes it.
            Action::GoClock if self.view == ViewId::Clock => self.show(self.views.clock.back_to),
            Action::GoClock => self.show(ViewId::Clock),
            Action::AddAction => {
                let from = (self.view != ViewId::Actions).then_some(self.view);
                self.open_action_form(from);
            }
            _ => {}
        }
    }

    /// The sync list, or, on a desk without a server, a notice saying there is none.
    fn open_sync_list(&mut self) {
        if self.sync.is_some() {
            self.overlay = Overlay::SyncList(Help::default());
            return;
        }
        let notice = Notice {
            kind: NoticeKind::Info,
            text: super::sync_list::ST::NoServer.get(self.lang).to_string(),
        };
        self.say(notice, None);
    }

    /// Work out again what the fold knows of each seat, for the sync list, when it is due
    /// (see [`SeatsFolded`]).
    fn fold_seats(&mut self, now: DateTime<Utc>) {
        let rev = self.session.meeting().events_applied;
        let f = &mut self.seats_folded;
        let fresh =
            f.at.is_some_and(|at| now >= at && now - at < SEATS_FOLDED_FOR);
        if f.rev != Some(rev) && !fresh {
            let live = self.session.meeting();
            f.seats = super::sync_list::folded(live, drawn(&self.shown, live));
            f.rev = Some(rev);
            f.at = Some(now);
        }
    }

    fn open_action_form(&mut self, from: Option<ViewId>) {
        self.views.actions.open_add(self.session.meeting(), from);
        self.show(ViewId::Actions);
    }

    /// Carry out messages in order; what a view asked about is told back to it (`origin`:
    /// `None` for messages from outside the keyboard), and what it answers joins the
    /// queue.
    pub fn update(&mut self, origin: Option<ViewId>, msgs: Vec<Msg>, now: DateTime<Utc>) {
        let mut queue: VecDeque<Msg> = msgs.into();
        // Whether the notice line was written by these messages (not an older notice).
        let mut said = false;
        while let Some(msg) = queue.pop_front() {
            let reply = match msg {
                Msg::Record { cmds, seat, tag } => {
                    let recorded = self.record(&cmds, seat.as_deref(), now, origin);
                    said |= recorded.failure.is_some();
                    Some(Reply::Recorded { tag, recorded })
                }
                Msg::Notice(n) => {
                    self.say(n, origin);
                    said = true;
                    None
                }
                Msg::Show(v) => {
                    // What the view said on its way there goes with it; what it said
                    // before (a hint under the big clock) stays with it.
                    if said && origin.is_some() && self.notice_from == origin {
                        self.notice_from = Some(v);
                    }
                    self.show(v);
                    None
                }
                Msg::Bell => {
                    self.bell = true;
                    None
                }
                Msg::OpenActionForm { from } => {
                    self.open_action_form(Some(from));
                    None
                }
                Msg::Export {
                    formats,
                    lang,
                    replace,
                } => {
                    let job = ExportJob {
                        session: &self.session,
                        dir: &self.export_dir,
                        formats: &formats,
                        doc_lang: lang,
                        replace,
                        now,
                    };
                    match effects::export(&job, self.lang) {
                        effects::Exported::Done(n) => {
                            self.say(n, origin);
                            None
                        }
                        effects::Exported::Exists(existing) => Some(Reply::ExportExists {
                            formats,
                            lang,
                            existing,
                        }),
                    }
                }
                Msg::LoadPlatformExport { path } => {
                    let bytes = effects::read_platform_export(&path, self.lang);
                    Some(Reply::PlatformExport { path, bytes })
                }
                Msg::OtherSeats => {
                    self.hear_other_seats();
                    None
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
    fn record(
        &mut self,
        cmds: &[Command],
        seat: Option<&str>,
        now: DateTime<Utc>,
        origin: Option<ViewId>,
    ) -> Recorded {
        let lang = self.lang;
        let mut outcomes = Vec::with_capacity(cmds.len());
        if self.read_only() {
            // Keys that record are refused before this; whatever else asks is refused
            // here, without touching the journal's state (nothing failed to save).
            let why = JournalError::ReadOnly.message(lang);
            let text = Say::Refused { why: why.clone() }.text(lang);
            self.say(
                Notice {
                    kind: NoticeKind::Warning,
                    text,
                },
                origin,
            );
            return Recorded {
                outcomes,
                failure: Some(Failure::Refused(why)),
            };
        }
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
                    let why = text::refused(&r, &self.keymap, lang);
                    let text = Say::Refused { why: why.clone() }.text(lang);
                    let kind = NoticeKind::Error;
                    self.say(Notice { kind, text }, origin);
                    Failure::Refused(why)
                }
                Err(ExecError::Journal(e)) => {
                    let why = e.message(lang);
                    self.journal = JournalState::Failed(e.short(lang));
                    let text = Say::NotSaved { why: why.clone() }.text(lang);
                    let kind = NoticeKind::Error;
                    self.say(Notice { kind, text }, origin);
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
                Paragraph::new(hard_wrap(&msg, area.width)).style(self.theme.warn),
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
        if let Overlay::Anomalies(_) = self.overlay {
            let (lang, tz, theme) = (self.lang, self.tz, self.theme);
            let list = self.anomalies(now);
            let n = list.len();
            let lines = super::anomalies::lines(list, Help::width(body), tz, theme, lang);
            let title = Say::AnomaliesTitle { n }.text(lang);
            self.draw_list(frame, body, (title, lines), Action::Anomalies);
        }
        if let Overlay::SyncList(_) = self.overlay {
            self.draw_sync_list(frame, body, now);
        }
        if let Overlay::Help(_) = self.overlay {
            let (title, sections) = self.help_sections();
            if let Overlay::Help(h) = &mut self.overlay {
                h.render(
                    frame,
                    body,
                    (&title, &sections),
                    &self.keymap,
                    self.theme,
                    self.lang,
                );
            }
        }
        if let Overlay::ConfirmQuit { why, .. } = &self.overlay {
            self.draw_confirm(frame, body, why);
        }
        strip_hidden(frame.buffer_mut());
    }

    fn draw_sync_list(&mut self, frame: &mut Frame, body: Rect, now: DateTime<Utc>) {
        let Some(state) = &self.sync else {
            return;
        };
        let state = crate::server::snapshot(state);
        let (lang, tz, theme) = (self.lang, self.tz, self.theme);
        self.fold_seats(now);
        let input = super::sync_list::Input {
            state: &state,
            folded: &self.seats_folded.seats,
            seat: Some(self.session.seat()).filter(|s| !s.is_empty()),
            now,
            tz,
            lang,
        };
        let lines = super::sync_list::lines(&input, Help::width(body), theme);
        let title = super::sync_list::title(&input);
        self.draw_list(frame, body, (title, lines), Action::SyncList);
    }

    /// A list overlay (the anomalies, the sync list): its lines under its title, scrolled
    /// where its reader left it, closed by `opener` as well as Esc.
    fn draw_list(
        &mut self,
        frame: &mut Frame,
        body: Rect,
        content: (String, Vec<Line<'static>>),
        opener: Action,
    ) {
        if let Overlay::Anomalies(h) | Overlay::SyncList(h) = &mut self.overlay {
            h.render_lines(
                frame,
                body,
                content,
                opener,
                &self.keymap,
                self.theme,
                self.lang,
            );
        }
    }

    fn draw_tabs(&self, frame: &mut Frame, area: Rect) {
        let full = |id: ViewId| match self.keymap.first(Scope::Global, id.go_action()) {
            Some(k) => format!(" {k} {} ", id.title(self.lang)),
            None => format!(" {} ", id.title(self.lang)),
        };
        // On a narrow screen the other views are named by their keys only, so that every
        // tab, and the one on screen in full, still shows.
        let wide: usize = ViewId::ALL.iter().map(|id| full(*id).width() + 1).sum();
        let narrow = wide + 2 > area.width as usize;
        let mut spans = Vec::new();
        for id in ViewId::ALL {
            let key = self.keymap.first(Scope::Global, id.go_action());
            let label = match key {
                Some(k) if narrow && id != self.view => format!(" {k} "),
                _ => full(id),
            };
            let (label, style) = if id == self.view {
                (self.mark_tab(label), self.theme.tab_active)
            } else {
                (label, self.theme.tab)
            };
            spans.push(Span::styled(label, style));
            spans.push(Span::raw(" "));
        }
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let title = &self.session.meeting().agenda.meeting.title;
        let room = (area.width as usize).saturating_sub(used + 1);
        if room >= 4 {
            spans.push(Span::styled(truncate(title, room), self.theme.title));
        }
        frame.render_widget(Line::from(spans), area);
    }

    /// One line, or up to three for a longer notice: an error names a file and says what
    /// to do, a notice may name files by their full path or the key that corrects an
    /// automatic 迟到; it is wrapped rather than cut off.
    fn notice_height(&self, width: u16) -> u16 {
        match self.shown_notice() {
            Some(n) if width > 0 => wrapped_rows(&n.text, width as usize).clamp(1, 3) as u16,
            _ => 1,
        }
    }

    fn draw_notice(&self, frame: &mut Frame, area: Rect) {
        let Some(n) = self.shown_notice() else {
            return;
        };
        let style = match n.kind {
            NoticeKind::Info => self.theme.info,
            NoticeKind::Success => self.theme.ok,
            NoticeKind::Warning => self.theme.warn,
            NoticeKind::Error => self.theme.error,
        };
        frame.render_widget(
            Paragraph::new(based_marks(&crate::sanitize::screen(&n.text)))
                .style(style)
                .wrap(Wrap { trim: true }),
            area,
        );
    }

    fn draw_status(&mut self, frame: &mut Frame, area: Rect, now: DateTime<Utc>) {
        let lang = self.lang;
        let anomalies = self.anomalies(now).len();
        let m = self.session.meeting();
        let elapsed = match (m.started_at, m.ended_at) {
            (Some(s), None) => format!(
                "{} {}",
                T::Elapsed.get(lang),
                text::hms((now - s).num_seconds())
            ),
            (Some(s), Some(e)) => Say::StatusClosed {
                time: e.with_timezone(&self.tz).format("%H:%M").to_string(),
                length: text::hms((e - s).num_seconds()),
            }
            .text(lang),
            (None, _) => T::NotStarted.get(lang).to_string(),
        };
        let (state, state_style) = match &self.journal {
            _ if self.read_only() => (T::ReadOnly.get(lang).to_string(), self.theme.warn),
            JournalState::Saved => (T::Saved.get(lang).to_string(), self.theme.status_bar),
            JournalState::Failed(e) => {
                (format!("{}: {e}", T::NotSaved.get(lang)), self.theme.error)
            }
        };
        let bar = self.theme.status_bar;
        let mut spans = vec![
            Span::styled(format!(" {} ", text::clock(now, self.tz)), bar),
            Span::styled(format!("| {elapsed} | "), bar),
            Span::styled(state, state_style),
        ];
        if let Some(why) = &self.follow_failed {
            let why = why.clone();
            spans.push(Span::styled(" | ", bar));
            let text = Say::FollowFailedShort { why }.text(lang);
            spans.push(Span::styled(text, self.theme.error));
        }
        spans.push(Span::styled(
            format!(" | {} {}", m.events_applied, T::Events.get(lang)),
            bar,
        ));
        if let Some(sync) = &self.sync {
            let st = crate::server::snapshot(sync);
            let style = if st.online { bar } else { self.theme.error };
            spans.push(Span::styled(format!(" | {}", st.summary(lang, now)), style));
        }
        if anomalies > 0 {
            let key = self.keymap.label(Scope::Global, Action::Anomalies);
            spans.push(Span::styled(" | ", bar));
            let text = Say::AnomalyCount { n: anomalies, key }.text(lang);
            spans.push(Span::styled(text, self.theme.warn));
        }
        let journal = if self.read_only() {
            T::Following
        } else {
            T::Journal
        };
        spans.push(Span::styled(
            format!(
                " | {} {}",
                journal.get(lang),
                self.session.journal_path().display()
            ),
            bar,
        ));
        let line = Line::from(spans);
        frame.render_widget(Paragraph::new(line).style(self.theme.status_bar), area);
    }

    /// The active tab without colour: `[F2 签到]` in place of ` F2 签到 ` (as wide).
    fn mark_tab(&self, label: String) -> String {
        if !self.theme.glyphs {
            return label;
        }
        let inner = label.trim_matches(' ');
        format!("[{inner}]")
    }

    /// The key-hint bar: help and quit first (they must always show), then the view's
    /// keys while they fit; over help or the quit question, their own keys.
    fn draw_hints(&self, frame: &mut Frame, area: Rect) {
        let view = self.views.get(self.view);
        let scopes = view.scopes();
        let mut wanted: Vec<(Scope, Action)> = Vec::new();
        match self.overlay {
            Overlay::Anomalies(_) => wanted.extend([
                (Scope::Help, Action::Back),
                (Scope::Global, Action::Anomalies),
                (Scope::Help, Action::Down),
                (Scope::Help, Action::PageDown),
            ]),
            Overlay::SyncList(_) => wanted.extend([
                (Scope::Help, Action::Back),
                (Scope::Global, Action::SyncList),
                (Scope::Help, Action::Down),
                (Scope::Help, Action::PageDown),
            ]),
            Overlay::Help(_) => wanted.extend([
                (Scope::Help, Action::Back),
                (Scope::Global, Action::Help),
                (Scope::Help, Action::Down),
                (Scope::Help, Action::PageDown),
            ]),
            Overlay::ConfirmQuit { .. } => wanted.extend([
                (Scope::Confirm, Action::Yes),
                (Scope::Global, Action::Quit),
                (Scope::Confirm, Action::No),
            ]),
            Overlay::None => {
                if !view.modal() {
                    wanted.push((Scope::Global, Action::Help));
                    wanted.push((Scope::Global, Action::Quit));
                }
                // A read-only desk shows only the keys that do something there.
                let shown = view
                    .hints()
                    .iter()
                    .filter(|a| !(self.read_only() && a.changes_meeting()));
                for &a in shown {
                    if let Some(&scope) =
                        scopes.iter().find(|s| self.keymap.first(**s, a).is_some())
                    {
                        wanted.push((scope, a));
                    }
                }
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
            spans.push(Span::styled(key, self.theme.key));
            spans.push(Span::styled(label, self.theme.hint));
        }
        frame.render_widget(Line::from(spans), area);
    }

    /// What help lists: the keys live in the view now, then the keys that work
    /// everywhere (only help and quit while a form or another window is open).
    fn help_sections(&self) -> (String, Vec<Section>) {
        let lang = self.lang;
        let view = self.views.get(self.view);
        let title = self.view.title(lang).to_string();
        let mut sections = Vec::new();
        for &scope in view.scopes() {
            if scope == Scope::Global {
                continue;
            }
            let heading = if view.modal() {
                T::HelpModal.get(lang).to_string()
            } else {
                title.clone()
            };
            sections.push(Section::of(heading, scope, None, &self.keymap, lang));
        }
        let only: Option<&[Action]> = view.modal().then_some(&[Action::Help, Action::Quit]);
        let global = T::HelpGlobal.get(lang).to_string();
        sections.push(Section::of(global, Scope::Global, only, &self.keymap, lang));
        (title, sections)
    }

    fn draw_confirm(&self, frame: &mut Frame, area: Rect, why: &str) {
        let lang = self.lang;
        let first = |scope, action| {
            self.keymap
                .first(scope, action)
                .map(|k| k.to_string())
                .unwrap_or_default()
        };
        let keys = Say::QuitKeys {
            yes: first(Scope::Confirm, Action::Yes),
            quit: first(Scope::Global, Action::Quit),
            no: self.keymap.label(Scope::Confirm, Action::No),
        }
        .text(lang);
        let popup = centered(area, 64, 7);
        clear_popup(frame, popup, area, 0);
        frame.render_widget(
            Paragraph::new(vec![
                Line::raw(why.to_string()),
                Line::raw(""),
                Line::styled(keys, self.theme.title),
            ])
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(self.theme.border_focus)
                    .title(format!(" {} ", T::QuitTitle.get(lang))),
            ),
            popup,
        );
    }
}

/// The rows `text` takes when wrapped at spaces into `width` columns, as the notice line
/// wraps it (a run without spaces, such as Chinese text, is broken where it fills a row).
fn wrapped_rows(text: &str, width: usize) -> usize {
    let mut rows = 1;
    let mut used = 0;
    for word in text.split(' ') {
        let w = word.width();
        if used > 0 && used + 1 + w > width {
            rows += 1;
            used = 0;
        } else if used > 0 {
            used += 1;
        }
        used += w;
        while used > width {
            rows += 1;
            used -= width;
        }
    }
    rows
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
