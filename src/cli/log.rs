//! `huiwu log AGENDA`: the event history, one readable line per event, every seat's in
//! the order the fold takes them. Each event is told against the meeting as it stood
//! just before it (replayed as the log goes), so an undo names the record it took back
//! and who is what now, and a correction says from what to what: never a raw event id.
//! `--seats`: one line per seat.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::core::agenda::OwnerRef;
use crate::core::event::{ActionFields, Event, EventKind, LinkState, SetStatus};
use crate::core::meeting::{Meeting, Status};
use crate::i18n::{Lang, status_label};
use crate::store::layout;
use crate::store::record;
use crate::store::session::{AgendaFile, open_read_only};

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// One line per seat: its events, first and last time, its venue when it signed in
    /// one venue's people, where its journal is, and any events missing
    #[arg(long)]
    pub seats: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let agenda = ctx.agenda_to_view(&args.agenda, lang)?;
    if args.seats {
        return seats(ctx, &agenda);
    }
    let (meeting, events, header) = open_read_only(&agenda, &ctx.data_dir()?)?;
    if header.is_none() {
        outln!("{}", lang.pick("no events recorded yet", "尚无记录"));
        return Ok(ExitCode::SUCCESS);
    }
    drop(meeting);
    let tz = *agenda.agenda.meeting.start.offset();
    let by_id: HashMap<&str, &Event> = events.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut m = Meeting::replay(agenda.agenda.clone(), &[]);
    for e in &events {
        let t = e.at.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S");
        let mut line = describe(&m, e, &by_id, lang);
        m.apply(e);
        line.push_str(&afterwards(&m, e, lang));
        outln!("{t}  {}#{}  {line}", e.seat, e.seq);
    }
    Ok(ExitCode::SUCCESS)
}

