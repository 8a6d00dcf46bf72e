//! The attendance desk: venues with live counts and links, arrivals per minute, the
//! roster with a search box that keeps the focus, and the keys that record sign-in, late,
//! excused, stand-in, left early, walk-in, undo and the roll call of branch venues.
//!
//! - [`roster`]: what the list shows and who is highlighted, rebuilt once per change;
//! - [`modals`] and [`roll_call`]: the forms, and the review of a platform export;
//! - [`render`]: drawing, which formats only the rows it shows.
//!
//! Sign-in is made for a badge scanner as much as for a keyboard: Enter signs in only
//! what the box names (an exact id or badge number first, else the highlighted hit), an
//! empty box signs nobody in, and a name or number nobody has clears the box and rings
//! the bell, so that the next scan starts clean. Keys arriving faster than the screen is
//! drawn are handled one by one, in order, each search on what was typed so far.
//!
//! This file holds the state and what keys do.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use ratatui::Frame;
use ratatui::layout::Rect;
use tui_input::{Input, InputRequest};

use super::View;
use super::name_index::PendingIndex;
use crate::core::command::{Command, Warning};
use crate::core::event::{EventKind, SetStatus};
use crate::core::meeting::{Counts, Meeting, Status};
use crate::i18n::status_label;
use crate::tui::ctx::Ctx;
use crate::tui::form::Form;
use crate::tui::input::{Intent, TextFocus, one_line};
use crate::tui::keymap::{Action, Scope, ascii_key};
use crate::tui::msg::{Failure, Msg, NoticeKind, Recorded, Reply, Tag};
use crate::tui::text::{Say, T};

mod modals;
mod render;
mod roll_call;
mod roster;

use modals::Modal;
pub use roster::{SEARCH_LIMIT, SortKey, StatusFilter};

pub struct AttendanceView {
    search: Input,
    index: PendingIndex,
    /// Venue of each person (index into `agenda.venues`), parallel to `meeting.people`.
    person_venue: Vec<usize>,
    /// The event that created each walk-in, in the order of `meeting.people`: another
    /// seat's walk-in may sort before them and move their indices (see `sync_meeting`).
    walk_ins: Vec<String>,
    /// The pinyin sort key of each name, made the first time the roster is sorted by name.
    name_keys: Option<Vec<String>>,
    /// The venue the roster shows (`None`: all venues).
    venue: Option<usize>,
    filter: StatusFilter,
    sort: SortKey,
    /// The roster (no search), filtered and sorted: rebuilt once per change.
    roster: Vec<usize>,
    /// Search results, best first.
    hits: Vec<usize>,
    hits_truncated: bool,
    /// Position of the highlighted row in the list shown, and the person there.
    selected: usize,
    selected_person: Option<usize>,
    offset: usize,
    /// Rows shown by the last frame (for paging).
    page: usize,
    counts: Vec<Counts>,
    total: Counts,
    /// Arrivals per minute (minutes since the epoch).
    arrivals: BTreeMap<i64, u32>,
    modal: Modal,
    /// The last platform export asked for, offered again.
    last_export: String,
    /// What Enter last found nobody for: the walk-in form offers it as the name.
    not_found: String,
    /// When Enter last asked to sign someone in.
    last_sign_in: Option<DateTime<Utc>>,
}

/// An Enter on an empty box this soon after a sign-in is the same key press twice (a
/// scanner that ends each badge with two line ends): it says nothing, so the notice of
/// the sign-in stays.
const SECOND_ENTER: Duration = Duration::seconds(1);

impl AttendanceView {
    pub fn new(m: &Meeting) -> AttendanceView {
        let mut v = AttendanceView {
            search: Input::default(),
            index: PendingIndex::spawn(m),
            person_venue: Vec::new(),
            walk_ins: Vec::new(),
            name_keys: None,
            venue: None,
            filter: StatusFilter::All,
            sort: SortKey::Number,
            roster: Vec::new(),
            hits: Vec::new(),
            hits_truncated: false,
            selected: 0,
            selected_person: None,
            offset: 0,
            page: 10,
            counts: Vec::new(),
            total: Counts::default(),
            arrivals: BTreeMap::new(),
            modal: Modal::None,
            last_export: String::new(),
            not_found: String::new(),
            last_sign_in: None,
        };
        v.sync_meeting(m);
        v
    }

