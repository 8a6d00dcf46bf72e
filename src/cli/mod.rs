//! The command line: one file per subcommand. Exit codes: 0 success, 1 failure (an
//! invalid agenda, an unknown person, a refused command), 2 usage errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::i18n::Lang;

/// A line of human-readable output, through [`crate::sanitize::screen_text`]: names
/// and file contents in it cannot send an escape sequence to the terminal (shown as text,
/// `\e[2J`) or reverse the rest of the line (bidi controls removed); line feeds and the
/// tabs between columns pass. JSON output goes through [`crate::sanitize::json`] instead.
/// A closed pipe ends the program quietly ([`out`]).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::out::line(&format!($($arg)*))
    };
}

/// A message on stderr, through the same sanitiser: messages quote names, paths and file
/// contents.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::out::err_line(&format!($($arg)*))
    };
}

pub mod action;
pub mod attend;
pub mod check;
pub mod export;
pub mod find;
pub mod log;
pub mod meeting;
pub mod merge;
pub mod new;
pub mod out;
pub mod reconcile;
pub mod roster;
pub mod run;
pub mod script;
pub mod server;
pub mod speak;
pub mod status;
pub mod sync;
mod who;

#[derive(Debug, Parser)]
#[command(
    name = "huiwu",
    version,
    about = "会务 (huiwu): run multi-venue video-conference meetings: sign-in, agenda, action items, minutes",
    long_about = None
)]
pub struct Cli {
    /// UI language (zh or en); default from the locale.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    // The environment variables are read in `main`, not by clap: clap would count an
    // option set from the environment as given and show it in every usage line.
    /// Where meetings' journals are kept [env: HUIWU_DATA_DIR] (default: the platform
    /// data dir).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The seat this program records as (default: named after this computer and the kind
    /// of program: USER@HOST:desk, :reader or :cli) [env: HUIWU_SEAT]. Every writer of a
    /// meeting is a seat with its own journal; two programs may not write as one seat at
    /// once.
    #[arg(long, global = true, value_name = "NAME")]
    pub seat: Option<String>,
    /// A PostgreSQL server shared by the seats of a meeting on several computers
    /// (postgresql://USER:PASSWORD@HOST/DATABASE): commands send what they record and read
    /// what the other seats recorded; without it, everything stays on this computer.
    #[arg(
        long,
        global = true,
        env = "HUIWU_SERVER",
        value_name = "URL",
        hide_env_values = true
    )]
    pub server: Option<String>,
    #[command(subcommand)]
    pub command: Cmd,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Check agenda files and report every problem
    Check(check::Args),
    /// Print the JSON Schema of the agenda format
    Schema,
    /// Write a commented agenda template to start from
    New(new::Args),
    /// Open the attendance desk (the terminal UI); resumes the meeting's journal
    Run(run::Args),
    /// Record a sign-in (or late, excused, stand-in, left early) without the screen
    Attend(attend::Args),
    /// Open (宣布开会) or close (宣布散会) the meeting, or undo that
    Meeting(meeting::Args),
    /// Action items (任务): add, done, reopen, edit, delete, list
    Action(action::Args),
    /// Write the chair's script (主持词) from the agenda (md, docx)
    Script(script::Args),
    /// Speakers: start, stop, next, skip, list (the countdown and the video cue)
    Speak(speak::Args),
    /// Print the counts, the current agenda item and the open action items
    Status(status::Args),
    /// Print the meeting's event history (--seats: one line per seat)
    Log(log::Args),
    /// Bring in seat journals carried from other computers (a file, a folder, a USB stick)
    Merge(merge::Args),
    /// Send this computer's events to the server and bring the other seats' (--server)
    Sync(sync::Args),
    /// Set up a PostgreSQL database for huiwu (`server init URL`)
    Server(server::Args),
    /// Import rosters (CSV, XLSX, XLS, ODS) into an agenda
    Roster(roster::Args),
    /// Record sign-ins from a video platform's attendance export (Tencent Meeting, Zoom, Teams)
    Reconcile(reconcile::Args),
    /// Find participants by name, pinyin, initials, unit or number, best first
    Find(find::Args),
    /// Write the minutes (md, html), the sign-in sheet (csv, xlsx) or the whole meeting (json)
    Export(export::Args),
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// What every subcommand gets besides its own arguments.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    /// Whether `--lang` was given (documents then follow it rather than the agenda's
    /// `meeting.language`).
    pub lang_explicit: bool,
    pub data_dir: Option<PathBuf>,
    /// The seat named with `--seat` (or `HUIWU_SEAT`), if any.
    pub seat: Option<String>,
    /// The server named with `--server` (or `HUIWU_SERVER`), if any.
    pub server: Option<String>,
}

