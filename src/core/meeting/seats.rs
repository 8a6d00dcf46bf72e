//! The seats heard from: which sequence numbers each has delivered (so that an event
//! folded twice changes nothing, and a hole shows), its times and its clock.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use foldhash::HashMap;
use serde::Serialize;

use super::Meeting;
use crate::core::event::{Event, EventKind, Hlc};

/// Sorted, disjoint, inclusive ranges of sequence numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Ranges(Vec<(u64, u64)>);

impl Ranges {
    /// Add `x`; `false` if it was there.
    fn insert(&mut self, x: u64) -> bool {
        let v = &mut self.0;
        // The common case: the next number of the seat.
        if let Some(last) = v.last_mut() {
            if last.1.checked_add(1) == Some(x) {
                last.1 = x;
                return true;
            }
            if x > last.1 {
                v.push((x, x));
                return true;
            }
        } else {
            v.push((x, x));
            return true;
        }
        // The first range that ends at or after x.
        let i = v.partition_point(|r| r.1 < x);
        if i < v.len() && v[i].0 <= x {
            return false;
        }
        let joins_prev = i > 0 && v[i - 1].1 + 1 == x;
        let joins_next = i < v.len() && x + 1 == v[i].0;
        match (joins_prev, joins_next) {
            (true, true) => {
                v[i - 1].1 = v[i].1;
                v.remove(i);
            }
            (true, false) => v[i - 1].1 = x,
            (false, true) => v[i].0 = x,
            (false, false) => v.insert(i, (x, x)),
        }
        true
    }

    fn contains(&self, x: u64) -> bool {
        let i = self.0.partition_point(|r| r.1 < x);
        i < self.0.len() && self.0[i].0 <= x
    }

    fn last(&self) -> u64 {
        self.0.last().map_or(0, |r| r.1)
    }

    /// Numbers missing between 1 and the last one.
    fn holes(&self) -> Vec<(u64, u64)> {
        let mut out = Vec::new();
        let mut next = 1;
        for &(a, b) in &self.0 {
            if a > next {
                out.push((next, a - 1));
            }
            next = b.saturating_add(1);
        }
        out
    }
}

/// What is known of one seat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct SeatLog {
    seqs: Ranges,
    events: usize,
    first_at: Option<DateTime<Utc>>,
    last_at: Option<DateTime<Utc>>,
    /// How far the seat's clock (`hlc`) ran ahead of its wall clock (`at`) at most: what
    /// it had seen from other seats was later than its own clock by this much.
    max_lag_ms: i64,
    /// Event types from a newer huiwu, with counts.
    unknown: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Seats {
    names: Vec<String>,
    by_name: HashMap<String, u32>,
    logs: Vec<SeatLog>,
    /// Events refused because another event held their seat and sequence number.
    pub(super) clashes: Vec<(String, u64)>,
    /// The last seat interned: consecutive events are mostly from one seat.
    last: Option<u32>,
}

impl Seats {
    pub(super) fn intern(&mut self, name: &str) -> u32 {
        if let Some(i) = self.last
            && self.names[i as usize] == name
        {
            return i;
        }
        // A few seats (most meetings): a scan beats hashing the name.
        let found = if self.names.len() <= 8 {
            self.names.iter().position(|n| n == name).map(|i| i as u32)
        } else {
            self.by_name.get(name).copied()
        };
        let i = match found {
            Some(i) => i,
            None => {
                let i = self.names.len() as u32;
                self.names.push(name.to_string());
                self.by_name.insert(name.to_string(), i);
                self.logs.push(SeatLog::default());
                i
            }
        };
        self.last = Some(i);
        i
    }

    pub(super) fn find(&self, name: &str) -> Option<u32> {
        self.by_name.get(name).copied()
    }

    /// Whether seats read back from a snapshot hang together (every index in range), so
    /// that nothing read from a file can make a lookup panic.
    pub(super) fn fits(&self) -> bool {
        let n = self.names.len();
        self.logs.len() == n
            && self.by_name.len() == n
            && self.by_name.values().all(|&i| (i as usize) < n)
            && self.last.is_none_or(|i| (i as usize) < n)
    }

    /// How many seats are known.
    pub(super) fn count(&self) -> usize {
        self.names.len()
    }

    pub(super) fn name(&self, i: u32) -> &str {
        &self.names[i as usize]
    }

    pub(super) fn has(&self, name: &str, seq: u64) -> bool {
        self.find(name)
            .is_some_and(|i| self.logs[i as usize].seqs.contains(seq))
    }

    pub(super) fn last_seq(&self, name: &str) -> u64 {
        self.find(name)
            .map_or(0, |i| self.logs[i as usize].seqs.last())
    }

    /// Note event `e` of seat `i`; `false` if its sequence number was folded before.
    pub(super) fn insert(&mut self, i: u32, e: &Event) -> bool {
        let log = &mut self.logs[i as usize];
        if !log.seqs.insert(e.seq) {
            return false;
        }
        log.events += 1;
        log.first_at = Some(log.first_at.map_or(e.at, |t| t.min(e.at)));
        log.last_at = Some(log.last_at.map_or(e.at, |t| t.max(e.at)));
        log.max_lag_ms = log.max_lag_ms.max(e.hlc.ms - e.at.timestamp_millis());
        true
    }

    pub(super) fn clash(&mut self, i: u32, seq: u64) {
        let name = self.names[i as usize].clone();
        if !self.clashes.contains(&(name.clone(), seq)) {
            self.clashes.push((name, seq));
        }
    }

