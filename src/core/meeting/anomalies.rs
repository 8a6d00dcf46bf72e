//! Finding the anomalies in a fold (the kinds are in `core::anomaly`), and the fold's
//! equality: two meetings are the same when everything folded is, whatever order the
//! events arrived in.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::Meeting;
use crate::core::anomaly::{Anomaly, CLOCK_TOLERANCE_SECS, IdKind, SeatAt};

impl Meeting {
    /// Everything a person should look at, in a fixed order (by kind, then as folded).
    /// `now` decides what counts as "from the future".
    pub fn anomalies(&self, now: DateTime<Utc>) -> Vec<Anomaly> {
        let mut out = Vec::new();
        self.people_anomalies(&mut out);
        if let Some(owner) = &self.facts.agenda_owner {
            for (seat, events, first_at) in &self.facts.foreign_agenda {
                out.push(Anomaly::AgendaFromSecondSeat {
                    owner: owner.clone(),
                    seat: seat.clone(),
                    events: *events,
                    first_at: *first_at,
                });
            }
        }
        for c in &self.facts.collisions {
            let kept = c.kept_by.clone().unwrap_or_default();
            out.push(Anomaly::IdGivenTwice {
                what: if c.action {
                    IdKind::Action
                } else {
                    IdKind::Note
                },
                id: c.id.clone(),
                seats: vec![kept, c.seat.clone()],
                now: vec![c.id.clone(), c.renamed.clone()],
            });
        }
        for (id, seats, now_ids) in self.walk_in_collisions() {
            out.push(Anomaly::IdGivenTwice {
                what: IdKind::WalkIn,
                id,
                seats,
                now: now_ids,
            });
        }
        for s in self.seats.summaries(self, false) {
            if s.clock_behind_ms / 1000 > CLOCK_TOLERANCE_SECS {
                out.push(Anomaly::ClockBehind {
                    seat: s.seat.clone(),
                    seconds: s.clock_behind_ms / 1000,
                });
            }
            if let Some(latest) = s.last_at {
                let ahead = (latest - now).num_seconds();
                if ahead > CLOCK_TOLERANCE_SECS {
                    out.push(Anomaly::ClockAhead {
                        seat: s.seat.clone(),
                        seconds: ahead,
                        latest_at: latest,
                    });
                }
            }
            if !s.holes.is_empty() {
                out.push(Anomaly::MissingEvents {
                    seat: s.seat.clone(),
                    missing: s.holes.clone(),
                });
            }
            if !s.newer_events.is_empty() {
                out.push(Anomaly::NewerEvents {
                    seat: s.seat.clone(),
                    types: s.newer_events.clone(),
                });
            }
        }
        let mut clashes = self.seats.clashes.clone();
        clashes.sort();
        for (seat, seq) in clashes {
            out.push(Anomaly::SeatClash { seat, seq });
        }
        if self.orphans > 0 {
            out.push(Anomaly::Orphans {
                events: self.orphans,
            });
        }
        out
    }

    /// Double sign-ins and concurrent changes, person by person.
    fn people_anomalies(&self, out: &mut Vec<Anomaly>) {
        // Only people whose changes may have crossed (marked as they were folded).
        let several: Vec<usize> = (0..self.attendance.len())
            .filter(|&p| self.att.suspect[p])
            .collect();
        for p in several {
            let chain: Vec<_> = self
                .att
                .chain(p)
                .into_iter()
                .filter(|&k| !self.att.records[k as usize].undone)
                .collect();
            let at = |k: u32| {
                let r = &self.att.records[k as usize];
                SeatAt {
                    seat: self.seats.name(r.seat).to_string(),
                    at: r.at,
                }
            };
            let person = &self.people[p];
            // A sign-in from another seat while the person was already in (counted once),
            // by a seat that had not seen them come in (a seat that had would have been
            // told "already signed in"); not one after a correction took the first back.
            let mut state = super::Attendance::default();
            let mut in_by: Option<u32> = None;
            let mut doubles: Vec<u32> = Vec::new();
            for &k in &chain {
                let r = &self.att.records[k as usize];
                if r.op.is_arrival()
                    && state.arrived.is_some()
                    && let Some(first) = in_by
                    && self.att.records[first as usize].seat != r.seat
                    && !self.had_seen(k, first)
                {
                    for x in [first, k] {
                        if !doubles.contains(&x) {
                            doubles.push(x);
                        }
                    }
                }
                super::attendance::step_attendance(&mut state, &r.op, r.at);
                match (state.arrived, in_by) {
                    (None, _) => in_by = None,
                    (Some(_), None) => in_by = Some(k),
                    (Some(_), Some(_)) => {}
                }
            }
            if !doubles.is_empty() {
                out.push(Anomaly::DoubleSignIn {
                    participant: person.id.clone(),
                    name: person.name.clone(),
                    sign_ins: doubles.iter().map(|&k| at(k)).collect(),
                });
            }
            // Two changes from two seats where the later had not seen the earlier (and
            // not both sign-ins: that is the case above).
            let mut concurrent: Vec<u32> = Vec::new();
            for (i, &b) in chain.iter().enumerate() {
                let rb = &self.att.records[b as usize];
                for &a in &chain[..i] {
                    let ra = &self.att.records[a as usize];
                    let unseen = !self.had_seen(b, a);
                    if ra.seat != rb.seat && unseen && !(ra.op.is_arrival() && rb.op.is_arrival()) {
                        for k in [a, b] {
                            if !concurrent.contains(&k) {
                                concurrent.push(k);
                            }
                        }
                    }
                }
            }
            if let Some(&last) = chain.last()
                && !concurrent.is_empty()
            {
                concurrent.sort_by_key(|&k| chain.iter().position(|&c| c == k));
                out.push(Anomaly::ConcurrentChanges {
                    participant: person.id.clone(),
                    name: person.name.clone(),
                    changes: concurrent.iter().map(|&k| at(k)).collect(),
                    decided_by: at(last).seat,
                });
            }
        }
    }

