//! The meeting state: a pure fold of the plan (the agenda) and the record (the events).
//! [`Meeting::apply`] is the only mutator and never fails: an event that names something
//! the agenda no longer has is kept in the record and counted in `orphans`.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use foldhash::{HashMap, HashSet};
use serde::Serialize;

use super::agenda::*;
use super::event::*;
use super::people::{IdKey, People};

mod anomalies;
mod attendance;
mod others;
mod seats;
mod snapshot;
mod speeches;
mod walk_ins;

use attendance::AttLog;
pub use seats::SeatSummary;
use seats::Seats;
pub use speeches::{
    Countdown, Cue, Phase, Speaker, SpeakerTotal, SpeechState, SpeechStatus, WARN_BEFORE_SECS, mmss,
};

/// A participant's attendance, derived from their events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attendance {
    /// When they signed in (the effective time), if they did.
    pub arrived: Option<DateTime<Utc>>,
    pub late: bool,
    pub left: Option<DateTime<Utc>>,
    pub excused: Option<String>,
    pub stand_in: Option<StandIn>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StandIn {
    pub name: String,
    pub unit: String,
    pub at: DateTime<Utc>,
}

/// What a secretary sees in the status column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotArrived,
    Present,
    Late,
    LeftEarly,
    Excused,
    StandIn,
}

impl Attendance {
    pub fn status(&self) -> Status {
        if self.stand_in.is_some() {
            Status::StandIn
        } else if self.arrived.is_some() {
            if self.left.is_some() {
                Status::LeftEarly
            } else if self.late {
                Status::Late
            } else {
                Status::Present
            }
        } else if self.excused.is_some() {
            Status::Excused
        } else {
            Status::NotArrived
        }
    }

    /// In the room (or represented): counted in 实到.
    pub fn is_present(&self) -> bool {
        self.arrived.is_some() || self.stand_in.is_some()
    }

    /// The time shown in the sign-in sheet.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        self.arrived.or(self.stand_in.as_ref().map(|s| s.at))
    }
}

/// Counts of one venue or of the whole meeting. Invariant:
/// `expected == present + excused + absent`; `late` and `stand_in` are parts of `present`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// 应到
    pub expected: u32,
    /// 实到 (includes late arrivals, those who left early, and stand-ins)
    pub present: u32,
    /// 迟到
    pub late: u32,
    /// 请假 (without a stand-in)
    pub excused: u32,
    /// 代会
    pub stand_in: u32,
    /// 早退
    pub left_early: u32,
    /// 缺席
    pub absent: u32,
    /// 列席 observers present (not part of 应到)
    pub observers_present: u32,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.expected += o.expected;
        self.present += o.present;
        self.late += o.late;
        self.excused += o.excused;
        self.stand_in += o.stand_in;
        self.left_early += o.left_early;
        self.absent += o.absent;
        self.observers_present += o.observers_present;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RollCall {
    pub expected: u32,
    pub present: u32,
    pub excused: u32,
    pub absent: u32,
    pub note: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VenueState {
    pub roll_call: Option<RollCall>,
    pub video: LinkState,
    pub audio: LinkState,
    pub link_checked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Pending,
    Running,
    Paused,
    Ended,
    Skipped,
}

/// The timing of one agenda item: closed and open running segments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemState {
    pub status: ItemStatus,
    pub first_start: Option<DateTime<Utc>>,
    pub last_end: Option<DateTime<Utc>>,
    /// Running time of closed segments.
    #[serde(serialize_with = "ser_secs")]
    pub closed: Duration,
    /// Start of the running segment, if running.
    pub running_since: Option<DateTime<Utc>>,
}

fn ser_secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(d.num_seconds())
}

impl ItemState {
    fn new() -> Self {
        ItemState {
            status: ItemStatus::Pending,
            first_start: None,
            last_end: None,
            closed: Duration::zero(),
            running_since: None,
        }
    }

    /// Time spent on the item up to `now`: derived from event times, so it is right after
    /// a restart.
    pub fn elapsed(&self, now: DateTime<Utc>) -> Duration {
        match self.running_since {
            Some(s) if now > s => self.closed + (now - s),
            _ => self.closed,
        }
    }

