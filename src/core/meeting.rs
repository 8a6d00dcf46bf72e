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

/// The live meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub agenda: Arc<Agenda>,
    /// Agenda participants followed by walk-ins.
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
    /// Ids of deleted notes and actions: never given out again, so that an event naming
    /// one cannot be mistaken for a newer item.
    retired_ids: HashSet<String>,
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Every attendance event applied, in order, so that an undo can refold one person.
    /// Kept compact: replaying 100,000 events must stay fast.
    att_events: Vec<AttRecord>,
    /// Index into `att_events` by event id: UUIDs (what huiwu writes) as numbers, so that
    /// replay does not allocate a string per event, and any other id as text.
    att_by_uuid: HashMap<u128, u32>,
    att_by_text: HashMap<String, u32>,
    /// Per person, their newest record in `att_events` (`NONE` if none); each record links
    /// to the person's previous one.
    last_att: Vec<u32>,
    /// Seat names, interned for `att_events`.
    seats: Vec<String>,
    /// Events that named something the agenda does not have.
    pub orphans: usize,
    pub events_applied: usize,
    /// Last sequence number seen per seat.
    pub seat_seq: HashMap<String, u64>,
    pub agenda_changed: bool,
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
        let actions = agenda
            .actions
            .iter()
            .map(|a| ActionItem {
                id: a.id.clone(),
                text: a.text.clone(),
                owners: a.owners.clone(),
                // A planned task said as `6月底前` without an ISO `due` gets the date the
                // phrase gives (`尽快` stays without one).
                due: a.due.or_else(|| {
                    let ctx = crate::core::due::Context::for_meeting(&agenda.meeting);
                    crate::core::due::resolve_in(a.due_text.as_deref()?, &ctx)
                        .ok()?
                        .date
                }),
                due_text: a.due_text.clone(),
                item: a.item.clone(),
                assigned_by: a.assigned_by.clone(),
                status: ActionStatus::Open,
                added_at: None,
                done_at: None,
            })
            .collect();
        Meeting {
            index: people
                .iter()
                .enumerate()
                .map(|(i, p)| (IdKey::new(&p.id), i))
                .collect(),
            attendance: vec![Attendance::default(); people.len()],
            last_att: vec![NONE; people.len()],
            people,
            venue_people,
            venues: vec![
                VenueState {
                    roll_call: None,
                    video: LinkState::Unknown,
                    audio: LinkState::Unknown,
                    link_checked_at: None,
                };
                agenda.venues.len()
            ],
            venue_index,
            items: vec![ItemState::new(); flat.len()],
            item_index,
            leaves,
            current_item: None,
            last_item: None,
            notes: Vec::new(),
            retired_ids: HashSet::default(),
            actions,
            started_at: None,
            ended_at: None,
            att_events: Vec::new(),
            att_by_uuid: HashMap::default(),
            att_by_text: HashMap::default(),
            seats: Vec::new(),
            orphans: 0,
            events_applied: 0,
            seat_seq: HashMap::default(),
            agenda_changed: false,
            agenda,
        }
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

    /// Apply events in order (a batch of a journal being read).
    pub fn apply_all(&mut self, events: &[Event]) {
        self.reserve(events.len());
        for e in events {
            self.apply(e);
        }
    }

    /// Room for `n` more events, most of them attendance (a replay knows its length).
    pub fn reserve(&mut self, n: usize) {
        self.att_events.reserve(n);
        self.att_by_uuid.reserve(n);
    }

    /// The record of an attendance event, by the event's id.
    fn att_index(&self, event_id: &str) -> Option<u32> {
        match uuid_key(event_id) {
            Some(k) => self.att_by_uuid.get(&k).copied(),
            None => self.att_by_text.get(event_id).copied(),
        }
    }

    pub fn is_undone(&self, event_id: &str) -> bool {
        self.att_index(event_id)
            .is_some_and(|k| self.att_events[k as usize].undone)
    }

    /// The newest attendance event of `seat` that is still in effect.
    pub fn last_attendance_event_of(&self, seat: &str) -> Option<String> {
        let s = self.seats.iter().position(|x| x == seat)? as u32;
        let k = self
            .att_events
            .iter()
            .rposition(|r| r.seat == s && !r.undone)? as u32;
        // Rare (an undo), so a scan beats keeping a second copy of every id.
        if let Some((&id, _)) = self.att_by_uuid.iter().find(|&(_, &v)| v == k) {
            return Some(uuid::Uuid::from_u128(id).hyphenated().to_string());
        }
        self.att_by_text
            .iter()
            .find(|&(_, &v)| v == k)
            .map(|(id, _)| id.clone())
    }

    /// The person an attendance event concerned.
    pub fn attendance_event_person(&self, event_id: &str) -> Option<usize> {
        self.att_index(event_id)
            .map(|k| self.att_events[k as usize].person as usize)
    }

    /// The only mutator. Never fails.
    pub fn apply(&mut self, e: &Event) {
        self.events_applied += 1;
        match self.seat_seq.get_mut(&e.seat) {
            Some(seq) => *seq = (*seq).max(e.seq),
            None => {
                self.seat_seq.insert(e.seat.clone(), e.seq);
            }
        }
        match &e.kind {
            EventKind::MeetingStarted { effective_at } => match effective_at {
                // A time given by hand (entered later, or a correction) is the opening.
                Some(t) => self.started_at = Some(*t),
                None => {
                    self.started_at.get_or_insert(e.at);
                }
            },
            EventKind::MeetingEnded { effective_at } => {
                let at = effective_at.unwrap_or(e.at);
                if let Some(cur) = self.current_item.take()
                    && let Some(i) = self.item(&cur)
                {
                    let st = &mut self.items[i];
                    st.close_segment(at);
                    st.status = ItemStatus::Ended;
                    st.last_end = Some(at);
                }
                // Every timer stops: an item left paused is over too.
                for st in &mut self.items {
                    if st.status == ItemStatus::Paused {
                        st.close_segment(at);
                        st.status = ItemStatus::Ended;
                    }
                }
                self.ended_at = Some(at);
            }
            EventKind::MeetingReopened => self.ended_at = None,
            EventKind::MeetingStartUndone => self.started_at = None,
            EventKind::HeadcountRecorded {
                note,
                expected,
                present,
            } => match self.notes.iter_mut().find(|n| n.id == *note) {
                Some(n) => {
                    n.headcount = Some(Headcount {
                        expected: *expected,
                        present: *present,
                    })
                }
                None => self.orphans += 1,
            },
            EventKind::WalkedIn(w) => {
                if self.index.contains_key(w.participant.as_str()) {
                    // Already known (a replayed walk-in merged twice): sign in only.
                } else if let Some(&v) = self.venue_index.get(&w.venue) {
                    let idx = self.people.push(Participant {
                        id: w.participant.clone(),
                        name: w.name.clone(),
                        unit: w.unit.clone(),
                        title: w.title.clone(),
                        category: String::new(),
                        venue: w.venue.clone(),
                        phone: None,
                        role: w.role,
                        extra: Default::default(),
                    });
                    self.attendance.push(Attendance::default());
                    self.last_att.push(NONE);
                    self.index.insert(IdKey::new(&w.participant), idx);
                    self.venue_people[v].push(idx);
                } else {
                    self.orphans += 1;
                    return;
                }
                self.attendance_change(e);
            }
            EventKind::SignedIn { .. }
            | EventKind::Excused { .. }
            | EventKind::StandIn { .. }
            | EventKind::LeftEarly { .. }
            | EventKind::StatusCorrected { .. } => self.attendance_change(e),
            EventKind::Undone { target } => {
                if let Some(k) = self.att_index(target) {
                    let rec = &mut self.att_events[k as usize];
                    rec.undone = true;
                    let p = rec.person as usize;
                    self.attendance[p] = self.fold_person(p);
                } else {
                    self.orphans += 1;
                }
            }
            EventKind::RollCallAnswered {
                venue,
                expected,
                present,
                excused,
                absent,
                note,
            } => match self.venue(venue) {
                Some(v) => {
                    self.venues[v].roll_call = Some(RollCall {
                        expected: *expected,
                        present: *present,
                        excused: *excused,
                        absent: *absent,
                        note: note.clone(),
                        at: e.at,
                    })
                }
                None => self.orphans += 1,
            },
            EventKind::LinkChecked {
                venue,
                video,
                audio,
            } => match self.venue(venue) {
                Some(v) => {
                    let s = &mut self.venues[v];
                    s.video = *video;
                    s.audio = *audio;
                    s.link_checked_at = Some(e.at);
                }
                None => self.orphans += 1,
            },
            EventKind::ItemStarted { item } | EventKind::ItemResumed { item } => {
                let Some(i) = self.item(item) else {
                    self.orphans += 1;
                    return;
                };
                // Only one item runs at a time: starting one pauses a running other.
                if let Some(cur) = self.current_item.clone()
                    && cur != *item
                    && let Some(c) = self.item(&cur)
                {
                    let st = &mut self.items[c];
                    if st.status == ItemStatus::Running {
                        st.close_segment(e.at);
                        st.status = ItemStatus::Paused;
                    }
                }
                self.started_at.get_or_insert(e.at);
                let st = &mut self.items[i];
                st.first_start.get_or_insert(e.at);
                if st.running_since.is_none() {
                    st.running_since = Some(e.at);
                }
                st.status = ItemStatus::Running;
                self.current_item = Some(item.clone());
                self.last_item = Some(item.clone());
            }
            EventKind::ItemPaused { item } => {
                let Some(i) = self.item(item) else {
                    self.orphans += 1;
                    return;
                };
                let st = &mut self.items[i];
                st.close_segment(e.at);
                if st.status == ItemStatus::Running {
                    st.status = ItemStatus::Paused;
                }
            }
            EventKind::ItemEnded { item } => {
                let Some(i) = self.item(item) else {
                    self.orphans += 1;
                    return;
                };
                let st = &mut self.items[i];
                st.close_segment(e.at);
                st.status = ItemStatus::Ended;
                st.last_end = Some(e.at);
                if self.current_item.as_deref() == Some(item) {
                    self.current_item = None;
                }
            }
            EventKind::ItemSkipped { item } => {
                let Some(i) = self.item(item) else {
                    self.orphans += 1;
                    return;
                };
                let st = &mut self.items[i];
                st.close_segment(e.at);
                st.status = ItemStatus::Skipped;
                if self.current_item.as_deref() == Some(item) {
                    self.current_item = None;
                }
            }
            EventKind::NoteRecorded {
                note,
                item,
                text,
                decision,
            } => {
                if self.notes.iter().any(|n| n.id == *note) || self.retired_ids.contains(note) {
                    self.orphans += 1;
                } else {
                    self.notes.push(Note {
                        id: note.clone(),
                        item: item.clone(),
                        text: text.clone(),
                        decision: *decision,
                        at: e.at,
                        edited_at: None,
                        seat: e.seat.clone(),
                        headcount: None,
                    });
                }
            }
            EventKind::NoteEdited {
                note,
                text,
                decision,
            } => match self.notes.iter_mut().find(|n| n.id == *note) {
                Some(n) => {
                    n.text = text.clone();
                    n.decision = *decision;
                    n.edited_at = Some(e.at);
                }
                None => self.orphans += 1,
            },
            EventKind::NoteDeleted { note } => {
                match self.notes.iter().position(|n| n.id == *note) {
                    Some(i) => {
                        self.notes.remove(i);
                        self.retired_ids.insert(note.clone());
                    }
                    None => self.orphans += 1,
                }
            }
            EventKind::ActionDeleted { action } => {
                match self.actions.iter().position(|a| a.id == *action) {
                    Some(i) => {
                        self.actions.remove(i);
                        self.retired_ids.insert(action.clone());
                    }
                    None => self.orphans += 1,
                }
            }
            EventKind::ActionAdded { action, fields } => {
                if self.actions.iter().any(|a| a.id == *action) || self.retired_ids.contains(action)
                {
                    self.orphans += 1;
                    return;
                }
                let mut a = ActionItem {
                    id: action.clone(),
                    text: String::new(),
                    owners: Vec::new(),
                    due: None,
                    due_text: None,
                    item: None,
                    assigned_by: None,
                    status: ActionStatus::Open,
                    added_at: Some(e.at),
                    done_at: None,
                };
                a.apply_fields(fields);
                self.actions.push(a);
            }
            EventKind::ActionEdited { action, fields } => {
                match self.actions.iter_mut().find(|a| a.id == *action) {
                    Some(a) => a.apply_fields(fields),
                    None => self.orphans += 1,
                }
            }
            EventKind::ActionCompleted { action } => {
                match self.actions.iter_mut().find(|a| a.id == *action) {
                    Some(a) => {
                        a.status = ActionStatus::Done;
                        a.done_at = Some(e.at);
                    }
                    None => self.orphans += 1,
                }
            }
            EventKind::ActionReopened { action } => {
                match self.actions.iter_mut().find(|a| a.id == *action) {
                    Some(a) => {
                        a.status = ActionStatus::Open;
                        a.done_at = None;
                    }
                    None => self.orphans += 1,
                }
            }
            EventKind::AgendaChanged { .. } => self.agenda_changed = true,
        }
    }

    fn attendance_change(&mut self, e: &Event) {
        let Some(pid) = e.kind.attendance_target() else {
            return;
        };
        let Some(p) = self.person(pid) else {
            self.orphans += 1;
            return;
        };
        let Some(op) = AttOp::of(&e.kind) else {
            return;
        };
        let seat = match self.seats.iter().rposition(|s| *s == e.seat) {
            Some(i) => i as u32,
            None => {
                self.seats.push(e.seat.clone());
                (self.seats.len() - 1) as u32
            }
        };
        let k = self.att_events.len() as u32;
        step_attendance(&mut self.attendance[p], &op, e.at);
        self.att_events.push(AttRecord {
            person: p as u32,
            seat,
            undone: false,
            prev: self.last_att[p],
            op,
            at: e.at,
        });
        self.last_att[p] = k;
        match uuid_key(&e.id) {
            Some(id) => self.att_by_uuid.insert(id, k),
            None => self.att_by_text.insert(e.id.clone(), k),
        };
    }

    /// A walk-in whose adding was undone: in no count, on no sheet.
    pub fn is_withdrawn(&self, p: usize) -> bool {
        if p < self.agenda.participants.len() {
            return false;
        }
        let mut k = self.last_att.get(p).copied().unwrap_or(NONE);
        while k != NONE {
            let r = &self.att_events[k as usize];
            if r.op == AttOp::WalkIn {
                return r.undone;
            }
            k = r.prev;
        }
        false
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
        let mut chain = Vec::new();
        let mut k = self.last_att.get(p).copied().unwrap_or(NONE);
        while k != NONE {
            chain.push(k);
            k = self.att_events[k as usize].prev;
        }
        // The arrival that stands, as `step_attendance` keeps it.
        let mut arrived = false;
        let mut later = None;
        for &k in chain.iter().rev() {
            let r = &self.att_events[k as usize];
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

    /// Recompute one person's attendance from their events, leaving out undone ones.
    fn fold_person(&self, p: usize) -> Attendance {
        let mut chain = Vec::new();
        let mut k = self.last_att[p];
        while k != NONE {
            chain.push(k);
            k = self.att_events[k as usize].prev;
        }
        let mut a = Attendance::default();
        for &k in chain.iter().rev() {
            let r = &self.att_events[k as usize];
            if !r.undone {
                step_attendance(&mut a, &r.op, r.at);
            }
        }
        a
    }

    /// Counts of one venue (by index).
    pub fn venue_counts(&self, v: usize) -> Counts {
        let venue = &self.agenda.venues[v];
        if venue.sign_in == SignInMode::Headcount {
            let expected = venue.expected.unwrap_or(0);
            return match &self.venues[v].roll_call {
                Some(r) => Counts {
                    expected: r.expected,
                    present: r.present,
                    excused: r.excused,
                    absent: r.expected.saturating_sub(r.present + r.excused),
                    ..Counts::default()
                },
                None => Counts {
                    expected,
                    absent: expected,
                    ..Counts::default()
                },
            };
        }
        let mut c = Counts::default();
        for &i in &self.venue_people[v] {
            if self.is_withdrawn(i) {
                continue;
            }
            let a = &self.attendance[i];
            if self.people[i].role != Role::Member {
                if a.is_present() {
                    c.observers_present += 1;
                }
                continue;
            }
            c.expected += 1;
            match a.status() {
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
        c
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

/// One attendance event as it concerns its person, without the strings the person is
/// already known by. Kept small (the rare variants with text are boxed): a long journal
/// holds one per attendance event.
#[derive(Debug, Clone, PartialEq, Eq)]
enum AttOp {
    SignIn {
        late: bool,
        effective_at: Option<DateTime<Utc>>,
    },
    WalkIn,
    Excuse(Box<str>),
    StandIn(Box<(String, String)>),
    LeaveEarly,
    Correct(Box<SetStatus>),
}

impl AttOp {
    fn of(kind: &EventKind) -> Option<AttOp> {
        Some(match kind {
            EventKind::SignedIn {
                late, effective_at, ..
            } => AttOp::SignIn {
                late: *late,
                effective_at: *effective_at,
            },
            EventKind::WalkedIn(_) => AttOp::WalkIn,
            EventKind::Excused { reason, .. } => AttOp::Excuse(reason.as_str().into()),
            EventKind::StandIn { name, unit, .. } => {
                AttOp::StandIn(Box::new((name.clone(), unit.clone())))
            }
            EventKind::LeftEarly { .. } => AttOp::LeaveEarly,
            EventKind::StatusCorrected { to, .. } => AttOp::Correct(Box::new(to.clone())),
            _ => return None,
        })
    }
}

/// One attendance event as the fold keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AttRecord {
    person: u32,
    seat: u32,
    undone: bool,
    /// The same person's previous record, or `NONE`.
    prev: u32,
    op: AttOp,
    at: DateTime<Utc>,
}

/// No record.
const NONE: u32 = u32::MAX;

/// An event id as a number when it is a UUID written the way huiwu writes them (lowercase,
/// hyphenated), so that it formats back to the same text.
fn uuid_key(id: &str) -> Option<u128> {
    if id.len() != 36 || id.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    uuid::Uuid::try_parse(id).ok().map(|u| u.as_u128())
}

/// One attendance event's effect on one person.
fn step_attendance(a: &mut Attendance, op: &AttOp, at: DateTime<Utc>) {
    match op {
        AttOp::SignIn { late, effective_at } => {
            if a.arrived.is_none() {
                a.arrived = Some(effective_at.unwrap_or(at));
                a.late = *late;
                a.left = None;
            } else if *late {
                a.late = true;
            }
        }
        AttOp::WalkIn if a.arrived.is_none() => a.arrived = Some(at),
        AttOp::WalkIn => {}
        AttOp::Excuse(reason) => a.excused = Some(reason.to_string()),
        AttOp::StandIn(who) => {
            let (name, unit) = &**who;
            a.stand_in = Some(StandIn {
                name: name.clone(),
                unit: unit.clone(),
                at,
            });
            a.excused.get_or_insert_with(String::new);
        }
        AttOp::LeaveEarly => {
            if a.arrived.is_some() {
                a.left = Some(at);
            }
        }
        AttOp::Correct(to) => {
            let arrived = a.arrived;
            *a = Attendance::default();
            match &**to {
                SetStatus::NotArrived => {}
                SetStatus::Present { late } => {
                    a.arrived = Some(arrived.unwrap_or(at));
                    a.late = *late;
                }
                SetStatus::Excused { reason } => a.excused = Some(reason.clone()),
                SetStatus::StandIn { name, unit } => {
                    a.stand_in = Some(StandIn {
                        name: name.clone(),
                        unit: unit.clone(),
                        at,
                    });
                    a.excused = Some(String::new());
                }
                SetStatus::LeftEarly => {
                    a.arrived = Some(arrived.unwrap_or(at));
                    a.left = Some(at);
                }
            }
        }
    }
}
