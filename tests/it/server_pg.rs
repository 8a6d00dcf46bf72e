//! A throwaway PostgreSQL for the server tests: `initdb` and `pg_ctl` run as the
//! `postgres` user (the server refuses root) through `runuser`, the data and the socket
//! in a temporary directory, no TCP. One cluster is shared by the tests of the process
//! (a fresh database each); a test that stops or restarts its server starts its own.
//!
//! Without PostgreSQL's programs: with `CI` set the tests fail, else they skip with the
//! reason printed. `HUIWU_PG_BIN` names the folder of `initdb` and `pg_ctl`, if not under
//! /usr/lib/postgresql/*/bin.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A running cluster.
pub struct Cluster {
    dir: PathBuf,
    data: PathBuf,
    bin: PathBuf,
    /// Stop and remove it when dropped (not the shared one: the watchdog does that).
    owned: bool,
}

/// How a cluster keeps its data: tests need no `fsync`; a benchmark measures with it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    Fast,
    Durable,
}

static SHARED: OnceLock<Result<Cluster, String>> = OnceLock::new();
static DBS: AtomicUsize = AtomicUsize::new(0);

/// The cluster shared by this process's tests, or `None` (the test skips) when
/// PostgreSQL is missing here and this is not CI.
pub fn shared() -> Option<&'static Cluster> {
    match SHARED.get_or_init(|| Cluster::start(false, Durability::Fast)) {
        Ok(c) => Some(c),
        Err(why) => skip(why),
    }
}

/// A cluster of the test's own (to stop, restart, cut), stopped when dropped.
pub fn own() -> Option<Cluster> {
    own_with(Durability::Fast)
}

/// [`own`], with `fsync` as configured.
pub fn own_with(d: Durability) -> Option<Cluster> {
    match Cluster::start(true, d) {
        Ok(c) => Some(c),
        Err(why) => skip(&why),
    }
}

fn skip<T>(why: &str) -> Option<T> {
    if std::env::var_os("CI").is_some() {
        panic!("PostgreSQL is needed for the server tests in CI: {why}");
    }
    eprintln!("skipped: no PostgreSQL for the server tests ({why})");
    None
}

