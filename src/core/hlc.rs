//! The hybrid logical clock that orders the events of every seat.
//!
//! Laptop clocks can be minutes apart, so wall time alone cannot say which of two
//! seats' events came first. Each seat stamps its events with a clock value that never
//! goes backwards and is at least every value it has seen from other seats: the larger
//! of its wall clock (in milliseconds) and what it has seen, plus a counter for events
//! in the same millisecond. With the seat name and the seat's sequence number as tie
//! breakers this gives one total order over all events, the same on every machine
//! ([`EventKey`]), and the fold applies events in that order.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A hybrid logical clock value: wall-clock milliseconds and a counter. Written in the
/// journal as `[ms, n]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    pub ms: i64,
    pub n: u32,
}

impl Hlc {
    /// The clock value a wall-clock time stands for: how events written before the
    /// clock existed (journal format 1) are ordered.
    pub fn from_time(t: DateTime<Utc>) -> Hlc {
        Hlc {
            ms: t.timestamp_millis(),
            n: 0,
        }
    }

    /// The next value after `self` at wall time `now`: `now` when the clock is behind
    /// it, else one step past `self`.
    pub fn tick(self, now: DateTime<Utc>) -> Hlc {
        let pt = now.timestamp_millis();
        if pt > self.ms {
            Hlc { ms: pt, n: 0 }
        } else {
            self.successor()
        }
    }

    /// The smallest value after `self`.
    pub fn successor(self) -> Hlc {
        match self.n.checked_add(1) {
            Some(n) => Hlc { ms: self.ms, n },
            None => Hlc {
                ms: self.ms + 1,
                n: 0,
            },
        }
    }

    /// The wall-clock part as a time (for messages about clock skew).
    pub fn time(self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.ms)
    }
}

impl Serialize for Hlc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.ms, self.n).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Hlc, D::Error> {
        let (ms, n) = <(i64, u32)>::deserialize(d)?;
        Ok(Hlc { ms, n })
    }
}

/// Where an event stands in the one order every machine folds in: its clock, then its
/// seat's name, then its sequence number. `(seat, seq)` names one event, so no two
/// events share a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct EventKey<'a> {
    pub hlc: Hlc,
    pub seat: &'a str,
    pub seq: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_clock_never_goes_back_and_passes_what_it_saw() {
        let t = |s: i64| Utc.timestamp_opt(1_493_879_400 + s, 0).unwrap();
        let a = Hlc::default().tick(t(0));
        assert_eq!(a, Hlc::from_time(t(0)));
        // The wall clock stepped back: the counter moves instead.
        let b = a.tick(t(-60));
        assert_eq!(b, Hlc { ms: a.ms, n: 1 });
        assert!(b > a);
        // Seen from another seat, far ahead: this seat's next value is past it.
        let seen = Hlc::from_time(t(300));
        let c = b.max(seen).tick(t(1));
        assert!(c > seen);
        assert_eq!(c.ms, seen.ms);
        let full = Hlc { ms: 5, n: u32::MAX };
        assert_eq!(full.successor(), Hlc { ms: 6, n: 0 });
    }

    #[test]
    fn keys_order_by_clock_then_seat_then_sequence() {
        let h = |ms| Hlc { ms, n: 0 };
        let k = |ms, seat, seq| EventKey {
            hlc: h(ms),
            seat,
            seq,
        };
        let mut keys = vec![k(2, "a", 1), k(1, "b", 9), k(1, "a", 3), k(1, "a", 2)];
        keys.sort();
        assert_eq!(
            keys,
            vec![k(1, "a", 2), k(1, "a", 3), k(1, "b", 9), k(2, "a", 1)]
        );
        let json = serde_json::to_string(&Hlc { ms: 12, n: 3 }).unwrap();
        assert_eq!(json, "[12,3]");
        assert_eq!(
            serde_json::from_str::<Hlc>("[12,3]").unwrap(),
            Hlc { ms: 12, n: 3 }
        );
    }
}
