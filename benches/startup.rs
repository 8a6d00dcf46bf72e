//! Cold start to the first frame, in process, as `huiwu run` does it (issue 8): read and
//! check the agenda file (`read_agenda`), open the session (journal read, parsed and
//! folded; the lock taken), build the `App` (the views, the name index among them), draw
//! one frame into a 200×50 `TestBackend`. Target: under 150 ms at 100 venues.
//!
//! The attendance view's name index is built on a thread of its own (the first frame does
//! not need it), so the thread CPU time measured here is the desk's path to its first
//! frame when a second core is free; the breakdown also shows wall time and the whole
//! process's CPU time, index included. After each start, one search waits for the index,
//! outside the timing, so that no build overlaps the next start.
//!
//! Sizes: 100 venues with a journal of 10,000 and of 100,000 events; 5 and 20 venues with
//! 10,000. Journals come from `huiwu::sample::journal_of_len` and are written to a
//! temporary data dir first; the files are in the page cache after the first run, as
//! they are when a secretary restarts the desk. Times are the thread's CPU time (see
//! `benches/common/mod.rs`); a one-off breakdown by phase (median of 5 runs, CPU and wall)
//! is printed to stderr before the measurements.
//!
//! The 100-venue sizes are measured twice: from the agenda file and the journals alone
//! (the first start after they changed much), and as `huiwu run` starts on any later day,
//! through the data dir's snapshot cache (`store::snapshot`).
//!
//! `cargo bench --bench startup` (add `-- --quick` for a rougher run)

// A benchmark unwraps: a panic is the failure message.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, Utc};
use criterion::measurement::Measurement;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use huiwu::core::load::load_agenda;
use huiwu::i18n::Lang;
use huiwu::search::NameIndex;
use huiwu::store::session::{AgendaFile, Session, hex_sha256, read_agenda, read_agenda_in};
use huiwu::tui::App;
use huiwu::tui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

mod common;
use common::CpuTime;

const LANG: Lang = Lang::Zh;

/// How the agenda is read: as `huiwu run` does, through the data dir's snapshot cache
/// (`cached`), or from the agenda file and the journals alone (the first start after the
/// agenda or the record changed much).
fn agenda_file(agenda: &Path, data_dir: &Path, cached: bool) -> AgendaFile {
    if cached {
        read_agenda_in(agenda, LANG, data_dir).unwrap()
    } else {
        read_agenda(agenda, LANG).unwrap()
    }
}

/// `huiwu run AGENDA` up to its first frame. The app and terminal are returned so that
/// dropping them (the lock released, memory freed) is not counted; see [`settle`].
fn start(
    agenda: &Path,
    data_dir: &Path,
    now: DateTime<Utc>,
    cached: bool,
) -> (App, Terminal<TestBackend>) {
    let file = agenda_file(agenda, data_dir, cached);
    let session = Session::open(&file, data_dir, "bench", now).unwrap();
    let mut app = App::new(session, LANG, Keymap::load(None, LANG).unwrap());
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    term.draw(|f| app.draw(f, now)).unwrap();
    (app, term)
}

/// The same, timed phase by phase: (thread CPU ms, wall ms) for each of agenda, session,
/// app, frame; and the process's CPU ms from start to the first frame.
fn phases(
    agenda: &Path,
    data_dir: &Path,
    now: DateTime<Utc>,
    cached: bool,
) -> ([(f64, f64); 4], f64) {
    let mut out = [(0.0, 0.0); 4];
    let process0 = common::process_cpu_ns().unwrap_or(0);
    let mut mark = (common::thread_cpu_ns().unwrap_or(0), Instant::now());
    let mut lap = |i: usize| {
        let cpu = common::thread_cpu_ns().unwrap_or(0);
        out[i] = (
            (cpu - mark.0) as f64 / 1e6,
            mark.1.elapsed().as_secs_f64() * 1e3,
        );
        mark = (cpu, Instant::now());
    };
    let file = agenda_file(agenda, data_dir, cached);
    lap(0);
    let session = Session::open(&file, data_dir, "bench", now).unwrap();
    lap(1);
    let mut app = App::new(session, LANG, Keymap::load(None, LANG).unwrap());
    lap(2);
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    term.draw(|f| app.draw(f, now)).unwrap();
    lap(3);
    let process = (common::process_cpu_ns().unwrap_or(0) - process0) as f64 / 1e6;
    settle((app, term), now);
    (out, process)
}

