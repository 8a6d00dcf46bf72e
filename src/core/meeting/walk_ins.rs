//! Walk-ins in the fold: people added at a desk. They follow the roster in the fold's
//! order of their events, whatever order those arrived in, and two seats that gave two
//! walk-ins the same id (`W4`, offline) both keep theirs: the first in fold order is `W4`,
//! the next `W4-2`, and later changes reach the right one through `Event::of`.

use super::attendance::AttOp;
use super::{Attendance, Meeting};
use crate::core::agenda::Participant;
use crate::core::event::{Event, Hlc, WalkIn};

/// A walk-in's creating event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WalkInRec {
    pub(super) hlc: Hlc,
    pub(super) seat: String,
    pub(super) seq: u64,
    /// The `walked_in` event's id.
    pub(super) event: String,
    /// The id it was given (`W4`); the one it goes by may have a suffix.
    pub(super) base: String,
}

impl WalkInRec {
    fn key(&self) -> (Hlc, &str, u64) {
        (self.hlc, &self.seat, self.seq)
    }
}

impl Meeting {
    pub(super) fn walk_in(&mut self, e: &Event, w: &WalkIn) {
        let Some(v) = self.venue(&w.venue) else {
            self.lost_walk_ins.push(e.clone());
            return;
        };
        let rec = WalkInRec {
            hlc: e.hlc,
            seat: e.seat.clone(),
            seq: e.seq,
            event: e.id.clone(),
            base: w.participant.clone(),
        };
        let pos = self.walk_ins.partition_point(|r| r.key() < rec.key());
        let idx = self.people.roster_len() + pos;
        if pos < self.walk_ins.len() {
            self.make_room_for_person(idx);
        } else {
            self.att.push_person();
        }
        self.walk_ins.insert(pos, rec);
        self.people.insert_walk_in(
            pos,
            Participant {
                id: w.participant.clone(),
                name: w.name.clone(),
                unit: w.unit.clone(),
                title: w.title.clone(),
                category: String::new(),
                venue: w.venue.clone(),
                phone: None,
                role: w.role,
                extra: Default::default(),
            },
        );
        self.attendance.insert(idx, Attendance::default());
        let list = &mut self.venue_people[v];
        let at = list.partition_point(|&i| i < idx);
        list.insert(at, idx);
        self.name_walk_ins(&w.participant);
        self.add_record(idx, e, AttOp::WalkIn);
        // Changes that came before this walk-in's own event can be folded now.
        if !self.parked.is_empty() {
            for parked in std::mem::take(&mut self.parked) {
                self.attendance_change(&parked);
            }
        }
    }

    /// Everyone from index `idx` on moves up by one, for a walk-in placed before others.
    fn make_room_for_person(&mut self, idx: usize) {
        for i in self.index.values_mut() {
            if *i >= idx {
                *i += 1;
            }
        }
        for list in &mut self.venue_people {
            for i in list.iter_mut() {
                if *i >= idx {
                    *i += 1;
                }
            }
        }
        self.att.insert_person(idx);
    }

    /// Give the walk-ins created as `base` the ids they go by: `base` for the first in
    /// fold order (unless the roster has it), then `base-2`, `base-3`, ...
    fn name_walk_ins(&mut self, base: &str) {
        let roster = self.people.roster_len();
        let members: Vec<usize> = (0..self.walk_ins.len())
            .filter(|&w| self.walk_ins[w].base == base)
            .collect();
        let roster_has = self.index.get(base).is_some_and(|&i| i < roster);
        for &w in &members {
            let idx = roster + w;
            let old = self.people[idx].id.clone();
            if self.index.get(old.as_str()) == Some(&idx) {
                self.index.remove(old.as_str());
            }
        }
        for (n, &w) in members.iter().enumerate() {
            let idx = roster + w;
            let id = match n + usize::from(roster_has) {
                0 => base.to_string(),
                k => format!("{base}-{}", k + 1),
            };
            if let Some(p) = self.people.walk_in_mut(w) {
                p.id = id.clone();
            }
            self.index.insert(crate::core::people::IdKey::new(&id), idx);
        }
    }

    /// The walk-in a `walked_in` event created, by the event's id.
    pub(super) fn walk_in_by_event(&self, event_id: &str) -> Option<usize> {
        self.walk_ins
            .iter()
            .position(|r| r.event == event_id)
            .map(|w| self.people.roster_len() + w)
    }

    /// The event that created person `p`, if they are a walk-in: who they are, whatever
    /// index or id another seat's earlier walk-in moves them to.
    pub fn walk_in_origin(&self, p: usize) -> Option<String> {
        let w = p.checked_sub(self.people.roster_len())?;
        self.walk_ins.get(w).map(|r| r.event.clone())
    }

    /// Walk-in ids two seats both gave out: (the id, the seats, the ids they go by now).
    pub(super) fn walk_in_collisions(&self) -> Vec<(String, Vec<String>, Vec<String>)> {
        let roster = self.people.roster_len();
        let mut out: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
        for (w, r) in self.walk_ins.iter().enumerate() {
            let now_id = self.people[roster + w].id.clone();
            match out.iter_mut().find(|(b, _, _)| *b == r.base) {
                Some((_, seats, ids)) => {
                    seats.push(r.seat.clone());
                    ids.push(now_id);
                }
                None => out.push((r.base.clone(), vec![r.seat.clone()], vec![now_id])),
            }
        }
        out.retain(|(b, _, ids)| ids.len() > 1 || ids.first() != Some(b));
        out
    }
}

crate::core::snapshot::snap_struct!(WalkInRec {
    hlc,
    seat,
    seq,
    event,
    base
});