    /// What is typed in the search box.
    pub fn query(&self) -> &str {
        self.search.value()
    }

    /// The people listed now (search results or the roster), in order.
    pub fn listed(&self) -> &[usize] {
        if self.searching() {
            &self.hits
        } else {
            &self.roster
        }
    }

    /// The highlighted person, if any.
    pub fn highlighted(&self) -> Option<usize> {
        self.listed().get(self.selected).copied()
    }

    pub fn venue_filter(&self) -> Option<usize> {
        self.venue
    }

    /// The highlighted person, or the notice that there is none.
    fn target(&self, ctx: &Ctx) -> Result<usize, Msg> {
        self.highlighted().ok_or_else(|| {
            let text = if self.searching() {
                no_match(ctx)
            } else {
                T::NoneSelected.get(ctx.lang).to_string()
            };
            Msg::notice(NoticeKind::Warning, text)
        })
    }

    /// Record a command about the highlighted person.
    fn record_for(
        &self,
        ctx: &Ctx,
        tag: fn(usize) -> Tag,
        cmd: impl FnOnce(String) -> Command,
    ) -> Vec<Msg> {
        match self.target(ctx) {
            Ok(p) => vec![Msg::record(cmd(ctx.meeting.people[p].id.clone()), tag(p))],
            Err(notice) => vec![notice],
        }
    }

