//! The attendance desk's search at 5, 20 and 100 venues of 360 people: building the
//! index at start-up, and a query typed one character at a time (each prefix is one
//! keystroke, a full search for what the box then holds). People come from
//! `huiwu::sample::generate` (realistic names, polyphonic and compound surnames).
//!
//! Run: `cargo bench --bench search -- --quick`. Per keystroke = reported time / the
//! number of keystrokes (criterion's throughput line shows keystrokes per second).
//!
//! Times are the benchmark thread's CPU time (Linux `/proc/thread-self/schedstat`), not
//! wall time: on a machine shared with other work, wall time mostly measures the wait
//! for a core. Where that file cannot be read, wall time is used.

use std::hint::black_box;

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use huiwu::search::NameIndex;

const SIZES: [(usize, usize); 3] = [(5, 360), (20, 360), (100, 360)];

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
    for (venues, per) in SIZES {
        let people = huiwu::sample::generate(venues, per, 7).participants;
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
    for (venues, per) in SIZES {
        let people = huiwu::sample::generate(venues, per, 7).participants;
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
    config = Criterion::default().with_measurement(CpuTime::new());
    targets = bench_build, bench_keystrokes
}
criterion_main!(benches);

/// The calling thread's CPU time in nanoseconds, or wall time where unavailable.
struct CpuTime {
    wall_origin: std::time::Instant,
}

impl CpuTime {
    fn new() -> CpuTime {
        let clock = if thread_cpu_ns().is_some() {
            "thread CPU time"
        } else {
            "wall time"
        };
        eprintln!("search bench: measuring {clock}");
        CpuTime {
            wall_origin: std::time::Instant::now(),
        }
    }

    fn now(&self) -> u64 {
        thread_cpu_ns().unwrap_or_else(|| self.wall_origin.elapsed().as_nanos() as u64)
    }
}

fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        self.now()
    }
    fn end(&self, start: u64) -> u64 {
        self.now().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &Nanos
    }
}

/// Nanoseconds shown as criterion shows wall time; throughput as elements per second.
struct Nanos;

impl ValueFormatter for Nanos {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = match typical {
            t if t < 1e3 => (1.0, "ns"),
            t if t < 1e6 => (1e-3, "µs"),
            t if t < 1e9 => (1e-6, "ms"),
            _ => (1e-9, "s"),
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }

    fn scale_throughputs(&self, typical: f64, t: &Throughput, values: &mut [f64]) -> &'static str {
        let n = match *t {
            Throughput::Elements(n) | Throughput::Bytes(n) | Throughput::BytesDecimal(n) => n,
            Throughput::Bits(n) => n,
        } as f64;
        let per_second = n * 1e9 / typical;
        let (div, unit) = if per_second < 1e3 {
            (1.0, "elem/s")
        } else if per_second < 1e6 {
            (1e3, "Kelem/s")
        } else {
            (1e6, "Melem/s")
        };
        values.iter_mut().for_each(|v| *v = n * 1e9 / *v / div);
        unit
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}