/// Wait for the background name index (by searching), then close the desk.
fn settle((mut app, term): (App, Terminal<TestBackend>), now: DateTime<Utc>) {
    app.key(KeyCode::Char('王'), now);
    drop((app, term));
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn breakdown(label: &str, agenda: &Path, data_dir: &Path, now: DateTime<Utc>, cached: bool) {
    let (runs, process): (Vec<[(f64, f64); 4]>, Vec<f64>) = (0..5)
        .map(|_| phases(agenda, data_dir, now, cached))
        .unzip();
    let label = if cached {
        format!("{label}, from the cache")
    } else {
        label.to_string()
    };
    let names = ["agenda load", "session open", "App::new", "first frame"];
    let mut line = format!("startup {label}:");
    let (mut cpu, mut wall) = (0.0, 0.0);
    for (i, name) in names.iter().enumerate() {
        let c = median(runs.iter().map(|r| r[i].0).collect());
        let w = median(runs.iter().map(|r| r[i].1).collect());
        cpu += c;
        wall += w;
        line += &format!(" {name} {c:.1} CPU / {w:.1} wall;");
    }
    eprintln!(
        "{line} sum {cpu:.1} ms CPU / {wall:.1} ms wall; process CPU to the first frame {:.1} ms \
         (medians of 5)",
        median(process)
    );
    // The agenda load in its parts, and what the name index costs, were it built on this
    // thread.
    let cpu_ms = |f: &mut dyn FnMut()| -> f64 {
        let t = common::thread_cpu_ns().unwrap_or(0);
        f();
        (common::thread_cpu_ns().unwrap_or(0) - t) as f64 / 1e6
    };
    if cached {
        return;
    }
    let bytes = std::fs::read(agenda).unwrap();
    let people = read_agenda(agenda, LANG)
        .unwrap()
        .agenda
        .participants
        .clone();
    let mut parts = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..5 {
        parts[0].push(cpu_ms(&mut || {
            drop(black_box(std::fs::read(agenda).unwrap()))
        }));
        parts[1].push(cpu_ms(&mut || drop(black_box(hex_sha256(&bytes)))));
        parts[2].push(cpu_ms(&mut || drop(black_box(load_agenda(&bytes, LANG)))));
        parts[3].push(cpu_ms(&mut || drop(black_box(NameIndex::build(&people)))));
    }
    let [read, sha, load, index] = parts.map(median);
    eprintln!(
        "startup {label}: agenda file {} KB: read {read:.1}, SHA-256 {sha:.1}, load_agenda \
         (parse + check) {load:.1} ms CPU; NameIndex::build alone {index:.1} ms CPU \
         (medians of 5)",
        bytes.len() / 1024
    );
}

fn bench(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("startup_to_first_frame");
    g.sample_size(10);
    let clock = CpuTime::new();
    for (venues, n) in [(5, 10_000), (20, 10_000), (100, 10_000), (100, 100_000)] {
        let agenda = common::agenda(venues);
        let events = huiwu::sample::journal_of_len(&agenda, n, 7);
        assert_eq!(events.len(), n);
        let now = events.last().unwrap().at + chrono::Duration::minutes(1);
        let disk = common::on_disk(&agenda, &events);
        drop((agenda, events));
        let label = format!("{} people, {n} events", venues * common::PER_VENUE);
        // The snapshot cache matters at 100 venues (a smaller agenda keeps none).
        for cached in [false, true].into_iter().filter(|&c| !c || venues == 100) {
            breakdown(&label, &disk.agenda_path, &disk.data_dir, now, cached);
            let name = if cached {
                format!("{label}, from the cache")
            } else {
                label.clone()
            };
            g.bench_function(BenchmarkId::from_parameter(&name), |b| {
                b.iter_custom(|iters| {
                    let mut total = clock.zero();
                    for _ in 0..iters {
                        let t = clock.start();
                        let started =
                            black_box(start(&disk.agenda_path, &disk.data_dir, now, cached));
                        total += clock.end(t);
                        settle(started, now);
                    }
                    total
                })
            });
        }
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench
}
criterion_main!(benches);
