//! One seat computer's link to the server: push what this computer's journals hold and
//! the server lacks, pull what other seats wrote. Used once by a command (`huiwu sync`,
//! `attend --server`) and over and over by the background thread of a desk.
//!
//! Appends to one meeting are serialised on the server (an advisory transaction lock per
//! meeting), so that positions become visible in the order they were given out: a reader
//! paging by "position greater than the last I saw" never skips a late commit. A push is
//! idempotent: the seat's numbers already on the server are compared with what is sent,
//! the same event passes, a different one is a seat clash and the seat is not sent.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;
use sha2::{Digest, Sha256};

use super::cache::{Cache, Pulled};
use super::error::ServerError;
use super::outbox::Outbox;
use super::schema;
use super::state::{SharedState, SyncState, update};
use super::url::ServerUrl;
use crate::store::layout;
use crate::store::session::AgendaFile;

/// Events sent in one transaction.
const PUSH_BATCH: usize = 500;
/// Rows read in one page.
const PULL_PAGE: i64 = 2_000;
/// The channel a push rings (where the server has LISTEN/NOTIFY).
const CHANNEL: &str = "huiwu_events";

/// The meeting on this computer that is synced.
#[derive(Debug, Clone)]
pub struct Target {
    pub data_dir: PathBuf,
    pub meeting: String,
    /// The agenda file's SHA-256 (the server's meeting must have it).
    pub agenda_sha256: String,
    pub agenda_path: String,
}

impl Target {
    pub fn new(agenda: &AgendaFile, data_dir: &Path) -> Target {
        Target {
            data_dir: data_dir.to_path_buf(),
            meeting: agenda.agenda.meeting.id.clone(),
            agenda_sha256: agenda.sha256.clone(),
            agenda_path: agenda.path.display().to_string(),
        }
    }
}

/// What one seat moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moved {
    pub seat: String,
    /// Its events sent to the server.
    pub pushed: usize,
    /// Of those, already there (sent before, a reply lost).
    pub already: usize,
    /// Its events brought here.
    pub pulled: usize,
    /// Refused: another computer writes as this seat (the first differing number).
    pub clash: Option<u64>,
}

/// What a sync moved, per seat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub seats: Vec<Moved>,
}

impl Report {
    fn seat(&mut self, seat: &str) -> &mut Moved {
        let i = match self.seats.iter().position(|m| m.seat == seat) {
            Some(i) => i,
            None => {
                self.seats.push(Moved {
                    seat: seat.to_string(),
                    ..Moved::default()
                });
                self.seats.len() - 1
            }
        };
        &mut self.seats[i]
    }

    pub fn pushed(&self) -> usize {
        self.seats.iter().map(|m| m.pushed).sum()
    }

    pub fn pulled(&self) -> usize {
        self.seats.iter().map(|m| m.pulled).sum()
    }

    pub fn clashes(&self) -> impl Iterator<Item = &Moved> {
        self.seats.iter().filter(|m| m.clash.is_some())
    }

    fn merge(&mut self, other: Report) {
        for m in other.seats {
            let s = self.seat(&m.seat);
            s.pushed += m.pushed;
            s.already += m.already;
            s.pulled += m.pulled;
            s.clash = s.clash.or(m.clash);
        }
    }
}

/// A connection, checked: the schema is ours, the meeting is there with our agenda.
struct Link {
    client: Client,
    /// The server rings on a push (LISTEN worked).
    listening: bool,
}

/// Pushes and pulls one meeting.
pub struct Engine {
    url: ServerUrl,
    target: Target,
    link: Option<Link>,
    outbox: Outbox,
    cache: Cache,
    state: SharedState,
    /// The advisory lock of the meeting's appends.
    lock_key: i64,
    /// The meeting's agenda as registered on the server.
    server_sha: Option<String>,
    /// The outbox's journals as last listed.
    listed: Option<(std::time::Instant, Vec<PathBuf>)>,
    /// Seats known to write here, or not (cleared when the journals are listed again).
    local_seats: std::collections::HashMap<String, bool>,
    /// Whether [`Engine::wait`] listens for other seats' pushes (a seat that only sends
    /// does not: it would wake for every push of every seat).
    hear: bool,
}