/// Where initdb and pg_ctl are.
fn bin_dir() -> Result<PathBuf, String> {
    if let Some(b) = std::env::var_os("HUIWU_PG_BIN") {
        return Ok(PathBuf::from(b));
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|e| format!("/usr/lib/postgresql: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    // The newest version: "15" after "9.6", by number.
    found.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.split('.').next())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    found
        .pop()
        .ok_or_else(|| "no initdb under /usr/lib/postgresql/*/bin".into())
}

fn as_postgres(bin: &Path, tool: &str) -> Command {
    let mut c = Command::new("runuser");
    c.args(["-u", "postgres", "--"]).arg(bin.join(tool));
    c.stdin(Stdio::null());
    c
}

fn run(mut c: Command, what: &str) -> Result<(), String> {
    let out = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("{what}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

impl Cluster {
    fn start(owned: bool, durability: Durability) -> Result<Cluster, String> {
        let bin = bin_dir()?;
        let dir = tempfile::Builder::new()
            .prefix("huiwu-pg-")
            .tempdir()
            .map_err(|e| e.to_string())?
            .keep();
        // The postgres user must reach the folder (it holds the data and the socket).
        run(
            {
                let mut c = Command::new("chown");
                c.arg("postgres:postgres").arg(&dir);
                c
            },
            "chown",
        )?;
        let data = dir.join("data");
        let mut init = as_postgres(&bin, "initdb");
        init.arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "--auth-local=trust",
            "--no-sync",
            "-E",
            "UTF8",
        ]);
        run(init, "initdb")?;
        // The superuser without a password on the socket; every other role with one.
        let hba = "local all postgres trust\nlocal all all scram-sha-256\n";
        std::fs::write(data.join("pg_hba.conf"), hba).map_err(|e| e.to_string())?;
        let conf = format!(
            "\nlisten_addresses = ''\nunix_socket_directories = '{}'\nmax_connections = 300\n\
             fsync = {}\nshared_buffers = 64MB\nlog_min_messages = fatal\n",
            dir.display(),
            if durability == Durability::Fast {
                "off"
            } else {
                "on"
            }
        );
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(data.join("postgresql.conf"))
            .map_err(|e| e.to_string())?;
        std::io::Write::write_all(&mut f, conf.as_bytes()).map_err(|e| e.to_string())?;
        let c = Cluster {
            dir,
            data,
            bin,
            owned,
        };
        c.watchdog();
        c.start_server()?;
        Ok(c)
    }

    /// Stop the server and remove its folder when this test process is gone, whatever
    /// way it ends (a static is never dropped; a panic may abort).
    fn watchdog(&self) {
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
             runuser -u postgres -- '{pg_ctl}' -D '{data}' stop -m immediate >/dev/null 2>&1; \
             rm -rf '{dir}'",
            pid = std::process::id(),
            pg_ctl = self.bin.join("pg_ctl").display(),
            data = self.data.display(),
            dir = self.dir.display(),
        );
        let _ = Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
    }

    pub fn start_server(&self) -> Result<(), String> {
        let mut c = as_postgres(&self.bin, "pg_ctl");
        c.arg("-D")
            .arg(&self.data)
            .arg("-l")
            .arg(self.dir.join("log"))
            .args(["-w", "-t", "60", "start"]);
        run(c, "pg_ctl start")
    }

    /// `pg_ctl stop -m immediate`: the server is gone at once, as in a power cut.
    pub fn stop_immediate(&self) {
        let mut c = as_postgres(&self.bin, "pg_ctl");
        c.arg("-D")
            .arg(&self.data)
            .args(["-w", "stop", "-m", "immediate"]);
        run(c, "pg_ctl stop").unwrap();
    }

    /// The address of database `db` as the superuser.
    pub fn url(&self, db: &str) -> String {
        format!("host={} user=postgres dbname={db}", self.dir.display())
    }

    /// The address of database `db` as `user` with `password`.
    pub fn url_as(&self, db: &str, user: &str, password: &str) -> String {
        format!(
            "host={} user={user} password={password} dbname={db}",
            self.dir.display()
        )
    }

    /// The folder of the socket (a host where no server listens: use another folder).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A connection as the superuser.
    pub fn client(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(&self.url(db), postgres::NoTls).unwrap()
    }

    /// A new, empty database; its name.
    pub fn fresh_db(&self) -> String {
        let name = format!(
            "t{}_{}",
            std::process::id(),
            DBS.fetch_add(1, Ordering::Relaxed)
        );
        self.client("postgres")
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        name
    }

    /// Run SQL in database `db` as the superuser.
    pub fn sql(&self, db: &str, sql: &str) {
        self.client(db).batch_execute(sql).unwrap();
    }

    /// The number of events of meeting `meeting` on the server.
    pub fn rows(&self, db: &str, meeting: &str) -> i64 {
        self.client(db)
            .query_one(
                "SELECT count(*) FROM huiwu_events WHERE meeting = $1",
                &[&meeting],
            )
            .unwrap()
            .get(0)
    }

    /// Kill every huiwu connection to database `db` (as a network cut would).
    pub fn kill_connections(&self, db: &str) -> i64 {
        self.client("postgres")
            .query_one(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                 WHERE datname = $1 AND application_name = 'huiwu' AND pid <> pg_backend_pid()",
                &[&db],
            )
            .unwrap()
            .get(0)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.owned {
            let mut c = as_postgres(&self.bin, "pg_ctl");
            c.arg("-D")
                .arg(&self.data)
                .args(["-w", "stop", "-m", "immediate"]);
            let _ = run(c, "pg_ctl stop");
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// One computer of a meeting: its data dir, the agenda (the same file for all).
pub struct Site {
    _dir: tempfile::TempDir,
    pub agenda: PathBuf,
    pub data: PathBuf,
    pub server: String,
}

impl Site {
    /// A computer with agenda text `agenda` (file `agenda.json`) on `server`.
    pub fn new(agenda: &str, server: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.json");
        std::fs::write(&path, agenda).unwrap();
        Site {
            data: dir.path().join("data"),
            agenda: path,
            server: server.to_string(),
            _dir: dir,
        }
    }

    /// Another computer, with the same agenda file's bytes.
    pub fn other(&self) -> Site {
        Site::new(
            &std::fs::read_to_string(&self.agenda).unwrap(),
            &self.server,
        )
    }

    /// `huiwu --lang en --data-dir DATA --server URL [--seat SEAT] CMD AGENDA ARGS...`
    pub fn huiwu(&self, seat: Option<&str>, args: &[&str]) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("huiwu").unwrap();
        c.env_remove("HUIWU_DATA_DIR")
            .env_remove("HUIWU_SEAT")
            .env_remove("HUIWU_SERVER")
            .args(["--lang", "en", "--data-dir"])
            .arg(&self.data)
            .args(["--server", &self.server]);
        if let Some(s) = seat {
            c.args(["--seat", s]);
        }
        let (cmd, rest) = args.split_first().unwrap();
        c.arg(cmd).arg(&self.agenda).args(rest);
        c
    }

    /// `status --json` (with the server: it syncs first).
    pub fn status(&self) -> serde_json::Value {
        let out = self.huiwu(None, &["status", "--json"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

/// `huiwu server init URL ARGS...`
pub fn init(url: &str, args: &[&str]) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("huiwu").unwrap();
    c.env_remove("HUIWU_SERVER")
        .args(["--lang", "en", "server", "init", url])
        .args(args);
    c
}

/// A generated meeting of `venues` venues of `per_venue` people, written as an agenda
/// file in `dir`; its path and the people's ids per venue.
pub fn big_agenda(dir: &Path, venues: usize, per_venue: usize) -> (PathBuf, Vec<Vec<String>>) {
    let a = huiwu::sample::generate(venues, per_venue, 7);
    let path = dir.join("agenda.json");
    let mut f = std::fs::File::create(&path).unwrap();
    huiwu::sample::write_agenda(&a, &mut f).unwrap();
    let mut by_venue = vec![Vec::new(); a.venues.len()];
    for p in &a.participants {
        let v = a.venues.iter().position(|v| v.id == p.venue).unwrap();
        by_venue[v].push(p.id.clone());
    }
    (path, by_venue)
}

/// A seat in this process, on a computer of its own (data dir `data`), syncing with
/// `url` on a thread like a desk: `sign_in` records, `fold` is what its meeting shows.
pub struct LiveSeat {
    pub session: huiwu::store::session::Session,
    pub sync: Option<huiwu::server::SyncThread>,
    agenda: huiwu::store::session::AgendaFile,
    /// The server it syncs with (from the next `connect`).
    pub url: String,
    /// Events this seat wrote.
    pub written: usize,
}

impl LiveSeat {
    pub fn open(agenda: &Path, data: &Path, seat: &str, url: &str) -> LiveSeat {
        let a = huiwu::store::session::read_agenda(agenda, huiwu::i18n::Lang::En).unwrap();
        let session =
            huiwu::store::session::Session::open(&a, data, seat, chrono::Utc::now()).unwrap();
        LiveSeat {
            session,
            sync: None,
            agenda: a,
            url: url.to_string(),
            written: 0,
        }
    }

    /// Start syncing (again).
    pub fn connect(&mut self) {
        self.sync = Some(huiwu::server::SyncThread::start(self.engine(), None).unwrap());
    }

    /// Start sending only (a seat that shows no other seat).
    #[allow(dead_code)]
    pub fn connect_push_only(&mut self) {
        self.sync = Some(huiwu::server::SyncThread::start_push_only(self.engine()).unwrap());
    }

    fn engine(&self) -> huiwu::server::Engine {
        huiwu::server::Engine::new(
            huiwu::server::ServerUrl::parse(&self.url).unwrap(),
            huiwu::server::Target::new(&self.agenda, self.session.data_dir()),
        )
        .unwrap()
    }

    pub fn disconnect(&mut self) {
        self.sync = None;
    }

    pub fn sign_in(&mut self, who: &str) {
        let cmd = huiwu::core::command::Command::SignIn {
            participant: who.to_string(),
            late: false,
            effective_at: None,
        };
        let o = self.session.execute(&cmd, chrono::Utc::now()).unwrap();
        self.written += o.events.len();
    }

    /// Events in this seat's meeting, after hearing the others.
    pub fn fold(&mut self) -> usize {
        self.session.refresh().unwrap();
        self.session.meeting().events_applied
    }

    pub fn state(&self) -> Option<huiwu::server::SyncState> {
        self.sync
            .as_ref()
            .map(|s| huiwu::server::snapshot(&s.state()))
    }
}

/// Wait until `done` holds, up to `secs` seconds; whether it did.
pub fn eventually(secs: u64, mut done: impl FnMut() -> bool) -> bool {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < until {
        if done() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    done()
}
