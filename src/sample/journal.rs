//! A generated record to go with a generated agenda: how a real meeting's journal looks,
//! for benchmarks and tests. Deterministic in its seed.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::Rng;
use crate::core::agenda::{Agenda, Item, OwnerRef, Role};
use crate::core::event::{ActionFields, Event, EventKind, LinkState, SetStatus, WalkIn};

/// The journal of a whole meeting: most people sign in before the start (some late, a few
/// leave early), a few are excused or send a stand-in, one walk-in per venue, every
/// venue's link is checked, every item runs with notes, a decision and actions. Three
/// seats (two desks and the chair) share the work, each with its own sequence.
pub fn journal(a: &Agenda, seed: u64) -> Vec<Event> {
    let mut j = Writer::new(a, seed);
    j.desk();
    j.agenda_items();
    j.out
}

/// A journal of exactly `n` events: the meeting's journal cut short (a meeting still at
/// the sign-in stage) or followed by the desk's corrections and undos until it is `n` long
/// (a long day with many changes).
pub fn journal_of_len(a: &Agenda, n: usize, seed: u64) -> Vec<Event> {
    let mut j = Writer::new(a, seed);
    j.desk();
    j.agenda_items();
    if j.out.len() < n && !a.participants.is_empty() {
        j.churn(n);
    }
    j.out.truncate(n);
    j.out
}

struct Writer<'a> {
    a: &'a Agenda,
    rng: Rng,
    out: Vec<Event>,
    /// Per seat: the next sequence number.
    seq: [u64; 3],
    t0: DateTime<Utc>,
    /// Ids of attendance events, for undos.
    attendance_ids: Vec<String>,
    /// Per person, the clock of their newest change: what a seat had seen before the next
    /// (the generated seats see each other's record as they go, as seats on one computer).
    last_change: std::collections::HashMap<String, crate::core::event::Hlc>,
}

const SEATS: [&str; 3] = ["desk-1", "desk-2", "chair"];

impl<'a> Writer<'a> {
    fn new(a: &'a Agenda, seed: u64) -> Writer<'a> {
        Writer {
            a,
            rng: Rng::new(seed ^ 0x006A_6F75_726E_616C),
            out: Vec::new(),
            seq: [1; 3],
            t0: a.meeting.start.with_timezone(&Utc) - Duration::minutes(40),
            attendance_ids: Vec::new(),
            last_change: Default::default(),
        }
    }

    fn push(&mut self, seat: usize, at: DateTime<Utc>, kind: EventKind) {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.rng.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.rng.next_u64().to_le_bytes());
        let id = uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string();
        let person = kind.attendance_target().map(str::to_string);
        if person.is_some() {
            self.attendance_ids.push(id.clone());
        }
        let mut e = Event::new(id, at, SEATS[seat], self.seq[seat], kind);
        if let Some(p) = person {
            e.seen = self.last_change.get(&p).copied();
            self.last_change.insert(p, e.hlc);
        }
        self.out.push(e);
        self.seq[seat] += 1;
    }

    /// The sign-in desk, from 40 minutes before the start.
    fn desk(&mut self) {
        let a = self.a;
        let n = a.participants.len().max(1) as i64;
        for (i, p) in a.participants.iter().enumerate() {
            let seat = i % 2;
            let at = self.t0 + Duration::milliseconds(i as i64 * 2_400_000 / n);
            let pid = p.id.clone();
            let kind = match self.rng.below(100) {
                0..=2 => EventKind::Excused {
                    participant: pid,
                    reason: "公务出差".into(),
                },
                3 => EventKind::StandIn {
                    participant: pid,
                    name: super::person_name(&mut self.rng),
                    unit: p.unit.clone(),
                },
                4..=7 => continue,
                8..=12 => EventKind::SignedIn {
                    participant: pid,
                    late: true,
                    effective_at: None,
                },
                13 => {
                    self.push(
                        seat,
                        at,
                        EventKind::SignedIn {
                            participant: pid.clone(),
                            late: false,
                            effective_at: None,
                        },
                    );
                    EventKind::LeftEarly { participant: pid }
                }
                _ => EventKind::SignedIn {
                    participant: pid,
                    late: false,
                    effective_at: None,
                },
            };
            self.push(seat, at, kind);
        }
        let start = self.t0 + Duration::minutes(38);
        for (v, venue) in a.venues.iter().enumerate() {
            self.push(
                v % 2,
                start,
                EventKind::LinkChecked {
                    venue: venue.id.clone(),
                    video: LinkState::Ok,
                    audio: if v % 17 == 5 {
                        LinkState::Failing
                    } else {
                        LinkState::Ok
                    },
                },
            );
            let name = super::person_name(&mut self.rng);
            self.push(
                v % 2,
                start,
                EventKind::WalkedIn(Box::new(WalkIn {
                    participant: format!("W{v:03}"),
                    name,
                    unit: "临时参会单位".into(),
                    title: String::new(),
                    venue: venue.id.clone(),
                    role: Role::Member,
                })),
            );
        }
    }

