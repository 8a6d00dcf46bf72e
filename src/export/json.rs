//! The whole meeting as JSON: the plan (the agenda), the record (the events) and the state
//! derived from both, for other tools to read. The shape is documented in
//! `docs/export-json.md` and versioned by the top-level `format` field: fields may be
//! added within a version, never renamed or removed.
//!
//! Unlike the human-facing formats, strings are exported exactly as recorded (no bidi
//! controls removed): this is the archive. Phone numbers are left out unless asked for.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Serialize;

use super::Options;
use super::model::{Clock, item_timings};
use crate::core::agenda::{Agenda, OwnerRef, PersonRef, Role, SignInMode, SpeechKind, VenueKind};
use crate::core::event::{Event, LinkState};
use crate::core::meeting::{
    ActionStatus, Counts, CountsSource, ItemStatus, Meeting, RollCall, SpeakerTotal, SpeechStatus,
    StandIn, Status,
};
use crate::core::query::{AnomalyReport, anomaly_reports};

/// The version of the shape below. Bump it only for a change that breaks a reader.
pub const FORMAT_VERSION: u32 = 1;

type Time = DateTime<FixedOffset>;

#[derive(Serialize)]
pub struct Export<'a> {
    pub format: u32,
    pub generator: String,
    pub generated_at: Time,
    pub contacts_included: bool,
    pub agenda: Cow<'a, Agenda>,
    pub events: &'a [Event],
    pub state: State<'a>,
}

#[derive(Serialize)]
pub struct State<'a> {
    pub started_at: Option<Time>,
    pub ended_at: Option<Time>,
    pub current_item: Option<&'a str>,
    pub agenda_changed: bool,
    pub orphan_events: usize,
    /// What several seats recorded that a person should look at (docs/seats.md).
    pub anomalies: Vec<AnomalyReport>,
    pub total: Counts,
    pub venues: Vec<VenueJson<'a>>,
    pub people: Vec<PersonJson<'a>>,
    pub items: Vec<ItemJson>,
    pub notes: Vec<NoteJson<'a>>,
    pub actions: Vec<ActionJson<'a>>,
    /// Every speech, planned or added, in agenda and speaking order.
    pub speeches: Vec<SpeechJson<'a>>,
    /// Each speaker's speeches and time, in the order they first spoke.
    pub speaking_totals: Vec<SpeakerTotal>,
}

#[derive(Serialize)]
pub struct SpeechJson<'a> {
    pub id: &'a str,
    pub item: &'a str,
    pub planned: bool,
    pub participant: Option<&'a str>,
    /// As shown: the name, or the venue's representative.
    pub speaker: String,
    pub unit: &'a str,
    pub title: &'a str,
    pub venue: Option<&'a str>,
    pub kind: SpeechKind,
    pub topic: &'a str,
    pub limit_seconds: Option<u32>,
    pub status: SpeechStatus,
    pub started_at: Option<Time>,
    pub ended_at: Option<Time>,
    /// The seat that started it.
    pub started_by: Option<&'a str>,
    pub elapsed_seconds: i64,
    pub overrun_seconds: i64,
}

#[derive(Serialize)]
pub struct VenueJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: VenueKind,
    pub sign_in: SignInMode,
    pub counts: Counts,
    /// Where `counts` come from: `sign_in`, `roll_call` (reported) or `plan`.
    pub counts_from: CountsSource,
    pub roll_call: Option<RollCallJson<'a>>,
    pub video: LinkState,
    pub audio: LinkState,
    pub link_checked_at: Option<Time>,
}

#[derive(Serialize)]
pub struct RollCallJson<'a> {
    pub expected: u32,
    pub present: u32,
    pub excused: u32,
    pub absent: u32,
    pub note: &'a str,
    pub at: Time,
}

#[derive(Serialize)]
pub struct PersonJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub unit: &'a str,
    pub title: &'a str,
    pub venue: &'a str,
    pub role: Role,
    pub walk_in: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<&'a str>,
    pub status: Status,
    /// Counted in 实到.
    pub present: bool,
    pub arrived_at: Option<Time>,
    pub late: bool,
    pub left_at: Option<Time>,
    pub excused_reason: Option<&'a str>,
    pub stand_in: Option<StandInJson<'a>>,
}

