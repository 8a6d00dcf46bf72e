//! Measure how soon an open desk shows another local seat's event, with many seats
//! writing at once (issue 13's budget: within 1 s at the 99th percentile with 10 seats).
//!
//! ```sh
//! cargo run --release --example live_latency -- [--seats 10] [--per-seat 100] [--rate 5]
//!     [--venues 100] [--per-venue 360]
//! ```
//!
//! A generated meeting (`--venues` x `--per-venue` people, 36,000 by default) on a fresh
//! data dir. `--seats` writer threads each open their own seat (`Session::open`, as a
//! second desk, a badge reader or `huiwu attend` does) and sign their venue's people in,
//! `--rate` a second each with jitter, every sign-in written and synced before it counts
//! as written. The desk is the real one: an `App` on its own seat, following through
//! its journal watcher, driven by a loop like `tui::run`'s (take the inbox, draw the
//! whole screen, wait one tick for keys that never come). An event's latency is from
//! the moment its writer's `execute` returned (on disk) to the end of the first frame
//! drawn with that person signed in. Prints the count, median, 90th and 99th percentile
//! and maximum.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use clap::Parser;
use huiwu::core::command::Command;
use huiwu::i18n::Lang;
use huiwu::sample::{Rng, generate, write_agenda};
use huiwu::store::session::{Session, read_agenda};
use huiwu::tui::App;
use huiwu::tui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[derive(Parser)]
#[command(name = "live_latency")]
struct Args {
    /// Seats writing at once (each signs in one branch venue's people).
    #[arg(long, default_value_t = 10)]
    seats: usize,
    /// Sign-ins per seat.
    #[arg(long, default_value_t = 100)]
    per_seat: usize,
    /// Sign-ins a second per seat (on average; the gaps are jittered).
    #[arg(long, default_value_t = 5.0)]
    rate: f64,
    /// Venues of the generated meeting (one main, the rest branch).
    #[arg(long, default_value_t = 100)]
    venues: usize,
    /// People per venue.
    #[arg(long, default_value_t = 360)]
    per_venue: usize,
}

/// The desk's tick (`tui::run` waits this long for a key before drawing again).
const TICK: Duration = Duration::from_millis(250);

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(
        args.seats < args.venues,
        "--seats must be fewer than --venues"
    );
    anyhow::ensure!(
        args.per_seat <= args.per_venue,
        "--per-seat is at most --per-venue"
    );
    let dir = tempfile::tempdir()?;
    let agenda_path = dir.path().join("agenda.json");
    let generated = generate(args.venues, args.per_venue, 2017);
    write_agenda(&generated, &mut std::fs::File::create(&agenda_path)?)?;
    let agenda = read_agenda(&agenda_path, Lang::Zh).map_err(|e| anyhow::anyhow!("{e}"))?;
    let data = dir.path().join("data");

    let desk = Session::open(&agenda, &data, "desk", Utc::now())?;
    let mut app = App::new(desk, Lang::Zh, Keymap::default());
    app.follow_seats();
    let mut term = Terminal::new(TestBackend::new(120, 40))?;

    // When each person's sign-in was on disk.
    let written: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    let mut writers = Vec::new();
    for w in 0..args.seats {
        let venue = generated.venues[w + 1].id.clone();
        let people: Vec<String> = generated
            .participants
            .iter()
            .filter(|p| p.venue == venue)
            .take(args.per_seat)
            .map(|p| p.id.clone())
            .collect();
        let (agenda, data, written) = (agenda.clone(), data.clone(), written.clone());
        let gap = 1.0 / args.rate;
        writers.push(std::thread::spawn(move || -> anyhow::Result<()> {
            let mut s = Session::open(&agenda, &data, format!("reader-{w}").as_str(), Utc::now())?;
            let mut rng = Rng::new(w as u64 + 1);
            for id in people {
                // Gaps between half and one and a half of the mean.
                let jitter = 0.5 + rng.below(1000) as f64 / 1000.0;
                std::thread::sleep(Duration::from_secs_f64(gap * jitter));
                let cmd = Command::SignIn {
                    participant: id.clone(),
                    late: false,
                    effective_at: None,
                };
                s.execute(&cmd, Utc::now())?;
                let done = Instant::now();
                written
                    .lock()
                    .map_err(|_| anyhow::anyhow!("a writer panicked"))?
                    .insert(id, done);
            }
            Ok(())
        }));
    }

    let total = args.seats * args.per_seat;
    let mut latencies: Vec<Duration> = Vec::with_capacity(total);
    let mut heard: std::collections::HashSet<String> = Default::default();
    let mut frames: Vec<Duration> = Vec::new();
    let started = Instant::now();
    let mut last_news = Instant::now();
    while heard.len() < total {
        // The run loop: the inbox, a frame, then a tick waiting for keys.
        let t = Instant::now();
        app.receive(Utc::now());
        term.draw(|f| app.draw(f, Utc::now()))?;
        let drawn = Instant::now();
        frames.push(drawn - t);
        let m = app.meeting();
        let pending: Vec<(String, Instant)> = written
            .lock()
            .map_err(|_| anyhow::anyhow!("a writer panicked"))?
            .iter()
            .filter(|(id, _)| !heard.contains(*id))
            .map(|(id, at)| (id.clone(), *at))
            .collect();
        for (id, at) in pending {
            let shown = m.person(&id).is_some_and(|p| m.attendance[p].is_present());
            if shown {
                latencies.push(drawn.saturating_duration_since(at));
                heard.insert(id);
                last_news = drawn;
            }
        }
        if last_news.elapsed() > Duration::from_secs(30) {
            anyhow::bail!("nothing new shown for 30 s: {} of {total}", heard.len());
        }
        std::thread::sleep(TICK);
    }
    for w in writers {
        w.join()
            .map_err(|_| anyhow::anyhow!("a writer panicked"))??;
    }
    latencies.sort();
    frames.sort();
    let pct = |v: &[Duration], p: f64| -> f64 {
        let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
        v[i].as_secs_f64() * 1000.0
    };
    println!(
        "{} seats x {} sign-ins ({:.1}/s each) into a meeting of {} people, in {:.1} s",
        args.seats,
        args.per_seat,
        args.rate,
        generated.participants.len(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "shown on the desk after: median {:.0} ms, p90 {:.0} ms, p99 {:.0} ms, max {:.0} ms ({} events)",
        pct(&latencies, 0.5),
        pct(&latencies, 0.9),
        pct(&latencies, 0.99),
        pct(&latencies, 1.0),
        latencies.len()
    );
    println!(
        "the desk's loop (take the inbox, fold, redraw): median {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pct(&frames, 0.5),
        pct(&frames, 0.99),
        pct(&frames, 1.0)
    );
    Ok(())
}