/// How often the outbox's journals are listed again.
const RELIST: Duration = Duration::from_secs(1);

impl Engine {
    /// An engine for `target` on server `url`: reads what was pulled before. Nothing is
    /// sent until [`Engine::connect`].
    pub fn new(url: ServerUrl, target: Target) -> Result<Engine, ServerError> {
        let cache = Cache::load(&target.data_dir, &target.meeting).map_err(local)?;
        let outbox = Outbox::new(cache.progress.sent.clone());
        let state = std::sync::Arc::new(std::sync::Mutex::new(SyncState::new(url.shown())));
        let lock_key = meeting_lock(&target.meeting);
        let mut e = Engine {
            url,
            target,
            link: None,
            outbox,
            cache,
            state,
            lock_key,
            server_sha: None,
            listed: None,
            local_seats: Default::default(),
            hear: true,
        };
        e.scan()?;
        Ok(e)
    }

    /// Stop listening for other seats' pushes ([`Engine::wait`] then only waits); its own
    /// pushes still ring for the others.
    pub fn deaf(&mut self) {
        self.hear = false;
        if let Some(link) = self.link.as_mut().filter(|l| l.listening) {
            let _ = link.client.batch_execute(&format!("UNLISTEN {CHANNEL}"));
        }
    }

    /// The state shown to a person (shared with the desk).
    pub fn state(&self) -> SharedState {
        self.state.clone()
    }

    pub fn server(&self) -> &str {
        self.url.shown()
    }

    pub fn is_connected(&self) -> bool {
        self.link.as_ref().is_some_and(|l| !l.client.is_closed())
    }

    /// Whether the server rings when another seat pushes.
    pub fn is_listening(&self) -> bool {
        self.link.as_ref().is_some_and(|l| l.listening)
    }

    /// The journals this computer sends: its seats', the format-1 one, the carried ones
    /// (a venue without a link whose journal came on a USB stick); never the pulled ones.
    /// Listed again at most every [`RELIST`]: journals appear rarely, and a meeting's
    /// folder holds a pulled journal per seat of the meeting.
    fn outbox_paths(&mut self) -> Result<Vec<PathBuf>, ServerError> {
        if let Some((at, paths)) = &self.listed
            && at.elapsed() < RELIST
        {
            return Ok(paths.clone());
        }
        let l = layout::list(&self.target.data_dir, &self.target.meeting).map_err(local)?;
        let paths: Vec<PathBuf> = l
            .legacy
            .into_iter()
            .chain(l.local)
            .chain(l.carried)
            .collect();
        self.listed = Some((std::time::Instant::now(), paths.clone()));
        self.local_seats.clear();
        Ok(paths)
    }

    /// Whether `seat` writes on this computer (its events are never pulled here).
    fn is_local(&mut self, seat: &str) -> bool {
        if let Some(&b) = self.local_seats.get(seat) {
            return b;
        }
        let b = layout::seat_journal(&self.target.data_dir, &self.target.meeting, seat).exists();
        self.local_seats.insert(seat.to_string(), b);
        b
    }

    /// Read what this computer's journals gained; whether there is anything new.
    pub fn scan(&mut self) -> Result<bool, ServerError> {
        let paths = self.outbox_paths()?;
        let any = self.outbox.scan(&paths).map_err(local)?;
        self.show_pending();
        Ok(any)
    }

    fn show_pending(&self) {
        let counts = self.outbox.pending_counts();
        update(&self.state, |s| {
            for (seat, n) in counts {
                let st = s.seat_mut(&seat);
                st.local = true;
                st.pending = n;
            }
        });
    }

    /// Connect and check the server: the schema, the meeting and its agenda; note this
    /// computer's clock against the server's; start listening.
    pub fn connect(&mut self) -> Result<(), ServerError> {
        let r = self.try_connect();
        self.note(&r);
        r
    }

