//! The attendance desk's search at 5, 20 and 100 venues of 360 people: building the
//! index at start-up, and a query typed one character at a time (each prefix is one
//! keystroke, a full search for what the box then holds).
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
use huiwu::core::agenda::{Participant, Role};
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

/// How many results a screen shows.
const LIMIT: usize = 50;

fn prefixes(q: &str) -> Vec<String> {
    let chars: Vec<char> = q.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

fn bench_build(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("search/build");
    for (venues, per) in SIZES {
        let people = names::roster(venues, per, 7);
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
        let people = names::roster(venues, per, 7);
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

/// A small deterministic roster generator, until `huiwu::sample::generate` lands on
/// main: common surnames weighted towards the most common, the polyphonic ones the
/// search must read right, one- and two-character given names, units per county.
mod names {
    use super::*;

    const COMMON: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤";
    const POLYPHONIC: &str = "曾单解仇区查朴覃翟盖缪乐";
    const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红晓小文建国志海波宇辉鹏飞雪梅兰云峰斌浩林凤琴慧丹春燕新亮成婷颖佳欣怡子涵思雨博俊哲瑞泽轩鑫";
    const COUNTIES: &str = "东城西城南关北湖江口河西山阳青石白沙长安新城";
    const BUREAUS: &[&str] = &[
        "教育局",
        "财政局",
        "卫生健康委员会",
        "人民政府办公室",
        "发展和改革局",
        "公安局",
        "民政局",
        "自然资源局",
        "生态环境局",
        "住房和城乡建设局",
        "交通运输局",
        "水利局",
        "农业农村局",
        "商务局",
        "文化和旅游局",
        "第一中学",
        "实验小学",
    ];
    const TITLES: &[&str] = &["局长", "副局长", "主任", "副主任", "科长", "校长", "干部"];

    /// xorshift64*: deterministic without a dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
            xs[(self.next() % xs.len() as u64) as usize]
        }
    }

    pub fn roster(venues: usize, per_venue: usize, seed: u64) -> Vec<Participant> {
        let common: Vec<char> = COMMON.chars().collect();
        let poly: Vec<char> = POLYPHONIC.chars().collect();
        let given: Vec<char> = GIVEN.chars().collect();
        let counties: Vec<char> = COUNTIES.chars().collect();
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut out = Vec::with_capacity(venues * per_venue);
        for v in 0..venues {
            let county: String = [
                counties[(2 * v) % counties.len()],
                counties[(2 * v + 1) % counties.len()],
            ]
            .iter()
            .collect();
            for n in 0..per_venue {
                let r = rng.next() % 100;
                // Roughly Zipf: the first surnames are far more common.
                let surname = if r < 5 {
                    rng.pick(&poly).to_string()
                } else if r < 7 {
                    "欧阳".to_string()
                } else {
                    let k = (rng.next() % common.len() as u64) as usize;
                    let k = k * (rng.next() % common.len() as u64) as usize / common.len();
                    common[k].to_string()
                };
                let mut name = surname;
                name.push(rng.pick(&given));
                if !rng.next().is_multiple_of(3) {
                    name.push(rng.pick(&given));
                }
                out.push(Participant {
                    id: format!("V{v:03}-{n:03}"),
                    name,
                    unit: format!("{county}县{}", rng.pick(BUREAUS)),
                    title: rng.pick(TITLES).to_string(),
                    category: String::new(),
                    venue: format!("v{v:03}"),
                    phone: None,
                    role: Role::Member,
                    extra: Default::default(),
                });
            }
        }
        out
    }
}