    fn close_segment(&mut self, at: DateTime<Utc>) {
        if let Some(s) = self.running_since.take()
            && at > s
        {
            self.closed += at - s;
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: String,
    pub item: Option<String>,
    pub text: String,
    pub decision: bool,
    pub at: DateTime<Utc>,
    /// When the text was last changed, if it was.
    pub edited_at: Option<DateTime<Utc>>,
    pub seat: String,
    /// For a decision: the head count taken when it was recorded.
    pub headcount: Option<Headcount>,
    /// The event that recorded it: what later edits name (`of`), so that they reach this
    /// note when another seat gave another note the same id.
    #[serde(skip)]
    pub origin: Option<String>,
}

/// 经清点，应到X人，实到Y人: the meeting's totals at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Headcount {
    pub expected: u32,
    pub present: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionItem {
    pub id: String,
    pub text: String,
    pub owners: Vec<OwnerRef>,
    pub due: Option<NaiveDate>,
    pub due_text: Option<String>,
    pub item: Option<String>,
    pub assigned_by: Option<PersonRef>,
    pub status: ActionStatus,
    /// When it was added during the meeting (`None` for one planned in the agenda).
    pub added_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
    /// The event that added it (`None` for one planned in the agenda): what later edits
    /// name (`of`).
    #[serde(skip)]
    pub origin: Option<String>,
}

impl ActionItem {
    fn apply_fields(&mut self, f: &ActionFields) {
        if let Some(t) = &f.text {
            self.text = t.clone();
        }
        if let Some(o) = &f.owners {
            self.owners = o.clone();
        }
        if let Some(d) = &f.due {
            self.due = *d;
        }
        if let Some(d) = &f.due_text {
            self.due_text = d.clone();
        }
        if let Some(i) = &f.item {
            self.item = i.clone();
        }
        if let Some(a) = &f.assigned_by {
            self.assigned_by = a.clone();
        }
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due.is_some_and(|d| d < today)
    }
}

/// Where a venue's counts come from (`status --json` says which).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CountsSource {
    /// Its people's own sign-ins (a roster venue whose sign-ins are recorded).
    SignIn,
    /// The figures reported at the roll call (a headcount venue, or a roster venue whose
    /// own seat is not connected and whose people nobody signed in here).
    RollCall,
    /// Nothing recorded yet: a headcount venue's expected figure from the agenda, or a
    /// roster venue's roster with nobody signed in.
    Plan,
}

/// The live meeting: a fold of the plan and the record that gives the same state for the
/// same set of events whatever order they arrive in (docs/seats.md). Events are folded in
/// the order of [`Event::key`]; an event that sorts before ones already folded is put in
/// its place: a person's attendance is refolded from that person's changes, anything else
/// (the agenda's timers, notes, actions, roll calls) from the few events that are not
/// attendance. An event already folded (the same seat and sequence number) is passed over.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub agenda: Arc<Agenda>,
    /// Agenda participants followed by walk-ins (in the fold's order of their events).
    pub people: People,
    /// Attendance, parallel to `people`.
    pub attendance: Vec<Attendance>,
    /// Participant id -> index in `people`.
    index: HashMap<IdKey, usize>,
    venue_index: HashMap<String, usize>,
    /// People of each venue (indices into `people`), parallel to `agenda.venues`.
    pub venue_people: Vec<Vec<usize>>,
    pub venues: Vec<VenueState>,
    /// Leaf items in running order (top-level items without sub-items, and sub-items).
    pub leaves: Vec<String>,
    item_index: HashMap<String, usize>,
    /// Parallel to `agenda.flat_items()`.
    pub items: Vec<ItemState>,
    pub current_item: Option<String>,
    /// The item that was current most recently (still set after it ended): where "next"
    /// and "previous" count from when nothing runs.
    pub last_item: Option<String>,
    pub notes: Vec<Note>,
    pub actions: Vec<ActionItem>,
    /// The speeches, planned and added, with their timing (`meeting::speeches`).
    pub speeches: Vec<SpeechState>,
    /// Ids of deleted notes and actions: never given out again, so that an event naming
    /// one cannot be mistaken for a newer item.
    retired_ids: HashSet<String>,
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Every attendance change, per person in fold order, so that an undo or a late
    /// arrival refolds one person. Kept compact: replaying 100,000 events must stay fast.
    att: AttLog,
    /// Walk-ins' creating events, in fold order (parallel to the walk-ins of `people`).
    walk_ins: Vec<walk_ins::WalkInRec>,
    /// Attendance events about someone not known (yet): a walk-in whose event has not
    /// arrived, or a person the agenda no longer has. Folded when the person appears.
    parked: Vec<Event>,
    /// Every event that is not attendance, in fold order: few, and refolded whole when
    /// one arrives out of order.
    others: Vec<Event>,
    /// What folding `others` found besides the state: orphans, the agenda's owner seat,
    /// ids two seats both gave out.
    facts: others::Facts,
    /// Walk-ins whose venue the agenda does not have, kept as they came.
    lost_walk_ins: Vec<Event>,
    /// Every seat heard from: its sequence numbers, times and clock.
    seats: Seats,
    /// Events from a newer huiwu, kept as they came.
    unknown: Vec<Event>,
    /// Events that named something the agenda does not have (or not yet: an undo or an
    /// edit whose event has not arrived).
    pub orphans: usize,
    pub events_applied: usize,
    pub agenda_changed: bool,
    /// The largest clock value folded: a seat stamps its next event past it.
    clock: Hlc,
}

