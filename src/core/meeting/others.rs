//! Everything but attendance in the fold: the meeting's start and end, the agenda's
//! timers, roll calls and links, notes and actions. These events are few, so they are
//! kept in fold order and folded again whole when one arrives out of order.
//!
//! Rules (docs/seats.md):
//! - the agenda belongs to the seat of the first agenda event in fold order; another
//!   seat's agenda events still apply in order, and are listed as an anomaly;
//! - a note or action id that two seats both gave out (offline) stays with the first in
//!   fold order; the other goes by `ID-2` (`-3`, ...), and edits reach each through
//!   `Event::of`.

use chrono::{DateTime, Utc};

use super::{
    ActionItem, ActionStatus, Headcount, ItemState, ItemStatus, Meeting, Note, RollCall, VenueState,
};
use crate::core::event::{Event, EventKind, LinkState};

/// What folding the other events found besides the state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Facts {
    /// Events naming an item, venue, note or action the meeting does not have.
    pub(super) orphans: usize,
    /// The seat that drives the agenda: the seat of the first agenda event.
    pub(super) agenda_owner: Option<String>,
    /// Other seats' agenda events: (seat, how many, the first one's time).
    pub(super) foreign_agenda: Vec<(String, usize, DateTime<Utc>)>,
    /// Ids two seats both gave out.
    pub(super) collisions: Vec<Collision>,
}

/// A note or action id given out twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Collision {
    pub(super) action: bool,
    pub(super) id: String,
    /// The seat whose item kept the id, if known (a deleted one's is not).
    pub(super) kept_by: Option<String>,
    pub(super) seat: String,
    pub(super) renamed: String,
    pub(super) at: DateTime<Utc>,
}

impl Meeting {
    /// Fold a non-attendance event in its place.
    pub(super) fn apply_other(&mut self, e: &Event) {
        let in_order = self.others.last().is_none_or(|l| l.key() < e.key());
        if in_order {
            self.others.push(e.clone());
            self.fold_other(e);
            return;
        }
        let pos = self.others.partition_point(|x| x.key() < e.key());
        self.others.insert(pos, e.clone());
        self.refold_others();
    }

    /// The agenda's side folded again from the plan and every other event, in order.
    pub(super) fn refold_others(&mut self) {
        self.reset_others();
        // A copy: folding looks events up in the list (who kept an id).
        for e in self.others.clone() {
            self.fold_other(&e);
        }
    }

    /// The state before any other event: the agenda's plan.
    pub(super) fn reset_others(&mut self) {
        let agenda = self.agenda.clone();
        self.venues = vec![
            VenueState {
                roll_call: None,
                video: LinkState::Unknown,
                audio: LinkState::Unknown,
                link_checked_at: None,
            };
            agenda.venues.len()
        ];
        self.items = vec![ItemState::new(); self.items.len()];
        self.current_item = None;
        self.last_item = None;
        self.notes.clear();
        self.speeches = self.planned_speeches();
        self.retired_ids.clear();
        self.actions = agenda
            .actions
            .iter()
            .map(|a| ActionItem {
                id: a.id.clone(),
                text: a.text.clone(),
                owners: a.owners.clone(),
                // A planned task said as `6月底前` without an ISO `due` gets the date the
                // phrase gives (`尽快` stays without one).
                due: a.due.or_else(|| {
                    let ctx = crate::core::due::Context::for_meeting(&agenda.meeting);
                    crate::core::due::resolve_in(a.due_text.as_deref()?, &ctx)
                        .ok()?
                        .date
                }),
                due_text: a.due_text.clone(),
                item: a.item.clone(),
                assigned_by: a.assigned_by.clone(),
                status: ActionStatus::Open,
                added_at: None,
                done_at: None,
                origin: None,
            })
            .collect();
        self.started_at = None;
        self.ended_at = None;
        self.agenda_changed = false;
        self.facts = Facts::default();
    }

    fn note_index(&self, note: &str, of: Option<&str>) -> Option<usize> {
        match of {
            Some(of) => self
                .notes
                .iter()
                .position(|n| n.origin.as_deref() == Some(of)),
            None => self.notes.iter().position(|n| n.id == note),
        }
    }

    fn action_index(&self, action: &str, of: Option<&str>) -> Option<usize> {
        match of {
            Some(of) => self
                .actions
                .iter()
                .position(|a| a.origin.as_deref() == Some(of)),
            None => self.actions.iter().position(|a| a.id == action),
        }
    }

