//! The agenda-runner fixture (`tests/fixtures/runner.json`) and its clock, for the agenda,
//! notes and actions tests; meetings are driven by the one harness, [`Sim`].
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use huiwu::core::agenda::Agenda;
use huiwu::core::load::load_agenda;
use huiwu::i18n::Lang;

pub use crate::common::Sim;

pub const RUNNER_AGENDA: &[u8] = include_bytes!("../../fixtures/runner.json");

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

/// The runner agenda driven in memory (the harness is [`Sim`]).
pub fn live() -> Sim {
    Sim::with(agenda(), at("14:00"))
}
