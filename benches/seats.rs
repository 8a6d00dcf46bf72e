//! The budgets of many seats (issue 13), on a 100-venue meeting of 36,000 people where
//! each venue's seat signed its 360 people in:
//! - `merge`: 100 carried seat journals (36,000 events) merged into a meeting from a
//!   folder; budget: under 1 s;
//! - `status`: the meeting read and folded, and its status computed, from the 100 seat
//!   journals and from one journal holding the same 36,000 events; budget: the 100
//!   journals no slower than 1.5x the one.
//!
//! Twice: in wall time (what a person waits; the parse runs on every core, the merge
//! waits for the disk: run on an idle machine), and in the process's CPU time (the work,
//! whatever the load on a shared machine). `cargo bench --bench seats` (add `-- --quick`
//! for a faster, rougher run).

// A benchmark unwraps: a panic is the failure message.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use huiwu::core::event::{Event, EventKind, Hlc};
use huiwu::core::query::status_report;
use huiwu::store::journal::{Header, Journal, journal_path};
use huiwu::store::merge::merge;
use huiwu::store::record::write_seat_journals;
use huiwu::store::session::{AgendaFile, open_meeting, read_agenda};

mod common;

const VENUES: usize = 100;

/// Each venue's seat signs its people in, 2 to 3 seconds apart, the seats' clocks apart.
fn sign_ins(a: &huiwu::core::agenda::Agenda) -> Vec<Event> {
    let t0 = a.meeting.start.with_timezone(&Utc) - Duration::minutes(40);
    let mut rng = huiwu_rng(2017);
    let mut out = Vec::new();
    for (v, venue) in a.venues.iter().enumerate() {
        let seat = format!("{}-desk", venue.id);
        let people = a.participants.iter().filter(|p| p.venue == venue.id);
        for (i, p) in people.enumerate() {
            let at = t0 + Duration::milliseconds(i as i64 * 2_500 + v as i64 * 7);
            let id = uuid::Builder::from_random_bytes(rng())
                .into_uuid()
                .to_string();
            let mut e = Event::new(
                id,
                at,
                seat.clone(),
                i as u64 + 1,
                EventKind::SignedIn {
                    participant: p.id.clone(),
                    late: false,
                    effective_at: None,
                },
            );
            e.hlc = Hlc::from_time(at);
            out.push(e);
        }
    }
    out
}

/// Random bytes for UUIDs, seeded.
fn huiwu_rng(seed: u64) -> impl FnMut() -> [u8; 16] {
    let mut s = seed | 1;
    move || {
        let mut b = [0u8; 16];
        for chunk in b.chunks_mut(8) {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            chunk.copy_from_slice(&s.to_le_bytes());
        }
        b
    }
}

struct Setup {
    agenda: AgendaFile,
    /// 100 seat journals, as a USB stick carries another computer's data dir.
    usb: PathBuf,
    /// The same events in one journal (format 1, as earlier versions kept a meeting).
    one: PathBuf,
    _dir: tempfile::TempDir,
}

fn setup() -> Setup {
    let a = common::agenda(VENUES);
    let dir = tempfile::tempdir().unwrap();
    let agenda_path = dir.path().join("agenda.json");
    let mut bytes = Vec::new();
    huiwu::sample::write_agenda(&a, &mut bytes).unwrap();
    std::fs::write(&agenda_path, &bytes).unwrap();
    let agenda = read_agenda(&agenda_path, huiwu::i18n::Lang::Zh).unwrap();
    let events = sign_ins(&a);
    assert_eq!(events.len(), VENUES * common::PER_VENUE);
    let path_text = agenda_path.display().to_string();
    let usb = dir.path().join("usb");
    let written =
        write_seat_journals(&usb, &a.meeting.id, &path_text, &agenda.sha256, &events).unwrap();
    assert_eq!(written.len(), VENUES);
    let one = dir.path().join("one");
    let mut sorted = events.clone();
    sorted.sort_by(|x, y| x.key().cmp(&y.key()));
    let mut header = Header::new(&a.meeting.id, None, &path_text, &agenda.sha256, Utc::now());
    header.huiwu_journal = 1;
    let (mut j, _, _) = Journal::open(&journal_path(&one, &a.meeting.id), header).unwrap();
    j.append(&sorted).unwrap();
    Setup {
        agenda,
        usb,
        one,
        _dir: dir,
    }
}

fn status_of(agenda: &AgendaFile, data: &Path) -> usize {
    let (m, _) = open_meeting(agenda, data).unwrap();
    let r = status_report(&m, Utc::now());
    let c = r.total;
    assert_eq!(
        (c.present + c.observers_present) as usize,
        VENUES * common::PER_VENUE
    );
    r.events
}

fn seats(c: &mut Criterion) {
    budgets_in(c, "seats (wall)");
}

fn seats_cpu(c: &mut Criterion<common::ProcessCpu>) {
    budgets_in(c, "seats (process CPU)");
}

fn budgets_in<M: criterion::measurement::Measurement>(c: &mut Criterion<M>, group: &str) {
    let s = setup();
    let mut g = c.benchmark_group(group);
    g.sample_size(10);
    g.bench_function("merge 100 carried journals x 360 sign-ins", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |data| {
                let r = merge(&s.agenda, data.path(), std::slice::from_ref(&s.usb)).unwrap();
                assert_eq!(r.files.len(), VENUES);
                data
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("status from one journal of 36,000 events", |b| {
        b.iter(|| status_of(&s.agenda, &s.one))
    });
    // The stick's data dir holds them as its 100 local seats' journals.
    g.bench_function("status from 100 seat journals of 360 events", |b| {
        b.iter(|| status_of(&s.agenda, &s.usb))
    });
    // After a merge: the same 100 journals as carried copies.
    let merged = tempfile::tempdir().unwrap();
    merge(&s.agenda, merged.path(), std::slice::from_ref(&s.usb)).unwrap();
    g.bench_function("status from 100 carried journals of 360 events", |b| {
        b.iter(|| status_of(&s.agenda, merged.path()))
    });
    g.finish();
}

criterion_group!(budgets, seats);
criterion_group! {
    name = budgets_cpu;
    config = Criterion::default().with_measurement(common::ProcessCpu);
    targets = seats_cpu
}
criterion_main!(budgets, budgets_cpu);
