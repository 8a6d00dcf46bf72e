//! Speeches in the fold: the planned ones of the agenda, the ones added at the meeting,
//! and their timing (started, stopped, skipped, reordered). A speech runs only while its
//! item does: another item starting, its own item ending and the meeting's close stop it.
//! Queries for the desk, `huiwu speak` and the minutes: the list of the item in focus,
//! who is next, the countdown against the limit, the video operator's cue, and each
//! speaker's total time.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::{Meeting, ser_secs};
use crate::core::agenda::{Speech, SpeechKind};
use crate::core::event::{Event, EventKind, LinkState, SpeakerFields};
use crate::i18n::Lang;

/// From this long before the limit the countdown warns.
pub const WARN_BEFORE_SECS: i64 = 60;

/// `4:05`, `-0:42`, `1:02:03`: a speech's time as a clock shows it.
pub fn mmss(d: Duration) -> String {
    let neg = d < Duration::zero();
    let s = d.num_seconds().unsigned_abs();
    let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
    let sign = if neg { "-" } else { "" };
    if h > 0 {
        format!("{sign}{h}:{m:02}:{sec:02}")
    } else {
        format!("{sign}{m}:{sec:02}")
    }
}

impl Speaker {
    /// `王益区教育科技体育局局长` / `Director, Wangyi District Education Bureau`.
    pub fn role(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}{}", self.unit, self.title),
            Lang::En => [self.title.as_str(), self.unit.as_str()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// Who gives a speech, as the fold resolved it from the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The roster id, for someone on the roster (or a walk-in).
    pub participant: Option<String>,
    /// Empty for a venue's representative not named in advance.
    pub name: String,
    pub unit: String,
    pub title: String,
    /// The venue spoken from (its id).
    pub venue: Option<String>,
    pub kind: SpeechKind,
    pub limit_seconds: Option<u32>,
    pub topic: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeechStatus {
    Pending,
    Running,
    /// Given (stopped); it may be started again and goes on counting.
    Done,
    Skipped,
}

/// One speech: planned in the agenda, or added at the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeechState {
    /// `ITEM#N` for the N-th planned speech of the item, `ITEM#aN` for one added.
    pub id: String,
    /// The item whose list it is on (a parent item's speech spans its sub-items).
    pub item: String,
    pub speaker: Speaker,
    pub planned: bool,
    pub status: SpeechStatus,
    pub first_start: Option<DateTime<Utc>>,
    pub last_end: Option<DateTime<Utc>>,
    /// Time of the closed stretches.
    #[serde(serialize_with = "ser_secs")]
    pub closed: Duration,
    pub running_since: Option<DateTime<Utc>>,
    /// The seat that started it (first).
    pub started_by: Option<String>,
    /// Its place in the item's list.
    #[serde(skip)]
    order: usize,
}

impl SpeechState {
    /// A speech not given yet, at `order` in its item's list.
    fn new(id: String, item: &str, speaker: Speaker, planned: bool, order: usize) -> Self {
        SpeechState {
            id,
            item: item.to_string(),
            speaker,
            planned,
            status: SpeechStatus::Pending,
            first_start: None,
            last_end: None,
            closed: Duration::zero(),
            running_since: None,
            started_by: None,
            order,
        }
    }

    /// Time spoken up to `now`.
    pub fn elapsed(&self, now: DateTime<Utc>) -> Duration {
        match self.running_since {
            Some(s) if now > s => self.closed + (now - s),
            _ => self.closed,
        }
    }

    pub fn limit(&self) -> Option<Duration> {
        self.speaker
            .limit_seconds
            .map(|s| Duration::seconds(i64::from(s)))
    }

    /// Where the speech stands against its limit at `now`.
    pub fn countdown(&self, now: DateTime<Utc>) -> Countdown {
        Countdown::of(self.elapsed(now), self.limit())
    }

    fn close(&mut self, at: DateTime<Utc>) {
        if let Some(s) = self.running_since.take()
            && at > s
        {
            self.closed += at - s;
        }
        if self.status == SpeechStatus::Running {
            self.status = SpeechStatus::Done;
            self.last_end = Some(at);
        }
    }
}

/// How a speech stands against its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// No limit was set.
    Open,
    Within,
    /// At most [`WARN_BEFORE_SECS`] left.
    Warning,
    /// Past the limit.
    Overrun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub elapsed: Duration,
    pub limit: Option<Duration>,
    pub phase: Phase,
}

