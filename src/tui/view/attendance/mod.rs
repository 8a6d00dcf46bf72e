//! The attendance desk: venues with live counts and links, arrivals per minute, the
//! roster with a search box that keeps the focus, and the keys that record sign-in, late,
//! excused, stand-in, left early, walk-in, undo and the roll call of branch venues.
//!
//! Cost: everything derived from the meeting (counts, the arrivals chart, the listed
//! order) is rebuilt in `sync`, once per change; a keystroke re-runs only the search; a
//! frame formats only the rows it shows.

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Paragraph, Row, Scrollbar, ScrollbarOrientation, ScrollbarState, Table,
    TableState,
};
use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthStr;

use super::name_index::PendingIndex;
use super::reconcile::Review;
use super::{AppCtx, Failure, Handled, NoticeKind, View, ViewCtx};
use crate::core::agenda::{Participant, Role, SignInMode, VenueKind};
use crate::core::command::{Command, Warning};
use crate::core::event::{EventKind, LinkState};
use crate::core::meeting::{Counts, Meeting, Status};
use crate::i18n::{Lang, status_label};
use crate::tui::form::{Field, Form, skip_columns};
use crate::tui::input::{Intent, TextFocus, one_line};
use crate::tui::keymap::{Action, Scope};
use crate::tui::text::{self, Say, T};
use crate::tui::theme::Theme;

/// How many search results are listed at most (best first).
pub const SEARCH_LIMIT: usize = 200;

/// Which people the roster lists (the search box ignores it: a person must be findable
/// whatever their status, so that a second sign-in is caught, not re-added as a walk-in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    NotArrived,
    Present,
    Late,
    Excused,
    LeftEarly,
    StandIn,
}

impl StatusFilter {
    const CYCLE: [StatusFilter; 7] = [
        StatusFilter::All,
        StatusFilter::NotArrived,
        StatusFilter::Present,
        StatusFilter::Late,
        StatusFilter::Excused,
        StatusFilter::LeftEarly,
        StatusFilter::StandIn,
    ];

    fn next(self) -> StatusFilter {
        let i = Self::CYCLE.iter().position(|f| *f == self).unwrap_or(0);
        Self::CYCLE[(i + 1) % Self::CYCLE.len()]
    }

    fn keeps(self, s: Status) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::NotArrived => s == Status::NotArrived,
            StatusFilter::Present => {
                matches!(
                    s,
                    Status::Present | Status::Late | Status::LeftEarly | Status::StandIn
                )
            }
            StatusFilter::Late => s == Status::Late,
            StatusFilter::Excused => s == Status::Excused,
            StatusFilter::LeftEarly => s == Status::LeftEarly,
            StatusFilter::StandIn => s == Status::StandIn,
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            StatusFilter::All => T::FilterAll,
            StatusFilter::NotArrived => T::FilterNotArrived,
            StatusFilter::Present => T::FilterPresent,
            StatusFilter::Late => T::FilterLate,
            StatusFilter::Excused => T::FilterExcused,
            StatusFilter::LeftEarly => T::FilterLeftEarly,
            StatusFilter::StandIn => T::FilterStandIn,
        }
        .get(lang)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Number,
    Name,
    Unit,
    Status,
    Time,
}

impl SortKey {
    fn next(self) -> SortKey {
        match self {
            SortKey::Number => SortKey::Name,
            SortKey::Name => SortKey::Unit,
            SortKey::Unit => SortKey::Status,
            SortKey::Status => SortKey::Time,
            SortKey::Time => SortKey::Number,
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            SortKey::Number => T::ColNo,
            SortKey::Name => T::ColName,
            SortKey::Unit => T::ColUnit,
            SortKey::Status => T::ColStatus,
            SortKey::Time => T::ColTime,
        }
        .get(lang)
    }
}

/// Which modal is open.
#[derive(Debug, Clone)]
enum Modal {
    None,
    Excuse {
        person: usize,
        form: Form,
    },
    StandIn {
        person: usize,
        form: Form,
    },
    WalkIn {
        venue: usize,
        form: Form,
    },
    RollCall(RollCallForm),
    /// Asking for a video platform's export file.
    ReconcileFile {
        form: Form,
    },
    /// Reviewing what the export would record.
    Review(Box<Review>),
}

/// Stepping through the branch venues.
#[derive(Debug, Clone)]
struct RollCallForm {
    /// Branch venues (indices into `agenda.venues`) in agenda order.
    venues: Vec<usize>,
    /// Position in `venues`.
    at: usize,
    form: Form,
    /// Whether the current venue reports a headcount (else only the link is asked).
    headcount: bool,
}

// Field positions of the roll-call form.
const RC_EXPECTED: usize = 0;
const RC_PRESENT: usize = 1;
const RC_EXCUSED: usize = 2;
const RC_ABSENT: usize = 3;
const RC_NOTE: usize = 4;

pub struct AttendanceView {
    search: Input,
    index: PendingIndex,
    /// Venue of each person (index into `agenda.venues`), parallel to `meeting.people`.
    person_venue: Vec<usize>,
    /// Lower-cased pinyin of each name, built the first time the roster is sorted by name.
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
}

