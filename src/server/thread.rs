//! The sync of a desk (or a badge reader) on a thread of its own: it sends this
//! computer's new events as soon as they are in the journal, pulls other seats' events
//! when the server rings (LISTEN/NOTIFY) and at least every [`POLL`] anyway, and, when
//! the server is gone, keeps trying with a growing pause, then sends what waited and
//! reads everything it missed. The desk never waits for it: it records into its journal
//! as always, and hears pulled events through the pulled journals like any other seat's.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::engine::Engine;
use super::state::SharedState;

/// A pull at least this often, rung or not (the baseline without LISTEN).
pub const POLL: Duration = Duration::from_secs(2);
/// How often this computer's journals are looked at for new events to send.
pub const LOOK: Duration = Duration::from_millis(100);
/// The least time between two pulls: when a hundred seats push, the bell rings all the
/// time, and one pull brings everything rung meanwhile.
pub const PULL_GAP: Duration = Duration::from_millis(150);
/// How often what was pulled is made durable (see `Cache::checkpoint`).
pub const CHECKPOINT: Duration = Duration::from_secs(2);
/// The longest pause between two tries while the server is away.
pub const MAX_BACKOFF: Duration = Duration::from_secs(2);
/// The pause while the server refuses us for a reason a person must fix.
pub const REFUSED_BACKOFF: Duration = Duration::from_secs(15);

/// Called after events were pulled (to wake a desk), from the sync thread.
pub type OnPulled = Box<dyn Fn(usize) + Send>;

/// The running sync; stopped (and joined) when dropped.
pub struct SyncThread {
    state: SharedState,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl SyncThread {
    /// Start syncing with `engine` (connected or not).
    pub fn start(engine: Engine, on_pulled: Option<OnPulled>) -> std::io::Result<SyncThread> {
        SyncThread::spawn(engine, Mode::Follow(on_pulled))
    }

    /// Start sending only: this computer's new events go to the server as soon as they
    /// are in the journal, with the same retries, but nothing is pulled (a seat that
    /// shows no other seat, such as a badge reader's computer; the load example's seats).
    pub fn start_push_only(mut engine: Engine) -> std::io::Result<SyncThread> {
        engine.deaf();
        SyncThread::spawn(engine, Mode::PushOnly)
    }

    fn spawn(engine: Engine, mode: Mode) -> std::io::Result<SyncThread> {
        let state = engine.state();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let handle = std::thread::Builder::new()
            .name("huiwu-sync".into())
            .spawn(move || run(engine, &flag, mode))?;
        Ok(SyncThread {
            state,
            stop,
            handle: Some(handle),
        })
    }

    /// The state to show (online, pending, per seat).
    pub fn state(&self) -> SharedState {
        self.state.clone()
    }

    /// Stop and wait for the thread (at most one look, [`LOOK`], or a connect attempt).
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for SyncThread {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Whether the thread pulls too.
enum Mode {
    /// Push and pull; `on_pulled` is called after events were pulled.
    Follow(Option<OnPulled>),
    PushOnly,
}

/// A growing pause between tries, with some jitter so that a hundred seats coming back
/// at once do not knock in step.
struct Backoff {
    next: Duration,
}

impl Backoff {
    fn new() -> Backoff {
        Backoff {
            next: Duration::from_millis(250),
        }
    }

    fn pause(&mut self, transient: bool) -> Duration {
        let jitter = Duration::from_millis(u64::from(std::process::id() % 7) * 40)
            + Duration::from_nanos(u64::from(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.subsec_nanos())
                    % 200_000_000,
            ));
        if !transient {
            return REFUSED_BACKOFF + jitter;
        }
        let p = self.next;
        self.next = (self.next * 2).min(MAX_BACKOFF);
        p + jitter
    }
}

/// Sleep `d` in short steps, returning early when asked to stop.
fn sleep(d: Duration, stop: &AtomicBool) {
    let until = Instant::now() + d;
    while !stop.load(Ordering::Relaxed) {
        let now = Instant::now();
        if now >= until {
            return;
        }
        std::thread::sleep((until - now).min(LOOK));
    }
}

fn run(mut engine: Engine, stop: &AtomicBool, mode: Mode) {
    let mut backoff = Backoff::new();
    let mut last_pull: Option<Instant> = None;
    let mut last_checkpoint = Instant::now();
    let mut rang = false;
    while !stop.load(Ordering::Relaxed) {
        if !engine.is_connected() {
            if let Err(e) = engine.connect() {
                // Offline: the count of events waiting still follows the journals.
                let _ = engine.scan();
                sleep(backoff.pause(e.is_transient()), stop);
                continue;
            }
            backoff = Backoff::new();
            // A full catch-up after every reconnect: push what waited, pull from the
            // position read.
            last_pull = None;
        }
        let step = (|| {
            if engine.scan()? || last_pull.is_none() {
                engine.push()?;
            }
            let since = last_pull.map(|t| t.elapsed());
            let due = since.is_none_or(|s| s >= POLL || (rang && s >= PULL_GAP));
            if let Mode::PushOnly = mode {
                // Nothing pulled: the catch-up after a connect is the push above.
                last_pull = Some(Instant::now());
            } else if let Mode::Follow(on_pulled) = &mode
                && due
            {
                let r = engine.pull()?;
                last_pull = Some(Instant::now());
                rang = false;
                if r.pulled() > 0
                    && let Some(f) = on_pulled
                {
                    f(r.pulled());
                }
            }
            if last_checkpoint.elapsed() >= CHECKPOINT {
                engine.checkpoint()?;
                last_checkpoint = Instant::now();
            }
            if rang && matches!(mode, Mode::Follow(_)) {
                // Rung already: the pull waits for its gap; the bell is read then.
                let wait = PULL_GAP.saturating_sub(since.unwrap_or_default());
                std::thread::sleep(wait.clamp(Duration::from_millis(5), LOOK));
                Ok(true)
            } else {
                engine.wait(LOOK)
            }
        })();
        match step {
            Ok(r) => rang |= r,
            Err(e) => {
                rang = false;
                if !engine.is_connected() {
                    sleep(backoff.pause(e.is_transient()), stop);
                } else {
                    // A local problem (the disk): try again after a pause.
                    sleep(MAX_BACKOFF, stop);
                }
            }
        }
    }
    // Stopping: what the program wrote last is sent, when the server is there; what was
    // pulled is made durable (the engine's drop).
    if engine.is_connected() {
        let _ = engine.push();
    }
}
