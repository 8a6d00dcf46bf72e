//! What the benchmarks share: the meeting sizes of issue 8, generated meetings and their
//! journals, and a criterion measurement of the thread's CPU time.
//!
//! CPU time, not wall time: the machines we measure on are shared, and a benchmark that
//! waits for a core reports the neighbours' load, not our code. On an idle machine the two
//! agree for single-threaded work. Set `HUIWU_BENCH_WALL=1` to measure wall time instead.
//! The durable append is measured in wall time always: it waits for the disk.

#![allow(dead_code)] // each bench uses its own part

/// The allocator the program uses (src/main.rs), so that what is measured is what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::Throughput;
use criterion::measurement::{Measurement, ValueFormatter};

/// Venues of 360 people each: a county (5), a city (20), a province (100).
pub const VENUES: [usize; 3] = [5, 20, 100];
pub const PER_VENUE: usize = 360;
/// Journal lengths: a morning's sign-in, a long day with many corrections.
pub const EVENTS: [usize; 2] = [10_000, 100_000];

pub fn agenda(venues: usize) -> huiwu::core::agenda::Agenda {
    huiwu::sample::generate(venues, PER_VENUE, 2017)
}

pub fn criterion() -> criterion::Criterion<CpuTime> {
    criterion::Criterion::default().with_measurement(CpuTime::new())
}

/// The calling thread's CPU time in nanoseconds, or wall time where unavailable.
pub struct CpuTime {
    wall: bool,
    wall_origin: std::time::Instant,
}

impl CpuTime {
    pub fn new() -> CpuTime {
        let wall = std::env::var_os("HUIWU_BENCH_WALL").is_some() || thread_cpu_ns().is_none();
        eprintln!(
            "measuring {}",
            if wall { "wall time" } else { "thread CPU time" }
        );
        CpuTime {
            wall,
            wall_origin: std::time::Instant::now(),
        }
    }

    fn now(&self) -> u64 {
        match (self.wall, thread_cpu_ns()) {
            (false, Some(ns)) => ns,
            _ => self.wall_origin.elapsed().as_nanos() as u64,
        }
    }
}

/// `CLOCK_THREAD_CPUTIME_ID`, exact to the nanosecond. Not `/proc/thread-self/schedstat`:
/// for the running thread that only moves at the scheduler tick (4 ms at 250 Hz), so a
/// 2 ms frame read 0 or 4 ms.
pub fn thread_cpu_ns() -> Option<u64> {
    cpu_clock_ns(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// CPU time of the whole process: every thread's, the ones that work in the background
/// included.
pub fn process_cpu_ns() -> Option<u64> {
    cpu_clock_ns(libc::CLOCK_PROCESS_CPUTIME_ID)
}

// The only unsafe code in the repository: std has no per-thread CPU clock.
#[allow(unsafe_code)]
fn cpu_clock_ns(clock: libc::clockid_t) -> Option<u64> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes to it.
    let rc = unsafe { libc::clock_gettime(clock, &mut ts) };
    (rc == 0).then(|| ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
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

/// The process's CPU time (every thread's): the work done whatever the load on the
/// machine, for what runs on several threads (where the thread's own clock undercounts
/// and wall time counts the neighbours).
pub struct ProcessCpu;

impl Measurement for ProcessCpu {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        process_cpu_ns().unwrap_or(0)
    }
    fn end(&self, start: u64) -> u64 {
        process_cpu_ns().unwrap_or(0).saturating_sub(start)
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

/// A meeting on disk as `huiwu run` finds it: the agenda file and, in the data dir, its
/// journal (header with the agenda's SHA-256, so opening records no `AgendaChanged`).
pub struct OnDisk {
    pub agenda_path: std::path::PathBuf,
    pub data_dir: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

pub fn on_disk(
    agenda: &huiwu::core::agenda::Agenda,
    events: &[huiwu::core::event::Event],
) -> OnDisk {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let agenda_path = dir.path().join("agenda.json");
    let mut bytes = Vec::new();
    huiwu::sample::write_agenda(agenda, &mut bytes).expect("agenda written to memory");
    std::fs::write(&agenda_path, &bytes).expect("agenda written");
    let data_dir = dir.path().join("data");
    std::fs::create_dir_all(&data_dir).expect("data dir created");
    huiwu::store::record::write_seat_journals(
        &data_dir,
        &agenda.meeting.id,
        &agenda_path.display().to_string(),
        &huiwu::store::session::hex_sha256(&bytes),
        events,
    )
    .expect("journals written");
    OnDisk {
        agenda_path,
        data_dir,
        _dir: dir,
    }
}