impl AttendanceView {
    pub fn new(m: &Meeting) -> AttendanceView {
        let mut v = AttendanceView {
            search: Input::default(),
            index: PendingIndex::spawn(m),
            person_venue: Vec::new(),
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

    fn searching(&self) -> bool {
        !self.search.value().trim().is_empty()
    }

    fn sync_meeting(&mut self, m: &Meeting) {
        if self.person_venue.len() != m.people.len() {
            self.person_venue = vec![usize::MAX; m.people.len()];
            for (v, people) in m.venue_people.iter().enumerate() {
                for &p in people {
                    self.person_venue[p] = v;
                }
            }
            if let Some(keys) = &mut self.name_keys {
                while keys.len() < m.people.len() {
                    keys.push(name_key(&m.people[keys.len()].name));
                }
            }
        }
        self.counts = (0..m.agenda.venues.len())
            .map(|v| m.venue_counts(v))
            .collect();
        self.total = Counts::default();
        for c in &self.counts {
            self.total.add(c);
        }
        self.arrivals.clear();
        for a in &m.attendance {
            if let Some(t) = a.arrived {
                *self
                    .arrivals
                    .entry(t.timestamp().div_euclid(60))
                    .or_insert(0) += 1;
            }
        }
        self.rebuild_roster(m);
        self.refresh_search(m);
    }

    fn rebuild_roster(&mut self, m: &Meeting) {
        let filter = self.filter;
        let mut list: Vec<usize> = match self.venue {
            Some(v) => m.venue_people.get(v).cloned().unwrap_or_default(),
            None => (0..m.people.len()).collect(),
        };
        list.retain(|&p| filter.keeps(m.attendance[p].status()));
        match self.sort {
            SortKey::Number => list.sort_unstable(),
            SortKey::Name => {
                let keys = self
                    .name_keys
                    .get_or_insert_with(|| m.people.iter().map(|p| name_key(&p.name)).collect());
                list.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
            }
            SortKey::Unit => {
                list.sort_by(|&a, &b| m.people[a].unit.cmp(&m.people[b].unit).then(a.cmp(&b)))
            }
            SortKey::Status => list.sort_by_key(|&p| (m.attendance[p].status(), p)),
            SortKey::Time => list.sort_by_key(|&p| {
                // Arrived first, in order of arrival; the others after, by number.
                (m.attendance[p].time().is_none(), m.attendance[p].time(), p)
            }),
        }
        self.roster = list;
        if !self.searching() {
            self.reselect();
        }
    }

    fn run_search(&mut self, m: &Meeting) {
        if !self.searching() {
            self.hits.clear();
            self.hits_truncated = false;
            return;
        }
        let venue = self.venue;
        let pv = &self.person_venue;
        let hits = self
            .index
            .get(m)
            .search(self.search.value(), SEARCH_LIMIT + 1, |i| {
                i < m.people.len() && venue.is_none_or(|v| pv.get(i) == Some(&v))
            });
        self.hits_truncated = hits.len() > SEARCH_LIMIT;
        self.hits = hits
            .into_iter()
            .take(SEARCH_LIMIT)
            .map(|h| h.index)
            .collect();
        self.selected = 0;
        self.offset = 0;
        self.selected_person = self.hits.first().copied();
    }

    /// Search again after the meeting changed, keeping the highlighted person.
    fn refresh_search(&mut self, m: &Meeting) {
        let keep = self.selected_person;
        self.run_search(m);
        if self.searching() {
            self.selected_person = keep;
            self.reselect();
        }
    }

    /// Keep the highlight on the same person when the list changes under it.
    fn reselect(&mut self) {
        let list = self.listed();
        let pos = self
            .selected_person
            .and_then(|p| list.iter().position(|&q| q == p));
        let len = list.len();
        self.selected = pos.unwrap_or(self.selected.min(len.saturating_sub(1)));
        self.selected_person = self.listed().get(self.selected).copied();
    }

    fn move_by(&mut self, delta: isize) {
        let len = self.listed().len();
        if len == 0 {
            return;
        }
        let cur = self.selected as isize;
        self.selected = (cur + delta).clamp(0, len as isize - 1) as usize;
        self.selected_person = self.listed().get(self.selected).copied();
    }

    fn clear_search(&mut self, m: &Meeting) {
        self.search.reset();
        self.run_search(m);
        self.reselect();
    }

    fn modal_form(&self) -> Option<&Form> {
        match &self.modal {
            Modal::None | Modal::Review(_) => None,
            Modal::Excuse { form, .. }
            | Modal::StandIn { form, .. }
            | Modal::WalkIn { form, .. }
            | Modal::ReconcileFile { form } => Some(form),
            Modal::RollCall(rc) => Some(&rc.form),
        }
    }

    fn modal_form_mut(&mut self) -> Option<&mut Form> {
        match &mut self.modal {
            Modal::None | Modal::Review(_) => None,
            Modal::Excuse { form, .. }
            | Modal::StandIn { form, .. }
            | Modal::WalkIn { form, .. }
            | Modal::ReconcileFile { form } => Some(form),
            Modal::RollCall(rc) => Some(&mut rc.form),
        }
    }

    /// Ask for the export file of a video platform (the last one asked for, again).
    fn open_reconcile(&mut self, ctx: &mut AppCtx) {
        let form = Form::new(
            T::FormReconcile.get(ctx.lang),
            vec![T::ReconcileAbout.get(ctx.lang).to_string()],
            vec![Field::text(T::FieldFile, &self.last_export)],
        );
        self.modal = Modal::ReconcileFile { form };
    }

    fn handle_review(&mut self, intent: &Intent, ctx: &mut AppCtx) -> Handled {
        let Modal::Review(review) = &mut self.modal else {
            return Handled::No;
        };
        match intent {
            Intent::Action(_, Action::Up) => review.move_by(-1),
            Intent::Action(_, Action::Down) => review.move_by(1),
            Intent::Action(_, Action::PageUp) => review.move_by(-(self.page.max(1) as isize)),
            Intent::Action(_, Action::PageDown) => review.move_by(self.page.max(1) as isize),
            Intent::Action(_, Action::Toggle) => review.toggle(),
            Intent::Action(_, Action::Cancel) => self.modal = Modal::None,
            Intent::Action(_, Action::Submit) => {
                let seat = review.platform.seat();
                // On a failure the notice line says why; what was recorded stays, and so
                // does the review.
                if let Ok(n) = review.record(ctx) {
                    ctx.notify(NoticeKind::Success, Say::Reconciled {
                            records: n,
                            seat: seat.to_string(),
                        }
                        .text(ctx.lang));
                    self.modal = Modal::None;
                }
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }

    /// The highlighted person, or a notice that there is none.
    fn target(&self, ctx: &mut AppCtx) -> Option<usize> {
        let p = self.highlighted();
        if p.is_none() {
            let msg = if self.searching() {
                no_match(ctx)
            } else {
                T::NoneSelected.get(ctx.lang).to_string()
            };
            ctx.notify(NoticeKind::Warning, msg);
        }
        p
    }

    fn sign_in(&mut self, ctx: &mut AppCtx, late: bool) {
        let Some(p) = self.target(ctx) else { return };
        let id = ctx.meeting().people[p].id.clone();
        let cmd = Command::SignIn {
            participant: id,
            late,
            effective_at: None,
        };
        let Ok(outcome) = ctx.execute(&cmd) else {
            return;
        };
        let m = ctx.meeting();
        let name = person_label(m, p);
        let lang = ctx.lang;
        if let Some(Warning::AlreadySignedIn { at, .. }) = outcome.warnings.first() {
            let first = text::clock(*at, ctx.tz);
            ctx.notify(
                NoticeKind::Warning,
                Say::AlreadySignedIn { name, first }.text(lang),
            );
        } else if outcome.events.is_empty() {
            ctx.notify(NoticeKind::Info, Say::NothingToChange { name }.text(lang));
        } else {
            let at = m.attendance[p].arrived.unwrap_or(ctx.now);
            let time = text::clock(at, ctx.tz);
            let msg = if m.attendance[p].late {
                Say::SignedInLate { name, time }
            } else {
                Say::SignedIn { name, time }
            };
            let msg = msg.text(lang);
            ctx.notify(NoticeKind::Success, msg);
        }
        // Ready for the next person in the queue.
        self.selected_person = Some(p);
        self.clear_search(ctx.meeting());
    }

    /// Record a command about one person and say what it did.
    fn record_for(&mut self, ctx: &mut AppCtx, p: usize, cmd: Command) -> Result<(), Failure> {
        let outcome = ctx.execute(&cmd)?;
        let m = ctx.meeting();
        let name = person_label(m, p);
        if outcome.events.is_empty() {
            ctx.notify(NoticeKind::Info, Say::NothingToChange { name }.text(ctx.lang));
        } else {
            let status = status_label(m.attendance[p].status(), ctx.lang);
            ctx.notify(
                NoticeKind::Success,
                Say::StatusSet {
                    name,
                    status: status.to_string(),
                }
                .text(ctx.lang),
            );
        }
        // Done with this person: the box is ready for the next.
        self.selected_person = Some(p);
        self.clear_search(ctx.meeting());
        Ok(())
    }

    fn open_excuse(&mut self, ctx: &mut AppCtx) {
        let Some(p) = self.target(ctx) else { return };
        let m = ctx.meeting();
        let reason = m.attendance[p].excused.clone().unwrap_or_default();
        let form = Form::new(
            format!("{}: {}", T::FormExcuse.get(ctx.lang), m.people[p].name),
            vec![person_line(m, p)],
            vec![Field::text(T::FieldReason, &reason)],
        );
        self.modal = Modal::Excuse { person: p, form };
    }

    fn open_stand_in(&mut self, ctx: &mut AppCtx) {
        let Some(p) = self.target(ctx) else { return };
        let m = ctx.meeting();
        let form = Form::new(
            format!("{}: {}", T::FormStandIn.get(ctx.lang), m.people[p].name),
            vec![person_line(m, p)],
            vec![
                Field::text(T::FieldName, ""),
                Field::text(T::FieldUnit, &m.people[p].unit),
            ],
        );
        self.modal = Modal::StandIn { person: p, form };
    }

    fn open_walk_in(&mut self, ctx: &mut AppCtx) {
        let m = ctx.meeting();
        // The selected venue, else the main venue, else the first.
        let venue = self
            .venue
            .or_else(|| {
                m.agenda
                    .venues
                    .iter()
                    .position(|v| v.kind == VenueKind::Main)
            })
            .unwrap_or(0);
        let Some(v) = m.agenda.venues.get(venue) else {
            return;
        };
        // What was typed is most likely the name (the search found nobody).
        let typed = self.search.value().trim();
        let name = if !typed.is_ascii() { typed } else { "" };
        let form = Form::new(
            format!("{}: {}", T::FormWalkIn.get(ctx.lang), v.name),
            Vec::new(),
            vec![
                Field::text(T::FieldName, name),
                Field::text(T::FieldUnit, ""),
                Field::text(T::FieldTitle, ""),
            ],
        );
        self.modal = Modal::WalkIn { venue, form };
    }

    fn open_roll_call(&mut self, ctx: &mut AppCtx) {
        let m = ctx.meeting();
        let venues: Vec<usize> = m
            .agenda
            .venues
            .iter()
            .enumerate()
            .filter(|(_, v)| v.kind == VenueKind::Branch)
            .map(|(i, _)| i)
            .collect();
        if venues.is_empty() {
            ctx.notify(NoticeKind::Warning, T::NoBranchVenues.get(ctx.lang));
            return;
        }
        // Start at the first venue not yet called, or the selected one.
        let at = self
            .venue
            .and_then(|v| venues.iter().position(|&x| x == v))
            .or_else(|| venues.iter().position(|&v| m.venues[v].roll_call.is_none()))
            .unwrap_or(0);
        self.modal = Modal::RollCall(roll_call_form(m, ctx.lang, venues, at));
    }

    fn submit(&mut self, ctx: &mut AppCtx) {
        let lang = ctx.lang;
        match std::mem::replace(&mut self.modal, Modal::None) {
            Modal::None => {}
            Modal::Excuse { person, form } => {
                let id = ctx.meeting().people[person].id.clone();
                let cmd = Command::Excuse {
                    participant: id,
                    reason: form.value(0).to_string(),
                };
                if self.record_for(ctx, person, cmd).is_err() {
                    self.modal = Modal::Excuse { person, form };
                }
            }
            Modal::StandIn { person, mut form } => {
                if form.value(0).is_empty() {
                    form.error = Some(T::NameRequired.get(lang).into());
                    self.modal = Modal::StandIn { person, form };
                    return;
                }
                let id = ctx.meeting().people[person].id.clone();
                let cmd = Command::StandIn {
                    participant: id,
                    name: form.value(0).to_string(),
                    unit: form.value(1).to_string(),
                };
                if self.record_for(ctx, person, cmd).is_err() {
                    self.modal = Modal::StandIn { person, form };
                }
            }
            Modal::WalkIn { venue, mut form } => {
                if form.value(0).is_empty() {
                    form.error = Some(T::NameRequired.get(lang).into());
                    self.modal = Modal::WalkIn { venue, form };
                    return;
                }
                let venue_id = ctx.meeting().agenda.venues[venue].id.clone();
                let cmd = Command::WalkIn {
                    name: form.value(0).to_string(),
                    unit: form.value(1).to_string(),
                    title: form.value(2).to_string(),
                    venue: venue_id,
                    role: Role::Member,
                };
                match ctx.execute(&cmd) {
                    Ok(outcome) => {
                        let m = ctx.meeting();
                        let added = outcome.events.iter().find_map(|e| match &e.kind {
                            EventKind::WalkedIn(w) => m.person(&w.participant),
                            _ => None,
                        });
                        let vname = m.agenda.venues[venue].name.clone();
                        ctx.notify(
                            NoticeKind::Success,
                            Say::WalkedIn {
                                name: form.value(0).to_string(),
                                venue: vname,
                            }
                            .text(lang),
                        );
                        self.search.reset();
                        self.selected_person = added;
                        // The new person must be in the lists before the highlight moves.
                        self.sync_meeting(ctx.meeting());
                    }
                    Err(_) => self.modal = Modal::WalkIn { venue, form },
                }
            }
            Modal::ReconcileFile { mut form } => {
                let path = form.value(0).to_string();
                if path.is_empty() {
                    form.error = Some(T::FileRequired.get(lang).into());
                    self.modal = Modal::ReconcileFile { form };
                    return;
                }
                self.last_export = path.clone();
                match Review::load(&path, ctx.meeting(), lang) {
                    Ok(r) => self.modal = Modal::Review(Box::new(r)),
                    Err(e) => {
                        form.error = Some(e);
                        self.modal = Modal::ReconcileFile { form };
                    }
                }
            }
            Modal::Review(r) => self.modal = Modal::Review(r),
            Modal::RollCall(mut rc) => match self.save_roll_call(ctx, &mut rc) {
                Ok(()) => {
                    if rc.at + 1 < rc.venues.len() {
                        let m = ctx.meeting();
                        self.modal = Modal::RollCall(roll_call_form(m, lang, rc.venues, rc.at + 1));
                    } else {
                        ctx.notify(NoticeKind::Success, T::RollCallDone.get(lang));
                    }
                }
                Err(()) => self.modal = Modal::RollCall(rc),
            },
        }
    }

    fn save_roll_call(&mut self, ctx: &mut AppCtx, rc: &mut RollCallForm) -> Result<(), ()> {
        let lang = ctx.lang;
        let v = rc.venues[rc.at];
        let venue_id = ctx.meeting().agenda.venues[v].id.clone();
        let vname = ctx.meeting().agenda.venues[v].name.clone();
        let f = &rc.form;
        let link = |i: usize| match f.fields.get(i).map(Field::selected) {
            Some(1) => LinkState::Ok,
            Some(2) => LinkState::Failing,
            _ => LinkState::Unknown,
        };
        let (video_i, audio_i) = if rc.headcount { (5, 6) } else { (0, 1) };
        let (video, audio) = (link(video_i), link(audio_i));
        if rc.headcount {
            let num = |i: usize| -> Result<Option<u32>, ()> {
                let s = f.value(i);
                if s.is_empty() {
                    Ok(None)
                } else {
                    s.parse::<u32>().map(Some).map_err(|_| ())
                }
            };
            let parsed = (
                num(RC_EXPECTED),
                num(RC_PRESENT),
                num(RC_EXCUSED),
                num(RC_ABSENT),
            );
            let (Ok(expected), Ok(present), Ok(excused), Ok(absent)) = parsed else {
                rc.form.error = Some(T::NotANumber.get(lang).into());
                return Err(());
            };
            // A venue that reported nothing yet is only asked about its link.
            if present.is_some() || excused.is_some() || absent.is_some() {
                let expected = expected.unwrap_or(0);
                let present = present.unwrap_or(0);
                let excused = excused.unwrap_or(0);
                let absent = absent
                    .unwrap_or_else(|| expected.saturating_sub(present.saturating_add(excused)));
                let cmd = Command::RollCall {
                    venue: venue_id.clone(),
                    expected,
                    present,
                    excused,
                    absent,
                    note: rc.form.value(RC_NOTE).to_string(),
                };
                if let Err(e) = ctx.execute(&cmd) {
                    rc.form.error = Some(failure_text(lang, &e));
                    return Err(());
                }
            }
        }
        let m = ctx.meeting();
        let st = &m.venues[v];
        // Record the link only when it was changed: Enter on an untouched form just
        // steps on.
        if (video, audio) != (st.video, st.audio) {
            let cmd = Command::Link {
                venue: venue_id,
                video,
                audio,
            };
            if let Err(e) = ctx.execute(&cmd) {
                rc.form.error = Some(failure_text(lang, &e));
                return Err(());
            }
        }
        ctx.notify(NoticeKind::Success, Say::RollCallSaved { venue: vname }.text(lang));
        Ok(())
    }

    fn handle_modal(&mut self, intent: &Intent, ctx: &mut AppCtx) -> Handled {
        if matches!(self.modal, Modal::Review(_)) {
            return self.handle_review(intent, ctx);
        }
        match intent {
            Intent::Action(_, Action::Submit) => self.submit(ctx),
            Intent::Action(_, Action::Cancel) => self.modal = Modal::None,
            Intent::Action(_, Action::NextField) => {
                if let Some(f) = self.modal_form_mut() {
                    f.next();
                }
            }
            Intent::Action(_, Action::PrevField) => {
                if let Some(f) = self.modal_form_mut() {
                    f.prev();
                }
            }
            Intent::Action(_, Action::Toggle) => {
                if let Some(f) = self.modal_form_mut() {
                    f.toggle();
                }
            }
            Intent::Action(_, a @ (Action::NextVenue | Action::PrevVenue)) => {
                if let Modal::RollCall(rc) = &self.modal {
                    let n = rc.venues.len();
                    let at = if *a == Action::NextVenue {
                        (rc.at + 1) % n
                    } else {
                        (rc.at + n - 1) % n
                    };
                    let venues = rc.venues.clone();
                    self.modal =
                        Modal::RollCall(roll_call_form(ctx.meeting(), ctx.lang, venues, at));
                }
            }
            Intent::Edit(req) => {
                if let Some(f) = self.modal_form_mut() {
                    f.edit(*req);
                }
            }
            Intent::Paste(s) => {
                if let Some(f) = self.modal_form_mut() {
                    f.paste(s);
                }
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }
}

fn failure_text(lang: Lang, f: &Failure) -> String {
    match f {
        Failure::Refused(why) => Say::Refused { why: why.clone() }.text(lang),
        Failure::NotSaved(why) => Say::NotSaved { why: why.clone() }.text(lang),
    }
}

fn no_match(ctx: &AppCtx) -> String {
    format!(
        "{} {}",
        T::NoMatch.get(ctx.lang),
        ctx.keymap.label(Scope::Attendance, Action::WalkIn)
    )
}

fn roll_call_form(m: &Meeting, lang: Lang, venues: Vec<usize>, at: usize) -> RollCallForm {
    let v = venues[at];
    let venue = &m.agenda.venues[v];
    let st = &m.venues[v];
    let headcount = venue.sign_in == SignInMode::Headcount;
    let link_options = || {
        vec![
            T::LinkUnknown.get(lang).to_string(),
            T::LinkOk.get(lang).to_string(),
            T::LinkFailing.get(lang).to_string(),
        ]
    };
    let link_index = |s: LinkState| match s {
        LinkState::Unknown => 0,
        LinkState::Ok => 1,
        LinkState::Failing => 2,
    };
    let mut about = vec![format!("[{}/{}] {}", at + 1, venues.len(), venue.name)];
    if let Some(c) = &venue.contact {
        about.push(match &c.phone {
            Some(p) => format!("{} {}", c.name, p),
            None => c.name.clone(),
        });
    }
    let mut fields = Vec::new();
    if headcount {
        let rc = st.roll_call.as_ref();
        fields.push(Field::number(
            T::FieldExpected,
            rc.map(|r| r.expected).or(venue.expected),
        ));
        fields.push(Field::number(T::FieldPresent, rc.map(|r| r.present)));
        fields.push(Field::number(T::FieldExcused, rc.map(|r| r.excused)));
        fields.push(Field::number(T::FieldAbsent, rc.map(|r| r.absent)));
        fields.push(Field::text(
            T::FieldNote,
            rc.map_or("", |r| r.note.as_str()),
        ));
    } else {
        let c = m.venue_counts(v);
        about.push(format!(
            "{}  {} {}  {} {}  {} {}  {} {}",
            T::RosterVenueCounts.get(lang),
            T::Expected.get(lang),
            c.expected,
            T::Present.get(lang),
            c.present,
            T::Excused.get(lang),
            c.excused,
            T::Absent.get(lang),
            c.absent
        ));
    }
    fields.push(Field::choice(
        T::Video,
        link_options(),
        link_index(st.video),
    ));
    fields.push(Field::choice(
        T::Audio,
        link_options(),
        link_index(st.audio),
    ));
    let mut form = Form::new(T::FormRollCall.get(lang), about, fields);
    // Start where the secretary types first: 实到, or the video link.
    form.focus = if headcount { RC_PRESENT } else { 0 };
    RollCallForm {
        venues,
        at,
        form,
        headcount,
    }
}

/// A sort key for names: their pinyin, so that 张 sorts among the z's. A surname that
/// reads differently as a surname (曾 zeng, not ceng) takes its surname reading.
fn name_key(name: &str) -> String {
    use pinyin::ToPinyin;
    let mut key = String::with_capacity(name.len() * 2);
    for (i, (c, py)) in name.chars().zip(name.to_pinyin()).enumerate() {
        if i == 0
            && let Some(&(_, reading)) = SURNAME_READINGS.iter().find(|(s, _)| *s == c)
        {
            key.push_str(reading);
            continue;
        }
        match py {
            Some(p) => key.push_str(p.plain()),
            None => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// Polyphonic characters whose surname reading is not the most common reading.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('仇', "qiu"),
    ('解', "xie"),
    ('查', "zha"),
    ('朴', "piao"),
    ('区', "ou"),
    ('翟', "zhai"),
    ('乐', "yue"),
    ('尉', "yu"),
    ('盖', "ge"),
    ('缪', "miao"),
    ('种', "chong"),
    ('秘', "bi"),
    ('员', "yun"),
    ('覃', "qin"),
    ('长', "chang"),
    ('沈', "shen"),
    ('重', "chong"),
    ('折', "she"),
    ('句', "gou"),
    ('繁', "po"),
    ('召', "shao"),
    ('万', "wan"),
];

fn person_label(m: &Meeting, p: usize) -> String {
    let person = &m.people[p];
    format!("{}（{}）", person.name, person.id)
}

fn person_line(m: &Meeting, p: usize) -> String {
    let person: &Participant = &m.people[p];
    let venue = m
        .venue(&person.venue)
        .map_or("", |v| m.agenda.venues[v].name.as_str());
    [
        person.id.as_str(),
        person.unit.as_str(),
        person.title.as_str(),
        venue,
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join("  ")
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
                SignIn, Late, Excuse, StandIn, LeftEarly, Undo, WalkIn, RollCall, Reconcile,
                NextVenue, Filter, Sort,
            ],
            Modal::RollCall(_) => &[Submit, NextVenue, Toggle, NextField, Cancel],
            Modal::Review(_) => &[Submit, Toggle, Cancel],
            _ => &[Submit, NextField, Cancel],
        }
    }

    fn sync(&mut self, m: &Meeting) {
        self.sync_meeting(m);
    }

    fn handle(&mut self, intent: &Intent, ctx: &mut AppCtx) -> Handled {
        if self.modal() {
            return self.handle_modal(intent, ctx);
        }
        match intent {
            Intent::Edit(req) => {
                // Moving the caret keeps the results and the highlight.
                if self.search.handle(*req).is_some_and(|c| c.value) {
                    self.run_search(ctx.meeting());
                    if !self.searching() {
                        self.reselect();
                    }
                }
            }
            Intent::Paste(s) => {
                for c in one_line(s).chars() {
                    self.search.handle(InputRequest::InsertChar(c));
                }
                self.run_search(ctx.meeting());
            }
            Intent::Action(_, action) => match action {
                Action::SignIn => self.sign_in(ctx, false),
                Action::Late => self.sign_in(ctx, true),
                Action::Excuse => self.open_excuse(ctx),
                Action::StandIn => self.open_stand_in(ctx),
                Action::LeftEarly => {
                    if let Some(p) = self.target(ctx) {
                        let id = ctx.meeting().people[p].id.clone();
                        let _ = self.record_for(ctx, p, Command::LeaveEarly { participant: id });
                    }
                }
                Action::Undo => {
                    let seat = ctx.seat().to_string();
                    if let Ok(outcome) = ctx.execute(&Command::Undo { event: None, seat }) {
                        let m = ctx.meeting();
                        let person = outcome.events.iter().find_map(|e| match &e.kind {
                            EventKind::Undone { target } => m.attendance_event_person(target),
                            _ => None,
                        });
                        if let Some(p) = person {
                            let status = status_label(m.attendance[p].status(), ctx.lang);
                            let msg = Say::Undone {
                                name: person_label(m, p),
                                status: status.to_string(),
                            }
                            .text(ctx.lang);
                            ctx.notify(NoticeKind::Success, msg);
                            self.selected_person = Some(p);
                        }
                    }
                }
                Action::WalkIn => self.open_walk_in(ctx),
                Action::RollCall => self.open_roll_call(ctx),
                Action::Reconcile => self.open_reconcile(ctx),
                Action::Up => self.move_by(-1),
                Action::Down => self.move_by(1),
                Action::PageUp => self.move_by(-(self.page.max(1) as isize)),
                Action::PageDown => self.move_by(self.page.max(1) as isize),
                Action::NextVenue | Action::PrevVenue => {
                    let n = ctx.meeting().agenda.venues.len();
                    // None (all venues) sits before the first venue in the cycle.
                    let pos = self.venue.map_or(0, |v| v + 1);
                    let next = if *action == Action::NextVenue {
                        (pos + 1) % (n + 1)
                    } else {
                        (pos + n) % (n + 1)
                    };
                    self.venue = next.checked_sub(1);
                    self.rebuild_roster(ctx.meeting());
                    self.run_search(ctx.meeting());
                    self.reselect();
                }
                Action::Filter => {
                    self.filter = self.filter.next();
                    self.rebuild_roster(ctx.meeting());
                }
                Action::Sort => {
                    self.sort = self.sort.next();
                    self.rebuild_roster(ctx.meeting());
                }
                Action::Clear => self.clear_search(ctx.meeting()),
                _ => return Handled::No,
            },
            Intent::Resize | Intent::Key(_) => {}
        }
        Handled::Yes
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &ViewCtx) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let m = ctx.meeting;
        let n_venues = m.agenda.venues.len() as u16;
        // The venues take what they need, up to a third of the height (at least 3 rows).
        let venue_h = (n_venues + 3).min((area.height * 2 / 5).max(4));
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
            form.render(frame, area, ctx.lang, ctx.theme, &keys);
        }
    }
}

impl AttendanceView {
    fn render_venues(&self, frame: &mut Frame, area: Rect, ctx: &ViewCtx) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let m = ctx.meeting;
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(th.border)
            .title(Span::styled(format!(" {} ", T::Venue.get(lang)), th.title));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height == 0 {
            return;
        }
        let num_w = 5u16;
        let link_w = if lang == Lang::Zh { 4 } else { 5 };
        let n = m.agenda.venues.len();
        // The name column fits the longest name (up to a limit); the bar gets the rest.
        let name_w = m
            .agenda
            .venues
            .iter()
            .map(|v| venue_label(v, lang).width())
            .chain([
                total_label(self.venue.is_none(), lang).width(),
                T::Venue.get(lang).width(),
            ])
            .max()
            .unwrap_or(0)
            .min(24) as u16;
        let fixed = name_w + num_w * 5 + link_w * 2 + 8;
        let bar_w = inner.width.saturating_sub(fixed) as usize;
        let widths = [
            Constraint::Length(name_w),
            Constraint::Length(num_w),
            Constraint::Length(num_w),
            Constraint::Length(num_w),
            Constraint::Length(num_w),
            Constraint::Length(num_w),
            Constraint::Length(link_w),
            Constraint::Length(link_w),
            Constraint::Length(bar_w as u16),
        ];
        let header = Row::new(
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
            .map(|t| Cell::from(t.get(lang))),
        )
        .style(th.header);
        // Rows for the venues: a window around the selected one; the total always shows.
        let rows_room = inner.height.saturating_sub(2) as usize;
        let sel = self.venue.unwrap_or(0);
        let start = if n <= rows_room {
            0
        } else {
            sel.saturating_sub(rows_room / 2).min(n - rows_room)
        };
        let mut rows: Vec<Row> = Vec::with_capacity(rows_room + 1);
        for v in (start..n).take(rows_room) {
            let venue = &m.agenda.venues[v];
            let c = &self.counts[v];
            let st = &m.venues[v];
            let name = venue_label(venue, lang);
            let style = if self.venue == Some(v) {
                th.selected
            } else {
                th.base
            };
            rows.push(
                Row::new(vec![
                    Cell::from(name),
                    Cell::from(c.expected.to_string()),
                    Cell::from(c.present.to_string()).style(th.present),
                    Cell::from(c.late.to_string()).style(th.late),
                    Cell::from(c.excused.to_string()).style(th.excused),
                    Cell::from(c.absent.to_string()).style(th.absent),
                    link_cell(st.video, lang, th),
                    link_cell(st.audio, lang, th),
                    Cell::from(bar(c.present, c.expected, bar_w, th)),
                ])
                .style(style),
            );
        }
        let t = &self.total;
        let total_label = total_label(self.venue.is_none(), lang);
        let total_style = if self.venue.is_none() {
            th.selected
        } else {
            th.title
        };
        rows.push(
            Row::new(vec![
                Cell::from(total_label),
                Cell::from(t.expected.to_string()),
                Cell::from(t.present.to_string()),
                Cell::from(t.late.to_string()),
                Cell::from(t.excused.to_string()),
                Cell::from(t.absent.to_string()),
                Cell::from(""),
                Cell::from(""),
                Cell::from(bar(t.present, t.expected, bar_w, th)),
            ])
            .style(total_style),
        );
        frame.render_widget(
            Table::new(rows, widths).header(header).column_spacing(1),
            inner,
        );
    }

    /// Arrivals per minute for the last minutes up to now, as columns of coloured cells
    /// (no block glyphs: they are double width in some East Asian terminals).
    fn render_chart(&self, frame: &mut Frame, area: Rect, ctx: &ViewCtx) {
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
                    cell.set_symbol(" ").set_style(th.bar_fill);
                }
            }
        }
    }

