//! The chair's speech commands (start, stop, next, skip, reorder, add), decided against
//! the meeting like every other command: they answer with the events to record. Starting
//! a speech of an item that is not running starts the item; starting one while another
//! speaks stops that one first.

use chrono::{DateTime, Utc};

use super::command::{Decision, Rejection, Warning};
use super::event::{EventKind, SpeakerFields};
use super::meeting::{ItemStatus, Meeting, SpeechStatus};

#[derive(Debug, Clone, PartialEq)]
pub enum SpeechCommand {
    /// Start (or go on with) a speech, by id; at `at` when entered later.
    Start {
        speech: String,
        at: Option<DateTime<Utc>>,
    },
    /// Stop the running speech.
    Stop { at: Option<DateTime<Utc>> },
    /// Stop the running speech and start the next speaker of its item (of the item in
    /// focus when nobody speaks; of the next item when none is).
    Next { at: Option<DateTime<Utc>> },
    /// Pass over a planned speech (`None`: the next one).
    Skip { speech: Option<String> },
    /// Move a speech up (`-1`) or down (`1`) in its item's list.
    Move { speech: String, by: i32 },
    /// Add a speaker to an item's list (`None`: the item in focus), and start them at
    /// once when `start`.
    Add {
        item: Option<String>,
        speaker: SpeakerFields,
        start: bool,
        at: Option<DateTime<Utc>>,
    },
}

/// Why a speech command cannot be carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeechRejection {
    UnknownSpeech(String),
    /// Nobody is speaking.
    NobodySpeaking,
    /// The item has no speaker left to call.
    NoMoreSpeakers,
    /// A speech that was given cannot be skipped.
    AlreadyGiven(String),
    /// No item to add a speaker to.
    NoItem,
    /// An `--at` before the running speech began.
    BeforeItsStart,
}

impl SpeechRejection {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang::{En, Zh};
        use SpeechRejection::*;
        match (self, lang) {
            (UnknownSpeech(s), En) => format!("no speech `{s}`"),
            (UnknownSpeech(s), Zh) => format!("没有发言 `{s}`"),
            (NobodySpeaking, En) => "nobody is speaking".into(),
            (NobodySpeaking, Zh) => "当前没有人在发言".into(),
            (NoMoreSpeakers, En) => "no more speakers in this item".into(),
            (NoMoreSpeakers, Zh) => "本项议程没有待发言的人了".into(),
            (AlreadyGiven(s), En) => format!("{s} has already spoken; it cannot be skipped"),
            (AlreadyGiven(s), Zh) => format!("{s} 已经发言，不能跳过"),
            (NoItem, En) => "no agenda item to add the speaker to".into(),
            (NoItem, Zh) => "没有可添加发言人的议程".into(),
            (BeforeItsStart, En) => "that time is before the speech began".into(),
            (BeforeItsStart, Zh) => "该时间早于发言开始时间".into(),
        }
    }
}

fn reject(r: SpeechRejection) -> Rejection {
    Rejection::Speech(r)
}

