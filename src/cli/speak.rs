//! `huiwu speak AGENDA start WHO | stop | next | skip [WHO] | list [--json]`: the speakers
//! of the item in focus without the screen, on the same core as the desk, so that a
//! second screen or a script can drive or follow them.
//!
//! WHO is a speaker of the item in focus (or of a later item), named by the speech id
//! (`pledges#2`), the participant id, a name, pinyin or initials, or the venue
//! (`wangyi`, `王益区`); someone not planned is added to the item's list and starts.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use serde::Serialize;

use crate::core::agenda::{SpeechKind, parse_duration};
use crate::core::command::{Command, Warning};
use crate::core::event::{EventKind, SpeakerFields};
use crate::core::meeting::{Meeting, Phase, SpeakerTotal, SpeechState, SpeechStatus, mmss};
use crate::core::speech_command::SpeechCommand;
use crate::i18n::Lang;
use crate::search::who::{Who, resolve_who};
use crate::store::seat::Role;
use crate::store::session::{Session, open_meeting};

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
    /// Start a speaker (the one speaking stops; the item starts if it is not running)
    Start(StartArgs),
    /// Stop the speaker
    Stop(AtArg),
    /// Stop the speaker and start the next one of the item (or of the next item)
    Next(AtArg),
    /// Pass over a planned speaker (the next one if WHO is not given)
    Skip {
        /// The speaker to pass over
        who: Option<String>,
    },
    /// The speakers of the item in focus: who spoke, for how long, who is next
    List {
        /// Print JSON: every item's speeches and each speaker's total
        #[arg(long)]
        json: bool,
        /// Every item's speakers, not only the item in focus
        #[arg(long)]
        all: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct StartArgs {
    /// The speaker: a speech id (pledges#2), a participant id, a name (hanzi, pinyin,
    /// initials) or a venue
    pub who: String,
    /// The item (its id) whose speaker this is, or to add them to
    #[arg(long, value_name = "ITEM")]
    pub item: Option<String>,
    /// For a speaker not planned: the time limit (5, 5分钟, 4:30)
    #[arg(long, value_name = "DURATION")]
    pub limit: Option<String>,
    /// For a speaker not planned: report, pledge, exchange, address or remarks (汇报,
    /// 表态发言, 交流发言, 讲话, 发言)
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// When the speech began, if not now: HH:MM[:SS] on the meeting's day
    #[arg(long, value_name = "HH:MM")]
    pub at: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct AtArg {
    /// When it happened, if not now: HH:MM[:SS] on the meeting's day
    #[arg(long, value_name = "HH:MM")]
    pub at: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    if let Op::List { json, all } = &args.op {
        let agenda = ctx.agenda_to_view(&args.agenda, lang)?;
        let (meeting, _) = open_meeting(&agenda, &ctx.data_dir()?)?;
        let meeting = super::keep_until_exit(meeting);
        return list(meeting, *json, *all, Utc::now(), lang);
    }
    let agenda = ctx.agenda(&args.agenda, lang)?;
    let now = Utc::now();
    let mut session = Session::open(&agenda, &ctx.data_dir()?, ctx.claim(Role::Command), now)?;
    super::report_open(&session.report, lang);
    let m = session.meeting();
    let at = |a: &Option<String>| super::meeting::parse_at(m, a.as_deref(), lang);
    let cmd = match &args.op {
        Op::Start(s) => {
            let at = match at(&s.at) {
                Ok(t) => t,
                Err(code) => return Ok(code),
            };
            match start_command(m, s, at, lang) {
                Ok(c) => c,
                Err(code) => return Ok(code),
            }
        }
        Op::Stop(a) => match at(&a.at) {
            Ok(at) => SpeechCommand::Stop { at },
            Err(code) => return Ok(code),
        },
        Op::Next(a) => match at(&a.at) {
            Ok(at) => SpeechCommand::Next { at },
            Err(code) => return Ok(code),
        },
        Op::Skip { who } => match who {
            None => SpeechCommand::Skip { speech: None },
            Some(w) => match planned_speech(m, w, None) {
                Some(id) => SpeechCommand::Skip { speech: Some(id) },
                None => {
                    errln!(
                        "huiwu: {}",
                        match lang {
                            Lang::En => format!("`{w}` is not a planned speaker"),
                            Lang::Zh => format!("`{w}` 不是安排的发言人"),
                        }
                    );
                    return Ok(ExitCode::from(1));
                }
            },
        },
        Op::List { .. } => unreachable!("answered above without the lock"),
    };
    let Some(outcome) = super::execute_or_say(&mut session, &Command::Speech(cmd), now, lang)?
    else {
        return Ok(ExitCode::from(1));
    };
    if outcome.warnings.contains(&Warning::NothingToChange) {
        errln!(
            "huiwu: {}",
            lang.pick("already so; nothing recorded", "状态未变，未记录")
        );
    }
    let m = session.meeting();
    for e in &outcome.events {
        if let Some(line) = log_line(m, &e.kind, lang) {
            outln!("{line}");
        }
    }
    if let Some(cue) = m.video_cue() {
        outln!("{}", cue.line(m, lang));
    }
    Ok(ExitCode::SUCCESS)
}

/// The command `start WHO` stands for: a planned speech, or a speaker to add.
fn start_command(
    m: &Meeting,
    s: &StartArgs,
    at: Option<DateTime<Utc>>,
    lang: Lang,
) -> Result<SpeechCommand, ExitCode> {
    if let Some(id) = planned_speech(m, &s.who, s.item.as_deref()) {
        return Ok(SpeechCommand::Start { speech: id, at });
    }
    // Not planned: someone on the roster, added to the item's list.
    let p = super::who::resolve_who(m, &s.who, lang).ok_or(ExitCode::from(1))?;
    let limit_seconds = match &s.limit {
        None => None,
        Some(l) => match parse_duration(l).filter(|&s| s > 0 && s <= 86_400) {
            Some(secs) => Some(secs as u32),
            None => {
                errln!(
                    "huiwu: {}",
                    match lang {
                        Lang::En =>
                            format!("cannot read `{l}` as a time limit (write 5, 5分钟 or 4:30)"),
                        Lang::Zh => format!("无法识别时限 `{l}`（请写成 5、5分钟 或 4:30）"),
                    }
                );
                return Err(ExitCode::from(2));
            }
        },
    };
    let speech_kind = match &s.kind {
        None => None,
        Some(k) => match SpeechKind::parse(k) {
            Some(k) => Some(k),
            None => {
                errln!(
                    "huiwu: {}",
                    match lang {
                        Lang::En => format!(
                            "`{k}` is not a kind of speech: report, pledge, exchange, address or remarks"
                        ),
                        Lang::Zh =>
                            format!("`{k}` 不是发言类别：汇报、表态发言、交流发言、讲话、发言"),
                    }
                );
                return Err(ExitCode::from(2));
            }
        },
    };
    Ok(SpeechCommand::Add {
        item: s.item.clone(),
        speaker: SpeakerFields {
            speech_kind,
            limit_seconds,
            ..SpeakerFields::of(&m.people[p])
        },
        start: true,
        at,
    })
}

/// The planned (or added) speech `who` names: in `item` when given, else in the item in
/// focus first, then in the items after it (the next one not yet given first).
fn planned_speech(m: &Meeting, who: &str, item: Option<&str>) -> Option<String> {
    let who = who.trim();
    if let Some(s) = m.speech(who) {
        return Some(s.id.clone());
    }
    let person = match resolve_who(m, who) {
        Who::One(p) => Some(m.people[p].id.as_str()),
        _ => None,
    };
    let venue = m.venue(who).or_else(|| {
        let hits: Vec<usize> = (0..m.agenda.venues.len())
            .filter(|&v| !who.is_empty() && m.agenda.venues[v].name.contains(who))
            .collect();
        (hits.len() == 1).then(|| hits[0])
    });
    let fits = |s: &SpeechState| {
        let sp = &s.speaker;
        (person.is_some() && sp.participant.as_deref() == person)
            || (!sp.name.is_empty() && sp.name == who)
            || (venue.is_some() && sp.venue.as_deref().and_then(|v| m.venue(v)) == venue)
    };
    let in_order = m.speeches_in_order();
    let candidates: Vec<&SpeechState> = match item {
        Some(i) => in_order.into_iter().filter(|s| s.item == i).collect(),
        None => {
            // The item in focus first, then the rest in agenda order.
            let focus = m.speech_focus();
            let (mut first, rest): (Vec<_>, Vec<_>) = in_order
                .into_iter()
                .partition(|s| Some(&s.item) == focus.as_ref());
            first.extend(rest);
            first
        }
    };
    let fitting: Vec<&&SpeechState> = candidates.iter().filter(|s| fits(s)).collect();
    fitting
        .iter()
        .find(|s| s.status == SpeechStatus::Pending)
        .or_else(|| fitting.first())
        .map(|s| s.id.clone())
}

/// `陈琳慧（王益区教育科技体育局局长，王益区分会场）`: who speaks, from where.
pub(crate) fn speaker_line(m: &Meeting, s: &SpeechState, lang: Lang) -> String {
    let sp = &s.speaker;
    let name = m.speaker_label(sp, lang);
    let mut parts: Vec<String> = Vec::new();
    let role = sp.role(lang);
    if !role.is_empty() {
        parts.push(role);
    }
    // The venue is said for a branch venue: the main one is where the chair is.
    if let Some(v) = sp.venue.as_deref().and_then(|v| m.venue(v))
        && m.agenda.venues[v].kind == crate::core::agenda::VenueKind::Branch
    {
        parts.push(m.agenda.venues[v].name.clone());
    }
    if parts.is_empty() {
        return name;
    }
    match lang {
        Lang::Zh => format!("{name}（{}）", parts.join("，")),
        Lang::En => format!("{name} ({})", parts.join("; ")),
    }
}

/// `表态发言，限时 5:00` / `pledge, limit 5:00`.
fn kind_and_limit(s: &SpeechState, lang: Lang) -> String {
    let kind = s.speaker.kind.label(lang);
    match (s.limit(), lang) {
        (Some(l), Lang::Zh) => format!("{kind}，限时 {}", mmss(l)),
        (Some(l), Lang::En) => format!("{kind}, limit {}", mmss(l)),
        (None, _) => kind.to_string(),
    }
}

/// What a speech event did, in one line: for `speak`'s answer and `huiwu log`.
pub(crate) fn log_line(m: &Meeting, kind: &EventKind, lang: Lang) -> Option<String> {
    let (speech, what) = match kind {
        EventKind::SpeechAdded { speech, .. } => (speech, 0),
        EventKind::SpeechStarted { speech, .. } => (speech, 1),
        EventKind::SpeechStopped { speech, .. } => (speech, 2),
        EventKind::SpeechSkipped { speech, .. } => (speech, 3),
        EventKind::SpeechesReordered { item, order } => {
            let names: Vec<String> = order
                .iter()
                .filter_map(|id| m.speech(id))
                .map(|s| m.speaker_label(&s.speaker, lang))
                .collect();
            let title = m.item_label(item);
            return Some(match lang {
                Lang::Zh => format!("调整发言顺序：{title}：{}", names.join("、")),
                Lang::En => format!("speakers reordered: {title}: {}", names.join(", ")),
            });
        }
        _ => return None,
    };
    let Some(s) = m.speech(speech) else {
        return Some(speech.clone());
    };
    let who = speaker_line(m, s, lang);
    Some(match (what, lang) {
        (0, Lang::Zh) => format!("增加发言：{who}，{}", kind_and_limit(s, lang)),
        (0, _) => format!("speaker added: {who}, {}", kind_and_limit(s, lang)),
        (1, Lang::Zh) => format!("开始发言：{who}，{}", kind_and_limit(s, lang)),
        (1, _) => format!("speech started: {who}, {}", kind_and_limit(s, lang)),
        (2, _) => stopped_line(m, s, lang),
        (_, Lang::Zh) => format!("跳过发言：{who}"),
        (_, _) => format!("speech skipped: {who}"),
    })
}

/// `发言结束：陈琳慧，用时 5:12，超时 0:12`. Said from the state the speech is in now.
fn stopped_line(m: &Meeting, s: &SpeechState, lang: Lang) -> String {
    let name = m.speaker_label(&s.speaker, lang);
    let c = s.countdown(s.last_end.unwrap_or_else(Utc::now));
    let used = mmss(c.elapsed);
    match (c.phase, lang) {
        (Phase::Overrun, Lang::Zh) => {
            format!("发言结束：{name}，用时 {used}，超时 {}", mmss(c.overrun()))
        }
        (Phase::Overrun, _) => format!(
            "speech ended: {name}, {used}, {} over the limit",
            mmss(c.overrun())
        ),
        (_, Lang::Zh) => format!("发言结束：{name}，用时 {used}"),
        (_, _) => format!("speech ended: {name}, {used}"),
    }
}

fn status_word(s: &SpeechState, lang: Lang) -> &'static str {
    match (s.status, lang) {
        (SpeechStatus::Pending, Lang::Zh) => "待发言",
        (SpeechStatus::Running, Lang::Zh) => "发言中",
        (SpeechStatus::Done, Lang::Zh) => "已发言",
        (SpeechStatus::Skipped, Lang::Zh) => "已跳过",
        (SpeechStatus::Pending, _) => "waiting",
        (SpeechStatus::Running, _) => "speaking",
        (SpeechStatus::Done, _) => "spoke",
        (SpeechStatus::Skipped, _) => "skipped",
    }
}

/// The stable shape of `speak list --json` (docs/speakers.md).
#[derive(Debug, Serialize)]
struct ListJson<'a> {
    /// The item whose speakers the chair sees.
    focus: Option<String>,
    running: Option<&'a str>,
    next: Option<&'a str>,
    cue: Option<CueJson>,
    items: Vec<ItemJson<'a>>,
    totals: Vec<SpeakerTotal>,
}