impl Ctx {
    pub fn data_dir(&self) -> anyhow::Result<PathBuf> {
        crate::store::paths::data_dir(self.data_dir.as_deref())
    }

    /// Read an agenda file, for a command that writes, through the data directory's
    /// snapshot cache (a large agenda read before comes back in a few milliseconds; see
    /// `store::snapshot`).
    pub fn agenda(
        &self,
        path: &std::path::Path,
        lang: crate::i18n::Lang,
    ) -> Result<crate::store::session::AgendaFile, crate::store::session::AgendaError> {
        match self.data_dir() {
            Ok(dir) => crate::store::session::read_agenda_in(path, lang, &dir),
            // The command says what is wrong with the data directory when it needs it.
            Err(_) => crate::store::session::read_agenda(path, lang),
        }
    }

    /// [`Ctx::agenda`] for a command that only reads the meeting: no SHA-256 of the file.
    pub fn agenda_to_view(
        &self,
        path: &std::path::Path,
        lang: crate::i18n::Lang,
    ) -> Result<crate::store::session::AgendaFile, crate::store::session::AgendaError> {
        match self.data_dir() {
            Ok(dir) => crate::store::session::read_agenda_to_view_in(path, lang, &dir),
            Err(_) => crate::store::session::read_agenda_to_view(path, lang),
        }
    }

    /// The seat a program of kind `role` records as (see `store::seat`).
    pub fn claim(&self, role: crate::store::seat::Role) -> crate::store::seat::SeatClaim {
        crate::store::seat::SeatClaim::for_role(self.seat.as_deref(), role)
    }
}

/// Record `cmd`. A refusal is said on stderr (`huiwu: why`) and comes back as `None`, for
/// the caller to exit 1; a journal error is an error.
pub(crate) fn execute_or_say(
    session: &mut crate::store::session::Session,
    cmd: &crate::core::command::Command,
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
) -> anyhow::Result<Option<crate::store::session::Outcome>> {
    use crate::store::session::ExecError;
    match session.execute(cmd, now) {
        Ok(o) => Ok(Some(o)),
        Err(ExecError::Rejected(r)) => {
            errln!("huiwu: {}", r.message(lang));
            Ok(None)
        }
        Err(ExecError::Journal(e)) => Err(e.into()),
    }
}

/// A value a one-shot command keeps until the process exits, never freed: the system takes
/// the memory back at once, while freeing a 36,000-person meeting string by string costs
/// milliseconds for nothing.
pub(crate) fn keep_until_exit<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

/// What `roster import` and `reconcile` say when they removed control characters or
/// escape sequences from rows (`rows` labelled `row 5`, `第 5 行`): the file was made to
/// act on a terminal, and the secretary should know before trusting its names.
pub(crate) fn say_stripped(rows: &[String], lang: Lang) {
    const SHOWN: usize = 10;
    let n = rows.len();
    if n == 0 {
        return;
    }
    let mut list = rows[..n.min(SHOWN)].join(lang.pick(", ", "、"));
    if n > SHOWN {
        list.push_str(&match lang {
            Lang::En => format!(" and {} more", n - SHOWN),
            Lang::Zh => "等".to_string(),
        });
    }
    errln!(
        "huiwu: {}",
        match lang {
            Lang::En => format!(
                "warning: {n} {} held control characters, escape sequences or invisible characters; they were removed ({list})",
                if n == 1 { "row" } else { "rows" }
            ),
            Lang::Zh => format!("警告：{n} 行含有控制字符、转义序列或不可见字符，已删除（{list}）"),
        }
    );
}