impl Countdown {
    pub fn of(elapsed: Duration, limit: Option<Duration>) -> Countdown {
        let phase = match limit {
            None => Phase::Open,
            Some(l) if elapsed > l => Phase::Overrun,
            Some(l) if l - elapsed <= Duration::seconds(WARN_BEFORE_SECS) => Phase::Warning,
            Some(_) => Phase::Within,
        };
        Countdown {
            elapsed,
            limit,
            phase,
        }
    }

    /// Time left (negative past the limit); `None` without a limit.
    pub fn remaining(&self) -> Option<Duration> {
        self.limit.map(|l| l - self.elapsed)
    }

    /// Time past the limit (zero within it, or without one).
    pub fn overrun(&self) -> Duration {
        self.remaining()
            .map_or(Duration::zero(), |r| (-r).max(Duration::zero()))
    }
}

/// What the video operator (导播) must do before the next speaker: switch the main
/// picture to the venue they speak from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// Index of the venue to switch to.
    pub venue: usize,
    pub video: LinkState,
    pub audio: LinkState,
    /// The speech it is for.
    pub speech: String,
}

impl Cue {
    /// `切换至 王益区分会场（视频正常，音频正常）`.
    pub fn line(&self, m: &Meeting, lang: Lang) -> String {
        let name = &m.agenda.venues[self.venue].name;
        let state = |s: LinkState| match (s, lang) {
            (LinkState::Ok, Lang::Zh) => "正常",
            (LinkState::Failing, Lang::Zh) => "故障",
            (LinkState::Unknown, Lang::Zh) => "未检查",
            (LinkState::Ok, Lang::En) => "ok",
            (LinkState::Failing, Lang::En) => "failing",
            (LinkState::Unknown, Lang::En) => "not checked",
        };
        match lang {
            Lang::Zh => format!(
                "切换至 {name}（视频{}，音频{}）",
                state(self.video),
                state(self.audio)
            ),
            Lang::En => format!(
                "Switch to {name} (video {}, audio {})",
                state(self.video),
                state(self.audio)
            ),
        }
    }

    /// Whether the link of the venue to switch to is known to fail.
    pub fn link_failing(&self) -> bool {
        self.video == LinkState::Failing || self.audio == LinkState::Failing
    }
}

/// One speaker's speeches in the whole meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerTotal {
    pub participant: Option<String>,
    pub name: String,
    pub unit: String,
    pub venue: Option<String>,
    pub speeches: usize,
    #[serde(serialize_with = "ser_secs")]
    pub total: Duration,
    /// Time past the limits, summed over the speeches that overran.
    #[serde(serialize_with = "ser_secs")]
    pub overrun: Duration,
}

impl Meeting {
    /// The planned speeches, as the agenda lists them, none held yet.
    pub(super) fn planned_speeches(&self) -> Vec<SpeechState> {
        let mut out = Vec::new();
        for f in self.agenda.flat_items() {
            for (n, s) in f.item.speeches.iter().enumerate() {
                out.push(SpeechState::new(
                    format!("{}#{}", f.item.id, n + 1),
                    &f.item.id,
                    self.planned_speaker(s),
                    true,
                    n,
                ));
            }
        }
        out
    }

    fn planned_speaker(&self, s: &Speech) -> Speaker {
        let fields = SpeakerFields {
            participant: s.participant.clone(),
            name: s.name.clone(),
            unit: s.unit.clone(),
            title: s.title.clone(),
            venue: s.venue.clone(),
            speech_kind: s.kind,
            limit_seconds: s.limit.as_ref().and_then(|l| l.seconds()),
        };
        let mut sp = self.speaker_from(&fields);
        sp.topic = s.topic.clone();
        sp
    }

