//! What a seat's link to the server looks like right now, shared between the thread that
//! syncs and whoever shows it (the desk's sync line, `huiwu sync`'s report): online or
//! offline and since when, the server position reached, and per seat the last event seen,
//! the events waiting to be sent, and the seat's clock skew.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use super::error::ServerError;
use crate::i18n::Lang;

/// The state shared with the desk: read it with [`snapshot`].
pub type SharedState = Arc<Mutex<SyncState>>;

/// A copy of the state (a poisoned lock still gives the last state written).
pub fn snapshot(state: &SharedState) -> SyncState {
    match state.lock() {
        Ok(s) => s.clone(),
        Err(p) => p.into_inner().clone(),
    }
}

/// Change the state (a poisoned lock is taken over: the state is plain data).
pub(crate) fn update<T>(state: &SharedState, f: impl FnOnce(&mut SyncState) -> T) -> T {
    match state.lock() {
        Ok(mut s) => f(&mut s),
        Err(p) => f(&mut p.into_inner()),
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncState {
    /// The server, without its password.
    pub server: String,
    pub online: bool,
    /// When the link last came up (online) or went down (offline); `None` before the
    /// first try.
    pub since: Option<DateTime<Utc>>,
    /// Why the server could not be used at the last try.
    pub error: Option<ServerError>,
    /// The server position read up to.
    pub position: i64,
    /// The last time the server answered.
    pub last_contact: Option<DateTime<Utc>>,
    /// This computer's clock minus the server's, in milliseconds, at the last connect.
    pub own_skew_ms: Option<i64>,
    /// Every seat of the meeting seen here or on the server, by name.
    pub seats: Vec<SeatSync>,
}

/// One seat as the sync sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeatSync {
    pub seat: String,
    /// It writes on this computer (its events are pushed from here).
    pub local: bool,
    /// Its highest sequence number on the server.
    pub on_server: u64,
    /// Its events written here and not yet on the server (local seats).
    pub pending: usize,
    /// Its newest event's own time (the seat's clock), of those seen.
    pub last_at: Option<DateTime<Utc>>,
    /// When the server received the latest of its events (the server's clock): when the
    /// seat was last heard from.
    pub last_received: Option<DateTime<Utc>>,
    /// Its clock minus the server's, in milliseconds (the largest of the recent events'
    /// time minus their arrival: transit only makes an event look older).
    pub skew_ms: Option<i64>,
    /// Refused: another computer writes as this seat (the first differing number).
    pub clash: Option<u64>,
    /// Recent (event time - arrival time) in milliseconds.
    samples: VecDeque<i64>,
}

/// Samples kept per seat for its skew.
const SKEW_SAMPLES: usize = 32;

impl SyncState {
    pub fn new(server: &str) -> SyncState {
        SyncState {
            server: server.to_string(),
            ..SyncState::default()
        }
    }

    pub fn seat(&self, seat: &str) -> Option<&SeatSync> {
        self.seats.iter().find(|s| s.seat == seat)
    }

    /// The seat named `seat`, added (in name order) when it is new.
    pub fn seat_mut(&mut self, seat: &str) -> &mut SeatSync {
        let i = match self.seats.binary_search_by(|s| s.seat.as_str().cmp(seat)) {
            Ok(i) => i,
            Err(i) => {
                self.seats.insert(
                    i,
                    SeatSync {
                        seat: seat.to_string(),
                        ..SeatSync::default()
                    },
                );
                i
            }
        };
        &mut self.seats[i]
    }

    pub(crate) fn went_online(&mut self, now: DateTime<Utc>) {
        if !self.online || self.since.is_none() {
            self.since = Some(now);
        }
        self.online = true;
        self.error = None;
        self.last_contact = Some(now);
    }

    pub(crate) fn went_offline(&mut self, error: ServerError, now: DateTime<Utc>) {
        if self.online || self.since.is_none() {
            self.since = Some(now);
        }
        self.online = false;
        self.error = Some(error);
    }

    /// Events waiting to be sent, all seats together.
    pub fn pending(&self) -> usize {
        self.seats.iter().map(|s| s.pending).sum()
    }

    /// The seat whose clock is furthest from the server's, beyond [`SKEW_SHOWN`].
    pub fn worst_clock(&self) -> Option<(&str, i64)> {
        let own = self.own_skew_ms.map(|ms| ("", ms));
        self.seats
            .iter()
            .filter(|s| !s.local)
            .filter_map(|s| s.skew_ms.map(|ms| (s.seat.as_str(), ms)))
            .chain(own)
            .filter(|(_, ms)| ms.abs() > SKEW_SHOWN)
            .max_by_key(|(_, ms)| ms.abs())
    }

    /// One line for the desk's status bar: online or offline and for how long, the
    /// events waiting, a clock far off.
    pub fn summary(&self, lang: Lang, now: DateTime<Utc>) -> String {
        let waiting = self.pending();
        let since = self
            .since
            .map(|t| hms((now - t).num_seconds()))
            .unwrap_or_default();
        let mut line = match (self.online, &self.error, lang) {
            (true, _, Lang::En) => format!("server online, {waiting} waiting"),
            (true, _, Lang::Zh) => format!("服务器在线，待发 {waiting} 条"),
            (false, Some(e), Lang::En) if !e.is_transient() => {
                format!("server refused (huiwu sync says why), {waiting} waiting")
            }
            (false, Some(e), Lang::Zh) if !e.is_transient() => {
                format!("服务器拒绝（原因见 huiwu sync），待发 {waiting} 条")
            }
            (false, _, Lang::En) => format!("server offline {since}, {waiting} waiting"),
            (false, _, Lang::Zh) => format!("服务器离线 {since}，待发 {waiting} 条"),
        };
        if let Some((seat, ms)) = self.worst_clock() {
            let off = hms(ms.abs() / 1000);
            let seat = if seat.is_empty() {
                lang.pick("this computer", "本机")
            } else {
                seat
            };
            line.push_str(&match (lang, ms > 0) {
                (Lang::En, true) => format!(", clock of {seat} {off} ahead"),
                (Lang::En, false) => format!(", clock of {seat} {off} behind"),
                (Lang::Zh, true) => format!("，{seat} 时钟快 {off}"),
                (Lang::Zh, false) => format!("，{seat} 时钟慢 {off}"),
            });
        }
        line
    }
}

/// A clock this far from the server's (milliseconds) is shown.
pub const SKEW_SHOWN: i64 = 2_000;

/// `m:ss`, or `h:mm:ss` from an hour (a negative count is zero).
pub fn hms(secs: i64) -> String {
    let s = secs.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

impl SeatSync {
    /// An event of this seat, time `at`, arrived at the server at `received`.
    pub fn heard(&mut self, seq: u64, at: DateTime<Utc>, received: DateTime<Utc>) {
        self.on_server = self.on_server.max(seq);
        if self.last_at.is_none_or(|l| l < at) {
            self.last_at = Some(at);
        }
        self.received(received);
        if self.samples.len() == SKEW_SAMPLES {
            self.samples.pop_front();
        }
        self.samples.push_back((at - received).num_milliseconds());
        self.skew_ms = self.samples.iter().copied().max();
    }

    /// The server received one of its events at `at` (kept: the latest).
    pub(crate) fn received(&mut self, at: DateTime<Utc>) {
        if self.last_received.is_none_or(|r| r < at) {
            self.last_received = Some(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + s, 0).unwrap()
    }

    #[test]
    fn skew_is_the_least_delayed_of_the_recent_events() {
        let mut s = SyncState::new("x");
        let seat = s.seat_mut("north");
        // A clock 60 s ahead; events arrive 1 s, then 40 s (offline) after they were made.
        seat.heard(1, t(61), t(1));
        seat.heard(2, t(61), t(41));
        assert_eq!(seat.skew_ms, Some(60_000));
        assert_eq!(seat.on_server, 2);
        assert_eq!(seat.last_at, Some(t(61)));
        assert_eq!(seat.last_received, Some(t(41)));
    }

    #[test]
    fn offline_since_is_when_the_link_went_down_not_the_last_retry() {
        let mut s = SyncState::new("x");
        s.went_online(t(0));
        s.went_offline(ServerError::Local { why: "x".into() }, t(10));
        s.went_offline(ServerError::Local { why: "y".into() }, t(20));
        assert_eq!(s.since, Some(t(10)));
        assert!(!s.online);
        s.went_online(t(30));
        s.went_online(t(40));
        assert_eq!(s.since, Some(t(30)));
        assert_eq!(s.summary(Lang::En, t(45)), "server online, 0 waiting");
        s.went_offline(
            ServerError::Offline {
                server: "x".into(),
                why: "y".into(),
            },
            t(50),
        );
        s.seat_mut("here").local = true;
        s.seat_mut("here").pending = 12;
        let north = s.seat_mut("north");
        north.heard(1, t(185), t(0));
        assert_eq!(
            s.summary(Lang::En, t(50 + 151)),
            "server offline 2:31, 12 waiting, clock of north 3:05 ahead"
        );
        assert_eq!(
            s.summary(Lang::Zh, t(50 + 151)),
            "服务器离线 2:31，待发 12 条，north 时钟快 3:05"
        );
        s.went_offline(
            ServerError::Auth {
                server: "x".into(),
                why: "y".into(),
            },
            t(60),
        );
        assert!(s.summary(Lang::En, t(61)).starts_with("server refused"));
        // Seats stay sorted by name.
        s.seat_mut("b");
        s.seat_mut("a");
        assert_eq!(s.seats[0].seat, "a");
    }
}
