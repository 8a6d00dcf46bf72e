//! Opening a meeting (issues 3 and 8) at 5, 20 and 100 venues of 360 people:
//! - loading the agenda (parse + check, from the bytes of the file);
//! - replaying a journal of 10,000 and 100,000 events from disk (read, parse, fold), and the
//!   fold alone; budget: 100,000 events over 36,000 people under 150 ms;
//! - one durable sign-in (write + `sync_data`); budget: under 5 ms median. Wall time.
//!
//! Meetings and journals come from `huiwu::sample` (realistic names, three seats, UUID
//! event ids, corrections and undos). The agenda load is measured in thread CPU time (see
//! `benches/common/mod.rs`); replay and append in wall time, since the parse uses every
//! core and the append waits for the disk: run them on an idle machine.
//!
//! `cargo bench --bench journal` (add `-- --quick` for a faster, rougher run)

// A benchmark unwraps: a panic is the failure message.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::sync::Arc;

use chrono::Utc;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use huiwu::core::load::load_agenda;
use huiwu::core::meeting::Meeting;
use huiwu::i18n::Lang;
use huiwu::store::journal::{self, Header, Journal, journal_path};

mod common;
use common::CpuTime;

fn load(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("agenda_load");
    g.sample_size(20);
    for venues in common::VENUES {
        let mut bytes = Vec::new();
        huiwu::sample::write_agenda(&common::agenda(venues), &mut bytes).unwrap();
        g.bench_with_input(
            BenchmarkId::from_parameter(venues * common::PER_VENUE),
            &bytes,
            |b, bytes| b.iter(|| load_agenda(black_box(bytes), Lang::Zh)),
        );
    }
    g.finish();
}

/// Wall time: the parse runs on several threads, and the budget is what a person waits.
fn replay(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("replay");
    g.sample_size(10);
    for venues in common::VENUES {
        let a = Arc::new(common::agenda(venues));
        for n in common::EVENTS {
            let evs = huiwu::sample::journal_of_len(&a, n, 7);
            let path = journal_path(dir.path(), &format!("bench-{venues}-{n}"));
            {
                let (mut j, _, _) = Journal::open(&path, header()).unwrap();
                j.append(&evs).unwrap();
            }
            let label = format!("{n} events, {} people", venues * common::PER_VENUE);
            g.bench_function(BenchmarkId::new("read+parse+fold", &label), |b| {
                // As `Session::open` does it: the fold runs while later lines are parsed.
                b.iter(|| {
                    let mut m = Meeting::new(a.clone());
                    journal::read_only_with(&path, &mut |batch| m.apply_all(batch)).unwrap();
                    m
                })
            });
            g.bench_function(BenchmarkId::new("read+parse, then fold", &label), |b| {
                b.iter(|| {
                    let (_, evs) = journal::read_only(&path).unwrap();
                    Meeting::replay(a.clone(), &evs)
                })
            });
            g.bench_function(BenchmarkId::new("read+parse", &label), |b| {
                b.iter(|| journal::read_only(&path).unwrap())
            });
            g.bench_function(BenchmarkId::new("fold", &label), |b| {
                b.iter(|| Meeting::replay(a.clone(), black_box(&evs)))
            });
        }
    }
    g.finish();
}

fn append(c: &mut Criterion) {
    let a = common::agenda(1);
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(dir.path(), "bench");
    let (mut j, _, _) = Journal::open(&path, header()).unwrap();
    let e = huiwu::sample::journal_of_len(&a, 1, 7).remove(0);
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

fn header() -> Header {
    // One journal holding every seat's events (as earlier versions kept a meeting).
    Header::new("bench", None, "bench.json", "", Utc::now())
}

criterion_group! {
    name = loading;
    config = common::criterion();
    targets = load
}
criterion_group!(waiting, replay, append);
criterion_main!(loading, waiting);