    /// A speaker's name, unit, title and venue: the roster's, unless given.
    pub fn speaker_from(&self, f: &SpeakerFields) -> Speaker {
        // From the agenda's roster only: a walk-in is folded apart from these events, and
        // may arrive after them on another seat; the event carries a walk-in's name.
        let person = f
            .participant
            .as_deref()
            .and_then(|id| self.person(id))
            .filter(|&p| p < self.people.roster_len());
        let venue = f
            .venue
            .clone()
            .or_else(|| person.map(|p| self.people[p].venue.clone()));
        let venue_unit = || {
            venue
                .as_deref()
                .and_then(|v| self.venue(v))
                .and_then(|v| self.agenda.venues[v].responsible_unit())
                .unwrap_or_default()
        };
        let (name, unit, title) = match person {
            Some(p) => {
                let p = &self.people[p];
                (p.name.clone(), p.unit.clone(), p.title.clone())
            }
            None => (
                f.name
                    .clone()
                    .or_else(|| f.participant.clone())
                    .unwrap_or_default(),
                String::new(),
                String::new(),
            ),
        };
        let unit = f.unit.clone().unwrap_or(unit);
        Speaker {
            participant: f.participant.clone(),
            name,
            unit: if unit.is_empty() { venue_unit() } else { unit },
            title: f.title.clone().unwrap_or(title),
            venue,
            kind: f.speech_kind.unwrap_or_default(),
            limit_seconds: f.limit_seconds,
            topic: String::new(),
        }
    }

    /// A speech event, in fold order.
    pub(super) fn fold_speech(&mut self, e: &Event) {
        match &e.kind {
            EventKind::SpeechAdded {
                item,
                speech,
                speaker,
            } => {
                if self.item(item).is_none() {
                    self.facts.orphans += 1;
                    return;
                }
                // Two seats that added a speaker offline may have given out one id: the
                // later in fold order goes by `ID-2`.
                let mut id = speech.clone();
                let mut n = 2;
                while self.speeches.iter().any(|s| s.id == id) {
                    id = format!("{speech}-{n}");
                    n += 1;
                }
                let order = self
                    .speeches
                    .iter()
                    .filter(|s| s.item == *item)
                    .map(|s| s.order + 1)
                    .max()
                    .unwrap_or(0);
                let speaker = self.speaker_from(speaker);
                self.speeches
                    .push(SpeechState::new(id, item, speaker, false, order));
            }
            EventKind::SpeechStarted {
                speech,
                effective_at,
                ..
            } => {
                let at = effective_at.unwrap_or(e.at);
                let Some(i) = self.speech_index(speech) else {
                    self.facts.orphans += 1;
                    return;
                };
                // One speech at a time.
                for (j, s) in self.speeches.iter_mut().enumerate() {
                    if j != i && s.status == SpeechStatus::Running {
                        s.close(at);
                    }
                }
                let s = &mut self.speeches[i];
                s.first_start.get_or_insert(at);
                s.started_by.get_or_insert_with(|| e.seat.clone());
                if s.running_since.is_none() {
                    s.running_since = Some(at);
                }
                s.status = SpeechStatus::Running;
            }
            EventKind::SpeechStopped {
                speech,
                effective_at,
                ..
            } => match self.speech_index(speech) {
                Some(i) => self.speeches[i].close(effective_at.unwrap_or(e.at)),
                None => self.facts.orphans += 1,
            },
            EventKind::SpeechSkipped { speech, .. } => match self.speech_index(speech) {
                Some(i) => {
                    let s = &mut self.speeches[i];
                    if s.status == SpeechStatus::Pending {
                        s.status = SpeechStatus::Skipped;
                    }
                }
                None => self.facts.orphans += 1,
            },
            EventKind::SpeechesReordered { item, order } => {
                if self.item(item).is_none() {
                    self.facts.orphans += 1;
                    return;
                }
                let mut list: Vec<usize> = (0..self.speeches.len())
                    .filter(|&i| self.speeches[i].item == *item)
                    .collect();
                list.sort_by_key(|&i| self.speeches[i].order);
                let rank = |i: usize| {
                    order
                        .iter()
                        .position(|id| *id == self.speeches[i].id)
                        .unwrap_or(usize::MAX)
                };
                // Stable: those not named keep their order after the named ones.
                list.sort_by_key(|&i| rank(i));
                for (n, i) in list.into_iter().enumerate() {
                    self.speeches[i].order = n;
                }
            }
            _ => {}
        }
    }

