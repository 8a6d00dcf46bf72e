//! Attendance in the fold: every change of a person kept per person in fold order, so
//! that an undo, or a change that arrives after later ones of the same person (another
//! seat's, merged late), refolds that one person and nobody else.

use chrono::{DateTime, Utc};
use foldhash::{HashMap, HashSet};

use super::{Attendance, Meeting, StandIn};
use crate::core::event::{Event, EventKind, Hlc, SetStatus};

/// No record.
pub(super) const NONE: u32 = u32::MAX;

/// One attendance event as it concerns its person, without the strings the person is
/// already known by. Kept small (the rare variants with text are boxed): a long journal
/// holds one per attendance event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum AttOp {
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
    pub(super) fn of(kind: &EventKind) -> Option<AttOp> {
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

    /// A sign-in (or a walk-in's arrival): what "signed in at two seats" is about.
    pub(super) fn is_arrival(&self) -> bool {
        matches!(self, AttOp::SignIn { .. } | AttOp::WalkIn)
    }
}

/// One attendance event as the fold keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct AttRecord {
    pub(super) person: u32,
    pub(super) seat: u32,
    pub(super) undone: bool,
    /// Its seat had seen every change before it (a line of format 1, written by the one
    /// writer of its time: its `seen` is its own clock).
    pub(super) saw_all: bool,
    /// The same person's previous record in fold order, or `NONE`.
    pub(super) prev: u32,
    pub(super) op: AttOp,
    pub(super) at: DateTime<Utc>,
    pub(super) hlc: Hlc,
    pub(super) seq: u64,
}

/// An undo as the fold keeps it (for the record of what was folded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UndoRec {
    pub(super) seat: u32,
    pub(super) seq: u64,
    pub(super) id: String,
    pub(super) target: String,
}

/// Every attendance change folded.
#[derive(Debug, Clone, Default)]
pub(super) struct AttLog {
    pub(super) records: Vec<AttRecord>,
    /// Index into `records` by event id: UUIDs (what huiwu writes) as numbers, so that
    /// replay does not allocate a string per event, and any other id as text.
    by_uuid: HashMap<u128, u32>,
    by_text: HashMap<String, u32>,
    /// Per person, their newest record in fold order (`NONE` if none).
    pub(super) last: Vec<u32>,
    /// `Event::seen` of the records that carried one, by record (in record order, so
    /// sorted): few records have one (changes of someone already changed), and a list
    /// costs less than a field in every record or a map.
    seen: Vec<(u32, Hlc)>,
    /// Per person: a change came from a seat that may not have seen the one before it (or
    /// arrived out of order). Only these can hold an anomaly; a filter for the search, not
    /// part of the state (it may differ with the order events arrived in).
    pub(super) suspect: Vec<bool>,
    /// Every event id an undo named, found or not (UUIDs as numbers, as in `by_uuid`).
    undone: HashSet<u128>,
    undone_text: HashSet<String>,
    /// Undos whose target has not been folded (yet).
    pending: usize,
    pub(super) undos: Vec<UndoRec>,
}

impl AttLog {
    pub(super) fn new(people: usize) -> AttLog {
        AttLog {
            last: super::per_person(people, NONE),
            suspect: super::per_person(people, false),
            ..AttLog::default()
        }
    }

    /// Whether a log read back from a snapshot is one of `people` people and `seats`
    /// seats (every index in range, so that nothing read from a file can make a lookup
    /// panic).
    pub(super) fn fits(&self, people: usize, seats: usize) -> bool {
        let n = self.records.len() as u32;
        self.last.len() == people
            && self.suspect.len() == people
            && self.last.iter().all(|&r| r == NONE || r < n)
            && self.records.iter().all(|r| {
                (r.person as usize) < people
                    && (r.seat as usize) < seats
                    && (r.prev == NONE || r.prev < n)
            })
            && self.undos.iter().all(|u| (u.seat as usize) < seats)
            && self.chains_are_lists()
            && self
                .by_uuid
                .values()
                .chain(self.by_text.values())
                .all(|&r| r < n)
    }

    /// Whether every person's chain of records ends, each record in one chain only (a
    /// loop read from a file would make every walk of it endless).
    fn chains_are_lists(&self) -> bool {
        let mut seen = vec![false; self.records.len()];
        for &last in &self.last {
            let mut k = last;
            while k != NONE {
                let Some(s) = seen.get_mut(k as usize) else {
                    return false;
                };
                if *s {
                    return false;
                }
                *s = true;
                k = self.records[k as usize].prev;
            }
        }
        true
    }

    /// Room for walk-ins in the per-person lists (as [`AttLog::new`] leaves).
    pub(super) fn reserve_people(&mut self) {
        let room = self.last.len() / 32 + 64;
        self.last.reserve(room);
        self.suspect.reserve(room);
    }

    pub(super) fn reserve(&mut self, n: usize) {
        self.records.reserve(n);
        self.by_uuid.reserve(n);
    }

    /// The record of an attendance event, by the event's id.
    pub(super) fn find(&self, event_id: &str) -> Option<u32> {
        match uuid_key(event_id) {
            Some(k) => self.by_uuid.get(&k).copied(),
            None => self.by_text.get(event_id).copied(),
        }
    }

