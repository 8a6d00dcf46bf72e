//! `huiwu attend AGENDA WHO [...]`: one attendance record from a script or a badge reader.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;

use crate::core::command::{Command, Warning};
use crate::core::event::SetStatus;
use crate::i18n::{Lang, status_label};
use crate::store::session::{Session, read_agenda};

use super::Ctx;

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("what").multiple(false))]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// A participant id, or a name in hanzi, pinyin or initials (or a unit) that fits one
    /// person only
    pub who: String,
    /// Signed in late (迟到)
    #[arg(long, group = "what")]
    pub late: bool,
    /// Excused (请假), with the reason; with --stand-in, the reason the member sent one
    #[arg(
        long,
        value_name = "REASON",
        conflicts_with_all = ["late", "left", "clear", "on_time"]
    )]
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
    /// Present and not late after all (corrects an automatic 迟到)
    #[arg(long, group = "what")]
    pub on_time: bool,
    /// 补签: the sign-in happened earlier, at this time (HH:MM on the meeting's day, or
    /// YYYY-MM-DD HH:MM); kept in the record as entered later
    #[arg(long, value_name = "HH:MM", conflicts_with_all = ["excused", "stand_in", "left", "clear", "on_time"])]
    pub at: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let agenda = read_agenda(&args.agenda, lang)?;
    let now = Utc::now();
    let mut session = Session::open(&agenda, &ctx.data_dir()?, &ctx.seat, now)?;
    super::report_open(&session.report, lang);
    let m = &session.meeting;
    let Some(p) = super::who::resolve_who(m, &args.who, lang) else {
        return Ok(ExitCode::from(1));
    };
    let id = m.people[p].id.clone();
    let effective_at = match super::meeting::parse_at(m, args.at.as_deref(), lang) {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let cmd = if args.late {
        Command::SignIn {
            participant: id,
            late: true,
            effective_at,
        }
    } else if args.on_time {
        Command::Correct {
            participant: id,
            to: SetStatus::Present { late: false },
        }
    } else if let (Some(reason), None) = (&args.excused, &args.stand_in) {
        Command::Excuse {
            participant: id,
            reason: reason.clone(),
        }
    } else if let Some(name) = args.stand_in {
        // The member's leave and its reason first, so that the minutes can say why.
        if let Some(reason) = args.excused {
            let excuse = Command::Excuse {
                participant: id.clone(),
                reason,
            };
            if super::execute_or_say(&mut session, &excuse, now, lang)?.is_none() {
                return Ok(ExitCode::from(1));
            }
        }
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
            effective_at,
        }
    };
    let Some(outcome) = super::execute_or_say(&mut session, &cmd, now, lang)? else {
        return Ok(ExitCode::from(1));
    };
    let m = &session.meeting;
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
            Warning::MarkedLate { after, .. } => {
                let t = after.with_timezone(&tz).format("%H:%M");
                errln!(
                    "{}",
                    match lang {
                        Lang::En => format!(
                            "huiwu: signed in after {t} (the opening plus the grace): recorded as late; if wrong, correct it with --on-time"
                        ),
                        Lang::Zh => format!(
                            "huiwu：{t}（开会时间加宽限）之后签到，记为迟到；如有误，可用 --on-time 更正"
                        ),
                    }
                );
            }
            Warning::OpenedTheMeeting => {}
        }
    }
    if !outcome.events.is_empty() {
        let status = status_label(m.attendance[p].status(), lang);
        // The time it happened: the arrival for a 补签, else now.
        let t = effective_at
            .unwrap_or(now)
            .with_timezone(&tz)
            .format("%H:%M:%S");
        outln!(
            "{t}\t{}\t{}\t{}\t{status}",
            person.id,
            person.name,
            person.unit
        );
    }
    Ok(ExitCode::SUCCESS)
}
