//! The record: what happened, as events. Events are facts; they are never edited or
//! removed, and a correction or an undo is itself an event. The JSON shape of an event is
//! the journal's line format, so changes here must stay backwards compatible: fields and
//! event types may be added (an older huiwu keeps what it does not know, see
//! [`UnknownEvent`]), never renamed or removed.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::agenda::{OwnerRef, PersonRef, Role, SpeechKind};
pub use super::hlc::{EventKey, Hlc};

/// One event as it is journaled: who made it, when, and what. Read back through a flat
/// wire struct (see `event_wire`): the derived reader of this shape is slow.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "super::event_wire::WireEvent")]
pub struct Event {
    /// Unique id (a UUID), so that an undo can name its target across seats.
    pub id: String,
    /// Wall-clock time at which the event was recorded, by the recording seat's clock.
    pub at: DateTime<Utc>,
    /// The seat (a desk, a badge reader, a script, an import) that recorded it.
    pub seat: String,
    /// Per-seat sequence number, from 1: `(seat, seq)` names one event.
    pub seq: u64,
    /// The seat's hybrid logical clock when it recorded the event: with `seat` and `seq`
    /// it orders the events of all seats ([`Event::key`]). Lines written before seats
    /// existed have none; the reader takes `at` instead.
    pub hlc: Hlc,
    /// For an attendance change: the clock of the newest change of the same person that
    /// the seat had seen when it decided, so that two seats changing one person without
    /// seeing each other's change are told apart from a deliberate later correction.
    pub seen: Option<Hlc>,
    /// The event that created what this event is about (a walk-in, a note, an action),
    /// so that an edit reaches the right one when two seats created the same short id.
    pub of: Option<String>,
    pub kind: EventKind,
}

impl Event {
    /// An event without links, its clock taken from its time (tests, generated journals,
    /// previews; a seat stamps its events with [`super::stamp::Stamper`]).
    pub fn new(
        id: impl Into<String>,
        at: DateTime<Utc>,
        seat: impl Into<String>,
        seq: u64,
        kind: EventKind,
    ) -> Event {
        Event {
            id: id.into(),
            at,
            seat: seat.into(),
            seq,
            hlc: Hlc::from_time(at),
            seen: None,
            of: None,
            kind,
        }
    }

    /// Where this event stands in the order every machine folds in.
    pub fn key(&self) -> EventKey<'_> {
        EventKey {
            hlc: self.hlc,
            seat: &self.seat,
            seq: self.seq,
        }
    }
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // An event from a newer huiwu goes out exactly as it came in.
        if let EventKind::Unknown(u) = &self.kind {
            return u.raw.serialize(s);
        }
        #[derive(Serialize)]
        struct Line<'a> {
            id: &'a str,
            at: &'a DateTime<Utc>,
            seat: &'a str,
            seq: u64,
            hlc: Hlc,
            #[serde(skip_serializing_if = "Option::is_none")]
            seen: Option<Hlc>,
            #[serde(skip_serializing_if = "Option::is_none")]
            of: Option<&'a str>,
            #[serde(flatten)]
            kind: &'a EventKind,
        }
        Line {
            id: &self.id,
            at: &self.at,
            seat: &self.seat,
            seq: self.seq,
            hlc: self.hlc,
            seen: self.seen,
            of: self.of.as_deref(),
            kind: &self.kind,
        }
        .serialize(s)
    }
}

/// A complete, well-formed journal line of an event type this huiwu does not know: what
/// a seat running a newer huiwu writes. It is kept as it was written, carried through
/// replay and merge untouched, shown in `huiwu log`, and counted as a notice; it changes
/// nothing in the meeting. (A newer huiwu that adds an event an older one must not pass
/// over raises the journal format in the header instead, and the older one refuses the
/// journal with "upgrade".)
#[derive(Debug, Clone)]
pub struct UnknownEvent {
    /// The `type` as written.
    pub type_name: String,
    /// The whole line, as written.
    pub raw: Box<serde_json::value::RawValue>,
}

impl PartialEq for UnknownEvent {
    fn eq(&self, o: &UnknownEvent) -> bool {
        self.type_name == o.type_name && self.raw.get() == o.raw.get()
    }
}

/// Attendance status as a secretary sets it directly (a correction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SetStatus {
    /// Back to "not signed in".
    NotArrived,
    Present {
        #[serde(default)]
        late: bool,
    },
    Excused {
        reason: String,
    },
    StandIn {
        name: String,
        #[serde(default)]
        unit: String,
    },
    LeftEarly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    Unknown,
    Ok,
    Failing,
}

/// A walk-in: someone not on the roster, added at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkIn {
    pub participant: String,
    pub name: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub title: String,
    pub venue: String,
    #[serde(default)]
    pub role: Role,
}

/// Who gives a speech added at the meeting: a participant (by id), or a guest by name;
/// the venue spoken from, the kind and the limit in seconds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SpeakerFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech_kind: Option<SpeechKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_seconds: Option<u32>,
}

impl SpeakerFields {
    /// Someone on the roster or a walk-in, with their name, unit, title and venue as the
    /// meeting knows them (a walk-in's are folded apart, so the event carries them).
    pub fn of(p: &super::agenda::Participant) -> SpeakerFields {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        SpeakerFields {
            participant: Some(p.id.clone()),
            name: some(&p.name),
            unit: some(&p.unit),
            title: some(&p.title),
            venue: some(&p.venue),
            ..SpeakerFields::default()
        }
    }
}

