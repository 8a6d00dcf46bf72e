//! Reading journal lines back into events, fast.
//!
//! The derived shape of [`Event`] (an internally tagged enum flattened into the envelope)
//! makes serde buffer every line into an intermediate tree twice before it builds the
//! event, which made parsing a 100,000-event journal cost more than folding it. Here a line
//! is read once into [`WireEvent`], a flat struct with every field any event type has, and
//! then checked and converted by type. The written shape is unchanged (serialization stays
//! derived); `tests` below hold the two in step for every event type.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use super::agenda::{OwnerRef, PersonRef, Role, SpeechKind};
use super::event::{
    ActionFields, Event, EventKind, LinkState, SetStatus, SpeakerFields, UnknownEvent, WalkIn,
};
use super::hlc::Hlc;

mod quick;

/// One journal line read back.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedLine {
    pub event: Event,
    /// Whether the line carried its clock (`hlc`); lines of journal format 1 do not, and
    /// the reader derives one from `at` (see `store::journal`).
    pub stamped: bool,
}

/// Read one journal line. A complete line of an event type this huiwu does not know
/// comes back as [`EventKind::Unknown`], kept whole, as long as it has the envelope every
/// event has (`id`, `at`, `seat`, `seq`, `type`); anything else that is not an event is an
/// error (with serde's column, or column 0 when the JSON was fine but the event is not).
pub fn parse_line(text: &str) -> Result<ParsedLine, serde_json::Error> {
    // The lines huiwu writes, read by hand; any other line (and any error) is serde's.
    if let Some(wire) = quick::scan(text) {
        let stamped = wire.hlc.is_some();
        if let Ok(event) = Event::try_from(wire) {
            return Ok(ParsedLine { event, stamped });
        }
    }
    let wire = match serde_json::from_str::<WireEvent>(text) {
        Ok(w) => w,
        // A newer event type may use a field name of ours with another type: read the
        // envelope alone before calling the line damaged.
        Err(e) => return unknown_or(text, e),
    };
    let stamped = wire.hlc.is_some();
    match Event::try_from(wire) {
        Ok(event) => Ok(ParsedLine { event, stamped }),
        Err(e @ WireError::UnknownType(_)) => unknown_or(text, serde::de::Error::custom(e)),
        Err(e) => Err(serde::de::Error::custom(e)),
    }
}

/// The line as an event of an unknown type, if its envelope is whole; else `err`.
fn unknown_or(text: &str, err: serde_json::Error) -> Result<ParsedLine, serde_json::Error> {
    #[derive(Deserialize)]
    struct Envelope {
        id: String,
        #[serde(deserialize_with = "timestamp")]
        at: DateTime<Utc>,
        seat: String,
        seq: u64,
        #[serde(default)]
        hlc: Option<Hlc>,
        #[serde(rename = "type")]
        kind: String,
    }
    let Ok(env) = serde_json::from_str::<Envelope>(text) else {
        return Err(err);
    };
    if known_type(&env.kind) {
        // A known type whose fields are wrong: damage, with the first error's words.
        return Err(err);
    }
    let raw = serde_json::value::RawValue::from_string(text.trim().to_string())?;
    Ok(ParsedLine {
        stamped: env.hlc.is_some(),
        event: Event {
            id: env.id,
            at: env.at,
            seat: env.seat,
            seq: env.seq,
            hlc: env.hlc.unwrap_or_else(|| Hlc::from_time(env.at)),
            seen: None,
            of: None,
            kind: EventKind::Unknown(Box::new(UnknownEvent {
                type_name: env.kind,
                raw,
            })),
        },
    })
}

/// Every event type this huiwu writes.
const KNOWN_TYPES: &[&str] = &[
    "meeting_started",
    "meeting_ended",
    "meeting_reopened",
    "meeting_start_undone",
    "signed_in",
    "excused",
    "stand_in",
    "left_early",
    "walked_in",
    "status_corrected",
    "undone",
    "roll_call_answered",
    "link_checked",
    "item_started",
    "item_paused",
    "item_resumed",
    "item_ended",
    "item_skipped",
    "speech_added",
    "speech_started",
    "speech_stopped",
    "speech_skipped",
    "speeches_reordered",
    "note_recorded",
    "headcount_recorded",
    "note_edited",
    "note_deleted",
    "action_added",
    "action_edited",
    "action_completed",
    "action_reopened",
    "action_deleted",
    "agenda_changed",
];

