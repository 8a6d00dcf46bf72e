//! `huiwu attend AGENDA WHO`: one attendance record from a script; `huiwu attend AGENDA -`:
//! a badge reader, one WHO per line of standard input, one result line per input line.
//!
//! WHO is resolved as everywhere else (`search::who`): a participant id, a name in hanzi,
//! its pinyin or initials, or a unit, when it comes down to one person.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use crate::core::command::{Command, Warning};
use crate::core::event::SetStatus;
use crate::core::meeting::Meeting;
use crate::i18n::{Lang, status_label};
use crate::search::NameIndex;
use crate::search::who::{Who, resolve_in, resolve_who};
use crate::store::seat::Role;
use crate::store::session::{ExecError, Outcome, Session};

use super::Ctx;

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("what").multiple(false))]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// A participant id, or a name in hanzi, pinyin or initials (or a unit) that fits one
    /// person only; `-` reads one per line from standard input (a badge reader) and
    /// answers each line
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
    if args.who == "-" {
        return stream(ctx, &args);
    }
    let lang = ctx.lang;
    let agenda = ctx.agenda(&args.agenda, lang)?;
    let now = Utc::now();
    let mut session = Session::open(&agenda, &ctx.data_dir()?, ctx.claim(Role::Command), now)?;
    super::report_open(&session.report, lang);
    let m = session.meeting();
    let Some(p) = super::who::resolve_who(m, &args.who, lang) else {
        return Ok(ExitCode::from(1));
    };
    let effective_at = match super::meeting::parse_at(m, args.at.as_deref(), lang) {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let mut outcome = Outcome::default();
    for cmd in commands(&args, m.people[p].id.clone(), effective_at) {
        let Some(o) = super::execute_or_say(&mut session, &cmd, now, lang)? else {
            return Ok(ExitCode::from(1));
        };
        outcome.events.extend(o.events);
        outcome.warnings.extend(o.warnings);
    }
    let m = session.meeting();
    let person = &m.people[p];
    let tz = *m.agenda.meeting.start.offset();
    for w in &outcome.warnings {
        say_warning(w, m, p, tz, lang);
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

fn say_warning(w: &Warning, m: &Meeting, p: usize, tz: chrono::FixedOffset, lang: Lang) {
    let person = &m.people[p];
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

/// The commands the flags ask for, for participant `id`, in order: a stand-in with a
/// reason is the member's leave first (so that the minutes can say why), then the
/// stand-in.
fn commands(args: &Args, id: String, effective_at: Option<DateTime<Utc>>) -> Vec<Command> {
    let one = if args.late {
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
    } else if let Some(name) = &args.stand_in {
        let stand_in = Command::StandIn {
            participant: id.clone(),
            name: name.clone(),
            unit: args.unit.clone().unwrap_or_default(),
        };
        return match &args.excused {
            Some(reason) => vec![
                Command::Excuse {
                    participant: id,
                    reason: reason.clone(),
                },
                stand_in,
            ],
            None => vec![stand_in],
        };
    } else if let Some(reason) = &args.excused {
        Command::Excuse {
            participant: id,
            reason: reason.clone(),
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
    vec![one]
}

fn nobody(lang: Lang, who: &str) -> String {
    match lang {
        Lang::En => format!("nobody on the roster matches `{who}`"),
        Lang::Zh => format!("名单中没有与 `{who}` 相符的人"),
    }
}

fn several(lang: Lang, who: &str, n: usize) -> String {
    match lang {
        Lang::En => format!("`{who}` fits {n} people; give the id:"),
        Lang::Zh => format!("`{who}` 对应 {n} 人；请改用编号："),
    }
}

/// The name index of a badge reader, built when first needed (an exact id needs none)
/// and again when the people change (a walk-in from another seat).
#[derive(Default)]
struct Finder {
    index: Option<(NameIndex, Vec<String>)>,
}

impl Finder {
    /// WHO resolved as `huiwu attend WHO` resolves it, with the index kept between lines.
    fn resolve(&mut self, m: &Meeting, who: &str) -> Who {
        if who.trim().is_empty() || m.person(who.trim()).is_some() {
            // Nothing typed, or an exact id (a badge): no index needed.
            return resolve_who(m, who);
        }
        let stale = self.index.as_ref().is_none_or(|(_, ids)| {
            ids.len() != m.people.len() || ids.iter().zip(&m.people).any(|(a, p)| *a != p.id)
        });
        if stale {
            let ids = m.people.iter().map(|p| p.id.clone()).collect();
            self.index = Some((NameIndex::build(&m.people), ids));
        }
        match &self.index {
            Some((index, _)) => resolve_in(index, m, who),
            None => Who::Unknown(Vec::new()),
        }
    }
}

/// `attend AGENDA -`: record each line of standard input, answering each at once with
/// one tab-separated line on standard output (the first field says what happened:
/// `ok`, `already`, `unknown`, `ambiguous`, `refused`, `error`), and go on after any.
/// Other seats' records are followed before each line. Exits 1 at the end when any line
/// was not recorded.
fn stream(ctx: &Ctx, args: &Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let agenda = ctx.agenda(&args.agenda, lang)?;
    let mut session = Session::open(
        &agenda,
        &ctx.data_dir()?,
        ctx.claim(Role::Reader),
        Utc::now(),
    )?;
    super::report_open(&session.report, lang);
    let effective_at = match super::meeting::parse_at(session.meeting(), args.at.as_deref(), lang) {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    errln!(
        "huiwu: {}",
        match lang {
            Lang::En => format!(
                "recording as seat `{}`: one WHO per line; one answer per line",
                session.seat()
            ),
            Lang::Zh => format!("以席位 `{}` 记录：每行一人，逐行回应", session.seat()),
        }
    );
    let tz = *agenda.agenda.meeting.start.offset();
    let mut reader = Reader {
        finder: Finder::default(),
        args,
        effective_at,
        lang,
        tz,
    };
    let mut not_recorded = 0usize;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout().lock();
    let mut raw = Vec::new();
    loop {
        raw.clear();
        match input.read_until(b'\n', &mut raw) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return Err(e.into()),
        }
        let text = String::from_utf8_lossy(&raw);
        let who: String = text.trim().chars().filter(|c| !c.is_control()).collect();
        if who.is_empty() {
            continue;
        }
        let (line, recorded) = reader.answer(&mut session, &who, Utc::now());
        if !recorded {
            not_recorded += 1;
        }
        // The script reading the answers went away: nothing more to say to anyone.
        if writeln!(out, "{}", crate::sanitize::screen_text(&line))
            .and_then(|_| out.flush())
            .is_err()
        {
            break;
        }
    }
    Ok(if not_recorded == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// What a badge reader keeps from one line to the next.
struct Reader<'a> {
    finder: Finder,
    args: &'a Args,
    effective_at: Option<DateTime<Utc>>,
    lang: Lang,
    tz: chrono::FixedOffset,
}

impl Reader<'_> {
    /// The answer to one line, and whether it stands recorded (new or already so).
    fn answer(&mut self, session: &mut Session, who: &str, now: DateTime<Utc>) -> (String, bool) {
        let lang = self.lang;
        // Another seat's record first: someone it signed in a moment ago is "already".
        if let Err(e) = session.refresh() {
            return (format!("error\t{who}\t{}", e.message(lang)), false);
        }
        let p = match self.finder.resolve(session.meeting(), who) {
            Who::One(p) => p,
            Who::Unknown(_) => return (format!("unknown\t{who}\t{}", nobody(lang, who)), false),
            Who::Ambiguous(c) => {
                let m = session.meeting();
                let list: Vec<String> = c
                    .iter()
                    .take(10)
                    .map(|&i| format!("{} {}", m.people[i].id, m.people[i].name))
                    .collect();
                let more = if c.len() > 10 { ", …" } else { "" };
                return (
                    format!(
                        "ambiguous\t{who}\t{} {}{more}",
                        several(lang, who, c.len()),
                        list.join(", ")
                    ),
                    false,
                );
            }
        };
        let id = session.meeting().people[p].id.clone();
        let mut events = 0;
        let mut first = None;
        for cmd in commands(self.args, id, self.effective_at) {
            match session.execute(&cmd, now) {
                Ok(Outcome {
                    events: e,
                    warnings,
                }) => {
                    events += e.len();
                    first = first.or(warnings.iter().find_map(|w| match w {
                        Warning::AlreadySignedIn { at, .. } => Some(*at),
                        _ => None,
                    }));
                }
                Err(ExecError::Rejected(r)) => {
                    return (format!("refused\t{who}\t{}", r.message(lang)), false);
                }
                Err(ExecError::Journal(e)) => {
                    return (format!("error\t{who}\t{}", e.message(lang)), false);
                }
            }
        }
        let m = session.meeting();
        let person = &m.people[p];
        let status = status_label(m.attendance[p].status(), lang);
        let (word, t) = match (events == 0, first) {
            (false, _) => ("ok", self.effective_at.unwrap_or(now)),
            (true, Some(at)) => ("already", at),
            (true, None) => ("already", m.attendance[p].time().unwrap_or(now)),
        };
        (
            format!(
                "{word}\t{}\t{}\t{}\t{}\t{status}",
                t.with_timezone(&self.tz).format("%H:%M:%S"),
                person.id,
                person.name,
                person.unit
            ),
            true,
        )
    }
}