    /// The id of a record (rare: an undo of "the last one"; a scan beats keeping a second
    /// copy of every id).
    fn id_of(&self, k: u32) -> Option<String> {
        if let Some((&id, _)) = self.by_uuid.iter().find(|&(_, &v)| v == k) {
            return Some(uuid::Uuid::from_u128(id).hyphenated().to_string());
        }
        self.by_text
            .iter()
            .find(|&(_, &v)| v == k)
            .map(|(id, _)| id.clone())
    }

    pub(super) fn seat_seq_of(&self, event_id: &str) -> Option<(u32, u64)> {
        self.find(event_id).map(|k| {
            let r = &self.records[k as usize];
            (r.seat, r.seq)
        })
    }

    pub(super) fn undo_seat_seq(&self, event_id: &str) -> Option<(u32, u64)> {
        self.undos
            .iter()
            .find(|u| u.id == event_id)
            .map(|u| (u.seat, u.seq))
    }

    pub(super) fn pending_undos(&self) -> usize {
        self.pending
    }

    /// The clock of the newest change of the person that record `k`'s seat had seen.
    pub(super) fn seen(&self, k: u32) -> Option<Hlc> {
        self.seen
            .binary_search_by_key(&k, |s| s.0)
            .ok()
            .map(|i| self.seen[i].1)
    }

    /// The newest change of person `p` folded, by clock.
    pub(super) fn newest_hlc(&self, p: usize) -> Option<Hlc> {
        let k = *self.last.get(p)?;
        (k != NONE).then(|| self.records[k as usize].hlc)
    }

    /// Person `p`'s records, oldest first.
    pub(super) fn chain(&self, p: usize) -> Vec<u32> {
        let mut chain = Vec::new();
        let mut k = self.last.get(p).copied().unwrap_or(NONE);
        while k != NONE {
            chain.push(k);
            k = self.records[k as usize].prev;
        }
        chain.reverse();
        chain
    }

    /// Room for a person inserted at index `at` (a walk-in placed among earlier ones):
    /// everyone from `at` on moves up by one.
    pub(super) fn insert_person(&mut self, at: usize) {
        for r in &mut self.records {
            if r.person as usize >= at {
                r.person += 1;
            }
        }
        self.last.insert(at, NONE);
        self.suspect.insert(at, false);
    }

    /// Room for a person added after everyone (a walk-in).
    pub(super) fn push_person(&mut self) {
        self.last.push(NONE);
        self.suspect.push(false);
    }
}

impl Meeting {
    /// Fold a change of someone's attendance (not a walk-in's creation, not an undo).
    pub(super) fn attendance_change(&mut self, e: &Event) {
        let Some(p) = self.person_of(e) else {
            // Not known (yet): kept, and folded when the person appears.
            self.parked.push(e.clone());
            return;
        };
        if let Some(op) = AttOp::of(&e.kind) {
            self.add_record(p, e, op);
        }
    }

    /// Whom an attendance event is about: the walk-in its `of` names, or the participant
    /// by id. `None` when that walk-in or participant is not known.
    fn person_of(&self, e: &Event) -> Option<usize> {
        if let Some(of) = &e.of {
            return self.walk_in_by_event(of);
        }
        self.person(e.kind.attendance_target()?)
    }

    /// Whether record `a` comes before record `b` in fold order.
    fn record_before(&self, a: u32, b: u32) -> bool {
        let (ra, rb) = (&self.att.records[a as usize], &self.att.records[b as usize]);
        (ra.hlc, self.seats.name(ra.seat), ra.seq) < (rb.hlc, self.seats.name(rb.seat), rb.seq)
    }

    /// Add a record of person `p` in its place in fold order.
    pub(super) fn add_record(&mut self, p: usize, e: &Event, op: AttOp) {
        let seat = self.seats.intern(&e.seat);
        let id = uuid_key(&e.id);
        let undone = match id {
            Some(k) => !self.att.undone.is_empty() && self.att.undone.contains(&k),
            None => !self.att.undone_text.is_empty() && self.att.undone_text.contains(&e.id),
        };
        if undone {
            self.att.pending -= 1;
        }
        let k = self.att.records.len() as u32;
        self.att.records.push(AttRecord {
            person: p as u32,
            seat,
            undone,
            saw_all: e.seen == Some(e.hlc),
            prev: NONE,
            op,
            at: e.at,
            hlc: e.hlc,
            seq: e.seq,
        });
        match id {
            Some(id) => self.att.by_uuid.insert(id, k),
            None => self.att.by_text.insert(e.id.clone(), k),
        };
        if let Some(seen) = e.seen
            && seen != e.hlc
        {
            self.att.seen.push((k, seen));
        }
        let newest = self.att.last[p];
        if newest == NONE || self.record_before(newest, k) {
            // In order (the common case): one step.
            let r = &self.att.records[k as usize];
            if newest != NONE
                && !r.saw_all
                && e.seen
                    .is_none_or(|s| s < self.att.records[newest as usize].hlc)
            {
                self.att.suspect[p] = true;
            }
            self.att.records[k as usize].prev = newest;
            self.att.last[p] = k;
            if !undone {
                let r = &self.att.records[k as usize];
                step_attendance(&mut self.attendance[p], &r.op, r.at);
            }
            return;
        }
        // Before some of this person's changes: link it in its place and refold them.
        self.att.suspect[p] = true;
        let mut after = newest;
        let mut cur = self.att.records[newest as usize].prev;
        while cur != NONE && !self.record_before(cur, k) {
            after = cur;
            cur = self.att.records[cur as usize].prev;
        }
        self.att.records[k as usize].prev = cur;
        self.att.records[after as usize].prev = k;
        self.attendance[p] = self.fold_person(p);
    }