    fn try_connect(&mut self) -> Result<(), ServerError> {
        self.link = None;
        let shown = self.url.shown().to_string();
        let pg = |e: postgres::Error| ServerError::from_pg(&shown, &e);
        let mut client = self.url.connect()?;
        let instance = schema::check(&mut client, &shown)?;
        // The pushes' literals rely on it (a backslash is an ordinary character).
        client
            .batch_execute("SET standard_conforming_strings = on")
            .map_err(pg)?;
        if self.cache.for_instance(&instance) {
            // Another database (or the first one): what it holds of ours is asked again.
            self.outbox.sent.clear();
            self.outbox.rescan();
        }
        self.scan()?;
        self.server_sha = Some(self.register(&mut client)?);
        // What the server holds of each seat: less than we marked sent means it lost
        // events (restored from an older backup): read our journals again to send them.
        let rows = client
            .query(
                "SELECT seat, max(seq),
                        CAST(extract(epoch FROM max(received_at)) * 1000 AS bigint)
                 FROM huiwu_events WHERE meeting = $1 GROUP BY seat",
                &[&self.target.meeting],
            )
            .map_err(pg)?;
        let mut lost = false;
        for r in &rows {
            let seat: String = r.get(0);
            let max: i64 = r.get(1);
            let max = u64::try_from(max).unwrap_or(0);
            // When each seat was last heard from, also for a desk that pulls nothing new.
            let received = r
                .get::<_, Option<i64>>(2)
                .and_then(DateTime::from_timestamp_millis);
            lost |= self.outbox.server_has_up_to(&seat, max);
            update(&self.state, |s| {
                let st = s.seat_mut(&seat);
                st.on_server = st.on_server.max(max);
                if let Some(at) = received {
                    st.received(at);
                }
            });
        }
        let on_server: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
        let forgotten: Vec<String> = self
            .outbox
            .sent
            .keys()
            .filter(|s| !on_server.contains(s))
            .cloned()
            .collect();
        for seat in forgotten {
            lost |= self.outbox.server_has_up_to(&seat, 0);
        }
        if lost {
            self.outbox.rescan();
            self.scan()?;
        }
        // The server's clock against ours, half the round trip taken off.
        let before = Utc::now();
        let server_ms: i64 = client
            .query_one(
                "SELECT CAST(extract(epoch FROM clock_timestamp()) * 1000 AS bigint)",
                &[],
            )
            .map_err(pg)?
            .get(0);
        let after = Utc::now();
        let mid = before + (after - before) / 2;
        let own_skew = mid.timestamp_millis() - server_ms;
        // LISTEN is a speed-up: a server without it (openGauss) is polled.
        let listening = client.batch_execute(&format!("LISTEN {CHANNEL}")).is_ok();
        if listening && !self.hear {
            // Only to know that the server rings: the pushes ring for the others.
            let _ = client.batch_execute(&format!("UNLISTEN {CHANNEL}"));
        }
        update(&self.state, |s| s.own_skew_ms = Some(own_skew));
        self.link = Some(Link { client, listening });
        Ok(())
    }

    /// The meeting's agenda on the server, registering the meeting if it is new there.
    fn register(&self, client: &mut Client) -> Result<String, ServerError> {
        let shown = self.url.shown();
        let pg = |e: postgres::Error| ServerError::from_pg(shown, &e);
        let t = &self.target;
        let select = "SELECT agenda_sha256 FROM huiwu_meetings WHERE meeting = $1";
        let sha: String = match client.query_opt(select, &[&t.meeting]).map_err(pg)? {
            Some(r) => r.get(0),
            None => {
                let inserted = client.execute(
                    "INSERT INTO huiwu_meetings (meeting, agenda_sha256) VALUES ($1, $2)",
                    &[&t.meeting, &t.agenda_sha256],
                );
                match inserted {
                    Ok(_) => t.agenda_sha256.clone(),
                    // Another seat registered it meanwhile.
                    Err(_) => client.query_one(select, &[&t.meeting]).map_err(pg)?.get(0),
                }
            }
        };
        if sha != t.agenda_sha256 && !t.agenda_sha256.is_empty() {
            // The agenda may change during a meeting, as a seat records it.
            let changed = client
                .query_opt(
                    "SELECT 1 FROM huiwu_events WHERE meeting = $1 AND agenda_sha256 = $2 LIMIT 1",
                    &[&t.meeting, &t.agenda_sha256],
                )
                .map_err(pg)?
                .is_some();
            if !changed && !self.outbox.changes_agenda_to(&t.agenda_sha256) {
                return Err(ServerError::OtherAgenda {
                    meeting: t.meeting.clone(),
                    server_sha: short_sha(&sha),
                    local_sha: short_sha(&t.agenda_sha256),
                });
            }
        }
        Ok(sha)
    }

