//! `huiwu attend AGENDA WHO`: one attendance record from a script; `huiwu attend AGENDA -`:
//! a badge reader, one WHO per line of standard input, one result line per input line.
//!
//! WHO is anything the desk's search finds when it comes down to one person: a
//! participant id, a name in hanzi, its pinyin or initials. [`resolve`] is the one place
//! that asks the search.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use crate::core::command::{Command, Warning};
use crate::core::event::SetStatus;
use crate::core::meeting::Meeting;
use crate::core::query::Who;
use crate::i18n::{Lang, status_label};
use crate::search::{NameIndex, score};
use crate::store::seat::Role;
use crate::store::session::{ExecError, Outcome, Session, read_agenda};

use super::Ctx;

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("what").multiple(false))]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// A participant id, a name, its pinyin or initials (when it fits one person); `-`
    /// reads one per line from standard input (a badge reader) and answers each line
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
    if args.who == "-" {
        return stream(ctx, &args);
    }
    let lang = ctx.lang;
    let agenda = read_agenda(&args.agenda, lang)?;
    let now = Utc::now();
    let mut session = Session::open(&agenda, &ctx.data_dir()?, ctx.claim(Role::Command), now)?;
    super::report_open(&session.report, lang);
    let mut finder = Finder::default();
    let p = match resolve(session.meeting(), &mut finder, &args.who) {
        Who::One(p) => p,
        Who::Unknown => {
            errln!("huiwu: {}", nobody(lang, &args.who));
            return Ok(ExitCode::from(1));
        }
        Who::Ambiguous(candidates) => {
            let m = session.meeting();
            errln!("huiwu: {}", several(lang, &args.who, candidates.len()));
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
    let cmd = command(&args, session.meeting().people[p].id.clone());
    let Some(outcome) = super::execute_or_say(&mut session, &cmd, now, lang)? else {
        return Ok(ExitCode::from(1));
    };
    let m = session.meeting();
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

/// The command the flags ask for, for participant `id`.
fn command(args: &Args, id: String) -> Command {
    if args.late {
        Command::SignIn {
            participant: id,
            late: true,
            effective_at: None,
        }
    } else if let Some(reason) = &args.excused {
        Command::Excuse {
            participant: id,
            reason: reason.clone(),
        }
    } else if let Some(name) = &args.stand_in {
        Command::StandIn {
            participant: id,
            name: name.clone(),
            unit: args.unit.clone().unwrap_or_default(),
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
    }
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

/// The desk's name index, built when first needed (an exact id needs none) and again
/// when the people change (a walk-in from another seat).
#[derive(Default)]
pub struct Finder {
    index: Option<(NameIndex, Vec<String>)>,
}

/// Resolve WHO to one person the way the desk's search finds people: an exact id first;
/// then the search's best matches, which must be one person in a tier no weaker than an
/// id or a name containing WHO (a unit, a fuzzy match or a typo never signs anyone in).
/// Several people sharing the best score are ambiguous: every one in that tier is listed.
pub fn resolve(m: &Meeting, finder: &mut Finder, who: &str) -> Who {
    let who = who.trim();
    if who.is_empty() {
        return Who::Unknown;
    }
    if let Some(i) = m.person(who) {
        return Who::One(i);
    }
    let stale = finder.index.as_ref().is_none_or(|(_, ids)| {
        ids.len() != m.people.len() || ids.iter().zip(&m.people).any(|(a, p)| *a != p.id)
    });
    if stale {
        let ids = m.people.iter().map(|p| p.id.clone()).collect();
        finder.index = Some((NameIndex::build(&m.people), ids));
    }
    let Some((index, _)) = &finder.index else {
        return Who::Unknown;
    };
    let hits = index.search(who, 50, |_| true);
    let Some(top) = hits.first().map(|h| h.score) else {
        return Who::Unknown;
    };
    const TIERS: [u32; 8] = [
        score::EXACT,
        score::NAME_PREFIX,
        score::ID_PREFIX,
        score::NAME_INSIDE,
        score::ID_INSIDE,
        score::UNIT,
        score::FUZZY,
        score::TYPO,
    ];
    let tier = |s: u32| TIERS.iter().copied().find(|&t| s >= t).unwrap_or(0);
    if tier(top) < score::ID_INSIDE {
        return Who::Unknown;
    }
    let best: Vec<usize> = hits
        .iter()
        .filter(|h| h.score == top)
        .map(|h| h.index)
        .collect();
    if best.len() == 1 {
        return Who::One(best[0]);
    }
    Who::Ambiguous(
        hits.iter()
            .filter(|h| tier(h.score) == tier(top))
            .map(|h| h.index)
            .collect(),
    )
}

/// `attend AGENDA -`: record each line of standard input, answering each at once with
/// one tab-separated line on standard output (the first field says what happened:
/// `ok`, `already`, `unknown`, `ambiguous`, `refused`, `error`), and go on after any.
/// Other seats' records are followed before each line. Exits 1 at the end when any line
/// was not recorded.
fn stream(ctx: &Ctx, args: &Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let agenda = read_agenda(&args.agenda, lang)?;
    let mut session = Session::open(
        &agenda,
        &ctx.data_dir()?,
        ctx.claim(Role::Reader),
        Utc::now(),
    )?;
    super::report_open(&session.report, lang);
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
    let mut finder = Finder::default();
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
        let now = Utc::now();
        let line = match answer(&mut session, &mut finder, args, &who, now, lang, tz) {
            (line, true) => line,
            (line, false) => {
                not_recorded += 1;
                line
            }
        };
        // The script reading the answers went away: nothing more to say to anyone.
        if writeln!(out, "{}", super::strip_bidi(&line))
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

/// The answer to one line, and whether it stands recorded (new or already so).
fn answer(
    session: &mut Session,
    finder: &mut Finder,
    args: &Args,
    who: &str,
    now: DateTime<Utc>,
    lang: Lang,
    tz: chrono::FixedOffset,
) -> (String, bool) {
    // Another seat's record first: someone it signed in a moment ago is "already".
    if let Err(e) = session.refresh() {
        return (format!("error\t{who}\t{}", e.message(lang)), false);
    }
    let p = match resolve(session.meeting(), finder, who) {
        Who::One(p) => p,
        Who::Unknown => return (format!("unknown\t{who}\t{}", nobody(lang, who)), false),
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
    let cmd = command(args, session.meeting().people[p].id.clone());
    match session.execute(&cmd, now) {
        Ok(Outcome { events, warnings }) => {
            let m = session.meeting();
            let person = &m.people[p];
            let status = status_label(m.attendance[p].status(), lang);
            let first = warnings.iter().find_map(|w| match w {
                Warning::AlreadySignedIn { at, .. } => Some(*at),
                Warning::NothingToChange => None,
            });
            let (word, t) = match (events.is_empty(), first) {
                (false, _) => ("ok", now),
                (true, Some(at)) => ("already", at),
                (true, None) => ("already", m.attendance[p].time().unwrap_or(now)),
            };
            (
                format!(
                    "{word}\t{}\t{}\t{}\t{}\t{status}",
                    t.with_timezone(&tz).format("%H:%M:%S"),
                    person.id,
                    person.name,
                    person.unit
                ),
                true,
            )
        }
        Err(ExecError::Rejected(r)) => (format!("refused\t{who}\t{}", r.message(lang)), false),
        Err(ExecError::Journal(e)) => (format!("error\t{who}\t{}", e.message(lang)), false),
    }
}