    /// What an agenda event does to the running speech: another item starting, its own
    /// item pausing, ending or being skipped, and the meeting's close stop it.
    pub(super) fn speeches_follow(&mut self, e: &Event) {
        let Some(i) = self
            .speeches
            .iter()
            .position(|s| s.status == SpeechStatus::Running)
        else {
            return;
        };
        let on = self.speeches[i].item.clone();
        let stop = match &e.kind {
            EventKind::ItemStarted { item } | EventKind::ItemResumed { item } => {
                *item != on && self.parent_of(item) != Some(on.as_str())
            }
            EventKind::ItemPaused { item }
            | EventKind::ItemEnded { item }
            | EventKind::ItemSkipped { item } => *item == on,
            EventKind::MeetingEnded { effective_at } => {
                self.speeches[i].close(effective_at.unwrap_or(e.at));
                return;
            }
            _ => false,
        };
        if stop {
            self.speeches[i].close(e.at);
        }
    }

    fn speech_index(&self, id: &str) -> Option<usize> {
        self.speeches.iter().position(|s| s.id == id)
    }

    /// The parent of a sub-item.
    pub fn parent_of(&self, id: &str) -> Option<&str> {
        self.agenda
            .items
            .iter()
            .find(|it| it.items.iter().any(|s| s.id == id))
            .map(|it| it.id.as_str())
    }

    pub fn speech(&self, id: &str) -> Option<&SpeechState> {
        self.speeches.iter().find(|s| s.id == id)
    }

    /// An item's speeches in speaking order.
    pub fn speeches_of(&self, item: &str) -> Vec<&SpeechState> {
        let mut v: Vec<&SpeechState> = self.speeches.iter().filter(|s| s.item == item).collect();
        v.sort_by_key(|s| s.order);
        v
    }

    /// Every speech in the order of the agenda, each item's in speaking order.
    pub fn speeches_in_order(&self) -> Vec<&SpeechState> {
        self.agenda
            .flat_items()
            .iter()
            .flat_map(|f| self.speeches_of(&f.item.id))
            .collect()
    }

    /// The item whose speakers `leaf` shows: its own list, or its parent's when it has
    /// none and the parent has (a leader's address over several sub-items).
    pub fn speech_item_of(&self, leaf: &str) -> String {
        let has = |id: &str| self.speeches.iter().any(|s| s.item == id);
        if has(leaf) {
            return leaf.to_string();
        }
        match self.parent_of(leaf) {
            Some(p) if has(p) => p.to_string(),
            _ => leaf.to_string(),
        }
    }

    /// The item whose speakers the chair sees: the running speech's, or that of the
    /// item in focus (running, or the last that ran), or the next item's.
    pub fn speech_focus(&self) -> Option<String> {
        if let Some(s) = self.running_speech() {
            return Some(s.item.clone());
        }
        let leaf = self.item_in_focus().or_else(|| self.next_leaf())?;
        Some(self.speech_item_of(leaf))
    }

    pub fn running_speech(&self) -> Option<&SpeechState> {
        self.speeches
            .iter()
            .find(|s| s.status == SpeechStatus::Running)
    }

    /// The next speaker of an item: its first speech not yet given (nor skipped).
    pub fn next_speech(&self, item: &str) -> Option<&SpeechState> {
        self.speeches_of(item)
            .into_iter()
            .find(|s| s.status == SpeechStatus::Pending)
    }

    /// Who speaks next: the next speaker of the item in focus; when it has none left and
    /// nobody speaks, the first of the next item that has one.
    pub fn upcoming_speech(&self) -> Option<&SpeechState> {
        let focus = self.speech_focus()?;
        if let Some(s) = self.next_speech(&focus) {
            return Some(s);
        }
        if self.running_speech().is_some() {
            return None;
        }
        self.next_speech(&self.next_item_with_speakers()?)
    }