    /// `id` unless a note or action (live or deleted) has it; then the first free
    /// `id-2`, `id-3`, ..., and the collision is noted.
    fn fresh_id(&mut self, id: &str, e: &Event, action: bool) -> String {
        let taken = |m: &Meeting, c: &str| {
            m.retired_ids.contains(c)
                || if action {
                    m.actions.iter().any(|a| a.id == c)
                } else {
                    m.notes.iter().any(|n| n.id == c)
                }
        };
        if !taken(self, id) {
            return id.to_string();
        }
        let renamed = (2..)
            .map(|n| format!("{id}-{n}"))
            .find(|c| !taken(self, c))
            .unwrap_or_else(|| format!("{id}-{}", e.seq));
        let kept_by = if action {
            self.actions
                .iter()
                .find(|a| a.id == id)
                .and_then(|a| a.origin.as_ref())
                .and_then(|o| self.others.iter().find(|x| x.id == *o))
                .map(|x| x.seat.clone())
        } else {
            self.notes
                .iter()
                .find(|n| n.id == id)
                .map(|n| n.seat.clone())
        };
        self.facts.collisions.push(Collision {
            action,
            id: id.to_string(),
            kept_by,
            seat: e.seat.clone(),
            renamed: renamed.clone(),
            at: e.at,
        });
        renamed
    }

