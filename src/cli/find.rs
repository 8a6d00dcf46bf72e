//! `huiwu find AGENDA QUERY`: the attendance desk's search without a screen. Reads the
//! journal without taking the lock, so it works beside a running desk.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::core::meeting::{Meeting, Status};
use crate::i18n::{Lang, status_label};
use crate::search::{MatchField, MatchKind, NameIndex};
use crate::store::session::open_meeting;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// What to look for: a name or part of it, full pinyin (wangxiaohong), initials
    /// (wxh), a mix (wang xh), a unit, a participant number. Several words are joined.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// At most this many results, best first
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// Only people of this venue (its id)
    #[arg(long, value_name = "VENUE")]
    pub venue: Option<String>,
    /// Print JSON: an array of {id, name, unit, title, venue, venue_name, status, time,
    /// score, field, kind}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct Found<'a> {
    id: &'a str,
    name: &'a str,
    unit: &'a str,
    title: &'a str,
    venue: &'a str,
    venue_name: &'a str,
    status: Status,
    /// Sign-in time, local to the meeting.
    time: Option<chrono::DateTime<chrono::FixedOffset>>,
    score: u32,
    /// Where the query matched: `id`, `name` or `unit`.
    field: &'static str,
    /// How: `exact`, `prefix`, `inside`, `fuzzy` or `typo`.
    kind: &'static str,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let query = args.query.join(" ");
    if query.trim().is_empty() {
        errln!("huiwu: {}", lang.pick("the query is empty", "查询内容为空"));
        return Ok(ExitCode::from(2));
    }
    let agenda = ctx.agenda_to_view(&args.agenda, lang)?;
    let (meeting, _) = open_meeting(&agenda, &ctx.data_dir()?)?;
    let meeting = super::keep_until_exit(meeting);
    let venue = match &args.venue {
        None => None,
        Some(v) => match meeting.venue(v) {
            Some(_) => Some(v.as_str()),
            None => {
                let known: Vec<&str> = meeting
                    .agenda
                    .venues
                    .iter()
                    .map(|v| v.id.as_str())
                    .collect();
                errln!(
                    "{}",
                    match lang {
                        Lang::En => format!(
                            "huiwu: no venue `{v}`; the venues are: {}",
                            known.join(", ")
                        ),
                        Lang::Zh => format!("huiwu：没有会场 `{v}`；会场有：{}", known.join("、")),
                    }
                );
                return Ok(ExitCode::from(2));
            }
        },
    };
    // No pinyin readings for a query without letters (hanzi, a badge number).
    let index = super::keep_until_exit(NameIndex::build_for(&meeting.people, &query));
    let hits = index.search(&query, args.limit, |i| {
        venue.is_none_or(|v| meeting.people[i].venue == v)
    });
    if hits.is_empty() {
        errln!(
            "{}",
            match lang {
                Lang::En => format!("huiwu: nobody matches `{query}`"),
                Lang::Zh => format!("huiwu：没有与 `{query}` 相符的人"),
            }
        );
        return Ok(ExitCode::from(1));
    }
    let found: Vec<Found> = hits
        .iter()
        .map(|h| found(meeting, index, &query, h.index, h.score))
        .collect();
    let mut text = String::new();
    if args.json {
        text = crate::sanitize::json::to_string_pretty(&found)?;
        text.push('\n');
    } else {
        if std::io::stdout().is_terminal() {
            text.push_str(match lang {
                Lang::En => "id\tname\tunit\ttitle\tvenue\tstatus\n",
                Lang::Zh => "编号\t姓名\t单位\t职务\t会场\t状态\n",
            });
        }
        for f in &found {
            let status = status_label(f.status, lang);
            let time = f
                .time
                .map(|t| format!(" {}", t.format("%H:%M")))
                .unwrap_or_default();
            text.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{status}{time}\n",
                f.id, f.name, f.unit, f.title, f.venue_name
            ));
        }
        // Names as the terminal may show them; the JSON keeps them as recorded (escaped).
        text = crate::sanitize::screen_text(&text).into_owned();
    }
    // A reader that stops early (`| head`) is not an error.
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn found<'a>(m: &'a Meeting, index: &NameIndex, query: &str, i: usize, score: u32) -> Found<'a> {
    let p = &m.people[i];
    let a = &m.attendance[i];
    let tz = *m.agenda.meeting.start.offset();
    let venue_name = m
        .venue(&p.venue)
        .map(|v| m.agenda.venues[v].name.as_str())
        .unwrap_or("");
    let (field, kind) = match index.explain(i, query) {
        Some(info) => (
            match info.field {
                MatchField::Id => "id",
                MatchField::Name => "name",
                MatchField::Unit => "unit",
            },
            match info.kind {
                MatchKind::Exact => "exact",
                MatchKind::Prefix => "prefix",
                MatchKind::Inside => "inside",
                MatchKind::Fuzzy => "fuzzy",
                MatchKind::Typo => "typo",
            },
        ),
        None => ("", ""),
    };
    Found {
        id: &p.id,
        name: &p.name,
        unit: &p.unit,
        title: &p.title,
        venue: &p.venue,
        venue_name,
        status: a.status(),
        time: a.time().map(|t| t.with_timezone(&tz)),
        score,
        field,
        kind,
    }
}