    /// A key of the attendance scope (no modal open).
    fn act(&mut self, action: Action, ctx: &Ctx) -> Vec<Msg> {
        let m = ctx.meeting;
        let sign_in = |late| {
            move |participant| Command::SignIn {
                participant,
                late,
                effective_at: None,
            }
        };
        let signing = |person| Tag::SignIn { person };
        let status = |person| Tag::Status { person };
        let with_target = |v: &mut Self, open: fn(&mut Self, usize, &Ctx)| match v.target(ctx) {
            Ok(p) => {
                open(v, p, ctx);
                Vec::new()
            }
            Err(notice) => vec![notice],
        };
        match action {
            Action::SignIn => return self.sign_in(ctx),
            // On someone recorded late, the same key corrects it to on time (an automatic
            // 迟到 that was wrong).
            Action::Late
                if self
                    .highlighted()
                    .is_some_and(|p| m.attendance[p].status() == Status::Late) =>
            {
                let on_time = |participant| Command::Correct {
                    participant,
                    to: SetStatus::Present { late: false },
                };
                return self.record_for(ctx, status, on_time);
            }
            Action::Late => return self.record_for(ctx, signing, sign_in(true)),
            Action::SignInAt => {
                return match self.target(ctx) {
                    Ok(p) => self.open_sign_in_at(p, ctx),
                    Err(notice) => vec![notice],
                };
            }
            Action::LeftEarly => {
                let leave = |participant| Command::LeaveEarly { participant };
                return self.record_for(ctx, status, leave);
            }
            Action::Excuse => return with_target(self, Self::open_excuse),
            Action::StandIn => return with_target(self, Self::open_stand_in),
            Action::Undo => {
                let seat = ctx.seat.to_string();
                let cmd = Command::Undo { event: None, seat };
                return vec![Msg::record(cmd, Tag::Undo)];
            }
            Action::WalkIn => self.open_walk_in(ctx),
            Action::RollCall => return self.open_roll_call(ctx),
            Action::Reconcile => self.open_reconcile(ctx),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page.max(1) as isize)),
            Action::PageDown => self.move_by(self.page.max(1) as isize),
            Action::NextVenue | Action::PrevVenue => {
                let n = m.agenda.venues.len();
                // None (all venues) sits before the first venue in the cycle.
                let pos = self.venue.map_or(0, |v| v + 1);
                let next = if action == Action::NextVenue {
                    (pos + 1) % (n + 1)
                } else {
                    (pos + n) % (n + 1)
                };
                self.venue = next.checked_sub(1);
                // Another venue's list starts at its top.
                self.selected = 0;
                self.offset = 0;
                self.selected_person = None;
                self.rebuild_roster(m);
                self.run_search(m);
                self.reselect();
            }
            Action::Filter => {
                self.filter = self.filter.next();
                self.rebuild_roster(m);
            }
            Action::Sort => {
                self.sort = self.sort.next();
                self.rebuild_roster(m);
            }
            Action::Clear => self.clear_search(m),
            _ => {}
        }
        Vec::new()
    }

    /// Enter: sign in whoever the box names. An empty box signs nobody in; an exact id
    /// or badge number wins over the highlight; a text nobody matches clears the box and
    /// rings the bell.
    fn sign_in(&mut self, ctx: &Ctx) -> Vec<Msg> {
        let m = ctx.meeting;
        let query = self.search.value().trim();
        if query.is_empty() {
            let echo = self
                .last_sign_in
                .is_some_and(|t| ctx.now - t < SECOND_ENTER);
            if echo {
                return Vec::new();
            }
            let text = T::TypeFirst.get(ctx.lang);
            return vec![Msg::notice(NoticeKind::Info, text)];
        }
        match exact_id(m, query).or_else(|| self.highlighted()) {
            Some(p) => {
                self.last_sign_in = Some(ctx.now);
                let cmd = Command::SignIn {
                    participant: m.people[p].id.clone(),
                    late: false,
                    effective_at: None,
                };
                vec![Msg::record(cmd, Tag::SignIn { person: p })]
            }
            None => {
                let typed = query.to_string();
                self.not_found = typed.clone();
                self.clear_search(m);
                let walk_in = ctx.keymap.label(Scope::Attendance, Action::WalkIn);
                let text = Say::NotFound { typed, walk_in }.text(ctx.lang);
                vec![Msg::Bell, Msg::notice(NoticeKind::Warning, text)]
            }
        }
    }

    /// Someone was signed in (or was already): say so, and clear the box for the next.
    /// A sign-in the core marked late says how to correct it; a 补签 says so.
    fn signed_in(&mut self, p: usize, recorded: &Recorded, ctx: &Ctx) -> Vec<Msg> {
        let (m, lang) = (ctx.meeting, ctx.lang);
        let name = person_label(m, p, lang);
        let outcome = recorded.outcomes.first();
        let warnings = outcome.map_or(&[][..], |o| o.warnings.as_slice());
        let notice = if let Some(Warning::AlreadySignedIn { at, .. }) = warnings.first() {
            let first = ctx.hms(*at);
            let text = Say::AlreadySignedIn { name, first };
            Msg::notice(NoticeKind::Warning, text.text(lang))
        } else if recorded.events().next().is_none() {
            Msg::notice(NoticeKind::Info, Say::NothingToChange { name }.text(lang))
        } else {
            let a = &m.attendance[p];
            let time = ctx.hms(a.arrived.unwrap_or(ctx.now));
            let later = recorded.events().any(|e| {
                matches!(
                    e.kind,
                    EventKind::SignedIn {
                        effective_at: Some(_),
                        ..
                    }
                )
            });
            let text = match (later, a.late) {
                (false, false) => Say::SignedIn { name, time },
                (false, true) => Say::SignedInLate { name, time },
                (true, false) => Say::SignedInAfterFact { name, time },
                (true, true) => Say::SignedInAfterFactLate { name, time },
            }
            .text(lang);
            let marked = warnings.iter().find_map(|w| match w {
                Warning::MarkedLate { after, .. } => Some(*after),
                _ => None,
            });
            match marked {
                Some(after) => {
                    let hint = Say::MarkedLateHint {
                        after: ctx.hm(after),
                        key: ctx.keymap.label(Scope::Attendance, Action::Late),
                    };
                    Msg::notice(NoticeKind::Warning, format!("{text}{}", hint.text(lang)))
                }
                None => Msg::notice(NoticeKind::Success, text),
            }
        };
        if matches!(self.modal, Modal::SignInAt { .. }) {
            self.modal = Modal::None;
        }
        // Ready for the next person in the queue.
        self.selected_person = Some(p);
        self.clear_search(m);
        vec![notice]
    }

    /// A status was recorded for someone: say so, close the form, clear the box.
    fn status_set(&mut self, p: usize, recorded: &Recorded, ctx: &Ctx) -> Vec<Msg> {
        let (m, lang) = (ctx.meeting, ctx.lang);
        let name = person_label(m, p, lang);
        let on_time = recorded.events().any(|e| {
            matches!(
                e.kind,
                EventKind::StatusCorrected {
                    to: SetStatus::Present { late: false },
                    ..
                }
            )
        });
        let notice = if recorded.events().next().is_none() {
            Msg::notice(NoticeKind::Info, Say::NothingToChange { name }.text(lang))
        } else if on_time {
            Msg::notice(NoticeKind::Success, Say::OnTimeAfterAll { name }.text(lang))
        } else {
            let status = status_label(m.attendance[p].status(), lang).to_string();
            Msg::notice(
                NoticeKind::Success,
                Say::StatusSet { name, status }.text(lang),
            )
        };
        if matches!(self.modal, Modal::Excuse { .. } | Modal::StandIn { .. }) {
            self.modal = Modal::None;
        }
        // Done with this person: the box is ready for the next.
        self.selected_person = Some(p);
        self.clear_search(m);
        vec![notice]
    }

    /// The desk's last attendance record was undone: say whose, and highlight them.
    fn undone(&mut self, recorded: &Recorded, ctx: &Ctx) -> Vec<Msg> {
        let m = ctx.meeting;
        let person = recorded.events().find_map(|e| match &e.kind {
            EventKind::Undone { target } => m.attendance_event_person(target),
            _ => None,
        });
        let Some(p) = person else {
            return Vec::new();
        };
        let name = person_label(m, p, ctx.lang);
        if m.is_withdrawn(p) {
            // A walk-in taken back is gone from the lists and from every count.
            self.selected_person = None;
            let text = Say::WalkInUndone { name }.text(ctx.lang);
            return vec![Msg::notice(NoticeKind::Success, text)];
        }
        self.selected_person = Some(p);
        let status = status_label(m.attendance[p].status(), ctx.lang).to_string();
        let text = Say::Undone { name, status }.text(ctx.lang);
        vec![Msg::notice(NoticeKind::Success, text)]
    }
}

