//! Read-only questions about a meeting that several front ends ask.

use serde::Serialize;

use super::anomaly::Anomaly;
use super::meeting::{Counts, CountsSource, ItemStatus, Meeting};
use crate::i18n::Lang;

/// WHO resolution lives with the name search, whose tiers it follows.
pub use crate::search::who::{Who, resolve_who};

/// A time of day typed by a person (`16:05`, `16:05:30`, or `2017-05-04 16:05`), in the
/// meeting's time zone and, without a date, on the meeting's day.
pub fn time_on_meeting_day(m: &Meeting, text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::{NaiveDateTime, NaiveTime, TimeZone};
    let text = text.trim().replace('：', ":");
    let tz = *m.agenda.meeting.start.offset();
    let local = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
    .or_else(|| {
        ["%H:%M:%S", "%H:%M"]
            .iter()
            .find_map(|f| NaiveTime::parse_from_str(&text, f).ok())
            .map(|t| m.agenda.meeting.date.and_time(t))
    })?;
    tz.from_local_datetime(&local)
        .single()
        .map(|t| t.with_timezone(&chrono::Utc))
}

/// The stable shape of `huiwu status --json` (documented in `docs/status-json.md`).
#[derive(Debug, Clone, Serialize)]
pub struct StatusReport {
    pub meeting: MeetingSummary,
    pub total: Counts,
    pub venues: Vec<VenueSummary>,
    pub current_item: Option<CurrentItem>,
    pub open_actions: Vec<ActionSummary>,
    pub events: usize,
    /// What several seats recorded that a person should look at (docs/seats.md).
    pub anomalies: Vec<AnomalyReport>,
}

/// An anomaly with what it means and what to do, in the report's language.
#[derive(Debug, Clone, Serialize)]
pub struct AnomalyReport {
    #[serde(flatten)]
    pub anomaly: Anomaly,
    pub message: String,
    pub advice: String,
}

/// The anomalies of a meeting, described in `lang`.
pub fn anomaly_reports(
    m: &Meeting,
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
) -> Vec<AnomalyReport> {
    let tz = *m.agenda.meeting.start.offset();
    m.anomalies(now)
        .into_iter()
        .map(|a| AnomalyReport {
            message: a.message(lang, tz),
            advice: a.advice(lang).to_string(),
            anomaly: a,
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingSummary {
    pub id: String,
    pub title: String,
    pub date: chrono::NaiveDate,
    pub scheduled_start: chrono::DateTime<chrono::FixedOffset>,
    pub scheduled_end: chrono::DateTime<chrono::FixedOffset>,
    pub started_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub ended_at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VenueSummary {
    pub id: String,
    pub name: String,
    pub kind: super::agenda::VenueKind,
    pub sign_in: super::agenda::SignInMode,
    pub counts: Counts,
    /// Where `counts` come from: `sign_in` (its people signed in), `roll_call` (the
    /// figures its roll call reported: nobody of it is signed in here), or `plan`.
    pub counts_from: CountsSource,
    pub roll_call_answered: bool,
    pub video: super::event::LinkState,
    pub audio: super::event::LinkState,
}

#[derive(Debug, Clone, Serialize)]
pub struct CurrentItem {
    pub id: String,
    pub title: String,
    pub status: ItemStatus,
    pub planned_minutes: i64,
    pub elapsed_seconds: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionSummary {
    pub id: String,
    pub text: String,
    pub owners: Vec<String>,
    pub due: Option<chrono::NaiveDate>,
    pub item: Option<String>,
}

pub fn status_report(m: &Meeting, now: chrono::DateTime<chrono::Utc>) -> StatusReport {
    status_report_in(m, now, Lang::from(m.agenda.meeting.language))
}

/// [`status_report`] with the anomalies described in `lang`.
pub fn status_report_in(
    m: &Meeting,
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
) -> StatusReport {
    let a = &m.agenda;
    let tz = *a.meeting.start.offset();
    let venues = a
        .venues
        .iter()
        .enumerate()
        .map(|(i, v)| VenueSummary {
            id: v.id.clone(),
            name: v.name.clone(),
            kind: v.kind,
            sign_in: v.sign_in,
            counts: m.venue_counts(i),
            counts_from: m.counts_source(i),
            roll_call_answered: m.venues[i].roll_call.is_some(),
            video: m.venues[i].video,
            audio: m.venues[i].audio,
        })
        .collect();
    let current_item = m.current_item.as_ref().and_then(|id| {
        let i = m.item(id)?;
        let flat = a.flat_items();
        let st = &m.items[i];
        Some(CurrentItem {
            id: id.clone(),
            title: flat[i].item.title.clone(),
            status: st.status,
            planned_minutes: flat[i].item.effective_minutes(),
            elapsed_seconds: st.elapsed(now).num_seconds(),
        })
    });
    StatusReport {
        meeting: MeetingSummary {
            id: a.meeting.id.clone(),
            title: a.meeting.title.clone(),
            date: a.meeting.date,
            scheduled_start: a.meeting.start,
            scheduled_end: a.meeting.end,
            started_at: m.started_at.map(|t| t.with_timezone(&tz)),
            ended_at: m.ended_at.map(|t| t.with_timezone(&tz)),
        },
        total: m.total_counts(),
        venues,
        current_item,
        open_actions: m
            .open_actions()
            .map(|x| ActionSummary {
                id: x.id.clone(),
                text: x.text.clone(),
                owners: x.owners.iter().map(|o| m.owner_label(o)).collect(),
                due: x.due,
                item: x.item.clone(),
            })
            .collect(),
        events: m.events_applied,
        anomalies: anomaly_reports(m, now, lang),
    }
}