#[derive(Serialize)]
pub struct StandInJson<'a> {
    pub name: &'a str,
    pub unit: &'a str,
    pub at: Time,
}

#[derive(Serialize)]
pub struct ItemJson {
    pub id: String,
    pub number: String,
    pub parent: Option<String>,
    pub title: String,
    pub planned_minutes: i64,
    pub planned_start: Time,
    pub planned_end: Time,
    pub status: ItemStatus,
    pub actual_start: Option<Time>,
    pub actual_end: Option<Time>,
    pub elapsed_seconds: i64,
    pub overrun_seconds: i64,
}

#[derive(Serialize)]
pub struct NoteJson<'a> {
    pub id: &'a str,
    pub item: Option<&'a str>,
    pub text: &'a str,
    pub decision: bool,
    pub at: Time,
    pub edited_at: Option<Time>,
    pub seat: &'a str,
}

#[derive(Serialize)]
pub struct OwnerJson<'a> {
    #[serde(flatten)]
    pub owner: &'a OwnerRef,
    pub label: String,
}

#[derive(Serialize)]
pub struct AssignedByJson<'a> {
    #[serde(flatten)]
    pub person: &'a PersonRef,
    pub label: String,
}

#[derive(Serialize)]
pub struct ActionJson<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub owners: Vec<OwnerJson<'a>>,
    pub due: Option<NaiveDate>,
    pub due_text: Option<&'a str>,
    pub item: Option<&'a str>,
    pub assigned_by: Option<AssignedByJson<'a>>,
    pub status: ActionStatus,
    pub overdue: bool,
    pub added_at: Option<Time>,
    pub done_at: Option<Time>,
}

/// The agenda as exported: phone numbers removed unless contacts are included.
fn agenda_for_export(a: &Agenda, include_contacts: bool) -> Cow<'_, Agenda> {
    let has_phones = a.participants.iter().any(|p| p.phone.is_some())
        || a.venues
            .iter()
            .any(|v| v.contact.as_ref().is_some_and(|c| c.phone.is_some()));
    if include_contacts || !has_phones {
        return Cow::Borrowed(a);
    }
    let mut a = a.clone();
    for p in &mut a.participants {
        p.phone = None;
    }
    for v in &mut a.venues {
        if let Some(c) = &mut v.contact {
            c.phone = None;
        }
    }
    Cow::Owned(a)
}