    /// One non-attendance event's effect, in fold order.
    fn fold_other(&mut self, e: &Event) {
        if e.kind.drives_agenda() {
            match &self.facts.agenda_owner {
                None => self.facts.agenda_owner = Some(e.seat.clone()),
                Some(owner) if *owner != e.seat => {
                    match self
                        .facts
                        .foreign_agenda
                        .iter_mut()
                        .find(|(s, _, _)| *s == e.seat)
                    {
                        Some((_, n, _)) => *n += 1,
                        None => self.facts.foreign_agenda.push((e.seat.clone(), 1, e.at)),
                    }
                }
                Some(_) => {}
            }
        }
        self.speeches_follow(e);
        let of = e.of.as_deref();
        match &e.kind {
            EventKind::MeetingStarted { effective_at } => match effective_at {
                // A time given by hand (entered later, or a correction) is the opening.
                Some(t) => self.started_at = Some(*t),
                None => {
                    self.started_at.get_or_insert(e.at);
                }
            },
            EventKind::MeetingEnded { effective_at } => {
                let at = effective_at.unwrap_or(e.at);
                if let Some(cur) = self.current_item.take()
                    && let Some(i) = self.item(&cur)
                {
                    let st = &mut self.items[i];
                    st.close_segment(at);
                    st.status = ItemStatus::Ended;
                    st.last_end = Some(at);
                }
                // Every timer stops: an item left paused is over too.
                for st in &mut self.items {
                    if st.status == ItemStatus::Paused {
                        st.close_segment(at);
                        st.status = ItemStatus::Ended;
                    }
                }
                self.ended_at = Some(at);
            }
            EventKind::MeetingReopened => self.ended_at = None,
            EventKind::MeetingStartUndone => self.started_at = None,
            EventKind::HeadcountRecorded {
                note,
                expected,
                present,
            } => match self.note_index(note, of) {
                Some(i) => {
                    self.notes[i].headcount = Some(Headcount {
                        expected: *expected,
                        present: *present,
                    })
                }
                None => self.facts.orphans += 1,
            },
            EventKind::RollCallAnswered {
                venue,
                expected,
                present,
                excused,
                absent,
                note,
            } => match self.venue(venue) {
                Some(v) => {
                    self.venues[v].roll_call = Some(RollCall {
                        expected: *expected,
                        present: *present,
                        excused: *excused,
                        absent: *absent,
                        note: note.clone(),
                        at: e.at,
                    })
                }
                None => self.facts.orphans += 1,
            },
            EventKind::LinkChecked {
                venue,
                video,
                audio,
            } => match self.venue(venue) {
                Some(v) => {
                    let s = &mut self.venues[v];
                    s.video = *video;
                    s.audio = *audio;
                    s.link_checked_at = Some(e.at);
                }
                None => self.facts.orphans += 1,
            },
            EventKind::ItemStarted { item } | EventKind::ItemResumed { item } => {
                let Some(i) = self.item(item) else {
                    self.facts.orphans += 1;
                    return;
                };
                // Only one item runs at a time: starting one pauses a running other.
                if let Some(cur) = self.current_item.clone()
                    && cur != *item
                    && let Some(c) = self.item(&cur)
                {
                    let st = &mut self.items[c];
                    if st.status == ItemStatus::Running {
                        st.close_segment(e.at);
                        st.status = ItemStatus::Paused;
                    }
                }
                self.started_at.get_or_insert(e.at);
                let st = &mut self.items[i];
                st.first_start.get_or_insert(e.at);
                if st.running_since.is_none() {
                    st.running_since = Some(e.at);
                }
                st.status = ItemStatus::Running;
                self.current_item = Some(item.clone());
                self.last_item = Some(item.clone());
            }
            EventKind::ItemPaused { item } => {
                let Some(i) = self.item(item) else {
                    self.facts.orphans += 1;
                    return;
                };
                let st = &mut self.items[i];
                st.close_segment(e.at);
                if st.status == ItemStatus::Running {
                    st.status = ItemStatus::Paused;
                }
            }
            EventKind::ItemEnded { item } => {
                let Some(i) = self.item(item) else {
                    self.facts.orphans += 1;
                    return;
                };
                let st = &mut self.items[i];
                st.close_segment(e.at);
                st.status = ItemStatus::Ended;
                st.last_end = Some(e.at);
                if self.current_item.as_deref() == Some(item) {
                    self.current_item = None;
                }
            }
            EventKind::ItemSkipped { item } => {
                let Some(i) = self.item(item) else {
                    self.facts.orphans += 1;
                    return;
                };
                let st = &mut self.items[i];
                st.close_segment(e.at);
                st.status = ItemStatus::Skipped;
                if self.current_item.as_deref() == Some(item) {
                    self.current_item = None;
                }
            }
            EventKind::NoteRecorded {
                note,
                item,
                text,
                decision,
            } => {
                let id = self.fresh_id(note, e, false);
                self.notes.push(Note {
                    id,
                    item: item.clone(),
                    text: text.clone(),
                    decision: *decision,
                    at: e.at,
                    edited_at: None,
                    seat: e.seat.clone(),
                    headcount: None,
                    origin: Some(e.id.clone()),
                });
            }
            EventKind::NoteEdited {
                note,
                text,
                decision,
            } => match self.note_index(note, of) {
                Some(i) => {
                    let n = &mut self.notes[i];
                    n.text = text.clone();
                    n.decision = *decision;
                    n.edited_at = Some(e.at);
                }
                None => self.facts.orphans += 1,
            },
            EventKind::NoteDeleted { note } => match self.note_index(note, of) {
                Some(i) => {
                    let n = self.notes.remove(i);
                    self.retired_ids.insert(n.id);
                }
                None => self.facts.orphans += 1,
            },
            EventKind::ActionDeleted { action } => match self.action_index(action, of) {
                Some(i) => {
                    let a = self.actions.remove(i);
                    self.retired_ids.insert(a.id);
                }
                None => self.facts.orphans += 1,
            },
            EventKind::ActionAdded { action, fields } => {
                let id = self.fresh_id(action, e, true);
                let mut a = ActionItem {
                    id,
                    text: String::new(),
                    owners: Vec::new(),
                    due: None,
                    due_text: None,
                    item: None,
                    assigned_by: None,
                    status: ActionStatus::Open,
                    added_at: Some(e.at),
                    done_at: None,
                    origin: Some(e.id.clone()),
                };
                a.apply_fields(fields);
                self.actions.push(a);
            }
            EventKind::ActionEdited { action, fields } => match self.action_index(action, of) {
                Some(i) => self.actions[i].apply_fields(fields),
                None => self.facts.orphans += 1,
            },
            EventKind::ActionCompleted { action } => match self.action_index(action, of) {
                Some(i) => {
                    let a = &mut self.actions[i];
                    a.status = ActionStatus::Done;
                    a.done_at = Some(e.at);
                }
                None => self.facts.orphans += 1,
            },
            EventKind::ActionReopened { action } => match self.action_index(action, of) {
                Some(i) => {
                    let a = &mut self.actions[i];
                    a.status = ActionStatus::Open;
                    a.done_at = None;
                }
                None => self.facts.orphans += 1,
            },
            EventKind::AgendaChanged { .. } => self.agenda_changed = true,
            EventKind::SpeechAdded { .. }
            | EventKind::SpeechStarted { .. }
            | EventKind::SpeechStopped { .. }
            | EventKind::SpeechSkipped { .. }
            | EventKind::SpeechesReordered { .. } => self.fold_speech(e),
            // Attendance and unknown events are folded elsewhere.
            EventKind::SignedIn { .. }
            | EventKind::Excused { .. }
            | EventKind::StandIn { .. }
            | EventKind::LeftEarly { .. }
            | EventKind::WalkedIn(_)
            | EventKind::StatusCorrected { .. }
            | EventKind::Undone { .. }
            | EventKind::Unknown(_) => {}
        }
    }
}