    /// Connect if not connected, push, pull: what `huiwu sync` does once.
    pub fn sync(&mut self) -> Result<Report, ServerError> {
        if !self.is_connected() {
            self.connect()?;
        }
        let mut report = self.push()?;
        report.merge(self.pull()?);
        self.checkpoint()?;
        Ok(report)
    }

    /// Make what was pulled durable and keep how far the server was read (see
    /// [`Cache::checkpoint`]); also done when the engine is dropped.
    pub fn checkpoint(&mut self) -> Result<(), ServerError> {
        self.cache.checkpoint().map_err(local)
    }

    /// Send every line of this computer's journals that the server lacks.
    pub fn push(&mut self) -> Result<Report, ServerError> {
        let r = self.try_push();
        self.note(&r);
        r
    }

    fn try_push(&mut self) -> Result<Report, ServerError> {
        // A journal that appeared since the last listing (a command's first event) is sent
        // at once.
        self.listed = None;
        self.scan()?;
        let mut report = Report::default();
        let clashed: Vec<String> = crate::server::state::snapshot(&self.state)
            .seats
            .iter()
            .filter(|s| s.clash.is_some())
            .map(|s| s.seat.clone())
            .collect();
        for seat in self.outbox.seats() {
            if clashed.contains(&seat) {
                report.seat(&seat).clash = self.clash_of(&seat);
                continue;
            }
            loop {
                let batch = self.outbox.batch(&seat, PUSH_BATCH);
                if batch.is_empty() {
                    break;
                }
                match self.push_batch(&seat, &batch)? {
                    Pushed::Done { inserted, already } => {
                        let seqs: Vec<u64> = batch.iter().map(|l| l.seq).collect();
                        self.outbox.confirm(&seat, &seqs);
                        // Known without a pull (a seat that only sends pulls nothing).
                        let top = seqs.iter().copied().max().unwrap_or(0);
                        update(&self.state, |s| {
                            let st = s.seat_mut(&seat);
                            st.on_server = st.on_server.max(top);
                        });
                        let m = report.seat(&seat);
                        m.pushed += inserted;
                        m.already += already;
                    }
                    Pushed::Clash(seq) => {
                        report.seat(&seat).clash = Some(seq);
                        update(&self.state, |s| s.seat_mut(&seat).clash = Some(seq));
                        break;
                    }
                }
            }
        }
        self.cache.progress.sent = self.outbox.sent.clone();
        self.show_pending();
        Ok(report)
    }

    fn clash_of(&self, seat: &str) -> Option<u64> {
        crate::server::state::snapshot(&self.state)
            .seat(seat)
            .and_then(|s| s.clash)
    }

