//! Load on one PostgreSQL server through loopback (item 8 of the server issue): SEATS
//! seats, each a computer of its own (its own data dir, its own journal, its own sync
//! thread and connection), sign in EACH people apiece while a chair seat follows.
//! Reports the time to converge, the latency from a seat's durable local write to the
//! chair's fold (median, 99th percentile), the rows on the server against the events
//! written, and one push of a single event; then the same with the server stopped for
//! OUTAGE seconds in the middle.
//!
//! Two modes:
//!
//! - full (the default): every seat is a desk that follows every other seat (its sync
//!   thread pulls every event into its own `pulled/` journals and its session folds
//!   them). On one machine this is a hundred machines' work on its processors: the
//!   chair's latency then measures a starved machine, not the system.
//! - `--push-only`: the writing seats only send, as a badge reader's or a `huiwu sync`
//!   seat's computer does (a session writing its journal, a sync thread that pushes each
//!   durable write with the same retries and pauses, and pulls nothing); the chair alone
//!   follows with the real sync thread and `Session::refresh`. The figures are those of
//!   the server and one following desk.
//!
//! It starts a throwaway PostgreSQL cluster itself (as the tests do: `runuser` to the
//! postgres user, a socket in a temporary folder, no TCP, `fsync` on):
//!
//! ```text
//! cargo run --release --example server_load -- [--push-only] [SEATS EACH GAP_MS OUTAGE_S]
//! cargo run --release --example server_load -- 100 360 250 30
//! cargo run --release --example server_load -- --push-only 100 360 250 30
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/it/server_pg.rs"]
mod server_pg;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Barrier, Mutex};
use std::time::{Duration, Instant};

use huiwu::core::command::Command;
use huiwu::server::{Engine, ServerUrl, SyncThread, Target, snapshot};
use huiwu::store::session::{AgendaFile, Session, read_agenda};

struct Figures {
    written: usize,
    rows: i64,
    distinct: i64,
    converge: Duration,
    latencies: Vec<Duration>,
    /// Of those, the events written while the server was up.
    latencies_up: Vec<Duration>,
    max_pending: usize,
}

/// What the writing seats do besides writing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Push and pull and fold every other seat's events, as a desk does.
    Full,
    /// Push only, as a badge reader's or a `huiwu sync` seat's computer does.
    PushOnly,
}

fn main() {
    let mut mode = Mode::Full;
    let mut args: Vec<usize> = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--push-only" => mode = Mode::PushOnly,
            _ => args.push(
                a.parse()
                    .expect("[--push-only] numbers: SEATS EACH GAP_MS OUTAGE_S"),
            ),
        }
    }
    let seats = args.first().copied().unwrap_or(100);
    let each = args.get(1).copied().unwrap_or(360);
    let gap = Duration::from_millis(args.get(2).copied().unwrap_or(100) as u64);
    let outage = Duration::from_secs(args.get(3).copied().unwrap_or(30) as u64);
    let pg = server_pg::own_with(server_pg::Durability::Durable).expect("PostgreSQL");
    let dir = tempfile::tempdir().unwrap();
    let (agenda_path, people) = server_pg::big_agenda(dir.path(), seats, each);
    let agenda = read_agenda(&agenda_path, huiwu::i18n::Lang::En).unwrap();
    let how = match mode {
        Mode::Full => "every seat following every other",
        Mode::PushOnly => "the seats only sending",
    };
    println!(
        "{seats} seats x {each} sign-ins, one every {} ms per seat, a chair following, {how}; PostgreSQL on a unix socket, fsync on",
        gap.as_millis()
    );

    let push = one_push(&pg, &agenda, dir.path());
    println!(
        "one push of a single event: median {:.1} ms, p99 {:.1} ms ({} pushes)",
        ms(pct(&push, 50)),
        ms(pct(&push, 99)),
        push.len()
    );

    let load = Load {
        pg: &pg,
        agenda: &agenda,
        people: &people,
        each,
        gap,
        mode,
    };
    let f = run(&load, None, &dir.path().join("a"));
    report("no outage", &f, mode, "after the last write");
    let f = run(&load, Some(outage), &dir.path().join("b"));
    report(
        &format!("server stopped for {} s in the middle", outage.as_secs()),
        &f,
        mode,
        "after the server's return",
    );
}

