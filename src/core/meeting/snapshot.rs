//! A folded meeting as snapshot bytes (see `core::snapshot`), and back. What the fold
//! keeps per event (the attendance log, the seats, the walk-ins, the events set aside)
//! is written as it is; the state of the agenda's side (timers, notes, actions, roll
//! calls, speeches) is not: it is folded again from the few events it comes from, the
//! way the fold itself does when one of them arrives out of order.

use std::sync::Arc;

use super::{Attendance, Meeting, StandIn};
use crate::core::agenda::{Agenda, Participant};
use crate::core::people::IdKey;
use crate::core::snapshot::{Dec, Enc, Snap, snap_struct};

snap_struct!(Attendance {
    arrived,
    late,
    left,
    excused,
    stand_in
});
snap_struct!(StandIn { name, unit, at });

impl Meeting {
    /// The meeting as snapshot bytes (its agenda is not in them: see [`Meeting::read_snapshot`]).
    pub fn write_snapshot(&self, e: &mut Enc) {
        // Every field named: one added to the meeting must be thought about here.
        let Meeting {
            agenda: _,
            people,
            attendance,
            index,
            venue_index: _,
            venue_people,
            venues: _,
            leaves: _,
            item_index: _,
            items: _,
            current_item: _,
            last_item: _,
            notes: _,
            actions: _,
            speeches: _,
            retired_ids: _,
            started_at: _,
            ended_at: _,
            att,
            walk_ins,
            parked,
            others,
            facts: _,
            lost_walk_ins,
            seats,
            unknown,
            orphans: _,
            events_applied,
            agenda_changed: _,
            clock,
        } = self;
        people.walk_ins().to_vec().put(e);
        attendance.put(e);
        self.index_changes(index).put(e);
        venue_people.put(e);
        att.put(e);
        walk_ins.put(e);
        parked.put(e);
        others.put(e);
        lost_walk_ins.put(e);
        seats.put(e);
        unknown.put(e);
        events_applied.put(e);
        clock.put(e);
    }

    /// The meeting of `agenda` that [`Meeting::write_snapshot`] wrote, or `None` if the
    /// bytes are not one (of this agenda's size).
    pub fn read_snapshot(agenda: Arc<Agenda>, d: &mut Dec<'_>) -> Option<Meeting> {
        let mut m = Meeting::new(agenda);
        let walk_ins: Vec<Participant> = Snap::get(d)?;
        for (w, p) in walk_ins.into_iter().enumerate() {
            m.people.insert_walk_in(w, p);
        }
        m.attendance = Snap::get(d)?;
        let changes: Vec<(String, Option<usize>)> = Snap::get(d)?;
        for (id, i) in changes {
            match i {
                Some(i) => m.index.insert(IdKey::new(&id), i),
                None => m.index.remove(id.as_str()),
            };
        }
        m.venue_people = Snap::get(d)?;
        m.att = Snap::get(d)?;
        m.walk_ins = Snap::get(d)?;
        m.parked = Snap::get(d)?;
        m.others = Snap::get(d)?;
        m.lost_walk_ins = Snap::get(d)?;
        m.seats = Snap::get(d)?;
        m.unknown = Snap::get(d)?;
        m.events_applied = Snap::get(d)?;
        m.clock = Snap::get(d)?;
        let people = m.people.len();
        let fits = m.attendance.len() == people
            && m.walk_ins.len() == m.people.walk_ins().len()
            && m.venue_people.len() == m.agenda.venues.len()
            && m.index.values().all(|&i| i < people)
            && m.venue_people.iter().flatten().all(|&i| i < people)
            && m.seats.fits()
            && m.att.fits(people, m.seats.count());
        if !fits {
            return None;
        }
        m.attendance.reserve(people / 32 + 64);
        m.att.reserve_people();
        // The agenda's side, folded again from its events, as the fold does.
        m.refold_others();
        m.orphans =
            m.parked.len() + m.att.pending_undos() + m.facts.orphans + m.lost_walk_ins.len();
        Some(m)
    }

    /// How the id index differs from the roster's own (walk-ins, and a roster id a
    /// walk-in's took over): each id with where it points now, `None` if nowhere.
    fn index_changes(
        &self,
        index: &foldhash::HashMap<IdKey, usize>,
    ) -> Vec<(String, Option<usize>)> {
        let roster = self.people.roster_len();
        let mut out: Vec<(String, Option<usize>)> = Vec::new();
        for (i, p) in self.agenda.participants.iter().enumerate() {
            let now = index.get(p.id.as_str()).copied();
            if now != Some(i) {
                out.push((p.id.clone(), now));
            }
        }
        for (k, &i) in index {
            if i >= roster {
                let id: &str = std::borrow::Borrow::borrow(k);
                out.push((id.to_string(), Some(i)));
            }
        }
        out
    }
}
