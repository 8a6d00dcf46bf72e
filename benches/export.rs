//! Each export format (md, html, json, csv, xlsx) of a whole meeting at 5, 20 and 100
//! venues of 360 people (issues 6 and 8). Budget: under 1 s for the five together at 100
//! venues (36,000 people).
//!
//! The meeting is the fold of `huiwu::sample::journal`: most people sign in (some late, a
//! few leave early), some are excused or send a stand-in, one walk-in per venue, every item
//! runs with notes, a decision and actions. Times are the benchmark thread's CPU time (see
//! `benches/common/mod.rs`); a one-off breakdown per format is printed to stderr first,
//! with the whole process's CPU time too: rust_xlsxwriter does part of its work on threads
//! of its own, which the thread's clock does not see.
//!
//! Run: `cargo bench --bench export` (add `-- --quick` for a rougher run).

// A benchmark unwraps: a panic is the failure message.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use huiwu::core::meeting::Meeting;
use huiwu::export::{self, Format, Options};
use huiwu::i18n::Lang;

mod common;
use common::CpuTime;

fn bench(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("export");
    g.sample_size(10);
    for venues in common::VENUES {
        let a = Arc::new(common::agenda(venues));
        let ev = huiwu::sample::journal(&a, 2017);
        let m = Meeting::replay(a, &ev);
        let opts = Options::new(
            Lang::Zh,
            m.ended_at.expect("the sample journal ends the meeting"),
        );
        let people = m.people.len();
        once(venues, people, &m, &ev, &opts);
        for f in Format::ALL {
            g.bench_function(BenchmarkId::new(format!("{f:?}"), people), |b| {
                b.iter(|| export::render(black_box(f), black_box(&m), &ev, &opts).unwrap())
            });
        }
        g.bench_function(BenchmarkId::new("all_five", people), |b| {
            b.iter(|| {
                for f in Format::ALL {
                    black_box(export::render(f, &m, &ev, &opts).unwrap());
                }
            })
        });
    }
    g.finish();
}

/// One run of each format, its CPU and wall time and its size, for a quick look.
fn once(venues: usize, people: usize, m: &Meeting, ev: &[huiwu::core::event::Event], o: &Options) {
    let (mut total, mut total_all) = (0.0, 0.0);
    for f in Format::ALL {
        let (cpu0, all0) = (common::thread_cpu_ns(), common::process_cpu_ns());
        let wall = std::time::Instant::now();
        let size = black_box(export::render(f, m, ev, o).unwrap()).len();
        let wall_ms = wall.elapsed().as_secs_f64() * 1e3;
        let cpu_ms = match (cpu0, common::thread_cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e6,
            _ => wall_ms,
        };
        let all_ms = match (all0, common::process_cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e6,
            _ => wall_ms,
        };
        total += cpu_ms;
        total_all += all_ms;
        eprintln!(
            "export {venues} venues ({people} people, {} events) {f:?}: {cpu_ms:.1} ms CPU \
             ({all_ms:.1} ms process CPU), {wall_ms:.1} ms wall, {size} bytes (one run)",
            ev.len()
        );
    }
    eprintln!(
        "export {venues} venues: all five {total:.1} ms CPU ({total_all:.1} ms process CPU) \
         (one run)"
    );
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench
}
criterion_main!(benches);