/// "Nobody matches", with the walk-in key.
fn no_match(ctx: &Ctx) -> String {
    format!(
        "{} {}",
        T::NoMatch.get(ctx.lang),
        ctx.keymap.label(Scope::Attendance, Action::WalkIn)
    )
}

/// A person as notices name them: `王晓红（M1）`, `Wei Chen (B06)`.
fn person_label(m: &Meeting, p: usize, lang: crate::i18n::Lang) -> String {
    let person = &m.people[p];
    match lang {
        crate::i18n::Lang::Zh => format!("{}（{}）", person.name, person.id),
        crate::i18n::Lang::En => format!("{} ({})", person.name, person.id),
    }
}

/// The person whose id (badge number) is exactly what was typed or scanned; full-width
/// digits and letters (an input method left on) count as their ASCII selves.
fn exact_id(m: &Meeting, typed: &str) -> Option<usize> {
    m.person(typed).or_else(|| {
        let ascii: String = typed.chars().map(ascii_key).collect();
        (ascii != typed).then(|| m.person(&ascii)).flatten()
    })
}

impl View for AttendanceView {
    fn scopes(&self) -> &'static [Scope] {
        match self.modal {
            Modal::None => &[Scope::Attendance, Scope::Global],
            Modal::RollCall(_) => &[Scope::RollCall],
            Modal::Review(_) => &[Scope::Review],
            _ => &[Scope::Form],
        }
    }

    fn modal(&self) -> bool {
        !matches!(self.modal, Modal::None)
    }

    fn text_focus(&self) -> TextFocus {
        if matches!(self.modal, Modal::Review(_)) {
            return TextFocus::None;
        }
        match self.modal_form() {
            Some(f) => f.text_focus(),
            None if self.search.value().is_empty() => TextFocus::Empty,
            None => TextFocus::Typed,
        }
    }

    fn unsaved_input(&self) -> bool {
        !self.search.value().trim().is_empty() || self.modal_form().is_some_and(Form::changed)
    }

    fn hints(&self) -> &'static [Action] {
        use Action::*;
        match self.modal {
            Modal::None => &[
                SignIn, Late, Excuse, StandIn, LeftEarly, Undo, WalkIn, SignInAt, RollCall,
                Reconcile, NextVenue, Filter, Sort,
            ],
            Modal::RollCall(_) => &[Submit, NextVenue, Toggle, NextField, Cancel],
            Modal::Review(_) => &[Submit, Toggle, Cancel],
            Modal::WalkIn { .. } => &[Submit, NextField, Toggle, Cancel],
            _ => &[Submit, NextField, Cancel],
        }
    }

    fn sync(&mut self, m: &Meeting) {
        self.sync_meeting(m);
    }

    fn handle(&mut self, intent: &Intent, ctx: &Ctx) -> Vec<Msg> {
        if self.modal() {
            return self.handle_modal(intent, ctx);
        }
        let m = ctx.meeting;
        match intent {
            Intent::Edit(req) => {
                // Moving the caret keeps the results and the highlight.
                if self.search.handle(*req).is_some_and(|c| c.value) {
                    self.run_search(m);
                    if !self.searching() {
                        self.reselect();
                    }
                }
            }
            Intent::Paste(s) => {
                for c in one_line(s).chars() {
                    self.search.handle(InputRequest::InsertChar(c));
                }
                self.run_search(m);
            }
            Intent::Action(_, action) => return self.act(*action, ctx),
            Intent::Resize | Intent::Key(_) | Intent::Unbound(_) => {}
        }
        Vec::new()
    }

    fn reply(&mut self, reply: Reply, ctx: &Ctx) -> Vec<Msg> {
        let (tag, recorded) = match reply {
            Reply::PlatformExport { path, bytes } => {
                self.export_read(path, bytes, ctx);
                return Vec::new();
            }
            Reply::Recorded { tag, recorded } => (tag, recorded),
            Reply::ExportExists { .. } => return Vec::new(),
        };
        if tag == Tag::RollCall {
            return self.roll_call_recorded(&recorded, ctx);
        }
        // A failure in the 补签 form: the form stays, with what was typed, and says why (a
        // time that has not come yet is refused).
        if let (Some(f), Modal::SignInAt { form, .. }) = (&recorded.failure, &mut self.modal) {
            form.error = Some(f.reason().to_string());
            return Vec::new();
        }
        // A sign-in refused (the notice line says why): the box is cleared all the same,
        // or the next badge scanned would be appended to this one. (Not saved, the input
        // stays, as the notice promises: nothing can be recorded until that is fixed.)
        if matches!(tag, Tag::SignIn { .. })
            && matches!(recorded.failure, Some(Failure::Refused(_)))
        {
            self.clear_search(ctx.meeting);
            return vec![Msg::Bell];
        }
        // A failure is in the notice line already; the form stays, with what was typed.
        if !recorded.ok() {
            return Vec::new();
        }
        // Who it was about, as the record says: the index the view asked with may have
        // moved when another seat's earlier walk-in was folded just before recording.
        let about = |asked: usize| {
            recorded
                .events()
                .find_map(|e| ctx.meeting.attendance_event_person(&e.id))
                .unwrap_or(asked)
        };
        match tag {
            Tag::SignIn { person } => self.signed_in(about(person), &recorded, ctx),
            Tag::Status { person } => self.status_set(about(person), &recorded, ctx),
            Tag::WalkIn { venue, name } => self.walked_in(venue, name, &recorded, ctx),
            Tag::Undo => self.undone(&recorded, ctx),
            Tag::Reconcile { seat } => {
                self.modal = Modal::None;
                let records = recorded.events().count();
                let text = Say::Reconciled { records, seat }.text(ctx.lang);
                vec![Msg::notice(NoticeKind::Success, text)]
            }
            _ => Vec::new(),
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        self.draw(frame, area, ctx);
    }
}