/// Fields of an action item; in an edit, `None` leaves a field as it was.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActionFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owners: Option<Vec<OwnerRef>>,
    /// `Some(None)` clears the due date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub due: Option<Option<NaiveDate>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub due_text: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub item: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub assigned_by: Option<Option<PersonRef>>,
}

mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        v: &Option<Option<T>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The chair opened the meeting (宣布开会). `effective_at` is set when the opening is
    /// entered later or corrected (`huiwu meeting AGENDA open --at 16:02`); a later one
    /// with a time replaces the opening time.
    MeetingStarted {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effective_at: Option<DateTime<Utc>>,
    },
    /// The chair closed the meeting (宣布散会): the running item ends, every timer stops.
    MeetingEnded {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effective_at: Option<DateTime<Utc>>,
    },
    /// The meeting is open again after a close (the close is undone).
    MeetingReopened,
    /// An opening made by mistake is withdrawn (before any item has run).
    MeetingStartUndone,

    /// A participant signed in. `effective_at` is set when the arrival happened earlier
    /// than the recording (a platform's first-join time).
    SignedIn {
        participant: String,
        #[serde(default)]
        late: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effective_at: Option<DateTime<Utc>>,
    },
    Excused {
        participant: String,
        reason: String,
    },
    StandIn {
        participant: String,
        name: String,
        #[serde(default)]
        unit: String,
    },
    LeftEarly {
        participant: String,
    },
    WalkedIn(Box<WalkIn>),
    StatusCorrected {
        participant: String,
        #[serde(flatten)]
        to: SetStatus,
    },
    /// Undoes an earlier attendance event (named by id): the participant's status is as if
    /// that event had not happened.
    Undone {
        target: String,
    },

    RollCallAnswered {
        venue: String,
        expected: u32,
        present: u32,
        excused: u32,
        absent: u32,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    LinkChecked {
        venue: String,
        video: LinkState,
        audio: LinkState,
    },

    ItemStarted {
        item: String,
    },
    ItemPaused {
        item: String,
    },
    ItemResumed {
        item: String,
    },
    ItemEnded {
        item: String,
    },
    ItemSkipped {
        item: String,
    },

    /// A speaker not planned in the agenda joins an item's list (added at the desk, or
    /// by `huiwu speak start WHO`). `speech` is its id, `ITEM#aN`.
    SpeechAdded {
        item: String,
        speech: String,
        #[serde(flatten)]
        speaker: Box<SpeakerFields>,
    },
    /// A speech begins (the one running before it, if any, has stopped). `effective_at`
    /// when it is entered later.
    SpeechStarted {
        item: String,
        speech: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effective_at: Option<DateTime<Utc>>,
    },
    /// A speech ends. Started again later, it goes on counting from where it stopped.
    SpeechStopped {
        item: String,
        speech: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effective_at: Option<DateTime<Utc>>,
    },
    /// A planned speech that will not be given (the speaker is absent, time is short).
    SpeechSkipped {
        item: String,
        speech: String,
    },
    /// The item's speakers in a new order: those named first, in this order, the others
    /// after them as they were.
    SpeechesReordered {
        item: String,
        order: Vec<String>,
    },

    NoteRecorded {
        note: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
        text: String,
        #[serde(default)]
        decision: bool,
    },
    /// The head count taken when a decision was recorded (经清点，应到X人，实到Y人).
    HeadcountRecorded {
        note: String,
        expected: u32,
        present: u32,
    },
    NoteEdited {
        note: String,
        text: String,
        decision: bool,
    },
    /// A note withdrawn (recorded by mistake); its id is not given out again.
    NoteDeleted {
        note: String,
    },

    ActionAdded {
        action: String,
        #[serde(flatten)]
        fields: Box<ActionFields>,
    },
    ActionEdited {
        action: String,
        #[serde(flatten)]
        fields: Box<ActionFields>,
    },
    ActionCompleted {
        action: String,
    },
    ActionReopened {
        action: String,
    },
    /// An action item withdrawn (recorded by mistake); its id is not given out again.
    ActionDeleted {
        action: String,
    },

    /// Recorded when a journal is opened with an agenda whose content differs from the
    /// one it was started with.
    AgendaChanged {
        sha256: String,
    },

    /// An event type this huiwu does not know (from a newer one); never written by this
    /// one, read only from the journal.
    #[serde(skip)]
    Unknown(Box<UnknownEvent>),
}

impl EventKind {
    /// Whether this event changes someone's attendance (an undo included): the fold keeps
    /// these per person, and everything else in one ordered list.
    pub fn is_attendance(&self) -> bool {
        self.attendance_target().is_some() || matches!(self, EventKind::Undone { .. })
    }

    /// Whether this event drives the agenda (the meeting's start and end, the items'
    /// timers): one seat owns these (docs/seats.md).
    pub fn drives_agenda(&self) -> bool {
        matches!(
            self,
            EventKind::MeetingStarted { .. }
                | EventKind::MeetingEnded { .. }
                | EventKind::MeetingReopened
                | EventKind::MeetingStartUndone
                | EventKind::ItemStarted { .. }
                | EventKind::ItemPaused { .. }
                | EventKind::ItemResumed { .. }
                | EventKind::ItemEnded { .. }
                | EventKind::ItemSkipped { .. }
        )
    }

    /// The participant whose attendance this event changes, if any.
    pub fn attendance_target(&self) -> Option<&str> {
        match self {
            EventKind::SignedIn { participant, .. }
            | EventKind::Excused { participant, .. }
            | EventKind::StandIn { participant, .. }
            | EventKind::LeftEarly { participant }
            | EventKind::StatusCorrected { participant, .. } => Some(participant),
            EventKind::WalkedIn(w) => Some(&w.participant),
            _ => None,
        }
    }
}
