//! Stamping events: the one place where an event gets its id, time, seat, sequence number,
//! clock and links. The session and the test harnesses stamp through this, so that what a
//! test folds is what a seat writes.

use chrono::{DateTime, Utc};

use super::event::{Event, EventKind};
use super::meeting::Meeting;

/// A seat about to record: its name and its next sequence number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamper {
    seat: String,
    next_seq: u64,
}

impl Stamper {
    /// A seat that continues where the meeting's record of it ends.
    pub fn for_meeting(seat: impl Into<String>, m: &Meeting) -> Stamper {
        let seat = seat.into();
        let next_seq = m.last_seq(&seat) + 1;
        Stamper { seat, next_seq }
    }

    pub fn seat(&self) -> &str {
        &self.seat
    }

    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// The events for `kinds`, recorded now: numbered from the next sequence number, each
    /// clock past everything the meeting has folded (and past the one before), linked to
    /// what they are about. Nothing changes until [`Stamper::commit`]: a write that
    /// fails gives its numbers out again.
    pub fn stamp(
        &self,
        m: &Meeting,
        kinds: Vec<EventKind>,
        now: DateTime<Utc>,
        mut new_id: impl FnMut() -> String,
    ) -> Vec<Event> {
        let mut clock = m.clock();
        kinds
            .into_iter()
            .enumerate()
            .map(|(i, kind)| {
                clock = clock.tick(now);
                let (seen, of) = m.links(&kind);
                Event {
                    id: new_id(),
                    at: now,
                    seat: self.seat.clone(),
                    seq: self.next_seq + i as u64,
                    hlc: clock,
                    seen,
                    of,
                    kind,
                }
            })
            .collect()
    }

    /// `n` events were written: the next one is numbered after them.
    pub fn commit(&mut self, n: usize) {
        self.next_seq += n as u64;
    }
}

/// A fresh event id (a UUID): what every seat writes.
pub fn new_event_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