fn report(title: &str, f: &Figures, mode: Mode, from: &str) {
    println!("-- {title}");
    println!(
        "  events written {}, rows on the server {} ({} distinct): {} lost, {} doubled",
        f.written,
        f.rows,
        f.distinct,
        f.written as i64 - f.distinct,
        f.rows - f.distinct
    );
    let who = match mode {
        Mode::Full => "every seat and the chair held every event",
        Mode::PushOnly => "every seat had sent all it wrote and the chair held every event",
    };
    println!("  {who} {:.2} s {from}", f.converge.as_secs_f64());
    println!(
        "  write -> chair's fold: median {:.0} ms, p99 {:.0} ms, max {:.0} ms ({} events)",
        ms(pct(&f.latencies, 50)),
        ms(pct(&f.latencies, 99)),
        ms(pct(&f.latencies, 100)),
        f.latencies.len()
    );
    if f.latencies_up.len() != f.latencies.len() {
        println!(
            "  of those written while the server was up: median {:.0} ms, p99 {:.0} ms ({} events)",
            ms(pct(&f.latencies_up, 50)),
            ms(pct(&f.latencies_up, 99)),
            f.latencies_up.len()
        );
    }
    println!("  most events waiting at one seat: {}", f.max_pending);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn pct(v: &[Duration], p: usize) -> Duration {
    if v.is_empty() {
        return Duration::ZERO;
    }
    let mut v = v.to_vec();
    v.sort();
    v[((v.len() - 1) * p / 100).min(v.len() - 1)]
}

fn engine(url: &str, agenda: &AgendaFile, data: &Path) -> Engine {
    Engine::new(ServerUrl::parse(url).unwrap(), Target::new(agenda, data)).unwrap()
}

fn sign_in(s: &mut Session, who: &str) -> Vec<String> {
    let cmd = Command::SignIn {
        participant: who.to_string(),
        late: false,
        effective_at: None,
    };
    let o = s.execute(&cmd, chrono::Utc::now()).unwrap();
    o.events.into_iter().map(|e| e.id).collect()
}

/// A single event pushed, over and over: the time of `Engine::push` (read the journal,
/// one transaction).
fn one_push(pg: &server_pg::Cluster, agenda: &AgendaFile, dir: &Path) -> Vec<Duration> {
    let db = pg.fresh_db();
    let url = pg.url(&db);
    huiwu::server::schema::init(&ServerUrl::parse(&url).unwrap(), &[]).unwrap();
    let data = dir.join("push");
    let mut s = Session::open(agenda, &data, "pusher", chrono::Utc::now()).unwrap();
    let mut e = engine(&url, agenda, &data);
    e.connect().unwrap();
    let mut out = Vec::new();
    for p in agenda.agenda.participants.iter().take(300) {
        sign_in(&mut s, &p.id);
        let t = Instant::now();
        let r = e.push().unwrap();
        out.push(t.elapsed());
        assert_eq!(r.pushed(), 1);
    }
    out
}

/// One run's setting.
struct Load<'a> {
    pg: &'a server_pg::Cluster,
    agenda: &'a AgendaFile,
    /// Per seat, whom it signs in.
    people: &'a [Vec<String>],
    each: usize,
    gap: Duration,
    mode: Mode,
}

