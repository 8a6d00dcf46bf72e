//! Shared helpers for the core tests: a small agenda and a live meeting driven by commands.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use huiwu::core::agenda::Agenda;
use huiwu::core::command::{Command, Decision, Rejection, decide};
use huiwu::core::event::Event;
use huiwu::core::load::load_agenda;
use huiwu::core::meeting::Meeting;
use huiwu::core::stamp::Stamper;
use huiwu::i18n::Lang;

pub const RUNNER_AGENDA: &[u8] = include_bytes!("../fixtures/runner.json");

pub fn agenda() -> Arc<Agenda> {
    let loaded = load_agenda(RUNNER_AGENDA, Lang::En);
    Arc::new(loaded.agenda.expect("the fixture agenda is valid"))
}

/// 2017-05-04 at a local (+08:00) wall-clock time `hh:mm` or `hh:mm:ss`.
pub fn at(hm: &str) -> DateTime<Utc> {
    let t = NaiveTime::parse_from_str(hm, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(hm, "%H:%M"))
        .expect("a time");
    let local = chrono::NaiveDate::from_ymd_opt(2017, 5, 4)
        .unwrap()
        .and_time(t);
    chrono::FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .from_local_datetime(&local)
        .unwrap()
        .with_timezone(&Utc)
}

pub fn minutes(m: i64) -> chrono::Duration {
    chrono::Duration::minutes(m)
}

/// A meeting driven in memory, keeping the events as a journal would.
pub struct Live {
    pub m: Meeting,
    pub events: Vec<Event>,
}

impl Live {
    pub fn new() -> Live {
        Live {
            m: Meeting::new(agenda()),
            events: Vec::new(),
        }
    }

    /// Decide and apply, as `Session::execute` does without the disk.
    pub fn run(&mut self, cmd: Command, now: DateTime<Utc>) -> Result<Decision, Rejection> {
        let d = decide(&self.m, &cmd, now)?;
        let stamper = Stamper::for_meeting("test", &self.m);
        let mut n = self.events.len();
        let events = stamper.stamp(&self.m, d.events.clone(), now, || {
            n += 1;
            format!("e{n}")
        });
        for e in events {
            self.m.apply(&e);
            self.events.push(e);
        }
        Ok(d)
    }

    pub fn ok(&mut self, cmd: Command, now: DateTime<Utc>) -> Decision {
        match self.run(cmd.clone(), now) {
            Ok(d) => d,
            Err(r) => panic!("{cmd:?} refused: {}", r.message(Lang::En)),
        }
    }

    pub fn replayed(&self) -> Meeting {
        Meeting::replay(self.m.agenda.clone(), &self.events)
    }
}