    /// Fold an undo: the target's person as if it had not happened. The target may come
    /// later (another seat's journal merged after this one's).
    pub(super) fn undo(&mut self, e: &Event, seat: u32, target: &str) {
        self.att.undos.push(UndoRec {
            seat,
            seq: e.seq,
            id: e.id.clone(),
            target: target.to_string(),
        });
        let first = match uuid_key(target) {
            Some(k) => self.att.undone.insert(k),
            None => self.att.undone_text.insert(target.to_string()),
        };
        if !first {
            // Undone already, by another seat's undo.
            return;
        }
        match self.att.find(target) {
            Some(k) => {
                let r = &mut self.att.records[k as usize];
                r.undone = true;
                let p = r.person as usize;
                self.attendance[p] = self.fold_person(p);
            }
            None => self.att.pending += 1,
        }
    }

    /// Recompute one person's attendance from their changes, leaving out undone ones.
    pub(super) fn fold_person(&self, p: usize) -> Attendance {
        let mut a = Attendance::default();
        for k in self.att.chain(p) {
            let r = &self.att.records[k as usize];
            if !r.undone {
                step_attendance(&mut a, &r.op, r.at);
            }
        }
        a
    }

    pub fn is_undone(&self, event_id: &str) -> bool {
        self.att
            .find(event_id)
            .is_some_and(|k| self.att.records[k as usize].undone)
    }

    /// The newest attendance event of `seat` that is still in effect.
    pub fn last_attendance_event_of(&self, seat: &str) -> Option<String> {
        let s = self.seats.find(seat)?;
        let mut best: Option<u32> = None;
        for (k, r) in self.att.records.iter().enumerate() {
            if r.seat == s && !r.undone && best.is_none_or(|b| self.record_before(b, k as u32)) {
                best = Some(k as u32);
            }
        }
        self.att.id_of(best?)
    }

    /// The person an attendance event concerned.
    pub fn attendance_event_person(&self, event_id: &str) -> Option<usize> {
        self.att
            .find(event_id)
            .map(|k| self.att.records[k as usize].person as usize)
    }
}

/// An event id as a number when it is a UUID written the way huiwu writes them (lowercase,
/// hyphenated), so that it formats back to the same text.
fn uuid_key(id: &str) -> Option<u128> {
    if id.len() != 36 || id.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    uuid::Uuid::try_parse(id).ok().map(|u| u.as_u128())
}

/// One attendance event's effect on one person.
pub(super) fn step_attendance(a: &mut Attendance, op: &AttOp, at: DateTime<Utc>) {
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

// The snapshot's form of the log (see `core::snapshot`).
impl crate::core::snapshot::Snap for AttOp {
    fn put(&self, e: &mut crate::core::snapshot::Enc) {
        use crate::core::snapshot::put_json;
        match self {
            AttOp::SignIn { late, effective_at } => {
                0u8.put(e);
                late.put(e);
                effective_at.put(e);
            }
            AttOp::WalkIn => 1u8.put(e),
            AttOp::Excuse(r) => {
                2u8.put(e);
                r.put(e);
            }
            AttOp::StandIn(b) => {
                3u8.put(e);
                b.put(e);
            }
            AttOp::LeaveEarly => 4u8.put(e),
            AttOp::Correct(to) => {
                5u8.put(e);
                put_json(to, e);
            }
        }
    }
    fn get(d: &mut crate::core::snapshot::Dec<'_>) -> Option<Self> {
        use crate::core::snapshot::{Snap, get_json};
        Some(match u8::get(d)? {
            0 => AttOp::SignIn {
                late: Snap::get(d)?,
                effective_at: Snap::get(d)?,
            },
            1 => AttOp::WalkIn,
            2 => AttOp::Excuse(Snap::get(d)?),
            3 => AttOp::StandIn(Snap::get(d)?),
            4 => AttOp::LeaveEarly,
            5 => AttOp::Correct(Box::new(get_json(d)?)),
            _ => return None,
        })
    }
}
crate::core::snapshot::snap_struct!(AttRecord {
    person,
    seat,
    undone,
    saw_all,
    prev,
    op,
    at,
    hlc,
    seq
});
crate::core::snapshot::snap_struct!(UndoRec {
    seat,
    seq,
    id,
    target
});
crate::core::snapshot::snap_struct!(AttLog {
    records,
    by_uuid,
    by_text,
    last,
    seen,
    suspect,
    undone,
    undone_text,
    pending,
    undos,
});
