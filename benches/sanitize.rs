//! The sanitiser's cost where it runs most (#22):
//! - `screen` on every name of a 36,000-person roster, all clean (the common case: the
//!   names come back borrowed), beside a loop that only reads the same bytes, and on the
//!   issue's hostile name;
//! - the desk's once-per-change check for journal texts that need cleaning
//!   (`sanitize::meeting::for_screen`) after a whole meeting's journal, at 5, 20 and 100
//!   venues of 360 people.
//!
//! `cargo bench --bench sanitize` (add `-- --quick` for a rougher run)

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use huiwu::core::meeting::Meeting;

mod common;
use common::CpuTime;

fn names(c: &mut Criterion<CpuTime>) {
    let agenda = common::agenda(100);
    let names: Vec<&str> = agenda
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    let mut g = c.benchmark_group("screen");
    // Reading the same bytes, to tell the sanitiser's cost from the memory's (the names
    // are 36,000 separate allocations).
    g.bench_function(BenchmarkId::new("read_bytes_only", names.len()), |b| {
        b.iter(|| {
            for n in &names {
                black_box(black_box(n).bytes().fold(0u8, |a, b| a ^ b));
            }
        })
    });
    g.bench_function(BenchmarkId::new("clean_names", names.len()), |b| {
        b.iter(|| {
            for n in &names {
                black_box(huiwu::sanitize::screen(black_box(n)));
            }
        })
    });
    let evil = "Evil\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2JGuy";
    g.bench_function("hostile_name", |b| {
        b.iter(|| black_box(huiwu::sanitize::screen(black_box(evil))))
    });
    g.finish();
}

fn meeting(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("meeting_for_screen");
    for venues in common::VENUES {
        let agenda = Arc::new(common::agenda(venues));
        let events = huiwu::sample::journal(&agenda, 7);
        let m = Meeting::replay(agenda.clone(), &events);
        assert!(huiwu::sanitize::meeting::for_screen(&m).is_none());
        g.bench_function(
            BenchmarkId::from_parameter(venues * common::PER_VENUE),
            |b| b.iter(|| black_box(huiwu::sanitize::meeting::for_screen(black_box(&m)))),
        );
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = names, meeting
}
criterion_main!(benches);