fn known_type(t: &str) -> bool {
    KNOWN_TYPES.contains(&t)
}

/// Every field that any event line may carry. Unknown fields are ignored: a newer huiwu
/// may add some, and an older one reads the rest.
#[derive(Deserialize)]
pub struct WireEvent {
    id: String,
    #[serde(deserialize_with = "timestamp")]
    at: DateTime<Utc>,
    seat: String,
    seq: u64,
    #[serde(default)]
    hlc: Option<Hlc>,
    #[serde(default)]
    seen: Option<Hlc>,
    #[serde(default)]
    of: Option<String>,
    #[serde(rename = "type")]
    kind: TypeName,

    participant: Option<String>,
    late: Option<bool>,
    #[serde(default, deserialize_with = "optional_timestamp")]
    effective_at: Option<DateTime<Utc>>,
    reason: Option<String>,
    name: Option<String>,
    unit: Option<String>,
    title: Option<String>,
    venue: Option<String>,
    role: Option<Role>,
    status: Option<String>,
    target: Option<String>,

    expected: Option<u32>,
    present: Option<u32>,
    excused: Option<u32>,
    absent: Option<u32>,
    note: Option<String>,
    video: Option<LinkState>,
    audio: Option<LinkState>,

    /// `null` means "cleared" in an action edit, so absent and null differ.
    #[serde(default, deserialize_with = "present_or_null")]
    item: Option<Option<String>>,
    text: Option<String>,
    decision: Option<bool>,
    action: Option<String>,
    owners: Option<Vec<OwnerRef>>,
    #[serde(default, deserialize_with = "present_or_null")]
    due: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present_or_null")]
    due_text: Option<Option<String>>,
    #[serde(default, deserialize_with = "present_or_null")]
    assigned_by: Option<Option<PersonRef>>,
    sha256: Option<String>,

    speech: Option<String>,
    speech_kind: Option<SpeechKind>,
    limit_seconds: Option<u32>,
    order: Option<Vec<String>>,
}

/// An event's type name, read without allocating (every line has one). Names longer
/// than any huiwu writes are kept cut, for the error message.
struct TypeName {
    buf: [u8; 32],
    len: u8,
}

impl TypeName {
    fn as_str(&self) -> &str {
        // Cut at a character boundary when it was stored, so this cannot fail.
        std::str::from_utf8(&self.buf[..self.len as usize]).unwrap_or("")
    }
}

impl<'de> Deserialize<'de> for TypeName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TypeName, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = TypeName;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an event type name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TypeName, E> {
                let mut end = v.len().min(32);
                while !v.is_char_boundary(end) {
                    end -= 1;
                }
                let mut buf = [0u8; 32];
                buf[..end].copy_from_slice(&v.as_bytes()[..end]);
                Ok(TypeName {
                    buf,
                    len: end as u8,
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// A timestamp as huiwu writes them (`2017-05-04T06:30:00Z`, optionally with a fraction
/// of a second), read by hand: chrono's general RFC 3339 parser was a tenth of the cost
/// of opening a long journal. Anything else goes to chrono.
fn timestamp<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = DateTime<Utc>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an RFC 3339 timestamp")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateTime<Utc>, E> {
            match quick_utc(v.as_bytes()) {
                Some(t) => Ok(t),
                // What chrono's own deserializer does: the journal's reader of record.
                None => v.parse::<DateTime<Utc>>().map_err(E::custom),
            }
        }
    }
    d.deserialize_str(V)
}

fn optional_timestamp<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    #[derive(Deserialize)]
    struct T(#[serde(deserialize_with = "timestamp")] DateTime<Utc>);
    Ok(Option::<T>::deserialize(d)?.map(|t| t.0))
}

/// `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z`, or `None` for the slow path.
fn quick_utc(b: &[u8]) -> Option<DateTime<Utc>> {
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' || *b.last()? != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
    let nanos = match &b[19..b.len() - 1] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            num(20..20 + digits.len())? * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let time =
        chrono::NaiveTime::from_hms_nano_opt(num(11..13)?, num(14..16)?, num(17..19)?, nanos)?;
    Some(date.and_time(time).and_utc())
}

