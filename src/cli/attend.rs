//! `huiwu attend AGENDA WHO [...]`: one attendance record from a script or a badge reader.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;

use crate::core::command::{Command, Warning};
use crate::core::event::SetStatus;
use crate::core::query::{Who, resolve_who};
use crate::i18n::{Lang, status_label};
use crate::store::session::{Session, read_agenda};

use super::Ctx;

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("what").multiple(false))]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// A participant id or an unambiguous name
    pub who: String,
    /// Signed in late (迟到)
    #[arg(long, group = "what")]
    pub late: bool,
    /// Excused (请假), with the reason
    #[arg(long, group = "what", value_name = "REASON")]
    pub excused: Option<String>,
    /// A stand-in (代会) attends instead: the stand-in's name
    #[arg(long, group = "what", value_name = "NAME", requires = "unit")]
    pub stand_in: Option<String>,
    /// The stand-in's unit
    #[arg(long, value_name = "UNIT", requires = "stand_in")]
    pub unit: Option<String>,
    /// Left early (早退)
    #[arg(long, group = "what")]
    pub left: bool,
    /// Back to "not arrived" (a correction)
    #[arg(long, group = "what")]
    pub clear: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let agenda = read_agenda(&args.agenda, lang)?;
    let now = Utc::now();
    let mut session = Session::open(&agenda, &ctx.data_dir()?, &ctx.seat, now)?;
    super::report_open(&session.report, lang);
    let m = &session.meeting();
    let p = match resolve_who(m, &args.who) {
        Who::One(p) => p,
        Who::Unknown => {
            errln!(
                "{}",
                match lang {
                    Lang::En => format!("huiwu: nobody on the roster matches `{}`", args.who),
                    Lang::Zh => format!("huiwu：名单中没有与 `{}` 相符的人", args.who),
                }
            );
            return Ok(ExitCode::from(1));
        }
        Who::Ambiguous(candidates) => {
            errln!(
                "{}",
                match lang {
                    Lang::En => format!(
                        "huiwu: `{}` fits {} people; give the id:",
                        args.who,
                        candidates.len()
                    ),
                    Lang::Zh => format!(
                        "huiwu：`{}` 对应 {} 人；请改用编号：",
                        args.who,
                        candidates.len()
                    ),
                }
            );
            for &c in candidates.iter().take(20) {
                let person = &m.people[c];
                let venue = m
                    .venue(&person.venue)
                    .map(|v| m.agenda.venues[v].name.as_str())
                    .unwrap_or("");
                errln!(
                    "  {}\t{}\t{}\t{}\t{venue}",
                    person.id,
                    person.name,
                    person.unit,
                    person.title
                );
            }
            if candidates.len() > 20 {
                errln!("  … {}", candidates.len() - 20);
            }
            return Ok(ExitCode::from(1));
        }
    };
    let id = m.people[p].id.clone();
    let cmd = if args.late {
        Command::SignIn {
            participant: id,
            late: true,
            effective_at: None,
        }
    } else if let Some(reason) = args.excused {
        Command::Excuse {
            participant: id,
            reason,
        }
    } else if let Some(name) = args.stand_in {
        Command::StandIn {
            participant: id,
            name,
            unit: args.unit.unwrap_or_default(),
        }
    } else if args.left {
        Command::LeaveEarly { participant: id }
    } else if args.clear {
        Command::Correct {
            participant: id,
            to: SetStatus::NotArrived,
        }
    } else {
        Command::SignIn {
            participant: id,
            late: false,
            effective_at: None,
        }
    };
    let Some(outcome) = super::execute_or_say(&mut session, &cmd, now, lang)? else {
        return Ok(ExitCode::from(1));
    };
    let m = &session.meeting();
    let person = &m.people[p];
    let tz = *m.agenda.meeting.start.offset();
    for w in &outcome.warnings {
        match w {
            Warning::AlreadySignedIn { at, .. } => {
                let t = at.with_timezone(&tz).format("%H:%M:%S");
                errln!(
                    "{}",
                    match lang {
                        Lang::En => format!(
                            "huiwu: {} ({}) already signed in at {t}; nothing recorded",
                            person.name, person.id
                        ),
                        Lang::Zh => format!(
                            "huiwu：{}（{}）已于 {t} 签到，本次未重复记录",
                            person.name, person.id
                        ),
                    }
                );
            }
            Warning::NothingToChange => errln!(
                "huiwu: {}",
                lang.pick("already so; nothing recorded", "状态未变，未记录")
            ),
        }
    }
    if !outcome.events.is_empty() {
        let status = status_label(m.attendance[p].status(), lang);
        let t = now.with_timezone(&tz).format("%H:%M:%S");
        outln!(
            "{t}\t{}\t{}\t{}\t{status}",
            person.id,
            person.name,
            person.unit
        );
    }
    Ok(ExitCode::SUCCESS)
}