/// `log --seats`.
fn seats(ctx: &Ctx, agenda: &AgendaFile) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let data_dir = ctx.data_dir()?;
    let id = &agenda.agenda.meeting.id;
    let mut m = Meeting::new(agenda.agenda.clone());
    let files = record::read_meeting(&data_dir, id, &[], &mut |b| m.apply_all(b))?;
    let summaries = m.seat_summaries();
    if summaries.is_empty() {
        outln!("{}", lang.pick("no events recorded yet", "尚无记录"));
        return Ok(ExitCode::SUCCESS);
    }
    let listing = layout::list(&data_dir, id)?;
    let tz = *agenda.agenda.meeting.start.offset();
    outln!(
        "{}",
        lang.pick(
            "seat	events	first	last	venue	journal	missing",
            "席位	记录数	首条	末条	会场	记录文件	缺失"
        )
    );
    for s in &summaries {
        let t = |x: Option<chrono::DateTime<chrono::Utc>>| {
            x.map(|x| x.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_else(|| "-".into())
        };
        let venue = s
            .venue
            .map(|v| m.agenda.venues[v].name.clone())
            .unwrap_or_else(|| "-".into());
        let from: Vec<&str> = files
            .iter()
            .filter(|f| f.seats.contains(&s.seat))
            .map(|f| {
                if listing.carried.contains(&f.path) {
                    lang.pick("merged", "合并")
                } else if listing.pulled.contains(&f.path) {
                    lang.pick("server", "服务器")
                } else if listing.local.contains(&f.path) {
                    lang.pick("this computer", "本机")
                } else {
                    lang.pick("old journal", "旧记录文件")
                }
            })
            .collect();
        let missing = if s.holes.is_empty() {
            "-".to_string()
        } else {
            crate::core::anomaly::seq_ranges(&s.holes, ",")
        };
        outln!(
            "{}\t{}\t{}\t{}\t{venue}\t{}\t{missing}",
            s.seat,
            s.events,
            t(s.first_at),
            t(s.last_at),
            if from.is_empty() {
                "-".to_string()
            } else {
                from.join("+")
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// What an undo left: `; 王晓红 (1001) is now not arrived`.
fn afterwards(m: &Meeting, e: &Event, lang: Lang) -> String {
    let EventKind::Undone { target } = &e.kind else {
        return String::new();
    };
    let Some(p) = m.attendance_event_person(target) else {
        return String::new();
    };
    let who = person(m, p, lang);
    let status = status_label(m.attendance[p].status(), lang);
    match lang {
        Lang::En => format!("; {who} is now {status}"),
        Lang::Zh => format!("；{who}现为{status}"),
    }
}

/// `王晓红（1001）`, `Wei Chen (B06)`.
fn person(m: &Meeting, p: usize, lang: Lang) -> String {
    let x = &m.people[p];
    match lang {
        Lang::En => format!("{} ({})", x.name, x.id),
        Lang::Zh => format!("{}（{}）", x.name, x.id),
    }
}

fn link(l: LinkState, lang: Lang) -> &'static str {
    match l {
        LinkState::Unknown => lang.pick("unchecked", "未检查"),
        LinkState::Ok => lang.pick("ok", "正常"),
        LinkState::Failing => lang.pick("failing", "故障"),
    }
}

/// One event in words, against the meeting as it stood before it; `by_id` finds the
/// record an undo takes back.
pub fn describe(m: &Meeting, e: &Event, by_id: &HashMap<&str, &Event>, lang: Lang) -> String {
    let who = |id: &str| match m.person(id) {
        Some(i) => person(m, i, lang),
        None => id.to_string(),
    };
    let venue = |id: &str| match m.venue(id) {
        Some(i) => m.agenda.venues[i].name.clone(),
        None => id.to_string(),
    };
    let item = |id: &str| match m.item(id) {
        Some(i) => m.agenda.flat_items()[i].item.title.clone(),
        None => id.to_string(),
    };
    let en = lang == Lang::En;
    match &e.kind {
        k @ (EventKind::SpeechAdded { .. }
        | EventKind::SpeechStarted { .. }
        | EventKind::SpeechStopped { .. }
        | EventKind::SpeechSkipped { .. }
        | EventKind::SpeechesReordered { .. }) => {
            super::speak::log_line(m, k, lang).unwrap_or_default()
        }
        EventKind::MeetingStarted { effective_at } => {
            let mut s = lang.pick("meeting opened", "宣布开会").to_string();
            if let Some(t) = effective_at {
                s.push_str(&entered_later(m, *t, lang));
            }
            s
        }
        EventKind::MeetingEnded { effective_at } => {
            let mut s = lang.pick("meeting closed", "宣布散会").to_string();
            if let Some(t) = effective_at {
                s.push_str(&entered_later(m, *t, lang));
            }
            s
        }
        EventKind::MeetingReopened => lang.pick("meeting reopened", "重新开会").into(),
        EventKind::MeetingStartUndone => lang.pick("opening withdrawn", "撤销开会").into(),
        EventKind::HeadcountRecorded {
            note,
            expected,
            present,
        } => match lang {
            Lang::En => {
                format!("head count at decision {note}: expected {expected}, present {present}")
            }
            Lang::Zh => {
                format!("清点人数（议定事项 {note}）：应到 {expected} 人，实到 {present} 人")
            }
        },
        EventKind::SignedIn {
            participant,
            late,
            effective_at,
        } => {
            // A sign-in with its own arrival time was entered after the fact (补签, or
            // a platform's join time): the log says so, with both times.
            let later = effective_at.is_some();
            let mut s = match (later, late, en) {
                (false, false, true) => format!("signed in: {}", who(participant)),
                (false, true, true) => format!("signed in late: {}", who(participant)),
                (true, false, true) => format!("signed in afterwards: {}", who(participant)),
                (true, true, true) => {
                    format!("signed in afterwards, late: {}", who(participant))
                }
                (false, false, false) => format!("签到：{}", who(participant)),
                (false, true, false) => format!("迟到签到：{}", who(participant)),
                (true, false, false) => format!("补签：{}", who(participant)),
                (true, true, false) => format!("补签（迟到）：{}", who(participant)),
            };
            if let Some(t) = effective_at {
                s.push_str(&entered_later(m, *t, lang));
            }
            s
        }
        EventKind::Excused {
            participant,
            reason,
        } => {
            if en {
                format!("excused: {}, reason: {reason}", who(participant))
            } else {
                format!("请假：{}，{reason}", who(participant))
            }
        }
        EventKind::StandIn {
            participant,
            name,
            unit,
        } => {
            if en {
                format!("stand-in for {}: {name} ({unit})", who(participant))
            } else {
                format!("代会：{name}（{unit}）代 {}", who(participant))
            }
        }
        EventKind::LeftEarly { participant } => {
            if en {
                format!("left early: {}", who(participant))
            } else {
                format!("早退：{}", who(participant))
            }
        }
        EventKind::WalkedIn(w) => {
            if en {
                format!(
                    "walk-in added: {} ({}, {}) at {}",
                    w.name,
                    w.unit,
                    w.participant,
                    venue(&w.venue)
                )
            } else {
                format!(
                    "临时增补：{}（{}，{}），{}",
                    w.name,
                    w.unit,
                    w.participant,
                    venue(&w.venue)
                )
            }
        }
        EventKind::StatusCorrected { participant, to } => {
            let what = match (to, en) {
                (SetStatus::Excused { reason }, true) => format!("excused, reason: {reason}"),
                (SetStatus::Excused { reason }, false) => format!("请假，事由：{reason}"),
                (SetStatus::StandIn { name, unit }, true) => format!("stand-in {name} ({unit})"),
                (SetStatus::StandIn { name, unit }, false) => format!("代会 {name}（{unit}）"),
                (to, _) => status_label(set_status(to), lang).to_string(),
            };
            let was = m
                .person(participant)
                .map(|p| status_label(m.attendance[p].status(), lang))
                .unwrap_or_default();
            if en {
                format!("corrected: {} from {was} to {what}", who(participant))
            } else {
                format!("更正：{}由{was}改为{what}", who(participant))
            }
        }
        EventKind::Undone { target } => match by_id.get(target.as_str()) {
            // The record taken back, in the words the log used for it.
            Some(t) => {
                let what = describe(m, t, by_id, lang);
                let at =
                    t.at.with_timezone(m.agenda.meeting.start.offset())
                        .format("%H:%M:%S");
                if en {
                    format!("undone, the record of {at}: {what}")
                } else {
                    format!("撤销（{at} 的记录）：{what}")
                }
            }
            None => match m.attendance_event_person(target) {
                Some(p) => {
                    let whom = person(m, p, lang);
                    if en {
                        format!("undone: an attendance record of {whom}")
                    } else {
                        format!("撤销：{whom}的一条签到记录")
                    }
                }
                None => lang
                    .pick("undone: an earlier record", "撤销：一条较早的记录")
                    .into(),
            },
        },
        EventKind::RollCallAnswered {
            venue: v,
            expected,
            present,
            excused,
            absent,
            note,
        } => {
            let mut s = if en {
                format!(
                    "roll call {}: expected {expected}, present {present}, excused {excused}, absent {absent}",
                    venue(v)
                )
            } else {
                format!(
                    "点名 {}：应到 {expected} 人，实到 {present} 人，请假 {excused} 人，缺席 {absent} 人",
                    venue(v)
                )
            };
            if !note.is_empty() {
                s.push_str(&match lang {
                    Lang::En => format!("; note: {note}"),
                    Lang::Zh => format!("；备注：{note}"),
                });
            }
            s
        }
        EventKind::LinkChecked {
            venue: v,
            video,
            audio,
        } => {
            if en {
                format!(
                    "link {}: video {}, audio {}",
                    venue(v),
                    link(*video, lang),
                    link(*audio, lang)
                )
            } else {
                format!(
                    "线路 {}：视频{}，音频{}",
                    venue(v),
                    link(*video, lang),
                    link(*audio, lang)
                )
            }
        }
        EventKind::ItemStarted { item: i } => {
            format!("{} {}", lang.pick("started:", "开始："), item(i))
        }
        EventKind::ItemPaused { item: i } => {
            format!("{} {}", lang.pick("paused:", "暂停："), item(i))
        }
        EventKind::ItemResumed { item: i } => {
            format!("{} {}", lang.pick("resumed:", "继续："), item(i))
        }
        EventKind::ItemEnded { item: i } => {
            format!("{} {}", lang.pick("ended:", "结束："), item(i))
        }
        EventKind::ItemSkipped { item: i } => {
            format!("{} {}", lang.pick("skipped:", "跳过："), item(i))
        }
        EventKind::NoteRecorded {
            note,
            text,
            decision,
            ..
        } => {
            let kind = if *decision {
                lang.pick("decision", "议定事项")
            } else {
                lang.pick("note", "记录")
            };
            format!("{kind} {note}{}{}", colon(lang), first_line(text))
        }
        EventKind::NoteEdited { note, text, .. } => format!(
            "{} {note}{}{}",
            lang.pick("note edited", "修改记录"),
            colon(lang),
            first_line(text)
        ),
        EventKind::ActionAdded { action, fields } => format!(
            "{} {action}{}{}",
            lang.pick("action added", "新增任务"),
            colon(lang),
            fields.text.as_deref().unwrap_or("")
        ),
        EventKind::ActionEdited { action, fields } => {
            let changed = action_changes(m, fields, lang);
            let head = lang.pick("action edited", "修改任务");
            if changed.is_empty() {
                format!("{head} {action}")
            } else {
                format!("{head} {action}{}{changed}", colon(lang))
            }
        }
        EventKind::ActionCompleted { action } => {
            format!("{} {action}", lang.pick("action done", "任务完成"))
        }
        EventKind::ActionReopened { action } => {
            format!("{} {action}", lang.pick("action reopened", "任务重新打开"))
        }
        EventKind::ActionDeleted { action } => {
            format!("{} {action}", lang.pick("action deleted", "删除任务"))
        }
        EventKind::NoteDeleted { note } => {
            format!("{} {note}", lang.pick("note deleted", "删除记录"))
        }
        EventKind::Unknown(u) => match lang {
            Lang::En => format!(
                "an event from a newer huiwu (type `{}`): kept, not understood",
                u.type_name
            ),
            Lang::Zh => format!(
                "来自较新版本 huiwu 的记录（类型 `{}`）：已保留，本版本无法解读",
                u.type_name
            ),
        },
        EventKind::AgendaChanged { sha256 } => format!(
            "{} ({})",
            lang.pick("the agenda file changed", "议程文件已更改"),
            &sha256[..sha256.len().min(12)]
        ),
    }
}

/// ` (at 16:02, entered later)`: the time something happened, beside the time it was
/// recorded that starts the log line.
fn entered_later(m: &Meeting, t: chrono::DateTime<chrono::Utc>, lang: Lang) -> String {
    let t = t
        .with_timezone(m.agenda.meeting.start.offset())
        .format("%H:%M:%S");
    match lang {
        Lang::En => format!(" (at {t}, entered later)"),
        Lang::Zh => format!("（实际时间 {t}，事后补录）"),
    }
}

/// `: ` in English, `：` in Chinese.
fn colon(lang: Lang) -> &'static str {
    lang.pick(": ", "：")
}

fn set_status(to: &SetStatus) -> Status {
    match to {
        SetStatus::NotArrived => Status::NotArrived,
        SetStatus::Present { late: false } => Status::Present,
        SetStatus::Present { late: true } => Status::Late,
        SetStatus::Excused { .. } => Status::Excused,
        SetStatus::StandIn { .. } => Status::StandIn,
        SetStatus::LeftEarly => Status::LeftEarly,
    }
}

/// What an edit of an action item changed, with the new values: `due 2017-06-30; owners
/// 王晓红`.
fn action_changes(m: &Meeting, f: &ActionFields, lang: Lang) -> String {
    let none = lang.pick("none", "无");
    let mut parts = Vec::new();
    let mut part = |en: &str, zh: &str, value: String| {
        parts.push(match lang {
            Lang::En => format!("{en} {value}"),
            Lang::Zh => format!("{zh}改为{value}"),
        });
    };
    if let Some(t) = &f.text {
        part("task", "任务", first_line(t).to_string());
    }
    if let Some(owners) = &f.owners {
        let names: Vec<String> = owners.iter().map(|o| owner_name(m, o)).collect();
        part("owners", "责任人", names.join(lang.pick(", ", "、")));
    }
    if let Some(due) = &f.due {
        let text = f.due_text.clone().flatten();
        let value = match (due, text) {
            (Some(d), Some(t)) if t != d.to_string() => format!("{d} ({t})"),
            (Some(d), _) => d.to_string(),
            (None, _) => none.to_string(),
        };
        part("due", "完成时限", value);
    }
    if let Some(item) = &f.item {
        let value = match item {
            Some(id) => match m.item(id) {
                Some(i) => m.agenda.flat_items()[i].item.title.clone(),
                None => id.clone(),
            },
            None => none.to_string(),
        };
        part("item", "来源议程", value);
    }
    if let Some(by) = &f.assigned_by {
        let value = by.as_ref().map_or(none.to_string(), |r| m.person_label(r));
        part("assigned by", "交办人", value);
    }
    parts.join(lang.pick("; ", "；"))
}

fn owner_name(m: &Meeting, o: &OwnerRef) -> String {
    match o {
        OwnerRef::Participant(id) => m
            .person(id)
            .map_or(id.clone(), |p| m.people[p].name.clone()),
        OwnerRef::Venue(id) => m
            .venue(id)
            .map_or(id.clone(), |v| m.agenda.venues[v].name.clone()),
        OwnerRef::Unit(u) | OwnerRef::Person(u) => u.clone(),
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}