pub fn decide(m: &Meeting, cmd: &SpeechCommand, now: DateTime<Utc>) -> Result<Decision, Rejection> {
    let in_future = |at: &Option<DateTime<Utc>>| at.is_some_and(|t| t > now);
    match cmd {
        SpeechCommand::Start { speech, at } => {
            not_ended(m)?;
            if in_future(at) {
                return Err(Rejection::InTheFuture);
            }
            let s = m
                .speech(speech)
                .ok_or_else(|| reject(SpeechRejection::UnknownSpeech(speech.clone())))?;
            if s.status == SpeechStatus::Running {
                return Ok(warn(Warning::NothingToChange));
            }
            start(m, &s.item.clone(), speech, *at)
        }
        SpeechCommand::Stop { at } => {
            if in_future(at) {
                return Err(Rejection::InTheFuture);
            }
            let s = m
                .running_speech()
                .ok_or(reject(SpeechRejection::NobodySpeaking))?;
            check_after_start(m, *at)?;
            Ok(events(vec![EventKind::SpeechStopped {
                item: s.item.clone(),
                speech: s.id.clone(),
                effective_at: *at,
            }]))
        }
        SpeechCommand::Next { at } => {
            not_ended(m)?;
            if in_future(at) {
                return Err(Rejection::InTheFuture);
            }
            let item = match m.speech_focus() {
                Some(i) if m.next_speech(&i).is_some() || m.running_speech().is_some() => i,
                // Nothing left where the chair is: the next item that has speakers.
                _ => m
                    .next_item_with_speakers()
                    .ok_or(reject(SpeechRejection::NoMoreSpeakers))?,
            };
            match m.next_speech(&item) {
                Some(next) => start(m, &item, &next.id.clone(), *at),
                None => {
                    // The last speaker is done: stop them, nobody to call.
                    let s = m
                        .running_speech()
                        .ok_or(reject(SpeechRejection::NoMoreSpeakers))?;
                    check_after_start(m, *at)?;
                    Ok(events(vec![EventKind::SpeechStopped {
                        item: s.item.clone(),
                        speech: s.id.clone(),
                        effective_at: *at,
                    }]))
                }
            }
        }
        SpeechCommand::Skip { speech } => {
            not_ended(m)?;
            let s = match speech {
                Some(id) => m
                    .speech(id)
                    .ok_or_else(|| reject(SpeechRejection::UnknownSpeech(id.clone())))?,
                None => m
                    .speech_focus()
                    .and_then(|i| m.next_speech(&i))
                    .ok_or(reject(SpeechRejection::NoMoreSpeakers))?,
            };
            match s.status {
                SpeechStatus::Pending => Ok(events(vec![EventKind::SpeechSkipped {
                    item: s.item.clone(),
                    speech: s.id.clone(),
                }])),
                SpeechStatus::Skipped => Ok(warn(Warning::NothingToChange)),
                SpeechStatus::Running | SpeechStatus::Done => {
                    let who = if s.speaker.name.is_empty() {
                        s.id.clone()
                    } else {
                        s.speaker.name.clone()
                    };
                    Err(reject(SpeechRejection::AlreadyGiven(who)))
                }
            }
        }
        SpeechCommand::Move { speech, by } => {
            not_ended(m)?;
            let s = m
                .speech(speech)
                .ok_or_else(|| reject(SpeechRejection::UnknownSpeech(speech.clone())))?;
            let mut order: Vec<String> = m
                .speeches_of(&s.item)
                .iter()
                .map(|x| x.id.clone())
                .collect();
            let Some(pos) = order.iter().position(|x| x == speech) else {
                return Ok(warn(Warning::NothingToChange));
            };
            let to = pos as i64 + i64::from(*by);
            if to < 0 || to >= order.len() as i64 || *by == 0 {
                return Ok(warn(Warning::NothingToChange));
            }
            let moved = order.remove(pos);
            order.insert(to as usize, moved);
            Ok(events(vec![EventKind::SpeechesReordered {
                item: s.item.clone(),
                order,
            }]))
        }
        SpeechCommand::Add {
            item,
            speaker,
            start: and_start,
            at,
        } => {
            not_ended(m)?;
            if in_future(at) {
                return Err(Rejection::InTheFuture);
            }
            let item = match item {
                Some(i) => {
                    m.item(i).ok_or_else(|| Rejection::UnknownItem(i.clone()))?;
                    i.clone()
                }
                None => m.speech_focus().ok_or(reject(SpeechRejection::NoItem))?,
            };
            if let Some(p) = &speaker.participant {
                m.person(p)
                    .ok_or_else(|| Rejection::UnknownParticipant(p.clone()))?;
            } else if speaker.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
                return Err(Rejection::EmptyText);
            }
            if let Some(v) = &speaker.venue {
                m.venue(v)
                    .ok_or_else(|| Rejection::UnknownVenue(v.clone()))?;
            }
            let id = m.next_added_speech_id(&item);
            let added = EventKind::SpeechAdded {
                item: item.clone(),
                speech: id.clone(),
                speaker: Box::new(speaker.clone()),
            };
            if !and_start {
                return Ok(events(vec![added]));
            }
            // Decide the start on the meeting with the speaker added.
            let with = m.with_applied(vec![added.clone()], now);
            let mut d = start(&with, &item, &id, *at)?;
            d.events.insert(0, added);
            Ok(d)
        }
    }
}