fn run(load: &Load, outage: Option<Duration>, root: &Path) -> Figures {
    let Load {
        pg,
        agenda,
        people,
        each,
        gap,
        mode,
    } = *load;
    let db = pg.fresh_db();
    let url = pg.url(&db);
    huiwu::server::schema::init(&ServerUrl::parse(&url).unwrap(), &[]).unwrap();
    let seats = people.len();
    let total = seats * each;
    let written_at: Mutex<HashMap<String, Instant>> = Mutex::new(HashMap::with_capacity(total));
    let converged_at: Mutex<Vec<Instant>> = Mutex::new(Vec::new());
    let max_pending = Mutex::new(0usize);
    let writing_done = Mutex::new(Instant::now());
    let returned_at = Mutex::new(None::<Instant>);
    let stopped_at = Mutex::new(None::<Instant>);
    let chair_done = AtomicBool::new(false);
    let go = Barrier::new(seats + 2);
    let mut latencies: Vec<(Instant, Duration)> = Vec::new();
    std::thread::scope(|scope| {
        // The chair: follows, measuring each event from its write to its fold here.
        let chair = scope.spawn(|| {
            let data = root.join("chair");
            let mut s = Session::open(agenda, &data, "chair", chrono::Utc::now()).unwrap();
            let _sync = SyncThread::start(engine(&url, agenda, &data), None).unwrap();
            go.wait();
            let mut lat = Vec::with_capacity(total);
            let mut pending: Vec<(String, Instant)> = Vec::new();
            loop {
                let heard = s.refresh().unwrap();
                let now = Instant::now();
                {
                    let w = written_at.lock().unwrap();
                    for e in heard {
                        match w.get(&e.id) {
                            Some(t) => lat.push((*t, now - *t)),
                            // Heard before its writer noted the time (it is durable by
                            // then): measured when the note is there.
                            None => pending.push((e.id, now)),
                        }
                    }
                    pending.retain(|(id, at)| match w.get(id) {
                        Some(t) => {
                            lat.push((*t, at.saturating_duration_since(*t)));
                            false
                        }
                        None => true,
                    });
                }
                if s.meeting().events_applied >= total {
                    converged_at.lock().unwrap().push(Instant::now());
                    chair_done.store(true, Ordering::Relaxed);
                    return lat;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        for (i, mine) in people.iter().enumerate() {
            let (url, go, written_at, converged_at, max_pending) =
                (&url, &go, &written_at, &converged_at, &max_pending);
            let writing_done = &writing_done;
            scope.spawn(move || {
                let data = root.join(format!("pc{i}"));
                let mut s =
                    Session::open(agenda, &data, &format!("seat{i:03}"), chrono::Utc::now())
                        .unwrap();
                let seat = format!("seat{i:03}");
                let sync = match mode {
                    Mode::Full => SyncThread::start(engine(url, agenda, &data), None),
                    Mode::PushOnly => SyncThread::start_push_only(engine(url, agenda, &data)),
                }
                .unwrap();
                go.wait();
                // Seats start spread over one gap, as people arrive.
                std::thread::sleep(gap * (i as u32) / (seats as u32));
                for who in mine.iter().take(each) {
                    let ids = sign_in(&mut s, who);
                    let now = Instant::now();
                    let mut w = written_at.lock().unwrap();
                    for id in ids {
                        w.insert(id, now);
                    }
                    drop(w);
                    std::thread::sleep(gap);
                }
                {
                    let mut d = writing_done.lock().unwrap();
                    *d = (*d).max(Instant::now());
                }
                loop {
                    let st = snapshot(&sync.state());
                    {
                        let mut m = max_pending.lock().unwrap();
                        *m = (*m).max(st.pending());
                    }
                    let done = match mode {
                        Mode::Full => {
                            s.refresh().unwrap();
                            s.meeting().events_applied >= total && st.pending() == 0
                        }
                        // Everything it wrote is on the server (its pushes say so).
                        Mode::PushOnly => st
                            .seat(&seat)
                            .is_some_and(|x| x.on_server >= s.meeting().last_seq(&seat)),
                    };
                    if done {
                        converged_at.lock().unwrap().push(Instant::now());
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            });
        }
        go.wait();
        if let Some(outage) = outage {
            // In the middle of the writing.
            std::thread::sleep(gap * (each as u32) / 3);
            *stopped_at.lock().unwrap() = Some(Instant::now());
            pg.stop_immediate();
            println!("   server stopped");
            std::thread::sleep(outage);
            pg.start_server().unwrap();
            *returned_at.lock().unwrap() = Some(Instant::now());
            println!("   server started again");
        }
        latencies = chair.join().unwrap();
    });
    let mut c = pg.client(&db);
    let row = c
        .query_one(
            "SELECT count(*), count(DISTINCT event_id) FROM huiwu_events",
            &[],
        )
        .unwrap();
    let last = converged_at.lock().unwrap().iter().copied().max().unwrap();
    let from = returned_at
        .lock()
        .unwrap()
        .unwrap_or(*writing_done.lock().unwrap());
    let from = from.max(*writing_done.lock().unwrap());
    Figures {
        written: written_at.lock().unwrap().len(),
        rows: row.get(0),
        distinct: row.get(1),
        converge: last.saturating_duration_since(from),
        latencies_up: latencies
            .iter()
            .filter(|(w, _)| {
                let stop = *stopped_at.lock().unwrap();
                let back = *returned_at.lock().unwrap();
                match (stop, back) {
                    (Some(s), Some(b)) => *w < s || *w > b,
                    _ => true,
                }
            })
            .map(|(_, l)| *l)
            .collect(),
        latencies: latencies.iter().map(|(_, l)| *l).collect(),
        max_pending: *max_pending.lock().unwrap(),
    }
}