    /// The chair's part: every item runs, with notes, a decision and actions.
    fn agenda_items(&mut self) {
        let a = self.a;
        let mut t = a.meeting.start.with_timezone(&Utc);
        self.push(2, t, EventKind::MeetingStarted { effective_at: None });
        let leaves: Vec<&Item> = a
            .items
            .iter()
            .flat_map(|it| {
                if it.items.is_empty() {
                    vec![it]
                } else {
                    it.items.iter().collect()
                }
            })
            .collect();
        let due = NaiveDate::from_ymd_opt(2017, 6, 30);
        for (i, it) in leaves.iter().enumerate() {
            let item = it.id.clone();
            self.push(2, t, EventKind::ItemStarted { item: item.clone() });
            for k in 0..3i64 {
                self.push(
                    2,
                    t + Duration::minutes(k + 1),
                    EventKind::NoteRecorded {
                        note: format!("N{i}-{k}"),
                        item: Some(item.clone()),
                        text: format!("第{i}项议程的第{k}条记录：各单位要高度重视，狠抓落实。"),
                        decision: k == 2,
                    },
                );
                let owner = &a.venues[(i * 3 + k as usize) % a.venues.len().max(1)];
                self.push(
                    2,
                    t + Duration::minutes(k + 2),
                    EventKind::ActionAdded {
                        action: format!("A{i}-{k}"),
                        fields: Box::new(ActionFields {
                            text: Some(format!("落实第{i}项议程第{k}项任务")),
                            owners: Some(vec![OwnerRef::Venue(owner.id.clone())]),
                            due: Some(due),
                            due_text: Some(Some("6月底前".into())),
                            item: Some(Some(item.clone())),
                            assigned_by: None,
                        }),
                    },
                );
            }
            t += Duration::minutes(12 + i as i64);
            self.push(2, t, EventKind::ItemEnded { item });
        }
        self.push(2, t, EventKind::MeetingEnded { effective_at: None });
    }

    /// Corrections at the desks until the journal holds `n` events: late marks, status
    /// corrections, excuses and undos of earlier attendance events.
    fn churn(&mut self, n: usize) {
        let a = self.a;
        let mut t = self.t0 + Duration::minutes(200);
        while self.out.len() < n {
            t += Duration::milliseconds(300);
            let p = a.participants[self.rng.below(a.participants.len())]
                .id
                .clone();
            let seat = self.rng.below(2);
            let kind = match self.rng.below(10) {
                0..=3 => EventKind::SignedIn {
                    participant: p,
                    late: self.rng.percent(30),
                    effective_at: None,
                },
                4 => EventKind::Excused {
                    participant: p,
                    reason: "临时请假".into(),
                },
                5 => EventKind::LeftEarly { participant: p },
                6 => EventKind::StatusCorrected {
                    participant: p,
                    to: SetStatus::Present { late: false },
                },
                7 => EventKind::StatusCorrected {
                    participant: p,
                    to: SetStatus::NotArrived,
                },
                _ => {
                    let k = self.rng.below(self.attendance_ids.len().max(1));
                    match self.attendance_ids.get(k) {
                        Some(target) => EventKind::Undone {
                            target: target.clone(),
                        },
                        None => continue,
                    }
                }
            };
            self.push(seat, t, kind);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::meeting::Meeting;
    use std::sync::Arc;

    #[test]
    fn a_generated_journal_folds_without_orphans_and_has_the_asked_length() {
        let a = Arc::new(super::super::generate(3, 40, 1));
        for n in [10, 200, 2_000] {
            let evs = journal_of_len(&a, n, 5);
            assert_eq!(evs.len(), n);
            let m = Meeting::replay(a.clone(), &evs);
            assert_eq!(m.orphans, 0, "n = {n}");
        }
        let full = journal(&a, 5);
        let m = Meeting::replay(a.clone(), &full);
        assert!(m.ended_at.is_some());
        assert!(m.total_counts().present > 80, "{:?}", m.total_counts());
    }

    #[test]
    fn the_same_seed_gives_the_same_journal() {
        let a = super::super::generate(2, 30, 1);
        assert_eq!(journal_of_len(&a, 500, 9), journal_of_len(&a, 500, 9));
        assert_ne!(journal_of_len(&a, 500, 9), journal_of_len(&a, 500, 10));
    }
}
