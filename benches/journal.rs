//! Journal budgets (issue 3): replay of 100,000 events over a 36,000-person roster under
//! 150 ms; one durable append under 5 ms median.
//!
//! `cargo bench --bench journal`

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use huiwu::core::agenda::Agenda;
use huiwu::core::event::{Event, EventKind};
use huiwu::core::meeting::Meeting;
use huiwu::store::journal::{Header, Journal, journal_path};

/// A roster of `venues` × `per_venue` people (names do not matter here).
fn agenda(venues: usize, per_venue: usize) -> Agenda {
    let mut v = Vec::new();
    let mut p = Vec::new();
    for i in 0..venues {
        v.push(
            serde_json::json!({"id": format!("v{i}"), "name": format!("分会场{i}"),
            "kind": if i == 0 { "main" } else { "branch" }}),
        );
        for j in 0..per_venue {
            p.push(
                serde_json::json!({"id": format!("p{i}-{j}"), "name": format!("参会者{i}-{j}"),
                "unit": format!("单位{}", j % 40), "venue": format!("v{i}")}),
            );
        }
    }
    let doc = serde_json::json!({
        "meeting": {"id": "bench", "title": "bench", "date": "2017-05-04",
            "start": "2017-05-04T14:30:00+08:00", "end": "2017-05-04T16:30:00+08:00",
            "chair": {"name": "主持人"}},
        "venues": v, "participants": p, "items": []
    });
    serde_json::from_value(doc).unwrap()
}

/// `n` attendance events cycling over the roster: sign-ins, late, excused, corrections.
fn events(a: &Agenda, n: usize) -> Vec<Event> {
    let t0: DateTime<Utc> = Utc.with_ymd_and_hms(2017, 5, 4, 6, 0, 0).unwrap();
    (0..n)
        .map(|i| {
            let p = a.participants[(i * 7919) % a.participants.len()].id.clone();
            let kind = match i % 10 {
                0..=6 => EventKind::SignedIn {
                    participant: p,
                    late: i % 10 == 6,
                    effective_at: None,
                },
                7 => EventKind::Excused {
                    participant: p,
                    reason: "出差".into(),
                },
                8 => EventKind::LeftEarly { participant: p },
                _ => EventKind::StandIn {
                    participant: p,
                    name: "代会人".into(),
                    unit: "单位".into(),
                },
            };
            Event {
                id: format!("00000000-0000-4000-8000-{i:012}"),
                at: t0 + Duration::milliseconds(i as i64 * 50),
                seat: "desk-1".into(),
                seq: i as u64 + 1,
                kind,
            }
        })
        .collect()
}

fn replay(c: &mut Criterion) {
    let a = Arc::new(agenda(100, 360));
    let evs = events(&a, 100_000);
    let text: String = evs
        .iter()
        .map(|e| serde_json::to_string(e).unwrap() + "\n")
        .collect();
    let mut g = c.benchmark_group("replay");
    g.sample_size(20);
    g.bench_function("fold 100k events, 36k roster", |b| {
        b.iter(|| Meeting::replay(a.clone(), &evs))
    });
    g.bench_function("parse + fold 100k events, 36k roster", |b| {
        b.iter(|| {
            let evs: Vec<Event> = text
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            Meeting::replay(a.clone(), &evs)
        })
    });
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path(), "bench");
    {
        let (mut j, _, _) = Journal::open(&path, header()).unwrap();
        j.append(&evs).unwrap();
    }
    g.bench_function(
        "open journal from disk + fold 100k events, 36k roster",
        |b| {
            b.iter(|| {
                let (_j, evs, _) = Journal::open(&path, header()).unwrap();
                Meeting::replay(a.clone(), &evs)
            })
        },
    );
    g.finish();
}

fn header() -> Header {
    Header {
        huiwu_journal: 1,
        meeting: "bench".into(),
        agenda: "bench.json".into(),
        agenda_sha256: String::new(),
        created: Utc::now(),
    }
}

fn append(c: &mut Criterion) {
    let a = agenda(1, 10);
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path(), "bench");
    let (mut j, _, _) = Journal::open(&path, header()).unwrap();
    let e = events(&a, 1).remove(0);
    let mut g = c.benchmark_group("append");
    g.sample_size(50);
    g.bench_function("one durable sign-in (write + sync_data)", |b| {
        b.iter_batched(
            || e.clone(),
            |e| j.append(&[e]).unwrap(),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(benches, replay, append);
criterion_main!(benches);
