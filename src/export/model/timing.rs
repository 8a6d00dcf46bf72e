//! Planned and actual times of the agenda items (the JSON export's `items`).

use chrono::{DateTime, Duration, Utc};

use super::text::clean;
use crate::core::agenda::PersonRef;
use crate::core::meeting::{ItemStatus, Meeting};

// ---------------------------------------------------------------------------------------
// Agenda item timings (shared with the JSON export)

#[derive(Debug, Clone)]
pub struct ItemTiming {
    pub id: String,
    /// `1`, `2`, `2.1`
    pub number: String,
    pub parent: Option<String>,
    pub title: String,
    pub speaker: Option<PersonRef>,
    pub planned_minutes: i64,
    pub planned_start: DateTime<Utc>,
    pub planned_end: DateTime<Utc>,
    pub status: ItemStatus,
    pub actual_start: Option<DateTime<Utc>>,
    /// Set once the item (every sub-item, for a parent) has ended or been skipped.
    pub actual_end: Option<DateTime<Utc>>,
    pub elapsed: Duration,
    /// How much longer than planned it took (or has taken so far), when it did.
    pub overrun: Option<Duration>,
}

/// Planned and actual times of every item in agenda order (parents before their
/// sub-items). Planned times run back to back from the scheduled start; a parent's actual
/// times and elapsed time are those of its sub-items together.
pub fn item_timings(m: &Meeting, now: DateTime<Utc>) -> Vec<ItemTiming> {
    let flat = m.agenda.flat_items();
    let mut out: Vec<ItemTiming> = Vec::with_capacity(flat.len());
    let mut cursor = m.scheduled_start();
    let mut sub_cursor = cursor;
    for (i, f) in flat.iter().enumerate() {
        let planned = f.item.effective_minutes();
        let start = if f.parent.is_some() {
            sub_cursor
        } else {
            cursor
        };
        let end = start + Duration::minutes(planned);
        if f.parent.is_some() {
            sub_cursor = end;
        } else {
            sub_cursor = start;
            cursor = end;
        }
        let st = &m.items[i];
        out.push(ItemTiming {
            id: f.item.id.clone(),
            number: f.number.clone(),
            parent: f.parent.cloned(),
            title: clean(&f.item.title),
            speaker: f.item.speaker.clone(),
            planned_minutes: planned,
            planned_start: start,
            planned_end: end,
            status: st.status,
            actual_start: st.first_start,
            actual_end: match st.status {
                ItemStatus::Ended | ItemStatus::Skipped => st.last_end,
                _ => None,
            },
            elapsed: st.elapsed(now),
            overrun: None,
        });
    }
    // Parents take their sub-items' times.
    for (pi, f) in flat.iter().enumerate() {
        if f.item.items.is_empty() {
            continue;
        }
        let subs: Vec<&ItemTiming> = out
            .iter()
            .filter(|t| t.parent.as_deref() == Some(f.item.id.as_str()))
            .collect();
        let first = subs.iter().filter_map(|t| t.actual_start).min();
        let all_done = subs
            .iter()
            .all(|t| matches!(t.status, ItemStatus::Ended | ItemStatus::Skipped));
        let last = if all_done {
            subs.iter()
                .filter_map(|t| t.actual_end.or(t.actual_start))
                .max()
        } else {
            None
        };
        let elapsed = subs.iter().fold(Duration::zero(), |a, t| a + t.elapsed);
        let status = if subs.iter().any(|t| t.status == ItemStatus::Running) {
            ItemStatus::Running
        } else if all_done && subs.iter().all(|t| t.status == ItemStatus::Skipped) {
            ItemStatus::Skipped
        } else if all_done {
            ItemStatus::Ended
        } else if first.is_some() {
            ItemStatus::Paused
        } else {
            ItemStatus::Pending
        };
        let p = &mut out[pi];
        p.actual_start = first.or(p.actual_start);
        p.actual_end = last.or(p.actual_end);
        p.elapsed = elapsed.max(p.elapsed);
        p.status = status;
    }
    for t in &mut out {
        let planned = Duration::minutes(t.planned_minutes);
        if t.status != ItemStatus::Pending && t.planned_minutes > 0 && t.elapsed > planned {
            t.overrun = Some(t.elapsed - planned);
        }
    }
    out
}
