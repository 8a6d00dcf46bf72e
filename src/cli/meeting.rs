//! `huiwu meeting AGENDA open|close|reopen|undo [--at HH:MM]`: the chair opens the
//! meeting (宣布开会) and closes it (宣布散会) without the screen. The minutes take the
//! actual start and end from these; closing ends the running item and stops every timer.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Subcommand;

use crate::core::command::{Command, Warning};
use crate::core::meeting::Meeting;
use crate::core::query::time_on_meeting_day;
use crate::i18n::Lang;
use crate::store::session::Session;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    #[command(subcommand)]
    pub op: Op,
}

#[derive(Debug, Subcommand)]
pub enum Op {
    /// Open the meeting (宣布开会); with --at, when it opened (also corrects the time)
    Open(AtArg),
    /// Close the meeting (宣布散会): the running item ends and every timer stops
    Close(AtArg),
    /// Open a closed meeting again (the close is undone)
    Reopen,
    /// Undo the last open or close: a close is undone by reopening; an opening made by
    /// mistake is withdrawn while no item has run
    Undo,
}

#[derive(Debug, clap::Args)]
pub struct AtArg {
    /// When it happened, if not now: HH:MM on the meeting's day (or YYYY-MM-DD HH:MM)
    #[arg(long, value_name = "HH:MM")]
    pub at: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let agenda = ctx.agenda(&args.agenda, lang)?;
    let now = Utc::now();
    let mut session = Session::open(
        &agenda,
        &ctx.data_dir()?,
        ctx.claim(crate::store::seat::Role::Command),
        now,
    )?;
    super::report_open(&session.report, lang);
    let at = |a: &AtArg, m: &Meeting| parse_at(m, a.at.as_deref(), lang);
    let m = session.meeting();
    let cmd = match &args.op {
        Op::Open(a) => match at(a, m) {
            Ok(at) => Command::OpenMeeting { at },
            Err(code) => return Ok(code),
        },
        Op::Close(a) => match at(a, m) {
            Ok(at) => Command::CloseMeeting { at },
            Err(code) => return Ok(code),
        },
        Op::Reopen => Command::ReopenMeeting,
        Op::Undo if m.ended_at.is_some() => Command::ReopenMeeting,
        Op::Undo => Command::UndoOpening,
    };
    let Some(outcome) = super::execute_or_say(&mut session, &cmd, now, lang)? else {
        return Ok(ExitCode::from(1));
    };
    let m = session.meeting();
    if outcome.warnings.contains(&Warning::NothingToChange) {
        errln!(
            "huiwu: {}",
            match (&cmd, lang) {
                (Command::OpenMeeting { .. }, Lang::En) =>
                    "the meeting is already open; nothing recorded",
                (Command::OpenMeeting { .. }, Lang::Zh) => "会议已经开始，未重复记录",
                (Command::CloseMeeting { .. }, Lang::En) =>
                    "the meeting is already closed; nothing recorded",
                (Command::CloseMeeting { .. }, Lang::Zh) => "会议已经结束，未重复记录",
                (_, Lang::En) => "the meeting is not closed; nothing recorded",
                (_, Lang::Zh) => "会议并未结束，未记录",
            }
        );
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{}", said(m, lang));
    Ok(ExitCode::SUCCESS)
}

/// `--at HH:MM` on the meeting's day; a time that cannot be read is said on stderr and
/// comes back as the usage exit code.
pub(crate) fn parse_at(
    m: &Meeting,
    text: Option<&str>,
    lang: Lang,
) -> Result<Option<DateTime<Utc>>, ExitCode> {
    let Some(t) = text else {
        return Ok(None);
    };
    time_on_meeting_day(m, t).map(Some).ok_or_else(|| {
        errln!(
            "huiwu: {}",
            match lang {
                Lang::En => format!("cannot read `{t}` as a time (write HH:MM)"),
                Lang::Zh => format!("无法识别时间 `{t}`（请写成 时:分，如 16:05）"),
            }
        );
        ExitCode::from(2)
    })
}

/// The meeting's state after the change, in one line.
fn said(m: &Meeting, lang: Lang) -> String {
    let tz = *m.agenda.meeting.start.offset();
    let hm = |t: DateTime<Utc>| t.with_timezone(&tz).format("%H:%M").to_string();
    let title = &m.agenda.meeting.title;
    match (m.started_at, m.ended_at, lang) {
        (Some(s), Some(e), Lang::En) => {
            let mins = (e - s).num_minutes();
            format!("closed {title}: {}-{} ({mins} min)", hm(s), hm(e))
        }
        (Some(s), Some(e), Lang::Zh) => {
            let mins = (e - s).num_minutes();
            format!("宣布散会：{title}，{}—{}（{mins} 分钟）", hm(s), hm(e))
        }
        (Some(s), None, Lang::En) => format!("open since {}: {title}", hm(s)),
        (Some(s), None, Lang::Zh) => format!("宣布开会：{title}，{} 开始", hm(s)),
        (None, _, Lang::En) => format!("not open: {title}"),
        (None, _, Lang::Zh) => format!("会议尚未开始：{title}"),
    }
}
