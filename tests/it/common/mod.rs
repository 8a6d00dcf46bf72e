//! Shared test helpers: a small agenda built in code and event stamping; the desk in
//! process (`desk`); the screen as text (`screen`); byte mutations for property tests
//! (`mutate`); a small seeded generator.
#![allow(dead_code)]

pub mod desk;
pub mod e2e;
pub mod mutate;
pub mod schema;
pub mod screen;

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use huiwu::core::agenda::*;
use huiwu::core::command::{Command, Decision, Rejection, decide};
use huiwu::core::event::Event;
use huiwu::core::meeting::Meeting;
use huiwu::core::stamp::Stamper;

pub fn person(id: &str, name: &str, venue: &str, role: Role) -> Participant {
    Participant {
        id: id.into(),
        name: name.into(),
        unit: format!("{name}的单位"),
        title: "校长".into(),
        category: "直属学校、中心小学校长".into(),
        venue: venue.into(),
        phone: None,
        role,
        extra: Default::default(),
    }
}

/// Two roster venues and one headcount venue; five members, one observer; three items,
/// the last with two sub-items.
pub fn agenda() -> Agenda {
    let loaded = huiwu::core::load::load_agenda(AGENDA_JSON.as_bytes(), huiwu::i18n::Lang::En);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    loaded.agenda.unwrap()
}

pub const AGENDA_JSON: &str = r#"{
      "meeting": {
        "id": "t1", "title": "测试会议", "date": "2017-05-04",
        "start": "2017-05-04T14:30:00+08:00", "end": "2017-05-04T16:30:00+08:00",
        "organizer": "市教育局", "chair": {"participant": "M1"}, "location": "会议室"
      },
      "venues": [
        {"id": "main", "name": "主会场", "kind": "main"},
        {"id": "wy", "name": "王益区分会场", "kind": "branch"},
        {"id": "yj", "name": "宜君县分会场", "kind": "branch", "sign_in": "headcount", "expected": 40}
      ],
      "participants": [
        {"id": "M1", "name": "王晓红", "venue": "main"},
        {"id": "M2", "name": "曾国华", "venue": "main"},
        {"id": "M3", "name": "单丽", "venue": "main", "role": "observer"},
        {"id": "W1", "name": "解放", "venue": "wy"},
        {"id": "W2", "name": "仇明", "venue": "wy"},
        {"id": "W3", "name": "区小平", "venue": "wy"}
      ],
      "items": [
        {"id": "i1", "title": "回顾总结", "speaker": {"participant": "M1"}, "minutes": 20},
        {"id": "i2", "title": "指出问题", "speaker": {"participant": "M1"}, "minutes": 10},
        {"id": "i3", "title": "七点要求", "items": [
          {"id": "i3a", "title": "提高认识", "minutes": 5},
          {"id": "i3b", "title": "加强领导", "minutes": 5}
        ]}
      ],
      "actions": [
        {"id": "P1", "text": "整改到位", "owners": [{"venue": "wy"}], "due": "2017-06-30", "item": "i3"}
      ]
    }"#;
/// An agenda of `n` members `P0`, `P1`, ... (named 参会者0, ...) at one main venue and
/// no items: what the crash tests sign in, one person per round.
pub fn numbered_agenda_json(meeting_id: &str, title: &str, n: usize) -> String {
    let people: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id": "P{i}", "name": "参会者{i}", "venue": "main"}}"#))
        .collect();
    format!(
        r#"{{
          "meeting": {{"id": "{meeting_id}", "title": "{title}", "date": "2017-05-04",
            "start": "2017-05-04T14:30:00+08:00", "end": "2017-05-04T16:30:00+08:00",
            "chair": {{"name": "主持人"}}}},
          "venues": [{{"id": "main", "name": "主会场", "kind": "main"}}],
          "participants": [{}],
          "items": []
        }}"#,
        people.join(",")
    )
}

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2017, 5, 4, 6, 25, 0).unwrap()
}

/// A meeting driven through decide + apply, stamping events like a session does, and
/// keeping the journal in memory: the one harness of the core tests. `ok`/`run` record
/// at the harness's clock (`tick` moves it), `ok_at`/`run_at` at a given time.
pub struct Sim {
    pub meeting: Meeting,
    pub journal: Vec<Event>,
    pub now: DateTime<Utc>,
    pub seat: String,
    seq: u64,
}

impl Sim {
    /// The small agenda of [`agenda`], at [`t0`].
    pub fn new() -> Sim {
        Sim::with(Arc::new(agenda()), t0())
    }

    /// Any agenda, from `now`.
    pub fn with(agenda: Arc<Agenda>, now: DateTime<Utc>) -> Sim {
        Sim {
            meeting: Meeting::new(agenda),
            journal: Vec::new(),
            now,
            seat: "desk-1".into(),
            seq: 0,
        }
    }

    pub fn tick(&mut self, secs: i64) {
        self.now += Duration::seconds(secs);
    }

    pub fn run(&mut self, cmd: Command) -> Result<Decision, Rejection> {
        let d = decide(&self.meeting, &cmd, self.now)?;
        // Stamped as a seat stamps them (the session's own stamper), with readable ids.
        let mut stamper = Stamper::for_meeting(self.seat.clone(), &self.meeting);
        let mut next = stamper.next_seq();
        let seat = self.seat.clone();
        let events = stamper.stamp(&self.meeting, d.events.clone(), self.now, || {
            let id = format!("{seat}-{next}");
            next += 1;
            id
        });
        stamper.commit(events.len());
        for e in events {
            self.seq = e.seq;
            self.meeting.apply(&e);
            self.journal.push(e);
        }
        Ok(d)
    }

    pub fn ok(&mut self, cmd: Command) -> Decision {
        match self.run(cmd.clone()) {
            Ok(d) => d,
            Err(r) => panic!("{cmd:?} refused: {}", r.message(huiwu::i18n::Lang::En)),
        }
    }

    /// Record at `now` (the clock stays there).
    pub fn run_at(&mut self, cmd: Command, now: DateTime<Utc>) -> Result<Decision, Rejection> {
        self.now = now;
        self.run(cmd)
    }

    pub fn ok_at(&mut self, cmd: Command, now: DateTime<Utc>) -> Decision {
        self.now = now;
        self.ok(cmd)
    }

    /// The meeting replayed from the journal.
    pub fn replayed(&self) -> Meeting {
        Meeting::replay(self.meeting.agenda.clone(), &self.journal)
    }

    /// Replaying the journal (through JSON, as from disk) gives the live state.
    pub fn assert_replay_matches(&self) {
        let lines: Vec<String> = self
            .journal
            .iter()
            .map(|e| serde_json::to_string(e).unwrap())
            .collect();
        let events: Vec<Event> = lines
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(events, self.journal, "events survive JSON");
        assert!(
            self.replayed() == self.meeting,
            "replay differs from the live state"
        );
    }
}

/// A small deterministic generator (xorshift64).
pub struct XorShift(pub u64);
impl XorShift {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