    /// Send one batch of a seat's lines. What the server holds of these numbers is read
    /// first (rows never change, so no lock is needed for that): the same event passes, a
    /// different one is a clash. The rest goes in one round trip, one transaction: take
    /// the meeting's append lock, insert, ring. The lock is held only while the server
    /// works, never while this computer waits for its turn on a busy processor.
    fn push_batch(
        &mut self,
        seat: &str,
        batch: &[super::outbox::OutLine],
    ) -> Result<Pushed, ServerError> {
        let shown = self.url.shown().to_string();
        let pg = |e: postgres::Error| ServerError::from_pg(&shown, &e);
        let meeting = self.target.meeting.clone();
        let key = self.lock_key;
        let link = self.link.as_mut().ok_or_else(|| not_connected(&shown))?;
        let lo = i64::try_from(batch[0].seq).unwrap_or(i64::MAX);
        let hi = i64::try_from(batch[batch.len() - 1].seq).unwrap_or(i64::MAX);
        // A second look when another process of this computer sent some of these meanwhile.
        for attempt in 0..2 {
            let held = link
                .client
                .query(
                    "SELECT seq, event_id FROM huiwu_events
                     WHERE meeting = $1 AND seat = $2 AND seq BETWEEN $3 AND $4",
                    &[&meeting, &seat, &lo, &hi],
                )
                .map_err(pg)?;
            let mut already = 0;
            let mut fresh = Vec::with_capacity(batch.len());
            for l in batch {
                let seq = i64::try_from(l.seq).unwrap_or(i64::MAX);
                match held.iter().find(|r| r.get::<_, i64>(0) == seq) {
                    Some(r) if r.get::<_, String>(1) == l.id => already += 1,
                    Some(_) => return Ok(Pushed::Clash(l.seq)),
                    None => fresh.push(l),
                }
            }
            if fresh.is_empty() {
                return Ok(Pushed::Done {
                    inserted: 0,
                    already,
                });
            }
            let script = insert_script(key, &meeting, &fresh, link.listening);
            match link.client.batch_execute(&script) {
                Ok(()) => {
                    return Ok(Pushed::Done {
                        inserted: fresh.len(),
                        already,
                    });
                }
                Err(e)
                    if e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION)
                        && attempt == 0 => {}
                Err(e) if e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION) => {
                    // Still there: an event's id under another seat or number (a copied
                    // journal).
                    return Ok(Pushed::Clash(fresh[0].seq));
                }
                Err(e) => return Err(pg(e)),
            }
        }
        Err(ServerError::Server {
            server: shown.clone(),
            why: "the push did not settle".into(),
        })
    }

    /// Bring every event the server has past the position read, except this computer's
    /// own seats', into the pulled journals.
    pub fn pull(&mut self) -> Result<Report, ServerError> {
        let r = self.try_pull();
        self.note(&r);
        r
    }

    fn try_pull(&mut self) -> Result<Report, ServerError> {
        let shown = self.url.shown().to_string();
        let pg = |e: postgres::Error| ServerError::from_pg(&shown, &e);
        let mut report = Report::default();
        let header_sha = self
            .server_sha
            .clone()
            .unwrap_or_else(|| self.target.agenda_sha256.clone());
        loop {
            let link = self.link.as_mut().ok_or_else(|| not_connected(&shown))?;
            let rows = link
                .client
                .query(
                    "SELECT position, seat, seq, body,
                            CAST(extract(epoch FROM received_at) * 1000 AS bigint)
                     FROM huiwu_events WHERE meeting = $1 AND position > $2
                     ORDER BY position LIMIT $3",
                    &[
                        &self.target.meeting,
                        &self.cache.progress.position,
                        &PULL_PAGE,
                    ],
                )
                .map_err(pg)?;
            let Some(last) = rows.last() else {
                break;
            };
            let last_position: i64 = last.get(0);
            let full = rows.len() as i64 == PULL_PAGE;
            let mut keep: Vec<(String, u64, String)> = Vec::new();
            let mut heard: Vec<(String, u64, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
            for r in &rows {
                let seat: String = r.get(1);
                let seq = u64::try_from(r.get::<_, i64>(2)).unwrap_or(0);
                let body: String = r.get(3);
                let received = DateTime::from_timestamp_millis(r.get(4)).unwrap_or_default();
                if let Ok(at) = serde_json::from_str::<EventTime>(&body) {
                    heard.push((seat.clone(), seq, at.at, received));
                }
                if !self.is_local(&seat) && !self.cache.holds(&seat, seq) {
                    keep.push((seat, seq, body));
                }
            }
            let rows: Vec<Pulled> = keep
                .iter()
                .map(|(seat, seq, body)| Pulled {
                    seat,
                    seq: *seq,
                    body,
                })
                .collect();
            self.cache
                .append(&rows, &self.target.agenda_path, &header_sha)
                .map_err(local)?;
            for (seat, _, _) in &keep {
                report.seat(seat).pulled += 1;
            }
            self.cache.progress.position = last_position;
            update(&self.state, |s| {
                s.position = last_position;
                for (seat, seq, at, received) in heard {
                    s.seat_mut(&seat).heard(seq, at, received);
                }
            });
            if !full {
                break;
            }
        }
        Ok(report)
    }

    /// Wait up to `timeout` for the server to ring (another seat pushed); whether it did.
    /// Without LISTEN, just waits.
    pub fn wait(&mut self, timeout: Duration) -> Result<bool, ServerError> {
        let shown = self.url.shown().to_string();
        let hear = self.hear;
        let Some(link) = self.link.as_mut().filter(|l| l.listening && hear) else {
            std::thread::sleep(timeout);
            return Ok(false);
        };
        let rang = {
            let mut n = link.client.notifications();
            let r = n.timeout_iter(timeout).next().map(|o| o.is_some());
            if r.is_ok() {
                // Several rings are one pull.
                let mut more = n.iter();
                while let Ok(Some(_)) = more.next() {}
            }
            r
        };
        match rang {
            Ok(r) => Ok(r),
            Err(e) => {
                let err = ServerError::from_pg(&shown, &e);
                self.note::<()>(&Err(err.clone()));
                Err(err)
            }
        }
    }

    /// Drop the connection (a test's cut, or after an error).
    pub fn disconnect(&mut self) {
        self.link = None;
    }

    /// Note the outcome in the shared state: online, or offline and why (a connection
    /// with an error that is not the server's answer is dropped, to be made again).
    fn note<T>(&mut self, r: &Result<T, ServerError>) {
        let now = Utc::now();
        match r {
            Ok(_) => update(&self.state, |s| s.went_online(now)),
            Err(e) => {
                if !matches!(e, ServerError::Local { .. }) {
                    self.link = None;
                }
                update(&self.state, |s| s.went_offline(e.clone(), now));
            }
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        let _ = self.cache.checkpoint();
    }
}

/// The one field of a line the pull looks at (for the seat's clock): the rest of the
/// line is skipped, not parsed; the desk parses it when it reads the pulled journal.
#[derive(serde::Deserialize)]
struct EventTime {
    at: DateTime<Utc>,
}

enum Pushed {
    Done { inserted: usize, already: usize },
    Clash(u64),
}

fn local(e: impl std::fmt::Display) -> ServerError {
    ServerError::Local { why: e.to_string() }
}

fn not_connected(server: &str) -> ServerError {
    ServerError::Offline {
        server: server.to_string(),
        why: "not connected".into(),
    }
}

/// One batch of lines as one script: several statements in one simple query run as one
/// transaction (the lock held to its end), in one round trip. The values are SQL string
/// literals, quotes doubled (the connection sets `standard_conforming_strings`, so a
/// backslash is an ordinary character); a journal line holds no NUL (JSON escapes it).
fn insert_script(key: i64, meeting: &str, lines: &[&super::outbox::OutLine], ring: bool) -> String {
    let lit = |s: &str| format!("'{}'", s.replace('\0', "").replace('\'', "''"));
    let mut sql = String::with_capacity(lines.iter().map(|l| l.text.len() + 200).sum());
    sql.push_str(&format!("SELECT pg_advisory_xact_lock({key});\n"));
    sql.push_str(
        "INSERT INTO huiwu_events (meeting, seat, seq, event_id, agenda_sha256, body) VALUES\n",
    );
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            sql.push_str(",\n");
        }
        let sha = l.agenda_sha256.as_deref().map_or("NULL".to_string(), lit);
        sql.push_str(&format!(
            "({}, {}, {}, {}, {sha}, {})",
            lit(meeting),
            lit(&l.seat),
            l.seq,
            lit(&l.id),
            lit(&l.text)
        ));
    }
    sql.push_str(";\n");
    if ring {
        sql.push_str(&format!(
            "SELECT pg_notify('{CHANNEL}', {});\n",
            lit(meeting)
        ));
    }
    sql
}

/// The advisory lock key of a meeting's appends: the first 8 bytes of a hash of its id.
pub fn meeting_lock(meeting: &str) -> i64 {
    let d = Sha256::digest(format!("huiwu-meeting:{meeting}").as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    i64::from_be_bytes(b)
}

fn short_sha(sha: &str) -> String {
    sha.chars().take(12).collect()
}