/// A field that is present (possibly `null`) becomes `Some(..)`; an absent one stays
/// `None` through `#[serde(default)]`.
fn present_or_null<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Why a line that is valid JSON is not an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireError {
    UnknownType(String),
    Missing { kind: String, field: &'static str },
    UnknownStatus(String),
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WireError::UnknownType(t) => write!(f, "unknown event type `{t}`"),
            WireError::Missing { kind, field } => {
                write!(f, "event type `{kind}` needs the field `{field}`")
            }
            WireError::UnknownStatus(s) => write!(f, "unknown status `{s}`"),
        }
    }
}

impl TryFrom<WireEvent> for Event {
    type Error = WireError;

    fn try_from(mut w: WireEvent) -> Result<Event, WireError> {
        let id = std::mem::take(&mut w.id);
        let seat = std::mem::take(&mut w.seat);
        let of = w.of.take();
        let (at, seq, seen) = (w.at, w.seq, w.seen);
        let hlc = w.hlc.unwrap_or_else(|| Hlc::from_time(at));
        Ok(Event {
            kind: w.into_kind()?,
            id,
            at,
            seat,
            seq,
            hlc,
            seen,
            of,
        })
    }
}

impl WireEvent {
    /// A line with no field yet (the quick reader fills it, and checks that the envelope
    /// was there before it hands it on).
    fn empty() -> WireEvent {
        WireEvent {
            id: String::new(),
            at: DateTime::<Utc>::UNIX_EPOCH,
            seat: String::new(),
            seq: 0,
            hlc: None,
            seen: None,
            of: None,
            kind: TypeName {
                buf: [0; 32],
                len: 0,
            },
            participant: None,
            late: None,
            effective_at: None,
            reason: None,
            name: None,
            unit: None,
            title: None,
            venue: None,
            role: None,
            status: None,
            target: None,
            expected: None,
            present: None,
            excused: None,
            absent: None,
            note: None,
            video: None,
            audio: None,
            item: None,
            text: None,
            decision: None,
            action: None,
            owners: None,
            due: None,
            due_text: None,
            assigned_by: None,
            sha256: None,
            speech: None,
            speech_kind: None,
            limit_seconds: None,
            order: None,
        }
    }