/// A value per person, with room for walk-ins: a list of 36,000 that grows by one would
/// double (4 MB more for the first walk-in).
fn per_person<T: Clone>(people: usize, value: T) -> Vec<T> {
    let mut v = Vec::with_capacity(people + people / 32 + 64);
    v.resize(people, value);
    v
}

impl Meeting {
    pub fn new(agenda: Arc<Agenda>) -> Meeting {
        let people = People::new(agenda.clone());
        let venue_index: HashMap<String, usize> = agenda
            .venues
            .iter()
            .enumerate()
            .map(|(i, v)| (v.id.clone(), i))
            .collect();
        let mut venue_people = vec![Vec::new(); agenda.venues.len()];
        for (i, p) in people.iter().enumerate() {
            if let Some(&v) = venue_index.get(&p.venue) {
                venue_people[v].push(i);
            }
        }
        let flat = agenda.flat_items();
        let item_index = flat
            .iter()
            .enumerate()
            .map(|(i, f)| (f.item.id.clone(), i))
            .collect();
        let leaves = agenda
            .items
            .iter()
            .flat_map(|it| {
                if it.items.is_empty() {
                    vec![it.id.clone()]
                } else {
                    it.items.iter().map(|s| s.id.clone()).collect()
                }
            })
            .collect();
        let mut m = Meeting {
            index: people
                .iter()
                .enumerate()
                .map(|(i, p)| (IdKey::new(&p.id), i))
                .collect(),
            attendance: per_person(people.len(), Attendance::default()),
            att: AttLog::new(people.len()),
            people,
            venue_people,
            venues: Vec::new(),
            venue_index,
            items: vec![ItemState::new(); flat.len()],
            item_index,
            leaves,
            current_item: None,
            last_item: None,
            notes: Vec::new(),
            speeches: Vec::new(),
            retired_ids: HashSet::default(),
            actions: Vec::new(),
            started_at: None,
            ended_at: None,
            walk_ins: Vec::new(),
            parked: Vec::new(),
            others: Vec::new(),
            facts: others::Facts::default(),
            lost_walk_ins: Vec::new(),
            seats: Seats::default(),
            unknown: Vec::new(),
            orphans: 0,
            events_applied: 0,
            agenda_changed: false,
            clock: Hlc::default(),
            agenda,
        };
        m.reset_others();
        m
    }