/// Events that make `speech` (of `item`) the one speaking: the item starts when it is
/// not running (its first sub-item, for a parent), the running speech stops.
fn start(
    m: &Meeting,
    item: &str,
    speech: &str,
    at: Option<DateTime<Utc>>,
) -> Result<Decision, Rejection> {
    let mut ev = Vec::new();
    let mut warnings = Vec::new();
    let cur = m.current_item.as_deref();
    let item_runs = cur.is_some_and(|c| {
        (c == item || m.parent_of(c) == Some(item))
            && m.item_state(c).map(|s| s.status) == Some(ItemStatus::Running)
    });
    if !item_runs {
        let leaf = if m.is_leaf(item) {
            // The same item, paused: resume it.
            match (cur, m.item_state(item).map(|s| s.status)) {
                (Some(c), Some(ItemStatus::Paused)) if c == item => {
                    ev.push(EventKind::ItemResumed { item: item.into() });
                    None
                }
                _ => Some(item.to_string()),
            }
        } else {
            match cur {
                Some(c) if m.parent_of(c) == Some(item) => {
                    ev.push(EventKind::ItemResumed { item: c.into() });
                    None
                }
                _ => m
                    .leaves_of(item)
                    .into_iter()
                    .find(|l| {
                        m.item_state(l).is_some_and(|s| {
                            matches!(s.status, ItemStatus::Pending | ItemStatus::Paused)
                        })
                    })
                    .or_else(|| m.leaves_of(item).into_iter().next()),
            }
        };
        if let Some(leaf) = leaf {
            if m.started_at.is_none() {
                // A speech entered later opens the meeting at its time.
                ev.push(EventKind::MeetingStarted { effective_at: at });
                warnings.push(Warning::OpenedTheMeeting);
            }
            if let Some(c) = cur {
                ev.push(EventKind::ItemEnded { item: c.into() });
            }
            ev.push(EventKind::ItemStarted { item: leaf });
        }
    }
    if let Some(r) = m.running_speech() {
        check_after_start(m, at)?;
        ev.push(EventKind::SpeechStopped {
            item: r.item.clone(),
            speech: r.id.clone(),
            effective_at: at,
        });
    }
    ev.push(EventKind::SpeechStarted {
        item: item.into(),
        speech: speech.into(),
        effective_at: at,
    });
    Ok(Decision {
        events: ev,
        warnings,
    })
}

/// An `--at` for a stop must not be before the running speech began.
fn check_after_start(m: &Meeting, at: Option<DateTime<Utc>>) -> Result<(), Rejection> {
    match (at, m.running_speech().and_then(|s| s.running_since)) {
        (Some(t), Some(since)) if t < since => Err(reject(SpeechRejection::BeforeItsStart)),
        _ => Ok(()),
    }
}

fn not_ended(m: &Meeting) -> Result<(), Rejection> {
    if m.ended_at.is_some() {
        Err(Rejection::MeetingEnded)
    } else {
        Ok(())
    }
}

fn events(events: Vec<EventKind>) -> Decision {
    Decision {
        events,
        warnings: Vec::new(),
    }
}

fn warn(w: Warning) -> Decision {
    Decision {
        events: Vec::new(),
        warnings: vec![w],
    }
}