    fn render_search(&self, frame: &mut Frame, area: Rect, ctx: &ViewCtx) {
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

    fn render_roster(&mut self, frame: &mut Frame, area: Rect, ctx: &ViewCtx) {
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
            format!(
                " {} | {} | {}: {} | {}: {} ",
                T::Roster.get(lang),
                venue_name,
                T::Filter.get(lang),
                self.filter.label(lang),
                T::Sort.get(lang),
                self.sort.label(lang),
            )
        };
        let pos = if list_len == 0 { 0 } else { self.selected + 1 };
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(th.border)
            .title(Span::styled(title, th.title))
            .title_top(
                Line::from(format!(
                    " {} ",
                    Say::RowsOf {
                        pos,
                        total: list_len
                    }
                    .text(lang)
                ))
                .right_aligned(),
            );
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 2 || inner.width < 4 {
            return;
        }
        self.selected = self.selected.min(list_len.saturating_sub(1));
        // Header + visible rows; the last column is left for the scrollbar.
        let visible = inner.height.saturating_sub(1) as usize;
        self.page = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
        self.offset = self.offset.min(list_len.saturating_sub(visible));
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
                cells.push(Cell::from(
                    a.time().map(|t| text::clock(t, ctx.tz)).unwrap_or_default(),
                ));
                if show_note {
                    let note = match (&a.stand_in, &a.excused) {
                        (Some(s), _) => {
                            format!("{} {} {}", T::FormStandIn.get(lang), s.name, s.unit)
                        }
                        (None, Some(r)) => r.clone(),
                        _ => String::new(),
                    };
                    cells.push(Cell::from(note));
                }
                Row::new(cells)
            })
            .collect();
        let table_area = Rect {
            width: inner.width.saturating_sub(1),
            ..inner
        };
        let mut state = TableState::default().with_selected(Some(self.selected - self.offset));
        frame.render_stateful_widget(
            Table::new(rows, widths)
                .header(Row::new(header_cells).style(th.header))
                .column_spacing(1)
                .row_highlight_style(th.selected),
            table_area,
            &mut state,
        );
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
                    height: inner.height - 1,
                    ..inner
                },
                &mut sb,
            );
        }
    }
}

fn venue_label(v: &crate::core::agenda::Venue, lang: Lang) -> String {
    if v.sign_in == SignInMode::Headcount {
        format!("{} ({})", v.name, T::Headcount.get(lang))
    } else {
        v.name.clone()
    }
}

fn total_label(all_selected: bool, lang: Lang) -> String {
    if all_selected {
        format!("{} ({})", T::Total.get(lang), T::AllVenues.get(lang))
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
    let mut spans = vec![
        Span::styled(" ".repeat(filled), th.bar_fill),
        Span::styled(" ".repeat(bar_w - filled), th.bar_empty),
    ];
    if width >= label.len() + 2 {
        spans.push(Span::raw(label));
    }
    Line::from(spans)
}
