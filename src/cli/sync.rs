//! `huiwu sync AGENDA --server URL`: one push and pull, for command-line seats and cron;
//! prints what moved per seat. And the `--server` of every other command: a short
//! command syncs before it reads or records (so that it decides on what every seat has
//! recorded) and sends what it wrote after; a badge reader (`attend -`) and a desk sync
//! on a thread of their own while they run. A server that cannot be used is a warning:
//! the local journal is written all the same, and sent by the next sync.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::i18n::Lang;
use crate::server::{Engine, Report, ServerError, ServerUrl, SyncThread, Target};
use crate::store::session::{AgendaFile, hex_sha256, read_agenda_to_view};

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let Some(url) = server_url(ctx)? else {
        errln!("huiwu: {}", no_server(lang));
        return Ok(ExitCode::from(2));
    };
    let agenda = ctx.agenda(&args.agenda, lang)?;
    let mut engine = match Engine::new(url, Target::new(&agenda, &ctx.data_dir()?)) {
        Ok(e) => e,
        Err(e) => {
            errln!("huiwu: {}", e.message(lang));
            return Ok(ExitCode::from(1));
        }
    };
    let report = match engine.sync() {
        Ok(r) => r,
        Err(e) => {
            errln!("huiwu: {}", e.message(lang));
            let waiting = crate::server::snapshot(&engine.state()).pending();
            if waiting > 0 {
                errln!("huiwu: {}", waiting_text(waiting, lang));
            }
            return Ok(ExitCode::from(1));
        }
    };
    print_report(&report, engine.server(), lang);
    let mut code = ExitCode::SUCCESS;
    for m in report.clashes() {
        let e = ServerError::SeatClash {
            seat: m.seat.clone(),
            seq: m.clash.unwrap_or(0),
        };
        errln!("huiwu: {}", e.message(lang));
        code = ExitCode::from(1);
    }
    Ok(code)
}

fn print_report(r: &Report, server: &str, lang: Lang) {
    outln!(
        "{}",
        match lang {
            Lang::En => format!(
                "synced with {server}: {} sent, {} received",
                r.pushed(),
                r.pulled()
            ),
            Lang::Zh => format!(
                "已与 {server} 同步：发送 {} 条，接收 {} 条",
                r.pushed(),
                r.pulled()
            ),
        }
    );
    let mut seats: Vec<_> = r.seats.iter().collect();
    seats.sort_by(|a, b| a.seat.cmp(&b.seat));
    for m in seats {
        let clash = match (m.clash, lang) {
            (None, _) => String::new(),
            (Some(q), Lang::En) => format!("\trefused at #{q}: seat clash"),
            (Some(q), Lang::Zh) => format!("\t第 {q} 条起拒绝：席位冲突"),
        };
        outln!(
            "  {}\t{}\t{}{clash}",
            m.seat,
            match lang {
                Lang::En => format!("sent {}", m.pushed),
                Lang::Zh => format!("发送 {}", m.pushed),
            },
            match lang {
                Lang::En => format!("received {}", m.pulled),
                Lang::Zh => format!("接收 {}", m.pulled),
            }
        );
    }
}

fn no_server(lang: Lang) -> &'static str {
    lang.pick(
        "no server given: add --server URL (or set HUIWU_SERVER)",
        "未指定服务器：请加上 --server URL（或设置 HUIWU_SERVER）",
    )
}

fn waiting_text(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{n} {} recorded here {} to be sent",
            if n == 1 { "event" } else { "events" },
            if n == 1 { "waits" } else { "wait" }
        ),
        Lang::Zh => format!("本机已记录的 {n} 条等待发送"),
    }
}

/// The server of `--server` / `HUIWU_SERVER`, if one was given.
pub(crate) fn server_url(ctx: &Ctx) -> Result<Option<ServerUrl>, ServerError> {
    ctx.server.as_deref().map(ServerUrl::parse).transpose()
}

/// What a command does with the server around its own work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Sync before, send after.
    Once,
    /// Sync before, then keep syncing on a thread while the command runs.
    Follow,
}

/// The link of a command to the server while it runs.
pub(crate) enum Linked {
    Once(Box<Engine>),
    Follow(SyncThread),
}

/// Before a command on `agenda`: sync once (a warning when the server cannot be used),
/// and for [`Mode::Follow`] start the sync thread. `None` without `--server`.
pub(crate) fn before(ctx: &Ctx, agenda: &Path, mode: Mode) -> Option<Linked> {
    let lang = ctx.lang;
    let url = match server_url(ctx) {
        Ok(u) => u?,
        Err(e) => {
            errln!(
                "huiwu: {}: {}",
                lang.pick("warning", "警告"),
                e.message(lang)
            );
            return None;
        }
    };
    let agenda = agenda_with_hash(agenda, lang)?;
    let data_dir = ctx.data_dir().ok()?;
    let mut engine = match Engine::new(url, Target::new(&agenda, &data_dir)) {
        Ok(e) => e,
        Err(e) => {
            warn(&e, lang);
            return None;
        }
    };
    if let Err(e) = engine.sync() {
        warn(&e, lang);
        if mode == Mode::Once {
            // Not tried again after the command: one wait for a dead server is enough.
            return None;
        }
    }
    match mode {
        Mode::Once => Some(Linked::Once(Box::new(engine))),
        Mode::Follow => match SyncThread::start(engine, None) {
            Ok(t) => Some(Linked::Follow(t)),
            Err(e) => {
                warn(&ServerError::Local { why: e.to_string() }, lang);
                None
            }
        },
    }
}

/// After the command: send what it wrote (or stop the thread, which has sent it).
pub(crate) fn after(linked: Option<Linked>, lang: Lang) {
    match linked {
        None => {}
        Some(Linked::Once(mut engine)) => {
            if let Err(e) = engine.push() {
                warn(&e, lang);
            }
        }
        Some(Linked::Follow(mut thread)) => {
            // One last look, so that the last lines read are sent before the exit.
            thread.stop();
        }
    }
}

fn warn(e: &ServerError, lang: Lang) {
    errln!(
        "huiwu: {}: {}",
        lang.pick("warning", "警告"),
        e.message(lang)
    );
}

/// The agenda with its SHA-256 (which the server's meeting is checked against); `None`
/// when it cannot be read (the command itself then says why).
pub(crate) fn agenda_with_hash(path: &Path, lang: Lang) -> Option<AgendaFile> {
    let mut a = read_agenda_to_view(path, lang).ok()?;
    if a.sha256.is_empty() {
        let bytes = crate::store::input::read_input(path).ok()?;
        a.sha256 = hex_sha256(&bytes);
    }
    Some(a)
}