    /// The event's kind, moving the fields its type needs out of the line.
    fn into_kind(self) -> Result<EventKind, WireError> {
        let WireEvent {
            kind: type_name,
            participant,
            late,
            effective_at,
            reason,
            name,
            unit,
            title,
            venue,
            role,
            status,
            target,
            expected,
            present,
            excused,
            absent,
            note,
            video,
            audio,
            item,
            text,
            decision,
            action,
            owners,
            due,
            due_text,
            assigned_by,
            sha256,
            speech,
            speech_kind,
            limit_seconds,
            order,
            ..
        } = self;
        let kind = type_name.as_str();
        let need = |field: &'static str| WireError::Missing {
            kind: kind.to_string(),
            field,
        };
        let late = late.unwrap_or(false);
        let unit_or_empty = || unit.clone().unwrap_or_default();
        // Items are plain strings everywhere except in action fields (where null clears).
        let item_id = || item.clone().flatten().ok_or_else(|| need("item"));
        Ok(match kind {
            "meeting_started" => EventKind::MeetingStarted { effective_at },
            "meeting_ended" => EventKind::MeetingEnded { effective_at },
            "meeting_reopened" => EventKind::MeetingReopened,
            "meeting_start_undone" => EventKind::MeetingStartUndone,
            "headcount_recorded" => EventKind::HeadcountRecorded {
                note: note.ok_or_else(|| need("note"))?,
                expected: expected.ok_or_else(|| need("expected"))?,
                present: present.ok_or_else(|| need("present"))?,
            },
            "signed_in" => EventKind::SignedIn {
                participant: participant.ok_or_else(|| need("participant"))?,
                late,
                effective_at,
            },
            "excused" => EventKind::Excused {
                participant: participant.ok_or_else(|| need("participant"))?,
                reason: reason.ok_or_else(|| need("reason"))?,
            },
            "stand_in" => EventKind::StandIn {
                participant: participant.ok_or_else(|| need("participant"))?,
                name: name.ok_or_else(|| need("name"))?,
                unit: unit_or_empty(),
            },
            "left_early" => EventKind::LeftEarly {
                participant: participant.ok_or_else(|| need("participant"))?,
            },
            "walked_in" => EventKind::WalkedIn(Box::new(WalkIn {
                participant: participant.ok_or_else(|| need("participant"))?,
                name: name.ok_or_else(|| need("name"))?,
                unit: unit_or_empty(),
                title: title.unwrap_or_default(),
                venue: venue.ok_or_else(|| need("venue"))?,
                role: role.unwrap_or_default(),
            })),
            "status_corrected" => EventKind::StatusCorrected {
                participant: participant.ok_or_else(|| need("participant"))?,
                to: match status.as_deref().ok_or_else(|| need("status"))? {
                    "not_arrived" => SetStatus::NotArrived,
                    "present" => SetStatus::Present { late },
                    "excused" => SetStatus::Excused {
                        reason: reason.ok_or_else(|| need("reason"))?,
                    },
                    "stand_in" => SetStatus::StandIn {
                        name: name.ok_or_else(|| need("name"))?,
                        unit: unit_or_empty(),
                    },
                    "left_early" => SetStatus::LeftEarly,
                    other => return Err(WireError::UnknownStatus(other.to_string())),
                },
            },
            "undone" => EventKind::Undone {
                target: target.ok_or_else(|| need("target"))?,
            },
            "roll_call_answered" => EventKind::RollCallAnswered {
                venue: venue.ok_or_else(|| need("venue"))?,
                expected: expected.ok_or_else(|| need("expected"))?,
                present: present.ok_or_else(|| need("present"))?,
                excused: excused.ok_or_else(|| need("excused"))?,
                absent: absent.ok_or_else(|| need("absent"))?,
                note: note.unwrap_or_default(),
            },
            "link_checked" => EventKind::LinkChecked {
                venue: venue.ok_or_else(|| need("venue"))?,
                video: video.ok_or_else(|| need("video"))?,
                audio: audio.ok_or_else(|| need("audio"))?,
            },
            "item_started" => EventKind::ItemStarted { item: item_id()? },
            "item_paused" => EventKind::ItemPaused { item: item_id()? },
            "item_resumed" => EventKind::ItemResumed { item: item_id()? },
            "item_ended" => EventKind::ItemEnded { item: item_id()? },
            "item_skipped" => EventKind::ItemSkipped { item: item_id()? },
            "speech_added" => EventKind::SpeechAdded {
                item: item_id()?,
                speech: speech.ok_or_else(|| need("speech"))?,
                speaker: Box::new(SpeakerFields {
                    participant,
                    name,
                    unit,
                    title,
                    venue,
                    speech_kind,
                    limit_seconds,
                }),
            },
            "speech_started" => EventKind::SpeechStarted {
                item: item_id()?,
                speech: speech.ok_or_else(|| need("speech"))?,
                effective_at,
            },
            "speech_stopped" => EventKind::SpeechStopped {
                item: item_id()?,
                speech: speech.ok_or_else(|| need("speech"))?,
                effective_at,
            },
            "speech_skipped" => EventKind::SpeechSkipped {
                item: item_id()?,
                speech: speech.ok_or_else(|| need("speech"))?,
            },
            "speeches_reordered" => EventKind::SpeechesReordered {
                item: item_id()?,
                order: order.ok_or_else(|| need("order"))?,
            },
            "note_recorded" => EventKind::NoteRecorded {
                note: note.ok_or_else(|| need("note"))?,
                item: item.flatten(),
                text: text.ok_or_else(|| need("text"))?,
                decision: decision.unwrap_or(false),
            },
            "note_edited" => EventKind::NoteEdited {
                note: note.ok_or_else(|| need("note"))?,
                text: text.ok_or_else(|| need("text"))?,
                decision: decision.ok_or_else(|| need("decision"))?,
            },
            "note_deleted" => EventKind::NoteDeleted {
                note: note.ok_or_else(|| need("note"))?,
            },
            "action_added" | "action_edited" => {
                let action = action.ok_or_else(|| need("action"))?;
                let fields = Box::new(ActionFields {
                    text,
                    owners,
                    due,
                    due_text,
                    item,
                    assigned_by,
                });
                if kind == "action_added" {
                    EventKind::ActionAdded { action, fields }
                } else {
                    EventKind::ActionEdited { action, fields }
                }
            }
            "action_completed" => EventKind::ActionCompleted {
                action: action.ok_or_else(|| need("action"))?,
            },
            "action_reopened" => EventKind::ActionReopened {
                action: action.ok_or_else(|| need("action"))?,
            },
            "action_deleted" => EventKind::ActionDeleted {
                action: action.ok_or_else(|| need("action"))?,
            },
            "agenda_changed" => EventKind::AgendaChanged {
                sha256: sha256.ok_or_else(|| need("sha256"))?,
            },
            _ => return Err(WireError::UnknownType(kind.to_string())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    pub(super) fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2017, 5, 4, 6, 30, 0).unwrap()
    }

    /// One event of every type, with optional fields both set and unset.
    pub(super) fn every_kind() -> Vec<EventKind> {
        let p = || "p1".to_string();
        let fields_full = ActionFields {
            text: Some("报送材料".into()),
            owners: Some(vec![
                OwnerRef::Participant("p1".into()),
                OwnerRef::Unit("区教育局".into()),
            ]),
            due: Some(Some(NaiveDate::from_ymd_opt(2017, 6, 30).unwrap())),
            due_text: Some(Some("6月底前".into())),
            item: Some(Some("i1".into())),
            assigned_by: Some(Some(PersonRef {
                participant: Some("p2".into()),
                name: Some("王五".into()),
                unit: None,
                title: None,
            })),
        };
        let fields_cleared = ActionFields {
            due: Some(None),
            due_text: Some(None),
            item: Some(None),
            assigned_by: Some(None),
            ..ActionFields::default()
        };
        vec![
            EventKind::MeetingStarted { effective_at: None },
            EventKind::MeetingStarted {
                effective_at: Some(at()),
            },
            EventKind::MeetingEnded { effective_at: None },
            EventKind::MeetingEnded {
                effective_at: Some(at()),
            },
            EventKind::MeetingReopened,
            EventKind::MeetingStartUndone,
            EventKind::HeadcountRecorded {
                note: "n1".into(),
                expected: 360,
                present: 342,
            },
            EventKind::SignedIn {
                participant: p(),
                late: false,
                effective_at: None,
            },
            EventKind::SignedIn {
                participant: p(),
                late: true,
                effective_at: Some(at()),
            },
            EventKind::Excused {
                participant: p(),
                reason: "出差".into(),
            },
            EventKind::StandIn {
                participant: p(),
                name: "李四".into(),
                unit: "办公室".into(),
            },
            EventKind::LeftEarly { participant: p() },
            EventKind::WalkedIn(Box::new(WalkIn {
                participant: "w1".into(),
                name: "赵六".into(),
                unit: String::new(),
                title: "科长".into(),
                venue: "v1".into(),
                role: Role::Observer,
            })),
            EventKind::StatusCorrected {
                participant: p(),
                to: SetStatus::NotArrived,
            },
            EventKind::StatusCorrected {
                participant: p(),
                to: SetStatus::Present { late: true },
            },
            EventKind::StatusCorrected {
                participant: p(),
                to: SetStatus::Excused {
                    reason: "病假".into(),
                },
            },
            EventKind::StatusCorrected {
                participant: p(),
                to: SetStatus::StandIn {
                    name: "钱七".into(),
                    unit: String::new(),
                },
            },
            EventKind::StatusCorrected {
                participant: p(),
                to: SetStatus::LeftEarly,
            },
            EventKind::Undone {
                target: "e1".into(),
            },
            EventKind::RollCallAnswered {
                venue: "v2".into(),
                expected: 60,
                present: 55,
                excused: 3,
                absent: 2,
                note: String::new(),
            },
            EventKind::RollCallAnswered {
                venue: "v2".into(),
                expected: 60,
                present: 55,
                excused: 3,
                absent: 2,
                note: "网络不稳".into(),
            },
            EventKind::LinkChecked {
                venue: "v2".into(),
                video: LinkState::Ok,
                audio: LinkState::Failing,
            },
            EventKind::ItemStarted { item: "i1".into() },
            EventKind::ItemPaused { item: "i1".into() },
            EventKind::ItemResumed { item: "i1".into() },
            EventKind::ItemEnded { item: "i1".into() },
            EventKind::ItemSkipped { item: "i2".into() },
            EventKind::SpeechAdded {
                item: "i1".into(),
                speech: "i1#a1".into(),
                speaker: Box::new(SpeakerFields {
                    participant: Some("p1".into()),
                    venue: Some("v2".into()),
                    speech_kind: Some(SpeechKind::Pledge),
                    limit_seconds: Some(300),
                    ..SpeakerFields::default()
                }),
            },
            EventKind::SpeechAdded {
                item: "i1".into(),
                speech: "i1#a2".into(),
                speaker: Box::new(SpeakerFields {
                    name: Some("张教授".into()),
                    unit: Some("陕西师范大学".into()),
                    title: Some("教授".into()),
                    ..SpeakerFields::default()
                }),
            },
            EventKind::SpeechStarted {
                item: "i1".into(),
                speech: "i1#1".into(),
                effective_at: None,
            },
            EventKind::SpeechStarted {
                item: "i1".into(),
                speech: "i1#1".into(),
                effective_at: Some(at()),
            },
            EventKind::SpeechStopped {
                item: "i1".into(),
                speech: "i1#1".into(),
                effective_at: None,
            },
            EventKind::SpeechStopped {
                item: "i1".into(),
                speech: "i1#1".into(),
                effective_at: Some(at()),
            },
            EventKind::SpeechSkipped {
                item: "i1".into(),
                speech: "i1#2".into(),
            },
            EventKind::SpeechesReordered {
                item: "i1".into(),
                order: vec!["i1#3".into(), "i1#a1".into()],
            },
            EventKind::NoteRecorded {
                note: "n1".into(),
                item: Some("i1".into()),
                text: "同意".into(),
                decision: true,
            },
            EventKind::NoteRecorded {
                note: "n2".into(),
                item: None,
                text: "备注".into(),
                decision: false,
            },
            EventKind::NoteEdited {
                note: "n1".into(),
                text: "原则同意".into(),
                decision: false,
            },
            EventKind::NoteDeleted { note: "n2".into() },
            EventKind::ActionAdded {
                action: "a1".into(),
                fields: Box::new(fields_full.clone()),
            },
            EventKind::ActionEdited {
                action: "a1".into(),
                fields: Box::new(fields_cleared),
            },
            EventKind::ActionEdited {
                action: "a1".into(),
                fields: Box::default(),
            },
            EventKind::ActionCompleted {
                action: "a1".into(),
            },
            EventKind::ActionReopened {
                action: "a1".into(),
            },
            EventKind::ActionDeleted {
                action: "a1".into(),
            },
            EventKind::AgendaChanged {
                sha256: "ab".repeat(32),
            },
        ]
    }

    #[test]
    fn every_event_type_reads_back_as_written() {
        for (i, kind) in every_kind().into_iter().enumerate() {
            let mut e = Event::new(format!("id-{i}"), at(), "desk-1", i as u64 + 1, kind);
            e.hlc.n = i as u32;
            if i % 2 == 0 {
                e.seen = Some(Hlc { ms: 7, n: 1 });
                e.of = Some("creator".into());
            }
            let line = serde_json::to_string(&e).unwrap();
            let back: Event = serde_json::from_str(&line).unwrap();
            assert_eq!(back, e, "{line}");
            let parsed = parse_line(&line).unwrap();
            assert_eq!(parsed.event, e, "{line}");
            assert!(parsed.stamped);
        }
    }

    #[test]
    fn a_line_without_a_clock_takes_its_time() {
        let line = r#"{"id":"x","at":"2017-05-04T06:30:00.250Z","seat":"s","seq":1,"type":"left_early","participant":"p1"}"#;
        let p = parse_line(line).unwrap();
        assert!(!p.stamped);
        assert_eq!(p.event.hlc, Hlc::from_time(p.event.at));
        assert_eq!(p.event.hlc.n, 0);
    }

    #[test]
    fn an_unknown_event_type_is_kept_whole() {
        let line = r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":4,"hlc":[5,0],"type":"badge_scanned","participant":{"badge":7},"reader":"r1"}"#;
        let p = parse_line(line).unwrap();
        assert_eq!((p.event.seat.as_str(), p.event.seq), ("s", 4));
        assert_eq!(p.event.hlc, Hlc { ms: 5, n: 0 });
        match &p.event.kind {
            EventKind::Unknown(u) => {
                assert_eq!(u.type_name, "badge_scanned");
                assert_eq!(u.raw.get(), line);
            }
            other => panic!("{other:?}"),
        }
        // Written back out (the JSON export), it is the line as it came.
        assert_eq!(serde_json::to_string(&p.event).unwrap(), line);
        // Without the envelope it is damage, not an event.
        let err = parse_line(r#"{"id":"x","seat":"s","seq":4,"type":"badge_scanned"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("at"), "{err}");
        // A known type with a bad field stays damage.
        assert!(parse_line(r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":4,"type":"excused","participant":"p"}"#).is_err());
    }

    #[test]
    fn an_unknown_field_is_passed_over() {
        let line = r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"signed_in","participant":"p1","badge_reader":{"port":"COM3"}}"#;
        let p = parse_line(line).unwrap();
        assert_eq!(
            p.event.kind,
            EventKind::SignedIn {
                participant: "p1".into(),
                late: false,
                effective_at: None
            }
        );
    }

    #[test]
    fn every_type_name_written_is_known() {
        for kind in every_kind() {
            let v = serde_json::to_value(&kind).unwrap();
            let t = v["type"].as_str().unwrap().to_string();
            assert!(known_type(&t), "{t}");
        }
    }

    #[test]
    fn the_derived_shape_reads_the_same_lines() {
        // The derived deserializer of the kind is the format's other reader (the schema of
        // record); both must agree on every type.
        for kind in every_kind() {
            let line = serde_json::to_string(&kind).unwrap();
            let derived: EventKind = serde_json::from_str(&line).unwrap();
            assert_eq!(derived, kind, "{line}");
        }
    }

    #[test]
    fn the_quick_timestamp_reader_agrees_with_chrono() {
        let written = |t: DateTime<Utc>| serde_json::to_string(&t).unwrap();
        let base = at();
        for nanos in [0, 1, 120_000_000, 123_456_000, 999_999_999] {
            let t = base + chrono::Duration::nanoseconds(nanos);
            let text = written(t);
            let s = text.trim_matches('"');
            assert_eq!(quick_utc(s.as_bytes()), Some(t), "{s}");
        }
        // Not in the quick shape: chrono's path decides.
        for s in [
            "2017-05-04T14:30:00+08:00",
            "2016-12-31T23:59:60Z",
            "2017-02-30T00:00:00Z",
            "2017-05-04t06:30:00z",
            "2017-05-04T06:30:00.Z",
            "2017-05-04T06:30:00.1234567890Z",
            "２017-05-04T06:30:00Z",
        ] {
            assert_eq!(quick_utc(s.as_bytes()), None, "{s}");
            let line =
                format!(r#"{{"id":"x","at":"{s}","seat":"s","seq":1,"type":"meeting_started"}}"#);
            let ours = serde_json::from_str::<Event>(&line).map(|e| e.at).ok();
            let chrono = s.parse::<DateTime<Utc>>().ok();
            assert_eq!(ours, chrono, "{s}");
        }
    }

    #[test]
    fn unknown_fields_are_ignored_and_missing_ones_named() {
        let ok = r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"left_early","participant":"p1","future":[1,2]}"#;
        assert!(serde_json::from_str::<Event>(ok).is_ok());
        let missing = r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"excused","participant":"p1"}"#;
        let err = serde_json::from_str::<Event>(missing)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("`excused`") && err.contains("`reason`"),
            "{err}"
        );
        let unknown =
            r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"teleported"}"#;
        let err = serde_json::from_str::<Event>(unknown)
            .unwrap_err()
            .to_string();
        assert!(err.contains("teleported"), "{err}");
        let bad_status = r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"status_corrected","participant":"p1","status":"asleep"}"#;
        let err = serde_json::from_str::<Event>(bad_status)
            .unwrap_err()
            .to_string();
        assert!(err.contains("asleep"), "{err}");
    }
}
