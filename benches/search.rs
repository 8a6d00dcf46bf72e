//! The attendance desk's search at 5, 20 and 100 venues of 360 people: building the
//! index at start-up, and a query typed one character at a time (each prefix is one
//! keystroke, a full search for what the box then holds). People come from
//! `huiwu::sample::generate` (realistic names, polyphonic and compound surnames).
//!
//! Run: `cargo bench --bench search -- --quick`. Per keystroke = reported time / the
//! number of keystrokes (criterion's throughput line shows keystrokes per second).
//!
//! Times are the benchmark thread's CPU time (see `benches/common/mod.rs`).

// A benchmark unwraps: a panic is the failure message.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use huiwu::search::NameIndex;

mod common;
use common::CpuTime;

/// What a secretary types; each prefix is a keystroke.
const QUERIES: &[(&str, &str)] = &[
    ("pinyin", "wangxiaohong"),
    ("initials", "wxh"),
    ("chinese", "王晓红"),
    ("mixed", "wangxh"),
    ("fuzzy", "wngxhng"),
    ("typo", "wnagxiaohong"),
];

/// What the attendance view asks for (`SEARCH_LIMIT + 1`, to know there are more).
const LIMIT: usize = 201;

fn prefixes(q: &str) -> Vec<String> {
    let chars: Vec<char> = q.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

fn bench_build(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("search/build");
    for venues in common::VENUES {
        let people = common::agenda(venues).participants;
        g.throughput(Throughput::Elements(people.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(people.len()),
            &people,
            |b, p| b.iter(|| NameIndex::build(black_box(p))),
        );
    }
    g.finish();
}

fn bench_keystrokes(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("search/keystroke");
    for venues in common::VENUES {
        let people = common::agenda(venues).participants;
        let ix = NameIndex::build(&people);
        for (label, query) in QUERIES {
            let keys = prefixes(query);
            g.throughput(Throughput::Elements(keys.len() as u64));
            g.bench_function(BenchmarkId::new(*label, people.len()), |b| {
                b.iter(|| {
                    for k in &keys {
                        black_box(ix.search(black_box(k), LIMIT, |_| true));
                    }
                })
            });
        }
        // Every match, not a screenful: the fuzzy passes always run.
        let keys = prefixes("wxh");
        g.throughput(Throughput::Elements(keys.len() as u64));
        g.bench_function(BenchmarkId::new("initials_unlimited", people.len()), |b| {
            b.iter(|| {
                for k in &keys {
                    black_box(ix.search(black_box(k), usize::MAX, |_| true));
                }
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench_build, bench_keystrokes
}
criterion_main!(benches);