#[derive(Debug, Serialize)]
struct CueJson {
    venue: String,
    venue_name: String,
    video: crate::core::event::LinkState,
    audio: crate::core::event::LinkState,
    line: String,
}

#[derive(Debug, Serialize)]
struct ItemJson<'a> {
    id: String,
    title: String,
    speeches: Vec<SpeechJson<'a>>,
}

#[derive(Debug, Serialize)]
struct SpeechJson<'a> {
    #[serde(flatten)]
    state: &'a SpeechState,
    label: String,
    elapsed_seconds: i64,
    remaining_seconds: Option<i64>,
    overrun_seconds: i64,
    phase: Phase,
}

fn list(
    m: &Meeting,
    json: bool,
    all: bool,
    now: DateTime<Utc>,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let focus = m.speech_focus();
    let items: Vec<String> = m
        .agenda
        .flat_items()
        .iter()
        .map(|f| f.item.id.clone())
        .filter(|id| !m.speeches_of(id).is_empty() && (json || all || Some(id) == focus.as_ref()))
        .collect();
    let next = m.upcoming_speech();
    if json {
        let out = ListJson {
            focus: focus.clone(),
            running: m.running_speech().map(|s| s.id.as_str()),
            next: next.map(|s| s.id.as_str()),
            cue: m.video_cue().map(|c| CueJson {
                venue: m.agenda.venues[c.venue].id.clone(),
                venue_name: m.agenda.venues[c.venue].name.clone(),
                video: c.video,
                audio: c.audio,
                line: c.line(m, lang),
            }),
            items: items
                .iter()
                .map(|id| ItemJson {
                    id: id.clone(),
                    title: m.item_label(id),
                    speeches: m
                        .speeches_of(id)
                        .into_iter()
                        .map(|s| {
                            let c = s.countdown(now);
                            SpeechJson {
                                state: s,
                                label: m.speaker_label(&s.speaker, lang),
                                elapsed_seconds: c.elapsed.num_seconds(),
                                remaining_seconds: c.remaining().map(|r| r.num_seconds()),
                                overrun_seconds: c.overrun().num_seconds(),
                                phase: c.phase,
                            }
                        })
                        .collect(),
                })
                .collect(),
            totals: m.speaking_totals(now),
        };
        println!("{}", crate::sanitize::json::to_string_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    if items.is_empty() {
        outln!(
            "{}",
            lang.pick("no speakers planned or added", "没有安排或增加的发言人")
        );
        return Ok(ExitCode::SUCCESS);
    }
    for id in &items {
        outln!("{}", m.item_label(id));
        for s in m.speeches_of(id) {
            let c = s.countdown(now);
            let mark = match s.status {
                SpeechStatus::Running => ">",
                _ if next.is_some_and(|n| n.id == s.id) => "*",
                _ => " ",
            };
            let time = match (s.status, c.limit) {
                (SpeechStatus::Pending | SpeechStatus::Skipped, Some(l)) => {
                    format!("-/{}", mmss(l))
                }
                (SpeechStatus::Pending | SpeechStatus::Skipped, None) => "-".to_string(),
                (_, Some(l)) => format!("{}/{}", mmss(c.elapsed), mmss(l)),
                (_, None) => mmss(c.elapsed),
            };
            let over = match c.phase {
                Phase::Overrun => match lang {
                    Lang::Zh => format!("\t超时 {}", mmss(c.overrun())),
                    Lang::En => format!("\tover by {}", mmss(c.overrun())),
                },
                _ => String::new(),
            };
            outln!(
                "{mark} {}\t{}\t{}\t{}\t{time}{over}",
                s.id,
                speaker_line(m, s, lang),
                s.speaker.kind.label(lang),
                status_word(s, lang)
            );
        }
    }
    if let Some(cue) = m.video_cue() {
        outln!("{}", cue.line(m, lang));
    }
    Ok(ExitCode::SUCCESS)
}