    /// Whether the seat of change `later` had seen change `earlier` when it decided.
    fn had_seen(&self, later: u32, earlier: u32) -> bool {
        let l = &self.att.records[later as usize];
        l.saw_all
            || self
                .att
                .seen(later)
                .is_some_and(|s| s >= self.att.records[earlier as usize].hlc)
    }

    /// Person `p`'s changes as the fold holds them, oldest first, by value.
    fn person_changes(&self, p: usize) -> Vec<(super::Hlc, &str, u64, bool, String)> {
        self.att
            .chain(p)
            .into_iter()
            .map(|k| {
                let r = &self.att.records[k as usize];
                (
                    r.hlc,
                    self.seats.name(r.seat),
                    r.seq,
                    r.undone,
                    format!("{:?}{:?}{:?}{}", r.op, r.at, self.att.seen(k), r.saw_all),
                )
            })
            .collect()
    }
}

impl PartialEq for Meeting {
    /// The same state, whatever order the events were folded in: the public state, and
    /// everything the fold keeps, compared in fold order.
    fn eq(&self, o: &Meeting) -> bool {
        let sorted_ids = |v: &[crate::core::event::Event]| {
            let mut ids: Vec<(String, u64, String)> = v
                .iter()
                .map(|e| (e.seat.clone(), e.seq, e.id.clone()))
                .collect();
            ids.sort();
            ids
        };
        let undos = |m: &Meeting| {
            let mut v: Vec<(String, u64, String, String)> = m
                .att
                .undos
                .iter()
                .map(|u| {
                    (
                        m.seats.name(u.seat).to_string(),
                        u.seq,
                        u.id.clone(),
                        u.target.clone(),
                    )
                })
                .collect();
            v.sort();
            v
        };
        (Arc::ptr_eq(&self.agenda, &o.agenda) || self.agenda == o.agenda)
            && self.people == o.people
            && self.attendance == o.attendance
            && self.venue_people == o.venue_people
            && self.venues == o.venues
            && self.leaves == o.leaves
            && self.items == o.items
            && self.current_item == o.current_item
            && self.last_item == o.last_item
            && self.notes == o.notes
            && self.speeches == o.speeches
            && self.actions == o.actions
            && self.retired_ids == o.retired_ids
            && self.started_at == o.started_at
            && self.ended_at == o.ended_at
            && self.orphans == o.orphans
            && self.events_applied == o.events_applied
            && self.agenda_changed == o.agenda_changed
            && self.clock == o.clock
            && self.facts == o.facts
            && sorted_ids(&self.lost_walk_ins) == sorted_ids(&o.lost_walk_ins)
            && self.walk_ins == o.walk_ins
            && self.seats.same_as(&o.seats)
            && self
                .others
                .iter()
                .map(|e| &e.id)
                .eq(o.others.iter().map(|e| &e.id))
            && sorted_ids(&self.parked) == sorted_ids(&o.parked)
            && sorted_ids(&self.unknown) == sorted_ids(&o.unknown)
            && self.att.pending_undos() == o.att.pending_undos()
            && undos(self) == undos(o)
            && (0..self.attendance.len()).all(|p| self.person_changes(p) == o.person_changes(p))
    }
}