/// Tell the user what opening the journal found: a torn tail cut off, a changed agenda
/// (in the words the desk uses for the same).
pub fn report_open(report: &crate::store::session::OpenReport, lang: Lang) {
    use crate::i18n::{Said, Word};
    let warning = Word::Warning.get(lang);
    if let Some(side) = &report.replay.torn_tail {
        let side = side.display().to_string();
        errln!("huiwu: {warning}: {}", Said::TornTail { side }.text(lang));
    }
    if report.agenda_changed {
        errln!("huiwu: {warning}: {}", Said::AgendaChanged.text(lang));
    }
}

/// The agenda a command works on and what it does with a server around its work (the
/// desk, `run`, starts its own sync; `sync` and `server` are the server's own).
fn server_mode(cmd: &Cmd) -> Option<(&std::path::Path, sync::Mode)> {
    use sync::Mode::{Follow, Once};
    let (agenda, mode) = match cmd {
        Cmd::Attend(a) if a.who == "-" => (&a.agenda, Follow),
        Cmd::Attend(a) => (&a.agenda, Once),
        Cmd::Meeting(a) => (&a.agenda, Once),
        Cmd::Action(a) => (&a.agenda, Once),
        Cmd::Status(a) => (&a.agenda, Once),
        Cmd::Log(a) => (&a.agenda, Once),
        Cmd::Merge(a) => (&a.agenda, Once),
        Cmd::Reconcile(a) => (&a.agenda, Once),
        Cmd::Find(a) => (&a.agenda, Once),
        Cmd::Export(a) => (&a.agenda, Once),
        _ => return None,
    };
    Some((agenda.as_path(), mode))
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let from_env = |var: &str| std::env::var_os(var).filter(|v| !v.is_empty());
    let ctx = Ctx {
        lang: cli.lang.unwrap_or_else(Lang::from_env),
        lang_explicit: cli.lang.is_some(),
        data_dir: cli
            .data_dir
            .clone()
            .or_else(|| from_env("HUIWU_DATA_DIR").map(PathBuf::from)),
        seat: cli
            .seat
            .clone()
            .or_else(|| from_env("HUIWU_SEAT").and_then(|s| s.into_string().ok()))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        server: cli
            .server
            .clone()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
    };
    // With a server, a command syncs around its own work (see `sync`).
    let linked =
        server_mode(&cli.command).and_then(|(agenda, mode)| sync::before(&ctx, agenda, mode));
    let result = match cli.command {
        Cmd::Check(a) => check::run(&ctx, a),
        Cmd::Schema => check::schema(),
        Cmd::New(a) => new::run(&ctx, a),
        Cmd::Run(a) => run::run(&ctx, a),
        Cmd::Attend(a) => attend::run(&ctx, a),
        Cmd::Meeting(a) => meeting::run(&ctx, a),
        Cmd::Action(a) => action::run(&ctx, a),
        Cmd::Script(a) => script::run(&ctx, a),
        Cmd::Speak(a) => speak::run(&ctx, a),
        Cmd::Status(a) => status::run(&ctx, a),
        Cmd::Log(a) => log::run(&ctx, a),
        Cmd::Merge(a) => merge::run(&ctx, a),
        Cmd::Sync(a) => sync::run(&ctx, a),
        Cmd::Server(a) => server::run(&ctx, a),
        Cmd::Roster(a) => roster::run(&ctx, a),
        Cmd::Reconcile(a) => reconcile::run(&ctx, a),
        Cmd::Find(a) => find::run(&ctx, a),
        Cmd::Export(a) => export::run(&ctx, a),
        Cmd::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "huiwu", &mut script);
            out::bytes(&script);
            Ok(ExitCode::SUCCESS)
        }
    };
    sync::after(linked, ctx.lang);
    match result {
        Ok(code) => code,
        // The reader stopped early (`| head`): nothing went wrong.
        Err(e) if out::is_closed_pipe(&e) => ExitCode::SUCCESS,
        // An agenda's problems are written as `huiwu check` writes them (`FILE: error:
        // ...`): one line each, not a second "error:" in front.
        Err(e)
            if e.downcast_ref::<crate::store::session::AgendaError>()
                .is_some() =>
        {
            errln!("{e}");
            ExitCode::from(1)
        }
        Err(e) => {
            let prefix = crate::i18n::Word::Error.get(ctx.lang);
            // Our own errors (a journal's: which file, what to do) in the user's language.
            errln!("huiwu: {prefix}: {}", crate::i18n::describe(&e, ctx.lang));
            ExitCode::from(1)
        }
    }
}