    /// Fold a whole journal.
    pub fn replay<'a>(agenda: Arc<Agenda>, events: impl IntoIterator<Item = &'a Event>) -> Meeting {
        let mut m = Meeting::new(agenda);
        let events = events.into_iter();
        m.reserve(events.size_hint().0);
        for e in events {
            m.apply(e);
        }
        m
    }

    pub fn person(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn venue(&self, id: &str) -> Option<usize> {
        self.venue_index.get(id).copied()
    }

    pub fn item(&self, id: &str) -> Option<usize> {
        self.item_index.get(id).copied()
    }

    pub fn item_state(&self, id: &str) -> Option<&ItemState> {
        self.item(id).map(|i| &self.items[i])
    }

    /// Apply events (a batch of a journal being read).
    pub fn apply_all(&mut self, events: &[Event]) {
        self.reserve(events.len());
        for e in events {
            self.apply(e);
        }
    }

    /// Room for `n` more events, most of them attendance (a replay knows its length).
    pub fn reserve(&mut self, n: usize) {
        self.att.reserve(n);
    }

    /// Every event folded that is not attendance (the agenda's, notes, actions, roll
    /// calls), in fold order.
    pub fn other_events(&self) -> &[Event] {
        &self.others
    }

    /// The largest clock value folded so far.
    pub fn clock(&self) -> Hlc {
        self.clock
    }

    /// The last sequence number folded from `seat` (0 if none).
    pub fn last_seq(&self, seat: &str) -> u64 {
        self.seats.last_seq(seat)
    }

    /// Whether this event is already folded: `Some(true)` for the same event, `Some(false)`
    /// when another event holds its seat and sequence number (two machines on one seat
    /// name), `None` when it is new.
    pub fn holds(&self, e: &Event) -> Option<bool> {
        if self.seats.has(&e.seat, e.seq) {
            return Some(self.event_seat_seq(&e.id) == Some((e.seat.as_str(), e.seq)));
        }
        None
    }

    /// The seat and sequence number of a folded event, by its id.
    fn event_seat_seq(&self, id: &str) -> Option<(&str, u64)> {
        if let Some((seat, seq)) = self.att.seat_seq_of(id) {
            return Some((self.seats.name(seat), seq));
        }
        self.others
            .iter()
            .chain(&self.parked)
            .chain(&self.unknown)
            .chain(&self.lost_walk_ins)
            .find(|e| e.id == id)
            .map(|e| (e.seat.as_str(), e.seq))
            .or_else(|| {
                self.att
                    .undo_seat_seq(id)
                    .map(|(s, q)| (self.seats.name(s), q))
            })
    }

    /// The only mutator. Never fails. The same set of events gives the same meeting in
    /// any order; an event already folded (by seat and sequence number) changes nothing.
    pub fn apply(&mut self, e: &Event) {
        let seat = self.seats.intern(&e.seat);
        if !self.seats.insert(seat, e) {
            if self.holds(e) == Some(false) {
                self.seats.clash(seat, e.seq);
            }
            return;
        }
        self.events_applied += 1;
        self.clock = self.clock.max(e.hlc);
        match &e.kind {
            EventKind::Unknown(_) => {
                self.seats.unknown_type(seat, e);
                self.unknown.push(e.clone());
            }
            EventKind::WalkedIn(w) => self.walk_in(e, w),
            EventKind::Undone { target } => self.undo(e, seat, target),
            k if k.attendance_target().is_some() => self.attendance_change(e),
            _ => self.apply_other(e),
        }
        self.orphans = self.parked.len()
            + self.att.pending_undos()
            + self.facts.orphans
            + self.lost_walk_ins.len();
    }

    /// What a seat links to the next event it records about this (see [`Event::seen`] and
    /// [`Event::of`]): the newest change of the same person it has folded, and the event
    /// that created the walk-in, note or action the event is about.
    pub fn links(&self, kind: &EventKind) -> (Option<Hlc>, Option<String>) {
        if let Some(pid) = kind.attendance_target() {
            let Some(p) = self.person(pid) else {
                return (None, None);
            };
            let of = match kind {
                // A walk-in's own event creates them; it links to nothing.
                EventKind::WalkedIn(_) => None,
                _ => self.walk_in_origin(p),
            };
            return (self.att.newest_hlc(p), of);
        }
        let of = match kind {
            EventKind::NoteEdited { note, .. } | EventKind::NoteDeleted { note } => self
                .notes
                .iter()
                .find(|n| n.id == *note)
                .and_then(|n| n.origin.clone()),
            EventKind::ActionEdited { action, .. }
            | EventKind::ActionCompleted { action }
            | EventKind::ActionReopened { action }
            | EventKind::ActionDeleted { action } => self
                .actions
                .iter()
                .find(|a| a.id == *action)
                .and_then(|a| a.origin.clone()),
            _ => None,
        };
        (None, of)
    }

    /// Every seat heard from, by name: events, times, holes, clock, and the one venue of
    /// everyone it signed in.
    pub fn seat_summaries(&self) -> Vec<SeatSummary> {
        self.seats.summaries(self, true)
    }

    /// Events from a newer huiwu, in fold order.
    pub fn unknown_events(&self) -> Vec<&Event> {
        let mut v: Vec<&Event> = self.unknown.iter().collect();
        v.sort_by(|a, b| a.key().cmp(&b.key()));
        v
    }

    /// Where a venue's counts come from (see [`Meeting::venue_counts`]).
    pub fn counts_source(&self, v: usize) -> CountsSource {
        let venue = &self.agenda.venues[v];
        if venue.sign_in == SignInMode::Headcount {
            return match self.venues[v].roll_call {
                Some(_) => CountsSource::RollCall,
                None => CountsSource::Plan,
            };
        }
        let signed_in = self.venue_people[v]
            .iter()
            .any(|&i| self.attendance[i].status() != Status::NotArrived);
        match (signed_in, &self.venues[v].roll_call) {
            (true, _) => CountsSource::SignIn,
            (false, Some(_)) => CountsSource::RollCall,
            (false, None) => CountsSource::Plan,
        }
    }

    /// A copy with `kinds` folded in as this seat's next events at `now` (a preview of a
    /// command, without recording it).
    pub fn with_applied(&self, kinds: Vec<EventKind>, now: DateTime<Utc>) -> Meeting {
        let mut copy = self.clone();
        let mut hlc = self.clock;
        for (i, kind) in kinds.into_iter().enumerate() {
            hlc = hlc.tick(now);
            // A seat no journal can hold: its sequence numbers never clash.
            let mut e = Event::new(
                format!("preview-{i}"),
                now,
                "\u{0}preview",
                i as u64 + 1,
                kind,
            );
            e.hlc = hlc;
            copy.apply(&e);
        }
        copy
    }

    /// A walk-in whose adding was undone: in no count, on no sheet.
    pub fn is_withdrawn(&self, p: usize) -> bool {
        if p < self.people.roster_len() {
            return false;
        }
        self.att
            .chain(p)
            .into_iter()
            .map(|k| &self.att.records[k as usize])
            .find(|r| r.op == attendance::AttOp::WalkIn)
            .is_some_and(|r| r.undone)
    }

    /// From when a sign-in is late (迟到): the actual opening plus the agenda's grace;
    /// `None` before the meeting is opened.
    pub fn late_after(&self) -> Option<DateTime<Utc>> {
        self.started_at
            .map(|t| t + Duration::minutes(i64::from(self.agenda.meeting.late_grace_minutes)))
    }

    /// When a present person's arrival was entered after the fact (补签: a sign-in
    /// recorded with the time it happened), the time it was entered; `None` for an
    /// arrival recorded as it happened, and for someone not present.
    pub fn entered_later(&self, p: usize) -> Option<DateTime<Utc>> {
        use attendance::AttOp;
        // The arrival that stands, as the person's fold keeps it.
        let mut arrived = false;
        let mut later = None;
        for k in self.att.chain(p) {
            let r = &self.att.records[k as usize];
            if r.undone {
                continue;
            }
            match &r.op {
                AttOp::SignIn { effective_at, .. } if !arrived => {
                    arrived = true;
                    later = effective_at.map(|_| r.at);
                }
                AttOp::WalkIn if !arrived => arrived = true,
                AttOp::Correct(to) => match **to {
                    SetStatus::Present { .. } | SetStatus::LeftEarly => arrived = true,
                    _ => {
                        arrived = false;
                        later = None;
                    }
                },
                _ => {}
            }
        }
        later
    }

    /// Counts of one venue (by index). A roster venue counts its people's sign-ins; when
    /// nobody of it is signed in here but its roll call reported figures (its own seat is
    /// not connected), the reported figures. [`Meeting::counts_source`] says which.
    pub fn venue_counts(&self, v: usize) -> Counts {
        let venue = &self.agenda.venues[v];
        let reported = |r: &RollCall| Counts {
            expected: r.expected,
            present: r.present,
            excused: r.excused,
            absent: r.expected.saturating_sub(r.present + r.excused),
            ..Counts::default()
        };
        if venue.sign_in == SignInMode::Headcount {
            let expected = venue.expected.unwrap_or(0);
            return match &self.venues[v].roll_call {
                Some(r) => reported(r),
                None => Counts {
                    expected,
                    absent: expected,
                    ..Counts::default()
                },
            };
        }
        let mut c = Counts::default();
        let mut any_recorded = false;
        for &i in &self.venue_people[v] {
            if self.is_withdrawn(i) {
                continue;
            }
            let a = &self.attendance[i];
            let status = a.status();
            any_recorded |= status != Status::NotArrived;
            if self.people[i].role != Role::Member {
                if a.is_present() {
                    c.observers_present += 1;
                }
                continue;
            }
            c.expected += 1;
            match status {
                Status::NotArrived => c.absent += 1,
                Status::Excused => c.excused += 1,
                Status::Present => c.present += 1,
                Status::Late => {
                    c.present += 1;
                    c.late += 1;
                }
                Status::LeftEarly => {
                    c.present += 1;
                    c.left_early += 1;
                    if a.late {
                        c.late += 1;
                    }
                }
                Status::StandIn => {
                    c.present += 1;
                    c.stand_in += 1;
                }
            }
        }
        match &self.venues[v].roll_call {
            Some(r) if !any_recorded => reported(r),
            _ => c,
        }
    }

    pub fn total_counts(&self) -> Counts {
        let mut t = Counts::default();
        for v in 0..self.agenda.venues.len() {
            t.add(&self.venue_counts(v));
        }
        t
    }

    /// The item to run next: the first pending (or paused) leaf after the current item, or
    /// after the last one that ran when nothing runs, wrapping round to earlier ones that
    /// were passed over.
    pub fn next_leaf(&self) -> Option<&str> {
        let pos = self
            .current_item
            .as_ref()
            .or(self.last_item.as_ref())
            .and_then(|c| self.leaves.iter().position(|l| l == c));
        let start = pos.map_or(0, |p| p + 1);
        self.leaves[start..]
            .iter()
            .chain(self.leaves[..start].iter())
            .find(|l| {
                self.item_state(l)
                    .is_some_and(|s| matches!(s.status, ItemStatus::Pending | ItemStatus::Paused))
                    && Some(l.as_str()) != self.current_item.as_deref()
            })
            .map(String::as_str)
    }

    /// Planned minutes of an item (flat index).
    pub fn planned_minutes(&self, id: &str) -> i64 {
        self.agenda
            .flat_items()
            .into_iter()
            .find(|f| f.item.id == id)
            .map_or(0, |f| f.item.effective_minutes())
    }

    /// When the meeting would end if every remaining item took its planned time from now,
    /// and the current one its planned time from its own start. Delays so far carry over.
    pub fn projected_end(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        if let Some(end) = self.ended_at {
            return end;
        }
        if self.started_at.is_none() {
            // Not started: the plan, or later if, on the day, the start is already late.
            let planned = Duration::minutes(self.agenda.planned_minutes());
            let tz = *self.agenda.meeting.start.offset();
            let on_the_day = now.with_timezone(&tz).date_naive() == self.agenda.meeting.date;
            let start = if on_the_day {
                self.scheduled_start().max(now)
            } else {
                self.scheduled_start()
            };
            return self.scheduled_end().max(start + planned);
        }
        let mut remaining = Duration::zero();
        for leaf in &self.leaves {
            let Some(st) = self.item_state(leaf) else {
                continue;
            };
            let planned = Duration::minutes(self.planned_minutes(leaf));
            match st.status {
                ItemStatus::Pending => remaining += planned,
                ItemStatus::Running | ItemStatus::Paused => {
                    let left = planned - st.elapsed(now);
                    if left > Duration::zero() {
                        remaining += left;
                    }
                }
                ItemStatus::Ended | ItemStatus::Skipped => {}
            }
        }
        now + remaining
    }

    /// How far the projected end is past the scheduled end (negative: ahead of plan).
    pub fn schedule_delta(&self, now: DateTime<Utc>) -> Duration {
        self.projected_end(now) - self.scheduled_end_as_held()
    }

    /// The scheduled end, moved to the day the meeting started when it was held on another
    /// date (a rehearsal, a postponement): delays count against the planned time of day.
    pub fn scheduled_end_as_held(&self) -> DateTime<Utc> {
        let tz = *self.agenda.meeting.start.offset();
        match self.started_at {
            Some(s) => {
                let shift = s.with_timezone(&tz).date_naive() - self.agenda.meeting.date;
                self.scheduled_end() + Duration::days(shift.num_days())
            }
            None => self.scheduled_end(),
        }
    }

    /// The pace so far: actual over planned time of the items that have ended, plus the
    /// running one once it has overrun (so a long item counts before it ends). `None`
    /// until there is something to measure.
    pub fn pace(&self, now: DateTime<Utc>) -> Option<f64> {
        let (mut actual, mut planned) = (0i64, 0i64);
        for leaf in &self.leaves {
            let Some(st) = self.item_state(leaf) else {
                continue;
            };
            let plan = self.planned_minutes(leaf) * 60;
            if plan <= 0 {
                continue;
            }
            let used = st.elapsed(now).num_seconds();
            let counts = match st.status {
                ItemStatus::Ended => true,
                ItemStatus::Running | ItemStatus::Paused => used > plan,
                ItemStatus::Pending | ItemStatus::Skipped => false,
            };
            if counts {
                actual += used;
                planned += plan;
            }
        }
        (planned > 0).then(|| actual as f64 / planned as f64)
    }

    /// The end if the remaining items run at the pace so far (see [`Meeting::pace`]);
    /// the plan-based [`Meeting::projected_end`] until a pace is known.
    pub fn projected_end_at_pace(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let Some(pace) = self.pace(now) else {
            return self.projected_end(now);
        };
        if self.ended_at.is_some() {
            return self.projected_end(now);
        }
        let pace = pace.clamp(0.25, 4.0);
        let mut remaining_secs = 0f64;
        for leaf in &self.leaves {
            let Some(st) = self.item_state(leaf) else {
                continue;
            };
            let plan = (self.planned_minutes(leaf) * 60) as f64;
            match st.status {
                ItemStatus::Pending => remaining_secs += plan * pace,
                ItemStatus::Running | ItemStatus::Paused => {
                    let left = plan * pace - st.elapsed(now).num_seconds() as f64;
                    remaining_secs += left.max(0.0);
                }
                ItemStatus::Ended | ItemStatus::Skipped => {}
            }
        }
        now + Duration::seconds(remaining_secs.round() as i64)
    }

    /// Whether an item runs by itself (has no sub-items).
    pub fn is_leaf(&self, id: &str) -> bool {
        self.leaves.iter().any(|l| l == id)
    }

    /// The leaves an item stands for: itself, or its sub-items.
    pub fn leaves_of(&self, id: &str) -> Vec<String> {
        if self.is_leaf(id) {
            return vec![id.to_string()];
        }
        self.agenda
            .items
            .iter()
            .find(|it| it.id == id)
            .map(|it| it.items.iter().map(|s| s.id.clone()).collect())
            .unwrap_or_default()
    }

    /// Time spent on an item; for a parent, the sum over its sub-items.
    pub fn item_elapsed(&self, id: &str, now: DateTime<Utc>) -> Duration {
        self.leaves_of(id)
            .iter()
            .filter_map(|l| self.item_state(l))
            .fold(Duration::zero(), |acc, st| acc + st.elapsed(now))
    }

    /// Time over the planned minutes (zero if within them, or if none were planned).
    pub fn item_overrun(&self, id: &str, now: DateTime<Utc>) -> Duration {
        let planned = self.planned_minutes(id);
        if planned <= 0 {
            return Duration::zero();
        }
        (self.item_elapsed(id, now) - Duration::minutes(planned)).max(Duration::zero())
    }

    /// Who speaks to an item: its own speaker, or its parent's.
    pub fn speaker_of(&self, id: &str) -> Option<&PersonRef> {
        let agenda: &Agenda = &self.agenda;
        for it in &agenda.items {
            if it.id == id {
                return it.speaker.as_ref();
            }
            if let Some(sub) = it.items.iter().find(|s| s.id == id) {
                return sub.speaker.as_ref().or(it.speaker.as_ref());
            }
        }
        None
    }

    /// The item an action or note recorded now belongs to: the running item, or the one
    /// that ran last.
    pub fn item_in_focus(&self) -> Option<&str> {
        self.current_item.as_deref().or(self.last_item.as_deref())
    }

    /// Display title of an item, with its number: `4.2 加强组织领导`.
    pub fn item_label(&self, id: &str) -> String {
        self.agenda
            .flat_items()
            .into_iter()
            .find(|f| f.item.id == id)
            .map(|f| format!("{} {}", f.number, f.item.title))
            .unwrap_or_else(|| id.to_string())
    }

    pub fn scheduled_start(&self) -> DateTime<Utc> {
        self.agenda.meeting.start.with_timezone(&Utc)
    }

    pub fn scheduled_end(&self) -> DateTime<Utc> {
        self.agenda.meeting.end.with_timezone(&Utc)
    }

    /// The next action id not yet taken: `A1`, `A2`, …
    pub fn next_action_id(&self) -> String {
        let taken: HashSet<&str> = self.actions.iter().map(|a| a.id.as_str()).collect();
        (self.actions.len() + 1..)
            .map(|n| format!("A{n}"))
            .find(|id| !taken.contains(id.as_str()) && !self.retired_ids.contains(id))
            .expect("an unused id exists")
    }

    pub fn next_note_id(&self) -> String {
        let taken: HashSet<&str> = self.notes.iter().map(|n| n.id.as_str()).collect();
        (self.notes.len() + 1..)
            .map(|n| format!("N{n}"))
            .find(|id| !taken.contains(id.as_str()) && !self.retired_ids.contains(id))
            .expect("an unused id exists")
    }

    pub fn next_walkin_id(&self) -> String {
        (1..)
            .map(|n| format!("W{n}"))
            .find(|id| !self.index.contains_key(id.as_str()))
            .expect("an unused id exists")
    }

    /// Open actions first, by due date.
    pub fn open_actions(&self) -> impl Iterator<Item = &ActionItem> {
        self.actions
            .iter()
            .filter(|a| a.status == ActionStatus::Open)
    }

    /// Display name of an owner.
    pub fn owner_label(&self, o: &OwnerRef) -> String {
        match o {
            OwnerRef::Participant(id) => self
                .person(id)
                .map(|i| self.people[i].name.clone())
                .unwrap_or_else(|| id.clone()),
            OwnerRef::Venue(id) => self
                .venue(id)
                .map(|i| self.agenda.venues[i].name.clone())
                .unwrap_or_else(|| id.clone()),
            OwnerRef::Unit(s) | OwnerRef::Person(s) => s.clone(),
        }
    }

    /// Display name of a person reference.
    pub fn person_label(&self, r: &PersonRef) -> String {
        if let Some(id) = &r.participant {
            if let Some(i) = self.person(id) {
                return self.people[i].name.clone();
            }
            return id.clone();
        }
        r.name.clone().unwrap_or_default()
    }
}