    pub(super) fn unknown_type(&mut self, i: u32, e: &Event) {
        if let EventKind::Unknown(u) = &e.kind {
            *self.logs[i as usize]
                .unknown
                .entry(u.type_name.clone())
                .or_default() += 1;
        }
    }

    /// The seats as the fold knows them, by name (for equality and reports).
    fn by_name_sorted(&self) -> Vec<(&str, &SeatLog)> {
        let mut v: Vec<(&str, &SeatLog)> = self
            .names
            .iter()
            .map(String::as_str)
            .zip(&self.logs)
            .collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    pub(super) fn same_as(&self, o: &Seats) -> bool {
        let mut a = self.clashes.clone();
        let mut b = o.clashes.clone();
        a.sort();
        b.sort();
        a == b && self.by_name_sorted() == o.by_name_sorted()
    }

    /// Each seat by name; with `venues`, the one venue each signed people in at (a pass
    /// over every change, for `log --seats`).
    pub(super) fn summaries(&self, m: &Meeting, venues: bool) -> Vec<SeatSummary> {
        let venues = if venues {
            m.seat_venues()
        } else {
            HashMap::default()
        };
        self.by_name_sorted()
            .into_iter()
            .map(|(name, log)| SeatSummary {
                seat: name.to_string(),
                events: log.events,
                first_at: log.first_at,
                last_at: log.last_at,
                last_seq: log.seqs.last(),
                holes: log.seqs.holes(),
                venue: venues.get(name).copied().flatten(),
                clock_behind_ms: log.max_lag_ms.max(0),
                newer_events: log.unknown.iter().map(|(t, n)| (t.clone(), *n)).collect(),
            })
            .collect()
    }
}

/// One seat as `huiwu log --seats` and the anomalies see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatSummary {
    pub seat: String,
    pub events: usize,
    pub first_at: Option<DateTime<Utc>>,
    pub last_at: Option<DateTime<Utc>>,
    pub last_seq: u64,
    /// Sequence numbers missing between 1 and `last_seq`: events not here (yet).
    pub holes: Vec<(u64, u64)>,
    /// The venue (index) of everyone it signed in, when that is one venue.
    pub venue: Option<usize>,
    /// How far behind the clocks of events it had already seen its own clock was.
    pub clock_behind_ms: i64,
    /// Event types from a newer huiwu, with counts.
    pub newer_events: Vec<(String, usize)>,
}

impl Meeting {
    /// Per seat name: the one venue of everyone it signed in (`None` inside when several).
    fn seat_venues(&self) -> HashMap<&str, Option<usize>> {
        let mut out: HashMap<&str, Option<usize>> = HashMap::default();
        for r in &self.att.records {
            if !r.op.is_arrival() {
                continue;
            }
            let v = self.venue(&self.people[r.person as usize].venue);
            let name = self.seats.name(r.seat);
            match out.get(name) {
                None => {
                    out.insert(name, v);
                }
                Some(&prev) if prev != v => {
                    out.insert(name, None);
                }
                Some(_) => {}
            }
        }
        out
    }

    /// The clock value of seat `seat`'s events: lowest and highest (for tests).
    pub fn seat_clock(&self, seat: &str) -> Option<(Hlc, Hlc)> {
        let s = self.seats.find(seat)?;
        let mut range: Option<(Hlc, Hlc)> = None;
        let mut see = |h: Hlc| {
            range = Some(range.map_or((h, h), |(a, b)| (a.min(h), b.max(h))));
        };
        for r in &self.att.records {
            if r.seat == s {
                see(r.hlc);
            }
        }
        for e in self.others.iter().chain(&self.parked).chain(&self.unknown) {
            if e.seat == seat {
                see(e.hlc);
            }
        }
        range
    }
}

#[cfg(test)]
mod tests {
    use super::Ranges;

    #[test]
    fn ranges_take_numbers_in_any_order_once() {
        let mut r = Ranges::default();
        for x in [1, 2, 3, 7, 5, 6, 10] {
            assert!(r.insert(x), "{x}");
        }
        assert!(!r.insert(6));
        assert!(!r.insert(1));
        assert_eq!(r.0, vec![(1, 3), (5, 7), (10, 10)]);
        assert_eq!(r.holes(), vec![(4, 4), (8, 9)]);
        assert!(r.insert(4));
        assert!(r.insert(9));
        assert!(r.insert(8));
        assert_eq!(r.0, vec![(1, 10)]);
        assert!(r.holes().is_empty());
        assert_eq!(r.last(), 10);
        let mut late = Ranges::default();
        assert!(late.insert(3));
        assert_eq!(late.holes(), vec![(1, 2)]);
        assert!(late.contains(3) && !late.contains(2));
    }
}

// The snapshot's form of what is known of the seats (see `core::snapshot`).
impl crate::core::snapshot::Snap for Ranges {
    fn put(&self, e: &mut crate::core::snapshot::Enc) {
        crate::core::snapshot::Snap::put(&self.0, e)
    }
    fn get(d: &mut crate::core::snapshot::Dec<'_>) -> Option<Self> {
        Some(Ranges(crate::core::snapshot::Snap::get(d)?))
    }
}
crate::core::snapshot::snap_struct!(SeatLog {
    seqs,
    events,
    first_at,
    last_at,
    max_lag_ms,
    unknown,
});
crate::core::snapshot::snap_struct!(Seats {
    names,
    by_name,
    logs,
    clashes,
    last
});