pub fn build<'a>(m: &'a Meeting, events: &'a [Event], opts: &Options) -> Export<'a> {
    let clock = Clock::of(m, opts.lang);
    let t = |u: DateTime<Utc>| clock.local(u);
    let today = t(opts.now).date_naive();
    let roster_len = m.agenda.participants.len();
    let venues = m
        .agenda
        .venues
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let st = &m.venues[i];
            VenueJson {
                id: &v.id,
                name: &v.name,
                kind: v.kind,
                sign_in: v.sign_in,
                counts: m.venue_counts(i),
                counts_from: m.counts_source(i),
                roll_call: st.roll_call.as_ref().map(|r: &RollCall| RollCallJson {
                    expected: r.expected,
                    present: r.present,
                    excused: r.excused,
                    absent: r.absent,
                    note: &r.note,
                    at: t(r.at),
                }),
                video: st.video,
                audio: st.audio,
                link_checked_at: st.link_checked_at.map(t),
            }
        })
        .collect();
    let people = m
        .people
        .iter()
        .zip(&m.attendance)
        .enumerate()
        .map(|(i, (p, a))| PersonJson {
            id: &p.id,
            name: &p.name,
            unit: &p.unit,
            title: &p.title,
            venue: &p.venue,
            role: p.role,
            walk_in: i >= roster_len,
            phone: if opts.include_contacts {
                p.phone.as_deref()
            } else {
                None
            },
            status: a.status(),
            present: a.is_present(),
            arrived_at: a.arrived.map(t),
            late: a.late,
            left_at: a.left.map(t),
            excused_reason: a.excused.as_deref(),
            stand_in: a.stand_in.as_ref().map(|s: &StandIn| StandInJson {
                name: &s.name,
                unit: &s.unit,
                at: t(s.at),
            }),
        })
        .collect();
    // Item titles raw (the timings clean them for display; the archive keeps them as typed).
    let flat = m.agenda.flat_items();
    let items = item_timings(m, opts.now)
        .into_iter()
        .zip(&flat)
        .map(|(it, f)| ItemJson {
            id: it.id,
            number: it.number,
            parent: it.parent,
            title: f.item.title.clone(),
            planned_minutes: it.planned_minutes,
            planned_start: t(it.planned_start),
            planned_end: t(it.planned_end),
            status: it.status,
            actual_start: it.actual_start.map(t),
            actual_end: it.actual_end.map(t),
            elapsed_seconds: it.elapsed.num_seconds(),
            overrun_seconds: it.overrun.map_or(0, |d| d.num_seconds()),
        })
        .collect();
    let notes = m
        .notes
        .iter()
        .map(|n| NoteJson {
            id: &n.id,
            item: n.item.as_deref(),
            text: &n.text,
            decision: n.decision,
            at: t(n.at),
            edited_at: n.edited_at.map(t),
            seat: &n.seat,
        })
        .collect();
    let actions = m
        .actions
        .iter()
        .map(|a| ActionJson {
            id: &a.id,
            text: &a.text,
            owners: a
                .owners
                .iter()
                .map(|o| OwnerJson {
                    owner: o,
                    label: m.owner_label(o),
                })
                .collect(),
            due: a.due,
            due_text: a.due_text.as_deref(),
            item: a.item.as_deref(),
            assigned_by: a.assigned_by.as_ref().map(|p| AssignedByJson {
                person: p,
                label: m.person_label(p),
            }),
            status: a.status,
            overdue: a.is_overdue(today),
            added_at: a.added_at.map(t),
            done_at: a.done_at.map(t),
        })
        .collect();
    let speeches = m
        .speeches_in_order()
        .into_iter()
        .map(|s| {
            let c = s.countdown(opts.now);
            let sp = &s.speaker;
            SpeechJson {
                id: &s.id,
                item: &s.item,
                planned: s.planned,
                participant: sp.participant.as_deref(),
                speaker: m.speaker_label(sp, opts.lang),
                unit: &sp.unit,
                title: &sp.title,
                venue: sp.venue.as_deref(),
                kind: sp.kind,
                topic: &sp.topic,
                limit_seconds: sp.limit_seconds,
                status: s.status,
                started_at: s.first_start.map(t),
                ended_at: s.last_end.map(t),
                started_by: s.started_by.as_deref(),
                elapsed_seconds: c.elapsed.num_seconds(),
                overrun_seconds: c.overrun().num_seconds(),
            }
        })
        .collect();
    Export {
        format: FORMAT_VERSION,
        generator: format!("huiwu {}", env!("CARGO_PKG_VERSION")),
        generated_at: t(opts.now),
        contacts_included: opts.include_contacts,
        agenda: agenda_for_export(&m.agenda, opts.include_contacts),
        events,
        state: State {
            started_at: m.started_at.map(t),
            ended_at: m.ended_at.map(t),
            current_item: m.current_item.as_deref(),
            agenda_changed: m.agenda_changed,
            orphan_events: m.orphans,
            anomalies: anomaly_reports(m, opts.now, opts.lang),
            total: m.total_counts(),
            venues,
            people,
            items,
            notes,
            actions,
            speeches,
            speaking_totals: m.speaking_totals(opts.now),
        },
    }
}

/// Pretty-printed JSON with a final newline.
pub fn render(m: &Meeting, events: &[Event], opts: &Options) -> Result<String, serde_json::Error> {
    // Sized up front: growing a 30 MB buffer by doubling copies it a dozen times.
    let estimate = 4096 + m.people.len() * 900 + events.len() * 250;
    let mut buf = Vec::with_capacity(estimate);
    // Strings exactly as recorded; what a terminal would act on is `\u` escaped, so the
    // file is safe to print too.
    crate::sanitize::json::to_writer_pretty(&mut buf, &build(m, events, opts))?;
    buf.push(b'\n');
    Ok(String::from_utf8(buf).expect("serde_json writes UTF-8"))
}