    /// The first item after the one in focus with a speaker not yet called.
    pub fn next_item_with_speakers(&self) -> Option<String> {
        let focus = self.item_in_focus();
        let from = focus
            .and_then(|f| self.leaves.iter().position(|l| l == f))
            .map_or(0, |p| p + 1);
        self.leaves[from..]
            .iter()
            .map(|l| self.speech_item_of(l))
            .find(|i| self.next_speech(i).is_some())
    }

    /// The venue on the main picture: the running speech's, or the one of the speech
    /// given last, or the main venue.
    pub fn picture_venue(&self) -> Option<usize> {
        let from = |s: &SpeechState| s.speaker.venue.as_deref().and_then(|v| self.venue(v));
        if let Some(s) = self.running_speech() {
            return from(s).or_else(|| self.main_venue_index());
        }
        self.speeches
            .iter()
            .filter(|s| s.last_end.is_some())
            .max_by_key(|s| s.last_end)
            .and_then(from)
            .or_else(|| self.main_venue_index())
    }

    fn main_venue_index(&self) -> Option<usize> {
        self.agenda
            .venues
            .iter()
            .position(|v| v.kind == crate::core::agenda::VenueKind::Main)
    }

    /// The video operator's cue for the upcoming speaker, when they
    /// speak from another venue than the one on the picture.
    pub fn video_cue(&self) -> Option<Cue> {
        let next = self.upcoming_speech()?;
        let to = self.venue(next.speaker.venue.as_deref()?)?;
        if Some(to) == self.picture_venue() {
            return None;
        }
        let state = &self.venues[to];
        Some(Cue {
            venue: to,
            video: state.video,
            audio: state.audio,
            speech: next.id.clone(),
        })
    }

    /// Each speaker's speeches and time, in the order they first spoke; speeches never
    /// started are not counted.
    pub fn speaking_totals(&self, now: DateTime<Utc>) -> Vec<SpeakerTotal> {
        let mut held: Vec<&SpeechState> = self
            .speeches
            .iter()
            .filter(|s| s.first_start.is_some())
            .collect();
        held.sort_by_key(|s| s.first_start);
        let mut out: Vec<SpeakerTotal> = Vec::new();
        for s in held {
            let sp = &s.speaker;
            let same = |t: &SpeakerTotal| match (&t.participant, &sp.participant) {
                (Some(a), Some(b)) => a == b,
                (None, None) => t.name == sp.name && t.unit == sp.unit && t.venue == sp.venue,
                _ => false,
            };
            let c = s.countdown(now);
            match out.iter_mut().find(|t| same(t)) {
                Some(t) => {
                    t.speeches += 1;
                    t.total += c.elapsed;
                    t.overrun += c.overrun();
                }
                None => out.push(SpeakerTotal {
                    participant: sp.participant.clone(),
                    name: sp.name.clone(),
                    unit: sp.unit.clone(),
                    venue: sp.venue.clone(),
                    speeches: 1,
                    total: c.elapsed,
                    overrun: c.overrun(),
                }),
            }
        }
        out
    }

    /// The next free id for a speaker added to `item`: `ITEM#a1`, `ITEM#a2`, ...
    pub fn next_added_speech_id(&self, item: &str) -> String {
        (1..)
            .map(|n| format!("{item}#a{n}"))
            .find(|id| self.speech(id).is_none())
            .unwrap_or_else(|| format!("{item}#a"))
    }

    /// How a speaker is named on a screen or in a file: the name, or the venue's
    /// representative (`王益区分会场代表`).
    pub fn speaker_label(&self, s: &Speaker, lang: Lang) -> String {
        if !s.name.is_empty() {
            return s.name.clone();
        }
        let venue = s
            .venue
            .as_deref()
            .and_then(|v| self.venue(v))
            .map(|v| self.agenda.venues[v].name.clone())
            .unwrap_or_default();
        match lang {
            Lang::Zh => format!("{venue}代表"),
            Lang::En => format!("the representative of {venue}"),
        }
    }

    /// The name of the venue a speaker speaks from.
    pub fn speaker_venue_name(&self, s: &Speaker) -> Option<&str> {
        let v = self.venue(s.venue.as_deref()?)?;
        Some(&self.agenda.venues[v].name)
    }
}
